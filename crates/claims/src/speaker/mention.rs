//! The canonical speaker of a mention (`Defence Minister Khawaja Asif`,
//! `the company`, `Scottish ministers`, `Some analysts`): the fullest name
//! of an entity it holds, the organisation a definite noun stands for, the
//! trailing capitalised words the rules take for a name, or the common
//! noun phrase itself.

use crate::entities::speaker_rank;
use crate::lexicon;
use crate::names::strip_possessive;

use super::roles::{clean_role, is_name_prefix};
use super::{Resolver, Who};

impl Resolver<'_, '_> {
    /// Canonical speaker of the mention in tokens `[s, e)`.
    pub(super) fn mention(&self, s: usize, e: usize) -> Who {
        let toks = &self.ctx.toks;
        let mention_start = s;
        let mut s = s;
        while s < e && lexicon::is_determiner(&toks[s].lower) {
            s += 1;
        }
        if s >= e {
            return Who::default();
        }
        // `The International Energy Agency (IEA)`: the name, not its acronym.
        let e = if e > s + 3 && toks[e - 1].text == ")" && toks[e - 3].text == "(" {
            e - 3
        } else {
            e
        };
        let e = self.head_end(s, e);
        if let Some(person) = self.definite_person(mention_start, e) {
            let role = self.ctx.slice(toks[s].s, toks[e - 1].e);
            return Who {
                role: Some(role),
                ..Who::named(&self.ctx.ents.all[person].text, Some(person))
            };
        }
        if let Some(org) = self.definite_organisation(mention_start, e) {
            return Who::named(strip_possessive(&self.ctx.ents.all[org].text), Some(org));
        }
        let (cs, ce) = (toks[s].s, toks[e - 1].e);
        if let Some(who) = self.possessive_role(mention_start, e) {
            return who;
        }
        if let Some(who) = self.entity_speaker(e, cs, ce) {
            return who;
        }
        self.capitalised_speaker(s, e, cs, ce)
            .unwrap_or_else(|| self.common_noun_speaker(mention_start, s, ce))
    }

    /// A role someone holds for someone else is its own speaker: `His
    /// attorney` (the man named last before it), `Morrison's lawyer`,
    /// never the possessor. The mention is a possessive (a name with `'s`,
    /// or `his` / `her` / `their`) then lowercase role words ending in a
    /// role noun.
    fn possessive_role(&self, s: usize, e: usize) -> Option<Who> {
        let ctx = self.ctx;
        let toks = &ctx.toks;
        let role_at = (s..e).find(|&k| {
            let t = &toks[k];
            matches!(t.lower.as_str(), "his" | "her" | "their")
                || t.text.ends_with("'s")
                || t.text.ends_with("’s")
        })? + 1;
        if role_at >= e
            || !toks[role_at..e].iter().all(|t| t.word && !t.cap)
            || !lexicon::is_role_noun(&toks[e - 1].lower)
        {
            return None;
        }
        let role = ctx.slice(toks[role_at].s, toks[e - 1].e);
        let owner_word = toks[role_at - 1].lower.as_str();
        let owner = match owner_word {
            "his" | "her" => self.person_before(toks[s].s, owner_word == "her")?,
            "their" => return None,
            _ => {
                let from = (s..role_at)
                    .find(|&k| !lexicon::is_determiner(&toks[k].lower))
                    .unwrap_or(s);
                let name = ctx.slice(toks[from].s, toks[role_at - 1].e);
                self.runs.expand(strip_possessive(&name))
            }
        };
        Some(Who {
            role: Some(role.clone()),
            ..Who::named(&format!("{owner}'s {role}"), None)
        })
    }

    /// The fullest name of the person named last before character `at`
    /// (within a paragraph's reach, outside quotes) whose gender fits.
    fn person_before(&self, at: usize, female: bool) -> Option<String> {
        let ctx = self.ctx;
        let wanted = if female {
            lexicon::Gender::Female
        } else {
            lexicon::Gender::Male
        };
        let people: Vec<usize> = ctx
            .ents
            .starting_in(at.saturating_sub(1_000), at)
            .filter(|&i| speaker_rank(&ctx.ents.all[i].label) == Some(0))
            .filter(|&i| ctx.quote_containing(ctx.ents.all[i].start).is_none())
            .collect();
        let found = people.into_iter().rev().find(|&i| {
            let full = &ctx.ents.all[self.fullest.of(i)].text;
            let who = Who::named(full, Some(i));
            super::gender::gender_of(&who, &self.genders).is_none_or(|g| g == wanted)
        })?;
        Some(ctx.ents.all[self.fullest.of(found)].text.clone())
    }

    /// The speaker from the most speaker-like entity in characters `[cs,
    /// ce)` (people before organisations before places; the last on a
    /// tie), with the role written before it; None without one.
    fn entity_speaker(&self, e: usize, cs: usize, ce: usize) -> Option<Who> {
        let ctx = self.ctx;
        let toks = &ctx.toks;
        let ents = ctx.ents.all;
        let (rank, idx) = ctx
            .ents
            .overlapping(cs, ce)
            .into_iter()
            .filter_map(|i| speaker_rank(&ents[i].label).map(|r| (r, i)))
            .min_by_key(|&(r, i)| (r, usize::MAX - i))?;
        let ent = &ents[idx];
        // `the Tory leader`, `Scottish ministers`: a place or group word
        // before a common noun describes the speaker, who is not the
        // place or group itself (`China, Pyongyang's only ally,` is).
        let after_entity = toks.partition_point(|t| t.s < ent.end);
        let apposed = toks.get(after_entity).is_some_and(|t| t.text == ",");
        if rank == 2 && ent.end < ce && !apposed && !toks[e - 1].cap {
            // Up to an apposition (`The Swedish firm, the world's largest
            // maker of ...`).
            let whole = ctx.slice(cs, ce);
            return Some(Who::unnamed(strip_possessive(phrase_head(&whole))));
        }
        let full_idx = self.fullest.of(idx);
        let full = &ents[full_idx];
        let role = clean_role(&ctx.slice(cs, ent.start.max(cs)));
        // `the Liberal Democrats` tagged `Democrats`: capitalised words
        // right before an organisation or group that are no title belong
        // to its name.
        let prefix = role
            .as_deref()
            .filter(|_| speaker_rank(&ent.label) != Some(0))
            .filter(|r| is_name_prefix(r) && ctx.slice(cs, ent.start).trim_end() == *r);
        if let Some(prefix) = prefix {
            let name = if full.text.starts_with(prefix) {
                full.text.clone()
            } else {
                format!("{prefix} {}", full.text)
            };
            return Some(Who::named(&name, Some(full_idx)));
        }
        Some(Who {
            role,
            ..Who::named(&full.text, Some(full_idx))
        })
    }

