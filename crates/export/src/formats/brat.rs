//! brat standoff: `<doc>.txt` + `<doc>.ann` per document, `annotation.conf`
//! and `visual.conf` so the directory opens in brat, and `documents.json`
//! mapping file names back to document ids; and re-import.
//!
//! brat offsets are characters, like the document model. Lines written:
//! - `T1\tPERSON 10 20\tTahir Hussain` for entities, `Timex` for dates,
//!   `Source`/`Cue`/`Content` for claim parts (a span crossing a line break
//!   is written as fragments `10 15;16 20`, as brat does);
//! - `R1\tSays Arg1:T5 Arg2:T6` (source → cue, or source → content when there
//!   is no cue) and `R2\tReports Arg1:T6 Arg2:T7` (cue → content);
//! - `#1\tAnnotatorNotes T1\tscore=0.99` carrying what brat has no place for:
//!   entity scores, a date's `type; value; anchor; ...`, a claim's `kind;
//!   speaker; role; date; sentence` on its content. Values escape `%`, `;`,
//!   tab and line breaks as `%25`, `%3B`, `%09`, `%0A`, `%0D`.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};

use newsnlp_model::{Claim, CueClass, Document, Entity, Span, TextSpan, Timex};
use serde::{Deserialize, Serialize};

use crate::text::{palette, sentence_of, set_imported_layers, CharText};
use crate::{create_dir, read_file, write_file, ExportError, ExportSummary, Exporter, Layers};

/// File mapping brat file names to document ids and metadata.
pub const DOCUMENTS_FILE: &str = "documents.json";
/// Entity type of dates.
pub const TIMEX_TYPE: &str = "Timex";
const CLAIM_TYPES: [&str; 3] = ["Source", "Cue", "Content"];

/// The brat exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Brat;

/// One line of `documents.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct DocEntry {
    file: String,
    id: String,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    layers: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sentences: Option<Vec<[usize; 2]>>,
}

impl Exporter for Brat {
    fn name(&self) -> &'static str {
        "brat"
    }

    fn export(
        &self,
        docs: &[Document],
        layers: &Layers,
        out: &Path,
    ) -> Result<ExportSummary, ExportError> {
        create_dir(out)?;
        let mut summary = ExportSummary {
            format: self.name(),
            ..Default::default()
        };
        let mut used = HashSet::new();
        let mut entries = Vec::new();
        for doc in docs {
            let file = file_name(&doc.id, &mut used);
            let txt = out.join(format!("{file}.txt"));
            write_file(&txt, doc.text.as_bytes())?;
            let ann_path = out.join(format!("{file}.ann"));
            write_file(&ann_path, ann(doc, layers, &mut summary).as_bytes())?;
            summary.files.extend([txt, ann_path]);
            let present = present_layers(doc, layers);
            let chars = CharText::new(&doc.text);
            entries.push(DocEntry {
                file,
                id: doc.id.clone(),
                published: doc.published.clone(),
                title: doc.title.clone(),
                layers: present.to_string(),
                sentences: present.sentences.then(|| {
                    doc.sentences
                        .iter()
                        .flatten()
                        .filter_map(|s| chars.check(s.start, s.end).map(|(a, b)| [a, b]))
                        .collect()
                }),
            });
        }
        let conf = out.join("annotation.conf");
        write_file(&conf, annotation_conf(docs, layers).as_bytes())?;
        let visual = out.join("visual.conf");
        write_file(&visual, visual_conf(docs, layers).as_bytes())?;
        let map = out.join(DOCUMENTS_FILE);
        let json = serde_json::to_string_pretty(&entries).map_err(|e| ExportError::Json {
            path: map.clone(),
            source: e,
        })?;
        write_file(&map, json.as_bytes())?;
        summary.files.extend([conf, visual, map]);
        summary.documents = docs.len();
        Ok(summary)
    }
}

