"""Relations between actors: positions, membership, parts, support and bargaining, read sentence by sentence."""
from __future__ import annotations

import re

from ..link import Mention
from .context import Context, Sentence
from .facts import Relation

ORGS = {"Guild", "Studio", "EmployerAssociation", "GovernmentAgency", "MediaOutlet"}
EMPLOYERS = {"Studio", "EmployerAssociation"}

_TITLE_WORDS = (r"(?:(?:international|general|national|executive|senior|lead|chief)\s+)?"
                r"(?:co-)?(?:CEO|chief executive(?: officer)?|chief content officer|chief operating officer|COO|CFO|"
                r"chief negotiator|national executive director|executive director|president|vice president|"
                r"lead negotiator|business representative|"
                r"chairman|chairwoman|chairperson|chair|co-chair|co-chairman|head|spokesperson|spokesman|"
                r"spokeswoman|secretary-treasurer|treasurer|secretary|business agent|general counsel|"
                r"(?:chief )?negotiator|founder|owner|executive producer|showrunner)")
_TITLE = re.compile(rf"(?i)(?:(?:the|its|their)\s+)?((?:(?:former|interim|acting|outgoing|incoming|newly elected)\s+)?"
                    rf"{_TITLE_WORDS}(?:\s+(?:and|&)\s+{_TITLE_WORDS})*)")
_JOINED_TITLES = re.compile(r"\s+(?:and|&)\s+", re.I)


def _gap(ctx: Context, a: int, b: int) -> str:
    return ctx.text[a:b]


def _titles(text: str) -> list[str] | None:
    """The role(s) if `text` is exactly a title ("chairman and chief content officer" is two)."""
    m = _TITLE.fullmatch(text.strip())
    if not m:
        return None
    return [t.strip() for t in _JOINED_TITLES.split(m.group(1)) if t.strip()]


def positions(ctx: Context, sent: Sentence) -> list[Relation]:
    """"Disney CEO Bob Iger", "Bob Iger, Disney CEO", "SAG President, Fran Drescher", "Iger, CEO of Disney",
    "the AMPTP, through Carol Lombardini", "David Faber with CNBC"."""
    out = []
    ms = sent.mentions
    people = [m for m in ms if ctx.type_of(m.actor) == "Person" and m.kind != "description"]
    orgs = [m for m in ms if ctx.type_of(m.actor) in ORGS]
    for p in people:
        for o in orgs:
            roles, rule = None, None
            if o.end <= p.start:
                gap = _gap(ctx, o.end, p.start)
                # "Disney CEO Bob Iger" / "SAG President, Fran Drescher" / "the AMPTP's president, Carol L."
                g = re.sub(r"^'s?\s*", "", gap)
                g = re.sub(r",\s*$", "", g.strip())
                roles = _titles(g) if g else None
                rule = "position-org-title-name" if roles else None
                if roles is None and re.fullmatch(r",\s*through\s+", gap):
                    roles, rule = [None], "position-acts-through"
            else:
                gap = _gap(ctx, p.end, o.start)
                # "Bob Iger, Disney CEO" (title after the org) / "Iger, CEO of Disney" / "Faber with CNBC"
                after = re.sub(r"^'s?", "", ctx.text[o.end: o.end + 80])  # "Local 399's secretary-treasurer"
                if re.fullmatch(r",\s*(?:the\s+)?", gap):
                    tm = _TITLE.match(after.lstrip())
                    if tm and re.match(r"\s*(?:[,;.)]|and\b|$)", after.lstrip()[tm.end():]):
                        roles = _titles(tm.group(0))
                        rule = "position-name-org-title"
                if roles is None:
                    m = re.fullmatch(rf",?\s*(?:the\s+)?({_TITLE_WORDS}(?:\s+(?:and|&)\s+{_TITLE_WORDS})*)"
                                     r"\s+(?:of|at|for)\s+(?:the\s+)?", gap, re.I)
                    if m:
                        roles, rule = _titles(m.group(1)), "position-name-title-of-org"
                if roles is None and re.fullmatch(r"\s+(?:with|of|from)\s+", gap) and \
                        ctx.type_of(o.actor) == "MediaOutlet":
                    roles, rule = [None], "position-reporter-with-outlet"
            # the nearest org only: "Bob Iger, Disney CEO; David Zaslav, ..." must not give Iger Zaslav's org
            if roles and not any(x for x in orgs if x is not o and min(o.end, p.end) <= x.start < max(o.start, p.start)):
                for role in roles:
                    out.append(Relation(p.actor, "holdsPosition", o.actor, [ctx.evidence(sent, rule, 0.9)],
                                        role=role))
    return out


