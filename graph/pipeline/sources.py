"""Where each stored article came from, so that a build never silently replaces an article built from another file.

An article is named by its file name (`dcterms:identifier`, and the slug of its IRIs), so `story.txt` in folder A
and `story.txt` in folder B are one article to the store. Within one build the second is skipped (graph/ingest.py).
Across builds, `build A` then `build B` would replace A's article by B's; to refuse that, a local store keeps, for
each article graph, the resolved path of the file it was last built from, in `guildgraph-sources.json` inside the
store's directory (not in the graphs: the exports write every named graph, and must not hold the paths of one
machine). A build then refuses to replace an article whose text changed when the file it came from is another file
and still exists; the article is reported as skipped with both paths, and the stored one is kept. Allowed:
the same file (an edit), a file whose old source is gone (the folder moved), the same text from another file (it
is not a replacement), and `--prune` (the store is to hold only what is under the paths given).

A store built before this record existed, or a SPARQL endpoint (no directory of ours), has no record: there the
check is the one within a build.

The record also keeps the sha256 and identifier of every article graph, with the store's state token after the
build that saved it (graph/store/local.py `changes`): while the store still has that token, nothing has written it
since, and the next build plans from the record instead of asking the store (1.2 s at 10,000 articles). And it
keeps what each article file gave when it was last read, with the file's state (graph/ingest.py `KnownFile`), so
that a build reads again only the files that changed.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..ingest import Article, KnownFile, Skipped

if TYPE_CHECKING:
    from .incremental import StoredArticle

SOURCES_FILE = "guildgraph-sources.json"


def origin(article: Article, folders: dict[str, str] | None = None) -> str:
    """The resolved path of the file `article` was read from. `folders` caches resolved folders: a file that is
    no link is its resolved folder and its name (one system call, not one per part of the path)."""
    if folders is None or os.path.islink(article.source):
        return str(Path(article.source).resolve())
    folder, name = os.path.split(article.source)
    if folder not in folders:
        folders[folder] = str(Path(folder or ".").resolve())
    return os.path.join(folders[folder], name)


def _record_path(store) -> Path | None:
    path = getattr(store, "path", None)
    return Path(path) / SOURCES_FILE if isinstance(path, (str, os.PathLike)) else None


@dataclass(frozen=True)
class Record:
    sources: dict[str, str]  # graph IRI -> the resolved path of the file its article was last built from
    articles: dict[str, tuple[str | None, str | None]] | None  # graph IRI -> (sha256, identifier); None: unknown
    files: dict[str, KnownFile]  # article file -> what it gave when last read
    data: dict | None = None  # the record as read (a build that changes nothing leaves the file as it is)


def _token(store) -> str | None:
    changes = getattr(store, "changes", None)
    return changes().now if changes is not None else None


def load(store) -> Record:
    """The record as the last builds left it (empty without one); its articles only while the store is as that
    build left it."""
    path = _record_path(store)
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path is not None and path.is_file() else {}
    except (OSError, ValueError):
        data = {}  # an unreadable record is no record: the check falls back to the one within a build
    data = data if isinstance(data, dict) else {}
    sources = data.get("sources")
    sources = {str(k): str(v) for k, v in sources.items()} if isinstance(sources, dict) else {}
    files = _files(data.get("files"))
    articles, token = data.get("articles"), _token(store)
    if token is None or data.get("store") != token or not isinstance(articles, dict):
        return Record(sources, None, files, data)
    try:
        return Record(sources, {str(g): (sha, ident) for g, (sha, ident) in articles.items()}, files, data)
    except (TypeError, ValueError):
        return Record(sources, None, files, data)


def _files(data) -> dict[str, KnownFile]:
    """The known files of a record ({} if it has none, or they do not read as written by `_file_data`)."""
    try:
        return {path: KnownFile((size, mtime, ctime, ino), tuple(
                    Article(ident, "", sha, title, dt.date.fromisoformat(day) if day else None, url, path)
                    for ident, sha, title, day, url in articles))
                for path, (size, mtime, ctime, ino, articles) in data.items()}
    except (AttributeError, TypeError, ValueError):
        return {}


def _file_data(files: Mapping[str, KnownFile]) -> dict[str, list]:
    return {path: [*known.state, [[a.identifier, a.sha256, a.title, a.date.isoformat() if a.date else None, a.url]
                                  for a in known.articles]]
            for path, known in sorted(files.items())}


def unchanged(record: Record, store, files: Mapping[str, KnownFile]) -> bool:
    """Nothing the record says has changed: the store is as it was when the record was written (so are its
    articles) and every file is in the state recorded (so is where it was read from). A no-op build then skips
    computing the record again (0.3 s at 10,000 articles)."""
    return (record.data is not None and record.articles is not None and record.data.get("store") == _token(store)
            and files == record.files)


def save(store, sources: Mapping[str, str], articles: Mapping[str, tuple[str | None, str | None]],
         files: Mapping[str, KnownFile], before: dict | None = None) -> None:
    """Write the record, with the store's token now, unless it is `before` (the record as read); atomically: a
    build killed here leaves the old record or the new one, and the old one's token no longer matches a store
    written since."""
    path = _record_path(store)
    if path is None or getattr(store, "read_only", False):
        return
    record = {"sources": dict(sorted(sources.items())), "store": _token(store),
              "articles": {g: list(v) for g, v in sorted(articles.items())}, "files": _file_data(files)}
    if record == before:
        return
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def refusal(article: Article, graph: str, sources: Mapping[str, str]) -> Skipped | None:
    """Why `article` (whose text differs from the stored one of its name) must not replace it, or None."""
    before = sources.get(str(graph))
    if before is None or before == origin(article) or not Path(before).exists():
        return None
    return Skipped(article.source, f"the store holds {article.identifier} built from {before}, another file with "
                                   "the same name; this one would replace it, so it is not built (rename one of "
                                   "the files, or build with --prune to keep only the articles under the paths "
                                   "given)")


def after_build(sources: Mapping[str, str], stored: Mapping[str, StoredArticle],
                written: list[tuple[str, Article]], dropped: set[str]
                ) -> tuple[dict[str, str], dict[str, tuple[str | None, str | None]]]:
    """The record's sources and articles after a build: the graphs stored before and not dropped, and each
    article built or confirmed unchanged (`written`) with the file it was read from, its sha256 and identifier."""
    kept = {str(g): a for g, a in stored.items() if g not in dropped}
    out = {g: s for g, s in sources.items() if g in kept}
    articles = {g: (a.sha256, a.identifier) for g, a in kept.items()}
    folders: dict[str, str] = {}
    for g, a in written:
        out[str(g)] = origin(a, folders)
        articles[str(g)] = (a.sha256, a.identifier)
    return out, articles
