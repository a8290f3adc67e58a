//! Wire types of Ibasho: what travels between a browser (or any WebSocket client) and the server.
//!
//! # Layout
//! - [`client`] — [`ClientMsg`], every frame a client may send on `/ws`.
//! - [`server`] — [`ServerMsg`], every frame the server sends, and [`ChatMessage`].
//! - [`facilitation`] — staff sign-in, facilitator actions, whose turn it is.
//! - [`escalation`] — asking for a counselor: urgency, source, states, the queue.
//! - [`desks`] — counselor desks: routing answers, canned replies, the supervisor's overview.
//! - [`error`] — [`ErrorCode`], the stable codes of `{"type":"error"}` frames.
//! - [`rooms`] — what `GET /api/rooms` returns.
//! - [`moderation`] — a facilitator's `moderate` actions and the sanctions they bring.
//! - [`safety`] — personal-information kinds, help lines, staff alerts.
//! - [`position`] — [`Position`], where a client is in a room's stream, for recovery.
//! - [`close`] — WebSocket close codes the server uses and what each means.
//! - [`audit`] — [`AuditEntry`], what `GET /api/audit` answers (HTTP wire types live here too).
//! - [`figures`] — what `GET /api/figures` and `GET /api/voice` answer: usage totals and the
//!   participants' voice, small numbers suppressed.
//!
//! Every frame is a JSON text frame tagged by `type` in `snake_case`. Only this crate and the
//! server touch JSON; the moderation crate works on plain domain types.

#[cfg(feature = "arbitrary")]
pub mod arbitrary;
pub mod audit;
pub mod client;
pub mod close;
pub mod desks;
pub mod error;
pub mod escalation;
pub mod facilitation;
pub mod figures;
pub mod map;
pub mod moderation;
pub mod position;
pub mod rooms;
pub mod safety;
pub mod server;
pub mod time;

pub use audit::AuditEntry;

/// The longest handle, in characters (Unicode scalar values) after normalisation.
pub const MAX_HANDLE_CHARS: usize = 20;
pub use client::{ClientMsg, Lang, MAX_VOICE_CHARS, Reaction, Role, VoiceAbout};
pub use desks::{
    About, AgeBand, DeskInfo, DeskOverview, MAX_TRANSFER_NOTE_CHARS, MAX_WHISPER_CHARS,
    OverviewCase, Reply,
};
pub use error::ErrorCode;
pub use escalation::{
    CaseOutcome, EndedBy, EscalationSource, EscalationState, EscalationStatus, ExcerptItem,
    QueueItem, Urgency,
};
pub use facilitation::{FacilitatorAction, Floor, LEEWAY_MINUTES, StaffLogin, StaffRole};
pub use map::Map;
pub use moderation::{
    DEFAULT_MUTE_MINUTES, MAX_MUTE_MINUTES, MAX_REPORT_NOTE_CHARS, MAX_SLOW_MODE_SECONDS,
    MAX_TOPIC_CHARS, ModerateAction, MutedMember, ReportOutcome, ReportReason, SanctionKind,
};
pub use position::Position;
pub use rooms::{
    Audience, PRIVATE_ROOM_PREFIX, Programme, RoomInfo, RoomKind, RoomStatus, Segment, Slot,
    is_private_room,
};
pub use safety::{AlertReason, HelpLine, PersonalInfoKind};
pub use server::{ChatMessage, ErrorFrame, Limits, NoticeCode, ReactionCounts, ServerMsg};
