//! The seed article: every claim a careful reader finds, with speaker, cue,
//! content, kind and date.

use newsnlp_claims::attribute;
use newsnlp_model::{Claim, Document, Entity, Timex};

const SEED: &str = include_str!("../../../tests/fixtures/seed_article.txt");

/// Character offsets of every occurrence of `needle` in `text`.
fn find_all(text: &str, needle: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(b) = text[from..].find(needle) {
        let b = from + b;
        let s = text[..b].chars().count();
        out.push((s, s + needle.chars().count()));
        from = b + needle.len();
    }
    out
}

/// Entities as a good tagger gives them: longest mentions first, no overlaps.
fn entities(text: &str) -> Vec<Entity> {
    let mentions: &[(&str, &str)] = &[
        ("Tahir Hussain Andrabi", "PERSON"),
        ("Inter-Services Public Relations", "ORG"),
        ("Tehreek-e-Taliban Pakistan", "ORG"),
        ("Attaullah Tarar", "PERSON"),
        ("Khawaja Asif", "PERSON"),
        ("Foreign Office", "ORG"),
        ("Andrabi", "PERSON"),
        ("Afghanistan", "GPE"),
        ("Islamabad", "GPE"),
        ("Pakistani", "NORP"),
        ("Pakistan", "GPE"),
        ("Istanbul", "GPE"),
        ("Türkiye", "GPE"),
        ("Tehran", "GPE"),
        ("Afghan", "NORP"),
        ("Kabul", "GPE"),
        ("Qatar", "GPE"),
        ("Iran", "GPE"),
        ("Doha", "GPE"),
        ("FO", "ORG"),
    ];
    let mut out: Vec<Entity> = Vec::new();
    for &(m, label) in mentions {
        for (s, e) in find_all(text, m) {
            let word_end = text.chars().nth(e).is_none_or(|c| !c.is_alphanumeric());
            if word_end && !out.iter().any(|x| x.start < e && s < x.end) {
                out.push(Entity {
                    start: s,
                    end: e,
                    text: m.to_string(),
                    label: label.to_string(),
                    score: 0.99,
                });
            }
        }
    }
    for (m, _) in date_values() {
        for (s, e) in find_all(text, m) {
            out.push(Entity {
                start: s,
                end: e,
                text: m.to_string(),
                label: "DATE".into(),
                score: 0.99,
            });
        }
    }
    out.sort_by_key(|x| x.start);
    out
}

fn date_values() -> Vec<(&'static str, &'static str)> {
    vec![
        ("October 11", "2025-10-11"),
        ("October 15", "2025-10-15"),
        ("October 25", "2025-10-25"),
        ("October 29", "2025-10-29"),
        ("October 31", "2025-10-31"),
        ("November 6", "2025-11-06"),
        ("November 7", "2025-11-07"),
    ]
}

fn dates(text: &str) -> Vec<Timex> {
    let mut out = Vec::new();
    for (m, v) in date_values() {
        for (s, e) in find_all(text, m) {
            out.push(Timex {
                start: s,
                end: e,
                text: m.to_string(),
                kind: "DATE".into(),
                value: v.into(),
                anchor: Some("2025-11-08".into()),
                anchor_source: "published".into(),
                rule: "month_day".into(),
                grain: "day".into(),
                modifier: None,
            });
        }
    }
    out.sort_by_key(|t| t.start);
    out
}

fn seed_doc(with_entities: bool) -> Document {
    let mut doc = Document::new("seed", SEED);
    doc.sentences = Some(newsnlp_sentences::sentence_spans(SEED));
    doc.entities = Some(if with_entities {
        entities(SEED)
    } else {
        Vec::new()
    });
    doc.dates = Some(dates(SEED));
    doc
}

struct Want {
    speaker: &'static str,
    role: Option<&'static str>,
    cue: &'static str,
    starts: &'static str,
    ends: &'static str,
    kind: &'static str,
    date: Option<&'static str>,
}

