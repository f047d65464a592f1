//! Shared by the claims tests: invented documents with tagged roles run
//! through `attribute_with_roles`.

use newsnlp_claims::{attribute_with_roles_counting, Counting, Role, RoleSpan};
use newsnlp_model::{Claim, Document, Entity, Timex};

/// Characters of the first `piece` in `text`; a piece with a part in
/// `«»` is that part of the first occurrence of the whole (`chamber,
/// «which»`).
pub fn chars_of(text: &str, piece: &str) -> (usize, usize) {
    let whole: String = piece.chars().filter(|&c| c != '«' && c != '»').collect();
    let byte = text.find(&whole).expect(piece);
    let start = text[..byte].chars().count();
    match (piece.find('«'), piece.find('»')) {
        (Some(open), Some(close)) => {
            let before = piece[..open].chars().count();
            let inside = piece[open..close].chars().count() - 1;
            (start + before, start + before + inside)
        }
        _ => (start, start + whole.chars().count()),
    }
}

/// Every occurrence of `piece` in `text`, in characters.
pub fn all_of(text: &str, piece: &str) -> Vec<(usize, usize)> {
    text.match_indices(piece)
        .map(|(byte, _)| {
            let start = text[..byte].chars().count();
            (start, start + piece.chars().count())
        })
        .collect()
}

/// The claims of `text`, given `(mention, label)` entities (every
/// occurrence), `(expression, value)` dates and the tagged `(source, cue,
/// content)` of each claim (an empty source for none), every claim kept:
/// these tests are about linking, speakers and dates, not about which
/// claims a newsroom counts.
pub fn claims(
    text: &str,
    mentions: &[(&str, &str)],
    dates: &[(&str, &str)],
    tagged: &[(&str, &str, &str)],
) -> Vec<Claim> {
    claims_counting(text, mentions, dates, tagged, Counting::All)
}

/// [`claims`] with the given counting.
pub fn claims_counting(
    text: &str,
    mentions: &[(&str, &str)],
    dates: &[(&str, &str)],
    tagged: &[(&str, &str, &str)],
    counting: Counting,
) -> Vec<Claim> {
    let mut doc = Document::new("t", text);
    doc.sentences = Some(newsnlp_sentences::sentence_spans(text));
    let mut entities = Vec::new();
    for &(mention, label) in mentions {
        for (start, end) in all_of(text, mention) {
            entities.push(Entity {
                start,
                end,
                text: mention.to_string(),
                label: label.to_string(),
                score: 0.99,
            });
        }
    }
    entities.sort_by_key(|e| e.start);
    doc.entities = Some(entities);
    let mut timexes = Vec::new();
    for &(expression, value) in dates {
        for (start, end) in all_of(text, expression) {
            timexes.push(Timex {
                start,
                end,
                text: expression.to_string(),
                kind: "DATE".into(),
                value: value.into(),
                anchor: None,
                anchor_source: "none".into(),
                rule: "test".into(),
                grain: "day".into(),
                modifier: None,
            });
        }
    }
    timexes.sort_by_key(|t| t.start);
    doc.dates = Some(timexes);
    let mut roles = Vec::new();
    for &(source, cue, content) in tagged {
        for (role, piece) in [
            (Role::Source, source),
            (Role::Cue, cue),
            (Role::Content, content),
        ] {
            if !piece.is_empty() {
                let (start, end) = chars_of(text, piece);
                roles.push(RoleSpan { role, start, end });
            }
        }
    }
    attribute_with_roles_counting(&doc, &roles, counting)
}
