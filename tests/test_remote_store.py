"""RemoteStore against a real, private Virtuoso (fixture `virtuoso` from tests/virtuoso.py)."""
from __future__ import annotations

import http.server
import json
import socket
import threading
import uuid

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from graph.errors import QueryError, StoreError
from graph.store.remote import RemoteStore

from .conftest import USAGE_ERRORS

EX = "https://w3id.org/hollywood-labor/id/test/"


def iri(*parts: str) -> URIRef:
    return URIRef(EX + "/".join(parts))


@pytest.fixture
def store(virtuoso):
    with RemoteStore(virtuoso.query_url, user=virtuoso.user, password=virtuoso.password) as s:
        yield s


@pytest.fixture
def graph_iri(store):
    g = iri("graph", uuid.uuid4().hex)
    yield g
    store.drop_graph(g)


def triples_of(store, g):
    return set(store.graph_triples(g))


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # nothing listens once the socket is closed


# -- writes -------------------------------------------------------------------------------------------------
def test_replace_graph_writes_a_named_graph(store, graph_iri):
    data = {(iri("wga"), RDFS.label, Literal("Writers Guild of America")),
            (iri("wga"), iri("negotiatesWith"), iri("amptp"))}
    assert store.replace_graph(graph_iri, data) == 2
    assert graph_iri in store.graph_names()
    assert triples_of(store, graph_iri) == data
    assert store.graph_names() == sorted(store.graph_names())


def test_replace_graph_replaces_and_leaves_other_graphs(store, graph_iri):
    other = iri("graph", uuid.uuid4().hex)
    try:
        store.replace_graph(other, [(iri("sag"), RDFS.label, Literal("SAG-AFTRA"))])
        store.replace_graph(graph_iri, [(iri("a"), RDFS.label, Literal("old")), (iri("b"), RDFS.label, Literal("x"))])
        store.replace_graph(graph_iri, [(iri("a"), RDFS.label, Literal("new"))])
        assert triples_of(store, graph_iri) == {(iri("a"), RDFS.label, Literal("new"))}
        assert triples_of(store, other) == {(iri("sag"), RDFS.label, Literal("SAG-AFTRA"))}
        store.replace_graph(graph_iri, [])
        assert graph_iri not in store.graph_names()
        assert other in store.graph_names()
    finally:
        store.drop_graph(other)
    assert other not in store.graph_names()


TRICKY = [
    'He said "no" }\n café',
    "back\\slash \\n not-a-newline \\",
    'ends with newline, backslash and quote\n\\"',
    'triple """ quotes and \' single',
    "} ; DROP ALL ; INSERT DATA { <urn:x> <urn:y> <urn:z> } #",
    "tab\there\r\nCRLF",
    "naïve – “curly” 日本語 😀",
    "",
]


