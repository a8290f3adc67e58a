//! Staff on a connection: signing in, the facilitator's actions, and the floor in a round.

use std::sync::Arc;

use ibasho_moderation::fold::fold;
use ibasho_protocol::{FacilitatorAction, StaffLogin};
use sha2::{Digest, Sha256};

use super::{Peer, room_refusal};
use crate::control::{self, NotNow, RoomControl};
use crate::refusal::{BadRequest, Refusal};
use crate::schedule::Status;
use crate::secret;
use crate::staff::StaffAccount;
use crate::store::hex;

impl From<NotNow> for Refusal {
    fn from(NotNow: NotNow) -> Self {
        Refusal::NotNow
    }
}

impl Peer {
    /// Checks a staff sign-in (slow by design, off the async threads, and limited per
    /// connection and per account name, for every node together). A wrong name and a wrong password get the same answer.
    pub(super) async fn sign_in(&self, login: StaffLogin) -> Result<StaffAccount, Refusal> {
        self.staff_logins
            .check()
            .map_err(|retry_after| Refusal::RateLimited { retry_after })?;
        // Per account name (hashed: the store keeps no typed text), for every node together:
        // guessing one account's password is slow, and nobody can lock every account out.
        let per_name = self.app.settings.limits.staff_logins_per_name;
        let key = Sha256::digest(fold(&login.name).as_bytes());
        let key = format!("staff_sign_in:{}", hex(&key[..16]));
        self.app.attempt(&key, per_name).await?;
        // Longer than any secret that could have been hashed: refused without hashing.
        if login.name.chars().count() > secret::MAX_CHARS
            || login.password.chars().count() > secret::MAX_CHARS
        {
            return Err(Refusal::StaffLoginRefused);
        }
        let accounts = Arc::clone(&self.app.settings.staff);
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

    /// A facilitator's action on a room's session.
    pub(super) async fn facilitate(
        &mut self,
        room: String,
        action: FacilitatorAction,
        minutes: Option<u32>,
    ) -> Result<(), Refusal> {
        let session = self
            .session
            .as_ref()
            .ok_or(Refusal::BadRequest(BadRequest::HelloFirst))?;
        let app = Arc::clone(&self.app);
        let spec = app.catalogue.room(&room).ok_or(Refusal::NoSuchRoom)?;
        if session.staff.is_none() {
            return Err(Refusal::Forbidden);
        }
        // Opening early comes before anyone can be in the room; the rest is done inside it.
        if action != FacilitatorAction::OpenEarly && !session.rooms.contains(&room) {
            return Err(Refusal::NotInRoom);
        }
        let hub = &app.hub;
        let now = app.clock.now();
        let planned = app.current_session(spec);
        let result = match action {
            FacilitatorAction::OpenEarly => {
                if matches!(app.status(spec), Status::Open { .. }) {
                    return Err(Refusal::NotNow);
                }
                let next = app.next_session(spec).ok_or(Refusal::NotNow)?;
                // The session before is closed first (everyone out, erased), so that nothing
                // of it reaches into this one, whatever the timetable's tick.
                if let Some(previous) = app.last_end(spec) {
                    hub.close_room(&room, previous)
                        .await
                        .map_err(|_| Refusal::Unavailable)?;
                }
                hub.update_control(&room, |current| RoomControl::open_early(current, next, now))
                    .await
            }
            FacilitatorAction::Extend => {
                let minutes = minutes.unwrap_or(control::DEFAULT_EXTEND_MINUTES);
                let (_, planned_end) = planned.ok_or(Refusal::NotNow)?;
                // Never into the next session.
                let next = app.next_start_after(spec, planned_end);
                hub.update_control(&room, |current| {
                    RoomControl::for_session(current, planned).extend(minutes, now, next)
                })
                .await
            }
            FacilitatorAction::NextSegment | FacilitatorAction::PreviousSegment => {
                let segments = spec
                    .programme
                    .as_ref()
                    .map_or(0, |programme| programme.agenda.len());
                let by_clock = app.current_segment(spec, app.status(spec));
                let forward = action == FacilitatorAction::NextSegment;
                hub.update_control(&room, |current| {
                    RoomControl::for_session(current, planned)
                        .step_segment(segments, by_clock, forward)
                })
                .await
            }
            FacilitatorAction::StartRound => {
                let present = hub.member_handles(&room).await.map_err(room_refusal)?;
                let by = session.handle.clone();
                hub.update_control(&room, |current| {
                    RoomControl::for_session(current, planned)
                        .start_round(by.clone(), present.clone())
                })
                .await
            }
            FacilitatorAction::NextTurn => {
                let present = hub.member_handles(&room).await.map_err(room_refusal)?;
                hub.update_control(&room, |current| {
                    RoomControl::for_session(current, planned).next_turn(&present)
                })
                .await
            }
            FacilitatorAction::EndRound => {
                hub.update_control(&room, |current| {
                    RoomControl::for_session(current, planned).end_round()
                })
                .await
            }
        };
        tracing::debug!(action = ?action, "facilitated");
        Ok(result.map_err(room_refusal)??)
    }

    /// In a round, on one's turn: gives the floor on without speaking.
    pub(super) async fn pass(&mut self, room: String) -> Result<(), Refusal> {
        let session = self
            .session
            .as_ref()
            .ok_or(Refusal::BadRequest(BadRequest::HelloFirst))?;
        let app = Arc::clone(&self.app);
        app.catalogue.room(&room).ok_or(Refusal::NoSuchRoom)?;
        if !session.rooms.contains(&room) {
            return Err(Refusal::NotInRoom);
        }
        let me = session.handle.clone();
        let present = app.hub.member_handles(&room).await.map_err(room_refusal)?;
        app.hub
            .update_control(&room, |current| {
                let current = current.cloned().unwrap_or_default();
                if current.floor().is_none_or(|floor| floor.handle != me) {
                    return Err(Refusal::NotYourTurn);
                }
                Ok(current.next_turn(&present)?)
            })
            .await
            .map_err(room_refusal)?
    }

    /// `not_your_turn` when a round is on and someone else has the floor (staff may always
    /// speak). A round whose facilitator has gone is over: it ends (as the timetable would on
    /// its next tick), and the person speaks.
    pub(super) async fn check_floor(&self, room: &str) -> Result<(), Refusal> {
        let Some(session) = self.session.as_ref() else {
            return Err(Refusal::BadRequest(BadRequest::HelloFirst));
        };
        let may_speak = |hub: &crate::hub::Hub| {
            session.staff.is_some()
                || hub
                    .control(room)
                    .is_none_or(|control| control.may_speak(&session.handle))
        };
        if may_speak(&self.app.hub) {
            return Ok(());
        }
        self.app
            .hub
            .end_orphaned_round(room)
            .await
            .map_err(room_refusal)?;
        if may_speak(&self.app.hub) {
            Ok(())
        } else {
            Err(Refusal::NotYourTurn)
        }
    }
}
