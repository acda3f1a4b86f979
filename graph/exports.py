"""Exports: the store as Turtle, TriG, N-Quads, N-Triples, JSON-LD, RDF/XML, GraphML, GEXF or CSV.

`FORMATS` is the one registry of formats (name, file extension, media types): the CLI's `--format` choices and
the endpoint's content negotiation read it. Each format is a pair: `generate(store, fmt)` returns the text,
`write(store, fmt, path)` writes it (to a temporary file renamed when complete, so a killed export never leaves
a truncated file). The RDF formats are written by Oxigraph from sorted statements: the same store gives the same
bytes.

Memory: N-Quads and N-Triples are streamed graph by graph (graph names in sorted order, each graph's statements
sorted), so an export holds one graph at a time: memory is bounded by the largest graph (an article's), not by
the store. N-Quads are in the same order as a global sort. N-Triples (the union of the graphs) write each triple
once, with the first graph (by IRI) that states it: one SPARQL query per graph finds its triples that an earlier
graph states too, on the local store and on a SPARQL endpoint alike. The other formats (Turtle, TriG, JSON-LD,
RDF/XML) are written as one document piece by piece (graph/documents.py): TriG and JSON-LD graph by graph, Turtle
and RDF/XML from the union's N-Triples lines sorted once as bytes (about 150 bytes a triple).
"""
from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .errors import InvalidArgument
from .prefixes import PREFIXES

if TYPE_CHECKING:
    import networkx as nx

    from .store import Store
# networkx, rdflib and the network are imported by the functions that use them: the CLI reads FORMATS at start-up

#: progress(done, total), called as work advances
ProgressCallback = Callable[[int, int], None]

RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
#: Formats that keep the named graphs (one per article); the others hold the union of the graphs.
DATASET_FORMATS = {"trig", "nquads", "jsonld"}
#: Formats written graph by graph, in memory bounded by the largest graph (graph/documents.py writes the others).
STREAMED_FORMATS = ("nquads", "ntriples")
_PREFIXED = ("turtle", "trig", "xml")  # formats that write prefixes
_CHUNK = 10_000  # statements per serialized chunk


def _sorted_quads(store: Store) -> list[ox.Quad]:
    quads = list(store.named_quads())
    if any(isinstance(t, ox.BlankNode) for q in quads for t in (q.subject, q.object)):
        # Blank nodes (the ontology's owl:unionOf lists) get fresh random labels each time a graph is written,
        # so they are relabelled by W3C RDF Dataset Canonicalization: the same content gives the same bytes.
        dataset = ox.Dataset(quads)
        dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
        quads = list(dataset)
    quads.sort(key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))
    return quads


def _union_triples(quads: list[ox.Quad]) -> list[ox.Triple]:
    seen = {}
    for q in quads:
        t = ox.Triple(q.subject, q.predicate, q.object)
        seen.setdefault((str(q.subject), str(q.predicate), str(q.object)), t)
    return [seen[k] for k in sorted(seen)]


def iter_rdf(store: Store, fmt: str, progress: ProgressCallback | None = None) -> Iterator[bytes]:
    """The serialization in chunks (N-Quads and N-Triples line by line, for bulk loaders)."""
    if fmt not in RDF_FORMATS:
        raise InvalidArgument(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")
    if fmt in STREAMED_FORMATS:
        yield from _stream(store, fmt, progress)
        return
    from .documents import iter_document

    yield from iter_document(store, fmt, progress)


def _serialize(data: Iterable, fmt: str, prefixes: Mapping[str, str] | None = None) -> bytes:
    if fmt in _PREFIXED:
        return ox.serialize(data, format=RDF_FORMATS[fmt], prefixes={**PREFIXES, **(prefixes or {})})
    return ox.serialize(data, format=RDF_FORMATS[fmt])


def serialize_graph(triples: Iterable, fmt: str, prefixes: Mapping[str, str] | None = None) -> bytes:
    """rdflib triples (a CONSTRUCT's answer) in one of the graph formats, sorted like the exports; the formats that
    write prefixes write the project's and `prefixes` (prefix -> namespace)."""
    from .store.sparql import to_ox

    data = sorted((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples), key=str)
    return _serialize(data, fmt, prefixes)


def _has_blank(q: ox.Quad) -> bool:
    return isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode)


def _canonical(quads: list[ox.Quad], offset: int) -> tuple[list[ox.Quad], int]:
    """The quads of one graph with blank nodes relabelled by RDF Dataset Canonicalization (as `_sorted_quads`),
    numbered from `offset` so that labels stay distinct across the graphs of one document."""
    if not any(_has_blank(q) for q in quads):
        return quads, offset
    dataset = ox.Dataset(quads)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.RDFC_1_0)
    labels: dict[str, ox.BlankNode] = {}

    def relabel(term):
        if not isinstance(term, ox.BlankNode):
            return term
        if term.value not in labels:
            labels[term.value] = ox.BlankNode(f"c14n{int(term.value[4:]) + offset}")
        return labels[term.value]
    out = [ox.Quad(relabel(q.subject), q.predicate, relabel(q.object), q.graph_name) for q in dataset]
    return out, offset + len(labels)


def _earlier_duplicates(store: Store, name: ox.NamedNode) -> set[ox.Triple]:
    """The triples of graph `name` that a graph whose IRI sorts before it also states (one SPARQL query, answered
    from the indexes; blank nodes are never shared between graphs)."""
    from .store.sparql import to_ox

    iri = name.value  # an IRI holds no '"' or '\\' (N-Triples IRIREF), so it can be a string literal as it is
    # FILTER EXISTS, not a join: Oxigraph evaluates it triple by triple with the index (a join of the two GRAPH
    # patterns scans every graph, and the export would take time quadratic in the store's size)
    rows = store.query(f'SELECT ?s ?p ?o WHERE {{ GRAPH <{iri}> {{ ?s ?p ?o }} '
                       f'FILTER EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(STR(?h) < "{iri}") }} }}')
    return {ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in rows}


