//! Speaker resolution (names, pronouns, surnames, acronyms, roles) and
//! claim dates: turns frames into [`Claim`]s.

use std::collections::HashMap;

use newsnlp_model::{Claim, Entity, Timex};

use crate::{forenames, lexicon, referents, Ctx, Frame};

/// Labels of entities that can speak.
pub(crate) fn speaker_rank(label: &str) -> Option<u8> {
    match label {
        "PERSON" | "PER" => Some(0),
        "ORG" => Some(1),
        "GPE" | "LOC" | "NORP" | "FAC" | "MISC" => Some(2),
        _ => None,
    }
}

#[derive(Debug, Clone, Default)]
struct Who {
    speaker: Option<String>,
    entity: Option<usize>,
    role: Option<String>,
    /// Came from a name (not a pronoun or a common noun).
    named: bool,
}

/// How many speakers back `he` / `she` (named ones) and `it` may look for
/// one that fits; a `he` / `she` that none fits has no speaker.
const PRONOUN_LOOKBACK: usize = 4;

/// The speakers so far, for pronouns and inherited speakers to refer to.
#[derive(Default)]
struct Focus {
    /// Every speaker, most recent last (`it`, `they`, inherited speakers).
    recent: Vec<Who>,
    /// Speakers from names, most recent last (`he`, `she`, `who`).
    named: Vec<Who>,
}

impl Focus {
    /// The speaker the pronoun `word` at token `at` stands for.
    fn pronoun(&self, ctx: &Ctx<'_>, word: &str, genders: &HashMap<String, Gender>) -> Who {
        let last = || self.recent.last().cloned();
        let found = match word {
            "he" | "she" => {
                let wanted = if word == "he" {
                    Gender::Male
                } else {
                    Gender::Female
                };
                self.named
                    .iter()
                    .rev()
                    .take(PRONOUN_LOOKBACK)
                    .find(|w| can_be(ctx, w, wanted, genders))
                    .cloned()
            }
            "it" => self
                .recent
                .iter()
                .rev()
                .take(PRONOUN_LOOKBACK)
                .find(|w| !is_person(ctx, w))
                .cloned()
                .or_else(last),
            "they" => last(),
            _ => None,
        };
        found.unwrap_or_default()
    }

    /// The speaker of the previous claim.
    fn last(&self) -> Who {
        self.recent.last().cloned().unwrap_or_default()
    }

    /// Records a claim's speaker (a relative `who` does not move the focus).
    fn note(&mut self, who: &Who, relative: bool) {
        if who.speaker.is_none() || relative {
            return;
        }
        if who.named {
            self.named.push(who.clone());
        }
        self.recent.push(who.clone());
    }
}

pub(crate) fn resolve(ctx: &Ctx<'_>, frames: &[Frame]) -> Vec<Claim> {
    let names = name_runs(ctx);
    let genders = honorific_genders(ctx);
    let mut out: Vec<Claim> = Vec::with_capacity(frames.len());
    let mut focus = Focus::default();
    for f in frames {
        let source_chars = f.source.map(|(s, e)| (ctx.toks[s].s, ctx.toks[e - 1].e));
        let who = if let Some((s, e)) = f.source {
            let first = ctx.toks[s].lower.as_str();
            if e - s == 1 && referents::is_relative(first) {
                antecedent(ctx, s, &names).unwrap_or_default()
            } else if e - s == 1 && lexicon::is_pronoun(first) {
                focus.pronoun(ctx, first, &genders)
            } else {
                mention(ctx, s, e, &names)
            }
        } else if f.inherit {
            focus.last()
        } else {
            Who::default()
        };
        let relative = f
            .source
            .is_some_and(|(s, e)| e - s == 1 && referents::is_relative(&ctx.toks[s].lower));
        focus.note(&who, relative);
        let cue_chars = f.cue;
        let kind = if f.headline {
            "headline"
        } else if f.according {
            "according_to"
        } else {
            ctx.speech_kind(f.content.0, f.content.1)
        };
        out.push(Claim {
            source: source_chars.map(|(s, e)| ctx.span(s, e)),
            speaker: who.speaker.map(|name| clean_name(&name)),
            speaker_entity: who.entity,
            speaker_role: who.role,
            cue: cue_chars.map(|(s, e)| ctx.span(s, e)),
            content: ctx.span(f.content.0, f.content.1),
            kind: kind.to_string(),
            date: claim_date(ctx, source_chars, cue_chars, f.content),
            sentence: f.sentence,
        });
    }
    out
}

