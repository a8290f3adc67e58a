//! What every request and connection shares: settings, catalogue, hub, clock and the
//! shutdown machinery.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use ibasho_protocol::{RoomInfo, RoomStatus};
use jiff::Timestamp;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::catalogue::{Catalogue, Opening, RoomSpec};
use crate::clock::Clock;
use crate::control::{self, RoomControl};
use crate::hub::Hub;
use crate::metrics::Metrics;
use crate::refusal::Refusal;
use crate::schedule::{self, Status};
use crate::settings::Settings;
use crate::store::{Store, StoreResult};
use crate::web::WebAssets;

/// The window of the shared attempt allowances.
const ATTEMPT_WINDOW: std::time::Duration = std::time::Duration::from_secs(60);

pub struct App {
    pub settings: Settings,
    pub catalogue: Catalogue,
    pub hub: Arc<Hub>,
    /// The shared state the hub works on (also read directly by privacy tests).
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    /// Cancelled once on shutdown; every connection's control is a child of it.
    pub shutdown: CancellationToken,
    /// Every WebSocket connection task, so that shutdown can wait for their close frames.
    pub connections: TaskTracker,
    /// One permit per open WebSocket connection.
    pub connection_slots: Arc<Semaphore>,
    /// The web front end, if this server has one.
    pub web: Option<WebAssets>,
    pub metrics: Metrics,
    next_connection: AtomicU64,
}

impl App {
    pub fn new(
        settings: Settings,
        catalogue: Catalogue,
        store: Arc<dyn Store>,
        clock: Arc<dyn Clock>,
        web: Option<WebAssets>,
    ) -> App {
        let shutdown = CancellationToken::new();
        let hub = Hub::start(
            Arc::clone(&store),
            &catalogue,
            settings.limits.clone(),
            shutdown.clone(),
        );
        crate::timetable::spawn(
            Arc::clone(&hub),
            &catalogue,
            Arc::clone(&clock),
            settings.limits.schedule_tick,
            shutdown.clone(),
        );
        App {
            connection_slots: Arc::new(Semaphore::new(settings.limits.max_connections)),
            settings,
            catalogue,
            hub,
            store,
            clock,
            shutdown,
            connections: TaskTracker::new(),
            web,
            metrics: Metrics::new(),
            next_connection: AtomicU64::new(1),
        }
    }

    /// A number for the next connection, used only to tell log lines apart.
    pub fn next_connection_id(&self) -> u64 {
        self.next_connection.fetch_add(1, Ordering::Relaxed)
    }

    /// Whether a room can be entered now, from its schedule, the clock and what a facilitator
    /// changed (opened early, kept open late).
    pub fn status(&self, room: &RoomSpec) -> Status {
        let planned = self.planned_status(room, self.clock.now());
        control::status(
            planned,
            self.hub.control(&room.id).as_ref(),
            self.catalogue.closing_notice,
            self.clock.now(),
        )
    }

    /// The planned session open at `now`, or `None` in a room that is always open: the
    /// session a facilitator's changes belong to.
    pub fn current_session(&self, room: &RoomSpec) -> Option<(Timestamp, Timestamp)> {
        let control = self.hub.control(&room.id);
        let now = self.clock.now();
        if let Some(window) = control.as_ref().and_then(RoomControl::window)
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

    /// The planned session that opens next, if it is coming (for opening it early).
    pub fn next_session(&self, room: &RoomSpec) -> Option<(Timestamp, Timestamp)> {
        let opens_at = match self.planned_status(room, self.clock.now()) {
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

    /// The end of the room's latest planned session that is over, if any.
    pub fn last_end(&self, room: &RoomSpec) -> Option<Timestamp> {
        match &room.opening {
            Opening::Scheduled(sessions) => {
                schedule::last_end(sessions, &self.catalogue.zone, self.clock.now())
            }
            Opening::Always | Opening::Never => None,
        }
    }

    /// When the room's next planned session starts after `at` (for keeping one open late:
    /// never into the next).
    pub fn next_start_after(&self, room: &RoomSpec, at: Timestamp) -> Option<Timestamp> {
        match self.planned_status(room, at) {
            Status::Upcoming { opens_at } => Some(opens_at),
            Status::Closed { next_open } => next_open,
            Status::Open { .. } => Some(at),
        }
    }

    /// The agenda segment of a programme room now: the facilitator's, or the clock's.
    pub fn current_segment(&self, room: &RoomSpec, status: Status) -> Option<usize> {
        let programme = room.programme.as_ref()?;
        if let Some(segment) = self.hub.control(&room.id).and_then(|c| c.segment) {
            return usize::try_from(segment).ok();
        }
        let Status::Open {
            opened_at: Some(opened_at),
            ..
        } = status
        else {
            return None;
        };
        let elapsed = self.clock.now().duration_since(opened_at).as_secs() / 60;
        programme.segment_at(u64::try_from(elapsed).unwrap_or(0))
    }

    /// The room's status from its schedule alone.
    fn planned_status(&self, room: &RoomSpec, now: Timestamp) -> Status {
        match &room.opening {
            Opening::Always => Status::Open {
                opened_at: None,
                closes_at: None,
                closing: false,
            },
            Opening::Never => Status::Closed { next_open: None },
            Opening::Scheduled(sessions) => schedule::status(
                sessions,
                &self.catalogue.zone,
                self.catalogue.closing_notice,
                now,
            ),
        }
    }

    /// Counts an attempt against an allowance of `max` a minute shared by every node (entry
    /// words per room, staff sign-ins): `rate_limited` when it is spent.
    pub async fn attempt(&self, key: &str, max: u32) -> Result<(), Refusal> {
        match self.store.attempt(key, max, ATTEMPT_WINDOW).await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(retry_after)) => Err(Refusal::RateLimited { retry_after }),
            Err(err) => {
                tracing::warn!(error = %err, "could not count an attempt");
                Err(Refusal::Unavailable)
            }
        }
    }

    /// Whether this node should get traffic: not shutting down, and its store healthy.
    pub fn ready(&self) -> bool {
        !self.shutdown.is_cancelled() && self.store.healthy()
    }

    /// The metrics, brought up to date.
    pub async fn render_metrics(&self) -> String {
        let metrics = &self.metrics;
        metrics
            .connections
            .set(i64::try_from(self.connections.len()).unwrap_or(i64::MAX));
        metrics
            .sessions
            .set(i64::try_from(self.hub.session_count()).unwrap_or(i64::MAX));
        metrics.store_healthy.set(i64::from(self.store.healthy()));
        for room in &self.catalogue.rooms {
            if let Ok(present) = self.hub.present(&room.id).await {
                metrics.set_present(&room.id, present);
            }
        }
        metrics.render()
    }

    /// The public room list.
    pub async fn room_list(&self) -> StoreResult<Vec<RoomInfo>> {
        let mut list = Vec::with_capacity(self.catalogue.rooms.len());
        for room in &self.catalogue.rooms {
            let status = self.status(room);
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
                    programme.current = self.current_segment(room, status);
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
