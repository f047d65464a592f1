//! Character-offset helpers shared by the formats: clamping spans of
//! possibly broken documents, slicing by characters, converting to UTF-16.

use newsnlp_model::{Document, OffsetMap};

/// A text indexed by characters (Unicode scalar values).
pub(crate) struct CharText<'a> {
    text: &'a str,
    map: OffsetMap,
}

impl<'a> CharText<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text,
            map: OffsetMap::new(text),
        }
    }

    /// Number of characters.
    pub(crate) fn len(&self) -> usize {
        self.map.char_len()
    }

    /// The span when it is non-empty and inside the text, else `None`
    /// (the annotation is skipped: exports never fail on a broken span).
    pub(crate) fn check(&self, start: usize, end: usize) -> Option<(usize, usize)> {
        (start < end && end <= self.len()).then_some((start, end))
    }

    /// The characters `[start, end)`, clamped to the text.
    pub(crate) fn slice(&self, start: usize, end: usize) -> &'a str {
        let end = end.min(self.len());
        let start = start.min(end);
        &self.text[self.map.bytes_of_chars(start..end)]
    }
}

/// Character offsets to JavaScript (UTF-16 code unit) offsets and back.
/// Characters outside the Basic Multilingual Plane (emoji, 𝄞) take two units.
pub(crate) struct Utf16Map {
    /// UTF-16 offset of every character, plus the total at the end.
    units: Vec<usize>,
}

impl Utf16Map {
    pub(crate) fn new(text: &str) -> Self {
        let mut units = Vec::with_capacity(text.len() + 1);
        let mut at = 0;
        units.push(0);
        for c in text.chars() {
            at += c.len_utf16();
            units.push(at);
        }
        Self { units }
    }

    /// UTF-16 offset of a character offset (clamped to the text end).
    pub(crate) fn to_utf16(&self, ch: usize) -> usize {
        self.units[ch.min(self.units.len() - 1)]
    }

    /// Character offset of a UTF-16 offset; an offset inside a surrogate
    /// pair maps to that character's start.
    pub(crate) fn to_char(&self, unit: usize) -> usize {
        match self.units.binary_search(&unit) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

/// Sets the imported layers on `doc` — a layer the export listed stays
/// present even when empty, an unlisted one appears only if it has
/// annotations — and puts them in text order.
pub(crate) fn set_imported_layers(
    doc: &mut Document,
    listed: &crate::Layers,
    entities: Vec<newsnlp_model::Entity>,
    dates: Vec<newsnlp_model::Timex>,
    claims: Vec<newsnlp_model::Claim>,
) {
    doc.entities = (listed.entities || !entities.is_empty()).then_some(entities);
    doc.dates = (listed.dates || !dates.is_empty()).then_some(dates);
    doc.claims = (listed.claims || !claims.is_empty()).then_some(claims);
    normalize(doc);
}

/// Puts imported layers in text order (entities and dates by start, then
/// end), keeping claims' `speaker_entity` indices pointing at the same
/// entities.
pub(crate) fn normalize(doc: &mut Document) {
    if let Some(entities) = doc.entities.as_mut() {
        let mut order: Vec<usize> = (0..entities.len()).collect();
        order.sort_by_key(|&i| (entities[i].start, entities[i].end));
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let sorted = order.iter().map(|&i| entities[i].clone()).collect();
        *entities = sorted;
        for claim in doc.claims.iter_mut().flatten() {
            claim.speaker_entity = claim.speaker_entity.and_then(|i| new_index.get(i).copied());
        }
    }
    if let Some(dates) = doc.dates.as_mut() {
        dates.sort_by_key(|d| (d.start, d.end));
    }
}

/// Index of the sentence that holds character `at`, when sentences are known.
pub(crate) fn sentence_of(doc: &Document, at: usize) -> Option<usize> {
    doc.sentences
        .as_ref()?
        .iter()
        .position(|s| s.start <= at && at < s.end)
}

/// Escapes text for HTML/XML content and attribute values.
pub(crate) fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A colour for the `i`-th label of a set (stable, readable on white).
pub(crate) fn palette(i: usize) -> &'static str {
    const COLOURS: [&str; 12] = [
        "#8ecae6", "#ffb703", "#90be6d", "#f4a261", "#cdb4db", "#f28482", "#84a59d", "#e9c46a",
        "#a2d2ff", "#ffafcc", "#b5e48c", "#bdb2ff",
    ];
    COLOURS[i % COLOURS.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_counts_non_bmp_twice() {
        let m = Utf16Map::new("a😀b𝄞é");
        assert_eq!(
            (0..=5).map(|c| m.to_utf16(c)).collect::<Vec<_>>(),
            [0, 1, 3, 4, 6, 7]
        );
        assert_eq!(m.to_char(3), 2);
        assert_eq!(m.to_char(2), 1, "inside a surrogate pair");
        assert_eq!(m.to_utf16(99), 7);
    }

    #[test]
    fn check_and_slice_clamp() {
        let t = CharText::new("😀 héllo");
        assert_eq!(t.len(), 7);
        assert_eq!(t.slice(2, 7), "héllo");
        assert_eq!(t.slice(5, 99), "lo");
        assert_eq!(t.check(2, 7), Some((2, 7)));
        assert_eq!(t.check(3, 3), None);
        assert_eq!(t.check(4, 8), None);
        assert_eq!(t.check(5, 2), None);
    }
}
