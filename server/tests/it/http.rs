//! The HTTP side: health, the room list, and who may open a WebSocket.

use ibasho_tests::{Client, ClientOptions};
use serde_json::Value;

use crate::support::{member, serve, settings};

/// GET `path`; the body as JSON, asserting 200.
pub async fn get_json(addr: std::net::SocketAddr, path: &str) -> Value {
    let (status, body) = get(addr, path).await;
    assert_eq!(status, 200, "{path}: {body}");
    body
}

/// GET `path`; the status and the body as text.
pub async fn get_text(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let response = ibasho_tests::http::get(addr, path, "").await.unwrap();
    (response.status, response.text())
}

pub async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, Value) {
    let (status, body) = get_text(addr, path).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

/// How a browser showing a page from `origin` connects.
fn from_origin(origin: &str) -> ClientOptions {
    ClientOptions {
        origin: Some(origin.to_owned()),
        ..ClientOptions::default()
    }
}

/// Asserts that a page from `origin` may not open a WebSocket (403).
async fn assert_refused(addr: std::net::SocketAddr, origin: &str) {
    let err = Client::connect_with(addr, from_origin(origin))
        .await
        .err()
        .expect("refused");
    assert!(format!("{err:#}").contains("403"), "{err:#}");
}

#[tokio::test]
async fn healthz_says_ok() {
    let server = serve(settings()).await;
    let (status, body) = get(server.addr(), "/healthz").await;
    assert_eq!(status, 200);
    assert_eq!(body, serde_json::json!({"status": "ok"}));
}

#[tokio::test]
async fn the_room_list_counts_people_without_naming_them() {
    let server = serve(settings()).await;
    let _a = member(&server, "いち", "lounge").await;
    let _b = member(&server, "に", "lounge").await;
    let (status, rooms) = get(server.addr(), "/api/rooms").await;
    assert_eq!(status, 200);
    let rooms = rooms.as_array().unwrap();
    assert_eq!(rooms.len(), 4);
    let lounge = rooms.iter().find(|r| r["id"] == "lounge").unwrap();
    assert_eq!(lounge["title"], "ラウンジ");
    assert_eq!(lounge["kind"], "themed");
    assert_eq!(lounge["capacity"], 100);
    assert_eq!(lounge["present"], 2);
    assert_eq!(lounge["status"], "open");
    assert!(lounge["description"].is_string());
    let family = rooms.iter().find(|r| r["id"] == "family").unwrap();
    assert_eq!(
        (family["kind"].as_str(), family["status"].as_str()),
        (Some("family"), Some("closed"))
    );
    let text = serde_json::to_string(&rooms).unwrap();
    assert!(
        !text.contains("いち") && !text.contains("に\""),
        "no handles in the list"
    );
}

#[tokio::test]
async fn handle_suggestions_are_friendly_and_vary() {
    let server = serve(settings()).await;
    let mut seen = std::collections::HashSet::new();
    for _ in 0..10 {
        let (status, body) = get(server.addr(), "/api/handles/suggest").await;
        assert_eq!(status, 200);
        let handle = body["handle"].as_str().unwrap().to_owned();
        assert!(ibasho_moderation::Handle::parse(&handle).is_ok());
        assert!(!handle.is_ascii(), "Japanese by default: {handle}");
        seen.insert(handle);
    }
    assert!(seen.len() > 1);
    let (_, body) = get(server.addr(), "/api/handles/suggest?lang=en").await;
    assert!(body["handle"].as_str().unwrap().is_ascii());
}

#[tokio::test]
async fn unknown_paths_are_404() {
    let server = serve(settings()).await;
    let (status, body) = get(server.addr(), "/nothing-here").await;
    assert_eq!(status, 404);
    assert_eq!(body["type"], "error");
}

#[tokio::test]
async fn a_cross_site_upgrade_is_refused_and_same_origin_is_allowed() {
    let server = serve(settings()).await;
    let addr = server.addr();
    assert_refused(addr, "https://evil.example").await;
    let same = from_origin(&format!("http://{addr}"));
    Client::connect_with(addr, same).await.unwrap();
    // No Origin at all: a script, not a browser.
    Client::connect(addr).await.unwrap();
}

#[tokio::test]
async fn a_configured_allow_list_is_the_only_way_in_for_browsers() {
    let mut settings = settings();
    settings.allowed_origins = vec!["https://ibasho.example.org".into()];
    let server = serve(settings).await;
    let addr = server.addr();
    let listed = from_origin("https://ibasho.example.org");
    Client::connect_with(addr, listed).await.unwrap();
    assert_refused(addr, &format!("http://{addr}")).await;
}
