//! Scoring claims against brat attribution relations (PolNeAR).
//!
//! Each gold `E` relation links `Source`, `Cue` and `Content` spans (brat
//! `T` lines; offsets in code points, possibly discontinuous). Source, cue
//! and content are scored separately over all relations: a predicted span
//! matches *exactly* when it equals the gold span's extent (first to last
//! character over its fragments), and *overlaps* when it shares at least
//! one character with a gold fragment. Matching is greedy and one-to-one
//! (each prediction in text order takes the unmatched gold span it overlaps
//! most).
//!
//! Speakers get a proxy score, as PolNeAR marks mentions, not canonical
//! names: for each gold relation whose source holds a name (a capitalised
//! word other than a pronoun, article or honorific: `Mr. Trump`, `the Trump
//! campaign`, not `he`), the claim whose cue overlaps the gold cue (else
//! whose content overlaps the gold content) is looked up, and its `speaker`
//! *agrees* when it shares a name word with the gold source (`Donald
//! Trump` for `Mr. Trump`) or expands its acronym (`International Monetary
//! Fund` for `the IMF`), *differs* otherwise, or is *unknown* (`null`).
//!
//! The same scorer measures how far PolNeAR's own annotators agree: on the
//! articles several annotators marked, each annotator's relations (span
//! extents as predictions) are scored against every other's
//! ([`score_agreement`]).

use newsnlp_model::prf;
use std::collections::HashMap;
use std::path::Path;

use newsnlp_model::Claim;

use crate::lexicon;

/// A character range `[start, end)`, possibly one of several fragments.
pub type Range = (usize, usize);

/// One gold attribution relation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoldRelation {
    /// Source fragments (empty when the annotators marked no source).
    pub source: Vec<Range>,
    /// Cue fragments.
    pub cue: Vec<Range>,
    /// Content fragments (`Content` and `Content2`).
    pub content: Vec<Range>,
}

/// Parses a brat `.ann` file into its relations. `Discard` and `Discuss`
/// flags and unknown roles are ignored.
pub fn parse_ann(ann: &str) -> Vec<GoldRelation> {
    let mut records: Vec<String> = Vec::new();
    for line in ann.split('\n') {
        let starts_record = line.split_once('\t').is_some_and(|(id, _)| {
            id.len() >= 2
                && matches!(id.as_bytes()[0], b'T' | b'E' | b'A' | b'R' | b'#')
                && id[1..].chars().all(|c| c.is_ascii_digit())
        });
        if starts_record || records.is_empty() {
            records.push(line.to_string());
        } else if let Some(last) = records.last_mut() {
            last.push('\n');
            last.push_str(line);
        }
    }
    let mut spans: HashMap<String, (String, Vec<Range>)> = HashMap::new();
    for r in &records {
        if !r.starts_with('T') {
            continue;
        }
        let mut parts = r.splitn(3, '\t');
        let (Some(id), Some(head)) = (parts.next(), parts.next()) else {
            continue;
        };
        let Some((kind, offsets)) = head.split_once(' ') else {
            continue;
        };
        let frags: Vec<Range> = offsets
            .split(';')
            .filter_map(|f| {
                let (s, e) = f.trim().split_once(' ')?;
                Some((s.parse().ok()?, e.parse().ok()?))
            })
            .collect();
        spans.insert(id.to_string(), (kind.to_string(), frags));
    }
    let mut out = Vec::new();
    for r in &records {
        if !r.starts_with('E') {
            continue;
        }
        let Some((_, args)) = r.split_once('\t') else {
            continue;
        };
        let mut rel = GoldRelation::default();
        for arg in args.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let Some((kind, frags)) = spans.get(id) else {
                continue;
            };
            if matches!(kind.as_str(), "Discard" | "Discuss") {
                continue;
            }
            match role {
                "Source" => rel.source.extend(frags),
                "Cue" => rel.cue.extend(frags),
                r if r.starts_with("Content") => rel.content.extend(frags),
                _ => {}
            }
        }
        if !rel.cue.is_empty() || !rel.content.is_empty() || !rel.source.is_empty() {
            out.push(rel);
        }
    }
    out
}

