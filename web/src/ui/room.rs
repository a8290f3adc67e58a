//! A room: the conversation (handle, time, text; one's own marked), quiet reactions, how many
//! are here, and a composer — or, for someone who only listens, no composer at all until
//! they want one.

use ibasho_protocol::{ChatMessage, Reaction};
use leptos::html;
use leptos::prelude::*;

use super::browser;
use super::moderation::{DeskPanel, MessageMenu, SafetyControls};
use super::safety::{HiddenLine, MessageSafety, PersonalInfoChoice, SupportCard};
use super::socket;
use super::staff::{Controls, Floor};
use super::state::{Ctx, Screen};
use crate::conversation::{Pending, PendingState};
use crate::i18n::{error_sentence, t, tf};
use crate::keys::enter_sends;

fn reaction_label(reaction: Reaction) -> (&'static str, &'static str) {
    match reaction {
        Reaction::Nod => ("reaction.nod", "うん"),
        Reaction::ThumbsUp => ("reaction.thumbs_up", "👍"),
        Reaction::Pray => ("reaction.pray", "🙏"),
        Reaction::Tea => ("reaction.tea", "☕"),
    }
}

#[component]
pub fn Room(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let title = {
        let room = room.clone();
        move || ctx.room_title(&room)
    };
    let conversation = {
        let room = room.clone();
        Memo::new(move |_| ctx.conversations.with(|all| all.get(&room).cloned()))
    };
    let present = move || conversation.with(|c| c.as_ref().map_or(0, |c| c.present));
    let messages = Memo::new(move |_| {
        conversation.with(|c| {
            c.as_ref()
                .map(|c| c.messages().to_vec())
                .unwrap_or_default()
        })
    });
    let pending = Memo::new(move |_| {
        conversation.with(|c| c.as_ref().map(|c| c.pending().to_vec()).unwrap_or_default())
    });
    let empty = move || messages.with(Vec::is_empty) && pending.with(Vec::is_empty);
    let list: NodeRef<html::Ol> = NodeRef::new();

    // Keep the newest message in view when one arrives — unless the person has scrolled up
    // to read (then their place is kept). Reactions change no count and never scroll.
    Effect::new(move |previous: Option<usize>| {
        let count = messages.with(Vec::len) + pending.with(Vec::len);
        if previous.is_some_and(|p| p != count)
            && let Some(list) = list.get()
        {
            let from_bottom = list.scroll_height() - list.scroll_top() - list.client_height();
            if from_bottom < 400 {
                list.set_scroll_top(list.scroll_height());
            }
        }
        count
    });

    let leave = {
        let room = room.clone();
        move |_| socket::leave(ctx, &room)
    };
    let room_for_messages = room.clone();
    let room_for_pending = room.clone();
    let room_for_composer = room.clone();

    view! {
        <section class="room" aria-labelledby="room-title">
            <div class="room-head">
                <h1 id="room-title">{title}</h1>
                <p class="count" aria-live="off">
                    {move || tf(lang.get(), "room.present", &[("n", &present().to_string())])}
                </p>
                <div class="room-actions">
                    <button type="button" on:click=move |_| ctx.screen.set(Screen::Lobby)>
                        {move || t(lang.get(), "entry.back")}
                    </button>
                    <super::counsel::EndButton room=room.clone()/>
                    // In a 1:1 room, the conversation is ended, not left.
                    {(!room.starts_with("p-")).then(|| view! {
                        <button type="button" class="leave" on:click=leave.clone()>
                            {move || t(lang.get(), "room.leave")}
                        </button>
                    })}
                </div>
            </div>
            <p class="memory-note">{
                let room = room.clone();
                // Before anyone types: a session's words do not outlive it (and a later end
                // the facilitator set counts).
                let later = conversation;
                move || match later
                    .with(|c| c.as_ref().and_then(|c| c.facilitated.closes_at))
                    .or_else(|| ctx.room_closes_at(&room))
                {
                    Some(ends) => tf(
                        lang.get(),
                        "room.session_note",
                        &[("time", &browser::local_time(ends))],
                    ),
                    None => t(lang.get(), "room.memory_note").to_owned(),
                }
            }</p>
            {
                let room = room.clone();
                move || ctx.room_programme(&room).map(|programme| {
                    // Where the facilitator moved the agenda, else where the clock is.
                    let moved = conversation.with(|c| {
                        c.as_ref()
                            .and_then(|c| c.facilitated.segment)
                            .and_then(|segment| usize::try_from(segment).ok())
                    });
                    let current = moved.or(programme.current);
                    view! {
                        <ol class="agenda" aria-label=move || t(lang.get(), "programme.agenda")>
                            {programme
                                .agenda
                                .into_iter()
                                .enumerate()
                                .map(|(index, segment)| {
                                    let now = current == Some(index);
                                    view! {
                                        <li class:now=now aria-current=now.then_some("step")>
                                            {segment.title}
                                            {segment.topic.map(|topic| view! { <span class="topic">{topic}</span> })}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ol>
                    }
                })
            }
            <Floor room=room.clone()/>
            <RoomStateLine room=room.clone()/>
            {
                let room = room.clone();
                // (Not in a counselor's 1:1 room: nothing there to facilitate.)
                let private = room.starts_with("p-");
                move || (ctx.staff.get().is_some() && !private).then(|| view! {
                    <Controls room=room.clone()/>
                    <SafetyControls room=room.clone()/>
                    <DeskPanel/>
                })
            }
            <SupportCard room=room.clone()/>
            <super::counsel::WaitingCard/>
            <super::counselor::CaseInRoom room=room.clone()/>
            <super::counsel::AskButton room=(!room.starts_with("p-")).then(|| room.clone())/>
            <ol
                class="messages"
                node_ref=list
                aria-label=move || t(lang.get(), "room.messages_label")
                tabindex="0"
            >
                {move || empty().then(|| view! { <li class="quiet">{t(lang.get(), "room.empty")}</li> })}
                // Keyed by id *and* time: a restarted server numbers from 1 again.
                <For
                    each=move || messages.get()
                    key=|m| (m.id.clone(), m.at)
                    children=move |m| message_view(ctx, &room_for_messages, &m, messages)
                />
                <For
                    each=move || pending.get()
                    key=|p| (p.client_id.clone(), p.state)
                    children=move |p| pending_view(ctx, &room_for_pending, &p)
                />
            </ol>
            <Composer room=room_for_composer/>
        </section>
    }
}

/// One message. Reaction counts are read from `messages` as they change, so the item (and the
/// keyboard focus on a reaction button) stays in place.
fn message_view(
    ctx: Ctx,
    room: &str,
    message: &ChatMessage,
    messages: Memo<Vec<ChatMessage>>,
) -> impl IntoView + use<> {
    let lang = ctx.lang;
    // The message as it is now: its reaction counts, and whether a facilitator took it down
    // since (its words are gone: the server never sends an empty message).
    let now = {
        let (id, at) = (message.id.clone(), message.at);
        Memo::new(move |_| {
            messages.with(|all| {
                all.iter()
                    .rev()
                    .find(|m| m.id == id && m.at == at)
                    .map(|m| (m.reactions.clone(), m.text.is_empty()))
                    .unwrap_or_default()
            })
        })
    };
    let counts = Memo::new(move |_| now.with(|(counts, _)| counts.clone()));
    let deleted = Memo::new(move |_| now.with(|(_, deleted)| *deleted));
    let mine = ctx
        .me
        .with_untracked(|me| me.as_deref() == Some(&message.handle));
    let hidden = {
        let handle = message.handle.clone();
        Memo::new(move |_| ctx.hidden.with(|hidden| hidden.contains(&handle)))
    };
    let staff = ctx.staff.get_untracked().is_some();
    // In a counselor's 1:1 room, neither side gets the room's menus.
    let menu = (!mine && !room.starts_with("p-")).then(|| {
        let (room, id, handle) = (room.to_owned(), message.id.clone(), message.handle.clone());
        if staff {
            view! { <MessageMenu room=room message_id=id handle=handle/> }.into_any()
        } else {
            view! { <MessageSafety room=room message_id=id handle=handle/> }.into_any()
        }
    });
    let time = browser::message_time(message);
    let reactions = Reaction::ALL
        .into_iter()
        .map(|reaction| {
            let (key, symbol) = reaction_label(reaction);
            let count = move || counts.with(|c| c.get(&reaction).copied().unwrap_or(0));
            let room = room.to_owned();
            let id = message.id.clone();
            let pressed = {
                let key = (room.clone(), id.clone(), reaction);
                move || {
                    let pressed = ctx.my_reactions.with(|mine| mine.contains(&key));
                    if pressed { "true" } else { "false" }
                }
            };
            let label = move || {
                let lang = lang.get();
                let label = tf(lang, "room.react", &[("reaction", t(lang, key))]);
                match count() {
                    0 => label,
                    n => format!("{label} ({n})"),
                }
            };
            view! {
                <button
                    type="button"
                    class="reaction"
                    aria-pressed=pressed
                    aria-label=label
                    title=label
                    on:click=move |_| socket::react(ctx, &room, &id, reaction)
                >
                    <span aria-hidden="true">{symbol}</span>
                    {move || (count() > 0).then(|| view! { <span class="n" aria-hidden="true">{count()}</span> })}
                </button>
            }
        })
        .collect_view();
    let handle = message.handle.clone();
    let text = message.text.clone();
    view! {
        <li class="message" class:mine=mine class:deleted=move || deleted.get() data-id=message.id.clone()>
            <p class="who">
                <span class="handle">{message.handle.clone()}</span>
                {mine.then(|| view! { <span class="you">{move || t(lang.get(), "room.you")}</span> })}
                <time datetime=message.at.to_string()>{time}</time>
            </p>
            {move || {
                if deleted.get() {
                    view! { <p class="text removed">{t(lang.get(), "room.deleted")}</p> }.into_any()
                } else if hidden.get() {
                    view! { <HiddenLine handle=handle.clone()/> }.into_any()
                } else {
                    view! { <p class="text">{text.clone()}</p> }.into_any()
                }
            }}
            <div class="reactions" class:hidden=move || deleted.get() || hidden.get()>{reactions}</div>
            <div class:hidden=move || deleted.get()>{menu}</div>
        </li>
    }
}

fn pending_view(ctx: Ctx, room: &str, pending: &Pending) -> impl IntoView + use<> {
    let lang = ctx.lang;
    let failed_code = match pending.state {
        PendingState::Failed(code) => Some(code),
        _ => None,
    };
    let failed = failed_code.is_some();
    let state = move || match failed_code {
        Some(code) => format!(
            "{} — {}",
            t(lang.get(), "room.failed"),
            error_sentence(lang.get(), code)
        ),
        None => t(lang.get(), "room.pending").to_owned(),
    };
    let room = room.to_owned();
    let client_id = pending.client_id.clone();
    let held_back = (failed_code == Some(ibasho_protocol::ErrorCode::PersonalInfo)).then(|| {
        view! {
            <PersonalInfoChoice room=room.clone() client_id=client_id.clone() text=pending.text.clone()/>
        }
    });
    view! {
        <li class="message mine pending" class:failed=failed>
            <p class="text">{pending.text.clone()}</p>
            {held_back}
            <p class="state">
                {state}
                {failed.then(|| view! {
                    <button type="button" on:click=move |_| {
                        ctx.conversations.update(|all| {
                            if let Some(c) = all.get_mut(&room) {
                                c.dismiss(&client_id);
                            }
                        });
                    }>{move || t(lang.get(), "room.dismiss")}</button>
                })}
            </p>
        </li>
    }
}

/// The composer: Enter sends, Shift+Enter is a new line, and Enter that confirms a Japanese
/// IME conversion never sends.
#[component]
fn Composer(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let text = RwSignal::new(String::new());
    let area: NodeRef<html::Textarea> = NodeRef::new();
    // In a round, only the person with the floor speaks (the server refuses the others).
    let may_speak = {
        let room = room.clone();
        Memo::new(move |_| {
            let staff = ctx.staff.get().is_some();
            ctx.me.with(|me| {
                ctx.conversations.with(|all| {
                    all.get(&room)
                        .is_none_or(|c| c.facilitated.may_speak(me.as_deref(), staff))
                })
            })
        })
    };
    let send = {
        let room = room.clone();
        move || {
            let value = text.get_untracked();
            // Enter out of turn does nothing, like the disabled button.
            if value.trim().is_empty() || !may_speak.get_untracked() {
                return;
            }
            socket::say(ctx, &room, value);
            text.set(String::new());
            if let Some(area) = area.get() {
                let _ = area.focus();
            }
        }
    };
    let on_keydown = {
        let send = send.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            if enter_sends(&ev.key(), ev.shift_key(), ev.is_composing(), ev.key_code()) {
                ev.prevent_default();
                send();
            }
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        send();
    };
    move || {
        if ctx.listening.get() {
            view! {
                <div class="listening">
                    <p>{t(lang.get(), "room.listening")}</p>
                    <button type="button" on:click=move |_| ctx.listening.set(false)>
                        {t(lang.get(), "room.start_talking")}
                    </button>
                </div>
            }
            .into_any()
        } else {
            let on_keydown = on_keydown.clone();
            let on_submit = on_submit.clone();
            view! {
                <form class="composer" on:submit=on_submit>
                    <label for="composer" class="sr-only">{t(lang.get(), "room.composer.label")}</label>
                    <textarea
                        id="composer"
                        node_ref=area
                        rows="2"
                        maxlength="1000"
                        aria-describedby="composer-hint"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                        on:keydown=on_keydown
                    ></textarea>
                    <p id="composer-hint" class="hint">{t(lang.get(), "room.composer.hint")}</p>
                    <div class="actions">
                        <button type="submit" class="primary" disabled=move || !may_speak.get()>
                            {t(lang.get(), "room.send")}
                        </button>
                        <button type="button" on:click=move |_| ctx.listening.set(true)>
                            {t(lang.get(), "room.stop_talking")}
                        </button>
                    </div>
                </form>
            }
            .into_any()
        }
    }
}

/// What the room is like now, in calm words: its topic, and whether it is listen-only (and
/// why) or taking it slowly.
#[component]
fn RoomStateLine(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let state = Memo::new(move |_| {
        ctx.conversations
            .with(|all| all.get(&room).map(|c| c.facilitated.clone()))
            .unwrap_or_default()
    });
    move || {
        let state = state.get();
        let lang = lang.get();
        let topic = state
            .topic
            .map(|topic| view! { <p class="topic-now">{tf(lang, "room.topic", &[("topic", &topic)])}</p> });
        let calm = if state.unattended {
            Some(t(lang, "room.unattended").to_owned())
        } else if state.locked {
            Some(t(lang, "room.locked").to_owned())
        } else if state.slow_mode_seconds > 0 {
            Some(tf(
                lang,
                "room.slow_mode",
                &[("n", &state.slow_mode_seconds.to_string())],
            ))
        } else {
            None
        };
        view! {
            {topic}
            {calm.map(|line| view! { <p class="room-calm" role="status">{line}</p> })}
        }
    }
}
