"""View data: what the views read from the store (labels, documents, evidence, relations, events), joined here."""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..query.run import select_rows
from ..vocab import ACTOR_CLASSES, EVENT_CLASSES, EVENT_ROLES, VOCAB
from .rows import EVENT_PROPERTIES, pattern_rows
from .styles import NODE_STYLES

#: Event roles, most specific first (`participant` is shown only for actors without another role).
ROLES = tuple(sorted(EVENT_ROLES, key=lambda r: r == "participant"))
ROLE_LABELS = {r: VOCAB.labels[r] for r in ROLES}

# the queries: labels, documents and terms (evidence, statements and events are single patterns: rows.py)
_ACTOR_FILTER = "FILTER(?type IN (%s))" % ", ".join(f"hl:{c}" for c in (*ACTOR_CLASSES, "Issue"))
_Q_TYPES = f"SELECT DISTINCT ?x ?type WHERE {{ ?x a ?type . {_ACTOR_FILTER} }}"
_Q_LABELS = f"""SELECT DISTINCT ?x ?label WHERE {{ ?x a ?type . {_ACTOR_FILTER}
  {{ ?x rdfs:label ?label }} UNION {{ ?x skos:prefLabel ?label }} }}"""
_Q_ALIASES = f"SELECT DISTINCT ?x ?alias WHERE {{ ?x a ?type . {_ACTOR_FILTER} ?x skos:altLabel ?alias }}"
_Q_NOTATIONS = "SELECT DISTINCT ?x ?notation WHERE { ?x a hl:Issue ; skos:notation ?notation }"
_Q_DOCS = """SELECT DISTINCT ?doc ?title ?id ?date ?url ?publisher WHERE { ?doc a hl:Document .
  OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc dcterms:identifier ?id }
  OPTIONAL { ?doc dcterms:date ?date } OPTIONAL { ?doc schema:url ?url }
  OPTIONAL { ?doc schema:publisher|dcterms:publisher ?p
             OPTIONAL { ?p rdfs:label|schema:name|foaf:name ?name } BIND(COALESCE(?name, ?p) AS ?publisher) } }"""
_Q_TERMS = """SELECT DISTINCT ?t ?p ?v WHERE { ?t a hl:Term ; ?p ?v .
  FILTER(?p IN (hl:percent, hl:contractYear, hl:concernsIssue)) }"""


@functools.lru_cache(maxsize=4096)  # the same few classes and properties, hundreds of thousands of times
def local_name(iri) -> str:
    """The name after the IRI's last `#` or `/`."""
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


#: Characters of an untitled article's first sentence that stand for its title.
OPENING = 90


@dataclass(frozen=True)
class Source:
    """Where an article comes from, beside its title and date: the outlet (publisher, else the host of its URL), its
    identifier (file name), and whether its title is its first sentence (it had none)."""

    outlet: str
    identifier: str
    untitled: bool


