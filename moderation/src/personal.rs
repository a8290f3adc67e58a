//! Personal information in a message: what would let someone find a person (phone numbers,
//! e-mail, SNS ids, postal codes, street addresses, links). Anonymity is what protects people
//! here, so a message with any of it is held back until its writer confirms (or refused, as a
//! room decides). Only the *kinds* found leave this module, never the text.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::{Regex, RegexSet};
use serde::{Deserialize, Serialize};

/// A kind of personal information: the wire's own type, since only kinds leave here.
pub use ibasho_protocol::PersonalInfoKind;

/// What a room does with a message that has personal information (catalogue
/// `personal_info`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalInfoMode {
    /// Refused until sent again with `confirm_personal_info` (the default).
    #[default]
    Confirm,
    /// Always refused.
    Block,
    /// Not checked.
    Allow,
}

/// Regexes are compiled once; every pattern here is a constant known to compile (a test
/// compiles each), so a failure would be a build defect, not a runtime condition.
fn compile(pattern: &str) -> Regex {
    Regex::new(pattern).unwrap_or_else(|error| unreachable!("pattern {pattern}: {error}"))
}

/// A run that may be a phone number: a leading 0 or +81, then digits and separators.
const PHONE_PATTERN: &str = r"(?:\+\s*81|0)[\d\s\-().]{7,20}\d";
static PHONE: LazyLock<Regex> = LazyLock::new(|| compile(PHONE_PATTERN));
/// Numbers that are not phone numbers when these words come just before them.
static NOT_A_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(注文|オーダー|order|伝票|追跡|tracking|会員|受付|予約|問い合わせ|荷物|品番|型番|シリアル|serial)[^\d]{0,10}$",
    )
});
const EMAIL_PATTERN: &str = r"(?i)[a-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\]|あっと|アット)\s*[a-z0-9\-]+(?:\s*(?:\.|\(dot\)|\[dot\]|ドット|どっと)\s*[a-z0-9\-]+)+";
static EMAIL: LazyLock<Regex> = LazyLock::new(|| compile(EMAIL_PATTERN));
const URL_PATTERN: &str = r"(?i)(?:https?://|www\.)\S+|(?-u:\b)[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:com|net|org|jp|io|me|info|biz|co|ly|gl|app|dev|xyz|link|tv|to|cc|page|site)(?-u:\b)(?:/\S*)?";
static URL: LazyLock<Regex> = LazyLock::new(|| compile(URL_PATTERN));
/// An SNS name followed by an id: after a colon anything id-like, otherwise an id with a
/// digit or an underscore in it ("my line is busy" is not an id, "discord is sora_1234" is).
const SNS_ID_PATTERN: &str = r"(?i)(?:(?:^|[^a-z0-9])(?:line|twitter|insta(?:gram)?|tiktok|discord|skype|kakao|snapchat|threads|x|id)(?-u:\b)|ライン|らいん|ツイッター|ついったー|インスタ|いんすた|ティックトック|ディスコ(?:ード)?|カカオ)(?:\s*の?\s*(?:id|ＩＤ|アカウント|account)(?-u:\b))?\s*(?:[:：=→]\s*@?[a-z0-9._\-]{3,}|(?:は|です|is)?\s*@?(?:[a-z][a-z0-9.\-]*[0-9_][a-z0-9._\-]*|[0-9_][a-z0-9._\-]{3,}))|(?:^|[^a-z0-9._%+\-])@[a-z0-9_]{3,15}(?-u:\b)";
static SNS_ID: LazyLock<Regex> = LazyLock::new(|| compile(SNS_ID_PATTERN));
/// 〒 and a code, 郵便番号 and a code, or a bare 123-4567 that is not an amount or a count.
const POSTAL_CODE_PATTERN: &str = r"〒\s*\d{3}\s*-?\s*\d{4}|郵便番号\D{0,4}\d{3}-?\d{4}|(?:^|[^\d\-])\d{3}-\d{4}(?:[^\d\-円人件個回年枚本冊万]|$)";
static POSTAL_CODE: LazyLock<Regex> = LazyLock::new(|| compile(POSTAL_CODE_PATTERN));
/// 丁目, 番地, 番…号, or a block number written 4-1-1 right after a place name.
const ADDRESS_PATTERN: &str = r"\d+\s*丁目|\d+\s*番地|\d+\s*番\s*\d+\s*号|[\p{Han}\p{Hiragana}\p{Katakana}]\s*\d{1,2}-\d{1,3}-\d{1,4}(?:[^\d\-]|$)";
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| compile(ADDRESS_PATTERN));