/// A speaker's name without a bracket left open by the mention's edge
/// (`British Chambers of Commerce (`, `International Air Transport
/// Association (IATA`, `ISP) Plus.net`).
fn clean_name(name: &str) -> String {
    let name = name.trim();
    if name.matches('(').count() == name.matches(')').count() {
        return name.to_string();
    }
    if let Some(open) = name.rfind('(').filter(|&p| !name[p..].contains(')')) {
        return name[..open].trim_end().to_string();
    }
    match name.find(')').filter(|&p| !name[..p].contains('(')) {
        Some(close) if !name[close + 1..].trim().is_empty() => name[close + 1..].trim().to_string(),
        Some(close) => name[..close].trim().to_string(),
        None => name.to_string(),
    }
}

/// A person's grammatical gender, where the document shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
}

/// Surnames (lowercase) with the gender their honorifics give them in the
/// document (`Mr Howard`, `Ms Robinson`, `Sir Digby Jones`); a surname seen
/// with both is left out.
fn honorific_genders(ctx: &Ctx<'_>) -> HashMap<String, Gender> {
    let toks = &ctx.toks;
    let mut seen: HashMap<String, Option<Gender>> = HashMap::new();
    for (i, t) in toks.iter().enumerate() {
        let gender = match t.text.trim_end_matches('.') {
            "Mr" | "Sir" | "Lord" => Gender::Male,
            "Mrs" | "Ms" | "Miss" | "Dame" | "Lady" | "Baroness" => Gender::Female,
            _ => continue,
        };
        let run = toks[i + 1..].iter().take_while(|w| w.cap && w.word).last();
        let Some(surname) = run.map(|w| surname_key(&w.text)) else {
            continue;
        };
        seen.entry(surname)
            .and_modify(|g| {
                if *g != Some(gender) {
                    *g = None;
                }
            })
            .or_insert(Some(gender));
    }
    seen.into_iter()
        .filter_map(|(name, g)| g.map(|g| (name, g)))
        .collect()
}

/// A surname as the gender table keys it: lowercase, no possessive.
fn surname_key(word: &str) -> String {
    word.strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .unwrap_or(word)
        .to_lowercase()
}

/// Whether `he` / `she` can stand for `who`: a person whose honorifics,
/// given name or role do not say otherwise.
fn can_be(ctx: &Ctx<'_>, who: &Who, wanted: Gender, genders: &HashMap<String, Gender>) -> bool {
    let ents = ctx.doc.entities.as_deref().unwrap_or(&[]);
    // A person, a name the rules found, or someone speaking for an
    // organisation (`A spokeswoman for Human Rights Watch`).
    let person = who.role.is_some()
        || who
            .entity
            .and_then(|i| ents.get(i))
            .is_none_or(|x| speaker_rank(&x.label) == Some(0));
    person && gender_of(who, genders).is_none_or(|g| g == wanted)
}

/// The gender the document says `who` has: from honorifics before the
/// surname (`Mr Howard`), else from the given name (`Hillary Clinton`),
/// else from the role (`his wife`, `a spokeswoman`).
fn gender_of(who: &Who, genders: &HashMap<String, Gender>) -> Option<Gender> {
    let words: Vec<&str> = who
        .speaker
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let by_honorific = words
        .last()
        .and_then(|w| genders.get(&surname_key(w)))
        .copied();
    let by_given_name = || {
        (words.len() >= 2)
            .then(|| forenames::gender_of(words[0]))
            .flatten()
    };
    let by_role = || {
        who.role
            .as_deref()
            .into_iter()
            .flat_map(str::split_whitespace)
            .find_map(|w| lexicon::gendered_noun(&w.to_lowercase()))
    };
    by_honorific.or_else(by_given_name).or_else(by_role)
}

