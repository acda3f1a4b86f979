"""A strike's first and last day from one mention: the day it says the strike began or ended, a time of day alone,
and day counts measured from a day the article names or back from one."""
from __future__ import annotations

import datetime as dt
import re

from . import dates as dates_mod
from . import temporal
from .context import Context
from .date_patterns import SCENE_YEAR_RE
from .events import add_evidence, frame_days, frame_evidence, of_another_year
from .facts import Event
from .frame_types import Frame


def own_start(ctx: Context, f: Frame, written_year: bool = False) -> dt.date | None:
    """The one day a mention says the strike began, as `strike_details` reads it (with `written_year`: only a
    day written with its year, "Nov. 5, 2007", or in a sentence that opens with one, which tells another strike
    from the one before)."""
    days, phrase = frame_days(ctx, f, "begin")
    if not days:
        days, phrase = frame_days(ctx, f, None)
    if written_year and not re.search(r"\b\d{4}\b", phrase or "") \
            and not SCENE_YEAR_RE.match(ctx.text, f.sent_start):  # ("In 2016, ... went on strike on Oct. 21")
        return None
    return days[0] if len(days) == 1 else None


def strike_details(ctx: Context, ev: Event, f: Frame, counts: bool = True) -> None:
    """What one mention of a strike adds to it: its evidence, targets, first and last day (with `counts`, from
    its day counts too: an earlier strike's "lasted 100 days" counts from no day the article names)."""
    add_evidence(ev, frame_evidence(ctx, f, "strikingParty"))
    for t in f.actors("target"):
        if t not in ev.roles.setdefault("target", []):
            ev.roles["target"].append(t)
    start = own_start(ctx, f) or _clock_start(ctx, f)  # "the Nov. 5 strike", "struck on Monday"
    end_days, _ = frame_days(ctx, f, "end")
    counted = any(e.extractor == "frame:Strike:day-count" for e in ev.evidence)
    if start is not None and (ev.start is None or counted and (abs((ev.start - start).days) <= 2 or len(
            end_days) == 1 and start < end_days[0])):  # ("an 85-day strike between May 2 and July 26": both told)
        ev.start = start  # (the day written wins over one a day count gives: counts differ on the first day)
    if len(end_days) == 1 and ev.end is None:
        ev.end = end_days[0]
    for c in f.counts:
        first = _counted_from(ctx, c)
        if first is not None:  # "struck for 148 days beginning May 2": its first day, and so its last (even an
            if ev.start is None or ev.start == first:  # earlier strike's: the count names the day it counts from)
                ev.start = first
                ev.end = ev.end or first + dt.timedelta(days=c.days)
                add_evidence(ev, ctx.evidence(f.sent_start, f.sent_end, "frame:Strike:day-count", 0.7))
            continue
        if not counts and len(end_days) != 1:
            continue  # (an earlier strike's count measures from the last day it gives: "ended Sept. 27")
        ref = ctx.days(c.ref) if c.ref is not None else ()
        if len(end_days) != 1 and _finished(ctx, f, c, len(ref) == 1):
            continue  # "the 2023 walkout lasted 148 days": counted from no day the article gives (but "lasted 148
            # days and ended Sept. 27" counts back from its last day)
        # counted to the day the mention says it ended ("SAG-AFTRA's 118-day strike ended Nov. 9"), else to the
        # count's own day, else to the last day named before it
        day = end_days[0] if len(end_days) == 1 else ref[0] if len(ref) == 1 else _last_day_before(ctx, c.start)
        if day is not None and ev.start is None:
            ev.start = dates_mod.days_before(day, c.days)
            add_evidence(ev, ctx.evidence(f.sent_start, f.sent_end, "frame:Strike:day-count", 0.7))


# a time of day with no day: "at 12:01 a.m.", "at midnight"
_CLOCK = re.compile(r"\bat\s+(?:\d{1,2}(?::\d\d)?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|midnight|noon)", re.I)


def _clock_start(ctx: Context, f: Frame) -> dt.date | None:
    """"The strike BEGAN AT 12:01 A.M.", "took effect at midnight": a past start told by the clock alone is of the
    day the text is written on."""
    verb = ctx.doc[f.verb] if f.verb >= 0 else ctx.doc[f.trigger]
    spec = ctx.lexicon.frames["Strike"]
    if f.dates or f.future or verb.tag_ != "VBD" or temporal.aspect_word(verb, spec.begin | spec.end) not in spec.begin:
        return None
    m = _CLOCK.search(ctx.text, verb.idx, f.sent_end)
    right = verb.right_edge
    return ctx.today(f.sent_start) if m and m.end() <= right.idx + len(right) else None


# "148 days BEGINNING May 2": a length counted from the day it names
_COUNTED_FROM = re.compile(r"(?:(?:for|some|about|nearly|more\s+than)\s+)*\d[\d,]*(?:\s*|-)days?\s*,?\s+"
                           r"(?:beginning|starting|from)\s+(?:on\s+)?", re.I)


def _counted_from(ctx: Context, c: temporal.DayCount) -> dt.date | None:
    """The one day a day count says it counts from ("for 148 days beginning May 2"), else None."""
    m = _COUNTED_FROM.match(ctx.text, c.start)
    if m is None or m.end() not in ctx.dates:
        return None
    days = ctx.days(m.end())
    return days[0] if len(days) == 1 else None


# "lasted 148 days", "ran for 118 days": the length of a strike that is over, not a count up to a day
_LENGTH_OF_PAST = re.compile(r"\b(?:lasted|ran|went\s+on|stretched|spanned)\s+(?:for\s+)?(?:some\s+)?\d", re.I)


def _finished(ctx: Context, f: Frame, c: temporal.DayCount, dated: bool) -> bool:
    """A day count that measures a strike over ("lasted 148 days") without the span's last day, or one with no
    day of its own placed in another year than the article's ("the 118-day strike of 2023"): no day to count
    back from (not the day it began: "the strike, which began May 2, lasted 148 days")."""
    if _LENGTH_OF_PAST.search(ctx.text[max(f.sent_start, c.start - 30):c.start + 16]):
        return not c.closing
    if _COUNT_MODIFIER.match(ctx.text, c.start) and _told_as_done(ctx.doc[f.trigger]):
        return not c.closing  # "the 10-day walkout HAD COST Netflix $75 million": its whole length, not its age
    return not dated and of_another_year(ctx, [ctx.text[f.sent_start:f.sent_end]])


_COUNT_MODIFIER = re.compile(r"\d{1,4}-day\b")


def _told_as_done(noun) -> bool:
    """A strike noun that is the subject of a clause in the past perfect or of a past verb of what it cost ("the
    walkout HAD COST", "the strike COST the studios"): a strike over."""
    verb = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX"):
        return False
    perfect = any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)
    # ("the walkout cost": the bare form after a singular subject is the past, whatever the tagger says)
    past = verb.tag_ == "VBD" or verb.lower_ == "cost" and noun.tag_ == "NN"
    return perfect or past and verb.lemma_ in ("cost", "drain", "shave", "wipe")


def _last_day_before(ctx: Context, pos: int) -> dt.date | None:
    """The last single day the article named before `pos` (within a few sentences), else its date: "(The
    SAG-AFTRA strike is at 56 days)" after "on Friday hit 129 days" counts from that Friday."""
    days = [s for s in ctx.date_starts(pos - 799, pos) if len(ctx.days(s)) == 1]
    return ctx.days(max(days))[0] if days else ctx.anchor
