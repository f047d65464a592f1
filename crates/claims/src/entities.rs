//! The document's entities, indexed by position, so that every lookup a
//! mention needs (the entities it overlaps, the one ending where it ends,
//! the organisations named shortly before it) costs a binary search or a
//! hash lookup rather than a pass over every entity of the document.

use std::collections::HashMap;

use newsnlp_model::Entity;

/// How readily an entity label can speak: people (0) before organisations
/// (1) before places, nationalities and other names (2); None for labels
/// that never speak (dates, amounts, works). OntoNotes and CoNLL labels
/// both count (`PERSON` and `PER`).
pub(crate) fn speaker_rank(label: &str) -> Option<u8> {
    match label {
        "PERSON" | "PER" => Some(0),
        "ORG" => Some(1),
        "GPE" | "LOC" | "NORP" | "FAC" | "MISC" => Some(2),
        _ => None,
    }
}

/// The entities of one document with position indexes.
pub(crate) struct Entities<'d> {
    /// Every entity, in the document's order.
    pub(crate) all: &'d [Entity],
    /// Indices into `all`, by start.
    by_start: Vec<usize>,
    /// The longest entity's length in characters.
    longest: usize,
    starting: HashMap<usize, Vec<usize>>,
    ending: HashMap<usize, Vec<usize>>,
}

impl<'d> Entities<'d> {
    pub(crate) fn new(all: &'d [Entity]) -> Self {
        let mut by_start: Vec<usize> = (0..all.len()).collect();
        by_start.sort_by_key(|&i| (all[i].start, i));
        let mut starting: HashMap<usize, Vec<usize>> = HashMap::new();
        let mut ending: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, x) in all.iter().enumerate() {
            starting.entry(x.start).or_default().push(i);
            ending.entry(x.end).or_default().push(i);
        }
        Self {
            all,
            by_start,
            longest: all.iter().map(|x| x.end - x.start).max().unwrap_or(0),
            starting,
            ending,
        }
    }

    /// Indices of the entities sharing a character with `[s, e)`, in the
    /// document's order.
    pub(crate) fn overlapping(&self, s: usize, e: usize) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .starting_in(s.saturating_sub(self.longest), e)
            .filter(|&i| s < self.all[i].end)
            .collect();
        out.sort_unstable();
        out
    }

    /// Indices of the entities starting in `[from, to)`, by start.
    pub(crate) fn starting_in(&self, from: usize, to: usize) -> impl Iterator<Item = usize> + '_ {
        let first = self.by_start.partition_point(|&i| self.all[i].start < from);
        self.by_start[first..]
            .iter()
            .copied()
            .take_while(move |&i| self.all[i].start < to)
    }

    /// Indices of the entities starting at character `c`, in order.
    pub(crate) fn starting_at(&self, c: usize) -> &[usize] {
        self.starting.get(&c).map_or(&[], Vec::as_slice)
    }

    /// Indices of the entities ending at character `c`, in order.
    pub(crate) fn ending_at(&self, c: usize) -> &[usize] {
        self.ending.get(&c).map_or(&[], Vec::as_slice)
    }

    /// Whether an entity of a speaking label starts at `c`.
    pub(crate) fn speaker_starts_at(&self, c: usize) -> bool {
        self.starting_at(c)
            .iter()
            .any(|&i| speaker_rank(&self.all[i].label).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(label: &str, start: usize, end: usize) -> Entity {
        Entity {
            label: label.into(),
            start,
            end,
            text: String::new(),
            score: 0.9,
        }
    }

    #[test]
    fn lookups_by_position() {
        let all = vec![
            ent("PERSON", 0, 10),
            ent("ORG", 20, 23),
            ent("DATE", 21, 40),
        ];
        let index = Entities::new(&all);
        assert_eq!(index.overlapping(9, 22), vec![0, 1, 2]);
        assert_eq!(index.overlapping(10, 20), Vec::<usize>::new());
        assert_eq!(index.overlapping(30, 31), vec![2]);
        assert_eq!(index.ending_at(23), &[1]);
        assert_eq!(index.starting_at(21), &[2]);
        assert!(index.speaker_starts_at(20) && !index.speaker_starts_at(21));
        assert_eq!(index.starting_in(0, 21).collect::<Vec<_>>(), vec![0, 1]);
    }
}
