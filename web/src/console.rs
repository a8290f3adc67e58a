//! The counselor's console, as the client keeps it: duty, the queue (urgency, where from, how
//! long — never who or what), urgent calls, and each case (the handle, what the person
//! agreed to share, its 1:1 room; kept after the person ended it, for the outcome). A pure
//! reducer over the frames of this area (`queue`, `urgent`, `case`, the counselor's
//! `escalation`, their 1:1 room `closed`).

use crate::small::{Map, Set};

use ibasho_protocol::{
    EndedBy, EscalationSource, EscalationState, ExcerptItem, QueueItem, ServerMsg, Urgency,
};

/// A case a counselor has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseCard {
    pub id: String,
    pub handle: String,
    pub excerpt: Vec<ExcerptItem>,
    pub urgency: Urgency,
    pub from: EscalationSource,
    pub room_title: Option<String>,
    /// The 1:1 room, once connected.
    pub room: Option<String>,
    /// The person ended it: the card stays for the counselor to record the outcome.
    pub left: bool,
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
    /// The urgent sound is muted (the visual call stays).
    pub muted: bool,
    pub cases: Map<String, CaseCard>,
    /// Urgent requests in the queue already announced (each is announced once).
    pub urgent_seen: Set<String>,
    /// 1:1 rooms told before their case (the `escalation` frame may come first).
    pub rooms_early: Map<String, String>,
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
                let urgent: Set<String> = items
                    .iter()
                    .filter(|item| item.urgency == Urgency::Urgent)
                    .map(|item| item.escalation_id.clone())
                    .collect();
                let new = items.iter().find(|item| {
                    item.urgency == Urgency::Urgent
                        && !self.urgent_seen.contains(&item.escalation_id)
                });
                let told = new.map_or(ConsoleTold::None, |item| {
                    ConsoleTold::Urgent(item.room_title.clone())
                });
                self.urgent_seen = urgent;
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
            ServerMsg::Case {
                escalation_id,
                handle,
                excerpt,
                urgency,
                from,
                room_title,
            } => {
                let room = self.rooms_early.remove(&escalation_id);
                self.cases.insert(
                    escalation_id.clone(),
                    CaseCard {
                        id: escalation_id,
                        handle,
                        excerpt,
                        urgency,
                        from,
                        room_title,
                        room,
                        left: false,
                    },
                );
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
        };
        let queue = ServerMsg::Queue {
            items: vec![item.clone()],
        };
        assert_eq!(
            console.on_frame(queue.clone(), 1_000.0),
            ConsoleTold::Urgent(None),
            "a new urgent request is announced (from the lobby: no room to name)"
        );
        assert_eq!(console.on_frame(queue, 1_000.0), ConsoleTold::None, "once");
        assert!(
            console.on_duty,
            "a queue means on duty (after a reload too)"
        );
        assert_eq!(console.waited_minutes(&item, 1_000.0 + 60_000.0), 2);
        console.off_duty();
        assert!(!console.on_duty && console.queue.is_empty());
    }
}
