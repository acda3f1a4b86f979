"""Names defined by the acronym after them: "the Union des artistes (UDA)", a name the model reads as no name (its
lower-case particles), is the body the acronym names, wherever the article writes either."""
from __future__ import annotations

import re

from ..ingest import slugify
from ..reference import ORG_TYPES

_ACRONYM = re.compile(r"\(([A-Z][A-Z&-]{1,7})\)")
#: Words of a name that give no letter to its acronym: "Union DES artistes", "Association québécoise DE LA ..."
_PARTICLES = frozenset({"of", "the", "and", "&", "for", "de", "des", "du", "la", "le", "les", "d'", "et", "y", "del"})
_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
_LONGEST = 8


def names_before_acronyms(b) -> None:
    """The words right before "(ACRONYM)" whose initials spell it, the first capitalised and
    their head word a body's, are that body: added where no mention covers them, with the acronym there and
    wherever else it stands alone (the body the reference knows by the acronym, if any)."""
    for hit in _ACRONYM.finditer(b.text):
        acronym = re.sub(r"[&-]", "", hit.group(1))
        name = _spelled_name(b.text, hit.start(), acronym)
        if name is None or not b.free(*name):
            continue
        text = b.text[name[0]:name[1]]
        known = next((m for m in b.mentions if m.start == hit.start(1) and m.end == hit.end(1)), None)
        type_ = b.actors[known.actor].type if known is not None else b.linker.org_type(text)
        if type_ not in ORG_TYPES:
            continue
        key = known.actor if known is not None else slugify(text)
        b.add(name[0], name[1], key, "ner", type_, text)
        for other in re.finditer(rf"(?<![\w-]){re.escape(hit.group(1))}(?![\w-])", b.text):
            if b.free(*other.span()):
                b.add(other.start(), other.end(), key, "acronym")


def _spelled_name(text: str, paren: int, acronym: str) -> tuple[int, int] | None:
    """(start, end) of the fewest words right before `paren`, on its line and with nothing but spaces between them,
    whose initials (with or without the particles') are `acronym`, the first capitalised; None if none."""
    end = len(text[:paren].rstrip())
    line = text.rfind("\n", 0, end) + 1
    words = list(_WORD.finditer(text, line, end))
    words = [w for w in words if w.end() <= end]
    for k in range(1, min(_LONGEST, len(words)) + 1):
        run = words[-k:]
        if any(text[a.end():b.start()].strip() for a, b in zip(run, run[1:])) or text[run[-1].end():end].strip():
            return None  # (only spaces between the words)
        content = [w.group() for w in run if w.group().lower() not in _PARTICLES]
        spelled = {"".join(w[0] for w in content).upper(), "".join(w.group()[0] for w in run).upper()}
        if run[0].group()[0].isupper() and acronym in spelled:  # ("Union Des Artistes", "Association québécoise
            return run[0].start(), run[-1].end()  # de la production médiatique": a particle's letter or none)
    return None
