//! Staff and facilitated sittings: signing in as staff, opening a sitting up to 15 minutes
//! early and keeping it open up to 15 minutes late, rounds (each person gets the floor in
//! turn) and the agenda moved by hand — over WebSocket, with an injected clock, in both
//! stores.

use std::sync::Arc;
use std::time::Duration;

use crate::entry_word::cheap_hash;
use ibasho_server::Running;
use ibasho_server::clock::ManualClock;
use ibasho_server::control::RoomControl;
use ibasho_server::store::read_doc;
use ibasho_tests::{Client, room_state, staff_hello};
use jiff::SignedDuration;
use serde_json::{Value, json};

use crate::support::{
    STAFF_PASSWORD as PASSWORD, resume, room_status, serve_catalogue, staff_settings, token, tokyo,
};

/// A Saturday family meeting 14:00–15:30 (Tokyo), a programme room open all the time with
/// an agenda, and a room for the people themselves.
const CATALOGUE: &str = r#"
closing_notice_minutes = 5

[[room]]
id = "kazokukai"
title = "家族会"
description = "土曜 14時〜15時30分"
kind = "family"
capacity = 10

[[room.session]]
weekly = ["sat"]
start = "14:00"
end = "15:30"

[[room]]
id = "mitsukeba"
title = "みつけばルーム"
description = "ピアの部屋"
kind = "programme"
audience = "person"
capacity = 10
open = "always"

[room.programme]
facilitators = ["ひかり"]
agenda = [
  { title = "チェックイン", minutes = 15 },
  { title = "今日のテーマ", minutes = 60, topic = "自分のペース" },
  { title = "チェックアウト", minutes = 15 },
]
"#;

/// A server on `catalogue` with its clock at `now` (Tokyo), whose timetable looks every `tick`.
async fn serve_ticking(catalogue: &str, now: &str, tick: Duration) -> (Running, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(tokyo(now)));
    let mut settings = staff_settings();
    settings.limits.schedule_tick = tick;
    let server = serve_catalogue(settings, clock.clone(), catalogue).await;
    (server, clock)
}

async fn serve_at(now: &str) -> (Running, Arc<ManualClock>) {
    serve_ticking(CATALOGUE, now, Duration::from_millis(10)).await
}

/// Sends `hello` and returns the welcome or the refusal.
async fn hello(server: &Running, hello: Value) -> (Client, Value) {
    let mut client = Client::connect(server.addr()).await.unwrap();
    client.send(hello).await.unwrap();
    let answer = answer(&mut client, &["welcome", "error"]).await;
    (client, answer)
}

async fn answer(client: &mut Client, kinds: &[&str]) -> Value {
    loop {
        let frame = client.recv().await.unwrap();
        if kinds.iter().any(|kind| frame["type"] == *kind) {
            return frame;
        }
    }
}

async fn facilitator(server: &Running) -> Client {
    let (client, welcome) = hello(server, staff_hello("ひかり", PASSWORD)).await;
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    client
}

async fn family(server: &Running, handle: &str) -> Client {
    let (client, welcome) = hello(
        server,
        json!({"type":"hello","handle":handle,"role":"family"}),
    )
    .await;
    assert_eq!(welcome["type"], "welcome", "{welcome}");
    client
}

async fn facilitate(client: &mut Client, room: &str, action: &str) {
    client
        .send(json!({"type":"facilitate","room":room,"action":action}))
        .await
        .unwrap();
}

/// The answer to a frame that is either refused or changes the room's state.
async fn outcome(client: &mut Client) -> Value {
    answer(client, &["room_state", "error"]).await
}

