//! Export then import gives back the same annotations (Label Studio and
//! brat), on the seed article and on generated documents with non-BMP text.

#[path = "../src/testutil.rs"]
mod testutil;

use newsnlp_export::{import_brat, import_label_studio, Layers};
use newsnlp_model::{Claim, Document, Entity, Span, TextSpan, Timex};
use proptest::prelude::*;

const POOL: &[char] = &[
    'a', 'b', 'Z', '1', ' ', ' ', '\n', '\r', '\t', '😀', '𝄞', '🇵', 'é', '中', '’', '.', '"', '<',
    '%', ';', '=', '\u{200d}',
];
const LABELS: &[&str] = &["PERSON", "ORG", "GPE", "DATE"];
const KINDS: &[&str] = &["DATE", "TIME", "DURATION", "SET"];
const VALUES: &[&str] = &["2025-10-11", "P3D", "PAST_REF", "2025-W45"];
const SPEAKERS: &[Option<&str>] = &[
    None,
    Some("Andrabi"),
    Some("O'Neil; \"FO\" 😀 %3B"),
    Some("a=b\tc\nd"),
];

fn slice(chars: &[char], s: usize, e: usize) -> String {
    chars[s..e].iter().collect()
}

fn text_span(chars: &[char], (s, e): (usize, usize)) -> TextSpan {
    TextSpan {
        start: s,
        end: e,
        text: slice(chars, s, e),
    }
}

/// A document whose spans (cut from `cuts`, pairwise, so non-empty and
/// non-overlapping) become entities, dates and claims by `roles`.
fn build(
    i: usize,
    chars: Vec<char>,
    cuts: Vec<usize>,
    roles: Vec<(u8, usize, bool, u32)>,
    absent: u8,
) -> Document {
    let text: String = chars.iter().collect();
    let mut doc = Document::new(format!("gen/{i} ü"), text);
    doc.published = (absent & 1 == 0).then(|| "2025-11-08".to_string());
    doc.title = (absent & 2 == 0).then(|| "T 😀".to_string());
    doc.sentences = Some(if chars.is_empty() {
        vec![]
    } else {
        vec![Span::new(0, chars.len())]
    });
    let spans: Vec<(usize, usize)> = cuts.chunks_exact(2).map(|c| (c[0], c[1])).collect();
    let mut entities = Vec::new();
    let mut dates = Vec::new();
    let mut claims = Vec::new();
    let mut k = 0;
    while k < spans.len() {
        let (role, pick, flag, n) = roles[k % roles.len()];
        let (s, e) = spans[k];
        k += 1;
        match role {
            0 => entities.push(Entity {
                start: s,
                end: e,
                text: slice(&chars, s, e),
                label: LABELS[pick].to_string(),
                score: n as f32 / 1000.0,
            }),
            1 => dates.push(Timex {
                start: s,
                end: e,
                text: slice(&chars, s, e),
                kind: KINDS[pick].to_string(),
                value: VALUES[pick].to_string(),
                anchor: flag.then(|| "2025-11-08".to_string()),
                anchor_source: if flag { "published" } else { "none" }.to_string(),
                rule: "r;x".to_string(),
                grain: "day".to_string(),
                modifier: (n % 2 == 0).then(|| "APPROX".to_string()),
            }),
            _ => {
                // Role 2: content alone; role 3: one or two parts before it.
                let mut parts = vec![(s, e)];
                let want = if role == 3 { 1 + usize::from(flag) } else { 0 };
                while parts.len() <= want && k < spans.len() {
                    parts.push(spans[k]);
                    k += 1;
                }
                let content = *parts.last().unwrap();
                let (source, cue) = match parts.len() {
                    3 => (Some(parts[0]), Some(parts[1])),
                    2 if n % 2 == 0 => (Some(parts[0]), None),
                    2 => (None, Some(parts[0])),
                    _ => (None, None),
                };
                claims.push(Claim {
                    source: source.map(|p| text_span(&chars, p)),
                    speaker: SPEAKERS[pick].map(str::to_string),
                    speaker_entity: (!entities.is_empty() && flag)
                        .then(|| n as usize % entities.len()),
                    speaker_role: flag.then(|| "Minister".to_string()),
                    cue: cue.map(|p| text_span(&chars, p)),
                    content: text_span(&chars, content),
                    kind: ["direct", "indirect", "mixed"][pick % 3].to_string(),
                    cue_class: newsnlp_model::CueClass::Speech,
                    date: (!flag).then(|| "2025-11-07".to_string()),
                    sentence: n as usize % 3,
                });
            }
        }
    }
    doc.entities = (absent & 4 == 0).then_some(entities);
    doc.dates = (absent & 8 == 0).then_some(dates);
    doc.claims = (absent & 16 == 0).then_some(claims);
    if doc.entities.is_none() {
        for c in doc.claims.iter_mut().flatten() {
            c.speaker_entity = None;
        }
    }
    doc
}

fn documents() -> impl Strategy<Value = Vec<Document>> {
    let one = prop::collection::vec(prop::sample::select(POOL), 0..60).prop_flat_map(|chars| {
        let len = chars.len();
        (
            Just(chars),
            prop::collection::btree_set(0..=len, 0..20),
            prop::collection::vec((0u8..4, 0usize..4, any::<bool>(), 0u32..=1000), 1..8),
            0u8..32,
        )
    });
    prop::collection::vec(one, 1..4).prop_map(|docs| {
        docs.into_iter()
            .enumerate()
            .map(|(i, (chars, cuts, roles, absent))| {
                build(i, chars, cuts.into_iter().collect(), roles, absent)
            })
            .collect()
    })
}

fn via_label_studio(docs: &[Document]) -> Vec<Document> {
    let dir = tempfile::tempdir().unwrap();
    let s = newsnlp_export::exporter("label-studio")
        .unwrap()
        .export(docs, &Layers::ALL, dir.path())
        .unwrap();
    assert_eq!(s.skipped, 0);
    import_label_studio(dir.path().join("tasks.json")).unwrap()
}

fn via_brat(docs: &[Document]) -> Vec<Document> {
    let dir = tempfile::tempdir().unwrap();
    let s = newsnlp_export::exporter("brat")
        .unwrap()
        .export(docs, &Layers::ALL, dir.path())
        .unwrap();
    assert_eq!(s.skipped, 0);
    import_brat(dir.path()).unwrap()
}

#[test]
fn seed_article_round_trips() {
    let mut doc = testutil::seed_document();
    doc.source = None; // metadata the review formats do not carry
    let docs = vec![doc, testutil::emoji_document()];
    assert_eq!(via_label_studio(&docs), docs);
    assert_eq!(via_brat(&docs), docs);
}

#[test]
fn seed_article_with_emoji_prefix_round_trips() {
    let text = format!("😀🇵🇰 {}", testutil::SEED_TEXT);
    let mut doc = testutil::annotate_seed("emoji-seed", &text);
    doc.source = None;
    assert_eq!(
        via_label_studio(std::slice::from_ref(&doc)),
        vec![doc.clone()]
    );
    assert_eq!(via_brat(std::slice::from_ref(&doc)), vec![doc]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn label_studio_round_trips(docs in documents()) {
        prop_assert_eq!(via_label_studio(&docs), docs);
    }

    #[test]
    fn brat_round_trips(docs in documents()) {
        prop_assert_eq!(via_brat(&docs), docs);
    }
}
