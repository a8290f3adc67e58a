//! Staff accounts: peer facilitators, counselors and administrators. They live in a file of
//! their own (`--staff FILE`), apart from the public catalogue, with argon2 hashes of their
//! passwords (`ibasho hash-password`); a plain password in the file is refused at start.
//!
//! Participants never sign in; staff do, on `hello`, and their handle then carries their
//! title ("ひかり（ファシリテーター）"), which no participant's handle may contain.

use std::path::Path;

use ibasho_moderation::fold::fold;
use ibasho_moderation::window::Window;
use ibasho_moderation::{Handle, HandleError};
use ibasho_protocol::StaffRole;
use serde::Deserialize;

use crate::desks::{Desk, DeskEntry, Desks};
use crate::secret;

/// One staff member.
#[derive(Clone)]
pub struct StaffAccount {
    pub handle: Handle,
    pub role: StaffRole,
    password_hash: String,
    /// A counselor's duty hours (`duty_hours`), in the catalogue's time zone: when the next
    /// one starts is what a person waiting with nobody on duty is told.
    pub duty_hours: Vec<Window>,
    /// The desks a counselor serves (`desks`); empty: every desk.
    pub desks: Vec<String>,
}

impl StaffAccount {
    /// Whether this is a counselor who takes `desk`'s requests.
    pub fn serves(&self, desk: &str) -> bool {
        self.role == StaffRole::Counselor
            && (self.desks.is_empty() || self.desks.iter().any(|id| id == desk))
    }
}

impl std::fmt::Debug for StaffAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffAccount")
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// Every staff account of this service (empty: nobody can sign in as staff).
#[derive(Debug, Clone, Default)]
pub struct StaffAccounts {
    /// By the folded form of the name, so that "ひかり" and "ヒカリ" are one account.
    accounts: Vec<(String, StaffAccount)>,
    /// The counselor desks (`[[desk]]`; one implicit desk if the file declares none).
    desks: Desks,
    /// A hash checked when the name is unknown, so that a wrong name takes as long as a
    /// wrong password.
    decoy: String,
}