#[tokio::test]
async fn staff_sign_in_with_a_password_and_wear_their_title() {
    let (server, _) = serve_at("2026-12-05T10:00").await;
    let mut as_family = staff_hello("ヒカリ", PASSWORD);
    as_family["role"] = json!("family");
    let (_, welcome) = hello(&server, as_family).await;
    assert_eq!(welcome["handle"], "ひかり（ファシリテーター）");
    assert_eq!(welcome["staff"], "facilitator");

    // A wrong password and an unknown name get the very same answer.
    let (mut guesser, wrong) = hello(&server, staff_hello("ひかり", "guess")).await;
    assert_eq!(wrong["code"], "staff_login_refused");
    let unknown = guesser
        .refusal(staff_hello("だれか", PASSWORD))
        .await
        .unwrap();
    assert_eq!(
        (&unknown["code"], &unknown["message"]),
        (&wrong["code"], &wrong["message"])
    );
    // Five attempts a minute per connection; then even the right password waits.
    for _ in 0..3 {
        let refused = guesser
            .refusal(staff_hello("ひかり", "guess"))
            .await
            .unwrap();
        assert_eq!(refused["code"], "staff_login_refused");
    }
    let waits = guesser
        .refusal(staff_hello("ひかり", PASSWORD))
        .await
        .unwrap();
    assert_eq!(waits["code"], "rate_limited");

    // Nobody else can take a staff member's name and title.
    let (_, refused) = hello(
        &server,
        json!({"type":"hello","handle":"ひかり（ファシリテーター）"}),
    )
    .await;
    assert_eq!(refused["code"], "handle_invalid");
    // Participants cannot facilitate.
    let mut person = family(&server, "まつ").await;
    facilitate(&mut person, "kazokukai", "open_early").await;
    assert_eq!(person.recv_error().await.unwrap()["code"], "forbidden");

    // A staff session resumed after a dropped connection is still staff's.
    let (staff, welcome) = hello(&server, staff_hello("たなか", PASSWORD)).await;
    staff.drop_connection();
    let (mut again, resumed) = resume(&server, &token(&welcome)).await;
    assert_eq!(resumed["resumed"], true);
    assert_eq!(resumed["staff"], "counselor");
    assert_eq!(resumed["handle"], "たなか（相談員）");
    facilitate(&mut again, "kazokukai", "open_early").await;
    // Allowed (not `forbidden`); the meeting is days away.
    assert_eq!(again.recv_error().await.unwrap()["code"], "not_now");
}

#[tokio::test]
async fn a_sitting_opens_up_to_fifteen_minutes_early_and_stays_up_to_fifteen_late() {
    let (server, clock) = serve_at("2026-12-05T13:40").await;
    let mut staff = facilitator(&server).await;
    // 20 minutes before: too early.
    facilitate(&mut staff, "kazokukai", "open_early").await;
    assert_eq!(staff.recv_error().await.unwrap()["code"], "not_now");
    // 14 minutes before: open, for everyone.
    clock.advance(SignedDuration::from_mins(6));
    facilitate(&mut staff, "kazokukai", "open_early").await;
    staff.join("kazokukai").await.unwrap();
    let room = room_status(&server, "kazokukai").await;
    assert_eq!(room["status"], "open");
    assert_eq!(room["closes_at"], "2026-12-05T06:30:00Z");
    let mut parent = family(&server, "はは").await;
    parent.join("kazokukai").await.unwrap();
    parent
        .say("kazokukai", "早めに来ました", "p1")
        .await
        .unwrap();
    parent.recv_type("message").await.unwrap();
    // Open already: nothing to open.
    facilitate(&mut staff, "kazokukai", "open_early").await;
    assert_eq!(staff.recv_error().await.unwrap()["code"], "not_now");

    // 15:20: kept open 10, then 10 more minutes — but no more than 15 past 15:30.
    clock.advance(SignedDuration::from_mins(94));
    staff
        .send(json!({"type":"facilitate","room":"kazokukai","action":"extend","minutes":10}))
        .await
        .unwrap();
    let state = outcome(&mut parent).await;
    assert_eq!(
        state,
        room_state("kazokukai", json!({"closes_at":"2026-12-05T06:40:00Z"}))
    );
    staff
        .send(json!({"type":"facilitate","room":"kazokukai","action":"extend","minutes":10}))
        .await
        .unwrap();
    assert_eq!(
        outcome(&mut parent).await["closes_at"],
        "2026-12-05T06:45:00Z"
    );
    facilitate(&mut staff, "kazokukai", "extend").await;
    assert_eq!(staff.recv_error().await.unwrap()["code"], "not_now");

    // 15:30 passes: still open. 15:40: the closing notice names the new end.
    clock.advance(SignedDuration::from_mins(11));
    assert_eq!(room_status(&server, "kazokukai").await["status"], "open");
    parent
        .say("kazokukai", "延長ありがとう", "p2")
        .await
        .unwrap();
    parent.recv_type("message").await.unwrap();
    clock.advance(SignedDuration::from_mins(10));
    let closing = parent.recv_type("closing").await.unwrap();
    assert_eq!(closing["closes_at"], "2026-12-05T06:45:00Z");
    // 15:45: over, and nothing said in it survives, nor what the facilitator set.
    clock.advance(SignedDuration::from_mins(5));
    parent.recv_type("closed").await.unwrap();
    let dump = server.app().store.audit_dump().await.unwrap();
    assert!(!dump.contains("早めに来ました"), "{dump}");
    assert!(!dump.contains("延長ありがとう"), "{dump}");
    let control: Option<RoomControl> = read_doc(&*server.app().store, "kazokukai").await.unwrap();
    assert_eq!(
        control, None,
        "what the facilitator set survived the sitting"
    );
    assert_eq!(room_status(&server, "kazokukai").await["status"], "closed");
}

