//! The participants' voice, as the page keeps it: the one optional question
//! 「きょうはどうでしたか」 asked after a sitting, a case or from the lobby — never twice for
//! the same sitting (a dismissal counts as an answer), never required — and what the
//! server said about an answer.

use ibasho_protocol::{ErrorCode, HelpLine, ServerMsg, VoiceAbout};

use crate::small::Set;

/// What the question is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    /// The room (about its sitting), or none (about a case or the service).
    pub room: Option<String>,
    pub about: VoiceAbout,
    /// What one answer is per on this page: a room's sitting (the room and the day), a
    /// case, the service today.
    pub key: String,
}

/// Where the card is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Card {
    /// Asking, with what the person chose so far.
    Asking,
    /// Sent; waiting for the server.
    Sending,
    /// The comment looks like personal information: send it anyway, or change it.
    PersonalInfo,
    /// Thanked (for a moment).
    Thanked,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Voice {
    /// The question open now, and where its card is.
    pub open: Option<(Question, Card)>,
    /// Questions answered or dismissed in this tab.
    answered: Set<String>,
    /// Help lines after a comment with crisis language: shown with the thanks, and the
    /// card stays until the person closes it.
    pub support: Option<Vec<HelpLine>>,
}

/// What a frame of this area asks of the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceTold {
    None,
    /// The answer was kept: thank, then close.
    Received,
    /// Help lines came with the thanks: brought into view.
    Support,
}

impl Voice {
    /// Opens the question unless it was answered (or dismissed) in this tab; true if open.
    pub fn ask(&mut self, question: Question) -> bool {
        if self.answered.contains(&question.key) || self.open.is_some() {
            return false;
        }
        self.open = Some((question, Card::Asking));
        true
    }

    /// The person closed the card without answering: it is not asked again.
    pub fn dismiss(&mut self) {
        if let Some((question, _)) = self.open.take() {
            self.answered.insert(question.key);
        }
    }

    /// The answer went out.
    pub fn sending(&mut self) {
        if let Some((_, card)) = &mut self.open {
            *card = Card::Sending;
        }
    }

    /// Whether the card waits for the server's answer (a refusal is then the card's).
    pub fn is_sending(&self) -> bool {
        matches!(self.open, Some((_, Card::Sending)))
    }

    /// Whether a card is open (the session stays while it is).
    pub fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// A frame of this area.
    pub fn on_frame(&mut self, frame: &ServerMsg) -> VoiceTold {
        match frame {
            ServerMsg::VoiceReceived { .. } => self.thanked(),
            ServerMsg::Support { lines, .. } => {
                self.support = Some(lines.clone());
                VoiceTold::Support
            }
            _ => VoiceTold::None,
        }
    }

    fn thanked(&mut self) -> VoiceTold {
        match &mut self.open {
            Some((question, card)) => {
                self.answered.insert(question.key.clone());
                *card = Card::Thanked;
                VoiceTold::Received
            }
            None => VoiceTold::None,
        }
    }

    /// A refusal while sending: answered already (closed as if thanked), personal
    /// information (asked to confirm), or anything else (back to asking, the notice says
    /// why). True if the refusal was the card's.
    pub fn refused(&mut self, code: ErrorCode) -> bool {
        if !self.is_sending() {
            return false;
        }
        match code {
            ErrorCode::AlreadyAnswered => {
                self.thanked();
            }
            ErrorCode::PersonalInfo => {
                if let Some((_, card)) = &mut self.open {
                    *card = Card::PersonalInfo;
                }
            }
            _ => {
                if let Some((_, card)) = &mut self.open {
                    *card = Card::Asking;
                }
            }
        }
        true
    }

    /// The thanks were shown: the card goes (unless it shows help lines: then the person
    /// closes it, see [`Voice::close_support`]).
    pub fn close(&mut self) {
        if matches!(self.open, Some((_, Card::Thanked))) && self.support.is_none() {
            self.open = None;
        }
    }

    /// The person closed the help lines: the card goes.
    pub fn close_support(&mut self) {
        self.support = None;
        self.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn about_lounge() -> Question {
        Question {
            room: Some("lounge".into()),
            about: VoiceAbout::Room,
            key: "lounge@2026-12-07".into(),
        }
    }

    #[test]
    fn asked_once_per_sitting_whether_answered_or_dismissed() {
        let mut voice = Voice::default();
        assert!(voice.ask(about_lounge()));
        voice.dismiss();
        assert!(!voice.is_open());
        assert!(!voice.ask(about_lounge()), "never asked twice");
        let case = Question {
            room: None,
            about: VoiceAbout::Counselor,
            key: "case-1".into(),
        };
        assert!(voice.ask(case.clone()));
        voice.sending();
        assert_eq!(
            voice.on_frame(&ServerMsg::VoiceReceived {
                room: None,
                about: Some("counselor".into()),
            }),
            VoiceTold::Received
        );
        voice.close();
        assert!(!voice.ask(case));
    }

    #[test]
    fn help_after_a_comment_keeps_the_card_until_closed() {
        let mut voice = Voice::default();
        voice.ask(about_lounge());
        voice.sending();
        voice.on_frame(&ServerMsg::VoiceReceived {
            room: None,
            about: None,
        });
        voice.on_frame(&ServerMsg::Support {
            room: String::new(),
            lines: vec![],
            offer_counselor: true,
        });
        voice.close();
        assert!(voice.is_open(), "the help stays until the person closes it");
        voice.close_support();
        assert!(!voice.is_open());
    }

    #[test]
    fn refusals_while_sending_are_the_cards() {
        let mut voice = Voice::default();
        voice.ask(about_lounge());
        assert!(!voice.refused(ErrorCode::PersonalInfo), "not sending yet");
        voice.sending();
        assert!(voice.refused(ErrorCode::PersonalInfo));
        assert_eq!(
            voice.open.as_ref().map(|(_, c)| c),
            Some(&Card::PersonalInfo)
        );
        voice.sending();
        assert!(voice.refused(ErrorCode::AlreadyAnswered));
        assert_eq!(voice.open.as_ref().map(|(_, c)| c), Some(&Card::Thanked));
        voice.close();
        assert!(!voice.ask(about_lounge()));
    }
}
