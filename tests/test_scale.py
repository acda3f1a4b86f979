"""Scale (issue #6): incremental builds (sha256 per article, a build fingerprint, --prune, --rebuild), --jobs N
(identical results), crash safety (a build killed with SIGKILL leaves whole articles and completes on the next run),
streamed N-Quads/N-Triples exports, and a build into a real Virtuoso."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import tracemalloc
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDFS

from graph import exports
from graph.cli import main
from graph.namespaces import HL, HLR, ONTOLOGY_GRAPH, REFERENCE_GRAPH
from graph.pipeline import build, incremental, parallel
from graph.store import open_store

from .conftest import CORPUS, ROOT

# -- a small corpus of generated articles --------------------------------------------------------------------
_SIDES = [("Writers Guild of America", "WGA", "Alliance of Motion Picture and Television Producers", "AMPTP"),
          ("SAG-AFTRA", "SAG-AFTRA", "AMPTP", "AMPTP"),
          ("Directors Guild of America", "DGA", "Alliance of Motion Picture and Television Producers", "AMPTP"),
          ("International Alliance of Theatrical Stage Employees", "IATSE", "AMPTP", "AMPTP")]
_ISSUES = ["residuals", "artificial intelligence", "health and pension contributions", "staffing minimums",
           "streaming residuals", "wages"]


def small_article(n: int) -> str:
    """Article n of a generated series: a dated strike or deal, a quote and a raise, different for every n."""
    guild, short, employer, emp_short = _SIDES[n % len(_SIDES)]
    day = dt.date(2023, 1, 2) + dt.timedelta(days=7 * n)
    when = f"{day:%B} {day.day}, {day.year}"
    issue = _ISSUES[n % len(_ISSUES)]
    if n % 2:
        body = (f"The {guild} went on strike against the {employer} on {when}, after talks over {issue} broke "
                f"down. \"We are not going back without a fair contract,\" the {short} said in a statement.")
    else:
        body = (f"The {guild} reached a tentative agreement with the {employer} on {when}. The deal raises "
                f"minimum pay by {3 + n % 4} percent in the first year and covers {issue}.")
    return (f" date {day.isoformat()}\nLabor update number {n}\n\n{body} The {emp_short} did not comment on "
            f"report {n}.\n")


def write_articles(folder: Path, numbers) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in numbers:
        path = folder / f"article-{n:03d}.txt"
        path.write_text(small_article(n), encoding="utf-8")
        paths.append(path)
    return paths


def nquads(store) -> list[bytes]:
    """The sorted N-Quads of the named graphs (blank nodes canonicalized by the export)."""
    return sorted(b"".join(exports.iter_rdf(store, "nquads")).splitlines())


def store_nquads(path: Path) -> list[bytes]:
    with open_store(path, read_only=True) as store:
        return nquads(store)


def by_graph(lines: list[bytes]) -> dict[bytes, set[bytes]]:
    """N-Quads lines grouped by their graph name (the last term of each line)."""
    out: dict[bytes, set[bytes]] = {}
    for line in lines:
        graph = line.rstrip(b" .").rsplit(b" ", 1)[1]
        out.setdefault(graph, set()).add(line)
    return out


def article_graph(identifier: str) -> URIRef:
    from graph.ingest import slugify

    return HLR["graph/" + slugify(identifier)]


# -- incremental builds ----------------------------------------------------------------------------------------
def test_building_a_then_b_equals_building_a_and_b(tmp_path):
    a_dir, b_dir = tmp_path / "a", tmp_path / "b"
    a = write_articles(a_dir, range(0, 3))
    b = write_articles(b_dir, range(3, 6))
    with open_store(tmp_path / "one") as store:
        first = build([a_dir], store, None)
        second = build([a_dir, b_dir], store, None)
    with open_store(tmp_path / "both") as store:
        together = build([a_dir, b_dir], store, None)
    assert first.built == [p.name for p in a] and first.rebuilt_all == "first build"
    assert second.built == [p.name for p in b] and second.unchanged == [p.name for p in a]
    assert second.rebuilt_all == ""
    assert together.built == [p.name for p in a + b]
    one, both = store_nquads(tmp_path / "one"), store_nquads(tmp_path / "both")
    assert one == both
    graphs = by_graph(one)
    assert len(graphs) == 6 + 3  # the articles, the ontology, the reference actors and the build metadata


def test_unchanged_articles_are_not_extracted_again(tmp_path, monkeypatch):
    src = tmp_path / "articles"
    write_articles(src, range(4))
    store_path = tmp_path / "store"
    with open_store(store_path) as store:
        first = build([src], store, None)
    assert len(first.built) == 4
    before = store_nquads(store_path)

    extracted = []  # a failure inside the extraction would be caught (and the article skipped): count calls instead

    def no_extraction(*args, **kwargs):
        extracted.append(args)
        raise AssertionError("an unchanged article was extracted again")
    monkeypatch.setattr(parallel.extraction, "extract", no_extraction)
    monkeypatch.setattr(parallel, "_extract_chunk", no_extraction)
    with open_store(store_path) as store:
        again = build([src], store, None)
    assert extracted == [] and again.skipped == []
    assert again.built == [] and again.unchanged == first.built and again.pruned == []
    assert again.triples == 0 and again.rebuilt_all == ""
    assert store_nquads(store_path) == before


def test_a_build_that_changes_nothing_reads_no_article_and_asks_the_store_nothing_of_them(tmp_path, monkeypatch):
    """The store's record keeps each file's state and each article graph's sha256 with the store's state token: a
    no-op build stats the files and reads the record (the 10,000-article no-op is under a second this way)."""
    from graph import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "RACY_NS", 0)  # files written just now count as settled
    src = tmp_path / "articles"
    paths = write_articles(src, range(4))
    store_path = tmp_path / "store"
    with open_store(store_path) as store:
        first = build([src], store, None)
    reads = []
    real_read = ingest_module._read_checked
    monkeypatch.setattr(ingest_module, "_read_checked", lambda path, lines=None: reads.append(path.name)
                        or real_read(path, lines))

    def no_query(*args, **kwargs):
        raise AssertionError("the store was asked for its articles")
    monkeypatch.setattr(incremental, "stored_articles", no_query)
    with open_store(store_path) as store:
        again = build([src], store, None)
    assert reads == [] and again.unchanged == first.built and again.built == [] and again.skipped == []
    # a file written again (same size, its old modification time put back) is read again: its ctime moved
    before = paths[1].stat()
    text = paths[1].read_text(encoding="utf-8")
    paths[1].write_text(text.replace("number 1", "number 7"), encoding="utf-8")
    os.utime(paths[1], ns=(before.st_atime_ns, before.st_mtime_ns))
    assert paths[1].stat().st_size == before.st_size
    with open_store(store_path) as store:
        edited = build([src], store, None)
    assert reads == [paths[1].name] and edited.built == [paths[1].name]
    assert edited.unchanged == [p.name for p in paths if p != paths[1]]


def test_a_store_written_since_the_last_build_is_asked_again(tmp_path, monkeypatch):
    """The record's articles hold while the store's state token is the one the build left: a graph dropped by
    someone else (here a SPARQL update) is seen, and its article extracted again."""
    from graph import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "RACY_NS", 0)
    src = tmp_path / "articles"
    paths = write_articles(src, range(3))
    with open_store(tmp_path / "store") as store:
        build([src], store, None)
        build([src], store, None)  # the record now knows every file
    with open_store(tmp_path / "store") as store:
        store.update(f"DROP GRAPH <{article_graph(paths[0].name)}>")
    with open_store(tmp_path / "store") as store:
        report = build([src], store, None)
    assert report.built == [paths[0].name] and report.unchanged == [p.name for p in paths[1:]]
    with open_store(tmp_path / "clean") as store:
        build([src], store, None)
    assert store_nquads(tmp_path / "store") == store_nquads(tmp_path / "clean")


def test_articles_known_unread_are_read_when_they_must_be_extracted(tmp_path, monkeypatch):
    """A new extractor extracts every article, the ones the record knows unread included (their files are read
    then); a file gone in between is reported and skipped."""
    from graph import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "RACY_NS", 0)
    src = tmp_path / "articles"
    paths = write_articles(src, range(3))
    with open_store(tmp_path / "store") as store:
        first = build([src], store, None)
        build([src], store, None)
    monkeypatch.setattr(incremental, "fingerprint", lambda: "guildgraph test sha256:1")
    with open_store(tmp_path / "store") as store:
        report = build([src], store, None)
    assert report.built == first.built and report.rebuilt_all == "the extractor changed"
    with open_store(tmp_path / "clean") as store:
        build([src], store, None)
    strip = [x for x in store_nquads(tmp_path / "clean") if b"versionInfo" not in x]
    assert [x for x in store_nquads(tmp_path / "store") if b"versionInfo" not in x] == strip

    known = ingest_module.ingest([src], ingest_module.ingest([src]).files)
    assert all(a.unread for a in known.articles)
    paths[2].unlink()
    texts, gone = ingest_module.read_texts(known.articles)
    assert [a.identifier for a in texts] == [p.name for p in paths[:2]] and all(not a.unread for a in texts)
    assert [(g.path, g.reason) for g in gone] == [(str(paths[2]), "no such file or directory")]


def test_the_embedded_store_reads_the_build_state_in_one_query_and_a_server_in_batches(built, monkeypatch):
    """Batches of `VALUES ?g` cost the embedded store a pass over every graph each (quadratic in the articles);
    a server that cuts result sets short (Virtuoso) needs them. Both read the same state."""
    class Counting:
        def __init__(self, store, cuts):
            self.store, self.cuts_result_sets, self.queries = store, cuts, 0

        def graph_names(self):
            return self.store.graph_names()

        def query(self, text):
            self.queries += 1
            return self.store.query(text)

    monkeypatch.setattr(incremental, "_STATE_BATCH", 2)
    with open_store(built[0], read_only=True) as store:
        once, batched = Counting(store, False), Counting(store, True)
        state = incremental.stored_articles(once)
        assert incremental.stored_articles(batched) == state
    assert len(state) == 5 and all(a.sha256 for a in state.values())
    assert (once.queries, batched.queries) == (1, 3)


def test_a_changed_article_is_extracted_alone(tmp_path):
    src = tmp_path / "articles"
    paths = write_articles(src, range(4))
    store_path = tmp_path / "store"
    with open_store(store_path) as store:
        build([src], store, None)
    paths[2].write_text(small_article(40), encoding="utf-8")  # same file name, new text
    with open_store(store_path) as store:
        report = build([src], store, None)
        assert report.built == [paths[2].name]
        assert report.unchanged == [p.name for p in paths if p != paths[2]]
        sha = hashlib.sha256(paths[2].read_bytes()).hexdigest()
        assert store.query("ASK { GRAPH ?g { ?d hl:sha256 ?sha } }",
                           {"g": article_graph(paths[2].name), "sha": Literal(sha)}).askAnswer
    with open_store(tmp_path / "clean") as store:
        build([src], store, None)
    assert store_nquads(store_path) == store_nquads(tmp_path / "clean")


def test_prune_drops_the_graphs_of_articles_gone_and_nothing_else(tmp_path):
    src = tmp_path / "articles"
    paths = write_articles(src, range(5))
    store_path = tmp_path / "store"
    other = HLR["graph/notes"]  # a graph of someone else's: not an article graph, never pruned
    with open_store(store_path) as store:
        build([src], store, None)
        store.replace_graph(other, [(HLR["actor/wga"], RDFS.comment, Literal("a note"))])
    paths[1].unlink()
    paths[3].unlink()
    with open_store(store_path) as store:
        kept = build([src], store, None)  # without --prune the old graphs stay
        assert kept.pruned == [] and article_graph(paths[1].name) in store.graph_names()
        report = build([src], store, None, prune=True)
        assert report.pruned == [paths[1].name, paths[3].name] and report.built == []
        names = store.graph_names()
        assert article_graph(paths[1].name) not in names and article_graph(paths[3].name) not in names
        assert {ONTOLOGY_GRAPH, REFERENCE_GRAPH, incremental.BUILD_GRAPH, other} <= set(names)
        # queries no longer see the pruned articles
        docs = {str(r[0]) for r in store.query("SELECT ?id WHERE { ?d a hl:Document ; dcterms:identifier ?id }")}
        assert docs == {p.name for p in paths if p.exists()}
        store.drop_graph(other)
    with open_store(tmp_path / "clean") as store:
        build([src], store, None)
    assert store_nquads(store_path) == store_nquads(tmp_path / "clean")


def test_prune_keeps_the_reference_graphs_when_no_article_is_left(tmp_path):
    src = tmp_path / "articles"
    paths = write_articles(src, range(2))
    with open_store(tmp_path / "store") as store:
        build([src], store, None)
        for p in paths:
            p.unlink()
        report = build([src], store, None, prune=True)
        assert sorted(report.pruned) == sorted(p.name for p in paths)
        assert store.graph_names() == sorted([ONTOLOGY_GRAPH, REFERENCE_GRAPH, incremental.BUILD_GRAPH])


def test_a_new_extractor_rebuilds_everything(tmp_path, monkeypatch):
    src = tmp_path / "articles"
    write_articles(src, range(3))
    store_path = tmp_path / "store"
    with open_store(store_path) as store:
        first = build([src], store, None)
        assert incremental.stored_fingerprint(store) == incremental.fingerprint()
        assert store.query("ASK { GRAPH ?g { ?b owl:versionInfo ?v } }",
                           {"g": incremental.BUILD_GRAPH, "b": HLR["build"],
                            "v": Literal(incremental.fingerprint())}).askAnswer
    before = store_nquads(store_path)
    monkeypatch.setattr(incremental, "fingerprint", lambda: "guildgraph test sha256:0")
    with open_store(store_path) as store:
        report = build([src], store, None)
        assert report.built == first.built and report.unchanged == []
        assert report.rebuilt_all == "the extractor changed"
        assert incremental.stored_fingerprint(store) == "guildgraph test sha256:0"
        assert build([src], store, None).built == []  # and then it is current again
    after = store_nquads(store_path)
    assert [x for x in after if b"versionInfo" not in x] == [x for x in before if b"versionInfo" not in x]


def test_rebuild_forces_everything(tmp_path):
    src = tmp_path / "articles"
    write_articles(src, range(3))
    with open_store(tmp_path / "store") as store:
        first = build([src], store, None)
        report = build([src], store, None, rebuild=True)
    assert report.built == first.built and report.unchanged == [] and report.rebuilt_all == "--rebuild"


def test_the_fingerprint_covers_the_extractor_and_the_ontology(tmp_path):
    import graph
    import graph.reference
    from graph.pipeline.fingerprint import extraction_sources, fingerprint

    package = tmp_path / "graph"
    shutil.copytree(Path(graph.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    ontology = tmp_path / "ontology"
    shutil.copytree(graph.reference.ONTOLOGY_DIR, ontology)
    base = fingerprint(package, ontology)
    assert base == fingerprint(package, ontology) and re.fullmatch(r"guildgraph \S+ sha256:[0-9a-f]{64}", base)
    assert base == incremental.fingerprint()  # the installed package hashes the same
    covered = {p.relative_to(package).as_posix() for p in extraction_sources(package)}
    assert {"extract/events.py", "extract/lexicon/frames.yaml", "pipeline/triples.py", "ingest.py"} <= covered
    assert not covered & {"views/__init__.py", "cli.py", "exports.py", "serve.py"}
    with open(package / "views" / "__init__.py", "a", encoding="utf-8") as fh:
        fh.write("\n# not part of the extraction\n")
    assert fingerprint(package, ontology) == base
    with open(package / "extract" / "events.py", "a", encoding="utf-8") as fh:
        fh.write("\n# a change to the extractor\n")
    changed = fingerprint(package, ontology)
    assert changed != base
    (package / "extract" / "helper_new.py").write_text("RULE = 1\n", encoding="utf-8")
    with open(package / "extract" / "events.py", "a", encoding="utf-8") as fh:
        fh.write("from .helper_new import RULE  # a module that starts to matter\n")
    with_import = fingerprint(package, ontology)
    (package / "extract" / "helper_new.py").write_text("RULE = 2\n", encoding="utf-8")
    assert fingerprint(package, ontology) not in (changed, with_import)
    with open(ontology / "actors.ttl", "a", encoding="utf-8") as fh:
        fh.write("\n# a new alias would go here\n")
    assert fingerprint(package, ontology) not in (base, changed, with_import)


def test_cli_build_reports_built_unchanged_and_pruned(tmp_path):
    src = tmp_path / "articles"
    paths = write_articles(src, range(3))
    runner = CliRunner()
    args = ["build", str(src), "--store", str(tmp_path / "store"), "--exports", str(tmp_path / "exports")]
    first = runner.invoke(main, args + ["--verbose"])
    assert first.exit_code == 0, first.output
    assert "built 3 article(s), skipped 0, duplicates 0, unchanged 0, pruned 0 (all rebuilt: first build)" \
        in first.stdout
    assert [ln for ln in first.stdout.splitlines() if ln.startswith("built article ")] == \
        [f"built article {p.name}" for p in paths]
    paths[0].unlink()
    again = runner.invoke(main, args + ["--prune"])
    assert again.exit_code == 0, again.output
    assert "built 0 article(s), skipped 0, duplicates 0, unchanged 2, pruned 1:" in again.stdout
    assert f"pruned {paths[0].name}" in again.stderr
    forced = runner.invoke(main, args + ["--rebuild", "-q"])
    assert forced.exit_code == 0 and forced.stdout == ""
    bad = runner.invoke(main, args + ["--jobs", "-1"])
    assert bad.exit_code == 2


# -- --jobs N ----------------------------------------------------------------------------------------------------
def test_jobs_give_byte_identical_exports(built, tmp_path, monkeypatch):
    """The corpus built by 2 worker processes, one article per task so that the refill path runs too: the same
    exports byte for byte as the session's build in this process; never more chunks in flight than allowed."""
    monkeypatch.setattr(parallel, "CHUNK_SIZE", 1)
    from concurrent.futures import ProcessPoolExecutor

    submitted, consumed, in_flight = [0], [0], []
    real_submit = ProcessPoolExecutor.submit

    def counting_submit(self, fn, *args, **kwargs):
        submitted[0] += 1
        in_flight.append(submitted[0] - consumed[0])
        return real_submit(self, fn, *args, **kwargs)
    monkeypatch.setattr(ProcessPoolExecutor, "submit", counting_submit)

    def progress(article, done, total):
        consumed[0] += 1
    store_path, exports_dir = tmp_path / "store", tmp_path / "exports"
    with open_store(store_path) as store:
        report = build([CORPUS], store, exports_dir, progress=progress, jobs=2)
    assert report.built == built[2].built and report.triples == built[2].triples
    assert (report.actors, report.events, report.relations) == (built[2].actors, built[2].events,
                                                                 built[2].relations)
    assert submitted[0] == len(report.built)
    for name in ("graph.ttl", "graph.trig"):
        assert (exports_dir / name).read_bytes() == (built[1] / name).read_bytes(), name
    with open_store(store_path, read_only=True) as mine, open_store(built[0], read_only=True) as theirs:
        for fmt in ("nquads", "ntriples"):
            assert b"".join(exports.iter_rdf(mine, fmt)) == b"".join(exports.iter_rdf(theirs, fmt)), fmt


