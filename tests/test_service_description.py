"""The SPARQL 1.1 Service Description: `GET /sparql` without a query, over real HTTP on 127.0.0.1, parsed by rdflib
in each RDF format `Accept` may ask for; what it states matches what the endpoint does."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph.exports import FORMATS, RDF_FORMATS
from graph.namespaces import ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH
from graph.serve import MEDIA_TYPES
from graph.service_description import GRAPH_FORMAT_IRIS, RESULT_FORMAT_IRIS, SD, generate_service_description
from graph.store import open_store

from .test_export import parse_dataset
from .test_serve import request, running

FORMATS_NS = "http://www.w3.org/ns/formats/"
SH = PREFIXES["sh"]


@pytest.fixture(scope="module")
def server(built):
    with open_store(built[0], read_only=True) as store, running(store) as srv:
        yield srv


def description(server, accept: str | None = None, path: str = "/sparql") -> tuple[Graph, str]:
    """(the description parsed, its media type)."""
    status, headers, body = request(server, path=path, headers={"Accept": accept} if accept else {})
    assert status == 200, body
    media = headers["Content-Type"].split(";")[0]
    rdflib_format = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/rdf+xml": "xml",
                     "application/n-triples": "nt"}[media]
    graph = Graph()
    for s, p, o, _ in parse_dataset(body, rdflib_format).quads():  # JSON-LD wants a dataset
        graph.add((s, p, o))
    return graph, media


def the_service(graph: Graph) -> URIRef:
    (service,) = graph.subjects(RDF.type, SD.Service)
    return service


def test_turtle_by_default_stating_the_endpoint_language_and_result_formats(server):
    graph, media = description(server)
    assert media == "text/turtle"
    service = the_service(graph)
    assert set(graph.objects(service, SD.endpoint)) == {URIRef(server.url)}
    # read-only: SPARQL 1.1 Query, and no Update
    assert set(graph.objects(service, SD.supportedLanguage)) == {SD.SPARQL11Query}
    formats = {str(f) for f in graph.objects(service, SD.resultFormat)}
    assert {FORMATS_NS + name for name in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV",
                                          "SPARQL_Results_TSV", "Turtle", "N-Triples", "JSON-LD", "RDF_XML")} <= formats
    assert SD.UnionDefaultGraph in set(graph.objects(service, SD.feature))


@pytest.mark.parametrize("accept,media", [
    ("application/ld+json", "application/ld+json"),
    ("application/rdf+xml", "application/rdf+xml"),
    ("application/n-triples;q=0.9, text/turtle;q=0.1", "application/n-triples"),
    ("text/html,application/xhtml+xml,*/*;q=0.8", "text/turtle"),  # a browser
])
def test_the_format_accept_asks_for_says_the_same(server, accept, media):
    graph, got = description(server, accept)
    assert got == media
    turtle, _ = description(server)
    assert len(graph) == len(turtle) and set(graph) == set(turtle)


def test_the_default_dataset_is_described(server):
    graph, _ = description(server)
    (dataset,) = graph.objects(the_service(graph), SD.defaultDataset)
    assert (dataset, RDF.type, SD.Dataset) in graph
    assert "union of the named graphs" in str(graph.value(dataset, URIRef("http://purl.org/dc/terms/description")))
    (default_graph,) = graph.objects(dataset, SD.defaultGraph)
    assert (default_graph, RDF.type, SD.Graph) in graph
    names = {graph.value(g, SD.name) for g in graph.objects(dataset, SD.namedGraph)}
    assert names == {ONTOLOGY_GRAPH, REFERENCE_GRAPH}


def test_the_predefined_prefixes_are_declared(server):
    graph, _ = description(server)
    declared = {str(graph.value(d, URIRef(SH + "prefix"))): graph.value(d, URIRef(SH + "namespace"))
                for d in graph.objects(None, URIRef(SH + "declare"))}
    assert declared == {p: Literal(iri, datatype=XSD.anyURI) for p, iri in PREFIXES.items()}


def test_the_endpoint_url_is_the_one_the_client_used(server):
    port = server.server_address[1]
    graph, _ = description(server, path="/query")
    assert set(graph.objects(the_service(graph), SD.endpoint)) == {URIRef(f"http://127.0.0.1:{port}/query")}
    status, _, body = request(server, headers={"Host": f"localhost:{port}"})
    assert status == 200 and f"<http://localhost:{port}/sparql>" in body
    # a Host header that is no host name is not written into an IRI
    status, _, body = request(server, headers={"Host": "evil> <x"})
    assert status == 200 and "evil" not in body and f"<{server.url}>" in body


def test_it_states_every_format_the_endpoint_answers_in():
    """The description's format tables cover graph/serve.py's result formats and graph/exports.py's RDF formats."""
    assert set(RESULT_FORMAT_IRIS) == set(MEDIA_TYPES)
    assert set(GRAPH_FORMAT_IRIS) == set(RDF_FORMATS) and set(RDF_FORMATS) <= set(FORMATS)
    a = generate_service_description("http://127.0.0.1:1/sparql")
    assert a == generate_service_description("http://127.0.0.1:1/sparql")  # no blank nodes: same URL, same triples
    assert all(isinstance(term, (URIRef, Literal)) for triple in a for term in triple)
