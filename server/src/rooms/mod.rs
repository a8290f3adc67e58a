//! The room layer: what a room is, whether it is open, who may do what in it, and every
//! operation the WebSocket layer asks of the rooms and of its session. The socket layer asks
//! only here (and the counselor desk); it never names the hub, the store or the schedule.
//! Each operation checks what it may work with (`guards`), asks the policy once, and then
//! the hub.
//!
//! - [`directory`] — what room X is and whether a session may find it: the catalogue's rooms
//!   and private rooms made at run time.
//! - [`timing`] — when a room is open: schedule, clock, and a facilitator's changes.
//! - [`policy`] — the one decision point for room actions (join, say, react, pass).
//! - `guards` — found (`no_such_room`), staff (`forbidden`), in the room (`not_in_room`).
//! - `sessions` — a session started, resumed, signed in, ended; shared allowances.
//! - `conversation` — join, say (automatic protection's verdict, the policy once, the
//!   allowances it names, the alerts), leave, react.
//! - `facilitation`, `moderation`, `reports`, `alerts` — what staff do, and reports.

mod alerts;
mod conversation;
pub mod directory;
mod facilitation;
mod guards;
mod moderation;
pub mod policy;
mod reports;
mod sessions;
pub mod timing;
pub mod voice;

use std::sync::Arc;

use ibasho_protocol::{AuditEntry, Role, RoomInfo, RoomStatus, StaffRole};
use jiff::Timestamp;

use crate::catalogue::{Catalogue, RoomSpec};
use crate::clock::Clock;
use crate::control::RoomControl;
use crate::figures::Figures;
use crate::hub::Hub;
use crate::protection::Protection;
use crate::refusal::Refusal;
use crate::schedule::Status;
use crate::settings::Limits;
use crate::store::Store;
use crate::store::StoreResult;
use crate::token::SessionToken;
pub use conversation::{Joining, Saying};
pub use directory::{Directory, Room};
pub use moderation::Details;
pub use policy::{Actor, Admission, RoomNow};
pub use sessions::Opened;
pub use timing::Timing;

/// Who asks, as the room layer needs to know them: their session, their handle, who they
/// said they come as, and their staff role if they signed in as staff.
#[derive(Debug, Clone, Copy)]
pub struct Who<'a> {
    pub token: &'a SessionToken,
    pub handle: &'a str,
    pub role: Option<Role>,
    pub staff: Option<StaffRole>,
}

/// The rooms (the catalogue's and private ones), with their timing and this node's copy of
/// each room's control.
pub struct Rooms {
    catalogue: Arc<Catalogue>,
    timing: Timing,
    hub: Arc<Hub>,
    directory: Arc<Directory>,
    /// Automatic protection: the word lists, crisis language, the help lines.
    protection: Arc<Protection>,
    limits: Limits,
    /// Where visits, messages, reactions and staff's actions are counted (totals only).
    figures: Arc<Figures>,
}

/// A room and what it is like now, for the policy.
#[derive(Debug, Clone)]
pub struct RoomState<'a> {
    pub spec: &'a RoomSpec,
    pub status: Status,
    pub control: Option<RoomControl>,
    /// Listen-only for want of a staff member (known only where it was asked: `may_say`).
    pub unattended: bool,
    pub now: Timestamp,
}

impl RoomState<'_> {
    pub fn now(&self) -> RoomNow<'_> {
        RoomNow {
            spec: self.spec,
            status: self.status,
            control: self.control.as_ref(),
            unattended: self.unattended,
            now: self.now,
        }
    }
}

impl Rooms {
    pub fn new(
        catalogue: Arc<Catalogue>,
        clock: Arc<dyn Clock>,
        store: Arc<dyn Store>,
        hub: Arc<Hub>,
        protection: Arc<Protection>,
        limits: Limits,
        figures: Arc<Figures>,
    ) -> Rooms {
        let timing = Timing::new(&catalogue, clock);
        let directory = Arc::new(Directory::new(
            &catalogue,
            store,
            Arc::clone(&hub),
            timing.clone(),
        ));
        Rooms {
            catalogue,
            timing,
            hub,
            directory,
            protection,
            limits,
            figures,
        }
    }

