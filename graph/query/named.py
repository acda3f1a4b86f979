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
  resolved to the actor's IRI first (`resolve_actor`) and an unknown name is NotFound, naming the closest ones;
* `predicate`: a property, `memberOf`, `hl:memberOf` or a full IRI;
* anything else: a literal, typed `xsd:integer`, `xsd:decimal` or `xsd:date` when the text has that form.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Mapping

from ..errors import InvalidArgument, NotFound
from .run import answer_text, run_query

if TYPE_CHECKING:
    from rdflib import Literal
    from rdflib.query import Result
    from rdflib.term import Node

__all__ = ["NamedQuery", "QueryParam", "list_queries", "get_query", "run_named", "answer_named", "bind_params",
           "ACTOR_PARAMS"]

#: Parameter names whose value names an actor (resolved to its IRI before binding).
ACTOR_PARAMS = frozenset({"actor", "association", "subject", "object", "organization", "guild", "studio", "person"})

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


def get_query(name: str) -> NamedQuery:
    """The named query `name`; an unknown name is NotFound, listing the closest names."""
    library = _library()
    if name in library:
        return library[name]
    from .resolve import closest

    close = closest(name, library)
    hint = f"; did you mean {', '.join(close)}?" if close else f"; the queries are: {', '.join(library)}"
    raise NotFound(f"no named query {name!r}{hint} (`guildgraph query --list` lists them)")


# -- parameter values -------------------------------------------------------------------------------------------
def _typed(param: QueryParam, value: str) -> Literal:
    """The value as a literal; a parameter whose default is a number takes numbers only."""
    from rdflib.namespace import XSD

    literal = _literal(value)
    expected = _literal(param.default).datatype if param.default is not None else None
    numeric = (XSD.integer, XSD.decimal)
    if expected in numeric and literal.datatype not in numeric:
        raise InvalidArgument(f"--param {param.name} takes a number, not {value!r}")
    return literal


def _literal(value: str) -> Literal:
    from rdflib import Literal
    from rdflib.namespace import XSD

    v = value.strip()
    if re.fullmatch(r"[+-]?\d+", v):
        return Literal(int(v))
    if re.fullmatch(r"[+-]?(\d+\.\d*|\.\d+)", v):
        return Literal(v, datatype=XSD.decimal)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return Literal(v, datatype=XSD.date)
    return Literal(value)


def bind_params(store, query: NamedQuery, params: Mapping[str, str] | None = None) -> dict[str, Node]:
    """The RDF terms to bind for `params` (strings, e.g. from the command line) plus the defaults (rdflib is
    imported for a query that has parameters only)."""
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
            from .resolve import resolve_actor

            bindings[p.name] = resolve_actor(store, value)
        elif p.name == "predicate":
            from .resolve import resolve_property

            bindings[p.name] = resolve_property(value)
        else:
            bindings[p.name] = _typed(p, value)
    return bindings


def run_named(store, name: str, params: Mapping[str, str] | None = None) -> Result:
    """Run the named query `name` with `params` (name → text) bound as RDF terms."""
    query = get_query(name)
    return run_query(store, query.text, bind_params(store, query, params))


def answer_named(store, name: str, params: Mapping[str, str] | None = None, fmt: str = "table",
                 width: int | None = None, *, keep: bool = True) -> str:
    """The answer to the named query `name` as text in `fmt` (`answer_text`: read from Oxigraph's answer where the
    format allows); on a read-only local store kept and read back while its data is the same (`keep`,
    graph/query/answers.py)."""
    from .answers import answer_key, kept_answer

    query = get_query(name)
    bindings = bind_params(store, query, params)
    key = answer_key(store, query.text, bindings, fmt, width) if keep else None
    return kept_answer(store, key, lambda: answer_text(store, query.text, fmt, width, bindings))
