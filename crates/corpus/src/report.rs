//! `newsnlp report`: annotated documents in, corpus tables and one page out.
//!
//! Three passes over a stream: the first resolves each document's names and
//! spools a slim record of it to a temporary file; identity is then settled
//! for the corpus; the second pass counts speakers, entities, co-mentions
//! and distinct statements under corpus keys; the third writes the claims
//! table and the page's per-article data with each claim's statement group.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use newsnlp_model::Document;

use crate::identity::{Identity, NameRegistry};
use crate::page::{PageClaim, PageData, PageWriter};
use crate::spool::{calendar_prefix, record_of, ArticleRecord, ClaimRecord, Spool};
use crate::statements::StatementIndex;
use crate::tables::{Cell, ColumnType, TableWriter};
use crate::CorpusError;

/// What to write and where.
#[derive(Debug, Clone)]
pub struct ReportOptions {
    /// The folder for the tables and `report.html` (created if missing).
    pub out_dir: PathBuf,
    /// The review page exported from the same input (`newsnlp export
    /// --format html`), as the page should link to it; `None`: no links.
    pub review: Option<String>,
    /// How many speakers, entities and repeated statements the page shows
    /// (the tables hold all).
    pub top: usize,
}

/// What a report counted.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct ReportSummary {
    /// Documents read.
    pub documents: u64,
    /// Records that were not annotated documents (named on stderr, skipped).
    pub unreadable: u64,
    /// Claims.
    pub claims: u64,
    /// Distinct speakers (corpus keys).
    pub speakers: u64,
    /// Distinct entities (corpus keys).
    pub entities: u64,
    /// Groups of one speaker's statement repeated in two or more articles.
    pub repeated_statements: u64,
    /// Mentions of a lone surname, first name or acronym that their own
    /// article left open and the corpus settled.
    pub mentions_settled: u64,
    /// Wall time in seconds.
    pub seconds: f64,
}

#[derive(Debug, Default)]
struct Counter(HashMap<String, u64>);

impl Counter {
    fn add(&mut self, key: &str, n: u64) {
        if let Some(v) = self.0.get_mut(key) {
            *v += n;
        } else {
            self.0.insert(key.to_string(), n);
        }
    }

    /// Keys by count (descending), then alphabetically.
    fn ranked(&self) -> Vec<(&str, u64)> {
        let mut v: Vec<(&str, u64)> = self.0.iter().map(|(k, n)| (k.as_str(), *n)).collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        v
    }

    fn joined(&self) -> String {
        self.ranked()
            .iter()
            .map(|(k, _)| *k)
            .collect::<Vec<_>>()
            .join(" | ")
    }

    fn top(&self) -> Option<String> {
        self.ranked().first().map(|(k, _)| (*k).to_string())
    }
}

#[derive(Debug, Default)]
struct Dates {
    first: Option<String>,
    last: Option<String>,
}

impl Dates {
    fn add(&mut self, date: Option<&str>) {
        let Some(d) = date else { return };
        if self.first.as_deref().is_none_or(|f| d < f) {
            self.first = Some(d.to_string());
        }
        if self.last.as_deref().is_none_or(|l| d > l) {
            self.last = Some(d.to_string());
        }
    }
}

#[derive(Debug, Default)]
struct SpeakerStats {
    kind: String,
    variants: Counter,
    roles: Counter,
    outlets: Counter,
    claims: u64,
    articles: u64,
    dates: Dates,
}

#[derive(Debug, Default)]
struct EntityStats {
    kind: String,
    variants: Counter,
    mentions: u64,
    articles: u64,
}

#[derive(Debug, Default)]
struct GroupStats {
    speaker: String,
    content: String,
    claims: u64,
    articles: u64,
    last_article: Option<usize>,
    outlets: Counter,
    dates: Dates,
}

/// The date a claim is placed at on a timeline: when it was said, else the
/// article's publication date.
pub(crate) fn timeline_date(claim_date: Option<&str>, published: Option<&str>) -> Option<String> {
    claim_date
        .and_then(calendar_prefix)
        .or_else(|| published.map(str::to_string))
}

