//! `GET /api/audit`: the audit log for an administrator, as a JSON array, optionally between
//! `from` and `to` (RFC 3339). Authorised by the staff session token from `welcome`
//! (`Authorization: Bearer …`): 401 without a live staff session, 403 for staff who are not
//! administrators.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ibasho_protocol::{ErrorCode, ErrorFrame, ServerMsg, StaffRole};
use jiff::Timestamp;

use crate::app::App;
use crate::token::SessionToken;

#[derive(serde::Deserialize)]
pub struct AuditQuery {
    from: Option<String>,
    to: Option<String>,
}

pub async fn audit(
    State(app): State<Arc<App>>,
    Query(query): Query<AuditQuery>,
    headers: HeaderMap,
) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .and_then(|token| SessionToken::from_client(token.trim()));
    let Some(token) = token else {
        return refuse(
            StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden,
            "a staff session is needed",
        );
    };
    let role = match app.hub.staff_role(&token).await {
        Ok(role) => role,
        Err(_) => return unavailable(),
    };
    match role {
        None => {
            return refuse(
                StatusCode::UNAUTHORIZED,
                ErrorCode::Forbidden,
                "a staff session is needed",
            );
        }
        Some(StaffRole::Admin) => {}
        Some(_) => {
            return refuse(
                StatusCode::FORBIDDEN,
                ErrorCode::Forbidden,
                "only an administrator may read the audit log",
            );
        }
    }
    let parse = |text: &Option<String>| -> Result<Option<Timestamp>, ()> {
        text.as_deref()
            .map(|text| text.parse().map_err(|_| ()))
            .transpose()
    };
    let (Ok(from), Ok(to)) = (parse(&query.from), parse(&query.to)) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            "from and to must be RFC 3339 times like 2026-12-05T00:00:00Z",
        );
    };
    match app.hub.audit_entries(from, to).await {
        Ok(entries) => Json(entries).into_response(),
        Err(_) => unavailable(),
    }
}

fn refuse(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    let frame = ErrorFrame::new(code, message.to_owned());
    (status, Json(ServerMsg::Error(frame))).into_response()
}

fn unavailable() -> Response {
    refuse(
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::Unavailable,
        "the audit log cannot be read now",
    )
}
