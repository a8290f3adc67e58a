//! The shared store: Redis, for several nodes behind one load balancer.
//!
//! Every operation that checks and changes state (capacity, handle uniqueness, attachments,
//! offsets) is one Lua script, so it is atomic across nodes (the scripts are in this folder;
//! `prelude.lua` lists the keys). Each room's events go to a Redis Stream with ids
//! `<offset>-0`: a node follows every room's stream (see `reader`) and so delivers what was
//! said on any node, in order, once — and a reconnecting reader resumes from the last id it
//! read, so nothing is lost the way Redis pub/sub would lose it.
//!
//! Privacy: sessions are keyed by a hash of their token, never the token; every key of a
//! session has a time to live and is deleted when the session ends; no key holds an address.

mod reader;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use ibasho_moderation::Handle;
use ibasho_protocol::{ChatMessage, Lang, Position, Reaction, Role, StaffRole};
use redis::Script;
use redis::aio::ConnectionManager;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

use super::{
    Appended, Attachment, JoinRefusal, JoinedRoom, NewMessage, NewSession, Profile, Reacted,
    ReactionChange, RoomEvent, STREAM_LEN, SessionRecord, Store, StoreError, StoreEvent,
    StoreResult, new_epoch,
};
use crate::control::RoomControl;
use crate::token::SessionToken;

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

struct Scripts {
    create: Script,
    attach: Script,
    detach: Script,
    end: Script,
    join: Script,
    leave: Script,
    present: Script,
    append: Script,
    react: Script,
    keep_alive: Script,
    find: Script,
    close: Script,
    handles: Script,
    swap_control: Script,
    attempt: Script,
}

impl Scripts {
    fn load() -> Scripts {
        const PRELUDE: &str = include_str!("prelude.lua");
        let script = |body: &str| Script::new(&format!("{PRELUDE}{body}"));
        Scripts {
            create: script(include_str!("create.lua")),
            attach: script(include_str!("attach.lua")),
            detach: script(include_str!("detach.lua")),
            end: script(include_str!("end.lua")),
            join: script(include_str!("join.lua")),
            leave: script(include_str!("leave.lua")),
            present: script(include_str!("present.lua")),
            append: script(include_str!("append.lua")),
            react: script(include_str!("react.lua")),
            keep_alive: script(include_str!("keep_alive.lua")),
            find: script(include_str!("find.lua")),
            close: script(include_str!("close.lua")),
            handles: script(include_str!("handles.lua")),
            swap_control: script(include_str!("swap_control.lua")),
            attempt: script(include_str!("attempt.lua")),
        }
    }
}

pub struct RedisStore {
    conn: ConnectionManager,
    config: RedisConfig,
    scripts: Scripts,
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
            scripts: Scripts::load(),
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

    fn ms(duration: Duration) -> u64 {
        u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
    }
}

/// The store's name for a session: a hash of its token, so that what Redis holds cannot be
/// used to take a session over.
fn sid(token: &SessionToken) -> String {
    let digest = Sha256::digest(token.expose().as_bytes());
    super::hex(&digest[..16])
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

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    }
}

fn parse_lang(code: &str) -> Lang {
    if code == "en" { Lang::En } else { Lang::Ja }
}

