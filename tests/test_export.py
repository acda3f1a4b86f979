"""Exports: every RDF format parses back (rdflib) to the store's content; network formats match networkx;
other tools (rapper) accept the files; the same corpus gives the same bytes; tiny golden files pin the syntax."""
from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import warnings
from pathlib import Path

import networkx as nx
import pytest
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from graph import exports
from graph.namespaces import HL, HL_IRI, HLR, HLR_IRI, PREFIXES
from graph.network import to_networkx
from graph.pipeline import build
from graph.store import open_store

from .conftest import CORPUS, assert_same_graph

GOLDEN = Path(__file__).parent / "golden"
UPDATE_GOLDEN = os.environ.get("GUILDGRAPH_UPDATE_GOLDEN") == "1"  # rewrite tests/golden/ from the current output
UNION_FORMATS = {"turtle": "turtle", "ntriples": "nt", "xml": "xml"}
DATASET_FORMATS = {"trig": "trig", "nquads": "nquads", "jsonld": "json-ld"}


def parse_dataset(data: str, fmt: str) -> Dataset:
    with warnings.catch_warnings():
        # rdflib 7's own parsers still call its deprecated ConjunctiveGraph API; not ours to fix
        warnings.filterwarnings("ignore", r"(Dataset\.default_context|ConjunctiveGraph) is deprecated",
                                DeprecationWarning)
        return Dataset().parse(data=data, format=fmt)


def store_graphs(store) -> dict[URIRef, Graph]:
    graphs: dict[URIRef, Graph] = {}
    for s, p, o, g in store.quads():
        graphs.setdefault(g, Graph()).add((s, p, o))
    return graphs


def store_union(store) -> Graph:
    union = Graph()
    for s, p, o, _ in store.quads():
        union.add((s, p, o))
    return union


@pytest.fixture(scope="module")
def content(built):
    """(named graphs, their union, the network) of the built store, read once."""
    with open_store(built[0], read_only=True) as store:
        return store_graphs(store), store_union(store), to_networkx(store)


@pytest.fixture(scope="module")
def exported(built):
    with open_store(built[0], read_only=True) as store:
        return {fmt: exports.generate(store, fmt) for fmt in exports.FORMATS}


# -- RDF round trips ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", sorted(UNION_FORMATS))
def test_union_formats_round_trip(exported, content, fmt):
    _, union, _ = content
    parsed = Graph().parse(data=exported[fmt], format=UNION_FORMATS[fmt])
    assert len(parsed) == len(union)
    assert_same_graph(parsed, union, fmt)


@pytest.mark.parametrize("fmt", sorted(DATASET_FORMATS))
def test_dataset_formats_round_trip_graph_by_graph(exported, content, fmt):
    graphs, _, _ = content
    ds = parse_dataset(exported[fmt], DATASET_FORMATS[fmt])
    parsed = {g.identifier: g for g in ds.graphs() if len(g)}
    assert sorted(parsed) == sorted(graphs)  # nothing in the default graph, every article graph named
    for name, g in graphs.items():
        assert len(parsed[name]) == len(g), name
        assert_same_graph(parsed[name], g, str(name))
    assert sum(len(g) for g in parsed.values()) == sum(len(g) for g in graphs.values())


