//! The way into one connection: a bounded queue of frames and a control to close it.
//!
//! Everything sent to a client goes through its [`Outbox`], so that a client that stops
//! reading fills only its own queue and is then disconnected, instead of making a room
//! broadcast wait or the server's memory grow.

use std::sync::{Arc, OnceLock};

use axum::extract::ws::Utf8Bytes;
use ibasho_protocol::{ServerMsg, close};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

/// What the writer task of a connection sends.
#[derive(Debug, Clone)]
pub enum Outbound {
    /// A JSON text frame, serialized once and shared by every member of a room.
    Text(Utf8Bytes),
    /// A heartbeat ping.
    Ping,
}

/// Why a connection is being closed by the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloseReason {
    /// The server is shutting down.
    Shutdown,
    /// The client's outbound queue was full.
    TooSlow,
    /// No `hello` in time.
    NoHello,
    /// A frame over the size limit.
    TooBig,
    /// No frame, not even a pong, for the idle timeout.
    Idle,
    /// The session was resumed on another connection.
    Replaced,
    /// The client sent a close frame (the server only answers it).
    ClientClosed,
    /// The peer vanished (reset, EOF without a close frame): nothing to tell it.
    Dropped,
}

impl CloseReason {
    /// The close code and the reason text of the close frame (at most 123 bytes).
    pub fn close_frame(self) -> (u16, &'static str) {
        match self {
            CloseReason::Shutdown => (close::GOING_AWAY, "server shutting down; please reconnect"),
            CloseReason::TooSlow => (close::POLICY, "too slow: messages were not being read"),
            CloseReason::NoHello => (close::POLICY, "hello expected"),
            CloseReason::TooBig => (close::TOO_BIG, "frame too large"),
            CloseReason::Idle => (close::IDLE, "no heartbeat"),
            CloseReason::Replaced => (close::REPLACED, "session resumed on another connection"),
            CloseReason::ClientClosed => (1000, "bye"),
            CloseReason::Dropped => (close::GOING_AWAY, "connection lost"),
        }
    }

    /// For logs: a word, no personal data.
    pub fn as_str(self) -> &'static str {
        match self {
            CloseReason::Shutdown => "shutdown",
            CloseReason::TooSlow => "too_slow",
            CloseReason::NoHello => "no_hello",
            CloseReason::TooBig => "too_big",
            CloseReason::Idle => "idle",
            CloseReason::Replaced => "replaced",
            CloseReason::ClientClosed => "client_closed",
            CloseReason::Dropped => "dropped",
        }
    }
}

/// Shared between a connection's reader, its writer, and whoever holds its [`Outbox`].
#[derive(Debug)]
pub struct ConnControl {
    cancel: CancellationToken,
    reason: OnceLock<CloseReason>,
}

impl ConnControl {
    /// A control that is also cancelled when `server` is (shutdown).
    pub fn new(server: &CancellationToken) -> ConnControl {
        ConnControl {
            cancel: server.child_token(),
            reason: OnceLock::new(),
        }
    }

    /// Asks the connection to close; the first reason given wins.
    pub fn close(&self, reason: CloseReason) {
        let _first_reason_wins = self.reason.set(reason);
        self.cancel.cancel();
    }

    /// Why the connection is closing; a cancellation without reason came from the server.
    pub fn reason(&self) -> CloseReason {
        self.reason.get().copied().unwrap_or(CloseReason::Shutdown)
    }

    pub fn cancelled(&self) -> tokio_util::sync::WaitForCancellationFuture<'_> {
        self.cancel.cancelled()
    }

    pub fn is_closing(&self) -> bool {
        self.cancel.is_cancelled()
    }
}

/// A handle to send frames to one connection. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Outbox {
    id: u64,
    tx: mpsc::Sender<Outbound>,
    control: Arc<ConnControl>,
}

impl Outbox {
    pub fn new(id: u64, tx: mpsc::Sender<Outbound>, control: Arc<ConnControl>) -> Outbox {
        Outbox { id, tx, control }
    }

    /// The connection's id on this node (a counter; it identifies no one).
    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn control(&self) -> &Arc<ConnControl> {
        &self.control
    }

    /// Queues a frame without waiting. A full queue means the client stopped reading: it is
    /// closed as too slow (it may resume). Returns whether the frame was queued.
    pub fn push(&self, frame: Outbound) -> bool {
        match self.tx.try_send(frame) {
            Ok(()) => true,
            Err(mpsc::error::TrySendError::Full(_)) => {
                self.control.close(CloseReason::TooSlow);
                false
            }
            // The connection is ending; its own cleanup takes it out of every room.
            Err(mpsc::error::TrySendError::Closed(_)) => false,
        }
    }

    /// Serializes and queues one frame for this connection only.
    pub fn send(&self, msg: &ServerMsg) -> bool {
        self.push(Outbound::Text(encode(msg)))
    }
}

/// Serializes a frame once, for one connection or a whole room.
pub fn encode(msg: &ServerMsg) -> Utf8Bytes {
    match serde_json::to_string(msg) {
        Ok(json) => Utf8Bytes::from(json),
        // The wire types hold only strings, numbers and timestamps: this cannot happen, and if
        // it did, the client still learns that something failed.
        Err(err) => {
            tracing::error!(error = %err, "a server frame could not be serialized");
            Utf8Bytes::from_static(
                r#"{"type":"error","code":"unavailable","message":"internal error"}"#,
            )
        }
    }
}
