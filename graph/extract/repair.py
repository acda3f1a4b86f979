"""Parse repairs: a pipeline component that mends misparses of the small model before the frames are read."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

from . import speech_repairs as speech

# what a name before the verb may be made of: "IATSE Local 52", "Teamsters Local 399"
_NAME_PARTS = frozenset({"PROPN", "NUM"})


@Language.component("guildgraph_parse_repair")
def parse_repair(doc: Doc) -> Doc:
    """The misparses below mended, one pass over the tokens each, in this order (a pass sees the mends of the
    passes before it); the tokens are made once (a Token reads the doc's arrays, so it sees every mend)."""
    tokens = list(doc)
    for tok in tokens:
        if _misread_verb(tok):
            _make_main_verb(tok)
    for tok in tokens:
        if _verb_read_as_participle(tok):
            name = tok.head
            tok.head, tok.dep_, tok.tag_ = tok, "ROOT", "VBD"
            for t in [c for c in name.children if c.i > tok.i]:
                t.head = tok  # (the sentence's full stop)
            name.head, name.dep_ = tok, "nsubj"
    for tok in tokens:
        if (read := _verb_read_as_modifier(tok)) is not None:
            name, obj, root = read
            tok.head, tok.dep_, tok.tag_, tok.pos_ = tok, "ROOT", "VBD", "VERB"
            for t in [c for c in (root or name).children if c.i > tok.i and c.i != obj.i and c.dep_ == "punct"
                      or root is None and c.i > tok.i or c.dep_ in ("prep", "advmod", "npadvmod", "advcl", "punct")
                      and c.i < name.i]:
                t.head = tok  # (the sentence's full stop; a fronted "Before the walkout,")
            name.head, name.dep_ = tok, "nsubj"
            obj.head, obj.dep_ = tok, "dobj"
            if root is not None:
                root.head, root.dep_ = obj, "acl"
    for tok in tokens:
        if (earlier := _stray_list_item(tok)) is not None:
            tok.head, tok.dep_ = earlier, "conj"
    for tok in tokens:
        if (subject := _verb_read_as_noun(tok)) is not None:
            _make_present_verb(tok, subject)
        elif (lemma := _gerund_read_as_noun(tok)) is not None:
            tok.dep_, tok.pos_, tok.tag_, tok.lemma_ = "acl", "VERB", "VBG", lemma
    for tok in tokens:
        if (verb := speech.before_reported_clause(tok)) is not None:
            tok.head = verb
        elif (clause := speech.inside_fronted_clause(tok)) is not None:
            tok.head = clause
        elif (verb := speech.after_speaker_aside(tok) or speech.medium_read_into_quote(tok)) is not None:
            tok.head = verb
    for tok in tokens:
        if (speaker := speech.speaker_read_into_quote(tok) or speech.speaker_read_into_aside(tok)) is not None:
            speaker.head, speaker.dep_ = tok, "nsubj"
        elif (subject := speech.subject_after_label(tok)) is not None:
            subject.head, subject.dep_ = tok.head, tok.dep_
            for after in [c for c in tok.children if c.i > subject.i]:  # (", speaking on condition of anonymity")
                after.head = subject
            tok.dep_ = "dep"
    for tok in tokens:
        if (noun := _determiner_read_as_mark(tok)) is not None:
            tok.head, tok.dep_ = noun, "det"
    for tok in tokens:
        if _decision_read_as_purpose(tok):
            tok.dep_ = "xcomp"
    for tok in tokens:
        if _when_clause_read_as_object(tok):
            tok.head, tok.dep_ = tok.head.head, "advcl"
    for tok in tokens:
        if (noun := _relative_read_on_subject(tok)) is not None:
            name = tok.head
            if noun.head.i == name.i:  # ("The deal IATSE reached": the noun read as the name's compound)
                noun.head, noun.dep_ = name.head, name.dep_
                noun.nbor(-1).head = noun
            tok.head, tok.dep_ = noun, "relcl"
            name.head, name.dep_ = tok, "nsubj"
    for tok in tokens:
        if (last := _relative_on_first_item(tok)) is not None:
            tok.head = last
    for tok in tokens:
        if (main := _participle_read_as_verb(tok)) is not None:
            subject = next(c for c in tok.children if c.dep_ == "nsubj")
            main.head, main.dep_ = main, "ROOT"
            for t in [c for c in tok.children if c.i > main.i or c.dep_ == "punct" and c.i == tok.sent.end - 1]:
                t.head = main  # (what follows the second verb is its own)
            subject.head = main
            tok.head, tok.dep_, tok.tag_ = subject, "acl", "VBN"
    for tok in tokens:
        if _participle_object_read_as_clause(tok):
            noun = next(c for c in tok.children if c.dep_ == "nsubj")
            noun.head, noun.dep_ = tok.head, "dobj"
            tok.head, tok.dep_ = noun, "acl"
    for tok in tokens:
        if _object_read_as_clause(tok):
            for recipient in [c for c in tok.children if c.dep_ == "nsubj"]:  # (a figure is the noun's own)
                recipient.head, recipient.dep_ = (tok, "compound") if _percentage(recipient) else (tok.head, "dative")
            tok.dep_, tok.pos_, tok.tag_, tok.lemma_ = "dobj", "NOUN", "NNS", tok.lower_[:-1]
        elif (verb := _count_read_as_subject(tok)) is not None:
            verb.head, verb.dep_ = verb, "ROOT"
            for t in [c for c in tok.children if c.dep_ == "punct"]:
                t.head = verb
            tok.head, tok.dep_, tok.pos_, tok.tag_, tok.lemma_ = verb, "dobj", "NOUN", "NNS", tok.lower_[:-1]
            for count in [c for c in tok.children if c.dep_ == "nsubj"]:
                count.dep_ = "nummod"
    for tok in tokens:
        if (place := _reduced_relative(tok)) is not None:
            verb = tok.head.head
            tok.head, tok.dep_ = place
            verb.head, verb.dep_ = tok, "relcl"
    return doc


# verbs of giving, whose recipient and object the parse may read as a clause: "offered the guild RAISES of 5%"
_GIVING = frozenset({"offer", "give", "grant", "promise", "hand", "guarantee", "award"})
_ASKING = frozenset({"propose", "seek", "demand", "want", "request", "table", "pitch"})
# plural nouns the tagger may read as verbs there
_NOUNS_READ_AS_VERBS = frozenset({"raises", "increases", "hikes", "bumps", "boosts"})
# verbs whose infinitive is what was decided: "members VOTED on Sunday TO RATIFY the contract"
_DECIDING = frozenset({"vote", "decide", "agree"})


def _determiner_read_as_mark(tok: Token) -> Token | None:
    """"On pay, THAT Sunday counter asked for 6%": a main clause has no "that" to open it; the parser reads the
    determiner of its subject as one. The subject is returned."""
    if tok.lower_ != "that" or tok.dep_ != "mark" or tok.head.dep_ != "ROOT":
        return None
    subject = next((c for c in tok.head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i > tok.i), None)
    between = tok.doc[tok.i + 1:subject.i] if subject is not None else None
    return subject if between is not None and all(t.head.i == subject.i and t.dep_ in ("compound", "amod")
                                                   for t in between) else None


def _decision_read_as_purpose(tok: Token) -> bool:
    """"Members of IATSE voted on Sunday TO RATIFY the contract": with a phrase between them, the parser reads the
    infinitive as a purpose clause (in order to ratify), where it is what the vote decided."""
    return tok.dep_ == "advcl" and tok.tag_ == "VB" and tok.head.lemma_.lower() in _DECIDING \
        and tok.head.i < tok.i and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _when_clause_read_as_object(tok: Token) -> bool:
    """"What the guild asked for WHEN TALKS OPENED March 14": after a preposition stranded by "what", the parser
    takes the when-clause for the preposition's object, where it tells when the verb's act took place."""
    if tok.dep_ != "pcomp":
        return False
    prep = tok.head
    return prep.dep_ == "prep" and not any(c.dep_ == "pobj" for c in prep.children) \
        and tok.left_edge.tag_ == "WRB" and tok.left_edge.lower_ in ("when", "as") \
        and prep.head.pos_ == "VERB" and any(c.tag_ == "WP" and c.i < prep.head.i for c in prep.head.children)


# verbs in the present that the tagger takes for a plural noun after a name: "The AMPTP BARGAINS for Disney"
_VERBS_READ_AS_NOUNS = frozenset({"bargains", "negotiates", "represents", "counters"})
# ... and after a plural: "Talks RESUME tomorrow"
# ... and as a noun in apposition: "the alliance, BARGAINING for Disney and Netflix, ..."
_GERUNDS_READ_AS_NOUNS = {"bargaining": "bargain", "negotiating": "negotiate", "representing": "represent"}
_PLURAL_VERBS_READ_AS_NOUNS = {"resume": ("talks", "negotiations"), "reconvene": ("talks", "negotiations")}


def _verb_read_as_noun(tok: Token) -> Token | None:
    """"The AMPTP BARGAINS for Disney, Netflix and Warner Bros. Discovery", "the alliance BARGAINS for Disney",
    "SAG-AFTRA, the actors' union, NEGOTIATES with ...": a sentence with no other verb (but in a relative clause,
    or a preposition: "including") whose root is such a word after the name (or noun) it would have as its subject,
    the parse reading the word as a plural noun or the name as its modifier. That subject is returned."""
    if tok.lower_ not in _VERBS_READ_AS_NOUNS and tok.lower_ not in _PLURAL_VERBS_READ_AS_NOUNS \
            or tok.i == tok.sent.start or tok.dep_ != "ROOT" and not _after_date_label(tok):
        return None  # (the word first: the cheapest test, on every token)
    before = tok.nbor(-1)
    if tok.lower_ in _PLURAL_VERBS_READ_AS_NOUNS and before.lower_ not in _PLURAL_VERBS_READ_AS_NOUNS[tok.lower_]:
        return None
    subject = before if before.pos_ in ("PROPN", "NOUN") and before.head.i == tok.i else next(
        (c for c in tok.lefts if c.dep_ == "nsubj" and c.pos_ == "PROPN" and before.text == ","
         and c.right_edge.i >= before.i - 1), None)  # (the comma closing the apposition)
    if subject is None:
        return None
    own = {t.i for t in subject.subtree}
    return None if any(t.pos_ in ("VERB", "AUX") and t.dep_ != "prep" and t.i not in own and t.i != tok.i and not any(
        a.dep_ in ("relcl", "acl") for a in (t, *t.ancestors)) for t in tok.sent) else subject


def _after_date_label(tok: Token) -> bool:
    """A timeline's entry, "March 19 — The alliance COUNTERS at 4.5%": the parse roots the sentence at the date
    that labels it and hangs the entry's verb on it."""
    return tok.dep_ == "appos" and tok.head.i == tok.sent.start and tok.head.ent_type_ == "DATE" \
        and any(t.text in ("\u2014", "\u2013", "--", ":") for t in tok.doc[tok.head.i:tok.i])


def _gerund_read_as_noun(tok: Token) -> str | None:
    """"The alliance, BARGAINING for Disney, Netflix and Comcast, wants ...": a participle set off by commas after a
    name or noun, read as a noun in apposition to it; its verb's lemma is returned."""
    lemma = _GERUNDS_READ_AS_NOUNS.get(tok.lower_)
    if lemma is None or tok.dep_ != "appos" or tok.tag_ != "NN" or tok.nbor(-1).text != ",":
        return None
    return lemma if any(c.dep_ == "prep" and c.i == tok.i + 1 for c in tok.children) else None


def _make_present_verb(verb: Token, subject: Token) -> None:
    plural = verb.lower_ in _PLURAL_VERBS_READ_AS_NOUNS
    verb.pos_, verb.tag_, verb.lemma_ = "VERB", "VBP" if plural else "VBZ", verb.lower_ if plural else verb.lower_[:-1]
    for t in [c for c in verb.children if c.i < subject.i]:
        t.head = subject  # "THE AMPTP": the name's determiner
    subject.head, subject.dep_ = verb, "nsubj"


def _relative_read_on_subject(tok: Token) -> Token | None:
    """"The counteroffer the AMPTP (or "the studios") DELIVERED on April 13 included a 3.5% raise": the parser makes
    the name a second subject of the sentence's verb and the relative clause's verb a participle on the name. The
    noun whose clause it is (the subject just before the name) is returned: the clause hangs on it, the name is the
    clause's subject."""
    if tok.dep_ != "acl" or tok.tag_ not in ("VBD", "VBN"):
        return None
    name = tok.head
    verb = name.head
    if name.dep_ == "dobj" and verb.pos_ == "NOUN" and verb.i + 1 == name.left_edge.i and name.i < tok.i:
        return verb  # "The last offer THE ALLIANCE MADE before the walkout was 3.5%": a noun has no object
    if name.dep_ not in ("nsubj", "nsubjpass") or verb.pos_ not in ("VERB", "AUX") or not name.i < tok.i < verb.i \
            or name.pos_ != "PROPN" and not (name.pos_ == "NOUN" and any(d.dep_ == "det" for d in name.children)):
        return None
    noun = next((c for c in verb.children if c.dep_ == name.dep_ and c.i < name.i and (c.pos_ == "NOUN" or any(
        d.dep_ == "det" for d in c.children))), None)  # ("The counterproposal", tagged an adjective)
    if noun is None:  # "The deal IATSE reached on Monday includes ...": the noun read as a compound of the name
        noun = next((c for c in name.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i >= 1
                     and c.nbor(-1).dep_ == "det" and c.nbor(-1).head.i == name.i
                     and c.nbor(-1).i == name.left_edge.i), None)
        return noun if noun is not None and noun.i + 1 == min(c.i for c in name.subtree if c.i > noun.i) else None
    return noun if noun.right_edge.i + 1 == name.left_edge.i else None


def _reduced_relative(tok: Token) -> tuple[Token, str] | None:
    """"came out of the 118-day strike SAG-AFTRA waged in 2023": the parser makes the noun, determiner and all, a
    compound of the name that is the subject of the clause on it. Where the noun belongs is returned (the
    preposition left with no object, or the verb whose object the clause was taken for), so that the noun takes
    that place and the clause hangs on it."""
    if tok.dep_ != "compound" or tok.pos_ != "NOUN":
        return None
    name = tok.head
    verb = name.head
    if name.pos_ != "PROPN" or name.dep_ != "nsubj" \
            or verb.pos_ != "VERB" or verb.tag_ not in ("VBD", "VBN", "VBZ", "VBP") or not tok.i < name.i < verb.i \
            or not any(c.dep_ == "det" for c in tok.children) or tok.left_edge.i == 0:
        return None
    before = tok.doc[tok.left_edge.i - 1]
    if before.pos_ == "ADP" and not any(c.dep_ == "pobj" for c in before.children):
        return before, "pobj"
    if verb.dep_ == "ccomp" and verb.head.pos_ == "VERB" and not any(c.dep_ == "dobj" for c in verb.head.children):
        return verb.head, "dobj"
    return None


def _relative_on_first_item(tok: Token) -> Token | None:
    """"5%, 4% and 3.5%, plus 25% on AI and the full 13.5% THE GUILD WANTED for health": the parse hangs a
    relative clause on the first item of a list though it follows the last. That item is returned."""
    if tok.dep_ != "relcl" or tok.left_edge.i == 0 or tok.head.i > tok.i:
        return None
    before = tok.doc[tok.left_edge.i - 1]
    return next((c for c in tok.head.conjuncts if c.i == before.i and c.i > tok.head.i), None)


def _participle_read_as_verb(tok: Token) -> Token | None:
    """"That walkout, FOUGHT mostly over wages, BEGAN on Sept. 3": a participle set off by commas after the
    subject read as the sentence's verb, and the verb after it as its conjunct. The true verb is returned: the
    participle is made the subject's modifier and the verb the root (so that its days belong to the subject)."""
    if tok.dep_ != "ROOT" or tok.tag_ != "VBD" or tok.i < 2 or tok.nbor(-1).text != ",":
        return None
    subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.i != tok.i - 2 or subject.pos_ != "NOUN" \
            or any(c.dep_ in ("dobj", "ccomp", "xcomp", "aux", "auxpass") for c in tok.children):
        return None
    main = next((c for c in tok.children if c.dep_ == "conj" and c.tag_ == "VBD"), None)
    if main is None or main.nbor(-1).text != "," or any(c.dep_ == "cc" and c.i < main.i for c in tok.children) \
            or any(c.dep_ in ("nsubj", "nsubjpass") for c in main.children):
        return None
    return main


# how a percentage is written: "7%", "7 percent", "7 per cent"
_PERCENT_WORDS = frozenset({"%", "percent", "cent"})
# what may stand between two items of a list of figures: their year phrases ("in the first year", "over two years")
_BETWEEN_ITEMS = frozenset({"ADP", "DET", "ADJ", "NOUN", "NUM", "ADV", "PUNCT", "CCONJ"})


def _object_read_as_clause(tok: Token) -> bool:
    """"The AMPTP offered THE GUILD RAISES of 5%": after a verb of giving, the recipient and a plural noun the
    tagger reads as a verb ("raises", "increases") are parsed as a clause of their own, the recipient its subject
    (made the verb's dative); or the noun is left a verb as the object ("gave the union RAISES of 6%"); after any
    verb, a figure before the noun read as its subject ("it now proposes 5.5% RAISES")."""
    if tok.tag_ != "VBZ" or tok.lower_ not in _NOUNS_READ_AS_VERBS or tok.head.i >= tok.i:
        return False
    if tok.head.lemma_ not in _GIVING:
        return tok.dep_ == "ccomp" and tok.head.pos_ == "VERB" and any(
            c.dep_ in ("nsubj", "compound") and c.i == tok.i - 1 and _percentage(c) for c in tok.children) \
            and not any(c.dep_ in ("aux", "neg", "dobj") for c in tok.children)
    if tok.dep_ == "dobj":
        return True
    return tok.dep_ == "ccomp" and any(c.dep_ == "nsubj" and c.i == tok.i - 1 for c in tok.children) \
        and not any(c.dep_ in ("aux", "neg", "dobj") for c in tok.children)


def _participle_object_read_as_clause(tok: Token) -> bool:
    """"The alliance proposed MINIMUMS RISING 5%": a plural object with a participle and its figures after a verb of
    asking or giving, parsed as a clause ("that minimums are rising"); the participle is the noun's."""
    verb = tok.head
    if tok.tag_ != "VBG" or tok.dep_ != "ccomp" or verb.lemma_ not in _ASKING | _GIVING or \
            any(c.dep_ in ("aux", "mark", "neg") for c in tok.children) or not any(_percentage(t) for t in tok.subtree):
        return False
    return any(c.dep_ == "nsubj" and c.tag_ == "NNS" and c.left_edge.i == verb.i + 1 for c in tok.children)


def _count_read_as_subject(tok: Token) -> Token | None:
    """"The AMPTP offered 5% in the first year, then TWO RAISES of 4%": a count before a plural noun the tagger reads
    as a verb ("raises") is parsed as its subject, the noun as the sentence's root and the clause before it as the
    noun's; the noun, with a figure after it, is that clause's object. The clause's verb is returned."""
    if tok.tag_ != "VBZ" or tok.lower_ not in _NOUNS_READ_AS_VERBS or tok.dep_ != "ROOT":
        return None
    kids = list(tok.children)
    count = next((c for c in kids if c.dep_ == "nsubj" and c.tag_ == "CD"), None)
    verb = next((c for c in kids if c.dep_ == "ccomp" and c.i < tok.i and c.pos_ == "VERB"), None)
    if count is None or verb is None or any(c.dep_ in ("aux", "neg", "dobj") for c in kids) \
            or any(t.tag_ not in ("JJ", "JJR") for t in tok.doc[count.i + 1:tok.i]):
        return None
    figures = [p for c in kids if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if _percentage(p)]
    return verb if figures else None


def _percentage(tok: Token) -> bool:
    return tok.lower_ in _PERCENT_WORDS and any(c.dep_ == "nummod" for c in tok.children)


def _stray_list_item(tok: Token) -> Token | None:
    """"demanding 7% in the first year, 6% in the second and 5% in the third": the parser hangs the second item
    of the list on the main verb (or on a noun before), away from the verb that governs the first. The earlier
    percentage it continues is returned, so that the item becomes its conjunct (and whatever the list goes on to
    ask, too)."""
    if not _percentage(tok) or tok.left_edge.i == tok.sent.start or tok.dep_ not in ("npadvmod", "dobj", "appos") \
            and not (tok.dep_ == "conj" and not _percentage(tok.head)):  # ("..., PLUS 2% of the fee")
        return None
    comma = tok.doc[tok.left_edge.i - 1]
    if comma.lower_ in ("then", "plus") and comma.i > tok.sent.start:  # ("asking for 6%, THEN 5%, then 4.5%")
        comma = tok.doc[comma.i - 1]
    if comma.text != ",":
        return None
    earlier = next((t for t in reversed(tok.doc[max(tok.sent.start, comma.i - 10):comma.i]) if _percentage(t)),
                   None)
    if earlier is None or earlier.head.i == tok.head.i \
            or any(t.pos_ not in _BETWEEN_ITEMS for t in tok.doc[earlier.i + 1:comma.i]):
        return None
    return earlier


def _misread_verb(tok: Token) -> bool:
    """"IATSE Local 52 PROPOSED wage increases of 7%": the tagger reads a verb, the parser an adjective of the noun
    after it, in a noun phrase that is the whole sentence (or in apposition to the name that is). `_make_main_verb`
    makes the verb the sentence's root, the name before it its subject, the noun its object, and hangs what opened
    the sentence ("On January 12,") on the verb."""
    if tok.dep_ != "amod" or tok.tag_ not in ("VBD", "VBN"):
        return False
    noun, root = tok.head, tok.sent.root
    if noun.pos_ not in ("NOUN", "PROPN") \
            or not tok.sent.start < tok.i < noun.i or tok.nbor(-1).pos_ not in _NAME_PARTS:
        return False
    whole = noun.dep_ == "ROOT" or noun.dep_ == "appos" and noun.head.i == root.i and root.pos_ == "PROPN" \
        and root.i < tok.i
    return whole and not any(t.pos_ in ("VERB", "AUX") and t.i != tok.i and t.dep_ != "advcl"
                             and not _participle_after(t) for t in (*noun.children, *root.children))


def _verb_read_as_participle(tok: Token) -> bool:
    """"Brigid Lafleur, the local's president, SPENT Monday morning at the picket", "Bargainers from IATSE SPENT
    Tuesday with the AMPTP": the verb after a name and its apposition, or after a plural noun, read as a participle
    on it, which the parse makes the sentence's root (no other verb in the sentence but inside the apposition)."""
    if tok.dep_ != "acl" or tok.tag_ not in ("VBN", "VBD"):
        return False
    name = tok.head
    if name.dep_ != "ROOT" or name.i != tok.sent.start and name.left_edge.i != tok.sent.start:
        return False
    aside = tok.nbor(-1).text == "," and name.pos_ == "PROPN" and any(  # (or a relative: "X, who serves as ...,")
        c.dep_ in ("appos", "relcl") and name.i < c.i < tok.i for c in name.children) or tok.nbor(-1).text == "," \
        and name.pos_ == "NOUN" and any(c.dep_ == "acl" and c.tag_ == "VBN" and name.i < c.i < tok.i
                                        for c in name.children)  # ("The offer, made on May 2, CALLED for 5%")
    ends = tok.sent[-1] if not tok.sent[-1].is_space else tok.sent[-2]
    plural = name.tag_ in ("NNS", "NNPS") and tok.nbor(-1).text != "," and ends.text == "." and any(
        c.dep_ in ("npadvmod", "dobj") for c in tok.children)  # ("BARGAINERS from IATSE SPENT Tuesday with ...")
    if not aside and not plural:
        return False
    aside = {t.i for c in name.children if c.dep_ in ("appos", "relcl", "acl") and c.i < tok.i for t in c.subtree}
    return not any(t.pos_ in ("VERB", "AUX") and t.i != tok.i and t.i not in aside
                   and not any(a.i == tok.i for a in t.ancestors) for t in tok.sent)


def _verb_read_as_modifier(tok: Token) -> tuple[Token, Token, Token | None] | None:
    """"The alliance's offer, made on April 26, PROPOSED raises of 5%": the verb after a noun's aside read as an
    adjective of its object, the object as an apposition of the noun (or as a second subject of a participle read as
    the root: "... proposed MINIMUMS RISING 5%"), and no verb in the sentence but the aside's. Returns the noun, the
    object and that participle, if any."""
    obj = tok.head
    if tok.dep_ != "amod" or tok.tag_ not in ("VBN", "VBD") or tok.i == 0 or tok.nbor(-1).text != "," \
            or any(c.i < tok.i for c in obj.children):
        return None
    root = obj.head if obj.dep_ == "nsubj" and obj.head.dep_ == "ROOT" and obj.head.tag_ == "VBG" else None
    name = obj.head if obj.dep_ == "appos" else next(
        (c for c in (*tok.children, *root.children) if c.dep_ == "nsubj" and c.i < tok.i), None) if root else None
    ends = tok.sent[-1] if not tok.sent[-1].is_space else tok.sent[-2]
    if name is None or (name.dep_ != "ROOT") == (root is None) or name.pos_ not in ("NOUN", "PROPN") \
            or ends.text != ".":
        return None
    aside = {t.i for c in name.children if c.dep_ in ("acl", "relcl", "appos") and c.i < tok.i for t in c.subtree}
    if any(t.pos_ in ("VERB", "AUX") and t.i not in (tok.i, getattr(root, "i", -1)) and t.i not in aside
           and t.head.i != name.i and not any(a.i == obj.i for a in t.ancestors) for t in tok.sent):
        return None  # (not counting "its WRITTEN offer")
    return name, obj, root


def _participle_after(t: Token) -> bool:
    """"Local 399 OPENED talks on June 5 SEEKING 7%": a participle the parse hangs on the noun after the verb."""
    return t.dep_ == "acl" and t.tag_ == "VBG" and t.i > t.head.i


def _make_main_verb(verb: Token) -> None:
    noun, sent, root = verb.head, verb.sent, verb.sent.root
    start = verb.i
    while start > sent.start and (verb.doc[start - 1].pos_ in _NAME_PARTS or verb.doc[start - 1].ent_type_ == "ACTOR"):
        start -= 1  # (a name the actor ruler found: "LOCAL 399 opened talks", "Local" read as an adjective)
    subject = next((t for t in reversed(verb.doc[start:verb.i]) if t.pos_ == "PROPN"), None) or next(
        (t for t in reversed(verb.doc[start:verb.i]) if t.ent_type_ == "ACTOR" and t.head.i == verb.i), None)
    if subject is None:
        return
    moved = [t for t in sent if t.i < verb.i and t.i != subject.i]
    heads = {t.i: t.head.i for t in moved}
    verb.head, verb.dep_ = verb, "ROOT"
    for t in [c for c in noun.children if _participle_after(c)]:
        t.head, t.dep_ = verb, "advcl"  # (how the subject did it)
    noun.head, noun.dep_ = verb, "dobj"
    subject.head, subject.dep_ = verb, "nsubj"
    for t in moved:
        if t.i >= start and not start <= heads[t.i] < verb.i:
            t.head = subject  # a part of the name ("600" hung on the noun)
        elif t.i < start and heads[t.i] in (noun.i, root.i):
            t.head = verb  # what opened the sentence
