//! The rooms collection: who is in each room (capacity, handles unique per room), its recent
//! history and its stream of events with offsets (for recovery), quiet reactions, and the end
//! of a room's sitting, which erases all of it.

use async_trait::async_trait;
use ibasho_protocol::{ChatMessage, Position, Reaction};
use jiff::Timestamp;

use super::{ReactionChange, RoomEvent, StoreResult};
use crate::token::SessionToken;

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
    /// When `recovered`: the other events after the `since` position (reaction changes,
    /// deletions), in order.
    pub changes: Vec<RoomEvent>,
    /// The room's position as of this answer: every later event has a greater offset.
    pub position: Position,
    pub recovered: bool,
}

/// Why a join was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JoinRefusal {
    /// A private room that is closed (or never was).
    NoSuchRoom,
    Full,
    HandleTaken,
    NoSession,
    /// A facilitator took the session out of this room, and that is still in force: checked
    /// inside the admission, so a join already on its way when the removal came stays out.
    Removed,
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
    /// A reaction given: the message's counts after it, as the event that tells the room.
    Changed(ReactionChange),
    /// A second press took the reaction back: the counts after it, likewise.
    TakenBack(ReactionChange),
    NotMember,
    NoSuchMessage,
}

/// Someone in a room now, as a round needs them: their handle, and whether they are staff
/// (read from the session's role, never guessed from the handle).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Present {
    pub handle: String,
    pub staff: bool,
}

#[async_trait]
pub trait RoomStore: Send + Sync {
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

    /// The people in the room now, sorted by handle (for a round: never shown as a list).
    async fn members(&self, room: &str) -> StoreResult<Vec<Present>>;

    /// Stores a message from a member, assigning its id and the sender's handle, unless the
    /// sender already said this `client_id` in this room recently.
    async fn append(&self, message: NewMessage, history_len: usize) -> StoreResult<Appended>;

    /// A message of the room's history, as it is now (for a report's snapshot).
    async fn message(&self, room: &str, message_id: &str) -> StoreResult<Option<ChatMessage>>;

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

    /// Takes a message down (a facilitator's `delete`): out of the history, the stream (its
    /// recovery copy too) and its reactions; its sender's retry record keeps a tombstone (the
    /// message with empty text, so that a retry is answered, not said again); and a deletion
    /// event in its place in the stream, whose offset is returned. `None` if the room has no
    /// such message (any more).
    async fn delete_message(&self, room: &str, message_id: &str) -> StoreResult<Option<u64>>;

    /// Ends a room's sitting that ended at `ended`: everyone is taken out of the room, and its
    /// history, stream, reactions, the retry records of what was said in it and every room
    /// document are erased; the room's stream starts a new epoch. Idempotent: every node may
    /// call it for the same end. Returns the room's epoch after it (the new one, or the
    /// current one when it was done already): members of another epoch were in the sitting
    /// that ended; members of this one came in after (early).
    async fn close_room(&self, room: &str, ended: Timestamp) -> StoreResult<String>;
}