fn want() -> Vec<Want> {
    let w = |speaker, role, cue, starts, ends, kind, date| Want {
        speaker,
        role,
        cue,
        starts,
        ends,
        kind,
        date,
    };
    vec![
        w(
            "Foreign Office",
            None,
            ":",
            "Pakistan Welcomes",
            "Afghanistan Stall",
            "headline",
            None,
        ),
        w(
            "Tahir Hussain Andrabi",
            Some("Foreign Office spokesperson"),
            "saying",
            "the country will not hesitate",
            "a meaningful role",
            "indirect",
            None,
        ),
        w(
            "Tahir Hussain Andrabi",
            None,
            "said",
            "Islamabad has always supported",
            "readiness to assist",
            "indirect",
            None,
        ),
        w(
            "Tahir Hussain Andrabi",
            None,
            "emphasised",
            "that Pakistan’s legal",
            "“very strong,”",
            "mixed",
            None,
        ),
        w(
            "Tahir Hussain Andrabi",
            None,
            "noting",
            "that mediation is typically",
            "with weaker cases",
            "indirect",
            None,
        ),
        w(
            "Inter-Services Public Relations",
            None,
            "According to",
            "Kabul’s aggression resulted",
            "killed in the response",
            "according_to",
            None,
        ),
        w(
            "Kabul",
            None,
            "claimed",
            "the attack was retaliatory",
            "the attack was retaliatory",
            "indirect",
            None,
        ),
        w(
            "Kabul",
            None,
            "alleged",
            "airspace violations",
            "by Pakistan",
            "indirect",
            None,
        ),
        w(
            "Islamabad",
            None,
            "maintained",
            "that Afghanistan must end",
            "on its soil",
            "indirect",
            None,
        ),
        w(
            "Attaullah Tarar",
            Some("Information Minister"),
            "stated",
            "the discussions had failed",
            "a viable solution",
            "indirect",
            Some("2025-10-29"),
        ),
        w(
            "joint statement",
            None,
            "announced",
            "that further decisions",
            "November 6 in Istanbul",
            "indirect",
            Some("2025-10-31"),
        ),
        w(
            "Khawaja Asif",
            Some("Defence Minister"),
            "said",
            "that talks on cross-border",
            "between the two sides",
            "indirect",
            Some("2025-11-07"),
        ),
    ]
}

fn check(claims: &[Claim], with_entities: bool) {
    let got: Vec<String> = claims
        .iter()
        .map(|c| {
            format!(
                "{:?} | {:?} | {}",
                c.speaker,
                c.cue.as_ref().map(|x| &x.text),
                c.content.text
            )
        })
        .collect();
    let want = want();
    assert_eq!(claims.len(), want.len(), "{got:#?}");
    for (c, w) in claims.iter().zip(&want) {
        let ctx = format!("{c:#?}");
        if with_entities || !matches!(w.speaker, "Foreign Office") {
            assert_eq!(c.speaker.as_deref(), Some(w.speaker), "{ctx}");
        }
        assert_eq!(
            c.cue.as_ref().map(|x| x.text.as_str()),
            Some(w.cue),
            "{ctx}"
        );
        assert!(c.content.text.starts_with(w.starts), "{ctx}");
        assert!(c.content.text.ends_with(w.ends), "{ctx}");
        assert_eq!(c.kind, w.kind, "{ctx}");
        assert_eq!(c.date.as_deref(), w.date, "{ctx}");
        if w.role.is_some() {
            assert_eq!(c.speaker_role.as_deref(), w.role, "{ctx}");
        }
        // Offsets are characters into the text.
        let text: String = SEED
            .chars()
            .skip(c.content.start)
            .take(c.content.end - c.content.start)
            .collect();
        assert_eq!(text, c.content.text);
        if let Some(src) = &c.source {
            let text: String = SEED
                .chars()
                .skip(src.start)
                .take(src.end - src.start)
                .collect();
            assert_eq!(text, src.text);
        }
    }
}

#[test]
fn seed_article_claims_with_entities() {
    let doc = seed_doc(true);
    let claims = attribute(&doc);
    check(&claims, true);
    let ents = doc.entities.as_ref().unwrap();
    // Surnames and pronouns point at the fullest mention.
    for c in &claims[1..5] {
        let idx = c.speaker_entity.expect("speaker entity");
        assert_eq!(ents[idx].text, "Tahir Hussain Andrabi");
    }
    assert_eq!(claims[0].source.as_ref().unwrap().text, "FO");
    assert_eq!(
        claims[0].speaker_entity.map(|i| ents[i].text.as_str()),
        Some("Foreign Office")
    );
    assert_eq!(claims[3].source.as_ref().unwrap().text, "He");
    // `He emphasised that ... “very strong,” noting that ...`: the
    // participle's source is the mention of the clause it continues.
    assert_eq!(claims[4].source.as_ref().unwrap().text, "He");
    assert_eq!(
        claims[11].source.as_ref().unwrap().text,
        "Defence Minister Khawaja Asif"
    );
    let sentences = doc.sentences.as_ref().unwrap();
    for c in &claims {
        let at = c.cue.as_ref().map_or(c.content.start, |x| x.start);
        let span = sentences[c.sentence];
        assert!(span.start <= at && at < span.end, "{c:#?}");
    }
}

#[test]
fn seed_article_claims_without_entities() {
    let doc = seed_doc(false);
    let claims = attribute(&doc);
    check(&claims, false);
    assert!(claims.iter().all(|c| c.speaker_entity.is_none()));
}

#[test]
fn neither_confirmed_nor_denied_is_no_claim() {
    let claims = attribute(&seed_doc(true));
    for c in &claims {
        let cue = c.cue.as_ref().map(|x| x.text.as_str());
        assert!(!matches!(cue, Some("confirmed" | "denied")), "{c:#?}");
    }
}
