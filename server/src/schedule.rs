//! When rooms are open: recurring sittings in the catalogue's time zone (weekly, every other
//! week, the n-th weekday of a month), one-off dated sittings, cancelled dates, first and last
//! dates — and from them, a room's status at an instant.
//!
//! Pure arithmetic on a real time-zone database (jiff's bundled tzdb, so a slim container
//! without `/usr/share/zoneinfo` computes the same), with the clock passed in: tests walk
//! through weeks of sittings in microseconds.

use std::collections::BTreeSet;
use std::time::Duration;

use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// How far ahead a room's next opening is looked for.
const HORIZON_DAYS: i64 = 400;
/// A room whose next sitting starts within this long is `upcoming`, not `closed`.
pub const UPCOMING_WITHIN: Duration = Duration::from_secs(24 * 3600);

/// Which days a sitting falls on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    /// On these weekdays, every `every` weeks (1 or 2), counted from the sitting's first date.
    Weekly { days: Vec<Weekday>, every: u8 },
    /// The `nth` weekday of each month (1 to 5, or -1 for the last).
    Monthly { nth: i8, weekday: Weekday },
    /// One date only.
    Once(Date),
}

/// A recurring or one-off sitting of a room, from `start` to `end` local time on its days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sitting {
    pub rule: Rule,
    pub start: Time,
    pub end: Time,
    pub from: Option<Date>,
    pub until: Option<Date>,
    /// Cancelled dates (holidays).
    pub except: BTreeSet<Date>,
}

/// One sitting on one day, as instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    pub starts: Timestamp,
    pub ends: Timestamp,
}

impl Sitting {
    /// Whether the sitting takes place on `date`.
    pub fn on(&self, date: Date) -> bool {
        if self.from.is_some_and(|from| date < from)
            || self.until.is_some_and(|until| date > until)
            || self.except.contains(&date)
        {
            return false;
        }
        match &self.rule {
            Rule::Once(day) => *day == date,
            Rule::Monthly { nth, weekday } => date
                .first_of_month()
                .nth_weekday_of_month(*nth, *weekday)
                .is_ok_and(|day| day == date),
            Rule::Weekly { days, every } => {
                days.contains(&date.weekday()) && (*every <= 1 || self.week_of(date) % 2 == 0)
            }
        }
    }

    /// Weeks since the week (Monday to Sunday) of the first date, for "every other week".
    fn week_of(&self, date: Date) -> i64 {
        let anchor = self.from.unwrap_or(date);
        let monday = |d: Date| {
            let back = i64::from(d.weekday().to_monday_zero_offset());
            d.checked_sub(back.days()).unwrap_or(d)
        };
        let days = monday(date)
            .since(monday(anchor))
            .map_or(0, |span| i64::from(span.get_days()));
        days.div_euclid(7)
    }

    /// The sitting on `date` as instants, if it takes place then.
    pub fn on_date(&self, date: Date, zone: &TimeZone) -> Option<Occurrence> {
        if !self.on(date) {
            return None;
        }
        // A local time that does not exist (a DST gap) moves forward, as people expect.
        let starts = date
            .to_datetime(self.start)
            .to_zoned_datetime(zone.clone())
            .ok()?;
        let ends = date
            .to_datetime(self.end)
            .to_zoned_datetime(zone.clone())
            .ok()?;
        Some(Occurrence {
            starts: starts.timestamp(),
            ends: ends.timestamp(),
        })
    }
}

