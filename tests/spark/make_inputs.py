#!/usr/bin/env python3
"""Builds the Spark test's input folder (outside the repository: the BBC data is licensed).

    make_inputs.py OUT_DIR [--bbc BBC_JSONL] [--docs 300] [--warc-docs 12]

OUT_DIR/
  seed.jsonl              the bundled example (tests/fixtures/seed_article.txt) as one JSONL line
  edge.jsonl              malformed and blank lines, a line without id, a non-object line
  bbc/bbc.jsonl           --docs BBC articles, every 7th of the corpus (all five categories)
  bbc/more.jsonl.gz       the next few BBC articles, gzip-compressed JSONL
  bbc/pages.warc.gz       --warc-docs other BBC articles as HTML responses in a WARC (gzip per record)
Without --bbc only seed.jsonl and edge.jsonl are written.
"""
import argparse
import gzip
import html
import json
import os
import uuid

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def seed_line():
    path = os.path.join(REPO, "tests", "fixtures", "seed_article.txt")
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    title, _, body = raw.partition("\n\n")
    return {"id": "tests/fixtures/seed_article.txt", "title": title.strip(), "text": body.strip(),
            "published": "2025-11-08"}


EDGE = [
    '{"id": "edge/ok", "title": "Minister speaks", "text": "The minister, John Smith, said on Monday that talks would resume.", "published": "2024-03-05"}',
    "this line is not JSON",
    "",
    "   \t",
    '{"title": "No id", "text": "Mary Jones told reporters the plan was ready."}',
    "[1, 2, 3]",
    '{"id": "edge/no-text", "title": "Only a title"}',
    '{"id": "edge/last", "text": "Last line without a trailing newline. Paris is in France."}',
]


def warc_record(doc, n):
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in doc["text"].split("\n\n") if p.strip())
    page = (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{html.escape(doc['title'])}</title>"
            f"</head><body><article><h1>{html.escape(doc['title'])}</h1>\n{paras}</article></body></html>")
    body = page.encode("utf-8")
    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
            + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    uri = f"https://news.example.org/{doc['id']}"
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{uuid.UUID(int=n)}>\r\n"
            f"WARC-Date: 2005-0{1 + n % 9}-1{n % 10}T12:00:00Z\r\nWARC-Target-URI: {uri}\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n")
    return gzip.compress(head.encode() + http + b"\r\n\r\n", mtime=0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out")
    p.add_argument("--bbc")
    p.add_argument("--docs", type=int, default=300)
    p.add_argument("--warc-docs", type=int, default=12)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "seed.jsonl"), "w", encoding="utf-8") as f:
        f.write(json.dumps(seed_line(), ensure_ascii=False) + "\n")
    with open(os.path.join(a.out, "edge.jsonl"), "w", encoding="utf-8") as f:
        f.write("\n".join(EDGE))
    if not a.bbc:
        return
    with open(a.bbc, encoding="utf-8") as f:
        lines = [line for line in f if line.strip()]
    picked = lines[::7][: a.docs]
    rest = [line for i, line in enumerate(lines) if i % 7 == 3]
    gz_docs, warc_docs = rest[:8], rest[8 : 8 + a.warc_docs]
    os.makedirs(os.path.join(a.out, "bbc"), exist_ok=True)
    with open(os.path.join(a.out, "bbc", "bbc.jsonl"), "w", encoding="utf-8") as f:
        f.writelines(picked)
    with gzip.open(os.path.join(a.out, "bbc", "more.jsonl.gz"), "wt", encoding="utf-8") as f:
        f.writelines(gz_docs)
    with open(os.path.join(a.out, "bbc", "pages.warc.gz"), "wb") as f:
        for n, line in enumerate(warc_docs, 1):
            f.write(warc_record(json.loads(line), n))


if __name__ == "__main__":
    main()
