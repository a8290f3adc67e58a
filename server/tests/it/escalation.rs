//! Escalation to a counselor, as clients see it (on the store of this run: memory, or Redis
//! with `IBASHO_TEST_STORE=redis`): a person asks, or a facilitator escalates and the person
//! consents; counselors on duty see a queue with no handle and no text, one claims, the two
//! talk in a private room, and the case ends — leaving nothing of itself but counts.

use std::net::IpAddr;
use std::time::Duration;

use ibasho_server::Running;
use ibasho_tests::{Client, ClientOptions, QUIET, staff_hello};
use serde::Serialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use crate::privacy::CLIENT_IP;
use crate::support::{STAFF_PASSWORD, facilitator, person, serve, staff_settings};

/// The counselor たなか, signed in, on duty, with the (first) queue read.
async fn counselor_on_duty(server: &Running) -> (Client, Value) {
    counselor_named(server, "たなか").await
}

/// The counselor `name` (of the staff file), signed in and on duty.
async fn counselor_named(server: &Running, name: &str) -> (Client, Value) {
    let mut client = Client::connect(server.addr()).await.unwrap();
    client
        .hello_with(staff_hello(name, STAFF_PASSWORD))
        .await
        .unwrap();
    client.send(on_duty()).await.unwrap();
    let queue = client.recv_type("queue").await.unwrap();
    (client, queue)
}

/// The first `waiting` frame that gives `position` (views of the queue may pass through
/// other places first: each change is told).
async fn waiting_at(client: &mut Client, position: u64) -> Value {
    client
        .recv_kept("escalation", |frame| {
            frame["state"] == "waiting" && frame["position"] == position
        })
        .await
        .unwrap()
}

/// Asserts that `needle` is nowhere in what the store holds, but perhaps in the bus that
/// told the nodes (ids only, trimmed as it grows: see `prelude.lua`).
fn assert_forgotten(dump: &str, needle: &str) {
    for line in dump.lines().filter(|line| line.contains(needle)) {
        let key = line.split(' ').next().unwrap_or_default();
        assert!(key.ends_with(":bus"), "{needle:?} is still stored: {line}");
    }
}

/// The first `escalation_status` frame that says `status`.
async fn status_is(client: &mut Client, status: &str) -> Value {
    client
        .recv_kept("escalation_status", |frame| frame["status"] == status)
        .await
        .unwrap()
}

/// The first frame of type `kind`.
async fn kept(client: &mut Client, kind: &str) -> Value {
    client.recv_kept(kind, |_| true).await.unwrap()
}

/// Someone who asked for a counselor from the lobby: their client, session token and the
/// request's id.
async fn asking(server: &Running, handle: &str) -> (Client, String, Value) {
    let (mut client, welcome) = Client::greeted(server.addr(), Some(handle)).await.unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    client.send(json!({"type":"ask_counselor"})).await.unwrap();
    let waiting = client.escalation_in("waiting").await.unwrap();
    (client, token, waiting["escalation_id"].clone())
}

/// Says `text` in `room` and returns its message id.
async fn said(client: &mut Client, room: &str, text: &str, cid: &str) -> String {
    client.say(room, text, cid).await.unwrap();
    let message = client
        .recv_kept("message", |frame| frame["client_id"] == cid)
        .await
        .unwrap();
    message["id"].as_str().unwrap().to_owned()
}

/// `client` asks for a counselor (with `fields`: where from) and gets the `escalation` frame
/// that answers in `state`.
async fn ask(client: &mut Client, fields: Value, state: &str) -> Value {
    let mut frame = json!({"type":"ask_counselor"});
    if let (Some(frame), Some(fields)) = (frame.as_object_mut(), fields.as_object()) {
        frame.extend(fields.clone());
    }
    client.send(frame).await.unwrap();
    client.escalation_in(state).await.unwrap()
}

/// The frame that puts a counselor on duty.
fn on_duty() -> Value {
    json!({"type":"duty","on":true})
}

/// A facilitator's `escalate` of `handle` in the lounge, with the messages `message_ids`.
fn escalate(handle: &str, urgency: &str, message_ids: Value) -> Value {
    json!({"type":"escalate","room":"lounge","handle":handle,"urgency":urgency,"message_ids":message_ids})
}

/// The person's answer to the consent request of case `id`.
fn consent(id: impl Serialize, accept: bool, message_ids: Value) -> Value {
    json!({"type":"consent","escalation_id":id,"accept":accept,"message_ids":message_ids})
}

