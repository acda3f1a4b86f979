"""Query: read-only SPARQL over the store, parameters bound as RDF terms, results as table, CSV, TSV, JSON or XML."""
from __future__ import annotations

import csv
import io
import json
import re
from collections import namedtuple
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..errors import InvalidArgument, UpdateRefused
from ..prefixes import PREFIXES
from ..store.lexer import query_form, strip_comments
from ..store.local import LocalStore
from .guard import check_query

if TYPE_CHECKING:
    from rdflib.query import Result
    from rdflib.term import Node

    from ..store import Store

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
#: Formats written from Oxigraph's answer as it is (`answer_text`); TSV (terms in Turtle syntax), XML and graphs
#: are written by rdflib.
DIRECT_FORMATS = ("table", "csv", "json")
_XSD = PREFIXES["xsd"]
_XSD_STRING = _XSD + "string"
#: Literals whose lexical form Oxigraph gives as rdflib would write it (`graph/store/sparql.py`'s `literal`), by
#: datatype: any other (a double, a dateTime, a date with a time zone) is written by rdflib, so both ways agree.
_SAME_IN_RDFLIB = {_XSD + "string": None, _XSD + "integer": re.compile(r"-?\d+"),
                   _XSD + "decimal": re.compile(r"-?\d+(\.\d+)?"), _XSD + "date": re.compile(r"\d{4}-\d{2}-\d{2}"),
                   _XSD + "boolean": re.compile(r"true|false")}
_UPDATE = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.I)
_PROLOGUE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*", re.I)


def is_update(text: str) -> bool:
    body = _PROLOGUE.sub("", strip_comments(text), count=1)
    return bool(_UPDATE.match(body))


def run_query(store: Store, text: str, bindings: Mapping[str, Node] | None = None, *,
              allow_service: Iterable[str] = (), max_rows: int | None = None) -> Result:
    """Answer a read-only query. An update is refused (UpdateRefused) so a typo cannot change the graph; a query
    the engine could not survive, or a SERVICE not in `allow_service`, is refused before it is parsed
    (QueryRefused, graph/query/guard.py); more than `max_rows` rows or triples raise ResultTooLarge."""
    _admit(text, allow_service)
    if max_rows is None:
        return store.query(text, bindings)
    return store.query(text, bindings, max_rows=max_rows)


def _admit(text: str, allow_service: Iterable[str]) -> None:
    if is_update(text):
        raise UpdateRefused("this is a SPARQL update; `guildgraph query` only reads the graph")
    check_query(text, allow_service)


def answer_text(store: Store, text: str, fmt: str = "table", width: int | None = None,
                bindings: Mapping[str, Node] | None = None, *, allow_service: Iterable[str] = ()) -> str:
    """`format_result(run_query(...))` in one call. On the local store, a SELECT or ASK in a DIRECT_FORMATS format
    is written from Oxigraph's answer as it is: no rdflib term is made (nor rdflib imported) for it."""
    if fmt in DIRECT_FORMATS and isinstance(store, LocalStore) and query_form(text) in ("SELECT", "ASK"):
        _admit(text, allow_service)
        answer = store.solutions(text, bindings)
        if isinstance(answer, bool):
            return json.dumps({"head": {}, "boolean": answer}) + "\n" if fmt == "json" else f"{str(answer).lower()}\n"
        return _format_rows(*answer, fmt, width)
    return format_result(run_query(store, text, bindings, allow_service=allow_service), fmt, width)


def select_rows(store: Store, text: str, bindings: Mapping[str, Node] | None = None) -> list[tuple]:
    """The rows of a SELECT (`bindings` bound as RDF terms) as named tuples (`row.x`) of lexical forms: IRIs,
    blank node labels and literals as strings, None where unbound. On the local store they are read from
    Oxigraph's answer as it is (no rdflib term made): for the views, which read text, not terms."""
    names, rows = store.solutions(text, bindings)
    make = namedtuple("Row", names)._make
    return [make([None if c is None else lexical(c) for c in r]) for r in rows]


def lexical(term) -> str:
    """The lexical form `_parts` gives, without its look-ups for the terms that are most of an answer: IRIs,
    blank nodes, plain and language-tagged literals (millions of them for the views at 10,000 articles)."""
    kind = type(term)
    if kind is ox.NamedNode or kind is ox.BlankNode or kind is ox.Literal and (
            term.language or term.datatype.value == _XSD_STRING):
        return term.value
    return _parts(term)[1]


def _parts(term) -> tuple[str, str, str | None, str | None]:
    """(kind: "uri", "bnode" or "literal"; lexical form; language; datatype) of an Oxigraph or an rdflib term, as
    rdflib writes them: an xsd:string or language-tagged literal has no datatype."""
    if isinstance(term, ox.NamedNode):
        return "uri", term.value, None, None
    if isinstance(term, ox.BlankNode):
        return "bnode", term.value, None, None
    if isinstance(term, ox.Literal):
        if term.language:
            return "literal", term.value, term.language, None
        datatype = term.datatype.value
        form = _SAME_IN_RDFLIB.get(datatype, False)
        if form is False or form is not None and not form.fullmatch(term.value):
            from ..store.sparql import from_ox  # the rare literal rdflib writes in its own way

            return _parts(from_ox(term))
        return "literal", term.value, None, None if datatype == _XSD + "string" else datatype
    if isinstance(term, ox.Triple):  # RDF-star quoted triple: shown as text, as graph/store/sparql.py does
        return "literal", str(term), None, None
    from rdflib import BNode, Literal, URIRef  # the term is rdflib's, so rdflib is loaded

    if isinstance(term, URIRef):
        return "uri", str(term), None, None
    if isinstance(term, BNode):
        return "bnode", str(term), None, None
    if isinstance(term, Literal):
        return "literal", str(term), term.language, str(term.datatype) if term.datatype and not term.language else None
    return "literal", str(term), None, None


