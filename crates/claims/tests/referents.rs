//! Speakers that name no one themselves (relative pronouns, `the company`)
//! and role fragments, on invented news-like sentences with tagged claims.

mod common;

use common::claims;

/// `(source, speaker, role)` of each claim.
fn speakers(
    text: &str,
    mentions: &[(&str, &str)],
    tagged: &[(&str, &str, &str)],
) -> Vec<(Option<String>, Option<String>, Option<String>)> {
    claims(text, mentions, &[], tagged)
        .into_iter()
        .map(|c| (c.source.map(|s| s.text), c.speaker, c.speaker_role))
        .collect()
}

fn row(
    source: &str,
    speaker: Option<&str>,
    role: Option<&str>,
) -> (Option<String>, Option<String>, Option<String>) {
    (
        Some(source.to_string()),
        speaker.map(str::to_string),
        role.map(str::to_string),
    )
}

#[test]
fn a_relative_pronoun_stands_for_the_phrase_before_it_or_for_no_one() {
    let text = "Sales fell at Brightwater Foods, which said demand was weak. \
                The figures follow a survey by the chamber, which found that shops were struggling. \
                Prices rose in March, which suggests inflation is returning.";
    let got = speakers(
        text,
        &[("Brightwater Foods", "ORG"), ("March", "DATE")],
        &[
            ("which", "said", "demand was weak"),
            ("chamber, «which»", "found", "shops were struggling"),
            ("March, «which»", "suggests", "inflation is returning"),
        ],
    );
    assert_eq!(got[0], row("which", Some("Brightwater Foods"), None));
    assert_eq!(got[1].1.as_deref(), Some("chamber"));
    assert_eq!(got[2].1, None, "a month is no speaker");
}

#[test]
fn the_company_is_the_organisation_the_article_names() {
    let text = "Harbour Telecom raised its dividend. Harbour Telecom shares rose 4% \
                while rival Northline slipped. The company said profits would grow. \
                The firm, which employs 9,000 people, said it would hire more.";
    let got = speakers(
        text,
        &[("Harbour Telecom", "ORG"), ("Northline", "ORG")],
        &[
            ("The company", "said", "profits would grow"),
            (
                "The firm, which employs 9,000 people,",
                "«said» it would",
                "it would hire more",
            ),
        ],
    );
    assert_eq!(
        got,
        [
            row("The company", Some("Harbour Telecom"), None),
            row(
                "The firm, which employs 9,000 people",
                Some("Harbour Telecom"),
                None
            ),
        ]
    );
}

#[test]
fn the_bank_and_the_ministry_need_a_name_of_their_kind() {
    let text = "The Bank of Carvella kept rates on hold while Ostrava Motors cut jobs. \
                The bank said inflation was under control. \
                The finance ministry said growth would slow.";
    let got = speakers(
        text,
        &[("Bank of Carvella", "ORG"), ("Ostrava Motors", "ORG")],
        &[
            ("The bank", "said", "inflation was under control"),
            ("The finance ministry", "said", "growth would slow"),
        ],
    );
    assert_eq!(
        got,
        [
            row("The bank", Some("Bank of Carvella"), None),
            // No ministry is named: the mention stays the speaker.
            row("The finance ministry", Some("finance ministry"), None),
        ]
    );
}

#[test]
fn with_no_organisation_that_fits_the_company_stays_as_it_is() {
    let text = "The European Commission opened an inquiry into Harbour Telecom and Vesta. \
                The company said it would cooperate. The German firm declined to comment but \
                added that it had done nothing wrong.";
    let got = speakers(
        text,
        &[
            ("European Commission", "ORG"),
            ("Harbour Telecom", "ORG"),
            ("Vesta", "ORG"),
            ("German", "NORP"),
        ],
        &[
            ("The company", "said", "it would cooperate"),
            ("The German firm", "added", "it had done nothing wrong"),
        ],
    );
    // Harbour Telecom and Vesta are named once each: the most recent fits.
    // A place before the noun tells the reader which of several it is, and
    // the article need not name that one most: it stays as written.
    assert_eq!(
        got,
        [
            row("The company", Some("Vesta"), None),
            row("The German firm", Some("German firm"), None),
        ]
    );
}

#[test]
fn a_public_body_is_not_the_company() {
    let text = "The European Commission opened an inquiry. The company said it would cooperate.";
    let got = speakers(
        text,
        &[("European Commission", "ORG")],
        &[("The company", "said", "it would cooperate")],
    );
    assert_eq!(got, [row("The company", Some("company"), None)]);
}

#[test]
fn role_fragments_are_dropped() {
    let text = "The Pensions Research Institute (PRI) said savings were too low. \
                Dock workers around Rotterdam said the strike would go on. \
                Researchers at Kellburn Capital said prices would fall.";
    let got = speakers(
        text,
        &[
            ("Pensions Research Institute", "ORG"),
            ("PRI", "ORG"),
            ("Rotterdam", "GPE"),
            ("Kellburn Capital", "ORG"),
        ],
        &[
            (
                "The Pensions Research Institute (PRI)",
                "said",
                "savings were too low",
            ),
            (
                "Dock workers around Rotterdam",
                "said",
                "the strike would go on",
            ),
            (
                "Researchers at Kellburn Capital",
                "said",
                "prices would fall",
            ),
        ],
    );
    assert_eq!(
        got,
        [
            row(
                "The Pensions Research Institute (PRI)",
                Some("Pensions Research Institute"),
                None
            ),
            row("Dock workers around Rotterdam", Some("Rotterdam"), None),
            row(
                "Researchers at Kellburn Capital",
                Some("Kellburn Capital"),
                Some("Researchers")
            ),
        ]
    );
}
