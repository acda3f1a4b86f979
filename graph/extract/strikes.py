"""Strikes: one per striking body, with its targets and first and last day; a strike whose strikers or target the
article leaves unnamed takes them as marked inferences."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter

from . import temporal
from .context import EMPLOYERS, Context
from .events import add_evidence, determiner, frame_days, of_another_year
from .facts import Event
from .frame_types import Frame
from .hedges import HYPOTHETICAL, NEGATED
from .strike_days import own_start, strike_details
from .syntax import logical_subjects


def strikes(ctx: Context, frames: list[Frame], issues: list[str]) -> list[Event]:
    """One strike per striking body. A strike told of without its strikers ("the strike, which started on May 2")
    is the strike told of before it, else after it; an article that never names them has its guild's (inferred)."""
    out: dict[str, Event] = {}  # key: the striker, or "striker#n" for another strike of theirs
    order: list[str] = []  # keys, most recently told of last
    unattributed: list[tuple[Frame, int]] = []  # frames and how many strikes were known when they came
    last_told: list[str] = []  # the strikes of the last frame that named its strikers (one for each)
    former_at: dict[int, str] = {}  # a sentence -> the earlier strike it tells
    placed: dict[str, int | None] = {}  # a strike -> the year its first mention places it in ("struck in May 2023")
    for f in frames:
        since = _last_struck(ctx, f) if f.name == "Strike" and f.hedge != HYPOTHETICAL else None
        for striker in f.actors("strikingParty") if since is not None else ():
            # "have not struck SINCE 1958", "its first strike since 1988": the strike of that year, presupposed
            others = [k for k in out if k.startswith(striker + "#")]
            key = next((k for k in [striker, *others] if k in out and placed.get(k) == since),
                       f"{striker}#former{len(others)}")
            if key not in out:
                out[key], placed[key] = Event("Strike", {"strikingParty": [striker]}), since
                add_evidence(out[key], ctx.evidence(f.sent_start, f.sent_end, PRESUPPOSED, 0.7))
                if targets := _against(ctx, _when_clauses(ctx, f, since)) or f.actors("target"):
                    out[key].roles["target"] = targets
        if f.name != "Strike" or f.hedge:
            continue
        if not f.actors("strikingParty") and ctx.doc[f.trigger].lemma_.lower() in ctx.lexicon.frames[
                "Strike"].joins.get("verbs", ()):
            continue  # "months of talks followed": no union joins a strike
        deal, ended = (None, False) if f.actors("strikingParty") else _ending_deal(ctx, f, frames)
        if order and _ends_a_strike_told(ctx, f, out):
            f = dataclasses.replace(f, roles={})  # "the union suspended the strike": the one told, whoever the
            # description reads as
        strikers = f.actors("strikingParty") or (
            [a for a in deal.actors("party") if ctx.type_of(a) == "Guild"] if deal is not None else [])
        year = _named_year(ctx, f)
        if not strikers and order and year is not None:
            # "its first walkout since THE 148-DAY STRIKE OF 2023, which ended on Sept. 27": the striker's earlier one
            strikers = out[order[-1]].roles["strikingParty"][:1]
        if not strikers and f.sent_start in former_at:
            strike_details(ctx, out[former_at[f.sent_start]], f, counts=False)  # "also struck them in 2041, in a
            continue  # walkout that began July 3 of that year": the earlier strike the sentence tells
        if not strikers and order and (key := _another_of_theirs(ctx, f, out, order[-1])) is not None:
            order.insert(0, key)  # "A strike over pay began Aug. 14, 2062 and was suspended on Feb. 21, 2063":
            placed[key] = out[key].start.year if out[key].start else None  # another strike of the same strikers
            continue
        if not strikers:
            if order:
                # "SAG and AFTRA struck the producers. The walkout began July 21": the strike of both
                for key in (last_told if order[-1] in last_told else [order[-1]]):
                    strike_details(ctx, out[key], f)
            elif determiner(ctx, f) in ("the", "this", "that") or _members_struck(ctx, f):
                unattributed.append((f, len(out)))  # "the strike", "172 members stopped work": the article's
            continue
        targets = set(f.actors("target"))
        begun = own_start(ctx, f, written_year=True)
        former = _former(ctx, f)
        if not former and any(k in out for k in strikers) and (struck := _struck_in_year(ctx, f)) is not None:
            former, year = True, struck  # "SAG-AFTRA ALSO STRUCK the alliance IN 2041", after its strike of now
        last_told = []
        for striker in strikers:
            # ("The 2000 strike is the reason ...": the striker's strike of that year, told before, if there is one)
            told = next((k for k in out if (k == striker or k.startswith(striker + "#")) and year is not None
                         and year in {d.year for d in (out[k].start, out[k].end) if d is not None}), None)
            key = told or (_strike_key(out, striker, targets, begun, placed) if not former else
                           _former_key(out, striker))
            ev = out.get(key)
            if ev is None:
                ev = out[key] = Event("Strike", {"strikingParty": [striker]})
                placed[key] = begun.year if begun else _struck_in_year(ctx, f, ("year", "month"))
            if key in order:
                order.remove(key)
            if not former:  # ("the strike" after it is the article's, not the earlier one)
                order.append(key)
                last_told.append(key)
            else:
                former_at[f.sent_start] = key
            strike_details(ctx, ev, f, counts=not former)
            if former and year is not None:
                _in_year(ctx, ev, f, year)
            if deal is not None and ended and ev.end is None:
                days, _ = frame_days(ctx, deal)
                ev.end = days[0] if len(days) == 1 else None  # the day of the deal that ended it
    if unattributed:
        if out:
            first = next(iter(out.values()))  # told of before its strikers were named: the first strike named
            for f, _ in unattributed:
                strike_details(ctx, first, f)
        else:
            guild = ctx.main("Guild")
            if guild is not None:
                ev = out[guild] = Event("Strike", {"strikingParty": [guild]}, inferred_roles={"strikingParty"})
                for f, _ in unattributed:
                    strike_details(ctx, ev, f)
                ev.evidence.append(ctx.inferred_evidence(guild, "strikingParty"))
    for key in [k for k, ev in out.items() if _whole_struck(ctx, ev, out.values())]:
        del out[key]
    for ev in out.values():
        ev.issues = set(issues)  # a strike is over the dispute's issues as the article tells them
        told = " ".join(e.sentence for e in ev.evidence if not e.inferred).lower()
        if ev.start is not None and ev.end is None and any(w in told for w in ctx.lexicon.frames["Strike"].one_day):
            ev.end = ev.start  # "a 24-HOUR walkout on Tuesday" ended that day (frames.yaml Strike `one_day`)
    return list(out.values())


