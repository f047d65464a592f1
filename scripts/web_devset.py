#!/usr/bin/env python3
"""Builds a larger development set of real saved news pages (offline use).

The pages come from the test data that three packages ship in their source
archives on public registries (more outlets and languages than the
newspaper4k set of `scripts/html_devset.py`, which it does not repeat):

- `readabilityrs` 0.1.4 (crates.io): Mozilla Readability's test corpus,
  `tests/test-pages/NAME/source.html` with `expected.html` (the article
  content Readability.js is expected to extract) and `expected-metadata.json`;
- `@postlight/mercury-parser` 1.1.1 (npm): `fixtures/HOST/STAMP.html`, pages
  saved for Mercury Parser's per-site extractor tests (no expected text);
- `trafilatura` 1.1.0 (PyPI): `tests/cache/NAME.html`, pages of its real-world
  tests, with their URLs in `tests/realworld_tests.py` (no expected text).

Nothing third-party is committed to this repository: each archive is
downloaded with the registry's ordinary client (pip download / npm pack /
curl from static.crates.io) into OUT/src/ only when it is missing, and its
SHA-256 checked. OUT/pages/ then gets, for each hand-picked news article page
below (non-article pages, synthetic snippets and newspaper4k's pages left
out), NAME.html (the page's bytes as shipped), NAME.url (its http(s) URL when
the package's tests or the page's og:url / canonical link give one) and, for
the Readability pages only, NAME.txt: the text of `expected.html` (one
paragraph per block element, blank line between paragraphs). A page whose
HTML is a byte copy of an earlier one is skipped. OUT/PROVENANCE.md records
packages, versions, licences, checksums and, per page, outlet, language and
genre.

Usage: python3 scripts/web_devset.py [OUT]   (default out/web-devset)
"""

import hashlib
import html
import json
import re
import shutil
import subprocess
import sys
import tarfile
from html.parser import HTMLParser
from pathlib import Path

# (page in the archive, outlet, language, genre guess)
READABILITY_PAGES = [
    ("ars-1", "Ars Technica", "en", "tech"),
    ("bbc-1", "BBC News", "en", "politics"),
    ("breitbart", "Breitbart", "en", "politics/media"),
    ("bug-1255978", "The Independent", "en", "business/travel"),
    ("buzzfeed-1", "BuzzFeed News", "en", "news/health"),
    ("citylab-1", "CityLab", "en", "culture feature"),
    ("cnet", "CNET", "en", "tech/business"),
    ("cnn", "CNNMoney", "en", "business/economy"),
    ("engadget", "Engadget", "en", "tech review"),
    ("guardian-1", "The Guardian", "en", "environment/science"),
    ("herald-sun-1", "Herald Sun", "en", "opinion/politics"),
    ("medicalnewstoday", "Medical News Today", "en", "science/health"),
    ("msn", "MSN", "en", "tech"),
    ("nytimes-1", "The New York Times", "en", "politics/world"),
    ("nytimes-2", "The New York Times", "en", "business"),
    ("nytimes-3", "The New York Times", "en", "local news"),
    ("nytimes-4", "The New York Times", "en", "business/economy"),
    ("quanta-1", "Quanta Magazine", "en", "science"),
    ("salon-1", "Salon", "en", "opinion/business"),
    ("schema-org-context-object", "NBC News", "en", "politics/world"),
    ("seattletimes-1", "The Seattle Times", "en", "business"),
    ("telegraph", "The Telegraph", "en", "politics/world"),
    ("theverge", "The Verge", "en", "tech"),
    ("tmz-1", "TMZ", "en", "entertainment"),
    ("wapo-1", "The Washington Post", "en", "world"),
    ("wapo-2", "The Washington Post", "en", "politics"),
    ("webmd-1", "WebMD", "en", "health/science"),
    ("wikia", "Fandom (Wikia)", "en", "entertainment"),
    ("wordpress", "WP Tavern", "en", "tech"),
    ("yahoo-2", "Yahoo News", "en", "science/world"),
    ("yahoo-3", "Yahoo (Good Morning America)", "en", "news"),
    ("aktualne", "Aktuálně.cz", "cs", "sport"),
    ("cnet-svg-classes", "CNET en Español", "es", "tech"),
    ("folha", "Folha de S.Paulo", "pt", "sport/politics"),
    ("gmw", "Guangming Online (gmw.cn)", "zh", "science"),
    ("heise", "heise online (Mac & i)", "de", "tech"),
    ("la-nacion", "La Nación", "es", "opinion/politics"),
    ("lemonde-1", "Le Monde", "fr", "politics/tech"),
    ("liberation-1", "Libération", "fr", "world"),
    ("qq", "Tencent News (qq.com)", "zh", "tech/science"),
    ("videos-2", "Libération", "fr", "entertainment"),
    ("yahoo-4", "Yahoo! News Japan (CNET Japan)", "ja", "tech"),
    ("youth", "China Youth Net (youth.cn)", "zh", "education/politics"),
]

