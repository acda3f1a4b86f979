"""Shared fixtures: the spaCy pipeline and the bundled corpus built once per session into a real Oxigraph store."""
from __future__ import annotations

import json
import shutil
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from graph.errors import InvalidArgument, NotFound, UpdateRefused

pytest_plugins = ["tests.virtuoso"]

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ARTIFACTS = ROOT / "tests" / "artifacts"
#: The domain errors graph/cli.py reports as bad usage (exit 2).
USAGE_ERRORS = (InvalidArgument, NotFound, UpdateRefused)


@pytest.fixture(scope="session")
def nlp():
    from graph.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def reference():
    from graph.reference import load_reference

    return load_reference()


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    """The bundled corpus built into an on-disk store; yields (store path, exports dir, BuildReport)."""
    from graph.pipeline import build
    from graph.store import open_store
    from graph.views import write_standard_views

    base = tmp_path_factory.mktemp("built")
    store_path, exports = base / "store", base / "exports"
    with open_store(store_path) as store:
        report = build([CORPUS], store, exports)
        report.exports += write_standard_views(store, exports / "views")  # as `guildgraph build` does
    return store_path, exports, report


@pytest.fixture
def built_store(built):
    """A read-only handle on the built corpus store."""
    from graph.store import open_store

    with open_store(built[0], read_only=True) as store:
        yield store


@pytest.fixture(scope="session")
def artifacts():
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium")
    if path is None:
        pytest.fail("Debian chromium is not installed: run `make test` (it runs .ci/install-system-deps.sh)")
    return path


def assert_same_graph(got, expected, what: str = "graph") -> None:
    """`got` and `expected` are the same RDF graph (blank nodes matched); if not, say which triples differ."""
    from rdflib.compare import graph_diff, to_isomorphic

    a, b = to_isomorphic(got), to_isomorphic(expected)
    if a == b:
        return
    _, only_got, only_expected = graph_diff(a, b)

    def show(g) -> str:
        lines = sorted(" ".join(t.n3() for t in triple) for triple in g)
        return "\n    ".join(lines[:10]) + (f"\n    ... and {len(lines) - 10} more" if len(lines) > 10 else "")
    raise AssertionError(f"{what}: {len(only_got)} triple(s) only in what we got, {len(only_expected)} only in "
                         f"what was expected\n  only got:\n    {show(only_got)}\n  only expected:\n    "
                         f"{show(only_expected)}")


@pytest.fixture
def tiny_sparql_service():
    """A SPARQL endpoint on a free loopback port answering every query with one row (?x "from the service");
    yields (its URL, the list of requests it got)."""
    seen: list[str] = []
    body = json.dumps({"head": {"vars": ["x"]}, "results": {"bindings": [
        {"x": {"type": "literal", "value": "from the service"}}]}}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_POST = do_GET

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql", seen
    finally:
        server.shutdown()
        server.server_close()
