"""The year of a day written without one: its sentence's opening year, its range's, or that of a day before it."""
from __future__ import annotations

import re
from datetime import date

from .date_patterns import (
    LONE_YEAR_RE,
    MDY_RE,
    MONTHS,
    OF_THAT_YEAR_RE,
    RANGE_JOIN_RE,
    SCENE_YEAR_RE,
    SENTENCE_START_RE,
    SET_OFF_YEAR_RE,
    THAT_YEAR_RE,
    WEEKDAYS,
    YEAR_AFTER_RE,
    YEAR_AFTER_SHIFT,
    YEAR_JUST_BEFORE_RE,
)


def valid_year(token: str | None) -> int | None:
    if token is None:
        return None
    year = int(token)
    return year if 1900 <= year <= 2100 else None


def capitalised(word: str) -> bool:
    """Month and weekday names count only when capitalised ("may" is a verb)."""
    return word[:1].isupper()


def scene_year(text: str, pos: int, that_year: bool = False) -> int | None:
    """The year an "In 1988," opening the sentence sets for a day without one ("In 1988, the guild struck from
    March 7 to Aug. 7"), or one set off by commas before it ("The last time the contract ran out, in 2023, members
    struck from July 14"); not "the union, founded in 1933, met on March 7"."""
    first = _sentence_start(text, pos)
    if first is None:
        return None
    scene = SCENE_YEAR_RE.match(text, first, pos)
    if scene is None and (that_year or THAT_YEAR_RE.match(text, first, pos)):  # "That year": the last one before
        before = list(LONE_YEAR_RE.finditer(text, max(0, first - 600), pos if that_year else first))
        return valid_year(before[-1].group("y")) if before else None
    inset = SET_OFF_YEAR_RE.findall(text, first, pos) if scene is None else []
    inset = YEAR_JUST_BEFORE_RE.findall(text, max(0, pos - 50), pos) or inset  # "in 2023, from July 14"
    return int(scene.group("y")) if scene else int(inset[0]) if len(inset) == 1 else None


def _sentence_start(text: str, pos: int) -> int | None:
    """Where the sentence holding `pos` starts; None when that is more than 400 characters back."""
    lo = max(0, pos - 400)
    starts = [m.end() for m in SENTENCE_START_RE.finditer(text, lo, pos)]
    return starts[-1] if starts else 0 if lo == 0 else None


def sentence_year(text: str, pos: int, month: int) -> int | None:
    """The year of a day written with one earlier in the sentence, for a day of a month not before its ("the
    strike began on May 2, 2023, and ended on Sept. 27")."""
    first = _sentence_start(text, pos)
    if first is None:
        return None
    told = [m for m in MDY_RE.finditer(text, first, pos) if valid_year(m.group("year"))]
    return int(told[-1].group("year")) if told and MONTHS[told[-1].group("mon").lower()] <= month else None


def range_year(text: str, m: re.Match[str], rx: re.Pattern, anchor: date | None) -> int | None:
    """The year of a range's second day for its first ("from May 2 to Sept. 27, 2023", "to Oct. 29 last year")."""
    join = RANGE_JOIN_RE.match(text, m.end())
    second = rx.match(text, join.end()) if join else None
    if second is None or not capitalised(second.group("mon")):
        return None
    told = YEAR_AFTER_RE.match(text, second.end()) if anchor is not None else None
    year = anchor.year + YEAR_AFTER_SHIFT[told.group("rel").lower()] if told else valid_year(second.group("year"))
    if year is None and not second.group("year") and OF_THAT_YEAR_RE.match(text, second.end()):
        year = scene_year(text, m.start(), that_year=True)  # "May 2 through Oct. 8 OF THAT YEAR"
    if year is None:
        return None
    return year if MONTHS[m.group("mon").lower()] <= MONTHS[second.group("mon").lower()] else year - 1  # (Dec.-Jan.)


def weekday_year(day: date, weekday: str, anchor: date | None) -> date:
    """A day written with its weekday and no year, in the year next to the one read for it whose weekday fits, when
    that is nearer the story's date ("Monday, Feb. 8" in a November story is next February's, a Sunday this year;
    not a slip of the weekday, "Monday, Nov. 17" on Nov. 18); else as read."""
    wanted = next((n for name, n in WEEKDAYS.items() if name.startswith(weekday.lower()[:3])), None)
    if wanted is None or anchor is None or day.weekday() == wanted:
        return day
    for year in (day.year + 1, day.year - 1):
        try:
            other = day.replace(year=year)
        except ValueError:  # (February 29)
            continue
        if other.weekday() == wanted and abs((other - anchor).days) < abs((day - anchor).days):
            return other
    return day
