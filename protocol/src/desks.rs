//! Counselor desks (相談窓口) on the wire: who a request is about and the person's age band
//! (both optional routing answers, never kept beyond the request), a desk as staff see it
//! (its canned replies), and the supervisor's overview — counts and waiting times only.

use serde::{Deserialize, Serialize};

use crate::{EscalationState, Urgency};

/// The longest staff-only note a transfer may carry, in characters.
pub const MAX_TRANSFER_NOTE_CHARS: usize = 500;

/// The longest whisper between a case's counselor and its observer, in characters.
pub const MAX_WHISPER_CHARS: usize = 500;

/// Who a request is about (`ask_counselor.about`, a desk's `about`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum About {
    /// The person themselves.
    #[serde(rename = "self")]
    Myself,
    /// Someone in their family.
    #[serde(rename = "family")]
    Family,
}

impl About {
    pub const ALL: [About; 2] = [About::Myself, About::Family];

    pub fn as_str(self) -> &'static str {
        match self {
            About::Myself => "self",
            About::Family => "family",
        }
    }
}

/// The age band a person may give (`ask_counselor.age_band`, a desk's `ages`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum AgeBand {
    #[serde(rename = "15-39")]
    Young,
    #[serde(rename = "40-64")]
    Middle,
    #[serde(rename = "65+")]
    Older,
    /// The person chose not to say (the same as not answering).
    #[serde(rename = "unsaid")]
    Unsaid,
}

impl AgeBand {
    /// The bands a desk may serve (not `unsaid`).
    pub const BANDS: [AgeBand; 3] = [AgeBand::Young, AgeBand::Middle, AgeBand::Older];

    pub fn as_str(self) -> &'static str {
        match self {
            AgeBand::Young => "15-39",
            AgeBand::Middle => "40-64",
            AgeBand::Older => "65+",
            AgeBand::Unsaid => "unsaid",
        }
    }
}

/// A canned reply of a desk (`[[desk.reply]]`): offered to its counselors to insert and edit;
/// what the person receives is an ordinary message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Reply {
    pub title: String,
    pub text: String,
}

/// A desk as staff see it (`desks` frame): its names, whether they serve it, its replies (for
/// the desks they serve).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct DeskInfo {
    pub desk: String,
    /// Absent for the one implicit desk of a staff file without desks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// Whether this staff member serves it (supervisors: every desk).
    pub serves: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replies: Vec<Reply>,
}

/// One desk in the supervisor's overview: counts and waiting times only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct DeskOverview {
    pub desk: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk_name: Option<String>,
    pub queue_length: u32,
    /// How long the oldest waiting request has waited.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub oldest_wait_seconds: Option<u64>,
    /// How many open cases each counselor on duty here has (never who they are).
    pub counselors: Vec<u32>,
}

/// One open case in the supervisor's overview: no handle, no words — and not whether someone
/// observes it (that is told to the person and the case's staff alone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct OverviewCase {
    pub escalation_id: String,
    pub desk: String,
    pub urgency: Urgency,
    /// `waiting` or `connected`.
    pub state: EscalationState,
    /// Waiting for so long (`waiting`), or with a counselor for so long (`connected`).
    pub seconds: u64,
    /// Its counselor asked for a supervisor.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub help_asked: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for about in About::ALL {
            assert_eq!(serde_json::to_value(about).unwrap(), about.as_str());
        }
        for band in AgeBand::BANDS.into_iter().chain([AgeBand::Unsaid]) {
            assert_eq!(serde_json::to_value(band).unwrap(), band.as_str());
        }
    }
}
