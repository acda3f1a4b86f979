"""Validation: the SPARQL engine reports what pySHACL reports, the cached report is a cold run's, a changed article is
validated again, the store's checkpoint holds what the store holds, and the synthetic benchmark corpus conforms."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections import Counter
from decimal import Decimal

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, XSD

from graph import validate
from graph.namespaces import HL, HLR
from graph.store import open_store
from graph.validate import CACHE_DIR, graph_violations, validation
from tests.test_ontology import GOOD, HLB, MUTATIONS

ROOT = __import__("pathlib").Path(__file__).resolve().parent.parent
STRIKE, PROPOSAL = HLB["event/strike/wga/2023-05-02"], HLB["event/proposal/amptp/2023-08-18"]
AGREEMENT, STATEMENT = HLB["event/agreement/wga/2023-09-24"], HLB["event/seed-1-txt/statement-1"]
TERM, EV1, DOC = HLB["event/proposal/amptp/2023-08-18/term-1"], HLB["evidence/seed-1-txt/0001"], HLB["doc/seed-1-txt"]
WGA, IGER, POS = HLB["actor/wga"], HLB["actor/bob-iger"], HLB["position/bob-iger/disney/ceo"]

# Kinds of constraint the mutations of tests/test_ontology.py leave out: (remove, add) as there.
MORE = {
    "negative duration": ([(STRIKE, HL.durationDays, None)], [(STRIKE, HL.durationDays, Literal(-3))]),
    "duration as decimal": ([(STRIKE, HL.durationDays, None)], [(STRIKE, HL.durationDays, Literal(Decimal("1.5")))]),
    "contract as literal": ([], [(AGREEMENT, HL.contract, Literal("MBA 2023"))]),
    "term not a term": ([(TERM, RDF.type, None)], []),
    "mentioned in a non-document": ([], [(WGA, HL.mentionedIn, STRIKE)]),
    "position not a position": ([(POS, RDF.type, None)], []),
    "position without organisation": ([(POS, HL.organization, None)], []),
    "position held by nobody": ([(IGER, HL.holdsPosition, None)], []),
    "document date as string": ([(DOC, DCTERMS.date, None)], [(DOC, DCTERMS.date, Literal("Sept. 9"))]),
    "ill-typed date": ([(PROPOSAL, HL.date, None)], [(PROPOSAL, HL.date, Literal("Aug. 4", datatype=XSD.date))]),
    "inferred as string": ([], [(EV1, HL.inferred, Literal("yes"))]),
    "zero-year agreement": ([], [(AGREEMENT, HL.lengthYears, Literal(0))]),
    "quote with a language": ([(STATEMENT, HL.quote, None)], [(STATEMENT, HL.quote, Literal("Oui", lang="fr"))]),
    "evidence without end": ([(EV1, HL.charEnd, None)], []),
    "two percents": ([], [(TERM, HL.percent, Literal(Decimal("6.0")))]),
    "confidence not a number": ([(EV1, HL.confidence, None)], [(EV1, HL.confidence, Literal("high"))]),
    "expiry as year": ([], [(AGREEMENT, HL.expiryDate, Literal(2026))]),
    "statement role player elsewhere": ([], [(STATEMENT, HL.statedBy, WGA)]),
    "term of nobody": ([(PROPOSAL, HL.hasTerm, None)], []),
    "proposal kind typed string": ([(PROPOSAL, HL.proposalKind, None)],  # the same term as "offer" in RDF 1.1
                                   [(PROPOSAL, HL.proposalKind, Literal("offer", datatype=XSD.string))]),
}
CONFORMING = {"good", "proposal kind typed string"}
CASES = {"good": ([], []), **{k: (r, a) for k, (r, a, _) in MUTATIONS.items()}, **MORE}


def _mutated(remove, add) -> Graph:
    g = Graph().parse(data=GOOD, format="turtle")
    for pattern in remove:
        g.remove(pattern)
    for t in add:
        g.add(t)
    return g


def _same(violations) -> Counter:
    return Counter(v.key() for v in violations)


@pytest.mark.parametrize("name", sorted(CASES))
def test_sparql_reports_what_pyshacl_reports(name):
    data = _mutated(*CASES[name])
    found = graph_violations(data, engine="sparql")
    assert _same(found) == _same(graph_violations(data, engine="pyshacl"))
    assert (name in CONFORMING) == (not found), found


def _article(store, slug: str, data: Graph) -> None:
    store.replace_graph(HLR[f"graph/{slug}"], list(data))


@pytest.fixture
def two_articles(tmp_path):
    """A store of two article graphs; the second types the WGA a studio, a violation of their union only."""
    path = tmp_path / "store"
    with open_store(path) as store:
        _article(store, "a", _mutated([], []))
        _article(store, "b", Graph().parse(data=f"<{WGA}> a <{HL.Studio}> ; <{HL.mentionedIn}> <{DOC}> .",
                                           format="turtle"))
    return path


def test_a_violation_of_the_union_only(two_articles):
    with open_store(two_articles, read_only=True) as store:
        sparql = validation(store, engine="sparql", cache=False)
        pyshacl = validation(store, engine="pyshacl", cache=False)
    assert not sparql.conforms and sparql.report.startswith("Validation Report\nConforms: False\n")
    assert [(v.focus, v.component) for v in sparql.violations] == [(WGA, "SPARQLConstraintComponent")]
    assert "found https://w3id.org/hollywood-labor/ontology#Guild and" in sparql.report
    assert _same(sparql.violations) == _same(pyshacl.violations) and sparql.report == pyshacl.report


@pytest.fixture
def temp(tmp_path, monkeypatch):
    """The temporary folder, where the checkpoints go: empty again after each validation."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _in_memory(monkeypatch) -> None:
    """Validate as for a store that cannot be checkpointed: the union copied into memory, keyed by its content."""
    monkeypatch.setattr(validate, "_checkpoint", lambda store, places: None)


