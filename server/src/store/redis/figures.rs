//! The figures in Redis: every count one atomic script, so two nodes never count one visit
//! twice nor lose one.
//!
//! Keys, under the prefix:
//! - `fig:d:<YYYY-MM-DD>` — hash: figure key → total (no time to live: they are the figures)
//! - `fig:seen:<sitting>` — hash: member hash → the day of their visit (empty once they
//!   spoke); expires after the sitting

use std::sync::LazyLock;

use async_trait::async_trait;
use redis::Script;

use super::{RedisStore, unavailable};
use crate::store::figures::{DayTotals, Totals, Visit};
use crate::store::{FigureStore, StoreResult};

static ADD: LazyLock<Script> = lua!("figures/add.lua");
static RAISE: LazyLock<Script> = lua!("figures/raise.lua");
static VISIT: LazyLock<Script> = lua!("figures/visit.lua");

#[async_trait]
impl FigureStore for RedisStore {
    async fn add_figures(&self, day: &str, counts: &[(String, u64)]) -> StoreResult<()> {
        if counts.is_empty() {
            return Ok(());
        }
        let mut call = self.call(&ADD);
        call.arg(day);
        for (key, by) in counts {
            call.arg(key).arg(*by);
        }
        self.run::<i64>(&call).await?;
        Ok(())
    }

    async fn raise_figure(&self, day: &str, key: &str, value: u64) -> StoreResult<()> {
        let mut call = self.call(&RAISE);
        call.arg(day).arg(key).arg(value);
        self.run::<i64>(&call).await?;
        Ok(())
    }

    async fn visit(&self, visit: &Visit<'_>) -> StoreResult<()> {
        let mut call = self.call(&VISIT);
        call.arg(visit.day)
            .arg(visit.sitting)
            .arg(
                u64::try_from(visit.keep_for.as_millis())
                    .unwrap_or(u64::MAX)
                    .max(1),
            )
            .arg(visit.member)
            .arg(if visit.spoke { "1" } else { "0" })
            .arg(visit.listening)
            .arg(visit.first_of_sitting.len())
            .arg(visit.first_of_member.len())
            .arg(visit.always.len());
        for key in visit.first_of_sitting.iter().chain(visit.first_of_member) {
            call.arg(key);
        }
        for (key, by) in visit.always {
            call.arg(key).arg(*by);
        }
        self.run::<i64>(&call).await?;
        Ok(())
    }

    async fn figures(&self, days: &[String]) -> StoreResult<Totals> {
        let mut pipe = redis::pipe();
        for day in days {
            pipe.cmd("HGETALL")
                .arg(format!("{}fig:d:{day}", self.config.prefix));
        }
        let answers: Vec<DayTotals> = pipe
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        Ok(days
            .iter()
            .cloned()
            .zip(answers)
            .filter(|(_, totals)| !totals.is_empty())
            .collect())
    }
}
