//! The rule-based splitter: paragraphs, then list items and headlines, then
//! punctuation decisions inside each block. One left-to-right pass; every
//! look-back or look-ahead is bounded, so the whole thing is linear.

use std::ops::Range;

use crate::lexicon;

/// Longest previous word (in chars) examined for abbreviation rules. Longer
/// words are never abbreviations.
const MAX_WORD: usize = 48;
/// Longest single-line paragraph (in chars) treated as a headline.
const MAX_HEADLINE: usize = 250;

pub(crate) fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        split_paragraph(text, para, &mut out);
    }
    out
}

/// Characters that can end a sentence.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉')
}

/// Characters that may follow the final punctuation and still belong to the
/// sentence: closing quotes and brackets.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | ')' | ']' | '}' | '»' | '›' | '*' | '_'
    )
}

/// Characters that may precede the first word of a sentence.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\''
            | '“'
            | '‘'
            | '„'
            | '('
            | '['
            | '{'
            | '«'
            | '‹'
            | '¿'
            | '¡'
            | '*'
            | '_'
    )
}

/// `range` shrunk to exclude surrounding whitespace; `None` when blank.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        None
    } else {
        Some(range.start + lead..range.end - trail)
    }
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    if let Some(r) = trimmed(text, range) {
        out.push(r);
    }
}

/// Byte ranges of the lines of `text[range]`, without their `\n`.
fn lines(text: &str, range: Range<usize>) -> impl Iterator<Item = Range<usize>> + '_ {
    let base = range.start;
    text[range].split('\n').scan(base, |pos, line| {
        let start = *pos;
        *pos += line.len() + 1;
        Some(start..start + line.len())
    })
}

/// Paragraphs: maximal runs of non-blank lines. A blank line (empty or only
/// whitespace) is a hard boundary.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    for line in lines(text, 0..text.len()) {
        if text[line.clone()].trim().is_empty() {
            if let Some(p) = current.take() {
                out.push(p);
            }
        } else {
            current = Some(match current {
                Some(p) => p.start..line.end,
                None => line,
            });
        }
    }
    out.extend(current);
    out
}

/// True when the line starts with a list marker followed by whitespace:
/// `-`, `*`, `•` and similar bullets, `1.`, `12)`, `a)`.
pub(crate) fn is_list_item(line: &str) -> bool {
    let s = line.trim_start();
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let followed_by_space = |rest: &str| rest.chars().next().is_some_and(char::is_whitespace);
    match first {
        '-' | '*' | '•' | '·' | '‣' | '◦' | '▪' | '●' | '■' | '–' | '—' | '+' => {
            followed_by_space(chars.as_str())
        }
        '0'..='9' => {
            let digits = s.chars().take_while(char::is_ascii_digit).count();
            let rest = &s[digits..];
            digits <= 3
                && (rest.starts_with('.') || rest.starts_with(')'))
                && followed_by_space(&rest[1..])
        }
        c if c.is_ascii_lowercase() => {
            let rest = chars.as_str();
            rest.starts_with(')') && followed_by_space(&rest[1..])
        }
        _ => false,
    }
}

/// A single short line that does not end in sentence punctuation.
fn is_headline(para: &str) -> bool {
    if para.contains('\n') || para.chars().count() > MAX_HEADLINE {
        return false;
    }
    let end = para.trim_end().trim_end_matches(is_closer);
    !end.ends_with(is_terminator) && !end.ends_with([':', ';', ','])
}

