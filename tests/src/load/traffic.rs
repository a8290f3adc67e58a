//! Traffic: clients in rooms, messages at a set total rate, latency from `say` to receipt at
//! every member of the room (the sender included).
//!
//! Each message's text is its send time in microseconds since the run began; every client
//! runs in this one process, so one monotonic clock measures both ends.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use futures_util::{SinkExt, StreamExt};
use hdrhistogram::Histogram;
use tokio::sync::{Semaphore, mpsc};
use tokio::time::MissedTickBehavior;
use tokio_tungstenite::tungstenite::Message;

use super::target::Target;
use super::{Frame, Socket, connect_and_join};

/// What the load's messages say after their timestamp: everyday lines of the length people
/// write here, so that automatic protection reads real-looking text (none is refused).
const LINES: [&str; 5] = [
    "今日は朝から雨で、ずっと部屋にいました。窓の外を見ていたら少し落ち着きました。",
    "最近ゲームばかりしているけど、それでもいいかなと思えるようになってきた。",
    "家族とうまく話せなくて、どうしたらいいのかわからないです。皆さんはどうですか",
    "I went for a short walk today, first time in two weeks. It felt okay.",
    "ありがとうございます。聞いてもらえるだけで少し楽になりました。また来ます。",
];

/// How a traffic run is shaped.
#[derive(Debug, Clone)]
pub struct Plan {
    pub clients: usize,
    pub room_size: usize,
    /// Messages per second, all rooms together, sent by the clients in turn.
    pub rate: f64,
    pub warmup: Duration,
    pub measure: Duration,
}

/// What one traffic run measured.
pub struct TrafficReport {
    pub plan: Plan,
    /// Messages sent while measuring.
    pub sent: u64,
    /// Deliveries (one message received by one member) of those messages.
    pub delivered: u64,
    /// Deliveries expected: each measured message times its room's size.
    pub expected: u64,
    pub errors: u64,
    /// Microseconds from send to receipt.
    pub latency: Histogram<u64>,
    pub server_cpu_seconds: Option<f64>,
    /// CPU seconds of the Redis the tool started, if any.
    pub redis_cpu_seconds: Option<f64>,
}

struct Shared {
    origin: Instant,
    /// Messages sent at or after this many µs since `origin` are measured.
    measure_from_us: AtomicU64,
    measure_until_us: AtomicU64,
    sending: AtomicBool,
    sent: AtomicU64,
    errors: AtomicU64,
}

impl Shared {
    fn now_us(&self) -> u64 {
        u64::try_from(self.origin.elapsed().as_micros()).unwrap_or(u64::MAX)
    }

    fn measured(&self, sent_us: u64) -> bool {
        sent_us >= self.measure_from_us.load(Ordering::Relaxed)
            && sent_us < self.measure_until_us.load(Ordering::Relaxed)
    }
}

