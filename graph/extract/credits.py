"""Credits: the reporters a story's byline and credit lines name ("By Ana Ruiz, Labor Dispatch", "(Reporting by
Ana Ruiz; Editing by Ben Ode)"), the outlet the byline gives, and the outlets sources speak to ("told KTLA 5 on
Monday")."""
from __future__ import annotations

import re

from ..ingest import slugify

_NAME_WORD = r"[A-Z\u00c0-\u00de][\w'\u2019.-]*"
_PERSON = rf"{_NAME_WORD}(?:[ ]{_NAME_WORD}){{1,3}}"
_IN = rf"(?:[ ]in[ ]{_NAME_WORD}(?:[ ]{_NAME_WORD})*)"  # "Reporting by Ana Ruiz IN LOS ANGELES and ..."
_ONE_OF = re.compile(rf"(?:^|(?<=,[ ])|(?<=[ ]and[ ])|(?<=[ ]&[ ])){_PERSON}")
_LINE_END = re.compile(r"[ \t]*(?:$|,[ ]|[|;)\u2014\u2013-])")  # what may follow a credit's names on its line
_HEADER_LINES = 10  # the lines of a story's headline, dek, byline and stamp (blank lines included): its header
_OUTLET = r"(?:The[ ]+)?[A-Z][\w.&'-]*(?:[ ]+[A-Z0-9][\w.&'-]*){0,4}"


class CreditPatterns:
    """The credit cues of the lexicon (actors.yaml `credits`) compiled once per pipeline."""

    def __init__(self, cues: dict):
        openers = "|".join(re.escape(w) for w in sorted(cues["openers"], key=len, reverse=True))
        # a credit opens a line, or follows "(", "--", "—" or "; " within one
        self.credit = re.compile(rf"(?m)(?:^|[(;]|--|\u2014|\u2013)[ \t]*(?:{openers})[ \t]+"
                                 rf"(?P<people>{_PERSON}{_IN}?(?:(?:,[ ]{_PERSON}{_IN}?)*,?[ ](?:and|&)[ ]{_PERSON}"
                                 rf"{_IN}?)?)(?P<rest>[^\n;)]*)")
        self.skips = re.compile(rf"^(?:{'|'.join(re.escape(w) for w in cues['line_skips'])})\b")
        self.titles = frozenset(cues.get("byline_titles", ()))
        beats = "|".join(re.escape(w) for w in sorted(self.titles | {w.lower() for w in self.titles}))
        # a byline with no "By": the name and the beat alone on a line ("Heulwen Penberthy Arts correspondent",
        # "... Arts and media correspondent")
        self.beat_line = re.compile(rf"(?m)^[ \t]*(?!(?:{openers})\b)(?P<people>{_NAME_WORD}[ ]{_NAME_WORD})[ ]+"
                                    rf"(?:{_NAME_WORD}[ ]+(?:(?:and|&)[ ]+[A-Za-z]+[ ]+)?){{0,2}}(?:{beats})[ \t]*$")
        # a byline with the date after a bar: "Temperance Oldcastle | June 10, 2076 @ 7:30 AM"
        self.bar_line = re.compile(rf"(?m)^[ \t]*(?!(?:{openers})\b)(?P<people>{_NAME_WORD}(?:[ ]{_NAME_WORD}){{1,2}})"
                                   rf"[ ]+\|[ ]+[^\n|]*\d[^\n|]*$")
        self.outlet_line = re.compile(rf"(?P<name>{_OUTLET})(?:,[^\n]*|[ ]+(?:staff[ ]writer|Staff[ ]Writer))?$")
        closers = "|".join(re.escape(w) for w in cues.get("contributed", ()))
        self.contributed = re.compile(rf"(?P<people>{_PERSON}{_IN}?(?:(?:,[ ]{_PERSON}{_IN}?)*,?[ ](?:and|&)[ ]"
                                      rf"{_PERSON}{_IN}?)?)[ ]+(?:{closers})\b") if closers else None
        listeners = "|".join(re.escape(w) for w in cues["listeners"])
        self.told = re.compile(rf"\b(?:{listeners})[ ]+(?P<the>the[ ]+)?(?P<name>{_OUTLET})"
                               r"(?=[ ]+(?:on|last|this|earlier|that|in)\b|[,.;])")


# an outlet's own dateline opening a line: "Law360, Los Angeles (February 16, 2073, 6:52 PM EST) -- "
_OUTLET_DATELINE = re.compile(r"(?<![^\n])[^\n,(]{2,40}(?:,[ ][A-Z][^\n,(]{1,30})?"
                              r"[ ]\([^)\n]*\d{4}[^)\n]*\)[ ]*(?:--|\u2014|\u2013)")


