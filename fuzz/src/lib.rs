//! Fuzz targets: what no input may break, one function per entry point that reads what
//! strangers (or a careless operator) write. Each takes any bytes and panics only when an
//! invariant is broken — never on bad input, which must be refused with a typed error.
//!
//! The same functions are driven three ways: by libFuzzer, coverage-guided, for a bounded
//! time (`cargo xtask fuzz`, `fuzz/libfuzzer/`); by the corpus and every crash reproducer in
//! `fuzz/corpus/<target>/` and `fuzz/crashes/<target>/`, replayed as ordinary tests
//! (`tests/replay.rs`); and, for the wire's types, by round-trip properties
//! (`tests/roundtrip.rs`).

// A fuzz target reports a broken invariant by panicking: that is what the fuzzer catches.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::sync::LazyLock;

use ibasho_moderation::fold::fold;
use ibasho_moderation::{
    Handle, MAX_HANDLE_CHARS, Moderator, PersonalInfoMode, RoomRules, WordLists, matching_form,
};
use ibasho_protocol::{ClientMsg, ServerMsg};
use ibasho_server::catalogue::Catalogue;
use ibasho_server::figures::months::{MAX_MONTHS, Months};
use ibasho_server::staff::StaffAccounts;

/// A fuzz target: any bytes in; a panic is a broken invariant.
pub type Target = fn(&[u8]);

/// Every target, by the name its corpus folder and its libFuzzer binary have.
pub const TARGETS: &[(&str, Target)] = &[
    ("client_frame", client_frame),
    ("server_frame", server_frame),
    ("catalogue", catalogue),
    ("staff_file", staff_file),
    ("moderation_file", moderation_file),
    ("fold_and_judge", fold_and_judge),
    ("figures_query", figures_query),
];

/// The client frame decoder, as `/ws` runs it on every text frame: any text is a frame or a
/// typed refusal, and a frame it accepts is written and read back unchanged.
pub fn client_frame(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return; // tungstenite refuses text frames that are not UTF-8 (1007) before this
    };
    if let Ok(msg) = ibasho_server::ws::decode(text) {
        let written = serde_json::to_string(&msg).expect("a decoded frame can be written");
        let again: ClientMsg = ibasho_server::ws::decode(&written).expect("and read again");
        assert_eq!(again, msg, "{text} → {written}");
    }
}

/// What the web app reads from the server: any text is a frame or an error, and a frame is
/// written back as what was read.
pub fn server_frame(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(msg) = serde_json::from_str::<ServerMsg>(text) {
        let written = serde_json::to_string(&msg).expect("a frame can be written");
        let again: ServerMsg = serde_json::from_str(&written).expect("and read again");
        assert_eq!(again, msg, "{text} → {written}");
    }
}

/// The operator's rooms file.
pub fn catalogue(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(catalogue) = Catalogue::parse(&text, "fuzz.toml") {
        assert!(catalogue.rooms.iter().all(|room| !room.id.is_empty()));
    }
}

/// The staff file (accounts, desks and canned replies).
pub fn staff_file(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _accepted_or_refused = StaffAccounts::parse(&text, "fuzz.toml");
}

/// Replacement word lists: accepted lists build a moderator that judges.
pub fn moderation_file(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    if let Ok(lists) = WordLists::from_toml(&text) {
        let moderator = Moderator::new(&lists);
        let _ = moderator.judge(
            "こんにちは、しね、090-1234-5678",
            RoomRules::default(),
            false,
        );
    }
}

/// The shipped lists' moderator, built once.
static SHIPPED: LazyLock<Moderator> = LazyLock::new(|| {
    let lists = WordLists::from_toml(include_str!("../../deploy/moderation.toml"))
        .expect("the shipped word lists");
    Moderator::new(&lists)
});

/// Folding, the matching form, handles and the verdict on any text a person may send.
pub fn fold_and_judge(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = fold(&text);
    let _ = matching_form(&text);
    if let Ok(handle) = Handle::parse(&text) {
        assert!(handle.as_str().chars().count() <= MAX_HANDLE_CHARS);
        assert!(!handle.key().is_empty());
        assert_eq!(Handle::parse(handle.as_str()).ok(), Some(handle.clone()));
    }
    for mode in [
        PersonalInfoMode::Confirm,
        PersonalInfoMode::Block,
        PersonalInfoMode::Allow,
    ] {
        for filters in [true, false] {
            let rules = RoomRules {
                filters,
                personal_info: mode,
            };
            let _ = SHIPPED.judge(&text, rules, false);
            let _ = SHIPPED.judge(&text, rules, true);
        }
    }
}

/// `GET /api/figures`'s months: any `fiscal_year`, `from` and `to` (split from the input at
/// `&`) give months within the limit or a refusal.
pub fn figures_query(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let mut parts = text
        .splitn(3, '&')
        .map(|part| (!part.is_empty()).then_some(part));
    let (year, from, to) = (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    );
    let today = jiff::civil::date(2026, 12, 7);
    for (year, from, to) in [(year, None, None), (None, from, to), (year, from, to)] {
        if let Ok(months) = Months::asked(year, from, to, today) {
            assert!(months.from <= months.to);
            assert!(months.list().len() <= MAX_MONTHS);
        }
    }
}
