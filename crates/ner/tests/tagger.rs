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

/// What the shipped model tags with a mean label probability under 0.5 on
/// the seed article (dropped by the default `min_score`).
const DROPPED_ON_THE_SEED: &[(&str, &str)] = &[("FO", "ORG"), ("Khawarij", "ORG")];

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

/// The seed article's text and its sentences' byte ranges, as the `ner`
/// stage sees them.
fn seed_document() -> (String, Vec<std::ops::Range<usize>>) {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/seed_article.txt"),
    )
    .unwrap();
    let sentences = newsnlp_sentences::split_sentences(&text);
    (text, sentences)
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
fn the_window_a_model_was_trained_on_comes_from_its_config() {
    assert_eq!(tagger(NerOptions::default()).window(), 256);
    let capped = NerOptions {
        window: 4_096,
        ..NerOptions::default()
    };
    assert_eq!(
        tagger(capped).window(),
        512,
        "capped by the model's positions"
    );
    // The same weights, with a config that records a 64-sub-token window.
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(model_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_owned();
        if name != "config.json" {
            std::os::unix::fs::symlink(&path, dir.path().join(name)).unwrap();
        }
    }
    let mut config: serde_json::Value =
        serde_json::from_slice(&std::fs::read(model_dir().join("config.json")).unwrap()).unwrap();
    config["newsnlp_window"] = 64.into();
    std::fs::write(dir.path().join("config.json"), config.to_string()).unwrap();
    let trained = NerTagger::load(dir.path(), NerOptions::default()).unwrap();
    assert_eq!(trained.window(), 64);
    // Windows that small still cover a long text with exact offsets.
    let (text, _) = seed_document();
    let spans = trained.tag(&[text.as_str()]).unwrap();
    assert!(mentions(&text, &spans[0]).contains(&("Khawaja Asif", "PERSON")));
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
    let (text, sentences) = seed_document();
    let tag = |min_score| {
        tagger(NerOptions {
            min_score,
            join_org_place: false,
            ..NerOptions::default()
        })
        .tag_sentences(&[(&text, &sentences)])
        .unwrap()
        .remove(0)
    };
    let (all, sure) = (tag(0.0), tag(newsnlp_ner::DEFAULT_MIN_SCORE));
    let kept: Vec<&TaggedSpan> = all.iter().filter(|s| s.score >= 0.5).collect();
    assert_eq!(kept.len(), sure.len());
    for (a, b) in kept.iter().zip(&sure) {
        assert_eq!((&a.bytes, &a.label), (&b.bytes, &b.label));
    }
    let dropped: Vec<(&str, &str)> = all
        .iter()
        .filter(|s| s.score < 0.5)
        .map(|s| (&text[s.bytes.clone()], s.label.as_str()))
        .collect();
    assert_eq!(dropped, DROPPED_ON_THE_SEED);
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
fn averaging_overlapping_windows_keeps_offsets_and_names() {
    let sentences = seed_sentences();
    let long = sentences[1..].join(" ");
    let tag = |average_windows| {
        tagger(NerOptions {
            window: 48,
            average_windows,
            ..NerOptions::default()
        })
        .tag(&[&long, "Khawaja Asif spoke."])
        .unwrap()
    };
    let (central, averaged) = (tag(false), tag(true));
    let found = mentions(&long, &averaged[0]);
    for name in ["Tahir Hussain Andrabi", "Khawaja Asif", "Türkiye"] {
        assert!(found.iter().any(|(text, _)| *text == name), "{found:?}");
    }
    // A text in one window has nothing to average: the same spans.
    assert_eq!(averaged[1], central[1]);
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
/// Rust must find exactly the same ones, with the sentences read together
/// as [`NerTagger::tag_sentences`] reads a document. Regenerate after
/// retraining with
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
        consistent_labels: false,
        min_score: 0.0,
        ..NerOptions::default()
    });
    let (mut document, mut sentences, mut words, mut expected) =
        (String::new(), Vec::new(), Vec::new(), Vec::new());
    for line in reference.lines() {
        let fixture: serde_json::Value = serde_json::from_str(line).unwrap();
        let sentence_words: Vec<&str> = fixture["words"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w.as_str().unwrap())
            .collect();
        if !document.is_empty() {
            document.push('\n');
        }
        let start = document.len();
        document.push_str(&sentence_words.join(" "));
        let sentence = start..document.len();
        let ranges: Vec<_> = newsnlp_ner::words::words(&document[sentence.clone()])
            .into_iter()
            .map(|r| r.start + start..r.end + start)
            .collect();
        assert_eq!(
            ranges
                .iter()
                .map(|r| &document[r.clone()])
                .collect::<Vec<_>>(),
            sentence_words,
            "fixture words are newsnlp words"
        );
        for e in fixture["entities"].as_array().unwrap() {
            expected.push((
                sentences.len(),
                e[0].as_str().unwrap().to_string(),
                e[1].as_u64().unwrap() as usize,
                e[2].as_u64().unwrap() as usize,
            ));
        }
        sentences.push(sentence);
        words.push(ranges);
    }
    // A model trained on packed sentences reads them packed, as Python
    // does; any other is compared sentence by sentence (Python tags each
    // line alone), which checks the same network.
    let spans: Vec<TaggedSpan> = if tagger.context_words().is_some() {
        tagger
            .tag_sentences(&[(&document, &sentences)])
            .unwrap()
            .remove(0)
    } else {
        let texts: Vec<&str> = sentences.iter().map(|s| &document[s.clone()]).collect();
        tagger
            .tag(&texts)
            .unwrap()
            .into_iter()
            .zip(&sentences)
            .flat_map(|(spans, sentence)| {
                spans.into_iter().map(move |span| TaggedSpan {
                    bytes: span.bytes.start + sentence.start..span.bytes.end + sentence.start,
                    ..span
                })
            })
            .collect()
    };
    let got: Vec<(usize, String, usize, usize)> = spans
        .iter()
        .map(|s| {
            let sentence = sentences
                .iter()
                .position(|r| r.start <= s.bytes.start && s.bytes.end <= r.end)
                .unwrap();
            let ranges = &words[sentence];
            let first = ranges
                .iter()
                .position(|r| r.start == s.bytes.start)
                .unwrap();
            let last = ranges.iter().position(|r| r.end == s.bytes.end).unwrap();
            (sentence, s.label.clone(), first, last + 1)
        })
        .collect();
    assert_eq!(got, expected);
    let words_checked: usize = words.iter().map(Vec::len).sum();
    assert!(words_checked > 300, "the fixture covers the seed article");
}

