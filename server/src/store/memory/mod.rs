//! The embedded default store: everything in this process's memory, nothing on disk. When the
//! process ends, every word said here is gone.
//!
//! One mutex over all collections: every operation is short and never awaits while holding
//! it, so each is atomic with respect to the others, as the Redis scripts are. Sessions are
//! named by their [`session_key`](super::session_key) here too, as in Redis: no record holds
//! a token.
//!
//! Each collection's implementation is in a file of its own: `sessions`, `rooms`, `docs`,
//! `attempts`, `private_rooms`, `sanctions`, `reports`, `alerts`, `audit_log`, `escalations`,
//! `duty`, `case_counts`, `bindings`, `figures`, `voice`.

mod alerts;
mod attempts;
mod audit_log;
mod bindings;
mod case_counts;
mod docs;
mod duty;
mod escalations;
mod feed;
mod figures;
mod private_rooms;
mod reports;
mod rooms;
mod sanctions;
mod sessions;
mod voice;

use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::{Mutex, MutexGuard};

use async_trait::async_trait;
use ibasho_protocol::{ChatMessage, Position, Reaction};
use tokio::sync::mpsc;

use super::{
    PrivateRoom, Profile, RoomEvent, STREAM_LEN, Store, StoreEvent, StoreResult, new_epoch,
};
use crate::store::Attachment;

/// The in-memory store.
#[derive(Debug)]
pub struct MemoryStore {
    state: Mutex<State>,
    /// How many events each room's stream keeps for recovery.
    stream_len: usize,
    /// What the hub hears of (see `feed`).
    feed: feed::Feed,
}

impl Default for MemoryStore {
    fn default() -> Self {
        MemoryStore::with_stream_len(STREAM_LEN)
    }
}

/// Alerts by id, with when each was kept (real time, as a Redis key's time to live).
type Alerts = HashMap<String, (super::StaffAlert, jiff::Timestamp)>;

#[derive(Debug, Default)]
struct State {
    /// By session key.
    sessions: HashMap<String, Session>,
    /// Handle keys of live sessions, counted: two sessions may share a requested handle as
    /// long as they are never in the same room.
    handles: HashMap<String, u32>,
    rooms: HashMap<String, Room>,
    attempts: attempts::Attempts,
    private_rooms: HashMap<String, PrivateRoom>,
    reports: HashMap<String, reports::Filed>,
    /// Alerts by id, until dismissed.
    alerts: Alerts,
    audit: VecDeque<super::AuditEntry>,
    escalations: escalations::Escalations,
    /// Counselors on duty: staff handle → until (ms).
    duty: HashMap<String, u64>,
    case_counts: case_counts::CaseCounts,
    figures: figures::Figures,
    voice: voice::Voices,
}

#[derive(Debug)]
struct Session {
    handle: String,
    handle_key: String,
    profile: Profile,
    rooms: RoomSet,
    /// The current attachment (see [`Attachment`]).
    attachment: Attachment,
    /// True while no connection is attached.
    detached: bool,
    /// Recent messages that had a `client_id`, for retries (room and id are in the message).
    recent: VecDeque<ChatMessage>,
    /// The session's request to talk with a counselor (by escalation id), while it is open.
    escalation: Option<String>,
}

/// The rooms a session is in (a handful at most: `max_rooms`), in order: a sorted `Vec`,
/// not a `BTreeSet`, whose first node alone costs every session ~300 bytes.
#[derive(Debug, Default)]
struct RoomSet(Vec<String>);

impl RoomSet {
    fn insert(&mut self, room: String) {
        if let Err(at) = self.0.binary_search(&room) {
            self.0.insert(at, room);
        }
    }

    fn remove(&mut self, room: &str) {
        if let Ok(at) = self.0.binary_search_by(|here| here.as_str().cmp(room)) {
            self.0.remove(at);
        }
    }

    fn iter(&self) -> std::slice::Iter<'_, String> {
        self.0.iter()
    }
}

impl<'a> IntoIterator for &'a RoomSet {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for RoomSet {
    type Item = String;
    type IntoIter = std::vec::IntoIter<String>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl Session {
    fn said(&self, room: &str, client_id: &str) -> Option<&ChatMessage> {
        self.recent
            .iter()
            .find(|m| m.room == room && m.client_id.as_deref() == Some(client_id))
    }
}

#[derive(Debug)]
struct Room {
    /// Members (by session key) and their handle keys.
    members: HashMap<String, String>,
    history: VecDeque<ChatMessage>,
    /// The stream: its epoch (new with each process), the last offset, and its recent events.
    epoch: String,
    offset: u64,
    log: VecDeque<RoomEvent>,
    /// The offset the stream covers from (events before it were trimmed; messages taken down
    /// are missing from `log` on purpose, not trimmed).
    log_start: u64,
    /// Who (by session key) gave which reaction to which message (by message id), so a
    /// second press takes it back. Entries go with their message and with the session.
    reactors: HashMap<(String, Reaction), HashSet<String>>,
    /// The end of the last sitting closed (so closing is done once, whoever asks).
    closed: Option<jiff::Timestamp>,
    /// The room's documents by kind (gone with the sitting: see `close_room`).
    docs: HashMap<String, String>,
    /// Mutes and removals by session key (gone with the room's sitting, and each with its
    /// own session).
    sanctions: HashMap<String, super::Sanctions>,
}

impl Room {
    fn new() -> Room {
        Room {
            members: HashMap::new(),
            history: VecDeque::new(),
            epoch: new_epoch(),
            offset: 0,
            log: VecDeque::new(),
            log_start: 1,
            reactors: HashMap::new(),
            closed: None,
            docs: HashMap::new(),
            sanctions: HashMap::new(),
        }
    }

