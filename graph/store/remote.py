"""RemoteStore: the store API of graph/store/local.py over a SPARQL 1.1 Query + Update endpoint (e.g. Virtuoso).

Reads and writes go through rdflib's `SPARQLUpdateStore`, whose two HTTP entry points (`_query` and `_update`)
are routed to a transport of our own (`_Transport`): a private `urllib` opener, scoped to this store, that does
HTTP Basic *and* Digest authentication (Virtuoso's `/sparql-auth` only offers Digest; rdflib's
`SPARQLConnector` only sends a Basic header), retries connection errors and 5xx answers with backoff, and turns
every failure into a `StoreError` that names the endpoint (never the credentials).

Virtuoso notes (checked against 7.2.5):
* `SELECT ?g WHERE { GRAPH ?g {} }` answers one unbound row, so `graph_names()` falls back to
  `GRAPH ?g { ?s ?p ?o }` (Virtuoso has no empty graphs anyway).
* The server keeps its own graphs (`virtrdf#` with ~2500 triples, `ldp#`, `http://<host>/sparql`,
  `http://<host>/DAV/`). They are left out of `graph_names()`, `quads()`, `len()` and `clear()` unless
  `ignore_graphs=()` is given: dropping `virtrdf#` would break the server.
* Result sets are silently cut at `ResultSetMaxRows` (10000 by default), so `quads()` and `graph_names()` read
  in pages of `page_size` rows (default 5000, keep it below that limit).
* `INSERT DATA` fails past ~1500 triples ("generated SQL text has exceeded 10000 lines") and is slow (~1.5 ms a
  triple) unless the request starts with `define sql:big-data-const 1`, which this module adds when the server
  says it is Virtuoso (`Server:` header); the SPARQL parser also gives up on one `INSERT DATA` of ~4990 triples,
  so each request is split into operations of `OP_SIZE` triples.
* SELECT results are asked for as JSON: the XML results lose carriage returns (XML end-of-line normalisation).
"""
from __future__ import annotations

import http.client
import ipaddress
import os
import re
import socket
import time
import urllib.parse
from io import BytesIO
from typing import Any, Iterable, Iterator, Mapping, Sequence
from urllib.error import HTTPError, URLError
from urllib.request import (
    HTTPBasicAuthHandler,
    HTTPDigestAuthHandler,
    HTTPPasswordMgrWithDefaultRealm,
    ProxyHandler,
    Request,
    build_opener,
)

from rdflib import BNode, Dataset, Literal, URIRef, Variable
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import XSD
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result
from rdflib.term import Node

from ..errors import InvalidArgument, QueryError, StoreError, UpdateRefused

USER_ENV = "GUILDGRAPH_SPARQL_USER"
PASSWORD_ENV = "GUILDGRAPH_SPARQL_PASSWORD"
UPDATE_URL_ENV = "GUILDGRAPH_SPARQL_UPDATE_URL"

BATCH_SIZE = 5000  # triples per update request
OP_SIZE = 1000  # triples per INSERT DATA operation inside a request
PAGE_SIZE = 5000  # rows per read request (below Virtuoso's default ResultSetMaxRows of 10000)
RETRY_DELAYS = (0.5, 1.0, 2.0)  # seconds before the 2nd, 3rd and 4th attempt

# Graphs Virtuoso keeps for itself (its RDF views, LDP, service description, WebDAV).
VIRTUOSO_SYSTEM_GRAPHS = frozenset({
    "http://www.openlinksw.com/schemas/virtrdf#",
    "http://www.w3.org/ns/ldp#",
})
_VIRTUOSO_HOST_GRAPH = re.compile(r"^https?://[^/]+/(sparql|DAV/)$")

ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"
_MASK = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\"{}|^`\\\s]*>|#[^\n]*",
                   re.S)
_VIRTUOSO_ERROR = re.compile(r"\bVirtuoso ([0-9A-Z]{5}) Error\b")
_VARNAME = re.compile(r"^[A-Za-z_0-9\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D"
                      r"\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]+$")
_BNODE_LABEL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.I)
_XSD_STRING = str(XSD.string)


