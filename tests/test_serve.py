"""`guildgraph serve`: the read-only SPARQL 1.1 Protocol endpoint, queried over real HTTP on 127.0.0.1 with
SPARQLWrapper and rdflib's SPARQLStore; its answers equal the local store's."""
from __future__ import annotations

import contextlib
import csv
import http.client
import io
import json
import os
import re
import signal
import threading
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from pathlib import Path
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
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # a cross product: hours on the corpus
HUGE = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } LIMIT 1000000"  # some 13 million rows, a million asked for
NESTED = "SELECT * WHERE " + "{" * 2300 + " ?s ?p ?o " + "}" * 2300  # 9 KB: crashed the engine (SIGSEGV)


@contextmanager
def running(store, **kwargs):
    server = make_server(store, "127.0.0.1", 0, kwargs.pop("timeout", 30), quiet=True, **kwargs)
    thread = threading.Thread(target=server.serve_forever, name="test-sparql-server", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()  # stops the query workers, a runaway's included
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
    with running(store, timeout=1, workers=1) as srv:
        pid = srv.pool.pids[0]
        started = time.monotonic()
        status, headers, body = request(srv, params={"query": RUNAWAY})
        assert status == 503 and "1 s time limit" in body and headers["Retry-After"]
        assert time.monotonic() - started < 10
        # its worker was killed and replaced: the next query is answered at once
        status, _, body = request(srv, params={"query": GUILDS})
        assert status == 200 and "Writers Guild of America" in body
        assert pid not in srv.pool.pids and srv.running_queries == 0


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


# -- what one query may cost the service (issue 13) -------------------------------------------------------------
def _record(artifacts, name: str, data: dict) -> None:
    """Keep a measurement: printed (pytest -rP shows it) and written to tests/artifacts/serve-limits.json."""
    path = artifacts / "serve-limits.json"
    kept = json.loads(path.read_text()) if path.exists() else {}
    kept[name] = data
    path.write_text(json.dumps(kept, indent=1) + "\n")
    print(f"{name}: {json.dumps(data)}")


def test_the_nested_query_attack_is_400_and_the_server_stays_up(server):
    status, headers, body = request(server, "POST", body=NESTED.encode(),
                                    headers={"Content-Type": "application/sparql-query"})
    assert status == 400 and body.startswith("the query is nested or chained too deep for the engine")
    assert headers["Access-Control-Allow-Origin"] == "*"
    status, _, body = request(server, params={"query": GUILDS})
    assert status == 200 and "Writers Guild of America" in body


def test_service_is_refused_unless_allowed(server, store, tiny_sparql_service):
    url, seen = tiny_sparql_service
    query = f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?x ?p ?o }} }}"
    status, _, body = request(server, params={"query": query})
    assert status == 400 and f"SERVICE <{url}> is refused" in body
    assert seen == []  # the endpoint sent no request
    with running(store, allow_service=[url]) as srv:
        status, _, body = request(srv, params={"query": query, "format": "csv"})
    assert status == 200 and body.splitlines() == ["x", "from the service"] and len(seen) == 1


def test_four_runaway_queries_cost_their_workers_not_the_service(store, artifacts):
    """Four cross products at once, each stopped at its time limit, while a simple query keeps being answered,
    right, from the workers the pool adds beside the runaways."""
    import statistics

    expected = plain(local_rows(store, GUILDS))
    runaways: list[tuple] = []
    latencies: list[float] = []
    with running(store, timeout=8, workers=4) as srv:
        threads = [threading.Thread(target=lambda: runaways.append(request(srv, params={"query": RUNAWAY})))
                   for _ in range(4)]
        for t in threads:
            t.start()
        while any(t.is_alive() for t in threads):
            started = time.monotonic()
            status, _, body = request(srv, params={"query": GUILDS})
            latencies.append(time.monotonic() - started)
            assert status == 200 and json_rows(json.loads(body)) == expected
            time.sleep(0.02)
        processes = len(srv.pool.pids)
    assert [status for status, _, _ in runaways] == [503] * 4
    assert all("ran over the 8 s time limit and was stopped" in body for _, _, body in runaways)
    median = statistics.median(latencies)
    _record(artifacts, "simple queries beside 4 runaways", {
        "answered": len(latencies), "median_ms": round(median * 1000, 1),
        "p90_ms": round(statistics.quantiles(latencies, n=10)[-1] * 1000, 1),
        "max_ms": round(max(latencies) * 1000, 1), "worker_processes_after": processes})
    assert median < 1.0  # generous: the issue asks for 100 ms, measured above (a loaded machine may be slower)


def test_a_worker_that_crashes_fails_its_query_only(store):
    answers: list[tuple] = []
    with running(store, workers=1) as srv:
        thread = threading.Thread(target=lambda: answers.append(request(srv, params={"query": RUNAWAY})))
        thread.start()
        while not srv.running_queries:
            time.sleep(0.01)
        os.kill(srv.pool.pids[0], signal.SIGSEGV)  # what the engine did before the guard
        thread.join(30)
        status, _, body = request(srv, params={"query": GUILDS})
        assert status == 200 and "Writers Guild of America" in body
    assert answers[0][0] == 500 and "crashed the process that ran it (signal SIGSEGV)" in answers[0][2]


