"""The grammar of a trigger's clause in the parse: the verb that carries a noun trigger, and the logical subjects and
objects of a verb through the passive, control, coordination and relative clauses."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from . import clauses
from .lexicon import CARRIED_THROUGH, FrameSpec, lemma_forms

SUBJECTS = ("nsubj", "csubj")
PASSIVE_SUBJECTS = ("nsubjpass", "csubjpass")
RELATIVE_PRONOUNS = {"which", "who", "that", "whom", "whose"}
CARRIED = ("dobj", "nsubjpass", "attr", "oprd", "obj")  # a noun the verb carries (as object, or passive subject)


@dataclass(frozen=True)
class Governor:
    """The verb that carries a noun trigger, and how: "went on STRIKE" (prep), "presented an OFFER" (dobj)."""

    verb: Token | None
    relation: str  # "self" for a verb trigger, "object", "prep", "subject" (the noun is the verb's subject), ""
    support: str | None  # the class of the support verb in the frame, or None


def governor(trigger: Token, spec: FrameSpec) -> Governor:
    """The verb a trigger's clause is built on: the trigger itself for a verb, else the verb that takes the noun."""
    if trigger.pos_ in ("VERB", "AUX") and not acts_as_noun(trigger) or acts_as_verb(trigger):
        return Governor(trigger, "self", None)
    if acts_as_verb(trigger, copula=True):  # "the guild IS BARGAINING with Netflix" read as "is" + a noun
        return Governor(trigger.head, "object", "agent")
    if trigger.pos_ == "ADJ" and trigger.dep_ in ("acomp", "oprd"):
        return Governor(trigger, "self", None)  # an adjective predicate: "the AMPTP was UNWILLING to discuss it"
    made = _made_in_relative(trigger, spec)
    if made is not None:
        return made
    if (host := _named_by_what(trigger)) is not None:  # "delivered what it called its final OFFER"
        return Governor(host, "object", spec.support_class(host.lemma_, host.text))
    tok = trigger.head if trigger.dep_ == "compound" and trigger.head.lemma_.lower() in spec.carrier_nouns else trigger
    for _ in range(4):
        # "the strike and the lockout": the first conjunct carries the relation
        while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head
        head = tok.head
        if head.i == tok.i:
            return Governor(None, "", None)
        if tok.dep_ in CARRIED or (tok.dep_ == "acl" and False):
            if head.pos_ in ("VERB", "AUX"):
                support = spec.support_class(head.lemma_, head.text)
                # (a reviser's own object only: "lifts the contribution to the health PLAN" revises no plan)
                return Governor(head, "object", None if support == "reviser" and tok.i != trigger.i else support)
        if tok.dep_ == "pobj" and head.dep_ in ("prep", "agent", "dative") and head.head.pos_ in ("VERB", "AUX"):
            verb = head.head
            return Governor(verb, "prep", _through_preposition(spec, verb, head))
        if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "ADJ" and head.head.dep_ == "acomp":
            # "remained ENTRENCHED in its position": the adjective says how, its verb carries the subject
            adj, verb = head.head, head.head.head
            support = spec.support_class(adj.lemma_, adj.text) or _through_preposition(spec, verb, head)
            return Governor(verb, "prep", support)
        if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "ADV" and head.head.dep_ == "advmod" \
                and head.head.head.pos_ in ("VERB", "AUX"):
            # "was BACK in negotiations", "went back on strike": the adverb hangs between the verb and its phrase
            verb = head.head.head
            return Governor(verb, "prep", _through_preposition(spec, verb, head))
        if tok.dep_ == "pobj" and head.lower_ == "into" and head.head.dep_ in ("attr", "acomp", "advmod") \
                and head.head.head.pos_ in ("VERB", "AUX"):
            # "the guild IS three weeks INTO talks with the studios", "is deep into negotiations": the time or the
            # depth hangs between the verb and its phrase
            verb = head.head.head
            return Governor(verb, "prep", _through_preposition(spec, verb, head))
        if tok.dep_ in SUBJECTS and head.pos_ in ("VERB", "AUX"):
            if _misparsed_participle(tok, head):  # "the alliance's offer, MADE May 28, was 3.5%"
                return Governor(head, "object", spec.support_class(head.lemma_, head.text))
            return Governor(head, "subject", None)
        if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in spec.reply_nouns \
                and head.head.i != trigger.i:
            # "brought a RESPONSE TO the package": whoever brings the reply received the proposal
            reply = governor(head.head, spec)
            return Governor(reply.verb, "prep", "receiver" if reply.verb is not None else None)
        if tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "PROPN") \
                and head.lower_ in ("of", "for", "to", "in", "on"):
            # "the start of the strike", "a return to the talks": the verb of the noun above
            tok = head.head
            continue
        if tok.dep_ == "dative" and head.pos_ == "VERB":
            return Governor(head, "object", spec.support_class(head.lemma_, head.text))
        return Governor(None, "", None)
    return Governor(None, "", None)


