"""Cluster benchmark (never part of the tests): articles per second of a build of N synthetic articles with
--jobs 1, --jobs 2, and on a two-worker Dask LocalCluster, each into a fresh store, no exports.

Each build runs in a child process of its own and is timed around `graph.pipeline.build` (ingest, plan, extraction,
writing or bulk-loading the store). `--jobs 2` includes starting its two worker processes and their spaCy
pipelines; `cluster local:2` includes starting the LocalCluster (scheduler, two nannies and workers, each loading
the pipeline: the overhead of a cluster on one machine) and writing and loading the partitions; `cluster tcp://`
is the same LocalCluster started (and its workers warmed) before the timer: what a running cluster costs per build.

    PYTHONPATH=$PWD .venv/bin/python benchmarks/bench_cluster.py --articles 1000 [--partition-size 64]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODES = ("jobs 1", "jobs 2", "cluster local:2", "cluster tcp://")


def _child(mode: str, articles: str, store: str, partition_size: int) -> dict:
    from graph.pipeline import build
    from graph.pipeline.cluster import Cluster
    from graph.store import open_store

    parts = str(Path(store).parent / "partitions")
    running = None
    if mode == "cluster tcp://":
        from distributed import Client, LocalCluster

        from graph.pipeline.partition import LoadPipeline
        running = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
        with Client(running) as warm:
            warm.register_plugin(LoadPipeline(), name="guildgraph-pipeline")  # the pipeline loaded before the timer
    kwargs = {"jobs": int(mode.split()[1])} if mode.startswith("jobs") else {
        "cluster": Cluster(running.scheduler_address if running else "local:2", Path(parts), partition_size)}
    with open_store(store) as s:
        start = time.perf_counter()
        report = build([articles], s, None, **kwargs)
        seconds = time.perf_counter() - start
    if running is not None:
        running.close()
    return {"mode": mode, "seconds": round(seconds, 2), "built": len(report.built), "skipped": len(report.skipped)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--partition-size", type=int, default=64)
    ap.add_argument("--modes", default=",".join(MODES), help="comma-separated, of: " + ", ".join(MODES))
    ap.add_argument("--child", nargs=3, metavar=("MODE", "ARTICLES", "STORE"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(_child(*args.child, args.partition_size)))
        return
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        spec = importlib.util.spec_from_file_location("guildgraph_synth", ROOT / "benchmarks" / "synth.py")
        synth = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = synth
        spec.loader.exec_module(synth)
        paths = synth.generate(Path(tmp) / "articles", args.articles)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
        print(f"{args.articles} synthetic articles, {words} words; partitions of {args.partition_size}; "
              f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}")
        for n, mode in enumerate(args.modes.split(",")):
            store = Path(tmp) / f"run{n}" / "store"
            done = subprocess.run([sys.executable, __file__, "--partition-size", str(args.partition_size), "--child",
                                   mode, str(Path(tmp) / "articles"), str(store)], capture_output=True, text=True,
                                  cwd=ROOT)
            if done.returncode != 0:
                print(f"{mode}: failed\n{done.stderr}")
                continue
            result = json.loads(done.stdout.strip().splitlines()[-1])
            rate = result["built"] / result["seconds"]
            print(f"{mode:18} {result['seconds']:8.1f} s  {rate:6.1f} articles/s  {words / result['seconds']:7.0f} "
                  f"words/s  (built {result['built']}, skipped {result['skipped']}; load average "
                  f"{os.getloadavg()[1]:.1f} over the last 5 minutes)", flush=True)


if __name__ == "__main__":
    main()
