"""Events: the frames of an article that state events, merged into one event per occasion (one strike per
striking body, one statement per speaker and day, one offer per proposer, issue and day ...), with dates, terms
and issues, and roles the text leaves unstated filled only as marked inferences."""
from __future__ import annotations

import datetime as dt
import re

from . import dates as dates_mod
from . import temporal
from .context import EMPLOYERS, Context
from .facts import Event, Evidence, Term
from .frame_types import Frame
from .issues import IssueMention
from .terms import TermMention, find_terms

CONFIDENCE = {"name": 0.85, "description": 0.75, "pronoun": 0.65, "trade": 0.7, "speaker": 0.7, "leader": 0.6,
              "pair": 0.6}
_BOUNDS = {"since", "until", "till", "by", "before", "after", "through", "from", "to"}
_VAGUE = {"recently"}  # words that place nothing: a remark so dated joins the occasion told of
_THAT_DAY = re.compile(r"(?i)\b(?:that|the same)\s+(?:day|night|evening|morning|afternoon)\b|\blater that day\b")


def _evidence(ctx: Context, f: Frame, role: str | None = None) -> Evidence:
    fillers = [x for r, fs in f.roles.items() if role is None or r == role for x in fs]
    conf = min((CONFIDENCE.get(x.how, 0.7) for x in fillers), default=0.6)
    return ctx.evidence(f.sent_start, f.sent_end, f.rule, conf)


def _add_evidence(ev: Event, e: Evidence) -> None:
    if all((x.start, x.extractor) != (e.start, e.extractor) for x in ev.evidence):
        ev.evidence.append(e)


def _days(ctx: Context, f: Frame, aspect: str | None = "any") -> tuple[tuple[dt.date, ...], str | None]:
    """The days the frame's nearest attached date names, and that date's words (to tell apart occasions whose
    day the article cannot resolve: "Friday (August 11)" and "last Friday (August 4)")."""
    for d in f.dates:
        if aspect != "any" and d.aspect != aspect:
            continue
        if ctx.date_kind(d.start) in ("year", "month", None):
            continue
        days = ctx.days(d.start)
        if f.future and ctx.anchor is not None and ctx.date_kind(d.start) == "weekday" and len(days) == 1 \
                and not re.match(r"(?i)(last|past|earlier)\b", ctx.date_text(d.start) or ""):
            days = (temporal.ahead(days[0], ctx.anchor),)
        return days, re.sub(r"\W+", " ", (ctx.date_text(d.start) or "").lower()).strip()
    if aspect in ("any", None) and f.reported:
        # "said Thursday it had reached a deal": reported as announced on a day, it takes that day
        reported = Frame(f.name, f.cls, f.trigger, f.text, f.sent_start, f.sent_end, {}, dates=f.reported)
        return _days(ctx, reported, aspect)
    return (), None


def _issues_in(issue_mentions: list[IssueMention], ctx: Context, tokens: frozenset[int]) -> list[str]:
    out = []
    for im in issue_mentions:
        span = ctx.doc.char_span(im.start, im.end, alignment_mode="expand")
        if span is not None and span.start in tokens and im.notation not in out:
            out.append(im.notation)
    return out


def _terms_in(ctx: Context, f: Frame, issue_mentions: list[IssueMention]) -> list[Term]:
    sent = ctx.text[f.sent_start:f.sent_end]
    found = find_terms(sent, f.sent_start, ctx.lexicon)
    out = []
    for tm in found:
        span = ctx.doc.char_span(tm.start, tm.end, alignment_mode="expand")
        if span is None or span.start not in f.scope:
            continue
        out.append(Term(tm.term.percent, tm.term.year, _term_issue(ctx, f, tm, issue_mentions) or "Compensation"))
    return out


def _term_issue(ctx: Context, f: Frame, tm: TermMention, issue_mentions: list[IssueMention]) -> str | None:
    """The issue a percentage is about: one named in its own phrase ("a 21% jump in streaming residuals", "5% more
    for the health plan"), else none (pay, by default)."""
    tok = ctx.doc.char_span(tm.start, tm.end, alignment_mode="expand")
    if tok is None:
        return None
    # the phrase of the figure: the noun it counts ("raise"), with its modifiers and prepositional objects
    head = tok.root
    while head.dep_ in ("nummod", "compound", "amod", "npadvmod", "quantmod", "pobj", "prep") and head.head.i != head.i:
        if head.dep_ == "pobj" and head.head.head.pos_ not in ("NOUN", "PROPN"):
            break
        head = head.head
    phrase = {t.i for t in head.subtree}
    for im in issue_mentions:
        span = ctx.doc.char_span(im.start, im.end, alignment_mode="expand")
        if span is not None and span.start in phrase:
            return im.notation
    return None


