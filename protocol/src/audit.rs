//! What `GET /api/audit` answers: the audit log's entries, oldest first, as a JSON array.
//! Codes, not words — the page says them in its language — and never a message's words, a
//! report's note or anything that could lead back to a person beyond a staff action's target.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One thing staff did or automatic protection decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct AuditEntry {
    #[serde(with = "crate::time::required")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::timestamp))]
    pub at: Timestamp,
    /// A staff member's name (without its title), `system` for automatic verdicts,
    /// `participant` for a report (never who), or only the role (`counselor`,
    /// `facilitator`) for a case's steps.
    pub actor: String,
    /// What was done, as a code (`mute`, `report`, `claim`, …).
    pub action: String,
    /// The room's id, where the action had one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// The handle acted on: staff actions and reports only, never beside crisis language or
    /// a self-harm report.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// A reason code (a report's reason, an automatic verdict's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The counselor desk of a case's step (`transfer`: the desk it went to).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk: Option<String>,
}