MERCURY_PAGES = [
    ("latimes.html", "Los Angeles Times", "en", "business/politics"),
    ("nytimes.html", "The New York Times", "en", "politics"),
    ("vulture.html", "Vulture", "en", "entertainment"),
    ("wired.html", "WIRED", "en", "science"),
    ("247sports.com/1481309665090.html", "247Sports", "en", "sport"),
    ("abcnews.go.com/1481922563840.html", "ABC News", "en", "politics"),
    ("deadspin.com/1476389931786.html", "Deadspin", "en", "sport"),
    ("deadspin.com/1477505848605.html", "Deadspin", "en", "sport/politics"),
    ("fandom.wikia.com/1475595373938.html", "Fandom", "en", "entertainment"),
    ("fusion.net/1482529202024.html", "Fusion", "en", "entertainment"),
    ("gothamist.com/1489073770258.html", "Gothamist", "en", "local news"),
    ("mashable.com/1481670648585.html", "Mashable", "en", "news"),
    ("money.cnn.com/1480437611330.html", "CNNMoney", "en", "business"),
    ("newrepublic.com/1480434805231.html", "The New Republic", "en", "entertainment review"),
    ("newrepublic.com/1480446502259.html", "The New Republic", "en", "politics"),
    ("news.nationalgeographic.com/1481919545107.html", "National Geographic", "en", "science"),
    ("nymag.com/ailes.html", "New York Magazine", "en", "politics/media"),
    ("observer.com/1481925269939.html", "Observer", "en", "science"),
    ("pagesix.com/1482254007534.html", "Page Six", "en", "entertainment"),
    ("people.com/1481580462922.html", "People", "en", "entertainment"),
    ("qz.com/1481758330660.html", "Quartz", "en", "tech/business"),
    ("sciencefly.com/1482530492413.html", "ScienceFly", "en", "science"),
    ("uproxx.com/1481324633976.html", "Uproxx", "en", "politics"),
    ("www.al.com/1482445422101.html", "AL.com", "en", "crime/local"),
    ("www.americanow.com/1482528557836.html", "AmericaNow", "en", "politics"),
    ("www.aol.com/1480618816916.html", "AOL", "en", "news"),
    ("www.bloomberg.com/1481135708958.html", "Bloomberg", "en", "politics/business"),
    ("www.bloomberg.com/1481136509532.html", "Bloomberg", "en", "business"),
    ("www.bloomberg.com/1481138014494.html", "Bloomberg", "en", "business/markets"),
    ("www.broadwayworld.com/1476392567143.html", "BroadwayWorld", "en", "entertainment"),
    ("www.buzzfeed.com/1475531975121.html", "BuzzFeed", "en", "entertainment"),
    ("www.buzzfeed.com/1480717502688.html", "BuzzFeed News", "en", "politics"),
    ("www.cbssports.com/1482254907948.html", "CBS Sports", "en", "sport"),
    ("www.chicagotribune.com/1481669367099.html", "Chicago Tribune", "en", "politics"),
    ("www.cinemablend.com/1482432215722.html", "CinemaBlend", "en", "entertainment"),
    ("www.cnbc.com/1482251664848.html", "CNBC", "en", "business"),
    ("www.cnet.com/1482428196806.html", "CNET", "en", "tech"),
    ("www.cnn.com/1480458253239.html", "CNN", "en", "politics"),
    ("www.dmagazine.com/1481755804475.html", "D Magazine", "en", "sport"),
    ("www.eonline.com/1481567592820.html", "E! Online", "en", "entertainment"),
    ("www.fool.com/1489175437362.html", "The Motley Fool", "en", "business"),
    ("www.huffingtonpost.com/1480454076105.html", "HuffPost", "en", "politics"),
    ("www.inquisitr.com/1481665067498.html", "Inquisitr", "en", "politics"),
    ("www.latimes.com/1481928636876.html", "Los Angeles Times", "en", "local/education"),
    ("www.macrumors.com/1484778558090.html", "MacRumors", "en", "tech"),
    ("www.miamiherald.com/1481571585318.html", "Miami Herald", "en", "business"),
    ("www.msn.com/1475506925474.html", "MSN (Medical Daily)", "en", "science/health"),
    ("www.msnbc.com/1482261084088.html", "MSNBC", "en", "politics"),
    ("www.nationalgeographic.com/1481921323654.html", "National Geographic", "en", "science/society"),
    ("www.nbcnews.com/1481667763790.html", "NBC News", "en", "tech/science"),
    ("www.newyorker.com/1475248565793.html", "The New Yorker", "en", "tech/science"),
    ("www.nj.com/1481666201503.html", "NJ.com", "en", "crime/local"),
    ("www.npr.org/1481842125199.html", "NPR", "en", "crime/justice"),
    ("www.nydailynews.com/1481917212613.html", "New York Daily News", "en", "politics"),
    ("www.nytimes.com/1474061823854.html", "The New York Times", "en", "culture"),
    ("www.nytimes.com/1474318141888.html", "The New York Times", "en", "crime/local"),
    ("www.nytimes.com/1539194812689.html", "The New York Times", "en", "politics"),
    ("www.opposingviews.com/1482427531189.html", "Opposing Views", "en", "politics/business"),
    ("www.politico.com/1475617690069.html", "Politico", "en", "politics"),
    ("www.prospectmagazine.co.uk/1488476298434.html", "Prospect", "en", "politics"),
    ("www.rawstory.com/1482439337481.html", "Raw Story", "en", "entertainment/politics"),
    ("www.recode.net/1481841159344.html", "Recode", "en", "tech/politics"),
    ("www.reuters.com/1481754223635.html", "Reuters", "en", "business/economy"),
    ("www.rollingstone.com/1482380017694.html", "Rolling Stone", "en", "entertainment"),
    ("www.sbnation.com/1481062909839.html", "SB Nation", "en", "sport"),
    ("www.si.com/1484253704408.html", "Sports Illustrated", "en", "sport"),
    ("www.slate.com/1489160616058.html", "Slate", "en", "politics"),
    ("www.theatlantic.com/1474321707642.html", "The Atlantic", "en", "tech/news"),
    ("www.theguardian.com/1480457558008.html", "The Guardian", "en", "politics"),
    ("www.thepoliticalinsider.com/1482255981213.html", "The Political Insider", "en", "politics"),
    ("www.theverge.com/1480520999617.html", "The Verge", "en", "tech/politics"),
    ("www.theverge.com/1480526003318.html", "The Verge", "en", "tech"),
    ("www.tmz.com/1480368537455.html", "TMZ", "en", "entertainment"),
    ("www.today.com/1482432737905.html", "TODAY", "en", "entertainment"),
    ("www.usmagazine.com/1481147005164.html", "Us Weekly", "en", "entertainment"),
    ("www.vox.com/1481563623532.html", "Vox", "en", "politics/tech"),
    ("www.washingtonpost.com/1480364838420.html", "The Washington Post", "en", "politics"),
    ("www.washingtonpost.com/1546958901450.html", "The Washington Post", "en", "opinion"),
    ("www.westernjournalism.com/1482520953825.html", "Western Journalism", "en", "world"),
    ("www.wired.com/1475256747028.html", "WIRED", "en", "science"),
    ("ici.radio-canada.ca/1489433621634.html", "Radio-Canada", "fr", "business/justice"),
    ("www.qdaily.com/1488417691505.html", "Qdaily (好奇心日报)", "zh", "tech"),
]

