"""Build: facts of one article into its named graph (deterministic IRIs, evidence for every fact)."""
from __future__ import annotations

import hashlib
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from ..extract.facts import ArticleFacts, Event, Evidence, Relation
from ..ingest import Article, slugify
from ..namespaces import HL, HLR, PREFIXES, SCHEMA
from ..reference import Reference, actor_iri


def doc_iri(article: Article) -> URIRef:
    return HLR["doc/" + article.slug]


def graph_iri(article: Article) -> URIRef:
    return HLR["graph/" + article.slug]


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def _decimal(value: float) -> Literal:
    return Literal(Decimal(str(value)).normalize() if value % 1 else Decimal(int(value)), datatype=XSD.decimal)


class _Builder:
    def __init__(self, facts: ArticleFacts, reference: Reference):
        self.facts = facts
        self.reference = reference
        self.article = facts.article
        self.doc = doc_iri(self.article)
        self.triples: dict[tuple, None] = {}  # an ordered set: an rdflib Graph's indexes cost more than they give

    def add(self, s, p, o):
        self.triples[s, p, o] = None

    def evidence(self, ev: Evidence, fact_key: object) -> URIRef:
        node = HLR[f"evidence/{self.article.slug}/{_digest(fact_key, ev.start, ev.end, ev.extractor)}"]
        self.add(node, RDF.type, HL.Evidence)
        self.add(node, PROV.wasDerivedFrom, self.doc)
        self.add(node, HL.sentence, Literal(ev.sentence))
        self.add(node, HL.charStart, Literal(ev.start))
        self.add(node, HL.charEnd, Literal(ev.end))
        self.add(node, HL.extractor, Literal(ev.extractor))
        self.add(node, HL.confidence, _decimal(ev.confidence))
        if ev.inferred:
            self.add(node, HL.inferred, Literal(True))
        return node

    def document(self):
        a = self.article
        self.add(graph_iri(a), PROV.wasDerivedFrom, self.doc)
        self.add(self.doc, RDF.type, HL.Document)
        self.add(self.doc, DCTERMS.identifier, Literal(a.identifier))
        self.add(self.doc, HL.sha256, Literal(a.sha256))
        if a.title:
            self.add(self.doc, DCTERMS.title, Literal(a.title))
        if a.date:
            self.add(self.doc, DCTERMS.date, Literal(a.date, datatype=XSD.date))
        if a.url:
            self.add(self.doc, SCHEMA.url, Literal(a.url, datatype=XSD.anyURI))

    def actors(self):
        for key, info in sorted(self.facts.actors.items()):
            iri = actor_iri(key)
            self.add(iri, HL.mentionedIn, self.doc)
            # type and label travel with every article graph, so a graph read alone still says what it names
            self.add(iri, RDF.type, HL[info.type])
            self.add(iri, RDFS.label, Literal(info.label))
            for alias in sorted(info.aliases - {info.label}):
                self.add(iri, SKOS.altLabel, Literal(alias))
        for notation in sorted(self.facts.issues):
            self.add(self.reference.issues[notation].iri, HL.mentionedIn, self.doc)

    def relation(self, r: Relation):
        s = actor_iri(r.s)
        if r.p == "holdsPosition":
            o = HLR[f"position/{r.s}/{r.o}/{slugify(r.role or 'unnamed')}"]
            self.add(o, RDF.type, HL.Position)
            self.add(o, HL.organization, actor_iri(r.o))
            if r.role:
                self.add(o, HL.roleLabel, Literal(r.role))
        else:
            o = actor_iri(r.o)
        self.add(s, HL[r.p], o)
        stmt = HLR[f"statement/{self.article.slug}/{_digest(s, r.p, o)}"]
        self.add(stmt, RDF.type, RDF.Statement)
        self.add(stmt, RDF.subject, s)
        self.add(stmt, RDF.predicate, HL[r.p])
        self.add(stmt, RDF.object, o)
        if r.via:
            self.add(stmt, HL.filedWith, actor_iri(r.via))
        for ev in r.evidence:
            self.add(stmt, HL.evidence, self.evidence(ev, (r.s, r.p, r.o)))

    def event(self, ev: Event, iri: URIRef, key: str | None):
        self.add(iri, RDF.type, HL[ev.kind])
        if key is not None:
            self.add(iri, HL.sameEventAs, HLR[f"event/{key}"])
        for role, keys in ev.roles.items():
            for k in keys:
                self.add(iri, HL[role], actor_iri(k))
        for k in ev.actors:
            self.add(iri, HL.participant, actor_iri(k))
        for prop, value in ((HL.date, ev.date), (HL.startDate, ev.start), (HL.endDate, ev.end)):
            if value is not None:
                self.add(iri, prop, Literal(value, datatype=XSD.date))
        if ev.start and ev.end:
            self.add(iri, HL.durationDays, Literal((ev.end - ev.start).days))
        for notation in sorted(ev.issues):
            self.add(iri, HL.concernsIssue, self.reference.issues[notation].iri)
        if ev.quote:
            self.add(iri, HL.quote, Literal(ev.quote))
        if ev.status:
            self.add(iri, HL.status, Literal(ev.status))
        if ev.contract:
            self.add(iri, HL.contract, HLR["contract/" + ev.contract])
        if ev.proposal_kind:
            self.add(iri, HL.proposalKind, Literal(ev.proposal_kind))
        for n, term in enumerate(ev.terms, 1):
            t = URIRef(f"{iri}/term-{n}")
            self.add(iri, HL.hasTerm, t)
            self.add(t, RDF.type, HL.Term)
            self.add(t, HL.percent, _decimal(term.percent))
            if term.year is not None:
                self.add(t, HL.contractYear, Literal(term.year))
            if term.issue:
                self.add(t, HL.concernsIssue, self.reference.issues[term.issue].iri)
        for e in ev.evidence:
            self.add(iri, HL.evidence, self.evidence(e, iri))


