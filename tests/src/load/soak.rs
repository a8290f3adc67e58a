//! Soak: people coming and going for minutes — connect, join a room, talk, ask for a
//! counselor and take it back, leave, answer the voice question, close — with the server's
//! memory read at the start, after a warm-up, at the end and once everyone has gone: what
//! churn leaves behind.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::Result;
use futures_util::SinkExt;
use tokio_tungstenite::tungstenite::Message;

use super::target::Target;
use super::{Socket, until};
use crate::client::{ClientOptions, connect_raw};

#[derive(Debug, Clone)]
pub struct Plan {
    /// People at once (each starts again as soon as it has gone).
    pub people: usize,
    pub room_size: usize,
    pub duration: Duration,
    pub warmup: Duration,
    /// One visit in this many ends with an answer to the voice question (answers are kept
    /// for months by design, so every visit answering would grow the store without end).
    pub voice_every: u64,
}

#[derive(Debug)]
pub struct SoakReport {
    pub plan: Plan,
    /// Visits completed (connect to close).
    pub visits: u64,
    /// Steps refused or timed out (a visit with one is abandoned and started again).
    pub failures: u64,
    /// Server RSS in KiB: before anyone came, after the warm-up, at the end, and with
    /// everyone gone.
    pub rss_start: Option<u64>,
    pub rss_warm: Option<u64>,
    pub rss_end: Option<u64>,
    pub rss_gone: Option<u64>,
}

pub async fn run(target: &Target, plan: Plan) -> Result<SoakReport> {
    let rss_start = target.rss_kib();
    let visits = Arc::new(AtomicU64::new(0));
    let failures = Arc::new(AtomicU64::new(0));
    let started = Instant::now();
    let deadline = started + plan.duration;
    let mut workers = Vec::with_capacity(plan.people);
    for i in 0..plan.people {
        let addr = target.addr_for(i);
        let room = format!("load-{}", i / plan.room_size.max(1));
        let (visits, failures) = (Arc::clone(&visits), Arc::clone(&failures));
        let voice_every = plan.voice_every.max(1);
        workers.push(tokio::spawn(async move {
            let mut round = 0u64;
            while Instant::now() < deadline {
                let voice = (round + i as u64).is_multiple_of(voice_every);
                match visit(addr, &room, i, round, voice).await {
                    Ok(()) => visits.fetch_add(1, Ordering::Relaxed),
                    Err(_) => failures.fetch_add(1, Ordering::Relaxed),
                };
                round += 1;
            }
        }));
        // Spread the first arrivals over a second.
        if i % 50 == 49 {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    tokio::time::sleep(plan.warmup).await;
    let rss_warm = target.rss_kib();
    for worker in workers {
        worker.await?;
    }
    let rss_end = target.rss_kib();
    // Sessions closed with a close frame end at once; give the server a moment.
    tokio::time::sleep(Duration::from_secs(5)).await;
    Ok(SoakReport {
        visits: visits.load(Ordering::Relaxed),
        failures: failures.load(Ordering::Relaxed),
        rss_start,
        rss_warm,
        rss_end,
        rss_gone: target.rss_kib(),
        plan,
    })
}

/// One visit, from connecting to closing.
async fn visit(
    addr: std::net::SocketAddr,
    room: &str,
    i: usize,
    round: u64,
    voice: bool,
) -> Result<()> {
    let options = ClientOptions {
        small_buffers: true,
        ..ClientOptions::default()
    };
    let mut ws = connect_raw(addr, &options).await?;
    send(&mut ws, serde_json::json!({"type":"hello"})).await?;
    until(&mut ws, "welcome").await?;
    send(&mut ws, serde_json::json!({"type":"join","room":room})).await?;
    until(&mut ws, "joined").await?;
    for n in 0..3 {
        let text = format!("{i}-{round}-{n} きょうは少し外に出ました");
        let id = format!("{i}-{round}-{n}");
        send(
            &mut ws,
            serde_json::json!({"type":"say","room":room,"text":text,"client_id":id}),
        )
        .await?;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    send(&mut ws, serde_json::json!({"type":"ask_counselor"})).await?;
    let asked = until(&mut ws, "escalation").await?;
    let id = asked["escalation_id"].clone();
    send(
        &mut ws,
        serde_json::json!({"type":"cancel_escalation","escalation_id":id}),
    )
    .await?;
    send(&mut ws, serde_json::json!({"type":"leave","room":room})).await?;
    until(&mut ws, "left").await?;
    if voice {
        send(
            &mut ws,
            serde_json::json!({"type":"voice","room":room,"rating":3,"comment":"また来ます"}),
        )
        .await?;
        until(&mut ws, "voice_received").await?;
    }
    ws.close(None).await?;
    Ok(())
}

async fn send(ws: &mut Socket, frame: serde_json::Value) -> Result<()> {
    ws.send(Message::text(frame.to_string())).await?;
    Ok(())
}
