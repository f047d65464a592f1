//! Word lists: reporting verbs with their inflections, and the closed-class
//! words the speaker and content rules need.
//!
//! Every reporting verb is listed once as `base|3sg|past|ing` (irregular or
//! consonant-doubling forms) or as a bare base form whose regular
//! inflections are generated (`note` → `notes`, `noted`, `noting`).

use std::collections::HashMap;
use std::sync::OnceLock;

/// A person's grammatical gender, where the document shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// Grammatical form of a cue verb as it appears in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Form {
    /// `say`, `argue`: base / present plural.
    Base,
    /// `says`, `argues`.
    ThirdSingular,
    /// `said`, `argued` (past tense or past participle).
    Past,
    /// `saying`, `arguing`.
    Ing,
}

/// Reporting verbs: speech, statement and claim verbs, plus the writing,
/// reporting and "evidence" verbs news uses for documents and polls.
const VERBS: &[&str] = &[
    "say|says|said|saying",
    "tell|tells|told|telling",
    "write|writes|wrote|writing",
    "add",
    "note",
    "state",
    "emphasise",
    "emphasize",
    "stress",
    "claim",
    "allege",
    "maintain",
    "announce",
    "insist",
    "deny|denies|denied|denying",
    "warn",
    "confirm",
    "argue",
    "explain",
    "acknowledge",
    "assert",
    "contend",
    "declare",
    "reiterate",
    "observe",
    "remark",
    "reply|replies|replied|replying",
    "report",
    "suggest",
    "tweet",
    "predict",
    "admit|admits|admitted|admitting",
    "concede",
    "complain",
    "recall",
    "reveal",
    "disclose",
    "indicate",
    "assure",
    "caution",
    "boast",
    "testify|testifies|testified|testifying",
    "quip|quips|quipped|quipping",
    "joke",
    "mention",
    "vow",
    "pledge",
    "promise",
    "urge",
    "accuse",
    "conclude",
    "estimate",
    "believe",
    "think|thinks|thought|thinking",
    "ask",
    "show|shows|showed|showing",
    "find|finds|found|finding",
    "agree",
    "respond",
    "hint",
    "proclaim",
    "opine",
    "affirm",
    "counter",
    "retort",
    "lament",
    "worry|worries|worried|worrying",
    "fear",
    "hope",
    "point|points|pointed|pointing",
    "cite",
    "describe",
    "criticize",
    "criticise",
    "praise",
    "defend",
    "propose",
    "dismiss",
    "reject",
    "blame",
    "slam|slams|slammed|slamming",
    "blast",
    "question",
    "endorse",
    "call|calls|called|calling",
];

/// Cue verbs that are also common nouns (`the state`, `reports`, `a tweet`):
/// their base and `-s` forms report only before a clause or a quote.
const NOUNY: &[&str] = &[
    "state", "report", "remark", "claim", "tweet", "comment", "estimate", "promise", "hope",
    "fear", "counter", "question", "call", "blast", "joke", "cite", "find", "show", "point",
    "respond", "reply", "caution", "praise", "vow", "pledge", "warn", "reject", "support",
];

/// Cue verbs that report only with a `that`-clause, a quote or a colon
/// (`agreed that`, not `agreed to continue`; `pointed out that`).
const NEEDS_CLAUSE: &[&str] = &[
    "agree", "hope", "fear", "worry", "find", "show", "respond", "think", "believe", "point",
    "promise", "vow", "pledge", "urge", "cite", "estimate", "counter",
];

fn regular(base: &str) -> [String; 3] {
    let third = if base.ends_with('s')
        || base.ends_with("sh")
        || base.ends_with("ch")
        || base.ends_with('x')
        || base.ends_with('z')
    {
        format!("{base}es")
    } else {
        format!("{base}s")
    };
    let (past, ing) = if let Some(stem) = base.strip_suffix('e') {
        (format!("{base}d"), format!("{stem}ing"))
    } else {
        (format!("{base}ed"), format!("{base}ing"))
    };
    [third, past, ing]
}

