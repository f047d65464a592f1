//! Measuring corpus identity against hand-labelled pairs of mentions.
//!
//! A gold file has one pair per line, tab-separated: `doc_a start_a end_a
//! doc_b start_b end_b type same check`, where offsets are characters in
//! the annotated documents' text, `type` is `PERSON` or `ORG`, `same` is
//! `1` or `0`, and `check` is the first 8 hex digits of the SHA-256 of the
//! two mentions' texts joined by U+001F (so a changed text is noticed
//! rather than scored). Lines starting with `#` are comments. The file
//! holds no article text.
//!
//! Each gold mention is resolved as the report resolves names: in its
//! document's context (its name entities), then across all
//! documents read. "Same" is scored by precision and recall.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use newsnlp_model::{Counts, Document};
use sha2::{Digest, Sha256};

use crate::identity::{Identity, NameRegistry};
use crate::mentions::{doc_names, entity_names, resolve_in_document, DocKey, RawName};
use crate::CorpusError;

/// One mention in a gold pair.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct GoldMention {
    /// Document id.
    pub doc: String,
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

/// One labelled pair.
#[derive(Debug, Clone)]
pub struct GoldPair {
    /// First mention.
    pub a: GoldMention,
    /// Second mention.
    pub b: GoldMention,
    /// `PERSON` or `ORG`.
    pub kind: String,
    /// Whether they are one person or organisation.
    pub same: bool,
    /// The texts' check value.
    pub check: String,
}

/// Reads a gold file.
pub fn read_gold(path: &Path) -> Result<Vec<GoldPair>, CorpusError> {
    let text = std::fs::read_to_string(path).map_err(|e| CorpusError::io(path, e))?;
    let mut pairs = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        let bad = |what: &str| CorpusError::Gold(format!("{}:{}: {what}", path.display(), i + 1));
        if f.len() != 9 {
            return Err(bad("expected 9 tab-separated fields"));
        }
        let n = |s: &str| {
            s.parse::<usize>()
                .map_err(|_| bad("offsets must be numbers"))
        };
        let same = match f[7] {
            "1" => true,
            "0" => false,
            _ => return Err(bad("`same` must be 1 or 0")),
        };
        pairs.push(GoldPair {
            a: GoldMention {
                doc: f[0].into(),
                start: n(f[1])?,
                end: n(f[2])?,
            },
            b: GoldMention {
                doc: f[3].into(),
                start: n(f[4])?,
                end: n(f[5])?,
            },
            kind: f[6].into(),
            same,
            check: f[8].into(),
        });
    }
    Ok(pairs)
}

/// The check value of two mention texts.
pub fn check_value(a: &str, b: &str) -> String {
    let digest = Sha256::digest(format!("{a}\u{1f}{b}").as_bytes());
    digest.iter().take(4).map(|b| format!("{b:02x}")).collect()
}

/// Scores of one evaluation.
#[derive(Debug, Clone, Default)]
pub struct IdentityScores {
    /// Pairs scored.
    pub pairs: usize,
    /// Pairs left out: document missing, or its text changed at the offsets.
    pub skipped: Vec<String>,
    /// "Same" counts over all pairs.
    pub all: Counts,
    /// "Same" counts per type.
    pub by_type: Vec<(String, Counts)>,
    /// Pairs scored wrongly: (gold same, text a, key a, text b, key b).
    pub errors: Vec<(bool, String, String, String, String)>,
}

/// Resolves the gold mentions in `documents` (all of them make the corpus)
/// and scores the pairs.
pub fn evaluate(documents: impl Iterator<Item = Document>, gold: &[GoldPair]) -> IdentityScores {
    let mut wanted: HashMap<&str, Vec<(&GoldMention, &str)>> = HashMap::new();
    for p in gold {
        wanted
            .entry(p.a.doc.as_str())
            .or_default()
            .push((&p.a, &p.kind));
        wanted
            .entry(p.b.doc.as_str())
            .or_default()
            .push((&p.b, &p.kind));
    }
    let mut registry = NameRegistry::default();
    let mut resolved: HashMap<GoldMention, (String, DocKey)> = HashMap::new();
    for doc in documents {
        registry.add(&doc_names(&doc));
        if let Some(mentions) = wanted.get(doc.id.as_str()) {
            resolve_gold(&doc, mentions, &mut resolved);
        }
    }
    score(gold, &resolved, &registry.resolve())
}

