"""Turtle, TriG, JSON-LD and RDF/XML as one document, written piece by piece: sorted once, in bounded memory.

A document is its head, the bodies of its pieces and its tail (`frame`). Each piece is serialized by Oxigraph on
its own and stripped of head and tail (`body`): TriG and JSON-LD get one piece per named graph, so the document
holds one graph at a time; Turtle and RDF/XML (the union of the graphs) get pieces of whole subjects, cut from
the union's N-Triples lines sorted once as bytes (about 150 bytes a triple, not the 3 KB of Python objects of a
sort of terms). The bytes are those of one `ox.serialize` of the statements sorted by (graph, subject, predicate,
object) as N-Triples text: byte order of the UTF-8 lines is that order, since no term's text continues with a
character below the space that separates the terms.

Blank nodes (the ontology's owl:unionOf lists) are relabelled by RDF Dataset Canonicalization of every statement
that holds one, across the graphs, exactly as a canonicalization of the whole dataset would label them (the
statements without blank nodes play no part in it).
"""
from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import URIRef

from .namespaces import PREFIXES

RDF_DOCUMENTS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD,
                 "xml": ox.RdfFormat.RDF_XML}
DATASET_DOCUMENTS = ("trig", "jsonld")
_PIECE = 20_000  # union lines per piece of Turtle or RDF/XML (then to the end of the subject)
_BLANK_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o FILTER(isBlank(?s) || isBlank(?o)) } }"


@dataclass(frozen=True)
class Frame:
    head: bytes
    separator: bytes  # between two bodies
    tail: bytes
    empty: bytes  # the document of no statement


def serialize(data: Iterable, fmt: str) -> bytes:
    if fmt == "jsonld":
        return ox.serialize(data, format=RDF_DOCUMENTS[fmt])
    return ox.serialize(data, format=RDF_DOCUMENTS[fmt], prefixes=PREFIXES)


def body(piece: bytes, fmt: str) -> bytes:
    """A piece serialized alone, without the document's head and tail."""
    if fmt in ("turtle", "trig"):
        start = 0
        while piece.startswith(b"@prefix ", start):
            start = piece.index(b"\n", start) + 1
        return piece[start:]
    if fmt == "jsonld":
        return piece[1:-1]  # [ ... ]
    start = piece.index(b"\n", piece.index(b"<rdf:RDF")) + 1
    return piece[start:-len(b"</rdf:RDF>")]


@functools.cache
def frame(fmt: str) -> Frame:
    node = ox.NamedNode("urn:x:x")
    quad = ox.Quad(node, node, node, node)
    whole = serialize([quad] if fmt in DATASET_DOCUMENTS else [quad.triple], fmt)
    inner = body(whole, fmt)
    head = whole[:whole.index(inner)]
    tail = whole[len(head) + len(inner):]
    return Frame(head, b"," if fmt == "jsonld" else b"", tail, serialize([], fmt))


def join(bodies: Iterable[bytes], fmt: str) -> Iterator[bytes]:
    """The document of these bodies (empty ones skipped), chunk by chunk."""
    f, first = frame(fmt), True
    for b in bodies:
        if b:
            yield (f.head if first else f.separator) + b
            first = False
    yield f.empty if first else f.tail


def graph_names(store) -> list[ox.NamedNode]:
    """The named graphs in document order (by their N-Triples text, as the statements sort)."""
    return sorted((ox.NamedNode(str(g)) for g in store.graph_names()), key=str)


def blank_graphs(store) -> set[str]:
    """IRIs of the graphs holding a blank node (one query, answered by the engine)."""
    return {str(row[0]) for row in store.query(_BLANK_GRAPHS)}


def canonical_graphs(store, names: Iterable[str]) -> dict[str, list[ox.Quad]]:
    """The quads of the graphs `names` that hold blank nodes, those relabelled jointly (see the module's
    docstring); graphs without a blank node are left out."""
    plain: dict[str, list[ox.Quad]] = {}
    blank: list[ox.Quad] = []
    for name in names:
        for q in store.named_quads(URIRef(name)):
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                blank.append(q)
            else:
                plain.setdefault(name, []).append(q)
    if not blank:
        return {}
    dataset = ox.Dataset(blank)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    out: dict[str, list[ox.Quad]] = {}
    for q in dataset:
        out.setdefault(q.graph_name.value, []).append(q)
    for name in out:
        out[name] += plain.get(name, [])
    return out


