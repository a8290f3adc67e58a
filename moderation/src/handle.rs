//! What a person may call themselves in a room.
//!
//! A handle is the only thing others know of a person, so it must not be able to pass for a
//! staff member (people in withdrawal may be told things "by a counselor" who is not one), nor
//! hide characters that make two handles look the same.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use unicode_normalization::UnicodeNormalization;

use crate::fold::{fold, fold_lookalikes};

/// The longest handle, in characters (Unicode scalar values) after normalisation: the
/// protocol's number, which the entry screen says too.
pub use ibasho_protocol::MAX_HANDLE_CHARS;

/// The longest staff name, in characters, before its title.
pub const MAX_STAFF_NAME_CHARS: usize = 12;

/// Names that belong to staff or to the service, in their folded form (see
/// [`fold_lookalikes`]): a handle containing one of them is refused.
const STAFF_WORDS: &[&str] = &[
    // Japanese, in hiragana (katakana and half-width forms fold onto these) and kanji.
    "そうだんいん",
    "相談員",
    "相談室",
    "かうんせらー",
    "かんりしゃ",
    "管理者",
    "かんりにん",
    "管理人",
    "うんえい",
    "運営",
    "すたっふ",
    "しょくいん",
    "職員",
    "しえんいん",
    "支援員",
    "ふぁしりてーたー",
    "すーぱーばいざー",
    "もでれーたー",
    "こうしき",
    "公式",
    "じむきょく",
    "事務局",
    "しすてむ",
    "いばしょ",
    "居場所",
    "区役所",
    // Latin.
    "admin",
    "administrator",
    "moderator",
    "staff",
    "counselor",
    "counsellor",
    "facilitator",
    "supervisor",
    "official",
    "operator",
    "system",
    "ibasho",
    "support",
];

static STAFF_MATCHER: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    // Patterns are constants: building cannot fail, but a failure must not panic a server;
    // `None` then refuses nothing extra and the unit tests below fail loudly.
    AhoCorasick::new(STAFF_WORDS).ok()
});

/// The staff words' shapes (see [`shape`]): what catches a Cyrillic ѕ or а in "staff", a
/// kanji 口 for a katakana ロ, and the like, which folding alone keeps apart.
static STAFF_SHAPES: LazyLock<Option<AhoCorasick>> =
    LazyLock::new(|| AhoCorasick::new(STAFF_WORDS.iter().map(|word| shape(word))).ok());

/// What a text looks like, whatever its code points: the folded text's UTS #39 skeleton
/// (each character replaced by the prototype of the characters it can be confused with).
fn shape(text: &str) -> String {
    unicode_security::skeleton(&fold_lookalikes(text))
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric() || *c == 'ー')
        .collect()
}

/// Why a handle was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum HandleError {
    #[error("the handle is empty")]
    Empty,
    #[error("the handle is longer than {MAX_HANDLE_CHARS} characters")]
    TooLong,
    #[error("the handle contains control or invisible characters")]
    Invisible,
    #[error("the handle looks like a staff name")]
    LooksLikeStaff,
}

/// A handle that passed [`Handle::parse`]: normalised, and with its comparison key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Handle {
    display: String,
    key: String,
}

impl Handle {
    /// Normalises a handle a person asked for: NFKC, trimmed, inner runs of white space made
    /// one space, 1–[`MAX_HANDLE_CHARS`] characters, no control or invisible characters, and
    /// nothing that reads as a staff name.
    pub fn parse(raw: &str) -> Result<Handle, HandleError> {
        let nfkc: String = raw.nfkc().collect();
        if nfkc.chars().any(is_invisible) {
            return Err(HandleError::Invisible);
        }
        let display = nfkc.split_whitespace().collect::<Vec<_>>().join(" ");
        let length = display.chars().count();
        if length == 0 {
            return Err(HandleError::Empty);
        }
        if length > MAX_HANDLE_CHARS {
            return Err(HandleError::TooLong);
        }
        if looks_like_staff(&display) {
            return Err(HandleError::LooksLikeStaff);
        }
        let key = fold(&display);
        // A handle of only punctuation folds to nothing and could not be told apart.
        if key.is_empty() {
            return Err(HandleError::Empty);
        }
        Ok(Handle { display, key })
    }

    /// A staff member's handle: their name (normalised and checked like any handle, except
    /// that staff words are theirs to use), then their title in brackets — "ひかり（ファシリテーター）".
    /// Participants' handles may not contain a title, so this one cannot be imitated.
    pub fn staff(name: &str, title: &str) -> Result<Handle, HandleError> {
        let nfkc: String = name.nfkc().collect();
        if nfkc.chars().any(is_invisible) {
            return Err(HandleError::Invisible);
        }
        let name = nfkc.split_whitespace().collect::<Vec<_>>().join(" ");
        if fold(&name).is_empty() {
            return Err(HandleError::Empty);
        }
        if name.chars().count() > MAX_STAFF_NAME_CHARS {
            return Err(HandleError::TooLong);
        }
        let display = format!("{name}（{title}）");
        let key = fold(&display);
        Ok(Handle { display, key })
    }

    /// Wraps a handle the server generated from its own word lists (they are checked by tests
    /// to pass [`Handle::parse`]).
    pub fn generated(display: String) -> Handle {
        let key = fold(&display);
        Handle { display, key }
    }

    /// What others see.
    pub fn as_str(&self) -> &str {
        &self.display
    }

    /// The comparison form: two handles with the same key are the same name for a reader.
    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn into_string(self) -> String {
        self.display
    }
}

