//! The counselor's console: going on and off duty, the queue (urgency, where from, how long
//! — never who or what), urgent calls announced on screen and with a short sound that can be
//! muted, claiming, and each case: the handle, what the person agreed to share, the 1:1
//! room, hand-over and the outcome (chosen, never assumed; ending asks first) — and when the
//! person ends it, the case stays to record its outcome. State and reducer:
//! `crate::console`.

use ibasho_protocol::{CaseOutcome, ClientMsg, EscalationSource, Urgency};
use leptos::prelude::*;

use super::room_actions;
use super::state::{Ask, Ctx, Screen, tr, tra};
use super::words::{tfv, tv};
use crate::console::{CaseCard, Console, ConsoleTold};
use crate::i18n::{t, tf};

/// The console's part of the session: its end forgets duty, the queue and the cases.
pub fn install(ctx: Ctx) {
    ctx.wire
        .on_session_end(move || ctx.console.update(Console::clear));
}

/// What a frame of this area asks of the page.
pub fn told(ctx: Ctx, told: ConsoleTold) {
    match told {
        ConsoleTold::None => {}
        ConsoleTold::OpenRoom(room) => {
            room_actions::enter(ctx, room.clone());
            ctx.screen.set(Screen::Room(room));
        }
        ConsoleTold::CloseRoom(room) => close_room(ctx, &room),
        ConsoleTold::PersonLeft { room, handle } => {
            if let Some(room) = room {
                close_room(ctx, &room);
            }
            person_left(ctx, &handle);
        }
        ConsoleTold::Urgent(room) => urgent(ctx, room),
    }
}

/// A 1:1 room is over (the server erased it): it goes, and the counselor is back at the
/// console.
fn close_room(ctx: Ctx, room: &str) {
    ctx.conversations.update(|all| all.forget(room));
    if ctx.screen.get_untracked() == Screen::Room(room.to_owned()) {
        ctx.screen.set(Screen::Console);
    }
}

/// An urgent call came in: said on screen (the console lists it) and by a short tone. The
/// room is named when there is one (a request from the lobby has none).
fn urgent(ctx: Ctx, room: Option<String>) {
    let lang = ctx.lang.get_untracked();
    let sentence = match room.filter(|room| !room.is_empty()) {
        Some(room) => tf(lang, "console-urgent", &[("room", &room)]),
        None => t(lang, "console-urgent_waiting"),
    };
    ctx.announcement.set(sentence);
    if !ctx.console.with_untracked(|console| console.muted) {
        tone();
    }
}

/// The person ended a case: the counselor is told, and records the outcome.
fn person_left(ctx: Ctx, handle: &str) {
    let lang = ctx.lang.get_untracked();
    ctx.announcement
        .set(tf(lang, "console-person_left", &[("handle", handle)]));
    ctx.notice.set(Some(crate::i18n::marked(
        lang,
        "console-person_left",
        &[("handle", handle)],
    )));
}

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

/// A short, soft tone (a browser that does not allow sound yet simply stays quiet).
fn tone() {
    let Ok(audio) = web_sys::AudioContext::new() else {
        return;
    };
    let (Ok(oscillator), Ok(gain)) = (audio.create_oscillator(), audio.create_gain()) else {
        return;
    };
    oscillator.frequency().set_value(660.0);
    gain.gain().set_value(0.08);
    let now = audio.current_time();
    let _ = oscillator.connect_with_audio_node(&gain);
    let _ = gain.connect_with_audio_node(&audio.destination());
    let _ = oscillator.start();
    let _ = oscillator.stop_with_when(now + 0.25);
}

fn urgency_key(urgency: Urgency) -> &'static str {
    match urgency {
        Urgency::Urgent => "console-urgency-urgent",
        Urgency::Normal => "console-urgency-normal",
    }
}

fn from_key(from: EscalationSource) -> &'static str {
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

