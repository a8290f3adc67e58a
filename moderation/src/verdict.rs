//! The verdict on one message before it is said: refused (and why), or delivered with alerts
//! for staff and, for crisis language, help for its writer. Every verdict carries a reason
//! code; none carries the text.

use crate::crisis;
use crate::filter::{Filter, Forms, Spellings};
use crate::lists::{Action, WordLists};
use crate::matching::nfkc;
use crate::personal::{self, PersonalInfoKind, PersonalInfoMode};

/// What a room asks of automatic protection (from the catalogue).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoomRules {
    /// Whether the word lists apply (catalogue `filters`, default true; crisis language and
    /// personal information are checked whatever this says).
    pub filters: bool,
    pub personal_info: PersonalInfoMode,
}

impl Default for RoomRules {
    fn default() -> RoomRules {
        RoomRules {
            filters: true,
            personal_info: PersonalInfoMode::default(),
        }
    }
}

/// Why a message is not delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A `block` rule matched: its reason code.
    Blocked { reason: String },
    /// Personal information was found; `confirmable` when sending it again with the writer's
    /// confirmation delivers it (the room's mode is `confirm`).
    PersonalInfo {
        kinds: Vec<PersonalInfoKind>,
        confirmable: bool,
    },
}

/// What staff in the room are told about a delivered message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Alert {
    /// A `flag` rule matched (its reason code).
    Flagged { reason: String },
    /// A `trial` rule matched (its reason code).
    Trial { reason: String },
    /// Crisis language.
    Crisis,
}

impl Alert {
    /// The alert frame's `reason`: `flagged`, `trial` or `crisis`.
    pub fn wire_reason(&self) -> &'static str {
        match self {
            Alert::Flagged { .. } => "flagged",
            Alert::Trial { .. } => "trial",
            Alert::Crisis => "crisis",
        }
    }

    /// The audit log's action for it: `flag`, `trial` or `crisis`.
    pub fn audit_action(&self) -> &'static str {
        match self {
            Alert::Flagged { .. } => "flag",
            Alert::Trial { .. } => "trial",
            Alert::Crisis => "crisis",
        }
    }

    /// The rule's reason code (for the audit log); `crisis` for crisis language.
    pub fn reason(&self) -> &str {
        match self {
            Alert::Flagged { reason } | Alert::Trial { reason } => reason,
            Alert::Crisis => "crisis",
        }
    }
}

/// The verdict on one message.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Verdict {
    pub refusal: Option<Refusal>,
    /// For staff, if the message is delivered.
    pub alerts: Vec<Alert>,
    /// Crisis language: its writer is shown help lines, whatever else the verdict says.
    pub crisis: bool,
}

/// The word lists, compiled, and everything built in.
#[derive(Debug, Clone)]
pub struct Moderator {
    filter: Filter,
    rules: Vec<(Action, String)>,
}

impl Moderator {
    pub fn new(lists: &WordLists) -> Moderator {
        Moderator {
            filter: Filter::new(
                lists.rules.iter().map(|rule| rule.words.as_slice()),
                &lists.allow.words,
                Spellings::Strict,
            ),
            rules: lists
                .rules
                .iter()
                .map(|rule| (rule.action, rule.reason.clone()))
                .collect(),
        }
    }

