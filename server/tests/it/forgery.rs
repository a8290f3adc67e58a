//! A participant who forges what only staff may send, with the real ids of someone else's
//! case (as if they had leaked), and handles made to pass for staff with other code points:
//! every one refused with a typed error, the connection kept, and nothing changed.

use ibasho_tests::{Client, QUIET};
use serde_json::json;

use crate::counsel_desks::{asks, kept, on_duty, ward};

#[tokio::test]
async fn a_participant_forging_every_staff_frame_is_refused_and_changes_nothing() {
    let server = ward().await;
    let (mut tanaka, _) = on_duty(&server, "たなか").await;
    let (mut aoi, waiting) = asks(
        &server,
        "あおい",
        json!({"about":"self","age_band":"15-39"}),
        "waiting",
    )
    .await;
    let id = waiting["escalation_id"].as_str().unwrap().to_owned();
    tanaka
        .send(json!({"type":"claim","escalation_id": id}))
        .await
        .unwrap();
    kept(&mut tanaka, "case").await;
    let connected = aoi.escalation_in("connected").await.unwrap();
    let case_room = connected["room"].as_str().unwrap().to_owned();
    let record = async || -> serde_json::Value {
        let stored = server.app().store.escalation(&id).await.unwrap().unwrap();
        serde_json::from_str(&stored).unwrap()
    };
    let before = record().await;

    let mut forger = Client::member(server.addr(), "まねっこ", "lounge")
        .await
        .unwrap();
    let forged = [
        json!({"type":"facilitate","room":"lounge","action":"start_round"}),
        json!({"type":"facilitate","room":"lounge","action":"extend","minutes":60}),
        json!({"type":"moderate","room":"lounge","action":"slow_mode","seconds":60}),
        json!({"type":"moderate","room":"lounge","action":"mute","handle":"あおい","minutes":60}),
        json!({"type":"moderate","room":"lounge","action":"remove","handle":"あおい"}),
        json!({"type":"moderate","room":"lounge","action":"topic","text":"<b>公式</b>"}),
        json!({"type":"dismiss_alert","alert_id":"a-1"}),
        json!({"type":"resolve_report","report_id":"r-1","outcome":"no_action"}),
        json!({"type":"escalate","room":"lounge","handle":"あおい","urgency":"urgent"}),
        json!({"type":"duty","on":true}),
        json!({"type":"claim","escalation_id": id}),
        json!({"type":"hand_over","escalation_id": id}),
        json!({"type":"end_case","escalation_id": id,"outcome":"talked"}),
        json!({"type":"transfer","escalation_id": id,"desk":"general","note":"偽の申し送り"}),
        json!({"type":"observe","escalation_id": id}),
        json!({"type":"whisper","escalation_id": id,"text":"こっそり"}),
        json!({"type":"ask_supervisor","escalation_id": id}),
        json!({"type":"join","room": case_room}),
    ];
    for frame in forged {
        let refusal = forger.refusal(frame.clone()).await.unwrap();
        let code = refusal["code"].as_str().unwrap();
        assert!(
            ["forbidden", "no_such_escalation", "no_such_room"].contains(&code),
            "{frame} → {refusal}"
        );
    }

    // Nothing changed: the case is たなか's, at its desk, with nobody observing and no note;
    // neither she nor the person heard of any of it.
    let after = record().await;
    for field in [
        "case",
        "desk",
        "observer",
        "note",
        "help_asked",
        "transferred_by",
    ] {
        assert_eq!(after[field], before[field], "{field}");
    }
    assert_eq!(after["desk"], "youth");
    assert!(after["observer"].is_null() && after["help_asked"].is_null());
    for received in tanaka.everything_received(QUIET).await {
        assert!(
            !received.contains("こっそり") && !received.contains("偽の"),
            "{received}"
        );
        assert!(!received.contains("\"supervisor_call\""), "{received}");
    }
    for received in aoi.everything_received(QUIET).await {
        assert!(!received.contains("\"observer\""), "{received}");
        assert!(!received.contains("\"transferred\":true"), "{received}");
    }
    // The forger's connection is still theirs.
    forger
        .say_and_hear("lounge", "まだいます", "c1")
        .await
        .unwrap();
}

#[tokio::test]
async fn handles_made_to_pass_for_staff_with_other_code_points_are_refused() {
    let server = ward().await;
    // たなか is on duty: her handle says her title, which nobody else may write, however
    // it is spelled.
    let (_tanaka, _) = on_duty(&server, "たなか").await;
    for handle in [
        "相談員",
        "たなか（相談員）",
        "たなか(ｿｳﾀﾞﾝｲﾝ)",
        "たなか（ソウダンイン）",
        "たなか（相\u{200b}談員）",
        "たなか（相 談 員）",
        "ｽﾀｯﾌ",
        "ス・タ・ッ・フ",
        "すたっふのたなか",
        "ѕtaff",        // a Cyrillic dze for the s
        "ＳＴＡＦＦ",   // full-width
        "st\u{0430}ff", // a Cyrillic a
        "c\u{043e}unselor",
        "supervis0r",
        "居場所スタッフ",
    ] {
        let mut client = Client::connect(server.addr()).await.unwrap();
        let frame = json!({"type":"hello","handle": handle});
        client.send(frame).await.unwrap();
        let answer = client.recv().await.unwrap();
        assert_eq!(answer["code"], "handle_invalid", "{handle}: {answer}");
        // A plain handle still works on the same connection.
        client.hello(Some("なまえ")).await.unwrap();
    }
}

/// An administrator's bearer token opens the admin API only while their session lives: once
/// it has ended, the same token (replayed, or stolen from a log or a proxy) is refused.
#[tokio::test]
async fn a_staff_bearer_token_replayed_after_its_session_ended_is_refused() {
    let server = crate::support::serve(crate::support::staff_settings()).await;
    let mut admin = Client::connect(server.addr()).await.unwrap();
    let welcome = admin
        .hello_with(ibasho_tests::staff_hello(
            "すずき",
            crate::support::STAFF_PASSWORD,
        ))
        .await
        .unwrap();
    let bearer = crate::support::token(&welcome);
    let get = async |path: &str| {
        let header = format!("Authorization: Bearer {bearer}\r\n");
        ibasho_tests::http::get(server.addr(), path, &header)
            .await
            .unwrap()
    };
    for path in ["/api/figures", "/api/audit"] {
        assert_eq!(get(path).await.status, 200, "{path} while signed in");
    }
    // The administrator leaves (a close frame ends the session at once).
    admin.close().await.unwrap();
    let deadline = tokio::time::Instant::now() + ibasho_tests::STEP;
    while server.app().hub.session_count() > 0 {
        assert!(tokio::time::Instant::now() < deadline, "the session stayed");
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    for path in ["/api/figures", "/api/audit", "/api/voice"] {
        let response = get(path).await;
        assert_eq!(response.status, 401, "{path} after the session ended");
        let body: serde_json::Value = serde_json::from_str(&response.text()).unwrap();
        assert_eq!(body["code"], "forbidden", "{path}: {body}");
    }
    // Nor does it resume the session on a socket.
    let mut replay = Client::connect(server.addr()).await.unwrap();
    let answer = replay.resume(&bearer).await.unwrap();
    assert_ne!(answer["resumed"], true, "{answer}");
}
