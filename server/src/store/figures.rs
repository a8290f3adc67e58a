//! The figures collection: the usage figures as totals per day (in the catalogue's time
//! zone) and figure key — never per person — and, for counting each visit once, which
//! members a sitting has seen, as hashes that mean nothing once the sitting is over and are
//! dropped then.
//!
//! A figure key is `figure|room|detail` (room and detail empty when there is none): a
//! figure's name, a catalogue room's id and a code. No key or value can hold a handle, a
//! token, an address or a word anyone said.

use std::collections::BTreeMap;

use async_trait::async_trait;
use std::time::Duration;

use super::StoreResult;

/// One day's totals, by figure key.
pub type DayTotals = BTreeMap<String, u64>;

/// Totals by day (`YYYY-MM-DD`).
pub type Totals = BTreeMap<String, DayTotals>;

/// What the memory store's figures file keeps: the totals, and which sittings were counted
/// (a room and its sitting's planned end, or its day: nothing of anyone) by the day they
/// were, so that a restart in the middle of a sitting does not count it again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LocalFigures {
    pub days: Totals,
    pub sittings: BTreeMap<String, String>,
}

/// A figure's key (see the module's doc).
pub fn figure_key(figure: &str, room: Option<&str>, detail: Option<&str>) -> String {
    format!("{figure}|{}|{}", room.unwrap_or(""), detail.unwrap_or(""))
}

/// A key's parts: the figure, its room and its detail.
pub fn key_parts(key: &str) -> Option<(&str, Option<&str>, Option<&str>)> {
    let mut parts = key.splitn(3, '|');
    let figure = parts.next()?;
    let room = parts.next()?;
    let detail = parts.next()?;
    Some((
        figure,
        (!room.is_empty()).then_some(room),
        (!detail.is_empty()).then_some(detail),
    ))
}

/// A person in a room's sitting, counted once however often they come and go (or resume on
/// another node), with whether they ever said something.
#[derive(Debug, Clone)]
pub struct Visit<'a> {
    /// The day now (`YYYY-MM-DD`): where new counts go.
    pub day: &'a str,
    /// The sitting's name: its room and its start (or the day, in a room always open).
    pub sitting: &'a str,
    /// How long from now what the sitting has seen is kept (until after its end): real
    /// time, as a Redis key's time to live.
    pub keep_for: Duration,
    /// A hash of the session, the room and the sitting: it cannot be turned back into any
    /// of them, and another sitting's hash for the same person differs.
    pub member: &'a str,
    /// This is a message of theirs (else they came in).
    pub spoke: bool,
    /// Counted once per sitting, with its first visit (`sittings`).
    pub first_of_sitting: &'a [String],
    /// Counted once per member of the sitting (`visits`, attendance).
    pub first_of_member: &'a [String],
    /// The room's `listening_visits` key: one more with a new visit that has not spoken,
    /// one less (on the day of that visit) when it first speaks.
    pub listening: &'a str,
    /// Counted every time (the message itself).
    pub always: &'a [(String, u64)],
}

#[async_trait]
pub trait FigureStore: Send + Sync {
    /// Adds `counts` to the day's totals, all at once (atomic across nodes).
    async fn add_figures(&self, day: &str, counts: &[(String, u64)]) -> StoreResult<()>;

    /// Raises the day's `key` to `value` if it is lower (a peak), atomically.
    async fn raise_figure(&self, day: &str, key: &str, value: u64) -> StoreResult<()>;

    /// Counts a visit (see [`Visit`]): a member is new to a sitting once, on whichever node,
    /// and the whole change is one atomic step. What a sitting has seen expires by itself.
    async fn visit(&self, visit: &Visit<'_>) -> StoreResult<()>;

    /// The totals of these days (days with nothing counted are left out).
    async fn figures(&self, days: &[String]) -> StoreResult<Totals>;

    /// For a store that keeps its figures in this process only (memory): every total and
    /// the sittings counted, and a number that changes whenever one does (so
    /// `--figures-file` is written only then).
    fn local_figures(&self) -> Option<(LocalFigures, u64)> {
        None
    }

    /// Adds what `--figures-file` kept (memory only; at start).
    fn restore_figures(&self, _kept: LocalFigures) {}
}
