"""The embedded Oxigraph store on disk: one named graph per article, replace-on-rebuild, read-only, bindings."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS

from graph.cli import main
from graph.errors import QueryError, StoreError
from graph.namespaces import HL, HLR, ONTOLOGY_GRAPH, REFERENCE_GRAPH
from graph.pipeline import build
from graph.store import STORE_ENV, LocalStore, default_location, open_store

from .conftest import CORPUS, USAGE_ERRORS

WGA_STORY = (" date 2023-05-02\nWriters strike\n\nThe Writers Guild of America went on strike against the Alliance of "
             "Motion Picture and Television Producers on May 2, 2023. WGA president Meredith Stiehm said writers "
             "would picket outside Netflix.\n")
SAG_STORY = (" date 2023-11-08\nActors reach deal\n\nSAG-AFTRA reached a tentative agreement with the AMPTP on "
             "November 8, 2023, ending the actors strike. Fran Drescher, president of SAG-AFTRA, praised the deal.\n")
DGA_STORY = (" date 2023-06-03\nDirectors deal\n\nThe Directors Guild of America reached a tentative agreement with "
             "the AMPTP on June 3, 2023.\n")
EX = "https://w3id.org/hollywood-labor/id/test/"


def graph_of(store, g: URIRef) -> set:
    return set(store.graph_triples(g))


def as_graph(triples) -> Graph:
    g = Graph()
    for t in triples:
        g.add(t)
    return g


def article_graphs(store) -> list[URIRef]:
    return [g for g in store.graph_names() if g not in (ONTOLOGY_GRAPH, REFERENCE_GRAPH, HLR["graph/build"])]


# -- replace on rebuild ------------------------------------------------------------------------------------
def test_rebuilding_an_article_replaces_its_graph_and_nothing_else(tmp_path):
    src = tmp_path / "articles"
    src.mkdir()
    a, b = src / "a.txt", src / "b.txt"
    a.write_text(WGA_STORY, encoding="utf-8")
    b.write_text(DGA_STORY, encoding="utf-8")
    store_path = tmp_path / "store"
    with open_store(store_path) as store:
        report = build([src], store, None)
        assert report.built == ["a.txt", "b.txt"] and report.skipped == []
    graph_a, graph_b = HLR["graph/a-txt"], HLR["graph/b-txt"]

    with open_store(store_path, read_only=True) as store:
        names_before = store.graph_names()
        assert names_before == sorted([graph_a, graph_b, ONTOLOGY_GRAPH, REFERENCE_GRAPH, HLR["graph/build"]])
        before = {g: graph_of(store, g) for g in names_before}
    old_a = before[graph_a]
    assert (HLR["doc/a-txt"], HL.sha256, Literal(hashlib.sha256(a.read_bytes()).hexdigest())) in old_a
    assert any(o == HLR["actor/wga"] for _, _, o in old_a) or any(s == HLR["actor/wga"] for s, _, _ in old_a)

    a.write_text(SAG_STORY, encoding="utf-8")  # the article is edited, then rebuilt alone
    with open_store(store_path) as store:
        report = build([a], store, None)
        assert report.built == ["a.txt"]

    with open_store(store_path, read_only=True) as store:
        assert store.graph_names() == names_before
        after = {g: graph_of(store, g) for g in store.graph_names()}
        new_a = after[graph_a]
        # the article's graph is the new text's facts only
        assert (HLR["doc/a-txt"], HL.sha256, Literal(hashlib.sha256(a.read_bytes()).hexdigest())) in new_a
        sentences = {str(o) for _, p, o in new_a if p == HL.sentence}
        assert sentences and not any("Writers Guild" in s for s in sentences)
        assert any("SAG-AFTRA" in s for s in sentences)
        gone = old_a - new_a
        assert gone, "the edited article should have lost facts"
        for t in gone:  # queries still see an old fact only where another graph states it too
            s, p, o = t
            elsewhere = any(t in after[g] for g in after if g != graph_a)
            assert store.query("ASK { ?s ?p ?o }", {"s": s, "p": p, "o": o}).askAnswer == elsewhere, t
        assert [t for t in gone if not any(t in triples for triples in after.values())]  # e.g. old evidence
        assert not bool(store.query("ASK { ?ev hl:sentence ?s . FILTER(CONTAINS(?s, 'Writers Guild')) }").askAnswer)
        # the other article's graph is untouched, triple for triple
        assert after[graph_b] == before[graph_b]
        # the reference graphs are refreshed with the same content (the ontology's blank nodes get fresh
        # labels whenever a graph is written, so they compare as graphs)
        for g in (ONTOLOGY_GRAPH, REFERENCE_GRAPH):
            assert len(after[g]) == len(before[g])
            assert isomorphic(as_graph(after[g]), as_graph(before[g])), g
        assert len(store) == sum(len(t) for t in after.values())


def test_replace_graph_is_exact_and_leaves_other_graphs(tmp_path):
    g1, g2 = URIRef(EX + "graph/one"), URIRef(EX + "graph/two")
    s = URIRef(EX + "wga")
    with open_store(tmp_path / "store") as store:
        assert store.replace_graph(g1, [(s, RDFS.label, Literal("Writers Guild"))]) == 1
        store.replace_graph(g2, [(s, RDFS.label, Literal("WGA"))])
        tricky = Literal('say "strike"\nnow } ; DROP ALL # caf\u00e9')
        assert store.replace_graph(g1, as_graph([(s, RDFS.comment, tricky), (s, RDF.type, HL.Guild)])) == 2
        assert graph_of(store, g1) == {(s, RDFS.comment, tricky), (s, RDF.type, HL.Guild)}
        assert graph_of(store, g2) == {(s, RDFS.label, Literal("WGA"))}
        store.replace_graph(g1, [])
        assert g1 not in store.graph_names() and graph_of(store, g1) == set()
        store.drop_graph(g2)
        assert store.graph_names() == [] and len(store) == 0


# -- documents and provenance ------------------------------------------------------------------------------
def test_one_named_graph_per_article_with_its_document(built_store):
    files = sorted(p for p in CORPUS.iterdir() if p.suffix == ".txt")
    rows = list(built_store.query("""
        SELECT ?g ?doc ?id ?sha WHERE {
          GRAPH ?g { ?g prov:wasDerivedFrom ?doc . ?doc a hl:Document ; dcterms:identifier ?id ; hl:sha256 ?sha }
        } ORDER BY ?id"""))
    assert [str(r.id) for r in rows] == [p.name for p in files]
    for row, path in zip(rows, files):
        assert str(row.sha) == hashlib.sha256(path.read_bytes()).hexdigest()
        graph_triples = graph_of(built_store, row.g)
        # the Document node and the provenance link live inside the article's own graph
        assert (row.g, PROV.wasDerivedFrom, row.doc) in graph_triples
        assert (row.doc, RDF.type, HL.Document) in graph_triples
        assert [o for s, p, o in graph_triples if p == PROV.wasDerivedFrom and s == row.g] == [row.doc]
        assert (row.doc, DCTERMS.identifier, Literal(path.name)) in graph_triples
    assert sorted(r.g for r in rows) == article_graphs(built_store)
    assert len({r.g for r in rows}) == len({r.doc for r in rows}) == len(files)
    # documents appear in no graph but their own
    assert not list(built_store.query("""SELECT * WHERE { GRAPH ?g1 { ?d a hl:Document } GRAPH ?g2 { ?d a hl:Document }
                                         FILTER(?g1 != ?g2) }"""))


def test_every_quad_is_in_a_named_iri_graph(built, built_store):
    # the `Graph(store="Oxigraph")` trap: a Graph without an identifier gets a random blank node for a name,
    # and its triples land in a graph nobody can name again. Nothing may be written that way: every quad is in
    # a named IRI graph, or in the default graph the store keeps as the merge of the named graphs (docs/DESIGN.md).
    quads = list(built_store.ox_quads())
    named = [q for q in quads if isinstance(q.graph_name, ox.NamedNode)]
    default = [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    assert len(named) + len(default) == len(quads)
    assert not [q for q in quads if isinstance(q.graph_name, ox.BlankNode)]
    assert len(named) == len(built_store) == len(list(built_store.quads())) > 0
    assert {URIRef(q.graph_name.value) for q in named} == set(built_store.graph_names())
    merge = {(q.subject, q.predicate, q.object) for q in named}
    assert {(q.subject, q.predicate, q.object) for q in default} == merge


def test_replace_graph_uses_the_given_name_not_the_graphs_identifier(tmp_path):
    g = Graph()  # its identifier is a random blank node
    assert isinstance(g.identifier, BNode)
    g.add((URIRef(EX + "a"), RDFS.label, Literal("a")))
    name = URIRef(EX + "graph/a")
    with open_store(tmp_path / "store") as store:
        store.replace_graph(name, g)
        assert store.graph_names() == [name]
        assert list(store.quads()) == [(URIRef(EX + "a"), RDFS.label, Literal("a"), name)]
        assert not [q for q in store.ox_quads() if isinstance(q.graph_name, ox.BlankNode)]


# -- queries -----------------------------------------------------------------------------------------------
def test_query_bindings_are_data(built_store):
    q = "SELECT ?a WHERE { ?a rdfs:label ?label }"
    rows = list(built_store.query(q, {"label": Literal("Writers Guild of America")}))
    assert [r.a for r in rows] == [HLR["actor/wga"]]
    size = len(built_store)
    for hostile in ('x" } ; DROP ALL #', "x' } UNION { ?a ?p ?o } #", "Writers Guild of America\" || true || \""):
        assert list(built_store.query(q, {"label": Literal(hostile)})) == []
    # an IRI binding is a term too, not text spliced into the query
    rows = list(built_store.query("SELECT ?label WHERE { ?a rdfs:label ?label }", {"a": HLR["actor/wga"]}))
    assert [str(r.label) for r in rows] == ["Writers Guild of America"]
    assert len(built_store) == size


def test_query_syntax_error_is_a_query_error(built_store):
    with pytest.raises(QueryError):
        built_store.query("SELEC ?x WHERE { ?x ?y ?z }")


# -- read-only, missing store, environment -----------------------------------------------------------------
def test_read_only_store_refuses_writes(built, built_store):
    size, names = len(built_store), built_store.graph_names()
    g = names[-1]
    for write in (lambda: built_store.replace_graph(g, []), lambda: built_store.drop_graph(g),
                  lambda: built_store.update("CLEAR ALL"), built_store.clear):
        with pytest.raises(USAGE_ERRORS, match="read-only"):
            write()
    assert len(built_store) == size and built_store.graph_names() == names


def test_opening_a_missing_store_read_only(tmp_path):
    missing = tmp_path / "no-store"
    with pytest.raises(StoreError) as caught:
        open_store(missing, read_only=True)
    assert str(missing) in str(caught.value) and "guildgraph build" in str(caught.value)
    assert not missing.exists()  # a read is not allowed to create a store


def test_a_store_can_be_reopened_in_the_same_process(tmp_path):
    name = URIRef(EX + "graph/x")
    for n in range(3):
        with open_store(tmp_path / "store") as store:
            store.replace_graph(name, [(URIRef(EX + "a"), RDFS.label, Literal(str(n)))])
        with open_store(tmp_path / "store", read_only=True) as store:
            assert graph_of(store, name) == {(URIRef(EX + "a"), RDFS.label, Literal(str(n)))}


def test_a_file_where_the_store_should_be(tmp_path):
    f = tmp_path / "store"
    f.write_text("not a store")
    with pytest.raises(StoreError, match="cannot open the store"):
        open_store(f)


def test_store_env_var(built, monkeypatch, tmp_path):
    monkeypatch.setenv(STORE_ENV, str(built[0]))
    assert default_location() == str(built[0])
    with open_store(read_only=True) as store:
        assert isinstance(store, LocalStore) and store.path == Path(built[0])
    runner = CliRunner()
    result = runner.invoke(main, ["stats", "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == len(list(CORPUS.glob("*.txt")))
    result = runner.invoke(main, ["query", "--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { ?d a hl:Document }"])
    assert result.exit_code == 0 and result.stdout.split() == ["n", str(len(list(CORPUS.glob("*.txt"))))]
    # --store wins over the environment; a missing store is a clear error
    result = runner.invoke(main, ["stats", "--store", str(tmp_path / "elsewhere")])
    assert result.exit_code == 1 and f"no store at {tmp_path / 'elsewhere'}" in result.stderr
    result = runner.invoke(main, ["stats"], env={STORE_ENV: str(tmp_path / "env-missing")})
    assert result.exit_code == 1 and f"no store at {tmp_path / 'env-missing'}" in result.stderr


def test_a_raw_update_is_seen_by_queries(tmp_path):
    # queries read the merged default graph (docs/DESIGN.md); an update of a named graph must reach it
    g, a = URIRef(EX + "graph/u"), URIRef(EX + "a")
    with open_store(tmp_path / "store") as store:
        store.replace_graph(g, [(a, RDFS.label, Literal("old"))])
        store.update(f"DELETE DATA {{ GRAPH <{g}> {{ <{a}> rdfs:label 'old' }} }} ; "
                     f"INSERT DATA {{ GRAPH <{g}> {{ <{a}> rdfs:label 'new' }} }}")
        assert graph_of(store, g) == {(a, RDFS.label, Literal("new"))}
        assert [str(r[0]) for r in store.query("SELECT ?l WHERE { ?a rdfs:label ?l }")] == ["new"]
        with pytest.raises(QueryError, match="1:"):
            store.update("INSERT DATA { oops")
        store.clear()
        assert len(store) == 0 and not store.query("ASK { ?s ?p ?o }").askAnswer


def test_both_backends_implement_the_store_protocol(tmp_path):
    """Every member of graph/store/protocol.py's `Store` is there on both backends, methods with the same
    parameters, so callers never ask which backend they hold."""
    import inspect

    from graph.store import Store
    from graph.store.remote import RemoteStore

    members = {name for name in vars(Store) if not name.startswith("_") or name in ("__len__", "__enter__", "__exit__")}
    members |= set(Store.__annotations__)
    assert {"named_quads", "cuts_result_sets", "replace_graph", "query", "quads"} <= members
    with LocalStore(tmp_path / "store") as local:
        remote = RemoteStore("http://127.0.0.1:9/sparql")  # nothing is sent until a read or a write
        for store in (local, remote):
            for name in sorted(members):
                assert hasattr(store, name), f"{type(store).__name__} has no {name}"
                want = vars(Store)[name] if name in vars(Store) else None
                if inspect.isfunction(want):
                    got = getattr(type(store), name)
                    assert list(inspect.signature(got).parameters) == list(inspect.signature(want).parameters), name
        assert (local.cuts_result_sets, remote.cuts_result_sets) == (False, True)
