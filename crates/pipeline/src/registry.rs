//! Every stage newsnlp knows, by CLI name, with what it needs and produces.

use newsnlp_model::Layer;

pub use newsnlp_model::stages::{all, info, StageInfo, STAGE_NAMES};

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
    /// The same joint model as `ner_model` makes the two stages share one
    /// encoder pass ([`build_all`]).
    pub claims_model: Option<std::path::PathBuf>,
    /// Which claims the `claims` stage keeps.
    pub claims_counting: newsnlp_claims::Counting,
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
            None => Ok(Box::new(
                crate::ClaimsStage::rules().counting(config.claims_counting),
            )),
            Some(dir) => crate::ClaimsStage::load(dir, config.ner_options)
                .map(|stage| {
                    Box::new(stage.counting(config.claims_counting)) as Box<dyn crate::Stage>
                })
                .map_err(|err| build_error(name, err)),
        },
        "ner" => crate::NerStage::load(&config.ner_model, config.ner_options)
            .map(|stage| Box::new(stage) as Box<dyn crate::Stage>)
            .map_err(|err| build_error(name, err)),
        other => Err(crate::PipelineError::UnknownStage(other.to_string())),
    }
}

/// Builds the stages called `names`, in order ([`build`] for each), except
/// that `ner` and `claims` on the same joint model share one loaded model
/// and one encoder pass per window: the `ner` stage tags both heads and
/// the `claims` stage takes the attribution spans it left.
pub fn build_all<S: AsRef<str>>(
    names: &[S],
    config: &StageConfig,
) -> Result<Vec<Box<dyn crate::Stage>>, crate::PipelineError> {
    let wants = |stage: &str| names.iter().any(|name| name.as_ref() == stage);
    let shared = match &config.claims_model {
        Some(claims) if wants("ner") && wants("claims") && same_dir(claims, &config.ner_model) => {
            let tagger = newsnlp_ner::NerTagger::load(&config.ner_model, config.ner_options)
                .map_err(|err| build_error("ner", err))?;
            tagger
                .is_joint()
                .then(|| std::sync::Arc::new(crate::stages::SharedTagger::new(tagger)))
        }
        _ => None,
    };
    let build_one = |name: &str| match (name, &shared) {
        ("ner", Some(tagger)) => {
            Ok(Box::new(crate::NerStage::sharing(tagger.clone())) as Box<dyn crate::Stage>)
        }
        ("claims", Some(tagger)) => crate::ClaimsStage::sharing(tagger.clone())
            .map(|stage| Box::new(stage.counting(config.claims_counting)) as Box<dyn crate::Stage>)
            .map_err(|message| crate::PipelineError::Build {
                stage: "claims".into(),
                message,
            }),
        (name, _) => build(name, config),
    };
    // Each stage is built on its own thread: two models load side by side,
    // which halves the wait before the first document on two cores.
    std::thread::scope(|scope| {
        let building: Vec<_> = names
            .iter()
            .map(|name| {
                let name: &str = name.as_ref();
                scope.spawn(move || build_one(name))
            })
            .collect();
        building
            .into_iter()
            .map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// True when two paths name the same directory.
fn same_dir(a: &std::path::Path, b: &std::path::Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn build_error(stage: &str, err: newsnlp_ner::NerError) -> crate::PipelineError {
    crate::PipelineError::Build {
        stage: stage.to_string(),
        message: err.to_string(),
    }
}
