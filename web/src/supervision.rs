//! The supervisor's side, as the client keeps it: duty, the overview of every desk (queue
//! length, the oldest wait, how many open cases each counselor on duty has — counts and
//! waiting times only, never a handle or words) and of the open cases (those whose counselor
//! asked for a supervisor among them: a `supervisor_call` is raised, and the case says so
//! until a supervisor comes), and the cases this tab observes (the same card a counselor
//! has, read-only, with the whispers). A pure reducer over the frames of this area
//! (`desks`, `overview`, `supervisor_call`, the observed case's `case`, `observer`,
//! `whisper` and room, a transfer's `transfer_waiting`).
//!
//! The server puts an observer in the case's 1:1 room itself: its `joined` comes first, then
//! the `case` (which names no room), then `observer`. The room just joined is therefore the
//! room of the case that follows.

use ibasho_protocol::{DeskInfo, DeskOverview, EscalationState, OverviewCase, ServerMsg};

use crate::console::{CaseCard, Parked};
use crate::small::Map;

/// What this tab knows as a supervisor's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Supervision {
    pub on_duty: bool,
    /// Every desk (their names; a transfer chooses among them).
    pub desks: Vec<DeskInfo>,
    /// Each desk now: counts and waiting times only.
    pub overview: Vec<DeskOverview>,
    /// The open cases: no handle, no words.
    pub cases: Vec<OverviewCase>,
    /// When the overview arrived (ms), to count waiting times on.
    pub overview_at_ms: f64,
    /// The cases this tab observes, by id.
    pub observing: Map<String, CaseCard>,
    /// A 1:1 room the server just put this tab in, for the `case` that follows.
    joined: Option<String>,
    /// A case this supervisor passed to a desk with nobody on duty.
    pub parked: Option<Parked>,
}

/// What a frame of this area asks of the page beyond the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SupervisionTold {
    None,
    /// A case's 1:1 room this tab was put in: the room area takes its history (the frame).
    Adopt(ServerMsg),
    /// An observed case's room to show.
    OpenRoom(String),
    /// An observed case's room this tab is no longer in.
    CloseRoom(String),
    /// A counselor asks for a supervisor: raised with their desk and how long they have
    /// waited (the case in the overview says so until a supervisor comes).
    Called {
        desk: String,
        waiting_seconds: u64,
    },
    /// A whisper in an observed case (read out unless it is one's own).
    Whispered {
        from: String,
        text: String,
    },
}

impl Supervision {
    /// A frame of this area (the router sends only those); `now_ms` for waiting times.
    pub fn on_frame(&mut self, frame: ServerMsg, now_ms: f64) -> SupervisionTold {
        match frame {
            ServerMsg::Joined { ref room, .. } => {
                if self.case_in(room).is_none() {
                    // (After a resume the case may have been told first.)
                    match self
                        .observing
                        .iter_mut()
                        .map(|(_, case)| case)
                        .find(|case| case.room.is_none())
                    {
                        Some(case) => case.room = Some(room.clone()),
                        None => self.joined = Some(room.clone()),
                    }
                }
                SupervisionTold::Adopt(frame)
            }
            frame @ ServerMsg::Case { .. } => {
                let Some(mut card) = CaseCard::from_frame(frame) else {
                    return SupervisionTold::None;
                };
                let known = self.observing.remove(&card.id);
                card.room = self.joined.take().or(known.and_then(|known| known.room));
                let room = card.room.clone();
                self.observing.insert(card.id.clone(), card);
                room.map_or(SupervisionTold::None, SupervisionTold::OpenRoom)
            }
            ServerMsg::Observer {
                escalation_id,
                present: false,
            } => self.stop(&escalation_id),
            ServerMsg::Closed { room } => match self.case_in(&room) {
                Some(case) => {
                    let id = case.id.clone();
                    self.stop(&id)
                }
                None => SupervisionTold::None,
            },
            ServerMsg::Whisper {
                escalation_id,
                from,
                text,
            } => match self.observing.get_mut(&escalation_id) {
                Some(case) => {
                    case.whispered(from.clone(), text.clone());
                    SupervisionTold::Whispered { from, text }
                }
                None => SupervisionTold::None,
            },
            ServerMsg::Overview { desks, cases } => {
                // Overviews come only while on duty (also after a reload).
                self.on_duty = true;
                self.overview_at_ms = now_ms;
                self.overview = desks;
                self.cases = cases;
                SupervisionTold::None
            }
            ServerMsg::SupervisorCall {
                desk,
                desk_name,
                waiting_seconds,
                ..
            } => SupervisionTold::Called {
                desk: desk_name.unwrap_or(desk),
                waiting_seconds,
            },
            ServerMsg::Desks { desks } => {
                self.desks = desks;
                SupervisionTold::None
            }
            frame @ ServerMsg::TransferWaiting { .. } => {
                self.parked = Parked::from_frame(frame);
                SupervisionTold::None
            }
            _ => SupervisionTold::None,
        }
    }

    /// No longer observing case `id`: its card goes, and its room.
    fn stop(&mut self, id: &str) -> SupervisionTold {
        self.observing
            .remove(id)
            .and_then(|case| case.room)
            .map_or(SupervisionTold::None, SupervisionTold::CloseRoom)
    }

    /// The observed case whose 1:1 room this is, if any.
    pub fn case_in(&self, room: &str) -> Option<&CaseCard> {
        self.observing
            .values()
            .find(|case| case.room.as_deref() == Some(room))
    }

