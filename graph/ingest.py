"""Ingest: files (.txt, .md, .html, .jsonl) into Articles, with bad inputs reported and skipped.

Nothing here stops a build: every input that cannot become an article is a `Skipped` (its path and the reason),
every doubt about one that can is a `Notice` (a warning), and the rest goes on.

- Text: UTF-8 (a byte order mark is dropped), or UTF-16/UTF-32 with a byte order mark. Characters XML 1.0
  forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; unpaired surrogates) become a space, one for one, so
  every serialization of the graph is valid and the character offsets of evidence still index the text.
- `.jsonl`: one article per line, read line by line (the size limit is per line, not per file); a bad line is
  skipped with its line number, the good lines are articles.
- Folders are walked in sorted order; hidden files and folders (a name starting with ".") are passed over, files
  of another type are listed in `IngestResult.unsupported` (the build summary counts them), a symbolic link to a
  folder is reported, not followed.
- Dates: a first line ` date YYYY-MM-DD` gives the publication date. A date line that is not a date
  (` date 2023-13-45`) is a warning, and the article has no date (the line is blanked, not read as the title). A
  date after today is a warning but is kept: the graph of an article must not depend on the day it is built.
- Article names: the slug of the identifier (the file name) names the article's IRIs. A name that slugifies
  without loss keeps its plain slug (`002_8d6275d919f15b1e.txt` is `002-8d6275d919f15b1e-txt`); a name with
  letters, digits or symbols ASCII cannot spell (`罢工.txt`), or whose stem has none left, gets the first 8 hex
  digits of the sha256 of the name added (`txt-62ca2233`), so such names stay distinct and stable.
"""
from __future__ import annotations

import codecs
import datetime as dt
import errno
import functools
import hashlib
import json
import os
import re
import stat
import time
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Mapping

from .html_text import VisibleText

#: Articles above this size are refused: news articles are a few thousand words; anything larger is a dump or a
#: mis-pointed path, and would stall the NLP. A .jsonl file may be larger: the limit is for each of its lines.
MAX_BYTES = 2_000_000
SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")

_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b[ \t]*")
#: A first line that means to be a date line but may not hold a date: "date" and one token with a digit.
_DATE_LIKE = re.compile(r"^[ \t]*date[ \t]+(\S*\d\S*)[ \t]*(?=\r?\n|$)")
#: What XML 1.0 cannot hold (its Char production), in a Python string: C0 controls but \t \n \r, U+FFFE, U+FFFF,
#: and surrogates (in a str, a surrogate is always unpaired: a pair is decoded to one character).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# (compiled once: a pattern looked up in re's cache per call was a third of a slug's cost, 10,000 a build)
_NOT_SLUG = re.compile(r"[^A-Za-z0-9]+")
_ALNUM = re.compile("[A-Za-z0-9]")
_LINE_NUMBER = re.compile(r"#\d+$")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32", "UTF-32"), (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
         (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"), (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
         (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))


@dataclass(frozen=True)
class Article:
    """One news article as the pipeline sees it: text with offsets that evidence refers to."""

    identifier: str  # the file name (with "#N" for line N of a .jsonl file)
    text: str  # "" while unread: known from an earlier read of its unchanged file (`ingest(known=)`, `read_texts`)
    sha256: str
    title: str | None = None
    date: dt.date | None = None
    url: str | None = None
    source: str = ""  # path it was read from

    @property
    def slug(self) -> str:
        return article_slug(self.identifier)

    @property
    def unread(self) -> bool:
        return not self.text  # an article read has text: ingest refuses one without


#: A file as `os.stat` sees it: (size, mtime_ns, ctime_ns, inode). A file in the state it was in when it was
#: last read holds what it held then (the assumption of git, make and rsync).
FileState = tuple[int, int, int, int]
RACY_NS = 2_000_000_000  # a file changed this close to its read may change again unseen within one clock tick


