"""The timeline (vis-timeline, vendored) and the bargaining-gap chart (inline SVG) in a real headless Chromium
(Debian's), offline: every dated event in its actor's lane, zoom, evidence in view, asked beside offered; the pages
of a synthetic 1,000-article build open too."""
from __future__ import annotations

import html as html_module
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graph import views

from .conftest import ROOT, Loaded

EVENT_TYPES = "hl:Strike, hl:NegotiationSession, hl:Proposal, hl:Agreement, hl:Statement, hl:LegalAction"
ITEM_BOXES = """() => { const t = window.guildgraph.timeline;
    return Object.values(t.itemSet.items).filter(i => i.displayed).map(i => {
      const box = (i.dom.box || i.dom.point).getBoundingClientRect();
      const row = t.itemSet.groups[i.data.group].dom.foreground.getBoundingClientRect();
      return [i.id, i.data.group, box.top, box.bottom, row.top, row.bottom, i.data.gg_label]; }); }"""


@pytest.fixture
def open_page(browser):
    """open_page(path, ready=True, viewport=(w, h)) -> Loaded: the page from disk, every request other than itself
    refused and recorded, console errors and warnings recorded; `ready` waits for window.guildgraph.ready."""
    contexts = []

    def opener(path: Path, *, ready: bool = True, viewport=(1400, 1000)) -> Loaded:
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        contexts.append(context)
        page = context.new_page()
        errors, requests = [], []
        page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
        url = path.resolve().as_uri()

        def route(r):
            if r.request.url == url:
                r.continue_()
            else:
                requests.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.goto(url)
        if ready:
            page.wait_for_function("() => window.guildgraph && window.guildgraph.ready === true", timeout=60_000)
        return Loaded(page, errors, requests)

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def pages(built):
    return built[1] / "views"


def dated_events(store) -> dict[str, str]:
    """Event IRI -> its day (hl:date, else the earliest hl:startDate), as the views read it: the reports of one
    event in several articles (hl:sameEventAs) are one event."""
    return {str(r.e): str(r.d)[:10] for r in store.query(f"""
        SELECT ?e (MIN(?day) AS ?d) WHERE {{ ?r a ?t . FILTER(?t IN ({EVENT_TYPES}))
          OPTIONAL {{ ?r hl:sameEventAs ?same }} BIND(COALESCE(?same, ?r) AS ?e)
          {{ ?r hl:date ?day }} UNION {{ ?r hl:startDate ?day FILTER NOT EXISTS {{ ?r hl:date ?x }} }} }}
        GROUP BY ?e""")}


def in_viewport(loaded: Loaded, selector: str) -> bool:
    """Whether the element's top edge is on screen."""
    return loaded.eval("""(sel) => { const r = document.querySelector(sel).getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight - 20; }""", selector)


