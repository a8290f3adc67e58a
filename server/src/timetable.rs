//! Follows the schedule on this node: tells members when their room's session is about to
//! end, and ends it — everyone out, everything said erased. Every node runs the same
//! timetable from the same catalogue and clock; the store makes the erasure happen once.
//!
//! It looks at the clock every tick rather than sleeping until the next change, so that an
//! injected clock can move a test through a week of sessions in milliseconds.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use tokio_util::sync::CancellationToken;

use crate::catalogue::{Catalogue, Opening};
use crate::clock::Clock;
use crate::control;
use crate::hub::Hub;
use crate::schedule::{self, Session, Status};

/// What the timetable has seen of one room.
#[derive(Debug, Default)]
struct Seen {
    /// The end of the session that was open at the last tick.
    open_until: Option<Timestamp>,
    /// The end for which the closing notice went out.
    announced: Option<Timestamp>,
    /// A session that ended but could not be closed yet (the store was unreachable).
    to_close: Option<Timestamp>,
}

pub fn spawn(
    hub: Arc<Hub>,
    catalogue: &Catalogue,
    clock: Arc<dyn Clock>,
    tick: Duration,
    shutdown: CancellationToken,
) {
    let rooms: Vec<(String, Vec<Session>)> = catalogue
        .rooms
        .iter()
        .filter_map(|room| match &room.opening {
            Opening::Scheduled(sessions) => Some((room.id.clone(), sessions.clone())),
            Opening::Always | Opening::Never => None,
        })
        .collect();
    // Every room's control is read again each tick (always-open rooms have rounds too).
    let all: Vec<String> = catalogue.room_ids();
    let zone = catalogue.zone.clone();
    let notice = catalogue.closing_notice;
    tokio::spawn(async move {
        let mut seen: HashMap<String, Seen> = HashMap::new();
        // A session that ended while every node was down is erased now.
        let now = clock.now();
        for (room, sessions) in &rooms {
            refresh(&hub, room).await;
            let entry = seen.entry(room.clone()).or_default();
            let open = matches!(
                status(&hub, room, sessions, &zone, notice, now),
                Status::Open { .. }
            );
            if !open {
                entry.to_close = schedule::last_end(sessions, &zone, now);
            }
        }
        let mut ticks = tokio::time::interval(tick);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = ticks.tick() => {}
                () = shutdown.cancelled() => return,
            }
            let now = clock.now();
            // Every tick, so that a node that started late or missed a change follows it.
            for room in &all {
                refresh(&hub, room).await;
                if let Err(err) = hub.end_orphaned_round(room).await {
                    tracing::warn!(error = ?err, "could not end a round without its facilitator");
                }
            }
            for (room, sessions) in &rooms {
                let entry = seen.entry(room.clone()).or_default();
                match status(&hub, room, sessions, &zone, notice, now) {
                    Status::Open {
                        closes_at, closing, ..
                    } => {
                        // The opening seen before is over though the room is open: the next
                        // session began at once (opened early). The one before ends first.
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
                        if let Some(ended) = entry.open_until.take() {
                            entry.to_close = Some(ended.min(now));
                        }
                    }
                }
                if let Some(ended) = entry.to_close {
                    match hub.close_room(room, ended).await {
                        Ok(None) => entry.to_close = None,
                        // A facilitator kept it open longer: it ends then (next tick, if that
                        // is past already; otherwise the room is open and followed as such).
                        Ok(Some(later)) => entry.to_close = (later <= now).then_some(later),
                        Err(err) => {
                            tracing::warn!(error = %err, "could not close a room's session yet");
                        }
                    }
                }
            }
        }
    });
}

/// The room's status: its schedule, with what a facilitator changed (opened early, kept
/// open late).
fn status(
    hub: &Hub,
    room: &str,
    sessions: &[Session],
    zone: &jiff::tz::TimeZone,
    notice: Duration,
    now: Timestamp,
) -> Status {
    control::status(
        schedule::status(sessions, zone, notice, now),
        hub.control(room).as_ref(),
        notice,
        now,
    )
}

/// Reads the room's control again (a store that cannot answer keeps the last one read).
async fn refresh(hub: &Hub, room: &str) {
    if let Err(err) = hub.refresh_control(room).await {
        tracing::warn!(error = %err, "could not read a room's control");
    }
}
