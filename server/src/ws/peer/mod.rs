//! The protocol state of one connection: before `hello`, then in a session with its rooms.
//!
//! This file parses a frame, checks the connection's frame rate and hands the frame to its
//! handler; handlers live in files by area — [`session`] (hello, resume, staff sign-in, the
//! end), [`conversation`] (join, say, leave, react), [`facilitation`] (a facilitator's
//! actions, the floor), [`moderation`], [`reports`], [`alerts`], [`escalation`] (talking
//! with a counselor). A handler says who is asking (`self.who()?`: `bad_request` before
//! `hello`) and calls one operation of the room layer (`app.rooms`) or the counselor desk
//! (`app.counsel`), which checks the rest; this layer never names the hub or the store.
//! Adding a frame type is a variant in `protocol`, one operation below and one handler here.
//!
//! Every refusal becomes an `error` frame and the connection goes on. Nothing here logs what
//! a person wrote or which handle they chose; only frame kinds and refusal codes.

mod alerts;
mod conversation;
mod escalation;
mod facilitation;
mod moderation;
mod reports;
mod session;

use std::sync::{Arc, OnceLock};

use ibasho_protocol::{ClientMsg, Lang, Position, Role, ServerMsg, StaffRole};

use crate::app::App;
use crate::outbox::Outbox;
use crate::ratelimit::Limiter;
use crate::refusal::{BadRequest, Refusal};
use crate::rooms::Who;
use crate::token::SessionToken;

/// Epochs are short; anything longer is no epoch of ours.
const MAX_EPOCH_BYTES: usize = 64;

fn well_formed(position: &Position) -> bool {
    position.epoch.len() <= MAX_EPOCH_BYTES
}

/// A session this connection holds.
#[derive(Debug)]
struct Attached {
    token: SessionToken,
    /// Which attachment of the session this connection is (only the current one ends it).
    attachment: u64,
    /// What the others see (for whose turn it is in a round).
    handle: String,
    /// Who the person said they come as (rooms for other audiences refuse them).
    role: Option<Role>,
    /// A staff member's role: they may facilitate, and enter every room.
    staff: Option<StaffRole>,
}

impl Attached {
    /// Who asks, for the room layer.
    fn who(&self) -> Who<'_> {
        Who {
            token: &self.token,
            handle: &self.handle,
            role: self.role,
            staff: self.staff,
        }
    }
}

/// One connection's view of the conversation.
pub struct Peer {
    app: Arc<App>,
    outbox: Outbox,
    frames: Limiter,
    /// Made at the first entry word or staff sign-in on this connection: most connections
    /// never try either, and every connection's task holds its `Peer` for its whole life.
    entry_words: OnceLock<Box<Limiter>>,
    staff_logins: OnceLock<Box<Limiter>>,
    lang: Lang,
    session: Option<Attached>,
}

impl Peer {
    pub fn new(app: Arc<App>, outbox: Outbox) -> Peer {
        let limits = &app.settings.limits;
        let frames = Limiter::new(limits.frames_per_second, limits.frames_burst);
        Peer {
            app,
            outbox,
            frames,
            entry_words: OnceLock::new(),
            staff_logins: OnceLock::new(),
            lang: Lang::default(),
            session: None,
        }
    }

    /// This connection's allowance of entry-word attempts.
    fn entry_words(&self) -> &Limiter {
        self.entry_words.get_or_init(|| {
            let per_minute = self.app.settings.limits.entry_words_per_connection;
            Box::new(Limiter::per_minute(per_minute, per_minute))
        })
    }

    /// This connection's allowance of staff sign-in attempts.
    fn staff_logins(&self) -> &Limiter {
        self.staff_logins.get_or_init(|| {
            let per_minute = self.app.settings.limits.staff_logins_per_connection;
            Box::new(Limiter::per_minute(per_minute, per_minute))
        })
    }

    pub fn has_session(&self) -> bool {
        self.session.is_some()
    }

    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// Handles one text frame; refusals are answered with an error frame.
    pub async fn on_text(&mut self, text: &str) {
        // Parsed before the rate check (frames are at most 16 KiB), so that a refused `say`
        // names its room and client id and the client knows which message to send again.
        let parsed = parse(text);
        let (room, client_id) = match &parsed {
            Ok(msg) => (
                msg.room().map(str::to_owned),
                msg.client_id().map(str::to_owned),
            ),
            Err(_) => (None, None),
        };
        let result = match self.frames.check() {
            Err(retry_after) => Err(Refusal::RateLimited { retry_after }),
            Ok(()) => match parsed {
                Ok(msg) => {
                    tracing::trace!(kind = msg.kind(), "frame");
                    // Boxed: the handlers' futures are large, and inline they would make every
                    // connection's task that large all the time, idle or not.
                    Box::pin(self.dispatch(msg)).await
                }
                Err(bad) => Err(Refusal::BadRequest(bad)),
            },
        };
        if let Err(refusal) = result {
            self.refuse(&refusal, room.as_deref(), client_id.as_deref());
        }
    }

    /// Binary frames are not part of the protocol (and count against the frame limit).
    pub fn on_binary(&mut self) {
        let refusal = match self.frames.check() {
            Err(retry_after) => Refusal::RateLimited { retry_after },
            Ok(()) => Refusal::BadRequest(BadRequest::Binary),
        };
        self.refuse(&refusal, None, None);
    }

    fn refuse(&self, refusal: &Refusal, room: Option<&str>, client_id: Option<&str>) {
        tracing::debug!(code = refusal.code().as_str(), "refused a frame");
        self.app.metrics.refused(refusal.code().as_str());
        self.outbox.send(&ServerMsg::Error(
            refusal.to_frame(self.lang, room, client_id),
        ));
    }

