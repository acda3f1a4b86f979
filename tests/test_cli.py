"""The command line, in process (click's CliRunner) against the corpus built into a real on-disk store."""
from __future__ import annotations

import csv
import io
import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import RDF

from graph.cli import main
from graph.exports import FORMATS
from graph.namespaces import HL, HLR
from graph.query import RESULT_FORMATS
from graph.store import open_store

from .conftest import CORPUS

COMMANDS = ("build", "query", "export", "stats", "validate")
DOCS_QUERY = "SELECT ?doc ?id WHERE { ?doc a hl:Document ; dcterms:identifier ?id } ORDER BY ?id"
SRX = "{http://www.w3.org/2005/sparql-results#}"


@pytest.fixture
def cli(built):
    """Run `guildgraph ARGS` on the built store; returns click's Result (stdout, stderr, exit_code)."""
    runner = CliRunner()

    def run(*args, store=built[0], **kw):
        extra = ["--store", str(store)] if store is not None else []
        return runner.invoke(main, [*args, *extra], catch_exceptions=False, **kw)
    return run


def docs(built_store) -> list[tuple[str, str]]:
    return [(str(r.doc), str(r.id)) for r in built_store.query(DOCS_QUERY)]


def count(store, q: str) -> int:
    return int(next(iter(store.query(q)))[0])


# -- help --------------------------------------------------------------------------------------------------
def test_group_help():
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and "knowledge graph" in result.output
    for command in COMMANDS:
        assert command in result.output
    assert CliRunner().invoke(main, ["-h"]).output == result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert f"Usage: main {command}" in result.output or f"Usage: guildgraph {command}" in result.output
    assert "--store" in result.output


def test_version():
    result = CliRunner().invoke(main, ["--version"])
    assert result.exit_code == 0 and "version" in result.output


# -- query -------------------------------------------------------------------------------------------------
def test_query_table(cli, built_store):
    expected = docs(built_store)
    result = cli("query", DOCS_QUERY)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["doc", "id"]
    assert set(lines[1]) <= {"-", " "}
    assert lines[-1] == f"({len(expected)} rows)"
    for (doc, ident), line in zip(expected, lines[2:-1]):
        assert ident in line
        assert doc.replace(str(HLR), "hlr:") in line  # IRIs shortened with the standard prefixes


def test_query_csv(cli, built_store):
    result = cli("query", "--format", "csv", DOCS_QUERY)
    assert result.exit_code == 0, result.output
    assert b"\r\n" in result.stdout_bytes  # RFC 4180 line ends, as SPARQL 1.1 CSV results say
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["doc", "id"]
    assert [tuple(r) for r in rows[1:]] == docs(built_store)


def test_query_tsv(cli, built_store):
    result = cli("query", "--format", "tsv", DOCS_QUERY)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "?doc\t?id"
    assert lines[1:] == [f'<{doc}>\t"{ident}"' for doc, ident in docs(built_store)]


def test_query_json_is_sparql_results(cli, built_store):
    result = cli("query", "--format", "json", DOCS_QUERY)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["head"] == {"vars": ["doc", "id"]}
    bindings = data["results"]["bindings"]
    assert [(b["doc"]["value"], b["id"]["value"]) for b in bindings] == docs(built_store)
    assert all(b["doc"]["type"] == "uri" and b["id"]["type"] == "literal" for b in bindings)
    # typed literals carry their datatype
    dated = json.loads(cli("query", "--format", "json",
                           "SELECT ?d WHERE { ?doc dcterms:date ?d } LIMIT 1").stdout)["results"]["bindings"]
    assert dated[0]["d"]["datatype"] == "http://www.w3.org/2001/XMLSchema#date"


def test_query_json_ask(cli):
    result = cli("query", "--format", "json", "ASK { ?d a hl:Document }")
    assert json.loads(result.stdout) == {"head": {}, "boolean": True}


def test_query_xml_is_sparql_results(cli, built_store):
    result = cli("query", "--format", "xml", DOCS_QUERY)
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout_bytes)
    assert root.tag == f"{SRX}sparql"
    assert [v.get("name") for v in root.iter(f"{SRX}variable")] == ["doc", "id"]
    got = []
    for res in root.iter(f"{SRX}result"):
        b = {x.get("name"): x[0] for x in res}
        assert b["doc"].tag == f"{SRX}uri" and b["id"].tag == f"{SRX}literal"
        got.append((b["doc"].text, b["id"].text))
    assert got == docs(built_store)


