//! Help lines a person in crisis is shown (`deploy/help-lines.toml`, or the file given with
//! `--help-lines`), and which of them are open at a given local time.
//!
//! ```toml
//! checked = "2026-12-05"            # when someone last checked every line below
//! [[line]]
//! name = "よりそいホットライン"
//! number = "0120-279-338"           # a number, a url, or both
//! url = "https://www.since2011.net/yorisoi/"
//! hours = "24時間・年中無休"          # the words shown
//! open = ["Mon-Sun 00:00-24:00"]    # when it is open, in the catalogue's time zone
//! crisis_only = false               # true: only after crisis language (e.g. 119)
//! ```
//!
//! A window (`Mon-Fri 10:00-16:00`, `Sat 13:00-17:00`, `Mon,Wed,Fri 09:00-12:00`) ends on
//! the day it starts: a line open overnight is written as two windows.

use jiff::civil::{Date, DateTime};

use crate::window::Window;
use serde::Deserialize;

/// One help line, as the file has it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpLine {
    pub name: String,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    pub hours: String,
    #[serde(default)]
    pub open: Vec<String>,
    /// Shown only after crisis language (an emergency number such as 119), never to someone
    /// who only asked to talk.
    #[serde(default)]
    pub crisis_only: bool,
    #[serde(skip)]
    windows: Vec<Window>,
}

impl HelpLine {
    /// Whether the line is open at `now` (local time).
    pub fn open_at(&self, now: DateTime) -> bool {
        self.windows.iter().any(|window| window.contains(now))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    checked: Date,
    #[serde(default, rename = "line")]
    lines: Vec<HelpLine>,
}

/// A whole help-line file, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLines {
    /// When the lines were last checked (shown to operators; a stale file is a risk).
    pub checked: Date,
    pub lines: Vec<HelpLine>,
}

/// Why a help-line file was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HelpLineError {
    #[error("the help lines are not valid TOML of the expected shape: {0}")]
    Syntax(String),
    #[error("help line {name:?} has neither a number nor a url")]
    NoContact { name: String },
    #[error(
        "help line {name:?}: cannot read the opening window {window:?} (e.g. \"Mon-Fri 10:00-16:00\")"
    )]
    Window { name: String, window: String },
    #[error("the file lists no help line")]
    Empty,
}

impl HelpLines {
    /// Reads and checks a help-line file's text.
    pub fn from_toml(text: &str) -> Result<HelpLines, HelpLineError> {
        let file: File = toml::from_str(text)
            .map_err(|error| HelpLineError::Syntax(error.message().to_owned()))?;
        if file.lines.is_empty() {
            return Err(HelpLineError::Empty);
        }
        let mut lines = file.lines;
        for line in &mut lines {
            if line.number.is_none() && line.url.is_none() {
                return Err(HelpLineError::NoContact {
                    name: line.name.clone(),
                });
            }
            line.windows = line
                .open
                .iter()
                .map(|window| {
                    Window::parse(window).ok_or_else(|| HelpLineError::Window {
                        name: line.name.clone(),
                        window: window.clone(),
                    })
                })
                .collect::<Result<_, _>>()?;
        }
        Ok(HelpLines {
            checked: file.checked,
            lines,
        })
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    const FILE: &str = r#"
        checked = "2026-12-05"
        [[line]]
        name = "夕方の窓口"
        number = "0120-000-000"
        hours = "毎日 16時〜21時"
        open = ["Mon-Sun 16:00-21:00"]
        [[line]]
        name = "平日のチャット"
        url = "https://example.org/chat"
        hours = "平日 10時〜16時、土曜 13時〜17時"
        open = ["Mon-Fri 10:00-16:00", "Sat 13:00-17:00"]
        [[line]]
        name = "いつでも"
        number = "0120-111-111"
        hours = "24時間"
        open = ["Sun-Sat 00:00-24:00"]
    "#;

    #[test]
    fn which_lines_are_open_follows_their_windows() {
        let lines = HelpLines::from_toml(FILE).unwrap();
        assert_eq!(lines.checked, date(2026, 12, 5));
        let open = |at: DateTime| -> Vec<&str> {
            lines
                .lines
                .iter()
                .filter(|line| line.open_at(at))
                .map(|line| line.name.as_str())
                .collect()
        };
        // 2026-12-05 is a Saturday.
        assert_eq!(
            open(date(2026, 12, 5).at(14, 0, 0, 0)),
            ["平日のチャット", "いつでも"]
        );
        assert_eq!(
            open(date(2026, 12, 5).at(17, 0, 0, 0)),
            ["夕方の窓口", "いつでも"]
        );
        assert_eq!(
            open(date(2026, 12, 7).at(10, 0, 0, 0)),
            ["平日のチャット", "いつでも"]
        );
        assert_eq!(open(date(2026, 12, 6).at(23, 59, 0, 0)), ["いつでも"]);
        assert_eq!(open(date(2026, 12, 6).at(21, 0, 0, 0)), ["いつでも"]);
    }

    #[test]
    fn mistakes_are_named() {
        let without_contact = "checked = \"2026-12-05\"\n[[line]]\nname = \"x\"\nhours = \"h\"";
        assert_eq!(
            HelpLines::from_toml(without_contact),
            Err(HelpLineError::NoContact { name: "x".into() })
        );
        let overnight = "checked = \"2026-12-05\"\n[[line]]\nname = \"x\"\nnumber = \"1\"\nhours = \"h\"\nopen = [\"Mon 22:00-06:00\"]";
        assert!(matches!(
            HelpLines::from_toml(overnight),
            Err(HelpLineError::Window { .. })
        ));
        assert_eq!(
            HelpLines::from_toml("checked = \"2026-12-05\""),
            Err(HelpLineError::Empty)
        );
        assert!(matches!(
            HelpLines::from_toml("[[line]]\nname = \"x\""),
            Err(HelpLineError::Syntax(_))
        ));
    }
}
