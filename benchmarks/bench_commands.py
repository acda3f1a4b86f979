"""What the commands users run cost on built stores of 1,000 and 10,000 synthetic articles, each figure beside its
yardstick and its goal, in one run (issue #15). A benchmark, never a test.

For each size (`--at SIZE=STORE,ARTICLES[,EXPORTS]`: a store built from the ARTICLES folder with this code, and
its exports folder), on a copy of the store and exports under --work (the originals are never written):

* start-up: `guildgraph --help` and a trivial `guildgraph query` beside a bare `python -c pass`;
* builds: the CLI no-op build and the CLI build of one new article (benchmarks/synth.py, numbered after the
  corpus), each beside the store part alone (`graph.pipeline.build` without exports); the add-one split into the
  store part, the exports' update and the views;
* `guildgraph validate`, cold (no cached report) and warm;
* every named query (`LocalStore.solutions`, the parameters of benchmarks/bench_queries.py), beside a trivial query
  and beside reading out as many rows of as many terms from a plain scan (what the answer's size alone costs);
* the view commands: the overview, the timeline, one issue and one actor's neighbourhood;
* every export format: time and peak memory, beside the engine's own N-Quads dump.
Then the build (one process) against spaCy's own pipeline (`nlp.pipe`, our sentence rules but no frames) on the
same text, the first --ratio-articles articles of the largest size's folder, the model loaded before either is
timed, one after the other --ratio-pairs times (the medians: on a shared machine either moves by a fifth from one
minute to the next); and the extraction's own stages within that build (guildgraph's pipeline components, the
assembly of facts, the RDF, the store writes), so that a regression shows.

Every step runs in a fresh process: wall seconds, CPU seconds (user + system, the steadier figure on a shared
machine) and peak resident memory. Goals are those of issue #15.

    .venv/bin/python benchmarks/bench_commands.py --at 1000=S1,A1,E1 --at 10000=S10,A10,E10 [--work DIR] \\
        [--json benchmarks/results/commands.json] [--refingerprint]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

TRIVIAL = "SELECT (COUNT(*) AS ?n) WHERE { ?d a hl:Document }"
FORMATS = ["nquads", "ntriples", "turtle", "trig", "jsonld", "xml", "graphml", "gexf", "csv"]
VIEWS = {"overview": [], "timeline": ["--timeline"], "issue ArtificialIntelligence": ["--issue",
         "ArtificialIntelligence"], "focus WGA": ["--focus", "WGA"]}

_KEEP_VIEW_ROWS = """
import sys
from graph.store import open_store
from graph.views.rows import pattern_rows
with open_store(sys.argv[1]) as store:  # the rows a build's views keep (graph/views/rows.py)
    pattern_rows(store)
"""
_STORE_BUILD = """
import sys
from graph.pipeline import build
from graph.store import open_store
with open_store(sys.argv[1]) as store:
    r = build(sys.argv[2:], store, None)
assert not r.skipped, r.skipped
"""
_REFINGERPRINT = """
import sys
from graph.pipeline import incremental
from graph.store import open_store
with open_store(sys.argv[1]) as store:
    incremental.write_fingerprint(store, incremental.fingerprint())
"""
_ADD_ONE_SPLIT = """
import json, sys, time
from graph.pipeline import build, outputs
from graph.store import open_store
out = {}

def step(name, fn):
    w, c = time.perf_counter(), time.process_time()
    fn()
    out[name] = {"wall": round(time.perf_counter() - w, 3), "cpu": round(time.process_time() - c, 3)}

with open_store(sys.argv[1]) as store:  # one handle, as the CLI build: the exports are updated from its writes
    step("store", lambda: build(sys.argv[3:], store, None))
    step("exports", lambda: outputs.write_exports(store, sys.argv[2]))
    step("views", lambda: outputs.write_views(store, sys.argv[2]))
print(json.dumps(out))
"""
_QUERIES = """
import json, sys, time
from bench_queries import PARAMS
from graph.query import bind_params, list_queries
from graph.store import open_store
from graph.store.sparql import bind_values

def cpu_ms(text, repeat):
    runs = []
    for _ in range(repeat):
        t = time.process_time()
        names, rows = store.solutions(text)
        runs.append((time.process_time() - t) * 1000)
    return len(rows), len(names), round(statistics.median(runs), 1)

def read_out(rows, width):
    # the same number of rows and terms read out of the merged graph in index order: what any query answering
    # that many rows costs before it computes anything
    names = [f"?c{i}" for i in range(width)]
    binds = " ".join(f"BIND(?{'spo'[i % 3]} AS {n})" for i, n in enumerate(names))
    return f"SELECT {' '.join(names)} WHERE {{ ?s ?p ?o {binds} }} LIMIT {max(rows, 1)}"