def test_jobs_keep_a_bounded_number_of_chunks_in_flight(tmp_path, monkeypatch):
    """14 articles, one per chunk, 2 workers: never more than 2 * IN_FLIGHT_PER_JOB chunks submitted ahead of the
    one being written, and the store as with --jobs 1."""
    from concurrent.futures import ProcessPoolExecutor

    monkeypatch.setattr(parallel, "CHUNK_SIZE", 1)
    src = tmp_path / "articles"
    write_articles(src, range(14))
    submitted, consumed, ahead = [0], [0], []
    real_submit = ProcessPoolExecutor.submit

    def counting_submit(self, fn, *args, **kwargs):
        submitted[0] += 1
        ahead.append(submitted[0] - consumed[0] - 1)
        return real_submit(self, fn, *args, **kwargs)
    monkeypatch.setattr(ProcessPoolExecutor, "submit", counting_submit)

    def progress(article, done, total):
        consumed[0] += 1
    with open_store(tmp_path / "parallel") as store:
        report = build([src], store, None, progress=progress, jobs=2)
    assert len(report.built) == submitted[0] == 14
    assert max(ahead) == 2 * parallel.IN_FLIGHT_PER_JOB
    with open_store(tmp_path / "serial") as store:
        build([src], store, None, jobs=1)
    assert store_nquads(tmp_path / "parallel") == store_nquads(tmp_path / "serial")


