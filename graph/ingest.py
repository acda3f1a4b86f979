"""Ingest: files (.txt, .md, .html, .jsonl) into Articles, with bad inputs reported and skipped."""
from __future__ import annotations

import datetime as dt
import hashlib
import html.parser
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

#: Articles above this size are refused: news articles are a few thousand words; anything larger is a dump or a
#: mis-pointed path, and would stall the NLP.
MAX_BYTES = 2_000_000
SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")


@dataclass(frozen=True)
class Article:
    """One news article as the pipeline sees it: text with offsets that evidence refers to."""

    identifier: str  # the file name (with "#N" for line N of a .jsonl file)
    text: str
    sha256: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    source: str = ""  # path it was read from

    @property
    def slug(self) -> str:
        return slugify(self.identifier)


@dataclass(frozen=True)
class Skipped:
    """An input that could not become an article, and why (shown to the user, counted in the summary)."""

    path: str
    reason: str


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Skipped] = field(default_factory=list)


def slugify(text: str) -> str:
    """A lowercase IRI-safe slug; stable so IRIs are deterministic."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()  # "Renée" is "renee"
    s = re.sub(r"[^A-Za-z0-9]+", "-", plain.replace("\u2019", "").replace("'", "")).strip("-").lower()
    return s or "x"


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files to read, directories walked in sorted order so every build sees them in the same order."""
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                hidden = any(part.startswith(".") for part in f.relative_to(p).parts)  # .git/, .ipynb_checkpoints/
                if f.is_file() and f.suffix.lower() in SUFFIXES and not hidden:
                    yield f
        else:
            yield p


def _decode(data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise ValueError("binary content (NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ValueError(f"not UTF-8 text ({e.reason} at byte {e.start})") from None


def _split_date_line(text: str) -> tuple[str, dt.date | None]:
    """The corpus convention: an optional first line ` date YYYY-MM-DD` gives the publication date.

    The date line is replaced by line breaks, not removed, so character offsets still index the file's text (blanks
    before the first word would make the tagger read it as a name: "Members" as a proper noun).
    """
    m = _DATE_LINE.match(text)
    if not m:
        return text, None
    try:
        date = dt.date.fromisoformat(m.group(1))
    except ValueError:
        return text, None
    return "\n" * m.end() + text[m.end():], date


class _HTMLText(html.parser.HTMLParser):
    """Visible text of an HTML page: scripts, styles and templates dropped, block elements as line breaks."""

    SKIP = {"script", "style", "template", "noscript", "head"}
    BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: str | None = None
        self.published: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag == "body":  # `</head>` is optional in HTML: the body starts the visible text whatever came before
            self._skip = 0
        if tag == "title":
            self._in_title = True
        elif tag in self.SKIP:
            self._skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")
        if tag == "meta":
            a = dict(attrs)
            if a.get("property") in ("article:published_time",) or a.get("name") in ("date", "pubdate"):
                self.published = a.get("content")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag in self.SKIP and self._skip:
            self._skip -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._in_title:
            self.title = (self.title or "") + data
        elif not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str | None, str | None]:
    """(text, title, published) of an HTML page."""
    parser = _HTMLText()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n\s*", "\n\n", text).strip()
    title = re.sub(r"\s+", " ", parser.title).strip() if parser.title else None
    return text, title, parser.published


def _parse_date(value) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _title_from_text(text: str) -> str | None:
    """A short first line reads as the headline; a long one is body text, so no title."""
    first = text.strip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 120 and not first.endswith((".", "\u201d", '"')) else None


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_file(path: Path) -> list[Article]:
    """The articles in one file; raises ValueError with the reason it cannot be used."""
    size = path.stat().st_size
    if size == 0:
        raise ValueError("empty file")
    if size > MAX_BYTES:
        raise ValueError(f"too large ({size} bytes; the limit is {MAX_BYTES})")
    data = path.read_bytes()
    raw = _decode(data)
    if not raw.strip():
        raise ValueError("no text (only whitespace)")
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return _read_jsonl(path, raw)
    if suffix in (".html", ".htm"):
        text, title, published = html_to_text(raw)
        if not text:
            raise ValueError("no visible text in the HTML")
        return [Article(path.name, text, _sha(data), title, _parse_date(published), source=str(path))]
    text, date = _split_date_line(raw)
    if not text.strip():
        raise ValueError("no text after the date line")
    if suffix == ".md":
        title = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("# ")), None)
    else:
        title = _title_from_text(text)
    return [Article(path.name, text, _sha(data), title or None, date, source=str(path))]


def _read_jsonl(path: Path, raw: str) -> list[Article]:
    out = []
    for n, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            raise ValueError(f"line {n}: not JSON ({e.msg})") from None
        if not isinstance(rec, dict) or not isinstance(rec.get("text"), str) or not rec["text"].strip():
            raise ValueError(f"line {n}: no \"text\" field")
        for key in ("title", "date", "url"):
            if rec.get(key) is not None and not isinstance(rec[key], str):
                raise ValueError(f"line {n}: \"{key}\" is not a string")
        text = rec["text"]
        out.append(Article(f"{path.name}#{n}", text, _sha(text.encode("utf-8")), rec.get("title") or None,
                           _parse_date(rec.get("date")), rec.get("url") or None, source=str(path)))
    if not out:
        raise ValueError("no articles in the JSON lines")
    return out


def ingest(paths: Iterable[str | Path]) -> IngestResult:
    """Read every article under `paths`; unreadable inputs and repeated texts are listed, never fatal."""
    result = IngestResult()
    seen: dict[str, str] = {}
    names: dict[str, str] = {}  # article slug -> path: the slug names the article's graph, so two must differ
    for path in iter_files(paths):
        try:
            if not path.exists():
                raise ValueError("no such file or directory")
            if path.suffix.lower() not in SUFFIXES:
                raise ValueError(f"unsupported file type {path.suffix or '(none)'}; use one of {', '.join(SUFFIXES)}")
            articles = read_file(path)
        except (ValueError, OSError) as e:
            result.skipped.append(Skipped(str(path), str(e) if isinstance(e, ValueError) else e.strerror or str(e)))
            continue
        for art in articles:
            if art.sha256 in seen:
                result.duplicates.append(Skipped(f"{path}:{art.identifier}", f"same text as {seen[art.sha256]}"))
                continue
            where = str(path) if art.identifier == path.name else f"{path}:{art.identifier}"
            if art.slug in names:
                result.skipped.append(Skipped(where, f"same article name as {names[art.slug]} (its graph would "
                                                     "replace that one's); rename the file"))
                continue
            seen[art.sha256] = art.identifier
            names[art.slug] = where
            result.articles.append(art)
    return result
