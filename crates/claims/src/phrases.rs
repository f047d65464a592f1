//! Noun phrases around a cue: the speaker mention before or after it,
//! the subject of a sentence and the one before a parenthetical clause.

use crate::lexicon;
use crate::Ctx;

impl Ctx<'_> {
    /// A noun phrase ending at token `k` (inclusive), scanning left, not
    /// before `floor`: `[start, k + 1)`.
    pub(crate) fn np_back(&self, k: usize, floor: usize) -> Option<(usize, usize)> {
        let t = &self.toks;
        let w = &t[k];
        if !w.word {
            return None;
        }
        if lexicon::is_pronoun(&w.lower) {
            return Some((k, k + 1));
        }
        if lexicon::breaks_noun_phrase(&w.lower) || lexicon::is_determiner(&w.lower) {
            return None;
        }
        let mut s = k;
        let mut seen_cap = w.cap;
        while s > floor {
            let p = &t[s - 1];
            if !p.word {
                if p.text == "-" || p.text == "." && p.e == t[s].s {
                    s -= 1;
                    continue;
                }
                break;
            }
            if lexicon::is_determiner(&p.lower) {
                s -= 1;
                break;
            }
            if lexicon::breaks_noun_phrase(&p.lower) && p.lower != "of" {
                break;
            }
            if lexicon::is_pronoun(&p.lower) || self.is_cue_word(s - 1) && !p.cap {
                break;
            }
            if p.lower == "of" {
                // `the Secretary of State`, `members of Congress`.
                if s - 1 > floor && t[s - 2].word && !lexicon::breaks_noun_phrase(&t[s - 2].lower) {
                    s -= 1;
                    continue;
                }
                break;
            }
            if p.cap {
                seen_cap = true;
            } else if seen_cap
                && !lexicon::is_role_noun(&p.lower)
                && !p.lower.ends_with("’s")
                && !p.lower.ends_with("'s")
            {
                // A lowercase word before a name: only roles join it.
                break;
            } else if !seen_cap && p.lower.ends_with("ly") {
                break;
            }
            s -= 1;
            if k + 1 - s >= 10 {
                break;
            }
        }
        // A sentence-initial capital on a function word is not part of a name.
        Some((s, k + 1))
    }

    /// A noun phrase starting at token `k`, scanning right, before `limit`.
    pub(crate) fn np_forward(&self, k: usize, limit: usize) -> Option<(usize, usize)> {
        let t = &self.toks;
        if k >= limit || !t[k].word {
            return None;
        }
        if lexicon::is_pronoun(&t[k].lower) {
            return Some((k, k + 1));
        }
        let mut e = k;
        while e < limit {
            let w = &t[e];
            if !w.word {
                if (w.text == "-" || w.text == ".") && e > k && e + 1 < limit && t[e + 1].s == w.e {
                    e += 1;
                    continue;
                }
                break;
            }
            if e > k && (lexicon::breaks_noun_phrase(&w.lower) && w.lower != "of") {
                break;
            }
            if e == k && lexicon::breaks_noun_phrase(&w.lower) {
                return None;
            }
            if e > k && lexicon::is_determiner(&w.lower) && w.lower != "one" {
                break;
            }
            if self.is_cue_word(e) && !w.cap {
                break;
            }
            if w.lower == "of" && !(e + 1 < limit && t[e + 1].word) {
                break;
            }
            e += 1;
            if e - k >= 12 {
                break;
            }
        }
        if e > k && t[e - 1].lower == "of" {
            e -= 1;
        }
        (e > k).then_some((k, e))
    }

    /// Skips a date phrase (`on October 31`, `on Tuesday`, `Tuesday`,
    /// `last week`) ending at token `k` (inclusive); returns the token before it.
    pub(crate) fn skip_date_back(&self, k: usize, floor: usize) -> usize {
        let t = &self.toks;
        let mut p = k;
        let mut moved = false;
        loop {
            let w = &t[p];
            if lexicon::is_date_word(&w.text)
                || (w.word && w.text.chars().all(|c| c.is_ascii_digit()) && w.text.len() <= 4)
                || matches!(
                    w.lower.as_str(),
                    "week"
                        | "month"
                        | "year"
                        | "night"
                        | "morning"
                        | "afternoon"
                        | "evening"
                        | "last"
                        | "this"
                        | "on"
                        | "earlier"
                        | "late"
                )
                || (w.text == ","
                    && moved
                    && p > floor
                    && t[p - 1].text.chars().all(|c| c.is_ascii_digit()))
            {
                moved = true;
                if p == floor {
                    return p;
                }
                p -= 1;
                continue;
            }
            break;
        }
        if moved {
            // A participle before the date phrase (`issued on October 31`).
            if p > floor
                && !t[p].cap
                && t[p].lower.ends_with("ed")
                && lexicon::cue_verb(&t[p].lower).is_none()
            {
                return p - 1;
            }
        }
        p
    }

    /// Finds the speaker phrase left of cue token `i`: `(np, k)` where `k`
    /// is the token just before the cue after skipping fillers.
    pub(crate) fn left_subject(
        &self,
        a: usize,
        i: usize,
    ) -> (Option<(usize, usize)>, Option<usize>) {
        let t = &self.toks;
        if i == a {
            return (None, None);
        }
        let mut k = i - 1;
        loop {
            let w = &t[k].lower;
            if lexicon::is_verb_filler(w) && k > a {
                k -= 1;
                continue;
            }
            break;
        }
        let k2 = self.skip_date_back(k, a);
        let k = if k2 != k && t[k2].word { k2 } else { k };
        (self.np_back(k, a), Some(k))
    }

    /// `X, responding to ..., said`: the phrase at the clause start before
    /// a comma-delimited insertion ending at comma token `k`.
    pub(crate) fn parenthetical_subject(&self, a: usize, k: usize) -> Option<(usize, usize)> {
        let t = &self.toks;
        let mut c = k;
        while c > a {
            c -= 1;
            if t[c].text == "," && c > a {
                if let Some(np) = self.np_back(c - 1, a) {
                    let clause_start = np.0 == a
                        || matches!(
                            t[np.0 - 1].lower.as_str(),
                            "but" | "and" | "," | "”" | "\"" | "however" | "yet" | "so"
                        );
                    if clause_start && np.1 - np.0 <= 10 {
                        return Some(np);
                    }
                }
            }
        }
        None
    }
}