/// A speaker tagged as a person (its entity's label).
fn is_person(ctx: &Ctx<'_>, who: &Who) -> bool {
    let ents = ctx.doc.entities.as_deref().unwrap_or(&[]);
    who.entity
        .and_then(|i| ents.get(i))
        .is_some_and(|x| speaker_rank(&x.label) == Some(0))
}

/// Canonical speaker of the mention in tokens `[s, e)`.
fn mention(ctx: &Ctx<'_>, s: usize, e: usize, names: &[String]) -> Who {
    let toks = &ctx.toks;
    let mention_start = s;
    let mut s = s;
    while s < e && lexicon::is_determiner(&toks[s].lower) {
        s += 1;
    }
    if s >= e {
        return Who::default();
    }
    let ents: &[Entity] = ctx.doc.entities.as_deref().unwrap_or(&[]);
    // `The International Energy Agency (IEA)`: the name, not its acronym.
    let e = if e > s + 3 && toks[e - 1].text == ")" && toks[e - 3].text == "(" {
        e - 3
    } else {
        e
    };
    let e = head_end(ctx, s, e, ents);
    // `the company`, `the firm`: the organisation the article names.
    if let Some(org) =
        referents::definite_organisation(ctx, mention_start, e, |i| fullest(ents, i).0)
    {
        let name = &ents[org].text;
        let name = name
            .strip_suffix("’s")
            .or_else(|| name.strip_suffix("'s"))
            .unwrap_or(name);
        return Who {
            speaker: Some(name.to_string()),
            entity: Some(org),
            role: None,
            named: true,
        };
    }
    let (cs, ce) = (toks[s].s, toks[e - 1].e);
    let best = ents
        .iter()
        .enumerate()
        .filter(|(_, x)| x.start < ce && cs < x.end)
        .filter_map(|(i, x)| speaker_rank(&x.label).map(|r| (r, i, x)))
        .min_by_key(|(r, i, _)| (*r, usize::MAX - *i));
    if let Some((rank, idx, ent)) = best {
        // `the Tory leader`, `Scottish ministers`: a place or group word
        // before a common noun describes the speaker, who is not the
        // place or group itself (`China, Pyongyang's only ally,` is).
        let after_entity = toks.partition_point(|t| t.s < ent.end);
        let apposed = toks.get(after_entity).is_some_and(|t| t.text == ",");
        if rank == 2 && ent.end < ce && !apposed && !toks[e - 1].cap {
            // Up to an apposition (`The Swedish firm, the world's largest
            // maker of ...`).
            let whole = ctx.slice(cs, ce);
            let head = phrase_head(&whole);
            let text = head
                .strip_suffix("’s")
                .or_else(|| head.strip_suffix("'s"))
                .unwrap_or(head)
                .to_string();
            return Who {
                speaker: Some(text),
                entity: None,
                role: None,
                named: false,
            };
        }
        let (full_idx, full) = fullest(ents, idx);
        let role = role_text(ctx, cs, ent.start.max(cs));
        // `the Liberal Democrats` tagged `Democrats`: capitalised words
        // right before an organisation or group that are no title belong
        // to its name.
        if let Some(prefix) = role
            .as_deref()
            .filter(|_| speaker_rank(&ent.label) != Some(0))
            .filter(|r| is_name_prefix(r) && ctx.slice(cs, ent.start).trim_end() == *r)
        {
            return Who {
                speaker: Some(if full.text.starts_with(prefix) {
                    full.text.clone()
                } else {
                    format!("{prefix} {}", full.text)
                }),
                entity: Some(full_idx),
                role: None,
                named: true,
            };
        }
        return Who {
            speaker: Some(full.text.clone()),
            entity: Some(full_idx),
            role,
            named: true,
        };
    }
    // Rules: the trailing run of capitalised words is the name; a role
    // alone may link its words (`the Trade and Industry Secretary`).
    let role_only = lexicon::is_title(&toks[e - 1].text);
    let mut n = e;
    while n > s {
        let t = &toks[n - 1];
        let links = role_only
            && n - 1 > s
            && matches!(t.lower.as_str(), "and" | "of" | "for")
            && toks[n - 2].cap
            && toks[n - 2].word;
        if !(links || (t.cap && t.word)) {
            break;
        }
        n -= 1;
    }
    // All capitalised: titles first, then the name.
    if n == s {
        let cap_words = &toks[s..e];
        let mut t = 0;
        while t < cap_words.len()
            && (lexicon::is_title(&cap_words[t].text) || lexicon::is_honorific(&cap_words[t].text))
        {
            t += 1;
        }
        // Titles up to the last title word (`Defence Minister`).
        let last_title = cap_words.iter().rposition(|w| lexicon::is_title(&w.text));
        let name_from = match last_title {
            Some(p) if p + 1 < cap_words.len() => s + p + 1,
            _ if t < cap_words.len() => s + t,
            _ => s,
        };
        let mut ns = name_from;
        while ns < e && lexicon::is_honorific(&toks[ns].text) {
            ns += 1;
        }
        if ns >= e {
            ns = s;
        }
        let name = ctx.slice(toks[ns].s, ce);
        let role = if name_from > s {
            clean_role(&ctx.slice(cs, toks[name_from - 1].e))
        } else {
            None
        };
        return Who {
            speaker: Some(expand(&name, names)),
            entity: None,
            role,
            named: true,
        };
    }
    if n < e {
        // `Foreign Office spokesperson Tahir Hussain Andrabi`.
        let name = ctx.slice(toks[n].s, ce);
        return Who {
            speaker: Some(expand(&name, names)),
            entity: None,
            role: clean_role(&ctx.slice(cs, toks[n - 1].e)),
            named: true,
        };
    }
    // A common noun keeps its quantifier (`Both sides`, `Some analysts`),
    // not its article, nor a clause after a comma (`A study in 2000, which
    // was`).
    let mut q = mention_start;
    while q < s && matches!(toks[q].lower.as_str(), "the" | "a" | "an" | "this" | "that") {
        q += 1;
    }
    let whole = ctx.slice(toks[q].s, ce);
    let text = phrase_head(&whole);
    let text = text
        .strip_suffix("’s")
        .or_else(|| text.strip_suffix("'s"))
        .unwrap_or(text);
    Who {
        speaker: Some(text.to_string()),
        entity: None,
        role: None,
        named: false,
    }
}

