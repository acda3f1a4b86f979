"""Build and export cost on a built store (issue #15): the CLI no-op and add-one builds next to the store part alone,
the views, and each export format's time and peak memory, every step in a process of its own (separate peaks).

The store and its exports folder are copied under --work first (the originals are never written). Articles added
are synthetic (benchmarks/synth.py), numbered after the corpus, in a folder of their own beside it.

Run: .venv/bin/python benchmarks/bench_build.py STORE ARTICLES [--exports DIR] [--work DIR] [--formats turtle ...]
[--code CHECKOUT]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CODE = [ROOT]  # the checkout the steps run (--code: another one, for a before/after)
FORMATS = ["nquads", "ntriples", "turtle", "trig", "jsonld", "xml", "graphml", "gexf", "csv"]

_LIBRARY_BUILD = """
import sys, time
from graph.pipeline import build
from graph.store import open_store
t = time.perf_counter()
with open_store(sys.argv[1]) as store:
    r = build(sys.argv[2:], store, None)
print(f"{time.perf_counter() - t:.3f} built {len(r.built)} unchanged {len(r.unchanged)}", file=sys.stderr)
"""
_VIEWS = """
import sys
from graph.store import open_store
from graph.views import write_standard_views
with open_store(sys.argv[1], read_only=True) as store:
    write_standard_views(store, sys.argv[2])
"""


def child(args: list[str]) -> dict:
    """Run `python args` (stdout dropped): wall seconds and its own peak resident memory (wait4's rusage)."""
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.chdir(CODE[0])
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.execve(sys.executable, [sys.executable, *args], {**os.environ, "PYTHONPATH": str(CODE[0])})
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(args)} failed with {os.waitstatus_to_exitcode(status)}")
    return {"seconds": round(time.perf_counter() - t0, 2), "maxrss_mb": round(usage.ru_maxrss / 1024)}


def step_fingerprint(store: Path) -> None:
    code = ("import sys\nfrom graph.pipeline import incremental\nfrom graph.store import open_store\n"
            "with open_store(sys.argv[1]) as s:\n    incremental.write_fingerprint(s, incremental.fingerprint())\n")
    child(["-c", code, str(store)])


def new_article(folder: Path, number: int) -> Path:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synth

    return synth.generate(folder, 1, start=number)[0]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("store", type=Path)
    ap.add_argument("articles", type=Path)
    ap.add_argument("--exports", type=Path, help="the exports folder built with the store (copied; default: none)")
    ap.add_argument("--work", type=Path, help="where the copies go (default: a temporary folder, removed)")
    ap.add_argument("--formats", nargs="*", default=FORMATS)
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--code", type=Path, default=ROOT, help="the checkout to measure (default: this one)")
    ap.add_argument("--refingerprint", action="store_true", help="give the copy the build fingerprint of --code (a "
                    "store built by other extraction code would be extracted again: minutes, not what is measured)")
    a = ap.parse_args()
    CODE[0] = a.code.resolve()
    work = (a.work or Path(tempfile.mkdtemp(prefix="bench-build-"))).resolve()  # the steps run in CODE
    a.articles = a.articles.resolve()
    work.mkdir(parents=True, exist_ok=True)
    store, exports_dir, added = work / "store", work / "exports", work / "added"
    for path in (store, exports_dir, added):
        shutil.rmtree(path, ignore_errors=True)
    shutil.copytree(a.store, store, ignore=shutil.ignore_patterns("LOCK"))
    if a.exports:
        shutil.copytree(a.exports, exports_dir)
    if a.refingerprint:
        step_fingerprint(store)
    count = sum(1 for _ in a.articles.iterdir())
    cli = ["-m", "graph", "build", str(a.articles), str(added), "--store", str(store), "--exports", str(exports_dir),
           "-q"]
    results: dict[str, dict] = {}

    def step(name: str, args: list[str]) -> None:
        results[name] = child(args)
        print(f"{name:<44} {results[name]['seconds']:>8.2f} s {results[name]['maxrss_mb']:>6} MB", flush=True)

    added.mkdir()
    step("CLI build, first after the copy", cli)
    step("CLI build, no-op", cli)
    step("store part alone (exports_dir=None), no-op", ["-c", _LIBRARY_BUILD, str(store), str(a.articles),
                                                        str(added)])
    new_article(added, count + 1)
    step("CLI build, add one article", cli)
    new_article(added, count + 2)
    step("store part alone, add one article", ["-c", _LIBRARY_BUILD, str(store), str(a.articles), str(added)])
    step("views alone (write_standard_views)", ["-c", _VIEWS, str(store), str(work / "views")])
    for fmt in a.formats:
        out = work / f"export.{fmt}"
        step(f"export --format {fmt}", ["-m", "graph", "export", "--format", fmt, "-o", str(out), "--store",
                                        str(store)])
        results[f"export --format {fmt}"]["mb"] = round(out.stat().st_size / 1e6, 1)
        out.unlink()
    if a.json:
        a.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    if a.work is None:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
