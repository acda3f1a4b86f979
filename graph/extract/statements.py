"""Statements: one per speaker and occasion, dated by their own day or by the occasion they report."""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .context import Context
from .events import VAGUE, absorb, frame_days, frame_evidence
from .facts import Event, Evidence
from .frame_types import Frame
from .index import sentences
from .occasions import (
    DatedEvents,
    after_article,
    dated_evidence,
    day_of_strike,
    event_of,
    lede_scene,
    occasion_noun,
    occasion_of,
    occasions_of_frames,
    report_day,
    scene_of,
)
from .temporal import ahead as temporal_ahead
from .temporal import future
from .transcripts import transcript_turns

_BOUNDS = {"since", "until", "till", "by", "before", "after", "through", "from", "to"}
_THAT_DAY = re.compile(r"(?i)\b(?:that|the same)\s+(?:day|night|evening|morning|afternoon)\b|\blater that day\b")


def statements(ctx: Context, frames: list[Frame], journalists: set[str], leaders: dict[str, str],
               events: list[Event] = ()) -> list[Event]:
    """One statement per speaker and occasion: a quoted person's words are that person's statement, titled or not
    (an official, a rank-and-file member); a journalist reports, he does not state."""
    found: list[tuple[str, tuple, str | None, Event, int, bool]] = []
    recent: list[tuple[int, str]] = []  # (sentence start, speaker) of the statements so far
    message_verbs = set(ctx.lexicon.speech["message_verbs"])
    continuing = set(ctx.lexicon.speech.get("continuing", ()))
    sentence_index = {s.start_char: i for i, s in enumerate(ctx.doc.sents)}
    occasions = occasions_of_frames(ctx, frames, sentence_index)
    dated_events = DatedEvents(events)
    for f in frames:
        if f.name != "Statement" or f.hedge:
            continue
        speakers = [x for x in f.actors("statedBy") if x not in journalists]
        tok = ctx.doc[f.trigger]
        if not speakers and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "nsubj" \
                and tok.head.lemma_ in message_verbs:
            # "the memo reads": the message of whoever spoke last, in this sentence or the three before
            # (frames come in text order: the last statement is the nearest one)
            speakers = [recent[-1][1]] if recent and f.sent_start - recent[-1][0] < 1200 else []
        speakers = [x for x in speakers if not _pledge_only(ctx, f, x, speakers, leaders)]
        if not speakers:
            continue
        if any(ctx.type_of(s) == "Person" for s in speakers) and f.text.lower() not in ("according to",):
            # '"...," SAG President Fran Drescher said': the person speaks, not the body in the title
            speakers = [s for s in speakers if ctx.type_of(s) == "Person"] or speakers
        index = sentence_index.get(f.sent_start, 0)
        days, phrase = frame_days(ctx, f)
        # the occasion the saying names ("told analysts ON THE CALL") before the day of what it reports
        named = occasion_noun(ctx, f) if not days and not phrase else None
        if not days and named is None:
            reported, _ = _occasion(ctx, f)
            days = reported or days
        if named is None and not days and not phrase:
            named = _named_occasion(ctx, f, events, leaders) or _speaker_occasion(ctx, f)
        if named is not None:
            days = named[0]
        earlier = _earlier_occasion(ctx, f) if not days and not phrase else None
        if not days and not phrase and not earlier:
            earlier = _own_occasion(ctx, f, index)
        for speaker in speakers:
            ev = Event("Statement", {"statedBy": [speaker]})
            when = days
            header = ctx.dateline(f.sent_start) if len(when) != 1 and (
                not earlier or isinstance(earlier, OwnOccasion)) else None
            if named is not None:
                ev.evidence.append(named[1])
            elif header is not None:
                # a live blog's item: the day of the update header above it
                when = (header[1],)
                line_end = ctx.text.find("\n", header[0])
                ev.evidence.append(ctx.evidence(header[0], line_end if line_end >= 0 else len(ctx.text),
                                                "inferred:date:dateline", 0.6, inferred=True))
            elif len(when) != 1 and not earlier:
                # the occasion it reports: the day of what the speaker (or their organisation) did just before
                who = {speaker, leaders.get(speaker)} - {None}
                who |= {w for k in list(who) if k in ctx.reference.actors for w in ctx.reference.actors[k].part_of}
                when, source = occasion_of(occasions, index, who)
                if not when:
                    when, source = scene_of(ctx, index, who)
                if not when:
                    when, source = _said_in_filing(ctx, f, who)
                if not when:
                    when, source = event_of(ctx, dated_events, index, who)
                    when = YieldingDays(when)
                if not when and ctx.type_of(speaker) == "Person":
                    when, source = lede_scene(ctx, index)  # (a rally's, a picket line's speakers)
                    when = YieldingDays(when)
                if not when:
                    when, source = report_day(ctx, who)  # (a company's, or its officers', on its results)
                    when = YieldingDays(when)
                if source is not None:
                    ev.evidence.append(ctx.evidence(source[0], source[1], "inferred:date:occasion", 0.5,
                                                    inferred=True))
            if not when and not phrase and (not earlier or isinstance(earlier, OwnOccasion)) and not f.dates \
                    and (stamp := ctx.update_stamp(f.sent_start)):  # (its own message too: "in a video message")
                when = (stamp[1],)  # a live story's item under a time stamp with no day: the story's day
                ev.evidence.append(ctx.sentence_evidence(stamp[0], "inferred:date:dateline", 0.5, inferred=True))
            if len(when) == 1:
                ev.date = when[0]
            ev.quote = _quote(ctx, f)
            ev.evidence.insert(0, frame_evidence(ctx, f, "statedBy"))
            found.append((speaker, when, earlier or (phrase if not when else None), ev, index,
                          tok.lemma_.lower() in continuing or _refers_back(ctx, tok)))
            recent.append((f.sent_start, speaker))
    found += _signed_posts(ctx) + transcript_turns(ctx, occasions, journalists)
    out: list[Event] = []
    by_speaker: dict[str, list] = {}
    for x in found:
        by_speaker.setdefault(x[0], []).append(x[1:])
    sents = sentences(ctx.doc)
    dated = {k for d in ctx.dates for k in [sents.at_char(d)] if k >= 0 and d < sents[k].end_char}
    for speaker, mine in by_speaker.items():
        out += _occasions_of_speaker(mine, dated if ctx.type_of(speaker) == "Person" else None)
    return out


