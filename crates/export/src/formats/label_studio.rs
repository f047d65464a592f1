//! Label Studio: `tasks.json` (tasks with predictions) and the matching
//! `labeling_config.xml`, and re-import of reviewed tasks.
//!
//! Label Studio indexes text in JavaScript UTF-16 code units, so offsets are
//! converted from characters on export and back on import (an emoji counts
//! two units). Regions: `entity` labels (one per entity, `score` kept),
//! `date` labels (TIMEX3 type) with a per-region `date_value` text area
//! holding the resolved value, `claim` labels `Source`/`Cue`/`Content` linked
//! by `says` (source → cue, or source → content when there is no cue) and
//! `reports` (cue → content) relations, and a per-region `speaker` text area
//! on each claim's content. Attributes a reviewer does not edit (date anchor,
//! rule, claim kind...) travel in a `newsnlp` field of the region and are
//! restored on import when present.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;

use newsnlp_model::{Claim, CueClass, Document, Entity, Span, TextSpan, Timex};
use serde_json::{json, Map, Value};

use crate::text::{escape_xml, palette, sentence_of, set_imported_layers, CharText, Utf16Map};
use crate::{read_file, target_file, write_file, ExportError, ExportSummary, Exporter, Layers};

/// Name of the tasks file in an output directory.
pub const TASKS_FILE: &str = "tasks.json";
/// Name of the labeling configuration written next to the tasks.
pub const CONFIG_FILE: &str = "labeling_config.xml";
/// `model_version` of the predictions.
pub const MODEL_VERSION: &str = "newsnlp";

const DATE_KINDS: [&str; 4] = ["DATE", "TIME", "DURATION", "SET"];
const DEFAULT_ENTITY_LABELS: [&str; 6] = ["PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT"];

/// The Label Studio exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct LabelStudio;

impl Exporter for LabelStudio {
    fn name(&self) -> &'static str {
        "label-studio"
    }

    fn export(
        &self,
        docs: &[Document],
        layers: &Layers,
        out: &Path,
    ) -> Result<ExportSummary, ExportError> {
        let mut summary = ExportSummary {
            format: self.name(),
            ..Default::default()
        };
        let tasks: Vec<Value> = docs.iter().map(|d| task(d, layers, &mut summary)).collect();
        let tasks_path = target_file(out, TASKS_FILE, &["json"])?;
        let json = serde_json::to_string_pretty(&tasks).map_err(|e| ExportError::Json {
            path: tasks_path.clone(),
            source: e,
        })?;
        write_file(&tasks_path, json.as_bytes())?;
        let config_path = tasks_path.with_file_name(CONFIG_FILE);
        write_file(&config_path, labeling_config(docs, layers).as_bytes())?;
        summary.documents = docs.len();
        summary.files = vec![tasks_path, config_path];
        Ok(summary)
    }
}

