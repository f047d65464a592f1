//! Conversion between byte offsets (for slicing `str`) and character offsets
//! (what the JSON contract stores).

use std::ops::Range;

/// Maps byte offsets of one text to Unicode-scalar offsets and back.
///
/// Built once per text in O(n); lookups are O(1) from characters to bytes and
/// O(log n) from bytes to characters. For pure-ASCII text both are identity.
#[derive(Debug, Clone)]
pub struct OffsetMap {
    /// Byte offset of every character, plus the text length at the end.
    /// Empty when the text is ASCII (then byte == char).
    char_starts: Vec<usize>,
    len_bytes: usize,
}

impl OffsetMap {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let char_starts = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(text.len()))
                .collect()
        };
        Self {
            char_starts,
            len_bytes: text.len(),
        }
    }

    /// Number of characters in the text.
    pub fn char_len(&self) -> usize {
        if self.char_starts.is_empty() {
            self.len_bytes
        } else {
            self.char_starts.len() - 1
        }
    }

    /// Character offset of a byte offset. A byte inside a multi-byte
    /// character maps to that character's start.
    pub fn char_of_byte(&self, byte: usize) -> usize {
        if self.char_starts.is_empty() {
            return byte.min(self.len_bytes);
        }
        match self.char_starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of a character offset (clamped to the text end).
    pub fn byte_of_char(&self, ch: usize) -> usize {
        if self.char_starts.is_empty() {
            return ch.min(self.len_bytes);
        }
        self.char_starts[ch.min(self.char_starts.len() - 1)]
    }

    /// Converts a byte range into a character range.
    pub fn chars_of_bytes(&self, bytes: Range<usize>) -> Range<usize> {
        self.char_of_byte(bytes.start)..self.char_of_byte(bytes.end)
    }

    /// Converts a character range into a byte range.
    pub fn bytes_of_chars(&self, chars: Range<usize>) -> Range<usize> {
        self.byte_of_char(chars.start)..self.byte_of_char(chars.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn non_ascii_offsets_count_scalar_values() {
        let text = "Türkiye’s “talks” 😀 end";
        let map = OffsetMap::new(text);
        assert_eq!(map.char_len(), text.chars().count());
        let byte = text.find("talks").unwrap();
        assert_eq!(map.char_of_byte(byte), 11);
        assert_eq!(map.byte_of_char(11), byte);
        let emoji = text.find('😀').unwrap();
        assert_eq!(map.char_of_byte(emoji), 18);
        assert_eq!(map.char_of_byte(emoji + 4), 19);
    }

    proptest! {
        #[test]
        fn byte_and_char_offsets_agree(text in "\\PC{0,60}") {
            let map = OffsetMap::new(&text);
            for (ci, (bi, _)) in text.char_indices().enumerate() {
                prop_assert_eq!(map.char_of_byte(bi), ci);
                prop_assert_eq!(map.byte_of_char(ci), bi);
            }
            prop_assert_eq!(map.char_of_byte(text.len()), text.chars().count());
            prop_assert_eq!(map.byte_of_char(text.chars().count()), text.len());
        }
    }
}