# -- strikes ---------------------------------------------------------------------------------------------------
def strikes(ctx: Context, frames: list[Frame], issues: list[str]) -> list[Event]:
    """One strike per striking body. A strike told of without its strikers ("the strike, which started on May 2")
    is the strike told of before it, else after it; an article that never names its strikers has them
    inferred as its guild."""
    out: dict[str, Event] = {}  # key: the striker, or "striker#n" for another strike of theirs
    order: list[str] = []  # keys, most recently told of last
    unattributed: list[tuple[Frame, int]] = []  # frames and how many strikes were known when they came
    for f in frames:
        if f.name != "Strike" or f.hedge:
            continue
        strikers = f.actors("strikingParty")
        if not strikers:
            if order:
                _strike_details(ctx, out[order[-1]], f)
            elif _determiner(ctx, f) in ("the", "this", "that"):
                unattributed.append((f, len(out)))  # "the strike": one the article is about
            continue
        targets = set(f.actors("target"))
        for striker in strikers:
            key = _strike_key(out, striker, targets)
            ev = out.get(key)
            if ev is None:
                ev = out[key] = Event("Strike", {"strikingParty": [striker]})
            if key in order:
                order.remove(key)
            order.append(key)
            _strike_details(ctx, ev, f)
    if unattributed:
        if out:
            first = next(iter(out.values()))  # told of before its strikers were named: the first strike named
            for f, _ in unattributed:
                _strike_details(ctx, first, f)
        else:
            guild = ctx.main("Guild")
            if guild is not None:
                ev = out[guild] = Event("Strike", {"strikingParty": [guild]}, inferred_roles={"strikingParty"})
                for f, _ in unattributed:
                    _strike_details(ctx, ev, f)
                ev.evidence.append(ctx.inferred_evidence(guild, "strikingParty"))
    for ev in out.values():
        ev.issues = set(issues)  # a strike is over the dispute's issues as the article tells them
    return list(out.values())


def strike_targets(ctx: Context, events: list[Event]) -> None:
    """A strike whose target the text does not name is against the side its strikers bargain with in the
    article (talks, offers or a deal between them), else the employers' association the article names: an
    inference, marked as such."""
    across: dict[str, list[tuple[str, Event]]] = {}
    for ev in events:
        if ev.kind not in ("NegotiationSession", "Proposal", "Agreement") or ev.inferred_roles:
            continue
        guilds = [a for a in ev.actors if ctx.type_of(a) == "Guild"]
        employers = sorted((a for a in ev.actors if ctx.type_of(a) in EMPLOYERS),
                           key=lambda a: ctx.type_of(a) != "EmployerAssociation")  # the association first
        for g in guilds:
            for e in employers:
                across.setdefault(g, []).append((e, ev))
    for ev in events:
        if ev.kind != "Strike" or ev.roles.get("target"):
            continue
        striker = ev.roles["strikingParty"][0]
        if striker in across:
            target, source = across[striker][0]
            first = source.evidence[0]
            evidence = ctx.evidence(first.start, first.end, "inferred:target:bargaining-counterpart", 0.5,
                                    inferred=True)
        else:
            target = ctx.main("EmployerAssociation")
            if target is None:
                continue
            evidence = ctx.inferred_evidence(target, "target")
        ev.roles["target"] = [target]
        ev.inferred_roles.add("target")
        ev.evidence.append(evidence)


def _strike_key(out: dict[str, Event], striker: str, targets: set[str]) -> str:
    """The strike a mention is of: the striker's strike whose named targets it shares (or which names none);
    one against other employers than theirs ("a strike against the AMPTP last year") is another strike."""
    mine = [k for k in out if k == striker or k.startswith(striker + "#")]
    for k in reversed(mine):
        named = set(out[k].roles.get("target", []))
        if not targets or not named or named & targets:
            return k
    return striker if not mine else f"{striker}#{len(mine)}"


