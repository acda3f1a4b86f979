"""Legal actions: one per filer, opponent, forum and day; a countersuit is against whoever sued the filers."""
from __future__ import annotations

import re

from .context import Context
from .events import add_evidence, frame_days, frame_evidence
from .facts import Event
from .frame_types import Frame


def legal_actions(ctx: Context, frames: list[Frame]) -> list[Event]:
    out: dict[tuple, Event] = {}
    by_pair: dict[tuple, list[tuple[tuple, Event]]] = {}  # (filer, targets) -> its (key, event)s, in order
    last_by_filer: dict[str, Event] = {}  # the filer's last event
    latest: Event | None = None
    latest_noun = ""  # the word that told the latest action ("suit", "grievance")
    told_by: dict[int, set[str]] = {}  # an action's words (by the event's id)
    for f in frames:
        if f.name != "LegalAction" or f.hedge:
            continue
        filers = f.actors("filedBy")
        against = [a for a in f.actors("against") if a not in filers]
        forum = f.actors("filedWith")
        reciprocal = _reciprocal(ctx, f)
        days, _ = frame_days(ctx, f)
        if not filers:
            if latest is not None and len(days) == 1 and latest.date not in (None, days[0]) \
                    and f.text.lower() != latest_noun:
                # "SAG-AFTRA sued Netflix on Monday. ... first challenged the dubs in a GRIEVANCE filed on Aug. 24":
                # another action of the same sides, on its own day
                latest = Event("LegalAction", {k: list(v) for k, v in latest.roles.items()})
                latest.date, latest_noun = days[0], f.text.lower()
                out[(*latest.roles["filedBy"][:1], tuple(latest.roles["against"]), (), days)] = latest
            elif latest is not None and len(days) == 1 and latest.date is None:
                latest.date = days[0]  # "SAG-AFTRA sues Netflix. ... The suit, filed on Monday in ..."
            if latest is not None:
                add_evidence(latest, frame_evidence(ctx, f))
                if forum and not latest.roles.get("filedWith"):
                    latest.roles["filedWith"] = forum[:1]
            continue
        if not against and f.text.lower().startswith("counter"):
            # a countersuit answers a suit: it is against whoever sued the filers
            against = list(dict.fromkeys(s for e in out.values() if set(e.roles["against"]) & set(filers)
                                         for s in e.roles["filedBy"]))
        pairs = [(s, [o for o in filers if o != s]) for s in filers] if reciprocal else [(s, against) for s in filers]
        for filer, targets in pairs:
            if not targets:
                # "UTA filed suit Thursday": the suit by the same filer just told of, now with its day
                ev = last_by_filer.get(filer)
                if ev is None and forum:
                    # "they filed a charge with the NLRB": an action before a forum, its opponent unnamed
                    ev = last_by_filer[filer] = out.setdefault((filer, (), tuple(forum[:1]), ()), Event(
                        "LegalAction", {"filedBy": [filer], "against": [], "filedWith": forum[:1]}))
                if ev is not None:
                    if len(days) == 1 and ev.date is None:
                        ev.date = days[0]
                    if forum and not ev.roles.get("filedWith"):
                        ev.roles["filedWith"] = forum[:1]
                    add_evidence(ev, frame_evidence(ctx, f))
                continue
            key = (filer, tuple(targets), tuple(forum[:1]), days if len(days) == 1 else ())
            ev = out.get(key) or next((e for k, e in by_pair.get(key[:2], ()) if not days or not k[3]), None)
            if ev is None:
                roles = {"filedBy": [filer], "against": list(targets)}
                if forum:
                    roles["filedWith"] = forum[:1]
                ev = out[key] = last_by_filer[filer] = Event("LegalAction", roles)
                by_pair.setdefault(key[:2], []).append((key, ev))
            if len(days) == 1 and ev.date is None:
                ev.date = days[0]
            add_evidence(ev, frame_evidence(ctx, f))
            latest, latest_noun = ev, f.text.lower()
            told_by.setdefault(id(ev), set()).add(f.text.lower())
    forumless = ctx.lexicon.frames["LegalAction"].forumless
    for ev in out.values():
        ev.forumless = bool(told_by.get(id(ev))) and told_by[id(ev)] <= forumless
    return list(out.values())


def _reciprocal(ctx: Context, f: Frame) -> bool:
    """"dismiss their lawsuits against each other": every filer against every other."""
    sent = ctx.text[f.sent_start:f.sent_end].lower()
    return bool(re.search(r"\bagainst (?:each other|one another)\b", sent))
