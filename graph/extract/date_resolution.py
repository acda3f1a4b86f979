"""Date resolution: every date expression of an article with its days, resolved against the article's date (or a
year its headings give), years carried over from the sentences that tell them, and days counted from the day told
before ("three days later", "the following Tuesday")."""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc

from . import clauses
from . import dates as dates_mod
from .date_patterns import (
    NOW_TOLD_RE,
    RETOLD_EVENT_RE,
    SAID_ON_RE,
    SINCE_BEFORE_RE,
    WEEKDAY_NAME_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    YEAR_OF_STRIKE_RE,
)
from .datelines import from_datelines
from .index import inside_any, sentences
from .speech import quote_spans


def heading_year(text: str, headings: list[tuple[int, int]]) -> int | None:
    """A year stated in a headline ("Writers Guild Strike 2023 TV Shows Explained"); body sentences are not
    used, where years mostly belong to history ("the first strikes since 1960")."""
    joined = "\n".join(text[a:b] for a, b in headings)
    return dates_mod.year_hint(joined) if joined else None


def _years_from_context(found: list[dates_mod.DateMention]) -> list[dates_mod.DateMention]:
    """In an article without a date, "Thursday, July 25" after "on July 26, 2024" is the July 25 nearest the day
    last named (so "Jan. 17" after "Nov. 5, 2007" is in 2008). A weekday alone stays unresolved."""
    out, last = [], None
    for m in found:
        if m.kind == "unresolved" and last is not None:
            resolved = []
            for year in (last.year - 1, last.year, last.year + 1):
                again = [x for x in dates_mod.find_dates(m.text, dt.date(year, 12, 31)) if x.kind == "absolute"
                         and len(x.dates) == 1 and x.end - x.start == len(m.text)]
                resolved += [x.dates[0] for x in again]
            if resolved:
                day = min(resolved, key=lambda d: abs((d - last).days))
                m = dates_mod.DateMention(m.start, m.end, m.text, (day,), "absolute")
        if m.kind == "absolute" and len(m.dates) == 1:
            last = m.dates[0]
        out.append(m)
    return out


def resolve(text: str, anchor: dt.date | None, year: int | None) -> dict[int, dates_mod.DateMention]:
    """Every date expression of the article by its start offset, its days resolved against the article's date;
    without one, a year written in a heading still fixes "May 2" (never "Friday"), else the days named nearby."""
    if anchor is not None:
        found = dates_mod.find_dates(text, anchor)
    elif year is not None:
        pseudo = dt.date(year, 12, 31)
        found = [m if m.kind == "absolute" else dates_mod.DateMention(m.start, m.end, m.text, (), m.kind)
                 for m in dates_mod.find_dates(text, pseudo)]
    else:
        found = _years_from_context(dates_mod.find_dates(text, None))
    if anchor is not None:
        found = from_datelines(text, found, anchor)
    found = _narrated_weekdays(text, _sequels(_carried_years(text, found, anchor), anchor), anchor)
    return {m.start: m for m in _restated(text, _of_last_year(text, found, anchor))}


def retold_years(doc: Doc, found: dict[int, dates_mod.DateMention],
                 anchor: dt.date | None) -> dict[int, dates_mod.DateMention]:
    """Days without a year of a past-tense sentence that tells again the strike of the one before ("In 1987, AFTRA
    struck. THAT WALKOUT began on Feb. 2") or names it by year ("its 2039 strike ran from May 2"): in that year."""
    if anchor is None:
        return found
    for k, sent in enumerate(sents := sentences(doc)):
        if sent.root.tag_ not in ("VBD", "VBN"):
            continue
        named = YEAR_OF_STRIKE_RE.search(sent.text)
        if named and _in_subject(sent, named.start()):  # "its 2039 strike ... ran from May 2 to Aug. 8"
            years = {y for _, _, y in dates_mod.lone_years(sent.text)}
        elif k and RETOLD_EVENT_RE.match(sent.text) or ";" in sent.text and RETOLD_EVENT_RE.match(
                sent.text, sent.text.index(";") + 1):  # ("struck in 2064; THAT STOPPAGE lasted from May 2")
            told = sent.text if ";" in sent.text and not RETOLD_EVENT_RE.match(sent.text) else sents[k - 1].text
            named, years = None, {y for _, _, y in dates_mod.lone_years(told)}
        else:
            continue
        if len(years) != 1 or (year := years.pop()) >= anchor.year - 1:
            continue
        for start in [s for s in found if sent.start_char <= s < sent.end_char]:
            m = found[start]
            if m.kind != "absolute" or len(m.dates) != 1 or _YEAR_IN.search(m.text):
                continue
            if named and clauses.participle_host(doc, _clause_verb(doc, start)) != sent.root.i:
                continue  # ("the 2039 strike is a memory; talks began March 7"; but "lasted 30 days, BEGINNING")
            again = [x for x in dates_mod.find_dates(m.text, dt.date(year, 12, 31))
                     if x.kind == "absolute" and len(x.dates) == 1 and x.end - x.start == len(m.text)]
            if again:
                found[start] = dates_mod.DateMention(m.start, m.end, m.text, again[0].dates, m.kind)
    return found


