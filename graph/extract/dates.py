"""Deterministic resolution of date expressions in news text.

News dates things relative to the article's own date ("Friday", "two weeks
ago", "Aug. 17th and 18th"), so every rule here resolves against an explicit
*anchor* (the article date, possibly ``None``).  Generic parsers guess when
they should not (``dateparser`` reads "Aug. 17th and 18th" as 2018 and gives
nothing for "earlier this week"); these rules never invent a year or a day:
anything not pinned down to a calendar day is still reported as a mention, but
with empty ``dates``.

Conventions (all documented where applied):

* ``kind`` is one of "absolute", "relative", "weekday", "month", "year",
  "unresolved".  "unresolved" means the expression names a day but it cannot be
  computed (no anchor, invalid calendar date, or relative to some other event).
* Month + day without a year takes the anchor's year, or the previous year
  when that would land more than ``ROLLBACK_DAYS`` after the anchor (news
  refers back).  The year is chosen once per mention (from its first day) so
  a list of days never straddles two years.
* Plain weekdays ("Friday", "earlier Friday", "late Friday") mean the most
  recent such day on or before the anchor; "last/past X" the most recent one
  strictly before it; "next/coming X" the first one strictly after it;
  "this X" the one in the anchor's Monday-Sunday week.  Tense is ignored.
* Weeks, months, seasons and years are not days: they give empty ``dates``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Iterator

__all__ = [
    "DateMention",
    "ROLLBACK_DAYS",
    "days_before",
    "find_dates",
    "resolve",
    "year_hint",
]

#: A month-day without a year further than this after the anchor is last year's.
ROLLBACK_DAYS = 60


@dataclass(frozen=True)
class DateMention:
    """One date expression: character span in the source text and its days."""

    start: int
    end: int
    text: str
    dates: tuple[date, ...]  # empty when not resolvable to calendar days
    kind: str  # "absolute", "relative", "weekday", "month", "year", "unresolved"


# --------------------------------------------------------------------------
# Vocabulary

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}
_FULL_MONTHS = frozenset(
    ("january february march april may june july august september october "
     "november december").split()
)
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12,
}
# Capitalised words that turn a weekday into a holiday name ("Black Friday").
_HOLIDAY_PREFIXES = frozenset(
    "black good cyber super ash easter palm holy bloody giving fat".split()
)
# Words before a 4-digit number that make it an identifier, not a year.
_ID_PREFIX_RE = re.compile(
    r"(?:\b(?:local|no|nos|number|room|suite|section|article|chapter|route|"
    r"stage|unit|lot|box|flight|code|bill)\.?|#)\s*$",
    re.IGNORECASE,
)

_MON = "|".join(sorted(_MONTHS, key=len, reverse=True))
_WD = "|".join(_WEEKDAYS)
_NUM = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))

# A day of the month: 1-2 digits, optional ordinal suffix, and not part of a
# bigger number, a percentage, a time or a decimal.
_DAY = (
    r"\d{1,2}(?:st|nd|rd|th)?(?![\w%])(?![.:]\d)"
    r"(?!\s*(?:percent|per\s+cent)\b)"
)
# One day, a range ("17-18", "17 through 20") or a list ("10, 11 and 12").
_DAYLIST = (
    rf"{_DAY}(?:(?:\s*[-\u2013\u2014]\s*|\s+(?:through|thru)\s+){_DAY}"
    rf"|(?:\s*,\s*{_DAY})*,?\s+(?:and|&|or)\s+{_DAY})?"
)
# A year glued to a date: 4 digits, not part of a bigger number.
_YEAR = r"\d{4}(?![\w%]|[.,]\d)"
# Sub-month precision qualifiers ("late August", "the end of May").
_QUAL = (
    r"(?:\b(?:early|late|mid|the\s+(?:beginning|start|end|middle|"
    r"first\s+half|second\s+half|(?:first|second|third|fourth|last)\s+week)"
    r"\s+of)[\s-]*)"
)

# Optional modifier before a weekday that prefixes a date ("this Friday,
# August 4"): the explicit date decides, the span covers the whole phrase.
_WD_MOD = r"(?:\b(?:this|last|next|earlier|early|late|later)\s+)?\b"

_F = re.IGNORECASE
_ISO_RE = re.compile(r"(?<![\w.\-/])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\-/])")
_US_RE = re.compile(r"(?<![\w.\-/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])")
_MDY_RE = re.compile(
    rf"(?:{_WD_MOD}(?P<wd>{_WD})\.?,?\s+)?"
    rf"\b(?P<mon>{_MON})(?:\.|\b)\s*(?P<days>{_DAYLIST})"
    rf"(?:(?:\s*,\s*|\s+)(?P<year>{_YEAR}))?",
    _F,
)
_DMY_RE = re.compile(
    rf"(?:{_WD_MOD}(?P<wd>{_WD}),?\s+)?"
    rf"(?<![\w$#\u00a3\u20ac.,/:\-])(?P<days>{_DAYLIST})\s+(?:of\s+)?"
    rf"(?P<mon>{_MON})(?:\.|\b)(?:,?\s+(?P<year>{_YEAR}))?",
    _F,
)
_MY_RE = re.compile(
    rf"(?P<qual>{_QUAL})?\b(?P<mon>{_MON})(?:\.|\b),?\s+(?:of\s+)?"
    rf"(?P<year>{_YEAR})",
    _F,
)
_BARE_MONTH_RE = re.compile(
    r"(?:\b(?P<prep>in|since|by|until|till|through|throughout|during|from|"
    r"before|after|of|to|around|between|and|or)\s+)?"
    rf"(?P<x>(?:\b(?P<rel>last|this|next|past)\s+)?(?P<qual>{_QUAL})?"
    rf"\b(?P<mon>{_MON})(?:\.|\b))",
    _F,
)
_WEEKDAY_RE = re.compile(
    r"(?:\b(?P<mod>this\s+past|this\s+coming|the\s+(?:following|previous|next)"
    r"|this|last|next|past|coming|earlier|early|late|later)\s+)?"
    rf"\b(?P<wd>{_WD})\b",
    _F,
)
_DAY_WORD_RE = re.compile(
    r"\b(?P<x>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|"
    r"evening)|last\s+night)\b",
    _F,
)
_WEEK_RE = re.compile(
    r"(?:\b(?:over|during)\s+(?P<x>the\s+weekend)\b)"
    r"|\b(?P<y>(?:(?:earlier|later)\s+)?(?:this|last|next|past|previous|coming)"
    r"\s+(?:week|weekend)|the\s+(?:past|previous|coming|following)\s+"
    r"(?:week|weekend))\b",
    _F,
)
_MONTH_REL_RE = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?:this|last|next)\s+month\b"
    r"|\bthe\s+(?:past|previous|coming|following)\s+month\b",
    _F,
)
_YEAR_REL_RE = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?:this|last|next)\s+year\b"
    r"|\bthe\s+(?:past|previous|coming|following)\s+year\b",
    _F,
)
_AGO_RE = re.compile(
    rf"(?<![\d,.])\b(?P<n>\d{{1,3}}|{_NUM}|a\s+few|a\s+couple(?:\s+of)?|"
    r"several|few)\s+(?P<unit>day|week|month|year)s?\s+"
    r"(?P<dir>ago|from\s+(?:now|today))\b",
    _F,
)
# A year token standing alone: not in a bigger number, an amount or a decade.
_LONE_YEAR_RE = re.compile(
    r"(?<![\w$#\u00a3\u20ac.,/:])(?P<y>\d{4})(?!\w|%|[.,:/]\d)"
    r"(?!\s+(?:percent|per\s+cent|members|workers|people|employees|jobs|"
    r"hours|votes|dollars|signatures)\b)",
    _F,
)


@functools.lru_cache(maxsize=1024)
def _scan(rx: re.Pattern, text: str) -> tuple[re.Match, ...]:
    """The matches of `rx` in `text`, kept for the next call: an article's dates are found once without its date
    (while parsing) and again with it (at assembly), and the scan, not the resolving, is what costs."""
    return tuple(rx.finditer(text))


_NEXT_WORD_RE = re.compile(r"\s+([A-Za-z][\w'\u2019-]*)")
_PREV_WORD_RE = re.compile(r"([A-Za-z]+)\s+$")
_QUOTES = "\"'\u201c\u2018"


# --------------------------------------------------------------------------
# Public API


def days_before(anchor: date, n: int) -> date:
    """Start of a run that is ``n`` days old on ``anchor``.

    Day counts in news ("on Friday the strike hit 129 days") are elapsed
    days, so the start is ``anchor - n`` days (day 0 is the start itself).
    """
    if n < 0:
        raise ValueError(f"day count must be non-negative, got {n}")
    return anchor - timedelta(days=n)


def find_dates(text: str, anchor: date | None) -> list[DateMention]:
    """Every date expression in ``text``, sorted by start offset.

    Overlapping candidates are settled leftmost-longest, so "Friday, Sept. 8,
    2023" is one mention, not three.  Prepositions ("on", "in") are left out
    of the span; modifiers that change the meaning ("last", "late") are kept.
    """
    anchor = _as_date(anchor)
    candidates: list[DateMention] = []
    for finder in _FINDERS:
        candidates.extend(finder(text, anchor))
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start)))
    chosen: list[DateMention] = []
    last_end = -1
    for cand in candidates:
        if cand.start >= last_end:
            chosen.append(cand)
            last_end = cand.end
    return chosen


def resolve(expr: str, anchor: date | None) -> tuple[date, ...]:
    """Calendar days named by a single expression (e.g. a spaCy DATE entity).

    Empty when the expression is not day-precise or needs a missing anchor.
    """
    out: list[date] = []
    for mention in find_dates(expr, anchor):
        out.extend(d for d in mention.dates if d not in out)
    return tuple(out)


def year_hint(text: str) -> int | None:
    """The year a text is about, for use as a fallback anchor year.

    Titles and headings often state it ("Writers Guild Strike 2023 TV Shows
    Explained").  Returns the most frequent stand-alone 4-digit year in
    1900-2100 (ties go to the latest), or ``None``.
    """
    counts = Counter(y for _, _, y in _lone_years(text))
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


# --------------------------------------------------------------------------
# Helpers


def _as_date(anchor: date | None) -> date | None:
    """Accept datetimes too, so arithmetic always yields plain dates."""
    if isinstance(anchor, _dt.datetime):
        return anchor.date()
    return anchor


def _capitalised(word: str) -> bool:
    """Month and weekday names count only when capitalised ("may" is a verb)."""
    return word[:1].isupper()


def _mention(text: str, start: int, end: int, dates: tuple[date, ...],
             kind: str) -> DateMention:
    return DateMention(start, end, text[start:end], dates, kind)


def _valid_year(token: str | None) -> int | None:
    if token is None:
        return None
    year = int(token)
    return year if 1900 <= year <= 2100 else None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, anchor: date) -> int:
    """Anchor's year, or the previous one if the day would be well after it.

    News looks back: "Dec. 20" in a January article is last December.
    """
    last = 29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    probe = date(anchor.year, month, min(day, last))
    if (probe - anchor).days > ROLLBACK_DAYS:
        return anchor.year - 1
    return anchor.year


def _parse_days(days_text: str) -> list[int] | None:
    """Day numbers of a day list; ranges are expanded ("17-19" -> 17,18,19)."""
    nums = [int(n) for n in re.findall(r"\d{1,2}", days_text)]
    if re.search(r"[-\u2013\u2014]|\bthr(?:ough|u)\b", days_text, _F):
        first, last = nums[0], nums[-1]
        if not 1 <= first < last <= 31:
            return None
        return list(range(first, last + 1))
    if any(not 1 <= n <= 31 for n in nums):
        return None
    return nums


def _day_dates(month: int, days: list[int] | None, year: int | None,
               anchor: date | None) -> tuple[tuple[date, ...], str]:
    """Dates and kind for a month with explicit days; never guesses a year."""
    if days is None:
        return (), "unresolved"
    if year is None:
        if anchor is None:
            return (), "unresolved"
        year = _year_for(month, days[0], anchor)
    out = [_safe_date(year, month, d) for d in days]
    if any(d is None for d in out):
        return (), "unresolved"
    return tuple(d for d in out if d is not None), "absolute"


def _next_word(text: str, pos: int) -> str | None:
    m = _NEXT_WORD_RE.match(text, pos)
    return m.group(1) if m else None


def _prev_word(text: str, pos: int) -> str | None:
    m = _PREV_WORD_RE.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else None


def _is_calendar_word(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in _MONTHS or w in _WEEKDAYS


def _followed_by_name(text: str, pos: int) -> bool:
    """A capitalised word right after suggests a title or name ("Friday Night
    Lights", "August Wilson"), not a date."""
    nxt = _next_word(text, pos)
    return bool(nxt and nxt[0].isupper() and not _is_calendar_word(nxt))


def _lone_years(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, year) of 4-digit years not part of amounts or identifiers."""
    for m in _scan(_LONE_YEAR_RE, text):
        year = _valid_year(m.group("y"))
        if year is None:
            continue
        start = m.start()
        if _ID_PREFIX_RE.search(text, max(0, start - 12), start):
            continue
        # "555-2012" is a phone number; "2022-2023" is two years.
        dash = re.search(r"(\d+)[-\u2013]$", text[max(0, start - 6):start])
        if dash and _valid_year(dash.group(1)) is None:
            continue
        yield start, m.end(), year


# --------------------------------------------------------------------------
# Finders: each yields candidate mentions for one family of expressions.


def _find_iso(text: str, anchor: date | None) -> Iterator[DateMention]:
    """ISO "2023-09-09" and US "9/9/2023" numeric dates."""
    for m in _scan(_ISO_RE, text):
        y, mo, d = (int(g) for g in m.groups())
        day = _safe_date(y, mo, d) if _valid_year(m.group(1)) else None
        yield _mention(text, m.start(), m.end(), (day,) if day else (),
                       "absolute" if day else "unresolved")
    for m in _scan(_US_RE, text):
        mo, d, y = (int(g) for g in m.groups())
        day = _safe_date(y, mo, d) if _valid_year(m.group(3)) else None
        yield _mention(text, m.start(), m.end(), (day,) if day else (),
                       "absolute" if day else "unresolved")


def _find_month_day(text: str, anchor: date | None) -> Iterator[DateMention]:
    """"Sept. 9, 2023", "Aug. 17th and 18th", "9 September 2023", "July 14"."""
    for rx in (_MDY_RE, _DMY_RE):
        for m in _scan(rx, text):
            if not _capitalised(m.group("mon")):
                continue
            mon_key = m.group("mon").lower()
            start = m.start()
            if m.group("wd") and not _capitalised(m.group("wd")):
                start = min(m.start("mon"), m.start("days"))
            year = _valid_year(m.group("year"))
            end = _drop_full_stop(text, m.end(), m.group("mon"))
            if m.group("year") and year is None:
                # "July 14, 3000 ..." : the number is not a year; drop it.
                end = _date_end_without_year(text, m)
            dates, kind = _day_dates(
                _MONTHS[mon_key], _parse_days(m.group("days")), year, anchor)
            yield _mention(text, start, end, dates, kind)


def _drop_full_stop(text: str, end: int, month: str) -> int:
    """A dot after a full month name ("began in May.") ends the sentence."""
    if text[end - 1:end] == "." and month.lower() in _FULL_MONTHS:
        return end - 1
    return end


def _date_end_without_year(text: str, m: re.Match[str]) -> int:
    """End of a month-day match once an invalid trailing year is dropped."""
    end = max(m.end("days"), m.end("mon"))
    if (end == m.end("mon") and text[end:end + 1] == "."
            and m.group("mon").lower() not in _FULL_MONTHS):
        end += 1
    return end


def _find_month(text: str, anchor: date | None) -> Iterator[DateMention]:
    """Month-precision expressions: "September 2023", "in late August"."""
    for m in _scan(_MY_RE, text):
        if _capitalised(m.group("mon")) and _valid_year(m.group("year")):
            yield _mention(text, m.start(), m.end(), (), "month")
    for m in _scan(_BARE_MONTH_RE, text):
        mon = m.group("mon")
        if not _capitalised(mon):
            continue
        if not (m.group("prep") or m.group("rel") or m.group("qual")):
            continue  # a bare "May" is too often a verb or a name
        dotted = text[m.end("mon"):m.end("x")] == "."
        if mon.lower() not in _FULL_MONTHS and not dotted:
            continue  # "by Jan" is a person
        if not dotted and _followed_by_name(text, m.end("x")):
            continue
        end = _drop_full_stop(text, m.end("x"), mon)
        yield _mention(text, m.start("x"), end, (), "month")
    for m in _scan(_MONTH_REL_RE, text):
        yield _mention(text, m.start(), m.end(), (), "month")


def _find_weekday(text: str, anchor: date | None) -> Iterator[DateMention]:
    """"Friday", "last Friday", "this Friday", "earlier Friday"."""
    for m in _scan(_WEEKDAY_RE, text):
        wd_text = m.group("wd")
        if not _capitalised(wd_text):
            continue
        mod = " ".join((m.group("mod") or "").lower().split())
        wd_start = m.start("wd")
        if wd_start > 0 and text[wd_start - 1] in _QUOTES and not mod:
            continue  # a quoted title ("Wednesday")
        prev = _prev_word(text, m.start())
        if prev and prev[0].isupper() and prev.lower() in _HOLIDAY_PREFIXES:
            continue
        if not mod and _followed_by_name(text, m.end()):
            continue
        dates = _weekday_dates(_WEEKDAYS[wd_text.lower()], mod, anchor)
        kind = "weekday" if dates else "unresolved"
        yield _mention(text, m.start(), m.end(), dates, kind)


def _weekday_dates(wd: int, mod: str, anchor: date | None) -> tuple[date, ...]:
    """Resolve a weekday against the anchor; see the module docstring."""
    if anchor is None or mod.startswith("the "):
        return ()  # "the following Monday" is relative to another event
    today = anchor.weekday()
    if mod in ("next", "coming", "this coming"):
        return (anchor + timedelta(days=(wd - today) % 7 or 7),)
    if mod == "this":
        return (anchor - timedelta(days=today) + timedelta(days=wd),)
    if mod in ("last", "past", "this past"):
        return (anchor - timedelta(days=(today - wd) % 7 or 7),)
    return (anchor - timedelta(days=(today - wd) % 7),)


def _find_relative(text: str, anchor: date | None) -> Iterator[DateMention]:
    """"today", "yesterday", "two weeks ago", "earlier this week"."""
    for m in _scan(_DAY_WORD_RE, text):
        word = " ".join(m.group("x").lower().split())
        if word == "today" and _is_named_today(text, m):
            continue
        if word == "last night":
            # Evening before the anchor or of the anchor day itself, depending
            # on the publication hour: not a reliable day.
            yield _mention(text, m.start(), m.end(), (), "relative")
            continue
        offset = {"yesterday": -1, "tomorrow": 1}.get(word, 0)
        if anchor is None:
            yield _mention(text, m.start(), m.end(), (), "unresolved")
        else:
            yield _mention(text, m.start(), m.end(),
                           (anchor + timedelta(days=offset),), "relative")
    for m in _scan(_WEEK_RE, text):
        group = "x" if m.group("x") else "y"
        yield _mention(text, m.start(group), m.end(group), (), "relative")
    for m in _scan(_YEAR_REL_RE, text):
        yield _mention(text, m.start(), m.end(), (), "year")
    for m in _scan(_AGO_RE, text):
        yield _ago_mention(text, m, anchor)


def _is_named_today(text: str, m: re.Match[str]) -> bool:
    """"USA Today" and NBC's "Today" show are names, not dates."""
    if not _capitalised(m.group("x")):
        return False
    prev = _prev_word(text, m.start())
    nxt = _next_word(text, m.end())
    return (prev is not None and prev.isupper() and len(prev) > 1) or (
        nxt is not None and nxt.lower() == "show")


def _ago_mention(text: str, m: re.Match[str], anchor: date | None
                 ) -> DateMention:
    """N days/weeks ago (or from now); months and years are not days."""
    n_text = " ".join(m.group("n").lower().split())
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS.get(n_text)
    unit = m.group("unit").lower()
    if n is None or unit not in ("day", "week"):
        return _mention(text, m.start(), m.end(), (), "relative")
    if anchor is None:
        return _mention(text, m.start(), m.end(), (), "unresolved")
    days = n * (7 if unit == "week" else 1)
    sign = -1 if m.group("dir").lower() == "ago" else 1
    return _mention(text, m.start(), m.end(),
                    (anchor + timedelta(days=sign * days),), "relative")


def _find_year(text: str, anchor: date | None) -> Iterator[DateMention]:
    """Stand-alone years ("in 2023"): year precision, never a day."""
    for start, end, _ in _lone_years(text):
        yield _mention(text, start, end, (), "year")


_FINDERS: tuple[Callable[[str, date | None], Iterator[DateMention]], ...] = (
    _find_iso,
    _find_month_day,
    _find_month,
    _find_weekday,
    _find_relative,
    _find_year,
)