/// Every occurrence of `sittings` overlapping `[from, to)`, in order of start.
pub fn occurrences(
    sittings: &[Sitting],
    zone: &TimeZone,
    from: Timestamp,
    to: Timestamp,
) -> Vec<Occurrence> {
    let mut found = Vec::new();
    if to <= from {
        return found;
    }
    let first = local_date(from, zone).yesterday().ok();
    let last = local_date(to, zone);
    let mut day = first.unwrap_or_else(|| local_date(from, zone));
    while day <= last {
        for sitting in sittings {
            if let Some(occurrence) = sitting.on_date(day, zone)
                && occurrence.ends > from
                && occurrence.starts < to
            {
                found.push(occurrence);
            }
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
    found.sort();
    found.dedup();
    found
}

fn local_date(at: Timestamp, zone: &TimeZone) -> Date {
    at.to_zoned_datetime(zone.clone()).date()
}

/// The end of the latest sitting that ended at or before `now` (looking back 62 days), so
/// that a node starting up can make sure its history was erased.
pub fn last_end(sittings: &[Sitting], zone: &TimeZone, now: Timestamp) -> Option<Timestamp> {
    let from = now
        .checked_sub(jiff::SignedDuration::from_hours(24 * 62))
        .unwrap_or(now);
    occurrences(sittings, zone, from, now)
        .into_iter()
        .map(|occurrence| occurrence.ends)
        .filter(|ends| *ends <= now)
        .max()
}

/// A room's status at an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Open since `opened_at` until `closes_at` (both `None` for a room that never closes);
    /// `closing` in its last minutes.
    Open {
        opened_at: Option<Timestamp>,
        closes_at: Option<Timestamp>,
        closing: bool,
    },
    /// Closed now, opening within [`UPCOMING_WITHIN`].
    Upcoming { opens_at: Timestamp },
    /// Closed; `next_open` when a sitting is planned.
    Closed { next_open: Option<Timestamp> },
}

/// The status of a scheduled room at `now`; sittings that touch or overlap are one opening.
pub fn status(
    sittings: &[Sitting],
    zone: &TimeZone,
    closing_notice: Duration,
    now: Timestamp,
) -> Status {
    let horizon = now
        .checked_add(jiff::SignedDuration::from_hours(24 * HORIZON_DAYS))
        .unwrap_or(now);
    let mut current: Option<Occurrence> = None;
    let mut next = None;
    // Day by day, so that a room with a sitting a year away costs a year of checks only when
    // nothing comes sooner.
    let mut from = now
        .checked_sub(jiff::SignedDuration::from_hours(24))
        .unwrap_or(now);
    while from < horizon {
        let to = from
            .checked_add(jiff::SignedDuration::from_hours(24 * 14))
            .unwrap_or(horizon);
        for occurrence in occurrences(sittings, zone, from, to) {
            match &mut current {
                Some(open) if occurrence.starts <= open.ends => {
                    open.ends = open.ends.max(occurrence.ends);
                }
                Some(_) => {}
                None if occurrence.starts <= now && now < occurrence.ends => {
                    current = Some(occurrence);
                }
                None if occurrence.starts > now && next.is_none() => {
                    next = Some(occurrence.starts);
                }
                None => {}
            }
        }
        if next.is_some() || current.is_some_and(|open| open.ends < to) {
            break;
        }
        from = to;
    }
    match (current, next) {
        (Some(open), _) => {
            let left = open.ends.duration_since(now);
            let notice = jiff::SignedDuration::try_from(closing_notice).unwrap_or_default();
            Status::Open {
                opened_at: Some(open.starts),
                closes_at: Some(open.ends),
                closing: left <= notice,
            }
        }
        (None, Some(opens_at)) => {
            let wait = opens_at.duration_since(now);
            if wait <= jiff::SignedDuration::try_from(UPCOMING_WITHIN).unwrap_or_default() {
                Status::Upcoming { opens_at }
            } else {
                Status::Closed {
                    next_open: Some(opens_at),
                }
            }
        }
        (None, None) => Status::Closed { next_open: None },
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn tokyo() -> TimeZone {
        TimeZone::get("Asia/Tokyo").unwrap()
    }

    fn at(text: &str, zone: &TimeZone) -> Timestamp {
        text.parse::<jiff::civil::DateTime>()
            .unwrap()
            .to_zoned_datetime(zone.clone())
            .unwrap()
            .timestamp()
    }

    fn weekly(days: &[Weekday], every: u8, start: &str, end: &str) -> Sitting {
        Sitting {
            rule: Rule::Weekly {
                days: days.to_vec(),
                every,
            },
            start: start.parse().unwrap(),
            end: end.parse().unwrap(),
            from: None,
            until: None,
            except: BTreeSet::new(),
        }
    }

    #[test]
    fn weekly_sittings_with_a_cancelled_holiday_and_an_end_date() {
        let mut games = weekly(&[Weekday::Friday], 1, "20:00", "22:00");
        games.except.insert(date(2026, 12, 25));
        games.until = Some(date(2027, 1, 15));
        let zone = tokyo();
        let starts: Vec<_> = occurrences(
            std::slice::from_ref(&games),
            &zone,
            at("2026-12-01T00:00", &zone),
            at("2027-02-01T00:00", &zone),
        )
        .iter()
        .map(|o| o.starts.to_zoned_datetime(zone.clone()).date())
        .collect();
        assert_eq!(
            starts,
            [
                date(2026, 12, 4),
                date(2026, 12, 11),
                date(2026, 12, 18),
                // 25 December cancelled.
                date(2027, 1, 1),
                date(2027, 1, 8),
                date(2027, 1, 15),
            ]
        );
    }

    #[test]
    fn every_other_week_counts_from_the_first_date_across_a_year_end() {
        let mut morning = weekly(&[Weekday::Monday, Weekday::Thursday], 2, "09:00", "10:00");
        morning.from = Some(date(2026, 12, 21));
        let days: Vec<Date> = (0..40)
            .filter_map(|n| date(2026, 12, 14).checked_add(n.days()).ok())
            .filter(|d| morning.on(*d))
            .collect();
        assert_eq!(
            days,
            [
                date(2026, 12, 21),
                date(2026, 12, 24),
                date(2027, 1, 4),
                date(2027, 1, 7),
                date(2027, 1, 18),
                date(2027, 1, 21),
            ]
        );
    }

    #[test]
    fn the_nth_and_last_weekday_of_months_of_every_length() {
        let second_saturday = Sitting {
            rule: Rule::Monthly {
                nth: 2,
                weekday: Weekday::Saturday,
            },
            ..weekly(&[], 1, "14:00", "16:00")
        };
        let last_sunday = Sitting {
            rule: Rule::Monthly {
                nth: -1,
                weekday: Weekday::Sunday,
            },
            ..weekly(&[], 1, "14:00", "16:00")
        };
        let fifth_friday = Sitting {
            rule: Rule::Monthly {
                nth: 5,
                weekday: Weekday::Friday,
            },
            ..weekly(&[], 1, "14:00", "16:00")
        };
        let year: Vec<Date> = (0..365)
            .filter_map(|n| date(2027, 1, 1).checked_add(n.days()).ok())
            .collect();
        let pick =
            |s: &Sitting| -> Vec<Date> { year.iter().copied().filter(|d| s.on(*d)).collect() };
        let saturdays = pick(&second_saturday);
        assert_eq!(saturdays.len(), 12);
        assert_eq!(saturdays[0], date(2027, 1, 9));
        assert_eq!(saturdays[1], date(2027, 2, 13));
        let sundays = pick(&last_sunday);
        assert_eq!(sundays[1], date(2027, 2, 28)); // February's last day
        assert_eq!(sundays[3], date(2027, 4, 25));
        // Only months with five Fridays have one.
        assert_eq!(
            pick(&fifth_friday),
            [
                date(2027, 1, 29),
                date(2027, 4, 30),
                date(2027, 7, 30),
                date(2027, 10, 29),
                date(2027, 12, 31)
            ]
        );
    }

    #[test]
    fn status_moves_from_closed_to_upcoming_open_closing_and_closed() {
        let zone = tokyo();
        let sittings = [weekly(&[Weekday::Wednesday], 1, "19:00", "21:00")];
        let notice = Duration::from_secs(5 * 60);
        let status_at = |text: &str| status(&sittings, &zone, notice, at(text, &zone));
        let opens = at("2026-12-02T19:00", &zone);
        let closes = at("2026-12-02T21:00", &zone);
        assert_eq!(
            status_at("2026-11-30T12:00"),
            Status::Closed {
                next_open: Some(opens)
            }
        );
        assert_eq!(
            status_at("2026-12-02T08:00"),
            Status::Upcoming { opens_at: opens }
        );
        assert_eq!(
            status_at("2026-12-02T19:00"),
            Status::Open {
                opened_at: Some(opens),
                closes_at: Some(closes),
                closing: false
            }
        );
        assert_eq!(
            status_at("2026-12-02T20:55"),
            Status::Open {
                opened_at: Some(opens),
                closes_at: Some(closes),
                closing: true
            }
        );
        assert_eq!(
            status_at("2026-12-02T21:00"),
            Status::Closed {
                next_open: Some(at("2026-12-09T19:00", &zone))
            }
        );
        // Tokyo has no DST: 19:00 is always 10:00 UTC.
        assert_eq!(opens.to_string(), "2026-12-02T10:00:00Z");
    }

    #[test]
    fn a_zone_with_daylight_saving_keeps_local_times_across_the_change() {
        let zone = TimeZone::get("Europe/Berlin").unwrap();
        let sittings = [weekly(&[Weekday::Sunday], 1, "02:30", "04:00")];
        let found = occurrences(
            &sittings,
            &zone,
            at("2027-03-20T00:00", &zone),
            at("2027-04-05T00:00", &zone),
        );
        let utc: Vec<String> = found.iter().map(|o| o.starts.to_string()).collect();
        // 21 March: CET (UTC+1). 28 March: 02:30 does not exist (clocks jump 02:00→03:00), so
        // it starts at 03:30 CEST = 01:30 UTC. 4 April: CEST (UTC+2).
        assert_eq!(
            utc,
            [
                "2027-03-21T01:30:00Z",
                "2027-03-28T01:30:00Z",
                "2027-04-04T00:30:00Z"
            ]
        );
    }

    #[test]
    fn one_off_sittings_and_a_room_with_nothing_planned() {
        let zone = tokyo();
        let once = Sitting {
            rule: Rule::Once(date(2027, 2, 11)),
            ..weekly(&[], 1, "13:00", "15:00")
        };
        let notice = Duration::from_secs(300);
        assert_eq!(
            status(
                std::slice::from_ref(&once),
                &zone,
                notice,
                at("2027-01-01T00:00", &zone)
            ),
            Status::Closed {
                next_open: Some(at("2027-02-11T13:00", &zone))
            }
        );
        assert_eq!(
            status(&[once], &zone, notice, at("2027-02-12T00:00", &zone)),
            Status::Closed { next_open: None }
        );
    }

    #[test]
    fn sittings_that_touch_are_one_opening() {
        let zone = tokyo();
        let sittings = [
            weekly(&[Weekday::Saturday], 1, "10:00", "12:00"),
            weekly(&[Weekday::Saturday], 1, "12:00", "13:00"),
        ];
        assert_eq!(
            status(
                &sittings,
                &zone,
                Duration::from_secs(300),
                at("2026-12-05T11:58", &zone)
            ),
            Status::Open {
                opened_at: Some(at("2026-12-05T10:00", &zone)),
                closes_at: Some(at("2026-12-05T13:00", &zone)),
                closing: false
            }
        );
    }
}
