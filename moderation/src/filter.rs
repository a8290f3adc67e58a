//! Finding listed words in a message: every word in its matching form and its look-alike
//! spellings, in one automaton, with an allow list that keeps known false positives out.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::lookalike;
use crate::matching::{Matching, leet_of, matching_form, matching_form_of_normal, nfkc};

/// One rule with a word in a message (its index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub rule: usize,
}

/// One listed word found: its rule, and where it is in the plain matching form (`None` when
/// found only with digits read as letters).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub rule: usize,
    pub span: Option<(usize, usize)>,
}

/// A message's matching forms, folded once for every filter.
#[derive(Debug, Clone)]
pub struct Forms {
    pub plain: Matching,
    /// With digits and symbols read as letters, if the message has any.
    pub leet: Option<Matching>,
}

impl Forms {
    pub fn of(text: &str) -> Forms {
        Forms::of_normal(text, &nfkc(text))
    }

    /// The forms of `text`, given it in NFKC too (`normal`).
    pub fn of_normal(text: &str, normal: &str) -> Forms {
        let plain = matching_form_of_normal(normal);
        // Digits and symbols stand in for letters only among Latin letters (1d10t, $tupid):
        // Japanese text with ！ or 2 needs no second form.
        let latin = plain.text.bytes().any(|b| b.is_ascii_lowercase());
        let leet = (latin && plain.leet).then(|| leet_of(text, &plain));
        Forms { plain, leet }
    }
}

/// How ambiguous spellings are trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spellings {
    /// For lists that refuse messages, where a false positive silences someone: a look-alike
    /// spelling in hiragana or with a digit (しね, ４ね, タヒね for 死ね), and a listed word of
    /// three kana or fewer (ガイジ), count only between separators (わたしね, 推しね,
    /// シネコン and 息子がいじめ are not insults).
    Strict,
    /// Every spelling counts anywhere: for crisis language, where missing 「もうしにたい」 is
    /// worse than a support card shown once too often.
    Anywhere,
}

/// Where a pattern may match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bounds {
    Anywhere,
    /// Between separators (see [`Spellings::Strict`]).
    Separated,
    /// A Latin word: from a word's start (and to its end, for short ones).
    Latin {
        to_end: bool,
    },
}

#[derive(Debug, Clone, Copy)]
struct Pattern {
    rule: usize,
    bounds: Bounds,
}

impl Pattern {
    fn fits(&self, form: &Matching, start: usize, end: usize) -> bool {
        match self.bounds {
            Bounds::Anywhere => true,
            Bounds::Separated => form.after_separator(start) && form.before_separator(end),
            Bounds::Latin { to_end } => form.latin_start(start) && (!to_end || form.latin_end(end)),
        }
    }
}

/// Where a spelling of a listed word may match.
fn bounds(spelling: &str, lookalike: bool, spellings: Spellings) -> Bounds {
    if spelling.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Bounds::Latin {
            to_end: spelling.len() <= 4,
        };
    }
    let kana = |c: char| matches!(c, 'ぁ'..='ゖ');
    let ambiguous = if lookalike {
        spelling.chars().all(|c| kana(c) || c.is_ascii_digit())
    } else {
        spelling.chars().count() <= 3 && spelling.chars().all(kana)
    };
    if ambiguous && spellings == Spellings::Strict {
        Bounds::Separated
    } else {
        Bounds::Anywhere
    }
}

/// Listed words, compiled.
#[derive(Debug, Clone)]
pub struct Filter {
    words: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
    allow: Option<AhoCorasick>,
}

