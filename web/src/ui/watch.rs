//! 「開いたら知らせる」: a closed room the person wants to hear about. While this tab is
//! open, the room list is looked at now and then; when the room opens, the tab's title
//! changes and a calm notice appears (and a system notification, if the person already
//! allowed this site to show them). A per-room calendar feed lets a phone's calendar remind
//! them instead. Nothing is stored, on the server or the device.

use std::time::Duration;

use ibasho_protocol::{Lang, RoomInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use super::state::{Ctx, RoomList};
use super::words::tv;
use crate::i18n::{t, tf};

/// How often the room list is looked at while a room is watched.
const LOOK_EVERY: Duration = Duration::from_secs(10);

/// The two ways to hear that a closed room opens: this tab, or one's calendar.
pub fn watch_controls(ctx: Ctx, room: String, lang: Lang) -> impl IntoView {
    let watching = {
        let room = room.clone();
        Memo::new(move |_| ctx.watching.with(|w| w.contains(&room)))
    };
    let toggle = {
        let room = room.clone();
        move |_| {
            let room = room.clone();
            ctx.watching.update(|w| {
                if !w.remove(&room) {
                    w.insert(room);
                }
            });
        }
    };
    let feed = format!("/schedule.ics?room={room}");
    view! {
        <div class="watch">
            <button type="button" data-watch="toggle" aria-pressed=move || watching.get().to_string()
                on:click=toggle>
                {move || tv(lang, if watching.get() { "watch-on" } else { "watch-ask" })}
            </button>
            <a class="calendar-link" href=feed download>{tv(lang, "watch-calendar")}</a>
            {move || watching.get().then(|| view! { <p class="hint">{tv(lang, "watch-hint")}</p> })}
        </div>
    }
}

/// Looks at the room list while any room is watched, and tells when one opened.
pub fn start(ctx: Ctx) {
    let handle = set_interval_with_handle(
        move || {
            if ctx.watching.with_untracked(|w| w.is_empty()) {
                return;
            }
            spawn_local(look(ctx));
        },
        LOOK_EVERY,
    );
    // For the life of the page.
    drop(handle);
}

async fn look(ctx: Ctx) {
    let Some(rooms) = browser::fetch_text("/api/rooms")
        .await
        .and_then(|text| serde_json::from_str::<Vec<RoomInfo>>(&text).ok())
    else {
        return;
    };
    let open: Vec<String> = ctx.watching.with_untracked(|watching| {
        rooms
            .iter()
            .filter(|room| watching.contains(&room.id) && room.status.is_open())
            .map(|room| room.id.clone())
            .collect()
    });
    ctx.rooms.set(RoomList::Loaded(rooms));
    for room in open {
        ctx.watching.update(|w| {
            w.remove(&room);
        });
        let lang = ctx.lang.get_untracked();
        let title = ctx.room_title(&room);
        // A system notification outlives the tab and shows on a locked screen: never when
        // the person asked not to be seen using this site (the neutral title).
        if !ctx.neutral_title.get_untracked() {
            browser::notify_if_allowed(
                &t(lang, "app-name"),
                &tf(lang, "watch-opened", &[("room", &title)]),
            );
        }
        ctx.opened.set(Some(room));
    }
}
