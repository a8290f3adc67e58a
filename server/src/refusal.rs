//! Refusals: a stable code for programs and a kind, specific sentence for people.
//!
//! The sentence is chosen here from the code and what was wrong, never from an internal error:
//! causes go to the log (without personal data), the client gets words it can show.

use std::time::Duration;

use ibasho_moderation::{HandleError, MAX_HANDLE_CHARS};
use ibasho_protocol::{ErrorCode, ErrorFrame, LEEWAY_MINUTES, Lang, PersonalInfoKind};

/// Why a frame was refused, with what the person needs to know to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The frame could not be understood; `detail` says which part (never echoing the text).
    BadRequest(BadRequest),
    TooLong {
        max_chars: usize,
    },
    RateLimited {
        retry_after: Duration,
    },
    RoomFull,
    RoomClosed {
        next_open: Option<jiff::Timestamp>,
    },
    NoSuchRoom,
    NotInRoom,
    HandleTaken,
    HandleInvalid(HandleError),
    NoSuchMessage,
    Unavailable,
    AudienceMismatch,
    EntryWordRefused,
    StaffLoginRefused,
    Forbidden,
    NotYourTurn,
    NotNow,
    /// A word list's `block` rule matched: its reason code.
    Blocked {
        reason: String,
    },
    /// Personal information; `confirmable` when the room delivers it once confirmed.
    PersonalInfo {
        kinds: Vec<PersonalInfoKind>,
        confirmable: bool,
    },
    Repeated,
    Muted {
        until: jiff::Timestamp,
        retry_after: Duration,
    },
    Removed,
    SlowMode {
        retry_after: Duration,
    },
    Locked,
    NoSuchReport,
    /// Unknown, over, or someone else's request to talk with a counselor: one answer.
    NoSuchEscalation,
    /// A step of a case that does not fit it now (`not_now`): a claim before consent or of
    /// a case already taken, a second request while one is open.
    CaseNotNow,
    /// A second `voice` about the same sitting (or case, or the service on the same day).
    AlreadyAnswered,
    /// No counselor desk has that id.
    NoSuchDesk,
}

/// What was wrong with a frame that could not be understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadRequest {
    NotJson,
    UnknownType,
    MissingOrWrongField,
    Binary,
    HelloFirst,
    HelloTwice,
    EmptyText,
    /// A `client_id` empty or longer than `max` bytes.
    BadClientId {
        max: usize,
    },
    BadResumeToken,
    TooManyRooms {
        max: usize,
    },
    BadPosition,
    /// An escalation named someone who is not in the room, or messages that are not that
    /// person's own in that room.
    NotTheirMessages,
    /// A consent named a message outside what it was asked about.
    NotInExcerpt,
    /// A counselor ends a case with an outcome (`talked`, `referred`, `no_contact`,
    /// `other`).
    OutcomeMissing,
    /// `ask_counselor.from` is `participant` or `crisis`.
    BadSource,
    /// A `voice` rating outside 1 to 4.
    BadRating,
}

impl Refusal {
    pub fn code(&self) -> ErrorCode {
        match self {
            Refusal::BadRequest(_) => ErrorCode::BadRequest,
            Refusal::TooLong { .. } => ErrorCode::TooLong,
            Refusal::RateLimited { .. } => ErrorCode::RateLimited,
            Refusal::RoomFull => ErrorCode::RoomFull,
            Refusal::RoomClosed { .. } => ErrorCode::RoomClosed,
            Refusal::NoSuchRoom => ErrorCode::NoSuchRoom,
            Refusal::NotInRoom => ErrorCode::NotInRoom,
            Refusal::HandleTaken => ErrorCode::HandleTaken,
            Refusal::HandleInvalid(_) => ErrorCode::HandleInvalid,
            Refusal::NoSuchMessage => ErrorCode::NoSuchMessage,
            Refusal::Unavailable => ErrorCode::Unavailable,
            Refusal::AudienceMismatch => ErrorCode::AudienceMismatch,
            Refusal::EntryWordRefused => ErrorCode::EntryWordRefused,
            Refusal::StaffLoginRefused => ErrorCode::StaffLoginRefused,
            Refusal::Forbidden => ErrorCode::Forbidden,
            Refusal::NotYourTurn => ErrorCode::NotYourTurn,
            Refusal::NotNow => ErrorCode::NotNow,
            Refusal::Blocked { .. } => ErrorCode::Blocked,
            Refusal::PersonalInfo { .. } => ErrorCode::PersonalInfo,
            Refusal::Repeated => ErrorCode::Repeated,
            Refusal::Muted { .. } => ErrorCode::Muted,
            Refusal::Removed => ErrorCode::Removed,
            Refusal::SlowMode { .. } => ErrorCode::SlowMode,
            Refusal::Locked => ErrorCode::Locked,
            Refusal::NoSuchReport => ErrorCode::NoSuchReport,
            Refusal::NoSuchEscalation => ErrorCode::NoSuchEscalation,
            Refusal::CaseNotNow => ErrorCode::NotNow,
            Refusal::AlreadyAnswered => ErrorCode::AlreadyAnswered,
            Refusal::NoSuchDesk => ErrorCode::NoSuchDesk,
        }
    }

