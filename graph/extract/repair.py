"""Parse repairs: a pipeline component that mends one misparse of the small model before the frames are read."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

# what a name before the verb may be made of: "IATSE Local 52", "Teamsters Local 399"
_NAME_PARTS = frozenset({"PROPN", "NUM"})


@Language.component("guildgraph_parse_repair")
def parse_repair(doc: Doc) -> Doc:
    """"IATSE Local 52 PROPOSED wage increases of 7%": the tagger reads a verb, the parser an adjective of the noun
    after it, in a noun phrase that is the whole sentence (or in apposition to the name that is). The verb
    becomes the sentence's root, the name before it its subject, the noun its object, and what opened the
    sentence ("On January 12,") hangs on the verb."""
    for tok in doc:
        if _misread_verb(tok):
            _make_main_verb(tok)
    return doc


def _misread_verb(tok: Token) -> bool:
    noun, root = tok.head, tok.sent.root
    if tok.tag_ not in ("VBD", "VBN") or tok.dep_ != "amod" or noun.pos_ not in ("NOUN", "PROPN") \
            or not tok.sent.start < tok.i < noun.i or tok.nbor(-1).pos_ not in _NAME_PARTS:
        return False
    whole = noun.dep_ == "ROOT" or noun.dep_ == "appos" and noun.head.i == root.i and root.pos_ == "PROPN" \
        and root.i < tok.i
    return whole and not any(t.pos_ in ("VERB", "AUX") and t.i != tok.i and t.dep_ != "advcl"
                             for t in (*noun.children, *root.children))


def _make_main_verb(verb: Token) -> None:
    noun, sent, root = verb.head, verb.sent, verb.sent.root
    start = verb.i
    while start > sent.start and verb.doc[start - 1].pos_ in _NAME_PARTS:
        start -= 1
    subject = next((t for t in reversed(verb.doc[start:verb.i]) if t.pos_ == "PROPN"), None)
    if subject is None:
        return
    moved = [t for t in sent if t.i < verb.i and t.i != subject.i]
    heads = {t.i: t.head.i for t in moved}
    verb.head, verb.dep_ = verb, "ROOT"
    noun.head, noun.dep_ = verb, "dobj"
    subject.head, subject.dep_ = verb, "nsubj"
    for t in moved:
        if t.i >= start and not start <= heads[t.i] < verb.i:
            t.head = subject  # a part of the name ("600" hung on the noun)
        elif t.i < start and heads[t.i] in (noun.i, root.i):
            t.head = verb  # what opened the sentence