import statistics
out = {}
repeat = int(sys.argv[2])
with open_store(sys.argv[1], read_only=True) as store:
    out["(trivial query)"] = cpu_ms(bind_values("PREFIX hl: <https://w3id.org/hollywood-labor/ontology#> " +
                                                sys.argv[3], {}), repeat)
    for q in list_queries():
        rows, width, ms = cpu_ms(bind_values(q.text, bind_params(store, q, PARAMS.get(q.name, {}))), repeat)
        out[q.name] = rows, ms, cpu_ms(read_out(rows, width), repeat)[2]
print(json.dumps(out))
"""
_RATIO = """
import json, sys, time
from graph.ingest import ingest
import graph.nlp
from graph.reference import normalize_quotes
paths = sorted(p for p in __import__("pathlib").Path(sys.argv[1]).iterdir())[:int(sys.argv[2])]
texts = [normalize_quotes(a.text) for a in ingest(paths).articles]
words = sum(len(t.split()) for t in texts)
if sys.argv[3] == "spacy":
    nlp = graph.nlp.load_pipeline(with_frames=False)
    t = time.process_time()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    stages = {}
else:
    import collections
    from graph.pipeline import build, parallel
    from graph.store import LocalStore, open_store
    stages = collections.defaultdict(float)

    def timed(stage, fn):
        def call(*args, **kwargs):
            t0 = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                stages[stage] += time.process_time() - t0
        return call
    own = set(graph.nlp.load_pipeline(with_frames=False).pipe_names)
    nlp = graph.nlp.load_pipeline()
    # guildgraph's components (each called per doc: none batches) timed where they sit in the pipeline
    nlp._components = [(name, proc if name in own else timed(f"component {name}", proc))
                       for name, proc in nlp._components]
    graph.nlp.load_pipeline = lambda with_frames=True: nlp  # the build's own load is not what is compared
    parallel.extraction.extract = timed("assembly (graph.extract.extract)", parallel.extraction.extract)
    parallel.build_triples = timed("RDF (build_triples)", parallel.build_triples)
    LocalStore.replace_graph = timed("store writes (replace_graph)", LocalStore.replace_graph)
    with open_store(sys.argv[4]) as store:
        t = time.process_time()
        r = build(paths, store, None)
    assert len(r.built) == len(texts), r.skipped
print(json.dumps({"cpu": round(time.process_time() - t, 2), "articles": len(texts), "words": words,
                  "stages": {k: round(v, 2) for k, v in stages.items()}}))
"""


def run(args: list[str], *, stdout: bool = False, ok=(0,)) -> dict:
    """`python args` in a fresh process of this checkout: wall and CPU seconds and peak memory of that process
    (wait4's resource usage), and its output if asked."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=out, stderr=err,
                                env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'benchmarks'}"})
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode not in ok:
            err.seek(0)
            raise SystemExit(f"{' '.join(args)[:200]} failed ({proc.returncode}): {err.read().decode()[-2000:]}")
        out.seek(0)
        result = {"wall": round(wall, 3), "cpu": round(usage.ru_utime + usage.ru_stime, 3),
                  "mb": round(usage.ru_maxrss / 1024)}
        if stdout:
            result["stdout"] = out.read().decode()
    return result


measured = run


#: Named queries over the goal, asked through the CLI twice (their answers are kept between builds).
KEPT = ("fact-support", "figure-conflicts")


def median_of(n: int, args: list[str], **kw) -> dict:
    runs = [run(args, **kw) for _ in range(n)]
    return {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "mb")}


class Table:
    def __init__(self, size: int):
        self.size, self.rows = size, {}
        print(f"\n== {size:,} articles ==", flush=True)
        print(f"{'step':46} {'wall s':>8} {'CPU s':>8} {'MB':>6}   yardstick / goal", flush=True)

    def add(self, name: str, figures: dict, note: str = "") -> dict:
        self.rows[name] = {**figures, "note": note}
        mb = figures.get("mb", "")
        print(f"{name:46} {figures['wall']:>8.2f} {figures.get('cpu', float('nan')):>8.2f} {mb!s:>6}   {note}",
              flush=True)
        return figures


