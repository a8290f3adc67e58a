//! The way into one connection: a bounded queue of frames and a hangup to close it.
//!
//! Everything sent to a client goes through its [`Outbox`], so that a client that stops
//! reading fills only its own queue and is then disconnected, instead of making a room
//! broadcast wait or the server's memory grow. The queue is bounded twice: in frames, and in
//! bytes (one `joined` frame with a long history can be hundreds of KiB).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use axum::extract::ws::Utf8Bytes;
use ibasho_protocol::{ServerMsg, close};
use tokio::sync::Notify;
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

/// A handle to send frames to one connection. Cheap to clone (every room a connection is
/// in keeps one).
#[derive(Debug)]
pub struct Outbox {
    id: u64,
    queue: Arc<Queue>,
    hangup: Arc<Hangup>,
}

/// The writer's end of an [`Outbox`].
#[derive(Debug)]
pub struct OutboxReceiver {
    queue: Arc<Queue>,
}

/// One connection's frames on their way out. A queue of its own rather than a channel's:
/// a channel keeps a block of slots allocated for as long as the connection lives (1 KiB
/// here), while this holds memory only while frames wait — most connections are idle most
/// of the time.
#[derive(Debug)]
struct Queue {
    frames: Mutex<VecDeque<Outbound>>,
    /// Woken when a frame is queued, and when the last [`Outbox`] goes.
    ready: Notify,
    /// How many [`Outbox`] handles exist: none, and the queue ends once empty.
    senders: AtomicUsize,
    /// The writer is gone: frames are no longer taken.
    closed: AtomicBool,
    queued_bytes: AtomicUsize,
    max_frames: usize,
    max_bytes: usize,
}

/// Frames' room kept by an emptied queue: a little, so that a connection that talks does
/// not allocate for every frame, and an idle one keeps next to nothing.
const KEPT_WHEN_EMPTY: usize = 4;

impl Queue {
    fn frames(&self) -> std::sync::MutexGuard<'_, VecDeque<Outbound>> {
        self.frames
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn pop(&self) -> Option<Outbound> {
        let mut frames = self.frames();
        let item = frames.pop_front()?;
        if frames.is_empty() && frames.capacity() > KEPT_WHEN_EMPTY {
            *frames = VecDeque::new();
        }
        drop(frames);
        self.queued_bytes.fetch_sub(item.len(), Ordering::AcqRel);
        Some(item)
    }
}

impl Clone for Outbox {
    fn clone(&self) -> Self {
        self.queue.senders.fetch_add(1, Ordering::AcqRel);
        Outbox {
            id: self.id,
            queue: Arc::clone(&self.queue),
            hangup: Arc::clone(&self.hangup),
        }
    }
}

impl Drop for Outbox {
    fn drop(&mut self) {
        if self.queue.senders.fetch_sub(1, Ordering::AcqRel) == 1 {
            // The writer learns that nothing more can come.
            self.queue.ready.notify_one();
        }
    }
}

impl Drop for OutboxReceiver {
    fn drop(&mut self) {
        self.queue.closed.store(true, Ordering::Release);
        // What waits is never sent: its memory goes now.
        *self.queue.frames() = VecDeque::new();
    }
}

impl OutboxReceiver {
    /// The next frame; `None` when every [`Outbox`] is gone and nothing waits.
    pub async fn recv(&mut self) -> Option<Outbound> {
        loop {
            if let Some(item) = self.queue.pop() {
                return Some(item);
            }
            if self.queue.senders.load(Ordering::Acquire) == 0 {
                return self.queue.pop();
            }
            // A frame queued (or the last sender gone) after the looks above left a permit:
            // this returns at once.
            self.queue.ready.notified().await;
        }
    }

    /// The next frame if one is waiting.
    pub fn try_recv(&mut self) -> Option<Outbound> {
        self.queue.pop()
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
        let queue = Arc::new(Queue {
            frames: Mutex::new(VecDeque::new()),
            ready: Notify::new(),
            senders: AtomicUsize::new(1),
            closed: AtomicBool::new(false),
            queued_bytes: AtomicUsize::new(0),
            max_frames: max_frames.max(1),
            max_bytes,
        });
        let outbox = Outbox {
            id,
            queue: Arc::clone(&queue),
            hangup,
        };
        (outbox, OutboxReceiver { queue })
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
        let queue = &*self.queue;
        // The connection is ending; its own cleanup takes it out of every room.
        if queue.closed.load(Ordering::Acquire) {
            return false;
        }
        let len = frame.len();
        let before = queue.queued_bytes.fetch_add(len, Ordering::AcqRel);
        if before + len > queue.max_bytes && before > 0 {
            queue.queued_bytes.fetch_sub(len, Ordering::AcqRel);
            self.hangup.close(CloseReason::TooSlow);
            return false;
        }
        {
            let mut frames = queue.frames();
            if frames.len() >= queue.max_frames {
                drop(frames);
                queue.queued_bytes.fetch_sub(len, Ordering::AcqRel);
                self.hangup.close(CloseReason::TooSlow);
                return false;
            }
            frames.push_back(frame);
        }
        queue.ready.notify_one();
        true
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
    async fn the_writer_gets_every_frame_then_the_end_and_a_gone_writer_takes_none() {
        let hangup = Arc::new(Hangup::new(&CancellationToken::new()));
        let (outbox, mut rx) = Outbox::channel(1, 100, 1 << 20, Arc::clone(&hangup));
        let other = outbox.clone();
        // A writer waiting is woken by a frame queued later.
        let waiting = tokio::spawn(async move {
            let first = rx.recv().await;
            (first, rx)
        });
        tokio::task::yield_now().await;
        assert!(other.push(text(3)));
        let (first, mut rx) = waiting.await.unwrap();
        assert_eq!(first.map(|item| item.len()), Some(3));
        assert!(outbox.push(text(4)));
        drop(outbox);
        drop(other);
        // What was queued before the last handle went still comes, then the end.
        assert_eq!(rx.recv().await.map(|item| item.len()), Some(4));
        assert!(rx.recv().await.is_none());

        let (outbox, rx) = Outbox::channel(2, 100, 1 << 20, hangup);
        drop(rx);
        assert!(!outbox.push(text(1)));
    }

    #[tokio::test]
    async fn an_emptied_queue_keeps_next_to_no_memory() {
        let hangup = Arc::new(Hangup::new(&CancellationToken::new()));
        let (outbox, mut rx) = Outbox::channel(1, 1000, 1 << 20, hangup);
        for _ in 0..100 {
            assert!(outbox.push(text(1)));
        }
        while rx.try_recv().is_some() {}
        assert!(outbox.queue.frames().capacity() <= KEPT_WHEN_EMPTY);
    }

    #[tokio::test]
    async fn one_frame_larger_than_the_budget_still_goes_to_an_empty_queue() {
        let hangup = Arc::new(Hangup::new(&CancellationToken::new()));
        let (outbox, _rx) = Outbox::channel(1, 100, 1000, Arc::clone(&hangup));
        assert!(outbox.push(text(5000)));
        assert!(!hangup.is_closing());
    }
}