/// Why a staff file was refused.
#[derive(Debug, thiserror::Error)]
pub enum StaffFileError {
    #[error("{file}: cannot read: {reason}")]
    Unreadable { file: String, reason: String },
    #[error("{file}: {message}")]
    Invalid { file: String, message: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    staff: Vec<Entry>,
    #[serde(default)]
    desk: Vec<DeskEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    role: StaffRole,
    password_hash: String,
    #[serde(default)]
    duty_hours: Vec<String>,
    #[serde(default)]
    desks: Vec<String>,
}

impl StaffAccounts {
    pub fn load(path: &Path) -> Result<StaffAccounts, StaffFileError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|err| StaffFileError::Unreadable {
            file: file.clone(),
            reason: err.to_string(),
        })?;
        StaffAccounts::parse(&text, &file)
    }

    pub fn parse(text: &str, file: &str) -> Result<StaffAccounts, StaffFileError> {
        let invalid = |message: String| StaffFileError::Invalid {
            file: file.to_owned(),
            message,
        };
        let parsed: File = toml::from_str(text).map_err(|err| invalid(err.to_string()))?;
        let desks = crate::desks::parse(parsed.desk).map_err(invalid)?;
        let mut accounts: Vec<(String, StaffAccount)> = Vec::new();
        for (index, entry) in parsed.staff.into_iter().enumerate() {
            let which = format!("staff #{} ({:?})", index + 1, entry.name);
            let handle = Handle::staff(&entry.name, entry.role.title()).map_err(|err| {
                invalid(match err {
                    HandleError::TooLong => format!(
                        "{which}: the name is longer than {} characters",
                        ibasho_moderation::handle::MAX_STAFF_NAME_CHARS
                    ),
                    other => format!("{which}: {other}"),
                })
            })?;
            if !secret::valid_hash(&entry.password_hash) {
                return Err(invalid(format!(
                    "{which}: password_hash is not an argon2 hash (make one with \
                     `ibasho hash-password`; the password itself never goes in this file)"
                )));
            }
            let counsels = matches!(entry.role, StaffRole::Counselor | StaffRole::Supervisor);
            if !entry.duty_hours.is_empty() && !counsels {
                return Err(invalid(format!(
                    "{which}: duty_hours are for counselors (role = \"counselor\") and supervisors"
                )));
            }
            if !entry.desks.is_empty() && entry.role != StaffRole::Counselor {
                return Err(invalid(format!(
                    "{which}: desks are for counselors (a supervisor sees every desk)"
                )));
            }
            if let Some(unknown) = entry.desks.iter().find(|id| desks.get(id).is_none()) {
                return Err(invalid(format!(
                    "{which}: desks: no [[desk]] has the id {unknown:?}"
                )));
            }
            let duty_hours = entry
                .duty_hours
                .iter()
                .map(|window| {
                    Window::parse(window).ok_or_else(|| {
                        invalid(format!(
                            "{which}: cannot read the duty window {window:?} (e.g. \"Mon-Fri 18:00-22:00\"; a window ends on the day it starts)"
                        ))
                    })
                })
                .collect::<Result<Vec<_>, _>>()?;
            let key = fold(&entry.name);
            if accounts.iter().any(|(other, _)| *other == key) {
                return Err(invalid(format!("{which}: another account has this name")));
            }
            accounts.push((
                key,
                StaffAccount {
                    handle,
                    role: entry.role,
                    password_hash: entry.password_hash,
                    duty_hours,
                    desks: entry.desks,
                },
            ));
        }
        // Any account's hash costs the same to check; a match for an unknown name still
        // signs nobody in.
        let decoy = accounts
            .first()
            .map(|(_, account)| account.password_hash.clone())
            .unwrap_or_default();
        Ok(StaffAccounts {
            accounts,
            desks,
            decoy,
        })
    }

    /// The handles of the accounts here that `newer` removed, or gave another role or
    /// password: their sessions must end.
    pub fn changed_in(&self, newer: &StaffAccounts) -> Vec<String> {
        self.accounts
            .iter()
            .filter(|(key, account)| {
                !newer.accounts.iter().any(|(other, kept)| {
                    other == key
                        && kept.role == account.role
                        && kept.password_hash == account.password_hash
                })
            })
            .map(|(_, account)| account.handle.as_str().to_owned())
            .collect()
    }

    /// When the next duty window of `desk` (its own, or of a counselor serving it) starts
    /// after `now` (local time), if the file gives duty hours.
    pub fn next_on_duty(
        &self,
        desk: &Desk,
        now: jiff::civil::DateTime,
    ) -> Option<jiff::civil::DateTime> {
        self.accounts
            .iter()
            .filter(|(_, account)| account.serves(&desk.id))
            .flat_map(|(_, account)| account.duty_hours.iter())
            .chain(desk.duty_hours.iter())
            .filter_map(|window| window.next_start_after(now))
            .min()
    }

    /// The counselor desks.
    pub fn desks(&self) -> &Desks {
        &self.desks
    }

    /// The account whose handle (name and title) is `handle`.
    pub fn by_handle(&self, handle: &str) -> Option<&StaffAccount> {
        self.accounts
            .iter()
            .map(|(_, account)| account)
            .find(|account| account.handle.as_str() == handle)
    }

    /// Whether the staff member `handle` is a counselor serving `desk` (takes its requests).
    pub fn serves(&self, handle: &str, desk: &str) -> bool {
        self.by_handle(handle)
            .is_some_and(|account| account.serves(desk))
    }

    /// Whether the staff member `handle` is a supervisor.
    pub fn supervises(&self, handle: &str) -> bool {
        self.by_handle(handle)
            .is_some_and(|account| account.role == StaffRole::Supervisor)
    }

    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
    }

    pub fn len(&self) -> usize {
        self.accounts.len()
    }

    /// The account with this name and password (slow by design: call it from a blocking
    /// task). A wrong name and a wrong password cost the same time and give the same `None`.
    pub fn sign_in(&self, name: &str, password: &str) -> Option<StaffAccount> {
        let key = fold(name);
        let found = self.accounts.iter().find(|(other, _)| *other == key);
        let hash = found.map_or(self.decoy.as_str(), |(_, account)| {
            account.password_hash.as_str()
        });
        let right = !hash.is_empty() && secret::matches(password, hash);
        found.filter(|_| right).map(|(_, account)| account.clone())
    }
}

