//! The case counts in Redis.
//!
//! Keys, under the prefix (no time to live: they are the usage figures):
//! - `esc:counts` — hash of aggregate counts (see `store::case_counts::Counts`)
//! - `esc:waits` — list of recent waiting times (seconds), newest first

use std::sync::LazyLock;

use async_trait::async_trait;
use redis::Script;

use super::{RedisStore, unavailable};
use crate::store::case_counts::{Counts, RECENT_WAITS};
use crate::store::{CaseCountStore, StoreResult};

static COUNT: LazyLock<Script> = lua!("case_counts/count.lua");

#[async_trait]
impl CaseCountStore for RedisStore {
    async fn count_cases(&self, counts: &[(&str, u64)], wait: Option<u64>) -> StoreResult<()> {
        let mut call = self.call(&COUNT);
        call.arg(wait.map(|wait| wait.to_string()).unwrap_or_default())
            .arg(RECENT_WAITS);
        for (name, by) in counts {
            call.arg(*name).arg(*by);
        }
        self.run::<i64>(&call).await?;
        Ok(())
    }

    async fn case_counts(&self) -> StoreResult<Counts> {
        redis::cmd("HGETALL")
            .arg(format!("{}esc:counts", self.config.prefix))
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)
    }

    async fn recent_waits(&self) -> StoreResult<Vec<u64>> {
        redis::cmd("LRANGE")
            .arg(format!("{}esc:waits", self.config.prefix))
            .arg(0)
            .arg(-1)
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)
    }
}
