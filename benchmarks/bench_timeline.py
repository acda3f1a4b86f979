"""Timeline speed: the timeline of synthetic corpora of 1,000 and 10,000 articles (benchmarks/synth.py, built once
into benchmarks/.cache/articles-N/ with `guildgraph build --jobs 2`, which takes long at 10,000: pass --store N=PATH
to use a store built already): reading the store, the page data, the HTML, the drawing and four zooms.

Run: .venv/bin/python benchmarks/bench_timeline.py [--articles 1000 10000] [--store 10000=PATH] [--no-browser]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from graph.views import StoreData, timeline, to_html

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SHOTS = Path(__file__).resolve().parent / ".cache"  # screenshots of the drawn pages (gitignored)


def _timeline_split(t: dict) -> str:
    return (f"page+vis-timeline load {t['start'] / 1000:.2f} s, JSON {(t['parsed'] - t['start']) / 1000:.2f} s, "
            f"data sets {(t['datasets'] - t['parsed']) / 1000:.2f} s, "
            f"vis.Timeline {(t['timeline'] - t['datasets']) / 1000:.2f} s, "
            f"first drawing {(t['drawn'] - t['timeline']) / 1000:.2f} s, "
            f"settled {(t['ready'] - t['drawn']) / 1000:.2f} s")


#: Four zooms in by half, each timed until vis has not redrawn for 300 ms (minus those 300 ms).
ZOOMS = """async () => { const t = window.guildgraph.timeline, out = [];
  for (let i = 0; i < 4; i++) {
    let last = performance.now(); const t0 = last, seen = () => { last = performance.now(); };
    t.on('changed', seen);
    t.zoomIn(0.5, {animation: false});
    await new Promise(done => (function wait() {
      if (performance.now() - last > 300) done(); else setTimeout(wait, 20); })());
    t.off('changed', seen);
    out.push(((last - t0) / 1000).toFixed(2) + " s");
  }
  return "zoom in x4: " + out.join(", "); }"""


def time_draw(html: str, tmp: Path, name: str, count: str, split=_timeline_split,
              after: str | None = None) -> tuple[float, int, str]:
    """Seconds from navigation until the page reports itself drawn (`window.guildgraph.ready`), what `count`
    counts (nodes, items) and the page's own split of that time (and what the script `after` reports)."""
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
        shown = page.evaluate(count)
        parts = split(page.evaluate("() => window.guildgraph.timings"))
        if after:
            parts += "; " + page.evaluate(after)
        page.screenshot(path=str(SHOTS / f"views-{name}.png"))
        browser.close()
    return elapsed, shown, parts


def article_store(n: int, given: dict[int, Path]) -> Path:
    """The store of benchmarks/synth.py's first `n` articles: given, cached, or generated and built now."""
    if n in given:
        return given[n]
    base = SHOTS / f"articles-{n}"
    if not (base / "store" / "CURRENT").exists():
        print(f"building {n} synthetic articles into {base} (once; this takes a while) ...", flush=True)
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        import synth

        synth.generate(base / "articles", n)
        subprocess.run([sys.executable, "-m", "graph", "build", str(base / "articles"), "--store", str(base / "store"),
                        "--exports", str(base / "exports"), "-q", "--jobs", "2"], check=True)
    return base / "store"


def time_timeline(store_path: Path) -> tuple[list[tuple[str, float, float]], str, int]:
    """[(step, wall s, CPU s)] for reading the store, the timeline's page data and its HTML; the HTML; items."""
    from graph.store import open_store

    steps = []
    with open_store(store_path, read_only=True) as store:
        clock = (time.perf_counter(), time.process_time())

        def lap(step: str) -> None:
            nonlocal clock
            now = (time.perf_counter(), time.process_time())
            steps.append((step, now[0] - clock[0], now[1] - clock[1]))
            clock = now

        data = StoreData(store)
        lap("read the store (StoreData)")
        tl = timeline(store, data)
        lap("timeline page data")
        html = to_html(tl)
        lap("HTML")
    return steps, html, len(tl.page["items"])


def bench_timelines(sizes: list[int], given: dict[int, Path], browser: bool, tmp: Path) -> None:
    for n in sizes:
        steps, html, items = time_timeline(article_store(n, given))
        wall, cpu = sum(s[1] for s in steps), sum(s[2] for s in steps)
        print(f"{n:>6} articles: timeline of {items} dated events, {len(html) / 1e6:.1f} MB; generate {wall:.2f} s "
              f"(CPU {cpu:.2f} s) = " + ", ".join(f"{s} {w:.2f} s (CPU {c:.2f})" for s, w, c in steps), flush=True)
        if browser and shutil.which("chromium"):
            draw_s, shown, parts = time_draw(html, tmp, f"timeline-{n}", "() => window.guildgraph.items.length",
                                             _timeline_split, ZOOMS)
            print(f"{'':>6} drawn in Chromium {draw_s:6.2f} s ({shown} items; {parts})", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, nargs="+", default=[1000, 10000], help="articles of the timelines")
    ap.add_argument("--store", action="append", default=[], metavar="N=PATH", help="a store of N synthetic articles")
    ap.add_argument("--no-browser", action="store_true", help="only time the HTML generation")
    args = ap.parse_args()
    given = {int(n): Path(p) for n, p in (s.split("=", 1) for s in args.store)}
    SHOTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        bench_timelines(args.articles, given, not args.no_browser, Path(tmp))


if __name__ == "__main__":
    main()
