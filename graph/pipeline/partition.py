"""A partition of a cluster build: articles named by file and line, extracted on a worker into one N-Quads file.

The client cuts the articles to extract (the incremental plan's, in order) into partitions of at most
`partition_size` articles, each a list of `Piece`s: a whole file, or a range of lines of a `.jsonl` file, with the
identifier and sha256 of every article wanted from them. A worker reads the pieces itself (the inputs are on a
file system the workers share), extracts the articles with the same code as a local build (`parallel.extract_here`,
so the same triples) and writes `part-NNNNN.nq` (one named graph per article, each article's triples in the order
the local build writes them, its hl:sha256 last) and `part-NNNNN.json` (what was built, what was skipped and why)
into the shared directory. Each file is written under a temporary name and renamed when complete, so a reader never
sees half a partition, and a task run again (its worker was lost) writes the same files again.
"""
from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from distributed import WorkerPlugin

from ..ingest import Article, read_file
from ..store.sparql import to_ox
from .parallel import Extracted, extract_here

#: Per worker process: the spaCy pipeline, the reference and the build fingerprint, loaded once (`load_worker`).
_worker: dict = {}


@dataclass(frozen=True)
class Piece:
    """A file to read on the worker: all of it, or lines `lines` (first, last) of a `.jsonl` file."""

    path: str  # absolute, as the client names it (links not resolved: the file name is the article's name)
    lines: tuple[int, int] | None = None


@dataclass(frozen=True)
class Partition:
    index: int
    pieces: tuple[Piece, ...]
    wanted: tuple[tuple[str, str], ...]  # (identifier, sha256) of each article, in build order

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"


def _line(article: Article) -> int | None:
    """The line of a `.jsonl` file an article was read from (its identifier is `NAME#LINE`), or None."""
    if not article.source.lower().endswith(".jsonl"):
        return None
    return int(article.identifier.rpartition("#")[2])


def _pieces(articles: Sequence[Article]) -> tuple[Piece, ...]:
    ranges: dict[str, tuple[int, int] | None] = {}
    for a in articles:
        path, line = os.path.abspath(a.source), _line(a)
        if line is None:
            ranges[path] = None
        else:
            first, last = ranges.get(path) or (line, line)
            ranges[path] = (min(first, line), max(last, line))
    return tuple(Piece(path, lines) for path, lines in ranges.items())


def partitions(articles: Sequence[Article], size: int) -> list[Partition]:
    """`articles` in partitions of at most `size`, in order."""
    return [Partition(n, _pieces(group), tuple((a.identifier, a.sha256) for a in group))
            for n, group in enumerate(articles[i:i + size] for i in range(0, len(articles), size))]


# -- on the worker ---------------------------------------------------------------------------------------------
def load_worker() -> None:
    """Load the spaCy pipeline, the reference and the fingerprint into this process (once)."""
    if _worker:
        return
    from ..nlp import load_pipeline
    from ..reference import load_reference
    from .fingerprint import fingerprint

    _worker.update(reference=load_reference(), nlp=load_pipeline(), fingerprint=fingerprint())


class LoadPipeline(WorkerPlugin):
    """The worker plugin: each worker (a new one too, started in place of a lost one) loads the spaCy pipeline, the
    reference and the build fingerprint once, before its first task."""

    def setup(self, worker) -> None:
        load_worker()


def read_partition(partition: Partition) -> tuple[list[Article], list[dict]]:
    """The wanted articles of `partition` as this worker reads them, in order, and the ones it cannot read (their
    identifier and why: the file is gone, or changed since the client read it)."""
    found: dict[str, Article] = {}
    problems: dict[str, str] = {}
    for piece in partition.pieces:
        try:
            for a in read_file(Path(piece.path), piece.lines).articles:
                found[a.identifier] = a
        except (ValueError, OSError) as e:
            reason = str(e) if isinstance(e, ValueError) else e.strerror or str(e)
            problems.update((ident, f"cannot be read on the worker: {reason}") for ident, _ in partition.wanted
                            if _in_piece(ident, piece))
    articles, skipped = [], []
    for ident, sha in partition.wanted:
        a = found.get(ident)
        if a is not None and a.sha256 == sha:
            articles.append(a)
        else:
            why = problems.get(ident) or "changed or gone since the build read it (build again)"
            skipped.append({"identifier": ident, "reason": why})
    return articles, skipped


def _in_piece(identifier: str, piece: Piece) -> bool:
    name = os.path.basename(piece.path)
    return identifier == name or identifier.startswith(name + "#")


def _write(path: Path, data: bytes) -> None:
    """Write `path` under a temporary name, renamed when complete (one per process: a task run twice at once by
    two workers never mixes their bytes)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _nquads(done: Extracted) -> list[ox.Quad]:
    g = to_ox(done.graph)
    return [ox.Quad(to_ox(s), to_ox(p), to_ox(o), g) for s, p, o in done.triples]


def extract_partition(partition: Partition, directory: str) -> dict:
    """The task: extract `partition`, write its N-Quads and report into `directory`; the report (also written as
    JSON beside the N-Quads, which are renamed into place last)."""
    load_worker()
    articles, skipped = read_partition(partition)
    quads: list[ox.Quad] = []
    built = []
    for done in extract_here(articles, _worker["nlp"], _worker["reference"]):
        if not isinstance(done, Extracted):
            skipped.append({"identifier": done.article.identifier, "reason": done.reason})
            continue
        quads += _nquads(done)
        built.append({"identifier": done.article.identifier, "graph": str(done.graph), "triples": len(done.triples),
                      "actors": done.actors, "events": done.events, "relations": done.relations})
    out = Path(directory)
    report = {"partition": partition.index, "file": f"{partition.name}.nq", "fingerprint": _worker["fingerprint"],
              "host": os.uname().nodename, "pid": os.getpid(), "built": built, "skipped": skipped}
    _write(out / f"{partition.name}.json", (json.dumps(report, indent=1, ensure_ascii=False) + "\n").encode())
    _write(out / f"{partition.name}.nq", ox.serialize(quads, format=ox.RdfFormat.N_QUADS) if quads else b"")
    return report


__all__ = ["LoadPipeline", "Piece", "Partition", "partitions", "extract_partition", "load_worker", "read_partition"]
