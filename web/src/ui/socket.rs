//! The connection to `/ws`: hello or resume, server frames into state, reconnects with
//! backoff, and leaving.
//!
//! The socket is opened only when the person enters a room (or reloads the tab while in
//! one): looking at the lobby needs no session.

use std::time::Duration;

use ibasho_protocol::{
    ClientMsg, ErrorCode, ErrorFrame, FacilitatorAction, NoticeCode, Reaction, ServerMsg,
    StaffLogin,
};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use super::browser::{self, SESSION_KEY};
use super::state::{Ctx, Screen, Wish};
use crate::conversation::{Conversation, Facilitated};
use crate::i18n::{error_sentence, t, tf};

/// Opens a socket (a first connection, a retry, or taking the session back from another
/// tab). `hello` goes out when it opens.
pub fn connect(ctx: Ctx) {
    close_socket(ctx);
    let generation = ctx.socket_generation.get_value().wrapping_add(1);
    ctx.socket_generation.set_value(generation);
    ctx.link.update(|link| link.connecting());
    let Ok(ws) = WebSocket::new(&browser::websocket_url()) else {
        lost(ctx, generation, 1006);
        return;
    };
    let current = move || ctx.socket_generation.get_value() == generation;

    let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
        if current() {
            hello(ctx);
        }
    });
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    on_open.forget();

    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        if !current() {
            return;
        }
        let Some(text) = event.data().as_string() else {
            return;
        };
        match serde_json::from_str::<ServerMsg>(&text) {
            Ok(frame) => on_frame(ctx, frame),
            Err(_) => leptos::logging::warn!("ibasho: a frame could not be read"),
        }
    });
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();

    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |event: CloseEvent| {
        lost(ctx, generation, event.code());
    });
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    on_close.forget();

    ctx.socket.set_value(Some(ws));
}

/// Sends a frame if the socket is open; false otherwise (the caller keeps what matters).
pub fn send(ctx: Ctx, msg: &ClientMsg) -> bool {
    let Ok(json) = serde_json::to_string(msg) else {
        return false;
    };
    ctx.socket.with_value(|ws| match ws {
        Some(ws) if ws.ready_state() == WebSocket::OPEN => ws.send_with_str(&json).is_ok(),
        _ => false,
    })
}

fn hello(ctx: Ctx) {
    let wish = ctx.wish.get_untracked();
    // The password goes out once, and is not kept: a resume needs only the session token.
    ctx.wish.update(|wish| wish.staff = None);
    send(
        ctx,
        &ClientMsg::Hello {
            // The same handle again after a restart — but a staff title is not a handle anyone
            // may ask for: staff sign in again instead.
            handle: wish.handle.or_else(|| {
                ctx.staff
                    .get_untracked()
                    .is_none()
                    .then(|| ctx.me.get_untracked())
                    .flatten()
            }),
            resume: browser::session_get(SESSION_KEY),
            lang: Some(ctx.lang.get_untracked()),
            role: wish.role,
            // Where each room was, so that a resume recovers exactly what was missed.
            since: ctx.conversations.with_untracked(|all| {
                all.iter()
                    .filter_map(|(room, c)| Some((room.clone(), c.since()?)))
                    .collect()
            }),
            staff: wish.staff,
        },
    );
}

/// A staff member signs in: any participant session of this tab ends first.
pub fn staff_sign_in(ctx: Ctx, login: StaffLogin) {
    end_session(ctx);
    ctx.wish.set(Wish {
        staff: Some(login),
        ..Wish::default()
    });
    connect(ctx);
}

/// A facilitator's action in `room`.
pub fn facilitate(ctx: Ctx, room: &str, action: FacilitatorAction) {
    send(
        ctx,
        &ClientMsg::Facilitate {
            room: room.to_owned(),
            action,
            minutes: None,
        },
    );
}

/// In a round, on one's turn: give the floor on without speaking.
pub fn pass(ctx: Ctx, room: &str) {
    send(
        ctx,
        &ClientMsg::Pass {
            room: room.to_owned(),
        },
    );
}

/// `join`, with the position the view has of the room, if any.
fn join_frame(ctx: Ctx, room: &str) -> ClientMsg {
    ClientMsg::Join {
        room: room.to_owned(),
        since: ctx
            .conversations
            .with_untracked(|all| all.get(room).and_then(Conversation::since)),
        entry_word: ctx.entry_words.with_value(|words| words.get(room).cloned()),
    }
}

