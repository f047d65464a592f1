#!/usr/bin/env python3
"""Unit checks of the Spark job's chunking (no Spark, no newsnlp; a second).

    python3 tests/spark/test_chunking.py

Simulates newsnlp's stdin reader (lines split after b'\\n', numbered from 1, blank lines
counted and skipped, batches of --batch-size documents) and checks that every way the job can
cut a file gives each document the line number and the batch of a direct run of the whole file.
"""
import gzip
import os
import random
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts", "spark"))
import newsnlp_spark as job  # noqa: E402


def newsnlp_reader(stream: bytes, batch: int):
    """[(line_number, line, batch_index_within_process, position_in_batch)] as newsnlp sees it."""
    out, n, docs = [], 0, 0
    for start, end in job.line_spans(stream):
        n += 1
        line = stream[start:end]
        if job.is_blank(line):
            continue
        out.append((n, line.rstrip(b"\n"), docs // batch, docs % batch))
        docs += 1
    return out


def check_file(data: bytes, batch: int, docs_per_chunk: int, partitions: int):
    direct = newsnlp_reader(data, batch)
    _, n_docs = job.count_documents("x.jsonl", data)
    assert n_docs == len(direct), (n_docs, len(direct))
    chunks = list(job.make_chunks("x.jsonl", data, 0, docs_per_chunk))
    # The chunks are the file's bytes, in order, up to the last document's line.
    joined = b"".join(c[1][2] for c in chunks)
    rest = data[len(joined):]
    assert data.startswith(joined) and all(job.is_blank(rest[s:e]) for s, e in job.line_spans(rest))
    assert sum(c[1][3] for c in chunks) == n_docs
    assert len(chunks) == -(-n_docs // docs_per_chunk)
    weights = [((0, c), min(docs_per_chunk, n_docs - c * docs_per_chunk)) for c in range(len(chunks))]
    bounds = job.assign_partitions(weights, partitions)
    assert len(bounds) <= partitions - 1 and bounds == sorted(bounds)
    by_part = {}
    for key, value in chunks:
        by_part.setdefault(job.bisect.bisect_right(bounds, key), []).append(value[1:])
    seen = []
    for part in sorted(by_part):
        stream = b"".join(job.stdin_blocks(by_part[part]))
        got = newsnlp_reader(stream, batch)
        first_doc = len(seen)
        seen.extend(got)
        # Each process starts on a batch boundary of the direct run ...
        assert first_doc % batch == 0
        # ... and forms the direct run's batches.
        direct_batches = {(d[0]): (d[2], d[3]) for d in direct}
        for n, _, b, pos in got:
            assert direct_batches[n] == (first_doc // batch + b, pos), "batch"
    assert [(n, line) for n, line, _, _ in seen] == [(n, line) for n, line, _, _ in direct], "line numbers"


def main():
    rng = random.Random(7)
    for trial in range(300):
        lines = []
        for i in range(rng.randint(0, 400)):
            r = rng.random()
            if r < 0.1:
                lines.append(rng.choice(["", "   ", "\t", "\r", " \u3000 "]))
            elif r < 0.15:
                lines.append("not json " + str(i))
            else:
                lines.append('{"id": "d%d", "text": "x"}' % i)
        data = "\n".join(lines).encode("utf-8")
        if rng.random() < 0.5:
            data += b"\n"
        batch = rng.choice([1, 4, 16, 64])
        docs_per_chunk = batch * rng.randint(1, 5)
        check_file(data, batch, docs_per_chunk, rng.randint(1, 9))
    # gzip input reads the same
    raw = b'{"id": 1}\n\n{"id": 2}\n'
    assert job.count_documents("a.jsonl.gz", gzip.compress(raw)) == ("a.jsonl.gz", 2)
    assert job.kind_of("hdfs://x/y/a.warc.gz") == "file" and job.kind_of("file:/a/_SUCCESS") is None
    assert job.batch_size(["--batch-size", "16"]) == 16 and job.batch_size(["--batch-size=8"]) == 8
    assert job.batch_size([]) == 64
    print("chunking: OK (300 random files)")


if __name__ == "__main__":
    main()
