"""Export: the store as Turtle, TriG, N-Quads, N-Triples, JSON-LD, RDF/XML, GraphML, GEXF or CSV.

Each format is a pair: `generate(store, fmt)` returns the text, `write(store, fmt, path)` writes it; the RDF
formats are written by Oxigraph from sorted statements, so the same store gives the same bytes.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .errors import UsageError
from .namespaces import PREFIXES
from .network import to_networkx
from .sparql import to_ox

RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS,
               "ntriples": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}
#: Formats that keep the named graphs (one per article); the others hold the union of the graphs.
DATASET_FORMATS = {"trig", "nquads", "jsonld"}
NETWORK_FORMATS = ("graphml", "gexf", "csv")
FORMATS = tuple(RDF_FORMATS) + NETWORK_FORMATS
EXTENSIONS = {"turtle": "ttl", "trig": "trig", "nquads": "nq", "ntriples": "nt", "jsonld": "jsonld",
              "xml": "rdf", "graphml": "graphml", "gexf": "gexf", "csv": "csv"}


def _sorted_quads(store) -> list[ox.Quad]:
    quads = [q for q in store.ox_quads() if isinstance(q.graph_name, ox.NamedNode)] if hasattr(store, "ox_quads") \
        else [ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g)) for s, p, o, g in store.quads()]
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


def iter_rdf(store, fmt: str) -> Iterator[bytes]:
    """The serialization in chunks (N-Quads and N-Triples line by line, for bulk loaders)."""
    if fmt not in RDF_FORMATS:
        raise UsageError(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")
    quads = _sorted_quads(store)
    data = quads if fmt in DATASET_FORMATS else _union_triples(quads)
    if fmt in ("nquads", "ntriples"):
        for chunk in range(0, len(data), 10_000):
            yield ox.serialize(data[chunk: chunk + 10_000], format=RDF_FORMATS[fmt])
        return
    prefixes = PREFIXES if fmt in ("turtle", "trig", "xml") else None
    yield ox.serialize(data, format=RDF_FORMATS[fmt], prefixes=prefixes) if prefixes else \
        ox.serialize(data, format=RDF_FORMATS[fmt])


def _network_text(store, fmt: str) -> str:
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


def generate(store, fmt: str) -> str:
    """The whole store in `fmt` as text."""
    if fmt in NETWORK_FORMATS:
        return _network_text(store, fmt)
    return b"".join(iter_rdf(store, fmt)).decode("utf-8")


def write(store, fmt: str, path: str | Path) -> Path:
    """Write `fmt` to `path` (RDF streamed in chunks)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt in NETWORK_FORMATS:
        path.write_text(_network_text(store, fmt), encoding="utf-8")
        return path
    with open(path, "wb") as fh:
        for chunk in iter_rdf(store, fmt):
            fh.write(chunk)
    return path
