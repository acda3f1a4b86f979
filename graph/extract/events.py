"""Events: what the readers of each kind (strikes.py, bargaining.py, agreements.py, statements.py,
legal_actions.py) share to merge the frames of an article into one event per occasion: a frame's evidence, days,
issues and terms, the merging itself, and roles the text leaves unstated filled only as marked inferences."""
from __future__ import annotations

import datetime as dt
import re

from . import temporal
from .context import EMPLOYERS, Context
from .date_patterns import EFFECTIVE_BEFORE_RE, NUMBER_WORDS, RANGE_END_WORDS, WEEKDAY_NAME_RE, WEEKDAYS
from .facts import Event, Evidence
from .frame_types import Frame

CONFIDENCE = {"name": 0.85, "description": 0.75, "pronoun": 0.65, "trade": 0.7, "speaker": 0.7, "leader": 0.6,
              "pair": 0.6}
VAGUE = {"recently"}  # words that place nothing: a remark so dated joins the occasion told of


def frame_evidence(ctx: Context, f: Frame, role: str | None = None) -> Evidence:
    fillers = [x for r, fs in f.roles.items() if role is None or r == role for x in fs]
    conf = min((CONFIDENCE.get(x.how, 0.7) for x in fillers), default=0.6)
    label = ctx.date_label(f.sent_start) if not f.dates else None  # (a timeline entry's day dates it: "May 11: ...")
    return ctx.evidence(label[0] if label else f.sent_start, f.sent_end, f.rule, conf)


def add_evidence(ev: Event, e: Evidence) -> None:
    """`e` unless the event has evidence of that sentence by that rule."""
    if not ev.evidence_keys or ev.evidence_keys[0] != len(ev.evidence):  # made anew after others changed it
        ev.evidence_keys[:] = [len(ev.evidence), {(x.start, x.extractor) for x in ev.evidence}]
    if (e.start, e.extractor) not in ev.evidence_keys[1]:
        ev.evidence.append(e)
        ev.evidence_keys[1].add((e.start, e.extractor))
        ev.evidence_keys[0] += 1


def _in_past_participle(ctx: Context, d) -> bool:
    """A date in a past participle's clause on a noun ("the agreement, REACHED on Wednesday, runs three years"): of
    the past, whatever the sentence's present tells."""
    span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
    gov = span.root.head if span is not None else None
    gov = gov.head if gov is not None and gov.dep_ == "prep" else gov
    return gov is not None and gov.tag_ == "VBN" and gov.dep_ in ("acl", "relcl")


def _weekday_ahead(ctx: Context, d, days: tuple, today) -> bool:
    """Whether a weekday of a clause about what is ahead names the coming one ("will meet Friday"), not one told as
    past ("last Friday", "the agreement, reached on Wednesday, ...")."""
    return today is not None and len(days) == 1 and ctx.date_kind(d.start) == "weekday" and not re.match(
        r"(?i)(last|past|earlier)\b", ctx.date_text(d.start) or "") and not _in_past_participle(ctx, d)


def _weekday_fits(ctx: Context, d, days: tuple) -> bool:
    """A day written with its weekday, which its year gives ("a meeting has been arranged for Thursday 24 May" in a
    May article): no other year is read for it."""
    told = WEEKDAY_NAME_RE.search(ctx.date_text(d.start) or "")
    return told is not None and len(days) == 1 and WEEKDAYS[told.group(0).lower()] == days[0].weekday()


def _effective(ctx: Context, d) -> bool:
    """A day an act takes effect on: "voted Monday to end the strike EFFECTIVE 12:01 a.m. Tuesday"."""
    return EFFECTIVE_BEFORE_RE.search(ctx.text, max(0, d.start - 40), d.start) is not None


def _decision_day(ctx: Context, f: Frame, effective, today: dt.date | None) -> dt.date | None:
    """The day of the decision, which the day it takes effect is not before: the one day the frame's other dates
    give, else the story's day, unless the decision is told as before another past ("HAD voted to call the strike,
    effective Tuesday")."""
    days = {day for o in f.dates if o.start != effective.start for day in ctx.days(o.start)}
    if len(days) == 1:
        return days.pop()
    verb = ctx.doc[f.verb] if f.verb is not None and f.verb >= 0 else ctx.doc[f.trigger]
    earlier = any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for v in (verb, *verb.ancestors) for c in v.children)
    return None if days or earlier else today


