//! The seed article (headline + 5 paragraphs) splits into its 12 sentences.

use newsnlp_sentences::split_sentences;

const ARTICLE: &str = include_str!("../../../tests/fixtures/seed_article.txt");

/// The article without its trailing "Scroll to Top" boilerplate line.
fn article() -> &'static str {
    ARTICLE
        .trim_end()
        .strip_suffix("Scroll to Top")
        .expect("fixture ends with the boilerplate line")
}

#[test]
fn seed_article_has_headline_plus_eleven_sentences() {
    let text = article();
    let sentences: Vec<&str> = split_sentences(text)
        .into_iter()
        .map(|r| &text[r])
        .collect();
    let expected: [(&str, &str); 12] = [
        (
            "Pakistan Welcomes Iran’s Mediation",
            "Afghanistan Stall: FO",
        ),
        ("Pakistan welcomed Iran’s offer", "play a meaningful role."),
        (
            "Andrabi, responding to a",
            "values Iran’s readiness to assist.",
        ),
        (
            "He emphasised that Pakistan’s",
            "parties with weaker cases.",
        ),
        (
            "Border clashes between Pakistan",
            "into the following morning.",
        ),
        ("According to the Inter-Services", "killed in the response."),
        ("Kabul claimed the attack", "Pakistan on its soil."),
        ("A ceasefire was reached", "reduction in border tensions."),
        ("Both sides later agreed", "framework for lasting peace."),
        ("The second round of", "its citizens from terrorism."),
        ("Mediators Türkiye and Qatar", "November 6 in Istanbul."),
        (
            "However, Defence Minister Khawaja",
            "between the two sides.",
        ),
    ];
    assert_eq!(sentences.len(), expected.len(), "{sentences:#?}");
    for (sentence, (start, end)) in sentences.iter().zip(expected) {
        assert!(
            sentence.starts_with(start),
            "{sentence:?} should start with {start:?}"
        );
        assert!(
            sentence.ends_with(end),
            "{sentence:?} should end with {end:?}"
        );
    }
    // The quotation ending in “very strong,” does not end its sentence.
    assert!(sentences[3].contains("remains “very strong,” noting that"));
}

#[test]
fn boilerplate_line_is_its_own_paragraph_sentence() {
    let sentences: Vec<&str> = split_sentences(ARTICLE)
        .into_iter()
        .map(|r| &ARTICLE[r])
        .collect();
    assert_eq!(sentences.len(), 13);
    assert_eq!(sentences[12], "Scroll to Top");
}
