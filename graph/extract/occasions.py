"""Occasions a saying reports: the dated acts of its speaker told just before it."""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Span

from .context import Context
from .doc import heading_spans
from .events import frame_days
from .facts import Event, Evidence
from .frame_types import POSITION, Frame
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
        if len(days) == 1 and not after_article(ctx, days[0]):  # (a session still to come is no scene of a saying)
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
        doers = {m.actor for t in logical_subjects(root) for m in [_named_body(ctx, t)] if m is not None}
        if not doers & who:
            if i <= before and ctx.date_starts(sent.start_char, sent.end_char):
                break  # (a day of another scene between)
            continue
        days = _main_clause_days(ctx, sent)
        if len(days) == 1 and (ctx.anchor is None or min(days) <= ctx.today(sent.start_char)):
            return tuple(days), (sent.start_char, sent.end_char)
    return (), None


def _named_body(ctx: Context, tok):
    """The mention a subject names: its own, or its owner's for a body noun ("the WGA's negotiating COMMITTEE",
    "members of SAG-AFTRA")."""
    m = ctx.linked.at_token(tok.i)
    if m is not None or tok.lemma_.lower() not in ctx.lexicon.body_nouns:
        return m
    owners = [c for c in tok.children if c.dep_ == "poss"] + [
        o for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    return next((ctx.linked.at_token(o.i) for o in owners if ctx.linked.at_token(o.i) is not None), None)


def _main_clause_days(ctx: Context, sent) -> set[dt.date]:
    """The days of the sentence's main clause: not those of what it reports, or of a clause about someone."""
    root = sent.root
    # (a verb joined to the root that shares its subject is the main clause too: "set down their headphones and
    # WALKED OUT on Thursday")
    inner = {t.i for c in root.children if c.dep_ in ("ccomp", "advcl", "xcomp", "csubj") or c.dep_ == "conj" and any(
        s.dep_ in ("nsubj", "nsubjpass") for s in c.children) for t in c.subtree}
    inner |= {t.i for t in sent if t.dep_ in ("relcl", "acl") for t in t.subtree}
    days = set()
    for start in ctx.date_starts(sent.start_char, sent.end_char):
        if ctx.date_kind(start) not in ("year", "month", None):
            tok = ctx.doc.char_span(start, start + 1, alignment_mode="expand")
            found = ctx.days(start)
            if tok is not None and tok[0].i not in inner and len(found) == 1:
                days.add(found[0])
    return days


class DatedEvents:
    """The events that have a day, found by a character their stated evidence covers (a long article has
    thousands, and every undated saying looks back at a few sentences)."""

    def __init__(self, events: list[Event]):
        spans = [(e.start, e.end, n, ev) for n, ev in enumerate(events) if ev.date is not None
                 for e in ev.evidence if not e.inferred]
        self._spans = sorted(spans, key=lambda x: x[0])
        self._starts = [x[0] for x in self._spans]
        self._longest = max((end - start for start, end, _, _ in spans), default=0)

    def covering(self, char: int) -> list[Event]:
        """The events whose stated evidence covers `char`, in the order they were found."""
        lo, hi = bisect_left(self._starts, char - self._longest), bisect_right(self._starts, char)
        found = {n: ev for start, end, n, ev in self._spans[lo:hi] if start <= char < end}
        return [found[n] for n in sorted(found)]


def event_of(ctx: Context, dated: DatedEvents, index: int, who: set) -> tuple[tuple, tuple[int, int] | None]:
    """The day of the event told last, as done, by a frame of `who` in the sentence `index` or the three before,
    its day given there or elsewhere ("agreed to an extension. ... according to a joint statement from the guild")."""
    sents = sentences(ctx.doc)
    later = None  # the last day told between, of another scene
    for i in range(index, max(index - 4, -1), -1):
        for f in reversed(ctx.frames_by_sentence.get(sents[i].start_char, ())):
            if f.hedge or f.future or f.name == "Statement" or not f.cls[0].isupper():
                continue
            for ev in dated.covering(ctx.doc[f.trigger].idx):
                # (the event's stated actors: "The agreement raises pay 5%" names none; its day stated, not
                # inferred from the opening of talks or a package)
                stated = {k for r, keys in ev.roles.items() if r not in ev.inferred_roles for k in keys}
                if ev.kind == f.name and who & stated and not after_article(ctx, ev.date) and not any(
                        e.inferred and e.extractor.startswith("inferred:date") for e in ev.evidence):
                    return ((ev.date,), (f.sent_start, f.sent_end)) if later is None or ev.date >= later \
                        else ((), None)
        told = [d for s in ctx.date_starts(sents[i].start_char, sents[i].end_char) for d in ctx.days(s)]
        if i < index and told:
            later = max([later or dt.date.min, *told])
    return (), None


def occasion_of(occasions, index: int, who: set) -> tuple[tuple, tuple[int, int] | None]:
    """The last occasion of `who` in the sentence `index` or the three before (`occasions` by sentence index)."""
    later = None  # the last day of another side's act told between ("At a Nov. 18 session the AMPTP countered")
    for i in range(index, index - 4, -1):
        for _, actors, days, span in occasions.get(i, ()):
            if actors & who:
                return (days, span) if later is None or min(days) >= later else ((), None)
        if i < index:
            later = max([later or dt.date.min, *(min(days) for _, _, days, _ in occasions.get(i, ()))]) \
                if occasions.get(i) else later
    return (), None


def after_article(ctx: Context, day: dt.date) -> bool:
    return ctx.anchor is not None and day > ctx.anchor  # (what a saying reports is never after the saying)


def day_of_strike(ctx: Context, verb, events: list[Event], spec: dict,
                  sides: set[str]) -> tuple[tuple, Evidence] | None:
    """"Told reporters ON THE FIRST DAY OF THE STRIKE", "on the third day of the walkout": the start of the strike
    meant, and the days after it. The strike meant is of the strikers the phrase names, else of the speaker's
    side, else the one told last before the saying."""
    ordinals = {w: n for n, w in enumerate(spec.get("ordinals", ()))}
    strike = ctx.lexicon.frames["Strike"]
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "on"):
        day = next((p for p in prep.children if p.dep_ == "pobj" and p.lemma_ == "day"), None)
        rank = next((ordinals[a.lower_] for a in day.children if a.lower_ in ordinals), None) if day else None
        of = next((p for p in day.children if p.dep_ == "prep" and p.lower_ == "of"), None) if day else None
        noun = next((p for p in of.children if p.dep_ == "pobj"), None) if of is not None and rank is not None \
            else None
        g = next((g for g in ctx.frames_by_sentence.get(verb.sent.start_char, ()) if noun is not None
                  and g.name == "Strike" and g.trigger == noun.i and g.cls == strike.cls), None)
        if g is None:
            continue
        named = {x.actor for fs in g.roles.values() for x in fs}
        strikes = [ev for ev in events if ev.kind == "Strike" and ev.evidence and (not named or named & set(ev.actors))]
        strikes = [ev for ev in strikes if sides & set(ev.actors)] or strikes
        strikes = [ev for ev in strikes if ev.start is not None]  # (the side's strike of no known day: none)
        # the strike told last before the saying, where the article tells of several
        told = {ev.start: max((e.start for e in ev.evidence if e.start < verb.idx), default=-1) for ev in strikes}
        last = max(told.values(), default=-1)
        starts = {ev.start: ev for ev in strikes if len(told) == 1 or last >= 0 and told[ev.start] == last}
        if len(starts) == 1:
            start, ev = next(iter(starts.items()))
            source = dated_evidence(ctx, ev, start)
            return (start + dt.timedelta(days=rank),), ctx.evidence(source.start, source.end,
                                                                   "inferred:date:occasion", 0.5, inferred=True)
    return None


