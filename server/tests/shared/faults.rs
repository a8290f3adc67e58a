//! Faults under load, on two nodes sharing one Redis: a node killed under talk (its open
//! report and its figures survive it); Redis stopped for ten seconds and started again while
//! people talk (every say answered — stored or refused with a typed error —, everything
//! stored reaching everyone once, the service back by itself); and Redis out of memory
//! (`maxmemory` with `noeviction`): refusals typed, nothing half-written.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use ibasho_tests::{Client, RedisServer};
use serde_json::{Value, json};
use tokio::time::Instant;

use crate::support::{serve, settings};

/// What one talker ended with.
#[derive(Debug, Default)]
struct Talked {
    /// Its own texts the server confirmed (its echo came back).
    stored: BTreeSet<String>,
    /// Every message text it received, in order, its own included.
    heard: Vec<String>,
    /// How many of its says were refused, and with which codes.
    refusals: BTreeMap<String, usize>,
    /// Says never answered, or refused and never stored when sent again.
    unanswered: usize,
}

/// Says a numbered text every `every` until `stop`, and sends again what was refused once
/// the node says it is `restored` (as the web app does); then waits for every answer.
async fn talk(mut client: Client, me: String, every: Duration, stop: Instant) -> Talked {
    let mut talked = Talked::default();
    let mut waiting: BTreeSet<String> = BTreeSet::new();
    let mut refused: Vec<String> = Vec::new();
    let mut degraded = false;
    let mut n = 0;
    let mut next = Instant::now();
    loop {
        let now = Instant::now();
        if now >= stop && waiting.is_empty() && (refused.is_empty() || degraded) {
            break;
        }
        // People go on typing while the node says it is degraded; what was refused is sent
        // again once it says `restored`.
        if now >= next && (now < stop || (!refused.is_empty() && !degraded)) {
            let mut batch = if degraded {
                Vec::new()
            } else {
                std::mem::take(&mut refused)
            };
            if now < stop {
                batch.push(format!("{me}-{n}"));
                n += 1;
            }
            for text in batch {
                client.say("lounge", &text, &text).await.unwrap();
                waiting.insert(text);
            }
            next = now + every;
        }
        if now >= stop + Duration::from_secs(30) {
            break;
        }
        let Ok(frame) = client.recv_within(Duration::from_millis(20)).await else {
            continue;
        };
        match frame["type"].as_str() {
            Some("message") => {
                let text = frame["text"].as_str().unwrap().to_owned();
                if waiting.remove(&text) {
                    talked.stored.insert(text.clone());
                }
                talked.heard.push(text);
            }
            Some("error") => {
                let Some(id) = frame["client_id"].as_str() else {
                    panic!("a refusal that names no message: {frame}");
                };
                waiting.remove(id);
                *talked
                    .refusals
                    .entry(frame["code"].as_str().unwrap().to_owned())
                    .or_default() += 1;
                refused.push(id.to_owned());
            }
            Some("notice") => degraded = frame["code"] == "degraded",
            _ => {}
        }
    }
    talked.unanswered = waiting.len() + refused.len();
    // What the others said last is still on its way: listen until a quiet second.
    while let Ok(frame) = client.recv_within(Duration::from_secs(1)).await {
        if frame["type"] == "message" {
            talked
                .heard
                .push(frame["text"].as_str().unwrap().to_owned());
        }
    }
    talked
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redis_stopped_ten_seconds_under_load_loses_nothing_it_stored_and_comes_back() {
    let mut redis = RedisServer::start_durable().unwrap();
    let a = serve(settings(&redis, "faults:")).await;
    let b = serve(settings(&redis, "faults:")).await;
    let mut talkers = Vec::new();
    for i in 0..8 {
        let node = if i % 2 == 0 { a.addr() } else { b.addr() };
        let me = format!("t{i}");
        talkers.push((
            me.clone(),
            Client::member(node, &me, "lounge").await.unwrap(),
        ));
    }
    // Everyone is in before anyone speaks (each then hears all that is said after).
    tokio::time::sleep(Duration::from_millis(300)).await;
    let stop = Instant::now() + Duration::from_secs(15);
    let tasks: Vec<_> = talkers
        .into_iter()
        .map(|(me, client)| tokio::spawn(talk(client, me, Duration::from_millis(100), stop)))
        .collect();

    tokio::time::sleep(Duration::from_secs(2)).await;
    redis.kill().unwrap();
    tokio::time::sleep(Duration::from_secs(10)).await;
    redis.restart().unwrap();

    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.unwrap());
    }
    let stored: BTreeSet<String> = results.iter().flat_map(|t| t.stored.clone()).collect();
    let refused: usize = results.iter().flat_map(|t| t.refusals.values()).sum();
    eprintln!("stored {}, refusals {refused}", stored.len());
    for talked in &results {
        // Every say was answered: stored, or refused with a typed error naming it.
        assert_eq!(talked.unanswered, 0, "{talked:?}");
        for code in talked.refusals.keys() {
            assert_eq!(code, "unavailable", "{:?}", talked.refusals);
        }
        // Everything stored reached everyone, once.
        let heard: BTreeSet<String> = talked.heard.iter().cloned().collect();
        assert_eq!(heard.len(), talked.heard.len(), "a message heard twice");
        let missing: Vec<_> = stored.difference(&heard).collect();
        assert!(missing.is_empty(), "stored but never heard: {missing:?}");
    }
    // The outage was felt (refusals), and the service came back by itself: messages were
    // stored after it (each talker's last numbers).
    assert!(
        refused > 0,
        "Redis was away for 10 s and nothing was refused"
    );
    assert!(stored.len() > 8 * 30, "only {} stored", stored.len());
    for node in [&a, &b] {
        let (status, _) = crate::support::get(node.addr(), "/healthz").await;
        assert_eq!(status, 200);
    }
}