def test_chunks_are_bounded_and_cover_every_article():
    assert parallel.chunk_size(5, 2) == 3 and parallel.chunk_size(1000, 2) == parallel.CHUNK_SIZE
    assert parallel.chunk_size(0, 4) == 1 and parallel.chunk_size(3, 8) == 1


# -- crash safety ----------------------------------------------------------------------------------------------
def _cli(*args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graph", *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


# a build slowed down by its progress callback, so that it can be killed between two articles
_SLOW_BUILD = """
import sys, time
from graph.pipeline import build
from graph.store import open_store

def slowly(article, done, total):
    print("built article", article.identifier, flush=True)
    time.sleep(0.2)

with open_store(sys.argv[2]) as store:
    build([sys.argv[1]], store, None, progress=slowly)
"""


def test_a_build_killed_half_way_leaves_whole_articles_and_completes_next_time(tmp_path):
    src = tmp_path / "articles"
    paths = write_articles(src, range(30))
    clean_path, store_path = tmp_path / "clean", tmp_path / "store"
    with open_store(clean_path) as store:
        build([src], store, None)
    clean = store_nquads(clean_path)
    clean_graphs = by_graph(clean)

    args = ("build", str(src), "--store", str(store_path), "--exports", str(tmp_path / "exports"), "--verbose")
    proc = subprocess.Popen([sys.executable, "-c", _SLOW_BUILD, str(src), str(store_path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    watchdog = threading.Timer(180, proc.kill)  # a build that hangs without output fails the test, not the run
    watchdog.start()
    written = []
    try:
        for line in proc.stdout:  # "built article NAME" once the article's transaction is committed
            if line.startswith("built article "):
                written.append(line.split()[-1])
                if len(written) == 3:
                    break
        assert len(written) == 3, proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
    finally:
        watchdog.cancel()
        proc.kill()
        proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL

    with open_store(store_path) as store:  # it opens (read-write: recovery is allowed to run)
        lines = nquads(store)
        present = [g for g in store.graph_names() if incremental.is_article_graph_name(g)]
        assert {article_graph(name) for name in written} <= set(present)
        assert 3 <= len(present) < len(paths)
        # the merged default graph is the merge of the named graphs (same transactions)
        merged = int(next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))[0])
        distinct = int(next(iter(store.query(
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }")))[0])
        assert merged == distinct
        for g in present:  # every article graph there is whole: its Document, its evidence, all of it
            assert store.query("ASK { GRAPH ?g { ?g prov:wasDerivedFrom ?d . ?d a hl:Document ; hl:sha256 ?s . "
                               "?e a hl:Evidence ; prov:wasDerivedFrom ?d ; hl:sentence ?t } }", {"g": g}).askAnswer
    got = by_graph(lines)
    for g in present:
        key = f"<{g}>".encode()
        assert got[key] == clean_graphs[key], f"{g} is not whole"

    again = _cli(*args[:-1])
    out, err = again.communicate(timeout=300)
    assert again.returncode == 0, err
    k = len(present)
    assert f"built {len(paths) - k} article(s), skipped 0, duplicates 0, unchanged {k}, pruned 0:" in out, out
    assert store_nquads(store_path) == clean


# -- streamed exports ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def many_graphs(tmp_path_factory):
    """A store of 300 graphs of 300 triples; labels shared between graphs, so the union has fewer triples."""
    path = tmp_path_factory.mktemp("many") / "store"
    with open_store(path) as store:
        for n in range(300):
            g = HLR[f"graph/bulk-{n:03d}-txt"]
            triples = [(HLR["actor/wga"], RDFS.label, Literal("Writers Guild of America"))]
            for i in range(299):
                triples.append((HLR[f"evidence/bulk-{n:03d}/{i:04d}"], HL.sentence,
                                Literal(f"Sentence {i} of article {n}: the guild and the studios met again. " * 2)))
            store.replace_graph(g, triples)
    return path


@pytest.mark.parametrize("fmt", ["nquads", "ntriples"])
def test_line_formats_stream_graph_by_graph(many_graphs, fmt):
    with open_store(many_graphs, read_only=True) as store:
        size, chunks = 0, 0
        tracemalloc.start()
        try:
            for chunk in exports.iter_rdf(store, fmt):
                size += len(chunk)
                chunks += 1
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert chunks == 300  # one per graph
        assert size > 20_000_000 and peak < size / 20, (size, peak)  # memory of a graph or two, not the store
        text = b"".join(exports.iter_rdf(store, fmt))
        # the same statements as the whole store sorted in memory (the way the other formats are written)
        quads = exports._sorted_quads(store)
        whole = quads if fmt == "nquads" else exports._union_triples(quads)
        expected = ox.serialize(whole, format=exports.RDF_FORMATS[fmt])
    if fmt == "nquads":
        assert text == expected  # graph by graph is the global sort order
    else:
        assert sorted(text.splitlines()) == sorted(expected.splitlines())  # each triple of the union once
        assert text.count(b"Writers Guild of America") == 1


def test_streamed_blank_nodes_stay_distinct_across_graphs(tmp_path):
    from rdflib import BNode
    from rdflib.namespace import RDF

    with open_store(tmp_path / "store") as store:
        for name in ("graph/lists-a", "graph/lists-b"):
            x = BNode()
            store.replace_graph(HLR[name], [(HLR["test/Either"], OWL.unionOf, x), (x, RDF.first, HL.Guild),
                                            (x, RDF.rest, RDF.nil)])
        first = b"".join(exports.iter_rdf(store, "nquads"))
        store.replace_graph(HLR["graph/lists-a"], list(store.graph_triples(HLR["graph/lists-a"])))  # fresh labels
        assert b"".join(exports.iter_rdf(store, "nquads")) == first
    labels = {m.group(0) for m in re.finditer(rb"_:\w+", first)}
    assert labels == {b"_:c14n0", b"_:c14n1"}


# -- a SPARQL server: the corpus built into a real Virtuoso ------------------------------------------------------
COMPARED_QUERIES = {
    "documents": "SELECT DISTINCT ?d ?id ?sha WHERE { ?d a hl:Document ; dcterms:identifier ?id ; hl:sha256 ?sha }",
    "actors": "SELECT DISTINCT ?a ?type ?label WHERE { ?a hl:mentionedIn ?d ; a ?type ; rdfs:label ?label . "
              "FILTER(STRSTARTS(STR(?type), STR(hl:))) }",
    "relations": "SELECT DISTINCT ?s ?p ?o WHERE { ?st a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; "
                 "rdf:object ?o }",
    "events": "SELECT DISTINCT ?e ?type WHERE { ?e hl:evidence ?ev ; a ?type . FILTER(?type IN (hl:Strike, "
              "hl:NegotiationSession, hl:Proposal, hl:Agreement, hl:Statement, hl:LegalAction)) }",
    "evidence": "SELECT DISTINCT ?ev ?start ?end WHERE { ?ev a hl:Evidence ; hl:charStart ?start ; hl:charEnd ?end }",
    "graphs": "SELECT DISTINCT ?g ?d WHERE { GRAPH ?g { ?g prov:wasDerivedFrom ?d } }",
}


def _rows(store, text: str) -> set[tuple[str, ...]]:
    return {tuple("" if c is None else str(c) for c in row) for row in store.query(text)}


def test_build_into_virtuoso_answers_like_the_embedded_store(virtuoso, built, tmp_path, monkeypatch):
    monkeypatch.setenv("GUILDGRAPH_SPARQL_USER", virtuoso.user)
    monkeypatch.setenv("GUILDGRAPH_SPARQL_PASSWORD", virtuoso.password)
    monkeypatch.delenv("GUILDGRAPH_SPARQL_UPDATE_URL", raising=False)
    monkeypatch.delenv("GUILDGRAPH_STORE", raising=False)
    with open_store(virtuoso.query_url) as remote:
        remote.clear()
    try:
        runner = CliRunner()
        args = ["build", str(CORPUS), "--store", virtuoso.query_url, "--exports", str(tmp_path / "exports")]
        first = runner.invoke(main, args)
        assert first.exit_code == 0, first.output
        assert "built 5 article(s), skipped 0, duplicates 0, unchanged 0, pruned 0" in first.stdout
        again = runner.invoke(main, args)  # the state (sha256 per article, fingerprint) is read from the server
        assert again.exit_code == 0, again.output
        assert "built 0 article(s), skipped 0, duplicates 0, unchanged 5, pruned 0:" in again.stdout
        with open_store(virtuoso.query_url, read_only=True) as remote, \
                open_store(built[0], read_only=True) as local:
            assert remote.graph_names() == local.graph_names()
            assert len(remote) == len(local)
            for name, text in COMPARED_QUERIES.items():
                want = _rows(local, text)
                assert want, name
                assert _rows(remote, text) == want, name
            # the streamed N-Quads export reads the server graph by graph: the same statements, the same bytes
            # (but for the fingerprint, if a source file changed on disk since the session's build)
            build_graph = f"<{incremental.BUILD_GRAPH}> .".encode()
            got, want = nquads(remote), nquads(local)
            assert [x for x in got if not x.endswith(build_graph)] == [x for x in want if not x.endswith(build_graph)]
            assert len(got) == len(want)
            # N-Triples, the union: each triple once, as from the local store
            fingerprint = f"<{HLR['build']}> <{OWL.versionInfo}> ".encode()
            union = [x for x in b"".join(exports.iter_rdf(remote, "ntriples")).splitlines()
                     if not x.startswith(fingerprint)]
            assert sorted(union) == sorted(x for x in b"".join(exports.iter_rdf(local, "ntriples")).splitlines()
                                           if not x.startswith(fingerprint))
    finally:
        with open_store(virtuoso.query_url) as remote:
            remote.clear()


def test_the_virtuoso_bulk_loader_reads_the_nquads_export(virtuoso, built):
    """docs/SCALE.md's steps: `guildgraph export --format nquads` into a directory Virtuoso may read (DirsAllowed),
    `ld_dir(dir, '*.nq', graph)` (the graph argument is ignored for N-Quads), `rdf_loader_run()`, `checkpoint`."""
    from .virtuoso import isql

    folder = virtuoso.data_dir / "bulk"
    folder.mkdir(exist_ok=True)
    result = CliRunner().invoke(main, ["export", "--format", "nquads", "-o", str(folder / "graph.nq"),
                                       "--store", str(built[0])])
    assert result.exit_code == 0, result.output
    with _remote(virtuoso) as remote:
        remote.clear()
    try:
        isql(virtuoso, f"ld_dir('{folder}', '*.nq', 'http://example.org/ignored-for-nquads')",
             "rdf_loader_run()", "checkpoint")
        out = isql(virtuoso, "SELECT COUNT(*) FROM DB.DBA.load_list WHERE ll_state <> 2 OR ll_error IS NOT NULL")
        assert re.search(r"^\s*0\s*$", out, re.M), out
        with _remote(virtuoso) as remote, open_store(built[0], read_only=True) as local:
            assert remote.graph_names() == local.graph_names()
            assert URIRef("http://example.org/ignored-for-nquads") not in remote.graph_names()
            assert nquads(remote) == nquads(local)
    finally:
        isql(virtuoso, "DELETE FROM DB.DBA.load_list")
        with _remote(virtuoso) as remote:
            remote.clear()


def _remote(virtuoso):
    from graph.store.remote import RemoteStore

    return RemoteStore(virtuoso.query_url, user=virtuoso.user, password=virtuoso.password)


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found |= {int(c) for c in (task / "children").read_text().split()}
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] not in "ZX"
    except OSError:
        return False


def test_a_killed_parallel_build_leaves_no_worker_behind(tmp_path):
    src = tmp_path / "articles"
    write_articles(src, range(40))
    proc = _cli("build", str(src), "--store", str(tmp_path / "store"), "--exports", str(tmp_path / "exports"),
                "--jobs", "2", "--verbose")
    watchdog = threading.Timer(300, proc.kill)
    watchdog.start()
    try:
        for line in proc.stdout:  # workers are running once the first article is written
            if line.startswith("built article "):
                break
        workers = _children(proc.pid)
        assert len(workers) >= 2, proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        for _ in range(600):  # the workers notice their parent is gone (at once on Linux); wait at most a minute
            if not any(_alive(w) for w in workers):
                break
            threading.Event().wait(0.1)
        assert not any(_alive(w) for w in workers), "worker processes outlived the killed build"
    finally:
        watchdog.cancel()
        proc.kill()
        for w in _children(proc.pid):
            os.kill(w, signal.SIGKILL)
        proc.communicate()