def names_as(verb: Token) -> bool:
    """"called the vote HISTORIC", "called the strike vote 'A MESSAGE to the studios'": the verb names its object
    as something (a predicate of the object, or a quotation the parse hangs on it in apposition)."""
    # (not a predicate set off by a comma: "voted to call a strike, EFFECTIVE 12:01 a.m." says when it starts)
    return any(c.dep_ == "oprd" and c.doc[c.left_edge.i - 1].text != "," or c.dep_ == "dobj" and any(
        a.dep_ == "appos" and a.left_edge.i > 0 and a.doc[a.left_edge.i - 1].tag_ == "``" or
        a.dep_ == "appos" and a.left_edge.tag_ == "``" for a in c.children) for c in verb.children)


def _named_by_what(trigger: Token) -> Token | None:
    """The verb whose object a free relative names: in "made what it described as a final OFFER" or "presented what
    the union called an insulting COUNTEROFFER", the noun is what was made or presented."""
    tok = trigger
    while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ in ("NOUN", "PROPN"):
        tok = tok.head
    naming = tok.head if tok.dep_ in ("oprd", "attr", "dobj") else \
        tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "as" else None
    if naming is None or naming.pos_ != "VERB" or naming.dep_ not in ("ccomp", "dobj", "xcomp", "pcomp") \
            or naming.head.pos_ not in ("VERB", "AUX") \
            or not any(c.lower_ == "what" and c.dep_ in ("dobj", "nsubjpass") for c in naming.children):
        return None
    return naming.head


def _misparsed_participle(noun: Token, verb: Token) -> bool:
    """A participle set off by commas after a noun that the parse makes the sentence's verb, the noun its subject
    and the true verb its conjunct: "the alliance's first offer, MADE May 28, was 3.5%"."""
    doc = noun.doc
    return verb.tag_ == "VBN" and verb.i > noun.i + 1 and doc[noun.i + 1].text == "," \
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children) \
        and any(c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i > verb.i and doc[c.i - 1].text == ","
                for c in verb.children)


def _made_in_relative(noun: Token, spec: FrameSpec) -> Governor | None:
    """A proposal told by the relative clause on its noun that makes it ("the counteroffer THE AMPTP DELIVERED on
    April 13", "the offer the studios made Tuesday"): that clause's verb carries its side and its day, whatever
    the sentence then does with the noun ("the email laid out ...")."""
    if spec.name != "Proposal" or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    hosts = [noun, *(a for a in noun.children if a.dep_ == "appos"), *([noun.head.head] if noun.dep_ == "pobj" else [])]
    for c in dict.fromkeys(c for h in hosts for c in h.children if clause_on_noun(noun, c)):
        if c.pos_ != "VERB":
            continue
        support = spec.support_class(c.lemma_, c.text)
        gapped = misparsed_relative_subject(c)
        subjects = [s for s in c.children if s.dep_ == "nsubj"] if c.dep_ == "relcl" else [gapped] if gapped else []
        if support == "agent" and subjects and subjects[0].lower_ not in ("that", "which", "who") \
                and not any(o.dep_ in ("dobj", "obj") and o.lower_ not in ("that", "which") for o in c.children):
            return Governor(c, "object", support)
    return None


def clause_on_noun(noun: Token, verb: Token) -> bool:
    """Whether `verb` heads a clause on `noun` after it, as the parse may hang it: on the noun ("the contract the
    union REACHED"), on the clause's subject read as an apposition ("the counteroffer the AMPTP DELIVERED"), or on
    the noun the phrase of `noun` qualifies ("the figures in the counteroffer the AMPTP DELIVERED")."""
    head = verb.head
    return verb.dep_ in ("acl", "relcl") and verb.i > noun.i and (
        head.i == noun.i
        or head.dep_ == "appos" and head.head.i == noun.i and _gapped_appos(noun, head)
        or noun.dep_ == "pobj" and noun.head.lower_ in ("in", "of") and head.i == noun.head.head.i)