/// Reads annotated documents and writes the report into `options.out_dir`.
pub fn report(
    documents: impl Iterator<Item = Document>,
    options: &ReportOptions,
) -> Result<ReportSummary, CorpusError> {
    let started = Instant::now();
    std::fs::create_dir_all(&options.out_dir).map_err(|e| CorpusError::io(&options.out_dir, e))?;
    let mut summary = ReportSummary::default();
    let (mut spool, identity) = spool_documents(documents, &mut summary)?;

    // Pass 2: counts under corpus keys.
    let mut counts = Counts::default();
    for record in spool.records()? {
        counts.add(&record, &identity);
    }
    let groups = counts.statements.group();
    let repeated = counts.statements.repeated(&groups);
    summary.repeated_statements = repeated.len() as u64;
    summary.claims = counts.claims;
    summary.mentions_settled = counts.settled;
    summary.speakers = counts.speakers.len() as u64;
    summary.entities = counts.entities.len() as u64;

    // Pass 3: the claims table and the page's records, with statement groups.
    let dir = &options.out_dir;
    let speakers = ranked_speakers(&counts);
    let entities = ranked_entities(&counts);
    let mut pass = ClaimsPass {
        identity: &identity,
        counts: &counts,
        groups: &groups,
        repeated: &repeated,
        top_speakers: positions(&speakers, options.top),
        top_entities: positions(&entities, options.top),
        table: TableWriter::create(dir, "claims", CLAIM_COLUMNS)?,
        page: PageWriter::new()?,
        group_stats: HashMap::new(),
    };
    for record in spool.records()? {
        pass.article(&record)?;
    }
    let ClaimsPass {
        table,
        page,
        group_stats,
        ..
    } = pass;
    table.finish()?;

    write_speakers(dir, &counts, &speakers)?;
    write_entities(dir, &counts, &entities)?;
    write_comentions(dir, &counts)?;
    let mut group_rows: Vec<(u32, GroupStats)> = group_stats.into_iter().collect();
    group_rows.sort_by(|a, b| {
        b.1.articles
            .cmp(&a.1.articles)
            .then(b.1.claims.cmp(&a.1.claims))
            .then(a.0.cmp(&b.0))
    });
    write_statements(dir, &group_rows)?;

    summary.seconds = started.elapsed().as_secs_f64();
    let data = PageData {
        summary: &summary,
        speakers: speakers
            .iter()
            .take(options.top)
            .map(|k| speaker_meta(k, &counts.speakers[k]))
            .collect(),
        entities: entities
            .iter()
            .take(options.top)
            .map(|k| entity_meta(k, &counts.entities[k]))
            .collect(),
        groups: group_rows
            .iter()
            .take(options.top)
            .map(|(g, s)| group_meta(*g, s, &counts))
            .collect(),
        review: options.review.clone(),
    };
    page.finish(&dir.join("report.html"), &data)?;
    Ok(summary)
}

/// Pass 1: each readable document's names, resolved inside it, and its
/// record spooled; then identity settled for the corpus.
fn spool_documents(
    documents: impl Iterator<Item = Document>,
    summary: &mut ReportSummary,
) -> Result<(Spool, Identity), CorpusError> {
    let mut spool = Spool::new()?;
    let mut registry = NameRegistry::default();
    for (index, doc) in documents.enumerate() {
        if doc.text.is_empty() && !doc.errors.is_empty() {
            summary.unreadable += 1;
            for e in &doc.errors {
                eprintln!("newsnlp report: {}: {}", doc.id, e.message);
            }
            continue;
        }
        let (record, names) = record_of(index, &doc);
        registry.add(&names);
        spool.push(&record)?;
        summary.documents += 1;
    }
    Ok((spool, registry.resolve()))
}

/// The first `top` keys by their rank.
fn positions(ranked: &[String], top: usize) -> HashMap<String, usize> {
    ranked
        .iter()
        .take(top)
        .enumerate()
        .map(|(i, k)| (k.clone(), i))
        .collect()
}

fn group_name(group: u32) -> String {
    format!("g{group}")
}

