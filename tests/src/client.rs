//! A protocol client for tests: connects like a browser or a script would, sends JSON
//! frames, and reads frames with a timeout so that a silent server fails a test instead of
//! hanging it.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use anyhow::{Context, Result, anyhow, bail};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::{TcpSocket, TcpStream};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::protocol::frame::coding::CloseCode;
use tokio_tungstenite::tungstenite::protocol::{CloseFrame, WebSocketConfig};
use tokio_tungstenite::tungstenite::{Error as WsError, Message};
use tokio_tungstenite::{WebSocketStream, client_async_with_config};

use crate::STEP;

/// How to connect.
#[derive(Debug, Clone, Default)]
pub struct ClientOptions {
    /// An `Origin` header, as a browser would send.
    pub origin: Option<String>,
    /// Connect from this local address (e.g. 127.0.0.42, to find it in logs).
    pub local_ip: Option<IpAddr>,
    /// A small receive buffer, to make a client that stops reading fill up quickly.
    pub recv_buffer: Option<u32>,
    /// 4 KiB WebSocket buffers instead of tungstenite's 128 KiB, for thousands of clients.
    pub small_buffers: bool,
}

/// One WebSocket client.
pub struct Client {
    ws: WebSocketStream<TcpStream>,
    /// Frames [`Client::recv_kept`] read but did not want yet (other methods skip frames).
    kept: std::collections::VecDeque<Value>,
    /// Every text frame this client received, as sent (for tests that scan all of them:
    /// what a person must never be told).
    received: Vec<String>,
}

/// What the server did when a connection ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// A close frame with this code and reason.
    Closed(u16, String),
    /// The connection ended without a close frame.
    Gone,
}

impl Client {
    /// Connects to `ws://addr/ws` with no `Origin` (a script, not a browser).
    pub async fn connect(addr: SocketAddr) -> Result<Client> {
        Client::connect_with(addr, ClientOptions::default()).await
    }

    pub async fn connect_with(addr: SocketAddr, options: ClientOptions) -> Result<Client> {
        Ok(Client {
            kept: std::collections::VecDeque::new(),
            received: Vec::new(),
            ws: connect_raw(addr, &options).await?,
        })
    }

    /// Connects and says `hello` (as `handle`, or with a generated one); the client and its
    /// welcome frame.
    pub async fn greeted(addr: SocketAddr, handle: Option<&str>) -> Result<(Client, Value)> {
        let mut client = Client::connect(addr).await?;
        let welcome = client.hello(handle).await?;
        Ok((client, welcome))
    }

    /// Connects and resumes the session of `token`; the client and its welcome frame.
    pub async fn resumed(addr: SocketAddr, token: &str) -> Result<(Client, Value)> {
        let mut client = Client::connect(addr).await?;
        let welcome = client.resume(token).await?;
        Ok((client, welcome))
    }

    /// Connects, says hello as `handle` and joins `room`.
    pub async fn member(addr: SocketAddr, handle: &str, room: &str) -> Result<Client> {
        let (mut client, _) = Client::greeted(addr, Some(handle)).await?;
        client.join(room).await?;
        Ok(client)
    }

    /// Sends a JSON frame.
    pub async fn send(&mut self, frame: Value) -> Result<()> {
        self.send_text(&frame.to_string()).await
    }

    /// Sends a raw text frame.
    pub async fn send_text(&mut self, text: &str) -> Result<()> {
        tokio::time::timeout(STEP, self.ws.send(Message::text(text)))
            .await
            .context("send timed out")??;
        Ok(())
    }

    /// Sends a raw WebSocket message (binary, oversized…).
    pub async fn send_raw(&mut self, message: Message) -> Result<()> {
        tokio::time::timeout(STEP, self.ws.send(message))
            .await
            .context("send timed out")??;
        Ok(())
    }

    /// The next text frame, as JSON.
    pub async fn recv(&mut self) -> Result<Value> {
        self.recv_within(STEP).await
    }