def _contract(b: "_Builder", c) -> None:
    iri = HLR["contract/" + c.key]
    b.add(iri, RDF.type, HL.Contract)
    b.add(iri, RDFS.label, Literal(c.label))
    for k in c.parties:
        b.add(iri, HL.contractParty, actor_iri(k))
    if c.length_years:
        b.add(iri, HL.lengthYears, Literal(c.length_years))
    if c.expiry:
        b.add(iri, HL.expiryDate, Literal(c.expiry, datatype=XSD.date))
    for e in c.evidence:
        b.add(iri, HL.evidence, b.evidence(e, iri))


def event_iri(ev: Event, article: Article, n: int, key: str | None) -> URIRef:
    """Each article's report of an event is a node of its own, so the dates, figures and evidence an article gives
    stay with it: a dated event is named by the article and its `event_key`, an undated one by its rank."""
    if key is not None:
        return HLR[f"event/{article.slug}/{key}"]
    return HLR[f"event/{article.slug}/{ev.kind.lower()}-{n}"]


def event_key(ev: Event) -> str | None:
    """What the reports of one dated event share (hl:sameEventAs hlr:event/<key>): type, key actor and day; a
    proposal's issues too, as a side puts one proposal per issue on the table on one day. None when undated."""
    day = ev.start if ev.kind == "Strike" else ev.date
    if day is None:
        return None
    key_actor = ev.actors[0] if ev.actors else "unknown"
    issue = "".join(f"/{notation}" for notation in sorted(ev.issues)) if ev.kind == "Proposal" else ""
    return f"{ev.kind.lower()}/{key_actor}/{day.isoformat()}{issue}"


def build_graph(facts: ArticleFacts, reference: Reference) -> Graph:
    """The named graph of one article: its Document, the actors and issues it mentions, and every relation and
    event with evidence."""
    g = Graph()
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    for t in build_triples(facts, reference):
        g.add(t)
    return g


def build_triples(facts: ArticleFacts, reference: Reference) -> list[tuple]:
    """The triples of `build_graph`, in the order they were made (what the store takes)."""
    b = _Builder(facts, reference)
    b.document()
    b.actors()
    for r in sorted(facts.relations, key=lambda r: (r.p, r.s, r.o, r.role or "")):
        b.relation(r)
    for c in facts.contracts:
        _contract(b, c)
    counters: dict[str, int] = {}
    for ev in facts.events:
        counters[ev.kind] = counters.get(ev.kind, 0) + 1
        key = event_key(ev)
        b.event(ev, event_iri(ev, facts.article, counters[ev.kind], key), key)
    return list(b.triples)

