"""The bargaining gap: asked vs offered vs agreed per issue, guild and contract year, as inline SVG beside a table."""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from markupsafe import Markup, escape
from rdflib import URIRef

from ..query import bind_params, get_query
from ..query.run import select_rows

#: The three measures in drawing order: (key, legend label, colour: Okabe-Ito orange, blue, green).
MEASURES = (("asked", "Asked by the guild", "#E69F00"), ("offered", "Offered by the employers", "#0072B2"),
            ("agreed", "Agreed", "#009E73"))
WHOLE = "whole contract"
_PLOT_H, _TOP, _BOTTOM, _LEFT, _BAR, _GROUP_GAP = 170.0, 26.0, 46.0, 44.0, 26.0, 22.0
_Q_ISSUE_LABEL = "SELECT (MIN(STR(?l)) AS ?label) WHERE { ?issue skos:prefLabel ?l }"


@dataclass
class Panel:
    """One issue and guild: per contract year ("" for the whole contract) the values of each measure."""
    issue: str
    guild: str
    years: dict[str, dict[str, list[tuple[float, str]]]] = field(default_factory=dict)

    def year_keys(self) -> list[str]:
        return sorted(self.years, key=lambda y: (y == "", float(y) if _is_number(y) else 0.0, y))


@dataclass
class GapView:
    """The gap page: its panels (issue by issue) and the page data (`rows`, as the query gives them)."""
    title: str
    subtitle: str
    page: dict
    view: str = "gap"
    nodes: list = field(default_factory=list)
    edges: list = field(default_factory=list)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _number(value) -> str:
    f = float(value)
    return str(int(f)) if f.is_integer() else f"{f:g}"


def gap_rows(store) -> list[dict]:
    """The rows of the `proposals-and-agreements` named query, numbers as text ("3.5"), missing values ""."""
    rows = []
    query = get_query("proposals-and-agreements")
    # read as text (`select_rows`), bound as `run_named` binds it, with no RDF library term made per value
    for r in select_rows(store, query.text, bind_params(store, query)):
        row = {k: "" if getattr(r, k) is None else str(getattr(r, k))
               for k in ("issue", "year", "guild", "asked", "employer", "offered", "gap", "agreed")}
        for k in ("year", "asked", "offered", "gap", "agreed"):
            row[k] = _number(row[k]) if row[k] and _is_number(row[k]) else row[k]
        rows.append(row)
    return rows


def _rows_once(store, data) -> list[dict]:
    """`gap_rows`; with `data` (a StoreData: one reading of the store for a set of views) once for all of them."""
    rows = getattr(data, "_gap_rows", None)
    if rows is None:
        rows = gap_rows(store)
        if data is not None:
            data._gap_rows = rows
    return rows


def issue_gap_rows(store, issue_iri: str, data=None) -> list[dict]:
    """The rows of one issue (the query names an issue by its least skos:prefLabel)."""
    rows = _rows_once(store, data)
    label = next((str(r.label) for r in store.query(_Q_ISSUE_LABEL, {"issue": URIRef(issue_iri)}) if r.label), "")
    return [r for r in rows if r["issue"] == label]


def panels(rows: list[dict]) -> list[Panel]:
    """The rows as panels, by issue then guild; a measure's value is listed once per year (with the employer
    that offered it)."""
    by_key: dict[tuple[str, str], Panel] = {}
    for row in rows:
        panel = by_key.setdefault((row["issue"], row["guild"]), Panel(row["issue"], row["guild"]))
        year = panel.years.setdefault(row["year"], defaultdict(list))
        for key, _, _ in MEASURES:
            if row[key]:
                value = (float(row[key]), row["employer"] if key == "offered" else "")
                if value not in year[key]:
                    year[key].append(value)
    return [by_key[k] for k in sorted(by_key, key=lambda k: (k[0].casefold(), k[1].casefold()))]


def _nice_top(value: float) -> tuple[float, float]:
    """(axis maximum, tick step) for values up to `value`: 4-6 ticks of 1, 2, 2.5 or 5 times a power of ten."""
    value = max(value, 1.0)
    for step in sorted(m * 10 ** e for e in range(-1, 4) for m in (1, 2, 2.5, 5)):
        if value / step <= 5:
            return math.ceil(value * 1.08 / step) * step, step
    return value, value  # pragma: no cover - beyond 100,000 percent


def _year_label(year: str) -> str:
    return f"Year {year}" if year else WHOLE.capitalize()


def _pct(value: float) -> str:
    return f"{_number(value)}%"


