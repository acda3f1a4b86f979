"""Views: interactive HTML pages of the network (overview, focus, issue, timeline) that work offline.

Each view is built as a pyvis `Network` (nodes, edges and vis options), plus the page data pyvis has no place
for: legend and filters, the facts each node or edge stands for and their evidence sentences with their
article. `to_html` renders it with our own template (graph/views/templates/view.*), not pyvis's:

- offline: vis-network's JS and CSS, shipped inside pyvis's package, are inlined; nothing is linked; a
  Content-Security-Policy (scripts allowed by hash only, no fetches) backs that up;
- safe: article text is data. It is embedded as JSON with `<`, `>`, `&`, U+2028 and U+2029 escaped, and the
  page's script shows it through `textContent` only (no vis `title`, whose HTML mode uses innerHTML);
- deterministic: everything is sorted, floats rounded, and large graphs (more than `LARGE_GRAPH` nodes) are
  laid out here with seeded layouts, physics off; small ones use vis physics with a fixed seed.
"""
from __future__ import annotations

import base64
import datetime as dt
import difflib
import functools
import hashlib
import json
import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment
from markupsafe import Markup
from pyvis.edge import Edge
from pyvis.network import Network
from pyvis.node import Node

from ..errors import NotFound
from ..network import EDGE_RELATIONS, to_networkx
from ..vocab import ACTOR_CLASSES, EVENT_CLASSES, EVENT_ROLES, RELATIONS, VOCAB, sparql_list

#: Above this many nodes the layout is computed in Python and physics is off.
LARGE_GRAPH = 300
#: Node classes in legend order: (label, vis shape, fill, border).
NODE_STYLES = {
    "Guild": ("Guild", "dot", "#E69F00", "#9A6A00"),
    "Studio": ("Studio", "square", "#0072B2", "#004C77"),
    "EmployerAssociation": ("Employer association", "diamond", "#D55E00", "#8F3F00"),
    "GovernmentAgency": ("Government agency", "triangle", "#009E73", "#00694D"),
    "MediaOutlet": ("Media outlet", "triangleDown", "#CC79A7", "#8C4F72"),
    "Person": ("Person", "star", "#56B4E9", "#2C7FB0"),
    "Actor": ("Actor (unclassified)", "dot", "#9E9E9E", "#6B6B6B"),
    "Issue": ("Bargaining issue", "hexagon", "#F0E442", "#9B8E00"),
    "Strike": ("Strike", "box", "#F6B3B3", "#B03A3A"),
    "NegotiationSession": ("Negotiation session", "box", "#BFE3BF", "#4E8F4E"),
    "Proposal": ("Proposal", "box", "#B4D0F2", "#3F6FA8"),
    "Agreement": ("Agreement", "box", "#93D6A4", "#2E7D45"),
    "Statement": ("Statement", "box", "#DCC9F2", "#7651A0"),
    "LegalAction": ("Legal action", "box", "#EBCFA8", "#8C6A32"),
    "Term": ("Term (figure)", "box", "#FFFFFF", "#777777"),
}
#: Edge kinds in legend order: (label, colour, dashed).
RELATION_STYLES = {
    "negotiatesWith": ("negotiates with", "#228833", False),
    "strikesAgainst": ("strikes against", "#CC3311", False),
    "memberOf": ("member of", "#4477AA", False),
    "partOf": ("part of", "#33A0C8", False),
    "supports": ("supports", "#AA7700", False),
    "filedChargeAgainst": ("filed charge against", "#AA3377", False),
    "holdsPosition": ("holds position", "#777777", False),
    "concernsIssue": ("concerns issue", "#A89B00", True),
    "proposedBy": ("proposed by", "#0072B2", False),
    "proposedTo": ("proposed to", "#56B4E9", True),
    "party": ("party", "#009E73", False),
    "statedBy": ("stated by", "#9E4F86", False),
    "strikingParty": ("striking party", "#CC3311", False),
    "target": ("target", "#EE7733", True),
    "filedBy": ("filed by", "#AA3377", False),
    "against": ("against", "#882255", True),
    "filedWith": ("filed with", "#117733", True),
    "participant": ("participant", "#999999", True),
    "hasTerm": ("has term", "#555555", False),
    "strikeSpan": ("strike duration", "#D9534F", False),
    "sameEvent": ("same event", "#A0A0A0", True),
}
#: Event roles, most specific first (`participant` is shown only for actors without another role).
ROLES = tuple(sorted(EVENT_ROLES, key=lambda r: r == "participant"))
ROLE_LABELS = {r: VOCAB.labels[r] for r in ROLES}
_SEED = 7
_TEMPLATES = "templates"


# --------------------------------------------------------------------------------------------------------
# What the store says: labels, documents, evidence, relation statements and events
# --------------------------------------------------------------------------------------------------------
_ACTOR_FILTER = "FILTER(?type IN (%s))" % ", ".join(f"hl:{c}" for c in (*ACTOR_CLASSES, "Issue"))
_Q_TYPES = f"SELECT DISTINCT ?x ?type WHERE {{ ?x a ?type . {_ACTOR_FILTER} }}"
_Q_LABELS = f"""SELECT DISTINCT ?x ?label WHERE {{ ?x a ?type . {_ACTOR_FILTER}
  {{ ?x rdfs:label ?label }} UNION {{ ?x skos:prefLabel ?label }} }}"""
