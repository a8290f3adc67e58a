//! The room on a phone, as a person meets it (issue 16): it opens at the newest message with
//! the message box in view — also while the on-screen keyboard takes half the screen; one's
//! own message is in view once sent; scrolled up to read, new messages wait behind a button
//! instead of moving the view; one menu per message and no form until asked; read aloud;
//! dark mode; nothing scrolls sideways at 320 px; every target at least 44 × 44. Each check
//! is of what a person sees: visible, inside the view, and what a tap at its centre reaches.

use super::*;

/// A server whose rate limits let a test fill a room quickly.
async fn roomy(world: &World, extra: &[&str]) -> ServerProcess {
    let mut args = ibasho_tests::process::GENEROUS_LIMITS.to_vec();
    args.extend_from_slice(extra);
    world.server(&args).await
}

/// `n` messages said in `room` over the WebSocket by はなしびと, who stays to say more.
async fn filled(server: &ServerProcess, room: &str, n: usize) -> ibasho_tests::Client {
    let mut talker = ibasho_tests::Client::member(server.addr(), "はなしびと", room)
        .await
        .unwrap();
    for i in 1..=n {
        talker
            .say_and_hear(room, &format!("{i}番目のメッセージです"), &format!("c{i}"))
            .await
            .unwrap();
    }
    talker
}

/// Asserts that the last element matching `css` is seen (visible, in view, reachable).
async fn assert_seen(browser: &Browser, css: &str, what: &str) {
    let seen = browser.seen(css).await.unwrap();
    assert_eq!(seen, "ok", "{what}: {css}");
}

/// Whether the page scrolls sideways.
async fn scrolls_sideways(browser: &Browser) -> bool {
    browser
        .js("return document.documentElement.scrollWidth > window.innerWidth + 1;")
        .await
        .unwrap()
        .as_bool()
        .unwrap()
}

/// The on-screen keyboard, as the page sees it: the visual viewport shrinks to `share` of
/// the window (and a resize is told), or comes back (`None`).
async fn keyboard(browser: &Browser, share: Option<f64>) {
    let script = match share {
        Some(share) => format!(
            "Object.defineProperty(window.visualViewport, 'height', {{configurable: true,
               get: () => Math.round(window.innerHeight * {share})}});
             window.visualViewport.dispatchEvent(new Event('resize')); return true;"
        ),
        None => "delete window.visualViewport.height;
                 window.visualViewport.dispatchEvent(new Event('resize')); return true;"
            .to_owned(),
    };
    browser.js(&script).await.unwrap();
}

/// Targets a thumb can hit that are smaller than 44 × 44 CSS px (a checkbox or radio counts
/// by its label; what is off the screen, like the skip link until focused, does not count).
async fn small_targets(browser: &Browser) -> serde_json::Value {
    browser
        .js(
            "return [...document.querySelectorAll('button, a, summary, select, textarea, input')]
                .filter(e => e.getClientRects().length > 0)
                .map(e => (e.type === 'checkbox' || e.type === 'radio') ? e.closest('label') : e)
                .filter(e => { const r = e.getBoundingClientRect();
                               return r.right > 0 && r.bottom > 0
                                 && (r.width < 43.5 || r.height < 43.5); })
                .map(e => e.outerHTML.slice(0, 80));",
        )
        .await
        .unwrap()
}