def _in_subject(sent, char: int) -> bool:
    """Whether a character of the sentence lies in the subject of its main verb."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.left_edge.idx <= char < c.right_edge.idx + len(c.right_edge)
               for c in sent.root.children)


def _clause_verb(doc: Doc, char: int) -> int | None:
    """The verb whose clause a date written at `char` is in."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    tok = span[0] if span is not None and len(span) else None
    while tok is not None and tok.pos_ not in ("VERB", "AUX") and tok.head.i != tok.i:
        tok = tok.head
    return tok.i if tok is not None and tok.pos_ in ("VERB", "AUX") else None


SEQUEL_REACH = 1500  # characters: "three days later" counts from a day named in the last paragraph or two


def _sequels(found: list[dates_mod.DateMention], anchor: dt.date | None = None) -> list[dates_mod.DateMention]:
    """"Three days later" and "the next day" resolved from the single day named last before them ("reached a deal
    on June 3. Three days later the board approved it"); none near: unresolved. "That first day" is the first day
    of something begun, so not a day still to come ("opened talks May 8; the contract expires July 31. That first
    day, ...": May 8)."""
    out, last, begun = [], None, None
    for m in found:
        if m.kind == "sequel" or m.kind == "unresolved" and WEEKDAY_RE.fullmatch(m.text) \
                and m.text.lower().startswith(("the ", "that ")):
            if begun is not None and _FIRST_DAY.search(m.text):
                last = begun
            n = dates_mod.sequel_days(m.text, last[1] if last else None)  # ("the following Tuesday" too)
            near = last is not None and m.start - last[0] <= SEQUEL_REACH and n is not None
            m = dates_mod.DateMention(m.start, m.end, m.text, (last[1] + dt.timedelta(days=n),) if near else (),
                                      "absolute" if near else "unresolved")
        if len(m.dates) == 1 and m.kind in ("absolute", "weekday", "relative"):
            last = (m.start, m.dates[0])
            if anchor is None or m.dates[0] <= anchor:
                begun = last
        out.append(m)
    return out


HISTORY_REACH = 800  # characters: a day without a year goes on from a year told in its paragraph or the one before


