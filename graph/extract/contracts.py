"""Contracts: the collective agreements an article names (the WGA's MBA, the IATSE Basic Agreement ...)."""
from __future__ import annotations

import functools
import re

from ..ingest import slugify
from .context import Context
from .facts import Contract, Event
from .lexicon import Lexicon

_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}


@functools.lru_cache(maxsize=2)
def _patterns(lexicon: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    names = sorted(lexicon.contracts["names"], key=len, reverse=True)
    nouns = "|".join(re.escape(n) for n in lexicon.contracts["length_nouns"])
    return (re.compile(r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w-])"),
            re.compile(rf"(?i)\b(two|three|four|five|\d)[- ]year\s+(?:[\w-]+\s+)?(?:{nouns})\b"))


def contracts(ctx: Context, events: list[Event]) -> list[Contract]:
    """Each named agreement once per article, with the guild it covers and the employers' side as parties;
    the article's proposals and agreements concern it when it is the only one the article names."""
    names, length = _patterns(ctx.lexicon)
    nearby = ctx.lexicon.contracts.get("needs_nearby", {})
    found: dict[str, Contract] = {}
    guild_main, employer = ctx.main("Guild"), ctx.main("EmployerAssociation")
    labels = [ctx.linked.actors[k].label for k in ctx.mention_counts]
    named_beside: dict[str, bool] = {}
    for sent in ctx.doc.sents:
        text = ctx.text[sent.start_char:sent.end_char]
        for m in names.finditer(text):
            name = m.group(1)
            if name in nearby and name not in named_beside:
                named_beside[name] = any(nearby[name] in label for label in labels)
            if name in nearby and not named_beside[name]:
                continue  # "MBA" is a degree too; it is the writers' contract only beside a writers' guild
            guilds = [x.actor for x in ctx.linked.between_chars(sent.start_char, sent.end_char)
                      if ctx.type_of(x.actor) == "Guild"]
            guild = guilds[0] if guilds else guild_main
            label = "Minimum Basic Agreement" if name == "MBA" else name
            key = slugify(f"{guild or 'unknown'} {label}")
            c = found.get(key)
            if c is None:
                c = found[key] = Contract(key, label, [k for k in (guild, employer) if k])
            c.evidence.append(ctx.evidence(sent.start_char, sent.end_char, "contract-by-name", 0.8))
            years = length.search(text)
            if years and c.length_years is None:
                word = years.group(1).lower()
                c.length_years = _NUMBERS.get(word) or int(word)
    if len(found) == 1:
        (only,) = found.values()
        for ev in events:
            if ev.kind in ("Proposal", "Agreement"):
                ev.contract = only.key
    return list(found.values())
