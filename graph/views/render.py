"""Rendering: a view's self-contained HTML page from our templates (graph/views/templates/*), and the files.

Each view is a pyvis `Network` (nodes, edges and vis options) plus the page data pyvis has no place for: legend
and filters, the facts each node or edge stands for and their evidence sentences with their article. `to_html`
renders it with our own template, not pyvis's:

- offline: vis-network's JS and CSS, shipped inside pyvis's package, are inlined; nothing is linked; a
  Content-Security-Policy (scripts allowed by hash only, no fetches) backs that up;
- safe: article text is data. It is embedded as JSON with `<`, `>`, `&`, U+2028 and U+2029 escaped, and the
  page's script shows it through `textContent` only (no vis `title`, whose HTML mode uses innerHTML);
- deterministic: everything is sorted, floats rounded, and large graphs (more than `LARGE_GRAPH` nodes) are
  laid out with seeded layouts, physics off; small ones use vis physics with a fixed seed.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import json
import re
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pyvis
from jinja2 import Environment
from markupsafe import Markup

from ..network import to_networkx
from ..query.resolve import resolve_issue
from .chart import GapView, gap_figures, gap_view
from .data import StoreData
from .graphs import focus, issue, issues_present, network_view, overview
from .index import describe, index_html, write_index
from .timeline import TimelineView, timeline
from .vis import ViewNetwork

if TYPE_CHECKING:
    from ..store import Store

_TEMPLATES = "templates"


def _template_text(name: str) -> str:
    return resources.files(__package__).joinpath(_TEMPLATES, name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=1)
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS from pyvis's package; the source-map comment goes (nothing to fetch)."""
    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    js = re.sub(r"//# sourceMappingURL=\S*", "", js)
    css = re.sub(r"/\*# sourceMappingURL=.*?\*/", "", css)
    for text in (js, css):
        if re.search(r"</(script|style)", text, re.I):  # pragma: no cover - a broken pyvis upgrade
            raise RuntimeError("the vis-network assets would close their own tag")
    return js, css


@functools.lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(autoescape=True, keep_trailing_newline=True)


def script_json(value) -> str:
    """JSON safe inside a <script> element: `<`, `>`, `&`, U+2028 and U+2029 escaped, keys sorted."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _split(items: list[dict]) -> tuple[list[dict], dict]:
    """vis items (with their `gg_type` / `gg_rel` for the filters) and {id: {tip, facts, search}}."""
    keep = ("gg_type", "gg_rel")
    vis_items, info = [], {}
    for item in items:
        vis, page = {}, {}
        for k, v in item.items():
            if k[:3] == "gg_" and k not in keep:
                page[k[3:]] = v
            else:
                vis[k] = v
        vis_items.append(vis)
        info[item["id"]] = page
    return vis_items, info


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def to_html(net: ViewNetwork) -> str:
    """The self-contained page of a view (no external resource, same network → same bytes)."""
    if isinstance(net, (TimelineView, GapView)):  # pages not drawn by vis-network
        return timeline_html(net) if isinstance(net, TimelineView) else gap_html(net)
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    # vis copies every property of every item into its own option objects: the page-only fields (tooltip,
    # facts, search names) travel beside the items, keyed by id, which at thousands of nodes saves seconds
    node_items, node_info = _split(nodes)
    edge_items, edge_info = _split(edges)
    payload = {"view": net.view, "title": net.title, "subtitle": net.subtitle, "nodes": node_items,
               "edges": edge_items, "nodeInfo": node_info, "edgeInfo": edge_info, "options": json.loads(options),
               **net.page}
    vis_js, vis_css = _vis_assets()
    view_js = _template_text("view.js")
    csp = "; ".join([
        "default-src 'none'",
        f"script-src {_csp_hash(vis_js)} {_csp_hash(view_js)}",
        "style-src 'unsafe-inline'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    template = _environment().from_string(_template_text("view.html"))
    return template.render(title=net.title, subtitle=net.subtitle, view=net.view, csp=csp,
                           description=describe(net.view, net.subtitle),
                           data_json=Markup(script_json(payload)), vis_js=Markup(vis_js), vis_css=Markup(vis_css),
                           view_js=Markup(view_js), view_css=Markup(_template_text("view.css")),
                           has_undated=net.view == "timeline", chart=issue_chart(net))


@functools.lru_cache(maxsize=None)
def vendored(name: str) -> str:
    """A vendored file of graph/views/vendor/ (pinned in vendor.json), its source-map comment gone."""
    text = resources.files(__package__).joinpath("vendor", name).read_text(encoding="utf-8")
    text = re.sub(r"(?://|/\*)# sourceMappingURL=[^\n]*?(?:\*/|$)", "", text, flags=re.M)
    if re.search(r"</(script|style)", text, re.I):  # pragma: no cover - a broken upgrade
        raise RuntimeError(f"{name} would close its own tag")
    return text


def page_html(template: str, page: TimelineView | GapView, scripts: tuple[str, ...], styles: tuple[str, ...],
              **extra) -> str:
    """A page of ours not drawn by vis-network: `page.page` as JSON, `scripts` allowed by hash, `styles` inlined."""
    csp = "; ".join(["default-src 'none'", "script-src " + (" ".join(map(_csp_hash, scripts)) or "'none'"),
                     "style-src 'unsafe-inline'", "img-src data:", "base-uri 'none'", "form-action 'none'"])
    return _environment().from_string(_template_text(template)).render(
        title=page.title, subtitle=page.subtitle, view=page.view, csp=csp, data_json=Markup(script_json(page.page)),
        description=describe(page.view, page.subtitle),
        scripts=[Markup(s) for s in scripts], styles=[Markup(s) for s in styles], **extra)


def timeline_html(tl: TimelineView) -> str:
    """The timeline page: vis-timeline (vendored; its standalone build injects its own styles) and our script."""
    return page_html("timeline.html", tl, (vendored("vis-timeline-graph2d.min.js"), _template_text("timeline.js")),
                     (_template_text("view.css"), _template_text("timeline.css")))


def gap_html(gap: GapView) -> str:
    """The bargaining-gap page: inline SVG charts beside tables, no script."""
    return page_html("gap.html", gap, (), (_template_text("view.css"), _template_text("gap.css")),
                     figures=gap_figures(gap.page["rows"]))


def issue_chart(net: ViewNetwork) -> Markup:
    """The gap chart an issue view's page data carries (`gap`: the rows of its issue), with its styles."""
    rows = net.page.get("gap")
    if not rows:
        return Markup("")
    return Markup(f'<style>{_template_text("gap.css")}</style><section id="gg-gap" aria-label="Bargaining gap">'
                  '<h2>Bargaining gap: asked, offered, agreed</h2>') + gap_figures(rows, "issue-gap") + \
        Markup("</section>")