/// The person enters `room`: in the current session, or by starting one.
pub fn enter(ctx: Ctx, room: String) {
    ctx.notice.set(None);
    ctx.conversations.update(|all| {
        all.entry(room.clone()).or_default();
    });
    if ctx.me.get_untracked().is_some() && send(ctx, &join_frame(ctx, &room)) {
        return;
    }
    if ctx.socket.with_value(Option::is_none) {
        connect(ctx);
    }
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
        let sent = send(
            ctx,
            &ClientMsg::Say {
                room: room.to_owned(),
                text: pending.text,
                client_id: Some(pending.client_id),
                confirm_personal_info: pending.confirmed,
            },
        );
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
    let sent = send(
        ctx,
        &ClientMsg::React {
            room: room.to_owned(),
            message_id: message_id.to_owned(),
            reaction,
        },
    );
    if sent {
        let key = (room.to_owned(), message_id.to_owned(), reaction);
        ctx.my_reactions.update(|mine| {
            if !mine.remove(&key) {
                mine.insert(key);
            }
        });
    }
}

/// Leaves `room`; leaving the last room ends the session (nothing lingers on the server).
pub fn leave(ctx: Ctx, room: &str) {
    ctx.conversations.update(|all| {
        all.remove(room);
    });
    // Staff stay signed in between rooms.
    // …and so does a person waiting for a counselor: ending it would cancel the request.
    if ctx.conversations.with_untracked(|all| all.is_empty())
        && ctx.staff.get_untracked().is_none()
        && !super::counsel::request_open(ctx)
    {
        end_session(ctx);
    } else {
        send(
            ctx,
            &ClientMsg::Leave {
                room: room.to_owned(),
            },
        );
    }
    ctx.screen.set(Screen::Lobby);
}

/// Ends the session: a close frame (the server forgets the session at once) and the token
/// gone from this tab.
pub fn end_session(ctx: Ctx) {
    ctx.link.update(|link| link.closed_by_us());
    close_socket(ctx);
    browser::session_remove(SESSION_KEY);
    ctx.me.set(None);
    ctx.staff.set(None);
    ctx.conversations.set(Default::default());
    ctx.my_reactions.set(Default::default());
    ctx.counsel.update(crate::counsel::Counsel::clear);
    // Nothing of the session stays in the page: the desk, who was hidden, what was open.
    ctx.desk.set(Default::default());
    ctx.hidden.set(Default::default());
    ctx.highlight.set(None);
    ctx.menu.set(None);
    ctx.room_menu.set(None);
    ctx.asking.set(None);
    ctx.reporting.set(None);
}

fn close_socket(ctx: Ctx) {
    if let Some(ws) = ctx.socket.try_update_value(Option::take).flatten() {
        ws.set_onclose(None);
        ws.set_onmessage(None);
        ws.set_onopen(None);
        let _ = ws.close_with_code(1000);
    }
}

/// The quick exit: forget everything in this tab and replace the page, leaving no history
/// entry behind.
pub fn quick_exit(ctx: Ctx) {
    browser::close_notifications();
    end_session(ctx);
    browser::session_clear();
    browser::replace_location(&browser::exit_url());
}

/// The socket closed without us asking.
fn lost(ctx: Ctx, generation: u32, code: u16) {
    if ctx.socket_generation.get_value() != generation {
        return;
    }
    ctx.socket.set_value(None);
    if code == ibasho_protocol::close::SIGNED_OUT {
        // The staff account was removed or changed: the session ended on the server.
        end_session(ctx);
        ctx.screen.set(Screen::StaffSignIn);
        ctx.notice.set(Some(
            t(ctx.lang.get_untracked(), "staff.signed_out").to_owned(),
        ));
        return;
    }
    ctx.conversations
        .update(|all| all.values_mut().for_each(Conversation::disconnected));
    let mut delay = None;
    ctx.link
        .update(|link| delay = link.lost(code, browser::random()));
    if let Some(delay) = delay {
        set_timeout(
            move || {
                if ctx.link.get_untracked().should_retry() {
                    connect(ctx);
                }
            },
            Duration::from_millis(u64::from(delay)),
        );
    }
}

