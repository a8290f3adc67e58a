//! The browser side: Leptos components and the WebSocket (wasm32 only).
//!
//! - [`app`] — the root: context, settings effects, the double-Escape listener, screens.
//! - [`state`] — the app's signals, shared through context.
//! - [`socket`] — the connection: hello/resume, frames into state, reconnects, leaving.
//! - [`lobby`], [`entry`], [`room`], [`week`] — the screens (the week: scheduled sessions);
//!   [`room_menu`] — a room's menu; [`message_menu`] — one menu per message;
//!   [`reactions`] — quiet reactions.
//! - [`sheet`] — a sheet over the page (menus, settings).
//! - [`confirm`] — asking first, for what removes, silences, ends or asks on someone's behalf.
//! - [`watch`] — 「開いたら知らせる」: hearing that a closed room opened.
//! - [`staff`] — the staff sign-in, the facilitator's controls, and the floor in a round.
//! - [`moderation`] — the facilitator's message menu, room safety controls and desk.
//! - [`safety`] — the participant's side: reporting, hiding someone, the personal-
//!   information choice, the private support card, sanctions told calmly.
//! - [`counsel`] — the participant's side of talking with a counselor: ask, the waiting
//!   card, the consent dialog; [`counselor`] — the counselor's console and case pane.
//! - [`audit`] — the audit log page for administrators.
//! - [`chrome`] — what is always there: quick exit, settings (light or dark too), connection
//!   banner, notices.
//! - [`browser`] — small wrappers over browser APIs (sessionStorage, fetch, time).

mod app;
mod audit;
mod browser;
mod choices;
mod chrome;
mod confirm;
mod counsel;
mod counselor;
mod entry;
mod lobby;
mod message_menu;
mod moderation;
mod reactions;
mod room;
mod room_menu;
mod safety;
mod sheet;
mod socket;
mod staff;
mod state;
mod watch;
mod week;

pub use app::App;
