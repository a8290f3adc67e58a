//! The rooms of this node: what happens when someone joins, speaks, leaves or drops, combining
//! the shared [`Store`] (the truth) with delivery to this node's connections.
//!
//! One delivery path: the hub never delivers what it stores. Every room event comes back from
//! the store's feed — from the Redis reader (every node's events), or from the memory store
//! itself — in the room's offset order, and `dispatch` delivers it. A joiner is registered
//! with the offset its history ends at (its delivery mark) while the room's sequencer is
//! held, and the dispatcher takes the same lock to deliver only later events to it: every
//! member sees a room's messages in order, and a joiner sees each exactly once — in its
//! history or live, never both, never neither.
//!
//! Delivery never waits: a member whose queue is full is disconnected (see `outbox`).
//!
//! # Layout
//! - this file — the hub: its rooms (the catalogue's, and private rooms while it follows
//!   them) and the connections in them.
//! - `room` — one room on this node: its members here, its sequencer, delivery.
//! - `dispatch` — the store's events, delivered.
//! - `conversation` — join, leave, say, react, retries, attempts.
//! - `presence` — counts, coalesced.
//! - `sessions` — this node's sessions: takeover, grace period, leases.
//! - `closing` — the end of a room's sitting, and of a private room.
//! - `sanctions` — mutes and removals (and who is muted, for staff); `reports` — reports
//!   and their outcomes; `alerts` — alerts kept for staff until one dismisses them.
//! - `cases` — what the counselor desk (`counsel`) hears from the hub.
//! - `control` — this node's copy of each room's control (what a facilitator set).

mod alerts;
pub mod audit;
mod cases;
mod closing;
mod control;
mod conversation;
mod dispatch;
mod presence;
mod reports;
mod room;
mod sanctions;
mod sessions;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use crate::catalogue::Catalogue;
use crate::clock::Clock;
use crate::control::RoomControl;
use crate::outbox::Outbox;
use crate::refusal::Refusal;
use crate::settings::Limits;
use crate::store::{Store, StoreError};
use crate::token::SessionToken;
use room::RoomHub;

pub use cases::{CaseEvent, CaseFeed};

// The hub's vocabulary, for the layer above: it never needs the store itself.
use sessions::LocalSession;

/// A store that cannot answer is `unavailable` to the client; the cause goes to the log.
impl From<StoreError> for Refusal {
    fn from(err: StoreError) -> Self {
        tracing::warn!(error = %err, "store operation failed");
        Refusal::Unavailable
    }
}

/// How a connection left its session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Departure {
    /// The person left (their own close frame): the session ends now.
    Left,
    /// The connection dropped: the session waits for a resume during the grace period.
    Dropped,
    /// Another connection took the session over: nothing to end.
    Replaced,
}

/// The rooms and sessions of this node.
pub struct Hub {
    store: Arc<dyn Store>,
    /// The catalogue's rooms, and private rooms while this node has members in them.
    rooms: RwLock<HashMap<String, Arc<RoomHub>>>,
    sessions: Mutex<HashMap<SessionToken, LocalSession>>,
    limits: Limits,
    /// The service's clock (who is muted until when).
    clock: Arc<dyn Clock>,
    shutdown: CancellationToken,
    /// What facilitators set for each room (see `control`).
    controls: Mutex<HashMap<String, RoomControl>>,
    /// Where escalation events go (the counselor desk), once it listens.
    cases: Mutex<Option<CaseFeed>>,
    /// Where each room's count of people goes as it is read (the usage figures' peaks),
    /// once someone listens: a bounded queue the hub never waits on.
    counts: Mutex<Option<mpsc::Sender<(String, u32)>>>,
    /// Room events queued to this node's connections since it started (for `/metrics`).
    deliveries: std::sync::atomic::AtomicU64,
}

impl Hub {
    /// The hub of this node: it starts delivering the store's events and keeping this
    /// node's sessions alive.
    pub fn start(
        store: Arc<dyn Store>,
        catalogue: &Catalogue,
        limits: Limits,
        clock: Arc<dyn Clock>,
        shutdown: CancellationToken,
    ) -> Arc<Hub> {
        let events = store.take_events();
        let hub = Arc::new(Hub::new(store, catalogue, limits, clock, shutdown));
        match events {
            Some(events) => {
                tokio::spawn(Arc::clone(&hub).dispatch(events));
            }
            None => tracing::error!("the store reports no events: nothing will be delivered"),
        }
        tokio::spawn(Arc::clone(&hub).keep_sessions_alive());
        hub
    }

    fn new(
        store: Arc<dyn Store>,
        catalogue: &Catalogue,
        limits: Limits,
        clock: Arc<dyn Clock>,
        shutdown: CancellationToken,
    ) -> Hub {
        let rooms = catalogue
            .rooms
            .iter()
            .map(|room| {
                let hub = RoomHub::new(&room.id, room.capacity, room.facilitated);
                (room.id.clone(), hub)
            })
            .collect();
        Hub {
            store,
            rooms: RwLock::new(rooms),
            sessions: Mutex::new(HashMap::new()),
            limits,
            clock,
            shutdown,
            controls: Mutex::new(HashMap::new()),
            cases: Mutex::new(None),
            counts: Mutex::new(None),
            deliveries: std::sync::atomic::AtomicU64::new(0),
        }
    }

    /// Room events queued to this node's connections since it started.
    pub fn deliveries(&self) -> u64 {
        self.deliveries.load(std::sync::atomic::Ordering::Relaxed)
    }

    fn sessions(&self) -> MutexGuard<'_, HashMap<SessionToken, LocalSession>> {
        self.sessions
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// This node's hub of a room, if it has one.
    fn find(&self, id: &str) -> Option<Arc<RoomHub>> {
        self.rooms
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .get(id)
            .cloned()
    }

    fn room(&self, id: &str) -> Result<Arc<RoomHub>, Refusal> {
        self.find(id).ok_or(Refusal::NoSuchRoom)
    }

    /// Whether `conn` is in the room on this node: this node's record of where it delivers,
    /// which follows the store (the truth) — a session's rooms on resume, joins, leaves, and
    /// the ends of rooms' sittings.
    pub fn is_member(&self, room: &str, conn: &Outbox) -> bool {
        self.find(room)
            .is_some_and(|room| room.members().contains_key(&conn.id()))
    }

    /// How many rooms `conn` is in on this node.
    pub fn rooms_of(&self, conn: &Outbox) -> usize {
        self.rooms
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .values()
            .filter(|room| room.members().contains_key(&conn.id()))
            .count()
    }

    /// Whether this node delivers in the room (a catalogue room, or a private room not gone).
    pub fn follows(&self, id: &str) -> bool {
        self.find(id).is_some()
    }

    /// Delivers a room made at run time (a private room) on this node from now on.
    pub fn follow(&self, id: &str, capacity: u32) {
        self.rooms
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .entry(id.to_owned())
            .or_insert_with(|| RoomHub::new(id, capacity, false));
    }
}
