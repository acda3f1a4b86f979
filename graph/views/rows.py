"""The views' largest reads (events, their properties, statements, evidence), one triple pattern each, kept in a
local store's directory so that views made again on the same data, or after a build that added articles, do not
read them all from the engine again.

Each pattern is one predicate (and, for some, the objects that count); the views join them in Python
(graph/views/data.py). The rows are kept in two files of the store's directory, which the store leaves out of the
state of its files (graph/store/local.py `disk_state`):
* the rows a build's views read, under the store's state token (`changes`). A token names the data once its
  writer has read it (its next write makes a new one), so they are the rows of the store as the next build opens
  it; that build, if it only added graphs, reads the new graphs and adds their rows (a pattern's rows on the merged
  default graph grow by a new graph's alone); if it replaced or dropped one, whose rows may still hold in others,
  it reads every pattern again;
* the rows a read-only handle's views read, under its snapshot (`snapshot`: the token and the state of the store's
  files when it opened; a writer's commit, even one in progress, makes a new one), for the next `guildgraph view`.
  A read-only handle that sees the data the last build left when it closed (`left_by_writer`) reads that build's.
At 10,000 articles the patterns are about a million rows, which Oxigraph hands out at 5 µs or so each (9.7 s); read
back from their file (160 MB) they cost 0.5 s. A store without state (a SPARQL server) is asked each pattern on
its default graph.
"""
from __future__ import annotations

import functools
import marshal
import os
from collections.abc import Iterable
from pathlib import Path

import pyoxigraph as ox

from ..kept import code_digest
from ..query.run import lexical, select_rows
from ..vocab import EVENT_CLASSES, EVENT_ROLES, HL_IRI, RELATIONS

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_PROV = "http://www.w3.org/ns/prov#"
_XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"

#: the properties of an event the views read
EVENT_PROPERTIES = ("date", "startDate", "endDate", "proposalKind", "status", "quote", "concernsIssue", "evidence",
                    "hasTerm", *EVENT_ROLES)

#: key -> (predicate IRI, the object IRIs that count, or None for any object); `inferred` keeps `true` alone
PATTERNS: dict[str, tuple[str, frozenset[str] | None]] = {
    "type": (_RDF + "type", frozenset(HL_IRI + c for c in EVENT_CLASSES)),
    **{p: (HL_IRI + p, None) for p in EVENT_PROPERTIES},
    "predicate": (_RDF + "predicate", frozenset(HL_IRI + r for r in (*RELATIONS, "holdsPosition"))),
    "subject": (_RDF + "subject", None),
    "object": (_RDF + "object", None),
    "organization": (HL_IRI + "organization", None),
    "roleLabel": (HL_IRI + "roleLabel", None),
    "wasDerivedFrom": (_PROV + "wasDerivedFrom", None),
    "sentence": (HL_IRI + "sentence", None),
    "inferred": (HL_IRI + "inferred", None),
    "sameEventAs": (HL_IRI + "sameEventAs", None),
}
_BY_PREDICATE = {iri: key for key, (iri, _) in PATTERNS.items()}

#: kept in the store's directory (graph/store/local.py leaves them out of the state of its files): the rows a
#: build's views read, by state token; the rows a read-only handle's views read, by snapshot
BUILD_FILE = "guildgraph-view-rows-build.marshal"
READ_FILE = "guildgraph-view-rows-read.marshal"
_FORMAT = 1

Rows = dict[str, set[tuple[str, str]]]


@functools.lru_cache(maxsize=1)
def _digest() -> str:
    """What decides the kept rows: this module, the term writer, Oxigraph's version and the patterns."""
    patterns = [(key, iri, sorted(objects or ())) for key, (iri, objects) in PATTERNS.items()]
    return code_digest(("views/rows.py", "query/run.py"), ("pyoxigraph",)) + repr(patterns)


def _counts(key: str, term) -> bool:
    objects = PATTERNS[key][1]
    if objects is not None:
        return type(term) is ox.NamedNode and term.value in objects
    if key == "inferred":  # `?ev hl:inferred true`: the term true
        return type(term) is ox.Literal and term.datatype.value == _XSD_BOOLEAN and term.value == "true"
    return True


