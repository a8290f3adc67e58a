//! The facilitator's side of keeping the room safe: a menu on each message (take it down,
//! mute for 10 minutes, ask to leave, the report about it), the room's safety controls
//! (pause writing, slow mode, topic, end now), and the desk of alerts and reports.

use ibasho_protocol::{
    AlertReason, ClientMsg, EscalationStatus, ModerateAction, ReportOutcome, StaffRole, Urgency,
};
use leptos::prelude::*;

use super::socket;
use super::state::{Ctx, Screen};
use crate::desk::{AlertCard, ReportCard};
use crate::i18n::{t, tf};

const OUTCOMES: [ReportOutcome; 4] = [
    ReportOutcome::MessageDeleted,
    ReportOutcome::Muted,
    ReportOutcome::Removed,
    ReportOutcome::NoAction,
];

/// An alert about a message, for staff.
pub fn alert(
    ctx: Ctx,
    room: String,
    message_id: String,
    reason: AlertReason,
    rule: Option<String>,
) {
    ctx.desk.update(|desk| {
        desk.alert(AlertCard {
            room,
            message_id,
            reason,
            rule,
        });
    });
}

/// A report, for staff.
pub fn report(ctx: Ctx, report: ReportCard) {
    ctx.desk.update(|desk| desk.report(report));
}

fn moderate(ctx: Ctx, room: &str, action: ModerateAction, fill: impl FnOnce(&mut ClientMsg)) {
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
    socket::send(ctx, &frame);
}

/// How many of the writer's messages (up to the one chosen) a counselor may be shown.
const EXCERPT_MESSAGES: usize = 5;

/// Suggests a counselor to the writer of `message_id` in `room`, with that message and the
/// writer's messages before it here as what a counselor would see (the person is asked
/// first, and may take out any of them).
fn escalate(ctx: Ctx, room: &str, handle: &str, message_id: &str, urgency: Urgency) {
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
    socket::send(
        ctx,
        &ClientMsg::Escalate {
            room: room.to_owned(),
            handle: handle.to_owned(),
            urgency,
            message_ids: ids,
        },
    );
}

/// The staff menu under a message.
#[component]
pub fn MessageMenu(room: String, message_id: String, handle: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let delete = {
        let (room, id) = (room.clone(), message_id.clone());
        move |_| {
            let id = id.clone();
            moderate(ctx, &room, ModerateAction::Delete, |frame| {
                if let ClientMsg::Moderate { message_id, .. } = frame {
                    *message_id = Some(id);
                }
            });
        }
    };
    let sanction = |action: ModerateAction| {
        let (room, handle) = (room.clone(), handle.clone());
        move |_| {
            let handle = handle.clone();
            moderate(ctx, &room, action, |frame| {
                if let ClientMsg::Moderate {
                    handle: target,
                    minutes,
                    ..
                } = frame
                {
                    *target = Some(handle);
                    if action == ModerateAction::Mute {
                        *minutes = Some(10);
                    }
                }
            });
        }
    };
    let report = {
        let (room, id) = (room.clone(), message_id.clone());
        Memo::new(move |_| ctx.desk.with(|desk| desk.report_about(&room, &id).cloned()))
    };
    view! {
        <div class="mod-menu" role="group" aria-label=move || t(lang.get(), "mod.menu")>
            <button type="button" data-mod="delete" on:click=delete>{move || t(lang.get(), "mod.delete")}</button>
            <button type="button" data-mod="mute" on:click=sanction(ModerateAction::Mute)>{move || t(lang.get(), "mod.mute")}</button>
            <button type="button" data-mod="remove" on:click=sanction(ModerateAction::Remove)>{move || t(lang.get(), "mod.remove")}</button>
            <button type="button" data-mod="escalate" on:click={
                let (room, id, handle) = (room.clone(), message_id.clone(), handle.clone());
                move |_| escalate(ctx, &room, &handle, &id, Urgency::Normal)
            }>{move || t(lang.get(), "mod.escalate")}</button>
            {move || report.get().map(|report| view! {
                <details class="report-details">
                    <summary>{t(lang.get(), "mod.report_details")}</summary>
                    <p>{tf(lang.get(), "desk.report", &[("reason", t(lang.get(), &format!("report.reason.{}", report.reason.as_str())))])}</p>
                    {report.note.map(|note| view! { <p>{tf(lang.get(), "desk.note", &[("note", &note)])}</p> })}
                </details>
            })}
        </div>
    }
}

/// The room's safety controls: pause writing, slow mode, topic, end now.
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
        move |_| moderate(ctx, &room, action, |_| {})
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
    let close = simple(ModerateAction::Close);
    let slow_on = slow(30);
    let slow_off = slow(0);
    let topic_id = format!("topic-{room}");
    view! {
        <section class="safety-controls" aria-label=move || t(lang.get(), "mod.controls")>
            <div class="actions">
                <span class:hidden=move || state.with(|s| s.locked && !s.unattended)>
                    <button type="button" data-mod="lock" on:click=lock>{move || t(lang.get(), "mod.lock")}</button>
                </span>
                <span class:hidden=move || !state.with(|s| s.locked && !s.unattended)>
                    <button type="button" data-mod="unlock" on:click=unlock>{move || t(lang.get(), "mod.unlock")}</button>
                </span>
                <span class:hidden=move || state.with(|s| s.slow_mode_seconds > 0)>
                    <button type="button" data-mod="slow" on:click=slow_on>{move || t(lang.get(), "mod.slow")}</button>
                </span>
                <span class:hidden=move || state.with(|s| s.slow_mode_seconds == 0)>
                    <button type="button" data-mod="slow-off" on:click=slow_off>{move || t(lang.get(), "mod.slow_off")}</button>
                </span>
                <button type="button" data-mod="close" on:click=close>{move || t(lang.get(), "mod.close")}</button>
            </div>
            <form class="topic" on:submit=set_topic>
                <label for=topic_id.clone()>{move || t(lang.get(), "mod.topic")}</label>
                <input id=topic_id.clone() maxlength="200" prop:value=move || topic.get()
                    on:input=move |ev| topic.set(event_target_value(&ev))/>
                <button type="submit">{move || t(lang.get(), "mod.topic_set")}</button>
            </form>
        </section>
    }
}