#[tokio::test]
async fn redis_out_of_memory_refuses_with_a_type_and_writes_nothing_by_halves() {
    let redis = RedisServer::start().unwrap();
    let server = serve(settings(&redis, "oom:")).await;
    let mut client = Client::member(server.addr(), "いっぱい", "lounge")
        .await
        .unwrap();
    client.say_and_hear("lounge", "まえ", "a").await.unwrap();
    let mut conn = redis::Client::open(redis.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let shared = conn.clone();
    let config = |key: &'static str, value: String| {
        let mut conn = shared.clone();
        async move {
            let _: () = redis::cmd("CONFIG")
                .arg("SET")
                .arg(key)
                .arg(value)
                .query_async(&mut conn)
                .await
                .unwrap();
        }
    };
    let used: String = redis::cmd("INFO")
        .arg("memory")
        .query_async(&mut conn)
        .await
        .unwrap();
    let used: u64 = used
        .lines()
        .find_map(|line| line.strip_prefix("used_memory:"))
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let before = dump(&server).await;
    config("maxmemory-policy", "noeviction".into()).await;
    config("maxmemory", (used / 2).to_string()).await;

    // Full: said and refused, with the message named; the connection stays.
    client.say("lounge", "いっぱいのとき", "b").await.unwrap();
    let refused = client.recv_error().await.unwrap();
    assert_eq!(
        (refused["code"].clone(), refused["client_id"].clone()),
        (json!("unavailable"), json!("b")),
        "{refused}"
    );
    // A newcomer is refused too (with a type), not half let in.
    let mut newcomer = Client::connect(server.addr()).await.unwrap();
    newcomer
        .send(json!({"type":"hello","handle":"あとから"}))
        .await
        .unwrap();
    let answer: Value = newcomer.recv().await.unwrap();
    assert_eq!(answer["type"], "error", "{answer}");
    assert_eq!(answer["code"], "unavailable", "{answer}");
    // Nothing of either was written.
    let during = dump(&server).await;
    assert!(!during.contains("いっぱいのとき") && !during.contains("あとから"));
    assert_eq!(before.len(), during.len(), "the store changed while full");

    // Room again: the same connection speaks, and the message is there once.
    config("maxmemory", "0".into()).await;
    client.say("lounge", "いっぱいのとき", "b").await.unwrap();
    let heard = client.recv_type("message").await.unwrap();
    assert_eq!(heard["text"], "いっぱいのとき");
    let (mut later, _) = Client::greeted(server.addr(), Some("あとから"))
        .await
        .unwrap();
    let joined = later.join("lounge").await.unwrap();
    assert_eq!(
        ibasho_tests::history_texts(&joined),
        ["まえ", "いっぱいのとき"]
    );
}