def _rows_of(quads: Iterable[ox.Quad], out: Rows) -> Rows:
    """`out` with the rows of `quads` added, by pattern."""
    for q in quads:
        key = _BY_PREDICATE.get(q.predicate.value)
        if key is not None and _counts(key, q.object):
            out[key].add((q.subject.value, lexical(q.object)))
    return out


def _merged_rows(store) -> Rows:
    """Every pattern's rows on the merged default graph: one scan of each predicate."""
    out: Rows = {key: set() for key in PATTERNS}
    for iri, _ in PATTERNS.values():
        _rows_of(store.ox_quads(predicate=ox.NamedNode(iri), graph_name=ox.DefaultGraph()), out)
    return out


def _read_kept(path: Path, name: str) -> tuple[Rows, set[str]] | None:
    """The rows kept in `path` under `name` and the named graphs they were read from, else None."""
    try:
        kept = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(kept, dict) or kept.get("format") != _FORMAT or kept.get("code") != _digest() \
            or kept.get("name") != name:
        return None
    return {key: set(pairs) for key, pairs in kept["rows"].items()}, set(kept["graphs"])


def _write_kept(path: Path, name: str, rows: Rows, graphs: set[str]) -> None:
    """The rows kept under `name` (a temporary file renamed); a folder that cannot be written keeps nothing."""
    kept = {"format": _FORMAT, "code": _digest(), "name": name, "graphs": sorted(graphs),
            "rows": {key: list(pairs) for key, pairs in rows.items()}}
    try:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(kept))
        os.replace(tmp, path)
    except OSError:
        pass


def _read_only_rows(store) -> Rows | None:
    """A read-only handle's rows, kept under its snapshot; or those the last build kept, when this handle sees the
    data that build left (`left_by_writer`)."""
    snapshot = store.snapshot()
    if snapshot is None:
        return None
    path = Path(store.path) / READ_FILE
    kept = _read_kept(path, snapshot)
    if kept is not None:
        return kept[0]
    left = store.left_by_writer()
    kept = _read_kept(Path(store.path) / BUILD_FILE, left) if left is not None else None
    if kept is not None:
        return kept[0]
    rows = _merged_rows(store)
    _write_kept(path, snapshot, rows, set())
    return rows


def _writer_rows(store) -> Rows | None:
    """A writable handle's rows, kept under its state token; those kept under the token it opened with, plus the
    graphs it added since, when it only added graphs."""
    state = store.changes()
    if state.now is None:
        return None
    path = Path(store.path) / BUILD_FILE
    kept = _read_kept(path, state.now)
    if kept is not None:
        return kept[0]
    before = _read_kept(path, state.since) if state.since is not None and state.graphs is not None else None
    if before is not None and state.graphs.isdisjoint(before[1]):
        rows = before[0]
        for g in sorted(state.graphs):
            _rows_of(store.named_quads(g), rows)
    else:
        rows = _merged_rows(store)
    _write_kept(path, state.now, rows, {str(g) for g in store.graph_names()})
    return rows


def _kept_rows(store) -> Rows | None:
    """The rows on a local store, kept for its data; None for a store that keeps no state (a SPARQL server)."""
    if getattr(store, "ox_quads", None) is None:  # the engine's own quads: a local store
        return None
    return _read_only_rows(store) if store.read_only else _writer_rows(store)


def pattern_rows(store) -> Rows:
    """(subject, object) of each pattern on the merged graph, as lexical forms: kept on a local store, else asked."""
    kept = _kept_rows(store)
    return kept if kept is not None else asked_rows(store)


def asked_rows(store) -> Rows:
    """Each pattern's rows as the store answers it on its default graph (one single-pattern SELECT each)."""
    out: Rows = {}
    for key, (iri, objects) in PATTERNS.items():
        if objects is not None:
            values = " ".join(f"<{o}>" for o in sorted(objects))
            text = f"SELECT ?s ?o WHERE {{ VALUES ?o {{ {values} }} ?s <{iri}> ?o }}"
        elif key == "inferred":
            text = f"SELECT ?s ?o WHERE {{ ?s <{iri}> true BIND(true AS ?o) }}"
        else:
            text = f"SELECT ?s ?o WHERE {{ ?s <{iri}> ?o }}"
        out[key] = {(row.s, row.o) for row in select_rows(store, text)}
    return out
