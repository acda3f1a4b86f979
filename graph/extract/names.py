"""Names the statistical model misses or cuts wrongly: union locals ("IBEW Local 40", "IATSE Local 479", a bare
"Local 399" after its union), names with commas and runs of capitals that end in a union's or an association's head
word."""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..ingest import slugify
from ..reference import ORG_TYPES
from .doc import ACTOR_LABEL, doc_text

LOCAL = re.compile(r"(?<![\w-])(?:(?=\S*[A-Z]\S*[A-Z])[A-Za-z!&.'-]+\s+){1,2}Local\s+\d+\b")  # "IBEW Local 40"
BARE_LOCAL = re.compile(r"(?<![\w-])Local\s+\d+\b")  # "Local 399", a local named alone after its union
UNION_LOCAL = re.compile(r"\s+Local\s+\d+\b")  # after a union's name: "IATSE Local 479"
_WORD = r"[A-Z][\w'\u2019-]*"
_COMMA_NAME = re.compile(rf"\b(?!The\b){_WORD}(?:\s+{_WORD})*\s+of\s+(?:the\s+)?{_WORD}(?:\s+{_WORD})*"
                         rf"(?:,\s+{_WORD}(?:\s+{_WORD})*)+,?\s+and\s+{_WORD}(?:\s+{_WORD})*")
_BODY_NAME = re.compile(rf"\b(?!The\b){_WORD}(?:\s+(?:of\s+|and\s+|for\s+)?{_WORD}){{0,4}}\s+(?:Guild|Union|"
                        r"Association|Alliance|Federation|Brotherhood|Artists|Workers|Employees|Musicians|Crafts|"
                        r"Society)\b(?![\w'\u2019-]|\s+(?:of\s+|and\s+)?[A-Z0-9])")  # the whole name, or none


def quoted_title(text: str, start: int, end: int) -> bool:
    """A name that is all of a quotation ("The movie is \u201cSparrow Hill,\u201d a thriller"), or the last item of a
    quoted slogan ("signs reading \u201cTop Tier Show, Bottom Tier Pay.\u201d"): a work's title, a sign's words."""
    if not _CLOSING_QUOTE.match(text, end):
        return False
    line = text[text.rfind("\n", 0, start) + 1:start]
    return start > 0 and text[start - 1] in _OPENING_QUOTES or line.endswith(", ") and bool(
        re.search(f"[{_OPENING_QUOTES}][^{_OPENING_QUOTES}\u201d]*$", line))


_OPENING_QUOTES = "\"\u201c"
_CLOSING_QUOTE = re.compile("[,.!?]?[\"\u201d]")


def national_key(name: str, linker) -> str:
    """The key of a union of a country, whichever of the country's names it is written with ("Equity NZ" is
    Equity New Zealand)."""
    for country, short_names in linker.lexicon.actors.get("national_branches", {}).items():
        for short in short_names:
            if name.endswith(" " + short):
                return slugify(name[:-len(short)] + country)
    return slugify(name)


_CAPITALISED_BEFORE = re.compile(r"[A-Z][\w.'\u2019-]*\s+$")  # a run after one would be the end of a longer name


