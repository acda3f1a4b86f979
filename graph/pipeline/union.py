"""graph.ttl after a build that wrote a few graphs: their subjects' blocks made again, the rest copied from the old.

graph.ttl is the union of the named graphs as Turtle sorted by subject: its head (the prefixes), then one block per
subject, in the order of the subjects' N-Triples text (graph/documents.py). A graph written by a build changes the
blocks of the subjects it stated (read from its piece of the old graph.trig) and of those it states now: those
blocks are made again from the store (every graph's statements about the subject), the others are copied from the
old file, found by a binary search on the subjects of its blocks. Any blank node involved, or a file that does not
read as expected, gives up (None): the caller writes the whole file.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from .. import documents

_BLOCK = re.compile(rb"\n(?=[^\t\n])")  # a line that starts a subject's block (its others start with a tab)


class _Keys:
    """The subject (N-Triples text) of each block of an old graph.ttl, computed as a binary search asks."""

    def __init__(self, data: bytes, starts: list[int], head: bytes):
        self.data, self.starts, self.head = data, starts, head

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> bytes:
        at = self.starts[i]
        token = self.data[at:self.data.find(b" ", at)]
        # read by Oxigraph's own Turtle parser (prefixed names and their escapes): the text the statements sort by
        statement = self.head + token + b" <urn:x:p> <urn:x:o> .\n"
        subject = next(iter(ox.parse(statement, format=ox.RdfFormat.TURTLE))).subject
        if not isinstance(subject, ox.NamedNode):
            raise ValueError(f"a blank subject {token!r}")
        return str(subject).encode("utf-8")


def old_subjects(trig_head: bytes, pieces: Iterable[bytes]) -> set[bytes] | None:
    """Subjects (N-Triples text) of graphs' pieces of the old graph.trig; None if one is a blank node."""
    out: set[bytes] = set()
    for piece in pieces:
        for q in ox.parse(trig_head + piece, format=ox.RdfFormat.TRIG):
            if isinstance(q.subject, ox.BlankNode) or isinstance(q.object, ox.BlankNode):
                return None
            out.add(str(q.subject).encode("utf-8"))
    return out


def new_subjects(store, graphs: Iterable[str]) -> set[bytes] | None:
    out: set[bytes] = set()
    for name in graphs:
        data = documents.ntriples(store, name)
        if documents.has_blank(data):
            return None
        out.update(line[:line.index(b" ")] for line in data.splitlines())
    return out


def blocks(store, subjects: Iterable[bytes]) -> dict[bytes, bytes] | None:
    """Subject -> its block of graph.ttl (b"" for a subject no graph states any more), from the named graphs'
    statements as the engine stores them (no rdflib literal on the way); None on a blank node or a store of
    another kind."""
    quads = getattr(store, "ox_quads", None)
    if quads is None:
        return None
    out = {}
    for subject in subjects:
        node = next(iter(ox.parse(subject + b" <urn:x:p> <urn:x:o> .\n", format=ox.RdfFormat.N_TRIPLES))).subject
        found = [q.triple for q in quads(subject=node) if isinstance(q.graph_name, ox.NamedNode)]
        if any(isinstance(t.object, ox.BlankNode) for t in found):
            return None
        lines = sorted(set(ox.serialize(found, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True)))
        piece = ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES, lenient=True)
        out[subject] = documents.body(documents.serialize(piece, "turtle"), "turtle") if lines else b""
    return out


def rewrite(old, changed: dict[bytes, bytes]) -> Iterator[bytes] | None:
    """The new graph.ttl: `old` (bytes, or the old file mapped in memory) with the blocks of the subjects of
    `changed` replaced, removed or inserted."""
    head = documents.frame("turtle").head
    if old[:len(head)] != head or len(old) == len(head):
        return None
    starts = [len(head)] + [m.end() for m in _BLOCK.finditer(old, len(head))]
    keys = _Keys(old, starts, head)
    placed = []
    try:
        for subject in sorted(changed):
            i = bisect.bisect_left(keys, subject)
            placed.append((i, i < len(keys) and keys[i] == subject, changed[subject]))
    except (ValueError, SyntaxError):
        return None
    if sum(replaces for _, replaces, _ in placed) == len(starts) and not any(b for _, _, b in placed):
        return None  # nothing left: the empty document has no head either

    def chunks() -> Iterator[bytes]:
        yield head
        at = len(head)
        for i, replaces, block in placed:
            start = starts[i] if i < len(starts) else len(old)
            yield old[at:start]
            yield block
            at = (starts[i + 1] if i + 1 < len(starts) else len(old)) if replaces else start
        yield old[at:]
    return chunks()


__all__ = ["blocks", "new_subjects", "old_subjects", "rewrite"]
