//! The shipped model through `NerTagger`: batching, windows, parity with
//! the Python reference implementation, and entities on the seed article.

use std::path::{Path, PathBuf};

use newsnlp_ner::{NerOptions, NerTagger, TaggedSpan};

fn model_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/ner-ontonotes-minilm")
}

fn tagger(options: NerOptions) -> NerTagger {
    NerTagger::load(&model_dir(), options).expect("the shipped model loads")
}

fn seed_sentences() -> Vec<String> {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed_article.txt"),
    )
    .unwrap();
    newsnlp_sentences::split_sentences(&text)
        .into_iter()
        .map(|r| text[r].to_string())
        .collect()
}

fn mentions<'a>(text: &'a str, spans: &'a [TaggedSpan]) -> Vec<(&'a str, &'a str)> {
    spans
        .iter()
        .map(|s| (&text[s.bytes.clone()], s.label.as_str()))
        .collect()
}

#[test]
fn labels_come_from_the_model_config() {
    let tagger = tagger(NerOptions::default());
    assert_eq!(tagger.labels().len(), 37);
    assert_eq!(tagger.labels()[0], "O");
    assert!(tagger.labels().iter().any(|l| l == "B-WORK_OF_ART"));
}

#[test]
fn batches_larger_than_the_batch_size_match_one_by_one() {
    let sentences = seed_sentences();
    let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let small_batches = tagger(NerOptions {
        batch_size: 3,
        ..NerOptions::default()
    });
    let together = small_batches.tag(&texts).unwrap();
    for (text, spans) in texts.iter().zip(&together) {
        let alone = small_batches.tag(&[text]).unwrap().remove(0);
        assert_eq!(mentions(text, spans), mentions(text, &alone), "{text}");
        for (a, b) in spans.iter().zip(&alone) {
            assert!((a.score - b.score).abs() < 1e-4, "{text}: {a:?} vs {b:?}");
        }
    }
}

#[test]
fn a_padded_token_budget_changes_batches_not_labels() {
    let sentences = seed_sentences();
    let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let tag = |batch_tokens| {
        tagger(NerOptions {
            batch_tokens,
            ..NerOptions::default()
        })
        .tag(&texts)
        .unwrap()
    };
    let (unlimited, tight) = (tag(None), tag(Some(64)));
    for ((text, a), b) in texts.iter().zip(&unlimited).zip(&tight) {
        assert_eq!(mentions(text, a), mentions(text, b), "{text}");
        for (x, y) in a.iter().zip(b) {
            assert!((x.score - y.score).abs() < 1e-4, "{text}: {x:?} vs {y:?}");
        }
    }
}

#[test]
fn unsure_spans_are_dropped_and_only_they() {
    let sentences = seed_sentences();
    let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let tag = |min_score| {
        tagger(NerOptions {
            min_score,
            join_org_place: false,
            ..NerOptions::default()
        })
        .tag(&texts)
        .unwrap()
    };
    let (all, sure) = (tag(0.0), tag(newsnlp_ner::DEFAULT_MIN_SCORE));
    let mut dropped = Vec::new();
    for ((text, all), sure) in texts.iter().zip(&all).zip(&sure) {
        let kept: Vec<&TaggedSpan> = all.iter().filter(|s| s.score >= 0.5).collect();
        assert_eq!(kept.len(), sure.len(), "{text}");
        for (a, b) in kept.iter().zip(sure) {
            assert_eq!((&a.bytes, &a.label), (&b.bytes, &b.label), "{text}");
        }
        dropped.extend(
            all.iter()
                .filter(|s| s.score < 0.5)
                .map(|s| (text[s.bytes.clone()].to_string(), s.label.clone())),
        );
    }
    assert_eq!(dropped, [("Khawarij".to_string(), "GPE".to_string())]);
}

#[test]
fn long_texts_are_windowed_and_offsets_stay_exact() {
    let sentences = seed_sentences();
    let long = sentences[1..].join(" ");
    let narrow = tagger(NerOptions {
        window: 48,
        ..NerOptions::default()
    });
    let spans = narrow.tag(&[&long]).unwrap().remove(0);
    let found = mentions(&long, &spans);
    assert!(
        found.contains(&("Tahir Hussain Andrabi", "PERSON")),
        "{found:?}"
    );
    assert!(found.contains(&("Khawaja Asif", "PERSON")), "{found:?}");
    for span in &spans {
        let text = &long[span.bytes.clone()];
        assert_eq!(text.trim(), text, "spans are trimmed words");
        assert!(
            span.bytes.start == 0 || !long[..span.bytes.start].ends_with(char::is_alphanumeric)
        );
    }
}

#[test]
fn empty_and_blank_texts_give_no_entities() {
    let tagger = tagger(NerOptions::default());
    assert_eq!(
        tagger.tag(&["", "   ", "\n"]).unwrap(),
        vec![vec![], vec![], vec![]]
    );
}

/// Entities from `scripts/ner_reference.py` (the Python implementation of
/// the same network) on the seed article, committed in tests/fixtures:
/// Rust must find exactly the same ones. Regenerate after retraining with
/// `newsnlp words tests/fixtures/seed_article.txt | python scripts/ner_reference.py models/ner-ontonotes-minilm`
/// (keeping `words`, `labels` and `entities`).
#[test]
fn labels_match_the_python_reference() {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/python_reference.jsonl");
    let reference = std::fs::read_to_string(fixture).unwrap();
    // The network's labels, without the post-processing Python lacks.
    let tagger = tagger(NerOptions {
        trim_articles: false,
        join_org_place: false,
        min_score: 0.0,
        ..NerOptions::default()
    });
    let mut words_checked = 0;
    for line in reference.lines() {
        let expected: serde_json::Value = serde_json::from_str(line).unwrap();
        let words: Vec<&str> = expected["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        let text = words.join(" ");
        let ranges = newsnlp_ner::words::words(&text);
        assert_eq!(
            ranges.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(),
            words,
            "fixture words are newsnlp words"
        );
        let expected_entities: Vec<(String, usize, usize)> = expected["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e[0].as_str().unwrap().to_string(),
                    e[1].as_u64().unwrap() as usize,
                    e[2].as_u64().unwrap() as usize,
                )
            })
            .collect();
        let spans = tagger.tag(&[&text]).unwrap().remove(0);
        let got: Vec<(String, usize, usize)> = spans
            .iter()
            .map(|s| {
                let first = ranges
                    .iter()
                    .position(|r| r.start == s.bytes.start)
                    .unwrap();
                let last = ranges.iter().position(|r| r.end == s.bytes.end).unwrap();
                (s.label.clone(), first, last + 1)
            })
            .collect();
        assert_eq!(got, expected_entities, "{text}");
        words_checked += words.len();
    }
    assert!(words_checked > 300, "the fixture covers the seed article");
}

#[test]
fn bfloat16_finds_the_same_entities_on_the_seed_article() {
    let sentences = seed_sentences();
    let texts: Vec<&str> = sentences.iter().map(String::as_str).collect();
    let f32_spans = tagger(NerOptions::default()).tag(&texts).unwrap();
    let bf16_spans = tagger(NerOptions {
        bf16: true,
        ..NerOptions::default()
    })
    .tag(&texts)
    .unwrap();
    for ((text, a), b) in texts.iter().zip(&f32_spans).zip(&bf16_spans) {
        assert_eq!(mentions(text, a), mentions(text, b), "{text}");
    }
}
