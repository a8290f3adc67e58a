//! Automatic protection, as a client meets it: listed words refused (and never stored) or
//! flagged to staff, personal information held back until its writer confirms, crisis
//! language delivered with help lines for its writer alone and an alert for staff, and the
//! same words a third time in a minute refused — in both stores.

use std::collections::HashMap;
use std::sync::Arc;

use ibasho_server::Running;
use ibasho_server::clock::SystemClock;
use ibasho_server::protection::Protection;
use ibasho_server::settings::Limits;
use ibasho_tests::{Client, QUIET, history_texts};
use serde_json::{Value, json};

use crate::support::{facilitator, person, say_frame, serve_catalogue, staff_settings};

/// The lounge with the defaults, a room without word lists, one that refuses personal
/// information outright and one that lets it through.
const CATALOGUE: &str = concat!(
    ibasho_tests::lounge!(50),
    r#"
[[room]]
id = "free"
title = "フリー"
description = "フィルターなし"
kind = "themed"
capacity = 50
open = "always"
filters = false

[[room]]
id = "strict"
title = "きびしめ"
description = "連絡先は送れない"
kind = "themed"
capacity = 50
open = "always"
personal_info = "block"

[[room]]
id = "trusted"
title = "信頼"
description = "連絡先も送れる"
kind = "themed"
capacity = 50
open = "always"
personal_info = "allow"
"#
);

async fn server() -> Running {
    server_with(Protection::default()).await
}

async fn server_with(protection: Protection) -> Running {
    let mut settings = staff_settings();
    settings.protection = Arc::new(protection);
    settings.limits.repeats_per_minute = Limits::default().repeats_per_minute;
    serve_catalogue(settings, Arc::new(SystemClock), CATALOGUE).await
}

/// Reads frames until one of each of `kinds` has arrived (in any order), and returns them by
/// type; presence updates and other frames in between are skipped.
async fn frames(client: &mut Client, kinds: &[&str]) -> HashMap<String, Value> {
    let mut seen = HashMap::new();
    while kinds.iter().any(|kind| !seen.contains_key(*kind)) {
        let frame = client.recv().await.unwrap();
        let kind = frame["type"].as_str().unwrap_or_default().to_owned();
        if kinds.contains(&kind.as_str()) {
            seen.entry(kind).or_insert(frame);
        }
    }
    seen
}

#[tokio::test]
async fn a_listed_word_is_refused_kindly_with_its_reason_and_never_stored() {
    let server = server().await;
    let mut writer = person(&server, "かぜ", "lounge").await;
    let mut listener = person(&server, "そら", "lounge").await;
    let refused = writer
        .refusal(say_frame("lounge", "ば か や ろ ー", "c1"))
        .await
        .unwrap();
    assert_eq!(refused["code"], "blocked", "{refused}");
    assert_eq!(refused["reason"], "abuse");
    assert_eq!(refused["client_id"], "c1");
    assert_eq!(refused["room"], "lounge");
    assert!(refused["message"].as_str().unwrap().contains("言い方"));
    listener.expect_no_message(QUIET).await.unwrap();
    let mut late = Client::greeted(server.addr(), Some("おそく"))
        .await
        .unwrap()
        .0;
    assert_eq!(
        history_texts(&late.join("lounge").await.unwrap()),
        Vec::<String>::new()
    );
    let held = server.app().store.audit_dump().await.unwrap();
    assert!(
        !held.contains("ば か や ろ ー"),
        "a blocked text was stored"
    );
    // The writer can go on talking.
    writer
        .say_and_hear("lounge", "ごめんなさい", "c2")
        .await
        .unwrap();
}

#[tokio::test]
async fn personal_information_waits_for_its_writer_to_confirm() {
    let server = server().await;
    let mut writer = person(&server, "かぜ", "lounge").await;
    let mut listener = person(&server, "そら", "lounge").await;
    let refused = writer
        .refusal(say_frame("lounge", "電話して 090-1234-5678", "c1"))
        .await
        .unwrap();
    assert_eq!(refused["code"], "personal_info", "{refused}");
    assert_eq!(refused["kinds"], json!(["phone"]));
    assert_eq!(refused["client_id"], "c1");
    listener.expect_no_message(QUIET).await.unwrap();
    let mut confirmed = say_frame("lounge", "電話して 090-1234-5678", "c1");
    confirmed["confirm_personal_info"] = json!(true);
    writer.send(confirmed).await.unwrap();
    let heard = listener.recv_type("message").await.unwrap();
    assert_eq!(heard["text"], "電話して 090-1234-5678");
    let refused = writer
        .refusal(say_frame(
            "lounge",
            "mail: me@example.com / LINE: kaze_1234",
            "c3",
        ))
        .await
        .unwrap();
    assert_eq!(refused["kinds"], json!(["email", "sns_id"]), "{refused}");
}

#[tokio::test]
async fn a_room_decides_whether_personal_information_is_refused_or_allowed() {
    let server = server().await;
    let mut strict = person(&server, "かぜ", "strict").await;
    let mut confirmed = say_frame("strict", "〒154-0004 です", "c1");
    confirmed["confirm_personal_info"] = json!(true);
    let refused = strict.refusal(confirmed).await.unwrap();
    assert_eq!(refused["code"], "personal_info");
    assert_eq!(refused["kinds"], json!(["postal_code"]));
    assert!(refused["message"].as_str().unwrap().contains("送れません"));
    let mut trusted = person(&server, "そら", "trusted").await;
    trusted
        .say_and_hear("trusted", "〒154-0004 です", "c1")
        .await
        .unwrap();
}

