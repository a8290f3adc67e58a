//! The participant's side of talking with a counselor: 「相談員と話す」 (in every room and
//! in the lobby), the waiting card (place, counselors on duty, an estimate, "you can keep
//! listening", cancel), the consent dialog (exactly what would be shared, each message
//! removable), and the 1:1 room opening and closing. State is `crate::counsel`.

use ibasho_protocol::{ClientMsg, EscalationSource, EscalationState, ServerMsg};
use leptos::prelude::*;

use super::browser;
use super::socket;
use super::state::{Ctx, Screen};
use crate::counsel::Effect;
use crate::i18n::{t, tf};

/// Routes a frame of this area (the person's, the counselor's and the facilitator's);
/// false if it is not one.
pub fn on_frame(ctx: Ctx, frame: &ServerMsg) -> bool {
    let mut effect = None;
    ctx.counsel
        .update(|counsel| effect = counsel.on_frame(frame, browser::now_ms()));
    let Some(effect) = effect else {
        return false;
    };
    match effect {
        Effect::None => {}
        Effect::OpenRoom(room) => open_room(ctx, room),
        Effect::CloseRoom(room) => close_room(ctx, &room),
        Effect::Urgent => super::counselor::urgent(ctx),
    }
    if let ServerMsg::Escalation { state, .. } = frame {
        let key = match state {
            EscalationState::Connected => Some("counsel.connected"),
            EscalationState::Ended => Some("counsel.ended"),
            EscalationState::Cancelled => Some("counsel.cancelled"),
            EscalationState::Declined => Some("counsel.declined"),
            EscalationState::Waiting | EscalationState::NoCounselor => None,
        };
        if let Some(key) = key {
            ctx.announcement
                .set(t(ctx.lang.get_untracked(), key).to_owned());
        }
    }
    true
}

/// The 1:1 room is ready: it is shown (the server put the session in it; a `join` brings
/// its history to this view).
fn open_room(ctx: Ctx, room: String) {
    ctx.conversations.update(|all| {
        all.entry(room.clone()).or_default();
    });
    socket::enter(ctx, room.clone());
    ctx.screen.set(Screen::Room(room));
}

/// The 1:1 room is over: it goes from the view (the server erased it).
fn close_room(ctx: Ctx, room: &str) {
    ctx.conversations.update(|all| {
        all.remove(room);
    });
    if ctx.screen.get_untracked() == Screen::Room(room.to_owned()) {
        // A counselor goes back to the console; a person to the lobby, where the card says
        // how it ended.
        let counselor = ctx.staff.get_untracked() == Some(ibasho_protocol::StaffRole::Counselor);
        ctx.screen.set(if counselor {
            Screen::Console
        } else {
            Screen::Lobby
        });
    }
}

/// The person asks for a counselor (from `room`, or the lobby). Without a session yet, one
/// is started and the request goes once it is welcomed.
pub fn ask(ctx: Ctx, room: Option<String>, from: EscalationSource) {
    let frame = ClientMsg::AskCounselor {
        room: room.clone(),
        from: (from == EscalationSource::Crisis).then_some(from),
    };
    if ctx.me.get_untracked().is_some() && socket::send(ctx, &frame) {
        return;
    }
    ctx.counsel
        .update(|counsel| counsel.ask_pending = Some((room, from)));
    if ctx.socket.with_value(Option::is_none) {
        socket::connect(ctx);
    }
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

/// Whether the person has a request open (the session is kept for it).
pub fn request_open(ctx: Ctx) -> bool {
    ctx.counsel.with_untracked(|counsel| {
        counsel.ask_pending.is_some() || counsel.request.as_ref().is_some_and(|r| r.is_open())
    })
}

/// 「相談員と話す」, unless a request is already open (then the card shows it).
#[component]
pub fn AskButton(room: Option<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let open = Memo::new(move |_| {
        ctx.counsel
            .with(|counsel| counsel.request.as_ref().is_some_and(|r| r.is_open()))
    });
    move || {
        (!open.get() && ctx.staff.get().is_none()).then(|| {
            let room = room.clone();
            view! {
                <p class="ask-counselor">
                    <button type="button" data-counsel="ask"
                        on:click=move |_| ask(ctx, room.clone(), EscalationSource::Participant)>
                        {move || t(lang.get(), "counsel.ask")}
                    </button>
                    <span class="hint">{move || t(lang.get(), "counsel.ask_hint")}</span>
                </p>
            }
        })
    }
}

/// Where the person's request stands.
#[component]
pub fn WaitingCard() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let request = Memo::new(move |_| ctx.counsel.with(|counsel| counsel.request.clone()));
    move || {
        let request = request.get()?;
        let lang = lang.get();
        let id = request.id.clone();
        let cancel = {
            let id = id.clone();
            move |_| {
                socket::send(
                    ctx,
                    &ClientMsg::CancelEscalation {
                        escalation_id: id.clone(),
                    },
                );
            }
        };
        let dismiss = move |_| ctx.counsel.update(|counsel| counsel.request = None);
        let body = match request.state {
            EscalationState::Waiting => view! {
                <h2 id="counsel-title">{t(lang, "counsel.waiting.title")}</h2>
                {request.handed_over.then(|| view! { <p>{t(lang, "counsel.waiting.handed_over")}</p> })}
                <p data-counsel="position">{tf(lang, "counsel.waiting.position", &[("n", &request.position.unwrap_or(1).to_string())])}</p>
                <p>{tf(lang, "counsel.waiting.on_duty", &[("n", &request.on_duty.unwrap_or(0).to_string())])}</p>
                {request.estimated_wait_minutes.map(|n| view! {
                    <p>{tf(lang, "counsel.waiting.estimate", &[("n", &n.to_string())])}</p>
                })}
                <p class="quiet">{t(lang, "counsel.waiting.listen")}</p>
                <button type="button" data-counsel="cancel" on:click=cancel>{t(lang, "counsel.cancel")}</button>
            }
            .into_any(),
            EscalationState::NoCounselor => view! {
                <h2 id="counsel-title">{t(lang, "counsel.no_counselor")}</h2>
                <p>{t(lang, "counsel.no_counselor.body")}</p>
                {request.next_on_duty.map(|at| view! {
                    <p>{tf(lang, "counsel.next_on_duty", &[("time", &browser::local_time(at))])}</p>
                })}
                {super::safety::help_lines(lang, request.lines.clone())}
                <p class="quiet">{t(lang, "counsel.waiting.listen")}</p>
                <button type="button" data-counsel="cancel" on:click=cancel>{t(lang, "counsel.cancel")}</button>
            }
            .into_any(),
            EscalationState::Connected => {
                let room = request.room.clone().unwrap_or_default();
                view! {
                    <h2 id="counsel-title">{t(lang, "counsel.connected")}</h2>
                    <button type="button" class="primary" on:click=move |_| ctx.screen.set(Screen::Room(room.clone()))>
                        {t(lang, "counsel.open_room")}
                    </button>
                }
                .into_any()
            }
            EscalationState::Ended | EscalationState::Cancelled | EscalationState::Declined => {
                let key = match request.state {
                    EscalationState::Ended => "counsel.ended",
                    EscalationState::Cancelled => "counsel.cancelled",
                    _ => "counsel.declined",
                };
                view! {
                    <p id="counsel-title" data-counsel="over">{t(lang, key)}</p>
                    <button type="button" on:click=dismiss>{t(lang, "counsel.dismiss")}</button>
                }
                .into_any()
            }
        };
        Some(view! {
            <aside class="counsel-card" data-state=format!("{:?}", request.state).to_lowercase()
                aria-labelledby="counsel-title" aria-live="polite">
                {body}
            </aside>
        })
    }
}

