//! Restart: people on the first of several nodes (Redis), in rooms, each saying a message
//! every so often; the node is stopped — SIGTERM, as a rolling restart does, or SIGKILL, as
//! a crash — and everyone comes back on the other nodes as the web app does (a jittered
//! 250–500 ms wait, `hello` with `resume` and each room's last position, then what was not
//! confirmed sent again under the same client id).
//!
//! Measures the time from the signal until the last person is back in their room, resumes
//! per second, and, per room, messages lost (confirmed to their sender but never heard by a
//! member) and duplicated (heard twice by one member).

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use tokio::sync::{Semaphore, watch};
use tokio_tungstenite::tungstenite::Message;

use super::target::Target;
use super::{Socket, until};
use crate::client::{ClientOptions, connect_raw};

/// How the node is stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Term,
    Kill,
}

#[derive(Debug, Clone)]
pub struct Plan {
    pub people: usize,
    pub room_size: usize,
    /// Each person says a message this often (the first at a random point within it).
    pub say_every: Duration,
    /// Talking before the signal.
    pub warmup: Duration,
    pub stop: Stop,
}

/// What one run measured.
#[derive(Debug)]
pub struct RestartReport {
    pub plan: Plan,
    pub connect_time: Duration,
    /// People back in their room on another node.
    pub back: usize,
    /// From the signal: the first and the last person back.
    pub first_back: Option<Duration>,
    pub last_back: Option<Duration>,
    /// Messages confirmed to their senders.
    pub confirmed: usize,
    /// (Member, message) pairs confirmed but never heard.
    pub lost: usize,
    /// (Member, message) pairs heard more than once.
    pub duplicated: usize,
    /// Says never answered (neither confirmed nor refused) by the end.
    pub unanswered: usize,
    /// Says refused with a typed error (sent again after).
    pub refused: usize,
}

impl RestartReport {
    /// Resumes per second, from the first person back to the last.
    pub fn resumes_per_second(&self) -> Option<f64> {
        let span = self.last_back?.checked_sub(self.first_back?)?.as_secs_f64();
        (span > 0.0).then(|| self.back as f64 / span)
    }
}

/// The parts of a frame this scenario reads.
#[derive(Deserialize)]
struct Frame<'a> {
    #[serde(rename = "type", borrow)]
    kind: &'a str,
    #[serde(default, borrow)]
    text: Option<&'a str>,
    #[serde(default)]
    offset: Option<u64>,
    #[serde(default, borrow)]
    epoch: Option<&'a str>,
    #[serde(default, borrow)]
    client_id: Option<&'a str>,
    #[serde(default)]
    history: Vec<Said<'a>>,
}

#[derive(Deserialize)]
struct Said<'a> {
    #[serde(borrow)]
    text: &'a str,
    #[serde(default)]
    offset: u64,
}

/// One person's record.
#[derive(Default)]
struct Person {
    room: usize,
    heard: HashMap<String, u32>,
    confirmed: Vec<String>,
    back_at: Option<Instant>,
    unanswered: usize,
    refused: usize,
}