/// A noun phrase without what follows its first comma outside brackets
/// (`The Swedish firm, the world's largest maker of ...` -> `The Swedish
/// firm`), unless the comma lists (`The family, protesters and civic
/// leaders`, `many colleges (private ones, in particular)` stay whole).
fn phrase_head(text: &str) -> &str {
    let mut depth = 0i32;
    let comma = text.char_indices().find(|&(_, c)| {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ => {}
        }
        c == ',' && depth == 0
    });
    let Some((at, _)) = comma else {
        return text.trim();
    };
    let next = text[at + 1..].split(',').next().unwrap_or("");
    let lists = next.split_whitespace().any(|w| w == "and" || w == "or");
    if lists {
        text.trim()
    } else {
        text[..at].trim()
    }
}

/// The role words between the mention start and the name.
fn role_text(ctx: &Ctx<'_>, s: usize, e: usize) -> Option<String> {
    clean_role(&ctx.slice(s, e))
}

/// Who a relative pronoun at token `at` stands for: a name right before it
/// (`John Stumpf, who was questioned by Elizabeth Warren`; a bracketed
/// acronym after the name is skipped), for `who` a person before an
/// apposition right before it (`Marc Morial, the chief executive of the
/// National Urban League, who`), else the noun phrase right before it (`a
/// young woman who`, `the survey, which`). None where there is none (`in
/// January, which`).
fn antecedent(ctx: &Ctx<'_>, at: usize, names: &[String]) -> Option<Who> {
    let toks = &ctx.toks;
    let mut k = at;
    if k > 0 && matches!(toks[k - 1].text.as_str(), "," | "-" | "–" | "—") {
        k -= 1;
    }
    // `President George W Bush himself, who`.
    if k > 0
        && matches!(
            toks[k - 1].lower.as_str(),
            "himself" | "herself" | "itself" | "themselves"
        )
    {
        k -= 1;
    }
    // `the International Air Transport Association (IATA), which`.
    if k > 2 && toks[k - 1].text == ")" && toks[k - 3].text == "(" {
        k -= 3;
    }
    let personal = matches!(toks[at].lower.as_str(), "who" | "whom");
    let ents: &[Entity] = ctx.doc.entities.as_deref().unwrap_or(&[]);
    let ending_at = |end_token: usize| {
        ents.iter()
            .filter(|x| speaker_rank(&x.label).is_some())
            .find(|x| end_token > 0 && x.end == toks[end_token - 1].e)
    };
    // `NAME, a tech staffer at ORG who`: the person before the apposition.
    let apposed_person = || {
        if !personal {
            return None;
        }
        let apposition_start = (0..k).rev().take(12).find(|&j| toks[j].text == ",")?;
        ending_at(apposition_start).filter(|x| speaker_rank(&x.label) == Some(0))
    };
    let entity = match ending_at(k) {
        Some(x) if speaker_rank(&x.label) == Some(0) => x,
        Some(x) => {
            // `Democrats on Capitol Hill, who`: the group, not the place.
            let start = toks.partition_point(|t| t.e <= x.start);
            let owner = (start > 0
                && speaker_rank(&x.label) == Some(2)
                && matches!(
                    toks[start - 1].lower.as_str(),
                    "on" | "in" | "at" | "of" | "from"
                ))
            .then(|| ending_at(start - 1))
            .flatten();
            apposed_person().or(owner).unwrap_or(x)
        }
        None => match apposed_person() {
            Some(x) => x,
            None => {
                let first = referents::noun_phrase_before(ctx, k)?;
                return Some(mention(ctx, first, k, names));
            }
        },
    };
    let first = toks.partition_point(|t| t.e <= entity.start);
    let end = toks.partition_point(|t| t.s < entity.end);
    (first < end).then(|| mention(ctx, first, end, names))
}

