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

/// A page of the web app's admin area as the server draws it (`format=html`).
fn html(body: String) -> axum::response::Response {
    use axum::response::IntoResponse;
    let mut response = body.into_response();
    response.headers_mut().insert(
        axum::http::header::CONTENT_TYPE,
        axum::http::HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

/// The language a page asks for (`lang`), Japanese by default.
fn lang(code: Option<&str>) -> ibasho_protocol::Lang {
    code.and_then(ibasho_protocol::Lang::from_code)
        .unwrap_or_default()
}

/// The routes under `/api` that only an administrator may use.
pub fn routes() -> Router<Arc<App>> {
    Router::new()
        .route("/api/audit", get(audit::audit))
        .route("/api/figures", get(figures::figures))
        .route("/api/voice", get(figures::voice))
}
