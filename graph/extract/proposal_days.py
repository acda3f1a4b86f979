"""The days of proposals that name none: the opening of talks, a side's dated package, the day a side answered."""
from __future__ import annotations

import datetime as dt

from . import temporal
from .context import Context
from .events import absorb, add_evidence, day_items, frame_days
from .facts import Event, Evidence
from .frame_types import Frame
from .index import sentences
from .syntax import logical_subjects


def opening_day(ctx: Context, frames: list[Frame]) -> tuple[dt.date, Evidence, set[str]] | None:
    """The one day the article gives for the opening of talks ("talks opened on March 21", "the guild opened
    negotiations March 21"), with its sentence as inferred evidence and the sides it names, else None."""
    opening = ctx.lexicon.frames["NegotiationSession"].opening_verbs
    days: dict[dt.date, Evidence] = {}
    of_day: dict[dt.date, set[str]] = {}
    one_session = ctx.lexicon.frames["Proposal"].session_nouns
    by_session: dict[dt.date, set[bool]] = {}  # a day -> whether a single session's opening told it, or the talks'
    for f in frames:
        if f.name != "NegotiationSession" or f.hedge or f.future:
            continue  # (talks still to open: "the DGA is set to open its talks May 13" opened nothing yet)
        verb = ctx.doc[f.verb] if f.verb >= 0 else ctx.doc[f.trigger]
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in opening:
            verb = verb.head  # "BEGAN bargaining on Monday"
        if verb.lemma_.lower() not in opening and not _since(ctx, f, verb) and not _first_met(verb) \
                and not _got_going(ctx.doc[f.trigger], verb):
            continue
        # ("a session that OPENED that morning": the talks' opening only if nothing else tells it)
        session = ctx.doc[f.trigger].lemma_.lower() in one_session and verb.i != f.trigger
        told = frame_days(ctx, f)[0]  # (its day as told: "talks opened June 8" in a May story is last June's)
        for day in told if len(told) == 1 else day_items(ctx, f):
            if isinstance(day, dt.date):
                days.setdefault(day, ctx.evidence(f.sent_start, f.sent_end, "inferred:date:opening", 0.5,
                                                  inferred=True))
                of_day.setdefault(day, set()).update(x.actor for fs in f.roles.values() for x in fs)
                by_session.setdefault(day, set()).add(session)
    if any(False in told for told in by_session.values()):  # (the talks' own opening over one session's)
        days = {d: e for d, e in days.items() if False in by_session[d]}
    main = ctx.main("Guild")
    if len(days) > 1 and main is not None:  # another guild's opening ("SAG-AFTRA opened talks on Feb. 6") is not
        days = {d: e for d, e in days.items() if main in of_day[d] or not {  # the article's union's
            a for a in of_day[d] if ctx.type_of(a) == "Guild"}}
    return (*next(iter(days.items())), of_day[next(iter(days))]) if len(days) == 1 else None


def standing_demand(ctx: Context, f: Frame, sides: set[str], moved: set[str]) -> bool:
    """A union's demand told in the present as its standing position, with no time of its own: "the guild IS
    SEEKING 6%", "the union wants consent rules". It is what the union tabled when talks opened (GOLD-FORMAT: a
    demand's day is the day it was made), unless told as changed ("now wants"), the union moved since (`moved`),
    or the opening named other sides. An employer's offer told in the present is a later answer, of no such day."""
    verb = ctx.doc[f.trigger]
    proposers = set(f.actors("proposedBy"))
    sides = sides | {w for s in sides if s in ctx.reference.actors for w in ctx.reference.actors[s].member_of}
    # (Local 399 opened them "together with four smaller craft unions": the coalition it belongs to demands)
    if f.dates or f.future or sides and not sides & proposers or proposers & moved or not proposers or any(
            ctx.type_of(p) != "Guild" for p in proposers) or verb.pos_ != "VERB":
        return False  # (a proposal noun, "its counteroffer asks for 6.5%", is a document of its own day)
    if not sides and ctx.main("Guild") not in proposers:
        return False  # an opening that names no sides is the article's main union's
    present = verb.tag_ in ("VBP", "VBZ") and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) or \
        verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBP", "VBZ") for c in verb.children)
    sent = ctx.doc[f.trigger].sent
    # ("now wants": changed since; a "now" of another clause, "writers NOW receive 50%; the guild wants 100%", is not)
    changed = any(c.lower_ in ("now", "instead") for c in verb.children)
    return present and verb.dep_ in ("ROOT", "conj") and not changed and not own_time(ctx, sent)


