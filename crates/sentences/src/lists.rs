//! List items: numbered, lettered and bulleted.
//!
//! A list marker opens a line (or a run of text) and is followed by
//! whitespace:
//!
//! - a bullet: `-`, `*`, `+`, `•`, `·`, `‣`, `◦`, `▪`, `●`, `■`, `–`, `—`,
//!   `⁃`;
//! - a number of one to three digits or one lowercase letter closed by `.`,
//!   `)` or `.)`, or wrapped as `(1)`, `(a)`: `1.`, `12)`, `3.)`, `a.`,
//!   `b)`, `(c)`;
//! - a bullet and a number together: `• 9.`, and glued `⁃9.` (not after
//!   `-`, `+`, `*`, `–`, `—`, where `-9.` reads as a negative number).
//!
//! Each item is a sentence of its own (and is split further only at its own
//! sentence ends), whether items stand on separate lines or run together on
//! one line: in `1. Lower taxes 2. More nurses`, `a) Rail b) Roads` or
//! `• Rail • Roads`, a new item starts where the *next* marker of the same
//! list follows whitespace (the same bullet; the next number or letter in the
//! same style). Only the next ordinal counts, so `1. Sales rose 4. The ...`
//! stays one item, and dashes never split a line (`- Sales rose - and fell`).

use std::ops::Range;

/// Bullets that may open a list item.
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '-' | '*' | '+' | '•' | '·' | '‣' | '◦' | '▪' | '●' | '■' | '–' | '—' | '⁃'
    )
}

/// Bullets that are not dashes or signs: a number glued to them (`⁃9.`)
/// still reads as a list marker, and they mark items run together on one
/// line (`• Rail • Roads`), where a dash would be punctuation.
fn is_symbol_bullet(c: char) -> bool {
    !matches!(c, '-' | '+' | '*' | '–' | '—')
}

/// How a number or letter is closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `1.`
    Dot,
    /// `1)`
    Paren,
    /// `1.)`
    DotParen,
    /// `(1)`
    Wrapped,
}

/// The counting part of a marker: a number or a lowercase letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ordinal {
    Number(u32),
    Letter(u8),
}

impl Ordinal {
    fn successor(self) -> Self {
        match self {
            Ordinal::Number(n) => Ordinal::Number(n + 1),
            Ordinal::Letter(b) => Ordinal::Letter(b + 1),
        }
    }
}

/// A parsed list marker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Marker {
    /// Byte length, leading indentation included, trailing whitespace not.
    len: usize,
    bullet: Option<char>,
    count: Option<(Ordinal, Style)>,
}

impl Marker {
    /// Whether `other` is the item after `self` in the same list.
    fn is_followed_by(&self, other: &Marker) -> bool {
        if self.bullet != other.bullet {
            return false;
        }
        match (self.count, other.count) {
            (None, None) => self.bullet.is_some(),
            (Some((a, sa)), Some((b, sb))) => sa == sb && a.successor() == b,
            // "• 1. Rail • Roads": the bullet alone marks the next item.
            (Some(_), None) => self.bullet.is_some(),
            (None, Some(_)) => false,
        }
    }
}

/// A number or letter marker (`12.`, `b)`, `3.)`, `(a)`) at the start of
/// `s`: its ordinal, style and byte length. Not checked for what follows.
fn counted(s: &str) -> Option<(Ordinal, Style, usize)> {
    let bytes = s.as_bytes();
    let wrapped = bytes.first() == Some(&b'(');
    let start = usize::from(wrapped);
    let digits = bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let (ordinal, mut at) = match digits {
        1..=3 => (
            Ordinal::Number(s[start..start + digits].parse().ok()?),
            start + digits,
        ),
        0 if bytes.get(start).is_some_and(u8::is_ascii_lowercase) => {
            (Ordinal::Letter(bytes[start]), start + 1)
        }
        _ => return None,
    };
    let style = if wrapped {
        (bytes.get(at) == Some(&b')')).then_some(Style::Wrapped)?
    } else {
        match (bytes.get(at), bytes.get(at + 1)) {
            (Some(b'.'), Some(b')')) => {
                at += 1;
                Style::DotParen
            }
            (Some(b'.'), _) => Style::Dot,
            (Some(b')'), _) => Style::Paren,
            _ => return None,
        }
    };
    Some((ordinal, style, at + 1))
}

