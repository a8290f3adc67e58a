//! The counselor's console: going on and off duty, the queue of the desks they serve
//! (urgency, where from, which desk, a transfer's note — never who or what), a new request
//! or an urgent call raised where they may not be looking (`alerts`), claiming, a case
//! passed to a desk with nobody on duty, and each case (`case_pane`): when the person ends
//! it, the case stays to record its outcome. State and reducer: `crate::console`.

use ibasho_protocol::{ClientMsg, Urgency};
use leptos::prelude::*;

use super::alerts;
use super::case_pane::{from_key, urgency_key};
use super::kit;
use super::room_actions;
use super::state::{Ctx, Screen, follow, tr, tra};
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
        ConsoleTold::Arrived { urgent } => alerts::raise(
            ctx,
            if urgent {
                "console-arrived_urgent"
            } else {
                "console-arrived"
            },
            &[],
        ),
        ConsoleTold::Observer(present) => observer(ctx, present),
        ConsoleTold::Whispered { from, text } => super::whisper::heard(ctx, &from, &text),
    }
}

/// A supervisor came into one of this counselor's case rooms, or left: said aloud.
pub fn observer(ctx: Ctx, present: bool) {
    let key = if present {
        "console-observer"
    } else {
        "console-observer_left"
    };
    ctx.announcement.set(t(ctx.lang.get_untracked(), key));
}

/// A 1:1 room is over (the server erased it): it goes, and the counselor is back at the
/// console.
fn close_room(ctx: Ctx, room: &str) {
    ctx.conversations.update(|all| all.forget(room));
    if ctx.screen.get_untracked() == Screen::Room(room.to_owned()) {
        ctx.screen.set(Screen::Console);
    }
}

/// An urgent call came in (before the person's consent): raised like a request, and said
/// with its room's name (the console lists it).
fn urgent(ctx: Ctx, room: Option<String>) {
    alerts::raise(ctx, "console-arrived_urgent", &[]);
    let lang = ctx.lang.get_untracked();
    if let Some(room) = room.filter(|room| !room.is_empty()) {
        ctx.announcement
            .set(tf(lang, "console-urgent", &[("room", &room)]));
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

/// The console page.
#[component]
pub fn Console() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let on_duty = Memo::new(move |_| ctx.console.with(|console| console.on_duty));
    let toggle = Callback::new(move |()| {
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
    });
    // Waiting times move on with the clock (the server tells the queue only when it changes).
    alerts::tick(ctx);
    view! {
        <section class="console" aria-labelledby="console-title">
            <h1 id="console-title">{tr(lang, "console-title")}</h1>
            {alerts::duty_line(
                ctx,
                on_duty,
                ("console-on_duty", "console-off_duty"),
                ("console-duty_off", "console-duty_on"),
                toggle,
            )}
            <UrgentCalls/>
            <Parked/>
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
    // (Drawn again when the calls change: a key rather than a memo of the list, which would
    // cost the bundle a copy of the memo's code for its type.)
    let shape = Memo::new(move |_| {
        ctx.console.with(|console| {
            let mut key = String::new();
            for call in &console.urgent {
                key.push_str(&call.room);
                key.push(' ');
            }
            key
        })
    });
    move || {
        follow(shape);
        let calls = ctx.console.with_untracked(|console| console.urgent.clone());
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
    // Drawn again when the queue is told again (a key rather than a memo of the list).
    // (When it came, and how many: going off duty empties it.)
    let told = Memo::new(move |_| {
        ctx.console.with(|console| {
            (console.queue_at_ms as u64).to_string() + &console.queue.len().to_string()
        })
    });
    view! {
        <section aria-labelledby="queue-title">
            <h2 id="queue-title">{tr(lang, "console-queue")}</h2>
            {move || {
                follow(told);
                let items = ctx.console.with_untracked(|console| console.queue.clone());
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
                                    {item.desk_name.clone().map(|desk| view! { " · " {desk} })}
                                    {item.transferred.then(|| view! { " · " <span class="mark">{tv(lang.get(), "console-transferred")}</span> })}
                                    " · " <span class="waited">{waited}</span>
                                    " "
                                    <button type="button" data-console="claim" on:click=move |_| {
                                        ctx.wire.send(&ClientMsg::Claim { escalation_id: id.clone() });
                                    }>{tv(lang.get(), "console-claim")}</button>
                                    {item.note.clone().map(|note| view! {
                                        <p class="note">{tfv(lang.get(), "console-note", &[("note", &note)])}</p>
                                    })}
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
    // What shapes each pane (the parts that change while it is shown are read live).
    let shape = Memo::new(move |_| {
        ctx.console.with(|console| {
            let mut key = String::new();
            for case in console.cases.values() {
                key.push_str(&case.id);
                key.push(if case.left { 'l' } else { ' ' });
                key.push_str(case.room.as_deref().unwrap_or_default());
                key.push('\n');
            }
            key
        })
    });
    let cases = move || {
        follow(shape);
        ctx.console.with_untracked(|console| {
            console
                .cases
                .values()
                .cloned()
                .map(CaseCard::shape)
                .collect::<Vec<_>>()
        })
    };
    let any = Memo::new(move |_| shape.with(|key| !key.is_empty()));
    // Keyed, so that a change to one case leaves the others (and a chosen outcome) in place.
    view! {
        <section aria-labelledby="cases-title" class:hidden=move || !any.get()>
            <h2 id="cases-title">{tr(lang, "console-cases")}</h2>
            <For
                each=cases
                key=|case| (case.id.clone(), case.left, case.room.clone())
                children=|case| view! { <super::case_pane::CasePane case=case/> }
            />
        </section>
    }
}

/// A case this counselor passed to a desk where nobody is on duty now: it waits there, and
/// another desk may be chosen (rebuilt when it is another case or desk).
#[component]
fn Parked() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let shape = Memo::new(move |_| {
        ctx.console.with(|console| {
            console
                .parked
                .as_ref()
                .map(|parked| format!("{} {}", parked.id, parked.desk))
        })
    });
    move || {
        follow(shape);
        let parked = ctx
            .console
            .with_untracked(|console| console.parked.clone())?;
        let lang = lang.get();
        let desk = parked.desk_name.unwrap_or_else(|| parked.desk.clone());
        Some(view! {
            <div class="parked" role="status" data-console="parked">
                <p>{tfv(lang, "console-parked", &[("desk", &desk)])}</p>
                <div class="actions">
                    <super::transfer::TransferForm id=parked.id current=Some(parked.desk)/>
                    {kit::button(ctx.lang, "counsel-dismiss", "dismiss", "", Callback::new(move |()| ctx.console.update(|c| c.parked = None)))}
                </div>
            </div>
        }.into_any())
    }
}