TRAFILATURA_PAGES = [
    ("dw.com.colonial", "DW", "en", "politics/culture"),
    ("dw.com.uncork", "DW", "en", "culture"),
    ("knowtechie.com.rally", "KnowTechie", "en", "tech"),
    ("nationalgeographic.co.uk.goats", "National Geographic UK", "en", "science"),
    ("nature.com.telescope", "Nature", "en", "science"),
    ("phys.org.tool", "Phys.org", "en", "science"),
    ("reuters.com.parasite", "Reuters", "en", "entertainment"),
    ("salon.com.emissions", "Salon", "en", "science/environment"),
    ("theguardian.com.academics", "The Guardian", "en", "education"),
    ("theverge.com.ios13", "The Verge", "en", "tech"),
    ("threatpost.com.android", "Threatpost", "en", "tech/security"),
    ("vancouversun.com.microsoft", "Vancouver Sun", "en", "business/tech"),
    ("vice.com.amazon", "Vice", "en", "environment"),
    ("cnet.de.schutz", "CNET.de", "de", "tech/law"),
    ("computerbase.de.htc", "ComputerBase", "de", "tech"),
    ("correctiv.org.zusage", "Correctiv", "de", "politics (investigative)"),
    ("faz.net.streaming", "FAZ.NET", "de", "business/music"),
    ("futurezone.at.lyft", "futurezone", "de", "tech"),
    ("heise.de.lithium", "heise online", "de", "science/tech"),
    ("jolie.de.adele", "jolie.de", "de", "entertainment"),
    ("meedia.de.freenet", "Meedia", "de", "media business"),
    ("netzpolitik.org.abmahnungen", "netzpolitik.org", "de", "law/tech (investigative)"),
    ("rnz.de.witzel", "Rhein-Neckar-Zeitung", "de", "culture"),
    ("sonntag-sachsen.de.emanuel", "Der Sonntag (Sachsen)", "de", "culture/church"),
    ("spiegel.de.albtraum", "Der Spiegel", "de", "media"),
    ("sueddeutsche.de.flixtrain", "Süddeutsche Zeitung", "de", "business"),
    ("zeit.de.zugverkehr", "ZEIT ONLINE", "de", "travel/politics"),
    ("franceculture.fr.idees", "France Culture", "fr", "culture (radio column)"),
]

