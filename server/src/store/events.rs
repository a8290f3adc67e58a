//! What happens in rooms, as a shared store reports it to every node's hub.

use ibasho_protocol::{ChatMessage, ReactionCounts, ServerMsg};

/// A message's reactions changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReactionChange {
    pub message_id: String,
    pub counts: ReactionCounts,
    /// Its place in the room's stream.
    pub offset: u64,
}

impl ReactionChange {
    pub fn to_frame(&self, room: &str) -> ServerMsg {
        ServerMsg::Reactions {
            room: room.to_owned(),
            message_id: self.message_id.clone(),
            counts: self.counts.clone(),
            offset: self.offset,
        }
    }
}

/// One event of a room's stream: it has an offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomEvent {
    Message(ChatMessage),
    Reactions(ReactionChange),
}

impl RoomEvent {
    pub fn offset(&self) -> u64 {
        match self {
            RoomEvent::Message(message) => message.offset,
            RoomEvent::Reactions(change) => change.offset,
        }
    }

    pub fn to_frame(&self, room: &str) -> ServerMsg {
        match self {
            RoomEvent::Message(message) => ServerMsg::Message(message.clone()),
            RoomEvent::Reactions(change) => change.to_frame(room),
        }
    }
}

/// What a shared store tells a node's hub.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreEvent {
    /// An event of a room, from any node, in the room's order, in the room's `epoch`.
    Room {
        room: String,
        epoch: String,
        event: RoomEvent,
    },
    /// A room's count of people changed somewhere.
    Presence { room: String },
    /// A room's document of `kind` changed somewhere (see `docs`): read it again.
    Doc { room: String, kind: String },
    /// A session is no longer in the room (it left; next, a facilitator removed it): the
    /// connections here with that member key (see `store::member_key`) are taken out. In the
    /// room's order with its messages, so nothing said after it reaches them.
    Left { room: String, member: String },
    /// A frame for the staff members in a room only, as JSON (an alert about a message).
    Staff { room: String, frame: String },
    /// A private room was closed somewhere: its members here are taken out, and this node
    /// forgets it.
    Gone { room: String },
    /// This node lost the room's thread (its stream started a new epoch, or events were
    /// trimmed before this node could read them): its members must join again to resync —
    /// except those who joined in epoch `keep` (the new one), who are in step.
    Resync { room: String, keep: Option<String> },
    /// The store became unreachable (false) or reachable again with every room followed
    /// (true).
    Health(bool),
}
