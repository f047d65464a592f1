//! End-to-end tests of the `newsnlp` binary on real articles.

mod common;

use assert_cmd::Command;
use common::{assert_staged_chain_equals_run, fixture, shared_data};
use serde_json::Value;
use std::path::Path;

fn newsnlp() -> Command {
    Command::cargo_bin("newsnlp").expect("binary built")
}

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    std::str::from_utf8(stdout)
        .expect("utf-8 output")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect()
}

/// Character-offset slice, as a Python or JavaScript consumer would take it.
fn char_slice(text: &str, span: &Value) -> String {
    let start = span["start"].as_u64().unwrap() as usize;
    let end = span["end"].as_u64().unwrap() as usize;
    text.chars().skip(start).take(end - start).collect()
}

fn run_seed(extra: &[&str]) -> Value {
    let output = newsnlp()
        .arg("run")
        .arg(fixture("seed_article.txt"))
        .args(["--published", "2025-11-08"])
        .args(extra)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut docs = json_lines(&output.stdout);
    assert_eq!(docs.len(), 1);
    docs.remove(0)
}

#[test]
fn seed_article_is_headline_plus_eleven_sentences() {
    let doc = run_seed(&["--stages", "sentences"]);
    let text = doc["text"].as_str().unwrap();
    assert_eq!(
        doc["title"],
        "Pakistan Welcomes Iran’s Mediation Offer as Border Talks With Afghanistan Stall: FO"
    );
    assert_eq!(doc["published"], "2025-11-08");
    assert!(!text.contains("Scroll to Top"));
    let sentences: Vec<String> = doc["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| char_slice(text, s))
        .collect();
    let expected_starts_and_ends = [
        ("Pakistan Welcomes Iran’s", "Afghanistan Stall: FO"),
        ("Pakistan welcomed Iran’s offer", "play a meaningful role."),
        ("Andrabi, responding to a query", "readiness to assist."),
        ("He emphasised that", "with weaker cases."),
        ("Border clashes between", "the following morning."),
        ("According to the Inter-Services", "killed in the response."),
        ("Kabul claimed the attack", "Pakistan on its soil."),
        ("A ceasefire was reached", "in border tensions."),
        ("Both sides later agreed", "for lasting peace."),
        (
            "The second round of negotiations",
            "citizens from terrorism.",
        ),
        ("Mediators Türkiye and Qatar", "November 6 in Istanbul."),
        (
            "However, Defence Minister Khawaja Asif",
            "between the two sides.",
        ),
    ];
    assert_eq!(
        sentences.len(),
        expected_starts_and_ends.len(),
        "{sentences:#?}"
    );
    for (sentence, (start, end)) in sentences.iter().zip(expected_starts_and_ends) {
        assert!(
            sentence.starts_with(start) && sentence.ends_with(end),
            "{sentence:?}"
        );
    }
}

#[test]
fn seed_output_matches_snapshot_and_schema() {
    let doc = run_seed(&["--stages", "ingest,sentences"]);
    let schema: Value =
        serde_json::from_str(include_str!("../schema/annotated-document.schema.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let problems: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(problems.is_empty(), "{problems:?}");
    let mut doc = doc;
    doc["id"] = Value::String("<fixture path>".into());
    doc["source"] = Value::String("<fixture path>".into());
    insta::assert_json_snapshot!("seed_article_sentences", doc);
}

#[test]
fn stage_by_stage_equals_one_run() {
    assert_staged_chain_equals_run(&[]);
}

#[test]
fn pretty_output_reads_back() {
    let pretty = newsnlp()
        .args(["stage", "ingest", "--pretty"])
        .arg(fixture("seed_article.txt"))
        .output()
        .unwrap();
    assert!(std::str::from_utf8(&pretty.stdout)
        .unwrap()
        .starts_with("{\n  \"schema_version\": \"1.0\",\n"));
    let split = newsnlp()
        .args(["stage", "sentences"])
        .write_stdin(pretty.stdout)
        .output()
        .unwrap();
    assert!(split.status.success());
    assert_eq!(
        json_lines(&split.stdout)[0]["sentences"]
            .as_array()
            .unwrap()
            .len(),
        12
    );
}

#[test]
fn bad_records_become_error_records_and_the_batch_goes_on() {
    let input = concat!(
        "{\"id\":\"good-1\",\"title\":\"First\",\"text\":\"Mr. Smith went to Washington. He said so.\"}\n",
        "{\"id\": \"broken\", \"text\": \n",
        "{\"id\":\"good-2\",\"text\":\"Nothing to see here.\",\"published\":\"2025-01-02\"}\n",
    );
    let output = newsnlp()
        .args(["run", "-", "--stages", "sentences"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(3),
        "documents with errors give exit status 3"
    );
    let docs = json_lines(&output.stdout);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["good-1", "stdin:2", "good-2"]);
    assert_eq!(docs[0]["errors"], serde_json::json!([]));
    assert_eq!(docs[0]["sentences"].as_array().unwrap().len(), 3);
    assert_eq!(docs[1]["errors"][0]["stage"], "ingest");
    assert_eq!(docs[2]["published"], "2025-01-02");
    assert!(String::from_utf8_lossy(&output.stderr).contains("3 documents (1 with errors)"));
}

#[test]
fn a_stage_without_its_input_layer_names_the_missing_stage() {
    let input = "{\"id\":\"x\",\"text\":\"\",\"errors\":[]}\n";
    // `sentences` needs only text, which every document has; the check that
    // matters is a pipeline ordered wrongly, and an unknown stage.
    let unknown = newsnlp()
        .args(["run", "-", "--stages", "sentences,bogus"])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr)
        .contains("unknown stage 'bogus' (known: ingest, sentences"));
}

#[test]
fn a_stage_ordered_before_its_input_is_refused_up_front() {
    let output = newsnlp()
        .arg("run")
        .arg(fixture("seed_article.txt"))
        .args(["--stages", "ner,sentences"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(
            "stage 'ner' needs the 'sentences' layer: add stage 'sentences' before it in --stages"
        ),
        "{stderr}"
    );
}

#[test]
fn running_one_stage_without_its_input_layer_names_the_stage_to_run_first() {
    let ingested = newsnlp()
        .args(["stage", "ingest"])
        .arg(fixture("seed_article.txt"))
        .output()
        .unwrap();
    let output = newsnlp()
        .args(["stage", "dates"])
        .write_stdin(ingested.stdout)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let doc = &json_lines(&output.stdout)[0];
    assert_eq!(doc["errors"][0]["stage"], "dates");
    assert_eq!(
        doc["errors"][0]["message"],
        "stage 'dates' needs the 'sentences' layer, produced by stage 'sentences': run 'sentences' first"
    );
    assert!(doc.get("dates").is_none());
}

#[test]
fn stages_lists_needs_and_products() {
    let output = newsnlp().arg("stages").output().unwrap();
    let listing = String::from_utf8(output.stdout).unwrap();
    assert!(listing.contains("ingest     needs: raw input"));
    assert!(listing.contains("sentences  needs: text"));
    assert!(listing.contains("ner        needs: sentences"));
    assert!(listing.contains("claims     needs: sentences"));
}

#[test]
fn the_launcher_answers_stages_and_schema_as_the_engine_does_without_libtorch() {
    let engine = || Command::cargo_bin("newsnlp-engine").expect("engine built");
    for command in ["stages", "schema"] {
        let launcher = newsnlp().arg(command).output().unwrap();
        let direct = engine().arg(command).output().unwrap();
        assert!(launcher.status.success() && direct.status.success());
        assert_eq!(launcher.stdout, direct.stdout, "{command}");
    }
    // The launcher itself links no libtorch; the engine does.
    let needs = |path: &std::path::Path| {
        let bytes = std::fs::read(path).unwrap();
        bytes
            .windows(b"libtorch_cpu.so".len())
            .any(|w| w == b"libtorch_cpu.so")
    };
    let launcher_path = assert_cmd::cargo::cargo_bin("newsnlp");
    assert!(!needs(&launcher_path), "{}", launcher_path.display());
    assert!(needs(&assert_cmd::cargo::cargo_bin("newsnlp-engine")));
}

#[test]
fn the_launcher_hands_other_commands_to_the_engine_with_their_exit_status() {
    // A record without text: a per-document error, exit status 3, from the engine.
    let output = newsnlp()
        .args(["run", "-"])
        .write_stdin("{\"id\": \"a1\", \"title\": \"No text\"}\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(3));
    let docs = json_lines(&output.stdout);
    assert_eq!(docs[0]["id"], "a1");
}

#[test]
fn invalid_published_flag_is_refused() {
    let output = newsnlp()
        .arg("run")
        .arg(fixture("seed_article.txt"))
        .args(["--published", "yesterday"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr)
        .contains("--published must be a date as YYYY-MM-DD"));
}

#[test]
fn seed_article_dates_resolve_against_the_publication_date() {
    let doc = run_seed(&["--stages", "sentences,dates"]);
    let text = doc["text"].as_str().unwrap();
    let found: Vec<(String, &str, &str, &str)> = doc["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                char_slice(text, d),
                d["type"].as_str().unwrap(),
                d["value"].as_str().unwrap(),
                d["anchor_source"].as_str().unwrap(),
            )
        })
        .collect();
    let expected = [
        (
            "the night of October 11",
            "TIME",
            "2025-10-11TNI",
            "published",
        ),
        ("the following morning", "TIME", "2025-10-12TMO", "text"),
        ("October 15", "DATE", "2025-10-15", "published"),
        ("October 25", "DATE", "2025-10-25", "published"),
        ("October 29", "DATE", "2025-10-29", "published"),
        ("October 31", "DATE", "2025-10-31", "published"),
        ("November 6", "DATE", "2025-11-06", "published"),
        ("November 7", "DATE", "2025-11-07", "published"),
    ];
    let found: Vec<(&str, &str, &str, &str)> = found
        .iter()
        .map(|(t, k, v, a)| (t.as_str(), *k, *v, *a))
        .collect();
    assert_eq!(found, expected);
    assert_eq!(
        doc["dates"][1]["anchor"], "2025-10-11",
        "narrative anchoring on the date just before"
    );
}

/// Speaker, cue, kind, first four words of the content, and date of every claim.
fn claim_rows(doc: &Value) -> Vec<(String, String, String, String, Value)> {
    doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["speaker"].as_str().unwrap_or("").to_string(),
                c["cue"]["text"].as_str().unwrap_or("").to_string(),
                c["kind"].as_str().unwrap().to_string(),
                c["content"]["text"]
                    .as_str()
                    .unwrap()
                    .split_whitespace()
                    .take(4)
                    .collect::<Vec<_>>()
                    .join(" "),
                c["date"].clone(),
            )
        })
        .collect()
}

