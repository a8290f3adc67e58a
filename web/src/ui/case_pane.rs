//! A case as staff see it, for its counselor and for a supervisor observing it: who, the
//! desk it is with and a transfer's note, what the person agreed to share, a supervisor
//! present and the whispers between the two of them; then what each may do — the counselor
//! opens the 1:1 room, hands over, passes it to another desk, calls a supervisor, ends it
//! with an outcome; the supervisor passes it on or stops observing. The card's parts that
//! change (a supervisor coming, whispers) are read live, so that the rest — an outcome
//! chosen, a whisper being typed — stays in place.

use ibasho_protocol::{CaseOutcome, ClientMsg, EscalationSource, Urgency};
use leptos::prelude::*;

use super::kit;
use super::room_actions;
use super::state::{Ask, Ctx, Screen, tra};
use super::words::{tfv, tv};
use crate::console::CaseCard;
use crate::i18n::t;

/// Gives a case back to the queue for another counselor (asked first): the card and the
/// 1:1 room go from this view.
pub fn hand_over(ctx: Ctx, id: String) {
    let sent = ctx.wire.send(&ClientMsg::HandOver {
        escalation_id: id.clone(),
    });
    if !sent {
        return;
    }
    let room = ctx
        .console
        .try_update(|console| console.cases.remove(&id).and_then(|case| case.room));
    if let Some(room) = room.flatten() {
        ctx.conversations.update(|all| all.forget(&room));
    }
    ctx.screen.set(Screen::Console);
}

/// Ends a case with its outcome (the counselor confirmed it), or records the outcome of one
/// the person ended: the card goes once the frame went.
pub fn end_case(ctx: Ctx, id: String, outcome: CaseOutcome) {
    let left = ctx
        .console
        .with_untracked(|console| console.cases.get(&id).is_some_and(|case| case.left));
    let sent = ctx.wire.send(&ClientMsg::EndCase {
        escalation_id: id.clone(),
        outcome: Some(outcome),
    });
    // A case the person ended is told no more: the card goes now. One the counselor ends
    // goes with the `ended` that follows (its room closes with it).
    if sent && left {
        ctx.console.update(|console| {
            console.cases.remove(&id);
        });
        ctx.notice.set(Some(crate::i18n::m(
            ctx.lang.get_untracked(),
            "console-outcome_recorded",
        )));
    }
}

pub fn urgency_key(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Urgent => "console-urgency-urgent",
        Urgency::Normal => "console-urgency-normal",
    }
}

pub fn from_key(from: EscalationSource) -> &'static str {
    match from {
        EscalationSource::Participant => "console-from-participant",
        EscalationSource::Facilitator => "console-from-facilitator",
        EscalationSource::Crisis => "console-from-crisis",
    }
}

pub fn outcome_key(outcome: CaseOutcome) -> &'static str {
    match outcome {
        CaseOutcome::Talked => "outcome-talked",
        CaseOutcome::Referred => "outcome-referred",
        CaseOutcome::NoContact => "outcome-no_contact",
        CaseOutcome::Other => "outcome-other",
    }
}

