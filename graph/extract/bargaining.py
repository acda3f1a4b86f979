"""Bargaining: negotiation sessions (one per day the text places them) and proposals (one per proposer, issue and
day), with the counterpart a proposal leaves unnamed inferred."""
from __future__ import annotations

import datetime as dt

from . import temporal
from .context import EMPLOYERS, Context
from .events import (
    absorb,
    add_evidence,
    address_counterpart,
    counted_from_main,
    day_items,
    determiner,
    foreign_deal,
    frame_days,
    frame_evidence,
    issues_in,
    merge_by_day,
    terms_in,
)
from .facts import Event, Evidence, Term
from .frame_types import Frame
from .index import sentences
from .issues import IssueMention
from .syntax import clause_subjects, logical_subjects, noun_in_adjective


def sessions(ctx: Context, frames: list[Frame]) -> list[Event]:
    found: list[tuple[tuple, str | None, Event]] = []
    for f in frames:
        if f.name != "NegotiationSession" or f.hedge:
            continue
        if not f.dates and (f.future or ctx.doc[f.trigger].pos_ == "VERB" and temporal.present_simple(
                ctx.doc[f.trigger])):
            continue  # "the AMPTP bargains on behalf of the studios": a habit; "they will return to the table": no
            # session the text places (GOLD-FORMAT: talks held or scheduled on a date)
        participants = f.actors("participant")
        if len(participants) > 1 and all(ctx.type_of(p) == "Guild" for p in participants) and all(
                x.slot == "subject" for x in f.roles.get("participant", [])):
            continue  # "WGA West and WGA East met Tuesday": unions among themselves, at no table (not "talks with
            # the studios FOR the Basic Crafts and Local 399")
        ev = Event("NegotiationSession", {"participant": participants})
        if not any(ctx.type_of(p) != "Person" for p in participants):  # people alone: their sides unknown
            if participants and not ctx.main("Guild"):
                continue
            if not _told_as_occasion(ctx, f):
                continue  # "after months of bargaining": talks in general, no session the text places
            pair = [k for k in (ctx.main("Guild"), ctx.main("EmployerAssociation") or ctx.main("Studio")) if k]
            if not pair:
                continue
            ev.roles["participant"] = pair + participants
            ev.inferred_roles.add("participant")
            for k in pair:
                ev.evidence.append(ctx.inferred_evidence(k, "participant"))
        ev.evidence.insert(0, frame_evidence(ctx, f))
        items = day_items(ctx, f)
        if len(items) > 1:  # "will meet Aug. 2, 3 and 4": a session a day
            for item in items:
                one = Event("NegotiationSession", {k: list(v) for k, v in ev.roles.items()},
                            inferred_roles=set(ev.inferred_roles), evidence=list(ev.evidence))
                if isinstance(item, dt.date):
                    one.date = item
                found.append(((item,), None, one))
            continue
        days, phrase = frame_days(ctx, f)
        if len(days) == 1:
            ev.date = days[0]
        found.append((days, phrase, ev))

    def guilds(ev: Event) -> set[str]:
        return {a for a in ev.roles["participant"] if ctx.type_of(a) == "Guild"}

    def apart(dated: Event, undated: Event) -> bool:
        """Undated talks of one guild with its employers are not the dated session of another ("The WGA is
        bargaining with the AMPTP. SAG-AFTRA's talks open May 16")."""
        return bool(guilds(dated)) and bool(guilds(undated)) and not guilds(dated) & guilds(undated) \
            and any(ctx.type_of(a) in EMPLOYERS for a in undated.roles["participant"])
    return merge_by_day(found, apart)


def _told_as_occasion(ctx: Context, f: Frame) -> bool:
    """Talks with no side named are a session only when the text places them: a day, or a verb that tells
    them happening ("talks broke down", "negotiations resumed", "the two sides met")."""
    if any(ctx.date_kind(d.start) not in ("year", "month", None) for d in f.dates) or counted_from_main(ctx, f)[0]:
        return True  # (or "two days after the sides returned to the table", counted from the day of the deal)
    tok = ctx.doc[f.trigger]
    spec = ctx.lexicon.frames[f.name]
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("pcomp", "xcomp", "advcl", "amod", "acl", "relcl"):
        return True
    verb = ctx.doc[f.verb] if f.verb >= 0 else None
    return verb is not None and verb.lemma_.lower() in spec.predicates | spec.support.get("agent", frozenset())


