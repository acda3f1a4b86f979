"""Reference data: the curated actors and the bargaining-issue scheme of ontology/, loaded once."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from .errors import StoreError
from .namespaces import HL, HLR
from .ontology_files import REFERENCE_FILES, ontology_dir
from .vocab import ACTOR_CLASSES, ORGANIZATION_CLASSES

ONTOLOGY_DIR = ontology_dir()  # $GUILDGRAPH_ONTOLOGY, else graph/ontology/ when installed, else ontology/ of a checkout
ACTOR_TYPES = ACTOR_CLASSES
ORG_TYPES = frozenset(ORGANIZATION_CLASSES)
ACTOR_PREFIX = str(HLR) + "actor/"


def normalize_quotes(text: str) -> str:
    """Straight quotes for curly ones and a plain hyphen for the Unicode ones ("Screen Actors Guild‐American
    ..."), one character for one so offsets still index the original text."""
    return text.translate(_QUOTES)


_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u2032": "'",
                          "\u2010": "-", "\u2011": "-"})


@dataclass(frozen=True)
class ActorRef:
    key: str
    iri: URIRef
    type: str  # local name of the leaf class: "Guild", "Person" ...
    label: str
    aliases: tuple[str, ...] = ()
    part_of: tuple[str, ...] = ()  # keys of the bodies this one is part of
    member_of: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True)
class IssueRef:
    notation: str
    iri: URIRef
    label: str
    triggers: tuple[str, ...]


@dataclass(frozen=True, eq=False)  # hashed by identity: loaded once, used as a cache key
class Reference:
    actors: dict[str, ActorRef]
    issues: dict[str, IssueRef]
    ontology: Graph  # hl.ttl + issues.ttl
    reference: Graph  # actors.ttl

    def actor_key(self, iri) -> str:
        return str(iri)[len(ACTOR_PREFIX):]


def actor_iri(key: str) -> URIRef:
    return HLR["actor/" + key]


def _load(path: Path) -> Graph:
    g = Graph()
    try:
        g.parse(path, format="turtle")
    except (OSError, SyntaxError, Exception) as e:  # rdflib raises parser-specific types
        raise StoreError(f"cannot read {path}: {e}") from e
    return g


@functools.lru_cache(maxsize=4)
def load_reference(ontology_dir: Path = ONTOLOGY_DIR) -> Reference:
    hl, issues, actors = (_load(ontology_dir / name) for name in REFERENCE_FILES)
    ontology, reference = hl + issues, actors
    leaf = {HL[t]: t for t in ACTOR_TYPES}
    actors = {}
    for iri in sorted(set(reference.subjects(RDF.type, None))):
        types = [leaf[t] for t in reference.objects(iri, RDF.type) if t in leaf]
        if not types or not str(iri).startswith(ACTOR_PREFIX):
            continue
        key = str(iri)[len(ACTOR_PREFIX):]
        label = str(reference.value(iri, RDFS.label))
        aliases = tuple(sorted({str(a) for a in reference.objects(iri, SKOS.altLabel)} - {label}))
        part_of = tuple(sorted(str(o)[len(ACTOR_PREFIX):] for o in reference.objects(iri, HL.partOf)))
        member_of = tuple(sorted(str(o)[len(ACTOR_PREFIX):] for o in reference.objects(iri, HL.memberOf)))
        actors[key] = ActorRef(key, iri, types[0], label, aliases, part_of, member_of)
    issues = {}
    for iri in sorted(set(ontology.subjects(RDF.type, HL.Issue))):
        notation = str(ontology.value(iri, SKOS.notation))
        triggers = {str(t) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel) for t in ontology.objects(iri, p)}
        issues[notation] = IssueRef(notation, iri, str(ontology.value(iri, SKOS.prefLabel)), tuple(sorted(triggers)))
    return Reference(actors, issues, ontology, reference)


def same_as(reference: Reference, key: str) -> list[URIRef]:
    return sorted(reference.reference.objects(actor_iri(key), OWL.sameAs))
