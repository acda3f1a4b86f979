"""SPARQL plumbing shared by the stores: term conversion, parameter binding as RDF terms, result objects."""
from __future__ import annotations

import re
from typing import Mapping

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.namespace import XSD
from rdflib.query import Result
from rdflib.term import Node

_XSD_STRING = str(XSD.string)


def from_ox(term) -> Node | None:
    """rdflib term for an Oxigraph term; xsd:string literals become plain ones (the same in RDF 1.1), so
    they compare equal to what the extractor wrote."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == _XSD_STRING else Literal(term.value, datatype=URIRef(dt))
    if isinstance(term, ox.Triple):  # RDF-star quoted triple: show it as text
        return Literal(str(term))
    raise TypeError(f"unexpected Oxigraph term {term!r}")


def to_ox(term: Node):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise TypeError(f"unexpected rdflib term {term!r}")


_COMMENT = re.compile(r"#[^\n]*")
_STRING = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"|<[^<>\"{}|^`\\\s]*>",
                     re.S)


def _blank_out(text: str) -> str:
    """The query with strings, IRIs and comments masked, so braces inside them are not taken for syntax."""
    masked = _STRING.sub(lambda m: " " * len(m.group()), text)
    return _COMMENT.sub(lambda m: " " * len(m.group()), masked)


def bind_values(query: str, bindings: Mapping[str, Node]) -> str:
    """The query with each parameter bound by a VALUES block at the top of its WHERE clause.

    The values are written by the RDF library (`to_ox` + Oxigraph's own term syntax), never pasted from user text,
    so a label such as `x" } ; DROP ALL #` stays a literal. The block goes first inside WHERE so the engine
    joins on it before anything else (a trailing VALUES would be applied after aggregation).
    """
    if not bindings:
        return query
    names = " ".join(f"?{name}" for name in bindings)
    row = " ".join(str(to_ox(value)) for value in bindings.values())
    block = f" VALUES ({names}) {{ ({row}) }} "
    masked = _blank_out(query)
    m = re.search(r"\bWHERE\s*\{", masked, re.I)
    if m is None:  # `SELECT * { ... }` / `ASK { ... }`
        m = re.search(r"\b(SELECT|ASK|DESCRIBE)\b[^{]*\{", masked, re.I)
    if m is None:
        return query + block
    return query[: m.end()] + block + query[m.end():]


def to_result(result) -> Result:
    """An rdflib `Result` for a pyoxigraph query answer."""
    if isinstance(result, ox.QueryBoolean):
        out = Result("ASK")
        out.askAnswer = bool(result)
        return out
    if isinstance(result, ox.QuerySolutions):
        out = Result("SELECT")
        out.vars = [Variable(v.value) for v in result.variables]
        out.bindings = [
            {var: from_ox(val) for var, val in zip(out.vars, solution) if val is not None} for solution in result
        ]
        return out
    out = Result("CONSTRUCT")
    out.graph = Graph()
    for t in result:
        out.graph.add((from_ox(t.subject), from_ox(t.predicate), from_ox(t.object)))
    return out
