//! The person's side of talking with a counselor, as the client keeps it: their request
//! (the waiting card, with the desk it is with), the two optional routing questions they
//! may answer when asking, a facilitator's suggestion waiting for their answer (the consent
//! dialog, each message removable), a supervisor present in their 1:1 room, and where they
//! came from. A pure reducer over the frames of this area (`consent_request`, their
//! `escalation` and `observer`, their 1:1 room `closed`); the counselor's side is
//! `console`, the supervisor's `supervision`, a facilitator's statuses the `desk`.

use crate::small::Set;

use ibasho_protocol::{
    About, AgeBand, EscalationSource, EscalationState, ExcerptItem, HelpLine, Lang, ServerMsg,
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
    /// The desk it is with, as the operator named it (none for a service without desks).
    pub desk_name: Option<String>,
    pub desk_name_en: Option<String>,
    /// A counselor passed it to this desk: what the person shared went along.
    pub transferred: bool,
    /// A supervisor is in the 1:1 room (the person may ask them to leave).
    pub observer: bool,
}

impl Request {
    /// The desk's name in `lang` (English where there is one and the page is English).
    pub fn desk(&self, lang: Lang) -> Option<&str> {
        let name = self.desk_name.as_deref()?;
        Some(crate::i18n::localized(
            lang,
            name,
            self.desk_name_en.as_deref(),
        ))
    }

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
    pub removed: Set<String>,
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

/// The person's answers to the two optional questions asked with a request (who it is
/// about, their age band): `None` is 「答えない」, and is never sent.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Answers {
    pub about: Option<About>,
    pub age: Option<AgeBand>,
}

/// What this tab knows of the person's own request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counsel {
    /// The answers chosen in the asking dialog (sent with the request, then forgotten).
    pub answers: Answers,
    /// The person's own request.
    pub request: Option<Request>,
    /// A suggestion waiting for the person's answer.
    pub consent: Option<ConsentAsk>,
    /// Asked before the session was there (from the lobby): sent once welcomed.
    pub ask_pending: Option<(Option<String>, EscalationSource)>,
    /// The room the person's request came from (asked there, or suggested there): where
    /// they go back to when the 1:1 ends.
    pub origin: Option<String>,
}

/// What a frame of this area asks of the page beyond the state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CounselTold {
    None,
    /// The request changed (`state`): said aloud; with a 1:1 room to show now, or one that
    /// is over.
    Request {
        state: EscalationState,
        open: Option<String>,
        close: Option<String>,
    },
    /// The 1:1 room is over (closed on the server).
    CloseRoom(String),
    /// A supervisor came into the 1:1 room (`true`), or left it.
    Observer(bool),
}

impl Counsel {
    /// A frame of this area (the router sends only those).
    pub fn on_frame(&mut self, frame: ServerMsg) -> CounselTold {
        match frame {
            ServerMsg::ConsentRequest {
                escalation_id,
                excerpt,
                room,
            } => {
                if room.is_some() {
                    self.origin = room;
                }
                self.consent = Some(ConsentAsk {
                    id: escalation_id,
                    excerpt,
                    removed: Set::new(),
                });
                CounselTold::None
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
                desk_name,
                desk_name_en,
                transferred,
                ..
            } => {
                if self
                    .consent
                    .as_ref()
                    .is_some_and(|ask| ask.id == escalation_id)
                {
                    self.consent = None;
                }
                let before = self.request.as_ref().and_then(|r| r.room.clone());
                let open = (state == EscalationState::Connected)
                    .then(|| room.clone())
                    .flatten();
                // An observer belongs to the 1:1 room: a request that left it has none.
                let observer = self.request.as_ref().is_some_and(|r| {
                    r.observer && r.id == escalation_id && r.room == room && open.is_some()
                });
                self.request = Some(Request {
                    id: escalation_id,
                    state,
                    position,
                    on_duty,
                    estimated_wait_minutes,
                    next_on_duty,
                    lines: lines.unwrap_or_default(),
                    room,
                    handed_over,
                    desk_name,
                    desk_name_en,
                    transferred,
                    observer,
                });
                CounselTold::Request {
                    state,
                    close: before.filter(|_| open.is_none()),
                    open,
                }
            }
            ServerMsg::Observer {
                escalation_id,
                present,
            } => match self.request.as_mut() {
                Some(request) if request.id == escalation_id && request.observer != present => {
                    request.observer = present;
                    CounselTold::Observer(present)
                }
                _ => CounselTold::None,
            },
            ServerMsg::Closed { room } => CounselTold::CloseRoom(room),
            _ => CounselTold::None,
        }
    }

    /// Whether the person has a request open, or one on its way (the session is kept for
    /// it).
    pub fn keeps_session(&self) -> bool {
        self.ask_pending.is_some() || self.request.as_ref().is_some_and(Request::is_open)
    }

