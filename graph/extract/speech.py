"""Reported speech: quotations and who speaks them (a quote tag names the speaker of a quotation that runs over
several sentences, so "our offer" inside it is the speaker's), attributions ("according to the union"), and
messages that speak for their sender ("the memo reads")."""
from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from .doc import doc_text
from .index import sentences


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Quoted stretches of a (quote-normalised) text, quotes paired within a paragraph: a quotation running over
    several sentences is one stretch, and one left open closes at the paragraph's end, as news prints them."""
    spans = []
    for para in re.finditer(r"[^\n]+", text):
        marks = [para.start() + m.start() for m in re.finditer('"', para.group())]
        for i in range(0, len(marks), 2):
            spans.append((marks[i], marks[i + 1] + 1 if i + 1 < len(marks) else para.end()))
    return spans


class Quotes:
    """The quotations of one doc, for "is this inside a quote" and "who speaks this quote"."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.spans = quote_spans(doc_text(doc))
        self._starts = [a for a, _ in self.spans]
        self.speaker_of_sentence: dict[int, str] = {}  # sentence start token -> the speaker of its quote

    def span_at(self, pos: int) -> tuple[int, int] | None:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self.spans[i][0] < pos < self.spans[i][1]:
            return self.spans[i]
        return None

    def inside(self, pos: int) -> bool:
        return self.span_at(pos) is not None

    def learn(self, speakers: dict[int, str]) -> None:
        """Spread each sentence's speaker over the quotation it tags, and to a quotation that a speaker's tag
        follows in the next sentence ('"...," the union said. "..."')."""
        sents = sentences(self.doc)
        text = doc_text(self.doc)
        self.speaker_of_sentence = dict(speakers)
        left_open: tuple[int, str | None] = (-1, None)  # where the last quotation left open ends, and its speaker
        for a, b in self.spans:
            # sentences the quotation covers (a sentence that only takes its closing mark is not one); the
            # sentences are in order, so those that end after the quotation opens and start before it closes
            first_i = bisect_right(sents.end_chars, a)
            last_i = first_i
            while last_i < len(sents) and sents.start_chars[last_i] < b - 2:
                last_i += 1
            inside = sents.spans[first_i:last_i]
            if not inside:
                continue
            who = next((speakers[s.start] for s in inside if s.start in speakers), None)
            if who is None:
                nxt = sents[last_i] if last_i < len(sents) else None  # the sentence after the last one
                if nxt is not None and nxt.start in speakers and nxt.start_char - b < 40:
                    who = speakers[nxt.start]
            if who is None:
                prev = sents[first_i - 1] if first_i > 0 else None  # the sentence before the first one
                if prev is not None and prev.start in speakers and a - prev.end_char < 5:
                    who = speakers[prev.start]
            if who is None and left_open[0] >= 0 and not text[left_open[0]:a].strip():
                who = left_open[1]  # a paragraph opening with a quote mark goes on with the one left open above
            left_open = (b, who) if text[b - 1] != '"' else (-1, None)
            if who:
                for s in inside:
                    self.speaker_of_sentence.setdefault(s.start, who)

    def speaker(self, tok: Token) -> str | None:
        """Who speaks the quotation a first-person word stands in ("our" in '"Our offer is fair," the AMPTP said')."""
        if not self.inside(tok.idx):
            return None
        return self.speaker_of_sentence.get(tok.sent.start)


def attribution_object(trigger: Token) -> list[Token]:
    """The source an attribution names: "according TO the union", "per the AMPTP"."""
    if trigger.lower_ == "according":
        return [p for c in trigger.children if c.lower_ == "to" for p in c.children if p.dep_ == "pobj"]
    return [p for p in trigger.children if p.dep_ == "pobj"]


def message_subject_of(trigger: Token, message_verbs: set[str]) -> bool:
    """Whether a message noun is the subject of a verb of saying: "the memo READS", "the statement SAID"."""
    return trigger.dep_ in ("nsubj",) and trigger.head.lemma_ in message_verbs


def period_noun(trigger: Token, spec: dict) -> bool:
    """A message noun that names a length of time: "gave staff 30 DAYS' notice", "two weeks' notice" (speech.yaml
    `periods`): no message."""
    units = set(spec.get("periods", {}).get(trigger.lemma_.lower(), ()))
    return any(c.dep_ in ("poss", "compound", "nmod", "nummod") and c.lemma_.lower() in units for c in trigger.children)


def told_after_colon(verb: Token) -> bool:
    """A verb of saying whose object a colon follows, and a clause with a verb of its own after it: "the guild
    ANNOUNCED the result: 76.1% of voting members said yes" (what was said is after the colon)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    colon = next((t for t in verb.doc[obj.i:verb.sent.end] if t.text == ":"), None) if obj is not None else None
    if colon is None or colon.i + 1 >= verb.sent.end or not verb.is_ancestor(colon.nbor(-1)):
        return False  # (the phrase before the colon the verb's: "confirmed the news ON FRIDAY: ...")
    return any(t.pos_ in ("VERB", "AUX") for t in verb.doc[colon.i + 1:verb.sent.end])


def name_after_quote(at_token, verb: Token):
    """"'...,' X, business agent of Local 80, home to the grips, TOLD Deadline": the mention (`at_token` finds it)
    right after the quote, set off by a comma, when nothing but its appositions (no verb) stands between it and the
    verb of saying the parse left without a subject."""
    doc = verb.doc
    close = next((t for t in reversed(doc[verb.sent.start:verb.i]) if t.tag_ == "''"), None)
    m = at_token(close.i + 1) if close is not None and close.i + 1 < verb.i else None
    if m is None or m.tok_end >= verb.i or doc[m.tok_end].text != "," or doc[close.i - 1].text != ",":
        return None
    return m if not any(t.pos_ in ("VERB", "AUX") or t.tag_ in ("``", "''") for t in doc[m.tok_end:verb.i]) else None
