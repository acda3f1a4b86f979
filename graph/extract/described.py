"""Described names: a name nothing else types, typed by the description the text sets beside it ("the streamer
Parallax", "Lakeshore Audio Works, a Chicago production company")."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..ingest import slugify
from .index import Intervals

_NOT_NAMES = ("DATE", "TIME", "GPE", "LOC", "NORP", "CARDINAL", "ORDINAL", "MONEY", "PERCENT")


class Described:
    """The descriptions of actors.yaml `described_as`, by their lower-case words, and what they add to mentions."""

    def __init__(self, lexicon_entry: dict, employer_at: list[str], employer_with: list[str]):
        self.types = {tuple(d.lower().split()): type_ for type_, words in sorted(lexicon_entry.items())
                      for d in words}
        self.longest = max(len(words) for words in self.types)
        self.employer_at = frozenset(employer_at)
        self.employer_with = frozenset(employer_with)

    def __call__(self, b, plausible_person, in_heading: Intervals) -> dict[str, str]:
        """Names typed by a description just before them or in apposition after them, employers named after "at",
        and people a relative "who" describes; returns the surnames of those people -> their keys."""
        doc: Doc = b.doc
        surnames = self._descriptions(b, doc, plausible_person)
        for name in _employers_at(doc, self.employer_at):
            if name.start_char not in in_heading and b.free(name.start_char, name.end_char) \
                    and not b.linker.not_actors.search(name.text) \
                    and b.linker.org_type(name.text) is None and not any(t.ent_type_ in _NOT_NAMES for t in name):
                _add_employer(b, name)
        for ent in _employers_with(doc, self.employer_with):
            if ent.start_char not in in_heading and b.free(ent.start_char, ent.end_char) \
                    and not b.linker.not_actors.search(ent.text) and b.linker.org_type(ent.text) is None \
                    and not b.linker.organisation_word.search(ent.text):
                _add_employer(b, ent)
        for ent in doc.ents:
            ent = _whole_name(doc, ent, b.linker.title_words)
            if ent.label_ in ("ORG", "PERSON", "GPE") and _who_follows(doc, ent) \
                    and b.free(ent.start_char, ent.end_char) \
                    and plausible_person(ent.text, b.linker) and b.linker.org_type(ent.text) is None \
                    and not b.linker.organisation_word.search(ent.text):
                b.add(ent.start_char, ent.end_char, slugify(ent.text), "ner", "Person", ent.text)
                surnames[ent.text.split()[-1]] = slugify(ent.text)
        return surnames

    def _descriptions(self, b, doc: Doc, plausible_person) -> dict[str, str]:
        """Names typed by their description; returns the surnames of the people among them -> their keys."""
        surnames: dict[str, str] = {}
        for tok in doc:
            if tok.pos_ != "NOUN" or not tok.is_lower:
                continue
            type_ = _described_type(tok, self.types, self.longest)
            if type_ is None:
                continue
            for name in (_name_after(doc, tok), _name_before(doc, tok)):
                if name is None or not b.free(name.start_char, name.end_char) \
                        or any(t.ent_type_ in _NOT_NAMES or t.lower_ in b.linker.title_words for t in name) \
                        or b.linker.not_actors.search(name.text) or b.linker.org_type(name.text) not in (None, type_):
                    continue
                if type_ == "Person":  # ("Rhodri Winstanley, an actor from Swansea": a first name and a surname)
                    if len(name) < 2 or name[0].lower_ in b.linker.lexicon.honorifics \
                            or not plausible_person(name.text, b.linker):
                        continue
                    surnames[name[-1].text] = slugify(name.text)
                b.add(name.start_char, name.end_char, slugify(name.text), "ner", type_, name.text)
        return surnames


def _add_employer(b, name: Span) -> None:
    """An employer named by where people work or what a union holds a contract with: a studio, also where the model
    took the name for a person's elsewhere ("Stagehands strike Universal Orlando's shows" in a headline)."""
    key = slugify(name.text)
    b.add(name.start_char, name.end_char, key, "ner", "Studio", name.text)
    if b.actors[key].type == "Person" and not b.actors[key].reference:
        b.actors[key].type = "Studio"


def _employers_at(doc: Doc, nouns: frozenset[str]):
    """ "editors AT Northgate Unscripted", "a contract AT Tallgrass Media": the names workers work at."""
    for at in doc:
        if at.lower_ != "at" or at.dep_ != "prep" or at.head.lower_ not in nouns:
            continue
        for obj in at.children:
            if obj.dep_ == "pobj" and obj.pos_ == "PROPN" and _is_name_word(obj):
                start = obj.i
                while start > at.i + 1 and (doc[start - 1].is_title or doc[start - 1].is_upper
                                            or doc[start - 1].text in ("-", "&")) \
                        and doc[start - 1].head.i > start - 1:  # ("Brisling" taken for an adjective)
                    start -= 1
                between = doc[at.i + 1:start]  # nothing but "the" ("a strike at 12:01 a.m. PT" names no employer)
                if (doc[start].is_title or doc[start].is_upper) and all(t.lower_ == "the" for t in between):
                    yield doc[start:obj.i + 1]