/// A counselor's claim of case `id`.
fn claim(id: impl Serialize) -> Value {
    json!({"type":"claim","escalation_id":id})
}

/// A counselor's hand-over of case `id`.
fn hand_over(id: impl Serialize) -> Value {
    json!({"type":"hand_over","escalation_id":id})
}

/// The person's cancelling of their request `id`.
fn cancel(id: impl Serialize) -> Value {
    json!({"type":"cancel_escalation","escalation_id":id})
}

/// The end of case `id`: with the counselor's `outcome`, or without one (the person ends it).
fn end_case(id: impl Serialize, outcome: Option<&str>) -> Value {
    match outcome {
        Some(outcome) => json!({"type":"end_case","escalation_id":id,"outcome":outcome}),
        None => json!({"type":"end_case","escalation_id":id}),
    }
}

/// The counselor claims case `id`, the one in their queue: the case comes to them and its
/// person is connected.
async fn take_the_only_case(counselor: &mut Client, person: &mut Client, id: impl Serialize) {
    counselor.queue_of(1).await.unwrap();
    counselor.send(claim(id)).await.unwrap();
    kept(counselor, "case").await;
    person.escalation_in("connected").await.unwrap();
}

/// Waits (up to 5 s) until the store holds no record of case `id`.
async fn until_erased(server: &Running, id: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while server.app().store.escalation(id).await.unwrap().is_some() {
        assert!(tokio::time::Instant::now() < deadline, "the record stayed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test]
async fn a_person_asks_a_counselor_claims_they_talk_alone_and_the_case_ends_leaving_only_counts() {
    let server = serve(staff_settings()).await;
    let (mut counselor, queue) = counselor_on_duty(&server).await;
    assert_eq!(queue["items"], json!([]));
    let mut midori = person(&server, "みどり", "lounge").await;
    let waiting = ask(&mut midori, json!({"room":"lounge"}), "waiting").await;
    assert_eq!(waiting["position"], 1);
    assert_eq!(waiting["on_duty"], 1);
    let id = waiting["escalation_id"].as_str().unwrap().to_owned();

    // The queue: where from and how long, never who or what.
    let items = counselor.queue_of(1).await.unwrap();
    assert_eq!(items[0]["escalation_id"], id.as_str());
    assert_eq!(items[0]["urgency"], "normal");
    assert_eq!(items[0]["from"], "participant");
    assert_eq!(items[0]["room_title"], "ラウンジ");
    assert!(items[0]["waiting_seconds"].is_u64());
    assert!(!items[0].to_string().contains("みどり"));

    // Asking again answers the same request.
    midori.send(json!({"type":"ask_counselor"})).await.unwrap();
    let again = midori.recv_type("escalation").await.unwrap();
    assert_eq!(again["escalation_id"], id.as_str());

    counselor.send(claim(&id)).await.unwrap();
    let joined = kept(&mut counselor, "joined").await;
    let room = joined["room"].as_str().unwrap().to_owned();
    assert!(room.starts_with("p-"));
    let case = kept(&mut counselor, "case").await;
    assert_eq!(case["handle"], "みどり");
    assert_eq!(case["excerpt"], json!([]));
    let connected = counselor.escalation_in("connected").await.unwrap();
    assert_eq!(connected["room"], room.as_str());
    assert_eq!(kept(&mut midori, "joined").await["room"], room.as_str());
    let connected = midori.escalation_in("connected").await.unwrap();
    assert_eq!(connected["room"], room.as_str());
    counselor.queue_of(0).await.unwrap();

    // They talk, and nobody else can find the room.
    midori
        .say(&room, "きいてほしいことがあります", "m1")
        .await
        .unwrap();
    assert_eq!(
        kept(&mut counselor, "message").await["text"],
        "きいてほしいことがあります"
    );
    let mut other = person(&server, "だれか", "lounge").await;
    let refused = other
        .refusal(json!({"type":"join","room": room}))
        .await
        .unwrap();
    assert_eq!(refused["code"], "no_such_room");

    counselor.send(end_case(&id, Some("talked"))).await.unwrap();
    counselor.escalation_in("ended").await.unwrap();
    midori.escalation_in("ended").await.unwrap();
    assert_eq!(kept(&mut midori, "closed").await["room"], room.as_str());

    // Nothing of the case or its words stays; the counts do.
    let dump = server.app().store.audit_dump().await.unwrap();
    assert!(!dump.contains("きいてほしいことがあります"), "{dump}");
    for gone in [id.as_str(), room.as_str()] {
        assert_forgotten(&dump, gone);
    }
    let counts = crate::support::figures_now(&server).await;
    assert_eq!(counts.get("counselor_requests||participant"), Some(&1));
    assert_eq!(counts.get("outcomes||talked"), Some(&1));
    assert_eq!(counts.get("cases||"), Some(&1));

    // The audit log keeps each step's action, time and the role that acted, and nothing
    // else (never the counselor's name).
    let entries = server.app().hub.audit_entries(None, None).await.unwrap();
    let case_steps = ["claim", "end_case"];
    let steps: Vec<(&str, &str)> = entries
        .iter()
        .filter(|entry| case_steps.contains(&entry.action.as_str()))
        .map(|entry| (entry.actor.as_str(), entry.action.as_str()))
        .collect();
    assert_eq!(steps, [("counselor", "claim"), ("counselor", "end_case")]);
    for entry in entries
        .iter()
        .filter(|entry| case_steps.contains(&entry.action.as_str()))
    {
        assert_eq!(
            (&entry.room, &entry.target, &entry.reason),
            (&None, &None, &None)
        );
    }
}

#[tokio::test]
async fn a_facilitator_escalates_and_a_decline_is_told_to_nobody_but_the_person() {
    let server = serve(staff_settings()).await;
    let (mut counselor, _) = counselor_on_duty(&server).await;
    let mut hikari = facilitator(&server, "lounge").await;
    let mut midori = person(&server, "みどり", "lounge").await;
    let mut other = person(&server, "あおば", "lounge").await;
    let first = said(&mut midori, "lounge", "もうつかれた", "m1").await;
    let second = said(&mut midori, "lounge", "ねむれない", "m2").await;
    let theirs = said(&mut other, "lounge", "こんにちは", "o1").await;

    // Only that person's own messages, and only a person in the room.
    for bad in [
        escalate("みどり", "normal", json!([first, theirs])),
        escalate("いないひと", "normal", json!([])),
        escalate("ひかり（ファシリテーター）", "normal", json!([])),
    ] {
        let refused = hikari.refusal(bad).await.unwrap();
        assert_eq!(refused["code"], "bad_request", "{refused}");
    }
    hikari
        .send(escalate("みどり", "normal", json!([first, second])))
        .await
        .unwrap();
    let asked = status_is(&mut hikari, "asked").await;
    let id = asked["escalation_id"].as_str().unwrap().to_owned();
    let request = kept(&mut midori, "consent_request").await;
    assert_eq!(request["escalation_id"], id.as_str());
    let texts: Vec<&str> = request["excerpt"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["text"].as_str().unwrap())
        .collect();
    assert_eq!(texts, ["もうつかれた", "ねむれない"]);
    // Not in the queue while the person has not answered; a normal one is not announced.
    counselor.expect_no_message(QUIET).await.unwrap();
    let refused = counselor.refusal(claim(&id)).await.unwrap();
    assert_eq!(refused["code"], "not_now");
    // Someone else cannot answer for the person.
    let refused = other.refusal(consent(&id, true, json!([]))).await.unwrap();
    assert_eq!(refused["code"], "no_such_escalation");
    // A message outside the excerpt.
    let refused = midori
        .refusal(consent(&id, true, json!([theirs])))
        .await
        .unwrap();
    assert_eq!(refused["code"], "bad_request");

    midori.send(consent(&id, false, json!([]))).await.unwrap();
    midori.escalation_in("declined").await.unwrap();
    let told = status_is(&mut hikari, "not_going_ahead").await;
    assert!(!told.to_string().contains("declined"));
    counselor.expect_no_message(QUIET).await.unwrap();
    let counts = crate::support::figures_now(&server).await;
    assert_eq!(counts.get("consents_declined||"), Some(&1));
}

#[tokio::test]
async fn an_urgent_escalation_calls_counselors_in_and_the_counselor_sees_only_what_was_agreed() {
    let server = serve(staff_settings()).await;
    let (mut counselor, _) = counselor_on_duty(&server).await;
    let mut hikari = facilitator(&server, "lounge").await;
    let mut midori = person(&server, "みどり", "lounge").await;
    let keep = said(&mut midori, "lounge", "たすけてほしい", "m1").await;
    let drop = said(&mut midori, "lounge", "じゅうしょはここ", "m2").await;
    hikari
        .send(escalate("みどり", "urgent", json!([keep, drop])))
        .await
        .unwrap();
    // Before consent, counselors on duty hear that it is urgent and where: no who, no what.
    let urgent = kept(&mut counselor, "urgent").await;
    assert_eq!(
        urgent,
        json!({"type":"urgent","room":"lounge","room_title":"ラウンジ"})
    );
    let request = kept(&mut midori, "consent_request").await;
    let id = request["escalation_id"].as_str().unwrap().to_owned();
    midori
        .send(consent(&id, true, json!([keep])))
        .await
        .unwrap();
    midori.escalation_in("waiting").await.unwrap();
    status_is(&mut hikari, "queued").await;
    let items = counselor.queue_of(1).await.unwrap();
    assert_eq!(items[0]["urgency"], "urgent");
    assert_eq!(items[0]["from"], "facilitator");
    counselor.send(claim(&id)).await.unwrap();
    let case = kept(&mut counselor, "case").await;
    assert_eq!(
        case["excerpt"],
        json!([{"message_id": keep, "text": "たすけてほしい"}])
    );
    status_is(&mut hikari, "with_counselor").await;
    // The person ends it themselves: they get where help is for the parting card; the
    // counselor hears that it was the person, and records the outcome afterwards.
    midori.send(end_case(&id, None)).await.unwrap();
    let parting = midori.escalation_in("ended").await.unwrap();
    assert!(
        !parting["lines"].as_array().unwrap().is_empty(),
        "{parting}"
    );
    let told = counselor.escalation_in("ended").await.unwrap();
    assert_eq!(told["ended_by"], "person", "{told}");
    status_is(&mut hikari, "ended").await;
    // What stays until then names nobody and holds nothing they said.
    let record = server.app().store.escalation(&id).await.unwrap().unwrap();
    assert!(
        !record.contains("みどり") && !record.contains("たすけてほしい"),
        "{record}"
    );
    // Nor which messages, the room they were said in, or who suggested it.
    let kept: Value = serde_json::from_str(&record).unwrap();
    assert_eq!(kept["case"]["excerpt"], json!([]), "{record}");
    for gone in ["room", "facilitator", "private_room"] {
        assert!(
            kept.get(gone).is_none_or(Value::is_null),
            "{gone}: {record}"
        );
    }
    let counts = crate::support::figures_now(&server).await;
    assert_eq!(counts.get("consents_given||"), Some(&1));
    assert_eq!(
        counts.get("outcomes||none"),
        None,
        "the outcome is still to come"
    );
    // Only the counselor who had it records it, once.
    let (mut other_counselor, _) = counselor_named(&server, "やまだ").await;
    let refused = other_counselor
        .refusal(end_case(&id, Some("talked")))
        .await
        .unwrap();
    assert_eq!(refused["code"], "no_such_escalation");
    counselor
        .send(end_case(&id, Some("referred")))
        .await
        .unwrap();
    until_erased(&server, &id).await;
    let counts = crate::support::figures_now(&server).await;
    assert_eq!(counts.get("outcomes||referred"), Some(&1));
    assert_eq!(counts.get("outcomes||none"), None);
}

#[tokio::test]
async fn with_nobody_on_duty_the_person_is_shown_help_and_waits_until_a_counselor_comes() {
    let server = serve(staff_settings()).await;
    let mut midori = person(&server, "みどり", "lounge").await;
    let alone = ask(&mut midori, json!({"from":"crisis"}), "no_counselor").await;
    assert_eq!(alone["on_duty"], 0);
    let numbers = |frame: &Value| -> Vec<String> {
        frame["lines"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|line| line["number"].as_str().map(str::to_owned))
            .collect()
    };
    // After crisis language: every line, the emergency number too.
    assert!(numbers(&alone).iter().any(|n| n == "119"), "{alone}");
    // Someone who only asked to talk gets the everyday lines, never 119.
    let mut aoba = person(&server, "あおば", "lounge").await;
    let everyday = ask(&mut aoba, json!({"room":"lounge"}), "no_counselor").await;
    assert!(!numbers(&everyday).is_empty(), "{everyday}");
    assert!(!numbers(&everyday).iter().any(|n| n == "119"), "{everyday}");
    let id = everyday["escalation_id"].clone();
    aoba.send(cancel(&id)).await.unwrap();
    aoba.escalation_in("cancelled").await.unwrap();
    let (_counselor, queue) = counselor_on_duty(&server).await;
    let waiting = midori.escalation_in("waiting").await.unwrap();
    assert_eq!(waiting["position"], 1);
    let items = queue["items"].as_array().unwrap().clone();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["urgency"], "urgent", "crisis is urgent");
    assert_eq!(items[0]["from"], "crisis");
    assert!(items[0].get("room_title").is_none(), "asked from the lobby");
    // The person may cancel.
    let id = waiting["escalation_id"].clone();
    midori.send(cancel(&id)).await.unwrap();
    midori.escalation_in("cancelled").await.unwrap();
    let (mut later, queue) = counselor_on_duty(&server).await;
    assert_eq!(queue["items"], json!([]));
    later.expect_no_message(QUIET).await.unwrap();
}

#[tokio::test]
async fn a_hand_over_puts_the_case_back_ahead_of_its_urgency() {
    let server = serve(staff_settings()).await;
    let (mut counselor, _) = counselor_on_duty(&server).await;
    let mut first = person(&server, "はじめ", "lounge").await;
    first.send(json!({"type":"ask_counselor"})).await.unwrap();
    let id = first.escalation_in("waiting").await.unwrap()["escalation_id"].clone();
    let mut second = person(&server, "つぎ", "lounge").await;
    second.send(json!({"type":"ask_counselor"})).await.unwrap();
    waiting_at(&mut second, 2).await;
    counselor.send(claim(&id)).await.unwrap();
    let room = kept(&mut counselor, "joined").await["room"].clone();
    first.escalation_in("connected").await.unwrap();
    waiting_at(&mut second, 1).await;
    counselor.send(hand_over(&id)).await.unwrap();
    let back = first
        .recv_kept("escalation", |frame| frame["handed_over"] == true)
        .await
        .unwrap();
    assert_eq!(back["state"], "waiting");
    assert_eq!(back["position"], 1);
    assert_eq!(kept(&mut first, "closed").await["room"], room);
    waiting_at(&mut second, 2).await;
}

#[tokio::test]
async fn only_counselors_take_cases_and_nobody_touches_someone_elses() {
    let server = serve(staff_settings()).await;
    let mut midori = person(&server, "みどり", "lounge").await;
    let mut hikari = facilitator(&server, "lounge").await;
    for frame in [
        on_duty(),
        claim("e1"),
        hand_over("e1"),
        escalate("みどり", "normal", json!([])),
    ] {
        let refused = midori.refusal(frame.clone()).await.unwrap();
        assert_eq!(refused["code"], "forbidden", "{frame}");
    }
    let refused = hikari.refusal(on_duty()).await.unwrap();
    assert_eq!(refused["code"], "forbidden");
    let refused = midori
        .refusal(json!({"type":"ask_counselor","from":"facilitator"}))
        .await
        .unwrap();
    assert_eq!(refused["code"], "bad_request");

    let (mut counselor, _) = counselor_on_duty(&server).await;
    midori.send(json!({"type":"ask_counselor"})).await.unwrap();
    let id = midori.escalation_in("waiting").await.unwrap()["escalation_id"].clone();
    let mut other = person(&server, "あおば", "lounge").await;
    for frame in [
        cancel(&id),
        end_case(&id, None),
        consent(&id, true, json!([])),
        cancel("e-unknown"),
    ] {
        let refused = other.refusal(frame.clone()).await.unwrap();
        assert_eq!(refused["code"], "no_such_escalation", "{frame}");
    }
    let refused = counselor.refusal(claim("e-unknown")).await.unwrap();
    assert_eq!(refused["code"], "no_such_escalation");
    counselor.send(claim(&id)).await.unwrap();
    kept(&mut counselor, "case").await;
    let refused = counselor.refusal(claim(&id)).await.unwrap();
    assert_eq!(refused["code"], "not_now");
    let refused = counselor.refusal(end_case(&id, None)).await.unwrap();
    assert_eq!(
        refused["code"], "bad_request",
        "a counselor gives an outcome"
    );
    let refused = counselor
        .refusal(end_case(&id, Some("promoted")))
        .await
        .unwrap();
    assert_eq!(refused["code"], "bad_request");
}

#[tokio::test]
async fn a_resume_keeps_the_place_a_new_session_with_the_same_handle_gets_nothing_and_leaving_cancels()
 {
    let server = serve(staff_settings()).await;
    let (mut counselor, _) = counselor_on_duty(&server).await;
    let (midori, token, id) = asking(&server, "みどり").await;
    counselor.queue_of(1).await.unwrap();
    midori.drop_connection();
    let (mut back, _) = Client::resumed(server.addr(), &token).await.unwrap();
    let again = back.escalation_in("waiting").await.unwrap();
    assert_eq!(again["escalation_id"], id);

    // Someone who takes the same handle later is someone else.
    let (mut same_name, _) = Client::greeted(server.addr(), Some("みどり"))
        .await
        .unwrap();
    same_name.expect_no_message(QUIET).await.unwrap();
    let refused = same_name.refusal(end_case(&id, None)).await.unwrap();
    assert_eq!(refused["code"], "no_such_escalation");
    let theirs = ask(&mut same_name, json!({}), "waiting").await;
    assert_ne!(theirs["escalation_id"], id);
    assert_eq!(theirs["position"], 2);
    counselor.queue_of(2).await.unwrap();

    // Leaving ends the session, and its request with it.
    back.close().await.unwrap();
    counselor.queue_of(1).await.unwrap();
    waiting_at(&mut same_name, 1).await;
}

/// What a case wrote, scanned during and after it: no session token, no hash of it, no
/// client address — on the store of this run.
#[tokio::test]
async fn nothing_a_case_writes_joins_it_to_the_session_or_the_address() {
    let server = serve(staff_settings()).await;
    let (mut counselor, _) = counselor_on_duty(&server).await;
    let options = ClientOptions {
        local_ip: Some(IpAddr::V4(CLIENT_IP)),
        ..ClientOptions::default()
    };
    let mut midori = Client::connect_with(server.addr(), options).await.unwrap();
    let welcome = midori.hello(Some("みどり")).await.unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    let full_hash: String = Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let session_hash = full_hash[..32].to_owned();
    midori.join("lounge").await.unwrap();
    let id = ask(&mut midori, json!({"room":"lounge"}), "waiting").await["escalation_id"]
        .as_str()
        .unwrap()
        .to_owned();
    counselor.send(claim(&id)).await.unwrap();
    let room = kept(&mut counselor, "joined").await["room"]
        .as_str()
        .unwrap()
        .to_owned();
    midori.escalation_in("connected").await.unwrap();
    midori.say(&room, "ひみつのそうだん", "c1").await.unwrap();
    kept(&mut counselor, "message").await;

    let store = &server.app().store;
    let record = store.escalation(&id).await.unwrap().expect("the record");
    let private = store.private_room(&room).await.unwrap().expect("the room");
    let private = serde_json::to_string(&private).unwrap();
    for written in [&record, &private] {
        for secret in [
            token.as_str(),
            full_hash.as_str(),
            session_hash.as_str(),
            &CLIENT_IP.to_string(),
        ] {
            assert!(!written.contains(secret), "{secret:?} in {written}");
        }
    }
    // The record is what the issue lists: its handle, and no session at all.
    assert!(record.contains("みどり"), "{record}");
    // Nowhere in the store, during the case: the token or the address.
    let dump = store.audit_dump().await.unwrap();
    assert!(!dump.contains(&CLIENT_IP.to_string()));
    assert!(!dump.contains(&token));

    counselor
        .send(end_case(&id, Some("referred")))
        .await
        .unwrap();
    midori.escalation_in("ended").await.unwrap();
    assert!(store.escalation(&id).await.unwrap().is_none());
    assert!(store.private_room(&room).await.unwrap().is_none());
    let dump = store.audit_dump().await.unwrap();
    assert!(!dump.contains("ひみつのそうだん"), "{dump}");
    for gone in [id.as_str(), room.as_str()] {
        assert_forgotten(&dump, gone);
    }
}

#[tokio::test]
async fn whoever_was_away_when_a_case_ended_is_told_on_return_and_a_counselor_gets_their_case_back()
{
    let server = serve(staff_settings()).await;
    let mut counselor = Client::connect(server.addr()).await.unwrap();
    let welcome = counselor
        .hello_with(staff_hello("たなか", STAFF_PASSWORD))
        .await
        .unwrap();
    let counselor_token = welcome["session"].as_str().unwrap().to_owned();
    counselor.send(on_duty()).await.unwrap();
    let (mut midori, token, id) = asking(&server, "みどり").await;
    take_the_only_case(&mut counselor, &mut midori, &id).await;

    // The counselor drops and comes back: still on duty, and told who the case is with.
    counselor.drop_connection();
    let (mut counselor, _) = Client::resumed(server.addr(), &counselor_token)
        .await
        .unwrap();
    let case = kept(&mut counselor, "case").await;
    assert_eq!(case["handle"], "みどり");
    counselor.escalation_in("connected").await.unwrap();
    counselor.queue_of(0).await.unwrap();

    // The person is away when the case ends: told when they are back.
    midori.drop_connection();
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    counselor.send(end_case(&id, Some("talked"))).await.unwrap();
    counselor.escalation_in("ended").await.unwrap();
    let (mut back, _) = Client::resumed(server.addr(), &token).await.unwrap();
    let ended = back.escalation_in("ended").await.unwrap();
    assert_eq!(ended["escalation_id"], id);
}

#[tokio::test]
async fn with_a_reading_grace_the_counselor_may_finish_reading_then_nothing_stays() {
    let mut settings = staff_settings();
    settings.limits.case_grace = std::time::Duration::from_secs(1);
    settings.limits.keep_alive_interval = std::time::Duration::from_millis(100);
    let server = serve(settings).await;
    let (mut counselor, _) = counselor_on_duty(&server).await;
    let mut hikari = facilitator(&server, "lounge").await;
    let mut midori = person(&server, "みどり", "lounge").await;
    let shared = said(&mut midori, "lounge", "よみおわるまで", "m1").await;
    hikari
        .send(escalate("みどり", "normal", json!([shared])))
        .await
        .unwrap();
    let id = kept(&mut midori, "consent_request").await["escalation_id"].clone();
    midori
        .send(consent(&id, true, json!([shared])))
        .await
        .unwrap();
    take_the_only_case(&mut counselor, &mut midori, &id).await;
    counselor
        .send(end_case(&id, Some("referred")))
        .await
        .unwrap();
    midori.escalation_in("ended").await.unwrap();
    let store = &server.app().store;
    let id = id.as_str().unwrap();
    let kept_for_reading = store
        .escalation(id)
        .await
        .unwrap()
        .expect("kept for reading");
    assert!(kept_for_reading.contains("よみおわるまで"));
    // The person's leaving does not end it twice.
    midori.close().await.unwrap();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(5);
    while store.escalation(id).await.unwrap().is_some() {
        assert!(tokio::time::Instant::now() < deadline, "never erased");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let counts = crate::support::figures_now(&server).await;
    assert_eq!(counts.get("outcomes||referred"), Some(&1));
}

/// The desk reads no clock but the service's: a case its person left waits an hour for the
/// counselor's outcome by that clock, then counts as none and is gone — a test moving the
/// clock sees it at once (with the real clock it would take an hour).
#[tokio::test]
async fn the_wait_for_an_outcome_is_counted_on_the_services_clock() {
    let clock = std::sync::Arc::new(ibasho_server::clock::ManualClock::new(
        "2026-12-07T12:00:00Z".parse().unwrap(),
    ));
    let mut settings = staff_settings();
    settings.limits.keep_alive_interval = Duration::from_millis(50);
    let server =
        crate::support::serve_with_clock(settings, std::sync::Arc::clone(&clock) as _).await;
    let (mut counselor, _) = counselor_on_duty(&server).await;
    let mut midori = person(&server, "みどり", "lounge").await;
    let waiting = ask(&mut midori, json!({"room":"lounge"}), "waiting").await;
    let id = waiting["escalation_id"].as_str().unwrap().to_owned();
    take_the_only_case(&mut counselor, &mut midori, &id).await;
    midori.send(end_case(&id, None)).await.unwrap();
    midori.escalation_in("ended").await.unwrap();
    assert!(server.app().store.escalation(&id).await.unwrap().is_some());

    clock.advance(jiff::SignedDuration::from_mins(61));
    until_erased(&server, &id).await;
    let counts = crate::support::figures_now(&server).await;
    assert_eq!(counts.get("outcomes||none"), Some(&1));
    // Past the clock's jump the counselor is still on duty: their lease was renewed by the
    // same clock (the sweep above came after a renewal).
    let mut ao = person(&server, "あお", "lounge").await;
    let waiting = ask(&mut ao, json!({"room":"lounge"}), "waiting").await;
    assert_eq!(waiting["on_duty"], 1, "{waiting}");
}
