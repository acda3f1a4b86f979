"""The words and regular expressions of the date expressions news writes, for the finders of dates.py."""
from __future__ import annotations

import functools
import re

# --------------------------------------------------------------------------
# Vocabulary

MONTHS: dict[str, int] = {
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
FULL_MONTHS = frozenset(
    ("january february march april may june july august september october "
     "november december").split()
)
# "since" right before a date: a bound the time runs from ("haven't met SINCE Friday, Aug. 3")
SINCE_BEFORE_RE = re.compile(r"(?i)\bsince\s+$")
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS: dict[str, int] = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
                        "eighty": 80, "ninety": 90}


def number_value(words: str) -> int | None:
    """The value of a number written in words up to ninety-nine ("seven", "twenty-five"), else None."""
    tens, _, unit = words.lower().partition("-")
    units = {w: v for w, v in NUMBER_WORDS.items() if w not in ("a", "an")}
    if not unit:
        return TENS.get(tens, units.get(tens))
    return TENS[tens] + units[unit] if tens in TENS and units.get(unit, 10) < 10 else None


# Capitalised words that turn a weekday into a holiday name ("Black Friday").
HOLIDAY_PREFIXES = frozenset(
    "black good cyber super ash easter palm holy bloody giving fat".split()
)
# Words before a 4-digit number that make it an identifier, not a year.
ID_PREFIX_RE = re.compile(
    r"(?:\b(?:local|no|nos|number|room|suite|section|article|chapter|route|"
    r"stage|unit|lot|box|flight|code|bill)\.?|#)\s*$",
    re.IGNORECASE,
)

_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_WD = "|".join(WEEKDAYS)
_NUM = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
WEEKDAY_NAME_RE = re.compile(rf"\b(?:{_WD})\b", re.IGNORECASE)  # a weekday named anywhere in a date's words

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
ISO_RE = re.compile(r"(?<![\w.\-/])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d\-/])")
US_RE = re.compile(r"(?<![\w.\-/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])")
# ("Wednesday MORNING, May 27": the part of the day between a weekday and its date)
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"
MDY_RE = re.compile(
    rf"(?:{_WD_MOD}(?P<wd>{_WD}){_PART_OF_DAY}\.?,?\s+)?"
    rf"\b(?P<mon>{_MON})(?:\.|\b)\s*(?P<days>{_DAYLIST})"
    rf"(?:(?:\s*,\s*|\s+)(?P<year>{_YEAR}))?",
    _F,
)
DMY_RE = re.compile(
    rf"(?:{_WD_MOD}(?P<wd>{_WD}){_PART_OF_DAY},?\s+)?"
    rf"(?<![\w$#\u00a3\u20ac.,/:\-])(?P<days>{_DAYLIST})\s+(?:of\s+)?"
    rf"(?P<mon>{_MON})(?:\.|\b)(?:,?\s+(?P<year>{_YEAR}))?",
    _F,
)
MY_RE = re.compile(
    rf"(?P<qual>{_QUAL})?\b(?P<mon>{_MON})(?:\.|\b),?\s+(?:of\s+)?"
    rf"(?P<year>{_YEAR})",
    _F,
)
BARE_MONTH_RE = re.compile(
    r"(?:\b(?P<prep>in|since|by|until|till|through|throughout|during|from|"
    r"before|after|of|to|around|between|and|or)\s+)?"
    rf"(?P<x>(?:\b(?P<rel>last|this|next|past)\s+)?(?P<qual>{_QUAL})?"
    rf"\b(?P<mon>{_MON})(?:\.|\b))",
    _F,
)
WEEKDAY_RE = re.compile(
    r"(?:\b(?P<mod>this\s+past|this\s+coming|the\s+(?:following|previous|next)|that"
    r"|this|last|next|past|coming|earlier|early|late|later)\s+)?"
    rf"\b(?P<wd>{_WD})\b",
    _F,
)
DAY_WORD_RE = re.compile(
    r"\b(?P<x>today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|"
    r"evening)|last\s+night)\b",
    _F,
)
WEEK_RE = re.compile(
    r"(?:\b(?:over|during)\s+(?P<x>the\s+weekend)\b)"
    r"|\b(?P<y>(?:(?:earlier|later)\s+)?(?:this|last|next|past|previous|coming)"
    r"\s+(?:week|weekend)|the\s+(?:past|previous|coming|following)\s+"
    r"(?:week|weekend))\b",
    _F,
)
MONTH_REL_RE = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?:this|last|next)\s+month\b"
    r"|\bthe\s+(?:past|previous|coming|following)\s+month\b",
    _F,
)
YEAR_REL_RE = re.compile(  # (not "3% in THE last year", "its next year": a contract's year, no calendar's)
    r"(?<!\bthe\s)(?<!\bits\s)(?<!\btheir\s)(?<!'s\s)\b(?:(?:earlier|later)\s+)?(?:this|last|next)\s+year\b"
    r"|\bthe\s+(?:past|previous|coming|following)\s+year\b",
    _F,
)
AGO_RE = re.compile(
    rf"(?<![\d,.])\b(?P<n>\d{{1,3}}|{_NUM}|a\s+few|a\s+couple(?:\s+of)?|"
    r"several|few)\s+(?P<unit>day|week|month|year)s?\s+"
    r"(?P<dir>ago|from\s+(?:now|today))\b",
    _F,
)
# what ends just before a phrase that opens a sentence: the text's start, a full stop, a line break, a closing quote
SENTENCE_OPEN_BEFORE_RE = re.compile('(?:\\A|[.!?\\n"\u201d])\\s*$')
# the text turning to its own time after history told in order: "THIS YEAR's round", "now", "today"
NOW_TOLD_RE = re.compile(r"\b(?:this|so\s+far\s+this)\s+(?:year|month|week|season|spring|summer|fall|autumn|winter)"
                         r"\b|\b(?:now|today|currently)\b", _F)
