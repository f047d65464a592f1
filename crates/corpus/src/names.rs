//! Name normalisation: the forms of one person's or organisation's name that
//! differ only in titles, case, accents, spacing, punctuation or legal
//! suffixes get one key.
//!
//! Keys are lowercase ASCII. A person's key is the first and last word of
//! the name once titles are stripped (`George W. Bush` and `President George
//! Bush` → `george bush`); an organisation's key is its words without the
//! article, legal suffix and spaces (`TimeWarner`, `Time Warner Inc.` →
//! `timewarner`).

use deunicode::deunicode;

/// What kind of name a mention is, as far as identity goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameKind {
    /// A person (`PERSON`).
    Person,
    /// An organisation (`ORG`).
    Org,
    /// A speaker that is neither a named person nor a named organisation
    /// (`analysts`, `the police`).
    Other,
}

impl NameKind {
    /// The kind of an entity label; `None` for labels identity does not cover.
    pub fn of_label(label: &str) -> Option<Self> {
        match label {
            "PERSON" | "PER" => Some(Self::Person),
            "ORG" => Some(Self::Org),
            _ => None,
        }
    }

    /// The label written in the report tables.
    pub fn label(self) -> &'static str {
        match self {
            Self::Person => "PERSON",
            Self::Org => "ORG",
            Self::Other => "OTHER",
        }
    }
}

/// Words that stand before a person's name and are not part of it, compared
/// lowercase and without a final full stop. Several can stack (`Defence
/// Minister Khawaja Asif`, `Former US President Bill Clinton`).
const TITLE_WORDS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "sir",
    "dame",
    "lord",
    "lady",
    "baroness",
    "baron",
    "prof",
    "professor",
    "rev",
    "reverend",
    "fr",
    "father",
    "sister",
    "brother",
    "president",
    "vice",
    "prime",
    "deputy",
    "minister",
    "secretary",
    "chancellor",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "gov",
    "governor",
    "general",
    "gen",
    "col",
    "colonel",
    "lt",
    "lieutenant",
    "capt",
    "captain",
    "major",
    "maj",
    "sgt",
    "sergeant",
    "admiral",
    "commander",
    "chairman",
    "chairwoman",
    "chair",
    "chief",
    "executive",
    "ceo",
    "cfo",
    "director",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "justice",
    "mayor",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "mp",
    "mep",
    "defence",
    "defense",
    "foreign",
    "home",
    "finance",
    "interior",
    "health",
    "trade",
    "culture",
    "education",
    "transport",
    "environment",
    "energy",
    "economy",
    "former",
    "ex",
    "late",
    "state",
    "us",
    "uk",
    "eu",
    "un",
    "labour",
    "tory",
    "conservative",
    "democrat",
    "democratic",
    "republican",
    "liberal",
    "shadow",
    "opposition",
    "leader",
    "coach",
    "manager",
    "boss",
    "striker",
    "midfielder",
    "defender",
    "goalkeeper",
    "captain",
    "skipper",
    "star",
    "singer",
    "actor",
    "actress",
    "director",
    "producer",
    "analyst",
    "economist",
    "saint",
    "st",
    "sheikh",
    "ayatollah",
    "imam",
    "rabbi",
    "cardinal",
    "archbishop",
    "bishop",
    "premier",
    "attorney",
    "solicitor",
    "inspector",
    "detective",
    "officer",
    "superintendent",
    "chief",
    "head",
    "of",
    "the",
];

/// Words after a person's name that are not part of it.
const NAME_SUFFIXES: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "qc", "mp", "mep", "obe", "mbe", "cbe", "phd",
];

/// Legal forms and other words that end an organisation's name without
/// changing what it names.
const ORG_SUFFIXES: &[&str] = &[
    "inc",
    "incorporated",
    "corp",
    "corporation",
    "co",
    "ltd",
    "limited",
    "plc",
    "llc",
    "llp",
    "lp",
    "ag",
    "sa",
    "nv",
    "bv",
    "se",
    "spa",
    "gmbh",
    "ab",
    "asa",
    "oyj",
    "holdings",
    "holding",
    "group",
];

/// Small words skipped when an acronym is matched to a name's initials.
const ACRONYM_SKIP: &[&str] = &[
    "of", "and", "the", "for", "&", "de", "du", "des", "la", "le", "on", "in", "at", "to",
];

