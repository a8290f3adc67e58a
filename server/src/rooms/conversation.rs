//! Taking part: entering a room, saying something, reacting quietly, leaving — each one
//! operation the socket layer calls once, deciding by one call of the room's policy.

use ibasho_moderation::{Alert, Verdict, matching_form};
use ibasho_protocol::{AlertReason, Position, Reaction, ServerMsg};

use super::policy::{self, Admission, SayPlan};
use super::{Actor, Room, Rooms, Who};
use crate::figures::name;
use crate::hub::audit::SYSTEM;
use crate::outbox::Outbox;
use crate::ratelimit::Limiter;
use crate::refusal::{BadRequest, Refusal};
use crate::secret;
use crate::store::{NewMessage, StaffAlert};

/// Message ids are short numbers; anything longer names no message.
const MAX_MESSAGE_ID_BYTES: usize = 32;

/// A `join`, as the socket layer read it.
pub struct Joining<'a> {
    pub who: Who<'a>,
    pub room: &'a str,
    pub since: Option<&'a Position>,
    pub entry_word: Option<String>,
    /// This connection's allowance of entry-word attempts.
    pub entry_words: &'a Limiter,
}

/// A `say`, as the socket layer read it.
pub struct Saying<'a> {
    pub who: Who<'a>,
    pub room: &'a str,
    pub text: String,
    pub client_id: Option<String>,
    pub confirm_personal_info: bool,
}

impl Rooms {
    /// An entry-word attempt: this connection's allowance and the room's, shared by every
    /// node (unknown rooms share one, so the answer never says whether a room exists).
    pub async fn entry_word_attempt(
        &self,
        entry_words: &Limiter,
        room: &str,
    ) -> Result<(), Refusal> {
        let key = format!("entry_word:{room}");
        self.attempt(entry_words, &key, self.limits.entry_words_per_room)
            .await
    }