def _strike_details(ctx: Context, ev: Event, f: Frame) -> None:
    """What one mention of a strike adds to it: its evidence, targets, first and last day."""
    _add_evidence(ev, _evidence(ctx, f, "strikingParty"))
    for t in f.actors("target"):
        if t not in ev.roles.setdefault("target", []):
            ev.roles["target"].append(t)
    start_days, _ = _days(ctx, f, "begin")
    if not start_days:
        start_days, _ = _days(ctx, f, None)  # "the Nov. 5 strike", "struck on Monday"
    end_days, _ = _days(ctx, f, "end")
    if len(start_days) == 1 and ev.start is None:
        ev.start = start_days[0]
    if len(end_days) == 1 and ev.end is None:
        ev.end = end_days[0]
    for c in f.counts:
        ref = ctx.days(c.ref) if c.ref is not None else ()
        day = ref[0] if len(ref) == 1 else _last_day_before(ctx, c.start)
        if day is not None and ev.start is None:
            ev.start = dates_mod.days_before(day, c.days)
            _add_evidence(ev, ctx.evidence(f.sent_start, f.sent_end, "frame:Strike:day-count", 0.7))


def _last_day_before(ctx: Context, pos: int) -> dt.date | None:
    """The last single day the article named before `pos` (within a few sentences), else its date: "(The
    SAG-AFTRA strike is at 56 days)" after "on Friday hit 129 days" counts from that Friday."""
    days = [s for s in ctx.dates if s < pos and pos - s < 800 and len(ctx.days(s)) == 1]
    return ctx.days(max(days))[0] if days else ctx.anchor


def _possessed_by_date(ctx: Context, f: Frame) -> bool:
    tok = ctx.doc[f.trigger]
    return any(c.dep_ == "poss" and c.ent_type_ == "DATE" for c in tok.children)


def _determiner(ctx: Context, f: Frame) -> str:
    tok = ctx.doc[f.trigger]
    det = next((c for c in tok.children if c.dep_ in ("det", "poss")), None)
    return det.lower_ if det is not None else ""


# -- negotiation sessions -------------------------------------------------------------------------------------
def sessions(ctx: Context, frames: list[Frame]) -> list[Event]:
    found: list[tuple[tuple, str | None, Event]] = []
    for f in frames:
        if f.name != "NegotiationSession" or f.hedge:
            continue
        participants = f.actors("participant")
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
        ev.evidence.insert(0, _evidence(ctx, f))
        items = _day_items(ctx, f)
        if len(items) > 1:  # "will meet Aug. 2, 3 and 4": a session a day
            for item in items:
                one = Event("NegotiationSession", {k: list(v) for k, v in ev.roles.items()},
                            inferred_roles=set(ev.inferred_roles), evidence=list(ev.evidence))
                if isinstance(item, dt.date):
                    one.date = item
                found.append(((item,), None, one))
            continue
        days, phrase = _days(ctx, f)
        if len(days) == 1:
            ev.date = days[0]
        found.append((days, phrase, ev))
    return merge_by_day(found)


def _told_as_occasion(ctx: Context, f: Frame) -> bool:
    """Talks with no side named are a session only when the text places them: a day, or a verb that tells
    them happening ("talks broke down", "negotiations resumed", "the two sides met")."""
    if any(ctx.date_kind(d.start) not in ("year", "month", None) for d in f.dates):
        return True
    tok = ctx.doc[f.trigger]
    spec = ctx.lexicon.frames[f.name]
    if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("pcomp", "xcomp", "advcl", "amod", "acl", "relcl"):
        return True
    verb = ctx.doc[f.verb] if f.verb >= 0 else None
    return verb is not None and verb.lemma_.lower() in spec.predicates | spec.support.get("agent", frozenset())


def merge_by_day(found: list[tuple[tuple, str | None, Event]]) -> list[Event]:
    """Mentions naming the same day (or the same day words) are one event; undated ones and vague ones ("earlier
    this week") join the article's only dated one, else become one event."""
    groups: dict[object, Event] = {}
    vague: list[Event] = []
    for days, phrase, ev in found:
        if days:
            key = days
        elif phrase and phrase not in _VAGUE:
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
            for ev in vague:
                absorb(target, ev)
    return list(groups.values())


