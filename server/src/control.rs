//! What a facilitator changed about a room's sitting, and what that does to its status: a
//! sitting opened early or kept open late, the agenda moved on by hand, a round (each person
//! gets the floor in turn). Pure: the store keeps a [`RoomControl`] per room (erased with the
//! sitting), the hub keeps a copy of each and tells members, and this decides.

use std::time::Duration;

use ibasho_protocol::{Floor, LEEWAY_MINUTES, ServerMsg};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::schedule::Status;
use crate::store::{Present, RoomDoc};

/// How far a facilitator may move a sitting: opened this much early, kept this much late.
pub const LEEWAY: Duration = Duration::from_secs(LEEWAY_MINUTES * 60);

/// Minutes added by `extend` when the frame does not say.
pub const DEFAULT_EXTEND_MINUTES: u32 = 5;

/// A facilitator's changes to one room's sitting.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomControl {
    /// The planned sitting this belongs to (start and end); `None` in a room that is always
    /// open. A control for a sitting that is over no longer changes anything.
    #[serde(default)]
    pub planned: Option<(Timestamp, Timestamp)>,
    /// When the facilitator opened the sitting, if earlier than planned.
    #[serde(default)]
    pub opened_early: Option<Timestamp>,
    /// When the sitting closes, if the facilitator kept it open later than planned.
    #[serde(default)]
    pub closes_late: Option<Timestamp>,
    /// The agenda segment the facilitator moved to (otherwise the clock decides).
    #[serde(default)]
    pub segment: Option<u32>,
    #[serde(default)]
    pub round: Option<Round>,
    /// Listen-only for participants (a facilitator's `lock`).
    #[serde(default)]
    pub locked: bool,
    /// A participant's next `say` waits this long after their last (0: off).
    #[serde(default)]
    pub slow_mode_seconds: u32,
    /// The room's current topic.
    #[serde(default)]
    pub topic: Option<String>,
    /// A facilitator ended the planned sitting before its time (`close`): the room stays
    /// closed until its next sitting.
    #[serde(default)]
    pub closed_early: bool,
}

/// Kept in the store as a room document, erased with the sitting.
impl RoomDoc for RoomControl {
    const KIND: &'static str = "control";
}

/// A round: the handles present when it started (in a fixed order) and whose turn it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Round {
    /// The staff member who started it: if they are gone, the round is over.
    pub by: String,
    pub turns: Vec<String>,
    pub current: usize,
}

/// Why an action does not fit the sitting now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotNow;

fn leeway() -> SignedDuration {
    SignedDuration::try_from(LEEWAY).unwrap_or_default()
}

impl RoomControl {
    /// The control as it applies to the planned sitting `planned` (another sitting's is
    /// dropped: what was set for it is over).
    pub fn for_sitting(
        current: Option<&RoomControl>,
        planned: Option<(Timestamp, Timestamp)>,
    ) -> RoomControl {
        match current {
            Some(control) if control.planned == planned => control.clone(),
            _ => RoomControl {
                planned,
                ..RoomControl::default()
            },
        }
    }

    /// When the sitting is open with this control: from its (early) opening to its (late)
    /// end. `None` for a room without a planned sitting.
    pub fn window(&self) -> Option<(Timestamp, Timestamp)> {
        if self.closed_early {
            return None;
        }
        let (starts, ends) = self.planned?;
        Some((
            self.opened_early.unwrap_or(starts),
            self.closes_late.unwrap_or(ends),
        ))
    }

    /// Whether nothing is set (the control can be dropped).
    pub fn is_empty(&self) -> bool {
        self.opened_early.is_none()
            && self.closes_late.is_none()
            && self.segment.is_none()
            && self.round.is_none()
            && !self.locked
            && self.slow_mode_seconds == 0
            && self.topic.is_none()
            && !self.closed_early
    }

    /// Who has the floor, if a round is on.
    pub fn floor(&self) -> Option<Floor> {
        let round = self.round.as_ref()?;
        Some(Floor {
            handle: round.turns.get(round.current)?.clone(),
            turn: u32::try_from(round.current + 1).unwrap_or(u32::MAX),
            turns: u32::try_from(round.turns.len()).unwrap_or(u32::MAX),
        })
    }

    /// The frame that tells members about it; `unattended`: the room needs a staff member
    /// and none is in it (it is then listen-only, locked or not).
    pub fn frame(&self, room: &str, unattended: bool) -> ServerMsg {
        ServerMsg::RoomState {
            room: room.to_owned(),
            closes_at: self.closes_late,
            segment: self.segment,
            floor: self.floor(),
            locked: self.locked || unattended,
            unattended,
            slow_mode_seconds: self.slow_mode_seconds,
            topic: self.topic.clone(),
        }
    }

