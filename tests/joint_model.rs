//! End-to-end tests of the shipped joint model (`models/joint-minilm`): one
//! encoder pass serves both the `ner` and the `claims` stage.

mod common;

use assert_cmd::Command;
use common::fixture;
use serde_json::Value;

const JOINT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../models/joint-minilm");

fn newsnlp() -> Command {
    Command::cargo_bin("newsnlp").expect("binary built")
}

fn joint_args() -> [&'static str; 4] {
    ["--model", JOINT, "--claims-model", JOINT]
}

#[test]
fn one_pass_gives_the_seed_articles_entities_and_claims() {
    let output = newsnlp()
        .arg("run")
        .arg(fixture("seed_article.txt"))
        .args(["--published", "2025-11-08"])
        .args(joint_args())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    let entities = doc["entities"].as_array().unwrap();
    assert_eq!(entities.len(), 53);
    let people: Vec<&str> = entities
        .iter()
        .filter(|e| e["label"] == "PERSON")
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        people,
        [
            "Tahir Hussain Andrabi",
            "Andrabi",
            "Attaullah Tarar",
            "Khawaja Asif"
        ]
    );
    let speakers: Vec<Option<&str>> = doc["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["speaker"].as_str())
        .collect();
    assert_eq!(
        speakers,
        [
            Some("Foreign Office"),
            None,
            Some("Tahir Hussain Andrabi"),
            Some("Tahir Hussain Andrabi"),
            Some("Tahir Hussain Andrabi"),
            Some("Tahir Hussain Andrabi"),
            Some("Inter-Services Public Relations"),
            Some("Kabul"),
            Some("Kabul"),
            Some("Islamabad"),
            Some("Both sides"),
            Some("Attaullah Tarar"),
            Some("Attaullah Tarar"),
            Some("joint statement"),
            Some("Khawaja Asif"),
        ]
    );
}

#[test]
fn the_staged_chain_with_the_joint_model_equals_one_run() {
    let whole = newsnlp()
        .arg("run")
        .arg(fixture("seed_article.txt"))
        .args(["--published", "2025-11-08"])
        .args(joint_args())
        .output()
        .unwrap();
    assert!(whole.status.success());
    let mut piped = newsnlp()
        .args(["stage", "ingest"])
        .arg(fixture("seed_article.txt"))
        .args(["--published", "2025-11-08"])
        .output()
        .unwrap();
    for stage in ["sentences", "ner", "dates", "claims"] {
        assert!(piped.status.success(), "{stage}");
        piped = newsnlp()
            .args(["stage", stage, "-"])
            .args(joint_args())
            .write_stdin(piped.stdout)
            .output()
            .unwrap();
    }
    assert!(
        piped.status.success(),
        "{}",
        String::from_utf8_lossy(&piped.stderr)
    );
    assert_eq!(piped.stdout, whole.stdout, "byte for byte");
}
