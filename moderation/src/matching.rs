//! The matching form of a message: what word lists, crisis language and repetition compare,
//! so that the ways people write a word, and the ways they dodge a filter, read as one.
//!
//! Beyond [`crate::fold::fold`] (NFKC, case, katakana → hiragana) it drops every separator
//! people insert between letters (spaces, ・, punctuation, symbols, zero-width characters),
//! drops long-vowel marks and the vowels that only lengthen the one before (ばかやろー,
//! ばかやろう and ばかやろお are one word), and collapses a letter repeated in a run
//! (しねええええ). It also remembers where a separator stood, because a look-alike spelling is
//! only trusted at the start of a word (see `filter`).

use std::borrow::Cow;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Text in matching form, with where words may start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matching {
    /// The folded characters, as a string (what the automata search).
    pub text: String,
    /// The byte offsets of `text` (after the first) where a separator stood right before the
    /// character in what was written, in order.
    separated: Vec<u32>,
    /// Holds characters other than ASCII, kana and common kanji (see `refold`).
    exotic: bool,
    /// What was written had digits or symbols that stand in for letters (see [`leet_form`]).
    pub leet: bool,
}

impl Matching {
    fn separated_at(&self, at: usize) -> bool {
        u32::try_from(at).is_ok_and(|at| self.separated.binary_search(&at).is_ok())
    }

    /// Whether a match beginning at byte `at` stands at the start of what was written or
    /// right after a separator (a space, punctuation, a symbol): where an ambiguous spelling
    /// is trusted (「しね」 on its own, not わたしね, 推しね or 少しね).
    pub fn after_separator(&self, at: usize) -> bool {
        at == 0 || self.separated_at(at)
    }

    /// Whether a match ending at byte `end` stands at the end of what was written, before a
    /// separator, or before a sentence-final particle (しねよ, しねば, しねっ).
    pub fn before_separator(&self, end: usize) -> bool {
        end >= self.text.len()
            || self.separated_at(end)
            || self.text[end..]
                .chars()
                .next()
                .is_some_and(|c| matches!(c, 'よ' | 'や' | 'ば' | 'っ' | 'わ' | 'な'))
    }

    /// Whether a match beginning at byte `at` begins a Latin word (`stfu` is not in
    /// "most fun", `moron` not in "oxymoron").
    pub fn latin_start(&self, at: usize) -> bool {
        self.after_separator(at)
            || !self.text[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_alphanumeric())
    }