    /// The next text frame within `limit`.
    pub async fn recv_within(&mut self, limit: Duration) -> Result<Value> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let next = tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .map_err(|_| anyhow!("no frame within {limit:?}"))?;
            match next {
                Some(Ok(Message::Text(text))) => {
                    self.received.push(text.as_str().to_owned());
                    return serde_json::from_str(text.as_str()).context("frame is not JSON");
                }
                Some(Ok(Message::Close(frame))) => bail!("connection closed: {frame:?}"),
                Some(Ok(_)) => continue,
                Some(Err(err)) => bail!("connection error: {err}"),
                None => bail!("connection ended"),
            }
        }
    }

    /// Reads frames until one of type `kind` arrives (skipping presence updates and the
    /// like), and returns it.
    pub async fn recv_type(&mut self, kind: &str) -> Result<Value> {
        self.read_until(kind, |frame| frame["type"] == kind, false)
            .await
    }

    /// The first frame of type `kind` for which `wanted` holds — among frames read earlier
    /// by this method and kept, or the next ones (frames not wanted are kept, in order, for a
    /// later call): for tests where several frames arrive in an order that is not promised.
    pub async fn recv_kept(
        &mut self,
        kind: &str,
        wanted: impl Fn(&Value) -> bool,
    ) -> Result<Value> {
        let fits = |frame: &Value| frame["type"] == kind && wanted(frame);
        if let Some(at) = self.kept.iter().position(fits) {
            return Ok(self.kept.remove(at).unwrap_or_default());
        }
        self.read_until(kind, fits, true).await
    }

    /// Reads frames (for one step at most) until one `fits`; the others are dropped, or
    /// kept for [`Client::recv_kept`].
    async fn read_until(
        &mut self,
        kind: &str,
        fits: impl Fn(&Value) -> bool,
        keep: bool,
    ) -> Result<Value> {
        let deadline = tokio::time::Instant::now() + STEP;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let frame = self
                .recv_within(left)
                .await
                .with_context(|| format!("waiting for a {kind:?} frame"))?;
            if fits(&frame) {
                return Ok(frame);
            }
            if keep {
                self.kept.push_back(frame);
            }
        }
    }

    /// Reads frames until an error frame, and returns its code.
    pub async fn recv_error(&mut self) -> Result<Value> {
        self.recv_type("error").await
    }

    /// Sends `frame` and returns the error frame that answers it (for frames a test expects
    /// to be refused).
    pub async fn refusal(&mut self, frame: Value) -> Result<Value> {
        self.send(frame).await?;
        self.recv_error().await
    }

    /// Every text frame received so far, after reading whatever arrives within `quiet`.
    pub async fn everything_received(&mut self, quiet: Duration) -> &[String] {
        while self.recv_within(quiet).await.is_ok() {}
        &self.received
    }

    /// Asserts that no text frame other than presence arrives within `quiet`.
    pub async fn expect_no_message(&mut self, quiet: Duration) -> Result<()> {
        let deadline = tokio::time::Instant::now() + quiet;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            if left.is_zero() {
                return Ok(());
            }
            match tokio::time::timeout(left, self.ws.next()).await {
                Err(_) => return Ok(()),
                Ok(Some(Ok(Message::Text(text)))) => {
                    self.received.push(text.as_str().to_owned());
                    let frame: Value = serde_json::from_str(text.as_str())?;
                    if frame["type"] != "presence" {
                        bail!("expected silence, got {frame}");
                    }
                }
                Ok(Some(Ok(_))) => {}
                Ok(other) => bail!("expected silence, the connection ended: {other:?}"),
            }
        }
    }

    /// `hello`; returns the welcome frame.
    pub async fn hello(&mut self, handle: Option<&str>) -> Result<Value> {
        let mut frame = json!({"type": "hello"});
        if let Some(handle) = handle {
            frame["handle"] = json!(handle);
        }
        self.hello_with(frame).await
    }

    /// `hello` with a resume token; returns the welcome frame.
    pub async fn resume(&mut self, token: &str) -> Result<Value> {
        self.hello_with(json!({"type": "hello", "resume": token}))
            .await
    }

    /// Sends `hello`, a whole `hello` frame (with a language, a role…); returns the welcome
    /// frame.
    pub async fn hello_with(&mut self, hello: Value) -> Result<Value> {
        self.send(hello).await?;
        self.recv_type("welcome").await
    }

    /// `join`; returns the joined frame.
    pub async fn join(&mut self, room: &str) -> Result<Value> {
        self.send(json!({"type": "join", "room": room})).await?;
        self.recv_type("joined").await
    }

    /// `say` without waiting for anything.
    pub async fn say(&mut self, room: &str, text: &str, client_id: &str) -> Result<()> {
        self.send(json!({"type": "say", "room": room, "text": text, "client_id": client_id}))
            .await
    }

    /// `say`, then the next message this client hears: its own, when nobody else speaks.
    pub async fn say_and_hear(&mut self, room: &str, text: &str, client_id: &str) -> Result<Value> {
        self.say(room, text, client_id).await?;
        self.recv_type("message").await
    }

    /// Sends a close frame (1000, normal) and waits for the server's answer.
    pub async fn close(self) -> Result<Ending> {
        self.close_with(1000).await
    }

    /// Sends a close frame with `code` and waits for the server's answer.
    pub async fn close_with(mut self, code: u16) -> Result<Ending> {
        let frame = CloseFrame {
            code: CloseCode::from(code),
            reason: "".into(),
        };
        self.ws.close(Some(frame)).await?;
        self.ending().await
    }

    /// Drops the TCP connection without a close frame, as a lost network would.
    pub fn drop_connection(self) {
        drop(self.ws);
    }

    /// Reads until the connection ends; says how it ended. Text frames on the way are skipped.
    pub async fn ending(&mut self) -> Result<Ending> {
        self.ending_within(STEP).await
    }

    pub async fn ending_within(&mut self, limit: Duration) -> Result<Ending> {
        let deadline = tokio::time::Instant::now() + limit;
        loop {
            let next = tokio::time::timeout_at(deadline, self.ws.next())
                .await
                .map_err(|_| anyhow!("the connection did not end within {limit:?}"))?;
            match next {
                Some(Ok(Message::Close(frame))) => return Ok(closed(frame)),
                Some(Ok(_)) => continue,
                Some(Err(WsError::ConnectionClosed | WsError::AlreadyClosed)) | None => {
                    return Ok(Ending::Gone);
                }
                Some(Err(WsError::Io(_) | WsError::Protocol(_))) => return Ok(Ending::Gone),
                Some(Err(err)) => bail!("connection error: {err}"),
            }
        }
    }
}

