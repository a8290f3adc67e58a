//! The room area's state: the rooms the person is in (or entering), one [`Conversation`]
//! each, the reactions this tab gave, and what a room frame does to them — a pure reducer
//! ([`Conversations::on_frame`]) whose effect the page carries out (announce, flush what
//! waits, go back to the lobby).

use crate::small::{Map, Set};
use std::ops::{Deref, DerefMut};

use ibasho_protocol::{Reaction, SanctionKind, ServerMsg};

use crate::conversation::{Conversation, Facilitated};

/// A reaction this tab gave: (room, message id, reaction).
pub type Reacted = (String, String, Reaction);

/// The rooms the person is in, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Conversations {
    rooms: Map<String, Conversation>,
    /// Reactions this tab gave, to show them pressed.
    pub mine: Set<Reacted>,
}

impl Deref for Conversations {
    type Target = Map<String, Conversation>;
    fn deref(&self) -> &Self::Target {
        &self.rooms
    }
}

impl DerefMut for Conversations {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.rooms
    }
}

/// What a room frame asks of the page beyond the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RoomTold {
    None,
    /// In the room (or in step again): what waits to be sent goes now, and the room is
    /// shown if the person was entering it.
    Joined {
        room: String,
    },
    /// Someone else said something new: read out politely (unless the person hid them).
    Heard {
        handle: String,
        text: String,
    },
    /// The person has the floor in a round.
    YourTurn,
    /// The room's sitting ends soon.
    Closing {
        closes_at: jiff::Timestamp,
    },
    /// The room's sitting ended (everyone out, its words erased): the room is gone.
    Closed {
        room: String,
    },
    /// A facilitator muted, unmuted or removed the person (`until`: a mute's end); a
    /// removal took the room away already.
    Sanction {
        room: String,
        kind: SanctionKind,
        until: Option<jiff::Timestamp>,
    },
}

impl Conversations {
    /// A room frame (the router sends only those). `me`: the person's handle, whose own
    /// messages are not read out to them.
    pub fn on_frame(&mut self, frame: ServerMsg, me: Option<&str>) -> RoomTold {
        match frame {
            ServerMsg::Joined {
                room,
                history,
                present,
                position,
                recovered,
            } => match self.rooms.get_mut(&room) {
                // Only rooms the person is in (or entering): never one they left meanwhile.
                Some(conversation) => {
                    conversation.joined(history, present, position, recovered);
                    RoomTold::Joined { room }
                }
                None => RoomTold::None,
            },
            ServerMsg::Message(message) => {
                let heard = (me != Some(message.handle.as_str()))
                    .then(|| (message.handle.clone(), message.text.clone()));
                let new = self
                    .rooms
                    .get_mut(&message.room)
                    .is_some_and(|conversation| conversation.message(message));
                match heard {
                    Some((handle, text)) if new => RoomTold::Heard { handle, text },
                    _ => RoomTold::None,
                }
            }
            ServerMsg::Presence { room, present } => {
                if let Some(conversation) = self.rooms.get_mut(&room) {
                    conversation.present = present;
                }
                RoomTold::None
            }
            ServerMsg::Reactions {
                room,
                message_id,
                counts,
                offset,
            } => {
                if let Some(conversation) = self.rooms.get_mut(&room) {
                    conversation.reactions(&message_id, counts, offset);
                }
                RoomTold::None
            }
            ServerMsg::Deleted {
                room,
                message_id,
                offset,
            } => {
                if let Some(conversation) = self.rooms.get_mut(&room) {
                    conversation.deleted(&message_id, offset);
                }
                RoomTold::None
            }
            ServerMsg::RoomState {
                room,
                closes_at,
                segment,
                floor,
                locked,
                unattended,
                slow_mode_seconds,
                topic,
            } => {
                let mine = floor
                    .as_ref()
                    .is_some_and(|floor| me == Some(floor.handle.as_str()));
                let Some(conversation) = self.rooms.get_mut(&room) else {
                    return RoomTold::None;
                };
                conversation.facilitated = Facilitated {
                    closes_at,
                    segment,
                    floor,
                    locked,
                    unattended,
                    slow_mode_seconds,
                    topic,
                };
                if mine {
                    RoomTold::YourTurn
                } else {
                    RoomTold::None
                }
            }
            ServerMsg::Closing { closes_at, .. } => RoomTold::Closing { closes_at },
            ServerMsg::Closed { room } => {
                self.forget(&room);
                RoomTold::Closed { room }
            }
            ServerMsg::Support {
                room,
                lines,
                offer_counselor,
            } => {
                if let Some(conversation) = self.rooms.get_mut(&room) {
                    conversation.support = Some(lines);
                    conversation.offer_counselor = offer_counselor;
                }
                RoomTold::None
            }
            ServerMsg::Sanction { room, kind, until } => {
                if kind == SanctionKind::Removed {
                    self.forget(&room);
                }
                RoomTold::Sanction { room, kind, until }
            }
            // Leaving is the store's `Left` on the server; the client already let go.
            _ => RoomTold::None,
        }
    }

