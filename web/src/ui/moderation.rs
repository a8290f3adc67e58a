//! The facilitator's side of keeping the room safe: what the message menu's staff items do
//! (take down, mute, ask to leave, connect to a counselor — each asked first), the room's
//! safety controls (pause writing, slow mode, topic, end now), who is muted (with lifting
//! it), what was just done (with its undo), and the desk of alerts and reports, each with a
//! way to its message. State is `crate::desk`.

use ibasho_protocol::{
    AlertReason, ClientMsg, EscalationStatus, ModerateAction, ReportOutcome, StaffRole, Urgency,
};
use leptos::prelude::*;

use super::browser;
use super::state::{Ask, Ctx, Screen, follow, tr, tra};
use super::words::{tfv, tv};
use crate::desk::{AlertCard, Done};
use crate::i18n::{t, tf};

const OUTCOMES: [ReportOutcome; 4] = [
    ReportOutcome::MessageDeleted,
    ReportOutcome::Muted,
    ReportOutcome::Removed,
    ReportOutcome::NoAction,
];

/// The desk's part of the session: its end forgets the desk.
pub fn install(ctx: Ctx) {
    ctx.wire
        .on_session_end(move || ctx.desk.set(Default::default()));
}

fn moderate(
    ctx: Ctx,
    room: &str,
    action: ModerateAction,
    fill: impl FnOnce(&mut ClientMsg),
) -> bool {
    let mut frame = ClientMsg::Moderate {
        room: room.to_owned(),
        action,
        message_id: None,
        handle: None,
        minutes: None,
        seconds: None,
        text: None,
    };
    fill(&mut frame);
    ctx.wire.send(&frame)
}

/// Says back what was done (a refusal, if the server has one, replaces it in the notice).
fn done(ctx: Ctx, sent: bool, what: Done) {
    if sent {
        ctx.desk.update(|desk| desk.done = Some(what));
    }
}

/// Takes a message down (asked first: see `confirm`).
pub fn delete(ctx: Ctx, room: &str, message_id: String) {
    let sent = moderate(ctx, room, ModerateAction::Delete, |frame| {
        if let ClientMsg::Moderate { message_id: id, .. } = frame {
            *id = Some(message_id);
        }
    });
    done(
        ctx,
        sent,
        Done::Deleted {
            room: room.to_owned(),
        },
    );
}

fn sanction(ctx: Ctx, room: &str, action: ModerateAction, handle: &str) -> bool {
    moderate(ctx, room, action, |frame| {
        if let ClientMsg::Moderate {
            handle: target,
            minutes,
            ..
        } = frame
        {
            *target = Some(handle.to_owned());
            if action == ModerateAction::Mute {
                *minutes = Some(ibasho_protocol::DEFAULT_MUTE_MINUTES);
            }
        }
    })
}

/// Mutes someone for 10 minutes (asked first).
pub fn mute(ctx: Ctx, room: &str, handle: String) {
    let sent = sanction(ctx, room, ModerateAction::Mute, &handle);
    done(
        ctx,
        sent,
        Done::Muted {
            room: room.to_owned(),
            handle,
        },
    );
}

/// Lifts a mute (the undo of a mute, or from the list of who is muted).
pub fn unmute(ctx: Ctx, room: &str, handle: String) {
    let sent = sanction(ctx, room, ModerateAction::Unmute, &handle);
    done(
        ctx,
        sent,
        Done::Unmuted {
            room: room.to_owned(),
            handle,
        },
    );
}

/// Takes someone out of the room (asked first).
pub fn remove(ctx: Ctx, room: &str, handle: String) {
    let sent = sanction(ctx, room, ModerateAction::Remove, &handle);
    done(
        ctx,
        sent,
        Done::Removed {
            room: room.to_owned(),
            handle,
        },
    );
}

/// Ends the room's session now (asked first).
pub fn close(ctx: Ctx, room: &str) {
    moderate(ctx, room, ModerateAction::Close, |_| {});
}

/// How many of the writer's messages (up to the one chosen) a counselor may be shown.
const EXCERPT_MESSAGES: usize = 5;

