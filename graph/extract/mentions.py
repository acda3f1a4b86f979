"""Mentions: every actor an article names (reference names, new organisations and people, locals, units,
surnames, acronyms, descriptions), as a pipeline component that leaves `doc._.linked`."""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from ..ingest import slugify
from ..reference import ORG_TYPES, Reference, load_reference
from . import acronyms, coref, credits, described, longer_names, names, short_names
from .date_patterns import MONTHS, WEEKDAYS
from .doc import ACTOR_LABEL, doc_text, heading_spans
from .index import Intervals, Placed, occurrences
from .lexicon import Lexicon, load_lexicon
from .mention_types import ActorInfo, Linked, Mention
from .speech import quote_spans

if not Doc.has_extension("linked"):
    Doc.set_extension("linked", default=None)


_PARENS = re.compile(r"\s*\(\s*(?:the\s+)?([^()]{2,90}?)\s*\)")
_NAME = r"(?:The[ ]+)?[A-Z][\w.&'-]*(?:[ ]+(?:of[ ]+the[ ]+|of[ ]+|the[ ]+|and[ ]+)?[A-Z][\w.&'-]*){0,4}"


def _any(words) -> str:
    return "|".join(re.escape(w) for w in words)


def _company_name(heads, not_name_words) -> re.Pattern:
    """A run of up to three plain capitalised words ending in a company's head word ("Harbor Lane Films"), none a
    day, a month or a word that opens sentences ("On Monday Harbor Lane Films"), not the end of a longer name
    ("Corps of Discovery Films", "Rhythm & Hues Studios", "Austin-based Blue Norther Pictures")."""
    calendar = [w.capitalize() for w in (*MONTHS, *WEEKDAYS)] + list(not_name_words)
    skip = rf"(?!(?:{_any(calendar)})\b)"
    word = r"[A-Z][a-z]+(?![\w'\u2019-])"
    return re.compile(rf"(?<![\w'\u2019&-])(?<!\bof\s)(?<!&\s){skip}{word}(?:\s+{skip}{word}){{0,2}}"
                      rf"\s+(?:{_any(heads)})\b(?![\w'\u2019-]|\s+(?:of\s+)?[A-Z0-9])")


