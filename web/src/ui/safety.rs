//! The participant's side of keeping the room safe: reporting a message (never to anyone
//! but staff), hiding someone's messages on this device, the choice when a message looks
//! like personal information, the private support card, and what became of a report.
//! State: `crate::safety` (who is hidden here); the support card is the room's.

use ibasho_protocol::{ClientMsg, EscalationSource, ReportReason};

use super::help_lines::help_lines;
use leptos::prelude::*;

use super::browser;
use super::state::{Ctx, follow, tr};
use super::words::{tfv, tv};
use crate::i18n::m;
use crate::safety::{Safety, SafetyTold};

const REASONS: [(ReportReason, &str); 5] = [
    (ReportReason::Harassment, "report-reason-harassment"),
    (ReportReason::PersonalInfo, "report-reason-personal_info"),
    (ReportReason::Spam, "report-reason-spam"),
    (ReportReason::SelfHarm, "report-reason-self_harm"),
    (ReportReason::Other, "report-reason-other"),
];

/// The safety area's part of the session: who was hidden is forgotten with it.
pub fn install(ctx: Ctx) {
    ctx.wire
        .on_session_end(move || ctx.safety.set(Safety::default()));
}

/// What a frame about the person's reports asks of the page.
pub fn told(ctx: Ctx, told: SafetyTold) {
    let lang = ctx.lang.get_untracked();
    let sentence = match told {
        SafetyTold::None => return,
        SafetyTold::ReportReceived => m(lang, "report-received"),
        SafetyTold::Outcome(outcome) => m(lang, &format!("report-outcome-{}", outcome.as_str())),
    };
    ctx.notice.set(Some(sentence));
}

#[component]
pub fn ReportDialog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let reason = RwSignal::new(ReportReason::Harassment);
    let note = RwSignal::new(String::new());
    let first: NodeRef<leptos::html::Select> = NodeRef::new();
    // The focus goes into the form, and back to where it was when the form goes.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    Effect::new(move |_| {
        if ctx.reporting.with(Option::is_none) {
            browser::refocus(opener.try_update_value(Option::take).flatten());
        } else {
            opener.set_value(browser::focused());
            reason.set(ReportReason::Harassment);
            note.set(String::new());
            request_animation_frame(move || {
                if let Some(select) = first.get_untracked() {
                    let _ = select.focus();
                }
            });
        }
    });
    let close = move || ctx.reporting.set(None);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(target) = ctx.reporting.get_untracked() else {
            return;
        };
        let note = note.get_untracked().trim().to_owned();
        ctx.wire.send(&ClientMsg::Report {
            room: target.room,
            message_id: target.message_id,
            reason: reason.get_untracked(),
            note: (!note.is_empty()).then_some(note),
        });
        close();
    };
    move || {
        ctx.reporting.get().map(|target| {
            view! {
                <div class="dialog-backdrop" on:click=move |_| close()>
                    <section class="dialog report" role="dialog"
                        aria-labelledby="report-title" on:click=|ev| ev.stop_propagation()
                        on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                            if ev.key() == "Escape" { close(); }
                        }>
                        <h2 id="report-title">{tv(lang.get(), "report-title")}</h2>
                        <blockquote class="quoted">
                            <span class="handle">{target.handle.clone()}</span>" "{target.text.clone()}
                        </blockquote>
                        <p class="hint">{tv(lang.get(), "report-private")}</p>
                        <form on:submit=send>
                            <label for="report-reason">{tv(lang.get(), "report-reason")}</label>
                            <select id="report-reason" node_ref=first on:change=move |ev| {
                                let value = event_target_value(&ev);
                                if let Some((r, _)) = REASONS.iter().find(|(r, _)| r.as_str() == value) {
                                    reason.set(*r);
                                }
                            }>
                                {REASONS
                                    .iter()
                                    .map(|(r, key)| view! { <option value=r.as_str()>{tv(lang.get(), key)}</option> })
                                    .collect_view()}
                            </select>
                            <label for="report-note">{tv(lang.get(), "report-note")}</label>
                            <input id="report-note" maxlength="300" prop:value=move || note.get()
                                on:input=move |ev| note.set(event_target_value(&ev))/>
                            <div class="actions">
                                <button type="submit" class="primary">{tv(lang.get(), "report-send")}</button>
                                <button type="button" on:click=move |_| close()>
                                    {tv(lang.get(), "report-cancel")}
                                </button>
                            </div>
                        </form>
                    </section>
                </div>
            }
        })
    }
}

