//! Counselor desks (相談窓口): the agencies behind the one door, declared in the staff file
//! (`[[desk]]`), and which desk a request goes to. Pure: the file's text is given, and
//! routing is told who is on duty.
//!
//! A staff file without desks has one implicit desk ([`IMPLICIT`], no names) that every
//! counselor serves: deployments from before desks keep working as they did.

use ibasho_moderation::window::Window;
use ibasho_protocol::{About, AgeBand, Reply};
use serde::Deserialize;

/// The id of the one desk of a staff file that declares none.
pub const IMPLICIT: &str = "default";

/// The longest canned reply, in characters (what a counselor may send as one message).
pub const MAX_REPLY_CHARS: usize = 2000;

/// One desk.
#[derive(Debug, Clone, PartialEq)]
pub struct Desk {
    pub id: String,
    /// Shown to people (「若者の相談（15〜39歳）」); `None` only for the implicit desk.
    pub name: Option<String>,
    pub name_en: Option<String>,
    pub description: String,
    /// The age bands it serves; empty: any (it then matches no age band by itself).
    pub ages: Vec<AgeBand>,
    /// Who the requests it serves are about; empty: any.
    pub about: Vec<About>,
    /// When it is usually staffed (the catalogue's time zone).
    pub duty_hours: Vec<Window>,
    pub replies: Vec<Reply>,
}

impl Desk {
    fn implicit() -> Desk {
        Desk {
            id: IMPLICIT.to_owned(),
            name: None,
            name_en: None,
            description: String::new(),
            ages: Vec::new(),
            about: Vec::new(),
            duty_hours: Vec::new(),
            replies: Vec::new(),
        }
    }

    /// Whether the person's answers fit this desk: a desk that names ages (or who it is
    /// about) fits only a person who gave one of them; a desk that names none (or every
    /// value) fits anyone.
    pub fn fits(&self, about: Option<About>, age: Option<AgeBand>) -> bool {
        let age = age.filter(|band| *band != AgeBand::Unsaid);
        let ages_fit = self.ages.is_empty() || age.is_some_and(|band| self.ages.contains(&band));
        let about_fits =
            self.about.is_empty() || about.is_some_and(|about| self.about.contains(&about));
        ages_fit && about_fits
    }
}

/// The desks of a staff file, in its order (never empty).
#[derive(Debug, Clone, PartialEq)]
pub struct Desks(Vec<Desk>);

impl Default for Desks {
    fn default() -> Self {
        Desks(vec![Desk::implicit()])
    }
}

/// Why a request names no desk that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoSuchDesk;

/// The person's routing answers (none required, none kept).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Answers<'a> {
    pub about: Option<About>,
    pub age: Option<AgeBand>,
    pub chosen: Option<&'a str>,
}

impl Desks {
    pub fn all(&self) -> &[Desk] {
        &self.0
    }

    pub fn get(&self, id: &str) -> Option<&Desk> {
        self.0.iter().find(|desk| desk.id == id)
    }

    /// Whether the file declared no desk (the implicit one stands for them).
    pub fn implicit(&self) -> bool {
        self.0.len() == 1 && self.0[0].id == IMPLICIT && self.0[0].name.is_none()
    }

    /// Where a request goes: the desk the person chose; else the first whose ages and who it
    /// is about fit the answers; else the first with someone on duty (`staffed`); else the
    /// first.
    pub fn route(
        &self,
        answers: Answers<'_>,
        staffed: impl Fn(&str) -> bool,
    ) -> Result<&Desk, NoSuchDesk> {
        if let Some(chosen) = answers.chosen {
            return self.get(chosen).ok_or(NoSuchDesk);
        }
        let first = &self.0[0];
        Ok(self
            .0
            .iter()
            .find(|desk| desk.fits(answers.about, answers.age))
            .or_else(|| self.0.iter().find(|desk| staffed(&desk.id)))
            .unwrap_or(first))
    }
}

/// `[[desk]]` as written in the staff file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeskEntry {
    id: String,
    name: String,
    #[serde(default)]
    name_en: Option<String>,
    #[serde(default)]
    description: String,
    #[serde(default)]
    ages: Vec<String>,
    #[serde(default)]
    about: Vec<String>,
    #[serde(default)]
    duty_hours: Vec<String>,
    #[serde(default, rename = "reply")]
    replies: Vec<ReplyEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReplyEntry {
    title: String,
    text: String,
}

