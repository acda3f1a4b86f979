"""The timeline view: dated events left to right in one lane per actor, strikes as spans, undated ones listed."""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from ..vocab import EVENT_CLASSES
from .data import ROLE_LABELS, Event, StoreData, events_by_date, local_name
from .layout import rounded
from .page import Page, event_text
from .styles import NODE_STYLES, type_order
from .vis import ViewNetwork, build_network

#: Pixels between the rows of one lane (markers that would overlap go one row down).
_ROW = 34.0


@dataclass
class Timeline:
    """The timeline's view graph, its fixed positions, and the page data of its lanes, ticks and undated events."""
    graph: nx.MultiDiGraph
    positions: dict
    lanes: list
    ticks: list
    undated: list
    span: list


def timeline_graph(data: StoreData, page: Page) -> Timeline:
    """Dated events left to right (hl:date, else hl:startDate), one lane per actor: an event is a marker in
    the lane of each of its actors, joined across lanes; a strike is a span to its hl:endDate, or to the last
    dated event. Undated events are listed apart."""
    events = events_by_date(data.events.values())
    dated = [e for e in events if e.when and _iso(e.when)]
    undated = [e for e in events if e not in dated]
    days = [_iso(e.when) for e in dated] + [_iso(e.end) for e in dated if e.end and _iso(e.end)]
    vg = nx.MultiDiGraph()
    pos: dict[str, tuple[float, float]] = {}
    lanes, ticks, span = [], [], []
    if dated:
        first, last = min(days), max(days)
        width_days = max((last - first).days, 1)
        ppd = min(max(800.0 / width_days, 0.2), 40.0)

        def x_of(day: dt.date) -> float:
            return (day - first).days * ppd

        actors = sorted({a for e in dated for a in e.roles},
                        key=lambda a: (type_order(data.types.get(a, "Actor")), data.label(a).casefold(), a))
        # markers that would overlap in a lane go to the next row down (greedy, in date order)
        rows: dict[str, list[float]] = defaultdict(list)
        row_of: dict[tuple[str, str], int] = {}
        for e in dated:
            x, w = x_of(_iso(e.when)), 9.0 * len(_marker_label(e)) + 16.0
            for a in e.actors:
                free = [r for r, right in enumerate(rows[a]) if right + 10.0 <= x - w / 2]
                r = free[0] if free else len(rows[a])
                if r == len(rows[a]):
                    rows[a].append(0.0)
                rows[a][r] = x + w / 2
                row_of[(e.iri, a)] = r
        y, lane_y = 0.0, {}
        for a in actors:
            h = 80.0 + _ROW * (len(rows[a]) - 1)
            lane_y[a] = y + 34.0
            lanes.append([rounded(y), rounded(h)])
            y += h
        span = [rounded(x_of(first) - 260.0), rounded(x_of(last) + 120.0)]
        for a in actors:
            typ = data.types.get(a, "Actor")
            afacts = page.actor_facts(a)
            aliases = data.aliases.get(a, [])
            vg.add_node(f"lane:{a}", label=data.label(a), type=typ, facts=afacts, size=14,
                        search=[data.label(a)] + aliases, font={"size": 15},
                        tip=[["", data.label(a)], ["Type", NODE_STYLES.get(typ, NODE_STYLES["Actor"])[0]],
                             ["Also known as", ", ".join(aliases) or "—"],
                             ["Evidence", f"{page.count(afacts)} sentences"]])
            pos[f"lane:{a}"] = (x_of(first) - 160.0, lane_y[a] - 8.0)
        for e in dated:
            fact = page.event_fact(e)
            tip = [["", NODE_STYLES[e.type][0] + (f" ({', '.join(sorted(e.kinds))})" if e.kinds else "")],
                   ["Date", e.when + (f" to {e.end}" if e.end else (" (no end date)" if e.type == "Strike" else ""))]]
            tip += [[ROLE_LABELS[r], data.label(a)] for a in e.actors for r in e.actor_roles(a)]
            if e.issues:
                tip.append(["Issues", ", ".join(data.label(i) for i in sorted(e.issues))])
            tip.append(["Evidence", f"{page.count([fact])} sentences"])
            markers = []
            strikers = [a for a in e.actors if "strikingParty" in e.roles[a]] or e.actors[:1]
            for a in sorted(e.actors, key=actors.index):
                node = f"{e.iri}|{a}"
                markers.append(node)
                vg.add_node(node, label=_marker_label(e), type=e.type, tip=tip, facts=[fact], size=10,
                            search=[f"{NODE_STYLES[e.type][0]} {e.when}"], font={"size": 14})
                py = lane_y[a] + _ROW * row_of[(e.iri, a)]
                pos[node] = (x_of(_iso(e.when)), py)
                if e.type == "Strike" and a in strikers:
                    end = e.end if e.end and _iso(e.end) else last.isoformat()
                    if _iso(end) > _iso(e.when):
                        cap = f"{node}|end"
                        vg.add_node(cap, label=f"end {e.end}" if e.end else "no end date", type="Strike",
                                    shape="dot", size=5, facts=[fact], search=[],
                                    font={"size": 12, "color": "#8a2b2b", "vadjust": -4},
                                    tip=[["", "End of strike"],
                                         ["Date", e.end or f"no end date: drawn to the last dated event, {end}"]])
                        # an open strike runs to the last dated event and a little beyond: it goes on
                        pos[cap] = (x_of(_iso(end)) + (0.0 if e.end else 60.0), py)
                        vg.add_edge(node, cap, key="strikeSpan", relation="strikeSpan", hidden_label=True,
                                    tip=[["", "Strike"], ["From", e.when], ["To", e.end or f"{end} (no end date)"]],
                                    facts=[fact], symmetric=True, width=6)
            for m1, m2 in zip(markers, markers[1:]):
                vg.add_edge(m1, m2, key="sameEvent", relation="sameEvent", hidden_label=True,
                            tip=[["", "Same event"], ["Event", tip[0][1]]], facts=[fact], symmetric=True)
        ticks = [[rounded(x_of(day)), label] for day, label in _ticks(first, last)]
    undated_items = [[event_text(e, data), page.event_fact(e), _articles(e, data)] for e in undated]
    return Timeline(vg, pos, lanes, ticks, undated_items, span)



