//! Talking with a counselor, as the client keeps it: the person's request (the waiting
//! card), a facilitator's suggestion waiting for the person's answer (the consent dialog,
//! each message removable), the counselor's console (duty, the queue, urgent calls, cases),
//! and the statuses a facilitator is told. Pure: the socket routes frames here; the views
//! show it.

use std::collections::{BTreeMap, BTreeSet};

use ibasho_protocol::{
    EndedBy, EscalationSource, EscalationState, EscalationStatus, ExcerptItem, HelpLine, QueueItem,
    ServerMsg, Urgency,
};

/// The person's request, as the last `escalation` frame told it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub id: String,
    pub state: EscalationState,
    pub position: Option<u32>,
    pub on_duty: Option<u32>,
    pub estimated_wait_minutes: Option<u32>,
    pub next_on_duty: Option<jiff::Timestamp>,
    pub lines: Vec<HelpLine>,
    /// Connected: the private room.
    pub room: Option<String>,
    pub handed_over: bool,
}

impl Request {
    /// Whether it is still open (the card offers to cancel).
    pub fn is_open(&self) -> bool {
        matches!(
            self.state,
            EscalationState::Waiting | EscalationState::NoCounselor | EscalationState::Connected
        )
    }
}

/// A facilitator's suggestion, waiting for the person's answer: what would be shared, and
/// which of it the person keeps in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentAsk {
    pub id: String,
    pub excerpt: Vec<ExcerptItem>,
    /// Message ids the person took out.
    pub removed: BTreeSet<String>,
}

impl ConsentAsk {
    /// What the person agrees to share now.
    pub fn shared(&self) -> Vec<String> {
        self.excerpt
            .iter()
            .filter(|item| !self.removed.contains(&item.message_id))
            .map(|item| item.message_id.clone())
            .collect()
    }

    pub fn toggle(&mut self, message_id: &str) {
        if !self.removed.remove(message_id) {
            self.removed.insert(message_id.to_owned());
        }
    }
}

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

/// What this tab knows of talking with a counselor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counsel {
    /// The person's own request.
    pub request: Option<Request>,
    /// A suggestion waiting for the person's answer.
    pub consent: Option<ConsentAsk>,
    /// Asked before the session was there (from the lobby): sent once welcomed.
    pub ask_pending: Option<(Option<String>, EscalationSource)>,
    /// The room the person's request came from (asked there, or suggested there): where
    /// they go back to when the 1:1 ends.
    pub origin: Option<String>,
    // The counselor's console.
    pub on_duty: bool,
    pub queue: Vec<QueueItem>,
    /// When the queue arrived (ms), to count waiting times on.
    pub queue_at_ms: f64,
    pub urgent: Vec<UrgentCall>,
    /// The urgent sound is muted (the visual call stays).
    pub muted: bool,
    pub cases: BTreeMap<String, CaseCard>,
    /// A facilitator's escalations: id → (handle, status).
    pub escalations: BTreeMap<String, (Option<String>, EscalationStatus)>,
    /// Urgent requests in the queue already announced (each is announced once).
    pub urgent_seen: BTreeSet<String>,
    /// 1:1 rooms told before their case (the `escalation` frame may come first).
    pub rooms_early: BTreeMap<String, String>,
}

/// What a frame asks of the view beyond the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    None,
    /// A 1:1 room to show (and join, to get its history).
    OpenRoom(String),
    /// A 1:1 room that is over.
    CloseRoom(String),
    /// The person ended a counselor's case (its room closes; the outcome is to record):
    /// their handle, to tell the counselor.
    PersonLeft {
        room: Option<String>,
        handle: String,
    },
    /// An urgent call: announce it (with a sound unless muted), with the room's title when
    /// it is known.
    Urgent(Option<String>),
}

