//! Linking tagged roles into claims, on short invented documents.

use super::*;

/// Linking as PolNeAR counts (every claim kept, `other` for what a
/// newsroom leaves out): these tests are about linking roles, not about
/// which claims a newsroom counts (`counted.rs`, `cue_class.rs`).
fn link(doc: &Document, roles: &[RoleSpan]) -> Vec<Claim> {
    attribute_with_roles_counting(doc, roles, crate::Counting::All)
}

fn doc(text: &str) -> Document {
    let mut doc = Document::new("t", text);
    doc.sentences = Some(vec![newsnlp_model::Span::new(0, text.chars().count())]);
    doc
}

/// A document whose sentences end at each `. `.
fn doc_of_sentences(text: &str) -> Document {
    let chars: Vec<char> = text.chars().collect();
    let mut spans = Vec::new();
    let mut start = 0;
    for i in 1..chars.len() {
        if chars[i] == ' ' && chars[i - 1] == '.' {
            spans.push(newsnlp_model::Span::new(start, i));
            start = i + 1;
        }
    }
    spans.push(newsnlp_model::Span::new(start, chars.len()));
    let mut doc = Document::new("t", text);
    doc.sentences = Some(spans);
    doc
}

fn role(text: &str, role: Role, piece: &str) -> RoleSpan {
    let byte = text.find(piece).expect(piece);
    let start = text[..byte].chars().count();
    RoleSpan {
        role,
        start,
        end: start + piece.chars().count(),
    }
}

#[test]
fn links_roles_into_one_claim() {
    let text = "The minister said that talks would resume.";
    let roles = [
        role(text, Role::Source, "The minister"),
        role(text, Role::Cue, "said"),
        role(text, Role::Content, "talks would resume"),
    ];
    let claims = link(&doc(text), &roles);
    assert_eq!(claims.len(), 1);
    let c = &claims[0];
    assert_eq!(
        c.source.as_ref().map(|s| s.text.as_str()),
        Some("The minister")
    );
    assert_eq!(c.cue.as_ref().map(|s| s.text.as_str()), Some("said"));
    assert_eq!(c.content.text, "talks would resume");
    assert_eq!(c.kind, "indirect");
}

/// Sources of `text`'s claims, given source, cue and content pieces.
fn sources_of(text: &str, pieces: &[(Role, &str)]) -> Vec<Option<String>> {
    let roles: Vec<RoleSpan> = pieces.iter().map(|&(r, p)| role(text, r, p)).collect();
    link(&doc_of_sentences(text), &roles)
        .into_iter()
        .map(|c| c.source.map(|s| s.text))
        .collect()
}

#[test]
fn a_continuing_cue_shares_the_source_of_its_clause() {
    use Role::{Content, Cue, Source};
    let text = "Merrill says Machado will campaign and said she would stand firm.";
    let pieces = [
        (Source, "Merrill"),
        (Cue, "says"),
        (Content, "Machado will campaign"),
        (Cue, "said"),
        (Content, "she would stand firm"),
    ];
    let both = Some("Merrill".to_string());
    assert_eq!(sources_of(text, &pieces), [both.clone(), both.clone()]);
    let text = "He called it “very strong,” noting that talks failed.";
    let pieces = [
        (Source, "He"),
        (Cue, "called"),
        (Content, "it “very strong,”"),
        (Cue, "noting"),
        (Content, "that talks failed"),
    ];
    let both = Some("He".to_string());
    assert_eq!(sources_of(text, &pieces), [both.clone(), both]);
}

#[test]
fn a_participle_opening_its_sentence_shares_the_subject_after_it() {
    use Role::{Content, Cue, Source};
    let text = "Bemoaning the “phony system,” Trump accused Holt of bias.";
    let pieces = [
        (Cue, "Bemoaning"),
        (Content, "the “phony system,”"),
        (Source, "Trump"),
        (Cue, "accused"),
        (Content, "Holt of bias"),
    ];
    let both = Some("Trump".to_string());
    assert_eq!(sources_of(text, &pieces), [both.clone(), both.clone()]);
    let text = "After saying her foot was swollen, she was rushed to a doctor.";
    let pieces = [
        (Cue, "saying"),
        (Content, "her foot was swollen"),
        (Source, "she"),
        (Cue, "was rushed to"),
        (Content, "a doctor"),
    ];
    let both = Some("she".to_string());
    assert_eq!(sources_of(text, &pieces), [both.clone(), both]);
    // Not a participle, or not opening the sentence: no source.
    for (text, cue) in [
        (
            "Reports on the “phony system,” Trump accused Holt of bias.",
            "Reports",
        ),
        (
            "Yesterday saying the “phony system,” Trump accused Holt of bias.",
            "saying",
        ),
    ] {
        let pieces = [
            (Cue, cue),
            (Content, "the “phony system,”"),
            (Source, "Trump"),
            (Cue, "accused"),
            (Content, "Holt of bias"),
        ];
        assert_eq!(
            sources_of(text, &pieces),
            [None, Some("Trump".to_string())],
            "{text}"
        );
    }
}

