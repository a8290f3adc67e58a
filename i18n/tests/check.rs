//! The translation check: every language's file parses, has every message the others have,
//! with the same arguments, plural choices that always have a default, and sound furigana
//! (on every kanji of a Japanese file); and every message the server and the web name in their
//! source exists. A sentence added in one file only, a typo in a key, an argument renamed in
//! one language: each fails here, at `cargo test`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_bundle::{FluentBundle, FluentResource};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use fluent_syntax::parser;
use ibasho_i18n::{Lang, Ruby, ruby, source};

/// A message's plain text pieces and the variables it names, as parsed.
#[derive(Debug, Default)]
struct Message {
    variables: BTreeSet<String>,
    texts: Vec<String>,
}

fn walk_pattern(pattern: &Pattern<&str>, message: &mut Message) {
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => message.texts.push((*value).to_owned()),
            PatternElement::Placeable { expression } => walk_expression(expression, message),
        }
    }
}

fn walk_inline(inline: &InlineExpression<&str>, message: &mut Message) {
    match inline {
        InlineExpression::VariableReference { id } => {
            message.variables.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, message),
        InlineExpression::StringLiteral { value } => message.texts.push((*value).to_owned()),
        _ => {}
    }
}

fn walk_expression(expression: &Expression<&str>, message: &mut Message) {
    match expression {
        Expression::Inline(inline) => walk_inline(inline, message),
        Expression::Select { selector, variants } => {
            walk_inline(selector, message);
            assert!(
                variants.iter().any(|variant| variant.default),
                "a choice without a default (*)"
            );
            for variant in variants {
                walk_pattern(&variant.value, message);
            }
        }
    }
}

/// Each message of a language's file, by id; the file must parse without an error.
fn messages(lang: Lang) -> BTreeMap<String, Message> {
    let text = source(lang);
    let resource = parser::parse(text).unwrap_or_else(|(_, errors)| {
        panic!("{}.ftl does not parse: {errors:?}", lang.code());
    });
    let mut out = BTreeMap::new();
    for entry in &resource.body {
        match entry {
            Entry::Message(message) => {
                let pattern = message
                    .value
                    .as_ref()
                    .unwrap_or_else(|| panic!("{}: {} has no value", lang.code(), message.id.name));
                let mut parsed = Message::default();
                walk_pattern(pattern, &mut parsed);
                let id = message.id.name.to_owned();
                assert!(
                    out.insert(id.clone(), parsed).is_none(),
                    "{}: {id} twice",
                    lang.code()
                );
            }
            Entry::Term(term) => {
                panic!("{}: a term (-{}): use messages", lang.code(), term.id.name)
            }
            Entry::Junk { content } => panic!("{}: junk: {content}", lang.code()),
            _ => {}
        }
    }
    out
}

#[test]
fn every_language_has_every_message_with_the_same_arguments() {
    let reference = messages(Lang::JA);
    assert!(reference.len() > 400, "the Japanese file looks cut short");
    for lang in Lang::all() {
        let these = messages(lang);
        let missing: Vec<_> = reference
            .keys()
            .filter(|id| !these.contains_key(*id))
            .collect();
        let extra: Vec<_> = these
            .keys()
            .filter(|id| !reference.contains_key(*id))
            .collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
        assert!(extra.is_empty(), "{} alone has {extra:?}", lang.code());
        for (id, message) in &these {
            assert_eq!(
                message.variables,
                reference[id].variables,
                "{}: {id} names other arguments than Japanese",
                lang.code()
            );
            let text = message.texts.concat();
            assert!(
                !text.trim().is_empty() || !message.variables.is_empty(),
                "{id} is empty"
            );
        }
    }
}

#[test]
fn every_file_loads_into_a_bundle_of_its_locale() {
    for lang in Lang::all() {
        let locale: unic_langid::LanguageIdentifier = lang
            .code()
            .parse()
            .unwrap_or_else(|_| panic!("{} is not a language tag", lang.code()));
        let mut bundle = FluentBundle::new(vec![locale]);
        let resource = FluentResource::try_new(source(lang).to_owned()).unwrap();
        bundle.add_resource(resource).unwrap();
    }
}

fn is_kanji(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '々')
}

#[test]
fn furigana_are_sound_and_only_where_a_language_shows_them() {
    for lang in Lang::all() {
        for (id, message) in messages(lang) {
            for text in &message.texts {
                assert!(
                    ruby::is_well_formed(text),
                    "{}: {id}: furigana markup that is not ｜漢字《かんじ》",
                    lang.code()
                );
                if lang.ruby() == Ruby::Never {
                    assert!(ruby::is_plain(text), "{}: {id}: furigana", lang.code());
                }
                // Every kanji of the app's own sentences has its reading, whether always
                // shown (やさしい日本語) or on request (standard Japanese's switch).
                if lang.ruby() != Ruby::Never {
                    let bare: String = ruby::segments(text)
                        .into_iter()
                        .filter_map(|segment| match segment {
                            ruby::Segment::Text(text) => Some(text),
                            ruby::Segment::Ruby { .. } => None,
                        })
                        .collect();
                    assert!(
                        !bare.chars().any(is_kanji),
                        "{}: {id}: a kanji without its reading in {text:?}",
                        lang.code()
                    );
                }
            }
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            out.push(path);
        }
    }
}

/// String literals shaped like a message id (`group-name`, a group the files have), outside
/// tests and HTML attributes (a class, an id): each must be a message; and a prefix a key is
/// made from (`format!("report-reason-{}", …)`) must begin some message.
#[test]
fn every_message_the_server_and_the_web_name_exists() {
    let ids: BTreeSet<String> = messages(Lang::JA).into_keys().collect();
    let groups: BTreeSet<&str> = ids.iter().filter_map(|id| id.split('-').next()).collect();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files = Vec::new();
    rust_files(&root.join("server/src"), &mut files);
    rust_files(&root.join("web/src"), &mut files);
    let attribute = [
        "class=",
        "id=",
        "for=",
        "name=",
        "labelledby=",
        "describedby=",
        "class:",
    ];
    let mut unknown = Vec::new();
    let mut named = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (at, _) in code.match_indices('"') {
            let rest = &code[at + 1..];
            let Some(end) = rest.find('"') else { continue };
            let literal = &rest[..end];
            let shaped = literal.contains('-')
                && literal.chars().all(|c| {
                    c.is_ascii_lowercase()
                        || c.is_ascii_digit()
                        || c == '_'
                        || c == '-'
                        || c == '{'
                        || c == '}'
                });
            let Some(group) = literal.split('-').next() else {
                continue;
            };
            if !shaped || !groups.contains(group) {
                continue;
            }
            let before = code[..at].trim_end();
            let data_attribute = before
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .is_some_and(|word| word.starts_with("data-") && word.ends_with('='));
            if attribute.iter().any(|a| before.ends_with(a)) || data_attribute {
                continue;
            }
            if literal.contains('{') && !literal.contains("{}") {
                // A name made with a named value (an element's id): not a message.
                continue;
            }
            if let Some(prefix) = literal.find("{}").map(|brace| &literal[..brace]) {
                // A key made at run time: some message must begin so.
                if !ids.iter().any(|id| id.starts_with(prefix)) {
                    unknown.push(format!("{}: {literal}", file.display()));
                }
                continue;
            }
            if literal.ends_with('-') {
                continue;
            }
            named += 1;
            if !ids.contains(literal) {
                unknown.push(format!("{}: {literal}", file.display()));
            }
        }
    }
    assert!(named > 300, "the scan found only {named} message names");
    assert!(unknown.is_empty(), "no such message: {unknown:#?}");
}