/// The text of the last message shown.
async fn last_message(browser: &Browser) -> String {
    browser
        .texts(".messages li.message .text")
        .await
        .unwrap()
        .pop()
        .unwrap_or_default()
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn on_a_phone_the_room_opens_at_its_newest_message_with_the_box_above_the_keyboard() {
    let world = World::new().await;
    let server = roomy(&world, &[]).await;
    let mut talker = filled(&server, "lounge", 100).await;
    let mut newest = "100番目のメッセージです".to_owned();
    for (width, height) in [(390, 844), (360, 640)] {
        let phone = world.browser().await;
        phone.client.set_window_size(width, height).await.unwrap();
        enter(&phone, &base(&server), "lounge", &format!("スマホ{width}")).await;
        phone
            .wait_for_text(".messages li.message .text", &newest)
            .await
            .unwrap();
        // The newest message and the message box, without scrolling; the quick exit too.
        phone.wait_seen(".messages li.message").await.unwrap();
        assert_eq!(last_message(&phone).await, newest);
        assert_seen(&phone, "#composer", "the message box").await;
        assert_seen(&phone, ".room-bar .quick-exit", "the quick exit").await;
        assert_seen(&phone, "#room-title", "the room's name").await;
        assert!(!scrolls_sideways(&phone).await);
        phone
            .screenshot_to(
                &world
                    .setup
                    .artifacts
                    .join(format!("room-phone-{width}.png")),
            )
            .await
            .unwrap();
        if width == 390 {
            accessible(&world, &phone, "a room on a phone").await;
        }

        // The keyboard takes almost half the screen: still the newest message and the box.
        keyboard(&phone, Some(0.55)).await;
        phone.wait_seen("#composer").await.unwrap();
        phone.wait_seen(".messages li.message").await.unwrap();
        assert_seen(
            &phone,
            ".room-bar .quick-exit",
            "the quick exit over the keyboard",
        )
        .await;
        phone
            .screenshot_to(
                &world
                    .setup
                    .artifacts
                    .join(format!("room-phone-{width}-keyboard.png")),
            )
            .await
            .unwrap();

        // One's own message is in view once sent.
        write(&phone, &format!("{width}から書きました")).await;
        phone
            .wait_for_text(
                "li.message.mine:not(.pending) .text",
                &format!("{width}から書きました"),
            )
            .await
            .unwrap();
        phone.wait_seen("li.message.mine").await.unwrap();

        // Scrolled up to read: a new message waits behind a button; the view stays put.
        phone
            .js(
                "const pane = document.querySelector('.messages'); pane.scrollTop = 0;
                 pane.dispatchEvent(new Event('scroll')); return true;",
            )
            .await
            .unwrap();
        // Up there it stays (no jump to the end still on its way).
        for _ in 0..3 {
            tokio::time::sleep(Duration::from_millis(100)).await;
            let top = phone
                .js("return document.querySelector('.messages').scrollTop;")
                .await
                .unwrap();
            assert!(
                top.as_f64().unwrap() < 1.0,
                "the view went back down: {top}"
            );
        }
        talker
            .say_and_hear(
                "lounge",
                &format!("{width}さん、ようこそ"),
                &format!("w{width}"),
            )
            .await
            .unwrap();
        phone
            .wait_for_text(".new-messages", "新しいメッセージ（1）")
            .await
            .unwrap();
        phone.wait_seen(".new-messages").await.unwrap();
        let top = phone
            .js("return document.querySelector('.messages').scrollTop;")
            .await
            .unwrap();
        assert!(top.as_f64().unwrap() < 50.0, "the view moved: {top}");
        assert_ne!(phone.seen(".messages li.message").await.unwrap(), "ok");
        accessible(&world, &phone, "a room with new messages below").await;
        click(&phone, ".new-messages").await;
        phone.wait_seen(".messages li.message").await.unwrap();
        newest = format!("{width}さん、ようこそ");
        assert_eq!(last_message(&phone).await, newest);
        gone(&phone, ".new-messages").await;
        keyboard(&phone, None).await;
        phone.close().await.unwrap();
    }
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn one_menu_per_message_no_form_until_asked_read_aloud_and_targets_a_thumb_can_hit() {
    let world = World::new().await;
    let server = roomy(&world, &[]).await;
    let mut talker = filled(&server, "lounge", 3).await;
    let phone = world.browser().await;
    phone.client.set_window_size(390, 844).await.unwrap();
    enter(&phone, &base(&server), "lounge", "よむひと").await;
    phone
        .wait_for_text(".messages li.message .text", "3番目のメッセージです")
        .await
        .unwrap();

    // No form, no select, no report link under the messages: a reaction row and 「…」.
    let forms = phone
        .js(
            "return [...document.querySelectorAll('form, select, .report')]
                .filter(e => e.getClientRects().length > 0 && !e.closest('.composer')).length;",
        )
        .await
        .unwrap();
    assert_eq!(forms, 0, "a form is showing before anyone asked for one");
    let tallest = phone
        .js(
            "return Math.max(...[...document.querySelectorAll('.messages li.message')]
                .map(li => li.getBoundingClientRect().height));",
        )
        .await
        .unwrap();
    assert!(
        tallest.as_f64().unwrap() < 140.0,
        "a message is {tallest} px tall"
    );

    // Every target a thumb can hit: 44 × 44 at least.
    assert_eq!(
        small_targets(&phone).await,
        serde_json::json!([]),
        "in a room"
    );

    // The menu of someone else's message: read aloud (the browser's own voice), report.
    phone
        .js("window.__spoken = [];
             window.speechSynthesis.speak = u => window.__spoken.push({text: u.text, lang: u.lang});
             return true;")
        .await
        .unwrap();
    click(&phone, "li.message:not(.mine) [data-menu='open']").await;
    phone
        .wait_seen(".sheet [data-menu='read-aloud']")
        .await
        .unwrap();
    accessible(&world, &phone, "a message's menu").await;
    phone
        .screenshot_to(&world.setup.artifacts.join("message-menu-phone.png"))
        .await
        .unwrap();
    click(&phone, ".sheet [data-menu='read-aloud']").await;
    let spoken = phone.js("return window.__spoken;").await.unwrap();
    assert_eq!(
        spoken,
        serde_json::json!([{"text": "1番目のメッセージです", "lang": "ja-JP"}])
    );
    message_menu(&phone, "li.message:not(.mine)", "report").await;
    phone.wait_seen(".dialog.report select").await.unwrap();
    accessible(&world, &phone, "the report form").await;
    click(&phone, ".dialog.report button[type=button]").await;
    gone(&phone, ".dialog.report").await;

    // Hiding someone: their messages fold into one line, on this device only.
    message_menu(&phone, "li.message:not(.mine)", "hide").await;
    phone
        .wait_for_text(".hidden-note", "はなしびと さんの発言3件を表示していません")
        .await
        .unwrap();
    assert_eq!(phone.texts(".hidden-note").await.unwrap().len(), 1);
    talker
        .say_and_hear("lounge", "まだいます", "c9")
        .await
        .unwrap();
    phone
        .wait_for_text(".hidden-note", "はなしびと さんの発言4件")
        .await
        .unwrap();
    assert_eq!(phone.texts(".hidden-note").await.unwrap().len(), 1);
    accessible(&world, &phone, "a room with someone hidden").await;
    phone.close().await.unwrap();
}

/// The luminance of the page's background, 0 (black) to 1 (white).
async fn background_luminance(browser: &Browser) -> f64 {
    browser
        .js(
            "const c = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number);
             return (0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]) / 255;",
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap()
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn dark_follows_the_system_and_the_switch_on_a_phone_and_a_desktop() {
    let world = World::new().await;
    let server = roomy(&world, &[]).await;
    let _talker = filled(&server, "lounge", 4).await;
    let browser = world.browser().await;
    browser.client.set_window_size(390, 844).await.unwrap();
    dark(&browser).await;
    browser.open(&base(&server)).await.unwrap();
    browser.wait_for(".rooms").await.unwrap();
    assert!(background_luminance(&browser).await < 0.2, "not dark");
    accessible(&world, &browser, "the lobby, dark").await;
    browser
        .screenshot_to(&world.setup.artifacts.join("lobby-phone-dark.png"))
        .await
        .unwrap();
    enter_from_lobby(&browser, "lounge", "よるのひと").await;
    browser
        .wait_for_text(".messages li.message .text", "4番目のメッセージです")
        .await
        .unwrap();
    accessible(&world, &browser, "a room, dark").await;
    browser
        .screenshot_to(&world.setup.artifacts.join("room-phone-dark.png"))
        .await
        .unwrap();
    room_menu(&browser, "settings").await;
    accessible(&world, &browser, "the settings sheet, dark").await;
    // The switch wins over the system: light, though the system says dark.
    click(&browser, ".settings-sheet input[name=theme][value=light]").await;
    assert_eq!(
        browser
            .js("return document.documentElement.dataset.theme;")
            .await
            .unwrap(),
        "light"
    );
    assert!(background_luminance(&browser).await > 0.8, "not light");
    click(&browser, ".settings-sheet input[name=theme][value=dark]").await;
    click(&browser, "[data-settings='close']").await;
    browser.client.set_window_size(1280, 800).await.unwrap();
    browser.wait_seen("#composer").await.unwrap();
    assert!(background_luminance(&browser).await < 0.2);
    browser
        .screenshot_to(&world.setup.artifacts.join("room-desktop-dark.png"))
        .await
        .unwrap();
    // And light on a desktop, for the record.
    room_menu(&browser, "settings").await;
    click(&browser, ".settings-sheet input[name=theme][value=light]").await;
    click(&browser, "[data-settings='close']").await;
    browser.wait_seen(".messages li.message").await.unwrap();
    browser
        .screenshot_to(&world.setup.artifacts.join("room-desktop-light.png"))
        .await
        .unwrap();
    browser.close().await.unwrap();
}

#[tokio::test]
#[ignore = "needs the web bundle and Chromium: run by `cargo xtask test`"]
async fn nothing_scrolls_sideways_at_320_px() {
    let world = World::new().await;
    let server = roomy(&world, &[]).await;
    let _talker = filled(&server, "lounge", 2).await;
    let narrow = world.browser().await;
    narrow.client.set_window_size(320, 640).await.unwrap();
    narrow.open(&base(&server)).await.unwrap();
    narrow.wait_for(".rooms").await.unwrap();
    assert!(!scrolls_sideways(&narrow).await, "the lobby");
    assert_eq!(
        small_targets(&narrow).await,
        serde_json::json!([]),
        "in the lobby"
    );
    assert_seen(&narrow, "header.top .quick-exit", "the quick exit").await;
    click(&narrow, ".settings summary").await;
    assert!(!scrolls_sideways(&narrow).await, "the settings");
    click(&narrow, ".settings summary").await;
    click(&narrow, "li[aria-labelledby='room-lounge'] button.primary").await;
    narrow.wait_for("#handle").await.unwrap();
    assert!(!scrolls_sideways(&narrow).await, "the entry screen");
    click(&narrow, ".entry button[type=submit]").await;
    narrow.wait_for("#composer").await.unwrap();
    narrow.wait_seen("#composer").await.unwrap();
    assert!(!scrolls_sideways(&narrow).await, "a room");
    assert_seen(&narrow, ".room-bar .quick-exit", "the quick exit in a room").await;
    assert_seen(&narrow, "#room-title", "the room's name").await;
    click(&narrow, "[data-room-menu='open']").await;
    assert!(!scrolls_sideways(&narrow).await, "the room's menu");
    narrow
        .screenshot_to(&world.setup.artifacts.join("room-menu-320.png"))
        .await
        .unwrap();
    narrow.close().await.unwrap();
}
