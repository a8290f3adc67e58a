//! Frames a client sends to the server.

use serde::{Deserialize, Serialize};

use crate::map::Map;
use crate::{
    About, AgeBand, CaseOutcome, EscalationSource, FacilitatorAction, ModerateAction, Position,
    ReportOutcome, ReportReason, StaffLogin, Urgency,
};

/// The language a person chose (`"ja"`, the default, `"en"`, `"ja-yasashii"`: the list is
/// `ibasho_i18n::LANGUAGES`); it picks the language of the server's words (refusals,
/// generated handles).
pub use ibasho_i18n::Lang;

/// Every frame a client may send. Unknown fields are ignored so that older servers accept
/// newer clients; an unknown `type` or a missing field is a `bad_request`.
///
/// The `type` names ([`ClientMsg::KINDS`], [`ClientMsg::kind`]) are derived from the variants
/// with the same rule serde uses, so a new variant is known to the server without a list
/// kept by hand (a test checks that both rules agree).
#[derive(
    Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::IntoStaticStr, strum::VariantNames,
)]
#[serde(tag = "type", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum ClientMsg {
    /// The first frame of a connection. No account: at most a wished-for handle, or the token
    /// of a session to resume after a dropped connection.
    Hello {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        handle: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        resume: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::maybe_lang))]
        lang: Option<Lang>,
        /// Who the person comes as, if they want to say.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        role: Option<Role>,
        /// With `resume`: the last position seen in each room, so that the `joined` frames
        /// of the resumed rooms recover exactly what was missed (see `join.since`).
        #[serde(default, skip_serializing_if = "Map::is_empty")]
        since: Map<String, Position>,
        /// Staff only: sign in with a staff account (the handle is then the staff member's
        /// name and title). Not with `resume`: a resumed session keeps what it was.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        staff: Option<StaffLogin>,
        /// The web app's own storage for this site was empty: counted once in the usage
        /// figures (`first_visits`), never kept beside the session.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        first_visit: bool,
    },
    /// Enter a room. Joining a room one is already in answers `joined` again (a resync).
    Join {
        room: String,
        /// The last position this client saw in the room (from `joined`, `message` and
        /// `reactions` frames), to get exactly what it missed: see `joined.recovered`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        since: Option<Position>,
        /// For a room that needs one (`entry_word: true` in the room list): the entry word
        /// (合言葉) the organising agency gave out.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entry_word: Option<String>,
    },
    /// Say something in a room one has joined.
    Say {
        room: String,
        text: String,
        /// Chosen by the client; a retry with the same id from the same session is delivered
        /// once. Optional for hand-typed clients, always sent by the web front end.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        client_id: Option<String>,
        /// Send it although it looks like personal information (the answer to a
        /// `personal_info` refusal in a room that asks for confirmation).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        confirm_personal_info: bool,
    },
    /// Leave a room.
    Leave { room: String },
    /// A quiet reaction to a message, for responding without writing. Sending the same
    /// reaction again takes it back.
    React {
        room: String,
        message_id: String,
        reaction: Reaction,
    },
    /// Staff only: steer the room's sitting (see [`FacilitatorAction`]).
    Facilitate {
        room: String,
        action: FacilitatorAction,
        /// For `extend`: how many minutes (default 5).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minutes: Option<u32>,
    },
    /// In a round, when it is one's turn: give the floor on without speaking (listening is a
    /// way of taking part too).
    Pass { room: String },
    /// Staff only: keep the room safe (see [`ModerateAction`] for which fields each action
    /// needs).
    Moderate {
        room: String,
        action: ModerateAction,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        message_id: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        handle: Option<String>,
        /// For `mute`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minutes: Option<u32>,
        /// For `slow_mode`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        seconds: Option<u32>,
        /// For `topic`.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
    },
    /// Report a message to the staff in the room (never to anyone else); answered with
    /// `report_received`, and later `report_outcome`.
    Report {
        room: String,
        message_id: String,
        reason: ReportReason,
        /// At most 300 characters.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Staff only: an alert was seen to (`alert.alert_id`); it leaves every staff member's
    /// desk, and staff who come in later no longer get it.
    DismissAlert { alert_id: String },
    /// Staff only: what was done about a report; its reporter is told once.
    ResolveReport {
        report_id: String,
        outcome: ReportOutcome,
    },
    /// Ask to talk with a counselor, from a room (`room`) or the lobby. Asking is consent;
    /// `from: "crisis"` (the support card) makes it urgent. Answered with `escalation`;
    /// asking again while a request is open answers that request again.
    AskCounselor {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        room: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<EscalationSource>,
        /// Optional routing answers, used to pick a desk and never kept beyond the request:
        /// who it is about (a family room's requests default to `family`), the person's age
        /// band, or a desk they chose themselves.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        about: Option<About>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        age_band: Option<AgeBand>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        desk: Option<String>,
    },
    /// Staff only: suggest a counselor to someone in the room, with the messages of theirs
    /// a counselor should see. The person is asked first (`consent_request`).
    Escalate {
        room: String,
        handle: String,
        #[serde(default)]
        urgency: Urgency,
        #[serde(default)]
        message_ids: Vec<String>,
    },
    /// The person's answer to a `consent_request`: which of its messages they agree to
    /// share (any of them, or none).
    Consent {
        escalation_id: String,
        accept: bool,
        #[serde(default)]
        message_ids: Vec<String>,
    },
    /// The person takes back their request before a counselor took it.
    CancelEscalation { escalation_id: String },
    /// Counselors only: going on (or off) duty.
    Duty { on: bool },
    /// Counselors only: take a request from the queue.
    Claim { escalation_id: String },
    /// Counselors only: give one's case back to the queue for another counselor.
    HandOver { escalation_id: String },
    /// The counselor (with an `outcome`) or the person ends a case; before a counselor
    /// came, the person's `end_case` cancels it.
    EndCase {
        escalation_id: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        outcome: Option<CaseOutcome>,
    },
    /// The case's counselor, or a supervisor: put the case at the head of `desk`'s queue,
    /// with its urgency and excerpt, and a staff-only `note` (at most
    /// [`crate::MAX_TRANSFER_NOTE_CHARS`]) for that desk's counselors alone.
    Transfer {
        escalation_id: String,
        desk: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
    /// Supervisors only: join a case's 1:1 room as an observer (the person is told at once).
    Observe { escalation_id: String },
    /// The person: the observer is to leave and may not come back to this case. The observer
    /// themselves: stop observing.
    DeclineObserver { escalation_id: String },
    /// A staff-only message inside a case, between its counselor and its observer (at most
    /// [`crate::MAX_WHISPER_CHARS`]): never to the person, never kept.
    Whisper { escalation_id: String, text: String },
    /// The case's counselor asks every supervisor on duty for help.
    AskSupervisor { escalation_id: String },
    /// The participants' voice: how it was, 1 (つらかった) to 4 (よかった), with an optional
    /// comment of at most [`MAX_VOICE_CHARS`] characters. About a room (`room`), or with
    /// `room: null` about a finished case or the service (`about`). Anonymous: stored with
    /// the day only. Answered with `voice_received`; once per session and sitting.
    Voice {
        #[serde(default)]
        room: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        about: Option<VoiceAbout>,
        rating: i64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        comment: Option<String>,
        /// Send the comment although it looks like personal information.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        confirm_personal_info: bool,
    },
}

/// The longest comment of a `voice`, in characters.
pub const MAX_VOICE_CHARS: usize = 400;

/// What a `voice` is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum VoiceAbout {
    /// A room's sitting (the frame names the room).
    Room,
    /// A talk with a counselor that has ended.
    Counselor,
    /// The service as a whole (from the lobby).
    Service,
}