def opening_proposal(ctx: Context, f: Frame, sides: set[str]) -> bool:
    """A proposal named as the one a side opened talks with, and no other time: "the guild's OPENING package asked
    for 125%", "its initial proposal sought 7%", a union's "FIRST package" (the Proposal frame's
    `opening_modifiers`, `union_opening_modifiers`), of a side of the opening when it names its sides."""
    spec = ctx.lexicon.frames["Proposal"]
    trig = ctx.doc[f.trigger]
    nouns = [trig] if trig.pos_ in ("NOUN", "PROPN") else [s for s in logical_subjects(trig) if s.pos_ == "NOUN"]
    proposers = set(f.actors("proposedBy"))
    words = spec.opening_modifiers | (spec.union_opening_modifiers if proposers and all(
        ctx.type_of(p) == "Guild" for p in proposers) and not any(n.lemma_.lower() in spec.reply_nouns for n in nouns)
        else frozenset())
    return bool(proposers) and not (sides and not sides & proposers) and not f.future and any(
        c.dep_ in ("amod", "compound") and c.lower_ in words for n in nouns for c in n.children)


def _first_met(verb) -> bool:
    """"The guild FIRST MET the alliance on Feb. 9": the first meeting opened the talks."""
    return verb.lemma_.lower() in ("meet", "sit") and any(c.dep_ == "advmod" and c.lower_ == "first"
                                                          for c in verb.children)


def _got_going(trigger, verb) -> bool:
    """"Talks GOT UNDER WAY Monday", "the guild GOT its negotiations GOING on Monday": the talks opened."""
    words = [c.lower_ for c in (*verb.children, *trigger.children)]
    return verb.lemma_ == "get" and ("going" in words or "underway" in words or "under" in words and any(
        c.lower_ == "under" and any(g.lower_ == "way" for g in c.children) for c in verb.children))


def _since(ctx: Context, f: Frame, verb) -> bool:
    """Talks told as going on since a day ("SINCE Jan. 16, the local HAS BEEN NEGOTIATING with Makana Bay"): that
    day opened them."""
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    for d in f.dates:
        span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
        if perfect and span is not None and span.root.head.lower_ == "since":
            return True
    return False


def made_when_talks_opened(ctx: Context, f: Frame) -> bool:
    """Whether a proposal is told as made when talks opened, with no day of its own: "WHEN TALKS OPENED, the guild
    asked for 7%" (the talks by the session frame's nouns, the opening by its `opening_verbs`), "ON OPENING DAY,
    the guild proposed", "on the first day of talks"."""
    session = ctx.lexicon.frames["NegotiationSession"]
    talks = {t.head for t in session.triggers if t.pos == "NOUN"}
    verb = ctx.doc[f.verb] if f.verb >= 0 else ctx.doc[f.trigger]
    openers = ctx.lexicon.frames["Proposal"].opening_modifiers | {"first"}
    for c in verb.children:
        day = next((o for o in c.children if o.dep_ == "pobj" and o.lemma_.lower() == "day"), None) \
            if c.dep_ == "prep" and c.lower_ == "on" else None
        if day is not None and any(m.lower_ in openers for m in day.children if m.dep_ in ("amod", "compound")):
            of = [o for p in day.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
            return not of or any(o.lemma_.lower() in talks for o in of)  # (not "the first day of the strike")
        if c.dep_ == "advcl" and c.lemma_.lower() in session.opening_verbs and any(
                m.lower_ in ("when", "as", "once") for m in c.children if m.dep_ in ("advmod", "mark")):
            if ctx.date_starts(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)):
                return False  # "when bargaining opened in January": a time of its own
            return any(a.lemma_.lower() in talks for a in c.children if a.dep_ in ("nsubj", "nsubjpass", "dobj"))
    return False


def reply_day(ctx: Context, f: Frame, proposer: str) -> list:
    """The day of a side's reply told just before its own proposal noun ("The AMPTP answered on June 2. Its
    counterproposal raises wages 3.5%"): the noun, subject of its sentence with an owner, names the reply."""
    trig = ctx.doc[f.trigger]
    if trig.dep_ not in ("nsubj", "nsubjpass") or not any(c.dep_ == "poss" for c in trig.children) \
            or trig.sent.start == 0:
        return []
    reply = ctx.doc[trig.sent.start - 1].sent.root
    subject = next((c for c in reply.children if c.dep_ == "nsubj"), None)
    named = ctx.linked.at_token(subject.i) if subject is not None else None
    if not _replies(ctx, reply) or named is None or named.actor != proposer:
        return []
    days = _days_of(ctx, reply)
    return list(days[0]) if days and len(days[0]) == 1 else []


