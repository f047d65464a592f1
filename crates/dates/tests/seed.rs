//! The seed article (published 2025-11-08): exact expressions, values and anchors.

use newsnlp_dates::{tag_dates, DateContext};

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/seed_article.txt"
    ))
    .expect("fixture present")
}

#[test]
fn seed_article_dates() {
    let text = seed();
    let ctx = DateContext {
        published: Some("2025-11-08"),
        ..Default::default()
    };
    let got = tag_dates(&text, &ctx);
    let chars: Vec<char> = text.chars().collect();
    for t in &got {
        // spans are character offsets that slice back to the text
        assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
    }
    let rows: Vec<(&str, &str, &str, Option<&str>, &str)> = got
        .iter()
        .map(|t| {
            (
                t.text.as_str(),
                t.kind.as_str(),
                t.value.as_str(),
                t.anchor.as_deref(),
                t.anchor_source.as_str(),
            )
        })
        .collect();
    let p = Some("2025-11-08");
    assert_eq!(
        rows,
        vec![
            (
                "the night of October 11",
                "TIME",
                "2025-10-11TNI",
                p,
                "published"
            ),
            (
                "the following morning",
                "TIME",
                "2025-10-12TMO",
                Some("2025-10-11"),
                "text"
            ),
            ("October 15", "DATE", "2025-10-15", p, "published"),
            ("October 25", "DATE", "2025-10-25", p, "published"),
            ("October 29", "DATE", "2025-10-29", p, "published"),
            ("October 31", "DATE", "2025-10-31", p, "published"),
            ("November 6", "DATE", "2025-11-06", p, "published"),
            ("November 7", "DATE", "2025-11-07", p, "published"),
        ]
    );
    let at = |s: &str| text[..text.find(s).unwrap()].chars().count();
    assert_eq!(got[0].start, at("the night of October 11"));
    assert_eq!(
        got[0].end,
        got[0].start + "the night of October 11".chars().count()
    );
    assert_eq!(got[1].start, at("the following morning"));
    assert_eq!(got[6].start, at("November 6"));
    assert_eq!(
        (got[0].rule.as_str(), got[0].grain.as_str()),
        ("part_of_day", "part_of_day")
    );
    assert_eq!(
        (got[2].rule.as_str(), got[2].grain.as_str()),
        ("month_day", "day")
    );
}

#[test]
fn seed_article_without_publication_date_has_no_years() {
    let text = seed();
    let got = tag_dates(&text, &DateContext::default());
    let values: Vec<&str> = got.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(
        values,
        vec![
            "XXXX-10-11TNI",
            "XXXX-XX-XXTMO",
            "XXXX-10-15",
            "XXXX-10-25",
            "XXXX-10-29",
            "XXXX-10-31",
            "XXXX-11-06",
            "XXXX-11-07"
        ]
    );
    assert!(got
        .iter()
        .all(|t| t.anchor.is_none() && t.anchor_source == "none"));
}
