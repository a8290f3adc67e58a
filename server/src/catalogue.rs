//! The room catalogue: the operator's TOML file of rooms, read once at start.
//!
//! A bad file must stop the server with a message a volunteer operator can act on, so every
//! error names the file, the line and column, and what is wrong.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use ibasho_moderation::{PersonalInfoMode, RoomRules};
use ibasho_protocol::{Audience, Programme, RoomKind};
use jiff::civil::{Date, Time, Weekday};
use jiff::tz::TimeZone;
use serde::Deserialize;
use toml::Spanned;

use crate::schedule::{Rule, Sitting};

/// The catalogue shipped in `deploy/`, used when no file is given.
pub const BUILT_IN: &str = include_str!("../../deploy/catalogue.example.toml");
/// How the built-in catalogue is named in error messages.
pub const BUILT_IN_NAME: &str = "deploy/catalogue.example.toml (built in)";

const MAX_ID_LEN: usize = 32;
const MAX_CAPACITY: u32 = 10_000;
/// The time zone of sittings when the catalogue names none.
pub const DEFAULT_TIME_ZONE: &str = "Asia/Tokyo";
/// Members are told a sitting is closing this many minutes before its end, by default.
pub const DEFAULT_CLOSING_NOTICE_MINUTES: u32 = 5;

/// The rooms, in the order of the file.
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub rooms: Vec<RoomSpec>,
    /// The time zone the sittings' dates and times are in.
    pub zone: TimeZone,
    /// The zone's name, as the file gave it.
    pub zone_name: String,
    /// How long before a sitting ends its members are told.
    pub closing_notice: Duration,
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
    /// Who it is for: by default families for a family room, anyone for the others.
    pub audience: Audience,
    /// The argon2 hash of the room's entry word, if it needs one.
    pub entry_word_hash: Option<String>,
    pub capacity: u32,
    pub opening: Opening,
    /// For a peer programme: age band (guidance), facilitators' names, agenda.
    pub programme: Option<Programme>,
    /// Automatic protection here: whether the word lists apply (`filters`, default true)
    /// and what personal information does (`personal_info`, default `confirm`).
    pub protection: RoomRules,
    /// Listen-only while no staff member is in it (`facilitated = true`).
    pub facilitated: bool,
}

/// When a room can be entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// Never closes.
    Always,
    /// Listed, but closed until the operator changes it.
    Never,
    /// Open during its sittings only.
    Scheduled(Vec<Sitting>),
}