/// The headline attribution and the 11 claims a careful reader finds in the seed article.
fn seed_claims() -> Vec<(String, String, String, String, Value)> {
    let expected = [
        (
            "Foreign Office",
            ":",
            "headline",
            "Pakistan Welcomes Iran’s Mediation",
            Value::Null,
        ),
        (
            "Tahir Hussain Andrabi",
            "saying",
            "indirect",
            "the country will not",
            Value::Null,
        ),
        (
            "Tahir Hussain Andrabi",
            "said",
            "indirect",
            "Islamabad has always supported",
            Value::Null,
        ),
        (
            "Tahir Hussain Andrabi",
            "emphasised",
            "mixed",
            "that Pakistan’s legal and",
            Value::Null,
        ),
        (
            "Tahir Hussain Andrabi",
            "noting",
            "indirect",
            "that mediation is typically",
            Value::Null,
        ),
        (
            "Inter-Services Public Relations",
            "According to",
            "according_to",
            "Kabul’s aggression resulted in",
            Value::Null,
        ),
        (
            "Kabul",
            "claimed",
            "indirect",
            "the attack was retaliatory",
            Value::Null,
        ),
        (
            "Kabul",
            "alleged",
            "indirect",
            "airspace violations by Pakistan",
            Value::Null,
        ),
        (
            "Islamabad",
            "maintained",
            "indirect",
            "that Afghanistan must end",
            Value::Null,
        ),
        (
            "Attaullah Tarar",
            "stated",
            "indirect",
            "the discussions had failed",
            "2025-10-29".into(),
        ),
        (
            "joint statement",
            "announced",
            "indirect",
            "that further decisions would",
            "2025-10-31".into(),
        ),
        (
            "Khawaja Asif",
            "said",
            "indirect",
            "that talks on cross-border",
            "2025-11-07".into(),
        ),
    ];
    expected
        .into_iter()
        .map(|(s, c, k, t, d)| (s.into(), c.into(), k.into(), t.into(), d))
        .collect()
}

