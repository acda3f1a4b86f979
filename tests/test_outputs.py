"""Build outputs (issue #15): a build that changes nothing rewrites no export or view; a change, a deleted file or
an update rewrites them; TriG written graph by graph from the previous file equals a full export; the documents
written piece by piece are the bytes of the whole store sorted in memory."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graph import documents, exports
from graph.cli import main
from graph.ingest import ingest
from graph.namespaces import HL, HLR
from graph.pipeline import incremental, outputs, triples
from graph.store import open_store

from .test_scale import write_articles


def snapshot(exports_dir: Path) -> dict[str, tuple[int, int]]:
    """(inode, mtime) of every file written: a rewrite (temporary file renamed) changes both."""
    files = [exports_dir / "graph.ttl", exports_dir / "graph.trig", *sorted((exports_dir / "views").glob("*.html"))]
    return {p.relative_to(exports_dir).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in files}


@pytest.fixture
def project(tmp_path):
    src = tmp_path / "articles"
    write_articles(src, range(3))
    args = ["build", str(src), "--store", str(tmp_path / "store"), "--exports", str(tmp_path / "exports")]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    return src, args, tmp_path / "exports", tmp_path / "store"


def full_trig(store_path: Path) -> bytes:
    with open_store(store_path, read_only=True) as store:
        return b"".join(exports.iter_bytes(store, "trig"))


def test_a_build_that_changes_nothing_rewrites_nothing_and_says_so(project):
    src, args, exports_dir, _ = project
    before = snapshot(exports_dir)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert snapshot(exports_dir) == before
    assert "wrote " not in again.stdout
    for name in ("graph.ttl", "graph.trig", "views"):
        assert f"up to date {exports_dir / name} " in again.stdout


def test_a_new_article_rewrites_the_outputs_and_trig_equals_a_full_export(project):
    src, args, exports_dir, store_path = project
    before = snapshot(exports_dir)
    write_articles(src, [7])
    added = CliRunner().invoke(main, args)
    assert added.exit_code == 0, added.output
    assert "built 1 article(s)" in added.stdout and "up to date" not in added.stdout
    after = snapshot(exports_dir)
    assert all(after[name] != before[name] for name in before)
    trig = (exports_dir / "graph.trig").read_bytes()
    assert trig == full_trig(store_path)
    assert b"article-007" in trig


def test_trig_from_the_previous_file_equals_a_full_export_after_replace_and_prune(project):
    src, args, exports_dir, store_path = project
    (src / "article-001.txt").write_text((src / "article-001.txt").read_text() + "\nOne more line.\n")
    assert CliRunner().invoke(main, args).exit_code == 0
    assert (exports_dir / "graph.trig").read_bytes() == full_trig(store_path)
    (src / "article-002.txt").unlink()
    pruned = CliRunner().invoke(main, [*args, "--prune"])
    assert pruned.exit_code == 0 and "pruned 1" in pruned.stdout
    trig = (exports_dir / "graph.trig").read_bytes()
    assert trig == full_trig(store_path) and b"article-002" not in trig
    with open_store(store_path, read_only=True) as store:
        assert (exports_dir / "graph.ttl").read_bytes() == b"".join(exports.iter_bytes(store, "turtle"))


def test_trig_reuses_the_pieces_of_graphs_not_written(project, monkeypatch):
    src, args, exports_dir, store_path = project
    serialized = []
    real = documents.graph_body
    monkeypatch.setattr(documents, "graph_body", lambda name, data, fmt: serialized.append(1) or real(name, data, fmt))
    write_articles(src, [8])
    assert CliRunner().invoke(main, args).exit_code == 0
    with open_store(store_path, read_only=True) as store:
        names = len(store.graph_names())
        blank = len(documents.blank_graphs(store))
    assert len(serialized) == 1 + blank < names  # the new article's graph and the ontology's (blank nodes)
    assert (exports_dir / "graph.trig").read_bytes() == full_trig(store_path)


def test_a_deleted_or_edited_output_is_written_again_alone(project):
    src, args, exports_dir, _ = project
    (exports_dir / "graph.ttl").unlink()
    (exports_dir / "views" / "overview.html").write_text("edited", encoding="utf-8")
    trig = (exports_dir / "graph.trig").stat().st_ino
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0, again.output
    assert f"wrote {exports_dir / 'graph.ttl'}" in again.stdout
    assert f"up to date {exports_dir / 'graph.trig'} " in again.stdout
    assert (exports_dir / "graph.trig").stat().st_ino == trig
    assert (exports_dir / "views" / "overview.html").read_text(encoding="utf-8") != "edited"


def test_an_update_of_the_store_makes_the_outputs_stale(project):
    src, args, exports_dir, store_path = project
    with open_store(store_path) as store:
        store.update(f'INSERT DATA {{ GRAPH <{HLR["graph/extra"]}> {{ <{HLR["actor/wga"]}> <{RDFS.label}> "x" }} }}')
    again = CliRunner().invoke(main, args)
    assert "up to date" not in again.stdout
    assert (exports_dir / "graph.trig").read_bytes() == full_trig(store_path)


def test_new_exporter_code_makes_the_outputs_stale(project, monkeypatch):
    src, args, exports_dir, _ = project
    monkeypatch.setattr(outputs, "code_digest", lambda: "another exporter")
    assert "up to date" not in CliRunner().invoke(main, args).stdout


def test_the_state_token_changes_before_a_write_and_names_the_graphs_written(tmp_path):
    with open_store(tmp_path / "store") as store:
        opened = store.changes()
        assert opened.since == opened.now and opened.graphs == frozenset()
        store.replace_graph(HLR["graph/a"], [(HLR["actor/wga"], RDFS.label, Literal("WGA"))])
        store.drop_graph(HLR["graph/b"])
        after = store.changes()
        assert after.since == opened.since != after.now
        assert after.graphs == {str(HLR["graph/a"]), str(HLR["graph/b"])}
        store.replace_graph(HLR["graph/a"], [])
        assert store.changes().now != after.now  # read, then written: a new token
        store.update("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }")
        assert store.changes().graphs is None
        last = store.changes().now
    with open_store(tmp_path / "store", read_only=True) as store:
        assert store.changes().now == last


def test_article_graph_iris_are_those_of_the_triples(tmp_path):
    for article in ingest(write_articles(tmp_path, range(3))).articles:
        assert incremental.graph_iri(article) == str(triples.graph_iri(article))  # an IRI, no RDF term needed


# -- documents piece by piece ------------------------------------------------------------------------------------
def test_documents_piece_by_piece_are_the_whole_store_sorted_in_memory(tmp_path):
    """Blank nodes in three graphs (labelled jointly), a graph name that sorts before its prefix as text, literals
    that are prefixes of others, a datatype, a language; and the empty store."""
    with open_store(tmp_path / "empty") as store:
        for fmt in documents.RDF_DOCUMENTS:
            assert b"".join(exports.iter_rdf(store, fmt)) == in_memory(store, fmt)
    wga = HLR["actor/wga"]
    with open_store(tmp_path / "store") as store:
        store.replace_graph(HLR["graph/a"], [(wga, HL.negotiatesWith, HLR["actor/amptp"])])
        store.replace_graph(HLR["graph/a-b"], [(wga, HL.negotiatesWith, HLR["actor/amptp"]),
                                               (HLR["actor/wg"], RDFS.label, Literal("y"))])
        store.replace_graph(HLR["graph/b"], [(wga, RDFS.comment, Literal('Said "no"\nthen \\ Café 🎬')),
                                             (wga, RDFS.label, Literal("x", lang="en")),
                                             (wga, RDFS.label, Literal("x")),
                                             (wga, RDFS.label, Literal("1", datatype=URIRef("http://ex.org/dt")))])
        for name in ("graph/lists-a", "graph/lists-b", "graph/lists"):
            x, y = BNode(), BNode()
            store.replace_graph(HLR[name], [(HLR["test/Either"], OWL.unionOf, x), (x, RDF.first, HL.Guild),
                                            (x, RDF.rest, y), (y, RDF.first, HL.Studio), (y, RDF.rest, RDF.nil)])
        for fmt in documents.RDF_DOCUMENTS:
            assert b"".join(exports.iter_rdf(store, fmt)) == in_memory(store, fmt), fmt


def in_memory(store, fmt: str) -> bytes:
    """The document as it was written before issue #15: every statement sorted in memory, one serialization."""
    quads = exports._sorted_quads(store)
    return documents.serialize(quads if fmt in documents.DATASET_DOCUMENTS else exports._union_triples(quads), fmt)


def test_graph_ttl_is_rewritten_subject_by_subject_and_equals_a_full_export(project, monkeypatch):
    src, args, exports_dir, store_path = project
    whole = []
    real = exports.write
    monkeypatch.setattr(exports, "write", lambda store, fmt, path, *a: whole.append(fmt) or real(store, fmt, path, *a))

    def full_turtle() -> bytes:
        with open_store(store_path, read_only=True) as store:
            return b"".join(exports.iter_bytes(store, "turtle"))
    write_articles(src, [9])  # added
    (src / "article-001.txt").write_text((src / "article-001.txt").read_text() + "\nThe end.\n")  # replaced
    assert CliRunner().invoke(main, args).exit_code == 0
    assert (exports_dir / "graph.ttl").read_bytes() == full_turtle()
    (src / "article-000.txt").unlink()
    assert CliRunner().invoke(main, [*args, "--prune"]).exit_code == 0  # dropped
    assert (exports_dir / "graph.ttl").read_bytes() == full_turtle()
    assert whole == []  # neither build wrote graph.ttl whole