    /// A desk's name as the overview or the desks frame give it (none for the one desk of a
    /// service without desks).
    pub fn desk_name(&self, desk: &str) -> Option<String> {
        self.overview
            .iter()
            .find(|d| d.desk == desk)
            .and_then(|d| d.desk_name.clone())
            .or_else(|| {
                self.desks
                    .iter()
                    .find(|d| d.desk == desk)
                    .and_then(|d| d.name.clone())
            })
    }

    /// Seconds since the overview (or a call) was told, at `now_ms`: waits count on.
    pub fn since(at_ms: f64, now_ms: f64) -> u64 {
        ((now_ms - at_ms).max(0.0) / 1000.0) as u64
    }

    /// Whether an open case may be observed now: with a counselor (the server refuses it
    /// while another supervisor is there).
    pub fn may_observe(case: &OverviewCase) -> bool {
        case.state == EscalationState::Connected
    }

    /// How many counselors are asking for a supervisor (for the tab's title).
    pub fn waiting(&self) -> usize {
        self.cases.iter().filter(|case| case.help_asked).count()
    }

    /// Off duty: nothing of the overview stays (the cases observed stay until left).
    pub fn off_duty(&mut self) {
        self.on_duty = false;
        self.overview.clear();
        self.cases.clear();
    }

    /// The session ended (signed out, quick exit): nothing of it is kept.
    pub fn clear(&mut self) {
        *self = Supervision::default();
    }
}

#[cfg(test)]
mod tests {
    use ibasho_protocol::{EscalationSource, Urgency};

    use super::*;

    fn observed_case() -> ServerMsg {
        ServerMsg::Case {
            escalation_id: "e1".into(),
            handle: "みどり".into(),
            excerpt: vec![],
            urgency: Urgency::Normal,
            from: EscalationSource::Participant,
            room_title: None,
            desk: Some("youth".into()),
            desk_name: Some("若者の相談".into()),
            note: None,
            observing: true,
        }
    }

    fn joined(room: &str) -> ServerMsg {
        ServerMsg::Joined {
            room: room.into(),
            history: vec![],
            present: 3,
            position: ibasho_protocol::Position {
                epoch: "e".into(),
                offset: 0,
            },
            recovered: false,
        }
    }

    fn overview_case(id: &str, help_asked: bool) -> OverviewCase {
        OverviewCase {
            escalation_id: id.into(),
            desk: "youth".into(),
            urgency: Urgency::Normal,
            state: EscalationState::Connected,
            seconds: 120,
            help_asked,
        }
    }

    #[test]
    fn the_room_joined_is_the_observed_cases_and_it_goes_when_the_observer_leaves() {
        let mut supervision = Supervision::default();
        assert!(matches!(
            supervision.on_frame(joined("p-1"), 0.0),
            SupervisionTold::Adopt(_)
        ));
        assert_eq!(
            supervision.on_frame(observed_case(), 0.0),
            SupervisionTold::OpenRoom("p-1".into())
        );
        let card = supervision.case_in("p-1").unwrap();
        assert!(card.observing && card.observed);
        // A reconnect's `joined` of the same room is not taken for another case's.
        supervision.on_frame(joined("p-1"), 0.0);
        assert_eq!(supervision.joined, None);
        supervision.on_frame(
            ServerMsg::Whisper {
                escalation_id: "e1".into(),
                from: "たなか（相談員）".into(),
                text: "お願いします".into(),
            },
            0.0,
        );
        assert_eq!(supervision.observing.get("e1").unwrap().whispers.len(), 1);
        assert_eq!(
            supervision.on_frame(
                ServerMsg::Observer {
                    escalation_id: "e1".into(),
                    present: false,
                },
                0.0
            ),
            SupervisionTold::CloseRoom("p-1".into())
        );
        assert!(supervision.observing.is_empty());
    }

    #[test]
    fn a_call_is_raised_and_the_overview_says_who_asks_and_waits_count_on() {
        let mut supervision = Supervision::default();
        supervision.on_frame(
            ServerMsg::Overview {
                desks: vec![DeskOverview {
                    desk: "youth".into(),
                    desk_name: Some("若者の相談".into()),
                    queue_length: 1,
                    oldest_wait_seconds: Some(30),
                    counselors: vec![1, 0],
                }],
                cases: vec![overview_case("e1", true)],
            },
            0.0,
        );
        assert!(supervision.on_duty);
        assert_eq!(
            supervision.desk_name("youth").as_deref(),
            Some("若者の相談")
        );
        assert_eq!(supervision.waiting(), 1, "one counselor asks");
        let call = ServerMsg::SupervisorCall {
            escalation_id: "e1".into(),
            desk: "youth".into(),
            desk_name: Some("若者の相談".into()),
            waiting_seconds: 5,
        };
        assert_eq!(
            supervision.on_frame(call, 1_000.0),
            SupervisionTold::Called {
                desk: "若者の相談".into(),
                waiting_seconds: 5
            }
        );
        assert_eq!(Supervision::since(1_000.0, 61_000.0), 60);
        assert!(Supervision::may_observe(&supervision.cases[0]));
        supervision.on_frame(
            ServerMsg::Overview {
                desks: vec![],
                cases: vec![overview_case("e1", false)],
            },
            2_000.0,
        );
        assert_eq!(supervision.waiting(), 0, "answered");
        supervision.off_duty();
        assert!(!supervision.on_duty && supervision.cases.is_empty());
    }
}