@pytest.mark.parametrize("where", ["checkpoint", "memory"])
def test_the_cache_gives_a_cold_run_back_and_sees_a_change(two_articles, temp, monkeypatch, where):
    if where == "memory":
        _in_memory(monkeypatch)
    else:  # the key is the checkpoint's files: the union is never dumped
        monkeypatch.setattr(validate, "_memory_copy", None)
    with open_store(two_articles, read_only=True) as store:
        cold = validation(store, cache=False)
        first = validation(store)
        again = validation(store)
    assert (first.cached, again.cached) == (False, True)
    assert cold.report == first.report == again.report and again.conforms is False
    assert len(list((two_articles.parent / CACHE_DIR).glob("*.json"))) == 1
    with open_store(two_articles) as store:  # the second article no longer types the WGA a studio
        _article(store, "b", Graph().parse(data=f"<{WGA}> <{HL.mentionedIn}> <{DOC}> .", format="turtle"))
    with open_store(two_articles, read_only=True) as store:
        changed = validation(store)
        assert not changed.cached and changed.conforms, changed.report
        assert changed.report == validation(store, cache=False).report == "Validation Report\nConforms: True\n"
    assert not list(temp.iterdir()) and not list((two_articles.parent / CACHE_DIR).glob(".validate-*"))


def test_a_report_is_found_again_by_another_process(two_articles):
    """The key must not depend on the process: `guildgraph validate` run twice on an unchanged store gives the
    first run's report back the second time (rdflib labels the ontology's blank nodes anew in every process)."""
    code = ("import sys\nfrom graph.store import open_store\nfrom graph.validate import validation\n"
            "with open_store(sys.argv[1], read_only=True) as store:\n    print(validation(store).cached)\n")
    runs = [subprocess.run([sys.executable, "-c", code, str(two_articles)], capture_output=True, text=True,
                           cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=300) for _ in range(2)]
    assert [r.stdout.strip() for r in runs] == ["False", "True"], [r.stderr[-2000:] for r in runs]


def test_the_checkpoint_holds_what_the_store_holds(tmp_path, temp, monkeypatch):
    """A writer that stopped before flushing leaves its writes in the write-ahead log, which a read-only store
    reads and its checkpoint leaves out: validate copies the log, and reports what the union in memory gives."""
    files = []
    for slug, data in (("a", _mutated([], [])), ("b", Graph().parse(
            data=f"<{WGA}> a <{HL.Studio}> ; <{HL.mentionedIn}> <{DOC}> .", format="turtle"))):
        files.append(tmp_path / f"{slug}.nt")
        data.serialize(files[-1], format="nt", encoding="utf-8")
    code = ("import os, sys\nfrom rdflib import Graph\nfrom graph.namespaces import HLR\n"
            "from graph.store import open_store\n"
            "store = open_store(sys.argv[1])\n"
            "for f in sys.argv[2:]:\n"
            "    store.replace_graph(HLR['graph/' + f.rpartition('/')[2][:-3]], list(Graph().parse(f, format='nt')))\n"
            "os._exit(0)  # no close: nothing flushed\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "store"), *map(str, files)], capture_output=True,
                          text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}, timeout=300)
    assert done.returncode == 0, done.stderr
    assert list((tmp_path / "store").glob("*.log")), "the writes are expected in the write-ahead log"
    with open_store(tmp_path / "store", read_only=True) as store:
        on_disk = validation(store, cache=False)
        _in_memory(monkeypatch)
        in_memory = validation(store, cache=False)
    assert on_disk.report == in_memory.report and not on_disk.conforms
    assert [(v.focus, v.component) for v in on_disk.violations] == [(WGA, "SPARQLConstraintComponent")]
    assert not list(temp.iterdir())


def test_a_checkpoint_left_by_a_killed_validation_is_removed_by_the_next(two_articles, temp):
    """A validation killed before it could remove its checkpoint leaves hard links to the store's files: the next
    validation that checkpoints there removes them, but never a checkpoint of a validation still running."""
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          timeout=60)
    left = temp / f".validate-{int(gone.stdout)}-abc123"
    running = temp / f".validate-{os.getpid()}-def456"
    for folder in (left, running):
        (folder / "store").mkdir(parents=True)
        (folder / "store" / "000001.sst").write_bytes(b"x")
    with open_store(two_articles, read_only=True) as store:
        assert not validation(store, cache=False).conforms
    assert not left.exists() and running.exists()
    assert [p.name for p in temp.iterdir()] == [running.name]


def test_an_unknown_engine_is_a_bad_argument(two_articles):
    from graph.errors import InvalidArgument

    with open_store(two_articles, read_only=True) as store, pytest.raises(InvalidArgument):
        validation(store, engine="jena")


def test_the_synthetic_corpus_conforms(tmp_path):
    """50 articles of benchmarks/synth.py, built: no actor is typed twice (bylines once made people outlets)."""
    for args in ([str(ROOT / "benchmarks" / "synth.py"), str(tmp_path / "articles"), "--articles", "50"],
                 ["-m", "graph", "build", str(tmp_path / "articles"), "--store", str(tmp_path / "store"),
                  "--exports", str(tmp_path / "exports"), "-q"]):
        done = subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=900,
                              env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
        assert done.returncode == 0, done.stderr
    with open_store(tmp_path / "store", read_only=True) as store:
        result = validation(store, cache=False)
    assert result.conforms, result.report[:3000]
