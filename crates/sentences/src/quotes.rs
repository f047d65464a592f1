//! Quotations and parentheses that close with their own final punctuation
//! inside a longer sentence.
//!
//! - A full stop (or `?`, `!`) followed by a closing quotation mark and then
//!   a lowercase word does not end the sentence: `The minister turned to
//!   reporters, "We are done here." she said.` is one sentence (a web
//!   address after the quotation, `... here." http://...`, is not a
//!   continuation).
//! - The same holds after a closing bracket when the bracket opened inside
//!   the sentence: `The ruling (It runs to 212 pages.) was read out in
//!   full.` is one sentence, while in `It failed. (Nobody came.) he said
//!   later` the parenthesis is a sentence of its own and the ordinary rules
//!   decide. (Without a closing mark, a lowercase word after a full stop may
//!   still start an informal sentence; see `split.rs`.)
//! - A citation in parentheses (short, with a number: a year or a page)
//!   right after a closing quotation mark belongs to the quoted sentence: in
//!   `"Our members [...] rejected the offer" (Unite, 2022). Talks resume on
//!   Monday.` the sentence ends after `(Unite, 2022).`, not after the
//!   quotation.

use std::ops::Range;

/// Longest parenthesised citation (in bytes, brackets included) that is
/// kept with the quotation before it.
const MAX_CITATION: usize = 80;

/// Closing quotation marks.
fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›')
}

/// True when the closing marks after a punctuation run include a quotation
/// mark.
pub(crate) fn closes_quotation(closers: &str) -> bool {
    closers.chars().any(is_closing_quote)
}

/// Whether a lowercase word `next` continues the sentence after the closing
/// marks `closers` that follow a full stop at the end of `so_far` (the
/// sentence up to that full stop).
pub(crate) fn continues_after_closer(
    text: &str,
    so_far: Range<usize>,
    closers: &str,
    next: &str,
) -> bool {
    if closes_quotation(closers) {
        return !matches!(next, "http" | "https" | "www");
    }
    if !closers.contains([')', ']']) {
        return false;
    }
    // The bracket must have opened after some words of this sentence.
    let s = &text[so_far];
    s.rfind(['(', '['])
        .is_some_and(|open| s[..open].chars().any(char::is_alphanumeric))
}

/// True when `rest` opens with a short parenthesised citation that ends the
/// sentence and holds a number: `(Reuters 2019).`, `(ibid., p. 4).`,
/// `(Smith 55)!`.
pub(crate) fn starts_with_citation(rest: &str) -> bool {
    let Some(inner) = rest.strip_prefix('(') else {
        return false;
    };
    let Some(close) = inner
        .char_indices()
        .take_while(|&(i, _)| i < MAX_CITATION)
        .find(|&(_, c)| matches!(c, ')' | '(' | '\n'))
        .filter(|&(_, c)| c == ')')
        .map(|(i, _)| i)
    else {
        return false;
    };
    let cited = &inner[..close];
    if !cited.chars().any(|c| c.is_ascii_digit()) || cited.split_whitespace().count() > 6 {
        return false;
    }
    let after = &inner[close + 1..];
    let mut chars = after.chars();
    matches!(chars.next(), Some('.' | '!' | '?')) && chars.next().is_none_or(char::is_whitespace)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::split::sents;

    #[test]
    fn citations_are_recognised() {
        assert!(starts_with_citation("(Reuters 2019)."));
        assert!(starts_with_citation("(ibid., p. 4). Next"));
        assert!(!starts_with_citation("(Reuters 2019) said"));
        assert!(!starts_with_citation("(It began in 1939.)"));
        assert!(!starts_with_citation("Reuters 2019)."));
        assert!(!starts_with_citation("(The post no longer exists)."));
    }

    #[test]
    fn quoted_sentence_then_lowercase_continues() {
        assert_eq!(
            sents("The coach looked at the scoreboard, \"That was our worst half all season.\" he told reporters."),
            ["The coach looked at the scoreboard, \"That was our worst half all season.\" he told reporters."]
        );
        assert_eq!(
            sents("Asked about the strike, she replied, 'Nobody wants this.' and walked off."),
            ["Asked about the strike, she replied, 'Nobody wants this.' and walked off."]
        );
        assert_eq!(
            sents("He wrote on X: “Is this really the end?” then deleted the post."),
            ["He wrote on X: “Is this really the end?” then deleted the post."]
        );
    }

    #[test]
    fn web_address_after_a_quotation_is_not_a_continuation() {
        assert_eq!(
            sents("The site calls it \"a scam.\" http://example.com/report"),
            ["The site calls it \"a scam.\"", "http://example.com/report"]
        );
    }

    #[test]
    fn quoted_sentence_then_capital_still_splits() {
        assert_eq!(
            sents("The mayor told the council, \"The budget is balanced.\" Opposition members disagreed."),
            [
                "The mayor told the council, \"The budget is balanced.\"",
                "Opposition members disagreed."
            ]
        );
    }

    #[test]
    fn parenthesised_sentence_inside_a_sentence() {
        assert_eq!(
            sents("The ruling (It runs to 212 pages.) was read out in full. Lawyers left."),
            [
                "The ruling (It runs to 212 pages.) was read out in full.",
                "Lawyers left."
            ]
        );
        assert_eq!(
            sents("The shop shut. (It had traded for a century.) locals were upset."),
            [
                "The shop shut.",
                "(It had traded for a century.)",
                "locals were upset."
            ]
        );
        assert_eq!(
            sents("The war ended in 1945. (It had begun in 1939.) Peace talks followed."),
            [
                "The war ended in 1945.",
                "(It had begun in 1939.)",
                "Peace talks followed."
            ]
        );
    }

    #[test]
    fn citation_after_a_quotation_stays_with_it() {
        assert_eq!(
            sents(
                "\"Our members [...] rejected the offer\" (Unite, 2022). Talks resume on Monday."
            ),
            [
                "\"Our members [...] rejected the offer\" (Unite, 2022).",
                "Talks resume on Monday."
            ]
        );
        assert_eq!(
            sents("“The economy will recover.” (Bank of England, 2023). Few agreed."),
            [
                "“The economy will recover.” (Bank of England, 2023).",
                "Few agreed."
            ]
        );
    }
}
