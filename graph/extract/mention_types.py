"""The data of linked mentions, shared by the linker (mentions.py), coreference and the readers of frames."""
from __future__ import annotations

from bisect import bisect_left
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
    part_of: str | None = None  # the union a local is named after ("IATSE Local 479")


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

    # -- indexes (the mentions are in text order, and so in token order; never changed once linked) ----------------
    _index: dict = field(default_factory=dict, repr=False, compare=False)

    def _keys(self, name: str) -> list[int]:
        keys = self._index.get(name)
        if keys is None:
            keys = self._index[name] = [getattr(m, name) for m in self.mentions]
        return keys

    def between_tokens(self, lo: int, hi: int) -> list[Mention]:
        """The mentions that start at a token in [lo, hi), in text order."""
        keys = self._keys("tok_start")
        return self.mentions[bisect_left(keys, lo):bisect_left(keys, hi)]

    def between_chars(self, lo: int, hi: int) -> list[Mention]:
        """The mentions that start at a character in [lo, hi), in text order."""
        keys = self._keys("start")
        return self.mentions[bisect_left(keys, lo):bisect_left(keys, hi)]

    def quote_starts(self) -> list[int]:
        found = self._index.get("quote_starts")
        if found is None:
            found = self._index["quote_starts"] = [a for a, _ in self.quotes]
        return found

    def counts(self) -> dict[str, int]:
        """Mentions per actor, in the order of their first mentions."""
        found = self._index.get("counts")
        if found is None:
            found = self._index["counts"] = {}
            for m in self.mentions:
                found[m.actor] = found.get(m.actor, 0) + 1
        return found

    def first(self, key: str) -> Mention:
        """The actor's first mention."""
        found = self._index.get("first")
        if found is None:
            found = self._index["first"] = {}
            for m in self.mentions:
                found.setdefault(m.actor, m)
        return found[key]
