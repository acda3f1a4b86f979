"""Coreference: definite descriptions ("the union", "the studios' alliance"), pronouns and trade nouns ("the
writers") to the actor they stand for, the most recent compatible one."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .credits import in_byline
from .doc import doc_text, heading_spans
from .index import inside_any, sentences
from .lexicon import load_lexicon
from .mention_types import ActorInfo, Linked, Mention
from .speech import quote_spans

if TYPE_CHECKING:
    from .mentions import ActorLinker

EMPLOYER_SIDE = "EmployerAssociation"


def descriptions(doc: Doc, named: list["Mention"], actors: dict[str, "ActorInfo"],
                 linker: "ActorLinker") -> list["Mention"]:
    """Description mentions of `doc`, each resolved to an actor of `named` (text order), or left out."""
    lex = linker.lexicon.actors
    heads: dict[str, list[str]] = lex["descriptions"]
    needs_modifier = set(lex.get("needs_modifier", []))
    collective = lex.get("collective_heads", {})
    named_heads = lex.get("named_heads", {})
    preferring_heads = lex.get("preferring_heads", {})
    preferring_bare = lex.get("preferring_bare_heads", {})
    bound_heads = set(lex.get("bound_by_apposition", []))
    placing = set(lex.get("placing_nouns", []))
    title_heads = linker.lexicon.title_heads
    taken = bytearray(len(doc) + 1)
    for m in named:
        taken[m.tok_start:m.tok_end] = b"\x01" * (m.tok_end - m.tok_start)
    spans = [(s, e, "employers") for _, s, e in linker.sides(doc)]
    spans += [(s, e, doc[e - 1].lower_) for _, s, e in linker.descriptions(doc)]
    # longest first, then leftmost: "the studios' alliance" over "the studios"
    spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
    chosen: list[tuple[int, int, str]] = []
    for s, e, head in spans:
        if any(taken[s:e]):
            continue
        last = doc[e - 1]
        if last.dep_ in ("compound", "nmod") and last.head.i >= e and head != "employers" or last.dep_ == "amod" \
                and not (last.head.pos_ == "VERB" and last.head.i == last.i + 1):
            # "the studio offer", "the union contract", "the local crews": a modifier, not a name (though "the local
            # said", where the tagger takes the noun for the verb's adjective, is a name)
            continue
        if head in needs_modifier and (e - s < 3 and doc[s].lower_ == "the" or doc[s].tag_ == "PRP$"):
            continue  # ("ITS board voted": the body's own board, not the labour board)
        chosen.append((s, e, head))
        taken[s:e] = b"\x01" * (e - s)
    chosen.sort()
    bound: dict[str, str] = {}
    out = []
    text = doc_text(doc)
    trades = linker.lexicon.trades
    quotes = quote_spans(text)
    quote_starts = [a for a, _ in quotes]
    headings = heading_spans(text)
    counted = _Counted(named, actors)
    named_at = _Candidates(named, lambda m: True)
    # the named mentions a description of a head may stand for, by (head, outside quotations, type): lists in text
    # order, each with the ends and token starts of its mentions for bisection
    candidates: dict[tuple, _Candidates] = {}

    def fits_head(head: str, types: set[str]):
        words = collective.get(head)
        ends = tuple(named_heads.get(head, ()))

        def fits(m: "Mention") -> bool:
            info = actors[m.actor]
            if info.type not in types or ends and not (info.label or "").endswith(ends):
                return False
            return not (words and info.type == "Guild" and not any(w in info.label for w in words))
        return fits

    def listed(head: str, types: set[str], outside: bool | None, type_: str | None = None) -> "_Candidates":
        key = (head, outside, type_)
        found = candidates.get(key)
        if found is None:
            fits = fits_head(head, types)
            found = candidates[key] = _Candidates(named, lambda m: fits(m) and not (
                outside and _inside(quote_starts, quotes, m.start))
                and (type_ is None or actors[m.actor].type == type_))
        return found

    for s, e, head in chosen:
        span = doc[s:e]
        types = {EMPLOYER_SIDE} if head == "employers" else set(heads.get(head, []))
        if head in ("studios", "companies", "employers", "producers", "streamers"):
            types = {EMPLOYER_SIDE}  # "the studios" with no association behind it is no actor
        outside = not _inside(quote_starts, quotes, span.start_char)
        # the compatible names before it: only the last ones and those of its sentence and the three before count
        floor = _sentence_floor(doc, s)
        before_all = listed(head, types, outside)
        before = before_all.tail(span.start_char, floor)
        trade = next((t.lemma_.lower() for t in span[1:-1] if t.lemma_.lower() in trades), None)
        if trade and "Guild" in types:
            # "the actors' union": the guild of that trade, not the last guild named
            key = trade_guild(trade, counted, trades)
            if key is not None:
                out.append(Mention(span.start_char, span.end_char, span.text, key, "description", s, e))
                continue
        for t in ([] if head == "employers" else heads.get(head, [])):
            first_choice = listed(head, types, outside, t).tail(span.start_char, floor)
            if first_choice:  # "the alliance": an employers' alliance before a union named an alliance
                before = first_choice
                break
        actor = bound.get(head)
        if actor is None and before and _heading_between(headings, before[-1].end, span.start_char):
            # a section heading ("WHAT THE UNION WANTS") ends the passage the last names were in: the description
            # opens a new one, about the article's main actor of that kind
            # (counting the descriptions that stood for it so far: "the guild" told more often than its name)
            actor = _most_named(before_all.tail(span.start_char, 0, len(named)), counted, out).actor
            before = [m for m in before if m.actor == actor]
        if before and head not in bound:
            topic = preferred(doc, before, s, singular=span[-1].tag_ == "NN") or next(
                (m for m in reversed(before[-3:]) if not _named_in_passing(doc, m, named_at, placing)
                 and not _in_participle(doc, m)  # ("a package that tracks the pattern set BY THE DGA")
                 and not (_in_relative_clause(doc, m) and is_subject(doc, m))  # ("the rate THE DGA won")
                 and not _in_clause_about_another(doc, m, named_at)
                 and not (_of_a_title(doc, m, title_heads) and _whole_named(m, before[-3:], linker))
                 and not (span[-1].tag_ == "NN" and _listed_with_another(doc, m, before))), None) or (
                # the last ones all in a list ("members of SAG-AFTRA, the WGA, IATSE and the Teamsters marched"): a
                # singular description names the article's main actor of the list's kind
                _most_named([m for m in before_all.tail(span.start_char, 0, len(named))
                             if actors[m.actor].type == actors[before[-1].actor].type], counted)
                if span[-1].tag_ == "NN" else before[-1])
            actor = topic.actor
            words = preferring_heads.get(head, ()) or (preferring_bare.get(head, ()) if e - s == 2 else ())
            if words and not any(w in (actors[actor].label or "") for w in words):
                # "the guild's proposal" after Teamsters Local 399: the guild named a guild (not one named only for
                # a title, "WGA West president X", while the article names another)
                def called(ms):
                    return [m for m in ms if any(w in (actors[m.actor].label or "") for w in words)]
                near = called(before)
                titled = [m for m in near if _of_a_title(doc, m, title_heads)]
                near = [m for m in near if m not in titled]
                if near:
                    actor = near[-1].actor
                else:  # (or further back: "the guild" after "Local 839 of the International Alliance ... (IATSE)")
                    anywhere = [m for m in called(before_all.tail(span.start_char, 0, len(named)))
                                if not _of_a_title(doc, m, title_heads)]
                    actor = _most_named(anywhere, counted).actor if anywhere else titled[-1].actor if titled else actor
        if actor is None:
            # a lede tells of "their union" before naming it: the first compatible name after, in the next lines
            after = listed(head, types, None).first_from(span.end_char)
            if after is None or after.start - span.end_char >= 600:
                continue
            actor = after.actor
        if head in bound_heads and head not in bound and before and \
                text[before[-1].end: span.start_char].strip() == ",":
            bound[head] = actor
        out.append(Mention(span.start_char, span.end_char, span.text, actor, "description", s, e))
    return out


def _most_named(cands: list["Mention"], counted: "_Counted", described: list["Mention"] = ()) -> "Mention":
    """The mention of the actor named most among `cands` (with `described` ones, if given; the later of equals)."""
    counts = dict(counted.counts())
    for m in described:
        counts[m.actor] = counts.get(m.actor, 0) + 1
    return max(cands, key=lambda m: (counts.get(m.actor, 0), m.start))


def _sentence_floor(doc: Doc, token: int) -> int:
    """The first token of the sentence three before the one of `token` (as far back as `preferred` looks)."""
    sents = sentences(doc)
    return sents.starts[max(0, sents.at_token(token) - 3)]


class _Candidates:
    """The mentions of a text-ordered, non-overlapping list that pass a test, found by where they end or start."""

    def __init__(self, mentions: list["Mention"], test):
        self.mentions = [m for m in mentions if test(m)]
        self.ends = [m.end for m in self.mentions]
        self.starts = [m.start for m in self.mentions]
        self.tok_starts = [m.tok_start for m in self.mentions]

    def tail(self, end_char: int, floor_token: int, last: int = 3) -> list["Mention"]:
        """Of the mentions that end by `end_char`, the last `last` ones and all those from token `floor_token` on."""
        hi = bisect_right(self.ends, end_char)
        lo = min(max(0, hi - last), bisect_left(self.tok_starts, floor_token, 0, hi))
        return self.mentions[lo:hi]

    def first_from(self, start_char: int) -> "Mention | None":
        i = bisect_left(self.starts, start_char)
        return self.mentions[i] if i < len(self.mentions) else None

    def between_tokens(self, lo: int, hi: int) -> list["Mention"]:
        return self.mentions[bisect_left(self.tok_starts, lo):bisect_left(self.tok_starts, hi)]


class _Counted:
    """The view of named mentions that trade_guild reads (mentions, actors) before the Linked exists."""

    def __init__(self, mentions, actors):
        self.mentions = mentions
        self.actors = actors
        self._counts: dict[str, int] | None = None

    def counts(self) -> dict[str, int]:
        if self._counts is None:
            self._counts = {}
            for m in self.mentions:
                self._counts[m.actor] = self._counts.get(m.actor, 0) + 1
        return self._counts


def _inside(starts: list[int], quotes: list[tuple[int, int]], pos: int) -> bool:
    return inside_any(starts, quotes, pos)


def is_subject(doc: Doc, m: "Mention", own_clause: bool = False) -> bool:
    """Whether a mention is the subject of its clause, coordinated with or in apposition to one, or, for a pronoun
    in the same sentence (`own_clause`), the possessor of a subject that names no actor ("THE GUILD's team is
    headed by its chair"; or the modifier of its body or trade, "THE WGA board made X its director") or of the
    title in apposition to the subject ("X, THE GUILD's negotiator, said")."""
    tok = doc[m.tok_start:m.tok_end].root
    for _ in range(3):
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return True
        if own_clause and tok.head.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "NOUN" and (
                tok.dep_ == "poss" or tok.dep_ == "compound" and _body_or_trade(tok.head.lemma_)):
            return True
        if tok.dep_ == "poss" and tok.head.dep_ == "appos" and tok.head.head.dep_ in ("nsubj", "nsubjpass") \
                and own_clause:
            return True  # "X, SAG-AFTRA's chief negotiator, said the union ...": the speaker's body
        if tok.dep_ in ("conj", "appos") and tok.head.i != tok.i:
            tok = tok.head
            continue
        return False
    return False


def _body_or_trade(lemma: str) -> bool:
    lexicon = load_lexicon()
    return lemma in lexicon.body_nouns or lemma in lexicon.trades


def _heading_between(headings: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(start <= a and b <= end for a, b in headings)


def preferred(doc: Doc, cands: list["Mention"], before_token: int, singular: bool = False) -> "Mention | None":
    """The antecedent news prefers: the most recent subject among the candidates of the nearest sentence that has
    any, this one or up to three before ("SAG-AFTRA congratulated the WGA. '...,' the union said": SAG-AFTRA; a
    quotation between them, whose names are no candidates, does not count), else None. `cands` are in text
    order. For a `singular` description, coordinated subjects are none ("The WGA West and the WGA East ...")."""
    sents = sentences(doc)
    tok_starts = [m.tok_start for m in cands]
    last = sents.at_token(before_token)
    kind = _GENDERED.get(doc[before_token].lower_) if before_token < len(doc) else None
    for k in range(last, max(-1, last - 4), -1):
        sent = sents[k]
        hi = min(sent.end, before_token)
        if k < last and kind and any(_GENDERED.get(c.lower_) == kind for c in sent.root.children if c.dep_ == "nsubj"):
            continue  # "HE led bargaining in 2070, when he and Corradetti brought it home. ... HE said": the same he
        recent = [m for m in cands[bisect_left(tok_starts, sent.start):bisect_left(tok_starts, sent.end)]
                  if m.tok_end <= hi]
        subjects = [m for m in recent if is_subject(doc, m, own_clause=k == last)]
        # a subject in a relative clause is named in passing ("PARAMOUNT, one of the studios the AMPTP bargains for")
        subjects = [m for m in subjects if not _in_relative_clause(doc, m)] or subjects
        if subjects and singular and all(_listed_with_another(doc, m, recent) for m in subjects):
            return None
        if subjects:
            # in a sentence before, the one who says is its topic, not the subject of what is said ("The
            # Teamsters say Apple retaliated. On Monday they filed a charge": the Teamsters)
            speakers = [m for m in subjects if k < last and not _in_content_clause(doc, m)]
            return (speakers or subjects)[-1]
    return None


_GENDERED = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}


def _in_relative_clause(doc: Doc, m: "Mention") -> bool:
    """Whether a mention sits in a relative clause or a participle's phrase on a noun."""
    return any(a.dep_ in ("relcl", "acl") for a in doc[m.tok_start:m.tok_end].root.ancestors)


def _in_participle(doc: Doc, m: "Mention") -> bool:
    """Whether a mention is named in a past participle's phrase on a noun ("the pattern SET BY the DGA"): in passing."""
    return any(a.dep_ == "acl" and a.tag_ == "VBN" for a in doc[m.tok_start:m.tok_end].root.ancestors)


def _of_a_title(doc: Doc, m: "Mention", title_heads: frozenset[str]) -> bool:
    """Whether a mention only names where a person's title is held ("WGA West PRESIDENT Odile Farquharson told a
    crowd"): a body named by the way, not the one the story follows. Read by the words: a title right after the
    name, a person's name right after the title."""
    k = m.tok_end
    while k < len(doc) and k - m.tok_end < 3 and doc[k].lower_ not in title_heads and doc[k].is_lower:
        k += 1  # ("WGA West interim president")
    if k >= len(doc) or doc[k].lower_ not in title_heads:
        return False
    return any(t.ent_type_ == "PERSON" for t in doc[k + 1:k + 4])


def _whole_named(m: "Mention", cands: list["Mention"], linker: "ActorLinker") -> bool:
    """Whether the union `m` is part of ("WGA West" of the WGA) is among the candidates: a branch named only for a
    title ("WGA West president X") does not take "the guild" from the guild itself."""
    info = linker.reference.actors.get(m.actor)
    wholes = set(info.part_of) if info is not None else set()
    return any(x.actor in wholes for x in cands)


def _in_clause_about_another(doc: Doc, m: "Mention", mentions: "_Candidates") -> bool:
    """Whether a mention is named in a relative clause on a phrase that names another actor ("members of IATSE,
    whose crews work alongside LOCAL 399 drivers"): in passing. (Not in one on a phrase that names none: "the offer
    the AMPTP has made to THE WGA".)"""
    clause = next((a for a in doc[m.tok_start:m.tok_end].root.ancestors if a.dep_ == "relcl"), None)
    if clause is None:
        return False
    head = clause.head
    return any(x.actor != m.actor for x in mentions.between_tokens(head.left_edge.i, clause.left_edge.i))


def _in_content_clause(doc: Doc, m: "Mention") -> bool:
    """Whether a subject's verb is the complement clause of another ("say [Apple retaliated]")."""
    verb = doc[m.tok_start:m.tok_end].root.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ccomp"


def _listed_with_another(doc: Doc, m: "Mention", cands: list["Mention"]) -> bool:
    """Whether a mention is coordinated with another candidate ("members of the WGA West and the WGA East", "the
    board OF the WGA West and the council OF the WGA East"): a singular description after them ("the guild") names
    neither one."""
    root = doc[m.tok_start:m.tok_end].root
    while root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ == "NOUN":
        root = root.head.head  # (the body the union's organ is of)
    others = {t.i for c in root.conjuncts for t in c.subtree}
    return any(c.actor != m.actor and doc[c.tok_start:c.tok_end].root.i in others for c in cands)


def _named_in_passing(doc: Doc, inner: "Mention", mentions: "_Candidates", placing: set[str]) -> bool:
    """Whether a mention sits inside the phrase of an earlier mention of another actor in its sentence: a relative
    clause or apposition about that actor ("the guild, which is Local 839 of the IATSE"), or after one of the
    `placing` nouns ("the Louisiana LOCAL OF the IATSE")."""
    tok = doc[inner.tok_start:inner.tok_end].root
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in placing:
        return True
    ancestors = {t.i for t in tok.ancestors}
    sent_start = tok.sent.start
    for outer in mentions.between_tokens(sent_start, inner.tok_start):
        if outer.actor != inner.actor and outer.tok_end <= inner.tok_start:
            if doc[outer.tok_start:outer.tok_end].root.i in ancestors:
                return True
    return False


def _of_an_apposition(doc: Doc, m: "Mention") -> bool:
    """Whether a mention only describes what an apposition is about ("IATSE Local 478, the Louisiana local OF THE
    IATSE. They walked off ...": the local; the parse may hang the apposition on another noun of the clause)."""
    tok = doc[m.tok_start:m.tok_end].root
    noun = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    return noun is not None and "appos" in (noun.dep_, noun.head.dep_)  # ("the New Mexico local": under "Mexico")


def pronoun(token: Token, linked: "Linked", types: set[str], pronouns: dict, exclude: str | None = None,
            quotes: list[tuple[int, int]] | None = None, documents=()) -> list["Mention"]:
    """The actor(s) a third-person pronoun stands for: the most recent compatible mention before it, in its
    sentence or the two before; "they" after "A and B" is both. A subject "it" after a sentence whose subject is
    one of `documents` ("A study commissioned by TAG ... found X. IT said ...") is that document: no actor."""
    allowed = set(pronouns.get(token.lower_, ())) & types if types else set(pronouns.get(token.lower_, ()))
    if not allowed or documents and _document_before(token, linked, documents):
        return []
    ahead = _cataphor(token, linked)
    if ahead is not None and linked.type_of(ahead.actor) in allowed and ahead.actor != exclude:
        return [ahead]
    sents = sentences(token.doc)
    floor = sents.starts[sents.at_token(token.i) - 2] if sents.at_token(token.i) >= 2 else 0
    starts = (linked.quote_starts() if quotes is linked.quotes else [a for a, _ in quotes]) if quotes else []
    outside = quotes is not None and not inside_any(starts, quotes, token.idx)
    if (before := _same_subject_before(token, sents)) is not None and not (starts and inside_any(
            starts, quotes, token.idx) != inside_any(starts, quotes, before.idx)):
        return pronoun(before, linked, types, pronouns, exclude, quotes, documents)
    text = doc_text(token.doc)
    cands = [m for m in linked.between_tokens(floor, token.i) if m.tok_end <= token.i
             and linked.type_of(m.actor) in allowed and m.actor != exclude
             and not (outside and inside_any(starts, quotes, m.start)) and not in_byline(text, m.start)]
    if not cands:
        return []
    best = preferred(token.doc, cands, token.i) or next(
        (m for m in reversed(cands) if not _of_an_apposition(token.doc, m)), cands[-1])
    out = [best]
    if token.lower_ in ("they", "their", "them"):
        root = token.doc[best.tok_start:best.tok_end].root
        for conj in list(root.conjuncts):
            m = linked.at_token(conj.i)
            if m is not None and linked.type_of(m.actor) in allowed and m not in out:
                out.append(m)
    return out


def _same_subject_before(token: Token, sents) -> Token | None:
    """The same subject pronoun as the subject of the sentence before, which names no other subject: a topic kept
    ("It wanted 7%. It sought the rules the DGA won. On AI, IT proposed a ban": the one the first "it" is)."""
    k = sents.at_token(token.i)
    if token.dep_ not in ("nsubj", "nsubjpass") or token.lower_ not in ("it", "they") or k < 1:
        return None
    root = sents[k - 1].root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    return subjects[0] if len(subjects) == 1 and subjects[0].lower_ == token.lower_ and root.lemma_ not in (
        "be", "seem", "appear") else None


def _cataphor(token: Token, linked: "Linked") -> "Mention | None":
    """The subject a possessive in a fronted phrase looks ahead to: "In ITS latest offer, THE ALLIANCE proposed",
    "Under THEIR deal, THE WRITERS get": the phrase hangs on the verb before its subject."""
    if token.dep_ != "poss" or token.lower_ not in ("its", "their"):
        return None
    prep = token.head.head
    verb = prep.head
    if token.head.dep_ != "pobj" or prep.dep_ != "prep" or verb.pos_ not in ("VERB", "AUX"):
        return None
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("ccomp", "advcl", "acl") and verb.i < verb.head.i:
        subject = next((c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)  # a misparse
    if subject is None or not prep.i < subject.i:
        return None
    return linked.at_token(subject.i)


def trade_guild(word: str, linked: "Linked", trades: dict[str, tuple[str, ...]]) -> str | None:
    """The article's guild of a trade named by a common noun: "the writers" the WGA, "the crews" the IATSE."""
    cues = trades.get(word.lower())
    if not cues:
        return None
    counts = linked.counts()
    for key in sorted(counts, key=lambda k: (-counts[k], k)):
        info = linked.actors[key]
        if info.type == "Guild" and any(c.lower() in info.label.lower() or any(c.lower() in a.lower()
                                                                              for a in info.aliases)
                                        for c in cues):
            return key
    return None


def trade_of_noun(tok: Token, linked: "Linked", trades: dict[str, tuple[str, ...]]) -> str | None:
    """The guild of a plural or definite trade noun ("the writers", "striking crews"), as `trade_guild` finds it."""
    if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ not in ("NNS", "NNPS") and not any(
            c.lower_ in ("the", "its", "their") for c in tok.children):
        return None
    word = tok.lemma_.lower()
    if word not in trades and tok.lower_.endswith("s"):
        word = tok.lower_[:-1]  # a proper-noun plural keeps its form as lemma ("Writers' Strike")
    compound = next((c for c in tok.children if c.dep_ == "compound"), None)
    if compound is not None and f"{compound.lemma_.lower()} {word}" in trades:
        word = f"{compound.lemma_.lower()} {word}"
    return trade_guild(word, linked, trades)


def _document_before(token: Token, linked: "Linked", documents) -> bool:
    """"It" opening its sentence as subject, after one whose subject is a document noun naming no actor ("a study")."""
    if token.lower_ != "it" or token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    sents = sentences(token.doc)
    k = sents.at_token(token.i)
    if k < 1 or any(t.pos_ in ("NOUN", "PROPN") for t in token.doc[sents[k].start:token.i]):
        return False
    before = [t for t in sents[k - 1].root.children if t.dep_ in ("nsubj", "nsubjpass")]
    return any(s.lemma_.lower() in documents and linked.at_token(s.i) is None for s in before)
