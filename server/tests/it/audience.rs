//! Rooms for the people themselves and rooms for families never mix: who one comes as
//! (said in `hello`, never checked against anything) decides which rooms one can enter.

use std::sync::Arc;

use ibasho_server::clock::SystemClock;
use ibasho_tests::Client;
use serde_json::json;

use crate::support::{serve_catalogue, settings};

/// A room for the people themselves, one for families, and one for anyone.
const CATALOGUE: &str = concat!(
    r#"
[[room]]
id = "honnin"
title = "本人の部屋"
description = "本人向け"
kind = "themed"
audience = "person"
capacity = 10
open = "always"

[[room]]
id = "kazoku"
title = "家族の部屋"
description = "家族向け"
kind = "family"
capacity = 10
open = "always"
"#,
    ibasho_tests::open_room!("hiroba", "ひろば", "どなたでも", 10)
);

async fn comes_as(addr: std::net::SocketAddr, role: Option<&str>) -> Client {
    let mut client = Client::connect(addr).await.unwrap();
    let mut hello = json!({"type": "hello"});
    if let Some(role) = role {
        hello["role"] = json!(role);
    }
    client.send(hello).await.unwrap();
    client.recv_type("welcome").await.unwrap();
    client
}

async fn try_join(client: &mut Client, room: &str) -> String {
    client
        .send(json!({"type": "join", "room": room}))
        .await
        .unwrap();
    loop {
        let frame = client.recv().await.unwrap();
        match frame["type"].as_str() {
            Some("joined") => return "joined".to_owned(),
            Some("error") => return frame["code"].as_str().unwrap().to_owned(),
            _ => {}
        }
    }
}

#[tokio::test]
async fn person_and_family_rooms_admit_only_their_own() {
    let server = serve_catalogue(settings(), Arc::new(SystemClock), CATALOGUE).await;
    let cases = [
        // (comes as, person room, family room, anyone)
        (Some("person"), "joined", "audience_mismatch", "joined"),
        (None, "joined", "audience_mismatch", "joined"),
        (Some("family"), "audience_mismatch", "joined", "joined"),
        (
            Some("supporter"),
            "audience_mismatch",
            "audience_mismatch",
            "joined",
        ),
    ];
    for (role, person, family, anyone) in cases {
        let mut client = comes_as(server.addr(), role).await;
        assert_eq!(try_join(&mut client, "honnin").await, person, "{role:?}");
        assert_eq!(try_join(&mut client, "kazoku").await, family, "{role:?}");
        assert_eq!(try_join(&mut client, "hiroba").await, anyone, "{role:?}");
    }
    // The room list says who each room is for.
    let list = crate::http::get_json(server.addr(), "/api/rooms").await;
    let audiences: Vec<_> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["audience"].clone())
        .collect();
    assert_eq!(
        audiences,
        [json!("person"), json!("family"), json!("anyone")]
    );
}

#[tokio::test]
async fn a_resumed_session_keeps_who_it_came_as() {
    let server = serve_catalogue(settings(), Arc::new(SystemClock), CATALOGUE).await;
    let mut client = Client::connect(server.addr()).await.unwrap();
    client
        .send(json!({"type": "hello", "role": "family"}))
        .await
        .unwrap();
    let welcome = client.recv_type("welcome").await.unwrap();
    client.drop_connection();
    let mut back = Client::connect(server.addr()).await.unwrap();
    back.resume(welcome["session"].as_str().unwrap())
        .await
        .unwrap();
    assert_eq!(try_join(&mut back, "honnin").await, "audience_mismatch");
    assert_eq!(try_join(&mut back, "kazoku").await, "joined");
}
