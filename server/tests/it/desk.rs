//! The staff desk as staff meet it: alerts kept for staff who come in later until one of
//! them dismisses it (for every desk), naming the message's writer; and who is muted in the
//! room, for staff alone — in both stores.

use ibasho_server::Running;
use ibasho_tests::{Client, QUIET, staff_hello};
use serde_json::{Value, json};

use crate::support::{STAFF_PASSWORD, facilitator, person, redis_run, serve, staff_settings};

/// The staff member `name` of the staff file, in `room`.
async fn staff_in(server: &Running, name: &str, room: &str) -> Client {
    let mut client = Client::connect(server.addr()).await.unwrap();
    client
        .hello_with(staff_hello(name, STAFF_PASSWORD))
        .await
        .unwrap();
    client.join(room).await.unwrap();
    client
}

/// What the nodes told each other (Redis's bus; nothing in memory): a handle there would
/// stay until the stream is trimmed, past every erasure.
async fn bus(server: &Running) -> String {
    let dump = server.app().store.audit_dump().await.unwrap();
    let bus = dump
        .lines()
        .filter(|line| line.split(' ').next().unwrap_or_default().ends_with(":bus"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!redis_run() || !bus.is_empty(), "no bus found in {dump}");
    bus
}

/// The frames `client` gets within a quiet spell, presence left out.
async fn frames_for_a_while(client: &mut Client) -> Vec<Value> {
    let mut frames = Vec::new();
    while let Ok(frame) = client.recv_within(QUIET).await {
        if frame["type"] != "presence" {
            frames.push(frame);
        }
    }
    frames
}

#[tokio::test]
async fn an_alert_raised_before_staff_came_reaches_them_until_one_dismisses_it() {
    let server = serve(staff_settings()).await;
    let mut writer = person(&server, "かぜ", "lounge").await;
    writer.say("lounge", "もう死にたい", "c1").await.unwrap();
    let said = writer.recv_type("message").await.unwrap();

    // Nobody on staff was in the room: the alert waits for them, naming who wrote what.
    let mut hikari = facilitator(&server, "lounge").await;
    let alert = hikari.recv_type("alert").await.unwrap();
    assert_eq!(alert["reason"], "crisis");
    assert_eq!(alert["message_id"], said["id"]);
    assert_eq!(alert["handle"], "かぜ");
    assert!(alert["at"].is_string(), "{alert}");
    assert!(alert.get("text").is_none(), "never the words: {alert}");
    let id = alert["alert_id"].as_str().unwrap().to_owned();
    // The nodes heard of it by its id alone.
    let told = bus(&server).await;
    assert!(
        !told.contains("かぜ") && !told.contains("消えたい"),
        "{told}"
    );
    let mut suzuki = staff_in(&server, "すずき", "lounge").await;
    assert_eq!(suzuki.recv_type("alert").await.unwrap()["alert_id"], id);

    // Only staff may dismiss it; once dismissed, it leaves every desk.
    let refused = writer
        .refusal(json!({"type":"dismiss_alert","alert_id": id}))
        .await
        .unwrap();
    assert_eq!(refused["code"], "forbidden");
    hikari
        .send(json!({"type":"dismiss_alert","alert_id": id}))
        .await
        .unwrap();
    for desk in [&mut hikari, &mut suzuki] {
        assert_eq!(
            desk.recv_type("alert_dismissed").await.unwrap(),
            json!({"type":"alert_dismissed","room":"lounge","alert_id": id})
        );
    }
    // Dismissing it again does nothing (someone else was quicker).
    suzuki
        .send(json!({"type":"dismiss_alert","alert_id": id}))
        .await
        .unwrap();
    assert!(
        frames_for_a_while(&mut suzuki)
            .await
            .iter()
            .all(|frame| frame["type"] != "error" && frame["type"] != "alert_dismissed")
    );
    // Staff who come in now are not shown it again.
    let mut tanaka = staff_in(&server, "たなか", "lounge").await;
    let frames = frames_for_a_while(&mut tanaka).await;
    assert!(
        frames.iter().all(|frame| frame["type"] != "alert"),
        "{frames:?}"
    );
    // The log says who dismissed one, never about whom.
    let entries = server.app().hub.audit_entries(None, None).await.unwrap();
    let dismissed: Vec<_> = entries
        .iter()
        .filter(|entry| entry.action == "dismiss_alert")
        .collect();
    assert_eq!(dismissed.len(), 1);
    assert_eq!(dismissed[0].actor, "ひかり");
    assert_eq!(dismissed[0].target, None);
    // A participant never hears of alerts.
    let frames = frames_for_a_while(&mut writer).await;
    assert!(
        frames
            .iter()
            .all(|frame| !frame["type"].as_str().unwrap().starts_with("alert")),
        "{frames:?}"
    );
}

#[tokio::test]
async fn staff_see_who_is_muted_and_lift_it_and_nobody_else_does() {
    let server = serve(staff_settings()).await;
    let mut hikari = facilitator(&server, "lounge").await;
    assert_eq!(
        hikari.recv_type("muted").await.unwrap(),
        json!({"type":"muted","room":"lounge","members":[]})
    );
    let mut kaze = person(&server, "かぜ", "lounge").await;
    let mut sora = person(&server, "そら", "lounge").await;
    hikari
        .send(
            json!({"type":"moderate","room":"lounge","action":"mute","handle":"かぜ","minutes":10}),
        )
        .await
        .unwrap();
    let muted = hikari.recv_type("muted").await.unwrap();
    let members = muted["members"].as_array().unwrap();
    assert_eq!(members.len(), 1, "{muted}");
    assert_eq!(members[0]["handle"], "かぜ");
    assert!(members[0]["until"].is_string());
    assert_eq!(kaze.recv_type("sanction").await.unwrap()["kind"], "muted");
    // Every desk read who is muted from the store: the bus never named them.
    let told = bus(&server).await;
    assert!(!told.contains("かぜ"), "{told}");
    // Staff who come in later see it too.
    let mut suzuki = staff_in(&server, "すずき", "lounge").await;
    assert_eq!(
        suzuki.recv_type("muted").await.unwrap()["members"],
        muted["members"]
    );
    // Lifted: the list is empty again for every desk.
    hikari
        .send(json!({"type":"moderate","room":"lounge","action":"unmute","handle":"かぜ"}))
        .await
        .unwrap();
    for desk in [&mut hikari, &mut suzuki] {
        assert_eq!(desk.recv_type("muted").await.unwrap()["members"], json!([]));
    }
    // Nobody but staff hears who is muted.
    for person in [&mut kaze, &mut sora] {
        let frames = frames_for_a_while(person).await;
        assert!(
            frames.iter().all(|frame| frame["type"] != "muted"),
            "{frames:?}"
        );
    }
}
