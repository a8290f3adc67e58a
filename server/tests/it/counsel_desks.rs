//! One door, several agencies (on the store of this run: memory, or Redis with
//! `IBASHO_TEST_STORE=redis`): requests routed to a desk by the person's optional answers, a
//! desk with nobody on duty, a transfer that keeps what the person shared and whose note only
//! the receiving desk sees, and a supervisor who observes with the person's knowledge,
//! whispers with the counselor, leaves when asked and never comes back to that case.

use std::sync::Arc;
use std::time::Duration;

use ibasho_server::Running;
use ibasho_server::catalogue::Catalogue;
use ibasho_server::clock::SystemClock;
use ibasho_server::staff::StaffAccounts;
use ibasho_tests::{Client, QUIET, staff_hello};
use serde_json::{Value, json};

use crate::support::{STAFF_PASSWORD, serve_catalogue, settings};

/// The lounge, and a family room that is always open.
const CATALOGUE: &str = concat!(
    ibasho_tests::lounge!(100),
    r#"
[[room]]
id = "kazoku"
title = "家族のへや"
description = "家族の方"
kind = "family"
capacity = 10
open = "always"
"#
);

/// A ward's desks: a youth desk, a family desk nobody serves (with duty hours), a general
/// desk. たなか serves the youth desk, やまだ and いとう the general desk; さとう and すぎ
/// supervise; ひかり facilitates.
pub(crate) fn desks_file() -> String {
    let hash = crate::entry_word::cheap_hash(STAFF_PASSWORD);
    format!(
        r#"
[[desk]]
id = "youth"
name = "若者の相談（15〜39歳）"
name_en = "Youth (15-39)"
ages = ["15-39"]
[[desk.reply]]
title = "はじめに"
text = "こんにちは。ゆっくりで大丈夫です。"

[[desk]]
id = "family"
name = "ご家族の相談"
about = ["family"]
duty_hours = ["Mon-Sun 09:00-10:00"]

[[desk]]
id = "general"
name = "総合相談"

[[staff]]
name = "たなか"
role = "counselor"
desks = ["youth"]
password_hash = "{hash}"

[[staff]]
name = "やまだ"
role = "counselor"
desks = ["general"]
password_hash = "{hash}"

[[staff]]
name = "いとう"
role = "counselor"
desks = ["general"]
password_hash = "{hash}"

[[staff]]
name = "さとう"
role = "supervisor"
password_hash = "{hash}"

[[staff]]
name = "すぎ"
role = "supervisor"
password_hash = "{hash}"

[[staff]]
name = "ひかり"
role = "facilitator"
password_hash = "{hash}"
"#
    )
}

pub(crate) async fn ward() -> Running {
    let mut settings = settings();
    settings.staff =
        Arc::new(StaffAccounts::parse(&desks_file(), "staff.toml").expect("the desks file"));
    assert!(Catalogue::parse(CATALOGUE, "desks catalogue").is_ok());
    serve_catalogue(settings, Arc::new(SystemClock), CATALOGUE).await
}

/// A counselor or supervisor signed in and on duty, with the `desks` frame they were sent.
pub(crate) async fn on_duty(server: &Running, name: &str) -> (Client, Value) {
    let mut client = Client::connect(server.addr()).await.unwrap();
    client
        .hello_with(staff_hello(name, STAFF_PASSWORD))
        .await
        .unwrap();
    client.send(json!({"type":"duty","on":true})).await.unwrap();
    let desks = kept(&mut client, "desks").await;
    (client, desks)
}

/// Like [`on_duty`], with the session's token instead of the desks.
async fn signed_in(server: &Running, name: &str) -> (Client, String) {
    let mut client = Client::connect(server.addr()).await.unwrap();
    let welcome = client
        .hello_with(staff_hello(name, STAFF_PASSWORD))
        .await
        .unwrap();
    client.send(json!({"type":"duty","on":true})).await.unwrap();
    kept(&mut client, "desks").await;
    (client, welcome["session"].as_str().unwrap().to_owned())
}