# a count of days that is no count: "MORE THAN two weeks ago", "NEARLY three weeks ago"
APPROXIMATE_BEFORE_RE = re.compile(r"\b(?:more\s+than|over|nearly|almost|about|around|roughly|some|at\s+least|"
                                   r"less\s+than|under|upwards\s+of)\s+$", _F)
# "three days later", "a week earlier", "the next day": a day counted from the day the text named last
SEQUEL_RE = re.compile(
    rf"(?<![\d,.])\b(?P<n>\d{{1,2}}|{_NUM}|a)\s+(?P<unit>day|week)s?\s+(?P<dir>later|earlier)\b"
    r"|\bthe\s+(?P<next>next|following)\s+(?:day|morning|afternoon|evening|night)\b"
    # "that day", "the same day", "on that first day", "that morning": the day named last
    r"|\b(?:that|the\s+same)\s+(?:(?:first|very|same)\s+)?(?P<same>day|morning|afternoon|evening|night)\b"
    # "BY MIDAFTERNOON the alliance made its move", opening a sentence: later on the day told last
    r"|\b[Bb]y\s+(?P<bytime>midmorning|midday|noon|lunchtime|midafternoon|late\s+afternoon|evening|nightfall|"
    r"dinnertime|dinner)\b",
    _F,
)
# The words before the day an act takes effect, which news tells ahead of it: "voted Monday to end the strike
# EFFECTIVE AT 12:01 A.M. Tuesday", "effective at midnight on Wednesday"
EFFECTIVE_BEFORE_RE = re.compile(r"\beffective\b(?:\s+(?:at|on|from|as\s+of))?(?:\s+(?:[\d:.]+\s*(?:a\.?m\.?|p\.?m\.?)?"
                                 r"|midnight|noon)(?:\s+(?:Pacific|Eastern|PT|ET))?)?(?:\s+(?:on|at))?,?\s*$", _F)