impl Counsel {
    /// Takes a frame of this area (`counselor`: this tab is a counselor's, whose `escalation`
    /// frames are about their cases, never a request of their own); `None` if it is not
    /// one.
    pub fn on_frame(&mut self, frame: &ServerMsg, now_ms: f64, counselor: bool) -> Option<Effect> {
        Some(match frame {
            ServerMsg::ConsentRequest {
                escalation_id,
                excerpt,
                room,
            } => {
                if room.is_some() {
                    self.origin.clone_from(room);
                }
                self.consent = Some(ConsentAsk {
                    id: escalation_id.clone(),
                    excerpt: excerpt.clone(),
                    removed: BTreeSet::new(),
                });
                Effect::None
            }
            ServerMsg::Escalation {
                escalation_id,
                state,
                position,
                on_duty,
                estimated_wait_minutes,
                next_on_duty,
                lines,
                room,
                handed_over,
                ended_by,
            } => {
                if counselor {
                    // The counselor's side of a case (its `case` frame may come after).
                    return Some(match state {
                        EscalationState::Connected => {
                            match self.cases.get_mut(escalation_id) {
                                Some(case) => case.room.clone_from(room),
                                None => {
                                    if let Some(room) = room {
                                        self.rooms_early
                                            .insert(escalation_id.clone(), room.clone());
                                    }
                                }
                            }
                            room.clone().map_or(Effect::None, Effect::OpenRoom)
                        }
                        EscalationState::Ended if *ended_by == Some(EndedBy::Person) => {
                            // The card stays for the outcome; the room is over.
                            self.rooms_early.remove(escalation_id);
                            match self.cases.get_mut(escalation_id) {
                                Some(case) if !case.left => {
                                    case.left = true;
                                    Effect::PersonLeft {
                                        room: case.room.take(),
                                        handle: case.handle.clone(),
                                    }
                                }
                                _ => Effect::None,
                            }
                        }
                        _ => {
                            self.rooms_early.remove(escalation_id);
                            let gone = self.cases.remove(escalation_id);
                            gone.and_then(|case| case.room)
                                .map_or(Effect::None, Effect::CloseRoom)
                        }
                    });
                }
                if self
                    .consent
                    .as_ref()
                    .is_some_and(|ask| &ask.id == escalation_id)
                {
                    self.consent = None;
                }
                let before = self.request.as_ref().and_then(|r| r.room.clone());
                self.request = Some(Request {
                    id: escalation_id.clone(),
                    state: *state,
                    position: *position,
                    on_duty: *on_duty,
                    estimated_wait_minutes: *estimated_wait_minutes,
                    next_on_duty: *next_on_duty,
                    lines: lines.clone().unwrap_or_default(),
                    room: room.clone(),
                    handed_over: *handed_over,
                });
                match (state, room, before) {
                    (EscalationState::Connected, Some(room), _) => Effect::OpenRoom(room.clone()),
                    (_, _, Some(before)) => Effect::CloseRoom(before),
                    _ => Effect::None,
                }
            }
            ServerMsg::EscalationStatus {
                escalation_id,
                status,
                handle,
                ..
            } => {
                let known = self
                    .escalations
                    .get(escalation_id)
                    .and_then(|(known, _)| known.clone());
                self.escalations
                    .insert(escalation_id.clone(), (handle.clone().or(known), *status));
                Effect::None
            }
            ServerMsg::Queue { items } => {
                self.queue.clone_from(items);
                self.queue_at_ms = now_ms;
                // Queues come only while on duty (also after a reload).
                self.on_duty = true;
                let urgent: BTreeSet<String> = items
                    .iter()
                    .filter(|item| item.urgency == Urgency::Urgent)
                    .map(|item| item.escalation_id.clone())
                    .collect();
                let new = items.iter().find(|item| {
                    item.urgency == Urgency::Urgent
                        && !self.urgent_seen.contains(&item.escalation_id)
                });
                let effect =
                    new.map_or(Effect::None, |item| Effect::Urgent(item.room_title.clone()));
                self.urgent_seen = urgent;
                effect
            }
            ServerMsg::Urgent { room, room_title } => {
                let call = UrgentCall {
                    room: room.clone(),
                    room_title: room_title.clone(),
                };
                if !self.urgent.contains(&call) {
                    self.urgent.insert(0, call);
                }
                Effect::Urgent(Some(room_title.clone()))
            }
            ServerMsg::Case {
                escalation_id,
                handle,
                excerpt,
                urgency,
                from,
                room_title,
            } => {
                self.cases.insert(
                    escalation_id.clone(),
                    CaseCard {
                        id: escalation_id.clone(),
                        handle: handle.clone(),
                        excerpt: excerpt.clone(),
                        urgency: *urgency,
                        from: *from,
                        room_title: room_title.clone(),
                        room: self.rooms_early.remove(escalation_id),
                        left: false,
                    },
                );
                Effect::None
            }
            _ => return None,
        })
    }

    /// How long a queued request has waited at `now_ms`, in whole minutes.
    pub fn waited_minutes(&self, item: &QueueItem, now_ms: f64) -> u64 {
        let since = ((now_ms - self.queue_at_ms).max(0.0) / 1000.0) as u64;
        (item.waiting_seconds + since) / 60
    }

    /// The case whose 1:1 room this is, if any (a counselor's).
    pub fn case_in(&self, room: &str) -> Option<&CaseCard> {
        self.cases
            .values()
            .find(|case| case.room.as_deref() == Some(room))
    }

