"""Common nouns that stand for several bodies named before them: a distributive subject ("each union", "each of the
five") and a plural after "those" or "these" ("those companies")."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from .index import sentences

if TYPE_CHECKING:
    from .mention_types import Linked, Mention


_LIST_GLUE = frozenset({",", "and", "&", ";", "or"})


def distributed(token: Token, linked: "Linked", types: set[str]) -> list["Mention"]:
    """The bodies a distributive subject takes one by one: "EACH UNION bargains its own contract", "EACH OF THE
    FIVE signs its own" stand for the list of names just before, in its sentence or the two before ("the
    coalition is made up of A, B, C and D"); the list read by the words between the names, as the parse often
    breaks such lists of locals."""
    if not (token.lower_ == "each" and token.dep_ in ("nsubj", "nsubjpass")
            or any(c.dep_ == "det" and c.lower_ in ("each", "every") for c in token.children)):
        return []
    sents = sentences(token.doc)
    k = sents.at_token(token.i)
    floor = sents.starts[k - 2] if k >= 2 else 0
    cands = [m for m in linked.between_tokens(floor, token.i) if m.tok_end <= token.i
             and linked.type_of(m.actor) in types]
    runs: list[list["Mention"]] = []
    for m in cands:
        glue = token.doc[runs[-1][-1].tok_end:m.tok_start] if runs else None
        if glue is not None and len(glue) <= 2 and all(t.text in _LIST_GLUE or t.is_space for t in glue) \
                and any(t.text in _LIST_GLUE for t in glue):
            runs[-1].append(m)
        else:
            runs.append([m])
    run = next((r for r in reversed(runs) if len({m.actor for m in r}) >= 2), [])
    return list({m.actor: m for m in run}.values())


def demonstrated(token: Token, linked: "Linked", types: set[str], kinds: dict) -> list["Mention"]:
    """"ALL OF THOSE COMPANIES are members of the AMPTP", "these studios": a plural generic noun after "those" or
    "these" stands for the names of its kind (actors.yaml `descriptions`) told in its sentence and the three before,
    two or more of them."""
    noun = token
    if token.lower_ in ("all", "both", "each"):
        noun = next((p for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj"), None)
    if noun is None or noun.tag_ != "NNS" or not any(c.dep_ == "det" and c.lower_ in ("those", "these")
                                                      for c in noun.children):
        return []
    kind = set(kinds.get(noun.lemma_.lower(), ())) & types
    sents = sentences(token.doc)
    k = sents.at_token(token.i)
    named = {m.actor: m for m in linked.between_tokens(sents.starts[max(k - 3, 0)], noun.i)
             if linked.type_of(m.actor) in kind}
    last = max((m.tok_end for m in named.values()), default=noun.i)
    if any(t.lemma_ == noun.lemma_ and t.tag_ == "NNS" for t in token.doc[last:noun.i]):
        return []  # "engaged by production companies, and those companies sign": the noun told just before
    return list(named.values()) if len(named) >= 2 else []