def panel_svg(panel: Panel, uid: str) -> Markup:
    """A grouped bar chart: one group per contract year, a bar per measure value, the gap under each group."""
    years = panel.year_keys()
    bars = {y: [(k, v, who) for k, _, _ in MEASURES for v, who in panel.years[y].get(k, [])] for y in years}
    top, step = _nice_top(max((v for y in years for _, v, _ in bars[y]), default=1.0))
    widths = [max(len(bars[y]), 3) * _BAR + _GROUP_GAP for y in years]
    width = _LEFT + sum(widths) + 12.0
    height = _TOP + _PLOT_H + _BOTTOM

    def y_of(v: float) -> float:
        return _TOP + _PLOT_H * (1.0 - v / top)

    title = f"{panel.issue}, {panel.guild}: asked, offered and agreed (percent) by contract year"
    out = [f'<svg class="gg-gap-chart" role="img" aria-labelledby="{uid}-t" width="{width:.0f}" '
           f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" xmlns="http://www.w3.org/2000/svg">',
           f'<title id="{uid}-t">{escape(title)}</title>']
    tick = 0.0
    while tick <= top + 1e-9:
        y = y_of(tick)
        out.append(f'<line class="gg-grid" x1="{_LEFT:.0f}" x2="{width - 6:.0f}" y1="{y:.1f}" y2="{y:.1f}"/>'
                   f'<text class="gg-tick" x="{_LEFT - 6:.0f}" y="{y + 4:.1f}" text-anchor="end">{_pct(tick)}</text>')
        tick += step
    x = _LEFT + _GROUP_GAP / 2
    for year, w in zip(years, widths):
        group = bars[year]
        bx = x + (w - _GROUP_GAP - len(group) * _BAR) / 2
        for key, value, who in group:
            y = y_of(value)
            label = f"{_year_label(year)}: {dict((k, t) for k, t, _ in MEASURES)[key].lower()} {_pct(value)}"
            label += f" ({who})" if who else ""
            colour = dict((k, c) for k, _, c in MEASURES)[key]
            out.append(f'<rect class="gg-bar gg-{key}" x="{bx + 2:.1f}" y="{y:.1f}" width="{_BAR - 4:.0f}" '
                       f'height="{_TOP + _PLOT_H - y:.1f}" fill="{colour}" data-measure="{key}" '
                       f'data-year="{escape(year)}" data-value="{_number(value)}"><title>{escape(label)}</title></rect>'
                       f'<text class="gg-value" x="{bx + _BAR / 2:.1f}" y="{y - 4:.1f}" '
                       f'text-anchor="middle">{_number(value)}</text>')
            bx += _BAR
        cx = x + (w - _GROUP_GAP) / 2
        out.append(f'<text class="gg-year" x="{cx:.1f}" y="{_TOP + _PLOT_H + 17:.1f}" '
                   f'text-anchor="middle">{escape(_year_label(year))}</text>')
        gap = _gap_text(panel.years[year])
        if gap:
            out.append(f'<text class="gg-gap-note" x="{cx:.1f}" y="{_TOP + _PLOT_H + 34:.1f}" '
                       f'text-anchor="middle">{escape(gap)}</text>')
        x += w
    out.append(f'<line class="gg-axis" x1="{_LEFT:.0f}" x2="{width - 6:.0f}" y1="{_TOP + _PLOT_H:.1f}" '
               f'y2="{_TOP + _PLOT_H:.1f}"/></svg>')
    return Markup("".join(out))


def _gap_text(year: dict) -> str:
    """ "gap 1.5 pts" between the highest ask and the highest offer of a year, if both are known."""
    asked, offered = year.get("asked"), year.get("offered")
    if not asked or not offered:
        return ""
    gap = max(v for v, _ in asked) - max(v for v, _ in offered)
    return f"gap {_number(gap)} pt" + ("" if abs(gap) == 1 else "s")


def panel_table(panel: Panel) -> Markup:
    """The same numbers as the chart, as a table (for screen readers, and to copy)."""
    head = "".join(f'<th scope="col"{cls}>{escape(t)}</th>' for t, cls in
                   (("Contract year", ""), ("Asked", ""), ("Offered", ""), ("Offered by", ' class="gg-by"'),
                    ("Gap (points)", ""), ("Agreed", "")))
    body = []
    for year in panel.year_keys():
        values = panel.years[year]

        def cell(key: str) -> str:
            return ", ".join(_pct(v) for v, _ in values.get(key, [])) or "—"

        by = ", ".join(sorted({who for _, who in values.get("offered", []) if who})) or "—"
        gap = _gap_text(values).removeprefix("gap ").rsplit(" ", 1)[0] or "—"
        body.append(f'<tr data-year="{escape(year)}"><th scope="row">{escape(_year_label(year))}</th>'
                    f'<td class="gg-asked">{escape(cell("asked"))}</td><td class="gg-offered">{escape(cell("offered"))}'
                    f'</td><td class="gg-by">{escape(by)}</td><td>{escape(gap)}</td>'
                    f'<td class="gg-agreed">{escape(cell("agreed"))}</td></tr>')
    caption = f"{panel.issue} — {panel.guild} (percent)"
    return Markup(f'<table class="gg-gap-table"><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
                  f'<tbody>{"".join(body)}</tbody></table>')


def gap_figures(rows: list[dict], prefix: str = "gap") -> Markup:
    """Every panel of `rows` as a chart beside its table, issue by issue, with the legend once above."""
    if not rows:
        return Markup('<p class="gg-muted">No proposal or agreement with a percentage yet.</p>')
    legend = "".join(f'<span class="gg-gap-key"><span class="gg-gap-swatch" style="background:{c}"></span>'
                     f"{escape(label)}</span>" for _, label, c in MEASURES)
    out = [f'<p class="gg-gap-legend">{legend}</p>']
    issue = None
    for i, panel in enumerate(panels(rows)):
        if panel.issue != issue:
            issue = panel.issue
            out.append(f"<h2 class=\"gg-gap-issue\">{escape(issue)}</h2>")
        out.append(f'<figure class="gg-gap-figure" data-issue="{escape(panel.issue)}" '
                   f'data-guild="{escape(panel.guild)}"><figcaption>{escape(panel.guild)}</figcaption>'
                   f'<div class="gg-gap-pair">{panel_svg(panel, f"{prefix}{i}")}{panel_table(panel)}</div></figure>')
    return Markup("".join(out))


def gap_view(store, data=None) -> GapView:
    """The gap page of every issue."""
    rows = _rows_once(store, data)
    issues = len({r["issue"] for r in rows})
    guilds = len({r["guild"] for r in rows})
    subtitle = (f"{issues} issue{'s' * (issues != 1)}, {guilds} guild{'s' * (guilds != 1)}: "
                "asked vs offered vs agreed, in percent")
    return GapView(title="Bargaining gap", subtitle=subtitle, page={"rows": rows})
