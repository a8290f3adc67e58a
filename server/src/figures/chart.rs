//! A figure's chart, pure: this year's months as bars, the year before as a line, from the
//! cells as shown — a hidden cell is never drawn to scale (its bar is an outline the same
//! for every hidden month), and the line breaks where a month is hidden. Whole units only.

use ibasho_protocol::figures::Cell;

/// The drawing's size (the SVG's viewBox).
pub const WIDTH: u64 = 720;
pub const HEIGHT: u64 = 300;
const BASE: u64 = 260;
const TOP: u64 = 20;
/// Where month labels sit.
pub const LABEL_Y: u64 = 290;
/// A hidden month's outline.
const HIDDEN_HEIGHT: u64 = 16;

/// One month's bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub x: u64,
    pub width: u64,
    pub y: u64,
    pub height: u64,
    /// The number is hidden: an outline, never to scale.
    pub hidden: bool,
}

/// This year's bars and the year before's line, in parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    pub bars: Vec<Bar>,
    pub line: Vec<Vec<(u64, u64)>>,
}

fn slot(months: usize) -> u64 {
    WIDTH / u64::try_from(months.max(1)).unwrap_or(1)
}

fn at(index: usize) -> u64 {
    u64::try_from(index).unwrap_or(0)
}

/// The chart of `cells` (this year) over `before` (the same months a year earlier).
pub fn chart(cells: &[Cell], before: &[Cell]) -> Chart {
    let slot = slot(cells.len());
    let highest = cells
        .iter()
        .chain(before)
        .filter_map(Cell::count)
        .max()
        .unwrap_or(0)
        .max(1);
    let scale = |v: u64| (BASE - TOP).saturating_mul(v) / highest;
    let bars = cells
        .iter()
        .enumerate()
        .map(|(index, cell)| {
            let (height, hidden) = match cell.count() {
                Some(v) => (scale(v), false),
                None => (HIDDEN_HEIGHT, true),
            };
            Bar {
                x: at(index) * slot + slot * 15 / 100,
                width: slot * 70 / 100,
                y: BASE - height,
                height,
                hidden,
            }
        })
        .collect();
    let mut line: Vec<Vec<(u64, u64)>> = vec![Vec::new()];
    for (index, cell) in before.iter().enumerate().take(cells.len()) {
        match cell.count() {
            Some(v) => {
                if let Some(part) = line.last_mut() {
                    part.push((at(index) * slot + slot / 2, BASE - scale(v)));
                }
            }
            None => line.push(Vec::new()),
        }
    }
    line.retain(|part| !part.is_empty());
    Chart { bars, line }
}

/// A line part as SVG's `points`.
pub fn points(part: &[(u64, u64)]) -> String {
    part.iter()
        .map(|(x, y)| format!("{x},{y}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The x of the label under month `index` of `months`.
pub fn label_x(months: usize, index: usize) -> u64 {
    let slot = slot(months);
    at(index) * slot + slot / 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_months_are_outlines_and_break_the_line() {
        let cells = [Cell::Count(20), Cell::small(10), Cell::Count(10)];
        let before = [Cell::Count(10), Cell::withheld(), Cell::Count(40)];
        let chart = chart(&cells, &before);
        assert_eq!(chart.bars.len(), 3);
        assert!(chart.bars[1].hidden);
        assert_eq!(chart.bars[1].height, HIDDEN_HEIGHT);
        // Scaled to the highest shown number of both years (40): 20 is half as high.
        assert_eq!(chart.bars[0].height, 120);
        assert_eq!(chart.line.len(), 2, "the hidden month breaks the line");
        assert_eq!(points(&chart.line[0]), "120,200");
        assert_eq!(label_x(3, 1), 360);
    }
}
