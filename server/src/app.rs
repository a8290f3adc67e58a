//! What every request and connection shares: settings, the room layer, the hub, the clock and
//! the shutdown machinery.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;
use tokio_util::task::TaskTracker;

use crate::catalogue::Catalogue;
use crate::clock::Clock;
use crate::counsel::{Counsel, CounselParts, LiveStaff};
use crate::figures::Figures;
use crate::hub::Hub;
use crate::metrics::Metrics;
use crate::rooms::Rooms;
use crate::rooms::timing::Timing;
use crate::settings::Settings;
use crate::staff::{StaffAccounts, StaffFileError};
use crate::store::Store;
use crate::web::WebAssets;

pub struct App {
    pub settings: Settings,
    pub catalogue: Arc<Catalogue>,
    /// What a room is, whether it is open, who may do what in it.
    pub rooms: Rooms,
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
    /// Requests to talk with a counselor, on this node.
    pub counsel: Arc<Counsel>,
    /// The usage figures and the participants' voice.
    pub figures: Arc<Figures>,
    /// The staff accounts now (the staff file can be read again while running).
    staff: LiveStaff,
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
        let catalogue = Arc::new(catalogue);
        let hub = Hub::start(
            Arc::clone(&store),
            &catalogue,
            settings.limits.clone(),
            Arc::clone(&clock),
            shutdown.clone(),
        );
        let figures = Figures::new(
            Arc::clone(&store),
            Timing::new(&catalogue, Arc::clone(&clock)),
            Arc::clone(&catalogue),
            settings.figures.clone(),
        );
        let (counts, counted) = tokio::sync::mpsc::channel(1024);
        hub.forward_counts(counts);
        figures.follow_counts(counted);
        spawn_figures_round(
            Arc::clone(&figures),
            Arc::clone(&hub),
            catalogue.room_ids(),
            shutdown.clone(),
        );
        let rooms = Rooms::new(
            Arc::clone(&catalogue),
            Arc::clone(&clock),
            Arc::clone(&store),
            Arc::clone(&hub),
            Arc::clone(&settings.protection),
            settings.limits.clone(),
            Arc::clone(&figures),
        );
        crate::timetable::spawn(
            Arc::clone(&hub),
            rooms.timing().clone(),
            &catalogue,
            settings.limits.schedule_tick,
            shutdown.clone(),
        );
        let staff: LiveStaff = Arc::new(RwLock::new(Arc::clone(&settings.staff)));
        let counsel = Counsel::start(CounselParts {
            store: Arc::clone(&store),
            hub: Arc::clone(&hub),
            catalogue: Arc::clone(&catalogue),
            protection: Arc::clone(&settings.protection),
            staff: Arc::clone(&staff),
            timing: rooms.timing().clone(),
            directory: Arc::clone(rooms.directory()),
            grace: settings.limits.case_grace,
            lease: settings.limits.case_lease,
            // Renewed well before a lease runs out.
            tick: settings
                .limits
                .keep_alive_interval
                .min(settings.limits.case_lease / 4),
            shutdown: shutdown.clone(),
            figures: Arc::clone(&figures),
        });
        App {
            counsel,
            figures,
            connection_slots: Arc::new(Semaphore::new(settings.limits.max_connections)),
            settings,
            catalogue,
            rooms,
            hub,
            store,
            clock,
            shutdown,
            connections: TaskTracker::new(),
            web,
            metrics: Metrics::new(),
            next_connection: AtomicU64::new(1),
            staff,
        }
    }

    /// The staff accounts now.
    pub fn staff(&self) -> Arc<StaffAccounts> {
        Arc::clone(
            &self
                .staff
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner()),
        )
    }

    /// Reads the staff file again (SIGHUP): accounts added can sign in, and the sessions of
    /// accounts removed, or whose role or password changed, end at once on every node
    /// (close code 4003). Accounts left as they were keep their sessions. Returns how many
    /// accounts changed; a file that cannot be used changes nothing.
    pub async fn reload_staff(&self) -> Result<usize, StaffFileError> {
        let Some(file) = &self.settings.staff_file else {
            return Ok(0);
        };
        let newer = Arc::new(StaffAccounts::load(file)?);
        let changed = self.staff().changed_in(&newer);
        *self
            .staff
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = newer;
        if !changed.is_empty()
            && let Err(err) = self.hub.sign_out(&changed).await
        {
            tracing::warn!(error = %err, "could not tell every node to sign staff out");
        }
        Ok(changed.len())
    }

    /// A number for the next connection, used only to tell log lines apart.
    pub fn next_connection_id(&self) -> u64 {
        self.next_connection.fetch_add(1, Ordering::Relaxed)
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
        let whole = |n: u64| i64::try_from(n).unwrap_or(i64::MAX);
        let open = self
            .catalogue
            .rooms
            .iter()
            .filter(|room| self.rooms.is_open(room))
            .count();
        metrics.rooms_open.set(whole(open as u64));
        let (queued, oldest) = self.counsel.queue_now();
        metrics.escalation_queue.set(whole(queued as u64));
        metrics.escalation_oldest_wait_seconds.set(whole(oldest));
        // A counter moved on to the hub's own count (never backwards).
        let delivered = self.hub.deliveries();
        let before = metrics.deliveries.get();
        if delivered > before {
            metrics.deliveries.inc_by(delivered - before);
        }
        for room in &self.catalogue.rooms {
            if let Ok(present) = self.hub.present(&room.id).await {
                metrics.set_present(&room.id, present);
            }
        }
        metrics.render()
    }
}

/// Once a minute: each room's count of people again (a day's peak is there even when
/// nobody came or went since midnight), and the voice's months past their retention
/// erased (a quiet service erases them too).
fn spawn_figures_round(
    figures: Arc<Figures>,
    hub: Arc<Hub>,
    rooms: Vec<String>,
    shutdown: CancellationToken,
) {
    tokio::spawn(async move {
        let mut minutes = tokio::time::interval(std::time::Duration::from_secs(60));
        minutes.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = minutes.tick() => {}
                () = shutdown.cancelled() => return,
            }
            for room in &rooms {
                if let Ok(present) = hub.present(room).await {
                    figures.present(room, present).await;
                }
            }
            if let Err(err) = figures.erase_old_voices().await {
                tracing::warn!(error = %err, "could not erase the voice's old months");
            }
        }
    });
}
