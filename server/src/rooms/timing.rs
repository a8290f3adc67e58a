//! When a room is open: its schedule from the catalogue, the (injected) clock, and what a
//! facilitator changed (opened early, kept open late, moved the agenda). Pure given the
//! control it is handed; the timetable and the room layer ask it, nobody computes it twice.

use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use crate::catalogue::{Catalogue, Opening, RoomSpec};
use crate::clock::Clock;
use crate::control::{self, RoomControl};
use crate::schedule::{self, Status};

/// The catalogue's time zone and closing notice, and the clock.
#[derive(Clone)]
pub struct Timing {
    zone: TimeZone,
    closing_notice: Duration,
    clock: Arc<dyn Clock>,
}

impl Timing {
    pub fn new(catalogue: &Catalogue, clock: Arc<dyn Clock>) -> Timing {
        Timing {
            zone: catalogue.zone.clone(),
            closing_notice: catalogue.closing_notice,
            clock,
        }
    }

    pub fn now(&self) -> Timestamp {
        self.clock.now()
    }

    /// The wall-clock time now in the catalogue's time zone (help lines' opening hours).
    pub fn local_now(&self) -> jiff::civil::DateTime {
        self.zone.to_datetime(self.now())
    }

    /// A wall-clock time in the catalogue's time zone as an instant.
    pub fn instant(&self, local: jiff::civil::DateTime) -> Option<Timestamp> {
        self.zone.to_timestamp(local).ok()
    }

    /// Whether a room can be entered now, from its schedule and what a facilitator changed.
    pub fn status(&self, room: &RoomSpec, control: Option<&RoomControl>) -> Status {
        self.status_at(room, control, self.now())
    }

    /// [`Timing::status`] at `now`: whoever compares the status with a time of their own
    /// (the timetable's tick) asks at that time, never at a later reading of the clock.
    pub fn status_at(
        &self,
        room: &RoomSpec,
        control: Option<&RoomControl>,
        now: Timestamp,
    ) -> Status {
        // Closed by a facilitator: until the next sitting, whatever the schedule says now.
        if let Some(control) = control.filter(|control| control.closed_early)
            && let Some((_, ends)) = control.planned
            && now < ends
        {
            return Status::Closed {
                next_open: self.next_start_after(room, ends),
            };
        }
        control::status(
            self.planned_status(room, now),
            control,
            self.closing_notice,
            now,
        )
    }

    /// The planned sitting open now, or `None` in a room that is always open: the sitting a
    /// facilitator's changes belong to.
    pub fn current_sitting(
        &self,
        room: &RoomSpec,
        control: Option<&RoomControl>,
    ) -> Option<(Timestamp, Timestamp)> {
        let now = self.now();
        if let Some(window) = control.and_then(RoomControl::window)
            && window.0 <= now
            && now < window.1
        {
            return control.and_then(|control| control.planned);
        }
        match self.planned_status(room, now) {
            Status::Open {
                opened_at: Some(opened_at),
                closes_at: Some(closes_at),
                ..
            } => Some((opened_at, closes_at)),
            _ => None,
        }
    }

    /// The planned sitting that opens next, if it is coming (for opening it early).
    pub fn next_sitting(&self, room: &RoomSpec) -> Option<(Timestamp, Timestamp)> {
        let opens_at = match self.planned_status(room, self.now()) {
            Status::Upcoming { opens_at } => opens_at,
            Status::Closed {
                next_open: Some(opens_at),
            } => opens_at,
            _ => return None,
        };
        match self.planned_status(room, opens_at) {
            Status::Open {
                closes_at: Some(closes_at),
                ..
            } => Some((opens_at, closes_at)),
            _ => None,
        }
    }

    /// The end of the room's latest planned sitting that is over, if any.
    pub fn last_end(&self, room: &RoomSpec) -> Option<Timestamp> {
        self.last_end_at(room, self.now())
    }

    /// The end of the room's latest planned sitting that was over at `at`, if any.
    pub fn last_end_at(&self, room: &RoomSpec, at: Timestamp) -> Option<Timestamp> {
        match &room.opening {
            Opening::Scheduled(sittings) => schedule::last_end(sittings, &self.zone, at),
            Opening::Always | Opening::Never => None,
        }
    }

    /// When the room's next planned sitting starts after `at` (for keeping one open late:
    /// never into the next).
    pub fn next_start_after(&self, room: &RoomSpec, at: Timestamp) -> Option<Timestamp> {
        match self.planned_status(room, at) {
            Status::Upcoming { opens_at } => Some(opens_at),
            Status::Closed { next_open } => next_open,
            Status::Open { .. } => Some(at),
        }
    }

    /// The agenda segment of a programme room now: the facilitator's, or the clock's.
    pub fn current_segment(
        &self,
        room: &RoomSpec,
        control: Option<&RoomControl>,
        status: Status,
    ) -> Option<usize> {
        let programme = room.programme.as_ref()?;
        if let Some(segment) = control.and_then(|control| control.segment) {
            return usize::try_from(segment).ok();
        }
        let Status::Open {
            opened_at: Some(opened_at),
            ..
        } = status
        else {
            return None;
        };
        let elapsed = self.now().duration_since(opened_at).as_secs() / 60;
        programme.segment_at(u64::try_from(elapsed).unwrap_or(0))
    }

    /// The room's status at `at` from its schedule alone.
    pub fn planned_status(&self, room: &RoomSpec, at: Timestamp) -> Status {
        match &room.opening {
            Opening::Always => Status::Open {
                opened_at: None,
                closes_at: None,
                closing: false,
            },
            Opening::Never => Status::Closed { next_open: None },
            Opening::Scheduled(sittings) => {
                schedule::status(sittings, &self.zone, self.closing_notice, at)
            }
        }
    }
}
