//! The annotated document and its layers (JSON contract v1).

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::fmt;

use crate::OffsetMap;

/// Version of the annotated-JSON contract written in every document.
pub const SCHEMA_VERSION: &str = "1.0";

/// A half-open character range `[start, end)` into [`Document::text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Span {
    /// First character (Unicode scalar value index), inclusive.
    pub start: usize,
    /// One past the last character, exclusive.
    pub end: usize,
}

impl Span {
    /// A span from character offsets.
    pub fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// Number of characters covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no character.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// The covered text, given the text's offset map.
    pub fn slice<'t>(&self, text: &'t str, map: &OffsetMap) -> &'t str {
        &text[map.bytes_of_chars(self.start..self.end)]
    }
}

/// A named entity (or DATE/TIME mention) found by the tagger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// First character of the mention.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The mention as it appears in `text`.
    pub text: String,
    /// Entity type from the model's label set (e.g. `PERSON`, `GPE`, `DATE`).
    pub label: String,
    /// Model confidence in `[0, 1]` (mean over the mention's words; the
    /// lower part's for an organisation joined with the place after it).
    pub score: f32,
}

/// A temporal expression resolved to a TIMEX3 value (the `dates` layer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// First character of the expression.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The expression as it appears in `text`.
    pub text: String,
    /// TIMEX3 type: `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type")]
    pub kind: String,
    /// TIMEX3 value: `2025-10-11`, `2025-W45`, `2025-10-11TNI`, `P3D`, `PAST_REF`, `XXXX-10-11`, ...
    pub value: String,
    /// The date the value was resolved against (`2025-11-08`), or null when
    /// the expression is absolute or no anchor was known.
    pub anchor: Option<String>,
    /// Where the anchor came from: `published`, `text` (an earlier date in
    /// the article: narrative anchoring), or `none`.
    pub anchor_source: String,
    /// The rule that recognised and resolved the expression.
    pub rule: String,
    /// Granularity of the value: `year`, `quarter`, `season`, `month`,
    /// `week`, `day`, `part_of_day`, `minute`, `duration`, `reference`, ...
    pub grain: String,
    /// TIMEX3 `mod` (`START`, `END`, `MID`, `APPROX`, `BEFORE`, `AFTER`), if any.
    #[serde(default, rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
}

/// A span of `text` with its characters, as used by claim parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// The covered text.
    pub text: String,
}

/// What a claim's cue reports, so that speech can be counted apart from
/// writing, documents' findings and positions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CueClass {
    /// Said aloud, in an interview or a statement: `said`, `told`,
    /// `announced`, a quote, `according to` a person or organisation.
    #[default]
    Speech,
    /// Written or posted: `wrote`, `tweeted`, `posted`.
    Writing,
    /// What a report, study, survey, filing or data says or finds.
    Document,
    /// A belief or position not voiced in the text: `believes`, `expects`,
    /// `hopes`, `wants`, `opposes`.
    Belief,
    /// Only with `--claims-counting all`: what attribution corpora such as
    /// PolNeAR also mark but a newsroom does not count as a claim: acts
    /// and positions (`called for`, `attacked`, `asked`), questions,
    /// hypothetical or passive speech, no speaker or the author as one.
    Other,
}

impl CueClass {
    /// The name the JSON uses (`speech`, `writing`, `document`, `belief`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Speech => "speech",
            Self::Writing => "writing",
            Self::Document => "document",
            Self::Belief => "belief",
            Self::Other => "other",
        }
    }

    /// The class named `name`, as [`CueClass::as_str`] writes it.
    pub fn from_name(name: &str) -> Option<Self> {
        [
            Self::Speech,
            Self::Writing,
            Self::Document,
            Self::Belief,
            Self::Other,
        ]
        .into_iter()
        .find(|c| c.as_str() == name)
    }
}

impl std::fmt::Display for CueClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One attributed statement: who said what, how and when (the `claims` layer).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The mention of the speaker in this claim (a name, pronoun, role or
    /// organisation), or null when the speaker is only implied.
    pub source: Option<TextSpan>,
    /// Canonical speaker name (pronouns and surnames resolved to the full
    /// named entity, a relative pronoun to the phrase before it, `the
    /// company` to the organisation the article names), or null when unknown.
    pub speaker: Option<String>,
    /// Index into `entities` of the speaker's fullest mention, or null.
    pub speaker_entity: Option<usize>,
    /// Title or role given to the speaker (`Foreign Office spokesperson`), or null.
    pub speaker_role: Option<String>,
    /// The reporting cue (`said`, `according to`, `announced`), or null for
    /// a quote with no cue.
    pub cue: Option<TextSpan>,
    /// What was said.
    pub content: TextSpan,
    /// `direct`, `indirect`, `mixed`, `according_to` or `headline`.
    pub kind: String,
    /// What the cue reports: `speech`, `writing`, `document` (a report's
    /// or study's finding) or `belief` (a position or state of mind not
    /// voiced in the text); `other` only with `--claims-counting all`.
    /// Files written before it existed read as `speech`.
    #[serde(default)]
    pub cue_class: CueClass,
    /// TIMEX3 value of when it was said (`said on November 7`), or null;
    /// never a date inside the content.
    pub date: Option<String>,
    /// Index into `sentences` of the sentence holding the cue (or content).
    pub sentence: usize,
}

