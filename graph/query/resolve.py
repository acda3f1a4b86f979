"""Names a user types (an actor's label or alias, an issue's notation, a property) to the IRIs the graph uses.

One resolver for the whole product: `guildgraph query --param actor=...`, `guildgraph view --focus ...` and the
library agree on what a name means and on the error a wrong one gets (NotFound, with the closest names).
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable

from rdflib import Literal, URIRef

from ..errors import InvalidArgument, NotFound
from ..namespaces import HL_IRI, PREFIXES
from ..vocab import ACTOR_CLASSES, RELATIONS, VOCAB, sparql_list

#: Properties offered for a `predicate` parameter: the relations and the position an actor holds.
PROPERTIES = (*RELATIONS, "holdsPosition")

_ACTOR_NAMES = f"""
SELECT DISTINCT ?actor ?kind WHERE {{
  {{ ?actor rdfs:label ?name BIND("label" AS ?kind) }} UNION {{ ?actor skos:altLabel ?name BIND("alias" AS ?kind) }}
  ?actor a ?class . FILTER(?class IN ({sparql_list(ACTOR_CLASSES)}))
}}"""

_ACTOR_NAMES_ANY_CASE = f"""
SELECT DISTINCT ?actor ?kind WHERE {{
  GRAPH ?g {{ ?actor a ?class .
    {{ ?actor rdfs:label ?l BIND("label" AS ?kind) }} UNION {{ ?actor skos:altLabel ?l BIND("alias" AS ?kind) }} }}
  FILTER(?class IN ({sparql_list(ACTOR_CLASSES)}))
  FILTER(LCASE(STR(?l)) = LCASE(STR(?name)))
}}"""

_EVERY_ACTOR_NAME = f"""
SELECT DISTINCT ?l WHERE {{
  GRAPH ?g {{ ?actor a ?class . {{ ?actor rdfs:label ?l }} UNION {{ ?actor skos:altLabel ?l }} }}
  FILTER(?class IN ({sparql_list(ACTOR_CLASSES)}))
}}"""

_ISSUES = "SELECT DISTINCT ?issue ?notation WHERE { ?issue a hl:Issue ; skos:notation ?notation }"


def closest(word: str, candidates: Iterable[str], n: int = 5) -> list[str]:
    """Up to `n` of `candidates` that look like `word` (case-insensitive), best first."""
    lowered: dict[str, str] = {}
    for c in sorted(candidates):
        lowered.setdefault(c.casefold(), c)
    return [lowered[f] for f in difflib.get_close_matches(word.casefold(), list(lowered), n=n, cutoff=0.5)]


def as_iri(value: str) -> URIRef | None:
    """`value` as an IRI when it is written as one (`https://...`, `<...>`, or `prefix:local`)."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        v = v[1:-1]
    if re.match(r"^https?://[^\s<>\"{}|\\^`]+$", v):
        return URIRef(v)
    m = re.match(r"^([A-Za-z][\w-]*):([^\s<>\"{}|\\^`]*)$", v)
    if m and m.group(1) in PREFIXES:
        return URIRef(PREFIXES[m.group(1)] + m.group(2).replace("\\/", "/"))
    return None


def resolve_actor(store, name: str, prefer: Collection[str] | None = None) -> URIRef:
    """The actor called `name`: its rdfs:label or a skos:altLabel, case-insensitively, or an IRI as it is.

    Where several actors have the name, one that has it as its label wins, then one of `prefer` (e.g. the actors
    a view can show); if several remain the name is ambiguous (InvalidArgument listing them). An unknown name is
    NotFound with the closest names. The name is bound as a literal, never pasted into the query."""
    name = name.strip()
    iri = as_iri(name)
    if iri is not None:
        return iri
    # the name as written first (an index lookup), then compared lowercased with every label and alias
    rows = list(store.query(_ACTOR_NAMES, {"name": Literal(name)})) or \
        list(store.query(_ACTOR_NAMES_ANY_CASE, {"name": Literal(name)}))
    hits = sorted({str(r[0]) for r in rows})
    for narrower in (sorted({str(r[0]) for r in rows if str(r[1]) == "label"}),
                     [a for a in hits if prefer is not None and a in prefer]):
        if narrower:
            hits = [a for a in hits if a in narrower]
        if len(hits) == 1:
            return URIRef(hits[0])
    if hits:
        raise InvalidArgument(f"the name {name!r} fits several actors: {', '.join(hits)}; give one of these IRIs")
    close = closest(name, (str(r[0]) for r in store.query(_EVERY_ACTOR_NAME)))
    hint = f"; closest names: {', '.join(close)}" if close else ""
    raise NotFound(f"no actor is called {name!r}{hint}")


def resolve_issue(store, notation: str) -> URIRef:
    """The bargaining issue with skos:notation `notation` (case-insensitive), or an IRI as it is."""
    issues = {str(r[1]): URIRef(str(r[0])) for r in store.query(_ISSUES)}
    if as_iri(notation) in issues.values():
        return as_iri(notation)
    folded = {n.casefold(): iri for n, iri in issues.items()}
    if notation.strip().casefold() in folded:
        return folded[notation.strip().casefold()]
    close = closest(notation, issues)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise NotFound(f"no issue with notation {notation!r}{hint}; valid: {', '.join(sorted(issues)) or '(none)'}")


def resolve_property(value: str) -> URIRef:
    """A property given as `memberOf`, `hl:memberOf` or an IRI."""
    iri = as_iri(value)
    if iri is not None and not (iri.startswith(HL_IRI) and iri[len(HL_IRI):] not in VOCAB.terms):
        return iri
    value = iri[len(HL_IRI):] if iri is not None else value  # hl:strikes: a term the ontology does not have
    known = {r.lower(): r for r in PROPERTIES}
    if value.strip().lower() in known:
        return URIRef(HL_IRI + known[value.strip().lower()])
    close = closest(value, PROPERTIES)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; e.g. {', '.join(PROPERTIES)}"
    raise InvalidArgument(f"{value!r} is not a property name{hint}")
