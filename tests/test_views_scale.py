"""Views at scale (issue 14): the overview of the bundled corpus and of a synthetic 1,000-article store in headless
Chromium: it opens on its most central part with every label clear of the other nodes, "show more", the nodes
without relations and the period change the counts as the graph says, filters re-fit, tooltips never stay, the
evidence names its article; the index lists every page of its folder; same store, same bytes in any process."""
from __future__ import annotations

import html as html_module
import os
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from graph import views
from graph.cli import main as cli
from graph.network import to_networkx
from graph.views.ranking import plan
from graph.vocab import EVENT_ROLES, sparql_list

from .conftest import ROOT
from .test_views import counts

WGA = "https://w3id.org/hollywood-labor/id/actor/wga"

# what dates the overview's relations, straight from the store (simple patterns, joined here: the store is slow
# at joins of many optional parts)
_STATEMENTS = "SELECT ?s ?p ?x ?ev WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?x ; hl:evidence ?ev }"
_ORGS = "SELECT ?x ?org WHERE { ?x hl:organization ?org }"
_EVENT_EVIDENCE = "SELECT ?e ?ev WHERE { ?e hl:evidence ?ev }"
_ROLES = f"SELECT ?e ?a WHERE {{ ?e ?role ?a . FILTER(?role IN ({sparql_list(EVENT_ROLES)})) }}"
_ISSUES = "SELECT ?e ?i WHERE { { ?e hl:concernsIssue ?i } UNION { ?e hl:hasTerm ?t . ?t hl:concernsIssue ?i } }"
_DOC_DATES = "SELECT ?ev ?date WHERE { ?ev prov:wasDerivedFrom ?doc . ?doc dcterms:date ?date }"


# --------------------------------------------------------------------------------------------------------
# fixtures and helpers
# --------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def synthetic(synthetic_1k, tmp_path_factory):
    """The synthetic 1,000-article store (conftest's synthetic_1k) and the overview written from it:
    (store path, overview path)."""
    from graph.store import open_store

    store = synthetic_1k / "store"
    with open_store(store, read_only=True) as s:
        html, _ = views.generate(s)
    return store, views.write_html(html, tmp_path_factory.mktemp("overview") / "overview.html")


@pytest.fixture
def synthetic_store(synthetic):
    from graph.store import open_store

    with open_store(synthetic[0], read_only=True) as store:
        yield store


def months_of_edges(store, g) -> dict[tuple, set[str]]:
    """(subject, relation, object) of each overview edge -> the months (YYYY-MM) of its evidence articles: a
    relation's statements (either way round if symmetric; a position's organisation), an actor's events that
    concern an issue (directly or through a term)."""
    month = {str(r.ev): str(r.date)[:7] for r in store.query(_DOC_DATES)}
    org = {str(r.x): str(r.org) for r in store.query(_ORGS)}
    found: dict[tuple, set[str]] = {}
    for r in store.query(_STATEMENTS):
        key = (str(r.s), views.local_name(r.p), org.get(str(r.x), str(r.x)))
        found.setdefault(key, set()).add(month.get(str(r.ev), ""))
    evidence: dict[str, set[str]] = {}
    for r in store.query(_EVENT_EVIDENCE):
        evidence.setdefault(str(r.e), set()).add(month.get(str(r.ev), ""))
    actors: dict[str, set[str]] = {}
    for r in store.query(_ROLES):
        actors.setdefault(str(r.e), set()).add(str(r.a))
    for r in store.query(_ISSUES):
        for a in actors.get(str(r.e), ()):
            found.setdefault((a, "concernsIssue", str(r.i)), set()).update(evidence.get(str(r.e), ()))
    out = {}
    for s, o, d in g.edges(data=True):
        rel = d["relation"]
        when = found.get((s, rel, o), set()) | (found.get((o, rel, s), set()) if d.get("symmetric") else set())
        out[(s, rel, o)] = when - {""}
    return out


def ranking(g):
    """The overview's ranking of the graph's nodes: relations weighted by the articles that state them."""
    h = g.copy()
    for *_, d in h.edges(data=True):
        d["weight"] = max(1, int(d.get("articles") or 0))
    return plan(h)


def page_levels(loaded) -> list[int]:
    """How many nodes each level of the page shows (the first as many as read on the screen)."""
    return loaded.eval("() => window.guildgraph.data.scale.levels.map(l => l.n)")


