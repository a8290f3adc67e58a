//! Attempt allowances in Redis.
//!
//! Keys, under the prefix: `limit:<purpose>:<room or hash>` — attempts in the current window
//! (expires with it).

use std::sync::LazyLock;
use std::time::Duration;

use async_trait::async_trait;
use redis::Script;

use super::RedisStore;
use crate::store::{Allowed, AttemptStore, StoreResult};

// One script per operation, with the shared prelude (see `script`).
static ATTEMPT: LazyLock<Script> = lua!("attempts/attempt.lua");

#[async_trait]
impl AttemptStore for RedisStore {
    async fn attempt(&self, key: &str, max: u32, window: Duration) -> StoreResult<Allowed> {
        let mut call = self.call(&ATTEMPT);
        call.arg(key).arg(max).arg(Self::ms(window));
        let left: i64 = self.run(&call).await?;
        Ok(match u64::try_from(left) {
            Ok(ms) => Err(Duration::from_millis(ms)),
            Err(_) => Ok(()),
        })
    }
}
