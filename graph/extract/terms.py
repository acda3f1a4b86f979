"""Terms: the percentages of an offer or deal, each with its contract year ("5% in the first year ...", "7%, 4%
and 3.5% in the first three years"); vote shares and statistics are not terms."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .date_patterns import MONTHS, NUMBER_WORDS, TAKES_EFFECT, TENS, number_value
from .facts import Term
from .lexicon import Lexicon, load_lexicon

_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
        "5th": 5, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "opening": 1}
_NUM = r"\d+(?:\.\d+)?"
_WORDS = "|".join(sorted((w for w in NUMBER_WORDS if w not in ("a", "an")), key=len, reverse=True))
# a percentage written in words: "three percent", "two and a half percent", "twenty-five per cent"
_SPELLED = re.compile(rf"\b(?P<n>(?:{'|'.join(TENS)})(?:-(?:{_WORDS}))?|{_WORDS})"
                      rf"(?P<half>\s+and\s+a\s+half)?(?=\s+(?:percent|per\s+cent)\b)", re.I)
_PCT = re.compile(rf"({_NUM})\s?(?:%|percent\b|per cent\b)")
# A group of coordinated percentages: "4% and 3.5%", "5%, 4% and 3.5%", "6%, then 5% and finally 4.5%".
_GROUP = re.compile(
    rf"{_PCT.pattern}(?:\s*(?:,|and|,\s*and|then|,?\s*and\s+then|,\s*then|,?\s*and\s+finally|followed by)\s*"
    rf"{_PCT.pattern})*")
_PCT_RUN = re.compile(rf"{_PCT.pattern}(?:.*{_PCT.pattern})?", re.S)  # a slice of a group, first to last
_ORDS = r"first|second|third|fourth|fifth|1st|2nd|3rd|4th|5th|opening"  # ("in the contract's OPENING year")
# "in THE CONTRACT'S second year", "in A THREE-YEAR CONTRACT'S first year"
_THE = r"(?:the|its|their|(?:the|a)\s+(?:[\w-]+-year\s+)?(?:contract|deal|agreement|pact)'s)"
_YEARS = re.compile(
    rf"\b(?:in|for|during|over)\s+(?:each\s+of\s+|both\s+)?{_THE}\s+"
    rf"(?P<ords>(?:{_ORDS})(?:\s*(?:,|and|,\s*and)\s*(?:{_ORDS}))*)\s+(?:contract\s+)?years?\b"
    rf"|\b(?:in|for|over)\s+the\s+(?:following|next|subsequent|remaining)\s+(?P<n>two|three|four|2|3|4)\s+years\b"
    # "5.5% and 5% in the two years after that", "in the two years that follow"
    rf"|\b(?:in|for|over)\s+the\s+(?P<nafter>two|three|four|2|3|4)\s+years\s+(?:after\s+that|that\s+follow|"
    rf"to\s+follow|following|thereafter)\b"
    # "4% on its first anniversary and 3.5% on its second": the year after the one the anniversary closes
    rf"|\bon\s+{_THE}\s+(?P<anniv>{_ORDS})(?:\s+anniversary\b|(?=\s*(?:,|;|\.|and\b|$)))"
    # "6 percent in the first of three contract years"
    rf"|\b(?:in|for|during)\s+the\s+(?P<ofn>{_ORDS})\s+of\s+(?:the|its|their|two|three|four|five|\d)\s+"
    rf"(?:contract\s+)?years\b"
    rf"|\b(?:in|for|over)\s+(?:the|its)\s+first\s+(?P<first>two|three|four|five|2|3|4|5)\s+(?:contract\s+)?years\b"
    # "5% raises in year two and year three", "in years two and three", "in year two and in year three"
    rf"|\b(?:in|during|for)\s+years?\s+(?P<ys>(?:one|two|three|four|five|\d)(?:(?:\s*(?:,|and|,\s*and)\s*(?:year\s+)?|\s+and\s+in\s+year\s+)"
    rf"(?:one|two|three|four|five|\d))+)\b"
    rf"|\b(?:in|during|for)\s+year\s+(?P<y>one|two|three|four|five|\d)\b"
    # "then by 3% at the start of years two and three"
    rf"|\bat\s+the\s+(?:start|beginning)\s+of\s+years\s+(?P<ysstart>(?:one|two|three|four|five|\d)"
    rf"(?:\s*(?:,|and|,\s*and)\s*(?:one|two|three|four|five|\d))+)\b"
    # "4.5% the next year", "4% a year later": the year after the last one named
    rf"|\b(?P<next>(?:in\s+)?the\s+(?:next|following)\s+year|a\s+year\s+later|the\s+year\s+after(?:\s+that)?)\b"
    # "4% in its third and final year", "in the contract's last year"
    rf"|\bin\s+{_THE}\s+(?:(?P<fo>{_ORDS})\s+and\s+)?(?P<final>final|last)\s+(?:contract\s+)?year\b"
    # "7%, 4% and 3.5% over the three years", "over the three-year contract", "over the life of the contract"
    rf"|\b(?:over|across|during)\s+(?:(?:the|its|a|their)\s+)?(?:life\s+of\s+the\s+)?(?P<span>two|three|four|five|2|3|4|5)?"
    rf"[- ]?(?:years?|year\s+(?:contract|deal|agreement|pact)|(?:contract|deal|agreement|pact))\b"
    # "3% in each of the remaining years", "each year after that": the years after the last one named, to the end
    rf"|(?:\bin\s+)?\b(?P<rest>(?:both|all)\s+of\s+the\s+(?:remaining|other|following|subsequent|later)\s+years|"
    rf"each\s+(?:of\s+the\s+(?:remaining|other|following|subsequent|later)\s+years|"
    rf"(?:following|subsequent|remaining)\s+year|year\s+(?:after\s+that|thereafter)))\b"
    # "each year of the three-year contract", "in each of the next two years", "annually"
    rf"|\b(?P<each>each\s+year|every\s+year|annually|per\s+year|a\s+year|yearly|"
    rf"(?:in\s+)?each\s+of\s+(?:the|its)\s+(?:next|following|remaining|other|(?P<lastn>last|final))?\s*"
    rf"(?P<eachn>two|three|four|five|2|3|4|5)\s+years"
    # "7% in the first year and 5% in each of the next two": the noun said once ("then 6% in each of its last two")
    rf"|(?:in\s+)?each\s+of\s+(?:the|its)\s+(?:next|following|remaining|other|(?P<lastb>last|final))\s+"
    rf"(?P<eachbare>two|three|four|2|3|4)"
    rf"(?=\s*(?:,|;|\.|and\b|on\s+the\s+table\b|$)))"
    # "7% in the first year, 4% in the second and 3.5% in the third", "4% in the second and in the third", "5%
    # the first year, 4% the second, 3.5% the third": the noun said once
    # "4% at the start of the second year", "3.5% at the beginning of the third"
    rf"|\bat\s+the\s+(?:start|beginning|outset)\s+of\s+{_THE}\s+(?P<startof>{_ORDS})(?:\s+(?:contract\s+)?year)?\b"
    rf"|\b(?:(?:in|for)\s+)?{_THE}\s+(?P<bare>(?:{_ORDS})(?:\s+and\s+(?:again\s+)?in\s+{_THE}\s+(?:{_ORDS}))*)\b"
    rf"(?=\s*(?:,|;|\.|and\b|$))"
    # "7% right away": the first year
    rf"|^\s*(?:[a-z-]+\s+){{0,3}}?(?P<now>right\s+away|immediately|upon\s+ratification|on\s+ratification|"
    rf"up\s*front|at\s+once|at\s+the\s+(?:outset|start|beginning)(?!\s+of\s+(?:(?:the|its)\s+(?:second|third|fourth|fifth|final|last)\b|years\b))|"
    rf"once\s+(?:the\s+(?:new\s+)?(?:deal|contract|agreement|pact)|it)\s+is\s+ratified|to\s+start|when\s+(?:it|(?:the|a)\s+(?:new\s+)?(?:[\w-]+-year\s+)?(?:contract|deal|agreement|pact))\s+"
    rf"(?:kicks\s+in|takes\s+effect|starts|begins))\b"  # "an 11% raise on ratification", "when the contract kicks in"
    # "an 11% first-year raise": the year said before the noun
    rf"|^\s*(?P<pre>{_ORDS})[- ]year\b"
    # "8% the first year": the year right after the figure, with no preposition
    rf"|^\s*(?:the|its)\s+(?P<bareyear>{_ORDS})\s+year\b",
    re.I)


@functools.lru_cache(maxsize=2)
def _words(lexicon: Lexicon) -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """Words that make a percentage a pay or benefit change (terms.yaml), those that make it a share, and those
    before it that make it the level a change starts from."""
    words = lexicon.terms["change_words"]
    change = "|".join(re.escape(w) for w in words + [w[:-1] + "ies" for w in words if w.endswith("y")])
    money = "|".join(re.escape(w) for w in lexicon.terms.get("money_shared", ()))
    of_money = rf"(?!\s+of\s+(?:[\w'-]+\s+){{0,3}}?(?:{money})\b)" if money else ""
    share = "|".join(re.escape(w) + (of_money if w == "share" else "") for w in lexicon.terms["not_terms"])
    former = "|".join(re.escape(w) for w in lexicon.terms.get("former_level", ()))
    return (re.compile(rf"(?i)\b(?:{change})(?:s|es|d|ed|ing)?\b"),
            re.compile(rf"(?i)^\s*(?:of\s+(?:the\s+)?(?:[\d,]+\s+)?(?:{share})|(?:{share}))\b"),
            re.compile(rf"(?i)\b(?:{former})\s*$" if former else r"(?!)"))


@dataclass(frozen=True)
class TermMention:
    start: int
    end: int
    term: Term


# A run of this many percentages with no year phrase is a contract's years in order ("5%, 4.5% and 4%")
_SERIES = 3
# A year told before the noun that comes to the figure: "its FIRST-YEAR demand to 8%", "a second-year raise of 4%"
_YEAR_BEFORE = re.compile(rf"(?i)\b({_ORDS})[- ]year\s+(?:[a-z-]+\s+){{0,2}}?(?:to|of|at)\s+$")
# How many raises a figure stands for, told before it, after a year named: "7% up front, followed by TWO MORE ANNUAL
# INCREASES OF 5% each", "then two raises of 5%": the years after the one named
_COUNT_BEFORE = re.compile(r"(?i)\b(two|three|four|2|3|4)\s+(?:more\s+|further\s+|additional\s+|subsequent\s+)?"
                           r"(?:annual\s+|yearly\s+)?(?:raises|increases|hikes|bumps|increments|rises)\s+of\s+$")
# Between a year's percentage and the next group: "7% up front, THEN 3% and 3%", "5% in year one, and 4%, 4%", "4%
# at the start, WITH 3.5% and 3% after that"
_THEN = re.compile(r"(?i)^[^%\d]{0,40}?(?:,|\bthen|\band|(?:followed|trailed)\s+by|"
                   r"\b(?:stepping|stepped|falling|dropping|easing|sliding|tapering)\s+(?:down\s+|off\s+)?to)\s*$")
_THEN_BY = re.compile(r"(?i)^[^%\d]{0,40}\bthen\b[^%\d]{0,12}$")  # ("3.9%, and THEN BY 3% in years two ...")
_WITH = re.compile(r"(?i)^[^%\d]{0,40}?\bwith\s*$")  # (only before a run: not "5% in year one, with 4% for health")
# A level the contract in force sets, after its figure: "up from the 20% UNDER THE CURRENT CONTRACT" (not "down from
# the 8% it sought", an earlier demand)
_FRONTED_YEAR = re.compile(r"(?i)\s*,?\s*(?:and|then|but|with)\s*,\s*")
_STANDING = re.compile(r"(?i)\s+(?:(?:(?:paid|set|required|provided|guaranteed)\s+)?(?:under|in)\s+"
                       r"|(?:that\s+)?(?=the\s+\w+\s+\w+\s+(?:provides|pays|gives|sets|requires|grants)\b))"
                       r"the\s+(?:current|existing|expiring|expired|present|old|previous)\s+"
                       r"(?:contract|deal|agreement|pact)\b")  # (or "the 8% THE EXPIRED CONTRACT PROVIDES")
_LENGTH = re.compile(r"(?i)\b(two|three|four|five|2|3|4|5)[- ]year\b")
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
# The day a figure takes effect, with its year, right after it: "up 7 per cent FROM 1 JULY 2071", "4.5% EFFECTIVE
# JULY 1, 2058", "4% on July 1, 2059"; figures dated a year apart are a contract's years in order
_DATED_STEP = re.compile(rf"(?i)\s*,?\s*(?:[\w-]+\s+){{0,2}}?(?:{TAKES_EFFECT}|on)\s+"
                         rf"(?:on\s+)?(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?|\d{{1,2}}(?:st|nd|rd|th)?\s+"
                         rf"(?:{_MONTH})\.?,?|(?:{_MONTH})\.?)\s+(?P<year>\d{{4}})\b")


def _length(found: re.Match | None) -> int:
    """The years a contract length names ("a THREE-year deal"), 0 for none."""
    return (_ORD.get(found.group(1).lower()) or int(found.group(1))) if found else 0


def _years(m: re.Match, last: int, count: int = 1, sentence: str = "", before: str = "") -> list[int]:
    """The contract years a year phrase names, for `count` percentages before it (`last`: the last year named
    before in the sentence; `before`: the text before the sentence, which may give the contract's length)."""
    if (listed := m.group("ys") or m.group("ysstart")) is not None:
        return [_ORD.get(w.lower()) or int(w) for w in re.findall(r"one|two|three|four|five|\d", listed, re.I)]
    if m.group("next") is not None:
        return [last + 1] if last else []
    if m.group("final") is not None:
        if m.group("fo"):
            return [_ORD[m.group("fo").lower()]]
        told = list(_LENGTH.finditer(before))
        n = _length(_LENGTH.search(sentence)) or _length(told[-1] if told else None)
        return [n] if n > last else [last + 1] if last else []
    if m.group("rest") is not None:
        told = list(_LENGTH.finditer(before))
        n = _length(_LENGTH.search(sentence)) or _length(told[-1] if told else None) or (
            last + 2 if m.group("rest").lower().startswith("both") else 0)  # ("in BOTH of the following years")
        return list(range(last + 1, n + 1)) if count == 1 and last and n > last else []
    if m.group("each") is not None:
        counted = m.group("eachn") or m.group("eachbare")
        if counted:  # "in each of the next two years": the years after the last one named
            n = _ORD.get(counted.lower()) or int(counted)
            if (m.group("lastn") or m.group("lastb")) and not last:
                return []  # ("each of its LAST two" with no year named before: which years is not said)
            return list(range(last + 1, last + 1 + n))
        n = _length(_LENGTH.search(sentence))  # "each year of the three-year contract"
        # (after a year named: "2.5% in its first year, then 2% ANNUALLY": the years after it)
        return list(range(last + 1 if last < n else 1, n + 1)) if count == 1 and n else []
    if m.group(0).lower().split()[0] in ("over", "across", "during") and not m.group("ords") and not m.group("y") \
            and not ((m.group("n") or m.group("nafter")) and count > 1):
        # ("5% and 5% OVER THE REMAINING TWO YEARS": those years)
        if count == 1:
            return []  # "a 5% raise over the life of the contract": no one year
        span = m.group("span")
        n = (_ORD.get(span.lower()) or int(span)) if span else count
        if not span:
            n = _length(_LENGTH.search(m.group(0)) or _LENGTH.search(sentence)) or count
        return list(range(1, n + 1)) if n == count else []
    if m.group("ords"):
        return [_ORD[w.lower()] for w in re.findall(_ORDS, m.group("ords"), re.I)]
    if m.group("anniv"):  # (bare "on its second" only after an anniversary is named)
        told = "anniversary" in m.group(0).lower() or re.search(r"(?i)\banniversary\b", sentence)
        return [_ORD[m.group("anniv").lower()] + 1] if told else []
    if m.group("ofn"):
        return [_ORD[m.group("ofn").lower()]]
    if m.group("startof"):
        return [_ORD[m.group("startof").lower()]]
    if m.group("bare"):
        return [_ORD[w.lower()] for w in re.findall(_ORDS, m.group("bare"), re.I)]
    if m.group("pre"):
        return [_ORD[m.group("pre").lower()]]
    if m.group("bareyear"):
        return [_ORD[m.group("bareyear").lower()]]
    if m.group("now"):
        return [1]
    if m.group("n") or m.group("nafter"):
        n = _ORD.get((m.group("n") or m.group("nafter")).lower()) or int(m.group("n") or m.group("nafter"))
        return list(range(last + 1, last + 1 + n))
    if m.group("first"):
        n = _ORD.get(m.group("first").lower()) or int(m.group("first"))
        return list(range(1, n + 1))
    return [_ORD.get(m.group("y").lower()) or int(m.group("y"))]


def _dated_steps(sentence: str, pcts: list[re.Match]) -> dict[int, int]:
    """{a percentage's start: how many years after the first dated one it takes effect}, for figures dated a year or
    more apart in order ("7 per cent from 1 July 2071 and a further 5 per cent from 1 July 2072"), or for one dated
    figure that a figure "a year later" follows; {} when the dates tell no such steps."""
    dated = [(p.start(), int(m.group("year"))) for p in pcts if (m := _DATED_STEP.match(sentence, p.end()))]
    years = [y for _, y in dated]
    if len(dated) == 1 and any(m.group("next") for m in _YEARS.finditer(sentence, dated[0][0])):
        return {dated[0][0]: 0}  # ("3% from 1 July 2071 and 2.5% a year later")
    if len(dated) < 2 or any(b <= a for a, b in zip(years, years[1:])):
        return {}
    return {start: year - years[0] for start, year in dated}


def _groups(sentence: str) -> list[re.Match]:
    """The groups of coordinated percentages; a list closed by "and" and then one more ("3.5%, 3% and 3%, and 8%
    more for health", "6%, then 5%, then 4.5%, and 30% of licensing fees") is two groups: the last one is another
    item."""
    out = []
    for g in _GROUP.finditer(sentence):
        pcts = list(_PCT.finditer(sentence, g.start(), g.end()))
        joins = [sentence[a.end():b.start()] for a, b in zip(pcts, pcts[1:])]
        if len(pcts) >= 4 and "and" in joins[-1] and (any("and" in j for j in joins[:-1]) or all(
                "then" in j for j in joins[:-1]) and "then" not in joins[-1]):  # ("6%, then 5%, then 4%, and 30%")
            out += [_PCT_RUN.match(sentence, g.start(), pcts[-2].end()),
                    _PCT_RUN.match(sentence, pcts[-1].start(), g.end())]
        else:
            out.append(g)
    return out


def _numerals(sentence: str) -> str:
    """The sentence with its percentages written in words as numerals, right-aligned in the words' place so that
    every offset holds ("a raise of two and a half percent" -> "a raise of            2.5 percent")."""
    def numeral(m: re.Match) -> str:
        value = number_value(m.group("n"))
        return m.group() if value is None else f"{value + (0.5 if m.group('half') else 0):g}".rjust(len(m.group()))
    return _SPELLED.sub(numeral, sentence)


#: A list of figures that one percent sign or word closes: "raises of 5, 4 and 3.5 percent".
_BARE_LIST = re.compile(rf"(?<![\d.,$])(?:{_NUM}(?:, and |, or |, | and | or ))+{_NUM} ?(?:%|percent\b|per cent\b)")
_BARE_JOIN = re.compile(rf"({_NUM})(, and |, or |, | and | or )")


def _bare_lists(sentence: str) -> str:
    """The sentence with each figure of such a list marked as a percentage in the place of the space or comma
    after it, so that every offset holds ("5, 4 and 3.5 percent" -> "5%,4%and 3.5 percent")."""
    def marked(m: re.Match) -> str:
        def mark(j: re.Match) -> str:
            join = j.group(2)
            return j.group(1) + ("%," + join[2:] if join.startswith(", ") else "%" + join[1:])
        word = re.search(r"([A-Za-z]+)\.?\s*$", sentence[max(0, m.start() - 12):m.start()])
        if any(float(n) > 100 for n in re.findall(_NUM, m.group())) or word is not None and (
                word.group(1).lower() in MONTHS or word.group(1).lower() in ("between", "local", "no")):
            return m.group()  # ("2063, 2064 and 5 percent": years; "between 3 and 4 percent": a range; "on March
            # 21 and 20% on April 24": a day)
        return _BARE_JOIN.sub(mark, m.group())
    return _BARE_LIST.sub(marked, sentence)


def find_terms(sentence: str, offset: int = 0, lexicon: Lexicon | None = None, *,
               offered: bool = False, before: str = "") -> list[TermMention]:
    """Percentages that are changes to pay or benefits, with the contract year each applies to (None where the
    sentence gives none). One stated percentage for two years ("5% in the second and third years") is two
    terms; two percentages for two years pair in order; a share ("95% of members", "50.3% voting") is none.
    `offered`: the sentence tells of an offer or demand, whatever its words ("the alliance answered with 4%");
    `before`: the text before the sentence, which may tell the contract's length ("... of a three-year deal. The
    studios offered 4% up front and 3% in each of the remaining years")."""
    change, share, former = _words(lexicon or load_lexicon())
    sentence = _bare_lists(_numerals(sentence))
    # (a percentage given for a contract year, or in a sentence about an offer, is a term without a pay word: "the
    # alliance countered with 4% in the first year and 3% in the second")
    changes = offered or bool(change.search(sentence))
    out: list[TermMention] = []
    last_year = 0
    last_end = 0  # where the last group of terms ended
    fronted = None  # a year phrase set off before the next group ("and, in the final year, 3.5%")
    after_one = False  # that group was one percentage with its year phrase ("7% up front")
    steps = _dated_steps(sentence, list(_PCT.finditer(sentence)))
    first_step = None  # the contract year of the first figure dated as a step
    single_before = False  # the group before was one figure with no year
    for g in _groups(sentence):
        pcts = [(float(p.group(1)), p.start(), p.end()) for p in _PCT.finditer(g.group())
                if not share.match(sentence[g.start() + p.end():])
                and not former.search(sentence[max(0, g.start() + p.start() - 16):g.start() + p.start()])
                and not _STANDING.match(sentence, g.start() + p.end())]
        if not pcts:
            continue
        # the year phrase that belongs to this group comes after it and before the next percentage
        nxt = _PCT.search(sentence, g.end())
        window = sentence[g.end(): nxt.start() if nxt else len(sentence)]
        ym = _YEARS.search(window)
        ahead = ym if ym is not None and nxt is not None and _FRONTED_YEAR.fullmatch(window[:ym.start()]) \
            and window[ym.end():].strip() == "," else None
        # "4.5% and, IN THE FINAL YEAR, 3.5%": a year set off before the next figure is that figure's
        ym, fronted = (None if ahead else ym) if fronted is None else fronted, ahead
        years = _years(ym, last_year, len(pcts), sentence, before) if ym else []
        if not changes and not years:
            continue
        if not years and len(pcts) == 1 and (told := _YEAR_BEFORE.search(sentence, max(0, g.start() - 48),
                                                                          g.start())):
            years = [_ORD[told.group(1).lower()]]  # "lowered its first-year demand to 8%"
        if not years and len(pcts) == 1 and last_year and (counted := _COUNT_BEFORE.search(
                sentence, max(0, g.start() - 60), g.start())):
            n = _ORD.get(counted.group(1).lower()) or int(counted.group(1))
            years = list(range(last_year + 1, last_year + 1 + n))
        if not years and ym is None and after_one and (_THEN.search(between := sentence[last_end:g.start()]) or
                                                        len(pcts) > 1 and _WITH.search(between)):
            # "7% up front, then 3% and 3%": the years after the one named just before
            years = list(range(last_year + 1, last_year + 1 + len(pcts)))
        if not years and pcts[0][1] + g.start() in steps and all(s + g.start() in steps for _, s, _ in pcts):
            first_step = last_year + 1 if first_step is None else first_step
            years = [first_step + steps[s + g.start()] for _, s, _ in pcts]  # "5% from 1 July 2071, 4% from ..."
        elif years and first_step is None and (at := pcts[0][1] + g.start()) in steps:
            first_step = years[0] - steps[at]  # ("6% upon ratification, 4.5% effective July 1, 2058, and ...")
        if not years and ym is None and len(pcts) >= _SERIES:
            years = list(range(1, len(pcts) + 1))  # "raises of 5%, 4.5% and 4%": a contract's years, in order
        if years and len(pcts) == 1 and len(years) > 1:
            pairs = [(pcts[0], y) for y in years]
        elif len(years) == 1 and len(pcts) > 1 and years[0] - len(pcts) == last_year:
            # "8% the first year, then 6%, then 5% in year three": the years up to the one named after the run
            pairs = list(zip(pcts, range(last_year + 1, years[0] + 1)))
        elif years and len(years) == len(pcts):
            pairs = list(zip(pcts, years))
        else:
            pairs = [(p, None) for p in pcts]
        if years and min(years) == 2 and out and out[-1].term.year is None and single_before \
                and _THEN_BY.search(sentence[last_end:g.start()]):
            # "up to 428 pounds, an increase of 3.9%, and then by 3% at the start of years two and three": year one
            out[-1] = TermMention(out[-1].start, out[-1].end, Term(out[-1].term.percent, 1))
        for (value, s, e), year in pairs:
            out.append(TermMention(offset + g.start() + s, offset + g.start() + e, Term(value, year)))
        if years:
            last_year = max(years)
        last_end, after_one = g.end(), ym is not None and len(pcts) == 1 and len(years) == 1
        single_before = len(pcts) == 1 and not years
    return out
