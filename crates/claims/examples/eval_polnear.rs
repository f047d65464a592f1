//! Scores `attribute` (counting all PolNeAR marks) on a PolNeAR split: `cargo run -p newsnlp-claims
//! --example eval_polnear -- /work/shared/data/polnear/dev`.
//!
//! Each article gets sentences from `newsnlp-sentences`, no entities and no
//! dates; one annotator file per article (the first in sorted order).
#![allow(clippy::print_stdout)]

use std::path::Path;

use newsnlp_claims::{attribute_counting, eval, Counting};
use newsnlp_model::Document;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: eval_polnear DIR")?;
    let verbose = std::env::args().any(|a| a == "--verbose");
    let total = evaluate(Path::new(&dir), verbose)?;
    print!("{}", total.table());
    Ok(())
}

fn evaluate(dir: &Path, verbose: bool) -> Result<eval::Scores, Box<dyn std::error::Error>> {
    let mut total = eval::Scores::default();
    for article in eval::read_polnear(dir)? {
        let (stem, text, gold) = (article.name, article.text, article.gold);
        let mut doc = Document::new(stem.clone(), text);
        doc.sentences = Some(newsnlp_sentences::sentence_spans(&doc.text));
        let claims = attribute_counting(&doc, Counting::All);
        let sc = eval::score_document(&doc.text, &gold, &claims);
        if verbose {
            // One TSV line per claim: doc, source, cue, content (char offsets; -1 if none).
            for c in &claims {
                let (ss, se) = c
                    .source
                    .as_ref()
                    .map_or((-1, -1), |s| (s.start as i64, s.end as i64));
                let (cs, ce) = c
                    .cue
                    .as_ref()
                    .map_or((-1, -1), |s| (s.start as i64, s.end as i64));
                println!(
                    "P\t{stem}\t{ss}\t{se}\t{cs}\t{ce}\t{}\t{}",
                    c.content.start, c.content.end
                );
            }
        }
        total.add(sc);
    }
    Ok(total)
}
