"""The part of a large network that matters: PageRank within the largest components, seeded Louvain communities,
and the levels that "show more" steps through."""
from __future__ import annotations

import heapq
from dataclasses import dataclass, field

import networkx as nx

from .layout import SEED, induced

#: A view graph above this many nodes opens on its most central part (below, everything is shown).
SCALE_AT = 150
#: Nodes the overview opens with; each "show more" doubles them.
CORE = 40
#: Components of at least this many nodes (or the largest, if smaller) come first in the ranking.
MAJOR_COMPONENT = 10


@dataclass
class Plan:
    """What a large view shows first and how it grows."""

    order: list[str]  # nodes with relations, most central first
    isolated: list[str]  # nodes without relations
    score: dict[str, float]  # weighted degree (the articles of its relations) over its maximum: (0, 1]
    community: dict[str, int]  # node -> community index
    communities: list[list[str]]  # the members of each, most central first; the largest community first
    levels: list[int] = field(default_factory=list)  # how many of `order` each level shows

    @property
    def rank(self) -> dict[str, int]:
        return {v: i for i, v in enumerate(self.order)}


def undirected(vg: nx.Graph) -> nx.Graph:
    """The simple undirected graph of a view graph: `weight` adds up the weights of the relations between two nodes
    (each edge's `weight`, 1 if it has none; loops go)."""
    und = nx.Graph()
    und.add_nodes_from(sorted(vg))
    for s, o, w in sorted((min(s, o), max(s, o), w) for s, o, w in vg.edges(data="weight", default=1) if s != o):
        if und.has_edge(s, o):
            und[s][o]["weight"] += w
        else:
            und.add_edge(s, o, weight=w)
    return und


def pagerank(und: nx.Graph, alpha: float = 0.85, rounds: int = 100, tol: float = 1e-10) -> dict[str, float]:
    """Weighted PageRank by power iteration, in sorted node order (networkx's needs SciPy)."""
    nodes = sorted(und)
    if not nodes:
        return {}
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    out_weight = [0.0] * n
    links: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    for s, o, w in sorted(und.edges(data="weight", default=1)):
        i, j = index[s], index[o]
        links[i].append((j, float(w)))
        links[j].append((i, float(w)))
        out_weight[i] += w
        out_weight[j] += w
    rank = [1.0 / n] * n
    for _ in range(rounds):
        dangling = sum(rank[i] for i in range(n) if not out_weight[i])
        new = [(1 - alpha) / n + alpha * dangling / n] * n
        for i in range(n):
            if out_weight[i]:
                share = alpha * rank[i] / out_weight[i]
                for j, w in links[i]:
                    new[j] += share * w
        delta = sum(abs(a - b) for a, b in zip(new, rank))
        rank = new
        if delta < tol * n:
            break
    return {v: round(rank[index[v]], 12) for v in nodes}


def levels(first: int, total: int) -> list[int]:
    """`first` nodes, then twice as many, ... up to `total`."""
    out = []
    n = max(1, min(first, total))
    while n < total:
        out.append(n)
        n *= 2
    return out + [total]


def _grow(g: nx.Graph, key) -> list[str]:
    """The nodes in the order a core grows: from the best node (least `key`), always the best node next to those
    taken, so every node but a component's first is related to one before it; then the next component's best."""
    order, taken = [], set()
    starts = sorted(g, key=key)
    frontier: list = []
    for start in starts:
        if start in taken:
            continue
        heapq.heappush(frontier, (key(start), start))
        while frontier:
            _, v = heapq.heappop(frontier)
            if v in taken:
                continue
            taken.add(v)
            order.append(v)
            for w in g.neighbors(v):
                if w not in taken:
                    heapq.heappush(frontier, (key(w), w))
    return order


def plan(vg: nx.Graph, focus: str | None = None, core: int = CORE) -> Plan:
    """Rank the nodes with relations: the focus (else the node whose relations the most articles state) first, then
    always the most related node (weighted degree: articles per relation, then PageRank) next to those ranked,
    major components before the others; find their communities; and the levels: `core` nodes, then twice as
    many, ... up to all."""
    und = undirected(vg)
    isolated = [v for v in und if und.degree(v) == 0 and v != focus]
    connected = induced(und, set(und) - set(isolated))
    pr = pagerank(connected)
    strength = dict(connected.degree(weight="weight"))
    top = max(strength.values(), default=1) or 1
    score = {v: strength[v] / top for v in strength}
    comps = sorted((sorted(c) for c in nx.connected_components(connected)), key=lambda c: (-len(c), c[0]))
    major_size = min(MAJOR_COMPONENT, len(comps[0])) if comps else 0
    major = {v for c in comps if len(c) >= major_size for v in c}
    order = _grow(connected, lambda v: (v != focus, v not in major, -strength[v], -pr[v], v))
    rank = {v: i for i, v in enumerate(order)}
    communities = []
    for comp in comps:
        sub = induced(connected, comp)
        parts = nx.community.louvain_communities(sub, weight="weight", seed=SEED) if len(comp) > 2 else [comp]
        communities += [sorted(p, key=rank.__getitem__) for p in parts]
    communities.sort(key=lambda c: (-len(c), rank[c[0]]))
    community = {v: i for i, c in enumerate(communities) for v in c}
    return Plan(order, isolated, score, community, communities, levels(core, len(order)))