fn role_code(role: Option<Role>) -> String {
    role.and_then(|role| serde_json::to_value(role).ok())
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn parse_role(code: &str) -> Option<Role> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

fn staff_code(staff: Option<StaffRole>) -> String {
    staff
        .and_then(|staff| serde_json::to_value(staff).ok())
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn parse_staff(code: &str) -> Option<StaffRole> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

fn reaction_code(reaction: Reaction) -> String {
    serde_json::to_value(reaction)
        .ok()
        .and_then(|value| value.as_str().map(str::to_owned))
        .unwrap_or_default()
}

fn decode_message(json: &str) -> StoreResult<ChatMessage> {
    serde_json::from_str(json).map_err(|_| corrupt("a message"))
}

/// A stream entry (`t` kind, `j` json) as a room event.
pub(crate) fn decode_event(kind: &str, json: &str) -> StoreResult<RoomEvent> {
    match kind {
        "m" => decode_message(json).map(RoomEvent::Message),
        "r" => decode_change(json).map(RoomEvent::Reactions),
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
    async fn create_session(
        &self,
        handle: &Handle,
        profile: Profile,
        exclusive: bool,
    ) -> StoreResult<Option<NewSession>> {
        let token = SessionToken::generate();
        let created: i64 = self
            .scripts
            .create
            .arg(&self.config.prefix)
            .arg(sid(&token))
            .arg(handle.as_str())
            .arg(handle.key())
            .arg(lang_code(profile.lang))
            .arg(role_code(profile.role))
            .arg(if exclusive { "1" } else { "0" })
            .arg(Self::ms(self.config.lease))
            .arg(staff_code(profile.staff))
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        Ok((created == 1).then_some(NewSession {
            token,
            attachment: 1,
        }))
    }

    async fn attach_session(&self, token: &SessionToken) -> StoreResult<Option<SessionRecord>> {
        let found: Option<Vec<String>> = self
            .scripts
            .attach
            .arg(&self.config.prefix)
            .arg(sid(token))
            .arg(Self::ms(self.config.lease))
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        let Some(fields) = found else {
            return Ok(None);
        };
        let [handle, lang, role, staff, attachment, rooms @ ..] = fields.as_slice() else {
            return Err(corrupt("a session"));
        };
        let mut rooms = rooms.to_vec();
        rooms.sort();
        Ok(Some(SessionRecord {
            handle: handle.clone(),
            profile: Profile {
                lang: parse_lang(lang),
                role: parse_role(role),
                staff: parse_staff(staff),
            },
            rooms,
            attachment: number(Some(attachment), "an attachment")?,
        }))
    }

    async fn detach_session(
        &self,
        token: &SessionToken,
        attachment: Attachment,
    ) -> StoreResult<bool> {
        let detached: i64 = self
            .scripts
            .detach
            .arg(&self.config.prefix)
            .arg(sid(token))
            .arg(attachment)
            .arg(Self::ms(self.config.detached_ttl))
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        Ok(detached == 1)
    }

    async fn end_session(
        &self,
        token: &SessionToken,
        attachment: Attachment,
        only_if_detached: bool,
    ) -> StoreResult<Option<Vec<String>>> {
        let rooms: Option<Vec<String>> = self
            .scripts
            .end
            .arg(&self.config.prefix)
            .arg(sid(token))
            .arg(attachment)
            .arg(if only_if_detached { "1" } else { "0" })
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        Ok(rooms.map(|mut rooms| {
            rooms.sort();
            rooms
        }))
    }

    async fn join(
        &self,
        room: &str,
        capacity: u32,
        history_len: usize,
        token: &SessionToken,
        since: Option<&Position>,
    ) -> StoreResult<Result<JoinedRoom, JoinRefusal>> {
        let answer: Vec<String> = self
            .scripts
            .join
            .arg(&self.config.prefix)
            .arg(room)
            .arg(sid(token))
            .arg(capacity)
            .arg(history_len)
            .arg(new_epoch())
            .arg(since.map_or("", |since| since.epoch.as_str()))
            .arg(since.map_or(0, |since| since.offset))
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        match answer.first().map(String::as_str) {
            Some("nosession") => return Ok(Err(JoinRefusal::NoSession)),
            Some("full") => return Ok(Err(JoinRefusal::Full)),
            Some("taken") => return Ok(Err(JoinRefusal::HandleTaken)),
            Some("ok") => {}
            _ => return Err(corrupt("a join")),
        }
        let [_, present, arrived, epoch, offset, recovered, entries @ ..] = answer.as_slice()
        else {
            return Err(corrupt("a join"));
        };
        let mut history = Vec::new();
        let mut reactions = Vec::new();
        for pair in entries.chunks_exact(2) {
            match decode_event(&pair[0], &pair[1])? {
                RoomEvent::Message(message) => history.push(message),
                RoomEvent::Reactions(change) => reactions.push(change),
            }
        }
        Ok(Ok(JoinedRoom {
            present: number(Some(present), "a count")?,
            arrived: arrived == "1",
            history,
            reactions,
            position: Position {
                epoch: epoch.clone(),
                offset: number(Some(offset), "an offset")?,
            },
            recovered: recovered == "1",
        }))
    }

    async fn leave(&self, room: &str, token: &SessionToken) -> StoreResult<bool> {
        let was: i64 = self
            .scripts
            .leave
            .arg(&self.config.prefix)
            .arg(room)
            .arg(sid(token))
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        Ok(was == 1)
    }

    async fn present(&self, room: &str) -> StoreResult<u32> {
        let present: u32 = self
            .scripts
            .present
            .arg(&self.config.prefix)
            .arg(room)
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        Ok(present)
    }

    async fn append(&self, message: NewMessage, history_len: usize) -> StoreResult<Appended> {
        let at = message.at.to_string();
        let answer: Vec<String> = self
            .scripts
            .append
            .arg(&self.config.prefix)
            .arg(&message.room)
            .arg(sid(&message.session))
            .arg(message.client_id.as_deref().unwrap_or(""))
            .arg(&message.text)
            .arg(at)
            .arg(history_len)
            .arg(self.config.stream_len)
            .arg(new_epoch())
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        match answer.as_slice() {
            [kind] if kind == "notmember" => Ok(Appended::NotMember),
            [kind, json] if kind == "dup" => decode_message(json).map(Appended::Duplicate),
            [kind, json] if kind == "new" => decode_message(json).map(Appended::New),
            _ => Err(corrupt("an append")),
        }
    }

    async fn find_duplicate(
        &self,
        room: &str,
        token: &SessionToken,
        client_id: &str,
    ) -> StoreResult<Option<ChatMessage>> {
        let found: Option<String> = self
            .scripts
            .find
            .arg(&self.config.prefix)
            .arg(sid(token))
            .arg(room)
            .arg(client_id)
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        found.as_deref().map(decode_message).transpose()
    }

    async fn react(
        &self,
        room: &str,
        token: &SessionToken,
        message_id: &str,
        reaction: Reaction,
    ) -> StoreResult<Reacted> {
        let answer: Vec<String> = self
            .scripts
            .react
            .arg(&self.config.prefix)
            .arg(room)
            .arg(sid(token))
            .arg(message_id)
            .arg(reaction_code(reaction))
            .arg(self.config.stream_len)
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        match answer.as_slice() {
            [kind] if kind == "notmember" => Ok(Reacted::NotMember),
            [kind] if kind == "nosuch" => Ok(Reacted::NoSuchMessage),
            [kind, json] if kind == "changed" => decode_change(json).map(Reacted::Changed),
            _ => Err(corrupt("a reaction")),
        }
    }

    async fn close_room(&self, room: &str, ended: jiff::Timestamp) -> StoreResult<String> {
        let epoch: String = self
            .scripts
            .close
            .arg(&self.config.prefix)
            .arg(room)
            .arg(ended.as_millisecond())
            .arg(new_epoch())
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        Ok(epoch)
    }

    async fn audit_dump(&self) -> StoreResult<String> {
        audit::dump(&mut self.conn(), &self.config.prefix).await
    }

    async fn attempt(
        &self,
        key: &str,
        max: u32,
        window: Duration,
    ) -> StoreResult<Result<(), Duration>> {
        let left: i64 = self
            .scripts
            .attempt
            .arg(&self.config.prefix)
            .arg(key)
            .arg(max)
            .arg(Self::ms(window))
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        Ok(match u64::try_from(left) {
            Ok(ms) => Err(Duration::from_millis(ms)),
            Err(_) => Ok(()),
        })
    }

    async fn member_handles(&self, room: &str) -> StoreResult<Vec<String>> {
        let mut handles: Vec<String> = self
            .scripts
            .handles
            .arg(&self.config.prefix)
            .arg(room)
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        handles.sort();
        Ok(handles)
    }

    async fn control(&self, room: &str) -> StoreResult<Option<RoomControl>> {
        let json: Option<String> = redis::cmd("GET")
            .arg(format!("{}r:{room}:ctl", self.config.prefix))
            .query_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        json.map(|json| serde_json::from_str(&json).map_err(|_| corrupt("a room's control")))
            .transpose()
    }

    async fn swap_control(
        &self,
        room: &str,
        expected: Option<&RoomControl>,
        new: Option<&RoomControl>,
    ) -> StoreResult<bool> {
        let encode = |control: Option<&RoomControl>| {
            control
                .map(|control| serde_json::to_string(control).map_err(|_| corrupt("a control")))
                .transpose()
                .map(Option::unwrap_or_default)
        };
        let swapped: i64 = self
            .scripts
            .swap_control
            .arg(&self.config.prefix)
            .arg(room)
            .arg(encode(expected)?)
            .arg(encode(new)?)
            .invoke_async(&mut self.conn())
            .await
            .map_err(unavailable)?;
        Ok(swapped == 1)
    }

    fn take_events(&self) -> Option<mpsc::Receiver<StoreEvent>> {
        self.events
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take()
    }

    async fn presence_changed(&self, room: &str) -> StoreResult<()> {
        let bus = format!("{}bus", self.config.prefix);
        redis::cmd("XADD")
            .arg(bus)
            .arg("MAXLEN")
            .arg("~")
            .arg(1000)
            .arg("*")
            .arg("room")
            .arg(room)
            .exec_async(&mut self.conn())
            .await
            .map_err(unavailable)
    }

    async fn keep_alive(&self, tokens: &[SessionToken]) -> StoreResult<()> {
        for chunk in tokens.chunks(500) {
            let mut invocation = self.scripts.keep_alive.prepare_invoke();
            invocation
                .arg(&self.config.prefix)
                .arg(Self::ms(self.config.lease));
            for token in chunk {
                invocation.arg(sid(token));
            }
            let _: i64 = invocation
                .invoke_async(&mut self.conn())
                .await
                .map_err(unavailable)?;
        }
        Ok(())
    }

    fn healthy(&self) -> bool {
        self.healthy.load(Ordering::Acquire)
    }
}

mod audit;

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