/// Pass 3: writes each claim's row and each article's page record.
struct ClaimsPass<'a> {
    identity: &'a Identity,
    counts: &'a Counts,
    groups: &'a [u32],
    repeated: &'a HashSet<u32>,
    top_speakers: HashMap<String, usize>,
    top_entities: HashMap<String, usize>,
    table: TableWriter,
    page: PageWriter,
    group_stats: HashMap<u32, GroupStats>,
}

impl ClaimsPass<'_> {
    fn article(&mut self, record: &ArticleRecord) -> Result<(), CorpusError> {
        let mut page_claims = Vec::new();
        for claim in &record.claims {
            let speaker_key = claim.speaker.as_ref().map(|(k, _)| self.identity.key(k));
            let group = speaker_key
                .as_ref()
                .and_then(|s| self.counts.statements.find(s, &claim.content))
                .map(|st| self.groups[st as usize])
                .filter(|g| self.repeated.contains(g));
            let when = timeline_date(claim.date.as_deref(), record.published.as_deref());
            if let (Some(g), Some(speaker)) = (group, &speaker_key) {
                self.group_stats
                    .entry(g)
                    .or_default()
                    .add(speaker, claim, record, when.as_deref());
            }
            self.table
                .row(claim_row(record, claim, &speaker_key, &when, group))?;
            let speaker = speaker_key
                .as_deref()
                .and_then(|k| self.top_speakers.get(k))
                .copied();
            if speaker.is_some() || group.is_some() {
                page_claims.push(PageClaim {
                    claim: claim.index,
                    speaker,
                    speaker_key: speaker_key.unwrap_or_default(),
                    kind: claim.kind.clone(),
                    date: when,
                    content: claim.content.clone(),
                    group: group.map(group_name),
                });
            }
        }
        let mut page_entities: HashMap<usize, u64> = HashMap::new();
        for (key, _) in &record.entities {
            if let Some(&i) = self.top_entities.get(&self.identity.key(key)) {
                *page_entities.entry(i).or_default() += 1;
            }
        }
        self.page.article(record, page_claims, page_entities)
    }
}

impl GroupStats {
    fn add(
        &mut self,
        speaker: &str,
        claim: &ClaimRecord,
        record: &ArticleRecord,
        when: Option<&str>,
    ) {
        if self.claims == 0 {
            self.speaker = speaker.to_string();
            self.content = claim.content.clone();
        }
        self.claims += 1;
        if self.last_article != Some(record.index) {
            self.articles += 1;
            self.last_article = Some(record.index);
        }
        self.outlets.add(&record.outlet, 1);
        self.dates.add(when);
    }
}

fn claim_row(
    record: &ArticleRecord,
    claim: &ClaimRecord,
    speaker_key: &Option<String>,
    when: &Option<String>,
    group: Option<u32>,
) -> Vec<Cell> {
    vec![
        Cell::from(record.id.clone()),
        Cell::from(claim.index),
        Cell::from(speaker_key.clone()),
        Cell::from(claim.speaker.as_ref().map(|(_, s)| s.clone())),
        Cell::from(claim.role.clone()),
        Cell::from(claim.kind.clone()),
        Cell::from(claim.cue.clone()),
        Cell::from(claim.content.clone()),
        Cell::from(claim.date.clone()),
        Cell::from(record.published.clone()),
        Cell::from(when.clone()),
        Cell::from(record.outlet.clone()),
        Cell::from(group.map(group_name)),
    ]
}

/// A speaker key and an entity key.
type KeyPair = (String, String);

/// Counts gathered in the second pass.
#[derive(Debug, Default)]
struct Counts {
    claims: u64,
    settled: u64,
    speakers: HashMap<String, SpeakerStats>,
    entities: HashMap<String, EntityStats>,
    /// (speaker, entity) → (articles, claims of the speaker there).
    comentions: HashMap<KeyPair, (u64, u64)>,
    statements: StatementIndex,
}

