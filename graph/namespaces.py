"""Namespaces: the hl: vocabulary (closed: a misspelt term raises; graph/vocab.py reads it from ontology/hl.ttl),
the hlr: individuals and the prefixes every serialization and query binds."""
from rdflib import Namespace, URIRef

from .prefixes import HL_IRI, HLR_IRI, ONTOLOGY_GRAPH_IRI, PREFIXES, REFERENCE_GRAPH_IRI
from .vocab import HL

HLR = Namespace(HLR_IRI)
ORG = Namespace(PREFIXES["org"])
SEM = Namespace(PREFIXES["sem"])
SCHEMA = Namespace(PREFIXES["schema"])


# Named graphs that hold curated reference data, apart from any article's graph.
ONTOLOGY_GRAPH = URIRef(ONTOLOGY_GRAPH_IRI)
REFERENCE_GRAPH = URIRef(REFERENCE_GRAPH_IRI)

__all__ = ["HL", "HL_IRI", "HLR", "HLR_IRI", "ORG", "SEM", "SCHEMA", "PREFIXES", "ONTOLOGY_GRAPH", "REFERENCE_GRAPH"]
