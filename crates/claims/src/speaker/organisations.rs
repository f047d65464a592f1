//! `The company`, `the firm`, `the bank`: a definite common noun for a kind
//! of organisation stands for the organisation the article names that fits
//! it: the one named most often shortly before the mention, the most recent
//! on a tie. `the bank` needs a name with `bank` in it, `the ministry` one
//! with `Ministry` or `Department`, and the others a name that is no public
//! body (`Commission`, `Reserve`, `Council`, `Bank of ...`, ...); a short
//! name that starts a longer one counts with it (`Glaxo`,
//! `GlaxoSmithKline`). With none that fits, the mention stays the speaker.
//!
//! Only organisations named in the [`LOOKBACK_CHARS`] before the mention
//! count, so the cost of a mention does not grow with the document (a
//! transcript or live blog names many organisations; the one `the company`
//! means is named near it).

use std::collections::HashMap;

use crate::names::strip_possessive;

use super::Resolver;

/// How far back (in characters) the organisations `the company` may stand
/// for are looked for: a long article's length.
pub(super) const LOOKBACK_CHARS: usize = 20_000;

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
    strip_possessive(name)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

impl Resolver<'_, '_> {
    /// The organisation entity the mention in tokens `[s, e)` stands for
    /// when it is a definite common noun for a kind of organisation (`the
    /// company`, `the world's biggest bank`, `The Bank`, up to a comma). A
    /// mention with a capitalised word before its noun names or places its
    /// organisation (`The Telegraph Group`, `The US firm`, `The German
    /// carmaker`, which need not be the one the article names most) and one
    /// with a name in apposition (`The firm, Paion,`) names it: none of
    /// these is resolved here.
    pub(super) fn definite_organisation(&self, s: usize, e: usize) -> Option<usize> {
        let toks = &self.ctx.toks;
        let comma = (s..e).find(|&k| toks[k].text == ",");
        let apposed_name =
            comma.is_some_and(|c| c + 1 < e && self.ctx.ents.speaker_starts_at(toks[c + 1].s));
        let e = comma.unwrap_or(e);
        if apposed_name || e <= s + 1 || e - s > 5 || toks[s].lower != "the" {
            return None;
        }
        let kind = kind_of(&toks[e - 1].lower)?;
        let plain = toks[s + 1..e - 1].iter().all(|t| t.word && !t.cap);
        if !plain || (toks[e - 1].cap && e - s > 2) {
            return None;
        }
        self.most_named_organisation(kind, toks[s].s)
    }

    /// Among the organisations named in the lookback before character
    /// `at` that fit `kind`, the one named most often (its short and long
    /// names together), the most recent on a tie.
    fn most_named_organisation(&self, kind: Kind, at: usize) -> Option<usize> {
        let ents = self.ctx.ents.all;
        // Per name: mentions before the mention, and the latest one's entity.
        let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
        for i in self
            .ctx
            .ents
            .starting_in(at.saturating_sub(LOOKBACK_CHARS), at)
        {
            let x = &ents[i];
            if x.label != "ORG" || x.end > at {
                continue;
            }
            let full = self.fullest.of(i);
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
}
