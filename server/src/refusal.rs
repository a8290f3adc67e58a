//! Refusals: a stable code for programs and a kind, specific sentence for people.
//!
//! The sentence is chosen here from the code and what was wrong, never from an internal error:
//! causes go to the log (without personal data), the client gets words it can show.

use std::time::Duration;

use ibasho_moderation::{HandleError, MAX_HANDLE_CHARS};
use ibasho_protocol::{ErrorCode, ErrorFrame, Lang, PersonalInfoKind};

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
    BadClientId,
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
        }
    }

    /// The error frame, with the room and client id of the refused frame when it had them.
    pub fn to_frame(&self, lang: Lang, room: Option<&str>, client_id: Option<&str>) -> ErrorFrame {
        ErrorFrame {
            code: self.code(),
            message: self.sentence(lang),
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

    /// A sentence for people in `lang`.
    pub fn sentence(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        match self {
            Refusal::BadRequest(what) => bad_request_sentence(*what, ja),
            Refusal::TooLong { max_chars } => {
                if ja {
                    format!("メッセージが長すぎます。{max_chars}文字までにしてください。")
                } else {
                    format!("That message is too long. Please keep it to {max_chars} characters.")
                }
            }
            Refusal::RateLimited { retry_after } => {
                let seconds = retry_after.as_secs_f64().ceil().max(1.0);
                if ja {
                    format!("少し間をあけてください。{seconds}秒ほどでまた送れます。")
                } else {
                    format!("Please slow down a little. You can send again in about {seconds} s.")
                }
            }
            Refusal::RoomFull => pick(
                ja,
                "この部屋は今いっぱいです。少し時間をおいて、また来てください。",
                "This room is full right now. Please come back a little later.",
            ),
            Refusal::EntryWordRefused => pick(
                ja,
                "合言葉が違うか、この部屋には入れません。案内された合言葉をもう一度お確かめください。",
                "The entry word is not right, or this room cannot be entered. Please check the word you were given.",
            ),
            Refusal::StaffLoginRefused => pick(
                ja,
                "スタッフ名かパスワードが違います。",
                "The staff name or the password is not right.",
            ),
            Refusal::Forbidden => pick(
                ja,
                "これはスタッフだけができる操作です。",
                "Only staff can do this.",
            ),
            Refusal::NotYourTurn => pick(
                ja,
                "いまは順番に話しています。あなたの番が来たら話せます。リアクションはいつでもできます。",
                "People are taking turns now. You can speak when your turn comes; reactions work any time.",
            ),
            Refusal::NotNow => pick(
                ja,
                "いまはその操作はできません（早く開けるのは15分前から、延長は15分まで）。",
                "That cannot be done now (a room opens at most 15 minutes early and stays at most 15 minutes late).",
            ),
            Refusal::AudienceMismatch => pick(
                ja,
                "ご本人の部屋とご家族の部屋は分かれています。入るときに「本人」か「家族」を選ぶと、その方のための部屋に入れます。",
                "Rooms for the people themselves and for families are kept apart: choose “Myself” or “Family” when you enter to come into the rooms meant for you.",
            ),
            Refusal::RoomClosed { .. } => pick(
                ja,
                "この部屋は今は開いていません。",
                "This room is not open right now.",
            ),
            Refusal::NoSuchRoom => pick(
                ja,
                "その部屋は見つかりませんでした。",
                "There is no room with that name.",
            ),
            Refusal::NotInRoom => pick(
                ja,
                "この部屋にはまだ入っていません。",
                "You have not joined this room.",
            ),
            Refusal::HandleTaken => pick(
                ja,
                "この名前は部屋の中ですでに使われています。別の名前にしてください。",
                "Someone in this room already uses that name. Please choose another one.",
            ),
            Refusal::HandleInvalid(why) => handle_sentence(*why, ja),
            Refusal::NoSuchMessage => pick(
                ja,
                "そのメッセージはもう見つかりません。",
                "That message is no longer here.",
            ),
            Refusal::Unavailable => pick(
                ja,
                "ただいま混み合っています。少し待ってから、もう一度お試しください。",
                "The service is busy. Please try again in a moment.",
            ),
            // Kind, never accusing: the person is told what happened and what they can do.
            Refusal::Blocked { .. } => pick(
                ja,
                "この言葉はこの場所では送れないことになっています。ここにいる人が安心して話せるように、言い方を変えてもらえますか。",
                "Words like these cannot be sent here, so that everyone can feel safe. Could you say it another way?",
            ),
            Refusal::PersonalInfo { confirmable, .. } => match (confirmable, ja) {
                (true, true) => "電話番号や連絡先のように見えます。送るとあなたが特定されるかもしれません。それでも送るか、書き直してください。".to_owned(),
                (true, false) => "This looks like a phone number or contact details. Sending it could let others find out who you are. Send it anyway, or edit it.".to_owned(),
                (false, true) => "この部屋では、電話番号や住所などの連絡先は送れません。あなたを守るためです。".to_owned(),
                (false, false) => "Contact details such as phone numbers or addresses cannot be sent in this room: it keeps you safe.".to_owned(),
            },
            Refusal::Muted { .. } => pick(
                ja,
                "いまはこの部屋で書き込めません（ファシリテーターがしばらくお休みをお願いしました）。読むこととリアクションはできます。",
                "You cannot write in this room for a while (a facilitator asked for a pause). You can still read and react.",
            ),
            Refusal::Removed => pick(
                ja,
                "ファシリテーターの判断で、この部屋からは退室となりました。ほかの部屋は使えます。",
                "A facilitator asked you to leave this room. Other rooms are still open to you.",
            ),
            Refusal::SlowMode { .. } => pick(
                ja,
                "いまはゆっくり話す時間です。少し間をあけてから送ってください。",
                "The room is taking it slowly now. Please wait a little before sending again.",
            ),
            Refusal::Locked => pick(
                ja,
                "いまは聞くだけの時間です。リアクションはできます。",
                "The room is listen-only right now. You can still react.",
            ),
            Refusal::NoSuchReport => pick(
                ja,
                "その報告は見つかりませんでした。",
                "There is no such report.",
            ),
            Refusal::NoSuchEscalation => pick(
                ja,
                "その相談の依頼は見つかりませんでした。",
                "There is no such request to talk with a counselor.",
            ),
            Refusal::CaseNotNow => pick(
                ja,
                "いまはその操作はできません（ほかの相談員が対応しているか、まだご本人の返事を待っています）。",
                "That cannot be done now (another counselor has it, or the person has not answered yet).",
            ),
            Refusal::Repeated => pick(
                ja,
                "同じ言葉が続いています。少し時間をおいてから送ってください。",
                "You have sent the same words several times. Please wait a little before sending them again.",
            ),
        }
    }
}

fn pick(ja: bool, japanese: &str, english: &str) -> String {
    if ja { japanese } else { english }.to_owned()
}

fn bad_request_sentence(what: BadRequest, ja: bool) -> String {
    match what {
        BadRequest::NotJson => pick(
            ja,
            "送られたデータを読み取れませんでした（JSONではありません）。",
            "The frame could not be read (it is not JSON).",
        ),
        BadRequest::UnknownType => pick(
            ja,
            "知らない種類のメッセージです（type）。",
            "Unknown message type.",
        ),
        BadRequest::MissingOrWrongField => pick(
            ja,
            "必要な項目が足りないか、形が違います。",
            "A field is missing or has the wrong shape.",
        ),
        BadRequest::Binary => pick(
            ja,
            "バイナリのデータは受け付けていません。テキストで送ってください。",
            "Binary frames are not accepted; send JSON text.",
        ),
        BadRequest::HelloFirst => pick(ja, "最初に hello を送ってください。", "Send hello first."),
        BadRequest::HelloTwice => pick(
            ja,
            "hello はもう受け取っています。",
            "Hello was already received on this connection.",
        ),
        BadRequest::EmptyText => pick(
            ja,
            "空のメッセージは送れません。",
            "An empty message cannot be sent.",
        ),
        BadRequest::BadClientId => pick(
            ja,
            "client_id は1〜64バイトの文字列にしてください。",
            "client_id must be a string of 1 to 64 bytes.",
        ),
        BadRequest::BadResumeToken => pick(
            ja,
            "resume の値の形が正しくありません。",
            "The resume token is malformed.",
        ),
        BadRequest::BadPosition => pick(
            ja,
            "since の値の形が正しくありません。",
            "The since position is malformed.",
        ),
        BadRequest::NotTheirMessages => pick(
            ja,
            "その人はこの部屋にいないか、選んだメッセージがその人のものではありません。",
            "That person is not in the room, or the messages chosen are not theirs.",
        ),
        BadRequest::NotInExcerpt => pick(
            ja,
            "共有できるのは、確認を求められたメッセージだけです。",
            "Only the messages you were asked about can be shared.",
        ),
        BadRequest::OutcomeMissing => pick(
            ja,
            "相談を終えるときは結果（talked / referred / no_contact / other）を選んでください。",
            "Choose an outcome (talked, referred, no_contact or other) to end a case.",
        ),
        BadRequest::BadSource => pick(
            ja,
            "from は participant か crisis にしてください。",
            "from must be participant or crisis.",
        ),
        BadRequest::TooManyRooms { max } => {
            if ja {
                format!("同時に入れる部屋は{max}つまでです。")
            } else {
                format!("You can be in at most {max} rooms at once.")
            }
        }
    }
}

fn handle_sentence(why: HandleError, ja: bool) -> String {
    let reason = match why {
        HandleError::Empty => pick(ja, "名前が空です。", "It is empty."),
        HandleError::TooLong => {
            if ja {
                format!("{MAX_HANDLE_CHARS}文字までにしてください。")
            } else {
                format!("Please keep it to {MAX_HANDLE_CHARS} characters.")
            }
        }
        HandleError::Invisible => pick(
            ja,
            "見えない文字や改行は使えません。",
            "Invisible characters and line breaks are not allowed.",
        ),
        HandleError::LooksLikeStaff => pick(
            ja,
            "スタッフや運営と間違えられる名前は使えません。",
            "Names that could be taken for staff are not allowed.",
        ),
    };
    if ja {
        format!("この名前は使えません。{reason}")
    } else {
        format!("That name cannot be used. {reason}")
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
        .to_frame(Lang::En, None, Some("c1"));
        assert_eq!(frame.code, ErrorCode::RateLimited);
        assert_eq!(frame.retry_after_ms, Some(1500));
        assert_eq!(frame.client_id.as_deref(), Some("c1"));
        assert!(frame.message.contains("2 s"), "{}", frame.message);
    }

    #[test]
    fn sentences_differ_by_language() {
        for refusal in [
            Refusal::RoomFull,
            Refusal::HandleInvalid(HandleError::LooksLikeStaff),
            Refusal::BadRequest(BadRequest::NotJson),
        ] {
            assert_ne!(refusal.sentence(Lang::Ja), refusal.sentence(Lang::En));
        }
    }
}