def _opening_day(ctx: Context, frames: list[Frame]) -> tuple[dt.date, Evidence, set[str]] | None:
    """The one day the article gives for the opening of talks ("talks opened on March 21", "the guild opened
    negotiations March 21"), with its sentence as inferred evidence and the sides it names, else None."""
    opening = ctx.lexicon.frames["NegotiationSession"].opening_verbs
    days: dict[dt.date, Evidence] = {}
    sides: set[str] = set()
    for f in frames:
        if f.name != "NegotiationSession" or f.hedge or f.future:
            continue  # (talks still to open: "the DGA is set to open its talks May 13" opened nothing yet)
        verb = ctx.doc[f.verb] if f.verb >= 0 else ctx.doc[f.trigger]
        if verb.lemma_.lower() not in opening and not _since(ctx, f, verb):
            continue
        for day in day_items(ctx, f):
            if isinstance(day, dt.date):
                days.setdefault(day, ctx.evidence(f.sent_start, f.sent_end, "inferred:date:opening", 0.5,
                                                  inferred=True))
                sides |= {x.actor for fs in f.roles.values() for x in fs}
    return (*next(iter(days.items())), sides) if len(days) == 1 else None


def _standing_demand(ctx: Context, f: Frame, sides: set[str], moved: set[str]) -> bool:
    """A union's demand told in the present as its standing position, with no time of its own: "the guild IS
    SEEKING 6%", "the union wants consent rules". It is what the union tabled when talks opened (GOLD-FORMAT: a
    demand's day is the day it was made), unless told as changed ("now wants"), the union moved since (`moved`),
    or the opening named other sides. An employer's offer told in the present is a later answer, of no such day."""
    verb = ctx.doc[f.trigger]
    proposers = set(f.actors("proposedBy"))
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
    return present and verb.dep_ in ("ROOT", "conj") and not changed and not _own_time(ctx, sent)


def _opening_proposal(ctx: Context, f: Frame, sides: set[str]) -> bool:
    """A proposal named as the one a side opened talks with, and no other time: "the guild's OPENING package asked
    for 125%", "its initial proposal sought 7%" (the Proposal frame's `opening_modifiers`), of a side of the
    opening when it names its sides."""
    words = ctx.lexicon.frames["Proposal"].opening_modifiers
    trig = ctx.doc[f.trigger]
    nouns = [trig] if trig.pos_ in ("NOUN", "PROPN") else [s for s in logical_subjects(trig) if s.pos_ == "NOUN"]
    proposers = set(f.actors("proposedBy"))
    return bool(proposers) and not (sides and not sides & proposers) and not f.future and any(
        c.dep_ in ("amod", "compound") and c.lower_ in words for n in nouns for c in n.children)


def _since(ctx: Context, f: Frame, verb) -> bool:
    """Talks told as going on since a day ("SINCE Jan. 16, the local HAS BEEN NEGOTIATING with Makana Bay"): that
    day opened them."""
    perfect = any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
    for d in f.dates:
        span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
        if perfect and span is not None and span.root.head.lower_ == "since":
            return True
    return False


def _made_when_talks_opened(ctx: Context, f: Frame) -> bool:
    """Whether a proposal is told as made when talks opened, with no day of its own: "WHEN TALKS OPENED, the guild
    asked for 7%" (the talks by the session frame's nouns, the opening by its `opening_verbs`)."""
    session = ctx.lexicon.frames["NegotiationSession"]
    talks = {t.head for t in session.triggers if t.pos == "NOUN"}
    verb = ctx.doc[f.verb] if f.verb >= 0 else ctx.doc[f.trigger]
    for c in verb.children:
        if c.dep_ == "advcl" and c.lemma_.lower() in session.opening_verbs and any(
                m.lower_ in ("when", "as", "once") for m in c.children if m.dep_ in ("advmod", "mark")):
            if ctx.date_starts(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)):
                return False  # "when bargaining opened in January": a time of its own
            return any(a.lemma_.lower() in talks for a in c.children if a.dep_ in ("nsubj", "nsubjpass", "dobj"))
    return False