/// One problem met while processing a document. Processing goes on: a
/// document with errors still comes out, with whatever layers succeeded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocError {
    /// Stage that failed (`ingest`, `sentences`, ...).
    pub stage: String,
    /// What went wrong, for a human.
    pub message: String,
}

/// A stage that did not run on a document, and why: not an error (the
/// document is fine), a decision, such as an English-only model on a page
/// in another language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedStage {
    /// The stage that did not run (`ner`, `dates`, `claims`).
    pub stage: String,
    /// Why, for a human (`language de (detected, confidence 0.99): the
    /// entity model reads English only`).
    pub reason: String,
}

/// The annotation layers a stage can need or produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    /// Cleaned `text` (produced by ingestion).
    Text,
    /// `sentences`.
    Sentences,
    /// `entities`.
    Entities,
    /// `dates`.
    Dates,
    /// `claims`.
    Claims,
}

impl Layer {
    /// The JSON field name of the layer.
    pub fn field(self) -> &'static str {
        match self {
            Layer::Text => "text",
            Layer::Sentences => "sentences",
            Layer::Entities => "entities",
            Layer::Dates => "dates",
            Layer::Claims => "claims",
        }
    }
}

impl fmt::Display for Layer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.field())
    }
}

/// One article with its annotations: the unit every stage works on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Contract version ([`SCHEMA_VERSION`]).
    #[serde(default = "schema_version")]
    pub schema_version: String,
    /// Stable id: the input's id, else its path (plus record number), else a content hash.
    pub id: String,
    /// Headline, when known.
    #[serde(default)]
    pub title: Option<String>,
    /// Publication date or date-time (ISO 8601), when known.
    #[serde(default)]
    pub published: Option<String>,
    /// Where the document came from: file path or URL.
    #[serde(default)]
    pub source: Option<String>,
    /// Free-form metadata (input format, line number, WARC record id, ...).
    #[serde(default)]
    pub meta: Map<String, Value>,
    /// Cleaned article text: headline paragraph, then body paragraphs, separated by one blank line.
    #[serde(default)]
    pub text: String,
    /// Sentence spans in order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentences: Option<Vec<Span>>,
    /// Named entities, in text order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entities: Option<Vec<Entity>>,
    /// Temporal expressions with resolved values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dates: Option<Vec<Timex>>,
    /// Attributed statements.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claims: Option<Vec<Claim>>,
    /// Problems met per stage; empty when all went well.
    #[serde(default)]
    pub errors: Vec<DocError>,
    /// Stages that did not run on this document on purpose, and why
    /// (absent when every stage ran). Their layers stay absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<SkippedStage>,
    /// Layers and fields this version does not model (written by newer
    /// versions or other tools), kept verbatim.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

fn schema_version() -> String {
    SCHEMA_VERSION.to_string()
}

impl Document {
    /// A document with text and id and no annotations.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            schema_version: schema_version(),
            id: id.into(),
            title: None,
            published: None,
            source: None,
            meta: Map::new(),
            text: text.into(),
            sentences: None,
            entities: None,
            dates: None,
            claims: None,
            errors: Vec::new(),
            skipped: Vec::new(),
            extra: Map::new(),
        }
    }

    /// Whether the layer is present (a stage that produces it has run).
    pub fn has_layer(&self, layer: Layer) -> bool {
        match layer {
            Layer::Text => true,
            Layer::Sentences => self.sentences.is_some(),
            Layer::Entities => self.entities.is_some(),
            Layer::Dates => self.dates.is_some(),
            Layer::Claims => self.claims.is_some(),
        }
    }

    /// Records a problem met by `stage`.
    pub fn push_error(&mut self, stage: &str, message: impl Into<String>) {
        self.errors.push(DocError {
            stage: stage.to_string(),
            message: message.into(),
        });
    }

    /// Records that `stage` did not run on this document, and why.
    pub fn push_skipped(&mut self, stage: &str, reason: impl Into<String>) {
        self.skipped.push(SkippedStage {
            stage: stage.to_string(),
            reason: reason.into(),
        });
    }

    /// An offset map for this document's text.
    pub fn offsets(&self) -> OffsetMap {
        OffsetMap::new(&self.text)
    }
}

/// A stable id from content: `sha256:` plus the first 16 hex digits of the text's hash.
pub fn content_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_keeps_unknown_layers() {
        let line = r#"{"schema_version":"1.0","id":"a","title":null,"published":"2025-11-08","source":null,"meta":{"k":1},"text":"Hi.","sentences":[{"start":0,"end":3}],"errors":[],"coref":[{"start":0,"end":2}]}"#;
        let doc: Document = serde_json::from_str(line).unwrap();
        assert_eq!(doc.sentences, Some(vec![Span::new(0, 3)]));
        assert!(doc.extra.contains_key("coref"));
        assert!(!doc.has_layer(Layer::Dates));
        assert!(!doc.has_layer(Layer::Entities));
        assert_eq!(serde_json::to_string(&doc).unwrap(), line);
    }

    #[test]
    fn content_id_is_stable() {
        assert_eq!(content_id("abc"), "sha256:ba7816bf8f01cfea");
    }
}
