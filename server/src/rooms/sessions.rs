//! A person's session as the room layer keeps it for the socket layer: starting one (with a
//! handle asked for, a generated one, or a staff sign-in), resuming it with its rooms, the
//! allowances shared by every node, and its end when the connection goes.

use ibasho_moderation::Handle;
use ibasho_protocol::{Lang, Position, Role, StaffRole};

use super::{Rooms, Who};
use crate::hub::Departure;
use crate::hub::audit::staff_name;
use crate::outbox::{CloseReason, Outbox};
use crate::ratelimit::Limiter;
use crate::refusal::Refusal;
use crate::store::Profile;
use crate::token::SessionToken;

/// A session this connection started or took back.
#[derive(Debug)]
pub struct Opened {
    pub token: SessionToken,
    /// Which attachment of the session this connection is: only the current one may end it.
    pub attachment: u64,
    pub handle: String,
    pub lang: Lang,
    pub role: Option<Role>,
    pub staff: Option<StaffRole>,
    /// A resumed session's rooms (it is in them again).
    pub rooms: Vec<String>,
}

impl Rooms {
    /// Starts a session for `conn`: with `requested` as its handle (or one generated that
    /// nobody present uses), as `role`, or as the staff member `staff` signed in as (their
    /// handle with its title; staff come as staff, never as a person or a family member).
    pub async fn open_session(
        &self,
        requested: Option<Handle>,
        lang: Lang,
        role: Option<Role>,
        staff: Option<StaffRole>,
        conn: &Outbox,
    ) -> Result<Opened, Refusal> {
        let role = if staff.is_some() { None } else { role };
        let profile = Profile { lang, role, staff };
        let (session, handle) = self.hub.open_session(requested, profile, conn).await?;
        if staff.is_some() {
            self.audit(staff_name(handle.as_str()), "sign_in", None, None, None)
                .await;
        }
        Ok(Opened {
            token: session.token,
            attachment: session.attachment,
            handle: handle.into_string(),
            lang,
            role,
            staff,
            rooms: Vec::new(),
        })
    }

    /// Takes a session back on `conn` (a connection still holding it is closed); `None` if
    /// there is nothing to resume. Its rooms are joined again with [`Rooms::rejoin`].
    pub async fn resume(
        &self,
        token: SessionToken,
        conn: &Outbox,
    ) -> Result<Option<Opened>, Refusal> {
        let record = self
            .hub
            .resume(&token, conn)
            .await
            .map_err(|_| Refusal::Unavailable)?;
        Ok(record.map(|record| Opened {
            token,
            attachment: record.attachment,
            handle: record.handle,
            lang: record.profile.lang,
            role: record.profile.role,
            staff: record.profile.staff,
            rooms: record.rooms,
        }))
    }

    /// Puts a resumed session's connection back in one of its rooms, with what it missed
    /// since `since` (a private room it was in may have been closed meanwhile: it is found
    /// again first).
    pub async fn rejoin(
        &self,
        who: Who<'_>,
        room: &str,
        since: Option<&Position>,
        conn: &Outbox,
    ) -> Result<(), Refusal> {
        self.find(room, who.token)
            .await?
            .ok_or(Refusal::NoSuchRoom)?;
        self.hub
            .join(room, who.token, who.staff.is_some(), conn, since)
            .await?;
        Ok(())
    }

    /// What staff did about the session's reports while it was away, told once.
    pub async fn tell_outcomes(&self, token: &SessionToken, conn: &Outbox) -> Result<(), Refusal> {
        self.hub.tell_outcomes(token, conn).await
    }

    /// Takes an attempt from this connection's allowance (`per_connection`) and then from
    /// the allowance of `key` that every node shares (`max` a minute).
    pub async fn attempt(
        &self,
        per_connection: &Limiter,
        key: &str,
        max: u32,
    ) -> Result<(), Refusal> {
        per_connection
            .check()
            .map_err(|retry_after| Refusal::RateLimited { retry_after })?;
        self.hub.attempt(key, max).await
    }

    /// The connection ended (`ending` says how): a close frame from the person — or their
    /// staff account changing — ends the session; a dropped connection leaves it resumable
    /// for the grace period; a connection another took over ends nothing.
    pub async fn disconnect(
        &self,
        token: &SessionToken,
        attachment: u64,
        conn: &Outbox,
        ending: CloseReason,
    ) {
        let departure = match ending {
            CloseReason::ClientClosed | CloseReason::SignedOut => Departure::Left,
            CloseReason::Replaced => Departure::Replaced,
            _ => Departure::Dropped,
        };
        self.hub
            .disconnect(token, attachment, conn, departure)
            .await;
    }
}
