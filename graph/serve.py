"""Serve: a read-only SPARQL 1.1 Protocol endpoint over the store (standard library `http.server`, no new dependency).

    guildgraph serve [--host 127.0.0.1] [--port 7878] [--timeout 30] [--workers 4] [--max-rows 10000]
                     [--memory-mb 1024] [--allow-service URL ...] [--store PATH]

* `GET /sparql?query=...`, `POST /sparql` with an `application/sparql-query` body or an
  `application/x-www-form-urlencoded` body with `query=...` (also served at `/`).
* Without a query, `GET /` is the query page (YASGUI, graph/page/; its files under `/assets/`, served from the
  package, nothing fetched elsewhere) and `GET /sparql` the service description (graph/service_description.py), in
  the RDF format `Accept` asks for, Turtle by default.
* Results by content negotiation (`Accept`, or a `format=` parameter): SELECT/ASK as
  `application/sparql-results+json` (default), `application/sparql-results+xml`, `text/csv` or
  `text/tab-separated-values`; CONSTRUCT/DESCRIBE in the graph format asked for (Turtle by default). The bodies
  are `graph.query.format_result`'s and `graph.exports.serialize_graph`'s, written in the query's worker.
* CORS: every answer carries `Access-Control-Allow-Origin: *`, and `OPTIONS` answers the preflight, so a query UI
  served from another local port can use the endpoint.
* Read-only: the store is opened read-only, an update (`update=`, an `application/sparql-update` body, or an
  update in `query=`) is answered 403. Dataset parameters (`default-graph-uri`, `named-graph-uri`) are refused
  with 400: queries see the union of the graphs, as `guildgraph query` does.
* Queries run in a pool of worker processes (graph/query/pool.py), each with the store open read-only: a query
  still running at `timeout` seconds gets its worker killed and replaced (503), one over `max_rows` rows or
  `memory_mb` of memory is stopped (413), one the engine could not survive or that calls a SERVICE not allowed
  is refused before it runs (400, graph/query/guard.py); a crash costs the worker, never the server. Workers
  open the store again after a build, so answers follow it without a restart.
* Limits: a request body over `max_body` bytes (1 MB) is answered 413; a syntax error 400 with the engine's message
  (line and column).
* Listens on 127.0.0.1 unless told otherwise.
"""
from __future__ import annotations

import os
import re
import socket
import urllib.parse
from collections.abc import Iterable, Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from . import exports
from .errors import (
    Busy,
    GuildgraphError,
    InvalidArgument,
    NotFound,
    QueryError,
    QueryRefused,
    QueryTimeout,
    ResultTooLarge,
    SetupError,
    UpdateRefused,
)
from .exports import GRAPH_MEDIA_TYPES
from .page import ASSETS_PATH, asset_answer, page_answer, service_description_answer
from .page import Answer as PageAnswer
from .query import is_update
from .query.pool import Answer, QueryPool

if TYPE_CHECKING:
    from .store import Store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
MAX_BODY = 1024 * 1024  # bytes
IDLE_TIMEOUT = 15.0  # seconds a client may send nothing before it is dropped
WORKERS = 4  # worker processes kept ready (graph/query/pool.py)
MAX_ROWS = 10_000  # rows (or triples) of an answer: the cap DBpedia's Virtuoso sets too
MEMORY_MB = 1024  # memory a query may use in its worker
PATHS = ("/", "/sparql", "/query")
_HOST = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")  # a Host header fit for a URL
#: Domain errors to HTTP statuses; the first class that matches decides.
HTTP_STATUSES: tuple[tuple[type[GuildgraphError], HTTPStatus], ...] = (
    (UpdateRefused, HTTPStatus.FORBIDDEN),
    (QueryRefused, HTTPStatus.BAD_REQUEST),  # the guard's: the engine could not survive it, or a SERVICE
    (QueryError, HTTPStatus.BAD_REQUEST),
    (ResultTooLarge, HTTPStatus.REQUEST_ENTITY_TOO_LARGE),  # more rows than max_rows, more memory than memory_mb
    (QueryTimeout, HTTPStatus.SERVICE_UNAVAILABLE),
    (Busy, HTTPStatus.SERVICE_UNAVAILABLE),
    (InvalidArgument, HTTPStatus.BAD_REQUEST),
    (NotFound, HTTPStatus.NOT_FOUND),
    (GuildgraphError, HTTPStatus.INTERNAL_SERVER_ERROR),
)