@pytest.mark.parametrize("fmt", RESULT_FORMATS)
def test_query_output_file(cli, tmp_path, fmt):
    out = tmp_path / f"rows.{fmt}"
    result = cli("query", "--format", fmt, "-o", str(out), DOCS_QUERY)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == cli("query", "--format", fmt, DOCS_QUERY).stdout


def test_query_from_file_and_stdin(cli, tmp_path, built_store):
    q = tmp_path / "docs.rq"
    q.write_text("# the documents\n" + DOCS_QUERY + "\n", encoding="utf-8")
    result = cli("query", "--format", "csv", "-f", str(q))
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 1 + len(docs(built_store))
    piped = cli("query", "--format", "csv", "-f", "-", input=DOCS_QUERY)
    assert piped.exit_code == 0 and piped.stdout == result.stdout


def test_query_syntax_error(cli):
    result = cli("query", "SELEC ?x WHERE { ?x ?y ?z }")
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert re.search(r"error at 1:\d+: expected", result.stderr)  # the engine's own message, with the position
    assert "Traceback" not in result.output
    result = cli("query", "SELECT ?x WHERE {\n  ?x ?y\n}")
    assert result.exit_code == 1 and "error at 3:" in result.stderr  # the line is the user's line


NESTED = "SELECT * WHERE " + "{" * 2300 + " ?s ?p ?o " + "}" * 2300  # 9 KB: crashed the engine (SIGSEGV)


@pytest.mark.parametrize("query", [NESTED, "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * 4700 + "?o" + ")" * 4700 + ") }",
                                   "ASK { FILTER(" + "!" * 20000 + "true) }"])
