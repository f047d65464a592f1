//! Scoring claims on hand-labelled real web pages (`tests/web_claims/`,
//! labelled by `docs/web_claims_guideline.md`), the way a newsroom analyst
//! counts them.
//!
//! Each label gives an attribution's canonical speaker, its cue class and
//! where its content is: the content's first and last words and its length
//! (the pages are their publishers' articles, so the labels do not copy them
//! whole). [`locate`] finds the content again in the text newsnlp extracted
//! from the page, with quotes, dashes, spaces and case folded.
//!
//! - A claim **is an attribution** when at least 60% of its content lies in
//!   labelled contents of one speaker (two parts of one quote split by `X
//!   said` counting as one), and has **the right speaker** when its
//!   `speaker` names that speaker ([`same_speaker`]). A claim on a page that
//!   is not English news, or read from a second copy of a text, is wrong.
//! - A labelled attribution is **found** when one claim covers at least 30%
//!   of its content, and found **with the right speaker** when such a claim
//!   names its speaker.
//!
//! Precision is over all claims; recall over speech (every class but
//! `belief`), and over all classes.

use std::path::Path;

use newsnlp_model::Claim;
use serde::{Deserialize, Serialize};

use super::polnear::{name_words, same_name};

/// Share of a claim's content that must lie in labelled content.
const CLAIM_COVERED: f64 = 0.6;
/// Share of a labelled content a claim must cover to find it.
const LABEL_COVERED: f64 = 0.3;

/// One labelled page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WebPage {
    /// Page name: `NAME.html` in the pages folder.
    pub id: String,
    /// `tune` (rules were read against it) or `held_out` (only scored).
    pub split: String,
    /// False for a page that is not an English news article: every claim on
    /// it is wrong.
    pub english_news: bool,
    /// Every attribution of the article.
    pub attributions: Vec<WebLabel>,
}

/// One labelled attribution.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WebLabel {
    /// `speech`, `writing`, `document` or `belief`.
    pub cue_class: String,
    /// The mention as written (`he`, `the company`), or empty.
    pub source: String,
    /// Canonical speaker (`Gordon Sondland`, `a State Department spokesperson`).
    pub speaker: String,
    /// `PERSON`, `ORG`, `GPE`, `GROUP`, `DOCUMENT` or `OTHER`.
    pub speaker_type: String,
    /// The cue as written, or empty for a quote with no cue.
    pub cue: String,
    /// The content's first words.
    pub content_start: String,
    /// The content's last words.
    pub content_end: String,
    /// The content's length in characters.
    pub content_chars: usize,
}

impl WebLabel {
    /// Speech rather than a belief or position.
    pub fn is_speech(&self) -> bool {
        self.cue_class != "belief"
    }
}

/// Reads every `*.json` label file of `dir`, sorted by name.
pub fn read_labels(dir: &Path) -> std::io::Result<Vec<WebPage>> {
    let mut files: Vec<_> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p)?;
            serde_json::from_str(&text).map_err(|e| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("{}: {e}", p.display()),
                )
            })
        })
        .collect()
}

/// A text folded for matching, with each folded character's offset in the
/// original (in characters).
struct Folded {
    chars: Vec<char>,
    origin: Vec<usize>,
}

fn fold_char(c: char) -> char {
    match c {
        '‘' | '’' | '‚' | '′' => '\'',
        '“' | '”' | '„' | '″' => '"',
        '–' | '—' | '‐' | '‑' => '-',
        c if c.is_whitespace() => ' ',
        c => c.to_lowercase().next().unwrap_or(c),
    }
}

fn fold(text: &str) -> Folded {
    let mut out = Folded {
        chars: Vec::new(),
        origin: Vec::new(),
    };
    for (i, c) in text.chars().enumerate() {
        let f = fold_char(c);
        if f == ' ' && out.chars.last().is_none_or(|&l| l == ' ') {
            continue;
        }
        out.chars.push(f);
        out.origin.push(i);
    }
    out
}

fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return Vec::new();
    }
    (0..=hay.len() - needle.len())
        .filter(|&i| hay[i..i + needle.len()] == *needle)
        .collect()
}

