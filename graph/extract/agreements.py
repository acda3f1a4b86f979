"""Agreements: one per guild, stage and day, with the figures and issues of their clauses; an employer's commitment
made before any deal is an offer."""
from __future__ import annotations

import re
from dataclasses import replace

from .context import EMPLOYERS, Context
from .doc import heading_spans
from .event_terms import issues_in, terms_in
from .events import (
    absorb,
    add_evidence,
    address_counterpart,
    determiner,
    frame_days,
    frame_evidence,
    infer_role,
    of_another_year,
    possessed_by_date,
)
from .facts import Event
from .frame_types import Frame
from .index import sentences
from .issues import IssueMention
from .syntax import reporting_verb
from .temporal import closes_span


def _with_stages(frames: list[Frame]) -> list[Frame]:
    """The frames, each deal followed by the later stage its sentence tells ("the board APPROVED on Friday the
    contract the union reached Wednesday": the deal reached Wednesday, then its approval Friday), which carries the
    verb's day and no figures of its own."""
    out = []
    for f in frames:
        if f.stage is None:
            out.append(f)
            continue
        status, dates, verb, reported = f.stage
        # a saying that reports the sentence ("announced Tuesday that members ratified the deal reached in
        # March") reports the later stage, not the deal of the relative clause
        out.append(replace(f, stage=None, reported=[]))
        out.append(replace(f, status=status, dates=dates, verb=verb, stage=None, reported=reported,
                           scope=frozenset(), object_scope=frozenset()))
    return out


