"""Short names: a company's first words, a body's initials, a short name a release defines in quotes, one two bodies
share, and a national union's short name for the one local an article follows."""
from __future__ import annotations

import dataclasses
import re

from ..reference import ORG_TYPES
from .index import occurrences


def local_short_names(b) -> None:
    """"The Teamsters" in an article that names one Teamsters local and never the union itself is that local: news
    uses the union's short name for the local it follows (actors.yaml `local_short_names`)."""
    words = b.linker.lexicon.actors
    titles = "|".join(re.escape(t) for t in words.get("national_titles", ()))
    for union in words.get("local_short_names", ()):
        ref = b.linker.reference.actors.get(union)
        locals_ = {k for k, a in b.actors.items() if a.part_of == union or k in b.linker.reference.actors
                   and union in b.linker.reference.actors[k].part_of}
        named = [m for m in b.mentions if m.actor == union]
        if ref is None or len(locals_) != 1 or not named or any(
                m.text == ref.label or _national(b.text, m, titles) for m in named):
            continue
        local = next(iter(locals_))
        b.mentions = [dataclasses.replace(m, actor=local) if m.actor == union else m for m in b.mentions]
        del b.actors[union]


def _national(text: str, m, titles: str) -> bool:
    """A union's name beside a national officer's title ("Teamsters GENERAL PRESIDENT Sean O'Brien", "general
    president of the Teamsters") or placing a local in it ("LOCAL 399 OF the Teamsters")."""
    before = text[max(0, m.start - 40):m.start]
    if re.search(r"\bLocal\s+\d+\s+of\s+(?:the\s+)?$", before):
        return True
    return bool(titles) and bool(re.match(rf"(?:['\u2019]s?)?\s+(?:{titles})\b", text[m.end:m.end + 40], re.I)
                                 or re.search(rf"(?:{titles})\s+of\s+(?:the\s+)?$", before, re.I))


def short_of(b, name: str, linker, organisation: bool = False) -> str | None:
    """The company named before whose name is `name` and a company word ("Magnolia Row" after "Magnolia Row
    Productions"): the statistical model takes a company's short name for a person or a place. Two words at
    least ("Hollywood" is no short name of the Hollywood Basic Crafts), or one the model tags an `organisation` or
    a person ("Halcyon's chief executive" after "Halcyon Media Group", "Northlight had raised its bids" after
    "Northlight Digital"); never a place alone."""
    if len(name.split()) < 2 and not (organisation and name[:1].isupper() and len(name) > 3):
        return None
    found = {key for key, info in b.actors.items() if info.type == "Studio" and (info.label or "").startswith(
        name + " ") and linker.org_type(info.label[len(name):]) == "Studio"}
    return found.pop() if len(found) == 1 else None


def short_names(b, linker) -> None:
    """A company named in full with a company word, then by the rest of its name where the model tags nothing
    ("Bluecrest responded on Nov. 6" after "Bluecrest Studios"): the same company, after its full name, unless
    the model reads that word as a place there or it names another actor."""
    shorts: dict[str, tuple[str, int]] = {}
    for m in b.mentions:
        info = b.actors[m.actor]
        label = info.label or ""
        if info.reference or info.type != "Studio" or " " not in label:
            continue
        first = label.split()[0]
        if len(first) > 3 and first[0].isupper() and first.isalpha() and linker.org_type(label[len(first):]) == \
                "Studio" and linker.org_type(first) is None and not linker.organisation_word.search(first):
            shorts.setdefault(first, (m.actor, m.end))
    if not shorts:
        return
    names_of_others = {w for m in b.mentions if m.actor not in {a for a, _ in shorts.values()}
                       for w in m.text.split()}
    found = occurrences(b.text, shorts)
    for name, (key, after) in sorted(shorts.items()):
        if name in names_of_others:
            continue
        for hit in found[name]:
            start, end = hit.span()
            span = b.doc.char_span(start, end)
            if start < after or not b.free(start, end) or span is None or \
                    span[0].ent_type_ in ("GPE", "LOC", "FAC", "NORP", "PERSON") and not _possessive(span):
                continue  # (a possessive is the company's even where the model reads a person: "Pinebrook's president")
            b.add(start, end, key, "surname")


def _possessive(span) -> bool:
    nxt = span[-1].nbor(1) if span.end < len(span.doc) else None
    return nxt is not None and nxt.text in ("'s", "\u2019s")


def shared_short_names(b, linker) -> None:
    """A short name two bodies go by names the one the article names in full, unless it names the other in full too
    ("Equity" after Actors' Equity Association, "SAG" after SAG-AFTRA; actors.yaml `shared_short_names`)."""
    named = {m.actor for m in b.mentions}
    for short, key in linker.lexicon.actors.get("shared_short_names", {}).items():
        if key not in named:
            continue
        longer = {m.actor for m in b.mentions if m.text != short}
        for i, m in enumerate(b.mentions):
            if m.text == short and m.actor != key and m.actor not in longer:
                b.mentions[i] = dataclasses.replace(m, actor=key)


# '... Group, Inc. (NYSE: SWMG) ("Sablewood")': a legal suffix, a ticker, then the short name defined in quotes
_DEFINED = re.compile(r",?\s*(?:(?:Inc|LLC|L\.L\.C|Corp|Ltd|Co|PLC)\.?)?\s*(?:\([^()\"\u201c]{0,30}\)\s*)?"
                      r"\(\s*[\"\u201c](?P<short>[A-Z][^\"\u201d()]{1,40}?)[\"\u201d]\s*\)")


def defined_short_names(b) -> None:
    """A short name a press release or a filing defines in quotes after a body's full name, of words of that name
    ('Pennock Hill Studios, LLC ("Pennock Hill")'): that body wherever it is written, headline included, whatever
    the model read it as."""
    defined: dict[str, str] = {}
    for m in list(b.mentions):
        hit = _DEFINED.match(b.text, m.end) if b.actors[m.actor].type in ORG_TYPES else None
        short = hit.group("short") if hit else ""
        if short and short != m.text and f" {short} " in f" {m.text} ":  # (not a '("Company")')
            defined.setdefault(short, m.actor)
    for short, key in sorted(defined.items()):
        for hit in re.finditer(rf"(?<![\w-]){re.escape(short)}(?![\w-])", b.text):
            start, end = hit.span()
            if any(m.start < end and start < m.end and (m.start < start or m.end > end) for m in b.mentions):
                continue  # inside a longer name ("Pennock Hill Studios")
            b.mentions = [m for m in b.mentions if not (m.start == start and m.end == end)]
            b.taken[start:end] = b"\x00" * (end - start)
            b.add(start, end, key, "surname")


_CAPS = re.compile(r"(?<![\w-])[A-Z]{3,6}(?![\w-])")


def initialisms(b) -> None:
    """An acronym the article never defines that spells the initials of a body it named before in full ("the
    Communications Workers of America ... CWA members"): the same body. Only names of three words or more that
    the reference does not know, and only after the full name."""
    first: dict[str, tuple[int, str]] = {}  # initials -> (where the name is first, the body)
    for m in b.mentions:
        info = b.actors[m.actor]
        if info.reference or info.type not in ORG_TYPES or len(m.text.split()) < 3:
            continue
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z][\w'\u2019-]*", m.text) if w[0].isupper())
        if len(initials) >= 3:
            first.setdefault(initials, (m.start, m.actor))
    for hit in _CAPS.finditer(b.text):
        found = first.get(hit.group())
        if found is not None and found[0] < hit.start() and b.free(*hit.span()):
            b.add(hit.start(), hit.end(), found[1], "acronym")
