"""Contracts: the collective agreements an article names (the WGA's MBA, the IATSE Basic Agreement ...)."""
from __future__ import annotations

import re

from ..ingest import slugify
from .context import Context
from .facts import Contract, Event

# Names of collective agreements as the trade press writes them; "the contract" alone names none.
_CONTRACT = re.compile(
    r"\b((?:Theatrical and Television\s+)?Minimum Basic Agreement|MBA|(?:Codified\s+)?Basic Agreement|"
    r"Area Standards Agreement|Interactive Media Agreement|TV/Theatrical (?:[Cc]ontracts?|[Aa]greement)|"
    r"Commercials Contracts?|Netflix Agreement|Videogame Agreement|Network Code)\b")
_LENGTH = re.compile(r"(?i)\b(two|three|four|five|\d)-year\s+(?:contract|deal|agreement|pact)\b")
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}


def contracts(ctx: Context, events: list[Event]) -> list[Contract]:
    """Each named agreement once per article, with the guild it covers and the employers' side as parties;
    the article's proposals and agreements concern it when it is the only one the article names."""
    found: dict[str, Contract] = {}
    guild_main, employer = ctx.main("Guild"), ctx.main("EmployerAssociation")
    for sent in ctx.sentences:
        for m in _CONTRACT.finditer(sent.text):
            name = m.group(1)
            if name == "MBA" and not any("Writers" in ctx.linked.actors[k].label for k in ctx.mention_counts):
                continue  # "MBA" is a degree too; it is the writers' contract only beside a writers' guild
            guilds = [x.actor for x in sent.mentions if ctx.type_of(x.actor) == "Guild"]
            guild = guilds[0] if guilds else guild_main
            label = "Minimum Basic Agreement" if name == "MBA" else name
            key = slugify(f"{guild or 'unknown'} {label}")
            c = found.get(key)
            if c is None:
                parties = [k for k in (guild, employer) if k]
                c = found[key] = Contract(key, label, parties)
            c.evidence.append(ctx.evidence(sent, "contract-by-name", 0.8))
            length = _LENGTH.search(sent.text)
            if length and c.length_years is None:
                word = length.group(1).lower()
                c.length_years = _NUMBERS.get(word) or int(word)
    if len(found) == 1:
        (only,) = found.values()
        for ev in events:
            if ev.kind in ("Proposal", "Agreement"):
                ev.contract = only.key
    return list(found.values())


def contract_spans(text: str) -> list[tuple[int, int]]:
    """Where contract names stand, so the linker does not take "Interactive Media Agreement" for a company."""
    return [m.span(1) for m in _CONTRACT.finditer(text)]
