//! The escalation state machine: a request to talk with a counselor, from asking (or a
//! facilitator's escalation waiting for the person's consent) to waiting in the queue, a
//! counselor, and its end — and the queue's order. Pure: times are given, nothing is stored
//! here, and a case holds nothing that could join a handle to a case file (no session, no
//! address, no external number: see the server's escalation records).

use std::time::Duration;

pub use ibasho_protocol::{CaseOutcome as Outcome, EscalationSource as Source, Urgency};
use serde::{Deserialize, Serialize};

/// The urgency of a request from `source` when the asker says `asked`: crisis is urgent.
pub fn urgency_of(source: Source, asked: Urgency) -> Urgency {
    match source {
        Source::Crisis => Urgency::Urgent,
        Source::Participant | Source::Facilitator => asked,
    }
}

/// Where a request stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "s", rename_all = "snake_case")]
pub enum State {
    /// A facilitator escalated; the person has not answered yet.
    Asked,
    /// In the queue since `since` (ms); `handed_over` puts it ahead of its urgency's others.
    Queued { since: u64, handed_over: bool },
    /// With a counselor (by an opaque counselor key), since `since` (ms).
    Connected { counselor: String, since: u64 },
    /// The person declined (final, never shown to anyone else).
    Declined,
    /// The person cancelled, or their session ended, before a counselor took it.
    Cancelled,
    /// Over, with the counselor's outcome if they gave one.
    Ended { outcome: Option<Outcome> },
    /// The person ended it (or their session ended) while with `counselor`: over for the
    /// person; the outcome is still the counselor's to record (`end_by_counselor`).
    LeftByPerson { counselor: String },
}

/// What a facilitator who escalated is told: never more than this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FacilitatorView {
    Asked,
    Queued,
    /// Declined or cancelled: one word for both, so a decline is never told.
    NotGoingAhead,
    WithCounselor,
    Ended,
}

/// Why a step is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    /// The step does not fit the request now (a claim before consent, a second claim…).
    #[error("not now")]
    NotNow,
    /// Consent named a message outside the excerpt it was asked about.
    #[error("a message outside the excerpt")]
    NotInExcerpt,
    /// Only the counselor who has the case may do this.
    #[error("not this counselor's case")]
    NotYours,
}

/// One request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub urgency: Urgency,
    pub source: Source,
    /// Message ids the person may share (a facilitator's choice); after consent, only those
    /// the person agreed to share.
    pub excerpt: Vec<String>,
    pub state: State,
}

impl Case {
    /// The person asked: no consent step (asking is consent), nothing to share but what
    /// they will write.
    pub fn asked_by_person(source: Source, urgency: Urgency, now: u64) -> Case {
        Case {
            urgency: urgency_of(source, urgency),
            source,
            excerpt: Vec::new(),
            state: State::Queued {
                since: now,
                handed_over: false,
            },
        }
    }

    /// A facilitator escalated with `excerpt`: the person is asked first.
    pub fn escalated(urgency: Urgency, excerpt: Vec<String>) -> Case {
        Case {
            urgency,
            source: Source::Facilitator,
            excerpt,
            state: State::Asked,
        }
    }

    /// The person's answer: accept with the messages they agree to share (any subset of
    /// the excerpt), or decline (final).
    pub fn consent(&mut self, accept: bool, shared: &[String], now: u64) -> Result<(), Refused> {
        if self.state != State::Asked {
            return Err(Refused::NotNow);
        }
        if shared.iter().any(|id| !self.excerpt.contains(id)) {
            return Err(Refused::NotInExcerpt);
        }
        if accept {
            self.excerpt.retain(|id| shared.contains(id));
            self.state = State::Queued {
                since: now,
                handed_over: false,
            };
        } else {
            self.excerpt.clear();
            self.state = State::Declined;
        }
        Ok(())
    }

    /// A counselor takes it: only a queued request, once.
    pub fn claim(&mut self, counselor: &str, now: u64) -> Result<(), Refused> {
        match self.state {
            State::Queued { .. } => {
                self.state = State::Connected {
                    counselor: counselor.to_owned(),
                    since: now,
                };
                Ok(())
            }
            _ => Err(Refused::NotNow),
        }
    }