def _members_struck(ctx: Context, f: Frame) -> bool:
    """A verb of striking whose subject is workers of no named union ("172 MEMBERS stopped work on Tuesday")."""
    verb = ctx.doc[f.trigger]
    return verb.pos_ == "VERB" and any(s.lemma_.lower() in ctx.lexicon.frames["Strike"].member_subjects
                                       and ctx.linked.at_token(s.i) is None for s in logical_subjects(verb))


def _whole_struck(ctx: Context, ev: Event, others) -> bool:
    """"The boards of WGA West and WGA East voted to call a strike" beside the WGA's strike that day: the whole's."""
    striker = ev.roles["strikingParty"][0]
    ref, local = ctx.reference.actors.get(striker), ctx.linked.actors.get(striker)
    wholes = set(ref.part_of if ref is not None else ()) | ({local.part_of} if local and local.part_of else set())
    told = {e.sentence for e in ev.evidence}  # (not "IATSE and the Animation Guild walked out": two strikers)
    whole = [o for o in others if o is not ev and o.roles["strikingParty"][0] in wholes
             and not told & {e.sentence for e in o.evidence}]
    # the same day; or no day of its own beside the whole's one strike ("the strike, waged by the guild's two
    # branches, WGA West and WGA East")
    # (or the day before: "the boards voted Tuesday night to call the strike" that began at midnight)
    return any(ev.start is not None and o.start is not None and 0 <= (o.start - ev.start).days <= 1 for o in whole) or (
        ev.start is None and ev.end is None and len(whole) == 1 and whole[0].start is not None)


