//! News attribution patterns on small texts without entities.

use newsnlp_claims::attribute;
use newsnlp_model::{Claim, Document};

fn claims(text: &str) -> Vec<Claim> {
    let mut doc = Document::new("t", text);
    doc.sentences = Some(newsnlp_sentences::sentence_spans(text));
    attribute(&doc)
}

fn summary(c: &Claim) -> (Option<String>, Option<String>, String, String) {
    (
        c.speaker.clone(),
        c.cue.as_ref().map(|x| x.text.clone()),
        c.content.text.clone(),
        c.kind.clone(),
    )
}

#[test]
fn inverted_and_quoted_orders() {
    let got: Vec<_> =
        claims("“We will win,” said Senator Jane Roe. Taxes will rise, the mayor warned.")
            .iter()
            .map(summary)
            .collect();
    assert_eq!(
        got,
        vec![
            (
                Some("Jane Roe".into()),
                Some("said".into()),
                "“We will win,”".into(),
                "direct".into()
            ),
            (
                Some("mayor".into()),
                Some("warned".into()),
                "Taxes will rise".into(),
                "indirect".into()
            ),
        ]
    );
}

#[test]
fn quote_over_paragraphs_and_surname_resolution() {
    let text = "Mary Smith, the chief economist, spoke on Monday.\n\n“Prices will fall.\n\n“Then they will rise,” Smith said.";
    let c = claims(text);
    assert_eq!(c.len(), 1, "{c:#?}");
    assert_eq!(c[0].speaker.as_deref(), Some("Mary Smith"));
    assert_eq!(
        c[0].content.text,
        "“Prices will fall.\n\n“Then they will rise,”"
    );
    assert_eq!(c[0].kind, "direct");
}

#[test]
fn according_to_after_the_content() {
    let c = claims("Turnout fell by a third, according to the election commission.");
    assert_eq!(c.len(), 1);
    assert_eq!(c[0].kind, "according_to");
    assert_eq!(c[0].content.text, "Turnout fell by a third");
    assert_eq!(
        c[0].source.as_ref().unwrap().text,
        "the election commission"
    );
}

#[test]
fn negated_and_hedged_cues_give_no_claim() {
    for text in [
        "The minister did not say whether talks would resume.",
        "A spokesman declined to comment on the report.",
        "Officials neither confirmed nor denied the strike.",
        "She would not say when the vote was held.",
    ] {
        assert!(claims(text).is_empty(), "{text}: {:#?}", claims(text));
    }
}

#[test]
fn no_sentences_no_claims() {
    let doc = Document::new("t", "He said it rains.");
    assert!(attribute(&doc).is_empty());
}

#[test]
fn quotes_signed_with_a_dash_go_to_the_name_after_the_dash() {
    // Vox-pop style: each quotation is signed on its own line; the quote
    // with no cue must not go to the name signing the quote before it.
    let text = "“Prices keep rising and nobody listens to us.” ― Maria Lopez\n\
                “He said the plant would stay open, and it closed.”― John A. Baker.\n\
                ”We need better schools for our kids.” — Ana Ruiz, 34, teacher\n";
    let got: Vec<_> = claims(text).iter().map(summary).collect();
    assert_eq!(
        got,
        vec![
            (
                Some("Maria Lopez".into()),
                Some("―".into()),
                "“Prices keep rising and nobody listens to us.”".into(),
                "direct".into()
            ),
            (
                Some("John A. Baker".into()),
                Some("―".into()),
                "“He said the plant would stay open, and it closed.”".into(),
                "direct".into()
            ),
            (
                Some("Ana Ruiz".into()),
                Some("—".into()),
                "”We need better schools for our kids.”".into(),
                "direct".into()
            ),
        ]
    );
}

#[test]
fn a_dash_before_a_clause_is_not_a_signature() {
    // A dash inside running text, a name that goes on into a sentence, or
    // a byline after a quote inside a sentence does not sign the quotation.
    let got: Vec<_> = claims(
        "The plan is “a disaster” — a view the mayor shares.\n\
         “We will win,” — Smith said on Monday.\n\
         Rajoy insisted that his party was “still the No. 1 force in Spain.”--Kim Hjelmgaard.",
    )
    .iter()
    .map(summary)
    .collect();
    assert_eq!(
        got.iter()
            .map(|(speaker, cue, _, kind)| (speaker.as_deref(), cue.as_deref(), kind.as_str()))
            .collect::<Vec<_>>(),
        [
            (Some("Smith"), Some("said"), "direct"),
            (Some("Rajoy"), Some("insisted"), "mixed"),
        ]
    );
    assert_eq!(got[0].2, "“We will win,”");
    assert!(got[1].2.starts_with("that his party was “still"), "{got:?}");
}
