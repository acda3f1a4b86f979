"""Guard: refuse before parsing a query the engine cannot survive, or one that would make it fetch from the network.

Oxigraph parses and evaluates a query by recursion on the process's stack, and a query nested or chained deep
enough overflows it: the process dies of SIGSEGV, whatever catches exceptions. The smallest queries that crash
pyoxigraph 0.5.13 on the 8 MB main-thread stack of Linux (benchmarks/crash_thresholds.py measures them):

=====================================================  ================================  ===================
shape                                                  crashes from                      stack per step
=====================================================  ================================  ===================
`FILTER NOT EXISTS { ... }` nested                     837 levels                        9.6 KB
function calls `STR(STR(...))`, `COALESCE(`, `IF(`     962, 925, 962 levels              8.7 KB
`FILTER(EXISTS { ... FILTER( ... ) })` nested          712 levels (2 brackets each)      5.9 KB a bracket
nested groups `{ { ... } }`, `OPTIONAL {`, `GRAPH {`   2,200, 2,950, 2,950 levels        2.8 to 3.8 KB
nested blank nodes `[ :p [ :p ... ] ]`                 3,650 levels                      2.3 KB
nested parentheses `((( ?o )))`                        4,700 levels                      1.8 KB
`1 + 1 + ...`, `{..} UNION {..} ...`, `?o = 1 || ...`  6,900, 6,600, 9,400 terms         1.2, 1.3, 0.9 KB
paths `:p/:p/...`, `:p|:p|...`                         8,200, 11,000 steps               1.0, 0.8 KB
a run of `!`                                           9,400                             0.9 KB
=====================================================  ================================  ===================

(Flat lists do not crash: 100,000 values in `VALUES`, `IN (...)` or `CONCAT(...)` are fine.) So the guard
charges each bracket `{ ( [` 1 unit (about 10 KB of stack, the dearest kind) and each operator or chaining keyword
(`! - + * / | ^ = < > && || UNION OPTIONAL MINUS BIND`) 0.2 unit, kept until its bracket closes, and refuses a
query whose costliest path exceeds MAX_COST = 200 units: 200 nested brackets (4 times under the dearest crash,
11 times under nested groups), a run or chain of 1,000 operators (at least 6 times under), or any mix of them.
Strings and comments do not count (the project's lexer, graph/store/sparql.py, finds them as the engine does);
IRIs do not either, except one that holds a `(`: that is how `1<(...>0)` hides an expression from a lexer, so its
text counts. A query longer than MAX_CHARS is refused outright.

`SERVICE` makes the engine send an HTTP request to the address the query names: refused, unless the IRI is on
the allow-list the caller passes (the operator's `--allow-service URL`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..errors import QueryRefused
from ..namespaces import PREFIXES
from ..store.sparql import spans

#: Characters of query text (a named query is at most 7,000; the endpoint takes 1 MB request bodies).
MAX_CHARS = 200_000
#: Stack units a query's costliest path may need: a bracket costs 1, an operator OPERATOR_COST.
MAX_COST = 200.0
OPERATOR_COST = 0.2

_OPEN, _CLOSE = "{([", "})]"
_EVENT = re.compile(r"[{(\[})\]]|&&|\|\||[!^+\-*/|=<>]"
                    r"|(?<![\w?$:.-])(?:UNION|OPTIONAL|MINUS|BIND)(?![\w:-])", re.I)
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
                           f"the limit is {MAX_COST:g}: {MAX_COST:g} nested brackets, or {MAX_COST / OPERATOR_COST:g} "
                           f"operators in a row, or a mix): split it, or write it flatter")
    for iri in services(text, found):
        allowed = {a.rstrip("/") for a in allow_service}
        if iri is None or iri.rstrip("/") not in allowed:
            what = "SERVICE with a variable" if iri is None else f"SERVICE <{iri}>"
            raise QueryRefused(f"{what} is refused: queries here do not call other SPARQL services"
                               + (f" (allowed: {', '.join(sorted(allow_service))})" if allowed else
                                  " (the operator may allow one with --allow-service URL)"))


def _syntax(text: str, found: list[tuple[str, int, int]]) -> str:
    """`text` with strings, comments and IRIs blanked (same length), but for IRIs that hold a `(` (see above)."""
    out = list(text)
    for kind, start, end in found:
        if kind == "iri" and "(" in text[start:end]:
            out[start] = out[end - 1] = " "
        else:
            out[start:end] = " " * (end - start)
    return "".join(out)


def path_cost(text: str, found: list[tuple[str, int, int]] | None = None) -> tuple[float, int]:
    """(the cost of the costliest path through the query's brackets and operators, the offset where it is)."""
    found = spans(text) if found is None else found
    iris = [(start, end) for kind, start, end in found if kind == "iri"]
    stack: list[float] = []
    cost = worst = 0.0
    where = next_iri = 0
    floor, current = 0, None  # inside an IRI, closers never close what was open before it
    for m in _EVENT.finditer(_syntax(text, found)):
        pos, token = m.start(), m.group()
        while next_iri < len(iris) and iris[next_iri][1] <= pos:
            next_iri += 1
        span = iris[next_iri] if next_iri < len(iris) and iris[next_iri][0] <= pos else None
        if span != current:
            current, floor = span, len(stack) if span else 0
        if token in _OPEN:
            stack.append(cost)
            cost += 1
        elif token in _CLOSE:
            if len(stack) > floor:
                cost = stack.pop()
        else:
            cost += OPERATOR_COST
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


__all__ = ["MAX_CHARS", "MAX_COST", "OPERATOR_COST", "check_query", "path_cost", "services"]
