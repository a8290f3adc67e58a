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

mod control;

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use axum::extract::ws::Utf8Bytes;
use ibasho_moderation::Handle;
use ibasho_protocol::{NoticeCode, Position, Reaction, ServerMsg};
use tokio_util::sync::CancellationToken;

use crate::catalogue::Catalogue;
use crate::control::RoomControl;
use crate::handles;
use crate::outbox::{CloseReason, Outbound, Outbox, encode};
use crate::ratelimit::Limiter;
use crate::refusal::Refusal;
use crate::settings::Limits;
use crate::store::{
    Appended, Attachment, JoinRefusal, NewMessage, NewSession, Profile, Reacted, RoomDoc,
    SessionRecord, Store, StoreError, StoreEvent, StoreResult, swap_doc,
};
use crate::token::SessionToken;

/// Attempts at a free generated handle before giving up with `unavailable`.
const HANDLE_ATTEMPTS: u32 = 64;

/// The attempt allowances' window.
const ATTEMPT_WINDOW: Duration = Duration::from_secs(60);

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

/// A connection in a room on this node.
#[derive(Debug)]
struct Member {
    outbox: Outbox,
    /// The epoch of the room's stream it joined in, and the offset of the last event it has
    /// (in its `joined`, or delivered since): its delivery mark.
    epoch: String,
    delivered: u64,
}

/// One room on this node.
#[derive(Debug)]
struct RoomHub {
    id: String,
    capacity: u32,
    sequencer: tokio::sync::Mutex<()>,
    members: Mutex<HashMap<u64, Member>>,
    presence_pending: AtomicBool,
    /// Held while this node reads or changes the room's control, so that an older read
    /// never overwrites a newer change in this node's copy.
    control_lock: tokio::sync::Mutex<()>,
}

impl RoomHub {
    fn new(id: &str, capacity: u32) -> Arc<RoomHub> {
        Arc::new(RoomHub {
            id: id.to_owned(),
            capacity,
            sequencer: tokio::sync::Mutex::new(()),
            members: Mutex::new(HashMap::new()),
            presence_pending: AtomicBool::new(false),
            control_lock: tokio::sync::Mutex::new(()),
        })
    }

    fn members(&self) -> MutexGuard<'_, HashMap<u64, Member>> {
        self.members
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Queues one serialized frame to every member on this node, without waiting on any.
    fn broadcast(&self, frame: &Utf8Bytes) {
        for member in self.members().values() {
            member.outbox.push(Outbound::Text(frame.clone()));
        }
    }

    /// Queues a room event to every member of its epoch that does not have it yet.
    fn deliver(&self, epoch: &str, offset: u64, frame: &Utf8Bytes) {
        for member in self.members().values_mut() {
            if member.epoch == epoch && offset > member.delivered {
                member.delivered = offset;
                member.outbox.push(Outbound::Text(frame.clone()));
            }
        }
    }
}

/// A session as this node knows it: its current connection, and its message limit, which
/// survives reconnects so that reconnecting is no way around it.
#[derive(Debug)]
struct LocalSession {
    conn: Option<Outbox>,
    says: Arc<Limiter>,
}

/// The rooms and sessions of this node.
pub struct Hub {
    store: Arc<dyn Store>,
    /// The catalogue's rooms, and private rooms while this node has members in them.
    rooms: RwLock<HashMap<String, Arc<RoomHub>>>,
    sessions: Mutex<HashMap<SessionToken, LocalSession>>,
    limits: Limits,
    shutdown: CancellationToken,
    /// What facilitators set for each room (see `control`).
    controls: Mutex<HashMap<String, crate::control::RoomControl>>,
}

impl Hub {
    /// The hub of this node: it starts delivering the store's events and keeping this
    /// node's sessions alive.
    pub fn start(
        store: Arc<dyn Store>,
        catalogue: &Catalogue,
        limits: Limits,
        shutdown: CancellationToken,
    ) -> Arc<Hub> {
        let events = store.take_events();
        let hub = Arc::new(Hub::new(store, catalogue, limits, shutdown));
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
        shutdown: CancellationToken,
    ) -> Hub {
        let rooms = catalogue
            .rooms
            .iter()
            .map(|room| (room.id.clone(), RoomHub::new(&room.id, room.capacity)))
            .collect();
        Hub {
            store,
            rooms: RwLock::new(rooms),
            sessions: Mutex::new(HashMap::new()),
            limits,
            shutdown,
            controls: Mutex::new(HashMap::new()),
        }
    }

