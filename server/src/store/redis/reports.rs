//! Reports in Redis.
//!
//! Keys, under the prefix:
//! - `report:<id>` — hash: `j` the report (JSON), `r` the reporter's sid ('' once their
//!   session ended), `o` the outcome ('' until resolved), `t` 1 once the reporter was told
//! - `r:<room>:reports` — sorted set of the room's report ids by time (the end of the
//!   room's sitting erases them and their records: `erase` in the prelude)
//! - `s:<sid>:reports` — set of the ids a session filed, with the session's time to live

use std::sync::LazyLock;

use async_trait::async_trait;
use ibasho_protocol::ReportOutcome;
use redis::Script;

use super::{RedisStore, code, corrupt, parse_code};
use crate::store::{Report, ReportStore, Resolved, StoreResult, session_key};
use crate::token::SessionToken;

static FILE: LazyLock<Script> = lua!("reports/file.lua");
static UNRESOLVED: LazyLock<Script> = lua!("reports/unresolved.lua");
static RESOLVE: LazyLock<Script> = lua!("reports/resolve.lua");
static TAKE: LazyLock<Script> = lua!("reports/take.lua");

fn decode(json: &str) -> StoreResult<Report> {
    serde_json::from_str(json).map_err(|_| corrupt("a report"))
}

#[async_trait]
impl ReportStore for RedisStore {
    async fn file_report(
        &self,
        report: &Report,
        reporter: &SessionToken,
        keep: std::time::Duration,
    ) -> StoreResult<()> {
        let json = serde_json::to_string(report).map_err(|_| corrupt("a report"))?;
        let mut call = self.call(&FILE);
        call.arg(&report.id)
            .arg(&report.room)
            .arg(json)
            .arg(session_key(reporter))
            .arg(report.at.as_millisecond())
            .arg(RedisStore::ms(keep));
        self.run::<i64>(&call).await.map(drop)
    }

    async fn unresolved_reports(&self, room: &str) -> StoreResult<Vec<Report>> {
        let mut call = self.call(&UNRESOLVED);
        call.arg(room);
        let found: Vec<String> = self.run(&call).await?;
        found.iter().map(|json| decode(json)).collect()
    }

    async fn resolve_report(
        &self,
        id: &str,
        outcome: ReportOutcome,
    ) -> StoreResult<Option<Resolved>> {
        let mut call = self.call(&RESOLVE);
        call.arg(id).arg(code(Some(outcome)));
        let found: Option<(String, String, i64)> = self.run(&call).await?;
        found
            .map(|(json, reporter, first)| {
                Ok(Resolved {
                    report: decode(&json)?,
                    reporter: Some(reporter).filter(|sid| !sid.is_empty()),
                    first: first == 1,
                })
            })
            .transpose()
    }

    async fn take_outcomes(
        &self,
        reporter: &str,
        only: Option<&str>,
    ) -> StoreResult<Vec<(String, ReportOutcome)>> {
        let mut call = self.call(&TAKE);
        call.arg(reporter).arg(only.unwrap_or(""));
        let found: Vec<String> = self.run(&call).await?;
        let mut taken = found
            .chunks_exact(2)
            .map(|pair| {
                parse_code(&pair[1])
                    .map(|outcome| (pair[0].clone(), outcome))
                    .ok_or_else(|| corrupt("an outcome"))
            })
            .collect::<StoreResult<Vec<_>>>()?;
        taken.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(taken)
    }
}
