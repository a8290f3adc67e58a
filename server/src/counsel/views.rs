//! Frames made from escalation records: what the person sees (`consent_request`,
//! `escalation`), what the facilitator who escalated sees (`escalation_status`, in five words
//! only), and what counselors see (`queue`, `urgent`, `case`). Pure: the records and what
//! else a frame says are given.

use std::collections::HashMap;
use std::time::Duration;

use ibasho_moderation::escalation::{self, FacilitatorView, State};
use ibasho_protocol::{
    DeskOverview, EndedBy, EscalationState, EscalationStatus, HelpLine, OverviewCase, QueueItem,
    ServerMsg,
};

use crate::desks::Desk;
use crate::store::Escalation;

/// What the person's `escalation` frame says beside the record: the queue as it is.
pub struct Queueing {
    /// The queue's order (escalation ids), every desk's together.
    pub order: Vec<String>,
    /// The desk each queued request is with (by id; a desk no longer in the staff file is
    /// the first desk's).
    pub queued_desk: HashMap<String, String>,
    /// Every desk now, the staff file's first desk first (never empty).
    pub desks: Vec<DeskNow>,
    /// Recent waiting times.
    pub recent: Vec<Duration>,
    /// The staff handles on duty now (counselors and supervisors).
    pub on_duty: Vec<String>,
    /// For `no_counselor`: the help lines (`lines` for someone who asked to talk;
    /// `crisis_lines`, every line, after crisis language).
    pub lines: Vec<HelpLine>,
    pub crisis_lines: Vec<HelpLine>,
}

/// One desk as the queue is now.
#[derive(Debug, Clone, Default)]
pub struct DeskNow {
    pub id: String,
    pub name: Option<String>,
    pub name_en: Option<String>,
    /// Counselors serving it on duty now.
    pub on_duty: u32,
    /// For `no_counselor`: the next start of its duty hours (its own or its counselors').
    pub next_on_duty: Option<jiff::Timestamp>,
}

impl Queueing {
    /// The desk `id` now (an unknown one: the first desk's).
    pub fn desk(&self, id: &str) -> Option<&DeskNow> {
        self.desks
            .iter()
            .find(|desk| desk.id == id)
            .or(self.desks.first())
    }