    /// Delivers the store's events to this node's connections, until shutdown.
    async fn dispatch(self: Arc<Self>, mut events: tokio::sync::mpsc::Receiver<StoreEvent>) {
        loop {
            let event = tokio::select! {
                event = events.recv() => event,
                () = self.shutdown.cancelled() => return,
            };
            let Some(event) = event else { return };
            match event {
                StoreEvent::Room { room, epoch, event } => {
                    if let Some(hub) = self.find(&room) {
                        // In order with joins: a joiner's delivery mark is set under the same lock.
                        let _in_order = hub.sequencer.lock().await;
                        hub.deliver(&epoch, event.offset(), &encode(&event.to_frame(&room)));
                    }
                }
                StoreEvent::Presence { room } => self.refresh_presence(&room),
                StoreEvent::Doc { room, kind } => {
                    if kind == RoomControl::KIND
                        && let Err(err) = self.refresh_control(&room).await
                    {
                        tracing::warn!(error = %err, "could not read a room's control");
                    }
                }
                StoreEvent::Gone { room } => self.take_out_of(&room),
                StoreEvent::Resync { room, keep } => {
                    if let Some(hub) = self.find(&room) {
                        for member in hub.members().values() {
                            if keep.as_ref() != Some(&member.epoch) {
                                member.outbox.control().close(CloseReason::Resync);
                            }
                        }
                    }
                }
                StoreEvent::Health(healthy) => {
                    let code = if healthy {
                        NoticeCode::Restored
                    } else {
                        NoticeCode::Degraded
                    };
                    self.notify_everyone(&encode(&ServerMsg::Notice { code }));
                }
            }
        }
    }

    /// Tells the room's members on this node that its session ends at `closes_at`.
    pub fn announce_closing(&self, room_id: &str, closes_at: jiff::Timestamp) {
        if let Some(room) = self.find(room_id) {
            room.broadcast(&encode(&ServerMsg::Closing {
                room: room_id.to_owned(),
                closes_at,
            }));
        }
    }

    /// Ends the room's session that ended at `ended`: erases it in the store (once, whichever
    /// node comes first) and takes this node's members out with a `closed` frame — unless a
    /// facilitator kept it open: then nothing happens, and the answer is its new end. What a
    /// facilitator set for a later session (opened early) stays.
    pub async fn close_room(
        &self,
        room_id: &str,
        ended: jiff::Timestamp,
    ) -> StoreResult<Option<jiff::Timestamp>> {
        let Some(room) = self.find(room_id) else {
            return Ok(None);
        };
        let _one_control = room.control_lock.lock().await;
        let control = self.read_control(room_id).await?;
        if let Some((opens, closes)) = control.as_ref().and_then(RoomControl::window)
            && opens <= ended
            && ended < closes
        {
            self.keep_control(room_id, control);
            return Ok(Some(closes));
        }
        let _in_order = room.sequencer.lock().await;
        let epoch = self.store.close_room(room_id, ended).await?;
        let frame = encode(&ServerMsg::Closed {
            room: room_id.to_owned(),
        });
        // Members of the new epoch came in after the close (a session opened early).
        room.members().retain(|_, member| {
            if member.epoch == epoch {
                return true;
            }
            member.outbox.push(Outbound::Text(frame.clone()));
            false
        });
        let later =
            control.filter(|control| control.planned.is_some_and(|(starts, _)| starts >= ended));
        if let Some(later) = &later {
            swap_doc(&*self.store, room_id, None, Some(later)).await?;
        }
        self.keep_control(room_id, later);
        Ok(None)
    }

    /// Queues a frame to every connection with a session on this node.
    fn notify_everyone(&self, frame: &Utf8Bytes) {
        for local in self.sessions().values() {
            if let Some(conn) = &local.conn {
                conn.push(Outbound::Text(frame.clone()));
            }
        }
    }

