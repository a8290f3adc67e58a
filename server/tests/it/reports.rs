//! Reports that get an answer, and the audit log an administrator reads: a participant
//! reports a message to the staff in the room (never to anyone else), staff resolve it, the
//! reporter hears the outcome exactly once — also after a resume — and the log keeps what
//! staff and automatic protection did as reason codes, never words — in both stores.

use std::sync::Arc;

use ibasho_server::Running;
use ibasho_server::clock::SystemClock;
use ibasho_tests::{Client, QUIET, staff_hello};
use serde_json::{Value, json};

use crate::support::{STAFF_PASSWORD, facilitator, person, serve_catalogue, staff_settings, token};

const CATALOGUE: &str = ibasho_tests::lounge!(50);

async fn server() -> Running {
    serve_catalogue(staff_settings(), Arc::new(SystemClock), CATALOGUE).await
}

fn report(message_id: &Value, reason: &str, note: Option<&str>) -> Value {
    let mut frame =
        json!({"type":"report","room":"lounge","message_id":message_id,"reason":reason});
    if let Some(note) = note {
        frame["note"] = json!(note);
    }
    frame
}

#[tokio::test]
async fn a_report_reaches_staff_only_and_its_outcome_reaches_the_reporter_once() {
    let server = server().await;
    let mut staff = facilitator(&server, "lounge").await;
    let mut author = person(&server, "あらし", "lounge").await;
    let mut reporter = person(&server, "そら", "lounge").await;
    let mut bystander = person(&server, "うみ", "lounge").await;
    let said = author
        .say_and_hear("lounge", "おまえなんかいらない", "a1")
        .await
        .unwrap();
    reporter.recv_type("message").await.unwrap();
    bystander.recv_type("message").await.unwrap();
    reporter
        .send(report(&said["id"], "harassment", Some("こわかった")))
        .await
        .unwrap();
    let received = reporter.recv_type("report_received").await.unwrap();
    let report_id = received["report_id"].clone();
    assert!(report_id.as_str().is_some_and(|id| id.len() >= 16));
    let seen = staff.recv_type("report").await.unwrap();
    assert_eq!(seen["report_id"], report_id);
    assert_eq!(seen["room"], "lounge");
    assert_eq!(seen["message_id"], said["id"]);
    assert_eq!(seen["handle"], "あらし");
    assert_eq!(seen["text"], "おまえなんかいらない");
    assert_eq!(seen["reason"], "harassment");
    assert_eq!(seen["note"], "こわかった");
    assert!(seen["at"].is_string());
    for other in [&mut author, &mut bystander, &mut reporter] {
        other.expect_no_message(QUIET).await.unwrap();
    }
    // Staff who come in while it is unresolved see it too.
    let mut counselor = Client::connect(server.addr()).await.unwrap();
    counselor
        .hello_with(staff_hello("たなか", STAFF_PASSWORD))
        .await
        .unwrap();
    counselor.join("lounge").await.unwrap();
    assert_eq!(
        counselor.recv_type("report").await.unwrap()["report_id"],
        report_id
    );
    staff
        .send(json!({"type":"resolve_report","report_id":report_id,"outcome":"muted"}))
        .await
        .unwrap();
    let outcome = reporter.recv_type("report_outcome").await.unwrap();
    assert_eq!(
        outcome,
        json!({"type":"report_outcome","report_id":report_id,"outcome":"muted"})
    );
    // Exactly once: resolving again tells nobody anything new.
    counselor
        .send(json!({"type":"resolve_report","report_id":report_id,"outcome":"no_action"}))
        .await
        .unwrap();
    reporter.expect_no_message(QUIET).await.unwrap();
    // Resolved: a staff member who comes in now is not shown it.
    let mut late = Client::connect(server.addr()).await.unwrap();
    late.hello_with(staff_hello("すずき", STAFF_PASSWORD))
        .await
        .unwrap();
    late.join("lounge").await.unwrap();
    assert_eq!(late.recv_type("muted").await.unwrap()["members"], json!([]));
    late.expect_no_message(QUIET).await.unwrap();
}

