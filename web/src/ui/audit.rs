//! The audit log page, for administrators: what staff did and what automatic protection
//! decided (`GET /api/audit`, with the staff session's token). The API keeps codes; the page
//! says them in words of its language, rooms by their titles, and who acted by name or role.

use ibasho_protocol::{AuditEntry, StaffRole};
use leptos::prelude::*;

use super::browser::{self, SESSION_KEY};
use super::state::{Ctx, Screen, tr};
use super::words::tv;
use crate::i18n::{has, t};

/// A code in words: `group.code` in the page's language, else the code itself.
fn words(lang: ibasho_protocol::Lang, groups: &[&str], code: &str) -> String {
    groups
        .iter()
        .map(|group| format!("{group}-{code}"))
        .find(|key| has(lang, key))
        .map_or_else(|| code.to_owned(), |key| t(lang, &key))
}

#[derive(Debug, Clone)]
enum Log {
    Loading,
    Loaded(Vec<AuditEntry>),
    Failed,
}

#[component]
pub fn Audit() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let log = RwSignal::new(Log::Loading);
    if ctx.staff.get_untracked() == Some(StaffRole::Admin) {
        let token = browser::session_get(SESSION_KEY).unwrap_or_default();
        leptos::task::spawn_local(async move {
            let entries = browser::fetch_text_with_bearer("/api/audit", &token)
                .await
                .and_then(|text| serde_json::from_str::<Vec<AuditEntry>>(&text).ok());
            log.set(match entries {
                Some(mut entries) => {
                    entries.reverse();
                    Log::Loaded(entries)
                }
                None => Log::Failed,
            });
        });
    } else {
        log.set(Log::Failed);
    }
    view! {
        <section class="audit" aria-labelledby="audit-title">
            <h1 id="audit-title">{tr(lang, "audit-title")}</h1>
            <button type="button" on:click=move |_| ctx.screen.set(Screen::Lobby)>
                {tr(lang, "entry-back")}
            </button>
            {move || match log.get() {
                Log::Loading => view! { <p>{tv(lang.get(), "audit-loading")}</p> }.into_any(),
                Log::Failed => view! { <p role="alert">{tv(lang.get(), "audit-failed")}</p> }.into_any(),
                Log::Loaded(entries) if entries.is_empty() => {
                    view! { <p>{tv(lang.get(), "audit-empty")}</p> }.into_any()
                }
                Log::Loaded(entries) => view! {
                    <table>
                        <thead><tr>
                            <th scope="col">{tv(lang.get(), "audit-at")}</th>
                            <th scope="col">{tv(lang.get(), "audit-actor")}</th>
                            <th scope="col">{tv(lang.get(), "audit-action")}</th>
                            <th scope="col">{tv(lang.get(), "audit-room")}</th>
                            <th scope="col">{tv(lang.get(), "audit-target")}</th>
                            <th scope="col">{tv(lang.get(), "audit-reason")}</th>
                        </tr></thead>
                        <tbody>
                            {entries.into_iter().map(|entry| {
                                let lang = lang.get();
                                let room = entry.room.as_deref().map(|room| ctx.room_title(room)).unwrap_or_default();
                                view! {
                                    <tr data-action=entry.action.clone()>
                                        <td>{browser::local_day_time(entry.at)}</td>
                                        <td>{words(lang, &["audit-actor"], &entry.actor)}</td>
                                        <td>{words(lang, &["audit-action"], &entry.action)}</td>
                                        <td>{room}</td>
                                        <td>{entry.target.unwrap_or_default()}</td>
                                        <td>{entry.reason.map(|reason| words(lang, &["report-reason", "audit-reason"], &reason)).unwrap_or_default()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            }}
        </section>
    }
}
