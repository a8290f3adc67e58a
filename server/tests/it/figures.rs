//! The usage figures and the participants' voice, as an administrator reads them and as the
//! store keeps them: totals per day and room, a visit once per sitting, small numbers never
//! shown exactly, answers with their day only. On both stores.

use std::sync::Arc;

use ibasho_protocol::VoiceAbout;
use ibasho_server::Running;
use ibasho_server::clock::{Clock, ManualClock};
use ibasho_server::store::figures::figure_key;
use ibasho_server::store::{Visit, VoiceRecord};
use ibasho_tests::{Client, staff_hello};
use jiff::SignedDuration;
use serde_json::{Value, json};

use crate::support::{
    STAFF_PASSWORD, facilitator, person, serve, serve_catalogue, staff_settings, test_store, token,
    tokyo,
};

// ---------------------------------------------------------------------------------------
// The store's promises (both stores).

fn visit<'a>(member: &'a str, spoke: bool, day: &'a str, keys: &'a Keys) -> Visit<'a> {
    Visit {
        day,
        sitting: "lounge@1",
        keep_for: std::time::Duration::from_secs(3600),
        member,
        spoke,
        first_of_sitting: &keys.sitting,
        first_of_member: &keys.member,
        listening: &keys.listening,
        always: if spoke { &keys.message } else { &[] },
    }
}

struct Keys {
    sitting: Vec<String>,
    member: Vec<String>,
    listening: String,
    message: Vec<(String, u64)>,
}

fn keys() -> Keys {
    Keys {
        sitting: vec![figure_key("sittings", Some("lounge"), None)],
        member: vec![figure_key("visits", Some("lounge"), None)],
        listening: figure_key("listening_visits", Some("lounge"), None),
        message: vec![(figure_key("messages", Some("lounge"), None), 1)],
    }
}

#[tokio::test]
async fn a_visit_counts_once_per_sitting_and_stops_listening_on_the_day_it_came() {
    let store = test_store().await;
    let keys = keys();
    let (d1, d2) = ("2026-04-01", "2026-04-02");
    store.visit(&visit("a", false, d1, &keys)).await.unwrap();
    store.visit(&visit("a", false, d1, &keys)).await.unwrap();
    store.visit(&visit("b", false, d1, &keys)).await.unwrap();
    // `a` speaks the next day: no new visit, one listener less on the day they came.
    store.visit(&visit("a", true, d2, &keys)).await.unwrap();
    store.visit(&visit("a", true, d2, &keys)).await.unwrap();
    // `c` speaks before anything counted them in: a visit that never listened.
    store.visit(&visit("c", true, d2, &keys)).await.unwrap();
    let totals = store.figures(&[d1.into(), d2.into()]).await.unwrap();
    let get = |day: &str, key: &str| totals.get(day).and_then(|t| t.get(key)).copied();
    assert_eq!(get(d1, "visits|lounge|"), Some(2));
    assert_eq!(get(d1, "sittings|lounge|"), Some(1));
    assert_eq!(get(d1, "listening_visits|lounge|"), Some(1));
    assert_eq!(get(d2, "visits|lounge|"), Some(1));
    assert_eq!(get(d2, "messages|lounge|"), Some(3));
    assert_eq!(get(d2, "listening_visits|lounge|"), None);
    assert_eq!(get(d2, "sittings|lounge|"), None);
}

#[tokio::test]
async fn totals_add_up_and_a_peak_only_rises() {
    let store = test_store().await;
    let day = "2026-05-01";
    let key = figure_key("reactions", Some("lounge"), None);
    store.add_figures(day, &[(key.clone(), 2)]).await.unwrap();
    store.add_figures(day, &[(key.clone(), 3)]).await.unwrap();
    let peak = figure_key("peak_presence", Some("lounge"), None);
    store.raise_figure(day, &peak, 4).await.unwrap();
    store.raise_figure(day, &peak, 2).await.unwrap();
    let totals = store
        .figures(&[day.into(), "2026-05-02".into()])
        .await
        .unwrap();
    assert_eq!(totals.len(), 1, "a day with nothing is left out");
    assert_eq!(totals[day][&key], 5);
    assert_eq!(totals[day][&peak], 4);
}