/// Suggests a counselor to the writer of `message_id` in `room`, with that message and the
/// writer's messages before it here as what a counselor would see (the person is asked
/// first, and may take out any of them).
pub fn escalate(ctx: Ctx, room: &str, handle: &str, message_id: &str, urgency: Urgency) {
    let mut ids: Vec<String> = ctx.conversations.with_untracked(|all| {
        all.get(room)
            .map(|c| {
                let mine: Vec<&ibasho_protocol::ChatMessage> =
                    c.messages().iter().filter(|m| m.handle == handle).collect();
                let upto = mine
                    .iter()
                    .position(|m| m.id == message_id)
                    .map_or(mine.len(), |at| at + 1);
                mine[..upto]
                    .iter()
                    .rev()
                    .take(EXCERPT_MESSAGES)
                    .rev()
                    .map(|m| m.id.clone())
                    .collect()
            })
            .unwrap_or_default()
    });
    if !ids.iter().any(|id| id == message_id) {
        ids.push(message_id.to_owned());
    }
    ctx.wire.send(&ClientMsg::Escalate {
        room: room.to_owned(),
        handle: handle.to_owned(),
        urgency,
        message_ids: ids,
    });
}

/// An alert seen to: off this desk, and (by the server) every other.
pub fn dismiss_alert(ctx: Ctx, room: &str, message_id: &str, alert_id: Option<String>) {
    if let Some(alert_id) = alert_id {
        ctx.wire.send(&ClientMsg::DismissAlert { alert_id });
    }
    ctx.desk.update(|desk| desk.dismiss_alert(room, message_id));
}

/// Brings a message into view in its room and marks it for a while.
fn show_message(ctx: Ctx, room: &str, message_id: &str) {
    if ctx.screen.get_untracked() != Screen::Room(room.to_owned()) {
        ctx.screen.set(Screen::Room(room.to_owned()));
    }
    ctx.highlight
        .set(Some((room.to_owned(), message_id.to_owned())));
}

/// "発言を見る": to the message an alert or a report is about (when this view still has it).
fn to_message(ctx: Ctx, room: String, message_id: String) -> impl IntoView {
    let lang = ctx.lang;
    let here = {
        let (room, id) = (room.clone(), message_id.clone());
        move || {
            ctx.conversations.with(|all| {
                all.get(&room)
                    .is_some_and(|c| c.messages().iter().any(|m| m.id == id))
            })
        }
    };
    move || {
        if here() {
            let (room, id) = (room.clone(), message_id.clone());
            view! {
                <button type="button" data-desk="show" on:click=move |_| show_message(ctx, &room, &id)>
                    {tv(lang.get(), "desk-show_message")}
                </button>
            }
            .into_any()
        } else {
            view! { <span class="quiet">{tv(lang.get(), "desk-message_gone")}</span> }.into_any()
        }
    }
}

/// Everything a facilitator has in a room, in one panel that folds away on a phone: what was
/// just done, who is muted, the desk, the session's controls and the room's safety controls.
#[component]
pub fn StaffPanel(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let waiting = {
        let room = room.clone();
        Memo::new(move |_| ctx.desk.with(|desk| desk.waiting_in(&room)))
    };
    view! {
        <DoneLine room=room.clone()/>
        <details class="staff-panel" open>
            <summary>
                {tr(lang, "staff-panel")}
                {move || (waiting.get() > 0).then(|| view! {
                    <span class="badge">{tfv(lang.get(), "desk-waiting", &[("n", &waiting.get().to_string())])}</span>
                })}
            </summary>
            <DeskPanel room=room.clone()/>
            <MutedList room=room.clone()/>
            <super::staff::Controls room=room.clone()/>
            <SafetyControls room=room/>
        </details>
    }
}

