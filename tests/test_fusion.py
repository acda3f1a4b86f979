"""Cross-article fusion: one actor is one IRI in every article; an event two articles report (same type, key
actor and day) is one event with evidence from each."""
from __future__ import annotations

from graph.pipeline import build
from graph.store import open_store

A = " date 2023-09-09\nThe WGA strike began May 2, 2023, and the AMPTP has not moved. Disney CEO Bob Iger spoke.\n"
B = (" date 2023-09-12\nThe Writers Guild of America strike, which began May 2, 2023, goes on against the "
     "Alliance of Motion Picture and Television Producers.\n")


def test_one_event_and_one_actor_across_articles(tmp_path):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    with open_store(tmp_path / "store") as store:
        build([tmp_path / "a.txt", tmp_path / "b.txt"], store, exports_dir=None)
        rows = list(store.query("""
            SELECT DISTINCT ?strike ?id WHERE {
              ?strike a hl:Strike ; hl:strikingParty hlr:actor\\/wga ; hl:startDate ?start ; hl:evidence ?ev .
              ?ev prov:wasDerivedFrom ?doc . ?doc dcterms:identifier ?id }"""))
        docs_of_wga = list(store.query("SELECT DISTINCT ?doc WHERE { hlr:actor\\/wga hl:mentionedIn ?doc }"))
    assert len({r.strike for r in rows}) == 1
    assert {str(r.id) for r in rows} == {"a.txt", "b.txt"}
    assert len(docs_of_wga) == 2