/// Where the head of the mention in tokens `[s, e)` ends: at its first
/// comma when a person or organisation (or a place opening the mention)
/// ends right before it (a bracket
/// aside: `Mitch McConnell (R-Ky.),`), unless that name sits in a
/// description followed by a person's name (`An attorney for Pagliano, Mark
/// MacDougall,`). So `Christie, who has campaigned for Donald Trump,` is
/// Christie and `Flynn, a top Trump surrogate,` is Flynn, while `The
/// Queen's grandson, Prince Harry` keeps its whole mention.
fn head_end(ctx: &Ctx<'_>, s: usize, e: usize, ents: &[Entity]) -> usize {
    let toks = &ctx.toks;
    let Some(comma) = (s + 1..e).find(|&k| toks[k].text == ",") else {
        return e;
    };
    let mut last = comma - 1;
    if toks[last].text == ")" {
        if let Some(open) = (s + 1..last).rev().find(|&j| toks[j].text == "(") {
            last = open - 1;
        }
    }
    let Some(head) = ents.iter().find(|x| {
        x.end == toks[last].e
            && x.start >= toks[s].s
            && match speaker_rank(&x.label) {
                Some(0 | 1) => true,
                // A place opening the mention: `China, Pyongyang's ally,`.
                Some(_) => x.start == toks[s].s,
                None => false,
            }
    }) else {
        return e;
    };
    let described = toks[s..last]
        .iter()
        .take_while(|t| t.s < head.start)
        .any(|t| t.word && !t.cap);
    let person_next = comma + 1 < e
        && ents
            .iter()
            .any(|x| speaker_rank(&x.label) == Some(0) && x.start == toks[comma + 1].s);
    if described && person_next {
        e
    } else {
        comma
    }
}