def _gapped_appos(noun: Token, appos: Token) -> bool:
    """The parse's reading of "the counteroffer THE AMPTP delivered" (a relative clause without "that") as an
    apposition with a participle on it: no comma between the noun and its "apposition"."""
    return appos.dep_ == "appos" and appos.i > noun.i and not any(
        t.text == "," for t in noun.doc[noun.i + 1:appos.left_edge.i])


def misparsed_relative_subject(verb: Token) -> Token | None:
    """The subject of a relative clause the parse read as an apposition with a participle ("the counteroffer THE
    AMPTP delivered on April 13")."""
    head = verb.head
    if verb.dep_ == "acl" and head.dep_ == "appos" and verb.i == head.i + 1 and _gapped_appos(head.head, head) \
            and head.head.pos_ in ("NOUN", "PROPN"):
        return head
    return None


def misparsed_adjective_subject(verb: Token) -> Token | None:
    """The subject the tagger took for an adjective on the verb: in "The LOCAL said talks had collapsed" the noun
    "local" hangs on "said" as its modifier, its article beside it."""
    if verb.tag_ not in ("VBD", "VBZ", "VBP") or any(c.dep_ in SUBJECTS or c.dep_ in PASSIVE_SUBJECTS
                                                     for c in verb.children):
        return None
    left = [c for c in verb.children if c.i < verb.i]
    adjective = next((c for c in left if c.dep_ == "amod" and c.pos_ == "ADJ" and c.i == verb.i - 1), None)
    if adjective is not None and any(c.dep_ == "det" and c.i == adjective.i - 1 for c in left):
        return adjective
    return None


def acts_as_noun(tok: Token) -> bool:
    """A word tagged as a verb that the parse uses as a noun ("put forward OFFERS" read as a verb object)."""
    return tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("dobj", "pobj", "nsubj", "nsubjpass", "attr") \
        and tok.tag_ in ("VBZ", "NNS", "NN") and not any(c.dep_ in ("nsubj", "aux", "dobj") for c in tok.children)


def acts_as_verb(tok: Token, copula: bool = False) -> bool:
    """A gerund tagged as a noun that the parse gives a subject and auxiliaries ("the unions HAVE BEEN
    BARGAINING with the AMPTP"): it is the clause's verb. With `copula`: the same gerund read as what "is"
    says of its subject ("the guild IS BARGAINING"; not "the issue is the bargaining", with its determiner)."""
    if tok.pos_ != "NOUN" or not tok.lower_.endswith("ing"):
        return False
    if copula:
        return tok.dep_ == "attr" and tok.head.lemma_ == "be" and tok.i == tok.head.i + 1 \
            and any(c.dep_ == "nsubj" for c in tok.head.children)
    return any(c.dep_ == "aux" for c in tok.children) and any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)


def verbal_nouns_support(trigger: Token, spec: FrameSpec) -> Token | None:
    """A participle that takes the noun as its object from inside the noun phrase: "the complaint FILED Tuesday",
    "a deal REACHED in October", "the charges it filed" (acl and relcl with the noun as their object, or a clause
    without "that" parsed as a second subject of the verb); not one set off by commas on a noun that is the
    subject of a verb of its own, which tells what the noun holds."""
    for child in trigger.children:
        if child.dep_ in ("acl", "relcl") and child.pos_ == "VERB" and spec.support_class(child.lemma_, child.text):
            if trigger.dep_ in SUBJECTS and child.i > 0 and child.nbor(-1).text == ",":
                return None  # "its counteroffer, DELIVERED Monday, asks for 6%": an aside; the noun's verb tells
            return child
    head = trigger.head  # "the agreement IATSE REACHED on July 29", parsed with two subjects of "reached"
    if trigger.dep_ == "nsubj" and head.pos_ == "VERB" and head.i > trigger.i and spec.support_class(
            head.lemma_, head.text) and any(c.dep_ == "nsubj" and trigger.i < c.i < head.i for c in head.children):
        return head
    return None


def held_by_subject(trigger: Token, participle: Token) -> frozenset[int]:
    """What the verb of a noun with a participle of its own says the noun holds, when the noun is that verb's
    subject: "the counteroffer the AMPTP delivered Monday INCLUDES A 3.5% RAISE" (the participle tells the event,
    the verb its content)."""
    head = trigger.head
    if trigger.dep_ not in SUBJECTS or head.pos_ not in ("VERB", "AUX") or head.i in (trigger.i, participle.i):
        return frozenset()
    inside = {t.i for t in trigger.subtree}
    return frozenset(t.i for t in head.subtree if t.i not in inside)


