"""Extraction: from a parsed article to facts with evidence."""
from __future__ import annotations

from spacy.tokens import Doc

from ..ingest import Article
from ..link import link
from ..reference import Reference
from .context import Context
from .contracts import contracts
from .events import (agreements, executives, find_speakers, legal_actions, proposals, sessions, statements,
                     strikes)
from .facts import ArticleFacts, Event, Relation
from .issues import find_issues
from .relations import EMPLOYERS, extract_relations

__all__ = ["extract", "extract_text", "ArticleFacts"]


def extract(article: Article, doc: Doc, reference: Reference) -> ArticleFacts:
    """Actors, relations, events and issues of one article; `doc` is the pipeline's parse of its text."""
    linked = link(doc, reference)
    ctx = Context(article, doc, linked, reference)
    issue_mentions = find_issues(doc, reference)
    issues: dict[str, list] = {}
    for im in issue_mentions:
        ev = ctx.evidence(ctx.sentence_of(im.start), "issue-trigger", 0.8)
        issues.setdefault(im.notation, [])
        if ev not in issues[im.notation]:
            issues[im.notation].append(ev)
    text_relations = extract_relations(ctx)
    execs = executives(ctx, [r for r in text_relations if r.p == "holdsPosition"])
    speakers = find_speakers(ctx)
    events = strikes(ctx) + sessions(ctx, execs) + proposals(ctx, issue_mentions, speakers) \
        + agreements(ctx, issue_mentions) + statements(ctx, execs, speakers) + legal_actions(ctx)
    for ev in events:
        if ev.kind == "Strike" and not ev.issues:
            ev.issues = set(issues)  # a strike is over the dispute's issues as the article tells them
    found_contracts = contracts(ctx, events)
    relations = text_relations + relations_from_events(ctx, events)
    return ArticleFacts(article, linked.actors, linked.mentions, issues, _dedupe(relations), events,
                        found_contracts)


def relations_from_events(ctx: Context, events: list[Event]) -> list[Relation]:
    """Relations an event states by itself: a strike is against its target, who is the side the strikers bargain
    with; a session, an offer or a deal between a guild and an employer means they bargain; a charge filed is a
    charge against."""
    out = []
    for ev in events:
        first = ev.evidence[:1]
        if ev.kind == "Strike":
            for s in ev.roles.get("strikingParty", []):
                for o in ev.roles.get("target", []):
                    out.append(Relation(s, "strikesAgainst", o, list(first)))
                    if ctx.type_of(s) == "Guild" and ctx.type_of(o) in EMPLOYERS:
                        out.append(Relation(s, "negotiatesWith", o, list(first)))
        elif ev.kind == "LegalAction":
            for s in ev.roles["filedBy"]:
                for o in ev.roles["against"]:
                    via = (ev.roles.get("filedWith") or [None])[0]
                    out.append(Relation(s, "filedChargeAgainst", o, list(first), via=via))
        elif ev.kind in ("NegotiationSession", "Proposal", "Agreement"):
            sides = ev.actors
            guilds = [a for a in sides if ctx.type_of(a) == "Guild"]
            employers = [a for a in sides if ctx.type_of(a) in EMPLOYERS]
            for g in guilds:
                for e in employers:
                    out.append(Relation(g, "negotiatesWith", e, list(first)))
    return out


def _dedupe(relations: list[Relation]) -> list[Relation]:
    merged: dict[tuple, Relation] = {}
    for r in relations:
        if r.s == r.o:
            continue
        have = merged.get(r.key)
        if have is None:
            merged[r.key] = Relation(r.s, r.p, r.o, list(r.evidence), r.role, r.via)
        else:
            have.evidence += [e for e in r.evidence if e not in have.evidence]
    return list(merged.values())


def extract_text(text: str, date=None, identifier: str = "text.txt") -> ArticleFacts:
    """Facts of one text (for the REPL and tests): the same path as a build, without a store."""
    import hashlib

    from ..nlp import load_pipeline
    from ..reference import load_reference, normalize_quotes

    article = Article(identifier, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), date=date)
    return extract(article, load_pipeline()(normalize_quotes(text)), load_reference())
