//! Word lists as an operator writes them (`deploy/moderation.toml`, or the file given with
//! `--moderation`): rules of words with an action and a reason code, and an allow list.
//!
//! ```toml
//! [[rule]]
//! action = "block"          # block | flag | trial
//! reason = "abuse"          # a reason code staff see
//! words = ["ばかやろう", "idiot"]
//! [allow]
//! words = ["ぱちんこ"]
//! ```

use serde::Deserialize;

use crate::matching::matching_form;

/// What a rule does with a message that has one of its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Delivered; staff in the room are alerted with `reason: "trial"` (for trying a rule
    /// before it refuses anyone).
    Trial,
    /// Delivered; staff in the room are alerted with `reason: "flagged"`.
    Flag,
    /// Refused with `blocked` and the rule's reason; the text is not stored.
    Block,
}

impl Action {
    /// Its name, as the audit log and the TOML file write it.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Trial => "trial",
            Action::Flag => "flag",
            Action::Block => "block",
        }
    }
}

/// One `[[rule]]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub action: Action,
    /// A reason code (`abuse`, `sexual`, `spam`…): lowercase letters, digits and `_`.
    pub reason: String,
    pub words: Vec<String>,
}

/// `[allow]`: words whose matches are never counted (ぱちんこ holds a listed word).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    #[serde(default)]
    pub words: Vec<String>,
}

/// A whole word-list file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordLists {
    #[serde(default, rename = "rule")]
    pub rules: Vec<Rule>,
    #[serde(default)]
    pub allow: Allow,
}

/// Why a word-list file was refused: said so that an operator can fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ListError {
    #[error("the word lists are not valid TOML of the expected shape: {0}")]
    Syntax(String),
    #[error("rule {rule}: reason {reason:?} must be lowercase letters, digits and '_'")]
    Reason { rule: usize, reason: String },
    #[error("rule {rule}: the word {word:?} has no letters or digits to match")]
    EmptyWord { rule: usize, word: String },
    #[error("rule {rule} has no words")]
    NoWords { rule: usize },
}

impl WordLists {
    /// Reads and checks a word-list file's text (rules are numbered from 1 in errors).
    pub fn from_toml(text: &str) -> Result<WordLists, ListError> {
        let lists: WordLists =
            toml::from_str(text).map_err(|error| ListError::Syntax(error.message().to_owned()))?;
        for (index, rule) in lists.rules.iter().enumerate() {
            let number = index + 1;
            let valid_reason = !rule.reason.is_empty()
                && rule
                    .reason
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !valid_reason {
                return Err(ListError::Reason {
                    rule: number,
                    reason: rule.reason.clone(),
                });
            }
            if rule.words.is_empty() {
                return Err(ListError::NoWords { rule: number });
            }
            if let Some(word) = rule
                .words
                .iter()
                .find(|word| matching_form(word).text.is_empty())
            {
                return Err(ListError::EmptyWord {
                    rule: number,
                    word: word.clone(),
                });
            }
        }
        Ok(lists)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_shape_reads() {
        let lists = WordLists::from_toml(
            r#"
            [[rule]]
            action = "block"
            reason = "abuse"
            words = ["ばかやろう", "idiot"]
            [allow]
            words = ["ぱちんこ"]
            "#,
        )
        .unwrap();
        assert_eq!(lists.rules[0].action, Action::Block);
        assert_eq!(lists.allow.words, ["ぱちんこ"]);
    }

    #[test]
    fn mistakes_are_named() {
        assert!(matches!(
            WordLists::from_toml("[[rule]]\naction = \"ban\"\nreason = \"x\"\nwords = [\"a\"]"),
            Err(ListError::Syntax(_))
        ));
        assert_eq!(
            WordLists::from_toml(
                "[[rule]]\naction = \"flag\"\nreason = \"Bad Words\"\nwords = [\"a\"]"
            ),
            Err(ListError::Reason {
                rule: 1,
                reason: "Bad Words".into()
            })
        );
        assert_eq!(
            WordLists::from_toml("[[rule]]\naction = \"flag\"\nreason = \"x\"\nwords = [\"・・\"]"),
            Err(ListError::EmptyWord {
                rule: 1,
                word: "・・".into()
            })
        );
        assert_eq!(
            WordLists::from_toml("[[rule]]\naction = \"flag\"\nreason = \"x\"\nwords = []"),
            Err(ListError::NoWords { rule: 1 })
        );
        assert!(matches!(
            WordLists::from_toml(
                "[[rule]]\naction = \"flag\"\nreason = \"x\"\nwords = [\"a\"]\nextra = 1"
            ),
            Err(ListError::Syntax(_))
        ));
    }
}