def add_unseen(b, text: str, linker, blocked, in_heading, longer: list[Span]) -> None:
    """Names with commas and bodies named by their head word, where the statistical model saw none or cut them,
    then the `longer` names found around reference ones (`b` is the mentions' builder: `free` and `add`)."""
    for hit in _COMMA_NAME.finditer(text):
        # "the Alliance of Canadian Cinema, Television and Radio Artists": one name, commas and all, that the
        # statistical model cuts in two
        start, end, name = hit.start(), hit.end(), hit.group()
        type_ = linker.org_type(name)
        if type_ in ORG_TYPES and b.free(start, end) and start not in in_heading:
            b.add(start, end, slugify(name), "ner", type_, name)
    for hit in _BODY_NAME.finditer(text):
        # "the Canadian Media Producers Association", "IATSE Local 479" aside: a run of capitalised words that
        # ends in the head word of a union or an association is one, where the statistical model saw none
        start, end, name = hit.start(), hit.end(), hit.group()
        type_ = linker.org_type(name)
        if type_ in ("Guild", "EmployerAssociation") and b.free(start, end) and start not in blocked \
                and not linker.not_actors.search(name):
            b.add(start, end, slugify(name), "ner", type_, name)
    for hit in linker.company_name.finditer(text):
        # "crews at Harbor Lane Films walked out": a company by its head word, where the model saw no name
        start, end, name = hit.start(), hit.end(), hit.group()
        if b.free(start, end) and start not in blocked and linker.org_type(name) == "Studio" \
                and not _CAPITALISED_BEFORE.search(text, max(0, start - 40), start):
            b.add(start, end, slugify(name), "ner", "Studio", name)
    for span in longer:
        if b.free(span.start_char, span.end_char):
            b.add(span.start_char, span.end_char, national_key(span.text, linker), "ner",
                  linker.org_type(span.text) or "Guild",
                  span.text)  # (a national branch's name ends in its country)


def add_union_local(b, text: str, ent: Span, reference) -> bool:
    """A union's name before "Local N" ("IATSE Local 479"): the local, a body of its own that is part of the
    union; whether it was added."""
    local = UNION_LOCAL.match(text, ent.end_char) if reference.actors[ent.ent_id_].type == "Guild" else None
    if local is None or not b.free(ent.start_char, local.end()):
        return False
    name = text[ent.start_char:local.end()]
    b.add(ent.start_char, local.end(), slugify(name), "ner", "Guild", name)
    b.actors[slugify(name)].part_of = ent.ent_id_
    return True


_APPOSED_LOCAL = re.compile(r",?\s*\(?(Local\s+\d+)\b")
_UNION_BEFORE = re.compile(r"[A-Z][\w.'!&-]*\s+$")  # "IBEW Local 40": a union's name before the number
_LOCAL_BEFORE = re.compile(r"(?<![\w-])(Local\s+\d+),\s+(?:the\s+)?$")


def _local_number(text: str) -> str | None:
    """"Local 399" in `text`, its spacing made single, or None."""
    hit = re.search(r"Local\s+\d+", text or "")
    return re.sub(r"\s+", " ", hit.group()) if hit else None


def bare_locals(b) -> None:
    """"Local 399" after "Teamsters Local 399" is the same local, and so is "Local 802" after "the Associated
    Musicians of Greater New York, Local 802 of the AFM" (a guild's number given in apposition)."""
    guilds = [m for m in b.mentions if b.actors[m.actor].type == "Guild"]
    locals_ = {n: m.actor for m in guilds if (n := _local_number(b.actors[m.actor].label))}
    for m in guilds:
        if _local_number(b.actors[m.actor].label):
            continue
        if (named := _local_number(m.text)) is not None:  # "IATSE Local 800" for the ADG
            locals_.setdefault(named, m.actor)
            continue
        hit = _APPOSED_LOCAL.match(b.text, m.end)
        before = _LOCAL_BEFORE.search(b.text, max(0, m.start - 24), m.start)  # "Local 600, the ICG"
        if hit and hit.group()[:1] in ",(":
            locals_.setdefault(_local_number(hit.group(1)), m.actor)
        elif before:
            locals_.setdefault(_local_number(before.group(1)), m.actor)
    for hit in BARE_LOCAL.finditer(b.text):
        name = _local_number(hit.group())
        key = locals_.get(name)
        if key and b.free(*hit.span()):
            b.add(hit.start(), hit.end(), key, "surname")
        elif b.free(*hit.span()) and not _UNION_BEFORE.search(b.text, max(0, hit.start() - 30), hit.start()):
            b.add(hit.start(), hit.end(), slugify(name), "ner", "Guild", name)  # a local known by its number