#[test]
fn a_negated_cue_gives_way_to_the_verb_after_but() {
    use Role::{Content, Cue, Source};
    let text = "Islamabad neither confirmed nor denied but maintained that talks failed.";
    let roles: Vec<RoleSpan> = [
        (Source, "Islamabad"),
        (Cue, "neither confirmed"),
        (Content, "that talks failed"),
    ]
    .iter()
    .map(|&(r, p)| role(text, r, p))
    .collect();
    let claims = link(&doc(text), &roles);
    let cues: Vec<Option<&str>> = claims
        .iter()
        .map(|c| c.cue.as_ref().map(|s| s.text.as_str()))
        .collect();
    assert_eq!(cues, [Some("maintained")]);
    assert_eq!(claims[0].speaker.as_deref(), Some("Islamabad"));
    // `not yet` and `cannot help but` are no contrast: no claim.
    for (text, cue) in [
        ("Trump has not yet responded to the remarks.", "has not yet"),
        (
            "People cannot help but worry about the vote.",
            "cannot help",
        ),
    ] {
        let content = if text.starts_with("Trump") {
            "to the remarks"
        } else {
            "about the vote"
        };
        let roles = [role(text, Cue, cue), role(text, Content, content)];
        assert!(link(&doc(text), &roles).is_empty(), "{text}");
    }
}

#[test]
fn a_speaker_is_inherited_within_a_sentence_only() {
    use Role::{Content, Cue, Source};
    let text = "The minister said talks would resume. The weather was cold. \
                Officials were told to prepare.";
    let roles: Vec<RoleSpan> = [
        (Source, "The minister"),
        (Cue, "said"),
        (Content, "talks would resume"),
        (Cue, "were told"),
        (Content, "to prepare"),
    ]
    .iter()
    .map(|&(r, p)| role(text, r, p))
    .collect();
    // Counting everything: the passive, speakerless claim is kept to show it
    // inherits nothing.
    let claims = link(&doc_of_sentences(text), &roles);
    let speakers: Vec<Option<&str>> = claims.iter().map(|c| c.speaker.as_deref()).collect();
    assert_eq!(speakers, [Some("minister"), None]);
}

#[test]
fn a_subject_before_a_parenthetical_clause_is_the_source() {
    use Role::{Content, Cue};
    let text = "Andrabi, responding to a question on the talks, said Islamabad would help.";
    assert_eq!(
        sources_of(text, &[(Cue, "said"), (Content, "Islamabad would help")]),
        [Some("Andrabi".to_string())]
    );
}

#[test]
fn a_cue_that_does_not_continue_a_clause_keeps_no_source() {
    use Role::{Content, Cue, Source};
    // A finite verb after a comma, and a cue in the next sentence.
    let text = "Merrill says Machado will campaign, believed the aides. Stated then was a plan.";
    let pieces = [
        (Source, "Merrill"),
        (Cue, "says"),
        (Content, "Machado will campaign"),
        (Cue, "believed"),
        (Content, "the aides"),
        (Cue, "Stated"),
        (Content, "was a plan"),
    ];
    assert_eq!(
        sources_of(text, &pieces),
        [Some("Merrill".to_string()), None, None]
    );
}

