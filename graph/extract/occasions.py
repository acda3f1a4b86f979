"""Occasions a saying reports: the dated acts of its speaker told just before it."""
from __future__ import annotations

import datetime as dt

from .context import Context
from .events import frame_days
from .facts import Event
from .frame_types import Frame
from .index import sentences
from .syntax import logical_subjects
from .temporal import future


def occasions_of_frames(ctx: Context, frames: list[Frame], sentence_index: dict[int, int]):
    """(sentence index, actors, day, sentence span) of every event frame that names one day."""
    out: dict[int, list] = {}
    for f in frames:
        if f.hedge or f.cls[0].islower():
            continue
        days, _ = frame_days(ctx, f)
        if len(days) == 1:
            actors = {x.actor for fs in f.roles.values() for x in fs}
            i = sentence_index.get(f.sent_start, 0)
            out.setdefault(i, []).append((i, actors, days, (f.sent_start, f.sent_end)))
    return out


def scene_of(ctx: Context, index: int, who: set) -> tuple[tuple, tuple[int, int] | None]:
    """The one day of the sentence just before (or this one, or up to two more before, while they name no day)
    whose main clause has the speaker as its subject: the scene news sets before a quote ("Hadley sounded more
    measured on Wednesday. '...,' he said"; "On the company's earnings call Thursday, Hallam walked analysts
    through the offer. Solstice is one of the alliance's members. '...,' Hallam said")."""
    sents = sentences(ctx.doc)
    before = index - 1  # the sentence before the quote: a quote of several sentences opens further back
    while before > 0 and ctx.quotes.inside(sents[before].start_char + 1):
        before -= 1
    for i in (index, before, before - 1, before - 2):
        if i < 0:
            continue
        sent = sents[i]
        root = sent.root
        if root.pos_ not in ("VERB", "AUX") or future(root):  # ("will address members on Friday")
            continue
        doers = {m.actor for t in logical_subjects(root) for m in [ctx.linked.at_token(t.i)] if m is not None}
        if not doers & who:
            if i <= before and any(sent.start_char <= d < sent.end_char for d in ctx.dates):
                break  # (a day of another scene between)
            continue
        # the main clause's own dates: not those of what it reports, or of a clause about someone
        inner = {t.i for c in root.children if c.dep_ in ("ccomp", "advcl", "xcomp", "csubj", "conj")
                 for t in c.subtree}
        inner |= {t.i for t in sent if t.dep_ in ("relcl", "acl") for t in t.subtree}
        days = set()
        for start in ctx.dates:
            if sent.start_char <= start < sent.end_char and ctx.date_kind(start) not in ("year", "month", None):
                tok = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
                found = ctx.days(start)
                if tok is not None and tok[0].i not in inner and len(found) == 1:
                    days.add(found[0])
        if len(days) == 1 and (ctx.anchor is None or min(days) <= ctx.today(sent.start_char)):
            return tuple(days), (sent.start_char, sent.end_char)
    return (), None


def event_of(ctx: Context, events: list[Event], index: int, who: set) -> tuple[tuple, tuple[int, int] | None]:
    """The day of the event told last, as done, by a frame of `who` in the sentence `index` or the three before,
    its day given there or elsewhere ("agreed to an extension. ... according to a joint statement from the guild")."""
    sents = sentences(ctx.doc)
    for i in range(index, max(index - 4, -1), -1):
        for f in reversed(ctx.frames_by_sentence.get(sents[i].start_char, ())):
            if f.hedge or f.future or f.name == "Statement" or not f.cls[0].isupper():
                continue
            at = ctx.doc[f.trigger].idx
            for ev in events:  # (the event's stated actors: "The agreement raises pay 5%" names none)
                stated = {k for r, keys in ev.roles.items() if r not in ev.inferred_roles for k in keys}
                if ev.kind == f.name and ev.date is not None and who & stated \
                        and not after_article(ctx, ev.date) and any(
                        not e.inferred and e.start <= at < e.end for e in ev.evidence):
                    return (ev.date,), (f.sent_start, f.sent_end)
    return (), None


def occasion_of(occasions, index: int, who: set) -> tuple[tuple, tuple[int, int] | None]:
    """The last occasion of `who` in the sentence `index` or the three before (`occasions` by sentence index)."""
    for i in range(index, index - 4, -1):
        for _, actors, days, span in occasions.get(i, ()):
            if actors & who:
                return days, span
    return (), None


def after_article(ctx: Context, day: dt.date) -> bool:
    return ctx.anchor is not None and day > ctx.anchor  # (what a saying reports is never after the saying)
