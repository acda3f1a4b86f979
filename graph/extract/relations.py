"""Relations: positions, support, membership, parts and bargaining from the relation frames, the relations that
events state by themselves (a strike is against its target, an offer is made across the table), and the parts
the reference records."""
from __future__ import annotations

import re
from dataclasses import replace

from .context import EMPLOYERS, ORGS, Context
from .events import CONFIDENCE
from .facts import Event, Evidence, Relation
from .fellow_parts import fellow_parts
from .frame_types import POSITION, Frame
from .hedges import HYPOTHETICAL
from .index import sentences
from .syntax import logical_subjects, resumes


def _evidence(ctx: Context, f: Frame, fillers) -> Evidence:
    conf = min((CONFIDENCE.get(x.how, 0.7) for x in fillers), default=0.7)
    return ctx.evidence(f.sent_start, f.sent_end, f.rule, conf)


def positions(ctx: Context, frames: list[Frame]) -> list[Relation]:
    """holdsPosition from titles; a person given two titles in one sentence holds both at the organisation named
    with either ("Tino Gagliardi, AFM international president and chief negotiator")."""
    out = []
    titles = [f for f in frames if f.name == POSITION and not f.hedge]  # not "X is not the CEO of Netflix"
    by_sentence: dict[int, list[Frame]] = {}
    for f in titles:
        by_sentence.setdefault(f.sent_start, []).append(f)
    for f in titles:
        holder = f.roles["holder"][0]
        orgs = f.roles["organization"]
        near = by_sentence[f.sent_start]  # the titles of its sentence
        if not orgs:
            orgs = next((g.roles["organization"] for g in near if g is not f and g.sent_start == f.sent_start
                         and g.roles["holder"][0].actor == holder.actor and g.roles["organization"]), [])
        if not orgs:
            orgs = _coordinated_holders_org(ctx, f, near)
        for o in orgs:
            out.append(Relation(holder.actor, "holdsPosition", o.actor, [_evidence(ctx, f, [holder, o])],
                                role=f.title))
        if not orgs and _government_office(ctx, f):
            continue  # "Mayor X said she stands with the WGA": no post at the body around
        if not orgs and (org := _only_body_around(ctx, f)) is not None:
            # "Chief Executive Officer Jon Feltheimer said" after a paragraph about one company: its officer
            ev = ctx.evidence(f.sent_start, f.sent_end, "inferred:holdsPosition:only-body-around", 0.5, inferred=True)
            out.append(Relation(holder.actor, "holdsPosition", org, [ev], role=f.title))
        elif not orgs and (org := _only_body_around(ctx, f, side := _side(ctx, f)) or (
                ctx.story_company if side == ("Studio",) else None)) is not None:  # (or the story's company)
            # "negotiating committee chair X told members" after the guild and the alliance: the guild's
            ev = ctx.evidence(f.sent_start, f.sent_end, "inferred:holdsPosition:only-side-around", 0.5,
                              inferred=True)
            out.append(Relation(holder.actor, "holdsPosition", org, [ev], role=f.title))
    return out


_BODIES = ("Guild", "Studio", "EmployerAssociation")


def _government_office(ctx: Context, f: Frame) -> bool:
    """An office of government (titles.yaml `government_offices`): "Mayor", "Councilmember"."""
    return " ".join((f.title or "").lower().split()) in ctx.lexicon.government_offices


def _side(ctx: Context, f: Frame) -> tuple[str, ...]:
    """The side a bare title is held on (titles.yaml `sides`): by the title, or a noun before it ("union
    spokesperson"); () if it could be either."""
    title = (f.title or "").lower()
    first = min(f.scope, default=f.trigger)
    before = ctx.doc[first - 1].lower_ if first > 0 else ""
    for side, cues in ctx.lexicon.titles.get("sides", {}).items():
        if any(title == t or title.endswith(" " + t) for t in cues["titles"]) or before in cues["words"]:
            return (side,)
    return ()