def add_credits(b, patterns: CreditPatterns, plausible) -> None:
    """Reporters and their outlets from credit lines, then the outlets sources talk to."""
    text = b.text
    for hit in patterns.contributed.finditer(text) if patterns.contributed else ():
        _add_people(b, hit, plausible, patterns.titles)
    top = len(text) - len(text.lstrip())  # (the header's own lines, after any blanked before it)
    head = text[:top + sum(len(line) for line in text[top:].splitlines(keepends=True)[:_HEADER_LINES])]
    for hit in [*patterns.beat_line.finditer(head), *patterns.bar_line.finditer(head)]:
        _free_beat(b, hit.start("people"), hit.end("people"), hit.end())
        _add_people(b, hit, plausible, patterns.titles)
    for hit in patterns.credit.finditer(text):
        rest = hit.group("rest")
        if not _LINE_END.match(rest) or rest.startswith(", ") and not patterns.outlet_line.fullmatch(rest[2:]):
            continue  # "By Friday Night the two sides ...", "By Labor Day, the two sides ...": a sentence
        _add_people(b, hit, plausible, patterns.titles)
        outlet = _byline_outlet(text, hit, patterns)
        if outlet is not None and not _place(b, *outlet):
            _add_outlet(b, *outlet)
    told = list(patterns.told.finditer(text))
    listened = {hit.start("name") for hit in told}
    for hit in told:
        s, e = hit.span("name")
        name = hit.group("name")
        named = [m.start() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text)
                 if m.start() not in listened and not _OUTLET_DATELINE.match(text, m.start())]
        if hit.group("the") and " " not in name and not b.linker.has_cue("MediaOutlet", name) or named:
            continue  # "told the Board" (not "the Guardian"); a company the union told is named again, an outlet seldom
            # (but as told again, or in its own dateline: "Law360, Los Angeles (February 16, 2073, 6:52 PM EST) --")
        if not _place(b, s, e) and not _person_named(b, s, e):
            _add_outlet(b, s, e)


def _free_beat(b, start: int, end: int, line_end: int) -> None:
    """A name the model ran on into the beat after it ("Ana Ruiz Arts" of "Ana Ruiz Arts and media correspondent")
    is given back, so that the byline's name alone is taken."""
    if any(m.start == start and end < m.end <= line_end for m in b.mentions):
        b.mentions = [m for m in b.mentions if not (m.start == start and end < m.end <= line_end)]
        b.taken[start:line_end] = b"\x00" * (line_end - start)


def _add_people(b, hit: re.Match, plausible, titles: frozenset[str]) -> None:
    """The people a credit's names group holds ("Ana Ruiz in Denver and Ben Ode")."""
    for person in _ONE_OF.finditer(hit.group("people")):
        s = hit.start("people") + person.start()
        words = person.group().rstrip(".").split()
        if len(words) > 2 and words[-1] in titles:
            words = words[:-2] if len(words) > 3 else words[:-1]  # "By Ana Ruiz Business Reporter" (a beat, a title)
        name = " ".join(words)
        e = s + len(name)
        if b.free(s, e) and plausible(name, b.linker) and b.linker.org_type(name) is None:
            b.add(s, e, slugify(name), "ner", "Person", name)


def _byline_outlet(text: str, hit: re.Match, patterns: CreditPatterns) -> tuple[int, int] | None:
    """The outlet a byline names after a comma ("By Ana Ruiz, Labor Dispatch") or on the very next line ("By Ana
    Ruiz" then "The Harbor Courier staff writer"), never a date, a place line or the story itself."""
    rest = hit.group("rest")
    if rest.startswith(", "):
        start = hit.start("rest") + 2
    elif not rest.strip() and text.startswith("\n", hit.end()) and not text.startswith("\n\n", hit.end()):
        start = hit.end() + 1
    else:
        return None
    end = text.find("\n", start)
    line = text[start:end if end >= 0 else len(text)]
    found = patterns.outlet_line.match(line)
    if found is None or patterns.skips.match(line) or len(line) > 80:
        return None
    name = found.group("name").rstrip(".")
    return start, start + len(name)


def _place(b, s: int, e: int) -> bool:
    span = b.doc.char_span(s, e, alignment_mode="expand")
    return span is not None and all(t.ent_type_ in ("GPE", "LOC") for t in span)


def _person_named(b, s: int, e: int) -> bool:
    """A listener whose name the statistical model reads as a person's ("told Dana Ruiz on Monday")."""
    span = b.doc.char_span(s, e, alignment_mode="expand")
    return span is None or any(t.ent_type_ == "PERSON" for t in span)


def _add_outlet(b, s: int, e: int) -> None:
    name = b.text[s:e]
    if name.startswith("The ") and not b.free(s, e):
        s, name = s + 4, name[4:]
    if len(name) < 2 or not b.free(s, e) or b.linker.not_actors.search(name) or b.linker.org_type(name) in (
            "Guild", "EmployerAssociation", "GovernmentAgency", "Studio") and not b.linker.has_cue("MediaOutlet", name):
        return
    b.add(s, e, slugify(name), "ner", "MediaOutlet", name)


_BYLINE = re.compile(r"[ \t]*By\s[^\n]{0,80}$")


def in_byline(text: str, pos: int) -> bool:
    """Whether a mention is in a byline ("By Clothilde Quilliam"): the reporter is no "she" of the story."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return bool(_BYLINE.match(text[start:end if end >= 0 else len(text)]))
