//! What `GET /api/figures` (the usage figures of a fiscal year, or of any months) and
//! `GET /api/voice` (the participants' voice of one month) answer. Totals only: no row names
//! a person, and small numbers are never shown exactly (a [`Cell`] says `"<10"` or `"x"`).

use serde::{Deserialize, Serialize};

use crate::VoiceAbout;

/// A number as an administrator may see it: a JSON number, or a string for a hidden one.
/// (Read and written by hand rather than `#[serde(untagged)]`, whose buffering would cost
/// the web bundle several kilobytes.)
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Cell {
    /// The exact total.
    Count(u64),
    /// `"<k"` (1 to k−1: too few to show), or `"x"`: withheld only so that another
    /// suppressed number cannot be worked out from the totals.
    Hidden(String),
}

/// The word a cell withheld by secondary suppression carries.
pub const WITHHELD: &str = "x";

impl Serialize for Cell {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Count(n) => serializer.serialize_u64(*n),
            Cell::Hidden(word) => serializer.serialize_str(word),
        }
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Cell, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Cell;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a count or a word")
            }
            fn visit_u64<E: serde::de::Error>(self, n: u64) -> Result<Cell, E> {
                Ok(Cell::Count(n))
            }
            fn visit_str<E: serde::de::Error>(self, word: &str) -> Result<Cell, E> {
                Ok(Cell::Hidden(word.to_owned()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

impl Cell {
    /// The primary suppression's word for `threshold` (`"<10"`).
    pub fn small(threshold: u64) -> Cell {
        Cell::Hidden(format!("<{threshold}"))
    }

    pub fn withheld() -> Cell {
        Cell::Hidden(WITHHELD.to_owned())
    }

    /// The number, when it is shown.
    pub fn count(&self) -> Option<u64> {
        match self {
            Cell::Count(n) => Some(*n),
            Cell::Hidden(_) => None,
        }
    }

    pub fn is_withheld(&self) -> bool {
        matches!(self, Cell::Hidden(word) if word == WITHHELD)
    }
}

/// `GET /api/figures`: months `from` to `to` (`YYYY-MM`), their rows, and each row's total
/// the year before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct FiguresReport {
    pub from: String,
    pub to: String,
    /// The catalogue's time zone: day and month boundaries follow it.
    pub time_zone: String,
    /// The smallest count shown exactly.
    pub threshold: u64,
    pub months: Vec<String>,
    pub rows: Vec<FigureRow>,
}

/// One figure (of one room, or `room: null` for the sum over rooms or a figure of no
/// room), with a `detail` for a figure counted by kind (an outcome, a source, an action).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct FigureRow {
    pub figure: String,
    pub room: Option<String>,
    pub detail: Option<String>,
    /// One per month of `months`.
    pub cells: Vec<Cell>,
    pub total: Cell,
    /// The same months one year earlier.
    pub previous_total: Cell,
}

/// `GET /api/voice`: the ratings of one month and the comments released for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct VoiceReport {
    pub month: String,
    pub threshold: u64,
    pub ratings: Vec<VoiceRatings>,
    /// Released batches (shuffled), only after the month has ended and only with at least
    /// `threshold` comments.
    pub comments: Vec<VoiceComments>,
    /// Where comments wait until there are enough (nothing of them is shown).
    pub held: Vec<VoiceTarget>,
}

/// What a voice was about: a room, or (`room: null`) the counselor or the service.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct VoiceTarget {
    pub room: Option<String>,
    pub about: VoiceAbout,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct VoiceRatings {
    pub room: Option<String>,
    pub about: VoiceAbout,
    pub counts: RatingCounts,
    /// How many answered.
    pub answers: Cell,
}

/// How many gave each rating, 1 (つらかった) to 4 (よかった).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct RatingCounts {
    #[serde(rename = "1")]
    pub one: Cell,
    #[serde(rename = "2")]
    pub two: Cell,
    #[serde(rename = "3")]
    pub three: Cell,
    #[serde(rename = "4")]
    pub four: Cell,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct VoiceComments {
    pub room: Option<String>,
    pub about: VoiceAbout,
    pub texts: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_numbers_or_words() {
        let row = FigureRow {
            figure: "visits".into(),
            room: None,
            detail: None,
            cells: vec![Cell::Count(12), Cell::small(10), Cell::withheld()],
            total: Cell::Count(40),
            previous_total: Cell::Count(0),
        };
        let json = serde_json::to_value(&row).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"figure":"visits","room":null,"detail":null,
                "cells":[12,"<10","x"],"total":40,"previous_total":0})
        );
        let back: FigureRow = serde_json::from_value(json).unwrap();
        assert_eq!(back, row);
        assert!(back.cells[2].is_withheld());
    }

    #[test]
    fn rating_counts_are_keyed_by_the_rating() {
        let counts = RatingCounts {
            one: Cell::Count(0),
            two: Cell::small(10),
            three: Cell::Count(10),
            four: Cell::Count(11),
        };
        let json = serde_json::to_value(&counts).unwrap();
        assert_eq!(json, serde_json::json!({"1":0,"2":"<10","3":10,"4":11}));
    }
}