def absorb(into: Event, ev: Event) -> None:
    for role, keys in ev.roles.items():
        have = into.roles.setdefault(role, [])
        have += [k for k in keys if k not in have]
        if role not in ev.inferred_roles:
            into.inferred_roles.discard(role)
    for e in ev.evidence:
        _add_evidence(into, e)
    into.issues |= ev.issues
    into.terms += [t for t in ev.terms if t not in into.terms]
    into.quote = into.quote or ev.quote
    into.date = into.date or ev.date


# -- proposals ------------------------------------------------------------------------------------------------
def proposals(ctx: Context, frames: list[Frame], issue_mentions: list[IssueMention]) -> list[Event]:
    groups: dict[tuple, Event] = {}
    last: tuple[str, int] | None = None  # the last proposer and the sentence it was named in
    sentences = {s.start_char: i for i, s in enumerate(ctx.doc.sents)}
    for f in frames:
        if f.name != "Proposal" or f.hedge:
            continue
        index = sentences.get(f.sent_start, 0)
        proposers = f.actors("proposedBy")
        if not proposers and last and index - last[1] <= 2 and _determiner(ctx, f) in ("the", "that", "this", "its",
                                                                                       "their"):
            proposers = [last[0]]  # "The offer also included ...": the offer just told of
        if not proposers:
            continue
        terms = _terms_in(ctx, f, issue_mentions)
        issues = _issues_in(issue_mentions, ctx, f.object_scope)
        if terms:
            issues = [terms[0].issue or "Compensation"]
        spec = ctx.lexicon.frames["Proposal"]
        trig = ctx.doc[f.trigger]
        if not issues and trig.lemma_.lower() in spec.counter_demands:
            continue  # a refusal that names no issue tells of no demand
        if not issues and not terms and trig.lemma_.lower() in spec.needs_object and not any(
                c.dep_ in ("dobj", "obj") for c in trig.children):
            continue  # "they want to be seen as tough": a wish, no demand
        items = _day_items(ctx, f)
        for who in proposers:
            last = (who, index)
            to = f.actors("proposedTo")
            for day in items or [None]:
                for issue in (issues or [None]) if not items else [None]:
                    key = (who, issue, day)
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
                    e = _evidence(ctx, f, "proposedBy")
                    if any(x.slot.startswith("counter") for x in f.roles.get("proposedBy", [])):
                        # "they refuse to regulate AI": the demand is read off the other side's refusal
                        e = Evidence(e.start, e.end, e.sentence, e.extractor, 0.5, inferred=True)
                        ev.inferred_roles.add("proposedBy")
                    _add_evidence(ev, e)
                    if terms and not ev.terms:
                        ev.terms = list(terms)
    out = []
    for (who, issue, day), ev in groups.items():
        if issue is None and day is None:
            dated = [e for (w, i, d), e in groups.items() if w == who and d is not None]
            if dated:
                absorb(dated[0], ev)
                continue
        if not ev.roles.get("proposedTo"):
            _address_counterpart(ctx, ev, who)
        out.append(ev)
    return out


def _infer_role(ctx: Context, ev: Event, role: str, actor: str) -> None:
    """`actor` in `role` of `ev`, marked inferred, with the evidence that says where it was read from."""
    ev.roles.setdefault(role, []).append(actor)
    ev.inferred_roles.add(role)
    ev.evidence.append(ctx.inferred_evidence(actor, role))


def _address_counterpart(ctx: Context, ev: Event, who: str) -> None:
    """A proposal that names no addressee is made to the other side of the table (inferred)."""
    to = ctx.counterpart(who)
    if to is not None:
        _infer_role(ctx, ev, "proposedTo", to)


def _proposal_kind(ctx: Context, f: Frame, who: str) -> str:
    word = f.text.lower()
    if "counter" in word:
        return "counteroffer"
    return "demand" if ctx.type_of(who) == "Guild" else "offer"


