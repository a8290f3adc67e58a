//! Weekly opening windows as operators write them — `"Mon-Fri 10:00-16:00"`,
//! `"Sat 13:00-17:00"`, `"Mon,Wed,Fri 09:00-12:00"` — in a local time zone: help lines'
//! `open`, counselors' `duty_hours`. A window ends on the day it starts (`24:00` is the end
//! of the day): a span over midnight is written as two windows.

use jiff::civil::{DateTime, Time, Weekday};

/// Some days of the week, from one time to a later one the same day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    days: Vec<Weekday>,
    /// Minutes since midnight; `until` may be 24:00.
    from: u32,
    until: u32,
}

impl Window {
    /// Reads a window; `None` if it is not one (or ends before it starts).
    pub fn parse(text: &str) -> Option<Window> {
        let (days, times) = text.trim().split_once(char::is_whitespace)?;
        let mut weekdays = Vec::new();
        for part in days.split(',') {
            match part.split_once('-') {
                Some((first, last)) => {
                    let (first, last) = (weekday(first)?, weekday(last)?);
                    let mut day = first;
                    loop {
                        weekdays.push(day);
                        if day == last {
                            break;
                        }
                        day = day.next();
                    }
                }
                None => weekdays.push(weekday(part)?),
            }
        }
        let (from, until) = times.trim().split_once('-')?;
        let (from, until) = (minutes(from)?, minutes(until)?);
        (from < until).then_some(Window {
            days: weekdays,
            from,
            until,
        })
    }

    /// Whether `now` (local time) is inside the window.
    pub fn contains(&self, now: DateTime) -> bool {
        let minute = minute_of(now);
        self.days.contains(&now.weekday()) && self.from <= minute && minute < self.until
    }

    /// The next time the window opens after `after` (local time), within a week.
    pub fn next_start_after(&self, after: DateTime) -> Option<DateTime> {
        let hour = i8::try_from(self.from / 60).ok()?;
        let minute = i8::try_from(self.from % 60).ok()?;
        (0..=7)
            .filter_map(|days| after.date().checked_add(jiff::Span::new().days(days)).ok())
            .filter(|day| self.days.contains(&day.weekday()))
            .map(|day| day.at(hour, minute, 0, 0))
            .find(|start| *start > after)
    }
}

fn minute_of(at: DateTime) -> u32 {
    u32::from(at.hour().unsigned_abs()) * 60 + u32::from(at.minute().unsigned_abs())
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name.trim().to_ascii_lowercase().as_str() {
        "mon" => Weekday::Monday,
        "tue" => Weekday::Tuesday,
        "wed" => Weekday::Wednesday,
        "thu" => Weekday::Thursday,
        "fri" => Weekday::Friday,
        "sat" => Weekday::Saturday,
        "sun" => Weekday::Sunday,
        _ => return None,
    })
}

/// `HH:MM` as minutes since midnight (24:00 is the end of the day).
fn minutes(text: &str) -> Option<u32> {
    let text = text.trim();
    if text == "24:00" {
        return Some(24 * 60);
    }
    let time: Time = text.parse().ok()?;
    Some(u32::from(time.hour().unsigned_abs()) * 60 + u32::from(time.minute().unsigned_abs()))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn windows_read_days_and_hours_and_refuse_what_is_not_one() {
        let evenings = Window::parse("Mon-Fri 18:00-22:00").unwrap();
        // 2026-12-07 is a Monday.
        assert!(evenings.contains(date(2026, 12, 7).at(18, 0, 0, 0)));
        assert!(!evenings.contains(date(2026, 12, 7).at(22, 0, 0, 0)));
        assert!(!evenings.contains(date(2026, 12, 5).at(19, 0, 0, 0)));
        assert!(Window::parse("Sat,Sun 00:00-24:00").is_some());
        for wrong in [
            "Mon 22:00-06:00",
            "Someday 10:00-12:00",
            "Mon",
            "Mon x-y",
            "",
        ] {
            assert_eq!(Window::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn the_next_opening_is_found_within_a_week() {
        let evenings = Window::parse("Mon-Fri 18:00-22:00").unwrap();
        // From a Saturday afternoon: Monday evening.
        assert_eq!(
            evenings.next_start_after(date(2026, 12, 5).at(15, 0, 0, 0)),
            Some(date(2026, 12, 7).at(18, 0, 0, 0))
        );
        // During a window: the next one.
        assert_eq!(
            evenings.next_start_after(date(2026, 12, 7).at(19, 0, 0, 0)),
            Some(date(2026, 12, 8).at(18, 0, 0, 0))
        );
        let sunday = Window::parse("Sun 13:00-17:00").unwrap();
        assert_eq!(
            sunday.next_start_after(date(2026, 12, 6).at(14, 0, 0, 0)),
            Some(date(2026, 12, 13).at(13, 0, 0, 0))
        );
    }
}
