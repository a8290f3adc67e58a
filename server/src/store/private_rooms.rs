//! The private rooms collection: rooms made at run time (a counselor's 1:1 room) rather than
//! listed in the catalogue. A private room has an id nobody can guess, an access list of
//! sessions, an audience, the session that made it and, optionally, an expiry. It is never
//! listed or counted anywhere public, and closing it erases it whole, once, on every node.

use async_trait::async_trait;
use ibasho_protocol::Audience;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use super::{StoreResult, session_key};
use crate::token::SessionToken;

/// Ids of private rooms start with this, so that no catalogue room can take one (the
/// catalogue refuses ids with it): the protocol's, which clients know too.
pub const PRIVATE_PREFIX: &str = ibasho_protocol::PRIVATE_ROOM_PREFIX;

/// A counselor's room for a case has three seats: the counselor's, the person's, and one
/// for a supervisor who observes (with the person's knowledge).
pub const CASE_ROOM_SEATS: u32 = 3;

/// A private room's record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivateRoom {
    pub id: String,
    pub audience: Audience,
    /// The session key (a hash of the token, see [`session_key`]) of the session that made it.
    pub creator: String,
    /// The session keys of the sessions that may enter (the creator's among them).
    pub access: Vec<String>,
    pub capacity: u32,
    /// When it closes by itself, if it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
    /// A counselor's room for a case: the person enters as the session bound to this
    /// escalation (see `store::escalations`), never by a key of theirs kept here, so that
    /// nothing a case wrote names the person's session.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case: Option<String>,
}

impl PrivateRoom {
    /// A new private room with a fresh random id for `creator` and `others`.
    pub fn new(
        audience: Audience,
        creator: &SessionToken,
        others: &[SessionToken],
        expires_at: Option<Timestamp>,
    ) -> PrivateRoom {
        let bytes: [u8; 16] = rand::random();
        let mut access = vec![session_key(creator)];
        access.extend(others.iter().map(session_key));
        access.sort();
        access.dedup();
        PrivateRoom {
            id: format!("{PRIVATE_PREFIX}{}", super::hex(&bytes)),
            audience,
            creator: session_key(creator),
            capacity: u32::try_from(access.len()).unwrap_or(u32::MAX),
            access,
            expires_at,
            case: None,
        }
    }

    /// A counselor's room for case `case`: the counselor, and a seat for the person bound
    /// to the case.
    pub fn for_case(counselor: &SessionToken, case: &str, expires_at: Option<Timestamp>) -> Self {
        let mut room = PrivateRoom::new(Audience::Anyone, counselor, &[], expires_at);
        room.capacity = CASE_ROOM_SEATS;
        room.case = Some(case.to_owned());
        room
    }

    /// Whether the session may enter.
    pub fn admits(&self, token: &SessionToken) -> bool {
        self.access.contains(&session_key(token))
    }
}

#[async_trait]
pub trait PrivateRoomStore: Send + Sync {
    /// Keeps a new private room's record.
    async fn create_private_room(&self, room: &PrivateRoom) -> StoreResult<()>;

    /// The private room's record, while it exists.
    async fn private_room(&self, id: &str) -> StoreResult<Option<PrivateRoom>>;

    /// Ends a private room: everyone out, its history, streams, reactions, retry records and
    /// documents erased, and its record gone. True for the one call that did it (every node
    /// may ask); a shared store tells every node ([`super::StoreEvent::Gone`]).
    async fn close_private_room(&self, id: &str) -> StoreResult<bool>;

    /// The private rooms whose expiry is at or before `now`.
    async fn expired_private_rooms(&self, now: Timestamp) -> StoreResult<Vec<String>>;
}