def _day_items(ctx: Context, f: Frame) -> list[object]:
    """The days of the frame's date: "offers on Aug. 17th and 18th" are two offers, even when no year says
    which days they are."""
    for d in f.dates:
        if d.aspect == temporal.OTHER:
            continue
        if ctx.date_kind(d.start) in ("year", "month", None, "relative"):
            continue
        days = ctx.days(d.start)
        if days:
            return list(days)
        text = ctx.date_text(d.start) or ""
        n = max(1, len(re.findall(r"\b\d{1,2}(?:st|nd|rd|th)?\b", text)))
        return [f"{text}#{i}" for i in range(n)]
    return []


# -- agreements -----------------------------------------------------------------------------------------------
def agreements(ctx: Context, frames: list[Frame], issue_mentions: list[IssueMention],
               concessions: list[Event] | None = None) -> list[Event]:
    """Agreements by guild, stage and day; employers' commitments with no deal made go to `concessions`."""
    concessions = [] if concessions is None else concessions
    out: dict[tuple, Event] = {}
    latest: Event | None = None
    for f in frames:
        if f.name != "Agreement" or f.hedge:
            continue
        parties = f.actors("party")
        days, _ = _days(ctx, f)
        terms = _terms_in(ctx, f, issue_mentions)
        if f.anaphor:  # the figures of the deal told last ("The contract raises pay 5% a year")
            if latest is not None and terms and not latest.terms:
                _add_evidence(latest, _evidence(ctx, f))
                latest.terms = terms
            continue
        if not parties:
            if latest is not None and (_determiner(ctx, f) in ("the", "this", "that", "its", "their")
                                       or _possessed_by_date(ctx, f)):
                _add_evidence(latest, _evidence(ctx, f))
                if terms and not latest.terms:
                    latest.terms = terms
                if len(days) == 1 and latest.date is None:
                    latest.date = days[0]  # "Friday's agreement": the deal just told of was Friday's
                continue
            guild = ctx.main("Guild")
            if guild is None or not (f.status or len(days) == 1):
                continue  # "previous bargaining agreements", "a deal": no particular agreement
            parties = [guild]
            inferred = True
        else:
            inferred = False
        guilds = [p for p in parties if ctx.type_of(p) == "Guild"] or parties[:1]
        won = ctx.doc[f.trigger].lemma_.lower() in ctx.lexicon.frames["Agreement"].past_only
        if won and not terms:
            continue  # "achieved substantial gains": a deal won is told by its figures
        if won and not days:
            # "the DGA achieved 3.5% raises": the gains of the deal the guild has, whatever its stage
            have = next((e for k, e in reversed(list(out.items())) if set(k[0]) & set(guilds)), None)
            if have is not None:
                _add_evidence(have, _evidence(ctx, f))
                if terms and not have.terms:
                    have.terms = terms
                latest = have
                continue
        key = (tuple(sorted(guilds)), f.status, days if len(days) == 1 else ())
        if not days:
            key = next((k for k in out if k[:2] == key[:2]), key)
        elif (key[0], f.status, ()) in out:
            out[key] = out.pop((key[0], f.status, ()))
        ev = out.get(key)
        if ev is None:
            ev = out[key] = Event("Agreement", {"party": list(parties)}, status=f.status)
            if inferred:
                ev.inferred_roles.add("party")
                ev.evidence.append(ctx.inferred_evidence(parties[0], "party"))
        else:
            for p in parties:
                if p not in ev.roles["party"]:
                    ev.roles["party"].append(p)
            if not inferred:
                ev.inferred_roles.discard("party")
        if len(days) == 1 and ev.date is None:
            ev.date = days[0]
        ev.evidence.insert(0, _evidence(ctx, f)) if inferred else _add_evidence(ev, _evidence(ctx, f))
        if terms and not ev.terms:
            ev.terms = terms
        ev.issues |= set(_issues_in(issue_mentions, ctx, f.scope))
        latest = ev
    # a side's own commitment ("UTA agreed to eliminate package commissions") belongs to the deal it made;
    # with no deal made, an employer's "agreed to provide viewership data" is a concession offered
    for key in [k for k in out if not any(ctx.type_of(p) == "Guild" for p in k[0])]:
        deal = next((k for k in out if k != key and set(key[0]) <= set(out[k].roles["party"])), None)
        if deal is not None:
            absorb(out[deal], out.pop(key))
        else:
            concessions.append(out.pop(key))
    # a guild's deal with no employer named is with the side it bargains with in the article (inferred)
    for ev in out.values():
        if not any(ctx.type_of(p) in EMPLOYERS for p in ev.roles["party"]):
            guild = next((p for p in ev.roles["party"] if ctx.type_of(p) == "Guild"), None)
            other = _bargaining_counterpart(ctx, guild, frames) if guild else None
            if other is not None:
                _infer_role(ctx, ev, "party", other)
    # a deal reached with no stage word is the tentative deal of the same guild, where the article has one
    for key in [k for k in out if k[1] is None]:
        tentative = next((k for k in out if k[0] == key[0] and k[1] == "tentative"), None)
        if tentative is not None and (not key[2] or not tentative[2] or key[2] == tentative[2]):
            absorb(out[tentative], out.pop(key))
    return list(out.values())


