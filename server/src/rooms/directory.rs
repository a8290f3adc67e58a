//! One place that answers "what is room X, and may this session enter it": the catalogue's
//! rooms, and private rooms made at run time (see `store::private_rooms`). A private room
//! the session is not on the list of is answered exactly like a room that does not exist.
//!
//! Private rooms are looked up in the store the first time this node meets them and kept
//! while the hub follows them; when one is closed (here, on another node, or by its expiry)
//! the hub stops following it, and the next lookup asks the store again and finds nothing.

use ibasho_moderation::RoomRules;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use ibasho_protocol::{Audience, RoomKind};
use jiff::Timestamp;

use crate::catalogue::{Catalogue, Opening, RoomSpec};
use crate::hub::Hub;
use crate::refusal::Refusal;
use crate::rooms::Timing;
use crate::store::{PRIVATE_PREFIX, PrivateRoom, Store, session_key};
use crate::token::SessionToken;

/// A room as the room layer knows it.
#[derive(Debug)]
pub struct Room {
    /// What the policy and timing read: for a private room, always open, for its audience,
    /// with no entry word, as many seats as its list.
    pub spec: RoomSpec,
    /// The record of a private room.
    pub private: Option<PrivateRoom>,
}

impl Room {
    fn private(record: PrivateRoom) -> Room {
        Room {
            spec: RoomSpec {
                id: record.id.clone(),
                title: String::new(),
                title_en: None,
                description: String::new(),
                description_en: None,
                kind: RoomKind::Themed,
                audience: record.audience,
                entry_word_hash: None,
                capacity: record.capacity,
                opening: Opening::Always,
                programme: None,
                protection: RoomRules::default(),
                facilitated: false,
            },
            private: Some(record),
        }
    }

    /// Whether the session may find this room at all.
    fn admits(&self, token: &SessionToken) -> bool {
        self.private
            .as_ref()
            .is_none_or(|record| record.admits(token))
    }
}

/// How long a private room made without an expiry lives: nothing made for a conversation
/// outlasts it by more than a day, even if nobody closes it.
pub const DEFAULT_LIFETIME: jiff::SignedDuration = jiff::SignedDuration::from_hours(24);

pub struct Directory {
    listed: HashMap<String, Arc<Room>>,
    private: Mutex<HashMap<String, Arc<Room>>>,
    store: Arc<dyn Store>,
    hub: Arc<Hub>,
    timing: Timing,
}

impl Directory {
    pub fn new(
        catalogue: &Catalogue,
        store: Arc<dyn Store>,
        hub: Arc<Hub>,
        timing: Timing,
    ) -> Directory {
        let listed = catalogue
            .rooms
            .iter()
            .map(|spec| {
                let room = Room {
                    spec: spec.clone(),
                    private: None,
                };
                (spec.id.clone(), Arc::new(room))
            })
            .collect();
        Directory {
            listed,
            private: Mutex::new(HashMap::new()),
            store,
            hub,
            timing,
        }
    }

    fn private_rooms(&self) -> MutexGuard<'_, HashMap<String, Arc<Room>>> {
        self.private
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The catalogue's room with this id, if any (no store lookup).
    pub fn listed(&self, id: &str) -> Option<&Arc<Room>> {
        self.listed.get(id)
    }

    /// The room with this id as `token`'s session may see it: `None` for a room that does
    /// not exist and for a private room the session is not on the list of.
    pub async fn find(&self, id: &str, token: &SessionToken) -> Result<Option<Arc<Room>>, Refusal> {
        if let Some(room) = self.listed.get(id) {
            return Ok(Some(Arc::clone(room)));
        }
        if !id.starts_with(PRIVATE_PREFIX) {
            return Ok(None);
        }
        let known = {
            let mut private = self.private_rooms();
            // Rooms closed meanwhile (here or on another node) are no longer kept here.
            private.retain(|id, _| self.hub.follows(id));
            private.get(id).cloned()
        };
        let room = match known {
            Some(room) if self.hub.follows(id) => room,
            _ => {
                let Some(record) = self.store.private_room(id).await? else {
                    self.private_rooms().remove(id);
                    return Ok(None);
                };
                self.keep(record)
            }
        };
        if room.admits(token) {
            return Ok(Some(room));
        }
        // A counselor's room admits the person bound to its case (asked of the store: no
        // key of the person is kept with the room).
        let case = room
            .private
            .as_ref()
            .and_then(|record| record.case.as_deref());
        if let Some(case) = case
            && self
                .store
                .bound_escalation(&session_key(token))
                .await?
                .as_deref()
                == Some(case)
        {
            return Ok(Some(room));
        }
        // …and the supervisor the case names as its observer (back after a dropped
        // connection: the person knows they are there).
        if let Some(case) = case
            && self.observes(token, case).await?
        {
            return Ok(Some(room));
        }
        Ok(None)
    }

    /// Whether the staff session `token` (held here) is the observer case `case` names.
    async fn observes(&self, token: &SessionToken, case: &str) -> Result<bool, Refusal> {
        let staff = self
            .hub
            .local_staff_sessions()
            .into_iter()
            .find(|(local, _)| local == token)
            .map(|(_, staff)| staff);
        let Some(handle) = staff else {
            return Ok(false);
        };
        let record = crate::store::escalations::read_one(&*self.store, case).await?;
        Ok(record.is_some_and(|(_, record)| {
            record.observer.as_deref() == Some(handle.as_str()) && !record.case.is_over()
        }))
    }

    /// Keeps a private room's record on this node, and has the hub deliver in it.
    fn keep(&self, record: PrivateRoom) -> Arc<Room> {
        self.hub.follow(&record.id, record.capacity);
        let room = Arc::new(Room::private(record));
        self.private_rooms()
            .insert(room.spec.id.clone(), Arc::clone(&room));
        room
    }

    /// Makes a private room for `creator` and `others` (sessions), for `audience`, closing by
    /// itself at `expires_at` (or after [`DEFAULT_LIFETIME`]). Its id is random: nobody can
    /// guess it.
    pub async fn create_private(
        &self,
        audience: Audience,
        creator: &SessionToken,
        others: &[SessionToken],
        expires_at: Option<Timestamp>,
    ) -> Result<Arc<Room>, Refusal> {
        let expires_at =
            expires_at.or_else(|| self.timing.now().checked_add(DEFAULT_LIFETIME).ok());
        let record = PrivateRoom::new(audience, creator, others, expires_at);
        self.store.create_private_room(&record).await?;
        tracing::debug!("private room made");
        Ok(self.keep(record))
    }

    /// Makes a counselor's 1:1 room for a case: the counselor and the person bound to it.
    pub async fn create_case_room(
        &self,
        counselor: &SessionToken,
        case: &str,
    ) -> Result<Arc<Room>, Refusal> {
        let expires_at = self.timing.now().checked_add(DEFAULT_LIFETIME).ok();
        let record = PrivateRoom::for_case(counselor, case, expires_at);
        self.store.create_private_room(&record).await?;
        tracing::debug!("counselor's room made");
        Ok(self.keep(record))
    }

    /// Closes a private room: its members (on every node) get `closed`, and everything said
    /// in it is erased. False if it was closed already.
    pub async fn close_private(&self, id: &str) -> Result<bool, Refusal> {
        let closed = self.hub.close_private(id).await?;
        self.private_rooms().remove(id);
        Ok(closed)
    }
}
