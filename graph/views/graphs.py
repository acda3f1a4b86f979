"""The overview, focus and issue views: view graphs of actors, issues and events, with tooltips and evidence."""
from __future__ import annotations

import networkx as nx

from ..errors import NotFound
from ..network import EDGE_RELATIONS, to_networkx
from ..query.resolve import resolve_actor, resolve_issue
from ..vocab import ACTOR_CLASSES, EVENT_CLASSES
from .chart import issue_gap_rows
from .data import ROLE_LABELS, Event, StoreData
from .page import Page
from .styles import NODE_STYLES, RELATION_STYLES
from .vis import ViewNetwork, build_network


def actor_graph(g: nx.MultiDiGraph, data: StoreData | None = None, page: Page | None = None) -> nx.MultiDiGraph:
    """The overview's view graph: `to_networkx`'s nodes and edges, with tooltips and evidence facts."""
    vg = nx.MultiDiGraph()
    for v in sorted(g):
        a = g.nodes[v]
        typ = a.get("type") or "Actor"
        aliases = [x for x in str(a.get("aliases") or "").split("|") if x]
        facts = []
        if data is not None and page is not None:
            facts = page.issue_facts(v) if typ == "Issue" else page.actor_facts(v)
        evidence = page.count(facts) if page is not None and data is not None else None
        tip = [["", a.get("label", v)], ["Type", NODE_STYLES.get(typ, NODE_STYLES["Actor"])[0]],
               ["Also known as", ", ".join(aliases) if aliases else "—"],
               ["Evidence", f"{evidence} sentence{'s' * (evidence != 1)}" if evidence is not None else "—"]]
        if a.get("articles") is not None:
            tip.append(["Articles", str(a.get("articles"))])
        vg.add_node(v, label=a.get("label", v), type=typ, tip=tip, facts=facts, search=[a.get("label", v)] + aliases)
    for s, o, key, a in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2]))):
        rel = a.get("relation") or str(key)
        role = str(a.get("role") or "")
        label = RELATION_STYLES.get(rel, (rel,))[0]
        facts = []
        if data is not None and page is not None:
            if rel == "concernsIssue":
                facts = [page.event_fact(ev) for ev in data.events_of.get(s, []) if _concerns(ev, o)]
            else:
                facts = [page.relation_fact(s, rel, o, role)]
                if a.get("symmetric", EDGE_RELATIONS.get(rel, False)) and (o, rel, s, role) in data.relations:
                    facts.append(page.relation_fact(o, rel, s, role))  # stated either way round: one edge
        evidence = page.count(facts) if page is not None and data is not None else int(a.get("evidence") or 0)
        tip = [["", f"{g.nodes[s].get('label', s)} → {g.nodes[o].get('label', o)}"],
               ["Relation", label + (f" ({role})" if role else "")],
               ["Evidence", f"{evidence} sentence{'s' * (evidence != 1)}"]]
        vg.add_edge(s, o, key=key, relation=rel, label=role or label, tip=tip, facts=facts,
                    symmetric=bool(a.get("symmetric", EDGE_RELATIONS.get(rel, False))),
                    weight=max(1, int(a.get("articles") or 0)))  # how much it matters: the articles that say it
    return vg


def network_view(g: nx.MultiDiGraph, data: StoreData | None = None, *, view: str = "overview",
                 title: str = "Overview", subtitle: str = "", focus: str | None = None) -> ViewNetwork:
    """A pyvis network of a `to_networkx`-shaped graph (any size; `data` adds the evidence)."""
    page = Page(data) if data is not None else None
    vg = actor_graph(g, data, page)
    return build_network(vg, view=view, title=title, subtitle=subtitle, page=page, focus=focus, ranked=True)


def overview(store, data: StoreData | None = None) -> ViewNetwork:
    """Every actor and issue, relations as edges, sized by degree centrality."""
    g = to_networkx(store)
    return network_view(g, data or StoreData(store), title="Overview",
                        subtitle=f"{g.number_of_nodes()} actors and issues, {g.number_of_edges()} relations")


def focus(store, name: str, depth: int = 1, data: StoreData | None = None) -> ViewNetwork:
    """The neighbourhood of one actor (by label or alias) up to `depth` hops, directions ignored."""
    data = data or StoreData(store)
    g = to_networkx(store)
    actor = str(resolve_actor(store, name, prefer=set(g)))
    if actor not in g:
        raise NotFound(f"{data.label(actor)} is known but no article mentions it, so it has no network")
    sub = nx.ego_graph(g, actor, radius=depth, undirected=True)
    label = g.nodes[actor].get("label", actor)
    return network_view(sub, data, view="focus", title=f"Focus: {label}", focus=actor,
                        subtitle=f"{sub.number_of_nodes() - 1} neighbours within {depth} hop{'s' * (depth != 1)}")