#[tokio::test]
async fn an_outcome_decided_while_the_reporter_was_away_is_told_on_resume_once() {
    let server = server().await;
    let mut staff = facilitator(&server, "lounge").await;
    let mut author = person(&server, "あらし", "lounge").await;
    let (mut reporter, welcome) = Client::greeted(server.addr(), Some("そら")).await.unwrap();
    reporter.join("lounge").await.unwrap();
    let said = author
        .say_and_hear("lounge", "スパムです", "a1")
        .await
        .unwrap();
    reporter
        .send(report(&said["id"], "spam", None))
        .await
        .unwrap();
    let report_id = reporter.recv_type("report_received").await.unwrap()["report_id"].clone();
    staff.recv_type("report").await.unwrap();
    reporter.drop_connection();
    staff
        .send(json!({"type":"resolve_report","report_id":report_id,"outcome":"message_deleted"}))
        .await
        .unwrap();
    staff.expect_no_message(QUIET).await.unwrap();
    let (mut back, _) = Client::resumed(server.addr(), &token(&welcome))
        .await
        .unwrap();
    let outcome = back.recv_type("report_outcome").await.unwrap();
    assert_eq!(outcome["outcome"], "message_deleted");
    back.drop_connection();
    let (mut again, _) = Client::resumed(server.addr(), &token(&welcome))
        .await
        .unwrap();
    again.recv_type("joined").await.unwrap();
    again.expect_no_message(QUIET).await.unwrap();
}

#[tokio::test]
async fn bad_reports_and_resolutions_get_typed_errors() {
    let server = server().await;
    let mut staff = facilitator(&server, "lounge").await;
    let mut someone = person(&server, "そら", "lounge").await;
    let said = staff
        .say_and_hear("lounge", "ようこそ", "s1")
        .await
        .unwrap();
    someone.recv_type("message").await.unwrap();
    for (frame, code) in [
        (report(&json!("999"), "spam", None), "no_such_message"),
        (report(&said["id"], "rude", None), "bad_request"),
        (
            report(&said["id"], "other", Some(&"長".repeat(301))),
            "too_long",
        ),
        (
            json!({"type":"resolve_report","report_id":"abc","outcome":"no_action"}),
            "forbidden",
        ),
    ] {
        let refused = someone.refusal(frame.clone()).await.unwrap();
        assert_eq!(refused["code"], code, "{frame}: {refused}");
    }
    let refused = staff
        .refusal(json!({"type":"resolve_report","report_id":"abc","outcome":"no_action"}))
        .await
        .unwrap();
    assert_eq!(refused["code"], "no_such_report");
    let refused = staff
        .refusal(json!({"type":"resolve_report","report_id":"abc","outcome":"banned"}))
        .await
        .unwrap();
    assert_eq!(refused["code"], "bad_request");
}

/// GET /api/audit with a bearer token (or none).
async fn audit(server: &Running, bearer: Option<&str>, query: &str) -> (u16, Value) {
    let header = bearer.map_or_else(String::new, |token| {
        format!("Authorization: Bearer {token}\r\n")
    });
    let response = ibasho_tests::http::get(server.addr(), &format!("/api/audit{query}"), &header)
        .await
        .unwrap();
    let body = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
    (response.status, body)
}