#[test]
fn bfloat16_finds_the_same_entities_on_the_seed_article() {
    let (text, sentences) = seed_document();
    let tag = |bf16| {
        tagger(NerOptions {
            bf16,
            ..NerOptions::default()
        })
        .tag_sentences(&[(&text, &sentences)])
        .unwrap()
        .remove(0)
    };
    assert_eq!(mentions(&text, &tag(false)), mentions(&text, &tag(true)));
}

#[test]
fn int8_weights_find_the_same_entities_on_the_seed_article_but_one() {
    let (text, sentences) = seed_document();
    let tag = |int8, batch_size| {
        tagger(NerOptions {
            int8,
            batch_size,
            batch_tokens: None,
            ..NerOptions::default()
        })
        .tag_sentences(&[(&text, &sentences)])
        .unwrap()
        .remove(0)
    };
    let (float32, int8) = (tag(false, 16), tag(true, 16));
    // One difference: the second mention of the spokesman, "Andrabi"
    // (PERSON), is not tagged.
    let mut expected = mentions(&text, &float32);
    let andrabi = expected
        .iter()
        .position(|m| *m == ("Andrabi", "PERSON"))
        .unwrap();
    expected.remove(andrabi);
    assert_eq!(mentions(&text, &int8), expected);
    // Each window's inputs are quantised on their own: the batch it shares
    // changes nothing, to the last digit of the scores.
    let alone = tag(true, 1);
    assert_eq!(int8, alone);
}

#[test]
fn a_document_is_tagged_as_its_sentences_in_context() {
    let (text, sentences) = seed_document();
    let tagger = tagger(NerOptions::default());
    let budget = tagger
        .context_words()
        .expect("the shipped model reads sentences in context");
    let spans = tagger
        .tag_sentences(&[(&text, &sentences), ("", &[])])
        .unwrap();
    assert!(spans[1].is_empty());
    for span in &spans[0] {
        assert!(
            sentences
                .iter()
                .any(|s| s.start <= span.bytes.start && span.bytes.end <= s.end),
            "{span:?} stays inside one sentence"
        );
    }
    // Packed as in training: more than one sentence per group, none over
    // the budget unless alone.
    let counts: Vec<usize> = sentences
        .iter()
        .map(|s| newsnlp_ner::words::words(&text[s.clone()]).len())
        .collect();
    let packs = newsnlp_ner::pack_sentences(&counts, budget);
    assert!(packs.len() < sentences.len());
    for pack in &packs {
        let words: usize = counts[pack.clone()].iter().sum();
        assert!(
            words <= budget || pack.len() == 1,
            "{pack:?}: {words} words"
        );
    }
    let found = mentions(&text, &spans[0]);
    assert!(
        found.contains(&("Tahir Hussain Andrabi", "PERSON")),
        "{found:?}"
    );
}

fn claims_model_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/claims-polnear-minilm")
}

/// A joint model made of the shipped NER model and `attribution`'s head and
/// last `branch` layers (`combine_models`).
fn joint_model(attribution: &Path, branch: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    newsnlp_ner::combine_models(&model_dir(), attribution, branch, dir.path()).unwrap();
    dir
}

