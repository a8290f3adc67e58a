//! Taking part: entering a room, saying something, reacting quietly, leaving. Each is one
//! operation of the room layer; here, only who is asking.

use std::sync::Arc;

use ibasho_protocol::{Position, Reaction};

use super::{Peer, well_formed};
use crate::refusal::{BadRequest, Refusal};
use crate::rooms::voice::Voicing;
use crate::rooms::{Joining, Saying};

impl Peer {
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
        let joining = Joining {
            who: self.who()?,
            room: &room,
            since: since.as_ref(),
            entry_word,
            entry_words: self.entry_words(),
        };
        app.rooms.join(joining, &self.outbox).await
    }

    pub(super) async fn say(
        &mut self,
        room: String,
        text: String,
        client_id: Option<String>,
        confirm_personal_info: bool,
    ) -> Result<(), Refusal> {
        self.may_speak_in(&room)?;
        let app = Arc::clone(&self.app);
        let saying = Saying {
            who: self.who()?,
            room: &room,
            text,
            client_id,
            confirm_personal_info,
        };
        app.rooms.say(saying, &self.outbox).await?;
        app.metrics.messages.inc();
        Ok(())
    }

    /// A supervisor in a counselor's 1:1 room is there to observe: they never speak (or
    /// react) to the person, only whisper to the counselor.
    fn may_speak_in(&self, room: &str) -> Result<(), Refusal> {
        let observer = self.session()?.staff == Some(ibasho_protocol::StaffRole::Supervisor);
        if observer && ibasho_protocol::is_private_room(room) {
            return Err(Refusal::Forbidden);
        }
        Ok(())
    }

    /// The participants' voice (see `rooms::voice`).
    pub(super) async fn voice(&mut self, voicing: Voicing) -> Result<(), Refusal> {
        let app = Arc::clone(&self.app);
        app.rooms.voice(self.who()?, voicing, &self.outbox).await?;
        app.metrics.voices.inc();
        Ok(())
    }

    /// A new person's browser said it had never been here: counted, nothing kept.
    pub(super) async fn first_visit(&mut self) {
        let app = Arc::clone(&self.app);
        if let Ok(who) = self.who()
            && who.staff.is_none()
        {
            app.rooms.first_visit(who).await;
        }
    }

    pub(super) async fn leave(&mut self, room: String) -> Result<(), Refusal> {
        self.app.rooms.leave(self.who()?, &room, &self.outbox).await
    }

    pub(super) async fn react(
        &mut self,
        room: String,
        message_id: String,
        reaction: Reaction,
    ) -> Result<(), Refusal> {
        self.may_speak_in(&room)?;
        self.app
            .rooms
            .react(self.who()?, &room, &message_id, reaction, &self.outbox)
            .await
    }
}
