//! TempEval-3 style evaluation of [`crate::tag_dates`] against TimeML (`.tml`)
//! and MEANTIME (CAT XML) gold files.
//!
//! Scores: strict span P/R/F1 (exact character span), relaxed span P/R/F1
//! (any overlap, one-to-one), type and value accuracy over the relaxed
//! matches, and value F1 = relaxed F1 × value accuracy (TempEval-3's
//! "value F1").

use newsnlp_model::prf;
use std::ops::Range;

use newsnlp_model::Timex;
use regex::Regex;

use crate::{tag_dates, DateContext};

/// Errors reading a gold file.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// The file has no `<TEXT>` section (TimeML) or no tokens (MEANTIME).
    #[error("{0}: no text found")]
    NoText(String),
    /// A tag could not be read.
    #[error("{doc}: malformed markup near byte {at}")]
    Malformed {
        /// Document name.
        doc: String,
        /// Byte offset in the file.
        at: usize,
    },
}

/// One gold TIMEX3, with character offsets into [`EvalDoc::text`].
#[derive(Debug, Clone, PartialEq)]
pub struct GoldTimex {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    pub kind: String,
    /// Normalised value.
    pub value: String,
}

/// A gold document: raw text, creation time, gold expressions.
#[derive(Debug, Clone)]
pub struct EvalDoc {
    /// Document name.
    pub id: String,
    /// Raw text (tags removed, entities unescaped).
    pub text: String,
    /// Document creation time (DCT) value.
    pub dct: Option<String>,
    /// Gold expressions (DCT excluded).
    pub gold: Vec<GoldTimex>,
    /// Character ranges that were annotated (MEANTIME: sentences 0-5); system
    /// output outside them is ignored. `None`: the whole text.
    pub scope: Option<Vec<Range<usize>>>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let pat = format!("{name}=\"");
    let i = tag.find(&pat)? + pat.len();
    let j = tag[i..].find('"')? + i;
    Some(unescape(&tag[i..j]))
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Reads a TimeML document: DCT from the CREATION_TIME TIMEX3, gold TIMEX3s
/// inside `<TEXT>`, raw text = `<TEXT>` content without tags.
pub fn parse_timeml(id: &str, xml: &str) -> Result<EvalDoc, EvalError> {
    let tstart = xml
        .find("<TEXT>")
        .ok_or_else(|| EvalError::NoText(id.into()))?
        + "<TEXT>".len();
    let tend = xml[tstart..]
        .find("</TEXT>")
        .map_or(xml.len(), |i| i + tstart);
    let dct = xml.find("CREATION_TIME").and_then(|i| {
        let open = xml[..i].rfind('<')?;
        let close = xml[i..].find('>')? + i;
        attr(&xml[open..=close], "value")
    });
    let body = &xml[tstart..tend];
    let mut text = String::new();
    let mut nchars = 0usize;
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut i = 0;
    while i < body.len() {
        let rest = &body[i..];
        if rest.starts_with('<') {
            let close = rest.find('>').ok_or(EvalError::Malformed {
                doc: id.into(),
                at: tstart + i,
            })?;
            let tag = &rest[..=close];
            if tag.starts_with("<TIMEX3") {
                open = Some((
                    nchars,
                    attr(tag, "type").unwrap_or_default(),
                    attr(tag, "value").unwrap_or_default(),
                ));
            } else if tag.starts_with("</TIMEX3") {
                if let Some((s, kind, value)) = open.take() {
                    gold.push(GoldTimex {
                        start: s,
                        end: nchars,
                        kind,
                        value,
                    });
                }
            }
            i += close + 1;
        } else {
            let next = rest.find('<').unwrap_or(rest.len());
            let chunk = unescape(&rest[..next]);
            nchars += chunk.chars().count();
            text.push_str(&chunk);
            i += next;
        }
    }
    Ok(EvalDoc {
        id: id.into(),
        text,
        dct,
        gold,
        scope: None,
    })
}

/// Reads a MEANTIME (CAT) document. Tokens are joined with spaces (none
/// before closing punctuation, none after opening brackets), sentences with
/// newlines; the scope is sentences 0-5, the annotated part. The DCT TIMEX3
/// anchors the dateline tokens, so it is gold like any other expression.
pub fn parse_meantime(id: &str, xml: &str) -> Result<EvalDoc, EvalError> {
    let tok_re = Regex::new(r#"<token\b([^>]*)>([^<]*)</token>"#).expect("valid regex");
    let mut text = String::new();
    let mut nchars = 0usize;
    let mut tok_span: std::collections::HashMap<String, (usize, usize)> = Default::default();
    let mut last_sentence: Option<String> = None;
    let mut scope_end = 0usize;
    let mut prev_tok = String::new();
    for c in tok_re.captures_iter(xml) {
        let attrs = &c[1];
        let tid = attr(attrs, "t_id").unwrap_or_default();
        let sent = attr(attrs, "sentence").unwrap_or_default();
        let tok = unescape(&c[2]);
        if last_sentence.is_some() {
            let sep = if last_sentence.as_deref() != Some(sent.as_str()) {
                "\n"
            } else if no_space_before(&tok) || no_space_after(&prev_tok) {
                ""
            } else {
                " "
            };
            text.push_str(sep);
            nchars += sep.chars().count();
        }
        let start = nchars;
        text.push_str(&tok);
        nchars += tok.chars().count();
        tok_span.insert(tid, (start, nchars));
        if sent.parse::<u32>().is_ok_and(|s| s <= 5) {
            scope_end = nchars;
        }
        last_sentence = Some(sent);
        prev_tok = tok;
    }
    if tok_span.is_empty() {
        return Err(EvalError::NoText(id.into()));
    }
    let tx_re = Regex::new(r#"(?s)<TIMEX3\b([^>]*)>(.*?)</TIMEX3>"#).expect("valid regex");
    let anchor_re = Regex::new(r#"t_id="(\d+)""#).expect("valid regex");
    let mut gold = Vec::new();
    let mut dct = None;
    for c in tx_re.captures_iter(xml) {
        let attrs = &c[1];
        let value = attr(attrs, "value").unwrap_or_default();
        if attr(attrs, "functionInDocument").as_deref() == Some("CREATION_TIME") {
            // the DCT is also the dateline in the text when it has token anchors: keep it as gold
            dct = Some(value.clone());
        }
        let spans: Vec<(usize, usize)> = anchor_re
            .captures_iter(&c[2])
            .filter_map(|a| tok_span.get(&a[1]).copied())
            .collect();
        let (Some(s), Some(e)) = (
            spans.iter().map(|x| x.0).min(),
            spans.iter().map(|x| x.1).max(),
        ) else {
            continue;
        };
        gold.push(GoldTimex {
            start: s,
            end: e,
            kind: attr(attrs, "type").unwrap_or_default(),
            value,
        });
    }
    gold.sort_by_key(|g| (g.start, g.end));
    Ok(EvalDoc {
        id: id.into(),
        text,
        dct,
        gold,
        scope: Some(std::iter::once(0..scope_end).collect()),
    })
}

fn no_space_before(tok: &str) -> bool {
    matches!(
        tok,
        "," | "."
            | ";"
            | ":"
            | ")"
            | "]"
            | "%"
            | "?"
            | "!"
            | "'s"
            | "'"
            | "n't"
            | "'re"
            | "'ve"
            | "'ll"
            | "'d"
    )
}

fn no_space_after(tok: &str) -> bool {
    matches!(tok, "(" | "[" | "$" | "#")
}

/// Counts for one or more documents.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Gold expressions.
    pub gold: usize,
    /// System expressions (inside the scope).
    pub system: usize,
    /// Exact span matches.
    pub strict: usize,
    /// One-to-one overlap matches.
    pub relaxed: usize,
    /// Relaxed matches with the right type.
    pub type_ok: usize,
    /// Relaxed matches with the right value.
    pub value_ok: usize,
}

impl Counts {
    /// Adds another document's counts.
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict += o.strict;
        self.relaxed += o.relaxed;
        self.type_ok += o.type_ok;
        self.value_ok += o.value_ok;
    }
    /// Strict span precision, recall, F1.
    pub fn strict_prf(&self) -> (f64, f64, f64) {
        prf(self.strict, self.system, self.gold)
    }
    /// Relaxed (overlap) span precision, recall, F1.
    pub fn relaxed_prf(&self) -> (f64, f64, f64) {
        prf(self.relaxed, self.system, self.gold)
    }
    /// Type accuracy over relaxed matches.
    pub fn type_accuracy(&self) -> f64 {
        if self.relaxed == 0 {
            0.0
        } else {
            self.type_ok as f64 / self.relaxed as f64
        }
    }
    /// Value accuracy over relaxed matches.
    pub fn value_accuracy(&self) -> f64 {
        if self.relaxed == 0 {
            0.0
        } else {
            self.value_ok as f64 / self.relaxed as f64
        }
    }
    /// TempEval-3 value F1: relaxed F1 × value accuracy.
    pub fn value_f1(&self) -> f64 {
        self.relaxed_prf().2 * self.value_accuracy()
    }
}

/// Scores system output against gold for one document. System expressions
/// outside `scope` (when given) are ignored. Matching is one-to-one: each gold
/// expression takes the first unused overlapping system expression, preferring
/// an exact span.
pub fn score(gold: &[GoldTimex], system: &[Timex], scope: Option<&[Range<usize>]>) -> Counts {
    let sys: Vec<&Timex> = system
        .iter()
        .filter(|t| match scope {
            None => true,
            Some(sc) => sc.iter().any(|r| r.start <= t.start && t.end <= r.end),
        })
        .collect();
    let mut used = vec![false; sys.len()];
    let mut c = Counts {
        gold: gold.len(),
        system: sys.len(),
        ..Counts::default()
    };
    for g in gold {
        let exact = sys
            .iter()
            .enumerate()
            .position(|(i, t)| !used[i] && t.start == g.start && t.end == g.end);
        let pick = exact.or_else(|| {
            sys.iter()
                .enumerate()
                .position(|(i, t)| !used[i] && t.start < g.end && g.start < t.end)
        });
        if let Some(i) = pick {
            used[i] = true;
            c.relaxed += 1;
            if exact.is_some() {
                c.strict += 1;
            }
            if sys[i].kind == g.kind {
                c.type_ok += 1;
            }
            if sys[i].value == g.value {
                c.value_ok += 1;
            }
        }
    }
    c
}

/// Runs [`tag_dates`] on a gold document (DCT as the publication date, no
/// hints, simple sentences) and scores it. Returns the counts and the output.
pub fn evaluate(doc: &EvalDoc) -> (Counts, Vec<Timex>) {
    let sentences = crate::simple_sentences(&doc.text);
    let ctx = DateContext {
        published: doc.dct.as_deref(),
        sentences: &sentences,
        hints: &[],
    };
    let out = tag_dates(&doc.text, &ctx);
    (score(&doc.gold, &out, doc.scope.as_deref()), out)
}

#[cfg(test)]
#[allow(clippy::single_range_in_vec_init)] // one-range scopes
mod tests {
    use super::*;

    fn tx(start: usize, end: usize, kind: &str, value: &str) -> Timex {
        Timex {
            start,
            end,
            text: String::new(),
            kind: kind.into(),
            value: value.into(),
            anchor: None,
            anchor_source: "none".into(),
            rule: "test".into(),
            grain: "day".into(),
            modifier: None,
        }
    }

    fn gd(start: usize, end: usize, kind: &str, value: &str) -> GoldTimex {
        GoldTimex {
            start,
            end,
            kind: kind.into(),
            value: value.into(),
        }
    }

    #[test]
    fn strict_relaxed_type_value() {
        let gold = vec![
            gd(0, 5, "DATE", "2025"),
            gd(10, 20, "DATE", "2025-10"),
            gd(30, 35, "TIME", "X"),
        ];
        let sys = vec![
            tx(0, 5, "DATE", "2025"),
            tx(12, 18, "DURATION", "2025-10"),
            tx(40, 45, "DATE", "1999"),
        ];
        let c = score(&gold, &sys, None);
        assert_eq!(
            c,
            Counts {
                gold: 3,
                system: 3,
                strict: 1,
                relaxed: 2,
                type_ok: 1,
                value_ok: 2
            }
        );
        let (p, r, f) = c.relaxed_prf();
        assert!(
            (p - 2.0 / 3.0).abs() < 1e-9
                && (r - 2.0 / 3.0).abs() < 1e-9
                && (f - 2.0 / 3.0).abs() < 1e-9
        );
        assert!((c.value_f1() - 2.0 / 3.0).abs() < 1e-9);
        assert!((c.strict_prf().2 - 1.0 / 3.0).abs() < 1e-9);
        assert!((c.type_accuracy() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn matching_is_one_to_one_and_scoped() {
        let gold = vec![gd(0, 10, "DATE", "a"), gd(5, 15, "DATE", "b")];
        let sys = vec![tx(4, 6, "DATE", "b"), tx(50, 55, "DATE", "c")];
        let c = score(&gold, &sys, Some(&[0..20]));
        assert_eq!((c.system, c.relaxed, c.value_ok), (1, 1, 0));
        assert_eq!(Counts::default().value_f1(), 0.0);
    }

    #[test]
    fn reads_timeml() {
        let xml = r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>A &amp; B <EVENT eid="e1">fell</EVENT> <TIMEX3 tid="t1" type="DATE" value="1998-01-07">yesterday</TIMEX3>.</TEXT></TimeML>"#;
        let d = parse_timeml("x", xml).unwrap();
        assert_eq!(d.dct.as_deref(), Some("1998-01-08"));
        assert_eq!(d.text, "A & B fell yesterday.");
        assert_eq!(d.gold, vec![gd(11, 20, "DATE", "1998-01-07")]);
        let (c, _) = evaluate(&d);
        assert_eq!((c.relaxed, c.value_ok, c.system), (1, 1, 1));
        assert!(parse_timeml("y", "<TimeML/>").is_err());
    }

    #[test]
    fn reads_meantime() {
        let xml = r#"<Document doc_id="1">
<token number="0" sentence="0" t_id="1">Sales</token>
<token number="1" sentence="0" t_id="2">rose</token>
<token number="2" sentence="0" t_id="3">in</token>
<token number="3" sentence="0" t_id="4">March</token>
<token number="4" sentence="0" t_id="5">2008</token>
<token number="5" sentence="0" t_id="6">.</token>
<token number="6" sentence="6" t_id="7">Friday</token>
<Markables>
<TIMEX3 m_id="9" type="DATE" value="2008-03" functionInDocument="NONE"><token_anchor t_id="4"/><token_anchor t_id="5"/></TIMEX3>
<TIMEX3 m_id="10" type="DATE" value="2008-04-01" functionInDocument="CREATION_TIME"><token_anchor t_id="99"/></TIMEX3>
</Markables></Document>"#;
        let d = parse_meantime("m", xml).unwrap();
        assert_eq!(d.text, "Sales rose in March 2008.\nFriday");
        assert_eq!(d.dct.as_deref(), Some("2008-04-01"));
        assert_eq!(d.gold, vec![gd(14, 24, "DATE", "2008-03")]);
        assert_eq!(d.scope, Some(vec![0..25]));
        let (c, out) = evaluate(&d);
        assert_eq!(out.len(), 2); // "Friday" is tagged but out of scope
        assert_eq!((c.system, c.strict, c.value_ok), (1, 1, 1));
    }
}
