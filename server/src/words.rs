//! The server's words — the sentences of `error` frames and HTTP refusals — from the shared
//! translation files of `ibasho-i18n` (the ones the web formats the same messages from),
//! each read once into a Fluent bundle. Plain text on the wire: a language whose furigana
//! are always shown (やさしい日本語) gets each reading in brackets after its kanji; the
//! others, the kanji alone.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use ibasho_i18n::{Lang, Ruby, ruby};

type Bundle = FluentBundle<FluentResource>;

/// Every language's bundle, in the list's order (read at first use).
static BUNDLES: LazyLock<Vec<Bundle>> = LazyLock::new(|| {
    Lang::all()
        .map(|lang| {
            let resource = FluentResource::try_new(ibasho_i18n::source(lang).to_owned())
                .unwrap_or_else(|(resource, _)| resource);
            let mut bundle = Bundle::new_concurrent(vec![lang.code().parse().unwrap_or_default()]);
            bundle.set_use_isolating(false);
            let _ = bundle.add_resource(resource);
            bundle
        })
        .collect()
});

/// The message `key` in `lang` with these numbers, as plain text for the wire; the message
/// in Japanese if the language lacks it, the key itself if both do (the check in
/// `ibasho-i18n` keeps either from happening).
pub fn sentence(lang: Lang, key: &str, args: &[(&str, i64)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, number) in args {
        fluent_args.set(*name, FluentValue::from(*number));
    }
    format(lang, key, &fluent_args)
}

/// [`sentence`] with words for arguments (a figure's name, a room's title).
pub fn sentence_with(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let mut fluent_args = FluentArgs::with_capacity(args.len());
    for (name, text) in args {
        fluent_args.set(*name, FluentValue::from(*text));
    }
    format(lang, key, &fluent_args)
}

/// Whether the files have the message `key`.
pub fn has(lang: Lang, key: &str) -> bool {
    BUNDLES
        .get(lang.index())
        .is_some_and(|bundle| bundle.has_message(key))
}

fn format(lang: Lang, key: &str, fluent_args: &FluentArgs<'_>) -> String {
    for lang in [lang, Lang::JA] {
        let Some(bundle) = BUNDLES.get(lang.index()) else {
            continue;
        };
        let Some(pattern) = bundle.get_message(key).and_then(|message| message.value()) else {
            continue;
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(fluent_args), &mut errors);
        return match lang.ruby() {
            Ruby::Always => ruby::with_readings(&text).into_owned(),
            Ruby::OnRequest | Ruby::Never => ruby::plain(&text).into_owned(),
        };
    }
    key.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_comes_in_the_sessions_language_with_its_numbers() {
        let en = Lang::from_code("en").unwrap();
        assert_eq!(
            sentence(en, "error-no_such_room", &[]),
            "There is no room with that name."
        );
        assert!(sentence(Lang::JA, "error-too_long", &[("max", 1000)]).contains("1000文字"));
        assert!(
            sentence(en, "error-rate_limited", &[("seconds", 1)]).contains("1 second."),
            "plural rules"
        );
        assert_eq!(sentence(en, "no-such-message", &[]), "no-such-message");
    }

    #[test]
    fn easy_japanese_comes_with_its_readings_and_standard_japanese_without_markup() {
        let easy = Lang::from_code("ja-yasashii").unwrap();
        let said = sentence(easy, "error-room_full", &[]);
        assert!(said.contains("部屋（へや）"), "{said}");
        assert!(!said.contains('｜') && !said.contains('《'), "{said}");
        let standard = sentence(Lang::JA, "error-room_full", &[]);
        assert!(
            standard.contains("部屋") && !standard.contains("（へや）"),
            "{standard}"
        );
        assert!(!standard.contains('｜'), "{standard}");
    }

    #[test]
    fn every_refusal_has_words_in_every_language_with_its_numbers_filled_in() {
        for lang in Lang::all() {
            for code in ibasho_protocol::ErrorCode::ALL.map(|code| code.as_str()) {
                let numbers = [("max", 1000), ("seconds", 2), ("leeway", 15)];
                let said = sentence(lang, &format!("error-{code}"), &numbers);
                assert!(
                    !said.starts_with("error-"),
                    "{}: error-{code} has no words",
                    lang.code()
                );
                assert!(!said.contains('{'), "{}: error-{code}: {said}", lang.code());
            }
        }
    }
}
