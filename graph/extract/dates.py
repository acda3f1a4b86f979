"""Deterministic resolution of date expressions in news text.

News dates things relative to the article's own date ("Friday", "two weeks
ago", "Aug. 17th and 18th"), so every rule here resolves against an explicit
*anchor* (the article date, possibly ``None``).  Generic parsers guess when
they should not (``dateparser`` reads "Aug. 17th and 18th" as 2018 and gives
nothing for "earlier this week"); these rules never invent a year or a day:
anything not pinned down to a calendar day is still reported as a mention, but
with empty ``dates``.

Conventions (all documented where applied):

* ``kind`` is one of "absolute", "relative", "weekday", "month", "year", "sequel",
  "unresolved".  A "sequel" ("three days later") counts from the day the text named
  before it, which only the whole text tells (``sequel_days``).  "unresolved" means
  the expression names a day but it cannot be computed (no anchor, invalid
  calendar date, or relative to some other event).
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
import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable, Iterator

from .date_patterns import (
    AGO_RE,
    APPROXIMATE_BEFORE_RE,
    BARE_MONTH_RE,
    DAY_WORD_RE,
    DMY_RE,
    FULL_MONTHS,
    GENERIC_DAY_BEFORE_RE,
    HOLIDAY_PREFIXES,
    ID_PREFIX_RE,
    ISO_RE,
    LONE_YEAR_RE,
    MDY_RE,
    MONTH_REL_RE,
    MONTHS,
    MY_RE,
    NEXT_WORD_RE,
    NUMBER_WORDS,
    OF_THAT_YEAR_RE,
    PREV_WORD_RE,
    QUOTES,
    SENTENCE_OPEN_BEFORE_RE,
    SEQUEL_RE,
    US_RE,
    WEEK_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_AFTER_RE,
    YEAR_AFTER_SHIFT,
    YEAR_REL_RE,
    scan,
)
from .date_years import capitalised, range_year, scene_year, sentence_year, valid_year, weekday_year

__all__ = ["DateMention", "ROLLBACK_DAYS", "days_before", "find_dates", "resolve", "year_hint"]

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
    counts = Counter(y for _, _, y in lone_years(text))
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


def _mention(text: str, start: int, end: int, dates: tuple[date, ...],
             kind: str) -> DateMention:
    return DateMention(start, end, text[start:end], dates, kind)


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
    if re.search(r"[-\u2013\u2014]|\bthr(?:ough|u)\b", days_text, re.IGNORECASE):
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
    m = NEXT_WORD_RE.match(text, pos)
    return m.group(1) if m else None


def _prev_word(text: str, pos: int) -> str | None:
    m = PREV_WORD_RE.search(text, max(0, pos - 40), pos)
    return m.group(1) if m else None


def _is_calendar_word(word: str) -> bool:
    w = word.lower().rstrip(".")
    return w in MONTHS or w in WEEKDAYS


def _followed_by_name(text: str, pos: int) -> bool:
    """A capitalised word right after suggests a title or name ("Friday Night
    Lights", "August Wilson"), not a date."""
    nxt = _next_word(text, pos)
    return bool(nxt and nxt[0].isupper() and not _is_calendar_word(nxt))


def lone_years(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end, year) of 4-digit years not part of amounts or identifiers."""
    for m in scan(LONE_YEAR_RE, text):
        year = valid_year(m.group("y"))
        if year is None:
            continue
        start = m.start()
        if ID_PREFIX_RE.search(text, max(0, start - 12), start):
            continue
        # "555-2012" is a phone number; "2022-2023" is two years.
        dash = re.search(r"(\d+)[-\u2013]$", text[max(0, start - 6):start])
        if dash and valid_year(dash.group(1)) is None:
            continue
        yield start, m.end(), year


# --------------------------------------------------------------------------
# Finders: each yields candidate mentions for one family of expressions.


def _find_iso(text: str, anchor: date | None) -> Iterator[DateMention]:
    """ISO "2023-09-09" and US "9/9/2023" numeric dates."""
    for m in scan(ISO_RE, text):
        y, mo, d = (int(g) for g in m.groups())
        day = _safe_date(y, mo, d) if valid_year(m.group(1)) else None
        yield _mention(text, m.start(), m.end(), (day,) if day else (),
                       "absolute" if day else "unresolved")
    for m in scan(US_RE, text):
        mo, d, y = (int(g) for g in m.groups())
        day = _safe_date(y, mo, d) if valid_year(m.group(3)) else None
        yield _mention(text, m.start(), m.end(), (day,) if day else (),
                       "absolute" if day else "unresolved")


def _find_month_day(text: str, anchor: date | None) -> Iterator[DateMention]:
    """"Sept. 9, 2023", "Aug. 17th and 18th", "9 September 2023", "July 14"."""
    for rx in (MDY_RE, DMY_RE):
        for m in scan(rx, text):
            if not capitalised(m.group("mon")):
                continue
            mon_key = m.group("mon").lower()
            start = m.start()
            if m.group("wd") and not capitalised(m.group("wd")):
                start = min(m.start("mon"), m.start("days"))
            year = valid_year(m.group("year"))
            told = YEAR_AFTER_RE.match(text, m.end()) if not m.group("year") and anchor is not None else None
            if told is not None:  # "July 26 last year"
                year = anchor.year + YEAR_AFTER_SHIFT[told.group("rel").lower()]
            elif not m.group("year"):  # ("July 3 OF THAT YEAR": the last year named before it)
                that = OF_THAT_YEAR_RE.match(text, m.end())
                year = range_year(text, m, rx, anchor) or scene_year(text, start, that) \
                    or sentence_year(text, start, MONTHS[mon_key])
            end = told.end() if told is not None else _drop_full_stop(text, m.end(), m.group("mon"))
            if m.group("year") and year is None:
                # "July 14, 3000 ..." : the number is not a year; drop it.
                end = _date_end_without_year(text, m)
            dates, kind = _day_dates(
                MONTHS[mon_key], _parse_days(m.group("days")), year, anchor)
            if m.group("wd") and year is None and len(dates) == 1:
                dates = (weekday_year(dates[0], m.group("wd"), anchor),)
            yield _mention(text, start, end, dates, kind)


def _drop_full_stop(text: str, end: int, month: str) -> int:
    """A dot after a full month name ("began in May.") ends the sentence."""
    if text[end - 1:end] == "." and month.lower() in FULL_MONTHS:
        return end - 1
    return end


def _date_end_without_year(text: str, m: re.Match[str]) -> int:
    """End of a month-day match once an invalid trailing year is dropped."""
    end = max(m.end("days"), m.end("mon"))
    if (end == m.end("mon") and text[end:end + 1] == "."
            and m.group("mon").lower() not in FULL_MONTHS):
        end += 1
    return end


def _find_month(text: str, anchor: date | None) -> Iterator[DateMention]:
    """Month-precision expressions: "September 2023", "in late August"."""
    for m in scan(MY_RE, text):
        if capitalised(m.group("mon")) and valid_year(m.group("year")):
            yield _mention(text, m.start(), m.end(), (), "month")
    for m in scan(BARE_MONTH_RE, text):
        mon = m.group("mon")
        if not capitalised(mon):
            continue
        if not (m.group("prep") or m.group("rel") or m.group("qual")):
            continue  # a bare "May" is too often a verb or a name
        dotted = text[m.end("mon"):m.end("x")] == "."
        if mon.lower() not in FULL_MONTHS and not dotted:
            continue  # "by Jan" is a person
        if not dotted and _followed_by_name(text, m.end("x")):
            continue
        end = _drop_full_stop(text, m.end("x"), mon)
        yield _mention(text, m.start("x"), end, (), "month")
    for m in scan(MONTH_REL_RE, text):
        yield _mention(text, m.start(), m.end(), (), "month")


def _find_weekday(text: str, anchor: date | None) -> Iterator[DateMention]:
    """"Friday", "last Friday", "this Friday", "earlier Friday"."""
    for m in scan(WEEKDAY_RE, text):
        wd_text = m.group("wd")
        if not capitalised(wd_text):
            continue
        mod = " ".join((m.group("mod") or "").lower().split())
        wd_start = m.start("wd")
        start = m.start()
        if mod == "that" and not _THAT_DAY_END.match(text, m.end()):
            mod, start = "", wd_start  # ("stressed that Thursday's action", "said that Friday was"): a conjunction
        if wd_start > 0 and text[wd_start - 1] in QUOTES and not mod:
            continue  # a quoted title ("Wednesday")
        prev = _prev_word(text, m.start())
        if prev and prev[0].isupper() and prev.lower() in HOLIDAY_PREFIXES:
            continue
        if not mod and prev and prev.lower() in ("every", "each"):
            yield _mention(text, start, m.end(), (), "unresolved")  # ("lunch every Friday": no one day)
            continue
        if not mod and _followed_by_name(text, m.end()):
            continue
        dates = _weekday_dates(WEEKDAYS[wd_text.lower()], mod, anchor)
        kind = "weekday" if dates else "unresolved"
        yield _mention(text, start, m.end(), dates, kind)


# What may follow "that Saturday" told as a day ("approved it THAT SATURDAY, 74% to 26%"), not as "that" opening a
# clause ("stressed that Thursday's action was ...")
_THAT_DAY_END = re.compile(r"\s*(?:[,.;:)\u2014]|$|(?:and|or|but|morning|afternoon|evening|night|at|in|on|with|when|"
                           r"after|before|to|for|by)\b)", re.IGNORECASE)


def _weekday_dates(wd: int, mod: str, anchor: date | None) -> tuple[date, ...]:
    """Resolve a weekday against the anchor; see the module docstring."""
    if anchor is None or mod.startswith("the ") or mod == "that":
        return ()  # "the following Monday", "that Saturday" are relative to another event
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
    for m in scan(DAY_WORD_RE, text):
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
    for m in scan(WEEK_RE, text):
        group = "x" if m.group("x") else "y"
        yield _mention(text, m.start(group), m.end(group), (), "relative")
    for m in scan(YEAR_REL_RE, text):
        yield _mention(text, m.start(), m.end(), (), "year")
    for m in scan(AGO_RE, text):
        yield _ago_mention(text, m, anchor)


def _is_named_today(text: str, m: re.Match[str]) -> bool:
    """"USA Today" and NBC's "Today" show are names, not dates."""
    if not capitalised(m.group("x")):
        return False
    prev = _prev_word(text, m.start())
    nxt = _next_word(text, m.end())
    return (prev is not None and prev.isupper() and len(prev) > 1) or (
        nxt is not None and nxt.lower() == "show")


def _ago_mention(text: str, m: re.Match[str], anchor: date | None
                 ) -> DateMention:
    """N days/weeks ago (or from now); months and years are not days."""
    n_text = " ".join(m.group("n").lower().split())
    n = int(n_text) if n_text.isdigit() else NUMBER_WORDS.get(n_text)
    unit = m.group("unit").lower()
    if n is None or unit not in ("day", "week") or APPROXIMATE_BEFORE_RE.search(text, max(0, m.start() - 16),
                                                                              m.start()):
        return _mention(text, m.start(), m.end(), (), "relative")  # ("MORE THAN two weeks ago": no one day)
    if anchor is None:
        return _mention(text, m.start(), m.end(), (), "unresolved")
    days = n * (7 if unit == "week" else 1)
    sign = -1 if m.group("dir").lower() == "ago" else 1
    return _mention(text, m.start(), m.end(),
                    (anchor + timedelta(days=sign * days),), "relative")


def _find_sequel(text: str, anchor: date | None) -> Iterator[DateMention]:
    """"Three days later", "the next day": days from the day named before them (`sequel_days`), unresolved here."""
    for m in scan(SEQUEL_RE, text):
        if m.group("bytime") and not SENTENCE_OPEN_BEFORE_RE.search(text, max(0, m.start() - 40), m.start()):
            continue  # (only opening a sentence: "talks ran by evening Friday ..." names its own day)
        generic = m.group("next") and GENERIC_DAY_BEFORE_RE.search(text, max(0, m.start() - 80), m.start())
        yield _mention(text, m.start(), m.end(), (), "relative" if generic else "sequel")


def sequel_days(expr: str, base: date | None = None) -> int | None:
    """How many days "three days later" (3), "a week earlier" (-7), "the next day" (1), "that day" (0) count; and
    "the following Tuesday" after `base` (the day before it: "On Friday, June 20 ... They met the following
    Tuesday"), "the previous Monday" before it."""
    words = " ".join(expr.split())
    wd = WEEKDAY_RE.fullmatch(words)
    if wd is not None and base is not None and (mod := (wd.group("mod") or "").lower().split()[-1:]):
        step = (WEEKDAYS[wd.group("wd").lower()] - base.weekday()) % 7  # days to that weekday, 0 for the same
        if mod[0] in ("following", "next"):
            return step or 7
        if mod[0] == "previous":
            return step - 7 if step else -7
        if mod[0] == "that":
            return step  # "(on Wednesday, May 27 ...) THAT Saturday": the one of the same week, on or after it
        return None
    m = SEQUEL_RE.fullmatch(words)
    if m is None:
        return None
    if m.group("next"):
        return 1
    if m.group("same") or m.group("bytime"):
        return 0
    n_text = m.group("n").lower()
    n = 1 if n_text == "a" else int(n_text) if n_text.isdigit() else NUMBER_WORDS.get(n_text)
    if n is None:
        return None
    days = n * (7 if m.group("unit").lower() == "week" else 1)
    return days if m.group("dir").lower() == "later" else -days


def _find_year(text: str, anchor: date | None) -> Iterator[DateMention]:
    """Stand-alone years ("in 2023"): year precision, never a day."""
    for start, end, _ in lone_years(text):
        yield _mention(text, start, end, (), "year")


_FINDERS: tuple[Callable[[str, date | None], Iterator[DateMention]], ...] = (
    _find_iso,
    _find_month_day,
    _find_month,
    _find_weekday,
    _find_relative,
    _find_sequel,
    _find_year,
)
