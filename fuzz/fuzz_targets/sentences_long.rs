//! Long texts through `split_sentences` and `sentence_spans`: the input is
//! repeated until the text is at least 100,000 bytes, so small inputs reach
//! 100,000-character lines, paragraphs and words, and a super-linear path
//! shows up as a libFuzzer timeout. (Kept apart from `sentences`, which runs
//! about a hundred times more inputs per second.)
//!
//! The first byte chooses the shape; the rest, decoded with U+FFFD for bytes
//! that are not UTF-8, is the unit repeated:
//! - bit 0: remove line breaks from the unit (one line of 100,000+ bytes);
//! - bit 1: remove spaces as well (one 100,000-byte "word").
#![no_main]

use libfuzzer_sys::fuzz_target;

/// Length the text is repeated to, in bytes.
const LONG: usize = 100_000;

fuzz_target!(|data: &[u8]| {
    let Some((&shape, rest)) = data.split_first() else {
        return;
    };
    let mut unit = String::from_utf8_lossy(rest).into_owned();
    if shape & 1 != 0 {
        unit.retain(|c| c != '\n' && c != '\r');
    }
    if shape & 2 != 0 {
        unit.retain(|c| !c.is_whitespace());
    }
    if unit.is_empty() {
        return;
    }
    let text = unit.repeat(LONG.div_ceil(unit.len()));
    newsnlp_fuzz::check_sentences(&text);
});