/// The lemma and form of `word` (lowercase) if it is a reporting verb.
pub(crate) fn cue_verb(word: &str) -> Option<(&'static str, Form)> {
    cue_verb_forms().get(word).copied()
}

/// Every inflected form of every cue verb, built once. When two verbs share
/// a form, the one listed first in [`VERBS`] keeps it.
fn cue_verb_forms() -> &'static HashMap<String, (&'static str, Form)> {
    static FORMS: OnceLock<HashMap<String, (&'static str, Form)>> = OnceLock::new();
    FORMS.get_or_init(|| {
        let mut forms = HashMap::new();
        for entry in VERBS {
            let mut parts = entry.split('|');
            let base = parts.next().unwrap_or_default();
            let inflected: Vec<String> = if entry.contains('|') {
                parts.map(str::to_string).collect()
            } else {
                regular(base).to_vec()
            };
            forms.entry(base.to_string()).or_insert((base, Form::Base));
            for (form, kind) in
                inflected
                    .into_iter()
                    .zip([Form::ThirdSingular, Form::Past, Form::Ing])
            {
                forms.entry(form).or_insert((base, kind));
            }
        }
        forms
    })
}

/// Whether the lemma reports only before a clause, quote or colon.
pub(crate) fn needs_clause(lemma: &str) -> bool {
    NEEDS_CLAUSE.contains(&lemma)
}

/// Whether the lemma is also a common noun (see [`NOUNY`]).
pub(crate) fn is_nouny(lemma: &str) -> bool {
    NOUNY.contains(&lemma)
}

/// Verbs that take a person object before the content (`told reporters that`).
pub(crate) fn takes_object(lemma: &str) -> bool {
    matches!(
        lemma,
        "tell" | "assure" | "warn" | "urge" | "ask" | "remind" | "inform" | "accuse"
    )
}

/// Subject pronouns that can be speakers.
pub(crate) fn is_pronoun(word: &str) -> bool {
    matches!(
        word,
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "who"
    )
}

/// Words that negate or hedge a following reporting verb.
pub(crate) fn is_negation(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "n't"
            | "never"
            | "neither"
            | "nor"
            | "no"
            | "declined"
            | "declines"
            | "refused"
            | "refuses"
            | "won't"
            | "wouldn't"
            | "didn't"
            | "doesn't"
            | "don't"
            | "couldn't"
            | "cannot"
            | "can't"
            | "hasn't"
            | "haven't"
    )
}

/// Auxiliaries and adverbs that may stand between a speaker and the cue.
pub(crate) fn is_verb_filler(word: &str) -> bool {
    matches!(
        word,
        "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "did"
            | "does"
            | "do"
            | "also"
            | "later"
            | "then"
            | "previously"
            | "earlier"
            | "repeatedly"
            | "again"
            | "once"
            | "reportedly"
            | "publicly"
            | "recently"
            | "often"
            | "frequently"
            | "further"
            | "privately"
            | "separately"
            | "subsequently"
            | "since"
            | "already"
            | "still"
            | "always"
            | "even"
            | "first"
            | "quickly"
            | "immediately"
            | "openly"
            | "simply"
            | "flatly"
            | "firmly"
            | "strongly"
            | "explicitly"
            | "specifically"
            | "similarly"
            | "likewise"
            | "just"
            | "now"
            | "yesterday"
            | "today"
            | "tonight"
            | "personally"
            | "famously"
            | "bluntly"
            | "directly"
            | "formally"
            | "officially"
            | "loudly"
            | "angrily"
            | "proudly"
            | "falsely"
            | "correctly"
            | "wrongly"
            | "accurately"
    )
}

/// Forms of `be` (a past participle after one is passive, not a cue).
pub(crate) fn is_be(word: &str) -> bool {
    matches!(
        word,
        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "'s" | "’s"
    )
}

