//! The load tool's scenarios (run by the `ibasho-load` binary; figures go to BENCHMARKS.md).
//!
//! - [`target`] — the server under load: spawned from a binary with a generated catalogue, or
//!   already running; its RSS and CPU time read from `/proc`.
//! - [`idle`] — many connections that say hello, join a room and then only listen: memory.
//! - [`traffic`] — clients in rooms sending at a set rate: delivery latency and throughput.
//! - [`restart`] — one node of several stopped (SIGTERM or SIGKILL) under talk: the time
//!   until everyone is back on the others, resumes per second, lost and duplicated.
//! - [`soak`] — people coming and going for minutes: the server's memory before, during,
//!   at the end and once everyone has gone.

pub mod idle;
pub mod restart;
pub mod soak;
pub mod target;
pub mod traffic;

use std::net::SocketAddr;

use anyhow::{Context, Result, bail};
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use tokio::net::TcpStream;
use tokio_tungstenite::WebSocketStream;
use tokio_tungstenite::tungstenite::Message;

use crate::STEP;
use crate::client::{ClientOptions, connect_raw};

/// A load client's socket.
pub type Socket = WebSocketStream<TcpStream>;

/// The parts of a server frame the load tool looks at (borrowed: no copy per frame).
#[derive(Deserialize)]
pub struct Frame<'a> {
    #[serde(rename = "type", borrow)]
    pub kind: &'a str,
    #[serde(default, borrow)]
    pub text: Option<&'a str>,
    #[serde(default, borrow)]
    pub code: Option<&'a str>,
}

/// Connects with small buffers, says hello as `handle` and joins `room`.
pub async fn connect_and_join(addr: SocketAddr, handle: &str, room: &str) -> Result<Socket> {
    let options = ClientOptions {
        small_buffers: true,
        ..ClientOptions::default()
    };
    let mut ws = connect_raw(addr, &options).await?;
    let hello = serde_json::json!({"type": "hello", "handle": handle}).to_string();
    ws.send(Message::text(hello)).await?;
    expect(&mut ws, "welcome").await?;
    let join = serde_json::json!({"type": "join", "room": room}).to_string();
    ws.send(Message::text(join)).await?;
    expect(&mut ws, "joined").await?;
    Ok(ws)
}

/// Reads until a frame of `kind` (waiting up to 30 s) and returns it whole; an error frame
/// fails, but not a refusal of a `say` (it names its `client_id`: the caller's to resend).
pub async fn until(ws: &mut Socket, kind: &str) -> Result<serde_json::Value> {
    loop {
        let message = tokio::time::timeout(std::time::Duration::from_secs(30), ws.next())
            .await
            .with_context(|| format!("no {kind} in time"))?
            .context("connection ended")??;
        if let Message::Text(text) = message {
            let frame: serde_json::Value = serde_json::from_str(text.as_str())?;
            if frame["type"] == kind {
                return Ok(frame);
            }
            if frame["type"] == "error" && frame.get("client_id").is_none() {
                bail!("refused: {}", frame["code"]);
            }
        }
    }
}

/// Reads until a frame of `kind`; an error frame fails.
async fn expect(ws: &mut Socket, kind: &str) -> Result<()> {
    loop {
        let message = tokio::time::timeout(STEP, ws.next())
            .await
            .with_context(|| format!("no {kind} frame in time"))?
            .context("connection ended")??;
        if let Message::Text(text) = message {
            let frame: Frame<'_> = serde_json::from_str(text.as_str())?;
            if frame.kind == kind {
                return Ok(());
            }
            if frame.kind == "error" {
                bail!("server refused: {}", frame.code.unwrap_or("?"));
            }
        }
    }
}