fn on_frame(ctx: Ctx, frame: ServerMsg) {
    // Talking with a counselor: its area routes its own frames.
    if super::counsel::on_frame(ctx, &frame) {
        return;
    }
    match frame {
        ServerMsg::Welcome {
            handle,
            session,
            resumed,
            rooms,
            staff,
        } => {
            // A staff session the server no longer has (it restarted): sign in again.
            if ctx.staff.get_untracked().is_some() && staff.is_none() {
                end_session(ctx);
                ctx.screen.set(Screen::StaffSignIn);
                ctx.notice.set(Some(
                    t(ctx.lang.get_untracked(), "staff.expired").to_owned(),
                ));
                return;
            }
            ctx.staff.set(staff);
            welcome(ctx, handle, session, resumed, rooms);
            if staff.is_some() && ctx.screen.get_untracked() == Screen::StaffSignIn {
                // Signed in: a refusal shown before (a mistyped password) is over.
                ctx.notice.set(None);
                ctx.screen.set(Screen::Lobby);
            }
        }
        ServerMsg::Joined {
            room,
            history,
            present,
            position,
            recovered,
        } => {
            // Only rooms the person is in (or entering): never one they left meanwhile.
            let mut known = false;
            ctx.conversations.update(|all| {
                if let Some(conversation) = all.get_mut(&room) {
                    conversation.joined(history, present, position, recovered);
                    known = true;
                }
            });
            if !known {
                return;
            }
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
                | Screen::Console => false,
            };
            if show {
                ctx.screen.set(Screen::Room(room));
            }
        }
        ServerMsg::Message(message) => {
            let mine = ctx
                .me
                .with_untracked(|me| me.as_deref() == Some(&message.handle));
            let announcement = tf(
                ctx.lang.get_untracked(),
                "room.announce",
                &[("handle", &message.handle), ("text", &message.text)],
            );
            let handle = message.handle.clone();
            let mut new = false;
            ctx.conversations.update(|all| {
                if let Some(conversation) = all.get_mut(&message.room) {
                    new = conversation.message(message);
                }
            });
            // (Not someone this person chose to hide.)
            let hidden = ctx.hidden.with_untracked(|hidden| hidden.contains(&handle));
            if new && !mine && !hidden {
                ctx.announcement.set(announcement);
            }
        }
        ServerMsg::Presence { room, present } => ctx.conversations.update(|all| {
            if let Some(conversation) = all.get_mut(&room) {
                conversation.present = present;
            }
        }),
        ServerMsg::Reactions {
            room,
            message_id,
            counts,
            offset,
        } => ctx.conversations.update(|all| {
            if let Some(conversation) = all.get_mut(&room) {
                conversation.reactions(&message_id, counts, offset);
            }
        }),
        ServerMsg::Closing { closes_at, .. } => {
            let time = browser::local_time(closes_at);
            ctx.notice.set(Some(tf(
                ctx.lang.get_untracked(),
                "room.closing",
                &[("time", &time)],
            )));
        }
        ServerMsg::Closed { room } => {
            // A counselor's 1:1 room: its area says where each side goes, and the request's
            // own card tells how it ended.
            if Ctx::is_case_room(&room) {
                super::counsel::close_room(ctx, &room);
                return;
            }
            // The session ended: the server took everyone out and erased what was said.
            ctx.conversations.update(|all| {
                all.remove(&room);
            });
            ctx.desk.update(|desk| desk.forget_room(&room));
            if ctx.screen.get_untracked() == Screen::Room(room.clone()) {
                ctx.screen.set(Screen::Lobby);
            }
            ctx.notice
                .set(Some(t(ctx.lang.get_untracked(), "room.closed").to_owned()));
        }
        ServerMsg::Notice { code } => {
            let key = match code {
                NoticeCode::Degraded => "notice.degraded",
                NoticeCode::Restored => "notice.restored",
            };
            ctx.notice
                .set(Some(t(ctx.lang.get_untracked(), key).to_owned()));
        }
        ServerMsg::RoomState {
            room,
            closes_at,
            segment,
            floor,
            locked,
            unattended,
            slow_mode_seconds,
            topic,
        } => {
            let mine = floor.as_ref().is_some_and(|floor| {
                ctx.me
                    .with_untracked(|me| me.as_deref() == Some(floor.handle.as_str()))
            });
            ctx.conversations.update(|all| {
                if let Some(conversation) = all.get_mut(&room) {
                    conversation.facilitated = Facilitated {
                        closes_at,
                        segment,
                        floor,
                        locked,
                        unattended,
                        slow_mode_seconds,
                        topic,
                    };
                }
            });
            if mine {
                ctx.announcement
                    .set(t(ctx.lang.get_untracked(), "round.your_turn").to_owned());
            }
        }
        ServerMsg::Left { .. } => {}
        // Moderation and safety: each area keeps its own state.
        ServerMsg::Deleted {
            room,
            message_id,
            offset,
        } => ctx.conversations.update(|all| {
            if let Some(conversation) = all.get_mut(&room) {
                conversation.deleted(&message_id, offset);
            }
        }),
        ServerMsg::Support {
            room,
            lines,
            offer_counselor,
        } => super::safety::support(ctx, &room, lines, offer_counselor),
        ServerMsg::Sanction { room, kind, until } => {
            super::safety::sanction(ctx, &room, kind, until);
        }
        ServerMsg::ReportReceived { .. } => {
            ctx.notice.set(Some(
                t(ctx.lang.get_untracked(), "report.received").to_owned(),
            ));
        }
        ServerMsg::ReportOutcome { outcome, .. } => super::safety::outcome(ctx, outcome),
        ServerMsg::Alert {
            room,
            message_id,
            reason,
            rule,
            alert_id,
            handle,
            ..
        } => super::moderation::alert(
            ctx,
            crate::desk::AlertCard {
                id: alert_id,
                room,
                message_id,
                handle,
                reason,
                rule,
            },
        ),
        ServerMsg::AlertDismissed { alert_id, .. } => {
            super::moderation::alert_dismissed(ctx, &alert_id);
        }
        ServerMsg::Muted { room, members } => super::moderation::muted(ctx, &room, members),
        ServerMsg::Report {
            report_id,
            room,
            message_id,
            handle,
            text,
            reason,
            note,
            ..
        } => super::moderation::report(
            ctx,
            crate::desk::ReportCard {
                report_id,
                room,
                message_id,
                handle,
                text,
                reason,
                note,
            },
        ),
        ServerMsg::Error(error) => refused(ctx, error),
        // Routed to the counselor area above.
        ServerMsg::ConsentRequest { .. }
        | ServerMsg::Escalation { .. }
        | ServerMsg::EscalationStatus { .. }
        | ServerMsg::Urgent { .. }
        | ServerMsg::Queue { .. }
        | ServerMsg::Case { .. } => {}
    }
}

