"""SPARQL terms for both stores: one term writer, one VALUES binder, Oxigraph <-> rdflib terms (the lexer: lexer.py)."""
from __future__ import annotations

import os
import re
from typing import Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

from ..errors import InvalidArgument, ResultTooLarge, StoreError
from .lexer import mask, spans

XSD_STRING = str(XSD.string)
#: Where `bind_values` writes the VALUES block of a query's parameters (a comment: the query runs unbound as well).
VALUES_MARK = "#@values"
#: A blank node label SPARQL, Turtle and Oxigraph all accept (others are rewritten by `bnode_label`).
BNODE_LABEL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
_VARNAME = re.compile(r"^[A-Za-z_0-9\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D"
                      r"\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]+$")
_LANGUAGE = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")


# -- terms ------------------------------------------------------------------------------------------------------
def literal(value: str, datatype: str | None = None, language: str | None = None) -> Literal:
    """An rdflib literal; an xsd:string one plain (the same in RDF 1.1), so it equals what the extractor wrote."""
    if language:
        return Literal(value, lang=language)
    if datatype is None or datatype == XSD_STRING:
        return Literal(value)
    return Literal(value, datatype=URIRef(datatype))


def plain(term: Node) -> Node:
    """`term`, a typed literal rebuilt by `literal` (xsd:string ones plain)."""
    if isinstance(term, Literal) and term.datatype is not None and not term.language:
        return literal(str(term), str(term.datatype))
    return term


def bnode_label(label: str) -> str:
    """`label`, or an injective rewrite of it if SPARQL or Oxigraph cannot spell it (Virtuoso's `nodeID://b10006`)."""
    return label if BNODE_LABEL.match(label) else "x" + label.encode("utf-8").hex()


def _escape_string(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")


def sparql_term(term: Node) -> str:
    """SPARQL syntax for an RDF term, escaped so that no text can leave its literal.

    IRIs use rdflib's `n3()`, which refuses an IRI containing `<`, `>`, `"`, `{`, spaces and the like. Literals
    are always one-line short strings with backslash, double quote, LF and CR escaped (ECHAR): for text with a
    newline rdflib's `n3()` switches to a triple-quoted string and writes a value ending in a backslash and a
    quote with a bare quote before the closing ones, which strict parsers (Oxigraph) reject.
    """
    if isinstance(term, URIRef):
        try:
            return term.n3()
        except Exception as e:  # noqa: BLE001 - rdflib raises a bare Exception for an invalid IRI
            raise InvalidArgument(f"cannot write IRI {str(term)!r} to SPARQL: {e}") from None
    if isinstance(term, Literal):
        text = f'"{_escape_string(str(term))}"'
        if term.language:
            if not _LANGUAGE.fullmatch(term.language):
                raise InvalidArgument(f"invalid language tag {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^{sparql_term(URIRef(term.datatype))}"
        return text
    if isinstance(term, BNode):
        return f"_:{bnode_label(str(term))}"
    if isinstance(term, Variable):
        raise InvalidArgument(f"a variable ({term.n3()}) is not an RDF term")
    raise InvalidArgument(f"cannot write {term!r} to SPARQL")


def from_ox(term) -> Node | None:
    """rdflib term for an Oxigraph term (literals made by `literal`)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        return literal(term.value, term.datatype.value, term.language)
    if isinstance(term, ox.Triple):  # RDF-star quoted triple: show it as text
        return Literal(str(term))
    raise TypeError(f"unexpected Oxigraph term {term!r}")


def to_ox(term: Node):
    """Oxigraph term for an rdflib term (blank node labels as `bnode_label` writes them)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(bnode_label(str(term)))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise TypeError(f"unexpected rdflib term {term!r}")


# -- parameters and results -------------------------------------------------------------------------------------
def bind_values(query: str, bindings: Mapping[str, Node]) -> str:
    """The query with each parameter bound by a VALUES block at the top of its WHERE clause, or in place of each
    `#@values` comment if it has any (a named query marks so the sub-selects that a parameter narrows: Oxigraph
    evaluates a sub-select before joining it, so a VALUES outside it would come after its work for every value).

    Names must be SPARQL variable names and values IRIs or literals; the values are written by `sparql_term`
    (xsd:string literals plain, as the extractor writes them), never pasted from user text, so a label such as
    `x" } ; DROP ALL #` stays a literal. The block goes first inside WHERE so the engine joins on it before
    anything else (a trailing VALUES, like rdflib's `initBindings`, would be applied after aggregation).
    """
    if not bindings:
        return query
    names, row = [], []
    for name, value in bindings.items():
        var = str(name).lstrip("?$")
        if not _VARNAME.match(var):
            raise InvalidArgument(f"invalid SPARQL variable name {str(name)!r}")
        if not isinstance(value, (URIRef, Literal)):
            raise InvalidArgument(f"?{var} must be bound to an IRI or a literal, not {value!r}")
        names.append(f"?{var}")
        row.append(sparql_term(plain(value)))
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(row)}) }} "
    marks = [(start, end) for kind, start, end in spans(query) if kind == "comment" and query[start:end] == VALUES_MARK]
    if marks:
        for start, end in reversed(marks):
            query = query[:start] + block.strip() + query[end:]
        return query
    masked = mask(query)
    m = re.search(r"\bWHERE\s*\{", masked, re.I)
    if m is None:  # `SELECT * { ... }` / `ASK { ... }`
        m = re.search(r"\b(SELECT|ASK|DESCRIBE)\b[^{]*\{", masked, re.I)
    if m is None:
        return query + block
    return query[: m.end()] + block + query[m.end():]


def too_many(count: int, max_rows: int | None, what: str = "rows") -> None:
    """Raise ResultTooLarge if `count` rows (or triples) are over `max_rows` (None: no cap)."""
    if max_rows is not None and count > max_rows:
        raise ResultTooLarge(f"the result has more than {max_rows:,} {what}; add a LIMIT (or narrow the query)")


def _capped(items, max_rows: int | None, what: str):
    for count, item in enumerate(items, 1):
        too_many(count, max_rows, what)
        yield item


def to_result(result, max_rows: int | None = None) -> Result:
    """An rdflib `Result` for a pyoxigraph query answer; over `max_rows` rows (or triples) raise ResultTooLarge, read
    no further than the first row over."""
    if isinstance(result, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(result)
        return out
    if isinstance(result, ox.QuerySolutions):
        out = Result("SELECT")
        out.vars = [Variable(v.value) for v in result.variables]
        out.bindings = [{var: from_ox(val) for var, val in zip(out.vars, solution) if val is not None}
                        for solution in _capped(result, max_rows, "rows")]
        return out
    out = Result("CONSTRUCT")
    out.graph = Graph()
    for t in _capped(result, max_rows, "triples"):
        out.graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return out


def graphs_of(path: str | os.PathLike) -> dict[ox.NamedNode, list[ox.Quad]]:
    """The quads of an N-Quads file (a partition of a cluster build) by named graph, in the file's order."""
    by_graph: dict[ox.NamedNode, list[ox.Quad]] = {}
    try:
        for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS):
            by_graph.setdefault(q.graph_name, []).append(q)
    except (OSError, SyntaxError) as e:
        raise StoreError(f"cannot read {path}: {e}") from e
    return by_graph
