//! Speaker resolution: turns frames into [`Claim`]s with canonical
//! speakers. One [`Resolver`] per document holds what every mention looks
//! up (entity positions, each entity's fullest name, the capitalised name
//! runs, honorific genders), built once, so resolving a mention costs the
//! same however long the document is.
//!
//! - [`mention`]: names, roles, definite nouns and common nouns;
//! - [`focus`] and [`gender`]: pronouns (`he`, `she`, `it`, `they`);
//! - [`relative`]: relative pronouns (`which`, `who`);
//! - [`organisations`]: `the company`, `the bank`;
//! - [`names`]: surnames and acronyms grown into full names;
//! - [`roles`]: the role written before a name.

mod definite_person;
mod focus;
mod gender;
mod mention;
mod names;
mod organisations;
mod relative;
mod roles;

use std::collections::HashMap;

use newsnlp_model::{Claim, CueClass};

use crate::lexicon::{self, Gender};
use crate::{claim_date, cue_class, Counting, Ctx, Frame};

use focus::Focus;
use names::{Fullest, NameRuns};

/// A resolved speaker.
#[derive(Debug, Clone, Default)]
pub(crate) struct Who {
    pub(crate) speaker: Option<String>,
    pub(crate) entity: Option<usize>,
    pub(crate) role: Option<String>,
    /// Came from a name (not a pronoun or a common noun).
    pub(crate) named: bool,
}

impl Who {
    fn named(name: &str, entity: Option<usize>) -> Self {
        Self {
            speaker: Some(name.to_string()),
            entity,
            role: None,
            named: true,
        }
    }

    fn unnamed(text: &str) -> Self {
        Self {
            speaker: Some(text.to_string()),
            entity: None,
            role: None,
            named: false,
        }
    }
}

/// What resolving a document's mentions needs, built once per document.
pub(crate) struct Resolver<'c, 'd> {
    ctx: &'c Ctx<'d>,
    fullest: Fullest,
    runs: NameRuns,
    genders: HashMap<String, Gender>,
}

impl<'c, 'd> Resolver<'c, 'd> {
    pub(crate) fn new(ctx: &'c Ctx<'d>) -> Self {
        Self {
            ctx,
            fullest: Fullest::new(ctx.ents.all),
            runs: NameRuns::new(ctx),
            genders: gender::honorific_genders(ctx),
        }
    }

    /// The speaker of one frame, given the speakers so far.
    fn speaker_of(&self, f: &Frame, focus: &Focus) -> Who {
        let Some((s, e)) = f.source else {
            return if f.inherit {
                focus.last()
            } else {
                Who::default()
            };
        };
        let toks = &self.ctx.toks;
        let first = toks[s].lower.as_str();
        if toks[s..e]
            .iter()
            .all(|t| !t.word || lexicon::is_function_word(&t.lower))
            && !lexicon::is_pronoun(first)
            && !relative::is_relative(first)
        {
            // `by`, `of`: a tagging slip, not a speaker.
            return Who::default();
        }
        // (`WHO officials` is the World Health Organization's.)
        let relative_clause = matches!(toks[s].text.as_str(), "which" | "who");
        if (e - s == 1 && relative::is_relative(first)) || relative_clause {
            // `which controls tax receipts,`: the relative stands for what
            // comes before it, however much of its clause was tagged.
            self.antecedent(s).unwrap_or_default()
        } else if let Some(pronoun) = (e - s == 1).then(|| without_contraction(first)).flatten() {
            // `he`, and `he'd`, `they’ve`: the contraction is the verb's.
            focus.pronoun(self.ctx, pronoun, &self.genders)
        } else {
            self.mention(s, e)
        }
    }
}

