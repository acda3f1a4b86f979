"""The pyvis network of a view graph: vis options, node and edge styles, parallel edges, the legend's counts."""
from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from .layout import SEED, layout_positions, rounded
from .page import Page
from .ranking import CORE, SCALE_AT
from .scaled import ISOLATED_GAP, scale_view
from .styles import NODE_STYLES, RELATION_STYLES, relation_order, type_order

#: Above this many nodes the layout is computed in Python and physics is off.
LARGE_GRAPH = 300
#: A ranked view with more edges than this draws them thin and see-through.
MANY_EDGES = 150


class ViewNetwork(Network):
    """A pyvis `Network` (directed; symmetric edges have no arrow) that also carries `view`, `title`,
    `subtitle` and `page` (legend, evidence, timeline lanes ...). pyvis's own add_node/add_edge scan lists,
    which takes seconds at thousands of nodes; these keep a set."""

    def __init__(self, view: str, title: str, subtitle: str = ""):
        super().__init__(height="100%", width="100%", directed=True, cdn_resources="in_line", heading=title)
        self.view, self.title, self.subtitle = view, title, subtitle
        self.page: dict = {}
        self._ids: set = set()

    def add_node(self, n_id, label=None, shape="dot", color="#97c2fc", **options):
        """As pyvis's (a node of a `group` takes its colour from the group), and `shape=None` leaves the
        shape to the group too."""
        if n_id in self._ids:
            return
        if "group" not in options:
            options["color"] = color
        node = Node(n_id, shape, label=label if label is not None else n_id, **options)
        if shape is None:
            del node.options["shape"]
        self.nodes.append(node.options)
        self.node_ids.append(n_id)
        self.node_map[n_id] = node.options
        self._ids.add(n_id)

    def add_edge(self, source, to, **options):
        for end in (source, to):
            if end not in self._ids:
                raise ValueError(f"edge to an unknown node {end!r}")
        self.edges.append(Edge(source, to, True, **options).options)


def _color(fill: str, border: str) -> dict:
    return {"background": fill, "border": border, "highlight": {"background": fill, "border": "#111111"},
            "hover": {"background": fill, "border": "#111111"}}


