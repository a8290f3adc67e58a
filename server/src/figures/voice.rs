//! The participants' voice: answers kept with their day only, and what administrators may
//! read of a month — the ratings (small counts suppressed) and the comments, released only
//! after the month has ended, only in batches of at least the threshold, shuffled. Comments
//! too few to release wait (joined by the next months' about the same room or subject) up
//! to the retention, then are erased.

use std::collections::BTreeMap;

use ibasho_protocol::VoiceAbout;
use ibasho_protocol::figures::{
    Cell, RatingCounts, VoiceComments, VoiceRatings, VoiceReport, VoiceTarget,
};
use rand::seq::SliceRandom;
use sha2::{Digest, Sha256};

use super::Figures;
use super::months::Month;
use super::suppress::{self, Shown, Table};
use crate::store::{StoreResult, VoiceRecord, hex};
use crate::token::SessionToken;

/// How long a session's "answered" mark lasts (longer than any sitting).
const ONCE_FOR: std::time::Duration = std::time::Duration::from_secs(48 * 3600);

/// The mark that a session answered about something (a room's sitting, a case, the service
/// on a day): a hash of the session's token itself — which no store holds, so that nothing
/// in the store (or its append-only file) can tie the mark, written beside the answer, to a
/// session there.
pub fn once_key(token: &SessionToken, about: &str) -> String {
    let digest = Sha256::digest(format!("voice\n{}\n{about}", token.expose()).as_bytes());
    hex(&digest[..16])
}

impl Figures {
    /// The month now, in the catalogue's time zone.
    pub fn this_month(&self) -> Month {
        Month::of(self.timing.local_now().date())
    }

    /// The first month still kept (older ones are erased).
    fn first_kept(&self) -> Month {
        let mut month = self.this_month();
        for _ in 1..self.settings.voice_months.max(1) {
            month = Month {
                year: if month.month == 1 {
                    month.year - 1
                } else {
                    month.year
                },
                month: if month.month == 1 {
                    12
                } else {
                    month.month - 1
                },
            };
        }
        month
    }

    /// Erases the months past the retention (also done on every answer and every report;
    /// this is for a quiet service, on the minute's round).
    pub async fn erase_old_voices(&self) -> StoreResult<()> {
        self.store
            .erase_voices_before(&self.first_kept().to_string())
            .await
    }

    /// Keeps an answer, unless `once` answered already (`Ok(false)`). Months past the
    /// retention are erased first.
    pub async fn keep_voice(&self, once: &str, record: &VoiceRecord) -> StoreResult<bool> {
        self.store
            .erase_voices_before(&self.first_kept().to_string())
            .await?;
        self.store.add_voice(once, ONCE_FOR, record).await
    }

    /// What administrators may read of `month`.
    pub async fn voice_report(&self, month: Month) -> StoreResult<VoiceReport> {
        let threshold = self.settings.threshold;
        let first = self.first_kept();
        self.store.erase_voices_before(&first.to_string()).await?;
        let records = if month < first {
            Vec::new()
        } else {
            self.store.voices(&month.to_string()).await?
        };
        // Ratings, by what they are about.
        let mut ratings: BTreeMap<VoiceTarget, [u64; 4]> = BTreeMap::new();
        for record in &records {
            let counts = ratings.entry(target(record)).or_default();
            if let Some(slot) = usize::from(record.rating)
                .checked_sub(1)
                .and_then(|at| counts.get_mut(at))
            {
                *slot += 1;
            }
        }
        // Like the comments, a month's ratings are read once it is over: counts that move
        // as people leave would tell who answered what.
        let over = month < self.this_month();
        let ratings = ratings
            .into_iter()
            .filter(|_| over)
            .map(|(target, counts)| rated(target, counts, threshold))
            .collect();
        let (comments, held) = if over && month >= first {
            // Gathered from the start of the month's fiscal year (or the first month kept):
            // a month's batches stay the same however often it is asked, as months go by.
            let from = first.max(Month {
                year: month.fiscal_year(),
                month: 4,
            });
            self.released(from, month, threshold).await?
        } else {
            // The month is not over: its comments wait.
            let mut held: Vec<VoiceTarget> = records
                .iter()
                .filter(|record| record.comment.is_some())
                .map(target)
                .collect();
            held.sort();
            held.dedup();
            (Vec::new(), held)
        };
        Ok(VoiceReport {
            month: month.to_string(),
            threshold,
            ratings,
            comments,
            held,
        })
    }

    /// The comment batches released for `month`, and what still waits there. Comments of
    /// each subject gather month by month from `from`; a batch is released in the month its
    /// gathering reaches the threshold.
    async fn released(
        &self,
        from: Month,
        month: Month,
        threshold: u64,
    ) -> StoreResult<(Vec<VoiceComments>, Vec<VoiceTarget>)> {
        let mut gathering: BTreeMap<VoiceTarget, Vec<String>> = BTreeMap::new();
        let mut released = Vec::new();
        let mut at = from;
        while at <= month {
            for record in self.store.voices(&at.to_string()).await? {
                if let Some(comment) = &record.comment {
                    gathering
                        .entry(target(&record))
                        .or_default()
                        .push(comment.clone());
                }
            }
            let full: Vec<VoiceTarget> = gathering
                .iter()
                .filter(|(_, texts)| texts.len() as u64 >= threshold)
                .map(|(target, _)| target.clone())
                .collect();
            for target in full {
                let texts = gathering.remove(&target).unwrap_or_default();
                if at == month {
                    released.push((target, texts));
                }
            }
            at = at.next();
        }
        let mut rng = rand::rng();
        let comments = released
            .into_iter()
            .map(|(target, mut texts)| {
                texts.shuffle(&mut rng);
                VoiceComments {
                    room: target.room,
                    about: target.about,
                    texts,
                }
            })
            .collect();
        Ok((comments, gathering.into_keys().collect()))
    }
}

fn target(record: &VoiceRecord) -> VoiceTarget {
    VoiceTarget {
        room: record.room.clone(),
        about: record.about,
    }
}

/// One subject's ratings, suppressed as one row (the four counts and how many answered).
fn rated(target: VoiceTarget, counts: [u64; 4], threshold: u64) -> VoiceRatings {
    let shown = suppress::suppress(
        &Table {
            cells: vec![counts.to_vec()],
            previous: None,
            sum_row: false,
        },
        threshold,
    );
    let cell = |shown: Option<&Shown>| match shown {
        Some(Shown::Count(n)) => Cell::Count(*n),
        Some(Shown::Small) => Cell::small(threshold),
        Some(Shown::Withheld) | None => Cell::withheld(),
    };
    let row = shown.first();
    let at = |i: usize| cell(row.and_then(|row| row.cells.get(i)));
    VoiceRatings {
        room: target.room,
        about: target.about,
        counts: RatingCounts {
            one: at(0),
            two: at(1),
            three: at(2),
            four: at(3),
        },
        answers: cell(row.map(|row| &row.total)),
    }
}

/// What a `voice` frame is about, as the store keeps it: a room, or the counselor or the
/// service (a frame with a room is about the room, whatever its `about` says).
pub fn about(room: Option<&str>, about: Option<VoiceAbout>) -> VoiceAbout {
    match (room, about) {
        (Some(_), _) => VoiceAbout::Room,
        (None, Some(VoiceAbout::Counselor)) => VoiceAbout::Counselor,
        (None, _) => VoiceAbout::Service,
    }
}
