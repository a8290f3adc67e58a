//! Integration tests of the server, as a client sees it: the real router on port 0 (or the
//! real `ibasho` binary) driven over TCP with a real WebSocket client.
//!
//! One test binary with modules, so that the server is linked once.

// Tests fail loudly on any unexpected error; helpers outside #[test] functions too.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod accept_limits;
mod audience;
mod binary;
mod conversation;
mod counsel_desks;
mod desk;
mod entry_word;
mod errors;
mod escalation;
mod facilitation;
mod figures;
mod figures_file;
mod floods;
mod forgery;
mod http;
mod layers;
mod lifecycle;
mod load_tool;
mod moderation;
mod privacy;
mod privacy_audit;
mod private_rooms;
mod protection;
mod recovery;
mod reports;
mod schedule;
mod sessions;
mod store_contract;
mod support;
mod test_settings;
mod web;
mod ws_frames;