/// One PolNeAR article: its name, raw text and gold relations.
pub struct Article {
    /// File stem of the article (`text/<name>.txt`).
    pub name: String,
    /// The article text.
    pub text: String,
    /// Gold relations from the first annotator file (sorted order).
    pub gold: Vec<GoldRelation>,
}

/// Reads a PolNeAR split folder (`text/*.txt` + `attributions/*_<annotator>.ann`),
/// in sorted order, pairing each article with its first annotator file.
/// Articles without an annotation file are skipped.
pub fn read_polnear(dir: &Path) -> std::io::Result<Vec<Article>> {
    let mut articles = Vec::new();
    for (name, files) in annotation_files(dir)? {
        articles.push(Article {
            text: std::fs::read_to_string(dir.join("text").join(format!("{name}.txt")))?,
            gold: read_ann(dir, &files[0])?,
            name,
        });
    }
    Ok(articles)
}

/// One article of an agreement set: every annotator's relations.
pub struct AgreementArticle {
    /// File stem of the article (`text/<name>.txt`).
    pub name: String,
    /// Relations per annotator file, in sorted file order.
    pub annotations: Vec<Vec<GoldRelation>>,
}

/// The articles of a PolNeAR split folder that several annotators marked
/// (the corpus's agreement sets: 16 in train, 2 in dev), in sorted order.
pub fn read_agreement_sets(dir: &Path) -> std::io::Result<Vec<AgreementArticle>> {
    let mut articles = Vec::new();
    for (name, files) in annotation_files(dir)? {
        if files.len() < 2 {
            continue;
        }
        let annotations = files
            .iter()
            .map(|file| read_ann(dir, file))
            .collect::<std::io::Result<_>>()?;
        articles.push(AgreementArticle { name, annotations });
    }
    Ok(articles)
}

/// Each article name of `dir/text` with its annotation files in
/// `dir/attributions` (`<name>_<annotator>.ann`, sorted); articles with
/// none are left out.
fn annotation_files(dir: &Path) -> std::io::Result<Vec<(String, Vec<String>)>> {
    let sorted_names = |sub: &str| -> std::io::Result<Vec<String>> {
        let mut names: Vec<String> = std::fs::read_dir(dir.join(sub))?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        Ok(names)
    };
    let mut by_article: HashMap<String, Vec<String>> = HashMap::new();
    for ann in sorted_names("attributions")? {
        if let Some((base, _)) = ann.strip_suffix(".ann").and_then(|a| a.rsplit_once('_')) {
            by_article.entry(base.to_string()).or_default().push(ann);
        }
    }
    Ok(sorted_names("text")?
        .iter()
        .filter_map(|file| file.strip_suffix(".txt"))
        .filter_map(|name| Some((name.to_string(), by_article.remove(name)?)))
        .collect())
}

fn read_ann(dir: &Path, file: &str) -> std::io::Result<Vec<GoldRelation>> {
    Ok(parse_ann(&std::fs::read_to_string(
        dir.join("attributions").join(file),
    )?))
}

/// Counts for one span type.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpanScores {
    /// Predicted spans.
    pub predicted: usize,
    /// Gold spans.
    pub gold: usize,
    /// Exact matches.
    pub exact: usize,
    /// Overlap matches.
    pub overlap: usize,
}

impl SpanScores {
    /// Precision, recall and F1 of exact matches.
    pub fn exact_prf(&self) -> (f64, f64, f64) {
        prf(self.exact, self.predicted, self.gold)
    }

    /// Precision, recall and F1 of overlap matches.
    pub fn overlap_prf(&self) -> (f64, f64, f64) {
        prf(self.overlap, self.predicted, self.gold)
    }

    /// Adds another document's counts.
    pub fn add(&mut self, o: SpanScores) {
        self.predicted += o.predicted;
        self.gold += o.gold;
        self.exact += o.exact;
        self.overlap += o.overlap;
    }
}