/// Where `label`'s content lies in `text` (character offsets), or None when
/// its first or last words are not there. Each occurrence of the first
/// words takes the end that gives the length nearest the labelled one; the
/// earliest whose length is within a quarter of it wins (else the earliest).
pub fn locate(text: &str, label: &WebLabel) -> Option<(usize, usize)> {
    let folded = fold(text);
    locate_folded(&folded, text.chars().count(), label)
}

fn locate_folded(text: &Folded, len: usize, label: &WebLabel) -> Option<(usize, usize)> {
    let start: Vec<char> = fold(label.content_start.trim()).chars;
    let end: Vec<char> = fold(label.content_end.trim()).chars;
    let ends = find_all(&text.chars, &end);
    let original_end = |i: usize| {
        text.origin
            .get(i + end.len())
            .copied()
            .unwrap_or(len)
            .min(text.origin[i + end.len() - 1] + 1)
    };
    find_all(&text.chars, &start)
        .into_iter()
        .filter_map(|s| {
            let from = text.origin[s];
            ends.iter()
                .filter(|&&e| e + end.len() >= s + start.len())
                .map(|&e| (from, original_end(e)))
                .min_by_key(|&(a, b)| (b - a).abs_diff(label.content_chars))
        })
        .min_by_key(|&(a, b)| {
            (
                (b - a).abs_diff(label.content_chars) > label.content_chars / 4,
                a,
            )
        })
}

/// Lowercase words of a description, without its article and possessives.
fn description_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’');
            w.strip_suffix("’s")
                .or_else(|| w.strip_suffix("'s"))
                .unwrap_or(w)
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "the" | "a" | "an"))
        .collect()
}

/// The role words after a possessive (`Morrison's lawyer` gives `lawyer`).
fn possessive_role(text: &str) -> Option<String> {
    let at = text.find("'s ").or_else(|| text.find("’s "))?;
    let rest = &text[at..].split_once(' ')?.1;
    description_words(rest).last().cloned()
}

/// Whether a claim's `predicted` speaker names the labelled `gold` one:
/// every name word of the shorter name is in the longer (`Trump`, `Donald
/// Trump`; not `Ivanka Trump`), or one is the other's acronym; a possessive
/// role (`Morrison's lawyer`) must be named too. A description (`Officials`,
/// `the researchers`) agrees with one that ends in the same noun and holds
/// all its words, whatever the case (`officials` for `Con Edison officials`,
/// not `agency officials` for `Transportation Department officials`).
pub fn same_speaker(predicted: &str, gold: &str) -> bool {
    if let Some(role) = possessive_role(gold) {
        if !description_words(predicted).contains(&role) {
            return false;
        }
    }
    if same_description(predicted, gold) {
        return true;
    }
    let (p, g) = (name_words(predicted), name_words(gold));
    if p.is_empty() || g.is_empty() {
        return false;
    }
    let (short, long) = if p.len() <= g.len() {
        (&p, &g)
    } else {
        (&g, &p)
    };
    short.iter().all(|w| long.contains(w)) || is_acronym_pair(&p, &g)
}

/// Two descriptions with the same last noun, one's words all in the other.
fn same_description(a: &str, b: &str) -> bool {
    let singulars = |text: &str| -> Vec<String> {
        description_words(text)
            .iter()
            .map(|w| singular(w).to_string())
            .collect()
    };
    let (a, b) = (singulars(a), singulars(b));
    let (Some(head_a), Some(head_b)) = (a.last(), b.last()) else {
        return false;
    };
    if head_a != head_b || crate::lexicon::is_pronoun(head_a) {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    short.iter().all(|w| long.contains(w))
}

/// One name is the other's acronym (`IMF`, `International Monetary Fund`).
fn is_acronym_pair(a: &[String], b: &[String]) -> bool {
    let shared = a.iter().any(|w| b.contains(w));
    !shared && same_name(a, b)
}

fn singular(word: &str) -> &str {
    word.strip_suffix('s').unwrap_or(word)
}

/// Counts of one or more pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WebScores {
    /// Pages scored.
    pub pages: usize,
    /// Claims made.
    pub claims: usize,
    /// Claims that are a labelled attribution.
    pub claims_attribution: usize,
    /// Claims that are a labelled attribution and name its speaker.
    pub claims_right_speaker: usize,
    /// Labelled speech attributions.
    pub speech: usize,
    /// Of which a claim found.
    pub speech_found: usize,
    /// Of which a claim found with the right speaker.
    pub speech_found_speaker: usize,
    /// Labelled attributions of every class.
    pub all: usize,
    /// Of which a claim found.
    pub all_found: usize,
    /// Of which a claim found with the right speaker.
    pub all_found_speaker: usize,
    /// Labels whose content could not be found in the text (counted as
    /// missed).
    pub unlocated: usize,
}

