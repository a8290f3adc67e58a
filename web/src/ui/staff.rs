//! Staff in the front end: the sign-in form, the facilitator's controls in a room, and the
//! round as everyone sees it (whose turn it is; "pass" on one's own turn).

use ibasho_protocol::{ClientMsg, FacilitatorAction, StaffLogin};
use leptos::prelude::*;

use super::form;
use super::state::{Ctx, Wish, follow, tr, tra};
use super::words::{tfv, tv};

/// The staff sign-in: name and password, sent once with `hello` and not kept.
/// The staff area's part of the session: staff stay signed in between rooms.
pub fn install(ctx: Ctx) {
    ctx.wire
        .keep_session_while(move || ctx.staff.get_untracked().is_some());
}

/// A staff member signs in: any participant session of this tab ends first.
fn sign_in(ctx: Ctx, login: StaffLogin) {
    ctx.wire.end();
    ctx.wish.set(Wish {
        staff: Some(login),
        ..Wish::default()
    });
    ctx.wire.connect();
}

/// A facilitator's action in `room`.
pub fn facilitate(ctx: Ctx, room: &str, action: FacilitatorAction) {
    ctx.wire.send(&ClientMsg::Facilitate {
        room: room.to_owned(),
        action,
        minutes: None,
    });
}

/// In a round, on one's turn: give the floor on without speaking.
fn pass(ctx: Ctx, room: &str) {
    ctx.wire.send(&ClientMsg::Pass {
        room: room.to_owned(),
    });
}

#[component]
pub fn StaffSignIn() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let login = StaffLogin {
            name: name.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        password.set(String::new());
        sign_in(ctx, login);
    };
    view! {
        <section class="entry staff-sign-in" aria-labelledby="staff-title">
            <h1 id="staff-title">{tr(lang, "staff-title")}</h1>
            <p>{tr(lang, "staff-body")}</p>
            <form on:submit=submit>
                {form::field(ctx, "staff-name", "staff-name", "text", 64, name)}
                {form::field(ctx, "staff-password", "staff-password", "password", 256, password)}
                {form::actions(ctx, "staff-submit")}
            </form>
        </section>
    }
}

/// Whose turn it is in a round, for everyone in the room; "pass" for the person whose turn
/// it is.
#[component]
pub fn Floor(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    // (Drawn again when the floor changes: a key rather than a memo of it.)
    let floor = {
        let room = room.clone();
        move || {
            ctx.conversations
                .with(|all| all.get(&room).and_then(|c| c.facilitated.floor.clone()))
        }
    };
    let told = {
        let floor = floor.clone();
        Memo::new(move |_| {
            floor().map(|floor| format!("{} {} {}", floor.turn, floor.turns, floor.handle))
        })
    };
    move || {
        follow(told);
        untrack(&floor).map(|floor| {
            let mine = ctx
                .me
                .with(|me| me.as_deref() == Some(floor.handle.as_str()));
            let (turn, turns) = (floor.turn.to_string(), floor.turns.to_string());
            let line = if mine {
                tfv(
                    lang.get(),
                    "round-yours",
                    &[("turn", &turn), ("turns", &turns)],
                )
            } else {
                tfv(
                    lang.get(),
                    "round-theirs",
                    &[
                        ("handle", &floor.handle),
                        ("turn", &turn),
                        ("turns", &turns),
                    ],
                )
            };
            let room = room.clone();
            view! {
                <div class="floor" class:mine=mine role="status">
                    <p>{line}</p>
                    {(!mine && ctx.staff.get().is_none()).then(|| view! {
                        <p class="hint">{tv(lang.get(), "round-wait")}</p>
                    })}
                    {mine.then(|| view! {
                        <button type="button" on:click=move |_| pass(ctx, &room)>
                            {tv(lang.get(), "round-pass")}
                        </button>
                    })}
                </div>
            }
        })
    }
}

/// The facilitator's controls: keep the session open longer, move the agenda, run a round.
#[component]
pub fn Controls(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let scheduled = {
        let room = room.clone();
        move || ctx.room_closes_at(&room).is_some()
    };
    let has_agenda = {
        let room = room.clone();
        move || {
            ctx.room_programme(&room)
                .is_some_and(|programme| !programme.agenda.is_empty())
        }
    };
    let in_round = {
        let room = room.clone();
        Memo::new(move |_| {
            ctx.conversations.with(|all| {
                all.get(&room)
                    .is_some_and(|c| c.facilitated.floor.is_some())
            })
        })
    };
    let button = move |key: &'static str, action: FacilitatorAction| {
        let room = room.clone();
        view! {
            <button
                type="button"
                // The name pages and tests know the button by (the key as it was first
                // written, with dots).
                data-action=key.replace('-', ".")
                on:click=move |_| facilitate(ctx, &room, action)
            >
                {move || tv(lang.get(), key)}
            </button>
        }
    };
    let extend = button("facilitate-extend", FacilitatorAction::Extend);
    let previous = button("facilitate-previous", FacilitatorAction::PreviousSegment);
    let next = button("facilitate-next", FacilitatorAction::NextSegment);
    let start = button("facilitate-start_round", FacilitatorAction::StartRound);
    let next_turn = button("facilitate-next_turn", FacilitatorAction::NextTurn);
    let end = button("facilitate-end_round", FacilitatorAction::EndRound);
    // Only what applies here: keeping open longer in a room with a timetable, moving the
    // agenda in a programme.
    view! {
        <section class="facilitator" aria-label=tra(lang, "facilitate-label")>
            <div class="actions">
                <span class:hidden=move || !scheduled()>{extend}</span>
                <span class:hidden=move || !has_agenda()>{previous}{next}</span>
                <span class:hidden=move || in_round.get()>{start}</span>
                <span class:hidden=move || !in_round.get()>{next_turn}{end}</span>
            </div>
        </section>
    }
}