#[test]
fn seed_article_claims_by_rules_alone() {
    let doc = run_seed(&["--stages", "sentences,dates,claims", "--claims-rules"]);
    assert_eq!(claim_rows(&doc), seed_claims());
    let classes: Vec<&str> = doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["cue_class"].as_str().unwrap())
        .collect();
    assert_eq!(classes, ["speech"; 12]);
    assert_eq!(doc["claims"][11]["speaker_role"], "Defence Minister");
    assert_eq!(
        doc["claims"][1]["speaker_role"],
        "Foreign Office spokesperson"
    );
}

#[test]
fn seed_article_claims_with_the_attribution_model() {
    let doc = run_seed(&[]);
    let rows = claim_rows(&doc);
    // The model, trained on PolNeAR, also reports an agreement and a participle clause that
    // PolNeAR counts as attributions; everything else is the careful reader's list.
    let extra = |speaker: &str, cue: &str, content: &str| {
        (
            speaker.to_string(),
            cue.to_string(),
            "indirect".to_string(),
            content.to_string(),
            Value::Null,
        )
    };
    let mut expected = seed_claims();
    expected.insert(
        9,
        extra("Both sides", "later agreed", "to continue the dialogue"),
    );
    // The participle shares Tarar's mention, and with it the date his
    // sentence gives (`on October 29, ... Tarar stated ..., reaffirming`).
    let mut reaffirming = extra(
        "Attaullah Tarar",
        "reaffirming",
        "Pakistan’s resolve to take",
    );
    reaffirming.4 = Value::String("2025-10-29".into());
    expected.insert(11, reaffirming);
    assert_eq!(rows, expected);
    let sources: Vec<&str> = doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["source"]["text"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(
        sources,
        [
            "FO",
            "Foreign Office spokesperson Tahir Hussain Andrabi",
            // The tagger misses this subject; the rules find it before the
            // parenthetical clause (`Andrabi, responding to ..., said`).
            "Andrabi",
            "He",
            // Coordinated and participle cues share the mention of the
            // clause they continue (`He emphasised ..., noting`, `Kabul
            // claimed ... and alleged`, `Tarar stated ..., reaffirming`).
            "He",
            "the Inter-Services Public Relations",
            "Kabul",
            "Kabul",
            "Islamabad",
            "Both sides",
            "Information Minister Attaullah Tarar",
            "Information Minister Attaullah Tarar",
            "a joint statement",
            "Defence Minister Khawaja Asif",
        ]
    );
    assert_eq!(doc["claims"][13]["speaker_role"], "Defence Minister");
    let entity = doc["claims"][13]["speaker_entity"].as_u64().unwrap() as usize;
    assert_eq!(doc["entities"][entity]["text"], "Khawaja Asif");
}

/// The table `newsnlp eval ARGS... DATA` prints (echoed for the test log).
fn eval_table(args: &[&str], data: &Path) -> String {
    let output = newsnlp().arg("eval").args(args).arg(data).output().unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let table = String::from_utf8(output.stdout).unwrap();
    eprintln!("{table}");
    table
}

/// The first line of `table` that starts with `label`.
fn row<'a>(table: &'a str, label: &str) -> &'a str {
    table
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no {label} row in:\n{table}"))
}

