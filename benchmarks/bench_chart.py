"""How to draw the bargaining-gap chart offline: page size and time to a drawn chart in headless Chromium for inline
SVG made in Python (what graph/views/chart.py does) against Chart.js and Vega-Lite (+ Vega, vega-embed) inlined from
npm, on the same rows, each page with the same table beside its charts.

The libraries are fetched with `npm pack` (pinned below) into benchmarks/.cache/npm/. Vega compiles its expressions
with `new Function`, so its page needs 'unsafe-eval' in the Content-Security-Policy (the run checks that it fails
without); Chart.js and the SVG run under the views' policy (scripts by hash only).

Run: .venv/bin/python benchmarks/bench_chart.py [--panels 3 90] [--runs 5]
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import statistics
import subprocess
import tarfile
import time
from pathlib import Path

from graph.views.chart import MEASURES, GapView, panel_table, panels
from graph.views.render import _csp_hash, gap_html, script_json

CACHE = Path(__file__).resolve().parent / ".cache" / "npm"
LIBRARIES = {"chart.js@4.5.1": ["dist/chart.umd.min.js"], "vega@6.2.0": ["build/vega.min.js"],
             "vega-lite@6.4.1": ["build/vega-lite.min.js"], "vega-embed@7.1.0": ["build/vega-embed.min.js"]}
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
CORPUS_ROWS = [  # what the bundled corpus gives (proposals-and-agreements)
    {"issue": "Compensation", "year": "", "guild": "Directors Guild of America", "asked": "", "employer": "",
     "offered": "", "gap": "", "agreed": "12.5"},
    *({"issue": "Compensation", "year": y, "guild": "Writers Guild of America", "asked": a,
       "employer": "Alliance of Motion Picture and Television Producers", "offered": o, "gap": "", "agreed": ""}
      for y, a, o in (("1", "6", "5"), ("2", "5", "4"), ("3", "5", "3.5"))),
    {"issue": "Residuals", "year": "", "guild": "Directors Guild of America", "asked": "", "employer": "",
     "offered": "", "gap": "", "agreed": "21"},
]


def synthetic_rows(n_panels: int, seed: int = 3) -> list[dict]:
    """`n_panels` issue-and-guild panels of three contract years each."""
    rng = random.Random(seed)
    rows = []
    for p in range(n_panels):
        for year in ("1", "2", "3"):
            asked = rng.choice([4, 5, 6, 7, 8])
            rows.append({"issue": f"Issue {p // 10:02d}", "year": year, "guild": f"Guild {p % 10:02d}",
                         "asked": str(asked), "employer": "Employers", "offered": str(asked - rng.choice([1, 1.5, 2])),
                         "gap": "", "agreed": str(asked - 1) if rng.random() < 0.3 else ""})
    return rows


def library(spec: str, member: str) -> str:
    name, version = spec.rsplit("@", 1)
    folder = CACHE / f"{name}-{version}"
    if not folder.is_dir():
        CACHE.mkdir(parents=True, exist_ok=True)
        out = subprocess.run(["npm", "pack", spec, "--json", "--pack-destination", str(CACHE)], check=True,
                             capture_output=True, text=True).stdout
        with tarfile.open(CACHE / json.loads(out)[0]["filename"]) as tar:
            tar.extractall(folder, filter="data")
    return (folder / "package" / member).read_text(encoding="utf-8")


def _page(body: str, scripts: list[str], data, *, eval_ok: bool = False) -> str:
    """A page like ours: data as JSON, scripts allowed by hash (Vega also needs 'unsafe-eval')."""
    hashes = " ".join(_csp_hash(s) for s in scripts) or "'none'"
    csp = f"default-src 'none'; script-src {hashes}{' ' + chr(39) + 'unsafe-eval' + chr(39) if eval_ok else ''}; " \
          "style-src 'unsafe-inline'; img-src data:"
    tags = "".join(f"<script>{s}</script>" for s in scripts)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
            f'content="{csp}"></head><body>{body}<script id="gg-data" type="application/json">'
            f"{script_json(data)}</script>{tags}</body></html>")


def chartjs_page(rows: list[dict]) -> str:
    body = "".join(f'<figure><div style="width:{110 + 90 * len(p.years)}px;height:240px"><canvas id="c{i}"></canvas>'
                   f"</div>{panel_table(p)}</figure>" for i, p in enumerate(panels(rows)))
    data = [{"years": p.year_keys(), "sets": [[k, label, colour, [(p.years[y].get(k) or [[None]])[0][0]
                                                                  for y in p.year_keys()]]
                                              for k, label, colour in MEASURES]} for p in panels(rows)]
    script = """(function () { var data = JSON.parse(document.getElementById("gg-data").textContent);
      data.forEach(function (p, i) { new Chart(document.getElementById("c" + i), {type: "bar",
        data: {labels: p.years.map(function (y) { return y ? "Year " + y : "Whole contract"; }),
               datasets: p.sets.map(function (s) { return {label: s[1], backgroundColor: s[2], data: s[3]}; })},
        options: {animation: false, responsive: true, maintainAspectRatio: false,
                  scales: {y: {beginAtZero: true, ticks: {callback: function (v) { return v + "%"; }}}}}}); });
      window.ready = true; })();"""
    return _page(body, [library("chart.js@4.5.1", "dist/chart.umd.min.js"), script], data)


def vega_page(rows: list[dict], *, eval_ok: bool = True) -> str:
    values = [{"panel": f"{r['issue']} — {r['guild']}", "year": f"Year {r['year']}" if r["year"] else "Whole",
               "measure": label, "value": float(r[k])} for r in rows for k, label, _ in MEASURES if r[k]]
    spec = {"$schema": "https://vega.github.io/schema/vega-lite/v6.json", "data": {"values": values},
            "facet": {"field": "panel", "type": "nominal", "title": None}, "columns": 3,
            "spec": {"width": 240, "height": 170, "mark": "bar",
                     "encoding": {"x": {"field": "year", "type": "nominal", "title": None},
                                  "xOffset": {"field": "measure"},
                                  "y": {"field": "value", "type": "quantitative", "title": "%"},
                                  "color": {"field": "measure", "scale": {"range": [c for *_, c in MEASURES]}},
                                  "tooltip": [{"field": "measure"}, {"field": "value"}]}}}
    tables = "".join(str(panel_table(p)) for p in panels(rows))
    script = """(function () { var spec = JSON.parse(document.getElementById("gg-data").textContent);
      vegaEmbed("#vis", spec, {renderer: "svg", actions: false}).then(function () { window.ready = true; },
        function (e) { window.failed = String(e); }); })();"""
    libs = [library(s, m[0]) for s, m in LIBRARIES.items() if s.startswith("vega")]
    return _page(f'<div id="vis"></div>{tables}', libs + [script], spec, eval_ok=eval_ok)


def svg_page(rows: list[dict]) -> str:
    return gap_html(GapView(title="Gap", subtitle="", page={"rows": rows}))


def drawn_ms(browser, html: str, tmp: Path, name: str, runs: int) -> tuple[float, list[str]]:
    """Median milliseconds from navigation to the first frame after the page's charts are drawn, and what the
    page logged."""
    path = tmp / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    times, logged = [], []
    for _ in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.on("console", lambda m: logged.append(m.text[:160]) if m.type in ("error", "warning") else None)
        page.goto(path.as_uri(), wait_until="load")
        if "<canvas" in html or 'id="vis"' in html:
            page.wait_for_function("() => window.ready || window.failed", timeout=60_000)
            if page.evaluate("() => window.failed"):
                logged.append(page.evaluate("() => window.failed"))
        times.append(page.evaluate("() => new Promise(r => requestAnimationFrame(() => r(performance.now())))"))
        page.close()
    return statistics.median(times), sorted(set(logged))


def main():
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--panels", type=int, nargs="+", default=[3, 90], help="3: the corpus's rows")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    for spec, members in LIBRARIES.items():  # fetched before any timing
        library(spec, members[0])
    tmp = CACHE.parent / "chart-pages"
    tmp.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        for n in args.panels:
            rows = CORPUS_ROWS if n == 3 else synthetic_rows(n)
            print(f"{len(panels(rows))} panels, {len(rows)} rows")
            makers = {"inline SVG (Python)": svg_page, "Chart.js 4.5.1": chartjs_page,
                      "Vega-Lite 6.4.1 + Vega 6.2.0 + vega-embed 7.1.0": vega_page}
            for label, make in makers.items():
                t0 = time.perf_counter()
                html = make(rows)
                gen = time.perf_counter() - t0
                ms, logged = drawn_ms(browser, html, tmp, f"{make.__name__}-{n}", args.runs)
                print(f"  {label:<48} {len(html) / 1024:8.1f} KiB  generate {gen * 1000:6.1f} ms  "
                      f"drawn {ms:7.1f} ms{'  logged: ' + '; '.join(logged) if logged else ''}")
            _, logged = drawn_ms(browser, vega_page(rows, eval_ok=False), tmp, f"vega-strict-{n}", 1)
            print(f"  {'  Vega under the strict policy (no unsafe-eval)':<48} logged: {'; '.join(logged)[:200]}")
        browser.close()


if __name__ == "__main__":
    main()
