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

use newsnlp_model::prf;
use std::collections::HashMap;
use std::path::Path;

use newsnlp_model::Claim;

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
    let sorted_names = |sub: &str| -> std::io::Result<Vec<String>> {
        let mut names: Vec<String> = std::fs::read_dir(dir.join(sub))?
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        Ok(names)
    };
    let anns = sorted_names("attributions")?;
    let mut articles = Vec::new();
    for file in sorted_names("text")? {
        let Some(name) = file.strip_suffix(".txt") else {
            continue;
        };
        let Some(ann) = anns.iter().find(|a| {
            a.strip_suffix(".ann")
                .and_then(|a| a.rsplit_once('_'))
                .is_some_and(|(base, _)| base == name)
        }) else {
            continue;
        };
        articles.push(Article {
            name: name.to_string(),
            text: std::fs::read_to_string(dir.join("text").join(&file))?,
            gold: parse_ann(&std::fs::read_to_string(
                dir.join("attributions").join(ann),
            )?),
        });
    }
    Ok(articles)
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

/// Scores for source, cue and content spans.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    /// Speaker mentions.
    pub source: SpanScores,
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
        self.cue.add(o.cue);
        self.content.add(o.content);
        self.relations += o.relations;
        self.claims += o.claims;
    }

    /// A text table of precision, recall and F1, exact and overlap.
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

/// Scores one document's claims against its gold relations.
pub fn score_document(gold: &[GoldRelation], claims: &[Claim]) -> Scores {
    let gs: Vec<Vec<Range>> = gold
        .iter()
        .filter(|g| !g.source.is_empty())
        .map(|g| g.source.clone())
        .collect();
    let gc: Vec<Vec<Range>> = gold
        .iter()
        .filter(|g| !g.cue.is_empty())
        .map(|g| g.cue.clone())
        .collect();
    let gt: Vec<Vec<Range>> = gold
        .iter()
        .filter(|g| !g.content.is_empty())
        .map(|g| g.content.clone())
        .collect();
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
        source: score_spans(&ps, &gs),
        cue: score_spans(&pc, &gc),
        content: score_spans(&pt, &gt),
        relations: gold.len(),
        claims: claims.len(),
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
    fn matching_is_one_to_one() {
        let gold = vec![vec![(0, 10)], vec![(20, 30)]];
        let sc = score_spans(&[(0, 10), (5, 8), (25, 40)], &gold);
        assert_eq!((sc.exact, sc.overlap, sc.predicted, sc.gold), (1, 2, 3, 2));
        let (p, r, _) = sc.overlap_prf();
        assert!((p - 2.0 / 3.0).abs() < 1e-9 && (r - 1.0).abs() < 1e-9);
    }
}