#[test]
fn a_joint_model_reads_whole_documents_with_both_heads_in_one_pass() {
    let (text, sentences) = seed_document();
    let joint = joint_model(&claims_model_dir(), 2);
    let tagger = NerTagger::load(joint.path(), NerOptions::default()).unwrap();
    assert!(tagger.is_joint());
    assert_eq!(tagger.labels().len(), 37);
    let attribution = tagger.attribution_labels().expect("an attribution head");
    assert_eq!(attribution.len(), 7);
    assert!(attribution.iter().any(|l| l == "B-SOURCE"));
    assert_eq!(tagger.document_window_step(), 169, "two thirds of 254");
    let tagged = tagger
        .tag_documents(&[(&text, &sentences), ("", &[])])
        .unwrap();
    assert_eq!(tagged[1], newsnlp_ner::JointSpans::default());
    let found = mentions(&text, &tagged[0].entities);
    for name in [
        ("Khawaja Asif", "PERSON"),
        ("Inter-Services Public Relations", "ORG"),
    ] {
        assert!(found.contains(&name), "{name:?} in {found:?}");
    }
    for span in &tagged[0].entities {
        assert!(
            sentences
                .iter()
                .any(|s| s.start <= span.bytes.start && span.bytes.end <= s.end),
            "{span:?} stays inside one sentence"
        );
    }
    let roles: Vec<&str> = tagged[0]
        .attribution
        .iter()
        .map(|s| s.label.as_str())
        .collect();
    // The two models' layers were trained apart, so this untrained
    // combination tags roles roughly; what matters here is that they come
    // from the attribution head.
    assert!(roles
        .iter()
        .all(|r| ["SOURCE", "CUE", "CONTENT"].contains(r)));
    for role in ["SOURCE", "CONTENT"] {
        assert!(roles.contains(&role), "{role} in {roles:?}");
    }
    // `tag_sentences` on a joint model is its entity head over whole documents.
    let entities = tagger.tag_sentences(&[(&text, &sentences)]).unwrap();
    assert_eq!(entities[0], tagged[0].entities);
}

#[test]
fn a_joint_model_reading_sentence_groups_gives_exactly_the_entity_model_s_entities() {
    let (text, sentences) = seed_document();
    let joint = joint_model(&claims_model_dir(), 2);
    // With the NER model's word budget the joint model reads its groups of whole sentences.
    let alone = tagger(NerOptions::default());
    let budget = alone
        .context_words()
        .expect("the NER model reads sentences in groups");
    let config_path = joint.path().join("config.json");
    let config = std::fs::read_to_string(&config_path).unwrap();
    let config = config.replacen('{', &format!("{{\"newsnlp_context_words\":{budget},"), 1);
    std::fs::write(&config_path, config).unwrap();
    let joint = NerTagger::load(joint.path(), NerOptions::default()).unwrap();
    assert_eq!(joint.context_words(), Some(budget));
    let document = [(text.as_str(), sentences.as_slice())];
    let tagged = joint.tag_documents(&document).unwrap();
    assert_eq!(
        tagged[0].entities,
        alone.tag_sentences(&document).unwrap()[0]
    );
    let roles = mentions(&text, &tagged[0].attribution);
    assert!(
        roles.contains(&("Tahir Hussain Andrabi", "SOURCE")),
        "the attribution head reads the same groups: {roles:?}"
    );
}

#[test]
fn the_attribution_path_computes_what_the_entity_path_does_with_the_same_weights() {
    let (text, sentences) = seed_document();
    for branch in [0, 2] {
        // The NER model as both heads: two code paths, one computation.
        let joint = joint_model(&model_dir(), branch);
        let tagger = NerTagger::load(
            joint.path(),
            NerOptions {
                min_score: 0.0,
                trim_articles: false,
                join_org_place: false,
                consistent_labels: false,
                ..NerOptions::default()
            },
        )
        .unwrap();
        let document = [(text.as_str(), sentences.as_slice())];
        let entity = tagger
            .tag_with_head_in_sentences(&document, newsnlp_ner::HeadKind::Entities)
            .unwrap();
        let attribution = tagger
            .tag_with_head_in_sentences(&document, newsnlp_ner::HeadKind::Attribution)
            .unwrap();
        assert!(entity[0].len() > 20, "branch {branch}: {:?}", entity[0]);
        assert_eq!(entity, attribution, "branch {branch}");
    }
}

#[test]
fn sentence_aligned_windows_cover_every_sub_token() {
    let (text, sentences) = seed_document();
    let narrow = tagger(NerOptions {
        window: 48,
        ..NerOptions::default()
    });
    let document = [(text.as_str(), sentences.as_slice())];
    let aligned = narrow
        .tag_with_head_in_sentences(&document, newsnlp_ner::HeadKind::Entities)
        .unwrap();
    let found = mentions(&text, &aligned[0]);
    for name in ["Tahir Hussain Andrabi", "Khawaja Asif"] {
        assert!(found.iter().any(|(t, _)| *t == name), "{found:?}");
    }
}
