//! The room area's actions: entering a room (starting a session if there is none), what
//! the person writes (queued, and sent once the room is joined), reactions, leaving — and
//! what a room frame asks of the page (`told`). Its state is `crate::conversations`; its
//! views are `room`, `room_menu`, `message_menu` and `reactions`.

use ibasho_protocol::{ClientMsg, Reaction, SanctionKind};
use leptos::prelude::*;

use super::browser;
use super::state::{Ctx, Screen};
use crate::conversations::{Conversations, RoomTold};
use crate::i18n::{m, marked, t, tf};

/// The room area's part of the session: being in a room keeps it; its end forgets them.
pub fn install(ctx: Ctx) {
    ctx.wire
        .keep_session_while(move || !ctx.conversations.with_untracked(|all| all.is_empty()));
    ctx.wire.on_session_end(move || {
        ctx.conversations.set(Conversations::default());
        ctx.highlight.set(None);
    });
}

/// `join`, with the position the view has of the room, if any (and the entry word typed
/// for it, until it is in).
pub fn join(ctx: Ctx, room: &str) -> bool {
    ctx.wire.send(&ClientMsg::Join {
        room: room.to_owned(),
        since: ctx
            .conversations
            .with_untracked(|all| all.get(room).and_then(|c| c.since())),
        entry_word: ctx.entry_words.with_value(|words| words.get(room).cloned()),
    })
}

/// The person enters `room`: in the current session, or by starting one.
pub fn enter(ctx: Ctx, room: String) {
    ctx.notice.set(None);
    ctx.conversations.update(|all| {
        all.entry(room.clone()).or_default();
    });
    if ctx.me.get_untracked().is_some() && join(ctx, &room) {
        return;
    }
    ctx.wire.ensure();
}

/// The person writes in `room`: queued, and sent now if the room is joined.
pub fn say(ctx: Ctx, room: &str, text: String) {
    ctx.conversations.update(|all| {
        if let Some(conversation) = all.get_mut(room) {
            conversation.write(browser::new_client_id(), text);
        }
    });
    flush(ctx, room);
}

/// Sends what is queued in `room`.
pub fn flush(ctx: Ctx, room: &str) {
    let mut sendable = Vec::new();
    ctx.conversations.update(|all| {
        if let Some(conversation) = all.get_mut(room) {
            sendable = conversation.take_sendable();
        }
    });
    for pending in sendable {
        let sent = ctx.wire.send(&ClientMsg::Say {
            room: room.to_owned(),
            text: pending.text,
            client_id: Some(pending.client_id),
            confirm_personal_info: pending.confirmed,
        });
        if !sent {
            // The socket went away between the check and now: it all goes again on rejoin.
            ctx.conversations.update(|all| {
                if let Some(conversation) = all.get_mut(room) {
                    conversation.disconnected();
                }
            });
            break;
        }
    }
}

pub fn react(ctx: Ctx, room: &str, message_id: &str, reaction: Reaction) {
    let sent = ctx.wire.send(&ClientMsg::React {
        room: room.to_owned(),
        message_id: message_id.to_owned(),
        reaction,
    });
    if sent {
        let key = (room.to_owned(), message_id.to_owned(), reaction);
        ctx.conversations.update(|all| all.toggle_mine(key));
    }
}

/// Leaves `room`; the session goes with the last room unless something keeps it (staff
/// stay signed in between rooms; a person waiting for a counselor keeps their place).
pub fn leave(ctx: Ctx, room: &str) {
    ctx.conversations.update(|all| all.forget(room));
    super::voice::ask_about_room(ctx, room);
    if !ctx.wire.release() {
        ctx.wire.send(&ClientMsg::Leave {
            room: room.to_owned(),
        });
    }
    ctx.screen.set(Screen::Lobby);
}

/// A room (not the one shown) goes from the view: the lobby if it was shown.
fn gone(ctx: Ctx, room: &str) {
    ctx.desk.update(|desk| desk.forget_room(room));
    if ctx.screen.get_untracked() == Screen::Room(room.to_owned()) {
        ctx.screen.set(Screen::Lobby);
    }
}

/// What a room frame asks of the page.
pub fn told(ctx: Ctx, told: RoomTold) {
    let lang = ctx.lang.get_untracked();
    match told {
        RoomTold::None => {}
        RoomTold::Joined { room } => {
            // In: the entry word is not needed again (a resync needs none).
            ctx.entry_words.update_value(|words| {
                words.remove(&room);
            });
            flush(ctx, &room);
            if !ctx.joined_marked.get_value() {
                ctx.joined_marked.set_value(true);
                browser::mark("ibasho-joined");
            }
            // Into the room when entering it, or when a reloaded page gets its room back;
            // a reconnect never pulls someone out of the lobby.
            let show = match ctx.screen.get_untracked() {
                Screen::Entry(entering) => entering == room,
                // (`adopting` is cleared once the first restored room is shown.)
                Screen::Lobby => ctx
                    .adopting
                    .try_update_value(std::mem::take)
                    .unwrap_or(false),
                Screen::Room(_)
                | Screen::Week
                | Screen::StaffSignIn
                | Screen::Audit
                | Screen::Figures
                | Screen::Voices
                | Screen::Console
                | Screen::Supervision => false,
            };
            if show {
                ctx.screen.set(Screen::Room(room));
            }
        }
        RoomTold::Heard { handle, text } => {
            // (Not someone this person chose to hide.)
            if !ctx
                .safety
                .with_untracked(|safety| safety.hidden.contains(&handle))
            {
                let said = tf(
                    lang,
                    "room-announce",
                    &[("handle", &handle), ("text", &text)],
                );
                ctx.announcement.set(said);
            }
        }
        RoomTold::YourTurn => ctx.announcement.set(t(lang, "round-your_turn")),
        RoomTold::Closing { closes_at } => {
            let time = browser::local_time(closes_at);
            ctx.notice
                .set(Some(marked(lang, "room-closing", &[("time", &time)])));
        }
        RoomTold::Closed { room } => {
            // The sitting ended: the server took everyone out and erased what was said.
            gone(ctx, &room);
            super::voice::ask_about_room(ctx, &room);
            ctx.notice.set(Some(m(lang, "room-closed")));
        }
        RoomTold::Sanction { room, kind, until } => {
            let sentence = match kind {
                SanctionKind::Muted => {
                    let time = until.map(browser::local_time).unwrap_or_default();
                    marked(lang, "sanction-muted", &[("time", &time)])
                }
                SanctionKind::Unmuted => m(lang, "sanction-unmuted"),
                SanctionKind::Removed => {
                    gone(ctx, &room);
                    m(lang, "sanction-removed")
                }
            };
            ctx.notice.set(Some(sentence));
        }
    }
}
