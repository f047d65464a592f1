//! Scoring HTML main-text extraction against expected article text
//! (`newsnlp eval html --pages DIR`).
//!
//! # Development set
//! A folder of `NAME.html` pages, each with `NAME.txt` (the expected main
//! text) and optionally `NAME.url` (the page's URL, given to the extractor as
//! a crawl would). `scripts/html_devset.py` builds one from a package's test
//! data; see `docs/html.md`.
//!
//! # Metric
//! The shingle matching of the article-extraction benchmarks (ScrapingHub's
//! `article-extraction-benchmark` and the trafilatura evaluations):
//! - tokens are the runs of word characters (letters, digits, `_`), case kept;
//!   one difference: each character of a script written without spaces (Han,
//!   Hiragana, Katakana, Thai, Lao, Khmer, Myanmar) is a token by itself, so
//!   pages in those languages are measured by characters instead of by a few
//!   sentence-long "words" (English text tokenises exactly as the benchmark);
//! - shingles are the word 4-grams, counted as a bag (a text of 1 to 3 tokens
//!   is one shingle);
//! - per page, `tp` = shingles in both (with multiplicity), `fp` = extracted
//!   but not expected, `fn` = expected but not extracted; precision =
//!   tp/(tp+fp), recall = tp/(tp+fn) (both 1 when fp = fn = 0);
//! - **mean** (the benchmark's figure): precision averaged over the pages
//!   where something was extracted, recall over the pages with expected
//!   text, F1 the harmonic mean of those two averages;
//! - **micro**: tp, fp and fn summed over all pages, then P, R and F1.

use crate::{ingest, read_paths, IngestOptions, RawBody, RawRecord};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Shingle length in tokens.
pub const SHINGLE: usize = 4;

/// One page of a development set.
#[derive(Debug, Clone)]
pub struct Page {
    /// File stem, e.g. `cnn_001`.
    pub name: String,
    /// The page, read as `newsnlp run page.html` reads it (decoded to UTF-8).
    pub record: RawRecord,
    /// The page's URL, from `NAME.url`.
    pub url: Option<String>,
    /// Expected main text, from `NAME.txt`.
    pub expected: String,
}

impl Page {
    /// The decoded HTML of the page (empty if it could not be read).
    pub fn html(&self) -> &str {
        match &self.record.body {
            RawBody::Html(html) => html,
            _ => "",
        }
    }
}

/// Reads every `NAME.html` of `dir` that has its `NAME.txt` (and maybe
/// `NAME.url`), sorted by name. A page without expected text is left out
/// (a development set can hold pages kept for other checks).
pub fn read_pages(dir: &Path) -> std::io::Result<Vec<Page>> {
    let mut htmls: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    htmls.sort();
    let mut pages = Vec::with_capacity(htmls.len());
    for path in htmls {
        let name = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let expected_path = path.with_extension("txt");
        if !expected_path.exists() {
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).map_err(|e| {
            std::io::Error::new(e.kind(), format!("{}: {e}", expected_path.display()))
        })?;
        let url = std::fs::read_to_string(path.with_extension("url"))
            .ok()
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty());
        let Some(mut record) = read_paths(std::slice::from_ref(&path)).next() else {
            continue;
        };
        if url.is_some() {
            record.source.clone_from(&url);
        }
        pages.push(Page {
            name,
            record,
            url,
            expected,
        });
    }
    Ok(pages)
}

/// newsnlp's article text for a page: the `text` of [`ingest`] without its
/// headline paragraph (the expected texts have no headline).
pub fn newsnlp_text(page: &Page) -> String {
    let doc = ingest(page.record.clone(), &IngestOptions::default());
    match doc.title.as_deref() {
        Some(title) => match doc.text.strip_prefix(title) {
            Some(rest) if rest.is_empty() || rest.starts_with("\n\n") => {
                rest.trim_start().to_string()
            }
            _ => doc.text,
        },
        None => doc.text,
    }
}

