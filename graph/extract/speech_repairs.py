"""Parse repairs around sayings: the phrases of a reporting verb the parser hangs inside the clause or quotation it
reports, and speakers it reads into a quotation or an aside."""
from __future__ import annotations

import functools

from spacy.tokens import Token

from .lexicon import load_lexicon


def inside_fronted_clause(tok: Token) -> Token | None:
    """"Negotiators would return to the table WEDNESDAY, the union said": a phrase before the comma that ends a
    reported clause put first is the clause's, where the parser hangs it on the reporting verb after it. The
    clause's verb is returned."""
    if tok.dep_ not in ("npadvmod", "prep") or tok.right_edge.i + 1 >= len(tok.doc) \
            or tok.right_edge.nbor(1).text != ",":
        return None
    verb = tok.head
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < tok.i), None)
    if clause is None or verb.i < tok.i or clause.right_edge.i + 1 != tok.left_edge.i:
        return None
    return clause if all(c.i > tok.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")) else None


def after_speaker_aside(tok: Token) -> Token | None:
    """"..., said Mara Ellison, a camera assistant who voted no, ON MONDAY.": the phrase that ends the sentence after
    the comma closing the speaker's aside is the saying's, where the parser hangs it on the aside's own verb. The
    verb of saying is returned."""
    if tok.dep_ not in ("prep", "npadvmod") or tok.i < 1 or tok.nbor(-1).text != "," or tok.head.dep_ != "relcl" \
            or tok.right_edge.i + 2 != tok.sent.end:
        return None
    noun = tok.head.head
    name = noun.head if noun.dep_ == "appos" else noun
    verb = name.head
    return verb if name.dep_ == "nsubj" and verb.pos_ == "VERB" and verb.i < name.i else None


_CLOSING_QUOTES = frozenset({'"', "''", "\u201d"})


def medium_read_into_quote(tok: Token) -> Token | None:
    """Roe called the deal "a door that will not close" IN A STATEMENT ON MARCH 28: the message after a closing
    quotation mark, and the day after it, are the saying's (the verb's outside the quotation), where the parser hangs
    them on a word inside. That verb is returned."""
    if tok.dep_ != "prep" or tok.lower_ not in ("in", "on") or tok.i < 2:
        return None
    noun = next((c for c in tok.children if c.dep_ == "pobj"), None)
    told = noun is not None and (noun.lemma_.lower() in _message_nouns() if tok.lower_ == "in"
                                 else noun.ent_type_ == "DATE")
    if not told:
        return None
    close = next((t.i for t in reversed(tok.doc[tok.sent.start:tok.i]) if t.text in _CLOSING_QUOTES), None)
    start = next((t.i for t in reversed(tok.doc[tok.sent.start:close]) if t.text in _CLOSING_QUOTES), None) \
        if close is not None else None
    head = tok.head
    if start is None or not start < head.i < close \
            or any(start < t.head.i < close for t in tok.doc[close + 1:tok.i]):  # (only the message between)
        return None
    while start < head.i < close and head.head.i != head.i:
        head = head.head
    return head if head.pos_ == "VERB" and not start <= head.i <= close else None


@functools.cache
def _message_nouns() -> frozenset[str]:
    return frozenset(load_lexicon().speech["nouns"])


_SAYING = frozenset({"say", "tell", "add", "write", "explain", "insist"})


def speaker_read_into_quote(tok: Token) -> Token | None:
    """"It isn't a protection," PRIYA RAMAN, TAG's business representative, TOLD reporters: a verb after a
    quotation with no subject of its own, whose speaker, named right after the closing quotation mark, the parser
    hangs on a word inside the quotation (an apposition). The speaker's name is returned."""
    if tok.pos_ != "VERB" or tok.tag_ not in ("VBD", "VBZ") or any(c.dep_.startswith("nsubj") for c in tok.children):
        return None
    clause = next((c for c in tok.children if c.dep_ == "ccomp" and c.i < tok.i), None)
    if clause is None:
        return None
    close = next((t for t in tok.doc[clause.i:tok.i] if t.text in _CLOSING_QUOTES), None)
    if close is None or close.i + 1 >= tok.i or tok.doc[close.i + 1].pos_ != "PROPN":
        return None
    name = tok.doc[close.i + 1]
    while close.i < name.head.i < tok.i and name.head.i != name.i:
        name = name.head
    return name if name.dep_ == "appos" and name.head.i < close.i else None


def speaker_read_into_aside(tok: Token) -> Token | None:
    """"...," QUIRIN TOLHURST, TAG's business representative, who did most of the talking, TOLD reporters: a verb of
    saying after a quotation with no subject of its own, whose speaker, named right after the closing quotation
    mark and set off by a comma, the parser makes the subject of a word in the aside. The name is returned."""
    if tok.lemma_ not in _SAYING or tok.pos_ != "VERB" or tok.dep_ != "ROOT" \
            or any(c.dep_.startswith("nsubj") for c in tok.children):
        return None
    close = next((t for t in reversed(tok.doc[tok.sent.start:tok.i]) if t.text in _CLOSING_QUOTES), None)
    if close is None or close.i < 2 or close.nbor(-1).text != "," or close.i + 2 >= tok.i:
        return None
    end = close.i + 1
    while end < tok.i and tok.doc[end].pos_ == "PROPN":
        end += 1
    if end == close.i + 1 or tok.doc[end].text != "," or tok.nbor(-1).text != ",":
        return None
    name = tok.doc[end - 1]
    return name if name.dep_ in ("nsubj", "nsubjpass") and name.head.i != tok.i and close.i < name.head.i < tok.i \
        else None


def subject_after_label(tok: Token) -> Token | None:
    """"THE OTHER SIDE: one studio executive ... told Axios": a label that opens the sentence before a colon is no
    subject; the noun after the colon, which the parser makes the label's apposition, is. It is returned."""
    if tok.dep_ not in ("nsubj", "nsubjpass") or tok.left_edge.i != tok.sent.start or tok.i + 1 >= len(tok.doc) \
            or tok.nbor(1).text != ":":
        return None
    return next((c for c in tok.children if c.dep_ == "appos" and c.i > tok.i + 1), None)


def before_reported_clause(tok: Token) -> Token | None:
    """"The guild said ON TUESDAY it would strike": a phrase between a verb and the clause it reports, before the
    clause's subject (and its "that"), is the verb's, where the parser hangs it on the clause's own verb. The
    reporting verb is returned."""
    if tok.dep_ not in ("prep", "npadvmod"):
        return None
    clause = tok.head
    verb = clause.head
    if clause.dep_ != "ccomp" or verb.pos_ != "VERB" \
            or not verb.i < tok.i < clause.i:
        return None
    opening = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "mark")]
    if any(c.dep_ == "mark" and c.lower_ != "that" for c in opening) or any(
            c.dep_ == "ccomp" and any(m.lower_ == "that" for m in c.children) for c in clause.children):
        return None  # the clause is when it was said ("said the night (after) the deal was ratified that ...")
    begins = min((c.left_edge.i for c in opening), default=-1)
    last = tok.right_edge
    if last.i >= begins:
        return None
    if last.pos_ == "NOUN" and any(d.lower_ == "the" for d in last.children) and last.i + 1 == begins:
        return None  # "the day [the deal was announced]": the clause may be the noun's, when it was said
    return verb
