//! The counselor's console, as the client keeps it: duty, the queue of the desks they serve
//! (urgency, where from, which desk, a transfer's note — never who or what), urgent calls,
//! the desks (with their canned replies), and each case (the handle, what the person agreed
//! to share, its desk, its 1:1 room, a supervisor present and what they whispered; kept
//! after the person ended it, for the outcome). A pure reducer over the frames of this area
//! (`queue`, `urgent`, `case`, `desks`, `observer`, `whisper`, `transfer_waiting`, the
//! counselor's `escalation`, their 1:1 room `closed`). The case card and its whispers are
//! the supervisor's too (`supervision`).

use crate::small::{Map, Set};

use ibasho_protocol::{
    DeskInfo, EndedBy, EscalationSource, EscalationState, ExcerptItem, QueueItem, ServerMsg,
    Urgency,
};

/// The most whispers a case keeps on the page (the oldest go first).
const WHISPERS_KEPT: usize = 50;

/// A staff-only message inside a case, between its counselor and its observer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Whisper {
    pub from: String,
    pub text: String,
}

/// A case a counselor has (or a supervisor observes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCard {
    pub id: String,
    pub handle: String,
    pub excerpt: Vec<ExcerptItem>,
    pub urgency: Urgency,
    pub from: EscalationSource,
    pub room_title: Option<String>,
    /// The desk it is with (its id and name), and a transfer's staff-only note.
    pub desk: Option<String>,
    pub desk_name: Option<String>,
    pub note: Option<String>,
    /// The 1:1 room, once connected.
    pub room: Option<String>,
    /// The person ended it: the card stays for the counselor to record the outcome.
    pub left: bool,
    /// A supervisor is in the room (for its observer: always).
    pub observed: bool,
    /// This tab is the supervisor observing it, not its counselor.
    pub observing: bool,
    /// The counselor called a supervisor (until one comes).
    pub help_asked: bool,
    /// What its counselor and observer whispered, oldest first (while the observer is there).
    pub whispers: Vec<Whisper>,
}

impl CaseCard {
    /// A card from a `case` frame (`None` for any other frame).
    pub fn from_frame(frame: ServerMsg) -> Option<CaseCard> {
        let ServerMsg::Case {
            escalation_id,
            handle,
            excerpt,
            urgency,
            from,
            room_title,
            desk,
            desk_name,
            note,
            observing,
        } = frame
        else {
            return None;
        };
        Some(CaseCard {
            id: escalation_id,
            handle,
            excerpt,
            urgency,
            from,
            room_title,
            desk,
            desk_name,
            note,
            room: None,
            left: false,
            observed: observing,
            observing,
            help_asked: false,
            whispers: Vec::new(),
        })
    }

    /// The card without what changes while it is shown (a supervisor coming, a call, the
    /// whispers): what shapes its pane.
    pub fn shape(mut self) -> CaseCard {
        self.observed = self.observing;
        self.help_asked = false;
        self.whispers.clear();
        self
    }

    /// A whisper heard in this case.
    pub fn whispered(&mut self, from: String, text: String) {
        if self.whispers.len() >= WHISPERS_KEPT {
            self.whispers.remove(0);
        }
        self.whispers.push(Whisper { from, text });
    }
}

/// A case passed to a desk where nobody is on duty now: it waits there, and who passed it
/// may choose another desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parked {
    pub id: String,
    pub desk: String,
    pub desk_name: Option<String>,
}

impl Parked {
    /// From a `transfer_waiting` frame (`None` for any other frame).
    pub fn from_frame(frame: ServerMsg) -> Option<Parked> {
        let ServerMsg::TransferWaiting {
            escalation_id,
            desk,
            desk_name,
        } = frame
        else {
            return None;
        };
        Some(Parked {
            id: escalation_id,
            desk,
            desk_name,
        })
    }
}

/// An urgent escalation waiting for the person's consent: where, not who.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrgentCall {
    pub room: String,
    pub room_title: String,
}

/// What this tab knows as a counselor's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Console {
    pub on_duty: bool,
    pub queue: Vec<QueueItem>,
    /// When the queue arrived (ms), to count waiting times on.
    pub queue_at_ms: f64,
    pub urgent: Vec<UrgentCall>,
    pub cases: Map<String, CaseCard>,
    /// Requests in the queue already announced (each is announced once).
    pub seen: Set<String>,
    /// 1:1 rooms told before their case (the `escalation` frame may come first).
    pub rooms_early: Map<String, String>,
    /// Every desk, and the canned replies of those this counselor serves.
    pub desks: Vec<DeskInfo>,
    /// A case this counselor passed to a desk with nobody on duty.
    pub parked: Option<Parked>,
}

