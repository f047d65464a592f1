//! Review metrics: predicted documents scored against reviewed (gold) ones.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use newsnlp_model::Document;

/// True positives, false positives and false negatives, with the scores
/// derived from them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Prf {
    /// Predictions that match a gold annotation.
    pub tp: usize,
    /// Predictions that match none.
    pub fp: usize,
    /// Gold annotations that no prediction matches.
    pub fn_: usize,
}

impl Prf {
    /// Gold annotations (`tp + fn`).
    pub fn gold(&self) -> usize {
        self.tp + self.fn_
    }

    /// Predicted annotations (`tp + fp`).
    pub fn predicted(&self) -> usize {
        self.tp + self.fp
    }

    /// `tp / (tp + fp)`; 1 when nothing was predicted and nothing was to be found.
    pub fn precision(&self) -> f64 {
        newsnlp_model::prf(self.tp, self.predicted(), self.gold()).0
    }

    /// `tp / (tp + fn)`; 1 when nothing was to be found and nothing was predicted.
    pub fn recall(&self) -> f64 {
        newsnlp_model::prf(self.tp, self.predicted(), self.gold()).1
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        newsnlp_model::prf(self.tp, self.predicted(), self.gold()).2
    }

    fn add(&mut self, o: Prf) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

/// Scores of one layer, overall and per type (entity label, TIMEX3 type,
/// claim kind).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TypeScores {
    /// `entities`, `dates` or `claims`.
    pub layer: &'static str,
    /// All types together.
    pub overall: Prf,
    /// Per type.
    pub by_type: BTreeMap<String, Prf>,
}

impl TypeScores {
    fn new(layer: &'static str) -> Self {
        Self {
            layer,
            ..Default::default()
        }
    }

    fn count(&mut self, kind: &str, p: Prf) {
        self.overall.add(p);
        self.by_type.entry(kind.to_string()).or_default().add(p);
    }
}

/// The result of [`compare`]; `Display` prints it as a table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// Gold documents compared.
    pub documents: usize,
    /// Ids of gold documents with no predicted document (counted as all missed).
    pub missing: Vec<String>,
    /// Entities, dates and claims, in that order.
    pub layers: Vec<TypeScores>,
}

impl Report {
    /// Scores of one layer by name.
    pub fn layer(&self, name: &str) -> Option<&TypeScores> {
        self.layers.iter().find(|l| l.layer == name)
    }
}

const TP: Prf = Prf {
    tp: 1,
    fp: 0,
    fn_: 0,
};
const FP: Prf = Prf {
    tp: 0,
    fp: 1,
    fn_: 0,
};
const FN: Prf = Prf {
    tp: 0,
    fp: 0,
    fn_: 1,
};

/// Scores `pred` against `gold`, matching documents by id.
///
/// - entities: same span and label;
/// - dates: same span and value (typed by the gold TIMEX3 type);
/// - claims: content spans overlap and the same speaker (case and spacing
///   ignored; both unknown counts as the same), one-to-one, the largest
///   overlap first.
///
/// A layer absent from a gold document was not reviewed and is skipped; a
/// layer absent from the predicted document counts as empty. Predicted
/// documents with no gold counterpart are ignored.
pub fn compare(gold: &[Document], pred: &[Document]) -> Report {
    let by_id: HashMap<&str, &Document> = pred.iter().map(|d| (d.id.as_str(), d)).collect();
    let mut ents = TypeScores::new("entities");
    let mut dates = TypeScores::new("dates");
    let mut claims = TypeScores::new("claims");
    let mut missing = Vec::new();
    for g in gold {
        let p = by_id.get(g.id.as_str()).copied();
        if p.is_none() {
            missing.push(g.id.clone());
        }
        if let Some(ge) = &g.entities {
            let pe = p.and_then(|p| p.entities.as_deref()).unwrap_or_default();
            exact(
                &mut ents,
                ge.iter()
                    .map(|e| ((e.start, e.end, e.label.clone()), e.label.as_str())),
                pe.iter()
                    .map(|e| ((e.start, e.end, e.label.clone()), e.label.as_str())),
            );
        }
        if let Some(gd) = &g.dates {
            let pd = p.and_then(|p| p.dates.as_deref()).unwrap_or_default();
            exact(
                &mut dates,
                gd.iter()
                    .map(|d| ((d.start, d.end, d.value.clone()), d.kind.as_str())),
                pd.iter()
                    .map(|d| ((d.start, d.end, d.value.clone()), d.kind.as_str())),
            );
        }
        if let Some(gc) = &g.claims {
            let pc = p.and_then(|p| p.claims.as_deref()).unwrap_or_default();
            let norm = |s: &Option<String>| {
                s.as_deref().map(|s| {
                    s.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase()
                })
            };
            let mut used = vec![false; pc.len()];
            for c in gc {
                let best = pc
                    .iter()
                    .enumerate()
                    .filter(|(i, q)| !used[*i] && norm(&q.speaker) == norm(&c.speaker))
                    .map(|(i, q)| {
                        let overlap = c
                            .content
                            .end
                            .min(q.content.end)
                            .saturating_sub(c.content.start.max(q.content.start));
                        (overlap, i)
                    })
                    .filter(|&(o, _)| o > 0)
                    .max_by_key(|&(o, i)| (o, std::cmp::Reverse(i)));
                match best {
                    Some((_, i)) => {
                        used[i] = true;
                        claims.count(&c.kind, TP);
                    }
                    None => claims.count(&c.kind, FN),
                }
            }
            for (q, _) in pc.iter().zip(&used).filter(|(_, u)| !**u) {
                claims.count(&q.kind, FP);
            }
        }
    }
    Report {
        documents: gold.len(),
        missing,
        layers: vec![ents, dates, claims],
    }
}