fn record(day: &str, rating: u8, comment: Option<&str>) -> VoiceRecord {
    VoiceRecord {
        day: day.into(),
        room: Some("lounge".into()),
        about: VoiceAbout::Room,
        rating,
        comment: comment.map(str::to_owned),
    }
}

#[tokio::test]
async fn a_voice_is_kept_once_and_old_months_are_erased() {
    let store = test_store().await;
    let until = std::time::Duration::from_secs(3600);
    assert!(
        store
            .add_voice("once-a", until, &record("2026-03-31", 2, Some("まあまあ")))
            .await
            .unwrap()
    );
    assert!(
        !store
            .add_voice("once-a", until, &record("2026-03-31", 4, None))
            .await
            .unwrap()
    );
    assert!(
        store
            .add_voice("once-b", until, &record("2026-04-01", 4, None))
            .await
            .unwrap()
    );
    assert_eq!(
        store.voices("2026-03").await.unwrap(),
        [record("2026-03-31", 2, Some("まあまあ"))]
    );
    store.erase_voices_before("2026-04").await.unwrap();
    assert!(store.voices("2026-03").await.unwrap().is_empty());
    assert_eq!(store.voices("2026-04").await.unwrap().len(), 1);
}

// ---------------------------------------------------------------------------------------
// Over the wire.

/// A catalogue with a lounge, a family meeting on Saturdays and a peer programme on
/// Wednesdays.
const YEAR: &str = r#"
time_zone = "Asia/Tokyo"

[[room]]
id = "lounge"
title = "ラウンジ"
description = "いつでも"
kind = "themed"
capacity = 100
open = "always"

[[room]]
id = "family"
title = "家族会"
description = "家族の方"
kind = "family"
capacity = 20
[[room.session]]
weekly = ["sat"]
start = "14:00"
end = "16:00"

[[room]]
id = "mitsuke"
title = "みつけば"
description = "ピアのプログラム"
kind = "programme"
audience = "person"
capacity = 10
[room.programme]
age_band = "30〜50代"
facilitators = ["ピアスタッフ なつ"]
agenda = [{ title = "チェックイン", minutes = 90 }]
[[room.session]]
weekly = ["wed"]
start = "19:00"
end = "20:30"
"#;

async fn serve_year(threshold: u64, at: &str) -> (Running, Arc<ManualClock>) {
    let clock = Arc::new(ManualClock::new(tokyo(at)));
    let mut settings = staff_settings();
    settings.figures.threshold = threshold;
    // The timetable sees each sitting open before the test moves the clock past its end.
    settings.limits.schedule_tick = std::time::Duration::from_millis(10);
    let server = serve_catalogue(settings, clock.clone(), YEAR).await;
    (server, clock)
}

fn set(clock: &ManualClock, at: &str) {
    let by = clock.now().duration_until(tokyo(at));
    clock.advance(by);
}

/// The administrator すずき, signed in: their client (kept open) and bearer token.
async fn admin(server: &Running) -> (Client, String) {
    let mut client = Client::connect(server.addr()).await.unwrap();
    let welcome = client
        .hello_with(staff_hello("すずき", STAFF_PASSWORD))
        .await
        .unwrap();
    (client, token(&welcome))
}

/// GET `path` with a bearer token (or none): status, headers' content type, body.
async fn get(server: &Running, path: &str, bearer: Option<&str>, extra: &str) -> (u16, String) {
    let header = bearer.map_or_else(String::new, |token| {
        format!("Authorization: Bearer {token}\r\n")
    });
    let response = ibasho_tests::http::get(server.addr(), path, &format!("{header}{extra}"))
        .await
        .unwrap();
    (response.status, response.text())
}

async fn figures(server: &Running, bearer: &str, query: &str) -> Value {
    let (status, body) = get(server, &format!("/api/figures{query}"), Some(bearer), "").await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// The cells of one row, then its total and previous total.
fn row(report: &Value, figure: &str, room: Option<&str>, detail: Option<&str>) -> Vec<Value> {
    let found = report["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| {
            row["figure"] == figure && row["room"] == json!(room) && row["detail"] == json!(detail)
        })
        .unwrap_or_else(|| panic!("no row {figure} {room:?} {detail:?}"));
    let mut cells = found["cells"].as_array().unwrap().clone();
    cells.push(found["total"].clone());
    cells.push(found["previous_total"].clone());
    cells
}

