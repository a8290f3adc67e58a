//! The connection to `/ws` and the session's lifecycle: the socket opened (when the person
//! enters a room, asks for a counselor, signs in as staff, or reloads the tab while in a
//! session — looking at the lobby needs no session), `hello` or `resume`, `welcome`,
//! reconnecting with backoff, and the session's end. Every other frame goes to its area:
//! [`crate::areas::dispatch`] changes that area's state, and the area's `told` carries out
//! what it asks. No area imports this module; they send through the context's `Wire`.

use std::time::Duration;

use ibasho_protocol::{ClientMsg, NoticeCode, ServerMsg};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use web_sys::{CloseEvent, MessageEvent, WebSocket};

use super::browser::{self, SESSION_KEY};
use super::state::{Ctx, Screen};
use crate::areas::{Tab, Told, dispatch};
use crate::i18n::marked;

/// Gives the wire its lifecycle: how to connect and how to end a session.
pub fn install(ctx: Ctx) {
    ctx.wire
        .set_lifecycle(move || connect(ctx), move || end_session(ctx));
}

/// Opens a socket (a first connection, a retry, or taking the session back from another
/// tab). `hello` goes out when it opens.
fn connect(ctx: Ctx) {
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

    ctx.wire.put_socket(Some(ws));
}

fn hello(ctx: Ctx) {
    let wish = ctx.wish.get_untracked();
    let resume = browser::session_get(SESSION_KEY);
    // The password goes out once, and is not kept: a resume needs only the session token.
    ctx.wish.update(|wish| wish.staff = None);
    ctx.wire.send(&ClientMsg::Hello {
        // The same handle again after a restart — but a staff title is not a handle anyone
        // may ask for: staff sign in again instead.
        handle: wish.handle.or_else(|| {
            ctx.staff
                .get_untracked()
                .is_none()
                .then(|| ctx.me.get_untracked())
                .flatten()
        }),
        resume: resume.clone(),
        lang: Some(ctx.lang.get_untracked()),
        role: wish.role,
        // Where each room was, so that a resume recovers exactly what was missed.
        since: ctx.conversations.with_untracked(|all| {
            all.iter()
                .filter_map(|(room, c)| Some((room.clone(), c.since()?)))
                .collect()
        }),
        // Once, and only for a person: whether this device's storage was empty.
        first_visit: resume.is_none()
            && wish.staff.is_none()
            && ctx
                .first_visit
                .try_update_value(std::mem::take)
                .unwrap_or(false),
        staff: wish.staff,
    });
}

/// Ends the session: a close frame (the server forgets the session at once), the token gone
/// from this tab, and every area's part of it forgotten.
fn end_session(ctx: Ctx) {
    ctx.link.update(|link| link.closed_by_us());
    close_socket(ctx);
    browser::session_remove(SESSION_KEY);
    ctx.me.set(None);
    ctx.staff.set(None);
    ctx.wire.reset_areas();
    // Nothing of the session stays in the page: what was open goes too.
    ctx.menu.set(None);
    ctx.room_menu.set(None);
    ctx.asking.set(None);
    ctx.reporting.set(None);
}

fn close_socket(ctx: Ctx) {
    if let Some(ws) = ctx.wire.put_socket(None) {
        ws.set_onclose(None);
        ws.set_onmessage(None);
        ws.set_onopen(None);
        let _ = ws.close_with_code(1000);
    }
}

/// The socket closed without us asking.
fn lost(ctx: Ctx, generation: u32, code: u16) {
    if ctx.socket_generation.get_value() != generation {
        return;
    }
    ctx.wire.put_socket(None);
    if code == ibasho_protocol::close::SIGNED_OUT {
        // The staff account was removed or changed: the session ended on the server.
        end_session(ctx);
        ctx.screen.set(Screen::StaffSignIn);
        ctx.notice.set(Some(marked(
            ctx.lang.get_untracked(),
            "staff-signed_out",
            &[],
        )));
        return;
    }
    ctx.conversations.update(|all| all.disconnected());
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

/// A frame: the session's own here, every other one to its area.
fn on_frame(ctx: Ctx, frame: ServerMsg) {
    let me = ctx.me.get_untracked();
    let tab = Tab {
        me: me.as_deref(),
        seat: ctx.seat(),
        now_ms: browser::now_ms(),
    };
    match dispatch(&ctx, frame, tab) {
        Told::Session(frame) => session_frame(ctx, frame),
        Told::Room(told) => super::room_actions::told(ctx, told),
        Told::Counsel(told) => super::counsel::told(ctx, told),
        Told::Console(told) => super::counselor::told(ctx, told),
        Told::Supervision(told) => super::supervisor::told(ctx, told),
        Told::Desk => {}
        Told::Safety(told) => super::safety::told(ctx, told),
        Told::Voice(told) => super::voice::told(ctx, told),
    }
}

fn session_frame(ctx: Ctx, frame: ServerMsg) {
    match frame {
        ServerMsg::Welcome {
            handle,
            session,
            resumed,
            rooms,
            staff,
            limits,
        } => {
            // Sentences that name the server's numbers are drawn again with them — only when
            // they changed: a reconnect's welcome must not rebuild what the person is using.
            if let Some(limits) = limits
                && crate::i18n::limits() != Some(limits)
            {
                crate::i18n::set_limits(&limits);
                ctx.lang.notify();
            }
            // A staff session the server no longer has (it restarted): sign in again.
            if ctx.staff.get_untracked().is_some() && staff.is_none() {
                end_session(ctx);
                ctx.screen.set(Screen::StaffSignIn);
                ctx.notice
                    .set(Some(marked(ctx.lang.get_untracked(), "staff-expired", &[])));
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
        ServerMsg::Notice { code } => {
            let key = match code {
                NoticeCode::Degraded => "notice-degraded",
                NoticeCode::Restored => "notice-restored",
            };
            ctx.notice
                .set(Some(marked(ctx.lang.get_untracked(), key, &[])));
        }
        ServerMsg::Error(error) => super::refusal::refused(ctx, error),
        // (The router sends nothing else here.)
        _ => {}
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
            ctx.wire.send(&ClientMsg::Leave { room });
        }
    }
    browser::session_set(SESSION_KEY, &session);
    let had_session = ctx.me.get_untracked().is_some();
    ctx.me.set(Some(handle));
    ctx.link.update(|link| link.welcomed());
    if !resumed && had_session {
        // The server forgot us (it restarted): same handle asked for, same rooms joined, and
        // the view starts afresh with the new history (its ids start again from 1).
        ctx.conversations.update(|all| all.restart());
        ctx.notice.set(Some(marked(
            ctx.lang.get_untracked(),
            "link-new_session",
            &[],
        )));
    }
    // A request to talk with a counselor asked for before the session was there.
    super::counsel::welcomed(ctx);
    // Rooms the server restored send `joined` by themselves; the others are joined now.
    let wanted: Vec<String> = ctx
        .conversations
        .with_untracked(|all| all.keys().cloned().collect());
    for room in wanted.into_iter().filter(|room| !rooms.contains(room)) {
        super::room_actions::join(ctx, &room);
    }
}