    /// Enters a room (or resyncs in it): the policy's answer, the entry word where one is
    /// asked for, then the room with its history (or what was missed since `since`).
    pub async fn join(&self, joining: Joining<'_>, conn: &Outbox) -> Result<(), Refusal> {
        let Joining {
            who,
            room,
            since,
            entry_word,
            entry_words,
        } = joining;
        let Some(room) = self.find(room, who.token).await? else {
            // With an entry word, the answer never says whether the room exists.
            if entry_word.is_some() {
                self.entry_word_attempt(entry_words, "").await?;
                return Err(Refusal::EntryWordRefused);
            }
            return Err(Refusal::NoSuchRoom);
        };
        let id = &room.spec.id;
        let member = self.is_member(id, conn);
        let actor = self.actor(who, id, member).await?;
        if let Admission::EntryWord(hash) = policy::join(self.state(&room.spec).now(), actor)? {
            self.entry_word_attempt(entry_words, id).await?;
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
        let max_rooms = self.limits.max_rooms_per_connection;
        if !member && self.hub.rooms_of(conn) >= max_rooms {
            return Err(Refusal::BadRequest(BadRequest::TooManyRooms {
                max: max_rooms,
            }));
        }
        self.hub
            .join(id, who.token, who.staff.is_some(), conn, since)
            .await?;
        // Staff are not visits; a person coming back in the same sitting is the same one.
        if who.staff.is_none() {
            let sitting = self
                .figures
                .sitting(&room.spec, self.hub.control(id).as_ref());
            self.figures.came(&room.spec, &sitting, who.token).await;
        }
        Ok(())
    }

    /// The actor as the policy sees them in a room: with their sanctions there now.
    async fn actor<'a>(
        &self,
        who: Who<'a>,
        room: &str,
        member: bool,
    ) -> Result<Actor<'a>, Refusal> {
        let now = self.timing.now();
        Ok(Actor {
            handle: who.handle,
            role: who.role,
            staff: who.staff.is_some(),
            member,
            sanctions: self.hub.sanctions(room, who.token, now).await?,
        })
    }

    /// Says something. The message is judged by automatic protection once; the room's
    /// policy decides once (room rules, then that verdict); a retry after a reconnect is
    /// confirmed rather than said again; then the allowances the decision names are taken,
    /// and the message said with the alerts it brings. Whatever becomes of a message with
    /// crisis language — said, held back, refused — its writer is shown where help is.
    pub async fn say(&self, saying: Saying<'_>, conn: &Outbox) -> Result<(), Refusal> {
        let limits = &self.limits;
        if saying
            .client_id
            .as_ref()
            .is_some_and(|id| id.is_empty() || id.len() > limits.max_client_id_bytes)
        {
            return Err(Refusal::BadRequest(BadRequest::BadClientId {
                max: limits.max_client_id_bytes,
            }));
        }
        if saying.text.trim().is_empty() {
            return Err(Refusal::BadRequest(BadRequest::EmptyText));
        }
        if saying.text.chars().count() > limits.max_text_chars {
            return Err(Refusal::TooLong {
                max_chars: limits.max_text_chars,
            });
        }
        let room = self.inside(saying.who, saying.room, conn).await?;
        let verdict = self.protection.moderator.judge(
            &saying.text,
            room.spec.protection,
            saying.confirm_personal_info,
        );
        let crisis = verdict.crisis;
        let said = self.say_judged(saying, &room, &verdict, conn).await;
        if let Err(refused) = &said {
            self.count_automatic(&room.spec.id, &verdict, Some(refused))
                .await;
        }
        if crisis {
            conn.send(&ServerMsg::Support {
                room: room.spec.id.clone(),
                lines: self.protection.support_lines(self.timing.local_now()),
                offer_counselor: true,
            });
        }
        said
    }

    async fn say_judged(
        &self,
        saying: Saying<'_>,
        room: &Room,
        verdict: &Verdict,
        conn: &Outbox,
    ) -> Result<(), Refusal> {
        let Saying {
            who,
            text,
            client_id,
            ..
        } = saying;
        let (spec, id) = (&room.spec, room.spec.id.as_str());
        let actor = self.actor(who, id, true).await?;
        let decided = self.decide_say(spec, actor, verdict).await?;
        // A retry after a reconnect is confirmed, not said again, and costs no allowance —
        // even out of turn; never once the room's sitting is over or the writer muted.
        if policy::retry_may_be_confirmed(&decided)
            && let Some(client_id) = &client_id
            && self
                .hub
                .confirm_retry(id, who.token, client_id, conn)
                .await?
        {
            return Ok(());
        }
        // The session's rate, also for what the word lists refuse: nobody probes them fast.
        if policy::takes_rate(&decided)
            && let Some(limiter) = self.hub.says_limiter(who.token)
        {
            limiter
                .check()
                .map_err(|retry_after| Refusal::RateLimited { retry_after })?;
        }
        if let Err(Refusal::Blocked { reason }) = &decided {
            self.audit(SYSTEM, "block", Some(id), None, Some(reason))
                .await;
        }
        let SayPlan {
            slow_mode_seconds,
            count_repeats,
        } = decided?;
        if let Some(seconds) = slow_mode_seconds {
            self.hub.slow_mode(id, who.token, seconds).await?;
        }
        if count_repeats {
            let folded = matching_form(&text).text;
            let max = self.limits.repeats_per_minute;
            self.hub.repetition(who.token, &folded, max).await?;
        }
        let now = self.timing.now();
        let message = NewMessage {
            room: id.to_owned(),
            session: who.token.clone(),
            client_id,
            text,
            at: now,
        };
        if let Some(message_id) = self.hub.say(message, conn).await? {
            let sitting = self.figures.sitting(spec, self.hub.control(id).as_ref());
            self.figures
                .said(spec, &sitting, who.token, who.staff.is_some())
                .await;
            self.count_automatic(id, verdict, None).await;
            self.raise_alerts(who, id, &message_id, verdict, now).await;
        }
        Ok(())
    }

    /// What automatic protection did with a message, counted by kind: refused by a word
    /// list or held back as personal information (each refusal is one), and — for a new
    /// message once said, never a retry confirmed — flagged for staff, crisis language.
    async fn count_automatic(&self, room: &str, verdict: &Verdict, said: Option<&Refusal>) {
        let mut kinds = Vec::new();
        match said {
            Some(Refusal::Blocked { .. }) => kinds.push("blocked"),
            Some(Refusal::PersonalInfo { .. }) => kinds.push("personal_info"),
            Some(_) => {}
            None => {
                if verdict
                    .alerts
                    .iter()
                    .any(|alert| matches!(alert, Alert::Flagged { .. }))
                {
                    kinds.push("flagged");
                }
                if verdict.crisis {
                    kinds.push("crisis");
                }
            }
        }
        let counts: Vec<_> = kinds
            .into_iter()
            .map(|kind| (name::AUTOMATIC, Some(room), Some(kind)))
            .collect();
        if !counts.is_empty() {
            self.figures.add(&counts).await;
        }
    }

    /// The one decision for a `say`. A round whose facilitator has gone is over first (as
    /// the timetable would end it on its next tick): then the person speaks. Store errors
    /// (reading whether the room is attended) are the outer error.
    async fn decide_say(
        &self,
        spec: &crate::catalogue::RoomSpec,
        actor: Actor<'_>,
        verdict: &Verdict,
    ) -> Result<Result<SayPlan, Refusal>, Refusal> {
        if !actor.staff
            && self
                .hub
                .control(&spec.id)
                .is_some_and(|c| !c.may_speak(actor.handle))
        {
            self.hub.end_orphaned_round(&spec.id).await?;
        }
        let unattended = spec.facilitated && !actor.staff && self.hub.unattended(&spec.id).await?;
        let state = self.state(spec);
        let now = super::RoomNow {
            unattended,
            ..state.now()
        };
        Ok(policy::say(now, actor, verdict))
    }

    /// The alerts a said message brings, to staff (and noted in the audit log as codes).
    async fn raise_alerts(
        &self,
        who: Who<'_>,
        room: &str,
        message_id: &str,
        verdict: &Verdict,
        now: jiff::Timestamp,
    ) {
        for alert in &verdict.alerts {
            let raised = StaffAlert {
                id: StaffAlert::new_id(),
                room: room.to_owned(),
                message_id: message_id.to_owned(),
                handle: who.handle.to_owned(),
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
            if self.hub.raise_alert(&raised).await.is_err() {
                tracing::warn!(reason = alert.wire_reason(), "could not alert staff");
            }
            self.audit(
                SYSTEM,
                alert.audit_action(),
                Some(room),
                None,
                Some(alert.reason()),
            )
            .await;
        }
    }

    /// Leaves a room (the store's `Left` takes this connection out, in order).
    pub async fn leave(&self, who: Who<'_>, room: &str, conn: &Outbox) -> Result<(), Refusal> {
        let room = self.inside(who, room, conn).await?;
        self.hub.leave(&room.spec.id, who.token).await
    }

    /// A quiet reaction to a message (a second press takes it back).
    pub async fn react(
        &self,
        who: Who<'_>,
        room: &str,
        message_id: &str,
        reaction: Reaction,
        conn: &Outbox,
    ) -> Result<(), Refusal> {
        let room = self.inside(who, room, conn).await?;
        let actor = Actor {
            handle: who.handle,
            role: who.role,
            staff: who.staff.is_some(),
            member: true,
            sanctions: None,
        };
        policy::react(self.state(&room.spec).now(), actor)?;
        if message_id.is_empty() || message_id.len() > MAX_MESSAGE_ID_BYTES {
            return Err(Refusal::NoSuchMessage);
        }
        // Counted when given, not when a second press takes it back.
        if self
            .hub
            .react(&room.spec.id, who.token, message_id, reaction)
            .await?
        {
            self.figures.reacted(&room.spec.id).await;
        }
        Ok(())
    }
}
