//! Entity-level evaluation on BIO files (CoNLL / OntoNotes style), the way
//! seqeval scores: a predicted entity counts only when its type, first
//! token and last token all match a gold entity.

use std::collections::{BTreeMap, HashSet};
use std::io::BufRead;
use std::ops::Range;

use crate::{NerError, NerTagger};

/// One gold sentence: tokens and their BIO labels.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldSentence {
    /// Tokens as in the file.
    pub tokens: Vec<String>,
    /// One BIO label per token.
    pub labels: Vec<String>,
}

/// An entity as (type, first token, one past the last token).
pub type TokenEntity = (String, usize, usize);

pub use newsnlp_model::Counts;

/// Per-type and micro-averaged scores.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Report {
    /// Sentences scored.
    pub sentences: usize,
    /// Counts per entity type.
    pub per_type: BTreeMap<String, Counts>,
    /// Counts over all types.
    pub micro: Counts,
}

/// Reads a BIO file: the token is the first column, the label the last;
/// blank lines end sentences; `#...` and `-DOCSTART-` lines are skipped.
pub fn read_bio<R: BufRead>(reader: R) -> std::io::Result<Vec<GoldSentence>> {
    let mut sentences = Vec::new();
    let mut current = GoldSentence {
        tokens: Vec::new(),
        labels: Vec::new(),
    };
    for line in reader.lines() {
        let line = line?;
        let line = line.trim_end();
        if line.is_empty()
            || line.starts_with("-DOCSTART-")
            || line.starts_with("#begin")
            || line.starts_with("#end")
        {
            if !current.tokens.is_empty() {
                sentences.push(std::mem::replace(
                    &mut current,
                    GoldSentence {
                        tokens: Vec::new(),
                        labels: Vec::new(),
                    },
                ));
            }
            continue;
        }
        let columns: Vec<&str> = line.split(['\t', ' ']).filter(|c| !c.is_empty()).collect();
        if columns.len() < 2 {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!("not a BIO line: {line:?}"),
            ));
        }
        current.tokens.push(columns[0].to_string());
        current.labels.push(columns[columns.len() - 1].to_string());
    }
    if !current.tokens.is_empty() {
        sentences.push(current);
    }
    Ok(sentences)
}

/// Entities of a BIO label sequence; an `I-` that does not continue an
/// entity of its type starts a new one (seqeval's default behaviour).
pub fn entities_of(labels: &[String]) -> Vec<TokenEntity> {
    let mut out = Vec::new();
    let mut open: Option<(String, usize)> = None;
    for (i, label) in labels.iter().enumerate() {
        let (tag, kind) = label.split_once('-').unwrap_or((label.as_str(), ""));
        let continues = tag == "I" && open.as_ref().is_some_and(|(k, _)| k == kind);
        if !continues {
            if let Some((k, start)) = open.take() {
                out.push((k, start, i));
            }
            if tag == "B" || tag == "I" {
                open = Some((kind.to_string(), i));
            }
        }
    }
    if let Some((k, start)) = open {
        out.push((k, start, labels.len()));
    }
    out
}

/// Tags each sentence's text (tokens joined by spaces) through the real
/// pipeline path and maps the spans back to token indices.
pub fn predict(
    tagger: &NerTagger,
    sentences: &[GoldSentence],
    chunk: usize,
) -> Result<Vec<Vec<TokenEntity>>, NerError> {
    let mut predictions = Vec::with_capacity(sentences.len());
    for group in sentences.chunks(chunk.max(1)) {
        let texts: Vec<(String, Vec<Range<usize>>)> =
            group.iter().map(|s| joined(&s.tokens)).collect();
        let refs: Vec<&str> = texts.iter().map(|(t, _)| t.as_str()).collect();
        for (spans, (_, tokens)) in tagger.tag(&refs)?.into_iter().zip(&texts) {
            predictions.push(
                spans
                    .into_iter()
                    .filter_map(|span| {
                        let first = tokens.iter().position(|t| t.end > span.bytes.start)?;
                        let last = tokens.iter().rposition(|t| t.start < span.bytes.end)?;
                        Some((span.label, first, last + 1))
                    })
                    .collect(),
            );
        }
    }
    Ok(predictions)
}

/// Scores predicted against gold entities, sentence by sentence.
pub fn score(gold: &[GoldSentence], predicted: &[Vec<TokenEntity>]) -> Report {
    let mut report = Report {
        sentences: gold.len(),
        ..Report::default()
    };
    for (sentence, predicted) in gold.iter().zip(predicted) {
        let gold_entities: HashSet<TokenEntity> =
            entities_of(&sentence.labels).into_iter().collect();
        let predicted: HashSet<TokenEntity> = predicted.iter().cloned().collect();
        for entity in &gold_entities {
            report.per_type.entry(entity.0.clone()).or_default().gold += 1;
        }
        for entity in &predicted {
            let counts = report.per_type.entry(entity.0.clone()).or_default();
            counts.predicted += 1;
            if gold_entities.contains(entity) {
                counts.correct += 1;
            }
        }
    }
    for counts in report.per_type.values() {
        report.micro.gold += counts.gold;
        report.micro.predicted += counts.predicted;
        report.micro.correct += counts.correct;
    }
    report
}

/// Tokens joined by single spaces, with each token's byte range.
fn joined(tokens: &[String]) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(tokens.len());
    for token in tokens {
        if !text.is_empty() {
            text.push(' ');
        }
        ranges.push(text.len()..text.len() + token.len());
        text.push_str(token);
    }
    (text, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn bio_entities_follow_seqeval() {
        assert_eq!(
            entities_of(&labels("B-PER I-PER O I-ORG I-ORG B-GPE B-GPE I-LOC")),
            vec![
                ("PER".into(), 0, 2),
                ("ORG".into(), 3, 5),
                ("GPE".into(), 5, 6),
                ("GPE".into(), 6, 7),
                ("LOC".into(), 7, 8)
            ]
        );
    }

    #[test]
    fn scores_count_exact_matches_only() {
        let gold = vec![GoldSentence {
            tokens: vec!["a".into(); 4],
            labels: labels("B-PER I-PER O B-ORG"),
        }];
        let predicted = vec![vec![("PER".to_string(), 0, 2), ("ORG".to_string(), 2, 4)]];
        let report = score(&gold, &predicted);
        assert_eq!(
            report.micro,
            Counts {
                gold: 2,
                predicted: 2,
                correct: 1
            }
        );
        assert_eq!(
            report.per_type["ORG"],
            Counts {
                gold: 1,
                predicted: 1,
                correct: 0
            }
        );
        assert!((report.micro.f1() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn reads_ontonotes_bio() {
        let text = "#begin document (x); part 000\nWhat\tWP\tO\nChina\tNNP\tB-GPE\n\nHi\tUH\tO\n#end document\n";
        let sentences = read_bio(std::io::Cursor::new(text)).unwrap();
        assert_eq!(sentences.len(), 2);
        assert_eq!(sentences[0].labels, ["O", "B-GPE"]);
    }
}
