//! Automatic protection as this server runs it: the word lists and help lines it was given
//! (or the shipped ones in `deploy/`), and the verdict on a message in a given room.

use std::path::Path;

use ibasho_moderation::{HelpLines, Moderator, WordLists};
use ibasho_protocol::HelpLine;

/// The shipped word lists (`deploy/moderation.toml`), used without `--moderation`.
pub const SHIPPED_WORD_LISTS: &str = include_str!("../../deploy/moderation.toml");
/// The shipped help lines (`deploy/help-lines.toml`), used without `--help-lines`.
pub const SHIPPED_HELP_LINES: &str = include_str!("../../deploy/help-lines.toml");

/// Word lists and help lines, read and checked.
#[derive(Debug)]
pub struct Protection {
    pub moderator: Moderator,
    pub help_lines: HelpLines,
}

/// A word-list or help-line file that cannot be used, with the file's name.
#[derive(Debug, thiserror::Error)]
pub enum ProtectionError {
    #[error("{file}: cannot read it: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file}: {reason}")]
    Invalid { file: String, reason: String },
}

impl Default for Protection {
    /// The shipped lists, which a test checks are valid.
    fn default() -> Protection {
        Protection::from_texts(SHIPPED_WORD_LISTS, SHIPPED_HELP_LINES).unwrap_or_else(|error| {
            unreachable!("the shipped moderation files are checked by a test: {error}")
        })
    }
}

impl Protection {
    /// From the files given (each `None` keeps the shipped one).
    pub fn load(
        word_lists: Option<&Path>,
        help_lines: Option<&Path>,
    ) -> Result<Protection, ProtectionError> {
        let read =
            |file: Option<&Path>, shipped: &str| -> Result<(String, String), ProtectionError> {
                match file {
                    Some(file) => std::fs::read_to_string(file)
                        .map(|text| (file.display().to_string(), text))
                        .map_err(|error| ProtectionError::Unreadable {
                            file: file.display().to_string(),
                            reason: error.to_string(),
                        }),
                    None => Ok(("(shipped)".to_owned(), shipped.to_owned())),
                }
            };
        let (lists_file, lists) = read(word_lists, SHIPPED_WORD_LISTS)?;
        let (lines_file, lines) = read(help_lines, SHIPPED_HELP_LINES)?;
        let lists = WordLists::from_toml(&lists).map_err(|error| ProtectionError::Invalid {
            file: lists_file,
            reason: error.to_string(),
        })?;
        let help_lines =
            HelpLines::from_toml(&lines).map_err(|error| ProtectionError::Invalid {
                file: lines_file,
                reason: error.to_string(),
            })?;
        Ok(Protection {
            moderator: Moderator::new(&lists),
            help_lines,
        })
    }

    fn from_texts(lists: &str, lines: &str) -> Result<Protection, String> {
        Ok(Protection {
            moderator: Moderator::new(&WordLists::from_toml(lists).map_err(|e| e.to_string())?),
            help_lines: HelpLines::from_toml(lines).map_err(|e| e.to_string())?,
        })
    }

    /// The help lines as a `support` frame lists them, with which are open at `now` (local
    /// time in the catalogue's zone): open ones first, in the file's order otherwise.
    pub fn support_lines(&self, now: jiff::civil::DateTime) -> Vec<HelpLine> {
        self.lines(now, true)
    }

    /// The lines for someone who asked to talk, not in crisis (nobody on duty, a parting
    /// card): [`Protection::support_lines`] without those kept for crisis language.
    pub fn everyday_lines(&self, now: jiff::civil::DateTime) -> Vec<HelpLine> {
        self.lines(now, false)
    }

    fn lines(&self, now: jiff::civil::DateTime, crisis: bool) -> Vec<HelpLine> {
        let mut lines: Vec<HelpLine> = self
            .help_lines
            .lines
            .iter()
            .filter(|line| crisis || !line.crisis_only)
            .map(|line| HelpLine {
                name: line.name.clone(),
                number: line.number.clone(),
                url: line.url.clone(),
                hours: line.hours.clone(),
                open_now: line.open_at(now),
            })
            .collect();
        lines.sort_by_key(|line| !line.open_now);
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_files_are_valid_and_every_line_has_hours() {
        let protection = Protection::from_texts(SHIPPED_WORD_LISTS, SHIPPED_HELP_LINES).unwrap();
        assert!(protection.help_lines.lines.len() >= 3);
        for line in &protection.help_lines.lines {
            assert!(!line.open.is_empty(), "{} has no opening window", line.name);
        }
        let names: Vec<&str> = protection
            .help_lines
            .lines
            .iter()
            .map(|line| line.name.as_str())
            .collect();
        assert!(
            names
                .iter()
                .any(|name| name.contains("よりそいホットライン"))
        );
        assert!(names.iter().any(|name| name.contains("いのちの電話")));
        assert!(
            names
                .iter()
                .any(|name| name.contains("こころの健康相談統一ダイヤル"))
        );
    }

    #[test]
    fn open_lines_come_first() {
        let protection = Protection::default();
        // 03:00 on a Sunday: only the lines open around the clock.
        let lines = protection.support_lines(jiff::civil::date(2026, 12, 6).at(3, 0, 0, 0));
        let open: Vec<bool> = lines.iter().map(|line| line.open_now).collect();
        assert!(open.first() == Some(&true));
        assert!(open.windows(2).all(|pair| pair[0] >= pair[1]));
        assert!(open.contains(&false));
    }
}