fn split_paragraph(text: &str, para: Range<usize>, out: &mut Vec<Range<usize>>) {
    if is_headline(&text[para.clone()]) {
        push_trimmed(text, para, out);
        return;
    }
    // Blocks: a list item (with its indented continuation lines) is a block
    // of its own; the line after a list item starts a new block.
    let mut block: Option<Range<usize>> = None;
    let mut block_is_item = false;
    for line in lines(text, para) {
        let s = &text[line.clone()];
        let item = is_list_item(s);
        let continuation = block_is_item && !item && s.starts_with(char::is_whitespace);
        match block.take() {
            Some(b) if !item && (!block_is_item || continuation) => {
                block = Some(b.start..line.end);
            }
            previous => {
                if let Some(b) = previous {
                    split_block(text, b, out);
                }
                block = Some(line);
                block_is_item = item;
            }
        }
    }
    if let Some(b) = block {
        split_block(text, b, out);
    }
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Splits one block (a paragraph or a list item) at sentence boundaries.
fn split_block(text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    let end = block.end;
    let mut sentence_start = block.start;
    let mut i = block.start;
    while i < end {
        let Some(c) = char_at(text, i) else { break };
        if !is_terminator(c) {
            i += c.len_utf8();
            continue;
        }
        let run_start = i;
        let mut j = i;
        while let Some(c) = char_at(text, j).filter(|&c| j < end && is_terminator(c)) {
            j += c.len_utf8();
        }
        let run_end = j;
        while let Some(c) = char_at(text, j).filter(|&c| j < end && is_closer(c)) {
            j += c.len_utf8();
        }
        let boundary = j;
        // Punctuation glued to the next character (3.5, bbc.co.uk, U.S,
        // 10.30am, "Yahoo!'s") is never a boundary.
        match char_at(text, j).filter(|_| j < end) {
            None => break,
            Some(c) if !c.is_whitespace() => {
                i = run_end;
                continue;
            }
            Some(_) => {}
        }
        let mut k = j;
        while let Some(c) = char_at(text, k).filter(|&c| k < end && c.is_whitespace()) {
            k += c.len_utf8();
        }
        if k >= end {
            break;
        }
        let cx = Context {
            text,
            block_start: sentence_start,
            run: &text[run_start..run_end],
            run_start,
            next: k,
            end,
        };
        if cx.is_boundary() {
            push_trimmed(text, sentence_start..boundary, out);
            sentence_start = k;
        }
        i = k;
    }
    push_trimmed(text, sentence_start..end, out);
}

/// Kinds of final punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Punct {
    /// A single period.
    Period,
    /// "..." or "…".
    Ellipsis,
    /// Anything with `?` or `!`.
    Strong,
}

/// Everything the boundary decision looks at around one punctuation run.
struct Context<'t> {
    text: &'t str,
    /// Start of the current sentence (bound for the look-back).
    block_start: usize,
    /// The punctuation run.
    run: &'t str,
    run_start: usize,
    /// First non-whitespace byte after the run and its closers.
    next: usize,
    end: usize,
}

impl<'t> Context<'t> {
    fn punct(&self) -> Punct {
        if self.run.contains(['?', '!', '‼', '⁇', '⁈', '⁉']) {
            Punct::Strong
        } else if self.run.contains('…') || self.run.len() > 1 {
            Punct::Ellipsis
        } else {
            Punct::Period
        }
    }

