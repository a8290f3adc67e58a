//! The protocol state of one connection: before `hello`, then in a session with its rooms.
//!
//! Every refusal becomes an `error` frame and the connection goes on. Nothing here logs what
//! a person wrote or which handle they chose; only frame kinds and refusal codes.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use ibasho_moderation::Handle;
use ibasho_protocol::{
    ClientMsg, Lang, Position, Reaction, Role, ServerMsg, StaffLogin, StaffRole,
};

mod facilitation;

use crate::app::App;
use crate::hub::{Departure, RoomError};
use crate::outbox::{CloseReason, Outbox};
use crate::ratelimit::Limiter;
use crate::refusal::{BadRequest, Refusal};
use crate::schedule::Status;
use crate::secret;
use crate::store::{Attachment, NewMessage, Profile};
use crate::token::SessionToken;

/// Message ids are short numbers; anything longer names no message.
const MAX_MESSAGE_ID_BYTES: usize = 32;

/// Epochs are short; anything longer is no epoch of ours.
const MAX_EPOCH_BYTES: usize = 64;

/// `room_closed` (with when it opens next) unless the room is open.
fn open_now(status: Status) -> Result<(), Refusal> {
    match status {
        Status::Open { .. } => Ok(()),
        Status::Upcoming { opens_at } => Err(Refusal::RoomClosed {
            next_open: Some(opens_at),
        }),
        Status::Closed { next_open } => Err(Refusal::RoomClosed { next_open }),
    }
}

fn well_formed(position: &Position) -> bool {
    position.epoch.len() <= MAX_EPOCH_BYTES
}

/// The `type`s a client may send, to tell an unknown type from a malformed known one.
const KNOWN_TYPES: [&str; 7] = [
    "hello",
    "join",
    "say",
    "leave",
    "react",
    "facilitate",
    "pass",
];

/// A session this connection holds.
#[derive(Debug)]
struct Attached {
    token: SessionToken,
    attachment: Attachment,
    /// What the others see (for whose turn it is in a round).
    handle: String,
    /// Who the person said they come as (rooms for other audiences refuse them).
    role: Option<Role>,
    /// A staff member's role: they may facilitate, and enter every room.
    staff: Option<StaffRole>,
    rooms: BTreeSet<String>,
}

/// One connection's view of the conversation.
pub struct Peer {
    app: Arc<App>,
    outbox: Outbox,
    frames: Limiter,
    entry_words: Limiter,
    staff_logins: Limiter,
    lang: Lang,
    session: Option<Attached>,
}

impl Peer {
    pub fn new(app: Arc<App>, outbox: Outbox) -> Peer {
        let limits = &app.settings.limits;
        let frames = Limiter::new(limits.frames_per_second, limits.frames_burst);
        let entry_words = Limiter::per_minute(
            limits.entry_words_per_connection,
            limits.entry_words_per_connection,
        );
        let staff_logins = Limiter::per_minute(
            limits.staff_logins_per_connection,
            limits.staff_logins_per_connection,
        );
        Peer {
            app,
            outbox,
            frames,
            entry_words,
            staff_logins,
            lang: Lang::default(),
            session: None,
        }
    }

    pub fn has_session(&self) -> bool {
        self.session.is_some()
    }

    pub fn outbox(&self) -> &Outbox {
        &self.outbox
    }

