"""Named queries (graph/query): each runs on the built corpus and answers what a reader of the five articles
expects; parameters are data, never query text; the `guildgraph query` options around them."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from graph.cli import main
from graph.errors import InvalidArgument, NotFound, QueryError, UpdateRefused
from graph.namespaces import HL, HLR
from graph.query import bind_params, get_query, list_queries, resolve_actor, run_named, run_query
from graph.store import open_store

from .conftest import CORPUS

INJECTION = 'x" } ; DROP ALL ; #'
QUERIES_DIR = Path(__file__).resolve().parent.parent / "graph" / "query" / "rq"

#: the parameters each query needs to run on the corpus
PARAMS = {
    "actor-timeline": {"actor": "WGA"},
    "articles-mentioning": {"actor": "Netflix"},
    "statements-by-actor": {"actor": "WGA"},
    "actor-fact-support": {"actor": "WGA"},
    "fact-evidence": {"subject": "Netflix", "predicate": "memberOf", "object": "AMPTP"},
}


def rows(result) -> list[dict]:
    """Rows as dicts of plain Python values (None where unbound)."""
    out = []
    for row in result:
        out.append({str(v): (row[str(v)].toPython() if row[str(v)] is not None else None) for v in result.vars})
    return out


def text(value) -> str:
    return "" if value is None else str(value)


# -- the library ------------------------------------------------------------------------------------------------
def test_library_lists_every_rq_file_with_description_and_params():
    queries = list_queries()
    names = [q.name for q in queries]
    assert names == sorted(p.stem for p in QUERIES_DIR.glob("*.rq"))
    assert {"actors-by-type", "negotiations", "association-members", "leaders", "strikes", "actor-timeline",
            "proposals-and-agreements", "statements-by-actor", "fact-evidence", "articles-mentioning",
            "issues-ranked", "fact-support", "actor-fact-support", "figure-conflicts"} <= set(names)
    for q in queries:
        assert q.description and not q.description.startswith("#")
        assert q.text.splitlines()[0] == f"# {q.description}"
        for p in q.params:
            assert f"?{p.name}" in q.text, f"{q.name}: parameter {p.name} is not a variable of the query"
    members = get_query("association-members")
    assert [(p.name, p.default) for p in members.params] == [("association", "AMPTP")]
    assert [p.name for p in get_query("fact-evidence").params] == ["subject", "predicate", "object"]
    assert all(p.required for p in get_query("fact-evidence").params)


def test_unknown_query_name_suggests_the_closest():
    with pytest.raises(NotFound, match="strikes"):
        get_query("strike")
    with pytest.raises(NotFound, match="actor-timeline"):
        get_query("actor-timelin")


@pytest.mark.parametrize("name", [q.name for q in list_queries()])
def test_every_named_query_runs_on_the_corpus(built_store, name):
    result = run_named(built_store, name, PARAMS.get(name, {}))
    assert result.type == "SELECT"
    assert result.vars, name
    # the same query answers the same again (deterministic ordering)
    again = run_named(built_store, name, PARAMS.get(name, {}))
    assert rows(result) == rows(again)


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_answers_read_from_oxigraph_are_written_as_through_rdflib(built_store, fmt):
    """`guildgraph query` writes these formats from Oxigraph's terms (graph/query/run.py, `answer_text`): the same
    text as the rdflib answer gives, for every named query and for literals rdflib writes its own way."""
    from graph.query import answer_text, format_result
    from graph.query.named import answer_named

    for q in list_queries():
        params = PARAMS.get(q.name, {})
        assert answer_named(built_store, q.name, params, fmt) == \
            format_result(run_named(built_store, q.name, params), fmt), q.name
    xsd = "http://www.w3.org/2001/XMLSchema#"
    odd = ['1.0e0', '3.50', f'"01"^^<{xsd}boolean>', f'"2023-07-01Z"^^<{xsd}date>', f'"2023-7-1"^^<{xsd}date>',
           f'"2023-07-01T10:00:00Z"^^<{xsd}dateTime>', '"grève"@fr', '"a\\nb"',
           f'"x"^^<{xsd}token>', "1 / 0"]
    text = "SELECT * WHERE { " + " ".join(f"OPTIONAL {{ BIND({v} AS ?v{i}) }}" for i, v in enumerate(odd)) + " }"
    assert answer_text(built_store, text, fmt) == format_result(run_query(built_store, text), fmt)
    for other in ("ASK { ?s ?p ?o }", "ASK { <a:none> ?p ?o }", "SELECT ?b WHERE { ?c owl:unionOf ?b } ORDER BY ?c"):
        assert answer_text(built_store, other, fmt) == format_result(run_query(built_store, other), fmt)


# -- what a reader of the articles expects --------------------------------------------------------------------
def test_proposals_and_agreements_show_asked_offered_and_gap(built_store):
    table = rows(run_named(built_store, "proposals-and-agreements"))
    wga = {r["year"]: r for r in table if r["guild"] == "Writers Guild of America" and r["issue"] == "Compensation"
           and r["year"] is not None and r["asked"] is not None and r["offered"] is not None}
    assert set(wga) >= {1, 2, 3}
    expected = {1: ("6", "5", "1"), 2: ("5", "4", "1"), 3: ("5", "3.5", "1.5")}
    for year, (asked, offered, gap) in expected.items():
        r = wga[year]
        assert Decimal(r["asked"]) == Decimal(asked)          # the WGA sought 6%, then 5% and 5%
        assert Decimal(r["offered"]) == Decimal(offered)      # the AMPTP offered 5%, 4% and 3.5%
        assert Decimal(r["gap"]) == Decimal(gap)
        assert r["employer"] == "Alliance of Motion Picture and Television Producers"
    # the DGA deal the studios point to: a roughly 12.5% salary increase
    dga = [r for r in table if r["guild"] == "Directors Guild of America" and r["agreed"] is not None]
    assert any(Decimal(r["agreed"]) == Decimal("12.5") for r in dga)


def test_amptp_members_include_netflix_and_disney(built_store):
    members = {r["member"] for r in rows(run_named(built_store, "association-members"))}
    assert {"Netflix", "The Walt Disney Company"} <= members
    # the same association by its full name, lowercase alias or IRI
    for name in ("Alliance of Motion Picture and Television Producers", "amptp", str(HLR["actor/amptp"])):
        assert {r["member"] for r in rows(run_named(built_store, "association-members", {"association": name}))} \
            == members


def test_fran_drescher_is_president_of_the_screen_actors_guild(built_store):
    table = rows(run_named(built_store, "leaders"))
    drescher = [r for r in table if r["person"] == "Fran Drescher"]
    assert any(r["organization"] in ("Screen Actors Guild", "SAG-AFTRA") and "president" in text(r["roles"]).lower()
               for r in drescher), drescher
    assert any(r["person"] == "Bob Iger" and r["organization"] == "The Walt Disney Company" and
               "CEO" in text(r["roles"]) for r in table)


def test_wga_strike_starts_2023_05_02_and_is_ongoing(built_store):
    table = rows(run_named(built_store, "strikes"))
    wga = [r for r in table if r["striker"] == "Writers Guild of America" and r["start"] is not None]
    assert [str(r["start"]) for r in wga] == ["2023-05-02"]
    assert wga[0]["end"] is None and wga[0]["status"] == "ongoing"
    assert "Alliance of Motion Picture" in text(wga[0]["against"])
    # dated strikes come first, in date order
    starts = [r["start"] for r in table]
    dated = [s for s in starts if s is not None]
    assert starts[: len(dated)] == sorted(dated)


def test_actor_timeline_of_the_wga(built_store):
    table = rows(run_named(built_store, "actor-timeline", {"actor": "Writers Guild of America"}))
    assert {"Strike", "NegotiationSession"} <= {r["type"] for r in table}
    assert any(r["type"] == "Strike" and str(r["date"]) == "2023-05-02" and r["role"] == "strikingParty"
               for r in table)
    dates = [r["date"] for r in table]
    dated = [d for d in dates if d is not None]
    assert dates[: len(dated)] == sorted(dated)
    assert all(r["sentence"] and r["articles"] >= 1 for r in table)
    assert rows(run_named(built_store, "actor-timeline", {"actor": "wga"})) == table


def test_statements_by_an_alias(built_store):
    by_alias = rows(run_named(built_store, "statements-by-actor", {"actor": "WGA"}))
    assert by_alias == rows(run_named(built_store, "statements-by-actor", {"actor": "Writers Guild of America"}))
    assert by_alias == rows(run_named(built_store, "statements-by-actor", {"actor": "writers guild of america"}))
    quotes = " | ".join(text(r["quote"]) for r in by_alias)
    # the guild's own words in the articles
    assert any(q in quotes for q in ("real discussions", "wary of rumors", "intransigence", "nearly enough")), quotes
    drescher = rows(run_named(built_store, "statements-by-actor", {"actor": "Fran Drescher"}))
    assert any("stonewalled" in text(r["quote"]) for r in drescher)
    assert all(r["articles"] for r in by_alias + drescher)


def test_evidence_for_a_fact(built_store):
    table = rows(run_named(built_store, "fact-evidence",
                           {"subject": "Netflix", "predicate": "memberOf", "object": "AMPTP"}))
    assert table
    for r in table:
        body = (CORPUS / r["article"]).read_text(encoding="utf-8")
        assert body[r["start"]:r["end"]] == r["sentence"]
        # a stated fact's sentence names it; an inferred one's sentences are what the inference rests on
        assert r["inferred"] in (True, False)
        assert "Netflix" in r["sentence"] or r["inferred"]
    assert any("Netflix" in r["sentence"] for r in table)
    assert "003_9b5963b842c71f75.txt" in {r["article"] for r in table}
    # negotiatesWith is symmetric: the fact asked for the other way round has the same evidence
    one = rows(run_named(built_store, "fact-evidence", {"subject": "WGA", "predicate": "negotiatesWith",
                                                        "object": "AMPTP"}))
    other = rows(run_named(built_store, "fact-evidence", {"subject": "AMPTP", "predicate": "hl:negotiatesWith",
                                                          "object": "WGA"}))
    assert one and one == other
    # a position: the organisation stands for the position
    drescher = rows(run_named(built_store, "fact-evidence", {"subject": "Fran Drescher", "predicate": "holdsPosition",
                                                             "object": "SAG"}))
    assert any("Fran Drescher" in r["sentence"] and "President" in r["sentence"] for r in drescher)


def test_articles_mentioning_netflix(built_store):
    table = rows(run_named(built_store, "articles-mentioning", {"actor": "netflix"}))
    # "streaming companies such as Netflix" (003) and "Ted Sarandos, Netflix co-CEO" (004)
    assert {r["article"] for r in table} == {"003_9b5963b842c71f75.txt", "004_17dc003ef597da51.txt"}
    titled = rows(run_named(built_store, "articles-mentioning", {"actor": "AMPTP"}))
    assert len(titled) == 5
    assert any(r["title"] == "AMPTP Reaches Out About Restarting Negotiations" for r in titled)
    assert all(r["events"] >= 0 and r["relations"] >= 0 for r in titled)


def test_issues_ranked(built_store):
    table = rows(run_named(built_store, "issues-ranked"))
    assert len({r["notation"] for r in table}) == len(table) >= 8
    ranks = [r["notation"] for r in table]
    assert "ArtificialIntelligence" in ranks[:2]           # AI is raised in three of the articles
    assert [r["articles"] for r in table] == sorted((r["articles"] for r in table), reverse=True)
    health = next(r for r in table if r["notation"] == "HealthAndPension")
    assert health["articles"] == 0 and health["events"] == 0   # no article raises health and pension


def test_facts_reported_by_one_article_or_several(built_store):
    table = rows(run_named(built_store, "fact-support"))
    strike = [r for r in table if (r["subject"], r["predicate"], r["object"]) ==
              ("Writers Guild of America", "strikesAgainst", "Alliance of Motion Picture and Television Producers")]
    assert strike and strike[0]["support"] == "several" and strike[0]["articles"] >= 3
    netflix = [r for r in table if (r["subject"], r["predicate"]) == ("Netflix", "memberOf")]
    assert netflix and netflix[0]["support"] == "one" and netflix[0]["articles"] == 1
    assert netflix[0]["documents"] == "003_9b5963b842c71f75.txt"
    for r in table:
        assert (r["support"] == "several") == (r["articles"] > 1)
    # a symmetric pair counts once
    pairs = [(r["s"], r["o"]) for r in table if r["predicate"] == "negotiatesWith"]
    assert len(pairs) == len({frozenset(p) for p in pairs})


def _about(row: dict, actor: str, participants: dict[str, set[str]]) -> bool:
    if row["predicate"] == "type":
        return actor in participants.get(row["s"], set())
    return actor in (row["s"], row["o"])


def _support_key(row: dict) -> tuple:
    # the articles of a fact are listed in the engine's order, which need not be the same in both queries
    return tuple(sorted(row["documents"].split()) if k == "documents" else v for k, v in row.items())


def test_one_actors_facts_are_its_rows_of_fact_support(built_store):
    whole = rows(run_named(built_store, "fact-support"))
    participants: dict[str, set[str]] = {}
    for r in rows(run_query(built_store, "SELECT ?e ?a WHERE { ?r hl:participant ?a "
                                         "OPTIONAL { ?r hl:sameEventAs ?same } BIND(COALESCE(?same, ?r) AS ?e) }")):
        participants.setdefault(r["e"], set()).add(r["a"])
    checked = 0
    for name, iri in (("WGA", "actor/wga"), ("AMPTP", "actor/amptp"), ("Netflix", "actor/netflix"),
                      ("Fran Drescher", "actor/fran-drescher")):
        actor = str(HLR[iri])
        mine = rows(run_named(built_store, "actor-fact-support", {"actor": name}))
        assert [_support_key(r) for r in mine] == [_support_key(r) for r in whole if _about(r, actor, participants)]
        checked += len(mine)
    wga = rows(run_named(built_store, "actor-fact-support", {"actor": "Writers Guild of America"}))
    strike = [r for r in wga if (r["predicate"], r["object"]) ==
              ("strikesAgainst", "Alliance of Motion Picture and Television Producers")]
    assert strike and strike[0]["support"] == "several" and strike[0]["articles"] >= 3
    assert any(r["predicate"] == "type" and r["object"] == "Strike" for r in wga)   # its events too
    assert checked > 50
    with pytest.raises(InvalidArgument, match="needs --param actor"):
        run_named(built_store, "actor-fact-support", {})


def test_no_conflicting_figures_in_the_corpus(built_store):
    # each figure (5/4/3.5 offered, 6/5/5 sought, the May 2 start) is reported by one article only
    assert rows(run_named(built_store, "figure-conflicts")) == []


# -- small stores of our own ------------------------------------------------------------------------------------
def _article(n: int, triples: list) -> tuple[URIRef, list]:
    doc, g = HLR[f"doc/t{n}"], HLR[f"graph/t{n}"]
    base = [(g, PROV.wasDerivedFrom, doc), (doc, RDF.type, HL.Document),
            (doc, DCTERMS.identifier, Literal(f"t{n}.txt"))]
    for key, label, cls in (("wga", "Writers Guild of America", HL.Guild),
                            ("amptp", "Alliance of Motion Picture and Television Producers", HL.EmployerAssociation)):
        base += [(HLR[f"actor/{key}"], RDF.type, cls), (HLR[f"actor/{key}"], RDFS.label, Literal(label)),
                 (HLR[f"actor/{key}"], HL.mentionedIn, doc)]
    return g, base + triples


def _proposal(event: URIRef, doc_n: int, percents: dict[int, str]) -> list:
    wga, amptp = HLR["actor/wga"], HLR["actor/amptp"]
    ev = HLR[f"evidence/t{doc_n}/{str(event).rsplit('/', 1)[-1]}"]
    out = [(event, RDF.type, HL.Proposal), (event, HL.proposedBy, amptp), (event, HL.proposedTo, wga),
           (event, HL.participant, amptp), (event, HL.participant, wga), (event, HL.evidence, ev),
           (ev, RDF.type, HL.Evidence), (ev, PROV.wasDerivedFrom, HLR[f"doc/t{doc_n}"]),
           (ev, HL.sentence, Literal("The AMPTP offered a raise.")), (ev, HL.charStart, Literal(0)),
           (ev, HL.charEnd, Literal(26))]
    for year, pct in percents.items():
        t = URIRef(f"{event}/term-{year}")
        out += [(event, HL.hasTerm, t), (t, RDF.type, HL.Term), (t, HL.percent, Literal(pct, datatype=XSD.decimal)),
                (t, HL.contractYear, Literal(year)), (t, HL.concernsIssue, HLR["issue/Compensation"])]
    return out


def _strike(event: URIRef, doc_n: int, start: str, end: str | None = None) -> list:
    wga, amptp = HLR["actor/wga"], HLR["actor/amptp"]
    out = [(event, RDF.type, HL.Strike), (event, HL.strikingParty, wga), (event, HL.target, amptp),
           (event, HL.participant, wga), (event, HL.participant, amptp),
           (event, HL.startDate, Literal(start, datatype=XSD.date))]
    if end:
        out.append((event, HL.endDate, Literal(end, datatype=XSD.date)))
    return out


@pytest.fixture
def small_store(tmp_path):
    issue = [(HLR["issue/Compensation"], RDF.type, HL.Issue), (HLR["issue/Compensation"], SKOS.prefLabel,
                                                                   Literal("Compensation", lang="en")),
             (HLR["issue/Compensation"], SKOS.notation, Literal("Compensation"))]
    with open_store(tmp_path / "store") as store:
        store.replace_graph(HLR["graph/ontology"], issue)
        # two articles disagree on the AMPTP's first-year raise (5% or 6%) and on the day the strike began
        g, t = _article(1, _proposal(HLR["event/t1/proposal-1"], 1, {1: "5", 2: "4"})
                        + _strike(HLR["event/strike/wga/2023-05-02"], 1, "2023-05-02", "2023-09-27"))
        store.replace_graph(g, t)
        g, t = _article(2, _proposal(HLR["event/t2/proposal-1"], 2, {1: "6", 2: "4"})
                        + _strike(HLR["event/strike/wga/2023-05-01"], 2, "2023-05-01")
                        + _strike(HLR["event/strike/wga/2007-11-05"], 2, "2007-11-05", "2008-02-12"))
        store.replace_graph(g, t)
        yield store


def test_strike_duration_in_days(small_store):
    table = {str(r["start"]): r for r in rows(run_named(small_store, "strikes"))}
    assert table["2023-05-02"]["days"] == 148 and table["2023-05-02"]["status"] == "ended"
    assert table["2007-11-05"]["days"] == 99            # the 2007-08 writers' strike: 100 days, counted inclusive
    assert table["2023-05-01"]["days"] is None and table["2023-05-01"]["status"] == "ongoing"
    assert table["2023-05-01"]["end"] is None


def test_conflicting_figures_between_articles(small_store):
    table = rows(run_named(small_store, "figure-conflicts"))
    percent = [r for r in table if r["field"] == "percent"]
    assert len(percent) == 1                            # year 1 differs (5 vs 6), year 2 agrees (4)
    p = percent[0]
    assert p["year"] == 1 and p["issue"] == "Compensation"
    assert p["party"] == "Alliance of Motion Picture and Television Producers"
    assert (Decimal(p["value1"]), Decimal(p["value2"])) == (Decimal(5), Decimal(6))
    assert (p["articles1"], p["articles2"]) == ("t1.txt", "t2.txt") and (p["reports1"], p["reports2"]) == (1, 1)
    starts = [r for r in table if r["field"] == "startDate"]
    # May 1 vs May 2 is one strike reported two ways; the 2007 strike is another strike
    assert [(str(r["value1"]), str(r["value2"]), r["articles1"], r["articles2"]) for r in starts] == \
        [("2023-05-01", "2023-05-02", "t2.txt", "t1.txt")]
    assert starts[0]["party"] == "Writers Guild of America"
    wide = rows(run_named(small_store, "figure-conflicts", {"max_days": "6000"}))
    assert len([r for r in wide if r["field"] == "startDate"]) == 2


# -- parameters are data ----------------------------------------------------------------------------------------
@pytest.fixture
def writable_copy(built, tmp_path):
    """A writable store holding the built corpus (so an injected DROP ALL would have something to drop)."""
    with open_store(built[0], read_only=True) as source, open_store(tmp_path / "copy") as copy:
        for graph in source.graph_names():
            copy.replace_graph(graph, list(source.graph_triples(graph)))
        copy.flush()
        yield copy


@pytest.mark.parametrize("name,param", [("statements-by-actor", "actor"), ("actor-timeline", "actor"),
                                        ("association-members", "association"), ("fact-evidence", "subject")])
def test_injected_actor_names_are_data(writable_copy, name, param):
    before = len(writable_copy)
    params = dict(PARAMS.get(name, {}))
    params[param] = INJECTION
    with pytest.raises(NotFound) as e:
        run_named(writable_copy, name, params)
    assert "no actor is called" in str(e.value) and "error at" not in str(e.value)
    assert len(writable_copy) == before


def test_injected_literals_and_iris_are_data(writable_copy):
    before = len(writable_copy)
    # a numeric parameter takes numbers only: the text is refused before any query runs
    with pytest.raises(InvalidArgument, match="takes a number"):
        run_named(writable_copy, "figure-conflicts", {"max_days": INJECTION})
    # bound straight through the store API, the text is one literal
    q = get_query("statements-by-actor")
    assert rows(run_query(writable_copy, q.text, {"actor": Literal(INJECTION)})) == []
    assert rows(run_query(writable_copy, q.text, {"actor": URIRef("urn:x:%22%7D")})) == []
    for bad in ('http://x/> } ; DROP ALL ; #', 'hlr:actor/wga> } ; DROP ALL ; #'):
        with pytest.raises(NotFound):
            run_named(writable_copy, "statements-by-actor", {"actor": bad})
    with pytest.raises(InvalidArgument, match="not a property"):
        run_named(writable_copy, "fact-evidence", {"subject": "WGA", "predicate": 'memberOf> } ; DROP ALL ; #',
                                                   "object": "AMPTP"})
    assert len(writable_copy) == before
    assert rows(run_named(writable_copy, "association-members"))     # still all there


def test_parameter_errors(built_store):
    with pytest.raises(InvalidArgument, match="needs --param actor"):
        run_named(built_store, "statements-by-actor", {})
    with pytest.raises(InvalidArgument, match="no parameter colour"):
        run_named(built_store, "strikes", {"colour": "red"})
    with pytest.raises(NotFound, match="closest names: .*Writers Guild"):
        resolve_actor(built_store, "Writers Gild")
    assert resolve_actor(built_store, "  SAG-AFTRA ") == HLR["actor/sag-aftra"]
    assert resolve_actor(built_store, "Screen Actors Guild") == HLR["actor/sag"]
    terms = bind_params(built_store, get_query("figure-conflicts"))
    assert terms == {"max_days": Literal(31)}


# -- the CLI ------------------------------------------------------------------------------------------------------
@pytest.fixture
def cli(built):
    runner = CliRunner()

    def invoke(*args, store=None):
        return runner.invoke(main, ["query", "--store", str(store or built[0]), *args], catch_exceptions=False)
    return invoke


def test_cli_list_and_show(cli):
    r = cli("--list")
    assert r.exit_code == 0
    for q in list_queries():
        assert q.name in r.stdout and q.description in r.stdout
    assert "--param association=" in r.stdout and "[default: AMPTP]" in r.stdout
    listed = json.loads(cli("--list", "--format", "json").stdout)
    assert {q["name"] for q in listed} == {q.name for q in list_queries()}
    r = cli("--show", "strikes")
    assert r.exit_code == 0 and r.stdout == get_query("strikes").text
    r = cli("--show", "strike")
    assert r.exit_code == 2 and "strikes" in r.stderr


def test_cli_named_query_with_params(cli):
    r = cli("--name", "association-members", "--param", "association=AMPTP")
    assert r.exit_code == 0, r.stderr
    assert "Netflix" in r.stdout and "The Walt Disney Company" in r.stdout
    r = cli("--name", "statements-by-actor", "--param", "actor=WGA", "--format", "json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["results"]["bindings"]
    r = cli("--name", "fact-evidence", "--param", "subject=Netflix", "--param", "predicate=memberOf",
            "--param", "object=AMPTP", "--format", "csv")
    assert r.exit_code == 0 and "Netflix" in r.stdout


@pytest.mark.parametrize("args,message", [
    (("--name", "strike"), "did you mean strikes"),
    (("--name", "statements-by-actor"), "needs --param actor"),
    (("--name", "statements-by-actor", "--param", "actor"), "KEY=VALUE"),
    (("--name", "strikes", "--param", "x=1"), "no parameter x"),
    (("--name", "statements-by-actor", "--param", f"actor={INJECTION}"), "no actor is called"),
    (("--param", "actor=WGA", "SELECT * WHERE { ?s ?p ?o }"), "--param goes with --name"),
    ((), "one of them"),
])
def test_cli_usage_errors_exit_2(cli, args, message):
    r = cli(*args)
    assert r.exit_code == 2, (r.stdout, r.stderr)
    assert message in r.stderr


def test_cli_syntax_error_shows_line_and_column(cli):
    r = cli("SELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTER(\n}")
    assert r.exit_code == 1
    assert "error at 4:" in r.stderr               # the engine's message: line 4, and a column
    assert "line 4, column" in r.stderr and "^" in r.stderr


def test_cli_update_refused_unless_asked_on_a_local_store(cli, built, tmp_path):
    update = "INSERT DATA { GRAPH <urn:test:g> { <urn:test:a> <urn:test:b> 'c' } }"
    r = cli(update)
    assert r.exit_code == 2 and "--update" in r.stderr
    r = cli("PREFIX ex: <urn:x:>\nDELETE WHERE { ?s ?p ?o }")
    assert r.exit_code == 2
    # --update on a scratch local store
    scratch = tmp_path / "scratch"
    open_store(scratch).close()
    r = cli("--update", update, store=scratch)
    assert r.exit_code == 0, r.stderr
    r = cli("--format", "csv", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:test:g> { ?s ?p ?o } }", store=scratch)
    assert r.stdout.splitlines()[1] == "1"
    # never on a remote store (refused before any request is made)
    r = cli("--update", update, store="http://127.0.0.1:9/sparql")
    assert r.exit_code == 2 and "local store" in r.stderr
    # the built store is untouched
    r = cli("--format", "csv", "ASK { GRAPH <urn:test:g> { ?s ?p ?o } }")
    assert r.stdout.strip() == "false"


def test_cli_output_file(cli, tmp_path):
    out = tmp_path / "members.csv"
    r = cli("--name", "association-members", "--format", "csv", "-o", str(out))
    assert r.exit_code == 0 and r.stdout == ""
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert "Netflix" in {row["member"] for row in table}


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_cli_each_format(cli, fmt):
    r = cli("--name", "strikes", "--format", fmt)
    assert r.exit_code == 0, r.stderr
    out = r.stdout
    if fmt == "table":
        assert out.splitlines()[0].split()[:3] == ["striker", "against", "start"] and "2023-05-02" in out
    elif fmt == "csv":
        table = list(csv.DictReader(io.StringIO(out)))
        assert "2023-05-02" in {row["start"] for row in table}
    elif fmt == "tsv":
        lines = out.splitlines()
        assert lines[0].split("\t")[:2] == ["?striker", "?against"]
        assert any('"2023-05-02"^^<http://www.w3.org/2001/XMLSchema#date>' in line for line in lines[1:])
    elif fmt == "json":
        data = json.loads(out)
        assert data["head"]["vars"][:2] == ["striker", "against"]
        assert "2023-05-02" in {b["start"]["value"] for b in data["results"]["bindings"] if "start" in b}
    else:
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(out)
        values = {b.findtext("r:literal", namespaces=ns) for b in root.iterfind(".//r:binding[@name='start']", ns)}
        assert "2023-05-02" in values


def test_queries_are_read_only(built_store):
    with pytest.raises(UpdateRefused):
        run_query(built_store, "DROP ALL")
    with pytest.raises(QueryError, match=r"error at \d+:\d+"):
        run_query(built_store, "SELECT * WHERE { ?s ?p }")


# -- the guard: what the engine cannot survive is refused before it is parsed ---------------------------------------
#: name -> (the smallest size that crashed pyoxigraph 0.5.13 with SIGSEGV, measured; the query of size n)
DEEP = {
    "groups": (2200, lambda n: "SELECT * WHERE " + "{" * n + " ?s ?p ?o " + "}" * n),
    "parentheses": (4700, lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "(" * n + "?o" + ")" * n + ") }"),
    "function calls": (962, lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "STR(" * n + "?o" + ")" * n + ") }"),
    "NOT EXISTS": (837, lambda n: "SELECT * WHERE { ?s ?p ?o " + "FILTER NOT EXISTS { ?s ?p ?o " * n + "}" * n
                   + " }"),
    "EXISTS": (712, lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "EXISTS { ?s ?p ?o FILTER(" * n + "true"
               + ") }" * n + ") }"),
    "negations": (9400, lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + "!" * n + "true) }"),
    "sums": (6900, lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + " + ".join(["1"] * n) + " > 0) }"),
    "unions": (6600, lambda n: "SELECT * WHERE { " + " UNION ".join(["{ ?s ?p ?o }"] * n) + " }"),
    "blank nodes": (3650, lambda n: "CONSTRUCT { <urn:s> <urn:p> " + "[ <urn:p> " * n + "1" + " ]" * n
                    + " } WHERE {}"),
    "disjunctions": (9400, lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(" + " || ".join(["?o = 1"] * n) + ") }"),
    "triple patterns": (8200, lambda n: "SELECT * WHERE { " + " ".join(f"?s{i} <urn:p> ?s{i + 1} ." for i in range(n))
                        + " }"),
    "MINUS after MINUS": (2650, lambda n: "SELECT * WHERE { ?s ?p ?o " + "MINUS { ?s ?p ?o } " * n + "}"),
    "BIND after BIND": (2650, lambda n: "SELECT * WHERE { ?s ?p ?o " + " ".join(f"BIND(1 AS ?b{i})" for i in range(n))
                        + " }"),
    "hidden in an IRI": (4700, lambda n: "SELECT * WHERE { ?s ?p ?o FILTER(1<" + "(" * n + "1>0" + ")" * n + ") }"),
}


def _largest_allowed(build, crash: int) -> int:
    from graph.query.guard import check_query

    lo, hi = 1, crash
    while hi - lo > 1:
        mid = (lo + hi) // 2
        try:
            check_query(build(mid))
            lo = mid
        except QueryError:
            hi = mid
    return lo


@pytest.mark.parametrize("name", DEEP)
def test_the_guard_refuses_what_crashes_the_engine(built_store, name):
    from graph.errors import QueryRefused

    crash, build = DEEP[name]
    with pytest.raises(QueryRefused, match="nested or chained too deep for the engine"):
        run_query(built_store, build(crash))


@pytest.mark.parametrize("name", [n for n in DEEP if n != "hidden in an IRI"])
def test_the_largest_query_the_guard_lets_through_runs(name):
    """In a fresh process on Oxigraph itself: no crash, and at least 4 times under the size that crashed it."""
    import subprocess
    import sys

    crash, build = DEEP[name]
    n = _largest_allowed(build, crash)
    assert n * 4 <= crash
    engine = ("import sys, pyoxigraph as ox\n"
              "r = ox.Store().query(sys.stdin.read())\n"
              "if not isinstance(r, ox.QueryBoolean): list(r)")
    done = subprocess.run([sys.executable, "-c", engine], input=build(n), text=True, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr[-500:]


def test_the_guard_counts_syntax_only(built_store):
    """Brackets in strings, IRIs and comments are text; the named queries are far from the limit."""
    from graph.query.guard import MAX_COST, path_cost

    deep = "(" * 5000
    text = f"SELECT ?s WHERE {{ ?s ?p '{deep}' . ?s ?p <urn:x:{')' * 3000}> }} # {deep}\nLIMIT 1"
    assert rows(run_query(built_store, text)) == []
    assert max(path_cost(q.text)[0] for q in list_queries()) < MAX_COST / 10
    with pytest.raises(QueryError, match="characters long"):
        run_query(built_store, "SELECT * WHERE { ?s ?p ?o } #" + "x" * 300_000)


@pytest.mark.parametrize("query,allowed,refused", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", (), "SERVICE <http://127.0.0.1:9/sparql>"),
    ("PREFIX e: <http://127.0.0.1:9/> SELECT * WHERE { service silent e:sparql { ?s ?p ?o } }", (),
     "SERVICE <http://127.0.0.1:9/sparql>"),
    ("SELECT * WHERE { ?s ?p ?o.SERVICE ?where { ?s ?p ?o } }", ("http://127.0.0.1:9/sparql",), "a variable"),
    ("BASE <http://127.0.0.1:9/> SELECT * WHERE { SERVICE <sparql> { ?s ?p ?o } }", (), "absolute IRI"),
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/other> { ?s ?p ?o } }", ("http://127.0.0.1:9/sparql",),
     "allowed: http://127.0.0.1:9/sparql"),
])
def test_service_is_refused_unless_allowed(built_store, query, allowed, refused):
    """No query makes the engine send a request to an address it names, unless the caller allows that address."""
    from graph.errors import QueryRefused

    with pytest.raises(QueryRefused, match=re.escape(refused)):
        run_query(built_store, query, allow_service=allowed)


def test_service_words_that_are_not_service_calls(built_store):
    from graph.query.guard import services

    text = "SELECT ?service WHERE { ?service hl:SERVICE 'SERVICE <http://x/>' } # SERVICE <http://y/>"
    assert services(text) == []
    assert rows(run_query(built_store, text)) == []
    assert services("PREFIX e: <http://127.0.0.1:9/> ASK { SERVICE e:sparql {} SERVICE <http://a/> {} }") == [
        "http://127.0.0.1:9/sparql", "http://a/"]


def test_max_rows_stops_a_huge_answer_early(built_store):
    """A cross product of the graph with itself (millions of rows) is cut at the first row over the cap."""
    import time

    from graph.errors import ResultTooLarge

    started = time.monotonic()
    for query, what in [("SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }", "rows"),
                        ("CONSTRUCT { ?a ?b ?f } WHERE { ?a ?b ?c . ?d ?e ?f }", "triples")]:
        with pytest.raises(ResultTooLarge, match=f"more than 1,000 {what}; add a LIMIT"):
            run_query(built_store, query, max_rows=1000)
    assert time.monotonic() - started < 30
    assert len(rows(run_query(built_store, "SELECT * WHERE { ?a ?b ?c } LIMIT 1000", max_rows=1000))) == 1000


# -- kept answers (graph/query/answers.py) ----------------------------------------------------------------------
def _writable_with_two_articles(path: Path):
    store = open_store(path)
    issue = HLR["issue/Compensation"]
    store.replace_graph(HLR["graph/ontology"], [(issue, RDF.type, HL.Issue), (issue, SKOS.notation,
                                                Literal("Compensation")), (issue, SKOS.prefLabel, Literal("Pay"))])
    for n in (1, 2):  # the articles disagree on a raise: 5% or 6%
        store.replace_graph(*_article(n, _proposal(HLR[f"event/t{n}/proposal-1"], n, {1: str(4 + n)})))
    return store


def test_a_named_query_asked_again_on_the_same_data_is_read_back(tmp_path, monkeypatch):
    from graph.query import answers, named

    _writable_with_two_articles(tmp_path / "store").close()
    with open_store(tmp_path / "store", read_only=True) as store:
        first = named.answer_named(store, "figure-conflicts", fmt="csv")
    assert len(list((tmp_path / answers.CACHE_DIR).glob("*.answer"))) == 1

    def not_again(*args, **kwargs):
        raise AssertionError("the engine was asked again")
    monkeypatch.setattr(named, "answer_text", not_again)
    with open_store(tmp_path / "store", read_only=True) as store:
        assert named.answer_named(store, "figure-conflicts", fmt="csv") == first
        with pytest.raises(AssertionError, match="asked again"):  # another format is another answer
            named.answer_named(store, "figure-conflicts", fmt="json")
        with pytest.raises(AssertionError, match="asked again"):  # so is another parameter
            named.answer_named(store, "figure-conflicts", {"max_days": "7"}, fmt="csv")
        with pytest.raises(AssertionError, match="asked again"):  # and another query
            named.answer_named(store, "fact-support", fmt="csv")
        with pytest.raises(AssertionError, match="asked again"):  # keep=False: the engine, whatever is kept
            named.answer_named(store, "figure-conflicts", fmt="csv", keep=False)


def test_an_answer_is_not_read_back_by_another_engine_version(tmp_path, monkeypatch):
    """After an upgrade of the engine (or of the code) an answer is evaluated again: the new version may answer
    differently."""
    from importlib import metadata

    from graph.query import answers, named

    _writable_with_two_articles(tmp_path / "store").close()
    with open_store(tmp_path / "store", read_only=True) as store:
        named.answer_named(store, "figure-conflicts", fmt="csv")
        real = metadata.version
        monkeypatch.setattr(metadata, "version", lambda name: "99.0" if name == "pyoxigraph" else real(name))
        answers._writer_digest.cache_clear()
        try:
            named.answer_named(store, "figure-conflicts", fmt="csv")
        finally:
            answers._writer_digest.cache_clear()
    assert len(list((tmp_path / answers.CACHE_DIR).glob("*.answer"))) == 2


def test_an_answer_is_not_read_back_once_the_store_has_changed(tmp_path):
    from graph.query import named

    with _writable_with_two_articles(tmp_path / "store") as writer:
        # a writer's own handle sees its data change under it: nothing is kept for it
        before = named.answer_named(writer, "figure-conflicts", fmt="csv")
        assert not (tmp_path / "answer-cache").exists()
    with open_store(tmp_path / "store", read_only=True) as store:
        assert named.answer_named(store, "figure-conflicts", fmt="csv") == before
    with open_store(tmp_path / "store") as writer:
        writer.replace_graph(*_article(3, _proposal(HLR["event/t3/proposal-1"], 3, {1: "9"})))
    with open_store(tmp_path / "store", read_only=True) as store:
        after = named.answer_named(store, "figure-conflicts", fmt="csv")
    assert ",9," in after and ",9," not in before


def test_each_commit_of_a_build_in_progress_names_new_data(tmp_path):
    """A build renews the state token once, before its first write, then commits graph after graph: a reader
    that opens between two commits must not share its answer with one that opens after the next."""
    from graph.query import named

    writer = _writable_with_two_articles(tmp_path / "store")
    try:
        writer.replace_graph(*_article(3, _proposal(HLR["event/t3/proposal-1"], 3, {1: "9"})))
        with open_store(tmp_path / "store", read_only=True) as store:
            early = store.snapshot()
            seen = named.answer_named(store, "figure-conflicts", fmt="csv")
        writer.replace_graph(*_article(4, _proposal(HLR["event/t4/proposal-1"], 4, {1: "11"})))
        with open_store(tmp_path / "store", read_only=True) as store:
            assert store.snapshot() != early
            assert named.answer_named(store, "figure-conflicts", fmt="csv") != seen
            assert "t4.txt" in named.answer_named(store, "figure-conflicts", fmt="csv")
    finally:
        writer.close()


def test_cli_named_query_reads_back_the_same_text(tmp_path):
    _writable_with_two_articles(tmp_path / "store").close()
    args = ["query", "--store", str(tmp_path / "store"), "--name", "figure-conflicts", "--format", "csv"]
    first, again = CliRunner().invoke(main, args), CliRunner().invoke(main, args)
    assert first.exit_code == again.exit_code == 0, first.output
    assert first.output == again.output and "t2.txt" in first.output and ",6," in first.output
