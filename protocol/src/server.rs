//! Frames the server sends to a client.

use crate::map::Map;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::{
    AlertReason, DeskInfo, DeskOverview, EndedBy, ErrorCode, EscalationSource, EscalationState,
    EscalationStatus, ExcerptItem, Floor, HelpLine, MutedMember, OverviewCase, PersonalInfoKind,
    Position, QueueItem, Reaction, ReportOutcome, ReportReason, SanctionKind, StaffRole, Urgency,
};

/// How many of each reaction a message has (reactions nobody gave are left out).
pub type ReactionCounts = Map<Reaction, u32>;

/// One message said in a room, as members and late joiners see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ChatMessage {
    pub room: String,
    /// Opaque and unique within the room; later messages compare greater when parsed as
    /// numbers, but clients should only use it to de-duplicate.
    pub id: String,
    pub handle: String,
    pub text: String,
    /// When the server accepted it (RFC 3339, UTC).
    #[serde(with = "crate::time::required")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::timestamp))]
    pub at: Timestamp,
    /// Its place in the room's stream of events (messages and reaction changes), within the
    /// room's current epoch. A client keeps the highest it has seen to recover after a drop.
    #[serde(default)]
    pub offset: u64,
    /// The sender's own id for the message, echoed so that a client can match its retries.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// Quiet reactions so far: counts, never who.
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub reactions: ReactionCounts,
}

/// A refusal. The connection stays open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct ErrorFrame {
    pub code: ErrorCode,
    /// A sentence for people, in the session's language.
    pub message: String,
    /// The room the refused frame named, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// The `client_id` of the refused `say`, so the client knows which message was not sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// For `rate_limited`: how long to wait before sending again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_ms: Option<u64>,
    /// For `room_closed`: when the room opens next, if a sitting is planned.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::time::optional"
    )]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::maybe_timestamp))]
    pub next_open: Option<Timestamp>,
    /// For `blocked`: the reason code of the rule that matched (`abuse`, `sexual`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For `personal_info`: what the message seems to have.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<PersonalInfoKind>,
    /// The id of `message` in the translation files (`error-not_now-case`…) and the numbers
    /// it was said with (`max`, `seconds`, `leeway`…): a client shows the same sentence in
    /// its own language now. Absent: the sentence for `code`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
    #[serde(default, skip_serializing_if = "Map::is_empty")]
    pub args: Map<String, i64>,
}

/// Numbers the server owns that a client shows or keeps to (sent with `welcome`): the web
/// never writes them again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Limits {
    /// The longest message, in characters.
    pub max_text_chars: u32,
    /// How many rooms one connection may be in at once.
    pub max_rooms: u32,
    /// A facilitator may open a room this many minutes early, and keep it open this many
    /// minutes late.
    pub leeway_minutes: u32,
    /// How long a facilitator's "extend" keeps a room open, in minutes.
    pub extend_minutes: u32,
    /// How long someone a facilitator took out of an always-open room stays out, in hours.
    pub removal_hours: u32,
    /// How long the audit log keeps an entry, in days.
    pub audit_retention_days: u32,
}

impl ServerMsg {
    /// An `escalation` frame that says only its request and state (no place in the queue,
    /// wait, help lines or room): set what else applies on the value.
    pub fn escalation(escalation_id: impl Into<String>, state: EscalationState) -> ServerMsg {
        ServerMsg::Escalation {
            escalation_id: escalation_id.into(),
            state,
            position: None,
            on_duty: None,
            estimated_wait_minutes: None,
            next_on_duty: None,
            lines: None,
            room: None,
            handed_over: false,
            ended_by: None,
            desk: None,
            desk_name: None,
            desk_name_en: None,
            transferred: false,
        }
    }
}

impl ErrorFrame {
    /// A refusal with only its code and sentence (HTTP answers, mostly).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ErrorFrame {
        ErrorFrame {
            code,
            message: message.into(),
            room: None,
            client_id: None,
            retry_after_ms: None,
            next_open: None,
            reason: None,
            kinds: Vec::new(),
            sentence: None,
            args: Map::new(),
        }
    }
}

