//! The `bus` stream: what nodes tell each other that is not one of a room's events. One
//! table — [`Bus`], each kind with its code — that the Lua scripts (through the `BUS` table
//! prepended to every script, made from this enum), the writer (`RedisStore::bus`) and the
//! reader ([`Bus::read`]) all name: a kind cannot be written one way and read another.
//!
//! An entry is `room ROOM CODE VALUE` (`room ''` for what concerns no room); a presence
//! change is `room ROOM` alone. Nothing on the bus names a person, a session or a request:
//! sessions and requests travel as hashes, handles and words are read from the store.

use ibasho_protocol::EscalationState;

use crate::store::{Recipient, StoreEvent};

/// A kind of bus entry, with what its value holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bus {
    /// A room's count of people changed (no value).
    Presence,
    /// A room document changed: its kind.
    Doc,
    /// A room's sitting ended: the epoch that ended (its members are out).
    Closed,
    /// A private room is gone (value `1`).
    Gone,
    /// A frame (JSON) for the room's staff only.
    Staff,
    /// A frame for one member: `MEMBER_KEY\nJSON`.
    Member,
    /// A report of the session with that outcome key was resolved: `OUTCOME_KEY\nREPORT_ID`.
    Outcome,
    /// A report was filed (staff read it from the store): its id.
    ReportFiled,
    /// An alert was raised (staff read it from the store): its id.
    AlertRaised,
    /// Someone's sanctions in the room changed (value `1`; staff read who is muted).
    Sanctioned,
    /// Staff handles signed out: a JSON array.
    SignedOut,
    /// A request to talk with a counselor changed: `BUS_KEY\nOVER` (OVER the state it
    /// ended as, or empty).
    Escalation,
    /// Someone came on or went off duty (value `1`).
    Duty,
    /// A session (by escalation key) was bound to a request: the key.
    Bound,
}

impl Bus {
    pub const ALL: [Bus; 14] = [
        Bus::Presence,
        Bus::Doc,
        Bus::Closed,
        Bus::Gone,
        Bus::Staff,
        Bus::Member,
        Bus::Outcome,
        Bus::ReportFiled,
        Bus::AlertRaised,
        Bus::Sanctioned,
        Bus::SignedOut,
        Bus::Escalation,
        Bus::Duty,
        Bus::Bound,
    ];

