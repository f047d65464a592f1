//! `newsnlp eval html --pages DIR`: shingle precision/recall/F1 of the HTML
//! main-text extraction (see `newsnlp_ingest::eval` for the metric); and
//! `newsnlp eval faults --annotated FILE`: the faults real pages cause, counted
//! (see `newsnlp_pipeline::faults`).

use anyhow::{bail, Context, Result};
use newsnlp_ingest::eval::{self, Counts, Summary};
use std::path::Path;

/// One page's scores for newsnlp and the reference extractor.
struct Scored {
    name: String,
    newsnlp: Counts,
    reference: Counts,
    page_type: String,
}

pub fn evaluate(dir: &Path, worst: usize, output: Option<&Path>) -> Result<()> {
    let pages = eval::read_pages(dir).with_context(|| format!("reading '{}'", dir.display()))?;
    if pages.is_empty() {
        bail!(
            "no NAME.html page with its NAME.txt in '{}' (build a development set with scripts/html_devset.py or scripts/web_devset.py)",
            dir.display()
        );
    }
    if let Some(out) = output {
        std::fs::create_dir_all(out).with_context(|| format!("creating '{}'", out.display()))?;
    }
    let mut scored = Vec::with_capacity(pages.len());
    for page in &pages {
        let ours = eval::newsnlp_text(page);
        let (reference, page_type) = eval::reference_text(page);
        if let Some(out) = output {
            for (suffix, text) in [("newsnlp", &ours), ("reference", &reference)] {
                let path = out.join(format!("{}.{suffix}.txt", page.name));
                std::fs::write(&path, text)
                    .with_context(|| format!("writing '{}'", path.display()))?;
            }
        }
        scored.push(Scored {
            name: page.name.clone(),
            newsnlp: eval::score(&page.expected, &ours),
            reference: eval::score(&page.expected, &reference),
            page_type: page_type.unwrap_or_default(),
        });
    }

    println!(
        "HTML main text, word {}-gram shingles, on {} page(s) of '{}'",
        eval::SHINGLE,
        pages.len(),
        dir.display()
    );
    println!(
        "{:<26} {:>9} {:>7} {:>7}   {:>9} {:>7} {:>7}",
        "extractor", "mean P", "R", "F1", "micro P", "R", "F1"
    );
    let rows = [
        (
            "newsnlp",
            Summary::of(&scored.iter().map(|s| s.newsnlp).collect::<Vec<_>>()),
        ),
        (
            "rs-trafilatura (defaults)",
            Summary::of(&scored.iter().map(|s| s.reference).collect::<Vec<_>>()),
        ),
    ];
    for (name, s) in rows {
        println!(
            "{:<26} {:>9.4} {:>7.4} {:>7.4}   {:>9.4} {:>7.4} {:>7.4}",
            name,
            s.precision,
            s.recall,
            s.f1,
            s.micro.precision(),
            s.micro.recall(),
            s.micro.f1()
        );
    }

    if worst > 0 {
        let mut order: Vec<&Scored> = scored.iter().collect();
        order.sort_by(|a, b| a.newsnlp.f1().total_cmp(&b.newsnlp.f1()));
        println!(
            "worst pages for newsnlp (P / R / F1; rs-trafilatura defaults: F1, page type it detected)"
        );
        for s in order.into_iter().take(worst) {
            println!(
                "  {:<24} {:.3} / {:.3} / {:.3}   {:.3} {}",
                s.name,
                s.newsnlp.precision(),
                s.newsnlp.recall(),
                s.newsnlp.f1(),
                s.reference.f1(),
                s.page_type
            );
        }
    }
    Ok(())
}

/// `newsnlp eval faults --annotated FILE...`: the faults real pages cause,
/// counted over annotated documents (see `newsnlp_pipeline::faults`).
pub fn count_faults(annotated: &[std::path::PathBuf], list: bool) -> Result<()> {
    use newsnlp_pipeline::faults::FaultCounts;
    let mut total = FaultCounts::default();
    for doc in crate::report::documents(annotated, "eval")? {
        // The page itself, where the document came from a saved page.
        let page = doc
            .source
            .as_deref()
            .filter(|s| s.ends_with(".html") || s.ends_with(".htm"))
            .and_then(|s| std::fs::read(s).ok())
            .map(|bytes| String::from_utf8_lossy(&bytes).into_owned());
        let mut one = FaultCounts::default();
        one.add_with_page(&doc, page.as_deref());
        if list && one.rows().iter().any(|(_, n)| *n > 0) {
            let faults: Vec<String> = one
                .rows()
                .iter()
                .filter(|(_, n)| *n > 0)
                .map(|(name, n)| format!("{name} {n}"))
                .collect();
            println!("{}: {}", doc.id, faults.join(", "));
        }
        total.add_with_page(&doc, page.as_deref());
    }
    println!("faults in {} documents:", total.documents);
    for (name, count) in total.rows() {
        println!("  {name:<36} {count:>6}");
    }
    Ok(())
}
