//! Private rooms: made at run time through the room layer's own API (the counselor's 1:1
//! room will be one), entered only by the sessions on their list, never listed or counted,
//! and erased whole when closed.

use std::sync::Arc;

use ibasho_protocol::Audience;
use ibasho_server::Running;
use ibasho_server::clock::ManualClock;
use ibasho_server::token::SessionToken;
use ibasho_tests::{Client, QUIET};
use jiff::SignedDuration;
use serde_json::{Value, json};

use crate::http::{get, get_text};
use crate::support::{hello, serve, serve_with_clock, settings, tokyo};

fn token(welcome: &Value) -> SessionToken {
    SessionToken::from_client(welcome["session"].as_str().unwrap()).unwrap()
}

/// Two people with a private room of their own, both in it, and a third who is not.
async fn two_in_a_private_room(server: &Running) -> (String, Client, Client, Client) {
    let (mut first, first_welcome) = hello(server, Some("みどり")).await;
    let (mut second, second_welcome) = hello(server, Some("ひとり")).await;
    let (third, _) = hello(server, Some("だれか")).await;
    let room = server
        .app()
        .rooms
        .directory()
        .create_private(
            Audience::Anyone,
            &token(&first_welcome),
            &[token(&second_welcome)],
            None,
        )
        .await
        .unwrap();
    let id = room.spec.id.clone();
    first.join(&id).await.unwrap();
    second.join(&id).await.unwrap();
    (id, first, second, third)
}

#[tokio::test]
async fn two_people_talk_in_a_private_room_and_nobody_else_can_find_it() {
    let server = serve(settings()).await;
    let (id, mut first, mut second, mut third) = two_in_a_private_room(&server).await;
    first.say(&id, "ここだけの話です", "c1").await.unwrap();
    let heard = second.recv_type("message").await.unwrap();
    assert_eq!(heard["text"], "ここだけの話です");
    assert_eq!(heard["handle"], "みどり");

    // Someone not on the list gets the answer a room that does not exist gets.
    third.send(json!({"type":"join","room": id})).await.unwrap();
    let refused = third.recv_error().await.unwrap();
    third
        .send(json!({"type":"join","room":"p-0123456789abcdef0123456789abcdef"}))
        .await
        .unwrap();
    let missing = third.recv_error().await.unwrap();
    assert_eq!(refused["code"], "no_such_room");
    assert_eq!(refused["message"], missing["message"]);
    for frame in [
        json!({"type":"say","room": id,"text":"のぞき","client_id":"x"}),
        json!({"type":"react","room": id,"message_id":"1","reaction":"nod"}),
        json!({"type":"leave","room": id}),
    ] {
        third.send(frame).await.unwrap();
        assert_eq!(third.recv_error().await.unwrap()["code"], "no_such_room");
    }
    second.expect_no_message(QUIET).await.unwrap();
}

#[tokio::test]
async fn a_private_room_is_in_no_listing_and_no_count() {
    let server = serve(settings()).await;
    let (id, _first, _second, _third) = two_in_a_private_room(&server).await;
    for path in [
        "/api/rooms",
        "/api/schedule",
        "/schedule.ics",
        "/metrics",
        "/healthz",
    ] {
        let (status, body) = get_text(server.addr(), path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!body.contains(&id), "{path} names the private room: {body}");
    }
    // The people in it are in no room's count either.
    let (_, rooms) = get(server.addr(), "/api/rooms").await;
    let present: u64 = rooms
        .as_array()
        .unwrap()
        .iter()
        .map(|room| room["present"].as_u64().unwrap())
        .sum();
    assert_eq!(present, 0);
}

#[tokio::test]
async fn closing_a_private_room_takes_everyone_out_and_erases_it() {
    let server = serve(settings()).await;
    let (id, mut first, mut second, _third) = two_in_a_private_room(&server).await;
    first.say(&id, "消えるはずの言葉", "c1").await.unwrap();
    second.recv_type("message").await.unwrap();
    let directory = server.app().rooms.directory();
    assert!(directory.close_private(&id).await.unwrap());
    assert!(!directory.close_private(&id).await.unwrap(), "once");
    for client in [&mut first, &mut second] {
        let closed = client.recv_type("closed").await.unwrap();
        assert_eq!(closed["room"], id.as_str());
    }
    // Gone: the store holds nothing of it (in Redis, a scan of the keyspace).
    let dump = server.app().store.audit_dump().await.unwrap();
    assert!(!dump.contains("消えるはずの言葉"), "{dump}");
    assert!(dump.matches(id.as_str()).count() <= 1, "{dump}");
    // And it cannot be entered or spoken in any more.
    for (client, frame) in [
        (&mut first, json!({"type":"join","room": id})),
        (
            &mut second,
            json!({"type":"say","room": id,"text":"まだいる？","client_id":"c2"}),
        ),
    ] {
        client.send(frame).await.unwrap();
        assert_eq!(client.recv_error().await.unwrap()["code"], "no_such_room");
    }
}

/// `client` joins `room`, which stays open for `open` on the clock and is closed (the client
/// told so) once `ends` more has passed.
async fn closes_after(
    clock: &ManualClock,
    client: &mut Client,
    room: &str,
    open: SignedDuration,
    ends: SignedDuration,
) {
    client.join(room).await.unwrap();
    clock.advance(open);
    client.expect_no_message(QUIET).await.unwrap();
    clock.advance(ends);
    let closed = client.recv_type("closed").await.unwrap();
    assert_eq!(closed["room"], room);
}

#[tokio::test]
async fn a_private_room_closes_by_itself_when_it_expires() {
    let clock = Arc::new(ManualClock::new(tokyo("2026-12-05T14:00")));
    let server = serve_with_clock(settings(), clock.clone()).await;
    let (mut first, welcome) = hello(&server, Some("みどり")).await;
    let room = server
        .app()
        .rooms
        .directory()
        .create_private(
            Audience::Person,
            &token(&welcome),
            &[],
            Some(tokyo("2026-12-05T15:00")),
        )
        .await
        .unwrap();
    let (open, ends) = (SignedDuration::from_mins(59), SignedDuration::from_mins(1));
    closes_after(&clock, &mut first, &room.spec.id, open, ends).await;

    // Made without an expiry, it still does not outlast a day.
    let (mut second, welcome) = hello(&server, Some("あおい")).await;
    let directory = server.app().rooms.directory();
    let lasting = directory
        .create_private(Audience::Person, &token(&welcome), &[], None)
        .await
        .unwrap();
    let (open, ends) = (
        SignedDuration::from_hours(23),
        SignedDuration::from_hours(1),
    );
    closes_after(&clock, &mut second, &lasting.spec.id, open, ends).await;
}

#[tokio::test]
async fn a_private_room_keeps_to_its_audience() {
    let server = serve(settings()).await;
    let mut family = Client::connect(server.addr()).await.unwrap();
    family
        .send(json!({"type":"hello","handle":"かぞく","role":"family"}))
        .await
        .unwrap();
    let welcome = family.recv_type("welcome").await.unwrap();
    let (_, maker) = hello(&server, Some("みどり")).await;
    let room = server
        .app()
        .rooms
        .directory()
        .create_private(Audience::Person, &token(&maker), &[token(&welcome)], None)
        .await
        .unwrap();
    family
        .send(json!({"type":"join","room": room.spec.id}))
        .await
        .unwrap();
    assert_eq!(
        family.recv_error().await.unwrap()["code"],
        "audience_mismatch"
    );
}