/// rs-trafilatura's `content_text` with its default options (and the page
/// URL), for reference, with the page type it detected; empty when it finds
/// nothing.
pub fn reference_text(page: &Page) -> (String, Option<String>) {
    let options = rs_trafilatura::Options {
        url: page.url.clone(),
        ..rs_trafilatura::Options::default()
    };
    let html = page.html();
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        rs_trafilatura::extract_with_options(html, &options)
    }))
    .ok()
    .and_then(Result::ok)
    .map(|r| (r.content_text, r.metadata.page_type))
    .unwrap_or_default()
}

/// Shingle counts of one page (raw, not normalised).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    /// Shingles both expected and extracted.
    pub tp: usize,
    /// Extracted shingles not expected.
    pub fp: usize,
    /// Expected shingles not extracted.
    pub fn_: usize,
}

impl Counts {
    /// tp/(tp+fp); 1 when fp = fn = 0, 0 when nothing was extracted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.fp, self.fn_)
    }

    /// tp/(tp+fn); 1 when fp = fn = 0, 0 when nothing expected was found.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.fn_, self.fp)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

fn ratio(tp: usize, wrong: usize, other: usize) -> f64 {
    if wrong == 0 && other == 0 {
        1.0
    } else if tp == 0 {
        0.0
    } else {
        tp as f64 / (tp + wrong) as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Whether `c` belongs to a script written without spaces between words.
fn unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
        | '\u{31F0}'..='\u{31FF}'
        | '\u{3400}'..='\u{4DBF}' // CJK extension A
        | '\u{4E00}'..='\u{9FFF}' // CJK unified ideographs
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF66}'..='\u{FF9F}' // half-width Katakana
        | '\u{20000}'..='\u{2FA1F}'
        | '\u{0E00}'..='\u{0EFF}' // Thai, Lao
        | '\u{1000}'..='\u{109F}' // Myanmar
        | '\u{1780}'..='\u{17FF}' // Khmer
    )
}