# --------------------------------------------------------------------------------------------------------
# the timeline
# --------------------------------------------------------------------------------------------------------
@pytest.mark.browser
def test_every_dated_event_is_an_item_in_its_actors_lane(open_page, pages, built_store, artifacts):
    dated = dated_events(built_store)
    assert dated, "the corpus has dated events"
    loaded = open_page(pages / "timeline.html")
    assert loaded.eval("() => window.guildgraph.timeline.itemsData.length") == len(dated)
    starts = loaded.eval("() => window.guildgraph.items.get().map(i => i.start)")
    assert sorted(starts) == sorted(dated.values())
    # each item is drawn inside the row of its lane (one lane per actor, nested under its class)
    boxes = loaded.eval(ITEM_BOXES)
    assert len(boxes) == len(dated)
    for _, group, top, bottom, row_top, row_bottom, label in boxes:
        assert row_top - 1 <= top and bottom <= row_bottom + 1, label
    lanes = {g["id"]: g for g in loaded.eval("() => window.guildgraph.groups.get()")}
    parents = [g for g in lanes.values() if g.get("nestedGroups")]
    assert {p["gg_label"].split(" (")[0] for p in parents} == {"Guild", "Employer association"}
    lane_of = {label: lanes[group]["gg_label"] for _, group, *_, label in boxes}
    # labelled with what and who, in the lane of who
    assert lane_of["WGA strike (no end date)"] == "WGA"
    assert lane_of["SAG-AFTRA strike (no end date)"] == "SAG-AFTRA"
    assert lane_of["AMPTP offer"] == "AMPTP" and lane_of["WGA statement"] == "WGA"
    assert lane_of["WGA–AMPTP session"] == "WGA"
    # strikes are ranges; without an end date they run to the last article that reports them
    strikes = loaded.eval("() => window.guildgraph.items.get().filter(i => i.gg_type === 'Strike')")
    assert strikes and all(s["type"] == "range" and s["end"] > s["start"] for s in strikes)
    assert {s["start"]: s["end"] for s in strikes} == {"2023-05-02": "2023-09-10", "2023-07-14": "2023-09-10"}
    # lanes collapse with their class
    hidden = "(n) => window.guildgraph.groups.get().filter(g => g.visible === false).length === n"
    guilds = len(next(p for p in parents if p["gg_label"].startswith("Guild"))["nestedGroups"])
    loaded.page.locator(".vis-label.vis-nesting-group", has_text="Guild").click()
    loaded.page.wait_for_function(hidden, arg=guilds, timeout=5_000)  # vis takes the tap a moment later
    loaded.page.locator(".vis-label.vis-nesting-group", has_text="Guild").click()
    loaded.page.wait_for_function(hidden, arg=0, timeout=5_000)
    loaded.page.screenshot(path=str(artifacts / "timeline.png"))
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
def test_the_timeline_zooms_and_pans(open_page, pages):
    loaded = open_page(pages / "timeline.html")

    def window_days() -> tuple[float, float]:
        w = loaded.eval("() => { const w = window.guildgraph.timeline.getWindow(); "
                        "return [w.start.getTime(), w.end.getTime()]; }")
        return w[0] / 86_400_000, (w[1] - w[0]) / 86_400_000

    start0, span0 = window_days()
    loaded.page.locator("#gg-zoom-in").click()
    loaded.page.wait_for_timeout(700)  # vis animates the zoom
    _, span1 = window_days()
    assert span1 < span0 * 0.8
    box = loaded.page.locator("#gg-timeline .vis-center").bounding_box()
    loaded.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)
    loaded.page.mouse.wheel(0, 400)  # the wheel zooms out
    loaded.page.wait_for_timeout(300)
    _, span2 = window_days()
    assert span2 > span1 * 1.1
    start2, _ = window_days()
    loaded.page.mouse.down()
    loaded.page.mouse.move(box["x"] + box["width"] / 2 - 300, box["y"] + 40, steps=8)  # drag to pan
    loaded.page.mouse.up()
    start3, span3 = window_days()
    assert start3 > start2 + 1 and abs(span3 - span2) < 1
    for _ in range(30):  # not below two days
        loaded.eval("() => window.guildgraph.timeline.zoomIn(0.9, {animation: false})")
    assert window_days()[1] >= 1.99
    loaded.page.locator("#gg-fit").click()
    loaded.page.wait_for_timeout(700)
    assert abs(window_days()[1] - span0) < span0 * 0.05
    assert re.fullmatch(r"\d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d", loaded.page.locator("#gg-window").inner_text())
    assert loaded.errors == []


@pytest.mark.browser
def test_clicking_an_item_shows_its_evidence(open_page, pages):
    loaded = open_page(pages / "timeline.html")
    box = loaded.page.locator("#gg-timeline .vis-item", has_text="WGA statement").bounding_box()
    loaded.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    panel = loaded.page.locator("#gg-panel-body").inner_text()
    assert panel.startswith("WGA statement") and "Statement, 2023-08-04" in panel
    assert re.search(r"[1-9]\d* evidence sentences?\.", panel) and "— " in panel  # sentences with their article
    assert in_viewport(loaded, "#gg-panel")
    # hovering shows what, when and who
    loaded.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2 + 1)
    assert "stated by: Writers Guild of America" in loaded.page.locator("#gg-tooltip").inner_text()
    assert loaded.errors == []