def _said_of_proposal(ctx: Context, f: Frame, index: int, subject_proposals: dict) -> tuple | None:
    """The proposal an "it" that makes a proposal stands for, when the sentence before (or the one before that,
    through another "it") opens with a proposal noun: "The alliance's package would raise pay 6%. It would also lift
    health contributions. IT also offered a 15% increase in residuals"."""
    subject = next(iter(logical_subjects(ctx.doc[f.trigger])), None) if ctx.doc[f.trigger].pos_ == "VERB" else None
    if subject is None or subject.lower_ != "it":
        return None
    sents = sentences(ctx.doc)
    for back in (1, 2):
        if index - back in subject_proposals:
            return subject_proposals[index - back]
        first = sents[index - back] if index - back >= 0 else None
        if first is None or not any(t.lower_ == "it" and t.dep_ == "nsubj" for t in first):
            return None
    return None


def _reply_day(ctx: Context, f: Frame, proposer: str) -> list:
    """The day of a side's reply told just before its own proposal noun ("The AMPTP answered on June 2. Its
    counterproposal raises wages 3.5%"): the noun, subject of its sentence with an owner, names the reply."""
    trig = ctx.doc[f.trigger]
    if trig.dep_ not in ("nsubj", "nsubjpass") or not any(c.dep_ == "poss" for c in trig.children) \
            or trig.sent.start == 0:
        return []
    reply = ctx.doc[trig.sent.start - 1].sent.root
    subject = next((c for c in reply.children if c.dep_ == "nsubj"), None)
    named = ctx.linked.at_token(subject.i) if subject is not None else None
    lemma = reply.lemma_.lower()  # (with its particle: "fired BACK on Monday")
    said = {lemma} | {f"{lemma} {c.lower_}" for c in reply.children if c.dep_ in ("prt", "advmod")}
    if not said & ctx.lexicon.frames["Proposal"].reply_verbs or named is None or named.actor != proposer:
        return []
    days = [ctx.days(d.start) for d in temporal.attached(ctx.doc, reply, reply, ctx.doc._.date_spans,
                                                              frozenset(), frozenset())]
    return list(days[0]) if days and len(days[0]) == 1 else []


def _also(ctx: Context, f: Frame) -> bool:
    """Whether the proposal's clause says "also" or its noun "the same": more of the offer or demand told before."""
    verbs = [ctx.doc[f.trigger]] + ([ctx.doc[f.verb]] if f.verb >= 0 else [])
    return any(c.dep_ == "advmod" and c.lower_ == "also" for v in verbs for c in v.children) or any(
        c.lower_ == "same" for c in ctx.doc[f.trigger].children)  # "THE SAME claim sought 9%"


def _answered_issue(ctx: Context, f: Frame, proposers: list[str], asked: tuple | None, index: int,
                    issue_mentions: list[IssueMention]) -> str | None:
    """The issue of the figure a bare figure answers: the other side's, asked in the sentence before or this one,
    when this sentence names no issue ("Writers want 40% more in foreign residuals. The studios offered 15%")."""
    if asked is None:
        return None
    who, where, issue, _ = asked
    if index - where > 1 or who in proposers or issue == "Compensation":
        return None
    facing = {ctx.type_of(who), *(ctx.type_of(p) for p in proposers)}
    if not ("Guild" in facing and facing & EMPLOYERS and len(facing) == 2):
        return None  # (a guild answering an employer, or an employer a guild)
    sentence = {t.i for t in ctx.doc.char_span(f.sent_start, f.sent_end, alignment_mode="expand") or ()}
    return None if issues_in(issue_mentions, ctx, sentence) else issue


def _bare_ask(trig) -> bool:
    """A verb of asking with no preposition of its own: "asked the studios TO share data", not "asked FOR"."""
    return not any(c.dep_ in ("prep", "prt") for c in trig.children if c.i > trig.i and c.lower_ in ("for", "on"))


def _asked_of_other_side(f: Frame, trig, asked_of: frozenset[str]) -> bool:
    """Whom a bare verb of asking asks is an actor, a noun of the other side (`asked_of`), or no one named."""
    objects = [c for c in trig.children if c.dep_ in ("dobj", "obj")] + clause_subjects(trig)
    other_side = set(f.actors("proposedTo")) - set(f.actors("proposedBy"))  # ("writers" may name the guild itself)
    return not objects or bool(other_side) or any(o.lemma_.lower() in asked_of for o in objects)