    /// Whether a match ending at byte `end` ends a Latin word (`kys` is not in
    /// "skyscraper").
    pub fn latin_end(&self, end: usize) -> bool {
        end >= self.text.len()
            || self.separated_at(end)
            || !self.text[end..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
    }
}

/// Folds `text` into its matching form.
pub fn matching_form(text: &str) -> Matching {
    fold_with(text, |c| c)
}

/// [`matching_form`] of text already in NFKC (see [`nfkc`]): for callers that need the
/// NFKC text too, so that it is made once.
pub fn matching_form_of_normal(normal: &str) -> Matching {
    let once = fold_normal(normal, |c| c);
    refold(once, |c| c)
}

/// The matching form with digits and symbols read as the letters they stand in for
/// (`1d10t`, `$tupid`): searched besides the plain form when a message has any of them.
/// Digits alone are read from the plain form (cheap: one byte for one byte); only a
/// message with `@ $ ! | +` is folded again.
pub fn leet_of(text: &str, plain: &Matching) -> Matching {
    let symbols = text
        .bytes()
        .any(|b| matches!(b, b'@' | b'$' | b'!' | b'|' | b'+'))
        || (text.as_bytes().contains(&0xef) && text.contains(['＠', '＄', '！', '｜', '＋']));
    if symbols {
        return leet_form(text);
    }
    let text = plain
        .text
        .chars()
        .map(|c| match c {
            '0' => 'o',
            '1' => 'i',
            '3' => 'e',
            '4' => 'a',
            '5' => 's',
            '7' => 't',
            c => c,
        })
        .collect();
    Matching {
        text,
        separated: plain.separated.clone(),
        exotic: plain.exotic,
        leet: true,
    }
}

/// The matching form with digits and symbols read as letters, folded from the text.
pub fn leet_form(text: &str) -> Matching {
    fold_with(text, |c| match c {
        '0' => 'o',
        '1' | '!' | '|' => 'i',
        '3' => 'e',
        '4' | '@' => 'a',
        '5' | '$' => 's',
        '7' | '+' => 't',
        c => c,
    })
}

/// Folds until nothing changes: dropping a separator can bring a combining mark next to
/// what it combines with (rare: Tamil vowel signs, kana with a separate voicing mark), and
/// the matching form of a matching form must be itself.
fn fold_with(text: &str, read: impl Fn(char) -> char + Copy) -> Matching {
    refold(fold_once(text, read), read)
}

fn refold(mut matching: Matching, read: impl Fn(char) -> char + Copy) -> Matching {
    for _ in 0..4 {
        if !matching.exotic || matches!(nfkc(&matching.text), Cow::Borrowed(_)) {
            break;
        }
        let again = fold_once(&matching.text, read);
        if again.text == matching.text {
            break;
        }
        matching = Matching {
            separated: again
                .text
                .char_indices()
                .filter_map(|(at, _)| u32::try_from(at).ok())
                .collect(),
            exotic: again.exotic,
            leet: matching.leet || again.leet,
            text: again.text,
        };
    }
    matching
}

fn fold_once(text: &str, read: impl Fn(char) -> char + Copy) -> Matching {
    fold_normal(&nfkc(text), read)
}

/// One pass over text already in NFKC.
fn fold_normal(text: &str, read: impl Fn(char) -> char + Copy) -> Matching {
    let mut out = String::with_capacity(text.len());
    let mut separated_at = Vec::new();
    let mut separated = true;
    let mut last: Option<char> = None;
    // Whether anything but ASCII, kana and common kanji was kept: only then can the result
    // need folding again (see `refold`).
    let mut exotic = false;
    let mut take = |c: char| {
        let c = match c {
            // Hiragana and kanji: nothing to read or map.
            'ぁ'..='ゖ' | '\u{4e00}'..='\u{9fff}' => c,
            c => katakana_to_hiragana(read(c)),
        };
        if is_lengthening(c) {
            return;
        }
        if !is_letter_or_digit(c) {
            separated = true;
            return;
        }
        if let Some(prev) = last
            && (prev == c || lengthens(prev, c))
        {
            return;
        }
        if separated && !out.is_empty() {
            separated_at.push(u32::try_from(out.len()).unwrap_or(u32::MAX));
        }
        exotic |= !matches!(c, '\u{0}'..='\u{7f}' | 'ぁ'..='ゖ' | '\u{4e00}'..='\u{9fff}');
        out.push(c);
        separated = false;
        last = Some(c);
    };
    let mut leet = false;
    for c in text.chars() {
        // Lower case, with the scripts that have none (kana, kanji) passed straight through.
        match c {
            '\u{0}'..='\u{7f}' => {
                leet |= matches!(
                    c,
                    '0' | '1' | '3' | '4' | '5' | '7' | '!' | '|' | '@' | '$' | '+'
                );
                take(c.to_ascii_lowercase());
            }
            '\u{3000}'..='\u{9fff}' => take(c),
            c => c.to_lowercase().for_each(&mut take),
        }
    }
    Matching {
        text: out,
        separated: separated_at,
        exotic,
        leet,
    }
}

/// Whether `c` is a letter or a digit, answered at once for kana and common kanji.
fn is_letter_or_digit(c: char) -> bool {
    match c {
        'ぁ'..='ゖ' | 'ァ'..='ヺ' | '\u{4e00}'..='\u{9fff}' | '々' | '〆' | '〇' => true,
        // Japanese punctuation and brackets.
        '\u{3000}'..='\u{303f}' => false,
        c if c.is_ascii() => c.is_ascii_alphanumeric(),
        c => c.is_alphanumeric(),
    }
}

/// `text` in NFKC. Most text here is already in it, or needs only the full-width forms of
/// ASCII mapped (！, ？, ３): those are done by hand, far faster than the library's check;
/// anything else (half-width kana, compatibility characters) takes the library's way.
pub fn nfkc(text: &str) -> Cow<'_, str> {
    let mut mapped = false;
    for c in text.chars() {
        match c {
            '\u{0}'..='\u{7f}'
            | '\u{3001}'..='\u{3003}'
            | '\u{3005}'..='\u{3007}'
            | '\u{300c}'..='\u{300f}'
            | 'ぁ'..='ゖ'
            | 'ァ'..='ヺ'
            | 'ー'
            | '\u{4e00}'..='\u{9fff}' => {}
            '\u{3000}' | '\u{ff01}'..='\u{ff5e}' => mapped = true,
            _ => {
                return if is_nfkc_quick(text.chars()) == IsNormalized::Yes {
                    Cow::Borrowed(text)
                } else {
                    Cow::Owned(text.nfkc().collect())
                };
            }
        }
    }
    if !mapped {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                '\u{3000}' => ' ',
                '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
                c => c,
            })
            .collect(),
    )
}

