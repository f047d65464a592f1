"""Prints a short human summary of annotated JSONL: sentences, entities, dates, claims.

Usage: python scripts/show_document.py OUT.jsonl [--limit N]
"""
import argparse
import json


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("path")
    ap.add_argument("--limit", type=int, default=3, help="documents to show")
    args = ap.parse_args()
    with open(args.path, encoding="utf-8") as f:
        for n, line in enumerate(f):
            if n >= args.limit:
                break
            doc = json.loads(line)
            text = doc["text"]
            print(f"# {doc['id']}  published={doc.get('published')}  errors={len(doc.get('errors', []))}")
            print(f"  title: {doc.get('title')}")
            print(f"  sentences: {len(doc.get('sentences') or [])}")
            for e in doc.get("entities") or []:
                print(f"  entity  {e['label']:<12} {text[e['start']:e['end']]!r}")
            for d in doc.get("dates") or []:
                print(f"  date    {d['type']:<12} {text[d['start']:d['end']]!r} -> {d['value']}")
            for c in doc.get("claims") or []:
                cue = c["cue"]["text"] if c.get("cue") else None
                print(f"  claim   {c['kind']:<12} {c.get('speaker')!r} {cue!r}: {c['content']['text'][:70]!r}")
            for err in doc.get("errors") or []:
                print(f"  error   [{err['stage']}] {err['message']}")


if __name__ == "__main__":
    main()