_LIST_SEP = re.compile(r"(?i)\s*(?:,|,?\s*and|,?\s*or|&)\s*(?:the\s+)?$")
_MEMBER_CUE = re.compile(r"(?i)\b(members?|member companies|studios|streamers|companies|networks|represent(s|ing)?)\b")
_SUCH_AS = re.compile(r"(?i)\b(?:studios|streamers|streaming (?:companies|services|platforms)|companies|networks|"
                      r"members|member companies|broadcasters)\s*(?:,\s*)?(?:such as|like|including)\s+$")


_REPRESENTS_AMONG_THEM = re.compile(r"(?i)\b(?:which|that)\s+(?:represents|bargains for|negotiates for)\s+"
                                   r"(?:the\s+)?(?:studios|companies|producers|employers|networks|streamers)\b"
                                   r"[^.;]{0,60}?,?\s*(?:among them|including|such as)\s+$")


def _studio_runs(ctx: Context, sent: Sentence) -> list[list[Mention]]:
    """Runs of studios written as a list: "Sony, Warners, Disney, Fox, CBS, Paramount, MGM and NBC"."""
    runs, cur = [], []
    studios = [m for m in sent.mentions if ctx.type_of(m.actor) == "Studio" and m.kind != "description"]
    for m in studios:
        if cur and _LIST_SEP.match(ctx.text[cur[-1].end: m.start]) is None:
            runs.append(cur)
            cur = []
        cur.append(m)
    if cur:
        runs.append(cur)
    return runs


_ON_BEHALF = re.compile(r"(?i)\b(?:which|that|who)\s+(?:bargains|negotiates)\s+(?:on behalf of|for)\s+(?:the\s+)?$|"
                        r"\b(?:which|that)\s+represents\s+(?:the\s+)?$")
_COALITION_MEMBERS = re.compile(r"(?i)\b(?:coalition|federation|council)\s+(?:includes|included|comprises|"
                                r"is made up of|consists of)\s+(?:the\s+)?$|\bcoalition\s+led by\s+(?:the\s+)?$")


def memberships(ctx: Context, sent: Sentence) -> list[Relation]:
    """Studios listed as the employers' side: a list of three or more studios where the text speaks of the
    studios, or "streamers such as Netflix" next to the association that represents them."""
    association = ctx.main("EmployerAssociation")
    if association is None:
        return []
    out = []
    neighbours = [s for s in ctx.sentences if abs(s.index - sent.index) <= 1]
    assoc_near = any(m.actor == association for s in neighbours for m in s.mentions if m.kind != "description")
    for run in _studio_runs(ctx, sent):
        before = ctx.text[sent.start: run[0].start]
        if _ON_BEHALF.search(before) and ctx.mention_before(run[0].start, {"EmployerAssociation"}, within=80):
            rule = "member-represented-by-association"  # "The alliance, which bargains on behalf of Netflix, ..."
        elif _SUCH_AS.search(before) and assoc_near:
            rule = "member-such-as-near-association"
        elif _REPRESENTS_AMONG_THEM.search(before) and ctx.mention_before(run[0].start, {"EmployerAssociation"},
                                                                             within=120):
            rule = "member-represented-by-association"  # "The AMPTP, which represents the studios ..., among them"
        elif len(run) >= 3 and _MEMBER_CUE.search(sent.text) and assoc_near:
            rule = "member-list-of-studios"
        else:
            continue
        for m in run:
            out.append(Relation(m.actor, "memberOf", association, [ctx.evidence(sent, rule, 0.75)]))
    # "the AMPTP, which represents Disney, Netflix and Amazon" / "members include ..."
    return out