def test_query_the_engine_cannot_survive_exits_1_with_a_reason(built, query):
    """In a real process: a clear message and exit 1, where the engine used to die of SIGSEGV (exit 139)."""
    import subprocess
    import sys

    from .conftest import ROOT

    done = subprocess.run([sys.executable, "-m", "graph", "query", "--store", str(built[0]), "-f", "-"], input=query,
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("error: the query is nested or chained too deep for the engine")
    assert "Traceback" not in done.stderr


def test_query_service_only_with_allow_service(cli, tiny_sparql_service):
    url, seen = tiny_sparql_service
    query = f"SELECT ?x WHERE {{ SERVICE <{url}> {{ ?x ?p ?o }} }}"
    refused = cli("query", query)
    assert refused.exit_code == 1 and f"SERVICE <{url}> is refused" in refused.stderr and "--allow-service" in \
        refused.stderr
    assert seen == []  # no request left
    allowed = cli("query", "--allow-service", url, "--format", "csv", query)
    assert allowed.exit_code == 0, allowed.stderr
    assert allowed.stdout.splitlines() == ["x", "from the service"] and len(seen) == 1


def test_query_unknown_prefix(cli):
    result = cli("query", "SELECT ?x WHERE { ?x nosuch:term ?z }")
    assert result.exit_code == 1 and "Prefix not found" in result.stderr


UPDATES = [
    "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }",
    "PREFIX ex: <http://example.org/>\nPREFIX hl2: <https://w3id.org/hollywood-labor/ontology#>\n"
    "INSERT DATA { GRAPH ex:g { ex:a hl2:memberOf ex:b } }",
    "# add a fact\n  # another comment\nPREFIX ex: <http://example.org/#frag> # trailing\n\n"
    "insert data { <urn:x:a> <urn:x:b> 'c' }",
    "BASE <http://example.org/>\nDELETE WHERE { ?s ?p ?o }",
    "PREFIX ex: <http://example.org/>#a comment right after the IRI\nINSERT DATA { ex:a ex:b ex:c }",
    "DROP ALL",
    "CLEAR GRAPH <https://w3id.org/hollywood-labor/id/graph/ontology>",
]


@pytest.mark.parametrize("update", UPDATES)
def test_query_refuses_updates(cli, built_store, update):
    size, names = len(built_store), built_store.graph_names()
    result = cli("query", update)
    assert result.exit_code == 2, result.output
    assert "update" in result.stderr
    assert len(built_store) == size and built_store.graph_names() == names


def test_query_needs_one_query(cli, tmp_path):
    result = cli("query")
    assert result.exit_code == 2 and "-f FILE" in result.stderr
    q = tmp_path / "q.rq"
    q.write_text(DOCS_QUERY)
    assert cli("query", "-f", str(q), DOCS_QUERY).exit_code == 2


def test_query_missing_file(cli, tmp_path):
    result = cli("query", "-f", str(tmp_path / "missing.rq"))
    assert result.exit_code == 2 and "missing.rq" in result.stderr


# -- export ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS)
def test_export_to_file_and_stdout(cli, tmp_path, fmt):
    out = tmp_path / "sub" / f"graph.{fmt}"
    result = cli("export", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and f"wrote {out}" in result.stderr
    data = out.read_bytes()
    assert len(data) > 1000
    piped = cli("export", "--format", fmt)
    assert piped.exit_code == 0
    assert piped.stdout_bytes == data  # the same bytes either way
    text = data.decode("utf-8")
    if fmt in ("turtle", "trig"):
        assert "@prefix hl: <https://w3id.org/hollywood-labor/ontology#> ." in text
    elif fmt in ("nquads", "ntriples"):
        assert all(line.endswith(" .") for line in text.splitlines())
    elif fmt == "jsonld":
        json.loads(text)
    elif fmt in ("xml", "graphml", "gexf"):
        ET.fromstring(data)
    elif fmt == "csv":
        assert text.startswith("source,source_label,source_type,relation,")


def test_export_default_is_turtle(cli):
    assert cli("export").stdout_bytes == cli("export", "--format", "turtle").stdout_bytes


def test_unwritable_output_is_an_error_not_a_traceback(cli, tmp_path):
    result = cli("export", "--format", "nquads", "-o", str(tmp_path))  # a directory
    assert result.exit_code == 1 and result.stderr.startswith("error: ") and str(tmp_path) in result.stderr
    missing = tmp_path / "no" / "such" / "dir" / "rows.csv"
    (tmp_path / "no").write_text("a file, not a folder")
    result = cli("query", "--format", "csv", "-o", str(missing), DOCS_QUERY)
    assert result.exit_code == 1 and result.stderr.startswith("error: ") and "Traceback" not in result.output


# -- stats -------------------------------------------------------------------------------------------------
def expected_stats(store) -> dict:
    def leaf(cls):
        return count(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a hl:{cls} ; hl:mentionedIn ?d }}")
    def event(cls):
        return count(store, f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a hl:{cls} ; hl:evidence ?v }}")
    def rel(p):
        return count(store, f"SELECT (COUNT(DISTINCT ?st) AS ?n) WHERE {{ ?st rdf:predicate hl:{p} }}")
    def issue(code):
        return count(store, f"""SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {{
            ?i skos:notation "{code}" ; hl:mentionedIn ?d }}""")
    actors = {c: leaf(c) for c in ("Guild", "Studio", "EmployerAssociation", "GovernmentAgency", "MediaOutlet",
                                   "Person")}
    events = {c: event(c) for c in ("Strike", "NegotiationSession", "Proposal", "Agreement", "Statement",
                                    "LegalAction")}
    relations = {p: rel(p) for p in ("memberOf", "negotiatesWith", "strikesAgainst", "supports", "partOf",
                                     "filedChargeAgainst", "holdsPosition")}
    codes = [str(r[0]) for r in store.query("SELECT DISTINCT ?c WHERE { ?i a hl:Issue ; skos:notation ?c }")]
    issues = {c: issue(c) for c in codes}
    return {
        "articles": count(store, "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { GRAPH ?g { ?d a hl:Document } }"),
        "graphs": count(store, "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
        "quads": count(store, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
        "actors": {k: v for k, v in actors.items() if v},
        "events": {k: v for k, v in events.items() if v},
        "relations": {k: v for k, v in relations.items() if v},
        "issues": {k: v for k, v in issues.items() if v},
    }


def test_stats_json_matches_sparql(cli, built, built_store):
    result = cli("stats", "--json")
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert got == expected_stats(built_store)
    assert got["articles"] == len(built[2].built) == len(list(CORPUS.glob("*.txt")))
    assert got["graphs"] == got["articles"] + 3  # plus the ontology, reference and build-metadata graphs
    assert got["actors"] and got["events"] and got["relations"] and got["issues"]


def test_stats_text(cli, built_store):
    result = cli("stats")
    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.stdout.splitlines()]
    want = expected_stats(built_store)
    for key in ("articles", "graphs", "quads"):
        assert [key, str(want[key])] in lines
    for section in ("actors", "relations", "events", "issues"):
        assert [f"{section}:"] in lines
        for name, n in want[section].items():
            assert [name, str(n)] in lines


# -- validate ----------------------------------------------------------------------------------------------
def test_validate_conforms(cli):
    result = cli("validate")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "conforms"


def test_validate_reports_a_broken_event(cli, built, tmp_path):
    store_path = tmp_path / "store"
    shutil.copytree(built[0], store_path)  # the built store is closed; its files are a consistent copy
    strike = HLR["event/strike/test-broken"]
    broken = HLR["graph/test-broken"]
    with open_store(store_path) as store:
        store.replace_graph(broken, [(strike, RDF.type, HL.Strike), (strike, HL.startDate,
                                                                      Literal("2023-05-02", datatype=URIRef(
                                                                          "http://www.w3.org/2001/XMLSchema#date")))])
    result = cli("validate", store=store_path)
    assert result.exit_code == 1
    report = result.stdout
    assert "Conforms: False" in report
    assert str(strike) in report
    assert "hl:participant" in report or str(HL.participant) in report
    assert "hl:evidence" in report or str(HL.evidence) in report


def test_validate_unreadable_shapes(cli, tmp_path):
    shapes = tmp_path / "shapes.ttl"
    shapes.write_text("this is not Turtle", encoding="utf-8")
    result = cli("validate", "--shapes", str(shapes))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot read the shapes {shapes}") and "Traceback" not in result.output


# -- bad usage ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize("args", [
    ["--no-such-option"],
    ["frobnicate"],
    ["query", "--no-such-option", "ASK {}"],
    ["query", "--format", "yaml", "ASK {}"],
    ["export", "--format", "pdf"],
    ["stats", "--format", "json"],
    ["build", "--strict=yes"],
    ["validate", "--shapes", "/no/such/shapes.ttl"],
])
def test_bad_usage_exits_2(cli, args):
    result = cli(*args, store=None)
    assert result.exit_code == 2, result.output
    assert "Usage:" in result.stderr or "Error:" in result.stderr
    assert "Traceback" not in result.output


