//! The lobby: a welcome that says what this place is (and is not), what is open now with how
//! many people are there, and what is closed.

use std::time::Duration;

use ibasho_protocol::{Audience, FacilitatorAction, LEEWAY_MINUTES, Lang, RoomInfo, RoomKind};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::browser;
use super::state::{Ctx, RoomList, Screen, tr};
use super::words::{ruby_view, tfv, tv};
use crate::countdown::countdown;
use crate::i18n::{marked, t};

/// How early a facilitator may open a session (the server checks it too).
const EARLY_MS: f64 = (LEEWAY_MINUTES * 60_000) as f64;

/// How often the lobby refreshes the counts while it is shown.
const REFRESH: Duration = Duration::from_secs(20);

async fn load(ctx: Ctx) {
    let list = browser::fetch_text("/api/rooms")
        .await
        .and_then(|text| serde_json::from_str::<Vec<RoomInfo>>(&text).ok());
    ctx.rooms.set(match list {
        Some(rooms) => {
            // For measuring: when the room list is first on the page.
            browser::mark("ibasho-rooms");
            RoomList::Loaded(rooms)
        }
        None => RoomList::Failed,
    });
}

#[component]
pub fn Lobby() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    spawn_local(load(ctx));
    ctx.now_ms.set(browser::now_ms());
    let refresh = set_interval_with_handle(
        move || {
            ctx.now_ms.set(browser::now_ms());
            spawn_local(load(ctx));
        },
        REFRESH,
    )
    .ok();
    on_cleanup(move || {
        if let Some(handle) = refresh {
            handle.clear();
        }
    });

    view! {
        <section class="welcome" aria-labelledby="welcome-title">
            <h1 id="welcome-title">{tr(lang, "lobby-welcome-title")}</h1>
            // Right below the heading, where a person back from a room looks first.
            <super::voice::VoiceCard/>
            <p>{tr(lang, "lobby-welcome-body")}</p>
            <p>
                <button type="button" class="link" on:click=move |_| ctx.screen.set(Screen::Week)>
                    {tr(lang, "week-open")}
                </button>
            </p>
            {move || ctx.staff.get().map(|role| view! {
                <p class="staff-line">
                    {move || tfv(lang.get(), "staff-signed_in", &[("handle", &ctx.me.get().unwrap_or_default())])}
                    " "
                    <button type="button" class="link" on:click=move |_| ctx.wire.end()>
                        {tr(lang, "staff-sign_out")}
                    </button>
                    // A counselor opens the console from here, a supervisor theirs.
                    {let console = match role {
                        ibasho_protocol::StaffRole::Counselor => Some(("console-open", "console", Screen::Console)),
                        ibasho_protocol::StaffRole::Supervisor => Some(("supervision-open", "supervision", Screen::Supervision)),
                        _ => None,
                    };
                    console.map(|(key, name, screen)| view! {
                        " "
                        <button type="button" class="link" data-open=name
                            on:click=move |_| ctx.screen.set(screen.clone())>
                            {tr(lang, key)}
                        </button>
                    })}
                    // An administrator reads the audit log from here.
                    {(role == ibasho_protocol::StaffRole::Admin).then(|| view! {
                        " "
                        <button type="button" class="link" data-open="audit"
                            on:click=move |_| ctx.screen.set(Screen::Audit)>
                            {tr(lang, "audit-open")}
                        </button>
                        " "
                        <button type="button" class="link" data-open="figures"
                            on:click=move |_| ctx.screen.set(Screen::Figures)>
                            {tr(lang, "figures-open")}
                        </button>
                        " "
                        <button type="button" class="link" data-open="voices"
                            on:click=move |_| ctx.screen.set(Screen::Voices)>
                            {tr(lang, "figures-voice-open")}
                        </button>
                    })}
                </p>
            })}
        </section>
        <super::counsel::WaitingCard/>
        <super::counsel::AskButton/>
        {move || match ctx.rooms.get() {
            RoomList::Loading => view! { <p class="quiet">{tv(lang.get(), "lobby-loading")}</p> }.into_any(),
            RoomList::Failed => view! {
                <div class="quiet">
                    <p>{tv(lang.get(), "lobby-load_failed")}</p>
                    <button type="button" on:click=move |_| spawn_local(load(ctx))>
                        {tv(lang.get(), "lobby-retry")}
                    </button>
                </div>
            }
            .into_any(),
            RoomList::Loaded(rooms) => {
                let (open, closed): (Vec<RoomInfo>, Vec<RoomInfo>) =
                    rooms.into_iter().partition(|room| room.status.is_open());
                let lang_now = lang.get();
                let next_up = next_up(&closed, lang_now);
                view! {
                    <section aria-labelledby="open-title">
                        <h2 id="open-title">{tv(lang_now, "lobby-open_now")}</h2>
                        {next_up}
                        {if open.is_empty() {
                            Some(view! { <p class="quiet">{tv(lang_now, "lobby-none_open")}</p> })
                        } else {
                            None
                        }}
                        <ul class="rooms" aria-label=t(lang_now, "lobby-rooms_label")>
                            <RoomCards rooms=open lang=lang_now/>
                        </ul>
                    </section>
                    {if closed.is_empty() {
                        None
                    } else {
                        Some(view! {
                            <section aria-labelledby="closed-title">
                                <h2 id="closed-title">{tv(lang_now, "lobby-closed_now")}</h2>
                                <ul class="rooms closed">
                                    <RoomCards rooms=closed lang=lang_now/>
                                </ul>
                            </section>
                        })
                    }}
                }
                .into_any()
            }
        }}
        {move || ctx.staff.get().is_none().then(|| view! {
            <p class="staff-link">
                <button type="button" class="link" on:click=move |_| ctx.screen.set(Screen::StaffSignIn)>
                    {tr(lang, "staff-open")}
                </button>
            </p>
        })}
    }
}

