"""Named queries: a library of SPARQL files (graph/query/rq/*.rq) run with parameters bound as RDF terms.

Each file is one query whose header comment describes it:

    # One-line description
    # param actor: the actor, by name or alias (case-insensitive) or IRI
    # param max_days: how far apart two dates may be [default: 31]
    # (any further comment lines are notes)

The query refers to a parameter as the variable of the same name (`?actor`). `run_named` binds every parameter
with `store.query(text, bindings)` (a VALUES block written by the RDF library, never text pasted into the query),
so a value such as `x" } ; DROP ALL ; #` stays data. A parameter is turned into an RDF term by its name:

* `actor`, `association`, `subject`, `object`, `organization`, `guild`, `studio`, `person`: an actor, given by its
  `rdfs:label` or any `skos:altLabel` (case-insensitive) or by IRI (`https://...` or `hlr:actor/wga`); the name is
  resolved to the actor's IRI first (`resolve_actor`) and an unknown name is a UsageError naming the closest ones;
* `predicate`: a property, `memberOf`, `hl:memberOf` or a full IRI;
* anything else: a literal, typed `xsd:integer`, `xsd:decimal` or `xsd:date` when the text has that form.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Mapping

from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from ..errors import InvalidArgument, NotFound
from ..namespaces import HL_IRI, PREFIXES
from .run import run_query

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["NamedQuery", "QueryParam", "list_queries", "get_query", "run_named", "bind_params", "resolve_actor",
           "resolve_predicate", "ACTOR_PARAMS"]

#: Parameter names whose value names an actor (resolved to its IRI before binding).
ACTOR_PARAMS = frozenset({"actor", "association", "subject", "object", "organization", "guild", "studio", "person"})
#: The actor classes of the vocabulary contract (every actor has exactly one).
ACTOR_CLASSES = ("Guild", "Studio", "EmployerAssociation", "GovernmentAgency", "MediaOutlet", "Person")
#: Relations offered as suggestions for an unknown predicate.
RELATIONS = ("memberOf", "negotiatesWith", "strikesAgainst", "supports", "partOf", "filedChargeAgainst",
             "holdsPosition")

_PARAM = re.compile(r"^#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*?)\s*(?:\[default:\s*(.*?)\s*\])?\s*$")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@dataclass(frozen=True)
class QueryParam:
    name: str
    description: str
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[QueryParam, ...]
    text: str

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)


def _parse(name: str, text: str) -> NamedQuery:
    lines = text.splitlines()
    if not lines or not lines[0].startswith("#") or not lines[0].lstrip("#").strip():
        raise ValueError(f"named query {name!r}: line 1 must be '# <one-line description>'")
    description = lines[0].lstrip("#").strip()
    params: list[QueryParam] = []
    for line in lines[1:]:
        if not line.startswith("#"):
            break
        m = _PARAM.match(line)
        if m:
            params.append(QueryParam(m.group(1), m.group(2), m.group(3)))
    return NamedQuery(name, description, tuple(params), text)


def _library() -> dict[str, NamedQuery]:
    out = {}
    for entry in resources.files(__package__).joinpath("rq").iterdir():
        if entry.name.endswith(".rq") and entry.is_file():
            name = entry.name[:-3]
            out[name] = _parse(name, entry.read_text(encoding="utf-8"))
    return dict(sorted(out.items()))


def list_queries() -> list[NamedQuery]:
    """Every named query, sorted by name."""
    return list(_library().values())


def _closest(word: str, candidates, n: int = 5) -> list[str]:
    candidates = list(candidates)
    lowered = {c.lower(): c for c in candidates}
    found = difflib.get_close_matches(word.lower(), list(lowered), n=n, cutoff=0.5)
    return [lowered[f] for f in found]


def get_query(name: str) -> NamedQuery:
    """The named query `name`; an unknown name is a UsageError listing the closest names."""
    library = _library()
    if name in library:
        return library[name]
    close = _closest(name, library)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; the queries are: {', '.join(library)}"
    raise NotFound(f"no named query {name!r}{hint} (`guildgraph query --list` lists them)")


# -- parameter values -------------------------------------------------------------------------------------------
def _iri(value: str) -> URIRef | None:
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


_LABELS_EXACT = """
SELECT DISTINCT ?actor ?kind WHERE {
  VALUES ?class { %s }
  { ?actor rdfs:label ?name BIND("label" AS ?kind) } UNION { ?actor skos:altLabel ?name BIND("alias" AS ?kind) }
  ?actor a ?class .
}""" % " ".join(f"hl:{c}" for c in ACTOR_CLASSES)

_LABELS_LIKE = """
SELECT DISTINCT ?actor ?kind WHERE {
  VALUES ?class { %s }
  GRAPH ?g { ?actor a ?class .
             { ?actor rdfs:label ?l BIND("label" AS ?kind) } UNION { ?actor skos:altLabel ?l BIND("alias" AS ?kind) } }
  FILTER(LCASE(STR(?l)) = LCASE(STR(?name)))
}""" % " ".join(f"hl:{c}" for c in ACTOR_CLASSES)

_ALL_NAMES = """
SELECT DISTINCT ?l WHERE {
  VALUES ?class { %s }
  GRAPH ?g { ?actor a ?class . { ?actor rdfs:label ?l } UNION { ?actor skos:altLabel ?l } }
}""" % " ".join(f"hl:{c}" for c in ACTOR_CLASSES)


def resolve_actor(store: Store, name: str) -> URIRef:
    """The IRI of the actor called `name` (its rdfs:label or a skos:altLabel, compared lowercased; an IRI is taken
    as it is). The name is bound as a literal, never pasted into the query. Unknown → UsageError with the closest
    names; a name shared by several actors → UsageError listing them (unless exactly one has it as its label)."""
    name = name.strip()
    iri = _iri(name)
    if iri is not None:
        return iri
    # the name as written first (an index lookup), then compared lowercased with every label and alias
    rows = list(store.query(_LABELS_EXACT, {"name": Literal(name)})) or \
        list(store.query(_LABELS_LIKE, {"name": Literal(name)}))
    by_label = sorted({str(r[0]) for r in rows if str(r[1]) == "label"})
    anywhere = sorted({str(r[0]) for r in rows})
    if len(by_label) == 1:
        return URIRef(by_label[0])
    if len(anywhere) == 1:
        return URIRef(anywhere[0])
    if anywhere:
        raise InvalidArgument(f"the name {name!r} fits several actors: {', '.join(anywhere)}; give one of these IRIs")
    names = sorted({str(r[0]) for r in store.query(_ALL_NAMES)})
    close = _closest(name, names)
    hint = f"; closest names: {', '.join(close)}" if close else ""
    raise NotFound(f"no actor is called {name!r}{hint}")


def resolve_predicate(value: str) -> URIRef:
    """A property given as `memberOf`, `hl:memberOf` or an IRI."""
    iri = _iri(value)
    if iri is not None:
        return iri
    if re.match(r"^[A-Za-z][A-Za-z0-9_]*$", value.strip()):
        local = value.strip()
        known = {r.lower(): r for r in RELATIONS}
        return URIRef(HL_IRI + known.get(local.lower(), local))
    close = _closest(value, RELATIONS)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; e.g. {', '.join(RELATIONS)}"
    raise InvalidArgument(f"{value!r} is not a property name{hint}")


def _literal(value: str) -> Literal:
    v = value.strip()
    if re.fullmatch(r"[+-]?\d+", v):
        return Literal(int(v))
    if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+)", v):
        return Literal(v, datatype=XSD.decimal)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return Literal(v, datatype=XSD.date)
    return Literal(value)


def bind_params(store: Store, query: NamedQuery, params: Mapping[str, str] | None = None) -> dict[str, Node]:
    """The RDF terms to bind for `params` (strings, e.g. from the command line) plus the defaults."""
    params = dict(params or {})
    declared = {p.name for p in query.params}
    unknown = sorted(set(params) - declared)
    if unknown:
        takes = ", ".join(sorted(declared)) if declared else "no parameters"
        raise InvalidArgument(f"query {query.name!r} has no parameter {', '.join(unknown)} (it takes {takes})")
    bindings: dict[str, Node] = {}
    for p in query.params:
        value = params.get(p.name, p.default)
        if value is None:
            raise InvalidArgument(f"query {query.name!r} needs --param {p.name}=VALUE ({p.description})")
        if p.name in ACTOR_PARAMS:
            bindings[p.name] = resolve_actor(store, value)
        elif p.name == "predicate":
            bindings[p.name] = resolve_predicate(value)
        else:
            bindings[p.name] = _literal(value)
    return bindings


def run_named(store: Store, name: str, params: Mapping[str, str] | None = None) -> Result:
    """Run the named query `name` with `params` (name → text) bound as RDF terms."""
    query = get_query(name)
    return run_query(store, query.text, bind_params(store, query, params))