/// Every frame the server sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, strum::VariantNames)]
#[serde(tag = "type", rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum ServerMsg {
    /// The answer to `hello`. `session` is the token to send as `resume` after a dropped
    /// connection; keep it only for the life of the tab.
    Welcome {
        handle: String,
        session: String,
        /// True when `resume` restored an earlier session (its handle and its rooms; a
        /// `joined` frame follows for each room).
        resumed: bool,
        rooms: Vec<String>,
        /// For a staff session: its role (the web front end then shows the facilitator's
        /// controls).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        staff: Option<StaffRole>,
        /// Numbers the server owns (limits, minutes) that the client shows or keeps to.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limits: Option<Limits>,
    },
    /// The answer to `join`, and the resync after a resume. With `recovered: true` (the
    /// `join` gave a `since` position the room still remembers), `history` holds exactly the
    /// messages after that position and `reactions` frames follow for the reaction changes
    /// missed; otherwise `history` is the room's recent messages and a client should drop
    /// what it showed from another epoch.
    Joined {
        room: String,
        history: Vec<ChatMessage>,
        present: u32,
        /// The room's stream position now: send it back as `since` to recover after a drop.
        #[serde(flatten)]
        position: Position,
        #[serde(default)]
        recovered: bool,
    },
    /// The answer to `leave`.
    Left { room: String },
    /// Something was said in a room one is in.
    Message(ChatMessage),
    /// How many people are in a room now. Never who.
    Presence { room: String, present: u32 },
    /// A message's reactions changed: the new counts.
    Reactions {
        room: String,
        message_id: String,
        counts: ReactionCounts,
        /// This change's place in the room's stream (see [`ChatMessage::offset`]).
        #[serde(default)]
        offset: u64,
    },
    /// The room's sitting ends soon: what is said in it is erased at `closes_at`.
    Closing {
        room: String,
        #[serde(with = "crate::time::required")]
        #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::timestamp))]
        closes_at: Timestamp,
    },
    /// The room's sitting ended: one is out of the room, and its history is erased.
    Closed { room: String },
    /// What the facilitator set for the room's sitting: sent after `joined` and whenever it
    /// changes. `closes_at` when the sitting ends (later than planned if it was extended),
    /// `segment` the agenda segment the facilitator moved to (absent: follow the clock),
    /// `floor` who has the floor in a round (absent: no round, anyone may speak).
    RoomState {
        room: String,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::time::optional"
        )]
        #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::maybe_timestamp))]
        closes_at: Option<Timestamp>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        segment: Option<u32>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        floor: Option<Floor>,
        /// Listen-only: participants' `say` is refused with `locked` (reactions stay).
        #[serde(default)]
        locked: bool,
        /// Locked because the room needs a staff member and none is in it.
        #[serde(default)]
        unattended: bool,
        /// A participant's next `say` waits this long after their last (0: off).
        #[serde(default)]
        slow_mode_seconds: u32,
        /// The room's current topic, if a facilitator set one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        topic: Option<String>,
    },
    /// A facilitator took a message down: drop it. A room event with its own offset, so a
    /// recovering `join` (with `since`) gets the deletions it missed. It never says who.
    Deleted {
        room: String,
        message_id: String,
        #[serde(default)]
        offset: u64,
    },
    /// The answer to `report`: staff in the room have it.
    ReportReceived { report_id: String },
    /// To staff in the room (and any who come in while it is unresolved), never to the
    /// reporter: a reported message as it was said, with its author.
    Report {
        report_id: String,
        room: String,
        message_id: String,
        handle: String,
        text: String,
        reason: ReportReason,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        #[serde(with = "crate::time::required")]
        #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::timestamp))]
        at: Timestamp,
    },
    /// To the reporter, once: what staff did about their report.
    ReportOutcome {
        report_id: String,
        outcome: ReportOutcome,
    },
    /// To the person it concerns alone: a facilitator muted them (`until`), lifted it, or
    /// took them out of the room.
    Sanction {
        room: String,
        kind: SanctionKind,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::time::optional"
        )]
        #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::maybe_timestamp))]
        until: Option<Timestamp>,
    },
    /// To the writer of a message with crisis language, and to nobody else: where help is,
    /// and which lines are open now. The message itself was delivered as written.
    /// `offer_counselor`: the card also offers to talk with a counselor (`ask_counselor`
    /// with `from: "crisis"`). `room` is empty after a `voice` comment (no room's).
    Support {
        room: String,
        lines: Vec<HelpLine>,
        #[serde(default)]
        offer_counselor: bool,
    },
    /// To staff in the room: a message they may want to look at (`reason`), delivered as
    /// written. `rule` is the matching rule's reason code for `flagged` and `trial`.
    Alert {
        room: String,
        message_id: String,
        reason: AlertReason,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rule: Option<String>,
        /// The alert's id, to dismiss it (`dismiss_alert`). Until a staff member does, staff
        /// who come into the room later get it too.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        alert_id: Option<String>,
        /// Who wrote the message (staff need it to find the message and to act).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        handle: Option<String>,
        /// When it was raised.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::time::optional"
        )]
        #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::maybe_timestamp))]
        at: Option<Timestamp>,
    },
    /// To staff in the room: a staff member dismissed this alert (it leaves every desk).
    AlertDismissed { room: String, alert_id: String },
    /// To staff in the room (when they come in, and after every mute or unmute): who is
    /// muted there now, and until when. Never to anyone else.
    Muted {
        room: String,
        members: Vec<MutedMember>,
    },
    /// To the person alone: a facilitator suggests talking with a counselor and would share
    /// these messages of theirs; answered with `consent`.
    ConsentRequest {
        escalation_id: String,
        excerpt: Vec<ExcerptItem>,
        /// The room it was suggested in.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        room: Option<String>,
    },
    /// To the person (and, once connected, the counselor): where their request stands, sent
    /// again whenever it changes.
    Escalation {
        escalation_id: String,
        state: EscalationState,
        /// `waiting`: the place in the queue (1 = next).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        position: Option<u32>,
        /// `waiting`, `no_counselor`: how many counselors are on duty.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        on_duty: Option<u32>,
        /// `waiting`: an estimate from recent waiting times, once there are some.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        estimated_wait_minutes: Option<u32>,
        /// `no_counselor`: the next start of a counselor's duty hours, if known.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            with = "crate::time::optional"
        )]
        #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::maybe_timestamp))]
        next_on_duty: Option<Timestamp>,
        /// `no_counselor`: where help is meanwhile (as in `support`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        lines: Option<Vec<HelpLine>>,
        /// `connected`: the private room of the person and the counselor.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        room: Option<String>,
        /// `waiting`: a counselor handed it over to another (it is at the head of its
        /// urgency).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        handed_over: bool,
        /// `ended`: who ended it. To the counselor, `person` means the outcome is still
        /// theirs to record (`end_case` with an `outcome`).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        ended_by: Option<EndedBy>,
        /// `waiting`, `no_counselor`, `connected`: the desk it is with (its id, and the names
        /// the operator gave it; no names for the one desk of a service without desks).
        /// Place, estimate and `next_on_duty` are that desk's.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        desk: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        desk_name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        desk_name_en: Option<String>,
        /// `waiting`, `no_counselor`: a counselor passed it to this desk (「〇〇の担当者に
        /// おつなぎします」); what the person shared goes with it.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        transferred: bool,
    },
    /// To the facilitator who escalated: where it stands, in these words only.
    EscalationStatus {
        escalation_id: String,
        status: EscalationStatus,
        /// The room and handle the facilitator named (nothing they did not know).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        room: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        handle: Option<String>,
    },
    /// To counselors on duty: an urgent escalation waits for the person's consent in this
    /// room (no text, no handle), so that a counselor can come in.
    Urgent { room: String, room_title: String },
    /// To counselors on duty: the queue, on every change (urgent first, then the longest
    /// waiting). No handle, no text.
    Queue { items: Vec<QueueItem> },
    /// To the counselor who claimed it alone: the handle and what the person agreed to share.
    Case {
        escalation_id: String,
        handle: String,
        excerpt: Vec<ExcerptItem>,
        urgency: Urgency,
        from: EscalationSource,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        room_title: Option<String>,
        /// The desk it is with.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        desk: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        desk_name: Option<String>,
        /// A transfer's staff-only note: to the receiving desk's counselors alone.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        note: Option<String>,
        /// To a supervisor who observes it (not its counselor).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        observing: bool,
    },
    /// To counselors and supervisors: the desks, whether they serve each, and the canned
    /// replies of the desks they serve (on signing in and going on duty).
    Desks { desks: Vec<DeskInfo> },
    /// To supervisors on duty, on every change: every desk's queue and counselors, and the
    /// open cases — counts and waiting times only, never a handle or words.
    Overview {
        desks: Vec<DeskOverview>,
        cases: Vec<OverviewCase>,
    },
    /// To the person and the case's staff alone: an observer (a supervisor) is in the case's
    /// room, or no longer is.
    Observer {
        escalation_id: String,
        present: bool,
    },
    /// To the case's counselor and observer alone (never the person): a staff-only message.
    Whisper {
        escalation_id: String,
        /// The staff handle of who whispered.
        from: String,
        text: String,
    },
    /// To every supervisor on duty: a counselor asks for help with a case (its desk and how
    /// long they have waited for help: nothing else).
    SupervisorCall {
        escalation_id: String,
        desk: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        desk_name: Option<String>,
        waiting_seconds: u64,
    },
    /// To who transferred a case: nobody is on duty at that desk now; the case waits there
    /// (another `transfer` may choose another desk).
    TransferWaiting {
        escalation_id: String,
        desk: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        desk_name: Option<String>,
    },
    /// Something about the service, not about a room.
    Notice { code: NoticeCode },
    /// A refused frame.
    Error(ErrorFrame),
    /// A `voice` was kept (anonymously: with its day only). `room` and `about` say which
    /// question it answered, so that the page closes the right card.
    VoiceReceived {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        room: Option<String>,
        /// `room`, `counselor` or `service` (a `VoiceAbout`, as its word: the web reads
        /// no more than that).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        about: Option<String>,
    },
}