/// The marker at the very start of `s` (no indentation), if whitespace
/// follows it.
fn parse_at(s: &str) -> Option<Marker> {
    let followed_by_space = |at: usize| s[at..].chars().next().is_some_and(char::is_whitespace);
    let first = s.chars().next()?;
    if is_bullet(first) {
        let after = first.len_utf8();
        let gap = s[after..].len() - s[after..].trim_start().len();
        if gap == 0 && !is_symbol_bullet(first) {
            return None;
        }
        if let Some((ordinal, style, len)) = counted(&s[after + gap..]) {
            let len = after + gap + len;
            if followed_by_space(len) {
                return Some(Marker {
                    len,
                    bullet: Some(first),
                    count: Some((ordinal, style)),
                });
            }
        }
        return followed_by_space(after).then_some(Marker {
            len: after,
            bullet: Some(first),
            count: None,
        });
    }
    let (ordinal, style, len) = counted(s)?;
    followed_by_space(len).then_some(Marker {
        len,
        bullet: None,
        count: Some((ordinal, style)),
    })
}

/// The marker opening `line`, after any indentation.
fn parse(line: &str) -> Option<Marker> {
    let indent = line.len() - line.trim_start().len();
    let mut marker = parse_at(&line[indent..])?;
    marker.len += indent;
    Some(marker)
}

/// True when the line starts with a list marker followed by whitespace.
pub(crate) fn is_list_item(line: &str) -> bool {
    parse(line).is_some()
}

/// Byte length of the list marker at the start of `s` (with any leading
/// indentation), if there is one.
pub(crate) fn marker_len(s: &str) -> Option<usize> {
    parse(s).map(|m| m.len)
}

/// Splits a block into its list items: when it opens with a list marker, a
/// new item starts at each next marker of the same list that follows
/// whitespace; a list introduced after a colon inside the block (`Key
/// measures: • Ports reopen • Lorries move`, `The plan: 1. Rail 2. Roads`)
/// is split out the same way when its first marker is a symbol bullet, `1`
/// or `a`, a second item follows, every item starts with a capital, and
/// none but the last ends in `,` `;` `and` `or` (which mark an enumeration
/// inside a sentence: `two themes: (a) the cost, and (b) the delay`), and
/// the colon is not inside a quotation. Any other block is one item.
pub(crate) fn items(text: &str, block: Range<usize>) -> Vec<Range<usize>> {
    let s = &text[block.clone()];
    let mut starts = match parse(s) {
        Some(marker) => {
            let mut starts = vec![0];
            starts.extend(next_items(s, 0, marker));
            starts
        }
        None => match list_after_colon(s) {
            Some((at, marker)) => {
                let rest = next_items(s, at, marker);
                if rest.is_empty() || !is_standalone_list(s, at, &rest) {
                    return vec![block];
                }
                let mut starts = vec![0, at];
                starts.extend(rest);
                starts
            }
            None => return vec![block],
        },
    };
    starts.push(s.len());
    starts
        .windows(2)
        .map(|w| block.start + w[0]..block.start + w[1])
        .collect()
}

/// Starts of the items after the one opening at `start` with `marker`.
fn next_items(s: &str, start: usize, mut current: Marker) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut item_start = start;
    let mut prev_space = false;
    for (i, c) in s[start..].char_indices().map(|(i, c)| (start + i, c)) {
        let space = c.is_whitespace();
        if prev_space && i > item_start + current.len && !space {
            let next = parse_at(&s[i..])
                .filter(|m| m.bullet.is_none_or(is_symbol_bullet) && current.is_followed_by(m));
            if let Some(next) = next {
                starts.push(i);
                item_start = i;
                current = next;
            }
        }
        prev_space = space;
    }
    starts
}

/// Whether the items of `s` starting at `first` and `rest` stand alone (a
/// capital after each marker) rather than enumerate inside a sentence (an
/// item ending in `,` `;` `and` `or`).
fn is_standalone_list(s: &str, first: usize, rest: &[usize]) -> bool {
    let mut starts = vec![first];
    starts.extend_from_slice(rest);
    let capitalised = starts.iter().all(|&at| {
        let text = &s[at + parse_at(&s[at..]).map_or(0, |m| m.len)..];
        text.trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    });
    let joined = starts.windows(2).any(|w| {
        let item = s[w[0]..w[1]].trim_end();
        item.ends_with([',', ';']) || item.ends_with(" and") || item.ends_with(" or")
    });
    capitalised && !joined
}

