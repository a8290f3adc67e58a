//! Statistical disclosure control for the usage figures an administrator sees.
//!
//! Small numbers are never shown exactly. This follows the rule the Japanese
//! Ministry of Health, Labour and Welfare applies to published counts
//! (最小集計単位): in an anonymous space a count of 1 to `threshold - 1` could
//! still point at one person ("the one who came to room X in August"), so it
//! is shown as "<k".
//!
//! * **Primary suppression.** Every cell whose value is in `1..threshold` —
//!   month cells, row totals, previous-year totals and the sum row alike — is
//!   [`Shown::Small`]. Zero stays visible: "nobody came" identifies nobody, and
//!   hiding it would make the figures useless for quiet rooms.
//! * **Secondary suppression.** Totals make cells recoverable: if a row shows
//!   its total and all months but one, the hidden month is a subtraction away.
//!   So further cells are [`Shown::Withheld`] until no suppressed cell is
//!   uniquely determined by the shown ones through the table's equations
//!   (each row's months sum to its total; with a sum row, every column of the
//!   rows sums to the sum row's cell). The previous-year totals are not sums
//!   of this period's months, so they only take part in column equations.
//!
//! The cheap rule "no equation may have exactly one unknown" is applied first,
//! but it is not enough (a suppressed cell bridging two otherwise closed cycles
//! is still determined), so an exact check by Gaussian elimination follows and
//! the two alternate until nothing is determined. Every step hides one more
//! cell, so the loop ends at the latest when everything is hidden.

/// A cell as it may be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// The exact number.
    Count(u64),
    /// 1..k-1: primary suppression (shown as "<k").
    Small,
    /// Withheld only so that another suppressed cell cannot be worked out (secondary suppression, shown as "x").
    Withheld,
}

impl Shown {
    fn is_suppressed(self) -> bool {
        !matches!(self, Shown::Count(_))
    }
}

/// One figure's table: rows are rooms (or one row), columns are months.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// cells[row][month]
    pub cells: Vec<Vec<u64>>,
    /// Each row's total of the period before (the previous fiscal year), if the table has that column. Same length as cells when Some.
    pub previous: Option<Vec<u64>>,
    /// Whether a sum row (the sum over the rows, month by month, and of the totals) is shown after the rows.
    pub sum_row: bool,
}

/// One row as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownRow {
    pub cells: Vec<Shown>,
    pub total: Shown,
    pub previous_total: Option<Shown>,
}

/// Below this a coefficient counts as zero. The coefficients start as ±1 on
/// tables of at most a few hundred cells, so real non-zeros stay far above it.
const EPSILON: f64 = 1e-9;

/// Where each cell lives in one flat vector: row by row (the sum row last),
/// each row being its months, then its total, then its previous total.
struct Layout {
    rows: usize,
    months: usize,
    previous: bool,
    sum_row: bool,
}

impl Layout {
    fn of(table: &Table) -> Self {
        Layout {
            rows: table.cells.len(),
            // Rows of unequal length are a caller's bug; the longest one keeps
            // every given value in the table (missing cells count as 0).
            months: table.cells.iter().map(Vec::len).max().unwrap_or(0),
            previous: table.previous.is_some(),
            sum_row: table.sum_row,
        }
    }

    fn width(&self) -> usize {
        self.months + 1 + usize::from(self.previous)
    }

    fn all_rows(&self) -> usize {
        self.rows + usize::from(self.sum_row)
    }

    fn cell(&self, row: usize, column: usize) -> usize {
        row * self.width() + column
    }

    /// The true value of every cell, totals and sum row included.
    fn values(&self, table: &Table) -> Vec<u64> {
        let width = self.width();
        let mut values = vec![0; self.all_rows() * width];
        for (row, months) in table.cells.iter().enumerate() {
            let line = &mut values[row * width..(row + 1) * width];
            for (slot, &value) in line.iter_mut().zip(months) {
                *slot = value;
            }
            // Saturating: an overflowing count is absurd, but must not panic.
            line[self.months] = months.iter().fold(0, |sum: u64, &v| sum.saturating_add(v));
            if let Some(previous) = &table.previous {
                line[self.months + 1] = previous.get(row).copied().unwrap_or(0);
            }
        }
        if self.sum_row {
            for column in 0..width {
                let sum = (0..self.rows)
                    .map(|row| values[self.cell(row, column)])
                    .fold(0, u64::saturating_add);
                values[self.cell(self.rows, column)] = sum;
            }
        }
        values
    }

