"""Accusations and urgings: whom a verb of accusing or alleging names, who accuses, whom a verb of urging urges."""
from __future__ import annotations

from spacy.tokens import Token

from .syntax import Governor, logical_objects, logical_subjects, prep_objects


def accused(trigger: Token, gov: Governor, accusing: frozenset[str], alleging: frozenset[str]) -> list[Token]:
    """Whom the clause of accusation of an action names: the object of "accusing X of", the subject of what
    "alleging that" tells, on the trigger, on its verb, or the verb itself ("accused X of ... in a filing")."""
    hosts = [trigger] + ([gov.verb] if gov.verb is not None and gov.verb.i != trigger.i else [])
    clauses_ = [c for h in hosts for c in h.children if c.dep_ in ("advcl", "conj", "xcomp", "acl", "relcl")]
    out = []
    above = [trigger.head.head] if trigger.dep_ == "pobj" and trigger.head.head.i != trigger.head.i else []
    above += [a for a in [accusing_verb(trigger, accusing)] if a is not None and a not in above]
    for v in [*clauses_, *(hosts[1:] if gov.relation == "prep" else []), *above]:
        lemma = v.lemma_.lower()
        if lemma in accusing and v.pos_ == "VERB":
            out += logical_objects(v)
        elif lemma in alleging and v.pos_ == "VERB":
            out += [s for c in v.children if c.dep_ == "ccomp" for s in c.children if s.dep_ == "nsubj"]
    # "filed a charge ..., ACCUSING X of": the participle the parse hung elsewhere
    after = next((t for t in trigger.doc[trigger.i + 1:trigger.sent.end] if t.tag_ == "VBG"), None)
    return out or (logical_objects(after) if after is not None and after.lemma_.lower() in accusing and trigger.doc[
        after.i - 1].text == "," else [])


def accusing_verb(trigger: Token, accusing: frozenset[str]) -> Token | None:
    """The verb of accusation a noun trigger is the medium of, however far the parse hangs it: "SAG-AFTRA ACCUSED WB
    Games of ... and of refusing to say how the voices were made, IN a charge lodged with the NLRB"."""
    if trigger.dep_ != "pobj" or trigger.head.lower_ != "in":
        return None
    return next((a for a in trigger.ancestors if a.pos_ == "VERB" and a.lemma_.lower() in accusing), None)


def urged(verb: Token, urging: frozenset[str]) -> list[Token]:
    """Whom a verb of urging above `verb` urges to do it: its object ("urged THE AMPTP to return", "called ON THE
    STUDIOS to resume talks"), or, where the parse gives the clause a subject of its own ("urged that THE AMPTP
    return"), the one who urges."""
    head = verb.head
    if head.i == verb.i or head.pos_ != "VERB" or head.lemma_.lower() not in urging:
        return []
    if verb.dep_ == "xcomp":
        return logical_objects(head) or prep_objects(head, ("on",))
    if verb.dep_ == "ccomp" and any(c.dep_ == "nsubj" for c in verb.children):
        return logical_subjects(head)
    return []


def accusers(trigger: Token, accusing: frozenset[str]) -> list[Token]:
    """Who files the action a verb of accusation tells it through: "SAG-AFTRA accused WB Games ... IN a charge"."""
    verb = accusing_verb(trigger, accusing)
    return logical_subjects(verb) if verb is not None else []