def hyphen_joined(doc: Doc, i: int) -> bool:
    """Whether a capitalised word follows token `i` across a hyphen with no space: one name ("Sanchez-Witzel")."""
    return i + 2 < len(doc) and doc[i + 1].text == "-" and not doc[i].whitespace_ \
        and not doc[i + 1].whitespace_ and doc[i + 2].is_title and doc[i + 2].is_alpha


#: labels the small model gives people whose apposition tells what they are ("Philippa Anand-Mortimer, then
#: president of ..." after a quote as a work of art)
_MISREAD_PEOPLE = frozenset({"GPE", "ORG", "NORP", "LOC", "FAC", "WORK_OF_ART"})


def repaired_entities(doc: Doc, linker) -> list[Span]:
    """The statistical entities with the small model's usual slips mended: a person read as a place or a body (after
    a title, with an apposition of a title, "a" someone or an age), a court split from its country ("U.S." +
    "District Court"), and a speaker, a verb of saying and an outlet read as one name."""
    titles = linker.title_words
    bodies = linker.body_words
    places = frozenset(linker.lexicon.actors.get("place_nouns", ()))
    units = frozenset(linker.lexicon.actors["unit_words"])
    says = linker.lexicon.say_verbs
    ents = list(doc.ents)
    out = []
    skip = -1
    for i, ent in enumerate(ents):
        if i == skip:
            continue
        if ent.label_ != "PERSON" and (cut := next((t.i for t in ent[1:-1] if t.is_lower and t.lemma_ in says), 0)):
            first = "PERSON" if linker.org_type(doc[ent.start:cut].text) is None else ent.label_
            out += [Span(doc, ent.start, cut, label=first), Span(doc, cut + 1, ent.end, label=ent.label_)]
            continue  # "Tolhurst TOLD Animation Magazine": a speaker, a verb of saying and an outlet read as one name
        if i + 1 < len(ents) and ents[i + 1].start == ent.end and len(ent) == 1 and len(ents[i + 1]) == 1 \
                and {ent.label_, ents[i + 1].label_} <= {"GPE", "ORG", "NORP", "LOC"}:
            # "Its chief executive, Felicity Harland, said": a name tagged as two places, one word each
            pair = Span(doc, ent.start, ents[i + 1].end, label=ent.label_)
            if _titled_apposition(doc, pair, linker):
                out.append(Span(doc, pair.start, pair.end, label="PERSON"))
                skip = i + 1
                continue
        if ent.label_ in _MISREAD_PEOPLE and (2 <= len(ent) <= 3 and all(
                t.shape_.startswith("X") and t.is_alpha for t in ent) or _person_shaped(ent)) and ent.end < len(doc) \
                and doc[ent.end].text == ",":
            window = doc[ent.end + 1: min(len(doc), ent.end + 14)]
            stop = next((t.i for t in window if t.text in (";", ".", '"') or t.pos_ == "VERB"), window.end)
            nouns = [t for t in doc[ent.end + 1: stop] if t.pos_ == "NOUN"]
            someone = doc[ent.end + 1].lower_ in ("a", "an") and nouns and nouns[0].tag_ == "NN" and not any(
                t.lemma_.lower() in bodies or t.lemma_.lower() in places for t in nouns)  # "a dolly grip", not "a
            # production company", "a city south of Los Angeles" or "a few blocks from the studio"
            aged = doc[ent.end + 1].like_num and len(doc[ent.end + 1]) == 2 and doc[ent.end + 2:ent.end + 3].text == ","
            if (someone or aged or any(t.lower_ in titles for t in doc[ent.end + 1: stop])) \
                    and linker.org_type(ent.text) is None and not linker.organisation_word.search(ent.text):
                out.append(Span(doc, ent.start, ent.end, label="PERSON"))
                continue
        if ent.label_ in _MISREAD_PEOPLE and _titled_apposition(doc, ent, linker):
            out.append(Span(doc, ent.start, ent.end, label="PERSON"))  # "Quarrystone's president, Leah Okafor-Brandt,"
            continue
        if ent.label_ == "ORG" and ent[-1].text == "Court":  # "... District Court for the Central District of
            ent = Span(doc, ent.start, _court_district_end(doc, ent.end) or ent.end, label="ORG")  # California"
        if ent.label_ == "ORG" and out and (out[-1].label_ == "GPE" or out[-1][-1].text == "U.S.") \
                and out[-1].end == ent.start:  # ("U.S." + "District Court", "the U.S." read as a body)
            out[-1] = Span(doc, out[-1].start, ent.end, label="ORG")
            continue
        if ent.label_ == "ORG" and i and ents[i - 1].label_ == ACTOR_LABEL and ents[i - 1].end == ent.start \
                and all(t.text in units for t in ent):
            continue  # "Sony" + "Group Corp.": a unit of the reference company's name, made whole later
        if ent.label_ == "ORG" and ent[-1].text == "Local" and ent.end < len(doc) and doc[ent.end].like_num:
            out.append(Span(doc, ent.start, ent.end + 1, label="ORG"))  # "UA Local" + "78"
            continue
        out.append(with_company_suffix(doc, ent, linker.company_suffixes) if ent.label_ != "PERSON"
                   else _whole_hyphenated_name(doc, ent, linker))
    return [e for e in out if not all(t.text in linker.company_suffixes for t in e)]


