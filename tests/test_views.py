"""Views (graph/views/): the HTML pages in a real headless Chromium (Debian's), offline, with hostile text;
the `guildgraph view` command's errors; same graph, same bytes."""
from __future__ import annotations

import html as html_module
import re
import textwrap
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from rdflib import URIRef

from graph import views
from graph.cli import main as cli
from graph.network import to_networkx

from .conftest import Loaded

WGA = "https://w3id.org/hollywood-labor/id/actor/wga"
NETFLIX = "https://w3id.org/hollywood-labor/id/actor/netflix"
AI = "ArtificialIntelligence"
HOSTILE_IMG = '<img src=x onerror="window.__pwned=1">'
HOSTILE_SCRIPT = "<script>window.__pwned=2</script>"
HOSTILE_ARTICLE = textwrap.dedent(f"""\
     date 2023-06-01
    Strike news <img src=x onerror="window.__pwned=3"></script><script>window.__pwned=4</script>

    The Writers Guild of America went on strike {HOSTILE_IMG} against the AMPTP {HOSTILE_SCRIPT} this spring.

    Fran Drescher, president of SAG-AFTRA <b onmouseover="window.__pwned=5">bold</b>, said the union supports the WGA.
    """)


# --------------------------------------------------------------------------------------------------------
# fixtures and helpers
# --------------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def view_files(built, tmp_path_factory):
    """The corpus views: the standard ones the build wrote, plus a focus view made on demand."""
    from graph.store import open_store

    out = built[1] / "views"
    with open_store(built[0], read_only=True) as store:
        html, name = views.generate(store, focus_name="Writers Guild of America")
    focus = views.write_html(html, tmp_path_factory.mktemp("focus") / name)
    return {"dir": out, "overview": out / "overview.html", "timeline": out / "timeline.html",
            "issue": out / f"issue-{AI}.html", "focus": focus}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A store built from one article whose title and sentences carry markup and script."""
    from graph.pipeline import build
    from graph.store import open_store
    from graph.views import write_standard_views

    base = tmp_path_factory.mktemp("hostile")
    article = base / "001_hostile.txt"
    article.write_text(HOSTILE_ARTICLE, encoding="utf-8")
    with open_store(base / "store") as store:
        report = build([article], store, base / "exports")
        write_standard_views(store, base / "exports" / "views")
    assert report.built == ["001_hostile.txt"]
    return base / "store", base / "exports" / "views"


def counts(loaded: Loaded) -> tuple[int, int]:
    return tuple(loaded.eval("() => [window.guildgraph.nodesView.length, window.guildgraph.edgesView.length]"))


def drawn(loaded: Loaded) -> tuple[int, int]:
    """What vis itself holds (nodes and edges it draws)."""
    return tuple(loaded.eval("() => [window.network.body.nodeIndices.length, "
                             "window.network.body.edgeIndices.length]"))


def words(text: str) -> str:
    return " ".join(text.split())


# --------------------------------------------------------------------------------------------------------
# the pages in Chromium
# --------------------------------------------------------------------------------------------------------
@pytest.mark.browser
def test_overview_matches_the_networkx_projection(open_view, view_files, built_store, artifacts):
    g = to_networkx(built_store)
    loaded = open_view(view_files["overview"])
    assert counts(loaded) == (g.number_of_nodes(), g.number_of_edges())
    assert drawn(loaded) == (g.number_of_nodes(), g.number_of_edges())
    assert set(loaded.eval("() => window.guildgraph.nodes.getIds()")) == set(g)
    # symmetric relations have no arrow, the others point from subject to object
    arrows = loaded.eval("""() => window.guildgraph.edges.get().map(
        e => [e.gg_rel, e.from, e.to, !(e.arrows && e.arrows.to && e.arrows.to.enabled === false)])""")
    assert {(rel, s, o) for rel, s, o, _ in arrows} == {(d["relation"], s, o) for s, o, d in g.edges(data=True)}
    assert all(arrow == (rel != "negotiatesWith") for rel, _, _, arrow in arrows)
    # one legend entry per class present, and per relation
    assert set(loaded.eval("() => window.guildgraph.data.nodeTypes.map(t => t[0])")) == \
        {d["type"] for _, d in g.nodes(data=True)}
    assert loaded.page.locator("#gg-types label").count() == len({d["type"] for _, d in g.nodes(data=True)})
    # bigger nodes for more central ones
    sizes = loaded.eval("() => Object.fromEntries(window.guildgraph.nodes.get().map(n => [n.id, n.size]))")
    assert sizes[WGA] > sizes[NETFLIX]
    loaded.page.screenshot(path=str(artifacts / "view-overview.png"))
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
def test_hover_shows_label_type_aliases_and_evidence(open_view, view_files):
    loaded = open_view(view_files["overview"])
    point = loaded.node_point(WGA)
    loaded.page.mouse.move(point["x"], point["y"])
    tip = loaded.page.locator("#gg-tooltip")
    tip.wait_for(state="visible", timeout=5000)
    text = tip.inner_text()
    assert "Writers Guild of America" in text and "Type: Guild" in text
    assert re.search(r"Also known as: .*\bWGA\b", text)
    assert re.search(r"Evidence: [1-9]\d* sentences", text)
    assert loaded.errors == []


@pytest.mark.browser
def test_clicking_a_node_shows_its_evidence_sentences(open_view, view_files, built_store):
    sentences = {words(str(r.s)) for r in built_store.query(
        """SELECT DISTINCT ?s WHERE {
             { ?st rdf:subject ?a ; hl:evidence ?ev } UNION { ?st rdf:object ?a ; hl:evidence ?ev }
             UNION { ?e hl:participant ?a ; hl:evidence ?ev }
             ?ev hl:sentence ?s }""", {"a": URIRef(WGA)})}
    assert sentences
    loaded = open_view(view_files["overview"])
    point = loaded.node_point(WGA)
    loaded.page.mouse.click(point["x"], point["y"])
    assert loaded.eval("() => window.network.getSelectedNodes()") == [WGA]
    panel = loaded.panel()
    assert panel.startswith("Writers Guild of America")
    shown = words(panel)
    assert all(s in shown for s in sentences), [s for s in sentences if s not in shown][:3]
    # each sentence names its article (dcterms:title, else its first sentence in quotes, never the file name) and
    # date
    assert re.search(r"^— .+, (undated|\d{4}-\d{2}-\d{2})$", panel, re.M)
    assert not re.search(r"— \d{3}_[0-9a-f]+\.txt", panel)
    assert loaded.errors == []


@pytest.mark.browser
def test_clicking_an_edge_shows_the_relation_evidence(open_view, view_files):
    loaded = open_view(view_files["overview"])
    edge = loaded.eval(f"""() => window.guildgraph.edges.get().find(
        e => e.from === '{WGA}' && e.gg_rel === 'strikesAgainst').id""")
    loaded.eval("(id) => window.guildgraph.showEdge(id)", edge)
    panel = loaded.panel()
    assert "strikes against" in panel and "evidence sentence" in panel
    assert re.search(r"strik", panel.split("\n", 3)[-1], re.I)


@pytest.mark.browser
def test_filter_checkboxes_hide_nodes_and_their_edges(open_view, view_files, built_store):
    g = to_networkx(built_store)
    studios = {v for v, t in g.nodes(data="type") if t == "Studio"}
    member_of = sum(1 for *_, r in g.edges(data="relation") if r == "memberOf")
    touching = sum(1 for s, o in g.edges() if s in studios or o in studios)
    assert studios and member_of
    loaded = open_view(view_files["overview"])
    n, e = g.number_of_nodes(), g.number_of_edges()
    loaded.page.locator('#gg-types input[value="Studio"]').uncheck()
    assert counts(loaded) == (n - len(studios), e - touching)
    assert drawn(loaded) == (n - len(studios), e - touching)
    assert not studios & set(loaded.eval("() => window.network.body.nodeIndices"))
    loaded.page.locator('#gg-types input[value="Studio"]').check()
    assert counts(loaded) == (n, e)
    loaded.page.locator('#gg-relations input[value="memberOf"]').uncheck()
    assert counts(loaded) == (n, e - member_of)
    assert drawn(loaded) == (n, e - member_of)
    assert "Showing" in loaded.page.locator("#gg-counts").inner_text()
    assert loaded.errors == []


@pytest.mark.browser
def test_search_finds_and_focuses_a_node(open_view, view_files):
    loaded = open_view(view_files["overview"])
    box = loaded.page.locator("#gg-search-input")
    box.fill("netflix")
    box.press("Enter")
    assert loaded.eval("() => window.network.getSelectedNodes()") == [NETFLIX]
    assert loaded.panel().startswith("Netflix")
    # the view is centred on it
    point = loaded.node_point(NETFLIX)
    canvas = loaded.page.locator("#gg-network canvas").bounding_box()
    assert abs(point["x"] - (canvas["x"] + canvas["width"] / 2)) < 5
    assert abs(point["y"] - (canvas["y"] + canvas["height"] / 2)) < 5
    box.fill("WGA")  # an alias
    loaded.page.locator("#gg-search-button").click()
    assert loaded.eval("() => window.network.getSelectedNodes()") == [WGA]
    box.fill("no such actor anywhere")
    box.press("Enter")
    assert loaded.page.locator("#gg-search-status").inner_text() == "No match."
    assert loaded.errors == []


@pytest.mark.browser
def test_focus_view_is_the_neighbourhood(open_view, view_files, built_store, artifacts):
    g = to_networkx(built_store)
    ego = nx.ego_graph(g, WGA, radius=1, undirected=True)
    loaded = open_view(view_files["focus"])
    assert counts(loaded) == (ego.number_of_nodes(), ego.number_of_edges())
    assert set(loaded.eval("() => window.guildgraph.nodes.getIds()")) == set(ego)
    assert loaded.eval("() => window.network.getSelectedNodes()") == [WGA]
    assert loaded.panel().startswith("Writers Guild of America")
    loaded.page.screenshot(path=str(artifacts / "view-focus-wga.png"))
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
def test_issue_view_shows_who_proposed_agreed_and_stated(open_view, view_files, built_store, artifacts):
    rows = list(built_store.query(f"""
        SELECT DISTINCT ?e ?role ?a WHERE {{
          ?e hl:concernsIssue <https://w3id.org/hollywood-labor/id/issue/{AI}> ; ?role ?a .
          FILTER(?role IN (hl:proposedBy, hl:party, hl:statedBy)) }}"""))
    assert rows, "the corpus has proposals, agreements or statements about AI"
    data = views.StoreData(built_store)
    expected = views.issue(built_store, AI, data)
    loaded = open_view(view_files["issue"])
    assert counts(loaded) == (len(expected.nodes), len(expected.edges))
    edges = {(e["from"], e["gg_rel"], e["to"]) for e in loaded.eval("() => window.guildgraph.edges.get()")}
    for row in rows:
        assert (str(row.e), views.local_name(row.role), str(row.a)) in edges
    terms = loaded.eval("() => window.guildgraph.nodes.get().filter(n => n.gg_type === 'Term').map(n => n.id)")
    for t in terms:  # a term's tooltip carries its figures
        tip = loaded.eval("(id) => window.guildgraph.nodeInfo.get(id).gg_tip", t)
        assert any(k == "Percent" for k, _ in tip) and any(k == "Contract year" for k, _ in tip)
    loaded.page.screenshot(path=str(artifacts / "view-issue-ai.png"))
    assert loaded.errors == [] and loaded.requests == []


def test_on_an_issue_page_an_actor_stands_for_what_it_did_about_the_issue(built_store):
    """Clicking the WGA on the AI page lists its events about AI (and its relations), not its every event: the
    overview has those."""
    data = views.StoreData(built_store)
    net = views.issue(built_store, AI, data)
    wga = next(n for n in net.nodes if n["id"] == WGA)
    shown = {net.page["facts"][f][0] for f in wga["gg_facts"]}
    about_ai = data.event_iris_about(f"https://w3id.org/hollywood-labor/id/issue/{AI}")
    on_ai = {data.event_text(ev) for ev in data.events_of[WGA] if ev.iri in about_ai}
    elsewhere = {data.event_text(ev) for ev in data.events_of[WGA]} - on_ai
    assert on_ai and elsewhere, "the corpus has WGA events about AI and about other things"
    assert on_ai <= shown and not shown & elsewhere
    page = views.Page(data)
    relations = {page.facts[page.relation_fact(*key)][0] for key in data.relations_of[WGA]}
    assert relations and relations <= shown


@pytest.mark.browser
def test_hostile_article_text_is_shown_as_text_and_never_runs(open_view, hostile, artifacts):
    store_path, views_dir = hostile
    for name in ("overview.html", "timeline.html"):
        path = views_dir / name
        raw = path.read_text(encoding="utf-8")
        assert "<img src=x" not in raw and "window.__pwned=2</script>" not in raw
        loaded = open_view(path)
        assert loaded.eval("() => typeof window.__pwned") == "undefined"
        if name == "overview.html":
            point = loaded.node_point(WGA)
            loaded.page.mouse.click(point["x"], point["y"])
            panel = loaded.panel()
        else:  # the article dates no event: its strike is in the list below the timeline
            point = {"x": 600, "y": 300}
            panel = ""
            for button in loaded.page.locator("#gg-undated-list button").all():
                button.click()
                panel += loaded.panel()
        assert HOSTILE_IMG in panel and HOSTILE_SCRIPT in panel
        assert "<script>window.__pwned=4</script>" in panel  # the article title, shown as its source
        assert loaded.page.locator("#gg-panel-body img, #gg-panel-body script, #gg-panel-body b").count() == 0
        assert loaded.page.locator("body img").count() == 0
        loaded.page.mouse.move(point["x"], point["y"] + 1)
        loaded.page.wait_for_timeout(200)
        assert loaded.eval("() => typeof window.__pwned") == "undefined"
        loaded.page.screenshot(path=str(artifacts / f"view-hostile-{name.replace('.html', '')}.png"))
        assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
def test_hostile_labels_and_aliases_are_text(open_view, tmp_path, artifacts):
    g = nx.MultiDiGraph()
    evil = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>"
    g.add_node("a", label=f"Guild {evil}", type="Guild",
               aliases=f"alias {evil}|</script><script>window.__pwned=3</script>", articles=1)
    g.add_node("b", label="Studio", type="Studio", aliases="", articles=1)
    g.add_edge("a", "b", key="strikesAgainst", relation="strikesAgainst", role=evil, evidence=0, articles=0,
               symmetric=False)
    path = views.write_html(views.to_html(views.network_view(g, title=evil)), tmp_path / "labels.html")
    raw = path.read_text(encoding="utf-8")
    assert "<img src=x" not in raw and "</script><script>window.__pwned" not in raw
    loaded = open_view(path)
    assert loaded.page.title().startswith(evil)
    point = loaded.node_point("a")
    loaded.page.mouse.move(point["x"], point["y"])
    loaded.page.locator("#gg-tooltip").wait_for(state="visible", timeout=5000)
    assert evil in loaded.page.locator("#gg-tooltip").inner_text()
    loaded.page.mouse.click(point["x"], point["y"])
    assert evil in loaded.panel()
    loaded.page.locator("#gg-search-input").fill("window.__pwned=3")
    loaded.page.locator("#gg-search-input").press("Enter")
    assert loaded.eval("() => window.network.getSelectedNodes()") == ["a"]
    assert loaded.page.locator("body img, #gg-panel-body script, #gg-tooltip script").count() == 0
    assert loaded.eval("() => typeof window.__pwned") == "undefined"
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
def test_pages_work_with_the_network_off(open_view, view_files):
    for name in ("overview", "issue", "focus"):  # the timeline: tests/test_timeline.py
        loaded = open_view(view_files[name], offline=True)
        nodes, _ = counts(loaded)
        assert nodes > 0
        assert loaded.eval("() => document.querySelector('#gg-network canvas').width") > 0
        assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
def test_large_graph_is_laid_out_in_python_with_physics_off(open_view, tmp_path, artifacts):
    n = views.LARGE_GRAPH + 100
    base = nx.barabasi_albert_graph(n, 2, seed=3)
    g = nx.MultiDiGraph()
    kinds = ["Guild", "Studio", "Person"]
    for v in base:
        g.add_node(f"n{v:04d}", label=f"Actor {v}", type=kinds[v % 3], aliases="", articles=1)
    for s, o in base.edges():
        g.add_edge(f"n{s:04d}", f"n{o:04d}", key="supports", relation="supports", role="", evidence=1, articles=1,
                   symmetric=False)
    net = views.network_view(g, title="Large")
    assert net.options["physics"] == {"enabled": False}
    assert all("x" in node and "y" in node for node in net.nodes)
    path = views.write_html(views.to_html(net), tmp_path / "large.html")
    loaded = open_view(path)
    # it opens on its most central nodes; "show more" up to the last level shows them all
    levels = net.page["scale"]["levels"]
    assert counts(loaded)[0] == levels[0]["n"] < g.number_of_nodes()
    first = loaded.eval("() => window.network.getPositions(['n0000'])['n0000']")
    node = next(x for x in net.nodes if x["id"] == "n0000")
    assert abs(first["x"] - node["x"]) <= 1 and abs(first["y"] - node["y"]) <= 1  # vis rounds positions
    loaded.eval(f"() => window.guildgraph.setLevel({len(levels) - 1})")
    assert counts(loaded) == (g.number_of_nodes(), g.number_of_edges())
    loaded.page.screenshot(path=str(artifacts / "view-large.png"))
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
def test_an_empty_store_gives_pages_that_load(open_view, tmp_path):
    from graph.store import open_store

    with open_store(tmp_path / "store") as store:
        paths = views.write_standard_views(store, tmp_path / "views")
    assert [p.name for p in paths] == ["index.html", "overview.html", "timeline.html", "gap.html"]
    for path in paths[1:2]:  # the timeline and gap pages: tests/test_timeline.py
        loaded = open_view(path)
        assert counts(loaded) == (0, 0)
        assert loaded.errors == [] and loaded.requests == []


# --------------------------------------------------------------------------------------------------------
# the files, without a browser
# --------------------------------------------------------------------------------------------------------
def test_build_writes_the_standard_views_and_an_index(built):
    _, exports, report = built
    out = exports / "views"
    names = sorted(p.name for p in out.glob("*.html"))
    assert {"index.html", "overview.html", "timeline.html", f"issue-{AI}.html"} <= set(names)
    assert not [n for n in names if n.startswith("focus-")]  # focus views are made on demand
    assert {p.name for p in report.exports if p.parent == out} == set(names)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'href="([^"]+)"', index)) == set(names) - {"index.html"}


def test_pages_link_nothing_outside(view_files):
    pages = sorted(view_files["dir"].glob("*.html")) + [view_files["focus"]]
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""\b(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I), page
        assert not re.search(r"""url\(\s*["']?\s*(?:https?:)?//""", html, re.I), page
        assert not re.search(r"@import", html, re.I), page
        assert "<link" not in html and "sourceMappingURL" not in html
        csp = html_module.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
        assert "default-src 'none'" in csp
        if page.name != "index.html":  # scripts by hash only: an injected inline script or handler would not run
            script_src = re.search(r"script-src ([^;]+)", csp).group(1).split()
            hashes = len(script_src) == 2 and all(s.startswith("'sha256-") for s in script_src)
            assert hashes or script_src == ["'none'"]  # the gap page runs no script


def test_script_json_cannot_close_the_script_element():
    text = views.script_json({"s": "</script><!-- & \u2028\u2029 >"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    import json

    assert json.loads(text) == {"s": "</script><!-- & \u2028\u2029 >"}


def test_same_graph_same_bytes(built_store, tmp_path):
    data = views.StoreData(built_store)
    for make in (lambda d: views.overview(built_store, d), lambda d: views.timeline(built_store, d),
                 lambda d: views.issue(built_store, AI, d),
                 lambda d: views.focus(built_store, "wga", 2, d)):
        first = views.to_html(make(data))
        again = views.to_html(make(views.StoreData(built_store)))
        assert first == again
    a = views.write_standard_views(built_store, tmp_path / "a")
    b = views.write_standard_views(built_store, tmp_path / "b")
    assert [p.name for p in a] == [p.name for p in b]
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes(), pa.name


def test_large_layout_is_deterministic():
    g = nx.MultiDiGraph(nx.barabasi_albert_graph(900, 2, seed=5))
    h = nx.relabel_nodes(g, {v: f"a{v:04d}" for v in g})
    for v in h:
        h.nodes[v].update(label=v, type="Guild", aliases="", articles=1)
    assert views.to_html(views.network_view(h)) == views.to_html(views.network_view(h))
    pos = views.layout_positions(h)
    assert set(pos) == set(h) and len({(round(x), round(y)) for x, y in pos.values()}) == len(h)


# --------------------------------------------------------------------------------------------------------
# the command
# --------------------------------------------------------------------------------------------------------
def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_view_command_writes_the_overview_by_default(built, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("view", "--store", str(built[0]))
    assert result.exit_code == 0, result.output
    path = Path("exports") / "views" / "overview.html"
    assert result.stdout.strip() == str(path)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_view_command_focus_issue_timeline(built, tmp_path):
    store = str(built[0])
    for args, title in ((["--focus", "writers guild of america", "--depth", "2"], "Focus: Writers Guild of America"),
                        (["--focus", "WGA"], "Focus: Writers Guild of America"),
                        (["--issue", AI], "Issue: Artificial intelligence"),
                        (["--timeline"], "Timeline")):
        out = tmp_path / "v.html"
        result = run("view", *args, "-o", str(out), "--store", store)
        assert result.exit_code == 0, result.output
        assert result.stdout.strip() == str(out)
        assert f"<title>{title} · guildgraph</title>" in out.read_text(encoding="utf-8")


def test_view_unknown_actor_exits_2_with_the_closest_names(built):
    result = run("view", "--focus", "Writers Guild of Amercia", "--store", str(built[0]))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "no actor is called 'Writers Guild of Amercia'" in result.stderr
    assert "closest names: " in result.stderr and "Writers Guild of America" in result.stderr


def test_the_same_typo_gets_the_same_answer_from_view_and_query(built):
    """One resolver: an unknown actor is the same error, with the same exit code, wherever it is typed."""
    viewed = run("view", "--focus", "Writers Guild of Amercia", "--store", str(built[0]))
    queried = run("query", "--name", "statements-by-actor", "--param", "actor=Writers Guild of Amercia",
                  "--store", str(built[0]))
    assert viewed.exit_code == queried.exit_code == 2
    assert viewed.stderr == queried.stderr


def test_view_unknown_issue_exits_2_listing_the_notations(built):
    result = run("view", "--issue", "AI", "--store", str(built[0]))
    assert result.exit_code == 2
    assert "no issue with notation 'AI'" in result.stderr
    for notation in ("ArtificialIntelligence", "Residuals", "Staffing", "Compensation"):
        assert notation in result.stderr


def test_view_options_that_do_not_go_together(built):
    assert run("view", "--issue", AI, "--timeline", "--store", str(built[0])).exit_code == 2
    assert run("view", "--depth", "2", "--store", str(built[0])).exit_code == 2