# -- statements -----------------------------------------------------------------------------------------------
def statements(ctx: Context, frames: list[Frame], journalists: set[str], titled: set[str],
               leaders: dict[str, str]) -> list[Event]:
    """One statement per speaker and occasion. People speak for the record when the article gives them a title
    (or the reference a position): a bargainer, an official; a blogger or a reporter "notes", he does not state."""
    found: list[tuple[str, tuple, str | None, Event, int, bool]] = []
    recent: list[tuple[int, str]] = []  # (sentence start, speaker) of the statements so far
    message_verbs = set(ctx.lexicon.speech["message_verbs"])
    continuing = set(ctx.lexicon.speech.get("continuing", ()))
    sentence_index = {s.start_char: i for i, s in enumerate(ctx.doc.sents)}
    occasions = _occasions(ctx, frames, sentence_index)
    for f in frames:
        if f.name != "Statement" or f.hedge:
            continue
        speakers = [x for x in f.actors("statedBy") if x not in journalists
                    and (ctx.type_of(x) != "Person" or x in titled)]
        tok = ctx.doc[f.trigger]
        if not speakers and tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "nsubj" \
                and tok.head.lemma_ in message_verbs:
            # "the memo reads": the message of whoever spoke last, in this sentence or the three before
            near = [s for start, s in recent if f.sent_start - start < 1200]
            speakers = near[-1:]
        if not speakers:
            continue
        if any(ctx.type_of(s) == "Person" for s in speakers) and f.text.lower() not in ("according to",):
            # '"...," SAG President Fran Drescher said': the person speaks, not the body in the title
            speakers = [s for s in speakers if ctx.type_of(s) == "Person"] or speakers
        index = sentence_index.get(f.sent_start, 0)
        days, phrase = _days(ctx, f)
        if not days:
            reported, _ = _occasion(ctx, f)
            days = reported or days
        for speaker in speakers:
            ev = Event("Statement", {"statedBy": [speaker]})
            when = days
            if len(when) != 1:
                # the occasion it reports: the day of what the speaker (or their organisation) did just before
                who = {speaker, leaders.get(speaker)} - {None}
                who |= {w for k in list(who) if k in ctx.reference.actors for w in ctx.reference.actors[k].part_of}
                when, source = _occasion_of(occasions, index, who)
                if not when:
                    when, source = _said_in_filing(ctx, f, who)
                if source is not None:
                    ev.evidence.append(ctx.evidence(source[0], source[1], "inferred:date:occasion", 0.5,
                                                    inferred=True))
            if len(when) == 1:
                ev.date = when[0]
            ev.quote = _quote(ctx, f)
            ev.evidence.insert(0, _evidence(ctx, f, "statedBy"))
            found.append((speaker, when, phrase if not when else None, ev, index,
                          tok.lemma_.lower() in continuing or _refers_back(ctx, tok)))
            recent.append((f.sent_start, speaker))
    out: list[Event] = []
    for speaker in dict.fromkeys(x[0] for x in found):
        out += _occasions_of_speaker([x[1:] for x in found if x[0] == speaker])
    return out


