"""A frame's scope: the clause a trigger tells and, within it, what the event is about (not an aside, a
contrast, or what a reply answers), and the deal or proposal a definite noun with figures stands for."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from . import syntax
from .doc import bulleted_after_colon
from .lexicon import FrameSpec

_DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their", "our"})


def definite_with_figures(tok: Token, owned: bool = False) -> bool:
    """"the new contract raises pay 5%", "under the contracts, wages rise 4%": a definite noun that the sentence is
    about (its subject, or "under" it), in a sentence (or the bullets its colon introduces: "the new contracts
    include:") that states percentages; "by the end of their contract" only dates the figures."""
    sent = tok.sent
    # (`owned`: only a side's own, "under the union's plan")
    if not any(c.dep_ == "poss" if owned else c.dep_ in ("det", "poss") and c.lower_ in _DEFINITE
               for c in tok.children) or not (
            tok.dep_ in ("nsubj", "nsubjpass") or tok.dep_ == "pobj" and tok.head.lower_ in ("under", "in")):
        return False
    told = [*sent, *(tok.doc[i] for i in bulleted_after_colon(tok.doc, sent, frozenset(range(sent.start, sent.end))))]
    return any(t.text == "%" or t.lower_ in ("percent", "pct", "cent") for t in told)


def framing_clause(root: Token) -> Token:
    """The clause a deal frames: "UNDER the agreement ratified Thursday, scale rates RISE 7%" (a participle on a
    noun that "under" or "in" sets before the clause) is about the whole clause, and so is one whose subject
    the deal is."""
    node = root
    if node.pos_ in ("NOUN", "PROPN") and node.dep_ in ("nsubj", "nsubjpass") and node.head.pos_ in ("VERB", "AUX"):
        return node.head  # "the Teamsters' deal LIFTS wages 5%": what is said of the deal
    if node.dep_ == "advcl" and node.tag_ in ("VBN", "VBD") and node.i < node.head.i \
            and node.head.pos_ in ("VERB", "AUX") \
            and not any(c.dep_.startswith(("nsubj", "aux")) for c in node.children):
        return node.head  # the parse's reading of the same: "[under the agreement] ratified Thursday, rates rise"
    if syntax.misparsed_main_verb(node) or syntax.misparsed_list_verb(node):
        return node.head  # the parse's slip: the whole sentence is the verb's clause
    if node.dep_ == "acl":
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ in ("under", "in") and node.head.dep_ == "prep" \
            and node.head.head.pos_ in ("VERB", "AUX") and node.i < node.head.head.i:
        return node.head.head
    return root


def reply_noun(tok: Token, spec) -> bool:
    """A reply that is an offer only with the figures it gives ("its answer: 4%"; not "the union's counteroffer")."""
    return tok.pos_ == "NOUN" and tok.lemma_.lower() in spec.reply_nouns & spec.needs_figures


def given(adjective: Token, spec: FrameSpec) -> frozenset[int]:
    """What a readiness offers: the phrase of its verbs of giving, not of the other verbs coordinated with them
    ("ready to INCREASE minimum pay and discuss AI" offers pay, it does not offer AI)."""
    out: set[int] = set()
    for v in syntax.given_verbs(adjective, spec):
        out |= {t.i for t in v.subtree} - {t.i for c in v.children if c.dep_ == "conj" for t in c.subtree}
    return frozenset(out)


#: conjunctions that open a clause of its own beside the one they hang on: "wants talks to start early, AS executives
#: told investors that residual costs are growing"
_ASIDE_MARKS = frozenset({"as", "while", "because", "since", "although", "though", "whereas"})


def aside(doc, scope: frozenset[int], trigger) -> frozenset[int]:
    """The tokens of the adverbial clauses in `scope` that tell something else (`_ASIDE_MARKS`), unless the trigger
    is told in one ("the strike lasted 146 days AS writers demanded better pay")."""
    return frozenset(t.i for i in scope for c in [doc[i]] if c.dep_ == "advcl" and c.i != trigger.i
                     and trigger not in c.subtree
                     and any(m.dep_ == "mark" and m.lower_ in _ASIDE_MARKS for m in c.children) for t in c.subtree)


def contrasted(doc: Doc, scope: frozenset[int]) -> set[int]:
    """The things a "but" sets against what comes before ("the studios' counteroffer on wages BUT little
    MOVEMENT on AI"): not what the proposal is about. Not after "not" ("not a raise but a bigger share of
    residuals" asks for the residuals), nor a verb's ("offered to tighten the rules but not to require consent"
    is about the same thing)."""
    out: set[int] = set()
    for i in scope:
        head = doc[i]
        cc = next((c for c in head.children if c.dep_ == "cc" and c.lower_ in ("but", "yet")), None)
        if cc is None or any(c.dep_ == "neg" or c.lower_ == "not" for c in head.children) or (
                head.i > 0 and doc[head.i - 1].lower_ == "not"):
            continue
        out |= {t.i for c in head.children if c.dep_ == "conj" and c.i > cc.i and c.pos_ in ("NOUN", "PROPN")
                for t in c.subtree}
    return out


def absent(doc: Doc, scope: frozenset[int]) -> set[int]:
    """What a "without" phrase says the act left out ("put 3.5% on the table, WITHOUT ANY OUTSOURCING LANGUAGE"):
    not what the proposal is about (a phrase on the verb: "a contract without loopholes on AI" asks for rules)."""
    return {t.i for i in scope if doc[i].dep_ == "prep" and doc[i].lower_ == "without"
            and doc[i].head.pos_ in ("VERB", "AUX") for t in doc[i].subtree}


def cleft_predicate(verb: Token) -> frozenset[int]:
    """"WHAT the guild put on the table Tuesday WAS a weekly minimum 12% above the animator rate": what the clause
    asks is the predicate of the "be" it is the subject of."""
    be = verb.head
    if verb.dep_ != "csubj" or be.lemma_ != "be" or not any(
            t.lower_ == "what" and t.i < verb.i for t in verb.subtree):
        return frozenset()
    return frozenset(t.i for c in be.children if c.i > verb.i and c.dep_ != "punct" for t in c.subtree)
