"""Service description: the endpoint described in the SPARQL 1.1 Service Description vocabulary, as RDF triples.

`GET /sparql` without a query answers it (W3C SPARQL 1.1 Service Description, section 2), in Turtle unless the
`Accept` header asks for another RDF format of graph/exports.py's registry. It states the endpoint, the language
(SPARQL 1.1 Query only: the endpoint is read-only), the result formats by their W3C format IRIs, the default
dataset (its default graph is the union of the named graphs) and the prefixes every query may use undeclared
(as SHACL prefix declarations). The nodes are IRIs minted from the endpoint's URL, so the same URL gives the same
bytes.
"""
from __future__ import annotations

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from .namespaces import ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH

SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
FORMATS = Namespace("http://www.w3.org/ns/formats/")
ENTAILMENT = Namespace("http://www.w3.org/ns/entailment/")
SH = Namespace(PREFIXES["sh"])
#: prefixes for writing the description (besides the project's)
SD_PREFIXES = {"sd": str(SD), "formats": str(FORMATS), "entailment": str(ENTAILMENT)}

#: SELECT/ASK result formats (graph/serve.py's names) -> their W3C format IRIs
RESULT_FORMAT_IRIS = {
    "json": FORMATS.SPARQL_Results_JSON,
    "xml": FORMATS.SPARQL_Results_XML,
    "csv": FORMATS.SPARQL_Results_CSV,
    "tsv": FORMATS.SPARQL_Results_TSV,
}
#: CONSTRUCT/DESCRIBE formats (graph/exports.py's RDF format names) -> their W3C format IRIs
GRAPH_FORMAT_IRIS = {
    "turtle": FORMATS.Turtle,
    "trig": FORMATS.TriG,
    "nquads": FORMATS["N-Quads"],
    "ntriples": FORMATS["N-Triples"],
    "jsonld": FORMATS["JSON-LD"],
    "xml": FORMATS.RDF_XML,
}

TITLE = "guildgraph SPARQL endpoint"
DESCRIPTION = (
    "A read-only SPARQL 1.1 Protocol endpoint over the guildgraph knowledge graph of Hollywood labor relations. "
    "It answers SPARQL 1.1 queries (GET, or POST with a query body or form) and refuses updates (403). "
    "The prefixes it declares (sh:declare) may be used in a query without a PREFIX line. "
    "The query page at / offers YASGUI and the named queries.")
DATASET_DESCRIPTION = (
    "One named graph per article (its facts with their evidence), the ontology and the curated reference data. "
    "The default graph is the union of the named graphs; default-graph-uri and named-graph-uri are refused: "
    "use GRAPH in the query.")
NAMED_GRAPHS = {
    ONTOLOGY_GRAPH: "The ontology (hl:), with the SKOS scheme of bargaining issues.",
    REFERENCE_GRAPH: "Curated reference data: actors with their aliases and Wikidata links.",
}


def generate_service_description(endpoint_url: str) -> list[tuple[URIRef, URIRef, URIRef | Literal]]:
    """The triples that describe the endpoint at `endpoint_url` (an absolute http(s) URL)."""
    service = URIRef(f"{endpoint_url}#service")
    dataset = URIRef(f"{endpoint_url}#dataset")
    default_graph = URIRef(f"{endpoint_url}#default-graph")
    prefixes = URIRef(f"{endpoint_url}#prefixes")
    triples = [
        (service, RDF.type, SD.Service),
        (service, SD.endpoint, URIRef(endpoint_url)),
        (service, SD.supportedLanguage, SD.SPARQL11Query),
        (service, SD.feature, SD.UnionDefaultGraph),
        (service, SD.defaultEntailmentRegime, ENTAILMENT.Simple),
        (service, SD.defaultDataset, dataset),
        (service, DCTERMS.title, Literal(TITLE)),
        (service, DCTERMS.description, Literal(DESCRIPTION)),
        (service, RDFS.seeAlso, prefixes),
        (dataset, RDF.type, SD.Dataset),
        (dataset, DCTERMS.description, Literal(DATASET_DESCRIPTION)),
        (dataset, SD.defaultGraph, default_graph),
        (default_graph, RDF.type, SD.Graph),
        (default_graph, DCTERMS.description, Literal("The union of the named graphs (each triple once).")),
        (prefixes, RDF.type, OWL.Ontology),
        (prefixes, RDFS.label, Literal("The prefixes predefined in every query")),
    ]
    triples += [(service, SD.resultFormat, iri) for iri in (*RESULT_FORMAT_IRIS.values(), *GRAPH_FORMAT_IRIS.values())]
    for name, description in NAMED_GRAPHS.items():
        node = URIRef(f"{endpoint_url}#graph-{name.rsplit('/', 1)[-1]}")
        triples += [(dataset, SD.namedGraph, node), (node, RDF.type, SD.NamedGraph), (node, SD.name, name),
                    (node, DCTERMS.description, Literal(description))]
    for prefix, namespace in PREFIXES.items():
        node = URIRef(f"{endpoint_url}#prefix-{prefix}")
        triples += [(prefixes, SH.declare, node), (node, SH.prefix, Literal(prefix)),
                    (node, SH.namespace, Literal(namespace, datatype=XSD.anyURI))]
    return triples


__all__ = ["generate_service_description", "RESULT_FORMAT_IRIS", "GRAPH_FORMAT_IRIS", "SD", "SD_PREFIXES"]