    /// The counselor who has it gives it back to the queue, ahead of its urgency's others.
    pub fn hand_over(&mut self, counselor: &str, now: u64) -> Result<(), Refused> {
        match &self.state {
            State::Connected { counselor: who, .. } if who == counselor => {
                self.state = State::Queued {
                    since: now,
                    handed_over: true,
                };
                Ok(())
            }
            State::Connected { .. } => Err(Refused::NotYours),
            _ => Err(Refused::NotNow),
        }
    }

    /// The case goes to another desk's queue, at the head of its urgency (a transfer: who may
    /// transfer is the desk's to say). A case with a counselor waits from now; a case that
    /// was waiting keeps its time (the person keeps what they waited).
    pub fn transfer(&mut self, now: u64) -> Result<(), Refused> {
        let since = match self.state {
            State::Connected { .. } => now,
            State::Queued { since, .. } => since,
            _ => return Err(Refused::NotNow),
        };
        self.state = State::Queued {
            since,
            handed_over: true,
        };
        Ok(())
    }

    /// The counselor who has it ends it with an outcome — also after the person ended it,
    /// which leaves the outcome to them.
    pub fn end_by_counselor(&mut self, counselor: &str, outcome: Outcome) -> Result<(), Refused> {
        match &self.state {
            State::Connected { counselor: who, .. } | State::LeftByPerson { counselor: who }
                if who == counselor =>
            {
                self.state = State::Ended {
                    outcome: Some(outcome),
                };
                Ok(())
            }
            State::Connected { .. } | State::LeftByPerson { .. } => Err(Refused::NotYours),
            _ => Err(Refused::NotNow),
        }
    }

    /// The person ends it: with a counselor, it is over for them (the counselor records the
    /// outcome); before that, it is cancelled.
    pub fn end_by_person(&mut self) -> Result<(), Refused> {
        self.state = match &self.state {
            State::Connected { counselor, .. } => State::LeftByPerson {
                counselor: counselor.clone(),
            },
            State::Asked | State::Queued { .. } => State::Cancelled,
            State::Declined
            | State::Cancelled
            | State::Ended { .. }
            | State::LeftByPerson { .. } => {
                return Err(Refused::NotNow);
            }
        };
        Ok(())
    }

    /// The counselor whose outcome a case the person ended still waits for.
    pub fn awaiting_outcome_from(&self) -> Option<&str> {
        match &self.state {
            State::LeftByPerson { counselor } => Some(counselor),
            _ => None,
        }
    }

    /// The person's session ended: whatever was not over is cancelled or ended.
    pub fn session_ended(&mut self) {
        let _ = self.end_by_person();
    }

    /// A counselor's node died mid-case: back to the head of the queue.
    pub fn counselor_lost(&mut self, now: u64) {
        if matches!(self.state, State::Connected { .. }) {
            self.state = State::Queued {
                since: now,
                handed_over: true,
            };
        }
    }

    /// Whether it is over (its record can go).
    pub fn is_over(&self) -> bool {
        matches!(
            self.state,
            State::Declined | State::Cancelled | State::Ended { .. } | State::LeftByPerson { .. }
        )
    }

    /// What the facilitator who escalated may know.
    pub fn facilitator_view(&self) -> FacilitatorView {
        match self.state {
            State::Asked => FacilitatorView::Asked,
            State::Queued { .. } => FacilitatorView::Queued,
            State::Declined | State::Cancelled => FacilitatorView::NotGoingAhead,
            State::Connected { .. } => FacilitatorView::WithCounselor,
            State::Ended { .. } | State::LeftByPerson { .. } => FacilitatorView::Ended,
        }
    }

    /// The key the queue is ordered by: urgent first; within an urgency, handed-over cases
    /// first; then the longest waiting. `None` when not in the queue.
    fn queue_key(&self) -> Option<(Urgency, bool, u64)> {
        match self.state {
            State::Queued { since, handed_over } => Some((self.urgency, !handed_over, since)),
            _ => None,
        }
    }
}

/// The queue: the queued cases of `cases` (by id), in the order counselors see them.
pub fn queue<'a, I>(cases: I) -> Vec<&'a str>
where
    I: IntoIterator<Item = (&'a str, &'a Case)>,
{
    let mut queued: Vec<((Urgency, bool, u64), &str)> = cases
        .into_iter()
        .filter_map(|(id, case)| case.queue_key().map(|key| (key, id)))
        .collect();
    queued.sort();
    queued.into_iter().map(|(_, id)| id).collect()
}

