"""Frames: triggers of frames.yaml found by lemma (spaCy's PhraseMatcher for multiword ones) and their roles read
from the parse, as a pipeline component that leaves `doc._.frames` (one Frame per trigger that states its event,
hedged ones marked)."""
from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from . import clauses, frame_scope, hedges, speech, syntax, temporal
from .arguments import Filler, Reader
from .doc import bulleted_after_colon, doc_text, heading_spans, listed_after_colon
from .frame_types import POSITION, Frame
from .index import Intervals
from .lexicon import FrameSpec, Lexicon, Trigger, load_lexicon
from .senses import Senses, mandative, passed_vote
from .syntax import Governor
from .titles import read_positions

for _name in ("frames", "date_spans", "quotes"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

class _Phrases:
    """Multiword triggers and titles matched by hashing (spaCy's PhraseMatcher): every word by lemma, or every word
    as written; a verb matched by lemma must be tagged a verb. A token-by-token Matcher over the same patterns
    costs as much as the parser."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.by_lemma = PhraseMatcher(vocab, attr="LEMMA")
        self.by_text = PhraseMatcher(vocab, attr="LOWER")
        self.verbs: set[str] = set()

    def add(self, key: str, words: list[str], by_lemma: bool = True, verb: bool = False) -> None:
        if by_lemma:
            self.by_lemma.add(key, [Doc(self.vocab, words=words, lemmas=words)])
        self.by_text.add(key, [Doc(self.vocab, words=words)])
        if verb:
            self.verbs.add(key)

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        found = set()
        for key_id, s, e in self.by_lemma(doc):
            key = self.vocab.strings[key_id]
            if key not in self.verbs or doc[s].pos_ == "VERB" or doc[s].lemma_ == "be":  # ("ARE back at the table")
                found.add((key, s, e))
        found.update((self.vocab.strings[k], s, e) for k, s, e in self.by_text(doc))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))


class FrameFinder:
    """The component: triggers matched once per doc, each read into a Frame by the mechanisms."""

    def __init__(self, nlp: Language, lexicon: Lexicon):
        self.lexicon = lexicon
        self.phrases = _Phrases(nlp.vocab)
        self.triggers: dict[str, tuple[str, Trigger]] = {}
        #: (verb, preposition) of two-word verb triggers, also found with an object between them: "asked the
        #: AMPTP for raises", "pressed the studios for AI rules"
        self.split_verbs: dict[tuple[str, str], list[tuple[str, Trigger]]] = {}
        #: frame -> (part of speech, word) -> its one-word trigger: one Matcher pattern per frame and part of
        #: speech (a lemma in a set), not one per word, keeps matching linear in the text
        self.single: dict[str, dict[tuple[str | None, str], Trigger]] = {}
        #: word (lemma, or a noun as written) -> the frames and parts of speech whose one-word triggers it is: single
        #: words are looked up token by token, which costs far less than a Matcher pattern over a set of lemmas
        self.lemma_index: dict[str, set[tuple[str, str | None]]] = {}
        self.form_index: dict[str, set[tuple[str, str | None]]] = {}
        for name, spec in lexicon.frames.items():
            for n, trig in enumerate(spec.triggers):
                if len(trig.words) == 1:
                    self.single.setdefault(name, {})[(trig.pos, trig.head)] = trig
                    self.lemma_index.setdefault(trig.head, set()).add((name, trig.pos))
                    if trig.pos == "NOUN":
                        for form in (trig.head, trig.head + "s"):
                            self.form_index.setdefault(form, set()).add((name, trig.pos))
                    continue
                key = f"{name}#{n}"
                self.triggers[key] = (name, trig)
                self.phrases.add(key, list(trig.words), verb=trig.pos == "VERB")
                if trig.pos == "VERB" and len(trig.words) in (2, 3):  # "come back with": its adverb on the verb
                    self.split_verbs.setdefault((trig.words[0], trig.words[-1]), []).append((name, trig))
        self.phrases.add("according", ["according", "to"], by_lemma=False)
        titles = lexicon.titles
        mods = [m.lower() for m in titles["modifiers"]]
        for t in titles["titles"] + titles.get("field_titles", []):
            words = [w.lower_ for w in nlp.make_doc(t)]  # as the tokenizer splits them: "co-CEO" is three
            last = words[-1]
            for end in ([last, last + "s"] if not last.endswith("s") else [last]):
                self.phrases.add(POSITION, [*words[:-1], end], by_lemma=False)
        self.title_modifiers = set(mods)
        self.senses = Senses(lexicon)
        self.sourcing = frozenset(lexicon.speech["sourcing_verbs"])  # "..., sources SAY": who told, not when
        self.title_words = ({w for t in titles["titles"] for w in t.lower().split()} | set(mods) | {
            t.lower() + "s" for t in titles["titles"]}) - {"of", "the", "for", "at"}

    def _single_trigger(self, name: str, pos: str | None, tok: Token) -> Trigger | None:
        words = self.single.get(name, {})
        for word in (tok.lemma_.lower(), tok.lower_, tok.lower_[:-1] if tok.lower_.endswith("s") else None):
            if word and (pos, word) in words:
                return words[pos, word]
        return None

    def _single_word_triggers(self, doc: Doc):
        """(frame, one-token span, trigger) for every token that is a one-word trigger: by lemma, and a noun also as
        written ("Strikes" tagged a proper noun in a headline); a noun trigger takes common and proper nouns."""
        for tok in doc:
            by_lemma = self.lemma_index.get(tok.lemma_)
            by_form = self.form_index.get(tok.lower_) if tok.pos_ in ("NOUN", "PROPN") else None
            if not by_lemma and not by_form:
                continue
            keys = (by_lemma or set()) | (by_form or set())
            for name, pos in sorted(keys, key=lambda k: (k[0], k[1] or "")):
                if pos is not None and tok.pos_ != pos and not (
                        pos == "NOUN" and (tok.pos_ == "PROPN" or syntax.noun_in_adjective(tok))):
                    continue
                trig = self._single_trigger(name, pos, tok)
                if trig is not None:
                    yield name, doc[tok.i:tok.i + 1], trig

    def _split_verb_triggers(self, doc: Doc):
        """(frame, the verb, trigger) for a two-word verb trigger whose preposition or adverb hangs on the verb
        after its object ("asked the AMPTP FOR raises", "brought the sides TOGETHER"), or a three-word one with its
        adverb ("came back on March 6 WITH 3%"); the adjacent form is the phrase matcher's."""
        for tok in doc:
            if tok.pos_ != "VERB":
                continue
            # (and an adverb the parse hangs on the phrase right after the object: "brought the two sides TOGETHER
            # on May 8", "together" under "on")
            after = [a for o in tok.children if o.dep_ == "dobj" and o.right_edge.i + 1 < len(doc)
                     for a in [doc[o.right_edge.i + 1]] if a.dep_ == "advmod" and a.head.head.i == tok.i]
            for c in [*tok.children, *after]:
                found = self.split_verbs.get((tok.lemma_.lower(), c.lower_)) if c.dep_ in ("prep", "advmod", "prt") \
                    else None  # (a particle after the object too: "TOOK its members OUT")
                if found and c.i > tok.i + 1 and not syntax.is_duration(c):
                    for name, trig in found:
                        if len(trig.words) == 2 or any(a.lower_ == trig.words[1] and a.dep_ in ("prt", "advmod")
                                                       for a in tok.children):
                            yield name, doc[tok.i:tok.i + 1], trig

    def __call__(self, doc: Doc) -> Doc:
        linked = doc._.linked
        if linked is None:
            raise ValueError("guildgraph_frames needs guildgraph_mentions before it in the pipeline")
        spans = doc._.date_spans = temporal.DateSpans(temporal.date_spans(doc))  # (hedges read them too)
        quotes = speech.Quotes(doc)
        found: dict[str, list[Span]] = {}
        for key, s, e in self.phrases(doc):
            if key == POSITION:  # a title takes the modifiers before it: "international president" (not the
                # verb of "was elected president")
                while s > 0 and doc[s - 1].lower_ in self.title_modifiers and s <= doc[s - 1].head.i < e:
                    s -= 1
                if s > 1 and doc[s - 1].text == "-" and doc[s - 2].lower_ + "-" in self.title_modifiers:
                    s -= 2  # "co-Chief Executive Officer" (the tokenizer splits the hyphen off)
            found.setdefault(key, []).append(doc[s:e])
        by_frame: dict[str, list[tuple[Span, Trigger | None]]] = {}
        for key, hits in found.items():
            if key == POSITION or key == "according":
                by_frame.setdefault(key, []).extend((h, None) for h in hits)
            else:
                name, trig = self.triggers[key]
                by_frame.setdefault(name, []).extend((h, trig) for h in hits)
        for name, span, trig in self._single_word_triggers(doc):
            by_frame.setdefault(name, []).append((span, trig))
        for name, span, trig in self._split_verb_triggers(doc):
            by_frame.setdefault(name, []).append((span, trig))
        by_frame.setdefault("according", []).extend(
            (doc[t.i:t.i + 1], None) for t in doc if t.lower_ == "per" and t.pos_ == "ADP")
        # a word of a title is no trigger: "negotiating committee chair X told reporters" (parsed as a verb)
        in_titles = {i for h in found.get(POSITION, []) if len(h) > 1 for i in range(h.start, h.end)}
        by_frame = {name: [(h, t) for h, t in hits if name == POSITION or h.start not in in_titles]
                    for name, hits in by_frame.items()}
        headings = Intervals(heading_spans(doc_text(doc)))
        positions = [p for p in read_positions(doc, by_frame.get(POSITION, []),
                                             Reader(linked, self.lexicon, quotes.speaker), self.title_words)
                     if p.sent_start not in headings]
        leaders = {}
        for p in positions:
            if p.roles["organization"]:
                leaders.setdefault(p.roles["holder"][0].actor, p.roles["organization"][0].actor)
        reader = Reader(linked, self.lexicon, quotes.speaker, leaders)
        self.senses.use(linked)
        frames: list[Frame] = []
        # statements first: who speaks each quotation decides whose "our offer" the other frames read
        statements = [f for f in self._read_all(doc, "Statement", by_frame, reader, spans, quotes)]
        statements += self._attributions(doc, by_frame.get("according", []), reader, quotes)
        # who speaks each sentence: a verb's subject before a message noun's owner
        speakers: dict[int, str] = {}
        for f in sorted(statements, key=lambda f: (doc[f.trigger].pos_ != "VERB", f.trigger)):
            if f.roles.get("statedBy") and not f.hedge:
                speakers.setdefault(doc[f.trigger].sent.start, f.roles["statedBy"][0].actor)
        quotes.learn(speakers)
        frames += statements
        for name in self.lexicon.frames:
            if name != "Statement":
                frames += self._read_all(doc, name, by_frame, reader, spans, quotes)
        # a headline restates the story it tops: its events are told again, with their roles, in the body
        frames = [f for f in frames if f.sent_start not in headings]
        frames += positions
        frames.sort(key=lambda f: (f.trigger, f.name))
        doc._.frames = frames
        doc._.quotes = quotes
        return doc

    # -- reading ------------------------------------------------------------------------------------------------
    def _read_all(self, doc, name, by_frame, reader, spans, quotes) -> list[Frame]:
        spec = self.lexicon.frames[name]
        hits = sorted(by_frame.get(name, []), key=lambda h: (-(len(h[0])), h[0].start))
        taken: set[int] = set()
        # a word that heads a longer trigger of the frame is that trigger's, whatever it reads: "asked the guild FOR
        # patience" is no "asked the studios to pay more"
        longer = {self._head(span, trig).i for span, trig in hits if trig is not None and len(trig.words) > 1}
        out = []
        for span, trig in hits:
            if any(i in taken for i in range(span.start, span.end)):
                continue
            if trig is not None and len(trig.words) == 1 and span.start in longer:
                continue
            frame = self.read(doc, spec, span, trig, reader, spans, quotes)
            if frame is not None:
                taken.update(range(span.start, span.end))
                out.append(frame)
        if spec.reply_nouns:  # "The alliance's ANSWER: its counteroffer on May 27 included ...": the proposal told
            told = {f.sent_start for f in out if not frame_scope.reply_noun(doc[f.trigger], spec)}
            out = [f for f in out if not (frame_scope.reply_noun(doc[f.trigger], spec) and f.sent_start in told)]
        return out

    def _head(self, span: Span, trig: Trigger) -> Token:
        if len(span) == 1:
            return span[0]
        return span[-1] if trig.pos == "NOUN" else span[0]

    def read(self, doc, spec: FrameSpec, span: Span, trig: Trigger, reader: Reader, spans, quotes) -> Frame | None:
        tok = self._head(span, trig)
        gov = syntax.governor(tok, spec)
        participle = syntax.verbal_nouns_support(tok, spec) if tok.pos_ in ("NOUN", "PROPN") else None
        outer = gov
        if participle is not None:
            # "the lawsuit that it filed against CAA", "the complaint filed Tuesday": the relative clause tells
            # the event, whatever the sentence around it does with the noun
            gov = Governor(participle, "object", spec.support_class(participle.lemma_, participle.text))
        # (a side's plan, told of with figures, is its proposal: "under THE UNION'S plan, rates would rise 6%")
        anaphor = (spec.name in ("Agreement", "Proposal") and trig.head in spec.needs_support and gov.support is None
                   and participle is None and frame_scope.definite_with_figures(tok, owned=spec.name == "Proposal"))
        if self.senses.excluded(spec, trig, tok, gov, anaphor) or \
                frame_scope.reply_noun(tok, spec) and gov.verb is None:
            return None  # (and a reply in a label: "The alliance's answer: ...")
        if spec.name == "Statement" and not self._says(tok, gov, quotes):
            return None
        hedge = hedges.hedge(tok, gov, spec, self.lexicon)
        if gov.support == "refusal":  # "refused to cross the picket line" supports, "crossed it" does not
            if not hedges.refused(gov.verb, self.lexicon):
                return None
            hedge = None
        if hedge is None and spec.cls[0].isupper() and spec.name != "Statement" and hedges.generic(tok, gov):
            hedge = hedges.GENERIC
        roles = {r.name: reader.role(r, tok, gov, spec) for r in spec.roles}
        if trig.head in spec.inverse and len(roles) == 2:  # "the coalition is MADE UP of A and B"
            first, second = roles
            roles = {first: roles[second], second: roles[first]}
        if spec.name == "Statement" and not roles.get("statedBy"):
            roles["statedBy"] = self._message_speaker(tok, reader, spec)
        status = None
        if spec.name == "Agreement":
            status, hedge = self._status(spec, tok, gov, hedge)
        verb = gov.verb if gov.verb is not None else None
        clause_root = verb if verb is not None else tok
        # a date belongs to the trigger's own clause: the verb that carries it, not a verb it merely modifies
        predicates = spec.predicates | (self.lexicon.say_verbs if spec.name == "Statement" else frozenset())
        date_verb = verb if gov.relation == "self" or gov.support or (
            gov.relation == "subject" and verb.lemma_.lower() in predicates | spec.content_verbs) or \
            passed_vote(spec, gov) or (
            verb is not None and tok.dep_ in ("nsubj", "nsubjpass") and tok.head.i == verb.i
            and verb.lemma_.lower() in temporal.PLANNING) \
            else None  # ("talks are EXPECTED to resume May 20": the plan's day)
        if date_verb is None and spec.host_preps:
            date_verb = syntax.host_clause(tok, spec.host_preps, spec.host_modifiers, spec.host_plain_preps)
        scope = clauses.own_clause(frame_scope.framing_clause(clause_root), tok, self.lemma_index, spec.name)
        if participle is not None and spec.name in ("Proposal", "Agreement"):
            scope |= syntax.held_by_subject(tok, participle)
        subjects = {t.i for v in ([tok] if gov.relation == "self" else [verb] if verb is not None else [])
                    for s in syntax.logical_subjects(v) if s.i != tok.i for t in s.subtree
                    if not syntax.misparsed_main_verb(v) or t.i < v.i}
        # what a proposal is about: its clause without the subject ("on staffing, the WGA held its position")
        subjects -= {t.i for t in tok.subtree}  # (a subject the parse hangs the trigger on keeps the trigger's phrase)
        object_scope = frozenset(i for i in scope if i not in subjects) - frame_scope.contrasted(doc, scope) \
            - frame_scope.aside(doc, scope, tok) - frame_scope.absent(doc, scope)
        if frame_scope.reply_noun(tok, spec):
            # what is answered is not what the answer gives: "its response TO THE UNION'S 7% DEMAND"
            answered = {t.i for c in tok.children if c.dep_ == "prep" and c.lower_ == "to" for t in c.subtree}
            scope, object_scope = scope - answered, object_scope - answered
        if tok.lemma_.lower() in spec.readiness_adjectives:
            object_scope = frame_scope.given(tok, spec)
        if tok.lemma_.lower() in spec.until_verbs and len(trig.words) == 1:  # what "until" asks for is the demand
            until = syntax.until_clause(tok)
            if until is None:  # ("the FIGHT over AI", a noun)
                return None
            object_scope = frozenset(t.i for t in until.subtree)
            hedge = None  # ("we will NOT stop until ..." is the demand)
        sent = tok.sent
        if spec.name == "Proposal" or anaphor:
            # "SAG-AFTRA asked the AMPTP for:" and its bullets, or the list after the colon in the same sentence
            listed = bulleted_after_colon(doc, sent, scope) | listed_after_colon(sent, scope) \
                | frame_scope.cleft_predicate(clause_root)
            refused = syntax.conjoined_refusals(verb, tok, spec.refusals) if verb is not None else frozenset()
            scope, object_scope = scope | listed, (object_scope | listed) - refused
        reporter = self._reporter(clause_root)
        # (not a copula's predicate: "'This is a deal we can live with,' he told analysts Thursday" judges a deal)
        reported = temporal.attached(doc, reporter, reporter, spans, frozenset(), frozenset()) \
            if reporter is not None and spec.name != "Statement" and not (
                tok.dep_ == "attr" and verb is not None and verb.lemma_ == "be") else []
        stage = None
        if spec.name == "Agreement" and participle is not None and outer.verb is not None and outer.support \
                and outer.verb.i != participle.i:
            later, _ = self._status(spec, tok, outer, None)
            if later in ("approved", "ratified"):
                told_by = self._reporter(outer.verb)
                stage = (later, temporal.attached(doc, outer.verb, outer.verb, spans, frozenset(), frozenset()),
                         outer.verb.i, temporal.attached(doc, told_by, told_by, spans, frozenset(), frozenset())
                         if told_by is not None else [])
        return Frame(spec.name, spec.cls, tok.i, span.text, sent.start_char, sent.end_char, roles, hedge,
                     temporal.attached(doc, tok, date_verb, spans, spec.begin, spec.end,
                                       frozenset().union(*spec.support.values()) | spec.predicates,
                                       spec.opening_verbs),
                     temporal.day_counts(doc, tok, spans) if spec.name == "Strike" else [],
                     status, None, scope, object_scope, verb.i if verb is not None else -1,
                     temporal.future(clause_root), reported, anaphor, stage,
                     spec.name != "Statement" and temporal.present_simple(clause_root, self.sourcing)
                     and clause_root.lemma_.lower() not in self.sourcing)

    def _reporter(self, verb: Token) -> Token | None:
        """The verb of saying whose complement this clause is: "the DGA SAID Thursday it had struck a deal"; or the
        tag after it that the parse joins to it ("members have ratified the contract, the AFM SAID Tuesday"); or the
        verb that tells the message it is told "according to" ("according to an announcement the guild MADE
        Wednesday")."""
        if verb.dep_ == "ROOT" or verb.dep_ == "conj" and verb.head.dep_ == "ROOT":
            # (the tag after clauses joined by "and" hangs on the last: "members of A voted for a contract, and B
            # approved its own, the guild ANNOUNCED Tuesday")
            root = verb if verb.dep_ == "ROOT" else verb.head
            clauses = [root, *(c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX")
                               and c.lemma_.lower() not in self.lexicon.say_verbs)]
            tag = next((c for v in clauses for c in v.children if (c.dep_ in ("conj", "parataxis", "advcl") or (
                        c.dep_ == "ccomp" and c.left_edge.i > 0 and c.doc[c.left_edge.i - 1].text == ","))
                        and c.i > verb.i and c not in clauses
                        and c.lemma_.lower() in self.lexicon.say_verbs
                        and not any(o.dep_ in ("ccomp", "dobj", "xcomp") for o in c.children)), None)
            if tag is not None:
                return tag
        message = next((o for c in verb.children if c.dep_ == "prep" and c.lower_ == "according" for p in c.children
                        if p.lower_ == "to" for o in p.children if o.dep_ == "pobj"
                        and o.lemma_.lower() in self.lexicon.speech["nouns"]), None)
        if message is not None and (told := next((c for c in message.children if c.dep_ in ("relcl", "acl")), None)):
            return told
        return syntax.reporting_verb(verb, self.lexicon.say_verbs)

    def _says(self, tok: Token, gov: Governor, quotes: speech.Quotes) -> bool:
        """A verb of saying outside a quotation, or a message noun that some verb or preposition carries."""
        lex = self.lexicon
        if quotes.inside(tok.idx):
            return False
        if tok.pos_ in ("VERB", "AUX"):
            lemma = tok.lemma_.lower()
            if tok.pos_ in lex.speech.get("not_when", {}).get(lemma, ()):
                return False
            if any(c.dep_ == "dobj" and c.lemma_.lower() in lex.speech.get("not_with_objects", {}).get(lemma, ())
                   and (c.tag_ == "WP" or not syntax.names_as(tok)) for c in tok.children):
                return False
            if lemma in lex.speech.get("needs_complement", ()) and not any(
                    c.dep_ in ("ccomp", "xcomp", "oprd") for c in tok.children) and not any(
                    a < tok.sent.end_char and tok.sent.start_char < b for a, b in quotes.spans) \
                    and not speech.told_after_colon(tok):
                return False
            if lemma in lex.speech.get("requests", ()) and (any(c.dep_ == "dobj" for c in tok.children) and any(
                    c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in tok.children)
                    or any(c.dep_ == "prep" and c.lower_ == "for" or c.dep_ == "ccomp" and mandative(c)
                           for c in tok.children)):
                return False  # (and "ASKED FOR 20 per cent", "asked that artists BE PAID scale": a demand)
            if tok.dep_ == "xcomp" and any(c.dep_ == "dobj" for c in tok.head.children):
                return False  # "asked the board TO DECLARE the strike unlawful": what another is asked to say
            if lemma in lex.speech.get("reporting_media", ()):
                return False
            if tok.dep_ == "advcl" and tok.tag_ == "VBG" and _files_an_action(tok.head, lex):
                return False  # "filed a demand for arbitration CLAIMING the studio broke ...": the filing argues
            return tok.dep_ not in ("amod", "compound", "pobj")
        return not speech.period_noun(tok, lex.speech)

    def _message_speaker(self, tok: Token, reader: Reader, spec: FrameSpec) -> list[Filler]:
        """"the memo reads": a message with no sender in its own phrase speaks for the last one who spoke; "the
        joint statement said": for the two sides of the table."""
        if tok.pos_ not in ("NOUN", "PROPN") or not speech.message_subject_of(
                tok, set(self.lexicon.speech["message_verbs"])):
            return []
        if any(c.dep_ == "amod" and c.lower_ in self.lexicon.speech.get("both_sides", ()) for c in tok.children):
            return [Filler(k, tok.i, "subject", "pair") for k in reader.pair()]
        return []  # filled at assembly, where earlier statements are known (statements.py)

    def _attributions(self, doc, hits, reader: Reader, quotes) -> list[Frame]:
        """"according to the union", "per the AMPTP": the source states what the sentence says."""
        spec = self.lexicon.frames["Statement"]
        types = spec.role("statedBy").types
        out = []
        for span, _ in hits:
            tok = span[0]
            if quotes.inside(tok.idx):
                continue
            fillers = [f for o in speech.attribution_object(tok) for f in reader.phrase(o, types, "prep:according to")
                       if "," not in {t.text for t in doc[tok.i:f.token]}]  # ("according to the local, Pinebrook")
            if not fillers:
                continue
            sent = tok.sent
            out.append(Frame("Statement", spec.cls, tok.i, span.text, sent.start_char, sent.end_char,
                             {"statedBy": fillers}, None, [], [], None, None,
                             frozenset(t.i for t in sent), frozenset(), tok.head.i if tok.head.i != tok.i else -1))
        return out

    def _status(self, spec: FrameSpec, tok: Token, gov: Governor, hedge: str | None) -> tuple[str | None, str | None]:
        """The agreement's stage: from the noun's own modifiers ("tentative"), or from the verb that makes it
        ("ratified", "signed off on"). A hedged clause about a deal the noun calls tentative still tells of that
        tentative deal ("will vote on ratifying the tentative contract")."""
        # (and of a modifier before it: "a TENTATIVE three-year TV/Theatrical agreement", the parse hanging the
        # adjective on the name of the contract)
        mods = [c for c in tok.children if c.dep_ in ("amod", "advmod", "compound")] + [
            g for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i
            for g in c.children if g.dep_ == "amod" and g.i < c.i]
        words_mod = {c.lower_ for c in mods} | {c.lemma_.lower() for c in mods if c.dep_ in ("amod", "advmod")}
        verbs = [tok] if gov.relation == "self" else ([gov.verb] if gov.verb is not None else [])
        if gov.relation in ("subject",):
            verbs = [gov.verb]
        words_verb: set[str] = set()
        node = verbs[0] if verbs else None
        for _ in range(3):
            if node is None:
                break
            words_verb.add(node.lemma_.lower())
            words_verb |= {c.lower_ for c in node.children if c.dep_ in ("advmod", "acomp", "oprd")}
            # "reached IN TENTATIVE FORM", "approved IN PRINCIPLE": phrases the status lists name
            words_verb |= {" ".join(t.lower_ for t in c.subtree) for c in node.children
                           if c.dep_ == "prep" and c.lower_ == "in"}
            words_verb |= {f"{node.lemma_.lower()} {c.lower_}" for c in node.children if c.dep_ == "prt"
                           or c.dep_ == "prep" and c.lower_ == "for"}  # ("voted FOR the contract")
            node = node.head if node.dep_ in ("xcomp", "conj") and node.head.i != node.i else None
        for c in tok.children:
            if c.dep_ == "relcl":  # "the pact that was ratified April 3"
                words_verb.add(c.lemma_.lower())
        by_mod = next((s for s, ws in spec.status.items() if words_mod & set(ws)), None)
        by_verb = next((s for s in ("ratified", "approved", "tentative") if words_verb & set(spec.status.get(s, ()))),
                       None) or ("ratified" if passed_vote(spec, gov) else None)
        # members who approve a contract ratify it ("85.9% OF voting MEMBERS approved", a share of the vote: "while
        # 87.2% approved"); a board approves it
        doers = [t for s in syntax.logical_subjects(verbs[0]) for t in [s, *syntax.of_objects(s)]] if verbs else []
        doers += [s for c in tok.children if c.dep_ == "relcl" for s in c.children if s.dep_ == "nsubj"]
        if by_verb == "approved" and any(t.lemma_.lower() in ("member", "membership", "rank", "%", "percent", "writer",
                                                              "screenwriter", "actor", "performer") for t in doers):
            by_verb = "ratified"
        if hedge:
            # "will vote on ratifying THE tentative contract": the noun tells of a deal that exists
            told = any(c.dep_ in ("det", "poss") and (c.dep_ == "poss" or c.lower_ in ("the", "this", "that", "its",
                                                                                        "their"))
                       for c in tok.children)
            return (by_mod, None) if told and by_mod in ("tentative", "ratified", "approved") \
                and hedge != hedges.NEGATED else (None, hedge)
        return by_verb or by_mod, None


@Language.factory("guildgraph_frames")
def make_frame_finder(nlp: Language, name: str) -> FrameFinder:
    return FrameFinder(nlp, load_lexicon())


def _files_an_action(verb: Token, lexicon: Lexicon) -> bool:
    """Whether a verb takes a legal action as its object ("FILED a suit", "filed A DEMAND for arbitration"): what a
    participle on it argues is the filing's content, no statement (dev SOURCES: paraphrased arguments)."""
    actions = {t.head for t in lexicon.frames["LegalAction"].triggers}
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if obj.lemma_.lower() in actions or any(
                p.lower_ == "for" and any(o.lemma_.lower() in actions for o in p.children) for p in obj.children):
            return True
    return False