def test_literals_round_trip_exactly(store, graph_iri):
    s = iri("quote")
    data = {(s, iri("text", str(i)), Literal(text)) for i, text in enumerate(TRICKY)}
    data |= {
        (s, RDFS.label, Literal('Grève "générale"\n}', lang="fr")),
        (s, iri("count"), Literal("42", datatype=XSD.integer)),
        (s, iri("day"), Literal("2023-07-14", datatype=XSD.date)),
    }
    store.replace_graph(graph_iri, data)
    assert triples_of(store, graph_iri) == data
    rows = store.query("SELECT ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph_iri, "s": s})
    assert {(p, o) for p, o in rows} == {(p, o) for _, p, o in data}
    # nothing leaked out of the literals
    assert URIRef("urn:x") not in {t for triple in store.quads() for t in triple}


def test_large_graph_is_sent_in_batches(store, graph_iri):
    data = [(iri("node", str(i)), RDFS.label, Literal(f"node {i}")) for i in range(12_345)]
    assert store.replace_graph(graph_iri, data) == len(data)
    assert store._endpoint._updates == 3  # DROP + first 5000, then 5000, then 2345
    assert triples_of(store, graph_iri) == set(data)  # read in pages below Virtuoso's ResultSetMaxRows
    store.replace_graph(graph_iri, data[:10])
    assert len(triples_of(store, graph_iri)) == 10


def test_drop_graph(store):
    g = iri("graph", uuid.uuid4().hex)
    store.replace_graph(g, [(iri("x"), RDFS.label, Literal("x"))])
    store.drop_graph(g)
    assert g not in store.graph_names()
    store.drop_graph(g)  # silent when absent


# -- reads --------------------------------------------------------------------------------------------------
def test_query_with_bindings(store, graph_iri):
    store.replace_graph(graph_iri, [
        (iri("wga"), iri("strikesAgainst"), iri("amptp")),
        (iri("sag"), iri("strikesAgainst"), iri("amptp")),
        (iri("wga"), RDFS.label, Literal("WGA")),
        (iri("sag"), RDFS.label, Literal("SAG-AFTRA")),
    ])
    text = "SELECT ?who WHERE { GRAPH ?g { ?who ?p ?target } } ORDER BY ?who"
    rows = list(store.query(text, {"g": graph_iri, "p": iri("strikesAgainst"), "target": iri("amptp")}))
    assert [r.who for r in rows] == [iri("sag"), iri("wga")]
    rows = list(store.query("SELECT ?who WHERE { ?who rdfs:label ?name }", {"name": Literal("SAG-AFTRA")}))
    assert [r.who for r in rows] == [iri("sag")]
    # aggregates are restricted too (the VALUES block goes inside WHERE, not after GROUP BY)
    rows = list(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph_iri}))
    assert int(rows[0].n) == 4
    # a bound value is a term, never query text
    evil = Literal('SAG-AFTRA" } } ; DROP ALL ; SELECT * { ?s ?p "')
    assert list(store.query("SELECT ?who WHERE { ?who rdfs:label ?name }", {"name": evil})) == []
    assert len(triples_of(store, graph_iri)) == 4
    with pytest.raises(USAGE_ERRORS):
        store.query("SELECT * WHERE { ?s ?p ?o }", {"o) } DROP ALL #": Literal("x")})


def test_solutions_and_select_rows(store, graph_iri):
    """What the views read (`select_rows`) comes from the server as from the embedded store: text, None unbound."""
    from graph.query.run import select_rows

    store.replace_graph(graph_iri, [(iri("wga"), RDFS.label, Literal("WGA")), (iri("sag"), iri("strikesAgainst"),
                                                                              iri("amptp"))])
    text = "SELECT ?s ?label WHERE { GRAPH ?g { ?s ?p ?o OPTIONAL { ?s rdfs:label ?label } } } ORDER BY ?s"
    names, rows = store.solutions(text, {"g": graph_iri})
    assert names == ["s", "label"] and rows == [(iri("sag"), None), (iri("wga"), Literal("WGA"))]
    assert store.solutions("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": graph_iri}) is True
    got = [tuple(r) for r in select_rows(store, text.replace("GRAPH ?g", f"GRAPH <{graph_iri}>"))]
    assert got == [(str(iri("sag")), None), (str(iri("wga")), "WGA")]
    with pytest.raises(USAGE_ERRORS):
        store.solutions("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")


def test_ask_and_construct(store, graph_iri):
    store.replace_graph(graph_iri, [(iri("wga"), RDFS.label, Literal("WGA"))])
    assert store.query("ASK { GRAPH ?g { ?s ?p ?o } }", {"g": graph_iri}).askAnswer is True
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }", {"g": graph_iri})
    assert set(result.graph) == {(iri("wga"), RDFS.label, Literal("WGA"))}