/// A case's place in the queue (1 = next), if it is queued.
pub fn position<'a, I>(cases: I, id: &str) -> Option<usize>
where
    I: IntoIterator<Item = (&'a str, &'a Case)>,
{
    queue(cases)
        .iter()
        .position(|queued| *queued == id)
        .map(|at| at + 1)
}

/// An estimate of the wait for the `position`-th case from recent waits (the median, once
/// there are some), with `on_duty` counselors; `None` until there is anything to go by or
/// with nobody on duty.
pub fn estimated_wait(recent: &[Duration], position: usize, on_duty: usize) -> Option<Duration> {
    if recent.is_empty() || on_duty == 0 {
        return None;
    }
    let mut sorted = recent.to_vec();
    sorted.sort();
    let median = sorted[sorted.len() / 2];
    let rounds = u32::try_from(position.div_ceil(on_duty)).unwrap_or(u32::MAX);
    Some(median.saturating_mul(rounds))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[&str]) -> Vec<String> {
        list.iter().map(|id| (*id).to_owned()).collect()
    }

    #[test]
    fn a_person_who_asks_is_queued_at_once_and_crisis_is_urgent() {
        let asked = Case::asked_by_person(Source::Participant, Urgency::Normal, 10);
        assert_eq!(asked.urgency, Urgency::Normal);
        assert!(asked.excerpt.is_empty());
        assert_eq!(asked.facilitator_view(), FacilitatorView::Queued);
        let crisis = Case::asked_by_person(Source::Crisis, Urgency::Normal, 10);
        assert_eq!(crisis.urgency, Urgency::Urgent);
    }

    #[test]
    fn consent_shares_only_what_the_person_chose_and_a_decline_is_final_and_quiet() {
        let mut case = Case::escalated(Urgency::Normal, ids(&["1", "2", "3"]));
        assert_eq!(
            case.claim("c", 5),
            Err(Refused::NotNow),
            "no claim before consent"
        );
        assert_eq!(
            case.consent(true, &ids(&["9"]), 5),
            Err(Refused::NotInExcerpt)
        );
        case.consent(true, &ids(&["1", "3"]), 5).unwrap();
        assert_eq!(case.excerpt, ids(&["1", "3"]));
        assert_eq!(case.consent(true, &[], 6), Err(Refused::NotNow));
        let mut declined = Case::escalated(Urgency::Urgent, ids(&["1"]));
        declined.consent(false, &[], 5).unwrap();
        assert!(declined.excerpt.is_empty() && declined.is_over());
        assert_eq!(declined.facilitator_view(), FacilitatorView::NotGoingAhead);
        let mut cancelled = Case::escalated(Urgency::Normal, ids(&["1"]));
        cancelled.end_by_person().unwrap();
        assert_eq!(cancelled.facilitator_view(), declined.facilitator_view());
        // Everyone may share nothing at all.
        let mut nothing = Case::escalated(Urgency::Normal, ids(&["1"]));
        nothing.consent(true, &[], 5).unwrap();
        assert!(nothing.excerpt.is_empty());
        assert_eq!(nothing.facilitator_view(), FacilitatorView::Queued);
    }

    #[test]
    fn one_counselor_claims_only_they_hand_over_or_end_and_the_person_may_end() {
        let mut case = Case::asked_by_person(Source::Participant, Urgency::Normal, 0);
        case.claim("a", 10).unwrap();
        assert_eq!(case.claim("b", 11), Err(Refused::NotNow));
        assert_eq!(case.hand_over("b", 12), Err(Refused::NotYours));
        assert_eq!(
            case.end_by_counselor("b", Outcome::Talked),
            Err(Refused::NotYours)
        );
        assert_eq!(case.facilitator_view(), FacilitatorView::WithCounselor);
        case.hand_over("a", 20).unwrap();
        assert_eq!(
            case.state,
            State::Queued {
                since: 20,
                handed_over: true
            }
        );
        case.claim("b", 30).unwrap();
        case.end_by_counselor("b", Outcome::Referred).unwrap();
        assert_eq!(
            case.state,
            State::Ended {
                outcome: Some(Outcome::Referred)
            }
        );
        assert_eq!(case.end_by_person(), Err(Refused::NotNow));
        let mut by_person = Case::asked_by_person(Source::Participant, Urgency::Normal, 0);
        by_person.claim("a", 1).unwrap();
        by_person.end_by_person().unwrap();
        // Over for the person; the outcome is still the counselor's to record, theirs alone.
        assert!(by_person.is_over());
        assert_eq!(by_person.awaiting_outcome_from(), Some("a"));
        assert_eq!(by_person.facilitator_view(), FacilitatorView::Ended);
        assert_eq!(by_person.end_by_person(), Err(Refused::NotNow));
        assert_eq!(
            by_person.end_by_counselor("b", Outcome::Talked),
            Err(Refused::NotYours)
        );
        by_person.end_by_counselor("a", Outcome::Talked).unwrap();
        assert_eq!(
            by_person.state,
            State::Ended {
                outcome: Some(Outcome::Talked)
            }
        );
        assert_eq!(by_person.awaiting_outcome_from(), None);
        assert_eq!(
            by_person.end_by_counselor("a", Outcome::Other),
            Err(Refused::NotNow),
            "recorded once"
        );
    }

    #[test]
    fn a_transfer_requeues_at_the_head_keeping_urgency_and_excerpt() {
        let mut case = Case::escalated(Urgency::Urgent, ids(&["1", "2"]));
        assert_eq!(case.transfer(1), Err(Refused::NotNow), "not before consent");
        case.consent(true, &ids(&["2"]), 2).unwrap();
        case.transfer(3).unwrap();
        assert_eq!(
            case.state,
            State::Queued {
                since: 2,
                handed_over: true
            },
            "a waiting case keeps its time"
        );
        case.claim("a", 4).unwrap();
        case.transfer(5).unwrap();
        assert_eq!(
            case.state,
            State::Queued {
                since: 5,
                handed_over: true
            }
        );
        assert_eq!(
            (case.urgency, case.excerpt.clone()),
            (Urgency::Urgent, ids(&["2"]))
        );
        case.end_by_person().unwrap();
        assert_eq!(case.transfer(6), Err(Refused::NotNow), "not once over");
    }

    #[test]
    fn a_lost_counselor_or_session_leaves_nothing_hanging() {
        let mut case = Case::asked_by_person(Source::Participant, Urgency::Normal, 0);
        case.claim("a", 1).unwrap();
        case.counselor_lost(5);
        assert!(matches!(
            case.state,
            State::Queued {
                handed_over: true,
                ..
            }
        ));
        case.session_ended();
        assert_eq!(case.state, State::Cancelled);
    }

    #[test]
    fn the_queue_is_urgent_first_then_handed_over_then_longest_waiting() {
        let old = Case::asked_by_person(Source::Participant, Urgency::Normal, 1);
        let new = Case::asked_by_person(Source::Participant, Urgency::Normal, 5);
        let urgent = Case::asked_by_person(Source::Crisis, Urgency::Normal, 9);
        let mut back = Case::asked_by_person(Source::Participant, Urgency::Normal, 0);
        back.claim("a", 2).unwrap();
        back.hand_over("a", 8).unwrap();
        let asked = Case::escalated(Urgency::Urgent, ids(&["1"]));
        let cases = [
            ("old", &old),
            ("new", &new),
            ("urgent", &urgent),
            ("back", &back),
            ("asked", &asked),
        ];
        assert_eq!(queue(cases), ["urgent", "back", "old", "new"]);
        assert_eq!(position(cases, "old"), Some(3));
        assert_eq!(
            position(cases, "asked"),
            None,
            "consent pending is not queued"
        );
    }

    #[test]
    fn the_wait_is_estimated_from_recent_waits_once_there_are_some() {
        let minutes = |m: u64| Duration::from_secs(m * 60);
        assert_eq!(estimated_wait(&[], 1, 2), None);
        assert_eq!(estimated_wait(&[minutes(5)], 1, 0), None);
        let recent = [minutes(2), minutes(10), minutes(4)];
        assert_eq!(estimated_wait(&recent, 1, 1), Some(minutes(4)));
        assert_eq!(estimated_wait(&recent, 3, 2), Some(minutes(8)));
    }
}
