//! The way into one connection: a bounded queue of frames and a hangup to close it.
//!
//! Everything sent to a client goes through its [`Outbox`], so that a client that stops
//! reading fills only its own queue and is then disconnected, instead of making a room
//! broadcast wait or the server's memory grow. The queue is bounded twice: in frames, and in
//! bytes (one `joined` frame with a long history can be hundreds of KiB).

use std::sync::atomic::{AtomicUsize, Ordering};
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

impl Outbound {
    fn len(&self) -> usize {
        match self {
            Outbound::Text(text) => text.len(),
            Outbound::Ping => 0,
        }
    }
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
    /// The client broke the WebSocket protocol (a frame no client may send).
    ProtocolError,
    /// A text frame that was not UTF-8.
    InvalidPayload,
    /// More pings (or unasked pongs) than a client needs: a flood.
    PingFlood,
    /// A frame over the size limit.
    TooBig,
    /// No frame, not even a pong, for the idle timeout.
    Idle,
    /// The session was resumed on another connection.
    Replaced,
    /// This node lost the thread of a room's stream: reconnect and resume to resync.
    Resync,
    /// The client sent a close frame (the server only answers it): the person left.
    ClientClosed,
    /// The client sent a close frame with 1001 "going away": a browser does this by itself
    /// when a page is reloaded or navigated away, so the session stays resumable.
    ClientGoingAway,
    /// The peer vanished (reset, EOF without a close frame): nothing to tell it.
    Dropped,
    /// The staff account of the session was removed or changed: the session ends.
    SignedOut,
}

impl CloseReason {
    /// The close code and the reason text of the close frame (at most 123 bytes).
    pub fn close_frame(self) -> (u16, &'static str) {
        match self {
            CloseReason::Shutdown => (close::GOING_AWAY, "server shutting down; please reconnect"),
            CloseReason::TooSlow => (close::POLICY, "too slow: messages were not being read"),
            CloseReason::NoHello => (close::POLICY, "hello expected"),
            CloseReason::ProtocolError => (close::PROTOCOL_ERROR, "websocket protocol error"),
            CloseReason::InvalidPayload => (close::INVALID_PAYLOAD, "text frame not utf-8"),
            CloseReason::PingFlood => (close::POLICY, "too many pings"),
            CloseReason::TooBig => (close::TOO_BIG, "frame too large"),
            CloseReason::Idle => (close::IDLE, "no heartbeat"),
            CloseReason::Replaced => (close::REPLACED, "session resumed on another connection"),
            CloseReason::Resync => (close::RESYNC, "room history restarted; please reconnect"),
            CloseReason::ClientClosed | CloseReason::ClientGoingAway => (1000, "bye"),
            CloseReason::Dropped => (close::GOING_AWAY, "connection lost"),
            CloseReason::SignedOut => (close::SIGNED_OUT, "signed out: the staff account changed"),
        }
    }

    /// For logs: a word, no personal data.
    pub fn as_str(self) -> &'static str {
        match self {
            CloseReason::Shutdown => "shutdown",
            CloseReason::TooSlow => "too_slow",
            CloseReason::NoHello => "no_hello",
            CloseReason::ProtocolError => "protocol_error",
            CloseReason::InvalidPayload => "invalid_payload",
            CloseReason::PingFlood => "ping_flood",
            CloseReason::TooBig => "too_big",
            CloseReason::Idle => "idle",
            CloseReason::Replaced => "replaced",
            CloseReason::Resync => "resync",
            CloseReason::ClientClosed => "client_closed",
            CloseReason::ClientGoingAway => "client_going_away",
            CloseReason::Dropped => "dropped",
            CloseReason::SignedOut => "signed_out",
        }
    }
}

/// How a connection is asked to close, and why: shared between its reader, its writer, and
/// whoever holds its [`Outbox`].
#[derive(Debug)]
pub struct Hangup {
    cancel: CancellationToken,
    reason: OnceLock<CloseReason>,
}

