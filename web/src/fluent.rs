//! The translation files as the page reads them: the part of Project Fluent they are written
//! in — messages (`id = text`), variables (`{ $name }`) and selects on a variable
//! (`{ $n -> [one] … *[other] … }`: a plural category or an exact number, the default marked
//! `*`) — read and formatted here instead of by `fluent-bundle`, whose parser, locale data
//! and plural rules for every language cost the WebAssembly bundle many times this module.
//! The server still formats with `fluent-bundle`; a test formats every message of every file
//! both ways, with every choice of its selectors, and requires the same words. A message
//! this reader cannot read is left out (the page then shows its key), so anything new in the
//! files that is not in this subset fails that test first.

use crate::small::Map;

/// A message's pattern, in parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    Text(String),
    /// `{ $name }`.
    Var(String),
    /// `{ $name -> [key] … }`: the variants (key, pattern) and which is the default.
    Select {
        var: String,
        variants: Vec<(String, Vec<Part>)>,
        default: usize,
    },
}

/// The messages of one file, by id.
pub type Messages = Map<String, Vec<Part>>;

/// Reads a translation file; what cannot be read is left out.
pub fn parse(source: &str) -> Messages {
    let mut messages = Messages::new();
    let mut reader = Reader { rest: source };
    while !reader.rest.is_empty() {
        // An entry starts a line with its id; comments, blank and stray lines are skipped.
        let id = reader.ident();
        reader.spaces();
        if id.is_empty() || !reader.eat('=') {
            reader.skip_line();
            continue;
        }
        reader.spaces();
        match reader.pattern(false) {
            Some(parts) => {
                messages.insert(id.to_owned(), parts);
            }
            None => reader.skip_line(),
        }
    }
    messages
}

/// A reader over what is left of the file.
struct Reader<'a> {
    rest: &'a str,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<char> {
        self.rest.chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        match self.rest.strip_prefix(c) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// Skips blanks on this line.
    fn spaces(&mut self) {
        self.rest = self.rest.trim_start_matches(' ');
    }

    /// Skips blanks and line ends.
    fn blank(&mut self) {
        self.rest = self.rest.trim_start_matches([' ', '\n', '\r']);
    }

    fn skip_line(&mut self) {
        self.rest = self.rest.split_once('\n').map_or("", |(_, rest)| rest);
    }

    /// An identifier (`counsel-ask`, `n`, `one`), or nothing.
    fn ident(&mut self) -> &'a str {
        let end = self
            .rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .unwrap_or(self.rest.len());
        let (ident, rest) = self.rest.split_at(end);
        self.rest = rest;
        ident
    }

    /// A pattern: text and placeables up to the end of the line — and, for a message's own
    /// pattern, on over indented lines that go on with text (joined with a line break).
    fn pattern(&mut self, variant: bool) -> Option<Vec<Part>> {
        let mut parts = Vec::new();
        let mut text = String::new();
        while let Some(c) = self.peek() {
            match c {
                '{' => {
                    self.eat('{');
                    if !text.is_empty() {
                        parts.push(Part::Text(std::mem::take(&mut text)));
                    }
                    parts.push(self.placeable()?);
                }
                // (Text never holds a brace: Fluent would not read it either.)
                '}' => return None,
                '\r' | '\n' => {
                    let trimmed = text.trim_end_matches(' ').len();
                    text.truncate(trimmed);
                    let next = self.rest.trim_start_matches(['\r', '\n']);
                    let indented = next.trim_start_matches(' ');
                    let goes_on = !variant
                        && indented.len() < next.len()
                        && !indented.starts_with(['[', '*', '}', '\n', '\r']);
                    if !goes_on {
                        break;
                    }
                    self.rest = indented;
                    text.push('\n');
                }
                _ => {
                    text.push(c);
                    self.rest = &self.rest[c.len_utf8()..];
                }
            }
        }
        let trimmed = text.trim_end_matches(' ').len();
        text.truncate(trimmed);
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        Some(parts)
    }

    /// After `{`: a variable, or a select on one, and its `}`.
    fn placeable(&mut self) -> Option<Part> {
        self.blank();
        if !self.eat('$') {
            return None;
        }
        let var = self.ident().to_owned();
        self.blank();
        if self.eat('}') {
            return Some(Part::Var(var));
        }
        self.rest = self.rest.strip_prefix("->")?;
        let mut variants = Vec::new();
        let mut default = None;
        loop {
            self.blank();
            if self.eat('}') {
                break;
            }
            if self.eat('*') {
                default = Some(variants.len());
            }
            if !self.eat('[') {
                return None;
            }
            self.spaces();
            let key = self.ident().to_owned();
            self.spaces();
            if !self.eat(']') {
                return None;
            }
            self.spaces();
            variants.push((key, self.pattern(true)?));
        }
        Some(Part::Select {
            var,
            variants,
            default: default?,
        })
    }
}

/// An argument as Fluent takes it: a whole number (for plural rules and exact matches), or
/// text.
fn number(value: &str) -> Option<i64> {
    value
        .parse::<i64>()
        .ok()
        .filter(|n| n.to_string() == value && n.abs() < 1 << 40)
}

/// Formats `parts` into `out`: `arg` gives each variable's value, `plural` a number's plural
/// category in the file's language. A variable with no value is written `{$name}`, as
/// Fluent does.
pub fn format(
    parts: &[Part],
    arg: &dyn Fn(&str) -> Option<String>,
    plural: fn(i64) -> &'static str,
    out: &mut String,
) {
    for part in parts {
        match part {
            Part::Text(text) => out.push_str(text),
            Part::Var(var) => match arg(var) {
                Some(value) => out.push_str(&value),
                None => {
                    out.push_str("{$");
                    out.push_str(var);
                    out.push('}');
                }
            },
            Part::Select {
                var,
                variants,
                default,
            } => {
                let value = arg(var);
                let chosen = value.as_deref().and_then(|value| {
                    let number = number(value);
                    variants.iter().position(|(key, _)| match number {
                        Some(n) => key.parse::<i64>().ok() == Some(n) || key == plural(n),
                        None => key == value,
                    })
                });
                if let Some((_, pattern)) = variants.get(chosen.unwrap_or(*default)) {
                    format(pattern, arg, plural, out);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(source: &str, id: &str, args: &[(&str, &str)]) -> String {
        let messages = parse(source);
        let mut out = String::new();
        let arg = |name: &str| {
            args.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v).to_owned())
        };
        let english = |n: i64| if n == 1 { "one" } else { "other" };
        format(messages.get(id).unwrap(), &arg, english, &mut out);
        out
    }

    #[test]
    fn reads_messages_variables_and_selects_and_skips_comments() {
        let file = "# comment\n## group\nhello = Hi { $name }!  \n\nwait = { $n ->\n    [one] { $n } minute\n   *[other] { $n } minutes\n} later.\nday = ({ $d ->\n    [0] Sun\n   *[6] Sat\n})\n";
        assert_eq!(said(file, "hello", &[("name", "あお")]), "Hi あお!");
        assert_eq!(said(file, "hello", &[]), "Hi {$name}!");
        assert_eq!(said(file, "wait", &[("n", "1")]), "1 minute later.");
        assert_eq!(said(file, "wait", &[("n", "12")]), "12 minutes later.");
        assert_eq!(said(file, "wait", &[("n", "one")]), "one minute later.");
        assert_eq!(said(file, "day", &[("d", "0")]), "(Sun)");
        assert_eq!(said(file, "day", &[("d", "3")]), "(Sat)");
        assert_eq!(parse(file).len(), 3);
    }
}
