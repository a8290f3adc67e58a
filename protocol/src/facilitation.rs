//! What staff bring to a room: signing in as staff, the facilitator's actions, and the state
//! of a facilitated sitting (its end, its agenda segment, whose turn it is).

use serde::{Deserialize, Serialize};

/// How far a facilitator may move a sitting: opened this many minutes early, kept open this
/// many minutes late (the server checks it; the front end offers it only then).
pub const LEEWAY_MINUTES: u64 = 15;

/// What a staff account may do. Every staff member may facilitate; the roles say what a
/// person is to the others (a counselor is not a peer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum StaffRole {
    /// A peer facilitator (ファシリテーター), often with lived experience.
    Facilitator,
    /// An on-duty counselor (相談員).
    Counselor,
    /// The operator's administrator (管理者).
    Admin,
    /// A supervisor (スーパーバイザー): sees every counselor desk, observes cases (the
    /// person is told and may decline), whispers to their counselor, transfers.
    Supervisor,
}

impl StaffRole {
    /// Its name on the wire (and as the actor of an audit entry that names a role only).
    pub fn as_str(self) -> &'static str {
        match self {
            StaffRole::Facilitator => "facilitator",
            StaffRole::Counselor => "counselor",
            StaffRole::Admin => "admin",
            StaffRole::Supervisor => "supervisor",
        }
    }

    /// The title shown after a staff member's name, so that nobody can pass for staff (handles
    /// of participants may not contain these words) and nobody mistakes staff for a peer.
    pub fn title(self) -> &'static str {
        match self {
            StaffRole::Facilitator => "ファシリテーター",
            StaffRole::Counselor => "相談員",
            StaffRole::Admin => "管理者",
            StaffRole::Supervisor => "スーパーバイザー",
        }
    }
}

/// A staff member signing in on `hello` (the only place a password travels).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct StaffLogin {
    pub name: String,
    pub password: String,
}

impl std::fmt::Debug for StaffLogin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffLogin").finish_non_exhaustive()
    }
}

/// What a facilitator can do in a room (`{"type":"facilitate","room","action"}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum FacilitatorAction {
    /// Open the room's next sitting now, at most [`LEEWAY_MINUTES`] before it is planned to
    /// open.
    OpenEarly,
    /// Keep the open sitting open `minutes` longer (default 5), at most [`LEEWAY_MINUTES`]
    /// past its planned end in all, and never into the next sitting.
    Extend,
    /// Move the agenda to its next segment.
    NextSegment,
    /// Move the agenda back one segment.
    PreviousSegment,
    /// Start a round: each person present gets the floor in turn (in the order they came in).
    StartRound,
    /// Give the floor to the next person in the round (the round ends after the last).
    NextTurn,
    /// End the round: everyone may speak again.
    EndRound,
}

/// Who has the floor in a round. Only the person speaking is named; the order is not shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct Floor {
    pub handle: String,
    /// 1-based: the `turn`-th of `turns`.
    pub turn: u32,
    pub turns: u32,
}