@pytest.mark.browser
def test_an_undated_event_click_shows_its_evidence_in_view(open_page, pages, built_store, artifacts):
    query = (f"SELECT DISTINCT ?e WHERE {{ ?r a ?t FILTER(?t IN ({EVENT_TYPES})) "
             "OPTIONAL { ?r hl:sameEventAs ?same } BIND(COALESCE(?same, ?r) AS ?e) }")
    undated = {str(r.e) for r in built_store.query(query)}
    undated -= set(dated_events(built_store))
    loaded = open_page(pages / "timeline.html")
    buttons = loaded.page.locator("#gg-undated-list button")
    assert buttons.count() == len(undated)
    labels = {b.splitlines()[0] for b in buttons.all_inner_texts()}
    assert {"AMPTP offer: 5/4/3.5%", "WGA demand: 6/5/5%", "Agreement: DGA (12.5%, 21%)"} <= labels
    last = buttons.last
    last.scroll_into_view_if_needed()
    assert not in_viewport(loaded, "#gg-timeline")  # scrolled down to the list
    label = last.inner_text().splitlines()[0]
    last.click()
    panel = loaded.page.locator("#gg-panel-body").inner_text()
    assert panel.startswith(label) and "undated" in panel and "evidence sentence" in panel
    assert in_viewport(loaded, "#gg-panel-body h3")
    loaded.page.screenshot(path=str(artifacts / "timeline-undated.png"))
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
def test_event_type_filters_hide_items(open_page, pages, built_store):
    dated = dated_events(built_store)
    strikes = sum(1 for r in built_store.query("SELECT DISTINCT ?e WHERE { ?r a hl:Strike OPTIONAL { ?r hl:sameEventAs "
                                               "?same } BIND(COALESCE(?same, ?r) AS ?e) }") if str(r.e) in dated)
    loaded = open_page(pages / "timeline.html")
    loaded.page.locator('#gg-tl-types input[value="Strike"]').uncheck()
    assert loaded.eval("() => window.guildgraph.timeline.itemsData.length") == len(dated) - strikes
    loaded.page.locator('#gg-tl-types input[value="Strike"]').check()
    assert loaded.eval("() => window.guildgraph.timeline.itemsData.length") == len(dated)


@pytest.mark.browser
def test_the_timeline_works_offline_and_with_no_events(open_page, pages, tmp_path):
    from graph.store import open_store

    loaded = open_page(pages / "timeline.html")
    assert loaded.eval("() => typeof vis.Timeline") == "function" and loaded.requests == []
    with open_store(tmp_path / "store") as store:
        paths = views.write_standard_views(store, tmp_path / "views")
    empty = open_page(next(p for p in paths if p.name == "timeline.html"))
    assert empty.eval("() => window.guildgraph.timeline.itemsData.length") == 0
    assert empty.page.locator("#gg-empty").inner_text() == "No events yet (run guildgraph build)."
    gap = open_page(next(p for p in paths if p.name == "gap.html"), ready=False)
    assert "No proposal or agreement with a percentage yet." in gap.page.locator("#gg-gap").inner_text()
    assert empty.errors == [] and gap.errors == [] and empty.requests == [] and gap.requests == []


# --------------------------------------------------------------------------------------------------------
# the bargaining gap
# --------------------------------------------------------------------------------------------------------
def bars(loaded: Loaded, issue: str, guild: str) -> list[dict]:
    return loaded.eval("""([issue, guild]) => Array.from(document.querySelectorAll(
        `figure[data-issue="${issue}"][data-guild="${guild}"] rect.gg-bar`)).map(r => ({
          measure: r.dataset.measure, year: r.dataset.year, value: Number(r.dataset.value),
          x: r.getBBox().x, height: r.getBBox().height}))""", [issue, guild])


@pytest.mark.browser
def test_the_gap_chart_shows_asked_beside_offered(open_page, pages, built_store, artifacts):
    expected = views.gap_rows(built_store)
    assert any(r["asked"] for r in expected), "the corpus has asks with figures"
    loaded = open_page(pages / "gap.html", ready=False)
    wga = bars(loaded, "Compensation", "Writers Guild of America")
    asked = {b["year"]: b["value"] for b in wga if b["measure"] == "asked"}
    offered = {b["year"]: b["value"] for b in wga if b["measure"] == "offered"}
    assert asked == {"1": 6, "2": 5, "3": 5} and offered == {"1": 5, "2": 4, "3": 3.5}
    for year in asked:  # beside: the ask, then the offer, in the same group; heights in proportion
        a = next(b for b in wga if b["measure"] == "asked" and b["year"] == year)
        o = next(b for b in wga if b["measure"] == "offered" and b["year"] == year)
        assert 0 < o["x"] - a["x"] < 40
        assert abs(a["height"] / o["height"] - a["value"] / o["value"]) < 0.02
    dga = {b["value"] for b in bars(loaded, "Compensation", "Directors Guild of America") if b["measure"] == "agreed"}
    assert dga == {12.5}
    assert {b["value"] for b in bars(loaded, "Residuals", "Directors Guild of America")} == {21}
    # the same numbers in the table beside the chart
    table = loaded.page.locator('figure[data-guild="Writers Guild of America"] table')
    assert table.locator('tr[data-year="3"] td.gg-asked').inner_text() == "5%"
    assert table.locator('tr[data-year="3"] td.gg-offered').inner_text() == "3.5%"
    assert table.locator('tr[data-year="3"] td').nth(3).inner_text() == "1.5"
    assert loaded.eval("() => JSON.parse(document.getElementById('gg-data').textContent).rows.length") == len(expected)
    loaded.page.screenshot(path=str(artifacts / "gap.png"), full_page=True)
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
def test_an_issue_view_carries_the_gap_chart_of_its_issue(open_page, pages):
    loaded = open_page(pages / "issue-Compensation.html")
    assert {b["measure"] for b in bars(loaded, "Compensation", "Writers Guild of America")} == {"asked", "offered"}
    assert loaded.page.locator("#gg-gap figure").count() == 2  # WGA and DGA, no other issue
    other = open_page(pages / "issue-ArtificialIntelligence.html")
    assert other.page.locator("#gg-gap").count() == 0
    assert loaded.errors == [] and other.errors == [] and loaded.requests == []