    /// Rules without an entity: the trailing run of capitalised words is
    /// the name (`Foreign Office spokesperson Tahir Hussain Andrabi`); a
    /// mention all capitalised has its titles first (`Defence Minister
    /// Khawaja Asif`), and a role alone may link its words with `and`,
    /// `of`, `for` (`the Trade and Industry Secretary`). None when the
    /// mention ends in a lowercase word.
    fn capitalised_speaker(&self, s: usize, e: usize, cs: usize, ce: usize) -> Option<Who> {
        let ctx = self.ctx;
        let toks = &ctx.toks;
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
        if n == e {
            return None;
        }
        if n > s {
            let name = ctx.slice(toks[n].s, ce);
            return Some(Who {
                role: clean_role(&ctx.slice(cs, toks[n - 1].e)),
                ..Who::named(&self.runs.expand(&name), None)
            });
        }
        let name_from = self.name_start(s, e);
        let mut ns = name_from;
        while ns < e && lexicon::is_honorific(&toks[ns].text) {
            ns += 1;
        }
        if ns >= e {
            ns = s;
        }
        let name = ctx.slice(toks[ns].s, ce);
        let role = (name_from > s)
            .then(|| clean_role(&ctx.slice(cs, toks[name_from - 1].e)))
            .flatten();
        Some(Who {
            role,
            ..Who::named(&self.runs.expand(&name), None)
        })
    }

    /// Where the name starts in an all-capitalised mention `[s, e)`: after
    /// its last title word (`Defence Minister`), else after its leading
    /// titles and honorifics, else at its start.
    fn name_start(&self, s: usize, e: usize) -> usize {
        let cap_words = &self.ctx.toks[s..e];
        let leading = cap_words
            .iter()
            .take_while(|w| lexicon::is_title(&w.text) || lexicon::is_honorific(&w.text))
            .count();
        match cap_words.iter().rposition(|w| lexicon::is_title(&w.text)) {
            Some(p) if p + 1 < cap_words.len() => s + p + 1,
            _ if leading < cap_words.len() => s + leading,
            _ => s,
        }
    }

    /// A common noun keeps its quantifier (`Both sides`, `Some analysts`),
    /// not its article, nor a clause after a comma (`A study in 2000, which
    /// was`).
    fn common_noun_speaker(&self, mention_start: usize, s: usize, ce: usize) -> Who {
        let toks = &self.ctx.toks;
        let mut q = mention_start;
        while q < s && matches!(toks[q].lower.as_str(), "the" | "a" | "an" | "this" | "that") {
            q += 1;
        }
        let whole = self.ctx.slice(toks[q].s, ce);
        Who::unnamed(strip_possessive(phrase_head(&whole)))
    }

    /// Where the head of the mention in tokens `[s, e)` ends: at its first
    /// comma when a person or organisation (or a place opening the mention)
    /// ends right before it (a bracket aside: `Mitch McConnell (R-Ky.),`),
    /// unless that name sits in a description followed by a person's name
    /// (`An attorney for Pagliano, Mark MacDougall,`). So `Christie, who has
    /// campaigned for Donald Trump,` is Christie and `Flynn, a top Trump
    /// surrogate,` is Flynn, while `The Queen's grandson, Prince Harry`
    /// keeps its whole mention.
    fn head_end(&self, s: usize, e: usize) -> usize {
        let ctx = self.ctx;
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
        let head = ctx
            .ents
            .ending_at(toks[last].e)
            .iter()
            .map(|&i| &ctx.ents.all[i])
            .find(|x| {
                x.start >= toks[s].s
                    && match speaker_rank(&x.label) {
                        Some(0 | 1) => true,
                        // A place opening the mention: `China, Pyongyang's ally,`.
                        Some(_) => x.start == toks[s].s,
                        None => false,
                    }
            });
        let Some(head) = head else {
            return e;
        };
        // `The Mandan, North Dakota, police chief, Jason Ziegler,`: a place
        // opening a mention that goes on to name a person is no head.
        let person_later = ctx
            .ents
            .overlapping(toks[comma].e, toks[e - 1].e)
            .into_iter()
            .any(|i| speaker_rank(&ctx.ents.all[i].label) == Some(0));
        if speaker_rank(&head.label) == Some(2) && person_later {
            return e;
        }
        let described = toks[s..last]
            .iter()
            .take_while(|t| t.s < head.start)
            .any(|t| t.word && !t.cap);
        let person_next = comma + 1 < e
            && ctx
                .ents
                .starting_at(toks[comma + 1].s)
                .iter()
                .any(|&i| speaker_rank(&ctx.ents.all[i].label) == Some(0));
        if described && person_next {
            e
        } else {
            comma
        }
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