def session_day(ctx: Context, f: Frame) -> tuple[list, Evidence | None]:
    """The day of the session a proposal names as the one it was made at ("AT THAT first SESSION, the coalition
    sought 9%", "during the meeting"): a definite session noun on the proposal's verb, and the session told last
    in the three sentences before with one past day (its sentence as inferred evidence)."""
    spec = ctx.lexicon.frames["Proposal"]
    verb = ctx.doc[f.verb if f.verb >= 0 else f.trigger]
    hosts = [verb, verb.head] if verb.dep_ == "ccomp" else [verb]  # ("AT the second meeting, X said, it offered")
    nouns = [o for h in hosts for p in h.children if p.dep_ == "prep" and p.lower_ in spec.session_preps
             for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in spec.session_nouns
             and any(d.dep_ == "det" and d.lower_ in ("the", "that", "this") for d in o.children)]
    if not nouns:  # "the local SAT DOWN with Sony on Monday AND ASKED for a raise": the session's day
        # ("talks opened on Oct. 7, WITH THE GUILD ASKING for 6%": the circumstance of the session)
        host = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ == "with" else verb.head
        met = [g for g in ctx.frames_by_sentence.get(f.sent_start, ()) if g.name == "NegotiationSession"
               and not g.hedge and verb.dep_ in ("conj", "pcomp") and host.i in (g.trigger, g.verb)]
        days = [d for g in met[:1] for d in day_items(ctx, g) if isinstance(d, dt.date)]
        if len(days) == 1 and not f.dates:
            return days, ctx.evidence(f.sent_start, f.sent_end, "inferred:date:session", 0.5, inferred=True)
        return _session_just_before(ctx, f, verb)
    # "the SECOND meeting" of "met on April 8 and again on April 22"
    nth = next((_ORDINALS[m.lower_] for m in nouns[0].children if m.lower_ in _ORDINALS), None)
    sents = sentences(ctx.doc)
    index = sents.at_char(f.sent_start)
    told = [g for k in range(max(index - 3, 0), index + 1) for g in ctx.frames_by_sentence.get(sents[k].start_char, ())
            if g.name == "NegotiationSession" and not g.hedge and not g.future and g.sent_start < f.sent_start]
    for g in reversed(told):
        days = sorted(d for d in day_items(ctx, g) if isinstance(d, dt.date) and d <= (ctx.anchor or d))
        if len(days) == 1 or days and nth is not None and nth < len(days):
            day = days[0] if len(days) == 1 else days[nth]
            return [day], ctx.evidence(g.sent_start, g.sent_end, "inferred:date:session", 0.5, inferred=True)
    if nth == 0 or any(m.lower_ in spec.opening_modifiers for m in nouns[0].children):
        opening = opening_day(ctx, ctx.frames)  # "at THE OPENING session": the day talks opened, told earlier
        if opening is not None:
            return [opening[0]], opening[1]
    return [], None


def _session_just_before(ctx: Context, f: Frame, verb) -> tuple[list, Evidence | None]:
    """"Pact set out its position at a meeting on Thursday 19 January. It OFFERED to lift fees 4%": an offer told
    in the simple past, with no time of its own, right after the sentence that tells of a session of its proposer
    on one past day (in the paragraph before, too: news paragraphs are often one sentence long), was made there."""
    sents = sentences(ctx.doc)
    index = sents.at_char(f.sent_start)
    times = ctx.lexicon.frames["Proposal"].own_times
    if f.dates or index == 0 or verb.tag_ != "VBD" or own_time(ctx, sents[index]) or any(
            c.dep_ == "advcl" and any(m.lower_ in times["marks"] for m in c.children)
            or c.dep_ == "prep" and c.lower_ in times["preps"] and any(o.lemma_.lower() in times["nouns"]
                                                                       for o in c.children) for c in verb.children):
        return [], None  # (its own time: "WHEN the strike began", "ON THE FIRST DAY of the strike")
    proposers = set(f.actors("proposedBy"))
    for g in ctx.frames_by_sentence.get(sents[index - 1].start_char, ()):
        if g.name != "NegotiationSession" or g.hedge or g.future or not proposers & {
                x.actor for fs in g.roles.values() for x in fs}:
            continue
        days = [d for d in day_items(ctx, g) if isinstance(d, dt.date) and d <= (ctx.anchor or d)]
        if len(days) == 1:
            return days, ctx.evidence(g.sent_start, g.sent_end, "inferred:date:session", 0.5, inferred=True)
    return [], None


_ORDINALS = {"first": 0, "second": 1, "third": 2, "fourth": 3, "last": -1, "latest": -1, "final": -1}


def _replies(ctx: Context, verb) -> bool:
    """A verb of replying (frames.yaml `reply_verbs`), with its particle: "fired BACK on Monday"."""
    lemma = verb.lemma_.lower()
    said = {lemma} | {f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "advmod")}
    return bool(said & ctx.lexicon.frames["Proposal"].reply_verbs)


