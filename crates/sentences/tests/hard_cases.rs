//! The crate's hard-case file (`tests/hard_cases.tsv`): quotations and
//! parentheses closed mid-sentence, ellipses, lists, abbreviations before a
//! capitalised word, numbers after abbreviations, and ordinary prose
//! controls. Every case passes.

use newsnlp_sentences::hard_cases::{read_hard_cases, score_hard_cases, summary};
use newsnlp_sentences::split_sentences;

const FILE: &str = include_str!("hard_cases.tsv");

#[test]
fn every_hard_case_passes() {
    let cases = read_hard_cases(FILE.as_bytes()).expect("valid hard-case file");
    assert!(cases.len() >= 40, "only {} cases", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter(|c| !c.passes(&split_sentences))
        .map(|c| {
            format!(
                "[{}] {:?}\n  expected {:?}\n  got      {:?}",
                c.family,
                c.text,
                c.expected,
                c.split(&split_sentences)
            )
        })
        .collect();
    let scores = score_hard_cases(&cases, split_sentences);
    eprintln!("{}", summary(&scores));
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
