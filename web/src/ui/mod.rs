//! The browser side: Leptos components and the WebSocket (wasm32 only).
//!
//! - [`app`] — the root: context, settings effects, the double-Escape listener, screens.
//! - [`state`] — the app's signals, shared through context: each area's state is a signal of
//!   its own. [`wire`] — the handle every area sends through (and the lists of what keeps a
//!   session and what each area forgets with it).
//! - [`socket`] — the connection and the session's lifecycle: hello/resume, welcome,
//!   reconnects, the end; every other frame to its area (`crate::areas`). Only [`app`]
//!   imports it. [`refusal`] — what an `error` frame means for the page.
//! - The room area: [`room`] (the screen), [`room_actions`] (enter, say, react, leave, and
//!   what room frames ask), [`room_menu`], [`message_menu`], [`reactions`].
//! - [`lobby`], [`entry`], [`week`] — the other screens (the week: scheduled sittings).
//! - [`sheet`] — a sheet over the page (menus, settings).
//! - [`confirm`] — asking first, for what removes, silences, ends or asks on someone's behalf.
//! - [`watch`] — 「開いたら知らせる」: hearing that a closed room opened.
//! - [`staff`] — the staff sign-in, the facilitator's controls, and the floor in a round.
//! - [`form`] — a labelled field and a form's two buttons; [`kit`] — the staff consoles'
//!   buttons, written once.
//! - [`words`] — the sentences as views, with their furigana as ruby where shown.
//! - [`moderation`] — the facilitator's message menu, room safety controls and desk.
//! - [`safety`] — the participant's side: reporting, hiding someone, the personal-
//!   information choice, the private support card, sanctions told calmly.
//! - [`counsel`] — the participant's side of talking with a counselor: ask (with the two
//!   optional routing questions), the waiting card, the consent dialog, a supervisor in the
//!   1:1 room; [`counselor`] — the counselor's console; [`supervisor`] — the supervisor's;
//!   [`case_pane`] — a case as both see it, with [`whisper`] and [`transfer`];
//!   [`replies`] — canned replies in the counselor's message box; [`alerts`] — sound,
//!   system notifications and the tab's title for staff who are not looking.
//! - [`audit`] — the audit log page for administrators.
//! - [`help_lines`] — where help is (the support, no-counselor and parting cards).
//! - [`chrome`] — what is always there: quick exit, settings (light or dark too), connection
//!   banner, notices.
//! - [`browser`] — small wrappers over browser APIs (sessionStorage, fetch, time).

mod alerts;
mod app;
mod audit;
mod browser;
mod case_pane;
mod choices;
mod chrome;
mod confirm;
mod counsel;
mod counselor;
mod entry;
mod figures;
mod form;
mod help_lines;
mod kit;
mod lobby;
mod message_menu;
mod moderation;
mod reactions;
mod refusal;
mod replies;
mod room;
mod room_actions;
mod room_menu;
mod safety;
mod sheet;
mod socket;
mod staff;
mod state;
mod supervisor;
mod transfer;
mod voice;
mod watch;
mod week;
mod whisper;
mod wire;
mod words;

pub use app::App;

/// Starts the app: the words of the tab's language first (fetched from the server), then
/// the page. Without them the page still starts; its sentences then show their keys.
pub fn start() {
    let lang = app::tab_language();
    // (Leptos' own executor starts with the mount: before it, wasm-bindgen's.)
    wasm_bindgen_futures::spawn_local(async move {
        // Without words the page would be blank, the quick exit too: until they come, the
        // page's own bilingual loading line stays, and the fetch is tried again calmly.
        let mut wait_ms = 500;
        loop {
            if words::fetch_words(lang).await || words::fetch_words(ibasho_protocol::Lang::JA).await
            {
                break;
            }
            browser::sleep_ms(wait_ms).await;
            wait_ms = (wait_ms * 2).min(8_000);
        }
        leptos::mount::mount_to_body(App);
    });
}
