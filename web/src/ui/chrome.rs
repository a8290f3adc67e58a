//! What is always on the page: the quick exit, display settings, the connection banner, a
//! status line for notices, and the polite live region that announces new messages.

use ibasho_protocol::Lang;
use leptos::prelude::*;

use super::socket;
use super::state::{Ctx, TextSize};
use crate::i18n::t;
use crate::link::LinkState;

#[component]
pub fn Header() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    view! {
        <header class="top">
            <a class="skip" href="#main">{move || t(lang.get(), "app.skip")}</a>
            <span class="brand">{move || {
                if ctx.neutral_title.get() { t(lang.get(), "neutral.title") } else { t(lang.get(), "app.name") }
            }}</span>
            <Settings/>
            <button
                type="button"
                class="quick-exit"
                title=move || t(lang.get(), "exit.hint")
                on:click=move |_| socket::quick_exit(ctx)
            >
                {move || t(lang.get(), "exit.button")}
            </button>
        </header>
    }
}

#[component]
fn Settings() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    view! {
        <details class="settings">
            <summary>{move || t(lang.get(), "settings.title")}</summary>
            <div class="settings-body">
                <label>
                    <span>{move || t(lang.get(), "settings.language")}</span>
                    <select on:change=move |ev| {
                        lang.set(if event_target_value(&ev) == "en" { Lang::En } else { Lang::Ja })
                    }>
                        <option value="ja" selected=move || lang.get() == Lang::Ja>"日本語"</option>
                        <option value="en" selected=move || lang.get() == Lang::En>"English"</option>
                    </select>
                </label>
                <fieldset>
                    <legend>{move || t(lang.get(), "settings.text_size")}</legend>
                    {TextSize::ALL
                        .into_iter()
                        .map(|size| {
                            view! {
                                <label class="choice">
                                    <input
                                        type="radio"
                                        name="text-size"
                                        prop:checked=move || ctx.text_size.get() == size
                                        on:change=move |_| ctx.text_size.set(size)
                                    />
                                    <span>{move || t(lang.get(), size.key())}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || ctx.neutral_title.get()
                        on:change=move |ev| ctx.neutral_title.set(event_target_checked(&ev))
                    />
                    <span>{move || t(lang.get(), "settings.neutral_title")}</span>
                </label>
            </div>
        </details>
    }
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
            Some(view! { <p class="banner">{t(lang.get(), "link.reconnecting")}</p> }.into_any())
        }
        LinkState::Connecting if ctx.me.get().is_some() => {
            Some(view! { <p class="banner">{t(lang.get(), "link.connecting")}</p> }.into_any())
        }
        LinkState::Replaced => Some(
            view! {
                <div class="banner">
                    <p>{t(lang.get(), "link.replaced")}</p>
                    <button type="button" on:click=move |_| socket::connect(ctx)>
                        {t(lang.get(), "link.take_back")}
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
            {move || ctx.notice.get().map(|text| view! { <p class="notice">{text}</p> })}
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
