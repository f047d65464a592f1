//! Unit tests per rule family (publication date 2025-11-08, a Saturday).
#![allow(clippy::single_range_in_vec_init)] // one-hint slices

use super::*;

const PUB: &str = "2025-11-08";

fn tag(text: &str) -> Vec<Timex> {
    tag_dates(
        text,
        &DateContext {
            published: Some(PUB),
            ..Default::default()
        },
    )
}

/// (text, type, value) of every expression.
fn tvv(text: &str) -> Vec<(String, String, String)> {
    tag(text)
        .into_iter()
        .map(|t| (t.text, t.kind, t.value))
        .collect()
}

fn one(text: &str) -> Timex {
    let v = tag(text);
    assert_eq!(v.len(), 1, "{text}: {v:#?}");
    v.into_iter().next().unwrap()
}

fn val(text: &str) -> String {
    one(text).value
}

#[test]
fn weekdays_follow_tense() {
    // 2025-11-08 is a Saturday
    assert_eq!(val("The talks ended on Monday."), "2025-11-03");
    assert_eq!(val("The talks will resume on Monday."), "2025-11-10");
    assert_eq!(val("He said last Friday that"), "2025-11-07");
    assert_eq!(val("They meet next Tuesday"), "2025-11-11");
    let t = one("Officials met Friday morning");
    assert_eq!(
        (t.kind.as_str(), t.value.as_str(), t.rule.as_str()),
        ("TIME", "2025-11-07TMO", "weekday")
    );
}

#[test]
fn month_day_month_year_year() {
    let t = one("A ceasefire was reached on October 15.");
    assert_eq!(
        (
            t.value.as_str(),
            t.anchor.as_deref(),
            t.anchor_source.as_str()
        ),
        ("2025-10-15", Some(PUB), "published")
    );
    let t = one("It happened on Oct. 11, 2024.");
    assert_eq!(
        (
            t.text.as_str(),
            t.value.as_str(),
            t.anchor.as_deref(),
            t.anchor_source.as_str()
        ),
        ("Oct. 11, 2024", "2024-10-11", None, "none")
    );
    assert_eq!(val("It opened on 11 October 2023."), "2023-10-11");
    assert_eq!(val("Prices fell in December."), "2024-12"); // not after publication
    assert_eq!(val("The vote will be held in December."), "2025-12");
    assert_eq!(val("It was founded in March 1998."), "1998-03");
    assert_eq!(val("It was founded in 1998."), "1998");
    let t = one("Sales peaked in late November 2019.");
    assert_eq!(
        (t.value.as_str(), t.modifier.as_deref()),
        ("2019-11", Some("END"))
    );
    // a count, a price and a verb are not dates
    assert!(tag("About 2000 soldiers and $1999 bonuses. You may go.").is_empty());
    assert!(tag("the martyrdom of 23 Pakistani soldiers").is_empty());
}

#[test]
fn decades_seasons_quarters_weeks() {
    let t = one("Growth slowed in the 1990s.");
    assert_eq!(
        (t.text.as_str(), t.value.as_str(), t.grain.as_str()),
        ("the 1990s", "199", "decade")
    );
    assert_eq!(val("Sales fell last summer."), "2025-SU");
    assert_eq!(val("Sales fell in the winter of 2019."), "2019-WI");
    let t = one("Profit rose in the third quarter.");
    assert_eq!(
        (t.value.as_str(), t.grain.as_str(), t.rule.as_str()),
        ("2025-Q3", "quarter", "quarter")
    );
    assert_eq!(val("Profit rose in the fourth quarter of 2023."), "2023-Q4");
    assert_eq!(val("Profit rose in the latest quarter."), "2025-Q3");
    assert_eq!(
        tvv("It rose in the third quarter, up from a year earlier."),
        vec![
            ("the third quarter".into(), "DATE".into(), "2025-Q3".into()),
            ("a year earlier".into(), "DATE".into(), "2024-Q3".into()),
        ]
    );
    let t = one("Talks stalled last week.");
    assert_eq!((t.value.as_str(), t.grain.as_str()), ("2025-W44", "week"));
    assert_eq!(val("Talks resume next week."), "2025-W46");
    assert_eq!(val("Talks were held last month."), "2025-10");
    assert_eq!(val("Profits fell last year."), "2024");
    assert_eq!(val("Profits fell earlier this month."), "2025-11");
    assert_eq!(val("It will open early next year."), "2026");
}

