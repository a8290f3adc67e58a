//! The words of the page (issue 17): やさしい日本語 chosen in 表示の設定 shows furigana on every
//! kanji of the app's sentences, and standard Japanese shows them when the furigana switch
//! is on — never on what people wrote. Screenshots on a phone and a desktop, axe-core clean,
//! and nothing of the choice kept beyond the tab.

use super::*;

const SAID: &str = "今日は少し外を歩きました。";

/// How many `<ruby>` the page shows inside `css`.
async fn rubies(browser: &Browser, css: &str) -> u64 {
    browser
        .js(&format!(
            "return document.querySelectorAll({:?}).length;",
            format!("{css} ruby")
        ))
        .await
        .unwrap()
        .as_u64()
        .unwrap()
}

/// The choice is the tab's only: no cookie, nothing in localStorage.
async fn nothing_kept(browser: &Browser) {
    let kept = browser
        .js("return document.cookie + '|' + window.localStorage.length;")
        .await
        .unwrap();
    assert_eq!(kept, "|0", "a cookie or localStorage");
}

/// A server whose lounge has someone's message in it (kept by the talker's browser).
async fn someone_said() -> (World, ServerProcess, Browser) {
    let world = World::new().await;
    let server = world.server(&[]).await;
    let talker = world.browser().await;
    enter(&talker, &base(&server), "lounge", "はなしびと").await;
    write(&talker, SAID).await;
    (world, server, talker)
}

/// A browser at a phone's or a desktop's size, on the lobby.
async fn lobby(world: &World, server: &ServerProcess, phone: bool) -> Browser {
    let browser = world.browser().await;
    let (width, height) = if phone { (390, 844) } else { (1280, 900) };
    browser.client.set_window_size(width, height).await.unwrap();
    browser.open(&base(server)).await.unwrap();
    browser.wait_for(".rooms").await.unwrap();
    browser
}

async fn shot(world: &World, browser: &Browser, name: &str) {
    let path = world.setup.artifacts.join(format!("{name}.png"));
    browser.screenshot_to(&path).await.unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    assert!(size > 10_000, "{name}.png is only {size} bytes");
}

#[tokio::test]
#[ignore = "needs chromium, chromedriver and the built binary (cargo xtask test)"]
async fn the_lobby_and_a_room_in_easy_japanese_with_furigana_on_every_kanji() {
    let (world, server, _talker) = someone_said().await;
    for (device, phone) in [("phone", true), ("desktop", false)] {
        let browser = lobby(&world, &server, phone).await;
        assert_eq!(
            rubies(&browser, "body").await,
            0,
            "standard Japanese, switch off"
        );
        set_language(&browser, "ja-yasashii").await;
        // The lobby's heading in easy Japanese, its kanji with their readings.
        browser.wait_for("#open-title ruby").await.unwrap();
        let heading = browser
            .js("return document.querySelector('#open-title').innerHTML;")
            .await
            .unwrap();
        assert!(
            heading.as_str().unwrap().contains("<rt>あ</rt>"),
            "{heading}"
        );
        assert!(rubies(&browser, "main").await > 10);
        // The way in, scrolled to as a person would: seen and tappable.
        let enter_button = "li[aria-labelledby='room-lounge'] button.primary";
        browser
            .js(&format!(
                "document.querySelector({enter_button:?}).scrollIntoView({{block: 'center'}}); return true;"
            ))
            .await
            .unwrap();
        browser.wait_seen(enter_button).await.unwrap();
        assert_eq!(
            browser
                .js("return document.documentElement.lang;")
                .await
                .unwrap(),
            "ja-yasashii"
        );
        shot(&world, &browser, &format!("lobby-yasashii-{device}")).await;
        accessible(&world, &browser, "the lobby in やさしい日本語").await;

        enter_from_lobby(&browser, "lounge", &format!("よみて{device}")).await;
        browser
            .wait_for_text("li.message .text", SAID)
            .await
            .unwrap();
        // People's words stay as they wrote them.
        assert_eq!(rubies(&browser, "li.message .text").await, 0);
        assert!(rubies(&browser, "body").await > 0, "the room's own words");
        browser.wait_seen("#composer").await.unwrap();
        shot(&world, &browser, &format!("room-yasashii-{device}")).await;
        accessible(&world, &browser, "a room in やさしい日本語").await;
        nothing_kept(&browser).await;
        browser.close().await.unwrap();
    }
}

#[tokio::test]
#[ignore = "needs chromium, chromedriver and the built binary (cargo xtask test)"]
async fn the_furigana_switch_puts_readings_on_the_apps_kanji_in_standard_japanese() {
    let (world, server, _talker) = someone_said().await;
    for (device, phone) in [("phone", true), ("desktop", false)] {
        let browser = lobby(&world, &server, phone).await;
        click(&browser, ".settings summary").await;
        click(&browser, ".settings input[name=furigana]").await;
        click(&browser, ".settings summary").await;
        browser.wait_for("#open-title ruby").await.unwrap();
        // The same sentence as without the switch, with its readings above.
        let plain = browser
            .js(
                "const h = document.querySelector('#open-title').cloneNode(true); \
                 h.querySelectorAll('rt').forEach(rt => rt.remove()); return h.textContent;",
            )
            .await
            .unwrap();
        assert_eq!(plain, "いま開いている部屋");
        shot(&world, &browser, &format!("lobby-furigana-{device}")).await;
        accessible(&world, &browser, "the lobby with furigana").await;

        enter_from_lobby(&browser, "lounge", &format!("ふりがな{device}")).await;
        browser
            .wait_for_text("li.message .text", SAID)
            .await
            .unwrap();
        assert_eq!(rubies(&browser, "li.message .text").await, 0);
        assert!(rubies(&browser, "body").await > 0);
        shot(&world, &browser, &format!("room-furigana-{device}")).await;
        accessible(&world, &browser, "a room with furigana").await;
        nothing_kept(&browser).await;

        // Off again: no ruby left on the page.
        room_menu(&browser, "settings").await;
        click(&browser, ".settings-sheet input[name=furigana]").await;
        click(&browser, "[data-settings='close']").await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        assert_eq!(rubies(&browser, "body").await, 0);
        browser.close().await.unwrap();
    }
}
