//! Frames made from escalation records: what the person sees (`consent_request`,
//! `escalation`), what the facilitator who escalated sees (`escalation_status`, in five words
//! only), and what counselors see (`queue`, `urgent`, `case`). Pure: the records and what
//! else a frame says are given.

use std::time::Duration;

use ibasho_moderation::escalation::{self, FacilitatorView, State};
use ibasho_protocol::{EndedBy, EscalationState, EscalationStatus, HelpLine, QueueItem, ServerMsg};

use crate::store::Escalation;

/// What the person's `escalation` frame says beside the record: the queue as it is.
pub struct Queueing {
    /// The queue's order (escalation ids).
    pub order: Vec<String>,
    pub on_duty: u32,
    /// Recent waiting times.
    pub recent: Vec<Duration>,
    /// For `no_counselor`: the next start of a counselor's duty hours, and the help lines
    /// (`lines` for someone who asked to talk; `crisis_lines`, every line, after crisis
    /// language).
    pub next_on_duty: Option<jiff::Timestamp>,
    pub lines: Vec<HelpLine>,
    pub crisis_lines: Vec<HelpLine>,
}

impl Queueing {
    /// The help lines for a request from `source`: every line after crisis language, the
    /// everyday ones otherwise.
    pub fn lines_for(&self, source: ibasho_protocol::EscalationSource) -> &[HelpLine] {
        if source == ibasho_protocol::EscalationSource::Crisis {
            &self.crisis_lines
        } else {
            &self.lines
        }
    }
}

/// What an `escalation` frame says beside its id and state.
#[derive(Default)]
struct Extra {
    position: Option<u32>,
    on_duty: Option<u32>,
    estimated_wait_minutes: Option<u32>,
    next_on_duty: Option<jiff::Timestamp>,
    lines: Option<Vec<HelpLine>>,
    room: Option<String>,
    handed_over: bool,
    ended_by: Option<EndedBy>,
}

fn escalation_with(id: &str, state: EscalationState, extra: Extra) -> ServerMsg {
    ServerMsg::Escalation {
        escalation_id: id.to_owned(),
        state,
        position: extra.position,
        on_duty: extra.on_duty,
        estimated_wait_minutes: extra.estimated_wait_minutes,
        next_on_duty: extra.next_on_duty,
        lines: extra.lines,
        room: extra.room,
        handed_over: extra.handed_over,
        ended_by: extra.ended_by,
    }
}

/// The frame that says a request ended as `state` (its record may be gone: who ended it is
/// then not said).
pub fn ended(id: &str, state: EscalationState) -> ServerMsg {
    escalation_with(id, state, Extra::default())
}

/// The person's frame for a request that ended as `state`: with the help lines, for the
/// parting card (where help is, whenever it is needed).
pub fn ended_for_person(id: &str, state: EscalationState, lines: &[HelpLine]) -> ServerMsg {
    let extra = Extra {
        lines: Some(lines.to_vec()),
        ..Extra::default()
    };
    escalation_with(id, state, extra)
}

/// Who ended an over case, as its record says.
fn ended_by(record: &Escalation) -> Option<EndedBy> {
    match record.case.state {
        State::LeftByPerson { .. } => Some(EndedBy::Person),
        State::Ended { outcome: Some(_) } => Some(EndedBy::Counselor),
        _ => None,
    }
}

/// What the person is told of their request now.
pub fn for_person(record: &Escalation, queueing: &Queueing) -> ServerMsg {
    let id = &record.id;
    match &record.case.state {
        State::Asked => ServerMsg::ConsentRequest {
            escalation_id: id.clone(),
            excerpt: record.excerpt.clone(),
            room: record.room.clone(),
        },
        State::Queued { handed_over, .. } => {
            let position = queueing
                .order
                .iter()
                .position(|queued| queued == id)
                .map_or(1, |at| at + 1);
            if queueing.on_duty == 0 {
                let extra = Extra {
                    on_duty: Some(0),
                    next_on_duty: queueing.next_on_duty,
                    lines: Some(queueing.lines_for(record.case.source).to_vec()),
                    ..Extra::default()
                };
                return escalation_with(id, EscalationState::NoCounselor, extra);
            }
            let on_duty = usize::try_from(queueing.on_duty).unwrap_or(1);
            let estimate = escalation::estimated_wait(&queueing.recent, position, on_duty)
                .map(|wait| u32::try_from(wait.as_secs().div_ceil(60).max(1)).unwrap_or(u32::MAX));
            let extra = Extra {
                position: Some(u32::try_from(position).unwrap_or(u32::MAX)),
                on_duty: Some(queueing.on_duty),
                estimated_wait_minutes: estimate,
                handed_over: *handed_over,
                ..Extra::default()
            };
            escalation_with(id, EscalationState::Waiting, extra)
        }
        State::Connected { .. } => for_counselor(record),
        // Over: the words the counselor gets, and where help is (the parting card).
        State::Declined | State::Cancelled | State::Ended { .. } | State::LeftByPerson { .. } => {
            match for_counselor(record) {
                ServerMsg::Escalation {
                    escalation_id,
                    state,
                    ended_by,
                    ..
                } => escalation_with(
                    &escalation_id,
                    state,
                    Extra {
                        lines: Some(queueing.lines_for(record.case.source).to_vec()),
                        ended_by,
                        ..Extra::default()
                    },
                ),
                other => other,
            }
        }
    }
}

