//! Talking: rooms, history, presence, several rooms at once, retries.

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use ibasho_server::clock::ManualClock;
use ibasho_tests::QUIET;
use serde_json::json;

use crate::support::{
    hello, member, resume, serve, serve_limited, serve_with_clock, settings, token,
    wait_for_present,
};

#[tokio::test]
async fn everyone_in_the_room_receives_a_message_the_sender_included() {
    let server = serve(settings()).await;
    let mut a = member(&server, "あさひ", "lounge").await;
    let mut b = member(&server, "ゆうひ", "lounge").await;
    let mut c = member(&server, "つきよ", "lounge").await;
    let mut elsewhere = member(&server, "ほしぞら", "games").await;

    a.say("lounge", "こんにちは、はじめまして", "a-1")
        .await
        .unwrap();
    for client in [&mut a, &mut b, &mut c] {
        let msg = client.recv_type("message").await.unwrap();
        assert_eq!(msg["room"], "lounge");
        assert_eq!(msg["handle"], "あさひ");
        assert_eq!(msg["text"], "こんにちは、はじめまして");
        assert_eq!(msg["client_id"], "a-1");
        assert!(msg["id"].as_str().is_some_and(|id| !id.is_empty()));
        let at = msg["at"].as_str().unwrap();
        assert!(
            at.parse::<jiff::Timestamp>().is_ok(),
            "at is RFC 3339: {at}"
        );
    }
    elsewhere.expect_no_message(QUIET).await.unwrap();
}

#[tokio::test]
async fn messages_arrive_in_one_order_for_everyone() {
    let server = serve(settings()).await;
    let mut a = member(&server, "ひとり", "lounge").await;
    let mut b = member(&server, "ふたり", "lounge").await;
    let mut listener = member(&server, "きくだけ", "lounge").await;
    for i in 0..20 {
        a.say("lounge", &format!("a{i}"), &format!("a-{i}"))
            .await
            .unwrap();
        b.say("lounge", &format!("b{i}"), &format!("b-{i}"))
            .await
            .unwrap();
    }
    let mut orders = Vec::new();
    for client in [&mut a, &mut b, &mut listener] {
        let mut ids = Vec::new();
        for _ in 0..40 {
            let msg = client.recv_type("message").await.unwrap();
            ids.push((
                msg["id"].as_str().unwrap().parse::<u64>().unwrap(),
                msg["text"].clone(),
            ));
        }
        assert!(ids.windows(2).all(|w| w[0].0 < w[1].0), "ids increase");
        orders.push(ids);
    }
    assert_eq!(orders[0], orders[1]);
    assert_eq!(orders[1], orders[2]);
}

#[tokio::test]
async fn a_late_joiner_sees_the_recent_history_bounded() {
    let server = serve_limited(|limits| limits.history_len = 5).await;
    let mut a = member(&server, "はやおき", "lounge").await;
    for i in 0..8 {
        a.say_and_hear("lounge", &format!("line {i}"), &format!("c{i}"))
            .await
            .unwrap();
    }
    let (mut late, _) = hello(&server, Some("ねぼう")).await;
    let joined = late.join("lounge").await.unwrap();
    assert_eq!(
        ibasho_tests::history_texts(&joined),
        ["line 3", "line 4", "line 5", "line 6", "line 7"]
    );
    assert_eq!(joined["present"], 2);
    assert_eq!(joined["history"][0]["handle"], "はやおき");
}

#[tokio::test]
async fn presence_is_a_count_pushed_on_change() {
    let server = serve(settings()).await;
    let mut a = member(&server, "いち", "lounge").await;
    let b = member(&server, "に", "lounge").await;
    // A presence frame with the new count reaches the earlier member; it never lists anyone.
    loop {
        let presence = a.recv_type("presence").await.unwrap();
        assert_eq!(presence.as_object().unwrap().len(), 3, "{presence}");
        if presence["present"] == 2 {
            break;
        }
    }
    b.close().await.unwrap();
    wait_for_present(&mut a, 1).await;
}

