//! Passing a case to another desk (相談窓口): its counselor, or a supervisor, chooses the
//! desk and may leave a note for that desk's counselors alone. The 1:1 room closes; the
//! person waits at the head of that desk's queue with what they shared, and is told which
//! desk. If nobody is on duty there, the case waits there, and another desk may be chosen
//! (`transfer_waiting`, the console's parked case).

use ibasho_protocol::{ClientMsg, DeskInfo, MAX_TRANSFER_NOTE_CHARS};
use leptos::prelude::*;

use super::state::{Ctx, Screen};
use super::words::{tfv, tv};

/// The desks this tab knows (from the `desks` frame of its duty) but `current`.
fn others(ctx: Ctx, current: Option<&str>) -> Vec<DeskInfo> {
    let mut all = if ctx.is_supervisor() {
        ctx.supervision.with(|s| s.desks.clone())
    } else {
        ctx.console.with(|c| c.desks.clone())
    };
    all.retain(|desk| Some(desk.desk.as_str()) != current);
    all
}

/// Sends the transfer; the counselor's card and room go at once, as with a hand-over (a
/// supervisor's room goes when the server takes them out of it).
fn transfer(ctx: Ctx, id: &str, desk: String, note: String) {
    let note = note.trim().to_owned();
    let sent = ctx.wire.send(&ClientMsg::Transfer {
        escalation_id: id.to_owned(),
        desk,
        note: (!note.is_empty()).then_some(note),
    });
    if !sent {
        return;
    }
    if ctx.is_supervisor() {
        ctx.supervision.update(|s| s.parked = None);
        return;
    }
    let room = ctx.console.try_update(|console| {
        console.parked = None;
        console.cases.remove(id).and_then(|case| case.room)
    });
    if let Some(room) = room.flatten() {
        ctx.conversations.update(|all| all.forget(&room));
    }
    ctx.screen.set(Screen::Console);
}

/// 「ほかの窓口につなぐ」 for case `id` (now at desk `current`), opening a short form: an
/// optional note, and one button per desk. Nothing when there is no other desk.
#[component]
pub fn TransferForm(id: String, current: Option<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang;
    let any = {
        let current = current.clone();
        Memo::new(move |_| !others(ctx, current.as_deref()).is_empty())
    };
    let note: NodeRef<leptos::html::Textarea> = NodeRef::new();
    let note_id = format!("note_{id}");
    move || {
        any.get().then(|| {
            let lang_now = lang.get();
            // (Which desks, as they are when it is drawn.)
            let desks = untrack(|| others(ctx, current.as_deref()));
            let buttons = desks
                .into_iter()
                .map(|desk| {
                    let name = desk.name.as_deref().map_or(desk.desk.as_str(), |name| {
                        crate::i18n::localized(lang_now, name, desk.name_en.as_deref())
                    });
                    let words = tfv(lang_now, "console-transfer-to", &[("desk", name)]);
                    let id = id.clone();
                    view! {
                        <button type="button" class="primary" data-desk=desk.desk.clone()
                            on:click=move |_| {
                                let written = note.get_untracked().map(|n| n.value()).unwrap_or_default();
                                transfer(ctx, &id, desk.desk.clone(), written);
                            }>
                            {words}
                        </button>
                    }
                    .into_any()
                })
                .collect_view();
            view! {
                // A disclosure: closed, it is one line; the case goes once it is passed on.
                <details class="transfer">
                    <summary data-transfer="open">{tv(lang_now, "console-transfer")}</summary>
                    <label for=note_id.clone()>
                        {tfv(lang_now, "console-transfer-note", &[("max", &MAX_TRANSFER_NOTE_CHARS.to_string())])}
                    </label>
                    <textarea id=note_id.clone() node_ref=note rows="2" maxlength=MAX_TRANSFER_NOTE_CHARS></textarea>
                    <div class="actions">{buttons}</div>
                </details>
            }
            .into_any()
        })
    }
}
