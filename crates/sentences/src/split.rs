//! The rule-based splitter: paragraphs, then list items and headlines, then
//! punctuation decisions inside each block. One left-to-right pass; every
//! look-back or look-ahead is bounded, so the whole thing is linear.

use std::ops::Range;

use crate::{abbreviations, ellipsis, lexicon, lists, quotes};

/// Longest previous word (in chars) examined for abbreviation rules. Longer
/// words are never abbreviations.
const MAX_WORD: usize = 48;
/// Longest single-line paragraph (in chars) treated as a headline.
const MAX_HEADLINE: usize = 250;

pub(crate) fn split(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        let first = out.len();
        split_paragraph(text, para, &mut out);
        merge_punctuation_only(text, &mut out, first);
    }
    out
}

/// True when `s` holds no letter or digit.
fn is_punctuation_only(s: &str) -> bool {
    !s.chars().any(char::is_alphanumeric)
}

/// No sentence is made of punctuation alone: such a piece of one paragraph
/// (`out[first..]`) joins the sentence before it, or, while no sentence of
/// the paragraph has been kept yet, the one after it. One pass: each piece's
/// own text is looked at once (re-testing a growing merged piece made this
/// quadratic on a paragraph of thousands of `?!"` pieces).
fn merge_punctuation_only(text: &str, out: &mut Vec<Range<usize>>, first: usize) {
    if out.len() - first < 2 {
        return;
    }
    let pieces = out.split_off(first);
    let last_end = pieces.last().map_or(0, |p| p.end);
    let mut leading: Option<usize> = None;
    for piece in pieces {
        if !is_punctuation_only(&text[piece.clone()]) {
            let start = leading.take().unwrap_or(piece.start);
            out.push(start..piece.end);
        } else if out.len() > first {
            out.last_mut().expect("a kept piece").end = piece.end;
        } else {
            leading.get_or_insert(piece.start);
        }
    }
    // Every piece was punctuation: the paragraph is one sentence.
    if let Some(start) = leading {
        out.push(start..last_end);
    }
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
        '"' | '\'' | '“' | '‘' | '„' | '(' | '[' | '{' | '«' | '‹' | '¿' | '¡' | '*' | '_'
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

/// A single short title-cased line that does not end in sentence
/// punctuation. (Sentence-case headlines rarely hold anything the ordinary
/// rules would split; unpunctuated body text, signatures and captions do, so
/// they are left to the ordinary rules.)
fn is_headline(para: &str) -> bool {
    if para.contains('\n') || para.chars().count() > MAX_HEADLINE {
        return false;
    }
    let end = para.trim_end().trim_end_matches(is_closer);
    if end.ends_with(is_terminator) || end.ends_with([':', ';', ',']) {
        return false;
    }
    let (mut words, mut capitalised) = (0, 0);
    for word in para.split_whitespace() {
        if let Some(c) = word.chars().find(|c| c.is_alphabetic()) {
            words += 1;
            capitalised += usize::from(c.is_uppercase());
        }
    }
    words > 0 && capitalised * 5 >= words * 3
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
        let item = lists::is_list_item(s);
        let continuation = block_is_item && !item && s.starts_with(char::is_whitespace);
        match block.take() {
            Some(b) if !item && (!block_is_item || continuation) => {
                block = Some(b.start..line.end);
            }
            previous => {
                if let Some(b) = previous {
                    split_item_or_block(text, b, out);
                }
                block = Some(line);
                block_is_item = item;
            }
        }
    }
    if let Some(b) = block {
        split_item_or_block(text, b, out);
    }
}

/// Splits a block, first into its list items (items run together on one
/// line).
fn split_item_or_block(text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    for item in lists::items(text, block) {
        split_block(text, item, out);
    }
}

fn char_at(text: &str, i: usize) -> Option<char> {
    text[i..].chars().next()
}

