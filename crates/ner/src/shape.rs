//! `word_shape_v1`: the casing class of the characters one sub-token covers,
//! fed to the model as its token-type id. Must match `shape_id` in
//! `scripts/newsnlp_bert.py` exactly.

/// Number of shape classes (the model's `type_vocab_size`).
pub const SHAPE_CLASSES: i64 = 5;

/// Shape id of `piece`, the original-case text of one sub-token:
/// 0 no letters, 1 all lowercase, 2 capitalised (a lone capital too),
/// 3 all capitals (two or more letters), 4 any other mix.
pub fn shape_id(piece: &str) -> i64 {
    let mut letters = piece
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(char::is_uppercase);
    let Some(first_upper) = letters.next() else {
        return 0;
    };
    let (mut rest, mut rest_upper) = (0usize, 0usize);
    for upper in letters {
        rest += 1;
        rest_upper += usize::from(upper);
    }
    match (first_upper, rest_upper) {
        (false, 0) => 1,
        (true, 0) => 2,
        (true, n) if n == rest => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::shape_id;

    #[test]
    fn classes_follow_word_shape_v1() {
        assert_eq!(shape_id("2025"), 0);
        assert_eq!(shape_id("’"), 0);
        assert_eq!(shape_id("talks"), 1);
        assert_eq!(shape_id("Andrabi"), 2);
        assert_eq!(shape_id("A"), 2);
        assert_eq!(shape_id("Türkiye"), 2);
        assert_eq!(shape_id("FO"), 3);
        assert_eq!(shape_id("ISPR"), 3);
        assert_eq!(shape_id("iPhone"), 4);
        assert_eq!(shape_id("McD"), 4);
    }
}
