//! Relative pronouns as speakers: `which`, `that`, `who` and `whom` stand
//! for the name or noun phrase right before them (`the survey, which said`
//! -> `survey`); with none they give no speaker.

use crate::entities::speaker_rank;
use crate::{lexicon, Ctx};

use super::{Resolver, Who};

/// Relative pronouns that can stand as a speaker mention.
pub(super) fn is_relative(word: &str) -> bool {
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
fn noun_phrase_before(ctx: &Ctx<'_>, end: usize) -> Option<usize> {
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
    let dated = ctx.dates_overlapping(cs, ce);
    let not_a_speaker = ctx
        .ents
        .overlapping(cs, ce)
        .into_iter()
        .any(|i| speaker_rank(&ctx.ents.all[i].label).is_none());
    (!numeric && !dated && !not_a_speaker).then_some(start)
}

impl Resolver<'_, '_> {
    /// Who a relative pronoun at token `at` stands for: a name right before it
    /// (`John Stumpf, who was questioned by Elizabeth Warren`; a bracketed
    /// acronym after the name is skipped), for `who` a person before an
    /// apposition right before it (`Marc Morial, the chief executive of the
    /// National Urban League, who`), else the noun phrase right before it (`a
    /// young woman who`, `the survey, which`). None where there is none (`in
    /// January, which`).
    pub(super) fn antecedent(&self, at: usize) -> Option<Who> {
        let ctx = self.ctx;
        let toks = &ctx.toks;
        let mut k = at;
        if k > 0 && matches!(toks[k - 1].text.as_str(), "," | "-" | "–" | "—") {
            k -= 1;
        }
        // `President George W Bush himself, who`.
        if k > 0
            && matches!(
                toks[k - 1].lower.as_str(),
                "himself" | "herself" | "itself" | "themselves"
            )
        {
            k -= 1;
        }
        // `the International Air Transport Association (IATA), which`.
        if k > 2 && toks[k - 1].text == ")" && toks[k - 3].text == "(" {
            k -= 3;
        }
        let personal = matches!(toks[at].lower.as_str(), "who" | "whom");
        let ents = ctx.ents.all;
        let ending_at = |end_token: usize| {
            if end_token == 0 {
                return None;
            }
            ctx.ents
                .ending_at(toks[end_token - 1].e)
                .iter()
                .map(|&i| &ents[i])
                .find(|x| speaker_rank(&x.label).is_some())
        };
        // `NAME, a tech staffer at ORG who`: the person before the apposition.
        let apposed_person = || {
            if !personal {
                return None;
            }
            let apposition_start = (0..k).rev().take(12).find(|&j| toks[j].text == ",")?;
            ending_at(apposition_start).filter(|x| speaker_rank(&x.label) == Some(0))
        };
        let entity = match ending_at(k) {
            Some(x) if speaker_rank(&x.label) == Some(0) => x,
            Some(x) => {
                // `Democrats on Capitol Hill, who`: the group, not the place.
                let start = toks.partition_point(|t| t.e <= x.start);
                let owner = (start > 0
                    && speaker_rank(&x.label) == Some(2)
                    && matches!(
                        toks[start - 1].lower.as_str(),
                        "on" | "in" | "at" | "of" | "from"
                    ))
                .then(|| ending_at(start - 1))
                .flatten();
                apposed_person().or(owner).unwrap_or(x)
            }
            None => match apposed_person() {
                Some(x) => x,
                None => {
                    let first = noun_phrase_before(ctx, k)?;
                    return Some(self.mention(first, k));
                }
            },
        };
        let first = toks.partition_point(|t| t.e <= entity.start);
        let end = toks.partition_point(|t| t.s < entity.end);
        (first < end).then(|| self.mention(first, end))
    }
}