/// Resolves one document's gold mentions in the context of its names.
fn resolve_gold(
    doc: &Document,
    mentions: &[(&GoldMention, &str)],
    out: &mut HashMap<GoldMention, (String, DocKey)>,
) {
    let chars: Vec<char> = doc.text.chars().collect();
    let mut raws = entity_names(doc);
    let first_gold = raws.len();
    let mut gold_order = Vec::new();
    let mut seen = HashSet::new();
    for (m, kind) in mentions {
        if m.end > chars.len() || m.start >= m.end || !seen.insert((m.start, m.end)) {
            continue;
        }
        let surface: String = chars[m.start..m.end].iter().collect();
        raws.push(RawName {
            kind: (*kind).to_string(),
            surface: surface.clone(),
            span: Some((m.start, m.end)),
        });
        gold_order.push(((*m).clone(), surface));
    }
    let names = resolve_in_document(&doc.text, &raws, &[]);
    for ((m, surface), mention) in gold_order.into_iter().zip(&names.entities[first_gold..]) {
        out.insert(m, (surface, mention.key.clone()));
    }
}

fn score(
    gold: &[GoldPair],
    resolved: &HashMap<GoldMention, (String, DocKey)>,
    identity: &Identity,
) -> IdentityScores {
    let mut scores = IdentityScores::default();
    let mut by_type: HashMap<String, Counts> = HashMap::new();
    for p in gold {
        let (Some((ta, ka)), Some((tb, kb))) = (resolved.get(&p.a), resolved.get(&p.b)) else {
            scores.skipped.push(format!(
                "{}:{}-{} / {}:{}-{}: document not read",
                p.a.doc, p.a.start, p.a.end, p.b.doc, p.b.start, p.b.end
            ));
            continue;
        };
        if check_value(ta, tb) != p.check {
            scores.skipped.push(format!(
                "{}:{}-{} / {}:{}-{}: the text at these offsets changed (check {} expected {})",
                p.a.doc,
                p.a.start,
                p.a.end,
                p.b.doc,
                p.b.start,
                p.b.end,
                check_value(ta, tb),
                p.check
            ));
            continue;
        }
        let (key_a, key_b) = (identity.key(ka), identity.key(kb));
        let predicted = key_a == key_b;
        scores.pairs += 1;
        for counts in [&mut scores.all, by_type.entry(p.kind.clone()).or_default()] {
            counts.predicted += usize::from(predicted);
            counts.gold += usize::from(p.same);
            counts.correct += usize::from(predicted && p.same);
        }
        if predicted != p.same {
            scores
                .errors
                .push((p.same, ta.clone(), key_a, tb.clone(), key_b));
        }
    }
    let mut types: Vec<(String, Counts)> = by_type.into_iter().collect();
    types.sort_by(|a, b| a.0.cmp(&b.0));
    scores.by_type = types;
    scores
}

