//! End-to-end tests of `newsnlp report` and `newsnlp eval identity`: the
//! corpus view over articles annotated by the real pipeline.

mod common;

use std::io::Write;
use std::path::Path;

use assert_cmd::Command;
use common::{fixture, shared_data};

fn newsnlp() -> Command {
    Command::cargo_bin("newsnlp").expect("binary built")
}

/// Annotates the invented corpus (four articles, three outlets) and
/// writes its report; returns the report folder.
fn corpus_report(dir: &Path) -> std::path::PathBuf {
    let annotated = dir.join("corpus.jsonl");
    // Float32 on every CPU: bfloat16 (chosen by `auto` where the CPU has it)
    // gives one more speaker key on these articles. Every claim counted
    // (`--claims-counting all`): `The IMF welcomed the plan` is no claim a
    // newsroom counts, but it is where the first article spells the IMF out.
    newsnlp()
        .arg("run")
        .arg(fixture("corpus_articles.jsonl"))
        .args(["--precision", "f32", "--claims-counting", "all", "-o"])
        .arg(&annotated)
        .assert()
        .success();
    let out = dir.join("report");
    let output = newsnlp()
        .arg("report")
        .arg(&annotated)
        .arg("-o")
        .arg(&out)
        .args(["--review", "review.html"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(
            "report of 4 documents (0 unreadable), 19 claims, 7 speakers, 7 entities, 1 repeated statements, \
             2 lone surnames and acronyms settled across documents"
        ),
        "{stderr}"
    );
    out
}

fn lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn one_person_across_outlets_with_her_repeated_quote() {
    let dir = tempfile::tempdir().unwrap();
    let out = corpus_report(dir.path());
    let speakers = lines(&out.join("speakers.csv"));
    assert_eq!(
        speakers[..6],
        [
            "key,name,type,variants,roles,claims,articles,outlets,outlet_names,first_date,last_date",
            // `Mendes` after `Clara Mendes` is her, and so is `the finance minister` in the
            // article whose headline calls her `Minister`; the claim made "on Monday" is dated
            // the day before publication, the others by their articles.
            "PERSON:clara mendes,Clara Mendes,PERSON,Clara Mendes,Finance Minister | finance minister,6,3,3,\
             daily-courier.example | ledger.example | metro-wire.example,2025-03-03,2025-04-11",
            // `IMF` in another article joins the name the first article spelled out.
            "ORG:internationalmonetaryfund,IMF,ORG,IMF | International Monetary Fund,,3,2,2,\
             daily-courier.example | ledger.example,2025-03-04,2025-03-05",
            "PERSON:tom harlow,Tom Harlow,PERSON,Tom Harlow,Northwind Bank chief executive,3,2,2,\
             metro-wire.example | daily-courier.example,2025-03-04,2025-04-11",
            // Spelled `NorthWind` in one outlet and `Northwind` in another: one bank.
            "ORG:northwindbank,NorthWind Bank,ORG,NorthWind Bank | Northwind Bank,,2,2,2,\
             ledger.example | metro-wire.example,2025-03-05,2025-04-11",
            // Another Mendes, whose lone `Mendes` is him in his own article.
            "PERSON:paul mendes,Paul Mendes,PERSON,Paul Mendes,,2,1,1,daily-courier.example,2025-04-10,2025-04-10",
        ]
    );
    let entities = lines(&out.join("entities.csv"));
    assert!(entities.contains(
        &"PERSON:clara mendes,Clara Mendes,PERSON,Clara Mendes | Mendes,5,3".to_string()
    ));
    assert!(entities
        .contains(&"PERSON:paul mendes,Paul Mendes,PERSON,Paul Mendes | Mendes,3,1".to_string()));
    assert_eq!(
        lines(&out.join("statements.csv")),
        [
            "group_id,speaker_key,claims,articles,outlets,outlet_names,first_date,last_date,content",
            "g2,PERSON:clara mendes,3,3,3,daily-courier.example | ledger.example | metro-wire.example,2025-03-04,2025-04-11,\
             \"\"\"We will not raise taxes on working families this year,\"\"\"",
        ]
    );
    let grouped: Vec<String> = lines(&out.join("claims.csv"))
        .into_iter()
        .filter(|l| l.ends_with(",g2"))
        .collect();
    assert_eq!(grouped.len(), 3, "{grouped:?}");
    assert!(grouped[0].starts_with("courier-1,2,PERSON:clara mendes,Clara Mendes,,direct,told,"));
    assert!(grouped[1]
        .starts_with("ledger-1,2,PERSON:clara mendes,Clara Mendes,finance minister,direct,said,"));
    assert!(grouped[2]
        .starts_with("wire-1,3,PERSON:clara mendes,Clara Mendes,Finance Minister,direct,said:,"));
    let comentions = lines(&out.join("comentions.csv"));
    assert!(
        comentions.contains(&"PERSON:tom harlow,ORG:northwindbank,2,3".to_string()),
        "{comentions:?}"
    );
    for table in ["speakers", "entities", "claims", "comentions", "statements"] {
        let parquet = std::fs::read(out.join(format!("{table}.parquet"))).unwrap();
        assert!(
            parquet.starts_with(b"PAR1") && parquet.ends_with(b"PAR1"),
            "{table}.parquet"
        );
    }
    let page = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(page.contains("\"review\":\"review.html\""));
    assert!(
        !page.contains("<script src") && !page.contains("<link"),
        "the page loads nothing"
    );
}

#[test]
fn a_bad_record_is_named_and_the_rest_reported() {
    let dir = tempfile::tempdir().unwrap();
    let annotated = dir.path().join("seed.jsonl");
    newsnlp()
        .arg("run")
        .arg(fixture("seed_article.txt"))
        .args(["--published", "2025-11-08", "-o"])
        .arg(&annotated)
        .assert()
        .success();
    let mut input = b"not an annotated document\n".to_vec();
    input.extend(std::fs::read(&annotated).unwrap());
    let out = dir.path().join("report");
    let output = newsnlp()
        .args(["report", "-", "-o"])
        .arg(&out)
        .write_stdin(input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("record 1 of stdin is not an annotated document"),
        "{stderr}"
    );
    assert!(
        stderr.contains("report of 1 documents (1 unreadable), 14 claims"),
        "{stderr}"
    );
    let speakers = lines(&out.join("speakers.csv"));
    assert!(
        speakers
            .iter()
            .any(|l| l.starts_with("PERSON:khawaja asif,Khawaja Asif,PERSON,")),
        "{speakers:?}"
    );
}

#[test]
fn run_writes_the_report_of_its_output_with_report() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    let output = newsnlp()
        .arg("run")
        .arg(fixture("seed_article.txt"))
        .args(["--published", "2025-11-08", "-o"])
        .arg(dir.path().join("seed.jsonl"))
        .arg("--report")
        .arg(&out)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains("report of 1 documents (0 unreadable), 14 claims"),
        "{stderr}"
    );
    let claims = lines(&out.join("claims.csv"));
    assert_eq!(
        claims.len(),
        15,
        "a header and the seed article's 14 claims"
    );
    newsnlp()
        .args(["run", "-", "--report"])
        .arg(&out)
        .write_stdin("")
        .assert()
        .failure();
}