    /// The error frame, with the room and client id of the refused frame when it had them.
    pub fn to_frame(&self, lang: Lang, room: Option<&str>, client_id: Option<&str>) -> ErrorFrame {
        let (sentence, args) = self.words();
        ErrorFrame {
            code: self.code(),
            message: crate::words::sentence(lang, &sentence, &args),
            sentence: Some(sentence),
            args: args
                .into_iter()
                .map(|(name, number)| (name.to_owned(), number))
                .collect(),
            room: room.map(str::to_owned),
            client_id: client_id.map(str::to_owned),
            retry_after_ms: match self {
                Refusal::RateLimited { retry_after }
                | Refusal::SlowMode { retry_after }
                | Refusal::Muted { retry_after, .. } => Some(
                    u64::try_from(retry_after.as_millis())
                        .unwrap_or(u64::MAX)
                        .max(1),
                ),
                _ => None,
            },
            next_open: match self {
                Refusal::RoomClosed { next_open } => *next_open,
                _ => None,
            },
            reason: match self {
                Refusal::Blocked { reason } => Some(reason.clone()),
                _ => None,
            },
            kinds: match self {
                Refusal::PersonalInfo { kinds, .. } => kinds.clone(),
                _ => Vec::new(),
            },
        }
    }

    /// Which sentence of the translation files says this refusal, and the numbers it is
    /// said with: the general one for its code, or a more precise one where there is more
    /// to say.
    pub fn words(&self) -> (String, Vec<(&'static str, i64)>) {
        let number = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let general = format!("error-{}", self.code().as_str());
        match self {
            Refusal::BadRequest(what) => {
                let args = match what {
                    BadRequest::TooManyRooms { max } => vec![("max", number(*max))],
                    BadRequest::BadClientId { max } => vec![("max", number(*max))],
                    _ => Vec::new(),
                };
                (format!("error-bad_request-{}", what.as_str()), args)
            }
            Refusal::TooLong { max_chars } => (general, vec![("max", number(*max_chars))]),
            Refusal::RateLimited { retry_after } => {
                let seconds = retry_after.as_secs_f64().ceil().max(1.0);
                (general, vec![("seconds", seconds as i64)])
            }
            Refusal::NotNow => (general, vec![("leeway", LEEWAY_MINUTES as i64)]),
            Refusal::CaseNotNow => ("error-not_now-case".to_owned(), Vec::new()),
            Refusal::HandleInvalid(why) => {
                let (detail, args) = match why {
                    HandleError::Empty => ("empty", Vec::new()),
                    HandleError::TooLong => ("too_long", vec![("max", number(MAX_HANDLE_CHARS))]),
                    HandleError::Invisible => ("invisible", Vec::new()),
                    HandleError::LooksLikeStaff => ("looks_like_staff", Vec::new()),
                };
                (format!("error-handle_invalid-{detail}"), args)
            }
            Refusal::PersonalInfo { confirmable, .. } => {
                let detail = if *confirmable {
                    "confirmable"
                } else {
                    "refused"
                };
                (format!("error-personal_info-{detail}"), Vec::new())
            }
            _ => (general, Vec::new()),
        }
    }

    /// A sentence for people in `lang`.
    pub fn sentence(&self, lang: Lang) -> String {
        let (key, args) = self.words();
        crate::words::sentence(lang, &key, &args)
    }
}

impl BadRequest {
    /// Its name in the translation files (`error-bad_request-<name>`).
    pub fn as_str(self) -> &'static str {
        match self {
            BadRequest::NotJson => "not_json",
            BadRequest::UnknownType => "unknown_type",
            BadRequest::MissingOrWrongField => "missing_or_wrong_field",
            BadRequest::Binary => "binary",
            BadRequest::HelloFirst => "hello_first",
            BadRequest::HelloTwice => "hello_twice",
            BadRequest::EmptyText => "empty_text",
            BadRequest::BadClientId { .. } => "bad_client_id",
            BadRequest::BadResumeToken => "bad_resume_token",
            BadRequest::TooManyRooms { .. } => "too_many_rooms",
            BadRequest::BadPosition => "bad_position",
            BadRequest::NotTheirMessages => "not_their_messages",
            BadRequest::NotInExcerpt => "not_in_excerpt",
            BadRequest::OutcomeMissing => "outcome_missing",
            BadRequest::BadSource => "bad_source",
            BadRequest::BadRating => "bad_rating",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limited_frames_carry_the_wait() {
        let frame = Refusal::RateLimited {
            retry_after: Duration::from_millis(1500),
        }
        .to_frame(Lang::from_code("en").unwrap(), None, Some("c1"));
        assert_eq!(frame.code, ErrorCode::RateLimited);
        assert_eq!(frame.retry_after_ms, Some(1500));
        assert_eq!(frame.client_id.as_deref(), Some("c1"));
        assert!(frame.message.contains("2 seconds"), "{}", frame.message);
        assert_eq!(frame.sentence.as_deref(), Some("error-rate_limited"));
        assert_eq!(frame.args.get("seconds"), Some(&2));
    }

    #[test]
    fn sentences_differ_by_language() {
        for refusal in [
            Refusal::RoomFull,
            Refusal::HandleInvalid(HandleError::LooksLikeStaff),
            Refusal::BadRequest(BadRequest::NotJson),
        ] {
            let en = Lang::from_code("en").unwrap();
            assert_ne!(refusal.sentence(Lang::JA), refusal.sentence(en));
        }
    }
}