#: result format → media type of its answer
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
#: media types a client may ask for → result format (SELECT/ASK)
_ACCEPTED = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
_FORMAT_PARAM = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Content-Type",
    "Access-Control-Max-Age": "600",
}


def _accepted(accept: str) -> Iterator[tuple[str, float]]:
    """(media type, q) of each item of an `Accept` header, in order."""
    for item in accept.split(","):
        media, *params = [part.strip() for part in item.split(";")]
        q = 1.0
        for p in params:
            if p.lower().startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        yield media.lower(), q


def negotiate_graph(accept: str | None) -> str:
    """The export format (graph/exports.py's registry) for a CONSTRUCT/DESCRIBE answer: the best the client
    accepts, Turtle if it names none of them."""
    best, best_q = "turtle", 0.0
    for media, q in _accepted(accept or ""):
        fmt = GRAPH_MEDIA_TYPES.get(media)
        if fmt is not None and q > best_q:
            best, best_q = fmt, q
    return best


def negotiate(accept: str | None, fmt_param: str | None = None) -> str | None:
    """The result format for a SELECT/ASK answer: from a `format=` parameter, else the `Accept` header (q-values
    respected, the first of equal ones wins); `None` if the client accepts none of them."""
    if fmt_param:
        fmt = _FORMAT_PARAM.get(fmt_param.lower()) or _ACCEPTED.get(fmt_param.lower())
        if fmt:
            return fmt
    if not accept or not accept.strip():
        return "json"
    best, best_q = None, 0.0
    for media, q in _accepted(accept):
        fmt = _ACCEPTED.get(media)
        if fmt is None and media in ("*/*", "application/*"):
            fmt = "json"
        elif fmt is None and media == "text/*":
            fmt = "csv"
        if fmt is not None and q > best_q:
            best, best_q = fmt, q
    if best is None and any(media in GRAPH_MEDIA_TYPES for media, _ in _accepted(accept)):
        return "json"  # a client that asks for RDF (e.g. rdflib for any query) still gets standard results
    return best



def http_status(error: GuildgraphError) -> HTTPStatus:
    return next(status for kind, status in HTTP_STATUSES if isinstance(error, kind))


def _location(store: Store | str | os.PathLike) -> str:
    """Where the workers open the store: a LocalStore's directory, a RemoteStore's endpoint (credentials from
    the environment), or the location given."""
    if isinstance(store, (str, os.PathLike)):
        return str(store)
    return str(getattr(store, "path", None) or store.url)


