//! Speakers and roles from tagged speaker mentions, with entities as the
//! `ner` stage gives them.

use newsnlp_claims::{attribute_with_roles_counting, Counting, Role, RoleSpan};
use newsnlp_model::{Document, Entity};

/// Characters of the first `piece` in `text`.
fn chars_of(text: &str, piece: &str) -> (usize, usize) {
    let byte = text.find(piece).expect(piece);
    let start = text[..byte].chars().count();
    (start, start + piece.chars().count())
}

/// Speaker and role of each claim of `text`, given `(mention, label)`
/// entities (every occurrence) and the tagged `(source, cue, content)` of
/// each claim.
fn speakers(
    text: &str,
    mentions: &[(&str, &str)],
    claims: &[(&str, &str, &str)],
) -> Vec<(Option<String>, Option<String>)> {
    let mut doc = Document::new("t", text);
    doc.sentences = Some(newsnlp_sentences::sentence_spans(text));
    let mut entities = Vec::new();
    for &(mention, label) in mentions {
        for (byte, _) in text.match_indices(mention) {
            let start = text[..byte].chars().count();
            entities.push(Entity {
                start,
                end: start + mention.chars().count(),
                text: mention.to_string(),
                label: label.to_string(),
                score: 0.99,
            });
        }
    }
    entities.sort_by_key(|e| e.start);
    doc.entities = Some(entities);
    let mut roles = Vec::new();
    for &(source, cue, content) in claims {
        for (role, piece) in [
            (Role::Source, source),
            (Role::Cue, cue),
            (Role::Content, content),
        ] {
            let (start, end) = chars_of(text, piece);
            roles.push(RoleSpan { role, start, end });
        }
    }
    attribute_with_roles_counting(&doc, &roles, Counting::All)
        .into_iter()
        .map(|c| (c.speaker, c.speaker_role))
        .collect()
}

fn who(speaker: &str, role: Option<&str>) -> (Option<String>, Option<String>) {
    (Some(speaker.to_string()), role.map(str::to_string))
}

#[test]
fn capitalised_words_before_a_group_name_are_part_of_it() {
    // The tagger found only `Democrats`; `Liberal` is no role.
    assert_eq!(
        speakers(
            "The Liberal Democrats said the plan was misdirected.",
            &[("Democrats", "NORP")],
            &[("The Liberal Democrats", "said", "the plan was misdirected")]
        ),
        [who("Liberal Democrats", None)]
    );
}

#[test]
fn roles_lose_honorifics_and_trailing_prepositions() {
    assert_eq!(
        speakers(
            "Audit office head Sir John Bourn said the sale was sound. \
             A spokeswoman for Human Rights Watch said the law was vague.",
            &[("John Bourn", "PERSON"), ("Human Rights Watch", "ORG")],
            &[
                (
                    "Audit office head Sir John Bourn",
                    "said",
                    "the sale was sound"
                ),
                (
                    "A spokeswoman for Human Rights Watch",
                    "said",
                    "the law was vague"
                ),
            ]
        ),
        [
            who("John Bourn", Some("Audit office head")),
            who("Human Rights Watch", Some("spokeswoman")),
        ]
    );
}

#[test]
fn another_speaker_before_the_name_is_no_role() {
    // `Tony Blair and` is a second speaker, not Ruth Kelly's role.
    assert_eq!(
        speakers(
            "Tony Blair and Ruth Kelly said schools would get more money.",
            &[("Tony Blair", "PERSON"), ("Ruth Kelly", "PERSON")],
            &[(
                "Tony Blair and Ruth Kelly",
                "said",
                "schools would get more money"
            )]
        ),
        [who("Ruth Kelly", None)]
    );
}

#[test]
fn a_role_alone_keeps_its_joined_words() {
    assert_eq!(
        speakers(
            "The Trade and Industry Secretary said maternity pay would rise.",
            &[],
            &[(
                "The Trade and Industry Secretary",
                "said",
                "maternity pay would rise"
            )]
        ),
        [who("Trade and Industry Secretary", None)]
    );
}

#[test]
fn a_group_word_before_a_common_noun_describes_the_speaker() {
    // `Tory` (NORP) is not who spoke: the leader is.
    assert_eq!(
        speakers(
            "The Tory leader said the plans were vacuous. Scottish ministers insist they will decide.",
            &[("Tory", "NORP"), ("Scottish", "NORP")],
            &[
                ("The Tory leader", "said", "the plans were vacuous"),
                ("Scottish ministers", "insist", "they will decide"),
            ]
        ),
        [who("Tory leader", None), who("Scottish ministers", None)]
    );
}

#[test]
fn an_apposition_and_a_headline_stay_out_of_speakers_and_roles() {
    let text =
        "Budget warning\n\nFederal Reserve chairman Alan Greenspan has warned that deficits hurt. \
                The Swedish firm, the world's largest maker of fridges, said it would move plants.";
    assert_eq!(
        speakers(
            text,
            &[("Alan Greenspan", "PERSON"), ("Swedish", "NORP")],
            &[
                (
                    "Budget warning\n\nFederal Reserve chairman Alan Greenspan",
                    "has warned",
                    "that deficits hurt"
                ),
                (
                    "The Swedish firm, the world's largest maker of fridges,",
                    "said",
                    "it would move plants"
                ),
            ]
        ),
        [
            who("Alan Greenspan", Some("Federal Reserve chairman")),
            who("Swedish firm", None)
        ]
    );
}