/// 「〇〇さんを10分ミュートしました・取り消す」: what this staff member just did.
#[component]
fn DoneLine(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    // (Drawn again when what was done changes: a key rather than a memo of it.)
    let now = {
        let room = room.clone();
        move || {
            ctx.desk
                .with(|desk| desk.done.clone().filter(|done| done.room() == room))
        }
    };
    let told = {
        let now = now.clone();
        Memo::new(move |_| {
            now().map(|done| match done {
                Done::Deleted { .. } => String::new(),
                Done::Muted { handle, .. } => "m".to_owned() + &handle,
                Done::Unmuted { handle, .. } => "u".to_owned() + &handle,
                Done::Removed { handle, .. } => "r".to_owned() + &handle,
            })
        })
    };
    view! {
        <div class="done-line" role="status">
            {move || {
                follow(told);
                untrack(&now)
            }.map(|done| {
                let lang = lang.get();
                let (line, undo) = match &done {
                    Done::Deleted { .. } => (tv(lang, "done-deleted"), None),
                    Done::Muted { room, handle } => (
                        tfv(lang, "done-muted", &[("handle", handle)]),
                        Some((room.clone(), handle.clone())),
                    ),
                    Done::Unmuted { handle, .. } => (tfv(lang, "done-unmuted", &[("handle", handle)]), None),
                    Done::Removed { handle, .. } => (tfv(lang, "done-removed", &[("handle", handle)]), None),
                };
                view! {
                    <p class="done">
                        <span>{line}</span>
                        {undo.map(|(room, handle)| view! {
                            <button type="button" data-done="undo"
                                on:click=move |_| unmute(ctx, &room, handle.clone())>
                                {tv(lang, "done-undo")}
                            </button>
                        })}
                        <button type="button" class="quiet" on:click=move |_| ctx.desk.update(|desk| desk.done = None)>
                            {tv(lang, "done-close")}
                        </button>
                    </p>
                }
            })}
        </div>
    }
}

