//! Arbitrary text through `split_sentences` and `sentence_spans`
//! (`newsnlp_fuzz::check_sentences` lists the invariants). Bytes that are
//! not UTF-8 are replaced by U+FFFD.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    newsnlp_fuzz::check_sentences(&String::from_utf8_lossy(data));
});