@dataclass(frozen=True)
class KnownFile:
    """What a file gave when it was last read, to be taken again while its state is the same: its articles, unread."""

    state: FileState
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class Skipped:
    """An input that could not become an article, and why (shown to the user, counted in the summary)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Notice:
    """A warning about an input that was read: a doubtful date, say (shown to the user; nothing is skipped)."""

    path: str
    message: str


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Skipped] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)  # files in the folders given whose type is not read
    files: dict[str, KnownFile] = field(default_factory=dict)  # what to know of each file next time (see ingest)


@dataclass
class _Read:
    """What one file gave: its articles, the lines of it skipped, the warnings."""

    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)


def slugify(text: str) -> str:
    """A lowercase IRI-safe slug; stable so IRIs are deterministic."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()  # "Renée" is "renee"
    s = _NOT_SLUG.sub("-", plain.replace("\u2019", "").replace("'", "")).strip("-").lower()
    return s or "x"


def _stem(path: str) -> str:
    """`PurePosixPath(path).stem`, without building a path object."""
    name = path.rstrip("/").rpartition("/")[2]
    return name[:len(name) - len(_suffix(name))]


@functools.lru_cache(maxsize=1 << 16)  # asked for each article several times a build (graph names, plans)
def article_slug(identifier: str) -> str:
    """The slug of an article's IRIs: `slugify(identifier)`, with a short hash of the name added when the slug
    would lose what tells names apart (see the module's docstring)."""
    stem = _stem(_LINE_NUMBER.sub("", identifier))
    if identifier.isascii():  # the common case, without Unicode tables
        if _ALNUM.search(stem):
            return slugify(identifier)
    elif not any(ord(c) > 127 and unicodedata.category(c)[0] in "LNS"
                 for c in unicodedata.normalize("NFKD", identifier)) \
            and _ALNUM.search(unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()):
        return slugify(identifier)
    digest = hashlib.sha256(unicodedata.normalize("NFC", identifier).encode("utf-8", "surrogatepass")).hexdigest()
    base = slugify(identifier)
    return f"{base}-{digest[:8]}" if base != "x" else f"x-{digest[:8]}"


def clean_text(text: str) -> str:
    """`text` with each character XML 1.0 forbids replaced by a space (the length, so every offset, is kept)."""
    return _NOT_XML.sub(" ", text)


def _file_name(path: Path) -> str:
    """The file name as an article identifier: bytes the file system could not decode as U+FFFD, no controls."""
    return clean_text(path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"))


# -- finding the files ------------------------------------------------------------------------------------------
def _walk(folder: Path, result: IngestResult) -> list[str]:
    """The article files under `folder`, sorted, as `str(Path)` would write them (strings: a Path object per file
    costs more than its stat, ~0.1 s at 10,000 files); unreadable folders and links to folders are reported."""
    found: list[str] = []

    def unreadable(e: OSError) -> None:
        result.skipped.append(Skipped(str(e.filename), f"cannot read the folder: {e.strerror or e}"))
    folders = 0
    for top, dirs, files in os.walk(folder, onerror=unreadable):
        folders += 1
        here = str(Path(top))
        prefix = "" if here == "." else here if here.endswith("/") else here + "/"
        dirs[:] = [d for d in dirs if not d.startswith(".")]  # .git/, .ipynb_checkpoints/
        for d in list(dirs):
            if os.path.islink(prefix + d):
                dirs.remove(d)
                result.skipped.append(Skipped(prefix + d, "a symbolic link to a folder: not followed (give the "
                                                          "folder it points to as a path of its own)"))
        for name in files:
            if name.startswith("."):
                continue
            if _suffix(name).lower() in SUFFIXES:
                found.append(prefix + name)
            else:
                result.unsupported.append(prefix + name)
    result.unsupported.sort(key=Path)
    if folders > 1:  # Path order (by parts), without Path.__lt__'s cost per comparison
        found.sort(key=lambda f: f.split("/"))
    else:  # one folder: its names in order (a shared prefix orders as its names do)
        found.sort()
    return found


def _inputs(paths: Iterable[str | Path], result: IngestResult) -> Iterable[str]:
    """The files to read, directories walked in sorted order so every build sees them in the same order."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from _walk(p, result)
        else:
            yield str(p)


def _suffix(name: str) -> str:
    """`PurePosixPath(name).suffix` (its rule: a dot that neither starts nor ends the name), without a path object."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def _check(path: str | Path) -> os.stat_result:
    """`path`'s state, or ValueError saying why it is not a regular file one can read."""
    try:
        st = os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise ValueError("symbolic link loop (the link leads back to itself)") from None
        if e.errno == errno.ENOENT and os.path.islink(path):
            raise ValueError(f"broken symbolic link (to {os.readlink(path)}, which does not exist)") from None
        if e.errno == errno.ENOENT:
            raise ValueError("no such file or directory") from None
        raise
    if not stat.S_ISREG(st.st_mode):
        kind = "a named pipe" if stat.S_ISFIFO(st.st_mode) else "a socket" if stat.S_ISSOCK(st.st_mode) \
            else "a device"
        raise ValueError(f"not a regular file ({kind})")
    suffix = _suffix(os.fspath(path).rpartition("/")[2]).lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"unsupported file type {suffix or '(none)'}; use one of {', '.join(SUFFIXES)}")
    if st.st_size == 0:
        raise ValueError("empty file")
    if st.st_size > MAX_BYTES and suffix != ".jsonl":
        raise ValueError(f"too large ({st.st_size} bytes; the limit is {MAX_BYTES})")
    return st


