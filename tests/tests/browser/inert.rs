//! Markup and script wherever people and staff write freely — a handle, a message, a topic,
//! a report's note, a transfer's note, a voice comment — shown in Chromium as the words they
//! are: the text is there to read, and no element, handler or script came of it.

use ibasho_tests::{Client, RedisServer, staff_hello};
use serde_json::json;

use super::*;

/// What a hostile text carries: an image whose error runs script, and a script.
const HOSTILE: &str = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=1</script>";
/// A handle of 16 characters (the limit is 20) that would run script if it were markup.
const HANDLE: &str = "<svg onload=p()>";
const PASSWORD: &str = "a long staff password";

/// Staff: the facilitator ひかり, the administrator すずき, the counselor たなか at the
/// general desk (in a browser) and やまだ at the youth desk (a protocol client).
fn staff_file(world: &World, dir: &std::path::Path) -> std::path::PathBuf {
    let line =
        ibasho_tests::process::hash_with(&world.setup.server_binary, "hash-password", PASSWORD)
            .unwrap();
    let file = dir.join("staff.toml");
    std::fs::write(
        &file,
        format!(
            "[[desk]]\nid = \"youth\"\nname = \"若者の相談\"\nages = [\"15-39\"]\n\n\
             [[desk]]\nid = \"general\"\nname = \"総合相談\"\n\n\
             [[staff]]\nname = \"ひかり\"\nrole = \"facilitator\"\n{line}\n\
             [[staff]]\nname = \"すずき\"\nrole = \"admin\"\n{line}\n\
             [[staff]]\nname = \"たなか\"\nrole = \"counselor\"\ndesks = [\"general\"]\n{line}\n\
             [[staff]]\nname = \"やまだ\"\nrole = \"counselor\"\ndesks = [\"youth\"]\n{line}\n"
        ),
    )
    .unwrap();
    file
}

/// Asserts that `css` shows `literal` as text, and that nothing on the page came of markup:
/// no inline handler, no script with the hostile words, and none of them ran.
async fn inert(browser: &Browser, css: &str, literal: &str) {
    browser.wait_for_text(css, literal).await.unwrap();
    let found = browser
        .js("return [window.__pwned === undefined,
                     document.querySelectorAll('[onerror],[onload],[onclick]').length,
                     [...document.scripts].filter(s => s.text.includes('__pwned')).length,
                     document.querySelectorAll('img[src=\"x\"]').length];")
        .await
        .unwrap();
    assert_eq!(found, json!([true, 0, 0, 0]), "{css}");
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn markup_and_script_in_every_free_text_are_shown_as_words() {
    let world = World::new().await;
    let redis = RedisServer::start().unwrap();
    let today = jiff::Timestamp::now()
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(9)))
        .date();
    // Last month's three answers, each comment hostile: released at a threshold of 3.
    let comments = [
        (4, format!("{HOSTILE}ほっとした")),
        (3, format!("{HOSTILE}また来たい")),
        (2, format!("{HOSTILE}緊張した")),
    ];
    super::figures::seed_voices(&redis, "inert:", today, &comments);
    let dir = tempfile::tempdir().unwrap();
    let staff = staff_file(&world, dir.path());
    let url = redis.url();
    let server = world
        .server(&[
            "--staff",
            staff.to_str().unwrap(),
            "--store",
            "redis",
            "--redis-url",
            &url,
            "--redis-prefix",
            "inert:",
            "--figures-threshold",
            "3",
        ])
        .await;
    let base = base(&server);

    // A handle and a message, as someone in the room sees them.
    let viewer = world.browser().await;
    enter(&viewer, &base, "lounge", "みる").await;
    let mut hostile = Client::member(server.addr(), HANDLE, "lounge")
        .await
        .unwrap();
    hostile.say("lounge", HOSTILE, "h1").await.unwrap();
    let said = hostile.recv_type("message").await.unwrap();
    inert(
        &viewer,
        ".messages li.message .text",
        "window.__pwned=1</script>",
    )
    .await;
    inert(&viewer, ".messages li.message", HANDLE).await;

    // A topic the facilitator sets, as the room sees it; a report's note, as the
    // facilitator's desk shows it.
    let facilitator = world.browser().await;
    facilitator_in(&world, &facilitator, &base, PASSWORD, "lounge").await;
    let topic = facilitator
        .wait_for(".safety-controls .topic input")
        .await
        .unwrap();
    topic.send_keys("<img src=x onerror=p()>冬").await.unwrap();
    click(&facilitator, ".safety-controls .topic button[type=submit]").await;
    inert(&viewer, ".topic-now", "<img src=x onerror=p()>冬").await;
    let mut reporter = Client::member(server.addr(), "そら", "lounge")
        .await
        .unwrap();
    reporter
        .send(
            json!({"type":"report","room":"lounge","message_id": said["id"],
                     "reason":"spam","note": HOSTILE}),
        )
        .await
        .unwrap();
    reporter.recv_type("report_received").await.unwrap();
    inert(
        &facilitator,
        ".desk .report-card",
        "window.__pwned=1</script>",
    )
    .await;
    inert(&facilitator, ".messages li.message", HANDLE).await;

    // A transfer's note, as the receiving desk's counselor sees it in the queue.
    let counselor = world.browser().await;
    counselor_on_duty(&world, &counselor, &base, PASSWORD).await;
    let mut yamada = Client::connect(server.addr()).await.unwrap();
    yamada
        .hello_with(staff_hello("やまだ", PASSWORD))
        .await
        .unwrap();
    yamada.send(json!({"type":"duty","on":true})).await.unwrap();
    let mut person = Client::connect(server.addr()).await.unwrap();
    person.hello(Some("あおい")).await.unwrap();
    person
        .send(json!({"type":"ask_counselor","about":"self","age_band":"15-39"}))
        .await
        .unwrap();
    let waiting = person.escalation_in("waiting").await.unwrap();
    let id = waiting["escalation_id"].clone();
    yamada
        .send(json!({"type":"claim","escalation_id": id}))
        .await
        .unwrap();
    yamada.recv_kept("case", |_| true).await.unwrap();
    yamada
        .send(json!({"type":"transfer","escalation_id": id,"desk":"general","note": HOSTILE}))
        .await
        .unwrap();
    inert(&counselor, ".console", "window.__pwned=1</script>").await;

    // Voice comments, as the administrator reads them (the page's HTML comes from the server
    // and is put in place whole: its escaping is what keeps them words).
    let admin = world.browser().await;
    staff_sign_in(
        &world,
        &admin,
        &base,
        ("すずき", "すずき（管理者）"),
        PASSWORD,
    )
    .await;
    click(&admin, ".staff-line [data-open='figures']").await;
    click(&admin, "[data-figures='other']").await;
    inert(
        &admin,
        "[data-voices='released']",
        "window.__pwned=1</script>ほっとした",
    )
    .await;
    let released = admin.texts("[data-voices='released'] li").await.unwrap();
    assert_eq!(released.len(), 3, "{released:?}");

    for browser in [viewer, facilitator, counselor, admin] {
        browser.close().await.unwrap();
    }
}
