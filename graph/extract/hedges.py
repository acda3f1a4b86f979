"""Hedges: negation ("did not strike", "failed to reach a deal", "averted a strike", "no strike") and modality
("could strike", "threatened to walk out", "if talks resume", "a possible strike") of a trigger's clause."""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import FrameSpec, Lexicon, lemma_forms
from .syntax import Governor

NEGATED = "negated"
HYPOTHETICAL = "hypothetical"
GENERIC = "generic"  # a habit, not an occurrence: "the AMPTP, which negotiates contracts for the studios"
_ADJUNCT = frozenset({"by", "after", "before", "since", "upon", "despite"})  # prepositions of means and time
_CLIMB = ("xcomp", "ccomp", "advcl", "pcomp", "acl", "conj", "relcl", "prep", "pobj")
_PAST = ("VBD", "VBN")


def refused(verb: Token, lex: Lexicon) -> bool:
    """Whether a verb is negated or refused: "would NOT cross", "REFUSED to cross", "DECLINED to cross"."""
    node = verb
    for _ in range(3):
        if any(c.dep_ == "neg" or (c.dep_ in ("advmod", "npadvmod") and c.lower_ in lex.negators)
               for c in node.children):
            return True
        if node.dep_ == "xcomp" and _words(node.head) & lex.negating_governors:
            return True
        if node.dep_ not in ("xcomp", "conj") or node.head.i == node.i:
            return False
        node = node.head
    return False


def _reported(lex: Lexicon, governor: Token, verb: Token) -> bool:
    """"voted to ratify": a past vote reports its outcome."""
    return verb.lemma_ in lex.hedges.get("reporting_governors", {}).get(governor.lemma_, ()) and (
        governor.tag_ in _PAST or any(c.dep_ == "aux" and c.lemma_ == "have" for c in governor.children))