#[tokio::test]
async fn presence_updates_are_coalesced_when_many_arrive() {
    let server =
        serve_limited(|limits| limits.presence_interval = Duration::from_millis(200)).await;
    let mut watcher = member(&server, "みまもり", "lounge").await;
    let mut arrivals = Vec::new();
    for i in 0..30 {
        arrivals.push(member(&server, &format!("ひと{i}"), "lounge").await);
    }
    // 30 arrivals in well under a second: far fewer than 30 presence frames, ending at 31.
    let mut frames = 0;
    loop {
        let presence = watcher.recv_type("presence").await.unwrap();
        frames += 1;
        if presence["present"] == 31 {
            break;
        }
    }
    assert!(frames <= 5, "{frames} presence frames for 30 arrivals");
}

#[tokio::test]
async fn one_connection_can_be_in_several_rooms() {
    let server = serve(settings()).await;
    let mut both = member(&server, "ふたまた", "lounge").await;
    both.join("games").await.unwrap();
    let mut in_games = member(&server, "ゲーマー", "games").await;
    in_games.say("games", "なに遊んでる？", "g1").await.unwrap();
    in_games.recv_type("message").await.unwrap();
    let msg = both.recv_type("message").await.unwrap();
    assert_eq!(
        (msg["room"].as_str(), msg["text"].as_str()),
        (Some("games"), Some("なに遊んでる？"))
    );
    both.say("lounge", "ラウンジにも", "l1").await.unwrap();
    let msg = both.recv_type("message").await.unwrap();
    assert_eq!(msg["room"], "lounge");
    in_games.expect_no_message(QUIET).await.unwrap();
}

#[tokio::test]
async fn a_resent_client_id_is_delivered_once() {
    let server = serve(settings()).await;
    let mut sender = member(&server, "おくりて", "lounge").await;
    let mut other = member(&server, "うけて", "lounge").await;
    let first = sender
        .say_and_hear("lounge", "一回だけ", "same-id")
        .await
        .unwrap();
    other.recv_type("message").await.unwrap();
    // The retry is confirmed to the sender with the original message…
    let confirmed = sender.say_and_hear("lounge", "一回だけ", "same-id").await;
    assert_eq!(confirmed.unwrap()["id"], first["id"]);
    // …and never reaches the room again.
    other.expect_no_message(QUIET).await.unwrap();
    sender.say("lounge", "次", "next-id").await.unwrap();
    let next = other.recv_type("message").await.unwrap();
    assert_eq!(next["text"], "次");
}

#[tokio::test]
async fn a_retry_after_a_reconnect_is_delivered_once() {
    let server = serve(settings()).await;
    let (mut sender, welcome) = hello(&server, Some("とぎれる")).await;
    sender.join("lounge").await.unwrap();
    let mut other = member(&server, "まつひと", "lounge").await;
    sender.say("lounge", "届いたかな", "retry-1").await.unwrap();
    let original = other.recv_type("message").await.unwrap();
    // The connection drops before the sender saw its message; it resumes and sends again.
    sender.drop_connection();
    let (mut back, _) = resume(&server, &token(&welcome)).await;
    back.recv_type("joined").await.unwrap();
    let confirmed = back.say_and_hear("lounge", "届いたかな", "retry-1").await;
    assert_eq!(confirmed.unwrap()["id"], original["id"]);
    other.expect_no_message(QUIET).await.unwrap();
}

#[tokio::test]
async fn the_same_client_id_in_two_rooms_is_two_messages() {
    let server = serve(settings()).await;
    let mut both = member(&server, "りょうほう", "lounge").await;
    both.join("games").await.unwrap();
    let mut in_games = member(&server, "げーむ", "games").await;
    both.say("lounge", "ラウンジへ", "1").await.unwrap();
    both.say("games", "ゲームへ", "1").await.unwrap();
    let msg = in_games.recv_type("message").await.unwrap();
    assert_eq!(msg["text"], "ゲームへ");
}

#[tokio::test]
async fn joining_again_resyncs_without_counting_twice() {
    let server = serve(settings()).await;
    let (mut a, _) = hello(&server, Some("もういちど")).await;
    assert_eq!(a.join("lounge").await.unwrap()["present"], 1);
    assert_eq!(a.join("lounge").await.unwrap()["present"], 1);
}

