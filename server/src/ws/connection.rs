//! One WebSocket connection: a reader loop (this task) and a writer task.
//!
//! The writer owns the socket's sink and drains the connection's bounded queue, so nothing
//! else ever waits on a slow socket. The reader parses frames, keeps the heartbeat and the
//! hello deadline, and hands frames to the [`Peer`]. When either half ends, the other is
//! told through the connection's [`Hangup`], and the writer says goodbye with a close
//! frame that gives the reason.

use std::error::Error as _;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ws::{CloseFrame, Message, Utf8Bytes, WebSocket};
use futures_util::stream::{SplitSink, SplitStream};
use futures_util::{SinkExt, StreamExt};
use ibasho_protocol::close;
use tokio::sync::OwnedSemaphorePermit;
use tokio::time::Instant;
use tracing::Instrument;

use super::peer::Peer;
use crate::app::App;
use crate::outbox::{CloseReason, Hangup, Outbound, Outbox, OutboxReceiver};

/// Frames written to the socket before one flush, when many are waiting.
const WRITE_BATCH: usize = 64;
/// How long the goodbye (close frame) may take before the socket is simply dropped.
const GOODBYE_TIMEOUT: Duration = Duration::from_secs(1);
/// How long the reader waits for the writer to finish its goodbye.
const WRITER_JOIN_TIMEOUT: Duration = Duration::from_secs(2);
/// Control frames (pings, pongs) a client may send in one [`CONTROL_WINDOW`]: a browser
/// sends none of its own (it only answers ours), a library's keep-alive a few a minute.
/// tungstenite answers every ping, so a flood would cost the server a write per frame.
const CONTROL_FRAMES_PER_WINDOW: u32 = 30;
const CONTROL_WINDOW: Duration = Duration::from_secs(10);
/// Read errors tolerated while draining a closing socket (each ends one bad frame).
const DRAIN_ERRORS: u32 = 16;

/// Serves one upgraded connection until it ends. Holds `permit` (a connection slot) throughout.
pub async fn run(app: Arc<App>, socket: WebSocket, permit: OwnedSemaphorePermit) {
    let id = app.next_connection_id();
    // The span carries a counter, never an address or a token.
    let span = tracing::info_span!("conn", id);
    serve(app, socket, id).instrument(span).await;
    drop(permit);
}

async fn serve(app: Arc<App>, socket: WebSocket, id: u64) {
    let limits = app.settings.limits.clone();
    let (sink, mut stream) = socket.split();
    let hangup = Arc::new(Hangup::new(&app.shutdown));
    let (outbox, rx) = Outbox::channel(
        id,
        limits.outbound_queue,
        limits.outbound_bytes,
        Arc::clone(&hangup),
    );
    let mut writer = tokio::spawn(write_loop(sink, rx, Arc::clone(&hangup)).in_current_span());
    tracing::debug!("connection opened");

    let mut peer = Peer::new(app, outbox);
    let ending = read_loop(&mut peer, &mut stream, &hangup, &limits).await;
    // Boxed for the same reason as a frame's handling (see `Peer::on_text`).
    Box::pin(peer.finish(ending)).await;

    hangup.close(ending);
    let goodbye = async {
        if tokio::time::timeout(WRITER_JOIN_TIMEOUT, &mut writer)
            .await
            .is_err()
        {
            writer.abort();
        }
    };
    // After a frame refused for what it was, reading on while the close frame goes out,
    // until the client answers it: a socket closed with bytes unread is reset, and a reset
    // can destroy the close frame before the client reads why (a flooder's pings, the rest
    // of an oversized frame, what followed a broken frame).
    let drain = async {
        if matches!(
            ending,
            CloseReason::ProtocolError
                | CloseReason::InvalidPayload
                | CloseReason::TooBig
                | CloseReason::PingFlood
        ) {
            let mut errors = 0;
            while let Some(read) = stream.next().await {
                errors += u32::from(read.is_err());
                if errors > DRAIN_ERRORS {
                    break;
                }
            }
        }
    };
    let _drained_or_not = tokio::join!(goodbye, tokio::time::timeout(WRITER_JOIN_TIMEOUT, drain));
    tracing::debug!(reason = hangup.reason().as_str(), "connection closed");
}

/// Reads frames until the connection ends, and says why it ended.
async fn read_loop(
    peer: &mut Peer,
    stream: &mut SplitStream<WebSocket>,
    hangup: &Hangup,
    limits: &crate::settings::Limits,
) -> CloseReason {
    let start = Instant::now();
    // One timer for both the hello deadline and the heartbeat, rather than a timer and an
    // interval: every connection holds them for its whole life.
    let hello_deadline = start + limits.hello_timeout;
    let mut next_heartbeat = start + limits.heartbeat_interval;
    let timer = tokio::time::sleep_until(next_heartbeat.min(hello_deadline));
    tokio::pin!(timer);
    let mut last_heard = start;
    let mut control = (start, 0u32);

    loop {
        tokio::select! {
            biased;
            () = hangup.cancelled() => return hangup.reason(),
            () = &mut timer => {
                let now = Instant::now();
                let hello_pending = !peer.has_session();
                if hello_pending && now >= hello_deadline {
                    return CloseReason::NoHello;
                }
                if now >= next_heartbeat {
                    if last_heard.elapsed() >= limits.idle_timeout {
                        return CloseReason::Idle;
                    }
                    peer.outbox().push(Outbound::Ping);
                    // A late beat delays the next (never a burst of them).
                    next_heartbeat = now + limits.heartbeat_interval;
                }
                let next = if hello_pending {
                    next_heartbeat.min(hello_deadline)
                } else {
                    next_heartbeat
                };
                timer.as_mut().reset(next);
            }
            frame = stream.next() => {
                let frame = match frame {
                    Some(Ok(frame)) => frame,
                    Some(Err(err)) => return read_error(&err),
                    // An EOF without close frame: the peer is gone, maybe for a while.
                    None => return CloseReason::Dropped,
                };
                last_heard = Instant::now();
                match frame {
                    Message::Text(text) => peer.on_text(text.as_str()).await,
                    Message::Binary(_) => peer.on_binary(),
                    // tungstenite answers pings itself; a pong only proves the peer is there.
                    Message::Ping(_) | Message::Pong(_) => {
                        if control.0.elapsed() >= CONTROL_WINDOW {
                            control = (Instant::now(), 0);
                        }
                        control.1 += 1;
                        if control.1 > CONTROL_FRAMES_PER_WINDOW {
                            return CloseReason::PingFlood;
                        }
                    }
                    Message::Close(frame) => {
                        let going_away = frame.is_some_and(|f| f.code == close::GOING_AWAY);
                        return if going_away {
                            CloseReason::ClientGoingAway
                        } else {
                            CloseReason::ClientClosed
                        };
                    }
                }
            }
        }
    }
}

