//! A facilitator keeping a room safe, as the people in it meet it: a message taken down for
//! everyone (and for whoever recovers later), a mute only its person hears of, a removal
//! until the room's sitting or the person's session ends, slow mode, a lock, a topic, the
//! sitting ended now, and a room that is listen-only while no staff member is in it — in
//! both stores.

use std::sync::Arc;

use ibasho_server::Running;
use ibasho_server::clock::{ManualClock, SystemClock};
use ibasho_tests::{Client, QUIET, history_texts};
use serde_json::{Value, json};

use crate::support::{
    facilitator, person, say_frame, serve_catalogue, staff_settings, token, tokyo,
};

/// An always-open lounge, a room that needs a staff member in it, and a scheduled evening.
const CATALOGUE: &str = concat!(
    ibasho_tests::lounge!(50),
    r#"
[[room]]
id = "watched"
title = "見守りの部屋"
description = "スタッフがいるときだけ話せます"
kind = "themed"
capacity = 50
open = "always"
facilitated = true

[[room]]
id = "evening"
title = "夜の部屋"
description = "土曜 19時〜21時"
kind = "themed"
capacity = 50

[[room.session]]
weekly = ["sat"]
start = "19:00"
end = "21:00"
"#
);

async fn server() -> Running {
    serve_catalogue(staff_settings(), Arc::new(SystemClock), CATALOGUE).await
}

fn moderate(room: &str, action: &str, fields: Value) -> Value {
    let mut frame = json!({"type":"moderate","room":room,"action":action});
    if let (Some(frame), Some(fields)) = (frame.as_object_mut(), fields.as_object()) {
        frame.extend(fields.clone());
    }
    frame
}

/// Sends a moderation frame and waits until the room shows it took effect (`expect`: the
/// frame type the facilitator sees next).
async fn act(staff: &mut Client, frame: Value, expect: &str) -> Value {
    staff.send(frame).await.unwrap();
    staff.recv_type(expect).await.unwrap()
}