def issue_graph(data: StoreData, issue: str, page: Page) -> nx.MultiDiGraph:
    """The issue, the events that concern it (or whose terms do), who took part in which role, and the
    events' terms about the issue (percent, contract year)."""
    vg = nx.MultiDiGraph()
    facts = page.issue_facts(issue)
    vg.add_node(issue, label=data.label(issue), type="Issue", facts=facts, size=34,
                search=[data.label(issue), data.notations.get(issue, "")] + data.aliases.get(issue, []),
                tip=[["", data.label(issue)], ["Type", "Bargaining issue"],
                     ["Notation", data.notations.get(issue, "")],
                     ["Also known as", ", ".join(data.aliases.get(issue, [])) or "—"],
                     ["Evidence", f"{page.count(facts)} sentences"]])
    for ev in data.events_about.get(issue, []):
        fact = page.event_fact(ev)
        label = NODE_STYLES[ev.type][0] + (f" ({', '.join(sorted(ev.kinds))})" if ev.kinds else "")
        if ev.when:
            label += f"\n{ev.when}"
        tip = [["", NODE_STYLES[ev.type][0]], ["Kind", ", ".join(sorted(ev.kinds)) or "—"],
               ["Date", ev.when or "undated"]]
        tip += data.role_rows(ev)
        for q in sorted(ev.quotes):
            tip.append(["Quote", _clip(q, 240)])
        tip.append(["Evidence", f"{page.count([fact])} sentences"])
        vg.add_node(ev.iri, label=label, type=ev.type, tip=tip, facts=[fact], search=[label.replace("\n", " ")])
        months = event_months(ev)  # the period filter dates an event's edges by the event (else its articles)
        head = label.splitlines()[0]
        vg.add_edge(ev.iri, issue, key="concernsIssue", relation="concernsIssue", label="concerns",
                    tip=[["", "concerns issue"]], facts=[fact], months=months)
        for actor in ev.actors:
            if actor not in vg:
                typ = data.types.get(actor, "Actor")
                afacts = page.actor_facts(actor, issue)
                aliases = data.aliases.get(actor, [])
                vg.add_node(actor, label=data.label(actor), type=typ, facts=afacts,
                            search=[data.label(actor)] + aliases,
                            tip=[["", data.label(actor)], ["Type", NODE_STYLES.get(typ, NODE_STYLES["Actor"])[0]],
                                 ["Also known as", ", ".join(aliases) or "—"],
                                 ["Evidence", f"{page.count(afacts)} sentences"]])
            for role in ev.actor_roles(actor):
                vg.add_edge(ev.iri, actor, key=role, relation=role, label=ROLE_LABELS[role], facts=[fact],
                            months=months, tip=[["", f"{head} → {data.label(actor)}"],
                                                ["Role", ROLE_LABELS[role]]])
        for term in ev.terms:
            if term.issues and issue not in term.issues:
                continue
            tip = [["", "Term"], ["Percent", f"{term.percent}%" if term.percent else "—"],
                   ["Contract year", term.year or "—"],
                   ["Issues", ", ".join(data.label(i) for i in sorted(term.issues)) or "—"],
                   ["Of", label.replace("\n", ", ")]]
            vg.add_node(term.iri, label=term.text, type="Term", tip=tip, facts=[fact], size=12,
                        search=[term.text])
            vg.add_edge(ev.iri, term.iri, key="hasTerm", relation="hasTerm", label="term", facts=[fact],
                        months=months, tip=[["", "has term"], ["Term", term.text]])
    return vg


def issue(store, notation: str, data: StoreData | None = None) -> ViewNetwork:
    """Who proposed, agreed, stated (and struck) what about one issue (by skos:notation)."""
    data = data or StoreData(store)
    iri = str(resolve_issue(store, notation))
    page = Page(data)
    vg = issue_graph(data, iri, page)
    events = sum(1 for _, t in vg.nodes(data="type") if t in EVENT_CLASSES)
    actors = sum(1 for _, t in vg.nodes(data="type") if t in ACTOR_CLASSES or t == "Actor")
    net = build_network(vg, view="issue", title=f"Issue: {data.label(iri)}", page=page,
                        subtitle=f"{events} events, {actors} actors ({data.notations.get(iri, '')})")
    net.page["gap"] = issue_gap_rows(store, iri, data)  # its bargaining-gap chart (chart.py)
    return net


def event_months(ev: Event) -> set[str] | None:
    """The months (YYYY-MM) an event covers, from its date (or start) to its end, at most three years; None if
    undated."""
    if not ev.when:
        return None
    year, month = int(ev.when[:4]), int(ev.when[5:7])
    end = ev.end[:7] if ev.end and ev.end > ev.when else ev.when[:7]
    out = set()
    while f"{year:04d}-{month:02d}" <= end and len(out) < 36:
        out.add(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _concerns(ev: Event, issue: str) -> bool:
    return issue in ev.issues or any(issue in t.issues for t in ev.terms)


def issues_present(data: StoreData, g: nx.MultiDiGraph | None = None) -> list[str]:
    """Notations of the issues that an article mentions or an event concerns."""
    present = {i for ev in data.events.values() for i in ev.issues}
    present |= {i for ev in data.events.values() for t in ev.terms for i in t.issues}
    if g is not None:
        present |= {v for v, t in g.nodes(data="type") if t == "Issue"}
    return sorted(data.notations[i] for i in present if i in data.notations)
