//! Floor on PolNeAR dev (skipped when the corpus is absent): sentences from
//! newsnlp-sentences, no entities, first annotator file per article.

use std::path::Path;

use newsnlp_claims::{attribute, eval};
use newsnlp_model::Document;

const DEV: &str = "/work/shared/data/polnear/dev";

#[test]
fn polnear_dev_floor() {
    let dir = Path::new(DEV);
    if !dir.join("text").is_dir() {
        eprintln!("skipped: {DEV} not found");
        return;
    }
    let mut anns: Vec<String> = std::fs::read_dir(dir.join("attributions"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    anns.sort();
    let mut texts: Vec<_> = std::fs::read_dir(dir.join("text"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    texts.sort();
    let mut total = eval::Scores::default();
    for path in texts {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let Some(ann) = anns.iter().find(|a| {
            a.strip_suffix(".ann")
                .and_then(|a| a.rsplit_once('_'))
                .is_some_and(|(base, _)| base == stem)
        }) else {
            continue;
        };
        let gold =
            eval::parse_ann(&std::fs::read_to_string(dir.join("attributions").join(ann)).unwrap());
        let mut doc = Document::new(stem, std::fs::read_to_string(&path).unwrap());
        doc.sentences = Some(newsnlp_sentences::sentence_spans(&doc.text));
        total.add(eval::score_document(&gold, &attribute(&doc)));
    }
    eprintln!("{}", total.table());
    assert!(total.relations > 2000);
    let (_, _, source) = total.source.overlap_prf();
    let (_, _, cue) = total.cue.overlap_prf();
    let (_, _, content) = total.content.overlap_prf();
    assert!(source >= 0.56, "source overlap F1 {source:.3}");
    assert!(cue >= 0.58, "cue overlap F1 {cue:.3}");
    assert!(content >= 0.60, "content overlap F1 {content:.3}");
}
