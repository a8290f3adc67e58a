//! The root component: state in context, settings applied to the page (language, text size,
//! light or dark, the tab's title), the double-Escape quick exit, the visual viewport
//! followed, the current screen, and the dialogs and sheets that open over it.

use ibasho_protocol::Lang;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::browser::{self, FURIGANA_KEY, LANG_KEY, NEUTRAL_KEY, SESSION_KEY, SIZE_KEY, THEME_KEY};
use super::chrome::{Announcer, ConnectionBanner, Header, Notice, OpenedNotice, SettingsSheet};
use super::entry::Entry;
use super::lobby::Lobby;
use super::room::Room;
use super::socket;
use super::staff::StaffSignIn;
use super::state::{Ctx, Screen, TextSize, Theme};
use super::week::Week;
use crate::i18n::{t, tf};
use crate::keys::{EscapeTwice, is_deliberate_escape};

/// The language this tab chose (Japanese until it chooses).
pub fn tab_language() -> Lang {
    browser::session_get(LANG_KEY)
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let lang = tab_language();
    let lang = if crate::i18n::loaded(lang) {
        lang
    } else {
        Lang::JA
    };
    if browser::session_get(FURIGANA_KEY).is_some_and(|v| v == "1") {
        crate::i18n::set_furigana(true);
    }
    let size = TextSize::parse(&browser::session_get(SIZE_KEY).unwrap_or_default());
    let neutral = browser::session_get(NEUTRAL_KEY).is_some_and(|v| v == "1");
    let theme = Theme::parse(&browser::session_get(THEME_KEY).unwrap_or_default());
    let ctx = Ctx::new(lang, size, neutral, theme);
    provide_context(ctx);
    // The socket's lifecycle, and what each area keeps a session for and forgets with it.
    socket::install(ctx);
    super::room_actions::install(ctx);
    super::staff::install(ctx);
    super::counsel::install(ctx);
    super::counselor::install(ctx);
    super::supervisor::install(ctx);
    super::moderation::install(ctx);
    super::safety::install(ctx);
    super::voice::install(ctx);

    // Settings live in this tab only, and show on the page at once.
    Effect::new(move |_| {
        let lang = ctx.lang.get();
        browser::set_root_attribute("lang", lang.code());
        browser::session_set(LANG_KEY, lang.code());
    });
    Effect::new(move |_| {
        let on = ctx.furigana.get();
        browser::session_set(FURIGANA_KEY, if on { "1" } else { "0" });
    });
    Effect::new(move |_| {
        let size = ctx.text_size.get();
        browser::set_root_attribute("data-text-size", size.as_str());
        browser::session_set(SIZE_KEY, size.as_str());
    });
    Effect::new(move |_| {
        let theme = ctx.theme.get();
        browser::set_root_attribute("data-theme", theme.as_str());
        browser::session_set(THEME_KEY, theme.as_str());
    });
    let waiting = Memo::new(move |_| super::alerts::waiting(ctx));
    Effect::new(move |_| {
        let lang = ctx.lang.get();
        let neutral = ctx.neutral_title.get();
        browser::session_set(NEUTRAL_KEY, if neutral { "1" } else { "0" });
        // A watched room that opened shows in the tab's title (calmly, and neutrally when
        // the person asked for a neutral title).
        let opened = ctx.opened.with(Option::is_some);
        let title = match (neutral, opened) {
            (true, false) => t(lang, "neutral-title"),
            (true, true) => t(lang, "neutral-title_new"),
            (false, false) => t(lang, "app-name"),
            (false, true) => tf(lang, "watch-tab_title", &[("title", &t(lang, "app-name"))]),
        };
        // Staff on duty see how many wait for them in the tab's title, in the background too.
        let title = match waiting.get() {
            0 => title,
            n => format!("({n}) {title}"),
        };
        document().set_title(&title);
    });
    // A room's layout fits the screen (it scrolls its conversation, not the page).
    Effect::new(move |_| {
        let room = matches!(ctx.screen.get(), Screen::Room(_));
        browser::set_root_attribute("data-screen", if room { "room" } else { "page" });
        // Menus, sheets and questions belong to the screen they were opened on.
        ctx.menu.set(None);
        ctx.room_menu.set(None);
        ctx.settings_open.set(false);
        ctx.asking.set(None);
        ctx.reporting.set(None);
    });
    browser::follow_visual_viewport(move || ctx.viewport.notify());
    super::watch::start(ctx);

    // Escape twice: the quick exit, from anywhere on the page.
    let escape = StoredValue::new(EscapeTwice::default());
    let listener = window_event_listener(ev::keydown, move |event| {
        // Esc also cancels an IME conversion, and a held key repeats: neither is an exit.
        if is_deliberate_escape(
            &event.key(),
            event.is_composing(),
            event.key_code(),
            event.repeat(),
        ) {
            let mut twice = false;
            escape.update_value(|e| twice = e.press(browser::now_ms()));
            if twice {
                super::chrome::quick_exit(ctx);
            }
        }
    });
    on_cleanup(move || listener.remove());

    // A reload while in a session: resume it (the token is in this tab's sessionStorage).
    // Any other way of arriving with a token — a closed tab reopened, which restores its
    // sessionStorage — starts clean: closing the tab was leaving.
    if browser::session_get(SESSION_KEY).is_some() {
        if browser::navigation_was_reload() {
            ctx.adopting.set_value(true);
            ctx.wire.connect();
        } else {
            browser::session_remove(SESSION_KEY);
        }
    }

    // When the screen changes, focus moves to its heading, so that keyboard and screen
    // reader users land on the new screen instead of a button that disappeared.
    Effect::new(move |previous: Option<Screen>| {
        let screen = ctx.screen.get();
        if previous.is_some_and(|p| p != screen) {
            request_animation_frame(|| {
                if let Some(heading) = document()
                    .query_selector("#main h1")
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = heading.focus();
                }
            });
        }
        screen
    });
    // The loading text in index.html is replaced by the app.
    if let Some(loading) = document().get_element_by_id("loading") {
        loading.remove();
    }

    view! {
        {move || (!matches!(ctx.screen.get(), Screen::Room(_))).then(|| view! { <Header/> })}
        <ConnectionBanner/>
        <main id="main" tabindex="-1">
            <Notice/>
            <OpenedNotice/>
            {move || match ctx.screen.get() {
                Screen::Lobby => view! { <Lobby/> }.into_any(),
                Screen::Entry(room) => view! { <Entry room=room/> }.into_any(),
                Screen::Room(room) => view! { <Room room=room/> }.into_any(),
                Screen::Week => view! { <Week/> }.into_any(),
                Screen::StaffSignIn => view! { <StaffSignIn/> }.into_any(),
                Screen::Audit => view! { <super::audit::Audit/> }.into_any(),
                Screen::Figures => view! { <super::figures::Figures page=super::figures::Page::Figures/> }.into_any(),
                Screen::Voices => view! { <super::figures::Figures page=super::figures::Page::Voices/> }.into_any(),
                Screen::Console => view! { <super::counselor::Console/> }.into_any(),
                Screen::Supervision => view! { <super::supervisor::SupervisionPage/> }.into_any(),
            }}
        </main>
        <super::message_menu::MessageMenu/>
        <super::room_menu::RoomMenuSheet/>
        <SettingsSheet/>
        <super::safety::ReportDialog/>
        <super::counsel::ConsentDialog/>
        <super::confirm::ConfirmDialog/>
        <Announcer/>
    }
}