/// The store's dump with each key's time to live left out: a node renews its sessions' keys
/// on its own clock, and a TTL that went from 9,999 to 10,000 ms is no write.
async fn dump(server: &ibasho_server::Running) -> String {
    let dump = server.app().store.audit_dump().await.unwrap();
    dump.lines()
        .map(|line| match (line.find(", ttl "), line.find(" ms): ")) {
            (Some(from), Some(to)) if from < to => format!("{}{}", &line[..from], &line[to + 3..]),
            _ => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A node killed (SIGKILL, a crash) while its people talk and a report is open: the
/// facilitator on the other node resolves the report, the reporter — resumed there — is
/// told, and every figure counted before the crash is still counted after it.
#[tokio::test]
async fn a_node_killed_under_talk_loses_no_report_and_no_figure() {
    use std::io::Write as _;
    const PASSWORD: &str = "facilitator password 9d2";
    let redis = RedisServer::start().unwrap();
    let catalogue = crate::support::catalogue_file();
    let line =
        ibasho_tests::process::hash_with(&crate::support::binary(), "hash-password", PASSWORD)
            .unwrap();
    let mut staff = tempfile::Builder::new().suffix(".toml").tempfile().unwrap();
    writeln!(
        staff,
        "[[staff]]\nname = \"ひかり\"\nrole = \"facilitator\"\n{line}"
    )
    .unwrap();
    let prefix = "ibasho-kill:";
    let node =
        async || crate::support::staffed_node(&redis, &catalogue, &staff, prefix, &[], &[]).await;
    let mut a = node().await;
    let b = node().await;
    let mut facilitator = Client::connect(b.addr()).await.unwrap();
    facilitator
        .hello_with(ibasho_tests::staff_hello("ひかり", PASSWORD))
        .await
        .unwrap();
    facilitator.join("lounge").await.unwrap();

    // Six people on the node that will die, each saying something; one reports another.
    let mut people = Vec::new();
    for i in 0..6 {
        let (mut person, welcome) = Client::greeted(a.addr(), Some(&format!("ひと{i}")))
            .await
            .unwrap();
        person.join("lounge").await.unwrap();
        let said = person
            .say_and_hear("lounge", &format!("こんにちは{i}"), &format!("c{i}"))
            .await
            .unwrap();
        people.push((
            person,
            welcome["session"].as_str().unwrap().to_owned(),
            said,
        ));
    }
    let reported = people[0].2["id"].clone();
    let reporter = &mut people[5].0;
    reporter
        .send(json!({"type":"report","room":"lounge","message_id": reported,"reason":"spam"}))
        .await
        .unwrap();
    let report_id = reporter.recv_type("report_received").await.unwrap()["report_id"].clone();
    assert_eq!(
        facilitator.recv_type("report").await.unwrap()["report_id"],
        report_id
    );
    let deadline = Instant::now() + Duration::from_secs(10);
    let before = loop {
        let now = crate::figures::totals_under(&redis, prefix).await;
        if now.get("messages|lounge|") == Some(&6) && now.get("visits|lounge|") >= Some(&6) {
            break now;
        }
        assert!(Instant::now() < deadline, "{now:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };

    a.kill().await.unwrap();
    let token = people[5].1.clone();
    drop(people);
    let (mut back, welcome) = Client::resumed(b.addr(), &token).await.unwrap();
    assert_eq!(welcome["resumed"], true);
    facilitator
        .send(json!({"type":"resolve_report","report_id": report_id,"outcome":"no_action"}))
        .await
        .unwrap();
    let outcome = back.recv_type("report_outcome").await.unwrap();
    assert_eq!(outcome["report_id"], report_id);
    let after = crate::figures::totals_under(&redis, prefix).await;
    for (key, count) in &before {
        assert!(
            after.get(key) >= Some(count),
            "{key}: {before:?} → {after:?}"
        );
    }
}
