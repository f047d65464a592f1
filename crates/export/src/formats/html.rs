//! One self-contained HTML review page for a whole corpus (inline CSS and
//! JS, nothing fetched from the network).
//!
//! Each article's text is cut at every annotation boundary into
//! non-overlapping segments; a segment is wrapped in one element per
//! annotation covering it, outermost first:
//! - `<span class="claim claim-content" data-claim="d0-c1" data-speaker="…">`
//!   (also `claim-source`, `claim-cue`),
//! - `<mark class="ent ent-PERSON" data-label="PERSON">`,
//! - `<mark class="date" data-type="DATE" data-value="2025-10-11" title="…">`,
//!   followed after its last segment by `<small class="date-tag">2025-10-11</small>`.
//!
//! A sidebar lists speakers and their claims (linking to them); checkboxes
//! filter entity types, dates and claims, a select filters claims by
//! speaker. Everything is escaped.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use newsnlp_model::Document;

use crate::text::{escape_xml as esc, palette, CharText};
use crate::{target_file, write_file, ExportError, ExportSummary, Exporter, Layers};

/// Name of the page in an output directory.
pub const HTML_FILE: &str = "review.html";
/// Speaker name shown for claims whose speaker is unknown.
pub const UNKNOWN_SPEAKER: &str = "(unknown)";

/// The HTML review page exporter.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

impl Exporter for Html {
    fn name(&self) -> &'static str {
        "html"
    }

    fn export(
        &self,
        docs: &[Document],
        layers: &Layers,
        out: &Path,
    ) -> Result<ExportSummary, ExportError> {
        let path = target_file(out, HTML_FILE, &["html", "htm"])?;
        let mut summary = ExportSummary {
            format: self.name(),
            documents: docs.len(),
            ..Default::default()
        };
        let page = page(docs, layers, &mut summary);
        write_file(&path, page.as_bytes())?;
        summary.files.push(path);
        Ok(summary)
    }
}

