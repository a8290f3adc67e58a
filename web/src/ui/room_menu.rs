//! The room's menu, in its compact bar: back to the lobby (still in the room), talk with a
//! counselor, just listen (or write), the display settings, and leaving — or, in a 1:1 with
//! a counselor, ending the conversation.

use leptos::prelude::*;

use super::sheet::Sheet;
use super::state::{Ask, Ctx, Screen, tr};
use super::words::tv;
use crate::areas::Seat;
use crate::i18n::t;

/// The menu's button, in the room's bar.
#[component]
pub fn RoomMenu(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let open = ctx.room_menu;
    view! {
        <button type="button" class="room-menu-button" aria-haspopup="dialog"
            aria-expanded=move || open.with(Option::is_some).to_string() data-room-menu="open"
            on:click=move |_| open.set(Some(room.clone()))>
            <span aria-hidden="true">"☰"</span>
            <span class="label">{tr(lang, "room-menu")}</span>
        </button>
    }
}

/// The open menu, as a sheet over the page (the quick exit stays above it).
#[component]
pub fn RoomMenuSheet() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        ctx.room_menu
            .get()
            .map(|room| view! { <RoomMenuBody room=room/> })
    }
}

#[component]
fn RoomMenuBody(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let close = move || ctx.room_menu.set(None);
    let case_room = Ctx::is_case_room(&room);
    let staff = ctx.staff.get_untracked();
    let seat = ctx.seat();
    let request_open = ctx
        .counsel
        .with_untracked(crate::counsel::Counsel::keeps_session);
    // The person's own 1:1: the request it belongs to.
    let my_case = ctx.counsel.with_untracked(|counsel| {
        counsel
            .request
            .as_ref()
            .filter(|r| r.room.as_deref() == Some(room.as_str()))
            .map(|r| r.id.clone())
    });
    let item = move |key: &'static str, data: &'static str, act: Box<dyn Fn() + Send + Sync>| {
        view! {
            <li>
                <button type="button" data-room-menu=data on:click=move |_| {
                    ctx.room_menu.set(None);
                    act();
                }>{tv(lang.get(), key)}</button>
            </li>
        }
    };
    let mut items = Vec::new();
    if case_room && seat != Seat::Person {
        // A case's staff go back to their console.
        let (key, screen) = if seat == Seat::Supervisor {
            ("supervision-back_to_console", Screen::Supervision)
        } else {
            ("console-back_to_console", Screen::Console)
        };
        items.push(item(
            key,
            "console",
            Box::new(move || ctx.screen.set(screen.clone())),
        ));
    } else {
        items.push(item(
            "room-back",
            "back",
            Box::new(move || ctx.screen.set(Screen::Lobby)),
        ));
    }
    if staff.is_none() && !case_room && !request_open {
        let room = room.clone();
        items.push(item(
            "counsel-ask",
            "ask",
            Box::new(move || {
                ctx.asking.set(Some(Ask::AskCounselor {
                    room: Some(room.clone()),
                }));
            }),
        ));
    }
    if !case_room {
        if ctx.listening.get_untracked() {
            items.push(item(
                "room-start_talking",
                "talk",
                Box::new(move || {
                    ctx.listening.set(false);
                    super::browser::focus_composer();
                }),
            ));
        } else {
            items.push(item(
                "room-stop_talking",
                "listen",
                Box::new(move || ctx.listening.set(true)),
            ));
        }
    }
    items.push(item(
        "settings-title",
        "settings",
        Box::new(move || ctx.settings_open.set(true)),
    ));
    if let Some(id) = my_case {
        items.push(item(
            "counsel-end",
            "end",
            Box::new(move || {
                ctx.asking
                    .set(Some(Ask::EndConversation { id: id.clone() }));
            }),
        ));
    } else if !case_room {
        let room = room.clone();
        items.push(item(
            "room-leave",
            "leave",
            Box::new(move || super::room_actions::leave(ctx, &room)),
        ));
    }
    view! {
        <Sheet label=t(lang.get_untracked(), "room-menu")
            close=Callback::new(move |()| close())>
                <ul class="menu-items">
                    {items}
                    <li>
                        <button type="button" data-room-menu="close" on:click=move |_| close()>
                            {tv(lang.get(), "menu-close")}
                        </button>
                    </li>
                </ul>
        </Sheet>
    }
}
