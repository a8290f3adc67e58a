//! The usage figures (利用実績) and the participants' voice (当事者の声): counted, never
//! tracked.
//!
//! - this file — [`Figures`]: what the room layer and the counselor desk call when something
//!   is to be counted; each call adds to totals per day and room in the store, nothing per
//!   person. A visit is counted once per sitting by a hash of the session, the room and the
//!   sitting, which the store drops when the sitting is over.
//! - [`months`] — which months a request asks for (a fiscal year, or `from`–`to`).
//! - [`report`] — the totals as rows of months, with the year before; [`suppress`] — small
//!   numbers never shown exactly, and none worked out from the totals; [`csv`] — the same
//!   rows as CSV; [`chart`] and [`html`] — the same rows as the web app's page draws them.
//! - [`voice`] — 「きょうはどうでしたか」: answers kept with their day only, and released to
//!   administrators by month, only in batches of at least the threshold.
//! - [`file`] — `--figures-file`: the memory store's totals kept across restarts.

pub mod chart;
pub mod csv;
pub mod file;
pub mod html;
pub mod months;
pub mod report;
pub mod suppress;
pub mod voice;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ibasho_protocol::{Audience, RoomKind};
use sha2::{Digest, Sha256};
use tokio::sync::mpsc;

use crate::catalogue::{Catalogue, RoomSpec};
use crate::control::RoomControl;
use crate::rooms::timing::Timing;
use crate::store::{Store, Visit, figure_key, hex};
use crate::token::SessionToken;

/// The figures' names, as the report and the CSV give them.
pub mod name {
    pub const VISITS: &str = "visits";
    pub const LISTENING_VISITS: &str = "listening_visits";
    pub const FIRST_VISITS: &str = "first_visits";
    pub const MESSAGES: &str = "messages";
    pub const STAFF_MESSAGES: &str = "staff_messages";
    pub const REACTIONS: &str = "reactions";
    pub const PEAK_PRESENCE: &str = "peak_presence";
    pub const SITTINGS: &str = "sittings";
    pub const FAMILY_ATTENDANCE: &str = "family_attendance";
    pub const PROGRAMME_ATTENDANCE: &str = "programme_attendance";
    pub const COUNSELOR_REQUESTS: &str = "counselor_requests";
    pub const CONSENTS_GIVEN: &str = "consents_given";
    pub const CONSENTS_DECLINED: &str = "consents_declined";
    pub const CASES: &str = "cases";
    pub const OUTCOMES: &str = "outcomes";
    /// Waiting times to a claim, counted by how long (seconds, rounded): the median and
    /// the 90th percentile are read from them.
    pub const WAITS: &str = "waits";
    pub const WAIT_MEDIAN: &str = "wait_median_seconds";
    pub const WAIT_P90: &str = "wait_p90_seconds";
    pub const MODERATION_ACTIONS: &str = "moderation_actions";
    pub const REPORTS: &str = "reports";
    pub const REPORT_OUTCOMES: &str = "report_outcomes";
    pub const AUTOMATIC: &str = "automatic";
}

/// The smallest count shown exactly, by default (the MHLW's 最小集計単位 for
/// municipalities of 25,000 people or more).
pub const DEFAULT_THRESHOLD: u64 = 10;
/// The smallest threshold an operator may set.
pub const MIN_THRESHOLD: u64 = 3;
/// How many months the voice is kept by default.
pub const DEFAULT_VOICE_MONTHS: u32 = 13;

/// What the operator set for the figures.
#[derive(Debug, Clone)]
pub struct FigureSettings {
    /// Counts from 1 to `threshold - 1` are never shown exactly (at least [`MIN_THRESHOLD`]).
    pub threshold: u64,
    /// How many months the voice's records are kept (comments waiting to be released too).
    pub voice_months: u32,
    /// Where the memory store's totals are kept across restarts (`--figures-file`).
    pub file: Option<std::path::PathBuf>,
}

impl Default for FigureSettings {
    fn default() -> Self {
        FigureSettings {
            threshold: DEFAULT_THRESHOLD,
            voice_months: DEFAULT_VOICE_MONTHS,
            file: None,
        }
    }
}

/// A room's sitting as the figures know it: a name, and when what it has seen may go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sitting {
    pub name: String,
    /// How long from now what it has seen is kept: until a while after its end.
    pub keep_for: Duration,
}