def dated_evidence(ctx: Context, ev: Event, day: dt.date) -> Evidence:
    """The event's sentence that names `day` (else its first): what the occasion's day is inferred from."""
    for e in ev.evidence:
        if not e.inferred and any(ctx.days(s) == (day,) for s in ctx.date_starts(e.start, e.end)):
            return e
    return ev.evidence[0]


def report_day(ctx: Context, who: set[str]) -> tuple[tuple, tuple[int, int] | None]:
    """The day of a company's results in a story about them (speech.yaml `report_words` in the sentence that opens
    it, whose subject is the company), for a saying of the company or its officers that names no day: the one day
    that sentence gives, else the story's day."""
    company = ctx.story_company
    # (its officers: by a title that names it, or a bare one, "Chief Financial Officer X", which is the story's)
    bare = {f.roles["holder"][0].actor for f in ctx.frames if f.name == POSITION and f.roles.get("holder")
            and not f.roles.get("organization")}
    if company is None or company not in who and not who & bare or ctx.anchor is None:
        return (), None
    words = frozenset(ctx.lexicon.speech.get("report_words", ()))
    lede = ctx.lede
    if lede is None or not any(t.lemma_.lower() in words for t in lede):
        return (), None
    days = ctx.past_days(lede.start_char, lede.end_char)
    return (tuple(days) if len(days) == 1 else (ctx.anchor,)), (lede.start_char, lede.end_char)


