//! The figures as CSV: the same rows and the same cells as the JSON (suppressed cells as
//! their words), one line per row, header `figure,room,detail,<months…>,total,previous_total`.

use ibasho_protocol::figures::{Cell, FiguresReport};

/// The report as CSV text (lines end with CRLF, as RFC 4180 says).
pub fn csv(report: &FiguresReport) -> String {
    let mut out = String::from("figure,room,detail");
    for month in &report.months {
        out.push(',');
        out.push_str(&field(month));
    }
    out.push_str(",total,previous_total\r\n");
    for row in &report.rows {
        out.push_str(&field(&row.figure));
        out.push(',');
        out.push_str(&field(row.room.as_deref().unwrap_or("")));
        out.push(',');
        out.push_str(&field(row.detail.as_deref().unwrap_or("")));
        for cell in row.cells.iter().chain([&row.total, &row.previous_total]) {
            out.push(',');
            out.push_str(&field(&text(cell)));
        }
        out.push_str("\r\n");
    }
    out
}

fn text(cell: &Cell) -> String {
    match cell {
        Cell::Count(n) => n.to_string(),
        Cell::Hidden(word) => word.clone(),
    }
}

/// A field, quoted when it holds a comma, a quote or a line break.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use ibasho_protocol::figures::FigureRow;

    use super::*;

    #[test]
    fn rows_and_cells_as_in_the_json() {
        let report = FiguresReport {
            from: "2026-04".into(),
            to: "2026-05".into(),
            time_zone: "Asia/Tokyo".into(),
            threshold: 10,
            months: vec!["2026-04".into(), "2026-05".into()],
            rows: vec![FigureRow {
                figure: "visits".into(),
                room: Some("lounge".into()),
                detail: None,
                cells: vec![Cell::Count(12), Cell::small(10)],
                total: Cell::withheld(),
                previous_total: Cell::Count(0),
            }],
        };
        assert_eq!(
            csv(&report),
            "figure,room,detail,2026-04,2026-05,total,previous_total\r\nvisits,lounge,,12,<10,x,0\r\n"
        );
        assert_eq!(field("a,b"), "\"a,b\"");
    }
}