    /// The word right before the punctuation, without leading quotes or
    /// brackets; `None` when it is longer than [`MAX_WORD`].
    fn previous_word(&self) -> Option<&'t str> {
        let before = &self.text[self.block_start..self.run_start];
        let mut start = self.run_start;
        for (n, (idx, c)) in before.char_indices().rev().enumerate() {
            if c.is_whitespace() {
                break;
            }
            if n >= MAX_WORD {
                return None;
            }
            start = self.block_start + idx;
        }
        Some(self.text[start..self.run_start].trim_start_matches(is_opener))
    }

    /// First character of the next sentence candidate, after opening quotes
    /// and brackets, and the word it starts.
    fn next_word(&self) -> (Option<char>, &'t str) {
        let rest = &self.text[self.next..self.end];
        let mut skipped = 0;
        for (n, c) in rest.char_indices() {
            if !is_opener(c) || n > 16 {
                skipped = n;
                break;
            }
            skipped = n + c.len_utf8();
        }
        let rest = &rest[skipped..];
        let first = rest.chars().next();
        let word_len: usize = rest
            .chars()
            .take(MAX_WORD)
            .take_while(|&c| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-')
            .map(char::len_utf8)
            .sum();
        (first, &rest[..word_len])
    }

    fn is_boundary(&self) -> bool {
        let (first, next) = self.next_word();
        let Some(first) = first else { return true };
        if first.is_lowercase() {
            // "Why?" she asked. / etc. and more / e.g. this
            return false;
        }
        if matches!(first, ',' | ';' | ':' | ')' | ']' | '}' | '-' | '–' | '—' | '&') {
            return false;
        }
        let upper = first.is_uppercase();
        let digit = first.is_numeric();
        match self.punct() {
            Punct::Strong => true,
            Punct::Ellipsis => {
                if !upper || next == "I" {
                    return false;
                }
                // "Barack ... Obama": a capitalised word on both sides reads as
                // an interrupted name unless the next word opens sentences.
                let prev_capitalised = self
                    .previous_word()
                    .and_then(|w| w.chars().next())
                    .is_some_and(char::is_uppercase);
                !prev_capitalised || lexicon::is_starter(next)
            }
            Punct::Period => self.period_is_boundary(upper, digit, next),
        }
    }

    fn period_is_boundary(&self, upper: bool, digit: bool, next: &str) -> bool {
        let Some(word) = self.previous_word() else {
            return true;
        };
        if lexicon::is_title(word) || lexicon::is_never_final(word) {
            return false;
        }
        if lexicon::is_month(word) || lexicon::is_before_number(word) {
            return !digit;
        }
        let single_initial = {
            let mut cs = word.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_uppercase())
        };
        if lexicon::is_soft(word) || lexicon::is_dotted_initialism(word) || single_initial {
            // "U.S. Senate", "Acme Inc. CEO", "George W. Bush" vs
            // "in the U.S. The ...": only a typical opener starts a sentence.
            return (upper && lexicon::is_starter(next)) || (single_initial && digit);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn simple_sentences() {
        assert_eq!(
            sents("Hello world. This is a test."),
            ["Hello world.", "This is a test."]
        );
        assert_eq!(split("  Hello world.  Bye. "), vec![2..14, 16..20]);
    }

    #[test]
    fn empty_and_blank_text() {
        assert!(split("").is_empty());
        assert!(split(" \n\n \t\n").is_empty());
    }

    #[test]
    fn paragraph_breaks_are_hard_boundaries() {
        assert_eq!(
            sents("The talks failed and\n\nofficials left. Then they ate."),
            ["The talks failed and", "officials left.", "Then they ate."]
        );
        assert_eq!(sents("One\r\n\r\nTwo"), ["One", "Two"]);
        assert_eq!(sents("One\n  \nTwo"), ["One", "Two"]);
        // A single newline is ordinary whitespace.
        assert_eq!(
            sents("The talks\nfailed. Officials\nleft."),
            ["The talks\nfailed.", "Officials\nleft."]
        );
    }

    #[test]
    fn headline_without_punctuation_is_one_sentence() {
        let text = "Markets Fall as U.S. Talks Stall? Analysts Split\n\nShares fell. Bonds rose.";
        assert_eq!(
            sents(text),
            [
                "Markets Fall as U.S. Talks Stall? Analysts Split",
                "Shares fell.",
                "Bonds rose."
            ]
        );
    }

    #[test]
    fn list_items_are_their_own_sentences() {
        let text = "Key points:\n- Prices rose\n* Wages fell\n• Rents doubled\n1. First item\n12) Twelfth item\na) Lettered item";
        assert_eq!(
            sents(text),
            [
                "Key points:",
                "- Prices rose",
                "* Wages fell",
                "• Rents doubled",
                "1. First item",
                "12) Twelfth item",
                "a) Lettered item"
            ]
        );
        // An indented line continues the item; the item is split inside.
        assert_eq!(
            sents("- Prices rose. Wages fell\n  sharply.\nAfter that"),
            ["- Prices rose.", "Wages fell\n  sharply.", "After that"]
        );
        assert!(!is_list_item("-5 degrees"));
        assert!(!is_list_item("2005. The"));
    }

    #[test]
    fn titles_never_end_sentences() {
        let text = "Mr. Smith met Mrs. Jones, Dr. Who, Gen. Lee, Lt. Col. Hart, Sen. Reid, Rep. Ryan, Gov. Brown, Prof. Xu and St. Paul. They left.";
        assert_eq!(sents(text).len(), 2);
        assert_eq!(sents(text)[1], "They left.");
    }

    #[test]
    fn months_and_numbers() {
        assert_eq!(
            sents("It began on Jan. 5 and ended Sept. 11. No. 10 Downing St. said so. See pp. 4-5."),
            [
                "It began on Jan. 5 and ended Sept. 11.",
                "No. 10 Downing St. said so.",
                "See pp. 4-5."
            ]
        );
        assert_eq!(
            sents("It ends in Dec. Then it resumes."),
            ["It ends in Dec.", "Then it resumes."]
        );
    }

    #[test]
    fn dotted_initialisms() {
        assert_eq!(
            sents("The U.S. Senate and the U.K. government met at the U.N. on Monday."),
            ["The U.S. Senate and the U.K. government met at the U.N. on Monday."]
        );
        assert_eq!(
            sents("Troops returned to the U.S. The war was over."),
            ["Troops returned to the U.S.", "The war was over."]
        );
        assert_eq!(
            sents("It opens at 9 a.m. Police said so."),
            ["It opens at 9 a.m. Police said so."]
        );
    }

    #[test]
    fn latin_abbreviations() {
        assert_eq!(
            sents("Fruit, e.g. Apples and pears, i.e. Pome fruit, etc. are sold."),
            ["Fruit, e.g. Apples and pears, i.e. Pome fruit, etc. are sold."]
        );
        assert_eq!(
            sents("They sell apples, pears, etc. The shop is new."),
            ["They sell apples, pears, etc.", "The shop is new."]
        );
        assert_eq!(
            sents("It was Apple vs. Samsung. Samsung won."),
            ["It was Apple vs. Samsung.", "Samsung won."]
        );
    }

    #[test]
    fn company_suffixes() {
        assert_eq!(
            sents("Acme Inc. CEO Jane Doe quit. Shares in Foo Ltd. rose."),
            ["Acme Inc. CEO Jane Doe quit.", "Shares in Foo Ltd. rose."]
        );
        assert_eq!(
            sents("He joined Ford Motor Co. The move surprised many. He left Acme Corp. In May he quit."),
            [
                "He joined Ford Motor Co.",
                "The move surprised many.",
                "He left Acme Corp.",
                "In May he quit."
            ]
        );
    }

    #[test]
    fn single_letter_initials() {
        assert_eq!(
            sents("J. K. Rowling met George W. Bush. They talked."),
            ["J. K. Rowling met George W. Bush.", "They talked."]
        );
        assert_eq!(
            sents("He backed Plan B. The rest followed."),
            ["He backed Plan B.", "The rest followed."]
        );
    }

    #[test]
    fn decimals_money_times_and_percentages() {
        assert_eq!(
            sents("Profits hit $1.13bn, up 3.5% on £600m. Trading opens at 10.30am. 42 people came."),
            [
                "Profits hit $1.13bn, up 3.5% on £600m.",
                "Trading opens at 10.30am.",
                "42 people came."
            ]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            sents("He paused... The room was silent… Then he spoke."),
            ["He paused...", "The room was silent…", "Then he spoke."]
        );
        assert_eq!(
            sents("He said... well, nothing... I think."),
            ["He said... well, nothing... I think."]
        );
        // Capitalised on both sides: an interrupted name, not a boundary.
        assert_eq!(
            sents("It was Barack... Obama who won."),
            ["It was Barack... Obama who won."]
        );
        assert_eq!(
            sents("It was Barack... The crowd cheered."),
            ["It was Barack...", "The crowd cheered."]
        );
    }

    #[test]
    fn quotations() {
        assert_eq!(
            sents("Its position remains “very strong.” The talks went on."),
            ["Its position remains “very strong.”", "The talks went on."]
        );
        assert_eq!(
            sents("“We will fight,” he said. “We will win.” Then he left."),
            ["“We will fight,” he said.", "“We will win.”", "Then he left."]
        );
        assert_eq!(
            sents("\"Why?\" she asked. \"Stop!\" he shouted. \"Now?\" Yes."),
            ["\"Why?\" she asked.", "\"Stop!\" he shouted.", "\"Now?\"", "Yes."]
        );
        assert_eq!(
            sents("He left. 'It is over,' she said."),
            ["He left.", "'It is over,' she said."]
        );
    }

    #[test]
    fn parentheses() {
        assert_eq!(
            sents("The war ended. (It began in 1939.) Peace followed (mostly). Then (in May) talks began."),
            [
                "The war ended.",
                "(It began in 1939.)",
                "Peace followed (mostly).",
                "Then (in May) talks began."
            ]
        );
    }

    #[test]
    fn urls_emails_and_domains() {
        assert_eq!(
            sents("Read bbc.co.uk or https://example.com/a.b?x=1. Email news@example.org. Thanks."),
            [
                "Read bbc.co.uk or https://example.com/a.b?x=1.",
                "Email news@example.org.",
                "Thanks."
            ]
        );
    }

    #[test]
    fn question_and_exclamation() {
        assert_eq!(
            sents("Is it over? No! It is not?! Really."),
            ["Is it over?", "No!", "It is not?!", "Really."]
        );
    }

    #[test]
    fn sentences_starting_with_digits_or_quotes() {
        assert_eq!(
            sents("It rained. 2024 was hot. “Unbelievable,” he said. ‘Fine.’"),
            [
                "It rained.",
                "2024 was hot.",
                "“Unbelievable,” he said.",
                "‘Fine.’"
            ]
        );
    }

    #[test]
    fn lowercase_continuation_is_not_a_boundary() {
        assert_eq!(
            sents("The cost was approx. twenty dollars. ok."),
            ["The cost was approx. twenty dollars. ok."]
        );
    }

    #[test]
    fn ranges_are_byte_ranges_with_multibyte_text() {
        let text = "Türkiye won. Qatar lost… “Über” came.";
        let ranges = split(text);
        assert_eq!(ranges.len(), 3);
        assert_eq!(&text[ranges[0].clone()], "Türkiye won.");
        assert_eq!(ranges[0], 0..13);
        assert_eq!(&text[ranges[2].clone()], "“Über” came.");
    }
}
