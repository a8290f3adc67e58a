//! The Ibasho server: an anonymous drop-in space over WebSocket.
//!
//! # Layout
//!
//! Layers go one way: `http`/`ws` → `rooms`/`counsel` → `hub` → `store` (checked by
//! `server/tests/it/layers.rs`).
//!
//! - [`start`] / [`Running`] — bind, serve, and shut down gracefully (this file); `main.rs`
//!   is the command line.
//! - [`app`] — what every request shares: settings, the room layer, the hub, shutdown.
//! - [`settings`] — every tunable limit, with its default.
//! - [`catalogue`] — the operator's TOML file of rooms; [`staff`] — the staff file and
//!   sign-in; [`secret`] — argon2 entry words and passwords; [`protection`] — the word lists
//!   and help lines in use (verdicts themselves are the `ibasho-moderation` crate's).
//! - [`http`] — routes: `/healthz`, `/api/…`, `/ws`, and the web front end ([`web`]);
//!   [`calendar`] — `/api/schedule` and the iCalendar feed; [`metrics`] — `/metrics`;
//!   [`admin`] — the administrators' routes (`/api/audit`), each behind the `Admin` extractor.
//! - [`ws`] — the WebSocket endpoint: upgrade, one task pair per connection, and `ws::peer`,
//!   the protocol, with its handlers by area.
//! - [`rooms`] — the room layer: the directory (catalogue and private rooms), timing, and
//!   the policy that decides who may join, say, react or pass.
//! - [`counsel`] — the counselor desk: requests to talk with a counselor, consent, the
//!   queue, claims, the 1:1 room, leases across nodes (beside `rooms`, above `hub`).
//! - [`schedule`] — pure schedule arithmetic; [`control`] — pure: what a facilitator changed
//!   and what that does to a sitting; [`timetable`] — the task that ends sittings on time.
//! - [`hub`] — this node's rooms and sessions: delivery of the store's events in order,
//!   presence, takeover and grace, the end of a room's sitting.
//! - [`outbox`] — a connection's bounded queue and its hangup.
//! - [`store`] — shared state by collection; [`store::MemoryStore`] is the default,
//!   [`store::RedisStore`] is for several nodes.
//! - [`handles`], [`token`], [`refusal`], [`ratelimit`], [`clock`], [`logging`] — small parts
//!   named for what they do.
//!
//! Start reading at [`ws::upgrade`], then `ws/connection.rs` and `ws/peer/mod.rs`, then
//! [`rooms`] and [`hub`].

pub mod admin;
pub mod app;
pub mod calendar;
pub mod catalogue;
pub mod clock;
pub mod control;
pub mod counsel;
pub mod desks;
pub mod figures;
pub mod handles;
pub mod http;
pub mod hub;
pub mod listen;
pub mod logging;
pub mod metrics;
pub mod outbox;
pub mod protection;
pub mod ratelimit;
pub mod refusal;
pub mod rooms;
pub mod schedule;
pub mod secret;
pub mod settings;
pub mod staff;
pub mod store;
pub mod timetable;
pub mod token;
pub mod web;
pub mod words;
pub mod ws;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::task::JoinHandle;

