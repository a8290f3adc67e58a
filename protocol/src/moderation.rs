//! A facilitator's moderation of a room (`{"type":"moderate"}`), and what the people it
//! concerns are told.

use serde::{Deserialize, Serialize};

/// The longest topic a facilitator may set, in characters.
pub const MAX_TOPIC_CHARS: usize = 200;
/// A mute's default length, and its bounds, in minutes.
pub const DEFAULT_MUTE_MINUTES: u32 = 10;
pub const MAX_MUTE_MINUTES: u32 = 1440;
/// The longest slow mode, in seconds.
pub const MAX_SLOW_MODE_SECONDS: u32 = 300;

/// What a facilitator can do to keep a room safe (staff only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum ModerateAction {
    /// Take a message down (`message_id`): every member gets `deleted`.
    Delete,
    /// Quiet someone (`handle`) for `minutes` (1–1440, default 10): only they are told.
    Mute,
    /// Lift a mute (`handle`).
    Unmute,
    /// Take someone (`handle`) out of the room until the room's sitting or their own session
    /// ends, and at most for the server's removal time (a day by default).
    Remove,
    /// A participant's next `say` waits `seconds` (0 turns it off, at most 300) after their
    /// last.
    SlowMode,
    /// Participants listen and react, but do not write; staff may.
    Lock,
    Unlock,
    /// The room's current topic (`text`, at most 200 characters; "" clears it).
    Topic,
    /// End the room's sitting now, as the timetable ends one.
    Close,
}

impl ModerateAction {
    /// Its name on the wire (and in the audit log).
    pub fn as_str(self) -> &'static str {
        match self {
            ModerateAction::Delete => "delete",
            ModerateAction::Mute => "mute",
            ModerateAction::Unmute => "unmute",
            ModerateAction::Remove => "remove",
            ModerateAction::SlowMode => "slow_mode",
            ModerateAction::Lock => "lock",
            ModerateAction::Unlock => "unlock",
            ModerateAction::Topic => "topic",
            ModerateAction::Close => "close",
        }
    }
}

/// One person muted in a room, as staff there see it (`muted.members`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct MutedMember {
    pub handle: String,
    #[serde(with = "crate::time::required")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::timestamp))]
    pub until: jiff::Timestamp,
}

/// What a sanction frame tells the person it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum SanctionKind {
    /// Muted `until` then: one's `say` is refused, reactions and listening stay.
    Muted,
    /// The mute is lifted.
    Unmuted,
    /// Out of the room, and may not come back in until the room's sitting or one's own
    /// session ends (or the server's removal time runs out).
    Removed,
}

/// The longest note a reporter may add, in characters.
pub const MAX_REPORT_NOTE_CHARS: usize = 300;

/// Why a participant reports a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum ReportReason {
    Harassment,
    PersonalInfo,
    Spam,
    /// Someone may hurt themselves: never tied to a handle in the audit log.
    SelfHarm,
    Other,
}

/// What staff did about a report (told to the reporter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum ReportOutcome {
    MessageDeleted,
    Muted,
    Removed,
    NoAction,
}

impl ReportReason {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportReason::Harassment => "harassment",
            ReportReason::PersonalInfo => "personal_info",
            ReportReason::Spam => "spam",
            ReportReason::SelfHarm => "self_harm",
            ReportReason::Other => "other",
        }
    }
}

impl ReportOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            ReportOutcome::MessageDeleted => "message_deleted",
            ReportOutcome::Muted => "muted",
            ReportOutcome::Removed => "removed",
            ReportOutcome::NoAction => "no_action",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_serde() {
        for action in [
            ModerateAction::Delete,
            ModerateAction::Mute,
            ModerateAction::Unmute,
            ModerateAction::Remove,
            ModerateAction::SlowMode,
            ModerateAction::Lock,
            ModerateAction::Unlock,
            ModerateAction::Topic,
            ModerateAction::Close,
        ] {
            assert_eq!(
                serde_json::to_value(action).unwrap(),
                serde_json::json!(action.as_str())
            );
        }
        for reason in [
            ReportReason::Harassment,
            ReportReason::PersonalInfo,
            ReportReason::Spam,
            ReportReason::SelfHarm,
            ReportReason::Other,
        ] {
            assert_eq!(
                serde_json::to_value(reason).unwrap(),
                serde_json::json!(reason.as_str())
            );
        }
        for outcome in [
            ReportOutcome::MessageDeleted,
            ReportOutcome::Muted,
            ReportOutcome::Removed,
            ReportOutcome::NoAction,
        ] {
            assert_eq!(
                serde_json::to_value(outcome).unwrap(),
                serde_json::json!(outcome.as_str())
            );
        }
    }
}
