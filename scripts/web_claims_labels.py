#!/usr/bin/env python3
"""Tools for the web claims development set (tests/web_claims/).

    python3 scripts/web_claims_labels.py texts PAGES_DIR TEXT_DIR NAME...
        Writes TEXT_DIR/NAME.txt: the text `newsnlp stage ingest` extracts from
        PAGES_DIR/NAME.html, which is what labellers label (see
        docs/web_claims_guideline.md).

    python3 scripts/web_claims_labels.py commit WORK_DIR TEXT_DIR OUT_DIR [--split-every N]
        Checks each working label file WORK_DIR/NAME.json (full contents)
        against TEXT_DIR/NAME.txt and writes OUT_DIR/NAME.json in the committed
        form: each content kept only as its first and last words and its length.
        Pages are split by a hash of their name: one in N is `held_out`
        (default 3), the rest `tune`.

Nothing of the pages themselves is written to the repository by either
command; TEXT_DIR and WORK_DIR belong under the git-ignored out/.
"""

import hashlib
import json
import subprocess
import sys
from pathlib import Path

ANCHOR_WORDS = 5
CLASSES = {"speech", "writing", "document", "belief"}
TYPES = {"PERSON", "ORG", "GPE", "GROUP", "DOCUMENT", "OTHER"}


def texts(pages: Path, out: Path, names: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        html = pages / f"{name}.html"
        run = subprocess.run(
            ["target/release/newsnlp", "stage", "ingest", str(html)],
            check=True, capture_output=True, text=True)
        doc = json.loads(run.stdout.splitlines()[0])
        (out / f"{name}.txt").write_text(doc["text"], encoding="utf-8")
        print(f"{name}: {len(doc['text'])} characters")


def anchors(content: str) -> tuple[str, str]:
    words = content.split()
    return " ".join(words[:ANCHOR_WORDS]), " ".join(words[-ANCHOR_WORDS:])


def split_of(name: str, every: int) -> str:
    digest = int(hashlib.sha256(name.encode()).hexdigest(), 16)
    return "held_out" if digest % every == 0 else "tune"


def commit(work: Path, text_dir: Path, out: Path, every: int) -> int:
    out.mkdir(parents=True, exist_ok=True)
    problems = 0
    for path in sorted(work.glob("*.json")):
        page = json.loads(path.read_text(encoding="utf-8"))
        name = path.stem
        text_file = text_dir / f"{name}.txt"
        text = text_file.read_text(encoding="utf-8") if text_file.exists() else ""
        kept = []
        for i, a in enumerate(page.get("attributions", [])):
            content = a.get("content", "")
            where = f"{name} #{i}"
            if not content or content not in text:
                print(f"{where}: content not in the text: {content[:60]!r}", file=sys.stderr)
                problems += 1
                continue
            if a.get("source") and a["source"] not in text:
                print(f"{where}: source not in the text: {a['source']!r}", file=sys.stderr)
                problems += 1
            cue_class = a.get("cue_class") or ("belief" if a.get("tier") == "belief" else "speech")
            if cue_class not in CLASSES:
                print(f"{where}: unknown cue_class {cue_class!r}", file=sys.stderr)
                problems += 1
                continue
            start, end = anchors(content)
            kept.append({
                "cue_class": cue_class,
                "source": a.get("source", ""),
                "speaker": a.get("speaker", ""),
                "speaker_type": a.get("speaker_type", "OTHER") if a.get("speaker_type") in TYPES else "OTHER",
                "cue": a.get("cue", ""),
                "content_start": start,
                "content_end": end,
                "content_chars": len(content),
            })
        record = {
            "id": name,
            "split": split_of(name, every),
            "english_news": bool(page.get("english_news", True)),
            "attributions": kept,
        }
        (out / f"{name}.json").write_text(
            json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return problems


def main() -> int:
    if len(sys.argv) >= 4 and sys.argv[1] == "texts":
        texts(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4:])
        return 0
    if len(sys.argv) >= 5 and sys.argv[1] == "commit":
        every = 3
        if "--split-every" in sys.argv:
            every = int(sys.argv[sys.argv.index("--split-every") + 1])
        problems = commit(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]), every)
        print(f"{problems} problem(s)")
        return 1 if problems else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