def coalition_members(ctx: Context, sent: Sentence) -> list[Relation]:
    """Unions listed as a coalition's members: "the coalition includes IBEW Local 40, UA Local 78 and ...",
    "the five-union coalition led by Teamsters Local 399"."""
    out = []
    guilds = [m for m in sent.mentions if ctx.type_of(m.actor) == "Guild" and m.kind != "description"]
    for i, m in enumerate(guilds):
        cue = _COALITION_MEMBERS.search(ctx.text[sent.start: m.start])
        if not cue:
            continue
        coalition = ctx.mention_at(sent.start + cue.start(), sent.start + cue.end())
        if coalition is None or ctx.type_of(coalition.actor) != "Guild":
            # a coalition of unions: the last union body named like one ("Hollywood Basic Crafts")
            coalition = next((x for x in reversed(ctx.linked.mentions) if x.end <= sent.start + cue.start()
                              and ctx.type_of(x.actor) == "Guild" and
                              re.search(r"Crafts|Coalition|Council|Federation", ctx.linked.actors[x.actor].label)),
                             None)
        if coalition is None or coalition.actor == m.actor:
            continue
        run = [m]
        for x in guilds[i + 1:]:
            if not re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*(?:the\s+)?", ctx.text[run[-1].end: x.start]):
                break
            run.append(x)
        out += [Relation(x.actor, "partOf", coalition.actor, [ctx.evidence(sent, "part-coalition-members", 0.75)])
                for x in run if x.actor != coalition.actor]
        break
    return out


def parts(ctx: Context, sent: Sentence) -> list[Relation]:
    """A body named as part of another ("WGA West", "IATSE Local 839", "WGAEast"): the reference records the
    whole; stated where the article also names the whole or the part's name contains it."""
    out = []
    present = {m.actor for m in ctx.linked.mentions if m.kind != "description"}
    for m in sent.mentions:
        ref = ctx.reference.actors.get(m.actor)
        if m.kind != "name" or ref is None:
            continue
        first = min(x.start for x in ctx.linked.mentions if x.actor == m.actor)
        if m.start != first:
            continue
        for whole in ref.part_of:
            whole_ref = ctx.reference.actors.get(whole)
            named_inside = whole_ref is not None and any(n in m.text for n in whole_ref.names if len(n) > 2)
            if whole in present or named_inside:
                out.append(Relation(m.actor, "partOf", whole, [ctx.evidence(sent, "part-by-name", 0.8)]))
    # "Teamsters Local 399" found by the NER: a local of the union named in it
    return out


_SUPPORT = re.compile(r"(?i)\b(pledged (?:its |their |his |her )?(?:full )?support (?:for|to)|"
                      r"(?:voiced|expressed|declared|offered) (?:its |their )?(?:full )?support (?:for|to)|"
                      r"(?:stands?|stood|standing) (?:in solidarity )?with|in solidarity with|"
                      r"(?:has |have )?backed|supports|supported|endorsed)\s+(?:the\s+)?$")


_SUPPORT_TRADE = re.compile(r"(?i)\b(?:pledged (?:its |their )?(?:full )?support (?:for|to)|(?:stands?|stood|standing) "
                            r"(?:in solidarity )?with|in solidarity with|(?:has |have )?backed|supported)\s+the\s+"
                            r"(?P<trade>writers|actors|directors|performers|crews|animators|editors|teamsters)\b")