fn present_layers(doc: &Document, layers: &Layers) -> Layers {
    Layers {
        entities: layers.entities && doc.entities.is_some(),
        dates: layers.dates && doc.dates.is_some(),
        claims: layers.claims && doc.claims.is_some(),
        sentences: layers.sentences && doc.sentences.is_some(),
    }
}

/// A safe, unique file stem for a document id: ASCII letters, digits, `-`,
/// `_` and `.` kept, anything else `_`, at most 80 characters, never
/// starting with a dot; `-2`, `-3`... added on (case-insensitive) clashes.
pub fn file_name(id: &str, used: &mut HashSet<String>) -> String {
    let mut stem: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    if stem.starts_with('.') {
        stem.replace_range(0..1, "_");
    }
    if stem.is_empty() {
        stem.push_str("doc");
    }
    let mut name = stem.clone();
    let mut n = 1;
    while !used.insert(name.to_ascii_lowercase()) {
        n += 1;
        name = format!("{stem}-{n}");
    }
    name
}

/// A brat type name for a label (letters, digits, `-`, `_`).
fn type_name(label: &str) -> String {
    let t: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if t.is_empty() {
        "_".into()
    } else {
        t
    }
}

fn escape_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        match c {
            '%' => out.push_str("%25"),
            ';' => out.push_str("%3B"),
            '\t' => out.push_str("%09"),
            '\n' => out.push_str("%0A"),
            '\r' => out.push_str("%0D"),
            c => out.push(c),
        }
    }
    out
}