/// A role as written before a name, within the name's paragraph, without
/// trailing commas, possessive, honorifics, articles or prepositions (`NAO
/// head Sir` -> `NAO head`, `A spokeswoman for` -> `spokeswoman`); none
/// where it is only honorifics, holds a relative clause, or ends in `and`
/// (`Tony Blair and`: another speaker, not a role).
fn clean_role(text: &str) -> Option<String> {
    // A mention run across a paragraph break (a headline before it) keeps
    // its last paragraph.
    let r = text.rsplit('\n').next().unwrap_or(text).trim();
    let r = r
        .strip_suffix("’s")
        .or_else(|| r.strip_suffix("'s"))
        .unwrap_or(r);
    let mut words: Vec<&str> = r.split_whitespace().collect();
    let lower = |w: &str| w.trim_end_matches(',').to_lowercase();
    while let Some(last) = words.pop() {
        let word = last.trim_end_matches(',');
        let dropped = word.is_empty()
            || lexicon::is_honorific(word)
            || matches!(
                lower(word).as_str(),
                "the" | "a" | "an" | "of" | "for" | "to" | "with" | "at" | "from"
            );
        if !dropped {
            words.push(word);
            break;
        }
    }
    let ok = words.iter().any(|w| w.chars().any(char::is_alphabetic))
        && !words
            .last()
            .is_some_and(|w| matches!(lower(w).as_str(), "and" | "or"))
        && !words
            .iter()
            .any(|w| matches!(lower(w).as_str(), "who" | "which" | "whose"));
    let role = words.join(" ");
    (ok && !referents::is_role_fragment(&role)).then_some(role)
}

/// Capitalised words, none a title or honorific (`Liberal` before
/// `Democrats`): the start of a name rather than a role.
fn is_name_prefix(role: &str) -> bool {
    let words: Vec<&str> = role.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
                && !lexicon::is_title(w)
                && !lexicon::is_honorific(w)
        })
}

/// The fullest mention of entity `idx`: the longest entity of the same
/// label that equals it, ends with it (a surname; people and organisations
/// only) or expands its acronym.
fn fullest(ents: &[Entity], idx: usize) -> (usize, &Entity) {
    let me = &ents[idx];
    let mut best = (idx, me);
    for (i, x) in ents.iter().enumerate() {
        if x.label != me.label && !(is_acronym(&me.text) && speaker_rank(&x.label).is_some()) {
            continue;
        }
        // A surname (`Trump`) or short name (`the Committee`) grows into
        // the full one; a place or group does not (`Americans` is not
        // `Lithuanian Americans`, nor `Korea` `North Korea`).
        let grows = matches!(speaker_rank(&me.label), Some(0 | 1));
        let matches = x.text == me.text
            || (grows && x.text.ends_with(&format!(" {}", me.text)))
            || (is_acronym(&me.text) && initials(&x.text) == me.text);
        let longer = x.text.chars().count() > best.1.text.chars().count()
            || (x.text.chars().count() == best.1.text.chars().count() && i < best.0);
        if matches && longer {
            best = (i, x);
        }
    }
    best
}

fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    (2..=6).contains(&n) && s.chars().all(|c| c.is_ascii_uppercase())
}

fn initials(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

/// Expands a surname or acronym to the fullest name seen in the document.
fn expand(name: &str, names: &[String]) -> String {
    let name = name
        .strip_suffix("’s")
        .or_else(|| name.strip_suffix("'s"))
        .unwrap_or(name);
    let mut best = name.to_string();
    let suffix = format!(" {name}");
    for cand in names {
        let ok = cand.ends_with(&suffix) || (is_acronym(name) && initials(cand) == name);
        if ok && cand.chars().count() > best.chars().count() {
            best = cand.clone();
        }
    }
    best
}

/// Runs of two to four capitalised words in the text (titles stripped):
/// the candidate full names for surname and acronym expansion.
fn name_runs(ctx: &Ctx<'_>) -> Vec<String> {
    let toks = &ctx.toks;
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if !(toks[i].cap && toks[i].word) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < toks.len() && toks[j].cap && toks[j].word {
            j += 1;
        }
        let mut s = i;
        while s < j && (lexicon::is_title(&toks[s].text) || lexicon::is_honorific(&toks[s].text)) {
            s += 1;
        }
        if let Some(p) = toks[s..j].iter().rposition(|w| lexicon::is_title(&w.text)) {
            s += p + 1;
        }
        if j - s >= 2 && j - s <= 4 {
            let text = ctx.slice(toks[s].s, toks[j - 1].e);
            let text = text
                .strip_suffix("’s")
                .or_else(|| text.strip_suffix("'s"))
                .unwrap_or(&text)
                .to_string();
            out.push(text);
        }
        i = j;
    }
    out
}

