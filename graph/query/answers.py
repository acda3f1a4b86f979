"""Kept answers: a named query's answer on a local store, read back while the store holds the same data.

A report over the whole graph (fact-support at 10,000 articles: 65,000 rows, seconds to read out of the engine)
is asked again and again between builds. Its text is kept beside the store (.guildgraph/answer-cache/) under a key
made of what decides it: the data (`LocalStore.snapshot`: the state token and the store's files before the
read-only view opened, so a build's commit, even one in progress, makes a new key), the query's text, the bound
terms, the format and width, and the code that writes the text. Writable handles and remote stores are not kept.
"""
from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from ..kept import code_digest, folder_beside, read_kept, write_kept

if TYPE_CHECKING:
    from rdflib.term import Node

CACHE_DIR = "answer-cache"
CACHE_KEEP = 32  # answers kept; the least recently used go
_SUFFIX = ".answer"


@functools.lru_cache(maxsize=1)
def _writer_digest() -> str:
    """The code that evaluates an answer and turns it into text (a new version may write it differently)."""
    return code_digest(("query", "store", "prefixes.py"), ("pyoxigraph", "rdflib"))


def answer_key(store, text: str, bindings: Mapping[str, Node], fmt: str, width: int | None) -> str | None:
    """The key of this answer on this store's data; None when the data has no name (nothing is kept)."""
    snapshot = getattr(store, "snapshot", None)
    data = snapshot() if snapshot is not None else None
    if data is None:
        return None
    terms = sorted((name, term.n3()) for name, term in bindings.items())
    parts = [data, _writer_digest(), text, terms, fmt, width]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def kept_answer(store, key: str | None, answer: Callable[[], str]) -> str:
    """The answer kept under `key`, else `answer()` (kept for next time)."""
    folder = folder_beside(store, CACHE_DIR) if key is not None else None
    if folder is None:
        return answer()
    text = read_kept(folder, key, _SUFFIX)
    if text is None:
        text = answer()
        write_kept(folder, key, _SUFFIX, text, CACHE_KEEP)
    return text
