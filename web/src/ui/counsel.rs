//! The participant's side of talking with a counselor: 「相談員と話す」 (in the lobby, and in
//! every room's menu; asked first, with two optional questions that help reach the right
//! desk — 「答えない」 chosen until the person chooses otherwise), the waiting card (the desk,
//! place, counselors taking requests, an estimate, "you can keep listening or write here",
//! cancel; with nobody there, when one is next and a line or two of help; passed to another
//! desk, that what they shared went along), the consent dialog (exactly what would be
//! shared, each message removable), the 1:1 room opening, a supervisor in it (told at once,
//! and asked to leave with one tap), and its end: back to the room the person came from,
//! with a short parting card. State and reducer: `crate::counsel`.

use ibasho_protocol::{About, AgeBand, Audience, ClientMsg, EscalationSource, EscalationState};
use leptos::prelude::*;

use super::browser;
use super::choices::{Choices, radios};
use super::room_actions;
use super::state::{Ask, Ctx, Screen, follow, tr};
use super::words::{tfv, tv};
use crate::counsel::{Answers, Counsel, CounselTold, Request};
use crate::i18n::t;

/// The person's counsel area's part of the session: a request open (or on its way) keeps
/// it without rooms; its end forgets the request.
pub fn install(ctx: Ctx) {
    ctx.wire
        .keep_session_while(move || ctx.counsel.with_untracked(Counsel::keeps_session));
    ctx.wire
        .on_session_end(move || ctx.counsel.update(Counsel::clear));
}

/// What a frame of this area asks of the page.
pub fn told(ctx: Ctx, told: CounselTold) {
    match told {
        CounselTold::None => {}
        CounselTold::CloseRoom(room) => close_room(ctx, &room),
        CounselTold::Observer(present) => {
            let lang = ctx.lang.get_untracked();
            if present {
                ctx.announcement.set(t(lang, "counsel-observer"));
            } else {
                ctx.notice
                    .set(Some(crate::i18n::m(lang, "counsel-observer_left")));
            }
        }
        CounselTold::Request { state, open, close } => {
            if let Some(room) = open {
                open_room(ctx, room);
            }
            if let Some(room) = close {
                close_room(ctx, &room);
            }
            let key = match state {
                EscalationState::Connected => Some("counsel-connected"),
                EscalationState::Ended => Some("counsel-ended"),
                EscalationState::Cancelled => Some("counsel-cancelled"),
                EscalationState::Declined => Some("counsel-declined"),
                EscalationState::Waiting | EscalationState::NoCounselor => None,
            };
            if let Some(key) = key {
                ctx.announcement.set(t(ctx.lang.get_untracked(), key));
            }
            // A request asked from the lobby is over: with nothing else to keep it, the
            // session ends (nothing lingers), and the card keeps its last sentence.
            let over = matches!(
                state,
                EscalationState::Ended | EscalationState::Cancelled | EscalationState::Declined
            );
            // A talk that took place is asked about once (never a cancelled request).
            if state == EscalationState::Ended
                && let Some(id) = ctx
                    .counsel
                    .with_untracked(|counsel| counsel.request.as_ref().map(|r| r.id.clone()))
            {
                super::voice::ask_about_case(ctx, &id);
            }
            if over {
                let card = ctx
                    .counsel
                    .with_untracked(|counsel| counsel.request.clone());
                if ctx.wire.release() {
                    ctx.counsel.update(|counsel| counsel.request = card);
                }
            }
        }
    }
}

/// The 1:1 room is ready: it is shown (the server put the session in it; a `join` brings
/// its history to this view).
fn open_room(ctx: Ctx, room: String) {
    room_actions::enter(ctx, room.clone());
    ctx.screen.set(Screen::Room(room));
}

/// The 1:1 room is over (the server erased it): it goes from the view, and the person goes
/// back to the room they came from (if they are still in it), else the lobby — where the
/// card says how it ended.
fn close_room(ctx: Ctx, room: &str) {
    ctx.conversations.update(|all| all.forget(room));
    if ctx.screen.get_untracked() == Screen::Room(room.to_owned()) {
        let origin = ctx
            .counsel
            .with_untracked(|counsel| counsel.origin.clone())
            .filter(|origin| {
                ctx.conversations
                    .with_untracked(|all| all.contains_key(origin))
            });
        ctx.screen.set(match origin {
            Some(origin) => Screen::Room(origin),
            None => Screen::Lobby,
        });
    }
}

