//! What a newsroom counts as a claim, and who it gives it to: the default
//! counting of `attribute_with_roles`, on small invented texts with the
//! roles a tagger would mark.

mod common;

use common::{claims, claims_counting};
use newsnlp_claims::Counting;
use newsnlp_model::{Claim, CueClass};

/// The claims a newsroom counts in `text`, with `people` tagged PERSON and
/// the `(source, cue, content)` of each tagged claim.
fn newsroom(text: &str, people: &[&str], tagged: &[(&str, &str, &str)]) -> Vec<Claim> {
    let mentions: Vec<(&str, &str)> = people.iter().map(|p| (*p, "PERSON")).collect();
    claims_counting(text, &mentions, &[], tagged, Counting::Newsroom)
}

fn speakers(claims: &[Claim]) -> Vec<(String, &'static str)> {
    claims
        .iter()
        .map(|c| (c.speaker.clone().unwrap_or_default(), c.cue_class.as_str()))
        .collect()
}

#[test]
fn actions_narration_and_questions_are_not_claims() {
    let text = "Trump took aim at the plane's cost. I think the plan is bold. \
                Smith asked whether it would fly. Jones said the plane was too costly.";
    let claims = newsroom(
        text,
        &["Trump", "Smith", "Jones"],
        &[
            ("Trump", "took aim at", "the plane's cost"),
            ("I", "think", "the plan is bold"),
            ("Smith", "asked", "whether it would fly"),
            ("Jones", "said", "the plane was too costly"),
        ],
    );
    assert_eq!(speakers(&claims), [("Jones".to_string(), "speech")]);
}

#[test]
fn counting_all_keeps_what_a_newsroom_leaves_out_as_other() {
    let text = "Trump took aim at the plane's cost. Jones said the plane was too costly.";
    let all = claims(
        text,
        &[("Trump", "PERSON"), ("Jones", "PERSON")],
        &[],
        &[
            ("Trump", "took aim at", "the plane's cost"),
            ("Jones", "said", "the plane was too costly"),
        ],
    );
    assert_eq!(
        all.iter().map(|c| c.cue_class).collect::<Vec<_>>(),
        [CueClass::Other, CueClass::Speech]
    );
}

#[test]
fn a_name_that_is_also_a_modal_is_a_name() {
    let text = "Theresa May said the deal was done. Smith will announce a plan.";
    let claims = newsroom(
        text,
        &["Theresa May", "Smith"],
        &[
            ("Theresa May", "said", "the deal was done"),
            ("Smith", "announce", "a plan"),
        ],
    );
    assert_eq!(speakers(&claims), [("Theresa May".to_string(), "speech")]);
}

#[test]
fn cue_classes_tell_speech_from_writing_findings_and_beliefs() {
    let text = "Ann Lee tweeted that the vote was rigged. A study found that sleep helps. \
                Bob Roe believes the deal will pass.";
    let claims = newsroom(
        text,
        &["Ann Lee", "Bob Roe"],
        &[
            ("Ann Lee", "tweeted", "that the vote was rigged"),
            ("A study", "found", "that sleep helps"),
            ("Bob Roe", "believes", "the deal will pass"),
        ],
    );
    assert_eq!(
        claims.iter().map(|c| c.cue_class).collect::<Vec<_>>(),
        [CueClass::Writing, CueClass::Document, CueClass::Belief]
    );
}

#[test]
fn roles_resolve_to_the_person_who_holds_them() {
    let text = "President Barack Obama spoke in Nairobi. The president said progress was made. \
                Mark Hughes was wrongly named. His attorney said he received threats.";
    let claims = newsroom(
        text,
        &["Barack Obama", "Mark Hughes"],
        &[
            ("The president", "said", "progress was made"),
            ("His attorney", "attorney «said»", "he received threats"),
        ],
    );
    assert_eq!(
        speakers(&claims),
        [
            ("Barack Obama".to_string(), "speech"),
            ("Mark Hughes's attorney".to_string(), "speech")
        ]
    );
}

#[test]
fn a_quote_after_its_attribution_goes_on_in_the_same_voice() {
    let text = "“We broke a lot of crockery,” said Martin Indyk, a former ambassador to Israel. \
                “It can’t be repaired unless both sides want to do so.”";
    let claims = newsroom(
        text,
        &["Martin Indyk"],
        &[(
            "Martin Indyk, a former ambassador to Israel",
            "said",
            "“We broke a lot of crockery,”",
        )],
    );
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_eq!(claims[1].speaker.as_deref(), Some("Martin Indyk"));
    assert!(claims[1].content.text.starts_with("“It can’t be repaired"));
}

#[test]
fn points_listed_under_a_colon_are_each_a_claim() {
    let text = "In an interview, Obama also said:\n\n\
                The UK must stay in the EU\n\n\
                Syria needs a political solution\n\n\
                Mr Obama lands in Kenya later on Friday.";
    let claims = newsroom(
        text,
        &["Obama"],
        &[("Obama", "also said:", "The UK must stay in the EU")],
    );
    let contents: Vec<&str> = claims.iter().map(|c| c.content.text.as_str()).collect();
    assert_eq!(
        contents,
        [
            "The UK must stay in the EU",
            "Syria needs a political solution"
        ]
    );
    assert!(claims.iter().all(|c| c.speaker.as_deref() == Some("Obama")));
}