def test_gap_text_is_escaped_and_the_page_runs_no_script():
    evil = '<img src=x onerror="window.__pwned=1"></svg><script>window.__pwned=2</script>'
    rows = [{"issue": evil, "year": "1", "guild": evil, "asked": "6", "employer": evil, "offered": "5", "gap": "1",
             "agreed": ""}]
    html = views.to_html(views.GapView(title=evil, subtitle=evil, page={"rows": rows}))
    assert "<img" not in html and "<script>window" not in html
    csp = html_module.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "script-src 'none'" in csp


def test_the_vendored_files_are_the_pinned_ones():
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "vendor.py"), "--offline"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr


# --------------------------------------------------------------------------------------------------------
# a synthetic 1,000-article build (conftest's synthetic_1k)
# --------------------------------------------------------------------------------------------------------
@pytest.mark.browser
@pytest.mark.slow
def test_the_timeline_of_a_thousand_articles_opens(open_page, synthetic_1k, artifacts):
    from graph.store import open_store

    with open_store(synthetic_1k / "store", read_only=True) as store:
        dated = dated_events(store)
    assert len(dated) > 500
    loaded = open_page(synthetic_1k / "exports" / "views" / "timeline.html")
    assert loaded.eval("() => window.guildgraph.items.length") == len(dated)
    # too many to draw one by one over 18 years: counted per lane and period; a click on one zooms in on it
    periods = loaded.eval("() => window.guildgraph.timeline.itemsData.get().filter(i => i.gg_count)")
    assert periods and sum(p["gg_count"] for p in periods) <= len(dated)
    loaded.page.screenshot(path=str(artifacts / "timeline-1000.png"))
    biggest = max(periods, key=lambda p: p["gg_count"])
    loaded.eval("(id) => window.guildgraph.timeline.setSelection([id], {})", biggest["id"])
    loaded.eval("(id) => window.guildgraph.timeline.emit('select', {items: [id]})", biggest["id"])
    loaded.page.wait_for_function("(n) => window.guildgraph.timeline.itemsData.get().filter(i => !i.gg_count).length "
                                  ">= n", arg=biggest["gg_count"], timeout=10_000)
    assert loaded.page.locator("#gg-undated-list li").count() == 150  # listed a page at a time
    loaded.page.screenshot(path=str(artifacts / "timeline-1000-zoomed.png"))
    assert loaded.errors == [] and loaded.requests == []


@pytest.mark.browser
@pytest.mark.slow
def test_the_gap_and_issue_views_of_a_thousand_articles_open(open_page, synthetic_1k, artifacts):
    """The other standard views the 1,000-article build wrote: the gap page charts every row of the query (a
    figure per issue and guild), and an issue view opens with its chart; no error, no request."""
    from graph.store import open_store
    from graph.views import gap_rows

    views_dir = synthetic_1k / "exports" / "views"
    with open_store(synthetic_1k / "store", read_only=True) as store:
        rows = gap_rows(store)
    assert rows
    gap = open_page(views_dir / "gap.html", ready=False)
    assert gap.eval("() => JSON.parse(document.getElementById('gg-data').textContent).rows.length") == len(rows)
    assert gap.page.locator("figure[data-guild]").count() == len({(r["issue"], r["guild"]) for r in rows})
    gap.page.screenshot(path=str(artifacts / "gap-1000.png"))  # its first screen: the page is long
    issue_pages = sorted(views_dir.glob("issue-*.html"))
    assert issue_pages
    issue = open_page(issue_pages[0])
    assert issue.eval("() => window.guildgraph.nodesView.length") > 0
    issue.page.screenshot(path=str(artifacts / f"{issue_pages[0].stem}-1000.png"))
    assert gap.errors == issue.errors == [] and gap.requests == issue.requests == []