def lede_scene(ctx: Context, index: int) -> tuple[tuple, tuple[int, int] | None]:
    """The day a report's opening sentence sets its scene on, within the week before the article ("The picket
    signs went back up before sunrise Thursday", "Several thousand crew members packed Olive Avenue on Saturday"):
    the occasion of a saying that names none, while no other day is told in its sentence or the two before."""
    sents = sentences(ctx.doc)
    if "guildgraph_lede" not in ctx.doc.user_data:  # (found once for all the article's sayings)
        ctx.doc.user_data["guildgraph_lede"] = _lede_day(ctx, sents)
    lede, days = ctx.doc.user_data["guildgraph_lede"]
    if lede is None:
        return (), None
    near = ctx.past_days(sents[max(0, index - 2)].start_char, sents[index].end_char)
    if near - days or sents.at_char(lede.start_char) >= index:  # (another scene told nearer)
        return (), None
    return tuple(days), (lede.start_char, lede.end_char)


#: A time stamp, not a sentence: "PUBLISHED: May 15, 2066 at 5:48 p.m. | UPDATED: ..." (a clock time, few words).
_STAMP = re.compile(r"^\W*(?:\S+\s+){0,7}?\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?|AM|PM)\W*$", re.I)


def _lede_day(ctx: Context, sents) -> tuple[Span | None, set[dt.date]]:
    """The report's opening sentence, told in the past, and the one day of its main clause in the week before the
    article; (None, set()) where there is none."""
    headings = heading_spans(ctx.text)
    title_end = ctx.text.find("\n")  # (the first line is the headline; a byline ends with no full stop)
    lede = next((s for s in list(sents)[:10] if s.start_char > title_end and not any(
        a <= s.start_char < b for a, b in headings) and not ctx.quotes.inside(s.start_char + 1)
        and s.text.rstrip().endswith(".") and not _STAMP.search(s.text)), None)
    if lede is None or ctx.anchor is None or lede.root.tag_ != "VBD":
        return None, set()
    days = _main_clause_days(ctx, lede)
    if len(days) != 1 or not 0 <= (ctx.anchor - min(days)).days <= 7:
        return None, set()
    return lede, days


def occasion_noun(ctx: Context, f: Frame) -> tuple[tuple, Evidence] | None:
    """The day of the occasion a saying names by a noun ("said AFTER THE VOTE", "told THE CROWD", "said ON THE
    CALL", "in a statement issued with THE ANNOUNCEMENT"): the one day of the nearest sentence before that tells of
    the same occasion (speech.yaml `occasion_words`), as inferred evidence."""
    if f.verb < 0:
        return None
    verb = ctx.doc[f.verb]
    told = {t.i for c in verb.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree}
    groups = ctx.lexicon.speech.get("occasion_words", {})
    audiences = ctx.lexicon.speech.get("occasion_audiences", {})
    words = {w: g for g, ws in [*groups.items(), *audiences.items()] for w in ws}
    found = {words[t.lemma_.lower()] for t in verb.subtree if t.i not in told and t.dep_ in ("pobj", "dobj")
             and t.lemma_.lower() in words and not ctx.quotes.inside(t.idx)}
    if len(found) != 1:
        return None
    sents = sentences(ctx.doc)
    told_in = _occasion_sentences(ctx, found.pop())
    for i in reversed(told_in[:bisect_left(told_in, sents.at_token(f.verb))]):  # (a feature names the rally in its
        sent = sents[i]  # lede, quotes it late)
        # an occasion still to come ("are scheduled to meet again Feb. 10") is not the one a saying reports
        days = ctx.past_days(sent.start_char, sent.end_char)
        if len(days) == 1:
            return (days.pop(),), ctx.evidence(sent.start_char, sent.end_char, "inferred:date:occasion", 0.5,
                                            inferred=True)
        if days:
            return None
    return None


def _occasion_sentences(ctx: Context, group: str) -> list[int]:
    """The sentences that tell of an occasion of the group (speech.yaml `occasion_words`, as nouns, or as verbs of
    `occasion_verbs` not ahead), in order; found once per article."""
    key = ("occasion_sentences", group)
    if key not in ctx.cache:
        lemmas = set(ctx.lexicon.speech.get("occasion_words", {})[group])
        verbs = set(ctx.lexicon.speech.get("occasion_verbs", ())) & lemmas  # "voted Saturday", not "what it called"
        ctx.cache[key] = [i for i, sent in enumerate(sentences(ctx.doc)) if any(
            t.lemma_.lower() in lemmas and (t.pos_ == "NOUN" or t.lemma_.lower() in verbs and not future(t))
            for t in sent)]
    return ctx.cache[key]