/// A name cut into words: accents folded, possessive and punctuation at
/// the edges removed, `&` kept as a word.
pub fn words(name: &str) -> Vec<String> {
    let ascii = without_brackets(&deunicode(name.trim()));
    let ascii = strip_possessive(&ascii);
    ascii
        .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '/')
        .map(|w| {
            w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '&' || c == '\'' || c == '-'))
        })
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The name without bracketed parts (`Office for National Statistics
/// (ONS)` → `Office for National Statistics`); an unclosed bracket ends it.
fn without_brackets(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out.trim().to_string()
}

fn strip_possessive(s: &str) -> String {
    let t = s.trim_end();
    for tail in ["'s", "'S", "s'"] {
        if let Some(head) = t.strip_suffix(tail) {
            if tail == "s'" {
                return format!("{head}s");
            }
            return head.to_string();
        }
    }
    t.trim_end_matches('\'').to_string()
}

fn lower_bare(word: &str) -> String {
    word.trim_end_matches('.').replace('.', "").to_lowercase()
}

/// Titles that make a name with one word after them (`Prince Philip`,
/// `Pope Benedict`): kept when only one word follows.
const STYLED_TITLES: &[&str] = &[
    "prince",
    "princess",
    "king",
    "queen",
    "pope",
    "lord",
    "lady",
    "baroness",
    "baron",
    "sheikh",
    "ayatollah",
];

/// A person's name words with titles before and suffixes after removed.
/// A title word is only removed while a name word is left after it, so
/// `Lord` alone stays `Lord`, and a styled title before a single word stays
/// (`Prince Philip`).
pub fn person_words(name: &str) -> Vec<String> {
    let mut w = words(name);
    while w.len() > 1 && NAME_SUFFIXES.contains(&lower_bare(&w[w.len() - 1]).as_str()) {
        w.pop();
    }
    let mut start = 0;
    while start + 1 < w.len() && is_title_word(&w[start]) {
        start += 1;
    }
    if start > 0
        && start + 1 == w.len()
        && STYLED_TITLES.contains(&lower_bare(&w[start - 1]).as_str())
    {
        start -= 1;
    }
    w.drain(..start);
    w
}

/// Whether a name is `Sir` or `Dame` before one word, which is then a first
/// name (`Sir Alan` for Sir Alan Budd).
pub fn is_knight_first_name(name: &str) -> bool {
    let w = words(name);
    w.len() == 2 && matches!(lower_bare(&w[0]).as_str(), "sir" | "dame")
}

/// Whether a word is a title or role word (`Mr`, `Minister`, `Chancellor`).
pub fn is_title_word(word: &str) -> bool {
    TITLE_WORDS.contains(&lower_bare(word).as_str())
}

/// An organisation's name words without a leading article or a trailing
/// legal form.
pub fn org_words(name: &str) -> Vec<String> {
    let mut w = words(name);
    if w.len() > 1 && w[0].eq_ignore_ascii_case("the") {
        w.remove(0);
    }
    while w.len() > 1 && ORG_SUFFIXES.contains(&lower_bare(&w[w.len() - 1]).as_str()) {
        w.pop();
    }
    w
}

/// The key of a person's name: its first and last word, lowercase (middle
/// names and initials dropped), or its one word.
pub fn person_key(words: &[String]) -> String {
    match words {
        [] => String::new(),
        [one] => lower_bare(one),
        [first, .., last] => format!("{} {}", lower_bare(first), lower_bare(last)),
    }
}

/// The key of an organisation's name: its words lowercase without the
/// small words (`of`, `for`, `and`, `&`, `the`), spaces, dots, hyphens or
/// apostrophes (`Institute of Fiscal Studies` and `Institute for Fiscal
/// Studies` → `institutefiscalstudies`).
pub fn org_key(words: &[String]) -> String {
    let kept: Vec<&String> = words
        .iter()
        .filter(|w| !ORG_SMALL_WORDS.contains(&lower_bare(w).as_str()))
        .collect();
    let kept = if kept.is_empty() {
        words.iter().collect()
    } else {
        kept
    };
    kept.iter()
        .map(|w| lower_bare(w).replace(['\'', '-', '&'], ""))
        .collect::<String>()
}

/// Words an organisation's key leaves out.
const ORG_SMALL_WORDS: &[&str] = &["of", "for", "and", "&", "the"];

/// An organisation's words for its initials: without a leading article but
/// with its legal form (`International Steel Group` → `ISG`).
pub fn org_words_for_initials(name: &str) -> Vec<String> {
    let mut w = words(name);
    if w.len() > 1 && w[0].eq_ignore_ascii_case("the") {
        w.remove(0);
    }
    w
}