_Q_ALIASES = f"SELECT DISTINCT ?x ?alias WHERE {{ ?x a ?type . {_ACTOR_FILTER} ?x skos:altLabel ?alias }}"
_Q_NOTATIONS = "SELECT DISTINCT ?x ?notation WHERE { ?x a hl:Issue ; skos:notation ?notation }"
_Q_DOCS = """SELECT DISTINCT ?doc ?title ?id ?date WHERE { ?doc a hl:Document .
  OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:identifier ?id }
  OPTIONAL { ?doc dcterms:date ?date } }"""
_Q_EVIDENCE = """SELECT DISTINCT ?ev ?sentence ?doc ?inferred WHERE { ?ev a hl:Evidence ; hl:sentence ?sentence .
  OPTIONAL { ?ev prov:wasDerivedFrom ?doc } OPTIONAL { ?ev hl:inferred ?inferred } }"""
_Q_STATEMENTS = f"""SELECT DISTINCT ?s ?p ?x ?org ?role ?ev WHERE {{
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?x ; hl:evidence ?ev .
  FILTER(?p IN ({sparql_list((*RELATIONS, "holdsPosition"))}))
  OPTIONAL {{ ?x hl:organization ?org . OPTIONAL {{ ?x hl:roleLabel ?role }} }} }}"""
_EVENT_FILTER = f"FILTER(?type IN ({sparql_list(EVENT_CLASSES)}))"
_Q_EVENTS = f"SELECT DISTINCT ?e ?type WHERE {{ ?e a ?type . {_EVENT_FILTER} }}"
_Q_EVENT_PROPS = f"""SELECT DISTINCT ?e ?p ?v WHERE {{ ?e a ?type . {_EVENT_FILTER} ?e ?p ?v .
  FILTER(?p IN (hl:date, hl:startDate, hl:endDate, hl:proposalKind, hl:status, hl:quote, hl:concernsIssue,
                hl:evidence, hl:hasTerm, {sparql_list(EVENT_ROLES)})) }}"""
_Q_TERMS = """SELECT DISTINCT ?t ?p ?v WHERE { ?t a hl:Term ; ?p ?v .
  FILTER(?p IN (hl:percent, hl:contractYear, hl:concernsIssue)) }"""


def _local(iri) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


@dataclass
class Term:
    iri: str
    percent: str = ""
    year: str = ""
    issues: set[str] = field(default_factory=set)

    @property
    def text(self) -> str:
        parts = [f"{self.percent}%" if self.percent else "term"]
        if self.year:
            parts.append(f"year {self.year}")
        return " · ".join(parts)


@dataclass
class Event:
    iri: str
    type: str
    dates: set[str] = field(default_factory=set)
    starts: set[str] = field(default_factory=set)
    ends: set[str] = field(default_factory=set)
    kinds: set[str] = field(default_factory=set)
    quotes: set[str] = field(default_factory=set)
    roles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # actor -> roles
    issues: set[str] = field(default_factory=set)
    evidence: set[str] = field(default_factory=set)
    term_iris: set[str] = field(default_factory=set)
    terms: list[Term] = field(default_factory=list)

    @property
    def when(self) -> str | None:
        """hl:date, else hl:startDate (the earliest when an event was fused from several articles)."""
        values = sorted(self.dates) or sorted(self.starts)
        return values[0] if values else None

    @property
    def end(self) -> str | None:
        return max(self.ends) if self.ends else None

    @property
    def actors(self) -> list[str]:
        return sorted(self.roles)

    def actor_roles(self, actor: str) -> list[str]:
        """The actor's roles, most specific first; `participant` only when it has no other."""
        specific = [r for r in ROLES[:-1] if r in self.roles.get(actor, ())]
        return specific or ["participant"]