def copy_work(store: Path, exports: Path | None, work: Path) -> tuple[Path, Path]:
    for path in (work / "store", work / "exports", work / "added", work / "validation-cache", work / "answer-cache"):
        shutil.rmtree(path, ignore_errors=True)
    # without the rows the views kept on the original: a user's store after a build has none for its new data
    shutil.copytree(store, work / "store", ignore=shutil.ignore_patterns("LOCK", "guildgraph-view-rows*"))
    if exports is not None:
        shutil.copytree(exports, work / "exports")
    (work / "added").mkdir()
    return work / "store", work / "exports"


def new_article(folder: Path, number: int) -> None:
    import synth

    synth.generate(folder, 1, start=number)


def measure_size(size: int, store: Path, articles: Path, exports: Path | None, work: Path, refingerprint: bool,
                 repeat: int) -> dict:
    t = Table(size)
    store, exports = copy_work(store, exports, work)
    added = work / "added"
    if refingerprint:
        run(["-c", _REFINGERPRINT, str(store)])
    cli_build = ["-m", "graph", "build", str(articles), str(added), "--store", str(store), "--exports", str(exports),
                 "-q"]
    count = sum(1 for _ in articles.iterdir())
    bare = median_of(repeat, ["-c", "pass"])
    t.add("python -c pass", bare, "the yardstick")
    t.add("guildgraph --help", median_of(repeat, ["-m", "graph", "--help"]), "goal 0.2 s")
    t.add("guildgraph query (trivial)", median_of(repeat, ["-m", "graph", "query", "--store", str(store), TRIVIAL]),
          "goal 0.5 s")
    t.add("CLI build, first after the copy", measured(cli_build), "writes what the copy's stamp does not vouch for")
    t.add("CLI build, no-op", median_of(repeat, cli_build), "goal 1 s at 10,000")
    t.add("  store part alone, no-op", median_of(repeat, ["-c", _STORE_BUILD, str(store), str(articles), str(added)]),
          "graph.pipeline.build(exports_dir=None)")
    run(["-c", _KEEP_VIEW_ROWS, str(store)])  # as the build that made the store leaves them (not timed)
    new_article(added, count + 1)
    t.add("CLI build, add one article", measured(cli_build), "goal 2 s at 10,000")
    new_article(added, count + 2)
    split = json.loads(run(["-c", _ADD_ONE_SPLIT, str(store), str(exports), str(articles), str(added)],
                           stdout=True)["stdout"])
    t.add("  of which the store part (spaCy loaded)", split["store"], "the yardstick (another article, in one process)")
    t.add("  of which graph.ttl and graph.trig", split["exports"], "updated from the old files")
    t.add("  of which the views", split["views"], "regenerated whole; their rows kept, grown by the article")
    run(cli_build)  # the stamp current again
    shutil.rmtree(work / "validation-cache", ignore_errors=True)
    validate = ["-m", "graph", "validate", "--store", str(store)]
    t.add("guildgraph validate, cold", measured(validate, ok=(0, 1)), "goal 30 s at 10,000")
    t.add("guildgraph validate, warm (nothing changed)", measured(validate, ok=(0, 1)), "the report cached")
    out = run(["-c", _QUERIES, str(store), str(repeat), TRIVIAL], stdout=True)
    queries = json.loads(out["stdout"])
    trivial = queries.pop("(trivial query)")
    goal = "goal 0.1 s at 1,000" if size <= 1000 else "goal under 1 s at 10,000"
    print(f"{'named query (CPU, median of ' + str(repeat) + ')':46} {'rows':>8} {'CPU ms':>8} {'read-out':>9}   "
          f"trivial query {trivial[2]} ms; {goal}; read-out: as many rows of as many terms from a plain scan",
          flush=True)
    for name, (rows, ms, floor) in queries.items():
        over = "   over the goal" if ms > (100 if size <= 1000 else 1000) else ""
        print(f"  {name:44} {rows:>8} {ms:>8.1f} {floor:>9.1f}{over}", flush=True)
    t.rows["queries"] = {"trivial_ms": trivial[2], **{n: {"rows": r, "cpu_ms": ms, "read_out_ms": floor}
                                                      for n, (r, ms, floor) in queries.items()}}
    shutil.rmtree(work / "answer-cache", ignore_errors=True)
    for name in KEPT:  # the CLI, as users ask: the first time, then again on the same data (the answer kept)
        ask = ["-m", "graph", "query", "--store", str(store), "--name", name, "--format", "csv", "-o",
               str(work / "answer.csv")]
        t.add(f"guildgraph query --name {name}, first", measured(ask), "evaluated (and kept)")
        t.add(f"guildgraph query --name {name}, again", median_of(repeat, ask), "read back: the store unchanged")
    first_view = ["-m", "graph", "view", "--store", str(store), "-o", str(work / "view.html")]
    t.add("guildgraph view (overview), first", measured(first_view), "the views' rows read and kept for the next")
    for name, extra in VIEWS.items():
        t.add(f"guildgraph view ({name})", measured(["-m", "graph", "view", "--store", str(store), "-o",
                                                    str(work / "view.html"), *extra]),
              "beside the trivial query above")
    sizes = {}
    for fmt in FORMATS:
        out_file = work / f"export.{fmt}"
        fig = measured(["-m", "graph", "export", "--store", str(store), "--format", fmt, "-o", str(out_file)])
        sizes[fmt] = out_file.stat().st_size
        fig["bytes"] = sizes[fmt]
        t.add(f"guildgraph export --format {fmt}", fig,
              f"{sizes[fmt] / 1e6:.0f} MB" + ("; the engine's own dump" if fmt == "nquads" else ""))
        out_file.unlink()
    return t.rows


