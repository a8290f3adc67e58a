//! A room, made for the phone in a person's hand: one compact bar (the room's name, how many
//! are here, its menu, the quick exit), what the room is like now, the conversation in a pane
//! of its own that keeps the newest message in view, and the message box at the bottom above
//! the on-screen keyboard — or, for someone who only listens, no message box until they want
//! one.

use ibasho_protocol::ChatMessage;
use leptos::html;
use leptos::prelude::*;

use super::browser;
use super::chrome::QuickExit;
use super::safety::{HiddenLine, PersonalInfoChoice, SupportCard};
use super::state::{Ctx, MenuTarget, tr, tra};
use super::words::{tfv, tv};
use crate::conversation::{Pending, PendingState, hidden_runs};
use crate::follow::{Follow, Move};
use crate::i18n::{code_words, t};
use crate::keys::enter_sends;

/// Scrolls the pane to its end, after the browser laid out what changed.
fn to_end(pane: NodeRef<html::Ol>) {
    request_animation_frame(move || {
        if let Some(pane) = pane.get_untracked() {
            pane.set_scroll_top(pane.scroll_height());
        }
    });
}

#[component]
pub fn Room(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let messages = {
        let room = room.clone();
        Memo::new(move |_| {
            ctx.conversations.with(|all| {
                all.get(&room)
                    .map(|c| c.messages().to_vec())
                    .unwrap_or_default()
            })
        })
    };
    let pending = {
        let room = room.clone();
        Memo::new(move |_| {
            ctx.conversations.with(|all| {
                all.get(&room)
                    .map(|c| c.pending().to_vec())
                    .unwrap_or_default()
            })
        })
    };
    let empty = move || messages.with(Vec::is_empty) && pending.with(Vec::is_empty);
    let runs = Memo::new(move |_| {
        ctx.safety
            .with(|safety| messages.with(|all| hidden_runs(all, &safety.hidden)))
    });
    let pane: NodeRef<html::Ol> = NodeRef::new();
    let follow = RwSignal::new(Follow::default());

    // New messages keep the view at the end when it is there (and one's own always does);
    // scrolled up to read, they are counted for the button instead. Reactions change nothing
    // here and never move the view. What is new is what follows the newest message seen
    // before (the page keeps a bounded number, so counts alone would stop changing).
    Effect::new(
        move |previous: Option<(Option<(String, jiff::Timestamp)>, usize)>| {
            let newest = messages.with(|all| all.last().map(|m| (m.id.clone(), m.at)));
            let pending_now = pending.with(Vec::len);
            let Some((before, pending_before)) = previous else {
                to_end(pane);
                return (newest, pending_now);
            };
            let added_pending = pending_now > pending_before;
            let added_messages = if newest == before {
                0
            } else {
                messages.with(|all| {
                    all.iter()
                        .rev()
                        .take_while(|m| before.as_ref() != Some(&(m.id.clone(), m.at)))
                        .count()
                })
            };
            if added_pending || added_messages > 0 {
                let mine = added_pending
                    || messages.with(|all| {
                        all.last().is_some_and(|last| {
                            ctx.me
                                .with_untracked(|me| me.as_deref() == Some(last.handle.as_str()))
                        })
                    });
                let added = u32::try_from(added_messages).unwrap_or(u32::MAX);
                if follow.try_update(|f| f.arrived(added, mine)) == Some(Move::ToEnd) {
                    to_end(pane);
                }
            }
            (newest, pending_now)
        },
    );
    // The keyboard came or went (the visual viewport changed): at the end stays there.
    Effect::new(move |_| {
        ctx.viewport.track();
        if follow.with_untracked(Follow::resized) == Move::ToEnd {
            to_end(pane);
        }
    });
    // A message brought into view from the desk: in the middle, marked for a while.
    {
        let room = room.clone();
        Effect::new(move |_| {
            let Some((at, id)) = ctx.highlight.get() else {
                return;
            };
            if at != room {
                return;
            }
            let selector = format!(".messages li.message[data-id='{id}']");
            request_animation_frame(move || {
                if let Some(item) = document().query_selector(&selector).ok().flatten() {
                    let options = web_sys::ScrollIntoViewOptions::new();
                    options.set_block(web_sys::ScrollLogicalPosition::Center);
                    item.scroll_into_view_with_scroll_into_view_options(&options);
                }
            });
            // (Only this mark goes: a later one keeps its own six seconds.)
            set_timeout(
                move || {
                    if ctx
                        .highlight
                        .with_untracked(|h| h.as_ref().is_some_and(|(r, m)| *r == at && *m == id))
                    {
                        ctx.highlight.set(None);
                    }
                },
                std::time::Duration::from_secs(6),
            );
        });
    }
    let on_scroll = move |_| {
        if let Some(pane) = pane.get_untracked() {
            let from_end = pane.scroll_height() - pane.scroll_top() - pane.client_height();
            follow.update(|f| f.scrolled(from_end));
        }
    };
    let unread = Memo::new(move |_| follow.with(Follow::unread));

    let room_for_messages = room.clone();
    let room_for_pending = room.clone();
    let room_for_composer = room.clone();
    let case_room = Ctx::is_case_room(&room);

    view! {
        <section class="room" aria-labelledby="room-title">
            <RoomBar room=room.clone()/>
            // (Focusable: it scrolls by itself when there is much to say.)
            <div class="room-info" tabindex="0" role="region"
                aria-label=tra(lang, "room-info_label")>
                // First, so that it is seen at once: a supervisor came into the person's 1:1.
                <super::counsel::ObserverNotice room=room.clone()/>
                <MemoryNote room=room.clone()/>
                <Agenda room=room.clone()/>
                <super::staff::Floor room=room.clone()/>
                <RoomStateLine room=room.clone()/>
                {
                    let room = room.clone();
                    // (Not in a counselor's 1:1 room: nothing there to facilitate.)
                    move || (ctx.staff.get().is_some() && !case_room).then(|| view! {
                        <super::moderation::StaffPanel room=room.clone()/>
                    })
                }
                <SupportCard room=room.clone()/>
                <super::counsel::WaitingCard/>
                <super::case_pane::CaseInRoom room=room.clone()/>
            </div>
            <div class="pane">
                <ol
                    class="messages"
                    node_ref=pane
                    on:scroll=on_scroll
                    aria-label=tra(lang, "room-messages_label")
                    tabindex="0"
                >
                    {move || empty().then(|| view! { <li class="quiet">{tv(lang.get(), "room-empty")}</li> })}
                    // Keyed by id *and* time: a restarted server numbers from 1 again.
                    <For
                        each=move || messages.get()
                        key=|m| (m.id.clone(), m.at)
                        children=move |m| message_view(ctx, &room_for_messages, &m, messages, runs)
                    />
                    <For
                        each=move || pending.get()
                        key=|p| (p.client_id.clone(), p.state)
                        children=move |p| pending_view(ctx, &room_for_pending, &p)
                    />
                </ol>
                {move || (unread.get() > 0).then(|| view! {
                    <button type="button" class="new-messages" data-room="new-messages"
                        on:click=move |_| {
                            follow.update(|f| { f.jump(); });
                            to_end(pane);
                        }>
                        {tfv(lang.get(), "room-new_messages", &[("n", &unread.get().to_string())])}
                        <span aria-hidden="true">" ↓"</span>
                    </button>
                })}
            </div>
            <Composer room=room_for_composer/>
        </section>
    }
}