/// Most characters between a cue or clause and the date it is dated by
/// (`said on November 7`): room for "on"/"in", spaces and a comma.
const MAX_DATE_GAP: usize = 16;

/// Longest date expression [`claim_date`] looks back for.
const MAX_DATE_LENGTH: usize = 256;

/// TIMEX3 value of when the claim was made: a date right after the cue
/// (`said on November 7`), between speaker and cue (`issued on October 31
/// announced`), or opening the clause (`on October 29, X stated`). A date
/// inside the content is what the claim talks about, never when it was made
/// (`hopes 2005 sales will ...`), unless it opens the content before its
/// `that` (`point out earlier this week that ...`: the content was tagged
/// too wide).
fn claim_date(
    ctx: &Ctx<'_>,
    source: Option<(usize, usize)>,
    cue: Option<(usize, usize)>,
    content: (usize, usize),
) -> Option<String> {
    ctx.doc.dates.as_ref()?;
    let (cs, ce) = cue?;
    let clause_start = source.map_or(cs, |s| s.0.min(cs));
    // Only dates starting near the clause can qualify (a date expression
    // is far shorter than MAX_DATE_LENGTH).
    let first = ctx
        .dates
        .partition_point(|t| t.start + MAX_DATE_LENGTH < clause_start);
    let last = ctx.dates.partition_point(|t| t.start <= ce + MAX_DATE_GAP);
    for t in ctx.dates.get(first..last).unwrap_or_default() {
        // Gaps are looked at only when short: "on", "in", spaces, commas.
        let after = t.start >= ce && t.start - ce <= MAX_DATE_GAP && {
            let gap = ctx.slice(ce, t.start);
            let gap = gap.trim();
            gap.is_empty() || gap == "on" || gap == "in"
        };
        let between = source.is_some_and(|(_, se)| se <= t.start && t.end <= cs && se < cs);
        let before = t.end <= clause_start && clause_start - t.end <= MAX_DATE_GAP && {
            let gap = ctx.slice(t.end, clause_start);
            gap.chars().all(|c| c.is_whitespace() || c == ',')
                && (t.text.to_lowercase().starts_with("on ")
                    || ctx.slice(t.start.saturating_sub(3), t.start).to_lowercase() == "on ")
        };
        if (after || between || before) && !dates_content(ctx, t, content, (cs, ce)) {
            return Some(t.value.clone());
        }
    }
    None
}

/// Whether date `t` is part of what content `[s, e)` says: inside it, not
/// outside quotation marks in an attribution the content holds with its
/// `cue` (`“A,” X said Friday. “B.”`) and not opening it before `that`, an article or a
/// pronoun (`point out earlier this week that ...`, `revealed Tuesday the
/// drug ...`: the content was tagged too wide), where a date before a noun
/// (`2005 sales`, `next week's report`) is the content's.
fn dates_content(ctx: &Ctx<'_>, t: &Timex, (s, e): (usize, usize), cue: (usize, usize)) -> bool {
    let inside = t.start < e && s < t.end;
    let between_quotes = s <= cue.0
        && cue.1 <= e
        && ctx.speech_kind(s, e) != "indirect"
        && ctx.quote_containing(t.start).is_none();
    let next = ctx.slice(t.end, e);
    let next = next.split_whitespace().next().unwrap_or("").to_lowercase();
    let opens_clause = ctx.slice(s, t.start).trim().is_empty()
        && (matches!(next.as_str(), "that" | "the" | "a" | "an")
            || (lexicon::is_pronoun(&next) && next != "who"));
    inside && !between_quotes && !opens_clause
}
