"""SPARQL text and terms for both stores: one lexer, one term writer, one VALUES binder, Oxigraph <-> rdflib terms."""
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
from ..namespaces import PREFIXES

XSD_STRING = str(XSD.string)
#: A blank node label SPARQL, Turtle and Oxigraph all accept (others are rewritten by `bnode_label`).
BNODE_LABEL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?$")
#: The tokens of a query in which any character may stand: strings and IRIs (group 1), comments (no group). As
#: Oxigraph reads them: escapes inside long strings, `\u` escapes and any non-space character but <>"{}|^`\ in
#: IRIs, a comment ended by CR or LF (graph/query/guard.py relies on the lexer seeing what the engine sees).
_STRING = r"""'''(?:'{0,2}(?:[^'\\]|\\.))*'''|\"\"\"(?:"{0,2}(?:[^"\\]|\\.))*\"\"\"|'(?:[^'\\\n\r]|\\.)*'""" \
          r"""|"(?:[^"\\\n\r]|\\.)*\""""
_IRI = r"""<(?:[^\x00-\x20<>"{}|^`\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>"""
_TOKEN = re.compile(rf"((?P<string>{_STRING})|(?P<iri>{_IRI}))|(?P<comment>#[^\r\n]*)", re.S)
_VARNAME = re.compile(r"^[A-Za-z_0-9\u00B7\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u037D\u037F-\u1FFF\u200C-\u200D"
                      r"\u203F-\u2040\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD]+$")
_LANGUAGE = re.compile(r"[A-Za-z]+(-[A-Za-z0-9]+)*")
_PREFIX_DECL = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.I)


# -- the lexer --------------------------------------------------------------------------------------------------
def mask(text: str) -> str:
    """`text` with its strings, IRIs and comments blanked out (same length), so that what is left is syntax."""
    return _TOKEN.sub(lambda m: " " * len(m.group()), text)


def spans(text: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of each string, IRI and comment of `text`, in order; kind is "string", "iri" or
    "comment"."""
    return [(next(k for k in ("string", "iri", "comment") if m.group(k) is not None), m.start(), m.end())
            for m in _TOKEN.finditer(text)]


def strip_comments(text: str) -> str:
    """`text` without comments: a `#` outside an IRI or a string starts one, even right after `>`."""
    return _TOKEN.sub(lambda m: m.group(1) or "", text)


def query_form(text: str) -> str:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: the first such keyword outside strings, IRIs and comments."""
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", mask(text), re.I)
    return m.group(1).upper() if m else "SELECT"


def with_prefixes(text: str) -> str:
    """The query with PREFIX declarations for the project's prefixes it uses but does not declare (what the local
    store gives Oxigraph as a map)."""
    declared = {m.group(1) or "" for m in _PREFIX_DECL.finditer(text)}
    missing = [(p, iri) for p, iri in PREFIXES.items()
               if p not in declared and re.search(rf"(?<![\w.:-]){re.escape(p)}:", text)]
    if not missing:
        return text
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in missing) + text


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
    """The query with each parameter bound by a VALUES block at the top of its WHERE clause.

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