/// Who is muted here, until when, with lifting it.
#[component]
fn MutedList(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    // (Drawn again when who is muted, or until when, changes: a key, not a memo of the list.)
    let told = {
        let room = room.clone();
        Memo::new(move |_| {
            ctx.desk.with(|desk| {
                let mut key = String::new();
                for member in desk.muted.get(&room).into_iter().flatten() {
                    key.push_str(&member.handle);
                    key.push_str(&member.until.as_millisecond().to_string());
                }
                key
            })
        })
    };
    move || {
        follow(told);
        let members = ctx
            .desk
            .with_untracked(|desk| desk.muted.get(&room).cloned().unwrap_or_default());
        (!members.is_empty()).then(|| {
            let room = room.clone();
            view! {
                <section class="muted-list" aria-labelledby="muted-title">
                    <h2 id="muted-title">{tv(lang.get(), "muted-title")}</h2>
                    <ul>
                        {members.into_iter().map(|member| {
                            let (room, handle) = (room.clone(), member.handle.clone());
                            view! {
                                <li data-muted=member.handle.clone()>
                                    <span>{tfv(lang.get(), "muted-until", &[
                                        ("handle", &member.handle),
                                        ("time", &browser::local_time(member.until)),
                                    ])}</span>
                                    <button type="button" data-mod="unmute"
                                        on:click=move |_| unmute(ctx, &room, handle.clone())>
                                        {tv(lang.get(), "muted-lift")}
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

/// The room's safety controls: pause writing, slow mode, topic, end now (asked first).
#[component]
pub fn SafetyControls(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let state = {
        let room = room.clone();
        Memo::new(move |_| {
            ctx.conversations
                .with(|all| all.get(&room).map(|c| c.facilitated.clone()))
                .unwrap_or_default()
        })
    };
    let topic = RwSignal::new(String::new());
    let simple = |action: ModerateAction| {
        let room = room.clone();
        move |_| {
            moderate(ctx, &room, action, |_| {});
        }
    };
    let slow = |seconds: u32| {
        let room = room.clone();
        move |_| {
            moderate(ctx, &room, ModerateAction::SlowMode, |frame| {
                if let ClientMsg::Moderate { seconds: s, .. } = frame {
                    *s = Some(seconds);
                }
            });
        }
    };
    let set_topic = {
        let room = room.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let text = topic.get_untracked();
            moderate(ctx, &room, ModerateAction::Topic, |frame| {
                if let ClientMsg::Moderate { text: t, .. } = frame {
                    *t = Some(text);
                }
            });
        }
    };
    let lock = simple(ModerateAction::Lock);
    let unlock = simple(ModerateAction::Unlock);
    let close = {
        let room = room.clone();
        move |_| ctx.asking.set(Some(Ask::CloseRoom { room: room.clone() }))
    };
    let slow_on = slow(crate::i18n::SLOW_MODE_SECONDS);
    let slow_off = slow(0);
    let topic_id = format!("topic-{room}");
    view! {
        <section class="safety-controls" aria-label=tra(lang, "mod-controls")>
            <div class="actions">
                <span class:hidden=move || state.with(|s| s.locked && !s.unattended)>
                    <button type="button" data-mod="lock" on:click=lock>{tr(lang, "mod-lock")}</button>
                </span>
                <span class:hidden=move || !state.with(|s| s.locked && !s.unattended)>
                    <button type="button" data-mod="unlock" on:click=unlock>{tr(lang, "mod-unlock")}</button>
                </span>
                <span class:hidden=move || state.with(|s| s.slow_mode_seconds > 0)>
                    <button type="button" data-mod="slow" on:click=slow_on>{tr(lang, "mod-slow")}</button>
                </span>
                <span class:hidden=move || state.with(|s| s.slow_mode_seconds == 0)>
                    <button type="button" data-mod="slow-off" on:click=slow_off>{tr(lang, "mod-slow_off")}</button>
                </span>
                <button type="button" data-mod="close" on:click=close>{tr(lang, "mod-close")}</button>
            </div>
            <form class="topic" on:submit=set_topic>
                <label for=topic_id.clone()>{tr(lang, "mod-topic")}</label>
                <input id=topic_id.clone() maxlength="200" prop:value=move || topic.get()
                    on:input=move |ev| topic.set(event_target_value(&ev))/>
                <button type="submit">{tr(lang, "mod-topic_set")}</button>
            </form>
        </section>
    }
}

/// Alerts and reports of this room, for staff: each with its message, who wrote it, a way
/// to it; reports resolved, alerts dismissed for every desk.
#[component]
pub fn DeskPanel(room: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let desk = ctx.desk;
    let admin = move || ctx.staff.get() == Some(StaffRole::Admin);
    // Each list is drawn again when what is in it changes: a key of its ids rather than a
    // memo of the list (a memo of each type costs the bundle a copy of its code).
    let report_ids = {
        let room = room.clone();
        Memo::new(move |_| {
            desk.with(|d| {
                let mut key = String::new();
                for report in d.reports.iter().filter(|r| r.room == room) {
                    key.push_str(&report.report_id);
                    key.push(' ');
                }
                key
            })
        })
    };
    let alert_ids = {
        let room = room.clone();
        Memo::new(move |_| {
            desk.with(|d| {
                let mut key = String::new();
                for alert in d.alerts.iter().filter(|a| a.room == room) {
                    key.push_str(&alert.message_id);
                    key.push_str(alert.id.as_deref().unwrap_or_default());
                    key.push(' ');
                }
                key
            })
        })
    };
    let reports = {
        let room = room.clone();
        move || {
            follow(report_ids);
            desk.with_untracked(|d| {
                d.reports
                    .iter()
                    .filter(|r| r.room == room)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        }
    };
    let alerts = move || {
        follow(alert_ids);
        desk.with_untracked(|d| {
            d.alerts
                .iter()
                .filter(|a| a.room == room)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    view! {
        <section class="desk" aria-labelledby="desk-title">
            <h2 id="desk-title">{tr(lang, "desk-title")}</h2>
            {move || admin().then(|| view! {
                <button type="button" data-open="audit" on:click=move |_| ctx.screen.set(Screen::Audit)>
                    {tv(lang.get(), "audit-open")}
                </button>
            })}
            {move || (alert_ids.with(String::is_empty) && report_ids.with(String::is_empty))
                .then(|| view! { <p class="quiet">{tv(lang.get(), "desk-empty")}</p> })}
            <ul class="reports">
                {move || reports().into_iter().map(|report| {
                    let reason = t(lang.get(), &format!("report-reason-{}", report.reason.as_str()));
                    let resolve = OUTCOMES.iter().map(|outcome| {
                        let (id, outcome) = (report.report_id.clone(), *outcome);
                        let key = format!("desk-resolve-{}", outcome.as_str());
                        view! {
                            <button type="button" data-outcome=outcome.as_str() on:click=move |_| {
                                let sent = ctx.wire.send(&ClientMsg::ResolveReport { report_id: id.clone(), outcome });
                                // Off the desk only once it went: offline, it stays to resolve.
                                if sent {
                                    ctx.desk.update(|desk| desk.resolved(&id));
                                }
                            }>{tv(lang.get(), &key)}</button>
                        }
                    }).collect_view();
                    view! {
                        <li class="report-card" data-report=report.report_id.clone()>
                            <p>{tfv(lang.get(), "desk-report", &[("reason", &reason)])}</p>
                            <blockquote><span class="handle">{report.handle.clone()}</span>{" "}{report.text.clone()}</blockquote>
                            {report.note.clone().map(|note| view! { <p>{tfv(lang.get(), "desk-note", &[("note", &note)])}</p> })}
                            <div class="actions">
                                {to_message(ctx, report.room.clone(), report.message_id.clone())}
                                {resolve}
                            </div>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Escalations/>
            <ul class="alerts">
                {move || alerts().into_iter().map(|alert| alert_card(ctx, alert)).collect_view()}
            </ul>
        </section>
    }
}

fn alert_card(ctx: Ctx, alert: AlertCard) -> impl IntoView {
    let lang = ctx.lang.get();
    let rule = alert.rule.clone().unwrap_or_default();
    let line = match alert.reason {
        AlertReason::Flagged => tf(lang, "desk-alert-flagged", &[("rule", &rule)]),
        AlertReason::Trial => tf(lang, "desk-alert-trial", &[("rule", &rule)]),
        AlertReason::Crisis => t(lang, "desk-alert-crisis"),
    };
    let (room, id) = (alert.room.clone(), alert.message_id.clone());
    // The writer: the alert names them (an older server did not: then the room's messages).
    let writer = alert.handle.clone().or_else(|| {
        ctx.conversations.with_untracked(|all| {
            all.get(&room).and_then(|c| {
                c.messages()
                    .iter()
                    .find(|m| m.id == id)
                    .map(|m| m.handle.clone())
            })
        })
    });
    let urgent = alert.reason == AlertReason::Crisis;
    let key = if urgent {
        "mod-escalate_urgent"
    } else {
        "mod-escalate"
    };
    let escalation = writer.clone().map(|handle| {
        let (room, id) = (room.clone(), id.clone());
        view! {
            <button type="button" data-mod="escalate-alert"
                on:click=move |_| ctx.asking.set(Some(Ask::Escalate {
                    room: room.clone(), handle: handle.clone(), message_id: id.clone(), urgent,
                }))>
                {tv(lang, key)}
            </button>
        }
    });
    // Seen to, for every desk: a crisis alert asks first.
    let dismiss = {
        let (room, id, alert_id) = (room.clone(), id.clone(), alert.id.clone());
        move |_| {
            if urgent {
                ctx.asking.set(Some(Ask::DismissAlert {
                    room: room.clone(),
                    message_id: id.clone(),
                    alert_id: alert_id.clone(),
                }));
            } else {
                dismiss_alert(ctx, &room, &id, alert_id.clone());
            }
        }
    };
    view! {
        <li class="alert-card" class:crisis=urgent data-alert=alert.id.clone().unwrap_or_default()>
            <p>
                {writer.map(|handle| view! { <strong class="handle">{tfv(lang, "desk-writer", &[("handle", &handle)])}</strong>" " })}
                {line}
            </p>
            <div class="actions">
                {to_message(ctx, room.clone(), id.clone())}
                {escalation}
                <button type="button" data-desk="dismiss" on:click=dismiss>{tv(lang, "desk-dismiss")}</button>
            </div>
        </li>
    }
}

/// What became of this facilitator's escalations, in the words they are told.
#[component]
fn Escalations() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    // (Drawn again when a status changes: a key rather than a memo of the list.)
    let told = Memo::new(move |_| {
        ctx.desk.with(|desk| {
            let mut key = String::new();
            for (handle, status) in desk.escalations.values() {
                key.push_str(handle.as_deref().unwrap_or_default());
                key.push(char::from(b'0' + *status as u8));
            }
            key
        })
    });
    move || {
        follow(told);
        let statuses = ctx
            .desk
            .with_untracked(|desk| desk.escalations.values().cloned().collect::<Vec<_>>());
        (!statuses.is_empty()).then(|| {
            view! {
                <ul class="escalations" aria-label=tra(lang, "escalation-title")>
                    {statuses.into_iter().map(|(handle, status)| {
                        let key = match status {
                            EscalationStatus::Asked => "escalation-asked",
                            EscalationStatus::Queued => "escalation-queued",
                            EscalationStatus::NotGoingAhead => "escalation-not_going_ahead",
                            EscalationStatus::WithCounselor => "escalation-with_counselor",
                            EscalationStatus::Ended => "escalation-ended",
                        };
                        let handle = handle.unwrap_or_default();
                        // (Its wire name, the key's last part.)
                        let name = key.trim_start_matches("escalation-");
                        view! { <li data-status=name>{tfv(lang.get(), key, &[("handle", &handle)])}</li> }
                    }).collect_view()}
                </ul>
            }
        })
    }
}
