//! The audit log in Redis.
//!
//! Keys, under the prefix:
//! - `audit` — sorted set by time (ms) of `<sequence>\n<entry json>`
//! - `audit:seq` — the sequence that keeps equal entries apart

use std::sync::LazyLock;
use std::time::Duration;

use async_trait::async_trait;
use jiff::Timestamp;
use redis::Script;

use super::{RedisStore, corrupt, unavailable};
use crate::store::{AuditEntry, AuditLogStore, StoreResult};

static APPEND: LazyLock<Script> = lua!("audit_log/append.lua");

#[async_trait]
impl AuditLogStore for RedisStore {
    async fn append_audit(&self, entry: &AuditEntry, keep: Duration) -> StoreResult<()> {
        let json = serde_json::to_string(entry).map_err(|_| corrupt("an audit entry"))?;
        let mut call = self.call(&APPEND);
        call.arg(entry.at.as_millisecond())
            .arg(json)
            .arg(RedisStore::ms(keep));
        self.run::<i64>(&call).await.map(drop)
    }

    async fn audit_entries(
        &self,
        from: Option<Timestamp>,
        to: Option<Timestamp>,
    ) -> StoreResult<Vec<AuditEntry>> {
        let bound = |at: Option<Timestamp>, open: &str| {
            at.map_or_else(|| open.to_owned(), |at| at.as_millisecond().to_string())
        };
        let members: Vec<String> = redis::cmd("ZRANGE")
            .arg(format!("{}audit", self.config.prefix))
            .arg(bound(from, "-inf"))
            .arg(bound(to, "+inf"))
            .arg("BYSCORE")
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        members
            .iter()
            .map(|member| {
                let json = member
                    .split_once('\n')
                    .map_or(member.as_str(), |(_, json)| json);
                serde_json::from_str(json).map_err(|_| corrupt("an audit entry"))
            })
            .collect()
    }
}
