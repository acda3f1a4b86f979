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
"""
from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path

from rdflib import URIRef

from ..ingest import Article, Skipped

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


def load(store) -> dict[str, str]:
    """Graph IRI -> resolved source path, as the last builds left it ({} without a record)."""
    path = _record_path(store)
    try:
        data = json.loads(path.read_text(encoding="utf-8")) if path is not None and path.is_file() else {}
    except (OSError, ValueError):
        return {}  # an unreadable record is no record: the check falls back to the one within a build
    sources = data.get("sources") if isinstance(data, dict) else None
    return {str(k): str(v) for k, v in sources.items()} if isinstance(sources, dict) else {}


def save(store, sources: Mapping[str, str]) -> None:
    """Write the record (atomically: a build killed here leaves the old record or the new one)."""
    path = _record_path(store)
    if path is None or getattr(store, "read_only", False):
        return
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"sources": dict(sorted(sources.items()))}, indent=1, ensure_ascii=False) + "\n",
                   encoding="utf-8")
    os.replace(tmp, path)


def refusal(article: Article, graph: URIRef, sources: Mapping[str, str]) -> Skipped | None:
    """Why `article` (whose text differs from the stored one of its name) must not replace it, or None."""
    before = sources.get(str(graph))
    if before is None or before == origin(article) or not Path(before).exists():
        return None
    return Skipped(article.source, f"the store holds {article.identifier} built from {before}, another file with "
                                   "the same name; this one would replace it, so it is not built (rename one of "
                                   "the files, or build with --prune to keep only the articles under the paths "
                                   "given)")


def updated(sources: Mapping[str, str], stored: set[URIRef], written: list[tuple[URIRef, Article]],
            dropped: set[URIRef]) -> dict[str, str]:
    """The record after a build: the graphs still stored, and the source of each article built or confirmed."""
    out = {g: s for g, s in sources.items() if URIRef(g) in stored and URIRef(g) not in dropped}
    folders: dict[str, str] = {}
    out.update((str(g), origin(a, folders)) for g, a in written)
    return out
