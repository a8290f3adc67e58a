//! Which area of the app a server frame belongs to, decided in one place: [`route`] is one
//! `match` over every [`ServerMsg`] variant with no catch-all, so a new variant does not
//! compile until it has an area. [`dispatch`] then hands the frame to that area's reducer —
//! and to no other area's state: in the browser each area's state is a signal, and a signal
//! that is not touched notifies nobody (a chat message in a busy room re-runs the room's
//! views, never the counselor's).
//!
//! Areas: the session (the socket's own: `welcome`, notices, refusals), the room
//! ([`crate::conversations`]), the person's counsel ([`crate::counsel`]), the counselor's
//! console ([`crate::console`]), the supervisor's ([`crate::supervision`]), the
//! facilitator's desk ([`crate::desk`]) and safety ([`crate::safety`]) and the voice
//! ([`crate::voice`]). The admin area reads HTTP, not frames.

use ibasho_protocol::{ServerMsg, is_private_room};

use crate::console::{Console, ConsoleTold};
use crate::conversations::{Conversations, RoomTold};
use crate::counsel::{Counsel, CounselTold};
use crate::desk::Desk;
use crate::safety::{Safety, SafetyTold};
use crate::supervision::{Supervision, SupervisionTold};
use crate::voice::{Voice, VoiceTold};

/// An area of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Session,
    Room,
    Counsel,
    Console,
    Supervision,
    Desk,
    Safety,
    Voice,
}

/// Whose side of a case this tab is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    /// A person (or staff with no case: a facilitator, an administrator).
    Person,
    Counselor,
    Supervisor,
}

/// The area a frame belongs to. A counselor's `escalation` frames and 1:1 rooms are their
/// cases (never a request of their own); a supervisor's, the cases they observe.
pub fn route(frame: &ServerMsg, seat: Seat) -> Area {
    let (case, staff) = match seat {
        Seat::Person => (Area::Counsel, Area::Console),
        Seat::Counselor => (Area::Console, Area::Console),
        Seat::Supervisor => (Area::Supervision, Area::Supervision),
    };
    match frame {
        ServerMsg::Welcome { .. } | ServerMsg::Notice { .. } | ServerMsg::Error(_) => Area::Session,
        ServerMsg::Closed { room } if is_private_room(room) => case,
        // The server itself puts an observer in a case's room: the supervision learns its
        // room from this, and hands the history on to the room area.
        ServerMsg::Joined { room, .. } if is_private_room(room) && seat == Seat::Supervisor => {
            Area::Supervision
        }
        // Help after a `voice` comment: no room's, the voice card's.
        ServerMsg::Support { room, .. } if room.is_empty() => Area::Voice,
        ServerMsg::Joined { .. }
        | ServerMsg::Left { .. }
        | ServerMsg::Message(_)
        | ServerMsg::Presence { .. }
        | ServerMsg::Reactions { .. }
        | ServerMsg::Closing { .. }
        | ServerMsg::Closed { .. }
        | ServerMsg::RoomState { .. }
        | ServerMsg::Deleted { .. }
        | ServerMsg::Sanction { .. }
        | ServerMsg::Support { .. } => Area::Room,
        ServerMsg::ConsentRequest { .. }
        | ServerMsg::Escalation { .. }
        | ServerMsg::Observer { .. } => case,
        ServerMsg::Urgent { .. }
        | ServerMsg::Queue { .. }
        | ServerMsg::Case { .. }
        | ServerMsg::Desks { .. }
        | ServerMsg::Whisper { .. }
        | ServerMsg::TransferWaiting { .. } => staff,
        ServerMsg::Overview { .. } | ServerMsg::SupervisorCall { .. } => Area::Supervision,
        ServerMsg::Alert { .. }
        | ServerMsg::AlertDismissed { .. }
        | ServerMsg::Muted { .. }
        | ServerMsg::Report { .. }
        | ServerMsg::EscalationStatus { .. } => Area::Desk,
        ServerMsg::ReportReceived { .. } | ServerMsg::ReportOutcome { .. } => Area::Safety,
        ServerMsg::VoiceReceived { .. } => Area::Voice,
    }
}