def _employers_with(doc: Doc, words: frozenset[str]):
    """ "a tentative agreement WITH Spotify", "negotiating with Halcyon": the organisations (as the statistical model
    reads them, or as a place: the small model takes "Spotify" for one) that a word of bargaining takes through
    "with", and those listed with them."""
    for ent in doc.ents:
        if ent.label_ not in ("ORG", "GPE") or not all(t.is_title or t.is_upper or t.text in "&-" for t in ent):
            continue
        root = ent.root
        while root.dep_ == "conj" and root.head.i != root.i:
            root = root.head
        prep = root.head
        if root.dep_ == "pobj" and prep.lower_ == "with" and {prep.head.lower_, prep.head.lemma_.lower()} & words:
            yield ent


def _whole_name(doc: Doc, ent: Span, titles: set[str]) -> Span:
    """The entity with the capitalised names around it that the parse joins to it as compounds, where the model
    labels them apart or not at all: "FOLARIN Ogundipe, who runs the plan" (the first name read as a place, the
    surname as nothing); not a title before it ("Chief Executive Officer Lydia Pennock")."""
    start, end = ent.start, ent.end
    while start > 0 and _name_part(doc[start - 1], titles) and doc[start - 1].dep_ == "compound" \
            and start <= doc[start - 1].head.i < end:
        start -= 1
    while end < len(doc) and _name_part(doc[end], titles) and doc[end - 1].dep_ == "compound" \
            and doc[end - 1].head.i == end:
        end += 1
    return ent if (start, end) == (ent.start, ent.end) else Span(doc, start, end, label=ent.label_)


def _name_part(tok: Token, titles: set[str]) -> bool:
    return tok.pos_ == "PROPN" and tok.is_title and tok.ent_type_ in ("", "PERSON", "GPE", "ORG") \
        and tok.lower_ not in titles


def _who_follows(doc: Doc, ent: Span) -> bool:
    """ "Jonah Petrakis, WHO represents the plaintiffs": a relative "who" speaks of a person (whatever the model
    read the name as: "Heriberto Ruvalcaba, who has driven shuttles", a place)."""
    if ent.end + 1 >= len(doc) or doc[ent.end].text != "," or doc[ent.end + 1].lower_ != "who":
        return False  # (a place only when the relative is the name's: not "a drama shooting in SANTA CLARITA, who")
    return ent.label_ != "GPE" or ent.root.dep_ != "pobj" and ent.start <= doc[ent.end + 1].head.head.i < ent.end


def _described_type(noun: Token, described: dict, longest: int) -> str | None:
    """The type a description gives: its noun with the compound nouns before it, longest first."""
    words = [noun.lower_]
    k = noun.i - 1
    while k >= 0 and noun.i - k < longest and noun.doc[k].dep_ in ("compound", "amod") and noun.doc[k].head == noun:
        words.insert(0, noun.doc[k].lower_)
        k -= 1
    return next((described[tuple(words[i:])] for i in range(len(words)) if tuple(words[i:]) in described), None)


def _is_name_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and (tok.is_title or tok.is_upper) and not tok.like_num or tok.text in ("&", "-")


def _name_after(doc: Doc, noun: Token) -> Span | None:
    """ "the streamer PARALLAX": a name that follows the description right after an article or determiner."""
    owner = noun.head if noun.dep_ == "compound" and noun.head.i > noun.i else noun  # "the streamer" -> Parallax
    if not any(c.dep_ in ("det", "poss") and c.i < noun.i for c in owner.children):
        return None
    end = noun.i + 1
    while end < len(doc) and _is_name_word(doc[end]):
        end += 1
    if end == noun.i + 1 or not doc[noun.i + 1].is_title or not doc[end - 1].is_alpha \
            or end < len(doc) and doc[end].like_num:  # "the union Local 700"
        return None
    return doc[noun.i + 1:end]


def _name_before(doc: Doc, noun: Token) -> Span | None:
    """ "BRIGHTWAVE, the ad-supported streamer": the name the description stands in apposition to (or, where the
    parse hangs the apposition on a word before, the name right before its comma: "made for TUBI, the free
    streaming service")."""
    if noun.dep_ != "appos" or noun.head.i >= noun.i:
        return None
    if not any(c.dep_ == "det" and c.lower_ in ("the", "a", "an") for c in noun.children):
        return None
    last = noun.head
    before = noun.left_edge.i - 2
    if before > last.i and doc[before + 1].text == "," and _is_name_word(doc[before]):
        last = doc[before]
    elif not _is_name_word(last):
        return None
    end = last.i + 1
    start = last.i
    while start > 0 and _is_name_word(doc[start - 1]) and doc[start - 1].head.i > start - 1:
        start -= 1
    if not doc[start].is_title or doc[start].is_sent_start and doc[start].lower_ == "the":
        return None
    if end >= len(doc) or doc[end].text != ",":
        return None
    return doc[start:end]
