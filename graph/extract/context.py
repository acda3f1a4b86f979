"""Context: one parsed article as the assembly steps see it: its mentions, frames, resolved dates and evidence."""
from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from functools import cached_property

from spacy.tokens import Doc

from ..ingest import Article
from ..reference import Reference
from ..vocab import ORGANIZATION_CLASSES
from . import date_resolution
from . import dates as dates_mod
from .date_patterns import HEADER_TIME_RE, UPDATE_STAMP_RE
from .datelines import is_release_dateline, is_wire_dateline, release_datelines, wire_datelines
from .doc import BULLET_MARKS, doc_text, heading_spans
from .facts import Evidence
from .frame_types import Frame
from .lexicon import Lexicon
from .mention_types import Linked

EMPLOYERS = frozenset({"Studio", "EmployerAssociation"})
_LIST_GAP = re.compile(r"\s*,?\s*(?:(?:and|or)\s*)?")  # what separates the names of a list
ORGS = frozenset(ORGANIZATION_CLASSES)
#: frames whose sentence sets a guild against an employer
_FACING = frozenset({"NegotiationSession", "Proposal", "Agreement", "negotiatesWith", "Strike"})

#: What closes a timeline entry's day label: a colon, or a dash set off by spaces ("May 11:", "March 10 —").
_LABEL_END = re.compile(r":|[ \t]+[\u2014\u2013-][ \t]")
# An hour opening a timeline's entry, after its day or alone: "Monday, 9 A.M. A session opens", "1:30 P.M. The ..."
_HOUR_LABEL = re.compile(r",?[ \t]*(?:\d{1,2}(?::\d{2})?[ \t]*(?:a\.m\.|p\.m\.|A\.M\.|P\.M\.)|[Nn]oon|[Mm]idnight)"
                         r"[ \t:\u2014\u2013-]*(?=[A-Z\"\u201c])")
# A subhead: a short line that ends no sentence and is no list item ("Wednesday: The guild's price", "What comes next")
_SUBHEAD = re.compile(r"(?![-\u2022\u2013\u2014*])[^\n]{2,80}(?<![.?!\"\u201d:;,])")


