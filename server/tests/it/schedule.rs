//! Scheduled rooms over WebSocket, with an injected clock: a room is upcoming, opens, warns
//! its members, closes — and nothing said in the sitting survives it, in either store.

use std::sync::Arc;
use std::time::Duration;

use ibasho_server::clock::ManualClock;
use jiff::SignedDuration;
use serde_json::json;

use crate::support::{hello, room_status, serve_catalogue, settings, tokyo};

/// A Wednesday-evening room (Tokyo), and the always-open lounge.
const CATALOGUE: &str = concat!(
    "closing_notice_minutes = 5\n",
    ibasho_tests::lounge!(10),
    r#"
[[room]]
id = "evening"
title = "水曜の夜"
description = "水曜 19時〜21時"
kind = "themed"
capacity = 10

[[room.session]]
weekly = ["wed"]
start = "19:00"
end = "21:00"
"#
);

#[tokio::test]
async fn a_sitting_opens_warns_closes_and_leaves_nothing_behind() {
    let clock = Arc::new(ManualClock::new(tokyo("2026-12-02T08:00")));
    let mut settings = settings();
    settings.limits.schedule_tick = Duration::from_millis(10);
    let server = serve_catalogue(settings, clock.clone(), CATALOGUE).await;

    // Wednesday morning: upcoming, and the entrance says when.
    let evening = room_status(&server, "evening").await;
    assert_eq!(evening["status"], "upcoming");
    assert_eq!(evening["opens_at"], "2026-12-02T10:00:00Z");
    let (mut person, _) = hello(&server, Some("よる")).await;
    let join = json!({"type":"join","room":"evening"});
    let refused = person.refusal(join.clone()).await.unwrap();
    assert_eq!(refused["code"], "room_closed");
    assert_eq!(refused["next_open"], "2026-12-02T10:00:00Z");

    // 19:00: open until 21:00.
    clock.advance(SignedDuration::from_hours(11));
    let evening = room_status(&server, "evening").await;
    assert_eq!(evening["status"], "open");
    assert_eq!(evening["closes_at"], "2026-12-02T12:00:00Z");
    let joined = person.join("evening").await.unwrap();
    let epoch = joined["epoch"].clone();
    person.say("evening", "今夜だけの話", "s1").await.unwrap();
    person.recv_type("message").await.unwrap();
    person.join("lounge").await.unwrap();
    person.say("lounge", "ラウンジの話", "l1").await.unwrap();
    person.recv_type("message").await.unwrap();

    // 20:56: the members are told it is closing.
    clock.advance(SignedDuration::from_mins(116));
    let closing = person.recv_type("closing").await.unwrap();
    assert_eq!(
        closing,
        json!({"type":"closing","room":"evening","closes_at":"2026-12-02T12:00:00Z"})
    );
    assert_eq!(room_status(&server, "evening").await["status"], "closing");

    // 21:00: closed; everyone out, everything said erased — in this node and in the store.
    clock.advance(SignedDuration::from_mins(4));
    let closed = person.recv_type("closed").await.unwrap();
    assert_eq!(closed, json!({"type":"closed","room":"evening"}));
    let dump = server.app().store.audit_dump().await.unwrap();
    assert!(
        !dump.contains("今夜だけの話"),
        "the sitting's words survived: {dump}"
    );
    // The always-open lounge keeps its history.
    assert!(dump.contains("ラウンジの話"), "{dump}");
    let evening = room_status(&server, "evening").await;
    assert_eq!(evening["status"], "closed");
    assert_eq!(evening["present"], 0);
    assert_eq!(evening["next_open"], "2026-12-09T10:00:00Z");
    // The person is no longer in it; joining again says when it opens next.
    person.say("evening", "まだいる？", "s2").await.unwrap();
    assert_eq!(person.recv_error().await.unwrap()["code"], "not_in_room");
    let refused = person.refusal(join).await.unwrap();
    assert_eq!(refused["code"], "room_closed");
    assert_eq!(refused["next_open"], "2026-12-09T10:00:00Z");

    // Next week's sitting starts empty, in a new epoch: nothing to recover from the last.
    clock.advance(SignedDuration::from_hours(24 * 7 - 2));
    person
        .send(json!({"type":"join","room":"evening","since":{"epoch": epoch, "offset": 1}}))
        .await
        .unwrap();
    let joined = person.recv_type("joined").await.unwrap();
    assert_eq!(joined["history"], json!([]));
    assert_eq!(joined["recovered"], false);
    assert_ne!(joined["epoch"], epoch);
}

