"""Namespaces: the closed hl: vocabulary (a misspelt term raises) and the hlr: individuals."""
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

HL_IRI = "https://w3id.org/hollywood-labor/ontology#"
HLR_IRI = "https://w3id.org/hollywood-labor/id/"


class HL(DefinedNamespace):
    """The guildgraph ontology (ontology/hl.ttl declares every term listed here)."""

    _fail = True
    _NS = Namespace(HL_IRI)

    # actors
    Actor: URIRef
    Organization: URIRef
    Guild: URIRef
    Studio: URIRef
    EmployerAssociation: URIRef
    GovernmentAgency: URIRef
    MediaOutlet: URIRef
    Person: URIRef
    Position: URIRef
    # issues, contracts, terms
    Issue: URIRef
    Contract: URIRef
    Term: URIRef
    # events
    Event: URIRef
    Strike: URIRef
    NegotiationSession: URIRef
    Proposal: URIRef
    Agreement: URIRef
    Statement: URIRef
    LegalAction: URIRef
    # provenance
    Document: URIRef
    Evidence: URIRef

    # relations between actors
    memberOf: URIRef
    negotiatesWith: URIRef
    strikesAgainst: URIRef
    supports: URIRef
    partOf: URIRef
    filedChargeAgainst: URIRef
    # positions
    holdsPosition: URIRef
    organization: URIRef
    roleLabel: URIRef
    # mentions and issues
    mentionedIn: URIRef
    concernsIssue: URIRef
    # event roles and times
    participant: URIRef
    strikingParty: URIRef
    target: URIRef
    startDate: URIRef
    endDate: URIRef
    date: URIRef
    proposedBy: URIRef
    proposedTo: URIRef
    proposalKind: URIRef
    hasTerm: URIRef
    party: URIRef
    status: URIRef
    statedBy: URIRef
    quote: URIRef
    filedBy: URIRef
    against: URIRef
    filedWith: URIRef
    durationDays: URIRef
    # terms and contracts
    percent: URIRef
    contractYear: URIRef
    contract: URIRef
    contractParty: URIRef
    lengthYears: URIRef
    expiryDate: URIRef
    # documents and evidence
    sha256: URIRef
    evidence: URIRef
    sentence: URIRef
    charStart: URIRef
    charEnd: URIRef
    extractor: URIRef
    confidence: URIRef
    inferred: URIRef


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