class Context:
    """Everything the assembly needs about one article."""

    def __init__(self, article: Article, doc: Doc, reference: Reference, lexicon: Lexicon):
        self.article = article
        self.doc = doc
        self.text = doc_text(doc)  # quote-normalised copy of article.text (same length)
        self.linked: Linked = doc._.linked
        self.reference = reference
        self.lexicon = lexicon
        self.frames = doc._.frames
        self.quotes = doc._.quotes
        self.anchor: dt.date | None = article.date
        self.year = article.date.year if article.date else \
            date_resolution.heading_year(self.text, heading_spans(self.text))
        self.dates: dict[int, dates_mod.DateMention] = date_resolution.retold_years(
            doc, date_resolution.resolve(self.text, self.anchor, self.year), self.anchor)
        self._main: dict[tuple[str, ...], str | None] = {}
        self.cache: dict = {}  # what the assembly steps index once per article

    @cached_property
    def frames_by_sentence(self) -> dict[int, list[Frame]]:
        """A sentence's start -> its frames, in order."""
        out: dict[int, list[Frame]] = {}
        for f in self.frames:
            out.setdefault(f.sent_start, []).append(f)
        return out

    # -- actors -------------------------------------------------------------------------------------------------
    def type_of(self, key: str) -> str:
        return self.linked.actors[key].type

    @cached_property
    def mention_counts(self) -> Counter:
        return Counter(self.linked.counts())

    def main(self, *types: str) -> str | None:
        """The actor of these types the article mentions most (first mention breaks ties)."""
        if types not in self._main:
            counts = self.linked.counts()  # in the order of first mentions
            order = {k: i for i, k in enumerate(counts)}
            cands = [k for k in counts if self.type_of(k) in types]
            self._main[types] = max(cands, key=lambda k: (counts[k], -order[k])) if cands else None
        return self._main[types]

    @cached_property
    def story_company(self) -> str | None:
        """The company a story is about: the subject of its lede, named at least three times and twice as often as
        any other company ("Walt Disney Co. said the strike took $340 million out of ... CFO Orsolya Duchesne")."""
        counts = sorted((n for k, n in self.mention_counts.items() if self.type_of(k) == "Studio"), reverse=True)
        main = self.main("Studio")
        lede = self.lede
        subject = next((self.linked.at_token(t.i) for t in lede.root.children if t.dep_ == "nsubj"), None) \
            if lede is not None else None
        ok = counts and counts[0] >= 3 and (len(counts) == 1 or counts[0] >= 2 * counts[1])
        return main if ok and subject is not None and subject.actor == main else None

    @cached_property
    def lede(self):
        """The story's opening sentence after the headline: the first told in the past."""
        return next((s for s in self.doc.sents if s.root.tag_ == "VBD" and s.start_char > self.text.find("\n")), None)

    def counterpart(self, key: str) -> str | None:
        """Who an actor bargains against in this article: a guild's is the employer the article's own sentences
        set it against most (talks, offers, deals, strikes naming both), else the employers' side it names most;
        and back."""
        t = self.type_of(key)
        if t == "Guild":
            faced = self.faced_employers.get(key)
            if faced:
                return faced.most_common(1)[0][0]
            return self.main("EmployerAssociation") or self.main("Studio")
        if t in EMPLOYERS:  # (the guild its sentences set against it most: the striking actors, not idled crews)
            facing = {g: c[key] for g, c in self.faced_employers.items() if c.get(key)}
            counts = self.linked.counts()
            main = self.main("Guild")
            if main is not None and main not in self.faced_employers and self.counterpart(main) == key and all(
                    counts[main] > counts.get(g, 0) and (g, key) not in self._faced_in_events for g in facing):
                return main  # (the story's guild, set against it by no sentence of its own but named most, not
                # "Bectu, which has its own agreements with Pact" in a story on Equity's talks with Pact; but the
                # striking actors, not the idled crews named more)
            return max(facing, key=lambda g: (facing[g], counts.get(g, 0))) if facing else main
        return None

    def faced_in_sentence(self, key: str, start: int) -> str | None:
        """The other side a session, talks or strike of the sentence starting at `start` sets `key` against."""
        other = EMPLOYERS if self.type_of(key) == "Guild" else {"Guild"}
        for f in self.frames_by_sentence.get(start, ()):
            if f.name in _FACING - {"Proposal", "Agreement"} and not f.hedge:
                named = [x.actor for fs in f.roles.values() for x in fs if x.how != "pair"]
                if key in named:
                    found = next((a for a in named if self.type_of(a) in other), None)
                    if found is not None:
                        return found
        return None

    @cached_property
    def _sides_named(self) -> list[tuple[str, int, str, str]]:
        """(frame, sentence start, guild, employer) of every session, offer, deal, strike or bargaining frame (not
        hypothetical) that names the guild and the employer as sides, in text order."""
        return [(f.name, f.sent_start, g, a) for f in self.frames if f.name in _FACING and f.hedge != "hypothetical"
                for named in ([x.actor for fs in f.roles.values() for x in fs if x.how != "pair"],)
                for g in named if self.type_of(g) == "Guild" for a in named if self.type_of(a) in EMPLOYERS]

    @cached_property
    def faced_employers(self) -> dict[str, Counter]:
        """Guild -> the employers named with it as the other side of a session, offer, deal, strike or bargaining
        in one sentence, counted (in the order first met: the count's ties go to the first)."""
        faced: dict[str, dict[tuple[int, str], None]] = {}  # (a sentence counts once, however many frames it has)
        for _, start, g, a in self._sides_named:
            faced.setdefault(g, {})[(start, a)] = None
        return {g: Counter(a for _, a in pairs) for g, pairs in faced.items()}

    @cached_property
    def _faced_in_events(self) -> frozenset[tuple[str, str]]:
        """(guild, employer) that a session, offer, deal or strike (not a standing relation) names as the sides."""
        return frozenset((g, a) for name, _, g, a in self._sides_named if name != "negotiatesWith")

    @cached_property
    def listed_employers(self) -> tuple[list[str], tuple[int, int]] | None:
        """The longest list of three or more companies the article names as one group, in a sentence that calls
        them companies, studios, publishers ... ("the companies it has been striking: Activision Productions Inc.,
        Blindlight LLC, ..."), with that sentence's span; None when there is none."""
        hypernyms = self.lexicon.hypernyms
        best: tuple[list[str], tuple[int, int]] | None = None
        for sent in self.doc.sents:
            if not any(t.lemma_.lower() in hypernyms for t in sent):
                continue
            names = [m for m in self.linked.between_tokens(sent.start, sent.end)
                     if m.kind != "description" and self.type_of(m.actor) == "Studio"]
            run: list = []
            for m in names:
                gap = self.doc[run[-1].tok_end:m.tok_start].text if run else ""
                if run and not _LIST_GAP.fullmatch(gap):
                    run = []
                run.append(m)
                actors = list(dict.fromkeys(x.actor for x in run))
                if len(actors) >= 3 and (best is None or len(actors) > len(best[0])):
                    best = (actors, (sent.start_char, sent.end_char))
        return best

    def first_mention(self, key: str):
        return self.linked.first(key)

    # -- dates --------------------------------------------------------------------------------------------------
    def days(self, start: int) -> tuple[dt.date, ...]:
        m = self.dates.get(start)
        return m.dates if m is not None and m.kind != "year" else ()

    @cached_property
    def _date_starts(self) -> list[int]:
        return sorted(self.dates)

    def date_starts(self, start: int, end: int) -> list[int]:
        """The starts of the date mentions in [start, end), in text order (found by halving: a long article has
        thousands, and every sentence asks)."""
        starts = self._date_starts
        return starts[bisect_left(starts, start):bisect_left(starts, end)]

    def past_days(self, start: int, end: int) -> set[dt.date]:
        """The days that date mentions in [start, end) name one each, none after the day the text is written on
        (an occasion still to come is no occasion told of)."""
        return {d[0] for s in self.date_starts(start, end) if s not in self.wire_starts for d in [self.days(s)]
                if len(d) == 1 and (self.anchor is None or d[0] <= self.today(s))}

    def date_text(self, start: int) -> str | None:
        m = self.dates.get(start)
        return m.text if m is not None else None

    def date_kind(self, start: int) -> str | None:
        m = self.dates.get(start)
        return m.kind if m is not None else None

    def due(self, start: int) -> bool:
        """A day without its year that lies ahead of the article's date this year ("the contracts expire July 31"
        in a February story): what is due, which dates no saying (reading it as last year's is the resolver's)."""
        day, anchor = self.days(start)[0], self.anchor
        if anchor is None or day.year >= anchor.year or re.search(r"\b(?:19|20)\d\d\b", self.date_text(start) or ""):
            return False
        try:
            return day.replace(year=anchor.year) > anchor
        except ValueError:  # February 29
            return False

    @cached_property
    def datelines(self) -> list[tuple[int, dt.date]]:
        """(offset, day) of the lines that are a day and a time alone ("Tuesday, May 2, 7:15 p.m. PT"), when the
        article has two or more: a live blog's update headers, each dating the items below it; and of a press
        release's dateline ("LOS ANGELES (March 10, 2031) — "), which dates the release below it."""
        out = []
        for m in re.finditer(r"[^\n]+", self.text):
            line = m.group()
            lead = len(line) - len(line.lstrip())
            mention = self.dates.get(m.start() + lead)
            if len(line.strip()) <= 60 and mention is not None and len(mention.dates) == 1 and \
                    HEADER_TIME_RE.fullmatch(self.text, mention.end, m.end()):
                out.append((m.start(), mention.dates[0]))
        releases = release_datelines(self.text, sorted(self.dates.values(), key=lambda m: m.start))
        return sorted((out if len(out) >= 2 else []) + releases)

    @cached_property
    def wire_starts(self) -> frozenset[int]:
        """Where the wire and press-release datelines' days stand ("TORONTO, Jan 22 (Reuters) -", "LOS ANGELES (June
        29, 2057) —"): the day written on, no day told of."""
        return frozenset(m.start for m in self.dates.values()
                         if is_wire_dateline(self.text, m) or is_release_dateline(self.text, m))

    @cached_property
    def _wire_days(self) -> list[tuple[int, dt.date]]:
        return wire_datelines(self.text, sorted(self.dates.values(), key=lambda m: m.start))

    def today(self, pos: int) -> dt.date | None:
        """The day the text at `pos` is written on: the article's, or that of the wire dateline above it (an
        update appended to the story)."""
        lines = self._wire_days
        k = bisect_right(lines, (pos, dt.date.max))
        return lines[k - 1][1] if k and self.anchor is not None and lines[k - 1][1] > self.anchor else self.anchor

    def dateline(self, pos: int) -> tuple[int, dt.date] | None:
        """The update header above `pos` (`datelines`)."""
        lines = self.datelines
        k = bisect_right(lines, (pos, dt.date.max))
        return lines[k - 1] if k else None

    @cached_property
    def _date_labels(self) -> list[tuple[int, int, dt.date]]:
        """(start, end, day) of the paragraphs a day and a colon or a dash open, when the article has two or more: a
        timeline's entries ("May 11: Negotiations open ...", "March 10 — The WGA ...")."""
        out = []
        lines = list(re.finditer(r"[^\n]+", self.text))
        hourly = None  # the day of the last entry told by its day and hour ("Monday, 9 a.m. A session opens.")
        for n, m in enumerate(lines):
            lead = len(m.group()) - len(m.group().lstrip(" \t" + "".join(BULLET_MARKS)))  # ("• Friday, Oct. 26:")
            mention = self.dates.get(m.start() + lead)
            if mention is None and hourly is not None and _HOUR_LABEL.match(self.text, m.start() + lead):
                out.append((m.start(), m.end(), hourly))  # ("1:30 p.m. The alliance moves": that day's hour)
                continue
            if mention is None or len(mention.dates) != 1:
                continue
            if _HOUR_LABEL.match(self.text, mention.end):  # "Tuesday, 8 a.m. Talks resume."
                hourly = mention.dates[0]
                out.append((m.start(), m.end(), hourly))
                continue
            if _LABEL_END.match(self.text, mention.end) or not self.text[mention.end:m.end()].strip(" \t,."):
                end = m.end()
                if _SUBHEAD.fullmatch(m.group().strip()) and not lead:  # ("Tuesday: The alliance answers" over
                    end = next((k.start() for k in lines[n + 1:] if _SUBHEAD.fullmatch(k.group().strip())),
                               len(self.text))  # its paragraphs): the day of the section, to the next subhead
                elif not _LABEL_END.match(self.text, mention.end):
                    continue  # (a day alone on a line is a subhead only)
                out.append((m.start(), end, mention.dates[0]))
        return out if len(out) >= 2 else []

    def date_label(self, pos: int) -> tuple[int, dt.date] | None:
        """The timeline entry's day the paragraph at `pos` opens with, and where its label stands."""
        k = bisect_right(self._date_labels, (pos, len(self.text), dt.date.max)) - 1
        return (self._date_labels[k][0], self._date_labels[k][2]) if k >= 0 and pos < self._date_labels[k][1] else None

    @cached_property
    def _update_stamps(self) -> list[int]:
        return [m.start() for m in UPDATE_STAMP_RE.finditer(self.text)]

    def update_stamp(self, pos: int) -> tuple[int, dt.date] | None:
        """The live story's time stamp above `pos` ("UPDATE, 5:26 PM:") and the story's day it stands for."""
        k = bisect_right(self._update_stamps, pos)
        day = self.today(self._update_stamps[k - 1]) if k else None
        return (self._update_stamps[k - 1], day) if day is not None else None

    # -- evidence -----------------------------------------------------------------------------------------------
    def evidence(self, start: int, end: int, extractor: str, confidence: float, inferred: bool = False) -> Evidence:
        """The sentence spanning [start, end) as it stands in the article (original characters, trimmed)."""
        raw = self.article.text[start:end]
        lead = len(raw) - len(raw.lstrip())
        sentence = raw.strip()
        return Evidence(start + lead, start + lead + len(sentence), sentence, extractor, confidence, inferred)

    def sentence_evidence(self, pos: int, extractor: str, confidence: float, inferred: bool = False) -> Evidence:
        tok = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        sent = tok[0].sent if tok is not None and len(tok) else self.doc[-1].sent
        return self.evidence(sent.start_char, sent.end_char, extractor, confidence, inferred)

    def inferred_evidence(self, key: str, role: str) -> Evidence:
        """For a role the sentence does not state: the first sentence naming the actor it was inferred to be."""
        m = self.first_mention(key)
        return self.sentence_evidence(m.start, f"inferred:{role}:article-counterpart", 0.4, inferred=True)
