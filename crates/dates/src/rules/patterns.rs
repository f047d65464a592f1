//! Pattern pieces shared by the rule regexes: month, weekday, year, number, unit, zone and modifier
//! alternations.

const MONTHS_FULL: &str =
    "january|february|march|april|may|june|july|august|september|october|november|december";

const MONTHS_ABBR: &str = "jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";

pub(super) const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";

pub(super) const YEAR: &str = r"(?:1[5-9]\d\d|20\d\d)";

pub(super) const NUM: &str = r"(?:\d+(?:\.\d+)?(?:\s+1/2)?|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[\s-](?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a few|a couple of|a couple|couple of|a dozen|a half|several|few|many|some|an|a)";

/// A year in words: "nineteen ninety-six", "nineteen oh-five", "two thousand (and) one".
pub(super) const SPELLED: &str = r"(?:(?:eighteen|nineteen)[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred|oh[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?)";

pub(super) const UNIT: &str = r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|quarters?|years?|decades?|centur(?:y|ies))";

pub(super) const POD: &str = "morning|afternoon|evening|night";

pub(super) const ZONES: &str = "UTC|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|BST|CET|CEST|EET|EEST|IST|PKT|JST|AEST|AEDT|MSK|SGT|HKT|Z";

pub(super) const PREFIX_MOD: &str = r"early|late|mid-|mid|the end of|the beginning of|the start of|the middle of|end of|end-|beginning of|start of";

pub(super) fn mon(name: &str) -> String {
    format!(r"\b(?P<{name}>(?:{MONTHS_FULL})\b|(?:{MONTHS_ABBR})\b\.?)")
}

pub(super) fn day(name: &str) -> String {
    format!(r"(?P<{name}>[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b")
}