def proposals(ctx: Context, frames: list[Frame], issue_mentions: list[IssueMention]) -> list[Event]:
    groups: dict[tuple, Event] = {}
    # (each with its one day, if it has one: what a proposal that refers back to it takes)
    last: tuple[str, int, list] | None = None  # the last proposer, the sentence it was named in
    asked: tuple[str, int, str, Frame] | None = None  # the last proposer of a figure, where, the figure's issue
    told: dict[str, tuple[str, int, list]] = {}  # a proposal noun -> who made the last one named, and where
    subject_proposals: dict[int, tuple[str, list]] = {}  # a sentence -> the proposal noun it opens with
    sentences = {s.start_char: i for i, s in enumerate(ctx.doc.sents)}
    # "In its latest offer, presented July 14, the alliance proposed raises": the noun and the verb tell one
    # proposal, and the day of one is the other's
    items_of = {f.trigger: day_items(ctx, f) for f in frames if f.name == "Proposal" and not f.hedge}
    opened_on: dict[int, Evidence] = {}  # a proposal's trigger -> the sentence that dates the opening it names
    opening = _opening_day(ctx, frames)
    if opening is not None:
        # a side that moved after the opening ("came down to 125% on June 21") stands where it moved to
        moved = {who for f in frames if f.trigger in items_of for who in f.actors("proposedBy")
                 if any(isinstance(d, dt.date) and d > opening[0] for d in items_of[f.trigger])}
        for f in frames:
            if f.trigger in items_of and not f.dates and (_made_when_talks_opened(ctx, f) or _standing_demand(
                    ctx, f, opening[2], moved) or _opening_proposal(ctx, f, opening[2])):
                items_of[f.trigger] = [opening[0]]
                opened_on[f.trigger] = opening[1]
    told_in: dict[tuple, list[int]] = {}  # a proposal's key -> the sentences that tell it
    dated: dict[tuple[int, str], list] = {}
    for f in frames:
        if f.trigger in items_of:
            for who in f.actors("proposedBy"):
                dated.setdefault((f.sent_start, who), items_of[f.trigger])
    for f in frames:
        if f.name != "Proposal" or f.hedge:
            continue
        index = sentences.get(f.sent_start, 0)
        proposers = f.actors("proposedBy")
        noun = ctx.doc[f.trigger].lemma_.lower() if ctx.doc[f.trigger].pos_ == "NOUN" or \
            noun_in_adjective(ctx.doc[f.trigger]) else None
        items = items_of[f.trigger]
        if (said := _said_of_proposal(ctx, f, index, subject_proposals)) is not None:
            proposers, items = [said[0]], items or said[1]  # "The alliance's package ... It also offered 15%"
        if not items and proposers and noun:
            items = _reply_day(ctx, f, proposers[0])
        if not items and proposers and last and last[0] == proposers[0] and index - last[1] == 1 and _also(ctx, f):
            items = last[2]  # "... counterproposal, delivered Monday, sought 7%. The union ALSO asked for 2%"
        one_day = items if len(items) == 1 else []
        received = False
        if proposers and noun:
            told[noun] = (proposers[0], index, one_day)
            if ctx.doc[f.trigger].dep_ in ("nsubj", "nsubjpass"):
                subject_proposals[index] = (proposers[0], one_day)
        elif not proposers and determiner(ctx, f) in ("the", "that", "this", "its", "their"):
            # "The counteroffer was delivered Tuesday": the counteroffer told of before, else the offer just
            # told of ("The offer also included ..."), and of its day when it names none of its own
            before = told[noun] if noun in told and index - told[noun][1] <= 6 else \
                last if last and index - last[1] <= 2 else None
            received = before is not None and _received(ctx, f)
            if before is not None:  # (a day of receiving it, "REJECTED the counterproposal Tuesday", is not its own)
                proposers, items = [before[0]], before[2] if received else items or before[2]
        if not proposers:
            continue
        terms = terms_in(ctx, f, issue_mentions)
        issues = issues_in(issue_mentions, ctx, f.object_scope - foreign_deal(ctx, f))
        if "Compensation" not in issues and _asks_pay(ctx, f, issue_mentions):
            issues.append("Compensation")
        answered = _answered_issue(ctx, f, proposers, asked, index, issue_mentions) if terms and not issues else None
        if answered:  # "... 40% more in residuals. They offered 15%": the issue is read off the figure answered
            terms = [Term(t.percent, t.year, answered) for t in terms]
        if terms:  # one proposal per issue: the figures' issues, then the others the object names
            issues = list(dict.fromkeys([t.issue or "Compensation" for t in terms] + issues))
            asked = (proposers[0], index, terms[0].issue, f)
        spec = ctx.lexicon.frames["Proposal"]
        trig = ctx.doc[f.trigger]
        if not issues and trig.lemma_.lower() in spec.counter_demands | spec.readiness_adjectives:
            continue  # a refusal, or a readiness to give, that names no issue tells of no demand or offer
        if received and not issues and not terms:
            continue  # "the studios rejected the counterproposal": the one told before, nothing new of it
        if not terms and trig.lemma_.lower() in spec.needs_figures:
            continue  # "responded with a statement": no offer
        if trig.lemma_.lower() in spec.needs_issue and _bare_ask(trig) and (
                not issues and not terms or not _asked_of_other_side(f, trig, spec.asked_of)):
            continue  # "asked members to vote", "asked writers to fire their agents": no demand
        if not issues and not terms and trig.lemma_.lower() in spec.needs_object and not any(
                c.dep_ in ("dobj", "obj") for c in trig.children):
            continue  # "they want to be seen as tough": a wish, no demand
        if not issues and not terms and not items and _asks_what(trig):
            continue  # "would not say what the union will seek", "start with what they asked for": nothing told
        for who in proposers:
            last = (who, index, items if len(items) == 1 else [])
            to = f.actors("proposedTo")
            for day in items or dated.get((f.sent_start, who)) or [None]:
                for issue in issues or [None]:
                    key = (who, issue, day)
                    told_in.setdefault(key, []).append(index)
                    ev = groups.get(key)
                    if ev is None:
                        roles = {"proposedBy": [who]}
                        ev = groups[key] = Event("Proposal", roles,
                                                 proposal_kind=_proposal_kind(ctx, f, who))
                        if isinstance(day, dt.date):
                            ev.date = day
                        if issue:
                            ev.issues.add(issue)
                    for t in to:
                        if t not in ev.roles.setdefault("proposedTo", []) and t != who:
                            ev.roles["proposedTo"].append(t)
                            ev.inferred_roles.discard("proposedTo")
                    e = frame_evidence(ctx, f, "proposedBy")
                    if any(x.slot.startswith("counter") for x in f.roles.get("proposedBy", [])):
                        # "they refuse to regulate AI": the demand is read off the other side's refusal
                        e = Evidence(e.start, e.end, e.sentence, e.extractor, 0.5, inferred=True)
                        ev.inferred_roles.add("proposedBy")
                    add_evidence(ev, e)
                    if f.trigger in opened_on:
                        add_evidence(ev, opened_on[f.trigger])
                    if answered:
                        add_evidence(ev, ctx.evidence(asked[3].sent_start, asked[3].sent_end,
                                                      "inferred:issue:answered", 0.5, inferred=True))
                    own = [t for t in terms if (t.issue or "Compensation") == issue or issue is None]
                    if own and not ev.terms:
                        ev.terms = own
                    elif own and _also(ctx, f):  # "... sought 7%. The union ALSO asked for 2% of revenue"
                        ev.terms += [t for t in own if t.percent not in {x.percent for x in ev.terms}]
    _date_contents(ctx, groups, told_in)
    _date_by_package(ctx, groups, told_in)
    out = []
    for (who, issue, day), ev in groups.items():
        same_day = [e for (w, i, d), e in groups.items() if w == who and d == day and i is not None]
        if issue is None and day is not None and same_day:
            absorb(same_day[0], ev)  # the offer of that day, told again with its issues
            continue
        if issue is None and day is None:
            dated = [e for (w, i, d), e in groups.items() if w == who and d is not None]
            if dated:
                absorb(dated[0], ev)
                continue
        if not ev.roles.get("proposedTo"):
            address_counterpart(ctx, ev, who)
        out.append(ev)
    return out


