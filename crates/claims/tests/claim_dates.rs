//! The date a claim was made, never a date inside its content, on invented
//! news-like sentences with tagged claims.

mod common;

use common::claims;

#[test]
fn a_date_inside_the_content_is_not_when_the_claim_was_made() {
    let text = "Marlow Sports hopes 2006 sales will benefit from a new kit. \
                Economists see next week's report as key. \
                Marlow Sports said on 14 March that profits had doubled. \
                The union was keen to point out earlier this week that talks had stalled. \
                Police revealed Tuesday the van was stolen. \
                \"Sales were strong,\" Ms Avery said Friday. \"We expect more.\"";
    let got: Vec<(String, Option<String>)> = claims(
        text,
        &[("Marlow Sports", "ORG")],
        &[
            ("2006", "2006"),
            ("next week", "2005-W12"),
            ("14 March", "2005-03-14"),
            ("earlier this week", "2005-W11"),
            ("Tuesday", "2005-W11-2"),
            ("Friday", "2005-W11-5"),
        ],
        &[
            (
                "Marlow Sports",
                "hopes",
                "2006 sales will benefit from a new kit",
            ),
            ("Economists", "see", "next week's report as key"),
            ("«Marlow Sports» said", "said", "that profits had doubled"),
            (
                "The union",
                "was keen to point out",
                "earlier this week that talks had stalled",
            ),
            ("Police", "revealed", "Tuesday the van was stolen"),
            (
                "Ms Avery",
                "«said» Friday",
                "\"Sales were strong,\" Ms Avery said Friday. \"We expect more.\"",
            ),
        ],
    )
    .into_iter()
    .map(|c| (c.cue.map(|c| c.text).unwrap_or_default(), c.date))
    .collect();
    assert_eq!(
        got,
        [
            ("hopes".to_string(), None),
            ("see".to_string(), None),
            ("said".to_string(), Some("2005-03-14".to_string())),
            (
                "was keen to point out".to_string(),
                Some("2005-W11".to_string())
            ),
            ("revealed".to_string(), Some("2005-W11-2".to_string())),
            ("said".to_string(), Some("2005-W11-5".to_string())),
        ]
    );
}
