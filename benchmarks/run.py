"""Scale benchmark (`make bench`; never part of the tests): build time, memory, store size, incremental builds and
exports on synthetic corpora (benchmarks/synth.py) of growing size.

For each corpus size (default 100, 1000, 3000 and 10000 articles):
* spaCy alone: `nlp.pipe` (with `n_process=--jobs`) over the same texts the build reads: words per second;
* build: `graph.pipeline.build(..., jobs=--jobs)` into a fresh on-disk store, no exports (time of the call, articles
  and words per second, ratio to spaCy alone);
* peak memory of the build: the process tree's resident set sampled every 0.1 s (parent + workers) and
  `ru_maxrss` of the parent and of its largest worker;
* store size on disk, right after the build and once the store has been opened again (which drops the
  write-ahead log);
* no-op build (every article unchanged) and incremental build of one new article into the big store;
* exports: `graph.exports.write` of every format, each in its own process (time, size, peak `ru_maxrss`);
* every named query on the big store, with the parameters of benchmarks/bench_queries.py (best of 3).
Each measurement runs in a child process, so imports and model loading are not counted in the build times (they
are in `wall_seconds`). Results go to benchmarks/results/scale.json, plots to benchmarks/results/scale-*.png.

    .venv/bin/python benchmarks/run.py                     # 100, 1000, 3000, 10000 articles (about 45 minutes, 2 cores)
    .venv/bin/python benchmarks/run.py --sizes 100 --jobs 1

The no-op and one-article builds rely on the build fingerprint, which hashes the extractor's sources: editing them
during a run makes the second build extract everything again (the run stops). To go on working meanwhile, run it
from a worktree with that checkout first on the path:

    git worktree add --detach ../bench HEAD && cd ../bench
    PYTHONPATH=$PWD ../main/.venv/bin/python benchmarks/run.py
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
CACHE = ROOT / "benchmarks" / ".cache"
QUERY_REPEAT = 3
EXPORT_FORMATS = ("turtle", "trig", "nquads", "ntriples", "jsonld", "xml", "graphml", "gexf", "csv")


# -- child processes -----------------------------------------------------------------------------------------------
def _maxrss_mb(who: int) -> float:
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # KiB on Linux


def child_spacy(corpus: str, jobs: int) -> dict:
    from graph.ingest import ingest
    from graph.nlp import load_pipeline
    from graph.reference import normalize_quotes

    texts = [normalize_quotes(a.text) for a in ingest([corpus]).articles]
    nlp = load_pipeline()
    t0 = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts, batch_size=16, n_process=jobs))
    seconds = time.perf_counter() - t0
    return {"seconds": round(seconds, 2), "docs": n, "words": sum(len(t.split()) for t in texts)}


def child_build(corpus: str, store_path: str, jobs: int) -> dict:
    from graph.pipeline import build
    from graph.store import open_store

    t0 = time.perf_counter()
    with open_store(store_path) as store:
        report = build([corpus], store, None, jobs=jobs)
    seconds = time.perf_counter() - t0
    return {"seconds": round(seconds, 3), "built": len(report.built), "unchanged": len(report.unchanged),
            "triples": report.triples, "events": report.events, "relations": report.relations,
            "maxrss_parent_mb": _maxrss_mb(resource.RUSAGE_SELF),
            "maxrss_largest_worker_mb": _maxrss_mb(resource.RUSAGE_CHILDREN)}


def child_export(store_path: str, fmt: str, out: str) -> dict:
    from graph import exports
    from graph.store import open_store

    with open_store(store_path, read_only=True) as store:
        t0 = time.perf_counter()
        exports.write(store, fmt, out)
        seconds = time.perf_counter() - t0
    return {"seconds": round(seconds, 3), "bytes": os.path.getsize(out), "maxrss_mb": _maxrss_mb(resource.RUSAGE_SELF)}


def child_queries(store_path: str, repeat: int) -> dict:
    from bench_queries import PARAMS

    from graph.query import bind_params, list_queries
    from graph.store import open_store
    from graph.store.sparql import bind_values

    times = {}
    with open_store(store_path, read_only=True) as store:
        for q in list_queries():
            text = bind_values(q.text, bind_params(store, q, PARAMS.get(q.name, {})))
            runs = []
            for _ in range(repeat):
                t0 = time.perf_counter()
                rows = len(store.query(text).bindings)
                runs.append(time.perf_counter() - t0)
            times[q.name] = {"seconds": round(min(runs), 3), "rows": rows}
    return {"queries": times}


CHILDREN = {"spacy": child_spacy, "build": child_build, "export": child_export, "queries": child_queries}


def run_child(kind: str, *args) -> dict:
    """Run CHILDREN[kind](*args) in a fresh interpreter; its JSON result plus wall time and sampled tree memory."""
    import psutil

    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", kind, *map(str, args)]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    peak = 0
    parent = psutil.Process(proc.pid)
    while proc.poll() is None:
        try:
            tree = [parent, *parent.children(recursive=True)]
            total = 0
            for p in tree:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    pass
            peak = max(peak, total)
        except psutil.Error:
            pass
        time.sleep(0.1)
    out = proc.stdout.read()
    if proc.returncode != 0:
        raise SystemExit(f"{kind} {args} failed ({proc.returncode})")
    result = json.loads(out.strip().splitlines()[-1])
    result["wall_seconds"] = round(time.perf_counter() - t0, 2)
    result["peak_tree_rss_mb"] = round(peak / 2**20, 1)
    return result


def du_mb(path: Path) -> float:
    return round(sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20, 2)


# -- one corpus size -------------------------------------------------------------------------------------------------
def bench_size(n: int, jobs: int, seed: int, work: Path, log) -> dict:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    corpus = work / f"corpus-{n}"
    store = work / f"store-{n}"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    paths = synth.generate(corpus, n, seed)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    log(f"[{n}] corpus: {n} articles, {words} words")
    row: dict = {"articles": n, "words": words, "jobs": jobs}

    spacy = run_child("spacy", corpus, jobs)
    row["spacy"] = {**spacy, "words_per_second": round(words / spacy["seconds"])}
    log(f"[{n}] spaCy nlp.pipe (n_process={jobs}): {spacy['seconds']} s, {row['spacy']['words_per_second']} words/s")

    b = run_child("build", corpus, store, jobs)
    assert b["built"] == n, b
    b["articles_per_second"] = round(n / b["seconds"], 2)
    b["words_per_second"] = round(words / b["seconds"])
    b["ratio_to_spacy"] = round(b["seconds"] / spacy["seconds"], 2)
    row["build"] = b
    row["store_mb"] = du_mb(store)
    log(f"[{n}] build (jobs={jobs}): {b['seconds']} s, {b['articles_per_second']} articles/s, "
        f"{b['words_per_second']} words/s ({b['ratio_to_spacy']}x spaCy alone); peak tree RSS "
        f"{b['peak_tree_rss_mb']} MB; store {row['store_mb']} MB; {b['triples']} triples")

    row["exports"] = {}
    out_dir = work / f"exports-{n}"
    out_dir.mkdir(exist_ok=True)
    for fmt in EXPORT_FORMATS:
        e = run_child("export", store, fmt, out_dir / f"graph.{fmt}")
        row["exports"][fmt] = e
        log(f"[{n}] export {fmt}: {e['seconds']} s, {e['bytes'] / 2**20:.1f} MB, peak RSS {e['maxrss_mb']} MB")
    shutil.rmtree(out_dir)

    row["queries"] = run_child("queries", store, QUERY_REPEAT)["queries"]
    slowest = max(row["queries"].items(), key=lambda kv: kv[1]["seconds"])
    total = sum(q["seconds"] for q in row["queries"].values())
    log(f"[{n}] named queries (best of {QUERY_REPEAT}): total {total:.2f} s, slowest {slowest[0]} "
        f"{slowest[1]['seconds']} s")

    noop = run_child("build", corpus, store, jobs)
    assert noop["built"] == 0 and noop["unchanged"] == n, (
        f"the no-op build extracted again: {noop}. Were the extractor's sources edited during the run? They are "
        "part of the build fingerprint: benchmark a checkout nobody edits (see the docstring)")
    row["noop_build"] = noop
    row["store_mb_reopened"] = du_mb(store)  # opening the store again drops the write-ahead log of the build
    log(f"[{n}] no-op build (all unchanged): {noop['seconds']} s (wall {noop['wall_seconds']} s); store "
        f"{row['store_mb_reopened']} MB once reopened")

    synth.generate(corpus, 1, seed, start=n)  # one new article
    one = run_child("build", corpus, store, jobs)
    assert one["built"] == 1 and one["unchanged"] == n, one
    row["add_one_article"] = one
    log(f"[{n}] add one article: {one['seconds']} s (wall {one['wall_seconds']} s)")

    shutil.rmtree(corpus)
    shutil.rmtree(store)
    return row


# -- plots -----------------------------------------------------------------------------------------------------------
def plot(rows: list[dict], out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter, NullFormatter

    sizes = [r["articles"] for r in rows]
    jobs = rows[0]["jobs"]
    paths = []
    plain = FuncFormatter(lambda v, _: f"{v:g}")

    def save(fig, name: str) -> None:
        fig.tight_layout()
        fig.savefig(out / name, dpi=110)
        plt.close(fig)
        paths.append(out / name)

    def axes(ax, ylog: bool) -> None:
        ax.set_xscale("log")
        ax.set_xticks(sizes)
        ax.xaxis.set_major_formatter(plain)
        ax.xaxis.set_minor_formatter(NullFormatter())
        if ylog:
            ax.set_yscale("log")
            ax.yaxis.set_major_formatter(plain)
        else:
            ax.set_ylim(bottom=0)
        ax.grid(True, which="both", alpha=0.3)

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
    left.plot(sizes, [r["build"]["seconds"] for r in rows], "o-", label=f"build (--jobs {jobs})")
    left.plot(sizes, [r["spacy"]["seconds"] for r in rows], "s--", label=f"spaCy nlp.pipe alone (n_process={jobs})")
    left.plot(sizes, [r["noop_build"]["seconds"] for r in rows], "^-", label="no-op build (all unchanged)")
    left.plot(sizes, [r["add_one_article"]["seconds"] for r in rows], "v-", label="add one article")
    left.set(xlabel="articles in the corpus", ylabel="seconds", title="Build time against corpus size")
    axes(left, True)
    for r in rows:
        left.annotate(f"{r['build']['articles_per_second']:g} art/s\n{r['build']['words_per_second']} words/s",
                      (r["articles"], r["build"]["seconds"]), textcoords="offset points", xytext=(0, 9),
                      ha="center", fontsize=7, color="C0")
    left.margins(x=0.12, y=0.15)
    left.legend(fontsize=8)
    for fmt, style in (("turtle", "o-"), ("trig", "s-"), ("nquads", "^-"), ("ntriples", "v-"), ("jsonld", "D-"),
                       ("xml", "x-"), ("graphml", "+--"), ("csv", "*--")):
        right.plot(sizes, [r["exports"][fmt]["seconds"] for r in rows], style, label=fmt)
    right.set(xlabel="articles in the corpus", ylabel="seconds", title="Export time per format")
    axes(right, True)
    right.legend(fontsize=8, ncol=2)
    save(fig, "scale-time.png")

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.8))
    left.plot(sizes, [r["build"]["peak_tree_rss_mb"] for r in rows], "o-",
              label=f"build, parent + {jobs} workers (sampled)")
    left.plot(sizes, [r["build"]["maxrss_parent_mb"] for r in rows], "s-", label="build, parent (ru_maxrss)")
    left.plot(sizes, [r["build"]["maxrss_largest_worker_mb"] for r in rows], "^-",
              label="build, largest worker (ru_maxrss)")
    left.plot(sizes, [r["store_mb"] for r in rows], "k:", label="store on disk after the build")
    left.plot(sizes, [r.get("store_mb_reopened", float("nan")) for r in rows], "k--", label="store on disk, reopened")
    left.set(xlabel="articles in the corpus", ylabel="MB", title="Build memory and store size")
    axes(left, False)
    left.legend(fontsize=8, loc="center left")
    for fmt, style in (("nquads", "^-"), ("ntriples", "v-"), ("turtle", "o-"), ("trig", "s-"), ("jsonld", "D-"),
                       ("xml", "x-"), ("graphml", "+--")):
        right.plot(sizes, [r["exports"][fmt]["maxrss_mb"] for r in rows], style, label=fmt)
    right.set(xlabel="articles in the corpus", ylabel="peak RSS, MB",
              title="Export memory per format (N-Quads/N-Triples streamed)")
    axes(right, False)
    right.legend(fontsize=8, ncol=2)
    save(fig, "scale-memory.png")

    timed = [r for r in rows if "queries" in r]
    if timed:
        fig, ax = plt.subplots(figsize=(8, 5.2))
        styles = ("o-", "s-", "^-", "v-", "D-", "x-", "+-", "*-", "o--", "s--", "^--", "v--", "D--", "x--")
        for name, style in zip(sorted(timed[-1]["queries"]), styles * 2):
            ax.plot([r["articles"] for r in timed], [r["queries"][name]["seconds"] for r in timed], style,
                    label=f"{name} ({timed[-1]['queries'][name]['rows']} rows)")
        ax.set(xlabel="articles in the corpus", ylabel="seconds (best of 3)",
               title="Named query time against corpus size (rows at the largest size)")
        axes(ax, True)
        ax.legend(fontsize=7, ncol=2)
        save(fig, "scale-queries.png")
    return paths


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="100,1000,3000,10000", help="comma-separated corpus sizes (articles)")
    ap.add_argument("--jobs", type=int, default=min(2, os.cpu_count() or 1))
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--plot-only", action="store_true", help="redraw the plots from results/scale.json")
    args = ap.parse_args()
    RESULTS.mkdir(parents=True, exist_ok=True)
    result_file = RESULTS / "scale.json"
    if args.plot_only:
        rows = json.loads(result_file.read_text())["sizes"]
        for p in plot(rows, RESULTS):
            print(f"wrote {p}")
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    commit = subprocess.run(["git", "describe", "--always", "--dirty"], check=False, cwd=ROOT, capture_output=True,
                            text=True).stdout.strip() or None
    began = time.perf_counter()

    def log(msg: str) -> None:
        print(f"{time.perf_counter() - began:7.1f}s  {msg}", flush=True)
    rows = []
    with tempfile.TemporaryDirectory(dir=CACHE) as tmp:
        for n in [int(s) for s in args.sizes.split(",")]:
            rows.append(bench_size(n, args.jobs, args.seed, Path(tmp), log))
            summary = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version(),
                                   "platform": platform.platform()},
                       "seed": args.seed, "commit": commit, "total_seconds": round(time.perf_counter() - began, 1),
                       "sizes": rows}
            result_file.write_text(json.dumps(summary, indent=1) + "\n")
    log(f"wrote {result_file}")
    for p in plot(rows, RESULTS):
        log(f"wrote {p}")


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        kind, child_args = sys.argv[2], sys.argv[3:]
        fn = CHILDREN[kind]
        if kind in ("spacy", "build", "queries"):
            child_args = [*child_args[:-1], int(child_args[-1])]
        print(json.dumps(fn(*child_args)))
    else:
        main()