    /// Opens the planned sitting `next` now, if it starts within [`LEEWAY`].
    pub fn open_early(
        current: Option<&RoomControl>,
        next: (Timestamp, Timestamp),
        now: Timestamp,
    ) -> Result<RoomControl, NotNow> {
        let (starts, _) = next;
        if now >= starts || starts.duration_since(now) > leeway() {
            return Err(NotNow);
        }
        let mut control = RoomControl::for_sitting(current, Some(next));
        control.opened_early = Some(now);
        Ok(control)
    }

    /// Keeps the open sitting open `minutes` longer, to at most [`LEEWAY`] past its planned
    /// end, and never past `next` (the start of the room's next sitting).
    pub fn extend(
        mut self,
        minutes: u32,
        now: Timestamp,
        next: Option<Timestamp>,
    ) -> Result<RoomControl, NotNow> {
        let (_, planned_end) = self.planned.ok_or(NotNow)?;
        let (_, until) = self.window().ok_or(NotNow)?;
        let mut latest = planned_end.checked_add(leeway()).map_err(|_| NotNow)?;
        if let Some(next) = next {
            latest = latest.min(next);
        }
        if minutes == 0 || now >= until || until >= latest {
            return Err(NotNow);
        }
        let later = until
            .checked_add(SignedDuration::from_mins(i64::from(minutes)))
            .map_err(|_| NotNow)?;
        self.closes_late = Some(later.min(latest));
        Ok(self)
    }

    /// Moves the agenda (of `segments` segments, now at `current`) one step, forward or back.
    pub fn step_segment(
        mut self,
        segments: usize,
        current: Option<usize>,
        forward: bool,
    ) -> Result<RoomControl, NotNow> {
        let last = segments.checked_sub(1).ok_or(NotNow)?;
        let at = self
            .segment
            .map(|segment| segment as usize)
            .or(current)
            .unwrap_or(0);
        let to = if forward {
            (at + 1).min(last)
        } else {
            at.saturating_sub(1)
        };
        if self.segment.is_some() && to == at || self.segment.is_none() && current == Some(to) {
            return Err(NotNow);
        }
        self.segment = Some(u32::try_from(to).map_err(|_| NotNow)?);
        Ok(self)
    }

    /// Starts a round with the people present (staff, by their session's role, are left out:
    /// they may always speak).
    pub fn start_round(mut self, by: String, present: Vec<Present>) -> Result<RoomControl, NotNow> {
        let mut present: Vec<String> = present
            .into_iter()
            .filter(|member| !member.staff)
            .map(|member| member.handle)
            .collect();
        present.sort();
        present.dedup();
        if present.is_empty() {
            return Err(NotNow);
        }
        self.round = Some(Round {
            by,
            turns: present,
            current: 0,
        });
        Ok(self)
    }

    /// Gives the floor to the next person of the round still present; after the last, the
    /// round ends.
    pub fn next_turn(mut self, present: &[String]) -> Result<RoomControl, NotNow> {
        let round = self.round.as_mut().ok_or(NotNow)?;
        let next = (round.current + 1..round.turns.len())
            .find(|&index| present.contains(&round.turns[index]));
        match next {
            Some(index) => round.current = index,
            None => self.round = None,
        }
        Ok(self)
    }

    pub fn end_round(mut self) -> Result<RoomControl, NotNow> {
        self.round.take().ok_or(NotNow)?;
        Ok(self)
    }

    /// Whether `handle` may speak: no round, or it is their turn.
    pub fn may_speak(&self, handle: &str) -> bool {
        self.floor().is_none_or(|floor| floor.handle == handle)
    }
}