def _options(*, large: bool, physics: bool, timeline: bool = False, scaled: bool = False) -> dict:
    font = "DejaVu Sans, Liberation Sans, Arial, sans-serif"
    options = {
        "autoResize": True,
        "nodes": {"borderWidth": 1.5, "borderWidthSelected": 3,
                  "font": {"face": font, "size": 12 if large else 16, "color": "#222222", "strokeWidth": 3,
                           "strokeColor": "#ffffff"},
                  # wrapping measures a label word by word: too slow for thousands of nodes
                  "widthConstraint": False if large else {"maximum": 170}},
        "edges": {"width": 1.5, "selectionWidth": 2,
                  "font": {"face": font, "size": 10 if large else 11, "color": "#444444", "strokeWidth": 3,
                           "strokeColor": "#ffffff", "align": "middle"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
                  "smooth": False if large or timeline else {"enabled": True, "type": "continuous",
                                                              "roundness": 0.3}},
        "interaction": {"hover": True, "tooltipDelay": 100, "hideEdgesOnDrag": large, "multiselect": False,
                        "navigationButtons": False, "keyboard": False, "dragNodes": not timeline},
        "layout": {"randomSeed": SEED, "improvedLayout": not large and not timeline},
    }
    if scaled:  # fonts are set per node (in world units), labels wrapped in Python; one too small to read is not drawn
        options["nodes"]["scaling"] = {"label": {"drawThreshold": 10, "maxVisible": 26}}
        options["nodes"]["widthConstraint"] = False
        options["edges"]["font"]["size"] = 12
        options["edges"]["smooth"] = False
    if physics:
        options["physics"] = {"enabled": True, "solver": "forceAtlas2Based",
                              "forceAtlas2Based": {"gravitationalConstant": -170, "centralGravity": 0.022,
                                                   "springLength": 160, "springConstant": 0.05, "damping": 0.5,
                                                   "avoidOverlap": 0.8},
                              "stabilization": {"enabled": True, "iterations": 600, "updateInterval": 50,
                                                "fit": True}}
    else:
        options["physics"] = {"enabled": False}
    return options


def _later_position(at: dict, scaled: dict) -> tuple[float, float]:
    """Where a node not in the first level starts: its place at the last level, or in the rows of nodes without
    relations below the first level (the page moves nodes as levels change)."""
    if "rank" in at:
        last = scaled["levels"][-1]
        return last["xy"][2 * at["rank"]], last["xy"][2 * at["rank"] + 1]
    box, iso = scaled["levels"][0]["box"], at["iso"]
    return rounded(box[0] + iso[0]), rounded(box[3] + ISOLATED_GAP + iso[1])


def build_network(vg: nx.MultiDiGraph, *, view: str, title: str, subtitle: str = "", page: Page | None = None,
                  positions: dict | None = None, focus: str | None = None, timeline: bool = False,
                  ranked: bool = False) -> ViewNetwork:
    """The pyvis network of a view graph. Nodes carry `label`, `type` and optionally `tip` ([name, value]
    rows), `facts`, `search` (names), `size`, `x`/`y`, `fixed`, `font`; edges `relation`, `label`, `tip`,
    `facts`, `symmetric`, `width`, `weight`, `months` (the period filter dates the edge by these months, else by
    its evidence articles). A `ranked` view (overview, focus) is laid out here (scaled.py: the most central
    nodes first, communities apart, no label over another node); without positions, other graphs above
    LARGE_GRAPH nodes are laid out here too, smaller ones by vis physics."""
    n = vg.number_of_nodes()
    large = n > LARGE_GRAPH
    scaled, attrs = None, {}
    if ranked and positions is None and not timeline:  # laid out here: communities apart, labels apart
        positions, attrs, scaled = scale_view(vg, focus, core=CORE if n > SCALE_AT else n)
        scaled["showIsolated"] = n <= SCALE_AT
    elif positions is None and large:
        positions = layout_positions(vg)
    physics = positions is None and n > 0  # (an empty network never reports stabilising)
    net = ViewNetwork(view, title, subtitle)
    net.options = _options(large=large, physics=physics, timeline=timeline, scaled=scaled is not None)
    linked = {x for s, o in vg.edges() if s != o for x in (s, o)}
    months: dict[str, set[str]] = {}  # node or edge id -> months of its evidence (nodes: those without relations)
    centrality = nx.degree_centrality(vg) if n > 1 else {v: 1.0 for v in vg}
    top = max(centrality.values(), default=0.0) or 1.0
    types: dict[str, int] = defaultdict(int)
    for v in sorted(vg):
        a = vg.nodes[v]
        typ = a.get("type") or "Actor"
        types[typ] += 1
        name, shape, fill, border = NODE_STYLES.get(typ, NODE_STYLES["Actor"])
        size = a.get("size") or 10 + 22 * math.sqrt(centrality[v] / top)
        # shape and colour come from the node's group (its class): vis parses per-node options item by item
        opts = {"size": rounded(size), "group": typ, "gg_type": typ,
                "gg_tip": a.get("tip") or [["", a.get("label", v)], ["Type", name]],
                "gg_facts": a.get("facts", []), "gg_search": a.get("search") or [a.get("label", v)]}
        if a.get("font"):
            opts["font"] = a["font"]
        if positions is not None and v in positions:
            opts["x"], opts["y"] = (rounded(c) for c in positions[v])
        if v not in linked and page is not None:
            months[v] = page.months(a.get("facts", []))
        label = a.get("label", v)
        if v in attrs:
            at = attrs[v]
            label, opts["size"], opts["font"], opts["gg_box"] = at["label"], at["size"], {"size": at["font"]}, at["box"]
            if "rank" in at:
                opts["gg_rank"], opts["gg_comm"] = at["rank"], at["comm"]
            else:
                opts["gg_iso"] = at["iso"]
            if "x" not in opts:  # shown at a later level, or among the nodes without relations: placed then
                opts["x"], opts["y"] = _later_position(at, scaled)
        if a.get("fixed") or (positions is not None and timeline):
            opts["fixed"] = {"x": True, "y": True}
        if v == focus:
            opts["borderWidth"] = 5
            if v not in attrs:  # (a large view's boxes are measured: its focus keeps its size)
                opts["size"] = rounded(size * 1.25)
            opts["color"] = _color(fill, "#111111")
        net.add_node(v, label=label, shape=a.get("shape"), **opts)
    relations: dict[str, int] = defaultdict(int)
    parallel: dict[tuple, int] = defaultdict(int)
    edges = sorted(vg.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for i, (s, o, key, a) in enumerate(edges):
        rel = a.get("relation") or str(key)
        relations[rel] += 1
        label, color, dashed = RELATION_STYLES.get(rel, (rel, "#888888", False))
        opts = {"id": f"e{i}", "label": a.get("label", label), "color": color, "gg_rel": rel,
                "gg_tip": a.get("tip") or [["", label]], "gg_facts": a.get("facts", [])}
        if scaled is not None and len(edges) > MANY_EDGES:  # thin and see-through: the nodes and labels read
            opts["color"] = {"color": color, "highlight": color, "hover": color, "opacity": 0.45}
            opts["width"] = 1
        if dashed:
            opts["dashes"] = True
        if a.get("symmetric"):
            opts["arrows"] = {"to": {"enabled": False}}
        if a.get("width"):
            opts["width"] = a["width"]
        if a.get("months") is not None:
            months[opts["id"]] = set(a["months"])
        elif page is not None:
            months[opts["id"]] = page.months(a.get("facts", []))
        if a.get("hidden_label") or (timeline and large):  # by colour and tooltip (labels cost seconds)
            del opts["label"]
        elif not timeline:  # the page labels edges when few are shown, else on hover, at a size that reads
            opts["gg_label"] = opts.pop("label")
        pair = (min(s, o), max(s, o))
        k = parallel[pair]
        parallel[pair] += 1
        if k and s != o:  # parallel edges curve apart so each stays visible and clickable
            opts["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW",
                              "roundness": rounded(0.25 * ((k + 1) // 2))}
        net.add_edge(s, o, **opts)
    groups = {}
    for t in sorted(types):
        _, shape, fill, border = NODE_STYLES.get(t, NODE_STYLES["Actor"])
        groups[t] = {"shape": shape, "color": _color(fill, border)}
        if shape == "box":
            groups[t].update(font={"size": 12}, margin=6)
    net.options["groups"] = {"useDefaultGroups": False, **groups}
    # the date filter: months (YYYY-MM) in order, and for each edge (and node without relations) the indices of
    # the months its evidence articles are dated
    calendar = sorted(set().union(*months.values())) if months else []
    index = {m: i for i, m in enumerate(calendar)}
    for item in net.nodes + net.edges:
        when = months.get(item["id"])
        if when:
            item["gg_when"] = sorted(index[m] for m in when)
    net.page = {
        "nodeTypes": [[t, NODE_STYLES.get(t, NODE_STYLES["Actor"])[0], types[t],
                       NODE_STYLES.get(t, NODE_STYLES["Actor"])[1], NODE_STYLES.get(t, NODE_STYLES["Actor"])[2]]
                      for t in sorted(types, key=type_order)],
        "relations": [[r, RELATION_STYLES.get(r, (r,))[0], relations[r],
                       RELATION_STYLES.get(r, (r, "#888888"))[1], RELATION_STYLES.get(r, (r, "", False))[2]]
                      for r in sorted(relations, key=relation_order)],
        "focus": focus,
        "large": large,
        "months": calendar,
        "scale": scaled,
        **(page.as_json() if page else {"facts": [], "evidence": [], "docs": [], "names": []}),
    }
    return net