def generate(store, *, focus_name: str | None = None, depth: int = 1, issue_notation: str | None = None,
             show_timeline: bool = False) -> tuple[str, str]:
    """(HTML, default file name) of one view: focus, issue, timeline or (default) the overview."""
    data = StoreData(store)
    if focus_name is not None:
        net = focus(store, focus_name, depth, data)
        name = f"focus-{_slug(net.title.split(': ', 1)[-1])}.html"
    elif issue_notation is not None:
        net = issue(store, issue_notation, data)
        name = f"issue-{_slug(data.notations[str(resolve_issue(store, issue_notation))])}.html"
    elif show_timeline:
        net, name = timeline(store, data), "timeline.html"
    else:
        net, name = overview(store, data), "overview.html"
    return to_html(net), name


def render_view(store: Store, *, focus: str | None = None, depth: int = 1, issue: str | None = None,
                timeline: bool = False) -> str:
    """One self-contained HTML page: the neighbourhood of the actor `focus`, the `issue` (a skos:notation), the
    `timeline`, or (default) the overview."""
    return generate(store, focus_name=focus, depth=depth, issue_notation=issue, show_timeline=timeline)[0]


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "view"


def write_html(html: str, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def generate_standard_views(store) -> dict[str, str]:
    """{file name: HTML} of the standard views: index.html (linking the others) first, then overview.html,
    timeline.html and issue-<notation>.html per issue present (focus views are made on demand by
    `guildgraph view --focus`)."""
    data = StoreData(store)
    g = to_networkx(store)
    entries = []
    ov = network_view(g, data, title="Overview",
                      subtitle=f"{g.number_of_nodes()} actors and issues, {g.number_of_edges()} relations")
    entries.append(("overview.html", ov))
    entries.append(("timeline.html", timeline(store, data)))
    entries.append(("gap.html", gap_view(store, data)))
    notations = issues_present(data, g)
    for notation in notations:
        entries.append((f"issue-{_slug(notation)}.html", issue(store, notation, data)))
    pages = {name: to_html(net) for name, net in entries}
    return {"index.html": index_html(pages), **pages}


def write_standard_views(store, out_dir: str | Path) -> list[Path]:
    """The standard views (`generate_standard_views`) written into `out_dir`, whose issue pages of issues no
    longer present go, and its index (listing every page there, focus views too). Returns the paths, index
    first."""
    pages = generate_standard_views(store)
    out_dir = Path(out_dir)
    if out_dir.is_dir():
        for stale in sorted(out_dir.glob("issue-*.html")):
            if stale.name not in pages:
                stale.unlink()
    written = [write_html(html, out_dir / name) for name, html in pages.items() if name != "index.html"]
    return [write_index(out_dir, replace=True), *written]


def write_view(html: str, path: str | Path) -> Path:
    """One view's page written to `path`, and the index of its folder rewritten to list it (`write_index`)."""
    path = write_html(html, path)
    write_index(path.parent)
    return path
