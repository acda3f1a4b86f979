"""Cluster builds (issue #16): `build --cluster` extracts partitions on the workers of a real Dask cluster (a
distributed.LocalCluster of two worker processes, its scheduler over TCP on loopback, one for the module) and
bulk-loads them: the exports are byte for byte those of a local build, a worker killed mid-job costs nothing, a bad
article is reported and skipped, a second build sends nothing."""
from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph.cli import main
from graph.errors import ClusterError, GuildgraphError, InvalidArgument
from graph.ingest import ingest
from graph.pipeline import build
from graph.pipeline import cluster as cluster_module
from graph.pipeline.cluster import Cluster, check_address, read_reports
from graph.pipeline.partition import partitions, read_partition
from graph.store import open_store

from .conftest import USAGE_ERRORS

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
EXPORTS = ("graph.ttl", "graph.trig")


@pytest.fixture(scope="module")
def scheduler():
    """The address of a LocalCluster: two worker processes of one thread, the scheduler on tcp://127.0.0.1."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0") as lc:  # its HTTP server on a free loopback port
        assert lc.scheduler_address.startswith("tcp://127.0.0.1:")
        yield lc.scheduler_address


@pytest.fixture
def client(scheduler):
    from distributed import Client

    with Client(scheduler) as c:
        yield c


def _synth():
    spec = importlib.util.spec_from_file_location("guildgraph_synth", ROOT / "benchmarks" / "synth.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up while the class is made
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """200 synthetic articles and their exports from a local build: (articles folder, exports folder)."""
    base = tmp_path_factory.mktemp("synthetic")
    _synth().generate(base / "articles", 200)
    with open_store(base / "store") as store:
        build([base / "articles"], store, base / "exports")
    return base / "articles", base / "exports"


def _same_exports(got: Path, expected: Path) -> None:
    for name in EXPORTS:
        assert (got / name).read_bytes() == (expected / name).read_bytes(), name


def _merge_is_whole(store_path: Path) -> None:
    """The merged default graph holds every triple of the named graphs and nothing else."""
    with open_store(store_path, read_only=True) as store:
        named = {(q.subject, q.predicate, q.object) for q in store.named_quads()}
        merged = {(q.subject, q.predicate, q.object) for q in store.ox_quads(graph_name=ox.DefaultGraph())}
    assert named == merged


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# -- without a cluster -----------------------------------------------------------------------------------------
def test_addresses_are_local_n_or_a_tcp_scheduler():
    assert check_address("local:3") == (3, None)
    assert check_address("tcp://10.0.0.5:8786") == (None, "tcp://10.0.0.5:8786")
    assert check_address("tcp://[::1]:8786") == (None, "tcp://[::1]:8786")
    for bad in ("bogus", "local:0", "local:x", "tcp://host", "tcp://host:99999", "http://host:8786", ""):
        with pytest.raises(InvalidArgument, match="local:N"):
            check_address(bad)
    with pytest.raises(InvalidArgument):
        Cluster("local:2", partition_size=0)


def test_partitions_name_files_and_jsonl_line_ranges_that_read_back_the_same_articles(tmp_path):
    (tmp_path / "a.txt").write_text("The Writers Guild of America met the AMPTP on Monday.\n", encoding="utf-8")
    lines = [json.dumps({"text": f"SAG-AFTRA spoke with Netflix about item {n}."}) for n in range(7)]
    lines[3] = "{not json"
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    found = ingest([tmp_path])
    parts = partitions(found.articles, 4)
    assert [len(p.wanted) for p in parts] == [4, 3]
    assert [(Path(piece.path).name, piece.lines) for piece in parts[0].pieces] == [("a.txt", None),
                                                                                 ("feed.jsonl", (1, 3))]
    # line 4 is no article
    assert [(Path(piece.path).name, piece.lines) for piece in parts[1].pieces] == [("feed.jsonl", (5, 7))]
    back = [a for p in parts for a in read_partition(p)[0]]
    assert back == found.articles
    (tmp_path / "a.txt").write_text("Changed since.\n", encoding="utf-8")
    articles, skipped = read_partition(parts[0])
    assert [a.identifier for a in articles] == ["feed.jsonl#1", "feed.jsonl#2", "feed.jsonl#3"]
    assert skipped == [{"identifier": "a.txt", "reason": "changed or gone since the build read it (build again)"}]


def test_without_dask_a_cluster_build_says_what_to_install(tmp_path, monkeypatch):
    import graph.pipeline
    from graph.errors import SetupError

    monkeypatch.delitem(sys.modules, "graph.pipeline.partition")
    monkeypatch.delattr(graph.pipeline, "partition")
    monkeypatch.setitem(sys.modules, "distributed", None)  # `import distributed` fails as if it were not installed
    with pytest.raises(SetupError, match=r"pip install 'guildgraph\[cluster\]'"):
        list(cluster_module.extract_on_cluster(ingest([CORPUS]).articles[:1], None, Cluster("local:1", tmp_path),
                                               "any"))


# -- on the cluster --------------------------------------------------------------------------------------------
def test_the_corpus_built_on_the_cluster_exports_the_same_bytes_and_a_second_build_sends_nothing(
        built, scheduler, tmp_path):
    store_path, exports_dir, parts = tmp_path / "store", tmp_path / "exports", tmp_path / "partitions"
    with open_store(store_path) as store:
        report = build([CORPUS], store, exports_dir, cluster=Cluster(scheduler, parts, partition_size=2))
    assert report.built == built[2].built and report.triples == built[2].triples
    assert (report.actors, report.events, report.relations) == (built[2].actors, built[2].events, built[2].relations)
    _same_exports(exports_dir, built[1])
    _merge_is_whole(store_path)
    assert sorted(p.name for p in parts.iterdir()) == [f"part-0000{n}.{ext}" for n in range(3) for ext in
                                                       ("json", "nq")]
    assert [r["partition"] for r in read_reports(parts)] == [0, 1, 2]
    # nothing new: no partition goes out (the scheduler given here does not even exist)
    with open_store(store_path) as store:
        again = build([CORPUS], store, None, cluster=Cluster(f"tcp://127.0.0.1:{_free_port()}", parts))
    assert again.built == [] and len(again.unchanged) == 5
    # every article again: the stored graphs are replaced, the merged default graph stays whole
    with open_store(store_path) as store:
        rebuilt = build([CORPUS], store, exports_dir, rebuild=True, cluster=Cluster(scheduler, parts,
                                                                                      partition_size=3))
    assert rebuilt.built == built[2].built
    _same_exports(exports_dir, built[1])
    _merge_is_whole(store_path)


def test_200_synthetic_articles_built_on_the_cluster_export_the_same_bytes(synthetic, scheduler, tmp_path):
    articles, expected = synthetic
    with open_store(tmp_path / "store") as store:
        report = build([articles], store, tmp_path / "exports", cluster=Cluster(scheduler, tmp_path / "parts", 16))
    assert len(report.built) == 200 and report.skipped == []
    _same_exports(tmp_path / "exports", expected)


def test_a_worker_killed_during_the_job_still_gives_a_complete_store(built, scheduler, client, tmp_path):
    """The worker process running a partition is killed (SIGKILL) once the first partition (of five: one article
    each) is written: its nanny starts another, the scheduler runs the lost partition again, and the store is
    whole."""
    parts = tmp_path / "parts"
    pids = client.run(os.getpid)  # worker address -> pid
    killed = []

    def kill_a_busy_worker_once_a_partition_is_written():
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not killed:
            busy = {w: keys for w, keys in client.processing().items() if keys} if list(parts.glob("*.nq")) else {}
            for worker, keys in sorted(busy.items())[:1]:
                os.kill(pids[worker], signal.SIGKILL)
                killed.append((pids[worker], sorted(int(str(k).split("-")[2]) for k in keys)))
            time.sleep(0.02)
    killer = threading.Thread(target=kill_a_busy_worker_once_a_partition_is_written, daemon=True)
    killer.start()
    with open_store(tmp_path / "store") as store:
        report = build([CORPUS], store, tmp_path / "exports", cluster=Cluster(scheduler, parts, 1))
    killer.join(timeout=5)
    assert killed, "no worker was killed"
    victim, lost = killed[0]
    assert sorted(p.name for p in parts.iterdir()) == [f"part-0000{n}.{ext}" for n in range(5) for ext in
                                                       ("json", "nq")], "every partition whole, no temporary file"
    assert all(r["pid"] != victim for r in read_reports(parts) if r["partition"] in lost), "ran again elsewhere"
    assert report.built == built[2].built and report.skipped == []
    _same_exports(tmp_path / "exports", built[1])
    _merge_is_whole(tmp_path / "store")
    client.wait_for_workers(2, timeout=120)
    assert victim not in client.run(os.getpid).values()


def _poison():
    """On a worker: extraction raises for an article whose text says POISON (restored by `_cure`)."""
    import graph.extract as extraction

    if not hasattr(extraction, "_unpoisoned"):
        extraction._unpoisoned = extraction.extract

        def extract(article, doc, reference):
            if "POISON" in article.text:
                raise ValueError("poisoned for the test")
            return extraction._unpoisoned(article, doc, reference)
        extraction.extract = extract


def _cure():
    import graph.extract as extraction

    if hasattr(extraction, "_unpoisoned"):
        extraction.extract = extraction._unpoisoned
        del extraction._unpoisoned


def test_a_bad_article_is_reported_with_its_reason_and_skipped(scheduler, client, tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    good = sorted(CORPUS.glob("*.txt"))[:2]
    for path in good:
        (src / path.name).write_bytes(path.read_bytes())
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x00\x01\x02 not text")
    (src / "poisoned.txt").write_text("POISON. The Writers Guild of America went on strike against the AMPTP.\n",
                                      encoding="utf-8")
    rows = [json.dumps({"text": "SAG-AFTRA reached a tentative agreement with the AMPTP on Friday."}), "{broken",
            json.dumps({"text": "The Directors Guild of America met the studios."})]
    (src / "feed.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    client.run(_poison)
    try:
        with open_store(tmp_path / "store") as store:
            report = build([src], store, None, cluster=Cluster(scheduler, tmp_path / "parts", 2))
    finally:
        client.run(_cure)
    assert sorted(report.built) == sorted([p.name for p in good] + ["feed.jsonl#1", "feed.jsonl#3"])
    reasons = {Path(s.path).name: s.reason for s in report.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["binary.txt"] == "binary content (NUL bytes)"
    assert reasons["feed.jsonl"].startswith("line 2: not JSON")
    assert reasons["poisoned.txt"] == "extraction failed (ValueError: poisoned for the test)"
    skipped_on_workers = [s for r in read_reports(tmp_path / "parts") for s in r["skipped"]]
    assert skipped_on_workers == [{"identifier": "poisoned.txt",
                                   "reason": "extraction failed (ValueError: poisoned for the test)"}]
    with open_store(tmp_path / "store", read_only=True) as store:
        assert len([g for g in store.graph_names() if "poisoned" in g]) == 0


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, monkeypatch):
    """A ClusterError (exit 1) once the connection times out (10 s; 1 s here)."""
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", 1.0)
    address = f"tcp://127.0.0.1:{_free_port()}"
    assert issubclass(ClusterError, GuildgraphError) and not issubclass(ClusterError, USAGE_ERRORS)
    done = CliRunner().invoke(main, ["build", str(sorted(CORPUS.glob("*.txt"))[0]), "--store",
                                     str(tmp_path / "store2"), "--exports", str(tmp_path / "x"), "--cluster", address])
    assert done.exit_code == 1 and "cannot reach the Dask scheduler at " + address in done.output


def test_cli_builds_on_a_local_cluster_and_refuses_a_bad_address(built, scheduler, tmp_path):
    runner = CliRunner()
    assert "--cluster ADDRESS" in runner.invoke(main, ["build", "--help"]).output
    args = ["build", str(CORPUS), "--store", str(tmp_path / "store"), "--exports", str(tmp_path / "exports")]
    bad = runner.invoke(main, args + ["--cluster", "bogus"])
    assert bad.exit_code == 2 and "bad cluster address 'bogus'" in bad.output
    assert not (tmp_path / "store").exists()
    assert runner.invoke(main, args + ["--cluster", "local:2", "--jobs", "2"]).exit_code == 2
    done = runner.invoke(main, args + ["--cluster", "local:2"])
    assert done.exit_code == 0, done.output
    assert "built 5 article(s), skipped 0" in done.output
    _same_exports(tmp_path / "exports", built[1])
    assert sorted(p.name for p in (tmp_path / "partitions").glob("*.nq")) == ["part-00000.nq"]
    again = runner.invoke(main, args + ["--cluster", scheduler])
    assert again.exit_code == 0 and "built 0 article(s), skipped 0, duplicates 0, unchanged 5" in again.output


def test_a_cluster_build_into_a_sparql_server_holds_what_the_embedded_store_holds(built, scheduler, virtuoso,
                                                                                  tmp_path, monkeypatch):
    """Into Virtuoso, the partitions are loaded one `replace_graph` per article: the same N-Quads as the local
    build's (but the fingerprint's graph, should a source file have changed since the session's build)."""
    from graph import exports
    from graph.pipeline.incremental import BUILD_GRAPH

    monkeypatch.setenv("GUILDGRAPH_SPARQL_USER", virtuoso.user)
    monkeypatch.setenv("GUILDGRAPH_SPARQL_PASSWORD", virtuoso.password)
    monkeypatch.delenv("GUILDGRAPH_SPARQL_UPDATE_URL", raising=False)

    def nquads(store) -> list[bytes]:
        return sorted(x for x in b"".join(exports.iter_rdf(store, "nquads")).splitlines()
                      if not x.endswith(f"<{BUILD_GRAPH}> .".encode()))
    with open_store(virtuoso.query_url) as remote:
        remote.clear()
    try:
        with open_store(virtuoso.query_url) as remote:
            report = build([CORPUS], remote, None, cluster=Cluster(scheduler, tmp_path / "parts", 2))
        assert report.built == built[2].built
        with open_store(virtuoso.query_url, read_only=True) as remote, open_store(built[0], read_only=True) as local:
            assert nquads(remote) == nquads(local)
    finally:
        with open_store(virtuoso.query_url) as remote:
            remote.clear()
