"""Coordination: the members of "A, B and C" (and "both A and B"), read from the parse once for every frame."""
from __future__ import annotations

from spacy.tokens import Token


def conjuncts(tok: Token, linked=None, list_openers=()) -> list[Token]:
    """The other members of the coordination `tok` belongs to, in text order ("SAG-AFTRA and the WGA West";
    "IATSE, SAG-AFTRA, Writers Guild of America, and the Teamsters"). Inside a name the parse may hang the
    conjunction on any of its words ("the Writers Guild of AMERICA and the AMPTP"). A list that one of the
    `list_openers` introduces ("..., among them Netflix and Amazon") illustrates a noun; it is not coordinated."""
    tokens = [tok]
    m = linked.at_token(tok.i) if linked is not None else None
    appositions = []
    if m is not None:
        tokens = list(tok.doc[m.tok_start:m.tok_end])
        # "the Writers Guild of America (WGA) and the AMPTP": the conjunction may hang on the parenthesis
        appositions = [c for t in tokens for c in t.children if c.dep_ == "appos" and c.i >= m.tok_end
                       and not opened(c, list_openers)]
        tokens += appositions
    out = {t.i: t for x in tokens for t in x.conjuncts
           if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X", "ADJ") and t.i not in {y.i for y in tokens}}
    # "Netflix, the Walt Disney Co., Amazon and Sony": the parse makes the second name of a list an apposition of
    # the first, and hangs the rest on it
    out.update({c.i: c for c in appositions if linked.at_token(c.i) is not None and c.pos_ == "PROPN"
                and any(x.dep_ == "conj" for x in c.children)})
    return [out[i] for i in sorted(out)]


def coordinated_verbs(verb: Token) -> list[Token]:
    """Verbs sharing a subject with `verb`: "met and agreed", "filed suit and sought damages"."""
    return [t for t in verb.conjuncts if t.pos_ in ("VERB", "AUX")]


def opened(tok: Token, list_openers) -> bool:
    """Whether one of `list_openers` ("including", "among them") stands right before the phrase of `tok`."""
    start = tok.left_edge.i
    before = " ".join(t.lower_ for t in tok.doc[max(0, start - 3):start])
    return any(before == o or before.endswith(" " + o) for o in list_openers)