#[test]
fn deictic_days_and_references() {
    assert_eq!(val("The minister resigned yesterday."), "2025-11-07");
    assert_eq!(val("The minister resigns today."), "2025-11-08");
    assert_eq!(val("The minister resigns tomorrow."), "2025-11-09");
    let t = one("Talks broke down last night.");
    assert_eq!(
        (t.kind.as_str(), t.value.as_str()),
        ("TIME", "2025-11-07TNI")
    );
    let t = one("The border is now closed.");
    assert_eq!(
        (t.kind.as_str(), t.value.as_str(), t.grain.as_str()),
        ("DATE", "PRESENT_REF", "reference")
    );
    assert_eq!(val("The border was recently closed."), "PAST_REF");
    assert_eq!(val("It may reopen in the future."), "FUTURE_REF");
    // "later" alone is not a TIMEX3 in TimeBank
    assert!(tag("Both sides later agreed to talk.").is_empty());
}

#[test]
fn durations_and_sets() {
    let t = one("Violence has grown over the past three years.");
    assert_eq!(
        (t.text.as_str(), t.kind.as_str(), t.value.as_str()),
        ("the past three years", "DURATION", "P3Y")
    );
    assert_eq!(val("The flight took 16 hours."), "PT16H");
    assert_eq!(val("a five-year low"), "P5Y");
    assert_eq!(val("The strike lasted several weeks."), "PXW");
    let t = one("They pray every Monday.");
    assert_eq!((t.kind.as_str(), t.value.as_str()), ("SET", "XXXX-WXX-1"));
    assert_eq!(val("The paper is published daily."), "P1D");
    assert!(tag("a 52-year-old man").is_empty()); // an age
}

#[test]
fn times_with_zones() {
    let t = one("The vote opens at 10:30 am EST.");
    assert_eq!(
        (t.text.as_str(), t.kind.as_str(), t.value.as_str()),
        ("10:30 am EST", "TIME", "2025-11-08T10:30-05:00")
    );
    assert_eq!(val("The blast hit at 16:15 UTC."), "2025-11-08T16:15Z");
    assert_eq!(val("Polls closed at 9 p.m. yesterday."), "2025-11-07T21:00");
    assert_eq!(
        val("Updated 2025-10-11T08:05+0500"),
        "2025-10-11T08:05+05:00"
    );
}

#[test]
fn numeric_dates_policy() {
    assert_eq!(val("Filed on 2025-10-11."), "2025-10-11");
    // both parts <= 12: US month/day
    assert_eq!(val("Filed on 11/10/2025."), "2025-11-10");
    // first part > 12: day/month
    assert_eq!(val("Filed on 25/10/2025."), "2025-10-25");
    // second part > 12: month/day
    assert_eq!(val("Filed on 10/25/2025."), "2025-10-25");
    // dots: day.month
    assert_eq!(val("Filed on 11.10.2025."), "2025-10-11");
    assert!(tag("Version 1.2.3 and a 3/4 share").is_empty());
}

#[test]
fn ranges_give_both_ends() {
    assert_eq!(
        tvv("Fighting lasted from March to May."),
        vec![
            ("March".into(), "DATE".into(), "2025-03".into()),
            ("May".into(), "DATE".into(), "2025-05".into()),
        ]
    );
    assert_eq!(
        tvv("Growth slowed between 2019 and 2021."),
        vec![
            ("2019".into(), "DATE".into(), "2019".into()),
            ("2021".into(), "DATE".into(), "2021".into()),
        ]
    );
    assert_eq!(
        tvv("The fair runs October 3-5, 2024."),
        vec![
            ("October 3".into(), "DATE".into(), "2024-10-03".into()),
            ("5, 2024".into(), "DATE".into(), "2024-10-05".into()),
        ]
    );
    let v = tag("Fighting lasted from November to February.");
    assert_eq!(
        (v[0].value.as_str(), v[1].value.as_str()),
        ("2024-11", "2025-02")
    );
    assert!(v.iter().all(|t| t.rule == "range"));
}

