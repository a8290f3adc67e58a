//! `GET /api/figures` (the usage figures: a fiscal year by default, or `from`–`to`; JSON,
//! or CSV with `Accept: text/csv` or `format=csv`) and `GET /api/voice?month=YYYY-MM` (the
//! participants' voice of a month). Small numbers are suppressed in both. `format=html`
//! (with `lang`) gives either as the web app's page draws it (see `figures::html`).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ibasho_protocol::ErrorCode;

use super::auth::refuse;
use super::{Admin, html, lang};
use crate::app::App;
use crate::figures::months::{MAX_MONTHS, Month, Months};

#[derive(serde::Deserialize)]
pub struct FiguresQuery {
    fiscal_year: Option<String>,
    from: Option<String>,
    to: Option<String>,
    format: Option<String>,
    #[serde(default)]
    lang: Option<String>,
}

fn bad_months() -> Response {
    let max = i64::try_from(MAX_MONTHS).unwrap_or(i64::MAX);
    crate::http::refused(
        StatusCode::BAD_REQUEST,
        ErrorCode::BadRequest,
        "error-http-bad_months",
        &[("max", max)],
    )
}

pub async fn figures(
    _: Admin,
    State(app): State<Arc<App>>,
    Query(query): Query<FiguresQuery>,
    headers: HeaderMap,
) -> Response {
    let today = app.figures.timing().local_now().date();
    let Ok(months) = Months::asked(
        query.fiscal_year.as_deref(),
        query.from.as_deref(),
        query.to.as_deref(),
        today,
    ) else {
        return bad_months();
    };
    let csv = query.format.as_deref() == Some("csv")
        || headers
            .get(header::ACCEPT)
            .and_then(|accept| accept.to_str().ok())
            .is_some_and(|accept| accept.contains("text/csv"));
    let report = match app.figures.report(months).await {
        Ok(report) => report,
        Err(_) => return refuse(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable),
    };
    if query.format.as_deref() == Some("html") {
        let before = app.figures.report(months.year_before()).await.ok();
        return html(crate::figures::html::figures(
            &report,
            before.as_ref(),
            lang(query.lang.as_deref()),
            &app.catalogue,
        ));
    }
    if csv {
        let name = format!(
            "attachment; filename=\"ibasho-figures-{}-{}.csv\"",
            report.from, report.to
        );
        let mut response = crate::figures::csv::csv(&report).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        );
        if let Ok(value) = HeaderValue::from_str(&name) {
            headers.insert(header::CONTENT_DISPOSITION, value);
        }
        return response;
    }
    Json(report).into_response()
}

#[derive(serde::Deserialize)]
pub struct VoiceQuery {
    month: Option<String>,
    format: Option<String>,
    lang: Option<String>,
}

pub async fn voice(
    _: Admin,
    State(app): State<Arc<App>>,
    Query(query): Query<VoiceQuery>,
) -> Response {
    let month = match query.month.as_deref() {
        Some(text) => match Month::parse(text) {
            Ok(month) => month,
            Err(_) => return bad_months(),
        },
        None => app.figures.this_month(),
    };
    match app.figures.voice_report(month).await {
        Ok(report) if query.format.as_deref() == Some("html") => html(crate::figures::html::voice(
            &report,
            lang(query.lang.as_deref()),
            &app.catalogue,
        )),
        Ok(report) => Json(report).into_response(),
        Err(_) => refuse(StatusCode::SERVICE_UNAVAILABLE, ErrorCode::Unavailable),
    }
}
