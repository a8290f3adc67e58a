//! The HTTP routes: health, the public room list, and the WebSocket endpoint.

use std::sync::Arc;

use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router, middleware};
use ibasho_protocol::{ErrorCode, ErrorFrame, Lang, ServerMsg};
use tower_http::trace::TraceLayer;

use crate::app::App;
use crate::calendar;
use crate::handles;
use crate::refusal::Refusal;
use crate::web;
use crate::words;
use crate::ws;

pub fn router(app: Arc<App>) -> Router {
    let router = Router::new();
    #[cfg(feature = "conformance")]
    let router = router.route("/conformance/echo", get(ws::echo));
    router
        .route("/healthz", get(healthz))
        .route("/livez", get(livez))
        .route("/metrics", get(metrics))
        .route("/api/rooms", get(rooms))
        .route("/api/handles/suggest", get(suggest_handle))
        .route("/api/schedule", get(schedule))
        .route("/schedule.ics", get(schedule_feed))
        .route("/ws", get(ws::upgrade))
        .merge(crate::admin::routes())
        .fallback(web_or_not_found)
        .layer(middleware::map_response(security_headers))
        // The span names method and path only: no query, no headers, no address.
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            tracing::info_span!("http", method = %request.method(), path = %request.uri().path())
        }))
        .with_state(app)
}

/// Readiness, for a load balancer: 200 while this node can serve and deliver across nodes;
/// 503 while its store is unreachable (degraded) or it is shutting down.
async fn healthz(State(app): State<Arc<App>>) -> Response {
    if app.ready() {
        Json(serde_json::json!({ "status": "ok" })).into_response()
    } else {
        let status = if app.shutdown.is_cancelled() {
            "stopping"
        } else {
            "degraded"
        };
        (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(serde_json::json!({ "status": status })),
        )
            .into_response()
    }
}

/// Liveness: the process answers. Restarting a node whose store is down would not help, so
/// this stays 200 when `/healthz` says degraded.
async fn livez() -> Json<serde_json::Value> {
    Json(serde_json::json!({ "status": "alive" }))
}

async fn metrics(State(app): State<Arc<App>>) -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        app.render_metrics().await,
    )
        .into_response()
}

async fn rooms(State(app): State<Arc<App>>) -> Response {
    match app.rooms.list().await {
        Ok(list) => Json(list).into_response(),
        Err(err) => {
            tracing::warn!(error = %err, "room list unavailable");
            error_response(StatusCode::SERVICE_UNAVAILABLE, &Refusal::Unavailable)
        }
    }
}

#[derive(serde::Deserialize)]
struct ScheduleQuery {
    from: Option<String>,
    to: Option<String>,
}

/// The scheduled sittings between `from` and `to` (RFC 3339; default: the coming week).
async fn schedule(State(app): State<Arc<App>>, Query(query): Query<ScheduleQuery>) -> Response {
    let parse = |text: &Option<String>| -> Result<Option<jiff::Timestamp>, ()> {
        text.as_deref().map(str::parse).transpose().map_err(|_| ())
    };
    let (Ok(from), Ok(to)) = (parse(&query.from), parse(&query.to)) else {
        return refused(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            "error-http-bad_time",
            &[],
        );
    };
    let from = from.unwrap_or_else(|| app.clock.now());
    let to = to.unwrap_or_else(|| from.checked_add(calendar::DEFAULT_SPAN).unwrap_or(from));
    if to < from || to.duration_since(from) > calendar::MAX_SPAN {
        let days = calendar::MAX_SPAN.as_hours() / 24;
        return refused(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            "error-http-bad_span",
            &[("days", days)],
        );
    }
    Json(calendar::slots(&app.catalogue, from, to)).into_response()
}

#[derive(serde::Deserialize)]
struct FeedQuery {
    /// One room's sittings only (「開いたら知らせる」 on a closed room).
    room: Option<String>,
}

/// The coming sittings as an iCalendar feed, to add to a calendar app: every room's, or one
/// room's (`?room=ID`; a room the catalogue does not have is 404 `no_such_room`).
async fn schedule_feed(State(app): State<Arc<App>>, Query(query): Query<FeedQuery>) -> Response {
    if let Some(room) = &query.room
        && app.catalogue.room(room).is_none()
    {
        return error_response(StatusCode::NOT_FOUND, &Refusal::NoSuchRoom);
    }
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/calendar; charset=utf-8",
        )],
        calendar::feed(&app.catalogue, app.clock.now(), query.room.as_deref()),
    )
        .into_response()
}

/// The language of the HTTP API's words: its callers are programs and the people who write
/// them, so English; the code and the sentence's key say the same in any language.
fn http_lang() -> Lang {
    Lang::from_code("en").unwrap_or_default()
}

/// An HTTP refusal: the `error` frame the socket would send, its words from the translation
/// files (`key`, with its numbers).
pub fn refused(status: StatusCode, code: ErrorCode, key: &str, args: &[(&str, i64)]) -> Response {
    let mut frame = ErrorFrame::new(code, words::sentence(http_lang(), key, args));
    frame.sentence = Some(key.to_owned());
    frame.args = args
        .iter()
        .map(|(name, number)| ((*name).to_owned(), *number))
        .collect();
    (status, Json(ServerMsg::Error(frame))).into_response()
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

async fn security_headers(mut response: Response) -> Response {
    web::add_security_headers(response.headers_mut());
    response
}

/// The web front end's files for GET; a JSON 404 for anything else.
async fn web_or_not_found(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method == Method::GET || method == Method::HEAD {
        match &app.web {
            Some(web) => {
                if let Some(response) = web.response(uri.path(), &headers) {
                    return response;
                }
            }
            None if uri.path() == "/" => return web::not_built(),
            None => {}
        }
    }
    not_found()
}

fn not_found() -> Response {
    refused(
        StatusCode::NOT_FOUND,
        ErrorCode::BadRequest,
        "error-http-not_found",
        &[],
    )
}

fn error_response(status: StatusCode, refusal: &Refusal) -> Response {
    let frame = refusal.to_frame(http_lang(), None, None);
    (status, Json(ServerMsg::Error(frame))).into_response()
}
