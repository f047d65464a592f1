//! Reporting cues: verbs from the lexicon and `according to`, with the
//! noun, passive, infinitive and negated uses that are not cues left out.

use crate::lexicon::{self, Form};
use crate::Ctx;

/// A reporting cue found in a sentence: tokens `[i, j)`.
#[derive(Debug, Clone)]
pub(crate) struct Cue {
    pub(crate) i: usize,
    pub(crate) j: usize,
    pub(crate) lemma: &'static str,
    pub(crate) form: Form,
    pub(crate) according: bool,
}

impl Ctx<'_> {
    /// Reporting cues of sentence `[a, b)`, negated ones left out.
    pub(crate) fn cues(&self, a: usize, b: usize) -> Vec<Cue> {
        let t = &self.toks;
        let mut out = Vec::new();
        let mut i = a;
        while i < b {
            if t[i].lower == "according" && i + 1 < b && t[i + 1].lower == "to" {
                out.push(Cue {
                    i,
                    j: i + 2,
                    lemma: "according to",
                    form: Form::Base,
                    according: true,
                });
                i += 2;
                continue;
            }
            if let Some((lemma, form)) = lexicon::cue_verb(&t[i].lower) {
                if self.is_real_cue(a, b, i, lemma, form) {
                    let mut j = i + 1;
                    if lemma == "point" {
                        j += 1; // pointed out
                    }
                    out.push(Cue {
                        i,
                        j,
                        lemma,
                        form,
                        according: false,
                    });
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        out
    }

    pub(crate) fn is_real_cue(
        &self,
        a: usize,
        b: usize,
        i: usize,
        lemma: &str,
        form: Form,
    ) -> bool {
        let t = &self.toks;
        // A capitalised cue word mid-sentence is a name or a title (`Said`).
        if t[i].cap && i > a && !t[i - 1].is_quote() {
            return false;
        }
        let next = t.get(i + 1).filter(|_| i + 1 < b);
        let next_lower = next.map_or("", |n| n.lower.as_str());
        if lemma == "point" && next_lower != "out" {
            return false;
        }
        // Noun uses: `the report`, `a claim`, `his statement`.
        if i > a && lexicon::is_determiner(&t[i - 1].lower) && form != Form::Past {
            return false;
        }
        // `an effort proposed by Tehran`: a passive participle.
        if form == Form::Past && next_lower == "by" {
            return false;
        }
        // `Kabul’s claims`: a noun after a possessive.
        if i > a
            && (t[i - 1].lower.ends_with("’s") || t[i - 1].lower.ends_with("'s"))
            && !matches!(form, Form::Past | Form::Ing)
        {
            return false;
        }
        if lexicon::is_nouny(lemma)
            && matches!(form, Form::Base | Form::ThirdSingular)
            && !matches!(next_lower, "that" | ":" | "“" | "\"" | ",")
        {
            return false;
        }
        // Cues inside quotations (nested speech) are left to the quote.
        if self.quote_containing(t[i].s).is_some() {
            return false;
        }
        if lexicon::needs_clause(lemma) {
            let next2 = t
                .get(i + 2)
                .filter(|_| i + 2 < b)
                .map_or("", |n| n.lower.as_str());
            let ok = matches!(next_lower, "that" | ":" | "“" | "\"" | ",")
                || (lemma == "point" && matches!(next2, "that" | ":" | "“" | "\""))
                || (matches!(lemma, "think" | "believe" | "fear" | "hope")
                    && (lexicon::is_pronoun(next_lower)
                        || next.is_some_and(|n| n.cap)
                        || next_lower == "the"));
            if !ok {
                return false;
            }
        }
        // Infinitives (`agreed to continue`, `declined to comment`) and
        // negated cues report nothing said.
        let mut k = i;
        while k > a {
            let w = &t[k - 1].lower;
            if lexicon::is_negation(w) {
                return false;
            }
            if w == "to" {
                return false;
            }
            if lexicon::is_be(w) && matches!(form, Form::Past) {
                // Passive (`was told`, `is expected`).
                return false;
            }
            if lexicon::is_verb_filler(w) || w == "n't" {
                k -= 1;
                continue;
            }
            break;
        }
        // `would not say` with the negation after the auxiliary is covered
        // above; `not` after the cue (`said nothing`) is left alone.
        if next_lower == "nothing" {
            return false;
        }
        true
    }

    pub(crate) fn is_cue_word(&self, k: usize) -> bool {
        lexicon::cue_verb(&self.toks[k].lower).is_some()
    }
}