def _days_of(ctx: Context, verb) -> list[tuple]:
    """The days of the date expressions the parse attaches to the verb, nearest first."""
    return [ctx.days(d.start) for d in temporal.attached(ctx.doc, verb, verb, ctx.doc._.date_spans, frozenset(),
                                                         frozenset())]


def date_contents(ctx: Context, groups: dict[tuple, Event], told_in: dict[tuple, list[int]]) -> None:
    """"The union delivered its demands Monday. It asked for a 25% raise and rules on AI": the demands told in the
    two sentences after a side's dated package, with no day of their own, are that package's, of its day."""
    sents = sentences(ctx.doc)
    for (who, issue, day), package in list(groups.items()):
        if issue is not None or day is None:
            continue
        told = max(told_in[(who, issue, day)])
        mine = [k for k in groups if k[0] == who and k != (who, issue, day)]
        contents = [k for k in mine if k[1] is not None and k[2] is None
                    and all(told < i <= told + 2 and not own_time(ctx, sents[i]) for i in told_in[k])]
        if not contents or any(k[2] not in (None, day) and told < min(told_in[k]) <= told + 2 for k in mine):
            continue
        for k in contents:
            ev, target = groups.pop(k), (who, k[1], day)
            ev.date = day
            if target in groups:
                absorb(groups[target], ev)
            else:
                groups[target] = ev
            told_in[target] = told_in.get(target, []) + told_in.pop(k)


def _reply_days(ctx: Context) -> dict[str, set]:
    """The days on which each side answered, as the article tells them with a verb of replying and one day ("The
    AMPTP ANSWERED it point by point at Friday's session", "the studios RESPONDED on Friday"), each with its
    sentence: what that side offered in its answer is of that day."""
    out: dict[str, set] = {}
    for verb in ctx.doc:
        if verb.pos_ != "VERB" or not _replies(ctx, verb) or temporal.future(verb):
            continue
        subject = next(iter(logical_subjects(verb)), None)
        named = ctx.linked.at_token(subject.i) if subject is not None else None
        days = _days_of(ctx, verb)
        if not days and verb.i == verb.sent.root.i:  # ("answered it point by point at Friday's session")
            days = [tuple(ctx.past_days(verb.sent.start_char, verb.sent.end_char))]
        told = {d for found in days for d in found}  # ("responded on Friday and again on Monday": two answers)
        if named is not None and len(told) == 1:
            sent = verb.sent
            out.setdefault(named.actor, set()).add(
                (told.pop(), ctx.evidence(sent.start_char, sent.end_char, "inferred:date:package", 0.5, inferred=True)))
    return out


def date_by_package(ctx: Context, groups: dict[tuple, Event], told_in: dict[tuple, list[int]]) -> None:
    """"The guild presented its proposals March 13 ... The WGA's package asks for 125%": a side whose proposals the
    article dates to one day only made the others it tells of that day too, unless their sentences place them in a
    time of their own. The day is inferred, from the sentence that dates the package."""
    sents = sentences(ctx.doc)
    days: dict[str, set] = {}
    sources: dict[tuple, Evidence] = {}
    for (who, _, day), ev in groups.items():
        if isinstance(day, dt.date):
            days.setdefault(who, set()).add(day)
            source = next((e for e in ev.evidence if not e.inferred), ev.evidence[0])
            sources.setdefault((who, day), ctx.evidence(source.start, source.end, "inferred:date:package", 0.5,
                                                        inferred=True))
    for who, replies in _reply_days(ctx).items():
        for day, source in replies:
            days.setdefault(who, set()).add(day)
            sources.setdefault((who, day), source)
    for key in [k for k in groups if k[1] is not None and k[2] is None and len(days.get(k[0], ())) == 1]:
        who, issue, _ = key
        day = next(iter(days[who]))
        if (who, issue, day) in groups or any(own_time(ctx, sents[i]) for i in told_in[key]):
            continue  # (the package has that issue already: this one may be another proposal, left undated)
        ev = groups[(who, issue, day)] = groups.pop(key)
        ev.date = day
        add_evidence(ev, sources[(who, day)])
        told_in[(who, issue, day)] = told_in.pop(key)


def own_time(ctx: Context, sent) -> bool:
    """A sentence that places what it tells in time of its own: a date, or the past perfect ("had asked"). A day
    ahead of the article is a deadline, not the time of what is told ("the guild's asks, with six weeks left
    before the May 1 expiration")."""
    return any(not _ahead(ctx, s) for s in ctx.date_starts(sent.start_char, sent.end_char)) or any(
        t.lower_ == "had" and t.dep_ == "aux" for t in sent)


def _ahead(ctx: Context, start: int) -> bool:
    days, today = ctx.days(start), ctx.today(start)
    return bool(days) and today is not None and all(d > today for d in days)
