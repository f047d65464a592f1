//! Boundary scores on the shared GUM and EWT gold (skipped when the shared
//! data is absent). Floors are the scores measured when the rules were
//! written, rounded down; a drop below them is a regression.

use std::ops::Range;
use std::path::{Path, PathBuf};

use newsnlp_sentences::eval::{evaluate_conllu, BoundaryScores};
use newsnlp_sentences::split_sentences;

fn shared() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if dir.join("gum/dep").is_dir() {
        Some(dir)
    } else {
        eprintln!("skipping: shared data not found at {}", dir.display());
        None
    }
}

fn gum_files(data: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("gum/dep"))
        .expect("readable gum/dep")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "conllu"))
        .collect();
    files.sort();
    files
}

fn sentencex_split(text: &str) -> Vec<Range<usize>> {
    sentencex::get_sentence_boundaries("en", text)
        .into_iter()
        .map(|b| b.start_byte..b.end_byte)
        .collect()
}

fn report(name: &str, ours: BoundaryScores, baseline: BoundaryScores) {
    eprintln!(
        "{name}: newsnlp {ours:?} F1 {:.4}; sentencex {baseline:?} F1 {:.4}",
        ours.f1(),
        baseline.f1()
    );
}

#[test]
fn gum_news_f1_floor() {
    let Some(data) = shared() else { return };
    let files = gum_files(&data);
    let ours = evaluate_conllu(&files, Some("GUM_news"), split_sentences).unwrap();
    let baseline = evaluate_conllu(&files, Some("GUM_news"), sentencex_split).unwrap();
    report("GUM news", ours, baseline);
    assert_eq!(ours.gold, 380, "GUM news gold boundaries changed");
    assert!(
        ours.f1() >= 0.96,
        "GUM news F1 {:.4} below floor",
        ours.f1()
    );
    assert!(ours.f1() > baseline.f1());
}

#[test]
fn gum_all_and_ewt_dev_f1_floors() {
    let Some(data) = shared() else { return };
    let files = gum_files(&data);
    let gum = evaluate_conllu(&files, None, split_sentences).unwrap();
    report(
        "GUM all",
        gum,
        evaluate_conllu(&files, None, sentencex_split).unwrap(),
    );
    assert!(gum.f1() >= 0.97, "GUM F1 {:.4} below floor", gum.f1());

    let ewt = [data.join("ud_english_ewt/en_ewt-ud-dev.conllu")];
    if ewt[0].is_file() {
        let scores = evaluate_conllu(&ewt, None, split_sentences).unwrap();
        report(
            "EWT dev",
            scores,
            evaluate_conllu(&ewt, None, sentencex_split).unwrap(),
        );
        assert!(
            scores.f1() >= 0.88,
            "EWT dev F1 {:.4} below floor",
            scores.f1()
        );
    }
}