/// What a frame of this area asks of the page beyond the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConsoleTold {
    None,
    /// A 1:1 room to show (and join, to get its history).
    OpenRoom(String),
    /// A 1:1 room that is over.
    CloseRoom(String),
    /// The person ended a case (its room closes; the outcome is to record): their handle.
    PersonLeft {
        room: Option<String>,
        handle: String,
    },
    /// An urgent call: announce it (with a sound unless muted), with the room's title when
    /// it is known.
    Urgent(Option<String>),
    /// New requests came to the queue: a sound, a system notification if turned on, the
    /// count in the tab's title — an urgent one said as such.
    Arrived {
        urgent: bool,
    },
    /// A supervisor came into a case's room (`true`) or left it.
    Observer(bool),
    /// A whisper in a case: who, and what (read out unless it is one's own).
    Whispered {
        from: String,
        text: String,
    },
}

impl Console {
    /// A frame of this area (the router sends only those); `now_ms` for waiting times.
    pub fn on_frame(&mut self, frame: ServerMsg, now_ms: f64) -> ConsoleTold {
        match frame {
            ServerMsg::Escalation {
                escalation_id,
                state,
                room,
                ended_by,
                ..
            } => self.escalation(escalation_id, state, room, ended_by),
            ServerMsg::Queue { items } => {
                self.queue_at_ms = now_ms;
                // Queues come only while on duty (also after a reload).
                self.on_duty = true;
                let new: Vec<&QueueItem> = items
                    .iter()
                    .filter(|item| !self.seen.contains(&item.escalation_id))
                    .collect();
                let told = if new.is_empty() {
                    ConsoleTold::None
                } else {
                    ConsoleTold::Arrived {
                        urgent: new.iter().any(|item| item.urgency == Urgency::Urgent),
                    }
                };
                self.seen = items
                    .iter()
                    .map(|item| item.escalation_id.clone())
                    .collect();
                self.queue = items;
                told
            }
            ServerMsg::Urgent { room, room_title } => {
                let call = UrgentCall {
                    room,
                    room_title: room_title.clone(),
                };
                if !self.urgent.contains(&call) {
                    self.urgent.insert(0, call);
                }
                ConsoleTold::Urgent(Some(room_title))
            }
            frame @ ServerMsg::Case { .. } => {
                let Some(mut card) = CaseCard::from_frame(frame) else {
                    return ConsoleTold::None;
                };
                card.room = self.rooms_early.remove(&card.id);
                // Told again (a resume): what the page knew of it stays.
                if let Some(known) = self.cases.remove(&card.id) {
                    card.room = card.room.or(known.room);
                    card.observed = known.observed;
                    card.help_asked = known.help_asked;
                    card.whispers = known.whispers;
                }
                self.cases.insert(card.id.clone(), card);
                ConsoleTold::None
            }
            ServerMsg::Desks { desks } => {
                self.desks = desks;
                ConsoleTold::None
            }
            ServerMsg::Observer {
                escalation_id,
                present,
            } => match self.cases.get_mut(&escalation_id) {
                Some(case) if case.observed != present => {
                    case.observed = present;
                    // The whispers were between the two of them: they go with the observer.
                    if present {
                        case.help_asked = false;
                    } else {
                        case.whispers.clear();
                    }
                    ConsoleTold::Observer(present)
                }
                _ => ConsoleTold::None,
            },
            ServerMsg::Whisper {
                escalation_id,
                from,
                text,
            } => match self.cases.get_mut(&escalation_id) {
                Some(case) => {
                    case.whispered(from.clone(), text.clone());
                    ConsoleTold::Whispered { from, text }
                }
                None => ConsoleTold::None,
            },
            frame @ ServerMsg::TransferWaiting { .. } => {
                self.parked = Parked::from_frame(frame);
                ConsoleTold::None
            }
            ServerMsg::Closed { room } => ConsoleTold::CloseRoom(room),
            _ => ConsoleTold::None,
        }
    }