def _signed_posts(ctx: Context) -> list[tuple[str, tuple, None, Event, int, bool]]:
    """An embedded post signed "— Writers Guild of America West (@WGAWest) May 2, 2023" (speech.yaml
    `post_signature`): a statement of the handle's actor on that day, its evidence the post's line."""
    pattern = ctx.lexicon.speech.get("post_signature")
    out = []
    for m in re.finditer(pattern, ctx.text, re.MULTILINE) if pattern else ():
        handle = ctx.doc.char_span(m.start("handle"), m.end("handle"), alignment_mode="expand")
        mention = ctx.linked.at_token(handle[0].i) if handle is not None else None
        if mention is None:
            continue
        days = ctx.days(m.start("date"))
        ev = Event("Statement", {"statedBy": [mention.actor]}, date=days[0] if len(days) == 1 else None)
        ev.evidence.append(ctx.evidence(ctx.text.rfind("\n", 0, m.start()) + 1, m.end(), "post-signature", 0.8))
        out.append((mention.actor, days, None, ev, sentences(ctx.doc).at_char(m.start()), False))
    return out


def _occasions_of_speaker(mine: list[tuple[tuple, str | OwnOccasion | None, Event, int, bool]],
                          dated_sentences: set | None = None) -> list[Event]:
    """A speaker's statements, one per occasion: one per day (or per day the text names without a year:
    "Friday's message", "two weeks ago"); a remark with no day belongs to the nearest occasion of the speaker
    before it (else after it). With no day at all, a person's remarks (`dated_sentences` given: the sentences
    that name a day) are one interview while the text names no day between them and they name no occasion of
    their own; a body's speech acts are one each, save a continuation ("added") or the next sentence."""
    if any(d and not isinstance(d, YieldingDays) for d, *_ in mine):
        # a day taken from an event told before yields to the days of the speaker's own statements
        mine = [(() if isinstance(d, YieldingDays) else d, p, _undated(ev) if isinstance(d, YieldingDays) else ev, i,
                 c) for d, p, ev, i, c in mine]
    keyed = [(d if d else p, ev, i) for d, p, ev, i, _ in mine if d or (p and p not in VAGUE)]
    if keyed and all(isinstance(k, OwnOccasion) for k, _, _ in keyed):
        keyed = []  # undated but for occasions of their own: each speech act is one, as below
    if keyed:
        groups: dict[object, Event] = {}
        anchors: list[tuple[int, Event]] = []
        for key, ev, index in keyed:
            if key in groups:
                absorb(groups[key], ev)
            else:
                groups[key] = ev
            anchors.append((index, groups[key]))
        indexes = [a[0] for a in anchors]  # in text order
        for d, p, ev, index, _ in mine:
            if d or (p and p not in VAGUE):
                continue
            k = bisect_right(indexes, index)
            target = (anchors[k - 1] if k else min(anchors, key=lambda a: a[0]))[1]
            absorb(target, ev)
        return list(groups.values())
    out: list[Event] = []
    last: tuple[int, Event, object] | None = None
    for _, p, ev, index, cont in mine:
        interview = dated_sentences is not None and last is not None and not any(
            i in dated_sentences for i in range(last[0] + 1, index + 1))
        if last is not None and (cont or interview or index - last[0] <= 1) \
                and not (isinstance(p, OwnOccasion) and p != last[2]):
            absorb(last[1], ev)
            last = (index, last[1], last[2])
        else:
            out.append(ev)
            last = (index, ev, p)
    return out