    /// The verdict on `text` in a room with `rules`. `confirmed`: its writer sent it again
    /// knowing it has personal information.
    ///
    /// Crisis language is never refused by a word list: someone saying they want to die must
    /// be heard, whatever words they use. Personal information is still held back, because
    /// that is what protects them.
    pub fn judge(&self, text: &str, rules: RoomRules, confirmed: bool) -> Verdict {
        let normal = nfkc(text);
        let forms = Forms::of_normal(text, &normal);
        let crisis_spans = crisis::spans(&forms);
        let crisis = !crisis_spans.is_empty();
        let mut verdict = Verdict {
            crisis,
            ..Verdict::default()
        };
        if rules.personal_info != PersonalInfoMode::Allow {
            let confirmable = rules.personal_info == PersonalInfoMode::Confirm;
            if !(confirmable && confirmed) {
                let kinds = personal::find_normal(&normal);
                if !kinds.is_empty() {
                    verdict.refusal = Some(Refusal::PersonalInfo { kinds, confirmable });
                    return verdict;
                }
            }
        }
        if rules.filters {
            let found = self.filter.find_in(&forms);
            let strongest = found
                .iter()
                .map(|found| &self.rules[found.rule])
                .max_by_key(|(action, _)| *action);
            if let Some((Action::Block, reason)) = strongest
                && !crisis
            {
                verdict.refusal = Some(Refusal::Blocked {
                    reason: reason.clone(),
                });
                return verdict;
            }
            for found in &found {
                let (action, reason) = &self.rules[found.rule];
                let within_crisis = |span: (usize, usize)| {
                    crisis_spans
                        .iter()
                        .flatten()
                        .any(|(start, end)| *start <= span.0 && span.1 <= *end)
                };
                let alert = match action {
                    // A blocked word inside the crisis language itself (死ねたら) is that
                    // language, not abuse; elsewhere in the message it is flagged, since
                    // crisis language is never refused.
                    Action::Block if found.span.is_some_and(within_crisis) => continue,
                    Action::Block | Action::Flag => Alert::Flagged {
                        reason: reason.clone(),
                    },
                    Action::Trial => Alert::Trial {
                        reason: reason.clone(),
                    },
                };
                if !verdict.alerts.contains(&alert) {
                    verdict.alerts.push(alert);
                }
            }
        }
        if crisis {
            verdict.alerts.push(Alert::Crisis);
        }
        verdict
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moderator() -> Moderator {
        Moderator::new(
            &WordLists::from_toml(
                r#"
                [[rule]]
                action = "block"
                reason = "abuse"
                words = ["ばかやろう", "死ね"]
                [[rule]]
                action = "flag"
                reason = "sexual"
                words = ["えっち"]
                [[rule]]
                action = "trial"
                reason = "new_slang"
                words = ["ぴえん"]
                "#,
            )
            .unwrap(),
        )
    }

    #[test]
    fn block_flag_and_trial_do_what_they_say() {
        let m = moderator();
        let rules = RoomRules::default();
        assert_eq!(
            m.judge("ﾊﾞｶﾔﾛｳ", rules, false).refusal,
            Some(Refusal::Blocked {
                reason: "abuse".into()
            })
        );
        let flagged = m.judge("えっちな話", rules, false);
        assert_eq!(flagged.refusal, None);
        assert_eq!(
            flagged.alerts,
            [Alert::Flagged {
                reason: "sexual".into()
            }]
        );
        assert_eq!(
            m.judge("ぴえん", rules, false).alerts[0].wire_reason(),
            "trial"
        );
        assert_eq!(m.judge("こんにちは", rules, false), Verdict::default());
        let off = RoomRules {
            filters: false,
            ..rules
        };
        assert_eq!(m.judge("ばかやろう", off, false), Verdict::default());
    }

    #[test]
    fn crisis_is_delivered_with_help_even_in_harsh_words() {
        let m = moderator();
        let verdict = m.judge("もう死にたい、ばかやろう", RoomRules::default(), false);
        assert_eq!(verdict.refusal, None);
        assert!(verdict.crisis);
        let abuse = Alert::Flagged {
            reason: "abuse".into(),
        };
        assert_eq!(verdict.alerts, [abuse, Alert::Crisis]);
        let about_oneself = m.judge("死ねたらいいのに", RoomRules::default(), false);
        assert_eq!(about_oneself.alerts, [Alert::Crisis]);
        let off = RoomRules {
            filters: false,
            ..RoomRules::default()
        };
        assert!(m.judge("死にたい", off, false).crisis);
    }

    #[test]
    fn personal_information_waits_for_confirmation_as_the_room_says() {
        let m = moderator();
        let phone = "090-1234-5678";
        let refused = m.judge(phone, RoomRules::default(), false);
        assert_eq!(
            refused.refusal,
            Some(Refusal::PersonalInfo {
                kinds: vec![PersonalInfoKind::Phone],
                confirmable: true
            })
        );
        assert_eq!(m.judge(phone, RoomRules::default(), true).refusal, None);
        let block = RoomRules {
            personal_info: PersonalInfoMode::Block,
            ..RoomRules::default()
        };
        assert!(matches!(
            m.judge(phone, block, true).refusal,
            Some(Refusal::PersonalInfo {
                confirmable: false,
                ..
            })
        ));
        let allow = RoomRules {
            personal_info: PersonalInfoMode::Allow,
            ..RoomRules::default()
        };
        assert_eq!(m.judge(phone, allow, false).refusal, None);
    }
}
