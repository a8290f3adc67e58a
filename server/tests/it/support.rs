//! Starting a server for one test, with a catalogue made for tests.
//!
//! `IBASHO_TEST_STORE=redis` runs the whole suite against the Redis store: one throwaway
//! `redis-server` for the run (or the one `IBASHO_TEST_REDIS_URL` names), and a key prefix of
//! its own for every server a test starts.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

use ibasho_server::catalogue::Catalogue;
use ibasho_server::clock::{Clock, SystemClock};
use ibasho_server::settings::{Limits, Settings, StoreChoice};
use ibasho_server::staff::StaffAccounts;
use ibasho_server::{Running, open_store, start_with};
use ibasho_tests::{Client, RedisServer};

pub use crate::test_settings::settings;

/// Rooms for tests: a big lounge, a second room, a room for two, and a closed room.
pub const CATALOGUE: &str = concat!(
    ibasho_tests::lounge!(100),
    ibasho_tests::open_room!("games", "ゲーム", "ゲームの話", 100),
    ibasho_tests::open_room!("pair", "ふたり", "二人まで", 2),
    r#"
[[room]]
id = "family"
title = "家族のへや"
description = "家族の方"
kind = "family"
capacity = 10
open = "never"
"#
);

/// The password of every test staff account.
pub const STAFF_PASSWORD: &str = "long enough password";

/// Test settings with three staff accounts: ひかり (facilitator), たなか (counselor) and
/// すずき (admin).
pub fn staff_settings() -> Settings {
    let hash = crate::entry_word::cheap_hash(STAFF_PASSWORD);
    let file = format!(
        "[[staff]]\nname = \"ひかり\"\nrole = \"facilitator\"\npassword_hash = \"{hash}\"\n\n\
         [[staff]]\nname = \"たなか\"\nrole = \"counselor\"\npassword_hash = \"{hash}\"\n\n\
         [[staff]]\nname = \"すずき\"\nrole = \"admin\"\npassword_hash = \"{hash}\"\n\n\
         [[staff]]\nname = \"やまだ\"\nrole = \"counselor\"\npassword_hash = \"{hash}\"\n"
    );
    let mut settings = settings();
    settings.staff = Arc::new(StaffAccounts::parse(&file, "staff.toml").expect("staff file"));
    settings
}

/// Whether this run tests the Redis store.
pub fn redis_run() -> bool {
    std::env::var("IBASHO_TEST_STORE").is_ok_and(|store| store == "redis")
}

/// The Redis of this run.
pub fn redis_url() -> String {
    if let Ok(url) = std::env::var("IBASHO_TEST_REDIS_URL") {
        return url;
    }
    static SERVER: OnceLock<RedisServer> = OnceLock::new();
    SERVER
        .get_or_init(|| RedisServer::start().expect("a throwaway redis-server"))
        .url()
}