class StoreData:
    """Everything the views read from the store, in a handful of queries."""

    def __init__(self, store):
        self.types: dict[str, str] = {}
        for row in store.query(_Q_TYPES):
            x, t = str(row.x), _local(row.type)
            # one class per actor (ONTOLOGY.md); should a node carry two, the first in legend order wins
            if x not in self.types or list(NODE_STYLES).index(t) < list(NODE_STYLES).index(self.types[x]):
                self.types[x] = t
        labels: dict[str, list[str]] = defaultdict(list)
        for row in store.query(_Q_LABELS):
            labels[str(row.x)].append(str(row.label))
        self.labels = {x: sorted(ls)[0] for x, ls in labels.items()}
        self.aliases: dict[str, list[str]] = defaultdict(list)
        for row in store.query(_Q_ALIASES):
            self.aliases[str(row.x)].append(str(row.alias))
        for x in self.aliases:
            self.aliases[x] = sorted(set(self.aliases[x]))
        self.notations: dict[str, str] = {}
        for row in store.query(_Q_NOTATIONS):
            self.notations.setdefault(str(row.x), str(row.notation))
        self.docs: dict[str, tuple[str, str]] = {}
        for row in sorted(store.query(_Q_DOCS), key=lambda r: tuple(str(v or "") for v in r)):
            doc = str(row.doc)
            if doc not in self.docs:
                self.docs[doc] = (str(row.title or row.id or _local(doc)), str(row.date or ""))
        #: evidence IRI -> (sentence, document, inferred: the sentence is what an inference rests on)
        self.evidence: dict[str, tuple[str, str, bool]] = {}
        for row in sorted(store.query(_Q_EVIDENCE), key=lambda r: tuple(str(v or "") for v in r)):
            self.evidence.setdefault(str(row.ev), (str(row.sentence), str(row.doc or ""),
                                                   str(row.inferred or "").lower() == "true"))
        #: (subject, relation, object, role) -> evidence IRIs; positions are folded to their organisation
        self.relations: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
        for row in store.query(_Q_STATEMENTS):
            rel = _local(row.p)
            if rel == "holdsPosition":
                if row.org is None:
                    continue
                key = (str(row.s), rel, str(row.org), str(row.role or ""))
            else:
                key = (str(row.s), rel, str(row.x), "")
            self.relations[key].add(str(row.ev))
        self.events: dict[str, Event] = {}
        for row in store.query(_Q_EVENTS):
            e, t = str(row.e), _local(row.type)
            if e not in self.events or EVENT_CLASSES.index(t) < EVENT_CLASSES.index(self.events[e].type):
                self.events[e] = Event(e, t)
        for row in store.query(_Q_EVENT_PROPS):
            ev = self.events.get(str(row.e))
            if ev is None:
                continue
            p, v = _local(row.p), str(row.v)
            if p == "date":
                ev.dates.add(v[:10])
            elif p == "startDate":
                ev.starts.add(v[:10])
            elif p == "endDate":
                ev.ends.add(v[:10])
            elif p in ("proposalKind", "status"):
                ev.kinds.add(v)
            elif p == "quote":
                ev.quotes.add(v)
            elif p == "concernsIssue":
                ev.issues.add(v)
            elif p == "evidence":
                ev.evidence.add(v)
            elif p == "hasTerm":
                ev.term_iris.add(v)
            else:
                ev.roles[v].add(p)
        terms: dict[str, Term] = {}
        for row in store.query(_Q_TERMS):
            t = terms.setdefault(str(row.t), Term(str(row.t)))
            p = _local(row.p)
            if p == "percent":
                t.percent = _number(row.v)
            elif p == "contractYear":
                t.year = _number(row.v)
            else:
                t.issues.add(str(row.v))
        for ev in self.events.values():
            ev.terms = [terms.get(t) or Term(t) for t in sorted(ev.term_iris)]
        # look-ups by actor and by issue, in a fixed order
        self.relations_of: dict[str, list[tuple]] = defaultdict(list)
        for key in sorted(self.relations):
            self.relations_of[key[0]].append(key)
            if key[2] != key[0]:
                self.relations_of[key[2]].append(key)
        self.events_of: dict[str, list[Event]] = defaultdict(list)
        self.events_about: dict[str, list[Event]] = defaultdict(list)
        for ev in _events_sorted(self.events.values()):
            for actor in ev.actors:
                self.events_of[actor].append(ev)
            for i in sorted(ev.issues | {i for t in ev.terms for i in t.issues}):
                self.events_about[i].append(ev)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or _local(iri)

    def names(self) -> dict[str, list[str]]:
        """Every actor's label and aliases (what --focus resolves against)."""
        return {x: ([self.labels[x]] if x in self.labels else []) + self.aliases.get(x, [])
                for x, t in self.types.items() if t != "Issue"}


def _number(value) -> str:
    text = str(value)
    try:
        f = float(text)
    except ValueError:
        return text
    return str(int(f)) if f.is_integer() else f"{f:g}"