impl Filter {
    /// Compiles `rules` (each a list of words, as written) and the allow list.
    pub fn new<'a>(
        rules: impl IntoIterator<Item = &'a [String]>,
        allow: &[String],
        spellings: Spellings,
    ) -> Filter {
        let mut needles = Vec::new();
        let mut patterns = Vec::new();
        for (rule, words) in rules.into_iter().enumerate() {
            for word in words {
                let folded = matching_form(word).text;
                if folded.is_empty() {
                    continue;
                }
                for (spelling, lookalike) in lookalike::spellings(&folded) {
                    let bounds = bounds(&spelling, lookalike, spellings);
                    needles.push(spelling);
                    patterns.push(Pattern { rule, bounds });
                }
            }
        }
        let allowed: Vec<String> = allow
            .iter()
            .map(|word| matching_form(word).text)
            .filter(|word| !word.is_empty())
            .collect();
        Filter {
            words: automaton(&needles),
            patterns,
            allow: automaton(&allowed),
        }
    }

    /// The listed words in `text`, each rule at most once, in rule order.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut rules: Vec<usize> = self
            .find_in(&Forms::of(text))
            .iter()
            .map(|f| f.rule)
            .collect();
        rules.sort_unstable();
        rules.dedup();
        rules.into_iter().map(|rule| Hit { rule }).collect()
    }

    /// Every listed word found in a message's forms, with where (in the plain form).
    pub fn find_in(&self, forms: &Forms) -> Vec<Found> {
        let Some(words) = &self.words else {
            return Vec::new();
        };
        let mut found_all: Vec<Found> = Vec::new();
        let mut search = |form: &Matching, plain: bool| {
            // Looked for only once a listed word is found: most messages have none.
            let mut allowed: Option<Vec<(usize, usize)>> = None;
            for found in words.find_overlapping_iter(&form.text) {
                let pattern = self.patterns[found.pattern().as_usize()];
                if !pattern.fits(form, found.start(), found.end()) {
                    continue;
                }
                let allowed = allowed.get_or_insert_with(|| self.allowed_spans(&form.text));
                if allowed
                    .iter()
                    .any(|(start, end)| *start <= found.start() && found.end() <= *end)
                {
                    continue;
                }
                found_all.push(Found {
                    rule: pattern.rule,
                    span: plain.then_some((found.start(), found.end())),
                });
            }
        };
        search(&forms.plain, true);
        if let Some(leet) = &forms.leet {
            search(leet, false);
        }
        found_all
    }

    fn allowed_spans(&self, text: &str) -> Vec<(usize, usize)> {
        match &self.allow {
            Some(allow) => allow
                .find_overlapping_iter(text)
                .map(|found| (found.start(), found.end()))
                .collect(),
            None => Vec::new(),
        }
    }
}

fn automaton(needles: &[String]) -> Option<AhoCorasick> {
    if needles.is_empty() {
        return None;
    }
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .build(needles)
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> Vec<String> {
        list.iter().map(|word| (*word).to_owned()).collect()
    }

    fn filter(spellings: Spellings) -> Filter {
        let abuse = words(&["死ね", "ばかやろう", "idiot", "ちんこ"]);
        let spam = words(&["副業"]);
        Filter::new(
            [abuse.as_slice(), spam.as_slice()],
            &words(&["ぱちんこ", "少しね"]),
            spellings,
        )
    }

    #[test]
    fn listed_words_match_however_written() {
        let filter = filter(Spellings::Strict);
        for text in [
            "ば か や ろ う",
            "バカヤロウ",
            "ﾊﾞｶﾔﾛｳ",
            "この、ばかやろー！",
            "you 1d10t",
            "I・D・I・O・T",
            "死ね",
            "お前死ね",
            "氏ね",
            "４ね",
            "しね",
            "しねよ",
            "もう しね",
            "は？しね！",
            "タヒね",
        ] {
            assert_eq!(filter.find(text), [Hit { rule: 0 }], "{text}");
        }
        assert_eq!(
            filter.find("副業で死ね"),
            [Hit { rule: 0 }, Hit { rule: 1 }]
        );
    }

    #[test]
    fn look_alikes_inside_words_and_allowed_words_do_not() {
        let filter = filter(Spellings::Strict);
        for text in [
            "わたしね、今日は外に出たよ",
            "雨だしね",
            "もう少しね",
            "私の推しね、かわいいの",
            "それは嬉しいね",
            "シネコンに行った",
            "昔のぱちんこ屋",
            "2024ねん",
            "またひねった",
            "the most fun week",
            "an oxymoron",
            "",
        ] {
            assert_eq!(filter.find(text), [], "{text}");
        }
        assert_eq!(
            Filter::new([words(&["死ね"]).as_slice()], &[], Spellings::Anywhere).find("わたしね"),
            [Hit { rule: 0 }]
        );
    }
}
