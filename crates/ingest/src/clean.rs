//! Text clean-up: whitespace normalisation, paragraphing and removal of
//! scraped-page junk lines.
//!
//! # Whitespace
//! - CRLF, lone CR and U+2028 become line breaks, U+2029 a paragraph break.
//! - Tabs, NBSP, the U+2000–U+200A spaces, U+202F, U+205F, U+3000, U+1680,
//!   form feeds and other control characters become a plain space; U+200B,
//!   U+2060, U+FEFF and soft hyphens (invisible) are removed. ZWJ/ZWNJ,
//!   curly quotes and all letters are kept exactly.
//! - Runs of spaces collapse to one; lines are trimmed.
//!
//! # Paragraphs
//! Paragraphs are separated by blank lines. Lines inside one paragraph are
//! joined with a space, except list items: a line starting with a bullet
//! (`-`, `*`, `•`, `·`, `◦`, `▪`, `–`, `►`, `‣` followed by a space, or `⁃`)
//! always starts its own paragraph, and a numbered or lettered line (`1.`,
//! `2)`, `3.)`, `a.`, `b)`, `(c)`) does so when it opens the block, follows
//! a line ending in `:` or follows another list item. A line after an item continues that item (a
//! wrapped bullet) only when it is indented or starts with a lowercase
//! letter; any other line keeps the line break as a boundary and starts a
//! paragraph of its own (`• 2. Fewer rules` + `He said so.` are two).
//!
//! # Junk lines ([`is_junk_line`])
//! A line is dropped when it is
//! - made only of symbols, pipes and punctuation (no letter or digit);
//! - exactly a navigation / widget label (case-insensitive, trailing `:`
//!   `.` `!` `»` `›` `>` `…` `|` `↑` allowed): "Scroll to Top", "Back to top",
//!   "Skip to content", "Advertisement", "Sponsored", "Share this article",
//!   "Read more", "Continue reading", "Related articles", "Related",
//!   "You may also like", "Most read", "Next article", "Menu", "Home",
//!   "Search", "Sign in", "Subscribe", "Print", "Comments", "Accept cookies"...;
//! - a social-share bar: only the words share / tweet / email / print /
//!   copy link and network names (Facebook, Twitter, X, WhatsApp, LinkedIn,
//!   Telegram, Reddit, Pinterest, Messenger), e.g. "Share on Facebook Share on Twitter";
//! - a short call to action: "Follow us on …" / "Follow `<name>` on Twitter"
//!   (≤ 15 words), "Click here …" (≤ 20 words), "Subscribe to / Sign up for
//!   … newsletter" (≤ 25 words), "Read more: …", "Read also: …", "See also: …",
//!   "Related: …" (≤ 25 words);
//! - a copyright footer: starting with "©", "(c)" or "Copyright" (≤ 30 words), or
//!   containing "All rights reserved" (≤ 30 words);
//! - a cookie notice: mentions cookies with "we use cookies", "this site uses
//!   cookies", "accept (all) cookies", "use of cookies", "manage cookies" or
//!   "cookie policy/settings/preferences/notice/consent" (≤ 60 words);
//! - a menu: at least two `|`, `•` or spaced `·` separators, every segment at most
//!   4 words, and no sentence-final punctuation ("Home | News | Sport").
//!
//! Real sentences that merely contain such words survive: the labels must be
//! the whole line, calls to action must start the line and be short, and
//! lines longer than 600 bytes are never junk (checked first, so cleaning stays
//! linear on 100,000-character lines).

use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// Lines longer than this (in bytes) are never considered junk.
const MAX_JUNK_BYTES: usize = 600;

/// Trailing decoration allowed after a navigation label.
const TAIL: &str = r"[\s:.!»›>…|\-–—↑^]*";

