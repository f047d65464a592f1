//! Text an HTML page holds more than once, kept once.
//!
//! Pages carry several copies of the same article: a desktop and a mobile
//! body, an AMP or print variant, the body again inside a JSON or
//! `<noscript>` block, a "read more" expansion that repeats the teaser; and
//! pull quotes repeat one sentence of the article in large type. The HTML
//! extractor can pick a container holding several of them, and then every
//! claim in the article is read two or four times.
//!
//! A paragraph of the cleaned page text of at least [`MIN_WORDS`] words
//! that an earlier paragraph already holds word for word (letters and digits
//! compared, case ignored) is dropped; so is such a paragraph that lies
//! inside a longer one elsewhere in the page (a teaser the body repeats), or
//! that is made of sentences other paragraphs hold, give or take a credit
//! line (a pull quote). Shorter paragraphs are left to the repeated-line rule
//! of `furniture` (three copies or more), since a short line ("Reuters", a
//! one-word answer in an interview) can rightly recur.

use regex::Regex;
use std::collections::HashSet;
use std::sync::LazyLock;

/// At least this many words (or [`MIN_UNSPACED_CHARS`] characters in
/// scripts written without spaces) for a line to count as a passage whose
/// second copy is dropped.
pub(crate) const MIN_WORDS: usize = 8;
/// The same for Chinese, Japanese, Thai, ... text.
const MIN_UNSPACED_CHARS: usize = 30;
/// Above this many characters of text, only exact copies of whole lines are
/// looked for (finding lines inside other lines would cost time quadratic in
/// the length of a very long page).
const MAX_CONTAINMENT_CHARS: usize = 100_000;

use crate::furniture::key;

/// Whether a paragraph is long enough to be a passage.
fn is_passage(paragraph: &str) -> bool {
    paragraph.split_whitespace().count() >= MIN_WORDS
        || paragraph.trim().chars().count() >= MIN_UNSPACED_CHARS && !paragraph.trim().contains(' ')
}

/// A sentence end inside a paragraph: `.`, `!`, `?` or `…`, a closing
/// quote mark maybe, then a space.
static SENTENCE_END: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"[.!?…]["”’]?\s+"#).expect("valid regex"));

/// A sentence of at least this many words counts when a paragraph is
/// checked sentence by sentence.
const MIN_SENTENCE_WORDS: usize = 5;
/// Words a paragraph made of repeated sentences may add (a pull quote's
/// credit line: `A close Trump associate`).
const MAX_CREDIT_WORDS: usize = 6;

/// Drops every paragraph that repeats an earlier passage, that is a passage
/// lying inside a longer paragraph, or that is made of sentences other
/// paragraphs hold (a pull quote with its credit line).
pub(crate) fn drop_repeated_paragraphs(paragraphs: Vec<String>) -> Vec<String> {
    let keys: Vec<String> = paragraphs.iter().map(|p| key(p)).collect();
    // Every distinct paragraph's key, one separator apart, to find a passage
    // or a sentence inside another paragraph with one substring search.
    let total: usize = keys.iter().map(String::len).sum();
    let joined: String = if total <= MAX_CONTAINMENT_CHARS {
        let mut distinct: HashSet<&str> = HashSet::new();
        keys.iter()
            .map(String::as_str)
            .filter(|k| distinct.insert(k))
            .collect::<Vec<_>>()
            .join("|")
    } else {
        String::new()
    };
    let elsewhere = |k: &str| joined.matches(k).count() > 1;
    let mut seen: HashSet<&str> = HashSet::new();
    let mut keep = vec![true; paragraphs.len()];
    for (index, (paragraph, k)) in paragraphs.iter().zip(&keys).enumerate() {
        if !is_passage(paragraph) || k.is_empty() {
            continue;
        }
        let first_copy = seen.insert(k.as_str());
        if !first_copy
            || elsewhere(k)
            || (!joined.is_empty() && made_of_repeated_sentences(paragraph, &joined))
        {
            keep[index] = false;
        }
    }
    paragraphs
        .into_iter()
        .zip(keep)
        .filter_map(|(p, kept)| kept.then_some(p))
        .collect()
}

/// Whether every sentence of 5+ words of `paragraph` appears twice or more
/// in `joined` (here and elsewhere), with at least one such sentence and at
/// most a few other words (a credit line).
fn made_of_repeated_sentences(paragraph: &str, joined: &str) -> bool {
    let mut repeated = 0;
    let mut other_words = 0;
    for sentence in SENTENCE_END.split(paragraph) {
        let words = sentence.split_whitespace().count();
        let k = key(sentence);
        if words >= MIN_SENTENCE_WORDS && joined.matches(k.as_str()).count() >= 2 {
            repeated += 1;
        } else {
            other_words += words;
        }
    }
    repeated > 0 && other_words <= MAX_CREDIT_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paragraphs(text: &str) -> Vec<String> {
        text.split('\n').map(str::to_string).collect()
    }

    #[test]
    fn an_article_carried_twice_comes_out_once() {
        let body = "Headline of the day\n\
                    The minister said on Friday that the talks would resume next week.\n\
                    Officials in Doha confirmed the date, adding that both sides had agreed.";
        let page = paragraphs(&format!("{body}\n{body}\n{body}\n{body}"));
        assert_eq!(
            drop_repeated_paragraphs(page),
            paragraphs(&format!(
                "{body}\nHeadline of the day\nHeadline of the day\nHeadline of the day"
            ))
        );
    }

    #[test]
    fn a_pull_quote_is_dropped_wherever_it_stands() {
        let text = "“We will not back down from this fight,” the mayor said.\n\
                    The mayor spoke at city hall. “We will not back down from this fight,” the mayor said, to applause from the crowd.";
        assert_eq!(
            drop_repeated_paragraphs(paragraphs(text)),
            paragraphs("The mayor spoke at city hall. “We will not back down from this fight,” the mayor said, to applause from the crowd.")
        );
        let text = "“What I always found was you have to suggest something to him,” said the associate. “You’re not going to tell him to do it one way or another. If you tell him it doesn’t work, he will try.”\n\
                    What I always found was you have to suggest something to him. You’re not going to tell him to do it one way or another. A close Trump associate\n\
                    But while proximity may be a means to influence him, it is not the only one.";
        let kept = drop_repeated_paragraphs(paragraphs(text));
        assert_eq!(kept.len(), 2, "{kept:?}");
        assert!(kept[1].starts_with("But while"));
    }

    #[test]
    fn short_paragraphs_and_distinct_ones_stay() {
        let text = paragraphs("Q: Why?\nA: Yes.\nQ: Why?\nA: Yes.\nThe first paragraph has enough words to count here.\nThe second paragraph has enough words to count as well.");
        assert_eq!(drop_repeated_paragraphs(text.clone()), text);
    }
}
