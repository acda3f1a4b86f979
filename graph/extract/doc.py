"""What the extraction reads off a parsed doc besides spaCy's own attributes: its text joined once, the actor label."""
from __future__ import annotations

import functools

#: The entity label of the reference actors ruled in before the statistical NER (graph/nlp.py).
ACTOR_LABEL = "ACTOR"


@functools.lru_cache(maxsize=2)
def doc_text(doc) -> str:
    """The doc's text, joined once: spaCy joins the tokens again on every `doc.text`, and the extraction
    mechanisms read it for every frame."""
    text = doc.user_data.get("guildgraph_text")
    if text is None:
        text = doc.user_data["guildgraph_text"] = doc.text
    return text
