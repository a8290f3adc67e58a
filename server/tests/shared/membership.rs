//! Membership is the store's: a session taken out of a room in the store — by any node — is
//! taken out on the node that holds its connection, in order with the room's messages (what
//! a facilitator's removal will rely on).

use ibasho_server::token::SessionToken;
use ibasho_tests::{Client, QUIET, RedisServer};

use crate::support::{serve, settings};

#[tokio::test]
async fn a_session_taken_out_in_the_store_by_another_node_is_out_on_its_own() {
    let redis = RedisServer::start().unwrap();
    let a = serve(settings(&redis, "mb:")).await;
    let b = serve(settings(&redis, "mb:")).await;
    let (mut person, welcome) = Client::greeted(a.addr(), Some("ゆう")).await.unwrap();
    person.join("lounge").await.unwrap();
    let mut other = Client::member(b.addr(), "あき", "lounge").await.unwrap();
    let token = SessionToken::from_client(welcome["session"].as_str().unwrap()).unwrap();

    // Node B takes the person (whose connection is on node A) out of the room.
    assert!(b.app().store.leave("lounge", &token).await.unwrap());
    other.say("lounge", "このあとの話", "o1").await.unwrap();
    let left = person.recv_type("left").await.unwrap();
    assert_eq!(left["room"], "lounge");
    // Nothing said after it reaches them.
    person.expect_no_message(QUIET).await.unwrap();
    assert_eq!(
        other.recv_type("message").await.unwrap()["text"],
        "このあとの話"
    );
}