/// Splits one block (a paragraph or a list item) at sentence boundaries.
fn split_block(text: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    let end = block.end;
    let mut sentence_start = block.start;
    // The period of a "1." marker is not a sentence end.
    let mut i = block.start + lists::marker_len(&text[block.clone()]).unwrap_or(0);
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
        let run_end = ellipsis::spaced_end(text, run_start, j, end).unwrap_or(j);
        j = run_end;
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
        // Citation markers ("... in 2014. [4] [5] He") stay with the
        // sentence they close.
        let mut boundary = boundary;
        let mut citations = 0;
        while citations < 8 {
            let Some(len) = citation_len(&text[k..end]) else {
                break;
            };
            citations += 1;
            boundary = k + len;
            k = boundary;
            while let Some(c) = char_at(text, k).filter(|&c| k < end && c.is_whitespace()) {
                k += c.len_utf8();
            }
        }
        if k >= end {
            break;
        }
        let cx = Context {
            text,
            block_start: sentence_start,
            run: &text[run_start..run_end],
            run_start,
            closers: &text[run_end..j],
            next: k,
            end,
        };
        if cx.is_boundary() {
            push_trimmed(text, sentence_start..boundary, out);
            sentence_start = k;
            // A list marker opening the new sentence ("... rose. 2. Taxes")
            // is part of it.
            i = k + lists::marker_len(&text[k..end]).unwrap_or(0);
        } else {
            i = k;
        }
    }
    push_trimmed(text, sentence_start..end, out);
}

/// Byte length of a citation marker like `[12]` at the start of `s`.
fn citation_len(s: &str) -> Option<usize> {
    let inner = s.strip_prefix('[')?;
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits).then_some(())?;
    inner[digits..].starts_with(']').then_some(digits + 2)
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
    /// Closing quotes or brackets right after the run.
    closers: &'t str,
    /// First non-whitespace byte after the run and its closers.
    next: usize,
    end: usize,
}

