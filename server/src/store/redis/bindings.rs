//! Bindings in Redis.
//!
//! Keys, under the prefix:
//! - `s:<sid>` field `e` — the session's request (gone with the session's hash)
//!
//! A binding is told to every node on the `bus` (`Bus::Bound`, by `escalation_key`; which
//! request, the node reads from the session: the bus never carries the two together).

use std::sync::LazyLock;

use async_trait::async_trait;
use redis::Script;

use super::{RedisStore, unavailable};
use crate::store::{BindingStore, StoreResult, escalation_key};

static BIND: LazyLock<Script> = lua!("bindings/bind.lua");
static UNBIND: LazyLock<Script> = lua!("bindings/unbind.lua");

#[async_trait]
impl BindingStore for RedisStore {
    async fn bind_escalation(&self, session: &str, id: &str) -> StoreResult<bool> {
        let mut call = self.call(&BIND);
        call.arg(session).arg(id).arg(escalation_key(session));
        Ok(self.run::<i64>(&call).await? == 1)
    }

    async fn unbind_escalation(&self, session: &str, id: &str) -> StoreResult<()> {
        let mut call = self.call(&UNBIND);
        call.arg(session).arg(id);
        self.run::<i64>(&call).await?;
        Ok(())
    }

    async fn bound_escalation(&self, session: &str) -> StoreResult<Option<String>> {
        redis::cmd("HGET")
            .arg(format!("{}s:{session}", self.config.prefix))
            .arg("e")
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)
    }
}
