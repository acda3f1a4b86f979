"""Link: actor mentions in a parsed article, each resolved to one actor (reference, new, or described)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .ingest import slugify
from .nlp import ACTOR_LABEL
from .reference import ORG_TYPES, Reference


@dataclass(frozen=True)
class Mention:
    start: int  # character offsets into the article text
    end: int
    text: str
    actor: str  # actor key
    kind: str  # "name" (reference label or alias), "ner", "surname", "description"


@dataclass
class ActorInfo:
    """An actor as seen in one article: reference actors keep their reference type and label."""

    key: str
    type: str
    label: str
    reference: bool
    aliases: set[str] = field(default_factory=set)


@dataclass
class Linked:
    mentions: list[Mention]
    actors: dict[str, ActorInfo]

    def in_span(self, start: int, end: int) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end]


# Words in an organisation's own name that give away its type, for organisations the reference set lacks.
_ORG_TYPE_CUES = [
    ("Guild", r"\b(Guild|Union|Local \d+|Workers|Brotherhood|Federation of|Teamsters|Association of .*(Writers|Actors|Artists|Editors|Employees)|IATSE)\b"),
    ("EmployerAssociation", r"\b(Alliance of|Producers Association|Association of (Motion Picture|Film|Television) Producers)\b"),
    ("GovernmentAgency", r"\b(Board|Commission|Department|Agency|Mediation|Governor|Ministry|Court)\b"),
    ("MediaOutlet", r"\b(Times|News|Post|Reporter|Journal|Magazine|Tribune|Gazette|Herald|Daily|Wire|Press)\b"),
    ("Studio", r"\b(Studios?|Pictures|Entertainment|Media|Networks?|Productions|Films|Television|Animation|Streaming|Broadcasting|Discovery|Games|Inc\.|LLC|Corp\.)(?!\w)"),
]
_PERSON_STOP = re.compile(r"^(The|A|An|Hollywood|Quality|Content|Photo|Source|Related|Writers?|Actors?)\b|[\d@#/]")

# Definite descriptions and the actor types they may refer to (most recent compatible actor in the article).
DESCRIPTIONS = [
    (r"the (?:writers'? )?guild(?:'s)? (?:leadership|leaders|negotiating (?:team|committee)|negotiators|committee)"
     r"|guild leadership|the union(?:'s)? (?:leadership|leaders|negotiating team|negotiators)|union leaders"
     r"|the writers'? guild|the (?:actors'? )?guild|the union|the committee|the negotiating committee"
     r"|the (?:guild|union)'s negotiating team", {"Guild"}),
    # a coalition of unions ("the Hollywood Basic Crafts, the five-union coalition") or of employers
    (r"the (?:five-union |\w+-union )?coalition", {"EmployerAssociation", "Coalition"}),
    (r"the (?:alliance|association)|the studios|the companies|the producers'? (?:alliance|group)",
     {"EmployerAssociation"}),
    (r"the board|the agency", {"GovernmentAgency"}),
]
_DESCRIPTION_RE = [(re.compile(r"(?i)(?<![\w-])(?:" + p + r")(?![\w-])"), types) for p, types in DESCRIPTIONS]

# "the coalition" is, all through an article, the body an apposition called so ("the Hollywood Basic Crafts, the
# five-union coalition"), not whichever body was named last ("... with the AMPTP," the coalition said)
_BOUND_BY_APPOSITION = {"coalition", "alliance", "association"}

# Sub-bodies named after their organisation ("WGA negotiators", "AMPTP negotiators", "WGA leadership") speak for it.
_SUB_BODY = re.compile(r"\s+(?:negotiators|negotiating team|negotiating committee|leadership|leaders|committee|"
                       r"officials|members' committee|board)\b")


_COALITION = re.compile(r"\b(Crafts|Coalition|Council|Federation|Alliance)\b")
_LOCAL = re.compile(r"(?<![\w-])(?:(?=\S*[A-Z]\S*[A-Z])[A-Za-z!&.'-]+\s+){1,2}Local\s+\d+\b")  # "IBEW Local 40"
_UNIT = re.compile(r"(?:\s+[A-Z][\w&'-]*){0,3}?(?:\s+(?:Animation|Studios|Games|Inc\.|LLC|Productions|Television|"
                   r"Pictures))+(?!\w)")


def org_type_from_name(name: str) -> str | None:
    for type_, pattern in _ORG_TYPE_CUES:
        if re.search(pattern, name):
            return type_
    return None


def _clean_span(span: Span, text: str) -> tuple[int, int, str]:
    """Offsets of an entity without a trailing possessive or leading article."""
    tokens = list(span)
    while tokens and tokens[-1].text in ("'s", "'", "’s", "’"):
        tokens.pop()
    while tokens and tokens[0].lower_ in ("the", "a", "an"):
        tokens.pop(0)
    if not tokens:
        return span.start_char, span.start_char, ""
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return start, end, text[start:end]


def heading_spans(text: str) -> list[tuple[int, int]]:
    """Headline-like lines: short, no closing punctuation, most words capitalised."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group().strip()
        words = re.findall(r"[A-Za-z][\w'-]*", line)
        if words and len(line) <= 120 and not line.endswith((".", '"', "?", "!", ":")) and \
                sum(w[0].isupper() for w in words) >= 0.7 * len(words):
            out.append((m.start(), m.end()))
    return out


