//! Reading documents as groups of whole consecutive sentences: each group
//! as many sentences as fit in the model's word budget
//! (`"newsnlp_context_words"`, [`pack_sentences`]), or one sentence at a
//! time for a model without one. Every head of the model reads the same
//! groups in one encoder pass; spans come back in document byte ranges.

use std::ops::Range;

use crate::context::{pack_sentences, split_at_sentences};
use crate::words::words;
use crate::{NerError, NerTagger, TaggedSpan};

/// One group: a document's index and the indices of its sentences.
type Group = (usize, Range<usize>);

/// Every group of sentences read together, document by document.
fn sentence_groups(documents: &[(&str, &[Range<usize>])], budget: Option<usize>) -> Vec<Group> {
    let mut groups = Vec::new();
    for (index, (text, sentences)) in documents.iter().enumerate() {
        match budget {
            Some(budget) => {
                let counts: Vec<usize> = sentences
                    .iter()
                    .map(|s| words(&text[s.clone()]).len())
                    .collect();
                groups.extend(
                    pack_sentences(&counts, budget)
                        .into_iter()
                        .map(|p| (index, p)),
                );
            }
            None => groups.extend((0..sentences.len()).map(|s| (index, s..s + 1))),
        }
    }
    groups
}

/// A group's byte range in its document: first sentence's start to last
/// sentence's end.
fn group_bytes(documents: &[(&str, &[Range<usize>])], (document, group): &Group) -> Range<usize> {
    let sentences = documents[*document].1;
    sentences[group.start].start..sentences[group.end - 1].end
}

impl NerTagger {
    /// Each requested head's spans per document (`[head][document]`), every
    /// head reading the documents' sentence groups in one encoder pass.
    /// Entity-head spans (head 0) are cut at sentence boundaries, as in
    /// training, where no entity crosses one; other heads' spans (attribution
    /// content may run over several sentences) are joined where a span of one
    /// group runs on into the same label at the start of the next.
    pub(crate) fn tag_sentence_groups(
        &self,
        documents: &[(&str, &[Range<usize>])],
        heads: &[usize],
    ) -> Result<Vec<Vec<Vec<TaggedSpan>>>, NerError> {
        let groups = sentence_groups(documents, self.context_words());
        let texts: Vec<&str> = groups
            .iter()
            .map(|group| &documents[group.0].0[group_bytes(documents, group)])
            .collect();
        let tagged = self.tag_heads(&texts, None, heads)?;
        Ok(heads
            .iter()
            .zip(tagged)
            .map(|(&head, per_group)| {
                let mut found: Vec<Vec<TaggedSpan>> = vec![Vec::new(); documents.len()];
                for (group, spans) in groups.iter().zip(per_group) {
                    let (text, sentences) = documents[group.0];
                    let offset = group_bytes(documents, group).start;
                    let first_of_group = found[group.0].len();
                    for span in spans {
                        let bytes = span.bytes.start + offset..span.bytes.end + offset;
                        if head == 0 {
                            for part in split_at_sentences(text, bytes, &sentences[group.1.clone()])
                            {
                                found[group.0].push(TaggedSpan {
                                    bytes: part,
                                    ..span.clone()
                                });
                            }
                        } else {
                            found[group.0].push(TaggedSpan { bytes, ..span });
                        }
                    }
                    if head != 0 && first_of_group > 0 {
                        join_at(text, &mut found[group.0], first_of_group, offset);
                    }
                }
                found
            })
            .collect())
    }
}

/// Joins the span before `first_of_group` with the span at it when they
/// share a label, the earlier one reaches the end of the previous group and
/// the later one starts where this group (`group_start`, a byte offset)
/// starts, with only whitespace between: one span the group boundary cut.
fn join_at(text: &str, spans: &mut Vec<TaggedSpan>, first_of_group: usize, group_start: usize) {
    if first_of_group >= spans.len() {
        return;
    }
    let (before, after) = (&spans[first_of_group - 1], &spans[first_of_group]);
    let joins = before.label == after.label
        && after.bytes.start == group_start
        && before.bytes.end <= group_start
        && text[before.bytes.end..group_start].trim().is_empty();
    if joins {
        let after = spans.remove(first_of_group);
        let before = &mut spans[first_of_group - 1];
        before.bytes.end = after.bytes.end;
        before.score = before.score.min(after.score);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(bytes: Range<usize>, label: &str) -> TaggedSpan {
        TaggedSpan {
            bytes,
            label: label.into(),
            score: 0.9,
        }
    }

    #[test]
    fn groups_pack_whole_sentences_up_to_the_budget() {
        // Words: 4 (`three` and `.` are two), 3 and 5.
        let text = "One two three. Four five. Six seven eight nine.";
        let sentences = [0..14, 15..25, 26..47];
        let documents = [(text, &sentences[..])];
        assert_eq!(
            sentence_groups(&documents, Some(7)),
            vec![(0, 0..2), (0, 2..3)]
        );
        assert_eq!(
            sentence_groups(&documents, None),
            vec![(0, 0..1), (0, 1..2), (0, 2..3)]
        );
        assert_eq!(group_bytes(&documents, &(0, 0..2)), 0..25);
    }

    #[test]
    fn a_span_cut_by_a_group_boundary_is_joined() {
        let text = "He said it was over. It was not over.";
        let mut spans = vec![span(8..20, "CONTENT"), span(21..37, "CONTENT")];
        join_at(text, &mut spans, 1, 21);
        assert_eq!(spans, vec![span(8..37, "CONTENT")]);
    }

    #[test]
    fn spans_that_do_not_meet_at_the_boundary_stay_apart() {
        let text = "He said it was over. It was not over.";
        // Another label, a span not at the group's start, one ending early.
        for (a, b) in [
            (span(8..20, "CONTENT"), span(21..23, "SOURCE")),
            (span(8..20, "CONTENT"), span(24..37, "CONTENT")),
            (span(8..14, "CONTENT"), span(21..37, "CONTENT")),
        ] {
            let mut spans = vec![a.clone(), b.clone()];
            join_at(text, &mut spans, 1, 21);
            assert_eq!(spans, vec![a, b]);
        }
    }
}
