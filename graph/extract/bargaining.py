"""Bargaining: negotiation sessions (one per day the text places them) and proposals (one per proposer, issue and
day), with the counterpart a proposal leaves unnamed inferred."""
from __future__ import annotations

import datetime as dt

from . import temporal
from .context import EMPLOYERS, Context
from .date_patterns import SINCE_BEFORE_RE
from .event_terms import foreign_deal, issues_in, section_heading, terms_in
from .events import (
    absorb,
    add_evidence,
    address_counterpart,
    counted_from_main,
    day_items,
    determiner,
    frame_days,
    frame_evidence,
    merge_by_day,
    range_days,
)
from .facts import Event, Evidence, Term
from .frame_types import Frame
from .hedges import NEGATED
from .index import sentences
from .issues import IssueMention
from .proposal_days import (
    date_by_package,
    date_contents,
    made_when_talks_opened,
    opening_day,
    opening_proposal,
    reply_day,
    session_day,
    standing_demand,
)
from .syntax import clause_subjects, logical_subjects, noun_in_adjective, until_clause


def sessions(ctx: Context, frames: list[Frame]) -> list[Event]:
    found: list[tuple[tuple, str | None, Event]] = []
    for f in frames:
        if f.name == "NegotiationSession" and f.hedge == NEGATED and (last := _last_met(ctx, f)) is not None:
            # "the two sides haven't sat down together SINCE Friday, Aug. 3": the session of that day, presupposed
            ev = Event("NegotiationSession", {"participant": f.actors("participant")}, date=last)
            ev.evidence.append(frame_evidence(ctx, f))
            found.append(((last,), None, ev))
            continue
        if f.name != "NegotiationSession" or f.hedge:
            continue
        if not f.dates and ctx.date_label(f.sent_start) is None and (f.future or ctx.doc[f.trigger].pos_ == "VERB"
                                                                     and temporal.present_simple(ctx.doc[f.trigger])):
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
        items = range_days(ctx, f) or day_items(ctx, f)
        if len(items) > 1:  # "will meet Aug. 2, 3 and 4", "Jan. 2 through Jan. 5": a session a day
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


def _last_met(ctx: Context, f: Frame) -> dt.date | None:
    """The one day a negated meeting names after "since", when both sides are named: the last session."""
    sides = f.actors("participant")
    if not any(ctx.type_of(p) == "Guild" for p in sides) or not any(ctx.type_of(p) in EMPLOYERS for p in sides):
        return None
    for d in f.dates:
        days = ctx.days(d.start)
        if len(days) == 1 and ctx.date_kind(d.start) not in ("year", "month", None) \
                and SINCE_BEFORE_RE.search(ctx.text, max(0, d.start - 12), d.start):
            return days[0]
    return None


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


def _own_object(ctx: Context, f: Frame, proposer: str) -> bool:
    """A proposal noun its proposer's verb takes: "the guild PUT FORWARD A revised PACKAGE. It calls for 6%" (what
    "it" next says is the package's), not "the guild rejected the alliance's offer"."""
    noun = ctx.doc[f.trigger]
    subject = next(iter(logical_subjects(noun.head)), None) if noun.dep_ == "dobj" else None
    named = ctx.linked.at_token(subject.i) if subject is not None else None
    return named is not None and named.actor == proposer


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
    # (asked in this sentence, "seeking 35% in residuals, and the alliance has countered with 8%": its own clause)
    told = f.object_scope if where == index else {
        t.i for t in ctx.doc.char_span(f.sent_start, f.sent_end, alignment_mode="expand") or ()}
    return None if issues_in(issue_mentions, ctx, told) else issue