    /// Renews the lease of every session connected here, so that the store lets the
    /// sessions of a node that died expire.
    async fn keep_sessions_alive(self: Arc<Self>) {
        let mut tick = tokio::time::interval(self.limits.keep_alive_interval);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                () = self.shutdown.cancelled() => return,
            }
            let tokens: Vec<SessionToken> = self
                .sessions()
                .iter()
                .filter(|(_, local)| local.conn.is_some())
                .map(|(token, _)| token.clone())
                .collect();
            if let Err(err) = self.store.keep_alive(&tokens).await {
                tracing::warn!(error = %err, "could not renew session leases");
            }
        }
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
    /// the ends of rooms' sessions.
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

    /// Closes the private rooms whose expiry has come (the timetable asks each tick).
    pub async fn close_expired_private(&self, now: jiff::Timestamp) -> StoreResult<()> {
        for id in self.store.expired_private_rooms(now).await? {
            if self.close_private(&id).await.is_err() {
                tracing::warn!("could not close an expired private room yet");
            }
        }
        Ok(())
    }

    /// Delivers a room made at run time (a private room) on this node from now on.
    pub fn follow(&self, id: &str, capacity: u32) {
        self.rooms
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .entry(id.to_owned())
            .or_insert_with(|| RoomHub::new(id, capacity));
    }

    /// Ends a private room: erased in the store (once, whichever node asks), and every
    /// member — here, and on other nodes through the store's `Gone` event — taken out with a
    /// `closed` frame. False if it was gone already.
    pub async fn close_private(&self, id: &str) -> Result<bool, Refusal> {
        let closed = self.store.close_private_room(id).await?;
        self.take_out_of(id);
        Ok(closed)
    }

    /// Takes this node's members out of a room that is gone, and forgets it.
    fn take_out_of(&self, id: &str) {
        let Some(room) = self
            .rooms
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .remove(id)
        else {
            return;
        };
        self.controls().remove(id);
        let frame = encode(&ServerMsg::Closed {
            room: id.to_owned(),
        });
        for member in room.members().drain().map(|(_, member)| member) {
            member.outbox.push(Outbound::Text(frame.clone()));
        }
    }

    /// Starts a session for `conn`, with the requested handle or a generated one that nobody
    /// present uses.
    pub async fn open_session(
        &self,
        requested: Option<Handle>,
        profile: Profile,
        conn: &Outbox,
    ) -> Result<(NewSession, Handle), Refusal> {
        let (session, handle) = match requested {
            Some(handle) => match self.store.create_session(&handle, profile, false).await? {
                Some(session) => (session, handle),
                None => return Err(Refusal::Unavailable),
            },
            None => self.open_generated(profile).await?,
        };
        self.attach_local(&session.token, conn);
        Ok((session, handle))
    }

    async fn open_generated(&self, profile: Profile) -> Result<(NewSession, Handle), Refusal> {
        for attempt in 0..HANDLE_ATTEMPTS {
            let handle = handles::generate(profile.lang, attempt);
            if let Some(session) = self.store.create_session(&handle, profile, true).await? {
                return Ok((session, handle));
            }
        }
        tracing::warn!("no free generated handle found");
        Err(Refusal::Unavailable)
    }

    /// Resumes a session on `conn`. A connection still holding it (a half-open socket the
    /// server has not noticed yet) is closed.
    pub async fn resume(
        &self,
        token: &SessionToken,
        conn: &Outbox,
    ) -> StoreResult<Option<SessionRecord>> {
        let record = self.store.attach_session(token).await?;
        if record.is_some() {
            self.attach_local(token, conn);
        }
        Ok(record)
    }

    fn attach_local(&self, token: &SessionToken, conn: &Outbox) {
        let mut sessions = self.sessions();
        let local = sessions
            .entry(token.clone())
            .or_insert_with(|| LocalSession {
                conn: None,
                says: Arc::new(Limiter::new(
                    self.limits.says_per_second,
                    self.limits.says_burst,
                )),
            });
        if let Some(previous) = local.conn.replace(conn.clone())
            && previous.id() != conn.id()
        {
            previous.control().close(CloseReason::Replaced);
        }
    }

    /// The session's message limiter.
    pub fn says_limiter(&self, token: &SessionToken) -> Option<Arc<Limiter>> {
        self.sessions().get(token).map(|local| local.says.clone())
    }

    /// Sessions this node holds (connected or in their grace period).
    pub fn session_count(&self) -> usize {
        self.sessions().len()
    }

    /// If the session already said `client_id` in `room`, confirms it to `conn` again (a
    /// retry after a reconnect) and returns true: nothing new is said.
    pub async fn confirm_retry(
        &self,
        room: &str,
        token: &SessionToken,
        client_id: &str,
        conn: &Outbox,
    ) -> Result<bool, Refusal> {
        match self.store.find_duplicate(room, token, client_id).await? {
            Some(earlier) => {
                conn.send(&ServerMsg::Message(earlier));
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Puts the session in a room and queues `joined` (with the history, or what was missed
    /// since `since`) to `conn`; joining a room one is in resends `joined`. Returns whether
    /// the session newly arrived.
    pub async fn join(
        &self,
        room_id: &str,
        token: &SessionToken,
        conn: &Outbox,
        since: Option<&Position>,
    ) -> Result<bool, Refusal> {
        let room = self.room(room_id)?;
        let _in_order = room.sequencer.lock().await;
        let joined = self
            .store
            .join(
                room_id,
                room.capacity,
                self.limits.history_len,
                token,
                since,
            )
            .await?
            .map_err(|refusal| match refusal {
                JoinRefusal::Full => Refusal::RoomFull,
                JoinRefusal::HandleTaken => Refusal::HandleTaken,
                // The session ended under us (its grace ran out): as good as not in the room.
                JoinRefusal::NoSession => Refusal::NotInRoom,
            })?;
        let delivered = joined.position.offset;
        let epoch = joined.position.epoch.clone();
        conn.send(&ServerMsg::Joined {
            room: room_id.to_owned(),
            history: joined.history,
            present: joined.present,
            position: joined.position,
            recovered: joined.recovered,
        });
        for change in &joined.reactions {
            conn.send(&change.to_frame(room_id));
        }
        if let Some(control) = self.control(room_id) {
            conn.send(&control.frame(room_id));
        }
        room.members().insert(
            conn.id(),
            Member {
                outbox: conn.clone(),
                epoch,
                delivered,
            },
        );
        drop(_in_order);
        if joined.arrived {
            self.presence_changed(room_id);
        }
        Ok(joined.arrived)
    }

    /// Takes the session out of a room and stops delivering it to `conn`.
    pub async fn leave(
        &self,
        room_id: &str,
        token: &SessionToken,
        conn: &Outbox,
    ) -> Result<(), Refusal> {
        let room = self.room(room_id)?;
        room.members().remove(&conn.id());
        if !self.store.leave(room_id, token).await? {
            return Err(Refusal::NotInRoom);
        }
        conn.send(&ServerMsg::Left {
            room: room_id.to_owned(),
        });
        self.presence_changed(room_id);
        Ok(())
    }

    /// Stores a message (the store's feed brings it back to deliver to the room); a retried
    /// `client_id` is confirmed to the sender only.
    pub async fn say(&self, message: NewMessage, conn: &Outbox) -> Result<(), Refusal> {
        self.room(&message.room)?;
        match self.store.append(message, self.limits.history_len).await? {
            Appended::New(_) => Ok(()),
            Appended::Duplicate(earlier) => {
                conn.send(&ServerMsg::Message(earlier));
                Ok(())
            }
            Appended::NotMember => Err(Refusal::NotInRoom),
        }
    }

    /// Toggles a quiet reaction and tells the room the message's new counts.
    pub async fn react(
        &self,
        room_id: &str,
        token: &SessionToken,
        message_id: &str,
        reaction: Reaction,
    ) -> Result<(), Refusal> {
        self.room(room_id)?;
        // Delivered from the store's feed, in the room's order: never before its message.
        match self
            .store
            .react(room_id, token, message_id, reaction)
            .await?
        {
            Reacted::Changed(_) => Ok(()),
            Reacted::NotMember => Err(Refusal::NotInRoom),
            Reacted::NoSuchMessage => Err(Refusal::NoSuchMessage),
        }
    }

    /// Counts an attempt against an allowance of `max` a minute shared by every node (entry
    /// words per room, staff sign-ins): `rate_limited` when it is spent.
    pub async fn attempt(&self, key: &str, max: u32) -> Result<(), Refusal> {
        match self.store.attempt(key, max, ATTEMPT_WINDOW).await? {
            Ok(()) => Ok(()),
            Err(retry_after) => Err(Refusal::RateLimited { retry_after }),
        }
    }

    /// People in a room now.
    pub async fn present(&self, room_id: &str) -> StoreResult<u32> {
        self.store.present(room_id).await
    }

    /// Cleans up after a connection that had a session: it stops receiving, and the session
    /// ends now (`Left`), after the grace period (`Dropped`), or stays with its new
    /// connection (`Replaced`). `attachment` makes this a no-op if the session has been
    /// resumed elsewhere in the meantime.
    pub async fn disconnect(
        self: &Arc<Self>,
        token: &SessionToken,
        attachment: Attachment,
        conn: &Outbox,
        departure: Departure,
    ) {
        let rooms: Vec<Arc<RoomHub>> = self
            .rooms
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .values()
            .cloned()
            .collect();
        for room in rooms {
            room.members().remove(&conn.id());
        }
        {
            let mut sessions = self.sessions();
            if let Some(local) = sessions.get_mut(token)
                && local.conn.as_ref().is_some_and(|c| c.id() == conn.id())
            {
                local.conn = None;
            }
        }
        match departure {
            Departure::Left => self.end_session(token, attachment, false).await,
            Departure::Dropped => match self.store.detach_session(token, attachment).await {
                Ok(true) => self.start_grace(token.clone(), attachment),
                Ok(false) => self.forget_local(token),
                Err(err) => {
                    tracing::warn!(error = %err, "could not detach a session");
                    self.forget_local(token);
                }
            },
            Departure::Replaced => {}
        }
    }

    async fn end_session(&self, token: &SessionToken, attachment: Attachment, if_detached: bool) {
        match self.store.end_session(token, attachment, if_detached).await {
            Ok(Some(rooms)) => {
                self.forget_local(token);
                for room in &rooms {
                    self.presence_changed(room);
                }
            }
            Ok(None) => self.forget_local(token),
            Err(err) => {
                tracing::warn!(error = %err, "could not end a session");
                self.forget_local(token);
            }
        }
    }

    /// Drops this node's record of a session unless a connection holds it.
    fn forget_local(&self, token: &SessionToken) {
        let mut sessions = self.sessions();
        if sessions
            .get(token)
            .is_some_and(|local| local.conn.is_none())
        {
            sessions.remove(token);
        }
    }

    /// Ends a dropped session when its grace period runs out without a resume.
    fn start_grace(self: &Arc<Self>, token: SessionToken, attachment: Attachment) {
        let hub = Arc::clone(self);
        let grace = self.limits.session_grace;
        tokio::spawn(async move {
            tokio::select! {
                () = tokio::time::sleep(grace) => hub.end_session(&token, attachment, true).await,
                () = hub.shutdown.cancelled() => {}
            }
        });
    }

    /// Notes that a room's count changed, through the store's feed (on every node).
    fn presence_changed(&self, room_id: &str) {
        let store = Arc::clone(&self.store);
        let room = room_id.to_owned();
        tokio::spawn(async move {
            if let Err(err) = store.presence_changed(&room).await {
                tracing::warn!(error = %err, "could not tell other nodes of a presence change");
            }
        });
    }

    /// Sends the room's count to its members here. Counts are sent at most once per presence
    /// interval: a room of 1,000 filling up gets a few updates per second, not half a million
    /// frames.
    fn refresh_presence(&self, room_id: &str) {
        let Some(room) = self.find(room_id) else {
            return;
        };
        if room.presence_pending.swap(true, Ordering::AcqRel) {
            return;
        }
        let store = Arc::clone(&self.store);
        let interval: Duration = self.limits.presence_interval;
        let shutdown = self.shutdown.clone();
        tokio::spawn(async move {
            tokio::select! {
                () = tokio::time::sleep(interval) => {}
                () = shutdown.cancelled() => return,
            }
            // Cleared before reading, so a change after the read schedules another update.
            room.presence_pending.store(false, Ordering::Release);
            match store.present(&room.id).await {
                Ok(present) => room.broadcast(&encode(&ServerMsg::Presence {
                    room: room.id.clone(),
                    present,
                })),
                Err(err) => tracing::warn!(error = %err, "could not count presence"),
            }
        });
    }
}
