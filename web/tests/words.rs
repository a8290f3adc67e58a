//! The page reads the translation files with its own small reader (`ibasho_web::fluent`),
//! not `fluent-bundle` (the server's): here every message of every language is formatted
//! both ways — with every variant of each select chosen, and numbers for plural rules — and
//! must say exactly the same.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use ibasho_i18n::{Lang, source};
use ibasho_web::fluent;

/// The variables a pattern names.
fn variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        let PatternElement::Placeable { expression } = element else {
            continue;
        };
        let (selector, variants) = match expression {
            Expression::Inline(inline) => (inline, None),
            Expression::Select { selector, variants } => (selector, Some(variants)),
        };
        if let InlineExpression::VariableReference { id } = selector {
            out.insert(id.name.to_owned());
        }
        for variant in variants.into_iter().flatten() {
            variables(&variant.value, out);
        }
    }
}

#[test]
fn every_message_says_what_fluent_bundle_says() {
    // Values for every variable: numbers that choose each plural form and each weekday, a
    // word, a person's text with a bar — and no value at all.
    let values = [
        None,
        Some("0"),
        Some("1"),
        Some("2"),
        Some("6"),
        Some("21"),
        Some("あお｜《》"),
    ];
    let mut compared = 0;
    for lang in Lang::all() {
        let text = source(lang);
        let mut bundle = FluentBundle::new(vec![lang.code().parse().unwrap()]);
        bundle.set_use_isolating(false);
        bundle
            .add_resource(FluentResource::try_new(text.to_owned()).unwrap())
            .unwrap();
        let ours = fluent::parse(text);
        let resource = fluent_syntax::parser::parse(text).unwrap();
        for entry in &resource.body {
            let Entry::Message(message) = entry else {
                continue;
            };
            let id = message.id.name;
            let mut names = BTreeSet::new();
            variables(message.value.as_ref().unwrap(), &mut names);
            let parts = ours
                .get(id)
                .unwrap_or_else(|| panic!("{}: {id} is not read", lang.code()));
            for value in values {
                let mut args = FluentArgs::new();
                for name in &names {
                    if let Some(value) = value {
                        // (A person's text never makes furigana: its bars become ASCII.)
                        match value.parse::<i64>() {
                            Ok(n) => args.set(name.clone(), FluentValue::from(n)),
                            Err(_) => args.set(name.clone(), value.replace('｜', "|")),
                        }
                    }
                }
                let pattern = bundle.get_message(id).unwrap().value().unwrap();
                let mut errors = Vec::new();
                let theirs = bundle.format_pattern(pattern, Some(&args), &mut errors);
                let mine = match value {
                    // As the page says it (its plural rules, its arguments).
                    Some(value) => {
                        let given: Vec<(&str, &str)> =
                            names.iter().map(|name| (name.as_str(), value)).collect();
                        ibasho_web::i18n::marked(lang, id, &given)
                    }
                    // A variable with no value at all.
                    None => {
                        let mut out = String::new();
                        fluent::format(parts, &|_| None, |_| "other", &mut out);
                        out
                    }
                };
                assert_eq!(mine, theirs, "{}: {id} with {value:?}", lang.code());
                compared += 1;
            }
        }
    }
    assert!(compared > 3 * 400 * 7, "only {compared} compared");
}
