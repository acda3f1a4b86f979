"""The data of linked mentions, shared by the linker (mentions.py), coreference and the readers of frames."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets into the article text
    end: int
    text: str
    actor: str  # actor key
    kind: str  # "name" (reference label or alias), "ner", "surname", "acronym", "description"
    tok_start: int = -1  # token offsets in the parse
    tok_end: int = -1


@dataclass
class ActorInfo:
    """An actor as seen in one article: reference actors keep their reference type and label."""

    key: str
    type: str
    label: str
    reference: bool
    aliases: set[str] = field(default_factory=set)


@dataclass
class Linked:
    mentions: list[Mention]
    actors: dict[str, ActorInfo]
    by_token: list[int] = field(default_factory=list)  # token index -> index of its mention, -1 for none
    quotes: list[tuple[int, int]] = field(default_factory=list)  # quoted stretches (character offsets)
    contracts: list[tuple[int, int]] = field(default_factory=list)  # token spans of contract names

    def at_token(self, i: int) -> Mention | None:
        j = self.by_token[i] if 0 <= i < len(self.by_token) else -1
        return self.mentions[j] if j >= 0 else None

    def type_of(self, key: str) -> str:
        return self.actors[key].type
