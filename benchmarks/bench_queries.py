"""Benchmark (not a test): every named query on a synthetic store of ~1M triples, Oxigraph vs rdflib in memory;
or, with --store, every named query on a built store, and the command line's start-up.

    .venv/bin/python benchmarks/bench_queries.py                  # ~1M triples (a few minutes)
    .venv/bin/python benchmarks/bench_queries.py --triples 100000 # a quick check
    .venv/bin/python benchmarks/bench_queries.py --store STORE    # a built store (e.g. 1,000 synth.py articles)

--store: each named query (the parameters below) is timed as `guildgraph query --name` runs it, the median of
--repeat runs (default 5 there): "engine" is Oxigraph answering and its rows read (`LocalStore.solutions`),
"rdflib" the same answer converted to rdflib terms (`run_named`); a trivial query (one COUNT of one type) is the
yardstick; --against REV times each query's text at git revision REV as well, right after (the same load). Then
the wall time of `python -c pass`, `guildgraph --help` and a trivial `guildgraph query` on the
store, each the median of --repeat fresh processes (hyperfine gives finer figures: docs/SCALE.md).

The synthetic store has the corpus graph's shape: the bundled corpus is built once (or `--from STORE` is read), its
ontology, reference and other non-article graphs are kept once, and its article graphs are copied again and again
with renamed IRIs (documents, graphs, events, evidence, statements; a seeded random half of the actors found by NER
only get new names and labels per copy, the curated actors stay shared as in a real corpus), every date of a copy
shifted by the same random number of days (so dated events fuse across some copies, as reports of one event do) and,
in one copy in ten, the contract figures nudged (so there are conflicting figures to find).

Each named query runs with the parameters the tests use (actor=WGA ...), bound the way `run_named` binds them:
* Oxigraph: `LocalStore.query` on the on-disk store (best of --repeat runs, result converted to rdflib terms);
* rdflib: the same query text on an rdflib `Dataset` (default_union=True) holding the same quads, in a forked
  child process that is killed after --rdflib-timeout seconds (reported as timed out). Two children run at a
  time (rdflib is single-threaded), after all Oxigraph timings, so they do not disturb those.
The row counts of both engines are printed side by side as a sanity check.
"""
from __future__ import annotations

import argparse
import gc
import hashlib
import multiprocessing as mp
import os
import random
import re
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # a script run from anywhere reads this checkout's graph/

from graph.namespaces import HLR_IRI  # noqa: E402 - after the sys.path line above
from graph.query import bind_params, list_queries  # noqa: E402 - after the sys.path line above
from graph.store import LocalStore  # noqa: E402 - after the sys.path line above
from graph.store.sparql import bind_values, from_ox  # noqa: E402 - after the sys.path line above

TRIVIAL = "SELECT (COUNT(*) AS ?n) WHERE { ?d a hl:Document }"

