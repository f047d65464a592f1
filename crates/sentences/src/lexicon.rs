//! Word lists behind the splitting rules. All lookups are exact and
//! case-sensitive unless a function says otherwise; the words are stored
//! without their final period.

/// Titles and honorifics: always followed by a name, so a period after them
/// never ends a sentence ("Dr. Smith", "Lt. Col. Jones").
const TITLES: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mssrs", "Messrs", "Mme", "Mlle", "Dr", "Drs", "Prof", "Profs", "Gen",
    "Gens", "Lt", "Col", "Maj", "Capt", "Cpt", "Cmdr", "Cdr", "Adm", "Sgt", "Cpl", "Pvt", "Brig",
    "Sen", "Sens", "Rep", "Reps", "Gov", "Govs", "Pres", "Supt", "Det", "Insp", "Rev", "Revd",
    "Hon", "Fr", "St", "Ste", "Mt", "Ft", "Amb", "Atty", "Sec", "Treas", "Cong", "Lieut", "Comdr",
];

/// Abbreviations that never end a sentence whatever follows.
const NEVER_FINAL: &[&str] = &["e.g", "i.e", "E.g", "I.e", "vs", "v", "cf", "viz", "approx"];

/// Month abbreviations: not final before a number ("Jan. 5", "Sept. 11").
const MONTHS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
];

/// Abbreviations that introduce a number ("No. 10", "pp. 4-5", "N°. 12").
const BEFORE_NUMBER: &[&str] = &[
    "No", "Nos", "no", "nos", "N°", "Nº", "n°", "nº", "Nr", "nr", "Art", "art", "Vol", "vol",
    "Vols", "Fig", "fig", "Figs", "p", "pp", "Ch", "ch", "Sec", "sec", "Para", "para", "Ex", "Op",
    "op", "Tel", "tel", "ca", "est", "Rte", "Hwy", "ed", "Pt", "pt",
];

/// Abbreviations that often end a sentence too ("shares of Acme Inc. The
/// ..."): a boundary only before a typical sentence opener.
const SOFT: &[&str] = &[
    "Inc", "Ltd", "Co", "Corp", "Bros", "Plc", "plc", "Jr", "Sr", "Assn", "Dept", "Univ", "Ave",
    "Blvd", "Rd", "Cos", "al", "Intl", "Natl", "Mfg", "Pty", "Esq", "Gov't",
];

/// Lowercase abbreviations that a lowercase word usually follows
/// ("approx. twenty", "govt. officials").
const LOWERCASE: &[&str] = &[
    "approx", "govt", "dept", "corp", "assn", "misc", "appt", "orig", "incl", "excl", "ibid",
    "resp", "prob", "abbr", "admin", "info", "temp", "mins", "hrs", "yrs", "secs", "lbs", "ozs",
    "sq", "ft", "km", "kg", "mg", "cm", "mm", "mph", "tsp", "tbsp", "pkg", "qty", "vols", "nos",
    "figs", "cont", "contd", "vs", "etc", "ref", "refs", "mr", "mrs", "dr", "prof", "gen", "sen",
    "rep", "gov", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec", "inc", "ltd", "co", "bros", "jr", "sr", "st", "ave", "blvd", "rd", "wk", "wks", "mo",
    "mos", "tel", "fax", "ext", "pt", "pts", "est",
];