/// How long until `at`, as of the lobby's clock (reactive: it moves on with it).
fn left(ctx: Ctx, lang: Lang, at: jiff::Timestamp) -> String {
    let seconds = (at.as_millisecond() as f64 - ctx.now_ms.get()) / 1000.0;
    countdown(lang, seconds.floor() as i64)
}

/// "Next to open: …", the soonest of the closed rooms, with a countdown.
fn next_up(closed: &[RoomInfo], lang: Lang) -> Option<impl IntoView + use<>> {
    let ctx = expect_context::<Ctx>();
    let room = closed
        .iter()
        .filter(|room| room.next_open.is_some())
        .min_by_key(|room| room.next_open)?;
    let at = room.next_open?;
    let title = crate::i18n::localized(lang, &room.title, room.title_en.as_deref()).to_owned();
    let when = browser::local_day_time(at);
    Some(view! {
        <p class="next-up">
            {move || tfv(
                lang,
                "lobby-next_up",
                &[("room", &title), ("when", &when), ("left", &left(ctx, lang, at))],
            )}
        </p>
    })
}

fn kind_keys(kind: RoomKind, audience: Audience) -> (&'static str, &'static str) {
    let kind_key = match kind {
        RoomKind::Themed => "kind-themed",
        RoomKind::Family => "kind-family",
        RoomKind::Programme => "kind-programme",
    };
    let audience_key = match (audience, kind) {
        (Audience::Family, _) => "audience-family",
        (_, RoomKind::Programme) => "audience-programme",
        (Audience::Person, _) => "audience-themed",
        (Audience::Anyone, _) => "audience-anyone",
    };
    (kind_key, audience_key)
}

/// A programme's age band (guidance), peer staff and the part of the session it is in now.
fn programme_lines(room: &RoomInfo, lang: Lang) -> Option<impl IntoView + use<>> {
    let programme = room.programme.clone()?;
    let mut lines = Vec::new();
    if let Some(band) = &programme.age_band {
        lines.push(marked(lang, "programme-age_band", &[("band", band)]));
    }
    if !programme.facilitators.is_empty() {
        let names = programme.facilitators.join("、");
        lines.push(marked(lang, "programme-facilitators", &[("names", &names)]));
    }
    if let Some(segment) = programme.current.and_then(|i| programme.agenda.get(i)) {
        lines.push(marked(
            lang,
            "programme-now",
            &[("segment", &segment.title)],
        ));
    }
    Some(view! {
        <p class="meta programme">
            {lines.into_iter().map(|line| view! { <span>{ruby_view(lang, &line)}</span> }).collect_view()}
        </p>
    })
}