def agreements(ctx: Context, frames: list[Frame], issue_mentions: list[IssueMention],
               concessions: list[Event] | None = None) -> list[Event]:
    """Agreements by guild, stage and day; employers' commitments with no deal made go to `concessions`."""
    concessions = [] if concessions is None else concessions
    out: dict[tuple, Event] = {}
    committed: set[tuple] = set()  # keys of a side's own commitments ("the AMPTP agreed to ..."), not deals
    figured: dict[int, Event] = {}  # the end of a sentence that gave a deal its figures -> the deal
    told: list[tuple[int, Event]] = []  # (sentence start, deal) of each mention of a deal, in text order
    latest: Event | None = None
    latest_trigger = -1  # the trigger of the frame that told `latest`
    former_keys: set[tuple] = set()  # the keys of deals told as earlier ones ("an earlier tentative agreement")
    by_report: set[int] = set()  # the deals dated only by the saying that reports them ("the union announced today")
    for f in _with_stages(frames):
        if f.name != "Agreement" or f.hedge:
            continue
        parties = f.actors("party")
        trigger = ctx.doc[f.trigger]
        if _acquisition(ctx, trigger) or latest is None and f.status and _pronoun_object(trigger):
            continue  # (a stage's pronoun with no deal told before it names none; "agreed to extend THEM" does)
        if trigger.lemma_.lower() in ctx.lexicon.frames["Agreement"].two_sided and (
                len(parties) == 1 or not parties and latest is None):
            continue  # "shook hands with strikers": no deal (frames.yaml `two_sided`)
        # a side's own commitment: "the AMPTP AGREED TO raise its contributions" (not "came to terms", "a deal")
        commitment = trigger.pos_ == "VERB" and any(c.dep_ == "xcomp" for c in trigger.children) and not all(
            x.slot == "prep:with" for x in f.roles.get("party", []))
        days, _ = frame_days(ctx, _without_term_end(ctx, f))
        shaken = _handshake_told(ctx, f) if not days else None
        if shaken is not None:
            days = shaken[0]
        terms = terms_in(ctx, f, issue_mentions)
        if f.anaphor:  # the figures of the deal told last ("The contract raises pay 5% a year")
            if latest is not None and terms and not latest.terms:
                add_evidence(latest, frame_evidence(ctx, f))
                latest.terms = terms
                figured[f.sent_end] = latest
            continue
        if not parties and latest is not None and f.status and f.status != latest.status \
                and (determiner(ctx, f) in ("the", "this", "that", "its", "their") or _pronoun_object(trigger)):
            parties = list(latest.roles["party"])  # "three days later the board APPROVED the deal": a new stage
            inferred = "party" in latest.inferred_roles
        elif not parties:
            if latest is not None and (determiner(ctx, f) in ("the", "this", "that", "its", "their")
                                       or possessed_by_date(ctx, f) or trigger.dep_ in ("acl", "relcl")
                                       and trigger.head.i == latest_trigger):
                # (and a participle on the deal's noun: "its new contract, RATIFIED by members on July 23")
                add_evidence(latest, frame_evidence(ctx, f))
                if terms and not latest.terms:
                    latest.terms = terms
                    figured[f.sent_end] = latest
                if len(days) == 1 and (latest.date is None or id(latest) in by_report and not f.reported):
                    # "Friday's agreement": the deal just told of was Friday's (and "the deal, concluded Thursday",
                    # after "reached a deal, the union announced today": the day it was made, not told)
                    latest.date = days[0]
                    by_report.discard(id(latest))
                continue
            guild = ctx.main("Guild")
            if guild is None or not (f.status or len(days) == 1):
                continue  # "previous bargaining agreements", "a deal": no particular agreement
            parties = [guild]
            inferred = True
        elif f.status in ("ratified", "approved") and not any(ctx.type_of(p) == "Guild" for p in parties) \
                and (reporter := _reporting_guild(ctx, f)) is not None:
            parties, inferred = [reporter, *parties], True  # "THE LOCAL announced that members ratified ..."
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
                add_evidence(have, frame_evidence(ctx, f))
                if terms and not have.terms:
                    have.terms = terms
                latest = have
                continue
        key = (tuple(sorted(guilds)), f.status, days if len(days) == 1 else ())
        # "agreed to a deal following AN EARLIER tentative agreement reached on Oct. 16": another deal than the
        # undated one told before it
        earlier = any(t.lower_ in ctx.lexicon.frames["Agreement"].former_modifiers
                      for t in ctx.doc[trigger.left_edge.i:trigger.i])
        if not days:
            key = next((k for k in out if k[:2] == key[:2]), key)
        elif trigger.dep_ == "dobj" and trigger.head.lemma_.lower() in ctx.lexicon.speech["verbs"] \
                and determiner(ctx, f) == "the" and (same := next((k for k in out if k[:2] == key[:2] and k[2]), None)):
            key = same  # "came to terms late Sunday. The DGA ANNOUNCED THE DEAL Monday": that deal, of its own day
        if earlier and days:
            former_keys.add(key)
        elif days and (key[0], f.status, ()) in out:
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
        if commitment:
            committed.add(key)
        if len(days) == 1 and ev.date is None:
            ev.date = days[0]
            if f.reported and not frame_days(ctx, replace(f, reported=[]))[0]:
                by_report.add(id(ev))
        ev.evidence.insert(0, frame_evidence(ctx, f)) if inferred else add_evidence(ev, frame_evidence(ctx, f))
        if shaken is not None and ev.date == shaken[0][0]:
            add_evidence(ev, shaken[1])
        if terms and not ev.terms:
            ev.terms = terms
            figured[f.sent_end] = ev
        ev.issues |= set(issues_in(issue_mentions, ctx, f.scope))
        latest, latest_trigger = ev, f.trigger
        told.append((f.sent_start, ev))
    _continued_figures(ctx, frames, figured, told, issue_mentions)
    # a side's own commitment ("UTA agreed to eliminate package commissions") belongs to the deal it made;
    # with no deal made, an employer's "agreed to provide viewership data" is a concession offered
    for key in [k for k in out if not any(ctx.type_of(p) == "Guild" for p in k[0])]:
        deal = next((k for k in out if k != key and set(key[0]) <= set(out[k].roles["party"])
                     and any(ctx.type_of(p) == "Guild" for p in out[k].roles["party"])), None)
        if deal is not None:
            absorb(out[deal], out.pop(key))
        elif key in committed:
            concessions.append(out.pop(key))
        # else a deal the employer made ("CAA came to terms", "the union reached a deal with the AMPTP"): an
        # agreement, its other side the article's guild where it has one (inferred)
    # a guild's deal with no employer named is with the side it bargains with in the article (inferred)
    for ev in out.values():
        if not any(ctx.type_of(p) in EMPLOYERS for p in ev.roles["party"]):
            guild = next((p for p in ev.roles["party"] if ctx.type_of(p) == "Guild"), None)
            other = _bargaining_counterpart(ctx, guild, frames) if guild else None
            if other is not None:
                infer_role(ctx, ev, "party", other)
        elif not any(ctx.type_of(p) == "Guild" for p in ev.roles["party"]):
            guild = ctx.main("Guild")
            if guild is not None:
                infer_role(ctx, ev, "party", guild)
    # a deal reached with no stage word is the tentative deal of the same guild, where the article has one
    for key in [k for k in out if k[1] is None]:
        same_day = (key[0], "tentative", key[2]) if key[2] and (key[0], "tentative", key[2]) in out else None
        tentative = same_day or next((k for k in out if k[0] == key[0] and k[1] == "tentative"
                                      and k not in former_keys), None)
        if tentative is not None and (not key[2] or not tentative[2] or key[2] == tentative[2]):
            absorb(out[tentative], out.pop(key))
    for ev in out.values():
        _date_by_vote_result(ctx, ev)
    return list(out.values())


