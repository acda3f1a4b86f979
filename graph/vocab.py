"""Vocabulary: the hl: terms and the lists every module works from (actor and event classes, roles, relations),
derived once from ontology/hl.ttl, so that a new class or property is declared in the ontology and nowhere else."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS
from rdflib.namespace import ClosedNamespace

from .ontology_files import ontology_dir
from .prefixes import HL_IRI

ONTOLOGY_FILE = ontology_dir() / "hl.ttl"


@dataclass(frozen=True)
class Vocabulary:
    """What ontology/hl.ttl declares, as local names in the order the file declares them."""

    terms: tuple[str, ...]  # every hl: class and property
    actor_classes: tuple[str, ...]  # the most specific subclasses of hl:Actor: what an actor is typed as
    organization_classes: tuple[str, ...]  # those that are organisations
    event_classes: tuple[str, ...]  # the subclasses of hl:Event
    relations: tuple[str, ...]  # object properties from an actor to an actor
    symmetric: frozenset[str]  # owl:SymmetricProperty
    event_roles: tuple[str, ...]  # object properties from an event to an actor
    roles_of: dict[str, tuple[str, ...]]  # event class -> its roles (its own and hl:Event's)
    labels: dict[str, str]  # rdfs:label (English) of every term that has one


def _local(iri) -> str | None:
    return iri[len(HL_IRI):] if isinstance(iri, str) and iri.startswith(HL_IRI) else None


def _file_order(text: str) -> dict[str, int]:
    """Where each hl: term is declared (a subject at the start of a line): the order lists are given in."""
    return {m.group(1): i for i, m in enumerate(re.finditer(r"^hl:(\w+)\s*$", text, re.M))}


_RDF_FIRST, _RDF_REST, _RDF_NIL = (str(RDF.first), str(RDF.rest), str(RDF.nil))


class _Triples:
    """The triples of hl.ttl with the look-ups read_vocabulary needs; IRIs as strings, blank nodes and literals as
    pyoxigraph terms. (pyoxigraph parses the file in ~2 ms where an rdflib Graph took ~35, on every command's
    start: graph.namespaces imports this module.)"""

    def __init__(self, text: str):
        self.objects_of: dict[tuple, list] = {}
        self.subjects_of: dict[tuple, list] = {}
        self.pairs_of: dict[str, list] = {}
        for t in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE):
            s, p, o = (term.value if isinstance(term, ox.NamedNode) else term
                       for term in (t.subject, t.predicate, t.object))
            self.objects_of.setdefault((s, p), []).append(o)
            self.subjects_of.setdefault((p, o), []).append(s)
            self.pairs_of.setdefault(p, []).append((s, o))

    def objects(self, subject, predicate: str) -> list:
        return self.objects_of.get((subject, predicate), [])

    def subjects(self, predicate: str, obj) -> list:
        return self.subjects_of.get((predicate, obj), [])

    def subject_objects(self, predicate: str) -> list:
        return self.pairs_of.get(predicate, [])

    def items(self, head) -> list:
        """The members of the RDF list `head`."""
        out = []
        while head != _RDF_NIL and (first := self.objects(head, _RDF_FIRST)):
            out.append(first[0])
            head = (self.objects(head, _RDF_REST) or [_RDF_NIL])[0]
        return out


def _classes_of(g: _Triples, iri) -> set[str]:
    """The hl: classes a domain or range names, a union of classes included."""
    out = {_local(iri)} if _local(iri) else set()
    for union in g.objects(iri, str(OWL.unionOf)):
        out |= {_local(x) for x in g.items(union) if _local(x)}
    return out


def _below(g: _Triples, cls: str) -> set[str]:
    """hl: classes below `cls`, at any depth."""
    out, todo = set(), [HL_IRI + cls]
    while todo:
        for sub in g.subjects(str(RDFS.subClassOf), todo.pop()):
            name = _local(sub)
            if name and name not in out:
                out.add(name)
                todo.append(sub)
    return out


def read_vocabulary(path: Path = ONTOLOGY_FILE) -> Vocabulary:
    text = path.read_text(encoding="utf-8")
    g = _Triples(text)
    order = _file_order(text)
    rdf_type, object_property = str(RDF.type), str(OWL.ObjectProperty)

    def ordered(names) -> tuple[str, ...]:
        return tuple(sorted(names, key=lambda n: (order.get(n, len(order)), n)))

    declared = {_local(s) for s, _ in g.subject_objects(rdf_type) if _local(s)}
    actors = _below(g, "Actor")
    leaves = {c for c in actors if not _below(g, c)}
    organizations = _below(g, "Organization")
    events = _below(g, "Event")
    domains = {p: set().union(*(_classes_of(g, d) for d in g.objects(HL_IRI + p, str(RDFS.domain))))
               for p in declared}
    ranges = {p: set().union(*(_classes_of(g, r) for r in g.objects(HL_IRI + p, str(RDFS.range))))
              for p in declared}
    object_properties = {_local(s) for s in g.subjects(rdf_type, object_property) if _local(s)}
    actorish = actors | {"Actor"}
    relations = {p for p in object_properties if domains[p] and domains[p] <= actorish and ranges[p]
                 and ranges[p] <= actorish}
    roles = {p for p in object_properties if domains[p] & (events | {"Event"}) and ranges[p] <= actorish
             and ranges[p]}
    roles_of = {e: ordered(p for p in roles if domains[p] & {e, "Event"}) for e in events}
    labels = {_local(s): o.value for s, o in g.subject_objects(str(RDFS.label))
              if _local(s) and isinstance(o, ox.Literal) and o.language in ("en", None)}
    return Vocabulary(
        terms=ordered(declared), actor_classes=ordered(leaves), organization_classes=ordered(leaves & organizations),
        event_classes=ordered(events), relations=ordered(relations),
        symmetric=frozenset(_local(s) for s in g.subjects(rdf_type, str(OWL.SymmetricProperty)) if _local(s)),
        event_roles=ordered(roles), roles_of={e: roles_of[e] for e in ordered(events)}, labels=labels)


def sparql_list(names, separator: str = ", ") -> str:
    """hl: terms for a SPARQL `IN (...)`: "hl:Guild, hl:Studio"; with `separator=" "`, for a `VALUES` block."""
    return separator.join(f"hl:{n}" for n in names)


@functools.lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    return read_vocabulary()


VOCAB = vocabulary()
#: The hl: namespace, closed over what hl.ttl declares: a misspelt term raises AttributeError.
HL = ClosedNamespace(HL_IRI, list(VOCAB.terms))
ACTOR_CLASSES = VOCAB.actor_classes
ORGANIZATION_CLASSES = VOCAB.organization_classes
EVENT_CLASSES = VOCAB.event_classes
RELATIONS = VOCAB.relations
SYMMETRIC = VOCAB.symmetric
EVENT_ROLES = VOCAB.event_roles

__all__ = ["HL", "HL_IRI", "VOCAB", "Vocabulary", "ontology_dir", "read_vocabulary", "vocabulary", "ACTOR_CLASSES",
           "ORGANIZATION_CLASSES", "EVENT_CLASSES", "RELATIONS", "SYMMETRIC", "EVENT_ROLES", "sparql_list"]