/// The last column of a table row, as a number.
fn last_number(row: &str) -> f64 {
    row.split_whitespace().last().unwrap().parse().unwrap()
}

#[test]
fn polnear_dev_claims_with_the_attribution_model() {
    let Some(polnear) = shared_data("polnear") else {
        return;
    };
    // PolNeAR marks more than a newsroom counts (acts, positions, claims with no
    // speaker): it is scored under its own convention.
    let table = eval_table(
        &["claims", "--claims-counting", "all", "--polnear"],
        &polnear.join("dev"),
    );
    let overlap_f1 = |part: &str| -> f64 { last_number(row(&table, part)) };
    assert!(table.contains("relations 2192"), "{table}");
    assert!(overlap_f1("source") >= 0.83, "{table}");
    assert!(overlap_f1("cue") >= 0.81, "{table}");
    // Content meets the 0.85 target (0.858 measured); source does not yet
    // (0.838 against 0.85), so its floor guards against regressions only.
    assert!(overlap_f1("content") >= 0.85, "{table}");
    // Speakers against named gold sources: 0.930 measured (0.896 before
    // the speaker resolution changes listed in docs/claims.md).
    let speakers = row(&table, "speaker");
    let agreement: f64 = speakers
        .split(['(', ')'])
        .nth(1)
        .and_then(|x| x.parse().ok())
        .unwrap_or_else(|| panic!("no agreement in {speakers}"));
    assert!(agreement >= 0.905, "{table}");
    // The two dev articles six annotators marked: these claims against each
    // annotator, next to the annotators against each other (0.953 / 0.916 /
    // 0.929, `polnear_annotators_agree_as_measured`).
    assert!(
        table.contains("agreement set (2 articles, 12 annotator files)"),
        "{table}"
    );
    let against_annotators = row(&table, "  claims against each annotator");
    let source: f64 = against_annotators
        .split_whitespace()
        .nth(4)
        .unwrap()
        .parse()
        .unwrap();
    assert!(source >= 0.86, "{table}");
    assert!(row(&table, "  annotators against each other").ends_with("0.953 / 0.916 / 0.929"));
}

