"""The timeline view's data: each dated event an item in the lane of the actor it is about, strikes as ranges."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..vocab import EVENT_CLASSES
from .data import Event, StoreData, events_by_date, local_name
from .page import Page
from .styles import NODE_STYLES, type_order

#: Whose lane an event goes in: the actors in these roles (the first role any actor holds), else any actor.
LANE_ROLES = {"Strike": ("strikingParty",), "Proposal": ("proposedBy",), "Statement": ("statedBy",),
              "LegalAction": ("filedBy",), "Agreement": ("party",), "NegotiationSession": ("participant",)}
#: The lane of events no actor is named in.
NO_ACTOR = "No actor named"
#: Above this many dated events the page clusters items that would overlap (vis-timeline's `cluster`).
CLUSTER_ABOVE = 400


@dataclass
class TimelineView:
    """The timeline page: `page` is everything its script reads (lanes, items, undated events, evidence). `nodes`
    and `edges` are empty (the index counts them for the network views)."""
    title: str
    subtitle: str
    page: dict
    view: str = "timeline"
    nodes: list = field(default_factory=list)
    edges: list = field(default_factory=list)


def short_name(actor: str, data: StoreData) -> str:
    """What the news calls an actor for short: its shortest all-capitals name without spaces (WGA, SAG-AFTRA),
    else its label."""
    names = [data.label(actor), *data.aliases.get(actor, [])]
    short = [n for n in names if len(n) >= 2 and " " not in n and "." not in n and n.isupper()]
    return min(short, key=lambda n: (len(n), n)) if short else data.label(actor)


def _actor_order(data: StoreData):
    return lambda a: (type_order(data.types.get(a, "Actor")), data.label(a).casefold(), a)


def lane_actors(e: Event, data: StoreData) -> list[str]:
    """The actors an event is about, in lane order: the striking party, the proposer, who stated it ..."""
    for role in LANE_ROLES.get(e.type, ()):
        actors = [a for a in e.actors if role in e.roles[a]]
        if actors:
            return sorted(actors, key=_actor_order(data))
    return sorted(e.actors, key=_actor_order(data))


def _names(actors: list[str], data: StoreData, joiner: str, most: int = 3) -> str:
    names = [short_name(a, data) for a in actors[:most]]
    return joiner.join(names) + (f" +{len(actors) - most}" if len(actors) > most else "")


def _figures(e: Event) -> str:
    """An event's percentages: year by year as "5/4/3.5%", else each with its own sign ("12.5%, 21%")."""
    terms = [t for t in e.terms if t.percent]
    if not terms:
        return ""
    if all(t.year for t in terms) and len({t.year for t in terms}) == len(terms):
        terms.sort(key=lambda t: float(t.year))
        return "/".join(t.percent for t in terms) + "%"
    return ", ".join(sorted({f"{t.percent}%" for t in terms}, key=lambda p: float(p[:-1])))


def item_label(e: Event, data: StoreData) -> str:
    """What and who, short: "WGA strike", "AMPTP offer: 5/4/3.5%", "WGA–AMPTP session", "Agreement: DGA"."""
    who = lane_actors(e, data)
    if e.type == "NegotiationSession":
        return (_names(who, data, "–") + " session") if who else "Negotiation session"
    if e.type == "Agreement":
        guilds = [a for a in who if data.types.get(a) == "Guild"] or who
        figures = f" ({_figures(e)})" if _figures(e) else ""
        return "Agreement" + (f": {_names(guilds, data, ', ')}" if guilds else "") + figures
    what = {"Strike": "strike", "Statement": "statement", "LegalAction": "legal action",
            "Proposal": ", ".join(sorted(e.kinds)) or "proposal"}[e.type]
    label = f"{_names(who, data, ' + ')} {what}" if who else what.capitalize()
    figures = _figures(e) if e.type == "Proposal" else ""
    return label + (f": {figures}" if figures else "")


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except (TypeError, ValueError):
        return None


def _last_report(e: Event, data: StoreData) -> dt.date | None:
    """The latest date of an article that reports the event."""
    days = [_day(data.docs.get(data.evidence[ev][1], ("", ""))[1]) for ev in e.evidence if ev in data.evidence]
    return max((d for d in days if d), default=None)


