//! Every stage newsnlp knows, by CLI name, with what it needs and produces.

use newsnlp_model::Layer;

/// Names accepted by `--stages` and `newsnlp stage NAME`, in pipeline order.
pub const STAGE_NAMES: &[&str] = &["ingest", "sentences", "ner", "dates", "claims"];

/// What `newsnlp stages` prints about one stage.
#[derive(Debug, Clone, Copy)]
pub struct StageInfo {
    /// CLI name.
    pub name: &'static str,
    /// Layers that must be present first.
    pub needs: &'static [Layer],
    /// JSON fields the stage writes.
    pub produces: &'static [&'static str],
    /// One line for humans.
    pub summary: &'static str,
}

const STAGES: &[StageInfo] = &[
    StageInfo {
        name: "ingest",
        needs: &[],
        produces: &["id", "title", "published", "source", "meta", "text"],
        summary: "read .txt/.json/.jsonl/.html/.warc(.gz) or stdin JSONL; extract and clean the article text",
    },
    StageInfo {
        name: "sentences",
        needs: &[Layer::Text],
        produces: &["sentences"],
        summary: "news-aware sentence splitting (abbreviations, initials, quotes, headlines, lists)",
    },
    StageInfo {
        name: "ner",
        needs: &[Layer::Sentences],
        produces: &["entities"],
        summary: "transformer named entities and DATE/TIME mentions (rust-bert; labels from the model's config)",
    },
    StageInfo {
        name: "dates",
        needs: &[Layer::Sentences],
        produces: &["dates"],
        summary: "temporal expressions resolved to TIMEX3 values against the publication date (uses ner's DATE/TIME spans when present)",
    },
    StageInfo {
        name: "claims",
        needs: &[Layer::Sentences],
        produces: &["claims"],
        summary: "who said what, how (quote, reported speech, according to) and when; uses entities and dates when present",
    },
];

/// All stages in pipeline order.
pub fn all() -> &'static [StageInfo] {
    STAGES
}

/// The stage called `name`, if any.
pub fn info(name: &str) -> Option<&'static StageInfo> {
    STAGES.iter().find(|s| s.name == name)
}

/// The stage that produces `layer`.
pub fn producer_of(layer: Layer) -> &'static str {
    match layer {
        Layer::Text => "ingest",
        Layer::Sentences => "sentences",
        Layer::Entities => "ner",
        Layer::Dates => "dates",
        Layer::Claims => "claims",
    }
}

/// Settings stages are built from (model paths and the like).
#[derive(Debug, Clone, Default)]
pub struct StageConfig {
    /// Token-classification model directory for `ner`.
    pub ner_model: std::path::PathBuf,
    /// Batching and windowing of the transformer (both models).
    pub ner_options: newsnlp_ner::NerOptions,
    /// Attribution model directory for `claims`; `None`: the rules alone.
    pub claims_model: Option<std::path::PathBuf>,
}

/// Builds the annotation stage called `name` (every stage but `ingest`,
/// which the runner applies to raw records itself).
pub fn build(
    name: &str,
    config: &StageConfig,
) -> Result<Box<dyn crate::Stage>, crate::PipelineError> {
    match name {
        "sentences" => Ok(Box::new(crate::SentencesStage)),
        "dates" => Ok(Box::new(crate::DatesStage)),
        "claims" => match &config.claims_model {
            None => Ok(Box::new(crate::ClaimsStage::rules())),
            Some(dir) => crate::ClaimsStage::load(dir, config.ner_options)
                .map(|stage| Box::new(stage) as Box<dyn crate::Stage>)
                .map_err(|err| build_error(name, err)),
        },
        "ner" => crate::NerStage::load(&config.ner_model, config.ner_options)
            .map(|stage| Box::new(stage) as Box<dyn crate::Stage>)
            .map_err(|err| build_error(name, err)),
        other => Err(crate::PipelineError::UnknownStage(other.to_string())),
    }
}

fn build_error(stage: &str, err: newsnlp_ner::NerError) -> crate::PipelineError {
    crate::PipelineError::Build {
        stage: stage.to_string(),
        message: err.to_string(),
    }
}