def _on_relative_of(ctx: Context, d, f: Frame) -> bool:
    """A date in a relative clause on the trigger, which tells the noun's own past ("ratify the agreement THAT THEIR
    NEGOTIATORS CLOSED LAST MONTH, the union announced Tuesday"), not when this act was done."""
    span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
    return span is not None and any(a.dep_ == "relcl" and a.head.i == f.trigger for a in span.root.ancestors)


def _last_years(ctx: Context, d, days: tuple, today: dt.date | None) -> bool:
    """Whether a day written without its year was read as one before the story's day, and not after "since": of
    a clause about what is ahead, it is the coming one."""
    return today is not None and len(days) == 1 and days[0] < today and ctx.date_kind(d.start) == "absolute" \
        and not _YEAR.search(ctx.date_text(d.start) or "") and not _since(ctx, d)


def _since(ctx: Context, d) -> bool:
    """A date after "since": a time past, whatever the sentence's tense."""
    span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
    return span is not None and span.root.dep_ == "pobj" and span.root.head.lower_ == "since"


def _names_a_noun(ctx: Context, d) -> bool:
    """A date that modifies a noun ("the 2057 agreements", "its March offer") rather than telling a time."""
    span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("compound", "nummod", "amod", "nmod", "poss")


def frame_days(ctx: Context, f: Frame, aspect: str | None = "any") -> tuple[tuple[dt.date, ...], str | None]:
    """The days the frame's nearest attached date names, and that date's words (to tell apart occasions whose
    day the article cannot resolve: "Friday (August 11)" and "last Friday (August 4)")."""
    for d in f.dates:
        if aspect != "any" and d.aspect != aspect:
            continue
        if ctx.date_kind(d.start) in ("year", "month", None) or d.start in ctx.wire_starts:
            continue
        days = ctx.days(d.start)
        today = ctx.today(f.sent_start)
        if _effective(ctx, d) and (decided := _decision_day(ctx, f, d, today)) and len(days) == 1 \
                and days[0] < decided:
            days = (temporal.ahead(days[0], decided),)  # "voted MONDAY to end the strike effective Tuesday"
        elif (f.future or f.scheduled) and _weekday_ahead(ctx, d, days, today):
            days = (temporal.ahead(days[0], today),)
        elif f.future and _last_years(ctx, d, days, today):
            # "talks are scheduled to begin May 11" in a March article: the coming May 11, not last year's (but
            # "the first sessions SINCE Aug. 21" looks back)
            days = (_year_after(days[0]),)
        elif f.name == "Statement" and today is not None and days and all(day > today for day in days) \
                and not _YEAR.search(ctx.date_text(d.start) or ""):
            continue  # "said he had rent due Aug. 1": a day ahead is of what is said, not of the saying
        elif _told_as_past(ctx, f) and days and all(day > today for day in days) \
                and not _YEAR.search(ctx.date_text(d.start) or "") and not _weekday_fits(ctx, d, days):
            # "the Writers Guild STRUCK the AMPTP from May 2" in an April article: last year's May 2
            days = tuple(_year_before(day) for day in days)
        return days, re.sub(r"\W+", " ", (ctx.date_text(d.start) or "").lower()).strip()
    if (label := ctx.date_label(f.sent_start)) is not None:  # (no day of its own: "the 12th day of talks")
        return (label[1],), re.sub(r"\W+", " ", (ctx.date_text(label[0]) or "").lower()).strip()  # ("May 11: ...")
    vague = any(ctx.date_kind(d.start) in ("year", "month", None) and d.start not in ctx.wire_starts
                and not _names_a_noun(ctx, d) and not _on_relative_of(ctx, d, f) for d in f.dates)
    vague = vague or any(c.lower_ in ("twice", "repeatedly") or c.lemma_ == "time" and c.dep_ == "npadvmod"
                         for k in ctx.doc[f.trigger].children for c in (k, *k.children))
    # (a strike named by a noun in what is said is not started by the saying: "'the writers' strike hurt us,' she
    # said Monday")
    told_strike = f.name == "Strike" and ctx.doc[f.trigger].pos_ in ("NOUN", "PROPN")
    if aspect in ("any", None) and f.reported and not f.future and not vague and not told_strike:  # (not "said
        # Monday it had met with the guild TWICE, in March": a time of its own, if no day, or more than one)
        # "said Thursday it had reached a deal": reported as announced on a day, it takes that day (not "said
        # Thursday it will begin talks": what is ahead happens on no day the saying names)
        reported = Frame(f.name, f.cls, f.trigger, f.text, f.sent_start, f.sent_end, {}, dates=f.reported)
        return frame_days(ctx, reported, aspect)
    if aspect in ("any", None):
        return counted_from_main(ctx, f)
    return (), None


