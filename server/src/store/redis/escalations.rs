//! Escalations in Redis.
//!
//! Keys, under the prefix:
//! - `esc:<id>` — a request's record (JSON, see `store::Escalation`), with a time to live of
//!   a day and its reading grace, renewed on every change (a backstop: records are erased
//!   when their case is over)
//! - `esc:all` — set of the ids of the records
//! - `esc:duty` — hash: counselor's staff handle → on duty until (ms), renewed by their node
//! - `esc:counts` — hash of aggregate counts (see `store::escalations::Counts`)
//! - `esc:waits` — list of recent waiting times (seconds), newest first
//! - `s:<sid>` field `e` — the session's request (gone with the session)
//!
//! Every change is told to every node on the `bus` (`room '' e KEY\nOVER`, KEY the id's
//! `bus_key`, so the bus never names a request; an empty key: who is on duty changed), and a binding as `room '' b KEY` (KEY: `escalation_key`; which request, the
//! node reads from the session: the bus never carries the two together).

use async_trait::async_trait;
use std::sync::LazyLock;
use std::time::Duration;

use ibasho_protocol::EscalationState;
use redis::Script;

use super::{RedisStore, unavailable};
use crate::store::escalations::{Counts, RECENT_WAITS, bus_key};
use crate::store::{Escalation, EscalationStore, StoreResult, escalation_key};

// One script per operation, with the shared prelude (see `script`).
static CREATE: LazyLock<Script> = lua!("escalations/create.lua");
static SWAP: LazyLock<Script> = lua!("escalations/swap.lua");
static DUTY: LazyLock<Script> = lua!("escalations/duty.lua");
static ON_DUTY: LazyLock<Script> = lua!("escalations/on_duty.lua");
static COUNT: LazyLock<Script> = lua!("escalations/count.lua");
static BIND: LazyLock<Script> = lua!("escalations/bind.lua");
static UNBIND: LazyLock<Script> = lua!("escalations/unbind.lua");

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

    async fn swap_escalation(
        &self,
        id: &str,
        expected: &str,
        new: Option<&str>,
        over: Option<EscalationState>,
    ) -> StoreResult<bool> {
        let mut call = self.call(&SWAP);
        call.arg(id)
            .arg(expected)
            .arg(new.unwrap_or(""))
            .arg(state_code(over))
            .arg(Self::ms(RECORD_TTL))
            .arg(bus_key(id));
        Ok(self.run::<i64>(&call).await? == 1)
    }

    async fn set_duty(&self, counselor: &str, until: Option<u64>) -> StoreResult<()> {
        let mut call = self.call(&DUTY);
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

    async fn count_escalation(&self, counts: &[(&str, u64)], wait: Option<u64>) -> StoreResult<()> {
        let mut call = self.call(&COUNT);
        call.arg(wait.map(|wait| wait.to_string()).unwrap_or_default())
            .arg(RECENT_WAITS);
        for (name, by) in counts {
            call.arg(*name).arg(*by);
        }
        self.run::<i64>(&call).await?;
        Ok(())
    }

    async fn escalation_counts(&self) -> StoreResult<Counts> {
        redis::cmd("HGETALL")
            .arg(format!("{}esc:counts", self.config.prefix))
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)
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