def misparsed_main_verb(verb: Token) -> bool:
    """A sentence's verb the parse hangs on the noun before it as a participle, leaving the sentence no verb of its
    own ("From the start, the coalition PRESSED for raises, for ... and for ..."): the main verb, its noun the
    subject, and what the parse hangs on that noun after it the verb's."""
    return verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN") \
        and verb.i == verb.head.i + 1


def misparsed_list_verb(verb: Token) -> bool:
    """A verb whose list the parse makes the sentence's root: in "the union is ASKING for raises of 7%; limits on
    AI; and money for the health plan" the first item after the semicolon becomes the root and the verb its
    clause, though every item is what the verb asks for."""
    root = verb.head
    return verb.dep_ == "ccomp" and root.dep_ == "ROOT" and root.pos_ in ("NOUN", "PROPN") and verb.i < root.i \
        and root.i > 0 and verb.doc[root.i - 1].text in (";", ":") \
        and not any(c.dep_.startswith("nsubj") for c in root.children)


def conjoined_refusals(verb: Token, trigger: Token, refusals: frozenset[str]) -> frozenset[int]:
    """The verbs of refusing coordinated after `verb`, with what they refuse ("the studios PROPOSED raises and
    DECLINED to discuss AI"): set against what the first verb is about, not part of it."""
    return frozenset(t.i for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"
                     and c.lemma_.lower() in refusals and c.i > verb.i and trigger not in c.subtree
                     for t in c.subtree)


def of_objects(noun: Token) -> list[Token]:
    """What a quantity is of: "85.9% OF voting MEMBERS", "a majority OF THE MEMBERSHIP"."""
    return [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"]


def logical_subjects(verb: Token) -> list[Token]:
    """The doer of `verb`: its active subject or passive agent; a relative clause's antecedent; the subject of
    the verb a controlled or coordinated verb depends on ("SAG-AFTRA agreed to EXTEND", "met and AGREED")."""
    passive = any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)
    if passive:
        for c in verb.children:
            if c.dep_ == "agent":
                return [p for p in c.children if p.dep_ == "pobj"]
        return []
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    if subjects:
        return [clauses.antecedent(s) if s.lower_ in RELATIVE_PRONOUNS else s for s in subjects]
    if verb.dep_ in ("relcl", "acl", "amod") and verb.tag_ in ("VBG",):
        return [verb.head]  # "the union representing the crews", "striking writers"
    if misparsed_main_verb(verb):
        return [verb.head]  # "From the start, the coalition PRESSED for raises": its noun is the subject
    if (gapped := misparsed_relative_subject(verb)) is not None:
        return [gapped]  # "the counteroffer THE AMPTP delivered on April 13"
    if (adjective := misparsed_adjective_subject(verb)) is not None:
        return [adjective]  # "The LOCAL said"
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ in ("VERB", "AUX"):
        host = verb.head.head
        objects = [c for c in host.children if c.dep_ == "dobj"]
        if host.lemma_ == "join":  # "UTA joined WME IN FILING suit": who joins, and whom they join, do it
            return logical_subjects(host) + objects
        if objects and verb.head.lower_ in ("on", "for", "of", "from"):
            return objects  # "congratulated the WGA ON REACHING a deal": the one congratulated did it
        return logical_subjects(host)
    if verb.pos_ == "ADJ" and verb.dep_ in ("acomp", "oprd") and verb.head.i != verb.i:
        return logical_subjects(verb.head)  # an adjective predicate: "the AMPTP was UNWILLING to discuss it"
    if verb.dep_ == "xcomp" and verb.head.pos_ == "ADJ" and verb.head.dep_ in ("acomp", "amod") \
            and verb.head.head.i != verb.head.i:
        return logical_subjects(verb.head.head)  # "they are DUE to renegotiate", "ready to strike"
    if verb.dep_ == "advcl" and verb.head.pos_ == "ADJ" and any(c.dep_ == "mark" and c.lower_ in ("as", "than")
                                                               for c in verb.children):
        host = verb.head.head  # "the AMPTP have as good as walked out": a comparison, one subject
        return logical_subjects(host) if host.i != verb.head.i and host.pos_ in ("VERB", "AUX") else []
    if verb.dep_ == "xcomp" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        raised = [c for c in verb.head.children if c.dep_ in PASSIVE_SUBJECTS]
        if raised:  # "SAG-AFTRA is EXPECTED to resume talks", "the union was asked to return": the passive subject
            return [clauses.antecedent(s) if s.lower_ in RELATIVE_PRONOUNS else s for s in raised]
    if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or (
            verb.i > 0 and verb.doc[verb.i - 1].lower_ == "to")
        if verb.dep_ == "advcl" and verb.tag_ not in ("VBG",) and not infinitive:
            return []  # "after the talks ended": another clause with its own subject
        return logical_subjects(verb.head)
    return []


