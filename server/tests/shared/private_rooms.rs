//! A private room across nodes: made on one, entered from others (one started after it was
//! made), closed from a third, and erased from Redis.

use ibasho_protocol::Audience;
use ibasho_server::token::SessionToken;
use ibasho_tests::{Client, RedisServer};
use redis::AsyncCommands;
use serde_json::{Value, json};

use crate::support::{serve, settings};

/// `speaker` says `text`, and it reaches the speaker and each of `listeners`.
async fn talk(speaker: &mut Client, listeners: &mut [&mut Client], room: &str, text: &str) {
    speaker.say(room, text, text).await.unwrap();
    for client in std::iter::once(speaker).chain(listeners.iter_mut().map(|c| &mut **c)) {
        let message = client.recv_type("message").await.unwrap();
        assert_eq!(message["text"], text);
    }
}

fn token(welcome: &Value) -> SessionToken {
    SessionToken::from_client(welcome["session"].as_str().unwrap()).unwrap()
}

async fn hello(server: &ibasho_server::Running, handle: &str) -> (Client, SessionToken) {
    let mut client = Client::connect(server.addr()).await.unwrap();
    let welcome = client.hello(Some(handle)).await.unwrap();
    (client, token(&welcome))
}

#[tokio::test]
async fn a_private_room_works_across_nodes_and_closing_it_erases_it_everywhere() {
    let redis = RedisServer::start().unwrap();
    let a = serve(settings(&redis, "pr:")).await;
    let b = serve(settings(&redis, "pr:")).await;
    let (mut person, person_token) = hello(&a, "ひとり").await;
    let (mut counselor, counselor_token) = hello(&b, "みどり").await;
    let (mut stranger, _) = hello(&b, "だれか").await;
    let late_token = {
        // A session that will come back through a node that does not exist yet.
        let (late, token) = hello(&a, "おくれて").await;
        late.drop_connection();
        token
    };
    let room = b
        .app()
        .rooms
        .directory()
        .create_private(
            Audience::Anyone,
            &counselor_token,
            &[person_token, late_token.clone()],
            None,
        )
        .await
        .unwrap();
    let id = room.spec.id.clone();
    person.join(&id).await.unwrap();
    counselor.join(&id).await.unwrap();
    talk(
        &mut person,
        &mut [&mut counselor],
        &id,
        "聞いてほしいことがあります",
    )
    .await;
    talk(
        &mut counselor,
        &mut [&mut person],
        &id,
        "どうぞ、ゆっくりで",
    )
    .await;
    stranger
        .send(json!({"type":"join","room": id}))
        .await
        .unwrap();
    assert_eq!(stranger.recv_error().await.unwrap()["code"], "no_such_room");

    // A node started after the room was made finds it, and delivers in it.
    let c = serve(settings(&redis, "pr:")).await;
    let mut late = Client::connect(c.addr()).await.unwrap();
    late.resume(late_token.expose()).await.unwrap();
    late.join(&id).await.unwrap();
    talk(
        &mut person,
        &mut [&mut counselor, &mut late],
        &id,
        "三人目も来ました",
    )
    .await;
    talk(
        &mut late,
        &mut [&mut person, &mut counselor],
        &id,
        "こんにちは",
    )
    .await;

    // Closed from one node: everyone on every node is taken out, once.
    assert!(c.app().rooms.directory().close_private(&id).await.unwrap());
    assert!(!a.app().rooms.directory().close_private(&id).await.unwrap());
    for client in [&mut person, &mut counselor, &mut late] {
        assert_eq!(
            client.recv_type("closed").await.unwrap()["room"],
            id.as_str()
        );
    }
    person
        .send(json!({"type":"join","room": id}))
        .await
        .unwrap();
    assert_eq!(person.recv_error().await.unwrap()["code"], "no_such_room");

    // Nothing of it is left in Redis: no key under its name, none of its words.
    let mut conn = redis::Client::open(redis.url())
        .unwrap()
        .get_multiplexed_async_connection()
        .await
        .unwrap();
    let keys: Vec<String> = conn.keys("pr:*").await.unwrap();
    assert!(keys.iter().all(|key| !key.contains(&id)), "{keys:?}");
    let dump = a.app().store.audit_dump().await.unwrap();
    for words in [
        "聞いてほしいこと",
        "どうぞ、ゆっくりで",
        "三人目も来ました",
        "こんにちは",
    ] {
        assert!(!dump.contains(words), "{dump}");
    }
}