/// How far before the first ASCII letter or digit a pattern may begin (an SNS name and
/// 「のアカウント」, 郵便番号 and a few words, 〒).
const LEAD_IN_BYTES: usize = 48;

/// Every pattern at once, in one pass over the text: most messages have none, and then
/// this is all that runs.
static ANY: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        PHONE_PATTERN,
        EMAIL_PATTERN,
        URL_PATTERN,
        SNS_ID_PATTERN,
        POSTAL_CODE_PATTERN,
        ADDRESS_PATTERN,
    ])
    .unwrap_or_else(|error| unreachable!("the patterns compile (a test compiles each): {error}"))
});

/// The kinds of personal information in `text`, each once, in a fixed order.
pub fn find(text: &str) -> Vec<PersonalInfoKind> {
    find_normal(&crate::matching::nfkc(text))
}

/// [`find`] for text already in NFKC.
pub fn find_normal(normal: &str) -> Vec<PersonalInfoKind> {
    let text = plain(normal);
    let mut kinds = Vec::new();
    // Every pattern needs an ASCII letter or digit (numerals are digits by now) or an @:
    // none, and there is nothing to find. Otherwise the search starts a little before the
    // first, leaving room for the words that lead up to it (「ティックトックのアカウント」).
    let Some(first) = text
        .bytes()
        .position(|b| b.is_ascii_alphanumeric() || b == b'@')
    else {
        return kinds;
    };
    let mut start = first.saturating_sub(LEAD_IN_BYTES);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let any = ANY.matches_at(&text, start);
    if !any.matched_any() {
        return kinds;
    }
    let has_digit = any.matched(0) || any.matched(4) || any.matched(5);
    let has_latin = any.matched(1) || any.matched(2) || any.matched(3);
    if has_digit && has_phone(&text) {
        kinds.push(PersonalInfoKind::Phone);
    }
    let emails: Vec<(usize, usize)> = if has_latin {
        EMAIL
            .find_iter(&text)
            .map(|m| (m.start(), m.end()))
            .collect()
    } else {
        Vec::new()
    };
    if !emails.is_empty() {
        kinds.push(PersonalInfoKind::Email);
    }
    let outside_emails =
        |start: usize, end: usize| !emails.iter().any(|(s, e)| *s <= start && end <= *e);
    if has_latin
        && SNS_ID
            .find_iter(&text)
            .any(|m| outside_emails(m.start(), m.end()))
    {
        kinds.push(PersonalInfoKind::SnsId);
    }
    if has_digit && POSTAL_CODE.is_match(&text) {
        kinds.push(PersonalInfoKind::PostalCode);
    }
    if has_digit && ADDRESS.is_match(&text) {
        kinds.push(PersonalInfoKind::Address);
    }
    if has_latin
        && URL
            .find_iter(&text)
            .any(|m| outside_emails(m.start(), m.end()))
    {
        kinds.push(PersonalInfoKind::Url);
    }
    kinds
}

/// Whether a run of digits reads as a Japanese phone number: 10 or 11 digits from a leading
/// 0 (landline, mobile, 0120), or 9 or 10 after +81, not inside a longer number and not an
/// order or tracking number.
fn has_phone(text: &str) -> bool {
    PHONE.find_iter(text).any(|found| {
        let before = &text[..found.start()];
        let after = &text[found.end()..];
        if before.ends_with(|c: char| c.is_ascii_digit())
            || after.starts_with(|c: char| c.is_ascii_digit())
            || NOT_A_PHONE.is_match(before)
        {
            return false;
        }
        let written = found.as_str();
        let digits = written.chars().filter(char::is_ascii_digit).count();
        if written.starts_with('+') {
            (11..=12).contains(&digits)
        } else {
            (10..=11).contains(&digits)
        }
    })
}

