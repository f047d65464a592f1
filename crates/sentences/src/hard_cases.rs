//! Hard-case files: short texts with their exact expected sentences, grouped
//! by family (quotations, ellipses, lists, abbreviations ...). A case passes
//! when the splitter gives exactly the expected sentences, in order.
//!
//! The format is tab-separated, one case a line:
//!
//! ```text
//! family<TAB>text<TAB>expected sentence<TAB>expected sentence...
//! ```
//!
//! with `\n`, `\t` and `\\` escapes; blank lines and lines starting with `#`
//! are skipped. The crate's own set is `tests/hard_cases.tsv`.

use std::io::{self, BufRead};
use std::ops::Range;

/// One hard case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HardCase {
    /// The family the case belongs to (`quotes`, `lists` ...).
    pub family: String,
    /// The input text.
    pub text: String,
    /// The sentences the splitter should give, in order.
    pub expected: Vec<String>,
}

impl HardCase {
    /// The sentences `splitter` gives for this case.
    pub fn split<'a>(&'a self, splitter: &impl Fn(&str) -> Vec<Range<usize>>) -> Vec<&'a str> {
        splitter(&self.text)
            .into_iter()
            .map(|r| &self.text[r])
            .collect()
    }

    /// Whether `splitter` gives exactly the expected sentences.
    pub fn passes(&self, splitter: &impl Fn(&str) -> Vec<Range<usize>>) -> bool {
        self.split(splitter) == self.expected
    }
}

/// Passed and total cases of one family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FamilyScore {
    /// The family name.
    pub family: String,
    /// Cases passed.
    pub passed: usize,
    /// Cases in the family.
    pub total: usize,
}

/// Reads a hard-case file.
pub fn read_hard_cases(reader: impl BufRead) -> io::Result<Vec<HardCase>> {
    let mut cases = Vec::new();
    for (n, line) in reader.lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t').map(unescape);
        let (Some(family), Some(text)) = (fields.next(), fields.next()) else {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("line {}: expected family, text and sentences", n + 1),
            ));
        };
        cases.push(HardCase {
            family,
            text,
            expected: fields.collect(),
        });
    }
    Ok(cases)
}

fn unescape(field: &str) -> String {
    let mut out = String::with_capacity(field.len());
    let mut chars = field.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// Scores `splitter` on `cases`, one row per family in order of first
/// appearance.
pub fn score_hard_cases(
    cases: &[HardCase],
    splitter: impl Fn(&str) -> Vec<Range<usize>>,
) -> Vec<FamilyScore> {
    let mut scores: Vec<FamilyScore> = Vec::new();
    for case in cases {
        let i = match scores.iter().position(|s| s.family == case.family) {
            Some(i) => i,
            None => {
                scores.push(FamilyScore {
                    family: case.family.clone(),
                    passed: 0,
                    total: 0,
                });
                scores.len() - 1
            }
        };
        scores[i].total += 1;
        scores[i].passed += usize::from(case.passes(&splitter));
    }
    scores
}

/// One line summing up family scores: `hard cases: 55/58 (quotes 10/10,
/// ...)`.
pub fn summary(scores: &[FamilyScore]) -> String {
    let passed: usize = scores.iter().map(|s| s.passed).sum();
    let total: usize = scores.iter().map(|s| s.total).sum();
    let families: Vec<String> = scores
        .iter()
        .map(|s| format!("{} {}/{}", s.family, s.passed, s.total))
        .collect();
    format!("hard cases: {passed}/{total} ({})", families.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_are_read_and_scored() {
        let file = "# comment\n\nlists\t1. A\\n2. B\t1. A\t2. B\nquotes\tOne. Two.\tOne. Two.\n";
        let cases = read_hard_cases(file.as_bytes()).unwrap();
        assert_eq!(cases.len(), 2);
        assert_eq!(cases[0].text, "1. A\n2. B");
        assert_eq!(cases[0].expected, ["1. A", "2. B"]);
        let scores = score_hard_cases(&cases, crate::split_sentences);
        assert_eq!(summary(&scores), "hard cases: 1/2 (lists 1/1, quotes 0/1)");
        assert!(read_hard_cases("lists\n".as_bytes()).is_err());
    }
}
