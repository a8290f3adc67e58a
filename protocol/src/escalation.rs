//! Escalation to a counselor on the wire: how urgent a request is, where it came from, where
//! it stands (for the person, and — in fewer words — for the facilitator who escalated),
//! the queue counselors see, and how a counselor ends a case.

use serde::{Deserialize, Serialize};

/// How urgent a request is: urgent ones come first in the queue. (Declared urgent first so
/// that sorting puts them first.)
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Urgency {
    Urgent,
    #[default]
    Normal,
}

impl Urgency {
    pub fn as_str(self) -> &'static str {
        match self {
            Urgency::Urgent => "urgent",
            Urgency::Normal => "normal",
        }
    }
}

/// Where a request came from (`ask_counselor.from`, `queue.items[].from`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum EscalationSource {
    /// The person asked.
    #[default]
    Participant,
    /// A facilitator escalated, and the person agreed.
    Facilitator,
    /// The person asked from the support card shown after crisis language (always urgent).
    Crisis,
}

impl EscalationSource {
    pub const ALL: [EscalationSource; 3] = [
        EscalationSource::Participant,
        EscalationSource::Facilitator,
        EscalationSource::Crisis,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            EscalationSource::Participant => "participant",
            EscalationSource::Facilitator => "facilitator",
            EscalationSource::Crisis => "crisis",
        }
    }
}

/// How a counselor ended a case (`end_case.outcome`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum CaseOutcome {
    /// They talked.
    Talked,
    /// The person was referred to another service (which, the person says themselves).
    Referred,
    /// The person did not come or did not answer.
    NoContact,
    Other,
}

impl CaseOutcome {
    pub const ALL: [CaseOutcome; 4] = [
        CaseOutcome::Talked,
        CaseOutcome::Referred,
        CaseOutcome::NoContact,
        CaseOutcome::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CaseOutcome::Talked => "talked",
            CaseOutcome::Referred => "referred",
            CaseOutcome::NoContact => "no_contact",
            CaseOutcome::Other => "other",
        }
    }
}

/// Where a request stands, as the person (and the counselor who has it) see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum EscalationState {
    /// In the queue (`position`, `on_duty`, maybe `estimated_wait_minutes`).
    Waiting,
    /// In the queue, but no counselor is on duty now (`next_on_duty`, `lines`).
    NoCounselor,
    /// With a counselor, in the private room `room`.
    Connected,
    /// The person declined a facilitator's escalation.
    Declined,
    /// The person cancelled (or ended it before a counselor came).
    Cancelled,
    /// Over.
    Ended,
}

/// Who ended a case (`escalation.ended_by`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum EndedBy {
    Person,
    Counselor,
}

/// What the facilitator who escalated is told, and never more: a decline and a cancellation
/// are the same word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum EscalationStatus {
    /// Waiting for the person's answer.
    Asked,
    /// The person agreed; waiting for a counselor (also after a hand-over).
    Queued,
    /// Declined or cancelled.
    NotGoingAhead,
    WithCounselor,
    Ended,
}

/// One message of an excerpt: what a counselor would see (`consent_request`, `case`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ExcerptItem {
    pub message_id: String,
    pub text: String,
}

/// One request in a counselor's queue: no handle and no text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct QueueItem {
    pub escalation_id: String,
    pub urgency: Urgency,
    pub from: EscalationSource,
    /// The title of the room it was asked from; absent for a request from the lobby.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_title: Option<String>,
    pub waiting_seconds: u64,
    /// The desk whose queue it is in (a counselor serving several sees which).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk_name: Option<String>,
    /// A transfer's staff-only note: to the receiving desk's counselors alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Passed to this desk by a counselor (at the head of its urgency).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub transferred: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for source in EscalationSource::ALL {
            assert_eq!(
                serde_json::to_value(source).unwrap(),
                serde_json::json!(source.as_str())
            );
        }
        for outcome in CaseOutcome::ALL {
            assert_eq!(
                serde_json::to_value(outcome).unwrap(),
                serde_json::json!(outcome.as_str())
            );
        }
        for urgency in [Urgency::Urgent, Urgency::Normal] {
            assert_eq!(
                serde_json::to_value(urgency).unwrap(),
                serde_json::json!(urgency.as_str())
            );
        }
        assert!(Urgency::Urgent < Urgency::Normal, "urgent sorts first");
    }
}
