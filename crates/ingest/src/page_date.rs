//! The publication date a page states in its own markup or URL, for pages
//! where the HTML extractor finds none.
//!
//! Looked for in this order, the first that parses winning:
//! 1. JSON-LD (`<script type="application/ld+json">`): `datePublished`, then
//!    `dateCreated`, of any object in the block (inside `@graph` and arrays
//!    too);
//! 2. `<meta>` tags: `article:published_time`, `og:published_time`,
//!    `datePublished`, `pubdate`, `publishdate`, `date`, `dc.date`,
//!    `dcterms.created`, `sailthru.date`, `parsely-pub-date`, ... (by
//!    `property`, `name` or `itemprop`);
//! 3. any element with `itemprop="datePublished"` (its `content`,
//!    `datetime` or `value`, else its text), then `<time pubdate>`, then the
//!    first `<time datetime>`, then an element of class `pubdate`,
//!    `publish-date` or `published`;
//! 4. the URL: `/2019/11/19/`, `/2019-11-19/`, `/20191119/`.
//!
//! Each value is parsed with [`crate::normalize_date`], whose last resort is
//! `dtparse` (a port of Python's `dateutil` parser), so the formats pages
//! write (`2019-11-19 02:24:00 UTC`, `November 19, 2019, 07:47`,
//! `Mon, 18 Nov 2019 16:07:38`, `19 Nov 2019 07:09 GMT`) all resolve.

use dom_query::Document;
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

use crate::normalize_date;

/// Where a page's date was found (written to `meta.published_source`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PageDateSource {
    /// A JSON-LD block.
    JsonLd,
    /// A `<meta>` tag.
    MetaTag,
    /// An `itemprop="datePublished"` or `<time>` element.
    TimeElement,
    /// The page URL.
    Url,
}

impl PageDateSource {
    /// The name recorded in `meta.published_source`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            PageDateSource::JsonLd => "page_json_ld",
            PageDateSource::MetaTag => "page_meta_tag",
            PageDateSource::TimeElement => "page_time_element",
            PageDateSource::Url => "url",
        }
    }
}

/// JSON-LD keys of a publication date, in order of preference.
const JSON_LD_KEYS: &[&str] = &["datePublished", "dateCreated", "uploadDate"];

/// `<meta>` names of a publication date (compared without case), in order
/// of preference.
const META_NAMES: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "article_date_original",
    "publication_date",
    "publish-date",
    "publishdate",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "cxenseparse:recs:publishtime",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "displaydate",
];

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
        .expect("valid regex")
});

/// The publication date `page` states, normalised, and where it was found.
pub(crate) fn page_date(page: &str, url: Option<&str>) -> Option<(String, PageDateSource)> {
    let doc = Document::from(page);
    json_ld_date(&doc)
        .map(|d| (d, PageDateSource::JsonLd))
        .or_else(|| meta_tag_date(&doc).map(|d| (d, PageDateSource::MetaTag)))
        .or_else(|| time_element_date(&doc).map(|d| (d, PageDateSource::TimeElement)))
        .or_else(|| {
            let url = url.map(str::to_string).or_else(|| canonical_url(&doc))?;
            url_date(&url).map(|d| (d, PageDateSource::Url))
        })
}

/// A date value from the page, normalised; placeholders are none.
fn parsed(raw: &str) -> Option<String> {
    let raw = raw.trim();
    if raw.is_empty() || crate::date::is_placeholder_date(raw) {
        return None;
    }
    normalize_date(raw)
}

fn json_ld_date(doc: &Document) -> Option<String> {
    for script in doc.select("script[type='application/ld+json']").iter() {
        let Ok(value) = serde_json::from_str::<Value>(script.text().trim()) else {
            continue;
        };
        for key in JSON_LD_KEYS {
            if let Some(date) = find_key(&value, key).and_then(parsed) {
                return Some(date);
            }
        }
    }
    None
}

/// The first string under `key` anywhere in a JSON value, depth first.
fn find_key<'v>(value: &'v Value, key: &str) -> Option<&'v str> {
    match value {
        Value::Object(map) => map
            .get(key)
            .and_then(Value::as_str)
            .or_else(|| map.values().find_map(|v| find_key(v, key))),
        Value::Array(items) => items.iter().find_map(|v| find_key(v, key)),
        _ => None,
    }
}

fn meta_tag_date(doc: &Document) -> Option<String> {
    // The value is in `content`; some saved pages (Mercury's fixtures among
    // them) write it as `value`.
    let metas: Vec<(String, String)> = doc
        .select("meta")
        .iter()
        .filter_map(|meta| {
            let name = meta
                .attr("property")
                .or_else(|| meta.attr("name"))
                .or_else(|| meta.attr("itemprop"))?;
            let value = meta.attr("content").or_else(|| meta.attr("value"))?;
            Some((name.to_ascii_lowercase(), value.to_string()))
        })
        .collect();
    META_NAMES.iter().find_map(|wanted| {
        metas
            .iter()
            .filter(|(name, _)| name == wanted)
            .find_map(|(_, content)| parsed(content))
    })
}