/// The person asks for a counselor (from `room`, or the lobby). Without a session yet, one
/// is started and the request goes once it is welcomed.
pub fn ask(ctx: Ctx, room: Option<String>, from: EscalationSource) {
    ctx.counsel
        .update(|counsel| counsel.origin.clone_from(&room));
    // 「答えない」 is not sent: the server then routes by what it knows (a family room's
    // requests are about family).
    let answers = ctx.counsel.with_untracked(|counsel| counsel.answers);
    let frame = ClientMsg::AskCounselor {
        room: room.clone(),
        from: (from == EscalationSource::Crisis).then_some(from),
        about: answers.about,
        age_band: answers.age,
        desk: None,
    };
    if ctx.me.get_untracked().is_some() && ctx.wire.send(&frame) {
        return;
    }
    ctx.counsel
        .update(|counsel| counsel.ask_pending = Some((room, from)));
    ctx.wire.ensure();
}

/// Once welcomed: a request asked for before the session was there goes now.
pub fn welcomed(ctx: Ctx) {
    let pending = ctx
        .counsel
        .try_update(|counsel| counsel.ask_pending.take())
        .flatten();
    if let Some((room, from)) = pending {
        ask(ctx, room, from);
    }
}

/// 「相談員と話す」 in the lobby (a room has it in its menu), unless a request is already
/// open (then the card shows it). It asks first: one tap to confirm.
#[component]
pub fn AskButton() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let open = Memo::new(move |_| {
        ctx.counsel
            .with(|counsel| counsel.request.as_ref().is_some_and(|r| r.is_open()))
    });
    move || {
        (!open.get() && ctx.staff.get().is_none()).then(|| {
            view! {
                <p class="ask-counselor">
                    <button type="button" data-counsel="ask"
                        on:click=move |_| ctx.asking.set(Some(Ask::AskCounselor { room: None }))>
                        {tr(lang, "counsel-ask")}
                    </button>
                    <span class="hint">{tr(lang, "counsel-ask_hint")}</span>
                </p>
            }
        })
    }
}

/// Where the person's request stands. The card (a polite live region) stays in place while
/// its content changes, so that a new place in the queue is read out.
#[component]
pub fn WaitingCard() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    // Drawn again when what the card says changes: a key of it, rather than a memo of the
    // request (which would cost the bundle a copy of the memo's code for its type).
    let said = Memo::new(move |_| {
        ctx.counsel.with(|counsel| {
            counsel.request.as_ref().map(|r| {
                let mut key = r.id.clone() + state_name(r.state);
                for n in [r.position, r.on_duty, r.estimated_wait_minutes] {
                    key.push(' ');
                    key.push_str(&n.map(|n| n.to_string()).unwrap_or_default());
                }
                if let Some(at) = r.next_on_duty {
                    key.push_str(&at.as_millisecond().to_string());
                }
                for line in &r.lines {
                    key.push_str(&line.name);
                    key.push(if line.open_now { '+' } else { '-' });
                }
                key.push_str(r.room.as_deref().unwrap_or_default());
                key.push(if r.handed_over { 'h' } else { '-' });
                key.push(if r.transferred { 't' } else { '-' });
                key.push_str(r.desk_name.as_deref().unwrap_or_default());
                key.push_str(r.desk_name_en.as_deref().unwrap_or_default());
                key
            })
        })
    });
    let request = move || {
        follow(said);
        ctx.counsel
            .with_untracked(|counsel| counsel.request.clone())
    };
    let state = move || request().map(|r| state_name(r.state)).unwrap_or_default();
    view! {
        <aside class="counsel-card" data-state=state hidden=move || said.with(Option::is_none)
            aria-labelledby="counsel-title" aria-live="polite">
            {move || request().map(|request| card_body(ctx, lang.get(), request))}
        </aside>
    }
}

/// A request's state by its wire name (for the card's `data-state`).
fn state_name(state: EscalationState) -> &'static str {
    match state {
        EscalationState::Waiting => "waiting",
        EscalationState::NoCounselor => "no_counselor",
        EscalationState::Connected => "connected",
        EscalationState::Declined => "declined",
        EscalationState::Cancelled => "cancelled",
        EscalationState::Ended => "ended",
    }
}

