//! What is always on the page: the quick exit (above every dialog, card and overlay),
//! display settings (language, text size, light or dark, a neutral tab title), the
//! connection banner, a status line for notices, and the polite live region that announces
//! new messages.

use ibasho_protocol::Lang;
use leptos::prelude::*;

use super::browser;
use super::choices::{Choices, radios};
use super::sheet::Sheet;
use super::state::{Ctx, Screen, TextSize, Theme, tr, tra};
use super::words::{tfv, tv};
use crate::i18n::{self, t};
use crate::link::LinkState;

/// The quick exit: forget everything in this tab (the session ended on the server too) and
/// replace the page, leaving no history entry behind.
pub fn quick_exit(ctx: Ctx) {
    browser::close_notifications();
    ctx.wire.end();
    browser::session_clear();
    browser::set_local_mark(false);
    browser::replace_location(&browser::exit_url());
}

/// The quick exit: one tap replaces the page with a neutral site and forgets this tab.
#[component]
pub fn QuickExit() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    view! {
        <button
            type="button"
            class="quick-exit"
            title=tra(lang, "exit-hint")
            on:click=move |_| quick_exit(ctx)
        >
            {tr(lang, "exit-button")}
        </button>
    }
}

/// The page's bar everywhere but in a room (a room has its own compact one).
#[component]
pub fn Header() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    view! {
        <header class="top">
            <a class="skip" href="#main">{tr(lang, "app-skip")}</a>
            <span class="brand">{move || {
                if ctx.neutral_title.get() { tv(lang.get(), "neutral-title") } else { tv(lang.get(), "app-name") }
            }}</span>
            <Settings/>
            <QuickExit/>
        </header>
    }
}

#[component]
fn Settings() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    view! {
        <details class="settings">
            <summary>
                <span aria-hidden="true" class="icon">"⚙"</span>
                <span class="label">{tr(lang, "settings-title")}</span>
            </summary>
            <div class="settings-body">
                <SettingsBody/>
            </div>
        </details>
    }
}

/// The display settings, as a sheet (from a room's menu).
#[component]
pub fn SettingsSheet() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let close = move || ctx.settings_open.set(false);
    move || {
        ctx.settings_open.get().then(|| {
            view! {
                <Sheet label=t(lang.get_untracked(), "settings-title")
                    close=Callback::new(move |()| close()) class="sheet settings-sheet">
                    <h2>{tv(lang.get(), "settings-title")}</h2>
                    <SettingsBody/>
                    <button type="button" data-settings="close" on:click=move |_| close()>
                        {tv(lang.get(), "menu-close")}
                    </button>
                </Sheet>
            }
        })
    }
}

/// The text sizes' values and words, in the order of `TextSize::ALL`.
const SIZES: Choices = &[
    ("normal", "size-normal"),
    ("large", "size-large"),
    ("larger", "size-larger"),
];

/// The themes' values and words, in the order of `Theme::ALL`.
const THEMES: Choices = &[
    ("auto", "theme-auto"),
    ("light", "theme-light"),
    ("dark", "theme-dark"),
];

/// Switches the page to `lang` once its words are here (the page keeps the old language,
/// and says so, if they cannot be fetched). Kept for the tab only, like every setting.
pub fn choose_language(ctx: Ctx, lang: Lang) {
    leptos::task::spawn_local(async move {
        if super::words::fetch_words(lang).await {
            ctx.lang.set(lang);
        } else {
            let now = ctx.lang.get_untracked();
            ctx.notice
                .set(Some(i18n::marked(now, "settings-language_failed", &[])));
        }
    });
}

/// Turns the furigana of standard Japanese on or off: every sentence on the page is drawn
/// again (they all follow the language).
pub fn set_furigana(ctx: Ctx, on: bool) {
    i18n::set_furigana(on);
    ctx.furigana.set(on);
    ctx.lang.notify();
}