def is_duration(prep: Token) -> bool:
    """A preposition whose object is a stretch of time ("fought the agencies FOR TWO YEARS", "for 12 hours")."""
    return any(p.dep_ == "pobj" and p.ent_type_ in ("DATE", "TIME") for p in prep.children)


def clause_subjects(verb: Token) -> list[Token]:
    """The subjects of the clauses `verb` governs: whom "demanded that PARAMOUNT delete" or "asked WRITERS to
    give up" asks (the parse hangs the second as the infinitive's subject or as the verb's object)."""
    return [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") for s in c.children
            if s.dep_ in ("nsubj", "nsubjpass")]


def logical_objects(verb: Token) -> list[Token]:
    passive = any(c.dep_ in PASSIVE_SUBJECTS or c.dep_ == "auxpass" for c in verb.children)
    if passive:
        subj = [c for c in verb.children if c.dep_ in PASSIVE_SUBJECTS]
        if subj:
            return [clauses.antecedent(s) if s.lower_ in RELATIVE_PRONOUNS else s for s in subj]
        if verb.dep_ in ("relcl", "acl"):
            return [verb.head]  # "the pact that was ratified by the members", "a deal reached on Friday"
        return []
    objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    for c in verb.children:  # "push for", "stand with", "insist on": a particle's or preposition's object
        if c.dep_ in ("prt",):
            objs += [p for p in c.children if p.dep_ == "pobj"]
    return objs


def prep_objects(tok: Token, words: tuple[str, ...]) -> list[Token]:
    """Objects of the preposition `words` ("against", "according to", "on behalf of") on `tok`."""
    out = []
    for c in tok.children:
        if c.dep_ not in ("prep", "agent", "dative") or c.lower_ != words[0]:
            continue
        node = c
        for w in words[1:]:
            node = next((g for g in node.children if g.lower_ == w), None)
            if node is None:
                break
        if node is None:
            continue
        out += [p for p in node.children if p.dep_ in ("pobj", "pcomp")]
    return out


def given_verbs(adjective: Token, spec: FrameSpec) -> list[Token]:
    """The verbs of giving a readiness adjective takes ("READY to increase pay and discuss AI": increase), by the
    frame's `readiness` verbs; none, and the adjective offers nothing ("ready to strike")."""
    return [v for c in adjective.children if c.dep_ == "xcomp" for v in (c, *c.conjuncts)
            if v.lemma_.lower() in spec.readiness_verbs]


def host_clause(noun: Token, preps: frozenset[str], modifiers: frozenset[str],
                plain: dict[str, frozenset[str]] | None = None) -> Token | None:
    """The verb a singular noun told by one of `modifiers` hangs on through one of `preps` ("reached a deal AT THE
    END OF a 16-HOUR session", "AFTER a MARATHON session, they agreed"), or, for the nouns `plain` gives a
    preposition, through that preposition on a verb in the past with an object ("delivered its offer AT a session",
    "its package, presented Tuesday AT a session", "the deal was reached IN a session"); a multiword one's words
    are climbed from the noun up ("of" on "end", "end" the object of "at", "at" on the verb)."""
    if noun.dep_ != "pobj" or noun.tag_ in ("NNS", "NNPS"):
        return None
    verb = noun.head.head
    if verb.pos_ == "NOUN" and verb.dep_ == "pobj" and verb.head.head.pos_ == "VERB" and not verb.ent_type_:
        verb = verb.head.head  # ("answered WITH a counteroffer at a session": the act the noun's phrase tells)
    if noun.lemma_.lower() in (plain or {}).get(noun.head.lower_, ()) and noun.head.dep_ == "prep" \
            and verb.pos_ == "VERB" and verb.tag_ in ("VBD", "VBN") \
            and (verb.dep_ == "acl" or any(c.dep_ in ("dobj", "ccomp", "nsubjpass") for c in verb.children)
                 or verb is not noun.head.head):
        return verb  # "delivered its offer AT A SESSION", "laid out what it called a package" (not "spoke at one")
    if not any(t.lower_ in modifiers for c in noun.lefts for t in c.subtree):
        return None
    for phrase in preps:
        words = [w for w in phrase.split() if w not in ("the", "a", "an")]
        node = noun.head
        if node.lower_ != words[-1]:
            continue
        for word in reversed(words[:-1]):
            node = node.head
            if node.lower_ != word:
                break
        else:
            if node.dep_ == "prep" and node.head.pos_ in ("VERB", "AUX"):
                return node.head
    return None


