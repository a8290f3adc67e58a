//! Private rooms in Redis.
//!
//! Keys, under the prefix:
//! - `p:<id>` — the room's record (JSON: audience, the creator's and the access list's sids,
//!   capacity, expiry)
//! - `private` — sorted set of the ids of private rooms with an expiry, by expiry (ms)
//!
//! The room itself uses the rooms collection's keys; closing erases those and the record,
//! and tells every node on the `bus` (`room R g 1`).

use async_trait::async_trait;
use jiff::Timestamp;
use std::sync::LazyLock;

use redis::Script;

use super::{RedisStore, corrupt, unavailable};
use crate::store::{PrivateRoom, PrivateRoomStore, StoreResult};

// One script per operation, with the shared prelude (see `script`).
static CREATE: LazyLock<Script> = lua!("private_rooms/create.lua");
static CLOSE: LazyLock<Script> = lua!("private_rooms/close.lua");

#[async_trait]
impl PrivateRoomStore for RedisStore {
    async fn create_private_room(&self, room: &PrivateRoom) -> StoreResult<()> {
        let record = serde_json::to_string(room).map_err(|_| corrupt("a private room"))?;
        let mut call = self.call(&CREATE);
        call.arg(&room.id).arg(record).arg(
            room.expires_at
                .map_or_else(String::new, |at| at.as_millisecond().to_string()),
        );
        self.run::<i64>(&call).await.map(drop)
    }

    async fn private_room(&self, id: &str) -> StoreResult<Option<PrivateRoom>> {
        let record: Option<String> = redis::cmd("GET")
            .arg(format!("{}p:{id}", self.config.prefix))
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        record
            .map(|json| serde_json::from_str(&json).map_err(|_| corrupt("a private room")))
            .transpose()
    }

    async fn close_private_room(&self, id: &str) -> StoreResult<bool> {
        let mut call = self.call(&CLOSE);
        call.arg(id);
        Ok(self.run::<i64>(&call).await? == 1)
    }

    async fn expired_private_rooms(&self, now: Timestamp) -> StoreResult<Vec<String>> {
        redis::cmd("ZRANGE")
            .arg(format!("{}private", self.config.prefix))
            .arg("-inf")
            .arg(now.as_millisecond())
            .arg("BYSCORE")
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)
    }
}
