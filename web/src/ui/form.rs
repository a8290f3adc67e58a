//! Pieces of the app's forms: a labelled text field, and a form's two buttons (do it, or go
//! back to the lobby).

use leptos::prelude::*;

use super::state::{Ctx, Screen, tr};

/// A labelled field bound to `value`: `kind` is the input's type (`text`, `password`).
pub fn field(
    ctx: Ctx,
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    max: usize,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{tr(ctx.lang, label)}</label>
            <input
                id=id
                name=id
                type=kind
                autocomplete="off"
                maxlength=max
                required
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// The form's submit button (its words `submit`) and 「戻る」 to the lobby.
pub fn actions(ctx: Ctx, submit: &'static str) -> impl IntoView {
    view! {
        <div class="actions">
            <button type="submit" class="primary">{tr(ctx.lang, submit)}</button>
            <button type="button" on:click=move |_| ctx.screen.set(Screen::Lobby)>
                {tr(ctx.lang, "entry-back")}
            </button>
        </div>
    }
}