def _reporting_guild(ctx: Context, f: Frame) -> str | None:
    """The guild whose saying reports a vote its members cast: "THE LOCAL announced Thursday that members ratified
    a three-year agreement with the AMPTP" (the members named by no actor)."""
    said = reporting_verb(ctx.doc[f.verb] if f.verb >= 0 else ctx.doc[f.trigger], ctx.lexicon.say_verbs)
    subject = next((c for c in said.children if c.dep_ == "nsubj"), None) if said is not None else None
    named = ctx.linked.at_token(subject.i) if subject is not None else None
    return named.actor if named is not None and ctx.type_of(named.actor) == "Guild" else None


def _date_by_vote_result(ctx: Context, ev: Event) -> None:
    """"Members have ratified a new contract. The guild announced Monday night that 69% voted yes": a ratification
    told with no day takes the day its vote's result was announced in the two sentences after it (inferred)."""
    if ev.status not in ("ratified", "approved") or ev.date is not None:
        return
    stated = [e for e in ev.evidence if not e.inferred]
    if not stated:
        return
    words = set(ctx.lexicon.speech.get("occasion_words", {}).get("vote", ()))
    sents = sentences(ctx.doc)
    index = sents.index_of_start_char(stated[0].start, -1)
    if index < 0:
        return
    for sent in sents.spans[index + 1:index + 3]:
        if not any(t.lemma_.lower() in words for t in sent) or any(
                g.name == "Agreement" for g in ctx.frames_by_sentence.get(sent.start_char, ())):
            continue
        days = ctx.past_days(sent.start_char, sent.end_char)
        if len(days) == 1:
            ev.date = days.pop()
            ev.evidence.append(ctx.evidence(sent.start_char, sent.end_char, "inferred:date:vote-result", 0.5,
                                            inferred=True))
        return


def _pronoun_object(verb) -> bool:
    """A verb of a stage whose object is a pronoun for the deal told before: "the board approved IT on April 12"."""
    return verb.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lower_ in ("it", "them") for c in verb.children)


def _acquisition(ctx: Context, trigger) -> bool:
    """A deal FOR a company, or one priced in billions or by the share, buys it ("Disney's $71 billion deal for
    Fox"): no labor agreement."""
    if any(t.lower_ in ("billion", "bn") for t in trigger.subtree if t.i < trigger.i):
        return True
    if any(t.lower_ == "share" and t.i > 0 and t.nbor(-1).lower_ in ("a", "per", "each") for t in trigger.sent):
        return True  # "agreed to pay $31.40 A SHARE": a price for a company's stock
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(
        (p.pos_ == "PROPN" if m is None else ctx.type_of(m.actor) in EMPLOYERS)
        for p in c.children if p.dep_ == "pobj" for m in [ctx.linked.at_token(p.i)]) for c in trigger.children)


def _continued_figures(ctx: Context, frames: list[Frame], figured: dict[int, Event], told: list[tuple[int, Event]],
                       issue_mentions: list[IssueMention]) -> None:
    """Figures of a deal told in sentences of their own ("Under the deal, residuals rise 76%. Wages go up 5% in the
    first year, ...", a list of terms after "The contract includes:"): a sentence of figures with no offer or deal
    of its own adds its figures to the deal it continues, else to the deal told last in the few sentences before
    it, unless it speaks of an earlier contract or year."""
    # (not a deal told in passing, in a relative clause: "Minimum pay rises 5%, 4.5% and 3.5%, THE LADDER THAT WGA
    # MEMBERS RATIFIED IN APRIL" still gives the figures of the deal told before)
    own = {f.sent_start for f in frames if f.name in ("Agreement", "Proposal") and not (f.name == "Agreement" and (
           f.hedge or f.verb >= 0 and ctx.doc[f.verb].dep_ == "relcl"))}  # (nor "once the deal is ratified")
    # (under a subhead that names the deal, "the agreement" or "on ratification" is that deal: no other)
    other = {f.sent_start for f in frames if f.name == "Proposal" or f.name == "Agreement" and f.actors("party")}
    former = ctx.lexicon.frames["Agreement"].former_modifiers
    sents = list(ctx.doc.sents)
    deals = {id(e): e for _, e in told}
    sections = _deal_sections(ctx) if len(deals) == 1 else []
    for n, sent in enumerate(sents):
        under = any(a <= sent.start_char < b for a, b in sections) and sent.start_char not in other
        if n == 0 or sent.start_char in own and not under:
            continue
        ev = figured.get(sents[n - 1].end_char)
        if ev is None:
            near = sents[max(0, n - _FIGURES_REACH)].start_char
            ev = next((e for start, e in reversed(told) if near <= start < sent.start_char), None)
            if ev is None and under:
                ev = next(iter(deals.values()))  # under "WHAT'S IN THE DEAL": the article's one deal
            if ev is None or any(t.lower_ in former for t in sent) or of_another_year(ctx, [sent.text]):
                continue
        f = Frame("Agreement", "", sent.root.i, sent.text, sent.start_char, sent.end_char, {},
                  scope=frozenset(range(sent.start, sent.end)))
        more = [t for t in terms_in(ctx, f, issue_mentions) if t not in ev.terms]
        if more:
            ev.terms += more
            add_evidence(ev, ctx.evidence(sent.start_char, sent.end_char, "terms:continued", 0.6))
            figured[sent.end_char] = ev


