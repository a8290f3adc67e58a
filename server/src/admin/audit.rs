//! `GET /api/audit`: the audit log for an administrator, as a JSON array of
//! [`ibasho_protocol::AuditEntry`], optionally between `from` and `to` (RFC 3339, inclusive);
//! with `format=html` (and `lang`), as the web app's page shows it (`audit_page`).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use ibasho_protocol::ErrorCode;
use jiff::Timestamp;

use super::Admin;
use super::auth::refuse;
use crate::app::App;

#[derive(serde::Deserialize)]
pub struct AuditQuery {
    from: Option<String>,
    to: Option<String>,
    /// `html`: the page the web app shows (with `lang`).
    format: Option<String>,
    lang: Option<String>,
}

pub async fn audit(
    _: Admin,
    State(app): State<Arc<App>>,
    Query(query): Query<AuditQuery>,
) -> Response {
    let parse = |text: &Option<String>| -> Result<Option<Timestamp>, ()> {
        text.as_deref()
            .map(|text| text.parse().map_err(|_| ()))
            .transpose()
    };
    let (Ok(from), Ok(to)) = (parse(&query.from), parse(&query.to)) else {
        return crate::http::refused(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            "error-http-bad_time",
            &[],
        );
    };
    match app.hub.audit_entries(from, to).await {
        Ok(entries) if query.format.as_deref() == Some("html") => {
            let lang = super::lang(query.lang.as_deref());
            let catalogue = &app.catalogue;
            super::html(super::audit_page::page(
                &entries,
                lang,
                catalogue,
                &catalogue.zone,
            ))
        }
        Ok(entries) => Json(entries).into_response(),
        Err(_) => refuse(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable),
    }
}
