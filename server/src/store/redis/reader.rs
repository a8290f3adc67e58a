//! Follows every room's stream (and the presence bus) on one connection of its own, and hands
//! each event to the hub in order. After a lost connection it reconnects with backoff and goes
//! on from the last id it read: nothing said meanwhile is missed. If a room's stream started
//! again (a new epoch, or Redis lost its data) or was trimmed past what this node read, the
//! room's members here are told to resync instead of silently missing events.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use redis::aio::{ConnectionManager, MultiplexedConnection};
use redis::{AsyncConnectionConfig, Client, RedisResult};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::decode_event;
use crate::store::StoreEvent;

/// How long one XREAD waits for events before asking again.
const BLOCK_MS: u64 = 5_000;
/// The longest wait between reconnection attempts.
const MAX_BACKOFF: Duration = Duration::from_secs(2);

/// Aborts the reader when dropped.
pub struct ReaderHandle(JoinHandle<()>);

impl Drop for ReaderHandle {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// One room's stream as this node follows it.
struct Followed {
    room: String,
    log: String,
    meta: String,
    epoch: Option<String>,
    /// The offset of the last event handed on.
    last: u64,
}

struct Follow {
    rooms: Vec<Followed>,
    bus: String,
    bus_last: String,
}

async fn connect(client: &Client) -> RedisResult<MultiplexedConnection> {
    let config = AsyncConnectionConfig::new()
        .set_connection_timeout(Some(Duration::from_secs(2)))
        .set_response_timeout(Some(Duration::from_millis(BLOCK_MS + 3_000)));
    client
        .get_multiplexed_async_connection_with_config(&config)
        .await
}

/// Connects and learns where each stream is now, then follows them in a task of its own.
pub async fn start(
    client: Client,
    manager: ConnectionManager,
    prefix: String,
    rooms: Vec<String>,
    healthy: Arc<AtomicBool>,
    events: mpsc::Sender<StoreEvent>,
) -> RedisResult<ReaderHandle> {
    let mut follow = Follow {
        rooms: rooms
            .into_iter()
            .map(|room| Followed {
                log: format!("{prefix}r:{room}:log"),
                meta: format!("{prefix}r:{room}:meta"),
                room,
                epoch: None,
                last: 0,
            })
            .collect(),
        bus: format!("{prefix}bus"),
        bus_last: "0-0".to_owned(),
    };
    let mut conn = connect(&client).await?;
    follow.start_positions(&mut conn).await?;
    healthy.store(true, Ordering::Release);
    let task = tokio::spawn(async move {
        follow.run(client, manager, conn, healthy, events).await;
    });
    Ok(ReaderHandle(task))
}

impl Follow {
    /// At start: follow what is said from now on.
    async fn start_positions(&mut self, conn: &mut MultiplexedConnection) -> RedisResult<()> {
        for room in &mut self.rooms {
            let (epoch, offset) = meta(conn, &room.meta).await?;
            room.epoch = epoch;
            room.last = offset;
        }
        let newest: Vec<(String, Vec<String>)> = redis::cmd("XREVRANGE")
            .arg(&self.bus)
            .arg("+")
            .arg("-")
            .arg("COUNT")
            .arg(1)
            .query_async(conn)
            .await?;
        if let Some((id, _)) = newest.into_iter().next() {
            self.bus_last = id;
        }
        Ok(())
    }

    /// After a reconnect: go on from where this node was, unless a stream cannot continue
    /// from there; those rooms are resynced.
    async fn check_positions(
        &mut self,
        conn: &mut MultiplexedConnection,
        events: &mpsc::Sender<StoreEvent>,
    ) -> RedisResult<()> {
        for room in &mut self.rooms {
            let (epoch, offset) = meta(conn, &room.meta).await?;
            let first: Vec<(String, Vec<String>)> = redis::cmd("XRANGE")
                .arg(&room.log)
                .arg("-")
                .arg("+")
                .arg("COUNT")
                .arg(1)
                .query_async(conn)
                .await?;
            let first = first.first().and_then(|(id, _)| offset_of(id));
            let continues = match (&room.epoch, &epoch) {
                // A stream started while this node was away: read it from its beginning.
                (None, _) => true,
                (Some(was), Some(now)) => {
                    was == now
                        && offset >= room.last
                        && first.is_none_or(|first| first <= room.last + 1)
                }
                (Some(_), None) => false,
            };
            if !continues {
                tracing::warn!(room = %room.room, "lost a room's stream; its members resync");
                room.last = offset;
                if events
                    .send(StoreEvent::Resync {
                        room: room.room.clone(),
                    })
                    .await
                    .is_err()
                {
                    return Ok(());
                }
            }
            room.epoch = epoch;
        }
        Ok(())
    }