    fn position(&self) -> Position {
        Position {
            epoch: self.epoch.clone(),
            offset: self.offset,
        }
    }

    /// Keeps an event (with its offset given) in the stream.
    fn record(&mut self, event: RoomEvent, stream_len: usize) {
        self.log.push_back(event);
        while self.log.len() > stream_len {
            if let Some(trimmed) = self.log.pop_front() {
                self.log_start = trimmed.offset() + 1;
            }
        }
    }

    /// The events after `since`, if the stream still holds every one of them.
    fn events_since(&self, since: &Position) -> Option<Vec<RoomEvent>> {
        let first = self.log_start;
        let complete =
            since.epoch == self.epoch && since.offset <= self.offset && first <= since.offset + 1;
        complete.then(|| {
            self.log
                .iter()
                .filter(|event| event.offset() > since.offset)
                .cloned()
                .collect()
        })
    }

    fn forget_reactor(&mut self, sid: &str) {
        self.reactors.retain(|_, who| {
            who.remove(sid);
            !who.is_empty()
        });
    }
}

impl MemoryStore {
    pub fn new() -> MemoryStore {
        MemoryStore::default()
    }

    /// A store whose rooms keep `stream_len` events for recovery.
    pub fn with_stream_len(stream_len: usize) -> MemoryStore {
        MemoryStore::with_feed_depth(stream_len, feed::DEPTH)
    }

    /// A store whose feed to the hub holds at most `depth` events (tests fill it on purpose:
    /// a full feed must slow writers down, never stall delivery).
    pub fn with_feed_depth(stream_len: usize, depth: usize) -> MemoryStore {
        MemoryStore {
            state: Mutex::default(),
            stream_len,
            feed: feed::Feed::new(depth),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave half-written state that matters more
        // than keeping the service up: every operation writes consistent values last.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl State {
    fn release_handle(&mut self, key: &str) {
        if let Some(count) = self.handles.get_mut(key) {
            *count -= 1;
            if *count == 0 {
                self.handles.remove(key);
            }
        }
    }

    /// Erases everything said in a room and everyone's place in it (the end of its sitting,
    /// or of a private room), leaving a fresh room with a new epoch.
    fn erase_room(&mut self, room_id: &str) -> &mut Room {
        let State {
            sessions,
            rooms,
            reports,
            alerts,
            ..
        } = self;
        let room = rooms.entry(room_id.to_owned()).or_insert_with(Room::new);
        for sid in room.members.keys() {
            if let Some(session) = sessions.get_mut(sid) {
                session.rooms.remove(room_id);
            }
        }
        // What anyone said in it, also in the records kept for retries, and reports and
        // alerts about it.
        for session in sessions.values_mut() {
            session.recent.retain(|message| message.room != room_id);
        }
        reports.retain(|_, filed| filed.report.room != room_id);
        alerts.retain(|_, (alert, _)| alert.room != room_id);
        *room = Room::new();
        room
    }
}

#[async_trait]
impl Store for MemoryStore {
    async fn audit_dump(&self) -> StoreResult<String> {
        Ok(format!("{:#?}", *self.lock()))
    }

    fn take_events(&self) -> Option<mpsc::Receiver<StoreEvent>> {
        self.feed.take()
    }

    async fn tell(&self, room: &str, to: &super::Recipient, frame: &str) -> StoreResult<()> {
        self.feed.slot().await.send(StoreEvent::Private {
            room: room.to_owned(),
            to: to.clone(),
            frame: frame.to_owned(),
        });
        Ok(())
    }

    async fn outcome_ready(&self, _room: &str, reporter: &str, report_id: &str) -> StoreResult<()> {
        self.feed.slot().await.send(StoreEvent::Outcome {
            reporter: reporter.to_owned(),
            report_id: report_id.to_owned(),
        });
        Ok(())
    }

    async fn signed_out(&self, handles: &[String]) -> StoreResult<()> {
        self.feed.slot().await.send(StoreEvent::SignedOut {
            handles: handles.to_vec(),
        });
        Ok(())
    }

    async fn report_filed(&self, room: &str, report_id: &str) -> StoreResult<()> {
        self.feed.slot().await.send(StoreEvent::ReportFiled {
            room: room.to_owned(),
            report_id: report_id.to_owned(),
        });
        Ok(())
    }

    async fn presence_changed(&self, room: &str) -> StoreResult<()> {
        self.feed.slot().await.send(StoreEvent::Presence {
            room: room.to_owned(),
        });
        Ok(())
    }
}
