//! One menu per message (「…」), as chat apps have it, instead of links under every message:
//! report, hide this person on this device, read aloud — and for staff, take down, mute,
//! ask to leave, connect to a counselor (each asked first) and the report about it. It opens
//! as a sheet over the room; the quick exit stays above it.

use leptos::prelude::*;

use super::browser;
use super::sheet::Sheet;
use super::state::{Ask, Ctx, MenuTarget};
use super::words::{tfv, tv};
use crate::i18n::{t, tf};

/// The 「…」 button of a message.
pub fn menu_button(ctx: Ctx, target: MenuTarget) -> impl IntoView {
    let lang = ctx.lang;
    let label = {
        let handle = target.handle.clone();
        Memo::new(move |_| tf(lang.get(), "menu-open", &[("handle", &handle)]))
    };
    let open = {
        let id = target.message_id.clone();
        move || {
            ctx.menu
                .with(|menu| menu.as_ref().is_some_and(|m| m.message_id == id))
                .to_string()
        }
    };
    view! {
        <button type="button" class="more" aria-haspopup="dialog" aria-expanded=open
            aria-label=label title=label data-menu="open"
            on:click=move |_| ctx.menu.set(Some(target.clone()))>
            <span aria-hidden="true">"…"</span>
        </button>
    }
}

/// What staff may do about someone's message: its label, its name for tests, and the
/// question it asks first.
const STAFF_ITEMS: [(&str, &str, fn(&MenuTarget) -> Ask); 4] = [
    ("mod-delete", "delete", |m| Ask::Delete {
        room: m.room.clone(),
        message_id: m.message_id.clone(),
    }),
    ("mod-mute", "mute", |m| Ask::Mute {
        room: m.room.clone(),
        handle: m.handle.clone(),
    }),
    ("mod-remove", "remove", |m| Ask::Remove {
        room: m.room.clone(),
        handle: m.handle.clone(),
    }),
    ("mod-escalate", "escalate", |m| Ask::Escalate {
        room: m.room.clone(),
        handle: m.handle.clone(),
        message_id: m.message_id.clone(),
        urgent: false,
    }),
];

/// What the menu offers for this message, to whom.
fn items(ctx: Ctx, target: &MenuTarget) -> Vec<AnyView> {
    let lang = ctx.lang.get();
    let staff = ctx.staff.get_untracked().is_some();
    let case_room = Ctx::is_case_room(&target.room);
    let mut items = Vec::new();
    let item = |key: &'static str, data: &'static str, act: Box<dyn Fn() + Send + Sync>| {
        view! {
            <li>
                <button type="button" data-menu=data on:click=move |_| {
                    ctx.menu.set(None);
                    act();
                }>{tv(lang, key)}</button>
            </li>
        }
        .into_any()
    };
    if browser::can_speak() {
        let text = target.text.clone();
        items.push(item(
            "menu-read_aloud",
            "read-aloud",
            Box::new(move || browser::speak(&text)),
        ));
    }
    if target.mine || case_room {
        return items;
    }
    if staff {
        // Each asks first (see `confirm`).
        for (key, data, ask) in STAFF_ITEMS {
            let target = target.clone();
            items.push(item(
                key,
                data,
                Box::new(move || ctx.asking.set(Some(ask(&target)))),
            ));
        }
    } else {
        let t2 = target.clone();
        items.push(item(
            "report-open",
            "report",
            Box::new(move || {
                ctx.reporting.set(Some(t2.clone()));
            }),
        ));
        let handle = target.handle.clone();
        items.push(item(
            "hide-person",
            "hide",
            Box::new(move || {
                let handle = handle.clone();
                ctx.safety.update(|safety| {
                    safety.hidden.insert(handle);
                });
            }),
        ));
    }
    items
}

/// The sheet of the open message menu.
#[component]
pub fn MessageMenu() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let close = move || ctx.menu.set(None);
    // A message taken down (or gone with its session) takes its menu and report form along:
    // its words are not to be shown, or read aloud, any more.
    Effect::new(move |_| {
        let gone = |target: &Option<MenuTarget>| {
            target.as_ref().is_some_and(|t| {
                ctx.conversations.with(|all| {
                    all.get(&t.room).is_none_or(|c| {
                        c.is_deleted(&t.message_id)
                            || !c.messages().iter().any(|m| m.id == t.message_id)
                    })
                })
            })
        };
        if ctx.menu.with(gone) {
            ctx.menu.set(None);
        }
        if ctx.reporting.with(gone) {
            ctx.reporting.set(None);
        }
    });
    move || {
        ctx.menu.get().map(|target| {
            let report = ctx.desk.with_untracked(|desk| {
                desk.report_about(&target.room, &target.message_id).cloned()
            });
            let items = items(ctx, &target);
            let title = tf(lang.get(), "menu-title", &[("handle", &target.handle)]);
            let heading = title.clone();
            view! {
                <Sheet label=title close=Callback::new(move |()| close())>
                        <p class="sheet-title">{heading}</p>
                        <blockquote class="quoted">{target.text.clone()}</blockquote>
                        {(!target.text.is_empty()).then(|| {
                            let (room, id) = (target.room.clone(), target.message_id.clone());
                            let counts = Signal::derive(move || {
                                ctx.conversations.with(|all| {
                                    all.get(&room)
                                        .and_then(|c| c.messages().iter().find(|m| m.id == id).map(|m| m.reactions.clone()))
                                        .unwrap_or_default()
                                })
                            });
                            view! {
                                <div class="reactions all" role="group" aria-label=t(lang.get(), "menu-react")>
                                    {super::reactions::all(ctx, &target.room, &target.message_id, counts, false)}
                                </div>
                            }
                        })}
                        {report.map(|report| view! {
                            <div class="report-details">
                                <p>{tfv(lang.get(), "desk-report", &[("reason", &t(lang.get(), &format!("report-reason-{}", report.reason.as_str())))])}</p>
                                {report.note.map(|note| view! { <p>{tfv(lang.get(), "desk-note", &[("note", &note)])}</p> })}
                            </div>
                        })}
                        <ul class="menu-items">
                            {items}
                            <li>
                                <button type="button" data-menu="close" on:click=move |_| close()>
                                    {tv(lang.get(), "menu-close")}
                                </button>
                            </li>
                        </ul>
                </Sheet>
            }
        })
    }
}