/// Where each area's state lives: signals in the browser, plain cells in tests. Each
/// method changes one area's state (and so notifies that area's views alone).
pub trait States {
    fn conversations<T>(&self, change: impl FnOnce(&mut Conversations) -> T) -> T;
    fn counsel<T>(&self, change: impl FnOnce(&mut Counsel) -> T) -> T;
    fn console<T>(&self, change: impl FnOnce(&mut Console) -> T) -> T;
    fn supervision<T>(&self, change: impl FnOnce(&mut Supervision) -> T) -> T;
    fn desk<T>(&self, change: impl FnOnce(&mut Desk) -> T) -> T;
    fn voice<T>(&self, change: impl FnOnce(&mut Voice) -> T) -> T;
}

/// What the page is asked to do after a frame, by area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Told {
    /// A frame of the session itself, for the socket to handle.
    Session(ServerMsg),
    Room(RoomTold),
    Counsel(CounselTold),
    Console(ConsoleTold),
    Supervision(SupervisionTold),
    Desk,
    Safety(SafetyTold),
    Voice(VoiceTold),
}

/// What the reducers need to know of the tab.
#[derive(Debug, Clone, Copy)]
pub struct Tab<'a> {
    /// The session's handle, once welcomed.
    pub me: Option<&'a str>,
    /// Whose side of a case this tab is on.
    pub seat: Seat,
    /// Now, in ms since the epoch (waiting times).
    pub now_ms: f64,
}