#[tokio::test]
async fn in_a_round_each_person_speaks_in_turn_and_anyone_may_react() {
    let (server, _) = serve_at("2026-12-05T14:10").await;
    let mut staff = facilitator(&server).await;
    staff.join("kazokukai").await.unwrap();
    let mut members = Vec::new();
    for handle in ["あき", "いと", "うみ"] {
        let mut member = family(&server, handle).await;
        member.join("kazokukai").await.unwrap();
        members.push(member);
    }
    facilitate(&mut staff, "kazokukai", "start_round").await;
    for member in &mut members {
        let state = outcome(member).await;
        assert_eq!(
            state["floor"],
            json!({"handle":"あき","turn":1,"turns":3}),
            "staff are not in the round: {state}"
        );
    }
    // Someone else has the floor: no speaking, but reactions still work.
    members[1]
        .say("kazokukai", "いいですか", "i1")
        .await
        .unwrap();
    let refused = members[1].recv_error().await.unwrap();
    assert_eq!(refused["code"], "not_your_turn");
    assert_eq!(refused["client_id"], "i1");
    members[0].say("kazokukai", "あきです", "a1").await.unwrap();
    let said = members[1].recv_type("message").await.unwrap();
    members[1]
        .send(json!({"type":"react","room":"kazokukai","message_id":said["id"],"reaction":"nod"}))
        .await
        .unwrap();
    members[0].recv_type("reactions").await.unwrap();
    // Staff may always speak.
    staff.say("kazokukai", "ありがとう", "s1").await.unwrap();
    members[2].recv_type("message").await.unwrap();

    // Passing is only for whoever has the floor; it gives the floor on.
    members[2]
        .send(json!({"type":"pass","room":"kazokukai"}))
        .await
        .unwrap();
    assert_eq!(outcome(&mut members[2]).await["code"], "not_your_turn");
    members[0]
        .send(json!({"type":"pass","room":"kazokukai"}))
        .await
        .unwrap();
    assert_eq!(outcome(&mut members[2]).await["floor"]["handle"], "いと");
    // いと leaves: the facilitator's "next" skips to うみ; after the last, the round is over.
    let leaving = members.remove(1);
    leaving.close().await.unwrap();
    facilitate(&mut staff, "kazokukai", "next_turn").await;
    assert_eq!(
        outcome(&mut members[1]).await["floor"],
        json!({"handle":"うみ","turn":3,"turns":3})
    );
    // A late joiner hears whose turn it is.
    let mut late = family(&server, "えだ").await;
    late.join("kazokukai").await.unwrap();
    assert_eq!(outcome(&mut late).await["floor"]["handle"], "うみ");
    facilitate(&mut staff, "kazokukai", "next_turn").await;
    // あき saw the floor go to いと, then うみ, then the round end.
    for handle in ["いと", "うみ"] {
        assert_eq!(outcome(&mut members[0]).await["floor"]["handle"], handle);
    }
    let over = outcome(&mut members[0]).await;
    assert_eq!(over, room_state("kazokukai", json!({})));
    members[0]
        .say("kazokukai", "また話せる", "a2")
        .await
        .unwrap();
    members[0].recv_type("message").await.unwrap();
    facilitate(&mut staff, "kazokukai", "end_round").await;
    assert_eq!(staff.recv_error().await.unwrap()["code"], "not_now");
}

