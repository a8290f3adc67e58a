//! Taking part: entering a room, saying something, reacting quietly, leaving.

use std::sync::Arc;

use ibasho_moderation::{Alert, Refusal as ModerationRefusal, Verdict, matching_form};
use ibasho_protocol::{AlertReason, Position, Reaction, ServerMsg};

use super::{InRoom, Peer, well_formed};
use crate::hub::audit::SYSTEM;
use crate::hub::{AuditEntry, NewMessage, StaffAlert};
use crate::refusal::{BadRequest, Refusal};
use crate::rooms::{Actor, Admission, policy};
use crate::secret;

/// Message ids are short numbers; anything longer names no message.
const MAX_MESSAGE_ID_BYTES: usize = 32;

impl Peer {
    /// Takes an entry-word attempt from this connection's and the room's allowance (the
    /// room's is shared by every node; unknown rooms share one).
    async fn entry_word_attempt(&self, room: &str) -> Result<(), Refusal> {
        let per_room = self.app.settings.limits.entry_words_per_room;
        let key = format!("entry_word:{room}");
        self.attempt(&self.entry_words, &key, per_room).await
    }

    pub(super) async fn join(
        &mut self,
        room: String,
        since: Option<Position>,
        entry_word: Option<String>,
    ) -> Result<(), Refusal> {
        if since
            .as_ref()
            .is_some_and(|position| !well_formed(position))
        {
            return Err(Refusal::BadRequest(BadRequest::BadPosition));
        }
        let app = Arc::clone(&self.app);
        let session = self.session()?;
        let Some(found) = app.rooms.find(&room, &session.token).await? else {
            // With an entry word, the answer never says whether the room exists.
            if entry_word.is_some() {
                self.entry_word_attempt("").await?;
                return Err(Refusal::EntryWordRefused);
            }
            return Err(Refusal::NoSuchRoom);
        };
        let member = app.hub.is_member(&room, &self.outbox);
        let now = app.rooms.timing().now();
        let actor = crate::rooms::Actor {
            handle: &session.handle,
            role: session.role,
            staff: session.staff.is_some(),
            member,
            sanctions: app.hub.sanctions(&room, &session.token, now).await?,
        };
        let token = session.token.clone();
        let staff = session.staff.is_some();
        let state = app.rooms.state(&found.spec);
        if let Admission::EntryWord(hash) = policy::join(state.now(), actor)? {
            self.entry_word_attempt(&room).await?;
            let word = entry_word.unwrap_or_default();
            let hash = hash.to_owned();
            let right = word.chars().count() <= secret::MAX_CHARS
                && tokio::task::spawn_blocking(move || secret::matches(&word, &hash))
                    .await
                    .unwrap_or(false);
            if !right {
                return Err(Refusal::EntryWordRefused);
            }
        }
        let max_rooms = app.settings.limits.max_rooms_per_connection;
        if !member && app.hub.rooms_of(&self.outbox) >= max_rooms {
            return Err(Refusal::BadRequest(BadRequest::TooManyRooms {
                max: max_rooms,
            }));
        }
        app.hub
            .join(&room, &token, staff, &self.outbox, since.as_ref())
            .await?;
        Ok(())
    }

    pub(super) async fn say(
        &mut self,
        room: String,
        text: String,
        client_id: Option<String>,
        confirm_personal_info: bool,
    ) -> Result<(), Refusal> {
        let limits = &self.app.settings.limits;
        self.session()?;
        if client_id
            .as_ref()
            .is_some_and(|id| id.is_empty() || id.len() > limits.max_client_id_bytes)
        {
            return Err(Refusal::BadRequest(BadRequest::BadClientId));
        }
        if text.trim().is_empty() {
            return Err(Refusal::BadRequest(BadRequest::EmptyText));
        }
        if text.chars().count() > limits.max_text_chars {
            return Err(Refusal::TooLong {
                max_chars: limits.max_text_chars,
            });
        }
        let here = self.member(&room).await?;
        // Whatever becomes of a message with crisis language — said, held back, or refused
        // because the room is listen-only or its writer muted — its writer is shown where
        // help is.
        // The verdict is made once, here: the support card needs it even when the policy
        // refuses the message first.
        let verdict = self.app.settings.protection.moderator.judge(
            &text,
            here.room.spec.protection,
            confirm_personal_info,
        );
        let crisis = verdict.crisis;
        let said = self
            .say_in(here, room.clone(), text, client_id, &verdict)
            .await;
        if crisis {
            let protection = &self.app.settings.protection;
            self.outbox.send(&ServerMsg::Support {
                room,
                lines: protection.support_lines(self.app.rooms.timing().local_now()),
                offer_counselor: true,
            });
        }
        said
    }