#[tokio::test]
async fn a_sitting_that_ended_while_the_server_was_down_is_erased_at_start() {
    let clock = Arc::new(ManualClock::new(tokyo("2026-12-02T19:30")));
    let mut settings = settings();
    settings.limits.schedule_tick = Duration::from_millis(10);
    let server = serve_catalogue(settings.clone(), clock.clone(), CATALOGUE).await;
    let (mut person, _) = hello(&server, Some("のこす")).await;
    person.join("evening").await.unwrap();
    person.say("evening", "消えるはず", "x").await.unwrap();
    person.recv_type("message").await.unwrap();
    let store = Arc::clone(&server.app().store);
    server.shutdown();
    let _ = server.stopped().await;

    // Another node (same store) starts after the sitting's end: it erases what was left.
    clock.advance(SignedDuration::from_hours(3));
    let catalogue = ibasho_server::catalogue::Catalogue::parse(CATALOGUE, "test").unwrap();
    let again = ibasho_server::start_with(settings, catalogue, Arc::clone(&store), clock)
        .await
        .unwrap();
    let deadline = tokio::time::Instant::now() + ibasho_tests::STEP;
    while store.audit_dump().await.unwrap().contains("消えるはず") {
        assert!(tokio::time::Instant::now() < deadline, "not erased");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    drop(again);
}

#[tokio::test]
async fn the_week_is_published_as_json_and_as_an_icalendar_feed() {
    let clock = Arc::new(ManualClock::new(tokyo("2026-12-01T12:00")));
    let server = serve_catalogue(settings(), clock, CATALOGUE).await;

    let week = crate::http::get_json(server.addr(), "/api/schedule").await;
    let slots = week.as_array().unwrap();
    assert_eq!(slots.len(), 1, "{week}");
    assert_eq!(slots[0]["room"], "evening");
    assert_eq!(slots[0]["starts_at"], "2026-12-02T10:00:00Z");
    assert_eq!(slots[0]["ends_at"], "2026-12-02T12:00:00Z");
    let month = crate::http::get_json(
        server.addr(),
        "/api/schedule?from=2026-12-01T00:00:00%2B09:00&to=2027-01-01T00:00:00%2B09:00",
    )
    .await;
    assert_eq!(month.as_array().unwrap().len(), 5);
    for bad in [
        "/api/schedule?from=yesterday",
        "/api/schedule?from=2026-12-01T00:00:00Z&to=2027-12-01T00:00:00Z",
        "/api/schedule?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z",
    ] {
        let (status, body) = crate::http::get(server.addr(), bad).await;
        assert_eq!(status, 400, "{bad}");
        assert_eq!(body["code"], "bad_request");
    }

    // The feed parses as iCalendar: eight weeks of Wednesdays, with start and end in UTC.
    let (status, text) = crate::http::get_text(server.addr(), "/schedule.ics").await;
    assert_eq!(status, 200);
    let calendar: icalendar::Calendar = text.parse().expect("a valid iCalendar feed");
    let events: Vec<&icalendar::Event> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(events.len(), 8);
    use icalendar::Component as _;
    assert_eq!(events[0].get_summary(), Some("水曜の夜"));
    assert_eq!(
        events[0].property_value("DTSTART"),
        Some("20261202T100000Z")
    );
    assert_eq!(events[0].property_value("DTEND"), Some("20261202T120000Z"));
    let uids: std::collections::BTreeSet<_> = events.iter().filter_map(|e| e.get_uid()).collect();
    assert_eq!(uids.len(), 8, "each sitting has its own stable id");
}

#[tokio::test]
async fn a_programme_shows_its_agenda_and_the_segment_now() {
    let catalogue = format!(
        "{CATALOGUE}{}",
        r#"
[[room]]
id = "mitsukeba"
title = "みつけばルーム"
description = "ピアスタッフと一緒に"
kind = "programme"
capacity = 10

[room.programme]
age_band = "30〜50代"
facilitators = ["なつ"]
agenda = [
  { title = "チェックイン", minutes = 15 },
  { title = "テーマ", minutes = 60, topic = "自分のペース" },
  { title = "チェックアウト", minutes = 15 },
]

[[room.session]]
weekly = ["wed"]
start = "19:00"
end = "20:30"
"#
    );
    let clock = Arc::new(ManualClock::new(tokyo("2026-12-02T18:00")));
    let server = serve_catalogue(settings(), clock.clone(), &catalogue).await;
    let before = room_status(&server, "mitsukeba").await["programme"].clone();
    assert_eq!(before["age_band"], "30〜50代");
    assert_eq!(before["facilitators"], json!(["なつ"]));
    assert_eq!(before["agenda"][1]["topic"], "自分のペース");
    assert!(before.get("current").is_none(), "no segment while closed");
    for (minutes, segment) in [(60, 0), (20, 1), (60, 2)] {
        clock.advance(SignedDuration::from_mins(minutes));
        let programme = &room_status(&server, "mitsukeba").await["programme"];
        assert_eq!(programme["current"], segment, "{minutes}");
    }
}

#[tokio::test]
async fn one_rooms_sittings_have_a_feed_of_their_own() {
    let clock = Arc::new(ManualClock::new(tokyo("2026-12-01T12:00")));
    let catalogue = format!(
        "{CATALOGUE}\n[[room]]\nid = \"morning\"\ntitle = \"木曜の朝\"\ndescription = \"朝\"\n\
         kind = \"themed\"\ncapacity = 10\n\n[[room.session]]\nweekly = [\"thu\"]\n\
         start = \"10:00\"\nend = \"11:00\"\n"
    );
    let server = serve_catalogue(settings(), clock, &catalogue).await;
    use icalendar::Component as _;
    let events_of = |text: &str| -> Vec<(String, String)> {
        let calendar: icalendar::Calendar = text.parse().expect("a valid iCalendar feed");
        calendar
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .map(|e| {
                (
                    e.get_summary().unwrap_or_default().to_owned(),
                    e.property_value("DTSTART").unwrap_or_default().to_owned(),
                )
            })
            .collect()
    };
    let (status, everything) = crate::http::get_text(server.addr(), "/schedule.ics").await;
    assert_eq!(status, 200);
    assert_eq!(events_of(&everything).len(), 16);
    let (status, evening) =
        crate::http::get_text(server.addr(), "/schedule.ics?room=evening").await;
    assert_eq!(status, 200);
    let evening = events_of(&evening);
    assert_eq!(evening.len(), 8);
    assert!(
        evening.iter().all(|(title, _)| title == "水曜の夜"),
        "{evening:?}"
    );
    assert_eq!(evening[0].1, "20261202T100000Z");
    let (_, morning) = crate::http::get_text(server.addr(), "/schedule.ics?room=morning").await;
    let morning = events_of(&morning);
    assert_eq!(morning.len(), 8);
    assert!(morning.iter().all(|(title, _)| title == "木曜の朝"));
    // A room that never closes has no sittings to remind anyone of.
    let (status, lounge) = crate::http::get_text(server.addr(), "/schedule.ics?room=lounge").await;
    assert_eq!(status, 200);
    assert!(events_of(&lounge).is_empty());
    // A room the catalogue does not have (a private room neither) is a typed 404.
    for unknown in ["nowhere", "p-0123456789abcdef"] {
        let (status, body) =
            crate::http::get(server.addr(), &format!("/schedule.ics?room={unknown}")).await;
        assert_eq!(status, 404, "{unknown}");
        assert_eq!(body["type"], "error");
        assert_eq!(body["code"], "no_such_room");
    }
}
