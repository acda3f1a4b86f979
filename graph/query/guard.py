"""Guard: refuse before parsing a query the engine cannot survive, or one that would make it fetch from the network.

Oxigraph parses, plans and evaluates a query by recursion on the process's stack, and a query nested or chained
deep enough overflows it: the process dies of SIGSEGV, whatever catches exceptions. The smallest queries that
crash pyoxigraph 0.5.13 on the 8 MB main-thread stack of Linux (benchmarks/crash_thresholds.py measures them):

=====================================================  ================================  ===================
shape                                                  crashes from                      stack per step
=====================================================  ================================  ===================
`FILTER NOT EXISTS { ... }` nested                     837 levels                        9.6 KB
function calls `STR(STR(...))`, `COALESCE(`, `IF(`     962, 925, 962 levels              8.7 KB
`FILTER(EXISTS { ... FILTER( ... ) })` nested          712 levels (2 brackets each)      5.9 KB a bracket
nested groups `{ { ... } }`, `OPTIONAL {`, `GRAPH {`   2,200, 2,950, 2,950 levels        2.8 to 3.8 KB
`MINUS { }` or `BIND( )` one after the other           2,650                             3.1 KB
nested blank nodes `[ :p [ :p ... ] ]`                 3,650 levels                      2.3 KB
nested parentheses `((( ?o )))`                        4,700 levels                      1.8 KB
`1 + 1 + ...`, `{..} UNION {..} ...`, `?o = 1 || ...`  6,900, 6,600, 9,400 terms         1.2, 1.3, 0.9 KB
triple patterns in one group; paths `:p/:p/...`        8,200 patterns; 8,200 steps       1.0 KB
a run of `!`                                           9,400                             0.9 KB
=====================================================  ================================  ===================

Flat lists do not crash: 100,000 values in `VALUES`, `IN (...)` or `CONCAT(...)` are fine. So the guard follows
each path through the query's brackets and charges what stays on the stack along it: a bracket `{ ( [` 1 unit
(about 10 KB, the dearest kind) while it is open; an operator (`! - + * / | ^ = < > && ||`) 0.2 until its bracket
closes; a term of a triple pattern (a variable, IRI, literal or name in a group, a blank node or a collection)
0.2 until its group closes; a keyword that joins one more piece to its group (`UNION OPTIONAL MINUS BIND FILTER
GRAPH SERVICE`) 0.4, a group inside another 0.2. A query whose costliest path exceeds MAX_COST = 200 units is
refused: that is 200 nested brackets (4 times under the dearest crash, 11 times under nested groups), 1,000
operators in a row or 1,000 terms in a group (at least 6 times under), 500 MINUS or BIND (5 times under), or a
mix. The named queries cost 8 to 17. Strings and comments do not count (the project's lexer,
graph/store/lexer.py, finds them as the engine does); an IRI counts as a term, except one that holds a `(`:
that is how `1<(...>0)` hides an expression from a lexer, so its text counts. VALUES data costs nothing. A query
longer than MAX_CHARS is refused outright.

`SERVICE` makes the engine send an HTTP request to the address the query names: refused, unless the IRI is on
the allow-list the caller passes (the operator's `--allow-service URL`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import QueryRefused
from ..prefixes import PREFIXES
from ..store.lexer import spans

#: Characters of query text (a named query is at most 7,000; the endpoint takes 1 MB request bodies).
MAX_CHARS = 200_000
#: Stack units a query's costliest path may need, and what each thing on the path costs while it lasts.
MAX_COST = 200.0
BRACKET = 1.0  # a bracket { ( [, until it closes
OPERATOR = 0.2  # ! - + * / | ^ = < > && ||, until its bracket closes
TERM = 0.2  # a term of a triple pattern (in a group, a blank node or a collection), until its group closes
KEYWORD = 0.4  # UNION OPTIONAL MINUS BIND FILTER GRAPH SERVICE: one more piece joined to its group
GROUP = 0.2  # a group that closed: one piece of the group around it
_KEYWORDS = {"UNION", "OPTIONAL", "MINUS", "BIND", "FILTER", "GRAPH", "SERVICE"}
_EVENT = re.compile(r"""(?P<open>[{(\[])|(?P<close>[})\]])
    |(?P<term>[?$]\w+|(?:[A-Za-z][\w.-]*)?:(?:[\w.:%-]|\\.)*|_:[\w.-]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)
    |(?P<word>[A-Za-z_]\w*)|(?P<op>&&|\|\||[!^+\-*/|=<>])""", re.X)
_SERVICE = re.compile(r"(?<![\w?$:-])SERVICE(?![\w:-])", re.I)
_SILENT = re.compile(r"\s*(?:SILENT(?![\w:-])\s*)?", re.I)
_PREFIXED = re.compile(r"([A-Za-z][\w.-]*)?:((?:[\w.:%-]|\\.)*)")
_VARIABLE = re.compile(r"[?$]\w")
_PREFIX_DECL = re.compile(r"(?<![\w?$:-])PREFIX\s+([A-Za-z][\w.-]*)?:\s*", re.I)
_UCHAR = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def check_query(text: str, allow_service: Iterable[str] = ()) -> None:
    """Raise QueryRefused (with the reason) for a query too long, nested or chained too deep for the engine, or
    calling a SERVICE that is not in `allow_service`; return None for any other."""
    if len(text) > MAX_CHARS:
        raise QueryRefused(f"the query is {len(text):,} characters long; the limit is {MAX_CHARS:,}")
    found = spans(text)
    cost, at = path_cost(text, found)
    if cost > MAX_COST:
        line = text.count("\n", 0, at) + 1
        raise QueryRefused(f"the query is nested or chained too deep for the engine (cost {cost:g} at line {line}; "
                           f"the limit is {MAX_COST:g}: {MAX_COST / BRACKET:g} nested brackets, or "
                           f"{MAX_COST / OPERATOR:g} operators in a row, or {MAX_COST / TERM:g} terms of triple "
                           "patterns in one group, or a mix): split it, or write it flatter")
    for iri in services(text, found):
        allowed = {a.rstrip("/") for a in allow_service}
        if iri is None or iri.rstrip("/") not in allowed:
            what = "SERVICE with a variable" if iri is None else f"SERVICE <{iri}>"
            raise QueryRefused(f"{what} is refused: queries here do not call other SPARQL services"
                               + (f" (allowed: {', '.join(sorted(allow_service))})" if allowed else
                                  " (the operator may allow one with --allow-service URL)"))


def _syntax(text: str, found: list[tuple[str, int, int]]) -> str:
    """`text` with comments blanked, each string and IRI a one-character term `0` (same length), but for IRIs that
    hold a `(` (see above): their text stays."""
    out = list(text)
    for kind, start, end in found:
        if kind == "iri" and "(" in text[start:end]:
            out[start] = out[end - 1] = " "
        else:
            out[start:end] = ("0" if kind != "comment" else " ") + " " * (end - start - 1)
    return "".join(out)


def path_cost(text: str, found: list[tuple[str, int, int]] | None = None) -> tuple[float, int]:
    """(the cost of the costliest path through the query, the offset where it is): see the module's docstring.

    Each open bracket is a context: a group `{`, an expression `(` (after a keyword or a function's name), a list
    (a blank node `[`, a collection or a path in parentheses), or data (VALUES). Terms count in groups and lists;
    what a list holds stays with its group when it closes (its triples join the group's), a closed group leaves
    GROUP, a closed expression nothing."""
    found = spans(text) if found is None else found
    iris = [(start, end) for kind, start, end in found if kind == "iri"]
    stack: list[tuple[float, str]] = []
    cost = worst = 0.0
    where = next_iri = 0
    floor, current = 0, None  # inside an IRI, closers never close what was open before it
    previous, values = "", False
    for m in _EVENT.finditer(_syntax(text, found)):
        pos, kind, token = m.start(), m.lastgroup, m.group()
        while next_iri < len(iris) and iris[next_iri][1] <= pos:
            next_iri += 1
        span = iris[next_iri] if next_iri < len(iris) and iris[next_iri][0] <= pos else None
        if span != current:
            current, floor = span, len(stack) if span else 0
        context = stack[-1][1] if stack else ""
        if kind == "word" and (token == "a" or token.lower() in ("true", "false")):
            kind = "term"
        if kind == "open":
            if context == "data" or (token == "{" and values):
                opened = "data"
            elif token == "{":
                opened = "group"
            elif token == "[" or (context in ("group", "list") and previous != "word"):
                opened = "list"
            else:
                opened = "expr"
            values = values and token != "{"
            stack.append((cost, opened))
            cost += BRACKET
        elif kind == "close":
            if len(stack) > floor:
                saved, closed = stack.pop()
                cost = {"group": saved + GROUP, "list": cost - BRACKET + TERM}.get(closed, saved)
        elif context == "data":
            pass
        elif kind == "term":
            cost += TERM if context in ("group", "list") else 0.0
        elif kind == "op":
            cost += OPERATOR
        elif token.upper() == "VALUES":
            values = True
        elif token.upper() in _KEYWORDS:
            cost += KEYWORD
        previous = kind
        if cost > worst:
            worst, where = cost, pos
    return round(worst, 3), where


def services(text: str, found: list[tuple[str, int, int]] | None = None) -> list[str | None]:
    """The IRI of each SERVICE the query calls (None for a variable), a prefixed name expanded by the query's
    PREFIX declarations or the project's prefixes; an endpoint it cannot read raises QueryRefused."""
    found = spans(text) if found is None else found
    masked = list(text)
    iri_at = {}
    for kind, start, end in found:
        masked[start:end] = "<" + " " * (end - start - 2) + ">" if kind == "iri" else " " * (end - start)
        if kind == "iri":
            iri_at[start] = _UCHAR.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text[start + 1:end - 1])
    syntax = "".join(masked)
    prefixes = dict(PREFIXES)
    for m in _PREFIX_DECL.finditer(syntax):
        if m.end() in iri_at:
            prefixes[m.group(1) or ""] = iri_at[m.end()]
    out: list[str | None] = []
    for m in _SERVICE.finditer(syntax):
        at = _SILENT.match(syntax, m.end()).end()
        name = _PREFIXED.match(syntax, at)
        if at in iri_at:
            iri = iri_at[at]
        elif _VARIABLE.match(syntax, at):
            iri = None
        elif name and (name.group(1) or "") in prefixes:
            iri = prefixes[name.group(1) or ""] + re.sub(r"\\(.)", r"\1", name.group(2))
        else:
            raise QueryRefused("SERVICE is refused: its endpoint is not an IRI this guard can read")
        if iri is not None and not _SCHEME.match(iri):
            raise QueryRefused(f"SERVICE <{iri}> is refused: give the service's absolute IRI")
        out.append(iri)
    return out


__all__ = ["MAX_CHARS", "MAX_COST", "check_query", "path_cost", "services"]
