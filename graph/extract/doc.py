"""What the extraction reads off a parsed doc besides spaCy's own attributes: its text joined once, its headings, the
actor label."""
from __future__ import annotations

import functools
import re

#: The entity label of the reference actors ruled in before the statistical NER (graph/nlp.py).
ACTOR_LABEL = "ACTOR"

#: The marks that open a bulleted line ("- Wages: raises of 9% ...").
BULLET_MARKS = ("-", "\u2022", "*", "\u2013", "\u2014")


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