use crate::app::App;
use crate::catalogue::{Catalogue, CatalogueError};
use crate::clock::{Clock, SystemClock};
use crate::settings::{Settings, StoreChoice};
use crate::store::{MemoryStore, RedisConfig, RedisStore, Store};

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Catalogue(#[from] CatalogueError),
    #[error(transparent)]
    Web(#[from] web::WebError),
    #[error(transparent)]
    Redis(#[from] store::redis::RedisStartError),
    #[error(transparent)]
    Figures(#[from] figures::file::FiguresFileError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        source: std::io::Error,
    },
}

/// A started server.
pub struct Running {
    addr: SocketAddr,
    app: Arc<App>,
    task: JoinHandle<std::io::Result<()>>,
}

impl Running {
    /// The address it listens on (with the real port when started on port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn app(&self) -> &Arc<App> {
        &self.app
    }

    /// Begins a graceful shutdown: no new connections, and every client gets a close frame.
    pub fn shutdown(&self) {
        self.app.shutdown.cancel();
    }

    /// Waits until the server has stopped (after [`Running::shutdown`]).
    pub async fn stopped(self) -> std::io::Result<()> {
        match self.task.await {
            Ok(result) => result,
            Err(join) => Err(std::io::Error::other(join)),
        }
    }
}

/// Starts the server with the catalogue and the store the settings name.
pub async fn start(settings: Settings) -> Result<Running, StartError> {
    let catalogue = match &settings.catalogue {
        Some(path) => Catalogue::load(path)?,
        None => Catalogue::built_in()?,
    };
    let store = open_store(&settings, &catalogue).await?;
    start_with(settings, catalogue, store, Arc::new(SystemClock)).await
}

/// The store the settings choose, connected.
pub async fn open_store(
    settings: &Settings,
    catalogue: &Catalogue,
) -> Result<Arc<dyn Store>, StartError> {
    Ok(match &settings.store {
        StoreChoice::Memory => Arc::new(MemoryStore::with_stream_len(settings.limits.stream_len)),
        StoreChoice::Redis { url, prefix } => {
            let mut config = RedisConfig::new(url.clone(), catalogue.room_ids());
            config.prefix = prefix.clone();
            // The store's own expiry is the fallback behind the node's grace timer.
            config.detached_ttl = settings.limits.session_grace + Duration::from_secs(30);
            config.lease = settings.limits.keep_alive_interval * 3;
            config.stream_len = settings.limits.stream_len;
            let store = RedisStore::connect(config).await?;
            tracing::info!("using the Redis store");
            Arc::new(store)
        }
    })
}

/// The web bundle: from `--web-dir` when given, else the embedded one, if any.
fn load_web(settings: &Settings) -> Result<Option<web::WebAssets>, web::WebError> {
    if let Some(dir) = &settings.web_dir {
        return web::WebAssets::from_dir(dir, &settings.exit_url).map(Some);
    }
    #[cfg(feature = "embed-web")]
    {
        Ok(web::WebAssets::embedded(&settings.exit_url))
    }
    #[cfg(not(feature = "embed-web"))]
    {
        Ok(None)
    }
}

/// Starts the server with a given catalogue, store and clock (what tests vary).
pub async fn start_with(
    settings: Settings,
    catalogue: Catalogue,
    store: Arc<dyn Store>,
    clock: Arc<dyn Clock>,
) -> Result<Running, StartError> {
    let bind = settings.bind;
    let listener = TcpListener::bind(bind)
        .await
        .map_err(|source| StartError::Bind { addr: bind, source })?;
    let addr = listener
        .local_addr()
        .map_err(|source| StartError::Bind { addr: bind, source })?;
    let rooms = catalogue.rooms.len();
    let web = load_web(&settings)?;
    if web.is_none() {
        tracing::info!("no web front end in this binary; serving the API only");
    }
    // The figures file's totals are in the store before anything is counted.
    let keeper = match &settings.figures.file {
        Some(path) => figures::file::Keeper::open(Arc::clone(&store), path)?,
        None => None,
    };
    let app = Arc::new(App::new(settings, catalogue, store, clock, web));
    if let Some(keeper) = &keeper {
        keeper.spawn(app.shutdown.clone());
    }
    tracing::info!(rooms, "ibasho listening on http://{addr}");

    let router = http::router(Arc::clone(&app));
    let served = Arc::clone(&app);
    let task = tokio::spawn(async move {
        let limits = &served.settings.limits;
        let rules = listen::AcceptRules {
            per_address: limits.connections_per_address,
            count_loopback: limits.count_loopback,
            header_timeout: limits.header_timeout,
        };
        listen::serve(listener, router, rules, served.shutdown.clone()).await;
        // An upgraded socket is no longer hyper's: wait here for every connection's goodbye.
        served.connections.close();
        let limit = served.settings.limits.shutdown_timeout;
        if tokio::time::timeout(limit, served.connections.wait())
            .await
            .is_err()
        {
            tracing::warn!(
                remaining = served.connections.len(),
                "shutdown timed out with connections still open"
            );
        } else {
            tracing::info!("all connections closed");
        }
        // The last counts of the last connections are in the figures file too.
        if let Some(keeper) = keeper {
            let _ = tokio::task::spawn_blocking(move || keeper.save_if_changed()).await;
        }
        Ok(())
    });
    Ok(Running { addr, app, task })
}
