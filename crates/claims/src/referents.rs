//! What a speaker mention stands for when it names no one itself, and which
//! roles are fragments.
//!
//! - A relative pronoun (`which`, `that`, `who`, `whom`) stands for the
//!   noun phrase right before it (`the survey, which said` -> `survey`); with
//!   none it gives no speaker ([`noun_phrase_before`]).
//! - A definite common noun for a kind of organisation (`the company`, `the
//!   firm`, `the bank`, `the club`, `the ministry`, ...) stands for the
//!   organisation the article names that fits it: the one named most often
//!   before the mention, the most recent on a tie. `the bank` needs a name
//!   with `bank` in it, `the ministry` one with `Ministry` or `Department`,
//!   and the others a name that is no public body (`Commission`, `Reserve`,
//!   `Council`, `Bank of ...`, ...); a short name that starts a longer one
//!   counts with it (`Glaxo`, `GlaxoSmithKline`). With none that fits, the mention stays the speaker
//!   ([`definite_organisation`]).
//! - A role with an unclosed bracket or ending in a preposition that ties
//!   it to no one (`Council of Mortgage Lenders (CML) and Building Society
//!   Association (`, `stock exchange traders around`) is a fragment of the
//!   mention, not a role ([`is_role_fragment`]).

use std::collections::HashMap;

use newsnlp_model::Entity;

use crate::{lexicon, Ctx};

/// Relative pronouns that can stand as a speaker mention.
pub(crate) fn is_relative(word: &str) -> bool {
    matches!(word, "which" | "that" | "who" | "whom")
}

/// Most words a noun phrase before a relative pronoun may have.
const MAX_PHRASE_WORDS: usize = 6;

/// Words that end a noun phrase read backwards from a relative pronoun:
/// prepositions, conjunctions and forms of `be`.
fn ends_phrase(word: &str) -> bool {
    lexicon::breaks_noun_phrase(word)
        || lexicon::is_be(word)
        || matches!(
            word,
            "of" | "in"
                | "on"
                | "at"
                | "by"
                | "for"
                | "from"
                | "with"
                | "to"
                | "into"
                | "over"
                | "under"
                | "about"
                | "against"
                | "between"
                | "among"
                | "than"
                | "after"
                | "before"
                | "during"
                | "including"
                | "like"
                | "via"
                | "amid"
        )
}

/// Where the noun phrase that ends at token `end` (exclusive) starts: back
/// to its determiner (`a survey`, `its output index`) or to a preposition,
/// conjunction, punctuation or, before a name, a lowercase word before it
/// (`foreign-based firms`, `a research note called Approve` -> `Approve`). None when
/// there is no such phrase within [`MAX_PHRASE_WORDS`] words, or when it
/// is a date, an amount or a number (`in January, which`).
pub(crate) fn noun_phrase_before(ctx: &Ctx<'_>, end: usize) -> Option<usize> {
    let toks = &ctx.toks;
    let mut start = end;
    loop {
        if end - start >= MAX_PHRASE_WORDS || start == 0 {
            return None;
        }
        let t = &toks[start - 1];
        // A lowercase word before a name is no part of it unless it
        // opens the phrase (`a note called Approve`, `the US report`).
        let before_name =
            start < end && toks[start].cap && !t.cap && !lexicon::is_determiner(&t.lower);
        if !t.word || ends_phrase(&t.lower) || before_name {
            break;
        }
        start -= 1;
        if lexicon::is_determiner(&t.lower) {
            break;
        }
    }
    // A pronoun or quantifier alone is no antecedent (`few, if any, who`).
    let head = &toks[end - 1].lower;
    if start == end || lexicon::is_function_word(head) || matches!(head.as_str(), "any" | "none") {
        return None;
    }
    let (cs, ce) = (toks[start].s, toks[end - 1].e);
    let numeric = toks[start..end]
        .iter()
        .any(|t| t.text.chars().any(|c| c.is_ascii_digit()));
    let dated = ctx.dates.iter().any(|t| t.start < ce && cs < t.end);
    let ents = ctx.doc.entities.as_deref().unwrap_or(&[]);
    let not_a_speaker = ents
        .iter()
        .any(|x| x.start < ce && cs < x.end && crate::speaker::speaker_rank(&x.label).is_none());
    (!numeric && !dated && !not_a_speaker).then_some(start)
}

/// Kinds of organisation a definite common noun can stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `the bank`: a name with `bank` in it.
    Bank,
    /// `the ministry`: a name with `Ministry` or `Department` in it.
    Ministry,
    /// `the company`, `the firm`, `the club`, ...: any name that is no
    /// public body.
    Business,
}

fn kind_of(noun: &str) -> Option<Kind> {
    match noun {
        "bank" => Some(Kind::Bank),
        "ministry" => Some(Kind::Ministry),
        "company" | "firm" | "group" | "club" | "carmaker" | "airline" | "carrier" | "retailer"
        | "insurer" | "lender" | "broker" | "brewer" | "operator" => Some(Kind::Business),
        _ => None,
    }
}

