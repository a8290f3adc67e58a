//! The handle every area sends through, given to it in the context: areas never import the
//! socket. It sends a frame on the open socket, starts a session when one is needed, ends
//! it, and — when a room is let go — ends it unless something still keeps it: a list each
//! area adds its reason to (being in a room, being staff, waiting for a counselor), so the
//! socket holds no area's conditions. What each area forgets when a session ends is a list
//! too.

use std::rc::Rc;

use ibasho_protocol::ClientMsg;
use leptos::prelude::*;
use web_sys::WebSocket;

/// A reason to keep the session, or something to forget when it ends.
type Hook = Rc<dyn Fn() -> bool>;
type Reset = Rc<dyn Fn()>;

#[derive(Default)]
struct Hooks {
    connect: Option<Reset>,
    end: Option<Reset>,
    keepers: Vec<Hook>,
    resets: Vec<Reset>,
}

#[derive(Clone, Copy)]
pub struct Wire {
    socket: StoredValue<Option<WebSocket>, LocalStorage>,
    hooks: StoredValue<Hooks, LocalStorage>,
}

impl Wire {
    pub fn new() -> Wire {
        Wire {
            socket: StoredValue::new_local(None),
            hooks: StoredValue::new_local(Hooks::default()),
        }
    }

    /// Sends a frame if the socket is open; false otherwise (the caller keeps what matters).
    pub fn send(&self, msg: &ClientMsg) -> bool {
        let Ok(json) = serde_json::to_string(msg) else {
            return false;
        };
        self.socket.with_value(|ws| match ws {
            Some(ws) if ws.ready_state() == WebSocket::OPEN => ws.send_with_str(&json).is_ok(),
            _ => false,
        })
    }

    /// A socket exists (open, or opening).
    pub fn is_up(&self) -> bool {
        self.socket.with_value(Option::is_some)
    }

    /// Opens a socket (`hello` or `resume` goes when it opens).
    pub fn connect(&self) {
        if let Some(connect) = self.hooks.with_value(|hooks| hooks.connect.clone()) {
            connect();
        }
    }

    /// Opens a socket unless one is up.
    pub fn ensure(&self) {
        if !self.is_up() {
            self.connect();
        }
    }

    /// Ends the session (the server forgets it at once) and everything of it in the page.
    pub fn end(&self) {
        if let Some(end) = self.hooks.with_value(|hooks| hooks.end.clone()) {
            end();
        }
    }

    /// Something let go of the session (a room left, a request over): it ends unless one of
    /// the keepers still needs it. True if it ended.
    pub fn release(&self) -> bool {
        let keepers = self.hooks.with_value(|hooks| hooks.keepers.clone());
        let ends = !keepers.iter().any(|keep| keep());
        if ends {
            self.end();
        }
        ends
    }

    /// An area's reason to keep the session without rooms.
    pub fn keep_session_while(&self, keep: impl Fn() -> bool + 'static) {
        self.hooks
            .update_value(|hooks| hooks.keepers.push(Rc::new(keep)));
    }

    /// What an area forgets when the session ends.
    pub fn on_session_end(&self, reset: impl Fn() + 'static) {
        self.hooks
            .update_value(|hooks| hooks.resets.push(Rc::new(reset)));
    }

    /// The socket's own: how to connect and end (set once, at start).
    pub fn set_lifecycle(&self, connect: impl Fn() + 'static, end: impl Fn() + 'static) {
        self.hooks.update_value(|hooks| {
            hooks.connect = Some(Rc::new(connect));
            hooks.end = Some(Rc::new(end));
        });
    }

    /// The socket's own: every area forgets its part of the session.
    pub fn reset_areas(&self) {
        let resets = self.hooks.with_value(|hooks| hooks.resets.clone());
        for reset in resets {
            reset();
        }
    }

    /// The socket's own: the current socket, set or taken.
    pub fn put_socket(&self, ws: Option<WebSocket>) -> Option<WebSocket> {
        self.socket
            .try_update_value(|current| std::mem::replace(current, ws))
            .flatten()
    }
}