/// The key of a speaker that names no person or organisation: the words
/// lowercase, without a leading article.
pub fn other_key(name: &str) -> String {
    let w = words(name);
    let skip = usize::from(w.len() > 1 && w[0].eq_ignore_ascii_case("the"));
    w[skip..]
        .iter()
        .map(|w| lower_bare(w))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a word looks like an acronym: 2 to 8 letters (dots and `&`
/// allowed between), all capitals, e.g. `CML`, `U.N.`, `AT&T`.
pub fn is_acronym(word: &str) -> bool {
    let letters: Vec<char> = word.chars().filter(|c| *c != '.' && *c != '&').collect();
    (2..=8).contains(&letters.len())
        && letters
            .iter()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && letters.iter().filter(|c| c.is_ascii_uppercase()).count() >= 2
}

/// The capitals of a name's significant words (`Council of Mortgage
/// Lenders` → `CML`), for matching an acronym; `None` for a one-word name
/// or one with an acronym among its words (`BNP Paribas` is not `BP`).
pub fn initials(words: &[String]) -> Option<String> {
    let significant: Vec<&String> = words
        .iter()
        .filter(|w| !ACRONYM_SKIP.contains(&w.to_lowercase().as_str()))
        .collect();
    if significant.len() < 2 || significant.iter().any(|w| is_acronym(w)) {
        return None;
    }
    significant
        .iter()
        .map(|w| w.chars().next().filter(char::is_ascii_uppercase))
        .collect::<Option<String>>()
}

/// Whether a word reads as a name word: it starts with a capital.
pub fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pk(name: &str) -> String {
        person_key(&person_words(name))
    }

    fn ok(name: &str) -> String {
        org_key(&org_words(name))
    }

    #[test]
    fn person_titles_middle_names_and_possessives_go() {
        assert_eq!(pk("Defence Minister Khawaja Asif"), "khawaja asif");
        assert_eq!(pk("Khawaja Asif's"), "khawaja asif");
        assert_eq!(pk("President George W. Bush"), "george bush");
        assert_eq!(pk("Mr Blair"), "blair");
        assert_eq!(pk("Tahir Hussain Andrabi"), "tahir andrabi");
        assert_eq!(pk("José Manuel Barroso"), "jose barroso");
        assert_eq!(pk("Martin Luther King Jr."), "martin king");
        assert_eq!(pk("Lord"), "lord");
        assert_eq!(pk("Prince Philip"), "prince philip");
        assert_eq!(pk("Mr Philip"), "philip");
        assert!(is_knight_first_name("Sir Alan"));
    }

    #[test]
    fn organisation_spacing_articles_and_legal_forms_go() {
        assert_eq!(ok("TimeWarner"), "timewarner");
        assert_eq!(ok("Time Warner Inc."), "timewarner");
        assert_eq!(ok("the Bank of England"), "bankengland");
        assert_eq!(
            ok("Institute of Fiscal Studies"),
            ok("Institute for Fiscal Studies'")
        );
        assert_eq!(
            ok("Office for National Statistics (ONS)"),
            "officenationalstatistics"
        );
        assert_eq!(ok("Marks & Spencer"), ok("Marks and Spencer"));
        assert_eq!(ok("Yukos's"), "yukos");
        assert_eq!(ok("Deutsche Telekom AG"), "deutschetelekom");
    }

    #[test]
    fn acronyms_and_initials() {
        assert!(is_acronym("CML"));
        assert!(is_acronym("U.N."));
        assert!(is_acronym("AT&T"));
        assert!(!is_acronym("Nasa"));
        assert!(!is_acronym("A"));
        assert_eq!(
            initials(&words("Council of Mortgage Lenders")).as_deref(),
            Some("CML")
        );
        assert_eq!(
            initials(&words("Building Societies Association")).as_deref(),
            Some("BSA")
        );
        assert_eq!(initials(&words("Google")), None);
        assert_eq!(initials(&words("BNP Paribas")), None);
        assert_eq!(
            initials(&org_words_for_initials("International Steel Group")).as_deref(),
            Some("ISG")
        );
    }

    #[test]
    fn other_speakers_keep_their_words() {
        assert_eq!(other_key("the analysts"), "analysts");
        assert_eq!(other_key("Economists"), "economists");
    }
}
