//! Time in words a person reads at a glance: "in how long" a room opens or a counselor comes,
//! and when that is in their own day ("今日 18:00（あと52分）"). Pure: the browser gives the
//! local date and time (the bundle carries no time-zone database).

use ibasho_protocol::Lang;

use crate::i18n::{t, tf};

/// The time left, rounded up to the minute: "あと5分", "あと2時間5分", "あと3日" (or "in 5 min",
/// "in 2 h 5 min", "in 3 days"); "まもなく" ("soon") when it is now or past.
pub fn countdown(lang: Lang, seconds: i64) -> String {
    let minutes = seconds.saturating_add(59).div_euclid(60);
    if minutes <= 0 {
        return t(lang, "countdown-now");
    }
    if minutes < 60 {
        return tf(lang, "countdown-minutes", &[("m", &minutes.to_string())]);
    }
    if minutes < 24 * 60 {
        let (hours, rest) = (minutes / 60, minutes % 60);
        if rest == 0 {
            return tf(lang, "countdown-hours", &[("h", &hours.to_string())]);
        }
        return tf(
            lang,
            "countdown-hours_minutes",
            &[("h", &hours.to_string()), ("m", &rest.to_string())],
        );
    }
    let days = minutes / (24 * 60);
    tf(lang, "countdown-days", &[("d", &days.to_string())])
}

/// A moment in the person's own calendar (as their browser knows it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalMoment {
    /// 0 today, 1 tomorrow, …
    pub days_from_today: i64,
    pub month: u32,
    pub day: u32,
    /// 0 Sunday … 6 Saturday.
    pub weekday: usize,
    pub hour: u32,
    pub minute: u32,
}

/// A day as a calendar shows it: "12/5（土）" or "Sat 12/5".
pub fn day_label(lang: Lang, month: u32, day: u32, weekday: usize) -> String {
    tf(
        lang,
        "when-date",
        &[
            ("month", &month.to_string()),
            ("day", &day.to_string()),
            ("weekday", &(weekday % 7).to_string()),
        ],
    )
}

/// When `at` is, in the person's own day, and in how long: "今日 18:00（あと52分）",
/// "明日 9:00（あと14時間）", "12/9（水）18:00（あと2日）".
pub fn moment_words(lang: Lang, at: LocalMoment, seconds_left: i64) -> String {
    let time = format!("{}:{:02}", at.hour, at.minute);
    let when = match at.days_from_today {
        0 => tf(lang, "when-today", &[("time", &time)]),
        1 => tf(lang, "when-tomorrow", &[("time", &time)]),
        _ => tf(
            lang,
            "when-day",
            &[
                ("date", &day_label(lang, at.month, at.day, at.weekday)),
                ("time", &time),
            ],
        ),
    };
    tf(
        lang,
        "when-with_left",
        &[("when", &when), ("left", &countdown(lang, seconds_left))],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn en() -> Lang {
        Lang::from_code("en").unwrap()
    }

    #[test]
    fn rounds_up_to_the_minute_and_picks_the_largest_unit() {
        assert_eq!(countdown(Lang::JA, -5), "まもなく");
        assert_eq!(countdown(Lang::JA, 0), "まもなく");
        assert_eq!(countdown(Lang::JA, 1), "あと1分");
        assert_eq!(countdown(Lang::JA, 300), "あと5分");
        assert_eq!(countdown(Lang::JA, 3600), "あと1時間");
        assert_eq!(countdown(Lang::JA, 2 * 3600 + 5 * 60), "あと2時間5分");
        assert_eq!(countdown(Lang::JA, 3 * 86400 + 60), "あと3日");
        assert_eq!(countdown(en(), 300), "in 5 min");
        assert_eq!(countdown(en(), 2 * 3600 + 5 * 60), "in 2 h 5 min");
        // Plural rules (this said "in 1 day(s)" before the words moved to Fluent).
        assert_eq!(countdown(en(), 86400), "in 1 day");
        assert_eq!(countdown(en(), 3 * 86400), "in 3 days");
    }

    #[test]
    fn a_moment_says_today_tomorrow_or_the_day_and_how_long_until_it() {
        let moment = |days_from_today, hour, minute| LocalMoment {
            days_from_today,
            month: 12,
            day: 9,
            weekday: 3,
            hour,
            minute,
        };
        assert_eq!(
            moment_words(Lang::JA, moment(0, 18, 0), 52 * 60),
            "今日 18:00（あと52分）"
        );
        assert_eq!(
            moment_words(Lang::JA, moment(1, 9, 5), 14 * 3600),
            "明日 9:05（あと14時間）"
        );
        assert_eq!(
            moment_words(Lang::JA, moment(2, 18, 0), 2 * 86400),
            "12/9（水） 18:00（あと2日）"
        );
        assert_eq!(
            moment_words(en(), moment(0, 18, 0), 52 * 60),
            "today 18:00 (in 52 min)"
        );
        assert_eq!(day_label(en(), 12, 5, 6), "Sat 12/5");
    }
}