/// Speaker agreement on gold relations with a named source (module docs).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpeakerScores {
    /// Gold relations whose source holds a name.
    pub named: usize,
    /// Of those, relations a claim was found for.
    pub found: usize,
    /// Claims whose speaker shares a name word with the gold source.
    pub agree: usize,
    /// Claims whose speaker shares none.
    pub differ: usize,
    /// Claims with no speaker.
    pub unknown: usize,
}

impl SpeakerScores {
    /// Adds another document's counts.
    pub fn add(&mut self, o: SpeakerScores) {
        self.named += o.named;
        self.found += o.found;
        self.agree += o.agree;
        self.differ += o.differ;
        self.unknown += o.unknown;
    }

    /// Share of found claims whose speaker agrees.
    pub fn agreement(&self) -> f64 {
        if self.found == 0 {
            0.0
        } else {
            self.agree as f64 / self.found as f64
        }
    }
}

/// Scores for source, cue and content spans.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Speaker mentions.
    pub source: SpanScores,
    /// Canonical speakers against named gold sources.
    pub speaker: SpeakerScores,
    /// Cues.
    pub cue: SpanScores,
    /// Contents.
    pub content: SpanScores,
    /// Gold relations seen.
    pub relations: usize,
    /// Claims predicted.
    pub claims: usize,
}

impl Scores {
    /// Adds another document's counts.
    pub fn add(&mut self, o: Scores) {
        self.source.add(o.source);
        self.speaker.add(o.speaker);
        self.cue.add(o.cue);
        self.content.add(o.content);
        self.relations += o.relations;
        self.claims += o.claims;
    }

    /// A text table of precision, recall and F1, exact and overlap, and
    /// the speaker agreement where speakers were scored.
    pub fn table(&self) -> String {
        let mut s = format!(
            "relations {} claims {}\n{:<8} {:>6} {:>6} {:>6} | {:>6} {:>6} {:>6}\n",
            self.relations, self.claims, "span", "P", "R", "F1", "P~", "R~", "F1~"
        );
        for (name, sc) in [
            ("source", self.source),
            ("cue", self.cue),
            ("content", self.content),
        ] {
            let (p, r, f) = sc.exact_prf();
            let (po, ro, fo) = sc.overlap_prf();
            s.push_str(&format!(
                "{name:<8} {p:>6.3} {r:>6.3} {f:>6.3} | {po:>6.3} {ro:>6.3} {fo:>6.3}\n"
            ));
        }
        let sp = self.speaker;
        if sp.named == 0 {
            return s;
        }
        s.push_str(&format!(
            "speaker  {} named gold sources, {} with a claim: speaker agrees {} ({:.3}), differs {}, unknown {}\n",
            sp.named,
            sp.found,
            sp.agree,
            sp.agreement(),
            sp.differ,
            sp.unknown
        ));
        s
    }
}

fn overlap_len(a: Range, frags: &[Range]) -> usize {
    frags
        .iter()
        .map(|&(s, e)| e.min(a.1).saturating_sub(s.max(a.0)))
        .sum()
}

fn extent(frags: &[Range]) -> Range {
    let s = frags.iter().map(|f| f.0).min().unwrap_or(0);
    let e = frags.iter().map(|f| f.1).max().unwrap_or(0);
    (s, e)
}

/// Scores predicted spans against gold fragment lists.
pub fn score_spans(pred: &[Range], gold: &[Vec<Range>]) -> SpanScores {
    let mut sc = SpanScores {
        predicted: pred.len(),
        gold: gold.len(),
        ..SpanScores::default()
    };
    let mut used = vec![false; gold.len()];
    for p in pred {
        if let Some(g) = (0..gold.len()).find(|&g| !used[g] && extent(&gold[g]) == *p) {
            used[g] = true;
            sc.exact += 1;
        }
    }
    let mut used = vec![false; gold.len()];
    for &p in pred {
        let best = (0..gold.len())
            .filter(|&g| !used[g])
            .map(|g| (overlap_len(p, &gold[g]), g))
            .filter(|&(o, _)| o > 0)
            .max_by_key(|&(o, g)| (o, usize::MAX - g));
        if let Some((_, g)) = best {
            used[g] = true;
            sc.overlap += 1;
        }
    }
    sc
}