static EXACT_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let labels = [
        r"(scroll|back|go|return) to (the )?top",
        r"skip to (the )?(main )?(content|navigation|menu|search|footer)",
        r"jump to (main )?content",
        r"advertisements?",
        r"advert",
        r"ad(vertising)? feature",
        r"sponsored( content| post| links?)?",
        r"story continues (below|after) (this )?advertisement",
        r"(continue|continued) (reading|below|after advertisement)",
        r"share( this( article| story| post| page)?)?",
        r"share (the|this) (article|story|post|page) (on|via) .{1,40}",
        r"read (more|next|the full (story|article))",
        r"(load|show|view|see) more( stories| articles| news)?",
        r"more (stories|articles|news|from .{1,30})",
        r"related( articles| stories| news| posts| content| coverage| topics| links| reading)?",
        r"you (may|might) also (like|be interested in)",
        r"recommended( for you| stories| articles)?",
        r"(most (read|popular|viewed|shared))( stories| articles)?",
        r"trending( now| stories)?",
        r"(next|previous|prev) (article|story|post|page)",
        r"(main )?(menu|navigation)",
        r"home( page)?",
        r"search",
        r"(log|sign) ?(in|out|up)",
        r"register",
        r"subscribe( now| today| here)?",
        r"print( this)?( article| page| story)?",
        r"e-?mail( this)?( article| story| page| to a friend)?",
        r"comments?( \(\d+\))?",
        r"(leave|post|add) a comment",
        r"\d+ comments?",
        r"tags?",
        r"close",
        r"accept( all)?( cookies)?",
        r"(reject|decline)( all)?( cookies)?",
        r"cookie (settings|preferences|policy)",
        r"(privacy|cookie) policy",
        r"terms (of use|and conditions|of service)",
        r"(about us|contact us)",
        r"(copy|copied) link",
        r"listen( to this article)?",
        r"follow us",
        r"image (source|caption)",
        r"getty images",
        r"photo: .{1,40}",
    ];
    Regex::new(&format!(r"(?i)^(?:{}){TAIL}$", labels.join("|"))).expect("valid regex")
});

static SHARE_BAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:share|tweet|e-?mail|print|copy link|save|on|via|facebook|twitter|x|whatsapp|linkedin|telegram|reddit|pinterest|messenger|flipboard)[\s|/,·•:]*)+$",
    )
    .expect("valid regex")
});

static FOLLOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(follow us\b|follow .{1,40}\bon (twitter|x|facebook|instagram|linkedin|telegram|whatsapp|youtube|tiktok|threads|bluesky|google news)\b)",
    )
    .expect("valid regex")
});
static CLICK_HERE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^click here\b").expect("valid regex"));
static NEWSLETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(subscribe|sign up|register|get|join)\b.*\bnewsletters?\b")
        .expect("valid regex")
});
static SEE_ALSO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(read (more|also|next)|see also|also read|more on this( story)?|related( articles| stories)?)\s*[:\-–»|]")
        .expect("valid regex")
});
static COPYRIGHT_START: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(©|\(c\)\s*\d{4}|copyright\b)").expect("valid regex"));
static RIGHTS_RESERVED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\ball rights reserved\b").expect("valid regex"));
static COOKIE_NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(we use cookies|(this|our) (web)?site uses cookies|accept (all )?cookies|use of cookies|manage cookies|cookies? (policy|settings|preferences|notice|consent))",
    )
    .expect("valid regex")
});

/// True when a (normalised, trimmed, non-empty) line is scraped-page junk
/// rather than article text. See the [module docs](self) for the rules.
pub fn is_junk_line(line: &str) -> bool {
    if !line.chars().any(char::is_alphanumeric) {
        return true;
    }
    if line.len() > MAX_JUNK_BYTES {
        return false;
    }
    let words = line.split_whitespace().count();
    EXACT_LABEL.is_match(line)
        || SHARE_BAR.is_match(line)
        || (words <= 15 && FOLLOW.is_match(line))
        || (words <= 20 && CLICK_HERE.is_match(line))
        || (words <= 25 && NEWSLETTER.is_match(line))
        || (words <= 25 && SEE_ALSO.is_match(line))
        || (words <= 30 && (COPYRIGHT_START.is_match(line) || RIGHTS_RESERVED.is_match(line)))
        || (words <= 60 && contains_ci(line, "cookie") && COOKIE_NOTICE.is_match(line))
        || is_menu(line)
}

fn contains_ci(haystack: &str, ascii_needle: &str) -> bool {
    haystack
        .as_bytes()
        .windows(ascii_needle.len())
        .any(|w| w.eq_ignore_ascii_case(ascii_needle.as_bytes()))
}

/// "Home | News | Sport | Weather": several short segments between separators.
fn is_menu(line: &str) -> bool {
    if ends_like_sentence(line) {
        return false;
    }
    let segments: Vec<&str> = line
        .split(|c| is_menu_separator(line, c))
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let separators = line.chars().filter(|&c| is_menu_separator(line, c)).count();
    separators >= 2
        && segments.len() >= 2
        && segments.iter().all(|s| s.split_whitespace().count() <= 4)
}

/// `|` and `•` separate menu items; `·` only with a space next to it
/// ("News · Sport"): between two letters it is a name's middle dot
/// ("哈立德·泰穆尔·阿克拉姆", "Jean·Paul").
fn is_menu_separator(line: &str, c: char) -> bool {
    match c {
        '|' | '•' => true,
        '·' => line.contains(" ·") || line.contains("· "),
        _ => false,
    }
}