def _court_district_end(doc: Doc, i: int) -> int | None:
    """Where "for the Central District of California" after a court's name ends (None: no such phrase)."""
    if [t.text for t in doc[i:i + 2]] != ["for", "the"]:
        return None
    k = i + 2
    while k < len(doc) and doc[k].is_title and doc[k].text != "District":
        k += 1
    if k + 2 >= len(doc) or doc[k].text != "District" or doc[k + 1].text != "of" or not doc[k + 2].is_title:
        return None
    k += 2
    while k < len(doc) and doc[k].is_title and doc[k].pos_ == "PROPN":
        k += 1
    return k


def labels_someone(tok: Token, linker) -> bool:
    """A title or a trade, which a person's name may follow but is no part of ("Chief Executive", "showrunner")."""
    return tok.lower_ in linker.title_words or linker.described.types.get((tok.lower_,)) == "Person"


def _whole_hyphenated_name(doc: Doc, ent: Span, linker) -> Span:
    """A person's name the small model cuts (or lengthens): at a double-barrelled surname's hyphen ("Dolores
    Archuleta" + "-Kent", "Tomasz" + "Whitlow-Brennan"), or a surname tagged without its first name ("Clodagh" +
    "Strathearn")."""
    start, end = ent.start, ent.end
    if hyphen_joined(doc, end - 1) and not doc[end + 1].ent_type_:
        end += 2
    while end - start > 2 and labels_someone(doc[start], linker):
        start += 1  # a trade or title the model took into the name: "SHOWRUNNER Pascual Mendivil is elected"
    before = doc[start - 1] if start else None
    first_name = end - start == 1 and before is not None and before.dep_ == "compound" and before.head.i == start \
        and before.lower_ not in linker.lexicon.honorifics | linker.title_words  # (not "Judge Hoyle", "Mr Kinsella")
    if before is not None and (hyphen_joined(doc, start) or first_name) and before.pos_ == "PROPN" and before.is_title \
            and before.is_alpha and not before.ent_type_ and before.whitespace_ and before.lower_ not in \
            linker.title_words and not (start >= 2 and doc[start - 2].is_title and doc[start - 2].pos_ == "PROPN"):
        start -= 1
    return Span(doc, start, end, label="PERSON") if (start, end) != (ent.start, ent.end) else ent