    /// The session ended (signed out, quick exit): nothing of it is kept.
    pub fn clear(&mut self) {
        *self = Counsel::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escalation(state: EscalationState, room: Option<&str>) -> ServerMsg {
        ServerMsg::Escalation {
            escalation_id: "e1".into(),
            state,
            position: Some(2),
            on_duty: Some(1),
            estimated_wait_minutes: None,
            next_on_duty: None,
            lines: None,
            room: room.map(str::to_owned),
            handed_over: false,
            ended_by: None,
        }
    }

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
    fn the_person_waits_is_connected_and_the_room_closes_when_it_ends() {
        let mut counsel = Counsel::default();
        assert_eq!(
            counsel.on_frame(&escalation(EscalationState::Waiting, None), 0.0, false),
            Some(Effect::None)
        );
        assert_eq!(counsel.request.as_ref().unwrap().position, Some(2));
        assert!(counsel.request.as_ref().unwrap().is_open());
        assert_eq!(
            counsel.on_frame(
                &escalation(EscalationState::Connected, Some("p-1")),
                0.0,
                false
            ),
            Some(Effect::OpenRoom("p-1".into()))
        );
        assert_eq!(
            counsel.on_frame(&escalation(EscalationState::Ended, None), 0.0, false),
            Some(Effect::CloseRoom("p-1".into()))
        );
        assert!(!counsel.request.as_ref().unwrap().is_open());
    }

    #[test]
    fn when_the_person_ends_it_the_counselor_keeps_the_card_to_record_the_outcome() {
        let mut counsel = Counsel::default();
        counsel.on_frame(&case("みどり"), 0.0, true);
        counsel.on_frame(
            &escalation(EscalationState::Connected, Some("p-1")),
            0.0,
            true,
        );
        let mut ended = escalation(EscalationState::Ended, None);
        if let ServerMsg::Escalation { ended_by, .. } = &mut ended {
            *ended_by = Some(EndedBy::Person);
        }
        assert_eq!(
            counsel.on_frame(&ended, 0.0, true),
            Some(Effect::PersonLeft {
                room: Some("p-1".into()),
                handle: "みどり".into()
            })
        );
        let card = &counsel.cases["e1"];
        assert!(card.left && card.room.is_none(), "{card:?}");
        assert_eq!(
            counsel.on_frame(&ended, 0.0, true),
            Some(Effect::None),
            "told once"
        );
        // Recorded (the end the counselor's own outcome brings): the card goes.
        assert_eq!(
            counsel.on_frame(&escalation(EscalationState::Ended, None), 0.0, true),
            Some(Effect::None)
        );
        assert!(counsel.cases.is_empty());
    }

    #[test]
    fn a_suggestion_remembers_the_room_it_came_from() {
        let mut counsel = Counsel::default();
        counsel.on_frame(
            &ServerMsg::ConsentRequest {
                escalation_id: "e1".into(),
                excerpt: vec![],
                room: Some("lounge".into()),
            },
            0.0,
            false,
        );
        assert_eq!(counsel.origin.as_deref(), Some("lounge"));
    }

    #[test]
    fn consent_shares_what_the_person_keeps_in() {
        let mut counsel = Counsel::default();
        let item = |id: &str| ExcerptItem {
            message_id: id.into(),
            text: format!("text {id}"),
        };
        counsel.on_frame(
            &ServerMsg::ConsentRequest {
                escalation_id: "e1".into(),
                excerpt: vec![item("1"), item("2")],
                room: None,
            },
            0.0,
            false,
        );
        let ask = counsel.consent.as_mut().unwrap();
        ask.toggle("1");
        assert_eq!(ask.shared(), ["2"]);
        ask.toggle("1");
        assert_eq!(ask.shared(), ["1", "2"]);
        counsel.on_frame(&escalation(EscalationState::Waiting, None), 0.0, false);
        assert!(counsel.consent.is_none(), "answered");
    }

    #[test]
    fn a_counselors_case_opens_and_closes_its_room_and_waits_count_on() {
        let mut counsel = Counsel::default();
        counsel.on_frame(&case("みどり"), 0.0, true);
        assert_eq!(
            counsel.on_frame(
                &escalation(EscalationState::Connected, Some("p-1")),
                0.0,
                true
            ),
            Some(Effect::OpenRoom("p-1".into()))
        );
        assert!(counsel.request.is_none(), "the counselor's own view");
        assert_eq!(counsel.case_in("p-1").unwrap().handle, "みどり");
        assert_eq!(
            counsel.on_frame(&escalation(EscalationState::Ended, None), 0.0, true),
            Some(Effect::CloseRoom("p-1".into()))
        );
        assert!(counsel.cases.is_empty());
        // The room may be told before the case: it is kept for it.
        counsel.on_frame(
            &escalation(EscalationState::Connected, Some("p-2")),
            0.0,
            true,
        );
        assert!(counsel.request.is_none());
        counsel.on_frame(&case("あお"), 0.0, true);
        assert_eq!(counsel.case_in("p-2").unwrap().handle, "あお");
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
            counsel.on_frame(&queue, 1_000.0, true),
            Some(Effect::Urgent(None)),
            "a new urgent request is announced (from the lobby: no room to name)"
        );
        assert_eq!(
            counsel.on_frame(&queue, 1_000.0, true),
            Some(Effect::None),
            "once"
        );
        assert!(
            counsel.on_duty,
            "a queue means on duty (after a reload too)"
        );
        assert_eq!(counsel.waited_minutes(&item, 1_000.0 + 60_000.0), 2);
    }
}
