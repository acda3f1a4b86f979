"""`guildgraph serve`: the read-only SPARQL 1.1 Protocol endpoint, queried over real HTTP on 127.0.0.1 with
SPARQLWrapper and rdflib's SPARQLStore; its answers equal the local store's."""
from __future__ import annotations

import csv
import http.client
import io
import json
import threading
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from urllib.error import HTTPError

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, POST, TSV, XML, SPARQLWrapper

from graph.namespaces import PREFIXES
from graph.query import bind_params, get_query, list_queries, run_named
from graph.serve import SparqlServer, make_server
from graph.store import open_store
from graph.store.sparql import bind_values

from .conftest import assert_same_graph
from .test_export import parse_dataset
from .test_queries import PARAMS

PROLOGUE = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
GUILDS = PROLOGUE + "SELECT ?g ?label WHERE { ?g a hl:Guild ; rdfs:label ?label } ORDER BY ?label"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"  # a cross product: seconds on the corpus


@contextmanager
def running(store, **kwargs):
    server = make_server(store, "127.0.0.1", 0, kwargs.pop("timeout", 30), quiet=True, **kwargs)
    thread = threading.Thread(target=server.serve_forever, name="test-sparql-server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        deadline = time.monotonic() + 120     # let abandoned queries finish before the store goes away
        while server.running_queries and time.monotonic() < deadline:
            time.sleep(0.05)
        server.shutdown()
        server.server_close()
        thread.join(10)
        assert not thread.is_alive()


@pytest.fixture(scope="module")
def store(built):
    with open_store(built[0], read_only=True) as s:
        yield s


@pytest.fixture(scope="module")
def server(store):
    with running(store) as srv:
        yield srv


def request(server, method="GET", params=None, body=None, headers=None, path="/sparql"):
    """(status, headers, body text) of one request; HTTP errors are answers too."""
    url = server.url.rsplit("/", 1)[0] + path
    if params:
        url += "?" + urllib.parse.urlencode(params)
    req = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.headers, resp.read().decode("utf-8")
    except HTTPError as e:
        with e:
            return e.code, e.headers, e.read().decode("utf-8")


def local_rows(store, text):
    return [tuple(row) for row in store.query(text)]


def json_rows(data):
    names = data["head"]["vars"]
    return [tuple(b.get(n, {}).get("value") for n in names) for b in data["results"]["bindings"]]


def plain(rows):
    return [tuple(None if v is None else str(v) for v in row) for row in rows]


# -- clients --------------------------------------------------------------------------------------------------
def test_binds_loopback_by_default(store):
    server = make_server(store, port=0, quiet=True)
    try:
        assert server.server_address[0] == "127.0.0.1"
        assert server.url.startswith("http://127.0.0.1:")
    finally:
        server.server_close()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_json_equals_local(server, store, method):
    w = SPARQLWrapper(server.url)
    w.setQuery(GUILDS)
    w.setReturnFormat(JSON)
    w.setMethod(method)
    data = w.query().convert()
    assert json_rows(data) == plain(local_rows(store, GUILDS))
    assert ("https://w3id.org/hollywood-labor/id/actor/wga", "Writers Guild of America") in json_rows(data)


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_named_queries_over_http_equal_local(server, store, name):
    """Each named query, its parameters bound into the text as the library binds them, answers over HTTP what
    `run_named` answers locally."""
    query = get_query(name)
    text = bind_values(query.text, bind_params(store, query, PARAMS.get(name, {})))
    w = SPARQLWrapper(server.url)
    w.setQuery(text)
    w.setReturnFormat(JSON)
    w.setMethod(POST)
    assert json_rows(w.query().convert()) == plain(run_named(store, name, PARAMS.get(name, {})))


def test_sparqlwrapper_other_formats(server, store):
    expected = plain(local_rows(store, GUILDS))
    for fmt in (XML, CSV, TSV):
        w = SPARQLWrapper(server.url)
        w.setQuery(GUILDS)
        w.setReturnFormat(fmt)
        result = w.query()
        body = result.convert()
        if fmt == XML:
            ns = {"r": "http://www.w3.org/2005/sparql-results#"}
            root = ET.fromstring(body.toxml())  # SPARQLWrapper hands back a DOM document
            got = [(r.findtext("r:binding[@name='g']/r:uri", namespaces=ns),
                    r.findtext("r:binding[@name='label']/r:literal", namespaces=ns))
                   for r in root.iterfind(".//r:result", ns)]
            assert got == expected
        elif fmt == CSV:
            table = list(csv.reader(io.StringIO(body.decode("utf-8"))))
            assert table[0] == ["g", "label"] and [tuple(r) for r in table[1:]] == expected
        else:
            lines = body.decode("utf-8").splitlines()
            assert lines[0] == "?g\t?label" and len(lines) == len(expected) + 1


def test_rdflib_sparqlstore_equals_local(server, store):
    remote = Graph(store=SPARQLStore(server.url))
    try:
        assert [tuple(r) for r in remote.query(GUILDS)] == local_rows(store, GUILDS)
        text = bind_values(get_query("proposals-and-agreements").text, {})
        assert [tuple(r) for r in remote.query(text)] == local_rows(store, text)
        assert remote.query(PROLOGUE + "ASK { hlr:actor\\/wga a hl:Guild }").askAnswer is True
        construct = PROLOGUE + "CONSTRUCT { ?g rdfs:label ?l } WHERE { ?g a hl:Guild ; rdfs:label ?l }"
        assert_same_graph(remote.query(construct).graph, store.query(construct).graph, "CONSTRUCT")
    finally:
        remote.close()


# -- content negotiation --------------------------------------------------------------------------------------
@pytest.mark.parametrize("accept,media", [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/html, */*;q=0.1", "application/sparql-results+json"),
    (None, "application/sparql-results+json"),
])
def test_content_negotiation(server, store, accept, media):
    status, headers, body = request(server, params={"query": GUILDS}, headers={"Accept": accept} if accept else {})
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == media
    assert headers["Access-Control-Allow-Origin"] == "*"
    expected = plain(local_rows(store, GUILDS))
    if media.endswith("json"):
        assert json_rows(json.loads(body)) == expected
    elif media.endswith("xml"):
        assert "Writers Guild of America" in ET.fromstring(body).itertext()
    elif media == "text/csv":
        assert [tuple(r) for r in csv.reader(io.StringIO(body))][1:] == expected
    else:
        assert len(body.splitlines()) == len(expected) + 1


def test_format_parameter_and_not_acceptable(server):
    status, headers, _ = request(server, params={"query": GUILDS, "format": "csv"})
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    status, _, body = request(server, params={"query": GUILDS}, headers={"Accept": "image/png"})
    assert status == 406 and "application/sparql-results+json" in body


def test_construct_is_turtle(server, store):
    construct = PROLOGUE + "CONSTRUCT { ?m hl:memberOf ?a } WHERE { ?m hl:memberOf ?a }"
    status, headers, body = request(server, "POST", body=construct.encode("utf-8"),
                                    headers={"Content-Type": "application/sparql-query", "Accept": "text/turtle"})
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert_same_graph(Graph().parse(data=body, format="turtle"), store.query(construct).graph, "CONSTRUCT")


def test_post_form(server, store):
    body = urllib.parse.urlencode({"query": GUILDS}).encode("ascii")
    status, _, text = request(server, "POST", body=body,
                              headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 200 and json_rows(json.loads(text)) == plain(local_rows(store, GUILDS))


# -- CORS, refusals, limits ---------------------------------------------------------------------------------------
def test_cors_preflight(server):
    status, headers, body = request(server, "OPTIONS", headers={
        "Origin": "http://127.0.0.1:3000", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert status == 204 and body == ""
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]
    assert "content-type" in headers["Access-Control-Allow-Headers"].lower()


@pytest.mark.parametrize("how", ["sparql-update", "form-update", "get-update", "update-as-query"])
def test_updates_are_refused(server, store, how):
    before = len(store)
    update = "INSERT DATA { GRAPH <urn:test:g> { <urn:test:a> <urn:test:b> 'c' } }"
    if how == "sparql-update":
        status, _, body = request(server, "POST", body=update.encode(),
                                  headers={"Content-Type": "application/sparql-update"})
    elif how == "form-update":
        status, _, body = request(server, "POST", body=urllib.parse.urlencode({"update": update}).encode(),
                                  headers={"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "get-update":
        status, _, body = request(server, params={"update": update})
    else:
        status, _, body = request(server, params={"query": "DROP ALL"})
    assert status == 403 and "read-only" in body
    assert len(store) == before


def test_syntax_error_is_400_with_position(server):
    status, headers, body = request(server, params={"query": "SELECT * WHERE {\n  ?s ?p \n}"})
    assert status == 400
    assert "error at 3:" in body
    assert headers["Access-Control-Allow-Origin"] == "*"


def test_oversized_request_is_413(server):
    big = ("SELECT * WHERE { ?s ?p ?o } #" + "x" * (2 * 1024 * 1024)).encode()
    status, _, body = request(server, "POST", body=big, headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and "limit" in body
    # a declared length over the limit is refused before any of it is read
    conn = http.client.HTTPConnection(*server.server_address[:2], timeout=30)
    try:
        conn.putrequest("POST", "/sparql")
        conn.putheader("Content-Type", "application/sparql-query")
        conn.putheader("Content-Length", str(50 * 1024 * 1024))
        conn.endheaders()
        resp = conn.getresponse()
        assert resp.status == 413
        resp.read()
    finally:
        conn.close()


def test_other_requests(server):
    assert request(server, path="/nothing")[0] == 404
    assert request(server, "POST", body=b"x", headers={"Content-Type": "text/plain"})[0] == 415
    assert request(server, params={"query": GUILDS, "default-graph-uri": "urn:x"})[0] == 400
    status, _, body = request(server, path="/")
    assert status == 200 and "SPARQL" in body
    assert request(server, "DELETE")[0] == 405


def test_query_timeout_is_503_and_the_server_goes_on(store):
    with running(store, timeout=0.2, max_workers=1) as srv:
        status, headers, body = request(srv, params={"query": SLOW})
        # the answer says the time limit was hit (the query, seconds long, was not waited for)
        assert status == 503 and "0.2 s" in body and headers["Retry-After"]
        # the abandoned query still holds the only worker: the next one is turned away at once
        if srv.running_queries:
            assert request(srv, params={"query": GUILDS})[0] == 503
        deadline = time.monotonic() + 120
        while srv.running_queries and time.monotonic() < deadline:
            time.sleep(0.05)
        assert request(srv, params={"query": GUILDS})[0] == 200


def test_shuts_down_cleanly(store):
    with running(store) as srv:
        address = srv.server_address[:2]
        assert request(srv, params={"query": GUILDS})[0] == 200
    with pytest.raises(OSError):
        http.client.HTTPConnection(*address, timeout=5).request("GET", "/sparql")


def test_serve_command(built, monkeypatch):
    seen = {}

    def fake_serve_forever(self, poll_interval=0.5):
        seen["url"] = self.url
        raise KeyboardInterrupt

    monkeypatch.setattr(SparqlServer, "serve_forever", fake_serve_forever)
    from graph.cli import main

    r = CliRunner().invoke(main, ["serve", "--store", str(built[0]), "--port", "0"], catch_exceptions=False)
    assert r.exit_code == 0, r.stderr
    assert seen["url"].startswith("http://127.0.0.1:") and f"serving {seen['url']}" in r.stderr


@pytest.mark.parametrize("media,rdflib_format", [("application/rdf+xml", "xml"), ("application/n-triples", "nt"),
                                                 ("application/ld+json", "json-ld"), ("text/turtle", "turtle")])
def test_construct_answers_in_the_graph_format_asked_for(server, store, media, rdflib_format):
    """The endpoint negotiates from the export registry (graph/exports.py), as `guildgraph export` offers it."""
    construct = PROLOGUE + "CONSTRUCT { ?m hl:memberOf ?a } WHERE { ?m hl:memberOf ?a }"
    status, headers, body = request(server, "POST", body=construct.encode(),
                                    headers={"Content-Type": "application/sparql-query",
                                             "Accept": f"{media}, text/turtle;q=0.5"})
    assert status == 200 and headers["Content-Type"].startswith(media)
    parsed = Graph()
    for s, p, o, _ in parse_dataset(body, rdflib_format).quads():  # JSON-LD wants a dataset
        parsed.add((s, p, o))
    assert_same_graph(parsed, store.query(construct).graph, media)


def test_the_cli_and_the_endpoint_read_one_registry_of_formats():
    from graph.cli import export
    from graph.exports import FORMATS, GRAPH_MEDIA_TYPES

    choices = next(p for p in export.params if p.name == "fmt").type.choices
    assert list(choices) == list(FORMATS)
    assert set(GRAPH_MEDIA_TYPES.values()) == {name for name, f in FORMATS.items() if f.holds != "network"}
