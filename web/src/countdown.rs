//! "In how long": the time until a room opens, in words a person reads at a glance.

use ibasho_protocol::Lang;

use crate::i18n::{t, tf};

/// The time left, rounded up to the minute: "あと5分", "あと2時間5分", "あと3日" (or "in 5 min",
/// "in 2 h 5 min", "in 3 days"); "まもなく" ("soon") when it is now or past.
pub fn countdown(lang: Lang, seconds: i64) -> String {
    let minutes = seconds.saturating_add(59).div_euclid(60);
    if minutes <= 0 {
        return t(lang, "countdown.now").to_owned();
    }
    if minutes < 60 {
        return tf(lang, "countdown.minutes", &[("m", &minutes.to_string())]);
    }
    if minutes < 24 * 60 {
        let (hours, rest) = (minutes / 60, minutes % 60);
        if rest == 0 {
            return tf(lang, "countdown.hours", &[("h", &hours.to_string())]);
        }
        return tf(
            lang,
            "countdown.hours_minutes",
            &[("h", &hours.to_string()), ("m", &rest.to_string())],
        );
    }
    let days = minutes / (24 * 60);
    tf(lang, "countdown.days", &[("d", &days.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_up_to_the_minute_and_picks_the_largest_unit() {
        assert_eq!(countdown(Lang::Ja, -5), "まもなく");
        assert_eq!(countdown(Lang::Ja, 0), "まもなく");
        assert_eq!(countdown(Lang::Ja, 1), "あと1分");
        assert_eq!(countdown(Lang::Ja, 300), "あと5分");
        assert_eq!(countdown(Lang::Ja, 3600), "あと1時間");
        assert_eq!(countdown(Lang::Ja, 2 * 3600 + 5 * 60), "あと2時間5分");
        assert_eq!(countdown(Lang::Ja, 3 * 86400 + 60), "あと3日");
        assert_eq!(countdown(Lang::En, 300), "in 5 min");
        assert_eq!(countdown(Lang::En, 2 * 3600 + 5 * 60), "in 2 h 5 min");
        assert_eq!(countdown(Lang::En, 86400), "in 1 day(s)");
    }
}