fn card_body(ctx: Ctx, lang: ibasho_protocol::Lang, request: crate::counsel::Request) -> AnyView {
    let id = request.id.clone();
    let cancel = move |_| {
        ctx.wire.send(&ClientMsg::CancelEscalation {
            escalation_id: id.clone(),
        });
    };
    let dismiss = move |_| ctx.counsel.update(|counsel| counsel.request = None);
    // In a room (not the lobby): writing here while waiting is one tap away.
    let in_room = matches!(ctx.screen.get_untracked(), Screen::Room(_));
    let write_here = move || {
        in_room.then(|| {
            view! {
                <button type="button" data-counsel="write" on:click=move |_| {
                    ctx.listening.set(false);
                    browser::focus_composer();
                }>{tv(lang, "counsel-write_here")}</button>
            }
        })
    };
    // While waiting (for a counselor, or for one to come on duty): listening is fine, writing
    // here is one tap away, and the request can be taken back.
    let waiting = move || {
        let cancel = cancel.clone();
        view! {
            <p class="quiet">{tv(lang, "counsel-waiting-listen")}</p>
            <div class="actions">
                {write_here()}
                <button type="button" data-counsel="cancel" on:click=cancel>{tv(lang, "counsel-cancel")}</button>
            </div>
        }
    };
    let desk = desk_lines(lang, &request);
    match request.state {
        EscalationState::Waiting => view! {
            {(!request.transferred).then(|| view! { <h2 id="counsel-title">{tv(lang, "counsel-waiting-title")}</h2> })}
            {desk}
            {request.handed_over.then(|| view! { <p>{tv(lang, "counsel-waiting-handed_over")}</p> })}
            <p data-counsel="position">{tfv(lang, "counsel-waiting-position", &[("n", &request.position.unwrap_or(1).to_string())])}</p>
            <p>{tfv(lang, "counsel-waiting-on_duty", &[("n", &request.on_duty.unwrap_or(0).to_string())])}</p>
            {request.estimated_wait_minutes.map(|n| view! {
                <p>{tfv(lang, "counsel-waiting-estimate", &[("n", &n.to_string())])}</p>
            })}
            {waiting()}
        }
        .into_any(),
        EscalationState::NoCounselor => view! {
            {(!request.transferred).then(|| view! { <h2 id="counsel-title">{tv(lang, "counsel-no_counselor")}</h2> })}
            {desk}
            {match request.next_on_duty {
                Some(at) => view! {
                    <p data-counsel="next">{tfv(lang, "counsel-next_on_duty", &[("time", &browser::moment_words(at, lang))])}</p>
                }.into_any(),
                None => view! { <p>{tv(lang, "counsel-no_counselor-body")}</p> }.into_any(),
            }}
            <p>{tv(lang, "counsel-no_counselor-lines")}</p>
            {super::help_lines::help_lines_short(lang, request.lines.clone())}
            {waiting()}
        }
        .into_any(),
        EscalationState::Connected => {
            let room = request.room.clone().unwrap_or_default();
            // Already in the room: nothing to go to.
            let here = ctx.screen.get_untracked() == Screen::Room(room.clone());
            view! {
                <h2 id="counsel-title">{tv(lang, "counsel-connected")}</h2>
                {(!here).then(|| view! {
                    <button type="button" class="primary" data-counsel="open-room" on:click=move |_| open_room(ctx, room.clone())>
                        {tv(lang, "counsel-open_room")}
                    </button>
                })}
            }
            .into_any()
        }
        // Short: parting words, where to talk (one tap away), and closing it.
        EscalationState::Ended => view! {
            <h2 id="counsel-title" data-counsel="over">{tv(lang, "counsel-ended")}</h2>
            <p>{tv(lang, "counsel-parting")}</p>
            {(!request.lines.is_empty()).then(|| view! {
                <details class="more-lines">
                    <summary>{tv(lang, "counsel-parting-lines")}</summary>
                    {super::help_lines::help_lines(lang, request.lines.clone())}
                </details>
            })}
            <button type="button" data-counsel="dismiss" on:click=dismiss>{tv(lang, "counsel-dismiss")}</button>
        }
        .into_any(),
        EscalationState::Cancelled | EscalationState::Declined => {
            let key = match request.state {
                EscalationState::Cancelled => "counsel-cancelled",
                _ => "counsel-declined",
            };
            view! {
                <p id="counsel-title" data-counsel="over">{tv(lang, key)}</p>
                <button type="button" on:click=dismiss>{tv(lang, "counsel-dismiss")}</button>
            }
            .into_any()
        }
    }
}

