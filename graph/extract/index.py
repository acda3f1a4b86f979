"""Indexes over one parsed article, so that what lies near a mention, a frame or a date is found by bisection
instead of a scan of the whole article (which made the extraction's time grow with the square of its length):
its sentences by token and character offset, a union of character intervals, items by a sorted key."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Span


class Sentences:
    """The sentences of a doc, in order (they cover it: each one starts where the one before ends)."""

    def __init__(self, doc: Doc):
        self.spans: list[Span] = list(doc.sents)
        self.starts = [s.start for s in self.spans]
        self.start_chars = [s.start_char for s in self.spans]
        self.end_chars = [s.end_char for s in self.spans]

    def __len__(self) -> int:
        return len(self.spans)

    def __getitem__(self, i: int) -> Span:
        return self.spans[i]

    def __iter__(self):
        return iter(self.spans)

    def at_token(self, i: int) -> int:
        """The index of the sentence of token `i`."""
        return bisect_right(self.starts, i) - 1

    def at_char(self, pos: int) -> int:
        """The index of the last sentence that starts at or before character `pos`."""
        return bisect_right(self.start_chars, pos) - 1

    def index_of_start_char(self, pos: int, default: int = 0) -> int:
        """The index of the sentence that starts at character `pos` (`default` if none does)."""
        i = bisect_left(self.start_chars, pos)
        return i if i < len(self.start_chars) and self.start_chars[i] == pos else default


def sentences(doc: Doc) -> Sentences:
    """The doc's sentences, listed once (kept with the doc)."""
    found = doc.user_data.get("guildgraph_sentences")
    if found is None:
        found = doc.user_data["guildgraph_sentences"] = Sentences(doc)
    return found


class Intervals:
    """Whether a character offset falls in any of some half-open intervals [a, b) (overlapping or not)."""

    def __init__(self, spans: Iterable[tuple[int, int]]):
        merged: list[list[int]] = []
        for a, b in sorted((a, b) for a, b in spans if a < b):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def __contains__(self, pos: int) -> bool:
        i = bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.ends[i]


class ByKey:
    """The positions in a list of the items whose key falls in a range, in the list's order."""

    def __init__(self, keys: Sequence[int]):
        self.order = sorted(range(len(keys)), key=lambda i: keys[i])
        self.keys = [keys[i] for i in self.order]

    def between(self, lo: int, hi: int) -> list[int]:
        """Positions of the items with lo <= key < hi, ascending."""
        return sorted(self.order[bisect_left(self.keys, lo):bisect_left(self.keys, hi)])


def inside_any(starts: Sequence[int], spans: Sequence[tuple[int, int]], pos: int) -> bool:
    """Whether a < pos < b for one of `spans`: sorted, not overlapping intervals whose starts are `starts`."""
    i = bisect_left(starts, pos) - 1
    return i >= 0 and pos < spans[i][1]


_WORDISH = re.compile(r"[\w-]")
_NAME_START = re.compile(r"(?<![\w-])\S")


class _Hit:
    """Where a name occurs, as a regex match would say it."""

    __slots__ = ("_span",)

    def __init__(self, start: int, end: int):
        self._span = (start, end)

    def span(self) -> tuple[int, int]:
        return self._span

    def start(self) -> int:
        return self._span[0]

    def end(self) -> int:
        return self._span[1]


def occurrences(text: str, names) -> dict[str, list[_Hit]]:
    r"""For each name, what `re.finditer(r"(?<![\w-])NAME(?![\w-])", text)` finds, all names in one pass over the
    text (one scan per name made the linker's time grow with the names times the text)."""
    by_prefix: dict[str, list[str]] = {}
    for name in names:
        if name:
            by_prefix.setdefault(name[:2], []).append(name)
    found: dict[str, list[_Hit]] = {name: [] for name in names}
    if not by_prefix:
        return found
    singles = {name[0] for name in names if len(name) == 1}
    for start in _NAME_START.finditer(text):  # a character after none of [\w-]: where a name may start
        p = start.start()
        for name in by_prefix.get(text[p:p + 2], []) + (by_prefix.get(text[p], []) if text[p] in singles else []):
            e = p + len(name)
            if text.startswith(name, p) and not _WORDISH.match(text, e):
                hits = found[name]
                if not hits or hits[-1].end() <= p:  # finditer's matches never overlap
                    hits.append(_Hit(p, e))
    return found


class Placed:
    """A mention builder's mentions (graph/extract/mentions.py) by where they start, for its outlets: removing one
    leaves a hole (None) in its list, so the others keep their places until the holes are dropped."""

    def __init__(self, b):
        self.b = b
        self.at: dict[int, list[int]] = {}  # start -> positions in b.mentions
        self.count: dict[str, int] = {}
        for i, m in enumerate(b.mentions):
            self._place(i, m)

    def _place(self, i: int, m) -> None:
        self.at.setdefault(m.start, []).append(i)
        self.count[m.actor] = self.count.get(m.actor, 0) + 1

    def within(self, s: int, e: int) -> list:
        """The mentions inside [s, e), in the list's order."""
        if not any(self.b.taken[s:e]):
            return []
        found = sorted(i for p in range(s, e) for i in self.at.get(p, ()) if self.b.mentions[i].end <= e)
        return [self.b.mentions[i] for i in found]

    def remove(self, m) -> None:
        i = next(i for i in self.at[m.start] if self.b.mentions[i] == m)
        self.at[m.start].remove(i)
        self.b.mentions[i] = None
        self.count[m.actor] -= 1

    def add(self, start: int, end: int, key: str, kind: str, type_: str, label: str) -> None:
        self.b.add(start, end, key, kind, type_, label)
        self._place(len(self.b.mentions) - 1, self.b.mentions[-1])