/// Words an English noun phrase (as a speaker) cannot contain.
pub(crate) fn breaks_noun_phrase(word: &str) -> bool {
    matches!(
        word,
        "and"
            | "or"
            | "but"
            | "nor"
            | "that"
            | "which"
            | "when"
            | "while"
            | "where"
            | "as"
            | "if"
            | "because"
            | "since"
            | "though"
            | "although"
            | "whether"
            | "than"
            | "so"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "about"
            | "after"
            | "before"
            | "during"
            | "into"
            | "over"
            | "under"
            | "against"
            | "between"
            | "through"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "not"
            | "also"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "there"
            | "here"
            | "then"
            | "however"
            | "now"
            | "who"
            | "what"
            | "how"
            | "why"
            | "do"
            | "does"
            | "did"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
            | "very"
            | "more"
            | "most"
            | "just"
            | "even"
            | "only"
            | "said"
            | "says"
            | "it"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
    )
}

/// Words that cannot carry a statement on their own: determiners,
/// pronouns, prepositions, conjunctions and relative words (`to`, `the`,
/// `which`, `it`). A content of nothing else is not a claim.
pub(crate) fn is_function_word(word: &str) -> bool {
    is_determiner(word)
        || is_pronoun(word)
        || is_be(word)
        || is_verb_filler(word)
        || matches!(
            word,
            "to" | "of"
                | "from"
                | "for"
                | "with"
                | "at"
                | "by"
                | "on"
                | "in"
                | "into"
                | "about"
                | "as"
                | "than"
                | "and"
                | "or"
                | "but"
                | "so"
                | "if"
                | "which"
                | "what"
                | "whom"
                | "whose"
                | "there"
                | "them"
                | "him"
                | "us"
                | "me"
                | "himself"
                | "herself"
                | "themselves"
                | "itself"
                | "too"
                | "also"
        )
}

/// Determiners and possessive pronouns that open a noun phrase.
pub(crate) fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "some"
            | "many"
            | "several"
            | "both"
            | "other"
            | "another"
            | "most"
            | "one"
            | "two"
            | "three"
            | "all"
            | "each"
    )
}

/// Lowercase nouns that name a speaker's role or a speaking body; only these
/// may precede a capitalised name inside one speaker phrase
/// (`Foreign Office spokesperson Tahir Hussain Andrabi`).
pub(crate) fn is_role_noun(word: &str) -> bool {
    matches!(
        word,
        "spokesperson"
            | "spokesman"
            | "spokeswoman"
            | "spokespeople"
            | "minister"
            | "secretary"
            | "official"
            | "officials"
            | "leader"
            | "leaders"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "director"
            | "president"
            | "senator"
            | "candidate"
            | "nominee"
            | "adviser"
            | "advisor"
            | "aide"
            | "strategist"
            | "analyst"
            | "economist"
            | "professor"
            | "governor"
            | "mayor"
            | "chief"
            | "head"
            | "ambassador"
            | "envoy"
            | "representative"
            | "congressman"
            | "congresswoman"
            | "lawmaker"
            | "manager"
            | "executive"
            | "founder"
            | "commissioner"
            | "general"
            | "attorney"
            | "lawyer"
            | "judge"
            | "pollster"
            | "host"
            | "anchor"
            | "columnist"
            | "reporter"
            | "author"
            | "expert"
            | "activist"
            | "businessman"
            | "billionaire"
            | "mogul"
            | "rival"
            | "challenger"
            | "incumbent"
            | "speaker"
            | "member"
            | "colleague"
            | "researcher"
            | "scientist"
            | "officer"
            | "administrator"
            | "coordinator"
            | "partner"
            | "co-founder"
            | "nominee's"
            | "mate"
            | "running"
            | "vice"
            | "deputy"
            | "former"
            | "presidential"
    )
}

