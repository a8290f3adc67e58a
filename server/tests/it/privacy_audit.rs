//! The privacy audit: a whole day of a ward's Ibasho, on the injected clock and the store of
//! this run (memory, or Redis with `IBASHO_TEST_STORE=redis`), through every feature — a
//! room that talks all day, a family sitting with an entry word, a programme with a round,
//! moderation (a deletion, a mute), a report with a note, an escalation with consent, a
//! transfer between desks with a note, an observer and whispers, the voice. Then every log
//! line (at `trace`, through the binary's own filter), every stored key and value (the
//! store's dump, and on Redis every key's raw `DUMP`, where what `XDEL` only marked as
//! deleted would still show) and every file the server wrote is searched for the session
//! tokens and their hashes, the client's address and every text that was sent. Only what
//! the documented retention rules keep may remain (ARCHITECTURE.md, "Invariants"): here,
//! the voice's comment, kept for months without who or when. The test prints what remained.

use std::io::Write as _;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, OnceLock};

use ibasho_server::Running;
use ibasho_server::clock::ManualClock;
use ibasho_server::settings::StoreChoice;
use ibasho_server::staff::StaffAccounts;
use ibasho_tests::{Client, ClientOptions, staff_hello};
use jiff::SignedDuration;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::privacy::CLIENT_IP;
use crate::support::{STAFF_PASSWORD, serve_catalogue, settings, tokyo};

/// Every log line of this test binary from the audit's start, as the binary writes them.
static LOG: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();

#[derive(Clone)]
struct LogBuffer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for LogBuffer {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Installs the binary's logging (its filter and its ceiling on other crates) at `trace`,
/// into memory. No other test of this binary installs a subscriber.
fn log_everything() -> Arc<Mutex<Vec<u8>>> {
    Arc::clone(LOG.get_or_init(|| {
        let buffer = Arc::new(Mutex::new(Vec::new()));
        let writer = LogBuffer(Arc::clone(&buffer));
        ibasho_server::logging::init_to(
            ibasho_server::logging::EnvFilter::new("trace"),
            move || writer.clone(),
            false,
        );
        buffer
    }))
}

/// A Saturday: the open room 09:00–21:00, a family sitting 14:00–15:30 behind an entry word,
/// a programme 16:00–17:00 with a round.
fn catalogue() -> String {
    format!(
        r#"
closing_notice_minutes = 5

[[room]]
id = "hiroba"
title = "ひろば"
description = "だれでも"
kind = "themed"
capacity = 20

[[room.session]]
weekly = ["sat"]
start = "09:00"
end = "21:00"

[[room]]
id = "kazokukai"
title = "家族会"
description = "合言葉が必要です"
kind = "family"
entry_word_hash = "{word}"
capacity = 10

[[room.session]]
weekly = ["sat"]
start = "14:00"
end = "15:30"

[[room]]
id = "mitsukeba"
title = "みつけばルーム"
description = "ピアの部屋"
kind = "programme"
audience = "person"
capacity = 10

[[room.session]]
weekly = ["sat"]
start = "16:00"
end = "17:00"

[room.programme]
facilitators = ["ひかり"]
agenda = [{{ title = "チェックイン", minutes = 60 }}]
"#,
        word = crate::entry_word::cheap_hash(ENTRY_WORD)
    )
}

const ENTRY_WORD: &str = "あじさい";

/// Everything sent during the day that must not outlive what the retention rules allow:
/// a label and the words, and whether the rules keep it (why, if so).
struct Secrets {
    items: Vec<(String, String, Option<&'static str>)>,
}

impl Secrets {
    fn text(&mut self, label: &str, text: &str) {
        self.items.push((label.to_owned(), text.to_owned(), None));
    }

    fn kept(&mut self, label: &str, text: &str, why: &'static str) {
        self.items
            .push((label.to_owned(), text.to_owned(), Some(why)));
    }

