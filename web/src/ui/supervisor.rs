//! The supervisor's console: on and off duty, counselors calling for a supervisor (raised
//! where the supervisor may not be looking), every desk at a glance — how many wait and for
//! how long, the counselors on duty and how many cases each has open: counts and waiting
//! times only, never a handle or words —, the open cases with 「同席する」, and the cases
//! observed now. Observing, the case's room is read-only for them (no message box, no
//! reactions): the case pane above it has the whispers and 「同席をやめる」. State and
//! reducer: `crate::supervision`.

use ibasho_protocol::{ClientMsg, EscalationState, OverviewCase};
use leptos::prelude::*;

use super::alerts;
use super::case_pane::urgency_key;
use super::kit;
use super::room_actions;
use super::state::{Ctx, Screen, follow, tr};
use super::words::{ruby_view, tfv, tv};
use crate::i18n::{marked, t};
use crate::supervision::{Supervision, SupervisionTold};

/// The supervision's part of the session: its end forgets the overview and the cases.
pub fn install(ctx: Ctx) {
    ctx.wire
        .on_session_end(move || ctx.supervision.update(Supervision::clear));
}

/// What a frame of this area asks of the page.
pub fn told(ctx: Ctx, told: SupervisionTold) {
    match told {
        SupervisionTold::None => {}
        SupervisionTold::Adopt(frame) => {
            // The room the server put this tab in: the room area keeps its history.
            if let ibasho_protocol::ServerMsg::Joined { room, .. } = &frame {
                ctx.conversations.update(|all| {
                    all.entry(room.clone()).or_default();
                });
            }
            let me = ctx.me.get_untracked();
            if let Some(told) = ctx
                .conversations
                .try_update(|all| all.on_frame(frame, me.as_deref()))
            {
                room_actions::told(ctx, told);
            }
        }
        SupervisionTold::OpenRoom(room) => ctx.screen.set(Screen::Room(room)),
        SupervisionTold::CloseRoom(room) => {
            ctx.conversations.update(|all| all.forget(&room));
            if ctx.screen.get_untracked() == Screen::Room(room) {
                ctx.screen.set(Screen::Supervision);
            }
            ctx.announcement
                .set(t(ctx.lang.get_untracked(), "supervision-stopped"));
        }
        SupervisionTold::Called {
            desk,
            waiting_seconds,
        } => {
            let minutes = (waiting_seconds / 60).to_string();
            alerts::raise(ctx, "supervision-call", &[("desk", &desk), ("n", &minutes)]);
        }
        SupervisionTold::Whispered { from, text } => super::whisper::heard(ctx, &from, &text),
    }
}

/// Whole minutes of `seconds` told at `at_ms`, at the clock's now.
fn minutes(ctx: Ctx, seconds: u64, at_ms: f64) -> String {
    ((seconds + Supervision::since(at_ms, ctx.now_ms.get())) / 60).to_string()
}

/// The sentence `key` with the minutes (`n`) of `seconds` told at `at_ms`, moving on with
/// the clock, and a `desk` (one shape for every such line).
fn ticking(ctx: Ctx, key: &'static str, (seconds, at_ms): (u64, f64), desk: String) -> AnyView {
    let lang = ctx.lang;
    (move || {
        tfv(
            lang.get(),
            key,
            &[("desk", &desk), ("n", &minutes(ctx, seconds, at_ms))],
        )
    })
    .into_any()
}

/// A desk's name, or the general one for a service without desks.
fn desk_name(ctx: Ctx, desk: &str) -> String {
    ctx.supervision
        .with(|s| s.desk_name(desk))
        .unwrap_or_else(|| t(ctx.lang.get(), "supervision-desk_default"))
}

/// The supervisor's console page.
#[component]
pub fn SupervisionPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let on_duty = Memo::new(move |_| ctx.supervision.with(|s| s.on_duty));
    let toggle = Callback::new(move |()| {
        let on = !on_duty.get_untracked();
        if ctx.wire.send(&ClientMsg::Duty { on }) {
            ctx.supervision.update(|s| {
                if on {
                    s.on_duty = true;
                } else {
                    s.off_duty();
                }
            });
        }
    });
    // Waiting times move on with the clock (the server tells the overview when it changes).
    alerts::tick(ctx);
    view! {
        <section class="console supervision" aria-labelledby="supervision-title">
            <h1 id="supervision-title">{tr(lang, "supervision-title")}</h1>
            {alerts::duty_line(
                ctx,
                on_duty,
                ("supervision-on_duty", "supervision-off_duty"),
                ("supervision-duty_off", "supervision-duty_on"),
                toggle,
            )}
            <Desks/>
            <OpenCases/>
            <p>
                <button type="button" class="link" on:click=move |_| ctx.screen.set(Screen::Lobby)>
                    {tr(lang, "console-back")}
                </button>
            </p>
        </section>
    }
}

/// 「同席する」 for case `id` (the server puts this tab in its room, and tells the person).
fn observe_button(ctx: Ctx, id: String) -> AnyView {
    let observe = Callback::new(move |()| {
        ctx.wire.send(&ClientMsg::Observe {
            escalation_id: id.clone(),
        });
    });
    kit::button(ctx.lang, "supervision-observe", "observe", "", observe)
}

