//! What a cue reports ([`CueClass`]), and whether it reports anything: a
//! claim needs a communication or stance cue. Actions (`took aim at`,
//! `sought`, `hires`), perception (`saw`), appearance (`is projected`,
//! `sounds like`), questions (`asked`) and hearsay without a source
//! (`speculation`, `reports of`) are not claims, however a tagger marks
//! them.
//!
//! The class comes from the cue's words, each reduced to its lemma (`told`
//! -> `tell`, `tweets` -> `tweet`): the cue lexicon's reporting verbs but
//! `ask`, and other speech words (`said`, `statement`); writing (`wrote`,
//! `tweeted`, `posted`); belief and position (`believes`, `expects`,
//! `opposes`). A document as the source (`the
//! report`, `a study`, `the data`) makes any of them a document's finding,
//! as do `show` and `find`. `according to` is speech, or a document's
//! finding after a document.

use newsnlp_model::CueClass;

use crate::lexicon;

/// Speech words the cue lexicon does not list (its reporting verbs are
/// speech unless a list below says otherwise): nouns and other verbs, as
/// lemmas.
const SPEECH: &[&str] = &[
    "answer",
    "brag",
    "disagree",
    "comment",
    "continue",
    "speak",
    "recount",
    "recommend",
    "advise",
    "threaten",
    "exclaim",
    "shout",
    "tout",
    "concur",
    "repeat",
    "inform",
    "forecast",
    "speculate",
    "confess",
    "apologise",
    "apologize",
    "demand",
    "remind",
    "assess",
    "calculate",
    "suspect",
    "statement",
    "announcement",
    "remarks",
    "comments",
    "interview",
    "speech",
    "testimony",
    "words",
    "according",
    "claims",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "insists",
    "warning",
    "admission",
    "response",
    "told",
    "conclusion",
    "quote",
    "quoted",
    "instruct",
    "express",
    "reaffirm",
    "declaration",
    "adamant",
    "ascribe",
    "insistence",
    "argument",
    "denial",
    "accusation",
    "allegation",
    "criticism",
    "prediction",
    "recommendation",
    "assurance",
    "confirmation",
    "acknowledgement",
    "insinuate",
    "imply",
];

/// Reporting verbs of the cue lexicon that ask rather than state.
const ASKING: &[&str] = &["ask", "question"];

/// Writing verbs and nouns, as lemmas.
const WRITING: &[&str] = &[
    "write", "tweet", "post", "email", "e-mail", "blog", "text", "message", "publish", "pen",
    "read", "letter", "op-ed", "caption", "memo", "wrote", "written",
];

/// Belief and position verbs, adjectives and nouns, as lemmas.
const BELIEF: &[&str] = &[
    "believe",
    "think",
    "expect",
    "want",
    "hope",
    "fear",
    "worry",
    "feel",
    "doubt",
    "plan",
    "support",
    "oppose",
    "prefer",
    "fret",
    "consider",
    "assume",
    "reckon",
    "know",
    "wish",
    "intend",
    "envision",
    "envisage",
    "anticipate",
    "regard",
    "view",
    "convinced",
    "concerned",
    "confident",
    "optimistic",
    "pessimistic",
    "skeptical",
    "sceptical",
    "determined",
    "sure",
    "worried",
    "belief",
    "hopes",
    "fears",
    "expectation",
    "thought",
    "knew",
    "felt",
];

/// Verbs that report what a document or piece of data shows.
const FINDING: &[&str] = &[
    "show", "find", "found", "shown", "conclude", "suggest", "indicate",
];

/// Nouns for documents and data, which speak through what they say or find.
const DOCUMENTS: &[&str] = &[
    "report",
    "study",
    "survey",
    "poll",
    "research",
    "analysis",
    "data",
    "figures",
    "statistics",
    "filing",
    "documents",
    "document",
    "memo",
    "lawsuit",
    "complaint",
    "ruling",
    "paper",
    "review",
    "audit",
    "census",
    "index",
    "records",
    "estimates",
    "findings",
    "investigation",
    "assessment",
    "note",
    "release",
    "indictment",
    "affidavit",
    "petition",
    "order",
    "bill",
    "proposal",
    "plan",
    "guidelines",
    "guidance",
    "forecast",
    "model",
    "simulation",
    "studies",
    "reports",
    "polls",
    "surveys",
    "database",
    "website",
    "page",
    "post",
    "alert",
    "notice",
];

/// The lemma candidates of a word: itself, and with common inflections cut
/// (`tweets`, `tweeted`, `tweeting`, `worries`, `worried`, `planned`).
fn lemmas(word: &str) -> Vec<String> {
    let mut out = vec![word.to_string()];
    if let Some((lemma, _)) = lexicon::cue_verb(word) {
        out.push(lemma.to_string());
    }
    for (suffix, replacement) in [
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() >= 2 {
                out.push(format!("{stem}{replacement}"));
                // `planned`, `slammed`: a doubled last consonant.
                let b = stem.as_bytes();
                if b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] && replacement.is_empty() {
                    out.push(stem[..stem.len() - 1].to_string());
                }
            }
        }
    }
    out
}