/// What a `notice` frame says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum NoticeCode {
    /// The service cannot reach its shared storage: the connection stays, but nothing new
    /// can be said (a `say` is refused with `unavailable`) until `restored`.
    Degraded,
    /// The service works again.
    Restored,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_frame_is_flat_and_tagged() {
        let msg = ServerMsg::Message(ChatMessage {
            room: "lounge".into(),
            id: "1".into(),
            handle: "しずかなカワセミ".into(),
            text: "こんにちは".into(),
            at: "2026-11-26T10:00:00Z".parse().unwrap(),
            offset: 1,
            client_id: Some("c1".into()),
            reactions: ReactionCounts::from([(Reaction::Tea, 2)]),
        });
        let json: serde_json::Value = serde_json::to_value(&msg).unwrap();
        assert_eq!(json["type"], "message");
        assert_eq!(json["room"], "lounge");
        assert_eq!(json["at"], "2026-11-26T10:00:00Z");
        assert_eq!(json["client_id"], "c1");
        assert_eq!(json["reactions"], serde_json::json!({"tea": 2}));
        let back: ServerMsg = serde_json::from_value(json).unwrap();
        assert_eq!(back, msg);
    }

    #[test]
    fn joined_carries_its_position_flat() {
        let msg = ServerMsg::Joined {
            room: "lounge".into(),
            history: vec![],
            present: 2,
            position: Position {
                epoch: "e1".into(),
                offset: 7,
            },
            recovered: true,
        };
        let json = serde_json::to_value(&msg).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"type":"joined","room":"lounge","history":[],"present":2,
                "epoch":"e1","offset":7,"recovered":true})
        );
        assert_eq!(serde_json::from_value::<ServerMsg>(json).unwrap(), msg);
        let notice = serde_json::to_string(&ServerMsg::Notice {
            code: NoticeCode::Degraded,
        })
        .unwrap();
        assert_eq!(notice, r#"{"type":"notice","code":"degraded"}"#);
    }

    #[test]
    fn support_and_alert_frames_read_as_documented() {
        let support = ServerMsg::Support {
            room: "lounge".into(),
            lines: vec![HelpLine {
                name: "よりそいホットライン".into(),
                number: Some("0120-279-338".into()),
                url: None,
                hours: "24時間".into(),
                open_now: true,
            }],
            offer_counselor: true,
        };
        assert_eq!(
            serde_json::to_value(&support).unwrap(),
            serde_json::json!({"type":"support","room":"lounge","lines":[{"name":"よりそいホットライン",
                "number":"0120-279-338","hours":"24時間","open_now":true}],"offer_counselor":true})
        );
        let alert = ServerMsg::Alert {
            room: "lounge".into(),
            message_id: "7".into(),
            reason: AlertReason::Flagged,
            rule: Some("abuse".into()),
            alert_id: Some("a1".into()),
            handle: Some("あき".into()),
            at: Some("2026-12-07T09:00:00Z".parse().unwrap()),
        };
        assert_eq!(
            serde_json::to_value(&alert).unwrap(),
            serde_json::json!({"type":"alert","room":"lounge","message_id":"7","reason":"flagged",
                "rule":"abuse","alert_id":"a1","handle":"あき","at":"2026-12-07T09:00:00Z"})
        );
        assert_eq!(
            serde_json::to_value(ServerMsg::AlertDismissed {
                room: "lounge".into(),
                alert_id: "a1".into(),
            })
            .unwrap(),
            serde_json::json!({"type":"alert_dismissed","room":"lounge","alert_id":"a1"})
        );
        assert_eq!(
            serde_json::to_value(ServerMsg::Muted {
                room: "lounge".into(),
                members: vec![crate::MutedMember {
                    handle: "あき".into(),
                    until: "2026-12-07T09:10:00Z".parse().unwrap(),
                }],
            })
            .unwrap(),
            serde_json::json!({"type":"muted","room":"lounge",
                "members":[{"handle":"あき","until":"2026-12-07T09:10:00Z"}]})
        );
        let refused = ServerMsg::Error(ErrorFrame {
            code: ErrorCode::PersonalInfo,
            message: "m".into(),
            room: Some("lounge".into()),
            client_id: None,
            retry_after_ms: None,
            next_open: None,
            reason: None,
            kinds: vec![PersonalInfoKind::Phone, PersonalInfoKind::SnsId],
            sentence: None,
            args: Map::new(),
        });
        assert_eq!(
            serde_json::to_value(&refused).unwrap(),
            serde_json::json!({"type":"error","code":"personal_info","message":"m","room":"lounge",
                "kinds":["phone","sns_id"]})
        );
    }

    #[test]
    fn error_frame_has_code_and_message() {
        let msg = ServerMsg::Error(ErrorFrame {
            code: ErrorCode::RateLimited,
            message: "少し待ってください".into(),
            room: None,
            client_id: None,
            retry_after_ms: Some(1200),
            next_open: None,
            reason: None,
            kinds: vec![],
            sentence: None,
            args: Map::new(),
        });
        let json = serde_json::to_string(&msg).unwrap();
        assert_eq!(
            json,
            r#"{"type":"error","code":"rate_limited","message":"少し待ってください","retry_after_ms":1200}"#
        );
    }

    /// The names issue 11 gives these frames, spelled exactly (a contract with clients).
    #[test]
    fn escalation_frames_keep_their_wire_names() {
        use crate::{EscalationSource, EscalationState, EscalationStatus, QueueItem, Urgency};
        let json = |msg: &ServerMsg| serde_json::to_value(msg).unwrap();
        let excerpt = vec![ExcerptItem {
            message_id: "7".into(),
            text: "t".into(),
        }];
        assert_eq!(
            json(&ServerMsg::ConsentRequest {
                escalation_id: "e1".into(),
                excerpt: excerpt.clone(),
                room: None,
            }),
            serde_json::json!({"type":"consent_request","escalation_id":"e1",
                "excerpt":[{"message_id":"7","text":"t"}]})
        );
        assert_eq!(
            json(&ServerMsg::Escalation {
                escalation_id: "e1".into(),
                state: EscalationState::NoCounselor,
                position: Some(1),
                on_duty: Some(0),
                estimated_wait_minutes: Some(5),
                next_on_duty: Some("2026-12-07T09:00:00Z".parse().unwrap()),
                lines: Some(vec![]),
                room: Some("p-1".into()),
                handed_over: false,
                ended_by: None,
                desk: None,
                desk_name: None,
                desk_name_en: None,
                transferred: false,
            }),
            serde_json::json!({"type":"escalation","escalation_id":"e1","state":"no_counselor",
                "position":1,"on_duty":0,"estimated_wait_minutes":5,
                "next_on_duty":"2026-12-07T09:00:00Z","lines":[],"room":"p-1"})
        );
        assert_eq!(
            json(&ServerMsg::EscalationStatus {
                escalation_id: "e1".into(),
                status: EscalationStatus::NotGoingAhead,
                room: None,
                handle: None,
            }),
            serde_json::json!({"type":"escalation_status","escalation_id":"e1",
                "status":"not_going_ahead"})
        );
        assert_eq!(
            json(&ServerMsg::Urgent {
                room: "lounge".into(),
                room_title: "ラウンジ".into(),
            }),
            serde_json::json!({"type":"urgent","room":"lounge","room_title":"ラウンジ"})
        );
        assert_eq!(
            json(&ServerMsg::Queue {
                items: vec![QueueItem {
                    escalation_id: "e1".into(),
                    urgency: Urgency::Urgent,
                    from: EscalationSource::Crisis,
                    room_title: None,
                    waiting_seconds: 40,
                    desk: None,
                    desk_name: None,
                    note: None,
                    transferred: false,
                }],
            }),
            serde_json::json!({"type":"queue","items":[{"escalation_id":"e1","urgency":"urgent",
                "from":"crisis","waiting_seconds":40}]})
        );
        let case = json(&ServerMsg::Case {
            escalation_id: "e1".into(),
            handle: "あき".into(),
            excerpt,
            urgency: Urgency::Normal,
            from: EscalationSource::Facilitator,
            room_title: None,
            desk: None,
            desk_name: None,
            note: None,
            observing: false,
        });
        assert_eq!(case["type"], "case");
        assert_eq!(case["handle"], "あき");
        assert_eq!(case["excerpt"][0]["message_id"], "7");
        assert_eq!(
            json(&{
                let mut ended = ServerMsg::escalation("e1", EscalationState::Ended);
                if let ServerMsg::Escalation { ended_by, .. } = &mut ended {
                    *ended_by = Some(crate::EndedBy::Person);
                }
                ended
            }),
            serde_json::json!({"type":"escalation","escalation_id":"e1","state":"ended",
                "ended_by":"person"})
        );
        for state in ["waiting", "connected", "declined", "cancelled", "ended"] {
            let parsed: EscalationState = serde_json::from_value(serde_json::json!(state)).unwrap();
            assert_eq!(serde_json::to_value(parsed).unwrap(), state);
        }
        for status in ["asked", "queued", "with_counselor", "ended"] {
            let parsed: EscalationStatus =
                serde_json::from_value(serde_json::json!(status)).unwrap();
            assert_eq!(serde_json::to_value(parsed).unwrap(), status);
        }
    }
}
