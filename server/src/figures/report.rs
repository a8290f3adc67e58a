//! The totals as an administrator reads them: one row per figure (per room, with the sum
//! over rooms, or per kind), one cell per month, the total and the same months' total a
//! year before — each table suppressed as a whole (see [`super::suppress`]), so that the
//! page, its charts, the JSON and the CSV all hide the same cells.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use ibasho_protocol::figures::{Cell, FigureRow, FiguresReport};
use ibasho_protocol::{Audience, RoomKind, is_private_room};

use super::months::{Month, Months};
use super::name;
use super::suppress::{self, Shown, Table};
use crate::catalogue::Catalogue;
use crate::store::figures::{Totals, key_parts};

/// Figures counted for each room, with a sum row.
const ROOM_FIGURES: [&str; 6] = [
    name::VISITS,
    name::LISTENING_VISITS,
    name::MESSAGES,
    name::STAFF_MESSAGES,
    name::REACTIONS,
    name::SITTINGS,
];

/// Figures counted by kind in each room, with a sum row per kind (the kinds that occur).
const KIND_FIGURES: [&str; 4] = [
    name::MODERATION_ACTIONS,
    name::REPORTS,
    name::REPORT_OUTCOMES,
    name::AUTOMATIC,
];

/// The totals summed by month: `cells[key][month]` and the year before's total per key.
struct Summed {
    cells: HashMap<String, Vec<u64>>,
    previous: HashMap<String, u64>,
    /// Waiting times to a claim by month: seconds → cases.
    waits: Vec<BTreeMap<u64, u64>>,
    previous_waits: BTreeMap<u64, u64>,
}

impl Summed {
    fn new(months: &[Month], totals: &Totals, previous: &Totals) -> Summed {
        let index: HashMap<String, usize> = months
            .iter()
            .enumerate()
            .map(|(at, month)| (month.to_string(), at))
            .collect();
        let mut summed = Summed {
            cells: HashMap::new(),
            previous: HashMap::new(),
            waits: vec![BTreeMap::new(); months.len()],
            previous_waits: BTreeMap::new(),
        };
        for (day, counts) in totals {
            let Some(&at) = day.get(..7).and_then(|month| index.get(month)) else {
                continue;
            };
            for (key, &count) in counts {
                if let Some((name::WAITS, None, Some(seconds))) = key_parts(key) {
                    if let Ok(seconds) = seconds.parse() {
                        *summed.waits[at].entry(seconds).or_default() += count;
                    }
                    continue;
                }
                let cells = summed
                    .cells
                    .entry(key.clone())
                    .or_insert_with(|| vec![0; months.len()]);
                cells[at] = combine(key, cells[at], count);
            }
        }
        for counts in previous.values() {
            for (key, &count) in counts {
                if let Some((name::WAITS, None, Some(seconds))) = key_parts(key) {
                    if let Ok(seconds) = seconds.parse() {
                        *summed.previous_waits.entry(seconds).or_default() += count;
                    }
                    continue;
                }
                let total = summed.previous.entry(key.clone()).or_default();
                *total = combine(key, *total, count);
            }
        }
        summed
    }

    fn row(
        &self,
        figure: &str,
        room: Option<&str>,
        detail: Option<&str>,
        months: usize,
    ) -> (Vec<u64>, u64) {
        let key = crate::store::figure_key(figure, room, detail);
        (
            self.cells
                .get(&key)
                .cloned()
                .unwrap_or_else(|| vec![0; months]),
            self.previous.get(&key).copied().unwrap_or(0),
        )
    }

    /// The kinds (details) of a figure that occur, and in which rooms.
    fn kinds(&self, figure: &str) -> BTreeMap<String, BTreeSet<String>> {
        let mut kinds: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for key in self.cells.keys().chain(self.previous.keys()) {
            if let Some((f, room, Some(detail))) = key_parts(key)
                && f == figure
            {
                let rooms = kinds.entry(detail.to_owned()).or_default();
                if let Some(room) = room {
                    rooms.insert(room.to_owned());
                }
            }
        }
        kinds
    }
}

/// Peaks are the highest of their days; everything else adds up.
fn combine(key: &str, a: u64, b: u64) -> u64 {
    if key.starts_with(name::PEAK_PRESENCE)
        && key.as_bytes().get(name::PEAK_PRESENCE.len()) == Some(&b'|')
    {
        a.max(b)
    } else {
        a.saturating_add(b)
    }
}