def _pledge_only(ctx: Context, f: Frame, speaker: str, speakers: list[str], leaders: dict[str, str]) -> bool:
    """A saying that tells only a pledge of support for another ("SAG-AFTRA said Monday it stands in solidarity
    with the writers", "said its drivers would not cross the picket line", '"We stand with the writers," the union
    said', a president's "my members stand with the performers"): the pledge is a `supports` relation, not also a
    statement (seeds NOTES). What is said is the clause the verb takes (its sentence, where the parse gives none);
    a quotation that runs on past the sentence says more."""
    if f.verb < 0:
        return False
    verb = ctx.doc[f.verb]
    told = [c for c in verb.children if c.dep_ in ("ccomp", "xcomp")]
    if len(told) > 1:
        return False
    if told:
        inside = {t.i for t in told[0].subtree}
    else:  # the sentence, but for another clause joined to the saying ("..., and actors joined the march")
        other = {t.i for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for t in c.subtree}
        inside = set(range(verb.sent.start, verb.sent.end)) - other
    told_frames = [g for g in _frames_between(ctx, min(inside), max(inside) + 1)
                   if g.trigger in inside and not g.hedge and g.name != "Statement"]
    # (a picket line with no side named is a place, not a pledge: "editors would have been on picket lines")
    # ("backed the slate": a word of support that takes things, with no side named, pledges nothing)
    solidarity = set(ctx.lexicon.speech.get("solidarity_words", ()))
    pledges = [g for g in told_frames if g.cls == "supports" and (
        any(g.roles.values()) or " ".join([ctx.doc[g.trigger].lemma_.lower(), *g.text.lower().split()[1:]])
        in solidarity)]
    pledging = {*speakers, leaders.get(speaker)} - {None}  # ("IATSE and SAG-AFTRA said they stood with ...")
    if not pledges or any(set(g.actors("supporter")) - pledging for g in pledges) or any(
            g.cls != "supports" and g.cls[0].isupper() for g in told_frames):
        return False
    pledged = {f.verb} | {g.trigger for g in pledges} | {g.verb for g in pledges}
    if any(t.pos_ == "VERB" and t.dep_ in ("conj", "ccomp", "parataxis") and t.i not in pledged
           and not any(c.i in pledged for c in t.children)
           for t in (ctx.doc[i] for i in inside)):
        return False  # "... supports the guild AND that its members would REFUSE struck work" says more
    # a quotation that is all the pledge is one ('"We stand with the writers," the union said'); one that opens
    # in a sentence before or runs on after says more
    return all(f.sent_start <= a and b <= f.sent_end + 1
               for a, b in ctx.quotes.spans if a < f.sent_end and f.sent_start < b)


def _named_occasion(ctx: Context, f: Frame, events: list[Event],
                    leaders: dict[str, str]) -> tuple[tuple, Evidence] | None:
    """The day of the event whose clause names the saying's occasion ("said THE DAY THE DEAL WAS ANNOUNCED", "the
    night the strike ended", "when the agreement was reached", "the day before the strike began"), found among
    the article's events: a single day, and the sentence that gives it as inferred evidence."""
    if f.verb < 0 or not events:
        return None
    spec = ctx.lexicon.speech.get("occasion", {})
    clause, offset = _occasion_clause(ctx.doc[f.verb], spec)
    if clause is None:
        sides = {leaders.get(x, x) for x in f.actors("statedBy")}
        return day_of_strike(ctx, ctx.doc[f.verb], events, spec, sides)
    told = {t.i for c in clause.children if c.dep_ == "ccomp" for t in c.subtree}  # what is said, not when
    inside = {t.i for t in clause.subtree} - told
    for g in _frames_between(ctx, min(inside), max(inside) + 1):
        if g.trigger not in inside or g.hedge or not g.cls[0].isupper() or g.name == "Statement":
            continue
        found = _event_day(ctx, g, clause, events, spec)
        if found is not None:
            day, source = found
            return (day + dt.timedelta(days=offset),), ctx.evidence(source.start, source.end,
                                                                    "inferred:date:occasion", 0.5, inferred=True)
    return None