def strike_targets(ctx: Context, events: list[Event]) -> None:
    """A strike whose target the text does not name is against the companies the article lists as one group when
    it names no association, else the side its strikers bargain with in the article (talks, offers or a deal
    between them), else the employers' association the article names: an inference, marked as such."""
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
        owner = _workplace_owner(ctx, ev)
        if owner is not None:  # "members on Palisade Row's thriller walked off the set": the company they work for
            ev.roles["target"] = [owner[0]]  # (told in the strike's own sentence, whatever its year)
            ev.inferred_roles.add("target")
            ev.evidence.append(ctx.evidence(*owner[1], "inferred:target:workplace-owner", 0.5, inferred=True))
            continue
        if of_another_year(ctx, [e.sentence for e in ev.evidence if not e.inferred]) or any(
                e.extractor == PRESUPPOSED for e in ev.evidence):
            continue  # "the DGA has gone on strike once, in 1987": today's bargaining tells not whom it was against
        striker = ev.roles["strikingParty"][0]
        listed = ctx.listed_employers if ctx.main("EmployerAssociation") is None else None
        if listed is not None and (across[striker][0][0] in listed[0] if striker in across
                                   else striker == ctx.main("Guild")):
            # no association: the companies the article lists as one group are the side it strikes
            ev.roles["target"] = list(listed[0])
            ev.inferred_roles.add("target")
            ev.evidence.append(ctx.evidence(*listed[1], "inferred:target:listed-employers", 0.5, inferred=True))
            continue
        if striker in across:
            # the employer most of its talks, offers and deals are with (ties: one the strike's own sentences name,
            # the association, then the first)
            counts = Counter(e for e, _ in across[striker])
            named = {m.actor for e in ev.evidence if not e.inferred for m in ctx.linked.between_chars(e.start, e.end)}
            target, source = max(across[striker], key=lambda x: (counts[x[0]], x[0] in named))
            first = source.evidence[0]
            evidence = ctx.evidence(first.start, first.end, "inferred:target:bargaining-counterpart", 0.5,
                                    inferred=True)
        else:  # (the employer a sentence sets its strikers against: "their contract with Universal Orlando")
            faced = ctx.faced_employers.get(striker)
            target = faced.most_common(1)[0][0] if faced else ctx.main("EmployerAssociation")
            if target is None:
                continue
            evidence = ctx.inferred_evidence(target, "target")
        ev.roles["target"] = [target]
        ev.inferred_roles.add("target")
        ev.evidence.append(evidence)
    group = ctx.listed_employers
    for ev in events:
        if ev.kind == "Strike" and ev.roles.get("target") and group is not None \
                and set(ev.roles["target"]) < set(group[0]) and _tells_struck(ctx, group[1]):
            # "pickets outside Insomniac's offices ... The struck companies are Insomniac, A, B": all of them
            ev.roles["target"] = list(dict.fromkeys([*ev.roles["target"], *group[0]]))
            ev.inferred_roles.discard("target")
            ev.evidence.append(ctx.evidence(*group[1], "frame:Strike:listed-targets", 0.6))