/// The one line that stands for a run of a hidden person's messages, with the way to show
/// them again.
#[component]
pub fn HiddenLine(handle: String, count: usize) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let label = {
        let handle = handle.clone();
        move || {
            tfv(
                lang.get(),
                "hide-hidden",
                &[("handle", &handle), ("n", &count.to_string())],
            )
        }
    };
    view! {
        <p class="hidden-note">
            {label}
            <button type="button" class="quiet" on:click=move |_| {
                let handle = handle.clone();
                ctx.safety.update(|safety| {
                    safety.hidden.remove(&handle);
                });
            }>{tr(lang, "hide-show")}</button>
        </p>
    }
}

/// A message held back as personal information: send it anyway, or take it back to edit.
#[component]
pub fn PersonalInfoChoice(room: String, client_id: String, text: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let send = {
        let (room, client_id) = (room.clone(), client_id.clone());
        move |_| {
            ctx.conversations.update(|all| {
                if let Some(c) = all.get_mut(&room) {
                    c.confirm(&client_id);
                }
            });
            super::room_actions::flush(ctx, &room);
        }
    };
    let title_id = format!("pi-title-{client_id}");
    let dialog: NodeRef<leptos::html::Div> = NodeRef::new();
    // The choice takes the focus when it appears, so a keyboard or screen reader is on it.
    Effect::new(move |_| {
        if let Some(dialog) = dialog.get() {
            let _ = dialog.focus();
        }
    });
    let edit = move |_| {
        ctx.conversations.update(|all| {
            if let Some(c) = all.get_mut(&room) {
                c.dismiss(&client_id);
            }
        });
        // Back in the composer, to change.
        if let Some(area) = document()
            .get_element_by_id("composer")
            .and_then(|el| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlTextAreaElement>(el).ok())
        {
            area.set_value(&text);
            let _ = area.focus();
        }
    };
    view! {
        <div class="pi-choice" role="alertdialog" aria-labelledby=title_id.clone()
            tabindex="-1" node_ref=dialog>
            <p id=title_id.clone()>{tr(lang, "pi-title")}</p>
            <div class="actions">
                <button type="button" on:click=send>{tr(lang, "pi-send")}</button>
                <button type="button" class="primary" on:click=edit>{tr(lang, "pi-edit")}</button>
            </div>
        </div>
    }
}

/// The help lines, for this person alone, after they wrote crisis language.
#[component]
pub fn SupportCard(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let lines = {
        let room = room.clone();
        move || {
            ctx.conversations.with(|all| {
                all.get(&room)
                    .and_then(|c| Some((c.support.clone()?, c.offer_counselor)))
            })
        }
    };
    // (Drawn again when the card changes: a key of what it shows rather than a memo of it.)
    let told = {
        let lines = lines.clone();
        Memo::new(move |_| {
            lines().map(|(lines, offer)| {
                let mut key = String::from(if offer { "o" } else { "-" });
                for line in lines {
                    key.push_str(&line.name);
                    key.push(if line.open_now { '+' } else { '-' });
                    key.push_str(&line.hours);
                }
                key
            })
        })
    };
    move || {
        follow(told);
        untrack(&lines).map(|(lines, offer)| {
            let room = room.clone();
            view! {
                <aside class="support" aria-labelledby="support-title">
                    <h2 id="support-title">{tv(lang.get(), "support-title")}</h2>
                    <p>{tv(lang.get(), "support-body")}</p>
                    {help_lines(lang.get(), lines)}
                    {offer.then(|| {
                        let room = room.clone();
                        view! {
                            <button type="button" class="primary" data-counsel="ask-crisis"
                                on:click=move |_| super::counsel::ask(ctx, Some(room.clone()), EscalationSource::Crisis)>
                                {tv(lang.get(), "counsel-ask")}
                            </button>
                        }
                    })}
                    <button type="button" on:click=move |_| {
                        ctx.conversations.update(|all| {
                            if let Some(c) = all.get_mut(&room) {
                                c.support = None;
                            }
                        });
                    }>{tv(lang.get(), "support-close")}</button>
                </aside>
            }
        })
    }
}
