//! Friendly generated handles (しずかなカワセミ / ShizukaKawasemi) for people who do not want
//! to choose one. Gentle words only: a handle is the first thing a person is called here.

use ibasho_i18n::Base;
use ibasho_moderation::{Handle, MAX_HANDLE_CHARS};
use ibasho_protocol::Lang;
use rand::Rng;

/// (Japanese, romaji) pairs.
const ADJECTIVES: &[(&str, &str)] = &[
    ("しずかな", "Shizuka"),
    ("やさしい", "Yasashii"),
    ("のんびり", "Nonbiri"),
    ("ふわふわ", "Fuwafuwa"),
    ("あたたかい", "Atatakai"),
    ("ちいさな", "Chiisana"),
    ("まるい", "Marui"),
    ("ゆったり", "Yuttari"),
    ("ひだまりの", "Hidamari"),
    ("よるの", "Yoru"),
    ("あさの", "Asa"),
    ("あおい", "Aoi"),
    ("しろい", "Shiroi"),
    ("みどりの", "Midori"),
    ("そよかぜの", "Soyokaze"),
    ("ねむい", "Nemui"),
    ("ほっこり", "Hokkori"),
    ("きらきら", "Kirakira"),
    ("おだやかな", "Odayaka"),
    ("まったり", "Mattari"),
    ("こもれびの", "Komorebi"),
    ("ゆうやけの", "Yuuyake"),
    ("つきよの", "Tsukiyo"),
    ("ほしぞらの", "Hoshizora"),
    ("はるの", "Haru"),
    ("なつの", "Natsu"),
    ("あきの", "Aki"),
    ("ふゆの", "Fuyu"),
    ("あめの", "Ame"),
    ("ゆきの", "Yuki"),
    ("もりの", "Mori"),
    ("うみの", "Umi"),
    ("そらの", "Sora"),
    ("かぜの", "Kaze"),
    ("ひかる", "Hikaru"),
    ("とことこ", "Tokotoko"),
    ("ぽかぽか", "Pokapoka"),
    ("すやすや", "Suyasuya"),
    ("にこにこ", "Nikoniko"),
    ("のびのび", "Nobinobi"),
];

const NOUNS: &[(&str, &str)] = &[
    ("カワセミ", "Kawasemi"),
    ("メジロ", "Mejiro"),
    ("スズメ", "Suzume"),
    ("シマエナガ", "Shimaenaga"),
    ("ネコ", "Neko"),
    ("タヌキ", "Tanuki"),
    ("キツネ", "Kitsune"),
    ("ウサギ", "Usagi"),
    ("リス", "Risu"),
    ("ハリネズミ", "Harinezumi"),
    ("カメ", "Kame"),
    ("クジラ", "Kujira"),
    ("イルカ", "Iruka"),
    ("ラッコ", "Rakko"),
    ("ペンギン", "Pengin"),
    ("フクロウ", "Fukurou"),
    ("コアラ", "Koala"),
    ("パンダ", "Panda"),
    ("カピバラ", "Kapibara"),
    ("アザラシ", "Azarashi"),
    ("ヒツジ", "Hitsuji"),
    ("クマ", "Kuma"),
    ("モモンガ", "Momonga"),
    ("オコジョ", "Okojo"),
    ("ホタル", "Hotaru"),
    ("ドングリ", "Donguri"),
    ("タンポポ", "Tanpopo"),
    ("スミレ", "Sumire"),
    ("サクラ", "Sakura"),
    ("ツバキ", "Tsubaki"),
    ("モミジ", "Momiji"),
    ("イチョウ", "Ichou"),
    ("コケ", "Koke"),
    ("キノコ", "Kinoko"),
    ("ミカン", "Mikan"),
    ("オムスビ", "Omusubi"),
    ("マシュマロ", "Mashumaro"),
    ("ダイフク", "Daifuku"),
    ("ヤカン", "Yakan"),
    ("ランプ", "Ranpu"),
    ("マクラ", "Makura"),
    ("ホシ", "Hoshi"),
    ("ツキ", "Tsuki"),
    ("クモ", "Kumo"),
    ("コイシ", "Koishi"),
    ("ガラスダマ", "Garasudama"),
    ("ビーダマ", "Biidama"),
    ("フウセン", "Fuusen"),
    ("カザグルマ", "Kazaguruma"),
    ("テルテルボウズ", "Teruteru"),
];

/// Attempts with a bare word pair before a number is added; with 2,000 pairs, collisions only
/// become likely once hundreds of people are present.
pub const PLAIN_ATTEMPTS: u32 = 8;

/// A random handle in the person's language. From `attempt` [`PLAIN_ATTEMPTS`] on, a number is
/// appended, growing with the attempt, so that generation always finds a free handle.
pub fn generate(lang: Lang, attempt: u32) -> Handle {
    let mut rng = rand::rng();
    let (adj_ja, adj_en) = ADJECTIVES[rng.random_range(0..ADJECTIVES.len())];
    let (noun_ja, noun_en) = NOUNS[rng.random_range(0..NOUNS.len())];
    let mut handle = match lang.base() {
        Base::Japanese => format!("{adj_ja}{noun_ja}"),
        Base::English => format!("{adj_en}{noun_en}"),
    };
    if attempt >= PLAIN_ATTEMPTS {
        // 2 digits, then 3, 4 … as attempts go on.
        let digits = 2 + (attempt - PLAIN_ATTEMPTS) / 4;
        let upper = 10u32.saturating_pow(digits.min(9));
        let number = rng.random_range(upper / 10..upper).to_string();
        let room = MAX_HANDLE_CHARS.saturating_sub(number.chars().count());
        handle = handle.chars().take(room).collect::<String>() + &number;
    }
    Handle::generated(handle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_pair_is_a_valid_handle() {
        for (adj_ja, adj_en) in ADJECTIVES {
            for (noun_ja, noun_en) in NOUNS {
                for text in [format!("{adj_ja}{noun_ja}"), format!("{adj_en}{noun_en}")] {
                    let parsed = Handle::parse(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
                    assert_eq!(parsed.as_str(), text);
                    assert_eq!(parsed.key(), Handle::generated(text.clone()).key());
                }
            }
        }
    }

    #[test]
    fn numbered_handles_stay_valid_and_within_length() {
        for attempt in 0..80 {
            for lang in Lang::all() {
                let handle = generate(lang, attempt);
                let reparsed = Handle::parse(handle.as_str()).unwrap();
                assert_eq!(reparsed.as_str(), handle.as_str());
                if attempt >= PLAIN_ATTEMPTS {
                    assert!(handle.as_str().ends_with(|c: char| c.is_ascii_digit()));
                }
            }
        }
    }
}