#[tokio::test]
async fn crisis_language_is_heard_and_only_its_writer_is_shown_help() {
    let server = server().await;
    let mut staff = facilitator(&server, "lounge").await;
    let mut writer = person(&server, "かぜ", "lounge").await;
    let mut listener = person(&server, "そら", "lounge").await;
    writer.say("lounge", "もう　しにたい", "c1").await.unwrap();
    let mine = frames(&mut writer, &["message", "support"]).await;
    assert_eq!(
        mine["message"]["text"], "もう　しにたい",
        "delivered as written"
    );
    let support = &mine["support"];
    assert_eq!(support["room"], "lounge");
    let lines = support["lines"].as_array().unwrap();
    assert!(lines.len() >= 3, "{support}");
    for line in lines {
        assert!(line["name"].is_string() && line["hours"].is_string());
        assert!(
            line["number"].is_string() || line["url"].is_string(),
            "{line}"
        );
        assert!(line["open_now"].is_boolean());
    }
    assert!(
        lines.iter().any(|line| line["open_now"] == true),
        "a line open around the clock is always open"
    );
    let heard = listener.recv_type("message").await.unwrap();
    assert_eq!(heard["text"], "もう　しにたい");
    listener.expect_no_message(QUIET).await.unwrap();
    let alert = staff.recv_type("alert").await.unwrap();
    assert!(
        alert["alert_id"].is_string() && alert["at"].is_string(),
        "{alert}"
    );
    assert_eq!(
        alert,
        json!({"type":"alert","room":"lounge","message_id":heard["id"],"reason":"crisis",
            "handle":"かぜ","alert_id":alert["alert_id"],"at":alert["at"]})
    );
    // Crisis language is never refused, whatever else it says, nor as a repetition.
    for n in 0..3 {
        writer
            .say("lounge", "死にたい、ばかやろう", &format!("r{n}"))
            .await
            .unwrap();
        frames(&mut writer, &["message", "support"]).await;
    }
}

#[tokio::test]
async fn flagged_and_trial_words_are_delivered_and_staff_alone_are_alerted() {
    let server = server().await;
    let mut staff = facilitator(&server, "lounge").await;
    let mut writer = person(&server, "かぜ", "lounge").await;
    let mut listener = person(&server, "そら", "lounge").await;
    let said = writer
        .say_and_hear("lounge", "副業でかんたんに稼げるよ", "c1")
        .await
        .unwrap();
    let alert = staff.recv_type("alert").await.unwrap();
    assert_eq!(alert["reason"], "flagged");
    assert_eq!(alert["rule"], "solicitation");
    assert_eq!(alert["message_id"], said["id"]);
    writer
        .say_and_hear("lounge", "それは甘えだと思う", "c2")
        .await
        .unwrap();
    let alert = staff.recv_type("alert").await.unwrap();
    assert_eq!(alert["reason"], "trial");
    assert_eq!(alert["rule"], "dismissive");
    listener.recv_type("message").await.unwrap();
    listener.recv_type("message").await.unwrap();
    listener.expect_no_message(QUIET).await.unwrap();
    writer.expect_no_message(QUIET).await.unwrap();
}

#[tokio::test]
async fn the_same_words_a_third_time_in_a_minute_are_refused() {
    let server = server().await;
    let mut writer = person(&server, "かぜ", "lounge").await;
    writer
        .say_and_hear("lounge", "おはよう", "c1")
        .await
        .unwrap();
    writer
        .say_and_hear("lounge", "オハヨー", "c2")
        .await
        .unwrap();
    let refused = writer
        .refusal(say_frame("lounge", "お は よ う", "c3"))
        .await
        .unwrap();
    assert_eq!(refused["code"], "repeated", "{refused}");
    assert_eq!(refused["client_id"], "c3");
    writer
        .say_and_hear("lounge", "こんにちは", "c4")
        .await
        .unwrap();
}

#[tokio::test]
async fn a_room_without_filters_lets_listed_words_through_but_still_cares() {
    let server = server().await;
    let mut staff = facilitator(&server, "free").await;
    let mut writer = person(&server, "かぜ", "free").await;
    writer
        .say_and_hear("free", "ばかやろう", "c1")
        .await
        .unwrap();
    writer
        .send(say_frame("free", "消えたい", "c2"))
        .await
        .unwrap();
    frames(&mut writer, &["message", "support"]).await;
    assert_eq!(staff.recv_type("alert").await.unwrap()["reason"], "crisis");
    let refused = writer
        .refusal(say_frame("free", "090-1234-5678", "c3"))
        .await
        .unwrap();
    assert_eq!(refused["code"], "personal_info");
}

#[tokio::test]
async fn a_word_list_file_replaces_the_shipped_lists() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("moderation.toml");
    std::fs::write(
        &file,
        "[[rule]]\naction = \"block\"\nreason = \"fruit\"\nwords = [\"りんご\"]\n",
    )
    .unwrap();
    let server = server_with(Protection::load(Some(&file), None).unwrap()).await;
    let mut writer = person(&server, "かぜ", "lounge").await;
    let refused = writer
        .refusal(say_frame("lounge", "リンゴ", "c1"))
        .await
        .unwrap();
    assert_eq!(refused["reason"], "fruit");
    writer
        .say_and_hear("lounge", "ばかやろう", "c2")
        .await
        .unwrap();
    writer
        .send(say_frame("lounge", "死にたい", "c3"))
        .await
        .unwrap();
    frames(&mut writer, &["message", "support"]).await;
}
