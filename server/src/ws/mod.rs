//! `GET /ws`: the WebSocket endpoint.
//!
//! # Layout
//! - this file — the upgrade: origin check, connection limit, socket limits.
//! - [`connection`] — one connection's tasks: the reader loop, the writer, heartbeats, close.
//! - [`peer`] — the protocol state of one connection: hello, join, say, leave.

mod connection;
mod origin;
mod peer;

use std::sync::Arc;

use axum::extract::State;
use axum::extract::ws::WebSocketUpgrade;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

pub use origin::origin_allowed;

/// The client frame decoder `/ws` runs on every text frame: the frame, or why it is none
/// (for the fuzz targets, which feed it what no client would send).
pub fn decode(text: &str) -> Result<ibasho_protocol::ClientMsg, crate::refusal::BadRequest> {
    peer::parse(text)
}

use crate::app::App;

/// Upgrades to a WebSocket when the origin is allowed and a connection slot is free.
pub async fn upgrade(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    if !origin_allowed(
        headers.get(header::ORIGIN),
        headers.get(header::HOST),
        &app.settings.allowed_origins,
    ) {
        tracing::info!("refused a WebSocket upgrade from another origin");
        return (StatusCode::FORBIDDEN, "origin not allowed").into_response();
    }
    if app.shutdown.is_cancelled() {
        return (StatusCode::SERVICE_UNAVAILABLE, "shutting down").into_response();
    }
    let Ok(permit) = Arc::clone(&app.connection_slots).try_acquire_owned() else {
        tracing::warn!("connection limit reached; refused a WebSocket upgrade");
        return (StatusCode::SERVICE_UNAVAILABLE, "too many connections").into_response();
    };
    let upgrade = sized(upgrade, &app.settings.limits);
    let tracker = app.connections.clone();
    upgrade.on_upgrade(move |socket| tracker.track_future(connection::run(app, socket, permit)))
}

/// Explicit buffers and limits: tungstenite's defaults (128 KiB buffers, 64 MiB messages)
/// would make each idle connection cost ~135 KiB and let one frame take 64 MiB.
fn sized(upgrade: WebSocketUpgrade, limits: &crate::settings::Limits) -> WebSocketUpgrade {
    upgrade
        .read_buffer_size(limits.socket_read_buffer)
        .write_buffer_size(limits.socket_write_buffer)
        .max_message_size(limits.max_frame_bytes)
        .max_frame_size(limits.max_frame_bytes)
}

/// `GET /conformance/echo` (the `conformance` feature only): the same socket, limits and
/// close codes as `/ws`, echoing every message, for the Autobahn|Testsuite.
#[cfg(feature = "conformance")]
pub async fn echo(State(app): State<Arc<App>>, upgrade: WebSocketUpgrade) -> Response {
    sized(upgrade, &app.settings.limits).on_upgrade(connection::echo)
}