/// Words that do not name anyone, even capitalised: pronouns, determiners
/// and honorifics (`He`, `The`, `Mr`), and `which`, `President`, `Former`.
fn is_unnamed_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    lexicon::is_pronoun(&lower)
        || lexicon::is_determiner(&lower)
        || lexicon::is_honorific(word)
        || matches!(lower.as_str(), "which" | "president" | "former")
}

/// The name words of `text`: capitalised words without possessive or
/// punctuation, pronouns, articles and honorifics left out.
pub(super) fn name_words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            let w = w.trim_end_matches('.');
            w.strip_suffix("’s")
                .or_else(|| w.strip_suffix("'s"))
                .unwrap_or(w)
        })
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter(|w| !is_unnamed_word(w))
        .map(str::to_lowercase)
        .collect()
}

/// Two lists of name words share a word, or one's acronym is the other's
/// initials (`IMF` for `International Monetary Fund`).
pub(super) fn same_name(a: &[String], b: &[String]) -> bool {
    let initials = |words: &[String]| -> String {
        words
            .iter()
            .filter_map(|w| w.chars().next())
            .collect::<String>()
    };
    let acronym_of = |short: &[String], long: &[String]| {
        long.len() >= 2 && short.iter().any(|w| *w == initials(long))
    };
    a.iter().any(|w| b.contains(w)) || acronym_of(a, b) || acronym_of(b, a)
}