def _clause_hedge(lex: Lexicon, verb: Token) -> tuple[str, str] | None:
    """Negation or modality on a verb itself, and how it is marked: "did NOT go" ("neg"), "COULD strike"
    ("modal"), "IF talks resume" and "HAD they walked out" ("mark"), "NEITHER of which struck" ("subject")."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    inverted = lex.hedges.get("inverted_conditionals", ())
    if verb.lower_ in inverted and subjects and verb.i < subjects[0].i and verb.i == verb.sent.start:
        return HYPOTHETICAL, "mark"  # "WERE the union to strike, ...": the verb itself before its subject
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "npadvmod") and c.lower_ in lex.negators):
            return NEGATED, "neg"
        if c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in lex.hedges.get("negative_subjects", ()):
            return NEGATED, "subject"  # (not into what it says: "NOBODY doubts that the Teamsters struck")
        if c.dep_ == "aux" and c.lower_ in inverted and subjects and c.i < subjects[0].i \
                and verb.dep_ in ("advcl", "ROOT"):
            return HYPOTHETICAL, "mark"  # "HAD the drivers walked out, ...": a condition, by inversion
        if c.dep_ == "aux" and c.lower_ in lex.modals:
            return HYPOTHETICAL, "modal"
        if c.dep_ == "mark" and c.lower_ in lex.conditional_markers and verb.dep_ in ("advcl", "ccomp", "csubj"):
            return HYPOTHETICAL, "mark"
        if c.dep_ == "mark" and c.lower_ in lex.hedges.get("pending_markers", ()) and verb.dep_ == "advcl" and all(
                t.tag_ in ("VBZ", "VBP", "VBN", "VB") for t in (verb, *(a for a in verb.children
                                                                      if a.dep_ in ("aux", "auxpass")))) \
                and any(t.tag_ in ("VBZ", "VBP") for t in (verb, *verb.children)):
            return HYPOTHETICAL, "mark"  # ("6% ONCE the deal IS ratified": still to come)
        if c.dep_ == "advmod" and c.lower_ in lex.hedges.get("hedging_adverbs", ()):
            return HYPOTHETICAL, "mark"  # an adverb like "ideally" scopes over its whole clause
        if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.conditional_markers for m in c.children) \
                and any(a.dep_ == "aux" and a.lower_ in ("will", "'ll") for a in verb.children):
            # "IF the directors get six, the crews WILL ask for seven": what a condition would bring (not
            # "offered 5% if the guild dropped its demand", a conditional offer made)
            return HYPOTHETICAL, "condition"
    return None


def _pledged(lex: Lexicon, verb: Token, spec: FrameSpec) -> bool:
    """A modal of a frame's pledges (hedges.yaml `pledging_modals`) on a clause that a verb of saying before it
    reports; or of its dated plans (`dated_pledging_modals`, where the clause names a day), the verb of saying before
    or after it ("negotiators would return Wednesday, the union said")."""
    modals, dated = set(lex.hedges.get("pledging_modals", {}).get(spec.name, ())), set()
    if verb.doc._.date_spans and verb.doc._.date_spans.in_tokens(verb.left_edge.i, verb.right_edge.i + 1):
        dated = set(lex.hedges.get("dated_pledging_modals", {}).get(spec.name, ()))
    said = [c.lower_ for c in verb.children if c.dep_ == "aux" and c.lower_ in modals | dated]
    waits = set(lex.hedges.get("pledge_waits", ()))
    if spec.name == "Proposal" and any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in waits
                                                                  for m in c.children) for c in verb.children):
        return False  # a proposal that waits on something is not one made (not "said it would seek 5%")
    # (a pledge said after it, "..., analysts said", may be the sayer's guess; a dated plan is the plan either way)
    return bool(said) and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lex.say_verbs and (
        verb.head.i < verb.i or said[0] in dated)


def _content(lex: Lexicon, trigger: Token, verb: Token, gov: Governor, spec: FrameSpec) -> bool:
    """A modal of what a proposal holds (hedges.yaml `content_modals`) on the verb its noun is the subject of:
    "the offer WOULD give the guild viewing hours" tells the offer, not a guess."""
    modals = set(lex.hedges.get("content_modals", {}).get(spec.name, ()))
    told = gov.relation == "subject" and verb.lemma_.lower() in spec.content_verbs or (
        trigger.lemma_.lower() in spec.subjects_required and trigger.i == verb.i)  # ("IT would also lift ...")
    # ("UNDER the offer, pay WOULD rise 5%": what the clause under a definite proposal tells is its content)
    under = gov.relation == "prep" and trigger.dep_ == "pobj" and trigger.head.lower_ == "under" \
        and trigger.head.head.i == verb.i and trigger.i < verb.i and any(
            c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in trigger.children)
    return (told or under) and any(c.dep_ == "aux" and c.lower_ in modals for c in verb.children)


def _words(tok: Token) -> set[str]:
    """A word's lemma and the stems of its form: the small model lemmatises "hoping" as "hop"."""
    return lemma_forms(tok.lemma_, tok.text)


def negated_copula(noun: Token) -> bool:
    """"X is not the CEO of Netflix": a negated copula says its noun is not what its subject is."""
    return noun.dep_ == "attr" and noun.head.lemma_ == "be" and any(c.dep_ == "neg" for c in noun.head.children)


def _occasion_of_act(trigger: Token, verb: Token, lex: Lexicon, spec: FrameSpec) -> bool:
    """Whether the trigger's phrase places the verb's act at an occasion: "proposed a term ON the first day of
    talks" (the talks were held, whatever is proposed)."""
    preps = _occasion_preps(lex, spec)
    node, placed = trigger, False  # (or on its object: "argued FOR the demands IN a meeting with the AMPTP")
    while node.head.i != node.i and node.head.i != verb.i:
        node = node.head
        placed = placed or node.dep_ == "prep" and node.lower_ in preps and node.head.pos_ in ("NOUN", "PROPN")
    return node.head.i == verb.i and node.dep_ == "prep" and (node.lower_ in preps or placed)


