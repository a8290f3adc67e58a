//! The page's words: the shared translation files (`i18n/locales/<code>.ftl`, the ones the
//! server formats its own words from), read with [`crate::fluent`] (the part of Fluent the
//! files are written in; a test holds it to `fluent-bundle`'s words). In the browser a
//! language's file is fetched from the server (`/i18n/<code>.ftl`) when it is first needed —
//! the bundle carries no sentences; natively (tests) it is read from the files built into
//! `ibasho-i18n`.
//!
//! [`t`] and [`tf`] give plain text (furigana markup removed: for attributes, the tab's
//! title, what is read aloud); [`marked`] keeps the markup for the views that show ruby.
//! Arguments are text; one that is a whole number is given to Fluent as a number, so that
//! plural rules choose the words ("1 minute", "2 minutes").

use std::cell::{Cell, RefCell};

use ibasho_i18n::{Base, LANGUAGES, Lang, Ruby};
use ibasho_protocol::{ErrorCode, ErrorFrame, Limits};

use crate::fluent::{self, Messages};

type Bundle = Messages;

thread_local! {
    /// One bundle per language, once loaded (kept for the life of the page).
    static BUNDLES: RefCell<Vec<Option<&'static Bundle>>> =
        RefCell::new(vec![None; LANGUAGES.len()]);
}

/// Slow mode, as the facilitator's switch sets it: the web's own choice, said in its words.
pub const SLOW_MODE_SECONDS: u32 = 30;

thread_local! {
    /// Numbers sentences name (`{ $mute_minutes }`, `{ $extend_minutes }`, …) and that no
    /// caller passes: the protocol's constants, then the server's limits from `welcome`.
    static NUMBERS: RefCell<Vec<(&'static str, String)>> = RefCell::new(vec![
        ("mute_minutes", ibasho_protocol::DEFAULT_MUTE_MINUTES.to_string()),
        ("handle_max", ibasho_protocol::MAX_HANDLE_CHARS.to_string()),
        ("leeway", ibasho_protocol::LEEWAY_MINUTES.to_string()),
        ("slow_seconds", SLOW_MODE_SECONDS.to_string()),
    ]);
}

thread_local! {
    /// The server's limits, from its `welcome` (before it: none).
    static LIMITS: Cell<Option<Limits>> = const { Cell::new(None) };
}

/// The server's limits, once its `welcome` said them.
pub fn limits() -> Option<Limits> {
    LIMITS.get()
}

/// The server's numbers, once its `welcome` says them.
pub fn set_limits(limits: &Limits) {
    LIMITS.set(Some(*limits));
    let said = [
        ("extend_minutes", limits.extend_minutes),
        ("removal_hours", limits.removal_hours),
        ("audit_days", limits.audit_retention_days),
        ("leeway", limits.leeway_minutes),
    ];
    NUMBERS.with_borrow_mut(|numbers| {
        for (name, value) in said {
            numbers.retain(|(have, _)| *have != name);
            numbers.push((name, value.to_string()));
        }
    });
}

thread_local! {
    /// The furigana switch of standard Japanese (this page only; nothing is kept).
    static FURIGANA: Cell<bool> = const { Cell::new(false) };
}

/// Turns the furigana of a language that shows them on request on or off.
pub fn set_furigana(on: bool) {
    FURIGANA.set(on);
}

pub fn furigana() -> bool {
    FURIGANA.get()
}

/// Whether text in `lang` shows its furigana now.
pub fn ruby_shown(lang: Lang) -> bool {
    match lang.ruby() {
        Ruby::Always => true,
        Ruby::OnRequest => FURIGANA.get(),
        Ruby::Never => false,
    }
}

/// Makes `text` (a translation file) the words of `lang`. Messages the file gets wrong are
/// left out (the check in `ibasho-i18n` keeps that from happening).
pub fn load(lang: Lang, text: String) {
    // Kept for the page's life: a language is loaded once, and there are few.
    let bundle: &'static Bundle = Box::leak(Box::new(fluent::parse(&text)));
    BUNDLES.with_borrow_mut(|all| all[lang.index()] = Some(bundle));
}

/// A whole number's plural category in `lang` (CLDR's rules for the languages the app has:
/// English "one" for 1; Japanese has no plural forms).
fn plural(lang: Lang) -> fn(i64) -> &'static str {
    match lang.base() {
        Base::English => |n| if n == 1 { "one" } else { "other" },
        Base::Japanese => |_| "other",
    }
}

/// Whether the words of `lang` are here.
pub fn loaded(lang: Lang) -> bool {
    bundle(lang).is_some()
}

fn bundle(lang: Lang) -> Option<&'static Bundle> {
    if let Some(bundle) = BUNDLES.with_borrow(|all| all[lang.index()]) {
        return Some(bundle);
    }
    // Natively (tests, tools) the files are at hand; the browser fetches them first.
    if cfg!(not(target_arch = "wasm32")) {
        load(lang, native_source(lang));
        return BUNDLES.with_borrow(|all| all[lang.index()]);
    }
    None
}

#[cfg(not(target_arch = "wasm32"))]
fn native_source(lang: Lang) -> String {
    ibasho_i18n::source(lang).to_owned()
}

#[cfg(target_arch = "wasm32")]
fn native_source(_: Lang) -> String {
    String::new()
}

/// An argument as it is filled in: a person's text (a handle, a note) never becomes
/// furigana — its bars are written as ASCII ones. (Whether it is a number, for plural rules,
/// is [`fluent`]'s to see: a whole number written as one.)
fn value(text: &str) -> String {
    text.replace('｜', "|")
}