#[test]
fn polnear_annotators_agree_as_measured() {
    let Some(polnear) = shared_data("polnear") else {
        return;
    };
    // PolNeAR's agreement sets under the claims scorer: what two trained
    // annotators reach against each other (docs/claims.md).
    for (split, articles, source, cue, content) in [
        (
            "dev",
            "(2 articles, 12 annotator files;",
            0.953,
            0.916,
            0.929,
        ),
        (
            "train",
            "(16 articles, 95 annotator files;",
            0.825,
            0.814,
            0.853,
        ),
    ] {
        let table = eval_table(&["agreement", "--polnear"], &polnear.join(split));
        assert!(table.contains(articles), "{table}");
        let overlap_f1 = |part: &str| -> f64 { last_number(row(&table, part)) };
        assert_eq!(overlap_f1("source"), source, "{table}");
        assert_eq!(overlap_f1("cue"), cue, "{table}");
        assert_eq!(overlap_f1("content"), content, "{table}");
    }
}

#[test]
fn ontonotes_dev_entities_with_the_shipped_model() {
    let Some(ontonotes) = shared_data("ontonotes5") else {
        return;
    };
    let table = eval_table(&["ner", "--conll"], &ontonotes.join("dev.conll2012_v4.bio"));
    let micro = row(&table, "micro");
    assert_eq!(
        micro.split_whitespace().nth(1),
        Some("11066"),
        "every gold entity counted: {micro}"
    );
    let f1 = last_number(micro);
    // 0.8685 measured (sentences read in context, v12 training data, one
    // type per name; 0.8550 before); the target is 0.88, so this floor
    // guards against regressions only.
    assert!(f1 >= 0.866, "{table}");
    assert!(
        table.contains("(8528 sentences,"),
        "every sentence read: {table}"
    );
}

#[test]
fn eval_ner_writes_gold_and_predicted_entities_per_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let bio = dir.path().join("two.bio");
    std::fs::write(
        &bio,
        "-DOCSTART- O\n\nKhawaja B-PERSON\nAsif I-PERSON\nvisited O\nKabul B-GPE\n. O\n\n\
         He O\nleft O\non O\nMonday B-DATE\n. O\n",
    )
    .unwrap();
    let out = dir.path().join("entities.jsonl");
    let table = eval_table(
        &["ner", "-o", out.to_str().unwrap(), "--conll"],
        bio.as_path(),
    );
    assert!(table.contains("(2 sentences,"), "{table}");
    let lines = json_lines(&std::fs::read(&out).unwrap());
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        serde_json::json!({
            "document": 0,
            "tokens": ["Khawaja", "Asif", "visited", "Kabul", "."],
            "gold": [["PERSON", 0, 2], ["GPE", 3, 4]],
            "predicted": [["PERSON", 0, 2], ["GPE", 3, 4]],
        })
    );
    assert_eq!(lines[1]["gold"], serde_json::json!([["DATE", 3, 4]]));
    assert_eq!(lines[1]["predicted"], lines[1]["gold"]);
}

#[test]
fn review_round_trip_through_label_studio_and_brat_is_lossless() {
    let dir = tempfile::tempdir().unwrap();
    let annotated = dir.path().join("seed.jsonl");
    let run = newsnlp()
        .arg("run")
        .arg(fixture("seed_article.txt"))
        .args([
            "--published",
            "2025-11-08",
            "--stages",
            "sentences,dates,claims",
            "-o",
        ])
        .arg(&annotated)
        .output()
        .unwrap();
    assert!(run.status.success());
    for (format, exported, imported_from) in [
        ("label-studio", "ls", "ls/tasks.json"),
        ("brat", "brat", "brat"),
    ] {
        let out = dir.path().join(exported);
        let export = newsnlp()
            .args(["export", "--format", format])
            .arg(&annotated)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            export.status.success(),
            "{}",
            String::from_utf8_lossy(&export.stderr)
        );
        let back = dir.path().join(format!("{exported}.jsonl"));
        let import = newsnlp()
            .args(["import", "--format", format])
            .arg(dir.path().join(imported_from))
            .arg("-o")
            .arg(&back)
            .output()
            .unwrap();
        assert!(
            import.status.success(),
            "{}",
            String::from_utf8_lossy(&import.stderr)
        );
        let compared = newsnlp()
            .arg("eval")
            .arg("--gold")
            .arg(&back)
            .arg("--pred")
            .arg(&annotated)
            .output()
            .unwrap();
        let table = String::from_utf8(compared.stdout).unwrap();
        assert!(
            table.contains(
                "dates      (all)                 8      8      8     1.000   1.000   1.000"
            ),
            "{format}:\n{table}"
        );
        assert!(
            table.contains(
                "claims     (all)                14     14     14     1.000   1.000   1.000"
            ),
            "{format}:\n{table}"
        );
    }
}

