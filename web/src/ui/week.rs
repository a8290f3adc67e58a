//! The week ahead: every scheduled session, in the person's own time, and a feed to add them
//! to a phone calendar — without signing up for anything.

use ibasho_protocol::{Lang, Slot};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use super::state::{Ctx, Screen, tr};
use super::words::tv;

#[component]
pub fn Week() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let slots: RwSignal<Option<Option<Vec<Slot>>>> = RwSignal::new(None);
    spawn_local(async move {
        let list = browser::fetch_text("/api/schedule")
            .await
            .and_then(|text| serde_json::from_str::<Vec<Slot>>(&text).ok());
        slots.set(Some(list));
    });
    view! {
        <section class="week" aria-labelledby="week-title">
            <h1 id="week-title">{tr(lang, "week-title")}</h1>
            {move || match slots.get() {
                None => view! { <p class="quiet">{tv(lang.get(), "lobby-loading")}</p> }.into_any(),
                Some(None) => view! { <p class="quiet">{tv(lang.get(), "week-failed")}</p> }.into_any(),
                Some(Some(list)) if list.is_empty() => {
                    view! { <p class="quiet">{tv(lang.get(), "week-none")}</p> }.into_any()
                }
                Some(Some(list)) => {
                    let lang_now = lang.get();
                    by_day(list, lang_now)
                        .into_iter()
                        .map(|(day, slots)| view! {
                            <h2 class="day">{day}</h2>
                            <ul class="slots">
                                {slots.into_iter().map(|slot| slot_line(slot, lang_now)).collect_view()}
                            </ul>
                        })
                        .collect_view()
                        .into_any()
                }
            }}
            <p>
                <a href="/schedule.ics" download="ibasho.ics">{tr(lang, "week-calendar")}</a>
            </p>
            <p class="hint">{tr(lang, "week-calendar_hint")}</p>
            <div class="actions">
                <button type="button" on:click=move |_| ctx.screen.set(Screen::Lobby)>
                    {tr(lang, "entry-back")}
                </button>
            </div>
        </section>
    }
}

/// The sessions under the day they start on (in the person's own time), in order.
fn by_day(list: Vec<Slot>, lang: Lang) -> Vec<(String, Vec<Slot>)> {
    let mut days: Vec<(String, Vec<Slot>)> = Vec::new();
    for slot in list {
        let day = browser::local_day(slot.starts_at, lang);
        match days.last_mut() {
            Some((last, slots)) if *last == day => slots.push(slot),
            _ => days.push((day, vec![slot])),
        }
    }
    days
}

fn slot_line(slot: Slot, lang: Lang) -> impl IntoView {
    let title = crate::i18n::localized(lang, &slot.title, slot.title_en.as_deref()).to_owned();
    let when = format!(
        "{}–{}",
        browser::local_time(slot.starts_at),
        browser::local_time(slot.ends_at)
    );
    view! {
        <li>
            <span class="when">{when}</span>
            " "
            <span class="what">{title}</span>
        </li>
    }
}
