//! Room documents in Redis.
//!
//! Keys, under the prefix:
//! - `r:<room>:doc:<kind>` — the document's JSON
//! - `r:<room>:docs` — set of the kinds the room has (so that erasure finds them)
//!
//! A change is told to every node on the `bus` (`room R d KIND`).

use async_trait::async_trait;
use std::sync::LazyLock;

use redis::Script;

use super::{RedisStore, unavailable};
use crate::store::{DocStore, DocSwap, StoreResult};

// One script per operation, with the shared prelude (see `script`).
static SWAP: LazyLock<Script> = lua!("docs/swap.lua");

#[async_trait]
impl DocStore for RedisStore {
    async fn doc(&self, room: &str, kind: &str) -> StoreResult<Option<String>> {
        redis::cmd("GET")
            .arg(format!("{}r:{room}:doc:{kind}", self.config.prefix))
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)
    }

    async fn swap_doc(&self, room: &str, kind: &str, swap: DocSwap<'_>) -> StoreResult<bool> {
        let DocSwap { expected, new } = swap;
        let mut call = self.call(&SWAP);
        call.arg(room)
            .arg(kind)
            .arg(expected.unwrap_or(""))
            .arg(new.unwrap_or(""));
        Ok(self.run::<i64>(&call).await? == 1)
    }
}