/// The status of a room with the facilitator's control applied to the schedule's `planned`
/// status: inside the control's window the sitting is open (until its late end).
pub fn status(
    planned: Status,
    control: Option<&RoomControl>,
    closing_notice: Duration,
    now: Timestamp,
) -> Status {
    let Some((opens, closes)) = control.and_then(RoomControl::window) else {
        return planned;
    };
    if !(opens <= now && now < closes) {
        return planned;
    }
    let notice = SignedDuration::try_from(closing_notice).unwrap_or_default();
    Status::Open {
        opened_at: control
            .and_then(|control| control.planned)
            .map(|(starts, _)| starts),
        closes_at: Some(closes),
        closing: closes.duration_since(now) <= notice,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn sitting() -> (Timestamp, Timestamp) {
        (at("2026-12-05T05:00:00Z"), at("2026-12-05T06:30:00Z"))
    }

    const NOTICE: Duration = Duration::from_secs(300);

    #[test]
    fn opens_at_most_fifteen_minutes_early() {
        let closed = Status::Upcoming {
            opens_at: sitting().0,
        };
        assert_eq!(
            RoomControl::open_early(None, sitting(), at("2026-12-05T04:40:00Z")),
            Err(NotNow)
        );
        let control = RoomControl::open_early(None, sitting(), at("2026-12-05T04:46:00Z")).unwrap();
        let now = at("2026-12-05T04:47:00Z");
        assert_eq!(
            status(closed, Some(&control), NOTICE, now),
            Status::Open {
                opened_at: Some(sitting().0),
                closes_at: Some(sitting().1),
                closing: false
            }
        );
        // Before the facilitator opened it, it was closed; it never reaches back.
        assert_eq!(
            status(closed, Some(&control), NOTICE, at("2026-12-05T04:45:00Z")),
            closed
        );
        assert_eq!(
            RoomControl::open_early(None, sitting(), sitting().0),
            Err(NotNow)
        );
    }

    #[test]
    fn keeps_open_at_most_fifteen_minutes_late() {
        let now = at("2026-12-05T06:20:00Z");
        let control = RoomControl::for_sitting(None, Some(sitting()));
        let once = control.extend(10, now, None).unwrap();
        assert_eq!(once.closes_late, Some(at("2026-12-05T06:40:00Z")));
        let twice = once.clone().extend(10, now, None).unwrap();
        assert_eq!(twice.closes_late, Some(at("2026-12-05T06:45:00Z")));
        assert_eq!(twice.clone().extend(1, now, None), Err(NotNow));
        let closed = Status::Closed { next_open: None };
        assert!(matches!(
            status(closed, Some(&twice), NOTICE, at("2026-12-05T06:41:00Z")),
            Status::Open {
                closing: true,
                closes_at: Some(_),
                ..
            }
        ));
        assert_eq!(
            status(closed, Some(&twice), NOTICE, at("2026-12-05T06:45:00Z")),
            closed
        );
        // Never into the next sitting (here at 06:40).
        let next = Some(at("2026-12-05T06:40:00Z"));
        let control = RoomControl::for_sitting(None, Some(sitting()));
        let capped = control.extend(15, now, next).unwrap();
        assert_eq!(capped.closes_late, next);
        assert_eq!(capped.extend(1, now, next), Err(NotNow));
        // A room that is always open has no end to move.
        assert_eq!(RoomControl::default().extend(5, now, None), Err(NotNow));
        // Nor does a sitting that is over.
        let over = RoomControl::for_sitting(None, Some(sitting()));
        assert_eq!(
            over.extend(5, at("2026-12-05T06:31:00Z"), None),
            Err(NotNow)
        );
    }

    #[test]
    fn a_control_for_another_sitting_is_dropped() {
        let mut old = RoomControl::for_sitting(None, Some(sitting()));
        old.segment = Some(2);
        let next = (at("2026-12-12T05:00:00Z"), at("2026-12-12T06:30:00Z"));
        let fresh = RoomControl::for_sitting(Some(&old), Some(next));
        assert_eq!(fresh.segment, None);
        assert_eq!(
            RoomControl::for_sitting(Some(&old), Some(sitting())).segment,
            Some(2)
        );
    }

    #[test]
    fn the_agenda_moves_one_step_within_its_segments() {
        let control = RoomControl::default();
        // The clock says segment 0: forward goes to 1, back has nowhere to go.
        let moved = control.clone().step_segment(3, Some(0), true).unwrap();
        assert_eq!(moved.segment, Some(1));
        assert_eq!(control.clone().step_segment(3, Some(0), false), Err(NotNow));
        let last = moved.step_segment(3, Some(0), true).unwrap();
        assert_eq!(last.segment, Some(2));
        assert_eq!(last.clone().step_segment(3, Some(0), true), Err(NotNow));
        assert_eq!(last.step_segment(3, None, false).unwrap().segment, Some(1));
        assert_eq!(control.step_segment(0, None, true), Err(NotNow));
    }

    #[test]
    fn a_round_gives_the_floor_in_turn_skipping_who_left() {
        let present = [
            "ゆき".to_owned(),
            "あお".to_owned(),
            "そら".to_owned(),
            "ひかり（ファシリテーター）".to_owned(),
        ];
        // Staff are left out by their session's role.
        let with_roles = present
            .iter()
            .map(|handle| Present {
                handle: handle.clone(),
                staff: handle.starts_with("ひかり"),
            })
            .collect();
        let control = RoomControl::default()
            .start_round("ひかり（ファシリテーター）".into(), with_roles)
            .unwrap();
        let floor = control.floor().unwrap();
        assert_eq!(
            (floor.handle.as_str(), floor.turn, floor.turns),
            ("あお", 1, 3)
        );
        assert!(control.may_speak("あお"));
        assert!(!control.may_speak("ゆき"));
        // そら left: the floor goes from あお to ゆき.
        let still = vec!["ゆき".to_owned(), "あお".to_owned()];
        let next = control.next_turn(&still).unwrap();
        assert_eq!(next.floor().unwrap().handle, "ゆき");
        let over = next.next_turn(&still).unwrap();
        assert_eq!(over.round, None);
        assert!(over.may_speak("anyone"));
        assert_eq!(over.clone().end_round(), Err(NotNow));
        assert_eq!(over.start_round("x".into(), vec![]), Err(NotNow));
    }
}