def measure_ratio(articles: Path, count: int, work: Path, pairs: int = 3) -> dict:
    """spaCy alone, then the build, `pairs` times in turn (on a shared machine either moves by a fifth from one
    minute to the next): the medians, each pair's ratio and the median stages."""
    print(f"\n== the build against spaCy's own pipeline: the first {count} articles of {articles}, {pairs} pairs "
          "in turn ==", flush=True)
    spacy_runs, build_runs = [], []
    for _ in range(pairs):
        spacy_runs.append(json.loads(run(["-c", _RATIO, str(articles), str(count), "spacy"],
                                         stdout=True)["stdout"]))
        shutil.rmtree(work / "ratio-store", ignore_errors=True)
        build_runs.append(json.loads(run(["-c", _RATIO, str(articles), str(count), "build", str(work / "ratio-store")],
                                         stdout=True)["stdout"]))
    spacy = statistics.median(r["cpu"] for r in spacy_runs)
    build = statistics.median(r["cpu"] for r in build_runs)
    ratio = round(build / spacy, 2)
    each = [round(b["cpu"] / s["cpu"], 2) for s, b in zip(spacy_runs, build_runs)]
    stages = {stage: round(statistics.median(r["stages"][stage] for r in build_runs), 2)
              for stage in build_runs[0]["stages"]}
    print(f"spaCy nlp.pipe (no frames)  {spacy:>8.2f} CPU s  ({spacy_runs[0]['words']} words; median)", flush=True)
    print(f"build (one process)         {build:>8.2f} CPU s  ratio {ratio}x (each pair: {each}); goal 1.25x",
          flush=True)
    for stage, cpu in stages.items():
        print(f"  {stage:38} {cpu:>8.2f} CPU s  {cpu / spacy:.0%} of spaCy's time", flush=True)
    rest = build - sum(stages.values())
    print(f"  {'the rest (spaCy parse, ingest, plan)':38} {rest:>8.2f} CPU s", flush=True)
    return {"spacy_cpu": spacy, "build_cpu": build, "ratio": ratio, "pairs": each, "articles": count,
            "stages": stages}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--at", action="append", required=True, metavar="SIZE=STORE,ARTICLES[,EXPORTS]")
    ap.add_argument("--work", type=Path, help="where the copies go (default: a temporary folder, removed)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of the quick steps (the median is shown)")
    ap.add_argument("--ratio-articles", type=int, default=300, help="articles for the build/spaCy ratio (0: skip)")
    ap.add_argument("--ratio-pairs", type=int, default=3, help="runs of spaCy and of the build, in turn")
    ap.add_argument("--refingerprint", action="store_true", help="give each copy this code's build fingerprint (a "
                    "store built by other extraction code would otherwise be extracted again)")
    ap.add_argument("--json", type=Path)
    a = ap.parse_args(argv)
    work = (a.work or Path(tempfile.mkdtemp(prefix="bench-commands-"))).resolve()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    print(f"commit {commit}; {os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    results = {"commit": commit, "cpus": os.cpu_count(), "sizes": {}}
    largest = None
    for spec in a.at:
        size, _, paths = spec.partition("=")
        store, articles, *rest = (Path(p).resolve() for p in paths.split(","))
        (work / size).mkdir(parents=True, exist_ok=True)
        results["sizes"][size] = measure_size(int(size), store, articles, rest[0] if rest else None, work / size,
                                              a.refingerprint, a.repeat)
        largest = articles
    if a.ratio_articles and largest is not None:
        results["ratio"] = measure_ratio(largest, a.ratio_articles, work, a.ratio_pairs)
    results["load_average_end"] = round(os.getloadavg()[0], 1)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end", flush=True)
    if a.json:
        a.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    if a.work is None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
