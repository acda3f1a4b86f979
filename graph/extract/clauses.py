"""Clauses: relative clauses and appositions, so a role skips "which represents the crews" to the union it
describes, and a title or a "subsidiary of" finds the name it describes."""
from __future__ import annotations

from spacy.tokens import Token

from .date_patterns import RANGE_END_WORDS

COPULAS = {"be", "become", "remain"}


def antecedent(pronoun: Token) -> Token:
    """The noun a relative pronoun stands for: "the union, WHICH represents crews" -> union."""
    verb = pronoun.head
    if verb.dep_ in ("relcl", "acl") and verb.head.i != verb.i and not (singular_verb(verb) and verb.head.conjuncts):
        return verb.head
    return pronoun  # (read by the words: "A, B and C, which IS owned by D" is about C alone)


def relative_antecedent(tok: Token) -> Token | None:
    """The noun a relative clause holding `tok` ("whose", "who") is about: "SAG-AFTRA, WHOSE strike has entered
    its fourth week" -> SAG-AFTRA, the noun right before it (the parse often hangs the clause on the first of
    two coordinated names)."""
    i = tok.i - 1
    if i >= 0 and tok.doc[i].text == ",":
        i -= 1
    if i >= 0 and tok.doc[i].pos_ in ("PROPN", "NOUN"):
        return tok.doc[i]
    node = tok
    for _ in range(6):
        if node.dep_ in ("relcl", "acl") and node.head.i != node.i:
            return node.head
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def singular_verb(verb: Token) -> bool:
    """Whether a clause's verb, or its auxiliary, is in the third person singular ("which IS owned by", "that HAS")."""
    return verb.tag_ == "VBZ" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBZ" for c in verb.children)


def name_before_apposition(noun: Token, linked) -> Token | None:
    """The first word of the name a singular apposition follows, set off by a comma ("..., and Llama Productions, A
    SUBSIDIARY of Epic"), or None."""
    edge = noun.left_edge.i
    m = linked.at_token(edge - 2) if noun.dep_ == "appos" and noun.tag_ == "NN" and edge > 1 \
        and noun.doc[edge - 1].text == "," else None
    return noun.doc[m.tok_start] if m is not None else None


#: words that pick some of a group: "ONE of the alliance's members"
PARTITIVES = frozenset({"one", "two", "three", "four", "five", "some", "several", "many", "each", "both"})