#[tokio::test]
async fn only_staff_may_moderate() {
    let server = server().await;
    let mut someone = person(&server, "かぜ", "lounge").await;
    for (action, fields) in [
        ("delete", json!({"message_id":"1"})),
        ("mute", json!({"handle":"かぜ"})),
        ("unmute", json!({"handle":"かぜ"})),
        ("remove", json!({"handle":"かぜ"})),
        ("slow_mode", json!({"seconds":10})),
        ("lock", json!({})),
        ("unlock", json!({})),
        ("topic", json!({"text":"t"})),
        ("close", json!({})),
    ] {
        let refused = someone
            .refusal(moderate("lounge", action, fields))
            .await
            .unwrap();
        assert_eq!(refused["code"], "forbidden", "{action}: {refused}");
    }
    someone
        .say_and_hear("lounge", "まだ話せます", "c1")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_deleted_message_vanishes_for_everyone_and_never_says_who() {
    let server = server().await;
    let mut staff = facilitator(&server, "lounge").await;
    let mut writer = person(&server, "かぜ", "lounge").await;
    let (mut listener, welcome) = Client::greeted(server.addr(), Some("そら")).await.unwrap();
    let joined = listener.join("lounge").await.unwrap();
    let since = json!({"epoch":joined["epoch"],"offset":joined["offset"]});
    let said = writer
        .say_and_hear("lounge", "ひどいことを言ってしまった", "c1")
        .await
        .unwrap();
    listener.recv_type("message").await.unwrap();
    let deleted = act(
        &mut staff,
        moderate("lounge", "delete", json!({"message_id":said["id"]})),
        "deleted",
    )
    .await;
    assert_eq!(deleted["room"], "lounge");
    assert_eq!(deleted["message_id"], said["id"]);
    assert!(deleted["offset"].as_u64().unwrap() > said["offset"].as_u64().unwrap());
    assert_eq!(
        deleted.as_object().unwrap().len(),
        4,
        "type, room, message_id, offset and nothing about who: {deleted}"
    );
    assert_eq!(listener.recv_type("deleted").await.unwrap(), deleted);
    assert_eq!(writer.recv_type("deleted").await.unwrap(), deleted);
    let refused = listener
        .refusal(json!({"type":"react","room":"lounge","message_id":said["id"],"reaction":"nod"}))
        .await
        .unwrap();
    assert_eq!(refused["code"], "no_such_message");
    // A late joiner never gets it; someone recovering after a drop gets the deletion.
    let mut late = Client::greeted(server.addr(), Some("おそく"))
        .await
        .unwrap()
        .0;
    assert!(history_texts(&late.join("lounge").await.unwrap()).is_empty());
    listener.drop_connection();
    let (mut back, _) = Client::resumed(server.addr(), &token(&welcome))
        .await
        .unwrap();
    back.send(json!({"type":"join","room":"lounge","since":since}))
        .await
        .unwrap();
    let rejoined = back.recv_type("joined").await.unwrap();
    assert!(history_texts(&rejoined).is_empty(), "{rejoined}");
    assert_eq!(
        back.recv_type("deleted").await.unwrap()["message_id"],
        said["id"]
    );
    // Taking down what is not there.
    let refused = staff
        .refusal(moderate(
            "lounge",
            "delete",
            json!({"message_id":said["id"]}),
        ))
        .await
        .unwrap();
    assert_eq!(refused["code"], "no_such_message");
}

#[tokio::test]
async fn a_mute_is_told_to_its_person_alone_and_survives_a_resume() {
    let server = server().await;
    let mut staff = facilitator(&server, "lounge").await;
    let (mut muted, welcome) = Client::greeted(server.addr(), Some("かぜ")).await.unwrap();
    muted.join("lounge").await.unwrap();
    let mut other = person(&server, "そら", "lounge").await;
    staff
        .send(moderate(
            "lounge",
            "mute",
            json!({"handle":"かぜ","minutes":5}),
        ))
        .await
        .unwrap();
    let sanction = muted.recv_type("sanction").await.unwrap();
    assert_eq!(sanction["kind"], "muted");
    assert_eq!(sanction["room"], "lounge");
    let until: jiff::Timestamp = sanction["until"].as_str().unwrap().parse().unwrap();
    let minutes = until.duration_since(jiff::Timestamp::now()).as_secs_f64() / 60.0;
    assert!((4.5..=5.0).contains(&minutes), "{minutes}");
    other.expect_no_message(QUIET).await.unwrap();
    // Staff alone see who is muted (to lift it).
    // (The list shown on coming in was empty.)
    let list = staff
        .recv_kept("muted", |list| list["members"] != json!([]))
        .await
        .unwrap();
    assert_eq!(list["members"][0]["handle"], "かぜ", "{list}");
    staff.expect_no_message(QUIET).await.unwrap();
    let refused = muted
        .refusal(say_frame("lounge", "なんで", "c1"))
        .await
        .unwrap();
    assert_eq!(refused["code"], "muted");
    assert!(refused["retry_after_ms"].as_u64().unwrap() > 200_000);
    // Listening and nodding along stay.
    let said = other
        .say_and_hear("lounge", "だいじょうぶ？", "o1")
        .await
        .unwrap();
    muted.recv_type("message").await.unwrap();
    muted
        .send(json!({"type":"react","room":"lounge","message_id":said["id"],"reaction":"nod"}))
        .await
        .unwrap();
    muted.recv_type("reactions").await.unwrap();
    // A resume keeps it.
    muted.drop_connection();
    let (mut muted, _) = Client::resumed(server.addr(), &token(&welcome))
        .await
        .unwrap();
    muted.recv_type("joined").await.unwrap();
    let refused = muted
        .refusal(say_frame("lounge", "まだ？", "c2"))
        .await
        .unwrap();
    assert_eq!(refused["code"], "muted");
    staff
        .send(moderate("lounge", "unmute", json!({"handle":"かぜ"})))
        .await
        .unwrap();
    let lifted = muted.recv_type("sanction").await.unwrap();
    assert_eq!(
        lifted,
        json!({"type":"sanction","room":"lounge","kind":"unmuted"})
    );
    muted
        .say_and_hear("lounge", "ありがとう", "c3")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_removed_session_is_out_for_the_session_and_its_handle_is_not_marked() {
    let server = server().await;
    let mut staff = facilitator(&server, "lounge").await;
    let (mut removed, welcome) = Client::greeted(server.addr(), Some("かぜ")).await.unwrap();
    removed.join("lounge").await.unwrap();
    let mut other = person(&server, "そら", "lounge").await;
    staff
        .send(moderate("lounge", "remove", json!({"handle":"かぜ"})))
        .await
        .unwrap();
    let sanction = removed.recv_type("sanction").await.unwrap();
    assert_eq!(
        sanction,
        json!({"type":"sanction","room":"lounge","kind":"removed"})
    );
    assert_eq!(removed.recv_type("left").await.unwrap()["room"], "lounge");
    let presence = other.recv_type("presence").await.unwrap();
    assert_eq!(presence["present"], 2);
    let refused = removed
        .refusal(json!({"type":"join","room":"lounge"}))
        .await
        .unwrap();
    assert_eq!(refused["code"], "removed");
    // Other rooms stay open to them; a resume keeps the removal.
    removed.join("watched").await.unwrap();
    removed.drop_connection();
    let (mut back, _) = Client::resumed(server.addr(), &token(&welcome))
        .await
        .unwrap();
    let refused = back
        .refusal(json!({"type":"join","room":"lounge"}))
        .await
        .unwrap();
    assert_eq!(refused["code"], "removed");
    // Someone else who takes the same handle later is a different person.
    back.close().await.unwrap();
    let mut newcomer = Client::greeted(server.addr(), Some("かぜ"))
        .await
        .unwrap()
        .0;
    newcomer.join("lounge").await.unwrap();
}

#[tokio::test]
async fn slow_mode_lock_and_topic_shape_the_room_and_staff_are_exempt() {
    let server = server().await;
    let mut staff = facilitator(&server, "lounge").await;
    let mut writer = person(&server, "かぜ", "lounge").await;
    let state = act(
        &mut staff,
        moderate("lounge", "slow_mode", json!({"seconds":30})),
        "room_state",
    )
    .await;
    assert_eq!(state["slow_mode_seconds"], 30);
    assert_eq!(writer.recv_type("room_state").await.unwrap(), state);
    writer
        .say_and_hear("lounge", "ひとつめ", "c1")
        .await
        .unwrap();
    let refused = writer
        .refusal(say_frame("lounge", "ふたつめ", "c2"))
        .await
        .unwrap();
    assert_eq!(refused["code"], "slow_mode");
    assert!(refused["retry_after_ms"].as_u64().unwrap() > 25_000);
    staff
        .say_and_hear("lounge", "ゆっくりいきましょう", "s1")
        .await
        .unwrap();
    staff.say_and_hear("lounge", "ね", "s2").await.unwrap();
    act(
        &mut staff,
        moderate("lounge", "slow_mode", json!({"seconds":0})),
        "room_state",
    )
    .await;
    writer
        .say_and_hear("lounge", "ふたつめ", "c3")
        .await
        .unwrap();

    let state = act(
        &mut staff,
        moderate("lounge", "lock", json!({})),
        "room_state",
    )
    .await;
    assert_eq!(state["locked"], true);
    assert_eq!(state["unattended"], false);
    let refused = writer
        .refusal(say_frame("lounge", "あの", "c4"))
        .await
        .unwrap();
    assert_eq!(refused["code"], "locked");
    let said = staff
        .say_and_hear("lounge", "少し聞く時間にします", "s3")
        .await
        .unwrap();
    writer
        .send(json!({"type":"react","room":"lounge","message_id":said["id"],"reaction":"nod"}))
        .await
        .unwrap();
    writer.recv_type("reactions").await.unwrap();
    let state = act(
        &mut staff,
        moderate("lounge", "unlock", json!({})),
        "room_state",
    )
    .await;
    assert_eq!(state["locked"], false);
    writer.say_and_hear("lounge", "はい", "c5").await.unwrap();

    let state = act(
        &mut staff,
        moderate("lounge", "topic", json!({"text":"今週うれしかったこと"})),
        "room_state",
    )
    .await;
    assert_eq!(state["topic"], "今週うれしかったこと");
    // A late joiner is told too.
    let mut late = Client::greeted(server.addr(), Some("おそく"))
        .await
        .unwrap()
        .0;
    late.join("lounge").await.unwrap();
    assert_eq!(
        late.recv_type("room_state").await.unwrap()["topic"],
        "今週うれしかったこと"
    );
    let refused = staff
        .refusal(moderate(
            "lounge",
            "topic",
            json!({"text":"長".repeat(201)}),
        ))
        .await
        .unwrap();
    assert_eq!(refused["code"], "too_long");
    let state = act(
        &mut staff,
        moderate("lounge", "topic", json!({"text":""})),
        "room_state",
    )
    .await;
    assert!(state.get("topic").is_none(), "{state}");
}

#[tokio::test]
async fn bad_moderation_frames_get_typed_errors_and_the_connection_stays() {
    let server = server().await;
    let mut staff = facilitator(&server, "lounge").await;
    let _someone = person(&server, "かぜ", "lounge").await;
    for (frame, code) in [
        (
            moderate("lounge", "ban", json!({"handle":"かぜ"})),
            "bad_request",
        ),
        (moderate("lounge", "mute", json!({})), "bad_request"),
        (
            moderate("lounge", "mute", json!({"handle":"かぜ","minutes":0})),
            "bad_request",
        ),
        (
            moderate("lounge", "mute", json!({"handle":"かぜ","minutes":1441})),
            "bad_request",
        ),
        (
            moderate("lounge", "mute", json!({"handle":"だれ"})),
            "not_in_room",
        ),
        (
            moderate(
                "lounge",
                "remove",
                json!({"handle":"ひかり（ファシリテーター）"}),
            ),
            "forbidden",
        ),
        (moderate("lounge", "delete", json!({})), "bad_request"),
        (
            moderate("lounge", "delete", json!({"message_id":"77"})),
            "no_such_message",
        ),
        (
            moderate("lounge", "slow_mode", json!({"seconds":301})),
            "bad_request",
        ),
        (moderate("lounge", "slow_mode", json!({})), "bad_request"),
        (moderate("lounge", "topic", json!({})), "bad_request"),
        (moderate("games", "lock", json!({})), "no_such_room"),
        (moderate("watched", "lock", json!({})), "not_in_room"),
    ] {
        let refused = staff.refusal(frame.clone()).await.unwrap();
        assert_eq!(refused["code"], code, "{frame}: {refused}");
    }
    staff
        .say_and_hear("lounge", "だいじょうぶです", "s1")
        .await
        .unwrap();
}

#[tokio::test]
async fn closing_an_always_open_room_starts_it_afresh() {
    let server = server().await;
    let mut staff = facilitator(&server, "lounge").await;
    let mut someone = person(&server, "かぜ", "lounge").await;
    someone
        .say_and_hear("lounge", "さっきの話", "c1")
        .await
        .unwrap();
    staff
        .send(moderate("lounge", "mute", json!({"handle":"かぜ"})))
        .await
        .unwrap();
    someone.recv_type("sanction").await.unwrap();
    staff
        .send(moderate("lounge", "close", json!({})))
        .await
        .unwrap();
    assert_eq!(someone.recv_type("closed").await.unwrap()["room"], "lounge");
    assert_eq!(staff.recv_type("closed").await.unwrap()["room"], "lounge");
    // Back in at once, with nothing of before: no words, no mute.
    let joined = someone.join("lounge").await.unwrap();
    assert!(history_texts(&joined).is_empty());
    someone
        .say_and_hear("lounge", "あたらしく", "c2")
        .await
        .unwrap();
}

#[tokio::test]
async fn closing_a_scheduled_sitting_keeps_the_room_closed_until_the_next() {
    // Saturday 19:30 in Tokyo: the evening sitting is on.
    let clock = Arc::new(ManualClock::new(tokyo("2026-12-05T19:30:00")));
    let server = serve_catalogue(staff_settings(), clock.clone(), CATALOGUE).await;
    let mut staff = facilitator(&server, "evening").await;
    let mut someone = person(&server, "かぜ", "evening").await;
    staff
        .send(moderate("evening", "close", json!({})))
        .await
        .unwrap();
    someone.recv_type("closed").await.unwrap();
    let refused = someone
        .refusal(json!({"type":"join","room":"evening"}))
        .await
        .unwrap();
    assert_eq!(refused["code"], "room_closed");
    assert_eq!(
        refused["next_open"]
            .as_str()
            .unwrap()
            .parse::<jiff::Timestamp>()
            .unwrap(),
        tokyo("2026-12-12T19:00:00")
    );
    // The next sitting opens as planned.
    clock.advance(tokyo("2026-12-12T19:00:01").duration_since(tokyo("2026-12-05T19:30:00")));
    someone.join("evening").await.unwrap();
}

#[tokio::test]
async fn a_room_that_needs_staff_is_listen_only_until_one_comes_in() {
    let server = server().await;
    let mut someone = Client::greeted(server.addr(), Some("かぜ"))
        .await
        .unwrap()
        .0;
    someone.join("watched").await.unwrap();
    let state = someone.recv_type("room_state").await.unwrap();
    assert_eq!(state["locked"], true);
    assert_eq!(state["unattended"], true);
    let refused = someone
        .refusal(say_frame("watched", "こんにちは", "c1"))
        .await
        .unwrap();
    assert_eq!(refused["code"], "locked");
    let mut staff = facilitator(&server, "watched").await;
    let state = someone.recv_type("room_state").await.unwrap();
    assert_eq!(
        (&state["locked"], &state["unattended"]),
        (&json!(false), &json!(false))
    );
    someone
        .say_and_hear("watched", "こんにちは", "c2")
        .await
        .unwrap();
    staff
        .send(json!({"type":"leave","room":"watched"}))
        .await
        .unwrap();
    let state = someone.recv_type("room_state").await.unwrap();
    assert_eq!(state["unattended"], true);
    let refused = someone
        .refusal(say_frame("watched", "あれ", "c3"))
        .await
        .unwrap();
    assert_eq!(refused["code"], "locked");
}