/// Reads the `[[desk]]` tables; an error says which desk and what is wrong.
pub(crate) fn parse(entries: Vec<DeskEntry>) -> Result<Desks, String> {
    if entries.is_empty() {
        return Ok(Desks::default());
    }
    let mut desks: Vec<Desk> = Vec::new();
    for (index, entry) in entries.into_iter().enumerate() {
        let which = format!("desk #{} ({:?})", index + 1, entry.id);
        let id_ok = !entry.id.is_empty()
            && entry.id.len() <= 32
            && entry
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !id_ok {
            return Err(format!(
                "{which}: id must be 1-32 of a-z, 0-9, '-' and '_' (e.g. \"youth\")"
            ));
        }
        if desks.iter().any(|desk| desk.id == entry.id) {
            return Err(format!("{which}: another desk has this id"));
        }
        if entry.name.trim().is_empty() || entry.name.chars().count() > 40 {
            return Err(format!("{which}: name must be 1-40 characters"));
        }
        let ages = entry
            .ages
            .iter()
            .map(|age| {
                AgeBand::BANDS
                    .into_iter()
                    .find(|band| band.as_str() == age)
                    .ok_or_else(|| {
                        format!("{which}: ages: {age:?} is not \"15-39\", \"40-64\" or \"65+\"")
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let about = entry
            .about
            .iter()
            .map(|word| {
                About::ALL
                    .into_iter()
                    .find(|about| about.as_str() == word)
                    .ok_or_else(|| {
                        format!("{which}: about: {word:?} is not \"self\" or \"family\"")
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let duty_hours = entry
            .duty_hours
            .iter()
            .map(|window| {
                Window::parse(window).ok_or_else(|| {
                    format!("{which}: cannot read the duty window {window:?} (e.g. \"Mon-Fri 18:00-22:00\")")
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut replies = Vec::new();
        for (at, reply) in entry.replies.into_iter().enumerate() {
            let title_chars = reply.title.trim().chars().count();
            let text_chars = reply.text.trim().chars().count();
            if !(1..=60).contains(&title_chars) || !(1..=MAX_REPLY_CHARS).contains(&text_chars) {
                return Err(format!(
                    "{which}: reply #{}: title must be 1-60 characters and text 1-{MAX_REPLY_CHARS}",
                    at + 1
                ));
            }
            replies.push(Reply {
                title: reply.title.trim().to_owned(),
                text: reply.text.trim().to_owned(),
            });
        }
        // Naming every value is naming none: a desk for "self" and "family" takes people who
        // did not say.
        let ages = if AgeBand::BANDS.iter().all(|band| ages.contains(band)) {
            Vec::new()
        } else {
            ages
        };
        let about = if About::ALL.iter().all(|word| about.contains(word)) {
            Vec::new()
        } else {
            about
        };
        desks.push(Desk {
            id: entry.id,
            name: Some(entry.name),
            name_en: entry.name_en.filter(|name| !name.trim().is_empty()),
            description: entry.description,
            ages,
            about,
            duty_hours,
            replies,
        });
    }
    Ok(Desks(desks))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn desks(text: &str) -> Result<Desks, String> {
        #[derive(Deserialize)]
        struct File {
            desk: Vec<DeskEntry>,
        }
        let file: File = toml::from_str(text).map_err(|err| err.to_string())?;
        parse(file.desk)
    }

    const WARD: &str = r#"
        [[desk]]
        id = "youth"
        name = "若者の相談（15〜39歳）"
        ages = ["15-39"]
        about = ["self", "family"]
        [[desk.reply]]
        title = "はじめに"
        text = "こんにちは。ゆっくりで大丈夫です。"

        [[desk]]
        id = "family"
        name = "ご家族の相談"
        about = ["family"]
        ages = ["40-64", "65+"]

        [[desk]]
        id = "general"
        name = "総合相談"
    "#;

    #[test]
    fn routing_takes_a_choice_then_the_answers_then_who_is_on_duty() {
        let desks = desks(WARD).unwrap();
        let nobody = |_: &str| false;
        let route = |about, age, chosen| {
            desks
                .route(Answers { about, age, chosen }, nobody)
                .map(|desk| desk.id.clone())
        };
        assert_eq!(route(None, None, None), Ok("general".into()), "no answers");
        assert_eq!(route(None, Some(AgeBand::Young), None), Ok("youth".into()));
        assert_eq!(
            route(Some(About::Myself), Some(AgeBand::Young), None),
            Ok("youth".into())
        );
        assert_eq!(
            route(Some(About::Family), Some(AgeBand::Older), None),
            Ok("family".into())
        );
        assert_eq!(
            route(Some(About::Family), Some(AgeBand::Unsaid), None),
            Ok("general".into()),
            "unsaid is no age band"
        );
        assert_eq!(
            route(Some(About::Family), None, Some("youth")),
            Ok("youth".into())
        );
        assert_eq!(route(None, None, Some("nowhere")), Err(NoSuchDesk));
        // When no desk fits, the first with someone on duty.
        let only_constrained = desks.0[..2].to_vec();
        let constrained = Desks(only_constrained);
        let fallback = constrained
            .route(Answers::default(), |desk| desk == "family")
            .unwrap();
        assert_eq!(fallback.id, "family");
        assert_eq!(
            constrained.route(Answers::default(), nobody).unwrap().id,
            "youth",
            "else the first"
        );
    }

    #[test]
    fn a_file_without_desks_has_one_implicit_desk() {
        let none = parse(Vec::new()).unwrap();
        assert!(none.implicit());
        assert_eq!(none.all().len(), 1);
        assert_eq!(
            none.route(Answers::default(), |_| false).unwrap().id,
            IMPLICIT
        );
        assert!(!desks(WARD).unwrap().implicit());
    }

    #[test]
    fn bad_desks_are_refused_with_what_is_wrong() {
        let wrong = |text: &str, says: &str| {
            let err = desks(text).unwrap_err();
            assert!(err.contains(says), "{err}");
        };
        wrong("[[desk]]\nid = \"Youth!\"\nname = \"x\"\n", "id must be");
        wrong(
            "[[desk]]\nid = \"a\"\nname = \"x\"\n[[desk]]\nid = \"a\"\nname = \"y\"\n",
            "another desk",
        );
        wrong(
            "[[desk]]\nid = \"a\"\nname = \"x\"\nages = [\"10-14\"]\n",
            "ages",
        );
        wrong(
            "[[desk]]\nid = \"a\"\nname = \"x\"\nabout = [\"me\"]\n",
            "about",
        );
        wrong(
            "[[desk]]\nid = \"a\"\nname = \"x\"\nduty_hours = [\"someday\"]\n",
            "duty window",
        );
        wrong(
            "[[desk]]\nid = \"a\"\nname = \"x\"\n[[desk.reply]]\ntitle = \"\"\ntext = \"t\"\n",
            "reply #1",
        );
        wrong(
            "[[desk]]\nid = \"a\"\nname = \"x\"\ncolour = \"red\"\n",
            "unknown field",
        );
    }
}