fn exact<'a, K: Eq + std::hash::Hash>(
    scores: &mut TypeScores,
    gold: impl Iterator<Item = (K, &'a str)>,
    pred: impl Iterator<Item = (K, &'a str)>,
) {
    let mut left: HashMap<K, Vec<&'a str>> = HashMap::new();
    for (k, t) in pred {
        left.entry(k).or_default().push(t);
    }
    for (k, t) in gold {
        match left.get_mut(&k).and_then(Vec::pop) {
            Some(_) => scores.count(t, TP),
            None => scores.count(t, FN),
        }
    }
    let mut fps: Vec<&str> = left.into_values().flatten().collect();
    fps.sort_unstable();
    for t in fps {
        scores.count(t, FP);
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<10} {:<16} {:>6} {:>6} {:>6} {:>9} {:>7} {:>7}",
            "layer", "type", "gold", "pred", "tp", "precision", "recall", "f1"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, layer: &str, t: &str, p: &Prf| {
            writeln!(
                f,
                "{:<10} {:<16} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>7.3}",
                layer,
                t,
                p.gold(),
                p.predicted(),
                p.tp,
                p.precision(),
                p.recall(),
                p.f1()
            )
        };
        for l in &self.layers {
            row(f, l.layer, "(all)", &l.overall)?;
            for (t, p) in &l.by_type {
                row(f, "", t, p)?;
            }
        }
        write!(f, "{} gold documents", self.documents)?;
        if !self.missing.is_empty() {
            write!(f, ", {} without predictions", self.missing.len())?;
        }
        writeln!(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::seed_document;

    #[test]
    fn identical_documents_score_one() {
        let d = seed_document();
        let r = compare(std::slice::from_ref(&d), std::slice::from_ref(&d));
        for l in &r.layers {
            assert_eq!(l.overall.fp + l.overall.fn_, 0, "{}", l.layer);
            assert_eq!(l.overall.f1(), 1.0);
        }
        assert_eq!(r.layer("entities").unwrap().by_type["PERSON"].tp, 3);
        assert_eq!(r.layer("claims").unwrap().overall.tp, 3);
    }

    #[test]
    fn counts_errors_per_layer_and_type() {
        let gold = seed_document();
        let mut pred = gold.clone();
        let ents = pred.entities.as_mut().unwrap();
        ents[0].label = "ORG".into(); // GPE missed, ORG spurious
        ents[1].end += 1; // GPE missed, GPE spurious
        ents.remove(8); // PERSON missed
        let dates = pred.dates.as_mut().unwrap();
        dates[0].value = "2024-10-11".into();
        let claims = pred.claims.as_mut().unwrap();
        claims[0].content.start += 10; // still overlaps: a match
        claims[1].speaker = Some("  attaullah   TARAR".into()); // same speaker
        claims[2].speaker = Some("Asif".into()); // different speaker
        let r = compare(&[gold], &[pred]);
        let e = r.layer("entities").unwrap();
        assert_eq!(
            e.overall,
            Prf {
                tp: 6,
                fp: 2,
                fn_: 3
            }
        );
        assert_eq!(
            e.by_type["GPE"],
            Prf {
                tp: 2,
                fp: 1,
                fn_: 2
            }
        );
        assert_eq!(
            e.by_type["ORG"],
            Prf {
                tp: 1,
                fp: 1,
                fn_: 0
            }
        );
        assert_eq!(
            e.by_type["PERSON"],
            Prf {
                tp: 2,
                fp: 0,
                fn_: 1
            }
        );
        assert!((e.overall.precision() - 6.0 / 8.0).abs() < 1e-9);
        assert!((e.overall.recall() - 6.0 / 9.0).abs() < 1e-9);
        let d = r.layer("dates").unwrap();
        assert_eq!(
            d.by_type["DATE"],
            Prf {
                tp: 2,
                fp: 1,
                fn_: 1
            }
        );
        let c = r.layer("claims").unwrap();
        assert_eq!(
            c.overall,
            Prf {
                tp: 2,
                fp: 1,
                fn_: 1
            }
        );
        let table = r.to_string();
        assert!(table.starts_with(
            "layer      type               gold   pred     tp precision  recall      f1\n"
        ));
        assert!(
            table.contains(
                "\nentities   (all)                 9      8      6     0.750   0.667   0.706\n"
            ),
            "{table}"
        );
        assert!(
            table.contains(
                "\n           PERSON                3      2      2     1.000   0.667   0.800\n"
            ),
            "{table}"
        );
        assert!(table.ends_with("1 gold documents\n"));
    }

    #[test]
    fn unreviewed_layers_and_missing_documents() {
        let mut gold = seed_document();
        gold.dates = None;
        let mut other = seed_document();
        other.id = "other".into();
        let mut pred = seed_document();
        pred.entities = None;
        let r = compare(&[gold, other], &[pred]);
        assert_eq!(r.missing, vec!["other".to_string()]);
        let e = r.layer("entities").unwrap();
        assert_eq!(
            e.overall,
            Prf {
                tp: 0,
                fp: 0,
                fn_: 18
            }
        );
        assert_eq!(e.overall.precision(), 0.0);
        let d = r.layer("dates").unwrap();
        assert_eq!(
            d.overall,
            Prf {
                tp: 0,
                fp: 0,
                fn_: 3
            }
        );
        assert_eq!(Prf::default().f1(), 1.0);
        assert!(r
            .to_string()
            .contains("2 gold documents, 1 without predictions"));
    }
}