def _occasions_of_speaker(mine: list[tuple[tuple, str | None, Event, int, bool]]) -> list[Event]:
    """A speaker's statements, one per occasion: one per day (or per day the text names without a year:
    "Friday's message", "two weeks ago"); a remark with no day belongs to the nearest occasion of the speaker
    before it (else after it). With no day at all, each speech act is one, save a continuation ("added") or
    the next sentence."""
    keyed = [(d if d else p, ev, i) for d, p, ev, i, _ in mine if d or (p and p not in _VAGUE)]
    if keyed:
        groups: dict[object, Event] = {}
        anchors: list[tuple[int, Event]] = []
        for key, ev, index in keyed:
            if key in groups:
                absorb(groups[key], ev)
            else:
                groups[key] = ev
            anchors.append((index, groups[key]))
        for d, p, ev, index, _ in mine:
            if d or (p and p not in _VAGUE):
                continue
            before = [a for a in anchors if a[0] <= index]
            target = (before[-1] if before else min(anchors, key=lambda a: a[0]))[1]
            absorb(target, ev)
        return list(groups.values())
    out: list[Event] = []
    last: tuple[int, Event] | None = None
    for _, _, ev, index, cont in mine:
        if last is not None and (cont or index - last[0] <= 1):
            absorb(last[1], ev)
            last = (index, last[1])
        else:
            out.append(ev)
            last = (index, ev)
    return out


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
            days, _ = _days(ctx, g)
            if len(days) == 1:
                return days, (g.sent_start, g.sent_end)
    return (), None


