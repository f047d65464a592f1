//! Cuts text into the words the tagger labels, following the Penn Treebank
//! conventions of its training data (OntoNotes): whitespace first, then
//! opening and closing punctuation, sentence-final periods (but not those of
//! abbreviations and initials), `%`, currency signs, dashes and the clitics
//! `'s` and `n't` become words of their own. Hyphenated words stay whole.

use std::ops::Range;

const OPENERS: &[char] = &['"', '\'', '“', '‘', '(', '[', '{', '«', '$', '£', '€', '¥'];
const CLOSERS: &[char] = &[
    '"', '”', '’', '\'', ')', ']', '}', '»', ',', ';', ':', '!', '?', '%',
];
const DASHES: &[char] = &['—', '–'];
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "sen", "rep", "gov",
    "pres", "prof", "st", "jr", "sr", "inc", "ltd", "co", "corp", "bros", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "nos", "vs", "etc", "mt",
    "ft", "rev", "hon", "dept", "univ", "approx", "est",
];

/// Byte ranges of the words of `text`, in order.
pub fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut chunk_start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() || DASHES.contains(&c) {
            if let Some(start) = chunk_start.take() {
                split_chunk(text, start..i, &mut out);
            }
            if DASHES.contains(&c) {
                out.push(i..i + c.len_utf8());
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    if let Some(start) = chunk_start {
        split_chunk(text, start..text.len(), &mut out);
    }
    out
}

/// Splits one whitespace-free chunk into words.
fn split_chunk(text: &str, chunk: Range<usize>, out: &mut Vec<Range<usize>>) {
    let (mut start, mut end) = (chunk.start, chunk.end);
    // Leading punctuation, one word each.
    while let Some(c) = text[start..end].chars().next() {
        if !OPENERS.contains(&c) || start + c.len_utf8() == end {
            break;
        }
        out.push(start..start + c.len_utf8());
        start += c.len_utf8();
    }
    // Trailing punctuation, collected right to left.
    let mut tail = Vec::new();
    loop {
        let piece = &text[start..end];
        let Some(last) = piece.chars().next_back() else {
            break;
        };
        if piece.chars().count() <= 1 {
            break;
        }
        if piece.ends_with("...") && piece.len() > 3 {
            tail.push(end - 3..end);
            end -= 3;
        } else if last == '…' || CLOSERS.contains(&last) {
            tail.push(end - last.len_utf8()..end);
            end -= last.len_utf8();
        } else if last == '.' && !is_abbreviation(&piece[..piece.len() - 1]) {
            tail.push(end - 1..end);
            end -= 1;
        } else {
            break;
        }
    }
    // Clitics: `'s`, `’s`, `n't`.
    let piece = &text[start..end];
    let lower = piece.to_lowercase();
    let clitic_len = ["'s", "’s"]
        .iter()
        .find(|c| lower.ends_with(*c) && piece.len() > c.len())
        .map(|c| c.len())
        .or_else(|| {
            ["n't", "n’t"]
                .iter()
                .find(|c| lower.ends_with(*c) && piece.len() > c.len())
                .map(|c| c.len())
        });
    if start < end {
        match clitic_len {
            Some(len) => {
                out.push(start..end - len);
                out.push(end - len..end);
            }
            None => out.push(start..end),
        }
    }
    out.extend(tail.into_iter().rev());
}

/// True for initials (`W`), dotted abbreviations (`U.S`, `e.g`) and known
/// abbreviations (`Mr`, `Gen`, `Jan`), given the text before the final period.
fn is_abbreviation(stem: &str) -> bool {
    let letters = stem.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return false;
    }
    let dotted = stem.contains('.') && stem.chars().all(|c| c.is_alphabetic() || c == '.');
    if stem.chars().count() == 1 || dotted {
        return true;
    }
    let lower = stem.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::words;

    fn pieces(text: &str) -> Vec<&str> {
        words(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn punctuation_and_clitics_become_words() {
        assert_eq!(
            pieces(
                "Pakistan’s position remains “very strong,” noting (in Doha) that 76% of $1.13bn."
            ),
            [
                "Pakistan", "’s", "position", "remains", "“", "very", "strong", ",", "”", "noting",
                "(", "in", "Doha", ")", "that", "76", "%", "of", "$", "1.13bn", "."
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials_keep_their_period() {
        assert_eq!(
            pieces("Mr. George W. Bush met U.S. Gen. Smith on Jan. 5 in St. Louis."),
            [
                "Mr.", "George", "W.", "Bush", "met", "U.S.", "Gen.", "Smith", "on", "Jan.", "5",
                "in", "St.", "Louis", "."
            ]
        );
    }

    #[test]
    fn hyphenated_names_stay_whole_and_dashes_split() {
        assert_eq!(
            pieces("Tehreek-e-Taliban Pakistan—the TTP—didn't."),
            [
                "Tehreek-e-Taliban",
                "Pakistan",
                "—",
                "the",
                "TTP",
                "—",
                "did",
                "n't",
                "."
            ]
        );
    }

    #[test]
    fn ellipses_and_lone_punctuation() {
        assert_eq!(
            pieces("Wait... what? \" ."),
            ["Wait", "...", "what", "?", "\"", "."]
        );
    }
}