    /// The counselor's side of a case (its `case` frame may come after).
    fn escalation(
        &mut self,
        id: String,
        state: EscalationState,
        room: Option<String>,
        ended_by: Option<EndedBy>,
    ) -> ConsoleTold {
        match state {
            EscalationState::Connected => {
                match self.cases.get_mut(&id) {
                    Some(case) => case.room.clone_from(&room),
                    None => {
                        if let Some(room) = &room {
                            self.rooms_early.insert(id, room.clone());
                        }
                    }
                }
                room.map_or(ConsoleTold::None, ConsoleTold::OpenRoom)
            }
            EscalationState::Ended if ended_by == Some(EndedBy::Person) => {
                // The card stays for the outcome; the room is over.
                self.rooms_early.remove(&id);
                match self.cases.get_mut(&id) {
                    Some(case) if !case.left => {
                        case.left = true;
                        ConsoleTold::PersonLeft {
                            room: case.room.take(),
                            handle: case.handle.clone(),
                        }
                    }
                    _ => ConsoleTold::None,
                }
            }
            _ => {
                self.rooms_early.remove(&id);
                let gone = self.cases.remove(&id);
                gone.and_then(|case| case.room)
                    .map_or(ConsoleTold::None, ConsoleTold::CloseRoom)
            }
        }
    }

    /// How long a queued request has waited at `now_ms`, in whole minutes.
    pub fn waited_minutes(&self, item: &QueueItem, now_ms: f64) -> u64 {
        let since = ((now_ms - self.queue_at_ms).max(0.0) / 1000.0) as u64;
        (item.waiting_seconds + since) / 60
    }

    /// The case whose 1:1 room this is, if any.
    pub fn case_in(&self, room: &str) -> Option<&CaseCard> {
        self.cases
            .values()
            .find(|case| case.room.as_deref() == Some(room))
    }

    /// Off duty: nothing of the queue stays.
    pub fn off_duty(&mut self) {
        self.on_duty = false;
        self.queue.clear();
        self.urgent.clear();
    }

    /// How many requests wait on this counselor's desks (for the tab's title).
    pub fn waiting(&self) -> usize {
        if self.on_duty { self.queue.len() } else { 0 }
    }

    /// The canned replies of the desks this counselor serves, the case's desk first.
    pub fn replies(&self, desk: Option<&str>) -> Vec<ibasho_protocol::Reply> {
        let mut replies = Vec::new();
        // Two passes rather than a sort (a sort would cost the bundle more than this).
        for first in [true, false] {
            for info in &self.desks {
                if info.serves && (Some(info.desk.as_str()) == desk) == first {
                    replies.extend(info.replies.iter().cloned());
                }
            }
        }
        replies
    }

