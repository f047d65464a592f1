//! Page text rendered from the page itself, block by block, where the HTML
//! extractor's own text lost the page's structure.
//!
//! rs-trafilatura falls back to merging several candidate containers when
//! its main extraction looks too short ("multi-candidate merge", meant for
//! listicles) or to collecting repeated items (meant for listings). Both
//! take each container's text with every paragraph run into the next
//! (`...his concerns.Morrison said...`) and put the containers in order of
//! score, not of the page, so an article can start in its middle. For such
//! pages the text is rendered again here from the smallest part of the page
//! that holds every piece the extractor chose, in page order, with every
//! block element (paragraph, heading, list item, table cell, quote) a
//! paragraph of its own, and without the page's furniture (scripts, menus,
//! forms, figures and captions, share bars, related links, bylines).

use dom_query::{Document, NodeId, NodeRef};
use std::collections::HashSet;

/// Tags whose content is never article text.
#[rustfmt::skip]
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "aside", "form", "button", "select",
    "iframe", "svg", "figure", "figcaption", "picture", "video", "audio", "header", "footer",
    "object", "embed", "canvas", "input", "textarea", "label",
];

/// Tags that end a paragraph.
#[rustfmt::skip]
const BLOCKS: &[&str] = &[
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "blockquote", "pre", "table", "tr", "td", "th", "dl", "dt", "dd", "hr", "address",
    "details", "summary", "center",
];

/// Words in a `class` or `id` that mark furniture (compared with each
/// `-`/`_`-separated part of the name).
#[rustfmt::skip]
const FURNITURE_NAMES: &[&str] = &[
    "share", "sharing", "social", "related", "recirc", "recirculation", "newsletter", "subscribe",
    "subscription", "promo", "advert", "advertisement", "ad", "ads", "sponsor", "sponsored",
    "comment", "comments", "sidebar", "byline", "bio", "caption", "credit", "credits", "tags",
    "breadcrumb", "breadcrumbs", "popup", "modal", "outbrain", "taboola", "popular", "trending",
    "recommended", "toolbar", "signup", "paywall", "player", "video", "gallery", "slideshow",
    "controls", "menu", "overlay", "tooltip", "author",
];

/// A piece of the extractor's text must hold at least this many letters
/// and digits to be looked for in the page.
const MIN_PIECE_CHARS: usize = 80;
/// Letters and digits at each end of a piece that identify it.
const ANCHOR_CHARS: usize = 40;

use crate::furniture::key;

