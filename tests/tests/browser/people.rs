//! What new users hit, fixed (issue 16), each as the person meets it: the quick exit over
//! every dialog, card and overlay; a parent entering a family room as it is; a facilitator
//! asked before muting or removing, told what was done, with an undo and the list of who is
//! muted; an alert raised before a facilitator came reaching them, with its message; a 1:1
//! ended on either side told to the other (the outcome recorded, a parting card); and a
//! closed room that opens while the tab is open, told.

use super::*;

/// The Tokyo wall clock (Japan keeps no summer time), for schedules made relative to now.
fn tokyo_now() -> jiff::civil::DateTime {
    let offset = jiff::tz::Offset::constant(9);
    jiff::tz::TimeZone::fixed(offset).to_datetime(jiff::Timestamp::now())
}

/// Asserts that the quick exit is seen (visible, in view, and what a tap reaches) now.
async fn quick_exit_reachable(browser: &Browser, over: &str) {
    let seen = browser.seen(".quick-exit").await.unwrap();
    assert_eq!(seen, "ok", "the quick exit over {over}");
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn the_quick_exit_can_be_tapped_over_every_dialog_card_and_overlay() {
    let world = World::new().await;
    let dir = tempfile::tempdir().unwrap();
    // A counselor is next on duty in about two hours (nobody is on duty now).
    let start = tokyo_now()
        .checked_add(jiff::SignedDuration::from_hours(2))
        .unwrap();
    let window = format!(
        "Mon-Sun {:02}:00-{:02}:00",
        start.hour(),
        (start.hour() + 1).min(24)
    );
    let staff = counsel_staff_file(&world.setup.server_binary, dir.path(), Some(&window));
    let port = free_port().unwrap();
    let bind = format!("127.0.0.1:{port}");
    let exit = format!("http://127.0.0.1:{port}/healthz");
    let server = world
        .server(&[
            "--bind",
            &bind,
            "--exit-url",
            &exit,
            "--staff",
            staff.to_str().unwrap(),
        ])
        .await;
    let base = base(&server);
    let facilitator = world.browser().await;
    facilitator_in(&world, &facilitator, &base, COUNSEL_PASSWORD, "lounge").await;
    write(&facilitator, "ようこそ、ゆっくりどうぞ").await;

    let person = world.browser().await;
    person.client.set_window_size(390, 844).await.unwrap();
    enter(&person, &base, "lounge", "あおば").await;
    person
        .wait_for_text(".messages li.message .text", "ようこそ")
        .await
        .unwrap();
    write(&person, "こんばんは").await;

    // The room's menu, a message's menu, the report form, the settings.
    click(&person, "[data-room-menu='open']").await;
    person
        .wait_seen(".sheet [data-room-menu='back']")
        .await
        .unwrap();
    quick_exit_reachable(&person, "the room's menu").await;
    accessible(&world, &person, "the room's menu").await;
    click(&person, ".sheet [data-room-menu='close']").await;
    click(&person, "li.message:not(.mine) [data-menu='open']").await;
    person
        .wait_seen(".sheet [data-menu='report']")
        .await
        .unwrap();
    quick_exit_reachable(&person, "a message's menu").await;
    click(&person, ".sheet [data-menu='report']").await;
    person.wait_seen(".dialog.report").await.unwrap();
    quick_exit_reachable(&person, "the report form").await;
    click(&person, ".dialog.report button[type=button]").await;
    room_menu(&person, "settings").await;
    person.wait_seen(".settings-sheet").await.unwrap();
    quick_exit_reachable(&person, "the settings").await;
    click(&person, "[data-settings='close']").await;

    // Asking for a counselor asks first; with nobody on duty, a short card: when one comes,
    // a line or two of help (the rest behind 「ほかの窓口」), never 119 for a wish to talk.
    room_menu(&person, "ask").await;
    person.wait_seen(".dialog.confirm").await.unwrap();
    quick_exit_reachable(&person, "the question asked first").await;
    accessible(&world, &person, "the question asked first").await;
    confirm(&person).await;
    let card = person
        .wait_for_text(".counsel-card", "相談員が次に来るのは")
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(card.contains("今日") || card.contains("明日"), "{card}");
    assert!(card.contains("（あと"), "{card}");
    let shown = person
        .js(
            "return [...document.querySelectorAll('.counsel-card .help-lines li')]
                .filter(li => li.checkVisibility()).length;",
        )
        .await
        .unwrap();
    assert!(
        (1..=2).contains(&shown.as_u64().unwrap()),
        "{shown} lines shown at once"
    );
    assert!(!card.contains("119"), "{card}");
    person
        .wait_for_text(".counsel-card summary", "ほかの窓口")
        .await
        .unwrap();
    quick_exit_reachable(&person, "the waiting card").await;
    accessible(&world, &person, "the short card with nobody on duty").await;
    person
        .screenshot_to(&world.setup.artifacts.join("no-counselor-phone.png"))
        .await
        .unwrap();
    // Choosing to write while waiting puts the cursor in the message box.
    click(&person, "[data-counsel='write']").await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
    while person
        .js("return document.activeElement && document.activeElement.id;")
        .await
        .unwrap()
        != "composer"
    {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the cursor is not in the message box"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    click(&person, "[data-counsel='cancel']").await;
    person
        .wait_for_text(".counsel-card", "依頼を取り消しました")
        .await
        .unwrap();

    // A facilitator's suggestion: the consent dialog. The quick exit is above it, and works.
    escalate_message(&facilitator, "こんばんは").await;
    person
        .wait_for_text(".dialog.consent", "こんばんは")
        .await
        .unwrap();
    quick_exit_reachable(&person, "the consent dialog").await;
    let before = person.js("return history.length").await.unwrap();
    click(&person, ".quick-exit").await;
    person
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_url(&exit.parse().unwrap())
        .await
        .unwrap();
    assert_eq!(person.js("return history.length").await.unwrap(), before);
    assert_eq!(person.js("return sessionStorage.length").await.unwrap(), 0);
    for browser in [facilitator, person] {
        browser.close().await.unwrap();
    }
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn a_parent_enters_a_family_room_leaving_the_choices_as_they_are() {
    let world = World::new().await;
    let dir = tempfile::tempdir().unwrap();
    let later = jiff::Timestamp::now()
        .checked_add(jiff::SignedDuration::from_hours(24 * 100))
        .unwrap();
    let day = jiff::tz::TimeZone::UTC.to_datetime(later).date();
    let catalogue = scheduled_catalogue(dir.path(), day);
    let server = world
        .server(&["--catalogue", catalogue.to_str().unwrap()])
        .await;
    let parent = world.browser().await;
    parent.client.set_window_size(390, 844).await.unwrap();
    parent.open(&base(&server)).await.unwrap();
    click(
        &parent,
        "li[aria-labelledby='room-kazokukai'] button.primary",
    )
    .await;
    parent.wait_for("#entry-word").await.unwrap();
    // In a family room, 「家族」 is already chosen.
    let chosen = parent
        .js(
            "const checked = [...document.querySelectorAll('input[name=role]')]
                .find(input => input.checked);
             return checked ? checked.closest('label').innerText.trim() : null;",
        )
        .await
        .unwrap();
    assert_eq!(chosen, "家族");
    let word = parent.wait_for("#entry-word").await.unwrap();
    word.send_keys("あじさい").await.unwrap();
    click(&parent, ".entry button[type=submit]").await;
    parent.wait_for_text("#room-title", "家族会").await.unwrap();
    parent.wait_seen("#composer").await.unwrap();
    assert!(parent.texts(".notice").await.unwrap().concat().is_empty());
    parent.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn a_facilitator_is_asked_before_muting_or_removing_and_can_undo_a_mute() {
    let world = World::new().await;
    let dir = tempfile::tempdir().unwrap();
    let staff = counsel_staff_file(&world.setup.server_binary, dir.path(), None);
    let server = world.server(&["--staff", staff.to_str().unwrap()]).await;
    let base = base(&server);
    let facilitator = world.browser().await;
    facilitator_in(&world, &facilitator, &base, COUNSEL_PASSWORD, "lounge").await;
    // An always-open room: nothing to keep open longer, no agenda to move.
    for absent in [
        "facilitate.extend",
        "facilitate.next",
        "facilitate.previous",
    ] {
        let seen = facilitator
            .seen(&format!("[data-action='{absent}']"))
            .await
            .unwrap();
        assert_eq!(seen, "no size", "{absent}");
    }
    facilitator
        .wait_seen("[data-action='facilitate.start_round']")
        .await
        .unwrap();
    let person = world.browser().await;
    enter(&person, &base, "lounge", "あらし").await;
    write(&person, "うるさいな").await;
    facilitator
        .wait_for_text(".messages li.message .text", "うるさいな")
        .await
        .unwrap();

    // Mute asks first; saying no does nothing.
    message_menu(&facilitator, "li.message:not(.mine)", "mute").await;
    facilitator
        .wait_for_text(".dialog.confirm", "あらしさんを10分ミュートしますか")
        .await
        .unwrap();
    facilitator
        .wait_seen(".dialog.confirm [data-confirm='no']")
        .await
        .unwrap();
    accessible(&world, &facilitator, "asked before muting").await;
    click(&facilitator, ".dialog.confirm [data-confirm='no']").await;
    gone(&facilitator, ".dialog.confirm").await;
    write(&person, "まだ書ける").await;
    facilitator
        .wait_for_text(".messages li.message .text", "まだ書ける")
        .await
        .unwrap();
    // Yes: muted; the facilitator is told, sees who is muted, and can undo it.
    message_menu(&facilitator, "li.message:not(.mine)", "mute").await;
    confirm(&facilitator).await;
    facilitator
        .wait_for_text(".done-line", "あらしさんを10分ミュートしました")
        .await
        .unwrap();
    facilitator
        .wait_for_text(".muted-list", "あらしさん")
        .await
        .unwrap();
    person
        .wait_for_text(".notice", "この部屋では書き込めません")
        .await
        .unwrap();
    accessible(&world, &facilitator, "a mute told, with its undo").await;
    facilitator
        .screenshot_to(&world.setup.artifacts.join("facilitator-muted-desktop.png"))
        .await
        .unwrap();
    click(&facilitator, "[data-done='undo']").await;
    gone(&facilitator, ".muted-list").await;
    person
        .wait_for_text(".notice", "また書き込めるようになりました")
        .await
        .unwrap();

    // Asking to leave asks first too; then the person is in the lobby, told calmly.
    message_menu(&facilitator, "li.message:not(.mine)", "remove").await;
    facilitator
        .wait_for_text(".dialog.confirm", "退室してもらいますか")
        .await
        .unwrap();
    confirm(&facilitator).await;
    facilitator
        .wait_for_text(".done-line", "あらしさんに退室してもらいました")
        .await
        .unwrap();
    person.wait_for(".rooms").await.unwrap();
    // Ending the sitting now asks first.
    click(&facilitator, "[data-mod='close']").await;
    facilitator
        .wait_for_text(".dialog.confirm", "この回をいま終えますか")
        .await
        .unwrap();
    click(&facilitator, ".dialog.confirm [data-confirm='no']").await;
    gone(&facilitator, ".dialog.confirm").await;
    for browser in [facilitator, person] {
        browser.close().await.unwrap();
    }
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn an_alert_raised_before_a_facilitator_came_reaches_them_with_its_message() {
    let world = World::new().await;
    let dir = tempfile::tempdir().unwrap();
    let staff = counsel_staff_file(&world.setup.server_binary, dir.path(), None);
    let server = world
        .server(&[
            "--staff",
            staff.to_str().unwrap(),
            "--says-per-second",
            "100",
            "--says-burst",
            "100",
        ])
        .await;
    let base = base(&server);
    let person = world.browser().await;
    enter(&person, &base, "lounge", "かぜ").await;
    write(&person, "もう消えたい").await;
    person.wait_for(".support").await.unwrap();
    for n in 0..12 {
        write(&person, &format!("ほかの話 {n}")).await;
    }
    person
        .wait_for_text(".messages li.message:not(.pending) .text", "ほかの話 11")
        .await
        .unwrap();

    // The facilitator comes in later: the alert is on their desk, naming who wrote it.
    let facilitator = world.browser().await;
    facilitator.client.set_window_size(390, 844).await.unwrap();
    dark(&facilitator).await;
    facilitator_in(&world, &facilitator, &base, COUNSEL_PASSWORD, "lounge").await;
    let alert = facilitator
        .wait_for_text(".alert-card.crisis", "かぜさん")
        .await
        .unwrap();
    assert!(alert.text().await.unwrap().contains("つらさ"));
    accessible(&world, &facilitator, "an alert on the desk").await;
    // 「発言を見る」 brings the message into view, marked.
    click(&facilitator, ".alert-card [data-desk='show']").await;
    facilitator
        .wait_seen(".messages li.message.highlight")
        .await
        .unwrap();
    let marked = facilitator
        .texts(".messages li.message.highlight .text")
        .await
        .unwrap();
    assert_eq!(marked, ["もう消えたい"]);
    facilitator
        .screenshot_to(&world.setup.artifacts.join("desk-alert-phone.png"))
        .await
        .unwrap();
    // Seen to (a crisis alert asks first): off the desk, also for staff who come later.
    click(&facilitator, ".alert-card [data-desk='dismiss']").await;
    facilitator
        .wait_for_text(".dialog.confirm", "確認済みにしますか")
        .await
        .unwrap();
    confirm(&facilitator).await;
    gone(&facilitator, ".alert-card").await;
    // (Another staff member: ひかり is in the room already.)
    let later = world.browser().await;
    staff_sign_in(
        &world,
        &later,
        &base,
        ("たなか", "たなか（相談員）"),
        COUNSEL_PASSWORD,
    )
    .await;
    click(&later, "li[aria-labelledby='room-lounge'] button.primary").await;
    click(&later, ".entry button[type=submit]").await;
    later.wait_for(".staff-panel").await.unwrap();
    // Alerts come to a desk before anything said after one came in: once this is here,
    // no alert will come.
    write(&person, "あとから来た人へ").await;
    later
        .wait_for_text(".messages li.message .text", "あとから来た人へ")
        .await
        .unwrap();
    assert!(later.texts(".alert-card").await.unwrap().is_empty());
    for browser in [facilitator, person, later] {
        browser.close().await.unwrap();
    }
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn ending_a_one_to_one_on_either_side_is_told_to_the_other_and_the_outcome_recorded() {
    let (world, server, counselor) = with_a_counselor_on_duty().await;
    // Both on phones; the counselor's dark.
    counselor.client.set_window_size(390, 844).await.unwrap();
    dark(&counselor).await;
    let base = base(&server);
    let person = world.browser().await;
    person.client.set_window_size(390, 844).await.unwrap();
    enter(&person, &base, "lounge", "みどり").await;

    for round in ["the person ends it", "the counselor ends it"] {
        room_menu(&person, "ask").await;
        confirm(&person).await;
        counselor
            .wait_for(".queue [data-console='claim']")
            .await
            .unwrap();
        if round == "the person ends it" {
            accessible(&world, &counselor, "the console with a request, dark").await;
        }
        click(&counselor, "[data-console='claim']").await;
        person
            .wait_for_text("#room-title", "相談員との部屋")
            .await
            .unwrap();
        // In the room there is nothing to go to, and nothing like "just listen".
        assert!(
            person
                .texts("[data-counsel='open-room']")
                .await
                .unwrap()
                .is_empty()
        );
        click(&person, "[data-room-menu='open']").await;
        person
            .wait_seen(".sheet [data-room-menu='end']")
            .await
            .unwrap();
        assert!(
            person
                .texts(".sheet [data-room-menu='listen']")
                .await
                .unwrap()
                .is_empty()
        );
        click(&person, ".sheet [data-room-menu='close']").await;
        write(&person, &format!("{round}: ありがとう")).await;
        counselor
            .wait_for_text(".messages li.message .text", "ありがとう")
            .await
            .unwrap();
        counselor.wait_seen("#composer").await.unwrap();
        let sideways = counselor
            .js("return document.documentElement.scrollWidth > window.innerWidth + 1;")
            .await
            .unwrap();
        assert_eq!(sideways, false, "the counselor's room on a phone");
        counselor
            .screenshot_to(&world.setup.artifacts.join("case-room-phone.png"))
            .await
            .unwrap();
        if round == "the person ends it" {
            room_menu(&person, "end").await;
            person
                .wait_for_text(".dialog.confirm", "相談を終えますか")
                .await
                .unwrap();
            confirm(&person).await;
            // The counselor is told, and records what came of it.
            let card = counselor
                .wait_for_text(".case.left", "みどりさんが相談を終えました")
                .await
                .unwrap();
            assert!(
                card.text()
                    .await
                    .unwrap()
                    .contains("結果を記録してください")
            );
            accessible(&world, &counselor, "a case the person ended").await;
            counselor
                .wait_for(".case.left [data-console='outcome']")
                .await
                .unwrap()
                .select_by_value("talked")
                .await
                .unwrap();
            counselor
                .screenshot_to(&world.setup.artifacts.join("console-person-left-phone.png"))
                .await
                .unwrap();
            click(&counselor, ".case.left [data-console='end']").await;
            counselor
                .wait_for_text(".notice", "結果を記録しました")
                .await
                .unwrap();
            gone(&counselor, ".case").await;
        } else {
            // The counselor chooses an outcome (none is assumed) and is asked first.
            let end_disabled = counselor
                .js("return document.querySelector(\"[data-console='end']\").disabled;")
                .await
                .unwrap();
            assert_eq!(end_disabled, true, "an outcome must be chosen");
            counselor
                .wait_for("[data-console='outcome']")
                .await
                .unwrap()
                .select_by_value("referred")
                .await
                .unwrap();
            click(&counselor, "[data-console='end']").await;
            counselor
                .wait_for_text(".dialog.confirm", "別の窓口を紹介した")
                .await
                .unwrap();
            confirm(&counselor).await;
            gone(&counselor, ".case").await;
        }
        // Either way the person is back in the room they came from, with parting words.
        person
            .wait_for_text("#room-title", "ラウンジ")
            .await
            .unwrap();
        let parting = person
            .wait_for_text(".counsel-card", "またいつでも")
            .await
            .unwrap();
        assert!(parting.text().await.unwrap().contains("相談を終えました"));
        person.wait_seen(".counsel-card").await.unwrap();
        accessible(&world, &person, "the parting card").await;
        person
            .screenshot_to(&world.setup.artifacts.join("parting-phone.png"))
            .await
            .unwrap();
        click(&person, "[data-counsel='dismiss']").await;
    }
    for browser in [counselor, person] {
        browser.close().await.unwrap();
    }
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn a_closed_room_that_opens_while_the_tab_is_open_is_told() {
    let world = World::new().await;
    let dir = tempfile::tempdir().unwrap();
    // A sitting ten minutes from now (a facilitator may open it early). A sitting cannot
    // cross midnight (the catalogue has no "24:00"): late in the evening it ends at 23:59,
    // and one that would start at 23:59 starts a minute later, on the next day.
    let mut start = tokyo_now()
        .checked_add(jiff::SignedDuration::from_mins(10))
        .unwrap();
    if (start.hour(), start.minute()) == (23, 59) {
        start = start
            .checked_add(jiff::SignedDuration::from_mins(1))
            .unwrap();
    }
    let end = start
        .checked_add(jiff::SignedDuration::from_mins(60))
        .unwrap();
    let end = if end.date() == start.date() {
        format!("{:02}:{:02}", end.hour(), end.minute())
    } else {
        "23:59".to_owned()
    };
    let catalogue = dir.path().join("rooms.toml");
    std::fs::write(
        &catalogue,
        format!(
            "[[room]]\nid = \"lounge\"\ntitle = \"ラウンジ\"\ndescription = \"いつでも\"\n\
             kind = \"themed\"\ncapacity = 10\nopen = \"always\"\n\n\
             [[room]]\nid = \"yoru\"\ntitle = \"よるの部屋\"\ndescription = \"もうすぐ\"\n\
             kind = \"themed\"\ncapacity = 10\n\n[[room.session]]\ndate = \"{}\"\n\
             start = \"{:02}:{:02}\"\nend = \"{end}\"\n",
            start.date(),
            start.hour(),
            start.minute()
        ),
    )
    .unwrap();
    let staff = counsel_staff_file(&world.setup.server_binary, dir.path(), None);
    let server = world
        .server(&[
            "--catalogue",
            catalogue.to_str().unwrap(),
            "--staff",
            staff.to_str().unwrap(),
        ])
        .await;
    let person = world.browser().await;
    person.client.set_window_size(390, 844).await.unwrap();
    person.open(&base(&server)).await.unwrap();
    click(
        &person,
        "li[aria-labelledby='room-yoru'] [data-watch='toggle']",
    )
    .await;
    person
        .wait_for_text(
            "li[aria-labelledby='room-yoru'] [data-watch='toggle']",
            "開いたら知らせます",
        )
        .await
        .unwrap();
    let feed = person
        .wait_for("li[aria-labelledby='room-yoru'] a.calendar-link")
        .await
        .unwrap();
    assert_eq!(
        feed.attr("href").await.unwrap().as_deref(),
        Some("/schedule.ics?room=yoru")
    );
    accessible(&world, &person, "a closed room, watched").await;
    // Meanwhile the person is elsewhere (in another room).
    enter_from_lobby(&person, "lounge", "まつひと").await;

    // A facilitator opens it early: the tab says so, calmly.
    let mut staff = ibasho_tests::Client::connect(server.addr()).await.unwrap();
    staff
        .hello_with(ibasho_tests::staff_hello("ひかり", COUNSEL_PASSWORD))
        .await
        .unwrap();
    staff
        .send(serde_json::json!({"type":"facilitate","room":"yoru","action":"open_early"}))
        .await
        .unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        if !person.texts(".opened").await.unwrap().is_empty() {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "not told");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    person
        .wait_for_text(".opened", "「よるの部屋」が開きました")
        .await
        .unwrap();
    person
        .wait_seen(".opened [data-watch='enter']")
        .await
        .unwrap();
    let title = person.js("return document.title;").await.unwrap();
    assert_eq!(title, "（開きました）Ibasho（居場所）");
    accessible(&world, &person, "a watched room that opened").await;
    click(&person, ".opened [data-watch='enter']").await;
    person.wait_for("#handle").await.unwrap();
    assert_eq!(
        person.js("return document.title;").await.unwrap(),
        "Ibasho（居場所）"
    );
    person.close().await.unwrap();
}