    /// The session ended (signed out, quick exit): nothing of it is kept.
    pub fn clear(&mut self) {
        *self = Counsel::default();
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn escalation(state: EscalationState, in_room: Option<&str>) -> ServerMsg {
        let mut frame = ServerMsg::escalation("e1", state);
        if let ServerMsg::Escalation {
            position,
            on_duty,
            room,
            ..
        } = &mut frame
        {
            (*position, *on_duty) = (Some(2), Some(1));
            *room = in_room.map(str::to_owned);
        }
        frame
    }

    #[test]
    fn the_person_waits_is_connected_and_the_room_closes_when_it_ends() {
        let mut counsel = Counsel::default();
        assert_eq!(
            counsel.on_frame(escalation(EscalationState::Waiting, None)),
            CounselTold::Request {
                state: EscalationState::Waiting,
                open: None,
                close: None
            }
        );
        assert_eq!(counsel.request.as_ref().unwrap().position, Some(2));
        assert!(counsel.keeps_session());
        assert_eq!(
            counsel.on_frame(escalation(EscalationState::Connected, Some("p-1"))),
            CounselTold::Request {
                state: EscalationState::Connected,
                open: Some("p-1".into()),
                close: None
            }
        );
        assert_eq!(
            counsel.on_frame(escalation(EscalationState::Ended, None)),
            CounselTold::Request {
                state: EscalationState::Ended,
                open: None,
                close: Some("p-1".into())
            }
        );
        assert!(!counsel.keeps_session(), "over: nothing keeps the session");
        assert_eq!(
            counsel.on_frame(ServerMsg::Closed { room: "p-1".into() }),
            CounselTold::CloseRoom("p-1".into()),
            "the room's own end says the same"
        );
    }

    #[test]
    fn a_suggestion_remembers_the_room_it_came_from() {
        let mut counsel = Counsel::default();
        counsel.on_frame(ServerMsg::ConsentRequest {
            escalation_id: "e1".into(),
            excerpt: vec![],
            room: Some("lounge".into()),
        });
        assert_eq!(counsel.origin.as_deref(), Some("lounge"));
    }

    #[test]
    fn consent_shares_what_the_person_keeps_in() {
        let mut counsel = Counsel::default();
        let item = |id: &str| ExcerptItem {
            message_id: id.into(),
            text: format!("text {id}"),
        };
        counsel.on_frame(ServerMsg::ConsentRequest {
            escalation_id: "e1".into(),
            excerpt: vec![item("1"), item("2")],
            room: None,
        });
        let ask = counsel.consent.as_mut().unwrap();
        ask.toggle("1");
        assert_eq!(ask.shared(), ["2"]);
        ask.toggle("1");
        assert_eq!(ask.shared(), ["1", "2"]);
        counsel.on_frame(escalation(EscalationState::Waiting, None));
        assert!(counsel.consent.is_none(), "answered");
    }

    #[test]
    fn a_transfer_names_the_new_desk_and_a_supervisor_in_the_room_is_told_once() {
        let mut counsel = Counsel::default();
        counsel.on_frame(escalation(EscalationState::Connected, Some("p-1")));
        let observer = |present| ServerMsg::Observer {
            escalation_id: "e1".into(),
            present,
        };
        assert_eq!(
            counsel.on_frame(observer(true)),
            CounselTold::Observer(true)
        );
        assert_eq!(counsel.on_frame(observer(true)), CounselTold::None, "once");
        // Still in the room (a retold frame): the observer stays.
        counsel.on_frame(escalation(EscalationState::Connected, Some("p-1")));
        assert!(counsel.request.as_ref().unwrap().observer);
        // Passed to another desk: the room is over, so is its observer.
        let mut moved = escalation(EscalationState::Waiting, None);
        if let ServerMsg::Escalation {
            desk_name,
            desk_name_en,
            transferred,
            ..
        } = &mut moved
        {
            *desk_name = Some("若者の相談".into());
            *desk_name_en = Some("Youth desk".into());
            *transferred = true;
        }
        assert_eq!(
            counsel.on_frame(moved),
            CounselTold::Request {
                state: EscalationState::Waiting,
                open: None,
                close: Some("p-1".into())
            }
        );
        let request = counsel.request.as_ref().unwrap();
        assert!(request.transferred && !request.observer);
        assert_eq!(request.desk(Lang::JA), Some("若者の相談"));
        assert_eq!(
            request.desk(Lang::from_code("en").unwrap()),
            Some("Youth desk")
        );
        assert_eq!(
            counsel.on_frame(observer(false)),
            CounselTold::None,
            "nothing to take back"
        );
    }

    #[test]
    fn a_request_asked_before_the_session_keeps_it_until_it_is_over() {
        let mut counsel = Counsel {
            ask_pending: Some((None, EscalationSource::Participant)),
            ..Counsel::default()
        };
        assert!(counsel.keeps_session());
        counsel.clear();
        assert_eq!(counsel, Counsel::default());
    }
}
