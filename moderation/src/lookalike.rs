//! Look-alike spellings of listed words: the swaps people make to get a word past a filter
//! (氏ね, ４ね, タヒね and しね for 死ね). Each swap is applied to listed words only, never to
//! every message, so that 「むかしね」 does not become 「むか死ね」.

/// Swaps, in matching form (hiragana, lower case, NFKC): a written part and what else is
/// written for it. Read both ways: a listed word with either side gets the other.
const SWAPS: &[(&str, &[&str])] = &[
    ("死", &["し", "氏", "4", "たひ"]),
    ("殺", &["ころ"]),
    ("馬鹿", &["ばか", "ばーか"]),
    ("糞", &["くそ"]),
    ("野郎", &["やろう"]),
    ("消", &["き"]),
    ("首吊", &["くびつ", "首つ"]),
    ("自殺", &["じさつ", "じ殺"]),
    ("障害", &["しょうがい", "障がい", "しょーがい"]),
    ("気持ち悪", &["きもちわる", "きも"]),
];

/// The most spellings one listed word expands to (a word with many swappable parts).
const MAX_SPELLINGS: usize = 32;

/// `word` (in matching form) and its look-alike spellings, each with whether it is a
/// look-alike (true) or the word as listed (false).
pub fn spellings(word: &str) -> Vec<(String, bool)> {
    let mut all = vec![(word.to_owned(), false)];
    for (canonical, others) in SWAPS {
        let forms: Vec<String> = std::iter::once(*canonical)
            .chain(others.iter().copied())
            .map(|form| crate::matching::matching_form(form).text)
            .collect();
        let mut added = Vec::new();
        for (spelling, _) in &all {
            for from in &forms {
                if from.is_empty() || !spelling.contains(from.as_str()) {
                    continue;
                }
                for to in &forms {
                    if to != from {
                        added.push((spelling.replace(from.as_str(), to), true));
                    }
                }
            }
        }
        for spelling in added {
            if all.len() >= MAX_SPELLINGS {
                break;
            }
            if !all.iter().any(|(known, _)| *known == spelling.0) {
                all.push(spelling);
            }
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(word: &str) -> Vec<String> {
        spellings(word).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn a_listed_word_gets_its_look_alikes() {
        let forms = written("死ね");
        for expected in ["死ね", "しね", "氏ね", "4ね", "たひね"] {
            assert!(
                forms.contains(&expected.to_owned()),
                "{expected} in {forms:?}"
            );
        }
        assert_eq!(spellings("死ね")[0], ("死ね".to_owned(), false));
        assert!(
            spellings("死ね")[1..]
                .iter()
                .all(|(_, lookalike)| *lookalike)
        );
    }

    #[test]
    fn swaps_read_both_ways_and_stay_bounded() {
        assert!(written("ばか").contains(&"馬鹿".to_owned()));
        assert_eq!(written("こんにちは"), ["こんにちは"]);
        assert!(spellings("死死死死死死死死").len() <= MAX_SPELLINGS);
    }
}