def test_quads_len_and_dataset(store, graph_iri):
    store.replace_graph(graph_iri, [(iri("a"), RDFS.label, Literal("a")), (iri("b"), RDFS.label, Literal("b"))])
    names = store.graph_names()
    assert not any("openlinksw.com" in g or g.endswith("/sparql") for g in names)  # Virtuoso's own graphs
    quads = list(store.quads())
    assert {q[3] for q in quads} == set(names)
    assert len(store) == len(quads)
    assert {(s, p, o) for s, p, o, g in quads if g == graph_iri} == triples_of(store, graph_iri)
    ds = store.dataset
    assert set(ds.graph(graph_iri)) == triples_of(store, graph_iri)
    rows = ds.query("SELECT ?s WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> \"b\" }")
    assert iri("b") in {r.s for r in rows}  # the default graph is the union of the graphs


def test_query_syntax_error_is_reported_without_retries(store, monkeypatch):
    sleeps = []
    monkeypatch.setattr(store._transport, "sleep", sleeps.append)
    with pytest.raises(QueryError) as caught:
        store.query("SELEC ?x WHERE { ?x ?y ?z }")
    assert isinstance(caught.value, StoreError)
    assert "SELEC" in str(caught.value) and "/sparql-auth" in str(caught.value)
    assert sleeps == []


# -- credentials, read-only, environment ---------------------------------------------------------------------
def test_wrong_password_is_a_store_error_without_the_password(virtuoso):
    secret = "not-the-password-" + uuid.uuid4().hex
    bad = RemoteStore(virtuoso.query_url, user=virtuoso.user, password=secret)
    for call in (bad.graph_names, lambda: bad.replace_graph(iri("graph", "x"), []), lambda: len(bad)):
        with pytest.raises(StoreError) as caught:
            call()
        message = str(caught.value)
        assert secret not in message and virtuoso.query_url in message and "401" in message
    assert secret not in repr(bad)


def test_no_credentials_on_the_authenticated_endpoint(virtuoso):
    with pytest.raises(StoreError, match="401"):
        RemoteStore(virtuoso.query_url).graph_names()


def test_credentials_in_the_url_are_used_and_hidden(virtuoso, graph_iri):
    url = virtuoso.query_url.replace("http://", f"http://{virtuoso.user}:{virtuoso.password}@")
    s = RemoteStore(url)
    assert s.url == virtuoso.query_url and virtuoso.password not in repr(s)
    s.replace_graph(graph_iri, [(iri("a"), RDFS.label, Literal("a"))])
    assert graph_iri in s.graph_names()


def test_read_only_store_refuses_writes(virtuoso, store, graph_iri):
    store.replace_graph(graph_iri, [(iri("a"), RDFS.label, Literal("a"))])
    ro = RemoteStore(virtuoso.query_url, user=virtuoso.user, password=virtuoso.password, read_only=True)
    with pytest.raises(USAGE_ERRORS):
        ro.replace_graph(graph_iri, [])
    with pytest.raises(USAGE_ERRORS):
        ro.drop_graph(graph_iri)
    with pytest.raises(USAGE_ERRORS):
        ro.dataset.graph(graph_iri).add((iri("a"), RDFS.label, Literal("b")))
    assert graph_iri in ro.graph_names()
    assert triples_of(ro, graph_iri) == {(iri("a"), RDFS.label, Literal("a"))}


def test_anonymous_read_only_endpoint(virtuoso, store, graph_iri):
    store.replace_graph(graph_iri, [(iri("a"), RDFS.label, Literal("a"))])
    public = RemoteStore(virtuoso.public_url, read_only=True)
    assert graph_iri in public.graph_names()


