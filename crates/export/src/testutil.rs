//! Test documents built from the seed article (shared by unit and
//! integration tests through `#[path]`).
#![allow(dead_code)]

use newsnlp_model::{Claim, Document, Entity, Span, TextSpan, Timex};

/// The seed article of the repository's fixtures.
pub const SEED_TEXT: &str = include_str!("../../../tests/fixtures/seed_article.txt");

/// Character span of the `nth` (0-based) occurrence of `needle` in `text`.
pub fn find(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let byte = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} not in text"))
        .0;
    let start = text[..byte].chars().count();
    (start, start + needle.chars().count())
}

fn text_span(text: &str, needle: &str, nth: usize) -> TextSpan {
    let (start, end) = find(text, needle, nth);
    TextSpan {
        start,
        end,
        text: needle.to_string(),
    }
}

/// Naive sentences: split after `.`/`:` followed by a space or newline, and at blank lines.
pub fn naive_sentences(text: &str) -> Vec<Span> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = None;
    for (i, &c) in chars.iter().enumerate() {
        if start.is_none() && !c.is_whitespace() {
            start = Some(i);
        }
        let next = chars.get(i + 1).copied();
        let ends = (matches!(c, '.' | ':') && !matches!(next, Some(n) if !n.is_whitespace()))
            || (c != '\n' && next == Some('\n'))
            || next.is_none();
        if let (true, Some(s)) = (ends, start) {
            if !c.is_whitespace() {
                out.push(Span::new(s, i + 1));
                start = None;
            }
        }
    }
    out
}

/// An entity for `needle` (its `nth` occurrence).
pub fn entity(text: &str, needle: &str, nth: usize, label: &str, score: f32) -> Entity {
    let (start, end) = find(text, needle, nth);
    Entity {
        start,
        end,
        text: needle.to_string(),
        label: label.to_string(),
        score,
    }
}

/// A resolved date for `needle`.
pub fn timex(text: &str, needle: &str, nth: usize, kind: &str, value: &str) -> Timex {
    let (start, end) = find(text, needle, nth);
    Timex {
        start,
        end,
        text: needle.to_string(),
        kind: kind.to_string(),
        value: value.to_string(),
        anchor: Some("2025-11-08".to_string()),
        anchor_source: "published".to_string(),
        rule: "month_day".to_string(),
        grain: "day".to_string(),
        modifier: None,
    }
}

/// A document over `text` with the seed article's annotations located in it.
pub fn annotate_seed(id: &str, text: &str) -> Document {
    let mut doc = Document::new(id, text);
    doc.title = Some(
        "Pakistan Welcomes Iran’s Mediation Offer as Border Talks With Afghanistan Stall: FO"
            .to_string(),
    );
    doc.published = Some("2025-11-08".to_string());
    doc.source = Some("https://example.invalid/pakistan-iran".to_string());
    doc.sentences = Some(naive_sentences(text));
    doc.entities = Some(vec![
        entity(text, "Pakistan", 0, "GPE", 0.99),
        entity(text, "Iran", 0, "GPE", 0.98),
        entity(text, "Afghanistan", 0, "GPE", 0.97),
        entity(text, "Foreign Office", 0, "ORG", 0.91),
        entity(text, "Tahir Hussain Andrabi", 0, "PERSON", 0.995),
        entity(text, "Tehran", 0, "GPE", 0.9),
        entity(text, "October 11", 0, "DATE", 0.88),
        entity(text, "Attaullah Tarar", 0, "PERSON", 0.97),
        entity(text, "Khawaja Asif", 0, "PERSON", 0.96),
    ]);
    doc.dates = Some(vec![
        timex(text, "October 11", 0, "DATE", "2025-10-11"),
        timex(text, "October 29", 0, "DATE", "2025-10-29"),
        timex(text, "November 7", 0, "DATE", "2025-11-07"),
    ]);
    let content1 = {
        let (start, _) = find(text, "the country will not hesitate", 0);
        let (_, end) = find(text, "a meaningful role", 0);
        let s: String = text.chars().skip(start).take(end - start).collect();
        TextSpan {
            start,
            end,
            text: s,
        }
    };
    let content3 = {
        let (start, _) = find(text, "talks on cross-border terrorism", 0);
        let (_, end) = find(text, "between the two sides", 0);
        let s: String = text.chars().skip(start).take(end - start).collect();
        TextSpan {
            start,
            end,
            text: s,
        }
    };
    let sentence_of = |at: usize| {
        doc.sentences
            .as_ref()
            .unwrap()
            .iter()
            .position(|s| s.start <= at && at < s.end)
            .unwrap()
    };
    let claims = vec![
        Claim {
            source: Some(text_span(text, "Tahir Hussain Andrabi", 0)),
            speaker: Some("Tahir Hussain Andrabi".to_string()),
            speaker_entity: Some(4),
            speaker_role: Some("Foreign Office spokesperson".to_string()),
            cue: Some(text_span(text, "saying", 0)),
            sentence: sentence_of(content1.start),
            content: content1,
            kind: "indirect".to_string(),
            cue_class: newsnlp_model::CueClass::Speech,
            date: None,
        },
        Claim {
            source: Some(text_span(text, "Attaullah Tarar", 0)),
            speaker: Some("Attaullah Tarar".to_string()),
            speaker_entity: Some(7),
            speaker_role: Some("Information Minister".to_string()),
            cue: Some(text_span(text, "stated", 0)),
            content: text_span(
                text,
                "the discussions had failed to produce a viable solution",
                0,
            ),
            kind: "indirect".to_string(),
            cue_class: newsnlp_model::CueClass::Speech,
            date: Some("2025-10-29".to_string()),
            sentence: sentence_of(find(text, "stated", 0).0),
        },
        Claim {
            source: Some(text_span(text, "Khawaja Asif", 0)),
            speaker: Some("Khawaja Asif".to_string()),
            speaker_entity: Some(8),
            speaker_role: Some("Defence Minister".to_string()),
            cue: Some(text_span(text, "said", 1)),
            sentence: sentence_of(content3.start),
            content: content3,
            kind: "indirect".to_string(),
            cue_class: newsnlp_model::CueClass::Speech,
            date: Some("2025-11-07".to_string()),
        },
    ];
    doc.claims = Some(claims);
    doc
}