class ActorLinker:
    """The linker: reference names first (the entity ruler), then the statistical NER typed by name cues, then
    locals, units, surnames, acronyms defined in parentheses, and descriptions resolved by coreference."""

    def __init__(self, nlp: Language, reference: Reference, lexicon: Lexicon):
        self.reference = reference
        self.lexicon = lexicon
        self.type_cues = [(c["type"], re.compile(rf"(?<![\w-])(?:{_any(c['words'])})(?![\w-])"))
                          for c in lexicon.actors["org_type_cues"]]
        # the head word decides first: "Larkspur Artists AGENCY" is an agency, "News CORP." a company
        self.head_cues = [(t, re.compile(p.pattern + r"\W*$")) for t, p in self.type_cues]
        self.field_names = frozenset(lexicon.actors.get("field_names", ()))
        words = lexicon.actors
        self.organisation_word = re.compile(rf"(?<![\w-])(?:{_any(words['organisation_words'])})(?![\w-])")
        self.person_stop = re.compile(rf"^(?:{_any(words['not_first_names'])})\b|[\d@#/]"
                                      rf"|\s(?:{_any(words.get('not_last_names', ()))})$")
        self.unit = re.compile(rf"(?:\s+[A-Z][\w&'-]*){{0,3}}?(?:\s+(?:{_any(words['unit_words'])}))+"  # ("... Inc")
                               rf"(?:,?\s+(?:{_any(words['company_suffixes'])}))?(?![\w-])")
        self.not_actors = re.compile(rf"(?<![\w-])(?:{_any(lexicon.actors['not_actors'])})(?![\w-])")
        cues = lexicon.actors["outlet_cues"]
        self.outlets = [re.compile(rf"(?<![\w-])(?:{_any(cues['before'])})\s+(?P<name>{_NAME})"),
                        re.compile(rf"(?P<name>{_NAME})\s+(?:{_any(cues['after'])})(?![\w-])"
                                   rf"(?!\s+(?:{_any(cues['results'])})(?![\w-]))")]  # ("Mattel reported ITS results")
        if cues.get("dateline"):
            # "(UPI) --", "(ABC7) --", "(FOX 8) —", "(KQRA) - ": a call sign may hold digits and a space
            self.outlets.append(re.compile(r"\((?P<name>[A-Z][A-Za-z0-9.&-]{1,20}(?: [A-Z0-9][A-Za-z0-9]{0,4})?)\)"
                                           r"[ \t]*(?:--|-(?= )|\u2014|\u2013)"))
        if cues.get("signoff"):
            self.outlets.append(re.compile(rf"(?m)^[ \t]*(?:-|\u2014|\u2013)[ \t]*(?P<name>{_NAME})[ \t]*$"))
        # long reference names match in any case ("Alliance Of Motion Picture And Television Producers")
        self.long_names = PhraseMatcher(nlp.vocab, attr="LOWER")
        for key, actor in sorted(reference.actors.items()):
            names = [n for n in actor.names if len(n.split()) >= 3]
            if names:
                self.long_names.add(key, [nlp.make_doc(n) for n in names])
        self.credits = credits.CreditPatterns(words["credits"])
        self.described = described.Described(words["described_as"], words["employer_at"], words["employer_with"])
        self.company_suffixes = frozenset(words["company_suffixes"])
        self.company_name = _company_name(words["company_heads"], words["not_name_words"])
        self.title_words = {w for t in lexicon.titles["titles"] for w in t.lower().split()} - {"of", "the"}
        self.body_words = set(lexicon.hypernyms) | {w.lower() for w in words["organisation_words"]}
        self.title_heads = {t.lower().split()[-1] for t in lexicon.titles["titles"]} | {
            t.lower().split()[-1] + "s" for t in lexicon.titles["titles"]}
        self.title_modifiers = {m.lower() for m in lexicon.titles["modifiers"]}
        self.contract_names = PhraseMatcher(nlp.vocab)
        self.contract_names.add("contract", [nlp.make_doc(n) for n in lexicon.contracts["names"]])
        self.descriptions = Matcher(nlp.vocab)
        heads = lexicon.actors["descriptions"]
        mods = [m.lower() for m in lexicon.actors["description_modifiers"]] + ["'", "'s", "-"] + [
            "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "2", "3", "4", "5", "6"]
        # one pattern for every head (the head is the match's last word): the Matcher's cost grows with patterns
        self.descriptions.add("description", [[{"LOWER": {"IN": ["the", "its", "their", "that", "this", "our"]}},
                                               {"LOWER": {"IN": mods}, "OP": "*"},
                                               {"LOWER": {"IN": sorted(heads)}}]])
        self.sides = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.sides.add("employers", [nlp.make_doc(p) for p in lexicon.actors["employer_side_phrases"]])

    def has_cue(self, type_: str, name: str) -> bool:
        return any(t == type_ and p.search(name) for t, p in self.type_cues)

    def head_type(self, name: str) -> str | None:
        """The type the name's last word tells ("Tessellate GAMES"), if any."""
        return self.org_type(name, head_only=True)

    def org_type(self, name: str, head_only: bool = False) -> str | None:
        """The type the name's words tell, its last word first ("Larkspur Artists AGENCY")."""
        if self.not_actors.search(name):
            return None
        cues = self.head_cues if head_only else self.head_cues + self.type_cues
        return next((type_ for type_, pattern in cues if pattern.search(name)), None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.linked = link(doc, self)
        return doc


@Language.factory("guildgraph_mentions")
def make_linker(nlp: Language, name: str) -> ActorLinker:
    return ActorLinker(nlp, load_reference(), load_lexicon())


def _first_name_before(doc: Doc, ent: Span, linker: ActorLinker) -> bool:
    """A one-word organisation name right after a capitalised first name that follows a title or a lower-case
    word: "organizer Tessa FOX", "director Sam DISNEY"."""
    if len(ent) != 1 or ent.start < 2 or linker.reference.actors[ent.ent_id_].type == "Person":
        return False
    first, before = doc[ent.start - 1], doc[ent.start - 2]
    return first.pos_ == "PROPN" and first.is_title and first.is_alpha and first.ent_type_ in ("", "PERSON") \
        and first.lower_ not in linker.title_words and (before.is_lower or before.lower_ in linker.title_words) \
        and before.is_alpha


def _clean_span(span: Span, text: str, honorifics: frozenset[str] = frozenset()) -> tuple[int, int, str]:
    """An entity's offsets without a leading article or honorific ("Ms Strathearn"), or a trailing "'s" or "and"."""
    tokens = list(span)
    while tokens and (tokens[-1].text in ("'s", "'", "\u2019s", "\u2019") or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while tokens and (tokens[0].lower_ in ("the", "a", "an") or not any(c.isalnum() for c in tokens[0].text)
                      or len(tokens) > 1 and tokens[0].lower_ in honorifics):  # (or a list's bullet: "• Oblige")
        tokens.pop(0)
    start, end = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)) if tokens else (span.start_char,) * 2
    return start, end, text[start:end]


def _plausible_person(name: str, linker: "ActorLinker") -> bool:
    parts = name.split()
    return (2 <= len(parts) <= 4 and not linker.person_stop.search(name)
            and all(p[:1].isupper() for p in parts if len(p) > 1) and not name.isupper()
            and not all(p.lower() in linker.title_words for p in parts))  # "Senior Vice President", a title


class _Builder:
    """The mentions of one doc as they are found, never two over the same characters."""

    def __init__(self, doc: Doc, linker: ActorLinker):
        self.doc = doc
        self.text = doc_text(doc)
        self.linker = linker
        self.actors: dict[str, ActorInfo] = {}
        self.mentions: list[Mention] = []
        self.taken = bytearray(len(self.text) + 1)

    def free(self, start: int, end: int) -> bool:
        return not any(self.taken[start:end])

    def add(self, start: int, end: int, key: str, kind: str, type_: str | None = None,
            label: str | None = None) -> None:
        if key not in self.actors:
            ref = self.linker.reference.actors.get(key)
            self.actors[key] = ActorInfo(key, ref.type if ref else type_, ref.label if ref else label,
                                         ref is not None)
        self.mentions.append(Mention(start, end, self.text[start:end], key, kind))
        self.taken[start:end] = b"\x01" * (end - start)


def link(doc: Doc, linker: ActorLinker) -> Linked:
    """Every actor mention of `doc`, in text order, with the actors it mentions."""
    b = _Builder(doc, linker)
    text, reference = b.text, linker.reference
    headings = heading_spans(text)
    contract_tokens = [(s, e) for _, s, e in linker.contract_names(doc)]
    contracts = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in contract_tokens]
    blocked = Intervals(headings + contracts)
    in_heading = Intervals(headings)
    surnames: dict[str, str] = {}

    longer: list[Span] = []
    for ent in doc.ents:
        if ent.label_ == ACTOR_LABEL and _first_name_before(doc, ent, linker):
            continue  # "union organizer Tessa Fox": a person's surname, not the studio
        if ent.label_ == ACTOR_LABEL and ent.start_char not in in_heading and (
                span := longer_names.longer_name(doc, ent, linker)) is not None:  # (a headline capitalises every word)
            longer.append(span)  # "the ART Directors Guild" is another guild than the Directors Guild
            continue
        if ent.label_ == ACTOR_LABEL and names.add_union_local(b, text, ent, reference):
            continue  # "IATSE Local 479": a local of the union, a body of its own
        if ent.label_ == ACTOR_LABEL:
            b.add(ent.start_char, ent.end_char, ent.ent_id_, "name")
            ref = reference.actors[ent.ent_id_]
            if ref.type == "Person":
                surnames[ref.label.split()[-1]] = ref.key
    for ent in doc.ents:
        if ent.label_ == ACTOR_LABEL and _first_name_before(doc, ent, linker):
            span = doc[ent.start - 1: ent.end]
            if b.free(span.start_char, span.end_char):
                b.add(span.start_char, span.end_char, slugify(span.text), "ner", "Person", span.text)
    names.add_unseen(b, text, linker, blocked, in_heading, longer)
    for key_id, s, e in linker.long_names(doc):
        span = doc[s:e]
        if b.free(span.start_char, span.end_char):
            b.add(span.start_char, span.end_char, doc.vocab.strings[key_id], "name")
    for ent in names.repaired_entities(doc, linker):
        if ent.label_ == ACTOR_LABEL:
            continue
        start, end, name = _clean_span(ent, text, linker.lexicon.honorifics if ent.label_ == "PERSON" else frozenset())
        if not name or not b.free(start, end) or start in blocked:
            continue  # in a Title Case headline every word looks like a name
        if (person := _after_title(doc, ent, linker)) is not None:
            # "Councilmember Renata Olmos" tagged as one organisation: the person the title stands before
            if b.free(person.start_char, person.end_char):
                b.add(person.start_char, person.end_char, slugify(person.text), "ner", "Person", person.text)
                surnames.setdefault(person.text.split()[-1], slugify(person.text))
            continue
        alone = ent.label_ in ("ORG", "PERSON") or ent.label_ == "NORP" and ent.root.dep_ not in ("amod", "compound")
        if (short := short_names.short_of(b, name, linker, alone)) is not None:  # or a place; or a "nationality" that
            b.add(start, end, short, "surname")  # modifies nothing; "Magnolia Row" after "Magnolia Row Productions"
        elif ent.label_ == "PERSON" and (type_ := linker.head_type(name)) in ORG_TYPES and len(name.split()) >= 2 \
                and name not in surnames and not names.BARE_LOCAL.fullmatch(name):
            b.add(start, end, slugify(name), "ner", type_, name)  # "Greenbriar Media" read as a person's name
        elif ent.label_ == "PERSON":
            if name in surnames:
                b.add(start, end, surnames[name], "surname")
            elif _plausible_person(name, linker) and linker.org_type(name) is None and not linker.not_actors.search(
                    name) and not linker.organisation_word.search(name) and not names.quoted_title(text, start, end):
                key = slugify(name)
                b.add(start, end, key, "ner", "Person", name)
                surnames.setdefault(name.split()[-1], key)
        elif ent.label_ == "ORG" and names.BARE_LOCAL.fullmatch(name):
            continue  # "Local 479": the union's local named before, if any (names.bare_locals)
        elif ent.label_ in ("ORG", "NORP", "FAC", "GPE", "WORK_OF_ART", "PRODUCT", "EVENT"):
            type_ = linker.org_type(name) if name not in linker.field_names else None  # ("its VFX artists")
            if ent.label_ == "EVENT" and linker.head_type(name) is None or ent[-1].tag_ in ("VBZ", "VBD", "VBP"):
                continue  # "Tessellate Games" read as an event: a company by the word it ends on; no name ends on a
                # verb ("...; Union Wants 250%", a headline)
            if ent.label_ not in ("ORG", "EVENT") and type_ not in ("GovernmentAgency", "MediaOutlet") and (
                    ent.label_ not in ("NORP", "PRODUCT", "FAC") or linker.head_type(name) != "Studio"):
                continue  # (but "Orrin Streaming", "Quillfire Games" read as a people, a building: by their word)
            if type_ is not None and type_ in ORG_TYPES and (len(name.split()) >= 2 or name.isupper()):
                b.add(start, end, slugify(name), "ner", type_, name)

    surnames.update(linker.described(b, _plausible_person, in_heading))
    for surname, key in names.untagged_people(b, doc, linker, _plausible_person, blocked).items():
        surnames.setdefault(surname, key)
    # Union locals the NER misses ("IBEW Local 40"); a studio's unit named after it ("Walt Disney Animation
    # Studios", "CBS Corp."): a company of its own, not its parent.
    for hit in names.LOCAL.finditer(text):
        s, e = hit.span()
        if b.free(s, e) and s not in in_heading:
            b.add(s, e, slugify(hit.group()), "ner", "Guild", hit.group())
    for surname, key in _titled_people(b, in_heading).items():
        surnames.setdefault(surname, key)
    _extend_units(b)
    acronyms.names_before_acronyms(b)
    _acronyms(b)
    _initials(b)
    short_names.initialisms(b)
    _repeated_names(b)
    short_names.short_names(b, linker)
    short_names.shared_short_names(b, linker)
    short_names.defined_short_names(b)
    names.bare_locals(b)
    short_names.local_short_names(b)
    credits.add_credits(b, linker.credits, _plausible_person)
    _outlets(b)

    # Surnames after a full name ("Iger" after "Bob Iger"), over the text: "Crabtree-Ireland" is three tokens.
    b.mentions.sort(key=lambda m: (m.start, m.end))
    firsts: dict[str, int] = {}
    for m in b.mentions:
        firsts.setdefault(m.actor, m.start)
    found = occurrences(text, surnames)
    for surname, key in sorted(surnames.items()):
        for hit in found[surname]:
            s, e = hit.span()
            if s > firsts.get(key, len(text)) and b.free(s, e):
                b.add(s, e, key, "surname")
    b.mentions.sort(key=lambda m: (m.start, m.end))
    named_actors = {m.actor for m in b.mentions}
    for key in [k for k in b.actors if k not in named_actors]:
        del b.actors[key]  # an actor whose only name was taken into a longer one
    mentions = _with_tokens(doc, b.mentions)
    mentions += coref.descriptions(doc, mentions, b.actors, linker)
    mentions.sort(key=lambda m: (m.start, m.end))
    by_token = [-1] * len(doc)
    for i, m in enumerate(mentions):
        for t in range(m.tok_start, m.tok_end):
            by_token[t] = i
    return Linked(mentions, b.actors, by_token, quote_spans(text), contract_tokens)


