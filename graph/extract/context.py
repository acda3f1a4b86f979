"""Context: one parsed article with its sentences, mentions and dates, as every extraction rule sees it."""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from ..ingest import Article
from ..link import Linked, Mention, heading_spans
from ..reference import Reference
from . import dates as dates_mod
from .facts import Evidence


@dataclass
class Sentence:
    index: int
    span: Span
    mentions: list[Mention]
    text: str  # quote-normalised, same offsets as the article (spaCy rebuilds span.text on every access)
    dates: list[dates_mod.DateMention] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.span.start_char

    @property
    def end(self) -> int:
        return self.span.end_char


def heading_year(text: str) -> int | None:
    """A year stated in a headline ("Writers Guild Strike 2023 TV Shows Explained"); body sentences are not
    used, where years mostly belong to history ("the first strikes since 1960")."""
    headings = "\n".join(text[a:b] for a, b in heading_spans(text))
    return dates_mod.year_hint(headings) if headings else None


_LIST_GAP = re.compile(r"(?i)\s*(?:,|,?\s*and|&)\s*(?:the\s+)?")
_OCCUPATION = {"writer": "Writers", "actor": "Actors", "director": "Directors", "animator": "Animation",
               "editor": "Editors", "performer": "Actors", "crew": "Theatrical", "teamster": "Teamsters"}


def _years_from_context(found: list[dates_mod.DateMention]) -> list[dates_mod.DateMention]:
    """In an article without a date, "Thursday, July 25" after "on July 26, 2024" is the July 25 nearest the day
    last named (so "Jan. 17" after "Nov. 5, 2007" is in 2008). A weekday alone stays unresolved."""
    out, last = [], None
    for m in found:
        if m.kind == "unresolved" and last is not None:
            resolved = []
            for year in (last.year - 1, last.year, last.year + 1):
                again = [x for x in dates_mod.find_dates(m.text, dt.date(year, 12, 31)) if x.kind == "absolute"
                         and len(x.dates) == 1 and x.end - x.start == len(m.text)]
                resolved += [x.dates[0] for x in again]
            if resolved:
                day = min(resolved, key=lambda d: abs((d - last).days))
                m = dates_mod.DateMention(m.start, m.end, m.text, (day,), "absolute")
        if m.kind == "absolute" and len(m.dates) == 1:
            last = m.dates[0]
        out.append(m)
    return out


