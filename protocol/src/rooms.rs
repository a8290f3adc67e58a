//! What the room list (`GET /api/rooms`) says about each room.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Ids of private rooms (a counselor's 1:1, today) start with this: no catalogue room may
/// take one, and a client knows such a room is in no list.
pub const PRIVATE_ROOM_PREFIX: &str = "p-";

/// Whether `room` is a private room (see [`PRIVATE_ROOM_PREFIX`]).
pub fn is_private_room(room: &str) -> bool {
    room.starts_with(PRIVATE_ROOM_PREFIX)
}

/// What a room is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum RoomKind {
    /// A themed room for the people themselves (games, creative work, a morning check-in…).
    Themed,
    /// A family-group sitting (家族会).
    Family,
    /// A peer-facilitated programme (みつけばルーム-style).
    Programme,
}

/// Who a room is for. Rooms for the people themselves and rooms for families never mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum Audience {
    /// The people themselves (本人): not family members or supporters.
    Person,
    /// Family members (家族), who say so on entry.
    Family,
    /// Anyone.
    Anyone,
}

impl Audience {
    /// Whether someone who comes as `role` (or did not say) may enter.
    pub fn admits(self, role: Option<crate::Role>) -> bool {
        use crate::Role;
        match self {
            Audience::Anyone => true,
            Audience::Person => matches!(role, None | Some(Role::Person)),
            Audience::Family => role == Some(Role::Family),
        }
    }
}

/// One scheduled sitting of one room, as `GET /api/schedule` lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Slot {
    pub room: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    pub kind: RoomKind,
    #[serde(with = "crate::time::required")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::timestamp))]
    pub starts_at: Timestamp,
    #[serde(with = "crate::time::required")]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::timestamp))]
    pub ends_at: Timestamp,
}

/// A peer programme's description (みつけばルーム-style): guidance, never checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Programme {
    /// Who it is meant for, as guidance only (e.g. "30〜50代"); nobody's age is asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub age_band: Option<String>,
    /// The peer facilitators' display names.
    #[serde(default)]
    pub facilitators: Vec<String>,
    /// The segments of each sitting, in order.
    #[serde(default)]
    pub agenda: Vec<Segment>,
    /// While a sitting is open: the index of the segment it is in now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<usize>,
}

/// One part of a sitting (check-in, the theme, check-out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Segment {
    pub title: String,
    pub minutes: u32,
    /// The topic, for a theme segment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
}

impl Programme {
    /// The segment a sitting is in `elapsed_minutes` after it opened (the last one once the
    /// agenda's time is over).
    pub fn segment_at(&self, elapsed_minutes: u64) -> Option<usize> {
        let mut end = 0u64;
        for (index, segment) in self.agenda.iter().enumerate() {
            end += u64::from(segment.minutes);
            if elapsed_minutes < end {
                return Some(index);
            }
        }
        self.agenda.len().checked_sub(1)
    }
}

/// Whether a room can be entered now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum RoomStatus {
    /// Closed now, a sitting starts within a day (`opens_at`).
    Upcoming,
    /// Open (`closes_at`, unless it never closes).
    Open,
    /// Open, in the last minutes of its sitting (`closes_at`).
    Closing,
    /// Closed (`next_open`, if a sitting is planned).
    Closed,
}

impl RoomStatus {
    /// Whether people can enter now.
    pub fn is_open(self) -> bool {
        matches!(self, RoomStatus::Open | RoomStatus::Closing)
    }
}

/// One room as the public room list shows it. `present` is a count: never who is there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct RoomInfo {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    pub description: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description_en: Option<String>,
    pub kind: RoomKind,
    pub audience: Audience,
    /// Entering needs an entry word (合言葉).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub entry_word: bool,
    pub capacity: u32,
    pub present: u32,
    pub status: RoomStatus,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::time::optional"
    )]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::maybe_timestamp))]
    pub opens_at: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::time::optional"
    )]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::maybe_timestamp))]
    pub closes_at: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::time::optional"
    )]
    #[cfg_attr(feature = "arbitrary", arbitrary(with = crate::arbitrary::maybe_timestamp))]
    pub next_open: Option<Timestamp>,
    /// For a peer programme: its description and agenda, and the segment now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<Programme>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_current_segment_follows_the_agenda() {
        let segment = |minutes| Segment {
            title: "s".into(),
            minutes,
            topic: None,
        };
        let programme = Programme {
            age_band: None,
            facilitators: vec![],
            agenda: vec![segment(15), segment(60), segment(15)],
            current: None,
        };
        assert_eq!(programme.segment_at(0), Some(0));
        assert_eq!(programme.segment_at(14), Some(0));
        assert_eq!(programme.segment_at(15), Some(1));
        assert_eq!(programme.segment_at(75), Some(2));
        assert_eq!(programme.segment_at(500), Some(2));
        let empty = Programme {
            agenda: vec![],
            ..programme
        };
        assert_eq!(empty.segment_at(3), None);
    }
}
