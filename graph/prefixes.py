"""Prefixes: the namespace IRIs every serialization and query binds, as plain strings (no RDF library to import)."""
from __future__ import annotations

HL_IRI = "https://w3id.org/hollywood-labor/ontology#"
HLR_IRI = "https://w3id.org/hollywood-labor/id/"
#: Named graphs of curated reference data, apart from any article's graph (graph/namespaces.py has them as terms).
ONTOLOGY_GRAPH_IRI = HLR_IRI + "graph/ontology"
REFERENCE_GRAPH_IRI = HLR_IRI + "graph/reference"

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
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "sh": "http://www.w3.org/ns/shacl#",
    "wd": "http://www.wikidata.org/entity/",
}

__all__ = ["HL_IRI", "HLR_IRI", "ONTOLOGY_GRAPH_IRI", "PREFIXES", "REFERENCE_GRAPH_IRI"]
