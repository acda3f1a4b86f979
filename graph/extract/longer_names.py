"""Longer names: a reference name inside the longer name of another body ("the ART Directors Guild", "Equity NEW
ZEALAND", "the SiriusXM PODCAST UNION")."""
from __future__ import annotations

from spacy.tokens import Doc, Span

from ..reference import ORG_TYPES
from .doc import ACTOR_LABEL


def longer_name(doc: Doc, ent: Span, linker) -> Span | None:
    """A reference organisation's name that capitalised words before it make into a longer one of its kind: "ART
    Directors Guild", "MOTION PICTURE Editors Guild" (not a place or a title before a name: "Hollywood
    Teamsters", "President ...")."""
    if linker.reference.actors[ent.ent_id_].type == "Person":
        return None
    longer = _national_branch(doc, ent, linker) or _company_union(doc, ent, linker)
    if longer is not None:
        return longer
    start = ent.start
    while start > 0 and (t := doc[start - 1]).pos_ == "PROPN" and t.is_title and t.is_alpha \
            and t.ent_type_ not in ("GPE", "LOC", "NORP", "PERSON", "DATE", "TIME", ACTOR_LABEL) \
            and t.lower_ not in linker.title_words:
        start -= 1
    if start == ent.start:
        return None
    span = doc[start:ent.end]
    return span if linker.org_type(span.text) in ORG_TYPES and linker.org_type(ent.text) is not None else None


def _company_union(doc: Doc, ent: Span, linker) -> Span | None:
    """A company's name that a union's name holds: "the SiriusXM PODCAST UNION", "the Vox Media UNION"."""
    if linker.reference.actors[ent.ent_id_].type != "Studio":
        return None
    end = ent.end
    while end < len(doc) and end - ent.end < 3 and doc[end].is_title and doc[end].is_alpha \
            and doc[end].pos_ in ("PROPN", "NOUN"):
        end += 1
    return doc[ent.start:end] if end > ent.end and linker.org_type(
        doc[ent.start:end].text, head_only=True) == "Guild" else None


def _national_branch(doc: Doc, ent: Span, linker) -> Span | None:
    """A union's name with a country after it ("EQUITY NEW ZEALAND", "Equity NZ", "the Writers Guild OF IRELAND") or a
    nationality before it ("IRISH Equity") is the union of that country, not the reference one (actors.yaml
    `national_branches`, `national_adjectives`)."""
    if linker.reference.actors[ent.ent_id_].type != "Guild":
        return None
    for country, short_names in linker.lexicon.actors.get("national_branches", {}).items():
        for name in (country, *short_names):
            for words in (name.split(), ["of", *name.split()]):
                after = doc[ent.end:ent.end + len(words)]
                if [t.text for t in after] == words and ent[-1].whitespace_:
                    return doc[ent.start:ent.end + len(words)]
    if ent.start and (before := doc[ent.start - 1]).text in linker.lexicon.actors.get("national_adjectives", ()) \
            and before.whitespace_:
        return doc[ent.start - 1:ent.end]
    return None