/// A key prefix no other server of this run uses.
pub fn fresh_prefix() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    format!(
        "ibasho-test:{}:{}:",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// Sets the store of this run (memory, or Redis with a fresh prefix) in `settings`.
pub fn with_test_store(mut settings: Settings) -> Settings {
    if redis_run() {
        settings.store = StoreChoice::Redis {
            url: redis_url(),
            prefix: fresh_prefix(),
        };
    }
    settings
}

/// Starts the real router with `settings` and the test catalogue.
pub async fn serve(settings: Settings) -> Running {
    serve_with_clock(settings, Arc::new(SystemClock)).await
}

/// Like [`serve`], with the test settings' limits changed by `change`.
pub async fn serve_limited(change: impl FnOnce(&mut Limits)) -> Running {
    let mut settings = settings();
    change(&mut settings.limits);
    serve(settings).await
}

/// Like [`serve`], with time from `clock`.
pub async fn serve_with_clock(settings: Settings, clock: Arc<dyn Clock>) -> Running {
    serve_catalogue(settings, clock, CATALOGUE).await
}

/// Like [`serve_with_clock`], with another catalogue.
pub async fn serve_catalogue(settings: Settings, clock: Arc<dyn Clock>, text: &str) -> Running {
    let catalogue = Catalogue::parse(text, "test catalogue").expect("test catalogue");
    let settings = with_test_store(settings);
    let store = open_store(&settings, &catalogue)
        .await
        .expect("the store opens");
    start_with(settings, catalogue, store, clock)
        .await
        .expect("server starts")
}

/// A client that has said hello (with `handle`, or a generated one).
pub async fn hello(server: &Running, handle: Option<&str>) -> (Client, serde_json::Value) {
    Client::greeted(server.addr(), handle)
        .await
        .expect("connects and is welcome")
}

/// A new connection that resumed the session of `token`, and its welcome.
pub async fn resume(server: &Running, token: &str) -> (Client, serde_json::Value) {
    Client::resumed(server.addr(), token)
        .await
        .expect("connects and is welcome")
}

/// The session token a welcome frame gives.
pub fn token(welcome: &serde_json::Value) -> String {
    welcome["session"]
        .as_str()
        .expect("a session token")
        .to_owned()
}

/// A client in `room`.
pub async fn member(server: &Running, handle: &str, room: &str) -> Client {
    Client::member(server.addr(), handle, room)
        .await
        .expect("connects and joins")
}

/// Reads presence frames until one counts `present` people.
pub async fn wait_for_present(client: &mut Client, present: u64) {
    loop {
        if client.recv_type("presence").await.expect("presence")["present"] == present {
            return;
        }
    }
}

/// The room `id` as the room list (`GET /api/rooms`) shows it now.
pub async fn room_status(server: &Running, id: &str) -> serde_json::Value {
    let list = crate::http::get_json(server.addr(), "/api/rooms").await;
    let rooms = list.as_array().expect("a list of rooms");
    let room = rooms.iter().find(|room| room["id"] == id);
    room.expect("the room is listed").clone()
}

/// A wall-clock time in Tokyo (`2026-12-05T14:00`) as an instant.
pub fn tokyo(text: &str) -> jiff::Timestamp {
    text.parse::<jiff::civil::DateTime>()
        .unwrap()
        .to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap())
        .unwrap()
        .timestamp()
}

/// The store of this run on its own (memory, or Redis under a fresh prefix), for the store's
/// contract suite.
pub async fn test_store() -> Arc<dyn ibasho_server::store::Store> {
    let catalogue = Catalogue::parse(CATALOGUE, "test catalogue").expect("test catalogue");
    open_store(&with_test_store(settings()), &catalogue)
        .await
        .expect("the store opens")
}

/// Every figure's total of yesterday, today and tomorrow (so that a test running over
/// midnight in the catalogue's time zone still finds what it counted), by figure key.
pub async fn figures_now(server: &Running) -> std::collections::BTreeMap<String, u64> {
    let today: jiff::civil::Date = server.app().figures.today().parse().unwrap();
    let days: Vec<String> = [-1, 0, 1]
        .into_iter()
        .map(|offset| {
            today
                .checked_add(jiff::Span::new().days(offset))
                .unwrap()
                .to_string()
        })
        .collect();
    let mut totals = std::collections::BTreeMap::new();
    for counts in server
        .app()
        .store
        .figures(&days)
        .await
        .unwrap()
        .into_values()
    {
        for (key, count) in counts {
            *totals.entry(key).or_default() += count;
        }
    }
    totals
}

/// A participant in `room`, with the arrivals before it heard and done with.
pub async fn person(server: &Running, handle: &str, room: &str) -> Client {
    let mut client = Client::member(server.addr(), handle, room)
        .await
        .expect("a member");
    client
        .expect_no_message(ibasho_tests::QUIET)
        .await
        .expect("quiet");
    client
}

/// The facilitator ひかり (see [`staff_settings`]) in `room`.
pub async fn facilitator(server: &Running, room: &str) -> Client {
    let mut client = Client::connect(server.addr()).await.expect("a connection");
    client
        .hello_with(ibasho_tests::staff_hello("ひかり", STAFF_PASSWORD))
        .await
        .expect("a staff welcome");
    client.join(room).await.expect("joined");
    client
}

/// A `say` frame.
pub fn say_frame(room: &str, text: &str, client_id: &str) -> serde_json::Value {
    serde_json::json!({"type":"say","room":room,"text":text,"client_id":client_id})
}
