//! Bulk runs of the `newsnlp` binary: same bytes whatever the thread count,
//! `--resume` after `kill -9` at any moment, hostile input inside a run,
//! `run -` as a streaming pipe worker, and `--stats`.

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command as Process, Stdio};
use std::time::{Duration, Instant};

use assert_cmd::cargo::CommandCargoExt;
use common::fixture;
use serde_json::Value;

fn newsnlp() -> Process {
    Process::cargo_bin("newsnlp").expect("binary built")
}

/// The seed article's paragraphs (headline first).
fn seed_paragraphs() -> Vec<String> {
    fs::read_to_string(fixture("seed_article.txt"))
        .expect("seed article")
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// A JSONL corpus of `count` articles of varied length, each a different
/// run of the seed article's paragraphs, with ids `doc-N`.
fn write_corpus(path: &Path, count: usize) {
    let paragraphs = seed_paragraphs();
    let mut out = fs::File::create(path).expect("corpus file");
    for i in 0..count {
        let take = 1 + i % paragraphs.len();
        let body: Vec<&str> = (0..take)
            .map(|k| paragraphs[(i + k) % paragraphs.len()].as_str())
            .collect();
        let record = serde_json::json!({
            "id": format!("doc-{i}"),
            "title": format!("Article {i}"),
            "published": "2025-11-08",
            "text": body.join("\n\n"),
        });
        writeln!(out, "{record}").expect("write corpus");
    }
}

fn run_to_file(args: &[&str], output: &Path) -> std::process::Output {
    let result = newsnlp()
        .arg("run")
        .args(args)
        .arg("-o")
        .arg(output)
        .output()
        .expect("newsnlp runs");
    assert!(
        result.status.success(),
        "newsnlp {args:?} failed: {}",
        String::from_utf8_lossy(&result.stderr)
    );
    result
}

#[test]
fn output_bytes_do_not_depend_on_the_thread_count_or_model_workers() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    write_corpus(&corpus, 40);
    let corpus = corpus.to_str().unwrap();
    let settings: [&[&str]; 3] = [
        &["--threads", "1"],
        &["--threads", "2"],
        &["--threads", "2", "--ner-workers", "1"],
    ];
    let outputs: Vec<Vec<u8>> = settings
        .iter()
        .enumerate()
        .map(|(i, extra)| {
            let out = dir.path().join(format!("out{i}.jsonl"));
            // Float32: bfloat16 kernels (chosen by `auto` on CPUs with AMX or
            // avx512_bf16) round differently with the thread count.
            let mut args = vec![corpus, "--batch-size", "16", "--precision", "f32"];
            args.extend_from_slice(extra);
            run_to_file(&args, &out);
            fs::read(out).unwrap()
        })
        .collect();
    let docs: Vec<Value> = std::str::from_utf8(&outputs[0])
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 40);
    assert!(docs.iter().all(|d| d["entities"].as_array().is_some()));
    assert!(outputs[1] == outputs[0], "--threads 2 differs from 1");
    assert!(outputs[2] == outputs[0], "--ner-workers 1 differs");
}

