//! Quiet reactions (うん 👍 🙏 ☕): taking part without writing. Under a message, 「うん」 and
//! the reactions someone gave; all four in the message's menu. Counts, never who.

use ibasho_protocol::{Reaction, ReactionCounts};
use leptos::prelude::*;

use super::state::Ctx;
use crate::i18n::{t, tf};

fn label(reaction: Reaction) -> (&'static str, &'static str) {
    match reaction {
        Reaction::Nod => ("reaction-nod", "うん"),
        Reaction::ThumbsUp => ("reaction-thumbs_up", "👍"),
        Reaction::Pray => ("reaction-pray", "🙏"),
        Reaction::Tea => ("reaction-tea", "☕"),
    }
}

/// One reaction's button: pressed when this tab gave it, with its count. In the row under a
/// message (`in_row`), a reaction nobody gave hides (「うん」 always shows) — it stays in
/// place, so the keyboard focus on it is never lost.
pub fn button(
    ctx: Ctx,
    room: &str,
    message_id: &str,
    reaction: Reaction,
    counts: Signal<ReactionCounts>,
    in_row: bool,
) -> impl IntoView + use<> {
    let lang = ctx.lang;
    let (key, symbol) = label(reaction);
    let count = move || counts.with(|c| c.get(&reaction).copied().unwrap_or(0));
    let (room, id) = (room.to_owned(), message_id.to_owned());
    let pressed = {
        let key = (room.clone(), id.clone(), reaction);
        move || ctx.conversations.with(|all| all.mine.contains(&key))
    };
    let name = move || {
        let lang = lang.get();
        let name = tf(lang, "room-react", &[("reaction", &t(lang, key))]);
        match count() {
            0 => name,
            n => format!("{name} ({n})"),
        }
    };
    let quiet = move || in_row && reaction != Reaction::Nod && count() == 0;
    view! {
        <button
            type="button"
            class="reaction"
            class:hidden=quiet
            aria-pressed=move || pressed().to_string()
            aria-label=name
            title=name
            data-reaction=reaction_name(reaction)
            on:click=move |_| super::room_actions::react(ctx, &room, &id, reaction)
        >
            <span aria-hidden="true">{symbol}</span>
            {move || (count() > 0).then(|| view! { <span class="n" aria-hidden="true">{count()}</span> })}
        </button>
    }
}

/// A reaction's wire name (for tests and styles).
fn reaction_name(reaction: Reaction) -> &'static str {
    match reaction {
        Reaction::Nod => "nod",
        Reaction::ThumbsUp => "thumbs_up",
        Reaction::Pray => "pray",
        Reaction::Tea => "tea",
    }
}

/// Every reaction of a message (its menu).
pub fn all(
    ctx: Ctx,
    room: &str,
    message_id: &str,
    counts: Signal<ReactionCounts>,
    in_row: bool,
) -> impl IntoView + use<> {
    Reaction::ALL
        .into_iter()
        .map(|reaction| button(ctx, room, message_id, reaction, counts, in_row))
        .collect_view()
}
