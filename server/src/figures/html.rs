//! The figures page and the voice page of the web app, drawn here as HTML (`format=html`
//! with `lang`): the server owns the numbers, their suppression and every sentence, so the
//! page, its charts, the JSON and the CSV cannot disagree — and the participants' bundle
//! carries no code for pages only administrators open. Every text is escaped; hidden
//! numbers are words (「10未満」, 「秘匿」), never a symbol alone.

use std::fmt::Write;

use ibasho_protocol::figures::{Cell, FigureRow, FiguresReport, VoiceReport};
use ibasho_protocol::{Lang, VoiceAbout};

use super::chart::{HEIGHT, LABEL_Y, WIDTH, chart, label_x, points};
use crate::catalogue::Catalogue;
use crate::words::{has, sentence, sentence_with};

/// The figures charted, one chart each: their sum over rooms (or their only row).
pub const CHARTED: [&str; 8] = [
    "visits",
    "listening_visits",
    "family_attendance",
    "programme_attendance",
    "first_visits",
    "messages",
    "cases",
    "sittings",
];

/// Text made safe for HTML (content and quoted attributes).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn words(lang: Lang, key: &str) -> String {
    escape(&sentence(lang, key, &[]))
}

/// A cell in words ("<10" carries its own threshold).
fn cell_words(lang: Lang, cell: &Cell) -> String {
    match cell {
        Cell::Count(n) => n.to_string(),
        Cell::Hidden(_) if cell.is_withheld() => words(lang, "figures-withheld"),
        Cell::Hidden(word) => {
            let k = word.trim_start_matches('<').parse().unwrap_or(0);
            escape(&sentence(lang, "figures-small", &[("k", k)]))
        }
    }
}

/// A `<td>`, marked when its number is hidden.
fn td(lang: Lang, cell: &Cell) -> String {
    let hidden = match cell {
        Cell::Count(_) => "",
        Cell::Hidden(_) if cell.is_withheld() => " data-hidden=\"withheld\"",
        Cell::Hidden(_) => " data-hidden=\"small\"",
    };
    format!("<td{hidden}>{}</td>", cell_words(lang, cell))
}

fn figure_words(lang: Lang, figure: &str) -> String {
    let key = format!("figure-{figure}");
    if has(lang, &key) {
        words(lang, &key)
    } else {
        escape(figure)
    }
}

/// A kind (a row's detail) in words, where the files have them.
fn detail_words(lang: Lang, detail: &str) -> String {
    ["audit-action", "report-reason", "audit-reason", "outcome"]
        .iter()
        .map(|group| format!("{group}-{detail}"))
        .find(|key| has(lang, key))
        .map_or_else(|| escape(detail), |key| words(lang, &key))
}

/// A catalogue room's title in the page's language (English where it has one), escaped.
pub fn room_words(lang: Lang, catalogue: &Catalogue, room: &str) -> String {
    let title = catalogue.room(room).map_or(room, |spec| {
        if lang.code() == "en" {
            spec.title_en.as_deref().unwrap_or(&spec.title)
        } else {
            &spec.title
        }
    });
    escape(title)
}

fn sum_row<'a>(report: &'a FiguresReport, figure: &str) -> Option<&'a FigureRow> {
    report
        .rows
        .iter()
        .find(|row| row.figure == figure && row.room.is_none() && row.detail.is_none())
}

/// "4" for "2026-04".
fn month_label(month: &str) -> String {
    month
        .rsplit('-')
        .next()
        .and_then(|m| m.parse::<u8>().ok())
        .map_or_else(|| escape(month), |m| m.to_string())
}

