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
    /// Which document of the file it belongs to (counted from 0; a new one
    /// starts at each `#begin document` or `-DOCSTART-` line).
    pub document: usize,
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
/// blank lines end sentences; `#begin document` and `-DOCSTART-` lines
/// start a new document, `#end document` lines are skipped.
pub fn read_bio<R: BufRead>(reader: R) -> std::io::Result<Vec<GoldSentence>> {
    let mut sentences = Vec::new();
    let mut current = GoldSentence {
        tokens: Vec::new(),
        labels: Vec::new(),
        document: 0,
    };
    let mut document_open = false;
    for line in reader.lines() {
        let line = line?;
        let line = line.trim_end();
        let starts_document = line.starts_with("-DOCSTART-") || line.starts_with("#begin");
        if line.is_empty() || starts_document || line.starts_with("#end") {
            if !current.tokens.is_empty() {
                let document = current.document;
                sentences.push(std::mem::replace(
                    &mut current,
                    GoldSentence {
                        tokens: Vec::new(),
                        labels: Vec::new(),
                        document,
                    },
                ));
                document_open = true;
            }
            if starts_document && document_open {
                current.document += 1;
                document_open = false;
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

/// Tags each document (its sentences' tokens joined by spaces, sentences
/// by newlines) through the real pipeline path
/// ([`NerTagger::tag_sentences`]), `chunk` documents at a time, and maps
/// the spans back to each sentence's token indices.
pub fn predict(
    tagger: &NerTagger,
    sentences: &[GoldSentence],
    chunk: usize,
) -> Result<Vec<Vec<TokenEntity>>, NerError> {
    let documents = documents_of(sentences);
    let mut predictions = Vec::with_capacity(sentences.len());
    for group in documents.chunks(chunk.max(1)) {
        let texts: Vec<JoinedDocument> = group
            .iter()
            .map(|range| JoinedDocument::new(&sentences[range.clone()]))
            .collect();
        let inputs: Vec<(&str, &[Range<usize>])> = texts
            .iter()
            .map(|d| (d.text.as_str(), d.sentences.as_slice()))
            .collect();
        for (spans, document) in tagger.tag_sentences(&inputs)?.into_iter().zip(&texts) {
            let mut found = vec![Vec::new(); document.sentences.len()];
            for span in spans {
                let Some(sentence) = document
                    .sentences
                    .iter()
                    .position(|s| s.start <= span.bytes.start && span.bytes.end <= s.end)
                else {
                    continue;
                };
                let tokens = &document.tokens[sentence];
                let first = tokens.iter().position(|t| t.end > span.bytes.start);
                let last = tokens.iter().rposition(|t| t.start < span.bytes.end);
                if let (Some(first), Some(last)) = (first, last) {
                    found[sentence].push((span.label, first, last + 1));
                }
            }
            predictions.extend(found);
        }
    }
    Ok(predictions)
}

/// Index ranges of the sentences of each document, in order.
fn documents_of(sentences: &[GoldSentence]) -> Vec<Range<usize>> {
    let mut documents: Vec<Range<usize>> = Vec::new();
    for (index, sentence) in sentences.iter().enumerate() {
        match documents.last_mut() {
            Some(last) if sentences[last.start].document == sentence.document => {
                last.end = index + 1
            }
            _ => documents.push(index..index + 1),
        }
    }
    documents
}

/// A document's sentences as one text: tokens joined by spaces, sentences
/// by newlines, with each sentence's and each token's byte range.
struct JoinedDocument {
    text: String,
    sentences: Vec<Range<usize>>,
    tokens: Vec<Vec<Range<usize>>>,
}

impl JoinedDocument {
    fn new(sentences: &[GoldSentence]) -> Self {
        let mut document = Self {
            text: String::new(),
            sentences: Vec::with_capacity(sentences.len()),
            tokens: Vec::with_capacity(sentences.len()),
        };
        for sentence in sentences {
            if !document.text.is_empty() {
                document.text.push('\n');
            }
            let start = document.text.len();
            let mut ranges = Vec::with_capacity(sentence.tokens.len());
            for token in &sentence.tokens {
                if document.text.len() > start {
                    document.text.push(' ');
                }
                ranges.push(document.text.len()..document.text.len() + token.len());
                document.text.push_str(token);
            }
            document.sentences.push(start..document.text.len());
            document.tokens.push(ranges);
        }
        document
    }
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
            document: 0,
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
        let text = "#begin document (x); part 000\nWhat\tWP\tO\nChina\tNNP\tB-GPE\n\nHi\tUH\tO\n#end document\n#begin document (y); part 000\nNo\tUH\tO\n#1\tNN\tO\n#end document\n";
        let sentences = read_bio(std::io::Cursor::new(text)).unwrap();
        assert_eq!(sentences.len(), 3);
        assert_eq!(
            sentences[2].tokens,
            ["No", "#1"],
            "a token may start with #"
        );
        assert_eq!(sentences[0].labels, ["O", "B-GPE"]);
        assert_eq!(
            sentences.iter().map(|s| s.document).collect::<Vec<_>>(),
            [0, 0, 1]
        );
        assert_eq!(documents_of(&sentences), vec![0..2, 2..3]);
    }

    #[test]
    fn conll_docstart_lines_start_documents() {
        let text = "-DOCSTART- -X- O O\n\nEU NNP B-ORG\n\n-DOCSTART- -X- O O\n\nPeter NNP B-PER\n\nHi UH O\n";
        let sentences = read_bio(std::io::Cursor::new(text)).unwrap();
        assert_eq!(
            sentences.iter().map(|s| s.document).collect::<Vec<_>>(),
            [0, 1, 1]
        );
    }

    #[test]
    fn a_joined_document_keeps_sentence_and_token_ranges() {
        let sentence = |tokens: &str| GoldSentence {
            tokens: tokens.split(' ').map(String::from).collect(),
            labels: Vec::new(),
            document: 0,
        };
        let document = JoinedDocument::new(&[sentence("He left ."), sentence("Lee won")]);
        assert_eq!(document.text, "He left .\nLee won");
        assert_eq!(document.sentences, vec![0..9, 10..17]);
        assert_eq!(document.tokens[1], vec![10..13, 14..17]);
    }
}