/// Every desk: how many wait and the longest wait, the counselors on duty and how many
/// cases each has open (nothing here to press: drawn again as the clock moves on).
#[component]
fn Desks() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let desks = move || {
        let lang = lang.get();
        let (desks, at) = ctx
            .supervision
            .with(|s| (s.overview.clone(), s.overview_at_ms));
        desks
            .into_iter()
            .map(|desk| {
                let name = desk
                    .desk_name
                    .unwrap_or_else(|| t(lang, "supervision-desk_default"));
                // Two lines of counts, written as sentences (fewer shapes of view).
                let mut waits = marked(
                    lang,
                    "supervision-queue",
                    &[("n", &desk.queue_length.to_string())],
                );
                if let Some(seconds) = desk.oldest_wait_seconds {
                    waits.push_str(" · ");
                    waits.push_str(&marked(
                        lang,
                        "supervision-oldest",
                        &[("n", &minutes(ctx, seconds, at))],
                    ));
                }
                let on_duty = desk.counselors.len().to_string();
                let mut staff = marked(lang, "supervision-counselors", &[("n", &on_duty)]);
                if !desk.counselors.is_empty() {
                    let mut list = String::new();
                    for (at, open) in desk.counselors.iter().enumerate() {
                        if at > 0 {
                            list.push('・');
                        }
                        list.push_str(&open.to_string());
                    }
                    staff.push_str(" · ");
                    staff.push_str(&marked(lang, "supervision-open_cases", &[("list", &list)]));
                }
                view! {
                    <li data-desk=desk.desk>
                        <h3>{name}</h3>
                        <p>{ruby_view(lang, &waits)}</p>
                        <p>{ruby_view(lang, &staff)}</p>
                    </li>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section aria-labelledby="desks-title">
            <h2 id="desks-title">{tr(lang, "supervision-desks")}</h2>
            <ul class="desk-overview">{desks}</ul>
        </section>
    }
}

/// The open cases: which desk, how urgent, waiting or with a counselor and for how long, a
/// call for help — 「同席する」 where a counselor is with the person, and back to the room of
/// one observed now (rebuilt when the cases change, not as their minutes count on).
#[component]
fn OpenCases() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let shape = Memo::new(move |_| {
        ctx.supervision.with(|s| {
            // (Each case's id and what its line shows besides its minutes.)
            let mut key = String::new();
            for case in &s.cases {
                key.push_str(&case.escalation_id);
                key.push(if case.state == EscalationState::Connected {
                    'c'
                } else {
                    'w'
                });
                key.push(if case.help_asked { 'h' } else { '-' });
                key.push(if s.observing.contains_key(&case.escalation_id) {
                    'o'
                } else {
                    '-'
                });
                key.push(' ');
            }
            key
        })
    });
    view! {
        <section aria-labelledby="open-cases-title">
            <h2 id="open-cases-title">{tr(lang, "supervision-cases")}</h2>
            {move || {
                follow(shape);
                let (cases, at) = ctx.supervision.with_untracked(|s| (s.cases.clone(), s.overview_at_ms));
                if cases.is_empty() {
                    return view! { <p class="quiet">{tv(lang.get(), "supervision-cases_none")}</p> }.into_any();
                }
                // Those whose counselor asks for a supervisor first (two passes, not a sort).
                let (asking, others): (Vec<_>, Vec<_>) =
                    cases.into_iter().partition(|case| case.help_asked);
                view! {
                    <ol class="queue">
                        {asking.into_iter().chain(others).map(|case| open_case(ctx, case, at)).collect_view()}
                    </ol>
                }
                .into_any()
            }}
        </section>
    }
}

fn open_case(ctx: Ctx, case: OverviewCase, at: f64) -> impl IntoView + use<> {
    let lang = ctx.lang.get_untracked();
    let state = if case.state == EscalationState::Connected {
        "supervision-connected"
    } else {
        "supervision-waiting"
    };
    let seconds = case.seconds;
    let room = ctx.supervision.with_untracked(|s| {
        s.observing
            .get(&case.escalation_id)
            .and_then(|observed| observed.room.clone())
    });
    let action = match room {
        // Observed now: back to its room (the server keeps this tab in it: no `join`).
        Some(room) => {
            let back = Callback::new(move |()| ctx.screen.set(Screen::Room(room.clone())));
            Some(
                view! {
                    <span class="mark">{tv(lang, "supervision-observing")}</span>
                    " "
                    {kit::button(ctx.lang, "console-chat", "room", "primary", back)}
                }
                .into_any(),
            )
        }
        None if Supervision::may_observe(&case) => {
            Some(observe_button(ctx, case.escalation_id.clone()))
        }
        None => None,
    };
    view! {
        <li class:urgent=case.help_asked data-escalation=case.escalation_id.clone()>
            {desk_name(ctx, &case.desk)}
            " · " <strong>{tv(lang, urgency_key(case.urgency))}</strong>
            " · " {ticking(ctx, state, (seconds, at), String::new())}
            {case.help_asked.then(|| view! { " · " <strong class="mark">{tv(lang, "supervision-help_asked")}</strong> })}
            " " {action}
        </li>
    }
}