class RemoteQueryError(StoreError, QueryError):
    """The endpoint rejected a query (HTTP 400): both a `StoreError` and a `QueryError`."""


def _redact(url: str) -> str:
    """`url` without user:password@ (for messages)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    netloc = parts.hostname or ""
    if ":" in netloc:
        netloc = f"[{netloc}]"
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _is_loopback(url: str) -> bool:
    host = urllib.parse.urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _excerpt(body: bytes, limit: int = 400) -> str:
    text = body.decode("utf-8", "replace").strip()
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[:limit] + " ..."


# -- SPARQL text for RDF terms -------------------------------------------------------------------------------
def _escape_string(value: str) -> str:
    return (value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r"))


def sparql_term(term: Node) -> str:
    """SPARQL syntax for an RDF term, escaped so that no text can leave its literal.

    IRIs use rdflib's `n3()`, which refuses an IRI containing `<`, `>`, `"`, `{`, spaces and the like. Literals
    are always one-line short strings with backslash, double quote, LF and CR escaped (ECHAR): for text with a
    newline rdflib's `n3()` switches to a triple-quoted string and writes a value ending in a backslash and a
    quote with a bare quote before the closing ones, which strict parsers (Oxigraph) reject.
    """
    if isinstance(term, URIRef):
        try:
            return term.n3()
        except Exception as e:  # noqa: BLE001 - rdflib raises a bare Exception for an invalid IRI
            raise InvalidArgument(f"cannot write IRI {str(term)!r} to SPARQL: {e}") from None
    if isinstance(term, Literal):
        text = f'"{_escape_string(str(term))}"'
        if term.language:
            if not re.fullmatch(r"[A-Za-z]+(-[A-Za-z0-9]+)*", term.language):
                raise InvalidArgument(f"invalid language tag {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^{sparql_term(URIRef(term.datatype))}"
        return text
    if isinstance(term, BNode):
        label = str(term)
        if not _BNODE_LABEL.match(label):  # a label SPARQL cannot spell: an injective rewrite
            label = "x" + label.encode("utf-8").hex()
        return f"_:{label}"
    if isinstance(term, Variable):
        raise InvalidArgument(f"a variable ({term.n3()}) is not an RDF term")
    raise InvalidArgument(f"cannot write {term!r} to SPARQL")


def _plain(term: Node) -> Node:
    """xsd:string literals as plain ones (the same in RDF 1.1), as graph/store/sparql.py's from_ox does."""
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        return Literal(str(term))
    return term


# -- HTTP -----------------------------------------------------------------------------------------------------
class _ClosingDigestAuthHandler(HTTPDigestAuthHandler):
    """Digest auth that closes the 401 answer it retries after (urllib leaves that socket open)."""

    def http_error_401(self, req, fp, code, msg, headers):
        return _closing(super().http_error_401, req, fp, code, msg, headers)


class _ClosingBasicAuthHandler(HTTPBasicAuthHandler):
    def http_error_401(self, req, fp, code, msg, headers):
        return _closing(super().http_error_401, req, fp, code, msg, headers)


def _closing(handler, req, fp, code, msg, headers):
    try:
        result = handler(req, fp, code, msg, headers)
    except BaseException:
        fp.close()
        raise
    if result is not None:  # answered by a retry; if None, urllib wraps `fp` in the HTTPError it raises
        fp.close()
    return result