/// The metric's tokens (see the module docs).
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        if word && !unspaced_script(c) {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
        if word {
            out.push(&text[i..i + c.len_utf8()]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

fn shingles<'a>(tokens: &'a [&'a str]) -> HashMap<&'a [&'a str], usize> {
    let mut bag = HashMap::new();
    if tokens.is_empty() {
        return bag;
    }
    if tokens.len() < SHINGLE {
        bag.insert(tokens, 1);
        return bag;
    }
    for window in tokens.windows(SHINGLE) {
        *bag.entry(window).or_insert(0) += 1;
    }
    bag
}

/// Shingle counts of an extracted text against the expected one.
pub fn score(expected: &str, extracted: &str) -> Counts {
    let (want, got) = (tokens(expected), tokens(extracted));
    let (want, got) = (shingles(&want), shingles(&got));
    let mut counts = Counts::default();
    for (shingle, &n) in &got {
        let m = want.get(shingle).copied().unwrap_or(0);
        counts.tp += n.min(m);
        counts.fp += n.saturating_sub(m);
    }
    for (shingle, &m) in &want {
        counts.fn_ += m.saturating_sub(got.get(shingle).copied().unwrap_or(0));
    }
    counts
}

/// P/R/F1 over a set of pages, both ways (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// Pages scored.
    pub pages: usize,
    /// Mean precision over pages with an extraction.
    pub precision: f64,
    /// Mean recall over pages with expected text.
    pub recall: f64,
    /// Harmonic mean of `precision` and `recall`.
    pub f1: f64,
    /// Counts summed over pages.
    pub micro: Counts,
}

impl Summary {
    /// Summarises per-page counts.
    pub fn of(pages: &[Counts]) -> Self {
        let mean = |values: Vec<f64>| {
            if values.is_empty() {
                0.0
            } else {
                values.iter().sum::<f64>() / values.len() as f64
            }
        };
        let precision = mean(
            pages
                .iter()
                .filter(|c| c.tp + c.fp > 0)
                .map(Counts::precision)
                .collect(),
        );
        let recall = mean(
            pages
                .iter()
                .filter(|c| c.tp + c.fn_ > 0)
                .map(Counts::recall)
                .collect(),
        );
        let mut micro = Counts::default();
        for c in pages {
            micro.tp += c.tp;
            micro.fp += c.fp;
            micro.fn_ += c.fn_;
        }
        Self {
            pages: pages.len(),
            precision,
            recall,
            f1: f1(precision, recall),
            micro,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_word_runs_and_unspaced_characters() {
        assert_eq!(
            tokens("It's U.S.-made, 2025!"),
            ["It", "s", "U", "S", "made", "2025"]
        );
        assert_eq!(tokens("東京 2025年"), ["東", "京", "2025", "年"]);
        assert_eq!(tokens(" \n"), Vec::<&str>::new());
    }

    #[test]
    fn shingle_counts() {
        let expected = "one two three four five";
        // Shingles: [one two three four], [two three four five].
        assert_eq!(
            score(expected, expected),
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        let c = score(expected, "Menu Home one two three four");
        assert_eq!(
            c,
            Counts {
                tp: 1,
                fp: 2,
                fn_: 1
            }
        );
        assert!((c.precision() - 1.0 / 3.0).abs() < 1e-9);
        assert!((c.recall() - 0.5).abs() < 1e-9);
        // Repeats count: a text extracted twice has half its shingles wrong.
        let c = score("a b c d", "a b c d a b c d");
        assert_eq!(
            c,
            Counts {
                tp: 1,
                fp: 4,
                fn_: 0
            }
        );
        // Short texts are one shingle; nothing extracted is precision 0.
        assert_eq!(
            score("a b", "a b"),
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(score("a b", "").precision(), 0.0);
        assert_eq!(score("", "").f1(), 1.0);
    }

    #[test]
    fn reads_a_devset_and_scores_without_the_headline() {
        let dir = tempfile::tempdir().unwrap();
        let body = "The council approved the new budget on Monday after a long debate. \
                    Members said the plan would fund schools and roads for three years.";
        let more = "The mayor welcomed the vote and thanked the council for its work. \
                    Opponents said they would keep pressing for lower taxes next year.";
        let page = format!(
            "<html><head><title>Budget approved</title></head><body>\
             <article><h1>Budget approved</h1><p>{body}</p><p>{more}</p></article></body></html>"
        );
        std::fs::write(dir.path().join("a.html"), page).unwrap();
        std::fs::write(dir.path().join("a.txt"), format!("{body}\n\n{more}\n")).unwrap();
        std::fs::write(dir.path().join("a.url"), "https://example.com/budget\n").unwrap();
        std::fs::write(dir.path().join("notes.md"), "ignored").unwrap();
        let pages = read_pages(dir.path()).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].name, "a");
        assert_eq!(pages[0].url.as_deref(), Some("https://example.com/budget"));
        let text = newsnlp_text(&pages[0]);
        assert!(text.starts_with("The council"), "{text}");
        assert_eq!(score(&pages[0].expected, &text).f1(), 1.0);

        std::fs::write(dir.path().join("b.html"), "<p>no expected text</p>").unwrap();
        assert_eq!(read_pages(dir.path()).unwrap().len(), 1);
    }

    #[test]
    fn summary_means_skip_pages_without_extraction() {
        let pages = [
            Counts {
                tp: 3,
                fp: 1,
                fn_: 0,
            },
            Counts {
                tp: 0,
                fp: 0,
                fn_: 4,
            },
        ];
        let s = Summary::of(&pages);
        assert!((s.precision - 0.75).abs() < 1e-9);
        assert!((s.recall - 0.5).abs() < 1e-9);
        assert_eq!(
            s.micro,
            Counts {
                tp: 3,
                fp: 1,
                fn_: 4
            }
        );
        assert!((s.micro.recall() - 3.0 / 7.0).abs() < 1e-9);
    }
}