def described(noun: Token) -> list[Token]:
    """What a noun says something about: the head of its apposition ("Llama Productions, a SUBSIDIARY of Epic"),
    the subject of its copula ("Llama is a SUBSIDIARY of Epic", "are among the MEMBERS of"), the name it stands
    before ("CEO Bob Iger"), or the name in apposition to it ("the AMPTP's president, Carol Lombardini")."""
    out = []
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ in PARTITIVES:
        return described(noun.head.head)  # "Warner Bros. Discovery, one of the alliance's largest MEMBERS"
    # a title inside a longer title ("negotiating committee CHAIR") hangs on the phrase's last noun
    tok = noun
    while tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i \
            and tok.head.ent_type_ != "PERSON" and not tok.head.ent_type_:
        tok = tok.head
    if tok.dep_ == "appos":
        out.append(tok.head)
    elif tok.dep_ == "attr" and tok.head.lemma_ in COPULAS:
        out += [c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass")]
    elif tok.dep_ == "pobj" and tok.head.lower_ == "among" and tok.head.head.lemma_ in COPULAS:
        # "Netflix and Disney are AMONG the alliance's MEMBERS": some of them, said of the subject (put first,
        # "AMONG the MEMBERS are Netflix and Disney": of what the copula is said to be)
        out += [c for c in tok.head.head.children if c.dep_ in ("nsubj", "nsubjpass")
                or c.dep_ == "attr" and tok.head.i < tok.head.head.i]
    elif tok.dep_ == "compound" and tok.head.i > tok.i:
        out.append(tok.head)  # "CEO Bob Iger": the title is a modifier of the name
    elif tok.dep_ == "conj":
        out += described(tok.head)  # "chairman and CEO": the name the first title describes
    out += [c for c in tok.children if c.dep_ == "appos" and c.i > tok.i]
    return out

def where_clause_host(verb: Token) -> Token | None:
    """The verb a past "where" clause is about the place of ("talks opened Jan. 12 at its offices, WHERE the
    union ASKED for 7%" -> "opened"), else None."""
    if verb.dep_ != "relcl" or verb.tag_ != "VBD" or not any(c.lower_ == "where" for c in verb.children):
        return None
    place = verb.head
    for _ in range(3):  # (up the place's own phrase: "at the AMPTP's offices IN Sherman Oaks, where ...")
        if place.dep_ != "pobj" or place.head.dep_ != "prep":
            return None
        place = place.head.head
        if place.pos_ in ("VERB", "AUX"):
            return place
    return None


def own_clause(root: Token, trigger: Token, triggers: dict, frame: str) -> frozenset[int]:
    """The tokens of a clause without the clauses coordinated with it that tell an event of the same frame with a
    subject of their own (`triggers`: lemma -> frames): "the writers are seeking 35%, and the alliance has
    COUNTERED with 8%" (the counter is no part of the demand; it is read as its own), unless the trigger is in one.
    Others stay: "writers won 1.2%, and minimums went up 5%" tells the same deal."""
    out = {t.i for t in root.subtree}
    joins = [c.i for c in root.children if c.dep_ == "cc"]
    for c in root.children:
        # (joined by "and" or "but", not by a comma the parse took for a conjunction)
        if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and any(root.i < j < c.i for j in joins) and any(
                s.dep_ in ("nsubj", "nsubjpass") for s in c.children) and frame in {
                f for f, _ in triggers.get(c.lemma_.lower(), ())}:
            own = {t.i for t in c.subtree}
            if trigger.i not in own:
                out -= own
    return frozenset(out)


def absolute_subject(noun: Token) -> Token | None:
    """The noun a "with" clause makes the subject of a state with no verb: "..., WITH THE WRITERS GUILD out ON
    STRIKE against the AMPTP" (the word right before "on", past an "out", is the object of a "with")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "on" or prep.i < 2:
        return None
    before = noun.doc[prep.i - 2] if noun.doc[prep.i - 1].lower_ == "out" else noun.doc[prep.i - 1]
    head = before
    while head.dep_ in ("pobj", "compound") and head.head.lower_ == "of" or head.dep_ == "compound":
        head = head.head.head if head.head.lower_ == "of" else head.head  # (up "the Writers Guild OF America")
    return head if head.dep_ == "pobj" and head.head.lower_ == "with" else None


def on_strike_after(obj: Token) -> bool:
    """Whether a "with" object is the subject of an absolute "on strike" after it ("with the WGA out on strike")."""
    doc, nxt = obj.doc, obj.right_edge.i + 1
    if nxt < len(doc) and doc[nxt].lower_ == "out":
        nxt += 1
    return obj.head.lower_ == "with" and nxt + 1 < len(doc) and doc[nxt].lower_ == "on" \
        and doc[nxt + 1].lemma_.lower() == "strike"


def participle_host(doc, v: int | None) -> int | None:
    """The verb a participle (and one joined to it) tells of: "lasted 30 days, beginning May 2 and ENDING Oct. 8"."""
    v = doc[v].head.i if v is not None and doc[v].dep_ == "conj" and doc[v].head.dep_ == "advcl" else v
    return doc[v].head.i if v is not None and doc[v].dep_ == "advcl" and doc[v].tag_ == "VBG" else v


def spans(root: Token) -> bool:
    """Whether a date is an end of a span: "from May 2", "to Oct. 8", "until Friday"."""
    return root.dep_ == "pobj" and (root.head.lower_ == "from" or root.head.lower_ in RANGE_END_WORDS)


def set_off_in_list(clause: Token) -> bool:
    """Whether a relative or participle clause is set off by a comma after an item of a list: "A, which Microsoft
    owns; B, ...; and C" tells of A alone."""
    head = clause.head
    listed = head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)
    return listed and clause.left_edge.i > 0 and clause.doc[clause.left_edge.i - 1].text == ","


def object_gap(verb: Token) -> bool:
    """Whether a relative clause with a subject of its own lacks its object: the noun it is on ("the companies it
    has been STRIKING"; "Netflix, WHICH the guild struck in May" too)."""
    return verb.dep_ == "relcl" and any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("which", "who", "that")
                                        for c in verb.children) \
        and not any(c.dep_ in ("dobj", "obj") and c.lower_ not in ("which", "that", "whom") for c in verb.children)
