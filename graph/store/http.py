"""HTTP for a SPARQL endpoint: transport, Basic and Digest auth, retries, timeouts, credentials kept out of messages."""
from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import time
import urllib.parse
from io import BytesIO
from typing import Any, Sequence
from urllib.error import HTTPError, URLError
from urllib.request import (
    HTTPBasicAuthHandler,
    HTTPDigestAuthHandler,
    HTTPPasswordMgrWithDefaultRealm,
    ProxyHandler,
    Request,
    build_opener,
)

from rdflib import BNode, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore
from rdflib.query import Result

from ..errors import QueryError, StoreError, UpdateRefused
from .lexer import query_form
from .sparql import sparql_term

USER_ENV = "GUILDGRAPH_SPARQL_USER"
PASSWORD_ENV = "GUILDGRAPH_SPARQL_PASSWORD"

RETRY_DELAYS = (0.5, 1.0, 2.0)  # seconds before the 2nd, 3rd and 4th attempt
# SELECT results as JSON first: the XML results lose carriage returns (XML end-of-line normalisation)
ACCEPT_RESULTS = "application/sparql-results+json, application/sparql-results+xml;q=0.9"
ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.8"
_VIRTUOSO_ERROR = re.compile(r"\bVirtuoso ([0-9A-Z]{5}) Error\b")


class RemoteQueryError(StoreError, QueryError):
    """The endpoint rejected a query (HTTP 400): both a `StoreError` and a `QueryError`."""


def redact(url: str) -> str:
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


def split_credentials(url: str) -> tuple[str, str | None, str | None]:
    """(url without user:password@, user, password)."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None, None
    user = urllib.parse.unquote(parts.username) if parts.username is not None else None
    password = urllib.parse.unquote(parts.password) if parts.password is not None else None
    return redact(url), user, password


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


class Transport:
    """HTTP for one store: a private `urllib` opener (Basic *and* Digest auth, no global state: Virtuoso's
    `/sparql-auth` only offers Digest, rdflib's `SPARQLConnector` only sends Basic), loopback traffic never through
    a proxy, retries of connection errors and transient 5xx answers with backoff, and every failure a `StoreError`
    that names the endpoint (never the credentials)."""

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
        shown = redact(url)
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


class EndpointStore(SPARQLUpdateStore):
    """rdflib's SPARQLUpdateStore (SPARQL 1.1 Protocol) with its two HTTP entry points, `_query` and `_update`,
    sent through a `Transport`."""

    def __init__(self, transport: Transport, query_endpoint: str, update_endpoint: str, read_only: bool):
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
            raise StoreError(f"SPARQL query at {redact(self.query_endpoint)} failed: unreadable response "
                             f"({mime or 'no content type'}): {type(e).__name__}: {e}") from None

    def _update(self, update: str) -> None:
        if self._read_only:
            raise UpdateRefused(f"the SPARQL store at {redact(self.update_endpoint)} is open read-only")
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