    /// The room is gone from this view (left, closed, out), with the reactions given in it.
    pub fn forget(&mut self, room: &str) {
        self.rooms.remove(room);
        self.mine.retain(|(r, _, _)| r != room);
    }

    /// A reaction given (or taken back) here.
    pub fn toggle_mine(&mut self, reacted: Reacted) {
        if !self.mine.remove(&reacted) {
            self.mine.insert(reacted);
        }
    }

    /// The server forgot the session (it restarted): every room starts again.
    pub fn restart(&mut self) {
        self.rooms.iter_mut().for_each(|(_, c)| c.restart());
        self.mine.clear();
    }

    /// The connection dropped: what was sent goes again on rejoin.
    pub fn disconnected(&mut self) {
        self.rooms.iter_mut().for_each(|(_, c)| c.disconnected());
    }
}

#[cfg(test)]
mod tests {
    use ibasho_protocol::{ChatMessage, Position};

    use super::*;

    fn said(id: &str, handle: &str) -> ServerMsg {
        ServerMsg::Message(ChatMessage {
            id: id.into(),
            room: "lounge".into(),
            handle: handle.into(),
            text: format!("{handle} says {id}"),
            at: jiff::Timestamp::UNIX_EPOCH,
            client_id: None,
            reactions: Default::default(),
            offset: id.parse().unwrap_or(0),
        })
    }

    fn joined(room: &str) -> ServerMsg {
        ServerMsg::Joined {
            room: room.into(),
            history: vec![],
            present: 3,
            position: Position {
                epoch: "e".into(),
                offset: 0,
            },
            recovered: false,
        }
    }

    #[test]
    fn a_room_is_joined_only_if_the_person_is_entering_it() {
        let mut all = Conversations::default();
        assert_eq!(all.on_frame(joined("lounge"), None), RoomTold::None);
        assert!(all.is_empty(), "a room left meanwhile is not taken back");
        all.entry("lounge".into()).or_default();
        assert_eq!(
            all.on_frame(joined("lounge"), None),
            RoomTold::Joined {
                room: "lounge".into()
            }
        );
        assert_eq!(all.get("lounge").unwrap().present, 3);
    }

    #[test]
    fn others_new_messages_are_heard_once_and_ones_own_never() {
        let mut all = Conversations::default();
        all.entry("lounge".into()).or_default();
        all.on_frame(joined("lounge"), Some("そら"));
        assert_eq!(
            all.on_frame(said("1", "あお"), Some("そら")),
            RoomTold::Heard {
                handle: "あお".into(),
                text: "あお says 1".into()
            }
        );
        assert_eq!(
            all.on_frame(said("1", "あお"), Some("そら")),
            RoomTold::None
        );
        assert_eq!(
            all.on_frame(said("2", "そら"), Some("そら")),
            RoomTold::None
        );
        assert_eq!(all.get("lounge").unwrap().messages().len(), 2);
    }

    #[test]
    fn a_closed_room_or_a_removal_takes_the_room_and_its_reactions_away() {
        let mut all = Conversations::default();
        all.entry("lounge".into()).or_default();
        all.entry("cafe".into()).or_default();
        all.toggle_mine(("lounge".into(), "1".into(), Reaction::Nod));
        all.toggle_mine(("cafe".into(), "1".into(), Reaction::Nod));
        let told = all.on_frame(
            ServerMsg::Sanction {
                room: "lounge".into(),
                kind: SanctionKind::Removed,
                until: None,
            },
            None,
        );
        assert!(matches!(told, RoomTold::Sanction { .. }));
        assert!(!all.contains_key("lounge") && all.mine.len() == 1);
        assert_eq!(
            all.on_frame(
                ServerMsg::Closed {
                    room: "cafe".into()
                },
                None
            ),
            RoomTold::Closed {
                room: "cafe".into()
            }
        );
        assert!(all.is_empty() && all.mine.is_empty());
        // A reaction pressed twice is taken back.
        let nod = ("cafe".to_owned(), "2".to_owned(), Reaction::Nod);
        all.toggle_mine(nod.clone());
        all.toggle_mine(nod);
        assert!(all.mine.is_empty());
    }
}