def _workplace_owner(ctx: Context, ev: Event) -> tuple[str, tuple[int, int]] | None:
    """The one company that owns, in a sentence telling the strike, what its strikers work on ("members on
    Palisade Row's thriller walked off", "walked off the set of Palisade Row's thriller"): a possessor or a modifier
    of a noun, with no other employer named there; and that sentence."""
    for e in ev.evidence:
        if e.inferred or not e.extractor.startswith("frame:Strike"):
            continue
        span = ctx.doc.char_span(e.start, e.end, alignment_mode="expand")
        if span is None:
            continue
        named = ctx.linked.between_tokens(span.start, span.end)
        employers = {m.actor for m in named if ctx.type_of(m.actor) in EMPLOYERS}
        owners = {m.actor for m in named if ctx.type_of(m.actor) == "Studio" and _owns(ctx.doc[m.tok_start:m.tok_end])}
        if len(owners) == 1 and employers == owners:
            return owners.pop(), (e.start, e.end)
    return None


def _owns(name) -> bool:
    """Whether a company's name is the possessor or the modifier of a noun that is not its clause's subject
    ("Palisade Row's thriller", not "Palisade Row's chief executive said"), or where the subject works ("crews AT
    Harbor Lane Films walked out")."""
    root = name.root
    if root.dep_ == "pobj" and root.head.lower_ in ("at", "for") and root.head.head.dep_ == "nsubj" \
            and root.head.head.tag_ == "NNS":  # (a workforce: "crews", "workers"; not "a spokesperson at X")
        return True
    return root.dep_ in ("poss", "compound") and root.head.pos_ in ("NOUN", "PROPN") \
        and root.head.dep_ not in ("nsubj", "nsubjpass")


def _ends_a_strike_told(ctx: Context, f: Frame, out: dict[str, Event]) -> bool:
    """A strike ended by strikers named by a description with no strike of their own told: the strike told
    before is the one ended ("the union SUSPENDED the strike the same day")."""
    fillers = f.roles.get("strikingParty", [])
    return f.verb >= 0 and ctx.doc[f.verb].lemma_.lower() in ctx.lexicon.frames["Strike"].end and bool(fillers) \
        and all(x.how != "name" for x in fillers) \
        and not any(k == x.actor or k.startswith(x.actor + "#") for x in fillers for k in out)


def _ending_deal(ctx: Context, f: Frame, frames: list[Frame]) -> tuple[Frame | None, bool]:
    """The deal whose clause ends the strike ("SAG-AFTRA reached a deal on Wednesday, ENDING a 118-day strike", "a
    deal that brought an end to the walkout") or comes after it ("reached a deal after months of strike"): its
    guilds were the ones on strike; and whether it ended the strike (its day the strike's last)."""
    trigger = ctx.doc[f.trigger]
    if any(c.dep_ == "poss" or (c.dep_ in ("compound", "nmod", "amod") and c.pos_ in ("NOUN", "PROPN")
                                    and c.lemma_.lower() not in _TIME_UNITS) for c in trigger.children):
        return None, False  # "after the writers' strike": someone else's
    above = list(trigger.ancestors)[:4]
    # an end word that takes the strike as its object, not as its subject ("after the strike ended")
    ending = any(_end_word(ctx, t) and below.dep_ not in ("nsubj", "nsubjpass")
                 for below, t in zip([trigger] + above, above))
    after = [t.head.i for t in above if t.dep_ == "prep" and t.lower_ in ("after", "following")
             and determiner(ctx, f) != "the"]
    if not ending and not after:
        return None, False
    deal = next((d for d in frames if d.name == "Agreement" and not d.hedge and d.sent_start == f.sent_start
                 and d.verb >= 0 and trigger in ctx.doc[d.verb].subtree and (ending or d.verb in after)), None)
    return deal, ending


_TIME_UNITS = frozenset({"day", "week", "month", "year"})  # "a 118-day strike" tells its length, not its strikers


def _end_word(ctx: Context, tok) -> bool:
    spec = ctx.lexicon.frames["Strike"]
    return temporal.aspect_word(tok, spec.begin | spec.end) in spec.end


