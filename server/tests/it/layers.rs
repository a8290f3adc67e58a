//! Layers go one way: the WebSocket layer asks the room layer and the hub, never the store
//! or the schedule; the store knows no delivery and no socket. Checked on the source, so
//! that a shortcut is caught where it is written.

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

fn uses(folder: &str, forbidden: &[&str]) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("src")
        .join(folder);
    let mut found = Vec::new();
    for file in sources(&root) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (number, line) in text.lines().enumerate() {
            if forbidden.iter().any(|word| line.contains(word)) {
                found.push(format!("{}:{}: {line}", file.display(), number + 1));
            }
        }
    }
    found
}

#[test]
fn the_socket_layer_never_reaches_into_the_store_or_the_schedule() {
    let found = uses(
        "ws",
        &["crate::store", "crate::schedule", "app.store", "app.clock"],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_store_knows_no_delivery_and_no_socket() {
    let found = uses(
        "store",
        &[
            "crate::hub",
            "crate::ws",
            "crate::outbox",
            "crate::rooms",
            "axum",
        ],
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_hub_does_not_ask_the_room_layer() {
    let found = uses("hub", &["crate::rooms", "crate::ws"]);
    assert!(found.is_empty(), "{found:#?}");
}