pub async fn run(target: &Target, plan: Plan, concurrency: usize) -> Result<RestartReport> {
    if target.addrs.len() < 2 {
        bail!("a restart needs at least two nodes (--nodes 3 --store redis)");
    }
    let first = target.addrs[0];
    let others: Arc<Vec<SocketAddr>> = Arc::new(target.addrs[1..].to_vec());
    let started = Instant::now();
    let handshakes = Arc::new(Semaphore::new(concurrency.max(1)));
    let mut joining = Vec::with_capacity(plan.people);
    for i in 0..plan.people {
        let permit = Arc::clone(&handshakes).acquire_owned().await?;
        let room = format!("load-{}", i / plan.room_size.max(1));
        joining.push(tokio::spawn(async move {
            let joined = join(first, &format!("r{i}"), &room).await;
            drop(permit);
            joined
        }));
    }
    let mut sockets = Vec::with_capacity(plan.people);
    for (i, joined) in joining.into_iter().enumerate() {
        sockets.push(joined.await?.with_context(|| format!("person {i}"))?);
    }
    let connect_time = started.elapsed();
    // 0: talking; 1: quiet (no new message, what is in flight arrives); 2: stop.
    let (stop_tx, stop_rx) = watch::channel(0u8);
    let mut people = Vec::with_capacity(plan.people);
    for (i, (ws, token, epoch)) in sockets.into_iter().enumerate() {
        people.push(tokio::spawn(person(
            i,
            ws,
            token,
            epoch,
            plan.clone(),
            Arc::clone(&others),
            stop_rx.clone(),
        )));
    }

    tokio::time::sleep(plan.warmup).await;
    let signalled = Instant::now();
    match plan.stop {
        Stop::Term => target.signal(0, false)?,
        Stop::Kill => target.signal(0, true)?,
    }
    // Everyone back, then one more round of messages, and what is in flight delivered.
    tokio::time::sleep(Duration::from_secs(30).min(plan.say_every * 2) + Duration::from_secs(8))
        .await;
    let _ = stop_tx.send(1);
    tokio::time::sleep(Duration::from_secs(5)).await;
    let _ = stop_tx.send(2);

    let mut records = Vec::with_capacity(plan.people);
    for person in people {
        records.push(person.await?);
    }
    let mut rooms: HashMap<usize, HashSet<&String>> = HashMap::new();
    for record in &records {
        rooms
            .entry(record.room)
            .or_default()
            .extend(record.confirmed.iter());
    }
    let (mut lost, mut duplicated) = (0, 0);
    for record in &records {
        for text in &rooms[&record.room] {
            match record.heard.get(*text) {
                None => lost += 1,
                Some(n) if *n > 1 => duplicated += 1,
                Some(_) => {}
            }
        }
    }
    let backs: Vec<Duration> = records
        .iter()
        .filter_map(|r| r.back_at.map(|at| at.saturating_duration_since(signalled)))
        .collect();
    Ok(RestartReport {
        connect_time,
        back: backs.len(),
        first_back: backs.iter().min().copied(),
        last_back: backs.iter().max().copied(),
        confirmed: records.iter().map(|r| r.confirmed.len()).sum(),
        lost,
        duplicated,
        unanswered: records.iter().map(|r| r.unanswered).sum(),
        refused: records.iter().map(|r| r.refused).sum(),
        plan,
    })
}

/// Connects, says hello as `handle`, joins `room`: the socket, the session token and the
/// room's epoch.
async fn join(addr: SocketAddr, handle: &str, room: &str) -> Result<(Socket, String, String)> {
    let mut ws = connect_raw(addr, &small()).await?;
    let hello = serde_json::json!({"type": "hello", "handle": handle}).to_string();
    ws.send(Message::text(hello)).await?;
    let welcome = until(&mut ws, "welcome").await?;
    let token = welcome["session"]
        .as_str()
        .context("no session")?
        .to_owned();
    let join = serde_json::json!({"type": "join", "room": room}).to_string();
    ws.send(Message::text(join)).await?;
    let joined = until(&mut ws, "joined").await?;
    let epoch = joined["epoch"].as_str().unwrap_or_default().to_owned();
    Ok((ws, token, epoch))
}

fn small() -> ClientOptions {
    ClientOptions {
        small_buffers: true,
        ..ClientOptions::default()
    }
}

/// A small random number from the clock and `seed` (the load tool needs no more).
fn spread(seed: usize, range: u64) -> u64 {
    let nanos = u64::from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0),
    );
    (nanos ^ (seed as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) % range.max(1)
}