def _span(e: Event, start: dt.date, data: StoreData) -> tuple[str | None, int]:
    """(end, open): a strike's end (the day after its last day, so the range covers it), else None; `open` is 1
    for a strike without an end date, drawn to the last article reporting it (if later than its start)."""
    if e.type != "Strike":
        return None, 0
    end = _day(e.end)
    if end and end >= start:
        return (end + dt.timedelta(days=1)).isoformat(), 0
    last = _last_report(e, data)
    return ((last + dt.timedelta(days=1)).isoformat() if last and last > start else None), 1


def _articles(e: Event, data: StoreData) -> str:
    """The titles (else file names) of the articles an event's evidence comes from."""
    docs = sorted({data.evidence[ev][1] for ev in e.evidence if ev in data.evidence})
    return ", ".join(data.docs.get(d, (local_name(d), ""))[0] for d in docs if d)


def timeline_page(data: StoreData, page: Page) -> dict:
    """The page data: `lanes` [label, type, names] grouped by `laneTypes` [type, label, [lane...]], `items`
    [type, lane, start, end or null, label, fact, open] of the dated events, `undated` [type, label, fact,
    articles], `eventTypes` [type, label, fill, border, dated, undated] and the time `window` [min, max]."""
    events = events_by_date(data.events.values())
    dated = [(e, _day(e.when)) for e in events if _day(e.when)]
    undated = [e for e in events if not _day(e.when)]
    lane_of = {e.iri: (lane_actors(e, data) or [NO_ACTOR])[0] for e, _ in dated}
    actors = sorted(set(lane_of.values()) - {NO_ACTOR}, key=_actor_order(data))
    actors += [NO_ACTOR] if NO_ACTOR in lane_of.values() else []
    index = {a: i for i, a in enumerate(actors)}
    lane_types: dict[str, list[int]] = {}
    lanes = []
    for a in actors:
        typ = "Actor" if a == NO_ACTOR else data.types.get(a, "Actor")
        lane_types.setdefault(typ, []).append(index[a])
        names = [] if a == NO_ACTOR else [data.label(a), *data.aliases.get(a, [])]
        lanes.append([NO_ACTOR if a == NO_ACTOR else short_name(a, data), typ, names])
    items, days = [], []
    for e, start in dated:
        end, is_open = _span(e, start, data)
        days += [start] + ([_day(end)] if end else [])
        items.append([EVENT_CLASSES.index(e.type), index[lane_of[e.iri]], start.isoformat(), end,
                      item_label(e, data), page.event_fact(e), is_open])
    undated_items = [[EVENT_CLASSES.index(e.type), item_label(e, data), page.event_fact(e), _articles(e, data)]
                     for e in undated]
    window = [min(days).isoformat(), max(days).isoformat()] if days else None
    counts = [(sum(1 for e, _ in dated if e.type == t), sum(1 for e in undated if e.type == t)) for t in EVENT_CLASSES]
    return {
        "lanes": lanes,
        "laneTypes": [[t, NODE_STYLES.get(t, NODE_STYLES["Actor"])[0], lane_types[t]]
                      for t in sorted(lane_types, key=type_order)],
        "items": items,
        "undated": undated_items,
        "eventTypes": [[t, NODE_STYLES[t][0], NODE_STYLES[t][2], NODE_STYLES[t][3], *counts[i]]
                       for i, t in enumerate(EVENT_CLASSES)],
        "window": window,
        "cluster": len(items) > CLUSTER_ABOVE,
        **page.as_json(),
    }


def timeline(store, data: StoreData | None = None) -> TimelineView:
    """Dated events in actor lanes (nested by actor class) on a zoomable time axis, undated ones listed apart."""
    data = data or StoreData(store)
    page = timeline_page(data, Page(data))
    subtitle = (f"{len(page['items'])} dated events in {len(page['lanes'])} lanes, "
                f"{len(page['undated'])} undated")
    return TimelineView(title="Timeline", subtitle=subtitle, page=page)