def _only_body_around(ctx: Context, f: Frame, types: tuple[str, ...] = _BODIES) -> str | None:
    """The one union, company or association (of `types`) named in a title's sentence and the two before it, if
    only one is, for a title that stands bare before its holder ("President Sean Astin said"; not "a spokeswoman
    for the companies" or "Northgate's chief executive", whose body is another the article may not name as
    one)."""
    if not types:
        return None
    first = min(f.scope, default=f.trigger)  # the title's first word
    before = ctx.doc[first - 1] if first > 0 else None
    sided = types != _BODIES and before is not None and before.lower_ in ("a", "an")
    if before is not None and (before.tag_ in ("DT", "PRP$", "POS") and not sided
                               or before.tag_ == "IN" and before.lower_ not in ("by", "as")):
        # a determiner, a possessor, a preposition to another body: "a spokeswoman for", "Northgate's chief
        # executive" (not the agent's "by": "led by chief negotiator X", nor the title's "as": "with Y as co-chair";
        # nor "a" before a title one side holds: "X, A national board member, voted no")
        return None
    sents = sentences(ctx.doc)
    at = sents.at_token(f.trigger)
    floor = sents.starts[max(at - 2, 0)]
    end = sents.starts[at + 1] if at + 1 < len(sents.starts) else len(ctx.doc)
    named = {m.actor for m in ctx.linked.between_tokens(floor, end) if ctx.type_of(m.actor) in types}
    return named.pop() if len(named) == 1 else None


def _coordinated_holders_org(ctx: Context, f: Frame, titles: list[Frame]):
    """"SAG-AFTRA President Fran Drescher and National Executive Director Duncan Crabtree-Ireland": the second
    title's organisation is said once, with the first."""
    holder_tok = ctx.doc[f.roles["holder"][0].token]
    others = {t.i for t in holder_tok.conjuncts}
    for g in titles:
        if g is not f and g.roles["organization"] and g.sent_start == f.sent_start:
            m = ctx.linked.at_token(g.roles["holder"][0].token)
            if m is not None and any(m.tok_start <= i < m.tok_end for i in others):
                return g.roles["organization"]
    return []


def affiliations(ctx: Context) -> list[Relation]:
    """Positions without a title: "the AMPTP, through Carol Lombardini, reached out", "David Faber with CNBC"."""
    out = []
    for m in ctx.linked.mentions:
        if ctx.type_of(m.actor) != "Person" or m.kind == "description":
            continue
        root = ctx.doc[m.tok_start:m.tok_end].root
        prep = root.head if root.dep_ == "pobj" else None
        if prep is not None and prep.lower_ == "through":
            host = prep.head  # "the AMPTP, through Carol Lombardini, reached out": on the verb or on the name
            for s in (logical_subjects(host) if host.pos_ in ("VERB", "AUX") else [host]):
                org = ctx.linked.at_token(s.i)
                if org is not None and ctx.type_of(org.actor) in ORGS:
                    out.append(Relation(m.actor, "holdsPosition", org.actor,
                                        [ctx.sentence_evidence(m.start, "affiliation:acts-through", 0.7)]))
        # "David Faber with CNBC", or through the noun that describes the person: "Jordan Reyes, a reporter FOR
        # Variety", "a Variety reporter, Jordan Reyes"
        described = [root, *(c for c in root.children if c.dep_ == "appos")]
        if root.dep_ == "appos":
            described.append(root.head)
        for prep in (c for d in described for c in d.children
                     if c.dep_ == "prep" and c.lower_ in ("with", "of", "from", "at", "for")):
            for p in (c for c in prep.children if c.dep_ == "pobj"):
                org = ctx.linked.at_token(p.i)
                if org is not None and ctx.type_of(org.actor) == "MediaOutlet":
                    out.append(Relation(m.actor, "holdsPosition", org.actor,
                                        [ctx.sentence_evidence(m.start, "affiliation:reporter-with-outlet", 0.7)]))
    return out


def leaders(ctx: Context, frames: list[Frame]) -> dict[str, str]:
    """Person -> the organisation their title in this article names."""
    out: dict[str, str] = {}
    for f in frames:
        if f.name == POSITION and f.roles["organization"]:
            out.setdefault(f.roles["holder"][0].actor, f.roles["organization"][0].actor)
    return out


def journalists(ctx: Context, relations: list[Relation]) -> set[str]:
    """People this article places at a news outlet, or whose report or column it cites ("Robert Reyes's report"):
    they report, they do not state."""
    works = set(ctx.lexicon.speech.get("media_works", ()))
    writers = {m.actor for m in ctx.linked.mentions if ctx.type_of(m.actor) == "Person" and m.kind != "description"
               and (root := ctx.doc[m.tok_start:m.tok_end].root).dep_ == "poss" and root.head.lemma_.lower() in works}
    return writers | {r.s for r in relations if r.p == "holdsPosition" and ctx.type_of(r.o) == "MediaOutlet"}