def ntriples(store, name: str, quads: Iterable[ox.Quad] | None = None) -> bytes:
    """A graph's statements (`quads` if given, else the store's) as N-Triples, in the engine's order: written by
    the engine itself when the store can (`graph_ntriples`: no Python object per statement)."""
    if quads is None:
        dump = getattr(store, "graph_ntriples", None)
        if dump is not None:
            return dump(URIRef(name))
        quads = store.named_quads(URIRef(name))
    return ox.serialize((q.triple for q in quads), format=ox.RdfFormat.N_TRIPLES)


def has_blank(data: bytes) -> bool:
    """N-Triples text that may hold a blank node (a literal that reads like one only costs a second look)."""
    return data.startswith(b"_:") or b"\n_:" in data or b" _:" in data


def graph_body(name: str, data: bytes, fmt: str) -> bytes:
    """One graph's piece of a TriG or JSON-LD document (without head or tail) from its N-Triples text."""
    lines = data.splitlines(keepends=True)
    lines.sort()
    suffix = b" " + f"<{name}>".encode("utf-8") + b" .\n"  # " .\n" ends each line, and is nowhere else in it
    quads = ox.parse(b"".join(lines).replace(b" .\n", suffix), format=ox.RdfFormat.N_QUADS, lenient=True)
    return body(serialize(quads, fmt), fmt)


def graph_bodies(store, fmt: str, progress: Callable[[int, int], None] | None = None, *,
                 reuse: Callable[[str], bytes | None] | None = None,
                 canonical: dict[str, list[ox.Quad]] | None = None) -> Iterator[tuple[str, bytes]]:
    """(graph IRI, body) of each named graph in document order. `reuse(iri)` may give a body kept from an
    earlier document (graph/pipeline/outputs.py); `canonical`, the quads of the graphs with blank nodes."""
    names = graph_names(store)
    if canonical is None:
        canonical = canonical_graphs(store, sorted(blank_graphs(store)))
    for done, name in enumerate(names, 1):
        kept = reuse(name.value) if reuse is not None else None
        if kept is None:
            kept = graph_body(name.value, ntriples(store, name.value, canonical.get(name.value)), fmt)
        yield name.value, kept
        if progress:
            progress(done, len(names))


def union_lines(store, progress: Callable[[int, int], None] | None = None) -> list[bytes]:
    """The union of the named graphs as N-Triples lines, sorted, each once."""
    names = graph_names(store)
    lines: list[bytes] = []
    blank = []  # graphs with blank nodes: labelled jointly once all are known
    for done, name in enumerate(names, 1):
        data = ntriples(store, name.value)
        if has_blank(data):
            blank.append(name.value)
        else:
            lines += data.splitlines(keepends=True)
        if progress:
            progress(done, len(names))
    canonical = canonical_graphs(store, blank)
    for name in blank:
        lines += ntriples(store, name, canonical.get(name)).splitlines(keepends=True)
    lines.sort()
    return [line for i, line in enumerate(lines) if i == 0 or line != lines[i - 1]]


def _subject(line: bytes) -> bytes:
    return line[:line.index(b" ")]


def union_bodies(lines: list[bytes], fmt: str) -> Iterator[bytes]:
    """Pieces of whole subjects of a Turtle or RDF/XML document."""
    start = 0
    while start < len(lines):
        end = min(start + _PIECE, len(lines))
        while end < len(lines) and _subject(lines[end]) == _subject(lines[end - 1]):
            end += 1
        piece = ox.parse(b"".join(lines[start:end]), format=ox.RdfFormat.N_TRIPLES, lenient=True)
        yield body(serialize(piece, fmt), fmt)
        start = end


def iter_document(store, fmt: str, progress: Callable[[int, int], None] | None = None) -> Iterator[bytes]:
    """The named graphs (TriG, JSON-LD) or their union (Turtle, RDF/XML) as one document, chunk by chunk."""
    if fmt in DATASET_DOCUMENTS:
        return join((b for _, b in graph_bodies(store, fmt, progress)), fmt)
    return join(union_bodies(union_lines(store, progress), fmt), fmt)


__all__ = ["DATASET_DOCUMENTS", "RDF_DOCUMENTS", "Frame", "blank_graphs", "body", "canonical_graphs", "frame",
           "graph_bodies", "graph_body", "iter_document", "join", "union_bodies", "union_lines"]
