//! 「きょうはどうでしたか」: a person's answer about a room's sitting, a finished case or the
//! service. Checked like a message where it matters (length, personal information, crisis
//! language), then kept anonymously: the rating, the comment, what it is about and the day.

use ibasho_moderation::{PersonalInfoMode, Refusal as Verdicted, RoomRules};
use ibasho_protocol::{MAX_VOICE_CHARS, ServerMsg, VoiceAbout};

use super::{Rooms, Who};
use crate::figures::voice::{about, once_key};
use crate::outbox::Outbox;
use crate::refusal::{BadRequest, Refusal};
use crate::store::VoiceRecord;

/// A `voice`, as the socket layer read it.
pub struct Voicing {
    pub room: Option<String>,
    pub about: Option<VoiceAbout>,
    pub rating: i64,
    pub comment: Option<String>,
    pub confirm_personal_info: bool,
}

impl Rooms {
    /// A new session whose browser says it never came before (counted once; a resume
    /// never counts).
    pub async fn first_visit(&self, _who: Who<'_>) {
        self.figures.first_visit().await;
    }

    /// Keeps an answer (once per session and sitting, case or day) and says so; a comment
    /// with crisis language also brings the support card (and alerts nobody: it is not live).
    pub async fn voice(
        &self,
        who: Who<'_>,
        voicing: Voicing,
        conn: &Outbox,
    ) -> Result<(), Refusal> {
        let rating = u8::try_from(voicing.rating)
            .ok()
            .filter(|rating| (1..=4).contains(rating))
            .ok_or(Refusal::BadRequest(BadRequest::BadRating))?;
        if voicing.room.is_none() && voicing.about == Some(VoiceAbout::Room) {
            return Err(Refusal::BadRequest(BadRequest::MissingOrWrongField));
        }
        let comment = voicing
            .comment
            .map(|text| text.trim().to_owned())
            .filter(|text| !text.is_empty());
        if comment
            .as_ref()
            .is_some_and(|text| text.chars().count() > MAX_VOICE_CHARS)
        {
            return Err(Refusal::TooLong {
                max_chars: MAX_VOICE_CHARS,
            });
        }
        let room = match &voicing.room {
            Some(id) => match self.find(id, who.token).await? {
                Some(room) if !ibasho_protocol::is_private_room(id) => Some(room),
                _ => return Err(Refusal::NoSuchRoom),
            },
            None => None,
        };
        let mut crisis = false;
        if let Some(text) = &comment {
            // Only the personal-information guard and crisis language: a comment is read by
            // administrators, never by the room.
            let rules = RoomRules {
                filters: false,
                personal_info: PersonalInfoMode::Confirm,
            };
            let verdict =
                self.protection
                    .moderator
                    .judge(text, rules, voicing.confirm_personal_info);
            if let Some(Verdicted::PersonalInfo { kinds, confirmable }) = verdict.refusal {
                return Err(Refusal::PersonalInfo { kinds, confirmable });
            }
            crisis = verdict.crisis;
        }
        let subject = about(voicing.room.as_deref(), voicing.about);
        // What one answer is per: a room's sitting, or a case or the service per day.
        let answered = match &room {
            Some(room) => {
                let control = self.hub.control(&room.spec.id);
                self.figures.last_sitting(&room.spec, control.as_ref())
            }
            None => format!("{}@{}", subject.as_str(), self.figures.today()),
        };
        let record = VoiceRecord {
            day: self.figures.today(),
            room: voicing.room.clone(),
            about: subject,
            rating,
            comment,
        };
        if !self
            .figures
            .keep_voice(&once_key(who.token, &answered), &record)
            .await?
        {
            return Err(Refusal::AlreadyAnswered);
        }
        tracing::debug!(about = subject.as_str(), "a voice was kept");
        conn.send(&ServerMsg::VoiceReceived {
            room: voicing.room.clone(),
            about: Some(subject.as_str().to_owned()),
        });
        if crisis {
            // Not a room's (the person may have left it): an empty `room` says so, and the
            // page shows the help lines with the card that was answered.
            conn.send(&ServerMsg::Support {
                room: String::new(),
                lines: self.protection.support_lines(self.timing.local_now()),
                offer_counselor: true,
            });
        }
        Ok(())
    }
}