    /// The linear relations between the cells.
    fn equations(&self) -> Vec<Equation> {
        let mut equations: Vec<Equation> = (0..self.all_rows())
            .map(|row| Equation {
                parts: (0..self.months).map(|m| self.cell(row, m)).collect(),
                total: self.cell(row, self.months),
            })
            .collect();
        if self.sum_row {
            equations.extend((0..self.width()).map(|column| Equation {
                parts: (0..self.rows).map(|row| self.cell(row, column)).collect(),
                total: self.cell(self.rows, column),
            }));
        }
        equations
    }
}

/// `sum(parts) = total`.
struct Equation {
    parts: Vec<usize>,
    total: usize,
}

impl Equation {
    fn contains(&self, cell: usize) -> bool {
        self.total == cell || self.parts.contains(&cell)
    }

    fn suppressed(&self, state: &[Shown]) -> usize {
        let hidden = |&&c: &&usize| state[c].is_suppressed();
        self.parts.iter().filter(hidden).count() + usize::from(hidden(&&self.total))
    }

    /// Whether the shown cells pin one of this equation's hidden parts through the bounds
    /// every small count keeps (1 to `threshold - 1`), not by linear algebra: three
    /// "<3" counts under a shown total of 3 are each 1. Only when every unknown is such a
    /// count and the total is shown (a withheld cell may be 0 or large: no bound).
    fn pinned(&self, state: &[Shown], values: &[u64], threshold: u64) -> bool {
        if state[self.total].is_suppressed() {
            return false;
        }
        let unknown: Vec<usize> = self
            .parts
            .iter()
            .copied()
            .filter(|&c| state[c].is_suppressed())
            .collect();
        if unknown.len() < 2 || unknown.iter().any(|&c| state[c] != Shown::Small) {
            return false;
        }
        let shown: u64 = self
            .parts
            .iter()
            .filter(|&&c| !state[c].is_suppressed())
            .map(|&c| values[c])
            .sum();
        let rest = values[self.total].saturating_sub(shown);
        let others = u64::try_from(unknown.len() - 1).unwrap_or(u64::MAX);
        let most = threshold.saturating_sub(1);
        let low = rest.saturating_sub(others.saturating_mul(most)).max(1);
        let high = rest.saturating_sub(others).min(most);
        low >= high
    }

    /// The cell to withhold next in this equation: the smallest shown positive
    /// part (it gives away the least), else the total, else any shown cell.
    fn choose(&self, state: &[Shown], values: &[u64]) -> Option<usize> {
        // `min_by_key` returns the first of equal minima, as the rule wants.
        let shown = self
            .parts
            .iter()
            .copied()
            .filter(|&c| !state[c].is_suppressed());
        shown
            .clone()
            .filter(|&c| values[c] > 0)
            .min_by_key(|&c| values[c])
            .or_else(|| (!state[self.total].is_suppressed()).then_some(self.total))
            .or_else(|| shown.min_by_key(|&c| values[c]))
    }
}

/// The suppressed cells that the shown cells pin down. A cell is determined
/// iff it is a pivot column of the reduced row echelon form whose pivot row
/// has no entry in a free column, i.e. every null-space vector is zero there.
/// The right-hand sides (the shown values) do not affect this, so only the
/// coefficients of the unknowns are eliminated.
fn determined(equations: &[Equation], suppressed: &[bool]) -> Vec<usize> {
    let unknowns: Vec<usize> = (0..suppressed.len()).filter(|&c| suppressed[c]).collect();
    let mut matrix: Vec<Vec<f64>> = equations
        .iter()
        .map(|equation| {
            let coefficient = |cell: usize| unknowns.binary_search(&cell).ok();
            let mut line = vec![0.0; unknowns.len()];
            for j in equation.parts.iter().filter_map(|&c| coefficient(c)) {
                line[j] += 1.0;
            }
            if let Some(j) = coefficient(equation.total) {
                line[j] -= 1.0;
            }
            line
        })
        .collect();
    let mut pivots = Vec::new();
    for column in 0..unknowns.len() {
        let top = pivots.len();
        // Partial pivoting (largest magnitude) keeps the f64 arithmetic tame.
        let best = (top..matrix.len())
            .max_by(|&a, &b| matrix[a][column].abs().total_cmp(&matrix[b][column].abs()));
        let Some(best) = best.filter(|&b| matrix[b][column].abs() > EPSILON) else {
            continue;
        };
        matrix.swap(top, best);
        let pivot = matrix[top][column];
        let pivot_line: Vec<f64> = matrix[top].iter().map(|x| x / pivot).collect();
        for (at, line) in matrix.iter_mut().enumerate() {
            if at == top {
                line.clone_from(&pivot_line);
                continue;
            }
            let factor = line[column];
            if factor.abs() > EPSILON {
                for (x, p) in line.iter_mut().zip(&pivot_line) {
                    *x -= factor * p;
                    // Snap drift back to an exact zero so it cannot look like a free entry.
                    if x.abs() <= EPSILON {
                        *x = 0.0;
                    }
                }
            }
        }
        pivots.push(column);
    }
    let free: Vec<usize> = (0..unknowns.len())
        .filter(|c| !pivots.contains(c))
        .collect();
    pivots
        .iter()
        .enumerate()
        .filter(|&(row, _)| free.iter().all(|&f| matrix[row][f].abs() <= EPSILON))
        .map(|(_, &column)| unknowns[column])
        .collect()
}

