//! The stable error codes of `{"type":"error","code":…}` frames.

use serde::{Deserialize, Serialize};

/// Why the server refused a frame. Codes are stable: clients translate them into their own
/// sentences. The connection stays open after every one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum ErrorCode {
    /// Unparsable frame, unknown type, missing field, binary frame, or a frame out of order.
    BadRequest,
    /// The text is longer than the server accepts.
    TooLong,
    /// Too many frames; `retry_after_ms` says when sending works again.
    RateLimited,
    /// The room has reached its capacity.
    RoomFull,
    /// The room exists but is not open now.
    RoomClosed,
    /// There is no room with that id.
    NoSuchRoom,
    /// The frame names a room the sender has not joined.
    NotInRoom,
    /// Someone in that room already uses this handle.
    HandleTaken,
    /// The handle is empty, too long, has invisible characters or looks like a staff name.
    HandleInvalid,
    /// The server cannot take this now (too many connections, storage unavailable).
    Unavailable,
    /// A reaction named a message that is not (or no longer) in the room's history.
    NoSuchMessage,
    /// The room is for another audience: a family member cannot enter a room for the people
    /// themselves, nor they a family room (say who one comes as in `hello`).
    AudienceMismatch,
    /// The room needs an entry word (合言葉) and none or a wrong one was given. Also the answer
    /// when a word is given for a room that does not exist: it never says which.
    EntryWordRefused,
    /// A staff sign-in with a wrong name or password (it never says which).
    StaffLoginRefused,
    /// Only staff may do this (facilitator actions).
    Forbidden,
    /// A round is on and someone else has the floor: reactions still work.
    NotYourTurn,
    /// The action does not fit the sitting now (opening more than 15 minutes early, keeping
    /// it open more than 15 minutes late, a round with nobody in it, no agenda…).
    NotNow,
    /// The word lists refuse the message (`reason` says which rule's reason code); it was
    /// not stored.
    Blocked,
    /// The message looks like it has personal information (`kinds`); in a room that asks
    /// for confirmation, the same `say` with `confirm_personal_info: true` is delivered.
    PersonalInfo,
    /// The same words a third time within a minute.
    Repeated,
    /// A facilitator muted the sender in this room (`retry_after_ms`: until when).
    Muted,
    /// A facilitator took the sender out of this room until its sitting or their own session
    /// ends (or the server's removal time runs out).
    Removed,
    /// Slow mode is on: `retry_after_ms` says when the next `say` is accepted.
    SlowMode,
    /// The room is listen-only now (locked by a facilitator, or no staff member is in a room
    /// that needs one): reactions still work.
    Locked,
    /// No report has that id (or it is not for this session to resolve).
    NoSuchReport,
    /// No request to talk with a counselor has that id for this session (unknown, over, or
    /// someone else's: one answer for all).
    NoSuchEscalation,
    /// A `voice` for a sitting (or case, or day in the lobby) this session has already
    /// answered about.
    AlreadyAnswered,
    /// No counselor desk has that id.
    NoSuchDesk,
}

impl ErrorCode {
    /// Every code, for exhaustive tests (translations, documentation).
    pub const ALL: [ErrorCode; 28] = [
        ErrorCode::BadRequest,
        ErrorCode::TooLong,
        ErrorCode::RateLimited,
        ErrorCode::RoomFull,
        ErrorCode::RoomClosed,
        ErrorCode::NoSuchRoom,
        ErrorCode::NotInRoom,
        ErrorCode::HandleTaken,
        ErrorCode::HandleInvalid,
        ErrorCode::Unavailable,
        ErrorCode::NoSuchMessage,
        ErrorCode::AudienceMismatch,
        ErrorCode::EntryWordRefused,
        ErrorCode::StaffLoginRefused,
        ErrorCode::Forbidden,
        ErrorCode::NotYourTurn,
        ErrorCode::NotNow,
        ErrorCode::Blocked,
        ErrorCode::PersonalInfo,
        ErrorCode::Repeated,
        ErrorCode::Muted,
        ErrorCode::Removed,
        ErrorCode::SlowMode,
        ErrorCode::Locked,
        ErrorCode::NoSuchReport,
        ErrorCode::NoSuchEscalation,
        ErrorCode::AlreadyAnswered,
        ErrorCode::NoSuchDesk,
    ];

    /// The code as it appears on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::BadRequest => "bad_request",
            ErrorCode::TooLong => "too_long",
            ErrorCode::RateLimited => "rate_limited",
            ErrorCode::RoomFull => "room_full",
            ErrorCode::RoomClosed => "room_closed",
            ErrorCode::NoSuchRoom => "no_such_room",
            ErrorCode::NotInRoom => "not_in_room",
            ErrorCode::HandleTaken => "handle_taken",
            ErrorCode::HandleInvalid => "handle_invalid",
            ErrorCode::Unavailable => "unavailable",
            ErrorCode::NoSuchMessage => "no_such_message",
            ErrorCode::AudienceMismatch => "audience_mismatch",
            ErrorCode::EntryWordRefused => "entry_word_refused",
            ErrorCode::StaffLoginRefused => "staff_login_refused",
            ErrorCode::Forbidden => "forbidden",
            ErrorCode::NotYourTurn => "not_your_turn",
            ErrorCode::NotNow => "not_now",
            ErrorCode::Blocked => "blocked",
            ErrorCode::PersonalInfo => "personal_info",
            ErrorCode::Repeated => "repeated",
            ErrorCode::Muted => "muted",
            ErrorCode::Removed => "removed",
            ErrorCode::SlowMode => "slow_mode",
            ErrorCode::Locked => "locked",
            ErrorCode::NoSuchReport => "no_such_report",
            ErrorCode::NoSuchEscalation => "no_such_escalation",
            ErrorCode::AlreadyAnswered => "already_answered",
            ErrorCode::NoSuchDesk => "no_such_desk",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Clients outside this repository learn the codes from the README: every one is there.
    #[test]
    fn every_code_is_in_the_readme() {
        let readme = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md");
        let readme = std::fs::read_to_string(readme).unwrap();
        for code in ErrorCode::ALL {
            assert!(
                readme.contains(&format!("`{}`", code.as_str())),
                "{} is not in README.md",
                code.as_str()
            );
        }
    }

    #[test]
    fn as_str_matches_serde() {
        for code in ErrorCode::ALL {
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }
}