/// One Label Studio task for `doc`.
pub fn task(doc: &Document, layers: &Layers, summary: &mut ExportSummary) -> Value {
    let text = CharText::new(&doc.text);
    let u16 = Utf16Map::new(&doc.text);
    let mut data = Map::new();
    data.insert("text".into(), json!(doc.text));
    data.insert("id".into(), json!(doc.id));
    data.insert("published".into(), json!(doc.published));
    data.insert("title".into(), json!(doc.title));
    let mut present = Layers::NONE;
    present.entities = layers.entities && doc.entities.is_some();
    present.dates = layers.dates && doc.dates.is_some();
    present.claims = layers.claims && doc.claims.is_some();
    present.sentences = layers.sentences && doc.sentences.is_some();
    data.insert("layers".into(), json!(present.to_string()));
    if present.sentences {
        let spans: Vec<[usize; 2]> = doc
            .sentences
            .iter()
            .flatten()
            .filter_map(|s| text.check(s.start, s.end).map(|(a, b)| [a, b]))
            .collect();
        data.insert("sentences".into(), json!(spans));
    }

    let mut result = Vec::new();
    let region = |id: &str, from: &str, start: usize, end: usize, label: &str| {
        json!({
            "id": id,
            "from_name": from,
            "to_name": "text",
            "type": "labels",
            "value": {
                "start": u16.to_utf16(start),
                "end": u16.to_utf16(end),
                "text": text.slice(start, end),
                "labels": [label],
            },
        })
    };
    let per_region_text = |id: &str, from: &str, start: usize, end: usize, value: &str| {
        json!({
            "id": id,
            "from_name": from,
            "to_name": "text",
            "type": "textarea",
            "value": {
                "start": u16.to_utf16(start),
                "end": u16.to_utf16(end),
                "text": [value],
            },
        })
    };
    if present.entities {
        for (i, e) in doc.entities.iter().flatten().enumerate() {
            let Some((s, t)) = text.check(e.start, e.end) else {
                summary.skipped += 1;
                continue;
            };
            let mut r = region(&format!("e{i}"), "entity", s, t, &e.label);
            r["score"] = json!(e.score);
            result.push(r);
            summary.annotations += 1;
        }
    }
    if present.dates {
        for (i, d) in doc.dates.iter().flatten().enumerate() {
            let Some((s, t)) = text.check(d.start, d.end) else {
                summary.skipped += 1;
                continue;
            };
            let id = format!("d{i}");
            let mut r = region(&id, "date", s, t, &d.kind);
            r["newsnlp"] = json!({
                "value": d.value,
                "anchor": d.anchor,
                "anchor_source": d.anchor_source,
                "rule": d.rule,
                "grain": d.grain,
                "mod": d.modifier,
            });
            result.push(r);
            result.push(per_region_text(&id, "date_value", s, t, &d.value));
            summary.annotations += 1;
        }
    }
    if present.claims {
        let entity_count = doc.entities.as_ref().map_or(0, Vec::len);
        for (i, c) in doc.claims.iter().flatten().enumerate() {
            let Some((cs, ce)) = text.check(c.content.start, c.content.end) else {
                summary.skipped += 1;
                continue;
            };
            let content_id = format!("c{i}-content");
            let mut part = |p: &Option<TextSpan>, suffix: &str, label: &str| {
                let p = p.as_ref()?;
                match text.check(p.start, p.end) {
                    Some((s, e)) => {
                        let id = format!("c{i}-{suffix}");
                        result.push(region(&id, "claim", s, e, label));
                        summary.annotations += 1;
                        Some(id)
                    }
                    None => {
                        summary.skipped += 1;
                        None
                    }
                }
            };
            let source_id = part(&c.source, "source", "Source");
            let cue_id = part(&c.cue, "cue", "Cue");
            let mut r = region(&content_id, "claim", cs, ce, "Content");
            let speaker_entity = c
                .speaker_entity
                .filter(|&e| present.entities && e < entity_count)
                .map(|e| format!("e{e}"));
            r["newsnlp"] = json!({
                "speaker": c.speaker,
                "speaker_role": c.speaker_role,
                "speaker_entity": speaker_entity,
                "kind": c.kind,
                "cue_class": c.cue_class,
                "date": c.date,
                "sentence": c.sentence,
            });
            result.push(r);
            summary.annotations += 1;
            if let Some(speaker) = &c.speaker {
                result.push(per_region_text(&content_id, "speaker", cs, ce, speaker));
            }
            let relation = |from: &str, to: &str, label: &str| {
                json!({
                    "from_id": from,
                    "to_id": to,
                    "type": "relation",
                    "direction": "right",
                    "labels": [label],
                })
            };
            match (&source_id, &cue_id) {
                (Some(s), Some(q)) => {
                    result.push(relation(s, q, "says"));
                    result.push(relation(q, &content_id, "reports"));
                }
                (Some(s), None) => result.push(relation(s, &content_id, "says")),
                (None, Some(q)) => result.push(relation(q, &content_id, "reports")),
                (None, None) => {}
            }
        }
    }
    json!({
        "data": data,
        "predictions": [{"model_version": MODEL_VERSION, "result": result}],
    })
}

