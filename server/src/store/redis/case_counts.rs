//! The recent waits in Redis.
//!
//! Keys, under the prefix:
//! - `esc:waits` — list of recent waiting times (seconds), newest first

use std::sync::LazyLock;

use async_trait::async_trait;
use redis::Script;

use super::{RedisStore, unavailable};
use crate::store::case_counts::RECENT_WAITS;
use crate::store::{CaseCountStore, StoreResult};

static COUNT: LazyLock<Script> = lua!("case_counts/count.lua");

#[async_trait]
impl CaseCountStore for RedisStore {
    async fn note_wait(&self, wait: u64) -> StoreResult<()> {
        let mut call = self.call(&COUNT);
        call.arg(wait).arg(RECENT_WAITS);
        self.run::<i64>(&call).await?;
        Ok(())
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