    /// Where private rooms are made and closed (shared: the counselor desk makes its 1:1
    /// rooms here too).
    pub fn directory(&self) -> &Arc<Directory> {
        &self.directory
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// The numbers the web app shows (the longest message, how early a room opens, …): the
    /// server owns them and says them in `welcome`, so no client writes them again.
    pub fn published_limits(&self) -> ibasho_protocol::Limits {
        let whole = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        let limits = &self.limits;
        ibasho_protocol::Limits {
            max_text_chars: whole(limits.max_text_chars as u64),
            max_rooms: whole(limits.max_rooms_per_connection as u64),
            leeway_minutes: whole(ibasho_protocol::LEEWAY_MINUTES),
            extend_minutes: crate::control::DEFAULT_EXTEND_MINUTES,
            removal_hours: whole(limits.removal.as_secs() / 3600),
            audit_retention_days: whole(limits.audit_retention.as_secs() / 86_400),
        }
    }

    pub fn timing(&self) -> &Timing {
        &self.timing
    }

    /// The room with this id, as the session may see it (see [`Directory::find`]).
    pub async fn find(&self, id: &str, token: &SessionToken) -> Result<Option<Arc<Room>>, Refusal> {
        self.directory.find(id, token).await
    }

    /// The room as it is now: its status and what a facilitator set.
    pub fn state<'a>(&self, spec: &'a RoomSpec) -> RoomState<'a> {
        let control = self.hub.control(&spec.id);
        RoomState {
            spec,
            status: self.timing.status(spec, control.as_ref()),
            control,
            unattended: false,
            now: self.timing.now(),
        }
    }

    /// Whether a room can be entered now.
    pub fn status(&self, spec: &RoomSpec) -> Status {
        self.state(spec).status
    }

    /// Whether a room's sitting is open now.
    pub fn is_open(&self, spec: &RoomSpec) -> bool {
        matches!(self.status(spec), Status::Open { .. })
    }

    /// The planned sitting a facilitator's changes belong to now (see [`Timing`]).
    pub fn current_sitting(&self, spec: &RoomSpec) -> Option<(Timestamp, Timestamp)> {
        self.timing
            .current_sitting(spec, self.hub.control(&spec.id).as_ref())
    }

    /// The agenda segment of a programme room now.
    pub fn current_segment(&self, spec: &RoomSpec) -> Option<usize> {
        let state = self.state(spec);
        self.timing
            .current_segment(spec, state.control.as_ref(), state.status)
    }

    /// Notes what was done in the audit log (codes, never words): `actor` a staff name,
    /// `system` or `participant`; `target` a handle only where the log may hold one.
    async fn audit(
        &self,
        actor: &str,
        action: &str,
        room: Option<&str>,
        target: Option<&str>,
        reason: Option<&str>,
    ) {
        self.hub
            .audit(AuditEntry {
                at: self.timing.now(),
                actor: actor.to_owned(),
                action: action.to_owned(),
                room: room.map(str::to_owned),
                target: target.map(str::to_owned),
                reason: reason.map(str::to_owned),
                desk: None,
            })
            .await;
    }

    /// The public room list.
    pub async fn list(&self) -> StoreResult<Vec<RoomInfo>> {
        let mut list = Vec::with_capacity(self.catalogue.rooms.len());
        for room in &self.catalogue.rooms {
            let state = self.state(room);
            let status = state.status;
            list.push(RoomInfo {
                id: room.id.clone(),
                title: room.title.clone(),
                title_en: room.title_en.clone(),
                description: room.description.clone(),
                description_en: room.description_en.clone(),
                kind: room.kind,
                audience: room.audience,
                entry_word: room.entry_word_hash.is_some(),
                capacity: room.capacity,
                present: self.hub.present(&room.id).await?,
                status: public_status(status),
                opens_at: match status {
                    Status::Upcoming { opens_at } => Some(opens_at),
                    _ => None,
                },
                closes_at: match status {
                    Status::Open { closes_at, .. } => closes_at,
                    _ => None,
                },
                next_open: match status {
                    Status::Closed { next_open } => next_open,
                    Status::Upcoming { opens_at } => Some(opens_at),
                    Status::Open { .. } => None,
                },
                programme: room.programme.clone().map(|mut programme| {
                    programme.current =
                        self.timing
                            .current_segment(room, state.control.as_ref(), status);
                    programme
                }),
            });
        }
        Ok(list)
    }
}

/// How the room list names a status.
pub fn public_status(status: Status) -> RoomStatus {
    match status {
        Status::Open { closing: false, .. } => RoomStatus::Open,
        Status::Open { closing: true, .. } => RoomStatus::Closing,
        Status::Upcoming { .. } => RoomStatus::Upcoming,
        Status::Closed { .. } => RoomStatus::Closed,
    }
}