/// Marks that only draw out the sound before them.
fn is_lengthening(c: char) -> bool {
    matches!(c, 'ー' | '〜' | '～' | '~' | 'ｰ' | '－')
}

/// Whether the vowel `c` after the kana `prev` only lengthens it (ろう, ねえ, かあ). Never
/// い: it is part of too many words (嬉しい would read as 嬉しね).
fn lengthens(prev: char, c: char) -> bool {
    // The vowel first: most characters are not one, and then the row is never looked up.
    let rows: &[char] = match c {
        'あ' | 'ぁ' => &['a'],
        'う' | 'ぅ' => &['u', 'o'],
        'え' | 'ぇ' => &['e'],
        'お' | 'ぉ' => &['o'],
        _ => return false,
    };
    vowel_of(prev).is_some_and(|row| rows.contains(&row))
}

/// The vowel a hiragana syllable ends in (a `match`, not a search: this runs for every
/// character of every message).
fn vowel_of(c: char) -> Option<char> {
    Some(match c {
        'あ' | 'か' | 'さ' | 'た' | 'な' | 'は' | 'ま' | 'や' | 'ら' | 'わ' | 'が' | 'ざ'
        | 'だ' | 'ば' | 'ぱ' | 'ぁ' | 'ゃ' | 'ゎ' => 'a',
        'い' | 'き' | 'し' | 'ち' | 'に' | 'ひ' | 'み' | 'り' | 'ぎ' | 'じ' | 'ぢ' | 'び'
        | 'ぴ' | 'ぃ' => 'i',
        'う' | 'く' | 'す' | 'つ' | 'ぬ' | 'ふ' | 'む' | 'ゆ' | 'る' | 'ぐ' | 'ず' | 'づ'
        | 'ぶ' | 'ぷ' | 'ぅ' | 'ゅ' | 'っ' => 'u',
        'え' | 'け' | 'せ' | 'て' | 'ね' | 'へ' | 'め' | 'れ' | 'げ' | 'ぜ' | 'で' | 'べ'
        | 'ぺ' | 'ぇ' => 'e',
        'お' | 'こ' | 'そ' | 'と' | 'の' | 'ほ' | 'も' | 'よ' | 'ろ' | 'を' | 'ご' | 'ぞ'
        | 'ど' | 'ぼ' | 'ぽ' | 'ぉ' | 'ょ' => 'o',
        _ => return None,
    })
}

/// Maps the katakana block onto hiragana (ア → あ); other characters pass unchanged.
pub(crate) fn katakana_to_hiragana(c: char) -> char {
    match c {
        'ァ'..='ヶ' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(text: &str) -> String {
        matching_form(text).text
    }

    #[test]
    fn the_ways_of_writing_one_word_meet() {
        for written in [
            "ばかやろう",
            "バカヤロウ",
            "ﾊﾞｶﾔﾛｳ",
            "ば か や ろ う",
            "ば・か・や・ろ・う",
            "ばかやろー",
            "ばかやろ〜〜",
            "ば\u{200b}か\u{200b}や\u{200b}ろ\u{200b}う",
            "ばかやろおおお",
        ] {
            assert_eq!(form(written), "ばかやろ", "{written}");
        }
        assert_eq!(form("I.D.I.O.T"), form("idiot"));
        assert_eq!(form("ＩＤＩＯＴ"), form("idiot"));
        assert_eq!(form("しねええええ"), "しね");
    }

    #[test]
    fn separators_and_latin_words_are_remembered() {
        let m = matching_form("お前しね");
        assert!(!m.after_separator(m.text.find('し').unwrap()));
        let m = matching_form("もう しねよ");
        let at = m.text.find('し').unwrap();
        assert!(m.after_separator(at));
        assert!(m.before_separator(at + "しね".len()));
        let m = matching_form("しねこん");
        assert!(!m.before_separator("しね".len()));
        let m = matching_form("most fun");
        assert!(!m.latin_start(m.text.find("stfu").unwrap()));
        let m = matching_form("so, stfu!");
        let at = m.text.find("stfu").unwrap();
        assert!(m.latin_start(at) && m.latin_end(at + 4));
        let m = matching_form("skyscraper");
        assert!(!m.latin_end(m.text.find("kys").unwrap() + 3));
        assert!(matching_form("").after_separator(0));
    }
}
