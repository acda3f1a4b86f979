"""Benchmark `guildgraph validate`: cold (no cache) and warm (nothing changed) on built stores, next to the old path.

    .venv/bin/python benchmarks/bench_validate.py STORE [STORE ...] [--pyshacl] [--old STORE]

For each store (opened read-only): the SPARQL engine without the cache, then a first run that writes the cache and
a warm run that reads it (the cache goes to a temporary folder, never beside a store that is not ours). --pyshacl
also times pySHACL (SPARQL constraints parsed once) on the same store; --old times the validate of before issue
15 (pySHACL parsing every SPARQL constraint per focus node, over an rdflib union) in a fresh process. Wall and CPU
seconds: on a shared machine the CPU time is the steadier figure.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

OLD = """
import sys, time
from pyshacl import validate
from graph.reference import ONTOLOGY_DIR, load_reference
from graph.store import open_store
from graph.validate import article_union
from rdflib import Graph
from rdflib.namespace import RDF, SH
t, c = time.perf_counter(), time.process_time()
with open_store(sys.argv[1], read_only=True) as store:
    data = article_union(store)
shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
conforms, report, _ = validate(data, shacl_graph=shapes, ont_graph=load_reference().ontology, inference="none",
                               advanced=True, allow_warnings=True)
n = len(list(report.subjects(RDF.type, SH.ValidationResult)))
print(time.perf_counter() - t, time.process_time() - c, bool(conforms), n)
"""


def timed(fn):
    t, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - t, time.process_time() - c


def articles(store) -> int:
    rows = store.query("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a hl:Document }")
    return int(next(iter(rows))[0])


def line(label: str, n: int, wall: float, cpu: float, result) -> None:
    what = "conforms" if result.conforms else f"{len(result.violations) or '(cached)'} violations"
    print(f"{label:34} {n:>6} articles  wall {wall:7.1f} s  cpu {cpu:7.1f} s  {result.engine:7} {what}", flush=True)


def main() -> None:
    from graph.store import open_store
    from graph.validate import validation

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stores", nargs="+", type=Path)
    ap.add_argument("--pyshacl", action="store_true", help="time the pySHACL engine too")
    ap.add_argument("--old", type=Path, metavar="STORE", help="time the old path on this store")
    args = ap.parse_args()
    for path in args.stores:
        with open_store(path, read_only=True) as store, tempfile.TemporaryDirectory() as cache:
            n = articles(store)
            found = {}
            for label, kwargs in (("sparql, cold (no cache)", {"cache": False}),
                                  ("sparql, first run (writes cache)", {"cache": Path(cache)}),
                                  ("sparql, warm (nothing changed)", {"cache": Path(cache)}),
                                  *([("pyshacl, parse once", {"cache": False, "engine": "pyshacl"})]
                                    if args.pyshacl else [])):
                result, wall, cpu = timed(lambda: validation(store, **kwargs))
                line(label, n, wall, cpu, result)
                found.setdefault(result.engine, result.violations) if not result.cached else None
            if len(found) == 2:
                same = sorted(v.key() for v in found["sparql"]) == sorted(v.key() for v in found["pyshacl"])
                print(f"{'':34} the two engines' violations are {'the same' if same else 'DIFFERENT'}")
    if args.old:
        with open_store(args.old, read_only=True) as store:
            n = articles(store)
        done = subprocess.run([sys.executable, "-c", OLD, str(args.old)], capture_output=True, text=True, cwd=ROOT,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, check=True)
        wall, cpu, conforms, count = done.stdout.split()
        print(f"{'old path (pySHACL, parse per node)':34} {n:>6} articles  wall {float(wall):7.1f} s  cpu "
              f"{float(cpu):7.1f} s  pyshacl {'conforms' if conforms == 'True' else f'{count} violations'}")


if __name__ == "__main__":
    main()