/// The room's one compact bar: its name and headcount, its menu, and the quick exit.
#[component]
fn RoomBar(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let title = {
        let room = room.clone();
        move || ctx.room_title(&room)
    };
    let present = {
        let room = room.clone();
        move || {
            ctx.conversations
                .with(|all| all.get(&room).map_or(0, |c| c.present))
        }
    };
    view! {
        <header class="top room-bar">
            <div class="room-name">
                <h1 id="room-title" tabindex="-1">{title}</h1>
                <p class="count" aria-live="off">
                    {move || tfv(lang.get(), "room-present", &[("n", &present().to_string())])}
                </p>
            </div>
            <super::room_menu::RoomMenu room=room/>
            <QuickExit/>
        </header>
    }
}

/// Before anyone types: a session's words do not outlive it (and a later end the facilitator
/// set counts).
#[component]
fn MemoryNote(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let closes_at = {
        let room = room.clone();
        move || {
            ctx.conversations
                .with(|all| all.get(&room).and_then(|c| c.facilitated.closes_at))
                .or_else(|| ctx.room_closes_at(&room))
        }
    };
    view! {
        <p class="memory-note">{move || match closes_at() {
            Some(ends) => tfv(
                lang.get(),
                "room-sitting_note",
                &[("time", &browser::local_time(ends))],
            ),
            None => tv(lang.get(), "room-memory_note"),
        }}</p>
    }
}