def expected(g, nodes: set[str], period: tuple[str, str] | None = None, months=None) -> tuple[int, int]:
    """What the overview shows of `nodes`: the edges between them (in the period: dated in it), and the nodes (in
    a period: those with an edge shown)."""
    shown = [(s, d["relation"], o) for s, o, d in g.edges(data=True) if s in nodes and o in nodes]
    if period is None:
        return len(nodes), len(shown)
    shown = [e for e in shown if any(period[0] <= m <= period[1] for m in months.get(e, ()))]
    return len({x for s, _, o in shown for x in (s, o)}), len(shown)


OVERLAPS = """() => {
    // every shown node's shape against every drawn label (and labels against labels), in canvas coordinates
    const net = window.guildgraph.network, ids = window.guildgraph.nodesView.getIds(), scale = net.getScale();
    const threshold = net.body.nodes[ids[0]].options.scaling.label.drawThreshold;
    const pos = net.getPositions(ids), shapes = [], labels = [], small = [];
    for (const id of ids) {
        const n = net.body.nodes[id], p = pos[id], r = n.options.size;
        shapes.push([id, p.x - r, p.y - r, p.x + r, p.y + r]);
        const font = n.labelModule.fontOptions.size;
        if (!n.options.label || font * scale < threshold - 1) continue;
        const l = n.labelModule.size;
        labels.push([id, l.left, l.top, l.left + l.width, l.top + l.height]);
        if (font * scale < 8) small.push(id);
    }
    const hit = (a, b) => a[1] < b[3] && b[1] < a[3] && a[2] < b[4] && b[2] < a[4];
    const bad = [];
    for (const s of shapes) for (const l of labels) if (s[0] !== l[0] && hit(s, l)) bad.push([s[0], l[0]]);
    for (let i = 0; i < labels.length; i++) for (let j = i + 1; j < labels.length; j++)
        if (hit(labels[i], labels[j])) bad.push([labels[i][0], labels[j][0]]);
    return {overlaps: bad, labels: labels.length, nodes: ids.length, small: small};
}"""

INSIDE = """() => {
    // the shown nodes' boxes (shape and label) all inside the canvas, below the toolbar
    const net = window.guildgraph.network, ids = window.guildgraph.nodesView.getIds();
    const canvas = document.querySelector('#gg-network canvas').getBoundingClientRect();
    const bar = document.getElementById('gg-toolbar').getBoundingClientRect();
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const id of ids) {
        const b = net.getBoundingBox(id);
        const a = net.canvasToDOM({x: b.left, y: b.top}), c = net.canvasToDOM({x: b.right, y: b.bottom});
        x0 = Math.min(x0, a.x); y0 = Math.min(y0, a.y); x1 = Math.max(x1, c.x); y1 = Math.max(y1, c.y);
    }
    return {box: [x0, y0, x1, y1], width: canvas.width, height: canvas.height, top: bar.bottom - canvas.top,
            scale: net.getScale()};
}"""


AWAY = "() => window.network.moveTo({position: {x: 5000, y: -3000}, scale: 3, animation: false})"


def assert_fits(loaded, *, fill: float = 0.6) -> dict:
    """Every shown node inside the canvas (below the toolbar), filling it in at least one direction."""
    box = loaded.eval(INSIDE)
    x0, y0, x1, y1 = box["box"]
    assert x0 >= -2 and x1 <= box["width"] + 2 and y0 >= box["top"] - 2 and y1 <= box["height"] + 2, box
    assert (x1 - x0) / box["width"] > fill or (y1 - y0) / (box["height"] - box["top"]) > fill, box
    return box


def assert_clear(loaded, *, at_least: int) -> dict:
    """No node over another's drawn label, no two labels over each other; at least `at_least` labels drawn."""
    result = loaded.eval(OVERLAPS)
    assert result["overlaps"] == [], result["overlaps"][:5]
    assert result["labels"] >= at_least, result
    assert result["small"] == [], result["small"][:5]
    return result


