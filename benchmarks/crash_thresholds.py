"""The smallest queries of each shape that crash Oxigraph (SIGSEGV: its parser and evaluator recurse on the stack),
next to the largest that graph/query/guard.py lets through; where graph/query/guard.py's table comes from.

Each size is tried in a fresh process (a crash kills only it) on an empty in-memory store, on the main thread's
stack (8 MB on Linux unless `ulimit -s` says otherwise): the size doubles until the process dies, then bisects to
2 %. A shape whose evaluation takes over `--timeout` seconds counts as surviving at that size.

Run: .venv/bin/python benchmarks/crash_thresholds.py [SHAPE ...] [--limit 200000] [--timeout 120]
"""
from __future__ import annotations

import argparse
import subprocess
import sys

from graph.errors import QueryRefused
from graph.query.guard import check_query

SHAPES = {
    "groups": lambda n: "SELECT * WHERE " + "{" * n + " ?s ?p ?o " + "}" * n,
    "parentheses": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * n + "?o" + ")" * n + ") }",
    "function-calls": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "STR(" * n + "?o" + ")" * n + ") }",
    "exists": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "EXISTS { ?s ?p ?o FILTER(" * n + "true"
    + ") }" * n + ") }",
    "not-exists": lambda n: "SELECT * WHERE { ?s ?p ?o " + "FILTER NOT EXISTS { ?s ?p ?o " * n + "}" * n + " }",
    "coalesce": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "COALESCE(" * n + "?o" + ")" * n + ") }",
    "optional": lambda n: "SELECT * WHERE { ?s ?p ?o " + "OPTIONAL { ?s ?p ?o " * n + "}" * n + " }",
    "subqueries": lambda n: "SELECT * WHERE " + "{ SELECT * WHERE " * n + "{ ?s ?p ?o }" + " }" * n,
    "blank-nodes": lambda n: "CONSTRUCT { <urn:s> <urn:p> " + "[ <urn:p> " * n + "1" + " ]" * n + " } WHERE {}",
    "collections": lambda n: "CONSTRUCT { <urn:s> <urn:p> " + "( " * n + "1" + " )" * n + " } WHERE {}",
    "path-parentheses": lambda n: "SELECT * WHERE { ?s " + "(" * n + "<urn:p>" + ")" * n + " ?o }",
    "negations": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * n + "true) }",
    "sums": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + " + ".join(["1"] * n) + " > 0) }",
    "disjunctions": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o = 1"] * n) + ") }",
    "unions": lambda n: "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * n) + " }",
    "path-sequence": lambda n: "SELECT * WHERE { ?s " + "/".join(["<urn:p>"] * n) + " ?o }",
    "path-alternative": lambda n: "SELECT * WHERE { ?s " + "|".join(["<urn:p>"] * n) + " ?o }",
    "triple-patterns": lambda n: "SELECT * WHERE { " + " ".join(f"?s{i} <urn:p> ?s{i + 1} ." for i in range(n)) + " }",
    "object-list": lambda n: "SELECT * WHERE { ?s <urn:p> " + ", ".join(f"?o{i}" for i in range(n)) + " }",
    "collection-in-pattern": lambda n: "SELECT * WHERE { ?s <urn:p> ( " + " ".join(["1"] * n) + " ) }",
    "group-sequence": lambda n: "SELECT * WHERE { " + " ".join(["{ ?s ?p ?o }"] * n) + " }",
    "optional-sequence": lambda n: "SELECT * WHERE { ?s ?p ?o " + " ".join(f"OPTIONAL {{ ?s ?p ?o{i} }}"
                                                                             for i in range(n)) + " }",
    "minus-sequence": lambda n: "SELECT * WHERE { ?s ?p ?o " + "MINUS { ?s ?p ?o } " * n + "}",
    "bind-sequence": lambda n: "SELECT * WHERE { ?s ?p ?o " + " ".join(f"BIND(1 AS ?b{i})" for i in range(n)) + " }",
    "filter-sequence": lambda n: "SELECT * WHERE { ?s ?p ?o " + " ".join(f"FILTER(?o != {i})" for i in range(n)) + " }",
    "in-list": lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(?o IN (" + ",".join(["1"] * n) + ")) }",
    "values": lambda n: "SELECT * WHERE { ?s ?p ?o VALUES ?x { " + " ".join(["1"] * n) + " } }",
}
ENGINE = ("import sys, pyoxigraph as ox\n"
          "r = ox.Store().query(sys.stdin.read())\n"
          "if not isinstance(r, ox.QueryBoolean): list(r)")


def crashes(query: str, timeout: float) -> bool:
    try:
        done = subprocess.run([sys.executable, "-c", ENGINE], input=query, text=True, capture_output=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired:
        return False
    return done.returncode < 0


def threshold(build, limit: int, timeout: float) -> int | None:
    """The smallest size that crashes (to 2 %), None if none up to `limit` does."""
    lo, n = 1, 100
    while not crashes(build(n), timeout):
        lo, n = n, n * 2
        if n > limit:
            return None
    hi = n
    while hi - lo > max(1, lo // 50):
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if crashes(build(mid), timeout) else (mid, hi)
    return hi


def largest_allowed(build, upto: int) -> int:
    lo, hi = 0, upto
    while hi - lo > 1:
        mid = (lo + hi) // 2
        try:
            check_query(build(mid))
            lo = mid
        except QueryRefused:
            hi = mid
    return lo


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("shapes", nargs="*", metavar="SHAPE", help=f"some of: {', '.join(SHAPES)} (default: all)")
    parser.add_argument("--limit", type=int, default=200_000)
    parser.add_argument("--timeout", type=float, default=120)
    args = parser.parse_args()
    if unknown := set(args.shapes) - set(SHAPES):
        parser.error(f"unknown shapes: {', '.join(sorted(unknown))}")
    print(f"{'shape':18} {'crashes from':>12} {'guard allows':>12} {'margin':>7}")
    for name in args.shapes or SHAPES:
        crash = threshold(SHAPES[name], args.limit, args.timeout)
        allowed = largest_allowed(SHAPES[name], crash or args.limit)
        margin = f"{crash / allowed:.1f}x" if crash and allowed else "-"
        print(f"{name:18} {crash or 'none':>12} {allowed:>12} {margin:>7}", flush=True)


if __name__ == "__main__":
    main()
