//! Every refusal is a typed error frame with a stable code, and the connection goes on.

use std::time::Duration;

use ibasho_tests::Client;
use ibasho_tests::client::Ending;
use serde_json::{Value, json};
use tokio_tungstenite::tungstenite::Message;

use crate::support::{hello, member, resume, serve, settings, token};

/// Sends `frame` and expects an error with `code`; then proves the connection still works.
async fn refused(client: &mut Client, frame: &str, code: &str) -> Value {
    client.send_text(frame).await.unwrap();
    let error = client.recv_error().await.unwrap();
    assert_eq!(error["code"], code, "for {frame}: {error}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "a human message: {error}"
    );
    error
}

async fn still_open(client: &mut Client) {
    // `join` of a room one may not be in is answered, so the connection is alive.
    let join = json!({"type": "join", "room": "no-such-room"});
    assert_eq!(client.refusal(join).await.unwrap()["code"], "no_such_room");
}

/// A server where a session may say one message a second, after a first `burst` at once.
async fn serve_with_says_burst(burst: u32) -> ibasho_server::Running {
    let mut settings = settings();
    settings.limits.says_per_second = 1;
    settings.limits.says_burst = burst;
    serve(settings).await
}

#[tokio::test]
async fn malformed_frames_are_bad_requests() {
    let server = serve(settings()).await;
    let mut client = Client::connect(server.addr()).await.unwrap();
    refused(&mut client, "not json at all", "bad_request").await;
    refused(&mut client, r#"{"type":"shout","text":"x"}"#, "bad_request").await;
    refused(&mut client, r#"{"no_type":true}"#, "bad_request").await;
    refused(
        &mut client,
        r#"{"type":"join","room":"lounge"}"#,
        "bad_request",
    )
    .await; // before hello
    client.hello(Some("ちゃんと")).await.unwrap();
    refused(&mut client, r#"{"type":"hello"}"#, "bad_request").await; // twice
    refused(&mut client, r#"{"type":"join"}"#, "bad_request").await; // missing room
    refused(
        &mut client,
        r#"{"type":"say","room":"lounge","text":7}"#,
        "bad_request",
    )
    .await;
    refused(
        &mut client,
        r#"{"type":"hello","resume":"not-a-token"}"#,
        "bad_request",
    )
    .await;
    client
        .send_raw(Message::binary(vec![1, 2, 3]))
        .await
        .unwrap();
    assert_eq!(client.recv_error().await.unwrap()["code"], "bad_request");
    still_open(&mut client).await;
}

#[tokio::test]
async fn empty_text_and_bad_client_ids_are_bad_requests() {
    let server = serve(settings()).await;
    let mut client = member(&server, "からっぽ", "lounge").await;
    let error = refused(
        &mut client,
        r#"{"type":"say","room":"lounge","text":"   ","client_id":"e1"}"#,
        "bad_request",
    )
    .await;
    assert_eq!(error["client_id"], "e1");
    assert_eq!(error["room"], "lounge");
    let long_id = "x".repeat(65);
    refused(
        &mut client,
        &json!({"type":"say","room":"lounge","text":"hi","client_id":long_id}).to_string(),
        "bad_request",
    )
    .await;
    still_open(&mut client).await;
}

#[tokio::test]
async fn text_over_the_limit_is_too_long_and_counted_in_characters() {
    let server = serve(settings()).await;
    let mut client = member(&server, "ながい", "lounge").await;
    // 1000 Japanese characters are 3000 bytes, and allowed.
    client
        .say("lounge", &"あ".repeat(1000), "ok")
        .await
        .unwrap();
    assert_eq!(
        client.recv_type("message").await.unwrap()["client_id"],
        "ok"
    );
    let error = refused(
        &mut client,
        &json!({"type":"say","room":"lounge","text":"あ".repeat(1001),"client_id":"long"})
            .to_string(),
        "too_long",
    )
    .await;
    assert_eq!(error["client_id"], "long");
    still_open(&mut client).await;
}

#[tokio::test]
async fn says_are_rate_limited_per_session_with_a_retry_time() {
    let server = serve_with_says_burst(3).await;
    let mut client = member(&server, "せっかち", "lounge").await;
    for i in 0..3 {
        client
            .say("lounge", "はやい", &format!("r{i}"))
            .await
            .unwrap();
        client.recv_type("message").await.unwrap();
    }
    client.say("lounge", "はやすぎ", "r3").await.unwrap();
    let error = client.recv_error().await.unwrap();
    assert_eq!(error["code"], "rate_limited");
    assert_eq!(error["client_id"], "r3");
    let wait = error["retry_after_ms"].as_u64().unwrap();
    assert!(wait > 0 && wait <= 1000, "{error}");
    // After the wait, sending works again.
    tokio::time::sleep(Duration::from_millis(wait + 50)).await;
    client.say("lounge", "まった", "r4").await.unwrap();
    assert_eq!(
        client.recv_type("message").await.unwrap()["client_id"],
        "r4"
    );
}

#[tokio::test]
async fn the_session_limit_survives_a_reconnect() {
    let server = serve_with_says_burst(2).await;
    let (mut client, welcome) = hello(&server, Some("にげない")).await;
    client.join("lounge").await.unwrap();
    for i in 0..2 {
        client.say("lounge", "x", &format!("s{i}")).await.unwrap();
        client.recv_type("message").await.unwrap();
    }
    client.drop_connection();
    let (mut again, _) = resume(&server, &token(&welcome)).await;
    again.recv_type("joined").await.unwrap();
    again.say("lounge", "y", "s2").await.unwrap();
    assert_eq!(again.recv_error().await.unwrap()["code"], "rate_limited");
}

#[tokio::test]
async fn frames_are_rate_limited_per_connection_and_say_which_was_refused() {
    let mut settings = settings();
    // Five at once, then one a second: the burst is spent long before the next frees up.
    settings.limits.frames_per_second = 1;
    settings.limits.frames_burst = 5;
    let server = serve(settings).await;
    let mut client = Client::connect(server.addr()).await.unwrap();
    client.hello(Some("れんだ")).await.unwrap(); // 1
    client.join("lounge").await.unwrap(); // 2
    for i in 0..6 {
        client.say("lounge", "x", &format!("f{i}")).await.unwrap(); // 3 … 8
    }
    let mut refused = Vec::new();
    for _ in 0..6 {
        let frame = client.recv().await.unwrap();
        if frame["type"] == "error" {
            assert_eq!(frame["code"], "rate_limited", "{frame}");
            assert!(
                frame["retry_after_ms"].as_u64().is_some_and(|ms| ms > 0),
                "{frame}"
            );
            assert_eq!(frame["room"], "lounge");
            refused.push(frame["client_id"].as_str().unwrap().to_owned());
        }
    }
    assert_eq!(refused, ["f3", "f4", "f5"]);
    // Binary frames count too.
    client.send_raw(Message::binary(vec![0])).await.unwrap();
    assert_eq!(client.recv_error().await.unwrap()["code"], "rate_limited");
}

#[tokio::test]
async fn a_full_room_refuses_the_next_person() {
    let server = serve(settings()).await;
    let a = member(&server, "ひとりめ", "pair").await;
    let _b = member(&server, "ふたりめ", "pair").await;
    let (mut c, _) = hello(&server, Some("さんにんめ")).await;
    let error = refused(&mut c, r#"{"type":"join","room":"pair"}"#, "room_full").await;
    assert_eq!(error["room"], "pair");
    still_open(&mut c).await;
    // When someone leaves, the seat is free again.
    a.close().await.unwrap();
    assert_eq!(c.join("pair").await.unwrap()["present"], 2);
}

#[tokio::test]
async fn closed_unknown_and_unjoined_rooms_are_refused() {
    let server = serve(settings()).await;
    let (mut client, _) = hello(&server, Some("まいご")).await;
    for (frame, code) in [
        (r#"{"type":"join","room":"family"}"#, "room_closed"),
        (r#"{"type":"join","room":"attic"}"#, "no_such_room"),
        (
            r#"{"type":"say","room":"lounge","text":"hi","client_id":"n1"}"#,
            "not_in_room",
        ),
        (r#"{"type":"leave","room":"lounge"}"#, "not_in_room"),
        (
            r#"{"type":"say","room":"attic","text":"hi"}"#,
            "no_such_room",
        ),
    ] {
        refused(&mut client, frame, code).await;
    }
    still_open(&mut client).await;
}

#[tokio::test]
async fn a_handle_in_use_in_the_room_is_taken_however_it_is_spelled() {
    let server = serve(settings()).await;
    let _first = member(&server, "カワセミ", "lounge").await;
    let mut refused_ones = Vec::new();
    for spelling in ["カワセミ", "かわせみ", "ｶﾜｾﾐ", " カワセミ "] {
        let (mut second, _) = hello(&server, Some(spelling)).await;
        let error = refused(
            &mut second,
            r#"{"type":"join","room":"lounge"}"#,
            "handle_taken",
        )
        .await;
        assert_eq!(error["room"], "lounge");
        refused_ones.push(second);
    }
    // The same handle is fine in a room where nobody uses it.
    refused_ones[0].join("games").await.unwrap();
}

#[tokio::test]
async fn invalid_handles_are_refused_with_a_reason() {
    let server = serve(settings()).await;
    let mut client = Client::connect(server.addr()).await.unwrap();
    for bad in [
        "",
        "   ",
        "相談員",
        "moderator",
        "Ａｄｍｉｎ",
        "ta\u{200b}ro",
        &"長".repeat(21),
    ] {
        let error = refused(
            &mut client,
            &json!({"type":"hello","handle":bad}).to_string(),
            "handle_invalid",
        )
        .await;
        assert!(!error["message"].as_str().unwrap().is_empty());
    }
    // A valid hello still works on the same connection, NFKC-normalised and trimmed.
    let welcome = client.hello(Some("　Ｔａｒｏ　")).await.unwrap();
    assert_eq!(welcome["handle"], "Taro");
}

#[tokio::test]
async fn english_sessions_get_english_messages() {
    let server = serve(settings()).await;
    let mut client = Client::connect(server.addr()).await.unwrap();
    let frame = json!({"type":"hello","handle":"Sora","lang":"en"});
    client.hello_with(frame).await.unwrap();
    let join = json!({"type":"join","room":"attic"});
    let error = client.refusal(join).await.unwrap();
    assert_eq!(error["message"], "There is no room with that name.");
}

#[tokio::test]
async fn an_oversized_frame_closes_the_connection_with_a_reason() {
    let server = serve(settings()).await;
    let mut client = member(&server, "おおきい", "lounge").await;
    let huge = json!({"type":"say","room":"lounge","text":"x".repeat(17 * 1024)}).to_string();
    client.send_text(&huge).await.unwrap();
    match client.ending().await.unwrap() {
        Ending::Closed(code, reason) => {
            assert_eq!(code, 1009);
            assert!(reason.contains("too large"), "{reason}");
        }
        Ending::Gone => panic!("expected a close frame"),
    }
}