def _titled_apposition(doc: Doc, ent: Span, linker) -> bool:
    """A person's name after a title, read as a place or a body ("its president, Leah Brandt, said", "President X")."""
    k = ent.start - 1 - (ent.start >= 2 and doc[ent.start - 1].text == "," and doc[ent.end:ent.end + 1].text == ",")
    return k >= 0 and doc[k].lower_ in linker.title_words and _person_shaped(ent) and not any(
        t.lower_ in linker.title_words for t in ent) and linker.org_type(ent.text) is None \
        and not linker.organisation_word.search(ent.text)


def _person_shaped(ent: Span) -> bool:
    """Two or three capitalised words, one of them perhaps joined by a hyphen ("Leah Okafor-Brandt")."""
    words = [t for t in ent if t.text != "-"]
    hyphens = [t for t in ent if t.text == "-"]
    return 2 <= len(words) <= 3 and len(hyphens) <= 1 and all(t.is_title and t.is_alpha for t in words) and \
        all(0 < t.i - ent.start < len(ent) - 1 and not t.whitespace_ for t in hyphens)


def with_company_suffix(doc: Doc, ent: Span, suffixes: frozenset[str]) -> Span:
    """A company's name with its legal suffix, which the small model leaves out ("Formosa Interactive" + "LLC") or
    tags alone ("Blindlight" + "LLC"): the capitalised words before a lone suffix are its name; a suffix set off
    by a comma is left out ("Sablewood Media Group, Inc.")."""
    if ent.label_ != "ORG":
        return ent
    start, end = ent.start, ent.end
    if len(ent) >= 3 and ent[-1].text in suffixes and ent[-2].text == ",":
        return Span(doc, start, end - 2, label="ORG")  # "Sablewood Media Group, Inc.": named without it in news
    if all(t.text in suffixes for t in ent):
        while start > 0 and ent.start - start < 3 and doc[start - 1].is_title and doc[start - 1].is_alpha \
                and not doc[start - 1].is_sent_start and doc[start - 1].ent_type_ in ("", "ORG"):
            start -= 1
    elif end < len(doc) and doc[end].text in suffixes:
        end += 1
    return Span(doc, start, end, label="ORG") if (start, end) != (ent.start, ent.end) else ent


_UNTAGGED_OK = ("", "PERSON", "WORK_OF_ART", "PRODUCT")
_MISREAD = ("ORG", "GPE", "NORP", "FAC", "LOC")  # what the small model takes an unfamiliar person's name for