impl RoomSpec {
    /// Whether the room opens only during its sittings (the timetable follows it).
    pub fn is_scheduled(&self) -> bool {
        matches!(self.opening, Opening::Scheduled(_))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawOpen {
    Always,
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
    time_zone: Option<Spanned<String>>,
    closing_notice_minutes: Option<Spanned<u32>>,
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
    audience: Option<Audience>,
    entry_word_hash: Option<Spanned<String>>,
    capacity: Spanned<u32>,
    open: Option<RawOpen>,
    /// One `[[room.session]]` table per sitting.
    #[serde(default, rename = "session")]
    sittings: Vec<Spanned<RawSitting>>,
    programme: Option<Spanned<Programme>>,
    filters: Option<bool>,
    personal_info: Option<PersonalInfoMode>,
    #[serde(default)]
    facilitated: bool,
}

/// One `[[room.session]]`, a sitting: exactly one of `weekly`, `monthly` or `date`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSitting {
    weekly: Option<Vec<String>>,
    every_weeks: Option<u8>,
    monthly: Option<RawMonthly>,
    date: Option<String>,
    start: String,
    end: String,
    from: Option<String>,
    until: Option<String>,
    #[serde(default)]
    except: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMonthly {
    nth: i8,
    weekday: String,
}

fn weekday(name: &str) -> Option<Weekday> {
    Some(match name.to_ascii_lowercase().as_str() {
        "mon" | "monday" => Weekday::Monday,
        "tue" | "tuesday" => Weekday::Tuesday,
        "wed" | "wednesday" => Weekday::Wednesday,
        "thu" | "thursday" => Weekday::Thursday,
        "fri" | "friday" => Weekday::Friday,
        "sat" | "saturday" => Weekday::Saturday,
        "sun" | "sunday" => Weekday::Sunday,
        _ => return None,
    })
}

impl RawSitting {
    /// The sitting, or what is wrong with it.
    fn check(self) -> Result<Sitting, String> {
        let date = |what: &str, text: &str| {
            text.parse::<Date>()
                .map_err(|_| format!("{what} {text:?} is not a date like \"2026-12-24\""))
        };
        let time = |what: &str, text: &str| {
            text.parse::<Time>()
                .map_err(|_| format!("{what} {text:?} is not a time like \"19:30\""))
        };
        let start = time("start", &self.start)?;
        let end = time("end", &self.end)?;
        if end <= start {
            return Err(format!(
                "a sitting ([[room.session]]) must end after it starts on the same day (start {}, \
                 end {}); split a sitting across midnight in two",
                self.start, self.end
            ));
        }
        let from = self.from.as_deref().map(|d| date("from", d)).transpose()?;
        let until = self
            .until
            .as_deref()
            .map(|d| date("until", d))
            .transpose()?;
        if let (Some(from), Some(until)) = (from, until)
            && until < from
        {
            return Err(format!("until {until} is before from {from}"));
        }
        let except = self
            .except
            .iter()
            .map(|d| date("except", d))
            .collect::<Result<BTreeSet<_>, _>>()?;
        let rule = match (self.weekly, self.monthly, self.date) {
            (Some(days), None, None) => {
                let days = days
                    .iter()
                    .map(|d| {
                        weekday(d).ok_or_else(|| {
                            format!("{d:?} is not a weekday: use mon, tue, wed, thu, fri, sat, sun")
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if days.is_empty() {
                    return Err("weekly needs at least one weekday".to_owned());
                }
                let every = self.every_weeks.unwrap_or(1);
                if !(1..=2).contains(&every) {
                    return Err("every_weeks must be 1 or 2".to_owned());
                }
                if every == 2 && from.is_none() {
                    return Err(
                        "every_weeks = 2 needs a from date: the week it starts counting from"
                            .to_owned(),
                    );
                }
                Rule::Weekly { days, every }
            }
            (None, Some(monthly), None) => {
                let weekday = weekday(&monthly.weekday).ok_or_else(|| {
                    format!("{:?} is not a weekday: use mon … sun", monthly.weekday)
                })?;
                if !(monthly.nth == -1 || (1..=5).contains(&monthly.nth)) {
                    return Err("monthly.nth must be 1 to 5, or -1 for the last".to_owned());
                }
                Rule::Monthly {
                    nth: monthly.nth,
                    weekday,
                }
            }
            (None, None, Some(day)) => Rule::Once(date("date", &day)?),
            _ => {
                return Err(
                    "a sitting ([[room.session]]) needs exactly one of weekly = [...], \
                     monthly = { ... } or date"
                        .to_owned(),
                );
            }
        };
        if self.every_weeks.is_some() && !matches!(rule, Rule::Weekly { .. }) {
            return Err("every_weeks goes with weekly only".to_owned());
        }
        Ok(Sitting {
            rule,
            start,
            end,
            from,
            until,
            except,
        })
    }
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
        let (zone_name, zone) = match raw.time_zone {
            Some(name) => {
                let span = name.span();
                let name = name.into_inner();
                let zone = TimeZone::get(&name).map_err(|_| {
                    invalid(
                        Some(span),
                        format!("unknown time zone {name:?}: use a name like \"Asia/Tokyo\""),
                    )
                })?;
                (name, zone)
            }
            None => (
                DEFAULT_TIME_ZONE.to_owned(),
                TimeZone::get(DEFAULT_TIME_ZONE)
                    .map_err(|err| invalid(None, format!("no time zone database: {err}")))?,
            ),
        };
        let closing_minutes = match raw.closing_notice_minutes {
            Some(minutes) if *minutes.get_ref() > 120 => {
                return Err(invalid(
                    Some(minutes.span()),
                    "closing_notice_minutes must be 0 to 120".to_owned(),
                ));
            }
            Some(minutes) => minutes.into_inner(),
            None => DEFAULT_CLOSING_NOTICE_MINUTES,
        };
        if raw.room.is_empty() {
            return Err(invalid(
                None,
                "the catalogue has no rooms: add at least one [[room]] table".to_owned(),
            ));
        }
        let mut seen = HashSet::new();
        let mut rooms = Vec::with_capacity(raw.room.len());
        for spanned in raw.room {
            let room_span = spanned.span();
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
            if id.starts_with(crate::store::PRIVATE_PREFIX) {
                return Err(invalid(
                    Some(id_span),
                    format!(
                        "room id {id:?} must not start with {:?}: such ids are for private rooms",
                        crate::store::PRIVATE_PREFIX
                    ),
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
            let opening = match (room.open, room.sittings.is_empty()) {
                (Some(RawOpen::Always), true) => Opening::Always,
                (Some(RawOpen::Never), true) => Opening::Never,
                (None, false) => {
                    let mut sittings = Vec::with_capacity(room.sittings.len());
                    for sitting in room.sittings {
                        let span = sitting.span();
                        sittings.push(sitting.into_inner().check().map_err(|message| {
                            invalid(Some(span), format!("room {id:?}: {message}"))
                        })?);
                    }
                    Opening::Scheduled(sittings)
                }
                (Some(_), false) => {
                    return Err(invalid(
                        Some(room_span),
                        format!(
                            "room {id:?} has both open = and [[room.session]]: keep one of them"
                        ),
                    ));
                }
                (None, true) => {
                    return Err(invalid(
                        Some(room_span),
                        format!(
                            "room {id:?} needs open = \"always\" (or \"never\"), or one or more \
                             [[room.session]] tables"
                        ),
                    ));
                }
            };
            let entry_word_hash = match room.entry_word_hash {
                Some(hash) if !crate::secret::valid_hash(hash.get_ref()) => {
                    return Err(invalid(
                        Some(hash.span()),
                        format!(
                            "room {id:?}: entry_word_hash is not an argon2 hash; make one with \
                             `ibasho hash-entry-word` (never put the word itself here)"
                        ),
                    ));
                }
                hash => hash.map(Spanned::into_inner),
            };
            let programme = match room.programme {
                Some(programme) => {
                    let span = programme.span();
                    let programme = programme.into_inner();
                    if programme.current.is_some()
                        || programme
                            .agenda
                            .iter()
                            .any(|s| s.minutes == 0 || s.title.trim().is_empty())
                    {
                        return Err(invalid(
                            Some(span),
                            format!(
                                "room {id:?}: every agenda segment needs a title and minutes > 0"
                            ),
                        ));
                    }
                    Some(programme)
                }
                None => None,
            };
            rooms.push(RoomSpec {
                id,
                programme,
                entry_word_hash,
                title,
                title_en: room.title_en,
                description: room.description,
                description_en: room.description_en,
                kind: room.kind,
                audience: room.audience.unwrap_or(match room.kind {
                    RoomKind::Family => Audience::Family,
                    RoomKind::Themed | RoomKind::Programme => Audience::Anyone,
                }),
                capacity,
                opening,
                protection: RoomRules {
                    filters: room.filters.unwrap_or(true),
                    personal_info: room.personal_info.unwrap_or_default(),
                },
                facilitated: room.facilitated,
            });
        }
        Ok(Catalogue {
            rooms,
            zone,
            zone_name,
            closing_notice: Duration::from_secs(u64::from(closing_minutes) * 60),
        })
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

    /// Asserts that `text` is refused at `line`, with a message that mentions `words`.
    fn assert_refused_at(text: &str, line: usize, words: &str) {
        let (found, message) = error_of(text);
        assert_eq!(found, line, "{message}");
        assert!(message.contains(words), "{message}");
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
        let text = ROOM.replace("capacity = 10", "capacity = \"ten\"");
        assert_refused_at(&text, 7, "invalid type");
    }

    #[test]
    fn unknown_kind_and_open_are_explained() {
        assert_refused_at(&ROOM.replace("\"themed\"", "\"party\""), 6, "themed");
        assert_refused_at(&ROOM.replace("\"always\"", "\"sometimes\""), 8, "always");
    }

    #[test]
    fn missing_and_unknown_fields_are_errors() {
        let (_, message) = error_of(&ROOM.replace("capacity = 10\n", ""));
        assert!(message.contains("capacity"), "{message}");
        let text = ROOM.replace("open =", "colour = \"red\"\nopen =");
        assert_refused_at(&text, 8, "colour");
    }

    #[test]
    fn semantic_errors_name_their_line() {
        for (text, line, words) in [
            (ROOM.replace("capacity = 10", "capacity = 0"), 7, "capacity"),
            (ROOM.replace("\"lounge\"", "\"Lounge Room\""), 3, "room id"),
            (
                ROOM.replace("\"lounge\"", "\"p-lounge\""),
                3,
                "private rooms",
            ),
            (format!("{ROOM}{ROOM}"), 11, "twice"),
            (ROOM.replace("\"ラウンジ\"", "\"  \""), 4, "empty title"),
        ] {
            assert_refused_at(&text, line, words);
        }
    }

    const SCHEDULED: &str = r#"
time_zone = "Asia/Tokyo"
closing_notice_minutes = 10

[[room]]
id = "games"
title = "ゲーム"
description = "夜のゲーム部屋"
kind = "themed"
capacity = 10

[[room.session]]
weekly = ["wed", "fri"]
start = "20:00"
end = "22:00"
except = ["2026-12-25"]

[[room.session]]
monthly = { nth = 2, weekday = "sat" }
start = "14:00"
end = "16:00"

[[room.session]]
date = "2026-12-31"
start = "21:00"
end = "23:30"
"#;

    #[test]
    fn scheduled_rooms_parse_with_their_zone_and_notice() {
        let catalogue = Catalogue::parse(SCHEDULED, "rooms.toml").unwrap();
        assert_eq!(catalogue.zone_name, "Asia/Tokyo");
        assert_eq!(catalogue.closing_notice, Duration::from_secs(600));
        let Opening::Scheduled(sittings) = &catalogue.rooms[0].opening else {
            panic!("not scheduled");
        };
        assert_eq!(sittings.len(), 3);
        assert!(sittings[0].on(jiff::civil::date(2026, 12, 2)));
        assert!(!sittings[0].on(jiff::civil::date(2026, 12, 25)));
    }

    #[test]
    fn schedule_mistakes_name_their_line() {
        for (text, line, words) in [
            (SCHEDULED.replace("\"fri\"", "\"friyay\""), 12, "weekday"),
            (
                SCHEDULED.replace("end = \"22:00\"", "end = \"19:00\""),
                12,
                "end after",
            ),
            (
                SCHEDULED.replace("Asia/Tokyo", "Mars/Olympus"),
                2,
                "time zone",
            ),
            (SCHEDULED.replace("nth = 2", "nth = 6"), 18, "nth"),
        ] {
            assert_refused_at(&text, line, words);
        }
        let (_, message) = error_of(&SCHEDULED.replace(
            "weekly = [\"wed\", \"fri\"]",
            "weekly = [\"wed\"]\nevery_weeks = 2",
        ));
        assert!(message.contains("from"), "{message}");
        let (_, message) =
            error_of(&SCHEDULED.replace("capacity = 10", "capacity = 10\nopen = \"always\""));
        assert!(message.contains("both"), "{message}");
        let (_, message) = error_of(&ROOM.replace("open = \"always\"\n", ""));
        assert!(message.contains("[[room.session]]"), "{message}");
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