/// The key of an account name's shared sign-in allowance: a hash of its folded form, so
/// that the store keeps no typed text and every spelling of one name counts once.
pub fn attempts_key(name: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(ibasho_moderation::fold::fold(name).as_bytes());
    format!("staff_sign_in:{}", crate::store::hex(&digest[..16]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file_with(hash: &str) -> String {
        format!(
            "[[staff]]\nname = \"ひかり\"\nrole = \"facilitator\"\npassword_hash = \"{hash}\"\n\n\
             [[staff]]\nname = \"たなか\"\nrole = \"counselor\"\npassword_hash = \"{hash}\"\n"
        )
    }

    #[test]
    fn signs_in_with_the_right_password_only() {
        let hash = secret::hash("correct horse").unwrap();
        let staff = StaffAccounts::parse(&file_with(&hash), "staff.toml").unwrap();
        assert_eq!(staff.len(), 2);
        let account = staff.sign_in("ヒカリ", "correct horse").expect("signed in");
        assert_eq!(account.role, StaffRole::Facilitator);
        assert_eq!(account.handle.as_str(), "ひかり（ファシリテーター）");
        assert!(staff.sign_in("ひかり", "wrong").is_none());
        assert!(staff.sign_in("nobody", "correct horse").is_none());
        assert!(!format!("{account:?}").contains("argon2"));
    }

    #[test]
    fn refuses_plain_passwords_duplicates_and_unknown_fields() {
        let err = StaffAccounts::parse(&file_with("hunter2"), "staff.toml").unwrap_err();
        assert!(err.to_string().contains("hash-password"), "{err}");
        let hash = secret::hash("x").unwrap();
        let twice = format!(
            "{}\n[[staff]]\nname = \"ヒカリ\"\nrole = \"admin\"\npassword_hash = \"{hash}\"\n",
            file_with(&hash)
        );
        let err = StaffAccounts::parse(&twice, "staff.toml").unwrap_err();
        assert!(err.to_string().contains("another account"), "{err}");
        let extra = format!("{}email = \"a@b\"\n", file_with(&hash));
        assert!(StaffAccounts::parse(&extra, "staff.toml").is_err());
        let err = StaffAccounts::parse("[[staff]]\nname = \"x\"\n", "staff.toml").unwrap_err();
        assert!(err.to_string().starts_with("staff.toml: "), "{err}");
    }

    #[test]
    fn desks_are_served_by_the_counselors_who_list_them_and_a_supervisor_sees_all() {
        let hash = secret::hash("x").unwrap();
        let file = format!(
            "[[desk]]\nid = \"youth\"\nname = \"若者の相談（15〜39歳）\"\nages = [\"15-39\"]\n\
             duty_hours = [\"Sat 10:00-12:00\"]\n\n\
             [[desk]]\nid = \"general\"\nname = \"総合相談\"\n\n\
             [[staff]]\nname = \"たなか\"\nrole = \"counselor\"\npassword_hash = \"{hash}\"\n\
             desks = [\"youth\"]\n\n\
             [[staff]]\nname = \"やまだ\"\nrole = \"counselor\"\npassword_hash = \"{hash}\"\n\
             duty_hours = [\"Sun 10:00-12:00\"]\n\n\
             [[staff]]\nname = \"さとう\"\nrole = \"supervisor\"\npassword_hash = \"{hash}\"\n"
        );
        let staff = StaffAccounts::parse(&file, "staff.toml").unwrap();
        assert_eq!(staff.desks().all().len(), 2);
        assert!(staff.serves("たなか（相談員）", "youth"));
        assert!(!staff.serves("たなか（相談員）", "general"));
        assert!(
            staff.serves("やまだ（相談員）", "general"),
            "no list: every desk"
        );
        assert!(
            !staff.serves("さとう（スーパーバイザー）", "youth"),
            "supervisors take none"
        );
        assert!(staff.supervises("さとう（スーパーバイザー）"));
        // The youth desk's own hours (Saturday) come before its counselor's (none) and
        // never another desk's counselor's (Sunday).
        let friday = jiff::civil::date(2026, 12, 4).at(12, 0, 0, 0);
        let youth = staff.desks().get("youth").unwrap();
        assert_eq!(
            staff.next_on_duty(youth, friday),
            Some(jiff::civil::date(2026, 12, 5).at(10, 0, 0, 0))
        );
        let unknown = file.replace("desks = [\"youth\"]", "desks = [\"elderly\"]");
        let err = StaffAccounts::parse(&unknown, "staff.toml").unwrap_err();
        assert!(err.to_string().contains("\"elderly\""), "{err}");
        let on_a_supervisor = file.replace(
            "role = \"supervisor\"",
            "role = \"supervisor\"\ndesks = [\"youth\"]",
        );
        assert!(StaffAccounts::parse(&on_a_supervisor, "staff.toml").is_err());
    }

    #[test]
    fn an_empty_file_has_nobody() {
        let staff = StaffAccounts::parse("", "staff.toml").unwrap();
        assert!(staff.is_empty());
        assert!(staff.sign_in("", "").is_none());
    }

    #[test]
    fn counselors_duty_hours_say_when_someone_is_next_on_duty() {
        let hash = secret::hash("x").unwrap();
        let file = format!(
            "[[staff]]\nname = \"たなか\"\nrole = \"counselor\"\npassword_hash = \"{hash}\"\n\
             duty_hours = [\"Mon-Fri 18:00-22:00\", \"Sat 13:00-17:00\"]\n\n\
             [[staff]]\nname = \"やまだ\"\nrole = \"counselor\"\npassword_hash = \"{hash}\"\n\
             duty_hours = [\"Sun 10:00-12:00\"]\n"
        );
        let staff = StaffAccounts::parse(&file, "staff.toml").unwrap();
        // 2026-12-05 is a Saturday: after its afternoon window, Sunday morning comes first.
        let saturday_evening = jiff::civil::date(2026, 12, 5).at(18, 0, 0, 0);
        let desk = &staff.desks().all()[0];
        assert_eq!(
            staff.next_on_duty(desk, saturday_evening),
            Some(jiff::civil::date(2026, 12, 6).at(10, 0, 0, 0))
        );
        assert_eq!(
            StaffAccounts::parse(&file_with(&hash), "staff.toml")
                .unwrap()
                .next_on_duty(desk, saturday_evening),
            None
        );
        let facilitator_with_hours = format!(
            "[[staff]]\nname = \"ひかり\"\nrole = \"facilitator\"\npassword_hash = \"{hash}\"\n\
             duty_hours = [\"Mon 10:00-12:00\"]\n"
        );
        let err = StaffAccounts::parse(&facilitator_with_hours, "staff.toml").unwrap_err();
        assert!(err.to_string().contains("counselor"), "{err}");
        let supervisor_with_hours = facilitator_with_hours.replace("facilitator", "supervisor");
        assert!(StaffAccounts::parse(&supervisor_with_hours, "staff.toml").is_ok());
        let overnight = file.replace("Sun 10:00-12:00", "Sun 22:00-02:00");
        let err = StaffAccounts::parse(&overnight, "staff.toml").unwrap_err();
        assert!(err.to_string().contains("Sun 22:00-02:00"), "{err}");
    }
}