/// Which desk the request is with: its name (in English where it has one); passed there by a
/// counselor, that they will be put through to it and need not say it all again. A service
/// without desks names none.
fn desk_lines(lang: ibasho_protocol::Lang, request: &Request) -> Option<AnyView> {
    let desk = request.desk(lang).map(str::to_owned);
    if !request.transferred {
        return desk.map(|desk| {
            view! { <p data-counsel="desk">{tfv(lang, "counsel-desk", &[("desk", &desk)])}</p> }
                .into_any()
        });
    }
    let title = match &desk {
        Some(desk) => tfv(lang, "counsel-transferred", &[("desk", desk)]),
        None => tv(lang, "counsel-transferred-unnamed"),
    };
    Some(
        view! {
            <h2 id="counsel-title" data-counsel="transferred">{title}</h2>
            <p>{tv(lang, "counsel-transferred-shared")}</p>
        }
        .into_any(),
    )
}

/// The two optional questions asked with a request (in the asking dialog): who it is about
/// and the age band, each with 「答えない」 first and chosen — answering nothing stays one tap —
/// and why they are asked. In a family room only the age is asked (the request is about
/// family).
#[component]
pub fn RoutingQuestions(room: Option<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    // Each time the dialog opens, nothing is answered yet.
    ctx.counsel
        .update(|counsel| counsel.answers = Answers::default());
    let family = room.is_some_and(|room| ctx.room_audience(&room) == Some(Audience::Family));
    const ABOUT: Choices = &[
        ("", "counsel-route-unsaid"),
        ("self", "counsel-route-self"),
        ("family", "counsel-route-family"),
    ];
    const AGE: Choices = &[
        ("", "counsel-route-unsaid"),
        ("15-39", "counsel-route-young"),
        ("40-64", "counsel-route-middle"),
        ("65+", "counsel-route-older"),
    ];
    let about = Signal::derive(move || {
        ctx.counsel.with(|c| match c.answers.about {
            None => 0,
            Some(About::Myself) => 1,
            Some(About::Family) => 2,
        })
    });
    let age = Signal::derive(move || {
        ctx.counsel.with(|c| match c.answers.age {
            Some(AgeBand::Young) => 1,
            Some(AgeBand::Middle) => 2,
            Some(AgeBand::Older) => 3,
            None | Some(AgeBand::Unsaid) => 0,
        })
    });
    let choose_about = Callback::new(move |index: usize| {
        ctx.counsel.update(|c| {
            c.answers.about = index
                .checked_sub(1)
                .and_then(|i| About::ALL.get(i).copied())
        });
    });
    let choose_age = Callback::new(move |index: usize| {
        ctx.counsel.update(|c| {
            c.answers.age = index
                .checked_sub(1)
                .and_then(|i| AgeBand::BANDS.get(i).copied())
        });
    });
    view! {
        <div class="routing">
            <p class="hint" id="routing_why">{tr(lang, "counsel-route-why")}</p>
            {(!family).then(|| view! {
                <fieldset class="route" aria-describedby="routing_why">
                    <legend>{tr(lang, "counsel-route-about")}</legend>
                    {radios(lang, "route_about", ABOUT, about, choose_about)}
                </fieldset>
            })}
            <fieldset class="route" aria-describedby="routing_why">
                <legend>{tr(lang, "counsel-route-age")}</legend>
                {radios(lang, "route_age", AGE, age, choose_age)}
            </fieldset>
        </div>
    }
}

