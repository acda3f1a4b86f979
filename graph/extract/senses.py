"""Trigger senses: the uses of a trigger word that tell of no event of its frame (another sense, a word of a name
or of a contract's name, a modifier, a deal of the past, an object the frame does not take)."""
from __future__ import annotations

from spacy.tokens import Token

from .context import EMPLOYERS
from .doc import listed_after_colon
from .lexicon import FrameSpec, Lexicon, Trigger
from .syntax import (
    Governor,
    given_verbs,
    is_duration,
    logical_objects,
    logical_subjects,
    prep_objects,
    until_clause,
    verbal_nouns_support,
)
from .temporal import aspect_word


def _labels_figures(tok: Token) -> bool:
    """A side's noun that labels the figures a colon sets after it: "The guild's opening package (Monday, March
    6): minimums up 6.5% ..."."""
    if not any(c.dep_ == "poss" for c in tok.children):
        return False
    colon = next((t.i for t in tok.doc[tok.i:tok.sent.end] if t.text in (":", "):")), None)
    if colon is None:
        return False  # (the parse may hang the items on the noun: its phrase ends at the colon)
    listed = listed_after_colon(tok.sent, frozenset(t.i for t in tok.subtree if t.i < colon))
    return any(tok.doc[i].text == "%" for i in listed)