#[tokio::test]
async fn a_round_without_its_facilitator_is_over() {
    let (server, _) = serve_at("2026-12-05T14:10").await;
    let mut staff = facilitator(&server).await;
    staff.join("kazokukai").await.unwrap();
    let mut first = family(&server, "あき").await;
    first.join("kazokukai").await.unwrap();
    let mut second = family(&server, "いと").await;
    second.join("kazokukai").await.unwrap();
    facilitate(&mut staff, "kazokukai", "start_round").await;
    outcome(&mut second).await;
    staff.close().await.unwrap();
    // Nobody is left to give the floor on: the round ends by itself, and いと speaks.
    let state = outcome(&mut second).await;
    assert_eq!(state, room_state("kazokukai", json!({})));
    second.say("kazokukai", "話します", "i1").await.unwrap();
    second.recv_type("message").await.unwrap();
}

/// Two sittings ten minutes apart on Saturday evening.
const TWO_SITTINGS: &str = r#"
closing_notice_minutes = 5

[[room]]
id = "yoru"
title = "土曜の夜"
description = "19時〜20時と20時10分〜21時"
kind = "themed"
capacity = 10

[[room.session]]
weekly = ["sat"]
start = "19:00"
end = "20:00"

[[room.session]]
weekly = ["sat"]
start = "20:10"
end = "21:00"
"#;

async fn serve_two_sittings(now: &str, tick: Duration) -> (Running, Arc<ManualClock>) {
    serve_ticking(TWO_SITTINGS, now, tick).await
}

#[tokio::test]
async fn keeping_a_sitting_open_never_reaches_into_the_next_one() {
    let (server, clock) = serve_two_sittings("2026-12-05T19:55", Duration::from_millis(10)).await;
    let mut staff = facilitator(&server).await;
    staff.join("yoru").await.unwrap();
    let (mut person, _) = hello(&server, json!({"type":"hello","handle":"よる"})).await;
    person.join("yoru").await.unwrap();
    person.say("yoru", "最初の回の話", "y1").await.unwrap();
    person.recv_type("message").await.unwrap();
    staff
        .send(json!({"type":"facilitate","room":"yoru","action":"extend","minutes":15}))
        .await
        .unwrap();
    // 20:10 at the latest: the next sitting starts then.
    assert_eq!(
        outcome(&mut person).await["closes_at"],
        "2026-12-05T11:10:00Z"
    );
    facilitate(&mut staff, "yoru", "extend").await;
    assert_eq!(staff.recv_error().await.unwrap()["code"], "not_now");
    // 20:10: the first sitting ends — everyone out, its words erased — as the next begins.
    clock.advance(SignedDuration::from_mins(15));
    person.recv_type("closed").await.unwrap();
    let dump = server.app().store.audit_dump().await.unwrap();
    assert!(!dump.contains("最初の回の話"), "{dump}");
    assert_eq!(room_status(&server, "yoru").await["status"], "open");
}