/// Text as a URL's data (RFC 3986: everything but the unreserved characters escaped).
fn percent_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The figures page's body: the CSV to download (the very rows below, as a `data:` link:
/// the session's token never has to go in a URL), the threshold said, a chart with its
/// table per figure, and every row.
pub fn figures(
    report: &FiguresReport,
    before: Option<&FiguresReport>,
    lang: Lang,
    catalogue: &Catalogue,
) -> String {
    let mut html = format!(
        "<p><a class=\"button\" data-figures=\"csv\" download=\"ibasho-figures-{}-{}.csv\" \
         href=\"data:text/csv;charset=utf-8,{}\">{}</a></p>",
        escape(&report.from),
        escape(&report.to),
        percent_encoded(&super::csv::csv(report)),
        words(lang, "figures-download"),
    );
    let hidden = report
        .rows
        .iter()
        .flat_map(|row| row.cells.iter().chain([&row.total, &row.previous_total]))
        .any(|cell| cell.count().is_none());
    if hidden {
        let k = i64::try_from(report.threshold).unwrap_or(i64::MAX);
        let _ = write!(
            html,
            "<p class=\"quiet\">{}</p>",
            escape(&sentence(lang, "figures-threshold", &[("k", k)]))
        );
    }
    html.push_str("<div class=\"charts\">");
    for figure in CHARTED {
        if let Some(row) = sum_row(report, figure) {
            let last = before.and_then(|before| sum_row(before, figure));
            chart_html(&mut html, lang, report, row, last);
        }
    }
    html.push_str("</div>");
    let _ = write!(
        html,
        "<h2 id=\"figures-all\">{}</h2><div class=\"table-scroll\" role=\"region\" \
         aria-labelledby=\"figures-all\" tabindex=\"0\"><table class=\"all-figures\" \
         data-figures=\"all\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th>",
        words(lang, "figures-all"),
        words(lang, "figures-figure"),
        words(lang, "figures-room"),
        words(lang, "figures-detail"),
    );
    for month in &report.months {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape(month));
    }
    let _ = write!(
        html,
        "<th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        words(lang, "figures-total"),
        words(lang, "figures-previous"),
    );
    for row in &report.rows {
        let room = row.room.as_deref().map_or_else(
            || words(lang, "figures-all-rooms"),
            |room| room_words(lang, catalogue, room),
        );
        let detail = row
            .detail
            .as_deref()
            .map(|detail| detail_words(lang, detail))
            .unwrap_or_default();
        let _ = write!(
            html,
            "<tr data-row=\"{}|{}|{}\"><th scope=\"row\">{}</th><td>{room}</td><td>{detail}</td>",
            escape(&row.figure),
            escape(row.room.as_deref().unwrap_or("")),
            escape(row.detail.as_deref().unwrap_or("")),
            figure_words(lang, &row.figure),
        );
        for cell in row.cells.iter().chain([&row.total, &row.previous_total]) {
            html.push_str(&td(lang, cell));
        }
        html.push_str("</tr>");
    }
    html.push_str("</tbody></table></div>");
    html
}

fn chart_html(
    html: &mut String,
    lang: Lang,
    report: &FiguresReport,
    row: &FigureRow,
    before: Option<&FigureRow>,
) {
    let empty = Vec::new();
    let last = before.map_or(&empty, |row| &row.cells);
    let drawn = chart(&row.cells, last);
    let figure = escape(&row.figure);
    let name = sentence(lang, &format!("figure-{}", row.figure), &[]);
    let _ = write!(
        html,
        "<figure class=\"chart\" data-figure=\"{figure}\"><figcaption id=\"chart-{figure}\">{}\
         </figcaption><svg role=\"img\" aria-labelledby=\"chart-{figure}\" viewBox=\"0 0 {WIDTH} \
         {HEIGHT}\" preserveAspectRatio=\"xMidYMid meet\">",
        escape(&sentence_with(lang, "figures-chart", &[("figure", &name)])),
    );
    for (bar, cell) in drawn.bars.iter().zip(&row.cells) {
        let _ = write!(
            html,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" class=\"bar{}\"><title>{}</title></rect>",
            bar.x,
            bar.y,
            bar.width,
            bar.height,
            if bar.hidden { " hidden" } else { "" },
            cell_words(lang, cell),
        );
    }
    for part in &drawn.line {
        let _ = write!(
            html,
            "<polyline class=\"before\" points=\"{}\"/>",
            points(part)
        );
    }
    for (index, month) in report.months.iter().enumerate() {
        let _ = write!(
            html,
            "<text x=\"{}\" y=\"{LABEL_Y}\" text-anchor=\"middle\">{}</text>",
            label_x(report.months.len(), index),
            month_label(month),
        );
    }
    let _ = write!(
        html,
        "</svg><table class=\"chart-table\"><thead><tr><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        words(lang, "figures-month"),
        words(lang, "figures-this-year"),
        words(lang, "figures-year-before"),
    );
    for (index, month) in report.months.iter().enumerate() {
        let now = row.cells.get(index).cloned().unwrap_or(Cell::Count(0));
        let then = before
            .and_then(|row| row.cells.get(index))
            .map(|cell| cell_words(lang, cell))
            .unwrap_or_default();
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th>{}<td>{then}</td></tr>",
            escape(month),
            td(lang, &now),
        );
    }
    let _ = write!(
        html,
        "<tr><th scope=\"row\">{}</th>{}<td>{}</td></tr></tbody></table></figure>",
        words(lang, "figures-total"),
        td(lang, &row.total),
        cell_words(lang, &row.previous_total),
    );
}