_FIGURES_REACH = 4  # sentences: figures further from the last deal told are not read as its


def _deal_sections(ctx: Context) -> list[tuple[int, int]]:
    """The sections under a subhead that names a deal ("What's in the deal", "The new contract"): from the subhead
    to the next heading (the headline, the text's first line, heads the whole story, not a section)."""
    words = {t.head for t in ctx.lexicon.frames["Agreement"].triggers if t.pos == "NOUN" and len(t.words) == 1}
    words -= set(ctx.lexicon.frames["Agreement"].needs_support) - {"contract"}
    heads = heading_spans(ctx.text)
    first = next((m.start() for m in re.finditer(r"[^\n]+", ctx.text)
                  if m.group().strip() and not m.group().lstrip().startswith("date ")), 0)  # the headline's line
    def names_deal(start: int, end: int) -> bool:
        span = ctx.doc.char_span(start, end, alignment_mode="expand")
        return span is not None and any(t.lemma_.lower() in words for t in span)

    # (under a headline that names the deal, "DGA Deal Breakdown: ...", its topic subheads are its: "Wages")
    whole = names_deal(first, ctx.text.find("\n", first) if "\n" in ctx.text[first:] else len(ctx.text))
    out = []
    for n, (start, end) in enumerate(heads):
        if start > first and (whole or names_deal(start, end)):
            out.append((end, heads[n + 1][0] if n + 1 < len(heads) else len(ctx.text)))
    return out


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
                address_counterpart(ctx, ev, who)
                out.append(ev)
    return out


def _without_term_end(ctx: Context, f: Frame) -> Frame:
    """"Agreed to extend the contract THROUGH JULY 12": the last day of a contract's term is not the day of the
    deal (a day after "until" or "through")."""
    def term_end(d) -> bool:
        span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
        # (or the contract's end the deal came before: "ahead of THE JUNE 30, 2071, EXPIRY of the contract")
        return span is not None and span.root.dep_ == "pobj" and closes_span(ctx.doc, span.root.head) \
            or bool(_EXPIRY_AFTER.match(ctx.text, d.end))
    kept = [d for d in f.dates if not term_end(d)]
    return f if len(kept) == len(f.dates) else replace(f, dates=kept)


_EXPIRY_AFTER = re.compile(r",?\s*(?:expiry|expiration|deadline)\b")
HANDSHAKE_REACH = 3  # sentences: "THE HANDSHAKE sealed ..." tells of the handshake in the paragraph before


def _handshake_told(ctx: Context, f: Frame) -> tuple[tuple, object] | None:
    """"At 11:40 p.m. on Thursday, March 27, Lomasney shook Lisowski's hand. THE HANDSHAKE sealed a tentative
    agreement": the deal is of the day of the handshake told just before (with its sentence as inferred evidence)."""
    trigger = ctx.doc[f.trigger]
    verb = trigger.head if trigger.dep_ == "dobj" else None
    spec = ctx.lexicon.frames["Agreement"]
    if verb is None or not any(c.dep_ == "nsubj" and c.lemma_.lower() in spec.two_sided_nouns for c in verb.children):
        return None
    sents = sentences(ctx.doc)
    index = sents.at_char(f.sent_start)
    for k in range(index - 1, max(index - 1 - HANDSHAKE_REACH, -1), -1):
        shake = next((t for t in sents[k] if t.pos_ == "VERB" and t.lemma_.lower() in spec.two_sided), None)
        if shake is not None:
            found = ctx.past_days(sents[k].start_char, sents[k].end_char)  # (a fronted time, the verb a conjunct)
            return ((found.pop(),), ctx.evidence(sents[k].start_char, sents[k].end_char, "inferred:date:handshake",
                                                 0.5, inferred=True)) if len(found) == 1 else None
    return None
