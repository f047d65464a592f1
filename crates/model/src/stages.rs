//! Every stage newsnlp knows, by CLI name, with what it needs and produces:
//! the table `newsnlp stages` prints. It lives here, beside the layers it
//! names, so that a front end can describe the pipeline without loading
//! any stage (the `newsnlp` launcher answers `newsnlp stages` without
//! libtorch).

use crate::Layer;

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

/// The text `newsnlp stages` prints: per stage, a line with its name, the
/// layers it needs and the fields it produces, then its summary.
pub fn describe() -> String {
    let mut out = String::new();
    for info in STAGES {
        let needs: Vec<String> = info.needs.iter().map(|l| l.to_string()).collect();
        let needs = if needs.is_empty() {
            "raw input".to_string()
        } else {
            needs.join(", ")
        };
        out.push_str(&format!(
            "{:<10} needs: {:<24} produces: {}\n",
            info.name,
            needs,
            info.produces.join(", ")
        ));
        out.push_str(&format!("{:<10} {}\n", "", info.summary));
    }
    out
}
