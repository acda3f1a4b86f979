"""What the extraction reads off a parsed doc besides spaCy's own attributes: its text joined once, its headings and
bulleted lists, the actor label."""
from __future__ import annotations

import functools
import re

#: The entity label of the reference actors ruled in before the statistical NER (graph/nlp.py).
ACTOR_LABEL = "ACTOR"

#: The marks that open a bulleted line ("- Wages: raises of 9% ...").
BULLET_MARKS = ("-", "\u2022", "*", "\u2013", "\u2014")
#: A line that opens on a short label and a colon, as an item of a list does without a bullet ("RESIDUALS: A 30%
#: bump ...", "Health plan: 12% of covered earnings").
#: A line that opens on its number in a numbered list ("1. Wages. Scale rates would go up 7% ...", "2) Rest").
_NUMBERED_ITEM = re.compile(r"[ \t]*\d{1,2}[.)][ \t]+\S")
_LABELLED_ITEM = re.compile(r"[ \t]*[A-Z][\w&/'-]*(?:[ \t]+[\w&/'-]+){0,3}:[ \t]+\S")


@functools.lru_cache(maxsize=2)
def doc_text(doc) -> str:
    """The doc's text, joined once: spaCy joins the tokens again on every `doc.text`, and the extraction
    mechanisms read it for every frame."""
    text = doc.user_data.get("guildgraph_text")
    if text is None:
        text = doc.user_data["guildgraph_text"] = doc.text
    return text


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


def bulleted_after_colon(doc, sent, clause: frozenset[int]) -> frozenset[int]:
    """The tokens of the bulleted lines that a clause ending its sentence in a colon introduces ("When talks
    opened, the union asked for:" then "- Wages: raises of 9% ...", "- AI: consent ..."): what it asks or
    offers."""
    last = next((t for t in reversed(sent) if not t.is_space), None)
    if last is None or last.text != ":" or not clause or max(clause) < last.i - 1:
        return frozenset()
    text = doc_text(doc)
    out: set[int] = set()
    pos = last.idx + 1
    bulleted = None  # the kind of item the list opened with: bulleted lines or labelled ones, never mixed
    while True:
        nl = text.find("\n", pos)
        if nl < 0:
            break
        start = nl + 1
        while start < len(text) and text[start] == "\n":
            start += 1
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        kind = text[start:end].lstrip().startswith(BULLET_MARKS) or bool(_NUMBERED_ITEM.match(text, start, end))
        if not kind and (not _LABELLED_ITEM.match(text, start, end) or text[start:end].rstrip().endswith(":")) \
                or bulleted is not None and kind != bulleted:
            break  # (a labelled line that opens a list of its own: "The alliance's answer: its offer included:")
        bulleted = kind
        line = doc.char_span(start, end, alignment_mode="expand")
        if line is None:
            break
        out.update(range(line.start, line.end))
        pos = end
    return frozenset(out)


_TIME_NOUNS = frozenset({"day", "night", "eve", "week", "morning", "afternoon", "evening", "weekend"})


def listed_after_colon(sent, clause: frozenset[int]) -> frozenset[int]:
    """The rest of the sentence after a colon that closes a clause ("when the alliance put its offer on the table:
    raises of 4% ..."): the list of what it offers or asks, wherever the parse hangs it. Not a clause of its own
    ("turned the offer down: members had voted 97% to strike")."""
    if not clause:
        return frozenset()
    colon = max(clause) + (sent.doc[max(clause)].text != "):")  # (the colon the clause took with its bracket)
    if colon + 1 < sent.end and sent.doc[colon].text == "," and any(
            t.lower_ in _TIME_NOUNS for t in sent.doc[colon + 1:colon + 4]):
        # (a time in apposition between: "the offer it made on April 30, THE DAY BEFORE the contract ran out: ...")
        colon = next((t.i for t in sent.doc[colon:min(sent.end, colon + 14)] if t.text == ":"), sent.end)
    elif colon < sent.end and sent.doc[colon].text == "(":  # (a time in brackets between: "The alliance's
        # counteroffer (at a session on Tuesday, March 21): raises of 4% ...")
        colon = next((t.i for t in sent.doc[colon:min(sent.end, colon + 20)] if t.text.startswith(")")), sent.end)
        colon += colon + 1 < sent.end and sent.doc[colon].text == ")" and sent.doc[colon + 1].text == ":"
    if colon >= sent.end or sent.doc[colon].text not in (":", "):"):  # (the tokenizer keeps "):" whole)
        return frozenset()
    rest = sent.doc[colon + 1:sent.end]
    if any(not colon < t.head.head.i < sent.end or t.head.head.i == t.head.i
           for t in rest if t.dep_ in ("nsubj", "nsubjpass")):
        return frozenset()  # (a subject of a clause inside an item is no clause of its own: "a pledge to tell
        # writers when AI tools HAVE BEEN USED")
    return frozenset(range(colon + 1, sent.end))