/// Whether a line ends with sentence-final punctuation, in Latin and other
/// scripts (。！？ in Chinese and Japanese, ؟ in Arabic, । in Devanagari,
/// ။ in Burmese), before closing quotes and brackets.
fn ends_like_sentence(line: &str) -> bool {
    let trimmed = line.trim_end_matches(['"', '\'', '”', '’', ')', '»', '」', '』', '）']);
    trimmed.ends_with(['.', '!', '?', '…', '。', '！', '？', '．', '؟', '।', '။'])
}

/// Normalises whitespace inside one line: odd spaces and control characters
/// become a space, invisible characters are removed, runs collapse, and the
/// result is trimmed. Letters, punctuation and quotes are kept exactly.
pub fn normalize_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        match c {
            '\u{200B}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
            c if is_space_like(c) => pending_space = true,
            c => {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(c);
            }
        }
    }
    out
}

fn is_space_like(c: char) -> bool {
    c.is_whitespace() || (c.is_control() && c != '\u{200D}' && c != '\u{200C}')
}

/// Bullet marker at the start of a line (`⁃` may be glued to a number:
/// `⁃9. Item`).
fn is_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    matches!(
        (chars.next(), chars.next()),
        (
            Some('-' | '*' | '•' | '·' | '◦' | '▪' | '–' | '►' | '‣' | '⁃'),
            Some(' ')
        ) | (Some('⁃'), Some('0'..='9'))
    )
}

/// `1. `, `12) `, `3.) `, `a. `, `b) `, `(c) ` at the start of a line.
fn is_numbered(line: &str) -> bool {
    let bytes = line.as_bytes();
    let wrapped = bytes.first() == Some(&b'(');
    let start = usize::from(wrapped);
    let digits = bytes[start..]
        .iter()
        .take_while(|b| b.is_ascii_digit())
        .count();
    let end = match digits {
        1..=3 => start + digits,
        0 if bytes.get(start).is_some_and(u8::is_ascii_lowercase) => start + 1,
        _ => return false,
    };
    let marker_len = match (wrapped, bytes.get(end), bytes.get(end + 1)) {
        (true, Some(b')'), _) => 1,
        (false, Some(b'.'), Some(b')')) => 2,
        (false, Some(b'.' | b')'), _) => 1,
        _ => return false,
    };
    bytes.get(end + marker_len) == Some(&b' ')
}

/// Whether a line after a list item continues it (a wrapped bullet): it was
/// indented in the raw text or starts with a lowercase letter.
fn continues_item(raw_line: &str, line: &str) -> bool {
    raw_line.starts_with(is_space_like) || line.chars().next().is_some_and(char::is_lowercase)
}

/// Unifies line breaks: CRLF, CR and U+2028 become `\n`, U+2029 `\n\n`.
fn unify_breaks(text: &str) -> Cow<'_, str> {
    if !text.contains(['\r', '\u{2028}', '\u{2029}']) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("\r\n", "\n")
            .replace(['\r', '\u{2028}'], "\n")
            .replace('\u{2029}', "\n\n"),
    )
}