impl Counts {
    fn add(&mut self, record: &ArticleRecord, identity: &Identity) {
        let mut claims_by_speaker: HashMap<String, u64> = HashMap::new();
        for claim in &record.claims {
            self.claims += 1;
            let Some((doc_key, surface)) = &claim.speaker else {
                continue;
            };
            let key = identity.key(doc_key);
            self.settled += u64::from(doc_key.bare && !identity.is_open(doc_key));
            let stats = self.speakers.entry(key.clone()).or_default();
            if stats.kind.is_empty() {
                stats.kind = doc_key.kind.clone();
            }
            stats.variants.add(surface, 1);
            if let Some(role) = &claim.role {
                stats.roles.add(role, 1);
            }
            stats.outlets.add(&record.outlet, 1);
            stats.claims += 1;
            stats
                .dates
                .add(timeline_date(claim.date.as_deref(), record.published.as_deref()).as_deref());
            self.statements.add(&key, &claim.content, record.index);
            *claims_by_speaker.entry(key).or_default() += 1;
        }
        for key in claims_by_speaker.keys() {
            if let Some(s) = self.speakers.get_mut(key) {
                s.articles += 1;
            }
        }
        let mut in_article: HashSet<String> = HashSet::new();
        for (doc_key, surface) in &record.entities {
            let key = identity.key(doc_key);
            self.settled += u64::from(doc_key.bare && !identity.is_open(doc_key));
            let stats = self.entities.entry(key.clone()).or_default();
            if stats.kind.is_empty() {
                stats.kind = doc_key.kind.clone();
            }
            stats.variants.add(surface, 1);
            stats.mentions += 1;
            if in_article.insert(key) {
                stats.articles += 1;
            }
        }
        for (speaker, claims) in &claims_by_speaker {
            for entity in in_article.iter().filter(|e| *e != speaker) {
                let pair = self
                    .comentions
                    .entry((speaker.clone(), entity.clone()))
                    .or_default();
                pair.0 += 1;
                pair.1 += claims;
            }
        }
    }
}

fn ranked_speakers(counts: &Counts) -> Vec<String> {
    let mut keys: Vec<&String> = counts.speakers.keys().collect();
    keys.sort_by(|a, b| {
        let (sa, sb) = (&counts.speakers[*a], &counts.speakers[*b]);
        sb.claims
            .cmp(&sa.claims)
            .then(sb.articles.cmp(&sa.articles))
            .then(a.cmp(b))
    });
    keys.into_iter().cloned().collect()
}

fn ranked_entities(counts: &Counts) -> Vec<String> {
    let mut keys: Vec<&String> = counts.entities.keys().collect();
    keys.sort_by(|a, b| {
        let (sa, sb) = (&counts.entities[*a], &counts.entities[*b]);
        sb.articles
            .cmp(&sa.articles)
            .then(sb.mentions.cmp(&sa.mentions))
            .then(a.cmp(b))
    });
    keys.into_iter().cloned().collect()
}

const CLAIM_COLUMNS: &[(&str, ColumnType)] = &[
    ("article_id", ColumnType::Text),
    ("claim", ColumnType::Count),
    ("speaker_key", ColumnType::Text),
    ("speaker", ColumnType::Text),
    ("role", ColumnType::Text),
    ("kind", ColumnType::Text),
    ("cue", ColumnType::Text),
    ("content", ColumnType::Text),
    ("date", ColumnType::Text),
    ("published", ColumnType::Text),
    ("timeline_date", ColumnType::Text),
    ("outlet", ColumnType::Text),
    ("group_id", ColumnType::Text),
];

fn write_speakers(dir: &Path, counts: &Counts, ranked: &[String]) -> Result<(), CorpusError> {
    let columns = [
        ("key", ColumnType::Text),
        ("name", ColumnType::Text),
        ("type", ColumnType::Text),
        ("variants", ColumnType::Text),
        ("roles", ColumnType::Text),
        ("claims", ColumnType::Count),
        ("articles", ColumnType::Count),
        ("outlets", ColumnType::Count),
        ("outlet_names", ColumnType::Text),
        ("first_date", ColumnType::Text),
        ("last_date", ColumnType::Text),
    ];
    let mut t = TableWriter::create(dir, "speakers", &columns)?;
    for key in ranked {
        let s = &counts.speakers[key];
        t.row(vec![
            Cell::from(key.as_str()),
            Cell::from(s.variants.top()),
            Cell::from(s.kind.as_str()),
            Cell::from(s.variants.joined()),
            Cell::from(s.roles.joined()),
            Cell::from(s.claims),
            Cell::from(s.articles),
            Cell::from(s.outlets.0.len()),
            Cell::from(s.outlets.joined()),
            Cell::from(s.dates.first.clone()),
            Cell::from(s.dates.last.clone()),
        ])?;
    }
    t.finish().map(drop)
}