# -- where users put options, and what a pipe does ---------------------------------------------------------
def test_the_store_option_goes_before_or_after_the_command(built, monkeypatch):
    runner = CliRunner()
    monkeypatch.setenv("GUILDGRAPH_STORE", "/nonexistent/store")
    before = runner.invoke(main, ["--store", str(built[0]), "stats", "--json"])
    after = runner.invoke(main, ["stats", "--json", "--store", str(built[0])])
    assert before.exit_code == after.exit_code == 0 and before.stdout == after.stdout
    assert json.loads(before.stdout)["articles"] == 5
    # after the command wins over before it; either wins over the environment
    both = runner.invoke(main, ["--store", "/nonexistent/other", "stats", "--store", str(built[0])])
    assert both.exit_code == 0
    from_env = runner.invoke(main, ["stats"])
    assert from_env.exit_code == 1 and "/nonexistent/store" in from_env.stderr


def test_a_closed_pipe_ends_the_command_quietly(built):
    import subprocess
    import sys

    from .conftest import ROOT

    reader = "import sys; sys.stdin.readline()"  # reads one line, then closes the pipe
    shell = (f"{sys.executable} -m graph query --store {built[0]} --format csv "
             f"'SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }}' | {sys.executable} -c '{reader}'")
    done = subprocess.run(["bash", "-o", "pipefail", "-c", shell], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert done.stderr == "" and done.returncode == 0


@pytest.mark.parametrize("param,message", [
    ("max_days=abc", "--param max_days takes a number, not 'abc'"),
    ("max_days=", "--param max_days takes a number"),
])
def test_a_parameter_of_the_wrong_kind_exits_2(cli, param, message):
    result = cli("query", "--name", "figure-conflicts", "--param", param)
    assert result.exit_code == 2 and message in result.stderr


@pytest.mark.parametrize("predicate", ["strikes", "hl:strikes"])
def test_a_misspelt_property_exits_2_with_the_closest(cli, predicate):
    result = cli("query", "--name", "fact-evidence", "--param", "subject=WGA", "--param", f"predicate={predicate}",
                 "--param", "object=AMPTP")
    assert result.exit_code == 2 and "did you mean strikesAgainst" in result.stderr


# -- progress ---------------------------------------------------------------------------------------------
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_after_a_second_with_rate_and_time_left():
    from graph.progress import Progress

    now = [0.0]
    screen = _Terminal()
    bar = Progress("articles", "articles", screen, clock=lambda: now[0])
    bar(1, 100)  # quick work shows nothing
    assert screen.getvalue() == ""
    now[0] = 10.0
    bar(50, 100)
    shown = screen.getvalue()
    assert shown.startswith("\rarticles [") and "50/100" in shown and "5.0 articles/s" in shown and "0:10 left" in shown
    now[0] = 20.0
    bar(100, 100)
    bar.finish()
    assert screen.getvalue().endswith("100/100 5.0 articles/s 0:20\n")


def test_progress_is_silent_when_piped():
    from graph.progress import Progress

    piped = io.StringIO()
    now = [0.0]
    bar = Progress("articles", "articles", piped, clock=lambda: now[0])
    now[0] = 5.0
    bar(3, 10)
    bar.finish()
    assert piped.getvalue() == ""


def test_progress_of_work_that_cannot_count_shows_the_time_taken():
    import time

    from graph.progress import Progress

    screen = _Terminal()
    with Progress("validating", "articles", screen, delay=0.0).working():
        time.sleep(1.2)  # the ticker redraws twice a second
    shown = screen.getvalue()
    assert shown.startswith("\rvalidating ... 0:0") and shown.endswith("\n")


# -- start-up: what each command imports (counted, not timed: the machine's load does not change it) ---------------
HEAVY = ("spacy", "networkx", "rdflib", "pyshacl", "graph.extract")
_LOADED = """
import sys
from graph.cli import main
try:
    main(sys.argv[1:], prog_name="guildgraph")
except SystemExit:
    pass
print("LOADED", *sorted(m for m in sys.modules if m.partition(".")[0] in {heavy} or m.startswith("graph.extract")),
      file=sys.stderr)
"""


def _loaded(*args: str) -> set[str]:
    """The heavy modules (and their submodules, by top name) a fresh `guildgraph ARGS` process has imported."""
    import subprocess
    import sys

    from .conftest import ROOT

    code = _LOADED.replace("{heavy}", repr({h.partition(".")[0] for h in HEAVY if h != "graph.extract"}))
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True, timeout=120)
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("LOADED"), done.stderr
    return {m.partition(".")[0] if not m.startswith("graph.") else "graph.extract" for m in last.split()[1:]}


