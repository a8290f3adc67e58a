//! Layers go one way: `ws` → `rooms` (and `counsel`, beside it) → `hub` → `store`. The socket
//! layer asks the room layer and the counselor desk, never the hub, the store or the
//! schedule; neither of those knows the sockets; the hub asks neither; the store knows no
//! delivery and no socket. Checked on the source, so that a shortcut is caught where it is
//! written — and no layer re-exports another's items, so that a path through a re-export
//! cannot hide one.

use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(sources(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Whether `line` has `word` where a name starts (`ws::` in `crate::ws::x`, not in
/// `views::x` or `axum::extract::ws::`, which is axum's).
fn names(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        let before = line[..at].chars().next_back();
        let starts = before.is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        starts && !line[..at].ends_with("extract::")
    })
}

/// Lines of the folder's code (comments left out) that contain any of `forbidden`.
fn uses(folder: &str, forbidden: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for file in sources(&src().join(folder)) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            if forbidden.iter().any(|word| names(line, word)) {
                found.push(format!("{}:{}: {line}", file.display(), number + 1));
            }
        }
    }
    found
}

/// A layer by either path (`crate::x`, `crate::{x::…}`) and as the `app.x` field of the
/// shared state. (`super::` never leaves a layer's folder: each is a top-level module.)
fn layer(name: &str) -> [String; 3] {
    [
        format!("crate::{name}"),
        format!("crate::{{{name}"),
        format!("app.{name}"),
    ]
}

fn forbidding(names: &[&str]) -> Vec<String> {
    names.iter().flat_map(|name| layer(name)).collect()
}

fn refs(words: &[String]) -> Vec<&str> {
    words.iter().map(String::as_str).collect()
}

#[test]
fn the_socket_layer_asks_only_the_room_layer_and_the_counselor_desk() {
    let forbidden = forbidding(&["store", "schedule", "hub", "clock", "timetable"]);
    let found = uses("ws", &refs(&forbidden));
    assert!(found.is_empty(), "{found:#?}");
    // Nor the hub's own words, by any path.
    let found = uses(
        "ws",
        &["Hub", "NewMessage", "is_member(", "AuditEntry", ".hub"],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_room_layer_and_the_desk_know_no_socket_and_not_each_other() {
    let found = uses("rooms", &refs(&forbidding(&["ws", "counsel"])));
    assert!(found.is_empty(), "{found:#?}");
    let found = uses("counsel", &refs(&forbidding(&["ws"])));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_hub_does_not_ask_the_layers_above_it() {
    let found = uses("hub", &refs(&forbidding(&["rooms", "ws", "counsel"])));
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_store_knows_no_delivery_and_no_socket() {
    let mut forbidden = forbidding(&["hub", "ws", "outbox", "rooms", "counsel"]);
    forbidden.push("axum".to_owned());
    let found = uses("store", &refs(&forbidden));
    assert!(found.is_empty(), "{found:#?}");
}

/// A `pub use` of another part of the crate would let a layer name, through it, what it
/// may not name: only wire types (`ibasho_protocol`) and a folder's own modules are
/// re-exported.
#[test]
fn no_layer_re_exports_another() {
    for folder in ["ws", "rooms", "counsel", "hub", "store"] {
        let found: Vec<String> = uses(folder, &["pub use crate::", "pub(crate) use crate::"]);
        assert!(found.is_empty(), "{found:#?}");
        // Nor a path that climbs out of the folder another way (no folder is that deep).
        let found = uses(folder, &["super::super::super"]);
        assert!(found.is_empty(), "{found:#?}");
    }
}

/// The checks above read these folders: if one moves, the test must move with it.
#[test]
fn every_layer_is_where_the_checks_look() {
    for folder in ["ws", "rooms", "counsel", "hub", "store"] {
        assert!(
            !sources(&src().join(folder)).is_empty(),
            "no sources in {folder}/"
        );
    }
}