fn write_entities(dir: &Path, counts: &Counts, ranked: &[String]) -> Result<(), CorpusError> {
    let columns = [
        ("key", ColumnType::Text),
        ("name", ColumnType::Text),
        ("type", ColumnType::Text),
        ("variants", ColumnType::Text),
        ("mentions", ColumnType::Count),
        ("articles", ColumnType::Count),
    ];
    let mut t = TableWriter::create(dir, "entities", &columns)?;
    for key in ranked {
        let s = &counts.entities[key];
        t.row(vec![
            Cell::from(key.as_str()),
            Cell::from(s.variants.top()),
            Cell::from(s.kind.as_str()),
            Cell::from(s.variants.joined()),
            Cell::from(s.mentions),
            Cell::from(s.articles),
        ])?;
    }
    t.finish().map(drop)
}

fn write_comentions(dir: &Path, counts: &Counts) -> Result<(), CorpusError> {
    let columns = [
        ("speaker_key", ColumnType::Text),
        ("entity_key", ColumnType::Text),
        ("articles", ColumnType::Count),
        ("claims", ColumnType::Count),
    ];
    let mut rows: Vec<(&KeyPair, &(u64, u64))> = counts.comentions.iter().collect();
    rows.sort_by(|a, b| {
        b.1 .0
            .cmp(&a.1 .0)
            .then(b.1 .1.cmp(&a.1 .1))
            .then(a.0.cmp(b.0))
    });
    let mut t = TableWriter::create(dir, "comentions", &columns)?;
    for ((speaker, entity), (articles, claims)) in rows {
        t.row(vec![
            Cell::from(speaker.as_str()),
            Cell::from(entity.as_str()),
            Cell::from(*articles),
            Cell::from(*claims),
        ])?;
    }
    t.finish().map(drop)
}

fn write_statements(dir: &Path, groups: &[(u32, GroupStats)]) -> Result<(), CorpusError> {
    let columns = [
        ("group_id", ColumnType::Text),
        ("speaker_key", ColumnType::Text),
        ("claims", ColumnType::Count),
        ("articles", ColumnType::Count),
        ("outlets", ColumnType::Count),
        ("outlet_names", ColumnType::Text),
        ("first_date", ColumnType::Text),
        ("last_date", ColumnType::Text),
        ("content", ColumnType::Text),
    ];
    let mut t = TableWriter::create(dir, "statements", &columns)?;
    for (g, s) in groups {
        t.row(vec![
            Cell::from(group_name(*g)),
            Cell::from(s.speaker.as_str()),
            Cell::from(s.claims),
            Cell::from(s.articles),
            Cell::from(s.outlets.0.len()),
            Cell::from(s.outlets.joined()),
            Cell::from(s.dates.first.clone()),
            Cell::from(s.dates.last.clone()),
            Cell::from(s.content.as_str()),
        ])?;
    }
    t.finish().map(drop)
}

fn speaker_meta(key: &str, s: &SpeakerStats) -> serde_json::Value {
    let roles: Vec<&str> = s.roles.ranked().iter().take(3).map(|(r, _)| *r).collect();
    serde_json::json!({"key": key, "name": s.variants.top(), "type": s.kind, "roles": roles,
        "claims": s.claims, "articles": s.articles})
}

fn group_meta(group: u32, s: &GroupStats, counts: &Counts) -> serde_json::Value {
    let name = counts
        .speakers
        .get(&s.speaker)
        .and_then(|st| st.variants.top());
    serde_json::json!({"g": group_name(group), "speaker": s.speaker, "name": name, "content": s.content,
        "claims": s.claims, "articles": s.articles})
}

fn entity_meta(key: &str, s: &EntityStats) -> serde_json::Value {
    serde_json::json!({"key": key, "name": s.variants.top(), "type": s.kind, "mentions": s.mentions,
        "articles": s.articles})
}
