//! Page furniture the HTML extractor keeps: lists of links to other articles
//! ("Latest News", "Most Viewed", "More from …"), found from the links in the
//! extractor's own HTML of the main content.
//!
//! A line of the extracted text is a *link line* when nearly all of its text
//! (≥ 80% of its letters and digits) is inside `<a>` elements in the
//! extracted HTML. One link line inside the article is kept (a paragraph that
//! is one link, a "Read more" line the junk rules judge); a run of two or
//! more link lines (blank lines between them do not break a run) is a list
//! of links and is dropped, with a short heading line right before it (at
//! most 6 words, no sentence punctuation: "Latest News", "Most Viewed").
//!
//! A short line (at most 12 words) that the text repeats three times or more
//! is dropped everywhere: a video carousel's captions ("Weather threatens
//! holiday plans" fourteen times), "Source: CNN" under each clip.
//!
//! Above the article's first paragraph (a line of 10+ words, or 60+
//! characters in scripts written without spaces), bylines and datelines are
//! dropped: lines of at most 15 words, without sentence-final punctuation,
//! that start like a byline ("By", "Written by", "Posted on", "Submitted on",
//! "Published", "Updated", "Author(s):", "Autori:", "Von", "Por") or hold a
//! date or time ("17:40", "2019-01-21", "6/19/2018", "November 28, 2013",
//! "28 Nov 2013").

use dom_query::{Document, NodeId, NodeRef};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Share of a line's letters and digits that must be link text.
const MIN_LINK_SHARE: f64 = 0.8;

/// Tags whose text starts a new line of the extracted text.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "td", "th", "dt",
    "dd", "blockquote", "figcaption", "caption", "pre", "ul", "ol", "table", "tr", "header",
    "footer", "aside", "main", "nav", "form", "body", "figure", "address", "details", "summary",
];

/// The comparison key of a line: its letters and digits, lowercased
/// (shared by the page clean-up steps that compare lines).
pub(crate) fn key(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Keys of the lines of `html` that are (nearly) all link text.
pub(crate) fn link_lines(html: &str) -> HashSet<String> {
    let doc = Document::from(html);
    // Per line (a block element, split at <br>): its text, and its link text.
    let mut lines: HashMap<(NodeId, usize), (String, usize)> = HashMap::new();
    let mut order: Vec<(NodeId, usize)> = Vec::new();
    let mut breaks: HashMap<NodeId, usize> = HashMap::new();
    let root = doc.root();
    for node in root.descendants_it() {
        if node.has_name("br") {
            if let Some(block) = block_of(&node) {
                *breaks.entry(block.id).or_insert(0) += 1;
            }
            continue;
        }
        if !node.is_text() {
            continue;
        }
        let Some(block) = block_of(&node) else {
            continue;
        };
        let linked = node.ancestors_it(None).any(|a| a.has_name("a"));
        // The extractor keeps a line break inside a text node as a line
        // break ("1.\n   Headline" is two lines).
        let text = node.text();
        for (n, piece) in text.split('\n').enumerate() {
            let k = key(piece);
            if k.is_empty() {
                continue;
            }
            let segment = breaks.entry(block.id).or_insert(0);
            let mut line = (block.id, *segment);
            if n > 0 && lines.get(&line).is_some_and(|(t, _)| !t.is_empty()) {
                *segment += 1;
                line = (block.id, *segment);
            }
            let entry = lines.entry(line).or_insert_with(|| {
                order.push(line);
                (String::new(), 0)
            });
            entry.0.push_str(&k);
            if linked {
                entry.1 += k.chars().count();
            }
        }
    }
    order
        .into_iter()
        .filter_map(|line| lines.remove(&line))
        .filter(|(k, linked)| *linked as f64 >= MIN_LINK_SHARE * k.chars().count() as f64)
        .map(|(k, _)| k)
        .collect()
}

fn block_of<'a>(node: &NodeRef<'a>) -> Option<NodeRef<'a>> {
    node.ancestors_it(None).find(|a| {
        a.node_name()
            .is_some_and(|name| BLOCKS.contains(&name.as_ref()))
    })
}

/// Whether a line can head a list of links: short (in words, and in
/// characters for scripts written without spaces), no sentence punctuation.
fn is_heading(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.split_whitespace().count() <= 6
        && line.chars().count() <= PROSE_CHARS
        && !line.ends_with(['.', '!', '?', ',', ';', ':', '"', '”', '。'])
}