def _refers_back(ctx: Context, tok) -> bool:
    """"the AMPTP statement said", "the memo reads", "its statement continued": a message already told of."""
    nouns = [tok] if tok.pos_ in ("NOUN", "PROPN") else [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(n.lemma_.lower() in ctx.lexicon.message_nouns and any(
        c.dep_ in ("det", "poss") and c.lower_ in ("the", "its", "their", "this", "that") or c.dep_ == "poss"
        for c in n.children) for n in nouns)


def _occasions(ctx: Context, frames: list[Frame], sentence_index: dict[int, int]):
    """(sentence index, actors, day, sentence span) of every event frame that names one day."""
    out = []
    for f in frames:
        if f.hedge or f.cls[0].islower():
            continue
        days, _ = _days(ctx, f)
        if len(days) == 1:
            actors = {x.actor for fs in f.roles.values() for x in fs}
            out.append((sentence_index.get(f.sent_start, 0), actors, days, (f.sent_start, f.sent_end)))
    return out


def _occasion_of(occasions, index: int, who: set) -> tuple[tuple, tuple[int, int] | None]:
    for i, actors, days, span in sorted(occasions, key=lambda o: -o[0]):
        if index - 3 <= i <= index and actors & who:
            return days, span
    return (), None


def _occasion(ctx: Context, f: Frame) -> tuple[tuple, str | None]:
    """A statement with no day of its own takes the day of the event it reports ("said it had reached a deal on
    Friday"), or the day named before it for "that night"."""
    if f.verb >= 0:
        verb = ctx.doc[f.verb]
        reported = {t.i for c in verb.children if c.dep_ == "ccomp" for t in c.subtree}
        for g in ctx.frames:
            if g.trigger in reported and g.cls[0].isupper() and g.name != "Statement" and not g.hedge:
                days, _ = _days(ctx, g)
                if len(days) == 1:
                    return days, None
        # "officials said Thursday's vote showed ...": a day in what is reported, unless it bounds a period
        for s, _, ts, _ in ctx.doc._.date_spans:
            before = ctx.doc[ts - 1].lower_ if ts > 0 else ""
            if ts in reported and len(ctx.days(s)) == 1 and before not in _BOUNDS:
                return ctx.days(s), None
    sent = ctx.text[f.sent_start:f.sent_end]
    if _THAT_DAY.search(sent):
        before = [s for s in ctx.dates if s < f.sent_start and f.sent_start - s < 600 and len(ctx.days(s)) == 1]
        if before:
            return ctx.days(max(before)), None
    return (), None


def _quote(ctx: Context, f: Frame) -> str | None:
    for a, b in ctx.quotes.spans:
        if a < f.sent_end and f.sent_start < b and b - a > 14:
            return ctx.text[max(a, f.sent_start): min(b, f.sent_end)].strip('" ')
    return None


# -- legal actions --------------------------------------------------------------------------------------------
def legal_actions(ctx: Context, frames: list[Frame]) -> list[Event]:
    out: dict[tuple, Event] = {}
    latest: Event | None = None
    for f in frames:
        if f.name != "LegalAction" or f.hedge:
            continue
        filers = f.actors("filedBy")
        against = [a for a in f.actors("against") if a not in filers]
        forum = f.actors("filedWith")
        reciprocal = _reciprocal(ctx, f)
        if not filers:
            if latest is not None:
                _add_evidence(latest, _evidence(ctx, f))
                if forum and not latest.roles.get("filedWith"):
                    latest.roles["filedWith"] = forum[:1]
            continue
        days, _ = _days(ctx, f)
        if not against and f.text.lower().startswith("counter"):
            # a countersuit answers a suit: it is against whoever sued the filers
            against = list(dict.fromkeys(s for e in out.values() if set(e.roles["against"]) & set(filers)
                                         for s in e.roles["filedBy"]))
        pairs = [(s, [o for o in filers if o != s]) for s in filers] if reciprocal else [(s, against) for s in filers]
        for filer, targets in pairs:
            if not targets:
                # "UTA filed suit Thursday": the suit by the same filer just told of, now with its day
                ev = next((e for e in reversed(list(out.values())) if e.roles["filedBy"] == [filer]), None)
                if ev is not None:
                    if len(days) == 1 and ev.date is None:
                        ev.date = days[0]
                    if forum and not ev.roles.get("filedWith"):
                        ev.roles["filedWith"] = forum[:1]
                    _add_evidence(ev, _evidence(ctx, f))
                continue
            key = (filer, tuple(targets), tuple(forum[:1]), days if len(days) == 1 else ())
            ev = out.get(key) or next((e for k, e in out.items() if k[:2] == key[:2] and (not days or not k[3])),
                                      None)
            if ev is None:
                roles = {"filedBy": [filer], "against": list(targets)}
                if forum:
                    roles["filedWith"] = forum[:1]
                ev = out[key] = Event("LegalAction", roles)
            if len(days) == 1 and ev.date is None:
                ev.date = days[0]
            _add_evidence(ev, _evidence(ctx, f))
            latest = ev
    return list(out.values())


def _bargaining_counterpart(ctx: Context, guild: str, frames: list[Frame]) -> str | None:
    """The employer a guild meets, makes offers to or strikes against in the article's own words, else the
    employers' association it names."""
    for f in frames:
        if f.hedge == "hypothetical" or f.name not in ("NegotiationSession", "Proposal", "negotiatesWith", "Strike"):
            continue
        actors = [x.actor for fs in f.roles.values() for x in fs]
        if guild in actors:
            other = next((a for a in actors if ctx.type_of(a) == "EmployerAssociation"), None) or next(
                (a for a in actors if ctx.type_of(a) == "Studio"), None)
            if other is not None:
                return other
    return ctx.main("EmployerAssociation")


def offers_from_concessions(ctx: Context, concessions: list[Event], proposals: list[Event]) -> list[Event]:
    """An employer's commitment made before any deal ("the AMPTP agreed to raise its contributions by 1.5%") is
    what it offers: a Proposal per issue, to the guild it bargains with (inferred); one the article already
    tells of takes it in."""
    out = []
    for c in concessions:
        issues: list = sorted(c.issues)
        if not issues:
            issues = [c.terms[0].issue or "Compensation"] if c.terms else [None]
        for who in c.roles["party"]:
            for issue in issues:
                have = next((p for p in proposals + out if p.roles["proposedBy"] == [who]
                             and p.issues == ({issue} if issue else set())), None)
                if have is not None:
                    absorb(have, Event("Proposal", {}, terms=list(c.terms), evidence=list(c.evidence)))
                    continue
                ev = Event("Proposal", {"proposedBy": [who]}, issues={issue} if issue else set(),
                           terms=list(c.terms), evidence=list(c.evidence), proposal_kind="offer")
                _address_counterpart(ctx, ev, who)
                out.append(ev)
    return out


def _reciprocal(ctx: Context, f: Frame) -> bool:
    """"dismiss their lawsuits against each other": every filer against every other."""
    sent = ctx.text[f.sent_start:f.sent_end].lower()
    return bool(re.search(r"\bagainst (?:each other|one another)\b", sent))


def employer_side(ctx: Context, keys: list[str]) -> list[str]:
    return [k for k in keys if ctx.type_of(k) in EMPLOYERS]