/// The labeling configuration matching the tasks written for `docs`.
pub fn labeling_config(docs: &[Document], layers: &Layers) -> String {
    let mut x = String::from("<View>\n");
    let labels = |x: &mut String, name: &str, values: &[&str]| {
        x.push_str(&format!("  <Labels name=\"{name}\" toName=\"text\">\n"));
        for (i, v) in values.iter().enumerate() {
            x.push_str(&format!(
                "    <Label value=\"{}\" background=\"{}\"/>\n",
                escape_xml(v),
                palette(i)
            ));
        }
        x.push_str("  </Labels>\n");
    };
    if layers.entities {
        let seen: BTreeSet<&str> = docs
            .iter()
            .flat_map(|d| d.entities.iter().flatten())
            .map(|e| e.label.as_str())
            .collect();
        let values: Vec<&str> = if seen.is_empty() {
            DEFAULT_ENTITY_LABELS.to_vec()
        } else {
            seen.into_iter().collect()
        };
        labels(&mut x, "entity", &values);
    }
    if layers.dates {
        let mut kinds: Vec<&str> = DATE_KINDS.to_vec();
        for d in docs.iter().flat_map(|d| d.dates.iter().flatten()) {
            if !kinds.contains(&d.kind.as_str()) {
                kinds.push(&d.kind);
            }
        }
        labels(&mut x, "date", &kinds);
    }
    if layers.claims {
        labels(&mut x, "claim", &["Source", "Cue", "Content"]);
    }
    x.push_str("  <Text name=\"text\" value=\"$text\"/>\n");
    if layers.claims {
        x.push_str(
            "  <Relations>\n    <Relation value=\"says\"/>\n    <Relation value=\"reports\"/>\n  </Relations>\n",
        );
    }
    if layers.dates {
        x.push_str(
            "  <View visibleWhen=\"region-selected\" whenTagName=\"date\">\n    <Header value=\"Resolved TIMEX3 value\"/>\n    <TextArea name=\"date_value\" toName=\"text\" perRegion=\"true\" editable=\"true\" maxSubmissions=\"1\" displayMode=\"region-list\"/>\n  </View>\n",
        );
    }
    if layers.claims {
        x.push_str(
            "  <View visibleWhen=\"region-selected\" whenTagName=\"claim\">\n    <Header value=\"Speaker (on the Content region)\"/>\n    <TextArea name=\"speaker\" toName=\"text\" perRegion=\"true\" editable=\"true\" maxSubmissions=\"1\" displayMode=\"region-list\"/>\n  </View>\n",
        );
    }
    x.push_str("</View>\n");
    x
}

/// Reads Label Studio tasks (a JSON export of a project, or the file this
/// crate wrote) back into documents.
///
/// Per task the last non-cancelled entry of `annotations` (the reviewed
/// result) is used, else the last entry of `predictions`. Offsets are
/// converted from UTF-16 units back to characters; mention texts are taken
/// from `data.text`. Entities and dates come back in text order.
pub fn import_label_studio(path: impl AsRef<Path>) -> Result<Vec<Document>, ExportError> {
    let path = path.as_ref();
    let raw = read_file(path)?;
    let value: Value = serde_json::from_str(&raw).map_err(|e| ExportError::Json {
        path: path.to_path_buf(),
        source: e,
    })?;
    let tasks = match value {
        Value::Array(tasks) => tasks,
        obj @ Value::Object(_) => vec![obj],
        _ => {
            return Err(ExportError::format(
                path,
                None,
                "expected an array of tasks",
            ))
        }
    };
    tasks
        .iter()
        .enumerate()
        .map(|(n, t)| {
            import_task(t, n).map_err(|m| ExportError::format(path, None, format!("task {n}: {m}")))
        })
        .collect()
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn opt_string(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_str).map(str::to_string)
}

