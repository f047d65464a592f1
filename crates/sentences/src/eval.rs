//! Sentence-boundary evaluation against CoNLL-U gold (GUM, UD EWT).
//!
//! Each `# newpar` group of sentences is rebuilt into one paragraph by
//! joining the sentences' `# text` with a single space. Gold boundaries are
//! the sentence ends *inside* each paragraph: the paragraph end is excluded
//! from gold and predictions alike, since every splitter gets it right for
//! free. A document without `# newpar` lines is one paragraph.
//!
//! A predicted boundary is the end of a predicted range (trailing whitespace
//! ignored, so splitters that keep it are scored fairly) that falls before
//! the paragraph end; it is correct when a gold sentence ends at the same
//! byte.

use std::collections::BTreeSet;
use std::io::{self, BufRead, BufReader};
use std::ops::Range;
use std::path::PathBuf;

/// Boundary counts (gold = sentence ends inside paragraphs) and the scores
/// derived from them.
pub type BoundaryScores = newsnlp_model::Counts;

/// Scores `splitter` on one paragraph made of the given gold sentences.
pub fn score_paragraph(
    sentences: &[String],
    splitter: &impl Fn(&str) -> Vec<Range<usize>>,
) -> BoundaryScores {
    let text = sentences.join(" ");
    let mut gold = BTreeSet::new();
    let mut pos = 0;
    for s in sentences {
        pos += s.len();
        gold.insert(pos);
        pos += 1;
    }
    let para_end = text.trim_end().len();
    gold.retain(|&b| b < para_end);
    let predicted: BTreeSet<usize> = splitter(&text)
        .into_iter()
        .map(|r| text[..r.end.min(text.len())].trim_end().len())
        .filter(|&b| b > 0 && b < para_end)
        .collect();
    BoundaryScores {
        gold: gold.len(),
        predicted: predicted.len(),
        correct: predicted.intersection(&gold).count(),
    }
}

/// Evaluates `splitter` on the CoNLL-U files in `paths`; with `filter`, only
/// documents whose `# newdoc id` contains it count.
pub fn evaluate_conllu(
    paths: &[PathBuf],
    filter: Option<&str>,
    splitter: impl Fn(&str) -> Vec<Range<usize>>,
) -> io::Result<BoundaryScores> {
    let mut total = BoundaryScores::default();
    for path in paths {
        let file = std::fs::File::open(path)
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())))?;
        for para in conllu_paragraphs(BufReader::new(file), filter)? {
            total.add(score_paragraph(&para, &splitter));
        }
    }
    Ok(total)
}

/// Gold paragraphs of a CoNLL-U stream: the `# text` of each sentence,
/// grouped by `# newpar` (and `# newdoc`), for the documents that pass
/// `filter`.
pub fn conllu_paragraphs(
    reader: impl BufRead,
    filter: Option<&str>,
) -> io::Result<Vec<Vec<String>>> {
    let mut paragraphs = Vec::new();
    let mut current: Vec<String> = Vec::new();
    let mut keep = filter.is_none();
    for line in reader.lines() {
        let line = line?;
        let Some(comment) = line.strip_prefix('#') else {
            continue;
        };
        let comment = comment.trim_start();
        if let Some(id) = key_value(comment, "newdoc id") {
            flush(&mut current, &mut paragraphs, keep);
            keep = match filter {
                Some(f) => id.contains(f),
                None => true,
            };
        } else if comment == "newpar" || comment.starts_with("newpar ") {
            flush(&mut current, &mut paragraphs, keep);
        } else if let Some(text) = key_value(comment, "text") {
            let text = text.trim();
            if !text.is_empty() {
                current.push(text.to_string());
            }
        }
    }
    flush(&mut current, &mut paragraphs, keep);
    Ok(paragraphs)
}

/// `value` of a `key = value` comment.
fn key_value<'a>(comment: &'a str, key: &str) -> Option<&'a str> {
    let rest = comment.strip_prefix(key)?.trim_start();
    Some(rest.strip_prefix('=')?.trim_start())
}

fn flush(current: &mut Vec<String>, out: &mut Vec<Vec<String>>, keep: bool) {
    if keep && !current.is_empty() {
        out.push(std::mem::take(current));
    } else {
        current.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
# newdoc id = GUM_news_a
# newpar
# sent_id = 1
# text = Hello there.
1\tHello\t_
# newpar_block = p (2 s)
# text = Dr. Who came.
1\tDr.\t_

# newpar
# text = New paragraph.
# newdoc id = GUM_bio_b
# text = Skipped. Entirely.
";

    #[test]
    fn paragraphs_follow_newpar_and_filter() {
        let all = conllu_paragraphs(SAMPLE.as_bytes(), None).unwrap();
        assert_eq!(
            all,
            vec![
                vec!["Hello there.".to_string(), "Dr. Who came.".to_string()],
                vec!["New paragraph.".to_string()],
                vec!["Skipped. Entirely.".to_string()],
            ]
        );
        let news = conllu_paragraphs(SAMPLE.as_bytes(), Some("GUM_news")).unwrap();
        assert_eq!(news.len(), 2);
    }

    #[test]
    fn scoring_counts_inner_boundaries_only() {
        let para = vec!["Hello there.".to_string(), "Dr. Who came.".to_string()];
        // Splits everywhere: after "there." (right) and after "Dr." (wrong).
        let naive = |t: &str| -> Vec<Range<usize>> {
            let mut out = Vec::new();
            let mut start = 0;
            for (i, _) in t.match_indices(". ") {
                out.push(start..i + 2); // keeps the trailing space
                start = i + 2;
            }
            out.push(start..t.len());
            out
        };
        let s = score_paragraph(&para, &naive);
        assert_eq!(
            s,
            BoundaryScores {
                gold: 1,
                predicted: 2,
                correct: 1
            }
        );
        assert_eq!(s.precision(), 0.5);
        assert_eq!(s.recall(), 1.0);
        assert!((s.f1() - 2.0 / 3.0).abs() < 1e-12);

        let ours = score_paragraph(&para, &crate::split_sentences);
        assert_eq!(
            ours,
            BoundaryScores {
                gold: 1,
                predicted: 1,
                correct: 1
            }
        );
    }

    #[test]
    fn empty_scores_are_perfect() {
        let s = BoundaryScores::default();
        assert_eq!((s.precision(), s.recall(), s.f1()), (1.0, 1.0, 1.0));
    }
}