/// Starts a run writing to `output`, waits until the file holds at least
/// `bytes` bytes (or the run ends), then kills it with SIGKILL.
fn kill_when_output_reaches(args: &[&str], output: &Path, bytes: u64) {
    let mut child: Child = newsnlp()
        .arg("run")
        .args(args)
        .arg("-o")
        .arg(output)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("newsnlp starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let written = fs::metadata(output).map(|m| m.len()).unwrap_or(0);
        if written >= bytes || Instant::now() > deadline {
            break;
        }
        if child.try_wait().expect("wait").is_some() {
            return;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().expect("kill -9"); // SIGKILL on Unix
    child.wait().expect("reaped");
}

#[test]
fn a_run_killed_at_any_moment_resumes_to_exactly_the_uninterrupted_output() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    write_corpus(&corpus, 6000);
    let corpus = corpus.to_str().unwrap();
    let args = [
        corpus,
        "--stages",
        "sentences,dates,claims",
        "--claims-rules",
        "--threads",
        "1",
    ];
    let reference = dir.path().join("reference.jsonl");
    run_to_file(&args, &reference);
    let expected = fs::read(&reference).unwrap();
    let size = expected.len() as u64;

    // One run killed three times (early, halfway, near the end), then finished.
    let output = dir.path().join("resumed.jsonl");
    kill_when_output_reaches(&args, &output, 1);
    for fraction in [0.5, 0.95] {
        let mut resumed = args.to_vec();
        resumed.push("--resume");
        kill_when_output_reaches(&resumed, &output, (size as f64 * fraction) as u64);
    }
    let mut resumed = args.to_vec();
    resumed.push("--resume");
    let last = run_to_file(&resumed, &output);
    let stderr = String::from_utf8_lossy(&last.stderr);
    assert!(
        stderr.contains("skipped as already written"),
        "the last run skipped nothing: {stderr}"
    );
    let got = fs::read(&output).unwrap();
    assert_eq!(got.len(), expected.len(), "resumed output size differs");
    assert!(got == expected, "resumed output differs from one run");

    // Resuming a finished run annotates nothing and changes nothing.
    run_to_file(&resumed, &output);
    assert!(fs::read(&output).unwrap() == expected);
}

#[test]
fn a_transformer_run_killed_mid_way_resumes_without_loss_or_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus.jsonl");
    write_corpus(&corpus, 120);
    let corpus = corpus.to_str().unwrap();
    // After a resume the remaining documents are batched with other
    // neighbours; each row's padded width is its own, so bytes still match.
    // Float32: bfloat16 batches of other widths round differently.
    let args = [corpus, "--batch-size", "8", "--precision", "f32"];
    let reference = dir.path().join("reference.jsonl");
    run_to_file(&args, &reference);
    let output = dir.path().join("resumed.jsonl");
    kill_when_output_reaches(&args, &output, fs::metadata(&reference).unwrap().len() / 3);
    let mut resumed = args.to_vec();
    resumed.push("--resume");
    run_to_file(&resumed, &output);
    assert!(fs::read(&output).unwrap() == fs::read(&reference).unwrap());
}

#[test]
fn resume_refuses_a_file_that_is_not_newsnlp_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let output = dir.path().join("notes.jsonl");
    fs::write(&output, "my notes\n").unwrap();
    let result = newsnlp()
        .args(["run", "--stages", "sentences", "--resume", "-o"])
        .arg(&output)
        .arg(fixture("seed_article.txt"))
        .output()
        .unwrap();
    assert_eq!(result.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(stderr.contains("cannot resume: line 1"), "{stderr}");
    assert_eq!(fs::read_to_string(&output).unwrap(), "my notes\n");
}

/// Writes one file of every hostile kind into `dir`; returns how many
/// documents they hold.
fn write_hostile_inputs(dir: &Path) -> usize {
    let seed = fs::read_to_string(fixture("seed_article.txt")).unwrap();
    fs::write(dir.join("empty.txt"), "").unwrap();
    fs::write(dir.join("empty.jsonl"), "").unwrap();
    fs::write(dir.join("empty.warc.gz"), "").unwrap();
    let binary: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    fs::write(dir.join("binary.txt"), &binary).unwrap();
    let long_line = "word ".repeat(20_000);
    fs::write(dir.join("long_line.txt"), &long_line).unwrap();
    let mut invalid = seed.as_bytes()[..400].to_vec();
    invalid.extend_from_slice(&[0xff, 0xfe, 0xc3, 0x28, b' ', 0xe2, 0x82]);
    invalid.extend_from_slice(&seed.as_bytes()[400..]);
    fs::write(dir.join("invalid_utf8.txt"), &invalid).unwrap();
    let nested = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    fs::write(dir.join("nested.json"), &nested).unwrap();
    fs::write(
        dir.join("truncated.json"),
        r#"{"id": "t", "text": "Half an art"#,
    )
    .unwrap();
    let deep = format!("{{\"deep\": {}1{}}}", "[".repeat(5_000), "]".repeat(5_000));
    let jsonl = format!(
        "{}\n{}\n{deep}\n{{\"id\": \"cut\", \"text\": \"The line ends he",
        serde_json::json!({"id": "fine", "text": seed}),
        serde_json::json!({"id": "long", "text": "x".repeat(100_000)}),
    );
    fs::write(dir.join("mixed.jsonl"), jsonl).unwrap();
    fs::write(
        dir.join("no_text.html"),
        "<html><head><title></title><script>var x = 1;</script></head><body><div></div></body></html>",
    )
    .unwrap();
    fs::write(
        dir.join("truncated.warc"),
        "WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n",
    )
    .unwrap();
    // one record per file, four in mixed.jsonl
    14
}