#[tokio::test]
async fn leaving_stops_delivery_and_is_acknowledged() {
    let server = serve(settings()).await;
    let mut stays = member(&server, "のこる", "lounge").await;
    let mut goes = member(&server, "かえる", "lounge").await;
    goes.send(json!({"type": "leave", "room": "lounge"}))
        .await
        .unwrap();
    assert_eq!(goes.recv_type("left").await.unwrap()["room"], "lounge");
    stays.say("lounge", "またね", "m1").await.unwrap();
    stays.recv_type("message").await.unwrap();
    goes.expect_no_message(QUIET).await.unwrap();
}

#[tokio::test]
async fn generated_handles_are_friendly_and_unique_among_those_present() {
    let server = serve(settings()).await;
    let mut handles = HashSet::new();
    let mut clients = Vec::new();
    for _ in 0..150 {
        let (client, welcome) = hello(&server, None).await;
        let handle = welcome["handle"].as_str().unwrap().to_owned();
        assert!(
            ibasho_moderation::Handle::parse(&handle).is_ok(),
            "{handle}"
        );
        assert!(handles.insert(handle.clone()), "{handle} generated twice");
        clients.push(client);
    }
    let mut english = ibasho_tests::Client::connect(server.addr()).await.unwrap();
    let frame = json!({"type": "hello", "lang": "en"});
    let welcome = english.hello_with(frame).await.unwrap();
    assert!(welcome["handle"].as_str().unwrap().is_ascii(), "{welcome}");
}

#[tokio::test]
async fn messages_are_stamped_by_the_servers_clock() {
    let clock = Arc::new(ManualClock::new("2026-04-01T09:00:00Z".parse().unwrap()));
    let server = serve_with_clock(settings(), clock.clone()).await;
    let mut a = member(&server, "とけい", "lounge").await;
    let said = a.say_and_hear("lounge", "おはよう", "t1").await.unwrap();
    assert_eq!(said["at"], "2026-04-01T09:00:00Z");
    clock.advance(jiff::SignedDuration::from_mins(90));
    let said = a.say_and_hear("lounge", "もう昼", "t2").await.unwrap();
    assert_eq!(said["at"], "2026-04-01T10:30:00Z");
}

#[tokio::test]
async fn quiet_reactions_are_counted_toggled_and_kept_in_history() {
    let server = serve(settings()).await;
    let mut speaker = member(&server, "はなすひと", "lounge").await;
    let mut listener = member(&server, "きくひと", "lounge").await;
    speaker
        .say("lounge", "今日は外に出られた", "s1")
        .await
        .unwrap();
    let said = listener.recv_type("message").await.unwrap();
    let id = said["id"].as_str().unwrap().to_owned();
    let react = |reaction: &str| json!({"type":"react","room":"lounge","message_id":id,"reaction":reaction});

    listener.send(react("nod")).await.unwrap();
    for client in [&mut speaker, &mut listener] {
        let frame = client.recv_type("reactions").await.unwrap();
        assert_eq!(frame["message_id"], id.as_str());
        assert_eq!(frame["counts"], json!({"nod": 1}));
    }
    speaker.send(react("nod")).await.unwrap();
    speaker.send(react("tea")).await.unwrap();
    let mut last = json!(null);
    for _ in 0..2 {
        last = listener.recv_type("reactions").await.unwrap();
    }
    assert_eq!(last["counts"], json!({"nod": 2, "tea": 1}));
    // Pressing again takes one's own reaction back.
    listener.send(react("nod")).await.unwrap();
    assert_eq!(
        listener.recv_type("reactions").await.unwrap()["counts"],
        json!({"nod": 1, "tea": 1})
    );
    // A late joiner sees the counts, never who gave them.
    let (mut late, _) = hello(&server, Some("あとから")).await;
    let joined = late.join("lounge").await.unwrap();
    assert_eq!(
        joined["history"][0]["reactions"],
        json!({"nod": 1, "tea": 1})
    );

    for (room, message_id, reaction, code) in [
        ("lounge", "9999", "tea", "no_such_message"),
        ("games", id.as_str(), "tea", "not_in_room"),
        ("lounge", id.as_str(), "angry", "bad_request"),
    ] {
        let frame = json!({"type":"react","room":room,"message_id":message_id,"reaction":reaction});
        assert_eq!(late.refusal(frame).await.unwrap()["code"], code);
    }
}
