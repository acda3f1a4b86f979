"""The ontology files: Turtle syntax (rapper), OWL RL closure of hl.ttl, the closed hl: vocabulary, the issue scheme,
the reference actors and the SHACL shapes."""
from __future__ import annotations

import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import owlrl
import pytest
from pyshacl import validate
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

from graph.ingest import slugify
from graph.namespaces import HL, HL_IRI, HLR, HLR_IRI, ORG, SCHEMA, SEM
from graph.vocab import VOCAB, read_vocabulary

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
REQUIRED_FILES = ("hl.ttl", "issues.ttl", "actors.ttl", "shapes.ttl")
ONTOLOGY_IRI = URIRef("https://w3id.org/hollywood-labor/ontology")
WD_IRI = "http://www.wikidata.org/entity/"
ERRNS = Namespace("http://www.daml.org/2002/03/agents/agent-ont#")  # owlrl's error messages

HL_TERMS = frozenset(VOCAB.terms)
ACTOR_TYPES = ("Guild", "Studio", "EmployerAssociation", "GovernmentAgency", "MediaOutlet", "Person")
LEAF_TYPES = {HL[t]: t for t in ACTOR_TYPES}
EVENT_TYPES = ("Strike", "NegotiationSession", "Proposal", "Agreement", "Statement", "LegalAction")
ROLE_PROPERTIES = ("strikingParty", "target", "proposedBy", "proposedTo", "party", "statedBy", "filedBy",
                   "against", "filedWith")
NOTATIONS = {"ArtificialIntelligence", "Residuals", "Staffing", "Compensation", "ViewershipTransparency",
             "HealthAndPension", "WorkingConditions", "Other"}
ISSUE_SCHEME = HLR["issue/scheme"]


def _parse(name: str) -> Graph:
    g = Graph()
    g.parse(ONTOLOGY_DIR / name, format="turtle")
    return g


@pytest.fixture(scope="module")
def hl() -> Graph:
    return _parse("hl.ttl")


@pytest.fixture(scope="module")
def issues() -> Graph:
    return _parse("issues.ttl")