/// In the 1:1 room, for the person: end the conversation.
#[component]
pub fn EndButton(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let id = Memo::new(move |_| {
        ctx.counsel.with(|counsel| {
            counsel
                .request
                .as_ref()
                .filter(|r| r.room.as_deref() == Some(room.as_str()))
                .map(|r| r.id.clone())
        })
    });
    move || {
        id.get().map(|id| {
            view! {
                <button type="button" data-counsel="end" on:click=move |_| {
                    socket::send(ctx, &ClientMsg::EndCase { escalation_id: id.clone(), outcome: None });
                }>{move || t(lang.get(), "counsel.end")}</button>
            }
        })
    }
}

/// A facilitator's suggestion: what would be shared, each message removable; yes or no.
#[component]
pub fn ConsentDialog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let ask = Memo::new(move |_| ctx.counsel.with(|counsel| counsel.consent.clone()));
    let answer = move |accept: bool| {
        if let Some(ask) = ask.get_untracked() {
            socket::send(
                ctx,
                &ClientMsg::Consent {
                    escalation_id: ask.id.clone(),
                    accept,
                    message_ids: if accept { ask.shared() } else { Vec::new() },
                },
            );
        }
        ctx.counsel.update(|counsel| counsel.consent = None);
    };
    move || {
        ask.get().map(|ask| {
            let lang = lang.get();
            let nothing = ask.shared().is_empty();
            view! {
                <div class="dialog-backdrop">
                    <section class="dialog consent" role="dialog" aria-modal="true"
                        aria-labelledby="consent-title" aria-describedby="consent-body">
                        <h2 id="consent-title">{t(lang, "consent.title")}</h2>
                        <p id="consent-body">{t(lang, "consent.body")}</p>
                        <ul class="excerpt">
                            {ask.excerpt.iter().map(|item| {
                                let removed = ask.removed.contains(&item.message_id);
                                let id = item.message_id.clone();
                                view! {
                                    <li class:removed=removed data-message=item.message_id.clone()>
                                        <span class="text">{if removed { t(lang, "consent.removed").to_owned() } else { item.text.clone() }}</span>
                                        <button type="button" data-consent="toggle" aria-pressed=removed.to_string()
                                            on:click=move |_| ctx.counsel.update(|counsel| {
                                                if let Some(ask) = counsel.consent.as_mut() {
                                                    ask.toggle(&id);
                                                }
                                            })>
                                            {t(lang, if removed { "consent.keep" } else { "consent.remove" })}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                        {nothing.then(|| view! { <p class="quiet">{t(lang, "consent.nothing")}</p> })}
                        <div class="actions">
                            <button type="button" class="primary" data-consent="accept" on:click=move |_| answer(true)>
                                {t(lang, "consent.accept")}
                            </button>
                            <button type="button" data-consent="decline" on:click=move |_| answer(false)>
                                {t(lang, "consent.decline")}
                            </button>
                        </div>
                    </section>
                </div>
            }
        })
    }
}
