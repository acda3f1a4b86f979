"""The rows the views keep beside a local store: read back only for the data they were read from, grown by the
graphs a build added, read again after anything else; the same rows (and pages) as asking the store."""
from __future__ import annotations

import shutil
import textwrap

import pytest

from graph.store import open_store
from graph.views import generate_standard_views
from graph.views import rows as view_rows

ARTICLE = textwrap.dedent("""\
    date 2024-03-05
    Animation writers reach a deal

    The Animation Guild said on Monday it had reached a tentative agreement with the AMPTP on a new contract.
    "We are proud of what our members won," said the guild's business representative.
    """)


@pytest.fixture
def store_copy(built, tmp_path):
    """A copy of the built corpus store, without rows kept by other tests."""
    path = tmp_path / "store"
    shutil.copytree(built[0], path, ignore=shutil.ignore_patterns("LOCK", "guildgraph-view-rows*"))
    return path


def _no_full_read(monkeypatch):
    def refuse(store):
        raise AssertionError("every pattern was read from the engine again")
    monkeypatch.setattr(view_rows, "_merged_rows", refuse)


def _cold_pages(path):
    for name in (view_rows.BUILD_FILE, view_rows.READ_FILE):
        (path / name).unlink(missing_ok=True)
    with open_store(path, read_only=True) as store:
        return generate_standard_views(store)


def test_kept_rows_are_what_the_store_answers_and_are_read_back(store_copy, monkeypatch):
    with open_store(store_copy, read_only=True) as store:
        first = view_rows.pattern_rows(store)
        assert first == view_rows.asked_rows(store)
        assert sum(len(rows) for rows in first.values()) > 100
        assert len(first["sentence"]) > 20 and first["inferred"] <= {(ev, "true") for ev, _ in first["sentence"]}
        snapshot = store.snapshot()
    assert (store_copy / view_rows.READ_FILE).exists()
    with open_store(store_copy, read_only=True) as store:
        assert store.snapshot() == snapshot  # keeping rows is no write: kept answers stay good
        _no_full_read(monkeypatch)
        assert view_rows.pattern_rows(store) == first


def test_a_build_that_adds_an_article_reads_only_its_graph(store_copy, tmp_path, monkeypatch):
    from graph.pipeline import build

    with open_store(store_copy) as store:
        before = view_rows.pattern_rows(store)  # as the last build's views leave them
    article = tmp_path / "news" / "animation_deal.txt"
    article.parent.mkdir()
    article.write_text(ARTICLE, encoding="utf-8")
    with open_store(store_copy) as store:
        report = build([article.parent], store, None)
        assert report.built
        _no_full_read(monkeypatch)
        grown = view_rows.pattern_rows(store)
        assert grown == view_rows.asked_rows(store)
        assert any(before[key] < grown[key] for key in ("sentence", "type", "participant"))
        pages = generate_standard_views(store)
    monkeypatch.undo()
    assert pages == _cold_pages(store_copy)


@pytest.mark.parametrize("change", ["drop", "replace"])
def test_a_graph_dropped_or_replaced_reads_every_pattern_again(store_copy, change):
    with open_store(store_copy) as store:
        view_rows.pattern_rows(store)
        graph = next(g for g in store.graph_names() if "/graph/" in str(g) and "ontology" not in str(g)
                     and "reference" not in str(g) and "build" not in str(g))
        kept = list(store.graph_triples(graph))
    with open_store(store_copy) as store:
        if change == "drop":
            store.drop_graph(graph)
        else:
            store.replace_graph(graph, kept[: len(kept) // 2])
        rows = view_rows.pattern_rows(store)
        assert rows == view_rows.asked_rows(store)


def test_a_damaged_or_foreign_file_is_not_read(store_copy):
    for name in (view_rows.BUILD_FILE, view_rows.READ_FILE):
        (store_copy / name).write_bytes(b"\x00 not rows")
    with open_store(store_copy, read_only=True) as store:
        assert view_rows.pattern_rows(store) == view_rows.asked_rows(store)
    with open_store(store_copy) as store:
        assert view_rows.pattern_rows(store) == view_rows.asked_rows(store)


def test_views_after_a_build_read_the_rows_it_kept(store_copy, tmp_path, monkeypatch):
    from graph.pipeline import build

    article = tmp_path / "news" / "animation_deal.txt"
    article.parent.mkdir()
    article.write_text(ARTICLE, encoding="utf-8")
    with open_store(store_copy) as store:  # a build and its views
        build([article.parent], store, None)
        built = view_rows.pattern_rows(store)
    with open_store(store_copy, read_only=True) as store:
        assert store.left_by_writer() is not None
        _no_full_read(monkeypatch)
        assert view_rows.pattern_rows(store) == built == view_rows.asked_rows(store)
    monkeypatch.undo()
    with open_store(store_copy) as store:  # a writer that changes the data without making views
        graph = next(g for g in store.graph_names() if str(g).endswith("animation-deal-txt"))
        store.drop_graph(graph)
    with open_store(store_copy, read_only=True) as store:
        assert store.left_by_writer() is not None  # it left the store closed, but no rows for its data
        _no_full_read(monkeypatch)
        with pytest.raises(AssertionError, match="read from the engine again"):
            view_rows.pattern_rows(store)
