//! The escalations collection: requests to talk with a counselor, their records changed by
//! compare-and-swap so that exactly one counselor's claim wins on any node. Beside it, each
//! a collection of its own: who is on duty (`duty`), the counts that outlive every case
//! (`case_counts`), and which session a request belongs to (`bindings`).
//!
//! Never linked to a case record: an escalation's record holds a random id, the room, the
//! handle at that time, the excerpt the person agreed to share, times, urgency, source,
//! state and outcome — no session token or hash of it, no address, no field for an outside
//! case number. The person's session points to its escalation (its record's `escalation`,
//! gone with the session), never the reverse. Records are erased when their case is over
//! (after the counselor's reading grace); only the counts stay (`case_counts`).

use async_trait::async_trait;
use ibasho_moderation::escalation::{Case, State};
use ibasho_protocol::{EscalationState, ExcerptItem};
use serde::{Deserialize, Serialize};

use super::{StoreError, StoreResult};

/// The name under which the nodes hear of a request's changes: a hash of its id, so that
/// the bus (kept for a while in Redis) never names a request.
pub fn bus_key(id: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(format!("escalation id\n{id}").as_bytes());
    super::hex(&digest[..16])
}

/// One request, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Escalation {
    pub id: String,
    /// The room it was asked or escalated in; `None` from the lobby.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// The person's handle at that time.
    pub handle: String,
    /// The messages a facilitator suggested; after consent, only those the person agreed
    /// to share (the ids are the case's `excerpt`).
    #[serde(default)]
    pub excerpt: Vec<ExcerptItem>,
    pub case: Case,
    /// When it was made (ms since the epoch).
    pub created: u64,
    /// The staff handle of the facilitator who escalated (told its status only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facilitator: Option<String>,
    /// With a counselor: their private room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub private_room: Option<String>,
    /// The person's session is alive until then (ms): renewed by the node that holds it, so
    /// that a request of a session whose node died is cancelled.
    pub person_until: u64,
    /// With a counselor: their connection is alive until then (ms), renewed by their node;
    /// past it, the case goes back to the head of the queue.
    #[serde(default)]
    pub counselor_until: u64,
    /// Over: when the record goes (ms) — after the counselor's reading grace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erase_at: Option<u64>,
    /// The desk whose queue (or counselor) has it (`crate::desks`; unknown: the first desk).
    #[serde(default)]
    pub desk: String,
    /// A transfer's staff-only note, for the receiving desk's counselors alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The staff handle of who transferred it while it waits unclaimed (they may choose
    /// another desk).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transferred_by: Option<String>,
    /// The supervisor (staff handle) observing its 1:1 room: at most one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observer: Option<String>,
    /// Supervisors the person asked to leave: they may not observe this case again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declined_observers: Vec<String>,
    /// When its counselor asked for a supervisor (ms), while its 1:1 room lasts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help_asked: Option<u64>,
    /// The observer's connection is alive until then (ms), renewed by their node; past it,
    /// nobody observes (the person is told).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub observer_until: u64,
    /// A counselor took it once (its first claim counts in the figures, never another).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub claimed: bool,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Escalation {
    /// A new request with a fresh random id (nobody can guess one), made at `now` (ms) by
    /// the person `handle` (in `room`, if not from the lobby), their session alive until
    /// `person_until`; nothing shared yet, no facilitator.
    pub fn new(
        room: Option<String>,
        handle: &str,
        case: Case,
        now: u64,
        person_until: u64,
    ) -> Escalation {
        let bytes: [u8; 12] = rand::random();
        Escalation {
            id: format!("e{}", super::hex(&bytes)),
            room,
            handle: handle.to_owned(),
            excerpt: Vec::new(),
            case,
            created: now,
            facilitator: None,
            private_room: None,
            person_until,
            counselor_until: 0,
            erase_at: None,
            desk: String::new(),
            note: None,
            transferred_by: None,
            observer: None,
            declined_observers: Vec::new(),
            help_asked: None,
            observer_until: 0,
            claimed: false,
        }
    }

    /// The counselor (staff handle) who has it, if connected.
    pub fn counselor(&self) -> Option<&str> {
        match &self.case.state {
            State::Connected { counselor, .. } => Some(counselor),
            _ => None,
        }
    }

    /// What an over case ended as, for the person.
    pub fn final_state(&self) -> Option<EscalationState> {
        match self.case.state {
            State::Declined => Some(EscalationState::Declined),
            State::Cancelled => Some(EscalationState::Cancelled),
            State::Ended { .. } | State::LeftByPerson { .. } => Some(EscalationState::Ended),
            _ => None,
        }
    }

    /// The person ended the case while with a counselor: whatever could lead back to them
    /// (their handle, what they shared and which messages it was, the room they asked from,
    /// the facilitator who suggested it, the 1:1 room) goes now; the record stays only for
    /// the counselor to record the outcome.
    pub fn forget_the_person(&mut self) {
        self.handle.clear();
        self.excerpt.clear();
        self.case.excerpt.clear();
        self.room = None;
        self.facilitator = None;
        self.private_room = None;
        self.note = None;
        self.transferred_by = None;
        self.declined_observers.clear();
        self.leave_the_room();
    }

    /// Its 1:1 room is gone (a hand-over, a transfer, the end): no observer and no call for a
    /// supervisor any more (a supervisor the person declined still may not come back).
    pub fn leave_the_room(&mut self) {
        self.observer = None;
        self.help_asked = None;
    }

    pub fn encode(&self) -> StoreResult<String> {
        serde_json::to_string(self)
            .map_err(|_| StoreError::Unavailable("could not encode an escalation".into()))
    }

    pub fn decode(json: &str) -> StoreResult<Escalation> {
        serde_json::from_str(json)
            .map_err(|_| StoreError::Unavailable("unreadable escalation".into()))
    }
}

