//! A set of character spans for overlap questions in logarithmic time, so
//! that checking every quote or claim against every other stays linear in
//! a document's length.

/// Spans sorted by start, with the furthest end reached up to each one.
pub(crate) struct SpanSet {
    spans: Vec<(usize, usize)>,
    reach: Vec<usize>,
}

impl SpanSet {
    pub(crate) fn new(spans: impl Iterator<Item = (usize, usize)>) -> Self {
        let mut spans: Vec<(usize, usize)> = spans.collect();
        spans.sort_unstable();
        let reach = spans
            .iter()
            .scan(0, |far, &(_, e)| {
                *far = (*far).max(e);
                Some(*far)
            })
            .collect();
        Self { spans, reach }
    }

    /// Whether some span shares a character with `[s, e)`.
    pub(crate) fn overlaps(&self, s: usize, e: usize) -> bool {
        let before_end = self.spans.partition_point(|x| x.0 < e);
        before_end > 0 && self.reach[before_end - 1] > s
    }

    /// Whether some span starts before `c`.
    pub(crate) fn any_starts_before(&self, c: usize) -> bool {
        self.spans.first().is_some_and(|x| x.0 < c)
    }
}

#[cfg(test)]
mod tests {
    use super::SpanSet;

    #[test]
    fn overlap_is_any_shared_character() {
        let set = SpanSet::new([(10, 20), (0, 3), (30, 31)].into_iter());
        assert!(set.overlaps(19, 25));
        assert!(set.overlaps(2, 5));
        assert!(!set.overlaps(3, 10));
        assert!(!set.overlaps(20, 30));
        assert!(set.overlaps(0, 100));
        assert!(set.any_starts_before(1));
        assert!(!set.any_starts_before(0));
        assert!(!SpanSet::new(std::iter::empty()).overlaps(0, 10));
    }
}
