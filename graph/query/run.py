"""Query: read-only SPARQL over the store, parameters bound as RDF terms, results as table, CSV, TSV, JSON or XML."""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from rdflib import BNode, Literal, URIRef
from rdflib.query import Result
from rdflib.term import Node

from ..errors import InvalidArgument, UpdateRefused
from ..namespaces import PREFIXES
from ..store.sparql import strip_comments
from .guard import check_query

if TYPE_CHECKING:
    from ..store import Store

RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
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
    if is_update(text):
        raise UpdateRefused("this is a SPARQL update; `guildgraph query` only reads the graph")
    check_query(text, allow_service)
    if max_rows is None:
        return store.query(text, bindings)
    return store.query(text, bindings, max_rows=max_rows)


def _cell(term: Node | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        for prefix, ns in PREFIXES.items():
            if str(term).startswith(ns) and re.fullmatch(r"[\w./-]*", str(term)[len(ns):]):
                return f"{prefix}:{str(term)[len(ns):]}"
        return str(term)
    return str(term)


def _rows(result: Result) -> tuple[list[str], list[list[Node | None]]]:
    names = [str(v) for v in result.vars]
    return names, [[row.get(v) if hasattr(row, "get") else row[i] for i, v in enumerate(result.vars)]
                   for row in result.bindings]


def format_table(result: Result, width: int | None = None) -> str:
    """Aligned columns, IRIs shortened by the standard prefixes; with a `width` (a terminal's), the widest
    columns are cut until the table fits."""
    names, rows = _rows(result)
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


def _json_term(term: Node) -> dict:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype:
        out["datatype"] = str(term.datatype)
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
    names, rows = _rows(result)
    if fmt == "table":
        return format_table(result, width)
    if fmt == "json":
        bindings = [{n: _json_term(c) for n, c in zip(names, row) if c is not None} for row in rows]
        return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False,
                          indent=1) + "\n"
    if fmt == "xml":
        return result.serialize(format="xml").decode("utf-8")
    buf = io.StringIO()
    if fmt == "csv":
        w = csv.writer(buf, lineterminator="\r\n")  # RFC 4180, as SPARQL 1.1 CSV results say
        w.writerow(names)
        w.writerows([["" if c is None else str(c) for c in row] for row in rows])
        return buf.getvalue()
    # TSV results: terms in their Turtle form, per SPARQL 1.1 Query Results CSV and TSV Formats
    buf.write("\t".join("?" + n for n in names) + "\n")
    for row in rows:
        buf.write("\t".join("" if c is None else c.n3() for c in row) + "\n")
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