/// The result list a reviewer produced, else the predictions.
fn chosen_result(task: &Value) -> &[Value] {
    let pick = |key: &str, skip_cancelled: bool| {
        task.get(key)?
            .as_array()?
            .iter()
            .rev()
            .find(|a| !(skip_cancelled && a["was_cancelled"].as_bool() == Some(true)))?
            .get("result")?
            .as_array()
            .map(Vec::as_slice)
    };
    pick("annotations", true)
        .or_else(|| pick("predictions", false))
        .unwrap_or(&[])
}

struct Region<'v> {
    id: String,
    start: usize,
    end: usize,
    label: String,
    result: &'v Value,
}

fn import_task(task: &Value, n: usize) -> Result<Document, String> {
    let data = task.get("data").ok_or("no `data`")?;
    let text = data["text"].as_str().ok_or("no `data.text`")?;
    let id = str_of(&data["id"])
        .or_else(|| str_of(&task["id"]))
        .unwrap_or_else(|| format!("task-{n}"));
    let mut doc = Document::new(id, text);
    doc.published = opt_string(data.get("published"));
    doc.title = opt_string(data.get("title"));
    let listed: Layers = data["layers"]
        .as_str()
        .and_then(|l| l.parse().ok())
        .unwrap_or(Layers::NONE);
    let chars = CharText::new(text);
    let u16 = Utf16Map::new(text);
    if let Some(sentences) = data.get("sentences").and_then(Value::as_array) {
        let spans = sentences
            .iter()
            .filter_map(|s| Some(Span::new(s[0].as_u64()? as usize, s[1].as_u64()? as usize)))
            .collect();
        doc.sentences = Some(spans);
    } else if listed.sentences {
        doc.sentences = Some(Vec::new());
    }

    let results = chosen_result(task);
    let mut regions: Vec<Region<'_>> = Vec::new();
    let mut textareas: HashMap<(String, String), String> = HashMap::new();
    let mut links: Vec<(String, String)> = Vec::new();
    for r in results {
        let kind = r["type"].as_str().unwrap_or_default();
        let from = r["from_name"].as_str().unwrap_or_default();
        let id = str_of(&r["id"]).unwrap_or_default();
        match kind {
            "relation" => {
                if let (Some(a), Some(b)) = (str_of(&r["from_id"]), str_of(&r["to_id"])) {
                    links.push((a, b));
                }
            }
            "textarea" => {
                if let Some(t) = r["value"]["text"].as_array().and_then(|t| t.first()) {
                    if let Some(t) = t.as_str() {
                        textareas.insert((from.to_string(), id), t.to_string());
                    }
                }
            }
            "labels" | "hypertextlabels" => {
                let v = &r["value"];
                let (Some(s), Some(e)) = (v["start"].as_u64(), v["end"].as_u64()) else {
                    return Err(format!("region {id} has no numeric start/end"));
                };
                let label = v["labels"]
                    .as_array()
                    .and_then(|l| l.first())
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string();
                let (start, end) = (u16.to_char(s as usize), u16.to_char(e as usize));
                if chars.check(start, end).is_some() {
                    regions.push(Region {
                        id,
                        start,
                        end,
                        label,
                        result: r,
                    });
                }
            }
            _ => {}
        }
    }

    let from_name = |r: &Region<'_>| {
        r.result["from_name"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    };
    let mut entities = Vec::new();
    let mut entity_index: HashMap<&str, usize> = HashMap::new();
    let mut dates = Vec::new();
    for r in &regions {
        match from_name(r).as_str() {
            "entity" => {
                entity_index.insert(&r.id, entities.len());
                entities.push(Entity {
                    start: r.start,
                    end: r.end,
                    text: chars.slice(r.start, r.end).to_string(),
                    label: r.label.clone(),
                    score: r.result["score"].as_f64().unwrap_or(1.0) as f32,
                });
            }
            "date" => {
                let meta = &r.result["newsnlp"];
                let value = textareas
                    .get(&("date_value".to_string(), r.id.clone()))
                    .cloned()
                    .or_else(|| opt_string(meta.get("value")))
                    .unwrap_or_default();
                dates.push(Timex {
                    start: r.start,
                    end: r.end,
                    text: chars.slice(r.start, r.end).to_string(),
                    kind: r.label.clone(),
                    value,
                    anchor: opt_string(meta.get("anchor")),
                    anchor_source: opt_string(meta.get("anchor_source"))
                        .unwrap_or_else(|| "none".into()),
                    rule: opt_string(meta.get("rule")).unwrap_or_else(|| "review".into()),
                    grain: opt_string(meta.get("grain")).unwrap_or_default(),
                    modifier: opt_string(meta.get("mod")),
                });
            }
            _ => {}
        }
    }

    // Claims: one per Content region; its cue and source are the regions
    // linked to it (in either direction, whatever the relation's label).
    let claim_parts: HashMap<&str, &Region<'_>> = regions
        .iter()
        .filter(|r| from_name(r) == "claim")
        .map(|r| (r.id.as_str(), r))
        .collect();
    let linked = |id: &str, label: &str| -> Option<&Region<'_>> {
        links.iter().find_map(|(a, b)| {
            let other = if a == id {
                b
            } else if b == id {
                a
            } else {
                return None;
            };
            claim_parts
                .get(other.as_str())
                .copied()
                .filter(|r| r.label == label)
        })
    };
    let span_of = |r: &Region<'_>| TextSpan {
        start: r.start,
        end: r.end,
        text: chars.slice(r.start, r.end).to_string(),
    };
    let mut claims = Vec::new();
    for r in regions
        .iter()
        .filter(|r| from_name(r) == "claim" && r.label == "Content")
    {
        let cue = linked(&r.id, "Cue");
        let source = cue
            .and_then(|q| linked(&q.id, "Source"))
            .or_else(|| linked(&r.id, "Source"));
        let meta = &r.result["newsnlp"];
        let speaker = textareas
            .get(&("speaker".to_string(), r.id.clone()))
            .cloned()
            .or_else(|| match meta.get("speaker") {
                // Exported by newsnlp: the speaker as it was, possibly unknown.
                Some(v) => v.as_str().map(str::to_string),
                None => source.map(|s| chars.slice(s.start, s.end).to_string()),
            });
        let at = cue.map_or(r.start, |q| q.start);
        claims.push(Claim {
            source: source.map(span_of),
            speaker,
            speaker_entity: meta["speaker_entity"]
                .as_str()
                .and_then(|e| entity_index.get(e).copied()),
            speaker_role: opt_string(meta.get("speaker_role")),
            cue: cue.map(span_of),
            content: span_of(r),
            kind: opt_string(meta.get("kind")).unwrap_or_else(|| "indirect".into()),
            cue_class: meta["cue_class"]
                .as_str()
                .and_then(CueClass::from_name)
                .unwrap_or_default(),
            date: opt_string(meta.get("date")),
            sentence: meta["sentence"]
                .as_u64()
                .map(|s| s as usize)
                .or_else(|| sentence_of(&doc, at))
                .unwrap_or(0),
        });
    }

    set_imported_layers(&mut doc, &listed, entities, dates, claims);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{broken_documents, emoji_document, find, seed_document};

    fn export_to(docs: &[Document], layers: Layers) -> (tempfile::TempDir, ExportSummary) {
        let dir = tempfile::tempdir().unwrap();
        let s = LabelStudio.export(docs, &layers, dir.path()).unwrap();
        (dir, s)
    }

    #[test]
    fn emoji_before_entity_shifts_utf16_offsets() {
        let doc = emoji_document();
        let (start, end) = find(&doc.text, "Andrabi", 0);
        // 🇵🇰 is two non-BMP characters (4 units), 😀 one (2 units).
        assert_eq!((start, end), (5, 12));
        let t = task(&doc, &Layers::ALL, &mut ExportSummary::default());
        let r = &t["predictions"][0]["result"][0];
        assert_eq!(r["from_name"], "entity");
        assert_eq!(r["value"]["start"], 8);
        assert_eq!(r["value"]["end"], 15);
        assert_eq!(r["value"]["text"], "Andrabi");
        let js: Vec<u16> = doc.text.encode_utf16().collect();
        assert_eq!(String::from_utf16(&js[8..15]).unwrap(), "Andrabi");
    }

    #[test]
    fn task_has_expected_shape() {
        let doc = emoji_document();
        let t = task(&doc, &Layers::ALL, &mut ExportSummary::default());
        let expected = json!({
            "data": {
                "text": doc.text,
                "id": "emoji 1",
                "published": "2025-11-08",
                "title": null,
                "layers": "entities,dates,claims,sentences",
                "sentences": [[0, 42]],
            },
            "predictions": [{"model_version": "newsnlp", "result": [
                {"id": "e0", "from_name": "entity", "to_name": "text", "type": "labels",
                 "value": {"start": 8, "end": 15, "text": "Andrabi", "labels": ["PERSON"]}, "score": 0.5},
                {"id": "d0", "from_name": "date", "to_name": "text", "type": "labels",
                 "value": {"start": 39, "end": 44, "text": "7 Nov", "labels": ["DATE"]},
                 "newsnlp": {"value": "2025-11-07", "anchor": "2025-11-08", "anchor_source": "published",
                             "rule": "month_day", "grain": "day", "mod": null}},
                {"id": "d0", "from_name": "date_value", "to_name": "text", "type": "textarea",
                 "value": {"start": 39, "end": 44, "text": ["2025-11-07"]}},
                {"id": "c0-source", "from_name": "claim", "to_name": "text", "type": "labels",
                 "value": {"start": 8, "end": 15, "text": "Andrabi", "labels": ["Source"]}},
                {"id": "c0-cue", "from_name": "claim", "to_name": "text", "type": "labels",
                 "value": {"start": 16, "end": 20, "text": "said", "labels": ["Cue"]}},
                {"id": "c0-content", "from_name": "claim", "to_name": "text", "type": "labels",
                 "value": {"start": 22, "end": 34, "text": "talks failed", "labels": ["Content"]},
                 "newsnlp": {"speaker": "Andrabi", "speaker_role": null, "speaker_entity": "e0",
                             "kind": "direct", "cue_class": "speech", "date": "2025-11-07", "sentence": 0}},
                {"id": "c0-content", "from_name": "speaker", "to_name": "text", "type": "textarea",
                 "value": {"start": 22, "end": 34, "text": ["Andrabi"]}},
                {"from_id": "c0-source", "to_id": "c0-cue", "type": "relation", "direction": "right", "labels": ["says"]},
                {"from_id": "c0-cue", "to_id": "c0-content", "type": "relation", "direction": "right", "labels": ["reports"]},
            ]}],
        });
        assert_eq!(t, expected);
    }

    #[test]
    fn config_declares_every_label_and_relation() {
        let x = labeling_config(&[seed_document()], &Layers::ALL);
        for needle in [
            "<Labels name=\"entity\" toName=\"text\">",
            "<Label value=\"GPE\"",
            "<Label value=\"PERSON\"",
            "<Label value=\"ORG\"",
            "<Labels name=\"date\" toName=\"text\">",
            "<Label value=\"DURATION\"",
            "<Labels name=\"claim\" toName=\"text\">",
            "<Label value=\"Content\"",
            "<Text name=\"text\" value=\"$text\"/>",
            "<Relation value=\"says\"/>",
            "<TextArea name=\"date_value\" toName=\"text\" perRegion=\"true\"",
            "<TextArea name=\"speaker\" toName=\"text\" perRegion=\"true\"",
        ] {
            assert!(x.contains(needle), "{needle} missing from\n{x}");
        }
        let only_entities = labeling_config(&[], &"entities".parse().unwrap());
        assert!(only_entities.contains("<Label value=\"PERSON\""));
        assert!(!only_entities.contains("claim"));
    }

    #[test]
    fn seed_round_trips() {
        let mut doc = seed_document();
        doc.source = None; // not carried by Label Studio
        let (dir, summary) = export_to(&[doc.clone(), emoji_document()], Layers::ALL);
        assert_eq!(summary.documents, 2);
        assert_eq!(summary.skipped, 0);
        assert_eq!(summary.annotations, 9 + 3 + 9 + 1 + 1 + 3);
        assert!(dir.path().join(CONFIG_FILE).is_file());
        let back = import_label_studio(dir.path().join(TASKS_FILE)).unwrap();
        assert_eq!(back, vec![doc, emoji_document()]);
    }

    #[test]
    fn reviewed_annotations_win_over_predictions() {
        let doc = emoji_document();
        let mut t = task(&doc, &Layers::ALL, &mut ExportSummary::default());
        let mut reviewed = t["predictions"][0]["result"].as_array().unwrap().clone();
        // The reviewer drops the date, fixes the entity label and the speaker name.
        reviewed.retain(|r| r["id"] != "d0");
        reviewed[0]["value"]["labels"] = json!(["ORG"]);
        reviewed[0].as_object_mut().unwrap().remove("score");
        for r in reviewed.iter_mut() {
            if r["from_name"] == "speaker" {
                r["value"]["text"] = json!(["Tahir Hussain Andrabi"]);
            }
        }
        t["annotations"] = json!([
            {"id": 1, "was_cancelled": false, "result": reviewed},
            {"id": 2, "was_cancelled": true, "result": []},
        ]);
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("export.json");
        std::fs::write(&p, serde_json::to_string(&json!([t])).unwrap()).unwrap();
        let back = import_label_studio(&p).unwrap();
        let d = &back[0];
        assert_eq!(d.dates, Some(vec![]));
        let e = &d.entities.as_ref().unwrap()[0];
        assert_eq!((e.label.as_str(), e.score, e.start), ("ORG", 1.0, 5));
        let c = &d.claims.as_ref().unwrap()[0];
        assert_eq!(c.speaker.as_deref(), Some("Tahir Hussain Andrabi"));
        assert_eq!(c.cue.as_ref().unwrap().text, "said");
        assert_eq!(c.source.as_ref().unwrap().text, "Andrabi");
    }

    #[test]
    fn minimal_foreign_tasks_import() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("t.json");
        let tasks = json!([{"id": 7, "data": {"text": "😀 Kabul said no."}, "annotations": [{"result": [
            {"id": "a", "from_name": "entity", "type": "labels", "value": {"start": 3, "end": 8, "labels": ["GPE"]}},
            {"id": "b", "from_name": "claim", "type": "labels", "value": {"start": 3, "end": 8, "labels": ["Source"]}},
            {"id": "c", "from_name": "claim", "type": "labels", "value": {"start": 14, "end": 16, "labels": ["Content"]}},
            {"from_id": "c", "to_id": "b", "type": "relation", "direction": "left"},
        ]}]}]);
        std::fs::write(&p, tasks.to_string()).unwrap();
        let d = &import_label_studio(&p).unwrap()[0];
        assert_eq!(d.id, "7");
        assert_eq!(d.entities.as_ref().unwrap()[0].text, "Kabul");
        let c = &d.claims.as_ref().unwrap()[0];
        assert_eq!(c.content.text, "no");
        assert_eq!(c.speaker.as_deref(), Some("Kabul"));
        assert!(c.cue.is_none());
        assert!(d.dates.is_none());
    }

    #[test]
    fn broken_documents_export() {
        let (dir, s) = export_to(&broken_documents(), Layers::ALL);
        assert_eq!(s.documents, 3);
        assert_eq!(
            s.skipped, 3,
            "out-of-range entity, reversed entity, out-of-range claim"
        );
        let back = import_label_studio(dir.path().join(TASKS_FILE)).unwrap();
        assert_eq!(back.len(), 3);
        assert_eq!(back[0].entities, None);
        assert_eq!(back[1].entities, Some(vec![]));
        assert_eq!(back[2].entities.as_ref().unwrap().len(), 1);
        assert_eq!(back[2].id, "../bad id\t<x>");
        assert!(matches!(
            import_label_studio(dir.path().join(CONFIG_FILE)),
            Err(ExportError::Json { .. })
        ));
    }
}