/// How long after its end a sitting's de-duplication is kept (a late resume, a clock that
/// disagrees a little).
const SEEN_MARGIN: Duration = Duration::from_secs(3600);
/// A room always open counts one sitting per day: what that day has seen is kept this long.
const DAY_SEEN: Duration = Duration::from_secs(26 * 3600);

/// Counts for the usage figures. Every call adds to totals; a count that cannot reach the
/// store is logged (by kind) and lost, never retried into a double count.
pub struct Figures {
    store: Arc<dyn Store>,
    timing: Timing,
    catalogue: Arc<Catalogue>,
    pub settings: FigureSettings,
    /// The peak of each room today that this node has already raised (so that each count
    /// of people it reads costs the store nothing unless it is a new peak).
    peaks: Mutex<HashMap<String, (String, u32)>>,
}

impl Figures {
    pub fn new(
        store: Arc<dyn Store>,
        timing: Timing,
        catalogue: Arc<Catalogue>,
        settings: FigureSettings,
    ) -> Arc<Figures> {
        Arc::new(Figures {
            store,
            timing,
            catalogue,
            settings,
            peaks: Mutex::new(HashMap::new()),
        })
    }

    /// Follows the rooms' counts of people (from the hub) for the day's peaks.
    pub fn follow_counts(self: &Arc<Self>, mut counts: mpsc::Receiver<(String, u32)>) {
        let figures = Arc::clone(self);
        tokio::spawn(async move {
            while let Some((room, present)) = counts.recv().await {
                figures.present(&room, present).await;
            }
        });
    }

    pub fn timing(&self) -> &Timing {
        &self.timing
    }

    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    pub fn store(&self) -> &Arc<dyn Store> {
        &self.store
    }

    /// The report of `months`, with the same months a year before.
    pub async fn report(
        &self,
        months: months::Months,
    ) -> crate::store::StoreResult<ibasho_protocol::figures::FiguresReport> {
        let days = |months: months::Months| -> Vec<String> {
            months
                .list()
                .into_iter()
                .flat_map(months::Month::days)
                .collect()
        };
        let totals = self.store.figures(&days(months)).await?;
        let previous = self.store.figures(&days(months.year_before())).await?;
        Ok(report::report(
            months,
            &totals,
            &previous,
            &self.catalogue,
            self.settings.threshold,
        ))
    }

    /// Today in the catalogue's time zone (`YYYY-MM-DD`): day boundaries follow it.
    pub fn today(&self) -> String {
        self.timing.local_now().date().to_string()
    }

    /// The sitting of a room now: the planned (or facilitator-changed) one that is open, or
    /// — in a room always open — today.
    pub fn sitting(&self, spec: &RoomSpec, control: Option<&RoomControl>) -> Sitting {
        match self.timing.current_sitting(spec, control) {
            // Named by its planned end, which a facilitator's changes keep (see `Timing`).
            Some((_, end)) => Sitting {
                name: format!("{}@{}", spec.id, end.as_millisecond()),
                keep_for: self
                    .timing
                    .now()
                    .duration_until(end)
                    .unsigned_abs()
                    .saturating_add(SEEN_MARGIN),
            },
            None => Sitting {
                name: format!("{}@{}", spec.id, self.today()),
                keep_for: DAY_SEEN,
            },
        }
    }

    /// The sitting a person's answer about a room is about: the one open now, or the last
    /// one that ended (named as [`Figures::sitting`] names it while open), or today.
    pub fn last_sitting(&self, spec: &RoomSpec, control: Option<&RoomControl>) -> String {
        if self.timing.current_sitting(spec, control).is_none()
            && let Some(end) = self.timing.last_end(spec)
        {
            return format!("{}@{}", spec.id, end.as_millisecond());
        }
        self.sitting(spec, control).name
    }

    /// Someone came into a room's sitting (staff are not visits).
    pub async fn came(&self, spec: &RoomSpec, sitting: &Sitting, token: &SessionToken) {
        self.visit(spec, sitting, token, false).await;
    }

    /// Someone said something in a room: a message of a person (and a visit, if their
    /// coming in was not counted in this sitting) or of staff, counted apart.
    pub async fn said(
        &self,
        spec: &RoomSpec,
        sitting: &Sitting,
        token: &SessionToken,
        staff: bool,
    ) {
        if staff {
            self.add(&[(name::STAFF_MESSAGES, Some(&spec.id), None)])
                .await;
        } else {
            self.visit(spec, sitting, token, true).await;
        }
    }

