//! The room catalogue: the operator's TOML file of rooms, read once at start.
//!
//! A bad file must stop the server with a message a volunteer operator can act on, so every
//! error names the file, the line and column, and what is wrong.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use ibasho_protocol::RoomKind;
use serde::Deserialize;
use toml::Spanned;

/// The catalogue shipped in `deploy/`, used when no file is given.
pub const BUILT_IN: &str = include_str!("../../deploy/catalogue.example.toml");
/// How the built-in catalogue is named in error messages.
pub const BUILT_IN_NAME: &str = "deploy/catalogue.example.toml (built in)";

const MAX_ID_LEN: usize = 32;
const MAX_CAPACITY: u32 = 10_000;

/// The rooms, in the order of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Catalogue {
    pub rooms: Vec<RoomSpec>,
}

/// One room as the operator described it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomSpec {
    pub id: String,
    pub title: String,
    pub title_en: Option<String>,
    pub description: String,
    pub description_en: Option<String>,
    pub kind: RoomKind,
    pub capacity: u32,
    pub opening: Opening,
}

/// When a room can be entered. Scheduled sessions join this enum in the schedules issue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Opening {
    /// Never closes.
    Always,
    /// Listed, but closed until the operator changes it.
    Never,
}

/// A catalogue that cannot be used, located in its file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    #[error("{file}: cannot read the catalogue: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file}:{line}:{column}: {message}")]
    Invalid {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    #[serde(default)]
    room: Vec<Spanned<RawRoom>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRoom {
    id: Spanned<String>,
    title: Spanned<String>,
    title_en: Option<String>,
    description: String,
    description_en: Option<String>,
    kind: RoomKind,
    capacity: Spanned<u32>,
    open: Opening,
}

impl Catalogue {
    /// Reads and checks the catalogue at `path`.
    pub fn load(path: &Path) -> Result<Catalogue, CatalogueError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|err| CatalogueError::Unreadable {
            file: file.clone(),
            reason: err.to_string(),
        })?;
        Catalogue::parse(&text, &file)
    }

    /// The built-in example catalogue.
    pub fn built_in() -> Result<Catalogue, CatalogueError> {
        Catalogue::parse(BUILT_IN, BUILT_IN_NAME)
    }

    /// Parses and checks catalogue text; `file` names it in errors.
    pub fn parse(text: &str, file: &str) -> Result<Catalogue, CatalogueError> {
        let invalid = |span: Option<Range<usize>>, message: String| {
            let (line, column) = line_and_column(text, span.map_or(0, |s| s.start));
            CatalogueError::Invalid {
                file: file.to_owned(),
                line,
                column,
                message,
            }
        };
        let raw: RawCatalogue =
            toml::from_str(text).map_err(|err| invalid(err.span(), err.message().to_owned()))?;
        if raw.room.is_empty() {
            return Err(invalid(
                None,
                "the catalogue has no rooms: add at least one [[room]] table".to_owned(),
            ));
        }
        let mut seen = HashSet::new();
        let mut rooms = Vec::with_capacity(raw.room.len());
        for spanned in raw.room {
            let room = spanned.into_inner();
            let id_span = room.id.span();
            let id = room.id.into_inner();
            if !valid_id(&id) {
                return Err(invalid(
                    Some(id_span),
                    format!(
                        "room id {id:?} must be 1–{MAX_ID_LEN} characters of a–z, 0–9 and \"-\""
                    ),
                ));
            }
            if !seen.insert(id.clone()) {
                return Err(invalid(
                    Some(id_span),
                    format!("room id {id:?} is used twice"),
                ));
            }
            let title_span = room.title.span();
            let title = room.title.into_inner();
            if title.trim().is_empty() {
                return Err(invalid(
                    Some(title_span),
                    format!("room {id:?} has an empty title"),
                ));
            }
            let capacity_span = room.capacity.span();
            let capacity = room.capacity.into_inner();
            if capacity == 0 || capacity > MAX_CAPACITY {
                return Err(invalid(
                    Some(capacity_span),
                    format!("room {id:?}: capacity must be between 1 and {MAX_CAPACITY}"),
                ));
            }
            rooms.push(RoomSpec {
                id,
                title,
                title_en: room.title_en,
                description: room.description,
                description_en: room.description_en,
                kind: room.kind,
                capacity,
                opening: room.open,
            });
        }
        Ok(Catalogue { rooms })
    }

    pub fn room(&self, id: &str) -> Option<&RoomSpec> {
        self.rooms.iter().find(|room| room.id == id)
    }

    pub fn room_ids(&self) -> Vec<String> {
        self.rooms.iter().map(|room| room.id.clone()).collect()
    }
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// 1-based line and column (in characters) of a byte offset.
fn line_and_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> (usize, String) {
        match Catalogue::parse(text, "rooms.toml") {
            Err(CatalogueError::Invalid {
                file,
                line,
                message,
                ..
            }) => {
                assert_eq!(file, "rooms.toml");
                (line, message)
            }
            other => panic!("expected an invalid-catalogue error, got {other:?}"),
        }
    }

    const ROOM: &str = r#"