def _occasion_preps(lex: Lexicon, spec: FrameSpec) -> tuple[str, ...]:
    own = lex.hedges.get("session_occasion_preps", ()) if spec.name == "NegotiationSession" else ()
    return (*lex.hedges.get("occasion_preps", ()), *own)


def asking_heading(trigger: Token, lex: Lexicon) -> bool:
    """Whether the trigger is in a subhead that asks ("What the union wants"): eight words at most, no closing
    punctuation."""
    words = [t for t in trigger.sent if not t.is_space]
    return 0 < len(words) <= 8 and words[0].lower_ in lex.hedges.get("heading_questions", ()) and \
        not words[-1].is_punct


def _editor_note(trigger: Token, lex: Lexicon) -> bool:
    """Whether the trigger is in a wire service's note on the story's version ("(Updates with Teamsters comment)")."""
    words = [t for t in trigger.sent[:4] if not t.is_space][:2]
    return len(words) == 2 and words[0].text == "(" and words[1].lower_ in lex.hedges.get("editor_notes", ())


def _kept_through(lex: Lexicon, spec: FrameSpec, verb: Token) -> tuple[str, ...]:
    """The prepositions through which `verb` states the frame's event ("members VOTED FOR the contract")."""
    return lex.hedges.get("keeps_governor_preps", {}).get(spec.name, {}).get(verb.lemma_.lower(), ())


