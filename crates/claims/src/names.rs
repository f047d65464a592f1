//! Name helpers every part of the claims stage shares: possessives,
//! acronyms and initials.

/// A name without its possessive `'s` (`Trump's` -> `Trump`).
pub(crate) fn strip_possessive(name: &str) -> &str {
    name.strip_suffix("’s")
        .or_else(|| name.strip_suffix("'s"))
        .unwrap_or(name)
}

/// Two to six capitals and nothing else (`IMF`, `NATO`).
pub(crate) fn is_acronym(s: &str) -> bool {
    let n = s.chars().count();
    (2..=6).contains(&n) && s.chars().all(|c| c.is_ascii_uppercase())
}

/// The first letters of a name's capitalised words (`International
/// Monetary Fund` -> `IMF`, `Coca-Cola Company` -> `CCC`).
pub(crate) fn initials(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .filter_map(|w| w.chars().next())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessives_acronyms_and_initials() {
        assert_eq!(strip_possessive("Trump’s"), "Trump");
        assert_eq!(strip_possessive("Moody's"), "Moody");
        assert_eq!(strip_possessive("Jones"), "Jones");
        assert!(is_acronym("IMF") && !is_acronym("I") && !is_acronym("Imf"));
        assert_eq!(initials("International Monetary Fund"), "IMF");
        assert_eq!(initials("Bank of England"), "BE");
    }
}
