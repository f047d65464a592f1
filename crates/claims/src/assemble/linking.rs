//! Linking tagged roles into frames: contents cut at paragraph breaks and
//! joined to their nearest cue, sources paired with cues one to one, and
//! claims without a cue beside a source.

use super::*;

impl Ctx<'_> {
    /// Frames from tagged roles (see the module docs).
    pub(super) fn role_frames(&self, roles: &[RoleSpan]) -> Vec<Frame> {
        let of = |role: Role| -> Vec<Chars> {
            let mut spans: Vec<Chars> = roles
                .iter()
                .filter(|r| r.role == role && r.start < r.end)
                .map(|r| (r.start, r.end.min(self.chars.len())))
                .filter(|r| r.0 < r.1)
                .collect();
            spans.sort_unstable();
            spans
        };
        let (sources, cues) = (of(Role::Source), of(Role::Cue));
        let contents: Vec<Chars> = of(Role::Content)
            .into_iter()
            .flat_map(|c| self.paragraphs_of(c))
            .filter(|&c| !self.is_question(c))
            .collect();
        let mut cue_contents: Vec<Vec<Chars>> = vec![Vec::new(); cues.len()];
        let mut uncued = Vec::new();
        for &content in &contents {
            match self.nearest_cue(&cues, content, MAX_CONTENT_GAP) {
                Some(c) => cue_contents[c].push(content),
                None => uncued.push(content),
            }
        }
        let mut joined: Vec<Option<Chars>> = Vec::with_capacity(cues.len());
        for (&cue, contents) in cues.iter().zip(&cue_contents) {
            let (content, left) = self.join_contents(cue, contents);
            joined.push(content);
            uncued.extend(left);
        }
        let cue_source = self.pair_sources(&sources, &cues, &cue_contents);
        let mut frames = Vec::new();
        for ((&cue, content), source) in cues.iter().zip(joined).zip(cue_source) {
            let Some((start, end)) = content else {
                continue;
            };
            let cue = self.past_negated_contrast(cue, start);
            let cue_tokens = self.tokens_in(cue);
            if cue_tokens.is_empty()
                || !self.says_something((start, end))
                || self.is_negated(cue_tokens.clone())
                || (source.is_none() && self.is_bare_preposition(cue))
            {
                continue;
            }
            let source_tokens = source
                .map(|s| self.without_trailing_adverbs(self.without_participle(self.tokens_in(s))))
                .filter(|t| !t.is_empty())
                .map(|t| (t.start, t.end));
            let cue_text = self.slice(cue.0, cue.1).to_lowercase();
            frames.push(Frame {
                source: source_tokens,
                inherit: source_tokens.is_none(),
                cue: Some(cue),
                content: (start, end),
                according: cue_text.starts_with("according"),
                headline: false,
                sentence: self.sentence_at(cue.0),
            });
        }
        let used: Vec<Chars> = frames
            .iter()
            .filter_map(|f: &Frame| f.source)
            .map(|(s, e)| (self.toks[s].s, self.toks[e - 1].e))
            .collect();
        let free: Vec<Chars> = sources
            .into_iter()
            .filter(|s| !used.iter().any(|u| u.0 < s.1 && s.0 < u.1))
            .collect();
        frames.extend(self.uncued_frames(&uncued, &free));
        frames
    }

    /// `Kabul claimed A and alleged B`: where the rules find a coordinated
    /// cue (`and alleged`, speaker taken from the claim before) inside a
    /// model content, that content ends before the `and` and the rules'
    /// claim is added.
    pub(super) fn split_coordinated(&self, frames: &mut Vec<Frame>, rule_frames: &[Frame]) {
        let mut added = Vec::new();
        for rule in rule_frames
            .iter()
            .filter(|r| r.inherit && r.source.is_none())
        {
            let Some(cue) = rule.cue else {
                continue;
            };
            let first = self.tokens_in(cue).start;
            if first < 2 || !matches!(self.toks[first - 1].lower.as_str(), "and" | "but") {
                continue;
            }
            let cut = self.toks[first - 2].e;
            let Some(model) = frames.iter_mut().find(|m| {
                m.content.0 < cut
                    && cue.1 <= m.content.1
                    && m.cue.is_some_and(|c| c.1 <= m.content.0 || c.1 <= cut)
            }) else {
                continue;
            };
            if frames_overlap_cue(&added, cue) {
                continue;
            }
            model.content.1 = cut;
            added.push(rule.clone());
        }
        frames.extend(added);
    }

    /// One content for a cue: the first of its contents by sentences apart,
    /// then a quotation before unquoted text (`“A,” X said after B` quotes
    /// A), then characters apart; joined with the others only where at most
    /// six words stand between them (`“A,” he said, “B.”`). Returns it and
    /// the contents left out.
    pub(super) fn join_contents(
        &self,
        cue: Chars,
        contents: &[Chars],
    ) -> (Option<Chars>, Vec<Chars>) {
        let mut by_distance = contents.to_vec();
        by_distance.sort_by_key(|&c| {
            let apart = self
                .distance(c, cue, usize::MAX)
                .map_or(usize::MAX, |d| d.0);
            let quote_beside =
                self.touches_quote(c) && self.words_between(c, cue) <= MAX_WORDS_BEFORE_QUOTE;
            (apart, !quote_beside, gap(c, cue), c)
        });
        let Some((&first, rest)) = by_distance.split_first() else {
            return (None, Vec::new());
        };
        let mut joined = first;
        let mut left = Vec::new();
        for &next in rest {
            let between = self.between(joined, next);
            let words = self.words_between(joined, next);
            let quoted = self.touches_quote(joined) && self.touches_quote(next);
            if (quoted || words <= MAX_WORDS_BETWEEN_UNQUOTED)
                && words <= MAX_WORDS_BETWEEN_PARTS
                && !between.contains('\n')
            {
                joined = (joined.0.min(next.0), joined.1.max(next.1));
            } else {
                left.push(next);
            }
        }
        (Some(joined), left)
    }

    /// `“...” ― Jane Doe`: a content no cue took, next to a source no cue
    /// took, is a claim without a cue.
    pub(super) fn uncued_frames(&self, contents: &[Chars], sources: &[Chars]) -> Vec<Frame> {
        let mut used = vec![false; sources.len()];
        let mut frames = Vec::new();
        for &content in contents {
            let nearest = near(sources, content, MAX_UNCUED_GAP)
                .filter(|&i| !used[i])
                .filter_map(|i| {
                    self.distance(sources[i], content, MAX_UNCUED_GAP)
                        .map(|d| (d, i))
                })
                .min();
            let Some((_, i)) = nearest else {
                continue;
            };
            let tokens = self.tokens_in(sources[i]);
            if tokens.is_empty() {
                continue;
            }
            used[i] = true;
            frames.push(Frame {
                source: Some((tokens.start, tokens.end)),
                inherit: false,
                cue: None,
                content,
                according: false,
                headline: false,
                sentence: self.sentence_at(content.0),
            });
        }
        frames
    }

    /// One source per cue with content, one cue per source: the closest
    /// pairs first (fewest sentences apart, then fewest characters).
    pub(super) fn pair_sources(
        &self,
        sources: &[Chars],
        cues: &[Chars],
        cue_contents: &[Vec<Chars>],
    ) -> Vec<Option<Chars>> {
        let mut pairs = Vec::new();
        for (s, &source) in sources.iter().enumerate() {
            for c in near(cues, source, MAX_SOURCE_GAP) {
                let cue = cues[c];
                if cue_contents[c].is_empty() {
                    continue;
                }
                if let Some(distance) = self.distance(source, cue, MAX_SOURCE_GAP) {
                    pairs.push((distance, s, c));
                }
            }
        }
        pairs.sort_unstable();
        let mut cue_source = vec![None; cues.len()];
        let mut used = vec![false; sources.len()];
        for (_, s, c) in pairs {
            if !used[s] && cue_source[c].is_none() {
                used[s] = true;
                cue_source[c] = Some(sources[s]);
            }
        }
        cue_source
    }

    /// How far `span` is from `cue`: sentences apart (at most
    /// [`MAX_LINK_SENTENCES`]), then characters (at most `max_gap`).
    pub(super) fn distance(&self, span: Chars, cue: Chars, max_gap: usize) -> Option<Chars> {
        let first = self.sentence_at(span.0);
        let last = self.sentence_at(span.1.saturating_sub(1).max(span.0));
        let sentence = self.sentence_at(cue.0);
        let apart = if sentence < first {
            first - sentence
        } else {
            sentence.saturating_sub(last)
        };
        let chars = gap(span, cue);
        (apart <= MAX_LINK_SENTENCES && chars <= max_gap).then_some((apart, chars))
    }

    /// Index of the cue nearest to `span`: fewest sentences apart (at most
    /// [`MAX_LINK_SENTENCES`]), then fewest characters (at most `max_gap`).
    pub(super) fn nearest_cue(&self, cues: &[Chars], span: Chars, max_gap: usize) -> Option<usize> {
        near(cues, span, max_gap)
            .filter_map(|i| self.distance(span, cues[i], max_gap).map(|d| (d, i)))
            .min()
            .map(|(_, i)| i)
    }
}