[[room]]
id = "lounge"
title = "ラウンジ"
description = "いつでも"
kind = "themed"
capacity = 10
open = "always"
"#;

    #[test]
    fn built_in_catalogue_parses() {
        let catalogue = Catalogue::built_in().unwrap();
        assert!(catalogue.room("lounge").is_some());
        for kind in [RoomKind::Themed, RoomKind::Family, RoomKind::Programme] {
            assert!(catalogue.rooms.iter().any(|r| r.kind == kind), "{kind:?}");
        }
    }

    #[test]
    fn a_room_parses() {
        let catalogue = Catalogue::parse(ROOM, "rooms.toml").unwrap();
        assert_eq!(catalogue.rooms.len(), 1);
        assert_eq!(catalogue.rooms[0].capacity, 10);
        assert_eq!(catalogue.rooms[0].opening, Opening::Always);
    }

    #[test]
    fn wrong_type_names_its_line() {
        let (line, message) = error_of(&ROOM.replace("capacity = 10", "capacity = \"ten\""));
        assert_eq!(line, 7);
        assert!(message.contains("invalid type"), "{message}");
    }

    #[test]
    fn unknown_kind_and_open_are_explained() {
        let (line, message) = error_of(&ROOM.replace("\"themed\"", "\"party\""));
        assert_eq!(line, 6);
        assert!(message.contains("themed"), "{message}");
        let (line, message) = error_of(&ROOM.replace("\"always\"", "\"sometimes\""));
        assert_eq!(line, 8);
        assert!(message.contains("always"), "{message}");
    }

    #[test]
    fn missing_and_unknown_fields_are_errors() {
        let (_, message) = error_of(&ROOM.replace("capacity = 10\n", ""));
        assert!(message.contains("capacity"), "{message}");
        let (line, message) = error_of(&ROOM.replace("open =", "colour = \"red\"\nopen ="));
        assert_eq!(line, 8);
        assert!(message.contains("colour"), "{message}");
    }

    #[test]
    fn semantic_errors_name_their_line() {
        let (line, message) = error_of(&ROOM.replace("capacity = 10", "capacity = 0"));
        assert_eq!((line, message.contains("capacity")), (7, true));
        let (line, message) = error_of(&ROOM.replace("\"lounge\"", "\"Lounge Room\""));
        assert_eq!((line, message.contains("room id")), (3, true));
        let (line, message) = error_of(&format!("{ROOM}{ROOM}"));
        assert_eq!((line, message.contains("twice")), (11, true));
        let (line, message) = error_of(&ROOM.replace("\"ラウンジ\"", "\"  \""));
        assert_eq!((line, message.contains("empty title")), (4, true));
    }

    #[test]
    fn syntax_errors_and_empty_files_are_errors() {
        let (line, _) = error_of("[[room]]\nid = = \"a\"\n");
        assert_eq!(line, 2);
        let (_, message) = error_of("# nothing here\n");
        assert!(message.contains("no rooms"), "{message}");
    }

    #[test]
    fn unreadable_file_names_the_file() {
        let err = Catalogue::load(Path::new("/nonexistent/rooms.toml")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("/nonexistent/rooms.toml: cannot read")
        );
    }
}
