//! Asking first: one dialog for every action that removes, silences, ends or sends a
//! request on someone's behalf — a misclick must never do it. The quick exit stays above it.

use ibasho_protocol::{ClientMsg, EscalationSource, Urgency};
use leptos::prelude::*;

use super::browser;
use super::state::{Ask, Ctx};
use super::words::{ruby_view, tv};
use super::{counsel, moderation};
use crate::i18n::{marked, t};

/// Whether the action removes, silences or ends something (its button says so plainly,
/// and the focus starts on "cancel").
fn grave(ask: &Ask) -> bool {
    matches!(
        ask,
        Ask::Delete { .. }
            | Ask::Mute { .. }
            | Ask::Remove { .. }
            | Ask::CloseRoom { .. }
            | Ask::EndConversation { .. }
            | Ask::EndCase { .. }
            | Ask::Escalate { .. }
            | Ask::HandOver { .. }
            | Ask::DismissAlert { .. }
    )
}

/// The question, what it does, and the button that does it (furigana markup kept: they are
/// shown with ruby where the language asks for it).
fn words(lang: ibasho_protocol::Lang, ask: &Ask) -> (String, String, String) {
    let key = |k: &str| marked(lang, k, &[]);
    let tf = |k: &str, args: &[(&str, &str)]| marked(lang, k, args);
    match ask {
        Ask::Delete { .. } => (
            key("ask-delete-title"),
            key("ask-delete-body"),
            key("ask-delete-do"),
        ),
        Ask::Mute { handle, .. } => (
            tf("ask-mute-title", &[("handle", handle)]),
            key("ask-mute-body"),
            key("ask-mute-do"),
        ),
        Ask::Remove { handle, .. } => (
            tf("ask-remove-title", &[("handle", handle)]),
            key("ask-remove-body"),
            key("ask-remove-do"),
        ),
        Ask::Escalate { handle, .. } => (
            tf("ask-escalate-title", &[("handle", handle)]),
            key("ask-escalate-body"),
            key("ask-escalate-do"),
        ),
        Ask::CloseRoom { .. } => (
            key("ask-close-title"),
            key("ask-close-body"),
            key("ask-close-do"),
        ),
        Ask::AskCounselor { .. } => (
            key("ask-counselor-title"),
            key("ask-counselor-body"),
            key("ask-counselor-do"),
        ),
        Ask::EndConversation { .. } => (
            key("ask-end_conversation-title"),
            key("ask-end_conversation-body"),
            key("ask-end_conversation-do"),
        ),
        Ask::EndCase { outcome, .. } => (
            key("ask-end_case-title"),
            tf(
                "ask-end_case-body",
                &[("outcome", &t(lang, super::case_pane::outcome_key(*outcome)))],
            ),
            key("ask-end_case-do"),
        ),
        Ask::HandOver { .. } => (
            key("ask-hand_over-title"),
            key("ask-hand_over-body"),
            key("ask-hand_over-do"),
        ),
        Ask::DismissAlert { .. } => (
            key("ask-dismiss_alert-title"),
            key("ask-dismiss_alert-body"),
            key("ask-dismiss_alert-do"),
        ),
    }
}

/// Does what was confirmed.
fn run(ctx: Ctx, ask: Ask) {
    match ask {
        Ask::Delete { room, message_id } => moderation::delete(ctx, &room, message_id),
        Ask::Mute { room, handle } => moderation::mute(ctx, &room, handle),
        Ask::Remove { room, handle } => moderation::remove(ctx, &room, handle),
        Ask::Escalate {
            room,
            handle,
            message_id,
            urgent,
        } => {
            let urgency = if urgent {
                Urgency::Urgent
            } else {
                Urgency::Normal
            };
            moderation::escalate(ctx, &room, &handle, &message_id, urgency);
        }
        Ask::CloseRoom { room } => moderation::close(ctx, &room),
        Ask::AskCounselor { room } => counsel::ask(ctx, room, EscalationSource::Participant),
        Ask::EndConversation { id } => {
            ctx.wire.send(&ClientMsg::EndCase {
                escalation_id: id,
                outcome: None,
            });
        }
        Ask::EndCase { id, outcome } => super::case_pane::end_case(ctx, id, outcome),
        Ask::HandOver { id } => super::case_pane::hand_over(ctx, id),
        Ask::DismissAlert {
            room,
            message_id,
            alert_id,
        } => moderation::dismiss_alert(ctx, &room, &message_id, alert_id),
    }
}

#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let cancel_button: NodeRef<leptos::html::Button> = NodeRef::new();
    let do_button: NodeRef<leptos::html::Button> = NodeRef::new();
    // The focus moves into the dialog (on "cancel" when the action is grave), and back to
    // where it was when the dialog goes.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        let Some(ask) = ctx.asking.get() else {
            browser::refocus(opener.try_update_value(Option::take).flatten());
            return;
        };
        if opener.with_value(Option::is_none) {
            opener.set_value(browser::focused());
        }
        let target = if grave(&ask) {
            cancel_button
        } else {
            do_button
        };
        request_animation_frame(move || {
            if let Some(button) = target.get_untracked() {
                let _ = button.focus();
            }
        });
    });
    let close = move || ctx.asking.set(None);
    move || {
        ctx.asking.get().map(|ask| {
            let (title, body, action) = words(lang.get(), &ask);
            let danger = grave(&ask);
            // Asking for a counselor: the two optional questions, in the same one step.
            let questions = match &ask {
                Ask::AskCounselor { room } => {
                    Some(view! { <counsel::RoutingQuestions room=room.clone()/> })
                }
                _ => None,
            };
            let confirm = move |_| {
                if let Some(ask) = ctx.asking.get_untracked() {
                    ctx.asking.set(None);
                    run(ctx, ask);
                }
            };
            view! {
                <div class="dialog-backdrop" on:click=move |_| close()>
                    <section class="dialog confirm" role="alertdialog"
                        aria-labelledby="confirm-title" aria-describedby="confirm-body"
                        on:click=|ev| ev.stop_propagation()
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Escape" { close(); }
                        }>
                        <h2 id="confirm-title">{ruby_view(lang.get(), &title)}</h2>
                        <p id="confirm-body">{ruby_view(lang.get(), &body)}</p>
                        {questions}
                        <div class="actions">
                            <button type="button" node_ref=do_button data-confirm="yes"
                                class=if danger { "danger" } else { "primary" } on:click=confirm>
                                {ruby_view(lang.get(), &action)}
                            </button>
                            <button type="button" node_ref=cancel_button data-confirm="no"
                                on:click=move |_| close()>
                                {tv(lang.get(), "ask-cancel")}
                            </button>
                        </div>
                    </section>
                </div>
            }
        })
    }
}