class _Transport:
    """HTTP for one store: a private opener (Basic + Digest auth, no global state), retries, clean errors."""

    def __init__(self, urls: Sequence[str], user: str | None, password: str | None, timeout: float,
                 retry_delays: Sequence[float] = RETRY_DELAYS):
        self.timeout = timeout
        self.retry_delays = tuple(retry_delays)
        self.sleep = time.sleep
        self.server: str | None = None  # the Server header of the last answer
        handlers: list[Any] = []
        if all(_is_loopback(u) for u in urls):
            handlers.append(ProxyHandler({}))  # never send loopback traffic through an HTTP proxy
        if user is not None or password is not None:
            passwords = HTTPPasswordMgrWithDefaultRealm()
            passwords.add_password(None, list(urls), user or "", password or "")
            handlers += [_ClosingDigestAuthHandler(passwords), _ClosingBasicAuthHandler(passwords)]
        self._opener = build_opener(*handlers)

    def post(self, url: str, body: bytes, content_type: str, accept: str, what: str) -> tuple[bytes, str]:
        """POST `body`; (response bytes, content type). Raises StoreError (RemoteQueryError for a rejected
        query). Connection errors and transient 5xx answers are retried after 0.5 s, 1 s and 2 s."""
        shown = _redact(url)
        headers = {"Content-Type": content_type, "Accept": accept}
        attempt = 0
        while True:
            request = Request(url, data=body, headers=headers, method="POST")
            try:
                with self._opener.open(request, timeout=self.timeout) as response:
                    self.server = response.headers.get("Server", "")
                    return response.read(), response.headers.get("Content-Type", "")
            except HTTPError as e:
                try:
                    self.server = e.headers.get("Server", "") if e.headers is not None else ""
                    detail = _excerpt(e.read() or b"")
                except Exception:  # noqa: BLE001 - the body is only for the message
                    detail = ""
                finally:
                    e.close()
                if _transient(e.code, detail) and attempt < len(self.retry_delays):
                    self.sleep(self.retry_delays[attempt])
                    attempt += 1
                    continue
                raise _http_error(e.code, e.reason, detail, shown, what, attempt + 1) from None
            except (URLError, http.client.HTTPException, OSError) as e:
                reason = e.reason if isinstance(e, URLError) else e
                if isinstance(reason, (socket.timeout, TimeoutError)):
                    raise StoreError(f"SPARQL {what} at {shown} failed: no answer within {self.timeout:g} s"
                                     ) from None
                if attempt < len(self.retry_delays):
                    self.sleep(self.retry_delays[attempt])
                    attempt += 1
                    continue
                raise StoreError(f"SPARQL {what} at {shown} failed: cannot connect ({_describe(reason)}); "
                                 f"gave up after {attempt + 1} attempts") from None


def _transient(code: int, detail: str) -> bool:
    """Worth retrying: a 5xx, except an error the engine reports for the request itself (Virtuoso answers 500
    to e.g. a failed CREATE GRAPH; its SQL states 40xxx, deadlocks, and 08xxx, connections, are transient)."""
    if not 500 <= code < 600:
        return False
    engine = _VIRTUOSO_ERROR.search(detail)
    return engine is None or engine.group(1).startswith(("40", "08"))


def _http_error(code: int, reason: Any, detail: str, shown: str, what: str, attempts: int) -> StoreError:
    status = f"HTTP {code}" + (f" {reason}" if reason else "")
    if code in (401, 403):
        return StoreError(f"SPARQL {what} at {shown} failed: {status}: the endpoint refused the credentials "
                          f"(set {USER_ENV} and {PASSWORD_ENV})")
    tail = f": {detail}" if detail else ""
    if code == 400 and what == "query":
        return RemoteQueryError(f"SPARQL query at {shown} rejected: {status}{tail}")
    if attempts > 1:
        status += f" after {attempts} attempts"
    return StoreError(f"SPARQL {what} at {shown} failed: {status}{tail}")


