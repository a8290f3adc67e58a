//! A node whose Redis goes away keeps its people, says so, refuses rather than loses, and
//! comes back by itself.

use std::time::Duration;

use ibasho_tests::client::Ending;
use ibasho_tests::{Client, RedisServer};
use serde_json::json;

use crate::support::{STAFF_PASSWORD, get, serve, settings, staff};

#[tokio::test]
async fn losing_redis_degrades_the_node_and_it_recovers_by_itself() {
    let mut redis = RedisServer::start_durable().unwrap();
    let server = serve(settings(&redis, "deg:")).await;
    assert_eq!(get(server.addr(), "/healthz").await.0, 200);
    let mut client = Client::member(server.addr(), "まつ", "lounge")
        .await
        .unwrap();
    client.say_and_hear("lounge", "まえ", "a").await.unwrap();

    redis.kill().unwrap();
    let notice = client.recv_type("notice").await.unwrap();
    assert_eq!(notice, json!({"type":"notice","code":"degraded"}));
    let (status, body) = get(server.addr(), "/healthz").await;
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("degraded"), "{body}");
    // Liveness stays: restarting the node would not bring Redis back.
    assert_eq!(get(server.addr(), "/livez").await.0, 200);
    // Nothing new can be said, and the sender is told which message was not sent.
    client.say("lounge", "とどかない", "b").await.unwrap();
    let refused = client.recv_error().await.unwrap();
    assert_eq!(refused["code"], "unavailable");
    assert_eq!(refused["client_id"], "b");

    redis.restart().unwrap();
    let notice = client.recv_within(Duration::from_secs(15)).await.unwrap();
    assert_eq!(notice, json!({"type":"notice","code":"restored"}));
    assert_eq!(get(server.addr(), "/healthz").await.0, 200);
    // The same connection speaks again, and what was said before is still there.
    client.say("lounge", "もどった", "c").await.unwrap();
    assert_eq!(
        client.recv_type("message").await.unwrap()["text"],
        "もどった"
    );
    let (mut newcomer, _) = Client::greeted(server.addr(), Some("あとで"))
        .await
        .unwrap();
    let joined = newcomer.join("lounge").await.unwrap();
    assert_eq!(ibasho_tests::history_texts(&joined), ["まえ", "もどった"]);
}

/// An administrator's route cannot tell who is asking while Redis is away: 503, the
/// socket's `unavailable`, never a 401 that would send them to sign in again.
#[tokio::test]
async fn an_admin_route_says_unavailable_while_redis_is_away() {
    let mut redis = RedisServer::start().unwrap();
    let mut settings = settings(&redis, "deg-admin:");
    settings.staff = std::sync::Arc::new(staff("すずき", "admin"));
    let server = serve(settings).await;
    let mut admin = Client::connect(server.addr()).await.unwrap();
    let welcome = admin
        .hello_with(ibasho_tests::staff_hello("すずき", STAFF_PASSWORD))
        .await
        .unwrap();
    let token = welcome["session"].as_str().unwrap().to_owned();
    let audit = |token: String| {
        let addr = server.addr();
        async move {
            let header = format!("Authorization: Bearer {token}\r\n");
            ibasho_tests::http::get(addr, "/api/audit", &header)
                .await
                .unwrap()
        }
    };
    assert_eq!(audit(token.clone()).await.status, 200);

    redis.kill().unwrap();
    let answer = audit(token).await;
    assert_eq!(answer.status, 503, "{}", answer.text());
    let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!(body["type"], "error");
    assert_eq!(body["code"], "unavailable");
}

#[tokio::test]
async fn a_redis_that_lost_everything_makes_members_resync_rather_than_miss_a_gap() {
    // No persistence: a restart empties Redis, and every room's stream starts again.
    let mut redis = RedisServer::start().unwrap();
    let server = serve(settings(&redis, "lost:")).await;
    let (mut client, welcome) = Client::greeted(server.addr(), Some("わすれられる"))
        .await
        .unwrap();
    client.join("lounge").await.unwrap();
    client.say_and_hear("lounge", "きえる", "a").await.unwrap();

    redis.kill().unwrap();
    redis.restart().unwrap();
    // Told to reconnect (4002), not left following a stream that no longer exists.
    match client.ending_within(Duration::from_secs(15)).await.unwrap() {
        Ending::Closed(code, _) => assert_eq!(code, ibasho_protocol::close::RESYNC),
        other => panic!("expected a resync close, got {other:?}"),
    }
    // Reconnecting: the session is gone with Redis's data, and says so.
    let token = welcome["session"].as_str().unwrap();
    let (mut back, welcome) = Client::resumed(server.addr(), token).await.unwrap();
    assert_eq!(welcome["resumed"], false);
    back.send(json!({"type":"join","room":"lounge","since":{"epoch":"old","offset":1}}))
        .await
        .unwrap();
    let joined = back.recv_type("joined").await.unwrap();
    assert_eq!(joined["recovered"], false);
    assert_eq!(joined["history"], json!([]));
}