fn welcome(ctx: Ctx, handle: String, session: String, resumed: bool, rooms: Vec<String>) {
    let adopting = ctx.adopting.get_value();
    if adopting {
        if !resumed {
            ctx.adopting.set_value(false);
            // A reload whose session has already ended: nothing to return to. Start clean
            // rather than keep a session the person never chose.
            end_session(ctx);
            return;
        }
        ctx.conversations.update(|all| {
            for room in &rooms {
                all.entry(room.clone()).or_default();
            }
        });
        if rooms.is_empty() {
            ctx.adopting.set_value(false);
        }
    } else {
        // Rooms left while the connection was down: leave them now.
        let unwanted: Vec<String> = ctx.conversations.with_untracked(|all| {
            rooms
                .iter()
                .filter(|room| !all.contains_key(*room))
                .cloned()
                .collect()
        });
        for room in unwanted {
            send(ctx, &ClientMsg::Leave { room });
        }
    }
    browser::session_set(SESSION_KEY, &session);
    let had_session = ctx.me.get_untracked().is_some();
    ctx.me.set(Some(handle));
    ctx.link.update(|link| link.welcomed());
    if !resumed && had_session {
        // The server forgot us (it restarted): same handle asked for, same rooms joined, and
        // the view starts afresh with the new history (its ids start again from 1).
        ctx.conversations
            .update(|all| all.values_mut().for_each(Conversation::restart));
        ctx.my_reactions.set(Default::default());
        ctx.notice.set(Some(
            t(ctx.lang.get_untracked(), "link.new_session").to_owned(),
        ));
    }
    // A request to talk with a counselor asked for before the session was there.
    super::counsel::welcomed(ctx);
    // Rooms the server restored send `joined` by themselves; the others are joined now.
    let wanted: Vec<String> = ctx
        .conversations
        .with_untracked(|all| all.keys().cloned().collect());
    for room in wanted.into_iter().filter(|room| !rooms.contains(room)) {
        send(ctx, &join_frame(ctx, &room));
    }
}

/// A room that could not be entered is forgotten, and the session ends if it was the only
/// one (a person waiting for a counselor keeps the session: it holds their place).
fn not_entered(ctx: Ctx, room: &str) {
    ctx.conversations.update(|all| {
        all.remove(room);
    });
    if ctx.conversations.with_untracked(|all| all.is_empty()) && !super::counsel::request_open(ctx)
    {
        end_session(ctx);
    }
}

fn refused(ctx: Ctx, error: ErrorFrame) {
    let lang = ctx.lang.get_untracked();
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
            set_timeout(move || flush(ctx, &room), Duration::from_millis(wait));
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
                end_session(ctx);
                if let Some(room) = entering {
                    ctx.screen.set(Screen::Entry(room));
                }
            } else if let Some(room) = &error.room {
                // In other rooms, the session's name is fixed: that room cannot be entered
                // under it. The notice says why; the lobby is the way on.
                ctx.conversations.update(|all| {
                    all.remove(room);
                });
                ctx.screen.set(Screen::Lobby);
            }
        }
        // A staff sign-in refused: the form again, with no session left open.
        ErrorCode::StaffLoginRefused => {
            end_session(ctx);
            ctx.screen.set(Screen::StaffSignIn);
        }
        // A wrong entry word: back to the entry screen to type it again.
        ErrorCode::EntryWordRefused if error.room.is_some() => {
            if let Some(room) = &error.room {
                ctx.conversations.update(|all| {
                    all.remove(room);
                });
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
                        .set(Some(t(lang, "entry.audience_in_session").to_owned()));
                    return;
                }
                ctx.screen.set(Screen::Entry(room.clone()));
            }
        }
        // The room cannot be entered: forget it, and end the session if it was the only one.
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
    ctx.notice
        .set(Some(error_sentence(lang, error.code).to_owned()));
}
