"""Layout of large graphs: a spring layout per component packed in rows, or communities apart, labels kept apart."""
from __future__ import annotations

import math

import networkx as nx
import numpy as np

from .overlap import place_boxes

#: The seed of every layout (and of vis's own).
SEED = 7


def induced(g: nx.Graph, nodes) -> nx.Graph:
    """The subgraph of `nodes` as a graph of its own, nodes and edges in sorted order, each edge from its smaller
    end (networkx's subgraph views iterate a small subgraph in set order, and `edges(nbunch)` gives each edge from
    whichever end the set yields first: both change from run to run with string hashing, and Louvain's communities
    follow the adjacency order)."""
    keep = set(nodes)
    sub = nx.Graph()
    sub.add_nodes_from(sorted(keep))
    sub.add_edges_from(sorted((min(s, o), max(s, o), d) for s, o, d in g.edges(keep, data=True)
                              if s in keep and o in keep))
    return sub


def rounded(v: float) -> float:
    """To 0.1 (a pixel, a size, a roundness), never -0.0: the same graph gives the same bytes."""
    r = round(float(v), 1)
    return 0.0 if r == 0 else r


def layout_positions(g: nx.Graph, *, spring_limit: int = 400) -> dict[str, tuple[float, float]]:
    """Deterministic positions (pixels) for any graph: each connected component is laid out on its own
    (networkx spring_layout, seeded, up to `spring_limit` nodes; a radial breadth-first layout around the
    best connected node beyond: O(n + m)), then components are packed in rows, largest first."""
    und = nx.Graph()
    und.add_nodes_from(sorted(g))
    und.add_edges_from(sorted({(min(s, o), max(s, o)) for s, o in g.edges() if s != o}))
    comps = sorted((sorted(c) for c in nx.connected_components(und)), key=lambda c: (-len(c), c[0]))
    blocks = []
    for comp in comps:
        if len(comp) == 1:
            pos = {comp[0]: (0.0, 0.0)}
        elif len(comp) <= spring_limit:
            sub = nx.Graph()
            sub.add_nodes_from(comp)
            sub.add_edges_from(sorted(und.subgraph(comp).edges()))
            scale = 45.0 * math.sqrt(len(comp))
            pos = {v: (float(x), float(y)) for v, (x, y) in
                   nx.spring_layout(sub, seed=SEED, scale=scale, iterations=60).items()}
        else:
            pos = _radial_layout(und, comp)
        xs = [p[0] for p in pos.values()]
        ys = [p[1] for p in pos.values()]
        blocks.append((pos, min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
    gap = 120.0
    total = sum((w + gap) * (h + gap) for _, _, _, w, h in blocks)
    row_width = max(math.sqrt(total) * 1.3, max((w for _, _, _, w, _ in blocks), default=0.0))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for pos, x0, y0, w, h in blocks:
        if x > 0 and x + w > row_width:
            x, y, row_h = 0.0, y + row_h + gap, 0.0
        for v, (px, py) in pos.items():
            out[v] = (px - x0 + x, py - y0 + y)
        x += w + gap
        row_h = max(row_h, h)
    return out


def _radial_layout(und: nx.Graph, comp: list[str]) -> dict[str, tuple[float, float]]:
    """Rings of breadth-first levels around the node of highest degree; each ring ordered by its parents'
    angles, so subtrees stay together; ring radii keep neighbours at least `sep` pixels apart."""
    sep, ring = 38.0, 160.0
    root = min(comp, key=lambda v: (-und.degree(v), v))
    angle = {root: 0.0}
    pos = {root: (0.0, 0.0)}
    level, radius, seen = [root], 0.0, {root}
    while level:
        children = []
        for parent in level:
            for child in sorted(und.neighbors(parent)):
                if child not in seen:
                    seen.add(child)
                    children.append((angle[parent], child))
        if not children:
            break
        children.sort()
        radius = max(radius + ring, len(children) * sep / (2 * math.pi))
        for i, (_, child) in enumerate(children):
            a = 2 * math.pi * (i + 0.5) / len(children)
            angle[child] = a
            pos[child] = (radius * math.cos(a), radius * math.sin(a))
        level = [c for _, c in children]
    return pos


# -- communities apart: a layout of the communities, then of each community, labels never overlapping -----------
#: Share of a community's disk its nodes' boxes cover (lower: airier).
DENSITY = 0.6
#: Width over height of the canvas a view is usually seen in (1400 x 900 less the side panels).
ASPECT = 1.2
#: Times a layout is drawn together and its boxes placed apart again.
COMPACTION = 4
#: Communities above this many nodes get a radial layout (networkx's spring layout needs SciPy beyond 500).
SPRING_LIMIT = 450


def community_centres(und: nx.Graph, communities: list[list[str]]) -> list[tuple[float, float]]:
    """A seeded spring layout of the communities (joined by the relations between their members), in a unit
    disk; beyond the 300 largest, the rest follow on a spiral outside it."""
    of = {v: i for i, c in enumerate(communities) for v in c}
    cg = nx.Graph()
    k = min(len(communities), 300)
    cg.add_nodes_from(range(k))
    for s, o, w in und.edges(data="weight", default=1):
        a, b = of.get(s), of.get(o)
        if a is None or b is None or a == b or a >= k or b >= k:
            continue
        cg.add_edge(min(a, b), max(a, b), weight=cg.get_edge_data(min(a, b), max(a, b), {"weight": 0})["weight"] + w)
    if k == 1:
        pos = {0: (0.0, 0.0)}
    elif k:
        pos = {i: (float(x), float(y)) for i, (x, y) in nx.spring_layout(cg, seed=SEED, weight="weight",
                                                                          iterations=100).items()}
    else:
        pos = {}
    out = [pos[i] for i in range(k)]
    golden = math.pi * (3 - math.sqrt(5))
    for i in range(k, len(communities)):
        r = 1.2 + 0.02 * (i - k)
        out.append((r * math.cos(golden * i), r * math.sin(golden * i)))
    return out


def _unit_layout(und: nx.Graph, members: list[str]) -> dict[str, tuple[float, float]]:
    """One community alone: a seeded spring layout (radial beyond SPRING_LIMIT nodes), centred on (0, 0), its
    farthest node at distance 1."""
    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    if len(members) <= SPRING_LIMIT:
        raw = {v: (float(x), float(y)) for v, (x, y) in
               nx.spring_layout(induced(und, members), seed=SEED, weight="weight", iterations=50).items()}
    else:
        raw = _radial_layout(induced(und, members), sorted(members))
    cx = sum(raw[v][0] for v in members) / len(members)
    cy = sum(raw[v][1] for v in members) / len(members)
    far = max(math.hypot(x - cx, y - cy) for x, y in raw.values()) or 1.0
    return {v: ((raw[v][0] - cx) / far, (raw[v][1] - cy) / far) for v in members}


def _compact(seeds: np.ndarray, boxes: np.ndarray, gap: float, step: float = 6.0) -> np.ndarray:
    """Boxes placed apart (`place_boxes`), then drawn towards their centre and placed again, a few times: the
    arrangement stays, the holes close; drawn together more from above and below than from the sides, the
    layout tends to the screen's ASPECT (width over height)."""
    pos = place_boxes(seeds, boxes, gap, step)
    for _ in range(COMPACTION):
        centre = pos.mean(axis=0)
        w = float((pos[:, 0] + boxes[:, 2]).max() - (pos[:, 0] + boxes[:, 0]).min())
        h = float((pos[:, 1] + boxes[:, 3]).max() - (pos[:, 1] + boxes[:, 1]).min())
        wide = w / max(h, 1.0) > ASPECT
        pull = np.array([0.75, 0.85] if wide else [0.85, 0.75])
        pos = place_boxes(centre + (pos - centre) * pull, boxes, gap, step)
    return pos


def community_layout(und: nx.Graph, communities: list[list[str]], centres: list[tuple[float, float]],
                     boxes: dict, gap: float = 8.0) -> dict[str, tuple[float, float]]:
    """Positions of the members of `communities` (lists, the most central first; empty ones skipped): each
    community laid out alone (scaled to the area its boxes need, DENSITY, then every box placed where no other is,
    the most central first), then the communities' bounding boxes placed around their `centres` the same way,
    the largest first: no two boxes of nodes overlap, nor do two communities."""
    kept, locals_, extents = [], [], []
    for i, members in enumerate(communities):
        if not members:
            continue
        area = sum((boxes[v][2] - boxes[v][0] + gap) * (boxes[v][3] - boxes[v][1] + gap) for v in members)
        r = math.sqrt(area / (math.pi * DENSITY))
        unit = _unit_layout(und, members)
        b = np.array([boxes[v] for v in members], dtype=float)
        pos = _compact(np.array([(unit[v][0] * r, unit[v][1] * r) for v in members]), b, gap)
        x0, y0 = float((pos[:, 0] + b[:, 0]).min()), float((pos[:, 1] + b[:, 1]).min())
        x1, y1 = float((pos[:, 0] + b[:, 2]).max()), float((pos[:, 1] + b[:, 3]).max())
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        kept.append(i)
        locals_.append({v: (float(x) - cx, float(y) - cy) for v, (x, y) in zip(members, pos)})
        extents.append((x0 - cx, y0 - cy, x1 - cx, y1 - cy))
    if not kept:
        return {}
    ext = np.array(extents)
    spread = math.sqrt(float(((ext[:, 2] - ext[:, 0]) * (ext[:, 3] - ext[:, 1])).sum())) / 8
    order = sorted(range(len(kept)), key=lambda k: -(ext[k, 2] - ext[k, 0]) * (ext[k, 3] - ext[k, 1]))
    seeds = np.array([centres[kept[k]] for k in order], dtype=float) * spread
    placed = _compact(seeds, ext[order], gap * 4, step=gap * 2)
    out = {}
    for (cx, cy), k in zip(placed, order):
        for v, (x, y) in locals_[k].items():
            out[v] = (float(cx + x), float(cy + y))
    return out


def flow_layout(nodes: list[str], boxes: dict, width: float, gap: float = 10.0) -> dict[str, tuple[float, float]]:
    """Nodes in rows like words in lines, `width` wide, from (0, 0) down: no two boxes overlap."""
    out = {}
    x = y = row = 0.0
    for v in nodes:
        left, top, right, bottom = boxes[v]
        w, h = right - left + gap, bottom - top + gap
        if x > 0 and x + w > width:
            x, y, row = 0.0, y + row, 0.0
        out[v] = (x - left + gap / 2, y - top + gap / 2)
        x += w
        row = max(row, h)
    return out