class SparqlServer(ThreadingHTTPServer):
    """The endpoint: `serve_forever()` answers requests (one thread each) until `shutdown()`; `server_close()`
    stops its query workers. `store`: a Store, or the location of one (a directory or an http(s) endpoint)."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the listen backlog: bursts of clients wait instead of being reset

    def __init__(self, store: Store | str | os.PathLike, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 timeout: float = DEFAULT_TIMEOUT, *, max_body: int = MAX_BODY, workers: int = WORKERS,
                 max_rows: int | None = MAX_ROWS, memory_mb: int = MEMORY_MB, allow_service: Iterable[str] = (),
                 quiet: bool = False):
        self.query_timeout = timeout
        self.max_body = max_body
        self.quiet = quiet
        self.location = _location(store)
        super().__init__((host, port), _Handler)
        self.pool = QueryPool(self.location, workers=workers, timeout=timeout, max_rows=max_rows,
                              memory_mb=memory_mb, allow_service=allow_service)
        try:
            self.pool.start()
        except BaseException:
            super().server_close()
            raise

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/sparql"

    def query_page(self) -> PageAnswer:
        """The query page, its named queries' defaults bound against the store as it is now (opened read-only here,
        like the workers open it)."""
        from .store import open_store

        with open_store(self.location, read_only=True) as store:
            return page_answer(store)

    @property
    def running_queries(self) -> int:
        """Queries running in the workers now."""
        return self.pool.running

    def server_close(self) -> None:
        # the workers first: closing the server joins its request threads, and one still waiting on a worker (a
        # query that has not yet hit its memory or time limit) would hold the shutdown until the query ends
        self.pool.close()
        super().server_close()

    def execute(self, text: str, select_fmt: str | None, graph_fmt: str) -> tuple[HTTPStatus, str, bytes | Answer]:
        """Run `text` in a worker: (status, media type, body). SELECT/ASK answers are written in `select_fmt`
        (None: the client accepts none: 406), CONSTRUCT/DESCRIBE ones in the export format `graph_fmt`; an OK body
        is an `Answer` to send piece by piece, an error's the domain error's message."""
        try:
            answer = self.pool.run(text, select_fmt, graph_fmt)
        except GuildgraphError as e:
            return http_status(e), "text/plain", f"{e}\n".encode("utf-8")
        if answer.fmt is None:
            answer.close()
            return (HTTPStatus.NOT_ACCEPTABLE, "text/plain", ("no acceptable result format; ask for one of "
                    + ", ".join(MEDIA_TYPES.values()) + "\n").encode("utf-8"))
        if answer.form in ("CONSTRUCT", "DESCRIBE"):  # fmt: an export format of graph/exports.py
            return HTTPStatus.OK, exports.FORMATS[answer.fmt].media_type, answer
        return HTTPStatus.OK, MEDIA_TYPES[answer.fmt], answer


class _Handler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "guildgraph-sparql/1"
    protocol_version = "HTTP/1.1"  # keep-alive: a client's connection serves many queries
    timeout = IDLE_TIMEOUT  # a client that sends nothing (or half a request) for this long is dropped

    # -- plumbing ------------------------------------------------------------------------------------------
    def setup(self) -> None:
        super().setup()
        # headers and body go out as two writes: without this, a kept-alive connection waits for the client's
        # delayed ACK (~40 ms) before the body leaves
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format, *args):
        if not self.server.quiet:
            super().log_message(format, *args)

    def _send(self, status: int, body: str | bytes | Answer, media_type: str = "text/plain",
              extra: dict | None = None):
        data = body.encode("utf-8") if isinstance(body, str) else body
        pieces = [data] if isinstance(data, bytes) else data
        try:
            self.send_response(status)
            self.send_header("Content-Type", f"{media_type}; charset=utf-8")
            self.send_header("Content-Length", str(len(data) if isinstance(data, bytes) else data.length))
            self.send_header("Vary", "Accept")
            for key, value in {**_CORS, **(extra or {})}.items():
                self.send_header(key, value)
            self.end_headers()
            for piece in pieces if self.command != "HEAD" else ():
                self.wfile.write(piece)
        except (GuildgraphError, OSError):  # the time limit struck on the way, or the client left: cut the line
            self.close_connection = True
        finally:
            if isinstance(data, Answer):
                data.close()

    def _path(self) -> tuple[str, dict[str, list[str]]] | None:
        parts = urllib.parse.urlsplit(self.path)
        path = parts.path.rstrip("/") or "/"
        if path not in PATHS:
            self._send(HTTPStatus.NOT_FOUND, f"not found: {parts.path}; the endpoint is /sparql\n")
            return None
        return path, urllib.parse.parse_qs(parts.query, keep_blank_values=True)

    def _discard_body(self, length: int) -> None:
        """Read and drop up to `length` bytes (bounded), so the client can read our answer before we close."""
        left = min(length, 16 * self.server.max_body)
        self.connection.settimeout(5)
        try:
            while left > 0:
                chunk = self.rfile.read(min(left, 65536))
                if not chunk:
                    break
                left -= len(chunk)
        except OSError:
            pass
        self.close_connection = True

    # -- methods -------------------------------------------------------------------------------------------
    def do_OPTIONS(self):
        if self._path() is None:
            return
        self.send_response(HTTPStatus.NO_CONTENT)
        for key, value in _CORS.items():
            self.send_header(key, value)
        self.send_header("Allow", "GET, POST, OPTIONS")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        parts = urllib.parse.urlsplit(self.path)
        if parts.path.startswith(ASSETS_PATH):
            version = urllib.parse.parse_qs(parts.query).get("v", [None])[0]
            self._reply(asset_answer(parts.path[len(ASSETS_PATH):], version, self.headers.get("If-None-Match")))
            return
        found = self._path()
        if found is None:
            return
        path, params = found
        if "query" in params or "update" in params:
            self._answer(params)
        elif path == "/":
            self._reply(self.server.query_page())
        else:
            fmt = negotiate_graph(self.headers.get("Accept"))
            self._reply(service_description_answer(self._endpoint_url(path), fmt))

    def _reply(self, answer: PageAnswer) -> None:
        if answer.status == HTTPStatus.NOT_MODIFIED:  # no body, no Content-Length (it would be the body's)
            self.send_response(answer.status)
            for key, value in answer.headers.items():
                self.send_header(key, value)
            self.end_headers()
            return
        self._send(answer.status, answer.body, answer.media_type, answer.headers)

    def _endpoint_url(self, path: str) -> str:
        """The endpoint's URL as the client reached it (its Host header), or else the one the server listens on."""
        host = self.headers.get("Host", "")
        return f"http://{host}{path}" if _HOST.fullmatch(host) else self.server.url

    def do_HEAD(self):
        self.do_GET()

    def do_POST(self):
        found = self._path()
        if found is None:
            return
        _, params = found
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked" or "Content-Length" not in self.headers:
            self.close_connection = True
            self._send(HTTPStatus.LENGTH_REQUIRED, "a POST needs a Content-Length\n")
            return
        try:
            length = int(self.headers["Content-Length"])
        except ValueError:
            length = -1
        if length < 0:
            self.close_connection = True
            self._send(HTTPStatus.BAD_REQUEST, "bad Content-Length\n")
            return
        if length > self.server.max_body:
            self._discard_body(length)
            self._send(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                       f"request body of {length} bytes is over the limit of {self.server.max_body}\n")
            return
        body = self.rfile.read(length)
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            self._send(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused\n")
            return
        if media == "application/sparql-query":
            try:
                params.setdefault("query", []).append(body.decode("utf-8"))
            except UnicodeDecodeError:
                self._send(HTTPStatus.BAD_REQUEST, "the query is not UTF-8\n")
                return
        elif media == "application/x-www-form-urlencoded":
            try:
                form = urllib.parse.parse_qs(body.decode("utf-8"), keep_blank_values=True)
            except UnicodeDecodeError:
                self._send(HTTPStatus.BAD_REQUEST, "the form is not UTF-8\n")
                return
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
        else:
            self._send(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                       "POST application/sparql-query or application/x-www-form-urlencoded (query=...)\n")
            return
        self._answer(params)

    def do_PUT(self):
        self._send(HTTPStatus.METHOD_NOT_ALLOWED, "read-only endpoint\n", extra={"Allow": "GET, POST, OPTIONS"})

    do_DELETE = do_PATCH = do_PUT

    # -- the query -----------------------------------------------------------------------------------------
    def _answer(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            self._send(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused\n")
            return
        queries = params.get("query", [])
        if len(queries) != 1:
            self._send(HTTPStatus.BAD_REQUEST, "give exactly one query\n")
            return
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            self._send(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are not supported: queries "
                                               "see the union of all graphs (use GRAPH in the query)\n")
            return
        text = queries[0]
        if is_update(text):
            self._send(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused\n")
            return
        fmt_param = next(iter(params.get("format", []) or params.get("output", [])), None)
        accept = self.headers.get("Accept")
        status, media, body = self.server.execute(text, negotiate(accept, fmt_param), negotiate_graph(accept))
        extra = {"Retry-After": "5"} if status == HTTPStatus.SERVICE_UNAVAILABLE else None
        self._send(status, body, media, extra)


def make_server(store: Store | str | os.PathLike, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                timeout: float = DEFAULT_TIMEOUT, **kwargs) -> SparqlServer:
    """A server bound to (host, port) — port 0 picks a free one, see `.server_address` / `.url` — answering
    read-only SPARQL over `store` (a Store, or its location); run it with `serve_forever()`, stop it with
    `shutdown()` and `server_close()`. Keyword arguments: max_body (bytes), workers, max_rows, memory_mb (see
    graph/query/pool.py), allow_service (SERVICE IRIs queries may call), quiet (no request log)."""
    try:
        return SparqlServer(store, host, port, timeout, **kwargs)
    except OSError as e:
        raise SetupError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e


__all__ = ["make_server", "SparqlServer", "negotiate", "MEDIA_TYPES", "MAX_BODY", "DEFAULT_TIMEOUT"]