/// The words of a text, lowercase, without punctuation or possessives.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '\'' | '’')))
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            crate::names::strip_possessive(w).to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Whether the source names a document (`the report`, `A 2019 study`,
/// `data from the bureau`).
pub(crate) fn is_document(source: &str) -> bool {
    let words = words(source);
    let head = words
        .iter()
        .position(|w| matches!(w.as_str(), "from" | "by" | "of" | "on" | "in"))
        .map_or(words.len(), |p| p);
    words[..head]
        .last()
        .is_some_and(|w| DOCUMENTS.contains(&w.as_str()))
}

/// The class a cue's words give, if any of them reports.
fn class_of_words(cue: &[String]) -> Option<CueClass> {
    let mut found = None;
    for (i, word) in cue.iter().enumerate() {
        // `known as`, `known for`: a name, not knowledge.
        let next = cue.get(i + 1).map(String::as_str);
        if matches!(word.as_str(), "known" | "know") && matches!(next, Some("as" | "for")) {
            continue;
        }
        for lemma in lemmas(word) {
            let listed = |list: &[&str]| list.contains(&lemma.as_str());
            let reporting_verb = lexicon::cue_verb(&lemma).is_some_and(|(base, _)| base == lemma);
            let class = if listed(WRITING) {
                Some(CueClass::Writing)
            } else if listed(SPEECH) {
                Some(CueClass::Speech)
            } else if listed(FINDING) {
                Some(CueClass::Document)
            } else if listed(BELIEF) {
                Some(CueClass::Belief)
            } else if reporting_verb && !listed(ASKING) {
                Some(CueClass::Speech)
            } else {
                None
            };
            // Speech and writing win over a belief word in the same cue
            // (`said he believes`).
            if let Some(class) = class {
                if found.is_none() || found == Some(CueClass::Belief) {
                    found = Some(class);
                }
                break;
            }
        }
    }
    found
}

/// The class of a claim, or None when its cue reports nothing. `cue` is
/// the cue's text (None for a quote with no cue, which is speech),
/// `source` the speaker mention, `according` whether it is an `according
/// to` claim.
pub(crate) fn classify(
    cue: Option<&str>,
    source: Option<&str>,
    according: bool,
) -> Option<CueClass> {
    let document = source.is_some_and(is_document);
    if according {
        return Some(if document {
            CueClass::Document
        } else {
            CueClass::Speech
        });
    }
    let Some(cue) = cue else {
        return Some(CueClass::Speech);
    };
    // A quotation introduced by a colon or dash.
    if cue
        .trim()
        .chars()
        .all(|c| matches!(c, ':' | '—' | '–' | '-' | '―'))
        && !cue.trim().is_empty()
    {
        return Some(CueClass::Speech);
    }
    let class = class_of_words(&words(cue))?;
    Some(match class {
        CueClass::Speech | CueClass::Document | CueClass::Writing if document => CueClass::Document,
        CueClass::Document => CueClass::Speech,
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(cue: &str, source: &str) -> Option<&'static str> {
        classify(Some(cue), Some(source), false).map(CueClass::as_str)
    }

    #[test]
    fn communication_and_stance_cues_are_classed() {
        assert_eq!(class("said", "Ann Lee"), Some("speech"));
        assert_eq!(class("told reporters", "he"), Some("speech"));
        assert_eq!(class("tweeted", "Trump"), Some("writing"));
        assert_eq!(class("wrote in a blog post", "she"), Some("writing"));
        assert_eq!(class("believes", "the company"), Some("belief"));
        assert_eq!(class("is worried", "the minister"), Some("belief"));
        assert_eq!(class("found", "A 2019 study"), Some("document"));
        assert_eq!(class("said", "the report"), Some("document"));
        assert_eq!(class("found", "researchers"), Some("speech"));
        assert_eq!(class("said he believes", "Smith"), Some("speech"));
        assert_eq!(
            classify(None, Some("the survey"), true).map(CueClass::as_str),
            Some("document")
        );
        assert_eq!(classify(None, None, false), Some(CueClass::Speech));
        assert_eq!(
            classify(Some(":"), Some("Smith"), false),
            Some(CueClass::Speech)
        );
    }

    #[test]
    fn actions_perceptions_and_appearances_are_not_claims() {
        for cue in [
            "took aim at",
            "frantically sought",
            "hires",
            "is projected",
            "sounds like",
            "saw",
            "asked",
            "speculation",
            "known as",
            "has since been charged with",
            "allegedly",
        ] {
            assert_eq!(class(cue, "they"), None, "{cue}");
        }
    }
}