/// The cards, keyed by room (and what changes their whole shape: open or closed, the
/// language), so that a refresh of the counts keeps each card — and the keyboard focus on
/// its button — in place.
#[component]
fn RoomCards(rooms: Vec<RoomInfo>, lang: Lang) -> impl IntoView {
    view! {
        <For
            each=move || rooms.clone()
            key=move |room| (room.id.clone(), room.status.is_open(), lang)
            children=|room| view! { <RoomCard room=room/> }
        />
    }
}

#[component]
fn RoomCard(room: RoomInfo) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang.get_untracked();
    let title = crate::i18n::localized(lang, &room.title, room.title_en.as_deref()).to_owned();
    let description =
        crate::i18n::localized(lang, &room.description, room.description_en.as_deref()).to_owned();
    let (kind_key, audience_key) = kind_keys(room.kind, room.audience);
    let open = room.status.is_open();
    // When a closed room opens next, and when an open one closes, in the person's own time.
    let next_open = room.next_open.map(browser::local_day_time);
    let closes_at = room.closes_at.map(browser::local_time);
    let opens_soon = room.opens_at.is_some_and(|opens_at| {
        let wait_ms = opens_at.as_millisecond() as f64 - browser::now_ms();
        wait_ms <= EARLY_MS
    });
    let capacity = room.capacity;
    // The count as the latest refresh says.
    let present = {
        let id = room.id.clone();
        Memo::new(move |_| {
            ctx.rooms.with(|list| match list {
                RoomList::Loaded(rooms) => {
                    rooms.iter().find(|r| r.id == id).map_or(0, |r| r.present)
                }
                _ => 0,
            })
        })
    };
    let inside = {
        let id = room.id.clone();
        Memo::new(move |_| ctx.conversations.with(|all| all.contains_key(&id)))
    };
    // A Memo of the answer only, so the button is rebuilt when it changes, not per count.
    let full = Memo::new(move |_| present.get() >= capacity && !inside.get());
    let title_id = format!("room-{}", room.id);
    let labelled_by = title_id.clone();
    let id = room.id.clone();
    view! {
        <li class="room-card" class:is-closed=!open aria-labelledby=labelled_by>
            <h3 id=title_id>{title}</h3>
            <p class="kind">{tv(lang, kind_key)}</p>
            <p>{description}</p>
            {programme_lines(&room, lang)}
            <p class="meta">
                <span>{tv(lang, "lobby-for")}": "{tv(lang, audience_key)}</span>
                {closes_at.clone().map(|time| view! {
                    <span>{tfv(lang, "lobby-until", &[("time", &time)])}</span>
                })}
                {open.then(|| view! {
                    <span class="count">{move || tfv(lang, "lobby-present", &[("n", &present.get().to_string())])}</span>
                    <span>{tfv(lang, "lobby-capacity", &[("n", &capacity.to_string())])}</span>
                })}
            </p>
            {move || {
                if !open {
                    let state = match (&next_open, room.next_open) {
                        (Some(when), Some(at)) => tfv(
                            lang,
                            "lobby-next_open_left",
                            &[("when", when), ("left", &left(ctx, lang, at))],
                        ),
                        _ => tv(lang, "lobby-closed"),
                    };
                    // A facilitator may open a session up to 15 minutes early.
                    let early = ctx.staff.get().is_some() && opens_soon;
                    let id = id.clone();
                    let planned = room.next_open.is_some();
                    view! {
                        <p class="state">{state}</p>
                        {planned.then(|| super::watch::watch_controls(ctx, id.clone(), lang))}
                        {early.then(|| view! {
                            <button
                                type="button"
                                on:click=move |_| {
                                    super::staff::facilitate(ctx, &id, FacilitatorAction::OpenEarly);
                                    ctx.screen.set(Screen::Entry(id.clone()));
                                }
                            >
                                {tv(lang, "facilitate-open_early")}
                            </button>
                        })}
                    }
                    .into_any()
                } else if full.get() {
                    view! { <p class="state">{tv(lang, "lobby-full")}</p> }.into_any()
                } else {
                    let id = id.clone();
                    view! {
                        <button
                            type="button"
                            class="primary"
                            on:click=move |_| {
                                let in_room = ctx.conversations.with_untracked(|all| all.contains_key(&id));
                                ctx.screen.set(if in_room { Screen::Room(id.clone()) } else { Screen::Entry(id.clone()) });
                            }
                        >
                            {tv(lang, "lobby-enter")}
                        </button>
                    }
                    .into_any()
                }
            }}
        </li>
    }
}
