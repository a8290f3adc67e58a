//! What happens in rooms, as a shared store reports it to every node's hub.

use ibasho_protocol::{ChatMessage, EscalationState, ReactionCounts, ServerMsg};

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

/// A message a facilitator took down.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Deletion {
    pub message_id: String,
    /// Its place in the room's stream.
    pub offset: u64,
}

/// One event of a room's stream: it has an offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomEvent {
    Message(ChatMessage),
    Reactions(ReactionChange),
    Deleted(Deletion),
}

impl RoomEvent {
    pub fn offset(&self) -> u64 {
        match self {
            RoomEvent::Message(message) => message.offset,
            RoomEvent::Reactions(change) => change.offset,
            RoomEvent::Deleted(deletion) => deletion.offset,
        }
    }

    pub fn to_frame(&self, room: &str) -> ServerMsg {
        match self {
            RoomEvent::Message(message) => ServerMsg::Message(message.clone()),
            RoomEvent::Reactions(change) => change.to_frame(room),
            RoomEvent::Deleted(deletion) => ServerMsg::Deleted {
                room: room.to_owned(),
                message_id: deletion.message_id.clone(),
                offset: deletion.offset,
            },
        }
    }
}

/// Who in a room a private frame is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    Staff,
    /// The connections of one member, by member key (see `store::member_key`).
    Member(String),
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
    Left {
        room: String,
        member: String,
        /// A frame (JSON) its connections get just before `left` (a removal's `sanction`).
        farewell: Option<String>,
    },
    /// A frame (JSON) for some of a room's members only: its staff (an alert about a
    /// message), or one member (a sanction).
    Private {
        room: String,
        to: Recipient,
        frame: String,
    },
    /// A room's sitting ended somewhere (the timetable, or a facilitator's `close`): the
    /// members here who joined in `ended` (the epoch that ended) are taken out with `closed`,
    /// and what a facilitator set is read again.
    Closed { room: String, ended: String },
    /// A report filed by the session whose `outcome_key` is `reporter` was resolved: the
    /// node where it is connected takes the outcome (`ReportStore::take_outcomes`) and tells
    /// it.
    Outcome { reporter: String, report_id: String },
    /// A report was filed in a room: its staff here are shown it (read from the store).
    ReportFiled { room: String, report_id: String },
    /// Someone's mute or removal in a room changed: its staff here hear who is muted again
    /// (read from the store).
    Sanctioned { room: String },
    /// An alert was raised in a room: its staff here are shown it (read from the store: the
    /// handle it names never travels on the bus).
    AlertRaised { room: String, alert_id: String },
    /// Staff accounts were removed or changed (the staff file was reloaded on some node):
    /// their sessions here end (by handle).
    SignedOut { handles: Vec<String> },
    /// A private room was closed somewhere: its members here are taken out, and this node
    /// forgets it.
    Gone { room: String },
    /// This node lost the room's thread (its stream started a new epoch, or events were
    /// trimmed before this node could read them): its members must join again to resync —
    /// except those who joined in epoch `keep` (the new one), who are in step.
    Resync { room: String, keep: Option<String> },
    /// A request to talk with a counselor changed (`id`: its `escalations::bus_key`): every
    /// node tells its people, facilitators and counselors again. `over`: the state it ended
    /// as, when it ended (its record may be erased already).
    Escalation {
        id: String,
        over: Option<EscalationState>,
    },
    /// Someone came on or went off duty: every node tells its people their wait again.
    Duty,
    /// A session (by `store::escalation_key`) was bound to a request: the node that holds it
    /// reads which (the bus never carries the two together) and follows it for it.
    Bound { session: String },
    /// The store became unreachable (false) or reachable again with every room followed
    /// (true).
    Health(bool),
}
