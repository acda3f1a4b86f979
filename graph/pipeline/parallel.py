"""Extraction of many articles: spaCy, the rules and the RDF of each article, in this process or in N workers.

`extract_graphs(articles, reference, jobs)` yields one `Extracted` per article, in the articles' order, whatever
`jobs` is: the store is written by the caller (one transaction per article), never by a worker.

With `jobs > 1`, a pool of `jobs` worker processes (started with `spawn`: no fork of a process that holds the
store's threads and locks) each loads the spaCy pipeline and the reference once (the pool's initializer). Articles
go to the workers in chunks of at most `CHUNK_SIZE` (spaCy's batch size, so a chunk is one `nlp.pipe` batch);
at most `jobs * IN_FLIGHT_PER_JOB` chunks are submitted ahead of the one being written, so memory holds that many
chunks' results (plus the input articles' text) however large the corpus. Results are taken in submission order,
so the output (and the store) is the same as with `jobs=1`.

One article never costs its neighbours: when spaCy's batch or one article's extraction raises, that article comes
out as `Failed` with a one-line reason (the build reports it skipped), and the articles of the batch not yet parsed
are parsed one at a time. Articles longer than `graph.nlp.PIECE_CHARS` are parsed in pieces (`graph.nlp.parse`).
"""
from __future__ import annotations

import logging
import math
import multiprocessing
from collections import deque
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from rdflib import URIRef

from .. import extract as extraction
from ..children import die_with_parent
from ..errors import ExtractionError
from ..ingest import Article
from ..namespaces import HL
from ..nlp import parse, parse_all, piece_processes
from ..reference import Reference, normalize_quotes
from .triples import build_triples, graph_iri

CHUNK_SIZE = 16  # articles per task (= the nlp.pipe batch size of a build)
IN_FLIGHT_PER_JOB = 2  # chunks submitted ahead per worker
REASON_CHARS = 300  # at most this much of an exception's message in a skipped article's reason

log = logging.getLogger(__name__)


@dataclass
class Extracted:
    """One article's graph, ready for the store."""

    article: Article
    graph: URIRef
    triples: list  # (s, p, o) rdflib terms
    actors: int
    events: int
    relations: int


@dataclass
class Failed:
    """An article whose parse or extraction raised: reported skipped, with why."""

    article: Article
    reason: str


def _failed(article: Article, error: BaseException) -> Failed:
    log.debug("extraction of %s failed", article.identifier, exc_info=error)
    message = " ".join(str(error).split()) or "no message"
    if len(message) > REASON_CHARS:
        message = message[:REASON_CHARS - 3] + "..."
    return Failed(article, f"extraction failed ({type(error).__name__}: {message})")


def _extracted(article: Article, doc, reference: Reference) -> Extracted | Failed:
    try:
        facts = extraction.extract(article, doc, reference)
        made = build_triples(facts, reference)
    except Exception as e:  # noqa: BLE001 - one article's failure is reported, never its batch's
        return _failed(article, e)
    # the Document's hl:sha256 goes last: a SPARQL server takes a large graph in several requests, and an
    # incremental build trusts a graph whose sha256 is there
    triples = [t for t in made if t[1] != HL.sha256] + [t for t in made if t[1] == HL.sha256]
    return Extracted(article, graph_iri(article), triples, len(facts.actors), len(facts.events),
                     len(facts.relations))


def _alone(article: Article, nlp, reference: Reference) -> Extracted | Failed:
    try:
        doc = parse(nlp, normalize_quotes(article.text))
    except Exception as e:  # noqa: BLE001
        return _failed(article, e)
    return _extracted(article, doc, reference)


def _extract_chunk(articles: Sequence[Article], nlp, reference: Reference,
                   processes: int = 1) -> list[Extracted | Failed]:
    out: list[Extracted | Failed] = []
    docs = parse_all(nlp, (normalize_quotes(a.text) for a in articles), CHUNK_SIZE, processes)
    for article in articles:
        try:
            doc = next(docs)
        except Exception:  # noqa: BLE001 - spaCy's batch failed: which article did is unknown
            return out + [_alone(a, nlp, reference) for a in articles[len(out):]]
        out.append(_extracted(article, doc, reference))
        del doc
    return out


# -- worker processes ------------------------------------------------------------------------------------------
_worker: dict = {}


def _init_worker() -> None:
    from ..nlp import load_pipeline
    from ..reference import load_reference

    die_with_parent()
    _worker["reference"] = load_reference()
    _worker["nlp"] = load_pipeline()


def _work(articles: Sequence[Article]) -> list[Extracted | Failed]:
    return _extract_chunk(articles, _worker["nlp"], _worker["reference"])


def extract_here(articles: Sequence[Article], nlp, reference: Reference,
                 processes: int = 1) -> Iterator[Extracted | Failed]:
    """The graph of each article (or why it has none), in order, extracted in this process with `nlp` (a long
    article's pieces parsed by `processes` processes)."""
    for i in range(0, len(articles), CHUNK_SIZE):
        yield from _extract_chunk(articles[i:i + CHUNK_SIZE], nlp, reference, processes)


def chunk_size(n: int, jobs: int) -> int:
    """At most CHUNK_SIZE articles, fewer for a small build so that every worker gets some."""
    return max(1, min(CHUNK_SIZE, math.ceil(n / max(1, jobs))))


def extract_graphs(articles: Sequence[Article], reference: Reference,
                   jobs: int = 1) -> Iterator[Extracted | Failed]:
    """The graph of each article (or why it has none), in order; `jobs` worker processes (1: this process)."""
    if not articles:
        return
    if jobs <= 1 or len(articles) == 1:
        from ..nlp import load_pipeline

        # a long article's pieces use the machine's other CPUs
        yield from extract_here(articles, load_pipeline(), reference, piece_processes())
        return
    size = chunk_size(len(articles), jobs)
    chunks = (articles[i:i + size] for i in range(0, len(articles), size))
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init_worker)
    try:
        pending: deque[Future] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_work, chunk))
            if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                break
        while pending:
            try:
                results = pending.popleft().result()
            except BrokenProcessPool as e:
                raise ExtractionError(f"an extraction worker died ({e}); out of memory? try fewer --jobs") from e
            chunk = next(chunks, None)
            if chunk is not None:
                pending.append(pool.submit(_work, chunk))
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


__all__ = ["Extracted", "Failed", "extract_graphs", "extract_here", "CHUNK_SIZE", "chunk_size"]
