//! Abbreviations that can end a sentence (`U.S.`, `Inc.`, `p.m.`, an
//! initial) before a capitalised word: does a new sentence clearly start?
//!
//! - It does before a typical sentence opener: a pronoun or a
//!   sentence-initial function word (`He`, `The`, `In`, `Did` ...;
//!   [`crate::lexicon`]'s starters). `Flights resumed at 9 A.M. They were
//!   full.` is two sentences; `The U.S. Senate voted.` is one.
//! - After a time (`a.m.`, `p.m.`) or a company suffix (`Inc.`, `Corp.`), it
//!   also does before a personal title and a name: `The polls closed at 10
//!   P.M. Mr. Patel conceded an hour later.` is two sentences. Not after
//!   `U.S.` and other initialisms, which precede titles mid-sentence (`U.S.
//!   Sen. Warren`), and not before place-name titles (`5 p.m. St. Louis
//!   time`).
//! - It never does when all that precedes the abbreviation in the sentence
//!   is a short opening phrase (a preposition and at most three more words):
//!   `At 6 a.m. Ms. Rivera was already at the site.` and `In the U.S. The
//!   ...` are single sentences.
//! - A number after an abbreviation that introduces one (`No.`, `N°.`,
//!   `Art.`) belongs to it, and the sentence ends after the number: `The file
//!   is case N°. 2019.44.1. The court ruled ...` (the word list is in
//!   [`crate::lexicon`]).

use crate::lexicon;

/// Prepositions that open an introductory phrase.
const PREPOSITIONS: &[&str] = &[
    "At",
    "By",
    "Around",
    "About",
    "Until",
    "Till",
    "From",
    "Since",
    "Before",
    "After",
    "On",
    "In",
    "Near",
    "Outside",
    "Inside",
    "Across",
    "Throughout",
    "Like",
    "Unlike",
    "Beyond",
];

/// Most words an opening phrase has, the preposition included.
const MAX_PHRASE_WORDS: usize = 4;

/// Times written as abbreviations (without their final period).
fn is_time(word: &str) -> bool {
    matches!(word, "a.m" | "p.m" | "A.M" | "P.M")
}

/// Whether `word` (the abbreviation, without its final period) ends a
/// sentence before a personal title and a name.
pub(crate) fn ends_before_title(word: &str) -> bool {
    is_time(word) || lexicon::is_soft(word)
}

/// True when `rest` opens with a personal title, its period and a
/// capitalised word: `Mr. Jones`, `Dr. Lee`, `Sen. Warren`.
pub(crate) fn title_and_name(rest: &str) -> bool {
    let word_len = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    let word = &rest[..word_len];
    if !lexicon::is_title(word) || matches!(word, "St" | "Ste" | "Mt" | "Ft") {
        return false;
    }
    let Some(after) = rest[word_len..].strip_prefix('.') else {
        return false;
    };
    let name = after.trim_start();
    name.len() < after.len() && name.chars().next().is_some_and(char::is_uppercase)
}

/// True when `so_far`, the sentence up to the abbreviation, is a short
/// introductory phrase that cannot be a sentence on its own: `At 7 a.m`,
/// `In the U.S`.
pub(crate) fn is_opening_phrase(so_far: &str) -> bool {
    let mut words = so_far.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    let first = first.trim_start_matches(|c: char| !c.is_alphanumeric());
    PREPOSITIONS.contains(&first) && words.count() < MAX_PHRASE_WORDS
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::split::sents;

    #[test]
    fn titles_and_phrases_are_recognised() {
        assert!(title_and_name("Mr. Jones left"));
        assert!(title_and_name("Sen. Warren"));
        assert!(!title_and_name("Mr Jones"));
        assert!(!title_and_name("St. Louis"));
        assert!(!title_and_name("Police said"));
        assert!(!title_and_name("Dr. who"));
        assert!(is_opening_phrase("At 7 a.m"));
        assert!(is_opening_phrase("“By 9 p.m"));
        assert!(!is_opening_phrase("The bank closed at 5 P.M"));
        assert!(!is_opening_phrase("In the end the whole U.S"));
    }

    #[test]
    fn time_before_a_title_and_name_ends_the_sentence() {
        assert_eq!(
            sents("The polls closed at 10 P.M. Mr. Patel conceded an hour later."),
            [
                "The polls closed at 10 P.M.",
                "Mr. Patel conceded an hour later."
            ]
        );
        assert_eq!(
            sents("The hearing was adjourned at 4 p.m. Dr. Osei will testify on Friday."),
            [
                "The hearing was adjourned at 4 p.m.",
                "Dr. Osei will testify on Friday."
            ]
        );
        assert_eq!(
            sents("The contract went to Acme Corp. Mrs. Okafor, its chief executive, hailed it."),
            [
                "The contract went to Acme Corp.",
                "Mrs. Okafor, its chief executive, hailed it."
            ]
        );
    }

    #[test]
    fn time_before_a_pronoun_or_opener_ends_the_sentence() {
        assert_eq!(
            sents("Flights resumed at 9 A.M. They were full by noon."),
            ["Flights resumed at 9 A.M.", "They were full by noon."]
        );
        assert_eq!(
            sents("The meeting ended at 4 p.m. The mayor left without comment."),
            [
                "The meeting ended at 4 p.m.",
                "The mayor left without comment."
            ]
        );
    }

    #[test]
    fn opening_phrase_keeps_the_sentence_whole() {
        assert_eq!(
            sents("At 6 a.m. Ms. Rivera was already at the site."),
            ["At 6 a.m. Ms. Rivera was already at the site."]
        );
        assert_eq!(
            sents("By 11 P.M. The crowd had gone home."),
            ["By 11 P.M. The crowd had gone home."]
        );
    }

    #[test]
    fn mid_sentence_abbreviations_stay() {
        for text in [
            "Trading halted at 2 p.m. Eastern time on Friday.",
            "Democratic U.S. Sen. Elizabeth Warren voted no.",
            "Kickoff is at 7 p.m. St. Louis time.",
            "Acme Inc. Chief Executive Jo Lee resigned on Monday.",
        ] {
            assert_eq!(sents(text), [text], "{text}");
        }
    }

    #[test]
    fn number_after_an_abbreviation_belongs_to_it() {
        assert_eq!(
            sents("The file is case N°. 2019.44.1. The court ruled against the firm."),
            [
                "The file is case N°. 2019.44.1.",
                "The court ruled against the firm."
            ]
        );
        assert_eq!(
            sents("The bill is listed as No. 2023.118.4. It passed on Tuesday."),
            [
                "The bill is listed as No. 2023.118.4.",
                "It passed on Tuesday."
            ]
        );
        assert_eq!(
            sents("The rule is in Art. 12.3. Member states must comply."),
            ["The rule is in Art. 12.3.", "Member states must comply."]
        );
    }
}