impl WebScores {
    /// Adds another page's counts.
    pub fn add(&mut self, o: WebScores) {
        self.pages += o.pages;
        self.claims += o.claims;
        self.claims_attribution += o.claims_attribution;
        self.claims_right_speaker += o.claims_right_speaker;
        self.speech += o.speech;
        self.speech_found += o.speech_found;
        self.speech_found_speaker += o.speech_found_speaker;
        self.all += o.all;
        self.all_found += o.all_found;
        self.all_found_speaker += o.all_found_speaker;
        self.unlocated += o.unlocated;
    }

    /// Precision with the right speaker, and as an attribution at all.
    pub fn precision(&self) -> (f64, f64) {
        let p = |n: usize| ratio(n, self.claims);
        (p(self.claims_right_speaker), p(self.claims_attribution))
    }

    /// Speech recall with the right speaker, and found at all.
    pub fn speech_recall(&self) -> (f64, f64) {
        let r = |n: usize| ratio(n, self.speech);
        (r(self.speech_found_speaker), r(self.speech_found))
    }

    /// Recall over every class, with the right speaker and at all.
    pub fn all_recall(&self) -> (f64, f64) {
        let r = |n: usize| ratio(n, self.all);
        (r(self.all_found_speaker), r(self.all_found))
    }

    /// The table `newsnlp eval claims --web` prints.
    pub fn table(&self) -> String {
        let (p_speaker, p_any) = self.precision();
        let (r_speaker, r_any) = self.speech_recall();
        let (a_speaker, a_any) = self.all_recall();
        let f = |p: f64, r: f64| {
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        };
        format!(
            "pages {}  claims {}  labelled {} ({} speech; {} not found in the text)\n\
             {:<34} {:>9} {:>9} {:>9}\n\
             {:<34} {:>9.3} {:>9.3} {:>9.3}\n\
             {:<34} {:>9.3} {:>9.3} {:>9.3}\n\
             {:<34} {:>9} {:>9.3} {:>9}\n\
             {:<34} {:>9} {:>9.3} {:>9}\n",
            self.pages,
            self.claims,
            self.all,
            self.speech,
            self.unlocated,
            "",
            "precision",
            "recall",
            "F1",
            "speech, right speaker",
            p_speaker,
            r_speaker,
            f(p_speaker, r_speaker),
            "speech, speaker not checked",
            p_any,
            r_any,
            f(p_any, r_any),
            "every class, right speaker",
            "",
            a_speaker,
            "",
            "every class, speaker not checked",
            "",
            a_any,
            "",
        )
    }
}

fn ratio(n: usize, d: usize) -> f64 {
    if d == 0 {
        0.0
    } else {
        n as f64 / d as f64
    }
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

/// Characters of `span` inside the union of `spans`.
fn covered(span: (usize, usize), spans: &[(usize, usize)]) -> usize {
    let mut inside: Vec<(usize, usize)> = spans
        .iter()
        .map(|&(s, e)| (s.max(span.0), e.min(span.1)))
        .filter(|&(s, e)| s < e)
        .collect();
    inside.sort_unstable();
    let mut total = 0;
    let mut reach = span.0;
    for (s, e) in inside {
        let s = s.max(reach);
        if e > s {
            total += e - s;
            reach = e;
        }
    }
    total
}

/// A located label.
struct Located<'a> {
    label: &'a WebLabel,
    span: (usize, usize),
}