# --------------------------------------------------------------------------------------------------------
# Page data: facts (what a node or edge stands for) and their evidence sentences, shared by index
# --------------------------------------------------------------------------------------------------------
class Page:
    """The evidence side of a view: `facts` are [text, [sentence index...]], `evidence` [sentence, doc index],
    `docs` [title, date]; identical sentences of one article are stored once."""

    def __init__(self, data: StoreData | None):
        self.data = data
        self.facts: list[list] = []
        self.evidence: list[list] = []
        self.docs: list[list] = []
        self._facts: dict = {}
        self._evidence: dict = {}
        self._docs: dict = {}

    def _doc(self, doc: str) -> int:
        if doc not in self._docs:
            title, date = self.data.docs.get(doc, (_local(doc) if doc else "unknown article", ""))
            self._docs[doc] = len(self.docs)
            self.docs.append([title, date])
        return self._docs[doc]

    def _sentences(self, evidence: set[str]) -> list[int]:
        out = set()
        for ev in sorted(evidence):  # sorted: the page's indices must not follow set order
            if ev not in self.data.evidence:
                continue
            sentence, doc, inferred = self.data.evidence[ev]
            key = (sentence, doc, inferred)
            if key not in self._evidence:
                self._evidence[key] = len(self.evidence)
                self.evidence.append([sentence, self._doc(doc), int(inferred)])
            out.add(self._evidence[key])
        return sorted(out, key=lambda i: (self.docs[self.evidence[i][1]][1], self.docs[self.evidence[i][1]][0],
                                          self.evidence[i][0]))

    def fact(self, text: str, evidence: set[str]) -> int:
        sentences = self._sentences(evidence)
        key = (text, tuple(sentences))
        if key not in self._facts:
            self._facts[key] = len(self.facts)
            self.facts.append([text, sentences])
        return self._facts[key]

    def count(self, facts: list[int]) -> int:
        return len({s for f in facts for s in self.facts[f][1]})

    # -- facts of the graph --------------------------------------------------------------------------------
    def relation_fact(self, s: str, rel: str, o: str, role: str) -> int:
        label = RELATION_STYLES.get(rel, (rel,))[0] + (f" ({role})" if role else "")
        evidence = self.data.relations.get((s, rel, o, role), set()) if self.data else set()
        return self.fact(f"{self.data.label(s)} — {label} — {self.data.label(o)}", evidence)

    def event_fact(self, ev: Event) -> int:
        return self.fact(event_text(ev, self.data), ev.evidence)

    def actor_facts(self, actor: str) -> list[int]:
        """Relations the actor is an end of, then events it takes part in."""
        facts = [self.relation_fact(*key) for key in self.data.relations_of.get(actor, [])]
        facts += [self.event_fact(ev) for ev in self.data.events_of.get(actor, [])]
        return _unique(facts)

    def issue_facts(self, issue: str) -> list[int]:
        return _unique([self.event_fact(ev) for ev in self.data.events_about.get(issue, [])])

    def as_json(self) -> dict:
        return {"facts": self.facts, "evidence": self.evidence, "docs": self.docs}


def _unique(items: list) -> list:
    return list(dict.fromkeys(items))


def _events_sorted(events) -> list[Event]:
    return sorted(events, key=lambda e: (e.when or "9999", e.iri))


def _concerns(ev: Event, issue: str) -> bool:
    return issue in ev.issues or any(issue in t.issues for t in ev.terms)


def event_text(ev: Event, data: StoreData) -> str:
    """One line: type, kind, date, then who in which role."""
    head = NODE_STYLES[ev.type][0]
    if ev.kinds:
        head += f" ({', '.join(sorted(ev.kinds))})"
    when = ev.when
    if when:
        head += f", {when}" + (f" to {ev.end}" if ev.end else "")
    roles = []
    for actor in sorted(ev.roles, key=lambda a: (ROLES.index(ev.actor_roles(a)[0]), data.label(a).lower(), a)):
        roles.append(f"{', '.join(ROLE_LABELS[r] for r in ev.actor_roles(actor))}: {data.label(actor)}")
    return head + (" — " + "; ".join(roles) if roles else "")


# --------------------------------------------------------------------------------------------------------
# pyvis network with O(1) node look-ups, and the page data the template needs
# --------------------------------------------------------------------------------------------------------
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


def _options(*, large: bool, physics: bool, timeline: bool = False) -> dict:
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
        "layout": {"randomSeed": _SEED, "improvedLayout": not large and not timeline},
    }
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


def _round(v: float) -> float:
    r = round(float(v), 1)
    return 0.0 if r == 0 else r