def untagged_people(b, doc: Doc, linker, plausible, blocked) -> dict[str, str]:
    """People the statistical model never tagged ("Delia Hargrove was elected president ..."): two or three
    capitalised words that could be a person's name and whose last one recurs alone later in the article, as news
    names a person again by surname ("Hargrove, 54, ..."). Returns surname -> the person's key."""
    found: dict[str, str] = {}

    def name_word(k: int) -> bool:
        return 0 <= k < len(doc) and doc[k].is_title and doc[k].pos_ == "PROPN"

    def word_end(k: int) -> int:  # one name word, a double-barrelled one whole ("Whitlow-Brennan")
        return k + 3 if hyphen_joined(doc, k) and doc[k + 2].pos_ == "PROPN" else k + 1

    # surnames after an honorific ("Ms. Hrabal"): a person's, whatever the model read their full name as
    honoured = {doc[k + 1].text for k in range(len(doc) - 1) if doc[k].lower_ in linker.lexicon.honorifics}
    alone: dict[str, list[int]] = {}  # a capitalised word standing alone -> where, in order
    for t in doc:  # ("Ms. Hargrove" is the surname alone)
        if name_word(t.i) and not (name_word(t.i - 1) and doc[t.i - 1].lower_ not in linker.lexicon.honorifics) \
                and not name_word(word_end(t.i)) \
                and not (t.i >= 2 and hyphen_joined(doc, t.i - 2)):
            alone.setdefault(doc[t.i:word_end(t.i)].text, []).append(t.i)
    i = 0
    while i < len(doc):
        if labels_someone(doc[i], linker) and doc[i].is_title:
            i += 1  # "Chief Executive Lionel Arkwright", "Showrunner Pascual Mendivil": a title or trade is no name
            continue
        j, words = i, 0
        while j < len(doc) and words < 3 and doc[j].pos_ == "PROPN" and doc[j].is_title and doc[j].is_alpha \
                and all(t.ent_type_ in _UNTAGGED_OK + _MISREAD for t in doc[j:word_end(j)]):
            j, words = word_end(j), words + 1
        if words < 2 or (i > 0 and doc[i - 1].is_title and doc[i - 1].pos_ == "PROPN"
                         and not labels_someone(doc[i - 1], linker)) or (
                j < len(doc) and doc[j].is_title and doc[j].pos_ == "PROPN"):
            i = max(j, i + 1)
            continue
        span = doc[i:j]
        name, last = span.text, span.text.split()[-1]
        start, end = span.start_char, span.end_char
        again = [k for k in alone.get(last, ()) if k >= j and b.free(doc[k].idx, doc[k].idx + len(doc[k]))]
        if any(t.ent_type_ in _MISREAD for t in span) and (last not in honoured or doc[i].ent_iob_ != "B" or any(
                t.ent_iob_ != "I" for t in span[1:]) or j < len(doc) and doc[j].ent_iob_ == "I"):
            i = j  # (an organisation or a place the model read, unless it is the whole name and "Ms." names a
            continue  # person by its last word after)
        if (again or _described_as_someone(span, linker.title_words)) and b.free(start, end) and start not in blocked \
                and plausible(name, linker) \
                and linker.org_type(name) is None and not linker.not_actors.search(name) \
                and not linker.organisation_word.search(name) \
                and not any(t.lower_ in linker.title_words for t in span):
            key = slugify(name)
            b.add(start, end, key, "ner", "Person", name)
            found.setdefault(last, key)
        i = j
    return {**_headline_people(b, doc, linker, plausible, blocked), **found}


def _described_as_someone(name: Span, title_words) -> bool:
    """A name with an apposition that a relative "who" tells of ("Makoa Kealoha, a location manager WHO has scouted"),
    or that is a title, the name a verb's subject ("X, senior VICE-PRESIDENT at the CMPA, wrote"); or a name a
    relative "who" or "whose" tells of itself ("Caoimhe Bellhouse, WHOSE work ... is among them, said"): a person's."""
    after = name.doc[name.end + 1] if name.end + 1 < len(name.doc) and name.doc[name.end].text == "," else None
    if after is not None and after.lower_ in ("who", "whose") and name[-1].dep_ in ("nsubj", "nsubjpass"):
        return True
    return any(a.dep_ == "appos" and a.i > name.end and (any(
        r.dep_ == "relcl" and any(w.lower_ == "who" and w.dep_ == "nsubj" for w in r.children) for r in a.children)
        or a.lower_ in title_words and name[-1].dep_ == "nsubj" and name[-1].head.pos_ == "VERB")
        for a in name[-1].children)


def _headline_people(b, doc: Doc, linker, plausible, blocked) -> dict[str, str]:
    """A person the model tags in the headline ("SAG-AFTRA's New President Ione Oyenuga on ...") but not where the
    body names them ("Ione Oyenuga had been president", read as nothing and a place): the same words in the body
    are that person. Returns surname -> the person's key."""
    found: dict[str, str] = {}
    for ent in doc.ents:
        name = ent.text
        if ent.label_ != "PERSON" or ent.start_char not in blocked or not _person_shaped(ent) \
                or not plausible(name, linker) or linker.org_type(name) is not None:
            continue
        for hit in re.finditer(rf"\b{re.escape(name)}\b", doc_text(doc)):
            if hit.start() not in blocked and b.free(hit.start(), hit.end()):
                b.add(hit.start(), hit.end(), slugify(name), "ner", "Person", name)
                found.setdefault(name.split()[-1], slugify(name))
    return found