/// The message `key` in `lang` with `args`, furigana markup kept; the key itself if the
/// language has no such message (a test keeps that from happening).
pub fn marked(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let Some(bundle) = bundle(lang) else {
        return String::new();
    };
    let Some(pattern) = bundle.get(key) else {
        return key.to_owned();
    };
    let arg = |name: &str| {
        args.iter()
            .find(|(have, _)| *have == name)
            .map(|(_, text)| value(text))
            .or_else(|| {
                NUMBERS.with_borrow(|numbers| {
                    numbers
                        .iter()
                        .find(|(have, _)| *have == name)
                        .map(|(_, text)| text.clone())
                })
            })
    };
    let mut out = String::new();
    fluent::format(pattern, &arg, plural(lang), &mut out);
    out
}

/// A text the catalogue gives in Japanese and perhaps English, in `lang`'s: English where
/// the language is English-based and the catalogue has it, Japanese otherwise.
pub fn localized<'a>(lang: Lang, japanese: &'a str, english: Option<&'a str>) -> &'a str {
    match (lang.base(), english) {
        (ibasho_i18n::Base::English, Some(english)) => english,
        _ => japanese,
    }
}

/// [`marked`] without arguments.
pub fn m(lang: Lang, key: &str) -> String {
    marked(lang, key, &[])
}

/// Whether `lang` has the message `key` (for keys made from codes the server sends, which
/// may be newer than this page).
pub fn has(lang: Lang, key: &str) -> bool {
    bundle(lang).is_some_and(|bundle| bundle.contains_key(key))
}

/// The sentence for `key` in `lang`, as plain text.
pub fn t(lang: Lang, key: &str) -> String {
    tf(lang, key, &[])
}

/// [`t`] with arguments.
pub fn tf(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    ibasho_i18n::ruby::plain(&marked(lang, key, args)).into_owned()
}

/// A refusal's words in `lang`: the precise sentence the server chose (`sentence`, with
/// its `args`) where this page has it, else the one for its code — the same words the
/// server wrote, in the page's language now.
pub fn refusal(lang: Lang, error: &ErrorFrame) -> (String, Vec<(String, String)>) {
    let general = format!("error-{}", error.code.as_str());
    let key = error
        .sentence
        .as_deref()
        .filter(|key| key.starts_with("error-") && has(lang, key))
        .map_or(general, str::to_owned);
    let args = error
        .args
        .iter()
        .map(|(name, number)| (name.clone(), number.to_string()))
        .collect();
    (key, args)
}

/// The words of a refusal, furigana markup kept: [`refusal`]'s sentence, with the numbers
/// the server sent — or, for a sentence said again later (a message marked as not sent),
/// the longest message from the server's limits (the other numbers are always at hand).
pub fn refusal_words(lang: Lang, error: &ErrorFrame) -> String {
    let (key, mut args) = refusal(lang, error);
    if let Some(limits) = limits()
        && !args.iter().any(|(name, _)| name == "max")
    {
        args.push(("max".to_owned(), limits.max_text_chars.to_string()));
    }
    let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    marked(lang, &key, &args)
}

/// The general sentence of a code, furigana markup kept (a message marked as not sent).
pub fn code_words(lang: Lang, code: ErrorCode) -> String {
    refusal_words(lang, &ErrorFrame::new(code, String::new()))
}

#[cfg(test)]
mod tests {
    use ibasho_protocol::ErrorCode;

    use super::*;

    fn en() -> Lang {
        Lang::from_code("en").unwrap()
    }

    #[test]
    fn words_come_from_the_shared_files_with_plural_rules_and_no_isolation_marks() {
        assert_eq!(t(Lang::JA, "lobby-enter"), "入る");
        assert_eq!(
            tf(en(), "counsel-waiting-estimate", &[("n", "1")]),
            "About 1 minute"
        );
        assert_eq!(
            tf(en(), "counsel-waiting-estimate", &[("n", "12")]),
            "About 12 minutes"
        );
        let said = tf(
            Lang::JA,
            "room-announce",
            &[("handle", "007"), ("text", "こんばんは")],
        );
        assert_eq!(said, "007：こんばんは", "a name is text, never a number");
        let digits = "12345678901234567";
        let said = tf(
            Lang::JA,
            "room-announce",
            &[("handle", digits), ("text", "…")],
        );
        assert!(
            said.starts_with(digits),
            "a long run of digits stays exact: {said}"
        );
        let said = tf(
            Lang::JA,
            "room-announce",
            &[("handle", "｜a《b》"), ("text", "x")],
        );
        assert!(
            said.starts_with("|a《b》"),
            "a person's text makes no ruby: {said}"
        );
    }

    #[test]
    fn a_refusal_says_the_servers_precise_sentence_in_the_pages_language() {
        let mut frame = ErrorFrame::new(ErrorCode::NotNow, "…");
        assert_eq!(refusal(en(), &frame).0, "error-not_now");
        frame.sentence = Some("error-not_now-case".into());
        let (key, _) = refusal(en(), &frame);
        assert!(t(en(), &key).contains("another counselor"), "{key}");
        frame.sentence = Some("error-from-a-newer-server".into());
        assert_eq!(refusal(en(), &frame).0, "error-not_now");
        let mut long = ErrorFrame::new(ErrorCode::TooLong, "…");
        long.args.insert("max".into(), 1000);
        let (key, args) = refusal(Lang::JA, &long);
        let args: Vec<(&str, &str)> = args.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        assert!(tf(Lang::JA, &key, &args).contains("1000文字"));
    }
}