/// The seed article with its annotations.
pub fn seed_document() -> Document {
    annotate_seed("dawn/2025/pakistan-iran", SEED_TEXT)
}

/// A short document with an emoji (two UTF-16 units) before an entity.
pub fn emoji_document() -> Document {
    let text = "🇵🇰 😀 Andrabi said “talks failed” on 7 Nov.";
    let mut doc = Document::new("emoji 1", text);
    doc.published = Some("2025-11-08".into());
    doc.sentences = Some(vec![Span::new(0, text.chars().count())]);
    doc.entities = Some(vec![entity(text, "Andrabi", 0, "PERSON", 0.5)]);
    doc.dates = Some(vec![timex(text, "7 Nov", 0, "DATE", "2025-11-07")]);
    doc.claims = Some(vec![Claim {
        source: Some(text_span(text, "Andrabi", 0)),
        speaker: Some("Andrabi".into()),
        speaker_entity: Some(0),
        speaker_role: None,
        cue: Some(text_span(text, "said", 0)),
        content: text_span(text, "talks failed", 0),
        kind: "direct".into(),
        cue_class: newsnlp_model::CueClass::Speech,
        date: Some("2025-11-07".into()),
        sentence: 0,
    }]);
    doc
}

/// Documents that exporters must survive: errors, absent and empty layers,
/// spans out of range or reversed, empty text.
pub fn broken_documents() -> Vec<Document> {
    let mut failed = Document::new("failed/ingest", "");
    failed.push_error("ingest", "could not decode");
    let mut empty_layers = Document::new("empty", "Nothing here.");
    empty_layers.entities = Some(vec![]);
    empty_layers.dates = Some(vec![]);
    empty_layers.claims = Some(vec![]);
    empty_layers.sentences = Some(vec![]);
    let mut bad = Document::new("../bad id\t<x>", "Short <b>text</b> & more.");
    bad.push_error("ner", "model timeout");
    bad.entities = Some(vec![
        Entity {
            start: 6,
            end: 9,
            text: "<b>".into(),
            label: "ODD LABEL/x".into(),
            score: 0.1,
        },
        Entity {
            start: 20,
            end: 400,
            text: "out of range".into(),
            label: "ORG".into(),
            score: 0.2,
        },
        Entity {
            start: 5,
            end: 2,
            text: "reversed".into(),
            label: "ORG".into(),
            score: 0.2,
        },
    ]);
    bad.sentences = Some(vec![Span::new(0, 999)]);
    bad.claims = Some(vec![Claim {
        source: None,
        speaker: None,
        speaker_entity: Some(42),
        speaker_role: None,
        cue: None,
        content: TextSpan {
            start: 10,
            end: 1000,
            text: "x".into(),
        },
        kind: "direct".into(),
        cue_class: newsnlp_model::CueClass::Speech,
        date: None,
        sentence: 7,
    }]);
    vec![failed, empty_layers, bad]
}
