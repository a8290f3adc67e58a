//! The voice in Redis.
//!
//! Keys, under the prefix:
//! - `voice:m:<YYYY-MM>` — hash: a random id → a record (JSON: day, room, about, rating,
//!   comment); erased after the retention
//! - `voice:months` — set of the months that have records
//! - `voice:once:<hash>` — a hash of a session and what it answered about; expires by itself

use std::sync::LazyLock;

use async_trait::async_trait;
use std::time::Duration;

use redis::Script;

use super::{RedisStore, unavailable};
use crate::store::voice::VoiceRecord;
use crate::store::{StoreError, StoreResult, VoiceStore};

static ADD: LazyLock<Script> = lua!("voice/add.lua");
static ERASE: LazyLock<Script> = lua!("voice/erase.lua");

#[async_trait]
impl VoiceStore for RedisStore {
    async fn add_voice(
        &self,
        once: &str,
        once_for: Duration,
        record: &VoiceRecord,
    ) -> StoreResult<bool> {
        let json = serde_json::to_string(record)
            .map_err(|_| StoreError::Unavailable("encoding".into()))?;
        let id: [u8; 8] = rand::random();
        let mut call = self.call(&ADD);
        call.arg(once)
            .arg(
                u64::try_from(once_for.as_millis())
                    .unwrap_or(u64::MAX)
                    .max(1),
            )
            .arg(record.month())
            .arg(crate::store::hex(&id))
            .arg(json);
        Ok(self.run::<i64>(&call).await? == 1)
    }

    async fn voices(&self, month: &str) -> StoreResult<Vec<VoiceRecord>> {
        let records: Vec<String> = redis::cmd("HVALS")
            .arg(format!("{}voice:m:{month}", self.config.prefix))
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        Ok(records
            .iter()
            .filter_map(|json| serde_json::from_str(json).ok())
            .collect())
    }

    async fn erase_voices_before(&self, month: &str) -> StoreResult<()> {
        let mut call = self.call(&ERASE);
        call.arg(month);
        self.run::<i64>(&call).await?;
        Ok(())
    }
}