    async fn run(
        mut self,
        client: Client,
        manager: ConnectionManager,
        mut conn: MultiplexedConnection,
        healthy: Arc<AtomicBool>,
        events: mpsc::Sender<StoreEvent>,
    ) {
        let mut backoff = Duration::from_millis(100);
        loop {
            match self.read(&mut conn, &events).await {
                Ok(true) => continue,
                Ok(false) => return,
                Err(err) => {
                    tracing::warn!(error = %err, "lost Redis; degraded until it is back");
                    if healthy.swap(false, Ordering::AcqRel)
                        && events.send(StoreEvent::Health(false)).await.is_err()
                    {
                        return;
                    }
                }
            }
            // Reconnect with backoff, then check every stream before reading again.
            loop {
                tokio::time::sleep(backoff).await;
                backoff = (backoff * 2).min(MAX_BACKOFF);
                let attempt = async {
                    let mut fresh = connect(&client).await?;
                    self.check_positions(&mut fresh, &events).await?;
                    // The store's own connection may still hold the failure of a reconnect
                    // tried while Redis was down: the first PING replaces it, the second
                    // proves it. Only then is the node healthy again.
                    let mut manager = manager.clone();
                    if redis::cmd("PING")
                        .query_async::<String>(&mut manager)
                        .await
                        .is_err()
                    {
                        redis::cmd("PING")
                            .query_async::<String>(&mut manager)
                            .await?;
                    }
                    Ok::<_, redis::RedisError>(fresh)
                };
                match attempt.await {
                    Ok(fresh) => {
                        conn = fresh;
                        backoff = Duration::from_millis(100);
                        healthy.store(true, Ordering::Release);
                        tracing::info!("Redis is back; following every room again");
                        if events.send(StoreEvent::Health(true)).await.is_err() {
                            return;
                        }
                        break;
                    }
                    Err(err) => tracing::debug!(error = %err, "Redis still unreachable"),
                }
            }
        }
    }

    /// One XREAD; false when the hub is gone.
    async fn read(
        &mut self,
        conn: &mut MultiplexedConnection,
        events: &mpsc::Sender<StoreEvent>,
    ) -> RedisResult<bool> {
        let mut cmd = redis::cmd("XREAD");
        cmd.arg("COUNT")
            .arg(512)
            .arg("BLOCK")
            .arg(BLOCK_MS)
            .arg("STREAMS");
        for room in &self.rooms {
            cmd.arg(&room.log);
        }
        cmd.arg(&self.bus);
        for room in &self.rooms {
            cmd.arg(format!("{}-0", room.last));
        }
        cmd.arg(&self.bus_last);
        type Entries = Vec<(String, Vec<String>)>;
        let answer: Option<Vec<(String, Entries)>> = cmd.query_async(conn).await?;
        for (key, entries) in answer.unwrap_or_default() {
            if key == self.bus {
                for (id, fields) in entries {
                    if let [name, room] = fields.as_slice()
                        && name == "room"
                        && events
                            .send(StoreEvent::Presence { room: room.clone() })
                            .await
                            .is_err()
                    {
                        return Ok(false);
                    }
                    self.bus_last = id;
                }
                continue;
            }
            let Some(room) = self.rooms.iter_mut().find(|room| room.log == key) else {
                continue;
            };
            for (id, fields) in entries {
                let Some(offset) = offset_of(&id) else {
                    continue;
                };
                if offset <= room.last {
                    continue;
                }
                let gap = offset != room.last + 1;
                room.last = offset;
                let sent = if gap {
                    // Trimmed before this node read it: never a silent gap.
                    events
                        .send(StoreEvent::Resync {
                            room: room.room.clone(),
                        })
                        .await
                } else if let [_, kind, _, json] = fields.as_slice() {
                    match decode_event(kind, json) {
                        Ok(event) => {
                            events
                                .send(StoreEvent::Room {
                                    room: room.room.clone(),
                                    event,
                                })
                                .await
                        }
                        Err(err) => {
                            tracing::warn!(error = %err, "skipped an unreadable event");
                            Ok(())
                        }
                    }
                } else {
                    Ok(())
                };
                if sent.is_err() {
                    return Ok(false);
                }
            }
        }
        Ok(true)
    }
}

/// A room's epoch and last offset (none and 0 before its first join).
async fn meta(conn: &mut MultiplexedConnection, key: &str) -> RedisResult<(Option<String>, u64)> {
    let (epoch, offset): (Option<String>, Option<u64>) = redis::cmd("HMGET")
        .arg(key)
        .arg("epoch")
        .arg("offset")
        .query_async(conn)
        .await?;
    Ok((epoch, offset.unwrap_or(0)))
}

/// The offset in a stream id `<offset>-0`.
fn offset_of(id: &str) -> Option<u64> {
    id.split_once('-')?.0.parse().ok()
}
