"""Extraction: from a parsed article (its mentions and frames, graph/extract/frames.py) to facts with evidence."""
from __future__ import annotations

import functools

from spacy.tokens import Doc

from ..ingest import Article
from ..reference import Reference
from .agreements import agreements, offers_from_concessions
from .bargaining import proposals, sessions
from .context import Context
from .contracts import contracts
from .facts import ArticleFacts
from .issues import find_issues
from .legal_actions import legal_actions
from .lexicon import load_lexicon
from .relations import affiliations, journalists, leaders, positions, relations
from .statements import statements
from .strikes import strike_targets, strikes

__all__ = ["extract", "extract_text", "ArticleFacts"]


def extract(article: Article, doc: Doc, reference: Reference) -> ArticleFacts:
    """Actors, relations, events and issues of one article; `doc` is the pipeline's parse of its text, with the
    guildgraph components' mentions and frames on it."""
    if doc._.frames is None:
        raise ValueError("the doc was not parsed by graph.nlp.load_pipeline() (no frames on it)")
    ctx = Context(article, doc, reference, load_lexicon())
    issue_mentions = find_issues(doc, reference)
    issues: dict[str, list] = {}
    seen: set = set()
    for im in issue_mentions:
        e = ctx.sentence_evidence(im.start, "issue-trigger", 0.8)
        issues.setdefault(im.notation, [])
        if (im.notation, e) not in seen:
            seen.add((im.notation, e))
            issues[im.notation].append(e)
    frames = ctx.frames
    concessions: list = []
    found = strikes(ctx, frames, sorted(issues)) + sessions(ctx, frames) \
        + proposals(ctx, frames, issue_mentions) + agreements(ctx, frames, issue_mentions, concessions)
    found += offers_from_concessions(ctx, concessions, [e for e in found if e.kind == "Proposal"])
    reporters = journalists(ctx, positions(ctx, frames) + affiliations(ctx))
    found += statements(ctx, frames, reporters, leaders(ctx, frames), found) \
        + legal_actions(ctx, frames)
    strike_targets(ctx, found)
    found_contracts = contracts(ctx, found)
    facts_relations = relations(ctx, frames, found)
    actors = _actors(ctx)
    return ArticleFacts(article, actors, ctx.linked.mentions, issues, facts_relations, found, found_contracts)


def _actors(ctx: Context):
    """The article's actors, with the names it gives them as written (original characters) for aliases."""
    actors = ctx.linked.actors
    for info in actors.values():
        info.aliases = set()
    for m in ctx.linked.mentions:
        # ("Local 479" after "IATSE Local 479" is a name of the local too; a person's surname alone is not theirs)
        if m.kind in ("name", "acronym", "ner") or m.kind == "surname" and actors[m.actor].type != "Person":
            actors[m.actor].aliases.add(ctx.article.text[m.start:m.end])
    return actors


def extract_text(text: str, date=None, identifier: str = "text.txt") -> ArticleFacts:
    """Facts of one text (for the REPL and tests): the same path as a build, without a store."""
    import hashlib

    from ..reference import load_reference, normalize_quotes

    article = Article(identifier, text, hashlib.sha256(text.encode("utf-8")).hexdigest(), date=date)
    return extract(article, _text_pipeline()(normalize_quotes(text)), load_reference())


@functools.lru_cache(maxsize=1)
def _text_pipeline():
    """One pipeline for every `extract_text` call: loading it costs far more (0.7 s) than a sentence's parse."""
    from ..nlp import load_pipeline

    return load_pipeline()