/// Alerts and reports, for staff: each report can be resolved, each alert marked as seen.
#[component]
pub fn DeskPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let desk = ctx.desk;
    let admin = move || ctx.staff.get() == Some(StaffRole::Admin);
    view! {
        <section class="desk" aria-labelledby="desk-title">
            <h2 id="desk-title">{move || t(lang.get(), "desk.title")}</h2>
            {move || admin().then(|| view! {
                <button type="button" data-open="audit" on:click=move |_| ctx.screen.set(Screen::Audit)>
                    {t(lang.get(), "audit.open")}
                </button>
            })}
            {move || desk.with(|d| d.alerts.is_empty() && d.reports.is_empty())
                .then(|| view! { <p class="quiet">{t(lang.get(), "desk.empty")}</p> })}
            <ul class="reports">
                {move || desk.get().reports.into_iter().map(|report| {
                    let reason = t(lang.get(), &format!("report.reason.{}", report.reason.as_str()));
                    let resolve = OUTCOMES.iter().map(|outcome| {
                        let (id, outcome) = (report.report_id.clone(), *outcome);
                        let key = format!("desk.resolve.{}", outcome.as_str());
                        view! {
                            <button type="button" data-outcome=outcome.as_str() on:click=move |_| {
                                let sent = socket::send(ctx, &ClientMsg::ResolveReport { report_id: id.clone(), outcome });
                                // Off the desk only once it went: offline, it stays to resolve.
                                if sent {
                                    ctx.desk.update(|desk| desk.resolved(&id));
                                }
                            }>{t(lang.get(), &key)}</button>
                        }
                    }).collect_view();
                    view! {
                        <li class="report-card" data-report=report.report_id.clone()>
                            <p>{tf(lang.get(), "desk.report", &[("reason", reason)])}</p>
                            <blockquote><span class="handle">{report.handle.clone()}</span>{" "}{report.text.clone()}</blockquote>
                            {report.note.clone().map(|note| view! { <p>{tf(lang.get(), "desk.note", &[("note", &note)])}</p> })}
                            <div class="actions">{resolve}</div>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <Escalations/>
            <ul class="alerts">
                {move || desk.get().alerts.into_iter().map(|alert| {
                    let rule = alert.rule.clone().unwrap_or_default();
                    let line = match alert.reason {
                        AlertReason::Flagged => tf(lang.get(), "desk.alert.flagged", &[("rule", &rule)]),
                        AlertReason::Trial => tf(lang.get(), "desk.alert.trial", &[("rule", &rule)]),
                        AlertReason::Crisis => t(lang.get(), "desk.alert.crisis").to_owned(),
                    };
                    let (room, id) = (alert.room.clone(), alert.message_id.clone());
                    // The writer, from the room's messages here (an alert names no one).
                    let writer = ctx.conversations.with_untracked(|all| {
                        all.get(&room).and_then(|c| {
                            c.messages().iter().find(|m| m.id == id).map(|m| m.handle.clone())
                        })
                    });
                    let urgency = if alert.reason == AlertReason::Crisis { Urgency::Urgent } else { Urgency::Normal };
                    let key = if urgency == Urgency::Urgent { "mod.escalate_urgent" } else { "mod.escalate" };
                    let escalation = writer.map(|handle| {
                        let (room, id) = (room.clone(), id.clone());
                        view! {
                            <button type="button" data-mod="escalate-alert"
                                on:click=move |_| escalate(ctx, &room, &handle, &id, urgency)>
                                {t(lang.get(), key)}
                            </button>
                        }
                    });
                    view! {
                        <li class="alert-card" class:crisis=alert.reason == AlertReason::Crisis>
                            <p>{line}</p>
                            {escalation}
                            <button type="button" on:click=move |_| ctx.desk.update(|desk| desk.dismiss_alert(&room, &id))>
                                {t(lang.get(), "desk.dismiss")}
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}

/// What became of this facilitator's escalations, in the words they are told.
#[component]
fn Escalations() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let statuses = Memo::new(move |_| {
        ctx.counsel
            .with(|counsel| counsel.escalations.values().cloned().collect::<Vec<_>>())
    });
    move || {
        let statuses = statuses.get();
        (!statuses.is_empty()).then(|| {
            view! {
                <ul class="escalations" aria-label=move || t(lang.get(), "escalation.title")>
                    {statuses.into_iter().map(|(handle, status)| {
                        let key = match status {
                            EscalationStatus::Asked => "escalation.asked",
                            EscalationStatus::Queued => "escalation.queued",
                            EscalationStatus::NotGoingAhead => "escalation.not_going_ahead",
                            EscalationStatus::WithCounselor => "escalation.with_counselor",
                            EscalationStatus::Ended => "escalation.ended",
                        };
                        let handle = handle.unwrap_or_default();
                        view! { <li data-status=format!("{status:?}")>{tf(lang.get(), key, &[("handle", &handle)])}</li> }
                    }).collect_view()}
                </ul>
            }
        })
    }
}