def test_article_graphs_in_trig_carry_their_provenance(exported):
    ds = parse_dataset(exported["trig"], "trig")
    articles = [g for g in ds.graphs() if len(g) and (g.identifier, None, None) in g]
    assert len(articles) == len(list(CORPUS.glob("*.txt")))
    for g in articles:
        (doc,) = g.objects(g.identifier, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"))
        assert (doc, RDF.type, HL.Document) in g


def test_exports_from_the_build_match_the_store(built, exported):
    _, exports_dir, report = built
    assert {exports_dir / "graph.ttl", exports_dir / "graph.trig"} <= set(report.exports)
    assert (exports_dir / "graph.ttl").read_text(encoding="utf-8") == exported["turtle"]
    assert (exports_dir / "graph.trig").read_text(encoding="utf-8") == exported["trig"]


@pytest.mark.parametrize("fmt", exports.FORMATS)
def test_write_gives_the_generated_text(built, exported, tmp_path, fmt):
    with open_store(built[0], read_only=True) as store:
        path = exports.write(store, fmt, tmp_path / "x" / f"out.{exports.FORMATS[fmt].extension}")
    assert path.read_text(encoding="utf-8") == exported[fmt]


def test_graph_ttl_has_the_readme_prefixes(built):
    ttl = (built[1] / "graph.ttl").read_text(encoding="utf-8")
    assert f"@prefix hl: <{HL_IRI}> ." in ttl
    assert f"@prefix hlr: <{HLR_IRI}> ." in ttl
    for prefix in ("rdf", "rdfs", "owl", "xsd", "skos", "dcterms", "prov", "schema"):
        assert f"@prefix {prefix}: <{PREFIXES[prefix]}> ." in ttl
    assert "hlr:actor\\/wga " in ttl  # IRIs written with the prefixes ("/" escaped, as Turtle allows)
    assert " hl:Guild" in ttl  # terms are written with the prefixes


def test_unknown_rdf_format(built):
    from graph.errors import InvalidArgument

    with open_store(built[0], read_only=True) as store, pytest.raises(InvalidArgument, match="unknown RDF format"):
        list(exports.iter_rdf(store, "n3"))


# -- network formats ---------------------------------------------------------------------------------------
def edges(g: nx.MultiDiGraph, drop=()) -> list:
    return sorted((s, o, k, tuple(sorted((a, v) for a, v in d.items() if a not in drop)))
                  for s, o, k, d in g.edges(keys=True, data=True))


def test_graphml_matches_networkx(exported, content):
    _, _, net = content
    assert net.number_of_nodes() > 10 and net.number_of_edges() > 10
    g = nx.read_graphml(io.BytesIO(exported["graphml"].encode("utf-8")))
    assert isinstance(g, nx.MultiDiGraph)
    assert dict(g.nodes(data=True)) == dict(net.nodes(data=True))
    assert edges(g) == edges(net)


def test_gexf_matches_networkx(exported, content):
    _, _, net = content
    g = nx.read_gexf(io.BytesIO(exported["gexf"].encode("utf-8")))
    assert isinstance(g, nx.MultiDiGraph)
    assert dict(g.nodes(data=True)) == dict(net.nodes(data=True))
    assert edges(g, drop={"id"}) == edges(net)  # GEXF numbers its edges; that id is the format's own


def test_csv_one_row_per_edge(exported, content):
    _, _, net = content
    rows = list(csv.reader(io.StringIO(exported["csv"])))
    assert rows[0] == ["source", "source_label", "source_type", "relation", "role", "target", "target_label",
                       "target_type", "evidence", "articles"]
    body = rows[1:]
    assert len(body) == net.number_of_edges()
    want = sorted([s, net.nodes[s]["label"], net.nodes[s]["type"], d["relation"], d["role"], o,
                   net.nodes[o]["label"], net.nodes[o]["type"], str(d["evidence"]), str(d["articles"])]
                  for s, o, d in net.edges(data=True))
    assert sorted(body) == want


def test_network_edges_count_their_articles(content):
    _, _, net = content
    assert all(d["articles"] >= 1 for *_, d in net.edges(data=True) if d["evidence"])


# -- other tools -------------------------------------------------------------------------------------------
def rapper() -> str:
    path = shutil.which("rapper")
    if path is None:
        pytest.fail("rapper is not installed: install the Debian package raptor2-utils "
                    "(`make test` runs .ci/install-system-deps.sh, which does)")
    return path


@pytest.mark.parametrize("name, syntax", [("graph.ttl", "turtle"), ("graph.trig", "trig")])
def test_rapper_accepts_the_exports(built, content, name, syntax):
    graphs, union, _ = content
    proc = subprocess.run([rapper(), "-c", "-i", syntax, str(built[1] / name)], capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    m = re.search(r"Parsing returned (\d+) triples", proc.stderr)
    assert m, proc.stderr
    expected = len(union) if syntax == "turtle" else sum(len(g) for g in graphs.values())
    assert int(m.group(1)) == expected
    assert "error" not in proc.stderr.lower() and "warning" not in proc.stderr.lower()


# -- determinism -------------------------------------------------------------------------------------------
def test_two_builds_give_the_same_bytes(built, tmp_path):
    store_path, exports_dir = tmp_path / "store", tmp_path / "exports"
    with open_store(store_path) as store:
        build([CORPUS], store, exports_dir)
    for name in ("graph.ttl", "graph.trig"):
        first, second = (built[1] / name).read_bytes(), (exports_dir / name).read_bytes()
        assert first == second, f"{name} differs between two builds of the same corpus"


def test_blank_nodes_are_labelled_by_content(tmp_path):
    # writing a graph gives its blank nodes fresh labels; the exports must not show it
    name = HLR["graph/test-lists"]
    cls = HLR["test/Either"]

    def triples():
        a, b = BNode(), BNode()
        return [(cls, URIRef("http://www.w3.org/2002/07/owl#unionOf"), a), (a, RDF.first, HL.Guild),
                (a, RDF.rest, b), (b, RDF.first, HL.Studio), (b, RDF.rest, RDF.nil)]
    outputs = []
    with open_store(tmp_path / "store") as store:
        for _ in range(2):
            store.replace_graph(name, triples())
            outputs.append({fmt: exports.generate(store, fmt) for fmt in ("turtle", "trig", "nquads")})
    assert outputs[0] == outputs[1]
    assert "_:c14n0" in outputs[0]["nquads"]


# -- golden files ------------------------------------------------------------------------------------------
GOLDEN_FORMATS = {"turtle": "tiny.ttl", "trig": "tiny.trig", "nquads": "tiny.nq"}


@pytest.fixture(scope="module")
def tiny_store(tmp_path_factory):
    """Two quads in two graphs; the literal has quotes, a newline, a backslash and non-ASCII text."""
    path = tmp_path_factory.mktemp("tiny") / "store"
    wga = HLR["actor/wga"]
    with open_store(path) as store:
        store.replace_graph(HLR["graph/a"], [(wga, HL.negotiatesWith, HLR["actor/amptp"])])
        store.replace_graph(HLR["graph/b"], [
            (wga, RDFS.comment, Literal('Said "no deal"\nthen left \\ Café – “ok” 🎬'))])
    with open_store(path, read_only=True) as store:
        yield store


@pytest.mark.parametrize("fmt", sorted(GOLDEN_FORMATS))
def test_golden_serializations(tiny_store, fmt):
    text = exports.generate(tiny_store, fmt)
    golden = GOLDEN / GOLDEN_FORMATS[fmt]
    if UPDATE_GOLDEN:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"{golden} is missing: run with GUILDGRAPH_UPDATE_GOLDEN=1 and check it by eye"
    assert text == golden.read_text(encoding="utf-8")


def test_golden_files_mean_the_store(tiny_store):
    """The golden files themselves parse back to the two quads (so a wrong golden file cannot pass)."""
    comment = Literal('Said "no deal"\nthen left \\ Café – “ok” 🎬')
    want = {HLR["graph/a"]: {(HLR["actor/wga"], HL.negotiatesWith, HLR["actor/amptp"])},
            HLR["graph/b"]: {(HLR["actor/wga"], RDFS.comment, comment)}}
    for name, fmt in (("tiny.trig", "trig"), ("tiny.nq", "nquads")):
        ds = parse_dataset((GOLDEN / name).read_text(encoding="utf-8"), fmt)
        assert {g.identifier: set(g) for g in ds.graphs() if len(g)} == want
    ttl = Graph().parse(GOLDEN / "tiny.ttl", format="turtle")
    assert set(ttl) == want[HLR["graph/a"]] | want[HLR["graph/b"]]
    for s, p, o in ttl:
        assert not isinstance(o, Literal) or o.datatype in (None, XSD.string)


# an export slowed down graph by graph, so that it can be killed half-way
_SLOW_EXPORT = """
import sys, time
from graph import exports
from graph.store import open_store

class Slow:
    def __init__(self, store):
        self.store = store
    def __getattr__(self, name):
        return getattr(self.store, name)
    def named_quads(self, graph=None):
        print("graph", flush=True)
        time.sleep(0.3)
        return self.store.named_quads(graph)

with open_store(sys.argv[1], read_only=True) as store:
    exports.write(Slow(store), "nquads", sys.argv[2])
"""


def test_an_export_killed_half_way_leaves_the_previous_file_whole(built, tmp_path):
    import signal
    import subprocess
    import sys

    from .conftest import ROOT

    out = tmp_path / "graph.nq"
    out.write_text("the previous export\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_EXPORT, str(built[0]), str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for n, _ in enumerate(proc.stdout, 1):
            if n == 3:  # two graphs written, the third being read
                break
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.communicate(timeout=60)
    assert out.read_text(encoding="utf-8") == "the previous export\n"
    with open_store(built[0], read_only=True) as store:  # and a complete run replaces it whole
        exports.write(store, "nquads", out)
        assert out.read_bytes() == b"".join(exports.iter_bytes(store, "nquads"))


def test_streamed_exports_report_progress_graph_by_graph(built, tmp_path):
    seen = []
    with open_store(built[0], read_only=True) as store:
        exports.write(store, "nquads", tmp_path / "graph.nq", lambda done, total: seen.append((done, total)))
        graphs = len(store.graph_names())
    assert seen == [(n, graphs) for n in range(1, graphs + 1)]
