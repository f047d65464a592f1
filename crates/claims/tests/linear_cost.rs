//! The claims stage costs time in proportion to a document's length: a
//! document four times as long takes about four times as long, not sixteen
//! (a transcript or live blog used to stall speaker resolution, which
//! looked over every entity of the document for every mention).
//!
//! Compared are two invented documents, one four times the other, each run
//! three times (the fastest counts), on both paths: the rules alone and
//! the model's tagged roles. Linear cost gives a ratio near 4; the bound is
//! 8, well under the 16 a quadratic step would give.

use std::time::{Duration, Instant};

use newsnlp_claims::{attribute, attribute_with_roles, Role, RoleSpan};
use newsnlp_model::{Document, Entity};

/// One paragraph of news about person `i` of company `i`, with its
/// entities and the roles a tagger would give, in characters from `at`.
fn paragraph(i: usize, at: usize) -> (String, Vec<Entity>, Vec<RoleSpan>) {
    let person = format!("Alex Person{i}");
    let org = format!("Company{i} Holdings");
    let text = format!(
        "{person}, chief executive of {org}, said the company expected sales to rise. \
         “We are growing fast,” {person} told reporters. \
         The firm said its profits had doubled, according to a statement.\n\n"
    );
    let find = |piece: &str, from: usize| -> (usize, usize) {
        let byte = text[from..].find(piece).expect(piece) + from;
        let start = text[..byte].chars().count();
        (at + start, at + start + piece.chars().count())
    };
    let mut entities = Vec::new();
    for (piece, label, from) in [
        (person.as_str(), "PERSON", 0),
        (org.as_str(), "ORG", 0),
        (person.as_str(), "PERSON", 80),
    ] {
        let (start, end) = find(piece, from);
        entities.push(Entity {
            start,
            end,
            text: piece.to_string(),
            label: label.to_string(),
            score: 0.99,
        });
    }
    entities.sort_by_key(|e| e.start);
    let mut roles = Vec::new();
    for (role, piece) in [
        (Role::Source, person.as_str()),
        (Role::Cue, "said"),
        (Role::Content, "the company expected sales to rise"),
        (Role::Content, "We are growing fast,"),
        (Role::Cue, "told"),
        (Role::Source, "The firm"),
        (Role::Content, "its profits had doubled"),
    ] {
        let (start, end) = find(piece, 0);
        roles.push(RoleSpan { role, start, end });
    }
    (text, entities, roles)
}

/// A document of `paragraphs` paragraphs, with its tagged roles.
fn document(paragraphs: usize) -> (Document, Vec<RoleSpan>) {
    let mut text = String::new();
    let mut entities = Vec::new();
    let mut roles = Vec::new();
    let mut at = 0;
    for i in 0..paragraphs {
        let (piece, mut ents, mut tagged) = paragraph(i, at);
        at += piece.chars().count();
        text.push_str(&piece);
        entities.append(&mut ents);
        roles.append(&mut tagged);
    }
    let mut doc = Document::new("long", text.as_str());
    doc.sentences = Some(newsnlp_sentences::sentence_spans(&text));
    doc.entities = Some(entities);
    doc.dates = Some(Vec::new());
    (doc, roles)
}

/// A way to attribute a document: the rules, or linking tagged roles.
type Path = dyn Fn(&Document, &[RoleSpan]) -> usize;

fn fastest(runs: usize, mut f: impl FnMut() -> usize) -> (Duration, usize) {
    let mut best = Duration::MAX;
    let mut claims = 0;
    for _ in 0..runs {
        let started = Instant::now();
        claims = f();
        best = best.min(started.elapsed());
    }
    (best, claims)
}

#[test]
fn four_times_the_text_costs_about_four_times_the_time() {
    let (short, short_roles) = document(300);
    let (long, long_roles) = document(1200);
    assert!(long.text.len() > 200_000, "{} bytes", long.text.len());
    let paths: [(&str, &Path); 2] = [
        ("rules", &|doc, _| attribute(doc).len()),
        ("roles", &|doc, roles| {
            attribute_with_roles(doc, roles).len()
        }),
    ];
    for (path, run) in paths {
        let (short_time, short_claims) = fastest(3, || run(&short, &short_roles));
        let (long_time, long_claims) = fastest(3, || run(&long, &long_roles));
        assert!(short_claims >= 600, "{path}: {short_claims} claims");
        assert_eq!(long_claims, 4 * short_claims, "{path}");
        let ratio = long_time.as_secs_f64() / short_time.as_secs_f64().max(1e-6);
        eprintln!("{path}: {short_time:?} for 300 paragraphs, {long_time:?} for 1200: {ratio:.1}x");
        assert!(ratio < 8.0, "{path}: 4x the text took {ratio:.1}x the time");
    }
}
