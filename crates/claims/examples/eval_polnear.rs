//! Scores `attribute` on a PolNeAR split: `cargo run -p newsnlp-claims
//! --example eval_polnear -- /work/shared/data/polnear/dev`.
//!
//! Each article gets sentences from `newsnlp-sentences`, no entities and no
//! dates; one annotator file per article (the first in sorted order).
#![allow(clippy::print_stdout)]

use std::path::Path;

use newsnlp_claims::{attribute, eval};
use newsnlp_model::Document;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: eval_polnear DIR")?;
    let verbose = std::env::args().any(|a| a == "--verbose");
    let total = evaluate(Path::new(&dir), verbose)?;
    print!("{}", total.table());
    Ok(())
}

fn evaluate(dir: &Path, verbose: bool) -> Result<eval::Scores, Box<dyn std::error::Error>> {
    let mut texts: Vec<_> = std::fs::read_dir(dir.join("text"))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    texts.sort();
    let mut anns: Vec<_> = std::fs::read_dir(dir.join("attributions"))?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    anns.sort();
    let mut total = eval::Scores::default();
    for path in texts {
        let stem = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let Some(ann) = anns.iter().find(|a| {
            a.strip_suffix(".ann")
                .and_then(|a| a.rsplit_once('_'))
                .is_some_and(|(base, _)| base == stem)
        }) else {
            continue;
        };
        let text = std::fs::read_to_string(&path)?;
        let gold = eval::parse_ann(&std::fs::read_to_string(
            dir.join("attributions").join(ann),
        )?);
        let mut doc = Document::new(stem.clone(), text);
        doc.sentences = Some(newsnlp_sentences::sentence_spans(&doc.text));
        let claims = attribute(&doc);
        let sc = eval::score_document(&gold, &claims);
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