_SPAN_DAYS = {"day": 1, "week": 7}


def counted_from_main(ctx: Context, f: Frame) -> tuple[tuple[dt.date, ...], str | None]:
    """A clause placed so many days before or after the day of the clause it hangs on: "reached a deal on June 25,
    A DAY AFTER negotiators came back to the table" (the session, June 24)."""
    verb = ctx.doc[f.verb] if f.verb >= 0 else None
    if verb is None or verb.dep_ != "advcl":
        return (), None
    mark = next((c for c in verb.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None)
    span = next((c for c in verb.children if c.dep_ == "npadvmod" and c.lemma_.lower() in _SPAN_DAYS), None)
    if mark is None or span is None or span.i > mark.i:
        return (), None
    count = next((c for c in span.children if c.dep_ in ("nummod", "det")), None)
    n = None if count is None else int(count.text) if count.text.isdigit() else NUMBER_WORDS.get(count.lower_)
    if n is None:
        return (), None
    head = verb.head
    for d in temporal.attached(ctx.doc, head, head, ctx.doc._.date_spans, frozenset(), frozenset()):
        days = ctx.days(d.start)
        if len(days) == 1 and ctx.date_kind(d.start) not in ("year", "month", None):
            shift = dt.timedelta(days=n * _SPAN_DAYS[span.lemma_.lower()])
            day = days[0] - shift if mark.lower_ == "after" else days[0] + shift
            return (day,), f"{n} {span.lemma_.lower()} {mark.lower_} {ctx.date_text(d.start) or ''}".lower()
    return (), None


def _told_as_past(ctx: Context, f: Frame) -> bool:
    """A frame told in the past tense, in an article with a date."""
    verb = ctx.doc[f.verb] if f.verb >= 0 else None
    return ctx.anchor is not None and not f.future and verb is not None and verb.tag_ in ("VBD", "VBN") \
        and verb.lemma_.lower() not in temporal.PLANNING  # ("talks have been SCHEDULED for Aug. 21")


def _year_after(day: dt.date) -> dt.date:
    return day.replace(year=day.year + 1) if (day.month, day.day) != (2, 29) else day.replace(year=day.year + 1,
                                                                                              day=28)


def _year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1) if (day.month, day.day) != (2, 29) else day.replace(year=day.year - 1,
                                                                                              day=28)


_YEAR = re.compile(r"(?<!\bsince )(?<!\buntil )(?<!\bbefore )(?<!\bthan )(?<!\bfrom )\b(?:19|20)\d\d\b", re.I)


def of_another_year(ctx: Context, texts) -> bool:
    """Whether the texts place what they tell in years, none the article's own ("in 1987", "the 2020 contract")."""
    years = {int(y) for text in texts for y in _YEAR.findall(text)}
    return bool(years) and (ctx.anchor is None or ctx.anchor.year not in years)


def possessed_by_date(ctx: Context, f: Frame) -> bool:
    tok = ctx.doc[f.trigger]
    return any(c.dep_ == "poss" and c.ent_type_ == "DATE" for c in tok.children)


def determiner(ctx: Context, f: Frame) -> str:
    tok = ctx.doc[f.trigger]
    det = next((c for c in tok.children if c.dep_ in ("det", "poss")), None)
    return det.lower_ if det is not None else ""