def _carried_years(text: str, found: list[dates_mod.DateMention],
                   anchor: dt.date | None) -> list[dates_mod.DateMention]:
    """History told in order: "On Aug. 3, 2056, IATSE struck ... The strike lasted 50 days. Late on Sept. 21, the
    union and the alliance came to a tentative agreement" is Sept. 21, 2056, not the Sept. 21 before the article's
    date. Only after a day written with a year more than a year before the article's (or one carried so), for the
    next days named, each within 60 days after the one before (and its weekday, if written, fitting), until the
    text turns to its own time ("this year")."""
    if anchor is None:
        return found
    out, last = [], None  # last: (start, day) of the last day of a past year told
    told_year = None  # (start, year) of a past year told alone just before: "IN 2056, ... IATSE struck ... The
    # walkout began Aug. 3": the first day named after it in its paragraph is of that year
    quoted = quote_spans(text)  # (a quotation speaks in its speaker's time: "Nobody wanted this morning")
    starts = [a for a, _ in quoted]
    for m in found:
        if inside_any(starts, quoted, m.start):
            out.append(m)
            continue
        if m.kind == "year" and (y := _YEAR_IN.search(m.text)) and int(y.group()[-4:]) < anchor.year - 1 \
                and _FRONTED_YEAR_BEFORE.search(text, max(0, m.start - 20), m.start) \
                and text[m.end:m.end + 1] == ",":
            told_year, last = (m.start, int(y.group()[-4:])), None
        elif len(m.dates) == 1 and m.kind == "absolute" and not _YEAR_IN.search(m.text) and last is None \
                and told_year is not None and "\n" not in text[told_year[0]:m.start] \
                and not NOW_TOLD_RE.search(text, told_year[0], m.start) \
                and not WEEKDAY_NAME_RE.search(m.text):
            try:
                day = m.dates[0].replace(year=told_year[1])
            except ValueError:  # February 29
                day = None
            if day is not None:
                m = dates_mod.DateMention(m.start, m.end, m.text, (day,), m.kind)
                last = (m.start, day)
            told_year = None
        elif len(m.dates) == 1 and m.kind == "absolute" and _YEAR_IN.search(m.text):
            last = (m.start, m.dates[0]) if m.dates[0].year < anchor.year - 1 else None
        elif len(m.dates) == 1 and m.kind == "absolute" and last is not None and m.start - last[0] <= HISTORY_REACH \
                and not any(not inside_any(starts, quoted, n.start())
                            for n in NOW_TOLD_RE.finditer(text, last[0], m.start)):  # ("THIS YEAR's round opened")
            # (within its sentence, up to a year on: "struck on July 14, 2023, and held out until Nov. 9")
            day = _after(m.dates[0], last[1], 366 if not _SENTENCE_END.search(text, last[0], m.start) else 60)
            written = WEEKDAY_NAME_RE.search(m.text)
            if day is not None and (written is None or WEEKDAYS[written.group().lower()] == day.weekday()):
                m = dates_mod.DateMention(m.start, m.end, m.text, (day,), m.kind)
                last = (m.start, day)
            else:
                last = None
        elif m.dates:
            last = None
        out.append(m)
    return out


_STEP_BACK = 14  # days a story told in order may step back


def _after(day: dt.date, since: dt.date, reach: int = 60) -> dt.date | None:
    """The day of the same month and day as `day` that comes first on or after `since`, within `reach` days, or in
    the two weeks before it (a story steps back a few days: "ended Sept. 27. The deal reached on Sept. 24 ...")."""
    for year in (since.year, since.year + 1):
        try:
            moved = day.replace(year=year)
        except ValueError:  # February 29
            continue
        if -_STEP_BACK <= (moved - since).days <= reach:
            return moved
    return None


NARRATIVE_REACH = 600  # characters: a weekday goes on from a day told in its paragraph or the one before


def _narrated_weekdays(text: str, found: list[dates_mod.DateMention],
                       anchor: dt.date | None) -> list[dates_mod.DateMention]:
    """A story told day by day: "on Monday, March 17, the alliance laid out a package. Back at the table on
    Tuesday, the guild ..." is the Tuesday after that Monday, not the one before the article's date. Only after a
    day written with its weekday (how such stories walk through the days) more than a week before that Tuesday,
    and only for the next day named (a weekday later on is the reporter's own week again), and not for a saying
    ("Stuart said Wednesday": the reporter's week)."""
    out = list(found)
    for k in range(1, len(out)):
        told, m = out[k - 1], out[k]
        if m.kind != "weekday" or m.text.lower() not in WEEKDAYS or told.kind != "absolute" \
                or len(told.dates) != 1 or len(m.dates) != 1 or anchor is None \
                or told.text.split(",")[0].lower() not in WEEKDAYS or m.start - told.start > NARRATIVE_REACH:
            continue
        day = told.dates[0]
        if SINCE_BEFORE_RE.search(text, max(0, told.start - 12), told.start):
            continue  # ("haven't met SINCE Friday, Aug. 3": a bound, no story told from that day)
        said = SAID_ON_RE.search(text, max(0, m.start - 40), m.start)
        if WEEKDAYS[told.text.split(",")[0].lower()] != day.weekday() or said:
            continue  # ("Tuesday, Jan. 6" read in the wrong year)
        if day < anchor and (m.dates[0] - day).days > 6:
            if _PAST_PERFECT_BEFORE.search(text, max(0, m.start - 40), m.start):  # "a session that HAD STARTED
                day -= dt.timedelta(days=(day.weekday() - WEEKDAYS[m.text.lower()]) % 7 or 7)  # Friday": before it
            else:
                day += dt.timedelta(days=(WEEKDAYS[m.text.lower()] - day.weekday()) % 7)
            out[k] = dates_mod.DateMention(m.start, m.end, m.text, (day,), m.kind)
    return out


