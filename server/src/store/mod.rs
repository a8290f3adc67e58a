//! Shared state, by collection, so that a single node keeps it in memory and several nodes
//! share it through Redis without the rest of the server knowing which.
//!
//! Each collection is a small trait in a file of its own, with its memory implementation in
//! `memory/<collection>.rs` and its Redis one in `redis/<collection>.rs` (beside that
//! collection's Lua scripts): [`sessions`], [`rooms`] (membership, history, stream,
//! reactions), [`docs`] (per-room documents changed by compare-and-swap), [`attempts`]
//! (allowances shared by every node), [`private_rooms`], [`sanctions`], [`reports`],
//! [`alerts`], [`audit_log`], and for the counselor desk [`escalations`] (requests' records),
//! [`duty`] (who takes requests), [`case_counts`] (what outlives every case) and
//! [`bindings`] (which request a session has); [`figures`] (the usage figures, totals by
//! day) and [`voice`] (the participants' anonymous answers). [`Store`] is all of them, plus
//! what a shared store tells every node's hub ([`events`]). One contract suite
//! (`server/tests/it/store_contract.rs`) holds both implementations to the same promises.
//!
//! The store is the source of truth for everything a second node would need. Delivery to the
//! sockets of *this* node is not here: see `hub`.
//!
//! Privacy: nothing here has a field for an IP address, a user agent or a real identity;
//! sessions are named by a hash of their token ([`session_key`]) wherever a record outlives a
//! call; `audit_dump` lets tests check that what is held is only what is listed here.

pub mod alerts;
pub mod attempts;
pub mod audit_log;
pub mod bindings;
pub mod case_counts;
pub mod docs;
pub mod duty;
pub mod escalations;
pub mod events;
pub mod figures;
pub mod memory;
pub mod private_rooms;
pub mod redis;
pub mod reports;
pub mod rooms;
pub mod sanctions;
pub mod sessions;
pub mod voice;

use async_trait::async_trait;
use ibasho_protocol::ChatMessage;
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

pub use alerts::{AlertStore, StaffAlert};
pub use attempts::{Allowed, AttemptStore};
pub use audit_log::{AuditEntry, AuditLogStore};
pub use bindings::{BindingStore, escalation_key};
pub use case_counts::CaseCountStore;
pub use docs::{DocStore, DocSwap, RoomDoc, read_doc, swap_doc};
pub use duty::DutyStore;
pub use escalations::{Escalation, EscalationStore, EscalationSwap};
pub use events::{Deletion, ReactionChange, Recipient, RoomEvent, StoreEvent};
pub use figures::{FigureStore, Visit, figure_key};
pub use memory::MemoryStore;
pub use private_rooms::{PRIVATE_PREFIX, PrivateRoom, PrivateRoomStore};
pub use redis::{RedisConfig, RedisStore};
pub use reports::{Report, ReportStore, Resolved};
pub use rooms::{Appended, JoinRefusal, JoinedRoom, NewMessage, Present, Reacted, RoomStore};
pub use sanctions::{SanctionStore, Sanctions, Target};
pub use sessions::{Attachment, NewSession, Profile, SessionRecord, SessionStore};
pub use voice::{VoiceRecord, VoiceStore};

use crate::token::SessionToken;

/// How many events a room's stream keeps by default: how far back a client can recover.
pub const STREAM_LEN: usize = 1000;

/// A fresh epoch for a room's stream: random, so that it never repeats.
pub fn new_epoch() -> String {
    let bytes: [u8; 8] = rand::random();
    hex(&bytes)
}

/// Bytes as lowercase hexadecimal (epochs, and the hashes that stand for tokens and names).
/// On every message's path (a visit's hash): one allocation, not one per byte.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = String::with_capacity(bytes.len() * 2);
    for byte in bytes {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

/// The store's name for a session wherever a record keeps it: a hash of its token, so that
/// what a store holds cannot be used to take a session over.
pub fn session_key(token: &SessionToken) -> String {
    let digest = Sha256::digest(token.expose().as_bytes());
    hex(&digest[..16])
}

/// The store's name for a session's place in one room, as the hub of every node knows it (a
/// hash of the session key and the room): membership events (`StoreEvent::Left`) name whom
/// they concern with it, and it means nothing once the session is gone.
pub fn member_key(token: &SessionToken, room: &str) -> String {
    member_key_of(&session_key(token), room)
}

/// The name under which every node hears that a session's report was resolved (a hash of
/// the session key, so the bus never carries the key itself).
pub fn outcome_key(session: &str) -> String {
    let digest = Sha256::digest(format!("outcome\n{session}").as_bytes());
    hex(&digest[..16])
}

/// [`member_key`] from the session key.
pub fn member_key_of(session: &str, room: &str) -> String {
    let digest = Sha256::digest(format!("{session}\n{room}").as_bytes());
    hex(&digest[..16])
}

/// Splits recovered events into the messages (for `joined.history`) and the other events
/// (reaction changes, deletions), each in order.
pub fn split_events(events: Vec<RoomEvent>) -> (Vec<ChatMessage>, Vec<RoomEvent>) {
    let mut messages = Vec::new();
    let mut changes = Vec::new();
    for event in events {
        match event {
            RoomEvent::Message(message) => messages.push(message),
            other => changes.push(other),
        }
    }
    (messages, changes)
}

/// A store that cannot answer now (Redis down). Memory never fails.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("storage unavailable: {0}")]
    Unavailable(String),
}

pub type StoreResult<T> = Result<T, StoreError>;

/// Every collection, and what a shared store tells every node. Every method is atomic with
/// respect to the others.
#[async_trait]
pub trait Store:
    SessionStore
    + RoomStore
    + DocStore
    + AttemptStore
    + PrivateRoomStore
    + SanctionStore
    + ReportStore
    + AlertStore
    + AuditLogStore
    + EscalationStore
    + DutyStore
    + CaseCountStore
    + BindingStore
    + FigureStore
    + VoiceStore
    + Send
    + Sync
    + 'static
{
    /// Everything the store holds, as text, for privacy tests that assert what is *not* there
    /// (an IP address, an ended sitting's words).
    async fn audit_dump(&self) -> StoreResult<String>;

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

    /// Tells some members of a room (`to`), on every node, `frame` (JSON): not stored, and
    /// nobody else hears it.
    async fn tell(&self, room: &str, to: &Recipient, frame: &str) -> StoreResult<()>;

    /// Tells every node that a report of the session whose [`outcome_key`] is `reporter` was
    /// resolved (see `StoreEvent::Outcome`).
    async fn outcome_ready(&self, room: &str, reporter: &str, report_id: &str) -> StoreResult<()>;

    /// Tells every node that a report was filed in `room`: its staff there read it from the
    /// store (the report's words never travel on the bus).
    async fn report_filed(&self, room: &str, report_id: &str) -> StoreResult<()>;

    /// Tells every node to end the sessions of these staff handles.
    async fn signed_out(&self, handles: &[String]) -> StoreResult<()>;

    /// Whether this node can reach the store and follow every node's events now.
    fn healthy(&self) -> bool {
        true
    }
}