def merge_by_day(found: list[tuple[tuple, str | None, Event]], apart=None) -> list[Event]:
    """Mentions naming the same day (or the same day words) are one event; undated ones and vague ones ("earlier
    this week") join the article's only dated one, else become one event. `apart(a, b)`: whether two events
    cannot be one whatever their days (another guild's talks)."""
    groups: dict[object, Event] = {}
    vague: list[Event] = []
    for days, phrase, ev in found:
        if days:
            key = days
        elif phrase and phrase not in VAGUE:
            key = phrase
        else:
            vague.append(ev)
            continue
        if key in groups:
            absorb(groups[key], ev)
        else:
            groups[key] = ev
    weekdays = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    for key in [k for k in groups if isinstance(k, str)]:  # "this Friday" and "Friday, August 4": one day
        wd = next((i for i, name in enumerate(weekdays) if name in key), None)
        dated = [k for k in groups if isinstance(k, tuple) and len(k) == 1 and isinstance(k[0], dt.date)
                 and k[0].weekday() == wd]
        if wd is not None and len(dated) == 1:
            absorb(groups[dated[0]], groups.pop(key))
    if vague:
        if not groups:
            groups[("undated",)] = vague.pop(0)
        if len(groups) == 1:  # with several dated ones, an undated mention is one of them: nothing new
            target = next(iter(groups.values()))
            others = []
            for ev in vague:
                if apart is not None and apart(target, ev):
                    others.append(ev)
                else:
                    absorb(target, ev)
            if others:
                groups[("undated", "apart")] = others[0]
                for ev in others[1:]:
                    absorb(others[0], ev)
    return list(groups.values())


def absorb(into: Event, ev: Event) -> None:
    for role, keys in ev.roles.items():
        have = into.roles.setdefault(role, [])
        have += [k for k in keys if k not in have]
        if role not in ev.inferred_roles:
            into.inferred_roles.discard(role)
    for e in ev.evidence:
        add_evidence(into, e)
    into.issues |= ev.issues
    into.terms += [t for t in ev.terms if t not in into.terms]
    into.quote = into.quote or ev.quote
    into.date = into.date or ev.date


def infer_role(ctx: Context, ev: Event, role: str, actor: str) -> None:
    """`actor` in `role` of `ev`, marked inferred, with the evidence that says where it was read from."""
    ev.roles.setdefault(role, []).append(actor)
    ev.inferred_roles.add(role)
    ev.evidence.append(ctx.inferred_evidence(actor, role))


def address_counterpart(ctx: Context, ev: Event, who: str) -> None:
    """A proposal that names no addressee is made to the other side of the table (inferred)."""
    # (the side it meets in the proposal's own sentence first: "sat down with Sony on Monday and asked for ...")
    to = next((x for e in ev.evidence[:1] for x in [ctx.faced_in_sentence(who, e.start)] if x), None) \
        or ctx.counterpart(who)
    if to is not None:
        infer_role(ctx, ev, "proposedTo", to)


def day_items(ctx: Context, f: Frame) -> list[object]:
    """The days of the frame's date: "offers on Aug. 17th and 18th" are two offers, even when no year says
    which days they are."""
    for d in f.dates:
        if d.aspect == temporal.OTHER:
            continue
        days = ctx.days(d.start)
        if ctx.date_kind(d.start) in ("year", "month", None) or ctx.date_kind(d.start) == "relative" and not days:
            continue  # ("today", "yesterday", "this afternoon" are days; "earlier this week" is none)
        # (or a meeting told in the present: "the two sides MEET again Tuesday and Thursday"; not "PUT forward",
        # whose present the tagger may read in a past)
        ahead = f.future or f.scheduled and f.name == "NegotiationSession"
        if ahead and _weekday_ahead(ctx, d, days, today := ctx.today(f.sent_start)):
            days = (temporal.ahead(days[0], today),)  # "will present its demands on Friday": the coming Friday
        if days:
            others = [(ctx.days(o.start), o) for o in _coordinated_dates(ctx, f, d)]
            others = [(temporal.ahead(x[0], today),) if ahead and _weekday_ahead(ctx, o, x, today) else x
                      for x, o in others]  # ("are due back Wednesday and THURSDAY": both ahead)
            return list(days) + [day for x in others for day in x if day not in days]
        text = ctx.date_text(d.start) or ""
        n = max(1, len(re.findall(r"\b\d{1,2}(?:st|nd|rd|th)?\b", text)))
        return [f"{text}#{i}" for i in range(n)]
    label = ctx.date_label(f.sent_start) if not f.dates else None
    return [label[1]] if label is not None else []  # (a timeline entry's day: "May 15: The union lays out ...")


