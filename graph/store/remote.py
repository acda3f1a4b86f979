"""RemoteStore: the store API (graph/store/protocol.py) over a SPARQL 1.1 Query + Update endpoint, e.g. Virtuoso."""
from __future__ import annotations

import os
import re
import urllib.parse
from typing import Any, Iterable, Iterator, Mapping

import pyoxigraph as ox
from rdflib import BNode, Dataset, URIRef
from rdflib.query import Result
from rdflib.term import Node

from ..errors import InvalidArgument, StoreError, UpdateRefused
from ..namespaces import PREFIXES
from .http import PASSWORD_ENV, USER_ENV, EndpointStore, RemoteQueryError, Transport, redact, split_credentials
from .lexer import with_prefixes
from .protocol import Quad, Triple
from .sparql import bind_values, from_ox, graphs_of, plain, sparql_term, to_ox, too_many

UPDATE_URL_ENV = "GUILDGRAPH_SPARQL_UPDATE_URL"

BATCH_SIZE = 5000  # triples per update request
OP_SIZE = 1000  # triples per INSERT DATA operation inside a request
PAGE_SIZE = 5000  # rows per read request (below Virtuoso's default ResultSetMaxRows of 10000)

# Graphs Virtuoso keeps for itself (its RDF views, LDP, service description, WebDAV).
VIRTUOSO_SYSTEM_GRAPHS = frozenset({
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
})
_VIRTUOSO_HOST_GRAPH = re.compile(r"^https?://[^/]+/(sparql|DAV/)$")