/// Hands a frame to its area's reducer, changing that area's state only.
pub fn dispatch(states: &impl States, frame: ServerMsg, tab: Tab<'_>) -> Told {
    match route(&frame, tab.seat) {
        Area::Session => Told::Session(frame),
        Area::Room => Told::Room(states.conversations(|all| all.on_frame(frame, tab.me))),
        Area::Counsel => Told::Counsel(states.counsel(|counsel| counsel.on_frame(frame))),
        Area::Console => {
            Told::Console(states.console(|console| console.on_frame(frame, tab.now_ms)))
        }
        Area::Supervision => {
            Told::Supervision(states.supervision(|s| s.on_frame(frame, tab.now_ms)))
        }
        Area::Desk => {
            states.desk(|desk| desk.on_frame(frame));
            Told::Desk
        }
        Area::Safety => Told::Safety(Safety::told(&frame)),
        Area::Voice => Told::Voice(states.voice(|voice| voice.on_frame(&frame))),
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use ibasho_protocol::{ChatMessage, EscalationState};

    use super::*;

    /// Each area's state in a cell, with a record of which areas were changed.
    #[derive(Default)]
    struct Cells {
        conversations: RefCell<Conversations>,
        counsel: RefCell<Counsel>,
        console: RefCell<Console>,
        supervision: RefCell<Supervision>,
        desk: RefCell<Desk>,
        voice: RefCell<Voice>,
        changed: RefCell<Vec<Area>>,
    }

    impl States for Cells {
        fn conversations<T>(&self, change: impl FnOnce(&mut Conversations) -> T) -> T {
            self.changed.borrow_mut().push(Area::Room);
            change(&mut self.conversations.borrow_mut())
        }
        fn counsel<T>(&self, change: impl FnOnce(&mut Counsel) -> T) -> T {
            self.changed.borrow_mut().push(Area::Counsel);
            change(&mut self.counsel.borrow_mut())
        }
        fn console<T>(&self, change: impl FnOnce(&mut Console) -> T) -> T {
            self.changed.borrow_mut().push(Area::Console);
            change(&mut self.console.borrow_mut())
        }
        fn supervision<T>(&self, change: impl FnOnce(&mut Supervision) -> T) -> T {
            self.changed.borrow_mut().push(Area::Supervision);
            change(&mut self.supervision.borrow_mut())
        }
        fn desk<T>(&self, change: impl FnOnce(&mut Desk) -> T) -> T {
            self.changed.borrow_mut().push(Area::Desk);
            change(&mut self.desk.borrow_mut())
        }
        fn voice<T>(&self, change: impl FnOnce(&mut Voice) -> T) -> T {
            self.changed.borrow_mut().push(Area::Voice);
            change(&mut self.voice.borrow_mut())
        }
    }

    fn message(id: &str) -> ServerMsg {
        ServerMsg::Message(ChatMessage {
            room: "lounge".into(),
            id: id.into(),
            handle: "あお".into(),
            text: "こんばんは".into(),
            at: jiff::Timestamp::UNIX_EPOCH,
            offset: 1,
            client_id: None,
            reactions: Default::default(),
        })
    }

    const PERSON: Tab<'static> = Tab {
        me: Some("そら"),
        seat: Seat::Person,
        now_ms: 0.0,
    };

    #[test]
    fn a_chat_message_changes_the_rooms_state_alone_never_the_counsel_state() {
        let cells = Cells::default();
        cells
            .conversations
            .borrow_mut()
            .entry("lounge".into())
            .or_default();
        let counsel_before = cells.counsel.borrow().clone();
        for n in 0..100 {
            dispatch(&cells, message(&n.to_string()), PERSON);
        }
        assert!(
            cells
                .changed
                .borrow()
                .iter()
                .all(|area| *area == Area::Room),
            "{:?}",
            cells.changed.borrow()
        );
        assert_eq!(*cells.counsel.borrow(), counsel_before);
        assert_eq!(
            cells
                .conversations
                .borrow()
                .get("lounge")
                .unwrap()
                .messages()
                .len(),
            100
        );
    }

    #[test]
    fn a_counselors_escalations_and_rooms_are_the_console_a_persons_their_counsel() {
        let escalation = ServerMsg::escalation("e1", EscalationState::Ended);
        assert_eq!(route(&escalation, Seat::Person), Area::Counsel);
        assert_eq!(route(&escalation, Seat::Counselor), Area::Console);
        assert_eq!(route(&escalation, Seat::Supervisor), Area::Supervision);
        let private = format!("{}1", ibasho_protocol::PRIVATE_ROOM_PREFIX);
        let case_room = ServerMsg::Closed {
            room: private.clone(),
        };
        assert_eq!(route(&case_room, Seat::Person), Area::Counsel);
        assert_eq!(route(&case_room, Seat::Counselor), Area::Console);
        assert_eq!(route(&case_room, Seat::Supervisor), Area::Supervision);
        let lounge = ServerMsg::Closed {
            room: "lounge".into(),
        };
        assert_eq!(route(&lounge, Seat::Counselor), Area::Room);
        // An observer is put in a case's room by the server: its supervision learns the room.
        let joined = |room: &str| ServerMsg::Joined {
            room: room.into(),
            history: vec![],
            present: 3,
            position: ibasho_protocol::Position {
                epoch: "e".into(),
                offset: 0,
            },
            recovered: false,
        };
        assert_eq!(
            route(&joined(&private), Seat::Supervisor),
            Area::Supervision
        );
        assert_eq!(route(&joined(&private), Seat::Counselor), Area::Room);
        assert_eq!(route(&joined("lounge"), Seat::Supervisor), Area::Room);
        let observer = ServerMsg::Observer {
            escalation_id: "e1".into(),
            present: true,
        };
        assert_eq!(route(&observer, Seat::Person), Area::Counsel);
        assert_eq!(route(&observer, Seat::Counselor), Area::Console);
        // The session's own frames are the socket's, and change no area's state.
        let cells = Cells::default();
        let notice = ServerMsg::Notice {
            code: ibasho_protocol::NoticeCode::Degraded,
        };
        assert_eq!(
            dispatch(&cells, notice.clone(), PERSON),
            Told::Session(notice)
        );
        let outcome = ServerMsg::ReportOutcome {
            report_id: "r".into(),
            outcome: ibasho_protocol::ReportOutcome::Muted,
        };
        assert!(matches!(dispatch(&cells, outcome, PERSON), Told::Safety(_)));
        assert!(cells.changed.borrow().is_empty());
    }
}