/// The claims of `frames`, in order, with their speakers resolved.
pub(crate) fn resolve(ctx: &Ctx<'_>, frames: &[Frame], counting: Counting) -> Vec<Claim> {
    let resolver = Resolver::new(ctx);
    let mut out: Vec<Claim> = Vec::with_capacity(frames.len());
    let mut focus = Focus::default();
    for f in frames {
        let f = &Frame {
            source: f.source.map(|span| last_paragraph(ctx, span)),
            ..f.clone()
        };
        let who = resolver.speaker_of(f, &focus);
        let relative = f
            .source
            .is_some_and(|(s, e)| e - s == 1 && relative::is_relative(&ctx.toks[s].lower));
        focus.note(&who, relative);
        let source_chars = f.source.map(|(s, e)| (ctx.toks[s].s, ctx.toks[e - 1].e));
        let class = claim_class(ctx, f, source_chars).filter(|_| ctx.is_counted(f));
        let sourced = who.speaker.is_some() && !source_chars.is_some_and(|s| is_narrator(ctx, s));
        let cue_class = match (class, counting) {
            (Some(class), _) if sourced => class,
            (_, Counting::All) => CueClass::Other,
            (_, Counting::Newsroom) => continue,
        };
        let kind = if f.headline {
            "headline"
        } else if f.according {
            "according_to"
        } else {
            ctx.speech_kind(f.content.0, f.content.1)
        };
        out.push(Claim {
            source: source_chars.map(|(s, e)| ctx.span(s, e)),
            speaker: who.speaker.map(|name| clean_name(&name)),
            speaker_entity: who.entity,
            speaker_role: who.role,
            cue: f.cue.map(|(s, e)| ctx.span(s, e)),
            content: ctx.span(f.content.0, f.content.1),
            kind: kind.to_string(),
            cue_class,
            date: claim_date::claim_date(ctx, source_chars, f.cue, f.content),
            sentence: f.sentence,
        });
    }
    out
}

/// A pronoun without a contracted verb (`he'd` -> `he`, `They’ve` ->
/// `they`), or None when the word is no pronoun.
fn without_contraction(word: &str) -> Option<&str> {
    let bare = [
        "'d", "’d", "'ve", "’ve", "'ll", "’ll", "'re", "’re", "'s", "’s",
    ]
    .iter()
    .find_map(|c| word.strip_suffix(c))
    .unwrap_or(word);
    lexicon::is_pronoun(bare).then_some(bare)
}

/// A source mention without what comes before a paragraph break in it
/// (`ADVERTISING` / `The report`: page furniture before the mention).
fn last_paragraph(ctx: &Ctx<'_>, (s, e): (usize, usize)) -> (usize, usize) {
    let toks = &ctx.toks;
    let from = (s + 1..e)
        .rev()
        .find(|&k| ctx.chars[toks[k - 1].e..toks[k].s].contains(&'\n'))
        .unwrap_or(s);
    (from, e)
}

/// The class of a frame's cue, or None when the cue reports nothing (an
/// action, a perception, a question).
fn claim_class(ctx: &Ctx<'_>, f: &Frame, source: Option<(usize, usize)>) -> Option<CueClass> {
    if f.headline {
        return Some(CueClass::Speech);
    }
    let cue = f.cue.map(|(s, e)| ctx.slice(s, e));
    let source = source.map(|(s, e)| ctx.slice(s, e));
    cue_class::classify(cue.as_deref(), source.as_deref(), f.according)
}

/// First and second person outside quotation marks: the author's own
/// narration (`I think`, `we know`) or words to the reader (`you're going
/// to`), not a source. Inside a quote, `I` is the quoted speaker's.
fn is_narrator(ctx: &Ctx<'_>, (s, e): (usize, usize)) -> bool {
    let mention = ctx.slice(s, e).to_lowercase().replace('’', "'");
    let pronoun = ["'ve", "'re", "'m", "'ll", "'d"]
        .iter()
        .find_map(|c| mention.strip_suffix(c))
        .unwrap_or(&mention);
    matches!(pronoun, "i" | "we" | "you" | "let's") && ctx.quote_containing(s).is_none()
}

/// A speaker's name without a bracket left open by the mention's edge
/// (`British Chambers of Commerce (`, `International Air Transport
/// Association (IATA`, `ISP) Plus.net`).
fn clean_name(name: &str) -> String {
    let name = name.trim();
    if name.matches('(').count() == name.matches(')').count() {
        return name.to_string();
    }
    if let Some(open) = name.rfind('(').filter(|&p| !name[p..].contains(')')) {
        return name[..open].trim_end().to_string();
    }
    match name.find(')').filter(|&p| !name[..p].contains('(')) {
        Some(close) if !name[close + 1..].trim().is_empty() => name[close + 1..].trim().to_string(),
        Some(close) => name[..close].trim().to_string(),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::clean_name;

    #[test]
    fn names_lose_brackets_left_open() {
        assert_eq!(
            clean_name("British Chambers of Commerce ("),
            "British Chambers of Commerce"
        );
        assert_eq!(
            clean_name("International Air Transport Association (IATA"),
            "International Air Transport Association"
        );
        assert_eq!(clean_name("ISP) Plus.net"), "Plus.net");
        assert_eq!(
            clean_name("Mitch McConnell (R-Ky.)"),
            "Mitch McConnell (R-Ky.)"
        );
    }
}
