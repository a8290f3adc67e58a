//! Shared state behind one trait, so that a single node keeps it in memory and several nodes
//! share it through Redis without the rest of the server knowing which.
//!
//! The store is the source of truth for everything a second node would need: sessions (for
//! `resume`), who is in which room (capacity, handle uniqueness, presence counts) and each
//! room's recent history and its stream of events with offsets (for recovery). Delivery to
//! the sockets of *this* node is not here: see `hub`. A shared store also hands the hub the
//! events of every node, in each room's order ([`Store::take_events`]).
//!
//! Privacy: nothing here has a field for an IP address, a user agent or a real identity, and
//! `audit_dump` lets tests check that what is held is only what is listed here.

mod events;
mod memory;
pub mod redis;

use async_trait::async_trait;
use ibasho_moderation::Handle;
use ibasho_protocol::{ChatMessage, Lang, Position, Reaction, Role, StaffRole};
use jiff::Timestamp;
use tokio::sync::mpsc;

pub use events::{ReactionChange, RoomEvent, StoreEvent};
pub use memory::MemoryStore;
pub use redis::{RedisConfig, RedisStore};

use crate::control::RoomControl;
use crate::token::SessionToken;

/// How many events a room's stream keeps by default: how far back a client can recover.
pub const STREAM_LEN: usize = 1000;

/// A fresh epoch for a room's stream: random, so that it never repeats.
pub fn new_epoch() -> String {
    let bytes: [u8; 8] = rand::random();
    hex(&bytes)
}

/// Bytes as lowercase hexadecimal (epochs, and the hashes that stand for tokens and names).
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Splits recovered events into the messages (for `joined.history`) and reaction changes.
pub fn split_events(events: Vec<RoomEvent>) -> (Vec<ChatMessage>, Vec<ReactionChange>) {
    let mut messages = Vec::new();
    let mut reactions = Vec::new();
    for event in events {
        match event {
            RoomEvent::Message(message) => messages.push(message),
            RoomEvent::Reactions(change) => reactions.push(change),
        }
    }
    (messages, reactions)
}

/// A store that cannot answer now (Redis down). Memory never fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("storage unavailable: {0}")]
    Unavailable(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// A connection's hold on a session. Each attach (the start, then every resume) gets a
/// higher number, and detach and end only act for the current one: a connection that dropped
/// cannot end or detach a session that another connection has resumed in the meantime.
pub type Attachment = u64;

/// A session that was just started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token: SessionToken,
    pub attachment: Attachment,
}

/// What a person told about themselves on `hello`: their language, and who they come as.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Profile {
    pub lang: Lang,
    pub role: Option<Role>,
    /// For a staff member's session: their role (set only by a staff sign-in).
    pub staff: Option<StaffRole>,
}

/// What a resumed session restores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRecord {
    pub handle: String,
    pub profile: Profile,
    /// The rooms the session is in, sorted.
    pub rooms: Vec<String>,
    pub attachment: Attachment,
}

/// A session that joined a room (or was already in it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JoinedRoom {
    /// People in the room now, this one included.
    pub present: u32,
    /// False when the session was already a member (a resync, not a new arrival).
    pub arrived: bool,
    /// The room's recent messages, oldest first; when `recovered`, exactly the messages after
    /// the `since` position.
    pub history: Vec<ChatMessage>,
    /// When `recovered`: the reaction changes after the `since` position, in order.
    pub reactions: Vec<ReactionChange>,
    /// The room's position as of this answer: every later event has a greater offset.
    pub position: Position,
    pub recovered: bool,
}

/// Why a join was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinRefusal {
    Full,
    HandleTaken,
    NoSession,
}

/// A message to store and deliver.
#[derive(Debug, Clone)]
pub struct NewMessage {
    pub room: String,
    pub session: SessionToken,
    pub client_id: Option<String>,
    pub text: String,
    pub at: Timestamp,
}

/// What became of a `say`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Appended {
    /// Stored; deliver it to the room.
    New(ChatMessage),
    /// The session already said this `client_id`: here is what was stored then. Deliver it to
    /// the sender only, so that a retry is confirmed but not repeated to the room.
    Duplicate(ChatMessage),
    /// The session is not in the room.
    NotMember,
}

/// What became of a `react`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reacted {
    /// The message's counts after the toggle, as the event that tells the room.
    Changed(ReactionChange),
    NotMember,
    NoSuchMessage,
}