@pytest.fixture(scope="module")
def actors() -> Graph:
    return _parse("actors.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return _parse("shapes.ttl")


def _norm_quotes(text: str) -> str:
    return text.replace("\u2019", "'").replace("\u2018", "'")


# ---------------------------------------------------------------------------------------------------------------
# Syntax: every ontology file passes Debian's rapper
# ---------------------------------------------------------------------------------------------------------------

def test_required_files_exist():
    missing = [name for name in REQUIRED_FILES if not (ONTOLOGY_DIR / name).is_file()]
    assert not missing, f"missing in {ONTOLOGY_DIR}: {missing}"


@pytest.mark.parametrize("path", sorted(ONTOLOGY_DIR.glob("*.ttl")), ids=lambda p: p.name)
def test_rapper_accepts_turtle(path: Path):
    rapper = shutil.which("rapper")
    if rapper is None:
        pytest.fail("the `rapper` command is missing: install Debian's raptor2-utils (apt-get install raptor2-utils)")
    proc = subprocess.run([rapper, "-c", "-i", "turtle", str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, f"rapper rejected {path.name}:\n{proc.stderr}"
    assert "error" not in proc.stderr.lower() and "warning" not in proc.stderr.lower(), proc.stderr
    count = re.search(r"returned (\d+) triples", proc.stderr)
    assert count and int(count.group(1)) > 0, proc.stderr


# ---------------------------------------------------------------------------------------------------------------
# hl.ttl: OWL RL closure
# ---------------------------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def closure(hl, actors) -> Graph:
    g = Graph()
    for t in hl:
        g.add(t)
    for t in actors:
        g.add(t)
    g.add((HLR["actor/wga"], HL.negotiatesWith, HLR["actor/amptp"]))
    size = len(hl)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert len(hl) == size, "the closure must be computed on a copy"
    return g


def test_owlrl_closure_is_consistent(closure):
    errors = [str(m) for m in closure.objects(None, ERRNS.error)]
    assert not list(closure.subjects(RDF.type, ERRNS.ErrorMessage)), errors


def test_owlrl_types_a_guild_through_the_alignments(closure):
    wga = HLR["actor/wga"]
    for cls in (HL.Guild, HL.Organization, HL.Actor, ORG.FormalOrganization, ORG.Organization, PROV.Agent,
                SCHEMA.WorkersUnion, FOAF.Agent):
        assert (wga, RDF.type, cls) in closure, f"WGA is not inferred to be a {cls}"


def test_owlrl_types_people_studios_and_outlets(closure):
    assert (HLR["actor/bob-iger"], RDF.type, FOAF.Person) in closure
    assert (HLR["actor/bob-iger"], RDF.type, SCHEMA.Person) in closure
    assert (HLR["actor/bob-iger"], RDF.type, PROV.Agent) in closure
    assert (HLR["actor/netflix"], RDF.type, SCHEMA.Corporation) in closure
    assert (HLR["actor/amptp"], RDF.type, ORG.FormalOrganization) in closure
    assert (HLR["actor/nlrb"], RDF.type, SCHEMA.GovernmentOrganization) in closure
    assert (HLR["actor/variety"], RDF.type, SCHEMA.NewsMediaOrganization) in closure
    assert (HLR["actor/wga-west"], ORG.subOrganizationOf, HLR["actor/wga"]) in closure
    assert (HLR["actor/netflix"], ORG.memberOf, HLR["actor/amptp"]) in closure


def test_owlrl_negotiates_with_is_symmetric(closure):
    assert (HLR["actor/amptp"], HL.negotiatesWith, HLR["actor/wga"]) in closure


def test_owlrl_detects_an_actor_with_two_leaf_types(hl):
    g = Graph()
    for t in hl:
        g.add(t)
    g.add((HLR["actor/x"], RDF.type, HL.Guild))
    g.add((HLR["actor/x"], RDF.type, HL.Person))
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(g)
    assert list(g.subjects(RDF.type, ERRNS.ErrorMessage)), "disjoint leaf classes were not detected"


# ---------------------------------------------------------------------------------------------------------------
# hl.ttl: the closed vocabulary
# ---------------------------------------------------------------------------------------------------------------

def _declared(hl: Graph) -> dict[str, set]:
    out: dict[str, set] = {}
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for s in hl.subjects(RDF.type, kind):
            if isinstance(s, URIRef) and str(s).startswith(HL_IRI):
                out.setdefault(str(s)[len(HL_IRI):], set()).add(kind)
    return out


def test_ontology_header(hl):
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in hl
    titles = list(hl.objects(ONTOLOGY_IRI, DCTERMS.title))
    assert titles and all(isinstance(t, Literal) and str(t) for t in titles)
    assert list(hl.objects(ONTOLOGY_IRI, OWL.versionInfo))


def test_every_hl_term_is_declared_and_nothing_else(hl):
    declared = set(_declared(hl))
    assert HL_TERMS - declared == set(), f"in graph/vocab.py HL, not declared in hl.ttl: {sorted(HL_TERMS - declared)}"
    assert declared - HL_TERMS == set(), f"declared in hl.ttl, not in graph/vocab.py HL: {sorted(declared - HL_TERMS)}"


def test_the_python_vocabulary_is_the_ontology_contract():
    """graph/vocab.py reads its lists from hl.ttl; they are what ONTOLOGY.md promises users and the scorer."""
    assert VOCAB.actor_classes == ACTOR_TYPES
    assert VOCAB.event_classes == EVENT_TYPES
    assert set(VOCAB.event_roles) == {*ROLE_PROPERTIES, "participant"}
    assert VOCAB.relations == ("memberOf", "negotiatesWith", "strikesAgainst", "supports", "partOf",
                               "filedChargeAgainst")
    assert VOCAB.symmetric == {"negotiatesWith"}
    assert VOCAB.roles_of["Strike"] == ("participant", "strikingParty", "target")
    assert VOCAB.labels["strikingParty"] == "striking party"
    with pytest.raises(AttributeError):
        _ = HL.Strikes  # a misspelt term raises


def test_a_new_event_class_is_declared_in_the_ontology_alone(tmp_path):
    """Adding an event type to hl.ttl (with a role) is all the vocabulary needs."""
    text = (ONTOLOGY_DIR / "hl.ttl").read_text(encoding="utf-8") + """
hl:Lockout
    a owl:Class ;
    rdfs:label "lockout"@en ;
    rdfs:subClassOf hl:Event .

hl:lockedOutBy
    a owl:ObjectProperty ;
    rdfs:label "locked out by"@en ;
    rdfs:domain hl:Lockout ;
    rdfs:range hl:Actor .
"""
    (tmp_path / "hl.ttl").write_text(text, encoding="utf-8")
    vocab = read_vocabulary(tmp_path / "hl.ttl")
    assert vocab.event_classes[-1] == "Lockout"
    assert vocab.roles_of["Lockout"] == ("participant", "lockedOutBy")
    assert "lockedOutBy" in vocab.terms and "lockedOutBy" not in vocab.relations


@pytest.mark.parametrize("name", ["hl.ttl", "issues.ttl", "actors.ttl", "shapes.ttl"])
def test_files_use_only_hl_terms_of_the_closed_namespace(name):
    g = _parse(name)
    used = {str(n)[len(HL_IRI):] for t in g for n in t if isinstance(n, URIRef) and str(n).startswith(HL_IRI)}
    assert used - HL_TERMS == set(), f"{name} uses hl: terms that graph/namespaces.py lacks: {sorted(used - HL_TERMS)}"


def test_each_term_has_one_kind_label_comment(hl):
    for name, kinds in sorted(_declared(hl).items()):
        term = HL[name]
        assert len(kinds) == 1, f"hl:{name} is declared as {sorted(kinds)}: one kind only (OWL 2 DL)"
        labels = [o for o in hl.objects(term, RDFS.label) if isinstance(o, Literal) and o.language == "en"]
        comments = [o for o in hl.objects(term, RDFS.comment) if isinstance(o, Literal) and o.language == "en"]
        assert len(labels) == 1, f"hl:{name} needs exactly one rdfs:label @en"
        assert comments and all(str(c).strip() for c in comments), f"hl:{name} needs an rdfs:comment @en"
        assert (term, RDFS.isDefinedBy, ONTOLOGY_IRI) in hl


def test_properties_have_domain_and_range(hl):
    for name, kinds in sorted(_declared(hl).items()):
        if OWL.Class in kinds:
            continue
        term = HL[name]
        domains, ranges = list(hl.objects(term, RDFS.domain)), list(hl.objects(term, RDFS.range))
        assert len(domains) == 1, f"hl:{name} needs exactly one rdfs:domain"
        assert len(ranges) == 1, f"hl:{name} needs exactly one rdfs:range"
        if OWL.DatatypeProperty in kinds:
            assert str(ranges[0]).startswith(str(XSD)) or ranges[0] == RDFS.Literal, \
                f"data property hl:{name} has range {ranges[0]}"
        else:
            assert not str(ranges[0]).startswith(str(XSD)), f"object property hl:{name} has range {ranges[0]}"


DATATYPES = {
    "date": XSD.date, "startDate": XSD.date, "endDate": XSD.date, "expiryDate": XSD.date,
    "percent": XSD.decimal, "confidence": XSD.decimal,
    "contractYear": XSD.integer, "charStart": XSD.integer, "charEnd": XSD.integer, "lengthYears": XSD.integer,
    "durationDays": XSD.integer,
    "quote": XSD.string, "sentence": XSD.string, "roleLabel": XSD.string, "status": XSD.string,
    "extractor": XSD.string, "sha256": XSD.string, "proposalKind": XSD.string,
}


@pytest.mark.parametrize("name,datatype", sorted(DATATYPES.items()))
def test_data_property_ranges(hl, name, datatype):
    assert (HL[name], RDF.type, OWL.DatatypeProperty) in hl
    if datatype == XSD.date:  # outside OWL 2's datatype map: said as schema:rangeIncludes, checked by the shapes
        assert (HL[name], RDFS.range, RDFS.Literal) in hl and (HL[name], SCHEMA.rangeIncludes, XSD.date) in hl
    else:
        assert (HL[name], RDFS.range, datatype) in hl


SUBCLASSES = [
    ("Actor", PROV.Agent), ("Organization", HL.Actor), ("Organization", ORG.Organization),
    ("Guild", HL.Organization), ("Guild", ORG.FormalOrganization), ("Guild", SCHEMA.WorkersUnion),
    ("Studio", HL.Organization), ("Studio", ORG.FormalOrganization), ("Studio", SCHEMA.Corporation),
    ("EmployerAssociation", HL.Organization), ("EmployerAssociation", ORG.FormalOrganization),
    ("GovernmentAgency", HL.Organization), ("GovernmentAgency", SCHEMA.GovernmentOrganization),
    ("MediaOutlet", HL.Organization), ("MediaOutlet", SCHEMA.NewsMediaOrganization),
    ("Person", HL.Actor), ("Person", FOAF.Person), ("Person", SCHEMA.Person),
    ("Position", ORG.Post), ("Event", SEM.Event), ("Event", SCHEMA.Event), ("Issue", SKOS.Concept),
    ("Document", SCHEMA.NewsArticle), ("Document", PROV.Entity), ("Evidence", PROV.Entity),
    ("Contract", SCHEMA.CreativeWork),
] + [(e, HL.Event) for e in EVENT_TYPES]

SUBPROPERTIES = [
    ("memberOf", ORG.memberOf), ("partOf", ORG.subOrganizationOf), ("participant", SEM.hasActor),
    ("date", SEM.hasTimeStamp), ("startDate", SEM.hasBeginTimeStamp), ("endDate", SEM.hasEndTimeStamp),
    ("statedBy", PROV.wasAttributedTo), ("evidence", PROV.wasDerivedFrom), ("quote", SCHEMA.text),
    ("holdsPosition", ORG.holds), ("organization", ORG.postIn),
] + [(r, HL.participant) for r in ROLE_PROPERTIES]


@pytest.mark.parametrize("name,parent", SUBCLASSES)
def test_class_alignment(hl, name, parent):
    assert (HL[name], RDFS.subClassOf, parent) in hl


@pytest.mark.parametrize("name,parent", SUBPROPERTIES)
def test_property_alignment(hl, name, parent):
    assert (HL[name], RDFS.subPropertyOf, parent) in hl


def test_negotiates_with_is_symmetric(hl):
    assert (HL.negotiatesWith, RDF.type, OWL.SymmetricProperty) in hl
    assert (HL.negotiatesWith, RDF.type, OWL.ObjectProperty) in hl


def test_leaf_actor_and_event_classes_are_disjoint(hl):
    groups = []
    for node in hl.subjects(RDF.type, OWL.AllDisjointClasses):
        members = hl.value(node, OWL.members)
        groups.append(set(hl.items(members)))
    assert set(LEAF_TYPES) in groups
    assert {HL[e] for e in EVENT_TYPES} in groups


def test_external_terms_are_not_redefined(hl):
    """Outside hl:, a subject may only be given an OWL 2 DL declaration (its type), never an axiom."""
    declarations = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    for s, p, o in hl:
        if isinstance(s, BNode) or s == ONTOLOGY_IRI or str(s).startswith(HL_IRI):
            continue
        assert p == RDF.type and o in declarations, f"hl.ttl says something about external term {s}: {p} {o}"


# ---------------------------------------------------------------------------------------------------------------
# issues.ttl
# ---------------------------------------------------------------------------------------------------------------

def _trigger_key(label: str) -> str:
    """The extractor's view of a trigger: case folded unless all-caps, hyphens as spaces, apostrophes dropped."""
    text = _norm_quotes(label).replace("'", "")
    text = re.sub(r"[\s-]+", " ", text).strip()
    letters = [c for c in text if c.isalpha()]
    return text if letters and all(c.isupper() for c in letters) and len(letters) <= 4 else text.lower()


def test_issue_scheme(issues):
    assert (ISSUE_SCHEME, RDF.type, SKOS.ConceptScheme) in issues
    assert Literal("Bargaining issues", lang="en") in set(issues.objects(ISSUE_SCHEME, SKOS.prefLabel))


def test_issue_notations_are_exactly_the_eight(issues):
    notations = list(issues.objects(None, SKOS.notation))
    assert sorted(map(str, notations)) == sorted(NOTATIONS)
    for n in notations:
        assert isinstance(n, Literal) and n.datatype is None and n.language is None, f"{n!r} must be a plain string"


@pytest.mark.parametrize("notation", sorted(NOTATIONS))
def test_issue_concept(issues, notation):
    concept = HLR["issue/" + notation]
    assert issues.value(concept, SKOS.notation) == Literal(notation)
    assert (concept, RDF.type, HL.Issue) in issues
    assert (concept, RDF.type, SKOS.Concept) in issues
    assert (concept, SKOS.inScheme, ISSUE_SCHEME) in issues
    assert (concept, SKOS.topConceptOf, ISSUE_SCHEME) in issues
    assert (ISSUE_SCHEME, SKOS.hasTopConcept, concept) in issues
    pref = list(issues.objects(concept, SKOS.prefLabel))
    assert len(pref) == 1 and pref[0].language == "en"
    assert [d for d in issues.objects(concept, SKOS.definition) if d.language == "en"]
    triggers = list(issues.objects(concept, SKOS.altLabel)) + list(issues.objects(concept, SKOS.hiddenLabel))
    # Other too: job security, jurisdiction, agency packaging ... are issues the other codes do not cover
    assert triggers, f"{notation} needs at least one trigger phrase"
    for t in triggers + pref:
        assert str(t) == str(t).strip() and str(t), f"bad label {t!r}"
        assert "\u2019" not in str(t), f"{t!r}: write straight apostrophes"


def test_issue_triggers_are_not_shared(issues):
    owner: dict[str, str] = {}
    for concept, notation in issues.subject_objects(SKOS.notation):
        for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
            for label in issues.objects(concept, p):
                key = _trigger_key(str(label))
                assert owner.setdefault(key, str(notation)) == str(notation), \
                    f"trigger {label!r} is in both {owner[key]} and {notation}"


@pytest.mark.parametrize("phrase,notation", [
    ("AI", "ArtificialIntelligence"), ("A.I.", "ArtificialIntelligence"),
    ("artificial intelligence", "ArtificialIntelligence"),
    ("generative AI", "ArtificialIntelligence"), ("digital replicas", "ArtificialIntelligence"),
    ("residuals", "Residuals"), ("streaming residuals", "Residuals"), ("reuse fees", "Residuals"),
    ("mandatory staffing", "Staffing"), ("mini-rooms", "Staffing"), ("writers' room", "Staffing"),
    ("pay", "Compensation"), ("wages", "Compensation"), ("minimums", "Compensation"), ("salary", "Compensation"),
    ("viewership data", "ViewershipTransparency"), ("success-based", "ViewershipTransparency"),
    ("health plan", "HealthAndPension"), ("pension", "HealthAndPension"),
    ("working conditions", "WorkingConditions"), ("rest periods", "WorkingConditions"),
])
def test_issue_trigger_examples(issues, phrase, notation):
    concept = HLR["issue/" + notation]
    labels = {_trigger_key(str(o)) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
              for o in issues.objects(concept, p)}
    assert _trigger_key(phrase) in labels


def test_issue_triggers_leave_out_ambiguous_words(issues):
    labels = {_trigger_key(str(o)) for p in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel)
              for o in issues.objects(None, p)}
    for word in ("raises", "rates", "safety", "hours", "credit", "other", "data", "streaming", "deal"):
        assert word not in labels, f"{word!r} is too ambiguous to be a trigger on its own"


# ---------------------------------------------------------------------------------------------------------------
# actors.ttl
# ---------------------------------------------------------------------------------------------------------------

ACTOR_PREFIX = HLR_IRI + "actor/"
POSITION_PREFIX = HLR_IRI + "position/"
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ALLOWED_PREDICATES = {RDF.type, RDFS.label, RDFS.comment, SKOS.altLabel, OWL.sameAs, HL.partOf, HL.memberOf,
                      HL.holdsPosition, HL.organization, HL.roleLabel}


def _actors(g: Graph) -> dict[URIRef, str]:
    return {s: LEAF_TYPES[o] for s, o in g.subject_objects(RDF.type) if o in LEAF_TYPES}


def _key(iri) -> str:
    return str(iri)[len(ACTOR_PREFIX):]


def test_actor_predicates_and_subjects(actors):
    for s, p, o in actors:
        assert p in ALLOWED_PREDICATES, f"unexpected predicate {p} on {s}"
        assert isinstance(s, URIRef) and (str(s).startswith(ACTOR_PREFIX) or str(s).startswith(POSITION_PREFIX)), s


def test_each_actor_one_leaf_type_one_label(actors):
    found = _actors(actors)
    assert len(found) >= 60
    for iri in found:
        key = _key(iri)
        assert str(iri).startswith(ACTOR_PREFIX) and KEY.match(key), f"bad actor IRI {iri}"
        types = list(actors.objects(iri, RDF.type))
        assert len(types) == 1 and types[0] in LEAF_TYPES, f"{key} must have exactly one leaf type, has {types}"
        labels = list(actors.objects(iri, RDFS.label))
        assert len(labels) == 1, f"{key} must have exactly one rdfs:label"
        for name in labels + list(actors.objects(iri, SKOS.altLabel)):
            assert isinstance(name, Literal) and name.language is None and name.datatype is None, \
                f"{key}: {name!r} must be a plain string"
            assert str(name) == str(name).strip() and str(name), f"{key}: bad name {name!r}"
            assert "\u2019" not in str(name) and "\u2018" not in str(name), f"{key}: {name!r} use straight apostrophes"
        assert labels[0] not in set(actors.objects(iri, SKOS.altLabel)), f"{key}: the label is not an alias"


def test_every_typed_subject_is_an_actor_or_a_position(actors):
    for s, o in actors.subject_objects(RDF.type):
        assert o in LEAF_TYPES or (o == HL.Position and str(s).startswith(POSITION_PREFIX)), f"{s} a {o}"


def test_no_alias_shared_by_two_actors(actors):
    owner: dict[str, str] = {}
    for iri in _actors(actors):
        for name in list(actors.objects(iri, RDFS.label)) + list(actors.objects(iri, SKOS.altLabel)):
            norm = _norm_quotes(str(name))
            assert owner.setdefault(norm, _key(iri)) == _key(iri), f"{norm!r} names both {owner[norm]} and {_key(iri)}"


def test_person_keys_are_the_slugs_of_their_labels(actors):
    """An NER-only person gets hlr:actor/<slug of label>: a reference person must have the same key."""
    for iri, type_ in _actors(actors).items():
        if type_ == "Person":
            assert _key(iri) == slugify(str(actors.value(iri, RDFS.label)))


def test_person_aliases_are_full_names(actors):
    for iri, type_ in _actors(actors).items():
        if type_ == "Person":
            for alias in actors.objects(iri, SKOS.altLabel):
                assert len(str(alias).split()) >= 2, f"{_key(iri)}: {alias!r} is not a full name"


def test_same_as_only_wikidata_and_unique(actors):
    seen: dict = {}
    for s, o in actors.subject_objects(OWL.sameAs):
        assert s in _actors(actors)
        assert re.fullmatch(re.escape(WD_IRI) + r"Q[1-9][0-9]*", str(o)), f"{_key(s)}: {o} is not a Wikidata item"
        assert seen.setdefault(o, s) == s, f"{o} is sameAs both {_key(seen[o])} and {_key(s)}"


def test_background_relations(actors):
    found = _actors(actors)
    for p in (HL.partOf, HL.memberOf):
        for s, o in actors.subject_objects(p):
            assert s in found and o in found, (s, p, o)
            assert found[s] != "Person" and found[o] != "Person", (s, p, o)
    assert (HLR["actor/wga-west"], HL.partOf, HLR["actor/wga"]) in actors
    assert (HLR["actor/wga-east"], HL.partOf, HLR["actor/wga"]) in actors
    assert (HLR["actor/teamsters-local-399"], HL.partOf, HLR["actor/teamsters"]) in actors
    for local in ("the-animation-guild", "motion-picture-editors-guild", "international-cinematographers-guild"):
        assert (HLR["actor/" + local], HL.partOf, HLR["actor/iatse"]) in actors
    assert (HLR["actor/netflix"], HL.memberOf, HLR["actor/amptp"]) in actors


def test_positions(actors):
    found = _actors(actors)
    for person, pos in actors.subject_objects(HL.holdsPosition):
        assert found.get(person) == "Person", person
        assert (pos, RDF.type, HL.Position) in actors
        orgs = list(actors.objects(pos, HL.organization))
        roles = list(actors.objects(pos, HL.roleLabel))
        assert len(orgs) == 1 and found.get(orgs[0]) not in (None, "Person"), pos
        assert len(roles) == 1 and isinstance(roles[0], Literal) and roles[0].datatype is None
        expected = HLR[f"position/{_key(person)}/{_key(orgs[0])}/{slugify(str(roles[0]))}"]
        assert pos == expected, f"position IRI {pos} should be {expected}"
    for pos in actors.subjects(RDF.type, HL.Position):
        assert list(actors.subjects(HL.holdsPosition, pos)), f"{pos} is held by nobody"


REQUIRED_ACTORS = {
    "wga": "Guild", "wga-west": "Guild", "wga-east": "Guild", "sag-aftra": "Guild", "sag": "Guild",
    "aftra": "Guild", "dga": "Guild", "iatse": "Guild", "the-animation-guild": "Guild",
    "motion-picture-editors-guild": "Guild", "international-cinematographers-guild": "Guild",
    "teamsters": "Guild", "teamsters-local-399": "Guild", "hollywood-basic-crafts": "Guild",
    "american-federation-of-musicians": "Guild", "actors-equity": "Guild",
    "amptp": "EmployerAssociation",
    "disney": "Studio", "warner-bros": "Studio", "warner-bros-discovery": "Studio", "netflix": "Studio",
    "amazon": "Studio", "apple": "Studio", "nbcuniversal": "Studio", "nbc": "Studio",
    "nbcuniversal-studio-group": "Studio", "universal-pictures": "Studio", "paramount": "Studio", "cbs": "Studio",
    "sony-pictures": "Studio", "fox": "Studio", "mgm": "Studio", "lionsgate": "Studio", "comcast": "Studio",
    "hbo": "Studio", "hulu": "Studio", "abc": "Studio", "warner-bros-television": "Studio",
    "nlrb": "GovernmentAgency", "fmcs": "GovernmentAgency",
    "deadline": "MediaOutlet", "variety": "MediaOutlet", "the-hollywood-reporter": "MediaOutlet",
    "los-angeles-times": "MediaOutlet", "new-york-times": "MediaOutlet", "new-york-post": "MediaOutlet",
    "cnbc": "MediaOutlet", "movieguide": "MediaOutlet", "indiewire": "MediaOutlet", "thewrap": "MediaOutlet",
    "reuters": "MediaOutlet", "associated-press": "MediaOutlet", "bloomberg": "MediaOutlet",
    "wall-street-journal": "MediaOutlet", "cnn": "MediaOutlet", "bbc": "MediaOutlet",
    "fran-drescher": "Person", "duncan-crabtree-ireland": "Person", "carol-lombardini": "Person",
    "bob-iger": "Person", "david-zaslav": "Person", "ted-sarandos": "Person", "donna-langley": "Person",
    "meredith-stiehm": "Person", "ellen-stutzman": "Person", "david-goodman": "Person",
    "matthew-loeb": "Person", "lindsay-dougherty": "Person", "sean-obrien": "Person",
}


def test_required_actors(actors):
    found = {_key(iri): t for iri, t in _actors(actors).items()}
    for key, type_ in REQUIRED_ACTORS.items():
        assert found.get(key) == type_, f"actor {key} should be a {type_}, is {found.get(key)}"


# Names as the seed articles print them (../shared/eval/seeds gold), curly apostrophes included.
SEED_NAMES = {
    "WGA": "wga", "Writers Guild of America": "wga", "Writers\u2019 Guild of America": "wga",
    "WGAEast": "wga-east", "SAG-AFTRA": "sag-aftra", "SAG": "sag", "Screen Actors Guild": "sag",
    "Screen Actors\u2019 Guild": "sag", "DGA": "dga", "Directors Guild of America": "dga",
    "AMPTP": "amptp", "Alliance of Motion Picture and Television Producers": "amptp",
    "American Motion Picture and Television Producers": "amptp",
    "National Labour Relations Board": "nlrb",
    "Sony": "sony-pictures", "Warners": "warner-bros", "Disney": "disney", "Fox": "fox", "CBS": "cbs",
    "Paramount": "paramount", "MGM": "mgm", "NBC": "nbc", "Netflix": "netflix",
    "Warner Bros. Discovery": "warner-bros-discovery", "NBCUniversal Studio Group": "nbcuniversal-studio-group",
    "Deadline": "deadline", "Los Angeles Times": "los-angeles-times", "Movieguide": "movieguide",
    "Movieguide\u00ae": "movieguide", "Variety": "variety", "CNBC": "cnbc", "New York Post": "new-york-post",
    "The New York Post": "new-york-post", "The Hollywood Reporter": "the-hollywood-reporter",
    "Carol Lombardini": "carol-lombardini", "Bob Iger": "bob-iger", "David Zaslav": "david-zaslav",
    "Ted Sarandos": "ted-sarandos", "Donna Langley": "donna-langley", "Fran Drescher": "fran-drescher",
    "David Faber": "david-faber",
}


@pytest.mark.parametrize("name,key", sorted(SEED_NAMES.items()))
def test_seed_names_link_to_one_actor(actors, name, key):
    owners = {_key(iri) for iri in _actors(actors)
              for n in list(actors.objects(iri, RDFS.label)) + list(actors.objects(iri, SKOS.altLabel))
              if str(n) == _norm_quotes(name)}
    assert owners == {key}


# ---------------------------------------------------------------------------------------------------------------
# shapes.ttl
# ---------------------------------------------------------------------------------------------------------------

GOOD = """
@base <https://w3id.org/hollywood-labor/id/> .
@prefix hl: <https://w3id.org/hollywood-labor/ontology#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

<graph/seed-1-txt> prov:wasDerivedFrom <doc/seed-1-txt> .
<doc/seed-1-txt> a hl:Document ; dcterms:identifier "seed-1.txt" ; dcterms:title "Strike news" ;
    dcterms:date "2023-09-09"^^xsd:date ;
    hl:sha256 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" .

<actor/wga> a hl:Guild ; rdfs:label "Writers Guild of America" ; hl:mentionedIn <doc/seed-1-txt> .
<actor/amptp> a hl:EmployerAssociation ; rdfs:label "Alliance of Motion Picture and Television Producers" ;
    hl:mentionedIn <doc/seed-1-txt> .
<actor/netflix> a hl:Studio ; rdfs:label "Netflix" ; hl:mentionedIn <doc/seed-1-txt> .
<actor/disney> a hl:Studio ; rdfs:label "Disney" ; hl:mentionedIn <doc/seed-1-txt> .
<actor/bob-iger> a hl:Person ; rdfs:label "Bob Iger" ; hl:mentionedIn <doc/seed-1-txt> ;
    hl:holdsPosition <position/bob-iger/disney/ceo> .
<position/bob-iger/disney/ceo> a hl:Position ; hl:organization <actor/disney> ; hl:roleLabel "CEO" .
<issue/Compensation> hl:mentionedIn <doc/seed-1-txt> .

<event/strike/wga/2023-05-02> a hl:Strike ;
    hl:strikingParty <actor/wga> ; hl:target <actor/amptp> ; hl:participant <actor/wga> , <actor/amptp> ;
    hl:startDate "2023-05-02"^^xsd:date ; hl:durationDays 148 ; hl:concernsIssue <issue/Compensation> ;
    hl:evidence <evidence/seed-1-txt/0001> .
<event/proposal/amptp/2023-08-18> a hl:Proposal ;
    hl:proposedBy <actor/amptp> ; hl:proposedTo <actor/wga> ; hl:participant <actor/amptp> , <actor/wga> ;
    hl:date "2023-08-18"^^xsd:date ; hl:proposalKind "offer" ; hl:concernsIssue <issue/Compensation> ;
    hl:hasTerm <event/proposal/amptp/2023-08-18/term-1> ; hl:evidence <evidence/seed-1-txt/0002> .
<event/proposal/amptp/2023-08-18/term-1> a hl:Term ;
    hl:percent 5.0 ; hl:contractYear 1 ; hl:concernsIssue <issue/Compensation> .
<event/agreement/wga/2023-09-24> a hl:Agreement ;
    hl:party <actor/wga> , <actor/amptp> ; hl:participant <actor/wga> , <actor/amptp> ;
    hl:status "tentative" ; hl:date "2023-09-24"^^xsd:date ; hl:evidence <evidence/seed-1-txt/0002> .
<event/seed-1-txt/statement-1> a hl:Statement ;
    hl:statedBy <actor/bob-iger> ; hl:participant <actor/bob-iger> ; hl:quote "We want a deal." ;
    hl:evidence <evidence/seed-1-txt/0001> .

<evidence/seed-1-txt/0001> a hl:Evidence ; prov:wasDerivedFrom <doc/seed-1-txt> ;
    hl:sentence "The WGA went on strike against the AMPTP." ; hl:charStart 0 ; hl:charEnd 41 ;
    hl:extractor "events.strike" ; hl:confidence 0.9 .
<evidence/seed-1-txt/0002> a hl:Evidence ; prov:wasDerivedFrom <doc/seed-1-txt> ;
    hl:sentence "The AMPTP offered 5% in the first year." ; hl:charStart 42 ; hl:charEnd 81 ;
    hl:extractor "events.proposal" ; hl:confidence 0.75 .

<actor/netflix> hl:memberOf <actor/amptp> .
<statement/seed-1-txt/0001> a rdf:Statement ;
    rdf:subject <actor/netflix> ; rdf:predicate hl:memberOf ; rdf:object <actor/amptp> ;
    hl:evidence <evidence/seed-1-txt/0002> .
<actor/wga> hl:negotiatesWith <actor/amptp> .
<statement/seed-1-txt/0002> a rdf:Statement ;
    rdf:subject <actor/wga> ; rdf:predicate hl:negotiatesWith ; rdf:object <actor/amptp> ;
    hl:evidence <evidence/seed-1-txt/0001> .
"""

BROKEN = GOOD + """
<event/seed-1-txt/negotiationsession-1> a hl:NegotiationSession ;
    hl:date "Aug. 4" ; hl:evidence <evidence/seed-1-txt/0001> .
"""

HLB = Namespace(HLR_IRI)  # the example's IRIs


@pytest.fixture(scope="module")
def ontology_graph(hl, issues) -> Graph:
    """As graph/validate.py passes it: hl.ttl and issues.ttl (the ontology graph), not the reference actors."""
    return hl + issues


def _validate(data: Graph, shapes: Graph, ontology: Graph | None = None) -> tuple[bool, Graph]:
    conforms, report, _text = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none",
                                       advanced=True, abort_on_first=False, allow_warnings=False)
    assert isinstance(report, Graph), f"pyshacl could not run the shapes: {report}"
    return conforms, report


def _results(report: Graph) -> list[dict]:
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        out.append({"focus": report.value(r, SH.focusNode), "path": report.value(r, SH.resultPath),
                    "component": report.value(r, SH.sourceConstraintComponent),
                    "message": [str(m) for m in report.objects(r, SH.resultMessage)]})
    return out


def _good() -> Graph:
    return Graph().parse(data=GOOD, format="turtle")


def test_shapes_parse_and_use_own_namespace(shapes):
    assert len(shapes) > 0
    assert list(shapes.subjects(RDF.type, SH.NodeShape))
    for s in shapes.subjects(RDF.type, SH.NodeShape):
        assert str(s).startswith("https://w3id.org/hollywood-labor/shapes#")


@pytest.mark.parametrize("with_ontology", [True, False], ids=["with-ontology", "data-only"])
def test_conforming_example(shapes, ontology_graph, with_ontology):
    conforms, report = _validate(_good(), shapes, ontology_graph if with_ontology else None)
    assert conforms, _results(report)


def test_negotiates_with_reified_in_the_other_direction_conforms(shapes, ontology_graph):
    g = _good()
    st = HLB["statement/seed-1-txt/0002"]
    g.set((st, RDF.subject, HLB["actor/amptp"]))
    g.set((st, RDF.object, HLB["actor/wga"]))
    g.add((HLB["actor/amptp"], HL.negotiatesWith, HLB["actor/wga"]))
    g.remove((HLB["actor/wga"], HL.negotiatesWith, HLB["actor/amptp"]))
    g.add((HLB["actor/wga"], HL.negotiatesWith, HLB["actor/amptp"]))  # both directions, one reification
    conforms, report = _validate(g, shapes, ontology_graph)
    assert conforms, _results(report)


def test_broken_example_does_not_conform(shapes, ontology_graph):
    data = Graph().parse(data=BROKEN, format="turtle")
    conforms, report = _validate(data, shapes, ontology_graph)
    assert not conforms
    results = _results(report)
    session = HLB["event/seed-1-txt/negotiationsession-1"]
    paths = {r["path"] for r in results if r["focus"] == session}
    assert HL.participant in paths, results
    assert HL.date in paths, results


STRIKE = HLB["event/strike/wga/2023-05-02"]
PROPOSAL = HLB["event/proposal/amptp/2023-08-18"]
AGREEMENT = HLB["event/agreement/wga/2023-09-24"]
STATEMENT = HLB["event/seed-1-txt/statement-1"]
TERM = HLB["event/proposal/amptp/2023-08-18/term-1"]
EV1 = HLB["evidence/seed-1-txt/0001"]
DOC = HLB["doc/seed-1-txt"]
WGA, AMPTP, NETFLIX = HLB["actor/wga"], HLB["actor/amptp"], HLB["actor/netflix"]
POS = HLB["position/bob-iger/disney/ceo"]
REIFIED = HLB["statement/seed-1-txt/0001"]

# name: (triples to remove (None = wildcard), triples to add, expected (focus, path or constraint component))
MUTATIONS = {
    "strike without striking party": ([(STRIKE, HL.strikingParty, None)], [], (STRIKE, HL.strikingParty)),
    "role player not a participant": ([(STRIKE, HL.participant, AMPTP)], [], (STRIKE, HL.target)),
    "participant not an actor": ([], [(STRIKE, HL.participant, HLB["actor/nobody"])], (STRIKE, HL.participant)),
    "event without evidence": ([(PROPOSAL, HL.evidence, None)], [], (PROPOSAL, HL.evidence)),
    "event with two leaf types": ([], [(STRIKE, RDF.type, HL.LegalAction)], (STRIKE, SH.SPARQLConstraintComponent)),
    "event with no leaf type": ([(STRIKE, RDF.type, None)], [(STRIKE, RDF.type, HL.Event)],
                                (STRIKE, SH.SPARQLConstraintComponent)),
    "start date as string": ([(STRIKE, HL.startDate, None)], [(STRIKE, HL.startDate, Literal("2023-05-02"))],
                             (STRIKE, HL.startDate)),
    "date as datetime": ([(PROPOSAL, HL.date, None)],
                         [(PROPOSAL, HL.date, Literal("2023-08-18T00:00:00", datatype=XSD.dateTime))],
                         (PROPOSAL, HL.date)),
    "issue outside the scheme": ([], [(STRIKE, HL.concernsIssue, Literal("AI"))], (STRIKE, HL.concernsIssue)),
    "proposal without proposer": ([(PROPOSAL, HL.proposedBy, None)], [], (PROPOSAL, HL.proposedBy)),
    "unknown proposal kind": ([(PROPOSAL, HL.proposalKind, None)], [(PROPOSAL, HL.proposalKind, Literal("bid"))],
                              (PROPOSAL, HL.proposalKind)),
    "agreement without party": ([(AGREEMENT, HL.party, None)], [], (AGREEMENT, HL.party)),
    "unknown agreement status": ([(AGREEMENT, HL.status, None)], [(AGREEMENT, HL.status, Literal("signed"))],
                                 (AGREEMENT, HL.status)),
    "statement without speaker": ([(STATEMENT, HL.statedBy, None)], [], (STATEMENT, HL.statedBy)),
    "term without percent": ([(TERM, HL.percent, None)], [], (TERM, HL.percent)),
    "term with percent as string": ([(TERM, HL.percent, None)], [(TERM, HL.percent, Literal("5%"))],
                                    (TERM, HL.percent)),
    "term year 0": ([(TERM, HL.contractYear, None)], [(TERM, HL.contractYear, Literal(0))], (TERM, HL.contractYear)),
    "term with two years": ([], [(TERM, HL.contractYear, Literal(2))], (TERM, HL.contractYear)),
    "evidence confidence above 1": ([(EV1, HL.confidence, None)], [(EV1, HL.confidence, Literal(Decimal("1.5")))],
                                    (EV1, HL.confidence)),
    "evidence confidence as double": ([(EV1, HL.confidence, None)],
                                      [(EV1, HL.confidence, Literal(0.9, datatype=XSD.double))], (EV1, HL.confidence)),
    "evidence without sentence": ([(EV1, HL.sentence, None)], [], (EV1, HL.sentence)),
    "evidence negative start": ([(EV1, HL.charStart, None)], [(EV1, HL.charStart, Literal(-1))], (EV1, HL.charStart)),
    "evidence start after end": ([(EV1, HL.charStart, None)], [(EV1, HL.charStart, Literal(50))], (EV1, HL.charStart)),
    "evidence without extractor": ([(EV1, HL.extractor, None)], [], (EV1, HL.extractor)),
    "evidence without document": ([(EV1, PROV.wasDerivedFrom, None)], [], (EV1, PROV.wasDerivedFrom)),
    "document without identifier": ([(DOC, DCTERMS.identifier, None)], [], (DOC, DCTERMS.identifier)),
    "document with bad sha256": ([(DOC, HL.sha256, None)], [(DOC, HL.sha256, Literal("ABC"))], (DOC, HL.sha256)),
    "document without its graph": ([(HLB["graph/seed-1-txt"], PROV.wasDerivedFrom, DOC)], [],
                                   (DOC, SH.QualifiedMinCountConstraintComponent)),
    "relation without evidence": ([(REIFIED, None, None)], [], (NETFLIX, HL.memberOf)),
    "reification of an unasserted triple": ([(NETFLIX, HL.memberOf, AMPTP)], [],
                                            (REIFIED, SH.SPARQLConstraintComponent)),
    "reification without evidence": ([(REIFIED, HL.evidence, None)], [], (REIFIED, HL.evidence)),
    "actor without label": ([(NETFLIX, RDFS.label, None)], [], (NETFLIX, RDFS.label)),
    "actor with two leaf types": ([], [(WGA, RDF.type, HL.Studio)], (WGA, SH.SPARQLConstraintComponent)),
    "position with two organisations": ([], [(POS, HL.organization, NETFLIX)], (POS, HL.organization)),
    "position with two role labels": ([], [(POS, HL.roleLabel, Literal("chairman"))], (POS, HL.roleLabel)),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_broken_variants_do_not_conform(shapes, ontology_graph, name):
    remove, add, (focus, what) = MUTATIONS[name]
    g = _good()
    for pattern in remove:
        g.remove(pattern)
    for t in add:
        g.add(t)
    conforms, report = _validate(g, shapes, ontology_graph)
    assert not conforms, name
    results = _results(report)
    assert any(r["focus"] == focus and what in (r["path"], r["component"]) for r in results), results


def test_an_owl2_reasoner_loads_the_ontology_and_finds_it_consistent(tmp_path):
    """HermiT (Protégé's default reasoner, here through owlready2) accepts hl.ttl: only OWL 2 datatypes."""
    owlready2 = pytest.importorskip("owlready2")
    nt = tmp_path / "hl.nt"
    nt.write_text(Graph().parse(ONTOLOGY_DIR / "hl.ttl").serialize(format="nt"), encoding="utf-8")
    world = owlready2.World()
    onto = world.get_ontology(nt.as_uri()).load()
    with onto:
        owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)  # raises if inconsistent
    assert list(world.inconsistent_classes()) == []
    assert len(list(onto.classes())) >= 20


def test_date_properties_still_say_xsd_date_to_shacl(tmp_path):
    """The shapes refuse a date of another datatype, whatever the OWL range says."""
    shapes = Graph().parse(ONTOLOGY_DIR / "shapes.ttl")
    for name in ("date", "startDate", "endDate", "expiryDate"):
        assert any(shapes.triples((None, SH.path, HL[name]))), name
        path_shapes = set(shapes.subjects(SH.path, HL[name]))
        assert any((s, SH.datatype, XSD.date) in shapes for s in path_shapes), name