impl Hangup {
    /// A hangup that is also cancelled when `server` is (shutdown).
    pub fn new(server: &CancellationToken) -> Hangup {
        Hangup {
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
    hangup: Arc<Hangup>,
    queued_bytes: Arc<AtomicUsize>,
    max_bytes: usize,
}

/// The writer's end of an [`Outbox`].
#[derive(Debug)]
pub struct OutboxReceiver {
    rx: mpsc::Receiver<Outbound>,
    queued_bytes: Arc<AtomicUsize>,
}

impl OutboxReceiver {
    /// The next frame; `None` when every [`Outbox`] is gone.
    pub async fn recv(&mut self) -> Option<Outbound> {
        let item = self.rx.recv().await?;
        self.taken(&item);
        Some(item)
    }

    /// The next frame if one is waiting.
    pub fn try_recv(&mut self) -> Option<Outbound> {
        let item = self.rx.try_recv().ok()?;
        self.taken(&item);
        Some(item)
    }

    fn taken(&self, item: &Outbound) {
        self.queued_bytes.fetch_sub(item.len(), Ordering::AcqRel);
    }
}

impl Outbox {
    /// A queue of at most `max_frames` frames and `max_bytes` bytes for connection `id`.
    pub fn channel(
        id: u64,
        max_frames: usize,
        max_bytes: usize,
        hangup: Arc<Hangup>,
    ) -> (Outbox, OutboxReceiver) {
        let (tx, rx) = mpsc::channel(max_frames.max(1));
        let queued_bytes = Arc::new(AtomicUsize::new(0));
        let outbox = Outbox {
            id,
            tx,
            hangup,
            queued_bytes: Arc::clone(&queued_bytes),
            max_bytes,
        };
        (outbox, OutboxReceiver { rx, queued_bytes })
    }

    /// The connection's id on this node (a counter; it identifies no one).
    pub fn id(&self) -> u64 {
        self.id
    }

    pub fn hangup(&self) -> &Arc<Hangup> {
        &self.hangup
    }

    /// Queues a frame without waiting. A full queue (in frames or bytes) means the client
    /// stopped reading: it is closed as too slow (it may resume). Returns whether the frame
    /// was queued.
    pub fn push(&self, frame: Outbound) -> bool {
        let len = frame.len();
        let before = self.queued_bytes.fetch_add(len, Ordering::AcqRel);
        if before + len > self.max_bytes && before > 0 {
            self.queued_bytes.fetch_sub(len, Ordering::AcqRel);
            self.hangup.close(CloseReason::TooSlow);
            return false;
        }
        match self.tx.try_send(frame) {
            Ok(()) => true,
            Err(mpsc::error::TrySendError::Full(_)) => {
                self.queued_bytes.fetch_sub(len, Ordering::AcqRel);
                self.hangup.close(CloseReason::TooSlow);
                false
            }
            // The connection is ending; its own cleanup takes it out of every room.
            Err(mpsc::error::TrySendError::Closed(_)) => {
                self.queued_bytes.fetch_sub(len, Ordering::AcqRel);
                false
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text(len: usize) -> Outbound {
        Outbound::Text(Utf8Bytes::from("x".repeat(len)))
    }

    #[tokio::test]
    async fn a_queue_full_in_frames_closes_the_connection_as_too_slow() {
        let hangup = Arc::new(Hangup::new(&CancellationToken::new()));
        let (outbox, _rx) = Outbox::channel(1, 2, 1 << 20, Arc::clone(&hangup));
        assert!(outbox.push(text(1)));
        assert!(outbox.push(text(1)));
        assert!(!hangup.is_closing());
        assert!(!outbox.push(text(1)));
        assert!(hangup.is_closing());
        assert_eq!(hangup.reason(), CloseReason::TooSlow);
    }

    #[tokio::test]
    async fn a_queue_full_in_bytes_closes_the_connection_as_too_slow() {
        let hangup = Arc::new(Hangup::new(&CancellationToken::new()));
        let (outbox, mut rx) = Outbox::channel(1, 100, 1000, Arc::clone(&hangup));
        assert!(outbox.push(text(600)));
        // Taking a frame out frees its bytes.
        assert!(rx.try_recv().is_some());
        assert!(outbox.push(text(600)));
        assert!(!outbox.push(text(600)));
        assert_eq!(hangup.reason(), CloseReason::TooSlow);
    }

    #[tokio::test]
    async fn one_frame_larger_than_the_budget_still_goes_to_an_empty_queue() {
        let hangup = Arc::new(Hangup::new(&CancellationToken::new()));
        let (outbox, _rx) = Outbox::channel(1, 100, 1000, Arc::clone(&hangup));
        assert!(outbox.push(text(5000)));
        assert!(!hangup.is_closing());
    }
}