/// Function words and adverbs that typically open a sentence. Used to decide
/// whether a capitalised word after an ambiguous abbreviation ("U.S.",
/// "Inc.", an initial) starts a new sentence. Proper nouns are kept out on
/// purpose: they follow abbreviations mid-sentence all the time.
const STARTERS: &[&str] = &[
    "A",
    "About",
    "According",
    "Additionally",
    "After",
    "Afterwards",
    "Again",
    "Against",
    "All",
    "Also",
    "Although",
    "Among",
    "An",
    "And",
    "Another",
    "Any",
    "Anyway",
    "Are",
    "As",
    "At",
    "Because",
    "Before",
    "Besides",
    "Both",
    "But",
    "By",
    "Can",
    "Despite",
    "Did",
    "Do",
    "Does",
    "During",
    "Each",
    "Earlier",
    "Either",
    "Even",
    "Eventually",
    "Every",
    "Finally",
    "First",
    "For",
    "From",
    "Further",
    "Furthermore",
    "Had",
    "Has",
    "Have",
    "He",
    "Her",
    "Here",
    "His",
    "How",
    "However",
    "If",
    "In",
    "Indeed",
    "Instead",
    "Is",
    "It",
    "Its",
    "It's",
    "Just",
    "Last",
    "Later",
    "Many",
    "Meanwhile",
    "More",
    "Moreover",
    "Most",
    "Much",
    "My",
    "Neither",
    "Nevertheless",
    "No",
    "None",
    "Nor",
    "Not",
    "Now",
    "Of",
    "On",
    "Once",
    "One",
    "Only",
    "Or",
    "Other",
    "Others",
    "Our",
    "Over",
    "Perhaps",
    "Previously",
    "Since",
    "She",
    "So",
    "Some",
    "Still",
    "Such",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Though",
    "Thus",
    "To",
    "Today",
    "Two",
    "Under",
    "Until",
    "We",
    "What",
    "When",
    "Where",
    "Whether",
    "Which",
    "While",
    "Who",
    "Why",
    "With",
    "Without",
    "Yesterday",
    "Yet",
    "You",
    "Your",
    "I",
];

fn contains(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

/// A title or honorific ("Dr", "Lt", "Gov").
pub(crate) fn is_title(word: &str) -> bool {
    contains(TITLES, word)
}

/// An abbreviation that never ends a sentence.
pub(crate) fn is_never_final(word: &str) -> bool {
    contains(NEVER_FINAL, word)
}

/// A month abbreviation.
pub(crate) fn is_month(word: &str) -> bool {
    contains(MONTHS, word)
}

/// An abbreviation that introduces a number.
pub(crate) fn is_before_number(word: &str) -> bool {
    contains(BEFORE_NUMBER, word)
}

/// An abbreviation that may or may not end its sentence.
pub(crate) fn is_soft(word: &str) -> bool {
    contains(SOFT, word)
}

/// A typical sentence opener.
pub(crate) fn is_starter(word: &str) -> bool {
    contains(STARTERS, word)
}

/// Any listed abbreviation.
pub(crate) fn is_abbreviation(word: &str) -> bool {
    is_title(word)
        || is_never_final(word)
        || is_month(word)
        || is_before_number(word)
        || is_soft(word)
        || contains(LOWERCASE, word)
}

/// A typical sentence opener written in lowercase ("the", "i", "we").
pub(crate) fn is_lowercase_starter(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_lowercase() || chars.clone().any(char::is_uppercase) {
        return false;
    }
    let mut capitalised: String = first.to_uppercase().collect();
    capitalised.push_str(chars.as_str());
    is_starter(&capitalised) || matches!(word, "i'm" | "i've" | "i'll" | "i'd")
}

/// Initialisms written with internal periods: "U.S", "U.K", "a.m", "Ph.D",
/// "D.C" (the final period already removed). Every dot-separated part is one
/// or two letters and there are at least two parts.
pub(crate) fn is_dotted_initialism(word: &str) -> bool {
    let mut parts = 0;
    for part in word.split('.') {
        let n = part.chars().count();
        if n == 0 || n > 2 || !part.chars().all(char::is_alphabetic) {
            return false;
        }
        parts += 1;
    }
    parts >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initialisms_are_recognised() {
        for w in ["U.S", "U.K", "U.N", "a.m", "p.m", "Ph.D", "D.C", "U.S.A"] {
            assert!(is_dotted_initialism(w), "{w}");
        }
        for w in ["US", "bbc.co.uk", "www.x", "3.5", "U..S", ".S"] {
            assert!(!is_dotted_initialism(w), "{w}");
        }
    }
}
