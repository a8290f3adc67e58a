//! What a refusal (`error` frame) means for the page: a message the server did not take
//! goes back in the queue or is marked failed; a room that cannot be entered is forgotten
//! (and the session let go of, if nothing else keeps it); a name or an entry word asked for
//! again; and the kind sentence for its code, shown.

use std::time::Duration;

use ibasho_protocol::{ErrorCode, ErrorFrame};
use leptos::prelude::*;

use super::state::{Ctx, Screen};
use crate::i18n::{marked, refusal_words};

/// A room that could not be entered is forgotten; the session goes unless something still
/// keeps it (another room, staff, a request for a counselor).
fn not_entered(ctx: Ctx, room: &str) {
    ctx.conversations.update(|all| all.forget(room));
    ctx.wire.release();
}

pub fn refused(ctx: Ctx, error: ErrorFrame) {
    let lang = ctx.lang.get_untracked();
    // The voice card's answer: it says what next itself (the notice says why).
    if error.client_id.is_none() && super::voice::refused(ctx, error.code) {
        if error.code != ErrorCode::AlreadyAnswered {
            ctx.notice.set(Some(refusal_words(lang, &error)));
        }
        return;
    }
    // A message the server did not take: back in the queue, or marked as failed.
    if let (Some(room), Some(client_id)) = (&error.room, &error.client_id) {
        ctx.conversations.update(|all| {
            if let Some(conversation) = all.get_mut(room) {
                conversation.refused(client_id, error.code);
            }
        });
        if matches!(error.code, ErrorCode::RateLimited | ErrorCode::Unavailable) {
            let room = room.clone();
            let wait = error.retry_after_ms.unwrap_or(1000);
            set_timeout(
                move || super::room_actions::flush(ctx, &room),
                Duration::from_millis(wait),
            );
            return;
        }
    }
    match error.code {
        // The name cannot be used: back to the entry screen to choose another, with no
        // session left behind holding the refused name.
        ErrorCode::HandleInvalid | ErrorCode::HandleTaken => {
            let entering = error.room.clone().or_else(|| {
                ctx.conversations
                    .with_untracked(|all| all.keys().next().cloned())
            });
            if ctx
                .conversations
                .with_untracked(|all| all.len() <= 1 || error.code == ErrorCode::HandleInvalid)
            {
                ctx.wire.end();
                if let Some(room) = entering {
                    ctx.screen.set(Screen::Entry(room));
                }
            } else if let Some(room) = &error.room {
                // In other rooms, the session's name is fixed: that room cannot be entered
                // under it. The notice says why; the lobby is the way on.
                ctx.conversations.update(|all| all.forget(room));
                ctx.screen.set(Screen::Lobby);
            }
        }
        // A staff sign-in refused: the form again, with no session left open.
        ErrorCode::StaffLoginRefused => {
            ctx.wire.end();
            ctx.screen.set(Screen::StaffSignIn);
        }
        // A wrong entry word: back to the entry screen to type it again.
        ErrorCode::EntryWordRefused if error.room.is_some() => {
            if let Some(room) = &error.room {
                ctx.conversations.update(|all| all.forget(room));
                ctx.entry_words.update_value(|words| {
                    words.remove(room);
                });
                ctx.screen.set(Screen::Entry(room.clone()));
            }
        }
        // Entered as someone the room is not for: back to its entry screen, to choose who
        // one comes as (the words say how, never that one does not belong).
        ErrorCode::AudienceMismatch if error.room.is_some() => {
            if let Some(room) = &error.room {
                not_entered(ctx, room);
                if ctx.me.get_untracked().is_some() {
                    // Still in other rooms, who one comes as is the session's: to choose
                    // again, one leaves them first (the words say so).
                    ctx.screen.set(Screen::Lobby);
                    ctx.notice
                        .set(Some(marked(lang, "entry-audience_in_session", &[])));
                    return;
                }
                ctx.screen.set(Screen::Entry(room.clone()));
            }
        }
        // The room cannot be entered: forget it, and let the session go with it.
        ErrorCode::RoomFull
        | ErrorCode::RoomClosed
        | ErrorCode::NoSuchRoom
        | ErrorCode::BadRequest
            if error.room.is_some() =>
        {
            if let Some(room) = &error.room {
                not_entered(ctx, room);
            }
            ctx.screen.set(Screen::Lobby);
        }
        _ => {}
    }
    ctx.notice.set(Some(refusal_words(lang, &error)));
}