#[test]
fn narrative_anchoring() {
    let v = tag("The fighting began on October 11. Two days later, a truce was signed. That week, talks began.");
    let rows: Vec<_> = v
        .iter()
        .map(|t| {
            (
                t.text.as_str(),
                t.value.as_str(),
                t.anchor.as_deref(),
                t.anchor_source.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("October 11", "2025-10-11", Some(PUB), "published"),
            ("Two days later", "2025-10-13", Some("2025-10-11"), "text"),
            ("That week", "2025-W42", Some("2025-10-13"), "text"),
        ]
    );
    // without an earlier date, narrative expressions fall back to publication
    let t = one("The next day, talks resumed.");
    assert_eq!(
        (t.value.as_str(), t.anchor_source.as_str()),
        ("2025-11-09", "published")
    );
}

#[test]
fn absent_or_bad_publication_date_degrades_to_x() {
    for published in [
        None,
        Some("not a date"),
        Some("2025-13-45"),
        Some("0001-01-01"),
    ] {
        let ctx = DateContext {
            published,
            ..Default::default()
        };
        let v = tag_dates(
            "It began on October 11 and ended last week, on Friday, three years after 2019.",
            &ctx,
        );
        let values: Vec<&str> = v.iter().map(|t| t.value.as_str()).collect();
        assert_eq!(
            values,
            vec!["XXXX-10-11", "XXXX-WXX", "XXXX-WXX-5", "P3Y", "2019"],
            "{published:?}"
        );
        assert!(v.iter().all(|t| t.anchor.is_none()));
    }
    let ctx = DateContext {
        published: Some("2025-11-08T09:30:00Z"),
        ..Default::default()
    };
    assert_eq!(tag_dates("on October 11", &ctx)[0].value, "2025-10-11");
}

#[test]
fn hints_relax_guards_only() {
    let text = "The plan covers 2000 projects.";
    assert!(tag(text).is_empty());
    let start = text.find("2000").unwrap();
    let hints = [start..start + 4];
    let ctx = DateContext {
        published: Some(PUB),
        hints: &hints,
        ..Default::default()
    };
    assert_eq!(tag_dates(text, &ctx)[0].value, "2000");
    // a hint with nothing to normalise is skipped
    let text = "It happened in the olden days.";
    let hints = [15..29];
    let ctx = DateContext {
        published: Some(PUB),
        hints: &hints,
        ..Default::default()
    };
    assert!(tag_dates(text, &ctx).is_empty());
}

#[test]
fn char_offsets_and_determinism() {
    let text = "Türkiye’s talks — on October 25 — failed; Türkiye met again yesterday.";
    let v = tag(text);
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(v.len(), 2);
    for t in &v {
        assert_eq!(chars[t.start..t.end].iter().collect::<String>(), t.text);
    }
    assert_eq!(v, tag(text));
    let json = serde_json::to_value(&v[0]).unwrap();
    assert_eq!(json["type"], "DATE");
    assert_eq!(json["anchor_source"], "published");
}

#[test]
fn sentence_tense_cues() {
    assert_eq!(sentence_tense("Talks will resume."), Tense::Future);
    assert_eq!(
        sentence_tense("A meeting is scheduled for Friday."),
        Tense::Future
    );
    assert_eq!(
        sentence_tense(
            "A statement said decisions would be taken at a meeting scheduled for Friday."
        ),
        Tense::Past
    );
    assert_eq!(sentence_tense("Talks in Doha"), Tense::Unknown);
    assert_eq!(
        simple_sentences("Mr. Smith left. He met Dr. Jones on Jan. 5. Done"),
        vec![0..15, 15..43, 43..48]
    );
}

#[test]
fn local_tense_cues() {
    // "by" marks a deadline only right before the date, not an agent
    assert_eq!(
        val("Inspectors follow rules laid down by the October 23 accord."),
        "2025-10-23"
    );
    // "succeed" and "preferred" are no past verbs
    assert_eq!(
        val("Mr. Smith will succeed Jane Doe on February 1."),
        "2026-02-01"
    );
    assert_eq!(
        val("The company said it will redeem its preferred shares on October 31."),
        "2026-10-31"
    );
    // financial and deferral cues point forward
    assert_eq!(
        val("The board declared a dividend payable November 20."),
        "2025-11-20"
    );
    assert_eq!(val("The offer was extended to November 20."), "2025-11-20");
    assert_eq!(
        val("INS extended its deadline until Tuesday."),
        "2025-11-11"
    );
    assert_eq!(
        val("The group could arrive as soon as Wednesday."),
        "2025-11-12"
    );
    // a plan reported in the past: the nearer occurrence
    assert_eq!(
        val("The offer had been scheduled to expire Friday."),
        "2025-11-07"
    );
    // a capitalised "-ed" word is a name, an "-ed" word after a determiner an adjective
    assert_eq!(
        val("She is flying to the United States Tuesday."),
        "2025-11-11"
    );
    assert_eq!(
        val("The split would be paid on a still unspecified date in January."),
        "2026-01"
    );
    // a clock time with a weekday and no tense: the nearer day
    assert_eq!(val("The deadline is 9 a.m. Tuesday."), "2025-11-11T09:00");
}

#[test]
fn same_date_keeps_its_year() {
    assert_eq!(
        tvv("The boy must go home by January 14. Meissner gave no reason for the January 14 deadline."),
        vec![
            ("January 14".into(), "DATE".into(), "2026-01-14".into()),
            ("January 14".into(), "DATE".into(), "2026-01-14".into()),
        ]
    );
}

#[test]
fn month_day_with_weekday_relation_or_week() {
    // 2026-04-25 is the only Saturday, April 25 around publication
    assert_eq!(
        val("The editorial ran on Saturday, April 25."),
        "2026-04-25"
    );
    let t = one("He was shot last Nov. 20 at his home.");
    assert_eq!(
        (t.text.as_str(), t.value.as_str()),
        ("last Nov. 20", "2024-11-20")
    );
    let t = one("A hearing will be held the week of March 6.");
    assert_eq!(
        (t.text.as_str(), t.value.as_str()),
        ("the week of March 6", "2026-W10")
    );
}

#[test]
fn quarters_halves_with_years() {
    assert_eq!(val("Profit rose from the 1988 third quarter."), "1988-Q3");
    assert_eq!(val("Profit rose from the 1988 second quarter."), "1988-Q2");
    assert_eq!(
        tvv("Net rose in the third quarter, up from the 1988 quarter."),
        vec![
            ("the third quarter".into(), "DATE".into(), "2025-Q3".into()),
            ("the 1988 quarter".into(), "DATE".into(), "1988-Q3".into()),
        ]
    );
    assert_eq!(
        tvv("Net rose in the third quarter from last year's quarter and the corresponding period last year, and from the quarter a year ago."),
        vec![
            ("the third quarter".into(), "DATE".into(), "2025-Q3".into()),
            ("last year's quarter".into(), "DATE".into(), "2024-Q3".into()),
            ("the corresponding period last year".into(), "DATE".into(), "2024-Q3".into()),
            ("the quarter a year ago".into(), "DATE".into(), "2024-Q3".into()),
        ]
    );
    assert_eq!(val("Sales grew in the last half of 1989."), "1989-H2");
    assert!(tag("He spoke for the last half hour.")
        .iter()
        .all(|t| t.grain != "half"));
}

#[test]
fn the_year_and_longer_periods() {
    assert_eq!(
        tvv("Net fell for the year ended Aug. 31, 2025, a low for the year."),
        vec![
            ("the year".into(), "DURATION".into(), "P1Y".into()),
            ("Aug. 31, 2025".into(), "DATE".into(), "2025-08-31".into()),
            ("the year".into(), "DATE".into(), "2025".into()),
        ]
    );
    // after "the nine months", "a year earlier" is the year, not the quarter
    assert_eq!(
        tvv("Net rose in the third quarter. For the nine months, net rose from a year earlier."),
        vec![
            ("the third quarter".into(), "DATE".into(), "2025-Q3".into()),
            ("the nine months".into(), "DURATION".into(), "P9M".into()),
            ("a year earlier".into(), "DATE".into(), "2024".into()),
        ]
    );
}

#[test]
fn fractions_and_spelled_years() {
    assert_eq!(val("It took a minute and a half."), "PT1M30S");
    assert_eq!(val("He served 2 1/2 years."), "P2Y6M");
    assert_eq!(val("It lasted 1.5 days."), "P1DT12H");
    assert_eq!(val("It happened in nineteen ninety-six."), "1996");
    assert_eq!(
        val("January nineteen ninety-seven. Atlanta again."),
        "1997-01"
    );
    assert_eq!(val("It was the winter of nineteen ninety-four."), "1994-WI");
    assert_eq!(val("By the year two thousand, it changed."), "2000");
    assert!(tag("About two thousand people came.").is_empty());
    assert_eq!(val("He left a week or so ago."), "2025-W44");
}

#[test]
fn previous_weekday_is_anaphoric() {
    assert_eq!(
        tvv("Markets fell on October 20, down from the previous Friday."),
        vec![
            ("October 20".into(), "DATE".into(), "2025-10-20".into()),
            ("previous Friday".into(), "DATE".into(), "2025-10-17".into()),
        ]
    );
}

#[test]
fn set_to_and_should_point_forward() {
    // a past "-ed" verb elsewhere in the sentence does not override the plan
    assert_eq!(
        val("The trial is set to begin on Wednesday in a court located in London."),
        "2025-11-12"
    );
    assert_eq!(
        val("The company said the deal should be completed in December."),
        "2025-12"
    );
}

#[test]
fn month_of_relative_year() {
    let v = tvv("Franchises won't be renewed after October of next year.");
    assert_eq!(v[0], ("October".into(), "DATE".into(), "2026-10".into()));
    let v = tvv("Sales fell in March of last year.");
    assert_eq!(v[0], ("March".into(), "DATE".into(), "2024-03".into()));
}

#[test]
fn clock_time_takes_following_date() {
    let v = tvv("In a press conference at 16:15 UTC, June 1st, he spoke.");
    assert_eq!(
        v[0],
        (
            "16:15 UTC".into(),
            "TIME".into(),
            "2025-06-01T16:15Z".into()
        )
    );
    let v = tvv("The vote opened at 10 a.m. on Nov. 3, 2024.");
    assert_eq!(v[0].2, "2024-11-03T10:00");
}