def _pairs(ctx: Context, frames: list[Frame], name: str, sub: str, obj: str, prop: str,
           allow_negated: bool = False) -> list[Relation]:
    return [r for r, _ in _pairs_with_frames(ctx, frames, name, sub, obj, prop, allow_negated)]


def _pairs_with_frames(ctx: Context, frames: list[Frame], name: str, sub: str, obj: str, prop: str,
                       allow_negated: bool = False) -> list[tuple[Relation, Frame]]:
    out = []
    for f in (f for f in frames if f.name == name and (not f.hedge or allow_negated and f.hedge != HYPOTHETICAL)):
        out += [(Relation(s.actor, prop, o.actor, [_evidence(ctx, f, [s, o])]), f)
                for s in f.roles.get(sub, []) for o in f.roles.get(obj, []) if s.actor != o.actor]
    return out


def studio_lists(ctx: Context) -> list[Relation]:
    """Three or more studios named as one list where the sentence speaks of the studios (or companies, members)
    and the association is named in it or next to it: the employers' side the association bargains for. The
    text implies it rather than states it, so it is marked inferred."""
    association = ctx.main("EmployerAssociation")
    if association is None:
        return []
    hypernyms = ctx.lexicon.hypernyms
    sents = sentences(ctx.doc)
    near = {sents.at_token(m.tok_start) for m in ctx.linked.mentions
            if m.actor == association and m.kind != "description"}
    out = []
    for i, sent in enumerate(sents):
        if not near & {i - 1, i, i + 1} or not any(t.lemma_.lower() in hypernyms for t in sent):
            continue
        studios = [m for m in ctx.linked.between_tokens(sent.start, sent.end)
                   if ctx.type_of(m.actor) == "Studio" and m.kind != "description"]
        seen: set[int] = set()
        for m in studios:
            if m.tok_start in seen:
                continue
            root = ctx.doc[m.tok_start:m.tok_end].root
            run = [x for x in studios if ctx.doc[x.tok_start:x.tok_end].root in [root, *root.conjuncts]]
            seen.update(x.tok_start for x in run)
            if len({x.actor for x in run}) >= 3:
                ev = ctx.evidence(sent.start_char, sent.end_char, "inferred:memberOf:studio-list", 0.5,
                                  inferred=True)
                out += [Relation(x.actor, "memberOf", association, [ev]) for x in run]
    return out


def parts(ctx: Context, frames: list[Frame]) -> list[Relation]:
    """partOf from "a subsidiary of", "Local 399 of the Teamsters", and from a coalition that "includes" or is
    "led by" its members (a whole named as a body of bodies)."""
    need = ctx.lexicon.frames["partOf"].wholes_need
    out = []
    for r, f in _pairs_with_frames(ctx, frames, "partOf", "part", "whole", "partOf"):
        if ctx.type_of(r.o) not in ORGS or ctx.type_of(r.s) == "Guild" and ctx.type_of(r.o) != "Guild":
            continue  # (a union is no company's part: "the Ringer has its own bargaining UNIT, the Ringer Union")
        if ctx.doc[f.trigger].pos_ == "VERB" and not any(w in ctx.linked.actors[r.o].label for w in need):
            continue
        if {ctx.type_of(r.s), ctx.type_of(r.o)} == {"Studio", "EmployerAssociation"}:  # "the alliance, whose
            studio, body = (r.s, r.o) if ctx.type_of(r.s) == "Studio" else (r.o, r.s)  # members include Disney", "the
            r = Relation(studio, "memberOf", body, r.evidence)  # AMPTP, the bargaining arm of Disney": its members
        out.append(r)
    return out