fn target_words(
    lang: Lang,
    catalogue: &Catalogue,
    room: Option<&str>,
    about: VoiceAbout,
) -> String {
    match (room, about) {
        (Some(room), _) => room_words(lang, catalogue, room),
        (None, VoiceAbout::Counselor) => words(lang, "voices-about-counselor"),
        (None, _) => words(lang, "voices-about-service"),
    }
}

/// The voice page's body: how a month's answers fell, the comments released for it, and
/// where comments still wait.
pub fn voice(report: &VoiceReport, lang: Lang, catalogue: &Catalogue) -> String {
    if report.ratings.is_empty() && report.comments.is_empty() && report.held.is_empty() {
        return format!("<p>{}</p>", words(lang, "voices-none"));
    }
    let mut html = format!(
        "<h2 id=\"voices-ratings\">{}</h2><div class=\"table-scroll\" role=\"region\" \
         aria-labelledby=\"voices-ratings\" tabindex=\"0\"><table data-voices=\"ratings\">\
         <thead><tr><th scope=\"col\">{}</th>",
        words(lang, "voices-ratings"),
        words(lang, "figures-room"),
    );
    for key in [
        "voice-rating-1",
        "voice-rating-2",
        "voice-rating-3",
        "voice-rating-4",
        "voices-answers",
    ] {
        let _ = write!(html, "<th scope=\"col\">{}</th>", words(lang, key));
    }
    html.push_str("</tr></thead><tbody>");
    for rated in &report.ratings {
        let _ = write!(
            html,
            "<tr><th scope=\"row\">{}</th>",
            target_words(lang, catalogue, rated.room.as_deref(), rated.about)
        );
        let counts = &rated.counts;
        for cell in [
            &counts.one,
            &counts.two,
            &counts.three,
            &counts.four,
            &rated.answers,
        ] {
            html.push_str(&td(lang, cell));
        }
        html.push_str("</tr>");
    }
    let _ = write!(
        html,
        "</tbody></table></div><h2>{}</h2>",
        words(lang, "voices-comments")
    );
    for batch in &report.comments {
        let _ = write!(
            html,
            "<section class=\"voice-batch\" data-voices=\"released\"><h3>{}</h3><ul>",
            target_words(lang, catalogue, batch.room.as_deref(), batch.about)
        );
        for text in &batch.texts {
            let _ = write!(html, "<li>{}</li>", escape(text));
        }
        html.push_str("</ul></section>");
    }
    let k = i64::try_from(report.threshold).unwrap_or(i64::MAX);
    for target in &report.held {
        let _ = write!(
            html,
            "<p class=\"quiet\" data-voices=\"held\">{}: {}</p>",
            target_words(lang, catalogue, target.room.as_deref(), target.about),
            escape(&sentence(lang, "voices-held", &[("k", k)])),
        );
    }
    html
}

#[cfg(test)]
mod tests {
    use ibasho_protocol::figures::{RatingCounts, VoiceComments, VoiceRatings};

    use super::*;

    #[test]
    fn the_csv_link_holds_the_csv() {
        assert_eq!(percent_encoded("a,<3\r\nx"), "a%2C%3C3%0D%0Ax");
    }

    #[test]
    fn words_are_escaped_and_hidden_numbers_are_words() {
        assert_eq!(escape("<script>&\"'"), "&lt;script&gt;&amp;&quot;&#39;");
        let catalogue = Catalogue::built_in().unwrap();
        let report = VoiceReport {
            month: "2026-11".into(),
            threshold: 3,
            ratings: vec![VoiceRatings {
                room: Some("lounge".into()),
                about: VoiceAbout::Room,
                counts: RatingCounts {
                    one: Cell::Count(0),
                    two: Cell::small(3),
                    three: Cell::Count(3),
                    four: Cell::withheld(),
                },
                answers: Cell::Count(7),
            }],
            comments: vec![VoiceComments {
                room: Some("lounge".into()),
                about: VoiceAbout::Room,
                texts: vec!["<img src=x onerror=alert(1)>".into()],
            }],
            held: vec![],
        };
        let html = voice(&report, Lang::JA, &catalogue);
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("3未満"), "{html}");
        assert!(html.contains("秘匿"), "{html}");
        assert!(html.contains("ラウンジ"), "{html}");
    }
}