def _figure_before(ctx: Context, f: Frame, proposers: list[str],
                   issue_mentions: list[IssueMention]) -> tuple[str, Evidence] | None:
    """The issue of a bare figure asked or offered right after a sentence of the same paragraph that gives a
    figure of one issue other than pay: what it is measured against ("Health contributions rise to 17%. The guild
    had sought 18%"; "Residuals go up 30%. The guild had asked for a 50% increase"), as inferred evidence. Not
    after another's demand ("The WGA asked for 12% in pension contributions. The DGA wants 10%")."""
    sents = sentences(ctx.doc)
    k = sents.at_token(f.trigger)
    words = [t for t in sents[k - 1] if not t.is_space] if k else []
    if not words or "\n" in ctx.text[words[-1].idx:f.sent_start]:
        return None  # (a new paragraph measures against nothing before it)
    own = {t.i for t in sents[k]}
    before = sents[k - 1]
    if any(g.name == "Proposal" and set(g.actors("proposedBy")) - set(proposers)
           for g in ctx.frames_by_sentence.get(before.start_char, ())):
        return None
    figures = [t for t in before if t.text == "%" or t.lemma_.lower() == "percent"]
    issues = set(issues_in(issue_mentions, ctx, {t.i for t in before}))
    if not figures or len(issues) != 1 or issues == {"Compensation"} or issues_in(issue_mentions, ctx, own):
        return None
    return issues.pop(), ctx.evidence(before.start_char, before.end_char, "inferred:issue:answered", 0.5,
                                      inferred=True)


def _bare_ask(trig) -> bool:
    """A verb of asking with no preposition of its own: "asked the studios TO share data", not "asked FOR"."""
    return not any(c.dep_ in ("prep", "prt") for c in trig.children if c.i > trig.i and c.lower_ in ("for", "on"))


