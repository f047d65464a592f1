//! Roles written before a name (`Foreign Office spokesperson`, `NAO head`):
//! cleaned of articles, honorifics and possessives, and told apart from
//! fragments of the mention (`traders around`, an unclosed bracket) and
//! from the first words of a name (`Liberal` before `Democrats`).

use crate::lexicon;
use crate::names::strip_possessive;

/// A role as written before a name, within the name's paragraph, without
/// trailing commas, possessive, honorifics, articles or prepositions (`NAO
/// head Sir` -> `NAO head`, `A spokeswoman for` -> `spokeswoman`); none
/// where it is only honorifics, holds a relative clause, or ends in `and`
/// (`Tony Blair and`: another speaker, not a role).
pub(super) fn clean_role(text: &str) -> Option<String> {
    // A mention run across a paragraph break (a headline before it) keeps
    // its last paragraph.
    let r = text.rsplit('\n').next().unwrap_or(text).trim();
    let r = strip_possessive(r);
    let mut words: Vec<&str> = r.split_whitespace().collect();
    let lower = |w: &str| w.trim_end_matches(',').to_lowercase();
    while let Some(last) = words.pop() {
        let word = last.trim_end_matches(',');
        let dropped = word.is_empty()
            || lexicon::is_honorific(word)
            || matches!(
                lower(word).as_str(),
                "the" | "a" | "an" | "of" | "for" | "to" | "with" | "at" | "from"
            );
        if !dropped {
            words.push(word);
            break;
        }
    }
    let ok = words.iter().any(|w| w.chars().any(char::is_alphabetic))
        && !words
            .last()
            .is_some_and(|w| matches!(lower(w).as_str(), "and" | "or"))
        && !words
            .iter()
            .any(|w| matches!(lower(w).as_str(), "who" | "which" | "whose"));
    let role = words.join(" ");
    (ok && !is_role_fragment(&role)).then_some(role)
}

/// Capitalised words, none a title or honorific (`Liberal` before
/// `Democrats`): the start of a name rather than a role.
pub(super) fn is_name_prefix(role: &str) -> bool {
    let words: Vec<&str> = role.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !lexicon::is_title(w)
                && !lexicon::is_honorific(w)
        })
}

/// Prepositions that end a role without saying whom it is for (`traders
/// around`, `results since listing on`): the role is a fragment.
fn is_loose_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "on"
            | "around"
            | "across"
            | "by"
            | "including"
            | "over"
            | "into"
            | "about"
            | "among"
            | "between"
            | "near"
            | "within"
            | "throughout"
            | "like"
            | "during"
            | "since"
            | "after"
            | "before"
    )
}

/// A role that is a piece of the mention rather than a role: an unclosed
/// bracket, or a last word that is a preposition tying it to no one.
fn is_role_fragment(role: &str) -> bool {
    let opened = role.matches('(').count();
    let closed = role.matches(')').count();
    let last = role
        .split_whitespace()
        .last()
        .map(|w| w.trim_end_matches(',').to_lowercase())
        .unwrap_or_default();
    opened != closed || is_loose_preposition(&last)
}