def build_network(vg: nx.MultiDiGraph, *, view: str, title: str, subtitle: str = "", page: Page | None = None,
                  positions: dict | None = None, focus: str | None = None, timeline: bool = False) -> ViewNetwork:
    """The pyvis network of a view graph. Nodes carry `label`, `type` and optionally `tip` ([name, value]
    rows), `facts`, `search` (names), `size`, `x`/`y`, `fixed`, `font`; edges `relation`, `label`, `tip`,
    `facts`, `symmetric`, `width`. Without positions, graphs above LARGE_GRAPH nodes are laid out here."""
    n = vg.number_of_nodes()
    large = n > LARGE_GRAPH
    if positions is None and large:
        positions = layout_positions(vg)
    physics = positions is None and n > 0  # (an empty network never reports stabilising)
    net = ViewNetwork(view, title, subtitle)
    net.options = _options(large=large, physics=physics, timeline=timeline)
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
        opts = {"size": _round(size), "group": typ, "gg_type": typ,
                "gg_tip": a.get("tip") or [["", a.get("label", v)], ["Type", name]],
                "gg_facts": a.get("facts", []), "gg_search": a.get("search") or [a.get("label", v)]}
        if a.get("font"):
            opts["font"] = a["font"]
        if positions is not None and v in positions:
            opts["x"], opts["y"] = (_round(c) for c in positions[v])
        if a.get("fixed") or (positions is not None and timeline):
            opts["fixed"] = {"x": True, "y": True}
        if v == focus:
            opts["borderWidth"] = 5
            opts["size"] = _round(size * 1.25)
            opts["color"] = _color(fill, "#111111")
        net.add_node(v, label=a.get("label", v), shape=a.get("shape"), **opts)
    relations: dict[str, int] = defaultdict(int)
    parallel: dict[tuple, int] = defaultdict(int)
    edges = sorted(vg.edges(keys=True, data=True), key=lambda e: (e[0], e[1], str(e[2])))
    for i, (s, o, key, a) in enumerate(edges):
        rel = a.get("relation") or str(key)
        relations[rel] += 1
        label, color, dashed = RELATION_STYLES.get(rel, (rel, "#888888", False))
        opts = {"id": f"e{i}", "label": a.get("label", label), "color": color, "gg_rel": rel,
                "gg_tip": a.get("tip") or [["", label]], "gg_facts": a.get("facts", [])}
        if dashed:
            opts["dashes"] = True
        if a.get("symmetric"):
            opts["arrows"] = {"to": {"enabled": False}}
        if a.get("width"):
            opts["width"] = a["width"]
        if a.get("hidden_label") or large:  # large graphs: relation by colour and tooltip (labels cost seconds)
            del opts["label"]
        pair = (min(s, o), max(s, o))
        k = parallel[pair]
        parallel[pair] += 1
        if k and s != o:  # parallel edges curve apart so each stays visible and clickable
            opts["smooth"] = {"enabled": True, "type": "curvedCW" if k % 2 else "curvedCCW",
                              "roundness": _round(0.25 * ((k + 1) // 2))}
        net.add_edge(s, o, **opts)
    groups = {}
    for t in sorted(types):
        _, shape, fill, border = NODE_STYLES.get(t, NODE_STYLES["Actor"])
        groups[t] = {"shape": shape, "color": _color(fill, border)}
        if shape == "box":
            groups[t].update(font={"size": 12}, margin=6)
    net.options["groups"] = {"useDefaultGroups": False, **groups}
    net.page = {
        "nodeTypes": [[t, NODE_STYLES.get(t, NODE_STYLES["Actor"])[0], types[t],
                       NODE_STYLES.get(t, NODE_STYLES["Actor"])[1], NODE_STYLES.get(t, NODE_STYLES["Actor"])[2]]
                      for t in sorted(types, key=_type_order)],
        "relations": [[r, RELATION_STYLES.get(r, (r,))[0], relations[r],
                       RELATION_STYLES.get(r, (r, "#888888"))[1], RELATION_STYLES.get(r, (r, "", False))[2]]
                      for r in sorted(relations, key=_relation_order)],
        "focus": focus,
        "large": large,
        **(page.as_json() if page else {"facts": [], "evidence": [], "docs": []}),
    }
    return net


def _type_order(t: str) -> tuple:
    order = list(NODE_STYLES)
    return (order.index(t) if t in order else len(order), t)


def _relation_order(r: str) -> tuple:
    order = list(RELATION_STYLES)
    return (order.index(r) if r in order else len(order), r)


# --------------------------------------------------------------------------------------------------------
# Layout of large graphs: seeded spring layout per component, radial BFS for big components, shelf-packed
# --------------------------------------------------------------------------------------------------------
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
                   nx.spring_layout(sub, seed=_SEED, scale=scale, iterations=60).items()}
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


# --------------------------------------------------------------------------------------------------------
# The views
# --------------------------------------------------------------------------------------------------------
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
        evidence = page.count(facts) if page is not None and data is not None else int(a.get("evidence") or 0)
        tip = [["", f"{g.nodes[s].get('label', s)} → {g.nodes[o].get('label', o)}"],
               ["Relation", label + (f" ({role})" if role else "")],
               ["Evidence", f"{evidence} sentence{'s' * (evidence != 1)}"]]
        vg.add_edge(s, o, key=key, relation=rel, label=role or label, tip=tip, facts=facts,
                    symmetric=bool(a.get("symmetric", EDGE_RELATIONS.get(rel, False))))
    return vg


def network_view(g: nx.MultiDiGraph, data: StoreData | None = None, *, view: str = "overview",
                 title: str = "Overview", subtitle: str = "", focus: str | None = None) -> ViewNetwork:
    """A pyvis network of a `to_networkx`-shaped graph (any size; `data` adds the evidence)."""
    page = Page(data) if data is not None else None
    vg = actor_graph(g, data, page)
    return build_network(vg, view=view, title=title, subtitle=subtitle, page=page, focus=focus)


def overview(store, data: StoreData | None = None) -> ViewNetwork:
    """Every actor and issue, relations as edges, sized by degree centrality."""
    g = to_networkx(store)
    return network_view(g, data or StoreData(store), title="Overview",
                        subtitle=f"{g.number_of_nodes()} actors and issues, {g.number_of_edges()} relations")


def resolve_actor(data: StoreData, name: str, candidates=None) -> str:
    """The actor whose rdfs:label or skos:altLabel is `name` (case-insensitive; labels before aliases, then
    actors in `candidates`, then the IRI); NotFound names the closest matches."""
    wanted = name.strip().casefold()
    names = data.names()
    hits = []
    for actor, labels in names.items():
        for i, label in enumerate(labels):
            if label.casefold() == wanted:
                is_alias = i > 0 or actor not in data.labels
                hits.append((is_alias, candidates is not None and actor not in candidates, actor))
    if hits:
        return min(hits)[2]
    every = sorted({label for labels in names.values() for label in labels})
    folded: dict[str, str] = {}
    for label in every:
        folded.setdefault(label.casefold(), label)
    close = [folded[c] for c in difflib.get_close_matches(wanted, list(folded), n=5, cutoff=0.5)]
    hint = f"; closest: {', '.join(close)}" if close else ""
    raise NotFound(f"no actor named {name!r}{hint}")


def focus(store, name: str, depth: int = 1, data: StoreData | None = None) -> ViewNetwork:
    """The neighbourhood of one actor (by label or alias) up to `depth` hops, directions ignored."""
    data = data or StoreData(store)
    g = to_networkx(store)
    actor = resolve_actor(data, name, candidates=set(g))
    if actor not in g:
        raise NotFound(f"{data.label(actor)} is known but no article mentions it, so it has no network")
    sub = nx.ego_graph(g, actor, radius=depth, undirected=True)
    label = g.nodes[actor].get("label", actor)
    return network_view(sub, data, view="focus", title=f"Focus: {label}", focus=actor,
                        subtitle=f"{sub.number_of_nodes() - 1} neighbours within {depth} hop{'s' * (depth != 1)}")


def resolve_issue(data: StoreData, notation: str) -> str:
    by_notation = {n: iri for iri, n in data.notations.items()}
    if notation in by_notation:
        return by_notation[notation]
    folded = {n.casefold(): iri for n, iri in by_notation.items()}
    if notation.casefold() in folded:
        return folded[notation.casefold()]
    raise NotFound(f"no issue with notation {notation!r}; valid: {', '.join(sorted(by_notation)) or '(none)'}")


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
        tip += [[ROLE_LABELS[r], data.label(a)] for a in ev.actors for r in ev.actor_roles(a)]
        for q in sorted(ev.quotes):
            tip.append(["Quote", _clip(q, 240)])
        tip.append(["Evidence", f"{page.count([fact])} sentences"])
        vg.add_node(ev.iri, label=label, type=ev.type, tip=tip, facts=[fact], search=[label.replace("\n", " ")])
        vg.add_edge(ev.iri, issue, key="concernsIssue", relation="concernsIssue", label="concerns",
                    tip=[["", "concerns issue"]], facts=[fact])
        for actor in ev.actors:
            if actor not in vg:
                typ = data.types.get(actor, "Actor")
                afacts = page.actor_facts(actor)
                aliases = data.aliases.get(actor, [])
                vg.add_node(actor, label=data.label(actor), type=typ, facts=afacts,
                            search=[data.label(actor)] + aliases,
                            tip=[["", data.label(actor)], ["Type", NODE_STYLES.get(typ, NODE_STYLES["Actor"])[0]],
                                 ["Also known as", ", ".join(aliases) or "—"],
                                 ["Evidence", f"{page.count(afacts)} sentences"]])
            for role in ev.actor_roles(actor):
                vg.add_edge(ev.iri, actor, key=role, relation=role, label=ROLE_LABELS[role], facts=[fact],
                            tip=[["", f"{label.splitlines()[0]} → {data.label(actor)}"],
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
                        tip=[["", "has term"], ["Term", term.text]])
    return vg


def issue(store, notation: str, data: StoreData | None = None) -> ViewNetwork:
    """Who proposed, agreed, stated (and struck) what about one issue (by skos:notation)."""
    data = data or StoreData(store)
    iri = resolve_issue(data, notation)
    page = Page(data)
    vg = issue_graph(data, iri, page)
    events = sum(1 for _, t in vg.nodes(data="type") if t in EVENT_CLASSES)
    actors = sum(1 for _, t in vg.nodes(data="type") if t in ACTOR_CLASSES or t == "Actor")
    return build_network(vg, view="issue", title=f"Issue: {data.label(iri)}", page=page,
                         subtitle=f"{events} events, {actors} actors ({data.notations.get(iri, '')})")


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@dataclass
class Timeline:
    graph: nx.MultiDiGraph
    positions: dict
    lanes: list
    ticks: list
    undated: list
    span: list


def timeline_graph(data: StoreData, page: Page) -> Timeline:
    """Dated events left to right (hl:date, else hl:startDate), one lane per actor: an event is a marker in
    the lane of each of its actors, joined across lanes; a strike is a span to its hl:endDate, or to the last
    dated event. Undated events are listed apart."""
    events = _events_sorted(data.events.values())
    dated = [e for e in events if e.when and _iso(e.when)]
    undated = [e for e in events if e not in dated]
    days = [_iso(e.when) for e in dated] + [_iso(e.end) for e in dated if e.end and _iso(e.end)]
    vg = nx.MultiDiGraph()
    pos: dict[str, tuple[float, float]] = {}
    lanes, ticks, span = [], [], []
    if dated:
        first, last = min(days), max(days)
        width_days = max((last - first).days, 1)
        ppd = min(max(800.0 / width_days, 0.2), 40.0)

        def x_of(day: dt.date) -> float:
            return (day - first).days * ppd

        actors = sorted({a for e in dated for a in e.roles},
                        key=lambda a: (_type_order(data.types.get(a, "Actor")), data.label(a).casefold(), a))
        # markers that would overlap in a lane go to the next row down (greedy, in date order)
        rows: dict[str, list[float]] = defaultdict(list)
        row_of: dict[tuple[str, str], int] = {}
        for e in dated:
            x, w = x_of(_iso(e.when)), 9.0 * len(_marker_label(e)) + 16.0
            for a in e.actors:
                free = [r for r, right in enumerate(rows[a]) if right + 10.0 <= x - w / 2]
                r = free[0] if free else len(rows[a])
                if r == len(rows[a]):
                    rows[a].append(0.0)
                rows[a][r] = x + w / 2
                row_of[(e.iri, a)] = r
        y, lane_y = 0.0, {}
        for a in actors:
            h = 80.0 + _ROW * (len(rows[a]) - 1)
            lane_y[a] = y + 34.0
            lanes.append([_round(y), _round(h)])
            y += h
        span = [_round(x_of(first) - 260.0), _round(x_of(last) + 120.0)]
        for a in actors:
            typ = data.types.get(a, "Actor")
            afacts = page.actor_facts(a)
            aliases = data.aliases.get(a, [])
            vg.add_node(f"lane:{a}", label=data.label(a), type=typ, facts=afacts, size=14,
                        search=[data.label(a)] + aliases, font={"size": 15},
                        tip=[["", data.label(a)], ["Type", NODE_STYLES.get(typ, NODE_STYLES["Actor"])[0]],
                             ["Also known as", ", ".join(aliases) or "—"],
                             ["Evidence", f"{page.count(afacts)} sentences"]])
            pos[f"lane:{a}"] = (x_of(first) - 160.0, lane_y[a] - 8.0)
        for e in dated:
            fact = page.event_fact(e)
            tip = [["", NODE_STYLES[e.type][0] + (f" ({', '.join(sorted(e.kinds))})" if e.kinds else "")],
                   ["Date", e.when + (f" to {e.end}" if e.end else (" (no end date)" if e.type == "Strike" else ""))]]
            tip += [[ROLE_LABELS[r], data.label(a)] for a in e.actors for r in e.actor_roles(a)]
            if e.issues:
                tip.append(["Issues", ", ".join(data.label(i) for i in sorted(e.issues))])
            tip.append(["Evidence", f"{page.count([fact])} sentences"])
            markers = []
            strikers = [a for a in e.actors if "strikingParty" in e.roles[a]] or e.actors[:1]
            for a in sorted(e.actors, key=actors.index):
                node = f"{e.iri}|{a}"
                markers.append(node)
                vg.add_node(node, label=_marker_label(e), type=e.type, tip=tip, facts=[fact], size=10,
                            search=[f"{NODE_STYLES[e.type][0]} {e.when}"], font={"size": 14})
                py = lane_y[a] + _ROW * row_of[(e.iri, a)]
                pos[node] = (x_of(_iso(e.when)), py)
                if e.type == "Strike" and a in strikers:
                    end = e.end if e.end and _iso(e.end) else last.isoformat()
                    if _iso(end) > _iso(e.when):
                        cap = f"{node}|end"
                        vg.add_node(cap, label=f"end {e.end}" if e.end else "no end date", type="Strike",
                                    shape="dot", size=5, facts=[fact], search=[],
                                    font={"size": 12, "color": "#8a2b2b", "vadjust": -4},
                                    tip=[["", "End of strike"],
                                         ["Date", e.end or f"no end date: drawn to the last dated event, {end}"]])
                        # an open strike runs to the last dated event and a little beyond: it goes on
                        pos[cap] = (x_of(_iso(end)) + (0.0 if e.end else 60.0), py)
                        vg.add_edge(node, cap, key="strikeSpan", relation="strikeSpan", hidden_label=True,
                                    tip=[["", "Strike"], ["From", e.when], ["To", e.end or f"{end} (no end date)"]],
                                    facts=[fact], symmetric=True, width=6)
            for m1, m2 in zip(markers, markers[1:]):
                vg.add_edge(m1, m2, key="sameEvent", relation="sameEvent", hidden_label=True,
                            tip=[["", "Same event"], ["Event", tip[0][1]]], facts=[fact], symmetric=True)
        ticks = [[_round(x_of(day)), label] for day, label in _ticks(first, last)]
    undated_items = [[event_text(e, data), page.event_fact(e), _articles(e, data)] for e in undated]
    return Timeline(vg, pos, lanes, ticks, undated_items, span)


_ROW = 34.0


def _articles(e: Event, data: StoreData) -> str:
    """The titles (else file names) of the articles an event's evidence comes from."""
    docs = sorted({data.evidence[ev][1] for ev in e.evidence if ev in data.evidence})
    return ", ".join(data.docs.get(d, (_local(d), ""))[0] for d in docs if d)


def _marker_label(e: Event) -> str:
    if e.type == "Proposal" and len(e.kinds) == 1:
        return next(iter(e.kinds)).capitalize()
    return {"NegotiationSession": "Negotiation", "LegalAction": "Legal action"}.get(e.type, e.type)


def _iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Gridlines: weeks under two months, months under three years, else years."""
    span = (last - first).days
    out = []
    if span < 62:
        day = first - dt.timedelta(days=first.weekday())
        while day <= last + dt.timedelta(days=7):
            out.append((day, day.isoformat()))
            day += dt.timedelta(days=7)
    elif span < 3 * 366:
        day = first.replace(day=1)
        while day <= last:
            out.append((day, day.strftime("%b %Y")))
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    else:
        for year in range(first.year, last.year + 2):
            out.append((dt.date(year, 1, 1), str(year)))
    return out


def timeline(store, data: StoreData | None = None) -> ViewNetwork:
    """Events by date in actor lanes, strikes as spans; physics off, positions fixed."""
    data = data or StoreData(store)
    page = Page(data)
    tl = timeline_graph(data, page)
    dated = len({v.split("|")[0] for v, t in tl.graph.nodes(data="type") if t in EVENT_CLASSES})
    net = build_network(tl.graph, view="timeline", title="Timeline", page=page, positions=tl.positions,
                        timeline=True,
                        subtitle=f"{dated} dated events in {len(tl.lanes)} lanes, {len(tl.undated)} undated")
    net.page.update(lanes=tl.lanes, ticks=tl.ticks, undated=tl.undated, span=tl.span)
    return net


# --------------------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------------------
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
        vis_items.append({k: v for k, v in item.items() if not k.startswith("gg_") or k in keep})
        info[item["id"]] = {k[3:]: v for k, v in item.items() if k.startswith("gg_") and k not in keep}
    return vis_items, info


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def to_html(net: ViewNetwork) -> str:
    """The self-contained page of a view (no external resource, same network → same bytes)."""
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
                           data_json=Markup(script_json(payload)), vis_js=Markup(vis_js), vis_css=Markup(vis_css),
                           view_js=Markup(view_js), view_css=Markup(_template_text("view.css")),
                           has_undated=net.view == "timeline")


def generate(store, *, focus_name: str | None = None, depth: int = 1, issue_notation: str | None = None,
             show_timeline: bool = False) -> tuple[str, str]:
    """(HTML, default file name) of one view: focus, issue, timeline or (default) the overview."""
    data = StoreData(store)
    if focus_name is not None:
        net = focus(store, focus_name, depth, data)
        name = f"focus-{_slug(net.title.split(': ', 1)[-1])}.html"
    elif issue_notation is not None:
        net = issue(store, issue_notation, data)
        name = f"issue-{_slug(data.notations[resolve_issue(data, issue_notation)])}.html"
    elif show_timeline:
        net, name = timeline(store, data), "timeline.html"
    else:
        net, name = overview(store, data), "overview.html"
    return to_html(net), name


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-") or "view"


def write_html(html: str, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def issues_present(data: StoreData, g: nx.MultiDiGraph | None = None) -> list[str]:
    """Notations of the issues that an article mentions or an event concerns."""
    present = {i for ev in data.events.values() for i in ev.issues}
    present |= {i for ev in data.events.values() for t in ev.terms for i in t.issues}
    if g is not None:
        present |= {v for v, t in g.nodes(data="type") if t == "Issue"}
    return sorted(data.notations[i] for i in present if i in data.notations)


def write_standard_views(store, out_dir: str | Path) -> list[Path]:
    """overview.html, timeline.html, issue-<notation>.html per issue present and index.html linking them
    (focus views are made on demand by `guildgraph view --focus`). Returns the paths, index first."""
    out_dir = Path(out_dir)
    data = StoreData(store)
    g = to_networkx(store)
    entries = []
    ov = network_view(g, data, title="Overview",
                      subtitle=f"{g.number_of_nodes()} actors and issues, {g.number_of_edges()} relations")
    entries.append(("overview.html", ov))
    entries.append(("timeline.html", timeline(store, data)))
    notations = issues_present(data, g)
    for notation in notations:
        entries.append((f"issue-{_slug(notation)}.html", issue(store, notation, data)))
    written = []
    keep = {name for name, _ in entries}
    if out_dir.is_dir():
        for stale in sorted(out_dir.glob("issue-*.html")):
            if stale.name not in keep:
                stale.unlink()
    for name, net in entries:
        written.append(write_html(to_html(net), out_dir / name))
    index = _environment().from_string(_template_text("index.html")).render(
        views=[{"href": name, "title": net.title, "subtitle": net.subtitle,
                "nodes": len(net.nodes), "edges": len(net.edges)} for name, net in entries])
    return [write_html(index, out_dir / "index.html")] + written


__all__ = ["LARGE_GRAPH", "StoreData", "ViewNetwork", "Page", "build_network", "network_view", "overview", "focus",
           "issue", "timeline", "timeline_graph", "issue_graph", "actor_graph", "layout_positions",
           "resolve_actor", "resolve_issue", "to_html", "script_json", "generate", "write_html",
           "write_standard_views", "issues_present"]
