//! Idle connections: the memory a listener who never types costs the server.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Result, anyhow};
use futures_util::StreamExt;
use tokio::sync::{Semaphore, watch};

use super::connect_and_join;
use super::target::Target;

/// What one idle run measured.
#[derive(Debug)]
pub struct IdleReport {
    pub connections: usize,
    pub connect_time: Duration,
    pub rss_before_kib: Option<u64>,
    pub rss_after_kib: Option<u64>,
}

impl IdleReport {
    /// Server memory per idle connection, in bytes.
    pub fn bytes_per_connection(&self) -> Option<f64> {
        let grown = self.rss_after_kib?.checked_sub(self.rss_before_kib?)?;
        Some(grown as f64 * 1024.0 / self.connections as f64)
    }
}

/// Opens `connections` clients (`concurrency` handshakes at a time), each saying hello and
/// joining one of the `load-N` rooms of `capacity`, keeps them all open and listening, and
/// reads the server's RSS once they have settled.
pub async fn run(
    target: &Target,
    connections: usize,
    capacity: u32,
    concurrency: usize,
) -> Result<IdleReport> {
    let rss_before_kib = target.rss_kib();
    let (stop_tx, stop_rx) = watch::channel(false);
    let handshakes = Arc::new(Semaphore::new(concurrency.max(1)));
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel::<Result<()>>(1024);
    let started = Instant::now();
    for i in 0..connections {
        let permit = Arc::clone(&handshakes).acquire_owned().await?;
        let ready = ready_tx.clone();
        let mut stop = stop_rx.clone();
        let addr = target.addr_for(i);
        let room = format!("load-{}", i / capacity as usize);
        tokio::spawn(async move {
            let joined = connect_and_join(addr, &format!("idle{i}"), &room).await;
            drop(permit);
            let mut ws = match joined {
                Ok(ws) => {
                    let _ = ready.send(Ok(())).await;
                    ws
                }
                Err(err) => {
                    let _ = ready.send(Err(err)).await;
                    return;
                }
            };
            drop(ready);
            // Listening (and so answering pings) until told to stop.
            loop {
                tokio::select! {
                    _ = stop.changed() => break,
                    frame = ws.next() => if !matches!(frame, Some(Ok(_))) { break },
                }
            }
        });
    }
    drop(ready_tx);
    let mut ready = 0;
    while ready < connections {
        match ready_rx.recv().await {
            Some(Ok(())) => ready += 1,
            Some(Err(err)) => return Err(err.context(format!("connection {ready} failed"))),
            None => return Err(anyhow!("only {ready} of {connections} connected")),
        }
    }
    let connect_time = started.elapsed();
    // Let presence updates and allocator caches settle before reading memory.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss_after_kib = target.rss_kib();
    let _ = stop_tx.send(true);
    Ok(IdleReport {
        connections,
        connect_time,
        rss_before_kib,
        rss_after_kib,
    })
}