# --------------------------------------------------------------------------------------------------------
# the corpus overview
# --------------------------------------------------------------------------------------------------------
@pytest.mark.browser
def test_corpus_overview_opens_clear_and_fitted(open_view, built, built_store, artifacts):
    g = to_networkx(built_store)
    loaded = open_view(built[1] / "views" / "overview.html")
    assert counts(loaded) == (g.number_of_nodes(), g.number_of_edges())  # small: everything shows
    assert loaded.eval("() => window.guildgraph.data.options.physics.enabled") is False
    result = assert_clear(loaded, at_least=len({x for e in g.edges() for x in e}))  # every node with relations
    assert result["nodes"] == g.number_of_nodes()
    assert_fits(loaded)
    loaded.page.screenshot(path=str(artifacts / "overview-corpus.png"))
    # unticking a type re-fits the view to what is left, wherever the reader had moved it
    loaded.eval(AWAY)
    loaded.page.locator('#gg-types input[value="Person"]').uncheck()
    assert_fits(loaded)
    loaded.page.locator("#gg-fit").click()
    assert_fits(loaded)
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
def test_evidence_names_the_article_and_marks_the_actors(open_view, built, built_store):
    data = views.StoreData(built_store)
    loaded = open_view(built[1] / "views" / "overview.html")
    loaded.eval(f"() => window.guildgraph.showNode('{WGA}')")
    sources = loaded.page.locator("#gg-panel-body .gg-source").all_inner_texts()
    assert sources
    titles = {" ".join(title.split()) for title, _ in data.docs.values()}
    for source in sources:  # "— title (or “first sentence”), outlet, date" and never a file name
        text = " ".join(source.split())
        assert re.fullmatch(r"— .+, (undated|\d{4}-\d{2}-\d{2})", text), source
        assert any(text.startswith((f"— {t},", f"— \u201c{t}\u201d,")) for t in titles), source
        assert not re.search(r"\d{3}_[0-9a-f]{16}\.txt", source)
    marks = loaded.page.locator("#gg-panel-body mark").all_inner_texts()
    names = {n.lower() for n in [data.label(WGA), *data.aliases[WGA]]}
    assert marks and any(m.lower() in names for m in marks)
    # an inferred fact still says so
    inferred = loaded.eval("() => window.guildgraph.data.evidence.filter(e => e[2]).length")
    if inferred:
        loaded.eval("""() => { const d = window.guildgraph.data, i = d.evidence.findIndex(e => e[2]);
            const f = d.facts.findIndex(f => f[1].includes(i));
            const n = [...window.guildgraph.nodeInfo.values()].find(n => n.gg_facts.includes(f));
            window.guildgraph.showNode(n.id); }""")
        assert "inferred from context" in loaded.page.locator("#gg-panel-body").inner_text()
    assert loaded.errors == []