/// The console page.
#[component]
pub fn Console() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let on_duty = Memo::new(move |_| ctx.console.with(|console| console.on_duty));
    let toggle = move |_| {
        let on = !on_duty.get_untracked();
        if ctx.wire.send(&ClientMsg::Duty { on }) {
            ctx.console.update(|console| {
                if on {
                    console.on_duty = true;
                } else {
                    console.off_duty();
                }
            });
        }
    };
    let muted = Memo::new(move |_| ctx.console.with(|console| console.muted));
    // Waiting times move on with the clock (the server tells the queue only when it changes).
    ctx.now_ms.set(super::browser::now_ms());
    let ticker = set_interval_with_handle(
        move || ctx.now_ms.set(super::browser::now_ms()),
        std::time::Duration::from_secs(15),
    )
    .ok();
    on_cleanup(move || {
        if let Some(handle) = ticker {
            handle.clear();
        }
    });
    view! {
        <section class="console" aria-labelledby="console-title">
            <h1 id="console-title">{tr(lang, "console-title")}</h1>
            <p class="duty" data-duty=move || on_duty.get().to_string()>
                {move || tv(lang.get(), if on_duty.get() { "console-on_duty" } else { "console-off_duty" })}
                " "
                <button type="button" data-console="duty" class:primary=move || !on_duty.get() on:click=toggle>
                    {move || tv(lang.get(), if on_duty.get() { "console-duty_off" } else { "console-duty_on" })}
                </button>
                " "
                <button type="button" aria-pressed=move || muted.get().to_string()
                    on:click=move |_| ctx.console.update(|console| console.muted = !console.muted)>
                    {move || tv(lang.get(), if muted.get() { "console-unmute" } else { "console-mute" })}
                </button>
            </p>
            <UrgentCalls/>
            <Queue/>
            <Cases/>
            <p>
                <button type="button" class="link" on:click=move |_| ctx.screen.set(Screen::Lobby)>
                    {tr(lang, "console-back")}
                </button>
            </p>
        </section>
    }
}