    /// Handles one text frame; refusals are answered with an error frame.
    pub async fn on_text(&mut self, text: &str) {
        // Rooms whose session ended are no longer this connection's.
        if let Some(session) = &mut self.session {
            for room in self.outbox.control().take_closed_rooms() {
                session.rooms.remove(&room);
            }
        }
        // Parsed before the rate check (frames are at most 16 KiB), so that a refused `say`
        // names its room and client id and the client knows which message to send again.
        let parsed = parse(text);
        let (room, client_id) = match &parsed {
            Ok(
                ClientMsg::Join { room, .. }
                | ClientMsg::Leave { room }
                | ClientMsg::React { room, .. }
                | ClientMsg::Facilitate { room, .. }
                | ClientMsg::Pass { room },
            ) => (Some(room.clone()), None),
            Ok(ClientMsg::Say {
                room, client_id, ..
            }) => (Some(room.clone()), client_id.clone()),
            Ok(ClientMsg::Hello { .. }) | Err(_) => (None, None),
        };
        let result = match self.frames.check() {
            Err(retry_after) => Err(Refusal::RateLimited { retry_after }),
            Ok(()) => match parsed {
                Ok(msg) => {
                    tracing::trace!(kind = msg.kind(), "frame");
                    self.dispatch(msg).await
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

    async fn dispatch(&mut self, msg: ClientMsg) -> Result<(), Refusal> {
        match msg {
            ClientMsg::Hello {
                handle,
                resume,
                lang,
                role,
                since,
                staff,
            } => self.hello(handle, resume, lang, role, since, staff).await,
            ClientMsg::Join {
                room,
                since,
                entry_word,
            } => self.join(room, since, entry_word).await,
            ClientMsg::Say {
                room,
                text,
                client_id,
            } => self.say(room, text, client_id).await,
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
        }
    }

    async fn hello(
        &mut self,
        handle: Option<String>,
        resume: Option<String>,
        lang: Option<Lang>,
        role: Option<Role>,
        since: BTreeMap<String, Position>,
        staff: Option<StaffLogin>,
    ) -> Result<(), Refusal> {
        if self.session.is_some() {
            return Err(Refusal::BadRequest(BadRequest::HelloTwice));
        }
        if since.len() > self.app.settings.limits.max_rooms_per_connection
            || since.values().any(|position| !well_formed(position))
        {
            return Err(Refusal::BadRequest(BadRequest::BadPosition));
        }
        if let Some(lang) = lang {
            self.lang = lang;
        }
        if let Some(resume) = resume {
            let token = SessionToken::from_client(&resume)
                .ok_or(Refusal::BadRequest(BadRequest::BadResumeToken))?;
            if self.resume(token, lang, &since).await? {
                return Ok(());
            }
            // Unknown or expired: a fresh session, and `resumed: false` says so.
        }
        let (requested, staff) = match staff {
            Some(login) => {
                let account = self.sign_in(login).await?;
                (Some(account.handle), Some(account.role))
            }
            None => (
                handle
                    .map(|raw| Handle::parse(&raw))
                    .transpose()
                    .map_err(Refusal::HandleInvalid)?,
                None,
            ),
        };
        // Staff come as staff, not as a person or a family member.
        let role = if staff.is_some() { None } else { role };
        let (session, handle) = self
            .app
            .hub
            .open_session(
                requested,
                Profile {
                    lang: self.lang,
                    role,
                    staff,
                },
                &self.outbox,
            )
            .await
            .map_err(room_refusal)?;
        self.outbox.send(&ServerMsg::Welcome {
            handle: handle.as_str().to_owned(),
            session: session.token.expose().to_owned(),
            resumed: false,
            rooms: Vec::new(),
            staff,
        });
        self.session = Some(Attached {
            token: session.token,
            attachment: session.attachment,
            handle: handle.into_string(),
            role,
            staff,
            rooms: BTreeSet::new(),
        });
        tracing::debug!("session started");
        Ok(())
    }

    /// Restores a session and resyncs each of its rooms; false if there is nothing to resume.
    async fn resume(
        &mut self,
        token: SessionToken,
        lang: Option<Lang>,
        since: &BTreeMap<String, Position>,
    ) -> Result<bool, Refusal> {
        let hub = Arc::clone(&self.app.hub);
        let Some(record) = hub
            .resume(&token, &self.outbox)
            .await
            .map_err(|_| Refusal::Unavailable)?
        else {
            return Ok(false);
        };
        self.lang = lang.unwrap_or(record.profile.lang);
        let attachment = record.attachment;
        self.outbox.send(&ServerMsg::Welcome {
            handle: record.handle.clone(),
            session: token.expose().to_owned(),
            resumed: true,
            rooms: record.rooms.clone(),
            staff: record.profile.staff,
        });
        let mut rooms = BTreeSet::new();
        for room in record.rooms {
            // Each `joined` carries the history (or exactly what was missed since the
            // position the client gave), so the client sees what it missed.
            match hub
                .join(&room, &token, &self.outbox, since.get(&room))
                .await
            {
                Ok(_) => {
                    rooms.insert(room);
                }
                Err(err) => self.refuse(&room_refusal(err), Some(&room), None),
            }
        }
        self.session = Some(Attached {
            token,
            attachment,
            handle: record.handle,
            role: record.profile.role,
            staff: record.profile.staff,
            rooms,
        });
        tracing::debug!("session resumed");
        Ok(true)
    }

    /// Takes an entry-word attempt from this connection's and the room's allowance (the
    /// room's is shared by every node; unknown rooms share one).
    async fn entry_word_attempt(&self, room: &str) -> Result<(), Refusal> {
        self.entry_words
            .check()
            .map_err(|retry_after| Refusal::RateLimited { retry_after })?;
        let per_room = self.app.settings.limits.entry_words_per_room;
        self.app
            .attempt(&format!("entry_word:{room}"), per_room)
            .await
    }

    async fn join(
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
        let max_rooms = self.app.settings.limits.max_rooms_per_connection;
        let (token, role, staff, member, rooms) = match &self.session {
            Some(session) => (
                session.token.clone(),
                session.role,
                session.staff.is_some(),
                session.rooms.contains(&room),
                session.rooms.len(),
            ),
            None => return Err(Refusal::BadRequest(BadRequest::HelloFirst)),
        };
        let app = Arc::clone(&self.app);
        let Some(spec) = app.catalogue.room(&room) else {
            // With an entry word, the answer never says whether the room exists.
            if entry_word.is_some() {
                self.entry_word_attempt("").await?;
                return Err(Refusal::EntryWordRefused);
            }
            return Err(Refusal::NoSuchRoom);
        };
        open_now(app.status(spec))?;
        // Staff facilitate rooms for every audience, and need no entry word.
        if !staff && !spec.audience.admits(role) {
            return Err(Refusal::AudienceMismatch);
        }
        // A member coming back (a resync) was admitted already.
        if let Some(hash) = &spec.entry_word_hash
            && !member
            && !staff
        {
            self.entry_word_attempt(&room).await?;
            let word = entry_word.unwrap_or_default();
            let hash = hash.clone();
            let right = word.chars().count() <= secret::MAX_CHARS
                && tokio::task::spawn_blocking(move || secret::matches(&word, &hash))
                    .await
                    .unwrap_or(false);
            if !right {
                return Err(Refusal::EntryWordRefused);
            }
        }
        if !member && rooms >= max_rooms {
            return Err(Refusal::BadRequest(BadRequest::TooManyRooms {
                max: max_rooms,
            }));
        }
        app.hub
            .join(&room, &token, &self.outbox, since.as_ref())
            .await
            .map_err(room_refusal)?;
        if let Some(session) = &mut self.session {
            session.rooms.insert(room);
        }
        Ok(())
    }

    async fn say(
        &mut self,
        room: String,
        text: String,
        client_id: Option<String>,
    ) -> Result<(), Refusal> {
        let limits = &self.app.settings.limits;
        let session = self
            .session
            .as_ref()
            .ok_or(Refusal::BadRequest(BadRequest::HelloFirst))?;
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
        let Some(spec) = self.app.catalogue.room(&room) else {
            return Err(Refusal::NoSuchRoom);
        };
        if !session.rooms.contains(&room) {
            return Err(Refusal::NotInRoom);
        }
        // Between the end of a session and its erasure nothing new is said.
        open_now(self.app.status(spec))?;
        // A retry after a reconnect is confirmed, not said again, and costs no rate.
        if let Some(client_id) = &client_id
            && self
                .app
                .hub
                .confirm_retry(&room, &session.token, client_id, &self.outbox)
                .await
                .map_err(room_refusal)?
        {
            return Ok(());
        }
        self.check_floor(&room).await?;
        let Some(session) = self.session.as_ref() else {
            return Err(Refusal::BadRequest(BadRequest::HelloFirst));
        };
        if let Some(limiter) = self.app.hub.says_limiter(&session.token) {
            limiter
                .check()
                .map_err(|retry_after| Refusal::RateLimited { retry_after })?;
        }
        let message = NewMessage {
            room,
            session: session.token.clone(),
            client_id,
            text,
            at: self.app.clock.now(),
        };
        self.app
            .hub
            .say(message, &self.outbox)
            .await
            .map_err(room_refusal)?;
        self.app.metrics.messages.inc();
        Ok(())
    }

    async fn leave(&mut self, room: String) -> Result<(), Refusal> {
        let session = self
            .session
            .as_mut()
            .ok_or(Refusal::BadRequest(BadRequest::HelloFirst))?;
        if self.app.catalogue.room(&room).is_none() {
            return Err(Refusal::NoSuchRoom);
        }
        if !session.rooms.remove(&room) {
            return Err(Refusal::NotInRoom);
        }
        self.app
            .hub
            .leave(&room, &session.token, &self.outbox)
            .await
            .map_err(room_refusal)
    }

    async fn react(
        &mut self,
        room: String,
        message_id: String,
        reaction: Reaction,
    ) -> Result<(), Refusal> {
        let session = self
            .session
            .as_ref()
            .ok_or(Refusal::BadRequest(BadRequest::HelloFirst))?;
        if self.app.catalogue.room(&room).is_none() {
            return Err(Refusal::NoSuchRoom);
        }
        if !session.rooms.contains(&room) {
            return Err(Refusal::NotInRoom);
        }
        if message_id.is_empty() || message_id.len() > MAX_MESSAGE_ID_BYTES {
            return Err(Refusal::NoSuchMessage);
        }
        self.app
            .hub
            .react(&room, &session.token, &message_id, reaction)
            .await
            .map_err(room_refusal)
    }

    /// Cleans up when the connection ends: a close frame from the client ends the session; a
    /// dropped connection leaves it resumable for the grace period.
    pub async fn finish(&mut self, ending: CloseReason) {
        let Some(session) = self.session.take() else {
            return;
        };
        let departure = match ending {
            CloseReason::ClientClosed => Departure::Left,
            CloseReason::Replaced => Departure::Replaced,
            _ => Departure::Dropped,
        };
        self.app
            .hub
            .disconnect(
                &session.token,
                session.attachment,
                &self.outbox,
                &session.rooms,
                departure,
            )
            .await;
    }
}

/// Parses a frame, telling apart "not JSON", "unknown type" and "wrong fields".
fn parse(text: &str) -> Result<ClientMsg, BadRequest> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| BadRequest::NotJson)?;
    let known = value
        .get("type")
        .and_then(serde_json::Value::as_str)
        .is_some_and(|kind| KNOWN_TYPES.contains(&kind));
    if !known {
        return Err(BadRequest::UnknownType);
    }
    serde_json::from_value(value).map_err(|_| BadRequest::MissingOrWrongField)
}

fn room_refusal(err: RoomError) -> Refusal {
    match err {
        RoomError::NoSuchRoom => Refusal::NoSuchRoom,
        RoomError::Full => Refusal::RoomFull,
        RoomError::HandleTaken => Refusal::HandleTaken,
        RoomError::NotInRoom => Refusal::NotInRoom,
        RoomError::NoSuchMessage => Refusal::NoSuchMessage,
        RoomError::Unavailable => Refusal::Unavailable,
    }
}

#[cfg(test)]
mod tests {
    use ibasho_protocol::FacilitatorAction;

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
    fn known_types_match_the_protocol() {
        let samples = [
            ClientMsg::Hello {
                handle: None,
                resume: None,
                lang: None,
                role: None,
                since: Default::default(),
                staff: None,
            },
            ClientMsg::Join {
                room: "r".into(),
                since: None,
                entry_word: None,
            },
            ClientMsg::Say {
                room: "r".into(),
                text: "t".into(),
                client_id: None,
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
        ];
        let kinds: Vec<&str> = samples.iter().map(ClientMsg::kind).collect();
        assert_eq!(kinds, KNOWN_TYPES);
    }
}