/// NFKC with Japanese numerals read as digits and every dash between digits read as '-'
/// (the long-vowel mark too, which people type for a hyphen: ０９０ー…), for the patterns.
fn plain(normal: &str) -> Cow<'_, str> {
    let numeral = |c: char| match c {
        '〇' | '零' => Some('0'),
        '一' => Some('1'),
        '二' => Some('2'),
        '三' => Some('3'),
        '四' => Some('4'),
        '五' => Some('5'),
        '六' => Some('6'),
        '七' => Some('7'),
        '八' => Some('8'),
        '九' => Some('9'),
        _ => None,
    };
    let dash = |c: char| {
        matches!(
            c,
            '‐' | '‑' | '‒' | '–' | '—' | '―' | '−' | '－' | 'ー' | 'ｰ'
        )
    };
    // Most text has nothing to map (ゲーム's ー is a long vowel, not a dash): keep it.
    let mut after_digit = false;
    let nothing_to_map = normal.chars().all(|c| {
        let long_vowel = matches!(c, 'ー' | 'ｰ');
        let keep = numeral(c).is_none() && (!dash(c) || (long_vowel && !after_digit));
        after_digit = c.is_ascii_digit();
        keep
    });
    if nothing_to_map {
        return Cow::Borrowed(normal);
    }
    let mut out = String::with_capacity(normal.len());
    for c in normal.chars() {
        let c = match c {
            'ー' | 'ｰ' if !out.ends_with(|c: char| c.is_ascii_digit()) => c,
            c if dash(c) => '-',
            c => numeral(c).unwrap_or(c),
        };
        out.push(c);
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use PersonalInfoKind::*;

    #[test]
    fn each_kind_is_found() {
        let cases: &[(&str, &[PersonalInfoKind])] = &[
            ("090-1234-5678に電話して", &[Phone]),
            ("０９０ １２３４ ５６７８", &[Phone]),
            ("〇九〇ー一二三四ー五六七八", &[Phone]),
            ("03-1234-5678", &[Phone]),
            ("0120-123-456", &[Phone]),
            ("+81 90 1234 5678", &[Phone]),
            ("09012345678", &[Phone]),
            ("mail: taro.yamada@example.com", &[Email]),
            ("taro (at) example (dot) com", &[Email]),
            ("LINEのIDは taro_1234 です", &[SnsId]),
            ("インスタ: hikari.photo", &[SnsId]),
            ("@hikari_22 でDMください", &[SnsId]),
            ("〒154-0004 です", &[PostalCode]),
            ("154-0004", &[PostalCode]),
            ("太子堂4丁目", &[Address]),
            ("三丁目のコンビニ", &[Address]),
            ("12番地", &[Address]),
            ("世田谷区太子堂4-1-1", &[Address]),
            ("my discord is sora_1234", &[SnsId]),
            ("LINE: kaze", &[SnsId]),
            ("https://example.com/me", &[Url]),
            ("example.jp を見て", &[Url]),
        ];
        for (text, kinds) in cases {
            assert_eq!(find(text), *kinds, "{text}");
        }
    }

    #[test]
    fn numbers_that_are_not_personal_pass() {
        for text in [
            "注文番号 0123456789 が届かない",
            "2026年12月5日",
            "1234567890",
            "10時から12時まで",
            "3人で話しました",
            "今日は1日ねてた",
            "LINEで話すのは苦手",
            "IDとパスワードを忘れた",
            "I mostly talk to people online",
            "my line is busy",
            "the discord server was quiet",
            "xbox360で遊んだ",
            "都合が悪くて2-3日休みます",
            "500-1000円くらい",
            "一人で行った",
            "",
        ] {
            assert_eq!(find(text), [], "{text}");
        }
    }
}