def _received(ctx: Context, f: Frame) -> bool:
    """Whether the proposal is what a verb of receiving takes: "rejected the counterproposal", "the offer was
    reviewed"."""
    trig = ctx.doc[f.trigger]
    receivers = ctx.lexicon.frames["Proposal"].support.get("receiver", frozenset())
    return trig.dep_ in ("dobj", "nsubjpass") and trig.head.lemma_.lower() in receivers


def _date_contents(ctx: Context, groups: dict[tuple, Event], told_in: dict[tuple, list[int]]) -> None:
    """"The union delivered its demands Monday. It asked for a 25% raise and rules on AI": the demands told in the
    two sentences after a side's dated package, with no day of their own, are that package's, of its day."""
    sents = sentences(ctx.doc)
    for (who, issue, day), package in list(groups.items()):
        if issue is not None or day is None:
            continue
        told = max(told_in[(who, issue, day)])
        mine = [k for k in groups if k[0] == who and k != (who, issue, day)]
        contents = [k for k in mine if k[1] is not None and k[2] is None
                    and all(told < i <= told + 2 and not _own_time(ctx, sents[i]) for i in told_in[k])]
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


def _date_by_package(ctx: Context, groups: dict[tuple, Event], told_in: dict[tuple, list[int]]) -> None:
    """"The guild presented its proposals March 13 ... The WGA's package asks for 125%": a side whose proposals the
    article dates to one day only made the others it tells of that day too, unless their sentences place them in a
    time of their own. The day is inferred, from the sentence that dates the package."""
    sents = sentences(ctx.doc)
    days: dict[str, set] = {}
    for who, _, day in groups:
        if isinstance(day, dt.date):
            days.setdefault(who, set()).add(day)
    for key in [k for k in groups if k[1] is not None and k[2] is None and len(days.get(k[0], ())) == 1]:
        who, issue, _ = key
        day = next(iter(days[who]))
        if (who, issue, day) in groups or any(_own_time(ctx, sents[i]) for i in told_in[key]):
            continue  # (the package has that issue already: this one may be another proposal, left undated)
        package = next(e for (w, _, d), e in groups.items() if w == who and d == day)
        source = next((e for e in package.evidence if not e.inferred), package.evidence[0])
        ev = groups[(who, issue, day)] = groups.pop(key)
        ev.date = day
        add_evidence(ev, ctx.evidence(source.start, source.end, "inferred:date:package", 0.5, inferred=True))
        told_in[(who, issue, day)] = told_in.pop(key)