def represented_kinds(ctx: Context, frames: list[Frame]) -> list[Relation]:
    """"The AMPTP also represents streamers" and, elsewhere, "streaming companies such as Netflix": the studios
    the article gives as examples of a kind the association represents are its members (inferred)."""
    out: list[Relation] = []
    examples = None  # looked for only when a frame needs them: every token of the article is visited
    for f in frames:
        if f.name != "memberOf" or f.hedge == HYPOTHETICAL or f.roles.get("member"):
            continue
        trigger = ctx.doc[f.trigger]
        kinds = [o for o in (c for c in trigger.children if c.dep_ in ("dobj", "obj"))
                 if o.lemma_.lower() in ctx.lexicon.hypernyms]
        if not kinds:
            continue
        stems = {k.lemma_.lower()[:5] for k in kinds}
        if examples is None:
            examples = _examples(ctx)
        for org in f.roles.get("organization", []):
            for studio, (start, end, kind) in examples.items():
                if not stems & kind:
                    continue  # "represents the major studios" is not about "digital platforms such as Netflix"
                ev = [ctx.evidence(start, end, "inferred:memberOf:represented-kind", 0.5, inferred=True),
                      ctx.evidence(f.sent_start, f.sent_end, "inferred:memberOf:represented-kind", 0.5,
                                   inferred=True)]
                out.append(Relation(studio, "memberOf", org.actor, ev))
    return out


def _examples(ctx: Context) -> dict[str, tuple[int, int, set[str]]]:
    """Studios named as examples of a kind ("streaming companies such as Netflix", "studios like Disney"), with
    the sentence and the stems of the kind's words (streaming, compan)."""
    out: dict[str, tuple[int, int, set[str]]] = {}
    for tok in ctx.doc:
        if tok.lemma_.lower() not in ctx.lexicon.hypernyms:
            continue
        for c in tok.children:
            heads = []
            if c.dep_ == "prep" and c.lower_ in ("as", "including", "like"):
                heads = [p for p in c.children if p.dep_ == "pobj"]
            elif c.dep_ == "amod" and c.lower_ == "such":
                heads = [p for g in c.children if g.dep_ == "prep" for p in g.children if p.dep_ == "pobj"]
            for h in heads:
                for t in [h, *h.conjuncts]:
                    m = ctx.linked.at_token(t.i)
                    if m is not None and ctx.type_of(m.actor) == "Studio":
                        kind = {w.lemma_.lower()[:5] for w in [tok, *tok.children]
                                if w.dep_ in ("amod", "compound") or w.i == tok.i}
                        out.setdefault(m.actor, (tok.sent.start_char, tok.sent.end_char, kind))
    return out


def parts_from_reference(ctx: Context) -> list[Relation]:
    """A body the reference records as part of another ("WGA West" of the WGA), where the article names both (or
    names the whole inside the part's name: "IATSE Local 839" for the Animation Guild)."""
    out = []
    present = {m.actor for m in ctx.linked.mentions if m.kind != "description"}
    seen = set()
    for m in ctx.linked.mentions:
        ref = ctx.reference.actors.get(m.actor)
        if m.kind not in ("name", "acronym") or ref is None:
            continue
        for whole in ref.part_of:
            # (another name than its own, a local's: "IATSE Local 839" for the Animation Guild; not "Teamsters
            # Local 399", whose every mention would name the Teamsters, nor "WGA East")
            named_inside = m.text != ref.label and _ENDS_IN_LOCAL.search(m.text) and _named_inside(ctx, m.text, whole)
            if (m.actor, whole) not in seen and (whole in present or named_inside):
                seen.add((m.actor, whole))
                out.append(Relation(m.actor, "partOf", whole,
                                    [ctx.sentence_evidence(m.start, "reference:partOf", 0.8)]))
    return out


def _named_inside(ctx: Context, name: str, whole: str) -> bool:
    """Whether a body's name holds the name of `whole`: "IATSE Local 839" holds IATSE's."""
    ref = ctx.reference.actors.get(whole)
    return ref is not None and any(re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", name)
                                   for n in (ref.label, *ref.aliases) if n and n != name)


