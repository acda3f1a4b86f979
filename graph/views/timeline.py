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


class Labels:
    """Who an event is about and its short label, for the events of one StoreData (each actor's name and order
    worked out once)."""

    def __init__(self, data: StoreData):
        self.data = data
        self._short: dict[str, str] = {}
        self._order: dict[str, tuple] = {}

    def short(self, actor: str) -> str:
        """What the news calls an actor for short: its shortest all-capitals name without spaces (WGA,
        SAG-AFTRA), else its label."""
        if actor not in self._short:
            names = [self.data.label(actor), *self.data.aliases.get(actor, [])]
            short = [n for n in names if len(n) >= 2 and " " not in n and "." not in n and n.isupper()]
            self._short[actor] = min(short, key=lambda n: (len(n), n)) if short else self.data.label(actor)
        return self._short[actor]

    def order(self, actor: str) -> tuple:
        if actor not in self._order:
            self._order[actor] = (type_order(self.data.types.get(actor, "Actor")),
                                  self.data.label(actor).casefold(), actor)
        return self._order[actor]

    def lane_actors(self, e: Event) -> list[str]:
        """The actors an event is about, in lane order: the striking party, the proposer, who stated it ..."""
        for role in LANE_ROLES.get(e.type, ()):
            actors = [a for a, roles in e.roles.items() if role in roles]
            if actors:
                return sorted(actors, key=self.order)
        return sorted(e.roles, key=self.order)

    def names(self, actors: list[str], joiner: str, most: int = 3) -> str:
        names = [self.short(a) for a in actors[:most]]
        return joiner.join(names) + (f" +{len(actors) - most}" if len(actors) > most else "")

    def label(self, e: Event, who: list[str] | None = None) -> str:
        """What and who, short: "WGA strike", "AMPTP offer: 5/4/3.5%", "WGA–AMPTP session", "Agreement: DGA"."""
        who = self.lane_actors(e) if who is None else who
        if e.type == "NegotiationSession":
            return (self.names(who, "–") + " session") if who else "Negotiation session"
        figures = _figures(e) if e.type in ("Agreement", "Proposal") else ""
        if e.type == "Agreement":
            guilds = [a for a in who if self.data.types.get(a) == "Guild"] or who
            return "Agreement" + (f": {self.names(guilds, ', ')}" if guilds else "") + \
                (f" ({figures})" if figures else "")
        what = {"Strike": "strike", "Statement": "statement", "LegalAction": "legal action",
                "Proposal": ", ".join(sorted(e.kinds)) or "proposal"}[e.type]
        label = f"{self.names(who, ' + ')} {what}" if who else what.capitalize()
        return label + (f": {figures}" if figures else "")


def _figures(e: Event) -> str:
    """An event's percentages: year by year as "5/4/3.5%", else each with its own sign ("12.5%, 21%")."""
    terms = [t for t in e.terms if t.percent]
    if not terms:
        return ""
    if all(t.year for t in terms) and len({t.year for t in terms}) == len(terms):
        terms.sort(key=lambda t: float(t.year))
        return "/".join(t.percent for t in terms) + "%"
    return ", ".join(sorted({f"{t.percent}%" for t in terms}, key=lambda p: float(p[:-1])))


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
    labels = Labels(data)
    dated, undated = [], []
    for e in events_by_date(data.events.values()):
        day = _day(e.when)
        if day:
            dated.append((e, day, labels.lane_actors(e)))
        else:
            undated.append(e)
    lane_of = {e.iri: (who or [NO_ACTOR])[0] for e, _, who in dated}
    actors = sorted(set(lane_of.values()) - {NO_ACTOR}, key=labels.order)
    actors += [NO_ACTOR] if NO_ACTOR in lane_of.values() else []
    index = {a: i for i, a in enumerate(actors)}
    lane_types: dict[str, list[int]] = {}
    lanes = []
    for a in actors:
        typ = "Actor" if a == NO_ACTOR else data.types.get(a, "Actor")
        lane_types.setdefault(typ, []).append(index[a])
        names = [] if a == NO_ACTOR else [data.label(a), *data.aliases.get(a, [])]
        lanes.append([NO_ACTOR if a == NO_ACTOR else labels.short(a), typ, names])
    items, days = [], []
    for e, start, who in dated:
        end, is_open = _span(e, start, data)
        days += [start] + ([_day(end)] if end else [])
        items.append([EVENT_CLASSES.index(e.type), index[lane_of[e.iri]], start.isoformat(), end,
                      labels.label(e, who), page.event_fact(e), is_open])
    undated_items = [[EVENT_CLASSES.index(e.type), labels.label(e), page.event_fact(e), _articles(e, data)]
                     for e in undated]
    window = [min(days).isoformat(), max(days).isoformat()] if days else None
    counts = [(sum(1 for e, *_ in dated if e.type == t), sum(1 for e in undated if e.type == t))
              for t in EVENT_CLASSES]
    return {
        "lanes": lanes,
        "laneTypes": [[t, NODE_STYLES.get(t, NODE_STYLES["Actor"])[0], lane_types[t]]
                      for t in sorted(lane_types, key=type_order)],
        "items": items,
        "undated": undated_items,
        "eventTypes": [[t, NODE_STYLES[t][0], NODE_STYLES[t][2], NODE_STYLES[t][3], *counts[i]]
                       for i, t in enumerate(EVENT_CLASSES)],
        "window": window,
        **page.as_json(),
    }


def timeline(store, data: StoreData | None = None) -> TimelineView:
    """Dated events in actor lanes (nested by actor class) on a zoomable time axis, undated ones listed apart."""
    data = data or StoreData(store)
    page = timeline_page(data, Page(data))
    subtitle = (f"{len(page['items'])} dated events in {len(page['lanes'])} lanes, "
                f"{len(page['undated'])} undated")
    return TimelineView(title="Timeline", subtitle=subtitle, page=page)
