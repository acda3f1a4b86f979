"""Arguments: the syntactic slots of a trigger (logical subject and object through the passive, datives,
prepositions, possessors, modifiers, what a noun describes) and the actors each slot's phrase denotes."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from . import clauses, coordination, coref, group_nouns
from .accusations import accused, accusers, urged
from .lexicon import FrameSpec, Lexicon, lemma_forms
from .mention_types import Linked, Mention
from .speech import name_after_quote
from .syntax import (
    Governor,
    acts_as_noun,
    clause_subjects,
    logical_objects,
    logical_subjects,
    prep_objects,
    verbal_nouns_support,
)


@dataclass(frozen=True)
class Filler:
    """One actor found in a slot: which mention (or None for a trade noun), how it was read."""
    actor: str
    token: int  # the token that stands for it
    slot: str
    how: str  # "name", "description", "pronoun", "trade", "speaker", "body"


def _its_clause(tok: Token) -> bool:
    """A "their" in a clause that calls its subject "its": the two are not the same ("the union pledged ITS
    solidarity with the striking writers since the first day of THEIR walkout")."""
    if tok.lower_ != "their" or tok.dep_ != "poss":
        return False
    verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX") and not acts_as_noun(a)), None)
    return verb is not None and any(t.lower_ == "its" and t.dep_ == "poss" for t in verb.subtree)


_LIST_MARKS = (":", "—", "–", "-")  # what may open a list of names after a generic noun


class Reader:
    """Reads the actors of a trigger's slots in one parsed article."""

    def __init__(self, linked: Linked, lexicon: Lexicon, quote_speaker: Callable[[Token], str | None],
                 leaders: dict[str, str] | None = None):
        self.linked = linked
        self.leaders = leaders or {}  # person -> the organisation a title in this article gives them
        self.lexicon = lexicon
        self.quote_speaker = quote_speaker
        self.pronouns = lexicon.actors["pronouns"]
        self._meeting_nouns = frozenset(t.head for t in lexicon.frames["NegotiationSession"].triggers
                                        if t.pos == "NOUN" and len(t.words) == 1)
        self.first_person = set(lexicon.actors["first_person"])
        self.pair_nouns = set(lexicon.actors.get("pair_nouns", ()))
        self.source_nouns = set(lexicon.speech.get("source_nouns", ()))
        self.side_nouns = lexicon.actors.get("side_nouns", {})
        self.quotes = linked.quotes
        self.pair_determiners = set(lexicon.actors.get("pair_determiners", ()))
        self._pair: list[str] | None = None

    def pair(self) -> list[str]:
        """The two sides of the table in this article: its most mentioned guild and employers' side."""
        if self._pair is None:
            counts = self.linked.counts()

            def top(types):
                cands = [k for k in counts if self.linked.type_of(k) in types]
                return max(cands, key=lambda k: (counts[k], -self.linked.first(k).start)) if cands else None
            self._pair = [k for k in (top({"Guild"}), top({"EmployerAssociation"}) or top({"Studio"})) if k]
        return self._pair

    # -- what a phrase denotes --------------------------------------------------------------------------------
    def phrase(self, tok: Token, types: frozenset[str], slot: str, depth: int = 0) -> list[Filler]:
        """The actors the noun phrase headed by `tok` denotes, each of its conjuncts included."""
        out = [f for t in [tok, *coordination.conjuncts(tok, self.linked, self.lexicon.actors["list_openers"])]
               for f in self._one(t, types, slot, depth)]
        seen: set[str] = set()
        return [f for f in out if not (f.actor in seen or seen.add(f.actor))]

    def _clause_noun(self, clause: Token, types: frozenset[str], slot: str) -> list[Filler]:
        """The noun a relative or participle clause describes (a list's item alone: `clauses.set_off_in_list`)."""
        alone = clauses.set_off_in_list(clause)
        return self._one(clause.head, types, slot, 0) if alone else self.phrase(clause.head, types, slot)

    def _subjects(self, verb: Token) -> list[Token]:
        """The verb's logical subjects, less a list the parse took for a second subject: in "the AMPTP, which
        represents the studios, among them Disney and Netflix, congratulated the guild" the AMPTP congratulates."""
        subjects = logical_subjects(verb)
        if len(subjects) < 2:
            return subjects
        kept = [s for s in subjects if not coordination.opened(s, self.lexicon.actors["list_openers"])]
        return kept or subjects

    def _ok(self, actor: str, types: frozenset[str]) -> bool:
        return not types or self.linked.type_of(actor) in types

    def _one(self, tok: Token, types: frozenset[str], slot: str, depth: int) -> list[Filler]:
        if depth > 3:
            return []
        m = self.linked.at_token(tok.i)
        lemma = tok.lemma_.lower()
        if m is None and tok.pos_ == "PROPN":
            # the tagger reads a capitalised first word as a name ("Members of the guild ..."): its known stem
            lemma = next((w for w in sorted(lemma_forms(lemma, tok.text))
                          if w in self.lexicon.body_nouns or w in self.lexicon.hypernyms), lemma)
        if m is not None and not (lemma in self.lexicon.body_nouns and m.kind == "description"
                                  and tok.i == m.tok_end - 1 and m.tok_end - m.tok_start > 2):
            named = self._named_apposition(tok, m)
            if named is not None:
                m = named
            if self._ok(m.actor, types):
                return [Filler(m.actor, tok.i, slot, "description" if m.kind == "description" else "name")]
            # "Teamsters Local 399 leader Lindsay Dougherty is pushing for higher wages": a leader acts for the
            # organisation her title names in this article
            org = self.leaders.get(m.actor)
            if org is not None and self._ok(org, types):
                return [Filler(org, tok.i, slot, "leader")]
            return []
        low = tok.lower_
        if each := group_nouns.distributed(tok, self.linked, set(types)) or group_nouns.demonstrated(
                tok, self.linked, set(types), self.lexicon.actors["descriptions"]):
            return [Filler(x.actor, tok.i, slot, "pronoun") for x in each]
        if low in ("whose", "who", "which", "that") and tok.dep_ in ("poss", "nsubj", "nsubjpass"):
            ante = clauses.relative_antecedent(tok)  # with its conjuncts, unless singular ("A and C, which IS")
            read = self._one if clauses.singular_verb(tok.head) else self.phrase
            return read(ante, types, slot, depth + 1) if ante is not None else []
        if lemma in self.pair_nouns and any(c.lower_ in self.pair_determiners for c in tok.children):
            return [Filler(k, tok.i, slot, "pair") for k in self.pair() if self._ok(k, types)]
        if low in self.first_person:
            who = self.quote_speaker(tok)
            if who and not self._ok(who, types):
                who = self.leaders.get(who)  # "we" in a union president's quote: the union
            return [Filler(who, tok.i, slot, "speaker")] if who and self._ok(who, types) else []
        if low in self.pronouns:
            speaker = self.quote_speaker(tok)  # in a quotation, "they" is never the speaker ("we")
            if _its_clause(tok):  # "the union pledged its solidarity with the striking writers ... THEIR walkout"
                plural = [t for t in tok.doc[tok.sent.start:tok.i] if t.tag_ in ("NNS", "NNPS")]
                trade = next((g for t in reversed(plural) for g in [self._trade(t)] if g), None)
                return [Filler(trade, tok.i, slot, "trade")] if trade and self._ok(trade, types) else []
            matrix = self._matrix_subject(tok, types) or self._bound_possessive(tok, types, slot, depth)
            if matrix:
                return matrix
            return [Filler(x.actor, tok.i, slot, "pronoun")
                    for x in coref.pronoun(tok, self.linked, set(types), self.pronouns, exclude=speaker,
                                           quotes=self.quotes, documents=self.lexicon.actors["document_subjects"])]
        # "SAG President, Fran Drescher": a title whose apposition names the person is that person
        if "Person" in types:
            for c in tok.children:
                cm = self.linked.at_token(c.i) if c.dep_ == "appos" else None
                if cm is not None and self.linked.type_of(cm.actor) == "Person":
                    return [Filler(cm.actor, c.i, slot, "name")]
        if tok.dep_ == "appos" and lemma in self.lexicon.body_nouns | self.lexicon.hypernyms and \
                (named := self.linked.at_token(tok.head.i)) is not None and self._ok(named.actor, types):
            return [Filler(named.actor, tok.head.i, slot, "name")]  # "the AMPTP, THE GROUP that bargains with ..."
        # "members of the WGA", "WGA board members", "the union's negotiators" act for their body
        others = any(c.dep_ in ("amod", "compound") and c.lower_ in self.lexicon.other_modifiers for c in tok.children)
        if (lemma in self.lexicon.body_nouns or lemma in self.lexicon.hypernyms or lemma in self.source_nouns) and \
                not others:
            inner = self._owner(tok, types, slot, depth)
            if inner:
                return inner
        if lemma in self.lexicon.hypernyms or low in self.lexicon.actors["partitives"]:
            listed = self._listed(tok, types, slot, depth)
            if listed:
                return listed
        trade = self._trade(tok)
        if trade and self._ok(trade, types):
            return [Filler(trade, tok.i, slot, "trade")]
        # a name inside the phrase's own modifiers: "the SAG-AFTRA actors' union"
        for c in tok.children:
            if c.dep_ in ("compound", "nmod", "amod") and c.i < tok.i:
                cm = self.linked.at_token(c.i)
                if cm is not None and self._ok(cm.actor, types) and lemma not in ("strike", "deal"):
                    return [Filler(cm.actor, c.i, slot, "name")]
        return []

    def _adjacent_before(self, verb: Token, types, slot, over_junk: bool = False) -> list[Filler]:
        """The names right before a verb the parse left without a subject ("..., Local 399 and the Basic Crafts
        said"), with those coordinated with them (`over_junk`: over markup and symbols)."""
        i = verb.i - 1
        while i >= verb.sent.start and (verb.doc[i].pos_ in ("ADV", "PUNCT", "X", "SYM", "AUX") and verb.doc[i].text
                                        not in ('"', ".") or over_junk and not verb.doc[i].is_alpha
                                        and self.linked.at_token(i) is None):
            i -= 1
        m = self.linked.at_token(i) if i >= verb.sent.start else None
        clause = next((a for a in verb.doc[i].ancestors if a.dep_ == "relcl"), None) if m is not None else None
        if clause is not None and clause.i < verb.i:  # "the alliance, whose president is X, said": the alliance
            m, i = self.linked.at_token(clause.head.i), clause.head.i
        if m is None and verb.dep_ == "ROOT":
            # "The AMPTP, after the WGA revealed ..., said": the name that opens the sentence, set off by a comma
            first = self.linked.at_token(verb.sent.start + (1 if verb.sent[0].lower_ == "the" else 0))
            m = first if first is not None and first.tok_end < len(verb.doc) and verb.doc[first.tok_end].text == "," \
                else name_after_quote(self.linked.at_token, verb)  # or '"...," X, an agent of Y, told'
        if m is None or not self._ok(m.actor, types):
            return []
        out = [Filler(m.actor, i, slot, "name")]
        j = m.tok_start - 1
        while j > verb.sent.start and verb.doc[j].lower_ in ("and", ",", "the", "&"):
            j -= 1
            prev = self.linked.at_token(j)
            if prev is not None and self._ok(prev.actor, types) and verb.doc[j + 1].lower_ in ("and", ",", "the", "&"):
                out.insert(0, Filler(prev.actor, j, slot, "name"))
                j = prev.tok_start - 1
        return out

    def _bound_possessive(self, tok: Token, types, slot, depth) -> list[Filler]:
        """"In ITS statement, the AMPTP said", "the WGA remained entrenched in ITS position", "accused the AMPTP
        of releasing details of ITS offer": a possessive pronoun is bound by the subject of its clause."""
        if tok.dep_ != "poss" or depth > 2:
            return []
        verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX") and not acts_as_noun(a)), None)
        if verb is None:
            return []
        own = {t.i for t in tok.head.subtree}
        allowed = frozenset(self.pronouns.get(tok.lower_, ())) & (types or frozenset(self.pronouns.get(tok.lower_, ())))
        for s in logical_subjects(verb):
            if s.i in own or s.lower_ in self.pronouns or s.lower_ in self.first_person:
                continue  # ("we will weigh THEIR offer": a third person is never bound by the speaker)
            found = [Filler(f.actor, tok.i, slot, "pronoun") for f in self.phrase(s, allowed, slot, depth + 1)]
            if found:
                return found if tok.lower_ in ("their",) else found[:1]
        return []

    def _matrix_subject(self, tok: Token, types) -> list[Filler]:
        """"The WGA said IT would respond", "the WGA made two announcements: that THEY are filing charges": the
        subject pronoun of a reported clause is the one who reports it (and so is the owner of its subject: "the
        guild said ITS board voted")."""
        owner = tok.dep_ == "poss" and tok.lower_ in ("its", "their") and tok.head.dep_ in ("nsubj", "nsubjpass")
        if not owner and (tok.dep_ != "nsubj" or tok.lower_ not in ("it", "they", "he", "she")):
            return []
        node = tok.head.head if owner else tok.head
        reporter = None
        for _ in range(4):
            if node.dep_ not in ("ccomp", "acl", "appos", "conj", "advcl", "parataxis") or node.head.i == node.i:
                break
            node = node.head
            lemma = node.lemma_.lower()
            if node.pos_ in ("VERB", "AUX") and lemma in self.lexicon.say_verbs:
                reporter = [s for s in logical_subjects(node)]
                break
            if node.pos_ in ("NOUN", "PROPN") and lemma in self.lexicon.message_nouns:
                owner = [c for c in node.children if c.dep_ == "poss"]
                carrier = node.head if node.dep_ in ("dobj",) and node.head.pos_ == "VERB" else None
                reporter = owner or (logical_subjects(carrier) if carrier is not None else [])
                break
        if not reporter:
            return []
        subjects = [s for s in reporter if s.i != tok.i and s.lower_ not in self.pronouns]
        found = [f for s in subjects for f in self.phrase(s, types, "subject")]
        allowed = set(self.pronouns.get(tok.lower_, ()))
        return [Filler(f.actor, tok.i, f.slot, "pronoun") for f in found if self.linked.type_of(f.actor) in allowed]

    def _side_noun(self, tok: Token, types) -> str | None:
        """"the STUDIO offer", "the UNION proposal": a noun for a side of the table, that side's actor named last."""
        side = self.side_nouns.get(tok.lemma_.lower())
        if tok.pos_ != "NOUN" or not side:
            return None
        allowed = set(side) & set(types) if types else set(side)
        found = coref.pronoun(tok, self.linked, allowed, {tok.lower_: list(allowed)}, quotes=self.quotes)
        return found[0].actor if found else None

    def _named_apposition(self, tok: Token, m: Mention) -> Mention | None:
        """"The actors union, SAG-AFTRA, ...": a description's apposition names it."""
        if m.kind != "description":
            return None
        for c in tok.children:
            if c.dep_ == "appos" and c.left_edge.i <= m.tok_end + 1:  # (right after it: not one from afar)
                cm = self.linked.at_token(c.i)
                if cm is not None and cm.kind != "description":
                    return cm
        return None

    def _owner(self, tok: Token, types, slot, depth) -> list[Filler]:
        descriptions = self.lexicon.actors["descriptions"]
        for c in tok.children:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "nmod") and c.i < tok.i):
                got = self._one(c, types, slot, depth + 1)
                if got:
                    return got
                if c.dep_ in ("compound", "nmod") and c.lower_ in descriptions and c.lower_ in ("union", "guild"):
                    # "union leaders said", "guild officials": the union the article last named
                    found = coref.pronoun(c, self.linked, set(types) & {"Guild"}, {c.lower_: ["Guild"]},
                                          quotes=self.quotes)
                    return [Filler(x.actor, c.i, slot, "description") for x in found]
        # "negotiators FOR SAG-AFTRA", "a spokesperson for the alliance", "bargainers FROM IATSE": who they speak for
        preps = ["of"] if tok.lemma_.lower() in ("member", "membership") else ["of", "for", "from"]
        for p in [p for word in preps for p in prep_objects(tok, (word,))]:
            got = self.phrase(p, types, slot, depth + 1)
            if got:
                return got
        if tok.lemma_.lower() in ("member", "membership") and "Guild" in types:
            # "the WGA said in a statement to members, who ...": members of the body speaking in the clause
            verb = next((a for a in tok.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if verb is not None:
                for s in logical_subjects(verb):
                    m = self.linked.at_token(s.i)
                    if m is not None and s.i != tok.i and self.linked.type_of(m.actor) == "Guild":
                        return [Filler(m.actor, s.i, slot, "body")]
        return []

    def _listed(self, tok: Token, types, slot, depth) -> list[Filler]:
        """"studios such as Disney and Netflix", "fellow unions: IATSE, SAG-AFTRA", "the four major agencies —
        CAA, WME, UTA and ICM Partners": the named list a generic noun introduces."""
        out = []
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("as", "including", "like", "among"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        out += self.phrase(p, types, slot, depth + 1)
            elif c.dep_ == "prep" and c.lower_ == "of" and tok.lower_ in self.lexicon.actors["partitives"]:
                out += [f for p in c.children if p.dep_ == "pobj" and p.lemma_.lower() in self.lexicon.hypernyms
                        for f in self._listed(p, types, slot, depth + 1)]
            elif c.dep_ == "amod" and c.lower_ == "such":
                for g in c.children:
                    if g.dep_ == "prep":
                        out += [f for p in g.children if p.dep_ == "pobj" for f in self.phrase(p, types, slot,
                                                                                                   depth + 1)]
            elif c.dep_ in ("appos", "dep") and c.i > tok.i:
                out += self.phrase(c, types, slot, depth + 1)
            elif c.dep_ in ("relcl", "acl") and c.lemma_ in ("include", "comprise"):
                # "companies that include A and B", "a coalition comprising A and B"
                out += [f for d in c.children if d.dep_ in ("dobj", "attr") for f in self.phrase(d, types, slot,
                                                                                                  depth + 1)]
        edge = tok.right_edge.i
        if not out and [t.lower_ for t in tok.doc[edge + 1:edge + 4]] == [",", "among", "them"] and \
                edge + 4 < tok.sent.end and tok.doc[edge + 4].dep_ in ("appos", "dep"):
            # "bargains for the studios, AMONG THEM A and B": the parse hangs the list on "them" or the verb
            out += self.phrase(tok.doc[edge + 4], types, slot, depth + 1)
        if not out and tok.dep_ == "pobj":
            # "the backing of fellow unions: IATSE, SAG-AFTRA": the parse hangs the list on the noun the generic
            # noun's phrase completes; it is the generic noun's when only a colon or dash stands between them
            # (its own relative clause may stand between: "the companies it has been striking: A, B and C")
            own = {t.i for t in tok.subtree}
            for c in tok.head.head.children:
                between = tok.doc[tok.i + 1:c.left_edge.i]
                if c.dep_ == "appos" and c.i > tok.i + 1 and len(between) and between[-1].text in _LIST_MARKS \
                        and all(t.text in _LIST_MARKS or t.i in own for t in between):
                    out += self.phrase(c, types, slot, depth + 1)
            # "with the publishers that sign it, A GROUP that includes A and B": the parse hangs the restating
            # noun elsewhere; it is a generic noun right after the phrase and a comma
            after = tok.right_edge.i + 2
            if not out and after < tok.sent.end and tok.doc[after - 1].text == ",":
                out += [f for t in tok.sent if t.left_edge.i == after and t.pos_ == "NOUN"
                        and t.lemma_.lower() in self.lexicon.hypernyms for f in self._listed(t, types, slot, depth + 1)]
        return out

    def _trade(self, tok: Token) -> str | None:
        return coref.trade_of_noun(tok, self.linked, self.lexicon.trades)

    # -- slots ------------------------------------------------------------------------------------------------
    def slot(self, name: str, trigger: Token, gov: Governor, spec: FrameSpec, types: frozenset[str],
             plain: bool = False) -> list[Filler]:
        kind, _, arg = name.partition(":")
        counter = spec.counter_demands and trigger.lemma_.lower() in spec.counter_demands
        if kind == "counter":  # "they refuse to regulate AI": the other side of the table demands it
            if not counter:
                return []
            subjects = self.slot(arg, trigger, gov, spec, frozenset(), plain=True)
            sides = {self.linked.type_of(f.actor) for f in subjects}
            pair = self.pair()
            others = [k for k in pair if (self.linked.type_of(k) == "Guild") != ("Guild" in sides)]
            return [Filler(k, trigger.i, name, "pair") for k in others if sides and self._ok(k, types)]
        if kind == "subject" and counter and not plain:
            return []  # the one who refuses demands nothing
        if kind == "subject":
            verbs = []
            if gov.relation == "self" and (not arg or trigger.lemma_ == arg):
                verbs = [trigger]
            elif gov.verb is not None and gov.relation in ("object", "prep") and (
                    (not arg and gov.support == "agent") or (arg and gov.support == arg)):
                verbs = [gov.verb]
            if not arg and not verbs:
                participle = verbal_nouns_support(trigger, spec)
                if participle is not None and spec.support_class(participle.lemma_, participle.text) == "agent":
                    verbs = [participle]
            found = [f for v in verbs for s in self._subjects(v) for f in self.phrase(s, types, name)]
            if spec.name == "Proposal" and found and all(f.how == "pair" for f in found):
                # "the AMPTP countered when THE TWO SIDES met again, offering 3.5%": no one offers as both sides;
                # the subject of a verb above does
                above = next((a for v in verbs for a in v.ancestors if a.pos_ in ("VERB", "AUX") and any(
                    f.how != "pair" for s in self._subjects(a) for f in self.phrase(s, types, name))), None)
                if above is not None:
                    found = [f for s in self._subjects(above) for f in self.phrase(s, types, name)]
            for v in verbs:
                host = next((a for a in v.head.ancestors if a.pos_ in ("VERB", "AUX")), None) \
                    if v.dep_ in ("acl", "advcl") and v.tag_ == "VBG" and v.head.dep_ in ("pobj", "dobj") \
                    and v.head.lemma_.lower() in self._meeting_nouns | self.lexicon.message_nouns else None
                if not found and host is not None:
                    # "the guild went into talks ASKING for more", "passed a resolution BACKING the actors": the
                    # parse hangs the participle on the talks or the message; who went into them, or sent it, does it
                    found = [f for s in self._subjects(host) for f in self.phrase(s, types, name)]
                subjects = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl")]
                junk = subjects and all(not s.is_alpha and s.pos_ not in ("PRON",) for s in subjects)
                if not found and v.dep_ in ("ROOT", "ccomp", "conj") and (not subjects or junk):
                    # the parse left the verb without a subject (a quote tag), or took markup for it: the names
                    # right before it
                    found = self._adjacent_before(v, types, name, over_junk=bool(junk))
            return found
        if kind == "object":
            verbs = [trigger] if gov.relation == "self" else []
            return [f for v in verbs for o in logical_objects(v) for f in self.phrase(o, types, name)]
        if kind == "dative":
            verbs = [trigger] if gov.relation == "self" else ([gov.verb] if gov.verb is not None else [])
            return [f for v in verbs for c in v.children if c.dep_ == "dative" and c.pos_ != "ADP"
                    for f in self.phrase(c, types, name)]
        if kind == "possessor":
            owners = [c for c in trigger.children if c.dep_ == "poss"]
            if not owners and trigger.dep_ == "compound":  # "the writers' strike impasse"
                owners = [c for c in trigger.head.children if c.dep_ == "poss" and c.i < trigger.i]
            return [f for c in owners for f in self.phrase(c, types, name)]  # "the WGA and AMPTP's deal"
        if kind == "modifier":  # (and of a word of the trigger's phrase before it: "an AMPTP MEMBER company")
            out, words = [], [trigger, *(c for c in trigger.children if c.dep_ == "compound" and c.i == trigger.i - 1
                                         and not self.linked.at_token(c.i))]
            for c in [c for w in words for c in w.children]:
                if c.dep_ in ("compound", "nmod", "amod", "npadvmod") and c.i < trigger.i:
                    m = self.linked.at_token(c.i)
                    if m is not None and self._ok(m.actor, types):
                        out.append(Filler(m.actor, c.i, name, "name"))
                    elif m is None:
                        trade = self._trade(c) if c.tag_ in ("NNS", "NNPS") else None
                        if trade and self._ok(trade, types):
                            out.append(Filler(trade, c.i, name, "trade"))
                        side = self._side_noun(c, types)
                        if side and not trade:
                            out.append(Filler(side, c.i, name, "description"))
            return out
        if kind == "absolute":  # "with the WGA out on STRIKE": the noun the "with" takes
            return [f for h in [clauses.absolute_subject(trigger)] if h for f in self.phrase(h, types, name)]
        if kind == "modified":  # "the coalition LED by Local 399": the noun a participle describes ("modified:VERB")
            described = trigger.dep_ in ("acl", "relcl") and trigger.head.i != trigger.i and arg in (
                "", trigger.lemma_) and not any(c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children)
            return self._clause_noun(trigger, types, name) if described else []
        if kind == "relative":  # "the companies it has been STRIKING": the noun the clause's missing object is (or
            # what that noun is said of: "Netflix and Disney are among the studios the AMPTP REPRESENTS")
            return [] if not clauses.object_gap(trigger) else self._clause_noun(trigger, types, name) or [
                f for d in clauses.described(trigger.head) if {t.lemma_ for t in [trigger.head, *prep_objects(
                    trigger.head, ("of",))]} & self.lexicon.hypernyms for f in self.phrase(d, types, name)]
        if kind == "described":  # (a singular apposition in a list is the name's before it: "A, B and C, A UNIT OF D")
            lone = clauses.name_before_apposition(trigger, self.linked)
            return self._one(lone, types, name, 0) if lone is not None else [
                f for h in clauses.described(trigger) for f in self.phrase(h, types, name)]
        if kind in ("accused", "accuser"):  # ("X ACCUSED Y of ... in a charge": against whom, and who files it)
            found = accusers(trigger, spec.accusing) if kind == "accuser" else accused(
                trigger, gov, spec.accusing, spec.alleging)
            return [f for t in found for f in self.phrase(t, types, name)]
        if kind == "urged":  # "SAG-AFTRA urged THE AMPTP to return to the table": whom a verb of urging urges
            verbs = [trigger] if gov.relation == "self" else [gov.verb] if gov.verb is not None else []
            return [f for v in verbs for t in urged(v, spec.urging) for f in self.phrase(t, types, name)]
        asking = trigger.pos_ in ("VERB", "AUX") and trigger.lemma_.lower() in spec.asked_from
        if kind == "asked":  # "sought raises from the studios": whom a verb of asking asks
            if not asking:
                return []
            if arg == "object":  # "asked THE AMPTP for raises"
                return [f for o in logical_objects(trigger) for f in self.phrase(o, types, name)]
            if arg == "clause":  # "demanded that PARAMOUNT delete the scans", "wants THE STUDIOS to pay more"
                return [f for s in clause_subjects(trigger) for f in self.phrase(s, types, name)]
            kind = "prep"
        elif kind == "prep" and asking and any(f"asked:{arg}" in r.slots for r in spec.roles):
            return []
        if kind == "prep":
            words = tuple(arg.split())
            hosts = [trigger]
            if gov.verb is not None and gov.relation in ("object", "prep") and gov.verb.i != trigger.i:
                hosts.append(gov.verb)
            if gov.relation == "self":  # "renegotiate contracts WITH the DGA": on the verb's object
                hosts += [c for c in trigger.children if c.dep_ in ("dobj", "obj")]
            if gov.relation == "subject" and gov.verb.lemma_.lower() in spec.predicates:
                hosts.append(gov.verb)  # "the statement came FROM the studio heads"
            # and what the parse hangs on a name that is the object of another of their phrases: "filed a charge
            # with the NLRB AGAINST Ridgeline Pictures" (a name takes no such phrase; not "of": its own words)
            hosts += [o for h in list(hosts) for c in h.children if c.dep_ == "prep" and words != ("of",) for o in
                      c.children if o.dep_ == "pobj" and (self.linked.at_token(o.i) or o.lemma_.lower() in spec.venues)]
            out = []
            for h in hosts:
                for p in prep_objects(h, words):
                    if self.linked.at_token(p.head.i) is not None or clauses.on_strike_after(p):
                        continue  # the "of" of a name ("International Brotherhood OF Electrical Workers Local 40");
                    out += self.phrase(p, types, name)  # "WITH the WGA out on strike" is no party
                if words == ("between",) and not out:
                    # "negotiations fell apart between A and B": the preposition may hang on the verb above
                    continue
            return out
        raise ValueError(f"unknown slot {name!r} in the lexicon")

    def role(self, role, trigger: Token, gov: Governor, spec: FrameSpec) -> list[Filler]:
        out: list[Filler] = []
        for slot in role.slots:
            seen, found = {x.actor for x in out}, self.slot(slot, trigger, gov, spec, role.types)
            got = [f for f in found if not (f.actor in seen or seen.add(f.actor))]  # (each once: "A and B" read twice)
            if got and not role.all:
                return got[:1] if role.one else got
            out += got
        return out