SOURCES = [
    {
        "key": "readability",
        "registry": "crates.io",
        "package": "readabilityrs",
        "version": "0.1.4",
        "archive": "readabilityrs-0.1.4.crate",
        "sha256": "7c42603b08707aa2d44baa0ff2ec8fb89d66fbce4bc8eb5eec894009b6d18159",
        "licence": "Apache-2.0 (crate file LICENSE, Cargo.toml); the test pages are "
        "Mozilla Readability's test corpus (mozilla/readability, Apache-2.0)",
        "root": "readabilityrs-0.1.4/tests/test-pages",
        "pages": READABILITY_PAGES,
    },
    {
        "key": "mercury",
        "registry": "npm",
        "package": "@postlight/mercury-parser",
        "version": "1.1.1",
        "archive": "postlight-mercury-parser-1.1.1.tgz",
        "sha256": "f15f33e2c98dab28c7e462bf8dc0c167e6fba5db164942e2346b653eb1b6431d",
        "licence": "MIT or Apache-2.0 at the user's choice (package files LICENSE-MIT, "
        "Copyright (c) 2019 Postlight, and LICENSE-APACHE; package.json says MIT)",
        "root": "package/fixtures",
        "pages": MERCURY_PAGES,
    },
    {
        "key": "trafilatura",
        "registry": "PyPI",
        "package": "trafilatura",
        "version": "1.1.0",
        "archive": "trafilatura-1.1.0.tar.gz",
        "sha256": "650678fe3b3219795ccc72d8d37d2a9dc8c3070529598fddc2809ccd27c55bc4",
        "licence": "GPL-3.0-or-later (sdist file LICENSE, PKG-INFO 'GPLv3+'; later "
        "trafilatura releases are Apache-2.0 but no longer ship these pages)",
        "root": "trafilatura-1.1.0/tests/cache",
        "pages": TRAFILATURA_PAGES,
    },
]


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def download(source: dict, src: Path) -> None:
    name, version = source["package"], source["version"]
    target = src / source["archive"]
    if source["registry"] == "PyPI":
        cmd = [sys.executable, "-m", "pip", "download", "--no-binary", ":all:",
               "--no-deps", "--quiet", "-d", str(src), f"{name}=={version}"]
        subprocess.run(cmd, check=False)
    elif source["registry"] == "npm":
        subprocess.run(["npm", "pack", "--silent", f"{name}@{version}"],
                       cwd=src, check=False, stdout=subprocess.DEVNULL)
    else:
        url = f"https://static.crates.io/crates/{name}/{name}-{version}.crate"
        subprocess.run(["curl", "-sfL", "-o", str(target), url], check=False)