def _asked_of_other_side(f: Frame, trig, asked_of: frozenset[str], figures: bool = False) -> bool:
    """Whom a bare verb of asking asks is an actor, a noun of the other side (`asked_of`), or no one named; or, with
    figures, what a "that" clause asks be done."""
    # (a "that" clause asks that something be done, of no one named: "is asking THAT the guild's share climb")
    asked_that = figures and any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                                 for c in trig.children)  # (not "the complaint asks that the testers be reinstated")
    objects = [c for c in trig.children if c.dep_ in ("dobj", "obj")] + ([] if asked_that else clause_subjects(trig))
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
    opening = opening_day(ctx, frames)
    if opening is not None:
        # a side that moved after the opening ("came down to 125% on June 21") stands where it moved to
        moved = {who for f in frames if f.trigger in items_of for who in f.actors("proposedBy")
                 if any(isinstance(d, dt.date) and d > opening[0] for d in items_of[f.trigger])}
        for f in frames:
            if f.trigger in items_of and not f.dates and (made_when_talks_opened(ctx, f) or standing_demand(
                    ctx, f, opening[2], moved) or opening_proposal(ctx, f, opening[2])):
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
        elif ctx.doc[f.trigger].lemma_.lower() in ctx.lexicon.frames["Proposal"].subjects_required:
            continue  # "it also lifts ..." with no proposal told just before: nothing proposed
        if not items and proposers and noun:
            items = reply_day(ctx, f, proposers[0])
        if not items and proposers:
            items, at_session = session_day(ctx, f)  # "AT THAT SESSION, the coalition sought 9%"
            if at_session is not None:
                opened_on[f.trigger] = at_session
        if not items and proposers and last and last[0] == proposers[0] and index - last[1] == 1 and _also(ctx, f):
            items = last[2]  # "... counterproposal, delivered Monday, sought 7%. The union ALSO asked for 2%"
        one_day = items if len(items) == 1 else []
        received = False
        if proposers and noun:
            told[noun] = (proposers[0], index, one_day)
            if ctx.doc[f.trigger].dep_ in ("nsubj", "nsubjpass") or _own_object(ctx, f, proposers[0]):
                subject_proposals.setdefault(index, (proposers[0], one_day))
        elif not proposers and determiner(ctx, f) in ("the", "that", "this", "its", "their"):
            # "The counteroffer was delivered Tuesday": the counteroffer told of before, else the offer just
            # told of ("The offer also included ..."), and of its day when it names none of its own
            before = told[noun] if noun in told and index - told[noun][1] <= 6 else \
                last if last and index - last[1] <= 2 else None
            received = before is not None and _received(ctx, f)
            if before is not None:  # (a day of receiving it, "REJECTED the counterproposal Tuesday", is not its own)
                proposers, items = [before[0]], before[2] if received else items or before[2]
                if ctx.doc[f.trigger].dep_ in ("nsubj", "nsubjpass") and not received:
                    # "That offer raises pay 5%. It also lifts ...": what "it" holds next is this proposal's
                    subject_proposals.setdefault(index, (before[0], items if len(items) == 1 else []))
        if not proposers:
            continue
        terms = terms_in(ctx, f, issue_mentions)
        issues = issues_in(issue_mentions, ctx, f.object_scope - foreign_deal(ctx, f))
        if "Compensation" not in issues and _asks_pay(ctx, f, issue_mentions):
            issues.append("Compensation")
        # (figures by contract year are a pay schedule, whatever was asked before: "... health fund to 12%. The
        # alliance answered with 4.5%, 3.5% and 3%")
        bare = terms and not issues and not any(t.year for t in terms)
        answered = _answered_issue(ctx, f, proposers, asked, index, issue_mentions) if bare else None
        answering = [asked[0]] if answered else []  # (made to the side whose figure it answers)
        if answered:  # "... 40% more in residuals. They offered 15%": the issue is read off the figure answered
            terms = [Term(t.percent, t.year, answered) for t in terms]
            answered_in = ctx.evidence(asked[3].sent_start, asked[3].sent_end, "inferred:issue:answered", 0.5,
                                       inferred=True)
        elif bare and (before := _figure_before(ctx, f, proposers, issue_mentions)) is not None:
            answered, answered_in = before  # "Health contributions rise to 17%. The guild had sought 18%."
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
        if not issues and not terms and trig.lemma_.lower() in spec.until_verbs and until_clause(trig) is not None:
            continue  # "won't stop until the strike is over": no demand named
        if not terms and trig.lemma_.lower() in spec.needs_figures:
            continue  # "responded with a statement": no offer
        if trig.pos_ == "NOUN" and trig.lemma_.lower() in spec.needs_issue and not issues and not terms:
            continue  # "granted its request for a meeting": no demand named
        if trig.lemma_.lower() in spec.needs_issue and _bare_ask(trig) and (
                not issues and not terms or not _asked_of_other_side(f, trig, spec.asked_of, bool(terms))):
            continue  # "asked members to vote", "asked writers to fire their agents": no demand
        if not issues and not terms and trig.lemma_.lower() in spec.needs_object and not any(
                c.dep_ in ("dobj", "obj") for c in trig.children):
            continue  # "they want to be seen as tough": a wish, no demand
        if not issues and not terms and not items and _asks_what(trig):
            continue  # "would not say what the union will seek", "start with what they asked for": nothing told
        if not issues and not terms:  # "Staffing" over "The AMPTP proposed a floor of three writers per series"
            issues = issues_in(issue_mentions, ctx, frozenset(section_heading(ctx, f.sent_start)))
        for who in proposers:
            last = (who, index, items if len(items) == 1 else [])
            to = f.actors("proposedTo") or answering
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
                    if answered:  # (the sentence of the figure answered, not `asked`, which is now this one)
                        add_evidence(ev, answered_in)
                    own = [t for t in terms if (t.issue or "Compensation") == issue or issue is None]
                    if own and (not ev.terms or _fuller(own, ev.terms)):
                        ev.terms = own  # (or told again in full: "4 percent next year", then "4% in year one and 3%")
                    elif own and _also(ctx, f):  # "... sought 7%. The union ALSO asked for 2% of revenue"
                        ev.terms += [t for t in own if t.percent not in {x.percent for x in ev.terms}]
    _contents_told_next(ctx, frames, items_of, groups, told_in, issue_mentions)
    date_contents(ctx, groups, told_in)
    date_by_package(ctx, groups, told_in)
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


def _fuller(terms: list, have: list) -> bool:
    """Whether `terms` tell the figures of `have`, none of which has a year, with their years and more."""
    return len(terms) > len(have) and all(t.year is None for t in have) and any(t.year for t in terms) and \
        {t.percent for t in have} <= {t.percent for t in terms}


def _received(ctx: Context, f: Frame) -> bool:
    """Whether the proposal is what a verb of receiving takes: "rejected the counterproposal", "the offer was
    reviewed"."""
    trig = ctx.doc[f.trigger]
    receivers = ctx.lexicon.frames["Proposal"].support.get("receiver", frozenset())
    return trig.dep_ in ("dobj", "nsubjpass") and trig.head.lemma_.lower() in receivers


