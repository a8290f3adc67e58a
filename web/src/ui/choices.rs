//! A group of radio choices (text size, light or dark, who one comes as): one shape for
//! every such group, so that the bundle carries its code once.

use ibasho_protocol::Lang;
use leptos::prelude::*;

use super::words::tv;

/// The choices of a group: each its `value` and the key of its words.
pub type Choices = &'static [(&'static str, &'static str)];

/// Labelled radio buttons named `name`, the `chosen` one checked; `choose` gets the index
/// of the one picked.
pub fn radios(
    lang: RwSignal<Lang>,
    name: &'static str,
    choices: Choices,
    chosen: Signal<usize>,
    choose: Callback<usize>,
) -> AnyView {
    choices
        .iter()
        .enumerate()
        .map(|(index, (value, key))| {
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name=name
                        value=*value
                        prop:checked=move || chosen.get() == index
                        on:change=move |_| choose.run(index)
                    />
                    <span>{move || tv(lang.get(), key)}</span>
                </label>
            }
        })
        .collect_view()
        .into_any()
}