pub async fn run(target: &Target, plan: Plan, concurrency: usize) -> Result<TrafficReport> {
    let shared = Arc::new(Shared {
        origin: Instant::now(),
        measure_from_us: AtomicU64::new(u64::MAX),
        measure_until_us: AtomicU64::new(u64::MAX),
        sending: AtomicBool::new(true),
        sent: AtomicU64::new(0),
        errors: AtomicU64::new(0),
    });

    // Connect everyone first, so that joining does not disturb the measurement.
    let handshakes = Arc::new(Semaphore::new(concurrency.max(1)));
    let mut joining = Vec::with_capacity(plan.clients);
    for i in 0..plan.clients {
        let permit = Arc::clone(&handshakes).acquire_owned().await?;
        let addr = target.addr_for(i);
        let room = format!("load-{}", i / plan.room_size.max(1));
        joining.push(tokio::spawn(async move {
            let ws = connect_and_join(addr, &format!("c{i}"), &room).await;
            drop(permit);
            ws.map(|ws| (ws, room))
        }));
    }
    let mut commands = Vec::with_capacity(plan.clients);
    let mut clients = Vec::with_capacity(plan.clients);
    for (i, joined) in joining.into_iter().enumerate() {
        let (ws, room) = joined.await?.with_context(|| format!("client {i}"))?;
        let (tx, rx) = mpsc::channel(4);
        commands.push(tx);
        clients.push(tokio::spawn(client(ws, rx, Arc::clone(&shared), i, room)));
    }

    // Send in turn at the planned rate; measure between warm-up and the end.
    let period = Duration::from_secs_f64(1.0 / plan.rate.max(0.001));
    let mut ticks = tokio::time::interval(period);
    ticks.set_missed_tick_behavior(MissedTickBehavior::Skip);
    let start = Instant::now();
    let mut cpu_before = None;
    let mut next = 0;
    loop {
        ticks.tick().await;
        let elapsed = start.elapsed();
        if cpu_before.is_none() && elapsed >= plan.warmup {
            shared
                .measure_from_us
                .store(shared.now_us(), Ordering::Relaxed);
            cpu_before = Some((target.cpu_ticks(), target.redis_cpu_ticks()));
        }
        if elapsed >= plan.warmup + plan.measure {
            shared
                .measure_until_us
                .store(shared.now_us(), Ordering::Relaxed);
            break;
        }
        let _ = commands[next].try_send(());
        next = (next + 1) % commands.len();
    }
    let cpu_after = (target.cpu_ticks(), target.redis_cpu_ticks());
    // Let the last messages arrive, then stop.
    tokio::time::sleep(Duration::from_secs(2)).await;
    shared.sending.store(false, Ordering::Relaxed);
    drop(commands);

    let mut latency = Histogram::new_with_bounds(1, 120_000_000, 3)?;
    let mut delivered = 0;
    for client in clients {
        let (histogram, count) = client.await?;
        latency.add(&histogram)?;
        delivered += count;
    }
    let sent = shared.sent.load(Ordering::Relaxed);
    let seconds = |before: Option<u64>, after: Option<u64>| match (before, after) {
        (Some(before), Some(after)) => Some(after.saturating_sub(before) as f64 / 100.0),
        _ => None,
    };
    let (cpu_before, redis_before) = cpu_before.unwrap_or_default();
    let server_cpu_seconds = seconds(cpu_before, cpu_after.0);
    let redis_cpu_seconds = seconds(redis_before, cpu_after.1);
    Ok(TrafficReport {
        expected: sent * plan.room_size.min(plan.clients) as u64,
        plan,
        sent,
        delivered,
        errors: shared.errors.load(Ordering::Relaxed),
        latency,
        server_cpu_seconds,
        redis_cpu_seconds,
    })
}

/// One client: sends when told, records the latency of every measured message it receives.
async fn client(
    mut ws: Socket,
    mut commands: mpsc::Receiver<()>,
    shared: Arc<Shared>,
    index: usize,
    room: String,
) -> (Histogram<u64>, u64) {
    let mut histogram = Histogram::new_with_bounds(1, 120_000_000, 3).unwrap_or_else(|_| {
        Histogram::new(3).unwrap_or_else(|_| unreachable!("3 significant figures are valid"))
    });
    let mut received = 0;
    let mut seq = 0u64;
    loop {
        tokio::select! {
            command = commands.recv() => {
                if command.is_none() {
                    break;
                }
                let sent_us = shared.now_us();
                let say = serde_json::json!({
                    "type": "say",
                    "room": room,
                    "text": format!("t={sent_us} {}", LINES[usize::try_from(seq).unwrap_or(0) % LINES.len()]),
                    "client_id": format!("{index}-{seq}"),
                });
                seq += 1;
                if ws.send(Message::text(say.to_string())).await.is_err() {
                    shared.errors.fetch_add(1, Ordering::Relaxed);
                    break;
                }
                if shared.measured(sent_us) {
                    shared.sent.fetch_add(1, Ordering::Relaxed);
                }
            }
            frame = ws.next() => {
                let Some(Ok(Message::Text(text))) = frame else {
                    if matches!(frame, Some(Ok(_))) { continue; }
                    break;
                };
                let now = shared.now_us();
                let Ok(frame) = serde_json::from_str::<Frame<'_>>(text.as_str()) else { continue };
                match frame.kind {
                    "message" => {
                        let sent_us = frame
                            .text
                            .and_then(|t| t.strip_prefix("t="))
                            .and_then(|t| t.split(' ').next())
                            .and_then(|t| t.parse::<u64>().ok());
                        if let Some(sent_us) = sent_us.filter(|s| shared.measured(*s)) {
                            let _ = histogram.record(now.saturating_sub(sent_us).max(1));
                            received += 1;
                        }
                    }
                    "error" => { shared.errors.fetch_add(1, Ordering::Relaxed); }
                    _ => {}
                }
            }
        }
        if !shared.sending.load(Ordering::Relaxed) {
            break;
        }
    }
    (histogram, received)
}
