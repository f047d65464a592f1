//! Offset invariants of `split_sentences` on arbitrary text, and linear-time
//! behaviour on large inputs.

use newsnlp_sentences::split_sentences;
use proptest::prelude::*;

fn check_invariants(text: &str) -> Result<(), TestCaseError> {
    let ranges = split_sentences(text);
    let mut covered_to = 0;
    for r in &ranges {
        prop_assert!(r.start < r.end, "empty range {r:?}");
        prop_assert!(r.start >= covered_to, "overlap or disorder at {r:?}");
        prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let s = &text[r.clone()];
        prop_assert_eq!(s, s.trim(), "untrimmed {:?}", s);
        prop_assert!(!s.contains("\n\n"), "crosses a paragraph break: {:?}", s);
        // Everything skipped between sentences is whitespace.
        prop_assert!(text[covered_to..r.start].trim().is_empty());
        covered_to = r.end;
    }
    prop_assert!(text[covered_to..].trim().is_empty());
    // Punctuation alone is a sentence only when it is all its paragraph holds.
    for (i, r) in ranges.iter().enumerate() {
        if is_punctuation_only(&text[r.clone()]) {
            let before = if i == 0 { 0 } else { ranges[i - 1].end };
            let after = ranges.get(i + 1).map_or(text.len(), |n| n.start);
            prop_assert!(
                (i == 0 || paragraph_break(&text[before..r.start]))
                    && (i + 1 == ranges.len() || paragraph_break(&text[r.end..after])),
                "punctuation-only sentence {:?} in {:?}",
                &text[r.clone()],
                text
            );
        }
    }
    Ok(())
}

fn is_punctuation_only(s: &str) -> bool {
    !s.chars().any(char::is_alphanumeric)
}

/// Whitespace between two sentences that holds a blank line.
fn paragraph_break(gap: &str) -> bool {
    gap.matches('\n').count() >= 2
}

#[test]
fn no_sentence_is_only_punctuation() {
    for text in [
        "Talks stalled . . . . Prices rose.",
        "Talks stalled. . . . Prices rose.",
        "He left. . Then she left.",
        "\"Why?\" . . . \"Because.\" !",
        "The tally was in [1]. [...] Then it rose.",
        "1.) Rail fares 2.) Fuel duty",
        "Done. ?! ... Next.",
        "It ended. ---",
    ] {
        let sentences: Vec<&str> = split_sentences(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert!(
            sentences.iter().all(|s| !is_punctuation_only(s)),
            "{text:?} gave {sentences:?}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn ranges_are_ordered_trimmed_and_cover_text(text in "\\PC{0,200}") {
        check_invariants(&text)?;
    }

    /// Text built from the characters the rules care about, so that
    /// punctuation, quotes, list markers and blank lines meet often.
    #[test]
    fn invariants_hold_on_punctuation_heavy_text(
        text in proptest::collection::vec(
            prop_oneof![
                Just("."), Just("?"), Just("!"), Just("…"), Just("..."), Just(" "), Just("\n"),
                Just("\n\n"), Just("\n \n"), Just("\r\n"), Just("“"), Just("”"), Just("\""),
                Just("'"), Just("("), Just(")"), Just("[1]"), Just("- "), Just("1. "), Just("a) "),
                Just("Mr."), Just("U.S."), Just("Inc."), Just("J."), Just("the"), Just("The"),
                Just("Türkiye"), Just("3.5"), Just("\u{a0}"), Just("\u{2003}"), Just("é"),
            ],
            0..60,
        ).prop_map(|parts| parts.concat())
    ) {
        check_invariants(&text)?;
    }
}

#[test]
fn megabyte_text_finishes() {
    let paragraph = "Dr. J. K. Rowling said on Jan. 5 that U.S. sales rose 3.5% to $1.13bn... \
                     “Why?” she asked. Visit bbc.co.uk. (It was late.) - A list item\n";
    let mut text = String::new();
    let mut n = 0;
    while text.len() < 1_000_000 {
        text.push_str(paragraph);
        n += 1;
        if n % 7 == 3 {
            // Every seventh paragraph ends with a blank line.
            text.push('\n');
        }
    }
    let ranges = split_sentences(&text);
    assert!(ranges.len() > 10_000);
    assert!(ranges.windows(2).all(|w| w[0].end <= w[1].start));
}

#[test]
fn long_lines_without_spaces_or_full_of_dots_finish() {
    // Pathological single lines: one huge token, dots everywhere, and a
    // 100,000-character line of words with no sentence end.
    let token = "a.".repeat(50_000);
    assert_eq!(split_sentences(&token), vec![0..token.len()]);
    let dots = ". ".repeat(50_000);
    assert!(!split_sentences(&dots).is_empty());
    let words = "word ".repeat(20_000);
    assert_eq!(split_sentences(&words), vec![0..words.trim_end().len()]);
    let brackets = "[1] ".repeat(25_000);
    assert!(!split_sentences(&format!("End. {brackets}")).is_empty());
}