@contextmanager
def served(store_path, tmp_path, *options):
    """`guildgraph serve` in a process of its own on a free port: yields (its pid, an object with its `url`)."""
    import subprocess
    import sys
    import types

    from .conftest import ROOT

    log = tmp_path / "serve.log"
    with open(log, "w") as err:
        # (Ctrl-C as a terminal sends it, even when the test runner was started as a background job, which
        # ignores SIGINT, and passes that on to the processes it starts)
        proc = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--store", str(store_path), "--port", "0",
                                 *options], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err,
                                preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    try:
        deadline = time.monotonic() + 120
        while "serving http" not in log.read_text() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
        url = re.search(r"serving (http\S+)", log.read_text()).group(1)
        yield proc.pid, types.SimpleNamespace(url=url)
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # Ctrl-C: the server closes, its workers with it
        assert proc.wait(60) == 0, log.read_text()


def descendants(pid: int) -> set[int]:
    out: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            children = {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            continue
        for child in children:
            out |= {child} | descendants(child)
    return out


def test_sigterm_stops_the_server_and_its_workers(built, tmp_path):
    """`kill` during a runaway query: the server, its workers and the runaway all end."""
    with served(built[0], tmp_path, "--workers", "2") as (pid, srv):
        def runaway():
            with contextlib.suppress(OSError, http.client.HTTPException):  # the server may go before it answers
                request(srv, params={"query": RUNAWAY})
        thread = threading.Thread(target=runaway, daemon=True)
        thread.start()
        deadline = time.monotonic() + 30
        while len(descendants(pid)) < 3 and time.monotonic() < deadline:  # the forkserver and two workers
            time.sleep(0.1)
        family = descendants(pid)
        time.sleep(0.5)  # the runaway is running
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while any(Path(f"/proc/{p}").exists() for p in family) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(family) >= 3 and not [p for p in family if Path(f"/proc/{p}").exists()]


def rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


#: The server process's own memory stays under this, whatever its queries ask (they run in its workers).
SERVER_RSS_CAP_MB = 300


def test_huge_results_are_413_and_the_server_memory_stays_bounded(built, tmp_path, artifacts):
    with served(built[0], tmp_path, "--memory-mb", "256") as (pid, srv):
        before = rss_mb(pid)
        peak = [before]
        done = threading.Event()

        def sample():
            while not done.is_set():
                peak.append(rss_mb(pid))
                time.sleep(0.05)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        answers: list[tuple] = []
        asks = [HUGE] * 4 + ["SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"]  # sorts in memory
        threads = [threading.Thread(target=lambda q=q: answers.append((q, request(srv, params={"query": q}))))
                   for q in asks]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        done.set()
        sampler.join()
        status, _, body = request(srv, params={"query": GUILDS})
        assert status == 200 and "Writers Guild of America" in body
        after = rss_mb(pid)
    for query, (status, _, body) in answers:
        assert status == 413, body
        if query == HUGE:
            assert body == "the result has more than 10,000 rows; add a LIMIT (or narrow the query)\n"
        else:
            assert "needs more than the 256 MB of memory a query may use here" in body
    _record(artifacts, "server RSS with huge answers", {"before_mb": round(before, 1), "peak_mb": round(max(peak), 1),
                                                         "after_mb": round(after, 1), "cap_mb": SERVER_RSS_CAP_MB})
    assert max(peak) < SERVER_RSS_CAP_MB


def test_a_build_while_serving_is_visible_without_a_restart(built, tmp_path):
    """`guildgraph build` writes into the store the server has open; the next queries see the new article."""
    import shutil
    import subprocess
    import sys

    from .conftest import ROOT

    store_path = tmp_path / "store"
    shutil.copytree(built[0], store_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "extra-strike.txt").write_text(
        "The Writers Guild of America went on strike against Netflix on Tuesday.\n", encoding="utf-8")
    articles = PROLOGUE + "SELECT ?id WHERE { ?d a hl:Document ; dcterms:identifier ?id } ORDER BY ?id"
    with running(store_path) as srv:
        before = [row[0] for row in json_rows(json.loads(request(srv, params={"query": articles})[2]))]
        assert "extra-strike.txt" not in before
        done = subprocess.run([sys.executable, "-m", "graph", "build", str(tmp_path / "news"), "--store",
                               str(store_path), "--exports", str(tmp_path / "exports"), "-q"],
                              cwd=ROOT, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr
        deadline = time.monotonic() + 30
        while True:
            status, _, body = request(srv, params={"query": articles})
            after = [row[0] for row in json_rows(json.loads(body))]
            if "extra-strike.txt" in after or time.monotonic() > deadline:
                break
            time.sleep(0.2)
    assert status == 200 and after == sorted(before + ["extra-strike.txt"])


def test_a_remote_store_is_served_through_its_workers(server, store):
    """`--store http://...`: the workers forward each query to that endpoint (here: another of ours)."""
    with running(server.url) as proxy:
        status, _, body = request(proxy, params={"query": GUILDS})
        assert status == 200 and json_rows(json.loads(body)) == plain(local_rows(store, GUILDS))
        status, _, body = request(proxy, params={"query": NESTED})
        assert status == 400 and "too deep" in body


def test_serve_without_a_store_exits_1(tmp_path):
    from graph.cli import main

    r = CliRunner().invoke(main, ["serve", "--store", str(tmp_path / "none"), "--port", "0"])
    assert r.exit_code == 1 and r.stderr.startswith("error: no store at") and "guildgraph build" in r.stderr
