//! The administrators' pages of figures: the usage figures (a fiscal-year picker) and the
//! participants' voice (a month picker), each the page the server draws
//! (`GET /api/figures?format=html`, `GET /api/voice?format=html`, with the staff session's
//! token and the page's language): one bar chart per figure group with the year before as
//! a line, each an accessible SVG with the same numbers in a table beside it, every row,
//! the CSV; a month's ratings, released comments and what waits. Hidden numbers are words.
//! The server owns the numbers and their drawing, so the page, the JSON and the CSV never
//! disagree, and the participants' bundle carries almost nothing of it.

use ibasho_protocol::StaffRole;
use leptos::prelude::*;

use super::browser::{self, SESSION_KEY};
use super::state::{Ctx, Screen, tr};
use super::words::tv;

/// What a page shows below its controls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Loaded {
    Loading,
    /// The server's HTML (every text in it escaped there).
    Loaded(String),
    Failed,
}

/// Which page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Figures,
    Voices,
}

/// Loads the server's HTML of `path` into `loaded` (administrators only), in the page's
/// language (each page does it again when that or its choice changes).
pub fn load(ctx: Ctx, loaded: RwSignal<Loaded>, path: String) {
    if ctx.staff.get_untracked() != Some(StaffRole::Admin) {
        loaded.set(Loaded::Failed);
        return;
    }
    loaded.set(Loaded::Loading);
    let lang = ctx.lang.get_untracked().code();
    let token = browser::session_get(SESSION_KEY).unwrap_or_default();
    leptos::task::spawn_local(async move {
        let url = format!("{path}&format=html&lang={lang}");
        let body = browser::fetch_text_with_bearer(&url, &token).await;
        loaded.set(body.map_or(Loaded::Failed, Loaded::Loaded));
    });
}

/// The server's page, or what is happening.
pub fn body(ctx: Ctx, loaded: RwSignal<Loaded>) -> impl IntoView {
    let lang = ctx.lang;
    move || match loaded.get() {
        Loaded::Loading => view! { <p>{tv(lang.get(), "figures-loading")}</p> }.into_any(),
        Loaded::Failed => {
            view! { <p role="alert">{tv(lang.get(), "figures-failed")}</p> }.into_any()
        }
        Loaded::Loaded(html) => view! { <div class="admin-body" inner_html=html></div> }.into_any(),
    }
}

/// What can be chosen, newest first, and which is chosen at first: the last five fiscal
/// years (April to March) now; or the last thirteen months, the one that ended last (the
/// newest whose comments can be released).
fn choices(page: Page) -> (Vec<String>, usize) {
    let now = js_sys::Date::new_0();
    let year = i32::try_from(now.get_full_year()).unwrap_or(2026);
    let month = i32::try_from(now.get_month()).unwrap_or(0);
    match page {
        Page::Figures => {
            let fiscal = if month >= 3 { year } else { year - 1 };
            ((0..5).map(|back| (fiscal - back).to_string()).collect(), 0)
        }
        Page::Voices => {
            let months = (0..13)
                .map(|back| {
                    let index = year * 12 + month - back;
                    format!("{:04}-{:02}", index / 12, index % 12 + 1)
                })
                .collect();
            (months, 1)
        }
    }
}

#[component]
pub fn Figures(page: Page) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let (choices, first) = choices(page);
    let chosen = RwSignal::new(choices.get(first).cloned().unwrap_or_default());
    let loaded = RwSignal::new(Loaded::Loading);
    Effect::new(move |_| {
        lang.track();
        let path = match page {
            Page::Figures => format!("/api/figures?fiscal_year={}", chosen.get()),
            Page::Voices => format!("/api/voice?month={}", chosen.get()),
        };
        load(ctx, loaded, path);
    });
    let (class, title, picker, other, other_title) = match page {
        Page::Figures => (
            "figures",
            "figures-title",
            "figures-year",
            Screen::Voices,
            "figures-voice-open",
        ),
        Page::Voices => (
            "voices",
            "voices-title",
            "voices-month",
            Screen::Figures,
            "figures-open",
        ),
    };
    view! {
        <section class=class aria-labelledby="admin-title">
            <h1 id="admin-title">{tr(lang, title)}</h1>
            <div class="actions">
                <button type="button" on:click=move |_| ctx.screen.set(Screen::Lobby)>
                    {tr(lang, "entry-back")}
                </button>
                <button type="button" data-figures="other" on:click=move |_| ctx.screen.set(other.clone())>
                    {tr(lang, other_title)}
                </button>
            </div>
            <label class="field-line">
                <span>{tr(lang, picker)}</span>
                <select data-figures="choice" on:change=move |ev| chosen.set(event_target_value(&ev))>
                    {choices.into_iter().enumerate().map(|(at, choice)| {
                        view! { <option selected=at == first>{choice}</option> }
                    }).collect_view()}
                </select>
            </label>
            {body(ctx, loaded)}
        </section>
    }
}
