//! Sentences tagged with their neighbours: models trained on consecutive
//! sentences packed together (`"newsnlp_context_words"` in `config.json`,
//! written by `scripts/train_ner.py --context-words`) see the same packing
//! at run time, so a name's type can come from the sentences around it.

use std::ops::Range;

/// `config.json` key: the most words a packed group of sentences holds.
pub(crate) const CONTEXT_KEY: &str = "newsnlp_context_words";

/// Groups of consecutive sentences (index ranges), each as many as fit in
/// `budget` words, greedily in order; a sentence longer than the budget is
/// a group on its own. Mirrors `scripts/newsnlp_bert.py::pack_sentences`.
pub fn pack_sentences(word_counts: &[usize], budget: usize) -> Vec<Range<usize>> {
    let mut packs = Vec::new();
    let (mut start, mut words) = (0, 0);
    for (index, &count) in word_counts.iter().enumerate() {
        if index > start && words + count > budget {
            packs.push(start..index);
            (start, words) = (index, 0);
        }
        words += count;
    }
    if start < word_counts.len() {
        packs.push(start..word_counts.len());
    }
    packs
}

/// The parts of `span` (byte range) inside each of `sentences` (sorted,
/// disjoint byte ranges), trimmed of whitespace: a span the model carried
/// over a sentence boundary becomes one span per sentence, as in the
/// training data, where no entity crosses one.
pub(crate) fn split_at_sentences(
    text: &str,
    span: Range<usize>,
    sentences: &[Range<usize>],
) -> Vec<Range<usize>> {
    let inside: Vec<Range<usize>> = sentences
        .iter()
        .filter(|s| s.start < span.end && span.start < s.end)
        .map(|s| span.start.max(s.start)..span.end.min(s.end))
        .filter_map(|part| trimmed(text, part))
        .collect();
    if inside.is_empty() {
        vec![span]
    } else {
        inside
    }
}

/// `range` without leading and trailing whitespace; `None` if nothing is left.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let piece = &text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.end - (piece.len() - piece.trim_end().len());
    (start < end).then_some(start..end)
}

/// One name, one type per document: where the same text is tagged with
/// different types in one document, every mention takes the type whose
/// mentions' scores add up to the most, unless the mention is surer of its
/// own type than any mention of that type is ("Mediators Türkiye and
/// Qatar" tagged PERSON at 0.96, while "Türkiye" elsewhere is GPE at
/// 0.996, becomes GPE).
pub(crate) fn harmonise_labels(text: &str, spans: &mut [crate::TaggedSpan]) {
    use std::collections::HashMap;
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, span) in spans.iter().enumerate() {
        by_name
            .entry(&text[span.bytes.clone()])
            .or_default()
            .push(index);
    }
    for mentions in by_name.values().filter(|m| m.len() > 1) {
        let mut totals: Vec<(&str, f32, f32)> = Vec::new();
        for &index in mentions {
            let span = &spans[index];
            match totals.iter_mut().find(|(label, _, _)| *label == span.label) {
                Some((_, total, best)) => {
                    *total += span.score;
                    *best = best.max(span.score);
                }
                None => totals.push((&span.label, span.score, span.score)),
            }
        }
        if totals.len() < 2 {
            continue;
        }
        let (label, _, best) =
            totals
                .iter()
                .copied()
                .fold(("", f32::MIN, 0.0), |a, b| if b.1 > a.1 { b } else { a });
        let label = label.to_string();
        for &index in mentions {
            if spans[index].label != label && spans[index].score < best {
                spans[index].label = label.clone();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_pack_greedily_up_to_the_budget() {
        assert_eq!(pack_sentences(&[5, 5, 5, 5], 10), vec![0..2, 2..4]);
        assert_eq!(pack_sentences(&[5, 6, 4], 10), vec![0..1, 1..3]);
        assert_eq!(pack_sentences(&[30, 2, 2], 10), vec![0..1, 1..3]);
        assert_eq!(pack_sentences(&[3, 30], 10), vec![0..1, 1..2]);
        assert_eq!(pack_sentences(&[], 10), Vec::<Range<usize>>::new());
    }

    fn span(bytes: Range<usize>, label: &str, score: f32) -> crate::TaggedSpan {
        crate::TaggedSpan {
            bytes,
            label: label.into(),
            score,
        }
    }

    #[test]
    fn a_name_keeps_one_type_per_document() {
        let text = "Türkiye met. Mediators Türkiye and Lee. Lee won. Lee left.";
        let at = |name: &str, nth: usize| {
            let start = text.match_indices(name).nth(nth).unwrap().0;
            start..start + name.len()
        };
        let mut spans = vec![
            span(at("Türkiye", 0), "GPE", 0.99),
            span(at("Türkiye", 1), "PERSON", 0.96),
            span(at("Lee", 0), "PERSON", 0.6),
            span(at("Lee", 1), "ORG", 0.9),
            span(at("Lee", 2), "PERSON", 0.7),
        ];
        harmonise_labels(text, &mut spans);
        let labels: Vec<&str> = spans.iter().map(|s| s.label.as_str()).collect();
        // Lee: PERSON 1.3 in all outweighs ORG 0.9, but the ORG mention is
        // surer than either PERSON mention, so it stays.
        assert_eq!(labels, ["GPE", "GPE", "PERSON", "ORG", "PERSON"]);
    }

    #[test]
    fn a_span_over_a_sentence_boundary_is_cut_in_two() {
        let text = "He met Lee. Kuan Yew spoke.";
        let sentences = [0..11, 12..27];
        assert_eq!(
            split_at_sentences(text, 7..20, &sentences),
            vec![7..11, 12..20]
        );
        assert_eq!(split_at_sentences(text, 7..10, &sentences), vec![7..10]);
    }
}
