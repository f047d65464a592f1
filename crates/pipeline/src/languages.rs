//! Which documents the English-only stages read (`--languages`).
//!
//! Ingestion detects each document's language (`meta.language_detected`,
//! see `newsnlp_ingest::language`). The stages whose models or rules read
//! English only (`ner`, `dates`, `claims`: [`Stage::reads_only_english`])
//! run on a document when its language is in the list, and otherwise leave
//! it alone: the document keeps its text and sentences, its `skipped` field
//! says which stages did not run and why, and it is neither an error nor a
//! reason for exit status 3.

use std::fmt;
use std::str::FromStr;

use newsnlp_ingest::language::{CONFIDENCE_KEY, DETECTED_KEY, UNDETERMINED};
use newsnlp_model::Document;

use crate::Stage;

/// The languages English-only stages run on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Languages {
    /// Every document, whatever its language (`--languages all`).
    All,
    /// Documents detected as one of these codes (`und`: a language that
    /// could not be told reliably; a document with no detection, written by
    /// an older version, counts as `und`).
    Only(Vec<String>),
}

impl Default for Languages {
    /// English, and text too short or mixed to tell (`en,und`).
    fn default() -> Self {
        Languages::Only(vec!["en".into(), UNDETERMINED.into()])
    }
}

impl fmt::Display for Languages {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Languages::All => f.write_str("all"),
            Languages::Only(codes) => f.write_str(&codes.join(",")),
        }
    }
}

impl FromStr for Languages {
    type Err = String;

    /// `all` (or `any`), or a comma-separated list of language codes as
    /// `meta.language_detected` writes them (`en`, `de`, `und`, ...).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("all") || s.eq_ignore_ascii_case("any") {
            return Ok(Languages::All);
        }
        let codes: Vec<String> = s
            .split(',')
            .map(|code| code.trim().to_ascii_lowercase())
            .filter(|code| !code.is_empty())
            .collect();
        if codes.is_empty() {
            return Err("expected 'all' or a list of language codes such as 'en,und'".into());
        }
        if let Some(bad) = codes
            .iter()
            .find(|c| !(2..=3).contains(&c.len()) || !c.chars().all(|ch| ch.is_ascii_lowercase()))
        {
            return Err(format!(
                "'{bad}' is not a language code (ISO 639-1 such as 'en' or 'de', or 'und')"
            ));
        }
        Ok(Languages::Only(codes))
    }
}

impl Languages {
    /// `None` when `stage` runs on `doc`, else why it does not.
    pub(crate) fn refusal(&self, stage: &dyn Stage, doc: &Document) -> Option<String> {
        if !stage.reads_only_english() {
            return None;
        }
        let Languages::Only(codes) = self else {
            return None;
        };
        let detected = doc
            .meta
            .get(DETECTED_KEY)
            .and_then(|v| v.as_str())
            .unwrap_or(UNDETERMINED);
        if codes.iter().any(|code| code == detected) {
            return None;
        }
        let confidence = doc
            .meta
            .get(CONFIDENCE_KEY)
            .and_then(|v| v.as_f64())
            .map(|c| format!(", confidence {c:.2}"))
            .unwrap_or_default();
        Some(format!(
            "language '{detected}' (detected{confidence}): the {} stage reads English only \
             (--languages {self})",
            stage.name()
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsnlp_model::Layer;

    struct EnglishOnly;
    impl Stage for EnglishOnly {
        fn name(&self) -> &'static str {
            "ner"
        }
        fn requires(&self) -> &'static [Layer] {
            &[]
        }
        fn produces(&self) -> Layer {
            Layer::Entities
        }
        fn annotate(&self, _: &mut Document) -> Result<(), crate::StageError> {
            Ok(())
        }
        fn reads_only_english(&self) -> bool {
            true
        }
    }

    fn doc_in(code: Option<&str>) -> Document {
        let mut doc = Document::new("d", "text");
        if let Some(code) = code {
            doc.meta.insert(DETECTED_KEY.into(), code.into());
            doc.meta.insert(CONFIDENCE_KEY.into(), 0.987.into());
        }
        doc
    }

    #[test]
    fn parses_lists_and_all() {
        assert_eq!("all".parse::<Languages>(), Ok(Languages::All));
        assert_eq!(
            " en, DE ".parse::<Languages>(),
            Ok(Languages::Only(vec!["en".into(), "de".into()]))
        );
        assert!("english".parse::<Languages>().is_err());
        assert!("".parse::<Languages>().is_err());
        assert_eq!(Languages::default().to_string(), "en,und");
    }

    #[test]
    fn english_only_stages_skip_other_languages() {
        let policy = Languages::default();
        assert_eq!(policy.refusal(&EnglishOnly, &doc_in(Some("en"))), None);
        assert_eq!(policy.refusal(&EnglishOnly, &doc_in(Some("und"))), None);
        assert_eq!(policy.refusal(&EnglishOnly, &doc_in(None)), None);
        assert_eq!(
            policy.refusal(&EnglishOnly, &doc_in(Some("de"))).as_deref(),
            Some(
                "language 'de' (detected, confidence 0.99): the ner stage reads English only \
                 (--languages en,und)"
            )
        );
        assert_eq!(
            Languages::All.refusal(&EnglishOnly, &doc_in(Some("de"))),
            None
        );
        let strict: Languages = "en".parse().unwrap();
        assert!(strict.refusal(&EnglishOnly, &doc_in(Some("und"))).is_some());
    }
}
