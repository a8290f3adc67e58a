//! Follows the events of every room (one stream, `events`, that the scripts append to beside
//! each room's own stream) and the presence bus, on one connection of its own, and hands each
//! event to the hub in order. One stream rather than one per room: a blocking XREAD on a
//! hundred keys costs Redis far more than on two. After a lost connection it reconnects with
//! backoff and goes on from the last id it read: nothing said meanwhile is missed. If a room's
//! stream started again (a new epoch, or Redis lost its data) or events were trimmed before
//! this node read them (a gap in a room's offsets), the room's members here are told to
//! resync instead of silently missing events.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use redis::aio::{ConnectionManager, MultiplexedConnection};
use redis::{AsyncConnectionConfig, Client, RedisResult};
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use super::bus::Bus;
use super::decode_event;
use crate::store::{PRIVATE_PREFIX, StoreEvent};

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
    meta: String,
    epoch: Option<String>,
    /// The offset of the last event handed on.
    last: u64,
}

struct Follow {
    prefix: String,
    /// The catalogue's rooms, and private rooms from their first event until they are gone.
    rooms: Vec<Followed>,
    /// After a reconnect: rooms that moved on while this node was away, and the offset they
    /// had then. Once the reader has caught up, each must have reached it, or events were
    /// trimmed before this node could read them.
    catching_up: Vec<(String, u64)>,
    events: String,
    events_last: String,
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
        prefix: prefix.clone(),
        rooms: rooms
            .into_iter()
            .map(|room| Followed {
                meta: format!("{prefix}r:{room}:meta"),
                room,
                epoch: None,
                last: 0,
            })
            .collect(),
        catching_up: Vec::new(),
        events: format!("{prefix}events"),
        events_last: "0-0".to_owned(),
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
        if let Some(id) = newest_id(conn, &self.events).await? {
            self.events_last = id;
        }
        if let Some(id) = newest_id(conn, &self.bus).await? {
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
        self.catching_up.clear();
        let mut gone = Vec::new();
        for room in &mut self.rooms {
            let (epoch, offset) = meta(conn, &room.meta).await?;
            // A private room closed while this node was away (its notice may have been
            // trimmed from the bus): its members here are taken out, and it is not followed.
            if epoch.is_none() && room.room.starts_with(PRIVATE_PREFIX) {
                gone.push(room.room.clone());
                continue;
            }
            let continues = match (&room.epoch, &epoch) {
                // A stream started while this node was away: read it from its beginning.
                (None, _) => true,
                (Some(was), Some(now)) => was == now && offset >= room.last,
                (Some(_), None) => false,
            };
            if continues && offset > room.last {
                self.catching_up.push((room.room.clone(), offset));
            }
            if !continues {
                tracing::warn!(room = %room.room, "lost a room's stream; its members resync");
                room.last = offset;
                if events
                    .send(StoreEvent::Resync {
                        room: room.room.clone(),
                        keep: None,
                    })
                    .await
                    .is_err()
                {
                    return Ok(());
                }
            }
            room.epoch = epoch;
        }
        self.rooms.retain(|room| !gone.contains(&room.room));
        for room in gone {
            if events.send(StoreEvent::Gone { room }).await.is_err() {
                return Ok(());
            }
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
                    let error = super::error_kind(&err);
                    tracing::warn!(%error, "lost Redis; degraded until it is back");
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
            .arg("STREAMS")
            .arg(&self.events)
            .arg(&self.bus)
            .arg(&self.events_last)
            .arg(&self.bus_last);
        type Entries = Vec<(String, Vec<String>)>;
        let answer: Option<Vec<(String, Entries)>> = cmd.query_async(conn).await?;
        let answer = answer.unwrap_or_default();
        let caught_up = answer
            .iter()
            .all(|(key, entries)| *key != self.events || entries.len() < 512);
        for (key, entries) in answer {
            if key == self.bus {
                for (id, fields) in entries {
                    let event = Bus::read(&fields);
                    if let Some(StoreEvent::Gone { room }) = &event {
                        // A private room is gone: no more of its events to follow.
                        self.rooms.retain(|followed| followed.room != *room);
                    }
                    if let Some(event) = event
                        && events.send(event).await.is_err()
                    {
                        return Ok(false);
                    }
                    self.bus_last = id;
                }
                continue;
            }
            if key != self.events {
                continue;
            }
            for (id, fields) in entries {
                self.events_last = id;
                let [_, room, _, epoch, _, offset, _, kind, _, json] = fields.as_slice() else {
                    continue;
                };
                // Membership: no offset of its own, in order with the room's messages.
                if kind == "l" {
                    // The member key, and a farewell frame after a newline if there is one.
                    let (member, farewell) = match json.split_once('\n') {
                        Some((member, farewell)) => (member.to_owned(), Some(farewell.to_owned())),
                        None => (json.clone(), None),
                    };
                    let left = StoreEvent::Left {
                        room: room.clone(),
                        member,
                        farewell,
                    };
                    if events.send(left).await.is_err() {
                        return Ok(false);
                    }
                    continue;
                }
                // A room made at run time (a private room), on this node or another: followed
                // from its first event this node sees.
                if !self.rooms.iter().any(|r| r.room == *room) {
                    self.rooms.push(Followed {
                        meta: format!("{}r:{room}:meta", self.prefix),
                        room: room.clone(),
                        epoch: None,
                        last: 0,
                    });
                }
                let Some(room) = self.rooms.iter_mut().find(|r| r.room == *room) else {
                    continue;
                };
                let Ok(offset) = offset.parse::<u64>() else {
                    continue;
                };
                if room.epoch.as_ref() != Some(epoch) {
                    // The room's stream started again (its history was erased): members of
                    // the old one resync; the new one is followed from here.
                    let was = room.epoch.replace(epoch.clone());
                    room.last = offset.saturating_sub(1);
                    if was.is_some() {
                        let resync = StoreEvent::Resync {
                            room: room.room.clone(),
                            keep: Some(epoch.clone()),
                        };
                        if events.send(resync).await.is_err() {
                            return Ok(false);
                        }
                    }
                }
                if offset <= room.last {
                    continue;
                }
                let mut gap = offset != room.last + 1;
                if gap {
                    // Messages taken down leave holes on purpose (see `rooms/delete.lua`):
                    // only offsets missing for another reason are a gap.
                    let missing = offset - room.last - 1;
                    let gone: u64 = redis::cmd("ZCOUNT")
                        .arg(format!("{}r:{}:gone", self.prefix, room.room))
                        .arg(room.last + 1)
                        .arg(offset - 1)
                        .query_async(conn)
                        .await?;
                    gap = gone < missing;
                }
                room.last = offset;
                let sent = if gap {
                    // Trimmed before this node read it: never a silent gap.
                    events
                        .send(StoreEvent::Resync {
                            room: room.room.clone(),
                            keep: None,
                        })
                        .await
                } else {
                    match decode_event(kind, json) {
                        Ok(event) => {
                            events
                                .send(StoreEvent::Room {
                                    room: room.room.clone(),
                                    epoch: epoch.clone(),
                                    event,
                                })
                                .await
                        }
                        Err(err) => {
                            tracing::warn!(error = %err, "skipped an unreadable event");
                            Ok(())
                        }
                    }
                };
                if sent.is_err() {
                    return Ok(false);
                }
            }
        }
        if caught_up {
            for (id, reached) in std::mem::take(&mut self.catching_up) {
                // Gone meanwhile (a private room closed): nothing to check.
                let Some(room) = self.rooms.iter_mut().find(|room| room.room == id) else {
                    continue;
                };
                if room.last < reached {
                    tracing::warn!(room = %room.room, "events were trimmed; its members resync");
                    room.last = reached;
                    let resync = StoreEvent::Resync {
                        room: room.room.clone(),
                        keep: None,
                    };
                    if events.send(resync).await.is_err() {
                        return Ok(false);
                    }
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

/// The id of a stream's newest entry.
async fn newest_id(conn: &mut MultiplexedConnection, stream: &str) -> RedisResult<Option<String>> {
    let entries: Vec<(String, Vec<String>)> = redis::cmd("XREVRANGE")
        .arg(stream)
        .arg("+")
        .arg("-")
        .arg("COUNT")
        .arg(1)
        .query_async(conn)
        .await?;
    Ok(entries.into_iter().next().map(|(id, _)| id))
}