    /// A session token, and the hashes of it a store or a log could hold.
    fn token(&mut self, label: &str, welcome: &Value) {
        let token = welcome["session"].as_str().expect("a session token");
        let hash: String = Sha256::digest(token.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        self.text(&format!("{label}'s token"), token);
        self.text(&format!("{label}'s token hash"), &hash);
        self.text(&format!("{label}'s session key"), &hash[..32]);
    }
}

/// A person (or family member) with a handle, connected from the test's own address.
async fn walk_in(server: &Running, handle: &str, role: &str, secrets: &mut Secrets) -> Client {
    let options = ClientOptions {
        local_ip: Some(IpAddr::V4(CLIENT_IP)),
        ..ClientOptions::default()
    };
    let mut client = Client::connect_with(server.addr(), options).await.unwrap();
    client
        .send(json!({"type":"hello","handle":handle,"role":role}))
        .await
        .unwrap();
    let welcome = client.recv_type("welcome").await.unwrap();
    secrets.token(handle, &welcome);
    client
}

/// A staff member signed in (on duty for counselors and supervisors).
async fn staff(server: &Running, name: &str, duty: bool, secrets: &mut Secrets) -> Client {
    let mut client = Client::connect(server.addr()).await.unwrap();
    let welcome = client
        .hello_with(staff_hello(name, STAFF_PASSWORD))
        .await
        .unwrap();
    secrets.token(name, &welcome);
    if duty {
        client.send(json!({"type":"duty","on":true})).await.unwrap();
        client.recv_kept("desks", |_| true).await.unwrap();
    }
    client
}

/// Says `text` in `room` and returns the stored message as the sender heard it.
async fn said(client: &mut Client, room: &str, text: &str, client_id: &str) -> Value {
    client.say(room, text, client_id).await.unwrap();
    client
        .recv_kept("message", |frame| frame["client_id"] == client_id)
        .await
        .unwrap()
}

/// Moves the day on by `minutes`.
fn later(clock: &ManualClock, minutes: i64) {
    clock.advance(SignedDuration::from_mins(minutes));
}

/// Everything the store holds, as text and (Redis) as each key's raw serialized value,
/// which keeps what a stream's `XDEL` only marked as deleted.
async fn stored(server: &Running) -> Vec<u8> {
    let mut all = server.app().store.audit_dump().await.unwrap().into_bytes();
    if let StoreChoice::Redis { url, prefix } = &server.app().settings.store {
        let mut conn = redis::Client::open(url.as_str())
            .unwrap()
            .get_multiplexed_async_connection()
            .await
            .unwrap();
        // Uncompressed, so that words in a serialized value can be found.
        let _: () = redis::cmd("CONFIG")
            .arg("SET")
            .arg("rdbcompression")
            .arg("no")
            .query_async(&mut conn)
            .await
            .unwrap();
        let keys: Vec<String> = redis::cmd("KEYS")
            .arg(format!("{prefix}*"))
            .query_async(&mut conn)
            .await
            .unwrap();
        for key in keys {
            let raw: Option<Vec<u8>> = redis::cmd("DUMP")
                .arg(&key)
                .query_async(&mut conn)
                .await
                .unwrap();
            all.extend_from_slice(key.as_bytes());
            all.extend(raw.unwrap_or_default());
        }
    }
    all
}

fn holds(haystack: &[u8], needle: &str) -> bool {
    let needle = needle.as_bytes();
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

/// What surrounds the first `needle` in `haystack`, to say where it was found.
fn around(haystack: &[u8], needle: &str) -> String {
    let text = String::from_utf8_lossy(haystack);
    let at = text.find(needle).unwrap_or(0);
    let from = text.floor_char_boundary(at.saturating_sub(300));
    let to = text.ceil_char_boundary(at + needle.len() + 100);
    text[from..to].to_owned()
}

/// Waits until `client` is taken out of `room` at the end of its sitting.
async fn closed_in(client: &mut Client, room: &str) {
    client
        .recv_kept("closed", |frame| frame["room"] == room)
        .await
        .unwrap();
}

/// What may not be in `place` now (the `labels`' words): asserts none is.
fn none_of(place: &str, haystack: &[u8], secrets: &Secrets, labels: &[&str]) {
    for (label, text, _) in &secrets.items {
        if labels.contains(&label.as_str()) {
            assert!(
                !holds(haystack, text),
                "{label} is still in {place}: …{}…",
                around(haystack, text)
            );
        }
    }
}

#[tokio::test]
async fn a_whole_day_leaves_only_what_the_retention_rules_keep() {
    let log = log_everything();
    let files = tempfile::tempdir().unwrap();
    let clock = Arc::new(ManualClock::new(tokyo("2026-12-05T08:55")));
    let mut settings = settings();
    settings.staff =
        Arc::new(StaffAccounts::parse(&crate::counsel_desks::desks_file(), "staff.toml").unwrap());
    settings.limits.schedule_tick = std::time::Duration::from_millis(10);
    if !crate::support::redis_run() {
        settings.figures.file = Some(files.path().join("figures.json"));
    }
    let server = serve_catalogue(settings, clock.clone(), &catalogue()).await;
    let mut secrets = Secrets { items: Vec::new() };
    let mark = format!("{:x}", rand_mark());

    // 09:00 — the open room: people talk; one reports a message with a note; the
    // facilitator takes another message down and mutes its writer.
    later(&clock, 5);
    let mut hikari = staff(&server, "ひかり", false, &mut secrets).await;
    let mut sora = walk_in(&server, "そら", "person", &mut secrets).await;
    let mut umi = walk_in(&server, "うみ", "person", &mut secrets).await;
    for client in [&mut hikari, &mut sora, &mut umi] {
        client.join("hiroba").await.unwrap();
    }
    let morning = format!("ねむれない夜がつづく-{mark}");
    let first = said(&mut sora, "hiroba", &morning, "s1").await;
    secrets.text("a message", &morning);
    let taken_down = format!("きえてほしいことば-{mark}");
    let second = said(&mut umi, "hiroba", &taken_down, "u1").await;
    secrets.text("a deleted message", &taken_down);
    let note = format!("こわかった-{mark}");
    umi.send(
        json!({"type":"report","room":"hiroba","message_id":first["id"],
        "reason":"other","note":note}),
    )
    .await
    .unwrap();
    umi.recv_kept("report_received", |_| true).await.unwrap();
    secrets.text("a report's note", &note);
    hikari
        .send(json!({"type":"moderate","room":"hiroba","action":"delete",
            "message_id":second["id"]}))
        .await
        .unwrap();
    sora.recv_kept("deleted", |_| true).await.unwrap();
    hikari
        .send(
            json!({"type":"moderate","room":"hiroba","action":"mute","handle":"うみ",
            "minutes":10}),
        )
        .await
        .unwrap();
    umi.recv_kept("sanction", |_| true).await.unwrap();
    // Taken down means gone from the store at once, streams included.
    none_of(
        "the store after the deletion",
        &stored(&server).await,
        &secrets,
        &["a deleted message"],
    );

    // 10:00 — the facilitator escalates そら with the message she agrees to share; the
    // general desk takes it, a supervisor observes and whispers, it goes to the youth desk
    // with a note, and ends there.
    later(&clock, 60);
    let mut general_desk = staff(&server, "やまだ", true, &mut secrets).await;
    let mut sato = staff(&server, "さとう", true, &mut secrets).await;
    hikari
        .send(json!({"type":"escalate","room":"hiroba","handle":"そら",
            "message_ids":[first["id"]]}))
        .await
        .unwrap();
    let asked = sora.recv_kept("consent_request", |_| true).await.unwrap();
    let id = asked["escalation_id"].clone();
    sora.send(json!({"type":"consent","escalation_id":id,"accept":true,
        "message_ids":[first["id"]]}))
        .await
        .unwrap();
    general_desk.queue_of(1).await.unwrap();
    general_desk
        .send(json!({"type":"claim","escalation_id":id}))
        .await
        .unwrap();
    let case_room = sora.escalation_in("connected").await.unwrap()["room"]
        .as_str()
        .unwrap()
        .to_owned();
    sora.join(&case_room).await.ok();
    let in_case = format!("だれにもいえなかった-{mark}");
    said(&mut sora, &case_room, &in_case, "s2").await;
    secrets.text("a message in a case", &in_case);
    sato.send(json!({"type":"observe","escalation_id":id}))
        .await
        .unwrap();
    sora.recv_kept("observer", |frame| frame["present"] == true)
        .await
        .unwrap();
    let whisper = format!("ゆっくり聞いてあげて-{mark}");
    sato.send(json!({"type":"whisper","escalation_id":id,"text":whisper}))
        .await
        .unwrap();
    general_desk
        .recv_kept("whisper", |frame| frame["text"] == whisper.as_str())
        .await
        .unwrap();
    secrets.text("a whisper", &whisper);
    let handover = format!("夜がつらいとのこと-{mark}");
    general_desk
        .send(json!({"type":"transfer","escalation_id":id,"desk":"youth","note":handover}))
        .await
        .unwrap();
    secrets.text("a transfer's note", &handover);
    let mut youth_desk = staff(&server, "たなか", true, &mut secrets).await;
    youth_desk.queue_of(1).await.unwrap();
    youth_desk
        .send(json!({"type":"claim","escalation_id":id}))
        .await
        .unwrap();
    let case = youth_desk.recv_kept("case", |_| true).await.unwrap();
    assert_eq!(case["note"], handover.as_str());
    sora.escalation_in("connected").await.unwrap();
    youth_desk
        .send(json!({"type":"end_case","escalation_id":id,"outcome":"talked"}))
        .await
        .unwrap();
    sora.escalation_in("ended").await.unwrap();
    crate::counsel_desks::until_erased(&server, id.as_str().unwrap()).await;
    none_of(
        "the store after the case",
        &stored(&server).await,
        &secrets,
        &[
            "a message in a case",
            "a whisper",
            "a transfer's note",
            "a deleted message",
        ],
    );
    for client in [general_desk, sato, youth_desk] {
        client.close().await.unwrap();
    }

    // 14:00 — the family sitting, behind its entry word.
    later(&clock, 4 * 60);
    let mut parent = walk_in(&server, "はは", "family", &mut secrets).await;
    parent
        .send(json!({"type":"join","room":"kazokukai","entry_word":ENTRY_WORD}))
        .await
        .unwrap();
    parent.recv_kept("joined", |_| true).await.unwrap();
    let family_words = format!("むすこが部屋から出てこない-{mark}");
    said(&mut parent, "kazokukai", &family_words, "p1").await;
    secrets.text("a message in a family sitting", &family_words);
    secrets.text("the entry word", ENTRY_WORD);
    later(&clock, 95);
    closed_in(&mut parent, "kazokukai").await;

    // 16:00 — the programme, with a round.
    later(&clock, 30);
    let mut kai = walk_in(&server, "かい", "person", &mut secrets).await;
    kai.join("mitsukeba").await.unwrap();
    hikari.join("mitsukeba").await.unwrap();
    hikari
        .send(json!({"type":"facilitate","room":"mitsukeba","action":"start_round"}))
        .await
        .unwrap();
    kai.recv_kept("room_state", |frame| frame["floor"]["handle"] == "かい")
        .await
        .unwrap();
    let turn = format!("きょうは外に出られた-{mark}");
    said(&mut kai, "mitsukeba", &turn, "k1").await;
    secrets.text("a turn in a round", &turn);
    kai.send(json!({"type":"pass","room":"mitsukeba"}))
        .await
        .unwrap();
    later(&clock, 65);
    closed_in(&mut kai, "mitsukeba").await;

    // 20:00 — そら answers the voice with a comment; 21:00 the open room's sitting ends.
    later(&clock, 3 * 60);
    let voice = format!("ここに来られてよかった-{mark}");
    sora.send(json!({"type":"voice","room":"hiroba","rating":4,"comment":voice}))
        .await
        .unwrap();
    sora.recv_kept("voice_received", |_| true).await.unwrap();
    secrets.kept(
        "a voice comment",
        &voice,
        "the voice: rating, comment, room and day, kept for months",
    );
    later(&clock, 65);
    closed_in(&mut sora, "hiroba").await;

    // Everyone goes home.
    for client in [hikari, sora, umi, parent, kai] {
        client.close().await.unwrap();
    }
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    while server.app().hub.session_count() > 0 {
        assert!(tokio::time::Instant::now() < deadline, "sessions stayed");
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    // The audit: the store now; the files once the server has stopped (its last write of
    // the figures file is after its connections closed).
    let store = stored(&server).await;
    server.shutdown();
    server.stopped().await.unwrap();
    let mut written = Vec::new();
    for entry in std::fs::read_dir(files.path()).unwrap() {
        let path = entry.unwrap().path();
        written.extend(std::fs::read(&path).unwrap());
    }
    let log = log.lock().unwrap().clone();
    assert!(
        holds(&log, "a case ended") || holds(&log, "case"),
        "the log was not captured"
    );
    let address = CLIENT_IP.to_string();
    let mut report = String::from("what the day left behind:\n");
    let places: [(&str, &[u8]); 3] = [("store", &store), ("files", &written), ("log", &log)];
    for (place, haystack) in places {
        assert!(
            !holds(haystack, &address),
            "the client's address is in the {place}"
        );
        for (label, text, kept) in &secrets.items {
            if !holds(haystack, text) {
                continue;
            }
            match kept {
                // The voice's comment may stay in the store, never in the log.
                Some(why) if place != "log" => {
                    report.push_str(&format!("  {place}: {label} — {why}\n"));
                }
                _ => panic!(
                    "{label} is still in the {place}: …{}…",
                    around(haystack, text)
                ),
            }
        }
    }
    let _ = std::io::stdout().write_all(report.as_bytes());
    // Not vacuous: what the rules keep is found where it is kept.
    assert!(
        holds(&store, &voice) || holds(&written, &voice),
        "the voice's comment should be kept: {report}"
    );
}

/// A mark of this run, so that no other test's words are taken for this one's.
fn rand_mark() -> u64 {
    let mut hasher = Sha256::new();
    hasher.update(std::process::id().to_le_bytes());
    hasher.update(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
            .to_le_bytes(),
    );
    u64::from_le_bytes(hasher.finalize()[..8].try_into().unwrap())
}
