//! Recovery after a dropped connection: a client that sends the last position it saw gets
//! exactly what it missed and `recovered: true`, or `recovered: false` and the recent history
//! when the gap is too old or the room's stream started again — never a silent gap.

use ibasho_tests::Client;
use serde_json::{Value, json};

use crate::support::{hello, member, serve, serve_limited, settings, token};

fn position(joined: &Value) -> Value {
    json!({"epoch": joined["epoch"], "offset": joined["offset"]})
}

/// Joins the lounge again from the position `since`; the answer.
async fn join_since(client: &mut Client, since: Value) -> Value {
    client
        .send(json!({"type":"join","room":"lounge","since": since}))
        .await
        .unwrap();
    client.recv_type("joined").await.unwrap()
}

use ibasho_tests::history_texts as texts;

#[tokio::test]
async fn a_client_gets_exactly_what_it_missed_with_the_reactions() {
    let server = serve(settings()).await;
    let mut speaker = member(&server, "はなす", "lounge").await;
    speaker.say("lounge", "まえ", "a").await.unwrap();
    let before = speaker.recv_type("message").await.unwrap();

    let (mut away, welcome) = hello(&server, Some("るす")).await;
    let joined = away.join("lounge").await.unwrap();
    assert_eq!(joined["recovered"], false);
    assert!(joined["epoch"].as_str().is_some_and(|e| !e.is_empty()));
    assert_eq!(joined["offset"], before["offset"]);
    let seen = position(&joined);
    let token = token(&welcome);
    away.drop_connection();

    for (text, id) in [("あいだ1", "b"), ("あいだ2", "c")] {
        speaker.say_and_hear("lounge", text, id).await.unwrap();
    }
    speaker
        .send(json!({"type":"react","room":"lounge","message_id": before["id"],"reaction":"tea"}))
        .await
        .unwrap();
    speaker.recv_type("reactions").await.unwrap();

    let mut back = Client::connect(server.addr()).await.unwrap();
    let frame = json!({"type":"hello","resume": token, "since": {"lounge": seen}});
    assert_eq!(back.hello_with(frame).await.unwrap()["resumed"], true);
    let joined = back.recv_type("joined").await.unwrap();
    assert_eq!(joined["recovered"], true, "{joined}");
    assert_eq!(texts(&joined), ["あいだ1", "あいだ2"]);
    let offsets: Vec<u64> = joined["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["offset"].as_u64().unwrap())
        .collect();
    assert!(offsets.windows(2).all(|w| w[0] < w[1]), "{offsets:?}");
    // The reaction to a message it already had follows as its own frame.
    let change = back.recv_type("reactions").await.unwrap();
    assert_eq!(change["message_id"], before["id"]);
    assert_eq!(change["counts"], json!({"tea": 1}));
    assert_eq!(change["offset"], joined["offset"]);

    // A plain join with `since` works the same, and with nothing missed gives nothing.
    let again = join_since(&mut back, position(&joined)).await;
    assert_eq!(again["recovered"], true);
    assert_eq!(again["history"], json!([]));
}

#[tokio::test]
async fn another_epoch_or_a_gap_too_old_is_said_plainly() {
    let server = serve_limited(|limits| limits.stream_len = 5).await;
    let mut speaker = member(&server, "たくさん", "lounge").await;
    let (mut listener, _) = hello(&server, Some("きく")).await;
    let joined = listener.join("lounge").await.unwrap();
    let seen = position(&joined);

    // Another epoch: not recovered, the recent history instead.
    let other = json!({"epoch": "other", "offset": 0});
    assert_eq!(join_since(&mut listener, other).await["recovered"], false);

    // Far more than the stream keeps: the gap cannot be filled, and the client is told.
    for n in 0..40 {
        speaker
            .say_and_hear("lounge", &format!("{n}"), &format!("m{n}"))
            .await
            .unwrap();
    }
    let joined = join_since(&mut listener, seen).await;
    assert_eq!(joined["recovered"], false, "{joined}");
    assert_eq!(texts(&joined).last().map(String::as_str), Some("39"));

    // A position from the future (a store that lost data) is not recovered either.
    let mut future = position(&joined);
    future["offset"] = json!(joined["offset"].as_u64().unwrap() + 10);
    assert_eq!(join_since(&mut listener, future).await["recovered"], false);

    // A malformed position is refused, and the connection goes on.
    for since in [
        json!({"epoch": "x".repeat(65), "offset": 1}),
        json!({"epoch": "e", "offset": -1}),
    ] {
        let join = json!({"type":"join","room":"lounge","since": since});
        assert_eq!(listener.refusal(join).await.unwrap()["code"], "bad_request");
    }
    speaker.say("lounge", "まだいる", "z").await.unwrap();
    assert_eq!(
        listener.recv_type("message").await.unwrap()["text"],
        "まだいる"
    );
}