/// A programme's agenda: where the facilitator moved it, else where the clock is.
#[component]
fn Agenda(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    move || {
        ctx.room_programme(&room).map(|programme| {
            let moved = ctx.conversations.with(|all| {
                all.get(&room)
                    .and_then(|c| c.facilitated.segment)
                    .and_then(|segment| usize::try_from(segment).ok())
            });
            let current = moved.or(programme.current);
            view! {
                <ol class="agenda" aria-label=tra(lang, "programme-agenda")>
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
}

/// One message. Reaction counts are read from `messages` as they change, so the item (and the
/// keyboard focus on a reaction button) stays in place.
fn message_view(
    ctx: Ctx,
    room: &str,
    message: &ChatMessage,
    messages: Memo<Vec<ChatMessage>>,
    runs: Memo<crate::conversation::HiddenRuns>,
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
    // Hidden on this device: the first of a run stands for it (its length), the rest go.
    let run = {
        let id = message.id.clone();
        Memo::new(move |_| runs.with(|runs| runs.of(&id)))
    };
    let highlighted = {
        let (room, id) = (room.to_owned(), message.id.clone());
        move || {
            ctx.highlight
                .with(|h| h.as_ref().is_some_and(|(r, m)| *r == room && *m == id))
        }
    };
    let target = MenuTarget {
        room: room.to_owned(),
        message_id: message.id.clone(),
        handle: message.handle.clone(),
        text: message.text.clone(),
        mine,
    };
    let time = browser::message_time(message);
    // A supervisor observing a case reads it, and takes no part (no reactions).
    let observer = ctx.is_supervisor() && Ctx::is_case_room(room);
    let reactions =
        (!observer).then(|| super::reactions::all(ctx, room, &message.id, counts.into(), true));
    let handle = message.handle.clone();
    let text = message.text.clone();
    let at = message.at.to_string();
    let menu = super::message_menu::menu_button(ctx, target);
    view! {
        <li class="message" class:mine=mine class:deleted=move || deleted.get()
            class:highlight=highlighted
            class:hidden=move || run.get() == Some(0)
            class:is-hidden=move || run.get().is_some()
            data-id=message.id.clone()>
            {move || match run.get() {
                Some(count) if count > 0 => Some(view! { <HiddenLine handle=handle.clone() count=count/> }),
                _ => None,
            }}
            // One line: who and when, then the quiet reactions and the menu.
            <div class="message-head" class:hidden=move || run.get().is_some()>
                <p class="who">
                    <span class="handle">{message.handle.clone()}</span>
                    {mine.then(|| view! { <span class="you">{tr(lang, "room-you")}</span> })}
                    <time datetime=at>{time}</time>
                </p>
                <div class="message-actions" class:hidden=move || deleted.get()>
                    <div class="reactions">{reactions}</div>
                    {menu}
                </div>
            </div>
            {
                let text = text.clone();
                move || {
                    if run.get().is_some() {
                        None
                    } else if deleted.get() {
                        Some(view! { <p class="text removed">{tv(lang.get(), "room-deleted")}</p> }.into_any())
                    } else {
                        Some(view! { <p class="text">{text.clone()}</p> }.into_any())
                    }
                }
            }
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
            t(lang.get(), "room-failed"),
            ibasho_i18n::ruby::plain(&code_words(lang.get(), code)).into_owned()
        ),
        None => t(lang.get(), "room-pending"),
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
                    }>{tr(lang, "room-dismiss")}</button>
                })}
            </p>
        </li>
    }
}

/// The composer, at the bottom: Enter sends, Shift+Enter is a new line, and Enter that
/// confirms a Japanese IME conversion never sends.
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
            super::room_actions::say(ctx, &room, value);
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
    // In a 1:1 with a counselor there is no "just listening": it is a conversation — but a
    // supervisor observing it only reads (and whispers to the counselor, above).
    let case_room = Ctx::is_case_room(&room);
    if case_room && ctx.is_supervisor() {
        return view! { <p class="listening" data-room="read-only">{tr(lang, "supervision-read_only")}</p> }
            .into_any();
    }
    // A counselor's canned replies go into this box, to edit before sending.
    let replies = (case_room && ctx.is_counselor())
        .then(|| view! { <super::replies::Replies room=room.clone() text=text/> });
    let composer = move || {
        if ctx.listening.get() && !case_room {
            view! {
                <div class="listening">
                    <p>{tv(lang.get(), "room-listening")}</p>
                    <button type="button" data-room="start-talking" on:click=move |_| {
                        ctx.listening.set(false);
                        browser::focus_composer();
                    }>
                        {tv(lang.get(), "room-start_talking")}
                    </button>
                </div>
            }
            .into_any()
        } else {
            let on_keydown = on_keydown.clone();
            let on_submit = on_submit.clone();
            view! {
                <form class="composer" on:submit=on_submit>
                    <label for="composer" class="sr-only">{tv(lang.get(), "room-composer-label")}</label>
                    <textarea
                        id="composer"
                        node_ref=area
                        rows="1"
                        // The server's limit (from its welcome).
                        maxlength=crate::i18n::limits().map(|l| l.max_text_chars)
                        aria-describedby="composer-hint"
                        enterkeyhint="send"
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                        on:keydown=on_keydown
                    ></textarea>
                    <button type="submit" class="primary send" disabled=move || !may_speak.get()>
                        {tv(lang.get(), "room-send")}
                    </button>
                    <p id="composer-hint" class="hint">{tv(lang.get(), "room-composer-hint")}</p>
                </form>
            }
            .into_any()
        }
    };
    view! { {replies} {composer} }.into_any()
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
            .map(|topic| view! { <p class="topic-now">{tfv(lang, "room-topic", &[("topic", &topic)])}</p> });
        let calm = if state.unattended {
            Some(tv(lang, "room-unattended"))
        } else if state.locked {
            Some(tv(lang, "room-locked"))
        } else if state.slow_mode_seconds > 0 {
            Some(tfv(
                lang,
                "room-slow_mode",
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
