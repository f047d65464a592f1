//! Runs the TempEval-3 style evaluation on the shared gold corpora and checks
//! the measured floors. Skips (with a message) when `../shared` is absent.

use std::path::{Path, PathBuf};

use newsnlp_dates::eval::{evaluate, parse_meantime, parse_timeml, Counts};

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: shared data not found at {}", p.display());
        None
    }
}

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for e in entries {
        if e.is_dir() {
            files(&e, ext, out);
        } else if e.extension().is_some_and(|x| x == ext) {
            out.push(e);
        }
    }
}

fn run(dir: &Path, ext: &str, meantime: bool) -> Counts {
    let mut paths = Vec::new();
    files(dir, ext, &mut paths);
    assert!(!paths.is_empty(), "no gold files in {}", dir.display());
    let mut total = Counts::default();
    for p in paths {
        let xml = std::fs::read_to_string(&p).unwrap();
        let id = p.file_name().unwrap().to_string_lossy().to_string();
        let doc = if meantime {
            parse_meantime(&id, &xml)
        } else {
            parse_timeml(&id, &xml)
        }
        .unwrap();
        total.add(&evaluate(&doc).0);
    }
    total
}

#[test]
fn tbaq_scores_hold() {
    let Some(data) = shared() else { return };
    let c = run(&data.join("tempeval3/TBAQ-cleaned"), "tml", false);
    assert_eq!(c.gold, 1822);
    // measured: relaxed F1 0.930, value F1 0.8004, strict F1 0.859
    assert!(
        c.relaxed_prf().2 >= 0.925,
        "relaxed F1 {:?}",
        c.relaxed_prf()
    );
    assert!(c.value_f1() >= 0.80, "value F1 {}", c.value_f1());
    assert!(c.strict_prf().2 >= 0.85, "strict F1 {:?}", c.strict_prf());
}

#[test]
fn meantime_scores_hold() {
    let Some(data) = shared() else { return };
    let c = run(&data.join("meantime_en/intra-doc_annotation"), "xml", true);
    // measured: relaxed F1 0.910, value F1 0.803
    assert!(
        c.relaxed_prf().2 >= 0.905,
        "relaxed F1 {:?}",
        c.relaxed_prf()
    );
    assert!(c.value_f1() >= 0.80, "value F1 {}", c.value_f1());
}
