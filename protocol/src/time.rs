//! How times travel: RFC 3339 text in UTC (`2026-12-07T18:00:00Z`), written by jiff. Read
//! back through these helpers rather than jiff's own `Deserialize`, whose error says *why*
//! a text is no time: that explanation is never shown to anyone, and formatting it is a
//! large part of jiff in the browser's bundle. The wire is the same either way.

use jiff::Timestamp;
use serde::{Deserialize, Deserializer};

fn parse<E: serde::de::Error>(text: &str) -> Result<Timestamp, E> {
    text.parse()
        .map_err(|_| E::custom("a time must be RFC 3339 text, like 2026-12-07T18:00:00Z"))
}

/// A required time (`#[serde(with = "crate::time::required")]`).
pub mod required {
    use super::*;

    pub fn serialize<S: serde::Serializer>(at: &Timestamp, to: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(at, to)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Timestamp, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(from)?;
        parse(&text)
    }
}

/// An optional time (`#[serde(default, with = "crate::time::optional")]`).
pub mod optional {
    use super::*;

    pub fn serialize<S: serde::Serializer>(
        at: &Option<Timestamp>,
        to: S,
    ) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(at, to)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(from: D) -> Result<Option<Timestamp>, D::Error> {
        let text = <Option<std::borrow::Cow<'de, str>>>::deserialize(from)?;
        text.map(|text| parse(&text)).transpose()
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Times {
        #[serde(with = "super::required")]
        at: jiff::Timestamp,
        #[serde(default, with = "super::optional")]
        until: Option<jiff::Timestamp>,
    }

    #[test]
    fn times_round_trip_as_rfc_3339_and_nonsense_is_refused() {
        let times = Times {
            at: "2026-12-07T18:00:00Z".parse().unwrap(),
            until: None,
        };
        let json = serde_json::to_string(&times).unwrap();
        assert_eq!(json, r#"{"at":"2026-12-07T18:00:00Z","until":null}"#);
        assert_eq!(serde_json::from_str::<Times>(&json).unwrap(), times);
        let later: Times = serde_json::from_str(
            r#"{"at":"2026-12-07T18:00:00.5+09:00","until":"2026-12-08T00:00:00Z"}"#,
        )
        .unwrap();
        assert_eq!(
            later.at.as_millisecond(),
            times.at.as_millisecond() - 9 * 3600 * 1000 + 500
        );
        assert!(later.until.is_some());
        assert!(serde_json::from_str::<Times>(r#"{"at":"yesterday"}"#).is_err());
        assert_eq!(
            serde_json::from_str::<Times>(r#"{"at":"2026-12-07T18:00:00Z"}"#)
                .unwrap()
                .until,
            None
        );
    }
}
