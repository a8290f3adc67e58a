//! Requests' records in Redis.
//!
//! Keys, under the prefix:
//! - `esc:<id>` — a request's record (JSON, see `store::Escalation`), with a time to live of
//!   a day and its reading grace, renewed on every change (a backstop: records are erased
//!   when their case is over)
//! - `esc:all` — set of the ids of the records
//!
//! Every change is told to every node on the `bus` (`Bus::Escalation`: the id's `bus_key`,
//! so the bus never names a request, and the state it ended as).

use async_trait::async_trait;
use std::sync::LazyLock;
use std::time::Duration;

use ibasho_protocol::EscalationState;
use redis::Script;

use super::{RedisStore, unavailable};
use crate::store::escalations::bus_key;
use crate::store::{Escalation, EscalationStore, EscalationSwap, StoreResult};

// One script per operation, with the shared prelude (see `script`).
static CREATE: LazyLock<Script> = lua!("escalations/create.lua");
static SWAP: LazyLock<Script> = lua!("escalations/swap.lua");

/// How long a record lives without a change: longer than any case (private rooms close
/// after a day) plus the longest reading grace.
const RECORD_TTL: Duration = Duration::from_secs(2 * 24 * 3600);

fn state_code(state: Option<EscalationState>) -> String {
    state
        .and_then(|state| serde_json::to_value(state).ok())
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[async_trait]
impl EscalationStore for RedisStore {
    async fn create_escalation(&self, record: &Escalation) -> StoreResult<()> {
        let mut call = self.call(&CREATE);
        call.arg(&record.id)
            .arg(record.encode()?)
            .arg(Self::ms(RECORD_TTL))
            .arg(bus_key(&record.id));
        self.run::<i64>(&call).await?;
        Ok(())
    }

    async fn escalation(&self, id: &str) -> StoreResult<Option<String>> {
        redis::cmd("GET")
            .arg(format!("{}esc:{id}", self.config.prefix))
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)
    }

    async fn escalations(&self) -> StoreResult<Vec<String>> {
        let prefix = &self.config.prefix;
        let ids: Vec<String> = redis::cmd("SMEMBERS")
            .arg(format!("{prefix}esc:all"))
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut get = redis::cmd("MGET");
        for id in &ids {
            get.arg(format!("{prefix}esc:{id}"));
        }
        let records: Vec<Option<String>> = get
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        // Ids whose record expired (the backstop) leave the set.
        let stale: Vec<&String> = ids
            .iter()
            .zip(&records)
            .filter(|(_, record)| record.is_none())
            .map(|(id, _)| id)
            .collect();
        if !stale.is_empty() {
            let _: Result<i64, _> = redis::cmd("SREM")
                .arg(format!("{prefix}esc:all"))
                .arg(stale)
                .query_async(&mut self.conn())
                .await;
        }
        Ok(records.into_iter().flatten().collect())
    }

    async fn swap_escalation(&self, id: &str, swap: EscalationSwap<'_>) -> StoreResult<bool> {
        let mut call = self.call(&SWAP);
        call.arg(id)
            .arg(swap.expected)
            .arg(swap.new.unwrap_or(""))
            .arg(state_code(swap.over))
            .arg(Self::ms(RECORD_TTL))
            .arg(bus_key(id));
        Ok(self.run::<i64>(&call).await? == 1)
    }
}
