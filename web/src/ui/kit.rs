//! Shapes the staff consoles use again and again, each written once: in Leptos every view
//! with a closure of its own is a type of its own, with its own copy of the rendering code
//! in the bundle, so a button made here (its action passed in as a `Callback`) costs the
//! bundle once, however many there are.

use ibasho_protocol::Lang;
use leptos::prelude::*;

use super::words::tv;

/// A button that runs `run`: it says `words.0` while `state` is true, else `words.1`
/// (following the language); `pressed`: it is an on/off switch (`aria-pressed` is
/// `state`). `name` is its `data-do`, what pages and tests know it by; `class` its classes.
pub fn control(
    lang: RwSignal<Lang>,
    words: (&'static str, &'static str),
    name: &'static str,
    class: &'static str,
    (state, pressed): (Memo<bool>, bool),
    run: Callback<()>,
) -> AnyView {
    view! {
        <button type="button" class=class data-do=name
            aria-pressed=move || pressed.then(|| state.get().to_string())
            on:click=move |_| run.run(())>
            {move || tv(lang.get(), if state.get() { words.0 } else { words.1 })}
        </button>
    }
    .into_any()
}

/// A button saying `key` that runs `run` ([`control`] without a state).
pub fn button(
    lang: RwSignal<Lang>,
    key: &'static str,
    name: &'static str,
    class: &'static str,
    run: Callback<()>,
) -> AnyView {
    control(
        lang,
        (key, key),
        name,
        class,
        (Memo::new(|_| false), false),
        run,
    )
}