impl VoiceAbout {
    pub fn as_str(self) -> &'static str {
        match self {
            VoiceAbout::Room => "room",
            VoiceAbout::Counselor => "counselor",
            VoiceAbout::Service => "service",
        }
    }
}

/// Who a person comes as (optional; never checked against anything).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Role {
    /// 本人 — the person themselves.
    Person,
    /// 家族 — a family member.
    Family,
    /// 支援者 — a supporter.
    Supporter,
}

/// The fixed set of quiet reactions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Reaction {
    /// うなずき — "I hear you".
    Nod,
    /// 👍
    ThumbsUp,
    /// 🙏
    Pray,
    /// ☕ — "I'm here, having tea".
    Tea,
}

impl Reaction {
    pub const ALL: [Reaction; 4] = [
        Reaction::Nod,
        Reaction::ThumbsUp,
        Reaction::Pray,
        Reaction::Tea,
    ];
}

impl ClientMsg {
    /// Every `type` a client may send.
    pub const KINDS: &'static [&'static str] = <ClientMsg as strum::VariantNames>::VARIANTS;

    /// The frame's `type`, for logs and metrics (never its content).
    pub fn kind(&self) -> &'static str {
        self.into()
    }

    /// The room the frame is about, if it names one (a refusal names it back).
    pub fn room(&self) -> Option<&str> {
        match self {
            ClientMsg::Join { room, .. }
            | ClientMsg::Say { room, .. }
            | ClientMsg::Leave { room }
            | ClientMsg::React { room, .. }
            | ClientMsg::Facilitate { room, .. }
            | ClientMsg::Pass { room }
            | ClientMsg::Moderate { room, .. }
            | ClientMsg::Report { room, .. }
            | ClientMsg::Escalate { room, .. } => Some(room),
            ClientMsg::AskCounselor { room, .. } => room.as_deref(),
            ClientMsg::Hello { .. }
            | ClientMsg::ResolveReport { .. }
            | ClientMsg::DismissAlert { .. }
            | ClientMsg::Consent { .. }
            | ClientMsg::CancelEscalation { .. }
            | ClientMsg::Duty { .. }
            | ClientMsg::Claim { .. }
            | ClientMsg::HandOver { .. }
            | ClientMsg::EndCase { .. }
            | ClientMsg::Transfer { .. }
            | ClientMsg::Observe { .. }
            | ClientMsg::DeclineObserver { .. }
            | ClientMsg::Whisper { .. }
            | ClientMsg::AskSupervisor { .. } => None,
            ClientMsg::Voice { room, .. } => room.as_deref(),
        }
    }

    /// The client's own id of a `say`, echoed in a refusal so the client knows which message
    /// to send again.
    pub fn client_id(&self) -> Option<&str> {
        match self {
            ClientMsg::Say { client_id, .. } => client_id.as_deref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A `hello` with nothing but its type.
    fn bare_hello() -> ClientMsg {
        ClientMsg::Hello {
            handle: None,
            resume: None,
            lang: None,
            role: None,
            since: Map::new(),
            staff: None,
            first_visit: false,
        }
    }

    #[test]
    fn hello_fields_are_all_optional() {
        let msg: ClientMsg = serde_json::from_str(r#"{"type":"hello"}"#).unwrap();
        assert_eq!(msg, bare_hello());
    }

    #[test]
    fn say_round_trips_and_ignores_unknown_fields() {
        let msg: ClientMsg = serde_json::from_str(
            r#"{"type":"say","room":"lounge","text":"こんにちは","client_id":"c1","extra":1}"#,
        )
        .unwrap();
        assert_eq!(
            msg,
            ClientMsg::Say {
                room: "lounge".into(),
                text: "こんにちは".into(),
                client_id: Some("c1".into()),
                confirm_personal_info: false,
            }
        );
        let back: ClientMsg = serde_json::from_str(&serde_json::to_string(&msg).unwrap()).unwrap();
        assert_eq!(back, msg);
    }

    #[test]
    fn react_names_its_reaction_in_snake_case() {
        let msg: ClientMsg = serde_json::from_str(
            r#"{"type":"react","room":"lounge","message_id":"7","reaction":"thumbs_up"}"#,
        )
        .unwrap();
        assert_eq!(
            msg,
            ClientMsg::React {
                room: "lounge".into(),
                message_id: "7".into(),
                reaction: Reaction::ThumbsUp
            }
        );
        assert!(
            serde_json::from_str::<ClientMsg>(
                r#"{"type":"react","room":"l","message_id":"7","reaction":"angry"}"#
            )
            .is_err()
        );
    }

    #[test]
    fn facilitate_names_its_action_and_staff_login_hides_its_password() {
        let msg: ClientMsg = serde_json::from_str(
            r#"{"type":"facilitate","room":"family","action":"extend","minutes":10}"#,
        )
        .unwrap();
        assert_eq!(
            msg,
            ClientMsg::Facilitate {
                room: "family".into(),
                action: FacilitatorAction::Extend,
                minutes: Some(10)
            }
        );
        let hello: ClientMsg = serde_json::from_str(
            r#"{"type":"hello","staff":{"name":"ひかり","password":"secret words"}}"#,
        )
        .unwrap();
        assert!(!format!("{hello:?}").contains("secret"));
    }

    /// One frame of every kind (the match makes a new variant a compile error here).
    fn one_of_each() -> Vec<ClientMsg> {
        let samples = vec![
            bare_hello(),
            ClientMsg::Join {
                room: "r".into(),
                since: None,
                entry_word: None,
            },
            ClientMsg::Say {
                room: "r".into(),
                text: "t".into(),
                client_id: Some("c".into()),
                confirm_personal_info: true,
            },
            ClientMsg::Leave { room: "r".into() },
            ClientMsg::React {
                room: "r".into(),
                message_id: "1".into(),
                reaction: Reaction::Nod,
            },
            ClientMsg::Facilitate {
                room: "r".into(),
                action: FacilitatorAction::EndRound,
                minutes: None,
            },
            ClientMsg::Pass { room: "r".into() },
            ClientMsg::Moderate {
                room: "r".into(),
                action: ModerateAction::Mute,
                message_id: None,
                handle: Some("h".into()),
                minutes: Some(5),
                seconds: None,
                text: None,
            },
            ClientMsg::Report {
                room: "r".into(),
                message_id: "1".into(),
                reason: ReportReason::SelfHarm,
                note: None,
            },
            ClientMsg::DismissAlert {
                alert_id: "a1".into(),
            },
            ClientMsg::ResolveReport {
                report_id: "a1".into(),
                outcome: ReportOutcome::NoAction,
            },
            ClientMsg::AskCounselor {
                room: None,
                from: Some(EscalationSource::Crisis),
                about: Some(About::Family),
                age_band: Some(AgeBand::Unsaid),
                desk: None,
            },
            ClientMsg::Escalate {
                room: "lounge".into(),
                handle: "みどり".into(),
                urgency: Urgency::Urgent,
                message_ids: vec!["3".into()],
            },
            ClientMsg::Consent {
                escalation_id: "e1".into(),
                accept: true,
                message_ids: vec![],
            },
            ClientMsg::CancelEscalation {
                escalation_id: "e1".into(),
            },
            ClientMsg::Duty { on: true },
            ClientMsg::Claim {
                escalation_id: "e1".into(),
            },
            ClientMsg::HandOver {
                escalation_id: "e1".into(),
            },
            ClientMsg::EndCase {
                escalation_id: "e1".into(),
                outcome: Some(CaseOutcome::Talked),
            },
            ClientMsg::Transfer {
                escalation_id: "e1".into(),
                desk: "youth".into(),
                note: Some("n".into()),
            },
            ClientMsg::Observe {
                escalation_id: "e1".into(),
            },
            ClientMsg::DeclineObserver {
                escalation_id: "e1".into(),
            },
            ClientMsg::Whisper {
                escalation_id: "e1".into(),
                text: "t".into(),
            },
            ClientMsg::AskSupervisor {
                escalation_id: "e1".into(),
            },
            ClientMsg::Voice {
                room: Some("lounge".into()),
                about: None,
                rating: 3,
                comment: Some("よかった".into()),
                confirm_personal_info: false,
            },
        ];
        for sample in &samples {
            match sample {
                ClientMsg::Hello { .. }
                | ClientMsg::Join { .. }
                | ClientMsg::Say { .. }
                | ClientMsg::Leave { .. }
                | ClientMsg::Moderate { .. }
                | ClientMsg::Report { .. }
                | ClientMsg::ResolveReport { .. }
                | ClientMsg::DismissAlert { .. }
                | ClientMsg::AskCounselor { .. }
                | ClientMsg::Escalate { .. }
                | ClientMsg::Consent { .. }
                | ClientMsg::CancelEscalation { .. }
                | ClientMsg::Duty { .. }
                | ClientMsg::Claim { .. }
                | ClientMsg::HandOver { .. }
                | ClientMsg::EndCase { .. }
                | ClientMsg::Transfer { .. }
                | ClientMsg::Observe { .. }
                | ClientMsg::DeclineObserver { .. }
                | ClientMsg::Whisper { .. }
                | ClientMsg::AskSupervisor { .. }
                | ClientMsg::Voice { .. }
                | ClientMsg::React { .. }
                | ClientMsg::Facilitate { .. }
                | ClientMsg::Pass { .. } => {}
            }
        }
        samples
    }

    #[test]
    fn kinds_are_the_serde_type_names() {
        let samples = one_of_each();
        assert_eq!(samples.len(), ClientMsg::KINDS.len());
        for (sample, kind) in samples.iter().zip(ClientMsg::KINDS) {
            let json = serde_json::to_value(sample).unwrap();
            assert_eq!(json["type"], *kind);
            assert_eq!(sample.kind(), *kind);
        }
    }

    #[test]
    fn room_and_client_id_are_read_from_any_frame() {
        for sample in one_of_each() {
            let json = serde_json::to_value(&sample).unwrap();
            assert_eq!(sample.room(), json["room"].as_str(), "{}", sample.kind());
            assert_eq!(sample.client_id(), json["client_id"].as_str());
        }
    }

    #[test]
    fn unknown_type_and_missing_field_are_errors() {
        assert!(serde_json::from_str::<ClientMsg>(r#"{"type":"shout"}"#).is_err());
        assert!(serde_json::from_str::<ClientMsg>(r#"{"type":"join"}"#).is_err());
        assert!(serde_json::from_str::<ClientMsg>(r#"{"room":"lounge"}"#).is_err());
    }
}