fn unescape_value(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut rest = v;
    while let Some(i) = rest.find('%') {
        out.push_str(&rest[..i]);
        let decoded = match rest.get(i..i + 3) {
            Some("%25") => Some('%'),
            Some("%3B") => Some(';'),
            Some("%09") => Some('\t'),
            Some("%0A") => Some('\n'),
            Some("%0D") => Some('\r'),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[i + 3..];
            }
            None => {
                out.push('%');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn note(pairs: &[(&str, Option<&str>)]) -> String {
    pairs
        .iter()
        .filter_map(|(k, v)| v.map(|v| format!("{k}={}", escape_value(v))))
        .collect::<Vec<_>>()
        .join("; ")
}

fn parse_note(s: &str) -> HashMap<String, String> {
    s.split(';')
        .filter_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            Some((k.trim().to_string(), unescape_value(v.trim())))
        })
        .collect()
}

/// The `.ann` content for `doc`.
pub fn ann(doc: &Document, layers: &Layers, summary: &mut ExportSummary) -> String {
    let text = CharText::new(&doc.text);
    let present = present_layers(doc, layers);
    let mut w = AnnWriter::default();
    let mut entity_t = HashMap::new();
    if present.entities {
        for (i, e) in doc.entities.iter().flatten().enumerate() {
            let Some((s, t)) = text.check(e.start, e.end) else {
                summary.skipped += 1;
                continue;
            };
            let id = w.textbound(&text, &type_name(&e.label), s, t);
            entity_t.insert(i, id.clone());
            w.note(&id, &note(&[("score", Some(&e.score.to_string()))]));
            summary.annotations += 1;
        }
    }
    if present.dates {
        for d in doc.dates.iter().flatten() {
            let Some((s, t)) = text.check(d.start, d.end) else {
                summary.skipped += 1;
                continue;
            };
            let id = w.textbound(&text, TIMEX_TYPE, s, t);
            w.note(
                &id,
                &note(&[
                    ("type", Some(&d.kind)),
                    ("value", Some(&d.value)),
                    ("anchor", d.anchor.as_deref()),
                    ("anchor_source", Some(&d.anchor_source)),
                    ("rule", Some(&d.rule)),
                    ("grain", Some(&d.grain)),
                    ("mod", d.modifier.as_deref()),
                ]),
            );
            summary.annotations += 1;
        }
    }
    if present.claims {
        for c in doc.claims.iter().flatten() {
            let Some((cs, ce)) = text.check(c.content.start, c.content.end) else {
                summary.skipped += 1;
                continue;
            };
            let mut part = |p: &Option<TextSpan>, kind: &str| {
                let p = p.as_ref()?;
                match text.check(p.start, p.end) {
                    Some((s, e)) => {
                        summary.annotations += 1;
                        Some(w.textbound(&text, kind, s, e))
                    }
                    None => {
                        summary.skipped += 1;
                        None
                    }
                }
            };
            let source = part(&c.source, "Source");
            let cue = part(&c.cue, "Cue");
            let content = w.textbound(&text, "Content", cs, ce);
            summary.annotations += 1;
            let speaker_entity = c.speaker_entity.and_then(|i| entity_t.get(&i));
            let sentence = c.sentence.to_string();
            w.note(
                &content,
                &note(&[
                    ("kind", Some(&c.kind)),
                    ("cue_class", Some(c.cue_class.as_str())),
                    ("speaker", c.speaker.as_deref()),
                    ("role", c.speaker_role.as_deref()),
                    ("speaker_entity", speaker_entity.map(String::as_str)),
                    ("date", c.date.as_deref()),
                    ("sentence", Some(&sentence)),
                ]),
            );
            match (source, cue) {
                (Some(s), Some(q)) => {
                    w.relation("Says", &s, &q);
                    w.relation("Reports", &q, &content);
                }
                (Some(s), None) => w.relation("Says", &s, &content),
                (None, Some(q)) => w.relation("Reports", &q, &content),
                (None, None) => {}
            }
        }
    }
    w.out
}

#[derive(Default)]
struct AnnWriter {
    out: String,
    t: usize,
    r: usize,
    notes: usize,
}

impl AnnWriter {
    fn textbound(&mut self, text: &CharText<'_>, kind: &str, start: usize, end: usize) -> String {
        self.t += 1;
        let id = format!("T{}", self.t);
        // Fragments split at line breaks, as brat itself writes them.
        let covered: Vec<char> = text.slice(start, end).chars().collect();
        let mut fragments = Vec::new();
        let mut from = None;
        for (i, &c) in covered.iter().enumerate() {
            match (c == '\n', from) {
                (false, None) => from = Some(i),
                (true, Some(f)) => {
                    fragments.push((start + f, start + i));
                    from = None;
                }
                _ => {}
            }
        }
        if let Some(f) = from {
            fragments.push((start + f, end));
        }
        // Leading and trailing line breaks stay in the outer fragments, so
        // the span's own start and end survive a round trip.
        if fragments.is_empty() {
            fragments.push((start, end));
        }
        let last = fragments.len() - 1;
        fragments[0].0 = start;
        fragments[last].1 = end;
        let offsets: Vec<String> = fragments.iter().map(|(a, b)| format!("{a} {b}")).collect();
        let texts: Vec<String> = fragments
            .iter()
            .map(|&(a, b)| text.slice(a, b).replace(['\n', '\r', '\t'], " "))
            .collect();
        self.out.push_str(&format!(
            "{id}\t{kind} {}\t{}\n",
            offsets.join(";"),
            texts.join(" ")
        ));
        id
    }

    fn relation(&mut self, kind: &str, from: &str, to: &str) {
        self.r += 1;
        self.out
            .push_str(&format!("R{}\t{kind} Arg1:{from} Arg2:{to}\n", self.r));
    }

    fn note(&mut self, target: &str, text: &str) {
        self.notes += 1;
        self.out.push_str(&format!(
            "#{}\tAnnotatorNotes {target}\t{text}\n",
            self.notes
        ));
    }
}

fn entity_types(docs: &[Document], layers: &Layers) -> Vec<String> {
    let mut types = BTreeSet::new();
    if layers.entities {
        for e in docs.iter().flat_map(|d| d.entities.iter().flatten()) {
            types.insert(type_name(&e.label));
        }
    }
    types.into_iter().collect()
}

/// `annotation.conf`: entity types seen, `Timex`, claim parts and relations.
pub fn annotation_conf(docs: &[Document], layers: &Layers) -> String {
    let mut c = String::from("# newsnlp export\n[entities]\n");
    for t in entity_types(docs, layers) {
        c.push_str(&format!("{t}\n"));
    }
    if layers.dates {
        c.push_str(&format!("{TIMEX_TYPE}\n"));
    }
    if layers.claims {
        for t in CLAIM_TYPES {
            c.push_str(&format!("{t}\n"));
        }
    }
    c.push_str("\n[relations]\n");
    if layers.claims {
        c.push_str("Says\tArg1:Source, Arg2:Cue|Content\n");
        c.push_str("Reports\tArg1:Cue, Arg2:Content\n");
    }
    c.push_str("<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
    c.push_str("\n[events]\n\n[attributes]\n");
    c
}

/// `visual.conf`: labels and colours.
pub fn visual_conf(docs: &[Document], layers: &Layers) -> String {
    let mut labels = String::from("[labels]\n");
    let mut drawing = String::from("\n[drawing]\n");
    for (i, t) in entity_types(docs, layers).iter().enumerate() {
        drawing.push_str(&format!("{t}\tbgColor:{}\n", palette(i)));
    }
    if layers.dates {
        labels.push_str("Timex | Date | D\n");
        drawing.push_str("Timex\tbgColor:#ffe066\n");
    }
    if layers.claims {
        labels.push_str("Source | Source | Src\nCue | Cue\nContent | Content | Cnt\n");
        labels.push_str("Says | says\nReports | reports\n");
        drawing
            .push_str("Source\tbgColor:#ffadad\nCue\tbgColor:#ffd6a5\nContent\tbgColor:#caffbf\n");
        drawing.push_str("Says\tcolor:#d00000, arrowHead:triangle-5\nReports\tcolor:#2b9348, arrowHead:triangle-5\n");
    }
    labels + &drawing
}

struct Textbound {
    kind: String,
    start: usize,
    end: usize,
}

/// Reads a brat directory back into documents: with the `documents.json`
/// written by the export when present (ids, metadata, order, layers), else
/// every `.ann` file in name order with its stem as id.
pub fn import_brat(dir: impl AsRef<Path>) -> Result<Vec<Document>, ExportError> {
    let dir = dir.as_ref();
    let map_path = dir.join(DOCUMENTS_FILE);
    let entries: Vec<DocEntry> = if map_path.is_file() {
        serde_json::from_str(&read_file(&map_path)?).map_err(|e| ExportError::Json {
            path: map_path.clone(),
            source: e,
        })?
    } else {
        let listing = std::fs::read_dir(dir).map_err(|e| ExportError::io(dir, e))?;
        let mut stems: Vec<String> = listing
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ann"))
            .filter_map(|p| Some(p.file_stem()?.to_str()?.to_string()))
            .collect();
        stems.sort();
        stems
            .into_iter()
            .map(|s| DocEntry {
                file: s.clone(),
                id: s,
                published: None,
                title: None,
                layers: String::new(),
                sentences: None,
            })
            .collect()
    };
    entries.iter().map(|e| import_one(dir, e)).collect()
}

fn import_one(dir: &Path, entry: &DocEntry) -> Result<Document, ExportError> {
    let text = read_file(&dir.join(format!("{}.txt", entry.file)))?;
    let ann_path: PathBuf = dir.join(format!("{}.ann", entry.file));
    let ann = if ann_path.is_file() {
        read_file(&ann_path)?
    } else {
        String::new()
    };
    let chars = CharText::new(&text);
    let listed: Layers = entry.layers.parse().unwrap_or(Layers::NONE);
    let mut doc = Document::new(entry.id.clone(), text.clone());
    doc.published = entry.published.clone();
    doc.title = entry.title.clone();
    doc.sentences = entry
        .sentences
        .as_ref()
        .map(|s| s.iter().map(|&[a, b]| Span::new(a, b)).collect());

    let mut order: Vec<String> = Vec::new();
    let mut tbs: HashMap<String, Textbound> = HashMap::new();
    let mut notes: HashMap<String, String> = HashMap::new();
    let mut links: Vec<(String, String)> = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let bad = |m: &str| ExportError::format(&ann_path, Some(n + 1), m);
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or_default();
        let body = cols.next().unwrap_or_default();
        if id.starts_with('T') {
            let (kind, offsets) = body.split_once(' ').ok_or_else(|| bad("no offsets"))?;
            let mut start = usize::MAX;
            let mut end = 0;
            for frag in offsets.split(';') {
                let (a, b) = frag
                    .trim()
                    .split_once(' ')
                    .ok_or_else(|| bad("bad fragment"))?;
                let a: usize = a.parse().map_err(|_| bad("bad offset"))?;
                let b: usize = b.parse().map_err(|_| bad("bad offset"))?;
                start = start.min(a);
                end = end.max(b);
            }
            if chars.check(start, end).is_none() {
                return Err(bad("span outside the text"));
            }
            order.push(id.to_string());
            tbs.insert(
                id.to_string(),
                Textbound {
                    kind: kind.to_string(),
                    start,
                    end,
                },
            );
        } else if id.starts_with('R') {
            let mut parts = body.split(' ');
            let _kind = parts.next();
            let mut arg1 = None;
            let mut arg2 = None;
            for p in parts {
                if let Some(a) = p.strip_prefix("Arg1:") {
                    arg1 = Some(a.to_string());
                } else if let Some(a) = p.strip_prefix("Arg2:") {
                    arg2 = Some(a.to_string());
                }
            }
            if let (Some(a), Some(b)) = (arg1, arg2) {
                links.push((a, b));
            }
        } else if id.starts_with('#') {
            if let Some(target) = body.strip_prefix("AnnotatorNotes ") {
                let text = cols.next().unwrap_or_default();
                notes.insert(target.trim().to_string(), text.to_string());
            }
        }
    }

    let note_of = |id: &str| notes.get(id).map(|n| parse_note(n)).unwrap_or_default();
    let mut entities = Vec::new();
    let mut entity_index = HashMap::new();
    let mut dates = Vec::new();
    let mut contents = Vec::new();
    for id in &order {
        let tb = &tbs[id];
        let covered = chars.slice(tb.start, tb.end).to_string();
        let kv = note_of(id);
        match tb.kind.as_str() {
            TIMEX_TYPE => dates.push(Timex {
                start: tb.start,
                end: tb.end,
                text: covered,
                kind: kv.get("type").cloned().unwrap_or_else(|| "DATE".into()),
                value: kv.get("value").cloned().unwrap_or_default(),
                anchor: kv.get("anchor").cloned(),
                anchor_source: kv
                    .get("anchor_source")
                    .cloned()
                    .unwrap_or_else(|| "none".into()),
                rule: kv.get("rule").cloned().unwrap_or_else(|| "review".into()),
                grain: kv.get("grain").cloned().unwrap_or_default(),
                modifier: kv.get("mod").cloned(),
            }),
            "Content" => contents.push(id.clone()),
            "Source" | "Cue" => {}
            label => {
                entity_index.insert(id.clone(), entities.len());
                entities.push(Entity {
                    start: tb.start,
                    end: tb.end,
                    text: covered,
                    label: label.to_string(),
                    score: kv.get("score").and_then(|s| s.parse().ok()).unwrap_or(1.0),
                });
            }
        }
    }
    let linked = |id: &str, kind: &str| -> Option<&String> {
        links.iter().find_map(|(a, b)| {
            let other = if a == id {
                b
            } else if b == id {
                a
            } else {
                return None;
            };
            tbs.get(other).filter(|t| t.kind == kind).map(|_| other)
        })
    };
    let span = |id: &str| {
        let tb = &tbs[id];
        TextSpan {
            start: tb.start,
            end: tb.end,
            text: chars.slice(tb.start, tb.end).to_string(),
        }
    };
    let mut claims = Vec::new();
    for c in &contents {
        let cue = linked(c, "Cue");
        let source = cue
            .and_then(|q| linked(q, "Source"))
            .or_else(|| linked(c, "Source"));
        let kv = note_of(c);
        let content = span(c);
        let at = cue.map_or(content.start, |q| tbs[q].start);
        claims.push(Claim {
            source: source.map(|s| span(s)),
            // With a newsnlp note the speaker is as it was, possibly unknown;
            // without one (a claim added in brat) it is the source mention.
            speaker: if notes.contains_key(c.as_str()) {
                kv.get("speaker").cloned()
            } else {
                source.map(|s| span(s).text)
            },
            speaker_entity: kv
                .get("speaker_entity")
                .and_then(|t| entity_index.get(t).copied()),
            speaker_role: kv.get("role").cloned(),
            cue: cue.map(|q| span(q)),
            content,
            kind: kv.get("kind").cloned().unwrap_or_else(|| "indirect".into()),
            cue_class: kv
                .get("cue_class")
                .and_then(|c| CueClass::from_name(c))
                .unwrap_or_default(),
            date: kv.get("date").cloned(),
            sentence: kv
                .get("sentence")
                .and_then(|s| s.parse().ok())
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
    use crate::testutil::{broken_documents, emoji_document, seed_document};

    #[test]
    fn emoji_document_ann_is_exact() {
        let doc = emoji_document();
        let got = ann(&doc, &Layers::ALL, &mut ExportSummary::default());
        let expected = "T1\tPERSON 5 12\tAndrabi\n\
#1\tAnnotatorNotes T1\tscore=0.5\n\
T2\tTimex 36 41\t7 Nov\n\
#2\tAnnotatorNotes T2\ttype=DATE; value=2025-11-07; anchor=2025-11-08; anchor_source=published; rule=month_day; grain=day\n\
T3\tSource 5 12\tAndrabi\n\
T4\tCue 13 17\tsaid\n\
T5\tContent 19 31\ttalks failed\n\
#3\tAnnotatorNotes T5\tkind=direct; cue_class=speech; speaker=Andrabi; speaker_entity=T1; date=2025-11-07; sentence=0\n\
R1\tSays Arg1:T3 Arg2:T4\n\
R2\tReports Arg1:T4 Arg2:T5\n";
        assert_eq!(got, expected);
    }

    #[test]
    fn seed_ann_snapshot() {
        let got = ann(
            &seed_document(),
            &Layers::ALL,
            &mut ExportSummary::default(),
        );
        insta::assert_snapshot!("seed_ann", got);
    }

    #[test]
    fn spans_across_lines_become_fragments() {
        let mut doc = Document::new("x", "ab\ncd\n\nef");
        doc.entities = Some(vec![Entity {
            start: 1,
            end: 9,
            text: String::new(),
            label: "ORG".into(),
            score: 1.0,
        }]);
        let got = ann(
            &doc,
            &"entities".parse().unwrap(),
            &mut ExportSummary::default(),
        );
        assert!(got.starts_with("T1\tORG 1 2;3 5;7 9\tb cd ef\n"), "{got}");
        let dir = tempfile::tempdir().unwrap();
        Brat.export(&[doc.clone()], &Layers::ALL, dir.path())
            .unwrap();
        let back = import_brat(dir.path()).unwrap();
        assert_eq!(back[0].entities.as_ref().unwrap()[0].start, 1);
        assert_eq!(back[0].entities.as_ref().unwrap()[0].end, 9);
        assert_eq!(back[0].entities.as_ref().unwrap()[0].text, "b\ncd\n\nef");
    }

    #[test]
    fn notes_escape_separators() {
        let s = "a;b=c%d\te\nf";
        assert_eq!(unescape_value(&escape_value(s)), s);
        let n = note(&[("speaker", Some(s)), ("role", None), ("kind", Some("x"))]);
        assert_eq!(n, "speaker=a%3Bb=c%25d%09e%0Af; kind=x");
        let kv = parse_note(&n);
        assert_eq!(kv["speaker"], s);
        assert_eq!(kv["kind"], "x");
    }

    #[test]
    fn file_names_are_safe_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(file_name("dawn/2025/a b", &mut used), "dawn_2025_a_b");
        assert_eq!(file_name("dawn/2025/a?b", &mut used), "dawn_2025_a_b-2");
        assert_eq!(file_name("DAWN_2025_A_B", &mut used), "DAWN_2025_A_B-3");
        assert_eq!(file_name("../etc/passwd", &mut used), "_._etc_passwd");
        assert_eq!(file_name("", &mut used), "doc");
        assert_eq!(file_name("é", &mut used), "_");
        assert_eq!(file_name(&"x".repeat(200), &mut used).len(), 80);
    }

    #[test]
    fn seed_round_trips_and_confs_open_in_brat() {
        let mut doc = seed_document();
        doc.source = None;
        let docs = vec![doc, emoji_document()];
        let dir = tempfile::tempdir().unwrap();
        let s = Brat.export(&docs, &Layers::ALL, dir.path()).unwrap();
        assert_eq!(s.documents, 2);
        assert_eq!(s.files.len(), 2 * 2 + 3);
        for f in [
            "dawn_2025_pakistan-iran.txt",
            "dawn_2025_pakistan-iran.ann",
            "emoji_1.ann",
        ] {
            assert!(dir.path().join(f).is_file(), "{f}");
        }
        let conf = std::fs::read_to_string(dir.path().join("annotation.conf")).unwrap();
        assert_eq!(
            conf,
            "# newsnlp export\n[entities]\nDATE\nGPE\nORG\nPERSON\nTimex\nSource\nCue\nContent\n\n[relations]\nSays\tArg1:Source, Arg2:Cue|Content\nReports\tArg1:Cue, Arg2:Content\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n"
        );
        let visual = std::fs::read_to_string(dir.path().join("visual.conf")).unwrap();
        assert!(visual.contains("[labels]\n") && visual.contains("PERSON\tbgColor:"));
        assert_eq!(import_brat(dir.path()).unwrap(), docs);
    }

    #[test]
    fn reviewed_ann_without_mapping_imports() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "😀 Kabul said no.").unwrap();
        std::fs::write(
            dir.path().join("a.ann"),
            "T1\tGPE 2 7\tKabul\nT2\tSource 2 7\tKabul\nT3\tContent 13 15\tno\nR1\tSays Arg1:T2 Arg2:T3\n",
        )
        .unwrap();
        let d = &import_brat(dir.path()).unwrap()[0];
        assert_eq!(d.id, "a");
        assert_eq!(d.entities.as_ref().unwrap()[0].score, 1.0);
        let c = &d.claims.as_ref().unwrap()[0];
        assert_eq!(
            (c.content.text.as_str(), c.speaker.as_deref()),
            ("no", Some("Kabul"))
        );
        assert_eq!(d.dates, None);

        std::fs::write(dir.path().join("a.ann"), "T1\tGPE 2 99\tKabul\n").unwrap();
        let err = import_brat(dir.path()).unwrap_err();
        assert!(
            matches!(err, ExportError::Format { line: Some(1), .. }),
            "{err}"
        );
    }

    #[test]
    fn broken_documents_export() {
        let dir = tempfile::tempdir().unwrap();
        let s = Brat
            .export(&broken_documents(), &Layers::ALL, dir.path())
            .unwrap();
        assert_eq!((s.documents, s.skipped, s.annotations), (3, 3, 1));
        let back = import_brat(dir.path()).unwrap();
        assert_eq!(back[2].id, "../bad id\t<x>");
        assert_eq!(back[2].entities.as_ref().unwrap()[0].label, "ODD_LABEL_x");
        assert_eq!(back[1].claims, Some(vec![]));
        assert_eq!(back[0].claims, None);
    }
}