def _plausible_person(name: str) -> bool:
    parts = name.split()
    return (2 <= len(parts) <= 4 and not _PERSON_STOP.search(name)
            and all(p[:1].isupper() for p in parts if len(p) > 1) and not name.isupper())


def _named_in_passing(doc: Doc, inner: Mention, mentions: list[Mention], roots: dict) -> bool:
    """Whether a mention sits inside the phrase of an earlier mention of another actor in its sentence: a relative
    clause or apposition about that actor ("the guild, which is Local 839 of the IATSE")."""
    def root(m: Mention):
        if (m.start, m.end) not in roots:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            roots[m.start, m.end] = span.root if span is not None else None
        return roots[m.start, m.end]

    tok = root(inner)
    if tok is None:
        return False
    ancestors = {t.i for t in tok.ancestors}
    sent_start = tok.sent.start_char
    for outer in mentions:
        if outer.actor != inner.actor and sent_start <= outer.start and outer.end <= inner.start:
            other = root(outer)
            if other is not None and other.i in ancestors:
                return True
    return False


def link(doc: Doc, reference: Reference) -> Linked:
    """Every actor mention of `doc`, in text order, with the actors it mentions."""
    actors: dict[str, ActorInfo] = {}
    named: list[Mention] = []
    text = doc.text  # spaCy joins the tokens again on every `doc.text`: read it once

    def add(start, end, key, kind, type_=None, label=None):
        if key not in actors:
            ref = reference.actors.get(key)
            actors[key] = ActorInfo(key, ref.type if ref else type_, ref.label if ref else label, ref is not None)
        named.append(Mention(start, end, text[start:end], key, kind))

    surnames: dict[str, str] = {}
    from .extract.contracts import contract_spans

    headings = heading_spans(text) + contract_spans(text)
    for ent in doc.ents:
        if ent.label_ == ACTOR_LABEL:
            add(ent.start_char, ent.end_char, ent.ent_id_, "name")
            ref = reference.actors[ent.ent_id_]
            if ref.type == "Person":
                surnames[ref.label.split()[-1]] = ref.key
            continue
        start, end, name = _clean_span(ent, text)
        if not name or any(a <= start < b for a, b in headings):
            continue  # in a Title Case headline every word looks like a name
        if ent.label_ == "PERSON":
            if name in surnames:
                add(start, end, surnames[name], "surname")
            elif _plausible_person(name):
                key = slugify(name)
                add(start, end, key, "ner", "Person", name)
                surnames.setdefault(name.split()[-1], key)
        elif ent.label_ in ("ORG", "NORP", "FAC"):
            type_ = org_type_from_name(name)
            if type_ is not None and type_ in ORG_TYPES and len(name.split()) >= 2:
                add(start, end, slugify(name), "ner", type_, name)

    # Union locals the NER misses: "IBEW Local 40", "UA Local 78"; a studio's unit named after it:
    # "Walt Disney Animation Studios", "Disney Character Voices Inc." (a company of its own, not Disney).
    taken = [(m.start, m.end) for m in named]
    for hit in _LOCAL.finditer(text):
        s, e = hit.span()
        if not any(a < e and s < b for a, b in taken) and not any(a <= s < b for a, b in headings):
            add(s, e, slugify(hit.group()), "ner", "Guild", hit.group())
            taken.append((s, e))
    for i, m in enumerate(named):
        if m.kind == "name" and actors[m.actor].type == "Studio":
            unit = _UNIT.match(text, m.end)
            if unit:
                name = text[m.start: unit.end()]
                key = slugify(name)
                named[i] = Mention(m.start, unit.end(), name, key, "ner")
                if key not in actors:
                    actors[key] = ActorInfo(key, "Studio", name, False)
    for key in [k for k in actors if not any(m.actor == k for m in named)]:
        del actors[key]  # a parent name that only stood inside a unit's name

    # Surnames after a full name ("Iger" after "Bob Iger"), where the NER did not already mark them.
    taken = [(m.start, m.end) for m in named]
    for surname, key in sorted(surnames.items()):
        first = min(m.start for m in named if m.actor == key)
        # over the text, not tokens: "Crabtree-Ireland" is three tokens
        for hit in re.finditer(rf"(?<![\w-]){re.escape(surname)}(?![\w-])", text):
            s, e = hit.span()
            if s > first and not any(a < e and s < b for a, b in taken):
                named.append(Mention(s, e, surname, key, "surname"))
                taken.append((s, e))
    named.sort(key=lambda m: (m.start, m.end))

    mentions = list(named)
    taken = [(m.start, m.end) for m in named]
    roots: dict[tuple[int, int], object] = {}  # a mention's offsets -> the root token of its span
    bound: dict[str, str] = {}  # head noun -> the actor an apposition named ("Hollywood Basic Crafts, the coalition")
    for pattern, types in _DESCRIPTION_RE:
        for match in pattern.finditer(text):
            s, e = match.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            before = [m for m in named if m.end <= s and (actors[m.actor].type in types or (
                "Coalition" in types and actors[m.actor].type == "Guild" and _COALITION.search(actors[m.actor].label)))]
            if not before:
                continue
            head = match.group().split()[-1].lower()
            # "The guild, which is Local 839 of the IATSE, said ...": a body named inside the phrase about another
            # is not what "the union" of the next sentence means
            topic = next((m for m in reversed(before[-3:]) if not _named_in_passing(doc, m, mentions, roots)),
                         before[-1])
            actor = bound.get(head, topic.actor)
            if head in _BOUND_BY_APPOSITION and head not in bound and re.fullmatch(r",\s*", text[before[-1].end: s]):
                bound[head] = actor
            mentions.append(Mention(s, e, match.group(), actor, "description"))
            taken.append((s, e))
    # "WGA negotiators", "AMPTP negotiators": widen the name so rules see who speaks.
    mentions.sort(key=lambda m: (m.start, m.end))
    for m in mentions:
        if m.kind in ("name", "ner") and actors[m.actor].type != "Person":
            tail = _SUB_BODY.match(text, m.end)
            if tail:
                actors[m.actor].aliases.add(text[m.start:tail.end()])
    for m in named:
        if m.kind == "name":
            actors[m.actor].aliases.add(m.text)
    return Linked(mentions, actors)