# The words between a figure and the day it takes effect, which dates the figure, not the offer or deal that names
# it: "fees up 7 per cent FROM 1 July 2071", "4.5% EFFECTIVE July 1, 2058", "3% a year STARTING July 1"
TAKES_EFFECT = r"(?:effective|from|starting|beginning|as\s+of)"
TERM_EFFECTIVE_BEFORE_RE = re.compile(rf"\d\s*(?:%|percent\b|per\s+cent\b)\s*,?\s*(?:[\w-]+\s+){{0,3}}?"
                                      rf"{TAKES_EFFECT}\s+(?:on\s+)?$", _F)
# A generic day that "the next morning" counts from, not a day of the story: "rest between A DAY'S wrap and the
# following morning's call", "EACH NIGHT ... the next morning" (the text between holds no sentence end)
GENERIC_DAY_BEFORE_RE = re.compile(r"\b(?:a|an|each|every|any)\s+(?:day|night|shift|evening|workday)(?:'s)?\b[^.;!?]*$",
                                   _F)
# A year told after a day, relative to the article's: "July 26 LAST YEAR", "March 3 of this year"
YEAR_AFTER_RE = re.compile(r"\s+(?:of\s+)?(?P<rel>last|this|next|past)\s+year\b", _F)
YEAR_AFTER_SHIFT = {"last": -1, "past": -1, "this": 0, "next": 1}
OF_THAT_YEAR_RE = re.compile(r"\s+of\s+(?:that|the\s+same)\s+year\b", _F)  # "began July 3 of that year"
# Words before a day that closes a span: "from May 2 TO Sept. 27", "on strike UNTIL March"
RANGE_END_WORDS = frozenset({"to", "until", "till", "through", "thru"})
# What joins the first day of a range to the second: "May 2 TO Sept. 27, 2023" (the year written once, at the end)
RANGE_JOIN_RE = re.compile(rf"\s*(?:[-\u2013\u2014]|\b(?:{'|'.join(sorted(RANGE_END_WORDS))}|and)\b)\s*", _F)
# A year that opens a sentence and sets its scene ("IN 1988, the guild struck from March 7 to Aug. 7"), and where a
# sentence starts (a month's abbreviation is followed by its day, not a capital)
SET_OFF_YEAR_RE = re.compile(r",\s+in\s+((?:1[89]|20)\d\d),\s")
# "struck the AMPTP in 2023, from July 14 to Nov. 9": a year right before the days it sets
# (or a count of days between: "walked out in 2063, for 95 days running Sept. 3 through Dec. 6")
YEAR_JUST_BEFORE_RE = re.compile(r"\bin\s+((?:1[89]|20)\d\d),?\s+(?:for\s+\d{1,3}\s+(?:days|weeks)\s+)?"
                                 r"(?:(?:from|between|running|on)\s+)?"
                                 r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s+(?:to|and|through|until)\s+)?$")
SCENE_YEAR_RE = re.compile(
    r"[\"'\u201c\u2018]?(?:back\s+|earlier\s+|later\s+)?in\s+(?:(?:the\s+)?(?:(?:early|late)\s+)?"
    r"(?:spring|summer|autumn|fall|winter)\s+of\s+|(?:early|late|mid-)\s*)?(?P<y>(?:1[89]|20)\d\d)\b"
    r"(?!\s*(?:%|percent|per\s+cent))",
    _F,
)
# A sentence that opens on the year named just before: "THAT YEAR the WGA struck from May 2", "The same summer, ..."
THAT_YEAR_RE = re.compile(
    r"[\"'\u201c\u2018]?(?:that|the\s+same|that\s+same)\s+(?:year|spring|summer|fall|autumn|winter)\b", re.IGNORECASE)
