"""View speed: the overview of synthetic corpora (benchmarks/synth.py) of 1,000 and 10,000 articles, built into
stores with `guildgraph build --jobs 2`: the time to generate its HTML (reading the store, the networkx projection,
ranking and layout, the page) and the time until headless Chromium has drawn it.

Building 10,000 articles takes about an hour on two cores: a store is built once under --work and reused, or named
with --store SIZE=PATH.

Run: .venv/bin/python benchmarks/bench_views.py [--sizes 1000 10000] [--store 10000=/tmp/s10k] [--no-browser]
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph import views  # noqa: E402 - after the path: run as a script from anywhere
from graph.network import to_networkx  # noqa: E402
from graph.store import open_store  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parent / ".cache"  # screenshots of the drawn pages (gitignored)


def built_store(size: int, work: Path) -> Path:
    """A store of `size` synthetic articles under `work`, built once."""
    store = work / f"store-{size}"
    if (store / "CURRENT").exists():
        return store
    spec = importlib.util.spec_from_file_location("synth", ROOT / "benchmarks" / "synth.py")
    synth = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synth)
    articles = work / f"articles-{size}"
    if not articles.is_dir():
        synth.generate(articles, size)
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "graph", "build", str(articles), "--store", str(store), "--exports",
                    str(work / f"exports-{size}"), "-q", "--jobs", "2"], cwd=ROOT, check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    print(f"built {size} articles in {time.perf_counter() - t0:.0f} s: {store}", flush=True)
    return store


def time_generate(store_path: Path) -> tuple[dict, str, views.ViewNetwork]:
    """Seconds per stage of the overview's generation, its HTML and network."""
    t = {}
    with open_store(store_path, read_only=True) as store:
        t0 = time.perf_counter()
        data = views.StoreData(store)
        t["store data"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        g = to_networkx(store)
        t["networkx"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    net = views.network_view(g, data, title="Overview",
                             subtitle=f"{g.number_of_nodes()} actors and issues, {g.number_of_edges()} relations")
    t["rank, layout, facts"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    html = views.to_html(net)
    t["page"] = time.perf_counter() - t0
    return t, html, net


def time_draw(html: str, tmp: Path, name: str) -> tuple[float, dict, int]:
    """Seconds from navigation until the page reports the network drawn, the page's own split of it, and how many
    nodes it shows."""
    from playwright.sync_api import sync_playwright

    page_file = tmp / f"{name}.html"
    page_file.write_text(html, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        t0 = time.perf_counter()
        page.goto(page_file.as_uri())
        page.wait_for_function("() => window.guildgraph && window.guildgraph.ready", timeout=300_000, polling=20)
        elapsed = time.perf_counter() - t0
        nodes = page.evaluate("() => window.guildgraph.nodesView.length")
        t = page.evaluate("() => window.guildgraph.timings")
        parts = {"page and scripts": t["start"] / 1000, "JSON": (t["parsed"] - t["start"]) / 1000,
                 "vis.Network": (t["network"] - t["datasets"]) / 1000,
                 "first drawing": (t["ready"] - t["network"]) / 1000}
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"views-{name}.png"))
        browser.close()
    return elapsed, parts, nodes


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--store", action="append", default=[], metavar="SIZE=PATH", help="a built store to reuse")
    ap.add_argument("--work", type=Path, default=ROOT / "benchmarks" / ".cache",
                    help="where stores are built and kept  [default: benchmarks/.cache]")
    ap.add_argument("--no-browser", action="store_true", help="only time the HTML generation")
    args = ap.parse_args()
    given = {int(k): Path(v) for k, v in (s.split("=", 1) for s in args.store)}
    args.work.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            store = given.get(size) or built_store(size, args.work)
            stages, html, net = time_generate(store)
            total = sum(stages.values())
            split = ", ".join(f"{k} {v:.2f} s" for k, v in stages.items())
            scale = net.page.get("scale") or {}
            first = scale["levels"][0]["n"] if scale else len(net.nodes)
            print(f"{size:>6} articles: {len(net.nodes)} nodes, {len(net.edges)} edges; opens on {first}\n"
                  f"        generate {total:6.2f} s ({split}; {len(html) / 1e6:.1f} MB)", flush=True)
            if not args.no_browser and shutil.which("chromium"):
                draw_s, parts, shown = time_draw(html, Path(tmp), f"overview-{size}")
                split = ", ".join(f"{k} {v:.2f} s" for k, v in parts.items())
                print(f"        drawn in Chromium {draw_s:6.2f} s ({shown} nodes shown; {split})", flush=True)


if __name__ == "__main__":
    main()
