//! A connection's session: `hello` (a new session, a resumed one, or a staff sign-in) and
//! what happens to the session when the connection ends.

use std::collections::BTreeMap;

use ibasho_moderation::Handle;
use ibasho_protocol::{Lang, Position, Role, ServerMsg, StaffLogin};

use super::{Attached, Peer, well_formed};
use crate::hub::AuditEntry;
use crate::hub::Departure;
use crate::hub::Profile;
use crate::hub::audit::staff_name;
use crate::outbox::CloseReason;
use crate::refusal::{BadRequest, Refusal};
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
        let profile = Profile {
            lang: self.lang,
            role,
            staff,
        };
        let (session, handle) = self
            .app
            .hub
            .open_session(requested, profile, &self.outbox)
            .await?;
        self.outbox.send(&ServerMsg::Welcome {
            handle: handle.as_str().to_owned(),
            session: session.token.expose().to_owned(),
            resumed: false,
            rooms: Vec::new(),
            staff,
        });
        if staff.is_some() {
            self.app
                .hub
                .audit(AuditEntry {
                    at: self.app.rooms.timing().now(),
                    actor: staff_name(handle.as_str()).to_owned(),
                    action: "sign_in".to_owned(),
                    room: None,
                    target: None,
                    reason: None,
                })
                .await;
        }
        self.session = Some(Attached {
            token: session.token,
            attachment: session.attachment,
            handle: handle.into_string(),
            role,
            staff,
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
        let Some(record) = self
            .app
            .hub
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
        for room in record.rooms.clone() {
            // Each `joined` carries the history (or exactly what was missed since the
            // position the client gave), so the client sees what it missed.
            let staff = record.profile.staff.is_some();
            if let Err(refusal) = self.rejoin(&room, &token, staff, since.get(&room)).await {
                self.refuse(&refusal, Some(&room), None);
            }
        }
        // Where a request to talk with a counselor stands, told again.
        let staff = record.profile.staff.map(|_| record.handle.as_str());
        if let Err(refusal) = self.app.counsel.resumed(&token, staff, &record.rooms).await {
            self.refuse(&refusal, None, None);
        }
        // What staff did about this session's reports while it was away, told once.
        if let Err(refusal) = self.app.hub.tell_outcomes(&token, &self.outbox).await {
            self.refuse(&refusal, None, None);
        }
        self.session = Some(Attached {
            token,
            attachment,
            handle: record.handle,
            role: record.profile.role,
            staff: record.profile.staff,
        });
        tracing::debug!("session resumed");
        Ok(true)
    }

    /// Puts a resumed session's connection back in one of its rooms (a private room it was in
    /// may have been closed meanwhile: the hub must follow it again first).
    async fn rejoin(
        &self,
        room: &str,
        token: &SessionToken,
        staff: bool,
        since: Option<&Position>,
    ) -> Result<(), Refusal> {
        self.app
            .rooms
            .find(room, token)
            .await?
            .ok_or(Refusal::NoSuchRoom)?;
        self.app
            .hub
            .join(room, token, staff, &self.outbox, since)
            .await?;
        Ok(())
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
        self.attempt(&self.staff_logins, &key, per_name).await?;
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
        let departure = match ending {
            // A staff account that changed: its session ends, as if it had left.
            CloseReason::ClientClosed | CloseReason::SignedOut => Departure::Left,
            CloseReason::Replaced => Departure::Replaced,
            _ => Departure::Dropped,
        };
        self.app
            .hub
            .disconnect(&session.token, session.attachment, &self.outbox, departure)
            .await;
    }
}