def _strike_key(out: dict[str, Event], striker: str, targets: set[str], begun: dt.date | None = None,
                placed: dict[str, int | None] | None = None) -> str:
    """The strike a mention is of: the striker's strike whose named targets it shares (or which names none);
    one against other employers than theirs ("a strike against the AMPTP last year"), or begun in another year
    than the one it began or was placed in ("struck the alliance in 1988 ... again from Nov. 5, 2007"), is
    another strike."""
    mine = [k for k in out if k == striker or k.startswith(striker + "#") and "#former" not in k]
    for k in reversed(mine):
        named = set(out[k].roles.get("target", []))
        year = out[k].start.year if out[k].start is not None else (placed or {}).get(k)
        if begun is not None and year is not None and begun.year != year:
            continue
        if not targets or not named or named & targets:
            return k
    return striker if not mine else f"{striker}#{len(mine)}"


def _former(ctx: Context, f: Frame) -> bool:
    """"The guild's LAST strike, which began in November 2007", "the strike OF 2023", "the 2023 strike" (in a later
    year's article): an earlier strike, placed in another year, is not the one the article is about (its day count
    is its own)."""
    tok, former = ctx.doc[f.trigger], ctx.lexicon.frames["Strike"].earlier_modifiers
    return any(c.dep_ == "amod" and c.lower_ in former for c in tok.children) and \
        of_another_year(ctx, [ctx.text[f.sent_start:f.sent_end]]) or _named_year(ctx, f) is not None


def _struck_in_year(ctx: Context, f: Frame, kinds: tuple[str, ...] = ("year",)) -> int | None:
    """"SAG-AFTRA also STRUCK the alliance IN 2041" (with `kinds` "month" too: "IN MAY 2023"): the one year, earlier
    than the article's, that a verb of striking is placed in, else None."""
    if ctx.doc[f.trigger].pos_ != "VERB" or ctx.anchor is None:
        return None
    years = {int(y) for d in f.dates if ctx.date_kind(d.start) in kinds and not _since_other(ctx, f, d)
             for y in re.findall(r"\b(?:19|20)\d\d\b", ctx.text[d.start:d.end])}
    return years.pop() if len(years) == 1 and next(iter(years)) < ctx.anchor.year else None


def _since_other(ctx: Context, f: Frame, d) -> bool:
    """A "since" year that places another strike than the frame's: "walking out for the first time SINCE 2044" (but
    "since 2023, WHEN SAG-AFTRA WALKED OUT for 118 days" tells the walkout of that year)."""
    span = ctx.doc.char_span(d.start, d.end, alignment_mode="expand")
    if span is None or span.root.head.lower_ != "since":
        return False
    return not any(f.trigger in {t.i for t in c.subtree} for c in span.root.children if c.dep_ == "relcl")


PRESUPPOSED = "frame:Strike:presupposed"  # the evidence of a strike "not since 1958" tells of


def _last_struck(ctx: Context, f: Frame) -> int | None:
    """The year of the last strike "not ... since YEAR", "the first ... since YEAR" presupposes (before the story's)."""
    tok = ctx.doc[f.trigger]
    verb = next((a for a in list(tok.ancestors)[:2] if a.pos_ in ("VERB", "AUX")), None)  # "gone on strike since"
    # "walk out FOR THE FIRST TIME since 2039": the time, and its "since"
    times = [p for h in (tok, verb) if h is not None for c in h.children if c.dep_ == "prep" and c.lower_ == "for"
             for p in c.children if p.lemma_ == "time" and any(a.lower_ == "first" for a in p.children)]
    first = any(c.dep_ == "amod" and c.lower_ == "first" for c in tok.children) or bool(times)
    if ctx.anchor is None or not (first or f.hedge == NEGATED):
        return None
    years = [int(p.text) for h in (tok, verb, *times) if h is not None for c in h.children if c.dep_ == "prep"
             and c.lower_ == "since" for p in c.children if p.dep_ == "pobj" and re.fullmatch(r"(?:19|20)\d\d", p.text)]
    return years[0] if len(years) == 1 and years[0] < ctx.anchor.year else None


