//! The HTTP routes: health, the public room list, and the WebSocket endpoint.

use std::sync::Arc;

use axum::extract::{Query, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use ibasho_protocol::{ErrorCode, ErrorFrame, Lang, ServerMsg};
use tower_http::trace::TraceLayer;

use crate::app::App;
use crate::handles;
use crate::refusal::Refusal;
use crate::ws;

pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/healthz", get(healthz))
        .route("/api/rooms", get(rooms))
        .route("/api/handles/suggest", get(suggest_handle))
        .route("/ws", get(ws::upgrade))
        .fallback(not_found)
        // The span names method and path only: no query, no headers, no address.
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            tracing::info_span!("http", method = %request.method(), path = %request.uri().path())
        }))
        .with_state(app)
}

async fn healthz() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "ok" }))
}

async fn rooms(State(app): State<Arc<App>>) -> Response {
    match app.room_list().await {
        Ok(list) => Json(list).into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "room list unavailable");
            error_response(StatusCode::SERVICE_UNAVAILABLE, &Refusal::Unavailable)
        }
    }
}

#[derive(serde::Deserialize)]
struct SuggestQuery {
    #[serde(default)]
    lang: Lang,
}

/// A friendly handle to offer on the entry screen ("another one" asks again). Nothing is
/// reserved: the person may take it, change it, or ask for another.
async fn suggest_handle(Query(query): Query<SuggestQuery>) -> Json<serde_json::Value> {
    let handle = handles::generate(query.lang, 0);
    Json(serde_json::json!({ "handle": handle.as_str() }))
}

async fn not_found() -> Response {
    let frame = ErrorFrame {
        code: ErrorCode::BadRequest,
        message: "not found".to_owned(),
        room: None,
        client_id: None,
        retry_after_ms: None,
    };
    (StatusCode::NOT_FOUND, Json(ServerMsg::Error(frame))).into_response()
}

fn error_response(status: StatusCode, refusal: &Refusal) -> Response {
    let frame = refusal.to_frame(Lang::En, None, None);
    (status, Json(ServerMsg::Error(frame))).into_response()
}
