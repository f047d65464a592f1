//! Scores `tag_dates` TempEval-3 style on TimeML (`.tml`) and MEANTIME (CAT
//! `.xml`) gold files.
//!
//! ```text
//! cargo run -p newsnlp-dates --example eval_timeml -- PATH...
//! ```
//! Each PATH (a file or a folder, searched recursively) is one corpus in the
//! table. `--errors` also lists every gold/system mismatch.

use std::io::Write;
use std::path::{Path, PathBuf};

use newsnlp_dates::eval::{evaluate, parse_meantime, parse_timeml, Counts, EvalDoc};

fn files(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
            .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        entries.sort();
        for e in entries {
            files(&e, out);
        }
    } else if p.extension().is_some_and(|e| e == "tml" || e == "xml") {
        out.push(p.to_path_buf());
    }
}

fn load(path: &Path) -> Option<EvalDoc> {
    let xml = std::fs::read_to_string(path).ok()?;
    let id = path.file_name()?.to_string_lossy().to_string();
    if xml.contains("<TEXT>") {
        parse_timeml(&id, &xml).ok()
    } else if xml.contains("<token ") {
        parse_meantime(&id, &xml).ok()
    } else {
        None
    }
}

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_errors = args.iter().any(|a| a == "--errors");
    let out = std::io::stdout();
    let mut out = out.lock();
    writeln!(
        out,
        "{:<28} {:>5} {:>5} | {:>5} {:>5} {:>5} | {:>5} {:>5} {:>5} | {:>5} {:>5} | {:>5}",
        "corpus", "docs", "gold", "sP", "sR", "sF1", "rP", "rR", "rF1", "type", "value", "valF1"
    )?;
    for arg in args.iter().filter(|a| !a.starts_with("--")) {
        let mut paths = Vec::new();
        files(Path::new(arg), &mut paths);
        let mut total = Counts::default();
        let mut docs = 0;
        for p in &paths {
            let Some(doc) = load(p) else { continue };
            docs += 1;
            let (c, sys) = evaluate(&doc);
            total.add(&c);
            if show_errors {
                report_errors(&mut out, &doc, &sys)?;
            }
        }
        let (sp, sr, sf) = total.strict_prf();
        let (rp, rr, rf) = total.relaxed_prf();
        let name = Path::new(arg)
            .file_name()
            .map_or(arg.clone(), |n| n.to_string_lossy().to_string());
        writeln!(
            out,
            "{:<28} {:>5} {:>5} | {:>5.3} {:>5.3} {:>5.3} | {:>5.3} {:>5.3} {:>5.3} | {:>5.3} {:>5.3} | {:>5.3}",
            name,
            docs,
            total.gold,
            sp,
            sr,
            sf,
            rp,
            rr,
            rf,
            total.type_accuracy(),
            total.value_accuracy(),
            total.value_f1()
        )?;
    }
    Ok(())
}

fn report_errors(
    out: &mut impl Write,
    doc: &EvalDoc,
    sys: &[newsnlp_model::Timex],
) -> std::io::Result<()> {
    let chars: Vec<char> = doc.text.chars().collect();
    let slice = |s: usize, e: usize| {
        chars[s.min(chars.len())..e.min(chars.len())]
            .iter()
            .collect::<String>()
    };
    let in_scope = |s: usize, e: usize| match &doc.scope {
        None => true,
        Some(sc) => sc.iter().any(|r| r.start <= s && e <= r.end),
    };
    for g in &doc.gold {
        match sys.iter().find(|t| t.start < g.end && g.start < t.end) {
            None => writeln!(
                out,
                "MISS\t{}\t{:?}\t{}\t{}",
                doc.id,
                slice(g.start, g.end),
                g.kind,
                g.value
            )?,
            Some(t) if t.value != g.value || t.kind != g.kind => writeln!(
                out,
                "VALUE\t{}\t{:?}\t{}\t{}\t=> {:?} {} {} [{}]",
                doc.id,
                slice(g.start, g.end),
                g.kind,
                g.value,
                t.text,
                t.kind,
                t.value,
                t.rule
            )?,
            _ => {}
        }
    }
    for t in sys {
        if in_scope(t.start, t.end) && !doc.gold.iter().any(|g| t.start < g.end && g.start < t.end)
        {
            writeln!(
                out,
                "SPUR\t{}\t{:?}\t{}\t{} [{}]",
                doc.id, t.text, t.kind, t.value, t.rule
            )?;
        }
    }
    Ok(())
}
