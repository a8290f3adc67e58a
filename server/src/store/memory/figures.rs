//! The figures in memory: totals by day, and what each sitting has seen until it expires.
//! `--figures-file` keeps the totals (numbers only) across restarts: see `figures::file`.

use std::collections::{BTreeMap, HashMap};

use std::time::Instant;

use async_trait::async_trait;

use super::MemoryStore;
use crate::store::figures::{LocalFigures, Totals, Visit};
use crate::store::{FigureStore, StoreResult};

/// The collection's state.
#[derive(Debug, Default)]
pub(super) struct Figures {
    pub(super) totals: Totals,
    /// The sittings counted, by the day they were (kept two days).
    sittings: BTreeMap<String, String>,
    /// By sitting: when it expires, and each member's day of visit (`None` once they spoke).
    /// A member is the 128 bits of their hash (its 32 hex digits), their day a date: kept
    /// for everyone who came in, so kept small.
    seen: HashMap<String, (Instant, HashMap<u128, Option<jiff::civil::Date>>)>,
    /// Bumped on every change, so the figures file is written only when something changed.
    pub(super) generation: u64,
    /// When the next sweep of what expired is due: a sweep reads every sitting, so it runs
    /// once per [`SWEEP_EVERY`], not on every message (a sitting found expired before its
    /// sweep starts afresh).
    next_sweep: Option<Instant>,
}

/// A member's hash (hex, see `figures::member_hash`) as the number it spells; another
/// form (none is made) is hashed, which tells members apart as well within one process.
fn member_bits(member: &str) -> u128 {
    u128::from_str_radix(member, 16).unwrap_or_else(|_| {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        member.hash(&mut hasher);
        u128::from(hasher.finish())
    })
}

/// How often what the figures have seen is swept of what expired.
const SWEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(60);

impl Figures {
    fn add(&mut self, day: &str, key: &str, by: i64) {
        let total = self
            .totals
            .entry(day.to_owned())
            .or_default()
            .entry(key.to_owned())
            .or_default();
        *total = total.saturating_add_signed(by);
        self.generation += 1;
    }
}

#[async_trait]
impl FigureStore for MemoryStore {
    fn local_figures(&self) -> Option<(LocalFigures, u64)> {
        let state = self.lock();
        let kept = LocalFigures {
            days: state.figures.totals.clone(),
            sittings: state.figures.sittings.clone(),
        };
        Some((kept, state.figures.generation))
    }

    fn restore_figures(&self, kept: LocalFigures) {
        let mut state = self.lock();
        state.figures.sittings.extend(kept.sittings);
        for (day, counts) in kept.days {
            for (key, count) in counts {
                state
                    .figures
                    .add(&day, &key, i64::try_from(count).unwrap_or(i64::MAX));
            }
        }
    }

    async fn add_figures(&self, day: &str, counts: &[(String, u64)]) -> StoreResult<()> {
        let mut state = self.lock();
        for (key, by) in counts {
            state
                .figures
                .add(day, key, i64::try_from(*by).unwrap_or(i64::MAX));
        }
        Ok(())
    }

    async fn raise_figure(&self, day: &str, key: &str, value: u64) -> StoreResult<()> {
        let mut state = self.lock();
        let figures = &mut state.figures;
        let total = figures
            .totals
            .entry(day.to_owned())
            .or_default()
            .entry(key.to_owned())
            .or_default();
        if *total < value {
            *total = value;
            figures.generation += 1;
        }
        Ok(())
    }

    async fn visit(&self, visit: &Visit<'_>) -> StoreResult<()> {
        let now = Instant::now();
        let mut state = self.lock();
        let figures = &mut state.figures;
        if figures.next_sweep.is_none_or(|due| due <= now) {
            figures.next_sweep = Some(now + SWEEP_EVERY);
            figures.seen.retain(|_, (expires, _)| *expires > now);
            // Sittings counted two days ago or earlier are over: forgotten.
            if let Ok(today) = visit.day.parse::<jiff::civil::Date>()
                && let Ok(cutoff) = today.checked_sub(jiff::Span::new().days(2))
            {
                let cutoff = cutoff.to_string();
                figures.sittings.retain(|_, day| *day > cutoff);
            }
        }
        // Looked up before anything is copied: on every message, the sitting is known.
        let new_sitting = !figures.sittings.contains_key(visit.sitting);
        if new_sitting {
            figures
                .sittings
                .insert(visit.sitting.to_owned(), visit.day.to_owned());
        }
        if !figures.seen.contains_key(visit.sitting) {
            figures.seen.insert(
                visit.sitting.to_owned(),
                (now + visit.keep_for, HashMap::new()),
            );
        }
        let Some((expires, members)) = figures.seen.get_mut(visit.sitting) else {
            return Ok(());
        };
        if *expires <= now {
            // Expired, not swept yet: what it saw is over.
            members.clear();
        }
        *expires = (*expires).max(now + visit.keep_for);
        let mut counts: Vec<(String, &str, i64)> = Vec::new();
        let member = member_bits(visit.member);
        match members.get_mut(&member) {
            None => {
                let day = visit.day.parse::<jiff::civil::Date>().ok();
                members.insert(member, day.filter(|_| !visit.spoke));
                if new_sitting {
                    counts.extend(visit.first_of_sitting.iter().map(|k| (k.clone(), "", 1)));
                }
                counts.extend(visit.first_of_member.iter().map(|k| (k.clone(), "", 1)));
                if !visit.spoke {
                    counts.push((visit.listening.to_owned(), "", 1));
                }
            }
            Some(listening) => {
                if visit.spoke
                    && let Some(day) = listening.take()
                {
                    // Counted as listening on the day they came in: no longer.
                    figures.add(&day.to_string(), visit.listening, -1);
                }
            }
        }
        for (key, _, by) in counts {
            figures.add(visit.day, &key, by);
        }
        for (key, by) in visit.always {
            figures.add(visit.day, key, i64::try_from(*by).unwrap_or(i64::MAX));
        }
        Ok(())
    }

    async fn figures(&self, days: &[String]) -> StoreResult<Totals> {
        let state = self.lock();
        Ok(days
            .iter()
            .filter_map(|day| {
                let totals = state.figures.totals.get(day)?;
                Some((day.clone(), totals.clone()))
            })
            .collect())
    }
}
