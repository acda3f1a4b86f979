"""View speed: synthetic actor networks of 1k and 5k nodes (seeded), the time to generate the HTML (networkx
projection -> pyvis network -> page, layout in Python) and the time until headless Chromium has drawn it.

Run: .venv/bin/python benchmarks/bench_views.py [--sizes 1000 5000] [--no-browser]
"""
from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx

from graph.network import EDGE_RELATIONS
from graph.views import network_view, to_html

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
ACTOR_TYPES = ["Guild", "Studio", "EmployerAssociation", "GovernmentAgency", "MediaOutlet", "Person"]
RELATIONS = [r for r in EDGE_RELATIONS if r != "concernsIssue"]
SHOTS = Path(__file__).resolve().parent / ".cache"  # screenshots of the drawn pages (gitignored)


def synthetic(n: int, seed: int = 42) -> nx.MultiDiGraph:
    """A scale-free graph shaped like `to_networkx`'s output: typed, labelled actors, about 2 relations each."""
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    g = nx.MultiDiGraph()
    for v in sorted(base):
        typ = rng.choice(ACTOR_TYPES)
        g.add_node(f"https://w3id.org/hollywood-labor/id/actor/a{v:05d}", label=f"{typ} {v}", type=typ,
                   aliases=f"A{v}|Actor number {v}", articles=rng.randint(1, 9))
    for s, o in sorted(base.edges()):
        rel = rng.choice(RELATIONS)
        u, w = (f"https://w3id.org/hollywood-labor/id/actor/a{x:05d}" for x in (s, o))
        g.add_edge(u, w, key=rel, relation=rel, role="", evidence=rng.randint(0, 5), articles=rng.randint(0, 3),
                   symmetric=EDGE_RELATIONS[rel])
    return g


def time_generate(g: nx.MultiDiGraph) -> tuple[float, str]:
    t0 = time.perf_counter()
    html = to_html(network_view(g, title=f"Synthetic {g.number_of_nodes()}"))
    return time.perf_counter() - t0, html


def time_draw(html: str, tmp: Path, name: str) -> tuple[float, int, str]:
    """Seconds from navigation until the page reports the network drawn (vis 'afterDrawing'), its node count and
    the page's own split of that time."""
    from playwright.sync_api import sync_playwright

    page_file = tmp / f"{name}.html"
    page_file.write_text(html, encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        t0 = time.perf_counter()
        page.goto(page_file.as_uri())
        page.wait_for_function("() => window.guildgraph && window.guildgraph.ready", timeout=120_000, polling=20)
        elapsed = time.perf_counter() - t0
        nodes = page.evaluate("() => window.guildgraph.nodesView.length")
        t = page.evaluate("() => window.guildgraph.timings")
        parts = (f"page+vis.js load {t['start'] / 1000:.2f} s, JSON {(t['parsed'] - t['start']) / 1000:.2f} s, "
                 f"vis.Network {(t['network'] - t['datasets']) / 1000:.2f} s, "
                 f"first drawing {(t['ready'] - t['network']) / 1000:.2f} s")
        page.screenshot(path=str(SHOTS / f"views-{name}.png"))
        browser.close()
    return elapsed, nodes, parts


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000])
    ap.add_argument("--no-browser", action="store_true", help="only time the HTML generation")
    args = ap.parse_args()
    SHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            g = synthetic(n)
            gen_s, html = time_generate(g)
            again_s, again = time_generate(g)
            line = (f"{n:>6} nodes {g.number_of_edges():>6} edges  generate {gen_s:6.2f} s (again {again_s:.2f} s, "
                    f"{'same' if again == html else 'DIFFERENT'} bytes, {len(html) / 1e6:.1f} MB)")
            if not args.no_browser and shutil.which("chromium"):
                draw_s, shown, parts = time_draw(html, Path(tmp), f"synthetic-{n}")
                line += f"\n{'':>6} drawn in Chromium {draw_s:6.2f} s ({shown} nodes; {parts})"
            print(line, flush=True)


if __name__ == "__main__":
    main()
