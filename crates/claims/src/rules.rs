//! The rules path of the `claims` stage: reporting cues from the lexicon,
//! the speech orders around them, `according to`, headline attribution and
//! quotes, as claim frames before speaker resolution.

use newsnlp_model::Claim;

use crate::cues::Cue;
use crate::lexicon::{self, Form};
use crate::text::Tok;
use crate::{sort_frames, speaker, Counting, Ctx, Frame};

use crate::context::MAX_QUOTE_GAP;
use crate::entities::speaker_rank;
use crate::span_set::SpanSet;

impl Ctx<'_> {
    pub(crate) fn run(&self, counting: Counting) -> Vec<Claim> {
        let mut frames = self.rule_frames();
        self.sign_quotes(&mut frames);
        self.share_coordinated_sources(&mut frames);
        speaker::resolve(self, &frames, counting)
    }

    /// The claims the rules find, before speaker resolution, in text order.
    pub(crate) fn rule_frames(&self) -> Vec<Frame> {
        let mut frames: Vec<Frame> = Vec::new();
        for (si, &(a, b)) in self.sents.iter().enumerate() {
            if a >= b {
                continue;
            }
            if let Some(f) = self.headline(si, a, b) {
                frames.push(f);
                continue;
            }
            let cues = self.cues(a, b);
            let mut in_sentence: Vec<Frame> = Vec::new();
            for (n, cue) in cues.iter().enumerate() {
                let next = cues.get(n + 1).map(|c| c.i);
                if let Some(f) = self.frame(si, a, b, cue, next, &in_sentence) {
                    in_sentence.push(f);
                }
            }
            frames.extend(in_sentence);
        }
        self.extend_quotes(&mut frames);
        self.add_uncued_quotes(&mut frames);
        sort_frames(&mut frames);
        frames
    }

    fn frame(
        &self,
        si: usize,
        a: usize,
        b: usize,
        cue: &Cue,
        next_cue: Option<usize>,
        prior: &[Frame],
    ) -> Option<Frame> {
        let t = &self.toks;
        // Sentence end, ignoring final punctuation and closing quotes.
        let mut end_tok = b;
        while end_tok > a
            && matches!(
                t[end_tok - 1].text.as_str(),
                "." | "!" | "?" | ")" | "”" | "\""
            )
        {
            if t[end_tok - 1].is_quote() && self.quote_ending_at(t[end_tok - 1].e).is_some() {
                break;
            }
            end_tok -= 1;
        }
        if cue.according {
            return self.according(si, a, b, end_tok, cue);
        }
        let (left, k) = self.left_subject(a, cue.i);
        let before = k.map(|k| t[k].lower.as_str()).unwrap_or("");
        let mut source = None;
        let mut inherit = false;
        let mut right_subject = None;
        // Inverted order: `..., said X.` / `“...,” said X`.
        let starts_clause = k.is_none() || before == "," || t[k.unwrap_or(a)].is_quote();
        if starts_clause && cue.form != Form::Ing {
            if let Some((s, e)) = self.np_forward(cue.j, b) {
                let after = t.get(e).filter(|_| e < b).map_or(".", |w| w.lower.as_str());
                if matches!(
                    after,
                    "." | ","
                        | ";"
                        | ":"
                        | "“"
                        | "”"
                        | "\""
                        | "in"
                        | "on"
                        | "at"
                        | "during"
                        | "last"
                        | "this"
                        | "after"
                        | "before"
                        | "when"
                        | "while"
                        | "!"
                        | "?"
                        | "("
                        | "—"
                        | "–"
                ) {
                    right_subject = Some((s, e));
                }
            }
        }
        if let Some(rs) = right_subject {
            source = Some(rs);
        } else if let Some(np) = left {
            // `who said` → the phrase before the relative pronoun.
            if t[np.0].lower == "who" && np.0 > a && t[np.0 - 1].text == "," && np.0 >= a + 2 {
                source = self.np_back(np.0 - 2, a).or(Some(np));
            } else if cue.form == Form::Ing
                && np.0 > a
                && !matches!(t[np.0 - 1].lower.as_str(), "with" | ",")
                && t[np.0 - 1].word
            {
                // `the country saying` inside a clause: keep only after `with`.
                inherit = true;
            } else {
                source = Some(np);
            }
        } else if before == "," {
            if cue.form == Form::Ing {
                inherit = true;
            } else if let Some(p) = self.parenthetical_subject(a, k.unwrap_or(a)) {
                source = Some(p);
            } else {
                inherit = true;
            }
        } else if matches!(before, "and" | "but" | "or" | "nor" | "then") {
            // Coordinated cue: walk back over the verb chain to its subject.
            let mut p = k.unwrap_or(a);
            while p > a {
                let w = &t[p].lower;
                if matches!(
                    w.as_str(),
                    "and" | "but" | "or" | "nor" | "neither" | "not" | "then"
                ) || lexicon::is_negation(w)
                    || lexicon::is_verb_filler(w)
                    || self.is_cue_word(p)
                {
                    p -= 1;
                    continue;
                }
                break;
            }
            let used = prior
                .iter()
                .any(|f| f.source.is_some_and(|s| s.1 > p && s.0 <= p));
            match self.np_back(p, a) {
                Some(np)
                    if !used
                        && (self.is_cue_word(p + 1)
                            || lexicon::is_negation(&t[p + 1].lower)
                            || t[p + 1].lower == "neither") =>
                {
                    source = Some(np);
                }
                _ => inherit = true,
            }
        } else if cue.form == Form::Ing || k.is_none() || t[k.unwrap_or(a)].is_quote() {
            inherit = true;
        } else {
            return None;
        }
        if !inherit && source.is_none() {
            return None;
        }
        let cue_s = t[cue.i].s;
        let cue_e = t[cue.j - 1].e;

        // Content right of the cue (or of an inverted speaker).
        let mut p = right_subject.map_or(cue.j, |rs| rs.1);
        p = self.skip_after_cue(p, end_tok, cue);
        let right_empty = p >= end_tok;
        let left_end = source.map_or(cue.i, |s| s.0.min(cue.i));
        let left_content = self.left_content(a, left_end, prior);
        let content = if right_empty
            || (right_subject.is_some() && left_content.is_some())
            || (left_content.is_some()
                && source.is_some_and(|s| s.0 > a)
                && t[left_end - 1].text == ","
                && self.after_is_end(p, end_tok))
        {
            let (s, mut e) = left_content?;
            // `“A,” he said, “B.”`: the quote goes on after the cue.
            if p < end_tok && t[p].is_quote() {
                if let Some(q) = self.quote_starting_at(t[p].s) {
                    e = q.1;
                }
            }
            (s, e)
        } else {
            if p >= end_tok {
                return None;
            }
            let s = t[p].s;
            if let Some(q) = self.quote_starting_at(s) {
                if q.1 >= t[end_tok.max(p + 1) - 1].e {
                    (s, q.1)
                } else {
                    let e = self.right_end(p, end_tok, next_cue);
                    (s, e)
                }
            } else {
                let e = self.right_end(p, end_tok, next_cue);
                (s, e)
            }
        };
        if content.1 <= content.0 {
            return None;
        }
        Some(Frame {
            source,
            inherit,
            cue: Some((cue_s, cue_e)),
            content,
            according: false,
            headline: false,
            sentence: si,
        })
    }

    fn after_is_end(&self, p: usize, end_tok: usize) -> bool {
        p >= end_tok || self.toks[p].text == "," && p + 1 < end_tok && self.toks[p + 1].is_ing()
    }

    /// Skips what stands between a cue and its content: an object
    /// (`told reporters`), `in a statement`, a date, `:`.
    fn skip_after_cue(&self, mut p: usize, end_tok: usize, cue: &Cue) -> usize {
        let t = &self.toks;
        if lexicon::takes_object(cue.lemma) && p < end_tok && t[p].word && t[p].lower != "that" {
            if let Some((_, e)) = self.np_forward(p, end_tok) {
                p = e;
            }
        }
        loop {
            if p >= end_tok {
                return p;
            }
            let w = t[p].lower.as_str();
            if matches!(w, ":" | "," | "—" | "–") {
                p += 1;
                continue;
            }
            if matches!(w, "on" | "last" | "this" | "earlier")
                && p + 1 < end_tok
                && (lexicon::is_date_word(&t[p + 1].text)
                    || matches!(
                        t[p + 1].lower.as_str(),
                        "week" | "month" | "year" | "night" | "morning"
                    ))
            {
                p += 2;
                while p < end_tok
                    && (t[p].text.chars().all(|c| c.is_ascii_digit())
                        || lexicon::is_date_word(&t[p].text))
                {
                    p += 1;
                }
                continue;
            }
            if lexicon::is_date_word(&t[p].text) && !(p + 1 < end_tok && t[p + 1].lower == "that") {
                p += 1;
                continue;
            }
            if matches!(w, "in" | "during" | "at") && p + 1 < end_tok {
                // `in a statement`, `in an interview with CNN`.
                let mut q = p + 1;
                while q < end_tok && q < p + 8 && t[q].word && t[q].lower != "that" {
                    q += 1;
                }
                let phrase: Vec<&str> = t[p + 1..q].iter().map(|x| x.lower.as_str()).collect();
                let is_venue = phrase.iter().any(|x| {
                    matches!(
                        *x,
                        "statement"
                            | "interview"
                            | "speech"
                            | "release"
                            | "letter"
                            | "tweet"
                            | "post"
                            | "email"
                            | "conference"
                            | "briefing"
                            | "rally"
                            | "remarks"
                            | "op-ed"
                            | "memo"
                            | "call"
                            | "appearance"
                            | "hearing"
                            | "debate"
                            | "video"
                            | "message"
                            | "report"
                            | "filing"
                    )
                });
                if is_venue
                    && q < end_tok
                    && (matches!(t[q].lower.as_str(), "that" | "," | ":") || t[q].is_quote())
                {
                    p = q;
                    continue;
                }
            }
            if w == "also" || w == "again" || w == "repeatedly" || w == "recently" {
                p += 1;
                continue;
            }
            return p;
        }
    }

    /// Where content starting at token `p` ends: before a participial
    /// adjunct, a coordinated cue or another speaker's clause.
    fn right_end(&self, p: usize, end_tok: usize, next_cue: Option<usize>) -> usize {
        let t = &self.toks;
        let mut q = p + 1;
        let mut open_quote: Option<(usize, usize)> = self.quote_starting_at(t[p].s);
        while q < end_tok {
            if let Some(qq) = open_quote {
                if t[q].s < qq.1 {
                    q += 1;
                    continue;
                }
                open_quote = None;
            }
            if t[q].is_quote() {
                if let Some(qq) = self.quote_starting_at(t[q].s) {
                    open_quote = Some(qq);
                    q += 1;
                    continue;
                }
            }
            let w = t[q].lower.as_str();
            // `remains “very strong,” noting that`: the comma is in the quote.
            if t[q].is_ing()
                && lexicon::cue_verb(w).is_some()
                && q >= p + 2
                && t[q - 1].is_quote()
                && t[q - 2].text == ","
            {
                break;
            }
            if matches!(w, "," | ";" | "—") && q + 1 < end_tok {
                {
                    let n = &t[q + 1];
                    if n.is_ing() && (lexicon::cue_verb(&n.lower).is_some() || q + 1 != p) {
                        break;
                    }
                    if n.lower == "according" {
                        break;
                    }
                    // `, a charge Islamabad neither confirmed nor denied`.
                    if let Some((_, e)) = self.np_forward(q + 1, end_tok) {
                        let mut r = e;
                        while r < end_tok
                            && (lexicon::is_negation(&t[r].lower)
                                || lexicon::is_verb_filler(&t[r].lower)
                                || matches!(t[r].lower.as_str(), "neither" | "nor" | "and" | "or"))
                        {
                            r += 1;
                        }
                        if r < end_tok
                            && self.is_cue_word(r)
                            && !t[r].is_ing()
                            && !lexicon::is_be(&t[r - 1].lower)
                        {
                            break;
                        }
                    }
                }
            }
            if matches!(w, "and" | "but") && Some(q + 1) == next_cue {
                break;
            }
            q += 1;
        }
        let mut e = t[q.max(p + 1) - 1].e;
        // Trailing comma / colon inside the range.
        let mut r = q.max(p + 1) - 1;
        while r > p && matches!(t[r].text.as_str(), "," | ";" | ":" | "—" | "–") {
            r -= 1;
            e = t[r].e;
        }
        // Extend into a quote that runs past the sentence.
        if let Some(qq) = self.quote_containing(e.saturating_sub(1)) {
            if qq.1 > e && qq.0 >= t[p].s {
                e = qq.1;
            }
        }
        e
    }

    /// Content left of the speaker: a quote just before it, or the clause
    /// from the sentence start to the comma.
    fn left_content(&self, a: usize, end: usize, prior: &[Frame]) -> Option<(usize, usize)> {
        let t = &self.toks;
        if end <= a {
            return None;
        }
        let mut r = end - 1;
        if t[r].text == "," || t[r].text == "—" || t[r].text == ":" {
            if r == a {
                return None;
            }
            r -= 1;
        }
        if t[r].is_quote() {
            if let Some(q) = self.quote_ending_at(t[r].e) {
                return Some(q);
            }
        }
        let floor = prior
            .iter()
            .map(|f| f.content.1)
            .filter(|&e| e <= t[r].s)
            .max()
            .unwrap_or(0);
        let mut s = a;
        while s <= r && (t[s].s < floor || t[s].text == ",") {
            s += 1;
        }
        // A leading connective (`But`, `And`) is not content.
        if s < r && matches!(t[s].lower.as_str(), "but" | "and" | "so" | "yet" | "still") {
            s += 1;
            if t[s].text == "," {
                s += 1;
            }
        }
        if s > r {
            return None;
        }
        Some((t[s].s, t[r].e))
    }

    fn according(&self, si: usize, a: usize, b: usize, end_tok: usize, cue: &Cue) -> Option<Frame> {
        let t = &self.toks;
        let src = self.np_forward(cue.j, b)?;
        let at_start = cue.i == a
            || t[a..cue.i]
                .iter()
                .all(|w| !w.word || matches!(w.lower.as_str(), "but" | "and" | "yet" | "so"));
        let content = if at_start {
            let mut p = src.1;
            while p < end_tok && !t[p].word && !t[p].is_quote() {
                p += 1;
            }
            if p >= end_tok {
                return None;
            }
            (t[p].s, self.right_end(p, end_tok, None))
        } else {
            self.left_content(a, cue.i, &[])?
        };
        Some(Frame {
            source: Some(src),
            inherit: false,
            cue: Some((t[cue.i].s, t[cue.j - 1].e)),
            content,
            according: true,
            headline: false,
            sentence: si,
        })
    }

    /// Whether characters `[start, end)` can name a speaker: they overlap a
    /// person, organisation or place the `ner` stage found, or are one
    /// acronym (`ISPR`); anything goes without entities. Keeps title
    /// prefixes (`The Latest: ...`, `Stealth Over Health: ...`) from
    /// becoming speakers.
    fn can_speak(&self, start: usize, end: usize) -> bool {
        if self.doc.entities.is_none() {
            return true;
        }
        let first = self.toks.partition_point(|w| w.s < start);
        let words: Vec<&Tok> = self.toks[first..]
            .iter()
            .take_while(|w| w.e <= end)
            .filter(|w| w.word)
            .collect();
        let acronym = words.len() == 1 && {
            let word = self.slice(words[0].s, words[0].e);
            word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase())
        };
        acronym
            || self
                .ents
                .overlapping(start, end)
                .into_iter()
                .any(|i| speaker_rank(&self.ents.all[i].label).is_some())
    }

    /// `Headline text: FO` or `Poll: headline text` in the first paragraph.
    fn headline(&self, si: usize, a: usize, b: usize) -> Option<Frame> {
        let t = &self.toks;
        let first_break = self.doc.text.find('\n').map_or(self.chars.len(), |byte| {
            self.doc.text[..byte].chars().count()
        });
        if t[a].s >= first_break {
            return None;
        }
        let colon = (a..b).find(|&k| t[k].text == ":")?;
        let right: Vec<&Tok> = t[colon + 1..b].iter().filter(|w| w.word).collect();
        let left: Vec<&Tok> = t[a..colon].iter().filter(|w| w.word).collect();
        let (source, content) = if !right.is_empty()
            && right.len() <= 3
            && right.iter().all(|w| w.cap)
            && left.len() >= 3
        {
            let last = right[right.len() - 1];
            (
                (
                    colon + 1,
                    t[colon + 1..b]
                        .iter()
                        .position(|w| std::ptr::eq(w, last))
                        .map_or(b, |p| colon + 2 + p),
                ),
                (t[a].s, t[colon - 1].e),
            )
        } else if !left.is_empty()
            && left.len() <= 3
            && left.iter().all(|w| w.cap)
            && right.len() >= 3
            && self.can_speak(t[a].s, t[colon - 1].e)
        {
            let mut e = b;
            while e > colon + 1 && !t[e - 1].word && !t[e - 1].is_quote() {
                e -= 1;
            }
            ((a, colon), (t[colon + 1].s, t[e - 1].e))
        } else {
            return None;
        };
        Some(Frame {
            source: Some(source),
            inherit: false,
            cue: Some((t[colon].s, t[colon].e)),
            content,
            according: false,
            headline: true,
            sentence: si,
        })
    }

    /// `“A,” he said. “B.”`: a direct quote goes on through the next quotes
    /// of its paragraph when only the attribution stands between them and
    /// no other cue intervenes.
    fn extend_quotes(&self, frames: &mut [Frame]) {
        let mut cues: Vec<usize> = frames.iter().filter_map(|f| f.cue.map(|c| c.0)).collect();
        cues.sort_unstable();
        for f in frames.iter_mut() {
            if f.headline || self.quote_ending_at(f.content.1).is_none() {
                continue;
            }
            loop {
                let end = f.content.1;
                let Some(next) = self.quote_from(end) else {
                    break;
                };
                // A longer gap holds a line break or more than six words.
                let gap: String = self.slice(end, next.0.min(end + MAX_QUOTE_GAP));
                let words = gap
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count();
                let from = cues.partition_point(|&c| c < end);
                let crosses_cue = cues[from..]
                    .iter()
                    .take_while(|&&c| c < next.1)
                    .any(|&c| Some(c) != f.cue.map(|x| x.0));
                if gap.contains('\n') || words > 6 || crosses_cue || next.0 - end > MAX_QUOTE_GAP {
                    break;
                }
                f.content.1 = next.1;
            }
        }
    }

    /// Quotes of four words or more that no claim covers go to the nearest
    /// preceding speaker, with no cue.
    pub(crate) fn add_uncued_quotes(&self, frames: &mut Vec<Frame>) {
        let mut extra = Vec::new();
        let covered = SpanSet::new(frames.iter().map(|f| f.content));
        for &(qs, qe) in &self.quotes {
            let words = self.chars[qs..qe]
                .iter()
                .filter(|c| c.is_whitespace())
                .count()
                + 1;
            if words < 6 {
                continue;
            }
            if covered.overlaps(qs, qe) {
                continue;
            }
            let Some(si) = self.sentence_of(qs) else {
                continue;
            };
            if !covered.any_starts_before(qs) {
                continue;
            }
            extra.push(Frame {
                source: None,
                inherit: true,
                cue: None,
                content: (qs, qe),
                according: false,
                headline: false,
                sentence: si,
            });
        }
        frames.extend(extra);
    }
}