/// Drops the runs of link lines (and their headings) from extracted text.
pub(crate) fn drop_link_lists(text: &str, html: &str) -> String {
    let links = link_lines(html);
    if links.is_empty() {
        return text.to_string();
    }
    let lines: Vec<&str> = text.lines().collect();
    let is_link: Vec<bool> = lines
        .iter()
        .map(|l| {
            let k = key(l);
            !k.is_empty() && links.contains(&k)
        })
        .collect();
    let mut drop = vec![false; lines.len()];
    let mut i = 0;
    while i < lines.len() {
        if !is_link[i] {
            i += 1;
            continue;
        }
        // A run of link lines, blank lines allowed between them.
        let mut members = vec![i];
        let mut j = i + 1;
        while j < lines.len() {
            if is_link[j] {
                members.push(j);
            } else if !lines[j].trim().is_empty() {
                break;
            }
            j += 1;
        }
        if members.len() >= 2 {
            for &m in &members {
                drop[m] = true;
            }
            if let Some(h) = (0..i).rev().find(|&h| !lines[h].trim().is_empty()) {
                if !drop[h] && is_heading(lines[h]) {
                    drop[h] = true;
                }
            }
        }
        i = j;
    }
    let mut out = String::with_capacity(text.len());
    for (line, dropped) in lines.iter().zip(drop) {
        if !dropped {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A short line seen this many times in one page is page furniture.
const MIN_REPEATS: usize = 3;
/// At most this many words for a repeated line to be furniture.
const MAX_REPEATED_WORDS: usize = 12;

/// Drops every copy of a short line that the page repeats three or more
/// times (a carousel's caption, "Weather threatens holiday plans" x 14).
pub(crate) fn drop_repeated_lines(text: &str) -> String {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for line in text.lines() {
        if line.split_whitespace().count() <= MAX_REPEATED_WORDS {
            let k = key(line);
            if !k.is_empty() {
                *seen.entry(k).or_insert(0) += 1;
            }
        }
    }
    if seen.values().all(|&n| n < MIN_REPEATS) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let repeated = line.split_whitespace().count() <= MAX_REPEATED_WORDS
            && seen.get(&key(line)).is_some_and(|&n| n >= MIN_REPEATS);
        if !repeated {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// A line with at least this many words is article prose: metadata lines
/// are only looked for before the first one.
const PROSE_WORDS: usize = 10;
/// Or at least this many characters (scripts written without spaces).
const PROSE_CHARS: usize = 60;
/// At most this many words for a byline or dateline.
const MAX_META_WORDS: usize = 15;

/// A date or a time of day: `17:40`, `2019-01-21`, `6/19/2018`, `19.06.2018`,
/// `November 28, 2013`, `28 Nov 2013`.
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?";
    Regex::new(&format!(
        r"(?i)\b\d{{1,2}}:\d{{2}}\b|\b\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|\b\d{{1,2}}[-/.]\d{{1,2}}[-/.]\d{{2,4}}\b|\b{month}\s+\d{{1,2}},?\s+\d{{4}}\b|\b\d{{1,2}}\.?\s+{month}\s+\d{{4}}\b"
    ))
    .expect("date pattern")
});

/// A byline: "By …", "Written by …", "Posted on …", "Authors: …".
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^((by|written by|posted (by|on)|submitted (by|on)|published( on| by)?|updated( on)?|von|por)\b|(authors?|autor(es|en|i|s)?)\s*:)",
    )
        .expect("byline pattern")
});

/// Whether a line before the article's first paragraph is a byline or a
/// dateline: at most 15 words, no sentence-final punctuation, and starting
/// like a byline or holding a date or time.
fn is_leading_metadata(line: &str) -> bool {
    let line = line.trim();
    !line.is_empty()
        && line.split_whitespace().count() <= MAX_META_WORDS
        && !line.ends_with(['.', '!', '?', '。', '”', '"'])
        && (BYLINE.is_match(line) || DATE.is_match(line))
}