#[test]
fn unsure_entities_are_dropped_unless_asked_for() {
    let mentions = |doc: &Value| -> Vec<(String, String)> {
        doc["entities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (e["text"].to_string(), e["label"].to_string()))
            .collect()
    };
    let shipped = mentions(&run_seed(&["--stages", "sentences,ner"]));
    let every = mentions(&run_seed(&[
        "--stages",
        "sentences,ner",
        "--min-entity-score",
        "0",
    ]));
    let mut dropped = every.clone();
    for kept in &shipped {
        let at = dropped
            .iter()
            .position(|m| m == kept)
            .expect("kept ones are found");
        dropped.remove(at);
    }
    // The headline's "FO" (ORG at 0.45) and "Khawarij" (ORG at 0.28).
    assert_eq!(
        dropped,
        [
            ("\"FO\"".to_string(), "\"ORG\"".to_string()),
            ("\"Khawarij\"".to_string(), "\"ORG\"".to_string())
        ]
    );
}

#[test]
fn seed_article_names_are_found_whole_with_their_types() {
    let doc = run_seed(&["--stages", "sentences,ner"]);
    let text = doc["text"].as_str().unwrap();
    let found: Vec<(String, String)> = doc["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(
                char_slice(text, e),
                e["text"].as_str().unwrap(),
                "offsets index text"
            );
            (
                e["text"].as_str().unwrap().to_string(),
                e["label"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let has = |name: &str, label: &str| found.iter().any(|(t, l)| t == name && l == label);
    for (name, label) in [
        ("Tahir Hussain Andrabi", "PERSON"),
        ("Andrabi", "PERSON"),
        ("Khawaja Asif", "PERSON"),
        ("Attaullah Tarar", "PERSON"),
        ("Foreign Office", "ORG"),
        ("Inter-Services Public Relations", "ORG"),
        ("Tehreek-e-Taliban Pakistan", "ORG"),
        ("Türkiye", "GPE"),
        ("Islamabad", "GPE"),
        ("Kabul", "GPE"),
        ("Tehran", "GPE"),
        ("Qatar", "GPE"),
        ("Doha", "GPE"),
        ("Istanbul", "GPE"),
        ("Pakistani", "NORP"),
        ("October 15", "DATE"),
        ("November 7", "DATE"),
    ] {
        assert!(has(name, label), "{name} as {label} not in {found:?}");
    }
    assert!(
        !found
            .iter()
            .any(|(t, _)| t == "Tahir" || t == "Hussain" || t == "Asif"),
        "multi-word names are merged"
    );
    assert_eq!(found.iter().filter(|(_, l)| l == "PERSON").count(), 4);
}

#[test]
fn int8_is_named_in_the_summary_and_stats_and_libtorch_s_notice_stays_off_stderr() {
    if !newsnlp_ner::cpu_flags().iter().any(|flag| flag == "avx2") {
        eprintln!("skipped: this CPU has no avx2, so --precision int8 runs float32");
        return;
    }
    let stats =
        std::env::temp_dir().join(format!("newsnlp-int8-stats-{}.json", std::process::id()));
    let output = newsnlp()
        .arg("run")
        .arg(fixture("seed_article.txt"))
        .args([
            "--published",
            "2025-11-08",
            "--profile",
            "fast",
            "--precision",
            "int8",
        ])
        .arg("--stats")
        .arg(&stats)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    // One summary line and nothing else: no "fbgemm_... is deprecated".
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("transformer int8 (asked for (--precision int8)"),
        "{stderr}"
    );
    let figures: Value = serde_json::from_str(&std::fs::read_to_string(&stats).unwrap()).unwrap();
    std::fs::remove_file(&stats).ok();
    assert_eq!(figures["precision"], "int8");
    let doc = json_lines(&output.stdout).remove(0);
    assert!(doc["entities"].as_array().unwrap().len() > 40);
    assert!(doc["claims"].as_array().unwrap().len() > 10);
}