/// Renders again, from `page`, the text the extractor merged from several
/// containers (`merged`: pieces separated by blank lines). `None` when no
/// piece is found in the page, so the extractor's text stands.
pub(crate) fn rerender_merged(page: &str, merged: &str) -> Option<String> {
    let doc = Document::from(page);
    let containers: Vec<(NodeRef<'_>, String)> = doc
        .select("div, section, article, main, td")
        .nodes()
        .iter()
        .map(|node| (*node, key(&node.text())))
        .collect();
    let mut found: Vec<NodeRef<'_>> = Vec::new();
    for piece in merged.split("\n\n") {
        let k = key(piece);
        if k.chars().count() < MIN_PIECE_CHARS {
            continue;
        }
        let head: String = k.chars().take(ANCHOR_CHARS).collect();
        let tail: String = k
            .chars()
            .rev()
            .take(ANCHOR_CHARS)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        let smallest = containers
            .iter()
            .filter(|(_, text)| text.contains(&head) && text.contains(&tail))
            .min_by_key(|(_, text)| text.len());
        if let Some((node, _)) = smallest {
            found.push(*node);
        }
    }
    let root = lowest_common_ancestor(&found)?;
    let mut out = String::new();
    render(&root, &mut out);
    let text = tidy(&out);
    (!text.is_empty()).then_some(text)
}

/// The text of an HTML fragment (the extractor's HTML of the main
/// content), every block element a paragraph of its own: the extractor's
/// own text starts a line only before `p`, `div`, `section`, `article` and
/// headings, and ends none, so a heading, quote or list item runs into the
/// text after it.
pub(crate) fn render_fragment(html: &str) -> String {
    let doc = Document::fragment(html);
    let mut out = String::new();
    render(&doc.root(), &mut out);
    tidy(&out)
}

/// A block's text must hold at least this many letters and digits to mark
/// where a line breaks (a shorter one could match inside other text).
const MIN_BLOCK_KEY_CHARS: usize = 12;
/// Above this many bytes of text, lines are left as the extractor gave them
/// (finding every block in every line would cost too much).
const MAX_BREAK_BYTES: usize = 300_000;

/// How far past the last block found the next block is looked for, in
/// bytes of key: blocks the extractor left out of its text are skipped over,
/// and a short block that recurs far away (a sidebar heading that a
/// paragraph also names) is not taken for a boundary.
const SEARCH_WINDOW: usize = 2_000;

/// Breaks the extractor's lines where a block element of its own HTML
/// starts or ends inside them, so a heading, quote, list item or table cell
/// is never run into the text next to it: each cut is a blank line, a
/// paragraph boundary for the clean-up after it. Blocks are matched in page
/// order, each after the one before it, so a phrase that is also a block
/// elsewhere never cuts a sentence. The extractor's choice of lines (what it
/// kept, what it filtered out) is not otherwise changed.
pub(crate) fn break_at_blocks(text: &str, html: &str) -> String {
    if text.len() > MAX_BREAK_BYTES {
        return text.to_string();
    }
    let rendered = render_fragment(html);
    let blocks: Vec<String> = rendered
        .split('\n')
        .map(key)
        .filter(|k| k.chars().count() >= MIN_BLOCK_KEY_CHARS)
        .collect();
    let lines: Vec<&str> = text.lines().collect();
    // The whole text's key, and for each of its bytes the line it came from
    // and the byte in that line just after its character.
    let mut whole = String::with_capacity(text.len());
    let mut origin: Vec<(usize, usize)> = Vec::with_capacity(text.len());
    for (index, line) in lines.iter().enumerate() {
        let (line_key, after) = key_with_positions(line);
        whole.push_str(&line_key);
        origin.extend(after.into_iter().map(|a| (index, a)));
    }
    let mut cuts: Vec<Vec<usize>> = vec![Vec::new(); lines.len()];
    let mut cursor = 0;
    for block in &blocks {
        let mut window_end = (cursor + SEARCH_WINDOW + block.len()).min(whole.len());
        while !whole.is_char_boundary(window_end) {
            window_end -= 1;
        }
        let Some(found) = whole[cursor..window_end].find(block.as_str()) else {
            continue;
        };
        let start = cursor + found;
        let end = start + block.len();
        for boundary in [start, end] {
            if boundary == 0 || boundary == whole.len() {
                continue;
            }
            let (line, before) = origin[boundary - 1];
            if origin[boundary].0 == line {
                cuts[line].push(past_closing_marks(lines[line], before));
            }
        }
        cursor = end;
    }
    let mut out = String::with_capacity(text.len() + 64);
    for (line, mut line_cuts) in lines.iter().zip(cuts) {
        line_cuts.sort_unstable();
        line_cuts.dedup();
        let mut from = 0;
        for cut in line_cuts {
            let piece = line[from..cut].trim();
            if !piece.is_empty() {
                out.push_str(piece);
                out.push_str("\n\n");
            }
            from = cut;
        }
        out.push_str(line[from..].trim_start());
        out.push('\n');
    }
    out
}

/// `at` moved past the punctuation and closing quote marks that end the
/// text before it (`concerns.”`), so they stay with that text.
fn past_closing_marks(line: &str, at: usize) -> usize {
    let mut at = at;
    let rest = &line[at..];
    let mut chars = rest.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        let opening = matches!(c, '“' | '‘' | '(' | '[' | '«' | '¿' | '¡');
        let straight_quote_opens =
            c == '"' && chars.peek().is_some_and(|(_, n)| n.is_alphanumeric());
        if c.is_whitespace() || c.is_alphanumeric() || opening || straight_quote_opens {
            break;
        }
        at += c.len_utf8();
    }
    at
}

/// A line's comparison key, and for each byte of the key the byte offset in
/// the line just after the character it came from (keys are built from
/// lowercased characters, so one character may give several key bytes; each
/// of them maps to the end of that character).
fn key_with_positions(line: &str) -> (String, Vec<usize>) {
    let mut key = String::with_capacity(line.len());
    let mut after = Vec::with_capacity(line.len());
    for (index, c) in line.char_indices() {
        if c.is_alphanumeric() {
            for lower in c.to_lowercase() {
                key.push(lower);
                after.extend(std::iter::repeat_n(index + c.len_utf8(), lower.len_utf8()));
            }
        }
    }
    (key, after)
}

/// The deepest node that is, or is an ancestor of, every node given.
fn lowest_common_ancestor<'a>(nodes: &[NodeRef<'a>]) -> Option<NodeRef<'a>> {
    let first = nodes.first()?;
    let chain = |node: &NodeRef<'a>| -> Vec<NodeRef<'a>> {
        std::iter::once(*node)
            .chain(node.ancestors_it(None))
            .collect()
    };
    let mut common: Vec<NodeRef<'a>> = chain(first);
    for node in &nodes[1..] {
        let ids: HashSet<NodeId> = chain(node).iter().map(|n| n.id).collect();
        common.retain(|n| ids.contains(&n.id));
    }
    common.into_iter().next()
}

/// Whether an element is furniture by its tag or the words of its class or id.
fn is_furniture(node: &NodeRef<'_>) -> bool {
    if node
        .node_name()
        .is_some_and(|name| SKIPPED.contains(&name.as_ref()))
    {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.as_ref() == "true")
    {
        return true;
    }
    ["class", "id"].iter().any(|attr| {
        node.attr(attr).is_some_and(|names| {
            names
                .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|word| FURNITURE_NAMES.contains(&word.to_ascii_lowercase().as_str()))
        })
    })
}