def test_from_env(virtuoso, monkeypatch, graph_iri):
    monkeypatch.setenv("GUILDGRAPH_SPARQL_USER", virtuoso.user)
    monkeypatch.setenv("GUILDGRAPH_SPARQL_PASSWORD", virtuoso.password)
    monkeypatch.delenv("GUILDGRAPH_SPARQL_UPDATE_URL", raising=False)
    s = RemoteStore.from_env(virtuoso.query_url)
    assert s.update_url == virtuoso.query_url and not s.read_only
    s.replace_graph(graph_iri, [(iri("a"), RDFS.label, Literal("a"))])
    # reads from the anonymous endpoint, writes to the authenticated one
    monkeypatch.setenv("GUILDGRAPH_SPARQL_UPDATE_URL", virtuoso.update_url)
    s = RemoteStore.from_env(virtuoso.public_url)
    assert (s.url, s.update_url) == (virtuoso.public_url, virtuoso.update_url)
    s.replace_graph(graph_iri, [(iri("b"), RDFS.label, Literal("b"))])
    assert triples_of(s, graph_iri) == {(iri("b"), RDFS.label, Literal("b"))}
    assert RemoteStore.from_env(virtuoso.query_url, read_only=True).read_only
    monkeypatch.setenv("GUILDGRAPH_SPARQL_PASSWORD", "wrong-" + virtuoso.password)
    with pytest.raises(StoreError) as caught:
        RemoteStore.from_env(virtuoso.query_url).graph_names()
    assert "wrong-" + virtuoso.password not in str(caught.value)


def test_open_store_dispatches_to_remote(virtuoso, monkeypatch):
    from graph.store import open_store

    monkeypatch.setenv("GUILDGRAPH_SPARQL_USER", virtuoso.user)
    monkeypatch.setenv("GUILDGRAPH_SPARQL_PASSWORD", virtuoso.password)
    with open_store(virtuoso.query_url, read_only=True) as s:
        assert isinstance(s, RemoteStore) and s.read_only
        assert isinstance(s.graph_names(), list)


# -- failures and retries -------------------------------------------------------------------------------------
def test_unreachable_endpoint_fails_after_retries(monkeypatch):
    url = f"http://127.0.0.1:{closed_port()}/sparql"
    s = RemoteStore(url, user="someone", password="s3cret-pw")
    sleeps: list[float] = []
    monkeypatch.setattr(s._transport, "sleep", sleeps.append)
    with pytest.raises(StoreError) as caught:
        s.graph_names()
    assert sleeps == [0.5, 1.0, 2.0]
    message = str(caught.value)
    assert url in message and "4 attempts" in message and "s3cret-pw" not in message


def test_unreachable_endpoint_real_backoff():
    import time

    url = f"http://127.0.0.1:{closed_port()}/sparql"
    began = time.monotonic()
    with pytest.raises(StoreError, match="cannot connect"):
        RemoteStore(url).query("ASK {}")
    assert 3.4 < time.monotonic() - began < 10


class _Flaky(http.server.BaseHTTPRequestHandler):
    """Answers 503 to the first `failures` requests, then an ASK result; or always `status`."""

    failures = 2
    status = 200
    seen = 0
    html = False

    def do_POST(self):
        cls = type(self)
        cls.seen += 1
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        code = 503 if cls.seen <= cls.failures else cls.status
        body = json.dumps({"head": {}, "boolean": True}).encode() if code == 200 else b"busy"
        content_type = "application/sparql-results+json" if code == 200 else "text/plain"
        if cls.html:
            body, content_type = b"<html><body>Welcome</body></html>", "text/html"
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def flaky():
    handler = type("Handler", (_Flaky,), {"seen": 0})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler, f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_5xx_is_retried(flaky, monkeypatch):
    handler, url = flaky
    s = RemoteStore(url)
    sleeps: list[float] = []
    monkeypatch.setattr(s._transport, "sleep", sleeps.append)
    assert s.query("ASK {}").askAnswer is True
    assert handler.seen == 3 and sleeps == [0.5, 1.0]


def test_persistent_5xx_and_4xx(flaky, monkeypatch):
    handler, url = flaky
    handler.failures = 100
    s = RemoteStore(url)
    sleeps: list[float] = []
    monkeypatch.setattr(s._transport, "sleep", sleeps.append)
    with pytest.raises(StoreError, match="503"):
        s.query("ASK {}")
    assert handler.seen == 4 and sleeps == [0.5, 1.0, 2.0]
    handler.failures, handler.status, handler.seen = 0, 404, 0
    sleeps.clear()
    with pytest.raises(StoreError, match="404"):
        s.query("ASK {}")
    assert handler.seen == 1 and sleeps == []