/// The conformance build's echo: every message back as it came, and a refused frame closed
/// with the same code and the same reading-on as [`serve`] gives it.
#[cfg(feature = "conformance")]
pub async fn echo(mut socket: WebSocket) {
    let ending = loop {
        let reply = match socket.recv().await {
            Some(Ok(Message::Text(text))) => Message::Text(text),
            Some(Ok(Message::Binary(data))) => Message::Binary(data),
            Some(Ok(Message::Ping(_) | Message::Pong(_))) => continue,
            // tungstenite has queued the answer to the close frame: flush it.
            Some(Ok(Message::Close(_))) => {
                let _already_closed_is_fine = socket.close().await;
                return;
            }
            Some(Err(err)) => break read_error(&err),
            None => return,
        };
        if socket.send(reply).await.is_err() {
            return;
        }
    };
    if ending == CloseReason::Dropped {
        return;
    }
    let (code, text) = ending.close_frame();
    let frame = CloseFrame {
        code,
        reason: Utf8Bytes::from_static(text),
    };
    if socket.send(Message::Close(Some(frame))).await.is_ok() {
        let _ = tokio::time::timeout(WRITER_JOIN_TIMEOUT, async {
            while socket.recv().await.is_some() {}
        })
        .await;
    }
}

/// Why a read failed, as the close frame will say it (RFC 6455 §7.4.1): the client is told
/// what it did wrong before the TCP connection ends, unless it is already gone.
fn read_error(err: &axum::Error) -> CloseReason {
    use tungstenite::error::ProtocolError;
    let Some(err) = err
        .source()
        .and_then(|source| source.downcast_ref::<tungstenite::Error>())
    else {
        return CloseReason::Dropped;
    };
    match err {
        tungstenite::Error::Capacity(_) => CloseReason::TooBig,
        tungstenite::Error::Utf8(_) => CloseReason::InvalidPayload,
        // A reset: nobody is there to read a close frame.
        tungstenite::Error::Protocol(ProtocolError::ResetWithoutClosingHandshake) => {
            CloseReason::Dropped
        }
        tungstenite::Error::Protocol(_) => CloseReason::ProtocolError,
        _ => CloseReason::Dropped,
    }
}

/// Drains the queue into the socket until the connection is closed, then says goodbye.
async fn write_loop(
    mut sink: SplitSink<WebSocket, Message>,
    mut rx: OutboxReceiver,
    hangup: Arc<Hangup>,
) {
    loop {
        let first = tokio::select! {
            biased;
            () = hangup.cancelled() => break,
            item = rx.recv() => match item {
                Some(item) => item,
                None => break,
            },
        };
        // A socket that does not drain must not keep this task from noticing the close.
        let written = tokio::select! {
            biased;
            () = hangup.cancelled() => break,
            written = write_batch(&mut sink, &mut rx, first) => written,
        };
        if written.is_err() {
            hangup.close(CloseReason::Dropped);
            return;
        }
    }
    let _best_effort =
        tokio::time::timeout(GOODBYE_TIMEOUT, goodbye(&mut sink, hangup.reason())).await;
}

/// Writes `first` and whatever else is already queued, then flushes once.
async fn write_batch(
    sink: &mut SplitSink<WebSocket, Message>,
    rx: &mut OutboxReceiver,
    first: Outbound,
) -> Result<(), axum::Error> {
    sink.feed(to_message(first)).await?;
    for _ in 1..WRITE_BATCH {
        match rx.try_recv() {
            Some(item) => sink.feed(to_message(item)).await?,
            None => break,
        }
    }
    sink.flush().await
}

fn to_message(item: Outbound) -> Message {
    match item {
        Outbound::Text(text) => Message::Text(text),
        Outbound::Ping => Message::Ping(bytes::Bytes::new()),
    }
}

/// The close frame that tells the client why (or, after its own close frame, the reply).
async fn goodbye(sink: &mut SplitSink<WebSocket, Message>, reason: CloseReason) {
    match reason {
        // Nobody is listening any more.
        CloseReason::Dropped => {}
        // tungstenite has queued the reply to the client's close frame; flush it.
        CloseReason::ClientClosed | CloseReason::ClientGoingAway => {
            let _already_closed_is_fine = sink.close().await;
        }
        reason => {
            let (code, text) = reason.close_frame();
            let frame = CloseFrame {
                code,
                reason: Utf8Bytes::from_static(text),
            };
            if sink.send(Message::Close(Some(frame))).await.is_ok() {
                let _already_closed_is_fine = sink.close().await;
            }
        }
    }
}
