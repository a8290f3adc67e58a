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
pub enum ModerateAction {
    /// Take a message down (`message_id`): every member gets `deleted`.
    Delete,
    /// Quiet someone (`handle`) for `minutes` (1–1440, default 10): only they are told.
    Mute,
    /// Lift a mute (`handle`).
    Unmute,
    /// Take someone (`handle`) out of the room for the rest of their session.
    Remove,
    /// A participant's next `say` waits `seconds` (0 turns it off, at most 300) after their
    /// last.
    SlowMode,
    /// Participants listen and react, but do not write; staff may.
    Lock,
    Unlock,
    /// The room's current topic (`text`, at most 200 characters; "" clears it).
    Topic,
    /// End the session now, as the timetable ends one.
    Close,
}

/// What a sanction frame tells the person it concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SanctionKind {
    /// Muted `until` then: one's `say` is refused, reactions and listening stay.
    Muted,
    /// The mute is lifted.
    Unmuted,
    /// Out of the room, and may not come back in for the rest of one's session.
    Removed,
}