class Context:
    """Everything a rule needs about one article; rules are plain functions of a Context."""

    def __init__(self, article: Article, doc: Doc, linked: Linked, reference: Reference):
        self.article = article
        self.doc = doc
        self.text = doc.text  # quote-normalised copy of article.text (same length)
        self.linked = linked
        self.reference = reference
        self.anchor: dt.date | None = article.date
        # Without a publication date, a year written in a heading still fixes "May 2" (never "Friday").
        self.year: int | None = article.date.year if article.date else heading_year(self.text)
        self.sentences: list[Sentence] = []
        for i, span in enumerate(doc.sents):
            ms = [m for m in linked.mentions if span.start_char <= m.start < span.end_char]
            self.sentences.append(Sentence(i, span, ms, self.text[span.start_char: span.end_char]))
        self._assign_dates()

    def _assign_dates(self) -> None:
        if self.anchor is not None:
            found = dates_mod.find_dates(self.text, self.anchor)
        elif self.year is not None:
            # Only explicit month-day dates may borrow the heading's year; relative ones stay unresolved.
            pseudo = dt.date(self.year, 12, 31)
            found = [m if m.kind == "absolute" else dates_mod.DateMention(m.start, m.end, m.text, (), m.kind)
                     for m in dates_mod.find_dates(self.text, pseudo)]
        else:
            found = _years_from_context(dates_mod.find_dates(self.text, None))
        for m in found:
            for s in self.sentences:
                if s.start <= m.start < s.end:
                    s.dates.append(m)
                    break

    # -- actors -------------------------------------------------------------------------------------------
    def type_of(self, key: str) -> str:
        return self.linked.actors[key].type

    @cached_property
    def mention_counts(self) -> Counter:
        return Counter(m.actor for m in self.linked.mentions)

    def main(self, type_: str) -> str | None:
        """The actor of this type the article mentions most (first mention breaks ties)."""
        cands = [k for k in self.mention_counts if self.type_of(k) == type_]
        if not cands:
            return None
        first = {m.actor: i for i, m in reversed(list(enumerate(self.linked.mentions)))}
        return max(cands, key=lambda k: (self.mention_counts[k], -first[k]))

    def guild_by_occupation(self, word: str) -> str | None:
        """The article's guild of a trade named by a common noun: "the writers" the WGA, "the crews" the IATSE."""
        cue = _OCCUPATION.get(word.lower().rstrip("s'"))
        if not cue:
            return None
        for key in sorted(self.mention_counts, key=lambda k: -self.mention_counts[k]):
            info = self.linked.actors[key]
            if info.type == "Guild" and (cue.lower() in info.label.lower()
                                         or any(cue.lower() in a.lower() for a in info.aliases)):
                return key
        return None

    def counterpart(self, key: str) -> str | None:
        """Who an actor bargains against in this article: a guild's is the employers' side, and back."""
        t = self.type_of(key)
        if t == "Guild":
            return self.main("EmployerAssociation") or self.main("Studio")
        if t in ("EmployerAssociation", "Studio"):
            return self.main("Guild")
        return None

    def mention_before(self, pos: int, types: set[str], within: int | None = None,
                       named: bool = False) -> Mention | None:
        """The nearest mention before `pos`; `named` skips descriptions ("the studios"), for pronoun subjects."""
        cands = [m for m in self.linked.mentions if m.end <= pos and self.type_of(m.actor) in types
                 and (within is None or pos - m.end <= within) and not (named and m.kind == "description")]
        return cands[-1] if cands else None

    def mention_at(self, start: int, end: int) -> Mention | None:
        for m in self.linked.mentions:
            if m.start < end and start < m.end:
                return m
        return None

    # -- evidence -----------------------------------------------------------------------------------------
    def evidence(self, sent: Sentence, extractor: str, confidence: float) -> Evidence:
        start, end = sent.start, sent.end
        original = self.article.text[start:end].strip()
        lead = len(self.article.text[start:end]) - len(self.article.text[start:end].lstrip())
        return Evidence(start + lead, start + lead + len(original), original, extractor, confidence)

    def listed_before(self, mentions: list[Mention], last: int) -> list[Mention]:
        """The mentions written as one list with `mentions[last]`, before it, nearest first: "the Writers Guild of
        America and SAG-AFTRA", "IATSE, SAG-AFTRA and the WGA West" (`mentions` in text order)."""
        out = []
        while last > 0 and _LIST_GAP.fullmatch(self.text[mentions[last - 1].end: mentions[last].start]):
            last -= 1
            out.append(mentions[last])
        return out

    def token_at(self, pos: int) -> Token | None:
        """The token starting at character offset `pos`."""
        span = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        return span[0] if span is not None and span[0].idx == pos else None

    def sentence_of(self, pos: int) -> Sentence:
        for s in self.sentences:
            if s.start <= pos < s.end:
                return s
        return self.sentences[-1]

    @cached_property
    def quotes(self) -> list[tuple[int, int]]:
        """Quoted stretches of the article (offsets), quotes paired within a paragraph: a quotation running over
        several sentences is one stretch, and one left open closes at the paragraph's end, as news prints them."""
        spans = []
        for para in re.finditer(r"[^\n]+", self.text):
            marks = [para.start() + m.start() for m in re.finditer('"', para.group())]
            for i in range(0, len(marks), 2):
                spans.append((marks[i], marks[i + 1] + 1 if i + 1 < len(marks) else para.end()))
        return spans

    def in_quote(self, pos: int) -> bool:
        return any(a < pos < b for a, b in self.quotes)

    def quote_spans(self, sent: Sentence) -> list[tuple[int, int]]:
        return [(max(a, sent.start), min(b, sent.end)) for a, b in self.quotes if a < sent.end and sent.start < b]
