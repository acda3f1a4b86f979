"""A large view: the nodes ranked and sized, communities laid out apart level by level, labels that never overlap."""
from __future__ import annotations

import math

import networkx as nx

from .labels import node_box, wrap
from .layout import community_centres, community_layout, flow_layout, rounded
from .ranking import CORE, Plan, levels, plan, undirected
from .styles import COMMUNITY_COLOURS, NODE_STYLES, PLURALS, type_order

#: Space kept between two boxes (a node and its label), in pixels at scale 1.
GAP = 8.0
#: Font size and radius of the nodes (at scale 1): the least central, plus what the most central adds.
FONT, FONT_GROWTH = 12.0, 10.0
RADIUS, RADIUS_GROWTH = 6.0, 14.0
#: The canvas a view is usually seen in (a 1400 x 900 window less the side panels and toolbar), the font size in
#: pixels the median label should have there, and the smaller first levels tried until it does.
SCREEN, LEGIBLE, FEWER = (880.0, 740.0), 10.5, (32, 25, 20)
#: Space between a level's network and the rows of nodes without relations below it.
ISOLATED_GAP = 60.0
#: Square shapes are drawn `size` from the centre on each side: their corners reach this much further out.
_CORNER = math.sqrt(2)


def _style(vg: nx.Graph, p: Plan) -> dict[str, dict]:
    """Per node: its label in lines, font size, radius and box (offsets left, top, right, bottom)."""
    out = {}
    for v in vg:
        s = math.sqrt(p.score.get(v, 0.0))
        font = rounded(FONT + FONT_GROWTH * s)
        radius = rounded(RADIUS + RADIUS_GROWTH * s)
        label = wrap(str(vg.nodes[v].get("label", v)))
        reach = radius * (_CORNER if NODE_STYLES.get(vg.nodes[v].get("type"), ("", ""))[1] == "square" else 1.0)
        out[v] = {"label": label, "font": font, "size": radius, "box": node_box(label, font, reach)}
    return out


def _legible(pos: dict, boxes: dict, style: dict) -> bool:
    """Whether, fitted to a SCREEN-sized canvas, the median label of a layout reads (LEGIBLE pixels or more)."""
    if not pos:
        return True
    x0, y0, x1, y1 = _extent(pos, boxes)
    scale = min(SCREEN[0] / max(x1 - x0, 1.0), SCREEN[1] / max(y1 - y0, 1.0), 1.0)
    fonts = sorted(style[v]["font"] for v in pos)
    return fonts[len(fonts) // 2] * scale >= LEGIBLE


def _extent(pos: dict, boxes: dict) -> list[float]:
    if not pos:
        return [0.0, 0.0, 0.0, 0.0]
    return [rounded(min(pos[v][0] + boxes[v][0] for v in pos)), rounded(min(pos[v][1] + boxes[v][1] for v in pos)),
            rounded(max(pos[v][0] + boxes[v][2] for v in pos)), rounded(max(pos[v][1] + boxes[v][3] for v in pos))]


def scale_view(vg: nx.Graph, focus: str | None = None, core: int = CORE) -> tuple[dict, dict[str, dict], dict]:
    """(positions of the first level, per-node attributes, the page's `scale` data) of a large view graph.

    The page opens on `levels[0]` nodes (the most central), "show more" steps to the next level; each level has
    its own layout (communities as disks, each laid out alone, boxes placed apart, the most central first).
    Nodes without relations sit in rows below, hidden until asked for."""
    p = plan(vg, focus, core)
    und = undirected(vg)
    style = _style(vg, p)
    boxes = {v: style[v]["box"] for v in vg}
    centres = community_centres(und, p.communities)


    def layout(n: int) -> dict:
        members = set(p.order[:n])
        return community_layout(und, [[v for v in c if v in members] for c in p.communities], centres, boxes, GAP)

    # the first level: as many of the most central nodes as the screen shows with their labels legible
    first = layout(p.levels[0])
    for fewer in (n for n in FEWER if n < p.levels[0]):
        if _legible(first, boxes, style):
            break
        p.levels = levels(fewer, len(p.order))
        first = layout(fewer)
    steps = []
    for n in p.levels:
        pos = first if n == p.levels[0] else layout(n)
        steps.append({"n": n, "box": _extent(pos, boxes), "xy": [rounded(c) for v in p.order[:n] for c in pos[v]]})
    isolated = sorted(p.isolated, key=lambda v: (type_order(vg.nodes[v].get("type") or "Actor"),
                                                 str(vg.nodes[v].get("label", v)).lower(), v))
    area = sum((boxes[v][2] - boxes[v][0] + GAP) * (boxes[v][3] - boxes[v][1] + GAP) for v in isolated)
    width = max(steps[0]["box"][2] - steps[0]["box"][0] if p.order else 0.0, math.sqrt(area * 2.5), 600.0)
    rows = flow_layout(isolated, boxes, width, GAP)
    counts: dict[str, int] = {}
    for v in isolated:
        t = vg.nodes[v].get("type") or "Actor"
        counts[t] = counts.get(t, 0) + 1
    attrs = {v: {"label": style[v]["label"], "font": style[v]["font"], "size": style[v]["size"],
                 "box": [rounded(b) for b in style[v]["box"]]} for v in vg}
    for i, v in enumerate(p.order):
        attrs[v].update(rank=i, comm=p.community[v])
    for v in isolated:
        attrs[v]["iso"] = [rounded(c) for c in rows[v]]
    # a community is named after its member with most relations
    rank = p.rank
    names = [min(c, key=lambda v: (-p.score.get(v, 0.0), rank[v])) for c in p.communities]
    communities = [[str(vg.nodes[n].get("label", n)), COMMUNITY_COLOURS[i % len(COMMUNITY_COLOURS)], len(c)]
                   for i, (n, c) in enumerate(zip(names, p.communities))]
    data = {"levels": steps, "order": p.order, "communities": communities,
            "isolated": [[NODE_STYLES.get(t, NODE_STYLES["Actor"])[0].lower(), PLURALS.get(t, t), counts[t]]
                         for t in sorted(counts, key=type_order)],
            "isolatedBox": _extent(rows, boxes), "isolatedGap": ISOLATED_GAP}
    return first, attrs, data
