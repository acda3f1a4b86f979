"""The named queries as the query page's examples: each text with its defaults bound, and notes on what to set.

A parameter with a default is bound as `guildgraph query` binds it (`bind_params`, then a VALUES block at the top
of the WHERE clause, `bind_values`), so the example runs as it is. A parameter without a default cannot be guessed:
the text says, in a comment, which variable to bind and how. The project prefixes a query uses without declaring
them are declared (the endpoint predefines them, but the editor's syntax check does not know that).
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from ..errors import GuildgraphError
from ..query import NamedQuery, bind_params, list_queries
from ..query.named import ACTOR_PARAMS
from ..store.lexer import with_prefixes
from ..store.sparql import bind_values

#: what a VALUES block could hold, as an example, for a parameter without a default
_EXAMPLE_TERMS = {"predicate": "hl:memberOf"}
_ACTOR_EXAMPLE = "hlr:actor/wga"
_LITERAL_EXAMPLE = '"..."'


@dataclass(frozen=True)
class Example:
    name: str
    description: str
    text: str  # the query as the page offers it
    notes: tuple[str, ...]  # one per parameter: bound to its default, or to set


def _split_header(text: str) -> tuple[list[str], str]:
    """(the leading comment lines, the rest)."""
    lines = text.splitlines(keepends=True)
    n = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return lines[:n], "".join(lines[n:])


def declare_prefixes(text: str) -> str:
    """`text` with PREFIX lines, after its leading comment, for the project prefixes it uses without declaring."""
    header, body = _split_header(text)
    return "".join(header) + with_prefixes(body)


def _default_bindings(store, query: NamedQuery) -> dict:
    """The parameters with a default, bound as `guildgraph query` binds them; {} if one cannot be (not in the store)."""
    with_defaults = dataclasses.replace(query, params=tuple(p for p in query.params if p.default is not None))
    try:
        return bind_params(store, with_defaults)
    except GuildgraphError:
        return {}


def _example_term(name: str) -> str:
    if name in ACTOR_PARAMS:
        return _ACTOR_EXAMPLE
    return _EXAMPLE_TERMS.get(name, _LITERAL_EXAMPLE)


def example(store, query: NamedQuery) -> Example:
    """The page's example for one named query."""
    header, body = _split_header(query.text)
    bound = _default_bindings(store, query)
    notes = []
    for p in query.params:
        if p.name in bound:
            notes.append(f"?{p.name} is bound to its default, {p.default}, by the VALUES block at the top of WHERE "
                         "(edit it there).")
        else:
            notes.append(f"?{p.name} ({p.description}) is not set: bind it to an IRI or a literal with a VALUES "
                         f"block at the top of WHERE, e.g. VALUES ?{p.name} {{ {_example_term(p.name)} }}")
    comments = [f"# On this page: {note}\n" for note in notes]
    text = declare_prefixes("".join([*header, *(["#\n"] if comments else []), *comments, bind_values(body, bound)]))
    return Example(query.name, query.description, text, tuple(notes))


def examples(store) -> list[Example]:
    """Every named query as an example, sorted by name."""
    return [example(store, q) for q in list_queries()]


__all__ = ["Example", "declare_prefixes", "example", "examples"]
