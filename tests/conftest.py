"""Shared fixtures: the spaCy pipeline and the bundled corpus built once per session into a real Oxigraph store."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from graph.errors import InvalidArgument, NotFound, UpdateRefused

pytest_plugins = ["tests.virtuoso"]

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
READY = "() => window.guildgraph && window.guildgraph.ready === true"
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
def synthetic_1k(tmp_path_factory):
    """benchmarks/synth.py's 1,000 articles built by `python -m graph build --jobs 2` (about 2 minutes), once per
    run: the folder holding articles/, store/ and exports/. GUILDGRAPH_SYNTH_1K=DIR reuses such a folder."""
    reuse = os.environ.get("GUILDGRAPH_SYNTH_1K")
    if reuse:
        return Path(reuse)
    base = tmp_path_factory.mktemp("synthetic")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args in ([str(ROOT / "benchmarks" / "synth.py"), str(base / "articles"), "--articles", "1000"],
                 ["-m", "graph", "build", str(base / "articles"), "--store", str(base / "store"), "--exports",
                  str(base / "exports"), "-q", "--jobs", "2"]):
        done = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, env=env,
                              timeout=1200)
        assert done.returncode == 0, done.stderr
    return base


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


# -- the views in headless Chromium: offline, every request and console error caught --------------------------
@pytest.fixture(scope="module")
def browser(chromium_path):
    from playwright.sync_api import sync_playwright

    pw = sync_playwright().start()
    b = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
    yield b
    b.close()
    pw.stop()


class Loaded:
    """A page opened from disk, with what it logged and every request it tried other than itself."""

    def __init__(self, page, errors, requests):
        self.page, self.errors, self.requests = page, errors, requests

    def eval(self, script, arg=None):
        return self.page.evaluate(script, arg)

    def node_point(self, node_id):
        """Page coordinates of a node's centre."""
        return self.eval("""(id) => {
            const net = window.guildgraph.network;
            const dom = net.canvasToDOM(net.getPositions([id])[id]);
            const box = document.querySelector('#gg-network canvas').getBoundingClientRect();
            return {x: box.left + dom.x, y: box.top + dom.y};
        }""", node_id)

    def panel(self) -> str:
        return self.page.locator("#gg-panel-body").inner_text()


@pytest.fixture
def open_view(browser):
    """open_view(path, offline=False) -> Loaded; its browser contexts close after the test."""
    contexts = []

    def opener(path: Path, *, offline: bool = False) -> Loaded:
        context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=offline)
        contexts.append(context)
        return _load(context, path)

    yield opener
    for context in contexts:
        context.close()


def _load(context, path: Path) -> Loaded:
    page = context.new_page()
    errors, requests = [], []
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    url = path.resolve().as_uri()

    def route(r):
        if r.request.url == url:
            r.continue_()
        else:
            if not r.request.url.startswith(("data:", "blob:")):
                requests.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("request", lambda r: requests.append(r.url) if r.url != url and not r.url.startswith(("data:", "blob:"))
            and r.url not in requests else None)
    page.goto(url)
    page.wait_for_function(READY, timeout=30_000)
    return Loaded(page, errors, requests)


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