_PAST_PERFECT_BEFORE = re.compile(r"(?i)\bhad\s+(?:been\s+)?[a-z]+(?:\s+[a-z]+)?\s+(?:on\s+)?$")
_FIRST_DAY = re.compile(r"(?i)\bfirst\s+day\b")


_RESTATING = re.compile(r"\s*,\s*(?:on\s+)?|\s+on\s+")  # ("a week from today ON July 19th")
_YEAR_IN = re.compile(r"\b\d{4}\b")
# A year that opens its sentence as the time of what it tells: "IN 2056, at 39, she was dressing extras when ..."
_FRONTED_YEAR_BEFORE = re.compile(r"(?:^|[.!?][\"\u201d]?\s+|\n\s*)(?:In|By|During|Back\s+in)\s+$")


# "last year" told right by days with no year of their own: "stayed out LAST YEAR, FROM Jan. 13 UNTIL Feb. 24",
# "on March 3 last year"
_LAST_YEAR = re.compile(r"(?i)\blast\s+year\b")
_LAST_YEAR_REACH = 40  # characters between the days and "last year", in one sentence
_SENTENCE_END = re.compile(r"[!?;]|\.\s+[A-Z]")  # (not the point of "Jan. 13")


def _of_last_year(text: str, found: list[dates_mod.DateMention],
                  anchor: dt.date | None) -> list[dates_mod.DateMention]:
    """Days with no year written, told right after or before "last year" in their sentence, are of the year before
    the article's (not the last such day before its date)."""
    if anchor is None:
        return found
    marks = [m for m in found if m.kind == "year" and _LAST_YEAR.fullmatch(m.text)]
    out = []
    for m in found:
        near = any(0 <= m.start - y.end <= _LAST_YEAR_REACH and not _SENTENCE_END.search(text, y.end, m.start)
                   or 0 <= y.start - m.end <= 1 for y in marks)
        if near and m.kind == "absolute" and len(m.dates) == 1 and not _YEAR_IN.search(m.text):
            try:
                m = dates_mod.DateMention(m.start, m.end, m.text, (m.dates[0].replace(year=anchor.year - 1),), m.kind)
            except ValueError:  # February 29
                pass
        out.append(m)
    return out


def _restated(text: str, found: list[dates_mod.DateMention]) -> list[dates_mod.DateMention]:
    """A day told as a count and then by its date ("walked out seven weeks earlier, on Jan. 16"): the date is the
    day, in the year the count gives (within a month of it), for both."""
    out = list(found)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if len(a.dates) != 1 or len(b.dates) != 1 or _YEAR_IN.search(b.text) or b.kind != "absolute" \
                or not _RESTATING.fullmatch(text[a.end:b.start]):
            continue
        day = b.dates[0]
        near = []
        for y in (a.dates[0].year - 1, a.dates[0].year, a.dates[0].year + 1):
            try:
                near.append(day.replace(year=y))
            except ValueError:  # February 29
                continue
        best = min(near, key=lambda d: abs((d - a.dates[0]).days), default=None)
        if best is not None and abs((best - a.dates[0]).days) <= 31 and best != a.dates[0]:
            out[k] = dates_mod.DateMention(a.start, a.end, a.text, (best,), a.kind)
            out[k + 1] = dates_mod.DateMention(b.start, b.end, b.text, (best,), b.kind)
    return out

