//! Sessions without accounts: resume after a dropped connection, leaving for good, takeover.

use std::time::Duration;

use ibasho_tests::Client;
use ibasho_tests::client::Ending;

use crate::support::{hello, member, serve, settings};

#[tokio::test]
async fn a_dropped_connection_resumes_with_its_handle_rooms_and_missed_messages() {
    let server = serve(settings()).await;
    let (mut away, welcome) = hello(&server, Some("でんぱ")).await;
    away.join("lounge").await.unwrap();
    away.join("games").await.unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    let mut stays = member(&server, "のこる", "lounge").await;

    away.drop_connection();
    stays
        .say("lounge", "いない間のメッセージ", "m1")
        .await
        .unwrap();
    stays.recv_type("message").await.unwrap();

    let mut back = Client::connect(server.addr()).await.unwrap();
    let welcome = back.resume(&token).await.unwrap();
    assert_eq!(welcome["resumed"], true);
    assert_eq!(welcome["handle"], "でんぱ");
    assert_eq!(welcome["session"], token.as_str());
    assert_eq!(welcome["rooms"], serde_json::json!(["games", "lounge"]));
    let mut resynced = Vec::new();
    for _ in 0..2 {
        let joined = back.recv_type("joined").await.unwrap();
        resynced.push(joined["room"].as_str().unwrap().to_owned());
        if joined["room"] == "lounge" {
            let texts: Vec<_> = joined["history"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["text"].clone())
                .collect();
            assert!(texts.contains(&"いない間のメッセージ".into()), "{joined}");
            // Held a seat during the grace period: still two present, not three.
            assert_eq!(joined["present"], 2);
        }
    }
    resynced.sort();
    assert_eq!(resynced, ["games", "lounge"]);
    // And it is live again.
    stays.say("lounge", "おかえり", "m2").await.unwrap();
    assert_eq!(back.recv_type("message").await.unwrap()["text"], "おかえり");
}

#[tokio::test]
async fn a_close_frame_ends_the_session_at_once() {
    let server = serve(settings()).await;
    let (mut leaving, welcome) = hello(&server, Some("さよなら")).await;
    leaving.join("lounge").await.unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    let mut watcher = member(&server, "みおくり", "lounge").await;
    let ending = leaving.close().await.unwrap();
    assert!(matches!(ending, Ending::Closed(1000, _)), "{ending:?}");
    loop {
        if watcher.recv_type("presence").await.unwrap()["present"] == 1 {
            break;
        }
    }
    let mut again = Client::connect(server.addr()).await.unwrap();
    let welcome = again.resume(&token).await.unwrap();
    assert_eq!(welcome["resumed"], false);
    assert_ne!(welcome["session"], token.as_str());
    assert_eq!(welcome["rooms"], serde_json::json!([]));
}

#[tokio::test]
async fn a_going_away_close_frame_keeps_the_session_resumable() {
    // Browsers send 1001 by themselves when a page reloads: that is not leaving.
    let server = serve(settings()).await;
    let (mut reloading, welcome) = hello(&server, Some("さいよみこみ")).await;
    reloading.join("lounge").await.unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    let ending = reloading.close_with(1001).await.unwrap();
    assert!(matches!(ending, Ending::Closed(1001, _)), "{ending:?}");
    let mut again = Client::connect(server.addr()).await.unwrap();
    let welcome = again.resume(&token).await.unwrap();
    assert_eq!(welcome["resumed"], true);
    assert_eq!(welcome["handle"], "さいよみこみ");
    assert_eq!(again.recv_type("joined").await.unwrap()["present"], 1);
}

#[tokio::test]
async fn the_grace_period_ends_a_session_that_does_not_come_back() {
    let mut settings = settings();
    settings.limits.session_grace = Duration::from_millis(300);
    let server = serve(settings).await;
    let (mut gone, welcome) = hello(&server, Some("きえる")).await;
    gone.join("lounge").await.unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    let mut watcher = member(&server, "まつ", "lounge").await;
    gone.drop_connection();
    loop {
        if watcher.recv_type("presence").await.unwrap()["present"] == 1 {
            break;
        }
    }
    let mut late = Client::connect(server.addr()).await.unwrap();
    assert_eq!(late.resume(&token).await.unwrap()["resumed"], false);
    // Its handle is free again: someone else may use it in the lounge.
    let (mut other, _) = hello(&server, Some("きえる")).await;
    other.join("lounge").await.unwrap();
}

#[tokio::test]
async fn resuming_on_a_new_connection_closes_the_old_one() {
    let server = serve(settings()).await;
    let (mut old, welcome) = hello(&server, Some("ふたつめ")).await;
    old.join("lounge").await.unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    let mut new = Client::connect(server.addr()).await.unwrap();
    assert_eq!(new.resume(&token).await.unwrap()["resumed"], true);
    match old.ending().await.unwrap() {
        Ending::Closed(code, _) => assert_eq!(code, 4001),
        Ending::Gone => panic!("expected a close frame"),
    }
    // The new connection keeps the session and its seat.
    let joined = new.recv_type("joined").await.unwrap();
    assert_eq!(joined["present"], 1);
    new.say("lounge", "こっちで", "n1").await.unwrap();
    assert_eq!(new.recv_type("message").await.unwrap()["text"], "こっちで");
}

#[tokio::test]
async fn an_unknown_token_starts_a_fresh_session() {
    let server = serve(settings()).await;
    let mut client = Client::connect(server.addr()).await.unwrap();
    let welcome = client.resume(&"A".repeat(43)).await.unwrap();
    assert_eq!(welcome["resumed"], false);
    assert!(welcome["handle"].as_str().is_some_and(|h| !h.is_empty()));
}