    async fn visit(&self, spec: &RoomSpec, sitting: &Sitting, token: &SessionToken, spoke: bool) {
        if ibasho_protocol::is_private_room(&spec.id) {
            return;
        }
        let room = Some(spec.id.as_str());
        let day = self.today();
        let member = member_hash(token, &sitting.name);
        let mut first_of_member = vec![figure_key(name::VISITS, room, None)];
        if spec.audience == Audience::Family {
            first_of_member.push(figure_key(name::FAMILY_ATTENDANCE, room, None));
        }
        if spec.kind == RoomKind::Programme {
            first_of_member.push(figure_key(name::PROGRAMME_ATTENDANCE, room, None));
        }
        let always: Vec<(String, u64)> = if spoke {
            vec![(figure_key(name::MESSAGES, room, None), 1)]
        } else {
            Vec::new()
        };
        let visit = Visit {
            day: &day,
            sitting: &sitting.name,
            keep_for: sitting.keep_for,
            member: &member,
            spoke,
            first_of_sitting: &[figure_key(name::SITTINGS, room, None)],
            first_of_member: &first_of_member,
            listening: &figure_key(name::LISTENING_VISITS, room, None),
            always: &always,
        };
        if let Err(err) = self.store.visit(&visit).await {
            tracing::warn!(error = %err, "could not count a visit");
        }
    }

    /// A reaction given in a room.
    pub async fn reacted(&self, room: &str) {
        self.add(&[(name::REACTIONS, Some(room), None)]).await;
    }

    /// A room's count of people now (the day's peak is kept).
    pub async fn present(&self, room: &str, present: u32) {
        if ibasho_protocol::is_private_room(room) || present == 0 {
            return;
        }
        let day = self.today();
        {
            let mut peaks = self
                .peaks
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            let peak = peaks.entry(room.to_owned()).or_insert((day.clone(), 0));
            if peak.0 != day {
                *peak = (day.clone(), 0);
            }
            if present <= peak.1 {
                return;
            }
            peak.1 = present;
        }
        let key = figure_key(name::PEAK_PRESENCE, Some(room), None);
        if let Err(err) = self
            .store
            .raise_figure(&day, &key, u64::from(present))
            .await
        {
            tracing::warn!(error = %err, "could not count a peak");
        }
    }

    /// A person's browser said this is its first visit.
    pub async fn first_visit(&self) {
        self.add(&[(name::FIRST_VISITS, None, None)]).await;
    }

    /// Adds one to each `(figure, room, detail)`.
    pub async fn add(&self, counts: &[(&str, Option<&str>, Option<&str>)]) {
        let counts: Vec<(String, u64)> = counts
            .iter()
            .filter(|(_, room, _)| !room.is_some_and(ibasho_protocol::is_private_room))
            .map(|(figure, room, detail)| (figure_key(figure, *room, *detail), 1))
            .collect();
        if counts.is_empty() {
            return;
        }
        if let Err(err) = self.store.add_figures(&self.today(), &counts).await {
            tracing::warn!(error = %err, "could not count a figure");
        }
    }

    /// A case was claimed after `seconds` in the queue.
    pub async fn claimed(&self, seconds: u64) {
        let bucket = wait_bucket(seconds).to_string();
        self.add(&[
            (name::CASES, None, None),
            (name::WAITS, None, Some(&bucket)),
        ])
        .await;
    }
}

/// A hash of a session and a sitting (which names its room): the same person is the same
/// member all through a sitting, on any node. Made from the session's token itself, which
/// no store holds (stores name sessions by another hash of it): nobody who reads the
/// store, its files or its replication stream can recompute it for a session there.
fn member_hash(token: &SessionToken, sitting: &str) -> String {
    let digest = Sha256::digest(format!("figures\n{}\n{sitting}", token.expose()).as_bytes());
    hex(&digest[..16])
}

/// A waiting time rounded, so that the figures keep how long people waited, not when: to
/// 10 seconds under 10 minutes, to a minute under an hour, to 5 minutes after.
pub fn wait_bucket(seconds: u64) -> u64 {
    if seconds < 600 {
        seconds / 10 * 10
    } else if seconds < 3600 {
        seconds / 60 * 60
    } else {
        seconds / 300 * 300
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_are_rounded_more_the_longer_they_are() {
        assert_eq!(wait_bucket(0), 0);
        assert_eq!(wait_bucket(59), 50);
        assert_eq!(wait_bucket(601), 600);
        assert_eq!(wait_bucket(3599), 3540);
        assert_eq!(wait_bucket(3901), 3900);
    }
}