#[test]
fn hostile_input_gives_one_record_each_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("inputs");
    fs::create_dir(&inputs).unwrap();
    let expected = write_hostile_inputs(&inputs);
    let output = dir.path().join("out.jsonl");
    let result = newsnlp()
        .arg("run")
        .arg(&inputs)
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(3), "{stderr}");
    let docs: Vec<Value> = fs::read_to_string(&output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect();
    assert_eq!(docs.len(), expected, "{docs:#?}");
    for doc in &docs {
        let errors = doc["errors"].as_array().map_or(0, Vec::len);
        let annotated = doc["sentences"].is_array() && doc["claims"].is_array();
        assert!(
            errors > 0 || annotated,
            "neither error nor annotation: {doc}"
        );
        assert!(
            !doc.to_string().contains("panic"),
            "a stage panicked: {doc}"
        );
    }
    let by_id = |id: &str| docs.iter().find(|d| d["id"] == id).expect(id);
    assert!(by_id("fine")["errors"].as_array().is_none_or(Vec::is_empty));
    assert!(by_id("long")["entities"].is_array());
    assert!(
        stderr.contains(&format!("{expected} documents")),
        "{stderr}"
    );
}

#[test]
fn a_ten_megabyte_article_is_annotated_in_a_bulk_run() {
    let dir = tempfile::tempdir().unwrap();
    let paragraphs = seed_paragraphs().join("\n\n");
    let mut huge = String::new();
    while huge.len() < 10_000_000 {
        huge.push_str(&paragraphs);
        huge.push_str("\n\n");
    }
    let inputs = dir.path().join("inputs");
    fs::create_dir(&inputs).unwrap();
    fs::write(inputs.join("a_huge.txt"), &huge).unwrap();
    fs::copy(fixture("seed_article.txt"), inputs.join("b_seed.txt")).unwrap();
    let output = dir.path().join("out.jsonl");
    // The transformers would take minutes on 10 MB; every other stage runs (claims by rules).
    run_to_file(
        &[
            inputs.to_str().unwrap(),
            "--stages",
            "sentences,dates,claims",
            "--claims-rules",
        ],
        &output,
    );
    let docs: Vec<Value> = fs::read_to_string(&output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 2);
    assert!(docs[0]["text"].as_str().unwrap().len() > 9_900_000);
    assert!(docs[0]["sentences"].as_array().unwrap().len() > 40_000);
    assert!(docs[0]["claims"].as_array().unwrap().len() > 40_000);
    assert_eq!(docs[1]["claims"].as_array().unwrap().len(), 12);
}

#[test]
fn run_from_stdin_streams_each_document_as_soon_as_it_is_annotated() {
    let paragraphs = seed_paragraphs();
    let mut child = newsnlp()
        .args([
            "run",
            "-",
            "--batch-size",
            "1",
            "--stages",
            "sentences,dates,claims",
            "--claims-rules",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut errors = 0;
    for (i, paragraph) in paragraphs.iter().enumerate() {
        // One line in, one line out, while stdin is still open.
        let record = serde_json::json!({"id": format!("p{i}"), "text": paragraph});
        writeln!(stdin, "{record}").unwrap();
        stdin.flush().unwrap();
        let mut line = String::new();
        stdout.read_line(&mut line).unwrap();
        let doc: Value = serde_json::from_str(&line).unwrap();
        assert_eq!(doc["id"], format!("p{i}"));
        errors += doc["errors"].as_array().map_or(0, Vec::len);
    }
    drop(stdin);
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stdout, &mut rest).unwrap();
    assert_eq!(rest, "", "nothing after the last document");
    let expected_status = if errors > 0 { 3 } else { 0 };
    assert_eq!(child.wait().unwrap().code(), Some(expected_status));
}

#[test]
fn stats_report_documents_text_and_time_per_step() {
    let dir = tempfile::tempdir().unwrap();
    let stats = dir.path().join("stats.json");
    let output = dir.path().join("out.jsonl");
    run_to_file(
        &[
            fixture("seed_article.txt").to_str().unwrap(),
            "--stages",
            "sentences,dates",
            "--stats",
            stats.to_str().unwrap(),
        ],
        &output,
    );
    let stats: Value = serde_json::from_str(&fs::read_to_string(stats).unwrap()).unwrap();
    assert_eq!(stats["documents"], 1);
    assert_eq!(stats["skipped"], 0);
    assert_eq!(stats["bytes"], 2470);
    assert_eq!(stats["words"], 364);
    let steps: Vec<&str> = stats["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["read", "ingest", "sentences", "dates", "write"]);
    assert!(stats["peak_rss_mib"].as_f64().unwrap() > 1.0);
}
