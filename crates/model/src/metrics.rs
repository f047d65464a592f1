//! Precision, recall and F1: the one implementation every evaluation uses.

/// Match counts for one label, layer or corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold items.
    pub gold: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Predicted items that match a gold item.
    pub correct: usize,
}

impl Counts {
    /// `correct / predicted`.
    pub fn precision(&self) -> f64 {
        prf(self.correct, self.predicted, self.gold).0
    }

    /// `correct / gold`.
    pub fn recall(&self) -> f64 {
        prf(self.correct, self.predicted, self.gold).1
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        prf(self.correct, self.predicted, self.gold).2
    }

    /// Adds another set of counts (micro-averaging).
    pub fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.correct += other.correct;
    }
}

/// Precision, recall and F1 from `correct` matches among `predicted` items
/// and `gold` items. Finding nothing where there was nothing to find scores
/// 1; predicting nothing where there was something (or the reverse) scores 0.
pub fn prf(correct: usize, predicted: usize, gold: usize) -> (f64, f64, f64) {
    let nothing_at_all = predicted == 0 && gold == 0;
    let ratio = |n: usize, d: usize| match d {
        0 if nothing_at_all => 1.0,
        0 => 0.0,
        _ => n as f64 / d as f64,
    };
    let (p, r) = (ratio(correct, predicted), ratio(correct, gold));
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores() {
        let c = Counts {
            gold: 4,
            predicted: 2,
            correct: 1,
        };
        assert_eq!((c.precision(), c.recall()), (0.5, 0.25));
        assert!((c.f1() - 1.0 / 3.0).abs() < 1e-12);
        assert_eq!(prf(0, 0, 0), (1.0, 1.0, 1.0));
        assert_eq!(prf(0, 0, 3), (0.0, 0.0, 0.0));
        assert_eq!(prf(0, 2, 0), (0.0, 0.0, 0.0));
    }
}
