"""Benchmark (not a test): throughput and p50/p99 latency of `guildgraph serve` at 1, 4 and 16 concurrent clients.

    .venv/bin/python benchmarks/bench_serve.py                       # the corpus store and 1,000 synthetic articles
    .venv/bin/python benchmarks/bench_serve.py --articles 0          # the corpus store only
    .venv/bin/python benchmarks/bench_serve.py --store PATH          # a store already built
    .venv/bin/python benchmarks/bench_serve.py --oxigraph BIN        # also Oxigraph's own `serve-read-only`

Each client holds one keep-alive connection and sends light queries (guild labels, an ASK, counts by type, the
members of the AMPTP) one after another for `--seconds`; every answer is checked (status 200, a SPARQL JSON body).
The server runs in its own process, as users run it (`python -m graph serve --port 0`).
"""
from __future__ import annotations

import argparse
import http.client
import json
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # a script run from anywhere reads this checkout's graph/

PREFIXES = "PREFIX hl: <https://w3id.org/hollywood-labor/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
LIGHT = [
    PREFIXES + "SELECT ?g ?l WHERE { ?g a hl:Guild ; rdfs:label ?l } ORDER BY ?l",
    PREFIXES + "ASK { ?g hl:negotiatesWith ?e }",
    PREFIXES + "SELECT ?t (COUNT(?x) AS ?n) WHERE { ?x a ?t } GROUP BY ?t ORDER BY DESC(?n) LIMIT 10",
    PREFIXES + "SELECT ?m WHERE { ?m hl:memberOf <https://w3id.org/hollywood-labor/id/actor/amptp> } LIMIT 50",
]


def build_store(corpus: Path, store: Path, jobs: int) -> None:
    subprocess.run([sys.executable, "-m", "graph", "build", str(corpus), "--store", str(store), "--exports",
                    str(store.parent / "exports"), "-q", "--jobs", str(jobs)], cwd=ROOT, check=True)


def start(command: list[str], url_pattern: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    for line in proc.stdout:
        m = re.search(url_pattern, line)
        if m:
            threading.Thread(target=proc.stdout.read, daemon=True).start()  # keep draining its log
            return proc, m.group(1)
    raise RuntimeError(f"the server did not start: {command}")


def client(url: str, path: str, until: float, latencies: list[float], errors: list[str]) -> None:
    parts = urllib.parse.urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    n = 0
    while time.monotonic() < until:
        body = urllib.parse.urlencode({"query": LIGHT[n % len(LIGHT)]})
        n += 1
        began = time.perf_counter()
        try:
            conn.request("POST", path, body, {"Content-Type": "application/x-www-form-urlencoded",
                                              "Accept": "application/sparql-results+json"})
            answer = conn.getresponse()
            data = answer.read()
            latencies.append(time.perf_counter() - began)
            if answer.status != 200 or not json.loads(data):
                errors.append(f"{answer.status}")
        except (OSError, http.client.HTTPException, ValueError) as e:
            errors.append(type(e).__name__)
            conn.close()
            conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.close()


def measure(url: str, path: str, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    until = time.monotonic() + seconds
    threads = [threading.Thread(target=client, args=(url, path, until, latencies, errors)) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return 1000 * ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")
    return {"clients": clients, "requests": len(latencies), "per_second": len(latencies) / seconds,
            "p50_ms": pct(0.50), "p99_ms": pct(0.99), "errors": len(errors),
            "median_ms": 1000 * statistics.median(ordered) if ordered else float("nan")}


def run_server(name: str, command: list[str], pattern: str, path: str, levels, seconds: float) -> list[dict]:
    proc, url = start(command, pattern)
    try:
        time.sleep(0.5)
        rows = [dict(server=name, **measure(url, path, n, seconds)) for n in levels]
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return rows


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--store", type=Path, action="append", help="a built store (repeatable); default: build them")
    ap.add_argument("--articles", type=int, default=1000, help="synthetic articles for the second store (0: none)")
    ap.add_argument("--seconds", type=float, default=5.0, help="seconds per concurrency level")
    ap.add_argument("--jobs", type=int, default=2, help="build processes for the synthetic store")
    ap.add_argument("--oxigraph", help="path of the `oxigraph` binary (pip install oxigraph) to measure as well")
    args = ap.parse_args(argv)
    levels = (1, 4, 16)
    work = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    stores = list(args.store or [])
    if not stores:
        build_store(ROOT / "corpus", work / "corpus" / "store", args.jobs)
        stores.append(work / "corpus" / "store")
        if args.articles:
            from benchmarks.synth import generate

            generate(work / "synthetic-articles", args.articles)
            build_store(work / "synthetic-articles", work / "synthetic" / "store", args.jobs)
            stores.append(work / "synthetic" / "store")
    rows = []
    for store in stores:
        ours = [sys.executable, "-m", "graph", "serve", "--store", str(store), "--port", "0"]
        for row in run_server("guildgraph", ours, r"serving (http://\S+?)/sparql", "/sparql", levels, args.seconds):
            rows.append(dict(store=store.parent.name, **row))
        if args.oxigraph:
            theirs = [args.oxigraph, "serve-read-only", "--location", str(store), "--bind", "127.0.0.1:7979"]
            for row in run_server("oxigraph", theirs, r"(http://\S+)", "/query", levels, args.seconds):
                rows.append(dict(store=store.parent.name, **row))
    print(f"{'store':10} {'server':10} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>6}")
    for r in rows:
        print(f"{r['store']:10} {r['server']:10} {r['clients']:7d} {r['per_second']:8.1f} {r['p50_ms']:8.1f} "
              f"{r['p99_ms']:8.1f} {r['errors']:6d}")
    out = ROOT / "benchmarks" / "results" / "serve.json"
    out.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
