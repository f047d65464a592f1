//! Ellipses: `...`, `…`, spaced `. . .` and a period followed by one
//! (`. . . .`), and the bracketed omission marker `[...]`.
//!
//! - A spaced ellipsis is one punctuation run, however its dots are spaced,
//!   so it is never split into sentences made of a single `.`: `The talks
//!   stalled . . . . Prices rose.` and `“... the costs will grow. . . .”` end
//!   where the whole run (and its closing quote) ends.
//! - An ellipsis ends a sentence only when what follows starts a new one (the
//!   decision itself is the ordinary ellipsis rule in `split.rs`: a
//!   capitalised word, not `I`, not a name continued after a capitalised
//!   word); a lowercase word continues the sentence (`He paused . . . then
//!   spoke.`).
//! - An ellipsis that opens a sentence belongs to it (`... and then it
//!   ended.`), as any punctuation opening a sentence does.
//! - A bracketed omission marker (`[...]`) follows the same rules; a
//!   citation after the quotation it sits in is kept with the quotation
//!   (see `quotes.rs`).

/// End of a spaced ellipsis that starts with the glued punctuation run
/// `text[run_start..run_end]` (dots only): single dots separated by single
/// spaces follow it, at least three dots in all. (`end. ...` is a period and
/// an ellipsis opening the next sentence.) `None` when the run is not one (a lone `.`, `?`,
/// or `. .`), so the caller keeps `run_end`.
pub(crate) fn spaced_end(
    text: &str,
    run_start: usize,
    run_end: usize,
    end: usize,
) -> Option<usize> {
    let first = &text[run_start..run_end];
    if !first.bytes().all(|b| b == b'.') {
        return None;
    }
    let mut dots = first.len();
    let mut at = run_end;
    let mut groups = 1;
    loop {
        let rest = &text[at..end];
        let Some(after_space) = rest.strip_prefix(' ') else {
            break;
        };
        let group = after_space.bytes().take_while(|&b| b == b'.').count();
        if group != 1 {
            break;
        }
        dots += 1;
        groups += 1;
        at += 2;
    }
    (groups >= 2 && dots >= 3).then_some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::split::sents;

    #[test]
    fn spaced_runs_are_measured_whole() {
        let text = "stalled . . . . Prices";
        assert_eq!(spaced_end(text, 8, 9, text.len()), Some(15));
        let text = "grow. . . .”";
        assert_eq!(spaced_end(text, 4, 5, text.len()), Some(11));
        let text = "end. . Then";
        assert_eq!(spaced_end(text, 3, 4, text.len()), None);
        let text = "Why? . . .";
        assert_eq!(spaced_end(text, 3, 4, text.len()), None);
        let text = "end. ... and";
        assert_eq!(spaced_end(text, 3, 4, text.len()), None);
    }

    #[test]
    fn spaced_ellipsis_is_never_a_sentence_of_its_own() {
        assert_eq!(
            sents("Wages have stalled . . . . Prices, meanwhile, kept rising."),
            [
                "Wages have stalled . . . .",
                "Prices, meanwhile, kept rising."
            ]
        );
        assert_eq!(
            sents("The minutes stop mid-sentence . . . The next page is missing."),
            [
                "The minutes stop mid-sentence . . .",
                "The next page is missing."
            ]
        );
        assert_eq!(
            sents("The chairman hesitated . . . then read the statement aloud."),
            ["The chairman hesitated . . . then read the statement aloud."]
        );
    }

    #[test]
    fn ellipsis_inside_a_quotation_stays_with_it() {
        assert_eq!(
            sents(
                "The memo warned that “the bill for repairs will only grow. . . .” Nobody replied."
            ),
            [
                "The memo warned that “the bill for repairs will only grow. . . .”",
                "Nobody replied."
            ]
        );
        assert_eq!(
            sents("Her reply was short: \"We tried . . . and we failed.\" The board resigned."),
            [
                "Her reply was short: \"We tried . . . and we failed.\"",
                "The board resigned."
            ]
        );
    }

    #[test]
    fn bracketed_omission_inside_a_quotation() {
        assert_eq!(
            sents("\"The regulator [...] failed to act [...]\" (Hansard 2020). MPs agreed."),
            [
                "\"The regulator [...] failed to act [...]\" (Hansard 2020).",
                "MPs agreed."
            ]
        );
        assert_eq!(
            sents("\"We regret [...] the delay to the project\" (Network Rail 2019)."),
            ["\"We regret [...] the delay to the project\" (Network Rail 2019)."]
        );
    }

    #[test]
    fn ellipsis_ends_a_sentence_only_before_a_new_one() {
        assert_eq!(
            sents("I never agreed to that.... She put the phone down."),
            ["I never agreed to that....", "She put the phone down."]
        );
        assert_eq!(
            sents("It was, well . . . not quite . . . what I expected."),
            ["It was, well . . . not quite . . . what I expected."]
        );
        assert_eq!(
            sents("The vote is close . . . I think it will pass."),
            ["The vote is close . . . I think it will pass."]
        );
        assert_eq!(
            sents("The talks collapsed. ... and then the strike began. ... The end?"),
            [
                "The talks collapsed.",
                "... and then the strike began.",
                "... The end?"
            ]
        );
    }
}