/// Drops the bylines and datelines above the article's first paragraph (a
/// line of 10 or more words, or of 60 or more characters in scripts written
/// without spaces); nothing after it is touched.
pub(crate) fn drop_leading_metadata(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_body = false;
    for line in text.lines() {
        if !in_body {
            if is_leading_metadata(line) {
                continue;
            }
            in_body = line.split_whitespace().count() >= PROSE_WORDS
                || line.trim().chars().count() >= PROSE_CHARS;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    // Text and HTML shaped like rs-trafilatura's output on a news page whose
    // extracted block also holds the site's "Latest News" column (as on
    // yna_co_kr of the HTML dev set).
    const HTML: &str = "<article>\
        <p>The city council approved the new budget on Monday after a debate that lasted \
        <a>more than six hours</a>, officials said.</p>\
        <p><a>Read the full budget report</a></p>\
        <p>The mayor thanked the opposition for its proposals on public transport.</p>\
        </article><section><div>Latest News</div><ul>\
        <li><article><a><div><strong>Police reject request for low-key questioning</strong>\
        </div></a></article></li>\
        <li><article><a><div><strong>Defence chief says reactor likely to run next summer\
        </strong></div></a></article></li></ul>\
        <a>Most Viewed More</a></section>";
    const TEXT: &str = "The city council approved the new budget on Monday after a debate \
        that lasted more than six hours, officials said.\n\nRead the full budget report\n\n\
        The mayor thanked the opposition for its proposals on public transport.\n\n\
        Latest News\n\nPolice reject request for low-key questioning\n\n\
        Defence chief says reactor likely to run next summer\nMost Viewed More\n";

    fn paragraphs(text: &str) -> Vec<String> {
        crate::clean::clean_text(text)
    }

    #[test]
    fn a_list_of_links_and_its_heading_are_dropped() {
        assert_eq!(
            paragraphs(&drop_link_lists(TEXT, HTML)),
            [
                "The city council approved the new budget on Monday after a debate that lasted \
                 more than six hours, officials said.",
                "Read the full budget report",
                "The mayor thanked the opposition for its proposals on public transport."
            ]
        );
    }

    #[test]
    fn a_link_broken_over_lines_is_one_list_item_per_line() {
        let html = "<p>Stocks fell sharply in Tokyo on Tuesday as trade fears grew.</p>\
            <h2>Ranking</h2><ol><li><a>1.\n      Markets fall on trade fears</a></li>\
            <li><a>2.\n      Regulator orders exchange to improve</a></li></ol>";
        let text = "Stocks fell sharply in Tokyo on Tuesday as trade fears grew.\n\nRanking\n\n\
            1.\nMarkets fall on trade fears\n\n2.\nRegulator orders exchange to improve\n";
        assert_eq!(
            paragraphs(&drop_link_lists(text, html)),
            ["Stocks fell sharply in Tokyo on Tuesday as trade fears grew."]
        );
    }

    #[test]
    fn lines_of_mostly_plain_text_are_no_links() {
        let html = "<ul><li>Schools get <a>more</a> money next year</li>\
            <li>Roads are repaired <a>in spring</a> and summer</li></ul>";
        assert!(link_lines(html).is_empty());
        let text = "Schools get more money next year\nRoads are repaired in spring and summer\n";
        assert_eq!(drop_link_lists(text, html), text);
    }

    #[test]
    fn an_article_page_keeps_its_text() {
        let page =
            format!("<html><head><title>Budget approved</title></head><body>{HTML}</body></html>");
        let text = crate::html::extract(&page, None).unwrap().text;
        assert!(text.contains("approved the new budget"), "{text}");
        assert!(text.contains("thanked the opposition"), "{text}");
        assert!(!text.contains("Police reject"), "{text}");
    }

    #[test]
    fn a_short_line_repeated_three_times_is_dropped() {
        let text = "Weather threatens holiday plans\nWeather threatens holiday plans\n\
            Weather threatens holiday plans\n\nForecasters expect snow across the Northeast \
            on Wednesday.\n\nThe storm moved east.\n\nThe storm moved east.\n";
        assert_eq!(
            paragraphs(&drop_repeated_lines(text)),
            [
                "Forecasters expect snow across the Northeast on Wednesday.",
                // Twice is not furniture.
                "The storm moved east.",
                "The storm moved east."
            ]
        );
        let long = "This sentence of the article has well over twelve words in it, so it stays.\n";
        assert_eq!(drop_repeated_lines(&long.repeat(3)), long.repeat(3));
    }

    #[test]
    fn bylines_and_datelines_above_the_first_paragraph_are_dropped() {
        let text = "By Dana Ford, James Corey and Tom Watkins, CNN\n\n\
            November 28, 2013 -- Updated 0203 GMT (1003 HKT)\n\nŠodien, 17:40\n\n\
            Autori: Anna Ūdre (LTV)\n\nSubmitted on Mon, 2019-01-21 13:49\n\nNorth Korea\n\n\
            Forecasters expect heavy snow across the Northeast on Wednesday, the day before \
            Thanksgiving.\n\nBy Thursday, the storm will have moved out to sea.\n\n\
            Updated 14:00 GMT\n";
        assert_eq!(
            paragraphs(&drop_leading_metadata(text)),
            [
                // A section label without a date stays.
                "North Korea",
                "Forecasters expect heavy snow across the Northeast on Wednesday, the day \
                 before Thanksgiving.",
                // After the first paragraph nothing is touched.
                "By Thursday, the storm will have moved out to sea.",
                "Updated 14:00 GMT"
            ]
        );
        // A short first sentence with a date is prose, not a dateline.
        let text = "On May 5, 2024 the vote was held.\n";
        assert_eq!(drop_leading_metadata(text), text);
        // In scripts without spaces, a long line starts the body.
        let text = "中美元首旧金山会晤为改善两国关系带来希望，巴基斯坦人类命运共同体研究中心主任指出，两国应当加强对话与合作并共同应对全球挑战\n\
            （2018/6/18 14:10）\n";
        assert_eq!(drop_leading_metadata(text), text);
    }
}
