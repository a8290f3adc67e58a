//! Alerts in Redis.
//!
//! Keys, under the prefix:
//! - `alert:<id>` — the alert (JSON), expiring after `ALERT_LIFETIME`
//! - `r:<room>:alerts` — sorted set of the room's alert ids by time (the end of the room's
//!   sitting erases them and their records: `erase` in the prelude)
//!
//! Raising one tells every node `room R a ID` on the bus: the id only, never the handle.

use std::sync::LazyLock;

use async_trait::async_trait;
use redis::Script;

use super::{RedisStore, corrupt};
use crate::store::alerts::ALERT_LIFETIME;
use crate::store::{AlertStore, StaffAlert, StoreResult};

static RAISE: LazyLock<Script> = lua!("alerts/raise.lua");
static UNRESOLVED: LazyLock<Script> = lua!("alerts/unresolved.lua");
static DISMISS: LazyLock<Script> = lua!("alerts/dismiss.lua");

#[async_trait]
impl AlertStore for RedisStore {
    async fn raise_alert(&self, alert: &StaffAlert) -> StoreResult<bool> {
        let json = serde_json::to_string(alert).map_err(|_| corrupt("an alert"))?;
        let mut call = self.call(&RAISE);
        call.arg(&alert.id)
            .arg(&alert.room)
            .arg(json)
            .arg(alert.at.as_millisecond())
            .arg(RedisStore::ms(ALERT_LIFETIME))
            .arg(&alert.message_id)
            .arg(&alert.handle);
        Ok(self.run::<i64>(&call).await? == 1)
    }

    async fn unresolved_alerts(&self, room: &str) -> StoreResult<Vec<StaffAlert>> {
        let mut call = self.call(&UNRESOLVED);
        call.arg(room);
        let found: Vec<String> = self.run(&call).await?;
        found
            .iter()
            .map(|json| serde_json::from_str(json).map_err(|_| corrupt("an alert")))
            .collect()
    }

    async fn dismiss_alert(&self, id: &str) -> StoreResult<Option<String>> {
        let mut call = self.call(&DISMISS);
        call.arg(id);
        let room: Option<String> = self.run(&call).await?;
        Ok(room)
    }
}