/// Appends the text of `node`'s subtree, a blank line around every block.
fn render(node: &NodeRef<'_>, out: &mut String) {
    let mut child = node.first_child();
    while let Some(current) = child {
        if current.is_text() {
            out.push_str(&current.text());
        } else if current.is_element() && !is_furniture(&current) {
            let name = current.node_name();
            let name = name.as_deref().unwrap_or("");
            if name == "br" {
                out.push('\n');
            } else if BLOCKS.contains(&name) {
                out.push_str("\n\n");
                render(&current, out);
                out.push_str("\n\n");
            } else {
                render(&current, out);
            }
        }
        child = current.next_sibling();
    }
}

/// Spaces collapsed within lines, at most one blank line between
/// paragraphs, no line of whitespace only.
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank = false;
    for line in raw.split('\n') {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = !out.is_empty();
            continue;
        }
        if blank {
            out.push_str("\n\n");
            blank = false;
        } else if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<html><body>
        <div class="site-nav"><a href="/">Home</a> <a href="/news">News</a></div>
        <div id="story">
          <div class="part one"><h2>Vizio says it can comply</h2><p>SACRAMENTO — The influential lobby group is fighting what appears to be a losing battle against the state's regulators.</p><p>On Tuesday, executives asked members of the California Energy Commission to let consumers decide.</p></div>
          <figure><img src="x.jpg"><figcaption>A television on sale in a shop.</figcaption></figure>
          <div class="share-bar">Share this article</div>
          <div class="part two"><p>"We're comfortable with our ability to meet the proposed levels," said Kenneth R. Lowe, Vizio's co-founder and vice president.</p><p>Last month, the commission formally unveiled its proposal to require manufacturers to limit consumption.</p></div>
        </div>
        <div class="related-links"><a href="/a">Another story</a></div>
        </body></html>"#;

    #[test]
    fn merged_pieces_come_back_in_page_order_with_their_blocks() {
        // What the extractor's merge gives: the pieces by score, each with
        // its paragraphs run together.
        let merged = "\"We're comfortable with our ability to meet the proposed levels,\" said Kenneth R. Lowe, Vizio's co-founder and vice president.Last month, the commission formally unveiled its proposal to require manufacturers to limit consumption.\n\n\
            Vizio says it can complySACRAMENTO — The influential lobby group is fighting what appears to be a losing battle against the state's regulators.On Tuesday, executives asked members of the California Energy Commission to let consumers decide.";
        assert_eq!(
            rerender_merged(PAGE, merged).unwrap(),
            "Vizio says it can comply\n\n\
             SACRAMENTO — The influential lobby group is fighting what appears to be a losing battle against the state's regulators.\n\n\
             On Tuesday, executives asked members of the California Energy Commission to let consumers decide.\n\n\
             \"We're comfortable with our ability to meet the proposed levels,\" said Kenneth R. Lowe, Vizio's co-founder and vice president.\n\n\
             Last month, the commission formally unveiled its proposal to require manufacturers to limit consumption."
        );
    }

    #[test]
    fn blocks_of_the_extractors_html_end_lines() {
        let html = "<div><h2>Lawmakers question the judgment</h2><p>Republican senators said on Monday they had doubts.</p>\
                    <p>He voiced his concerns.</p><blockquote>Morrison said nothing at all about the matter.</blockquote></div>";
        let text =
            "Lawmakers question the judgment Republican senators said on Monday they had doubts.\n\
                    He voiced his concerns. Morrison said nothing at all about the matter.\n";
        assert_eq!(
            break_at_blocks(text, html),
            "Lawmakers question the judgment\n\n\
             Republican senators said on Monday they had doubts.\n\
             He voiced his concerns.\n\n\
             Morrison said nothing at all about the matter.\n"
        );
    }

    #[test]
    fn a_phrase_that_is_a_block_elsewhere_does_not_cut_a_sentence() {
        let html = "<div><p>That is one reason Democratic members of <a>The POLITICO Caucus</a> are more optimistic.</p>\
                    <h3>The POLITICO Caucus</h3><p>A panel of swing-state activists and strategists.</p></div>";
        let text =
            "That is one reason Democratic members of The POLITICO Caucus are more optimistic.\n\
                    The POLITICO Caucus A panel of swing-state activists and strategists.\n";
        assert_eq!(
            break_at_blocks(text, html),
            "That is one reason Democratic members of The POLITICO Caucus are more optimistic.\n\
             The POLITICO Caucus\n\nA panel of swing-state activists and strategists.\n"
        );
    }

    #[test]
    fn lines_the_extractor_filtered_stay_out() {
        let html = "<div><p>Share this article on social media</p><p>The council approved the budget on Monday.</p></div>";
        let text = "The council approved the budget on Monday.\n";
        assert_eq!(break_at_blocks(text, html), text);
    }

    #[test]
    fn pieces_not_in_the_page_leave_the_text_alone() {
        assert_eq!(rerender_merged(PAGE, "Nothing of this appears anywhere on the page at all, not one sentence of it, really."), None);
    }
}