    /// `say` for a member: the room's policy, retries, rate, automatic protection, then the
    /// message and the alerts it brings.
    async fn say_in(
        &self,
        here: InRoom<'_>,
        room: String,
        text: String,
        client_id: Option<String>,
        verdict: &Verdict,
    ) -> Result<(), Refusal> {
        let hub = &self.app.hub;
        let now = self.app.rooms.timing().now();
        let actor = Actor {
            sanctions: hub.sanctions(&room, &here.session.token, now).await?,
            ..here.actor()
        };
        let allowed = self.app.rooms.may_say(&here.room.spec, actor).await;
        // A retry after a reconnect is confirmed, not said again, and costs no rate — even
        // out of turn; never once the room's sitting is over (room_closed, as before).
        if matches!(allowed, Ok(()) | Err(Refusal::NotYourTurn))
            && let Some(client_id) = &client_id
            && hub
                .confirm_retry(&room, &here.session.token, client_id, &self.outbox)
                .await?
        {
            return Ok(());
        }
        allowed?;
        if let Some(limiter) = hub.says_limiter(&here.session.token) {
            limiter
                .check()
                .map_err(|retry_after| Refusal::RateLimited { retry_after })?;
        }
        match &verdict.refusal {
            Some(ModerationRefusal::Blocked { reason }) => {
                self.audit_verdict(&room, "block", reason).await;
                return Err(Refusal::Blocked {
                    reason: reason.clone(),
                });
            }
            Some(ModerationRefusal::PersonalInfo { kinds, confirmable }) => {
                return Err(Refusal::PersonalInfo {
                    kinds: kinds.clone(),
                    confirmable: *confirmable,
                });
            }
            None => {}
        }
        // Slow mode: a participant's next say waits after their last (staff are exempt).
        // Taken only by a message that would otherwise be said.
        let slow_mode = self
            .app
            .rooms
            .state(&here.room.spec)
            .control
            .map_or(0, |control| control.slow_mode_seconds);
        if slow_mode > 0 && !actor.staff {
            hub.slow_mode(&room, &here.session.token, slow_mode).await?;
        }
        // The same words a third time in a minute — never crisis language: someone saying
        // it again must be heard.
        if !verdict.crisis {
            let folded = matching_form(&text).text;
            let max = self.app.settings.limits.repeats_per_minute;
            hub.repetition(&here.session.token, &folded, max).await?;
        }
        let message = NewMessage {
            room: room.clone(),
            session: here.session.token.clone(),
            client_id,
            text,
            at: self.app.rooms.timing().now(),
        };
        let said = hub.say(message, &self.outbox).await?;
        self.app.metrics.messages.inc();
        if let Some(message_id) = said {
            for alert in &verdict.alerts {
                let raised = StaffAlert {
                    id: StaffAlert::new_id(),
                    room: room.clone(),
                    message_id: message_id.clone(),
                    handle: here.session.handle.clone(),
                    reason: match alert {
                        Alert::Flagged { .. } => AlertReason::Flagged,
                        Alert::Trial { .. } => AlertReason::Trial,
                        Alert::Crisis => AlertReason::Crisis,
                    },
                    rule: match alert {
                        Alert::Flagged { reason } | Alert::Trial { reason } => Some(reason.clone()),
                        Alert::Crisis => None,
                    },
                    at: now,
                };
                // The message is said; an alert that cannot reach staff now is logged.
                if hub.raise_alert(&raised).await.is_err() {
                    tracing::warn!(reason = alert.wire_reason(), "could not alert staff");
                }
                self.audit_verdict(&room, alert.audit_action(), alert.reason())
                    .await;
            }
        }
        Ok(())
    }

    /// Notes an automatic verdict in the audit log: a reason code, never who or what.
    async fn audit_verdict(&self, room: &str, action: &str, reason: &str) {
        self.app
            .hub
            .audit(AuditEntry {
                at: self.app.rooms.timing().now(),
                actor: SYSTEM.to_owned(),
                action: action.to_owned(),
                room: Some(room.to_owned()),
                target: None,
                reason: Some(reason.to_owned()),
            })
            .await;
    }

    pub(super) async fn leave(&mut self, room: String) -> Result<(), Refusal> {
        let here = self.member(&room).await?;
        self.app.hub.leave(&room, &here.session.token).await
    }

    pub(super) async fn react(
        &mut self,
        room: String,
        message_id: String,
        reaction: Reaction,
    ) -> Result<(), Refusal> {
        let here = self.member(&room).await?;
        policy::react(self.app.rooms.state(&here.room.spec).now(), here.actor())?;
        if message_id.is_empty() || message_id.len() > MAX_MESSAGE_ID_BYTES {
            return Err(Refusal::NoSuchMessage);
        }
        self.app
            .hub
            .react(&room, &here.session.token, &message_id, reaction)
            .await
    }
}
