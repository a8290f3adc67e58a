//! Sessions without accounts: resume after a dropped connection, leaving for good, takeover.

use std::time::Duration;

use ibasho_server::Running;
use ibasho_tests::Client;
use ibasho_tests::client::Ending;

use crate::support::{
    hello, member, resume, serve, serve_limited, settings, token, wait_for_present,
};

/// A client in the lounge, and its session token.
async fn in_lounge(server: &Running, handle: &str) -> (Client, String) {
    let (mut client, welcome) = hello(server, Some(handle)).await;
    client.join("lounge").await.unwrap();
    (client, token(&welcome))
}

#[tokio::test]
async fn a_dropped_connection_resumes_with_its_handle_rooms_and_missed_messages() {
    let server = serve(settings()).await;
    let (mut away, token) = in_lounge(&server, "でんぱ").await;
    away.join("games").await.unwrap();
    let mut stays = member(&server, "のこる", "lounge").await;

    away.drop_connection();
    stays
        .say("lounge", "いない間のメッセージ", "m1")
        .await
        .unwrap();
    stays.recv_type("message").await.unwrap();

    let (mut back, welcome) = resume(&server, &token).await;
    assert_eq!(welcome["resumed"], true);
    assert_eq!(welcome["handle"], "でんぱ");
    assert_eq!(welcome["session"], token.as_str());
    assert_eq!(welcome["rooms"], serde_json::json!(["games", "lounge"]));
    let mut resynced = Vec::new();
    for _ in 0..2 {
        let joined = back.recv_type("joined").await.unwrap();
        resynced.push(joined["room"].as_str().unwrap().to_owned());
        if joined["room"] == "lounge" {
            let texts = ibasho_tests::history_texts(&joined);
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
    let (leaving, token) = in_lounge(&server, "さよなら").await;
    let mut watcher = member(&server, "みおくり", "lounge").await;
    let ending = leaving.close().await.unwrap();
    assert!(matches!(ending, Ending::Closed(1000, _)), "{ending:?}");
    wait_for_present(&mut watcher, 1).await;
    let (_again, welcome) = resume(&server, &token).await;
    assert_eq!(welcome["resumed"], false);
    assert_ne!(welcome["session"], token.as_str());
    assert_eq!(welcome["rooms"], serde_json::json!([]));
}

#[tokio::test]
async fn a_going_away_close_frame_keeps_the_session_resumable() {
    // Browsers send 1001 by themselves when a page reloads: that is not leaving.
    let server = serve(settings()).await;
    let (reloading, token) = in_lounge(&server, "さいよみこみ").await;
    let ending = reloading.close_with(1001).await.unwrap();
    assert!(matches!(ending, Ending::Closed(1001, _)), "{ending:?}");
    let (mut again, welcome) = resume(&server, &token).await;
    assert_eq!(welcome["resumed"], true);
    assert_eq!(welcome["handle"], "さいよみこみ");
    assert_eq!(again.recv_type("joined").await.unwrap()["present"], 1);
}

#[tokio::test]
async fn the_grace_period_ends_a_session_that_does_not_come_back() {
    let server = serve_limited(|limits| limits.session_grace = Duration::from_millis(300)).await;
    let (gone, token) = in_lounge(&server, "きえる").await;
    let mut watcher = member(&server, "まつ", "lounge").await;
    gone.drop_connection();
    wait_for_present(&mut watcher, 1).await;
    let (_late, welcome) = resume(&server, &token).await;
    assert_eq!(welcome["resumed"], false);
    // Its handle is free again: someone else may use it in the lounge.
    let (mut other, _) = hello(&server, Some("きえる")).await;
    other.join("lounge").await.unwrap();
}

#[tokio::test]
async fn resuming_on_a_new_connection_closes_the_old_one() {
    let server = serve(settings()).await;
    let (mut old, token) = in_lounge(&server, "ふたつめ").await;
    let (mut new, welcome) = resume(&server, &token).await;
    assert_eq!(welcome["resumed"], true);
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
    let (_client, welcome) = resume(&server, &"A".repeat(43)).await;
    assert_eq!(welcome["resumed"], false);
    assert!(welcome["handle"].as_str().is_some_and(|h| !h.is_empty()));
}
