#!/usr/bin/env python3
"""Compares the Spark job's output with direct `newsnlp run` output of the same inputs.

    check.py INPUT_DIR REF_DIR SPARK_OUT_DIR

REF_DIR/<input path relative to INPUT_DIR>.out holds what a direct run wrote for that input
(`newsnlp run - < FILE` for JSONL, `cd DIR && newsnlp run FILE` for the rest). SPARK_OUT_DIR is
the job's --format both output (jsonl/ and parquet/). Checks:
  - every reference document's id comes out of Spark exactly once, and nothing else does;
  - each Spark JSONL line is byte for byte (and, parsed, value for value) the reference line;
  - the part files, read in order, are the inputs' documents in input order (files sorted by path);
  - the Parquet rows are the same documents, with id, error (joined errors[].message), line and
    input_file consistent with the JSON.
Exit status 1 on any mismatch (the first 20 are printed).
"""
import glob
import json
import os
import sys


def main():
    input_dir, ref_dir, out_dir = sys.argv[1:4]
    problems = []

    def problem(msg):
        problems.append(msg)
        if len(problems) <= 20:
            print(f"MISMATCH: {msg}", flush=True)

    # Reference, in the order the job promises: JSONL files sorted by path, then whole-file inputs
    # (WARC, ...) sorted by path; documents in file order.
    ref_files = sorted(
        (os.path.relpath(p, ref_dir)[: -len(".out")]
         for p in glob.glob(os.path.join(ref_dir, "**", "*.out"), recursive=True)),
        key=lambda rel: (not rel.endswith((".jsonl", ".jsonl.gz")), rel),
    )
    ref_lines, ref_by_id, origin = [], {}, {}
    for rel in ref_files:
        with open(os.path.join(ref_dir, rel + ".out"), "rb") as f:
            for raw in f.read().split(b"\n"):
                if not raw:
                    continue
                doc = json.loads(raw)
                if doc["id"] in ref_by_id:
                    problem(f"test inputs are ambiguous: id {doc['id']} occurs twice in the reference")
                ref_by_id[doc["id"]] = (raw, doc)
                origin[doc["id"]] = rel
                ref_lines.append(raw)

    # Spark JSONL, part files in order.
    parts = sorted(glob.glob(os.path.join(out_dir, "jsonl", "part-*")))
    if not parts:
        problem(f"no part files in {out_dir}/jsonl")
    spark_lines, seen = [], {}
    for part in parts:
        with open(part, "rb") as f:
            for raw in f.read().split(b"\n"):
                if not raw:
                    continue
                spark_lines.append(raw)
                try:
                    doc = json.loads(raw)
                except ValueError as e:
                    problem(f"{os.path.basename(part)}: not JSON ({e}): {raw[:120]!r}")
                    continue
                doc_id = doc.get("id")
                seen[doc_id] = seen.get(doc_id, 0) + 1
                if doc_id not in ref_by_id:
                    problem(f"{os.path.basename(part)}: unexpected id {doc_id!r}")
                    continue
                want_raw, want = ref_by_id[doc_id]
                if raw != want_raw:
                    where = next((i for i, (a, b) in enumerate(zip(raw, want_raw)) if a != b), min(len(raw), len(want_raw)))
                    problem(f"{doc_id}: differs from the direct run at byte {where}: "
                            f"spark {raw[max(0, where - 40):where + 60]!r} vs direct {want_raw[max(0, where - 40):where + 60]!r}")
                elif doc != want:
                    problem(f"{doc_id}: parsed JSON differs from the direct run")
    for doc_id, n in seen.items():
        if n != 1:
            problem(f"id {doc_id!r} came out {n} times")
    missing = [i for i in ref_by_id if i not in seen]
    for doc_id in missing:
        problem(f"id {doc_id!r} ({origin[doc_id]}) is missing from the Spark output")
    if not problems and spark_lines != ref_lines:
        first = next(i for i, (a, b) in enumerate(zip(spark_lines, ref_lines)) if a != b)
        problem(f"documents are out of input order from document {first} "
                f"(spark {json.loads(spark_lines[first])['id']}, direct {json.loads(ref_lines[first])['id']})")

    # Parquet, read back with Spark.
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master("local[1]").appName("newsnlp-check")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    rows = spark.read.parquet(os.path.join(out_dir, "parquet")).collect()
    spark.stop()
    if len(rows) != len(ref_lines):
        problem(f"parquet has {len(rows)} rows, the direct runs wrote {len(ref_lines)} documents")
    parquet_ids = {}
    for row in rows:
        doc = json.loads(row["json"])
        parquet_ids[doc["id"]] = parquet_ids.get(doc["id"], 0) + 1
        if row["id"] != doc["id"]:
            problem(f"parquet id {row['id']!r} != json id {doc['id']!r}")
        want = ref_by_id.get(doc["id"])
        if want is None or row["json"].encode("utf-8") != want[0]:
            problem(f"parquet json of {doc['id']!r} differs from the direct run")
            continue
        messages = "; ".join(e["message"] for e in doc["errors"]) or None
        if row["error"] != messages:
            problem(f"parquet error of {doc['id']!r}: {row['error']!r}, expected {messages!r}")
        rel = origin[doc["id"]]
        if not row["input_file"].endswith("/" + rel):
            problem(f"parquet input_file of {doc['id']!r}: {row['input_file']}, expected .../{rel}")
        expected_line = doc["meta"].get("line") if ".jsonl" in rel else doc["meta"].get("warc_record")
        if row["line"] != expected_line:
            problem(f"parquet line of {doc['id']!r}: {row['line']}, expected {expected_line}")
    if any(n != 1 for n in parquet_ids.values()) or set(parquet_ids) != set(ref_by_id):
        problem("parquet ids are not the reference ids exactly once each")

    errors = sum(1 for raw, doc in ref_by_id.values() if doc["errors"])
    print(f"checked {len(spark_lines)} Spark documents ({errors} with errors) from {len(ref_files)} input "
          f"file(s) against direct runs: {'OK' if not problems else f'{len(problems)} problem(s)'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
