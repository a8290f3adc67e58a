//! A connection's session: `hello` (a new session, a resumed one, or a staff sign-in) and
//! what happens to the session when the connection ends.

use std::sync::Arc;

use ibasho_moderation::Handle;
use ibasho_protocol::{Lang, Position, Role, ServerMsg, StaffLogin};

use super::{Attached, Peer, well_formed};
use crate::outbox::CloseReason;
use crate::refusal::{BadRequest, Refusal};
use crate::rooms::Opened;
use crate::secret;
use crate::staff::{self, StaffAccount};
use crate::token::SessionToken;

impl Peer {
    pub(super) async fn hello(
        &mut self,
        handle: Option<String>,
        resume: Option<String>,
        lang: Option<Lang>,
        role: Option<Role>,
        since: ibasho_protocol::Map<String, Position>,
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
        let app = Arc::clone(&self.app);
        let opened = app
            .rooms
            .open_session(requested, self.lang, role, staff, &self.outbox)
            .await?;
        self.outbox.send(&ServerMsg::Welcome {
            handle: opened.handle.clone(),
            session: opened.token.expose().to_owned(),
            resumed: false,
            rooms: Vec::new(),
            staff,
            limits: Some(app.rooms.published_limits()),
        });
        self.session = Some(attached(opened));
        tracing::debug!("session started");
        Ok(())
    }

    /// Restores a session and resyncs each of its rooms; false if there is nothing to resume.
    async fn resume(
        &mut self,
        token: SessionToken,
        lang: Option<Lang>,
        since: &ibasho_protocol::Map<String, Position>,
    ) -> Result<bool, Refusal> {
        let app = Arc::clone(&self.app);
        let Some(opened) = app.rooms.resume(token, &self.outbox).await? else {
            return Ok(false);
        };
        self.lang = lang.unwrap_or(opened.lang);
        self.outbox.send(&ServerMsg::Welcome {
            handle: opened.handle.clone(),
            session: opened.token.expose().to_owned(),
            resumed: true,
            rooms: opened.rooms.clone(),
            staff: opened.staff,
            limits: Some(app.rooms.published_limits()),
        });
        let rooms = opened.rooms.clone();
        let session = attached(opened);
        for room in &rooms {
            // Each `joined` carries the history (or exactly what was missed since the
            // position the client gave), so the client sees what it missed.
            let rejoined = app
                .rooms
                .rejoin(session.who(), room, since.get(room), &self.outbox)
                .await;
            if let Err(refusal) = rejoined {
                self.refuse(&refusal, Some(room), None);
            }
        }
        // Where a request to talk with a counselor stands, told again.
        let staff = session.staff.map(|_| session.handle.as_str());
        if let Err(refusal) = app.counsel.resumed(&session.token, staff, &rooms).await {
            self.refuse(&refusal, None, None);
        }
        // What staff did about this session's reports while it was away, told once.
        if let Err(refusal) = app.rooms.tell_outcomes(&session.token, &self.outbox).await {
            self.refuse(&refusal, None, None);
        }
        self.session = Some(session);
        tracing::debug!("session resumed");
        Ok(true)
    }

    /// Checks a staff sign-in (slow by design, off the async threads, and limited per
    /// connection and per account name, for every node together). A wrong name and a wrong
    /// password get the same answer.
    async fn sign_in(&self, login: StaffLogin) -> Result<StaffAccount, Refusal> {
        // Per connection, and per account name (hashed: the store keeps no typed text) for
        // every node together: guessing one account's password is slow, and nobody can lock
        // every account out.
        let per_name = self.app.settings.limits.staff_logins_per_name;
        let key = staff::attempts_key(&login.name);
        self.app
            .rooms
            .attempt(self.staff_logins(), &key, per_name)
            .await?;
        // Longer than any secret that could have been hashed: refused without hashing.
        if login.name.chars().count() > secret::MAX_CHARS
            || login.password.chars().count() > secret::MAX_CHARS
        {
            return Err(Refusal::StaffLoginRefused);
        }
        let accounts = self.app.staff();
        let account =
            tokio::task::spawn_blocking(move || accounts.sign_in(&login.name, &login.password))
                .await
                .ok()
                .flatten();
        match account {
            Some(account) => {
                tracing::info!("staff signed in");
                Ok(account)
            }
            None => {
                tracing::info!("staff sign-in refused");
                Err(Refusal::StaffLoginRefused)
            }
        }
    }

    /// Cleans up when the connection ends: a close frame from the client ends the session; a
    /// dropped connection leaves it resumable for the grace period.
    pub async fn finish(&mut self, ending: CloseReason) {
        let Some(session) = self.session.take() else {
            return;
        };
        self.app
            .rooms
            .disconnect(&session.token, session.attachment, &self.outbox, ending)
            .await;
    }
}

/// The session this connection holds from now on.
fn attached(opened: Opened) -> Attached {
    Attached {
        token: opened.token,
        attachment: opened.attachment,
        handle: opened.handle,
        role: opened.role,
        staff: opened.staff,
    }
}
