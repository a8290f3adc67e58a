//! The shared store: Redis, for several nodes behind one load balancer.
//!
//! Every operation that checks and changes state (capacity, handle uniqueness, attachments,
//! offsets) is one Lua script, so it is atomic across nodes. Each collection is a file here
//! (`sessions`, `rooms`, `docs`, `attempts`, `private_rooms`, `sanctions`, `reports`,
//! `audit_log`, `escalations`) with its scripts in the folder
//! of the same name and its keys listed in its doc comment; `prelude.lua` holds what every
//! script shares. Each room's events go to a Redis Stream with ids
//! `<offset>-0`: a node follows every room's stream (see `reader`) and so delivers what was
//! said on any node, in order, once — and a reconnecting reader resumes from the last id it
//! read, so nothing is lost the way Redis pub/sub would lose it.
//!
//! Privacy: sessions are keyed by a hash of their token, never the token; every key of a
//! session has a time to live and is deleted when the session ends; no key holds an address.

/// A collection's script: `static NAME: LazyLock<Script> = lua!("collection/name.lua");`
/// gives the prelude, then the script's body.
macro_rules! lua {
    ($path:literal) => {
        std::sync::LazyLock::new(|| $crate::store::redis::script(include_str!($path)))
    };
}

mod alerts;
mod attempts;
mod audit;
mod audit_log;
mod bindings;
mod bus;
mod case_counts;
mod docs;
mod duty;
mod escalations;
mod figures;
mod private_rooms;
mod reader;
mod reports;
mod rooms;
mod sanctions;
mod sessions;
mod voice;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use bus::Bus;
use ibasho_protocol::ChatMessage;
use redis::aio::ConnectionManager;
use redis::{FromRedisValue, Script, ScriptInvocation};
use tokio::sync::mpsc;

use super::{
    ReactionChange, Recipient, RoomEvent, STREAM_LEN, Store, StoreError, StoreEvent, StoreResult,
};

/// How the server reaches Redis.
#[derive(Debug, Clone)]
pub struct RedisConfig {
    /// `redis://[user:password@]host:port[/db]` or `redis+unix:///path/to/socket`.
    pub url: String,
    /// Put before every key, so that several services (or tests) can share one Redis.
    pub prefix: String,
    /// The rooms to follow (the catalogue's).
    pub rooms: Vec<String>,
    /// How long an attached session lives without being kept alive by its node: a node that
    /// dies loses its people after about this long.
    pub lease: Duration,
    /// How long a detached session lives (the grace period plus a margin: the node that
    /// holds it ends it explicitly after the grace period; this is the fallback).
    pub detached_ttl: Duration,
    /// How many events each room's stream keeps for recovery.
    pub stream_len: usize,
}

impl RedisConfig {
    pub fn new(url: impl Into<String>, rooms: Vec<String>) -> RedisConfig {
        RedisConfig {
            url: url.into(),
            prefix: "ibasho:".to_owned(),
            rooms,
            lease: Duration::from_secs(60),
            detached_ttl: Duration::from_secs(150),
            stream_len: STREAM_LEN,
        }
    }
}

/// Why the server could not use Redis at start.
#[derive(Debug, thiserror::Error)]
pub enum RedisStartError {
    #[error("the Redis URL is not valid: {0}")]
    Url(String),
    #[error("cannot reach Redis at {target}: {reason}")]
    Unreachable { target: String, reason: String },
}

/// A script of a collection: the prelude, then its body.
pub(crate) fn script(body: &str) -> Script {
    const PRELUDE: &str = include_str!("prelude.lua");
    Script::new(&format!("{}{PRELUDE}{body}", Bus::lua_table()))
}

pub struct RedisStore {
    conn: ConnectionManager,
    config: RedisConfig,
    healthy: Arc<AtomicBool>,
    events: Mutex<Option<mpsc::Receiver<StoreEvent>>>,
    /// Stops the reader when the store is dropped.
    _reader: reader::ReaderHandle,
}

