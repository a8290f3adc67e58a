//! Several desks behind one door (issue 19), as each person meets it: the two optional
//! questions when asking for a counselor (「答えない」 first and chosen, and why they are
//! asked), a case passed to another desk as the person sees it (which desk, and that what
//! they shared went along) and as its counselor does (nobody on duty there: the case waits,
//! another desk may be chosen); the supervisor's console (every desk in counts and waiting
//! times, never a handle or words), observing a case (the person told at once, and able to
//! ask them to leave), whispers between the counselor and the supervisor that the person
//! never sees, and a canned reply put in the counselor's message box to edit. axe-core on
//! each new view; phone and desktop screenshots in the artifacts.

use super::*;

const PASSWORD: &str = "a long staff password";

/// The youth desk's canned replies: (title, text).
const REPLIES: [(&str, &str); 2] = [
    (
        "はじめのあいさつ",
        "こんばんは。相談員のたなかです。ゆっくりで大丈夫です。",
    ),
    ("休憩の提案", "少し休みましょうか。"),
];

/// A staff file with two desks — 「若者の相談（15〜39歳）」 (ages 15-39, with canned replies)
/// and 「総合相談」 —, the counselor たなか at the youth desk, and the supervisor さとう.
fn desks_staff_file(world: &World, dir: &std::path::Path) -> std::path::PathBuf {
    let line =
        ibasho_tests::process::hash_with(&world.setup.server_binary, "hash-password", PASSWORD)
            .unwrap();
    let replies: String = REPLIES
        .iter()
        .map(|(title, text)| format!("[[desk.reply]]\ntitle = \"{title}\"\ntext = \"{text}\"\n\n"))
        .collect();
    let file = dir.join("staff.toml");
    std::fs::write(
        &file,
        format!(
            "[[desk]]\nid = \"youth\"\nname = \"若者の相談（15〜39歳）\"\n\
             name_en = \"Youth desk (15-39)\"\nages = [\"15-39\"]\n\n{replies}\
             [[desk]]\nid = \"general\"\nname = \"総合相談\"\n\n\
             [[staff]]\nname = \"たなか\"\nrole = \"counselor\"\ndesks = [\"youth\"]\n{line}\n\
             [[staff]]\nname = \"さとう\"\nrole = \"supervisor\"\n{line}\n"
        ),
    )
    .unwrap();
    file
}

/// A server with the two desks, and the counselor たなか on duty in a browser.
async fn with_desks() -> (World, ServerProcess, Browser) {
    let world = World::new().await;
    let dir = tempfile::tempdir().unwrap();
    let staff = desks_staff_file(&world, dir.path());
    let server = world.server(&["--staff", staff.to_str().unwrap()]).await;
    let counselor = world.browser().await;
    counselor_on_duty(&world, &counselor, &base(&server), PASSWORD).await;
    (world, server, counselor)
}

async fn screenshot(world: &World, browser: &Browser, name: &str) {
    browser
        .screenshot_to(&world.setup.artifacts.join(format!("desks-{name}.png")))
        .await
        .unwrap();
}

/// Asserts that the last element matching `css` is seen: visible, in view, reachable.
async fn seen(browser: &Browser, css: &str, what: &str) {
    let seen = browser.seen(css).await.unwrap();
    assert_eq!(seen, "ok", "{what}: {css}");
}