fn time_element_date(doc: &Document) -> Option<String> {
    let attributes = |selector: &str| -> Option<String> {
        doc.select(selector).iter().find_map(|el| {
            el.attr("content")
                .or_else(|| el.attr("datetime"))
                .or_else(|| el.attr("value"))
                .and_then(|v| parsed(&v))
                .or_else(|| parsed(&el.text()))
        })
    };
    attributes("[itemprop='datePublished']")
        .or_else(|| attributes("time[pubdate]"))
        .or_else(|| attributes("time[datetime]"))
        .or_else(|| attributes("[class~='pubdate'], [class~='publish-date'], [class~='published']"))
}

fn canonical_url(doc: &Document) -> Option<String> {
    doc.select("link[rel='canonical']")
        .attr("href")
        .or_else(|| doc.select("meta[property='og:url']").attr("content"))
        .map(|u| u.to_string())
}

/// A date written in a URL's path (`/2019/11/19/`, `/2019-11-19/`,
/// `/20191119/`).
fn url_date(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let caps = URL_DATE.captures(path)?;
    parsed(&format!("{}-{}-{}", &caps[1], &caps[2], &caps[3]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str, body: &str) -> String {
        format!("<html><head>{head}</head><body>{body}</body></html>")
    }

    #[test]
    fn json_ld_in_a_graph() {
        let p = page(
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2019-11-19 02:24:00 UTC"}]}</script>"#,
            "",
        );
        assert_eq!(
            page_date(&p, None),
            Some(("2019-11-19T02:24:00Z".into(), PageDateSource::JsonLd))
        );
    }

    #[test]
    fn meta_tags_in_the_formats_pages_write() {
        for (content, expected) in [
            ("November 19, 2019, 07:47", "2019-11-19T07:47:00"),
            ("Mon, 18 Nov 2019 16:07:38", "2019-11-18T16:07:38"),
            ("19 Nov 2019 07:09 GMT", "2019-11-19T07:09:00Z"),
            ("2019-11-19T07:47:00-05:00", "2019-11-19T07:47:00-05:00"),
            ("2019-11-19", "2019-11-19"),
        ] {
            let p = page(
                &format!(r#"<meta property="article:published_time" content="{content}">"#),
                "",
            );
            assert_eq!(
                page_date(&p, None),
                Some((expected.to_string(), PageDateSource::MetaTag)),
                "{content}"
            );
        }
        let p = page(
            r#"<meta value="2016-12-14T22:03:42+0000" name="og:article:published_time">"#,
            "",
        );
        assert_eq!(
            page_date(&p, None).map(|d| d.0).as_deref(),
            Some("2016-12-14T22:03:42Z")
        );
        let p = page(r#"<meta name="pubdate" content="20191119">"#, "");
        assert_eq!(
            page_date(&p, None).map(|d| d.0).as_deref(),
            Some("2019-11-19")
        );
    }

    #[test]
    fn time_elements_and_itemprop() {
        let p = page(
            "",
            r#"<span itemprop="datePublished" content="2019-11-19T07:09:00Z">Nov 19</span>"#,
        );
        assert_eq!(
            page_date(&p, None),
            Some(("2019-11-19T07:09:00Z".into(), PageDateSource::TimeElement))
        );
        let p = page(
            "",
            r#"<div class="byline"><span class="pubdate"><a href="/2009/oct/14">October 14, 2009</a></span></div>"#,
        );
        assert_eq!(
            page_date(&p, None).map(|d| d.0).as_deref(),
            Some("2009-10-14")
        );
        let p = page(
            "",
            r#"<p>Posted <time datetime="2019-11-18">Monday</time></p>"#,
        );
        assert_eq!(
            page_date(&p, None).map(|d| d.0).as_deref(),
            Some("2019-11-18")
        );
    }

    #[test]
    fn the_url_when_the_markup_has_none() {
        let p = page("", "<p>No date here.</p>");
        for url in [
            "https://example.com/news/2019/11/19/story-slug.html",
            "https://example.com/2019-11-19/story",
            "https://example.com/world/20191119/story",
        ] {
            assert_eq!(
                page_date(&p, Some(url)),
                Some(("2019-11-19".into(), PageDateSource::Url)),
                "{url}"
            );
        }
        let p = page(
            r#"<link rel="canonical" href="https://example.com/2019/11/19/x">"#,
            "",
        );
        assert_eq!(page_date(&p, None).map(|d| d.1), Some(PageDateSource::Url));
        assert_eq!(
            page_date(
                &page("", "<p>x</p>"),
                Some("https://example.com/a/12345678/b")
            ),
            None
        );
    }

    #[test]
    fn placeholders_and_junk_are_no_date() {
        let p = page(
            r#"<meta property="article:published_time" content="0001-01-01T00:00:00Z"><meta name="date" content="soon">"#,
            "",
        );
        assert_eq!(page_date(&p, None), None);
    }
}