/// Cleans raw article text into paragraphs: normalised whitespace, junk
/// lines dropped, lines of one paragraph joined, list items split out.
/// Runs in time linear in the input length.
pub fn clean_text(raw: &str) -> Vec<String> {
    let text = unify_breaks(raw);
    let mut paragraphs = Vec::new();
    let mut current = String::new();
    let mut in_list = false;
    // Whether `current` is a list item (with its wrapped lines).
    let mut in_item = false;
    for raw_line in text.split('\n') {
        let line = normalize_line(raw_line);
        if line.is_empty() {
            flush(&mut current, &mut paragraphs);
            in_list = false;
            in_item = false;
            continue;
        }
        if is_junk_line(&line) {
            continue;
        }
        let starts_item = is_bullet(&line)
            || (is_numbered(&line) && (current.is_empty() || in_list || current.ends_with(':')));
        if starts_item {
            flush(&mut current, &mut paragraphs);
            in_list = true;
            in_item = true;
            current = line;
        } else if in_item && !continues_item(raw_line, &line) {
            // The line break after a list item stays a boundary.
            flush(&mut current, &mut paragraphs);
            in_list = false;
            in_item = false;
            current = line;
        } else if current.is_empty() {
            current = line;
        } else {
            current.push(' ');
            current.push_str(&line);
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    if !current.is_empty() {
        paragraphs.push(std::mem::take(current));
    }
}

/// Cleans a headline: all whitespace (line breaks included) normalised to
/// single spaces, trimmed.
pub fn clean_title(raw: &str) -> String {
    normalize_line(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn junk(line: &str) -> bool {
        is_junk_line(&normalize_line(line))
    }

    #[test]
    fn whitespace_is_normalised() {
        assert_eq!(
            normalize_line("\t Caf\u{e9}\u{a0}\u{a0}“quoted”\u{2009}text \u{200b}x\u{3000} "),
            "Café “quoted” text x"
        );
        assert_eq!(normalize_line("a\u{0}b\u{1b}c"), "a b c");
        assert_eq!(
            normalize_line("Iran’s  \u{200D}offer"),
            "Iran’s \u{200D}offer"
        );
    }

    #[test]
    fn paragraphs_and_line_joining() {
        let raw = "First line\r\nsame paragraph.\r\n\r\n\r\n  Second   paragraph.  \rThird? no, same.\n\n\n";
        assert_eq!(
            clean_text(raw),
            vec![
                "First line same paragraph.",
                "Second paragraph. Third? no, same."
            ]
        );
        assert_eq!(clean_text("a\u{2029}b"), vec!["a", "b"]);
        assert!(clean_text("").is_empty());
        assert!(clean_text(" \n\t\n").is_empty());
    }

    #[test]
    fn list_items_are_own_paragraphs() {
        let raw = "Key points:\n- first item\n- second item\n  wrapped\n• third\n\n1. one\n2) two\nThe end came in\n2005. Then more.";
        assert_eq!(
            clean_text(raw),
            vec![
                "Key points:",
                "- first item",
                "- second item wrapped",
                "• third",
                "1. one",
                "2) two",
                "The end came in 2005. Then more."
            ]
        );
        // A number that merely wraps onto a new line inside prose is not a list item.
        assert_eq!(
            clean_text("Sales rose in\n2005. Then fell."),
            vec!["Sales rose in 2005. Then fell."]
        );
    }

    #[test]
    fn line_break_after_a_list_item_stays_a_boundary() {
        assert_eq!(
            clean_text("• 2. Fewer rules\nHe said so."),
            vec!["• 2. Fewer rules", "He said so."]
        );
        assert_eq!(
            clean_text("The plan:\n1.) Freeze fares\n2.) Cap bills\nMinisters agreed."),
            vec![
                "The plan:",
                "1.) Freeze fares",
                "2.) Cap bills",
                "Ministers agreed."
            ]
        );
        assert_eq!(
            clean_text(
                "Pledges:\na. lower bills\nb. more homes\n(c) shorter waits\n⁃4. ports\n⁃5. roads"
            ),
            vec![
                "Pledges:",
                "a. lower bills",
                "b. more homes",
                "(c) shorter waits",
                "⁃4. ports",
                "⁃5. roads"
            ]
        );
        // Wrapped items: indented, or continuing in lowercase.
        assert_eq!(
            clean_text(
                "- Talks between the\nunions and the rail firms\n- Talks with\n  Network Rail"
            ),
            vec![
                "- Talks between the unions and the rail firms",
                "- Talks with Network Rail"
            ]
        );
        // A lettered line inside prose is not an item.
        assert_eq!(
            clean_text("It was built in\na. d. 1200 by monks."),
            vec!["It was built in a. d. 1200 by monks."]
        );
    }

    #[test]
    fn symbol_only_lines() {
        for line in ["|", "| | |", "* * *", "---", "•••", "»", "==="] {
            assert!(junk(line), "{line}");
        }
        assert!(!junk("2025"));
    }

    #[test]
    fn navigation_labels() {
        for line in [
            "Scroll to Top",
            "scroll to top »",
            "Back to top ↑",
            "Skip to content",
            "Skip to main content",
            "Advertisement",
            "ADVERTISEMENT",
            "Sponsored content",
            "Story continues below advertisement",
            "Continue reading",
            "Share this article",
            "Share",
            "Read more",
            "Read more »",
            "Read more...",
            "Related articles",
            "Related:",
            "You may also like",
            "Most Read",
            "Next article",
            "Menu",
            "Home",
            "Sign in",
            "Subscribe now",
            "Print",
            "Comments (12)",
            "Accept cookies",
            "Accept all cookies",
            "Privacy Policy",
        ] {
            assert!(junk(line), "{line}");
        }
    }

    #[test]
    fn share_bars() {
        for line in [
            "Share on Facebook",
            "Share on Twitter",
            "Share on WhatsApp",
            "Share on Facebook Share on Twitter Share via Email",
            "Facebook | Twitter | WhatsApp | Email",
            "Tweet",
        ] {
            assert!(junk(line), "{line}");
        }
    }

    #[test]
    fn calls_to_action() {
        for line in [
            "Follow us on Twitter",
            "Follow us on Facebook and Instagram for the latest updates.",
            "Follow Dawn on X",
            "Click here to read the full report.",
            "Click here",
            "Subscribe to our newsletter",
            "Sign up for our daily newsletter and get the news first.",
            "Read more: Iran offers to mediate between Pakistan and Afghanistan",
            "See also: Border talks stall",
            "Related: Talks in Istanbul end without progress",
        ] {
            assert!(junk(line), "{line}");
        }
    }

    #[test]
    fn copyright_footers() {
        for line in [
            "© 2025 Example News Ltd",
            "© 2025 Example News. All rights reserved.",
            "Copyright 2025 Example Media Group",
            "(c) 2024 The Paper",
            "Example News Network. All Rights Reserved.",
        ] {
            assert!(junk(line), "{line}");
        }
    }

    #[test]
    fn cookie_notices() {
        for line in [
            "We use cookies to improve your experience. By continuing to browse the site you agree to our use of cookies.",
            "This website uses cookies.",
            "Cookie settings",
            "Manage cookies",
        ] {
            assert!(junk(line), "{line}");
        }
    }

    #[test]
    fn menus() {
        assert!(junk("Home | News | Sport | Weather | Contact us"));
        assert!(junk("World • Business • Politics"));
        assert!(junk("World · Business · Politics"));
        // A middle dot inside a name is no separator, and 。 ends a sentence.
        assert!(!junk("巴基斯坦人类命运共同体研究中心主任哈立德·泰穆尔·阿克拉姆指出，中美元首旧金山会晤为改善两国关系带来希望。"));
        assert!(!junk("主任哈立德·泰穆尔·阿克拉姆指出"));
        assert!(!junk("He said: “Prices rose | fell | rose again.”"));
    }

    #[test]
    fn real_sentences_survive() {
        for line in [
            "Advertisement revenue rose 5% last year, the company said.",
            "Share prices fell sharply after the announcement.",
            "Shares in the firm fell 3%.",
            "Read more books, the minister urged pupils on Monday.",
            "“Follow the money,” the prosecutor told the court.",
            "Investors were told to click here and there on a confusing website, the regulator found, in a report published on Tuesday that criticised the bank.",
            "The EU says websites that use cookies must ask for consent.",
            "Subscribers to the newsletter rose to 2 million.",
            "Home prices climbed for a third month.",
            "Related companies were also fined.",
            "The copyright case was heard in London.",
            "Print media has lost readers for two decades.",
            "Search and rescue teams reached the village on Sunday.",
            "Pakistan’s legal and political position remains “very strong,” Andrabi said.",
        ] {
            assert!(!junk(line), "{line}");
        }
    }

    #[test]
    fn junk_inside_text_is_dropped() {
        let raw = "Headline\n\nBody one.\nAdvertisement\nstill body one.\n\nShare this article\n\n© 2025 X. All rights reserved.\nScroll to Top";
        assert_eq!(
            clean_text(raw),
            vec!["Headline", "Body one. still body one."]
        );
    }

    #[test]
    fn long_lines_are_linear_and_kept() {
        let line = "word ".repeat(20_000) + "Advertisement";
        let out = clean_text(&line);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].len(), line.len());
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn paragraphs_are_normalised(raw in "(?s)[a-zA-Z’“” \t\r\n\u{a0}|•*0-9.-]{0,200}") {
            for paragraph in clean_text(&raw) {
                prop_assert!(!paragraph.is_empty());
                prop_assert_eq!(paragraph.trim(), paragraph.as_str());
                let has_odd_space = paragraph.contains(['\n', '\r', '\t', '\u{a0}']);
                prop_assert!(!has_odd_space);
                prop_assert!(!paragraph.contains("  "));
            }
        }

        #[test]
        fn ingest_never_panics(raw in any::<String>()) {
            let record = crate::RawRecord {
                id: None,
                source: None,
                title: Some(raw.clone()),
                published: Some(raw.clone()),
                meta: serde_json::Map::new(),
                body: crate::RawBody::Text(raw),
                fallback_id: String::new(),
            };
            let doc = crate::ingest(record, &crate::IngestOptions::default());
            prop_assert!(!doc.id.is_empty());
        }
    }
}