/// The first frame of type `kind` (others are kept for later).
pub(crate) async fn kept(client: &mut Client, kind: &str) -> Value {
    client.recv_kept(kind, |_| true).await.unwrap()
}

/// Someone in the lobby who asks for a counselor with `fields` and gets an `escalation`
/// frame in `state`.
pub(crate) async fn asks(
    server: &Running,
    handle: &str,
    fields: Value,
    state: &str,
) -> (Client, Value) {
    let (mut client, _) = Client::greeted(server.addr(), Some(handle)).await.unwrap();
    let mut frame = json!({"type":"ask_counselor"});
    if let (Some(frame), Some(fields)) = (frame.as_object_mut(), fields.as_object()) {
        frame.extend(fields.clone());
    }
    client.send(frame).await.unwrap();
    let escalation = client.escalation_in(state).await.unwrap();
    (client, escalation)
}

/// Sends `frame` and asserts that it is refused with `code` (the connection stays).
async fn refused(client: &mut Client, frame: Value, code: &str) {
    let refusal = client.refusal(frame.clone()).await.unwrap();
    assert_eq!(refusal["code"], code, "{frame}");
}

/// Waits (up to 5 s) until the store holds no record of case `id`.
pub(crate) async fn until_erased(server: &Running, id: &str) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while server.app().store.escalation(id).await.unwrap().is_some() {
        assert!(tokio::time::Instant::now() < deadline, "the record stayed");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// The audit entries of `action`.
async fn audited(server: &Running, action: &str) -> Vec<ibasho_protocol::AuditEntry> {
    let entries = server.app().hub.audit_entries(None, None).await.unwrap();
    entries
        .into_iter()
        .filter(|entry| entry.action == action)
        .collect()
}

/// Asserts that an audit entry says the action, the desk, the time and the role only.
fn only_the_desk(entry: &ibasho_protocol::AuditEntry, actor: &str, desk: &str) {
    assert_eq!(entry.actor, actor);
    assert_eq!(entry.desk.as_deref(), Some(desk));
    assert_eq!(
        (&entry.room, &entry.target, &entry.reason),
        (&None, &None, &None)
    );
}

#[tokio::test]
async fn requests_reach_the_desk_their_answers_fit_and_each_desk_has_its_own_queue() {
    let server = ward().await;
    let (mut tanaka, desks) = on_duty(&server, "たなか").await;
    // The desks, with the canned replies of the one she serves.
    let desks = desks["desks"].as_array().unwrap().clone();
    assert_eq!(desks.len(), 3);
    assert_eq!(desks[0]["desk"], "youth");
    assert_eq!(desks[0]["serves"], true);
    assert_eq!(desks[0]["replies"][0]["title"], "はじめに");
    assert_eq!(desks[2]["serves"], false);
    assert!(desks[2].get("replies").is_none());
    let (mut yamada, _) = on_duty(&server, "やまだ").await;

    // An age band in the youth desk's: the youth desk, its place and counselors its own.
    let (_aoi, young) = asks(
        &server,
        "あおい",
        json!({"about":"self","age_band":"15-39"}),
        "waiting",
    )
    .await;
    assert_eq!(young["desk"], "youth");
    assert_eq!(young["desk_name"], "若者の相談（15〜39歳）");
    assert_eq!(young["desk_name_en"], "Youth (15-39)");
    assert_eq!(
        (young["position"].clone(), young["on_duty"].clone()),
        (json!(1), json!(1))
    );
    // No answers (or "unsaid"): the general desk, first in its own line.
    let (_sora, general) = asks(&server, "そら", json!({"age_band":"unsaid"}), "waiting").await;
    assert_eq!(general["desk"], "general");
    assert_eq!(general["position"], 1);
    // A desk the person chose.
    let (_umi, chosen) = asks(&server, "うみ", json!({"desk":"youth"}), "waiting").await;
    assert_eq!(
        (chosen["desk"].clone(), chosen["position"].clone()),
        (json!("youth"), json!(2))
    );

    // Each counselor sees the queue of the desks they serve, and which desk it is.
    let items = tanaka.queue_of(2).await.unwrap();
    assert_eq!(items[0]["escalation_id"], young["escalation_id"]);
    assert_eq!(items[0]["desk"], "youth");
    assert_eq!(items[0]["desk_name"], "若者の相談（15〜39歳）");
    let items = yamada.queue_of(1).await.unwrap();
    assert_eq!(items[0]["escalation_id"], general["escalation_id"]);
    assert_eq!(items[0]["desk"], "general");
    // A supervisor passes a waiting request to another desk: at the head of that desk's
    // line, still waiting since it asked, counted once when claimed.
    let (mut sato, _) = on_duty(&server, "さとう").await;
    sato.send(json!({"type":"transfer","escalation_id":chosen["escalation_id"],"desk":"general"}))
        .await
        .unwrap();
    let items = yamada.queue_of(2).await.unwrap();
    assert_eq!(items[0]["escalation_id"], chosen["escalation_id"]);
    assert_eq!(items[0]["transferred"], true);
    yamada
        .send(json!({"type":"claim","escalation_id":chosen["escalation_id"]}))
        .await
        .unwrap();
    kept(&mut yamada, "case").await;
    let counts = crate::support::figures_now(&server).await;
    assert_eq!(counts.get("cases||"), Some(&1));
    // A counselor takes only their desks' requests.
    refused(
        &mut yamada,
        json!({"type":"claim","escalation_id": young["escalation_id"]}),
        "forbidden",
    )
    .await;

    // A family room's request is about family: the family desk, where nobody is on duty.
    let mut kazoku = Client::connect(server.addr()).await.unwrap();
    kazoku
        .hello_with(json!({"type":"hello","handle":"はは","role":"family"}))
        .await
        .unwrap();
    kazoku.join("kazoku").await.unwrap();
    kazoku
        .send(json!({"type":"ask_counselor","room":"kazoku"}))
        .await
        .unwrap();
    let waiting = kazoku.escalation_in("no_counselor").await.unwrap();
    assert_eq!(waiting["desk"], "family");
    assert_eq!(waiting["on_duty"], 0);
    assert!(waiting["next_on_duty"].is_string(), "{waiting}");
    assert!(waiting["lines"].is_array());

    // A desk that does not exist.
    let (mut lost, _) = Client::greeted(server.addr(), Some("まよい"))
        .await
        .unwrap();
    let refusal = lost
        .refusal(json!({"type":"ask_counselor","desk":"nowhere"}))
        .await
        .unwrap();
    assert_eq!(refusal["code"], "no_such_desk");
    assert!(refusal["message"].as_str().is_some_and(|m| !m.is_empty()));
    // The answers are kept nowhere: not in the request's record.
    let record = server
        .app()
        .store
        .escalation(young["escalation_id"].as_str().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert!(
        !record.contains("15-39") && !record.contains("\"self\""),
        "{record}"
    );
}

#[tokio::test]
async fn a_transfer_keeps_what_was_shared_and_its_note_reaches_the_receiving_desk_alone() {
    const NOTE: &str = "夜のほうが話しやすいようです";
    let server = ward().await;
    let (mut yamada, _) = on_duty(&server, "やまだ").await;
    let (mut ito, _) = on_duty(&server, "いとう").await;
    // A facilitator's escalation with one message, which the person agrees to share.
    let mut midori = crate::support::person(&server, "みどり", "lounge").await;
    midori
        .say("lounge", "ねむれない日がつづいています", "m1")
        .await
        .unwrap();
    let said = midori
        .recv_kept("message", |frame| frame["client_id"] == "m1")
        .await
        .unwrap();
    let message_id = said["id"].as_str().unwrap().to_owned();
    let mut hikari = crate::support::facilitator(&server, "lounge").await;
    hikari
        .send(
            json!({"type":"escalate","room":"lounge","handle":"みどり","message_ids":[message_id]}),
        )
        .await
        .unwrap();
    let asked = kept(&mut midori, "consent_request").await;
    let id = asked["escalation_id"].as_str().unwrap().to_owned();
    midori
        .send(json!({"type":"consent","escalation_id":id,"accept":true,"message_ids":[message_id]}))
        .await
        .unwrap();
    assert_eq!(
        midori.escalation_in("waiting").await.unwrap()["desk"],
        "general"
    );
    yamada.queue_of(1).await.unwrap();
    yamada
        .send(json!({"type":"claim","escalation_id":id}))
        .await
        .unwrap();
    let case = kept(&mut yamada, "case").await;
    assert_eq!(case["excerpt"][0]["message_id"], message_id.as_str());
    assert_eq!(case["desk"], "general");
    midori.escalation_in("connected").await.unwrap();

    // Bad transfers: no such desk, an over-long note; the connection stays.
    refused(
        &mut yamada,
        json!({"type":"transfer","escalation_id":id,"desk":"nowhere"}),
        "no_such_desk",
    )
    .await;
    let long = "あ".repeat(501);
    refused(
        &mut yamada,
        json!({"type":"transfer","escalation_id":id,"desk":"youth","note":long}),
        "too_long",
    )
    .await;
    // Someone else's case.
    refused(
        &mut ito,
        json!({"type":"transfer","escalation_id":id,"desk":"youth"}),
        "forbidden",
    )
    .await;

    // To the youth desk, where nobody is on duty yet: the case waits there, and she is told.
    yamada
        .send(json!({"type":"transfer","escalation_id":id,"desk":"youth","note":NOTE}))
        .await
        .unwrap();
    let waiting = kept(&mut yamada, "transfer_waiting").await;
    assert_eq!(
        (waiting["escalation_id"].as_str(), waiting["desk"].as_str()),
        (Some(id.as_str()), Some("youth"))
    );
    assert_eq!(waiting["desk_name"], "若者の相談（15〜39歳）");
    // The person is told calmly where they are going, and leaves the old room.
    kept(&mut midori, "closed").await;
    let moved = midori.escalation_in("no_counselor").await.unwrap();
    assert_eq!(moved["transferred"], true);
    assert_eq!(moved["desk"], "youth");
    assert_eq!(moved["desk_name"], "若者の相談（15〜39歳）");

    // The youth desk's counselor sees it at the head, with the note; the case has what was
    // shared.
    let (mut tanaka, _) = on_duty(&server, "たなか").await;
    let items = tanaka.queue_of(1).await.unwrap();
    assert_eq!(items[0]["note"], NOTE);
    assert_eq!(items[0]["transferred"], true);
    assert_eq!(items[0]["desk"], "youth");
    let moved = midori.escalation_in("waiting").await.unwrap();
    assert_eq!(
        (moved["transferred"].clone(), moved["position"].clone()),
        (json!(true), json!(1))
    );
    tanaka
        .send(json!({"type":"claim","escalation_id":id}))
        .await
        .unwrap();
    let case = kept(&mut tanaka, "case").await;
    assert_eq!(case["excerpt"][0]["text"], "ねむれない日がつづいています");
    assert_eq!(case["note"], NOTE);
    assert_eq!(case["desk"], "youth");
    midori.escalation_in("connected").await.unwrap();
    // Claimed twice, one case.
    let counts = crate::support::figures_now(&server).await;
    assert_eq!(counts.get("cases||"), Some(&1));

    // Nobody but the receiving desk's counselor ever saw the note: not the general desk's
    // counselors, not the person, not the facilitator.
    for (who, client) in [
        ("やまだ", &mut yamada),
        ("いとう", &mut ito),
        ("みどり", &mut midori),
        ("ひかり", &mut hikari),
    ] {
        let seen = client.everything_received(QUIET).await;
        assert!(
            !seen.iter().any(|frame| frame.contains(NOTE)),
            "{who} saw the note"
        );
    }

    // The audit says transfer, the desk it went to and when: no case, no handle, no note.
    let transfers = audited(&server, "transfer").await;
    assert_eq!(transfers.len(), 1);
    only_the_desk(&transfers[0], "counselor", "youth");

    // The end erases the note with the case.
    tanaka
        .send(json!({"type":"end_case","escalation_id":id,"outcome":"talked"}))
        .await
        .unwrap();
    midori.escalation_in("ended").await.unwrap();
    until_erased(&server, &id).await;
    let dump = server.app().store.audit_dump().await.unwrap();
    assert!(!dump.contains(NOTE), "the note is still stored");
}

#[tokio::test]
async fn a_supervisor_observes_with_the_persons_knowledge_whispers_and_leaves_for_good_when_asked()
{
    const WHISPER: &str = "つぎは気持ちを聞いてみて";
    const BACK: &str = "わかりました、聞いてみます";
    let server = ward().await;
    let (mut yamada, _) = on_duty(&server, "やまだ").await;
    let (mut sato, desks) = on_duty(&server, "さとう").await;
    // A counselor of another desk and a supervisor who does not observe: bystanders.
    let (mut tanaka, _) = on_duty(&server, "たなか").await;
    assert!(
        desks["desks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|desk| desk["serves"] == true),
        "a supervisor sees every desk"
    );
    let (mut midori, waiting) = asks(&server, "みどり", json!({}), "waiting").await;
    let id = waiting["escalation_id"].as_str().unwrap().to_owned();

    // The overview: every desk, counts and waiting times only.
    let overview = sato
        .recv_kept("overview", |frame| {
            frame["cases"]
                .as_array()
                .is_some_and(|cases| cases.len() == 1)
        })
        .await
        .unwrap();
    let general = overview["desks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|desk| desk["desk"] == "general")
        .unwrap()
        .clone();
    assert_eq!(general["queue_length"], 1);
    assert_eq!(general["counselors"], json!([0]));
    assert!(general["oldest_wait_seconds"].is_u64());
    assert_eq!(overview["cases"][0]["state"], "waiting");
    for secret in ["みどり", "やまだ", "相談員"] {
        assert!(
            !overview.to_string().contains(secret),
            "{secret} in {overview}"
        );
    }

    // Not observable while it waits.
    refused(
        &mut sato,
        json!({"type":"observe","escalation_id":id}),
        "not_now",
    )
    .await;

    yamada.queue_of(1).await.unwrap();
    yamada
        .send(json!({"type":"claim","escalation_id":id}))
        .await
        .unwrap();
    let room = kept(&mut yamada, "joined").await["room"]
        .as_str()
        .unwrap()
        .to_owned();
    midori.escalation_in("connected").await.unwrap();

    // The counselor asks for help: the supervisor is called with the desk and a time only.
    yamada
        .send(json!({"type":"ask_supervisor","escalation_id":id}))
        .await
        .unwrap();
    let call = kept(&mut sato, "supervisor_call").await;
    assert_eq!(call["escalation_id"], id.as_str());
    assert_eq!(call["desk"], "general");
    assert!(call["waiting_seconds"].is_u64());
    assert!(!call.to_string().contains("みどり"));

    // Observing: the person is told at once, and so is the counselor.
    sato.send(json!({"type":"observe","escalation_id":id}))
        .await
        .unwrap();
    assert_eq!(kept(&mut sato, "joined").await["room"], room.as_str());
    let case = kept(&mut sato, "case").await;
    assert_eq!(case["observing"], true);
    let told = kept(&mut midori, "observer").await;
    assert_eq!(
        told,
        json!({"type":"observer","escalation_id":id,"present":true})
    );
    assert_eq!(kept(&mut yamada, "observer").await["present"], true);
    // At most one observer.
    let (mut sugi, _) = on_duty(&server, "すぎ").await;
    refused(
        &mut sugi,
        json!({"type":"observe","escalation_id":id}),
        "not_now",
    )
    .await;
    // The observer cannot speak to the person.
    refused(
        &mut sato,
        json!({"type":"say","room":room,"text":"こんにちは","client_id":"s1"}),
        "forbidden",
    )
    .await;

    // Whispers, both ways, to the case's staff alone.
    yamada
        .send(json!({"type":"whisper","escalation_id":id,"text":BACK}))
        .await
        .unwrap();
    sato.send(json!({"type":"whisper","escalation_id":id,"text":WHISPER}))
        .await
        .unwrap();
    let heard = sato
        .recv_kept("whisper", |frame| frame["text"] == BACK)
        .await
        .unwrap();
    assert_eq!(heard["from"], "やまだ（相談員）");
    let heard = yamada
        .recv_kept("whisper", |frame| frame["text"] == WHISPER)
        .await
        .unwrap();
    assert_eq!(heard["escalation_id"], id.as_str());
    // The conversation goes on meanwhile; the observer reads it.
    midori.say(&room, "きいてください", "p1").await.unwrap();
    assert_eq!(
        sato.recv_kept("message", |frame| frame["text"] == "きいてください")
            .await
            .unwrap()["room"],
        room.as_str()
    );

    // The person asks the observer to leave: out, and never back to this case.
    midori
        .send(json!({"type":"decline_observer","escalation_id":id}))
        .await
        .unwrap();
    assert_eq!(kept(&mut midori, "observer").await["present"], false);
    assert_eq!(kept(&mut yamada, "observer").await["present"], false);
    assert_eq!(
        sato.recv_kept("observer", |frame| frame["present"] == false)
            .await
            .unwrap()["escalation_id"],
        id.as_str()
    );
    assert_eq!(kept(&mut sato, "left").await["room"], room.as_str());
    refused(
        &mut sato,
        json!({"type":"observe","escalation_id":id}),
        "forbidden",
    )
    .await;
    // Nothing more reaches the declined observer from the room.
    midori.say(&room, "ありがとう", "p2").await.unwrap();
    kept(&mut yamada, "message").await;
    let seen = sato.everything_received(QUIET).await;
    assert!(!seen.iter().any(|frame| frame.contains("ありがとう")));
    // Another supervisor may.
    sugi.send(json!({"type":"observe","escalation_id":id}))
        .await
        .unwrap();
    assert_eq!(kept(&mut midori, "observer").await["present"], true);

    // Bystanders never hear of the observer or the whispers (nor the other supervisor of
    // the first observer, whose overview says nothing of it).
    for frame in tanaka.everything_received(QUIET).await {
        assert!(!frame.contains("\"observer\""), "{frame}");
        assert!(!frame.contains(WHISPER) && !frame.contains(BACK), "{frame}");
    }
    // The person never received a whisper, nor their words.
    let seen = midori.everything_received(QUIET).await;
    for frame in seen {
        assert!(!frame.contains("\"whisper\""), "{frame}");
        assert!(!frame.contains(WHISPER) && !frame.contains(BACK), "{frame}");
    }

    // The audit: each step's action, desk and time, by role.
    only_the_desk(
        &audited(&server, "ask_supervisor").await[0],
        "counselor",
        "general",
    );
    let observed = audited(&server, "observe").await;
    assert_eq!(observed.len(), 2);
    only_the_desk(&observed[0], "supervisor", "general");
    only_the_desk(
        &audited(&server, "decline_observer").await[0],
        "participant",
        "general",
    );

    // The end: nothing of the whispers or the observer stays.
    yamada
        .send(json!({"type":"end_case","escalation_id":id,"outcome":"talked"}))
        .await
        .unwrap();
    midori.escalation_in("ended").await.unwrap();
    until_erased(&server, &id).await;
    let dump = server.app().store.audit_dump().await.unwrap();
    for gone in [WHISPER, BACK] {
        assert!(!dump.contains(gone), "{gone} is still stored");
    }
    // Who observed and who was declined went with the case's record (the supervisors'
    // own sessions hold their names while they are signed in, nothing else does).
    for line in dump
        .lines()
        .filter(|line| line.contains("さとう") || line.contains("すぎ"))
    {
        assert!(!line.contains(&id), "{line}");
    }
    assert_eq!(server.app().store.escalation(&id).await.unwrap(), None);
}

#[tokio::test]
async fn supervision_refuses_whoever_may_not_and_the_connection_stays() {
    let server = ward().await;
    let (mut yamada, _) = on_duty(&server, "やまだ").await;
    let (mut tanaka, _) = on_duty(&server, "たなか").await;
    let (mut sato, sato_token) = signed_in(&server, "さとう").await;
    let (mut midori, waiting) = asks(&server, "みどり", json!({}), "waiting").await;
    let id = waiting["escalation_id"].as_str().unwrap().to_owned();
    yamada.queue_of(1).await.unwrap();
    yamada
        .send(json!({"type":"claim","escalation_id":id}))
        .await
        .unwrap();
    midori.escalation_in("connected").await.unwrap();

    // A participant forging staff frames.
    for frame in [
        json!({"type":"observe","escalation_id":id}),
        json!({"type":"whisper","escalation_id":id,"text":"x"}),
        json!({"type":"transfer","escalation_id":id,"desk":"youth"}),
        json!({"type":"ask_supervisor","escalation_id":id}),
    ] {
        refused(&mut midori, frame, "forbidden").await;
    }
    // A counselor observing, or whispering in (or asking help for) a case not theirs.
    for frame in [
        json!({"type":"observe","escalation_id":id}),
        json!({"type":"whisper","escalation_id":id,"text":"x"}),
        json!({"type":"ask_supervisor","escalation_id":id}),
    ] {
        refused(&mut tanaka, frame, "forbidden").await;
    }
    // A supervisor whispering in a case they do not observe.
    refused(
        &mut sato,
        json!({"type":"whisper","escalation_id":id,"text":"x"}),
        "forbidden",
    )
    .await;
    // Unknown cases and over-long whispers.
    for (supervisor, frame) in [
        (true, json!({"type":"observe","escalation_id":"e000"})),
        (
            false,
            json!({"type":"ask_supervisor","escalation_id":"e000"}),
        ),
        (
            true,
            json!({"type":"transfer","escalation_id":"e000","desk":"youth"}),
        ),
    ] {
        let client = if supervisor { &mut sato } else { &mut yamada };
        refused(client, frame, "no_such_escalation").await;
    }
    refused(
        &mut yamada,
        json!({"type":"whisper","escalation_id":id,"text":"あ".repeat(501)}),
        "too_long",
    )
    .await;
    // A whisper with nobody observing.
    refused(
        &mut yamada,
        json!({"type":"whisper","escalation_id":id,"text":"x"}),
        "not_now",
    )
    .await;
    // Declining with no observer.
    refused(
        &mut midori,
        json!({"type":"decline_observer","escalation_id":id}),
        "not_now",
    )
    .await;

    // Every connection is still there and works.
    sato.send(json!({"type":"observe","escalation_id":id}))
        .await
        .unwrap();
    assert_eq!(kept(&mut midori, "observer").await["present"], true);
    // The supervisor may leave by themselves, and come back (only the person's word bars).
    sato.send(json!({"type":"decline_observer","escalation_id":id}))
        .await
        .unwrap();
    assert_eq!(
        midori
            .recv_kept("observer", |frame| frame["present"] == false)
            .await
            .unwrap()["escalation_id"],
        id.as_str()
    );
    sato.send(json!({"type":"observe","escalation_id":id}))
        .await
        .unwrap();
    assert_eq!(
        midori
            .recv_kept("observer", |frame| frame["present"] == true)
            .await
            .unwrap()["escalation_id"],
        id.as_str()
    );
    let room = kept(&mut sato, "joined").await["room"]
        .as_str()
        .unwrap()
        .to_owned();

    // The observer's connection drops and comes back: still in the room, still observing.
    sato.drop_connection();
    let (mut back, welcome) = crate::support::resume(&server, &sato_token).await;
    assert_eq!(welcome["resumed"], true);
    assert_eq!(welcome["rooms"], json!([room]));
    assert_eq!(kept(&mut back, "case").await["observing"], true);
    midori.say(&room, "もどってきた？", "p9").await.unwrap();
    back.recv_kept("message", |frame| frame["client_id"] == "p9")
        .await
        .unwrap();
}