#[test]
fn a_relative_clause_in_a_mention_does_not_change_its_speaker() {
    assert_eq!(
        speakers(
            "Christie, who has campaigned for Donald Trump, said the debate was rigged.",
            &[("Christie", "PERSON"), ("Donald Trump", "PERSON")],
            &[(
                "Christie, who has campaigned for Donald Trump,",
                "said",
                "the debate was rigged"
            )]
        ),
        [who("Christie", None)]
    );
}

#[test]
fn a_relative_who_stands_for_the_name_before_it() {
    // Not for the last speaker named (Warren).
    assert_eq!(
        speakers(
            "Elizabeth Warren said the bank failed. She then questioned John Stumpf, who said \
             the bank was sorry.",
            &[("Elizabeth Warren", "PERSON"), ("John Stumpf", "PERSON")],
            &[
                ("Elizabeth Warren", "said", "the bank failed"),
                ("who", "said", "the bank was sorry"),
            ]
        ),
        [who("Elizabeth Warren", None), who("John Stumpf", None)]
    );
    // Not for a name inside an apposition either.
    assert_eq!(
        speakers(
            "John Bentel, a staffer at the State Department who told colleagues to stay \
             quiet, resigned.",
            &[("John Bentel", "PERSON"), ("State Department", "ORG")],
            &[("who", "told", "colleagues to stay quiet")]
        ),
        [who("John Bentel", None)]
    );
}

#[test]
fn appositions_are_cut_but_lists_stay_and_places_do_not_grow() {
    let text = "The commission, an independent body of judges, ruled the law was a mess. \
                China, Pyongyang's only ally and its lifeline, insisted talks must resume. \
                The family, protesters and civic leaders demanded the video should be released. \
                Americans said the vote mattered. Lithuanian Americans rallied.";
    assert_eq!(
        speakers(
            text,
            &[
                ("China", "GPE"),
                ("Pyongyang", "GPE"),
                ("Lithuanian Americans", "NORP"),
                ("Americans", "NORP"),
            ],
            &[
                (
                    "The commission, an independent body of judges,",
                    "ruled",
                    "the law was a mess"
                ),
                (
                    "China, Pyongyang's only ally and its lifeline,",
                    "insisted",
                    "talks must resume"
                ),
                (
                    "The family, protesters and civic leaders",
                    "demanded",
                    "the video should be released"
                ),
                ("Americans", "said", "the vote mattered"),
            ]
        ),
        [
            who("commission", None),
            who("China", None),
            who("family, protesters and civic leaders", None),
            who("Americans", None),
        ]
    );
}

#[test]
fn he_and_she_skip_speakers_the_document_genders_otherwise_and_it_skips_people() {
    assert_eq!(
        speakers(
            "Michael Howard said the plan was fair. Ms Robinson asked Mr Howard about his \
             parents. He replied that quotas were needed.",
            &[("Michael Howard", "PERSON"), ("Robinson", "PERSON")],
            &[
                ("Michael Howard", "said", "the plan was fair"),
                ("Ms Robinson", "asked", "about his parents"),
                ("He", "replied", "that quotas were needed"),
            ]
        ),
        [
            who("Michael Howard", None),
            who("Robinson", None),
            who("Michael Howard", None)
        ]
    );
    assert_eq!(
        speakers(
            "The airline said profits rose. Chief executive Rod Eddington added costs fell. \
             It expects growth.",
            &[("Rod Eddington", "PERSON")],
            &[
                ("The airline", "said", "profits rose"),
                ("Chief executive Rod Eddington", "added", "costs fell"),
                ("It", "expects", "growth"),
            ]
        ),
        [
            who("airline", None),
            who("Rod Eddington", Some("Chief executive")),
            who("airline", None)
        ]
    );
}

#[test]
fn he_and_she_skip_speakers_whose_given_name_or_role_genders_them_otherwise() {
    // Given names: `Hillary` is no `he`.
    assert_eq!(
        speakers(
            "Bill Clinton said the law was flawed. Hillary Clinton urged changes. \
             He insisted premiums had doubled.",
            &[("Bill Clinton", "PERSON"), ("Hillary Clinton", "PERSON")],
            &[
                ("Bill Clinton", "said", "the law was flawed"),
                ("Hillary Clinton", "urged", "changes"),
                ("He", "insisted", "premiums had doubled"),
            ]
        ),
        [
            who("Bill Clinton", None),
            who("Hillary Clinton", None),
            who("Bill Clinton", None)
        ]
    );
    // A role: the husband is no `she`.
    assert_eq!(
        speakers(
            "Rakeyia Scott told officers he was unarmed. Her husband Lamont Scott \
             insisted that he had no gun. She warned them not to shoot.",
            &[("Rakeyia Scott", "PERSON"), ("Lamont Scott", "PERSON")],
            &[
                ("Rakeyia Scott", "told", "officers he was unarmed"),
                ("Her husband Lamont Scott", "insisted", "that he had no gun"),
                ("She", "warned", "them not to shoot"),
            ]
        ),
        [
            who("Rakeyia Scott", None),
            who("Lamont Scott", Some("husband")),
            who("Rakeyia Scott", None)
        ]
    );
}

#[test]
fn she_with_no_speaker_that_fits_stays_unresolved() {
    // Every speaker named so far is a man: `she` is someone else.
    assert_eq!(
        speakers(
            "Mr McKinley said costs had risen. His daughter wants to study design. \
             She told him the fees were too high.",
            &[("McKinley", "PERSON")],
            &[
                ("Mr McKinley", "said", "costs had risen"),
                ("She", "told", "him the fees were too high"),
            ]
        ),
        [who("McKinley", None), (None, None)]
    );
}