#[component]
fn UrgentCalls() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let calls = Memo::new(move |_| ctx.console.with(|console| console.urgent.clone()));
    move || {
        let calls = calls.get();
        (!calls.is_empty()).then(|| {
            view! {
                // (The announcer reads each call out; the list stays a list.)
                <ul class="urgent-calls" aria-label=tra(lang, "console-urgency-urgent")>
                    {calls.into_iter().map(|call| {
                        let room = call.room.clone();
                        let gone = call.clone();
                        view! {
                            <li>
                                {tfv(lang.get(), "console-urgent", &[("room", &call.room_title)])}
                                " "
                                <button type="button" on:click=move |_| {
                                    let gone = gone.clone();
                                    ctx.console.update(|console| console.urgent.retain(|c| *c != gone));
                                    room_actions::enter(ctx, room.clone());
                                    ctx.screen.set(Screen::Room(room.clone()));
                                }>{tv(lang.get(), "console-go_to_room")}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
        })
    }
}

#[component]
fn Queue() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let queue = Memo::new(move |_| ctx.console.with(|console| console.queue.clone()));
    view! {
        <section aria-labelledby="queue-title">
            <h2 id="queue-title">{tr(lang, "console-queue")}</h2>
            {move || {
                let items = queue.get();
                if items.is_empty() {
                    return view! { <p class="quiet">{tv(lang.get(), "console-queue_empty")}</p> }.into_any();
                }
                view! {
                    <ol class="queue">
                        {items.into_iter().map(|item| {
                            let id = item.escalation_id.clone();
                            let waited = {
                                let item = item.clone();
                                move || {
                                    let now = ctx.now_ms.get();
                                    let minutes = ctx.console.with(|console| console.waited_minutes(&item, now));
                                    tf(lang.get(), "console-waited", &[("n", &minutes.to_string())])
                                }
                            };
                            let place = item
                                .room_title
                                .clone()
                                .unwrap_or_else(|| t(lang.get(), "console-lobby"));
                            view! {
                                <li class:urgent=item.urgency == Urgency::Urgent data-escalation=item.escalation_id.clone()>
                                    <strong>{tv(lang.get(), urgency_key(item.urgency))}</strong>
                                    " · " {tv(lang.get(), from_key(item.from))}
                                    " · " {place}
                                    " · " <span class="waited">{waited}</span>
                                    " "
                                    <button type="button" data-console="claim" on:click=move |_| {
                                        ctx.wire.send(&ClientMsg::Claim { escalation_id: id.clone() });
                                    }>{tv(lang.get(), "console-claim")}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}

#[component]
fn Cases() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let cases = Memo::new(move |_| {
        ctx.console
            .with(|console| console.cases.values().cloned().collect::<Vec<_>>())
    });
    let any = Memo::new(move |_| cases.with(|cases| !cases.is_empty()));
    // Keyed, so that a change to one case leaves the others (and a chosen outcome) in place.
    view! {
        <section aria-labelledby="cases-title" class:hidden=move || !any.get()>
            <h2 id="cases-title">{tr(lang, "console-cases")}</h2>
            <For
                each=move || cases.get()
                key=|case| (case.id.clone(), case.left, case.room.clone())
                children=|case| view! { <CasePane case=case/> }
            />
        </section>
    }
}

/// One case: who, what they shared, the 1:1 room, hand-over and the end with an outcome.
#[component]
pub fn CasePane(case: CaseCard) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    // Chosen by the counselor, never assumed.
    let outcome = RwSignal::new(None::<CaseOutcome>);
    let id = case.id.clone();
    let left = case.left;
    let hand_over = {
        let id = id.clone();
        move |_| ctx.asking.set(Some(Ask::HandOver { id: id.clone() }))
    };
    let end = move |_| {
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
    };
    let select_id = format!("outcome-{}", case.id);
    let room = case.room.clone();
    let handle = if case.handle.is_empty() {
        t(lang.get(), "console-person_gone")
    } else {
        case.handle.clone()
    };
    view! {
        <article class="case" class:left=left data-case=case.id.clone() aria-label=tra(lang, "console-cases")>
            {left.then(|| view! {
                <p class="case-left" role="status">{tfv(lang.get(), "console-person_left", &[("handle", &handle)])}</p>
            })}
            <p><strong>{tfv(lang.get(), "console-case_handle", &[("handle", &handle)])}</strong>
                " · " {tv(lang.get(), urgency_key(case.urgency))}
                " · " {tv(lang.get(), from_key(case.from))}
                {case.room_title.clone().map(|title| view! { " · " {title} })}
            </p>
            <h3>{tv(lang.get(), "console-excerpt")}</h3>
            {if case.excerpt.is_empty() {
                view! { <p class="quiet">{tv(lang.get(), "console-excerpt_none")}</p> }.into_any()
            } else {
                view! {
                    <ul class="excerpt">
                        {case.excerpt.iter().map(|item| view! { <li>{item.text.clone()}</li> }).collect_view()}
                    </ul>
                }
                .into_any()
            }}
            <div class="actions">
                {room.map(|room| {
                    let open = room.clone();
                    let here = ctx.screen.get_untracked() == Screen::Room(room);
                    (!here).then(|| view! {
                        <button type="button" class="primary" data-console="chat"
                            on:click=move |_| {
                                room_actions::enter(ctx, open.clone());
                                ctx.screen.set(Screen::Room(open.clone()));
                            }>
                            {tv(lang.get(), "console-chat")}
                        </button>
                    })
                })}
                {(!left).then(|| view! {
                    <button type="button" data-console="hand-over" on:click=hand_over>{tv(lang.get(), "console-hand_over")}</button>
                })}
                <label for=select_id.clone()>{tv(lang.get(), "console-outcome")}</label>
                <select id=select_id.clone() data-console="outcome" on:change=move |ev| {
                    let value = event_target_value(&ev);
                    outcome.set(CaseOutcome::ALL.into_iter().find(|o| o.as_str() == value));
                }>
                    <option value="" selected>{tv(lang.get(), "console-outcome_choose")}</option>
                    {CaseOutcome::ALL
                        .into_iter()
                        .map(|o| view! { <option value=o.as_str()>{tv(lang.get(), outcome_key(o))}</option> })
                        .collect_view()}
                </select>
                <button type="button" data-console="end" disabled=move || outcome.get().is_none() on:click=end>
                    {tv(lang.get(), if left { "console-record" } else { "console-end" })}
                </button>
            </div>
        </article>
    }
}

/// In a 1:1 room, for its counselor: the case pane above the chat.
#[component]
pub fn CaseInRoom(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let case = Memo::new(move |_| ctx.console.with(|console| console.case_in(&room).cloned()));
    move || case.get().map(|case| view! { <CasePane case=case/> })
}
