//! The voice area in the page: the one optional question 「きょうはどうでしたか」 after leaving
//! a room, the end of its sitting or of a talk with a counselor. Four answers, an optional
//! comment, one tap to dismiss, one line saying the answer is anonymous. The session stays
//! while the card is open (the answer needs it) and goes when it closes, as it would have.

use std::time::Duration;

use ibasho_protocol::{ClientMsg, ErrorCode, MAX_VOICE_CHARS, VoiceAbout};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::state::{Ctx, tr};
use super::words::{tfv, tv};
use crate::voice::{Card, Question, Voice, VoiceTold};

pub fn install(ctx: Ctx) {
    ctx.wire
        .keep_session_while(move || ctx.voice.with_untracked(Voice::is_open));
}

/// Today in the person's own calendar, for "once per sitting".
fn today() -> String {
    let date = js_sys::Date::new_0();
    format!(
        "{}-{}-{}",
        date.get_full_year(),
        date.get_month(),
        date.get_date()
    )
}

fn ask(ctx: Ctx, question: Question) {
    // Staff are not asked: the voice is the participants'.
    if ctx.staff.get_untracked().is_none() {
        ctx.voice.update(|voice| {
            voice.ask(question);
        });
    }
}

/// After leaving a room, or the end of its sitting.
pub fn ask_about_room(ctx: Ctx, room: &str) {
    if Ctx::is_case_room(room) {
        return;
    }
    ask(
        ctx,
        Question {
            room: Some(room.to_owned()),
            about: VoiceAbout::Room,
            key: format!("{room}@{}", today()),
        },
    );
}

/// After a talk with a counselor ended.
pub fn ask_about_case(ctx: Ctx, id: &str) {
    ask(
        ctx,
        Question {
            room: None,
            about: VoiceAbout::Counselor,
            key: format!("case@{id}"),
        },
    );
}

/// The card closes: the session goes if nothing else keeps it.
fn closed(ctx: Ctx) {
    ctx.wire.release();
}

/// What a frame of this area asks of the page.
pub fn told(ctx: Ctx, told: VoiceTold) {
    if told == VoiceTold::Support {
        // Where help is, in view and read first (focus moves to its heading).
        request_animation_frame(|| {
            if let Some(heading) = document()
                .get_element_by_id("voice_help")
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = heading.focus();
            }
        });
    }
    if told == VoiceTold::Received {
        set_timeout(
            move || {
                ctx.voice.update(Voice::close);
                closed(ctx);
            },
            Duration::from_millis(2500),
        );
    }
}

/// A refusal that answers the card's sending; true if it did (the card says what next).
pub fn refused(ctx: Ctx, code: ErrorCode) -> bool {
    let mut mine = false;
    ctx.voice.update(|voice| mine = voice.refused(code));
    if mine && code == ErrorCode::AlreadyAnswered {
        told(ctx, VoiceTold::Received);
    }
    mine
}

#[component]
pub fn VoiceCard() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let rating = RwSignal::new(0_i64);
    let comment = RwSignal::new(String::new());
    let send = move || {
        let Some((question, card)) = ctx.voice.get_untracked().open else {
            return;
        };
        // Asked again after a personal-information refusal: sent as it is.
        let confirm = card == Card::PersonalInfo;
        let text = comment.get_untracked();
        let sent = ctx.wire.send(&ClientMsg::Voice {
            room: question.room,
            about: Some(question.about),
            rating: rating.get_untracked(),
            comment: (!text.trim().is_empty()).then_some(text),
            confirm_personal_info: confirm,
        });
        if sent {
            ctx.voice.update(Voice::sending);
        } else {
            ctx.wire.ensure();
        }
    };
    let dismiss = move |_| {
        ctx.voice.update(Voice::dismiss);
        rating.set(0);
        comment.set(String::new());
        closed(ctx);
    };
    move || {
        let (question, card) = ctx.voice.get().open?;
        let lang_now = lang.get();
        let about = match (&question.room, question.about) {
            (Some(room), _) => tfv(
                lang_now,
                "voice-about-room",
                &[("room", &ctx.room_title(room))],
            ),
            (None, VoiceAbout::Counselor) => tv(lang_now, "voice-about-counselor"),
            (None, _) => tv(lang_now, "voice-about-service"),
        };
        if card == Card::Thanked {
            // After crisis language in the comment: where help is, until closed.
            let support = ctx.voice.with(|voice| voice.support.clone()).map(|lines| {
                view! {
                    <h2 id="voice_help" tabindex="-1">{tv(lang_now, "support-title")}</h2>
                    <p>{tv(lang_now, "support-body")}</p>
                    {super::help_lines::help_lines(lang_now, lines)}
                    <button type="button" data-voice="close-support"
                        on:click=move |_| { ctx.voice.update(Voice::close_support); closed(ctx); }>
                        {tv(lang_now, "support-close")}
                    </button>
                }
            });
            return Some(
                view! {
                    <section class="voice-card" data-voice="thanked" aria-live="polite">
                        <p>{tv(lang_now, "voice-thanks")}</p>
                        {support}
                    </section>
                }
                .into_any(),
            );
        }
        let max = MAX_VOICE_CHARS.to_string();
        Some(view! {
            <section class="voice-card" data-voice="asking" aria-labelledby="voice-title">
                // One tap to dismiss, where it is always in view.
                <div class="voice-head">
                    <h2 id="voice-title">{tv(lang_now, "voice-title")}</h2>
                    <button type="button" class="link" data-voice="dismiss" on:click=dismiss>
                        {tv(lang_now, "voice-dismiss")}
                    </button>
                </div>
                <p class="quiet">{about}</p>
                <fieldset class="voice-ratings">
                    <legend>{tv(lang_now, "voice-rating-label")}</legend>
                    {(1..=4).map(|n: i64| {
                        let key = ["voice-rating-1", "voice-rating-2", "voice-rating-3", "voice-rating-4"][usize::try_from(n - 1).unwrap_or(0)];
                        view! {
                            <button type="button" data-rating=n.to_string()
                                aria-pressed=move || (rating.get() == n).to_string()
                                on:click=move |_| rating.set(n)>
                                <span class="n" aria-hidden="true">{n.to_string()}</span>
                                " "
                                {tr(lang, key)}
                            </button>
                        }
                    }).collect_view()}
                </fieldset>
                <label for="voice-comment">{tfv(lang_now, "voice-comment", &[("max", &max)])}</label>
                <textarea id="voice-comment" rows="2" maxlength=MAX_VOICE_CHARS
                    prop:value=move || comment.get()
                    on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                <p class="quiet voice-anonymous">{tv(lang_now, "voice-anonymous")}</p>
                <div class="actions">
                    // Sent once a rating is chosen (the legend says to choose one).
                    <button type="button" class="primary" data-voice="send"
                        disabled=move || rating.get() == 0 || card == Card::Sending
                        on:click=move |_| send()>
                        {tv(lang_now, if card == Card::PersonalInfo { "voice-send-anyway" } else { "voice-send" })}
                    </button>
                </div>
            </section>
        }.into_any())
    }
}