/// The table as shown: one `ShownRow` per input row, then the sum row when `sum_row`.
#[must_use]
pub fn suppress(table: &Table, threshold: u64) -> Vec<ShownRow> {
    let layout = Layout::of(table);
    let values = layout.values(table);
    let equations = layout.equations();
    let primary = |&v: &u64| match v {
        1.. if v < threshold => Shown::Small,
        _ => Shown::Count(v),
    };
    let mut state: Vec<Shown> = values.iter().map(primary).collect();

    // Each pass withholds at least one more cell or stops, so this ends within
    // as many passes as there are cells.
    loop {
        // Cheap rule first: an equation with one unknown gives it away. A whole
        // pass over the equations before looking again, rather than restarting
        // at the first one, lets one withheld cell (often a total) settle
        // several equations instead of cascading along the first rows.
        let mut changed = false;
        for equation in &equations {
            let gives_away =
                equation.suppressed(&state) == 1 || equation.pinned(&state, &values, threshold);
            if gives_away && let Some(cell) = equation.choose(&state, &values) {
                state[cell] = Shown::Withheld;
                changed = true;
            }
        }
        if changed {
            continue;
        }
        let suppressed: Vec<bool> = state.iter().map(|s| s.is_suppressed()).collect();
        let found = determined(&equations, &suppressed);
        if found.is_empty() {
            break;
        }
        let near = found.iter().find_map(|&cell| {
            equations
                .iter()
                .filter(|e| e.contains(cell))
                .find_map(|e| e.choose(&state, &values))
        });
        // Should every equation around the determined cells already be hidden,
        // hiding the smallest shown cell anywhere still removes information.
        let anywhere = || {
            let shown = (0..state.len()).filter(|&c| !state[c].is_suppressed());
            shown.min_by_key(|&c| (values[c] == 0, values[c], c))
        };
        match near.or_else(anywhere) {
            Some(cell) => state[cell] = Shown::Withheld,
            None => break,
        }
    }
    (0..layout.all_rows())
        .map(|row| {
            let line = &state[layout.cell(row, 0)..layout.cell(row + 1, 0)];
            let previous_total = layout.previous.then(|| line[layout.months + 1]);
            ShownRow {
                cells: line[..layout.months].to_vec(),
                total: line[layout.months],
                previous_total,
            }
        })
        .collect()
}

