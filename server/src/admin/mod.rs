//! The administrators' HTTP API: every route here takes an [`Admin`] first, so none can
//! forget the check. Answers are wire types of `ibasho_protocol`; refusals are the same
//! `{"type":"error","code":…}` the socket sends.
//!
//! Adding a route: a file here with its handler (`async fn(_: Admin, …)`), a line in
//! [`routes`], its answer's type in `protocol`.

mod audit;
mod audit_page;
mod auth;
mod figures;

use std::sync::Arc;

use axum::Router;
use axum::routing::get;

use crate::app::App;

pub use auth::Admin;

/// The routes under `/api` that only an administrator may use.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/audit", get(audit::audit))
        .route("/api/figures", get(figures::figures))
        .route("/api/voice", get(figures::voice))
}