/// Twelve months of a fiscal year with `at` (month index from April) set, and the total.
fn months_with(at: &[(usize, u64)]) -> Vec<Value> {
    let mut cells = vec![json!(0); 12];
    for (month, count) in at {
        cells[*month] = json!(count);
    }
    let total: u64 = at.iter().map(|(_, count)| count).sum();
    cells.push(json!(total));
    cells.push(json!(0));
    cells
}

/// Waits until `check` holds of the figures (counts reach the store a moment after the
/// frames that caused them).
async fn until_figures(server: &Running, bearer: &str, check: impl Fn(&Value) -> bool) -> Value {
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let report = figures(server, bearer, "?fiscal_year=2026").await;
        if check(&report) {
            return report;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "figures never settled: {report}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn greeted(server: &Running, hello: Value) -> Client {
    let mut client = Client::connect(server.addr()).await.unwrap();
    client.hello_with(hello).await.unwrap();
    client
}

#[tokio::test]
async fn a_simulated_fiscal_year_gives_exactly_its_monthly_and_yearly_figures() {
    let (server, clock) = serve_year(1, "2026-04-06T10:00").await;
    let (_admin, bearer) = admin(&server).await;

    // April, the lounge: a facilitator, three people (one coming back, one only listening,
    // one reacting), a number held back, crisis language, a mute and a report.
    let mut staff = facilitator(&server, "lounge").await;
    staff
        .say_and_hear("lounge", "ようこそ", "s1")
        .await
        .unwrap();
    let mut ao = greeted(
        &server,
        json!({"type":"hello","handle":"あお","first_visit":true}),
    )
    .await;
    ao.join("lounge").await.unwrap();
    let first = ao.say_and_hear("lounge", "こんにちは", "a1").await.unwrap();
    ao.say_and_hear("lounge", "はじめてです", "a2")
        .await
        .unwrap();
    ao.send(json!({"type":"leave","room":"lounge"}))
        .await
        .unwrap();
    ao.recv_type("left").await.unwrap();
    ao.join("lounge").await.unwrap();
    ao.say_and_hear("lounge", "もどりました", "a3")
        .await
        .unwrap();
    let mut kii = person(&server, "きい", "lounge").await;
    let mut mido = person(&server, "みど", "lounge").await;
    mido.send(json!({"type":"react","room":"lounge","message_id":first["id"],"reaction":"nod"}))
        .await
        .unwrap();
    let refused = ao
        .refusal(json!({"type":"say","room":"lounge","text":"090-1234-5678 に電話して","client_id":"a4"}))
        .await
        .unwrap();
    assert_eq!(refused["code"], "personal_info");
    kii.send(json!({"type":"say","room":"lounge","text":"しにたい","client_id":"k1"}))
        .await
        .unwrap();
    kii.recv_type("support").await.unwrap();
    staff
        .send(json!({"type":"moderate","room":"lounge","action":"mute","handle":"みど"}))
        .await
        .unwrap();
    mido.recv_type("sanction").await.unwrap();
    ao.send(
        json!({"type":"report","room":"lounge","message_id":first["id"],"reason":"harassment"}),
    )
    .await
    .unwrap();
    ao.recv_type("report_received").await.unwrap();
    let filed = staff.recv_type("report").await.unwrap();
    staff
        .send(json!({"type":"resolve_report","report_id":filed["report_id"],"outcome":"no_action"}))
        .await
        .unwrap();
    ao.recv_type("report_outcome").await.unwrap();
    for client in [ao, kii, mido, staff] {
        client.close().await.unwrap();
    }

    // May: a family meeting on a Saturday.
    set(&clock, "2026-05-09T14:30");
    let mut haha = greeted(
        &server,
        json!({"type":"hello","handle":"はは","role":"family"}),
    )
    .await;
    haha.join("family").await.unwrap();
    haha.say_and_hear("family", "よろしくお願いします", "h1")
        .await
        .unwrap();
    let mut chichi = greeted(
        &server,
        json!({"type":"hello","handle":"ちち","role":"family"}),
    )
    .await;
    chichi.join("family").await.unwrap();

    // June: the programme, two Wednesdays; the same person both times.
    set(&clock, "2026-06-03T19:10");
    let mut pia = greeted(&server, json!({"type":"hello","handle":"ぴあ"})).await;
    pia.join("mitsuke").await.unwrap();
    pia.say_and_hear("mitsuke", "チェックインします", "p1")
        .await
        .unwrap();
    // The timetable looks every 10 ms: a tenth of a second lets it see the sitting open.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    set(&clock, "2026-06-03T21:00");
    pia.recv_kept("closed", |_| true).await.unwrap();
    set(&clock, "2026-06-10T19:10");
    pia.join("mitsuke").await.unwrap();

    // July: a person asks for a counselor, who claims two minutes later and they talk.
    set(&clock, "2026-07-01T10:00");
    let mut counselor = Client::connect(server.addr()).await.unwrap();
    counselor
        .hello_with(staff_hello("たなか", STAFF_PASSWORD))
        .await
        .unwrap();
    counselor
        .send(json!({"type":"duty","on":true}))
        .await
        .unwrap();
    counselor.recv_type("queue").await.unwrap();
    let mut mina = person(&server, "みな", "lounge").await;
    mina.send(json!({"type":"ask_counselor","room":"lounge"}))
        .await
        .unwrap();
    let waiting = mina.escalation_in("waiting").await.unwrap();
    clock.advance(SignedDuration::from_secs(125));
    counselor
        .send(json!({"type":"claim","escalation_id":waiting["escalation_id"]}))
        .await
        .unwrap();
    mina.escalation_in("connected").await.unwrap();
    counselor
        .send(
            json!({"type":"end_case","escalation_id":waiting["escalation_id"],"outcome":"talked"}),
        )
        .await
        .unwrap();
    mina.escalation_in("ended").await.unwrap();

    let report = until_figures(&server, &bearer, |report| {
        row(report, "outcomes", None, Some("talked"))[3] == 1
            && row(report, "peak_presence", Some("lounge"), None)[0] == 4
    })
    .await;
    assert_eq!(report["from"], "2026-04");
    assert_eq!(report["to"], "2027-03");
    assert_eq!(report["time_zone"], "Asia/Tokyo");
    assert_eq!(report["months"].as_array().unwrap().len(), 12);
    let (apr, may, jun, jul) = (0, 1, 2, 3);
    let lounge = Some("lounge");
    assert_eq!(
        row(&report, "visits", lounge, None),
        months_with(&[(apr, 3), (jul, 1)])
    );
    assert_eq!(
        row(&report, "visits", Some("family"), None),
        months_with(&[(may, 2)])
    );
    assert_eq!(
        row(&report, "visits", Some("mitsuke"), None),
        months_with(&[(jun, 2)])
    );
    assert_eq!(
        row(&report, "visits", None, None),
        months_with(&[(apr, 3), (may, 2), (jun, 2), (jul, 1)])
    );
    // みど (April), ちち (May), ぴあ's second Wednesday (June), みな (July) only listened.
    assert_eq!(
        row(&report, "listening_visits", None, None),
        months_with(&[(apr, 1), (may, 1), (jun, 1), (jul, 1)])
    );
    assert_eq!(
        row(&report, "messages", lounge, None),
        months_with(&[(apr, 4)])
    );
    assert_eq!(
        row(&report, "messages", None, None),
        months_with(&[(apr, 4), (may, 1), (jun, 1)])
    );
    assert_eq!(
        row(&report, "staff_messages", lounge, None),
        months_with(&[(apr, 1)])
    );
    assert_eq!(
        row(&report, "reactions", lounge, None),
        months_with(&[(apr, 1)])
    );
    assert_eq!(
        row(&report, "sittings", None, None),
        months_with(&[(apr, 1), (may, 1), (jun, 2), (jul, 1)])
    );
    assert_eq!(
        row(&report, "family_attendance", None, None),
        months_with(&[(may, 2)])
    );
    assert_eq!(
        row(&report, "programme_attendance", None, None),
        months_with(&[(jun, 2)])
    );
    assert_eq!(
        row(&report, "first_visits", None, None),
        months_with(&[(apr, 1)])
    );
    let peak = row(&report, "peak_presence", lounge, None);
    assert_eq!((peak[apr].clone(), peak[12].clone()), (json!(4), json!(4)));
    assert_eq!(
        row(&report, "counselor_requests", None, Some("participant")),
        months_with(&[(jul, 1)])
    );
    assert_eq!(row(&report, "cases", None, None), months_with(&[(jul, 1)]));
    assert_eq!(
        row(&report, "outcomes", None, Some("talked")),
        months_with(&[(jul, 1)])
    );
    assert_eq!(row(&report, "wait_median_seconds", None, None)[jul], 120);
    assert_eq!(row(&report, "wait_p90_seconds", None, None)[12], 120);
    assert_eq!(
        row(&report, "moderation_actions", lounge, Some("mute")),
        months_with(&[(apr, 1)])
    );
    assert_eq!(
        row(&report, "reports", lounge, Some("harassment")),
        months_with(&[(apr, 1)])
    );
    assert_eq!(
        row(&report, "report_outcomes", lounge, Some("no_action")),
        months_with(&[(apr, 1)])
    );
    for kind in ["personal_info", "crisis"] {
        assert_eq!(
            row(&report, "automatic", lounge, Some(kind)),
            months_with(&[(apr, 1)])
        );
    }

    // The next fiscal year shows these as the year before.
    let next = figures(&server, &bearer, "?fiscal_year=2027").await;
    assert_eq!(row(&next, "visits", None, None)[13], 8);
    // And any months: the first quarter.
    let quarter = figures(&server, &bearer, "?from=2026-04&to=2026-06").await;
    assert_eq!(quarter["months"], json!(["2026-04", "2026-05", "2026-06"]));
    assert_eq!(row(&quarter, "visits", None, None)[3], 7);

    // A figure's key is a figure's name, a catalogue room and a code: nothing else fits.
    let days: Vec<String> = ibasho_server::figures::months::Months::fiscal_year(2026)
        .list()
        .into_iter()
        .flat_map(ibasho_server::figures::months::Month::days)
        .collect();
    for counts in server.app().store.figures(&days).await.unwrap().values() {
        for key in counts.keys() {
            let parts: Vec<&str> = key.split('|').collect();
            assert_eq!(parts.len(), 3, "{key}");
            assert!(
                parts.iter().all(|part| part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')),
                "{key}"
            );
        }
    }
}

#[tokio::test]
async fn nothing_counted_or_answered_keeps_a_handle_a_token_or_what_was_said() {
    let (server, clock) = serve_year(3, "2026-06-03T19:10").await;
    let (mut client, welcome) = Client::greeted(server.addr(), Some("みずき"))
        .await
        .unwrap();
    let session = token(&welcome);
    client.join("mitsuke").await.unwrap();
    let said = client
        .say_and_hear("mitsuke", "ひみつの話です", "m1")
        .await
        .unwrap();
    client
        .send(json!({"type":"react","room":"mitsuke","message_id":said["id"],"reaction":"tea"}))
        .await
        .unwrap();
    client.recv_type("reactions").await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    set(&clock, "2026-06-03T21:00");
    client.recv_kept("closed", |_| true).await.unwrap();
    client
        .send(voice(Some("mitsuke"), 3, Some("また来たいです")))
        .await
        .unwrap();
    client.recv_type("voice_received").await.unwrap();
    client.close().await.unwrap();
    let key = ibasho_server::store::session_key(
        &ibasho_server::token::SessionToken::from_client(&session).unwrap(),
    );
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let dump = server.app().store.audit_dump().await.unwrap();
        let gone = ["みずき", "ひみつの話です", session.as_str(), key.as_str()]
            .iter()
            .all(|needle| !dump.contains(needle));
        if gone {
            // The answer is there, with its day and room only.
            assert!(dump.contains("また来たいです"), "{dump}");
            assert!(dump.contains("2026-06-03"), "{dump}");
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still stored: {dump}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn small_numbers_are_hidden_alike_in_json_and_csv_and_none_can_be_worked_out() {
    let (server, _clock) = serve_year(3, "2026-04-06T10:00").await;
    let (_admin, bearer) = admin(&server).await;
    // Two visits to the lounge, five to the programme: the lounge's two are "<3", and the
    // programme's five are withheld, or the sum (7) would give them away.
    let mut clients = Vec::new();
    for i in 0..2 {
        clients.push(person(&server, &format!("いち{i}"), "lounge").await);
    }
    let report = until_figures(&server, &bearer, |report| {
        row(report, "visits", None, None)[0] != 0
    })
    .await;
    assert_eq!(report["threshold"], 3);
    let lounge = row(&report, "visits", Some("lounge"), None);
    assert_eq!(lounge[0], "<3");
    // The sum row shows nothing the lounge's row hides: the sum is 2 as well.
    let sum = row(&report, "visits", None, None);
    assert!(sum[0] == "<3" || sum[0] == "x", "{sum:?}");
    assert!(lounge[12] == "<3" || lounge[12] == "x", "{lounge:?}");

    // The page the web app shows: the same cells in words, each chart an SVG with its table.
    let (status, page) = get(
        &server,
        "/api/figures?fiscal_year=2026&format=html&lang=en",
        Some(&bearer),
        "",
    )
    .await;
    assert_eq!(status, 200);
    assert!(page.contains("<svg role=\"img\""), "{page}");
    assert!(
        page.contains("<td data-hidden=\"small\">fewer than 3</td>"),
        "{page}"
    );
    assert!(
        !page.contains(">&lt;3<") && !page.contains("><3<"),
        "{page}"
    );
    // The CSV has the same rows and cells.
    let (status, csv) = get(
        &server,
        "/api/figures?fiscal_year=2026&format=csv",
        Some(&bearer),
        "",
    )
    .await;
    assert_eq!(status, 200);
    let (status, by_accept) = get(
        &server,
        "/api/figures?fiscal_year=2026",
        Some(&bearer),
        "Accept: text/csv\r\n",
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(csv, by_accept);
    let mut lines = csv.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("figure,room,detail,2026-04,2026-05,"),
        "{header}"
    );
    assert!(
        header.ends_with(",2027-03,total,previous_total"),
        "{header}"
    );
    let rows = report["rows"].as_array().unwrap();
    let lines: Vec<&str> = lines.collect();
    assert_eq!(lines.len(), rows.len());
    for (line, row) in lines.iter().zip(rows) {
        let text = |value: &Value| match value {
            Value::String(text) => text.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        };
        let mut expected = vec![
            text(&row["figure"]),
            text(&row["room"]),
            text(&row["detail"]),
        ];
        expected.extend(row["cells"].as_array().unwrap().iter().map(text));
        expected.push(text(&row["total"]));
        expected.push(text(&row["previous_total"]));
        assert_eq!(*line, expected.join(","));
    }
}

#[tokio::test]
async fn only_an_administrator_reads_the_figures_and_bad_months_are_refused() {
    let server = serve(staff_settings()).await;
    let (status, body) = get(&server, "/api/figures", None, "").await;
    assert_eq!(status, 401, "{body}");
    let mut staff = Client::connect(server.addr()).await.unwrap();
    let welcome = staff
        .hello_with(staff_hello("ひかり", STAFF_PASSWORD))
        .await
        .unwrap();
    let (status, _) = get(&server, "/api/figures", Some(&token(&welcome)), "").await;
    assert_eq!(status, 403);
    let (status, _) = get(&server, "/api/voice", Some(&token(&welcome)), "").await;
    assert_eq!(status, 403);
    let (_admin, bearer) = admin(&server).await;
    for query in [
        "?fiscal_year=soon",
        "?from=2026-13&to=2027-01",
        "?from=2026-09&to=2026-04",
        "?from=2020-01&to=2023-01",
        "?from=2026-04",
    ] {
        let (status, body) = get(&server, &format!("/api/figures{query}"), Some(&bearer), "").await;
        assert_eq!(status, 400, "{query}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["type"], "error");
        assert_eq!(body["code"], "bad_request");
    }
    let (status, _) = get(&server, "/api/voice?month=2026-4", Some(&bearer), "").await;
    assert_eq!(status, 400);
    // The server goes on.
    assert_eq!(
        figures(&server, &bearer, "").await["months"]
            .as_array()
            .unwrap()
            .len(),
        12
    );
}

fn voice(room: Option<&str>, rating: i64, comment: Option<&str>) -> Value {
    let mut frame = json!({"type":"voice","room":room,"rating":rating});
    if let Some(comment) = comment {
        frame["comment"] = json!(comment);
    }
    frame
}

#[tokio::test]
async fn a_voice_is_taken_once_checked_like_a_message_and_kept_without_who() {
    let server = serve(staff_settings()).await;
    let mut sora = person(&server, "そら", "lounge").await;
    for (frame, code) in [
        (voice(Some("lounge"), 0, None), "bad_request"),
        (voice(Some("lounge"), 5, None), "bad_request"),
        (
            voice(Some("lounge"), 3, Some(&"あ".repeat(401))),
            "too_long",
        ),
        (voice(Some("nowhere"), 3, None), "no_such_room"),
        (
            json!({"type":"voice","room":null,"about":"room","rating":3}),
            "bad_request",
        ),
    ] {
        assert_eq!(sora.refusal(frame).await.unwrap()["code"], code);
    }
    let refused = sora
        .refusal(voice(Some("lounge"), 2, Some("連絡は 090-1234-5678 まで")))
        .await
        .unwrap();
    assert_eq!(refused["code"], "personal_info");
    assert_eq!(refused["kinds"], json!(["phone"]));
    let mut confirmed = voice(Some("lounge"), 2, Some("連絡は 090-1234-5678 まで"));
    confirmed["confirm_personal_info"] = json!(true);
    sora.send(confirmed).await.unwrap();
    let received = sora.recv_type("voice_received").await.unwrap();
    assert_eq!(received["room"], "lounge");
    // Once per sitting.
    let again = sora.refusal(voice(Some("lounge"), 4, None)).await.unwrap();
    assert_eq!(again["code"], "already_answered");
    // About the service, from the lobby; crisis words bring the support card.
    sora.send(
        json!({"type":"voice","room":null,"about":"service","rating":1,"comment":"もう死にたい"}),
    )
    .await
    .unwrap();
    assert_eq!(
        sora.recv_type("voice_received").await.unwrap()["about"],
        "service"
    );
    sora.recv_type("support").await.unwrap();
    // What is kept: the rating, the words, the room, the day. Not who.
    let dump = server.app().store.audit_dump().await.unwrap();
    assert!(dump.contains("もう死にたい"));
    for line in dump.lines().filter(|line| line.contains("もう死にたい")) {
        assert!(!line.contains("そら"), "{line}");
    }
}

#[tokio::test]
async fn comments_wait_for_the_months_end_and_for_enough_of_them() {
    let (server, clock) = serve_year(3, "2026-04-20T10:00").await;
    let (_admin, bearer) = admin(&server).await;
    let answer = |handle: &'static str, rating: i64, comment: Option<&'static str>| {
        let server = &server;
        async move {
            let mut client = person(server, handle, "lounge").await;
            client
                .send(voice(Some("lounge"), rating, comment))
                .await
                .unwrap();
            client.recv_type("voice_received").await.unwrap();
            client.close().await.unwrap();
        }
    };
    answer("あ", 4, Some("たのしかった")).await;
    answer("い", 3, Some("ほっとした")).await;
    answer("う", 4, None).await;
    let voice_of = |month: &'static str| {
        let server = &server;
        let bearer = bearer.clone();
        async move {
            let (status, body) = get(
                server,
                &format!("/api/voice?month={month}"),
                Some(&bearer),
                "",
            )
            .await;
            assert_eq!(status, 200, "{body}");
            serde_json::from_str::<Value>(&body).unwrap()
        }
    };
    // The month is not over: nothing is shown (counts that move as people leave would say
    // who answered what), the comments wait.
    let april = voice_of("2026-04").await;
    assert_eq!(april["threshold"], 3);
    assert_eq!(april["ratings"], json!([]));
    assert_eq!(april["comments"], json!([]));
    assert_eq!(april["held"], json!([{"room":"lounge","about":"room"}]));
    // May: the month of April is over: its ratings, small counts hidden. Two comments are
    // fewer than three: they wait, and join May's.
    set(&clock, "2026-05-10T10:00");
    let april = voice_of("2026-04").await;
    let ratings = &april["ratings"][0];
    assert_eq!(ratings["answers"], 3);
    assert_eq!(ratings["counts"]["4"], "<3");
    assert_eq!(ratings["counts"]["1"], 0);
    assert_eq!(april["comments"], json!([]));
    assert_eq!(april["held"], json!([{"room":"lounge","about":"room"}]));
    answer("え", 2, Some("すこしつかれた")).await;
    set(&clock, "2026-06-01T10:00");
    let may = voice_of("2026-05").await;
    let texts = may["comments"][0]["texts"].as_array().unwrap();
    let mut texts: Vec<&str> = texts.iter().map(|t| t.as_str().unwrap()).collect();
    texts.sort_unstable();
    assert_eq!(texts, ["すこしつかれた", "たのしかった", "ほっとした"]);
    assert_eq!(may["held"], json!([]));
}
