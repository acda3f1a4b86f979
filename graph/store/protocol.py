"""Store: the API both backends implement (LocalStore in local.py, RemoteStore in remote.py) and callers rely on."""
from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping, Protocol

if TYPE_CHECKING:  # rdflib is imported by the code that makes rdflib terms, not by every command that opens a store
    import pyoxigraph as ox
    from rdflib import Dataset, URIRef
    from rdflib.query import Result
    from rdflib.term import Node

Triple = tuple["Node", "Node", "Node"]
Quad = tuple["Node", "Node", "Node", "URIRef"]


class Store(Protocol):
    """Named graphs (one per article) that can be replaced one at a time, read back and queried with SPARQL.

    Terms are rdflib terms, xsd:string literals plain. Queries read the union of the named graphs, each triple
    once. A store opened read-only raises `UpdateRefused` on every write; failures are `StoreError`s, rejected
    queries `QueryError`s, terms that cannot be written `InvalidArgument` (graph/errors.py).
    """

    read_only: bool

    @property
    def dataset(self) -> Dataset:
        """An rdflib `Dataset` over the store."""

    @property
    def cuts_result_sets(self) -> bool:
        """Whether a long result set may come back cut short, so that callers must ask in batches (a SPARQL
        server's row limit) rather than in one query (cheaper on the embedded store)."""

    # -- writes
    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        """Replace the named graph `graph` by `triples`; the number of triples written."""

    def drop_graph(self, graph: URIRef) -> None:
        """Drop the named graph `graph` (nothing happens if there is none)."""

    def load_graphs(self, path: str | os.PathLike) -> dict[URIRef, int]:
        """Replace the named graphs an N-Quads file holds (whole graphs) by its quads, each graph's last quad
        written last; the number of triples of each graph."""

    def clear(self) -> None:
        """Drop every named graph."""

    def update(self, text: str) -> None:
        """Run a SPARQL Update (the prefixes of graph/namespaces.py are declared for it)."""

    def flush(self) -> None:
        """Make the writes so far durable."""

    # -- reads
    def graph_names(self) -> list[URIRef]:
        """Sorted IRIs of the named graphs."""

    def graph_triples(self, graph: URIRef) -> Iterator[Triple]:
        """The triples of the named graph `graph`."""

    def quads(self) -> Iterator[Quad]:
        """Every quad of the named graphs."""

    def named_quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """The quads of the named graphs (of `graph` alone if given) as Oxigraph quads, what the exports serialize;
        blank node labels are ones Oxigraph can write."""

    def query(self, text: str, bindings: Mapping[str, Node] | None = None, *, max_rows: int | None = None) -> Result:
        """Answer a SPARQL query (the project's prefixes declared); `bindings` (variable name -> IRI or literal)
        are bound as RDF terms by a VALUES block, never pasted as text; more than `max_rows` rows or triples
        (None: no cap) raise ResultTooLarge."""

    def solutions(self, text: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], list[tuple]] | bool:
        """The answer to a SELECT (variable names, rows of terms, None where unbound) or an ASK (a bool): the
        engine's own terms where it has them (the embedded store: no rdflib term made), else rdflib's."""

    def __len__(self) -> int:
        """The number of quads in the named graphs."""

    # -- lifecycle
    def close(self) -> None:
        """Release the store (flushing what is pending)."""

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


__all__ = ["Store", "Triple", "Quad"]