#[test]
fn every_claim_of_a_long_document_is_linked() {
    let sentence = "Officials said talks resumed. ";
    let count = 20_000;
    let text = sentence.repeat(count);
    let mut doc = Document::new("long", text.as_str());
    let len = sentence.chars().count();
    doc.sentences = Some(
        (0..count)
            .map(|i| newsnlp_model::Span::new(i * len, (i + 1) * len - 1))
            .collect(),
    );
    let roles: Vec<RoleSpan> = (0..count)
        .flat_map(|i| {
            let at = i * len;
            [
                (Role::Source, 0, 9),
                (Role::Cue, 10, 14),
                (Role::Content, 15, 28),
            ]
            .map(|(role, s, e)| RoleSpan {
                role,
                start: at + s,
                end: at + e,
            })
        })
        .collect();
    let claims = link(&doc, &roles);
    assert_eq!(claims.len(), count);
    assert!(claims.iter().enumerate().all(|(i, c)| c.sentence == i
        && c.content.text == "talks resumed"
        && c.source.as_ref().is_some_and(|s| s.start == i * len)));
}

#[test]
fn coordinated_cue_splits_the_content() {
    let text =
        "Kabul claimed the attack was retaliatory and alleged airspace violations by Pakistan.";
    let roles = [
        role(text, Role::Source, "Kabul"),
        role(text, Role::Cue, "claimed"),
        role(
            text,
            Role::Content,
            "the attack was retaliatory and alleged airspace violations by Pakistan",
        ),
    ];
    let claims = link(&doc(text), &roles);
    let rows: Vec<(&str, &str, &str)> = claims
        .iter()
        .map(|c| {
            (
                c.speaker.as_deref().unwrap_or(""),
                c.cue.as_ref().map_or("", |s| s.text.as_str()),
                c.content.text.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Kabul", "claimed", "the attack was retaliatory"),
            ("Kabul", "alleged", "airspace violations by Pakistan"),
        ]
    );
}

#[test]
fn uncued_quote_beside_a_name_and_participle_phrases_leave_the_speaker() {
    let text =
        "“We will win.” ― Jane Doe. A statement issued on Monday announced that talks ended.";
    let roles = [
        role(text, Role::Content, "“We will win.”"),
        role(text, Role::Source, "Jane Doe"),
        role(text, Role::Source, "A statement issued on Monday"),
        role(text, Role::Cue, "announced"),
        role(text, Role::Content, "that talks ended"),
    ];
    let claims = link(&doc_of_sentences(text), &roles);
    assert_eq!(claims.len(), 2, "{claims:#?}");
    assert_eq!(claims[0].speaker.as_deref(), Some("Jane Doe"));
    assert_eq!(claims[0].cue.as_ref().map(|c| c.text.as_str()), Some("―"));
    assert_eq!(claims[0].kind, "direct");
    assert_eq!(
        claims[1].source.as_ref().map(|s| s.text.as_str()),
        Some("A statement")
    );
}

#[test]
fn split_quote_is_one_content_and_negated_cue_is_dropped() {
    let text = "“We will win,” she said, “and soon.” He neither confirmed nor denied it.";
    let roles = [
        role(text, Role::Content, "“We will win,”"),
        role(text, Role::Source, "she"),
        role(text, Role::Cue, "said"),
        role(text, Role::Content, "“and soon.”"),
        role(text, Role::Source, "He"),
        role(text, Role::Cue, "confirmed"),
        role(text, Role::Cue, "denied"),
        role(text, Role::Content, "it"),
    ];
    let claims = link(&doc(text), &roles);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(
        claims[0].content.text,
        "“We will win,” she said, “and soon.”"
    );
    assert_eq!(claims[0].kind, "direct");
}

#[test]
fn a_quote_beside_its_speaker_wins_over_a_nearer_clause() {
    let text = "“Subpoenas are not optional,” Chairman Jason Chaffetz said after the aide failed to appear.";
    let roles = [
        role(text, Role::Content, "“Subpoenas are not optional,”"),
        role(text, Role::Source, "Chairman Jason Chaffetz"),
        role(text, Role::Cue, "said"),
        role(text, Role::Content, "the aide failed to appear"),
    ];
    let claims = link(&doc(text), &roles);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(claims[0].content.text, "“Subpoenas are not optional,”");
    assert_eq!(claims[0].kind, "direct");
}

#[test]
fn content_run_into_the_next_paragraph_is_cut_but_a_running_quote_is_not() {
    let text = "“Know the past,” she said. “We have no context.”\nAs it stands, prisons are full, according to the bureau.\n“The first part\n“and the second.”";
    let roles = [
        role(text, Role::Content, "“Know the past,”"),
        role(text, Role::Source, "she"),
        role(text, Role::Cue, "said"),
        role(text, Role::Content, "“We have no context.”\nAs it stands,"),
        role(text, Role::Content, "prisons are full,"),
        role(text, Role::Cue, "according to"),
        role(text, Role::Source, "the bureau"),
    ];
    let claims = link(&doc(text), &roles);
    let contents: Vec<&str> = claims.iter().map(|c| c.content.text.as_str()).collect();
    assert_eq!(
        contents,
        [
            "“Know the past,” she said. “We have no context.”",
            "As it stands, prisons are full,"
        ]
    );
    let doc = doc(text);
    let ctx = Ctx::new(&doc);
    let quote_start = text[..text.find("“The first").unwrap()].chars().count();
    let whole = (quote_start, text.chars().count());
    assert_eq!(ctx.paragraphs_of(whole), vec![whole]);
}

#[test]
fn contents_of_function_words_alone_are_not_claims() {
    let text = "The minister pledged to. Officials said the talks failed.";
    let roles = [
        role(text, Role::Source, "The minister"),
        role(text, Role::Cue, "pledged"),
        role(text, Role::Content, "to"),
        role(text, Role::Source, "Officials"),
        role(text, Role::Cue, "said"),
        role(text, Role::Content, "the talks failed"),
    ];
    let claims = link(&doc_of_sentences(text), &roles);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(claims[0].content.text, "the talks failed");
}

#[test]
fn an_embedded_question_is_not_a_claim() {
    let text = "Andrabi, responding to a query regarding whether Tehran would host talks, said Islamabad supports dialogue.";
    let roles = [
        role(text, Role::Source, "Andrabi"),
        role(text, Role::Cue, "responding to a query regarding"),
        role(text, Role::Content, "whether Tehran would host talks"),
        role(text, Role::Cue, "said"),
        role(text, Role::Content, "Islamabad supports dialogue"),
    ];
    let claims = link(&doc_of_sentences(text), &roles);
    let found: Vec<(&str, &str)> = claims
        .iter()
        .map(|c| {
            (
                c.cue.as_ref().unwrap().text.as_str(),
                c.content.text.as_str(),
            )
        })
        .collect();
    assert_eq!(found, [("said", "Islamabad supports dialogue")]);
    assert_eq!(claims[0].speaker.as_deref(), Some("Andrabi"));
}

#[test]
fn a_headline_speaker_before_the_colon_must_be_a_name() {
    let entity = |text: &str, piece: &str, label: &str| {
        let start = text[..text.find(piece).unwrap()].chars().count();
        newsnlp_model::Entity {
            start,
            end: start + piece.chars().count(),
            text: piece.into(),
            label: label.into(),
            score: 1.0,
        }
    };
    let with_entities = |text: &str, entities: Vec<newsnlp_model::Entity>| {
        let mut doc = doc(text);
        doc.entities = Some(entities);
        doc
    };
    let title = "The Latest: Trump visits Ohio to meet voters";
    let ohio = entity(title, "Ohio", "GPE");
    assert!(link(&with_entities(title, vec![ohio]), &[]).is_empty());

    let quoted = "Pat Caddell: Democrat voters worried about her health";
    let caddell = entity(quoted, "Pat Caddell", "PERSON");
    let claims = link(&with_entities(quoted, vec![caddell]), &[]);
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(claims[0].speaker.as_deref(), Some("Pat Caddell"));
    assert_eq!(claims[0].kind, "headline");
}

#[test]
fn a_source_loses_the_adverbs_a_tagger_took_from_its_verb_phrase() {
    // The 4-layer fast-tier model tagged `Islamabad neither` as the source
    // of `maintained` in the seed article.
    let text = "Islamabad neither confirmed nor denied but maintained that the border must close.";
    let roles = [
        role(text, Role::Source, "Islamabad neither"),
        role(text, Role::Cue, "maintained"),
        role(text, Role::Content, "the border must close"),
    ];
    let claims = link(&doc(text), &roles);
    assert_eq!(claims.len(), 1);
    assert_eq!(
        claims[0].source.as_ref().map(|s| s.text.as_str()),
        Some("Islamabad")
    );
    let text = "The minister, however, said that talks would resume.";
    let roles = [
        role(text, Role::Source, "The minister, however,"),
        role(text, Role::Cue, "said"),
        role(text, Role::Content, "talks would resume"),
    ];
    let claims = link(&doc(text), &roles);
    assert_eq!(
        claims[0].source.as_ref().map(|s| s.text.as_str()),
        Some("The minister")
    );
}
