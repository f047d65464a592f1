//! A speaker that is only a role (`the prime minister said`, `the
//! chancellor told MPs`) stands, for counting, for the one person the
//! article gives that role: as a claim's role (`Prime Minister` for a
//! claim of `Tony Blair`) or as the title right before a name (`Prime
//! Minister Tony Blair`; not `Deputy Prime Minister John Prescott` or
//! `shadow chancellor`). With no such person, or two, it stays a role.
//! The claim itself keeps its speaker as the claims stage wrote it.

use newsnlp_model::Document;

use crate::names::{is_title_word, other_key, person_key, person_words, words};

/// Whether the word before a role makes it another one: a title word
/// (`Deputy Prime Minister`, `shadow chancellor`, `former home secretary`,
/// `Prime Minister` for `minister`) or `acting`, `junior`, `assistant`,
/// `first`, `ex-...`; a country code does not (`UK Chancellor`).
fn makes_another_role(word: &str) -> bool {
    (is_title_word(word) && !matches!(word, "us" | "uk" | "eu" | "un" | "the"))
        || matches!(word, "acting" | "junior" | "assistant" | "first")
        || word.starts_with("ex-")
}

/// Characters before a name read for a title.
const TITLE_REACH: usize = 60;

/// The person a role-only speaker stands for in this document (the name as
/// the article writes it), if the article gives the role to one person. The
/// mention must be the role itself (`the chancellor`), not `a spokesman`,
/// `They` or `A spokesman for ...`; spokespeople are never resolved.
pub fn person_with_role(doc: &Document, speaker: &str, mention: &str) -> Option<String> {
    let role = other_key(speaker);
    let role_words: Vec<&str> = role.split(' ').collect();
    if role.is_empty()
        || other_key(mention) != role
        || !role_words.iter().all(|w| is_title_word(w))
        || role_words.iter().any(|w| w.starts_with("spokes"))
    {
        return None;
    }
    let ends_with_role = |text: &str| {
        let lower: Vec<String> = words(text).iter().map(|w| w.to_lowercase()).collect();
        let n = role_words.len();
        lower.len() >= n
            && lower[lower.len() - n..] == role_words[..]
            && !(lower.len() > n && makes_another_role(&lower[lower.len() - n - 1]))
    };
    let mut found: Vec<(String, String)> = Vec::new();
    let mut add = |name: &str| {
        let key = person_key(&person_words(name));
        if person_words(name).len() >= 2 && !found.iter().any(|(k, _)| *k == key) {
            found.push((key, name.to_string()));
        }
    };
    let entities = doc.entities.as_deref().unwrap_or(&[]);
    for claim in doc.claims.iter().flatten() {
        let (Some(name), Some(claim_role)) = (&claim.speaker, &claim.speaker_role) else {
            continue;
        };
        let is_person = claim
            .speaker_entity
            .and_then(|i| entities.get(i))
            .is_some_and(|e| e.label == "PERSON");
        if is_person && ends_with_role(claim_role) {
            add(name);
        }
    }
    let chars: Vec<char> = doc.text.chars().collect();
    for e in entities
        .iter()
        .filter(|e| e.label == "PERSON" && e.start <= chars.len())
    {
        let before: String = chars[e.start.saturating_sub(TITLE_REACH)..e.start]
            .iter()
            .collect();
        let line = before
            .rsplit(['\n', '.', ',', ';', ':', '('])
            .next()
            .unwrap_or("");
        if ends_with_role(line) && line.trim_end().len() < line.len() {
            add(&e.text);
        }
    }
    match found.as_slice() {
        [(_, name)] => Some(name.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsnlp_model::{Claim, Entity, TextSpan};

    fn doc(text: &str, people: &[&str]) -> Document {
        let mut d = Document::new("d", text);
        d.entities = Some(
            people
                .iter()
                .map(|p| {
                    let start = text[..text.find(p).unwrap()].chars().count();
                    Entity {
                        start,
                        end: start + p.chars().count(),
                        text: (*p).into(),
                        label: "PERSON".into(),
                        score: 1.0,
                    }
                })
                .collect(),
        );
        d
    }

    #[test]
    fn the_role_is_the_one_person_titled_so() {
        let d = doc(
            "Prime Minister Tony Blair and Deputy Prime Minister John Prescott spoke. Later the prime minister said no.",
            &["Tony Blair", "John Prescott"],
        );
        let role = |speaker: &str, mention: &str| person_with_role(&d, speaker, mention);
        assert_eq!(
            role("prime minister", "the prime minister").as_deref(),
            Some("Tony Blair")
        );
        assert_eq!(
            role("Prime Minister", "The Prime Minister").as_deref(),
            Some("Tony Blair")
        );
        assert_eq!(
            role("minister", "the minister"),
            None,
            "a prime minister is no plain minister"
        );
        assert_eq!(
            role("prime minister", "They"),
            None,
            "the mention must be the role"
        );
        assert_eq!(
            role("chancellor", "the chancellor"),
            None,
            "no one is titled chancellor"
        );
        assert_eq!(role("analysts", "analysts"), None, "not a role");
    }

    #[test]
    fn a_claim_role_gives_the_role_and_two_holders_give_none() {
        let mut d = doc(
            "Gordon Brown said growth was strong. Chancellor Kenneth Clarke disagreed. The chancellor said so.",
            &["Gordon Brown", "Kenneth Clarke"],
        );
        let content = TextSpan {
            start: 0,
            end: 1,
            text: "x".into(),
        };
        d.claims = Some(vec![Claim {
            source: None,
            speaker: Some("Gordon Brown".into()),
            speaker_entity: Some(0),
            speaker_role: Some("UK Chancellor".into()),
            cue: None,
            content,
            kind: "indirect".into(),
            cue_class: newsnlp_model::CueClass::Speech,
            date: None,
            sentence: 0,
        }]);
        assert_eq!(
            person_with_role(&d, "chancellor", "The chancellor"),
            None,
            "two people hold the role here"
        );
        d.entities.as_mut().unwrap().pop();
        assert_eq!(
            person_with_role(&d, "chancellor", "The chancellor").as_deref(),
            Some("Gordon Brown")
        );
        let ex = doc(
            "Ex-Tory chancellor Ken Clarke spoke. The chancellor said so.",
            &["Ken Clarke"],
        );
        assert_eq!(
            person_with_role(&ex, "chancellor", "The chancellor"),
            None,
            "an ex-chancellor is not the chancellor"
        );
        let spokesman = doc(
            "Labour spokesman Ian Hall spoke. The spokesman said no.",
            &["Ian Hall"],
        );
        assert_eq!(
            person_with_role(&spokesman, "spokesman", "The spokesman"),
            None
        );
    }
}
