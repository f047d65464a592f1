//! Which annotation layers an export carries.

use std::fmt;
use std::str::FromStr;

use crate::ExportError;

/// The layers to export, parsed from a comma list such as
/// `entities,dates,claims` (`all` selects every layer).
///
/// ```
/// use newsnlp_export::Layers;
/// let l: Layers = "entities, claims".parse().unwrap();
/// assert!(l.entities && l.claims && !l.dates && !l.sentences);
/// assert_eq!(l.to_string(), "entities,claims");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Layers {
    /// Named entities.
    pub entities: bool,
    /// Temporal expressions with their resolved values.
    pub dates: bool,
    /// Attributed statements (source, cue, content).
    pub claims: bool,
    /// Sentence spans.
    pub sentences: bool,
}

impl Layers {
    /// Every layer.
    pub const ALL: Layers = Layers {
        entities: true,
        dates: true,
        claims: true,
        sentences: true,
    };
    /// No layer (text only).
    pub const NONE: Layers = Layers {
        entities: false,
        dates: false,
        claims: false,
        sentences: false,
    };
}

impl Default for Layers {
    fn default() -> Self {
        Self::ALL
    }
}

impl FromStr for Layers {
    type Err = ExportError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut layers = Layers::NONE;
        for name in s.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            match name.to_ascii_lowercase().as_str() {
                "all" => layers = Layers::ALL,
                "entities" | "entity" | "ner" => layers.entities = true,
                "dates" | "date" | "timex" => layers.dates = true,
                "claims" | "claim" => layers.claims = true,
                "sentences" | "sentence" => layers.sentences = true,
                _ => return Err(ExportError::UnknownLayer(name.to_string())),
            }
        }
        Ok(layers)
    }
}

impl fmt::Display for Layers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = [
            (self.entities, "entities"),
            (self.dates, "dates"),
            (self.claims, "claims"),
            (self.sentences, "sentences"),
        ]
        .into_iter()
        .filter_map(|(on, n)| on.then_some(n))
        .collect();
        f.write_str(&names.join(","))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_comma_lists() {
        assert_eq!("all".parse::<Layers>().unwrap(), Layers::ALL);
        assert_eq!("".parse::<Layers>().unwrap(), Layers::NONE);
        let l: Layers = "Dates,sentences,".parse().unwrap();
        assert_eq!(
            l,
            Layers {
                dates: true,
                sentences: true,
                ..Layers::NONE
            }
        );
        assert_eq!(l.to_string(), "dates,sentences");
        assert_eq!(
            Layers::ALL.to_string().parse::<Layers>().unwrap(),
            Layers::ALL
        );
    }

    #[test]
    fn rejects_unknown_layers() {
        let err = "entities,coref".parse::<Layers>().unwrap_err();
        assert!(matches!(err, ExportError::UnknownLayer(ref n) if n == "coref"));
    }
}