/// Opens a WebSocket to `ws://addr/ws`, for callers that read frames themselves (the load
/// tool); [`Client`] wraps it for tests.
pub async fn connect_raw(
    addr: SocketAddr,
    options: &ClientOptions,
) -> Result<WebSocketStream<TcpStream>> {
    let socket = match addr {
        SocketAddr::V4(_) => TcpSocket::new_v4()?,
        SocketAddr::V6(_) => TcpSocket::new_v6()?,
    };
    if let Some(ip) = options.local_ip {
        socket.bind(SocketAddr::new(ip, 0))?;
    }
    if let Some(size) = options.recv_buffer {
        socket.set_recv_buffer_size(size)?;
    }
    let tcp = tokio::time::timeout(STEP, socket.connect(addr))
        .await
        .context("connect timed out")??;
    tcp.set_nodelay(true)?;
    let mut request = format!("ws://{addr}/ws").into_client_request()?;
    if let Some(origin) = &options.origin {
        request
            .headers_mut()
            .insert("origin", HeaderValue::from_str(origin)?);
    }
    let config = if options.small_buffers {
        WebSocketConfig::default()
            .read_buffer_size(4096)
            .write_buffer_size(0)
    } else {
        WebSocketConfig::default()
    };
    let (ws, _response) =
        tokio::time::timeout(STEP, client_async_with_config(request, tcp, Some(config)))
            .await
            .context("handshake timed out")??;
    Ok(ws)
}

fn closed(frame: Option<CloseFrame>) -> Ending {
    match frame {
        Some(frame) => Ending::Closed(u16::from(frame.code), frame.reason.to_string()),
        None => Ending::Closed(1005, String::new()),
    }
}

/// The `hello` of a staff member signing in with `name` and `password`.
pub fn staff_hello(name: &str, password: &str) -> Value {
    json!({"type": "hello", "staff": {"name": name, "password": password}})
}

/// The texts of a `joined` frame's history, oldest first (panics on a frame without one).
pub fn history_texts(joined: &Value) -> Vec<String> {
    let Some(history) = joined["history"].as_array() else {
        panic!("no history in {joined}");
    };
    history
        .iter()
        .map(|message| match message["text"].as_str() {
            Some(text) => text.to_owned(),
            None => panic!("a message without text in {joined}"),
        })
        .collect()
}

/// A `room_state` frame as the server sends it: what a facilitator set (`set`, e.g.
/// `{"segment":1}`) over the defaults of a room nobody has changed.
pub fn room_state(room: &str, set: Value) -> Value {
    let mut frame = json!({
        "type": "room_state",
        "room": room,
        "locked": false,
        "unattended": false,
        "slow_mode_seconds": 0,
    });
    if let (Some(frame), Some(set)) = (frame.as_object_mut(), set.as_object()) {
        frame.extend(set.clone());
    }
    frame
}

/// Talking with a counselor, as tests wait for it (frames of other kinds are kept for later:
/// see [`Client::recv_kept`]).
impl Client {
    /// The first `escalation` frame in `state`.
    pub async fn escalation_in(&mut self, state: &str) -> Result<Value> {
        self.recv_kept("escalation", |frame| frame["state"] == state)
            .await
    }

    /// The items of the first `queue` frame with `len` of them.
    pub async fn queue_of(&mut self, len: usize) -> Result<Vec<Value>> {
        let queue = self
            .recv_kept("queue", |frame| {
                frame["items"].as_array().map(Vec::len) == Some(len)
            })
            .await?;
        Ok(queue["items"].as_array().cloned().unwrap_or_default())
    }
}