#[async_trait]
pub trait EscalationStore: Send + Sync {
    /// Keeps a new request and tells every node ([`super::StoreEvent::Escalation`], by
    /// [`bus_key`]).
    async fn create_escalation(&self, record: &Escalation) -> StoreResult<()>;

    /// A request's record as stored (JSON), while it exists.
    async fn escalation(&self, id: &str) -> StoreResult<Option<String>>;

    /// Every request's record (JSON), in no order.
    async fn escalations(&self) -> StoreResult<Vec<String>>;

    /// Replaces a request's record with `new` (`None` erases it) if it is still `expected`
    /// (compared as stored); false if someone changed it meanwhile (read it again). Tells
    /// every node, with the state it ended as if `over` (so that a record erased at once can
    /// still be told).
    async fn swap_escalation(&self, id: &str, swap: EscalationSwap<'_>) -> StoreResult<bool>;
}

/// A compare-and-swap of one request's record: what it must be now (as stored), what to put
/// (`None` erases it), and the state it ended as, if it is over.
#[derive(Debug, Clone, Copy)]
pub struct EscalationSwap<'a> {
    pub expected: &'a str,
    pub new: Option<&'a str>,
    pub over: Option<EscalationState>,
}

impl<'a> EscalationSwap<'a> {
    /// Erases the record if it is still `expected`, telling no end.
    pub fn erase(expected: &'a str) -> Self {
        EscalationSwap {
            expected,
            new: None,
            over: None,
        }
    }
}

/// Every request's record, decoded (unreadable ones are skipped with a warning).
pub async fn read_all(store: &dyn EscalationStore) -> StoreResult<Vec<(String, Escalation)>> {
    Ok(store
        .escalations()
        .await?
        .into_iter()
        .filter_map(|json| match Escalation::decode(&json) {
            Ok(record) => Some((json, record)),
            Err(_) => {
                tracing::warn!("skipped an unreadable escalation");
                None
            }
        })
        .collect())
}

/// A request's record with its stored form (for [`EscalationStore::swap_escalation`]).
pub async fn read_one(
    store: &dyn EscalationStore,
    id: &str,
) -> StoreResult<Option<(String, Escalation)>> {
    let Some(json) = store.escalation(id).await? else {
        return Ok(None);
    };
    Ok(Some((json.clone(), Escalation::decode(&json)?)))
}
