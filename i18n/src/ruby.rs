//! Furigana in the translation files: `｜漢字《かんじ》` — the base after a full-width bar, its
//! reading in double angle brackets, as Japanese e-texts write ruby. Only the app's own
//! sentences carry it; people's words and names put into a sentence never do (they are
//! arguments, filled in after the markup is read — see [`segments`]).
//!
//! The page shows ruby as `<ruby>漢字<rt>かんじ</rt></ruby>` where the language (or the
//! furigana switch) asks for it, the bases alone elsewhere ([`plain`]: attributes, the
//! tab's title, what is read aloud); plain-text readers of the server's words get the
//! readings in brackets ([`with_readings`]).

use std::borrow::Cow;

const BAR: char = '｜';
const OPEN: char = '《';
const CLOSE: char = '》';

/// A piece of marked-up text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    Text(&'a str),
    Ruby { base: &'a str, reading: &'a str },
}

/// The text's pieces, in order. Anything that is not well-formed markup is text as written.
pub fn segments(text: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(bar) = rest.find(BAR) {
        let after = &rest[bar + BAR.len_utf8()..];
        let marked = after.find(OPEN).and_then(|open| {
            let close = after[open..].find(CLOSE)? + open;
            let base = &after[..open];
            let reading = &after[open + OPEN.len_utf8()..close];
            let sound = !base.is_empty()
                && !reading.is_empty()
                && !base.contains([BAR, OPEN, CLOSE])
                && !reading.contains([BAR, OPEN]);
            sound.then_some((base, reading, close + CLOSE.len_utf8()))
        });
        match marked {
            Some((base, reading, end)) => {
                if bar > 0 {
                    out.push(Segment::Text(&rest[..bar]));
                }
                out.push(Segment::Ruby { base, reading });
                rest = &after[end..];
            }
            None => {
                // A bar that opens nothing is text.
                let end = bar + BAR.len_utf8();
                out.push(Segment::Text(&rest[..end]));
                rest = &rest[end..];
            }
        }
    }
    if !rest.is_empty() {
        out.push(Segment::Text(rest));
    }
    out
}

/// Whether the text has no furigana markup at all.
pub fn is_plain(text: &str) -> bool {
    !text.contains(BAR)
}

/// The text with its bases only (`｜漢字《かんじ》` → `漢字`).
pub fn plain(text: &str) -> Cow<'_, str> {
    if !text.contains(BAR) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        segments(text)
            .into_iter()
            .map(|segment| match segment {
                Segment::Text(text) => text,
                Segment::Ruby { base, .. } => base,
            })
            .collect(),
    )
}

/// The text with each reading in brackets after its base (`漢字（かんじ）`): furigana for
/// a reader that shows plain text only.
pub fn with_readings(text: &str) -> Cow<'_, str> {
    if !text.contains(BAR) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for segment in segments(text) {
        match segment {
            Segment::Text(text) => out.push_str(text),
            Segment::Ruby { base, reading } => {
                out.push_str(base);
                out.push('（');
                out.push_str(reading);
                out.push('）');
            }
        }
    }
    Cow::Owned(out)
}

/// Whether every bar in the text opens well-formed ruby (for the translation check).
pub fn is_well_formed(text: &str) -> bool {
    segments(text).iter().all(|segment| match segment {
        Segment::Text(text) => !text.contains([BAR, OPEN, CLOSE]),
        Segment::Ruby { .. } => true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ruby_is_read_from_bar_and_brackets_and_anything_else_is_text() {
        assert_eq!(
            segments("｜居場所《いばしょ》へようこそ"),
            [
                Segment::Ruby {
                    base: "居場所",
                    reading: "いばしょ"
                },
                Segment::Text("へようこそ")
            ]
        );
        assert_eq!(
            segments("この｜部屋《へや》に｜入《はい》る"),
            [
                Segment::Text("この"),
                Segment::Ruby {
                    base: "部屋",
                    reading: "へや"
                },
                Segment::Text("に"),
                Segment::Ruby {
                    base: "入",
                    reading: "はい"
                },
                Segment::Text("る"),
            ]
        );
        assert_eq!(
            plain("｜相談員《そうだんいん》と｜話《はな》す"),
            "相談員と話す"
        );
        assert_eq!(with_readings("｜今日《きょう》"), "今日（きょう）");
        assert_eq!(plain("no markup"), "no markup");
        assert!(is_well_formed("｜今日《きょう》は"));
        for broken in [
            "｜今日",
            "｜《きょう》",
            "今日《きょう》",
            "｜今日《》",
            "》",
        ] {
            assert!(!is_well_formed(broken), "{broken}");
            assert_eq!(plain(broken), broken, "broken markup stays as written");
        }
    }
}
