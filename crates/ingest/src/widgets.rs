//! Lines of page widgets that the HTML extractor keeps as text: gallery and
//! video-player controls ("4 PHOTOS", "BACK TO SLIDE", "Full Screen",
//! "Closed Caption Settings"), recirculation headings ("Discover More Like
//! This", "More News About …", "Blended From Around The Web"), tag and
//! topic lists ("Tags: …", "Filed under …"), bylines inside the text ("By
//! Mike Reyes 20 hours ago"), image credits ("sexlikelovato_ / Instagram",
//! "(Via CNN, Fox News and ABC News)"), asset ids ("ID: 9724118"),
//! shopping buttons ("Buy Now"), "Follow @name", "About the author".
//!
//! Each rule needs the whole line to be short (at most [`MAX_WORDS`] words;
//! a tag list [`MAX_LIST_WORDS`]) and, except for lists and credits, to end
//! without sentence punctuation, so an article sentence that starts the same
//! way ("By Monday, the council had agreed.") is kept. These rules read HTML
//! pages only: a plain-text article never carries a page's widgets.

use regex::Regex;
use std::sync::LazyLock;

/// Most words of a widget line.
const MAX_WORDS: usize = 12;
/// Most words of a tag, topic or keyword list.
const MAX_LIST_WORDS: usize = 30;

/// Labels that are a whole line (case ignored, after leading symbols).
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let labels = [
        r"\d+ (photos?|images?|pictures?|videos?|slides?)",
        r"(photos?|gallery|slideshow|videos?|images?)( \d+)?",
        r"\d+ ?/ ?\d+",
        r"(back to|next|previous|prev) slide",
        r"(view|open|launch) (gallery|slideshow)",
        r"full ?screen",
        r"embed",
        r"loading( \.\.\.|…)?",
        r"(next|previous|prev|back|more)",
        r"more (video|videos|\w+ videos|photos|galleries)",
        r"(buy|shop|order|book) now",
        r"see locations near you",
        r"source link",
        r"discover more( like this)?",
        r"more like this",
        r"more news about .{1,50}",
        r"other .{1,30} columns",
        r"(blended )?from around the web",
        r"(we|you might) recommend",
        r"promoted (stories|content|links)",
        r"closed caption settings",
        r"captions will look like this",
        r"about the authors?",
        r"id: ?\d+",
        r"follow @\w+",
        r"apply \| reset( x)?",
        r"view (comments|all comments)",
        r"(leave|post|add) a comment",
    ];
    Regex::new(&format!(
        r"(?i)^(?:{})[\s:.!»›>…|×x+\-]*$",
        labels.join("|")
    ))
    .expect("valid regex")
});

/// "Tags: a, b", "Filed under a, b", "Topics: …", "Keywords …".
static TAG_LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^((tags|tagged|topics|categories|related (topics|subjects))\s*:\s*\S|(filed under|keywords)\s+\S)",
    )
    .expect("valid regex")
});

/// A byline inside the text: "By" and a capitalised name, maybe a date.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[Bb][Yy](\s*:)?(\s+[\p{Lu}][\p{L}.'’\-]*){1,4}(\s|$)|^[Bb][Yy]$")
        .expect("valid regex")
});

/// An image or video credit: "name / Instagram", "(Via CNN and ABC)".
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(^\(via\b.{1,80}\)$)|(^via:\s)|(\s/\s+(instagram|twitter|facebook|youtube|tiktok|getty images|associated press|ap|reuters|afp|epa|shutterstock|public domain|wikimedia commons)\b)",
    )
    .expect("valid regex")
});

/// True when a (normalised, trimmed) line is a page widget's text.
pub(crate) fn is_widget_line(line: &str) -> bool {
    let words = line.split_whitespace().count();
    if words == 0 || words > MAX_LIST_WORDS {
        return false;
    }
    let bare = line.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '(' && c != '@');
    let ends_sentence = bare
        .trim_end()
        .ends_with(['.', '!', '?', '"', '”', ',', ';']);
    if TAG_LIST.is_match(bare) && !ends_sentence {
        return true;
    }
    if words > MAX_WORDS {
        return false;
    }
    if CREDIT.is_match(bare) {
        return true;
    }
    !ends_sentence && (LABEL.is_match(bare) || BYLINE.is_match(bare))
}

/// Drops the widget lines of extracted page text.
pub(crate) fn drop_widget_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let normal = crate::clean::normalize_line(line);
        if !is_widget_line(&normal) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widget_lines_real_pages_carry() {
        for line in [
            "4 PHOTOS",
            "BACK TO SLIDE",
            "Discover More Like This",
            "ID: 9724118",
            "More News About Demi Lovato",
            "> Leave a Comment x",
            "By Mike Reyes 20 hours ago",
            "By Kathy Wise Published in FrontBurner December 14, 2016 2:24 pm",
            "by Duncan Bell / January 19, 2017 /",
            "By",
            "Tags: feng.com, Apple Pencil",
            "Filed under celebrity breakups, celebrity exes, celebrity lawsuits, nick loeb",
            "Keywords wine, frühburgunder, Ahr, Ahr Valley, pinot noir, red wine, vineyard",
            "Follow @abrahamjoseph",
            "More video",
            "Next",
            "Buy Now",
            "Source link",
            "sexlikelovato_ / Instagram",
            "@TRAINWRECKSTAN / Twitter / Via Twitter: @TRAlNWRECKSTAN",
            "(Via CNN, Fox News and ABC New )",
            "Via: Fox News",
            "Full Screen",
            "Closed Caption Settings",
            "Blended From Around The Web",
            "About the Author",
            "2/5",
        ] {
            assert!(is_widget_line(line), "{line}");
        }
    }

    #[test]
    fn article_lines_that_start_alike_stay() {
        for line in [
            "By Monday, the council had agreed to the plan.",
            "By the end of the year, prices had doubled.",
            "Next year the company plans to open ten stores.",
            "More than 300 people attended the vigil on Friday.",
            "Photos taken by the drone show the damage, officials said.",
            "Via Rail said service would resume on Tuesday.",
            "The minister said it was “a day to remember” for the city and its people.",
            "Tags were found on 40 of the birds, the researchers wrote in the journal Nature last month.",
            "Keywords matter, the editor said.",
            "Via Rail said service would resume on Tuesday",
        ] {
            assert!(!is_widget_line(line), "{line}");
        }
    }
}