/// Capitalised words that are titles, so that a name after them is the
/// speaker and they the role (`Defence Minister Khawaja Asif`).
pub(crate) fn is_title(word: &str) -> bool {
    matches!(
        word,
        "Minister"
            | "President"
            | "Secretary"
            | "Senator"
            | "Sen."
            | "Rep."
            | "Gov."
            | "Governor"
            | "Mayor"
            | "Chairman"
            | "Chairwoman"
            | "Director"
            | "Spokesperson"
            | "Spokesman"
            | "Ambassador"
            | "General"
            | "Gen."
            | "Gen"
            | "Judge"
            | "Justice"
            | "Speaker"
            | "Leader"
            | "Chief"
            | "Representative"
            | "Congressman"
            | "Congresswoman"
            | "Prime"
            | "Vice"
            | "Attorney"
            | "Commissioner"
            | "Prince"
            | "King"
            | "Queen"
            | "Pope"
            | "Rev."
            | "Prof."
            | "Professor"
            | "Lt."
            | "Col."
            | "Adm."
            | "Sgt."
            | "Capt."
            | "Gov"
            | "Sen"
            | "Rep"
            | "Former"
            | "Candidate"
            | "Nominee"
            | "Democrat"
            | "Republican"
            | "Democratic"
    )
}

/// Honorifics: dropped from the canonical name, not a role.
pub(crate) fn is_honorific(word: &str) -> bool {
    matches!(
        word,
        "Mr." | "Mrs." | "Ms." | "Dr." | "Mr" | "Mrs" | "Ms" | "Dr" | "Miss" | "Sir" | "Dame"
    )
}

/// Month and weekday names (skipped in date phrases next to a cue).
pub(crate) fn is_date_word(word: &str) -> bool {
    matches!(
        word,
        "January"
            | "February"
            | "March"
            | "April"
            | "May"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
            | "Jan."
            | "Feb."
            | "Aug."
            | "Sept."
            | "Sep."
            | "Oct."
            | "Nov."
            | "Dec."
            | "Monday"
            | "Tuesday"
            | "Wednesday"
            | "Thursday"
            | "Friday"
            | "Saturday"
            | "Sunday"
    )
}

/// The gender a noun for a person says (`wife`, `spokeswoman`, `father`),
/// if it says one.
pub fn gendered_noun(word: &str) -> Option<Gender> {
    match word {
        "wife" | "mother" | "daughter" | "sister" | "woman" | "spokeswoman" | "chairwoman"
        | "congresswoman" | "businesswoman" | "actress" | "queen" | "princess" | "widow"
        | "girlfriend" | "grandmother" | "aunt" | "niece" | "duchess" | "mum" | "mom" => {
            Some(Gender::Female)
        }
        "husband" | "father" | "son" | "brother" | "man" | "spokesman" | "chairman"
        | "congressman" | "businessman" | "actor" | "king" | "prince" | "widower" | "boyfriend"
        | "grandfather" | "uncle" | "nephew" | "duke" | "dad" => Some(Gender::Male),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections_are_generated() {
        assert_eq!(cue_verb("said"), Some(("say", Form::Past)));
        assert_eq!(cue_verb("noting"), Some(("note", Form::Ing)));
        assert_eq!(cue_verb("emphasised"), Some(("emphasise", Form::Past)));
        assert_eq!(
            cue_verb("emphasizes"),
            Some(("emphasize", Form::ThirdSingular))
        );
        assert_eq!(cue_verb("denied"), Some(("deny", Form::Past)));
        assert_eq!(cue_verb("admitted"), Some(("admit", Form::Past)));
        assert_eq!(cue_verb("stresses"), Some(("stress", Form::ThirdSingular)));
        assert_eq!(cue_verb("claim"), Some(("claim", Form::Base)));
        assert_eq!(cue_verb("reaffirming"), None);
        assert_eq!(cue_verb("welcomed"), None);
    }
}