/// In the person's 1:1 room: a supervisor is there to support the counselor — said at once,
/// where it is seen first, with one tap to ask them to leave (they then never come back to
/// this conversation).
#[component]
pub fn ObserverNotice(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let present = Memo::new(move |_| {
        ctx.counsel.with(|counsel| {
            counsel
                .request
                .as_ref()
                .filter(|r| r.observer && r.room.as_deref() == Some(room.as_str()))
                .map(|r| r.id.clone())
        })
    });
    move || {
        present.get().map(|id| {
            // Gone from the page at once (asked twice, the server would refuse the second).
            let decline = Callback::new(move |()| {
                let sent = ctx.wire.send(&ClientMsg::DeclineObserver {
                    escalation_id: id.clone(),
                });
                if sent {
                    ctx.counsel.update(|counsel| {
                        if let Some(request) = counsel.request.as_mut() {
                            request.observer = false;
                        }
                    });
                    told(ctx, CounselTold::Observer(false));
                }
            });
            view! {
                <div class="observer-notice" data-counsel="observer">
                    <p><strong>{tv(lang.get(), "counsel-observer")}</strong></p>
                    <p>{tv(lang.get(), "counsel-observer-body")}</p>
                    {super::kit::button(lang, "counsel-observer-decline", "decline-observer", "", decline)}
                </div>
            }
        })
    }
}

/// A facilitator's suggestion: what would be shared, each message removable; yes or no. It
/// takes the focus when it appears; removing a message changes that row only.
#[component]
pub fn ConsentDialog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    // The question itself (not what was removed): the dialog is built once per question.
    // (Which question, by its id: its excerpt never changes.)
    let asked = Memo::new(move |_| {
        ctx.counsel
            .with(|counsel| counsel.consent.as_ref().map(|ask| ask.id.clone()))
    });
    let removed = move |id: &str| {
        ctx.counsel.with(|counsel| {
            counsel
                .consent
                .as_ref()
                .is_some_and(|ask| ask.removed.contains(id))
        })
    };
    let nothing = move || {
        ctx.counsel.with(|counsel| {
            counsel
                .consent
                .as_ref()
                .is_some_and(|ask| ask.shared().is_empty())
        })
    };
    let answer = move |accept: bool| {
        let ask = ctx
            .counsel
            .with_untracked(|counsel| counsel.consent.clone());
        if let Some(ask) = ask {
            ctx.wire.send(&ClientMsg::Consent {
                escalation_id: ask.id.clone(),
                accept,
                message_ids: if accept { ask.shared() } else { Vec::new() },
            });
        }
        ctx.counsel.update(|counsel| counsel.consent = None);
    };
    let dialog: NodeRef<leptos::html::Section> = NodeRef::new();
    Effect::new(move |_| {
        if asked.with(Option::is_some)
            && let Some(dialog) = dialog.get()
        {
            let _ = dialog.focus();
        }
    });
    move || {
        follow(asked);
        let excerpt = ctx
            .counsel
            .with_untracked(|counsel| counsel.consent.as_ref().map(|ask| ask.excerpt.clone()));
        excerpt.map(|excerpt| {
            view! {
                <div class="dialog-backdrop">
                    <section class="dialog consent" role="dialog" tabindex="-1"
                        node_ref=dialog aria-labelledby="consent-title" aria-describedby="consent-body">
                        <h2 id="consent-title">{tr(lang, "consent-title")}</h2>
                        <p id="consent-body">{tr(lang, "consent-body")}</p>
                        <ul class="excerpt">
                            {excerpt.into_iter().map(|item| {
                                let (id, toggle_id) = (item.message_id.clone(), item.message_id.clone());
                                let gone = Memo::new(move |_| removed(&id));
                                let text = item.text.clone();
                                view! {
                                    <li class:removed=move || gone.get() data-message=item.message_id.clone()>
                                        <span class="text">{
                                            move || if gone.get() { t(lang.get(), "consent-removed") } else { text.clone() }
                                        }</span>
                                        <button type="button" data-consent="toggle" aria-pressed=move || gone.get().to_string()
                                            on:click=move |_| ctx.counsel.update(|counsel| {
                                                if let Some(ask) = counsel.consent.as_mut() {
                                                    ask.toggle(&toggle_id);
                                                }
                                            })>
                                            {tr(lang, "consent-remove")}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {move || nothing().then(|| view! { <p class="quiet">{tv(lang.get(), "consent-nothing")}</p> })}
                        <div class="actions">
                            <button type="button" class="primary" data-consent="accept" on:click=move |_| answer(true)>
                                {tr(lang, "consent-accept")}
                            </button>
                            <button type="button" data-consent="decline" on:click=move |_| answer(false)>
                                {tr(lang, "consent-decline")}
                            </button>
                        </div>
                    </section>
                </div>
            }
        })
    }
}