/// The person asks for a counselor from the room's menu, and sees the two questions.
async fn ask_with_questions(world: &World, person: &Browser, check: bool) {
    room_menu(person, "ask").await;
    person
        .wait_for_text(".dialog.confirm .routing", "答えなくても大丈夫です")
        .await
        .unwrap();
    if !check {
        return;
    }
    // 「答えない」 is first and chosen in both: answering nothing is one tap, as before.
    let chosen = person
        .js(
            "return [...document.querySelectorAll('.routing fieldset')].map(f => {
               const first = f.querySelector('input');
               return [f.querySelector('legend').innerText, first.checked,
                       first.closest('label').innerText];
             });",
        )
        .await
        .unwrap();
    assert_eq!(
        chosen,
        serde_json::json!([
            ["どなたのことですか", true, "答えない"],
            ["ご本人の年代", true, "答えない"]
        ])
    );
    for (css, what) in [
        (".routing .hint", "why it asks"),
        ("label.choice:has(input[value='family'])", "ご家族のこと"),
        ("label.choice:has(input[value='65+'])", "65歳以上"),
        (
            ".dialog.confirm [data-confirm='yes']",
            "相談員を呼ぶ, without scrolling",
        ),
        (".quick-exit", "the quick exit over the dialog"),
    ] {
        seen(person, css, what).await;
    }
    accessible(world, person, "the two optional questions").await;
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn a_person_may_answer_two_questions_and_is_told_calmly_when_passed_to_another_desk() {
    let (world, server, counselor) = with_desks().await;
    let base = base(&server);

    // On a phone, the person asks: the questions come in the same one step.
    let person = world.browser().await;
    person.client.set_window_size(390, 844).await.unwrap();
    enter(&person, &base, "lounge", "みどり").await;
    ask_with_questions(&world, &person, true).await;
    screenshot(&world, &person, "questions-phone").await;
    click(&person, "label.choice:has(input[value='self'])").await;
    click(&person, "label.choice:has(input[value='15-39'])").await;
    confirm(&person).await;
    // Routed by the answers: the youth desk, named on the card.
    person
        .wait_for_text(
            ".counsel-card [data-counsel='desk']",
            "若者の相談（15〜39歳）",
        )
        .await
        .unwrap();
    accessible(&world, &person, "the waiting card with its desk").await;
    let item = counselor
        .wait_for_text(".queue li", "若者の相談（15〜39歳）")
        .await
        .unwrap();
    assert!(!item.text().await.unwrap().contains("みどり"));

    // They talk; then the counselor passes the case to the general desk, with a note.
    click(&counselor, "[data-console='claim']").await;
    person
        .wait_for_text("#room-title", "相談員との部屋")
        .await
        .unwrap();
    write(&person, "がっこうのことで、はなしたいです").await;
    counselor
        .wait_for_text(".messages li.message .text", "がっこうのことで")
        .await
        .unwrap();
    click(&counselor, ".case [data-transfer='open']").await;
    counselor
        .wait_for(".case .transfer textarea")
        .await
        .unwrap()
        .send_keys("学校のことでつらいそうです")
        .await
        .unwrap();
    seen(
        &counselor,
        ".case [data-desk='general']",
        "「総合相談」につなぐ",
    )
    .await;
    accessible(&world, &counselor, "the transfer form").await;
    screenshot(&world, &counselor, "transfer-desktop").await;
    click(&counselor, ".case [data-desk='general']").await;

    // Nobody is on duty at the general desk: the counselor is told it waits there.
    counselor.wait_for("#console-title").await.unwrap();
    counselor
        .wait_for_text(
            "[data-console='parked']",
            "「総合相談」にはいま受付中の相談員がいません",
        )
        .await
        .unwrap();
    seen(
        &counselor,
        "[data-console='parked'] [data-transfer='open']",
        "another desk",
    )
    .await;
    gone(&counselor, ".case").await;
    accessible(
        &world,
        &counselor,
        "a transfer waiting at a desk with nobody",
    )
    .await;
    screenshot(&world, &counselor, "transfer-waiting-desktop").await;

    // The person is back in the lounge: which desk, and that they need not say it again.
    person
        .wait_for_text("#room-title", "ラウンジ")
        .await
        .unwrap();
    person
        .wait_for_text(
            ".counsel-card [data-counsel='transferred']",
            "総合相談の担当者におつなぎします",
        )
        .await
        .unwrap();
    person
        .wait_for_text(".counsel-card", "同じ話をくり返さなくて大丈夫です")
        .await
        .unwrap();
    seen(
        &person,
        ".counsel-card [data-counsel='transferred']",
        "the transfer",
    )
    .await;
    let card = person.texts(".counsel-card").await.unwrap().concat();
    assert!(
        !card.contains("学校のこと"),
        "the note is for staff alone: {card}"
    );
    accessible(&world, &person, "the waiting card after a transfer").await;
    screenshot(&world, &person, "transferred-phone").await;

    // Someone who answers nothing goes where anyone fits (not the desk for ages 15-39).
    let other = world.browser().await;
    enter(&other, &base, "lounge", "あお").await;
    ask_with_questions(&world, &other, false).await;
    confirm(&other).await;
    other
        .wait_for_text(".counsel-card [data-counsel='desk']", "総合相談")
        .await
        .unwrap();
    assert!(counselor.texts(".queue li").await.unwrap().is_empty());
    for browser in [counselor, person, other] {
        browser.close().await.unwrap();
    }
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn a_supervisor_sees_every_desk_observes_when_called_and_whispers_with_the_counselor() {
    let (world, server, counselor) = with_desks().await;
    let base = base(&server);

    // The supervisor goes on duty in their console.
    let supervisor = world.browser().await;
    staff_sign_in(
        &world,
        &supervisor,
        &base,
        ("さとう", "さとう（スーパーバイザー）"),
        PASSWORD,
    )
    .await;
    click(&supervisor, "[data-open='supervision']").await;
    click(&supervisor, "[data-do='duty']").await;
    supervisor
        .wait_for(".supervision .duty[data-duty='true']")
        .await
        .unwrap();
    supervisor
        .wait_for_text(
            ".desk-overview li[data-desk='youth']",
            "受付中の相談員: 1人",
        )
        .await
        .unwrap();
    supervisor
        .wait_for_text(
            ".desk-overview li[data-desk='general']",
            "受付中の相談員: 0人",
        )
        .await
        .unwrap();
    accessible(&world, &supervisor, "the supervisor's console").await;

    // A person asks (aged 15-39): the youth desk's queue, then its case, in counts only.
    let person = world.browser().await;
    person.client.set_window_size(390, 844).await.unwrap();
    enter(&person, &base, "lounge", "みどり").await;
    ask_with_questions(&world, &person, false).await;
    click(&person, "label.choice:has(input[value='15-39'])").await;
    confirm(&person).await;
    supervisor
        .wait_for_text(".desk-overview li[data-desk='youth']", "待っている人: 1人")
        .await
        .unwrap();
    click(&counselor, "[data-console='claim']").await;
    person
        .wait_for_text("#room-title", "相談員との部屋")
        .await
        .unwrap();
    write(&person, "はなしをきいてください").await;
    counselor
        .wait_for_text(".messages li.message .text", "はなしをきいてください")
        .await
        .unwrap();
    supervisor
        .wait_for_text(".supervision li[data-escalation]", "相談員と話しています")
        .await
        .unwrap();
    supervisor
        .wait_for_text(".desk-overview li[data-desk='youth']", "対応中の相談: 1件")
        .await
        .unwrap();
    let console = supervisor.texts(".supervision").await.unwrap().concat();
    for private in ["みどり", "はなしをきいて", "たなか"] {
        assert!(!console.contains(private), "{private} in {console}");
    }
    accessible(&world, &supervisor, "the supervisor's console with a case").await;
    screenshot(&world, &supervisor, "supervisor-desktop").await;
    supervisor.client.set_window_size(390, 844).await.unwrap();
    screenshot(&world, &supervisor, "supervisor-phone").await;
    supervisor.client.set_window_size(1000, 1100).await.unwrap();

    // The counselor calls a supervisor; the supervisor is called (the case says so, first
    // in the list), and comes in.
    click(&counselor, "[data-do='ask_supervisor']").await;
    counselor
        .wait_for_text(".case", "スーパーバイザーを呼びました")
        .await
        .unwrap();
    supervisor
        .wait_for_text(
            ".supervision li.urgent[data-escalation]",
            "サポートを求めています",
        )
        .await
        .unwrap();
    // Read out where the supervisor may not be looking: which desk, and since when.
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    loop {
        let said = supervisor
            .js("return document.querySelector('#announcer').textContent;")
            .await
            .unwrap();
        if said
            .as_str()
            .unwrap_or_default()
            .contains("「若者の相談（15〜39歳）」の相談員がサポートを求めています")
        {
            break;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "the call read out: {said}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    seen(
        &supervisor,
        "li.urgent [data-do='observe']",
        "同席する, on the call",
    )
    .await;
    accessible(&world, &supervisor, "a counselor asking for a supervisor").await;
    screenshot(&world, &supervisor, "call-desktop").await;
    click(&supervisor, "li.urgent [data-do='observe']").await;

    // Observing: the room, read-only, with the case and the whispers.
    supervisor
        .wait_for_text("#room-title", "相談員との部屋")
        .await
        .unwrap();
    supervisor
        .wait_for_text(".messages li.message .text", "はなしをきいてください")
        .await
        .unwrap();
    seen(&supervisor, "[data-room='read-only']", "read-only, said").await;
    seen(&supervisor, "[data-do='stop']", "同席をやめる").await;
    assert!(supervisor.texts("#composer").await.unwrap().is_empty());
    assert!(
        supervisor
            .texts(".messages .reaction")
            .await
            .unwrap()
            .is_empty()
    );

    // The person is told at once, in the room, with one tap to ask them to leave.
    person
        .wait_for_text(
            "[data-counsel='observer']",
            "スーパーバイザーが相談員のサポートのために同席しています",
        )
        .await
        .unwrap();
    seen(&person, "[data-counsel='observer']", "the observer, told").await;
    seen(&person, "[data-do='decline-observer']", "退席をお願いする").await;
    accessible(&world, &person, "a supervisor in the person's room").await;
    screenshot(&world, &person, "observer-phone").await;
    counselor
        .wait_for_text(".case .observed", "スーパーバイザーが同席しています")
        .await
        .unwrap();

    // Whispers, both ways: the counselor and the supervisor alone.
    let whisper = "ゆっくり聞いてあげてください";
    let answer = "わかりました、ありがとうございます";
    supervisor
        .wait_for(".whispers input")
        .await
        .unwrap()
        .send_keys(&format!("{whisper}{ENTER}"))
        .await
        .unwrap();
    counselor
        .wait_for_text(".whispers li", whisper)
        .await
        .unwrap();
    counselor
        .wait_for(".whispers input")
        .await
        .unwrap()
        .send_keys(&format!("{answer}{ENTER}"))
        .await
        .unwrap();
    supervisor
        .wait_for_text(".whispers li", answer)
        .await
        .unwrap();
    accessible(&world, &supervisor, "observing, with whispers").await;
    screenshot(&world, &supervisor, "observing-desktop").await;
    accessible(
        &world,
        &counselor,
        "the case with a supervisor and whispers",
    )
    .await;
    screenshot(&world, &counselor, "whispers-desktop").await;

    // A canned reply: searched, put in the box, edited, then sent as an ordinary message.
    click(&counselor, "[data-replies='open']").await;
    counselor
        .wait_for("[data-replies='search']")
        .await
        .unwrap()
        .send_keys("あいさつ")
        .await
        .unwrap();
    gone(&counselor, "[data-reply='休憩の提案']").await;
    accessible(&world, &counselor, "the canned replies").await;
    screenshot(&world, &counselor, "replies-desktop").await;
    click(&counselor, "[data-reply='はじめのあいさつ']").await;
    let composer = counselor.wait_for("#composer").await.unwrap();
    let deadline = tokio::time::Instant::now() + STEP_WAIT;
    while composer.prop("value").await.unwrap().unwrap_or_default() != REPLIES[0].1 {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the reply in the box"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    composer.send_keys("何でも話してください。").await.unwrap();
    // Never sent by itself.
    assert!(
        !person
            .texts(".messages")
            .await
            .unwrap()
            .concat()
            .contains("相談員のたなかです")
    );
    composer.send_keys(ENTER).await.unwrap();
    person
        .wait_for_text(
            ".messages li.message .text",
            "ゆっくりで大丈夫です。何でも話してください。",
        )
        .await
        .unwrap();
    let seen_by_person = person.texts("body").await.unwrap().concat();
    for staff_only in [whisper, answer] {
        assert!(!seen_by_person.contains(staff_only), "{staff_only}");
    }

    // The person asks the supervisor to leave: gone from the room, and told so.
    click(&person, "[data-do='decline-observer']").await;
    gone(&person, "[data-counsel='observer']").await;
    person
        .wait_for_text(".notice", "スーパーバイザーは退席しました")
        .await
        .unwrap();
    supervisor.wait_for("#supervision-title").await.unwrap();
    gone(&counselor, ".case .observed").await;
    gone(&counselor, ".whispers").await;
    for browser in [counselor, supervisor, person] {
        browser.close().await.unwrap();
    }
}

/// How long the canned reply may take to reach the box.
const STEP_WAIT: Duration = Duration::from_secs(5);