/// Scores the claims made on one page (`text` is the document's text).
pub fn score_page(text: &str, page: &WebPage, claims: &[Claim]) -> WebScores {
    let mut sc = WebScores {
        pages: 1,
        claims: claims.len(),
        ..WebScores::default()
    };
    if !page.english_news {
        return sc;
    }
    let folded = fold(text);
    let len = text.chars().count();
    let mut gold: Vec<Located<'_>> = Vec::new();
    for label in &page.attributions {
        match locate_folded(&folded, len, label) {
            Some(span) => gold.push(Located { label, span }),
            None => sc.unlocated += 1,
        }
    }
    for claim in claims {
        let (attribution, right) = judge_claim(claim, &gold);
        sc.claims_attribution += usize::from(attribution);
        sc.claims_right_speaker += usize::from(right);
    }
    for label in &page.attributions {
        let found = gold
            .iter()
            .find(|g| std::ptr::eq(g.label, label))
            .map(|g| find_label(g, claims))
            .unwrap_or((false, false));
        sc.all += 1;
        sc.all_found += usize::from(found.0);
        sc.all_found_speaker += usize::from(found.1);
        if label.is_speech() {
            sc.speech += 1;
            sc.speech_found += usize::from(found.0);
            sc.speech_found_speaker += usize::from(found.1);
        }
    }
    sc
}

/// How one claim was scored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimVerdict {
    /// Index of the claim.
    pub claim: usize,
    /// It is a labelled attribution.
    pub attribution: bool,
    /// ... with the right speaker.
    pub right_speaker: bool,
    /// The labelled speaker of the attribution it covers, if any.
    pub gold_speaker: Option<String>,
}

/// Each claim's verdict, and the labelled speech attributions no claim
/// found with the right speaker (as `(speaker, content start words)`), for
/// error analysis.
pub fn page_errors(
    text: &str,
    page: &WebPage,
    claims: &[Claim],
) -> (Vec<ClaimVerdict>, Vec<(String, String)>) {
    let folded = fold(text);
    let len = text.chars().count();
    let gold: Vec<Located<'_>> = if page.english_news {
        page.attributions
            .iter()
            .filter_map(|label| {
                locate_folded(&folded, len, label).map(|span| Located { label, span })
            })
            .collect()
    } else {
        Vec::new()
    };
    let verdicts = claims
        .iter()
        .enumerate()
        .map(|(i, claim)| {
            let (attribution, right_speaker) = judge_claim(claim, &gold);
            let span = (claim.content.start, claim.content.end);
            let gold_speaker = gold
                .iter()
                .filter(|g| overlap(span, g.span) > 0)
                .max_by_key(|g| overlap(span, g.span))
                .map(|g| g.label.speaker.clone());
            ClaimVerdict {
                claim: i,
                attribution,
                right_speaker,
                gold_speaker,
            }
        })
        .collect();
    let missed = page
        .attributions
        .iter()
        .filter(|label| label.is_speech())
        .filter(|label| {
            gold.iter()
                .find(|g| std::ptr::eq(g.label, *label))
                .is_none_or(|g| !find_label(g, claims).1)
        })
        .map(|label| (label.speaker.clone(), label.content_start.clone()))
        .collect();
    (verdicts, missed)
}