/// The report of `months`, from their days' totals and those of the year before.
pub fn report(
    months: Months,
    totals: &Totals,
    previous: &Totals,
    catalogue: &Catalogue,
    threshold: u64,
) -> FiguresReport {
    let list = months.list();
    let summed = Summed::new(&list, totals, previous);
    let n = list.len();
    let rooms: Vec<&crate::catalogue::RoomSpec> = catalogue
        .rooms
        .iter()
        .filter(|room| !is_private_room(&room.id))
        .collect();
    let mut rows = Vec::new();
    let table = |figure: &str, detail: Option<&str>, room_ids: &[&str], sum_row: bool| {
        let mut cells = Vec::new();
        let mut before = Vec::new();
        for room in room_ids {
            let (row, previous) = summed.row(figure, Some(room), detail, n);
            cells.push(row);
            before.push(previous);
        }
        shown_rows(
            figure,
            detail,
            room_ids.iter().map(|room| Some(*room)),
            &Table {
                cells,
                previous: Some(before),
                sum_row,
            },
            threshold,
            n,
        )
    };
    let all: Vec<&str> = rooms.iter().map(|room| room.id.as_str()).collect();
    for figure in ROOM_FIGURES {
        let shown = table(figure, None, &all, true);
        if figure == name::VISITS {
            // Attendance is the visits of some rooms: drawn from the visits as shown (never
            // suppressed apart, or one table would give away what the other hides).
            let family: Vec<&str> = rooms
                .iter()
                .filter(|room| room.audience == Audience::Family)
                .map(|room| room.id.as_str())
                .collect();
            let programmes: Vec<&str> = rooms
                .iter()
                .filter(|room| room.kind == RoomKind::Programme)
                .map(|room| room.id.as_str())
                .collect();
            let family = part_of(&shown, name::FAMILY_ATTENDANCE, &family, n);
            let programmes = part_of(&shown, name::PROGRAMME_ATTENDANCE, &programmes, n);
            rows.extend(shown);
            rows.extend(family);
            rows.extend(programmes);
        } else {
            rows.extend(shown);
        }
    }
    // A peak is no sum: each room's is shown (or suppressed) alone.
    for room in &all {
        let (cells, previous) = summed.row(name::PEAK_PRESENCE, Some(room), None, n);
        let total = cells.iter().copied().max().unwrap_or(0);
        let cell = |value: u64| primary(value, threshold);
        rows.push(FigureRow {
            figure: name::PEAK_PRESENCE.to_owned(),
            room: Some((*room).to_owned()),
            detail: None,
            cells: cells.iter().map(|&value| cell(value)).collect(),
            total: cell(total),
            previous_total: cell(previous),
        });
    }
    for kind_figure in KIND_FIGURES {
        for (detail, in_rooms) in summed.kinds(kind_figure) {
            let ids: Vec<&str> = all
                .iter()
                .copied()
                .filter(|room| in_rooms.contains(*room))
                .collect();
            rows.extend(table(kind_figure, Some(&detail), &ids, true));
        }
    }
    // Figures of no room: one row each (the counselor's work, first visits).
    let single = |figure: &str, detail: Option<&str>| {
        let (row, previous) = summed.row(figure, None, detail, n);
        shown_rows(
            figure,
            detail,
            std::iter::once(None),
            &Table {
                cells: vec![row],
                previous: Some(vec![previous]),
                sum_row: false,
            },
            threshold,
            n,
        )
    };
    rows.extend(single(name::FIRST_VISITS, None));
    for source in ["participant", "facilitator", "crisis"] {
        rows.extend(single(name::COUNSELOR_REQUESTS, Some(source)));
    }
    rows.extend(single(name::CONSENTS_GIVEN, None));
    rows.extend(single(name::CONSENTS_DECLINED, None));
    rows.extend(single(name::CASES, None));
    // Every outcome a counselor can record (and `none`), then any other the store has.
    let known = ["talked", "referred", "no_contact", "other", "none"];
    let others = summed
        .kinds(name::OUTCOMES)
        .into_keys()
        .filter(|outcome| !known.contains(&outcome.as_str()));
    for outcome in known.map(str::to_owned).into_iter().chain(others) {
        rows.extend(single(name::OUTCOMES, Some(&outcome)));
    }
    for (figure, share) in [(name::WAIT_MEDIAN, 0.5), (name::WAIT_P90, 0.9)] {
        let all_months: BTreeMap<u64, u64> =
            summed.waits.iter().fold(BTreeMap::new(), |mut all, month| {
                for (&seconds, &count) in month {
                    *all.entry(seconds).or_default() += count;
                }
                all
            });
        let cell = |waits: &BTreeMap<u64, u64>| {
            let cases: u64 = waits.values().sum();
            if cases > 0 && cases < threshold {
                Cell::small(threshold)
            } else {
                Cell::Count(percentile(waits, share))
            }
        };
        rows.push(FigureRow {
            figure: figure.to_owned(),
            room: None,
            detail: None,
            cells: summed.waits.iter().map(cell).collect(),
            total: cell(&all_months),
            previous_total: cell(&summed.previous_waits),
        });
    }
    FiguresReport {
        from: months.from.to_string(),
        to: months.to.to_string(),
        time_zone: catalogue.zone.iana_name().unwrap_or("UTC").to_owned(),
        threshold,
        months: list.iter().map(ToString::to_string).collect(),
        rows,
    }
}