def _with_tokens(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    out = []
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        out.append(Mention(m.start, m.end, m.text, m.actor, m.kind, span.start, span.end))
    return out


def _after_title(doc, ent: Span, linker) -> Span | None:
    """The name after the title words an entity opens with (a place may stand before them), when it is a person's
    ("Councilmember Renata Olmos", "Guild President Iolanthe Penwarden" whatever the model calls it), else None."""
    first = lead = ent.start + (len(ent) > 3 and (doc[ent.start].lower_ in linker.lexicon.actors["descriptions"]
                                                   or doc[ent.start + 1].lower_ in linker.lexicon.government_offices))
    while lead < ent.end and doc[lead].lower_ in linker.title_words:  # ("BURBANK Councilmember X")
        lead += 1
    rest = doc[lead:ent.end]
    if lead == first or len(rest) < 2 or not all(t.is_title and t.is_alpha for t in rest):
        return None
    return rest if _plausible_person(rest.text, linker) and linker.org_type(rest.text) is None else None


def _titled_people(b: _Builder, in_heading: Intervals) -> dict[str, str]:
    """People the statistical NER missed, known by their title: "Tino Gagliardi, AFM international president",
    "union president Jane Roe". Returns surname -> the person's key (their surname alone names them after)."""
    doc, linker = b.doc, b.linker
    words = linker.title_words | linker.title_modifiers | {"the", "'s", "and", "&"}

    def titled_after(j: int) -> bool:
        """", the guild's president", ", AFM international president": names, title words, then a title's head."""
        if j >= len(doc) or doc[j].text != ",":
            return False
        for t in doc[j + 1: min(len(doc), j + 16)]:
            if t.lower_ in linker.title_heads:
                return t.tag_ != "NNS"  # (not "In the United States, SAG-AFTRA's MEMBERS ...")
            inside = b.taken[t.idx]  # a mention's character (the mentions so far have no token offsets yet)
            if not (inside or t.lower_ in words):
                return False
        return False

    found, i = {}, 0
    while i < len(doc) - 1:
        j = i
        while j < len(doc) and j - i < 3 and doc[j].pos_ == "PROPN" and doc[j].is_title and doc[j].is_alpha:
            j += 1 + 2 * names.hyphen_joined(doc, j)  # "Danielle Sanchez-Witzel"
        if j - i >= 2:
            name, start, end = doc[i:j].text, doc[i].idx, doc[j - 1].idx + len(doc[j - 1])
            titled_before = i > 0 and doc[i - 1].lower_ in linker.title_heads or i > 1 and doc[i - 1].text == "," \
                and doc[i - 2].lower_ in linker.title_heads and doc[i - 2].tag_ != "NNS" \
                and doc[i - 2].is_lower  # "its chair, Jane Roe" (not a release's "Vice President, Business Affairs")
            if (titled_after(j) or titled_before) and b.free(start, end) and _plausible_person(name, linker) \
                    and start not in in_heading and linker.org_type(name) is None:
                b.add(start, end, slugify(name), "ner", "Person", name)
                found.setdefault(name.split()[-1], slugify(name))
            i = j
        else:
            i += 1
    return found


def _extend_units(b: _Builder) -> None:
    """A reference studio followed by unit words names a company of its own ("Walt Disney Animation Studios")."""
    for i, m in enumerate(b.mentions):
        if m.kind == "name" and b.actors[m.actor].type == "Studio":
            unit = b.linker.unit.match(b.text, m.end)
            if unit and b.free(m.end, unit.end()):
                name = b.text[m.start: unit.end()]
                key = slugify(name)
                b.mentions[i] = Mention(m.start, unit.end(), name, key, "ner")
                b.taken[m.start: unit.end()] = b"\x01" * (unit.end() - m.start)
                b.actors.setdefault(key, ActorInfo(key, "Studio", name, False))
    used = {m.actor for m in b.mentions}
    for key in [k for k in b.actors if k not in used]:
        del b.actors[key]  # a parent name that only stood inside a unit's name


def _acronyms(b: _Builder) -> None:
    """"Writers Guild Of America (WGA)", "IATSE (the International Alliance of ...)": one actor, the reference's."""
    by_start = {m.start: i for i, m in enumerate(b.mentions)}
    for i, m in enumerate(list(b.mentions)):
        par = _PARENS.match(b.text, m.end)
        if not par:
            continue
        inner_start, inner = par.start(1), par.group(1)
        j = by_start.get(inner_start)
        other = b.mentions[j] if j is not None else None
        if other is not None and other.end == par.end(1):
            if other.actor == m.actor:
                continue
            keep, drop = (m, other) if b.actors[m.actor].reference or not b.actors[other.actor].reference \
                else (other, m)
            k = b.mentions.index(drop)
            b.mentions[k] = Mention(drop.start, drop.end, drop.text, keep.actor, "acronym")
            if not any(x.actor == drop.actor for x in b.mentions):
                b.actors.pop(drop.actor, None)
        elif other is None and re.fullmatch(r"[A-Z][A-Za-z&-]{1,9}", inner) and b.free(inner_start, par.end(1)):
            initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", m.text) if w[0].isupper())
            if inner.replace("-", "").upper()[:2] == initials[:2]:
                b.add(inner_start, par.end(1), m.actor, "acronym")


def _outlets(b: _Builder) -> None:
    """News outlets named by how news credits them: "via Variety", "Source: TheWrap", "(UPI) --", "edited by NDTV
    staff", a sign-off line "- AFL-CIO Daily Brief"; then "the Reporter" after "The Hollywood Reporter" is the same."""
    placed = Placed(b)
    for pattern in b.linker.outlets:
        for hit in pattern.finditer(b.text):
            s, e = hit.span("name")
            # a name never runs over a full stop: the piece by the cue ("in August. Brevik Streaming REPORTED")
            pieces, after = re.split(r"\.\s+", hit.group("name")), e < hit.end()
            s, name = (e - len(pieces[-1]), pieces[-1]) if after else (s, pieces[0].rstrip("."))
            e = s + len(name)
            if name.startswith("The ") and not b.free(s, e):
                s += 4
            inner = placed.within(s, e)
            if inner and len(inner) == 1 and (inner[0].start, inner[0].end) == (s, e) and inner[0].kind == "ner" \
                    and b.actors[inner[0].actor].type == "Person":
                # "per Kestrel Lane": credited as a source, the name is an outlet's, whatever it looks like
                placed.remove(inner[0])
                b.taken[s:e] = b"\x00" * (e - s)
                if not placed.count.get(inner[0].actor):
                    b.actors.pop(inner[0].actor, None)
                inner = []
            is_outlet = b.linker.has_cue("MediaOutlet", name)
            if inner and len(name.split()) > 1 and inner[0].start == s and inner[-1].end < e and is_outlet:
                # "- AFL-CIO Daily Brief": the outlet's name holds another actor's
                for m in inner:
                    placed.remove(m)
                    b.taken[m.start:m.end] = b"\x00" * (m.end - m.start)
            if not b.free(s, e) or len(name) < 2:
                continue
            if b.linker.not_actors.search(name) or not is_outlet and (b.linker.org_type(name) in (
                    "Guild", "EmployerAssociation", "GovernmentAgency") or b.linker.head_type(name) == "Studio"):
                continue  # ("Brevik Streaming reported a loss": a company reports its results)
            placed.add(s, e, slugify(name), "ner", "MediaOutlet", name)
    b.mentions = [m for m in b.mentions if m is not None]
    outlets = {m.actor: b.actors[m.actor].label for m in b.mentions if b.actors[m.actor].type == "MediaOutlet"}
    for key, label in sorted(outlets.items()):
        last = label.split()[-1]
        if len(label.split()) < 2 or len(last) < 4 or not last[:1].isupper():
            continue
        first = min(m.start for m in b.mentions if m.actor == key)  # mentions added below all come after it
        for hit in re.finditer(rf"\bthe ({re.escape(last)})\b", b.text):
            if b.free(*hit.span(1)) and hit.start() > first:
                b.add(hit.start(1), hit.end(1), key, "surname")


def _repeated_names(b: _Builder) -> None:
    """A name the article gave an actor that the reference does not list ("PMG" defined in parentheses, "Federal
    Mediation Service" for the FMCS) names it again wherever it recurs."""
    known = {m.text: m.actor for m in b.mentions if m.kind == "acronym" and len(m.text) >= 2}
    known.update({m.text: m.actor for m in b.mentions if m.kind == "ner" and len(m.text) >= 2
                  and m.text not in known})
    at: dict[tuple[int, int], list[int]] = {}  # (start, end) -> positions in b.mentions
    count: dict[str, int] = {}
    for i, m in enumerate(b.mentions):
        at.setdefault((m.start, m.end), []).append(i)
        count[m.actor] = count.get(m.actor, 0) + 1
    found = occurrences(b.text, known)
    for name, key in sorted(known.items()):
        for hit in found[name]:
            same = next((i for i in at.get(hit.span(), ()) if b.mentions[i].actor != key
                         and b.mentions[i].kind == "ner" and not b.actors[b.mentions[i].actor].reference), None)
            if same is not None:  # the NER took the repeated name for a new actor
                old = b.mentions[same].actor
                b.mentions[same] = Mention(hit.start(), hit.end(), name, key, "acronym")
                count[old] -= 1
                count[key] = count.get(key, 0) + 1
                if not count[old]:
                    b.actors.pop(old, None)
            elif b.free(*hit.span()):
                b.add(hit.start(), hit.end(), key, "acronym" if name.isupper() else "ner")
                at.setdefault(hit.span(), []).append(len(b.mentions) - 1)
                count[key] = count.get(key, 0) + 1


def _initials(b: _Builder) -> None:
    """A long name whose initials are an acronym the article uses for a known actor is that actor
    ("the Association of Motion Picture and Television Producers" beside "AMPTP")."""
    acronyms = {m.text: m.actor for m in b.mentions if re.fullmatch(r"[A-Z]{3,8}", m.text) and
                b.actors[m.actor].reference}
    count: dict[str, int] = {}
    for m in b.mentions:
        count[m.actor] = count.get(m.actor, 0) + 1
    for i, m in enumerate(b.mentions):
        info = b.actors[m.actor]
        if info.reference or len(m.text.split()) < 3:
            continue
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", m.text) if w[0].isupper())
        key = acronyms.get(initials)
        if key is not None and key != m.actor:
            b.mentions[i] = Mention(m.start, m.end, m.text, key, "acronym")
            count[m.actor] -= 1
            count[key] = count.get(key, 0) + 1
            if not count[m.actor]:
                b.actors.pop(m.actor, None)