/// What the counselor who has a case is told of it: connected, in its room, or over (and
/// who ended it: the person's end leaves the outcome to record).
pub fn for_counselor(record: &Escalation) -> ServerMsg {
    match record.final_state() {
        Some(state) => escalation_with(
            &record.id,
            state,
            Extra {
                ended_by: ended_by(record),
                ..Extra::default()
            },
        ),
        None => {
            let extra = Extra {
                room: record.private_room.clone(),
                ..Extra::default()
            };
            escalation_with(&record.id, EscalationState::Connected, extra)
        }
    }
}

/// The facilitator's word for a request.
pub fn status(view: FacilitatorView) -> EscalationStatus {
    match view {
        FacilitatorView::Asked => EscalationStatus::Asked,
        FacilitatorView::Queued => EscalationStatus::Queued,
        FacilitatorView::NotGoingAhead => EscalationStatus::NotGoingAhead,
        FacilitatorView::WithCounselor => EscalationStatus::WithCounselor,
        FacilitatorView::Ended => EscalationStatus::Ended,
    }
}

/// The facilitator's word for a request that ended as `state`.
pub fn status_of_end(state: EscalationState) -> EscalationStatus {
    match state {
        EscalationState::Ended => EscalationStatus::Ended,
        _ => EscalationStatus::NotGoingAhead,
    }
}

/// What the facilitator who escalated is told.
pub fn for_facilitator(record: &Escalation, status: EscalationStatus) -> ServerMsg {
    ServerMsg::EscalationStatus {
        escalation_id: record.id.clone(),
        status,
        room: record.room.clone(),
        // (Nothing once the person left: the facilitator knows whom it was about.)
        handle: Some(record.handle.clone()).filter(|handle| !handle.is_empty()),
    }
}

/// The queue counselors see: no handle, no text.
pub fn queue(
    order: &[String],
    records: &std::collections::HashMap<String, Escalation>,
    title: impl Fn(Option<&str>) -> Option<String>,
    now: u64,
) -> Vec<QueueItem> {
    order
        .iter()
        .filter_map(|id| records.get(id))
        .map(|record| {
            let since = match record.case.state {
                State::Queued { since, .. } => since,
                _ => record.created,
            };
            QueueItem {
                escalation_id: record.id.clone(),
                urgency: record.case.urgency,
                from: record.case.source,
                room_title: title(record.room.as_deref()),
                waiting_seconds: now.saturating_sub(since) / 1000,
            }
        })
        .collect()
}

/// The `case` frame for the counselor who claimed it: the handle and what was consented.
pub fn case(record: &Escalation, room_title: Option<String>) -> ServerMsg {
    ServerMsg::Case {
        escalation_id: record.id.clone(),
        handle: record.handle.clone(),
        excerpt: record.excerpt.clone(),
        urgency: record.case.urgency,
        from: record.case.source,
        room_title,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ibasho_moderation::escalation::{Case, Source, Urgency};

    fn record(case: Case) -> Escalation {
        let mut record = Escalation::new(Some("lounge".into()), "みどり", case, 0, 0);
        record.id = "e1".into();
        record
    }

    fn queueing(on_duty: u32) -> Queueing {
        Queueing {
            order: vec!["e0".into(), "e1".into()],
            on_duty,
            recent: vec![Duration::from_secs(300)],
            next_on_duty: None,
            lines: vec![],
            crisis_lines: vec![],
        }
    }

    #[test]
    fn a_waiting_person_sees_their_place_and_an_estimate_or_that_nobody_is_on_duty() {
        let waiting = record(Case::asked_by_person(
            Source::Participant,
            Urgency::Normal,
            0,
        ));
        let ServerMsg::Escalation {
            state,
            position,
            on_duty,
            estimated_wait_minutes,
            ..
        } = for_person(&waiting, &queueing(1))
        else {
            panic!("an escalation frame");
        };
        assert_eq!(state, EscalationState::Waiting);
        assert_eq!((position, on_duty), (Some(2), Some(1)));
        assert_eq!(estimated_wait_minutes, Some(10));
        let ServerMsg::Escalation { state, lines, .. } = for_person(&waiting, &queueing(0)) else {
            panic!("an escalation frame");
        };
        assert_eq!(state, EscalationState::NoCounselor);
        assert_eq!(lines, Some(vec![]));
    }

    #[test]
    fn a_facilitator_hears_one_word_for_a_decline_and_a_cancel() {
        assert_eq!(
            status_of_end(EscalationState::Declined),
            status_of_end(EscalationState::Cancelled)
        );
        let mut declined = Case::escalated(Urgency::Normal, vec!["1".into()]);
        declined.consent(false, &[], 1).unwrap();
        assert_eq!(
            status(declined.facilitator_view()),
            EscalationStatus::NotGoingAhead
        );
    }
}