/// Where the URL points, without a password, for error messages and logs.
fn describe(info: &redis::ConnectionInfo) -> String {
    info.addr().to_string()
}

impl RedisStore {
    /// Connects (failing with a clear error if Redis cannot be reached now) and starts
    /// following the rooms' streams. After start, losing Redis only degrades the service.
    pub async fn connect(config: RedisConfig) -> Result<RedisStore, RedisStartError> {
        let client = redis::Client::open(config.url.as_str())
            .map_err(|err| RedisStartError::Url(err.to_string()))?;
        let target = describe(client.get_connection_info());
        let manager_config = redis::aio::ConnectionManagerConfig::new()
            .set_connection_timeout(Some(Duration::from_secs(2)))
            .set_response_timeout(Some(Duration::from_secs(2)))
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_secs(2));
        let conn = ConnectionManager::new_with_config(client.clone(), manager_config)
            .await
            .map_err(|err| RedisStartError::Unreachable {
                target: target.clone(),
                reason: error_kind(&err),
            })?;
        let healthy = Arc::new(AtomicBool::new(false));
        let (sender, events) = mpsc::channel(4096);
        let reader = reader::start(
            client,
            conn.clone(),
            config.prefix.clone(),
            config.rooms.clone(),
            Arc::clone(&healthy),
            sender,
        )
        .await
        .map_err(|err| RedisStartError::Unreachable {
            target,
            reason: error_kind(&err),
        })?;
        Ok(RedisStore {
            conn,
            config,
            healthy,
            events: Mutex::new(Some(events)),
            _reader: reader,
        })
    }

    /// The key prefix (tests scan the keyspace under it).
    pub fn prefix(&self) -> &str {
        &self.config.prefix
    }

    fn conn(&self) -> ConnectionManager {
        self.conn.clone()
    }

    /// A script's invocation with the key prefix as its first argument (every script's).
    fn call<'a>(&self, script: &'a Script) -> ScriptInvocation<'a> {
        let mut call = script.prepare_invoke();
        call.arg(&self.config.prefix);
        call
    }

    /// Runs an invocation; a failure is `unavailable`, described by its kind only.
    async fn run<T: FromRedisValue>(&self, call: &ScriptInvocation<'_>) -> StoreResult<T> {
        call.invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)
    }

    fn ms(duration: Duration) -> u64 {
        u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
    }
}

fn unavailable(err: redis::RedisError) -> StoreError {
    StoreError::Unavailable(error_kind(&err))
}

/// What went wrong with Redis, for logs and errors: its kind and code only. Never Redis's own
/// text, which may quote a key, a value or an address.
pub(crate) fn error_kind(err: &redis::RedisError) -> String {
    let mut text = format!("{:?}", err.kind());
    if let Some(code) = err.code() {
        text.push(' ');
        text.push_str(code);
    }
    if err.is_timeout() {
        text.push_str(" (timed out)");
    } else if err.is_connection_refusal() {
        text.push_str(" (connection refused)");
    } else if err.is_connection_dropped() {
        text.push_str(" (connection dropped)");
    }
    text
}

fn corrupt(what: &str) -> StoreError {
    StoreError::Unavailable(format!("unexpected answer from Redis: {what}"))
}

