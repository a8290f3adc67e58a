//! A comparison form of text: two strings that a reader would take for the same name fold to
//! the same string. Used for handle uniqueness and for spotting staff look-alikes; never shown.

use unicode_normalization::UnicodeNormalization;

/// Folds `text` for comparison: NFKC (full-width → ASCII, half-width kana → full-width),
/// lower case, katakana → hiragana, and every character that is not a letter or digit dropped
/// (spaces, punctuation, symbols, the long-vowel mark stays because it carries sound).
pub fn fold(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter_map(|c| {
            if c == 'ー' {
                Some(c)
            } else if c.is_alphanumeric() {
                Some(katakana_to_hiragana(c))
            } else {
                None
            }
        })
        .collect()
}

/// Like [`fold`], and also reads digits and symbols that stand in for letters (`adm1n`,
/// `m0derat0r`, `$taff`) as those letters. Only for spotting impersonation: `taro1` and
/// `taroi` are different people, but `adm1n` is still "admin".
pub fn fold_lookalikes(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            '0' => Some('o'),
            '1' | '!' | '|' => Some('i'),
            '3' => Some('e'),
            '4' | '@' => Some('a'),
            '5' | '$' => Some('s'),
            '7' | '+' => Some('t'),
            'ー' => Some(c),
            c if c.is_alphanumeric() => Some(katakana_to_hiragana(c)),
            _ => None,
        })
        .collect()
}

/// Maps the katakana block onto hiragana (ア → あ); other characters pass unchanged.
fn katakana_to_hiragana(c: char) -> char {
    match c {
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn width_case_and_kana_fold_together() {
        assert_eq!(fold("Ｔａｒｏ"), "taro");
        assert_eq!(fold("ソウダンイン"), "そうだんいん");
        assert_eq!(fold("ｿｳﾀﾞﾝｲﾝ"), "そうだんいん");
        assert_eq!(fold("しずかな カワセミ"), "しずかなかわせみ");
        assert_eq!(fold("スーパー"), "すーぱー");
    }

    #[test]
    fn punctuation_and_spaces_are_dropped() {
        assert_eq!(fold("a.d-m i_n!"), "admin");
        assert_eq!(fold("　たろう　"), "たろう");
    }

    #[test]
    fn lookalikes_read_as_letters() {
        assert_eq!(fold_lookalikes("Adm1n"), "admin");
        assert_eq!(fold_lookalikes("m0d3rat0r"), "moderator");
        assert_eq!(fold_lookalikes("$taff"), "staff");
        assert_eq!(fold("taro1"), "taro1");
    }
}
