"""Issues: the bargaining issues an article raises, from the SKOS trigger phrases, negated mentions left out."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from ..reference import Reference
from .doc import doc_text
from .lexicon import load_lexicon

_NEGATORS = {"not", "n't", "never"}
_NONE = {"nothing", "none"}  # "nothing on staffing": what is withheld


@dataclass(frozen=True)
class IssueMention:
    start: int
    end: int
    notation: str


@functools.lru_cache(maxsize=4)
def _patterns(reference: Reference) -> list[tuple[re.Pattern, str]]:
    """One regex per issue; all-caps triggers ("AI") match case-sensitively, the rest ignore case. The lexicon's
    counted phrases ("floor of {n} writers") join their issue's triggers."""
    counted = load_lexicon().terms.get("counted_issues") or {}
    out = []
    for notation, issue in sorted(reference.issues.items()):
        triggers = {*issue.triggers, *counted.get(notation, ())}
        folded = sorted({t for t in triggers if not _is_acronym(t)}, key=len, reverse=True)
        exact = sorted({t for t in triggers if _is_acronym(t)}, key=len, reverse=True)
        parts = []
        if folded:
            parts.append("(?i:" + "|".join(_phrase(t) for t in folded) + ")")
        if exact:
            parts.append("|".join(_phrase(t) for t in exact))
        if parts:
            out.append((re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])"), notation))
    return out


def _is_acronym(trigger: str) -> bool:
    letters = [c for c in trigger if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 4


def _phrase(trigger: str) -> str:
    # apostrophes and hyphens vary in print: "writers' room", "writers room", "mini-rooms"
    words = re.split(r"[\s-]+", trigger.replace("\u2019", "'"))
    return r"[\s-]+".join(_NUMBER if w == "{n}" else re.escape(w).replace("'", "'?") for w in words)


#: A count in figures or in words, for the lexicon's counted phrases.
_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"


def _negated(doc: Doc, start: int, end: int) -> bool:
    """'the use of AI will not affect writers' pay': pay is what is protected, not what is bargained over (the
    use of AI, the subject, is)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    head, below = span.root, None
    if _withheld(head):
        return True
    for _ in range(4):  # the governing verb, a few steps up
        if below is not None and below.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "until"
                                                               for m in below.children):
            return False  # "we won't stop UNTIL the deal includes better pay": what it takes, not what is denied
        # only a negated verb: "without cutting benefits" beside "health and pension funds" negates nothing; and
        # not its subject: "AI would not replace members" is about AI
        if head.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" or c.lower_ in _NEGATORS for c in head.children):
            return below is None or below.dep_ not in ("nsubj", "nsubjpass", "csubj")
        if head.head.i == head.i:
            break
        head, below = head.head, head
    return False


def _withheld(tok) -> bool:
    """"offered nothing on staffing", "no movement on AI": an issue on which nothing is offered is not bargained
    over in that clause."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("on", "about", "over"):
        return False
    nouns = [prep.head] if prep.head.pos_ != "VERB" else [c for c in prep.head.children if c.dep_ == "dobj"]
    return any(n.lower_ in _NONE or any(c.dep_ == "det" and c.lower_ == "no" for c in n.children) for n in nouns)


def find_issues(doc: Doc, reference: Reference) -> list[IssueMention]:
    found = []
    text = doc_text(doc)
    for pattern, notation in _patterns(reference):
        for m in pattern.finditer(text):
            if not _negated(doc, m.start(), m.end()):
                found.append(IssueMention(m.start(), m.end(), notation))
    # Longer triggers win over the words inside them ("residual bases" in a pay demand stays one mention).
    found.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out, last_end = [], -1
    for m in found:
        if m.start >= last_end:
            out.append(m)
            last_end = m.end
    return [m for m in out if not _paid_into(doc, m, out)]


#: What money is paid into: "pay 12% INTO the health fund", "contribute 24% TO the pension plan".
PAID_INTO = ("into", "to", "toward", "towards")


def _paid_into(doc: Doc, mention: IssueMention, mentions: list[IssueMention]) -> bool:
    """A verb that pays into another issue's fund ("employers would PAY 12% of covered earnings into the health
    fund"): that issue's, not pay's."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].pos_ != "VERB":
        return False
    into = [c for c in span[0].children if c.dep_ == "prep" and c.lower_ in PAID_INTO]
    reach = [(c.left_edge.idx, c.right_edge.idx + len(c.right_edge)) for c in into]
    return any(lo <= m.start < hi and m.notation != mention.notation for m in mentions for lo, hi in reach)