    /// The queue of one desk, in order.
    pub fn order_of(&self, desk: &str) -> Vec<String> {
        self.order
            .iter()
            .filter(|id| self.queued_desk.get(*id).map(String::as_str) == Some(desk))
            .cloned()
            .collect()
    }

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
    desk: Option<DeskNow>,
    transferred: bool,
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
        desk: extra.desk.as_ref().map(|desk| desk.id.clone()),
        desk_name: extra.desk.as_ref().and_then(|desk| desk.name.clone()),
        desk_name_en: extra.desk.and_then(|desk| desk.name_en),
        transferred: extra.transferred,
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
            let desk = queueing.desk(&record.desk).cloned().unwrap_or_default();
            let position = queueing
                .order_of(&desk.id)
                .iter()
                .position(|queued| queued == id)
                .map_or(1, |at| at + 1);
            let transferred = record.transferred_by.is_some();
            if desk.on_duty == 0 {
                let extra = Extra {
                    on_duty: Some(0),
                    next_on_duty: desk.next_on_duty,
                    lines: Some(queueing.lines_for(record.case.source).to_vec()),
                    desk: Some(desk),
                    transferred,
                    ..Extra::default()
                };
                return escalation_with(id, EscalationState::NoCounselor, extra);
            }
            let on_duty = usize::try_from(desk.on_duty).unwrap_or(1);
            let estimate = escalation::estimated_wait(&queueing.recent, position, on_duty)
                .map(|wait| u32::try_from(wait.as_secs().div_ceil(60).max(1)).unwrap_or(u32::MAX));
            let extra = Extra {
                position: Some(u32::try_from(position).unwrap_or(u32::MAX)),
                on_duty: Some(desk.on_duty),
                estimated_wait_minutes: estimate,
                handed_over: *handed_over,
                desk: Some(desk),
                transferred,
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

/// The queue a counselor sees — of the desks they serve (`serves`): no handle, no text; a
/// transfer's note, which only the receiving desk's counselors get.
pub fn queue(
    queueing: &Queueing,
    records: &HashMap<String, Escalation>,
    serves: impl Fn(&str) -> bool,
    title: impl Fn(Option<&str>) -> Option<String>,
    now: u64,
) -> Vec<QueueItem> {
    queueing
        .order
        .iter()
        .filter_map(|id| Some((records.get(id)?, queueing.queued_desk.get(id)?)))
        .filter(|(_, desk)| serves(desk))
        .map(|(record, desk)| {
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
                desk: Some(desk.clone()),
                desk_name: queueing.desk(desk).and_then(|now| now.name.clone()),
                note: record.note.clone(),
                transferred: record.transferred_by.is_some(),
            }
        })
        .collect()
}

/// The supervisor's overview of every desk — queue, oldest wait, and how many open cases each
/// counselor on duty there has (`serves(handle, desk)`) — and of every open case (its desk
/// by `desk_of`), counts and times only; with a key that changes only when more than the
/// seconds do.
pub fn overview(
    queueing: &Queueing,
    records: &HashMap<String, Escalation>,
    serves: impl Fn(&str, &str) -> bool,
    desk_of: impl Fn(&Escalation) -> String,
    now: u64,
) -> (ServerMsg, String) {
    let seconds = |since: u64| now.saturating_sub(since) / 1000;
    let open_cases = |handle: &str| {
        let count = records
            .values()
            .filter(|record| record.counselor() == Some(handle))
            .count();
        u32::try_from(count).unwrap_or(u32::MAX)
    };
    let mut key = String::new();
    let desks: Vec<DeskOverview> = queueing
        .desks
        .iter()
        .map(|desk| {
            let order = queueing.order_of(&desk.id);
            let oldest = order
                .iter()
                .filter_map(|id| match records.get(id)?.case.state {
                    State::Queued { since, .. } => Some(since),
                    _ => None,
                })
                .min();
            let counselors: Vec<u32> = queueing
                .on_duty
                .iter()
                .filter(|handle| serves(handle, &desk.id))
                .map(|handle| open_cases(handle))
                .collect();
            key.push_str(&format!("{}:{}:{counselors:?};", desk.id, order.len()));
            DeskOverview {
                desk: desk.id.clone(),
                desk_name: desk.name.clone(),
                queue_length: u32::try_from(order.len()).unwrap_or(u32::MAX),
                oldest_wait_seconds: oldest.map(seconds),
                counselors,
            }
        })
        .collect();
    let mut cases: Vec<OverviewCase> = records
        .values()
        .filter_map(|record| {
            let (state, since) = match record.case.state {
                State::Queued { since, .. } => (EscalationState::Waiting, since),
                State::Connected { since, .. } => (EscalationState::Connected, since),
                _ => return None,
            };
            Some(OverviewCase {
                escalation_id: record.id.clone(),
                desk: desk_of(record),
                urgency: record.case.urgency,
                state,
                seconds: seconds(since),
                help_asked: record.help_asked.is_some(),
            })
        })
        .collect();
    cases.sort_by(|a, b| (a.urgency, b.seconds).cmp(&(b.urgency, a.seconds)));
    for case in &cases {
        key.push_str(&format!(
            "{}:{}:{:?}:{};",
            case.escalation_id, case.desk, case.state, case.help_asked
        ));
    }
    (ServerMsg::Overview { desks, cases }, key)
}

/// The `case` frame for the counselor who claimed it: the handle, what was consented, its
/// desk and a transfer's note (theirs: they serve that desk).
pub fn case(record: &Escalation, room_title: Option<String>, desk: &Desk) -> ServerMsg {
    ServerMsg::Case {
        escalation_id: record.id.clone(),
        handle: record.handle.clone(),
        excerpt: record.excerpt.clone(),
        urgency: record.case.urgency,
        from: record.case.source,
        room_title,
        desk: Some(desk.id.clone()),
        desk_name: desk.name.clone(),
        note: record.note.clone(),
        observing: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ibasho_moderation::escalation::{Case, Source, Urgency};

    fn record(case: Case) -> Escalation {
        let mut record = Escalation::new(Some("lounge".into()), "みどり", case, 0, 0);
        record.id = "e1".into();
        record.desk = "general".into();
        record
    }

    fn queueing(on_duty: u32) -> Queueing {
        let desk = |id: &str, on_duty| DeskNow {
            id: id.into(),
            on_duty,
            ..DeskNow::default()
        };
        Queueing {
            order: vec!["e0".into(), "x".into(), "e1".into()],
            queued_desk: [("e0", "general"), ("x", "youth"), ("e1", "general")]
                .into_iter()
                .map(|(id, desk)| (id.to_owned(), desk.to_owned()))
                .collect(),
            desks: vec![desk("general", on_duty), desk("youth", 3)],
            recent: vec![Duration::from_secs(300)],
            on_duty: vec![],
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
        // Its place and the counselors on duty are its desk's (another desk's request ahead
        // of it in the shared order does not count).
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
