//! Crisis language: words that say a person may be thinking of ending their life or hurting
//! themselves. Built in, whatever an operator's word lists say, because missing it is the
//! one mistake this service must not make. A message with it is delivered as written (never
//! blocked, never shamed); its writer alone is shown where help is, and staff are alerted.

use std::sync::LazyLock;

use crate::filter::{Filter, Forms, Spellings};

/// The phrases, as people write them; their look-alike spellings (しにたい, 氏にたい,
/// タヒにたい, 4にたい) and every matching-form variant are found too.
const PHRASES: &[&str] = &[
    // Japanese.
    "死にたい",
    "死にたく",
    "死のうかな",
    "死のうと思",
    "死んでしまいたい",
    "死んだほうがまし",
    "死んだ方がまし",
    "死んだ方が楽",
    "死ぬしかない",
    "死ぬつもり",
    "死に場所",
    "消えたい",
    "消えてなくなりたい",
    "死ねたら",
    "死ねない",
    "死ねばいい",
    "死ねればいい",
    "希死念慮",
    "自傷",
    "消えてしまいたい",
    "いなくなりたい",
    "居なくなりたい",
    "生きていたくない",
    "生きたくない",
    "生きてる意味ない",
    "生きる意味ない",
    "生きてたくない",
    "生きるのがつらい",
    "生きるのが辛い",
    "生きるのに疲れた",
    "生きる意味がない",
    "生まれてこなければ",
    "生きてる価値",
    "生きる価値がない",
    "生きてる意味がない",
    "自殺",
    "自死",
    "首吊り",
    "首をつ",
    "飛び降りたい",
    "飛び降りよう",
    "飛び込みたい",
    "リスカ",
    "リストカット",
    "アムカ",
    "ODしたい",
    "ODしよう",
    "ODした",
    "ODして",
    "ODしちゃ",
    "オーバードーズ",
    "遺書",
    "練炭",
    "終わりにしたい",
    "楽になりたい",
    "自分を傷つけ",
    // English.
    "kill myself",
    "killing myself",
    "want to die",
    "wanna die",
    "end my life",
    "ending my life",
    "end it all",
    "suicide",
    "suicidal",
    "self harm",
    "self-harm",
    "cut myself",
    "cutting myself",
    "hurt myself",
    "overdose",
    "don't want to live",
    "dont want to live",
    "better off dead",
    "wish i was dead",
    "wish i were dead",
    "unalive myself",
    "kms",
    "want to disappear",
];

/// Phrases that hold a crisis phrase's letters but mean something else (〜しに対して:
/// "towards", 楽になりたい about work).
const NOT_CRISIS: &[&str] = &[
    "しにたいして",
    "しにたいする",
    "しにたいしょ",
    "しにたいおう",
    "しにたいこう",
    "しにたいざい",
    "自殺点",
    "自殺行為",
    "自殺ぱす",
];

static CRISIS: LazyLock<Filter> = LazyLock::new(|| {
    let phrases: Vec<String> = PHRASES.iter().map(|p| (*p).to_owned()).collect();
    let allow: Vec<String> = NOT_CRISIS.iter().map(|p| (*p).to_owned()).collect();
    Filter::new([phrases.as_slice()], &allow, Spellings::Anywhere)
});

/// Whether `text` has crisis language.
pub fn is_crisis(text: &str) -> bool {
    !spans(&Forms::of(text)).is_empty()
}

/// Where a message's forms have crisis language (spans in the plain form; `None` for a
/// phrase found only with digits read as letters).
pub fn spans(forms: &Forms) -> Vec<Option<(usize, usize)>> {
    CRISIS
        .find_in(forms)
        .into_iter()
        .map(|found| found.span)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crisis_language_is_found_however_written() {
        for text in [
            "もう死にたい",
            "もうしにたい",
            "シニタイ",
            "氏にたい",
            "タヒにたい",
            "4にたい",
            "し に た い",
            "消えたい…",
            "きえたい",
            "リスカしちゃった",
            "りすかした",
            "ＯＤしたい",
            "自殺したい",
            "I want to kill myself",
            "I want to die",
            "Thinking about SUICIDE",
        ] {
            assert!(is_crisis(text), "{text}");
        }
    }

    #[test]
    fn everyday_words_are_not_crisis() {
        for text in [
            "死ぬほど笑った",
            "昔にたいして思うこと",
            "むかしにたいしてはね",
            "お腹すいて死にそう",
            "ゲームで死んだ",
            "オウンゴールは自殺点っていうらしい",
            "consider it done",
            "the diet is killing me",
            "",
        ] {
            assert!(!is_crisis(text), "{text}");
        }
    }
}