# -- the rdflib Dataset, blank nodes, raw updates, clear -----------------------------------------------------
def test_dataset_writes_and_reads(store, graph_iri):
    g = store.dataset.graph(graph_iri)
    g.add((iri("wga"), RDFS.label, Literal("W\"G\"A\n}")))
    g.add((iri("wga"), RDFS.comment, Literal("x")))
    g.remove((iri("wga"), RDFS.comment, None))
    assert triples_of(store, graph_iri) == {(iri("wga"), RDFS.label, Literal("W\"G\"A\n}"))}
    assert set(store.dataset.graph(graph_iri)) == triples_of(store, graph_iri)
    store.dataset.remove_graph(graph_iri)
    assert graph_iri not in store.graph_names()


def test_failed_dataset_write_is_not_resent(virtuoso, store, graph_iri):
    bad = RemoteStore(virtuoso.query_url, user=virtuoso.user, password="wrong")
    with pytest.raises(StoreError):
        bad.dataset.graph(graph_iri).add((iri("a"), RDFS.label, Literal("a")))
    assert bad._endpoint._edits is None


def test_blank_nodes(store, graph_iri):
    from rdflib import BNode

    b = BNode()
    data = [(iri("a"), iri("has"), b), (b, RDFS.label, Literal("blank"))]
    data += [(iri("n", str(i)), RDFS.label, Literal(str(i))) for i in range(2500)]
    store.replace_graph(graph_iri, data)
    rows = list(store.query("SELECT ?label WHERE { GRAPH ?g { ?a ?has ?x . ?x rdfs:label ?label } }",
                            {"g": graph_iri, "a": iri("a"), "has": iri("has")}))
    assert [r.label for r in rows] == [Literal("blank")]  # the two triples still share their node


def test_update_declares_project_prefixes(store, graph_iri):
    store.update(f"INSERT DATA {{ GRAPH <{graph_iri}> {{ <{iri('wga')}> a hl:Guild ; rdfs:label \"hl:x\" }} }}")
    hl = "https://w3id.org/hollywood-labor/ontology#"
    assert triples_of(store, graph_iri) == {(iri("wga"), RDF.type, URIRef(hl + "Guild")),
                                            (iri("wga"), RDFS.label, Literal("hl:x"))}
    rows = store.query("SELECT ?x WHERE { ?x a hl:Guild }")
    assert iri("wga") in {r.x for r in rows}


def test_system_graphs_are_hidden_and_survive_clear(virtuoso, store, graph_iri):
    everything = RemoteStore(virtuoso.query_url, user=virtuoso.user, password=virtuoso.password,
                             ignore_graphs=())
    system = set(everything.graph_names()) - set(store.graph_names())
    assert URIRef("http://www.openlinksw.com/schemas/virtrdf#") in system
    store.replace_graph(graph_iri, [(iri("a"), RDFS.label, Literal("a"))])
    store.clear()
    assert store.graph_names() == [] and len(store) == 0
    assert set(everything.graph_names()) == system  # Virtuoso's own graphs are still there
    assert store.query("ASK { ?s ?p ?o }").askAnswer is True


def test_iris_that_would_break_out_are_refused(store, graph_iri):
    evil = URIRef("urn:x> } } ; DROP ALL ; #")
    with pytest.raises(USAGE_ERRORS):
        store.replace_graph(graph_iri, [(evil, RDFS.label, Literal("x"))])
    with pytest.raises(USAGE_ERRORS):
        store.drop_graph(evil)
    with pytest.raises(USAGE_ERRORS):
        store.query("SELECT * WHERE { ?s ?p ?o }", {"s": evil})
    assert graph_iri not in store.graph_names()


def test_bad_response_is_a_store_error(flaky):
    handler, url = flaky
    handler.failures, handler.html = 0, True
    with pytest.raises(StoreError, match="unreadable response") as caught:
        RemoteStore(url).query("ASK {}")
    assert url in str(caught.value)