    /// The session ended (signed out, quick exit): nothing of it is kept.
    pub fn clear(&mut self) {
        *self = Console::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Request e1's frames, as the person's counsel tests make them.
    use crate::counsel::tests::escalation;

    /// A `case` frame for request e1 with `handle`.
    fn case(handle: &str) -> ServerMsg {
        ServerMsg::Case {
            escalation_id: "e1".into(),
            handle: handle.into(),
            excerpt: vec![],
            urgency: Urgency::Normal,
            from: EscalationSource::Participant,
            room_title: None,
            desk: Some("youth".into()),
            desk_name: Some("若者の相談".into()),
            note: None,
            observing: false,
        }
    }

    #[test]
    fn when_the_person_ends_it_the_counselor_keeps_the_card_to_record_the_outcome() {
        let mut console = Console::default();
        console.on_frame(case("みどり"), 0.0);
        console.on_frame(escalation(EscalationState::Connected, Some("p-1")), 0.0);
        let mut ended = escalation(EscalationState::Ended, None);
        if let ServerMsg::Escalation { ended_by, .. } = &mut ended {
            *ended_by = Some(EndedBy::Person);
        }
        assert_eq!(
            console.on_frame(ended.clone(), 0.0),
            ConsoleTold::PersonLeft {
                room: Some("p-1".into()),
                handle: "みどり".into()
            }
        );
        let card = &console.cases.get("e1").unwrap();
        assert!(card.left && card.room.is_none(), "{card:?}");
        assert_eq!(console.on_frame(ended, 0.0), ConsoleTold::None, "told once");
        // Recorded (the end the counselor's own outcome brings): the card goes.
        assert_eq!(
            console.on_frame(escalation(EscalationState::Ended, None), 0.0),
            ConsoleTold::None
        );
        assert!(console.cases.is_empty());
    }

    #[test]
    fn a_counselors_case_opens_and_closes_its_room_and_waits_count_on() {
        let mut console = Console::default();
        console.on_frame(case("みどり"), 0.0);
        assert_eq!(
            console.on_frame(escalation(EscalationState::Connected, Some("p-1")), 0.0),
            ConsoleTold::OpenRoom("p-1".into())
        );
        assert_eq!(console.case_in("p-1").unwrap().handle, "みどり");
        assert_eq!(
            console.on_frame(escalation(EscalationState::Ended, None), 0.0),
            ConsoleTold::CloseRoom("p-1".into())
        );
        assert!(console.cases.is_empty());
        // The room may be told before the case: it is kept for it.
        console.on_frame(escalation(EscalationState::Connected, Some("p-2")), 0.0);
        console.on_frame(case("あお"), 0.0);
        assert_eq!(console.case_in("p-2").unwrap().handle, "あお");
        let item = QueueItem {
            escalation_id: "e2".into(),
            urgency: Urgency::Urgent,
            from: EscalationSource::Crisis,
            room_title: None,
            waiting_seconds: 90,
            desk: None,
            desk_name: None,
            note: None,
            transferred: false,
        };
        let queue = ServerMsg::Queue {
            items: vec![item.clone()],
        };
        assert_eq!(
            console.on_frame(queue.clone(), 1_000.0),
            ConsoleTold::Arrived { urgent: true },
            "a new urgent request is announced"
        );
        assert_eq!(console.on_frame(queue, 1_000.0), ConsoleTold::None, "once");
        assert!(
            console.on_duty,
            "a queue means on duty (after a reload too)"
        );
        assert_eq!(console.waited_minutes(&item, 1_000.0 + 60_000.0), 2);
        assert_eq!(console.waiting(), 1, "for the tab's title");
        // Another comes (not urgent): announced as such; the first is not again.
        let mut second = item.clone();
        second.escalation_id = "e3".into();
        second.urgency = Urgency::Normal;
        let queue = ServerMsg::Queue {
            items: vec![item, second],
        };
        assert_eq!(
            console.on_frame(queue, 2_000.0),
            ConsoleTold::Arrived { urgent: false }
        );
        console.off_duty();
        assert!(!console.on_duty && console.queue.is_empty());
        assert_eq!(console.waiting(), 0);
    }

    #[test]
    fn an_observer_comes_whispers_and_leaves_with_the_whispers() {
        let mut console = Console::default();
        console.on_frame(case("みどり"), 0.0);
        console.on_frame(escalation(EscalationState::Connected, Some("p-1")), 0.0);
        console.cases.get_mut("e1").unwrap().help_asked = true;
        let observer = |present| ServerMsg::Observer {
            escalation_id: "e1".into(),
            present,
        };
        assert_eq!(
            console.on_frame(observer(true), 0.0),
            ConsoleTold::Observer(true)
        );
        assert_eq!(
            console.on_frame(observer(true), 0.0),
            ConsoleTold::None,
            "once"
        );
        let card = console.cases.get("e1").unwrap();
        assert!(card.observed && !card.help_asked, "the call was answered");
        let whisper = ServerMsg::Whisper {
            escalation_id: "e1".into(),
            from: "さとう（スーパーバイザー）".into(),
            text: "ゆっくりで大丈夫です".into(),
        };
        assert!(matches!(
            console.on_frame(whisper, 0.0),
            ConsoleTold::Whispered { .. }
        ));
        assert_eq!(console.cases.get("e1").unwrap().whispers.len(), 1);
        // The case told again (a resume) keeps what the page knew.
        console.on_frame(case("みどり"), 0.0);
        let card = console.cases.get("e1").unwrap();
        assert!(card.observed && card.room.is_some() && card.whispers.len() == 1);
        console.on_frame(observer(false), 0.0);
        assert!(console.cases.get("e1").unwrap().whispers.is_empty());
    }

    #[test]
    fn replies_are_the_served_desks_the_cases_desk_first_and_a_transfer_may_wait() {
        let reply = |title: &str| ibasho_protocol::Reply {
            title: title.into(),
            text: format!("{title}の文"),
        };
        let desk = |id: &str, serves: bool, replies| DeskInfo {
            desk: id.into(),
            name: Some(id.into()),
            name_en: None,
            serves,
            replies,
        };
        let mut console = Console::default();
        console.on_frame(
            ServerMsg::Desks {
                desks: vec![
                    desk("general", true, vec![reply("あいさつ")]),
                    desk("family", false, vec![reply("家族")]),
                    desk("youth", true, vec![reply("学校")]),
                ],
            },
            0.0,
        );
        let titles: Vec<String> = console
            .replies(Some("youth"))
            .into_iter()
            .map(|r| r.title)
            .collect();
        assert_eq!(titles, ["学校", "あいさつ"]);
        console.on_frame(
            ServerMsg::TransferWaiting {
                escalation_id: "e1".into(),
                desk: "family".into(),
                desk_name: Some("家族の相談".into()),
            },
            0.0,
        );
        assert_eq!(console.parked.as_ref().unwrap().desk, "family");
    }
}
