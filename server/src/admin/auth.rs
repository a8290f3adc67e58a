//! [`Admin`]: the proof, for a handler, that the request carries a live administrator's
//! session (`Authorization: Bearer <token from welcome>`). Refused with 401 when there is no
//! live staff session, 403 for staff of another role, 503 when the store cannot say.

use std::sync::Arc;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::Response;
use ibasho_protocol::{ErrorCode, StaffRole};

use crate::app::App;
use crate::token::SessionToken;

/// An administrator's request. Holds nothing: who they are is never needed by a route
/// (and so never passed where it could be logged).
#[derive(Debug, Clone, Copy)]
pub struct Admin;

impl FromRequestParts<Arc<App>> for Admin {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, app: &Arc<App>) -> Result<Self, Response> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .and_then(|token| SessionToken::from_client(token.trim()));
        let Some(token) = token else {
            return Err(refuse(StatusCode::UNAUTHORIZED, ErrorCode::Forbidden));
        };
        match app.hub.staff_role(&token).await {
            Ok(Some(StaffRole::Admin)) => Ok(Admin),
            Ok(Some(_)) => Err(refuse(StatusCode::FORBIDDEN, ErrorCode::Forbidden)),
            Ok(None) => Err(refuse(StatusCode::UNAUTHORIZED, ErrorCode::Forbidden)),
            Err(_) => Err(refuse(
                StatusCode::SERVICE_UNAVAILABLE,
                ErrorCode::Unavailable,
            )),
        }
    }
}

/// A refusal as the socket would send it, with an HTTP status.
pub fn refuse(status: StatusCode, code: ErrorCode) -> Response {
    let key = match status {
        StatusCode::UNAUTHORIZED => "error-http-staff_session",
        StatusCode::FORBIDDEN => "error-http-admin_only",
        StatusCode::SERVICE_UNAVAILABLE => "error-http-store_away",
        _ => "error-http-other",
    };
    crate::http::refused(status, code, key, &[])
}
