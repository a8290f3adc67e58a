//! The corpus: real-looking lines, Japanese and English, with the verdict each must get
//! under the shipped word lists (`deploy/moderation.toml`) in a room with the defaults.
//!
//! `tests/corpus.tsv`: one line per case, `EXPECTED<TAB>text`; `#` starts a comment line.
//! EXPECTED is `ok`, or tokens joined by `+` in alphabetical order: `block:<reason>`,
//! `flag:<reason>`, `trial:<reason>`, `crisis`, `pi:<kind>[,<kind>…]` (kinds in the order
//! phone, email, sns_id, postal_code, address, url). A refused line has only its refusal
//! (and `crisis` if it has crisis language); a delivered one lists every alert.

use ibasho_moderation::{Alert, Moderator, Refusal, RoomRules, WordLists};

const SHIPPED: &str = include_str!("../../deploy/moderation.toml");
const CORPUS: &str = include_str!("corpus.tsv");

/// A verdict in the corpus's notation.
fn notation(moderator: &Moderator, text: &str) -> String {
    let verdict = moderator.judge(text, RoomRules::default(), false);
    let mut tokens: Vec<String> = match &verdict.refusal {
        Some(Refusal::Blocked { reason }) => vec![format!("block:{reason}")],
        Some(Refusal::PersonalInfo { kinds, .. }) => vec![format!(
            "pi:{}",
            kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(",")
        )],
        None => verdict
            .alerts
            .iter()
            .map(|alert| match alert {
                Alert::Flagged { reason } => format!("flag:{reason}"),
                Alert::Trial { reason } => format!("trial:{reason}"),
                Alert::Crisis => "crisis".to_owned(),
            })
            .collect(),
    };
    if verdict.crisis && !tokens.iter().any(|t| t == "crisis") {
        tokens.push("crisis".to_owned());
    }
    tokens.sort();
    tokens.dedup();
    if tokens.is_empty() {
        "ok".to_owned()
    } else {
        tokens.join("+")
    }
}

#[test]
fn every_corpus_line_gets_its_verdict() {
    let moderator = Moderator::new(&WordLists::from_toml(SHIPPED).unwrap());
    let mut cases = 0;
    let mut wrong = Vec::new();
    for (number, line) in CORPUS.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (expected, text) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("line {}: no tab", number + 1));
        cases += 1;
        let got = notation(&moderator, text);
        if got != expected {
            wrong.push(format!(
                "line {}: {text:?}: expected {expected}, got {got}",
                number + 1
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} wrong:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    assert!(cases >= 300, "the corpus has {cases} cases, fewer than 300");
}

#[test]
fn the_shipped_lists_read() {
    let lists = WordLists::from_toml(SHIPPED).unwrap();
    assert!(lists.rules.len() >= 5);
    assert!(lists.allow.words.iter().any(|word| word == "ぱちんこ"));
}