def fetch(source: dict, src: Path) -> Path:
    archive = src / source["archive"]
    if not archive.exists():
        src.mkdir(parents=True, exist_ok=True)
        download(source, src)
    if not archive.exists():
        sys.exit(f"could not download {source['archive']} from "
                 f"{source['registry']} into {src}")
    got = sha256(archive)
    if got != source["sha256"]:
        sys.exit(f"{archive}: SHA-256 {got}, expected {source['sha256']}")
    return archive


BLOCKS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "ol", "p", "pre", "section", "table", "td",
    "th", "tr", "ul",
}


class TextOf(HTMLParser):
    """Plain text of an HTML fragment: one paragraph per block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skip = 0

    def flush(self) -> None:
        text = " ".join("".join(self.current).split())
        if text:
            self.paragraphs.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in BLOCKS:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCKS:
            self.flush()

    def handle_data(self, data):
        if not self.skip:
            self.current.append(data)


def text_of(fragment: bytes) -> str:
    parser = TextOf()
    parser.feed(fragment.decode("utf-8", "replace"))
    parser.close()
    parser.flush()
    return "\n\n".join(parser.paragraphs) + "\n"


def attr(page: str, pattern: str) -> str | None:
    found = re.search(pattern, page, re.I | re.S)
    return html.unescape(found.group(1)).strip() if found else None


def page_url(page: bytes) -> str | None:
    """og:url, else the canonical link, when it is an absolute http(s) URL."""
    text = page.decode("utf-8", "replace")
    for pattern in (
        r"<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"']([^\"']+)",
        r"<meta[^>]+content=[\"']([^\"']+)[\"'][^>]*property=[\"']og:url[\"']",
        r"<link[^>]+rel=[\"']canonical[\"'][^>]*href=[\"']([^\"']+)",
        r"<link[^>]+href=[\"']([^\"']+)[\"'][^>]*rel=[\"']canonical[\"']",
    ):
        url = attr(text, pattern)
        if url and url.startswith(("http://", "https://")):
            return url
    return None


def html_lang(page: bytes) -> str:
    text = page[:20000].decode("utf-8", "replace")
    return attr(text, r"<html[^>]*\blang=[\"']?([\w-]+)") or "-"


def mercury_urls(read, names) -> dict[str, str]:
    """Fixture -> URL from the extractor tests (the URL set before the read)."""
    urls: dict[str, str] = {}
    for name in names:
        if not name.endswith(".test.js"):
            continue
        text = read(name).decode("utf-8", "replace")
        tokens = [(m.start(), "url", m.group(1)) for m in re.finditer(
            r"\burl\s*=\s*['\"](https?://[^'\"]+)['\"]", text)]
        tokens += [(m.start(), "file", m.group(1)) for m in re.finditer(
            r"['\"]\./fixtures/([^'\"]+\.html)['\"]", text)]
        last = None
        for _, kind, value in sorted(tokens):
            if kind == "url":
                last = value
            elif last:
                urls.setdefault(value, last)
    return urls


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "out/web-devset")
    archives = {s["key"]: fetch(s, out / "src") for s in SOURCES}
    pages = out / "pages"
    if pages.exists():
        shutil.rmtree(pages)
    pages.mkdir(parents=True)

    seen: dict[str, str] = {}
    rows: dict[str, list[str]] = {}
    skipped: list[str] = []
    counts = {"en": 0, "other": 0, "txt": 0, "url": 0}
    for source in SOURCES:
        key, root = source["key"], source["root"]
        rows[key] = []
        with tarfile.open(archives[key]) as tar:
            members = {m.name: m for m in tar.getmembers() if m.isfile()}

            def read(name: str) -> bytes:
                return tar.extractfile(members[name]).read()

            if key == "mercury":
                test_urls = mercury_urls(read, members)
            elif key == "trafilatura":
                tests = read(root.rsplit("/", 1)[0] + "/realworld_tests.py")
                test_urls = {f: u for u, f in re.findall(
                    r"['\"](https?://[^'\"]+)['\"]\s*:\s*['\"]([^'\"]+\.html)['\"]",
                    tests.decode("utf-8", "replace"))}
            else:
                test_urls = {}

            for entry, outlet, lang, genre in source["pages"]:
                if key == "readability":
                    path = f"{root}/{entry}/source.html"
                    name = f"readability_{entry}"
                    fixture = entry
                elif key == "mercury":
                    path = f"{root}/{entry}"
                    host, _, stem = entry.rpartition("/")
                    stem = stem[:-len(".html")]
                    host = host[4:] if host.startswith("www.") else host
                    name = f"mercury_{host}_{stem}" if host else f"mercury_{stem}"
                    fixture = entry
                else:
                    path = f"{root}/{entry}.html"
                    name = f"trafilatura_{entry}"
                    fixture = f"{entry}.html"
                if path not in members:
                    sys.exit(f"{archives[key]}: no {path}")
                page = read(path)
                digest = hashlib.sha256(page).hexdigest()
                if digest in seen:
                    skipped.append(f"{name} (same HTML as {seen[digest]})")
                    continue
                seen[digest] = name
                (pages / f"{name}.html").write_bytes(page)
                if key == "trafilatura":
                    url = test_urls.get(fixture) or page_url(page)
                else:
                    url = page_url(page) or test_urls.get(fixture)
                if url:
                    (pages / f"{name}.url").write_text(url + "\n")
                    counts["url"] += 1
                has_txt = False
                expected = f"{root}/{entry}/expected.html"
                if key == "readability" and expected in members:
                    text = text_of(read(expected))
                    if text.strip():
                        (pages / f"{name}.txt").write_text(text)
                        has_txt = True
                        counts["txt"] += 1
                counts["en" if lang == "en" else "other"] += 1
                rows[key].append(
                    f"| {name} | {outlet} | {lang} | {genre} | {html_lang(page)} "
                    f"| `{path}` | {'yes' if has_txt else 'no'} "
                    f"| {url or '-'} |")

    lines = [
        "# Web news development set: provenance",
        "",
        "Real saved news article pages taken from the test data shipped in the",
        "source archives below, downloaded by `scripts/web_devset.py`. The pages",
        "are news articles of their publishers, kept in the packages as test data;",
        "they are used here offline for measurement only and are not committed to",
        "the newsnlp repository. The packages' licences cover the packages, not",
        "the publishers' articles. None of these pages is in the newspaper4k 0.9.6",
        "set of `scripts/html_devset.py` (checked by URL).",
        "",
        f"Pages: {counts['en'] + counts['other']} ({counts['en']} English, "
        f"{counts['other']} in other languages); {counts['txt']} with NAME.txt, "
        f"{counts['url']} with NAME.url.",
        "",
        "- NAME.html: the page's bytes as shipped.",
        "- NAME.url: the URL from the package's tests (trafilatura's",
        "  `tests/realworld_tests.py` MOCK_PAGES; Mercury's extractor tests when the",
        "  page has no og:url / canonical link) or from the page itself.",
        "- NAME.txt (readability_* only): plain text of Mozilla Readability's",
        "  `expected.html` for the page, i.e. Readability.js's reviewed test",
        "  expectation, not an independent annotation; one paragraph per block",
        "  element, blank line between paragraphs. It may include a heading,",
        "  captions or a byline that Readability keeps.",
        "- lang: the page's language as read by hand; `html lang` is the page's",
        "  own attribute (often missing or wrong, e.g. Libération says `en`).",
        "- genre: a guess from the headline and section.",
        "",
    ]
    for source in SOURCES:
        key = source["key"]
        lines += [
            f"## {source['package']} {source['version']} ({source['registry']})",
            "",
            f"- Archive: `{source['archive']}`, SHA-256 `{source['sha256']}`.",
            f"- Licence: {source['licence']}.",
            f"- Pages ({len(rows[key])}):",
            "",
            "| page | outlet | lang | genre | html lang | file in archive | .txt | URL |",
            "| --- | --- | --- | --- | --- | --- | --- | --- |",
            *rows[key],
            "",
        ]
    if skipped:
        lines.append("Skipped: " + ", ".join(skipped) + ".")
    (out / "PROVENANCE.md").write_text("\n".join(lines) + "\n")
    print(f"{counts['en'] + counts['other']} pages ({counts['en']} English, "
          f"{counts['other']} other languages, {counts['txt']} with expected "
          f"text) in {pages} (provenance: {out / 'PROVENANCE.md'})")


if __name__ == "__main__":
    main()