def _articles(e: Event, data: StoreData) -> str:
    """The titles (else file names) of the articles an event's evidence comes from."""
    docs = sorted({data.evidence[ev][1] for ev in e.evidence if ev in data.evidence})
    return ", ".join(data.docs.get(d, (local_name(d), ""))[0] for d in docs if d)


def _marker_label(e: Event) -> str:
    if e.type == "Proposal" and len(e.kinds) == 1:
        return next(iter(e.kinds)).capitalize()
    return {"NegotiationSession": "Negotiation", "LegalAction": "Legal action"}.get(e.type, e.type)


def _iso(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def _ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Gridlines: weeks under two months, months under three years, else years."""
    span = (last - first).days
    out = []
    if span < 62:
        day = first - dt.timedelta(days=first.weekday())
        while day <= last + dt.timedelta(days=7):
            out.append((day, day.isoformat()))
            day += dt.timedelta(days=7)
    elif span < 3 * 366:
        day = first.replace(day=1)
        while day <= last:
            out.append((day, day.strftime("%b %Y")))
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    else:
        for year in range(first.year, last.year + 2):
            out.append((dt.date(year, 1, 1), str(year)))
    return out


def timeline(store, data: StoreData | None = None) -> ViewNetwork:
    """Events by date in actor lanes, strikes as spans; physics off, positions fixed."""
    data = data or StoreData(store)
    page = Page(data)
    tl = timeline_graph(data, page)
    dated = len({v.split("|")[0] for v, t in tl.graph.nodes(data="type") if t in EVENT_CLASSES})
    net = build_network(tl.graph, view="timeline", title="Timeline", page=page, positions=tl.positions,
                        timeline=True,
                        subtitle=f"{dated} dated events in {len(tl.lanes)} lanes, {len(tl.undated)} undated")
    net.page.update(lanes=tl.lanes, ticks=tl.ticks, undated=tl.undated, span=tl.span)
    return net