def _asks_what(trig) -> bool:
    """A verb of demanding whose object is a free relative's "what" ("what the guild asked for"): the demand is
    named, not told."""
    objects = [c for c in trig.children if c.dep_ in ("dobj", "obj")]
    objects += [o for p in trig.children if p.dep_ in ("prep", "prt") for o in p.children if o.dep_ == "pobj"]
    return any(o.tag_ == "WP" and o.lower_ == "what" for o in objects)


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


def _contents_told_next(ctx: Context, frames: list[Frame], items_of: dict, groups: dict[tuple, Event],
                        told_in: dict[tuple, list[int]], issue_mentions: list[IssueMention]) -> None:
    """"ACTRA put a three-year package on the table on Oct. 21. Minimum fees WOULD climb 7% when the new contract
    starts, 5% twelve months on and 4.5% in its final year": the sentence after a package is told, with no offer or
    deal of its own, says with "would" what the package holds; its figures are the proposal's, by their issues
    (not a level that would stay: "the training payment would REMAIN at 8%")."""
    spec = ctx.lexicon.frames["Proposal"]
    own = {f.sent_start for f in frames if not f.hedge and (f.name == "Proposal" or f.name == "Agreement"
                                                           and f.actors("party"))}  # (not "when the contract starts")
    sents = sentences(ctx.doc)
    for f in frames:
        trig = ctx.doc[f.trigger]  # (the noun, or what the verb puts forward: "PUT a package on the table")
        named = {trig.lemma_.lower()} | {c.lemma_.lower() for c in trig.children if c.dep_ == "dobj"}
        at = sents.at_char(f.sent_start)
        if f.name != "Proposal" or f.hedge or not named & spec.contents_follow \
                or not f.actors("proposedBy") or at + 1 >= len(sents):
            continue
        who, day = f.actors("proposedBy")[0], next(iter(items_of.get(f.trigger) or [None]))
        for nxt in _would_sentences(ctx, sents, at, own, spec.contents_kept):
            _add_told_terms(ctx, f, nxt, at, who, day, groups, told_in, issue_mentions)


def _would_sentences(ctx: Context, sents, at: int, own: set[int], kept) -> list:
    """The sentences right after sentence `at`, in its paragraph, each saying with "would" what the package holds
    ("Minimum fees WOULD climb 7% ... Payments to the health fund WOULD rise 5% ..."), up to the first that does not."""
    out = []
    for k in range(at + 1, min(at + 5, len(sents))):
        nxt = sents[k]
        new_paragraph = "\n" in ctx.text[sents[k - 1].end_char:nxt.start_char]
        if nxt.start_char in own or nxt.root.lemma_.lower() in kept or new_paragraph \
                or not any(c.dep_ == "aux" and c.lower_ == "would" for c in nxt.root.children):
            break
        out.append(nxt)
    return out


def _add_told_terms(ctx: Context, f: Frame, nxt, at: int, who: str, day, groups: dict[tuple, Event],
                    told_in: dict[tuple, list[int]], issue_mentions: list[IssueMention]) -> None:
    """The figures of a sentence that tells the package's contents, on the proposer's proposals by their issues."""
    told = Frame("Proposal", "", nxt.root.i, nxt.text, nxt.start_char, nxt.end_char, {},
                 scope=frozenset(range(nxt.start, nxt.end)), object_scope=frozenset(range(nxt.start, nxt.end)))
    for t in terms_in(ctx, told, issue_mentions):
        issue = t.issue or "Compensation"
        told_in.setdefault((who, issue, day), []).append(at)
        ev = groups.get((who, issue, day))
        if ev is None:
            base = next((e for (w, _, d), e in groups.items() if w == who and d == day), None)
            ev = groups[(who, issue, day)] = Event("Proposal", {"proposedBy": [who], **(
                {"proposedTo": list(base.roles.get("proposedTo", []))} if base is not None else {})})
            ev.date = day if isinstance(day, dt.date) else None
            ev.issues.add(issue)
            add_evidence(ev, frame_evidence(ctx, f, "proposedBy"))
        if t not in ev.terms:
            ev.terms.append(t)
            add_evidence(ev, ctx.evidence(nxt.start_char, nxt.end_char, "terms:continued", 0.6))