# ("Jan. 2 to Jan. 5", "resume Wednesday AND RUN THROUGH Friday")
_RANGE_GLUE = re.compile(rf",?\s*(?:[-\u2013\u2014]|(?:and\s+(?:run|continue|last|go)s?\s+)?"
                         rf"\b(?:{'|'.join(sorted(RANGE_END_WORDS))})\b)\s*(?:on\s+)?", re.I)
_LONGEST_RUN = 14  # days: a longer span is a period of talks, not a session a day


def range_days(ctx: Context, f: Frame) -> list[dt.date]:
    """Every day of the spans of days a frame names ("will sit down Jan. 2 to Jan. 5, then again from Monday, Jan. 8,
    through Thursday, Jan. 11"): a session a day; a written day ahead in a clause about what is ahead is the coming
    one."""
    today = ctx.today(f.sent_start)

    def day(d) -> dt.date | None:
        days = ctx.days(d.start)
        if (f.future or f.scheduled) and _weekday_ahead(ctx, d, days, today):
            return temporal.ahead(days[0], today)  # ("talks resume Wednesday and run through Friday")
        if len(days) != 1 or ctx.date_kind(d.start) not in ("absolute", "weekday"):
            return None
        return _year_after(days[0]) if (f.future or f.scheduled) and _last_years(ctx, d, days, today) else days[0]
    dates = list(f.dates)
    if dates:  # the span's end on a verb of its own: "resume Wednesday AND RUN THROUGH Friday"
        spans = ctx.doc._.date_spans.in_chars(dates[-1].end, f.sent_end)
        after = [temporal.DateRef(s, e, None) for s, e, _, _ in spans]
        dates += [b for b in after[:1] if _RANGE_GLUE.fullmatch(ctx.text, dates[-1].end, b.start)
                  and re.match(r"(?i),?\s*and\b", ctx.text[dates[-1].end:b.start])]
    out: list[dt.date] = []
    for a, b in zip(dates, dates[1:]):
        first, last = day(a), day(b)
        if first is not None and last is not None and last < first and ctx.date_kind(b.start) == "weekday":
            last = temporal.ahead(last, first)  # (each weekday read ahead of the article's day: the end, of the first)
        if first is not None and last is not None and _RANGE_GLUE.fullmatch(ctx.text, a.end, b.start) \
                and 0 < (last - first).days <= _LONGEST_RUN:
            out += [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]
    return sorted(set(out))


def _coordinated_dates(ctx: Context, f: Frame, first) -> list:
    """The frame's other dates coordinated with its first: "met Monday, Tuesday and Thursday"."""
    def root(d):
        span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
        return span.root if span is not None else None

    head = root(first)
    out = []
    for d in f.dates:
        r = root(d)
        if d is first or r is None or head is None or d.aspect == temporal.OTHER or len(ctx.days(d.start)) != 1:
            continue
        before = [t.lower_ for t in ctx.doc[max(r.left_edge.i - 2, 0):r.left_edge.i]]
        if before[-1:] == ["again"] or before == ["again", "on"]:
            out.append(d)  # "met Tuesday and AGAIN Wednesday morning": two meetings
            continue
        node = r
        # a bare apposition lists ("Monday, Tuesday and Thursday"); one with a determiner or a phrase restates
        # ("Sept. 5, the Friday before the walkout")
        while node.head.i != node.i and node.i != head.i and (node.dep_ == "conj" or node.dep_ == "appos" and not any(
                c.dep_ in ("det", "prep", "amod", "relcl") for c in node.children)):
            node = node.head
        if node.i == head.i:
            out.append(d)
    return out


def employer_side(ctx: Context, keys: list[str]) -> list[str]:
    return [k for k in keys if ctx.type_of(k) in EMPLOYERS]
