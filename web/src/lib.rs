//! Ibasho's web front end: a Leptos client-side app, compiled to WebAssembly and served by
//! the `ibasho` binary. A person opens one URL, sees what is open, picks a handle and is in a
//! room — no install, no account, nothing kept after the tab closes.
//!
//! # Layout
//! Pure parts, built and tested natively (`cargo test -p ibasho-web`):
//! - [`areas`] — which area a server frame belongs to (one exhaustive match), and the
//!   dispatch that changes that area's state alone.
//! - The areas' states, each with its reducer: [`conversations`] (the rooms the person is
//!   in), [`counsel`] (the person's request, the routing questions, the consent dialog),
//!   [`console`] (the counselor's duty, queue, desks and cases), [`supervision`] (the
//!   supervisor's overview, calls and the cases they observe), [`desk`] (the facilitator's alerts, reports, who is
//!   muted, their escalations), [`safety`] (who is hidden here; reports told), [`voice`]
//!   (the one optional question after a sitting or a case, asked once).
//! - [`i18n`] — the page's words: the shared translation files (`ibasho-i18n`), read by
//!   [`fluent`] (the part of Fluent they use), with the numbers the server owns.
//! - [`conversation`] — one room as the client sees it: messages, reactions, presence, and
//!   what the person wrote that is not confirmed yet.
//! - [`countdown`] — "in how long" a room opens, and when that is in the person's day.
//! - [`follow`] — keeping the newest message in view (or counting what waits below).
//! - [`link`] — the connection's state machine: backoff, resume, takeover.
//! - [`small`] — the app's small maps and sets (sorted vectors: a small bundle).
//! - [`keys`] — keyboard rules: Enter sends unless the IME is composing; Esc twice exits.
//!
//! Browser parts (`ui`, wasm32 only): the Leptos components and the WebSocket.

pub mod areas;
pub mod console;
pub mod conversation;
pub mod conversations;
pub mod counsel;
pub mod countdown;
pub mod desk;
pub mod fluent;
pub mod follow;
pub mod i18n;
pub mod keys;
pub mod link;
pub mod safety;
pub mod small;
pub mod supervision;
pub mod voice;

#[cfg(target_arch = "wasm32")]
mod ui;

/// Starts the app when the WebAssembly module is loaded.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    ui::start();
}
