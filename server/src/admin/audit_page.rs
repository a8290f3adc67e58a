//! The audit log as the web app's page shows it (`GET /api/audit?format=html&lang=…`):
//! newest first, codes in words of the page's language, rooms by their titles, times in the
//! catalogue's time zone. Every text escaped.

use std::fmt::Write;

use ibasho_protocol::{AuditEntry, Lang};
use jiff::tz::TimeZone;

use crate::catalogue::Catalogue;
use crate::figures::html::{escape, room_words};
use crate::words::{has, sentence};

/// A code in words: `group-code` in the page's language, else the code itself.
fn words(lang: Lang, groups: &[&str], code: &str) -> String {
    let text = groups
        .iter()
        .map(|group| format!("{group}-{code}"))
        .find(|key| has(lang, key))
        .map_or_else(|| code.to_owned(), |key| sentence(lang, &key, &[]));
    escape(&text)
}

pub fn page(entries: &[AuditEntry], lang: Lang, catalogue: &Catalogue, zone: &TimeZone) -> String {
    if entries.is_empty() {
        return format!("<p>{}</p>", escape(&sentence(lang, "audit-empty", &[])));
    }
    let mut html = String::from("<table><thead><tr>");
    for key in [
        "audit-at",
        "audit-actor",
        "audit-action",
        "audit-room",
        "audit-target",
        "audit-reason",
        "audit-desk",
    ] {
        let _ = write!(
            html,
            "<th scope=\"col\">{}</th>",
            escape(&sentence(lang, key, &[]))
        );
    }
    html.push_str("</tr></thead><tbody>");
    for entry in entries.iter().rev() {
        let at = zone.to_datetime(entry.at);
        let room = entry
            .room
            .as_deref()
            .map(|room| room_words(lang, catalogue, room))
            .unwrap_or_default();
        let reason = entry
            .reason
            .as_deref()
            .map(|reason| words(lang, &["report-reason", "audit-reason"], reason))
            .unwrap_or_default();
        let _ = write!(
            html,
            "<tr data-action=\"{}\"><td>{}/{} {:02}:{:02}</td><td>{}</td><td>{}</td><td>{room}</td>\
             <td>{}</td><td>{reason}</td><td>{}</td></tr>",
            escape(&entry.action),
            at.month(),
            at.day(),
            at.hour(),
            at.minute(),
            words(lang, &["audit-actor"], &entry.actor),
            words(lang, &["audit-action"], &entry.action),
            escape(entry.target.as_deref().unwrap_or("")),
            escape(entry.desk.as_deref().unwrap_or("")),
        );
    }
    html.push_str("</tbody></table>");
    html
}
