//! The browser side: Leptos components and the WebSocket (wasm32 only).
//!
//! - [`app`] — the root: context, settings effects, the double-Escape listener, screens.
//! - [`state`] — the app's signals, shared through context.
//! - [`socket`] — the connection: hello/resume, frames into state, reconnects, leaving.
//! - [`lobby`], [`entry`], [`room`], [`week`] — the screens (the week: scheduled sessions).
//! - [`staff`] — the staff sign-in, the facilitator's controls, and the floor in a round.
//! - [`moderation`] — the facilitator's message menu, room safety controls and desk.
//! - [`safety`] — the participant's side: reporting, hiding someone, the personal-
//!   information choice, the private support card, sanctions told calmly.
//! - [`counsel`] — the participant's side of talking with a counselor: ask, the waiting
//!   card, the consent dialog; [`counselor`] — the counselor's console and case pane.
//! - [`audit`] — the audit log page for administrators.
//! - [`chrome`] — what is always there: quick exit, settings, connection banner, notices.
//! - [`browser`] — small wrappers over browser APIs (sessionStorage, fetch, time).

mod app;
mod audit;
mod browser;
mod chrome;
mod counsel;
mod counselor;
mod entry;
mod lobby;
mod moderation;
mod room;
mod safety;
mod socket;
mod staff;
mod state;
mod week;

pub use app::App;