def _describe(reason: Any) -> str:
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return str(reason) or type(reason).__name__


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside strings, IRIs and comments."""
    masked = _MASK.sub(" ", text)
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", masked, re.I)
    return m.group(1).upper() if m else "SELECT"


class _EndpointStore(SPARQLUpdateStore):
    """rdflib's SPARQLUpdateStore with its HTTP calls sent through a `_Transport`."""

    def __init__(self, transport: _Transport, query_endpoint: str, update_endpoint: str, read_only: bool):
        super().__init__(query_endpoint=query_endpoint, update_endpoint=update_endpoint, autocommit=True,
                         context_aware=True)
        self._transport = transport
        self._read_only = read_only

    def _query(self, query: str, default_graph: str | None = None, named_graph: str | None = None) -> Result:
        self._queries += 1
        params = {"query": query}
        if default_graph is not None and not isinstance(default_graph, BNode):
            params["default-graph-uri"] = str(default_graph)
        accept = ACCEPT_GRAPH if query_form(query) in ("CONSTRUCT", "DESCRIBE") else ACCEPT_RESULTS
        body, content_type = self._transport.post(self.query_endpoint, urllib.parse.urlencode(params).encode(),
                                                  "application/x-www-form-urlencoded", accept, "query")
        mime = content_type.split(";")[0].strip().lower()
        try:
            return Result.parse(BytesIO(body), content_type=mime)
        except Exception as e:  # noqa: BLE001 - any parser failure is a bad response
            raise StoreError(f"SPARQL query at {_redact(self.query_endpoint)} failed: unreadable response "
                             f"({mime or 'no content type'}): {type(e).__name__}: {e}") from None

    def _update(self, update: str) -> None:
        if self._read_only:
            raise UpdateRefused(f"the SPARQL store at {_redact(self.update_endpoint)} is open read-only")
        self._updates += 1
        self._transport.post(self.update_endpoint, update.encode("utf-8"),
                             "application/sparql-update; charset=UTF-8", ACCEPT_RESULTS, "update")

    def commit(self) -> None:
        """Send the pending edits; unlike rdflib's, a failed request does not leave them queued for the next."""
        edits, self._edits = self._edits, None
        if edits:
            self._update("\n;\n".join(edits))

    def add_graph(self, graph) -> None:
        """Nothing to send: a graph exists once it has triples (Virtuoso refuses CREATE GRAPH for a graph that
        has some, and `Dataset.graph()` calls this for every graph it hands out, read-only stores included)."""

    def remove_graph(self, graph) -> None:
        if graph.identifier == DATASET_DEFAULT_GRAPH_ID:
            self.update("DROP SILENT DEFAULT")
        else:
            self.update(f"DROP SILENT GRAPH {sparql_term(URIRef(graph.identifier))}")


