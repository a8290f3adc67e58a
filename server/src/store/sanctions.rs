//! The sanctions collection: who a facilitator muted or took out of a room, bound to the
//! *session* (a resume keeps it; someone who later takes the same handle is not touched),
//! and ending with the room's sitting (erased with it), with the person's session, or after
//! its time (a mute's end; a removal from a room that never closes after
//! `Limits::removal`).

use async_trait::async_trait;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::StoreResult;
use crate::token::SessionToken;

/// A session's sanctions in one room.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sanctions {
    /// Muted until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub muted_until: Option<Timestamp>,
    /// Out of the room, and refused at its door, until then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub removed_until: Option<Timestamp>,
}

impl Sanctions {
    /// What is still in force at `now` (`None`: nothing).
    pub fn at(self, now: Timestamp) -> Option<Sanctions> {
        let live = Sanctions {
            muted_until: self.muted_until.filter(|until| *until > now),
            removed_until: self.removed_until.filter(|until| *until > now),
        };
        (live != Sanctions::default()).then_some(live)
    }
}

/// A member of a room found by handle: the store's name for its session (a hash, see
/// `session_key`), to sanction it with; never shown to anyone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub session: String,
    pub staff: bool,
}

#[async_trait]
pub trait SanctionStore: Send + Sync {
    /// The member of `room` whose handle is `handle`, if there is one now.
    async fn find_member(&self, room: &str, handle: &str) -> StoreResult<Option<Target>>;

    /// Sets the target's sanctions in the room (`None` lifts them all). Kept until the
    /// room's sitting ends or the target's session does, and at most until the latest time
    /// they name. Tells every node ([`super::StoreEvent::Sanctioned`], the room only).
    async fn set_sanctions(
        &self,
        room: &str,
        target: &Target,
        sanctions: Option<Sanctions>,
    ) -> StoreResult<()>;

    /// The session's sanctions in the room (expired ones included: see [`Sanctions::at`]).
    async fn sanctions(&self, room: &str, token: &SessionToken) -> StoreResult<Sanctions>;

    /// Who in the room now has a mute (expired ones included: see [`Sanctions::at`]), by the
    /// handle of their session.
    async fn muted(&self, room: &str) -> StoreResult<Vec<(String, Sanctions)>>;

    /// Takes the target out of the room, as if it had left: every node hears `Left`, and the
    /// target's connections get `farewell` (a frame, JSON) just before `left`. False if it
    /// was not in it.
    async fn take_out(&self, room: &str, target: &Target, farewell: &str) -> StoreResult<bool>;
}