def hedge(trigger: Token, gov: Governor, spec: FrameSpec, lex: Lexicon) -> str | None:
    """Why a trigger does not state its event as a fact: NEGATED, HYPOTHETICAL, or None when it does."""
    if asking_heading(trigger, lex) or _editor_note(trigger, lex):
        return HYPOTHETICAL
    keeps = set(lex.hedges.get("keeps_governors", {}).get(spec.name, ()))
    kept_mods = set(lex.hedges.get("keeps_modifiers", {}).get(spec.name, ()))
    if trigger.pos_ not in ("VERB", "AUX"):
        for c in trigger.children:
            if c.dep_ in ("neg",) or (c.dep_ == "det" and c.lower_ in ("no", "neither")):
                return NEGATED
            if c.dep_ == "poss" and any(d.dep_ == "det" and d.lower_ in ("no", "neither") for d in c.children):
                return NEGATED  # "NO actors' strike": the parse hangs "no" on the possessor
            if c.dep_ in ("amod", "compound") and c.lemma_.lower() in lex.hypothetical_modifiers \
                    and c.lemma_.lower() not in kept_mods and c.lower_ not in kept_mods:
                return HYPOTHETICAL
        # "the first strike authorized in its history", "the threatened walkout": a participle that plans it
        for c in trigger.children:
            if c.dep_ in ("acl", "amod") and c.pos_ == "VERB" and c.tag_ != "VB" \
                    and _words(c) & lex.hypothetical_governors and not _words(c) & keeps \
                    and not (c.dep_ == "amod" and c.i < trigger.i and c.lower_ in kept_mods):  # ("the PROPOSED
                # new contract" the tagger reads as a participle: the frame's kept adjective)
                # (a base form is no participle: "is due to OPEN talks", parsed as a modifier of "talks")
                return HYPOTHETICAL
        if negated_copula(trigger) or trigger.dep_ == "nsubj" and trigger.head.lemma_ == "be" and any(
                c.dep_ in ("advmod", "acomp", "prt") and c.lower_ in lex.hedges.get("cancelled_predicates", ())
                for c in trigger.head.children):  # ("the strike is OFF")
            return NEGATED
        # "no word of negotiations", "no sign of a deal": a negated noun above
        node = trigger
        while node.dep_ == "pobj" and node.head.dep_ == "prep" and node.head.head.pos_ in ("NOUN", "PROPN"):
            node = node.head.head
            if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "neither")) for c in node.children):
                return NEGATED
        # "talks for a new contract", "pending ratification": what is sought, not what happened
        head = trigger.head
        if trigger.dep_ == "pobj" and head.lower_ in ("for", "toward", "towards", "pending") and \
                spec.name == "Agreement" and head.lower_ not in _kept_through(lex, spec, head.head):
            return HYPOTHETICAL
        if trigger.dep_ == "pobj" and head.head.pos_ in ("VERB", "ADJ") and \
                head.head.lower_ in ("pending", "awaiting"):
            return HYPOTHETICAL
        if trigger.dep_ == "pobj" and head.lower_ in lex.negators:
            return NEGATED
        unit = head.head
        if trigger.dep_ == "pobj" and head.lower_ == "of" and unit.lemma_.lower() in \
                lex.hedges.get("near_miss_units", ()) and unit.dep_ == "pobj" and unit.head.lower_ == "within":
            return HYPOTHETICAL  # "came within days of a strike"
        if trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "ADJ", "ADV") and \
                head.head.lemma_ in lex.hypothetical_governors and head.head.lemma_ not in keeps and not (
                head.head.pos_ == "NOUN" and head.head.lemma_ in lex.hedges.get("adjective_governors", ())) \
                and head.lower_ not in _occasion_preps(lex, spec):
            return HYPOTHETICAL  # ("a CALL for talks"; not "argued for the DEMANDS in a meeting with the AMPTP")
    verb = gov.verb
    if verb is None:
        return None
    if gov.relation == "self" and any(c.dep_ == "dobj" and c.lower_ in lex.hedges.get("negative_objects", ())
                                      for c in trigger.children):
        return NEGATED  # "the deal SETTLES NOTHING for the writers", "offered nothing"
    if verb.dep_ in ("acl", "relcl") and any(c.dep_ == "det" and c.lower_ in ("no", "neither")
                                             for c in verb.head.children):
        return NEGATED  # "no requirement that the companies negotiate through the AMPTP"
    found = _clause_hedge(lex, verb)
    if found and found[1] in ("modal", "condition") and (_pledged(lex, verb, spec)
                                                         or _content(lex, trigger, verb, gov, spec)):
        found = None  # "the Teamsters said their drivers WOULD honor the picket line": a pledge, made (and "crews
        # WILL stand with the drivers IF they walk out": a pledge, conditional)
    if found and found[1] == "modal" and trigger.dep_ == "attr" and trigger.head.i == verb.i:
        return found[0]  # "what WOULD BE its first strike since 2054": a predicate, however definite
    if found and not (definite(trigger, gov) and found[1] != "neg"):
        return found[0]
    if verb.dep_ in ("advcl", "acl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) \
            and verb.i != trigger.i and gov.relation in ("object", "prep"):
        return HYPOTHETICAL  # "... to establish a new deal", "in order to avert a strike": a purpose
    if gov.relation in ("object", "prep") and verb.i != trigger.i:
        # the verb that takes the noun: "AVERTED a strike", "AUTHORIZED a strike", "HOPE for a deal" (but the
        # frame's own support verbs carry it: "CALLED a strike")
        # by a support verb of the frame, as its object or "in" it ("CALLED its members out IN a strike")
        carried = gov.support is not None and (gov.relation == "object" or trigger.head.lower_ in ("in", "into")
                                               or trigger.head.lower_ in _kept_through(lex, spec, verb))
        if _words(verb) & lex.negating_governors and not carried:
            return NEGATED  # (but "DECLINED the guild's offer": the offer was made)
        adjectives = set(lex.hedges.get("adjective_governors", ())) if verb.pos_ in ("VERB", "AUX") else set()
        if _words(verb) & lex.hypothetical_governors - adjectives and not _words(verb) & keeps and not carried \
                and not definite(trigger, gov) and not _occasion_of_act(trigger, verb, lex, spec):
            return HYPOTHETICAL
    if definite(trigger, gov):
        return None  # "the SAG-AFTRA strike would come to an end": the strike itself is a fact
    node = verb
    circumstance = False  # climbing out of "with" and a clause with its own subject
    for _ in range(5):
        if node.dep_ not in _CLIMB or node.head.i == node.i:
            break
        up = node.head
        if node.dep_ == "pobj" and up.lower_ in lex.negators:
            return NEGATED  # "ended WITHOUT reaching a deal"
        if node.dep_ == "pcomp" and up.lower_ in lex.negators:
            return NEGATED
        if up.pos_ == "ADP":
            if up.lower_ in _ADJUNCT and node.dep_ == "pcomp":
                break  # "opened talks BY demanding a raise": how or when, stated as done
            # "talks opened, WITH THE GUILD ASKING for 6%": a circumstance with its own subject, told as a fact
            # whatever verb it is the circumstance of (but as hedged as its clause: "IDEALLY ..., with writers
            # getting deals")
            circumstance = circumstance or up.lower_ == "with" and node.dep_ == "pcomp" and any(
                c.dep_ == "nsubj" for c in node.children)
            node = up
            continue
        if node.dep_ in ("conj", "relcl", "acl") and up.pos_ in ("NOUN", "PROPN"):
            break  # a relative clause or a coordinated verb is its own statement
        lemma = up.lemma_.lower()
        words = _words(up)
        if node.dep_ == "xcomp" and lemma in lex.hedges["ordering_say_verbs"] and not words & keeps and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            return HYPOTHETICAL  # "said ... if necessary, TO STRIKE": what is said to be done, not done
        if node.dep_ == "ccomp" and lemma in lex.say_verbs and not words & lex.hypothetical_governors:
            break  # "said it had reached a deal": what is said is stated
        # a verb above counts when it takes this clause as its complement ("failed TO reach", "hope THAT talks
        # resume"), not when this clause only says when or why ("averted a strike WHEN it reached a deal")
        governs = node.dep_ in ("xcomp", "ccomp", "pcomp", "prep", "pobj", "csubj") and not circumstance
        if governs and words & lex.negating_governors:
            return NEGATED
        if governs and words & lex.hypothetical_governors and not words & keeps and not _reported(lex, up, node):
            return HYPOTHETICAL
        if node.dep_ == "xcomp" and words & set(lex.hedges.get("offering_governors", ())) and not words & keeps:
            return HYPOTHETICAL  # "the studio OFFERED to warn the guild"
        if node.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in node.children):
            break  # "the alliance has NOT answered, and the next session is set": a clause with its own subject
        found = _clause_hedge(lex, up)
        # a modal or a "not" reaches down through "to" and "and" ("could vote to strike", "did not agree to
        # extend"), a "not" into the clause its verb takes; "if" and "whether" make their whole clause open
        if found and (node.dep_ in ("xcomp", "conj") or found[1] == "mark"
                      or node.dep_ == "ccomp" and found[1] == "neg"):
            return found[0]  # ("the vote does NOT MEAN crews will walk off the job": not asserted)
        node = up
    return None


def definite(trigger: Token, gov: Governor) -> bool:
    """A noun trigger whose side is named in its own phrase by a possessor, or a definite noun with a name in
    it ("the WGA's strike", "the SAG-AFTRA strike", "their strike"): the event is presupposed, so a modal or a
    plan about it ("would come to an end") hedges what is said of it, not that it happened."""
    if trigger.pos_ not in ("NOUN", "PROPN") or gov.relation == "self":
        return False
    if any(c.dep_ == "poss" for c in trigger.children):
        return True
    det = next((c for c in trigger.children if c.dep_ == "det"), None)
    return det is not None and det.lower_ in ("the", "this", "that") and any(
        c.dep_ in ("compound", "nmod") and c.pos_ == "PROPN" and c.i < trigger.i for c in trigger.children)


def generic(trigger: Token, gov: Governor) -> bool:
    """A relative clause in the simple present describes what an actor does, not an event: "the AMPTP, which
    NEGOTIATES contracts for the studios", "the guild, which REPRESENTS writers"."""
    verb = gov.verb
    if verb is None or verb.dep_ not in ("relcl", "acl") or verb.tag_ not in ("VBZ", "VBP"):
        return False
    relative = any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "who", "that") for c in verb.children)
    return relative and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