/// True when `text` contains a staff or service name, however it is spelled.
pub fn looks_like_staff(text: &str) -> bool {
    let folded = fold_lookalikes(text);
    let spelled = STAFF_MATCHER
        .as_ref()
        .is_some_and(|matcher| matcher.is_match(&folded));
    spelled
        || STAFF_SHAPES
            .as_ref()
            .is_some_and(|matcher| matcher.is_match(&shape(text)))
}

/// Control characters and the zero-width and bidirectional marks that let two handles look
/// identical or reorder what a reader sees.
fn is_invisible(c: char) -> bool {
    // White space is handled by trimming and collapsing, not refused.
    if c.is_whitespace() {
        return matches!(
            c,
            '\n' | '\r' | '\t' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
        );
    }
    c.is_control()
        || matches!(c,
            '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
            | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
            | '\u{ffa0}' | '\u{fff0}'..='\u{fffb}' | '\u{e0000}'..='\u{e0fff}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_matcher_builds() {
        assert!(STAFF_MATCHER.is_some());
    }

    #[test]
    fn plain_handles_pass_normalised() {
        assert_eq!(Handle::parse("  たろう ").unwrap().as_str(), "たろう");
        assert_eq!(Handle::parse("Ｔａｒｏ").unwrap().as_str(), "Taro");
        assert_eq!(
            Handle::parse("しずか　な  ねこ").unwrap().as_str(),
            "しずか な ねこ"
        );
        assert_eq!(Handle::parse("ｶﾜｾﾐ").unwrap().as_str(), "カワセミ");
        assert_eq!(Handle::parse("夜型🌙").unwrap().as_str(), "夜型🌙");
    }

    #[test]
    fn length_is_counted_in_characters_after_normalisation() {
        assert!(Handle::parse(&"あ".repeat(20)).is_ok());
        assert_eq!(Handle::parse(&"あ".repeat(21)), Err(HandleError::TooLong));
        // Twenty full-width letters are twenty characters, not sixty bytes.
        assert!(Handle::parse(&"Ａ".repeat(20)).is_ok());
    }

    #[test]
    fn empty_and_blank_are_refused() {
        assert_eq!(Handle::parse(""), Err(HandleError::Empty));
        assert_eq!(Handle::parse("   "), Err(HandleError::Empty));
        assert_eq!(Handle::parse("\u{3000}\u{3000}"), Err(HandleError::Empty));
        assert_eq!(Handle::parse("..."), Err(HandleError::Empty));
    }

    #[test]
    fn invisible_characters_are_refused() {
        for bad in [
            "ta\u{200b}ro",
            "\u{202e}orat",
            "taro\n",
            "ta\u{0}ro",
            "\u{feff}taro",
        ] {
            assert_eq!(Handle::parse(bad), Err(HandleError::Invisible), "{bad:?}");
        }
    }

    #[test]
    fn staff_handles_carry_a_title_nobody_else_may_use() {
        let staff = Handle::staff(" ひかり ", "ファシリテーター").unwrap();
        assert_eq!(staff.as_str(), "ひかり（ファシリテーター）");
        assert_eq!(
            Handle::parse(staff.as_str()),
            Err(HandleError::LooksLikeStaff)
        );
        assert_eq!(Handle::staff("", "相談員"), Err(HandleError::Empty));
        assert_eq!(
            Handle::staff("とても長い名前のスタッフさんです", "相談員"),
            Err(HandleError::TooLong)
        );
        assert_eq!(
            Handle::staff("ひ\u{200b}かり", "相談員"),
            Err(HandleError::Invisible)
        );
    }

    #[test]
    fn staff_names_are_refused_however_spelled() {
        for bad in [
            "相談員",
            "相談員の田中",
            "ソウダンイン",
            "ｿｳﾀﾞﾝｲﾝ",
            "moderator",
            "Ｍｏｄｅｒａｔｏｒ",
            "m0d3rat0r",
            "Adm1n",
            "a d m i n",
            "運営スタッフ",
            "公式",
            "Ibasho",
            "カウンセラー",
        ] {
            assert_eq!(
                Handle::parse(bad),
                Err(HandleError::LooksLikeStaff),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn staff_names_in_look_alike_letters_of_other_scripts_are_refused() {
        for bad in [
            "\u{0455}taff",        // Cyrillic dze
            "st\u{0430}ff",        // Cyrillic a
            "c\u{03bf}unselor",    // Greek omicron
            "\u{1d5ee}dmin",       // mathematical sans-serif a
            "\u{0430}dm\u{0456}n", // Cyrillic a and i
            "supervi\u{0455}or",
            "相談員\u{ff0e}",
            "カウンセラ\u{4e00}", // a kanji one for the long vowel mark
        ] {
            assert_eq!(
                Handle::parse(bad),
                Err(HandleError::LooksLikeStaff),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn everyday_handles_are_not_taken_for_staff_by_their_shape() {
        for fine in [
            "しずかなカワセミ",
            "ロココ",
            "口笛",
            "工作すき",
            "ニコ",
            "へいわ",
            "ヘリコプター",
            "mori",
            "rnaru",
            "Sasha",
            "Сергей",
            "たなかさんのファン",
            "夜ふかしのネコ",
            "コーヒー党",
        ] {
            assert!(Handle::parse(fine).is_ok(), "{fine:?}");
        }
    }

    #[test]
    fn keys_fold_lookalike_spellings_together() {
        let a = Handle::parse("カワセミ").unwrap();
        let b = Handle::parse("かわせみ").unwrap();
        let c = Handle::parse("ｶﾜｾﾐ").unwrap();
        assert_eq!(a.key(), b.key());
        assert_eq!(a.key(), c.key());
        assert_eq!(
            Handle::parse("Taro").unwrap().key(),
            Handle::parse("TARO").unwrap().key()
        );
        assert_ne!(
            Handle::parse("taro1").unwrap().key(),
            Handle::parse("taroi").unwrap().key()
        );
    }
}
