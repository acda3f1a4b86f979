"""Facts: what the extractor read out of one article, before it becomes RDF."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..ingest import Article
from .mention_types import ActorInfo, Mention


@dataclass(frozen=True)
class Evidence:
    start: int  # offsets of the sentence in the article text
    end: int
    sentence: str
    extractor: str  # the rule that read it
    confidence: float
    inferred: bool = False  # the sentence names what the fact was inferred from, not the fact itself


@dataclass(frozen=True)
class Term:
    percent: float
    year: int | None = None
    issue: str | None = None


@dataclass
class Relation:
    s: str  # actor keys
    p: str  # hl: local name
    o: str
    evidence: list[Evidence] = field(default_factory=list)
    role: str | None = None  # holdsPosition: the title as written
    via: str | None = None  # filedChargeAgainst: the agency

    @property
    def key(self) -> tuple:
        if self.p == "negotiatesWith":  # symmetric: one fact whichever side the text names first
            return (self.p, *sorted((self.s, self.o)), self.role)
        return (self.p, self.s, self.o, (self.role or "").lower())


@dataclass
class Event:
    kind: str  # hl: local name of the event class
    roles: dict[str, list[str]]  # hl: role property -> actor keys, in order
    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    issues: set[str] = field(default_factory=set)
    terms: list[Term] = field(default_factory=list)
    quote: str | None = None
    status: str | None = None
    proposal_kind: str | None = None
    contract: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    inferred_roles: set[str] = field(default_factory=set)  # roles filled from the article, not the sentence
    # a legal action told only by words that name no forum ("a grievance"): a charge against someone only before one
    forumless: bool = False
    #: (start, extractor) of the evidence, for `events.add_evidence`: [how many items it was made of, the keys]
    evidence_keys: list = field(default_factory=list, repr=False, compare=False)

    @property
    def actors(self) -> list[str]:
        seen = []
        for keys in self.roles.values():
            seen += [k for k in keys if k not in seen]
        return seen


@dataclass
class Contract:
    key: str
    label: str
    parties: list[str]
    length_years: int | None = None
    expiry: dt.date | None = None
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class ArticleFacts:
    article: Article
    actors: dict[str, ActorInfo]
    mentions: list[Mention]
    issues: dict[str, list[Evidence]]  # notation -> where the article raises it
    relations: list[Relation] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    contracts: list[Contract] = field(default_factory=list)
