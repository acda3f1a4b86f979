"""Layout of large graphs: a seeded spring layout per component, radial rings for big ones, packed in rows."""
from __future__ import annotations

import math

import networkx as nx

#: The seed of every layout (and of vis's own).
SEED = 7


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
