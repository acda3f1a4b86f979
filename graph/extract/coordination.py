"""Coordination: the members of "A, B and C" (and "both A and B"), read from the parse once for every frame."""
from __future__ import annotations

from spacy.tokens import Token


def conjuncts(tok: Token, linked=None) -> list[Token]:
    """The other members of the coordination `tok` belongs to, in text order ("SAG-AFTRA and the WGA West";
    "IATSE, SAG-AFTRA, Writers Guild of America, and the Teamsters"). Inside a name the parse may hang the
    conjunction on any of its words ("the Writers Guild of AMERICA and the AMPTP")."""
    tokens = [tok]
    m = linked.at_token(tok.i) if linked is not None else None
    if m is not None:
        tokens = list(tok.doc[m.tok_start:m.tok_end])
        # "the Writers Guild of America (WGA) and the AMPTP": the conjunction may hang on the parenthesis
        tokens += [c for t in tokens for c in t.children if c.dep_ == "appos" and c.i >= m.tok_end]
    out = {t.i: t for x in tokens for t in x.conjuncts
           if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X", "ADJ") and t.i not in {y.i for y in tokens}}
    return [out[i] for i in sorted(out)]


def coordinated_verbs(verb: Token) -> list[Token]:
    """Verbs sharing a subject with `verb`: "met and agreed", "filed suit and sought damages"."""
    return [t for t in verb.conjuncts if t.pos_ in ("VERB", "AUX")]