/// Language, text size, light or dark, and a neutral tab title: kept in this tab only.
#[component]
fn SettingsBody() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    view! {
                <label class="field-line">
                    <span>{tr(lang, "settings-language")}</span>
                    <select on:change=move |ev| {
                        if let Some(chosen) = Lang::from_code(&event_target_value(&ev)) {
                            choose_language(ctx, chosen);
                        }
                    }>
                        {Lang::all().map(|choice| view! {
                            <option value=choice.code() lang=choice.code() selected=move || lang.get() == choice>
                                {choice.name()}
                            </option>
                        }).collect_view()}
                    </select>
                </label>
                {move || (lang.get().ruby() == ibasho_i18n::Ruby::OnRequest).then(|| view! {
                    <label class="choice">
                        <input
                            type="checkbox"
                            name="furigana"
                            prop:checked=move || ctx.furigana.get()
                            on:change=move |ev| set_furigana(ctx, event_target_checked(&ev))
                        />
                        <span>{tr(lang, "settings-furigana")}</span>
                    </label>
                })}
                <fieldset>
                    <legend>{tr(lang, "settings-text_size")}</legend>
                    {radios(lang, "text-size", SIZES, Signal::derive(move || {
                        TextSize::ALL.iter().position(|s| *s == ctx.text_size.get()).unwrap_or(0)
                    }), Callback::new(move |i: usize| ctx.text_size.set(TextSize::ALL[i % 3])))}
                </fieldset>
                <fieldset>
                    <legend>{tr(lang, "settings-theme")}</legend>
                    {radios(lang, "theme", THEMES, Signal::derive(move || {
                        Theme::ALL.iter().position(|s| *s == ctx.theme.get()).unwrap_or(0)
                    }), Callback::new(move |i: usize| ctx.theme.set(Theme::ALL[i % 3])))}
                </fieldset>
                <label class="choice">
                    <input
                        type="checkbox"
                        name="neutral-title"
                        prop:checked=move || ctx.neutral_title.get()
                        on:change=move |ev| ctx.neutral_title.set(event_target_checked(&ev))
                    />
                    <span>{tr(lang, "settings-neutral_title")}</span>
                </label>
                // Off by default: nothing of this site stays on the device unless chosen.
                <label class="choice">
                    <input
                        type="checkbox"
                        name="visited-mark"
                        prop:checked=move || ctx.visited_mark.get()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            browser::set_local_mark(on);
                            ctx.visited_mark.set(on);
                        }
                    />
                    <span>{tr(lang, "settings-visited")}</span>
                </label>
                <p class="quiet hint">{tr(lang, "settings-visited-hint")}</p>
    }
}

/// A room the person asked to hear about opened: said calmly, with the way in.
#[component]
pub fn OpenedNotice() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    // (A region always on the page: screen readers announce what changes inside it.)
    let notice = move || {
        ctx.opened.get().map(|room| {
            let title = ctx.room_title(&room);
            let enter = {
                let room = room.clone();
                move |_| {
                    ctx.opened.set(None);
                    let inside = ctx
                        .conversations
                        .with_untracked(|all| all.contains_key(&room));
                    ctx.screen.set(if inside {
                        Screen::Room(room.clone())
                    } else {
                        Screen::Entry(room.clone())
                    });
                }
            };
            view! {
                <div class="opened" data-opened=room.clone()>
                    <p>{tfv(lang.get(), "watch-opened", &[("room", &title)])}</p>
                    <div class="actions">
                        <button type="button" class="primary" data-watch="enter" on:click=enter>
                            {tv(lang.get(), "lobby-enter")}
                        </button>
                        <button type="button" on:click=move |_| ctx.opened.set(None)>
                            {tv(lang.get(), "done-close")}
                        </button>
                    </div>
                </div>
            }
        })
    };
    view! { <div class="opened-area" role="status">{notice}</div> }
}

/// Calm words while the connection is away; a choice when another tab took the session.
/// The status region is always on the page (screen readers announce changes to a region
/// that exists, not one inserted with its text).
#[component]
pub fn ConnectionBanner() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let content = move || match ctx.link.get().state() {
        LinkState::Waiting { .. } => {
            Some(view! { <p class="banner">{tv(lang.get(), "link-reconnecting")}</p> }.into_any())
        }
        LinkState::Connecting if ctx.me.get().is_some() => {
            Some(view! { <p class="banner">{tv(lang.get(), "link-connecting")}</p> }.into_any())
        }
        LinkState::Replaced => Some(
            view! {
                <div class="banner">
                    <p>{tv(lang.get(), "link-replaced")}</p>
                    <button type="button" on:click=move |_| ctx.wire.connect()>
                        {tv(lang.get(), "link-take_back")}
                    </button>
                </div>
            }
            .into_any(),
        ),
        _ => None,
    };
    view! { <div class="banner-area" role="status" aria-live="polite">{content}</div> }
}

/// The latest notice (an error, a change) as a status message.
#[component]
pub fn Notice() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <div class="notice-area" role="status" aria-live="polite">
            {move || ctx.notice.get().map(|text| {
                let text = super::words::ruby_view(ctx.lang.get(), &text);
                view! { <p class="notice">{text}</p> }
            })}
        </div>
    }
}

/// New messages from others, read out politely by screen readers.
#[component]
pub fn Announcer() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    view! {
        <div class="sr-only" aria-live="polite" aria-atomic="true" id="announcer">
            {move || ctx.announcement.get()}
        </div>
    }
}