def locals_by_name(ctx: Context) -> list[Relation]:
    """"IATSE Local 479", "Teamsters Local 728": a local named after its union is part of it, where the article
    names the union too; so is "Local 479 of the International Alliance of Theatrical Stage Employees"."""
    out = []
    # (the union named in the article, not only inside its local's name: "Teamsters Local 728" alone names no
    # Teamsters of the article)
    present = {m.actor for m in ctx.linked.mentions if m.kind != "description"}
    for key, info in ctx.linked.actors.items():
        first = ctx.first_mention(key) if info.part_of in present else None
        if first is not None:
            out.append(Relation(key, "partOf", info.part_of,
                                [ctx.sentence_evidence(first.start, "name:local-of", 0.8)]))
    starts = {m.start: m for m in ctx.linked.mentions if m.kind != "description"}
    for m in ctx.linked.mentions:
        if m.kind == "description" or not _BARE_LOCAL.fullmatch(m.text) or ctx.type_of(m.actor) != "Guild":
            continue
        of = _OF.match(ctx.text, m.end)
        union = starts.get(of.end()) if of else None
        if union is not None and union.actor != m.actor and ctx.type_of(union.actor) == "Guild":
            out.append(Relation(m.actor, "partOf", union.actor,
                                [ctx.sentence_evidence(m.start, "name:local-of", 0.8)]))
    return out


_BARE_LOCAL = re.compile(r"Local\s+\d+")  # "Local 479" alone
_ENDS_IN_LOCAL = re.compile(r"\bLocal\s+\d+$")  # "IATSE Local 839"
_OF = re.compile(r"\s+of\s+(?:the\s+)?")


def from_events(ctx: Context, events: list[Event]) -> list[Relation]:
    """Relations an event states by itself: a strike is against its target, who is the side the strikers bargain
    with; a session, an offer or a deal between a guild and an employer means they bargain; a charge filed is a
    charge against. Inferred roles give inferred relations (their evidence says so)."""
    out = []
    for ev in events:
        stated = [e for e in ev.evidence if not e.inferred][:1]
        inferred = [e for e in ev.evidence if e.inferred]
        if ev.kind == "Strike":
            guess = "target" in ev.inferred_roles
            # the companies the article lists as the other side: struck, so bargained with (both inferred)
            listed = any(e.extractor == "inferred:target:listed-employers" for e in inferred)
            for s in ev.roles.get("strikingParty", []):
                for o in ev.roles.get("target", []):
                    evidence = stated + (inferred if guess else [])
                    out.append(Relation(s, "strikesAgainst", o, list(evidence)))
                    if ctx.type_of(s) == "Guild" and ctx.type_of(o) in EMPLOYERS and (not guess or listed):
                        out.append(Relation(s, "negotiatesWith", o, list(evidence)))
        elif ev.kind == "LegalAction":
            via = (ev.roles.get("filedWith") or [None])[0]
            for s in ev.roles["filedBy"] if via is not None or not ev.forumless else ():
                for o in ev.roles["against"]:
                    out.append(Relation(s, "filedChargeAgainst", o, list(stated), via=via))
        elif ev.kind in ("NegotiationSession", "Proposal", "Agreement"):
            guess = bool(ev.inferred_roles)
            sides = ev.actors
            guilds = [a for a in sides if ctx.type_of(a) == "Guild"]
            employers = [a for a in sides if ctx.type_of(a) in EMPLOYERS]
            for g in guilds:
                for e in employers:
                    out.append(Relation(g, "negotiatesWith", e, stated + (inferred if guess else [])))
    return out


def bargaining(ctx: Context, frames: list[Frame]) -> list[Relation]:
    """negotiatesWith from "talks with", "negotiate with", "negotiations between": a refusal or a meeting that did
    not happen still shows who bargains with whom; willingness and plans do not."""
    out = _pairs(ctx, frames, "negotiatesWith", "side", "counterpart", "negotiatesWith", allow_negated=True)
    presupposing = ctx.lexicon.frames["negotiatesWith"].presupposing
    resumed = [replace(f, hedge=None) for f in frames if f.name == "negotiatesWith" and f.hedge == HYPOTHETICAL
               and resumes(ctx.doc[f.trigger], presupposing)]
    out += _pairs(ctx, resumed, "negotiatesWith", "side", "counterpart", "negotiatesWith")
    for f in frames:
        if f.name == "negotiatesWith" and f.hedge != HYPOTHETICAL and not f.roles.get("counterpart"):
            sides = f.roles.get("side", [])
            if ctx.doc[f.trigger].pos_ == "VERB":  # "the AMPTP, which bargains FOR Disney": on its behalf
                sides = [x for x in sides if x.slot != "prep:for"]
            for i, a in enumerate(sides):
                for b in sides[i + 1:]:
                    out.append(Relation(a.actor, "negotiatesWith", b.actor, [_evidence(ctx, f, [a, b])]))
    return [r for r in out if _bargaining_pair(ctx, r.s, r.o)]


