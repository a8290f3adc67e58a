//! The public timetable: `GET /api/schedule` (JSON) and `GET /schedule.ics` (iCalendar), so
//! that people can see the week, or add the sittings to a phone calendar, without signing up
//! for anything. Only what the catalogue says publicly: rooms, titles, times.

use ibasho_protocol::Slot;
use icalendar::{Calendar, Component, Event};
use jiff::{SignedDuration, Timestamp};

use crate::catalogue::{Catalogue, Opening};
use crate::schedule;

/// The longest span `/api/schedule` answers for.
pub const MAX_SPAN: SignedDuration = SignedDuration::from_hours(24 * 62);
/// What `/api/schedule` covers by default, and `/schedule.ics` always: from now on.
pub const DEFAULT_SPAN: SignedDuration = SignedDuration::from_hours(24 * 7);
pub const FEED_SPAN: SignedDuration = SignedDuration::from_hours(24 * 56);

/// Every scheduled sitting in `[from, to)`, in order of start.
pub fn slots(catalogue: &Catalogue, from: Timestamp, to: Timestamp) -> Vec<Slot> {
    let mut slots = Vec::new();
    for room in &catalogue.rooms {
        let Opening::Scheduled(sittings) = &room.opening else {
            continue;
        };
        for occurrence in schedule::occurrences(sittings, &catalogue.zone, from, to) {
            slots.push(Slot {
                room: room.id.clone(),
                title: room.title.clone(),
                title_en: room.title_en.clone(),
                kind: room.kind,
                starts_at: occurrence.starts,
                ends_at: occurrence.ends,
            });
        }
    }
    slots.sort_by(|a, b| (a.starts_at, &a.room).cmp(&(b.starts_at, &b.room)));
    slots
}

/// `YYYYMMDDTHHMMSSZ`, the iCalendar form of an instant.
fn ics_time(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// The sittings from `now` on (of one room, if `only` names it), as an iCalendar feed.
pub fn feed(catalogue: &Catalogue, now: Timestamp, only: Option<&str>) -> String {
    let until = now.checked_add(FEED_SPAN).unwrap_or(now);
    let mut calendar = Calendar::new();
    let name = match only.and_then(|id| catalogue.room(id)) {
        Some(room) => format!("Ibasho 居場所 — {}", room.title),
        None => "Ibasho 居場所".to_owned(),
    };
    calendar.name(&name);
    let slots = slots(catalogue, now, until)
        .into_iter()
        .filter(|slot| only.is_none_or(|id| slot.room == id));
    for slot in slots {
        let description = catalogue
            .room(&slot.room)
            .map(|room| room.description.clone())
            .unwrap_or_default();
        calendar.push(
            Event::new()
                // Stable per sitting, so a calendar that subscribes updates rather than
                // duplicates.
                .uid(&format!(
                    "{}-{}@ibasho",
                    slot.room,
                    slot.starts_at.as_second()
                ))
                .summary(&slot.title)
                .description(&description)
                .add_property("DTSTAMP", ics_time(now))
                .add_property("DTSTART", ics_time(slot.starts_at))
                .add_property("DTEND", ics_time(slot.ends_at))
                .done(),
        );
    }
    calendar.done().to_string()
}
