//! Entering a room: a handle (a friendly suggestion, another one on request, or one's own),
//! optionally who one comes as, and the choice to just listen.

use ibasho_protocol::{Audience, Lang, Role};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use super::choices::{Choices, radios};
use super::state::{Ctx, Wish, tr};
use super::words::tfv;

/// `GET /api/handles/suggest`'s answer (read as a struct: a generic JSON value would bring
/// its whole parser into the bundle).
#[derive(serde::Deserialize)]
struct Suggestion {
    handle: String,
}

/// Asks the server for a friendly handle. The first suggestion only fills an empty field, so
/// that it never overwrites what the person has started typing.
async fn suggest(lang: Lang, handle: RwSignal<String>, only_if_empty: bool) {
    let suggestion = browser::fetch_text(&format!("/api/handles/suggest?lang={}", lang.code()))
        .await
        .and_then(|text| serde_json::from_str::<Suggestion>(&text).ok())
        .map(|suggestion| suggestion.handle);
    // The entry screen may be gone by now (back to the lobby): then the signal is too.
    let Some(current) = handle.try_get_untracked() else {
        return;
    };
    if let Some(suggestion) = suggestion
        && (!only_if_empty || current.is_empty())
    {
        let _ = handle.try_set(suggestion);
    }
}

/// Who one comes as, and its words (in the same order).
const ROLES: [Option<Role>; 4] = [
    None,
    Some(Role::Person),
    Some(Role::Family),
    Some(Role::Supporter),
];
const ROLE_WORDS: Choices = &[
    ("none", "role-none"),
    ("person", "role-person"),
    ("family", "role-family"),
    ("supporter", "role-supporter"),
];

#[component]
pub fn Entry(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    // In a session already: the handle is the session's.
    let in_session = ctx.me.get_untracked();
    let handle = RwSignal::new(
        in_session
            .clone()
            .or_else(|| ctx.wish.get_untracked().handle)
            .unwrap_or_default(),
    );
    if handle.get_untracked().is_empty() {
        spawn_local(suggest(lang.get_untracked(), handle, true));
    }
    // In a family room, coming as family is the default: a parent who leaves the choice as
    // it is comes in (elsewhere, saying nothing is the default).
    let family_room = ctx.room_audience(&room) == Some(Audience::Family);
    let role = RwSignal::new(
        ctx.wish
            .get_untracked()
            .role
            .or(family_room.then_some(Role::Family)),
    );
    let needs_word = ctx.needs_entry_word(&room);
    let word = RwSignal::new(String::new());
    let title = {
        let room = room.clone();
        move || ctx.room_title(&room)
    };
    let locked = in_session.is_some();

    let submit = {
        let room = room.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let wished = handle.get_untracked().trim().to_owned();
            ctx.wish.set(Wish {
                handle: (!wished.is_empty()).then_some(wished),
                role: role.get_untracked(),
                staff: None,
            });
            if needs_word {
                let typed = word.get_untracked();
                ctx.entry_words.update_value(|words| {
                    words.insert(room.clone(), typed);
                });
            }
            super::room_actions::enter(ctx, room.clone());
        }
    };

    view! {
        <section class="entry" aria-labelledby="entry-title">
            <h1 id="entry-title">{move || tfv(lang.get(), "entry-title", &[("room", &title())])}</h1>
            <form on:submit=submit>
                <div class="field">
                    <label for="handle">{tr(lang, "entry-handle-label")}</label>
                    <div class="row">
                        <input
                            id="handle"
                            name="handle"
                            autocomplete="off"
                            maxlength=ibasho_protocol::MAX_HANDLE_CHARS
                            aria-describedby="handle-hint"
                            readonly=locked
                            prop:value=move || handle.get()
                            on:input=move |ev| handle.set(event_target_value(&ev))
                        />
                        {(!locked).then(|| view! {
                            <button type="button" on:click=move |_| spawn_local(suggest(lang.get_untracked(), handle, false))>
                                {tr(lang, "entry-handle-another")}
                            </button>
                        })}
                    </div>
                    <p id="handle-hint" class="hint">{tr(lang, "entry-handle-hint")}</p>
                </div>
                {(!locked).then(|| view! {
                    <fieldset class="field">
                        <legend>{tr(lang, "entry-role-label")}</legend>
                        {radios(lang, "role", ROLE_WORDS, Signal::derive(move || {
                            ROLES.iter().position(|r| *r == role.get()).unwrap_or(0)
                        }), Callback::new(move |i: usize| role.set(ROLES[i % 4])))}
                    </fieldset>
                })}
                {needs_word.then(|| view! {
                    <div class="field">
                        <label for="entry-word">{tr(lang, "entry-word-label")}</label>
                        <input
                            id="entry-word"
                            name="entry-word"
                            type="password"
                            autocomplete="off"
                            maxlength="128"
                            aria-describedby="entry-word-hint"
                            prop:value=move || word.get()
                            on:input=move |ev| word.set(event_target_value(&ev))
                        />
                        <p id="entry-word-hint" class="hint">{tr(lang, "entry-word-hint")}</p>
                    </div>
                })}
                <div class="field">
                    <label class="choice">
                        <input
                            type="checkbox"
                            id="listen"
                            aria-describedby="listen-hint"
                            prop:checked=move || ctx.listening.get()
                            on:change=move |ev| ctx.listening.set(event_target_checked(&ev))
                        />
                        <span>{tr(lang, "entry-listen-label")}</span>
                    </label>
                    <p id="listen-hint" class="hint">{tr(lang, "entry-listen-hint")}</p>
                </div>
                {super::form::actions(ctx, "entry-submit")}
            </form>
        </section>
    }
}