def unnamed_supported(ctx: Context, frames: list[Frame], events: list[Event]) -> list[Relation]:
    """Support a union pledges to no one named ("SAG-AFTRA and the WGA pledged solidarity") goes to the guild the
    article's strike is by, else to the guild it is most about: an inference, marked as such."""
    strikers = {a for ev in events if ev.kind == "Strike" for a in ev.roles.get("strikingParty", [])}
    out = []
    for f in frames:
        # (unions back unions: a company's unnamed "support" is for something else, a deal or a cause)
        supporters = {x.actor for x in f.roles.get("supporter", []) if ctx.type_of(x.actor) == "Guild"}
        if f.cls != "supports" or f.hedge or not supporters or \
                {x.actor for x in f.roles.get("supported", [])} - supporters:
            continue
        # the strikes its own sentence names ("honored picket lines during the strikes by the WGA and SAG-AFTRA"),
        # else the article's one strike, else the guild it is most about
        strikes = [g for g in ctx.frames_by_sentence.get(f.sent_start, ()) if g.name == "Strike" and not g.hedge]
        if any(set(g.actors("strikingParty")) & supporters and {g.trigger, g.verb} & {f.trigger, f.verb} - {-1}
               for g in strikes):
            continue  # ("SAG-AFTRA joined the picket lines" in a strike of its own backs no one)
        named = {a for g in strikes for a in g.actors("strikingParty") if ctx.type_of(a) == "Guild"} - supporters
        candidates = sorted(named) or sorted(strikers - supporters) or [
            g for g in [ctx.main("Guild")] if g not in supporters]
        if not named and len(candidates) != 1 or any(ctx.type_of(c) != "Guild" for c in candidates):
            continue
        ev = ctx.evidence(f.sent_start, f.sent_end, "inferred:supported:article-guild", 0.5, inferred=True)
        out += [Relation(s, "supports", c, [ev]) for s in sorted(supporters) for c in candidates
                if not _within(ctx, s, c)]  # (a local backs its own union's strike as part of it)
    return out


def _within(ctx: Context, a: str, b: str) -> bool:
    """One of the two is part of the other, as the reference has it."""
    actors = ctx.reference.actors
    return a in actors and b in actors[a].part_of or b in actors and a in actors[b].part_of


def _bargaining_pair(ctx: Context, a: str, b: str) -> bool:
    kinds = {ctx.type_of(a), ctx.type_of(b)}
    return "Guild" in kinds and bool(kinds & EMPLOYERS)


def relations(ctx: Context, frames: list[Frame], events: list[Event]) -> list[Relation]:
    out = positions(ctx, frames) + affiliations(ctx)
    for name in (n for n, spec in ctx.lexicon.frames.items() if spec.cls == "supports"):  # picket lines too
        out += _pairs(ctx, frames, name, "supporter", "supported", "supports")
    out += unnamed_supported(ctx, frames, events)
    out += _pairs(ctx, frames, "memberOf", "member", "organization", "memberOf")
    out += parts(ctx, frames) + fellow_parts(ctx)
    out += _pairs(ctx, frames, "ownership", "part", "whole", "partOf")
    out += parts_from_reference(ctx)
    out += locals_by_name(ctx)
    out += studio_lists(ctx)
    out += represented_kinds(ctx, frames)
    out += bargaining(ctx, frames)
    out += from_events(ctx, events)
    return dedupe(out)


def dedupe(relations: list[Relation]) -> list[Relation]:
    merged: dict[tuple, Relation] = {}
    seen: dict[tuple, set[Evidence]] = {}  # the evidence of each merged relation, for membership
    for r in relations:
        if r.s == r.o:
            continue
        key = r.key
        have = merged.get(key)
        if have is None:
            merged[key] = Relation(r.s, r.p, r.o, list(r.evidence), r.role, r.via)
            seen[key] = set(r.evidence)
        else:
            new = [e for e in r.evidence if e not in seen[key]]
            have.evidence += new
            seen[key].update(new)
            have.via = have.via or r.via
    # a relation stated anywhere is not inferred: drop inferred evidence where stated evidence exists
    for r in merged.values():
        if any(not e.inferred for e in r.evidence):
            r.evidence = [e for e in r.evidence if not e.inferred]
    return list(merged.values())