/// Whether a claim is an attribution, and one with the right speaker.
fn judge_claim(claim: &Claim, gold: &[Located<'_>]) -> (bool, bool) {
    let span = (claim.content.start, claim.content.end);
    let len = (span.1 - span.0).max(1) as f64;
    let mut attribution = false;
    let mut right = false;
    for g in gold.iter().filter(|g| overlap(span, g.span) > 0) {
        let same: Vec<(usize, usize)> = gold
            .iter()
            .filter(|o| same_speaker(&o.label.speaker, &g.label.speaker))
            .map(|o| o.span)
            .collect();
        if covered(span, &same) as f64 >= CLAIM_COVERED * len {
            attribution = true;
            right |= claim
                .speaker
                .as_deref()
                .is_some_and(|s| same_speaker(s, &g.label.speaker));
        }
    }
    (attribution, right)
}

/// Whether a located label is found by a claim, and with its speaker.
fn find_label(g: &Located<'_>, claims: &[Claim]) -> (bool, bool) {
    let len = (g.span.1 - g.span.0).max(1) as f64;
    let covering = claims.iter().filter(|c| {
        overlap((c.content.start, c.content.end), g.span) as f64 >= LABEL_COVERED * len
    });
    let mut found = false;
    let mut right = false;
    for c in covering {
        found = true;
        right |= c
            .speaker
            .as_deref()
            .is_some_and(|s| same_speaker(s, &g.label.speaker));
    }
    (found, right)
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsnlp_model::TextSpan;

    fn label(speaker: &str, start: &str, end: &str, chars: usize) -> WebLabel {
        WebLabel {
            cue_class: "speech".into(),
            source: String::new(),
            speaker: speaker.into(),
            speaker_type: "PERSON".into(),
            cue: "said".into(),
            content_start: start.into(),
            content_end: end.into(),
            content_chars: chars,
        }
    }

    fn claim(text: &str, piece: &str, speaker: Option<&str>) -> Claim {
        let byte = text.find(piece).unwrap();
        let start = text[..byte].chars().count();
        let end = start + piece.chars().count();
        Claim {
            source: None,
            speaker: speaker.map(str::to_string),
            speaker_entity: None,
            speaker_role: None,
            cue: None,
            content: TextSpan {
                start,
                end,
                text: piece.into(),
            },
            kind: "direct".into(),
            cue_class: newsnlp_model::CueClass::Speech,
            date: None,
            sentence: 0,
        }
    }

    #[test]
    fn contents_are_found_again_with_quotes_and_spaces_folded() {
        let text = "He said “we  will win” and later: “We will win again,” he added.";
        let l = label("Ann Lee", "we will", "win", 12);
        let (s, e) = locate(text, &l).unwrap();
        assert_eq!(
            text.chars().skip(s).take(e - s).collect::<String>(),
            "we  will win"
        );
        let l = label("Ann Lee", "We will win", "again,", 17);
        let (s, e) = locate(text, &l).unwrap();
        assert_eq!(
            text.chars().skip(s).take(e - s).collect::<String>(),
            "We will win again,"
        );
        assert!(locate(text, &label("Ann Lee", "we lost", "win", 10)).is_none());
    }

    #[test]
    fn speakers_match_by_name_role_and_description() {
        assert!(same_speaker("Trump", "Donald Trump"));
        assert!(same_speaker("Donald J. Trump", "Donald Trump"));
        assert!(!same_speaker("Ivanka Trump", "Donald Trump"));
        assert!(same_speaker("IMF", "International Monetary Fund"));
        assert!(!same_speaker("Morrison", "Morrison's lawyer"));
        assert!(same_speaker("Morrison's lawyer", "Morrison’s lawyer"));
        assert!(same_speaker("researchers", "the researchers"));
        assert!(same_speaker("analyst", "analysts"));
        assert!(!same_speaker("he", "Gordon Sondland"));
        assert!(!same_speaker("analysts", "Gordon Sondland"));
        assert!(same_speaker("Independent analysts", "independent analysts"));
        assert!(same_speaker("officials", "Con Edison officials"));
        assert!(!same_speaker(
            "agency officials",
            "Transportation Department officials"
        ));
        assert!(!same_speaker("president", "Barack Obama"));
    }

    #[test]
    fn a_split_quote_counts_as_one_and_a_wrong_speaker_is_wrong() {
        let text = "“We won,” Ann Lee said, “and we will win again.” The sky is blue.";
        let page = WebPage {
            id: "p".into(),
            split: "tune".into(),
            english_news: true,
            attributions: vec![
                label("Ann Lee", "We won,", "We won,", 7),
                label("Ann Lee", "and we", "again.", 23),
            ],
        };
        let whole = "We won,” Ann Lee said, “and we will win again.";
        let claims = vec![
            claim(text, whole, Some("Lee")),
            claim(text, "The sky is blue.", Some("Lee")),
        ];
        let sc = score_page(text, &page, &claims);
        assert_eq!(
            (sc.claims, sc.claims_attribution, sc.claims_right_speaker),
            (2, 1, 1)
        );
        assert_eq!(
            (sc.speech, sc.speech_found, sc.speech_found_speaker),
            (2, 2, 2)
        );
        let wrong = vec![claim(text, "and we will win again.", Some("Bob"))];
        let sc = score_page(text, &page, &wrong);
        assert_eq!((sc.claims_attribution, sc.claims_right_speaker), (1, 0));
        assert_eq!((sc.speech_found, sc.speech_found_speaker), (1, 0));
    }

    #[test]
    fn every_claim_on_a_page_that_is_not_english_news_is_wrong() {
        let page = WebPage {
            id: "p".into(),
            split: "tune".into(),
            english_news: false,
            attributions: Vec::new(),
        };
        let text = "Er sagte, es sei gut.";
        let sc = score_page(text, &page, &[claim(text, "es sei gut.", Some("Er"))]);
        assert_eq!((sc.claims, sc.claims_attribution), (1, 0));
    }
}
