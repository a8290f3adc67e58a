//! Follows the schedule on this node: tells members when their room's sitting is about to
//! end, and ends it — everyone out, everything said erased. Private rooms whose expiry has
//! come are closed the same way. Every node runs the same
//! timetable from the same catalogue and clock; the store makes the erasure happen once.
//!
//! It looks at the clock every tick rather than sleeping until the next change, so that an
//! injected clock can move a test through a week of sittings in milliseconds.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use tokio_util::sync::CancellationToken;

use crate::catalogue::{Catalogue, RoomSpec};
use crate::hub::Hub;
use crate::rooms::Timing;
use crate::schedule::Status;

/// What the timetable has seen of one room.
#[derive(Debug, Default)]
struct Seen {
    /// The end of the sitting that was open at the last tick.
    open_until: Option<Timestamp>,
    /// The end for which the closing notice went out.
    announced: Option<Timestamp>,
    /// A sitting that ended but could not be closed yet (the store was unreachable).
    to_close: Option<Timestamp>,
    /// The end of the latest sitting this node closed.
    closed: Option<Timestamp>,
}

pub fn spawn(
    hub: Arc<Hub>,
    timing: Timing,
    catalogue: &Catalogue,
    tick: Duration,
    shutdown: CancellationToken,
) {
    let rooms: Vec<RoomSpec> = catalogue
        .rooms
        .iter()
        .filter(|room| room.is_scheduled())
        .cloned()
        .collect();
    // Every room's control is read again each tick (always-open rooms have rounds too).
    let all: Vec<String> = catalogue.room_ids();
    tokio::spawn(async move {
        let mut seen: HashMap<String, Seen> = HashMap::new();
        // A sitting that ended while every node was down is erased now.
        for room in &rooms {
            refresh(&hub, &room.id).await;
            let entry = seen.entry(room.id.clone()).or_default();
            let open = matches!(
                timing.status(room, hub.control(&room.id).as_ref()),
                Status::Open { .. }
            );
            if !open {
                entry.to_close = timing.last_end(room);
            }
        }
        let mut ticks = tokio::time::interval(tick);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = ticks.tick() => {}
                () = shutdown.cancelled() => return,
            }
            let now = timing.now();
            if let Err(err) = hub.close_expired_private(now).await {
                tracing::warn!(error = %err, "could not look for expired private rooms");
            }
            // Every tick, so that a node that started late or missed a change follows it.
            for room in &all {
                refresh(&hub, room).await;
                if let Err(err) = hub.end_orphaned_round(room).await {
                    tracing::warn!(error = ?err, "could not end a round without its facilitator");
                }
            }
            for spec in &rooms {
                let room = &spec.id;
                let entry = seen.entry(room.clone()).or_default();
                // One reading of the clock for the status and what it is compared with: a
                // clock that moved on between them (a test's, or a slow tick's) would see the
                // next sitting open and take the one before for still running.
                let now = timing.now();
                match timing.status_at(spec, hub.control(room).as_ref(), now) {
                    Status::Open {
                        closes_at, closing, ..
                    } => {
                        // The opening seen before is over though the room is open: the next
                        // sitting began at once (opened early). The one before ends first.
                        if let Some(before) = entry.open_until
                            && before <= now
                            && closes_at != Some(before)
                        {
                            entry.to_close = Some(before);
                        }
                        entry.open_until = closes_at;
                        if closing
                            && let Some(closes_at) = closes_at
                            && entry.announced != Some(closes_at)
                        {
                            entry.announced = Some(closes_at);
                            hub.announce_closing(room, closes_at);
                        }
                    }
                    Status::Upcoming { .. } | Status::Closed { .. } => {
                        // The sitting seen open ends (when a facilitator kept it open late,
                        // that is later than planned), and so does every planned sitting
                        // that is over, seen open or not: a tick that came too late to see
                        // it (a stalled node, a test's clock that jumps past it) still
                        // erases what was said in it.
                        let seen = entry.open_until.take().map(|ended| ended.min(now));
                        let planned = timing
                            .last_end_at(spec, now)
                            .filter(|ended| entry.closed.is_none_or(|closed| *ended > closed));
                        if let Some(ended) = seen.max(planned).max(entry.to_close) {
                            entry.to_close = Some(ended);
                        }
                    }
                }
                if let Some(ended) = entry.to_close {
                    match hub.close_room(room, ended).await {
                        Ok(None) => {
                            entry.to_close = None;
                            entry.closed = entry.closed.max(Some(ended));
                        }
                        // A facilitator kept it open longer: it ends then (next tick, if that
                        // is past already; otherwise the room is open and followed as such).
                        Ok(Some(later)) => entry.to_close = (later <= now).then_some(later),
                        Err(err) => {
                            tracing::warn!(error = %err, "could not close a room's sitting yet");
                        }
                    }
                }
            }
        }
    });
}

/// Reads the room's control again (a store that cannot answer keeps the last one read).
async fn refresh(hub: &Hub, room: &str) {
    if let Err(err) = hub.refresh_control(room).await {
        tracing::warn!(error = %err, "could not read a room's control");
    }
}