/// A CSS-safe class suffix for a label.
pub fn class_of(label: &str) -> String {
    label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// One annotation to render; `rank` orders nesting (outermost first).
struct Mark {
    start: usize,
    end: usize,
    rank: u8,
    open: String,
    close: &'static str,
    /// Shown after the annotation's last segment (a date's value).
    after: Option<String>,
}

struct SpeakerClaim {
    anchor: String,
    content: String,
    doc: String,
}

const STYLE: &str = r#"
body{margin:0;font:15px/1.6 system-ui,sans-serif;color:#222;display:flex}
#sidebar{width:300px;flex:none;height:100vh;overflow:auto;position:sticky;top:0;padding:12px;box-sizing:border-box;background:#f6f6f6;border-right:1px solid #ddd;font-size:13px}
#sidebar fieldset{border:1px solid #ddd;margin:0 0 10px;padding:6px 8px}
#sidebar ul{padding-left:16px;margin:4px 0}
main{flex:1;padding:16px 32px;max-width:60em}
article{border-bottom:1px solid #ddd;padding-bottom:16px;margin-bottom:16px}
article h1{font-size:20px;margin:0 0 4px}
.meta{color:#666;font-size:12px;margin:0 0 8px}
.errors{color:#a00;font-size:12px}
.text{white-space:pre-wrap}
mark{padding:0 1px;border-radius:2px;color:inherit}
mark.off{background:none!important;outline:none}
mark.date{background:#ffe066;outline:1px dashed #b08900}
.date-tag{font-size:10px;color:#7a5c00;background:#fff5cc;border-radius:3px;padding:0 3px;margin-left:1px;vertical-align:super}
body.no-dates mark.date{background:none;outline:none}
body.no-dates .date-tag{display:none}
.claim-content{border-bottom:2px solid #2b9348}
.claim-source{box-shadow:inset 0 -3px #d00000}
.claim-cue{box-shadow:inset 0 -3px #f48c06;font-style:italic}
body.no-claims .claim{border:none;box-shadow:none;font-style:inherit}
.claim.dim{border:none;box-shadow:none;opacity:.45}
.swatch{padding:0 4px;border-radius:2px}
"#;

const SCRIPT: &str = r#"
(function () {
  function byId(id) { return document.getElementById(id); }
  function apply() {
    var off = {};
    document.querySelectorAll('input.filter-ent').forEach(function (cb) {
      if (!cb.checked) { off[cb.value] = true; }
    });
    document.querySelectorAll('mark.ent').forEach(function (m) {
      m.classList.toggle('off', !!off[m.dataset.label]);
    });
    var d = byId('show-dates'), c = byId('show-claims'), s = byId('speaker-filter');
    document.body.classList.toggle('no-dates', !!d && !d.checked);
    document.body.classList.toggle('no-claims', !!c && !c.checked);
    var sp = s ? s.value : '';
    document.querySelectorAll('.claim').forEach(function (el) {
      el.classList.toggle('dim', sp !== '' && el.dataset.speaker !== sp);
    });
    document.querySelectorAll('#speakers > li').forEach(function (li) {
      li.hidden = sp !== '' && li.dataset.speaker !== sp;
    });
  }
  document.querySelectorAll('#filters input, #filters select').forEach(function (el) {
    el.addEventListener('change', apply);
  });
  apply();
})();
"#;

/// The whole review page.
pub fn page(docs: &[Document], layers: &Layers, summary: &mut ExportSummary) -> String {
    // Entity types (with counts) and speakers across the corpus.
    let mut types: BTreeMap<String, usize> = BTreeMap::new();
    if layers.entities {
        for e in docs.iter().flat_map(|d| d.entities.iter().flatten()) {
            *types.entry(e.label.clone()).or_default() += 1;
        }
    }
    let colour: BTreeMap<&str, &str> = types
        .keys()
        .enumerate()
        .map(|(i, t)| (t.as_str(), palette(i)))
        .collect();
    let mut speakers: BTreeMap<String, Vec<SpeakerClaim>> = BTreeMap::new();

    let mut articles = String::new();
    for (di, doc) in docs.iter().enumerate() {
        articles.push_str(&article(doc, di, layers, &mut speakers, summary));
    }

    let mut h = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>newsnlp review</title>\n<style>",
    );
    h.push_str(STYLE);
    for (label, c) in &colour {
        let _ = writeln!(h, ".ent-{}{{background:{c}}}", class_of(label));
    }
    h.push_str("</style>\n</head>\n<body>\n<aside id=\"sidebar\">\n<form id=\"filters\" onsubmit=\"return false\">\n");
    let _ = writeln!(h, "<p><b>{} documents</b></p>", docs.len());
    if layers.entities {
        h.push_str("<fieldset id=\"entity-filters\"><legend>Entity types</legend>\n");
        for (label, n) in &types {
            let _ = writeln!(
                h,
                "<label><input type=\"checkbox\" class=\"filter-ent\" value=\"{v}\" checked> <span class=\"swatch ent-{c}\">{v}</span> ({n})</label><br>",
                v = esc(label),
                c = class_of(label)
            );
        }
        h.push_str("</fieldset>\n");
    }
    if layers.dates || layers.claims {
        h.push_str("<fieldset><legend>Layers</legend>\n");
        if layers.dates {
            h.push_str(
                "<label><input type=\"checkbox\" id=\"show-dates\" checked> dates</label><br>\n",
            );
        }
        if layers.claims {
            h.push_str(
                "<label><input type=\"checkbox\" id=\"show-claims\" checked> claims</label><br>\n",
            );
        }
        h.push_str("</fieldset>\n");
    }
    if layers.claims {
        h.push_str("<label for=\"speaker-filter\">Speaker</label>\n<select id=\"speaker-filter\">\n<option value=\"\">All speakers</option>\n");
        for (s, claims) in &speakers {
            let _ = writeln!(
                h,
                "<option value=\"{v}\">{v} ({n})</option>",
                v = esc(s),
                n = claims.len()
            );
        }
        h.push_str("</select>\n");
    }
    h.push_str("</form>\n");
    if layers.claims {
        h.push_str("<h2>Speakers</h2>\n<ul id=\"speakers\">\n");
        for (s, claims) in &speakers {
            let _ = writeln!(
                h,
                "<li class=\"speaker\" data-speaker=\"{v}\"><b>{v}</b> ({n})<ul>",
                v = esc(s),
                n = claims.len()
            );
            for c in claims {
                let _ = writeln!(
                    h,
                    "<li><a href=\"#{}\">{}</a> <small>{}</small></li>",
                    c.anchor,
                    esc(&snippet(&c.content, 120)),
                    esc(&c.doc)
                );
            }
            h.push_str("</ul></li>\n");
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</aside>\n<main>\n");
    h.push_str(&articles);
    h.push_str("</main>\n<script>");
    h.push_str(SCRIPT);
    h.push_str("</script>\n</body>\n</html>\n");
    h
}

fn snippet(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max).collect();
        t.push('…');
        t
    }
}

fn article(
    doc: &Document,
    di: usize,
    layers: &Layers,
    speakers: &mut BTreeMap<String, Vec<SpeakerClaim>>,
    summary: &mut ExportSummary,
) -> String {
    let text = CharText::new(&doc.text);
    let heading = doc.title.clone().unwrap_or_else(|| doc.id.clone());
    let mut marks = Vec::new();
    if layers.claims {
        for (ci, c) in doc.claims.iter().flatten().enumerate() {
            let Some((s, e)) = text.check(c.content.start, c.content.end) else {
                summary.skipped += 1;
                continue;
            };
            let anchor = format!("d{di}-c{ci}");
            let speaker = c
                .speaker
                .clone()
                .unwrap_or_else(|| UNKNOWN_SPEAKER.to_string());
            let mut title = speaker.clone();
            if let Some(role) = &c.speaker_role {
                let _ = write!(title, " ({role})");
            }
            let _ = write!(title, ": {}", c.kind);
            if let Some(d) = &c.date {
                let _ = write!(title, ", {d}");
            }
            let attrs = format!("data-claim=\"{anchor}\" data-speaker=\"{}\"", esc(&speaker));
            marks.push(Mark {
                start: s,
                end: e,
                rank: 0,
                open: format!(
                    "<span class=\"claim claim-content\" {attrs} title=\"{}\">",
                    esc(&title)
                ),
                close: "</span>",
                after: None,
            });
            summary.annotations += 1;
            for (part, class) in [(&c.source, "claim-source"), (&c.cue, "claim-cue")] {
                let Some(p) = part else { continue };
                match text.check(p.start, p.end) {
                    Some((s, e)) => {
                        marks.push(Mark {
                            start: s,
                            end: e,
                            rank: 1,
                            open: format!("<span class=\"claim {class}\" {attrs}>"),
                            close: "</span>",
                            after: None,
                        });
                        summary.annotations += 1;
                    }
                    None => summary.skipped += 1,
                }
            }
            speakers.entry(speaker).or_default().push(SpeakerClaim {
                anchor,
                content: text.slice(s, e).to_string(),
                doc: heading.clone(),
            });
        }
    }
    if layers.entities {
        for ent in doc.entities.iter().flatten() {
            let Some((s, e)) = text.check(ent.start, ent.end) else {
                summary.skipped += 1;
                continue;
            };
            marks.push(Mark {
                start: s,
                end: e,
                rank: 2,
                open: format!(
                    "<mark class=\"ent ent-{}\" data-label=\"{}\" title=\"{} {}\">",
                    class_of(&ent.label),
                    esc(&ent.label),
                    esc(&ent.label),
                    ent.score
                ),
                close: "</mark>",
                after: None,
            });
            summary.annotations += 1;
        }
    }
    if layers.dates {
        for d in doc.dates.iter().flatten() {
            let Some((s, e)) = text.check(d.start, d.end) else {
                summary.skipped += 1;
                continue;
            };
            let mut title = format!("{} {}", d.kind, d.value);
            if let Some(a) = &d.anchor {
                let _ = write!(title, " (anchor {a}, {})", d.anchor_source);
            }
            marks.push(Mark {
                start: s,
                end: e,
                rank: 3,
                open: format!(
                    "<mark class=\"date\" data-type=\"{}\" data-value=\"{}\" title=\"{}\">",
                    esc(&d.kind),
                    esc(&d.value),
                    esc(&title)
                ),
                close: "</mark>",
                after: Some(format!(
                    "<small class=\"date-tag\">{}</small>",
                    esc(&d.value)
                )),
            });
            summary.annotations += 1;
        }
    }
    marks.sort_by_key(|m| (m.rank, m.start, std::cmp::Reverse(m.end)));

    let mut h = String::new();
    let _ = writeln!(
        h,
        "<article id=\"d{di}\" class=\"doc\" data-id=\"{}\">\n<h1>{}</h1>",
        esc(&doc.id),
        esc(&heading)
    );
    let mut meta = vec![esc(&doc.id)];
    meta.extend(doc.published.as_deref().map(esc));
    meta.extend(doc.source.as_deref().map(esc));
    let _ = writeln!(h, "<p class=\"meta\">{}</p>", meta.join(" · "));
    if !doc.errors.is_empty() {
        h.push_str("<ul class=\"errors\">\n");
        for e in &doc.errors {
            let _ = writeln!(h, "<li>{}: {}</li>", esc(&e.stage), esc(&e.message));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("<div class=\"text\">");
    h.push_str(&render_text(&text, &marks));
    h.push_str("</div>\n</article>\n");
    h
}

/// The text cut into non-overlapping segments, each wrapped in the marks
/// covering it. The first segment of a claim content carries its anchor id.
fn render_text(text: &CharText<'_>, marks: &[Mark]) -> String {
    let mut cuts: Vec<usize> = vec![0, text.len()];
    for m in marks {
        cuts.push(m.start);
        cuts.push(m.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut h = String::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let covering: Vec<&Mark> = marks
            .iter()
            .filter(|m| m.start <= a && b <= m.end)
            .collect();
        for m in &covering {
            if m.start == a && m.rank == 0 {
                // First segment of a claim: add the id the sidebar links to.
                let id = m
                    .open
                    .split("data-claim=\"")
                    .nth(1)
                    .and_then(|r| r.split('"').next())
                    .unwrap_or_default();
                h.push_str(&m.open.replacen("<span ", &format!("<span id=\"{id}\" "), 1));
            } else {
                h.push_str(&m.open);
            }
        }
        h.push_str(&esc(text.slice(a, b)));
        for m in covering.iter().rev() {
            h.push_str(m.close);
        }
        for m in &covering {
            if m.end == b {
                if let Some(after) = &m.after {
                    h.push_str(after);
                }
            }
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{broken_documents, entity, seed_document, timex};

    #[test]
    fn nested_and_overlapping_spans_become_segments() {
        let text = "On October 11 Kabul & Islamabad met.";
        let mut doc = Document::new("d", text);
        doc.entities = Some(vec![
            entity(text, "October 11", 0, "DATE", 0.5),
            entity(text, "Kabul & Islamabad", 0, "GPE", 0.5),
        ]);
        doc.dates = Some(vec![timex(
            text,
            "October 11 Kabul",
            0,
            "DATE",
            "2025-10-11",
        )]);
        let mut s = ExportSummary::default();
        let a = article(&doc, 0, &Layers::ALL, &mut BTreeMap::new(), &mut s);
        let date = "<mark class=\"date\" data-type=\"DATE\" data-value=\"2025-10-11\" title=\"DATE 2025-10-11 (anchor 2025-11-08, published)\">";
        let expected = format!(
            "<div class=\"text\">On <mark class=\"ent ent-DATE\" data-label=\"DATE\" title=\"DATE 0.5\">{date}October 11</mark></mark>{date} </mark><mark class=\"ent ent-GPE\" data-label=\"GPE\" title=\"GPE 0.5\">{date}Kabul</mark></mark><small class=\"date-tag\">2025-10-11</small><mark class=\"ent ent-GPE\" data-label=\"GPE\" title=\"GPE 0.5\"> &amp; Islamabad</mark> met.</div>"
        );
        assert!(a.contains(&expected), "{a}");
        assert_eq!(s.annotations, 3);
    }

    #[test]
    fn seed_page_has_marks_filters_and_sidebar() {
        let page = page(
            &[seed_document()],
            &Layers::ALL,
            &mut ExportSummary::default(),
        );
        for needle in [
            "<mark class=\"ent ent-PERSON\" data-label=\"PERSON\" title=\"PERSON 0.995\">Tahir Hussain Andrabi</mark>",
            "<mark class=\"ent ent-GPE\" data-label=\"GPE\" title=\"GPE 0.99\">Pakistan</mark>",
            "data-value=\"2025-11-07\" title=\"DATE 2025-11-07 (anchor 2025-11-08, published)\">November 7</mark><small class=\"date-tag\">2025-11-07</small>",
            "<span id=\"d0-c2\" class=\"claim claim-content\" data-claim=\"d0-c2\" data-speaker=\"Khawaja Asif\" title=\"Khawaja Asif (Defence Minister): indirect, 2025-11-07\">talks on cross-border terrorism",
            "<span class=\"claim claim-cue\" data-claim=\"d0-c1\" data-speaker=\"Attaullah Tarar\">stated</span>",
            "<input type=\"checkbox\" class=\"filter-ent\" value=\"PERSON\" checked>",
            "<input type=\"checkbox\" id=\"show-dates\" checked>",
            "<select id=\"speaker-filter\">",
            "<option value=\"Tahir Hussain Andrabi\">Tahir Hussain Andrabi (1)</option>",
            "<li class=\"speaker\" data-speaker=\"Khawaja Asif\"><b>Khawaja Asif</b> (1)<ul>",
            "<a href=\"#d0-c0\">the country will not hesitate",
            ".ent-PERSON{background:",
            "Iran’s",
            "<p class=\"meta\">dawn/2025/pakistan-iran · 2025-11-08 · https://example.invalid/pakistan-iran</p>",
        ] {
            assert!(page.contains(needle), "missing {needle}");
        }
        for bad in [
            "src=\"http",
            "href=\"http",
            "src='http",
            "href='http",
            "<link",
            "url(",
            "@import",
            "<script src",
        ] {
            assert!(!page.contains(bad), "external reference {bad}");
        }
        assert_eq!(page.matches("<mark class=\"ent ").count(), 9);
        assert_eq!(page.matches("<small class=\"date-tag\">").count(), 3);
        assert_eq!(page.matches("<script>").count(), 1);
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let dir = tempfile::tempdir().unwrap();
        let s = Html
            .export(
                &broken_documents(),
                &Layers::ALL,
                &dir.path().join("r.html"),
            )
            .unwrap();
        assert_eq!((s.skipped, s.annotations), (3, 1));
        let page = std::fs::read_to_string(dir.path().join("r.html")).unwrap();
        assert!(page.contains("Short <mark class=\"ent ent-ODD_LABEL_x\" data-label=\"ODD LABEL/x\" title=\"ODD LABEL/x 0.1\">&lt;b&gt;</mark>text&lt;/b&gt; &amp; more."));
        assert!(page.contains("data-id=\"../bad id\t&lt;x&gt;\""));
        assert!(page.contains("<li>ner: model timeout</li>"));
        assert!(!page.contains("<b>text"));
    }

    #[test]
    fn layers_limit_what_is_drawn() {
        let page = page(
            &[seed_document()],
            &"dates".parse().unwrap(),
            &mut ExportSummary::default(),
        );
        assert!(!page.contains("<mark class=\"ent"));
        assert!(!page.contains("<select id=\"speaker-filter\""));
        assert!(page.contains("<mark class=\"date\""));
    }
}