def noun_in_adjective(tok: Token) -> bool:
    """An adjective in a noun's place: "Its counterproposal raises wages" and "the League's first full
    counterproposal offered" tag the noun an adjective."""
    return tok.pos_ == "ADJ" and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj")


def _medium(spec: FrameSpec, verb: Token, prep: Token) -> bool:
    """Whether an active verb's phrase names the medium its subject acts through: "welcomed the vote IN A
    STATEMENT"; not "has served in the post" (a `medium_marked` noun needs "a" right before it or a noun: "in a
    post", "in an Instagram post"), nor "said in THE UNION'S announcement" (the possessor's message)."""
    noun = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if noun is None or any(c.dep_ in PASSIVE_SUBJECTS + ("auxpass",) for c in verb.children):
        return False
    if noun.lemma_.lower() in spec.medium_marked and not (
            any(c.dep_ == "compound" for c in noun.children) or noun.nbor(-1).lower_ in ("a", "an")):
        return False
    return not any(c.dep_ == "poss" for c in noun.children)


def _through_preposition(spec: FrameSpec, verb: Token, prep: Token) -> str | None:
    """The support class of a verb that takes the trigger through a preposition: a `reviser` takes its proposal
    as its object only ("raised its offer", not "raised contributions to the health plan"); the classes of
    `CARRIED_THROUGH` carry it as their subject's through their preposition only; any active verb carries a
    medium its subject acts through ("welcomed the vote IN A STATEMENT")."""
    if prep.lower_ in spec.medium_preps and _medium(spec, verb, prep):
        return "agent"
    forms = lemma_forms(verb.lemma_, verb.text)
    if any(prep.lower_ in words and forms & spec.support.get(cls, frozenset())
           for cls, words in CARRIED_THROUGH.items()):
        return "agent"
    support = spec.support_class(verb.lemma_, verb.text)
    return None if support == "reviser" else support


def reporting_verb(verb: Token, say_verbs) -> Token | None:
    """The verb of saying whose complement `verb`'s clause is, up to three clauses up: "the DGA SAID Thursday it had
    struck a deal", "the local ANNOUNCED that members ratified ..."."""
    node = verb
    for _ in range(3):
        if node.dep_ not in ("ccomp", "xcomp", "conj") or node.head.i == node.i:
            return None
        node = node.head
        if node.lemma_.lower() in say_verbs:
            return node
    return None


# verbs that keep an act up: "will KEEP fighting until ..."
_KEEPING = frozenset({"keep", "continue"})


def until_clause(verb: Token) -> Token | None:
    """The clause "until" opens on the verb or on the verbs it completes ("we are not going to stop UNTIL the
    contracts include ...", where the parse hangs it on "going"), when the verb is negated or kept up."""
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "ccomp") and len(chain) < 3 and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    until = next((c for v in chain for c in v.children if c.dep_ == "advcl"
                  and any(m.dep_ == "mark" and m.lower_ == "until" for m in c.children)), None)
    held = any(c.dep_ == "neg" for v in chain for c in v.children) or any(v.lemma_ in _KEEPING for v in chain)
    return until if held else None


def resumes(trigger: Token, words: frozenset[str]) -> bool:
    """Whether the verb of `trigger` (itself, or the verb its phrase hangs on) is one of `words` or takes one as
    its particle ("RESUME talks", "come BACK to the table")."""
    verb = next((t for t in [trigger, *list(trigger.ancestors)[:3]] if t.pos_ == "VERB"), None)
    return verb is not None and (verb.lemma_.lower() in words or any(
        c.lower_ in words for c in verb.children if c.dep_ in ("advmod", "prt")))