    /// The entry's field name on the stream (`""`: the entry has none).
    pub const fn code(self) -> &'static str {
        match self {
            Bus::Presence => "",
            Bus::Doc => "d",
            Bus::Closed => "c",
            Bus::Gone => "g",
            Bus::Staff => "s",
            Bus::Member => "p",
            Bus::Outcome => "o",
            Bus::ReportFiled => "r",
            Bus::AlertRaised => "a",
            Bus::Sanctioned => "u",
            Bus::SignedOut => "x",
            Bus::Escalation => "e",
            Bus::Duty => "t",
            Bus::Bound => "b",
        }
    }

    /// Its name in the scripts' `BUS` table (`tell(room, BUS.DOC, kind)`).
    pub const fn lua_name(self) -> &'static str {
        match self {
            Bus::Presence => "PRESENCE",
            Bus::Doc => "DOC",
            Bus::Closed => "CLOSED",
            Bus::Gone => "GONE",
            Bus::Staff => "STAFF",
            Bus::Member => "MEMBER",
            Bus::Outcome => "OUTCOME",
            Bus::ReportFiled => "REPORT_FILED",
            Bus::AlertRaised => "ALERT_RAISED",
            Bus::Sanctioned => "SANCTIONED",
            Bus::SignedOut => "SIGNED_OUT",
            Bus::Escalation => "ESCALATION",
            Bus::Duty => "DUTY",
            Bus::Bound => "BOUND",
        }
    }

    /// The Lua table every script gets before the prelude: `local BUS = {DOC = 'd', …}`
    /// (presence is `false`: `tell(room)` writes it).
    pub fn lua_table() -> String {
        let entries: Vec<String> = Bus::ALL
            .iter()
            .map(|bus| match bus.code() {
                "" => format!("{} = false", bus.lua_name()),
                code => format!("{} = '{code}'", bus.lua_name()),
            })
            .collect();
        format!("local BUS = {{{}}}\n", entries.join(", "))
    }

    fn from_code(code: &str) -> Option<Bus> {
        Bus::ALL.into_iter().find(|bus| bus.code() == code)
    }

    /// An entry's fields as read from the stream, as an event for the hub; `None` for an
    /// entry this node cannot read (skipped).
    pub fn read(fields: &[String]) -> Option<StoreEvent> {
        let (room, bus, value) = match fields {
            [name, room] if name == "room" => (room, Bus::Presence, ""),
            [name, room, code, value] if name == "room" => {
                (room, Bus::from_code(code)?, value.as_str())
            }
            _ => return None,
        };
        let room = room.clone();
        let pair = || value.split_once('\n');
        Some(match bus {
            Bus::Presence => StoreEvent::Presence { room },
            Bus::Doc => StoreEvent::Doc {
                room,
                kind: value.to_owned(),
            },
            Bus::Closed => StoreEvent::Closed {
                room,
                ended: value.to_owned(),
            },
            Bus::Gone => StoreEvent::Gone { room },
            Bus::Staff => StoreEvent::Private {
                room,
                to: Recipient::Staff,
                frame: value.to_owned(),
            },
            Bus::Member => {
                let (key, frame) = pair()?;
                StoreEvent::Private {
                    room,
                    to: Recipient::Member(key.to_owned()),
                    frame: frame.to_owned(),
                }
            }
            Bus::Outcome => {
                let (reporter, id) = pair()?;
                StoreEvent::Outcome {
                    reporter: reporter.to_owned(),
                    report_id: id.to_owned(),
                }
            }
            Bus::ReportFiled => StoreEvent::ReportFiled {
                room,
                report_id: value.to_owned(),
            },
            Bus::AlertRaised => StoreEvent::AlertRaised {
                room,
                alert_id: value.to_owned(),
            },
            Bus::Sanctioned => StoreEvent::Sanctioned { room },
            Bus::SignedOut => StoreEvent::SignedOut {
                handles: serde_json::from_str(value).ok()?,
            },
            Bus::Escalation => {
                let (id, over) = pair()?;
                StoreEvent::Escalation {
                    id: id.to_owned(),
                    over: (!over.is_empty())
                        .then(|| {
                            serde_json::from_value::<EscalationState>(serde_json::Value::String(
                                over.to_owned(),
                            ))
                            .ok()
                        })
                        .flatten(),
                }
            }
            Bus::Duty => StoreEvent::Duty,
            Bus::Bound => StoreEvent::Bound {
                session: value.to_owned(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    fn fields(room: &str, bus: Bus, value: &str) -> Vec<String> {
        let mut fields = vec!["room".to_owned(), room.to_owned()];
        if !bus.code().is_empty() {
            fields.extend([bus.code().to_owned(), value.to_owned()]);
        }
        fields
    }

    #[test]
    fn codes_are_distinct_and_every_kind_reads_back_as_itself() {
        let codes: std::collections::HashSet<&str> = Bus::ALL.iter().map(|b| b.code()).collect();
        assert_eq!(codes.len(), Bus::ALL.len());
        let value = |bus: Bus| match bus {
            Bus::Member | Bus::Outcome => "k\n{}",
            Bus::Escalation => "k\nended",
            Bus::SignedOut => "[\"ひかり（ファシリテーター）\"]",
            _ => "1",
        };
        for bus in Bus::ALL {
            let event = Bus::read(&fields("lounge", bus, value(bus)));
            let matches = matches!(
                (bus, &event),
                (Bus::Presence, Some(StoreEvent::Presence { .. }))
                    | (Bus::Doc, Some(StoreEvent::Doc { .. }))
                    | (Bus::Closed, Some(StoreEvent::Closed { .. }))
                    | (Bus::Gone, Some(StoreEvent::Gone { .. }))
                    | (
                        Bus::Staff,
                        Some(StoreEvent::Private {
                            to: Recipient::Staff,
                            ..
                        })
                    )
                    | (
                        Bus::Member,
                        Some(StoreEvent::Private {
                            to: Recipient::Member(_),
                            ..
                        })
                    )
                    | (Bus::Outcome, Some(StoreEvent::Outcome { .. }))
                    | (Bus::ReportFiled, Some(StoreEvent::ReportFiled { .. }))
                    | (Bus::AlertRaised, Some(StoreEvent::AlertRaised { .. }))
                    | (Bus::Sanctioned, Some(StoreEvent::Sanctioned { .. }))
                    | (Bus::SignedOut, Some(StoreEvent::SignedOut { .. }))
                    | (
                        Bus::Escalation,
                        Some(StoreEvent::Escalation {
                            over: Some(EscalationState::Ended),
                            ..
                        })
                    )
                    | (Bus::Duty, Some(StoreEvent::Duty))
                    | (Bus::Bound, Some(StoreEvent::Bound { .. }))
            );
            assert!(matches, "{bus:?} read as {event:?}");
        }
        assert_eq!(
            Bus::read(&fields("", Bus::Escalation, "k\n")),
            Some(StoreEvent::Escalation {
                id: "k".into(),
                over: None
            })
        );
        assert_eq!(Bus::read(&fields("", Bus::Member, "no newline")), None);
        assert_eq!(
            Bus::read(&["room".into(), "x".into(), "?".into(), "1".into()]),
            None
        );
    }

    /// Every script names a bus entry through `BUS`, never by a letter of its own.
    #[test]
    fn the_scripts_tell_only_through_the_table() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store/redis");
        let mut scripts = Vec::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                for file in std::fs::read_dir(&path).unwrap() {
                    scripts.push(file.unwrap().path());
                }
            }
        }
        let names: Vec<&str> = Bus::ALL.iter().map(|bus| bus.lua_name()).collect();
        let mut told = 0;
        for script in scripts
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "lua"))
        {
            let text = std::fs::read_to_string(script).unwrap();
            for line in text
                .lines()
                .filter(|line| !line.trim_start().starts_with("--"))
            {
                let Some(at) = line.find("tell(") else {
                    continue;
                };
                told += 1;
                let args = &line[at..];
                let named = args
                    .split_once("BUS.")
                    .map(|(_, rest)| rest.split(|c: char| !c.is_ascii_uppercase() && c != '_'))
                    .and_then(|mut words| words.next());
                assert!(
                    named.is_some_and(|name| names.contains(&name)),
                    "{}: {line}",
                    script.display()
                );
            }
        }
        assert!(told >= 9, "found {told} tells");
    }
}