def supports(ctx: Context, sent: Sentence) -> list[Relation]:
    out = []
    orgs = [m for m in sent.mentions if ctx.type_of(m.actor) in ORGS | {"Person"}]
    for i, o in enumerate(orgs):
        for s in reversed(orgs[:i]):
            gap = ctx.text[s.end: o.start]
            if len(gap) > 80 or s.actor == o.actor:
                continue
            # "SAG has recently pledged its support for the WGA": the supporter is the nearest actor before
            m = _SUPPORT.search(gap)
            if m and not re.search(r"(?i)\b(not|never|n't|withdr[ae]w)\b", gap):
                out.append(Relation(s.actor, "supports", o.actor, [ctx.evidence(sent, "supports-pledge", 0.8)]))
                break
    # "SAG publicly backed the writers", "SAG-AFTRA and the WGA West said their members stood with the crews": the
    # guild of the trade named; the supporters are the actor nearest before and those listed with it
    for m in _SUPPORT_TRADE.finditer(sent.text):
        target = ctx.guild_by_occupation(m.group("trade"))
        pos = sent.start + m.start()
        before = [x for x in orgs if x.end <= pos and pos - x.end <= 80 and x.actor != target]
        if target is None or not before or re.search(r"(?i)\b(not|never|n't|withdr[ae]w)\b",
                                                      ctx.text[before[-1].end: pos]):
            continue
        supporters = [before[-1], *ctx.listed_before(before, len(before) - 1)]
        out += [Relation(x.actor, "supports", target, [ctx.evidence(sent, "supports-trade", 0.7)])
                for x in supporters]
    return out


_NEGOTIATE = re.compile(r"(?i)\b(?:re)?negotiat\w*|\bbargain\w*|\btalks\b|\bdiscussions\b|\bdeal\b")
_WITH = re.compile(r"(?i)(?:\b(?:re)?negotiat\w*(?: (?:new |a new |its |their )?contracts?)?|"
                   r"\b(?:talks|discussions|negotiations|bargaining|meeting|meetings|deal|contract talks)|"
                   r"\bwalked out of (?:the )?(?:talks|discussions|negotiations)|"
                   r"\b(?:return|came back|come back|returned) to the (?:bargaining )?table) with\s+(?:the\s+)?$")
_BETWEEN = re.compile(r"(?i)\b(?:negotiations|talks|bargaining|discussions|meeting|deal|agreement) between\s+"
                      r"(?:the\s+)?$")
_HEDGE = re.compile(r"(?i)\b(willing(?:ness)? to|would|could|might|may|open to|if|whether|refus\w+ to|"
                    r"individually|separately|individual)\b")


def negotiations(ctx: Context, sent: Sentence) -> list[Relation]:
    """"talks with", "negotiating with", "due to renegotiate contracts with X and Y", "negotiations between X and
    Y": a guild and an employer that bargain, are bargaining or are due to. Willingness is not bargaining."""
    out = []
    ms = [m for m in sent.mentions if ctx.type_of(m.actor) in ORGS]
    for i, o in enumerate(ms):
        before = ctx.text[sent.start: o.start]
        # one list: "with the Directors Guild of America and the Screen Actors Guild"
        head = o
        j = i
        while j > 0 and re.fullmatch(r"\s*(?:,|,?\s*and|&)\s*(?:the\s+)?", ctx.text[ms[j - 1].end: ms[j].start]):
            j -= 1
            head = ms[j]
        lead = ctx.text[sent.start: head.start]
        if _WITH.search(lead):
            clause = lead[max(0, len(lead) - 120):]
            if _HEDGE.search(clause):
                continue
            subj = ctx.mention_before(sent.start + _WITH.search(lead).start(), ORGS, within=400, named=True)
            if subj is None or subj.actor == o.actor:
                continue
            out.append(Relation(subj.actor, "negotiatesWith", o.actor, [ctx.evidence(sent, "negotiates-with", 0.75)]))
        elif _BETWEEN.search(before) and i + 1 < len(ms) and re.fullmatch(
                r"\s*(?:and|&)\s*(?:the\s+)?", ctx.text[o.end: ms[i + 1].start]):
            out.append(Relation(o.actor, "negotiatesWith", ms[i + 1].actor,
                                [ctx.evidence(sent, "negotiations-between", 0.8)]))
    return [r for r in out if _bargaining_pair(ctx, r.s, r.o)]


def _bargaining_pair(ctx: Context, a: str, b: str) -> bool:
    kinds = {ctx.type_of(a), ctx.type_of(b)}
    return "Guild" in kinds and bool(kinds & EMPLOYERS)


RULES = (positions, memberships, parts, coalition_members, supports, negotiations)


def extract_relations(ctx: Context) -> list[Relation]:
    out = []
    for sent in ctx.sentences:
        for rule in RULES:
            out += rule(ctx, sent)
    return out
