//! Whispers: staff-only words inside a case, between its counselor and the supervisor
//! observing it — never to the person, kept nowhere (the page keeps them while the observer
//! is there). Shown while an observer is present: what was whispered, and a box to whisper.

use ibasho_protocol::{ClientMsg, MAX_WHISPER_CHARS};
use leptos::prelude::*;

use super::state::Ctx;
use super::words::{tfv, tv};
use crate::console::Whisper;

/// A whisper in a case: read out, unless it is one's own.
pub fn heard(ctx: Ctx, from: &str, text: &str) {
    if ctx.me.with_untracked(|me| me.as_deref() != Some(from)) {
        let said = crate::i18n::tf(
            ctx.lang.get_untracked(),
            "whisper-heard",
            &[("from", from), ("text", text)],
        );
        ctx.announcement.set(said);
    }
}

/// The whispers of case `id` (`observing`: this tab is its observer) and the box.
#[component]
pub fn Whispers(id: String, observing: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let input: NodeRef<leptos::html::Input> = NodeRef::new();
    let field = format!("whisper_{id}");
    let list = {
        let id = id.clone();
        move || {
            ctx.read_case(&id, observing, |case| case.whispers.clone())
                .into_iter()
                .map(|Whisper { from, text }| view! { <li><strong>{from}</strong>": "{text}</li> })
                .collect_view()
                .into_any()
        }
    };
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(input) = input.get_untracked() else {
            return;
        };
        let said = input.value();
        // The server tells it back to both of them: it shows when it comes.
        if !said.trim().is_empty()
            && ctx.wire.send(&ClientMsg::Whisper {
                escalation_id: id.clone(),
                text: said,
            })
        {
            input.set_value("");
        }
    };
    let lang_now = lang.get_untracked();
    view! {
        <section class="whispers">
            <h3>{tv(lang_now, "whisper-title")}</h3>
            <ul>{list}</ul>
            <form on:submit=send>
                <label for=field.clone()>{tfv(lang_now, "whisper-label", &[("max", &MAX_WHISPER_CHARS.to_string())])}</label>
                <div class="row">
                    <input id=field node_ref=input type="text" maxlength=MAX_WHISPER_CHARS
                        autocomplete="off"/>
                    <button type="submit" data-whisper="send">{tv(lang_now, "whisper-send")}</button>
                </div>
            </form>
        </section>
    }
}
