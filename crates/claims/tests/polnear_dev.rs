//! Floor on PolNeAR dev (skipped when the corpus is absent): sentences from
//! newsnlp-sentences, no entities, first annotator file per article,
//! counting everything PolNeAR marks (`Counting::All`).

use std::path::Path;

use newsnlp_claims::{attribute_counting, eval, Counting};
use newsnlp_model::Document;

/// `../shared/data/polnear/dev` beside the repository.
const DEV: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/polnear/dev"
);

#[test]
fn polnear_dev_floor() {
    let dir = Path::new(DEV);
    if !dir.join("text").is_dir() {
        eprintln!("skipped: {DEV} not found");
        return;
    }
    let mut total = eval::Scores::default();
    for article in eval::read_polnear(dir).unwrap() {
        let mut doc = Document::new(article.name, article.text);
        doc.sentences = Some(newsnlp_sentences::sentence_spans(&doc.text));
        total.add(eval::score_document(
            &doc.text,
            &article.gold,
            &attribute_counting(&doc, Counting::All),
        ));
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