/// Text of character fragments of `chars`.
fn fragments_text(chars: &[char], frags: &[Range]) -> String {
    frags
        .iter()
        .map(|&(s, e)| {
            chars[s.min(chars.len())..e.min(chars.len())]
                .iter()
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Speaker agreement of `claims` on the named sources of `gold` (module
/// docs).
pub fn score_speakers(text: &str, gold: &[GoldRelation], claims: &[Claim]) -> SpeakerScores {
    let chars: Vec<char> = text.chars().collect();
    let mut sc = SpeakerScores::default();
    let touches = |span: (usize, usize), frags: &[Range]| overlap_len(span, frags) > 0;
    for g in gold.iter().filter(|g| !g.source.is_empty()) {
        let source_names = name_words(&fragments_text(&chars, &g.source));
        if source_names.is_empty() {
            continue;
        }
        sc.named += 1;
        let by_cue = claims.iter().find(|c| {
            c.cue
                .as_ref()
                .is_some_and(|cue| touches((cue.start, cue.end), &g.cue))
        });
        let claim = by_cue.or_else(|| {
            claims
                .iter()
                .find(|c| touches((c.content.start, c.content.end), &g.content))
        });
        let Some(claim) = claim else {
            continue;
        };
        sc.found += 1;
        match claim.speaker.as_deref() {
            None => sc.unknown += 1,
            Some(speaker) if same_name(&name_words(speaker), &source_names) => sc.agree += 1,
            Some(_) => sc.differ += 1,
        }
    }
    sc
}

/// Scores one document's claims against its gold relations; `text` is the
/// document's text (for speaker agreement).
pub fn score_document(text: &str, gold: &[GoldRelation], claims: &[Claim]) -> Scores {
    let ps: Vec<Range> = claims
        .iter()
        .filter_map(|c| c.source.as_ref().map(|s| (s.start, s.end)))
        .collect();
    let pc: Vec<Range> = claims
        .iter()
        .filter_map(|c| c.cue.as_ref().map(|s| (s.start, s.end)))
        .collect();
    let pt: Vec<Range> = claims
        .iter()
        .map(|c| (c.content.start, c.content.end))
        .collect();
    Scores {
        speaker: score_speakers(text, gold, claims),
        claims: claims.len(),
        ..score_roles([&ps, &pc, &pt], gold)
    }
}

/// Scores one annotator's relations against another's, as predictions
/// (each span's extent) against gold: how far two people agree under the
/// scorer that scores claims.
pub fn score_annotator(predicted: &[GoldRelation], gold: &[GoldRelation]) -> Scores {
    let extents = |role: fn(&GoldRelation) -> &Vec<Range>| -> Vec<Range> {
        predicted
            .iter()
            .map(role)
            .filter(|frags| !frags.is_empty())
            .map(|frags| extent(frags))
            .collect()
    };
    let ps = extents(|g| &g.source);
    let pc = extents(|g| &g.cue);
    let pt = extents(|g| &g.content);
    Scores {
        claims: predicted.len(),
        ..score_roles([&ps, &pc, &pt], gold)
    }
}

/// Every ordered pair of annotations of one article, each scored as
/// predictions against the other ([`score_annotator`]), summed.
pub fn score_agreement(annotations: &[Vec<GoldRelation>]) -> Scores {
    let mut total = Scores::default();
    for (a, predicted) in annotations.iter().enumerate() {
        for (b, gold) in annotations.iter().enumerate() {
            if a != b {
                total.add(score_annotator(predicted, gold));
            }
        }
    }
    total
}

/// [`score_agreement`] over every article of an agreement set, summed.
pub fn score_agreement_sets(sets: &[AgreementArticle]) -> Scores {
    let mut total = Scores::default();
    for set in sets {
        total.add(score_agreement(&set.annotations));
    }
    total
}

/// Predicted source, cue and content spans against the gold relations'
/// (those with the role).
fn score_roles(predicted: [&[Range]; 3], gold: &[GoldRelation]) -> Scores {
    let gold_role = |role: fn(&GoldRelation) -> &Vec<Range>| -> Vec<Vec<Range>> {
        gold.iter()
            .map(role)
            .filter(|frags| !frags.is_empty())
            .cloned()
            .collect()
    };
    let [ps, pc, pt] = predicted;
    Scores {
        source: score_spans(ps, &gold_role(|g| &g.source)),
        speaker: SpeakerScores::default(),
        cue: score_spans(pc, &gold_role(|g| &g.cue)),
        content: score_spans(pt, &gold_role(|g| &g.content)),
        relations: gold.len(),
        claims: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_multiline_and_discontinuous_spans() {
        let ann = "T1\tSource 0 4\tPoll\nT2\tCue 4 5\t:\nT3\tContent 6 10;12 14\tab\ncd\nT4\tAttribution 4 5\t:\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        let rels = parse_ann(ann);
        assert_eq!(
            rels,
            vec![GoldRelation {
                source: vec![(0, 4)],
                cue: vec![(4, 5)],
                content: vec![(6, 10), (12, 14)],
            }]
        );
    }

    #[test]
    fn speakers_are_scored_against_named_sources_only() {
        use newsnlp_model::TextSpan;
        let text = "Mr. Trump said A. He said B. Aides said C.";
        let span = |piece: &str| {
            let start = text.find(piece).unwrap();
            TextSpan {
                start,
                end: start + piece.len(),
                text: piece.to_string(),
            }
        };
        let at = |piece: &str| {
            let s = span(piece);
            vec![(s.start, s.end)]
        };
        let rel = |source: &str, cue: &str, content: &str| GoldRelation {
            source: at(source),
            cue: at(cue),
            content: at(content),
        };
        let gold = vec![
            rel("Mr. Trump", "said A", "A"),
            rel("He", "said B", "B"),
            rel("Aides", "said C", "C"),
        ];
        let claim = |cue: &str, content: &str, speaker: Option<&str>| Claim {
            source: None,
            speaker: speaker.map(str::to_string),
            speaker_entity: None,
            speaker_role: None,
            cue: Some(span(cue)),
            content: span(content),
            kind: "indirect".into(),
            cue_class: newsnlp_model::CueClass::Speech,
            date: None,
            sentence: 0,
        };
        // `He` names no one; `Aides` is a name word here, and no claim
        // has its cue or content.
        let claims = [
            claim("said A", "A", Some("Donald Trump")),
            claim("said B", "B", None),
        ];
        let sc = score_speakers(text, &gold, &claims);
        assert_eq!(
            (sc.named, sc.found, sc.agree, sc.differ, sc.unknown),
            (2, 1, 1, 0, 0)
        );
        let wrong = [claim("said A", "A", Some("Hillary Clinton"))];
        assert_eq!(score_speakers(text, &gold, &wrong).differ, 1);
    }

    #[test]
    fn matching_is_one_to_one() {
        let gold = vec![vec![(0, 10)], vec![(20, 30)]];
        let sc = score_spans(&[(0, 10), (5, 8), (25, 40)], &gold);
        assert_eq!((sc.exact, sc.overlap, sc.predicted, sc.gold), (1, 2, 3, 2));
        let (p, r, _) = sc.overlap_prf();
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
    }

    #[test]
    fn annotators_are_scored_against_each_other_both_ways() {
        let rel = |source: Option<Range>, cue: Range, content: Range| GoldRelation {
            source: source.into_iter().collect(),
            cue: vec![cue],
            content: vec![content],
        };
        // Annotator A marks two relations; B marks the first the same way,
        // the second's content with two fragments and no source.
        let a = vec![
            rel(Some((0, 5)), (6, 10), (11, 20)),
            rel(Some((30, 35)), (36, 40), (41, 60)),
        ];
        let b = vec![
            rel(Some((0, 5)), (6, 10), (11, 20)),
            GoldRelation {
                source: vec![],
                cue: vec![(36, 40)],
                content: vec![(41, 48), (50, 60)],
            },
        ];
        let a_on_b = score_annotator(&a, &b);
        assert_eq!((a_on_b.relations, a_on_b.claims), (2, 2));
        let source = a_on_b.source;
        assert_eq!((source.predicted, source.gold, source.overlap), (2, 1, 1));
        // A's content (41, 60) is the extent of B's fragments, and overlaps them.
        let content = a_on_b.content;
        assert_eq!((content.exact, content.overlap), (2, 2));
        let b_on_a = score_annotator(&b, &a);
        assert_eq!(b_on_a.source.predicted, 1);
        // B's discontinuous content is scored by its extent: (41, 60).
        assert_eq!((b_on_a.content.exact, b_on_a.content.overlap), (2, 2));

        let both = score_agreement(&[a.clone(), b.clone()]);
        let mut sum = a_on_b;
        sum.add(b_on_a);
        assert_eq!(both, sum);
        // Source: 1 of 2 from A's side and 1 of 1 from B's, so P = R = 2/3.
        let (p, r, f) = both.source.overlap_prf();
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 2.0 / 3.0).abs() < 1e-9);
        assert!((f - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(score_agreement(&[a]), Scores::default());
        assert_eq!(both.speaker, SpeakerScores::default());
        assert!(!both.table().contains("speaker"));
    }

    #[test]
    fn agreement_sets_are_the_articles_with_several_annotator_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("text")).unwrap();
        std::fs::create_dir_all(root.join("attributions")).unwrap();
        let ann = "T1\tSource 0 2\tHe\nT2\tCue 3 7\tsaid\nT3\tContent 8 9\tx\nT4\tAttribution 3 7\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n";
        for (name, annotators) in [("a_once", &["p1"][..]), ("b_twice", &["p2", "p1"][..])] {
            std::fs::write(root.join("text").join(format!("{name}.txt")), "He said x.").unwrap();
            for annotator in annotators {
                std::fs::write(
                    root.join("attributions")
                        .join(format!("{name}_{annotator}.ann")),
                    ann,
                )
                .unwrap();
            }
        }
        // An annotation without its text is left out.
        std::fs::write(root.join("attributions").join("c_none_p1.ann"), ann).unwrap();
        let sets = read_agreement_sets(root).unwrap();
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].name, "b_twice");
        assert_eq!(sets[0].annotations.len(), 2);
        let articles = read_polnear(root).unwrap();
        let names: Vec<&str> = articles.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["a_once", "b_twice"]);
        assert_eq!(articles[1].gold.len(), 1);
        let both = score_agreement(&sets[0].annotations);
        assert_eq!(both.source.overlap_prf().2, 1.0);
    }
}
