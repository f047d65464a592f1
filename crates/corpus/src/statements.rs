//! Repeated statements: claims by one speaker whose contents are (nearly)
//! the same, such as one quote carried by several outlets or repeated in
//! several articles, form one group.
//!
//! Contents are compared as sets of word trigrams (lowercase, punctuation
//! dropped). Two contents of one speaker are one statement when at least
//! [`CONTAINMENT`] of the shorter one's trigrams are in the longer one (so
//! a quote that one outlet shortens still joins), and the shorter has at
//! least [`MIN_WORDS`] words. Identical contents are stored once, so memory
//! grows with distinct statements, not with claims or documents.

use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// The share of the shorter content's trigrams the longer must contain.
pub const CONTAINMENT: f64 = 0.8;

/// The fewest words a content needs to join a group.
pub const MIN_WORDS: usize = 5;

/// Distinct statements per speaker, gathered one claim at a time.
#[derive(Debug, Default)]
pub struct StatementIndex {
    /// (speaker key, content fingerprint) → statement number.
    ids: HashMap<(String, u64), u32>,
    /// Per statement: its speaker and its trigram hashes (sorted, distinct).
    statements: Vec<(String, Vec<u64>)>,
    /// Per statement: the first article it was made in, and whether it was
    /// made in another one too.
    seen_in: Vec<(usize, bool)>,
}

impl StatementIndex {
    /// The statement number of a speaker's content in an article (new ones
    /// are added).
    pub fn add(&mut self, speaker: &str, content: &str, article: usize) -> u32 {
        let words = content_words(content);
        let fingerprint = hash_of(&words);
        let next = self.statements.len() as u32;
        let id = *self
            .ids
            .entry((speaker.to_string(), fingerprint))
            .or_insert(next);
        if id == next {
            self.statements
                .push((speaker.to_string(), trigrams(&words)));
            self.seen_in.push((article, false));
        } else if self.seen_in[id as usize].0 != article {
            self.seen_in[id as usize].1 = true;
        }
        id
    }

    /// The groups ([`Self::group`]) whose statements were made in two or
    /// more articles.
    pub fn repeated(&self, groups: &[u32]) -> std::collections::HashSet<u32> {
        let mut first_article: HashMap<u32, usize> = HashMap::new();
        let mut repeated = std::collections::HashSet::new();
        for (statement, &group) in groups.iter().enumerate() {
            let (article, several) = self.seen_in[statement];
            let first = *first_article.entry(group).or_insert(article);
            if several || first != article {
                repeated.insert(group);
            }
        }
        repeated
    }

    /// The statement number already given to a speaker's content.
    pub fn find(&self, speaker: &str, content: &str) -> Option<u32> {
        let fingerprint = hash_of(&content_words(content));
        self.ids.get(&(speaker.to_string(), fingerprint)).copied()
    }

    /// How many distinct statements there are.
    pub fn len(&self) -> usize {
        self.statements.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.statements.is_empty()
    }

    /// Groups near-duplicate statements of each speaker: for every
    /// statement, the number of the first statement of its group.
    pub fn group(&self) -> Vec<u32> {
        let mut parent: Vec<u32> = (0..self.statements.len() as u32).collect();
        let mut by_speaker: HashMap<&str, Vec<u32>> = HashMap::new();
        for (i, (speaker, _)) in self.statements.iter().enumerate() {
            by_speaker
                .entry(speaker.as_str())
                .or_default()
                .push(i as u32);
        }
        for members in by_speaker.values().filter(|m| m.len() > 1) {
            let mut postings: HashMap<u64, Vec<u32>> = HashMap::new();
            for &i in members {
                let grams = &self.statements[i as usize].1;
                let mut candidates: Vec<u32> = grams
                    .iter()
                    .filter_map(|g| postings.get(g))
                    .flatten()
                    .copied()
                    .collect();
                candidates.sort_unstable();
                candidates.dedup();
                for j in candidates {
                    if near_duplicate(grams, &self.statements[j as usize].1) {
                        union(&mut parent, i, j);
                    }
                }
                for &g in grams {
                    postings.entry(g).or_default().push(i);
                }
            }
        }
        (0..parent.len() as u32)
            .map(|i| find(&mut parent, i))
            .collect()
    }
}

fn find(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        parent[i as usize] = parent[parent[i as usize] as usize];
        i = parent[i as usize];
    }
    i
}

/// Joins two sets; the smaller number (the earlier statement) is the root.
fn union(parent: &mut [u32], a: u32, b: u32) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
    parent[child as usize] = root;
}

/// A content's words, lowercase, letters and digits only.
pub fn content_words(content: &str) -> Vec<String> {
    content
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| w.trim_matches(|c| c == '\'' || c == '’').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Hashes of a content's word trigrams, sorted and distinct; empty below
/// [`MIN_WORDS`] words.
fn trigrams(words: &[String]) -> Vec<u64> {
    if words.len() < MIN_WORDS {
        return Vec::new();
    }
    let mut grams: Vec<u64> = words.windows(3).map(hash_of).collect();
    grams.sort_unstable();
    grams.dedup();
    grams
}

fn near_duplicate(a: &[u64], b: &[u64]) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let shared = short
        .iter()
        .filter(|g| long.binary_search(g).is_ok())
        .count();
    shared as f64 >= CONTAINMENT * short.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_quote_in_several_outlets_is_one_group_per_speaker() {
        let mut index = StatementIndex::default();
        let full = "We will not hesitate to engage in any constructive diplomatic effort proposed by Tehran";
        let andrabi = "PERSON:tahir andrabi";
        let a = index.add(andrabi, full, 0);
        let b = index.add(
            andrabi,
            "we will not hesitate to engage in any constructive diplomatic effort",
            1,
        );
        let c = index.add(andrabi, full, 2);
        let d = index.add("PERSON:khawaja asif", full, 2);
        let e = index.add(
            andrabi,
            "Talks with Kabul have failed and will not resume this year",
            3,
        );
        let f = index.add(andrabi, "No comment", 3);
        let g = index.add(andrabi, "no comment", 3);
        assert_eq!((a, c), (0, 0), "identical contents are one statement");
        assert_eq!(index.len(), 5);
        let groups = index.group();
        assert_eq!(
            groups[a as usize], groups[b as usize],
            "a shortened quote joins"
        );
        assert_ne!(
            groups[a as usize], groups[d as usize],
            "another speaker never joins"
        );
        assert_ne!(groups[a as usize], groups[e as usize]);
        assert_eq!(f, g, "short identical contents are still one statement");
        assert_eq!(groups, [0, 0, 2, 3, 4]);
        let repeated: Vec<u32> = {
            let mut r: Vec<u32> = index.repeated(&groups).into_iter().collect();
            r.sort_unstable();
            r
        };
        assert_eq!(
            repeated,
            [0],
            "only the quote made in articles 0, 1 and 2 is repeated"
        );
        assert_eq!(index.find("PERSON:khawaja asif", full), Some(d));
    }
}
