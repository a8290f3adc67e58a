//! Every sentence a person can read in Ibasho lives once, in the translation files of this
//! crate (`locales/<code>.ftl`, [Project Fluent](https://projectfluent.org) syntax): the
//! server formats its `error` frames' words from them (with `fluent-bundle`), and the web
//! app fetches the file of the page's language from the server (`/i18n/<code>.ftl`) and
//! formats the same messages in the browser. A test (`tests/check.rs`) holds every file to
//! the same messages and arguments, plural rules included.
//!
//! Adding a language is its file in `locales/` and one line in [`languages!`] below —
//! nothing else: the wire (`hello.lang`), the server's words, the page's language choice
//! and the check all follow this list.
//!
//! Japanese text may carry furigana as ruby markup, `｜漢字《かんじ》` (the way Japanese
//! e-texts write it): see [`ruby`]. A language says whether its ruby is shown always
//! (やさしい日本語), on request (standard Japanese: the furigana switch) or never.

pub mod ruby;

/// What generated handles and the catalogue's room texts a language takes (the catalogue
/// has Japanese and English).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Base {
    Japanese,
    English,
}

/// When a language's furigana are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ruby {
    /// No ruby in the text.
    Never,
    /// Shown when the person turns furigana on.
    OnRequest,
    /// Always shown: the language is written for people who read kana.
    Always,
}

/// One language of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language {
    /// Its BCP 47 tag: the wire name (`hello.lang`), its file's name, Fluent's locale (whose
    /// plural rules it takes).
    pub code: &'static str,
    /// Its own name, for the language choice.
    pub name: &'static str,
    pub base: Base,
    pub ruby: Ruby,
}

/// The list of languages, each with its file: one line per language.
macro_rules! languages {
    ($($code:literal => $name:literal, $base:ident, $ruby:ident;)+) => {
        /// Every language, the default first.
        pub const LANGUAGES: &[Language] = &[
            $(Language { code: $code, name: $name, base: Base::$base, ruby: Ruby::$ruby },)+
        ];

        /// The translation file of a language (Fluent syntax), built into the program that
        /// asks for it: the server, and the web's native tests — never the browser's bundle,
        /// which fetches it.
        pub fn source(lang: Lang) -> &'static str {
            match lang.code() {
                $($code => include_str!(concat!("../locales/", $code, ".ftl")),)+
                _ => "",
            }
        }
    };
}

languages! {
    "ja" => "日本語", Japanese, OnRequest;
    "en" => "English", English, Never;
    "ja-yasashii" => "やさしい日本語", Japanese, Always;
}

/// A language of [`LANGUAGES`], by position: small, `Copy`, and always one of the list. On
/// the wire it is its code (`"ja"`, `"en"`, `"ja-yasashii"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Lang(u8);

impl Lang {
    /// Japanese: the default, and the language the app is written in first.
    pub const JA: Lang = Lang(0);

    /// The language with this code, if the app has it.
    pub fn from_code(code: &str) -> Option<Lang> {
        LANGUAGES
            .iter()
            .position(|language| language.code == code)
            .and_then(|at| u8::try_from(at).ok())
            .map(Lang)
    }

    pub fn language(self) -> &'static Language {
        LANGUAGES.get(usize::from(self.0)).unwrap_or(&LANGUAGES[0])
    }

    /// Its place in [`LANGUAGES`] (for a table with one entry per language).
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    pub fn code(self) -> &'static str {
        self.language().code
    }

    pub fn name(self) -> &'static str {
        self.language().name
    }

    pub fn base(self) -> Base {
        self.language().base
    }

    pub fn ruby(self) -> Ruby {
        self.language().ruby
    }

    /// Every language, in the list's order.
    pub fn all() -> impl Iterator<Item = Lang> {
        (0..LANGUAGES.len()).filter_map(|at| u8::try_from(at).ok().map(Lang))
    }
}

impl serde::Serialize for Lang {
    fn serialize<S: serde::Serializer>(&self, to: S) -> Result<S::Ok, S::Error> {
        to.serialize_str(self.code())
    }
}

impl<'de> serde::Deserialize<'de> for Lang {
    fn deserialize<D: serde::Deserializer<'de>>(from: D) -> Result<Lang, D::Error> {
        let code = <std::borrow::Cow<'de, str>>::deserialize(from)?;
        Lang::from_code(&code).ok_or_else(|| serde::de::Error::custom("a language the app has"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_is_its_code_on_the_wire_and_only_a_listed_one_is_read() {
        for lang in Lang::all() {
            let json = serde_json::to_string(&lang).unwrap();
            assert_eq!(json, format!("\"{}\"", lang.code()));
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), lang);
            assert!(!source(lang).is_empty(), "{} has no file", lang.code());
        }
        assert_eq!(Lang::default(), Lang::JA);
        assert_eq!(Lang::JA.code(), "ja");
        assert!(serde_json::from_str::<Lang>("\"fr\"").is_err());
        assert_eq!(Lang::from_code("en").map(Lang::base), Some(Base::English));
    }
}
