//! `ibasho-reference`: the load tool's yardstick — a bare axum WebSocket server with one
//! broadcast channel per room and no features at all (no sessions, moderation, figures,
//! escalation or store). It answers the few frames the load tool sends (`hello`, `join`,
//! `say`) with frames of the same shape as Ibasho's, so that one load run against each on
//! the same machine gives a ratio a noisy machine cannot skew.
//!
//! ```text
//! ibasho-reference serve --bind 127.0.0.1:0   # other arguments are accepted and ignored
//! ```

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::State;
use axum::extract::ws::{Message, Utf8Bytes, WebSocket, WebSocketUpgrade};
use axum::response::Response;
use axum::routing::get;
use axum::serve::ListenerExt as _;
use tokio::sync::broadcast;

/// Frames a slow member may fall behind by before it misses some (as Ibasho's outbox).
const ROOM_BACKLOG: usize = 256;

#[derive(Default)]
struct Rooms {
    channels: Mutex<HashMap<String, broadcast::Sender<Utf8Bytes>>>,
    next_id: AtomicU64,
}

impl Rooms {
    fn channel(&self, room: &str) -> broadcast::Sender<Utf8Bytes> {
        let mut channels = self
            .channels
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        channels
            .entry(room.to_owned())
            .or_insert_with(|| broadcast::channel(ROOM_BACKLOG).0)
            .clone()
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let bind = args
        .iter()
        .position(|arg| arg == "--bind")
        .and_then(|at| args.get(at + 1))
        .map_or("127.0.0.1:8080", String::as_str);
    let listener = tokio::net::TcpListener::bind(bind).await?;
    let addr: SocketAddr = listener.local_addr()?;
    // Small frames go out at once, as Ibasho's do (no 40 ms wait for a delayed ACK).
    let listener = listener.tap_io(|tcp| {
        let _ = tcp.set_nodelay(true);
    });
    // The line the load tool's process harness waits for.
    eprintln!("ibasho-reference listening on http://{addr}");
    let app = Router::new()
        .route("/ws", get(upgrade))
        .with_state(Arc::new(Rooms::default()));
    axum::serve(listener, app).await
}

async fn upgrade(ws: WebSocketUpgrade, State(rooms): State<Arc<Rooms>>) -> Response {
    // Ibasho's buffers and limits (`Limits` in the server's settings), so that memory per
    // connection compares like with like (tungstenite's defaults cost ~135 KiB each).
    ws.read_buffer_size(1024)
        .write_buffer_size(4 * 1024)
        .max_message_size(16 * 1024)
        .max_frame_size(16 * 1024)
        .on_upgrade(move |socket| connection(socket, rooms))
}

/// The frame fields the reference reads.
#[derive(serde::Deserialize)]
struct Incoming {
    #[serde(rename = "type")]
    kind: String,
    #[serde(default)]
    handle: Option<String>,
    #[serde(default)]
    room: Option<String>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    client_id: Option<String>,
}

/// One connection: its frames in, its room's broadcasts out, in one task.
async fn connection(mut socket: WebSocket, rooms: Arc<Rooms>) {
    let mut handle = String::new();
    let mut joined: Option<(String, broadcast::Sender<Utf8Bytes>)> = None;
    let mut feed: Option<broadcast::Receiver<Utf8Bytes>> = None;
    loop {
        let next = async {
            match feed.as_mut() {
                Some(feed) => feed.recv().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            frame = socket.recv() => {
                let Some(Ok(frame)) = frame else { return };
                let Message::Text(text) = frame else { continue };
                let Ok(incoming) = serde_json::from_str::<Incoming>(text.as_str()) else {
                    continue;
                };
                let answer = match incoming.kind.as_str() {
                    "hello" => {
                        handle = incoming.handle.unwrap_or_else(|| "guest".to_owned());
                        serde_json::json!({"type":"welcome","handle":handle,"session":"-","resumed":false})
                    }
                    "join" => {
                        let room = incoming.room.unwrap_or_default();
                        let channel = rooms.channel(&room);
                        feed = Some(channel.subscribe());
                        let present = channel.receiver_count();
                        joined = Some((room.clone(), channel));
                        serde_json::json!({"type":"joined","room":room,"history":[],"present":present})
                    }
                    "say" => {
                        let Some((room, channel)) = &joined else { continue };
                        let id = rooms.next_id.fetch_add(1, Ordering::Relaxed);
                        let message = serde_json::json!({
                            "type":"message","room":room,"id":id.to_string(),"handle":handle,
                            "text":incoming.text,"client_id":incoming.client_id,
                        });
                        // Serialized once for the whole room, as Ibasho does.
                        let _ = channel.send(Utf8Bytes::from(message.to_string()));
                        continue;
                    }
                    _ => continue,
                };
                if socket.send(Message::text(answer.to_string())).await.is_err() {
                    return;
                }
            }
            delivered = next => match delivered {
                Ok(frame) => {
                    if socket.send(Message::Text(frame)).await.is_err() {
                        return;
                    }
                }
                Err(broadcast::error::RecvError::Lagged(_)) => {}
                Err(broadcast::error::RecvError::Closed) => feed = None,
            }
        }
    }
}
