"""Serve: a read-only SPARQL 1.1 Protocol endpoint over the store (standard library `http.server`, no new dependency).

    guildgraph serve [--host 127.0.0.1] [--port 7878] [--timeout 30] [--store PATH]

* `GET /sparql?query=...`, `POST /sparql` with an `application/sparql-query` body or an
  `application/x-www-form-urlencoded` body with `query=...` (also served at `/`).
* Without a query, `GET /` is the query page (YASGUI, graph/page/; its files under `/assets/`, served from the
  package, nothing fetched elsewhere) and `GET /sparql` the service description (graph/service_description.py), in
  the RDF format `Accept` asks for, Turtle by default.
* Results by content negotiation (`Accept`, or a `format=` parameter): SELECT/ASK as
  `application/sparql-results+json` (default), `application/sparql-results+xml`, `text/csv` or
  `text/tab-separated-values`; CONSTRUCT/DESCRIBE as `text/turtle`. The bodies are `graph.query.format_result`'s.
* CORS: every answer carries `Access-Control-Allow-Origin: *`, and `OPTIONS` answers the preflight, so a query UI
  served from another local port can use the endpoint.
* Read-only: the store is opened read-only, an update (`update=`, an `application/sparql-update` body, or an
  update in `query=`) is answered 403. Dataset parameters (`default-graph-uri`, `named-graph-uri`) are refused
  with 400: queries see the union of the graphs, as `guildgraph query` does.
* Limits: a request body over `max_body` bytes (1 MB) is answered 413; a syntax error 400 with the engine's message
  (line and column); a query still running after `timeout` seconds is answered 503. Python cannot kill a thread, so
  such a query keeps running in its worker thread until it finishes and its result is thrown away: the client gets
  its answer on time, but the CPU stays busy. At most `max_workers` queries run at once (running-over ones
  included); beyond that the server answers 503 at once rather than queue work it may never finish.
* Listens on 127.0.0.1 unless told otherwise.
"""
from __future__ import annotations

import re
import socket
import threading
import urllib.parse
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from . import exports
from .errors import GuildgraphError, InvalidArgument, NotFound, QueryError, SetupError, UpdateRefused
from .exports import GRAPH_MEDIA_TYPES
from .page import ASSETS_PATH, Answer, asset_answer, page_answer, service_description_answer
from .query import format_result, is_update, run_query

if TYPE_CHECKING:
    from .store import Store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT = 30.0
MAX_BODY = 1024 * 1024  # bytes
MAX_WORKERS = 4
IDLE_TIMEOUT = 15.0  # seconds
PATHS = ("/", "/sparql", "/query")
_HOST = re.compile(r"(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?")  # a Host header fit for a URL
#: Domain errors to HTTP statuses; the first class that matches decides.
HTTP_STATUSES: tuple[tuple[type[GuildgraphError], HTTPStatus], ...] = (
    (UpdateRefused, HTTPStatus.FORBIDDEN),
    (QueryError, HTTPStatus.BAD_REQUEST),
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


class SparqlServer(ThreadingHTTPServer):
    """The endpoint: `serve_forever()` answers requests (one thread each) until `shutdown()`."""

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the listen backlog: bursts of clients wait instead of being reset

    def __init__(self, store: Store, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                 timeout: float = DEFAULT_TIMEOUT, *, max_body: int = MAX_BODY, max_workers: int = MAX_WORKERS,
                 quiet: bool = False):
        self.store = store
        self.query_timeout = timeout
        self.max_body = max_body
        self.quiet = quiet
        self._slots = threading.BoundedSemaphore(max_workers)
        self._lock = threading.Lock()
        self._running = 0
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{port}/sparql"

    @property
    def running_queries(self) -> int:
        """Queries still running in worker threads (including those whose client was already answered 503)."""
        with self._lock:
            return self._running

    def execute(self, text: str, fmt_for):
        """Run `text` in a worker thread; returns (status, body, media type). `fmt_for(result)` picks the format."""
        if not self._slots.acquire(blocking=False):
            return HTTPStatus.SERVICE_UNAVAILABLE, "too many queries running; try again later\n", "text/plain"
        outcome: dict = {}
        done = threading.Event()

        def work():
            try:
                result = run_query(self.store, text)
                fmt = fmt_for(result)
                if fmt is None:
                    outcome["answer"] = (HTTPStatus.NOT_ACCEPTABLE, "no acceptable result format; ask for one of "
                                         + ", ".join(MEDIA_TYPES.values()) + "\n", "text/plain")
                elif result.type in ("CONSTRUCT", "DESCRIBE"):  # fmt: an export format of graph/exports.py
                    outcome["answer"] = (HTTPStatus.OK, exports.serialize_graph(result.graph, fmt),
                                         exports.FORMATS[fmt].media_type)
                else:
                    outcome["answer"] = (HTTPStatus.OK, format_result(result, fmt), MEDIA_TYPES[fmt])
            except GuildgraphError as e:
                outcome["answer"] = (http_status(e), f"{e}\n", "text/plain")
            except Exception as e:  # noqa: BLE001  (the client gets a 500, the server goes on)
                outcome["answer"] = (HTTPStatus.INTERNAL_SERVER_ERROR, f"{type(e).__name__}: {e}\n", "text/plain")
            finally:
                with self._lock:
                    self._running -= 1
                self._slots.release()
                done.set()

        with self._lock:
            self._running += 1
        threading.Thread(target=work, name="sparql-query", daemon=True).start()
        if not done.wait(self.query_timeout):
            return (HTTPStatus.SERVICE_UNAVAILABLE,
                    f"the query ran over {self.query_timeout:g} s; it was abandoned (it may still finish in the "
                    "background, its result unused)\n", "text/plain")
        return outcome["answer"]


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

    def _send(self, status: int, body: str | bytes, media_type: str = "text/plain", extra: dict | None = None):
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", f"{media_type}; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept")
        for key, value in {**_CORS, **(extra or {})}.items():
            self.send_header(key, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

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
            self._reply(page_answer(self.server.store))
        else:
            fmt = negotiate_graph(self.headers.get("Accept"))
            self._reply(service_description_answer(self._endpoint_url(path), fmt))

    def _reply(self, answer: Answer) -> None:
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
        wanted = negotiate(accept, fmt_param)

        def fmt_for(result):
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                return negotiate_graph(accept)
            return wanted

        status, body, media = self.server.execute(text, fmt_for)
        extra = {"Retry-After": "5"} if status == HTTPStatus.SERVICE_UNAVAILABLE else None
        self._send(status, body, media, extra)


def make_server(store: Store, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, timeout: float = DEFAULT_TIMEOUT,
                **kwargs) -> SparqlServer:
    """A server bound to (host, port) — port 0 picks a free one, see `.server_address` / `.url` — answering
    read-only SPARQL over `store`; run it with `serve_forever()`, stop it with `shutdown()` and `server_close()`.
    Keyword arguments: max_body (bytes), max_workers, quiet (no request log)."""
    try:
        return SparqlServer(store, host, port, timeout, **kwargs)
    except OSError as e:
        raise SetupError(f"cannot listen on {host}:{port}: {e.strerror or e}") from e


__all__ = ["make_server", "SparqlServer", "negotiate", "MEDIA_TYPES", "MAX_BODY", "DEFAULT_TIMEOUT"]