# -- text -------------------------------------------------------------------------------------------------------
def _decode(data: bytes) -> str:
    """The text of `data` (see the module's docstring), or ValueError with the reason it is not text."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:  # an unpaired surrogate in UTF-16 is kept as one character, then made a space by clean_text
                return data.decode(codec, "surrogatepass" if name != "UTF-8" else "strict").lstrip("\ufeff")
            except UnicodeDecodeError as e:
                raise ValueError(f"not {name} text, though it starts with a {name} byte order mark "
                                 f"({e.reason} at byte {e.start})") from None
    if b"\x00" in data[:8192]:
        head = data[:8192]
        if len(head) > 3 and (head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4):
            raise ValueError("binary content (NUL bytes): UTF-16 text without a byte order mark? "
                             "save it as UTF-8")
        raise ValueError("binary content (NUL bytes)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ValueError(f"not UTF-8 text ({e.reason} at byte {e.start}); save it as UTF-8") from None


def _parse_date(value: str | None, what: str, where: str, warnings: list[Notice]) -> dt.date | None:
    """The date in `value` (ISO 8601: its first 10 characters) that `what` names; a value that is no date, or a date
    after today, is a warning (the first gives None, the second is kept)."""
    if not value:
        return None
    try:
        date = dt.date.fromisoformat(value.strip()[:10])
    except ValueError as e:
        detail = "not YYYY-MM-DD" if str(e).startswith("Invalid isoformat") else str(e)
        warnings.append(Notice(where, f"{what} is not a date ({detail}); the article has no date"))
        return None
    if date > dt.date.today():
        warnings.append(Notice(where, f"{what} is after today ({dt.date.today().isoformat()}); kept as the "
                                      "article's date"))
    return date


def _split_date_line(text: str, where: str, warnings: list[Notice]) -> tuple[str, dt.date | None]:
    """The corpus convention: an optional first line ` date YYYY-MM-DD` gives the publication date.

    The date line is replaced by line breaks, not removed, so character offsets still index the file's text (blanks
    before the first word would make the tagger read it as a name: "Members" as a proper noun).
    """
    m = _DATE_LINE.match(text) or _DATE_LIKE.match(text)
    if not m:
        return text, None
    line = text[:m.end()].strip("\r\n")
    date = _parse_date(m.group(1), f"the date line {line!r}", where, warnings)
    return "\n" * m.end() + text[m.end():], date


def html_to_text(markup: str) -> tuple[str, str | None, str | None]:
    """(text, title, published) of an HTML page."""
    parser = VisibleText()
    parser.feed(markup)
    parser.close()
    # character references (&#1;) are decoded by the parser, so what they give is cleaned after it
    text = clean_text("".join(parser.parts))
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r"\n\s*\n\s*", "\n\n", text).strip()
    title = re.sub(r"\s+", " ", clean_text(parser.title)).strip() if parser.title else None
    return text, title or None, parser.published


def _title_from_text(text: str) -> str | None:
    """A short first line reads as the headline; a long one is body text, so no title."""
    first = text.strip().split("\n", 1)[0].strip()
    return first if 0 < len(first) <= 120 and not first.endswith((".", "\u201d", '"')) else None


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- reading ----------------------------------------------------------------------------------------------------
def read_file(path: Path, lines: tuple[int, int] | None = None) -> _Read:
    """The articles in one file (with the lines of it skipped and the warnings); raises ValueError with the reason
    the file cannot be used at all. `lines` (first, last): of a .jsonl file, only the articles of those lines
    (a partition of a cluster build, graph/pipeline/partition.py)."""
    _check(path)
    return _read_checked(path, lines)


def _read_checked(path: Path, lines: tuple[int, int] | None = None) -> _Read:
    where, name = str(path), _file_name(path)
    if path.suffix.lower() == ".jsonl":
        return _read_jsonl(path, name, lines)
    data = path.read_bytes()
    raw = clean_text(_decode(data))
    if not raw.strip():
        raise ValueError("no text (only whitespace)")
    out = _Read()
    if path.suffix.lower() in (".html", ".htm"):
        text, title, published = html_to_text(raw)
        if not text:
            raise ValueError("no visible text in the HTML")
        date = _parse_date(published, f"the published date {published!r}", where, out.warnings)
        out.articles.append(Article(name, text, _sha(data), title, date, source=where))
        return out
    text, date = _split_date_line(raw, where, out.warnings)
    if not text.strip():
        raise ValueError("no text after the date line")
    if path.suffix.lower() == ".md":
        title = next((ln.lstrip("# ").strip() for ln in text.splitlines() if ln.startswith("# ")), None)
    else:
        title = _title_from_text(text)
    out.articles.append(Article(name, text, _sha(data), title or None, date, source=where))
    return out


def _lines(path: Path) -> Iterable[tuple[int, bytes | str | int]]:
    """(number, line) of a .jsonl file, read a line at a time (split at LF only: U+2028 and other line separators
    may stand in a JSON string); a line over MAX_BYTES is not held: its size in bytes stands for it. A file with a
    UTF-16 or UTF-32 byte order mark is decoded whole."""
    with path.open("rb") as fh:
        head = fh.read(4)
        fh.seek(0)
        if any(head.startswith(bom) for bom, _, name in _BOMS if name != "UTF-8"):
            yield from enumerate((line.rstrip("\r") for line in _decode(fh.read()).split("\n")), 1)
            return
        n, most = 0, MAX_BYTES + len(codecs.BOM_UTF8) + 2  # a BOM and CR LF do not count
        while line := fh.readline(most + 1):
            n += 1
            if len(line) > most:  # the rest of the line is read and dropped, a MiB at a time
                size = len(line)
                while not line.endswith(b"\n") and (line := fh.readline(1 << 20)):
                    size += len(line)
                yield n, size
                continue
            line = line.rstrip(b"\r\n")
            yield n, line[len(codecs.BOM_UTF8):] if n == 1 and line.startswith(codecs.BOM_UTF8) else line


def _jsonl_record(line: bytes | str | int) -> dict:
    """The JSON object of one line, or ValueError with the reason it is not an article."""
    size = line if isinstance(line, int) else len(line)
    if size > MAX_BYTES:
        raise ValueError(f"too large ({size} bytes; the limit is {MAX_BYTES})")
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as e:
            raise ValueError(f"not UTF-8 text ({e.reason} at byte {e.start} of the line)") from None
    try:
        rec = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValueError(f"not JSON: {e.msg}: column {e.colno}") from None
    if not isinstance(rec, dict):
        raise ValueError(f"not a JSON object (a {type(rec).__name__}); give {{\"text\": ...}}")
    if "text" not in rec:
        raise ValueError("no \"text\" field")
    for key in ("text", "title", "date", "url"):
        if rec.get(key) is not None and not isinstance(rec[key], str):
            raise ValueError(f"\"{key}\" is not a string")
    if not rec["text"].strip():
        raise ValueError("\"text\" is empty")
    return rec


def _read_jsonl(path: Path, name: str, lines: tuple[int, int] | None = None) -> _Read:
    out, where = _Read(), str(path)
    first, last = lines or (1, None)
    blank = lines is None  # a range of lines may be blank; a whole file may not
    for n, line in _lines(path):
        if n < first:
            continue
        if last is not None and n > last:
            break
        if not isinstance(line, int) and not line.strip():
            continue
        blank = False
        try:
            rec = _jsonl_record(line)
        except ValueError as e:
            out.skipped.append(Skipped(where, f"line {n}: {e}"))
            continue
        text = clean_text(rec["text"])
        date = _parse_date(rec.get("date"), f"line {n}: \"date\" {rec.get('date')!r}", where, out.warnings)
        title, url = (clean_text(rec[k]) if rec.get(k) else None for k in ("title", "url"))
        out.articles.append(Article(f"{name}#{n}", text, _sha(text.encode("utf-8")), title, date, url, where))
    if blank:
        raise ValueError("no text (only whitespace)")
    return out


def ingest(paths: Iterable[str | Path], known: Mapping[str, KnownFile] | None = None) -> IngestResult:
    """Read every article under `paths`; unreadable inputs and repeated texts are listed, never fatal.

    `known` (path -> what it gave when last read, as a former result's `files`): a file in the same state is not
    read again; its articles come unread (`read_texts` reads the ones needed). The result's `files` are what to
    pass next time: the files that gave articles and no warning nor skipped line, and were not changed within
    `RACY_NS` of now."""
    result = IngestResult()
    seen: dict[str, str] = {}
    names: dict[str, str] = {}  # article slug -> path: the slug names the article's graph, so two must differ
    settled = time.time_ns() - RACY_NS
    for path in _inputs(paths, result):
        name = path.rpartition("/")[2]
        try:
            st = _check(path)
            state = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            entry = known.get(path) if known else None
            got = _Read(list(entry.articles)) if entry is not None and entry.state == state \
                else _read_checked(Path(path))
        except (ValueError, OSError) as e:
            result.skipped.append(Skipped(path, str(e) if isinstance(e, ValueError) else e.strerror or str(e)))
            continue
        result.skipped += got.skipped
        result.warnings += got.warnings
        if not got.skipped and not got.warnings and max(st.st_mtime_ns, st.st_ctime_ns) < settled:
            result.files[path] = KnownFile(state, tuple(a if a.unread else replace(a, text="")
                                                        for a in got.articles))
        for art in got.articles:
            if art.sha256 in seen:
                result.duplicates.append(Skipped(f"{path}:{art.identifier}", f"same text as {seen[art.sha256]}"))
                continue
            where = path if art.identifier == name else f"{path}:{art.identifier}"
            if art.slug in names:
                result.skipped.append(Skipped(where, f"same article name as {names[art.slug]} (its graph would "
                                                     "replace that one's); rename the file"))
                continue
            seen[art.sha256] = art.identifier
            names[art.slug] = where
            result.articles.append(art)
    return result


def read_texts(articles: Iterable[Article]) -> tuple[list[Article], list[Skipped]]:
    """`articles` with the unread ones read (their files read again); an article whose file no longer gives it,
    or cannot be read now, is skipped with the reason."""
    out: list[Article] = []
    skipped: list[Skipped] = []
    files: dict[str, dict[str, Article] | str] = {}
    for art in articles:
        if not art.unread:
            out.append(art)
            continue
        if art.source not in files:
            try:
                files[art.source] = {a.identifier: a for a in read_file(Path(art.source)).articles}
            except (ValueError, OSError) as e:
                files[art.source] = str(e) if isinstance(e, ValueError) else e.strerror or str(e)
        got = files[art.source]
        if isinstance(got, str):
            skipped.append(Skipped(art.source, got))
        elif art.identifier not in got:
            skipped.append(Skipped(art.source, f"{art.identifier} is no longer in the file"))
        else:
            out.append(got[art.identifier])
    return out, skipped