@pytest.mark.parametrize("args", [("--help",), ("query", "--help"), ("export", "--help"), ("build", "--help")])
def test_help_imports_nothing_heavy(args):
    assert _loaded(*args) == set()


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_a_query_reads_the_store_without_spacy_networkx_or_rdflib(built, fmt):
    assert _loaded("query", "--store", str(built[0]), "--format", fmt,
                   "SELECT ?a (COUNT(*) AS ?n) WHERE { ?a hl:mentionedIn ?d } GROUP BY ?a") == set()


@pytest.mark.parametrize("args,allowed", [(("--name", "strikes"), set()),
                                          (("--name", "statements-by-actor", "--param", "actor=WGA"), {"rdflib"})])
def test_a_named_query_imports_neither_spacy_nor_networkx(built, args, allowed):
    """rdflib only for a query with parameters: they are bound as RDF terms, an actor's name resolved first."""
    assert _loaded("query", "--store", str(built[0]), *args) <= allowed



def test_a_build_with_nothing_to_do_imports_nothing_heavy(built, tmp_path):
    """No spaCy, no extraction, no rdflib: the plan reads the store's record, the outputs' stamp says they are
    current. (The copies are built once first: copying the store and exports renews what the record vouches for.)"""
    store, exports = tmp_path / "store", tmp_path / "exports"
    shutil.copytree(built[0], store)
    shutil.copytree(built[1], exports)
    args = ("build", str(CORPUS), "--store", str(store), "--exports", str(exports), "-q")
    assert CliRunner().invoke(main, list(args)).exit_code == 0
    assert _loaded(*args) == set()
