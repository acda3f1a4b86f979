"""Datelines: the day the text below "BURBANK, Calif., Nov 13 (Reuters) - " or "LOS ANGELES (March 10, 2031) — " is
written on."""
from __future__ import annotations

import datetime as dt

from . import dates as dates_mod
from .date_patterns import (
    RELEASE_DATELINE_AFTER_RE,
    RELEASE_DATELINE_BEFORE_RE,
    WIRE_DATELINE_AFTER_RE,
    WIRE_DATELINE_BEFORE_RE,
)

_RELATIVE_KINDS = frozenset({"weekday", "relative"})  # the kinds of dates counted from the day written on


def _dateline(text: str, m: dates_mod.DateMention, before, after) -> bool:
    return m.kind == "absolute" and len(m.dates) == 1 and after.match(text, m.end) is not None \
        and before.search(text, max(0, m.start - 60), m.start) is not None


def is_wire_dateline(text: str, m: dates_mod.DateMention) -> bool:
    """Whether a date mention is the day of a wire dateline ("BURBANK, Calif., Nov 13 (Reuters) - ")."""
    return _dateline(text, m, WIRE_DATELINE_BEFORE_RE, WIRE_DATELINE_AFTER_RE)


def wire_datelines(text: str, found) -> list[tuple[int, dt.date]]:
    """(offset of its line, day) of each wire dateline, in text order: the day the text from it on is written on."""
    return [(text.rfind("\n", 0, m.start) + 1, m.dates[0]) for m in found if is_wire_dateline(text, m)]


def is_release_dateline(text: str, m: dates_mod.DateMention) -> bool:
    """Whether a date mention is the day of a press release's dateline ("LOS ANGELES (March 10, 2031) — ")."""
    return _dateline(text, m, RELEASE_DATELINE_BEFORE_RE, RELEASE_DATELINE_AFTER_RE)


def release_datelines(text: str, found) -> list[tuple[int, dt.date]]:
    """(offset of its line, day) of each press release's dateline ("LOS ANGELES (March 10, 2031) — "), in text
    order: the day the release from it on was issued on."""
    return [(text.rfind("\n", 0, m.start) + 1, m.dates[0]) for m in found if is_release_dateline(text, m)]


def from_datelines(text: str, found: list[dates_mod.DateMention], anchor: dt.date) -> list[dates_mod.DateMention]:
    """Weekdays and "yesterday" below a dateline of another day than the article's ("BURBANK, Calif., Nov 13
    (Reuters) - ... early on Thursday", an update appended to the story; a release quoted whole) counted from that
    dateline's day."""
    lines = sorted(wire_datelines(text, found) + release_datelines(text, found))
    out = list(found)
    for k, (start, day) in enumerate(lines):
        stop = lines[k + 1][0] if k + 1 < len(lines) else len(text)
        if day == anchor:
            continue
        again = {m.start: m for m in dates_mod.find_dates(text[start:stop], day)}
        for i, m in enumerate(out):
            if start <= m.start < stop and m.kind in _RELATIVE_KINDS and (n := again.get(m.start - start)) is not None:
                out[i] = dates_mod.DateMention(m.start, m.end, m.text, n.dates, n.kind)
    return out
