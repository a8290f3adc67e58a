//! This node's sessions: starting one (with a requested or a generated handle), resuming
//! one (the old connection is closed: takeover), the grace period after a dropped
//! connection, and leases that let a shared store forget the sessions of a node that died.

use std::sync::Arc;

use ibasho_moderation::Handle;

use super::room::RoomHub;
use super::{Departure, Hub};
use crate::handles;
use crate::outbox::{CloseReason, Outbox};
use crate::ratelimit::Limiter;
use crate::refusal::Refusal;
use crate::store::{Attachment, NewSession, Profile, SessionRecord, StoreResult};
use crate::token::SessionToken;

/// Attempts at a free generated handle before giving up with `unavailable`.
const HANDLE_ATTEMPTS: u32 = 64;

/// A session as this node knows it: its current connection, and its message limit, which
/// survives reconnects so that reconnecting is no way around it.
#[derive(Debug)]
pub(super) struct LocalSession {
    pub(super) conn: Option<Outbox>,
    /// Made at the session's first `say`: many only listen.
    says: Option<Arc<Limiter>>,
    /// For a staff session: its handle (name and title), to end it if the account changes.
    pub(super) staff: Option<String>,
    /// The current attachment (to end the session while it waits for a resume).
    attachment: Attachment,
}

impl Hub {
    /// Renews the lease of every session connected here, so that the store lets the
    /// sessions of a node that died expire.
    pub(super) async fn keep_sessions_alive(self: Arc<Self>) {
        let mut tick = tokio::time::interval(self.limits.keep_alive_interval);
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                () = self.shutdown.cancelled() => return,
            }
            let tokens: Vec<SessionToken> = self
                .sessions()
                .iter()
                .filter(|(_, local)| local.conn.is_some())
                .map(|(token, _)| token.clone())
                .collect();
            if let Err(err) = self.store.keep_alive(&tokens).await {
                tracing::warn!(error = %err, "could not renew session leases");
            }
        }
    }

    /// Starts a session for `conn`, with the requested handle or a generated one that nobody
    /// present uses.
    pub async fn open_session(
        &self,
        requested: Option<Handle>,
        profile: Profile,
        conn: &Outbox,
    ) -> Result<(NewSession, Handle), Refusal> {
        let (session, handle) = match requested {
            Some(handle) => match self.store.create_session(&handle, profile, false).await? {
                Some(session) => (session, handle),
                None => return Err(Refusal::Unavailable),
            },
            None => self.open_generated(profile).await?,
        };
        let staff = profile.staff.map(|_| handle.as_str().to_owned());
        self.attach_local(&session.token, conn, staff, session.attachment);
        Ok((session, handle))
    }

    async fn open_generated(&self, profile: Profile) -> Result<(NewSession, Handle), Refusal> {
        for attempt in 0..HANDLE_ATTEMPTS {
            let handle = handles::generate(profile.lang, attempt);
            if let Some(session) = self.store.create_session(&handle, profile, true).await? {
                return Ok((session, handle));
            }
        }
        tracing::warn!("no free generated handle found");
        Err(Refusal::Unavailable)
    }

    /// Resumes a session on `conn`. A connection still holding it (a half-open socket the
    /// server has not noticed yet) is closed.
    pub async fn resume(
        &self,
        token: &SessionToken,
        conn: &Outbox,
    ) -> StoreResult<Option<SessionRecord>> {
        let record = self.store.attach_session(token).await?;
        if let Some(record) = &record {
            let staff = record.profile.staff.map(|_| record.handle.clone());
            self.attach_local(token, conn, staff, record.attachment);
        }
        Ok(record)
    }

    fn attach_local(
        &self,
        token: &SessionToken,
        conn: &Outbox,
        staff: Option<String>,
        attachment: Attachment,
    ) {
        let mut sessions = self.sessions();
        let local = sessions
            .entry(token.clone())
            .or_insert_with(|| LocalSession {
                conn: None,
                says: None,
                staff: None,
                attachment,
            });
        local.staff = staff;
        local.attachment = attachment;
        if let Some(previous) = local.conn.replace(conn.clone())
            && previous.id() != conn.id()
        {
            previous.hangup().close(CloseReason::Replaced);
        }
    }

    /// Ends the sessions here of staff accounts that were removed or changed (by their
    /// handles): closed with 4003, not resumable.
    pub(super) fn sign_out_here(self: &Arc<Self>, handles: &[String]) {
        let mut waiting = Vec::new();
        for (token, local) in self.sessions().iter() {
            let changed = local
                .staff
                .as_ref()
                .is_some_and(|handle| handles.contains(handle));
            match (changed, &local.conn) {
                (true, Some(conn)) => conn.hangup().close(CloseReason::SignedOut),
                // In its grace period: ended now, so that no resume brings it back.
                (true, None) => waiting.push((token.clone(), local.attachment)),
                (false, _) => {}
            }
        }
        for (token, attachment) in waiting {
            let hub = Arc::clone(self);
            tokio::spawn(async move { hub.end_session(&token, attachment, true).await });
        }
    }

    /// Ends the sessions of these staff accounts here at once, and tells every other node
    /// to (see [`Hub::sign_out_here`]).
    pub async fn sign_out(self: &Arc<Self>, handles: &[String]) -> StoreResult<()> {
        self.sign_out_here(handles);
        self.store.signed_out(handles).await
    }

    /// The session's message limiter.
    pub fn says_limiter(&self, token: &SessionToken) -> Option<Arc<Limiter>> {
        let mut sessions = self.sessions();
        let local = sessions.get_mut(token)?;
        let says = local.says.get_or_insert_with(|| {
            Arc::new(Limiter::new(
                self.limits.says_per_second,
                self.limits.says_burst,
            ))
        });
        Some(Arc::clone(says))
    }

    /// Sessions this node holds (connected or in their grace period).
    pub fn session_count(&self) -> usize {
        self.sessions().len()
    }

    /// Cleans up after a connection that had a session: it stops receiving, and the session
    /// ends now (`Left`), after the grace period (`Dropped`), or stays with its new
    /// connection (`Replaced`). `attachment` makes this a no-op if the session has been
    /// resumed elsewhere in the meantime.
    pub async fn disconnect(
        self: &Arc<Self>,
        token: &SessionToken,
        attachment: Attachment,
        conn: &Outbox,
        departure: Departure,
    ) {
        let rooms: Vec<Arc<RoomHub>> = self
            .rooms
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .values()
            .cloned()
            .collect();
        for room in rooms {
            room.members().remove(&conn.id());
        }
        {
            let mut sessions = self.sessions();
            if let Some(local) = sessions.get_mut(token)
                && local.conn.as_ref().is_some_and(|c| c.id() == conn.id())
            {
                local.conn = None;
            }
        }
        match departure {
            Departure::Left => self.end_session(token, attachment, false).await,
            Departure::Dropped => match self.store.detach_session(token, attachment).await {
                Ok(true) => self.start_grace(token.clone(), attachment),
                Ok(false) => self.forget_local(token),
                Err(err) => {
                    tracing::warn!(error = %err, "could not detach a session");
                    self.forget_local(token);
                }
            },
            Departure::Replaced => {}
        }
    }

    async fn end_session(&self, token: &SessionToken, attachment: Attachment, if_detached: bool) {
        let staff = self
            .sessions()
            .get(token)
            .and_then(|local| local.staff.clone());
        match self.store.end_session(token, attachment, if_detached).await {
            Ok(Some(rooms)) => {
                self.case_event(super::CaseEvent::SessionEnded {
                    token: token.clone(),
                    staff,
                });
                self.forget_local(token);
                for room in &rooms {
                    self.presence_changed(room);
                }
            }
            Ok(None) => self.forget_local(token),
            Err(err) => {
                tracing::warn!(error = %err, "could not end a session");
                self.forget_local(token);
            }
        }
    }

    /// Drops this node's record of a session unless a connection holds it.
    fn forget_local(&self, token: &SessionToken) {
        let mut sessions = self.sessions();
        if sessions
            .get(token)
            .is_some_and(|local| local.conn.is_none())
        {
            sessions.remove(token);
        }
    }

    /// Ends a dropped session when its grace period runs out without a resume.
    fn start_grace(self: &Arc<Self>, token: SessionToken, attachment: Attachment) {
        let hub = Arc::clone(self);
        let grace = self.limits.session_grace;
        tokio::spawn(async move {
            tokio::select! {
                () = tokio::time::sleep(grace) => hub.end_session(&token, attachment, true).await,
                () = hub.shutdown.cancelled() => {}
            }
        });
    }
}