class RemoteStore:
    """The store API over a SPARQL 1.1 endpoint; credentials for Basic or Digest auth (graph/store/http.py).

    Virtuoso notes (checked against 7.2.5):
    * `SELECT ?g WHERE { GRAPH ?g {} }` answers one unbound row, so `graph_names()` falls back to
      `GRAPH ?g { ?s ?p ?o }` (Virtuoso has no empty graphs anyway).
    * The server keeps its own graphs (`virtrdf#` with ~2500 triples, `ldp#`, `http://<host>/sparql`,
      `http://<host>/DAV/`). They are left out of `graph_names()`, `quads()`, `len()` and `clear()` unless
      `ignore_graphs=()` is given: dropping `virtrdf#` would break the server.
    * Result sets are silently cut at `ResultSetMaxRows` (10000 by default), so `quads()` and `graph_names()` read
      in pages of `page_size` rows (default 5000, keep it below that limit), and `cuts_result_sets` is true.
    * `INSERT DATA` fails past ~1500 triples ("generated SQL text has exceeded 10000 lines") and is slow (~1.5 ms a
      triple) unless the request starts with `define sql:big-data-const 1`, which is added when the server says
      it is Virtuoso (`Server:` header); the SPARQL parser also gives up on one `INSERT DATA` of ~4990 triples,
      so each request is split into operations of `OP_SIZE` triples.
    * `"x"^^xsd:string` and `"x"` are different terms to Virtuoso: triples are written as given, read back with
      xsd:string literals plain, and bound parameters are written plain.
    """

    def __init__(self, url: str, *, update_url: str | None = None, user: str | None = None,
                 password: str | None = None, read_only: bool = False, timeout: float = 60.0,
                 batch_size: int = BATCH_SIZE, page_size: int = PAGE_SIZE,
                 ignore_graphs: Iterable[str] | None = None):
        url, url_user, url_password = split_credentials(url)
        if update_url:
            update_url, u2, p2 = split_credentials(update_url)
            url_user, url_password = url_user or u2, url_password or p2
        if user is None and password is None:
            user, password = url_user, url_password
        for u in (url, update_url):
            if u is not None and urllib.parse.urlsplit(u).scheme not in ("http", "https"):
                raise InvalidArgument(f"not an http(s) SPARQL endpoint: {redact(u)}")
        if batch_size < 1 or page_size < 1:
            raise InvalidArgument("batch_size and page_size must be positive")
        self.url = url
        self.update_url = update_url or url
        self.read_only = read_only
        self.batch_size = batch_size
        self.op_size = min(OP_SIZE, batch_size)
        self.page_size = page_size
        self._virtuoso: bool | None = None
        self._authenticated = user is not None or password is not None
        self._ignore_default = ignore_graphs is None
        self._ignore = frozenset(VIRTUOSO_SYSTEM_GRAPHS if ignore_graphs is None else map(str, ignore_graphs))
        self._transport = Transport([self.url, self.update_url], user, password, timeout)
        self._store: EndpointStore | None = EndpointStore(self._transport, self.url, self.update_url, read_only)
        self._dataset: Dataset | None = None

    @classmethod
    def from_env(cls, url: str, read_only: bool = False, **kwargs: Any) -> "RemoteStore":
        """A store at `url` with credentials from $GUILDGRAPH_SPARQL_USER / $GUILDGRAPH_SPARQL_PASSWORD and the
        update endpoint from $GUILDGRAPH_SPARQL_UPDATE_URL (default: `url`)."""
        return cls(url, update_url=os.environ.get(UPDATE_URL_ENV) or None,
                   user=os.environ.get(USER_ENV) or None, password=os.environ.get(PASSWORD_ENV) or None,
                   read_only=read_only, **kwargs)

    def __repr__(self) -> str:
        extra = "" if self.update_url == self.url else f", update_url={redact(self.update_url)!r}"
        auth = ", authenticated" if self._authenticated else ""
        ro = ", read_only" if self.read_only else ""
        return f"RemoteStore({redact(self.url)!r}{extra}{auth}{ro})"

    @property
    def cuts_result_sets(self) -> bool:
        """True: a server may cut a long result set short (Virtuoso's ResultSetMaxRows), so callers ask in batches."""
        return True

    # -- plumbing ---------------------------------------------------------------------------------------------
    @property
    def _endpoint(self) -> EndpointStore:
        if self._store is None:
            raise StoreError(f"the SPARQL store at {redact(self.url)} is closed")
        return self._store

    def _writable(self) -> None:
        if self.read_only:
            raise UpdateRefused(f"the SPARQL store at {redact(self.update_url)} is open read-only")

    def _update(self, text: str) -> None:
        self._writable()
        self._endpoint._update(text)

    def _select(self, text: str) -> Result:
        return self._endpoint._query(text)

    def _ignored(self, graph: str) -> bool:
        return graph in self._ignore or (self._ignore_default and bool(_VIRTUOSO_HOST_GRAPH.match(graph)))

    def _pages(self, text: str) -> Iterator[Any]:
        """Rows of a SELECT read `page_size` at a time (servers cut long result sets short)."""
        offset = 0
        while True:
            rows = list(self._select(f"{text} LIMIT {self.page_size} OFFSET {offset}"))
            yield from rows
            if len(rows) < self.page_size:
                return
            offset += self.page_size

    @property
    def dataset(self) -> Dataset:
        """An rdflib Dataset over the endpoint; its default graph is the server's default graph, which on
        Virtuoso is the union of all graphs (`default_union=True`: no default-graph-uri is sent)."""
        if self._dataset is None:
            self._dataset = Dataset(store=self._endpoint, default_union=True)
            for prefix, iri in PREFIXES.items():
                self._dataset.bind(prefix, iri, override=True)
        return self._dataset

    # -- writes -----------------------------------------------------------------------------------------------
    def _is_virtuoso(self) -> bool:
        """Whether the server says it is Virtuoso (`Server:` header; asked once with `ASK {}` if need be)."""
        if self._virtuoso is None:
            if self._transport.server is None:
                self._select("ASK {}")
            self._virtuoso = (self._transport.server or "").lower().startswith("virtuoso")
        return self._virtuoso

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        """Replace the named graph `graph` by `triples`: `DROP SILENT GRAPH` and `INSERT DATA` in one update
        request, which the server runs as one transaction. A graph of more than `batch_size` triples takes
        several requests (the first one drops the old graph), so a reader may see it half written.
        Returns the number of distinct triples written."""
        self._writable()
        g = sparql_term(URIRef(graph))
        plain_lines: dict[str, None] = {}
        with_bnodes: dict[str, None] = {}
        for s, p, o in triples:
            line = f"{sparql_term(s)} {sparql_term(p)} {sparql_term(o)} ."
            (with_bnodes if isinstance(s, BNode) or isinstance(o, BNode) else plain_lines)[line] = None
        lines = list(plain_lines)
        # INSERT DATA operations of at most op_size triples. A blank-node label only holds within one operation,
        # so the triples with blank nodes all go in the first one, an `INSERT {} WHERE {}` (Virtuoso refuses
        # blank nodes in INSERT DATA; a template instantiated once gives each label one fresh node).
        ops = [(f"INSERT {{ GRAPH {g} {{\n", "\n} } WHERE {}", list(with_bnodes))] if with_bnodes else []
        ops += [(f"INSERT DATA {{ GRAPH {g} {{\n", "\n} }", lines[i:i + self.op_size])
                for i in range(0, len(lines), self.op_size)]
        requests: list[list[str]] = [[f"DROP SILENT GRAPH {g}"]]
        size = 0
        for head, tail, op in ops:
            if size and size + len(op) > self.batch_size:
                requests.append([])
                size = 0
            requests[-1].append(head + "\n".join(op) + tail)
            size += len(op)
        prologue = "define sql:big-data-const 1\n" if self._is_virtuoso() else ""
        for parts in requests:
            self._update(prologue + " ;\n".join(parts))
        return len(plain_lines) + len(with_bnodes)

    def drop_graph(self, graph: URIRef) -> None:
        self._update(f"DROP SILENT GRAPH {sparql_term(URIRef(graph))}")

    def load_graphs(self, path: str | os.PathLike) -> dict[URIRef, int]:
        """Replace the named graphs that the N-Quads file `path` holds by its quads, one `replace_graph` each (the
        quads in the file's order, so a graph's last quad is written last); the number of triples of each graph."""
        return {URIRef(g.value): self.replace_graph(URIRef(g.value), ((from_ox(q.subject), from_ox(q.predicate),
                                                                      from_ox(q.object)) for q in quads))
                for g, quads in graphs_of(path).items()}

    def clear(self) -> None:
        """Drop every named graph listed by `graph_names()` (never the server's own graphs)."""
        self._writable()
        for g in self.graph_names():
            self.drop_graph(g)

    def update(self, text: str) -> None:
        """Run a SPARQL Update as given (the prefixes of graph/namespaces.py are declared for it)."""
        self._update(with_prefixes(text))

    def flush(self) -> None:
        """Nothing to do: every update is committed by the server when its request returns."""

    # -- reads ------------------------------------------------------------------------------------------------
    def graph_names(self) -> list[URIRef]:
        """Sorted IRIs of the named graphs (without the server's own graphs, see `ignore_graphs`)."""
        names: set[Node] = set()
        if not self._is_virtuoso():
            names = {row[0] for row in self._pages("SELECT DISTINCT ?g WHERE { GRAPH ?g {} }") if row[0] is not None}
        if not names:  # Virtuoso answers `GRAPH ?g {}` with one unbound row: ask for graphs with triples
            names = {row[0] for row in self._pages("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
                     if row[0] is not None}
        return sorted(URIRef(g) for g in names if isinstance(g, URIRef) and not self._ignored(str(g)))

    def graph_triples(self, graph: URIRef) -> Iterator[Triple]:
        g = sparql_term(URIRef(graph))
        for s, p, o in self._pages(f"SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}"):
            yield s, p, plain(o)

    def quads(self) -> Iterator[Quad]:
        """Every quad of the named graphs, graph by graph."""
        for g in self.graph_names():
            for s, p, o in self.graph_triples(g):
                yield s, p, o, g

    def named_quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """The quads of `quads()` (of `graph` alone if given) as Oxigraph quads, blank nodes relabelled by `to_ox`."""
        for g in self.graph_names() if graph is None else [URIRef(graph)]:
            name = to_ox(g)
            for s, p, o in self.graph_triples(g):
                yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), name)

    def solutions(self, text: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], list[tuple]] | bool:
        """The answer to a SELECT (variable names, rows of rdflib terms, None where unbound) or an ASK (a bool)."""
        result = self.query(text, bindings)
        if result.type == "ASK":
            return bool(result.askAnswer)
        if result.type != "SELECT":
            raise InvalidArgument("solutions() answers SELECT and ASK; a graph answer goes through query()")
        return [str(v) for v in result.vars], [tuple(row) for row in result]

    def query(self, text: str, bindings: Mapping[str, Node] | None = None, *, max_rows: int | None = None) -> Result:
        """Run a SPARQL query over the server's default graph (the union of all graphs on Virtuoso).

        `bindings` (variable name -> IRI or literal) are bound by graph/store/sparql.py's `bind_values`, a VALUES
        block at the top of the WHERE clause, exactly as for the local store (rdflib's own `initBindings` appends
        a trailing VALUES, which is joined after GROUP BY and so does not restrict aggregates). An answer of more
        than `max_rows` rows or triples raises ResultTooLarge (once the server has sent it)."""
        result = self._endpoint._query(bind_values(with_prefixes(text), bindings or {}))
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            too_many(len(result.graph), max_rows, "triples")
        elif result.type == "SELECT":
            too_many(len(result.bindings), max_rows)
        return result

    def __len__(self) -> int:
        """Number of quads in the named graphs (without the server's own graphs)."""
        total = 0
        for g, n in self._pages("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"):
            if g is not None and not self._ignored(str(g)):
                total += int(n)
        return total

    def __bool__(self) -> bool:  # an empty store is still a store (len() would make it falsy)
        return True

    # -- lifecycle --------------------------------------------------------------------------------------------
    def close(self) -> None:
        self._dataset = None
        self._store = None

    def __enter__(self) -> "RemoteStore":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()


__all__ = ["RemoteStore", "RemoteQueryError", "sparql_term", "USER_ENV", "PASSWORD_ENV", "UPDATE_URL_ENV"]