/// A unit enum (a language, a role, a reaction) as its wire name; '' for none.
fn code<T: serde::Serialize>(value: Option<T>) -> String {
    value
        .and_then(|value| serde_json::to_value(value).ok())
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// A unit enum from its wire name; `None` for '' or a name this version does not know.
fn parse_code<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

fn decode_message(json: &str) -> StoreResult<ChatMessage> {
    serde_json::from_str(json).map_err(|_| corrupt("a message"))
}

/// A stream entry (`t` kind, `j` json) as a room event.
pub(crate) fn decode_event(kind: &str, json: &str) -> StoreResult<RoomEvent> {
    match kind {
        "m" => decode_message(json).map(RoomEvent::Message),
        "r" => decode_change(json).map(RoomEvent::Reactions),
        "d" => serde_json::from_str(json)
            .map(RoomEvent::Deleted)
            .map_err(|_| corrupt("a deletion")),
        _ => Err(corrupt("an event kind")),
    }
}

fn decode_change(json: &str) -> StoreResult<ReactionChange> {
    #[derive(serde::Deserialize)]
    struct Change {
        message_id: String,
        counts: ibasho_protocol::ReactionCounts,
        offset: u64,
    }
    let change: Change = serde_json::from_str(json).map_err(|_| corrupt("a reaction change"))?;
    Ok(ReactionChange {
        message_id: change.message_id,
        counts: change.counts,
        offset: change.offset,
    })
}

fn number<T: std::str::FromStr>(text: Option<&String>, what: &str) -> StoreResult<T> {
    text.and_then(|text| text.parse().ok())
        .ok_or_else(|| corrupt(what))
}

#[async_trait]
impl Store for RedisStore {
    async fn audit_dump(&self) -> StoreResult<String> {
        audit::dump(&mut self.conn(), &self.config.prefix).await
    }

    fn take_events(&self) -> Option<mpsc::Receiver<StoreEvent>> {
        self.events
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
    }

    async fn tell(&self, room: &str, to: &Recipient, frame: &str) -> StoreResult<()> {
        match to {
            Recipient::Staff => self.bus(room, Bus::Staff, frame).await,
            Recipient::Member(key) => {
                self.bus(room, Bus::Member, &format!("{key}\n{frame}"))
                    .await
            }
        }
    }

    async fn outcome_ready(&self, room: &str, reporter: &str, report_id: &str) -> StoreResult<()> {
        self.bus(room, Bus::Outcome, &format!("{reporter}\n{report_id}"))
            .await
    }

    async fn signed_out(&self, handles: &[String]) -> StoreResult<()> {
        let json = serde_json::to_string(handles).map_err(|_| corrupt("handles"))?;
        self.bus("", Bus::SignedOut, &json).await
    }

    async fn report_filed(&self, room: &str, report_id: &str) -> StoreResult<()> {
        self.bus(room, Bus::ReportFiled, report_id).await
    }

    async fn presence_changed(&self, room: &str) -> StoreResult<()> {
        self.bus(room, Bus::Presence, "").await
    }

    fn healthy(&self) -> bool {
        self.healthy.load(Ordering::Acquire)
    }
}

impl RedisStore {
    /// Tells every node something about a room on the bus (from Rust; the Lua scripts'
    /// `tell` in the prelude writes the same entries, named by the same [`Bus`]).
    async fn bus(&self, room: &str, what: Bus, value: &str) -> StoreResult<()> {
        let mut cmd = redis::cmd("XADD");
        cmd.arg(format!("{}bus", self.config.prefix))
            .arg("MAXLEN")
            .arg("~")
            .arg(1000)
            .arg("*")
            .arg("room")
            .arg(room);
        if !what.code().is_empty() {
            cmd.arg(what.code()).arg(value);
        }
        cmd.exec_async(&mut self.conn()).await.map_err(unavailable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_is_described_by_its_kind_never_by_what_redis_or_the_system_said() {
        let io = std::io::Error::new(
            std::io::ErrorKind::ConnectionRefused,
            "connect to 10.0.0.7:6379 failed for ibasho:s:5f0c",
        );
        let text = error_kind(&redis::RedisError::from(io));
        assert!(text.contains("connection refused"), "{text}");
        assert!(
            !text.contains("10.0.0.7") && !text.contains("ibasho:s:"),
            "{text}"
        );
        let server = redis::RedisError::from((
            redis::ErrorKind::Client,
            "script failed",
            "a value that must not be logged: ひみつ".to_owned(),
        ));
        let text = error_kind(&server);
        assert!(!text.contains("ひみつ"), "{text}");
    }
}