def _when_clauses(ctx: Context, f: Frame, year: int) -> list:
    """The "when" clauses on a presupposed strike's "since" year: "have not struck since 2039, WHEN THEY SPENT 99
    DAYS ON PICKET LINES against the alliance"."""
    return [c for t in ctx.doc[f.trigger].sent if t.text == str(year) and t.dep_ == "pobj" and t.head.lower_ == "since"
            for c in t.children if c.dep_ == "relcl" and any(w.lower_ == "when" for w in c.children)]


def _against(ctx: Context, clauses: list) -> list[str]:
    """The employers the clauses strike against ("picket lines AGAINST THE ALLIANCE")."""
    found = [ctx.linked.at_token(o.i) for c in clauses for t in c.subtree if t.lower_ == "against"
             for p in t.children if p.dep_ == "pobj" for o in (p, *p.conjuncts)]
    return sorted({m.actor for m in found if m is not None and ctx.type_of(m.actor) in EMPLOYERS})


def _in_year(ctx: Context, ev: Event, f: Frame, year: int) -> None:
    """"the strike of 2023, which ended on Sept. 27": its days written without a year are in its year."""
    written = {int(y) for y in re.findall(r"\b(?:19|20)\d\d\b", ctx.text[f.sent_start:f.sent_end])}
    for name in ("start", "end"):
        day = getattr(ev, name)
        if day is not None and day.year != year and day.year not in written:
            try:
                setattr(ev, name, day.replace(year=year))
            except ValueError:  # February 29
                setattr(ev, name, None)


def _named_year(ctx: Context, f: Frame) -> int | None:
    """An earlier year than the article's that names a strike noun: "the strike OF 2023", "the 2023 walkout"."""
    tok = ctx.doc[f.trigger]
    if tok.pos_ != "NOUN" or ctx.anchor is None:
        return None
    words = [c for c in tok.children if c.dep_ in ("nummod", "compound", "nmod") and c.i < tok.i]
    words += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]
    years = {int(w.text) for w in words if re.fullmatch(r"(?:19|20)\d\d", w.text)}
    return years.pop() if len(years) == 1 and next(iter(years)) < ctx.anchor.year else None


def _former_key(out: dict[str, Event], striker: str) -> str:
    """The key of another, earlier strike of the same strikers."""
    return f"{striker}#former{sum(1 for k in out if k.startswith(striker + '#'))}"


def _tells_struck(ctx: Context, span: tuple[int, int]) -> bool:
    """Whether a sentence tells of a strike: "The STRUCK companies are ...", "the companies it has been STRIKING"."""
    sent = ctx.doc.char_span(*span, alignment_mode="expand")
    return sent is not None and any(t.lemma_.lower() in ("strike", "struck") and t.pos_ in ("VERB", "ADJ")
                                    for t in sent)


def _another_of_theirs(ctx: Context, f: Frame, out: dict[str, Event], last: str) -> str | None:
    """The key of a new strike for "A strike ... began Aug. 14, 2062" (an indefinite strike with no strikers and a
    start of its own written with a year other than the last strike's): the last strikers' earlier one."""
    begun = own_start(ctx, f, written_year=True)
    known = out[last].start
    if determiner(ctx, f) not in ("a", "an", "another") or begun is None or known is not None and \
            known.year == begun.year:
        return None
    striker = out[last].roles["strikingParty"][0]
    key = _former_key(out, striker)
    out[key] = Event("Strike", {"strikingParty": [striker]}, inferred_roles={"strikingParty"})
    strike_details(ctx, out[key], f, counts=False)
    out[key].evidence.append(ctx.inferred_evidence(striker, "strikingParty"))
    return key
