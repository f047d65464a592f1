#!/usr/bin/env python3
"""Builds the HTML extraction development set (`newsnlp eval html --pages DIR`).

Real article pages with their expected main text, taken from the test data
of a package on PyPI: newspaper4k's sdist ships `tests/data/html/NAME.html`
(saved news pages) with `tests/data/txt/NAME.txt` (the article text its tests
expect) and `tests/data/metadata/NAME.json` (the page URL among others).

Nothing third-party is committed to this repository: the sdist is downloaded
from PyPI with pip into OUT/src/ only when it is missing (and its SHA-256
checked), then OUT/pages/ gets one NAME.html + NAME.txt (+ NAME.url) per page
that has both an HTML file and an expected text; a page whose HTML is a byte
copy of an earlier one is skipped. OUT/PROVENANCE.md records the package,
version, licence, checksum and the files used.

Usage: python3 scripts/html_devset.py [OUT]   (default out/html-devset)
"""

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

PACKAGE = "newspaper4k"
VERSION = "0.9.6"
SDIST = f"{PACKAGE}-{VERSION}.tar.gz"
SHA256 = "a3f2f0e017dddb6f1019ee77aaa8980e13e6ecea0b949abc7167aae4770d2d0e"
LICENCE = "MIT (Copyright (c) 2013 Lucas Ou-Yang; sdist file LICENSE)"
DATA = f"{PACKAGE}-{VERSION}/tests/data"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def fetch(src: Path) -> Path:
    sdist = src / SDIST
    if not sdist.exists():
        src.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-binary", ":all:",
             "--no-deps", "--quiet", "-d", str(src),
             f"{PACKAGE}=={VERSION}"],
            check=False,
        )
    if not sdist.exists():
        sys.exit(f"could not download {SDIST} from PyPI into {src}")
    got = sha256(sdist)
    if got != SHA256:
        sys.exit(f"{sdist}: SHA-256 {got}, expected {SHA256}")
    return sdist


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/html-devset")
    sdist = fetch(out / "src")
    pages = out / "pages"
    if pages.exists():
        shutil.rmtree(pages)
    pages.mkdir(parents=True)

    with tarfile.open(sdist) as tar:
        members = {m.name: m for m in tar.getmembers() if m.isfile()}

        def read(name: str) -> bytes | None:
            member = members.get(f"{DATA}/{name}")
            return tar.extractfile(member).read() if member else None

        names = sorted(
            n[len(f"{DATA}/html/"):-len(".html")]
            for n in members
            if n.startswith(f"{DATA}/html/") and n.endswith(".html")
        )
        seen: dict[str, str] = {}
        used, skipped = [], []
        for name in names:
            html, text = read(f"html/{name}.html"), read(f"txt/{name}.txt")
            if text is None:
                continue
            digest = hashlib.sha256(html).hexdigest()
            if digest in seen:
                skipped.append(f"{name} (same HTML as {seen[digest]})")
                continue
            seen[digest] = name
            (pages / f"{name}.html").write_bytes(html)
            (pages / f"{name}.txt").write_bytes(text)
            meta = read(f"metadata/{name}.json")
            url = json.loads(meta).get("url") if meta else None
            if url and url.startswith(("http://", "https://")):
                (pages / f"{name}.url").write_text(url + "\n")
            used.append(name)

    lines = [
        "# HTML development set: provenance",
        "",
        f"- Package: `{PACKAGE}` {VERSION}, source distribution `{SDIST}` from PyPI",
        f"  (SHA-256 `{SHA256}`), downloaded by `scripts/html_devset.py`.",
        f"- Licence: {LICENCE}. The pages themselves are news articles of their",
        "  publishers, kept in the package as test data; they are used here offline",
        "  for measurement only and are not committed to the newsnlp repository.",
        f"- Files: `{DATA}/html/NAME.html` (the page), `{DATA}/txt/NAME.txt`",
        "  (expected article text: newspaper4k's test expectation, i.e. its own",
        "  reviewed output, not an independent annotation), and the `url` field of",
        f"  `{DATA}/metadata/NAME.json` when it is an http(s) URL (written to NAME.url).",
        f"- Pages ({len(used)}): " + ", ".join(used) + ".",
    ]
    if skipped:
        lines.append("- Skipped: " + ", ".join(skipped) + ".")
    (out / "PROVENANCE.md").write_text("\n".join(lines) + "\n")
    print(f"{len(used)} pages in {pages} (provenance: {out / 'PROVENANCE.md'})")


if __name__ == "__main__":
    main()