class RemoteStore:
    """The store API (see docs/DESIGN.md) over a SPARQL 1.1 endpoint; credentials for Basic or Digest auth."""

    #: a server may cut a long result set short (Virtuoso's ResultSetMaxRows): callers ask in batches
    cuts_result_sets = True

    def __init__(self, url: str, *, update_url: str | None = None, user: str | None = None,
                 password: str | None = None, read_only: bool = False, timeout: float = 60.0,
                 batch_size: int = BATCH_SIZE, page_size: int = PAGE_SIZE,
                 ignore_graphs: Iterable[str] | None = None):
        url, url_user, url_password = _split_credentials(url)
        if update_url:
            update_url, u2, p2 = _split_credentials(update_url)
            url_user, url_password = url_user or u2, url_password or p2
        if user is None and password is None:
            user, password = url_user, url_password
        for u in (url, update_url):
            if u is not None and urllib.parse.urlsplit(u).scheme not in ("http", "https"):
                raise InvalidArgument(f"not an http(s) SPARQL endpoint: {_redact(u)}")
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
        self._transport = _Transport([self.url, self.update_url], user, password, timeout)
        self._store: _EndpointStore | None = _EndpointStore(self._transport, self.url, self.update_url, read_only)
        self._dataset: Dataset | None = None

    @classmethod
    def from_env(cls, url: str, read_only: bool = False, **kwargs: Any) -> "RemoteStore":
        """A store at `url` with credentials from $GUILDGRAPH_SPARQL_USER / $GUILDGRAPH_SPARQL_PASSWORD and the
        update endpoint from $GUILDGRAPH_SPARQL_UPDATE_URL (default: `url`)."""
        return cls(url, update_url=os.environ.get(UPDATE_URL_ENV) or None,
                   user=os.environ.get(USER_ENV) or None, password=os.environ.get(PASSWORD_ENV) or None,
                   read_only=read_only, **kwargs)

    def __repr__(self) -> str:
        extra = "" if self.update_url == self.url else f", update_url={_redact(self.update_url)!r}"
        auth = ", authenticated" if self._authenticated else ""
        ro = ", read_only" if self.read_only else ""
        return f"RemoteStore({_redact(self.url)!r}{extra}{auth}{ro})"

    # -- plumbing ---------------------------------------------------------------------------------------------
    @property
    def _endpoint(self) -> _EndpointStore:
        if self._store is None:
            raise StoreError(f"the SPARQL store at {_redact(self.url)} is closed")
        return self._store

    def _writable(self) -> None:
        if self.read_only:
            raise UpdateRefused(f"the SPARQL store at {_redact(self.update_url)} is open read-only")

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
            from ..namespaces import PREFIXES

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

    def replace_graph(self, graph: URIRef, triples: Iterable[tuple[Node, Node, Node]]) -> int:
        """Replace the named graph `graph` by `triples`: `DROP SILENT GRAPH` and `INSERT DATA` in one update
        request, which the server runs as one transaction. A graph of more than `batch_size` triples takes
        several requests (the first one drops the old graph), so a reader may see it half written.
        Returns the number of distinct triples written."""
        self._writable()
        g = sparql_term(URIRef(graph))
        plain: dict[str, None] = {}
        with_bnodes: dict[str, None] = {}
        for s, p, o in triples:
            line = f"{sparql_term(s)} {sparql_term(p)} {sparql_term(o)} ."
            (with_bnodes if isinstance(s, BNode) or isinstance(o, BNode) else plain)[line] = None
        lines = list(plain)
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
        return len(plain) + len(with_bnodes)

    def drop_graph(self, graph: URIRef) -> None:
        self._update(f"DROP SILENT GRAPH {sparql_term(URIRef(graph))}")

    def clear(self) -> None:
        """Drop every named graph listed by `graph_names()` (never the server's own graphs)."""
        self._writable()
        for g in self.graph_names():
            self.drop_graph(g)

    def update(self, text: str) -> None:
        """Run a SPARQL Update as given (the prefixes of graph/namespaces.py are declared for it)."""
        self._update(_with_prefixes(text))

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

    def graph_triples(self, graph: URIRef) -> Iterator[tuple[Node, Node, Node]]:
        g = sparql_term(URIRef(graph))
        for s, p, o in self._pages(f"SELECT ?s ?p ?o WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }}"):
            yield s, p, _plain(o)

    def quads(self) -> Iterator[tuple[Node, Node, Node, URIRef]]:
        """Every quad of the named graphs, graph by graph."""
        for g in self.graph_names():
            for s, p, o in self.graph_triples(g):
                yield s, p, o, g

    def query(self, text: str, bindings: Mapping[str, Node] | None = None) -> Result:
        """Run a SPARQL query over the server's default graph (the union of all graphs on Virtuoso).

        `bindings` (variable name -> RDF term) are bound by a VALUES block at the top of the WHERE clause, written
        by graph/store/sparql.py's `bind_values` exactly as for the local store (rdflib's own `initBindings` appends a
        trailing VALUES, which is joined after GROUP BY and so does not restrict aggregates)."""
        text = _with_prefixes(text)
        if bindings:
            from .sparql import bind_values

            checked: dict[str, Node] = {}
            for name, value in bindings.items():
                var = str(name).lstrip("?$")
                if not _VARNAME.match(var):
                    raise InvalidArgument(f"invalid SPARQL variable name {str(name)!r}")
                if not isinstance(value, (URIRef, Literal)):
                    raise InvalidArgument(f"?{var} must be bound to an IRI or a literal, not {value!r}")
                sparql_term(value)  # refuses an IRI that cannot be written
                checked[var] = value
            text = bind_values(text, checked)
        return self._endpoint._query(text)

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


def _split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """(url without user:password@, user, password)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    user = urllib.parse.unquote(parts.username) if parts.username is not None else None
    password = urllib.parse.unquote(parts.password) if parts.password is not None else None
    return _redact(url), user, password


def _with_prefixes(text: str) -> str:
    """The query with PREFIX declarations for the project's prefixes it uses but does not declare (the local
    store passes the same map to Oxigraph)."""
    from ..namespaces import PREFIXES

    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(text)}
    missing = [(p, iri) for p, iri in PREFIXES.items()
               if p not in declared and re.search(rf"(?<![\w.:-]){re.escape(p)}:", text)]
    if not missing:
        return text
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in missing) + text


__all__ = ["RemoteStore", "RemoteQueryError", "sparql_term", "USER_ENV", "PASSWORD_ENV", "UPDATE_URL_ENV"]