def _asks_what(trig) -> bool:
    """A verb of demanding whose object is a free relative's "what" ("what the guild asked for"): the demand is
    named, not told."""
    objects = [c for c in trig.children if c.dep_ in ("dobj", "obj")]
    objects += [o for p in trig.children if p.dep_ in ("prep", "prt") for o in p.children if o.dep_ == "pobj"]
    return any(o.tag_ == "WP" and o.lower_ == "what" for o in objects)


def _own_time(ctx: Context, sent) -> bool:
    """A sentence that places what it tells in time of its own: a date, or the past perfect ("had asked"). A day
    ahead of the article is a deadline, not the time of what is told ("the guild's asks, with six weeks left
    before the May 1 expiration")."""
    return any(not _ahead(ctx, s) for s in ctx.date_starts(sent.start_char, sent.end_char)) or any(
        t.lower_ == "had" and t.dep_ == "aux" for t in sent)


def _ahead(ctx: Context, start: int) -> bool:
    days, today = ctx.days(start), ctx.today(start)
    return bool(days) and today is not None and all(d > today for d in days)


def _proposal_kind(ctx: Context, f: Frame, who: str) -> str:
    word = f.text.lower()
    if "counter" in word:
        return "counteroffer"
    return "demand" if ctx.type_of(who) == "Guild" else "offer"


def _asks_pay(ctx: Context, f: Frame, issue_mentions) -> bool:
    """What the proposal asks or gives is a raise ("pressed for raises and for AI guarantees", "offered a hike"):
    a pay noun as the trigger's object, the object of its preposition, or one coordinated with those, that no
    issue phrase takes ("pension increases" are the pension's)."""
    trig = ctx.doc[f.trigger]
    pay = ctx.lexicon.frames["Proposal"].pay_nouns
    spans = [(im.start, im.end) for im in issue_mentions if im.start < f.sent_end and f.sent_start < im.end]

    def taken(tok) -> bool:
        return any(a <= tok.idx < b for a, b in spans)

    verb = ctx.doc[f.verb] if f.verb >= 0 else trig
    for host in {trig, verb}:
        objects = [c for c in host.children if c.dep_ in ("dobj", "pobj")]
        # ("pressed FOR raises", "came back WITH a hike"; not "BESIDES the raises, the package asks ...")
        preps = [c for c in host.children if c.dep_ == "prep" and c.lower_ in ("for", "with", "of", "on")]
        objects += [p for c in preps for cc in (c, *c.conjuncts) for p in cc.children if p.dep_ == "pobj"]
        for o in [x for o in objects for x in (o, *o.conjuncts)]:
            if o.pos_ in ("NOUN", "VERB") and o.lemma_.lower() in pay and o.i in f.object_scope and not taken(o) \
                    and not any(c.dep_ in ("compound", "nmod") and taken(c) for c in o.children):
                return True
    return False