/// Words in the name of a public body or association, which `the company`
/// or `the firm` does not stand for.
fn is_public_body_word(word: &str) -> bool {
    matches!(
        word,
        "ministry"
            | "department"
            | "commission"
            | "committee"
            | "court"
            | "council"
            | "parliament"
            | "government"
            | "agency"
            | "authority"
            | "office"
            | "fund"
            | "reserve"
            | "central"
            | "association"
            | "federation"
            | "union"
            | "organisation"
            | "organization"
            | "institute"
            | "board"
            | "party"
            | "university"
            | "police"
            | "treasury"
            | "senate"
            | "congress"
            | "assembly"
            | "bureau"
            | "consortium"
            | "chamber"
            | "chambers"
    )
}

fn fits(kind: Kind, name: &str) -> bool {
    let lower = name.to_lowercase();
    let words = || lower.split(|c: char| !c.is_alphanumeric());
    match kind {
        Kind::Bank => lower.contains("bank"),
        Kind::Ministry => words().any(|w| w == "ministry" || w == "department"),
        // `Bank of England`: a central bank, not `the group`.
        Kind::Business => !words().any(is_public_body_word) && !lower.starts_with("bank of"),
    }
}

/// A name as mentions of one organisation share it: no possessive, case,
/// spaces or punctuation (`Time Warner's`, `TimeWarner`).
fn name_key(name: &str) -> String {
    let name = name
        .strip_suffix("’s")
        .or_else(|| name.strip_suffix("'s"))
        .unwrap_or(name);
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The organisation entity the mention in tokens `[s, e)` stands for when
/// it is a definite common noun for a kind of organisation (`the company`,
/// `the world's biggest bank`, `The Bank`, up to a comma): among the
/// organisations named before it that fit the noun, the one named most
/// often, the most recent on a tie. `fullest` gives each mention's fullest
/// name (an acronym's expansion, a surname's full name). A mention with a
/// capitalised word before its noun names or places its organisation
/// (`The Telegraph Group`, `The US firm`, `The German carmaker`, which
/// need not be the one the article names most) and one with a name in
/// apposition (`The firm, Paion,`) names it: none of these is resolved
/// here.
pub(crate) fn definite_organisation(
    ctx: &Ctx<'_>,
    s: usize,
    e: usize,
    fullest: impl Fn(usize) -> usize,
) -> Option<usize> {
    let toks = &ctx.toks;
    let ents: &[Entity] = ctx.doc.entities.as_deref().unwrap_or(&[]);
    let comma = (s..e).find(|&k| toks[k].text == ",");
    let apposed_name = comma.is_some_and(|c| {
        c + 1 < e
            && ents.iter().any(|x| {
                x.start == toks[c + 1].s && crate::speaker::speaker_rank(&x.label).is_some()
            })
    });
    let e = comma.unwrap_or(e);
    if apposed_name || e <= s + 1 || e - s > 5 || toks[s].lower != "the" {
        return None;
    }
    let kind = kind_of(&toks[e - 1].lower)?;
    let plain = toks[s + 1..e - 1].iter().all(|t| t.word && !t.cap);
    if !plain || (toks[e - 1].cap && e - s > 2) {
        return None;
    }
    let at = toks[s].s;
    // Per name: mentions before the mention, and the latest one's entity.
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    for (i, x) in ents.iter().enumerate() {
        if x.label != "ORG" || x.end > at {
            continue;
        }
        let full = fullest(i);
        let name = &ents[full].text;
        if !fits(kind, name) {
            continue;
        }
        let entry = seen.entry(name_key(name)).or_insert((0, full));
        entry.0 += 1;
        entry.1 = full;
    }
    // A short name that starts a longer one is the same organisation
    // (`Glaxo`, `GlaxoSmithKline`): their mentions count together.
    let together = |key: &str| -> usize {
        seen.iter()
            .filter(|(other, _)| {
                let (short, long) = if other.len() < key.len() {
                    (other.as_str(), key)
                } else {
                    (key, other.as_str())
                };
                other.as_str() == key || (short.len() >= 4 && long.starts_with(short))
            })
            .map(|(_, &(count, _))| count)
            .sum()
    };
    seen.iter()
        .max_by_key(|(key, &(own, full))| (together(key), own, ents[full].start))
        .map(|(_, &(_, full))| full)
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
pub(crate) fn is_role_fragment(role: &str) -> bool {
    let opened = role.matches('(').count();
    let closed = role.matches(')').count();
    let last = role
        .split_whitespace()
        .last()
        .map(|w| w.trim_end_matches(',').to_lowercase())
        .unwrap_or_default();
    opened != closed || is_loose_preposition(&last)
}
