//! The app's words as views: a sentence from the translation files with its furigana shown
//! as ruby where the language always shows them (やさしい日本語) or the person turned them
//! on (standard Japanese). Attributes, the tab's title and what is read aloud take plain
//! text from [`crate::i18n::t`] instead. People's own messages never pass through here.

use ibasho_i18n::ruby::{self, Segment};
use ibasho_protocol::Lang;
use leptos::prelude::*;

use super::browser;
use crate::i18n;

/// Where the server serves a language's translation file (a hashed asset, named by
/// `cargo xtask web` in `<meta name="ibasho-words-<code>">`).
fn words_url(lang: Lang) -> Option<String> {
    browser::meta_content(&format!("ibasho-words-{}", lang.code()))
}

/// Fetches the words of `lang` unless the page has them; false if they could not be had.
pub async fn fetch_words(lang: Lang) -> bool {
    if i18n::loaded(lang) {
        return true;
    }
    let Some(url) = words_url(lang) else {
        return false;
    };
    match browser::fetch_text(&url).await {
        Some(text) => {
            i18n::load(lang, text);
            true
        }
        None => false,
    }
}

/// The sentence `key` as a view.
pub fn tv(lang: Lang, key: &str) -> AnyView {
    ruby_view(lang, &i18n::marked(lang, key, &[]))
}

/// [`tv`] with arguments.
pub fn tfv(lang: Lang, key: &str, args: &[(&str, &str)]) -> AnyView {
    ruby_view(lang, &i18n::marked(lang, key, args))
}

/// Text with furigana markup as a view: `<ruby>` elements where they are shown, the plain
/// text otherwise (and always for text without markup, the common case).
pub fn ruby_view(lang: Lang, marked: &str) -> AnyView {
    if !i18n::ruby_shown(lang) || ruby::is_plain(marked) {
        return ruby::plain(marked).into_owned().into_any();
    }
    ruby::segments(marked)
        .into_iter()
        .map(|segment| match segment {
            Segment::Text(text) => text.to_owned().into_any(),
            Segment::Ruby { base, reading } => {
                let (base, reading) = (base.to_owned(), reading.to_owned());
                view! { <ruby>{base}<rt>{reading}</rt></ruby> }.into_any()
            }
        })
        .collect_view()
        .into_any()
}