/// True when some suppressed cell of `shown` (Small or Withheld) is uniquely determined by the
/// cells that are shown (Count) through the table's linear relations (each row's months sum to its
/// total; each column — every month, the total column and the previous-total column — of the
/// rows sums to the sum row's cell when there is a sum row). Used by the tests and by `suppress` itself.
///
/// Cells missing from `shown` (a shape that does not match `table`) count as shown.
#[must_use]
pub fn derivable(table: &Table, shown: &[ShownRow]) -> bool {
    let layout = Layout::of(table);
    let mut suppressed = vec![false; layout.all_rows() * layout.width()];
    for (row, line) in shown.iter().enumerate().take(layout.all_rows()) {
        let mut mark = |column: usize, cell: Shown| {
            suppressed[layout.cell(row, column)] = cell.is_suppressed();
        };
        for (month, &cell) in line.cells.iter().enumerate().take(layout.months) {
            mark(month, cell);
        }
        mark(layout.months, line.total);
        if let (true, Some(previous)) = (layout.previous, line.previous_total) {
            mark(layout.months + 1, previous);
        }
    }
    !determined(&layout.equations(), &suppressed).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use Shown::{Count, Small, Withheld};
    use proptest::prelude::*;

    fn table(cells: &[&[u64]], previous: Option<&[u64]>, sum_row: bool) -> Table {
        Table {
            cells: cells.iter().map(|r| r.to_vec()).collect(),
            previous: previous.map(<[u64]>::to_vec),
            sum_row,
        }
    }

    /// (true value, shown) for every cell, the truth worked out apart from `suppress`.
    fn pairs(t: &Table, shown: &[ShownRow]) -> Vec<(u64, Shown)> {
        let months = t.cells.first().map_or(0, Vec::len);
        let previous = |i: usize| t.previous.as_ref().map(|p| p[i]);
        let mut truth: Vec<_> = (0..t.cells.len())
            .map(|i| (t.cells[i].clone(), previous(i)))
            .collect();
        if t.sum_row {
            let sums = (0..months).map(|m| t.cells.iter().map(|r| r[m]).sum());
            truth.push((sums.collect(), t.previous.as_ref().map(|p| p.iter().sum())));
        }
        assert_eq!(truth.len(), shown.len());
        let mut pairs = Vec::new();
        for ((cells, previous), row) in truth.into_iter().zip(shown) {
            assert_eq!(cells.len(), row.cells.len());
            assert_eq!(previous.is_some(), row.previous_total.is_some());
            pairs.push((cells.iter().sum(), row.total));
            pairs.extend(cells.into_iter().zip(row.cells.iter().copied()));
            pairs.extend(previous.zip(row.previous_total));
        }
        pairs
    }

    #[test]
    fn primary_hides_one_to_nine_and_keeps_zero_and_ten() {
        let t = table(&[&[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]], None, false);
        let shown = suppress(&t, 10);
        assert_eq!(shown[0].cells[0], Count(0));
        assert!(shown[0].cells[1..10].iter().all(|c| *c == Small));
        assert_eq!(shown[0].cells[10], Count(10));
        assert_eq!(shown[0].total, Count(55));
        assert!(!derivable(&t, &shown));
    }

    #[test]
    fn lone_small_month_takes_the_smallest_positive_month_with_it() {
        let t = table(&[&[3, 20, 0, 12, 40]], None, false);
        let shown = suppress(&t, 10);
        assert_eq!(shown.len(), 1);
        assert_eq!(
            shown[0].cells,
            [Small, Count(20), Count(0), Withheld, Count(40)]
        );
        assert_eq!(shown[0].total, Count(75));
        assert_eq!(shown[0].previous_total, None);
    }

    #[test]
    fn lone_small_room_in_a_column_takes_another_room_with_it() {
        let t = table(&[&[4, 0], &[15, 30], &[11, 30]], None, true);
        let shown = suppress(&t, 10);
        assert_eq!(shown.len(), 4);
        assert_eq!(shown[0].cells, [Small, Count(0)]);
        assert_eq!(shown[0].total, Small);
        assert_eq!(shown[1].cells[0], Count(15));
        assert_eq!(shown[2].cells[0], Withheld);
        assert_eq!(shown[3].cells, [Count(30), Count(60)]);
        assert_eq!(shown[3].total, Count(90));
        assert!(!derivable(&t, &shown));
    }

    #[test]
    fn one_row_without_sum_row() {
        let t = table(&[&[5, 0, 0]], None, false);
        let shown = suppress(&t, 10);
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].cells, [Small, Count(0), Count(0)]);
        assert_eq!(shown[0].total, Small);
        let t = table(&[&[12, 0, 3]], None, false);
        assert_eq!(suppress(&t, 10)[0].cells, [Withheld, Count(0), Small]);
    }

    #[test]
    fn previous_totals() {
        let t = table(&[&[20, 20], &[30, 30]], Some(&[4, 50]), true);
        let shown = suppress(&t, 10);
        assert_eq!(shown[0].previous_total, Some(Small));
        assert_eq!(shown[1].previous_total, Some(Withheld));
        assert_eq!(shown[2].previous_total, Some(Count(54)));
        // Nothing about this period needed hiding.
        assert!(
            shown
                .iter()
                .all(|r| !r.cells.contains(&Withheld) && r.total != Withheld)
        );
        // Without a sum row the previous total relates to nothing.
        let t = table(&[&[20, 20], &[30, 30]], Some(&[4, 50]), false);
        let shown = suppress(&t, 10);
        assert_eq!(shown[1].previous_total, Some(Count(50)));
    }

    #[test]
    fn small_counts_that_fill_a_shown_total_are_not_left_to_be_counted() {
        // 1 + 1 + 1 under a total of 3, at a threshold of 3: each "<3" would be 1.
        let t = table(&[&[0, 1, 1, 1]], None, false);
        let shown = suppress(&t, 3);
        assert_eq!(shown[0].cells, [Count(0), Small, Small, Small]);
        assert_eq!(shown[0].total, Withheld);
        // 1 + 2 under 3: either could be the 1.
        let t = table(&[&[1, 2, 5]], None, false);
        assert_eq!(suppress(&t, 3)[0].total, Count(8));
    }

    #[test]
    fn threshold_three() {
        let t = table(&[&[1, 2, 3, 5]], None, false);
        let shown = suppress(&t, 3);
        assert_eq!(shown[0].cells, [Small, Small, Count(3), Count(5)]);
        assert_eq!(shown[0].total, Count(11));
    }

    #[test]
    fn empty_tables_do_not_panic() {
        let t = table(&[], Some(&[]), true);
        let shown = suppress(&t, 10);
        assert_eq!(shown.len(), 1);
        assert!(shown[0].cells.is_empty());
        assert_eq!(shown[0].total, Count(0));
        assert_eq!(shown[0].previous_total, Some(Count(0)));
        let t = table(&[&[], &[]], Some(&[3, 40]), true);
        let shown = suppress(&t, 10);
        assert_eq!(shown.len(), 3);
        assert!(
            shown
                .iter()
                .all(|r| r.cells.is_empty() && r.total == Count(0))
        );
        assert!(!derivable(&t, &shown));
        assert_eq!(suppress(&table(&[], None, false), 10), []);
    }

    /// Two 2×2 cycles of small cells joined by one small cell: every equation
    /// has at least two unknowns, yet the joining cell is determined.
    #[test]
    fn a_bridge_between_cycles_is_caught() {
        let t = table(
            &[
                &[2, 2, 20, 20],
                &[2, 2, 2, 20],
                &[20, 20, 2, 2],
                &[20, 20, 2, 2],
            ],
            None,
            true,
        );
        let shown = suppress(&t, 10);
        assert!(!derivable(&t, &shown));
        // The same table with only the primary suppression gives the bridge away.
        let unwithhold = |c: &Shown| if *c == Withheld { Count(0) } else { *c };
        let primary: Vec<ShownRow> = shown
            .iter()
            .map(|r| ShownRow {
                cells: r.cells.iter().map(unwithhold).collect(),
                total: unwithhold(&r.total),
                previous_total: None,
            })
            .collect();
        assert_ne!(primary, shown);
        assert!(derivable(&t, &primary));
    }

    fn value() -> impl Strategy<Value = u64> {
        prop_oneof![4 => Just(0u64), 4 => 1..5u64, 3 => 1..12u64, 3 => 0..30u64]
    }

    type Tables = (Vec<Vec<u64>>, Option<Vec<u64>>, bool, u64);

    fn tables() -> impl Strategy<Value = Tables> {
        (1usize..=6, 1usize..=13).prop_flat_map(|(rows, months)| {
            (
                prop::collection::vec(prop::collection::vec(value(), months), rows),
                prop::option::of(prop::collection::vec(value(), rows)),
                any::<bool>(),
                3u64..=12,
            )
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        #[test]
        fn nothing_small_can_be_seen_or_worked_out((cells, previous, sum_row, threshold) in tables()) {
            let t = Table { cells, previous, sum_row };
            let shown = suppress(&t, threshold);
            prop_assert!(!derivable(&t, &shown));
            for (value, cell) in pairs(&t, &shown) {
                if (1..threshold).contains(&value) {
                    prop_assert!(!matches!(cell, Count(_)));
                }
                if let Count(n) = cell {
                    prop_assert_eq!(n, value);
                }
                if value == 0 {
                    prop_assert_ne!(cell, Small);
                }
            }
        }
    }
}