SENTENCE_START_RE = re.compile("(?<=\\w)[.!?][\"'\u201d\u2019)]*\\s+(?=[\"'\u201c\u2018A-Z])|\n")
# What may follow the day on a live blog's update header: "Tuesday, May 2, 7:15 p.m. PT", "May 2 -- 9 a.m. ET"
HEADER_TIME_RE = re.compile(
    r"[\s,:\u2013\u2014-]*(?:(?:at\s+)?\d{1,2}(?::\d\d)?\s*(?:[ap]\.?\s?m\.?)?\s*(?:[A-Z]{1,4}\b)?)?[\s.:]*",
    _F,
)
# A live story's time stamp, opening the paragraph it heads, with no day: "UPDATE, 5:26 PM: ...", "PREVIOUSLY, 9:15
# a.m. PT: ..."; the text below it is of the story's day.
UPDATE_STAMP_RE = re.compile(r"^[ \t]*(?:UPDATED?|PREVIOUSLY|EARLIER)[ \t]*,?[ \t]*\d{1,2}(?::\d\d)?[ \t]*"
                             r"[AaPp]\.?[ \t]?[Mm]\.?(?:[ \t]+[A-Z]{1,4})?[ \t]*:", re.MULTILINE)
# A year token standing alone: not in a bigger number, an amount or a decade.
LONE_YEAR_RE = re.compile(
    r"(?<![\w$#\u00a3\u20ac.,/:])(?P<y>\d{4})(?!\w|%|[.,:/]\d)"
    r"(?!\s+(?:percent|per\s+cent|members|workers|people|employees|jobs|"
    r"hours|votes|dollars|signatures)\b)",
    _F,
)


@functools.lru_cache(maxsize=1024)
def scan(rx: re.Pattern, text: str) -> tuple[re.Match, ...]:
    """The matches of `rx` in `text`, kept for the next call: an article's dates are found once without its date
    (while parsing) and again with it (at assembly), and the scan, not the resolving, is what costs."""
    return tuple(rx.finditer(text))


NEXT_WORD_RE = re.compile(r"\s+([A-Za-z][\w'\u2019-]*)")
PREV_WORD_RE = re.compile(r"([A-Za-z]+)\s+$")
QUOTES = "\"'\u201c\u2018"
# A wire story's dateline, before the day and after it: "BURBANK, Calif., | Nov 13 | (Reuters) - ": an update
# appended below a story ("UPDATE 1") brings its own, and its weekdays count from that day
WIRE_DATELINE_BEFORE_RE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z.'\- ]+(?:,[ \t]*[A-Z][\w.'\- ]{0,25})*,[ \t]*$")
WIRE_DATELINE_AFTER_RE = re.compile(r"[ \t]*\([A-Z][\w&. ]{0,30}\)[ \t]*[-\u2013\u2014]")
# A press release's dateline, before the day and after it: "LOS ANGELES | (March 10, 2031) | — ": the day the release
# below it was issued on, whose "today" it is
RELEASE_DATELINE_BEFORE_RE = re.compile(r"(?:^|\n)[ \t]*[A-Z][A-Z.'\- ]+(?:,[ \t]*[A-Z][\w.'\- ]{0,25})*[ \t]*\($")
RELEASE_DATELINE_AFTER_RE = re.compile(r"\)[ \t]*[-\u2013\u2014]")

# "THAT WALKOUT began on Feb. 2": a sentence that opens by telling again an event of the sentence before ("that",
# not "the": "The strike began May 2" after "writers last struck in 2007" is this year's; a strike, not a deal, whose
# life runs over years: "signed in 2021. That agreement expired March 31")
# A strike named by its year: "its 2039 strike", "the 2007-08 walkout" is not (two years)
YEAR_OF_STRIKE_RE = re.compile(r"\b(?:1[89]|20)\d\d\s+(?:[\w'\u2019-]+\s+)?(?:walkout|strike|stoppage|lockout)\b", _F)
# a weekday a saying is dated by, which reporters count from their own day: "said WEDNESDAY", "told Variety on
# Sunday", "in a statement Tuesday" (a story told day by day still dates its sayings so)
SAID_ON_RE = re.compile(r"\b(?:said|says|told|announced|statement|interview|email|wrote)\b[^.;!?]{0,24}$", _F)
RETOLD_EVENT_RE = re.compile(r"\s*that\s+(?:[\w-]+\s+)?(?:walkout|strike|stoppage|lockout)\b", _F)
