//! Ibasho's moderation policy, as pure functions: no I/O, no async, no clock.
//!
//! # Layout
//! - [`fold`] — folds text to a comparison form (NFKC, case, kana, look-alike digits), so that
//!   `Ａｄｍ1n` and `admin`, or `ソウダンイン` and `そうだんいん`, compare equal.
//! - [`handle`] — what a person may call themselves: normalisation, length, invisible
//!   characters, and names that would pass for staff.
//!
//! Filters, crisis detection, sanctions, reports and the escalation state machine join here
//! as their issues land.

pub mod fold;
pub mod handle;

pub use handle::{Handle, HandleError, MAX_HANDLE_CHARS};
