"""Validate: the article graphs checked with pySHACL against ontology/shapes.ttl."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pyshacl import validate as shacl_validate
from rdflib import Graph

from .errors import InvalidArgument, SetupError
from .namespaces import ONTOLOGY_GRAPH, REFERENCE_GRAPH
from .reference import ONTOLOGY_DIR, load_reference

if TYPE_CHECKING:
    from .store import Store


def article_union(store: Store) -> Graph:
    """The union of the article graphs (reference graphs left out: they are curated, not extracted)."""
    g = Graph()
    for s, p, o, name in store.quads():
        if name not in (ONTOLOGY_GRAPH, REFERENCE_GRAPH):
            g.add((s, p, o))
    return g


def validate_store(store: Store, shapes: Path | None = None) -> tuple[bool, str]:
    """(conforms, the report text). The ontology is given as the ontology graph so subclasses count."""
    given, shapes = shapes is not None, shapes or ONTOLOGY_DIR / "shapes.ttl"
    try:
        shapes_graph = Graph().parse(shapes, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:  # rdflib's BadSyntax is a SyntaxError
        # the caller's file is a bad argument; our own missing or broken is a broken installation
        raise (InvalidArgument if given else SetupError)(f"cannot read the shapes {shapes}: {e}") from e
    conforms, _, text = shacl_validate(article_union(store), shacl_graph=shapes_graph,
                                       ont_graph=load_reference().ontology, inference="none",
                                       advanced=True, allow_warnings=True)
    return bool(conforms), text
