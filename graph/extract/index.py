"""Indexes over one parsed article, so that what lies near a mention, a frame or a date is found by bisection
instead of a scan of the whole article (which made the extraction's time grow with the square of its length):
its sentences by token and character offset, a union of character intervals, items by a sorted key."""
from __future__ import annotations

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