def _cell(term) -> str:
    if term is None:
        return ""
    kind, value, _, _ = _parts(term)
    if kind == "uri":
        for prefix, ns in PREFIXES.items():
            if value.startswith(ns) and re.fullmatch(r"[\w./-]*", value[len(ns):]):
                return f"{prefix}:{value[len(ns):]}"
    return value


def _rows(result: Result) -> tuple[list[str], list[list[Node | None]]]:
    names = [str(v) for v in result.vars]
    return names, [[row.get(v) if hasattr(row, "get") else row[i] for i, v in enumerate(result.vars)]
                   for row in result.bindings]


def format_table(result: Result, width: int | None = None) -> str:
    """Aligned columns, IRIs shortened by the standard prefixes; with a `width` (a terminal's), the widest
    columns are cut until the table fits."""
    return _table(*_rows(result), width)


def _table(names: list[str], rows: list, width: int | None) -> str:
    cells = [[_cell(c).replace("\n", " ") for c in row] for row in rows]
    widths = [max([len(n)] + [len(r[i]) for r in cells]) for i, n in enumerate(names)]
    budget = max((width or 0) - 2 * (len(names) - 1), len(names) * 6)
    while width and sum(widths) > budget and max(widths) > 6:
        widest = widths.index(max(widths))
        widths[widest] -= 1

    def fit(text: str, w: int) -> str:
        return text if len(text) <= w else text[: max(w - 1, 0)] + "\u2026"

    lines = ["  ".join(fit(n, w).ljust(w) for n, w in zip(names, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(fit(c, w).ljust(w) for c, w in zip(r, widths)).rstrip() for r in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _json_term(term) -> dict:
    kind, value, language, datatype = _parts(term)
    out = {"type": kind, "value": value}
    if language:
        out["xml:lang"] = language
    elif datatype:
        out["datatype"] = datatype
    return out


def format_result(result: Result, fmt: str = "table", width: int | None = None) -> str:
    """A query answer as text: SELECT/ASK in `fmt` (SPARQL 1.1 Results JSON/XML, CSV, TSV, or a table);
    CONSTRUCT/DESCRIBE as Turtle whatever `fmt` says."""
    if fmt not in RESULT_FORMATS:
        raise InvalidArgument(f"unknown result format {fmt!r}; choose one of {', '.join(RESULT_FORMATS)}")
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        for prefix, ns in PREFIXES.items():
            result.graph.bind(prefix, ns)
        return result.graph.serialize(format="turtle")
    if result.type == "ASK":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": bool(result.askAnswer)}) + "\n"
        if fmt == "xml":
            return result.serialize(format="xml").decode("utf-8")
        return ("true" if result.askAnswer else "false") + "\n"
    if fmt in DIRECT_FORMATS:
        return _format_rows(*_rows(result), fmt, width)
    names, rows = _rows(result)
    if fmt == "xml":
        return result.serialize(format="xml").decode("utf-8")
    # TSV results: terms in their Turtle form, per SPARQL 1.1 Query Results CSV and TSV Formats
    buf = io.StringIO()
    buf.write("\t".join("?" + n for n in names) + "\n")
    for row in rows:
        buf.write("\t".join("" if c is None else c.n3() for c in row) + "\n")
    return buf.getvalue()


def _format_rows(names: list[str], rows: list, fmt: str, width: int | None) -> str:
    """SELECT rows (rdflib or Oxigraph terms, None where unbound) as a table, CSV or SPARQL 1.1 Results JSON."""
    if fmt == "table":
        return _table(names, rows, width)
    if fmt == "json":
        bindings = [{n: _json_term(c) for n, c in zip(names, row) if c is not None} for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False,
                          indent=1) + "\n"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")  # RFC 4180, as SPARQL 1.1 CSV results say
    w.writerow(names)
    w.writerows([["" if c is None else _parts(c)[1] for c in row] for row in rows])
    return buf.getvalue()


STATS_QUERIES = {
    "articles": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a hl:Document }",
    "actors": "SELECT ?type (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a hl:mentionedIn ?d ; a ?type . "
              "FILTER(?type IN (hl:Guild, hl:Studio, hl:EmployerAssociation, hl:GovernmentAgency, hl:MediaOutlet, "
              "hl:Person)) } GROUP BY ?type ORDER BY ?type",
    "events": "SELECT ?type (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?type ; hl:evidence ?ev . "
              "FILTER(?type IN (hl:Strike, hl:NegotiationSession, hl:Proposal, hl:Agreement, hl:Statement, "
              "hl:LegalAction)) } GROUP BY ?type ORDER BY ?type",
    "relations": "SELECT ?p (COUNT(*) AS ?n) WHERE { ?st a rdf:Statement ; rdf:predicate ?p } "
                 "GROUP BY ?p ORDER BY ?p",
    "issues": "SELECT ?code (COUNT(DISTINCT ?d) AS ?n) WHERE { ?i skos:notation ?code ; hl:mentionedIn ?d } "
              "GROUP BY ?code ORDER BY DESC(?n) ?code",
}


def stats(store: Store) -> dict:
    """Counts a user checks after a build: articles, graphs, triples, actors, events, relations, issues."""
    out = {"graphs": len(store.graph_names()), "quads": len(store)}
    for name, q in STATS_QUERIES.items():
        rows = list(store.query(q))
        if name == "articles":
            out[name] = int(rows[0][0]) if rows else 0
        else:
            out[name] = {_cell(r[0]).split(":", 1)[-1]: int(r[1]) for r in rows}
    return out
