"""Cross-article fusion: one actor is one IRI in every article; an event two articles report (same type, key
actor and day) is a report in each article, with that article's evidence, and both name the same event
(hl:sameEventAs)."""
from __future__ import annotations

from graph.pipeline import build
from graph.store import open_store

A = " date 2023-09-09\nThe WGA strike began May 2, 2023, and the AMPTP has not moved. Disney CEO Bob Iger spoke.\n"
B = (" date 2023-09-12\nThe Writers Guild of America strike, which began May 2, 2023, goes on against the "
     "Alliance of Motion Picture and Television Producers.\n")


def test_one_event_reported_by_two_articles_and_one_actor(tmp_path):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    with open_store(tmp_path / "store") as store:
        build([tmp_path / "a.txt", tmp_path / "b.txt"], store, exports_dir=None)
        rows = list(store.query("""
            SELECT DISTINCT ?strike ?event ?id ?start WHERE {
              ?strike a hl:Strike ; hl:strikingParty hlr:actor\\/wga ; hl:startDate ?start ; hl:evidence ?ev ;
                      hl:sameEventAs ?event .
              ?ev prov:wasDerivedFrom ?doc . ?doc dcterms:identifier ?id }"""))
        docs_of_wga = list(store.query("SELECT DISTINCT ?doc WHERE { hlr:actor\\/wga hl:mentionedIn ?doc }"))
    # a report per article, each with its own article's evidence only
    assert sorted((str(r.id), str(r.strike)) for r in rows) == [
        ("a.txt", "https://w3id.org/hollywood-labor/id/event/a-txt/strike/wga/2023-05-02"),
        ("b.txt", "https://w3id.org/hollywood-labor/id/event/b-txt/strike/wga/2023-05-02")]
    assert {str(r.event) for r in rows} == {"https://w3id.org/hollywood-labor/id/event/strike/wga/2023-05-02"}
    assert {str(r.start) for r in rows} == {"2023-05-02"}
    assert len(docs_of_wga) == 2


C = (" date 2023-08-20\nOn Aug. 18, 2023, the AMPTP offered the WGA a raise of 5% in the first year of the "
     "contract.\n")
D = (" date 2023-08-21\nThe Alliance of Motion Picture and Television Producers offered the Writers Guild of "
     "America a 6% raise in the first year on Aug. 18, 2023.\n")


def test_each_report_keeps_its_own_figures_and_the_reports_are_one_event_in_the_queries(tmp_path):
    from graph.query import run_named

    for name, text in (("c.txt", C), ("d.txt", D)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    with open_store(tmp_path / "store") as store:
        build([tmp_path / "c.txt", tmp_path / "d.txt"], store, exports_dir=None)
        figures = list(store.query("""
            SELECT ?id ?percent ?event WHERE {
              GRAPH ?g { ?report a hl:Proposal ; hl:proposedBy hlr:actor\\/amptp ; hl:sameEventAs ?event ;
                                 hl:hasTerm ?term . ?term hl:percent ?percent . ?doc dcterms:identifier ?id } }
            ORDER BY ?id"""))
        assert [(str(r.id), float(r.percent)) for r in figures] == [("c.txt", 5.0), ("d.txt", 6.0)]
        assert {str(r.event) for r in figures} == {
            "https://w3id.org/hollywood-labor/id/event/proposal/amptp/2023-08-18/Compensation"}
        support = [r for r in run_named(store, "fact-support") if str(r.predicate) == "type"]
        assert [(str(r.object), int(r.articles)) for r in support] == [("Proposal", 2)]
        conflicts = list(run_named(store, "figure-conflicts"))
        assert [(float(r.value1), float(r.value2), str(r.articles1), str(r.articles2)) for r in conflicts] == [
            (5.0, 6.0, "c.txt", "d.txt")]
