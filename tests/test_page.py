"""The query page at `/` (graph/page/): YASGUI served by the endpoint itself, in a real headless Chromium (Debian's)
where no request leaves the server; the page's HTML with hostile text; the static files and their caching; the
named queries offered as they would be bound."""
from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from graph.namespaces import PREFIXES
from graph.page import CONTENT_SECURITY_POLICY, Example, asset, examples, generate_query_page, yasgui_version
from graph.page.assets import MEDIA_TYPES
from graph.query import bind_params, get_query, list_queries, run_named
from graph.store import open_store

from .test_serve import request, running

ROOT = Path(__file__).resolve().parent.parent
GUILDS = "SELECT ?g ?l WHERE { ?g a hl:Guild ; rdfs:label ?l }"  # the predefined prefixes, not declared
HOSTILE = '</script><script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">"\'&'


@pytest.fixture(scope="module")
def store(built):
    with open_store(built[0], read_only=True) as s:
        yield s


@pytest.fixture(scope="module")
def server(store):
    with running(store) as srv:
        yield srv


def base(server) -> str:
    return server.url.rsplit("/", 1)[0] + "/"


class _Page(HTMLParser):
    """The elements of a page: (tag, attributes) in order, and its text."""

    def __init__(self, html: str):
        super().__init__()
        self.elements, self.text = [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


# -- the vendored files --------------------------------------------------------------------------------------------
def test_the_vendored_yasgui_is_the_one_the_script_pins():
    """The committed files are the ones scripts/vendor-yasgui.sh wrote (`make check-yasgui` fetches them again)."""
    sums = dict(reversed(line.split()) for line in (ROOT / "scripts/yasgui/SHA256SUMS").read_text().splitlines())
    for name, digest in sums.items():
        assert hashlib.sha256(asset(name).data).hexdigest() == digest, name
    script = (ROOT / "scripts/vendor-yasgui.sh").read_text(encoding="utf-8")
    assert f"VERSION={yasgui_version()}\n" in script and re.search(r"\nTARBALL_SHA256=[0-9a-f]{64}\n", script)
    assert b"sourceMappingURL" not in asset("yasgui.min.js").data + asset("yasgui.min.css").data
    assert "The MIT License" in asset("yasgui-LICENSE.txt").data.decode("utf-8")


def test_only_the_listed_files_are_served(server):
    for name, media in MEDIA_TYPES.items():
        status, headers, body = request(server, path=f"/assets/{name}")
        assert status == 200 and headers["Content-Type"] == f"{media}; charset=utf-8"
        assert body.encode("utf-8") == asset(name).data
        assert headers["X-Content-Type-Options"] == "nosniff"
    for path in ("/assets/", "/assets/../serve.py", "/assets/%2e%2e/serve.py", "/assets/query.html",
                 "/assets/__init__.py", "/favicon.ico"):
        assert request(server, path=path)[0] == 404, path


def test_versioned_urls_are_cached_for_ever_and_others_revalidated(server):
    js = asset("query.js")
    status, headers, _ = request(server, path=js.url)
    assert status == 200 and "immutable" in headers["Cache-Control"] and "max-age=31536000" in headers["Cache-Control"]
    assert headers["ETag"] == f'"{js.version}"'
    status, headers, _ = request(server, path="/assets/query.js?v=stale")
    assert status == 200 and headers["Cache-Control"] == "no-cache"
    status, headers, body = request(server, path="/assets/query.js", headers={"If-None-Match": f'"{js.version}"'})
    assert status == 304 and body == "" and "Content-Length" not in headers
    assert request(server, path="/assets/query.js", headers={"If-None-Match": '"other"'})[0] == 200


# -- the page's HTML -----------------------------------------------------------------------------------------------
def test_the_page_links_only_its_own_files_under_a_strict_policy(server):
    status, headers, html = request(server, path="/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    policy = headers["Content-Security-Policy"]
    assert policy == CONTENT_SECURITY_POLICY
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'" and directives["connect-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # no inline script, no eval, nothing from elsewhere
    assert not re.search(r"https?:|\*", policy)
    page = _Page(html)
    scripts = [a for tag, a in page.elements if tag == "script"]
    assert [s["src"].split("?")[0] for s in scripts] == ["/assets/yasgui.min.js", "/assets/query.js"]
    links = [a["href"] for tag, a in page.elements if tag == "link"]
    assert all(h.startswith("/assets/") or h == "data:," for h in links)
    assert [asset(h.split("?")[0].rsplit("/", 1)[1]).url for h in links if h.startswith("/assets/")] == links[1:]


def test_the_page_offers_every_named_query_with_its_parameters(server):
    _, _, html = request(server, path="/")
    page = _Page(html)
    buttons = [a for tag, a in page.elements if tag == "button"]
    assert len(buttons) == len(list_queries())
    text = " ".join(page.text)
    for q in list_queries():
        assert q.name in text and q.description in text
    assert "?association is bound to its default, AMPTP" in text
    assert "?actor (the actor, by name or alias (case-insensitive) or IRI) is not set" in text
    for prefix, iri in PREFIXES.items():
        assert f"{prefix}:" in text and iri in text


def test_hostile_text_stays_text():
    ex = Example(HOSTILE, HOSTILE, f"# {HOSTILE}\nSELECT * WHERE {{ ?s ?p '{HOSTILE}' }}", (HOSTILE,))
    html = generate_query_page('/sparql"><script>x()</script>', [ex], {"x": HOSTILE})
    assert "<script>window" not in html and "<img" not in html and "<script>x()" not in html
    page = _Page(html)
    assert [tag for tag, _ in page.elements].count("script") == 2
    assert HOSTILE in "".join(page.text)
    (config,) = [a["data-config"] for tag, a in page.elements if "data-config" in a]
    data = json.loads(config)
    assert data["examples"] == [{"name": HOSTILE, "query": ex.text}] and data["prefixes"] == {"x": HOSTILE}


# -- the named queries as examples ---------------------------------------------------------------------------------
def test_examples_run_as_the_named_queries_with_their_defaults(store):
    for ex in examples(store):
        query = get_query(ex.name)
        if any(p.default is None for p in query.params):
            assert "is not set" in ex.text and f"VALUES ?{query.params[0].name}" in ex.text
            continue
        got = [tuple(r) for r in store.query(ex.text)]
        assert got == [tuple(r) for r in run_named(store, ex.name)], ex.name
        if query.params:  # the defaults are bound in the text, as `guildgraph query` binds them
            assert "VALUES" in ex.text
            bound = bind_params(store, query)
            assert all(f"<{iri}>" in ex.text for iri in bound.values() if str(iri).startswith("http"))


def test_examples_declare_the_prefixes_they_use(store):
    for ex in examples(store):
        declared = set(re.findall(r"^PREFIX (\w+):", ex.text, re.M))
        body = re.sub(r"#[^\n]*|<[^>]*>|\"[^\"]*\"", "", ex.text)
        used = {p for p in PREFIXES if re.search(rf"(?<![\w.:-]){p}:", body)}
        assert used <= declared, (ex.name, used - declared)


# -- in Chromium -----------------------------------------------------------------------------------------------------
class Visit:
    """The page open in Chromium, with its console errors and every request that went anywhere but the server."""

    def __init__(self, page, errors, elsewhere, requests):
        self.page, self.errors, self.elsewhere, self.requests = page, errors, elsewhere, requests

    def run(self) -> str:
        """Run the active tab's query; the text of its result table."""
        self.page.locator(".tabPanel.active .yasqe_queryButton").click()
        table = self.page.locator(".tabPanel.active .yasr table.dataTable")
        table.locator("td").first.wait_for(timeout=30_000)
        return table.inner_text()


@pytest.fixture
def visit(browser, server):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    errors, elsewhere, requests = [], [], []
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type in ("error", "warning")
            else None)
    page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    page.on("request", lambda r: requests.append(r.url))
    own = base(server)

    def route(r):
        if r.request.url.startswith(own):
            r.continue_()
        else:
            if not r.request.url.startswith(("data:", "blob:")):
                elsewhere.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.goto(own)
    page.wait_for_function("() => window.guildgraph && window.guildgraph.ready === true", timeout=30_000)
    yield Visit(page, errors, elsewhere, requests)
    context.close()


@pytest.mark.browser
def test_a_typed_query_runs_and_shows_its_table(visit, server):
    page = visit.page
    page.locator(".tabPanel.active .CodeMirror").click()
    page.keyboard.press("Control+A")
    page.keyboard.press("Delete")
    page.keyboard.type(GUILDS)
    page.keyboard.press("Escape")  # an autocompletion list, if one is open
    assert GUILDS in page.evaluate("() => window.guildgraph.yasgui.getTab().getYasqe().getValue()")
    table = visit.run()
    assert "Writers Guild of America" in table and "SAG-AFTRA" in table
    assert visit.elsewhere == [] and visit.errors == []
    assert all(url.startswith(base(server)) for url in visit.requests)
    assert any(url == server.url for url in visit.requests)  # the query went to the endpoint


@pytest.mark.browser
def test_the_named_queries_open_as_tabs_and_run(visit):
    page = visit.page
    names = page.locator("button.gg-example").all_inner_texts()
    assert names == [q.name for q in list_queries()]
    for i, name in enumerate(names):
        page.locator("button.gg-example").nth(i).click()
        assert page.evaluate("() => window.guildgraph.yasgui.getTab().getName()") == name
        text = page.evaluate("() => window.guildgraph.yasgui.getTab().getYasqe().getValue()")
        assert text.startswith("# " + get_query(name).description)
        # the editor's syntax check finds nothing wrong (the prefixes used are declared)
        assert page.locator(".tabPanel.active .parseErrorIcon").count() == 0, name
    page.locator("button.gg-example", has_text="association-members").click()
    table = visit.run()
    assert "Netflix" in table
    assert visit.elsewhere == [] and visit.errors == []


@pytest.mark.browser
def test_the_page_in_a_browser_that_visited_before(visit, server):
    """Tabs kept in the browser's storage come back, and still query this endpoint."""
    page = visit.page
    index = [q.name for q in list_queries()].index("actors-by-type")
    page.evaluate("(i) => { window.guildgraph.openExample(i); }", index)
    page.reload()
    page.wait_for_function("() => window.guildgraph && window.guildgraph.ready === true", timeout=30_000)
    tabs = page.locator(".yasgui .tabsList .tab").all_inner_texts()
    assert any("actors-by-type" in t for t in tabs)
    assert page.evaluate("() => window.guildgraph.yasgui.getTab().getEndpoint()") == server.url
    assert "Writers Guild of America" in visit.run()
    assert visit.elsewhere == [] and visit.errors == []