/// Shared state of sessions and rooms. Every method is atomic with respect to the others.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Starts a session with `handle`. With `exclusive`, refuses (returns `None`) when anyone
    /// present already uses a handle with the same key: generated handles are unique among the
    /// people present. Requested handles are only checked per room, at `join`.
    async fn create_session(
        &self,
        handle: &Handle,
        profile: Profile,
        exclusive: bool,
    ) -> StoreResult<Option<NewSession>>;

    /// Attaches a new connection to an existing session (a resume), cancelling its grace
    /// period and superseding the previous attachment. `None` when the token is unknown or
    /// its session has ended.
    async fn attach_session(&self, token: &SessionToken) -> StoreResult<Option<SessionRecord>>;

    /// Marks a session as without connection, if `attachment` is still the current one: it
    /// keeps its handle and rooms until it is attached again or ended. False if not.
    async fn detach_session(
        &self,
        token: &SessionToken,
        attachment: Attachment,
    ) -> StoreResult<bool>;

    /// Ends a session, if `attachment` is still the current one (and, with `only_if_detached`,
    /// if no connection has come back: the grace period ran out). It leaves every room and its
    /// handle is free again. Returns the rooms it left; `None` if nothing ended.
    async fn end_session(
        &self,
        token: &SessionToken,
        attachment: Attachment,
        only_if_detached: bool,
    ) -> StoreResult<Option<Vec<String>>>;

    /// Puts the session in the room unless the room is at `capacity` or someone there has a
    /// handle with the same key. Joining again is not an error: it answers with the history.
    /// With `since` (a position the client saw), it answers with exactly what came after it
    /// (`recovered`), if the room's stream still holds all of that in the same epoch.
    async fn join(
        &self,
        room: &str,
        capacity: u32,
        history_len: usize,
        token: &SessionToken,
        since: Option<&Position>,
    ) -> StoreResult<Result<JoinedRoom, JoinRefusal>>;

    /// Takes the session out of the room; false if it was not in it.
    async fn leave(&self, room: &str, token: &SessionToken) -> StoreResult<bool>;

    /// People in the room now (connected or within their grace period).
    async fn present(&self, room: &str) -> StoreResult<u32>;

    /// Stores a message from a member, assigning its id and the sender's handle, unless the
    /// sender already said this `client_id` in this room recently.
    async fn append(&self, message: NewMessage, history_len: usize) -> StoreResult<Appended>;

    /// What the session said recently in `room` with this `client_id`, if anything: a retry
    /// is confirmed without counting against the sender's rate limit.
    async fn find_duplicate(
        &self,
        room: &str,
        token: &SessionToken,
        client_id: &str,
    ) -> StoreResult<Option<ChatMessage>>;

    /// Toggles the session's `reaction` on a message in the room's history (a second time
    /// takes it back). Who reacted is kept only to allow that, and forgotten with the session.
    async fn react(
        &self,
        room: &str,
        token: &SessionToken,
        message_id: &str,
        reaction: Reaction,
    ) -> StoreResult<Reacted>;

    /// Everything the store holds, as text, for privacy tests that assert what is *not* there
    /// (an IP address, an ended session's words).
    async fn audit_dump(&self) -> StoreResult<String>;

    /// Ends a room's session that ended at `ended`: everyone is taken out of the room, and its
    /// history, stream, reactions and the retry records of what was said in it are erased; the
    /// room's stream starts a new epoch; what a facilitator set for the session goes too.
    /// Idempotent: every node may call it for the same end. Returns the room's epoch after
    /// it (the new one, or the current one when it was done already): members of another
    /// epoch were in the session that ended; members of this one came in after (early).
    async fn close_room(&self, room: &str, ended: Timestamp) -> StoreResult<String>;

    /// Counts one attempt against `key`'s allowance of `max` per `window`, for every node
    /// together (entry words per room, staff sign-ins): `Err(retry_after)` when the allowance
    /// is spent. Keys name a purpose and a room, never a person.
    async fn attempt(
        &self,
        key: &str,
        max: u32,
        window: std::time::Duration,
    ) -> StoreResult<Result<(), std::time::Duration>>;

    /// The handles of the people in the room now, sorted (for a round: never shown as a list).
    async fn member_handles(&self, room: &str) -> StoreResult<Vec<String>>;

    /// What a facilitator set for the room's session, if anything (erased by `close_room`).
    async fn control(&self, room: &str) -> StoreResult<Option<RoomControl>>;

    /// Replaces the room's control with `new` (`None` removes it) if it is still `expected`;
    /// false if someone changed it meanwhile (read it again and retry). A shared store tells
    /// every node that it changed ([`StoreEvent::Control`]).
    async fn swap_control(
        &self,
        room: &str,
        expected: Option<&RoomControl>,
        new: Option<&RoomControl>,
    ) -> StoreResult<bool>;

    /// For a store shared by several nodes: the events of every node (messages, reactions,
    /// presence changes, health), each room's in offset order. The hub takes it once at start
    /// and delivers from it; `None` for a store only this node uses, where the hub delivers
    /// what it stores itself.
    fn take_events(&self) -> Option<mpsc::Receiver<StoreEvent>> {
        None
    }

    /// Tells every node that a room's count of people changed (shared stores only).
    async fn presence_changed(&self, _room: &str) -> StoreResult<()> {
        Ok(())
    }

    /// Keeps the sessions connected to this node alive. A shared store lets sessions expire
    /// on their own, so that a node that dies does not keep its people "present" for ever.
    async fn keep_alive(&self, _tokens: &[SessionToken]) -> StoreResult<()> {
        Ok(())
    }

    /// Whether this node can reach the store and follow every node's events now.
    fn healthy(&self) -> bool {
        true
    }
}