/// The hand-labelled identity pairs (crates/corpus/tests/identity_gold.tsv)
/// on the BBC articles they come from, annotated here by the pipeline.
#[test]
fn identity_on_the_hand_labelled_bbc_pairs() {
    let Some(bbc) = shared_data("news_raw/bbc-fulltext") else {
        return;
    };
    let gold = Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus/tests/identity_gold.tsv");
    let gold_text = std::fs::read_to_string(&gold).unwrap();
    let ids: std::collections::HashSet<&str> = gold_text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .flat_map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            [f[0], f[3]]
        })
        .collect();
    let all = std::fs::read_to_string(bbc.join("bbc-fulltext.jsonl")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let raw = dir.path().join("articles.jsonl");
    let mut file = std::fs::File::create(&raw).unwrap();
    for line in all.lines() {
        let id = serde_json::from_str::<serde_json::Value>(line).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_string();
        if ids.contains(id.as_str()) {
            writeln!(file, "{line}").unwrap();
        }
    }
    drop(file);
    let annotated = dir.path().join("annotated.jsonl");
    newsnlp()
        .arg("run")
        .arg(&raw)
        .arg("-o")
        .arg(&annotated)
        .assert()
        .success();
    let output = newsnlp()
        .args(["eval", "identity", "--gold"])
        .arg(&gold)
        .arg("--annotated")
        .arg(&annotated)
        .output()
        .unwrap();
    let table = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(output.status.success(), "{table}");
    assert!(
        table.starts_with("identity pairs: 449 scored (232 same, 217 different), 0 skipped"),
        "{table}"
    );
    let all_row = table
        .lines()
        .find(|l| l.starts_with("\"same\" all"))
        .unwrap();
    let figures: Vec<f64> = all_row
        .split_whitespace()
        .skip(2)
        .take(3)
        .map(|x| x.parse().unwrap())
        .collect();
    // Measured: precision 0.981, recall 0.892 (F1 0.934).
    assert!(figures[0] >= 0.97 && figures[1] >= 0.88, "{table}");
}