/// Rows of `figure` that are the rows of `rooms` in `shown` (another figure's, already
/// suppressed), with their sum: a sum is shown only where every room's cell is (a sum of
/// shown numbers tells nothing new; one over a hidden cell is withheld).
fn part_of(shown: &[FigureRow], figure: &str, rooms: &[&str], months: usize) -> Vec<FigureRow> {
    let mut rows: Vec<FigureRow> = shown
        .iter()
        .filter(|row| {
            row.room
                .as_deref()
                .is_some_and(|room| rooms.contains(&room))
        })
        .map(|row| FigureRow {
            figure: figure.to_owned(),
            ..row.clone()
        })
        .collect();
    let sum = |cells: Vec<&Cell>| -> Cell {
        cells
            .iter()
            .map(|cell| cell.count())
            .sum::<Option<u64>>()
            .map_or_else(Cell::withheld, Cell::Count)
    };
    let sum_row = FigureRow {
        figure: figure.to_owned(),
        room: None,
        detail: None,
        cells: (0..months)
            .map(|at| sum(rows.iter().filter_map(|row| row.cells.get(at)).collect()))
            .collect(),
        total: sum(rows.iter().map(|row| &row.total).collect()),
        previous_total: sum(rows.iter().map(|row| &row.previous_total).collect()),
    };
    rows.push(sum_row);
    rows
}

/// The `share` percentile (nearest rank) of waiting times counted by how long.
fn percentile(waits: &BTreeMap<u64, u64>, share: f64) -> u64 {
    let cases: u64 = waits.values().sum();
    if cases == 0 {
        return 0;
    }
    // Nearest rank: the smallest wait with at least `share` of the cases at or below it.
    let cases_f = f64::from(u32::try_from(cases).unwrap_or(u32::MAX));
    let rank = (share * cases_f).ceil().max(1.0);
    let mut seen = 0.0;
    for (&seconds, &count) in waits {
        seen += f64::from(u32::try_from(count).unwrap_or(u32::MAX));
        if seen >= rank {
            return seconds;
        }
    }
    waits.keys().next_back().copied().unwrap_or(0)
}

fn primary(value: u64, threshold: u64) -> Cell {
    if value > 0 && value < threshold {
        Cell::small(threshold)
    } else {
        Cell::Count(value)
    }
}

fn cell(shown: Shown, threshold: u64) -> Cell {
    match shown {
        Shown::Count(value) => Cell::Count(value),
        Shown::Small => Cell::small(threshold),
        Shown::Withheld => Cell::withheld(),
    }
}

/// A table's rows as shown: its rooms' rows, then (with `sum_row`) the sum as `room: null`.
fn shown_rows<'a>(
    figure: &str,
    detail: Option<&str>,
    rooms: impl Iterator<Item = Option<&'a str>>,
    table: &Table,
    threshold: u64,
    months: usize,
) -> Vec<FigureRow> {
    let shown = suppress::suppress(table, threshold);
    let names: Vec<Option<&str>> = rooms.chain(table.sum_row.then_some(None)).collect();
    shown
        .into_iter()
        .zip(names)
        .map(|(row, room)| FigureRow {
            figure: figure.to_owned(),
            room: room.map(str::to_owned),
            detail: detail.map(str::to_owned),
            // A table of no rooms has a sum row of no months: zeros, as many as the months.
            cells: if row.cells.is_empty() {
                vec![Cell::Count(0); months]
            } else {
                row.cells.into_iter().map(|c| cell(c, threshold)).collect()
            },
            total: cell(row.total, threshold),
            previous_total: row
                .previous_total
                .map_or(Cell::Count(0), |c| cell(c, threshold)),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_by_nearest_rank() {
        let waits: BTreeMap<u64, u64> = [(10, 5), (60, 4), (600, 1)].into_iter().collect();
        assert_eq!(percentile(&waits, 0.5), 10);
        assert_eq!(percentile(&waits, 0.9), 60);
        assert_eq!(percentile(&BTreeMap::new(), 0.9), 0);
    }
}
