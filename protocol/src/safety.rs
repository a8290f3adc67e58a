//! What automatic protection says on the wire: the kinds of personal information a held-back
//! message has, the help lines shown to a person in crisis, and the alerts staff get.

use serde::{Deserialize, Serialize};

/// A kind of personal information found in a `say` (`personal_info` refusals list them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum PersonalInfoKind {
    Phone,
    Email,
    SnsId,
    PostalCode,
    Address,
    Url,
}

impl PersonalInfoKind {
    pub const ALL: [PersonalInfoKind; 6] = [
        PersonalInfoKind::Phone,
        PersonalInfoKind::Email,
        PersonalInfoKind::SnsId,
        PersonalInfoKind::PostalCode,
        PersonalInfoKind::Address,
        PersonalInfoKind::Url,
    ];

    /// Its name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            PersonalInfoKind::Phone => "phone",
            PersonalInfoKind::Email => "email",
            PersonalInfoKind::SnsId => "sns_id",
            PersonalInfoKind::PostalCode => "postal_code",
            PersonalInfoKind::Address => "address",
            PersonalInfoKind::Url => "url",
        }
    }
}

/// One help line of a `support` frame: it has a `number`, a `url` or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub struct HelpLine {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When it is open, in words to show.
    pub hours: String,
    /// Whether it is open now (worked out from its opening windows).
    pub open_now: bool,
}

/// Why staff are alerted about a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "arbitrary", derive(arbitrary::Arbitrary))]
pub enum AlertReason {
    /// A `flag` rule of the word lists matched.
    Flagged,
    /// A `trial` rule matched (a rule being tried before it refuses anyone).
    Trial,
    /// Crisis language: its writer was shown help lines.
    Crisis,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_match_serde() {
        for kind in PersonalInfoKind::ALL {
            assert_eq!(
                serde_json::to_value(kind).unwrap(),
                serde_json::json!(kind.as_str())
            );
        }
    }
}
