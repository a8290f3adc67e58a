//! Ibasho's moderation policy, as pure functions: no I/O, no async, no clock.
//!
//! # Layout
//! - [`fold`] — folds text to a comparison form (NFKC, case, kana, look-alike digits), so that
//!   `Ａｄｍ1n` and `admin`, or `ソウダンイン` and `そうだんいん`, compare equal.
//! - [`handle`] — what a person may call themselves: normalisation, length, invisible
//!   characters, and names that would pass for staff.
//! - [`matching`] — the matching form of a message (separators, long vowels and repeated
//!   letters dropped), which word lists, crisis language and repetition compare.
//! - [`lookalike`] — the swaps people make to dodge a filter (氏ね, ４ね, タヒね for 死ね).
//! - [`filter`] — listed words found in a message, with an allow list.
//! - [`lists`] — the word-list file (`[[rule]]` with `block`/`flag`/`trial`, `[allow]`).
//! - [`personal`] — phone numbers, e-mail, SNS ids, postal codes, addresses and links.
//! - [`crisis`] — crisis language, built in.
//! - [`window`] — weekly opening windows (help lines' `open`, counselors' `duty_hours`).
//! - [`help_lines`] — the help-line file and which lines are open now.
//! - [`verdict`] — the verdict on one message: refused and why, or delivered with alerts.
//! - [`escalation`] — a request to talk with a counselor: consent, the queue's order,
//!   claim, hand-over, the end (the server's escalation issue builds on it).
//!

pub mod crisis;
pub mod escalation;
pub mod filter;
pub mod fold;
pub mod handle;
pub mod help_lines;
pub mod lists;
pub mod lookalike;
pub mod matching;
pub mod personal;
pub mod verdict;
pub mod window;

pub use handle::{Handle, HandleError, MAX_HANDLE_CHARS};
pub use help_lines::{HelpLine, HelpLineError, HelpLines};
pub use lists::{Action, ListError, WordLists};
pub use matching::matching_form;
pub use personal::{PersonalInfoKind, PersonalInfoMode};
pub use verdict::{Alert, Moderator, Refusal, RoomRules, Verdict};