async fn person(
    i: usize,
    mut ws: Socket,
    token: String,
    mut epoch: String,
    plan: Plan,
    others: Arc<Vec<SocketAddr>>,
    mut stop: watch::Receiver<u8>,
) -> Person {
    let room_index = i / plan.room_size.max(1);
    let room = format!("load-{room_index}");
    let mut record = Person {
        room: room_index,
        ..Person::default()
    };
    let mut pending: Vec<String> = Vec::new();
    let mut again: Vec<String> = Vec::new();
    let mut offset = 0u64;
    let mut n = 0u64;
    let every = plan.say_every.as_millis().max(1) as u64;
    let mut next_say = tokio::time::Instant::now() + Duration::from_millis(spread(i, every));
    loop {
        tokio::select! {
            _ = stop.changed() => {
                if *stop.borrow() >= 2 {
                    break;
                }
                // Quiet: no new message from now on.
                next_say = tokio::time::Instant::now() + Duration::from_secs(3600);
            }
            () = tokio::time::sleep_until(next_say) => {
                let text = format!("{i}:{n}");
                n += 1;
                for text in again.drain(..).chain([text.clone()]) {
                    let say = serde_json::json!({"type":"say","room":room,"text":text,"client_id":text});
                    // A send that fails is a lost connection: read as gone below.
                    let _ = ws.send(Message::text(say.to_string())).await;
                }
                pending.push(text);
                next_say += plan.say_every;
            }
            frame = ws.next() => {
                let text = match frame {
                    Some(Ok(Message::Text(text))) => text,
                    Some(Ok(_)) => continue,
                    // Gone (a close frame, a reset): back on another node, as the web app.
                    _ => {
                        match back(i, &token, &room, &epoch, offset, &others, &mut record).await {
                            Some((socket, new_epoch, new_offset)) => {
                                ws = socket;
                                epoch = new_epoch;
                                offset = offset.max(new_offset);
                                record.back_at.get_or_insert(Instant::now());
                                for text in &pending {
                                    let say = serde_json::json!({"type":"say","room":room,"text":text,"client_id":text});
                                    let _ = ws.send(Message::text(say.to_string())).await;
                                }
                                continue;
                            }
                            None => break,
                        }
                    }
                };
                let Ok(frame) = serde_json::from_str::<Frame<'_>>(text.as_str()) else { continue };
                match frame.kind {
                    "message" => {
                        let said = frame.text.unwrap_or_default();
                        offset = offset.max(frame.offset.unwrap_or(0));
                        // The answer to a say sent again is matched to the message the
                        // resume already brought, as the web app does, not shown twice.
                        if let Some(at) = pending.iter().position(|p| p == said) {
                            record.confirmed.push(pending.swap_remove(at));
                            if record.heard.contains_key(said) {
                                continue;
                            }
                        }
                        *record.heard.entry(said.to_owned()).or_default() += 1;
                    }
                    // A say refused (still pending): sent again with the next one.
                    "error" if frame.client_id.is_some() => {
                        record.refused += 1;
                        if let Some(id) = frame.client_id {
                            again.push(id.to_owned());
                        }
                    }
                    _ => {}
                }
            }
        }
    }
    record.unanswered = pending.len();
    record
}

/// Waits 250–500 ms (the web app's first retry), then resumes on one of `others`: the new
/// socket, the room's epoch and the last offset the `joined` frame brought. What the frame
/// brings is heard (the messages missed meanwhile).
async fn back(
    i: usize,
    token: &str,
    room: &str,
    epoch: &str,
    offset: u64,
    others: &[SocketAddr],
    record: &mut Person,
) -> Option<(Socket, String, u64)> {
    for attempt in 0..20u64 {
        let ceiling = (500u64 << attempt.min(5)).min(15_000);
        let wait = ceiling / 2 + spread(i + attempt as usize, ceiling / 2);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        let addr = others[(i + attempt as usize) % others.len()];
        let Ok(mut ws) = connect_raw(addr, &small()).await else {
            continue;
        };
        let hello = serde_json::json!({
            "type": "hello", "resume": token,
            "since": {room: {"epoch": epoch, "offset": offset}},
        });
        if ws.send(Message::text(hello.to_string())).await.is_err() {
            continue;
        }
        let Ok(joined) = until(&mut ws, "joined").await else {
            continue;
        };
        let joined = joined.to_string();
        let Ok(frame) = serde_json::from_str::<Frame<'_>>(&joined) else {
            continue;
        };
        let mut last = offset;
        for said in &frame.history {
            if said.offset > offset {
                *record.heard.entry(said.text.to_owned()).or_default() += 1;
            }
            last = last.max(said.offset);
        }
        let epoch = frame.epoch.unwrap_or(epoch).to_owned();
        return Some((ws, epoch, last));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resumes_per_second_are_people_over_the_span() {
        let report = RestartReport {
            plan: Plan {
                people: 10,
                room_size: 5,
                say_every: Duration::from_secs(1),
                warmup: Duration::ZERO,
                stop: Stop::Term,
            },
            connect_time: Duration::ZERO,
            back: 10,
            first_back: Some(Duration::from_millis(500)),
            last_back: Some(Duration::from_millis(2500)),
            confirmed: 0,
            lost: 0,
            duplicated: 0,
            unanswered: 0,
            refused: 0,
        };
        assert_eq!(report.resumes_per_second(), Some(5.0));
    }
}