def _stream(store: Store, fmt: str, progress: ProgressCallback | None = None) -> Iterator[bytes]:
    """N-Quads or N-Triples, graph by graph (see the module's docstring)."""
    # N-Quads in the order of the global sort (graph names as N-Triples terms); N-Triples by IRI, the order
    # SPARQL compares them in when it looks for a triple stated by an earlier graph
    from rdflib import URIRef

    names = sorted((ox.NamedNode(str(g)) for g in store.graph_names()),
                   key=str if fmt == "nquads" else (lambda n: n.value))
    offset = 0
    for done, name in enumerate(names, 1):
        quads = list(store.named_quads(URIRef(name.value)))
        if fmt == "ntriples":  # the union: each triple once, with the first graph that states it
            earlier = _earlier_duplicates(store, name)
            if earlier:
                quads = [q for q in quads if ox.Triple(q.subject, q.predicate, q.object) not in earlier]
        quads, offset = _canonical(quads, offset)
        quads.sort(key=lambda q: (str(q.subject), str(q.predicate), str(q.object)))
        data = quads if fmt == "nquads" else [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
        for i in range(0, len(data), _CHUNK):
            yield ox.serialize(data[i:i + _CHUNK], format=RDF_FORMATS[fmt])
        if progress:
            progress(done, len(names))


def _network_text(store: Store, fmt: str) -> str:
    import networkx as nx

    from .network import to_networkx

    g = to_networkx(store)
    if fmt == "csv":
        return generate_edge_csv(g)
    buf = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(g, buf)
    else:
        nx.write_gexf(g, buf)
    return buf.getvalue().decode("utf-8")


def generate_edge_csv(g: nx.MultiDiGraph) -> str:
    """One row per edge with both ends' labels and types: what Gephi's and spreadsheets' importers read."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["source", "source_label", "source_type", "relation", "role", "target", "target_label",
                "target_type", "evidence", "articles"])
    for s, o, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["relation"], e[2]["role"])):
        w.writerow([s, g.nodes[s]["label"], g.nodes[s]["type"], data["relation"], data["role"], o,
                    g.nodes[o]["label"], g.nodes[o]["type"], data["evidence"], data["articles"]])
    return buf.getvalue()


# -- the registry ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportFormat:
    name: str
    extension: str
    media_types: tuple[str, ...]  # the first is the one answers are labelled with
    chunks: Callable[[Store, ProgressCallback | None], Iterator[bytes]]
    holds: str  # "dataset" (named graphs kept), "graph" (their union) or "network" (actors and relations)

    @property
    def media_type(self) -> str:
        return self.media_types[0]


def _rdf(name: str) -> Callable[[Store, ProgressCallback | None], Iterator[bytes]]:
    return lambda store, progress: iter_rdf(store, name, progress)


def _network(name: str) -> Callable[[Store, ProgressCallback | None], Iterator[bytes]]:
    return lambda store, progress: iter([_network_text(store, name).encode("utf-8")])


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("turtle", "ttl", ("text/turtle", "application/x-turtle"), _rdf("turtle"), "graph"),
    ExportFormat("trig", "trig", ("application/trig",), _rdf("trig"), "dataset"),
    ExportFormat("nquads", "nq", ("application/n-quads",), _rdf("nquads"), "dataset"),
    ExportFormat("ntriples", "nt", ("application/n-triples",), _rdf("ntriples"), "graph"),
    ExportFormat("jsonld", "jsonld", ("application/ld+json",), _rdf("jsonld"), "dataset"),
    ExportFormat("xml", "rdf", ("application/rdf+xml",), _rdf("xml"), "graph"),
    ExportFormat("graphml", "graphml", ("application/graphml+xml",), _network("graphml"), "network"),
    ExportFormat("gexf", "gexf", ("application/gexf+xml",), _network("gexf"), "network"),
    ExportFormat("csv", "csv", ("text/csv",), _network("csv"), "network"),
)}
#: The formats one RDF graph (a CONSTRUCT's answer) can be written in, by media type.
GRAPH_MEDIA_TYPES = {m: f.name for f in FORMATS.values() if f.name in RDF_FORMATS for m in f.media_types}


def format_named(fmt: str) -> ExportFormat:
    if fmt not in FORMATS:
        raise InvalidArgument(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return FORMATS[fmt]


def iter_bytes(store: Store, fmt: str, progress: ProgressCallback | None = None) -> Iterator[bytes]:
    """The export in chunks, as they are made (for stdout and bulk loaders); the streamed formats call
    `progress(graphs done, graphs)` as they go."""
    return format_named(fmt).chunks(store, progress)


def generate(store: Store, fmt: str) -> str:
    """The whole store in `fmt` as text."""
    return b"".join(iter_bytes(store, fmt)).decode("utf-8")


def write(store: Store, fmt: str, path: str | Path, progress: ProgressCallback | None = None) -> Path:
    """Write `fmt` to `path`: into a temporary file beside it, renamed over `path` once complete."""
    return write_chunks(iter_bytes(store, fmt, progress), path)


def write_chunks(chunks: Iterable[bytes], path: str | Path) -> Path:
    """Write `chunks` into a temporary file beside `path`, renamed over it once complete."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.part")  # same folder: the rename is atomic
    try:
        with open(tmp, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def export(store: Store, fmt: str = "turtle", path: str | Path | None = None) -> str | Path:
    """The store in `fmt`: its text, or written to `path` (the path is returned)."""
    return write(store, fmt, path) if path is not None else generate(store, fmt)
