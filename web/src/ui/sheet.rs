//! A sheet over the page, rising from the bottom as on a phone: what a message's menu, a
//! room's menu and the display settings open in. It takes the focus (its first button) and
//! closes on Escape or a tap beside it; the quick exit stays above it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Sheet(
    /// What the sheet is, read out when it opens.
    label: String,
    /// Closes it (Escape, a tap beside it).
    close: Callback<()>,
    /// Its classes (`sheet`, and any other).
    #[prop(default = "sheet")]
    class: &'static str,
    children: Children,
) -> impl IntoView {
    let sheet: NodeRef<leptos::html::Section> = NodeRef::new();
    Effect::new(move |_| {
        if let Some(first) = sheet
            .get()
            .and_then(|s| s.query_selector("button, select, input").ok().flatten())
            .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = first.focus();
        }
    });
    view! {
        <div class="sheet-backdrop" on:click=move |_| close.run(())>
            <section class=class role="dialog" aria-modal="true"
                aria-label=label node_ref=sheet on:click=|ev| ev.stop_propagation()
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" { close.run(()); }
                }>
                {children()}
            </section>
        </div>
    }
}