impl IdentityScores {
    /// The scores as printed by `newsnlp eval identity`.
    pub fn render(&self, show_errors: usize) -> String {
        let mut out = String::new();
        let gold_same = self.all.gold;
        out.push_str(&format!(
            "identity pairs: {} scored ({} same, {} different), {} skipped\n",
            self.pairs,
            gold_same,
            self.pairs - gold_same,
            self.skipped.len()
        ));
        out.push_str(&format!(
            "\"same\" {:<8} {:>9} {:>9} {:>9} {:>5} {:>9} {:>7}\n",
            "type", "precision", "recall", "f1", "gold", "predicted", "correct"
        ));
        for (name, c) in
            std::iter::once(("all".to_string(), self.all)).chain(self.by_type.iter().cloned())
        {
            out.push_str(&format!(
                "\"same\" {name:<8} {:>9.4} {:>9.4} {:>9.4} {:>5} {:>9} {:>7}\n",
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted,
                c.correct
            ));
        }
        for s in &self.skipped {
            out.push_str(&format!("skipped: {s}\n"));
        }
        for (same, ta, ka, tb, kb) in self.errors.iter().take(show_errors) {
            let what = if *same {
                "missed same"
            } else {
                "wrongly joined"
            };
            out.push_str(&format!("{what}: {ta:?} [{ka}] / {tb:?} [{kb}]\n"));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsnlp_model::Entity;

    fn doc(id: &str, text: &str, names: &[(&str, &str)]) -> Document {
        let mut d = Document::new(id, text);
        let mut entities = Vec::new();
        for (label, surface) in names {
            let byte = text.find(surface).expect("name in text");
            let start = text[..byte].chars().count();
            entities.push(Entity {
                start,
                end: start + surface.chars().count(),
                text: (*surface).into(),
                label: (*label).into(),
                score: 1.0,
            });
        }
        d.entities = Some(entities);
        d
    }

    fn mention(d: &Document, surface: &str) -> GoldMention {
        let byte = d.text.find(surface).unwrap();
        let start = d.text[..byte].chars().count();
        GoldMention {
            doc: d.id.clone(),
            start,
            end: start + surface.chars().count(),
        }
    }

    fn pair(x: GoldMention, tx: &str, y: GoldMention, ty: &str, same: bool) -> GoldPair {
        GoldPair {
            a: x,
            b: y,
            kind: "PERSON".into(),
            same,
            check: check_value(tx, ty),
        }
    }

    #[test]
    fn pairs_are_scored_by_corpus_keys() {
        let a = doc(
            "a",
            "Gordon Brown spoke. Brown said no.",
            &[("PERSON", "Gordon Brown")],
        );
        let b = doc("b", "Nick Brown and his aide.", &[("PERSON", "Nick Brown")]);
        let said = mention(&a, "Brown said");
        let lone_brown = GoldMention {
            end: said.start + 5,
            ..said
        };
        let gold = vec![
            pair(
                mention(&a, "Gordon Brown"),
                "Gordon Brown",
                lone_brown,
                "Brown",
                true,
            ),
            pair(
                mention(&a, "Gordon Brown"),
                "Gordon Brown",
                mention(&b, "Nick Brown"),
                "Nick Brown",
                false,
            ),
            // A wrong label on purpose: the two are scored as a missed "same".
            pair(
                mention(&b, "Nick Brown"),
                "Nick Brown",
                mention(&a, "Gordon Brown"),
                "Gordon Brown",
                true,
            ),
        ];
        let scores = evaluate(vec![a, b].into_iter(), &gold);
        assert_eq!(scores.pairs, 3);
        assert_eq!(
            (scores.all.gold, scores.all.predicted, scores.all.correct),
            (2, 1, 1)
        );
        assert!(scores
            .render(5)
            .contains("missed same: \"Nick Brown\" [PERSON:nick brown] / \"Gordon Brown\" [PERSON:gordon brown]"));
    }

    #[test]
    fn a_changed_text_is_skipped_not_scored() {
        let a = doc("a", "Gordon Brown spoke.", &[("PERSON", "Gordon Brown")]);
        let m = mention(&a, "Gordon Brown");
        let gold = vec![GoldPair {
            a: m.clone(),
            b: m,
            kind: "PERSON".into(),
            same: true,
            check: "00000000".into(),
        }];
        let scores = evaluate(vec![a].into_iter(), &gold);
        assert_eq!(scores.pairs, 0);
        assert_eq!(scores.skipped.len(), 1);
    }

    #[test]
    fn gold_files_are_read_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gold.tsv");
        std::fs::write(&path, "# comment\na\t0\t5\tb\t1\t4\tORG\t1\tdeadbeef\n").unwrap();
        let gold = read_gold(&path).unwrap();
        assert_eq!(gold.len(), 1);
        assert_eq!(
            gold[0].b,
            GoldMention {
                doc: "b".into(),
                start: 1,
                end: 4
            }
        );
        std::fs::write(&path, "a\t0\t5\tb\t1\t4\tORG\tyes\tdeadbeef\n").unwrap();
        assert!(read_gold(&path)
            .unwrap_err()
            .to_string()
            .ends_with("gold.tsv:1: `same` must be 1 or 0"));
    }
}
