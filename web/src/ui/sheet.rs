//! A sheet over the page, rising from the bottom as on a phone: what a message's menu, a
//! room's menu and the display settings open in. It takes the focus (its first button),
//! closes on Escape or a tap beside it, and gives the focus back to where it was. It is not
//! modal to assistive technology: the quick exit stays above it, and reachable.

use super::browser;

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
    let opener = StoredValue::new_local(browser::focused());
    on_cleanup(move || browser::refocus(opener.try_get_value().flatten()));
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
            <section class=class role="dialog"
                aria-label=label node_ref=sheet on:click=|ev| ev.stop_propagation()
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" { close.run(()); }
                }>
                {children()}
            </section>
        </div>
    }
}