/// One case: who, what they shared, its desk, a supervisor present, and what may be done.
#[component]
pub fn CasePane(case: CaseCard) -> AnyView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let observing = case.observing;
    let id = case.id.clone();
    let flag = |read: fn(&CaseCard) -> bool| {
        let id = id.clone();
        Memo::new(move |_| ctx.read_case(&id, observing, read))
    };
    let (observed, help_asked) = (flag(|c| c.observed), flag(|c| c.help_asked));
    let left = case.left;
    let handle = if case.handle.is_empty() {
        t(lang.get(), "console-person_gone")
    } else {
        case.handle.clone()
    };
    let lang_now = lang.get_untracked();
    view! {
        <article class="case" class:left=left data-case=case.id.clone() aria-label=tra(lang, "console-cases")>
            {left.then(|| view! {
                <p class="case-left" role="status">{tfv(lang_now, "console-person_left", &[("handle", &handle)])}</p>
            })}
            // The counselor sees at once that a supervisor is there (the person does too).
            {move || (observed.get() && !observing).then(|| view! {
                <p class="observed">{tv(lang.get(), "console-observer")}</p>
            })}
            <p><strong>{tfv(lang_now, "console-case_handle", &[("handle", &handle)])}</strong>
                " · " {tv(lang_now, urgency_key(case.urgency))}
                " · " {tv(lang_now, from_key(case.from))}
                {case.room_title.clone().map(|title| view! { " · " {title} })}
            </p>
            {case.desk_name.clone().map(|desk| view! { <p>{tfv(lang_now, "counsel-desk", &[("desk", &desk)])}</p> })}
            {case.note.clone().map(|note| view! { <p class="note">{tfv(lang_now, "console-note", &[("note", &note)])}</p> })}
            <h3>{tv(lang_now, "console-excerpt")}</h3>
            {if case.excerpt.is_empty() {
                view! { <p class="quiet">{tv(lang_now, "console-excerpt_none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="excerpt">
                        {case.excerpt.iter().map(|item| view! { <li>{item.text.clone()}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            {
                let id = id.clone();
                move || observed.get().then(|| view! { <super::whisper::Whispers id=id.clone() observing=observing/> })
            }
            {if observing {
                observer_actions(ctx, &case).into_any()
            } else {
                counselor_actions(ctx, &case, observed, help_asked).into_any()
            }}
        </article>
    }
    .into_any()
}

/// What the supervisor observing a case may do: pass it on, or leave.
fn observer_actions(ctx: Ctx, case: &CaseCard) -> impl IntoView + use<> {
    let id = case.id.clone();
    let stop = Callback::new(move |()| {
        ctx.wire.send(&ClientMsg::DeclineObserver {
            escalation_id: id.clone(),
        });
    });
    view! {
        <div class="actions">
            <super::transfer::TransferForm id=case.id.clone() current=case.desk.clone()/>
            {kit::button(ctx.lang, "supervision-stop", "stop", "", stop)}
        </div>
    }
}

/// What the counselor of a case may do: open its room, hand it over, pass it to another
/// desk, call a supervisor, and end it with an outcome (chosen, never assumed).
fn counselor_actions(
    ctx: Ctx,
    case: &CaseCard,
    observed: Memo<bool>,
    help_asked: Memo<bool>,
) -> impl IntoView + use<> {
    let lang = ctx.lang;
    let lang_now = lang.get_untracked();
    let outcome = RwSignal::new(None::<CaseOutcome>);
    let (id, left) = (case.id.clone(), case.left);
    let hand_over = {
        let id = id.clone();
        Callback::new(move |()| ctx.asking.set(Some(Ask::HandOver { id: id.clone() })))
    };
    let call = {
        let id = id.clone();
        Callback::new(move |()| {
            let sent = ctx.wire.send(&ClientMsg::AskSupervisor {
                escalation_id: id.clone(),
            });
            if sent {
                ctx.console.update(|console| {
                    if let Some(case) = console.cases.get_mut(&id) {
                        case.help_asked = true;
                    }
                });
            }
        })
    };
    let end = {
        let id = id.clone();
        move |_| {
            let Some(chosen) = outcome.get_untracked() else {
                return;
            };
            if left {
                // The person already ended it: this only records what came of it.
                end_case(ctx, id.clone(), chosen);
            } else {
                ctx.asking.set(Some(Ask::EndCase {
                    id: id.clone(),
                    outcome: chosen,
                }));
            }
        }
    };
    let select_id = format!("outcome_{}", case.id);
    let room = case.room.clone();
    view! {
        <div class="actions">
            {room.filter(|room| ctx.screen.get_untracked() != Screen::Room(room.clone())).map(|room| {
                let open = Callback::new(move |()| {
                    room_actions::enter(ctx, room.clone());
                    ctx.screen.set(Screen::Room(room.clone()));
                });
                kit::button(lang, "console-chat", "chat", "primary", open)
            })}
            {(!left).then(|| view! {
                {kit::button(lang, "console-hand_over", "hand-over", "", hand_over)}
                <super::transfer::TransferForm id=id.clone() current=case.desk.clone()/>
                {move || match (observed.get(), help_asked.get()) {
                    (true, _) => None,
                    (false, true) => Some(view! {
                        <p class="quiet" role="status">{tv(lang.get(), "console-supervisor_asked")}</p>
                    }.into_any()),
                    (false, false) => Some(kit::button(lang, "console-ask_supervisor", "ask_supervisor", "", call)),
                }}
            })}
            <label for=select_id.clone()>{tv(lang_now, "console-outcome")}</label>
            <select id=select_id data-console="outcome" on:change=move |ev| {
                let value = event_target_value(&ev);
                outcome.set(CaseOutcome::ALL.into_iter().find(|o| o.as_str() == value));
            }>
                <option value="" selected>{tv(lang_now, "console-outcome_choose")}</option>
                {CaseOutcome::ALL
                    .into_iter()
                    .map(|o| view! { <option value=o.as_str()>{tv(lang_now, outcome_key(o))}</option> })
                    .collect_view()}
            </select>
            <button type="button" data-console="end" disabled=move || outcome.get().is_none() on:click=end>
                {tv(lang_now, if left { "console-record" } else { "console-end" })}
            </button>
        </div>
    }
}

/// In a 1:1 room, for its counselor or the supervisor observing it: the case above the
/// chat (rebuilt only when what shapes it changes).
#[component]
pub fn CaseInRoom(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let observing = ctx.is_supervisor();
    let case = Memo::new(move |_| {
        let card = if observing {
            ctx.supervision.with(|s| s.case_in(&room).cloned())
        } else {
            ctx.console.with(|c| c.case_in(&room).cloned())
        };
        card.map(CaseCard::shape)
    });
    move || case.get().map(|case| view! { <CasePane case=case/> })
}
