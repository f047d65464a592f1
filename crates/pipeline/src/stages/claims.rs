//! The `claims` stage: who said what, how and when.

use std::ops::Range;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Arc;

use newsnlp_claims::{Counting, Role, RoleSpan};
use newsnlp_model::{Document, Layer};
use newsnlp_ner::{NerOptions, NerTagger};

use super::transformer::{sentence_bytes, SharedTagger};
use crate::runner::panic_message;
use crate::{Stage, StageError};

/// Attributes statements. With an attribution model (the default, shipped
/// in `models/claims-polnear-minilm`, or a joint model's attribution head)
/// every document is tagged for source, cue and content spans, which [`newsnlp_claims::attribute_with_roles`]
/// links into claims; without one, [`newsnlp_claims::attribute`]'s rules
/// alone find them. Needs sentences; uses `entities` (speaker names) and
/// `dates` (when a claim was made) when earlier stages produced them.
#[derive(Default)]
pub struct ClaimsStage {
    tagger: Option<Arc<SharedTagger>>,
    counting: Counting,
}

impl ClaimsStage {
    /// The rules alone, no model.
    pub fn rules() -> Self {
        Self::default()
    }

    /// The stage keeping the claims `counting` says (newsroom by default).
    pub fn counting(self, counting: Counting) -> Self {
        Self { counting, ..self }
    }

    /// Loads the attribution model in `dir`: a joint model
    /// (`newsnlp_claims_id2label` in `config.json`), or a
    /// token-classification model whose labels are BIO tags over `SOURCE`,
    /// `CUE` and `CONTENT`.
    pub fn load(dir: &Path, options: NerOptions) -> Result<Self, newsnlp_ner::NerError> {
        let tagger = NerTagger::load(
            dir,
            NerOptions {
                trim_articles: false,
                join_org_place: false,
                // Every role span: dropping unsure ones (below 0.5) lost
                // source F1 on PolNeAR dev (0.808 -> 0.807).
                min_score: 0.0,
                average_windows: true,
                ..options
            },
        )?;
        // Windows two thirds of a window apart (or the model's
        // `newsnlp_document_step`), aligned to sentences, each sub-token's
        // label probabilities averaged over the windows that hold it:
        // PolNeAR dev source / cue / content overlap F1 0.839 / 0.831 /
        // 0.860. Aligned windows 127 sub-tokens apart gave 0.836 / 0.831 /
        // 0.857, 200 apart 0.834 / 0.827 / 0.857, and 254 (no overlap)
        // 0.834 / 0.830 / 0.860 (docs/claims.md).
        // A joint model reads as it was trained, whichever stage loads it.
        let tagger = if tagger.is_joint() {
            tagger
        } else {
            let step = tagger.document_window_step();
            tagger.with_window_step(Some(step))
        };
        Self::sharing(Arc::new(SharedTagger::new(tagger)))
            .map_err(|message| newsnlp_ner::NerError::model(dir, message))
    }

    /// A stage on a tagger the `ner` stage may share (a joint model), or of
    /// its own; refuses a model without attribution labels.
    pub(crate) fn sharing(tagger: Arc<SharedTagger>) -> Result<Self, String> {
        let roles = tagger
            .attribution_labels()
            .iter()
            .filter_map(|l| l.split_once('-').and_then(|(_, r)| Role::from_label(r)))
            .count();
        if roles == 0 {
            return Err(
                "no SOURCE, CUE or CONTENT labels in config.json: not an attribution model".into(),
            );
        }
        Ok(Self {
            tagger: Some(tagger),
            counting: Counting::default(),
        })
    }

    /// Tags each document's whole text for attribution roles.
    fn roles(
        tagger: &SharedTagger,
        docs: &[&mut Document],
    ) -> Result<Vec<Vec<RoleSpan>>, StageError> {
        let sentences: Vec<Vec<Range<usize>>> =
            docs.iter().map(|doc| sentence_bytes(doc)).collect();
        let documents: Vec<(&str, &[Range<usize>])> = docs
            .iter()
            .zip(&sentences)
            .map(|(doc, sentences)| (doc.text.as_str(), sentences.as_slice()))
            .collect();
        let tagged = tagger
            .attribution(&documents)
            .map_err(|err| StageError::Failed(err.to_string()))?;
        Ok(docs
            .iter()
            .zip(tagged)
            .map(|(doc, spans)| {
                let map = doc.offsets();
                spans
                    .into_iter()
                    .filter_map(|span| {
                        let role = Role::from_label(&span.label)?;
                        let chars = map.chars_of_bytes(span.bytes);
                        Some(RoleSpan {
                            role,
                            start: chars.start,
                            end: chars.end,
                        })
                    })
                    .collect()
            })
            .collect())
    }
}

impl Stage for ClaimsStage {
    fn name(&self) -> &'static str {
        "claims"
    }
    /// The attribution model and cue lexicon are English.
    fn reads_only_english(&self) -> bool {
        true
    }

    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }

    fn produces(&self) -> Layer {
        Layer::Claims
    }

    fn annotate(&self, doc: &mut Document) -> Result<(), StageError> {
        self.annotate_batch(&mut [doc]).pop().unwrap_or(Ok(()))
    }

    fn batched(&self) -> bool {
        self.tagger.is_some()
    }

    fn annotate_batch(&self, docs: &mut [&mut Document]) -> Vec<Result<(), StageError>> {
        let Some(tagger) = &self.tagger else {
            for doc in docs.iter_mut() {
                doc.claims = Some(newsnlp_claims::attribute_counting(doc, self.counting));
            }
            return docs.iter().map(|_| Ok(())).collect();
        };
        let roles = Self::roles(tagger, docs);
        match roles {
            // Linking runs per document, so a bug there costs one document,
            // not the batch.
            Ok(roles) => docs
                .iter_mut()
                .zip(roles)
                .map(|(doc, roles)| {
                    let claims = catch_unwind(AssertUnwindSafe(|| {
                        newsnlp_claims::attribute_with_roles_counting(doc, &roles, self.counting)
                    }))
                    .map_err(|panic| StageError::Panicked(panic_message(&panic)))?;
                    doc.claims = Some(claims);
                    Ok(())
                })
                .collect(),
            Err(err) => docs
                .iter()
                .map(|_| Err(StageError::Failed(err.to_string())))
                .collect(),
        }
    }
}