#[tokio::test]
async fn the_audit_log_keeps_actions_as_codes_and_only_an_admin_reads_it() {
    let server = server().await;
    let mut staff = facilitator(&server, "lounge").await;
    let mut author = person(&server, "あらし", "lounge").await;
    let mut reporter = person(&server, "そら", "lounge").await;
    let said = author
        .say_and_hear("lounge", "ひみつのことば", "a1")
        .await
        .unwrap();
    reporter.recv_type("message").await.unwrap();
    reporter
        .send(report(&said["id"], "harassment", Some("メモの中身")))
        .await
        .unwrap();
    reporter.recv_type("report_received").await.unwrap();
    reporter
        .send(report(&said["id"], "self_harm", None))
        .await
        .unwrap();
    reporter.recv_type("report_received").await.unwrap();
    // Automatic verdicts: a block and crisis language.
    author
        .refusal(json!({"type":"say","room":"lounge","text":"ばかやろう","client_id":"a2"}))
        .await
        .unwrap();
    author
        .send(json!({"type":"say","room":"lounge","text":"しにたい","client_id":"a3"}))
        .await
        .unwrap();
    author.recv_type("support").await.unwrap();
    staff
        .send(json!({"type":"moderate","room":"lounge","action":"mute","handle":"あらし"}))
        .await
        .unwrap();
    author.recv_type("sanction").await.unwrap();

    let mut admin = Client::connect(server.addr()).await.unwrap();
    let welcome = admin
        .hello_with(staff_hello("すずき", STAFF_PASSWORD))
        .await
        .unwrap();
    let (status, entries) = audit(&server, Some(token(&welcome).as_str()), "").await;
    assert_eq!(status, 200, "{entries}");
    let entries = entries.as_array().unwrap().clone();
    let find = |action: &str| -> Vec<Value> {
        entries
            .iter()
            .filter(|entry| entry["action"] == action)
            .cloned()
            .collect()
    };
    let sign_ins: Vec<Value> = find("sign_in");
    assert!(
        sign_ins
            .iter()
            .any(|e| e["actor"] == "ひかり" && e.get("room").is_none())
    );
    assert!(sign_ins.iter().any(|e| e["actor"] == "すずき"));
    let reports = find("report");
    assert_eq!(reports.len(), 2, "{entries:?}");
    let harassment = reports
        .iter()
        .find(|e| e["reason"] == "harassment")
        .unwrap();
    assert_eq!(harassment["actor"], "participant");
    assert_eq!(harassment["target"], "あらし");
    assert_eq!(harassment["room"], "lounge");
    let self_harm = reports.iter().find(|e| e["reason"] == "self_harm").unwrap();
    assert!(self_harm.get("target").is_none(), "{self_harm}");
    let block = &find("block")[0];
    assert_eq!(
        (&block["actor"], &block["reason"]),
        (&json!("system"), &json!("abuse"))
    );
    assert!(block.get("target").is_none());
    let crisis = &find("crisis")[0];
    assert_eq!(crisis["actor"], "system");
    assert!(
        crisis.get("target").is_none(),
        "a crisis never names anyone"
    );
    let mute = &find("mute")[0];
    assert_eq!(
        (&mute["actor"], &mute["target"]),
        (&json!("ひかり"), &json!("あらし"))
    );
    let text = serde_json::to_string(&entries).unwrap();
    for words in [
        "ひみつのことば",
        "メモの中身",
        "しにたい",
        "ばかやろう",
        "ファシリテーター",
    ] {
        assert!(!text.contains(words), "the audit log holds {words:?}");
    }
    // A window.
    let (status, none) = audit(
        &server,
        Some(token(&welcome).as_str()),
        "?to=2000-01-01T00:00:00Z",
    )
    .await;
    assert_eq!((status, none), (200, json!([])));
    let (status, _) = audit(&server, Some(token(&welcome).as_str()), "?from=yesterday").await;
    assert_eq!(status, 400);

    // Nobody else.
    assert_eq!(audit(&server, None, "").await.0, 401);
    assert_eq!(audit(&server, Some("not-a-session"), "").await.0, 401);
    let (_, participant) = Client::greeted(server.addr(), Some("だれか"))
        .await
        .unwrap();
    assert_eq!(
        audit(&server, Some(token(&participant).as_str()), "")
            .await
            .0,
        401
    );
    let mut facilitator_again = Client::connect(server.addr()).await.unwrap();
    let staff_welcome = facilitator_again
        .hello_with(staff_hello("ひかり", STAFF_PASSWORD))
        .await
        .unwrap();
    assert_eq!(
        audit(&server, Some(token(&staff_welcome).as_str()), "")
            .await
            .0,
        403
    );
}
