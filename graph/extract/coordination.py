"""Coordination: the members of "A, B and C" (and "both A and B"), read from the parse once for every frame."""
from __future__ import annotations

from spacy.tokens import Token


def conjuncts(tok: Token) -> list[Token]:
    """The other members of the coordination `tok` belongs to, in text order ("SAG-AFTRA and the WGA West";
    "IATSE, SAG-AFTRA, Writers Guild of America, and the Teamsters")."""
    return sorted((t for t in tok.conjuncts if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM", "X", "ADJ")),
                  key=lambda t: t.i)


def coordinated_verbs(verb: Token) -> list[Token]:
    """Verbs sharing a subject with `verb`: "met and agreed", "filed suit and sought damages"."""
    return [t for t in verb.conjuncts if t.pos_ in ("VERB", "AUX")]