#[tokio::test]
async fn opening_the_next_sitting_early_closes_the_one_before_first() {
    // The timetable looks only once, at start: the facilitator is quicker than its tick.
    let (server, clock) = serve_two_sittings("2026-12-05T19:30", Duration::from_secs(3600)).await;
    let (mut person, _) = hello(&server, json!({"type":"hello","handle":"よる"})).await;
    person.join("yoru").await.unwrap();
    person.say("yoru", "前の回の話", "y1").await.unwrap();
    person.recv_type("message").await.unwrap();
    // 20:00:30: the first sitting is over, but nobody has closed it yet.
    clock.advance(SignedDuration::from_secs(30 * 60 + 30));
    let mut staff = facilitator(&server).await;
    facilitate(&mut staff, "yoru", "open_early").await;
    person.recv_type("closed").await.unwrap();
    let joined = staff.join("yoru").await.unwrap();
    assert_eq!(joined["history"], json!([]), "{joined}");
    let dump = server.app().store.audit_dump().await.unwrap();
    assert!(!dump.contains("前の回の話"), "{dump}");
    assert_eq!(room_status(&server, "yoru").await["status"], "open");
}

#[tokio::test]
async fn the_facilitator_moves_the_agenda_and_everyone_sees_where_it_is() {
    let (server, _) = serve_at("2026-12-05T10:00").await;
    let mut staff = facilitator(&server).await;
    staff.join("mitsukeba").await.unwrap();
    let (mut person, _) = hello(&server, json!({"type":"hello","handle":"なつ"})).await;
    person.join("mitsukeba").await.unwrap();
    facilitate(&mut staff, "mitsukeba", "next_segment").await;
    assert_eq!(
        outcome(&mut person).await,
        room_state("mitsukeba", json!({"segment":1}))
    );
    assert_eq!(
        room_status(&server, "mitsukeba").await["programme"]["current"],
        1
    );
    facilitate(&mut staff, "mitsukeba", "next_segment").await;
    assert_eq!(outcome(&mut person).await["segment"], 2);
    facilitate(&mut staff, "mitsukeba", "next_segment").await;
    assert_eq!(staff.recv_error().await.unwrap()["code"], "not_now");
    facilitate(&mut staff, "mitsukeba", "previous_segment").await;
    assert_eq!(outcome(&mut person).await["segment"], 1);
    // Only from inside the room; and a room without a planned sitting has no end to move.
    let mut other = facilitator_named(&server, "たなか").await;
    facilitate(&mut other, "mitsukeba", "next_segment").await;
    assert_eq!(other.recv_error().await.unwrap()["code"], "not_in_room");
    facilitate(&mut staff, "mitsukeba", "extend").await;
    assert_eq!(staff.recv_error().await.unwrap()["code"], "not_now");
}

async fn facilitator_named(server: &Running, name: &str) -> Client {
    let (client, welcome) = hello(server, staff_hello(name, PASSWORD)).await;
    assert_eq!(welcome["staff"], "counselor", "{welcome}");
    client
}

#[tokio::test]
async fn staff_enter_rooms_for_any_audience_without_the_entry_word() {
    let catalogue = format!(
        "{CATALOGUE}\n[[room]]\nid = \"himitsu\"\ntitle = \"合言葉の部屋\"\ndescription = \"x\"\n\
         kind = \"family\"\nentry_word_hash = \"{}\"\ncapacity = 5\nopen = \"always\"\n",
        cheap_hash("あじさい")
    );
    let clock = Arc::new(ManualClock::new(tokyo("2026-12-05T10:00")));
    let server = serve_catalogue(staff_settings(), clock, &catalogue).await;
    let mut staff = facilitator(&server).await;
    staff.join("himitsu").await.unwrap();
    staff.join("mitsukeba").await.unwrap();
}