/// The first list marker right after a colon and whitespace that can open a
/// list (a symbol bullet, or the number 1 or letter a), outside quotations.
fn list_after_colon(s: &str) -> Option<(usize, Marker)> {
    s.match_indices(':').find_map(|(colon, _)| {
        let before = &s[..colon];
        if before.matches('"').count() % 2 == 1
            || before.matches('“').count() > before.matches('”').count()
        {
            return None;
        }
        let rest = &s[colon + 1..];
        let at = colon + 1 + (rest.len() - rest.trim_start().len());
        if at == colon + 1 {
            return None;
        }
        let marker = parse_at(&s[at..])?;
        let opens = match (marker.bullet, marker.count) {
            (Some(b), _) => is_symbol_bullet(b),
            (None, Some((ordinal, _))) => {
                matches!(ordinal, Ordinal::Number(1) | Ordinal::Letter(b'a'))
            }
            (None, None) => false,
        };
        opens.then_some((at, marker))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item_texts(text: &str) -> Vec<&str> {
        items(text, 0..text.len())
            .into_iter()
            .map(|r| text[r].trim())
            .collect()
    }

    #[test]
    fn markers_are_recognised() {
        for line in [
            "- Fuel duty frozen",
            "• Rail fares capped",
            "⁃ Bus routes saved",
            "1. Lower taxes",
            "12) More nurses",
            "3.) Fewer rules",
            "a. Build homes",
            "b) Cut bills",
            "(c) Scrap the levy",
            "• 9. Rail",
            "⁃10. Roads",
            "  2. Indented item",
        ] {
            assert!(is_list_item(line), "{line}");
        }
        for line in [
            "-5 degrees at night",
            "-9. Freezing",
            "2005. The year began",
            "1.5 million people",
            "e.g. apples",
            "A. Smith said so",
            "1.)",
            "U.S. troops",
        ] {
            assert!(!is_list_item(line), "{line}");
        }
        assert_eq!(marker_len("3.) Fewer rules"), Some(3));
        assert_eq!(marker_len("• 9. Rail"), Some(4 + 2));
        assert_eq!(marker_len("  ⁃10. Roads"), Some(2 + 3 + 3));
    }

    #[test]
    fn run_together_numbered_items_split() {
        assert_eq!(
            item_texts("1.) Freeze rail fares 2.) Scrap the fuel levy 3.) Cap energy bills"),
            [
                "1.) Freeze rail fares",
                "2.) Scrap the fuel levy",
                "3.) Cap energy bills"
            ]
        );
        assert_eq!(
            item_texts("1) Pensions rise. 2) Taxes fall."),
            ["1) Pensions rise.", "2) Taxes fall."]
        );
        assert_eq!(
            item_texts("(1) Pensions (2) Taxes"),
            ["(1) Pensions", "(2) Taxes"]
        );
    }

    #[test]
    fn run_together_lettered_and_bulleted_items_split() {
        assert_eq!(
            item_texts("a. Hire more teachers b. Repair the schools c. Cap class sizes"),
            [
                "a. Hire more teachers",
                "b. Repair the schools",
                "c. Cap class sizes"
            ]
        );
        assert_eq!(
            item_texts("• 4. Ports reopen • 5. Lorries move"),
            ["• 4. Ports reopen", "• 5. Lorries move"]
        );
        assert_eq!(
            item_texts("⁃4. Ports reopen ⁃5. Lorries move"),
            ["⁃4. Ports reopen", "⁃5. Lorries move"]
        );
        assert_eq!(
            item_texts("• Ports reopen • Lorries move"),
            ["• Ports reopen", "• Lorries move"]
        );
    }

    #[test]
    fn list_after_a_colon_splits_out() {
        assert_eq!(
            item_texts("Key measures: • Ports reopen • Lorries move"),
            ["Key measures:", "• Ports reopen", "• Lorries move"]
        );
        assert_eq!(
            item_texts("The plan has two parts: 1. Freeze fares 2. Cap bus prices"),
            [
                "The plan has two parts:",
                "1. Freeze fares",
                "2. Cap bus prices"
            ]
        );
        // One marker is not a list; a list must start at 1 or a.
        for text in [
            "The score: 1. Then it rained.",
            "It has two themes: (a) the cost, and (b) the delay.",
            "It has two themes: (a) The cost; (b) The delay.",
            "He said: \"Two sins: a) Lying. b) Stealing.\"",
            "The vote: 3. Labour 4. Reform",
            "Time: 10:30 1. Then 2. Then",
        ] {
            assert_eq!(item_texts(text), [text], "{text}");
        }
    }

    #[test]
    fn only_the_next_marker_of_the_same_list_splits() {
        // Out of sequence, another style, or a hyphen inside the text.
        for text in [
            "1. Sales rose 4. The rest fell",
            "1. Sales rose 2) The rest fell",
            "a. Plan a. Plan again",
            "- Sales rose - and fell",
            "Sales rose 1. Then 2. Then",
        ] {
            assert_eq!(item_texts(text), [text], "{text}");
        }
    }
}
