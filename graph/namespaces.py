"""Namespaces: the hl: vocabulary (closed: a misspelt term raises; graph/vocab.py reads it from ontology/hl.ttl),
the hlr: individuals and the prefixes every serialization and query binds."""
from rdflib import Namespace

from .vocab import HL, HL_IRI

HLR_IRI = "https://w3id.org/hollywood-labor/id/"


HLR = Namespace(HLR_IRI)
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")

#: Prefixes bound in every serialization and every query (README lists them).
PREFIXES = {
    "hl": HL_IRI,
    "hlr": HLR_IRI,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": str(SCHEMA),
    "org": str(ORG),
    "sem": str(SEM),
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
}

# Named graphs that hold curated reference data, apart from any article's graph.
ONTOLOGY_GRAPH = HLR["graph/ontology"]
REFERENCE_GRAPH = HLR["graph/reference"]

__all__ = ["HL", "HL_IRI", "HLR", "HLR_IRI", "ORG", "SEM", "SCHEMA", "PREFIXES", "ONTOLOGY_GRAPH", "REFERENCE_GRAPH"]