def outlet(publisher, url) -> str:
    """The publisher's name, else the host of the article's URL without "www."."""
    if publisher is not None and str(publisher).strip():
        text = str(publisher)
        return local_name(text) if text.startswith(("http://", "https://")) else text
    host = urlsplit(str(url or "")).hostname or ""
    return host[4:] if host.startswith("www.") else host


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "\u2026"


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
    _roles_of: dict[str, list[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

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
        """The actor's roles, most specific first; `participant` only when it has no other (the roles as read
        from the store: asked for once per page and edge, they are worked out once, and the list is shared: read
        it, do not change it)."""
        roles = self._roles_of.get(actor)
        if roles is None:
            roles = self._roles_of[actor] = [r for r in ROLES[:-1] if r in self.roles.get(actor, ())] or \
                ["participant"]
        return roles


class StoreData:
    """Everything the views read from the store: a handful of queries (read as text: `select_rows`) and the
    patterns of rows.py, joined here (each join in the store costs more than the rows it reads)."""

    def __init__(self, store):
        self._event_texts: dict[str, str] = {}
        self._sentence_keys: dict[frozenset[str], list[tuple[str, str, bool]]] = {}
        self._about: dict[str, frozenset[str]] = {}
        self._role_rows: dict[str, list[list[str]]] = {}
        self.types: dict[str, str] = {}
        for row in select_rows(store, _Q_TYPES):
            x, t = str(row.x), local_name(row.type)
            # one class per actor (ONTOLOGY.md); should a node carry two, the first in legend order wins
            if x not in self.types or list(NODE_STYLES).index(t) < list(NODE_STYLES).index(self.types[x]):
                self.types[x] = t
        labels: dict[str, list[str]] = defaultdict(list)
        for row in select_rows(store, _Q_LABELS):
            labels[str(row.x)].append(str(row.label))
        self.labels = {x: sorted(ls)[0] for x, ls in labels.items()}
        self.aliases: dict[str, list[str]] = defaultdict(list)
        for row in select_rows(store, _Q_ALIASES):
            self.aliases[str(row.x)].append(str(row.alias))
        for x in self.aliases:
            self.aliases[x] = sorted(set(self.aliases[x]))
        self.notations: dict[str, str] = {}
        for row in select_rows(store, _Q_NOTATIONS):
            self.notations.setdefault(str(row.x), str(row.notation))
        #: document IRI -> (title, date): dcterms:title, else the article's first sentence the graph holds, else its
        #: identifier (the file name); `sources` -> Source (outlet, identifier, whether the title is a sentence)
        self.docs: dict[str, tuple[str, str]] = {}
        self.sources: dict[str, Source] = {}
        for row in sorted(select_rows(store, _Q_DOCS), key=lambda r: tuple(str(v or "") for v in r)):
            doc = str(row.doc)
            if doc not in self.docs:
                ident = str(row.id or local_name(doc))
                self.docs[doc] = (str(row.title or ident), str(row.date or ""))
                self.sources[doc] = Source(outlet(row.publisher, row.url), ident, row.title is None)
        rows = pattern_rows(store)
        #: evidence IRI -> (sentence, document, inferred: the sentence is what an inference rests on)
        self.evidence: dict[str, tuple[str, str, bool]] = {}
        derived: dict[str, str] = {}
        for ev, doc in rows["wasDerivedFrom"]:
            derived[ev] = min(derived.get(ev, doc), doc)
        inferred = {ev for ev, _ in rows["inferred"]}
        for ev, sentence in rows["sentence"]:
            if ev not in self.evidence or sentence < self.evidence[ev][0]:
                self.evidence[ev] = (sentence, derived.get(ev, ""), ev in inferred)
        self._openings(store)
        #: (subject, relation, object, role) -> evidence IRIs; positions are folded to their organisation
        self.relations: dict[tuple[str, str, str, str], set[str]] = defaultdict(set)
        subjects, objects, evidence = (_grouped(rows[k]) for k in ("subject", "object", "evidence"))
        organizations, role_labels = _grouped(rows["organization"]), _grouped(rows["roleLabel"])
        for st, p in rows["predicate"]:
            rel, evs = local_name(p), evidence.get(st)
            if not evs:
                continue
            for s in subjects.get(st, ()):
                for x in objects.get(st, ()):
                    if rel != "holdsPosition":
                        self.relations[(s, rel, x, "")].update(evs)
                        continue
                    for org in organizations.get(x, ()):  # a position without its organisation is not shown
                        for role in role_labels.get(x) or ("",):
                            self.relations[(s, rel, org, role)].update(evs)
        #: event IRI -> Event: the reports of one event in several articles (hl:sameEventAs) are one, by that name
        self.events: dict[str, Event] = {}
        same = dict(rows["sameEventAs"])
        for report, type_iri in rows["type"]:
            t, e = local_name(type_iri), same.get(report, report)
            if e not in self.events or EVENT_CLASSES.index(t) < EVENT_CLASSES.index(self.events[e].type):
                self.events[e] = Event(e, t)
        for p in EVENT_PROPERTIES:
            for report, v in rows[p]:
                ev = self.events.get(same.get(report, report))
                if ev is None:
                    continue
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
        for row in select_rows(store, _Q_TERMS):
            t = terms.setdefault(str(row.t), Term(str(row.t)))
            p = local_name(row.p)
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
        for ev in events_by_date(self.events.values()):
            for actor in ev.actors:
                self.events_of[actor].append(ev)
            for i in sorted(ev.issues | {i for t in ev.terms for i in t.issues}):
                self.events_about[i].append(ev)

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or local_name(iri)

    def event_iris_about(self, issue: str) -> frozenset[str]:
        """The events about `issue` (`events_about`), as a set of IRIs made once."""
        about = self._about.get(issue)
        if about is None:
            about = self._about[issue] = frozenset(ev.iri for ev in self.events_about.get(issue, []))
        return about

    def event_text(self, ev: Event) -> str:
        """`event_text` of the event, made once for all the pages of this data."""
        text = self._event_texts.get(ev.iri)
        if text is None:
            text = self._event_texts[ev.iri] = event_text(ev, self)
        return text

    def role_rows(self, ev: Event) -> list[list[str]]:
        """[role, actor's label] of each actor of the event in each of its roles, made once for all the pages of
        this data (an event fused across thousands of articles has as many actors, on every issue page it
        concerns); the rows are shared: copy the list before adding to it."""
        rows = self._role_rows.get(ev.iri)
        if rows is None:
            rows = self._role_rows[ev.iri] = [[ROLE_LABELS[r], self.label(a)] for a in ev.actors
                                              for r in ev.actor_roles(a)]
        return rows

    def sentence_keys(self, evidence: set[str]) -> list[tuple[str, str, bool]]:
        """(sentence, document, inferred) of each piece of `evidence` the store holds, by evidence IRI (a page's
        indices must not follow set order); made once for all the pages of this data."""
        key = frozenset(evidence)
        keys = self._sentence_keys.get(key)
        if keys is None:
            keys = self._sentence_keys[key] = [self.evidence[ev] for ev in sorted(key) if ev in self.evidence]
        return keys

    def _openings(self, store) -> None:
        """Untitled articles are named by the earliest of their sentences the graph holds (often the first)."""
        untitled = {d for d, s in self.sources.items() if s.untitled}
        if not untitled:
            return
        first: dict[str, tuple[int, str]] = {}
        for row in select_rows(store, _starts_query(sorted(untitled))):
            sentence, doc, _ = self.evidence.get(str(row.ev), ("", "", False))
            if doc in untitled and sentence.strip():
                key = (int(row.start), " ".join(sentence.split()))
                first[doc] = min(first.get(doc, key), key)
        for doc, (_, sentence) in first.items():
            self.docs[doc] = (_clip(sentence, OPENING), self.docs[doc][1])



def _grouped(pairs) -> dict[str, list[str]]:
    """subject -> its objects."""
    out: dict[str, list[str]] = defaultdict(list)
    for s, o in pairs:
        out[s].append(o)
    return out


def _starts_query(docs: list[str]) -> str:
    """The offsets of the evidence of `docs`, looked up by document rather than read for every article (the
    documents' IRIs come from the store, so `sparql_term` can always write them)."""
    from rdflib import URIRef

    from ..store.sparql import sparql_term

    values = " ".join(sparql_term(URIRef(d)) for d in docs)
    return (f"SELECT ?ev ?start WHERE {{ VALUES ?doc {{ {values} }} "
            "?ev prov:wasDerivedFrom ?doc ; hl:charStart ?start }")


def _number(value) -> str:
    text = str(value)
    try:
        f = float(text)
    except ValueError:
        return text
    return str(int(f)) if f.is_integer() else f"{f:g}"


def events_by_date(events) -> list[Event]:
    """By date (undated last), then IRI."""
    return sorted(events, key=lambda e: (e.when or "9999", e.iri))


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