PARAMS = {
    "actor-timeline": {"actor": "WGA"},
    "articles-mentioning": {"actor": "Netflix"},
    "statements-by-actor": {"actor": "WGA"},
    "actor-fact-support": {"actor": "WGA"},
    "fact-evidence": {"subject": "Netflix", "predicate": "memberOf", "object": "AMPTP"},
}
XSD_DATE = "http://www.w3.org/2001/XMLSchema#date"
XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"
PERCENT = "https://w3id.org/hollywood-labor/ontology#percent"
IDENTIFIER = "http://purl.org/dc/terms/identifier"
SHA256 = "https://w3id.org/hollywood-labor/ontology#sha256"
LABELS = {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#altLabel"}
ACTOR_CLASSES = {f"https://w3id.org/hollywood-labor/ontology#{c}" for c in
                 ("Guild", "Studio", "EmployerAssociation", "GovernmentAgency", "MediaOutlet", "Person")}
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


# -- the template: the corpus graph ---------------------------------------------------------------------------------
def template_quads(source: Path | None, workdir: Path) -> list[ox.Quad]:
    if source is None:
        from graph.pipeline import build

        source = workdir / "corpus-store"
        with LocalStore(source) as store:
            t = time.perf_counter()
            build([ROOT / "corpus"], store, workdir / "corpus-exports")
            print(f"built the corpus in {time.perf_counter() - t:.1f} s", flush=True)
    store = ox.Store.read_only(str(source))
    quads = [q for q in store if isinstance(q.graph_name, ox.NamedNode)]
    del store
    return quads


class Copier:
    """Rewrites the article quads of the template into copy number k (copy 0 is the corpus itself)."""

    def __init__(self, quads: list[ox.Quad], seed: int):
        # an article's graph says which document it was derived from; the others (ontology, reference data,
        # build information) are copied once
        article_graphs = {q.graph_name.value for q in quads
                          if q.predicate.value == DERIVED_FROM and q.subject == q.graph_name}
        self.fixed = [q for q in quads if q.graph_name.value not in article_graphs]
        self.articles = [q for q in quads if q.graph_name.value in article_graphs]
        self.slugs = {q.graph_name.value[len(HLR_IRI) + len("graph/"):] for q in self.articles}
        reference_actors = {q.subject.value for q in self.fixed
                            if q.predicate.value == RDF_TYPE and q.object.value in ACTOR_CLASSES}
        ner_actors = {q.subject.value for q in self.articles
                      if q.predicate.value == RDF_TYPE and q.object.value in ACTOR_CLASSES} - reference_actors
        self.ner_keys = sorted(a[len(HLR_IRI) + len("actor/"):] for a in ner_actors)
        self.rng = random.Random(seed)

    def copy(self, k: int):
        rng = self.rng
        if k == 0:
            yield from self.articles
            return
        shift = timedelta(days=rng.randint(-400, 400))
        renamed = {key for key in self.ner_keys if rng.random() < 0.5}
        nudge = rng.random() < 0.1
        renamed_iris = {f"{HLR_IRI}actor/{key}" for key in renamed}
        cache: dict[str, ox.NamedNode] = {}

        def segment(seg: str, kind: str) -> str:
            if seg in self.slugs or seg in renamed:
                return f"{seg}-k{k}"
            if kind == "event" and _DAY.match(seg):
                return (date.fromisoformat(seg) + shift).isoformat()
            return seg

        def iri(node):
            if not isinstance(node, ox.NamedNode) or not node.value.startswith(HLR_IRI):
                return node
            out = cache.get(node.value)
            if out is None:
                segs = node.value[len(HLR_IRI):].split("/")
                out = ox.NamedNode(HLR_IRI + "/".join(segment(s, segs[0]) for s in segs))
                cache[node.value] = out
            return out

        for q in self.articles:
            s, p, o = q.subject, q.predicate, q.object
            if isinstance(o, ox.Literal):
                dt = o.datatype.value
                if dt == XSD_DATE:
                    o = ox.Literal((date.fromisoformat(o.value) + shift).isoformat(), datatype=o.datatype)
                elif p.value == PERCENT and nudge and dt == XSD_DECIMAL:
                    value = Decimal(o.value) + Decimal(rng.choice(("-1", "-0.5", "0.5", "1")))
                    o = ox.Literal(str(value.normalize()), datatype=o.datatype)
                elif p.value == IDENTIFIER:
                    o = ox.Literal(re.sub(r"(\.\w+)?$", rf"-k{k}\1", o.value, count=1))
                elif p.value == SHA256:
                    o = ox.Literal(hashlib.sha256(f"{o.value}/{k}".encode()).hexdigest())
                elif p.value in LABELS and s.value in renamed_iris:
                    o = ox.Literal(f"{o.value} {k}", language=o.language) if o.language else \
                        ox.Literal(f"{o.value} {k}")
            yield ox.Quad(iri(s), p, iri(o), iri(q.graph_name))


def generate(copier: Copier, target: int) -> tuple[list[ox.Quad], int]:
    quads = list(copier.fixed)
    k = 0
    while len(quads) < target:
        quads.extend(copier.copy(k))
        k += 1
    return quads, k


# -- the engines ----------------------------------------------------------------------------------------------------
_DATASET = None  # the rdflib Dataset, inherited by the forked children


def load_rdflib(quads: list[ox.Quad]):
    from rdflib import Dataset, URIRef

    ds = Dataset(default_union=True)
    graphs: dict[str, object] = {}

    def ctx(name: str):
        g = graphs.get(name)
        if g is None:
            g = graphs[name] = ds.graph(URIRef(name))
        return g

    terms: dict = {}

    def term(t):
        out = terms.get(t)
        if out is None:
            out = terms[t] = from_ox(t)
        return out

    ds.addN((term(q.subject), term(q.predicate), term(q.object), ctx(q.graph_name.value)) for q in quads)
    return ds


def _rdflib_child(text: str, conn) -> None:
    try:
        t = time.perf_counter()
        n = len(list(_DATASET.query(text)))
        conn.send(("ok", time.perf_counter() - t, n))
    except BaseException as e:  # noqa: BLE001 - any failure is a row of the table, not a crash
        conn.send(("error", 0.0, f"{type(e).__name__}: {e}"[:80]))
    finally:
        conn.close()


def time_rdflib(jobs: list[tuple[str, str]], timeout: float, parallel: int) -> dict[str, tuple]:
    """{name: ("ok", seconds, rows) | ("timeout", timeout, None) | ("error", 0, message)}"""
    ctx = mp.get_context("fork")
    pending = list(jobs)
    running: dict[str, tuple] = {}
    results: dict[str, tuple] = {}
    while pending or running:
        while pending and len(running) < parallel:
            name, text = pending.pop(0)
            parent, child = ctx.Pipe(duplex=False)
            proc = ctx.Process(target=_rdflib_child, args=(text, child), daemon=True)
            proc.start()
            child.close()
            running[name] = (proc, parent, time.perf_counter())
        time.sleep(0.05)
        for name, (proc, conn, started) in list(running.items()):
            if conn.poll():
                results[name] = conn.recv()
            elif time.perf_counter() - started > timeout:
                proc.kill()
                results[name] = ("timeout", timeout, None)
            elif not proc.is_alive() and not conn.poll():
                results[name] = ("error", 0.0, f"child exited with {proc.exitcode}")
            else:
                continue
            proc.join()
            conn.close()
            del running[name]
    return results


# -- a built store --------------------------------------------------------------------------------------------------
def _median_ms(fn, repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `fn()` (CPU: this process's and its finished children's, user and
    system; Oxigraph answers in the calling thread, so CPU time tells the work apart from the machine's load)."""
    import resource

    def cpu() -> float:
        return sum(resource.getrusage(who).ru_utime + resource.getrusage(who).ru_stime
                   for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    walls, cpus = [], []
    for _ in range(repeat):
        t, c = time.perf_counter(), cpu()
        fn()
        walls.append(time.perf_counter() - t)
        cpus.append(cpu() - c)
    return statistics.median(walls) * 1000, statistics.median(cpus) * 1000


def _ms(wall_cpu: tuple[float, float]) -> str:
    return f"{wall_cpu[0]:>8.1f} / {wall_cpu[1]:>6.1f} ms"


def _query_at(revision: str, name: str):
    """The named query `name` as the .rq file of git `revision` has it (None if it has none)."""
    import subprocess

    from graph.query.named import _parse

    done = subprocess.run(["git", "show", f"{revision}:graph/query/rq/{name}.rq"], cwd=ROOT, capture_output=True,
                          text=True)
    return _parse(name, done.stdout) if done.returncode == 0 else None


def time_store(path: Path, repeat: int, against: str | None = None) -> None:
    """Every named query on the built store at `path`, then the command line's start-up (see the docstring)."""
    import subprocess

    from graph.query import run_named

    store = LocalStore(path, read_only=True)
    print(f"{'query':26} {'rows':>6} {'engine wall / CPU':>21} {'rdflib wall / CPU':>21}"
          + (f" {'at ' + against + ': engine':>21}" if against else ""))
    n = len(store.solutions(TRIVIAL)[1])
    print(f"{'(trivial: COUNT documents)':26} {n:>6} {_ms(_median_ms(lambda: store.solutions(TRIVIAL), repeat))}")
    for q in list_queries():
        params = PARAMS.get(q.name, {})
        text = bind_values(q.text, bind_params(store, q, params))
        n = len(store.solutions(text)[1])
        engine = _median_ms(lambda: store.solutions(text), repeat)
        rdflib = _median_ms(lambda: run_named(store, q.name, params), repeat)
        line = f"{q.name:26} {n:>6} {_ms(engine)} {_ms(rdflib)}"
        old = _query_at(against, q.name) if against else None
        if old is not None:  # the query as it was at `against`, right after, so that both see the same load
            old_text = bind_values(old.text, bind_params(store, old, params))
            rows_then = len(store.solutions(old_text)[1])
            line += f" {_ms(_median_ms(lambda: store.solutions(old_text), repeat))}"
            line += "" if rows_then == n else f" ({rows_then} rows)"
        print(line, flush=True)
    store.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    commands = {"python -c pass": [sys.executable, "-c", "pass"],
                "guildgraph --help": [sys.executable, "-m", "graph", "--help"],
                "guildgraph query (trivial)": [sys.executable, "-m", "graph", "query", "--store", str(path), TRIVIAL]}
    for label, argv in commands.items():
        ms = _median_ms(lambda: subprocess.run(argv, env=env, check=True, capture_output=True), repeat)
        print(f"{label:26} {'':>6} {_ms(ms)} (fresh process)", flush=True)
    print(f"(median of {repeat}; {os.cpu_count()} CPU(s), load average {os.getloadavg()[0]:.1f})")


def main(argv=None) -> int:
    global _DATASET
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="size of the synthetic store (default 1M)")
    ap.add_argument("--seed", type=int, default=20230502)
    ap.add_argument("--repeat", type=int, default=3, help="Oxigraph runs per query (the best is reported)")
    ap.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds before an rdflib query is given up")
    ap.add_argument("--parallel", type=int, default=2, help="rdflib queries run at once (default 2)")
    ap.add_argument("--skip-rdflib", action="store_true", help="time Oxigraph only")
    ap.add_argument("--from", dest="source", type=Path, help="a built store to copy (default: build the corpus)")
    ap.add_argument("--keep", type=Path, help="write the synthetic Oxigraph store here (kept afterwards)")
    ap.add_argument("--store", type=Path, help="time the named queries and the CLI's start-up on this built store")
    ap.add_argument("--against", metavar="REV", help="with --store: time the .rq files of git revision REV as well")
    args = ap.parse_args(argv)
    if args.store:
        time_store(args.store, args.repeat if "--repeat" in (argv or sys.argv) else 5, args.against)
        return 0

    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="guildgraph-bench-"))
    try:
        template = template_quads(args.source, workdir)
        copier = Copier(template, args.seed)
        t = time.perf_counter()
        quads, copies = generate(copier, args.triples)
        print(f"generated {len(quads):,} quads: {copies} copies of {len(copier.articles):,} article quads "
              f"({len(copier.slugs)} articles) + {len(copier.fixed):,} reference quads, "
              f"{copies * len(copier.slugs):,} article graphs, in {time.perf_counter() - t:.1f} s", flush=True)

        path = args.keep or workdir / "synthetic-store"
        if path.exists():
            shutil.rmtree(path)
        t = time.perf_counter()
        writer = ox.Store(str(path))
        writer.bulk_extend(quads)
        if hasattr(LocalStore, "rebuild_merge"):
            # LocalStore keeps the RDF merge of the named graphs as the default graph (what queries read); bulk
            # loading those triples gives what LocalStore.rebuild_merge() computes, many times faster
            merged = {ox.Triple(q.subject, q.predicate, q.object) for q in quads}
            writer.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in merged)
            del merged
        writer.flush()
        del writer
        gc.collect()
        print(f"Oxigraph bulk load: {time.perf_counter() - t:.1f} s", flush=True)
        store = LocalStore(path, read_only=True)

        jobs = []
        for q in list_queries():
            jobs.append((q.name, bind_values(q.text, bind_params(store, q, PARAMS.get(q.name, {})))))

        ox_times: dict[str, tuple[float, int]] = {}
        for name, text in jobs:
            runs = []
            for _ in range(max(args.repeat, 1)):
                t = time.perf_counter()
                n = len(store.query(text).bindings)
                runs.append(time.perf_counter() - t)
            ox_times[name] = (min(runs), n)
            print(f"  oxigraph {name:26} {min(runs) * 1000:9.1f} ms  (median {statistics.median(runs) * 1000:.1f})"
                  f"  {n} rows", flush=True)
        store.close()

        rl: dict[str, tuple] = {}
        if not args.skip_rdflib:
            t = time.perf_counter()
            _DATASET = load_rdflib(quads)
            print(f"rdflib Dataset load: {len(_DATASET):,} triples in {time.perf_counter() - t:.1f} s", flush=True)
            del quads
            gc.collect()
            gc.freeze()  # keep the children from copying pages just to collect garbage
            rl = time_rdflib(jobs, args.rdflib_timeout, args.parallel)

        print()
        print(f"{'query':26} {'rows':>7} {'Oxigraph':>11} {'rdflib':>14} {'rdflib rows':>11} {'ratio':>8}")
        print("-" * 82)
        for name, _ in jobs:
            secs, n = ox_times[name]
            if name not in rl:
                rcell, rrows, ratio = "-", "-", ""
            elif rl[name][0] == "ok":
                rcell, rrows = f"{rl[name][1]:.2f} s", str(rl[name][2])
                ratio = f"{rl[name][1] / secs:.0f}x" if secs > 0 else ""
                if rl[name][2] != n:
                    rrows += " (!)"
            elif rl[name][0] == "timeout":
                rcell, rrows = f"> {args.rdflib_timeout:.0f} s", "timed out"
                ratio = f">{args.rdflib_timeout / secs:.0f}x"
            else:
                rcell, rrows, ratio = "error", rl[name][2], ""
            print(f"{name:26} {n:>7} {secs * 1000:>8.1f} ms {rcell:>14} {rrows:>11} {ratio:>8}")
        print(f"\ntotal {time.perf_counter() - started:.0f} s on {os.cpu_count()} CPU(s); "
              f"(!) = the engines disagree on the row count")
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
