//! Canned replies (定型文) for a counselor in a case's room: the replies of the desks they
//! serve (the case's desk first), searched by title; choosing one puts its text in the
//! message box to edit before sending — never sent by itself. What the person receives is an
//! ordinary message.

use leptos::prelude::*;

use super::browser;
use super::state::{Ctx, tr, tra};

/// The replies button and, when open, the search and the titles. `text`: the message box.
#[component]
pub fn Replies(room: String, text: RwSignal<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let query = RwSignal::new(String::new());
    // A disclosure (closed again once a reply is chosen).
    let panel: NodeRef<leptos::html::Details> = NodeRef::new();
    let insert = move |reply: String| {
        text.update(|text| {
            if !text.trim().is_empty() {
                text.push('\n');
            }
            text.push_str(&reply);
        });
        if let Some(panel) = panel.get_untracked() {
            panel.set_open(false);
        }
        browser::focus_composer();
    };
    // (ASCII case only: titles are mostly Japanese, and full case tables would cost the
    // bundle more than they give.)
    let shown = move || {
        let wanted = query.get().trim().to_ascii_lowercase().into_bytes();
        let replies = ctx.console.with(|console| {
            let desk = console.case_in(&room).and_then(|case| case.desk.clone());
            console.replies(desk.as_deref())
        });
        replies
            .into_iter()
            .filter(|reply| {
                let title = reply.title.to_ascii_lowercase().into_bytes();
                wanted.is_empty() || title.windows(wanted.len()).any(|part| part == wanted)
            })
            .map(|reply| {
                view! {
                    <li>
                        <button type="button" data-reply=reply.title.clone()
                            on:click=move |_| insert(reply.text.clone())>
                            {reply.title.clone()}
                        </button>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    let none = move || {
        ctx.console.with(|console| {
            !console
                .desks
                .iter()
                .any(|d| d.serves && !d.replies.is_empty())
        })
    };
    view! {
        <details class="replies" class:hidden=none node_ref=panel>
            <summary data-replies="open">{tr(lang, "console-replies")}</summary>
            <div class="replies-panel">
                <input type="search" aria-label=tra(lang, "console-replies-search")
                    placeholder=tra(lang, "console-replies-search") data-replies="search"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))/>
                <p class="hint">{tr(lang, "console-replies-hint")}</p>
                <ul class="menu-items">{shown}</ul>
            </div>
        </details>
    }
}