impl<'t> Context<'t> {
    fn closed(&self) -> bool {
        !self.closers.is_empty()
    }

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
        // A spaced ellipsis may follow a space ("word . . .").
        let before = self.text[self.block_start..self.run_start].trim_end();
        let word_end = self.block_start + before.len();
        let mut start = word_end;
        for (n, (idx, c)) in before.char_indices().rev().enumerate() {
            if c.is_whitespace() {
                break;
            }
            if n >= MAX_WORD {
                return None;
            }
            start = self.block_start + idx;
        }
        Some(self.text[start..word_end].trim_start_matches(is_opener))
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
        // An ellipsis opening a sentence ("... and then") belongs to it.
        if self.punct() == Punct::Ellipsis
            && !self.text[self.block_start..self.run_start]
                .chars()
                .any(|c| !c.is_whitespace() && !is_opener(c))
        {
            return false;
        }
        if quotes::closes_quotation(self.closers)
            && quotes::starts_with_citation(&self.text[self.next..self.end])
        {
            return false;
        }
        let (first, next) = self.next_word();
        let Some(first) = first else { return true };
        if first.is_lowercase() {
            return self.lowercase_is_boundary(next);
        }
        if matches!(
            first,
            ',' | ';' | ':' | ')' | ']' | '}' | '-' | '–' | '—' | '&'
        ) {
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

    /// Before a lowercase word a boundary is the exception: "Why?" she
    /// asked. / etc. and more / Corp. said. Informal text still starts
    /// sentences in lowercase, so a `?` or `!` without closing quote after a
    /// lowercase word, or a period after a plain lowercase word of two or
    /// more letters followed by a typical opener ("... all day. the next",
    /// "i loved it. why ..."), does end one.
    fn lowercase_is_boundary(&self, next: &str) -> bool {
        // A quotation or parenthesis closed with its own punctuation, then a
        // lowercase word: `"We are done." she said.`
        if self.closed()
            && (self.punct() != Punct::Period
                || quotes::continues_after_closer(
                    self.text,
                    self.block_start..self.run_start,
                    self.closers,
                    next,
                ))
        {
            return false;
        }
        let Some(word) = self.previous_word() else {
            return false;
        };
        let plain_lowercase = word.chars().next().is_some_and(char::is_lowercase)
            && word.chars().all(char::is_alphabetic);
        match self.punct() {
            Punct::Strong => !self.closed() && plain_lowercase,
            Punct::Ellipsis => false,
            Punct::Period => {
                let len = word.chars().count();
                let number = word.chars().all(|c| c.is_ascii_digit());
                let ordinary =
                    plain_lowercase && len >= 2 && word != "etc" && !lexicon::is_abbreviation(word);
                (ordinary && (len >= 4 || lexicon::is_lowercase_starter(next)))
                    || (number && lexicon::is_lowercase_starter(next))
            }
        }
    }

    fn period_is_boundary(&self, upper: bool, digit: bool, next: &str) -> bool {
        let Some(word) = self.previous_word() else {
            return true;
        };
        let lowercase_initial = {
            let mut cs = word.chars();
            matches!((cs.next(), cs.next()), (Some(c), None) if c.is_lowercase())
        };
        if lexicon::is_title(word) || lexicon::is_never_final(word) || lowercase_initial {
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
            // "in the U.S. The ...": only a clear sentence start counts.
            let so_far = &self.text[self.block_start..self.run_start];
            if abbreviations::is_opening_phrase(so_far) {
                return false;
            }
            let clear_start = lexicon::is_starter(next)
                || (abbreviations::ends_before_title(word)
                    && abbreviations::title_and_name(&self.text[self.next..self.end]));
            return (upper && clear_start) || (single_initial && digit);
        }
        true
    }
}

/// The sentences [`split`] finds in `text`, as text (for the rule families' tests).
#[cfg(test)]
pub(crate) fn sents(text: &str) -> Vec<&str> {
    split(text).into_iter().map(|r| &text[r]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_sentences() {
        assert_eq!(
            sents("Hello world. This is a test."),
            ["Hello world.", "This is a test."]
        );
        assert_eq!(split("  Hello world.  Bye. "), vec![2..14, 16..20]);
    }

    #[test]
    fn punctuation_pieces_join_their_neighbours() {
        assert_eq!(
            sents("?! \"…\" Prices rose. ... !!! Rents fell. ?!"),
            ["?! \"…\" Prices rose. ... !!!", "Rents fell. ?!"]
        );
        // A paragraph of punctuation alone is one sentence (the fuzz input
        // that made this quadratic, repeated 100 times).
        let text = "\u{10}..…?!\"\u{2000}".repeat(100);
        assert_eq!(split(&text), vec![0..text.trim_end().len()]);
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
        assert!(!lists::is_list_item("-5 degrees"));
        assert!(!lists::is_list_item("2005. The"));
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
            sents(
                "It began on Jan. 5 and ended Sept. 11. No. 10 Downing St. said so. See pp. 4-5."
            ),
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
            sents(
                "Profits hit $1.13bn, up 3.5% on £600m. Trading opens at 10.30am. 42 people came."
            ),
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
            [
                "“We will fight,” he said.",
                "“We will win.”",
                "Then he left."
            ]
        );
        assert_eq!(
            sents("\"Why?\" she asked. \"Stop!\" he shouted. \"Now?\" Yes."),
            [
                "\"Why?\" she asked.",
                "\"Stop!\" he shouted.",
                "\"Now?\"",
                "Yes."
            ]
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
            sents(
                "It cost approx. ten dollars, Acme Corp. said at 9 a.m. on Monday, etc. and more."
            ),
            ["It cost approx. ten dollars, Acme Corp. said at 9 a.m. on Monday, etc. and more."]
        );
        assert_eq!(sents("It was big. bad luck."), ["It was big. bad luck."]);
    }

    #[test]
    fn informal_lowercase_sentence_starts() {
        // A plain word of four or more letters before the period, or a
        // typical opener after it, marks a lowercase sentence start.
        assert_eq!(
            sents("call them today. they left. see you at 5. we wait. where? here."),
            [
                "call them today.",
                "they left.",
                "see you at 5.",
                "we wait.",
                "where?",
                "here."
            ]
        );
        // Quoted questions keep their cue; brand names keep their "!".
        assert_eq!(
            sents("“Where?” she asked. Yahoo! said no."),
            ["“Where?” she asked.", "Yahoo! said no."]
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