def _speaker_occasion(ctx: Context, f: Frame) -> tuple[tuple, Evidence] | None:
    """The day a relative clause on the speaker places them at the occasion ("Ellen Stutzman, who SPOKE to members
    at a rally on Saturday, said", "said Tomas Osterberg, who WAS on the picket line Wednesday"), by speech.yaml
    `presence_verbs` ("be" only with "on" or "at"): one past day, as inferred evidence."""
    verbs = set(ctx.lexicon.speech.get("presence_verbs", ()))
    for filler in f.roles.get("statedBy", ()):
        holder = ctx.doc[filler.token]
        nouns = [holder, *(c for c in holder.children if c.dep_ == "appos")]  # "X, the guild's negotiator, who"
        for clause in (c for n in nouns for c in n.children if c.dep_ in ("relcl", "acl")):
            acts = [clause, *(c for c in clause.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX"))]
            present = [v for v in acts if v.lemma_.lower() in verbs and (v.lemma_ != "be" or any(
                c.dep_ == "prep" and c.lower_ in ("on", "at") for c in v.children))]
            days = {d for v in present for d in ctx.past_days(v.left_edge.idx, v.right_edge.idx + len(
                v.right_edge))}
            if len(days) == 1:
                sent = holder.sent
                return (days.pop(),), ctx.evidence(sent.start_char, sent.end_char, "inferred:date:occasion", 0.5,
                                                   inferred=True)
    return None


def _occasion_clause(verb, spec: dict):
    """The clause on `verb` that names an occasion, and the days the saying is from its event: "the day (before)
    [the strike began]", "when [the deal was announced]"."""
    nouns, whens, offsets = set(spec.get("nouns", ())), set(spec.get("when", ())), spec.get("offsets", {})
    for c in verb.children:
        marks = [m for m in c.children if m.dep_ in ("advmod", "mark")] if c.dep_ in ("advcl", "ccomp") else []
        if c.dep_ == "advcl" and any(m.lower_ in whens for m in marks):
            return c, 0
        # the noun hung on the clause: "said [the day (after) the strike began] that ...", read as what is said
        noun = next((n for n in c.children if n.dep_ == "npadvmod" and n.lemma_ in nouns and n.i < c.i), None) \
            if marks or c.dep_ == "ccomp" else None
        if noun is not None and noun.left_edge.i == c.left_edge.i:
            shift = next((m for m in marks if m.lower_ in offsets and m.i == noun.i + 1), None)
            return c, offsets[shift.lower_] if shift is not None else 0
        if c.dep_ in ("npadvmod", "prep") and (c.lemma_ in nouns or c.dep_ == "prep"):
            # "said ON the day ...", and the day the parse hangs on a message's preposition: "IN a message to
            # members the day the walkout began, the guild said"
            noun = c if c.dep_ == "npadvmod" else next((p for p in c.children if p.dep_ == "pobj" and p.lemma_ in
                                                        nouns and (c.lower_ == "on" or p.i > p.head.i + 1)), None)
            if noun is None and c.dep_ == "prep":  # "IN A STATEMENT the day after ...": the day hung on the message
                noun = next((n for p in c.children if p.dep_ == "pobj" for n in p.children
                             if n.dep_ == "npadvmod" and n.lemma_ in nouns), None)
            if noun is None or noun.lemma_ not in nouns:
                continue
            clause = next((r for r in noun.children if r.dep_ in ("relcl", "acl", "advcl")), None)
            if clause is not None:  # "the day AFTER the walkout began", its mark right after the noun
                shift = next((m for m in clause.children if m.lower_ in offsets and m.i == noun.i + 1), None)
                return clause, offsets[shift.lower_] if shift is not None else 0
            # "the day BEFORE the strike began": the parse hangs the clause on the verb, its mark after the noun
            after = verb.doc[noun.i + 1] if noun.i + 1 < len(verb.doc) else None
            if after is not None and after.lower_ in offsets:
                clause = next((a for a in verb.children if a.dep_ == "advcl" and after in a.children), None)
                if clause is not None:
                    return clause, offsets[after.lower_]
    return None, 0


def _event_day(ctx: Context, g: Frame, clause, events: list[Event], spec: dict):
    """The one day that the article's events of `g`'s kind (and actors, where it names them) give for the stage
    the clause tells: a strike's start or end by its verb, a deal's stage by `stages`."""
    verb = clause.lemma_.lower()
    strike = ctx.lexicon.frames["Strike"]
    named = {x.actor for fs in g.roles.values() for x in fs}
    stage = spec.get("stages", {}).get(verb) if g.name == "Agreement" else None
    days: dict = {}
    staged: dict = {}  # (a deal told at that stage wins over one of no known stage: an old contract)
    for ev in events:
        if ev.kind != g.name or named and not named & set(ev.actors):
            continue
        if g.name == "Strike":
            day = ev.end if verb in strike.end else ev.start if verb in strike.begin else None
        else:
            day = ev.date if stage is None or ev.status in (None, stage) else None
        if day is not None and ev.evidence:
            found = staged if stage is not None and ev.status == stage else days
            found.setdefault(day, dated_evidence(ctx, ev, day))
    days = staged or days
    return next(iter(days.items())) if len(days) == 1 else None


def _earlier_occasion(ctx: Context, f: Frame) -> str | None:
    """The words that place a saying on an earlier occasion with no day ("said in a statement AT THE TIME"), said
    on its verb or its message noun, not in what is quoted or reported."""
    if f.verb < 0:
        return None
    verb = ctx.doc[f.verb]
    # the saying's own modifiers: "said IN A STATEMENT AT THE TIME", "had PREVIOUSLY said" (not a relative clause
    # on its subject, "the union, which previously struck, said")
    modifiers = [t for c in verb.children if c.dep_ in ("prep", "advmod", "npadvmod") for t in c.subtree]
    words = " ".join(t.lower_ for t in modifiers if not ctx.quotes.inside(t.idx))
    return next((w for w in ctx.lexicon.speech.get("earlier_occasion", ())
                 if re.search(rf"\b{re.escape(w)}\b", words)), None)


class YieldingDays(tuple):
    """The days of an event of the speaker's told before a saying: its occasion, unless the speaker's own
    statements give days of their own."""


def _undated(ev: Event) -> Event:
    ev.date = None
    ev.evidence = [e for e in ev.evidence if e.extractor != "inferred:date:occasion"]
    return ev


@dataclass(frozen=True)
class OwnOccasion:
    """The occasion a saying names with an indefinite article ("at a town hall"): a key of its own, one per
    sentence, never the same as a phrase that names an occasion again."""

    words: str
    sentence: int


def _own_occasion(ctx: Context, f: Frame, index: int) -> OwnOccasion | None:
    """An occasion of its own that the saying names without a day ("AT A TOWN HALL, she insisted", "IN A MESSAGE TO
    MEMBERS, he said"): an indefinite noun of speech.yaml `new_occasions` in a phrase on the verb of saying."""
    if f.verb < 0:
        return None
    names = [tuple(w.split()) for w in ctx.lexicon.speech.get("new_occasions", ())]
    for prep in ctx.doc[f.verb].children:
        if prep.dep_ != "prep" or prep.lower_ not in ("at", "in", "during", "on", "via", "through"):
            continue
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"):
            words = tuple(t.lower_ for t in ctx.doc[noun.left_edge.i:noun.i] if t.dep_ == "compound") \
                + (noun.lemma_.lower(),)
            indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
            if indefinite and not ctx.quotes.inside(noun.idx) and any(words[-len(n):] == n for n in names):
                return OwnOccasion(" ".join(words), index)
    return None


def _said_in_filing(ctx: Context, f: Frame, who: set) -> tuple[tuple, tuple[int, int] | None]:
    """"UTA said in the suit": the day the speaker filed it."""
    if f.verb < 0:
        return (), None
    nouns = ctx.lexicon.frames["LegalAction"].triggers
    legal = {t.words[-1] for t in nouns}
    verb = ctx.doc[f.verb]
    if not any(c.dep_ == "prep" and c.lower_ == "in" and any(p.lemma_.lower() in legal for p in c.children)
               for c in verb.children):
        return (), None
    for g in ctx.frames:
        if g.name == "LegalAction" and not g.hedge and set(g.actors("filedBy")) & who:
            days, _ = frame_days(ctx, g)
            if len(days) == 1:
                return days, (g.sent_start, g.sent_end)
    return (), None


def _refers_back(ctx: Context, tok) -> bool:
    """"the AMPTP statement said", "the memo reads", "its statement continued": a message already told of."""
    nouns = [tok] if tok.pos_ in ("NOUN", "PROPN") else [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(n.lemma_.lower() in ctx.lexicon.message_nouns and any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their", "this", "that") or c.dep_ == "poss"
        for c in n.children) for n in nouns)


def _occasion(ctx: Context, f: Frame) -> tuple[tuple, str | None]:
    """A statement with no day of its own takes the day of the event it reports ("said it had reached a deal on
    Friday"), or the day named before it for "that night"."""
    if f.verb >= 0:
        verb = ctx.doc[f.verb]
        reported = {t.i for c in verb.children if c.dep_ == "ccomp" for t in c.subtree}
        lo, hi = (min(reported), max(reported) + 1) if reported else (0, 0)
        for g in _frames_between(ctx, lo, hi):
            if g.trigger in reported and g.cls[0].isupper() and g.name != "Statement" and not g.hedge \
                    and not ctx.quotes.inside(ctx.doc[g.trigger].idx):  # (its day in the words said: as below)
                days, _ = frame_days(ctx, g)
                if len(days) == 1 and not after_article(ctx, days[0]) and not _long_before(ctx, days[0]):
                    return days, None  # ("will resume Friday"; "the 2047 strike cost $260 million, he said")
        # a day in what is reported ("said Thursday's vote showed"), unless it bounds a period or lies ahead
        ahead = any(future(c) for c in verb.children if c.dep_ == "ccomp")
        spans = ctx.doc._.date_spans
        for s, _, ts, te in (spans.in_tokens(lo, hi) if hasattr(spans, "in_tokens") else spans):
            before = ctx.doc[ts - 1].lower_ if ts > 0 else ""
            if ts not in reported or len(ctx.days(s)) != 1 or before in _BOUNDS or ctx.due(s) or ctx.quotes.inside(s):
                continue  # (a day in a quotation is the speaker's words: '"They picked it on April 21," she said')
            day = ctx.days(s)[0]
            if ahead and ctx.date_kind(s) == "weekday" and ctx.anchor is not None:
                day = temporal_ahead(day, ctx.anchor)  # "said talks would resume Thursday": the coming one
            if not after_article(ctx, day) and not _long_before(ctx, day):
                return (day,), None
    sent = ctx.text[f.sent_start:f.sent_end]
    if _THAT_DAY.search(sent):
        starts = ctx.cache.get("date starts") or ctx.cache.setdefault("date starts", sorted(ctx.dates))
        near = starts[bisect_right(starts, f.sent_start - 600):bisect_left(starts, f.sent_start)]
        before = [s for s in near if s < f.sent_start and f.sent_start - s < 600 and len(ctx.days(s)) == 1]
        if before:
            return ctx.days(max(before)), None
    return (), None


def _long_before(ctx: Context, day: dt.date) -> bool:
    """A day of an earlier year, months before the article's: what a saying tells of, not its occasion."""
    return ctx.anchor is not None and day.year < ctx.anchor.year and (ctx.anchor - day).days > 90


def _frames_between(ctx: Context, lo: int, hi: int) -> list[Frame]:
    """The article's frames whose trigger is a token in [lo, hi), in order (the frames are sorted by trigger)."""
    triggers = ctx.cache.get("frame triggers")
    if triggers is None:
        triggers = ctx.cache["frame triggers"] = [g.trigger for g in ctx.frames]
    return ctx.frames[bisect_left(triggers, lo):bisect_left(triggers, hi)]


def _quote(ctx: Context, f: Frame) -> str | None:
    spans = ctx.quotes.spans  # in order, none overlapping: the first that ends after the sentence starts on
    ends = ctx.cache.get("quote ends")
    if ends is None:
        ends = ctx.cache["quote ends"] = [b for _, b in spans]
    for a, b in spans[bisect_right(ends, f.sent_start):]:
        if a >= f.sent_end:
            break
        if a < f.sent_end and f.sent_start < b and b - a > 14:
            return ctx.text[max(a, f.sent_start): min(b, f.sent_end)].strip('" ')
    return None