@pytest.mark.browser
def test_tooltip_goes_when_the_pointer_leaves(open_view, built):
    loaded = open_view(built[1] / "views" / "overview.html")
    point = loaded.node_point(WGA)
    loaded.page.mouse.move(point["x"], point["y"])
    tip = loaded.page.locator("#gg-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    loaded.page.mouse.move(5, 400)  # out of the canvas, over the sidebar
    tip.wait_for(state="hidden", timeout=2000)
    loaded.page.mouse.move(point["x"], point["y"])
    tip.wait_for(state="visible", timeout=5000)
    loaded.page.locator('#gg-types input[value="Guild"]').uncheck()  # the node under the pointer goes
    tip.wait_for(state="hidden", timeout=2000)
    assert loaded.errors == []


# --------------------------------------------------------------------------------------------------------
# 1,000 synthetic articles
# --------------------------------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.slow
def test_synthetic_overview_opens_on_its_core(open_view, synthetic, synthetic_store, artifacts):
    g = to_networkx(synthetic_store)
    p = ranking(g)
    loaded = open_view(synthetic[1])
    levels = page_levels(loaded)
    shown, _ = counts(loaded)
    assert shown == levels[0] <= 300 < g.number_of_nodes()
    assert levels[-1] == len(p.order)
    assert counts(loaded) == expected(g, set(p.order[: levels[0]]))
    assert_clear(loaded, at_least=levels[0] * 3 // 4)
    assert_fits(loaded)
    assert loaded.eval("() => window.guildgraph.data.options.physics.enabled") is False
    # the nodes without relations are hidden, and said to be
    notice = loaded.page.locator("#gg-isolated").inner_text()
    total = sum(n for *_, n in loaded.eval("() => window.guildgraph.data.scale.isolated"))
    assert total == len(p.isolated) > 0 and "hidden" in notice and "show" in notice
    assert re.search(r"\d+ people", notice)
    loaded.page.screenshot(path=str(artifacts / "overview-synthetic-1000.png"))
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
@pytest.mark.slow
def test_show_more_and_nodes_without_relations(open_view, synthetic, synthetic_store, artifacts):
    g = to_networkx(synthetic_store)
    p = ranking(g)
    loaded = open_view(synthetic[1])
    levels = page_levels(loaded)
    for level in levels[1:]:
        loaded.page.locator("#gg-more").click()
        assert counts(loaded) == expected(g, set(p.order[:level]))
        assert_fits(loaded, fill=0.5)
        assert loaded.eval(OVERLAPS)["overlaps"] == []
    assert loaded.page.locator("#gg-more").is_disabled()
    loaded.page.locator("#gg-isolated-toggle").click()
    assert counts(loaded) == (g.number_of_nodes(), g.number_of_edges())
    assert "shown" in loaded.page.locator("#gg-isolated").inner_text()
    assert loaded.eval(OVERLAPS)["overlaps"] == []
    loaded.page.screenshot(path=str(artifacts / "overview-synthetic-1000-all.png"))
    loaded.page.locator("#gg-isolated-toggle").click()
    for _ in levels[1:]:
        loaded.page.locator("#gg-fewer").click()
    assert counts(loaded) == expected(g, set(p.order[: levels[0]]))
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
@pytest.mark.slow
def test_period_filter_counts(open_view, synthetic, synthetic_store):
    g = to_networkx(synthetic_store)
    p = ranking(g)
    months = months_of_edges(synthetic_store, g)
    loaded = open_view(synthetic[1])
    levels = page_levels(loaded)
    calendar = loaded.eval("() => window.guildgraph.months")
    assert calendar == sorted({m for ms in months.values() for m in ms})
    core = set(p.order[: levels[0]])
    for a, b in ((len(calendar) // 3, 2 * len(calendar) // 3), (0, len(calendar) // 10), (len(calendar) - 1,) * 2):
        # the sliders, as a reader moves them
        loaded.eval(f"""() => {{ const f = document.getElementById('gg-from'), t = document.getElementById('gg-to');
            t.value = '{b}'; t.dispatchEvent(new Event('input')); f.value = '{a}';
            f.dispatchEvent(new Event('input')); }}""")
        assert counts(loaded) == expected(g, core, (calendar[a], calendar[b]), months), (calendar[a], calendar[b])
        assert f"{calendar[a]} to {calendar[b]}" in loaded.page.locator("#gg-period-text").inner_text()
    loaded.page.locator("#gg-more").click()  # the period holds at the next level
    assert counts(loaded) == expected(g, set(p.order[: levels[1]]), (calendar[-1], calendar[-1]), months)
    loaded.page.locator("#gg-period-all").click()
    assert counts(loaded) == expected(g, set(p.order[: levels[1]]))
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
@pytest.mark.slow
def test_synthetic_filters_refit_and_search_reads(open_view, synthetic, synthetic_store):
    g = to_networkx(synthetic_store)
    loaded = open_view(synthetic[1])
    loaded.eval(AWAY)
    loaded.page.locator('#gg-types input[value="Guild"]').uncheck()
    assert_fits(loaded)
    assert not {v for v, t in g.nodes(data="type") if t == "Guild"} & set(loaded.eval(
        "() => window.guildgraph.nodesView.getIds()"))
    loaded.page.locator('#gg-types input[value="Guild"]').check()
    # a search zooms to a size its label reads at, and nothing overlaps there
    box = loaded.page.locator("#gg-search-input")
    box.fill("WGA")
    box.press("Enter")
    assert loaded.eval("() => window.network.getSelectedNodes()") == [WGA]
    px = loaded.eval("(id) => window.network.body.nodes[id].labelModule.fontOptions.size * window.network.getScale()",
                     WGA)
    assert 14 <= px <= 40
    assert loaded.eval(OVERLAPS)["overlaps"] == []
    # a node the level keeps out is brought in by a search
    hidden = loaded.eval("""() => { const a = window.guildgraph; const n = [...a.nodeInfo.values()].find(
        n => n.rank !== undefined && !a.nodesView.get(n.id)); return n ? n.gg_search[0] : null; }""")
    if hidden:
        box.fill(hidden)
        box.press("Enter")
        assert loaded.eval("() => window.network.getSelectedNodes().length") == 1
        assert loaded.page.locator("#gg-search-status").inner_text() == ""
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
@pytest.mark.slow
def test_edge_labels_on_hover_and_evidence_of_synthetic_articles(open_view, synthetic, synthetic_store):
    data = views.StoreData(synthetic_store)
    loaded = open_view(synthetic[1])
    # many edges: unlabelled until hovered
    assert loaded.eval("() => window.guildgraph.edgesView.length") > 40
    assert loaded.eval("() => window.guildgraph.edgesView.get().filter(e => (e.label || '').trim()).length") == 0
    point = loaded.eval("""() => { const a = window.guildgraph, net = a.network;
        for (const e of a.edgesView.get()) { const f = net.getPositions([e.from, e.to]);
            const r = document.querySelector('#gg-network canvas').getBoundingClientRect();
            const m = net.canvasToDOM({x: (f[e.from].x + f[e.to].x) / 2, y: (f[e.from].y + f[e.to].y) / 2});
            const x = Math.round(r.left + m.x), y = Math.round(r.top + m.y), p = {x: x - r.left, y: y - r.top};
            if (net.getEdgeAt(p) === e.id && net.getNodeAt(p) === undefined && p.y > 150)
                return {id: e.id, x: x, y: y}; } return null; }""")
    assert point
    loaded.page.mouse.move(point["x"], point["y"])
    loaded.page.locator("#gg-tooltip").wait_for(state="visible", timeout=5000)
    label = loaded.eval(f"() => window.guildgraph.edges.get('{point['id']}').label")
    assert label.strip()
    loaded.page.mouse.move(5, 400)
    loaded.page.locator("#gg-tooltip").wait_for(state="hidden", timeout=2000)
    assert not loaded.eval(f"() => window.guildgraph.edges.get('{point['id']}').label").strip()
    # evidence: the article's title and date, the actors' names marked
    loaded.eval(f"() => window.guildgraph.showNode('{WGA}')")
    text = loaded.page.locator("#gg-panel-body").inner_text()
    assert any(title in text for title, _ in data.docs.values())
    assert re.search(r", \d{4}-\d{2}-\d{2}\n", text + "\n")
    assert loaded.page.locator("#gg-panel-body mark").count() > 0
    assert loaded.errors == [] and loaded.requests == []


# --------------------------------------------------------------------------------------------------------
# without a browser: the index, bytes
# --------------------------------------------------------------------------------------------------------
def test_index_lists_focus_views_written_later(built, tmp_path):
    import shutil

    folder = tmp_path / "views"
    shutil.copytree(built[1] / "views", folder)
    result = CliRunner().invoke(cli, ["view", "--focus", "WGA", "-o", str(folder / "focus-WGA.html"),
                                      "--store", str(built[0])], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    index = (folder / "index.html").read_text(encoding="utf-8")
    pages = sorted(p.name for p in folder.glob("*.html") if p.name != "index.html")
    assert sorted(re.findall(r'href="([^"]+)"', index)) == pages
    assert "Focus: Writers Guild of America" in index
    assert "One actor&#39;s neighbourhood" in index or "One actor's neighbourhood" in index
    for page in pages:  # each page says what it shows, and the index repeats it
        head = views.index.read_head((folder / page).read_text(encoding="utf-8"))
        assert head.description and head.title
        assert head.description in html_module.unescape(index)
    # a folder whose index.html is someone else's keeps it
    other = tmp_path / "other"
    other.mkdir()
    (other / "index.html").write_text("<html><title>mine</title></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["view", "-o", str(other / "overview.html"), "--store", str(built[0])],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert (other / "index.html").read_text(encoding="utf-8") == "<html><title>mine</title></html>"


def test_same_store_same_bytes_in_any_process(built):
    """Layouts, communities and rankings never follow set order (which changes with PYTHONHASHSEED)."""
    script = ("import sys; from graph.store import open_store; from graph import views\n"
              "with open_store(sys.argv[1], read_only=True) as s:\n"
              "    sys.stdout.write(views.generate(s)[0])")
    pages = []
    for seed in ("1", "2"):
        done = subprocess.run([sys.executable, "-c", script, str(built[0])], cwd=ROOT, capture_output=True,
                              text=True, env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr
        pages.append(done.stdout)
    assert pages[0] == pages[1]


@pytest.mark.slow
def test_large_layout_has_no_overlapping_boxes(synthetic_store):
    """Every level of the synthetic overview: no two boxes (a node and its label) overlap, in Python."""
    import numpy as np

    from graph.views.overlap import overlapping

    net = views.overview(synthetic_store)
    scale = net.page["scale"]
    info = {n["id"]: n for n in net.nodes}
    for level in scale["levels"]:
        ids = scale["order"][: level["n"]]
        pos = np.array(level["xy"], dtype=float).reshape(-1, 2)
        boxes = np.array([info[v]["gg_box"] for v in ids], dtype=float)
        assert len(overlapping(pos, boxes)[0]) == 0, level["n"]


def test_index_reads_any_page_of_the_folder(tmp_path):
    """Pages of other kinds (a timeline drawn by another script, a page without a description) are listed too, by
    their title; the index escapes what it reads."""
    (tmp_path / "timeline.html").write_text(
        "<!DOCTYPE html><html><head><title>Timeline · guildgraph</title></head><body></body></html>", encoding="utf-8")
    (tmp_path / "focus-x.html").write_text(
        '<html><head><meta name="description" content="A &lt;b&gt;bold&lt;/b&gt; claim">'
        "<title>Focus: &lt;script&gt;</title></head></html>", encoding="utf-8")
    (tmp_path / "notes.html").write_text("<p>no head at all</p>", encoding="utf-8")
    path = views.write_index(tmp_path)
    index = path.read_text(encoding="utf-8")
    assert re.findall(r'href="([^"]+)"', index) == ["timeline.html", "focus-x.html", "notes.html"]
    assert ">Timeline</a>" in index and ">notes.html</a>" in index
    assert "&lt;script&gt;" in index and "<script>" not in index and "&lt;b&gt;bold&lt;/b&gt; claim" in index


def test_communities_of_a_large_graph_are_the_same_in_any_process():
    """Louvain's communities follow the order of each node's neighbours: a subgraph's edges must not come in the
    orientation a set of names happens to yield (which changes with PYTHONHASHSEED)."""
    script = ("import json, random, sys, networkx as nx\n"
              "from graph.views.ranking import plan\n"
              "rnd = random.Random(3)\n"
              "g = nx.MultiDiGraph()\n"
              "names = [f'actor {i:03d}' for i in range(240)]\n"
              "g.add_nodes_from(names)\n"
              "for _ in range(600):\n"
              "    s, o = rnd.sample(names, 2)\n"
              "    g.add_edge(s, o)\n"
              "sys.stdout.write(json.dumps(sorted(plan(g).community.items())))")
    answers = set()
    for seed in ("1", "2", "3", "4", "5", "6"):
        done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)})
        assert done.returncode == 0, done.stderr
        answers.add(done.stdout)
    assert len(answers) == 1


def test_an_untitled_article_is_named_by_its_earliest_sentence(tmp_path):
    """An article without a title is named by the earliest sentence the graph holds (by its offset in the text,
    not alphabetically), looked up for the untitled articles alone; a titled one keeps its title."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import DCTERMS, PROV, RDF, XSD

    from graph.namespaces import HL, HLR
    from graph.store import open_store

    with open_store(tmp_path / "store") as store:
        for n, title in ((1, None), (2, "Studios table a new offer")):
            doc = HLR[f"document/a{n}"]
            triples = [(doc, RDF.type, HL.Document), (doc, DCTERMS.identifier, Literal(f"a{n}.txt"))]
            if title:
                triples.append((doc, DCTERMS.title, Literal(title)))
            for start, sentence in ((120, "A later sentence comes first in the alphabet."),
                                    (0, "The guild walked out on Monday.")):
                ev = HLR[f"evidence/a{n}/{start}"]
                triples += [(ev, HL.sentence, Literal(sentence)), (ev, PROV.wasDerivedFrom, doc),
                            (ev, HL.charStart, Literal(start, datatype=XSD.integer))]
            store.replace_graph(URIRef(HLR[f"graph/a{n}"]), triples)
    with open_store(tmp_path / "store", read_only=True) as store:
        data = views.StoreData(store)
    assert data.docs[str(HLR["document/a1"])][0] == "The guild walked out on Monday."
    assert data.sources[str(HLR["document/a1"])].untitled
    assert data.docs[str(HLR["document/a2"])][0] == "Studios table a new offer"