class Senses:
    """The sense filter of the frame finder; `linked_at` and `linked_contracts` are the current doc's."""

    def __init__(self, lexicon: Lexicon):
        self.linked_contracts: list[tuple[int, int]] = []
        # each frame's one-word noun triggers ("member studio" does not make "represents studios" a noun's frame)
        # (not a noun that names its parts with "of": "the coalition is MADE UP of A and B" is the verb's)
        self.noun_heads = {name: frozenset(t.words[-1] for t in spec.triggers if t.pos == "NOUN" and len(t.words) == 1
                                           and t.head not in spec.inverse)
                           for name, spec in lexicon.frames.items()}
        self.linked_at = lambda i: None
        self.linked_type = lambda key: ""
        self.status_words = {w for ws in lexicon.frames["Agreement"].status.values() for w in ws}
        # the first words of the triggers a joining verb may join ("strike", "walkout", "walk" of "walk out")
        self.joined_words = {name: frozenset(t.words[0] for t in spec.triggers) - spec.joins.get("verbs", frozenset())
                             for name, spec in lexicon.frames.items() if spec.joins}

    def use(self, linked) -> None:
        """Read the names of this doc (its `Linked` mentions)."""
        self.linked_contracts, self.linked_at, self.linked_type = linked.contracts, linked.at_token, linked.type_of

    def _stage_through(self, verb: Token, prep: Token) -> bool:
        """Whether a verb with this preposition names a deal's stage ("VOTED FOR the contract"), not another sense."""
        return f"{verb.lemma_.lower()} {prep.lower_}" in self.status_words

    def excluded(self, spec: FrameSpec, trig: Trigger, tok: Token, gov: Governor, anaphor: bool = False) -> bool:
        """Another sense of the word, or a use that mentions no event of the frame."""
        lemma = tok.lemma_.lower()
        if trig.text in spec.exclude_triggers:
            return True
        named = self.linked_at(tok.i)
        if named is not None and named.kind in ("name", "ner", "acronym", "surname"):
            return True  # a word of a name: "Strike Force Productions", "Teamsters LOCAL 399"
        if self._contract_name(tok) and not any(
                c.dep_ == "amod" and c.lemma_.lower() in self.status_words for c in tok.children) and not (
                gov.relation == "object" and gov.verb is not None and gov.verb.lemma_.lower() in self.status_words):
            # "the Basic Agreement covers 13 locals" names a contract; "the tentative ... Agreement", "members
            # RATIFIED a new Basic Agreement" a deal
            return True
        if tok.pos_ not in ("NOUN", "PROPN") and tok.dep_ == "pobj" and \
                tok.head.head.lemma_.lower() in spec.exclude_governors:
            return True  # (a noun the tagger reads as a verb: "fell short of the writers' ASKS")
        if tok.pos_ in ("NOUN", "PROPN"):
            if tok.dep_ in ("compound", "nmod") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i \
                    and tok.head.lemma_.lower() not in spec.carrier_nouns:
                # "strike fund", "deal points": the noun modifies another, unless it has a side of its own
                # ("the writers' strike impasse")
                if tok.head.lemma_.lower() in spec.exclude_modifiers or not any(
                        c.dep_ == "poss" for c in tok.children) and not any(
                        c.dep_ == "poss" for c in tok.head.children if c.i < tok.i):
                    return True
            if trig.head in spec.plural_only and tok.tag_ not in ("NNS", "NNPS"):
                return True
            if any(c.dep_ == "prep" and c.lower_ in spec.exclude_preps.get(lemma, ()) for c in tok.subtree
                   if c.head.i == tok.i or c.head.dep_ == "pobj" and c.head.head.head.i == tok.i):
                return True  # "a claim (in the high court) AGAINST Brackwater Pictures": a lawsuit's, no pay claim
            if tok.dep_ == "pobj" and tok.head.lower_ in spec.exclude_preps.get(tok.head.head.lemma_.lower(), ()):
                return True  # "still bargaining with Pact OVER its own agreement": the deal bargained for
            if trig.head in spec.inverse and not any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
                return True  # "a coalition OF A and B" names its parts; "the coalition is made up of" is the verb's
            if any(c.dep_ in ("compound", "amod", "nmod") and c.lemma_.lower() in spec.exclude_modifiers
                   for c in tok.children):
                return True
            up = tok.head.head if tok.dep_ == "pobj" and tok.head.dep_ == "prep" \
                and tok.head.lower_ not in _OCCASION_PREPS else None
            if up is not None and up.lemma_.lower() in spec.exclude_governors and \
                    not self._stage_through(up, tok.head) and \
                    verbal_nouns_support(tok, spec) is None:  # ("a vote on the contract the union REACHED Tuesday";
                # not "members VOTED FOR the contract", a stage of a deal)
                return True
            if tok.dep_ == "compound" and tok.head.lemma_.lower() in spec.exclude_compound_heads:
                return True  # "its NEGOTIATIONS committee"
            host = gov.verb if gov.relation == "prep" else tok.head.head if tok.dep_ == "pobj" \
                and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX") else None
            if host is not None and spec.exclude_subjects and any(
                    x.lemma_.lower() in spec.exclude_subjects for x in logical_subjects(host)) and not any(
                    c.dep_ == "prep" and c.lower_ == "with" for c in host.children):
                return True  # "the national BOARD is due to consider the deal AT a special meeting": its own
                # (and "MEMBERS will hear more at a meeting scheduled for May 6", its verb a participle on it)
            if gov.relation == "subject" and gov.verb is not None and \
                    aspect_word(gov.verb, spec.exclude_subject_of) in spec.exclude_subject_of or (
                    gov.verb is None or gov.verb.lemma_ in ("have", "hold")) and any(
                    r.dep_ == "relcl" and aspect_word(r, spec.exclude_subject_of) in spec.exclude_subject_of
                    and any(w.dep_ == "nsubj" and w.lower_ in ("that", "which") for w in r.children)
                    for r in tok.children):
                return True  # "its agreement with Local 817 EXPIRES June 30", "RUNS OUT": the contract in force
                # (and "HAVE contracts with the studios THAT EXPIRE within a month"; not "reached a deal that
                # expires in 2074", a new one)
            if self._held_in_force(spec, tok, gov):
                return True
            if tok.dep_ == "ROOT" and any(t.i > tok.i and t.lower_ in (w, w + "s") for t in tok.sent
                                          for w in spec.exclude_subject_of):
                return True  # "the alliance's deals with A and B both LAPSE on June 30", the verb read as a noun
            if gov.verb is not None and gov.relation in ("object", "prep") and \
                    gov.verb.lemma_.lower() in spec.exclude_governors and not (gov.relation == "prep" and (
                        tok.head.lower_ in _OCCASION_PREPS or self._stage_through(gov.verb, tok.head))):
                return True  # ("CALLED for talks", not "OFFERED 4% AT a session on Feb. 3")
            if trig.head in spec.needs_owner and not any(c.dep_ == "poss" for c in tok.children) and not any(
                    c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
                return True  # "our core issues", "a priority for the union": not "the issue of AI"
            mods = {c.lemma_.lower() for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
            if gov.support is None and mods & spec.former_modifiers and not mods & (self.status_words | {"new"}):
                return True  # "the previous contract raised pay 3%": a deal of the past ("the current tentative
                # deal" is the story's)
            if trig.head in spec.needs_support and gov.support is None and not anaphor and \
                    verbal_nouns_support(tok, spec) is None and not (
                        gov.relation == "subject" and gov.verb.lemma_.lower() in spec.content_verbs) \
                    and not _labels_figures(tok) and not passed_vote(spec, gov):
                return True  # (not "the studios' package OFFERS raises", which tells what it holds, nor "The
                # guild's package (March 6): raises of 6.5% ...", a label over its contents)
            if trig.head in spec.needs_maker and (gov.support not in (None, "agent") or any(
                    c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
                    for c in tok.children)):
                return True
        else:
            if lemma in spec.joins.get("verbs", ()) and not self._joins(spec, tok):
                return True
            past = tok.tag_ in ("VBD", "VBN") and not any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            if lemma in spec.past_only and not past or lemma in spec.nonpast_only and past:
                return True  # "won 5% raises" is a deal; "to win 5% raises" a demand
            if tok.dep_ in ("amod", "compound") and tok.head.i > tok.i and lemma not in spec.modifier_participles:
                return True  # "the negotiating committee": a participle before a noun tells of no event
            preps = spec.exclude_preps.get(trig.text.rsplit("/", 1)[0]) or spec.exclude_preps.get(lemma)
            # (and on the trigger's particle: "walked [out [of the talks]]")
            near = [*tok.children, *(g for c in tok.children if c.lower_ in trig.words[1:] for g in c.children)]
            if preps and any(c.dep_ in ("prep", "prt", "advmod") and c.lower_ in preps and c.i > tok.i
                             and not is_duration(c) and not self._own_noun(spec, c) and not self._employer_left(c)
                             for c in near):
                return True  # (after it: not "early on, it pushed for")
            if spec.name == "Statement" and tok.dep_ == "relcl" and tok.head.lemma_.lower() in (
                    self.noun_heads["Proposal"] | self.noun_heads["Agreement"]) and any(
                    c.dep_ == "ccomp" and not any(s.dep_.startswith("nsubj") and s.tag_ not in ("WDT", "WP")
                                                  for s in c.children) or c.dep_ in ("oprd", "acomp")
                    for c in tok.children):
                return True  # "an offer IT SAID was its last": the offer's label, as "what it called its final
                # offer", no saying of its own
            if lemma in spec.speech_senses and any(c.dep_ == "ccomp" and not mandative(c) for c in tok.children) \
                    and not any(c.dep_ in ("dobj", "dative") for c in tok.children):
                return True  # "the AMPTP offered that the guild has achieved gains": it said so (not "proposed
                # that AI not be used": what should be done)
            objects = [c for c in tok.children if c.dep_ in ("dobj", "obj", "nsubjpass")]  # ("a deal WAS STRUCK")
            objects += [tok.head] if tok.dep_ == "acl" and tok.tag_ == "VBN" else []  # ("a deal STRUCK in March")
            objects += [x for c in tok.children if c.dep_ == "xcomp" for x in [c, *c.children]
                        if x.dep_ in ("xcomp", "dobj")]  # "seeking to recover damages"
            if len(trig.words) > 1:  # "call for talks": the object of the expression's preposition
                objects += prep_objects(tok, (trig.words[-1],))
                objects += [p for c in tok.children if c.dep_ == "prt" for p in c.children if p.dep_ == "pobj"]
            objects += prep_objects(tok, ("to",)) if len(trig.words) == 1 else []  # "agreed TO a media blackout"
            if any(o.lemma_.lower() in spec.exclude_objects for o in objects):
                return True
            if any(x.lemma_.lower() in spec.exclude_subjects for x in logical_subjects(tok)) and not any(
                    c.dep_ == "prep" and c.lower_ == "with" for c in tok.children):
                return True  # "the guild's board will meet Thursday": one side's own meeting
            met = [m for o in prep_objects(tok, ("with",)) for m in [self.linked_at(o.i)] if m is not None]
            if any(self.linked_type(m.actor) in spec.exclude_with_types for m in met):
                return True  # "sat down with The Hollywood Reporter": an interview
            if lemma in spec.until_verbs and len(trig.words) == 1 and until_clause(tok) is None:
                return True  # "stopped production", "a fight over pay": no "won't stop until ..."
            if lemma in spec.readiness_adjectives and not given_verbs(tok, spec):
                return True  # "ready to strike", "willing to talk": no offer
            places = spec.places_required.get(lemma) if len(trig.words) == 1 else None
            if places is not None and not any(o.lemma_.lower() in places for o in prep_objects(tok, ("on",))) \
                    and not any(t.dep_ == "pobj" and t.lemma_.lower() in places and t.head.lower_ == "on"
                                and not any(a.pos_ in ("VERB", "AUX") for a in t.ancestors if a.i > tok.i)
                                for t in tok.subtree if t.i > tok.i):  # (hung on the last figure's phrase)
                return True  # "put" proposes only "on the table"
            if lemma in spec.partner_required and not (_met_with(tok, self.linked_at) and any(
                    c.dep_ in ("dobj", "npadvmod") and (c.ent_type_ in ("DATE", "TIME") or any(
                        t.ent_type_ in ("DATE", "TIME") for t in c.subtree)) for c in tok.children)):
                return True  # "spent Tuesday with her family", "spent $2 million with Netflix": no meeting
            required = spec.objects_required.get(lemma)
            objects = [x for o in logical_objects(tok) for x in [o, *o.conjuncts]]
            if lemma in spec.commitments and any(c.dep_ == "ccomp" for c in tok.children) and not any(
                    c.dep_ == "prep" and c.lower_ in ("with", "on", "to") for c in tok.children):
                return True
            if lemma in spec.commitments and (self._with_person(tok) or any(c.dep_ == "xcomp" for c in tok.children)
                                              and any(self._person(x) for x in logical_subjects(tok))):
                return True  # "the delegates agreed WITH HER", "STRACHWITZ agreed TO SERVE as co-chair": no deal
            heads = self.noun_heads.get(spec.name, ())
            if any(o.lemma_.lower() in heads and o.pos_ in ("NOUN", "PROPN") and self.linked_at(o.i) is None
                   and not (spec.cls[0].islower() and self._contract_name(o)) for o in objects) and (
                    spec.support_class(lemma, tok.text) is not None
                    or not any(self.linked_at(o.i) is not None for o in objects)):
                return True  # "ratified the pact": the noun's frame tells it, with this verb as its support (not
                # "struck the AMPTP from May 2, a 22-week walkout": the verb names the target, the noun restates)
            if required is not None and not any(o.lemma_.lower() in required or o.lower_ in required
                                                for o in objects):
                return True
            needed = spec.subjects_required.get(lemma if len(trig.words) == 1 else " ".join(trig.words))
            if needed is not None and not any(x.lemma_.lower() in needed for x in logical_subjects(tok)):
                return True  # "negotiators RETURNED Tuesday" (not "the director returned to the set")
            if needed is not None and spec.name == "Proposal" and not _proposal_before(tok, spec):
                return True  # "IT also lifts ..." only after a proposal ("That offer raises pay 5%. It also ...")
        return False

    def _person(self, tok: Token) -> bool:
        m = self.linked_at(tok.i)
        return m is not None and self.linked_type(m.actor) == "Person" or tok.lower_ in ("he", "she", "her", "him")

    def _with_person(self, tok: Token) -> bool:
        return any(self._person(o) for o in prep_objects(tok, ("with",)))

    def _held_in_force(self, spec: FrameSpec, tok: Token, gov: Governor) -> bool:
        """"Bectu HAS ITS OWN agreements with Pact", "the local holds a contract with NBC THROUGH 2033": a contract
        a body holds now, its own, several or running through a day, is the one in force (not "SAG-AFTRA has a
        tentative deal"); and so are contracts that do something now ("its agreements with Pact APPLY to ...")."""
        verb = gov.verb
        bare = verb is not None and verb.tag_ == "VB" and verb.dep_ == "ROOT" and not any(
            c.dep_ in ("aux", "auxpass") for c in verb.children)  # (the tagger's "apply" with no auxiliary)
        if verb is None or verb.tag_ not in ("VBZ", "VBP") and not bare:
            return False
        mods = {c.lower_ for c in tok.children if c.dep_ in ("amod", "compound", "nmod")}
        if mods & self.status_words or "new" in mods:
            return False
        if gov.relation == "subject" and tok.tag_ == "NNS" and spec.exclude_holders and not any(
                c.dep_ in ("acl", "relcl") for c in tok.children) and not any(
                t.text in ("%", "$") or t.lower_ in ("percent", "cent") for t in verb.subtree):
            return True  # "the union's national AGREEMENTS with Pact APPLY to the freelancers": those in force (not
            # "the crafts agreements CARRY 6%, 4.5% and 4%", a deal told by its terms)
        if gov.relation != "object" or verb.lemma_.lower() not in spec.exclude_holders:
            return False
        return "own" in mods or tok.tag_ == "NNS" or any(
            c.dep_ == "prep" and c.lower_ in ("through", "until", "till") for c in (*tok.children, *verb.children))

    def _contract_name(self, tok: Token) -> bool:
        """A word of a contract's name ("the Basic AGREEMENT covers 13 locals", "bargains the Interactive Media
        AGREEMENT with"): it names a contract, no deal of its own."""
        return any(s <= tok.i < e for s, e in self.linked_contracts)

    @staticmethod
    def _own_noun(spec: FrameSpec, prep: Token) -> bool:
        """"settled ON A NEW CONTRACT": the preposition takes one of the frame's own nouns, and the verb keeps the
        frame's sense ("settled on a number" does not)."""
        nouns = {t.words[-1] for t in spec.triggers if t.pos == "NOUN"}
        return any(o.dep_ == "pobj" and o.lemma_.lower() in nouns for o in prep.children)

    def _employer_left(self, prep: Token) -> bool:
        """"walked out OF PICTURE SHOP": what is left is an employer, not a meeting (a strike at it)."""
        return any(o.dep_ == "pobj" and (m := self.linked_at(o.i)) is not None
                   and self.linked_type(m.actor) in EMPLOYERS for o in prep.children)

    def _joins(self, spec: FrameSpec, tok: Token) -> bool:
        """"joined the writers ON THE PICKET LINES", "the WGA walked out in May, and SAG-AFTRA FOLLOWED": a verb
        of joining tells the frame's event on its lines, or after the sentence or the one before told one, where
        what it joins (if anything) is those in it (frames.yaml `joins`)."""
        lines, joined = spec.joins.get("lines", frozenset()), spec.joins.get("joined", frozenset())
        objects = [c for c in tok.children if c.dep_ == "dobj"]
        places = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in ("on", "onto", "to", "at")
                  for p in c.children if p.dep_ == "pobj"]
        if any(o.lemma_.lower() in lines for o in objects + places):
            # the union itself, or with a strike of its own; not some of its members come in solidarity ("members
            # of its board joined the picket line")
            own = any(t.lemma_.lower() in self.joined_words[spec.name] and t.pos_ == "NOUN" and t.dep_ != "compound"
                      for t in tok.subtree if t.i > tok.i)  # ("with a walkout of their own", not "picket line")
            subjects = [c for c in tok.children if c.dep_ == "nsubj"] or logical_subjects(tok)
            return (own or any(self.linked_at(x.i) is not None and x.pos_ == "PROPN" for x in subjects)) \
                and not any(t.lemma_.lower() in spec.joins.get("solidarity", ()) for t in tok.subtree)
        if any(o.lemma_.lower() not in joined for o in objects):
            return False  # "joined the talks", "followed the vote", "voted to join the Teamsters" (as members)
        sent = tok.sent
        start = tok.doc[sent.start - 1].sent.start if sent.start else sent.start
        return any(t.lemma_.lower() in self.joined_words[spec.name] for t in tok.doc[start:tok.i])


# prepositions that place an act at an event rather than ask for one
_OCCASION_PREPS = frozenset({"at", "during", "after", "before", "in"})


def passed_vote(spec: FrameSpec, gov: Governor) -> bool:
    """A deal as the subject of a verb of passing whose object is a vote (frames.yaml `passage`): "the contract
    CLEARED a membership VOTE", "the pact passed its ratification vote" (not "the deal earned praise")."""
    verb = gov.verb
    return gov.relation == "subject" and verb is not None and verb.lemma_.lower() in spec.passage_verbs and any(
        c.dep_ == "dobj" and (c.lemma_.lower() in spec.passage_objects or any(
            t.dep_ == "compound" and t.lemma_.lower() in spec.passage_objects for t in c.children))
        for c in verb.children)


def _met_with(verb: Token, linked_at) -> bool:
    """Whether an actor is named "with" the verb, or "with" a place it is hung on: "spent Tuesday with the AMPTP",
    "spent Tuesday in Sherman Oaks WITH the AMPTP"."""
    hosts = {verb.i} | {t.i for t in verb.subtree if t.dep_ == "pobj"}
    return any(linked_at(o.i) is not None for w in verb.subtree if w.lower_ == "with" and w.dep_ == "prep"
               and w.head.i in hosts for o in w.children if o.dep_ == "pobj")


def mandative(clause: Token) -> bool:
    """A clause in the subjunctive of demands: its verb, or the auxiliary it leans on, in the base form with no
    modal or tense ("that AI NOT BE USED", "that the studios PAY more"), where a report is tensed ("that the guild
    HAD gained")."""
    auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ in ("MD", "VBD", "VBZ", "VBP", "TO") for a in auxes):
        return False
    # (a plural subject's base form reads as the present: "that the studios PAY" is tagged VBP)
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children) and \
        (clause.tag_ in ("VB", "VBP") and not auxes or any(a.tag_ == "VB" for a in auxes))



def _proposal_before(tok: Token, spec: FrameSpec) -> bool:
    """Whether the sentence before opens on a proposal noun as its subject ("That OFFER raises pay 5%. It also
    lifts ..."), for an "it" that says more of it (not "The IATSE agreement covers 50,000 crew members. It would
    raise ...")."""
    sent = tok.sent
    if sent.start == 0:
        return False
    before = tok.doc[sent.start - 1].sent
    nouns = {t.head for t in spec.triggers if t.pos == "NOUN"}
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.lemma_.lower() in nouns for t in before)