    /// One handler per frame type.
    async fn dispatch(&mut self, msg: ClientMsg) -> Result<(), Refusal> {
        match msg {
            ClientMsg::Hello {
                handle,
                resume,
                lang,
                role,
                since,
                staff,
                first_visit,
            } => {
                // A resume is never a first visit, whatever the client says.
                let fresh = resume.is_none();
                self.hello(handle, resume, lang, role, since, staff).await?;
                if first_visit && fresh {
                    self.first_visit().await;
                }
                Ok(())
            }
            ClientMsg::Join {
                room,
                since,
                entry_word,
            } => self.join(room, since, entry_word).await,
            ClientMsg::Say {
                room,
                text,
                client_id,
                confirm_personal_info,
            } => self.say(room, text, client_id, confirm_personal_info).await,
            ClientMsg::Leave { room } => self.leave(room).await,
            ClientMsg::React {
                room,
                message_id,
                reaction,
            } => self.react(room, message_id, reaction).await,
            ClientMsg::Facilitate {
                room,
                action,
                minutes,
            } => self.facilitate(room, action, minutes).await,
            ClientMsg::Pass { room } => self.pass(room).await,
            ClientMsg::Moderate {
                room,
                action,
                message_id,
                handle,
                minutes,
                seconds,
                text,
            } => {
                let details = crate::rooms::Details {
                    message_id,
                    handle,
                    minutes,
                    seconds,
                    text,
                };
                self.moderate(room, action, details).await
            }
            ClientMsg::Report {
                room,
                message_id,
                reason,
                note,
            } => self.report(room, message_id, reason, note).await,
            ClientMsg::ResolveReport { report_id, outcome } => {
                self.resolve_report(report_id, outcome).await
            }
            ClientMsg::DismissAlert { alert_id } => self.dismiss_alert(alert_id).await,
            ClientMsg::AskCounselor {
                room,
                from,
                about,
                age_band,
                desk,
            } => self.ask_counselor(room, from, about, age_band, desk).await,
            ClientMsg::Transfer {
                escalation_id,
                desk,
                note,
            } => self.transfer(escalation_id, desk, note).await,
            ClientMsg::Observe { escalation_id } => self.observe(escalation_id).await,
            ClientMsg::DeclineObserver { escalation_id } => {
                self.decline_observer(escalation_id).await
            }
            ClientMsg::Whisper {
                escalation_id,
                text,
            } => self.whisper(escalation_id, text).await,
            ClientMsg::AskSupervisor { escalation_id } => self.ask_supervisor(escalation_id).await,
            ClientMsg::Escalate {
                room,
                handle,
                urgency,
                message_ids,
            } => self.escalate(room, handle, urgency, message_ids).await,
            ClientMsg::Consent {
                escalation_id,
                accept,
                message_ids,
            } => self.consent(escalation_id, accept, message_ids).await,
            ClientMsg::CancelEscalation { escalation_id } => {
                self.cancel_escalation(escalation_id).await
            }
            ClientMsg::Duty { on } => self.duty(on).await,
            ClientMsg::Claim { escalation_id } => self.claim(escalation_id).await,
            ClientMsg::HandOver { escalation_id } => self.hand_over(escalation_id).await,
            ClientMsg::EndCase {
                escalation_id,
                outcome,
            } => self.end_case(escalation_id, outcome).await,
            ClientMsg::Voice {
                room,
                about,
                rating,
                comment,
                confirm_personal_info,
            } => {
                let voicing = crate::rooms::voice::Voicing {
                    room,
                    about,
                    rating,
                    comment,
                    confirm_personal_info,
                };
                self.voice(voicing).await
            }
        }
    }

    /// The connection's session: `bad_request` (hello first) before `hello`.
    fn session(&self) -> Result<&Attached, Refusal> {
        self.session
            .as_ref()
            .ok_or(Refusal::BadRequest(BadRequest::HelloFirst))
    }

    /// Who asks: the connection's session (`bad_request` before `hello`).
    fn who(&self) -> Result<Who<'_>, Refusal> {
        Ok(self.session()?.who())
    }
}

/// Parses a frame, telling apart "not JSON", "unknown type" and "wrong fields".
pub(super) fn parse(text: &str) -> Result<ClientMsg, BadRequest> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| BadRequest::NotJson)?;
    let known = value
        .get("type")
        .and_then(serde_json::Value::as_str)
        .is_some_and(|kind| ClientMsg::KINDS.contains(&kind));
    if !known {
        return Err(BadRequest::UnknownType);
    }
    serde_json::from_value(value).map_err(|_| BadRequest::MissingOrWrongField)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_tells_errors_apart() {
        assert_eq!(parse("not json"), Err(BadRequest::NotJson));
        assert_eq!(parse("[1,2]"), Err(BadRequest::UnknownType));
        assert_eq!(parse(r#"{"type":"dance"}"#), Err(BadRequest::UnknownType));
        assert_eq!(parse(r#"{"room":"x"}"#), Err(BadRequest::UnknownType));
        assert_eq!(
            parse(r#"{"type":"join"}"#),
            Err(BadRequest::MissingOrWrongField)
        );
        assert_eq!(
            parse(r#"{"type":"say","room":"x","text":5}"#),
            Err(BadRequest::MissingOrWrongField)
        );
        assert!(parse(r#"{"type":"join","room":"lounge"}"#).is_ok());
    }

    #[test]
    fn every_kind_of_the_protocol_is_known() {
        for kind in ClientMsg::KINDS {
            let frame = format!(r#"{{"type":"{kind}"}}"#);
            assert_ne!(parse(&frame), Err(BadRequest::UnknownType), "{kind}");
        }
    }
}
