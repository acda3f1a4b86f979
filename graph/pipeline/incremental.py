"""Incremental builds: which articles to extract again, which graphs to prune, and the build fingerprint.

An article is *unchanged* when its named graph (`hlr:graph/<slug>`) holds an `hl:Document` whose `hl:sha256` is
the sha256 of the article's bytes as read now: it is skipped (no NLP, no extraction, no write). Everything is
extracted again when `--rebuild` is given or when the *build fingerprint* differs from the one stored in the
metadata graph `hlr:graph/build` (one triple: `hlr:build owl:versionInfo "guildgraph <version> sha256:<hex>"`).
The fingerprint hashes what decides an article graph's content besides the article: the package version, the
spaCy and model versions, the ontology files the reference is loaded from, and the sources of the extraction
(graph/extract/*.py, the lexicon graph/extract/lexicon/*.yaml and the modules around it).

Crash safety: every article graph is written by one `replace_graph` (one transaction on the local store), so a
killed build leaves whole article graphs, each consistent with its sha256; the next build skips them and does the
rest. The fingerprint is written *after* the articles when it changes (a build killed half-way through a rebuild
for a new extractor rebuilds everything next time), and *before* them on a store without article graphs (nothing
stale to protect; a killed first build resumes where it stopped).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..ingest import Article, Skipped
from ..prefixes import HLR_IRI, ONTOLOGY_GRAPH_IRI, REFERENCE_GRAPH_IRI
from . import sources as source_record
from .fingerprint import fingerprint

if TYPE_CHECKING:
    from rdflib import URIRef

    from ..store import Store

# Graph names are plain IRIs here: a build that finds nothing to do imports no RDF library (0.2 s of a no-op build
# at 10,000 articles). `BUILD_GRAPH` is also offered as an rdflib term, made on first use (`__getattr__`).
BUILD_GRAPH_IRI = HLR_IRI + "graph/build"
BUILD_NODE_IRI = HLR_IRI + "build"
_VERSION_INFO = "http://www.w3.org/2002/07/owl#versionInfo"
#: Graphs a build never treats as article graphs (never pruned).
RESERVED_GRAPHS = frozenset({ONTOLOGY_GRAPH_IRI, REFERENCE_GRAPH_IRI, BUILD_GRAPH_IRI})
ARTICLE_GRAPH_PREFIX = HLR_IRI + "graph/"


def __getattr__(name: str):
    if name == "BUILD_GRAPH":
        from rdflib import URIRef

        return URIRef(BUILD_GRAPH_IRI)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

_STATE_BATCH = 200  # article graphs per state query (VALUES block; keeps requests to a server small)


def _text(term) -> str:
    """The lexical form of a term of Oxigraph's (a local store's `solutions`) or rdflib's (a server's)."""
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


def stored_fingerprint(store: Store) -> str | None:
    _, rows = store.solutions(f"SELECT ?v WHERE {{ GRAPH <{BUILD_GRAPH_IRI}> {{ <{BUILD_NODE_IRI}> "
                              f"<{_VERSION_INFO}> ?v }} }}")
    return _text(rows[0][0]) if rows and rows[0][0] is not None else None


def write_fingerprint(store: Store, value: str) -> None:
    from rdflib import Literal, URIRef

    store.replace_graph(URIRef(BUILD_GRAPH_IRI), [(URIRef(BUILD_NODE_IRI), URIRef(_VERSION_INFO), Literal(value))])


@dataclass(frozen=True)
class StoredArticle:
    graph: str  # the graph's IRI
    sha256: str | None
    identifier: str | None


def graph_iri(article: Article) -> str:
    """An article's named graph, as an IRI (graph/pipeline/triples.py's `graph_iri`, which would import spaCy with
    the extraction: a build that extracts nothing does without)."""
    return ARTICLE_GRAPH_PREFIX + article.slug


def is_article_graph_name(graph: str | URIRef) -> bool:
    graph = str(graph)
    return graph.startswith(ARTICLE_GRAPH_PREFIX) and graph not in RESERVED_GRAPHS


def stored_articles(store: Store, graph_names: Sequence[str | URIRef] | None = None) -> dict[str, StoredArticle]:
    """The article graphs in the store (graphs `hlr:graph/...` holding `?g prov:wasDerivedFrom ?doc` with `?doc` an
    `hl:Document`), with the sha256 and identifier of their Document."""
    names = [str(g) for g in (store.graph_names() if graph_names is None else graph_names)
             if is_article_graph_name(g)]
    wanted = set(names)
    # A server that cuts result sets short is asked in batches of graph names. The embedded store is asked once:
    # it matches `VALUES ?g` against every graph, so batches would cost O(articles²) (28 s for 10k articles).
    batches = ([names[i:i + _STATE_BATCH] for i in range(0, len(names), _STATE_BATCH)]
               if store.cuts_result_sets else [None] if names else [])
    found: dict[str, StoredArticle] = {}
    for batch in batches:
        values = "VALUES ?g { " + " ".join(f"<{g}>" for g in batch) + " }" if batch is not None else ""
        rows = store.query(f"""
            PREFIX prov: <http://www.w3.org/ns/prov#>
            PREFIX hl: <https://w3id.org/hollywood-labor/ontology#>
            PREFIX dcterms: <http://purl.org/dc/terms/>
            SELECT ?g ?sha ?id WHERE {{
              {values}
              GRAPH ?g {{ ?g prov:wasDerivedFrom ?doc . ?doc a hl:Document .
                         OPTIONAL {{ ?doc hl:sha256 ?sha }} OPTIONAL {{ ?doc dcterms:identifier ?id }} }}
            }}""")
        for g, sha, ident in rows:
            g = str(g)
            if g not in wanted:
                continue
            have = found.get(g)
            if have is None or (have.sha256 is None and sha is not None):
                found[g] = StoredArticle(g, None if sha is None else str(sha), None if ident is None else str(ident))
    return found


@dataclass
class Plan:
    """What one build does: the articles to extract, the ones skipped as unchanged, the graphs to drop."""

    fingerprint: str
    stored_fingerprint: str | None
    todo: list[Article] = field(default_factory=list)
    unchanged: list[Article] = field(default_factory=list)
    prune: list[StoredArticle] = field(default_factory=list)
    refused: list[Skipped] = field(default_factory=list)  # would replace an article built from another file
    stored: dict[str, StoredArticle] = field(default_factory=dict)  # the article graphs before the build
    full: bool = False  # every article is extracted again
    reason: str = ""  # why (empty for an incremental build)
    has_reference: bool = False  # both reference graphs are in the store
    fingerprint_first: bool = False  # write the fingerprint before the articles (see the module's docstring)


def plan(store: Store, articles: Sequence[Article], *, rebuild: bool = False, prune: bool = False,
         record: source_record.Record | None = None) -> Plan:
    """Compare `articles` (as ingested now) with the store. `record` (graph/pipeline/sources.py): its sources (graph
    IRI -> the file its article was built from) refuse an article whose text would replace one built from another
    file, unless `prune`; its articles, when the store is as they were recorded, save asking the store."""
    current = fingerprint()
    previous = stored_fingerprint(store)
    stored = _recorded(record)
    if stored is None:
        names = store.graph_names()
        stored = stored_articles(store, names)
        has_reference = {ONTOLOGY_GRAPH_IRI, REFERENCE_GRAPH_IRI} <= set(map(str, names))
    else:  # (listing the store's graphs alone took 0.08 s at 10,000 articles)
        has_reference = _has_reference(store)
    sources = record.sources if record is not None else None
    p = Plan(current, previous, has_reference=has_reference, stored=stored)
    if rebuild:
        p.full, p.reason = True, "--rebuild"
    elif previous != current:
        p.full = True
        p.reason = ("first build" if not stored else "no build fingerprint in the store" if previous is None
                    else "the extractor changed")
    p.fingerprint_first = previous == current or not stored
    wanted = set()
    for a in articles:
        g = graph_iri(a)
        wanted.add(g)
        have = stored.get(g)
        refused = None if have is None or have.sha256 == a.sha256 or prune or not sources \
            else source_record.refusal(a, g, sources)
        if refused is not None:
            p.refused.append(refused)
        elif not p.full and have is not None and have.sha256 == a.sha256:
            p.unchanged.append(a)
        else:
            p.todo.append(a)
    if prune:
        p.prune = [s for g, s in sorted(stored.items()) if g not in wanted]
    return p


def _recorded(record: source_record.Record | None) -> dict[str, StoredArticle] | None:
    """The stored articles as the record has them, if it vouches for them: it was written with the store's state
    token as it is now (`sources.load`), so no graph has been written or dropped since."""
    if record is None or record.articles is None:
        return None
    return {g: StoredArticle(g, sha, ident) for g, (sha, ident) in record.articles.items()}


def _has_reference(store: Store) -> bool:
    """Both reference graphs are in the store."""
    ask = f"ASK {{ GRAPH <{ONTOLOGY_GRAPH_IRI}> {{ ?s ?p ?o }} GRAPH <{REFERENCE_GRAPH_IRI}> {{ ?a ?b ?c }} }}"
    return bool(store.solutions(ask))


def identifiers(articles: Iterable[Article]) -> list[str]:
    return [a.identifier for a in articles]


__all__ = ["BUILD_GRAPH_IRI", "RESERVED_GRAPHS", "Plan", "plan", "fingerprint", "stored_fingerprint",
           "write_fingerprint", "stored_articles", "StoredArticle"]
