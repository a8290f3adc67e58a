//! Counselors on duty in Redis.
//!
//! Keys, under the prefix:
//! - `esc:duty` — hash: counselor's staff handle → on duty until (ms), renewed by their node
//!
//! Someone coming on or going off duty is told to every node on the `bus`
//! (`Bus::Duty`); a renewal is not news.

use std::sync::LazyLock;

use async_trait::async_trait;
use redis::Script;

use super::RedisStore;
use crate::store::{DutyStore, StoreResult};

static SET: LazyLock<Script> = lua!("duty/set.lua");
static ON_DUTY: LazyLock<Script> = lua!("duty/on_duty.lua");

#[async_trait]
impl DutyStore for RedisStore {
    async fn set_duty(&self, counselor: &str, until: Option<u64>) -> StoreResult<()> {
        let mut call = self.call(&SET);
        call.arg(counselor)
            .arg(until.map(|until| until.to_string()).unwrap_or_default());
        self.run::<i64>(&call).await?;
        Ok(())
    }

    async fn on_duty(&self, now: u64) -> StoreResult<Vec<String>> {
        let mut call = self.call(&ON_DUTY);
        call.arg(now);
        let mut handles: Vec<String> = self.run(&call).await?;
        handles.sort();
        Ok(handles)
    }
}
