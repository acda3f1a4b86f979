"""A build nothing can knock over (issue #12): an article longer than spaCy's `nlp.max_length` (within ingest's
MAX_BYTES) is parsed in pieces and built, with evidence offsets true to its text; an article whose parse or
extraction raises is skipped with its reason, and the other articles of its batch are built. Speed is measured by
benchmarks/bench_long_articles.py, not here."""
from __future__ import annotations

import random
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph.extract
import graph.extract.mentions
from graph import nlp as nlp_mod
from graph.cli import main
from graph.ingest import MAX_BYTES
from graph.pipeline import build
from graph.store import open_store

from .test_scale import small_article, write_articles

_GUILDS = ["Writers Guild of America", "SAG-AFTRA", "Directors Guild of America", "IATSE", "Animation Guild"]
_STUDIOS = ["Netflix", "Paramount", "Sony Pictures", "Amazon", "NBCUniversal", "Apple"]
_PEOPLE = ["Dana Ashdown", "Ravi Varga", "Ines Holloway", "Tobias Strand", "Wren Quintero", "Kofi Redfern"]
_MONTHS = ["January", "March", "May", "July", "September", "November"]


def long_text(chars: int, seed: int = 3) -> str:
    """A made-up article of about `chars` characters: paragraphs of varied sentences about guilds and studios."""
    rng = random.Random(seed)
    parts = ["date 2023-08-02\nGuilds And Studios Keep Talking\n"]
    size = len(parts[0])
    while size < chars:
        guild, studio, person = rng.choice(_GUILDS), rng.choice(_STUDIOS), rng.choice(_PEOPLE)
        day = f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {rng.randint(2008, 2024)}"
        sentences = [f"The {guild} met the AMPTP on {day}.",
                     f"{person}, a spokesperson for {studio}, said the studios offered {rng.randint(2, 9)}% raises.",
                     f"\"We want a fair contract,\" {person} said.",
                     f"{studio} told investors the dispute cost ${rng.randint(5, 90)} million.",
                     f"Members of the {guild} voted {rng.randint(60, 98)} percent to authorize a strike."]
        para = " ".join(rng.sample(sentences, rng.randint(2, 5)))
        parts.append(para)
        size += len(para) + 2
    return "\n\n".join(parts) + "\n"


def test_pieces_cover_the_text_and_cut_at_paragraphs():
    text = long_text(30_000)
    pieces = nlp_mod.pieces(text, 5_000)
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(b - a <= 5_000 for a, b in pieces) and len(pieces) >= 6
    assert all(text[b - 2:b] == "\n\n" for _, b in pieces[:-1])  # after a blank line, never inside a paragraph
    assert nlp_mod.pieces("short", 5_000) == [(0, 5)]
    unbroken = "x" * 12_000  # no white space at all: cut where it must be
    assert nlp_mod.pieces(unbroken, 5_000) == [(0, 5_000), (5_000, 10_000), (10_000, 12_000)]


def test_a_text_parsed_in_pieces_is_one_doc_with_the_texts_offsets(nlp, monkeypatch):
    text = long_text(12_000)
    monkeypatch.setattr(nlp_mod, "PIECE_CHARS", 3_000)
    monkeypatch.setattr(nlp_mod, "PIECE_SIZE", 3_000)
    doc = nlp_mod.parse(nlp, text)
    assert doc.text == text
    assert len(list(doc.sents)) > 20
    mentions = doc._.linked.mentions
    assert mentions and all(text[m.start:m.end] == m.text for m in mentions)
    assert max(m.start for m in mentions) > 9_000  # names of the last pieces are linked too
    assert doc._.frames


def test_pieces_parsed_in_several_processes_give_the_same_doc_and_leave_none_behind(nlp, monkeypatch):
    """The parse of a long article does not depend on how many processes shared it; they are gone after it."""
    import multiprocessing

    text = long_text(20_000)
    monkeypatch.setattr(nlp_mod, "PIECE_CHARS", 5_000)
    monkeypatch.setattr(nlp_mod, "PIECE_SIZE", 4_000)
    alone, shared = nlp_mod.parse(nlp, text, processes=1), nlp_mod.parse(nlp, text, processes=2)
    assert shared.to_json() == alone.to_json()
    assert shared._.linked.mentions == alone._.linked.mentions
    assert len(shared._.frames) == len(alone._.frames) > 0
    assert multiprocessing.active_children() == []


def _calls_to_extract(nlp, reference, text: str) -> tuple[int, int]:
    """(Python calls the extraction of `text` makes, actor names in it): a count of work that no load can change."""
    import cProfile
    import hashlib
    import pstats

    from graph.ingest import Article
    from graph.pipeline import parallel

    article = Article("names.txt", text, hashlib.sha256(text.encode()).hexdigest())
    profile = cProfile.Profile()
    profile.enable()
    done = parallel._extract_chunk([article], nlp, reference)[0]
    profile.disable()
    assert done.triples
    return pstats.Stats(profile).total_calls, sum(text.count(n) for n in [*_GUILDS, *_STUDIOS, *_PEOPLE, "AMPTP"])


def test_extraction_work_grows_linearly_up_to_4000_names(nlp, reference):
    """Issue #12's 4,000-name article: 4 times the names cost about 4 times the work, never 16 (quadratic).
    Its time (about 10 s, most of it spaCy's) is measured by benchmarks/bench_long_articles.py."""
    small_calls, small_names = _calls_to_extract(nlp, reference, long_text(45_000))
    big_calls, big_names = _calls_to_extract(nlp, reference, long_text(180_000))
    assert big_names >= 4_000 and 3.5 < big_names / small_names < 4.5
    assert big_calls / small_calls < 1.25 * big_names / small_names


@pytest.fixture(scope="module")
def long_build(tmp_path_factory):
    """Three short articles and a 1.5 MB one (over spaCy's 1,000,000 characters) built into an on-disk store (its
    pieces parsed by as many processes as the machine gives, up to PIECE_PROCESSES)."""
    base = tmp_path_factory.mktemp("long")
    folder = base / "articles"
    write_articles(folder, [1, 2])
    text = long_text(1_500_000)
    assert nlp_mod.PIECE_CHARS < 1_000_000 < len(text) and len(text.encode("utf-8")) <= MAX_BYTES
    (folder / "050_long.txt").write_text(text, encoding="utf-8")
    (folder / "090_after.txt").write_text(small_article(9), encoding="utf-8")
    with open_store(base / "store") as store:
        report = build([folder], store, exports_dir=None, jobs=1)
        rows = [(int(r[0].toPython()), int(r[1].toPython()), str(r[2])) for r in store.query(
            "SELECT ?start ?end ?sentence WHERE { GRAPH ?g { ?d dcterms:identifier '050_long.txt' . "
            "?e prov:wasDerivedFrom ?d ; hl:charStart ?start ; hl:charEnd ?end ; hl:sentence ?sentence } }")]
    return report, text, rows


def test_a_long_article_builds_beside_the_others(long_build):
    report, _, _ = long_build
    assert report.skipped == []
    assert sorted(report.built) == ["050_long.txt", "090_after.txt", "article-001.txt", "article-002.txt"]


def test_the_long_articles_evidence_indexes_its_text(long_build):
    _, text, rows = long_build
    assert len(rows) > 1000
    assert max(start for start, _, _ in rows) > 1_000_000  # past what one spaCy doc could take
    for start, end, sentence in rows:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == sentence


def _write_three(folder: Path) -> list[Path]:
    return write_articles(folder, [1, 2, 3])


def test_an_article_whose_extraction_raises_is_skipped_not_its_batch(tmp_path, monkeypatch):
    paths = _write_three(tmp_path / "articles")
    real = graph.extract.extract

    def extract(article, doc, reference):
        if article.identifier == paths[1].name:
            raise RuntimeError("the rules tripped\non this one")
        return real(article, doc, reference)
    monkeypatch.setattr(graph.extract, "extract", extract)
    with open_store(tmp_path / "store") as store:
        report = build([tmp_path / "articles"], store, exports_dir=None, jobs=1)
        stored = {str(r[0]) for r in store.query("SELECT ?id WHERE { ?d a hl:Document ; dcterms:identifier ?id }")}
    assert report.built == [paths[0].name, paths[2].name]
    assert [(s.path, s.reason) for s in report.skipped] == [
        (str(paths[1]), "extraction failed (RuntimeError: the rules tripped on this one)")]
    assert stored == {paths[0].name, paths[2].name}


def test_a_batch_that_spacy_cannot_finish_is_parsed_one_article_at_a_time(tmp_path, monkeypatch):
    """A failure inside the pipeline (here the mention linker) stops the whole `nlp.pipe` batch: which article
    caused it is unknown, so the rest of the batch is parsed alone and only the culprit is skipped."""
    paths = _write_three(tmp_path / "articles")
    with paths[2].open("a", encoding="utf-8") as f:
        f.write("The studios sent a BOOBYTRAP.\n")
    real = graph.extract.mentions.link

    def link(doc, linker):
        if "BOOBYTRAP" in doc.text:
            raise MemoryError("no room for this one")
        return real(doc, linker)
    monkeypatch.setattr(graph.extract.mentions, "link", link)
    result = CliRunner().invoke(main, ["build", str(tmp_path / "articles"), "--store", str(tmp_path / "store"),
                                       "--exports", str(tmp_path / "exports"), "--jobs", "1", "-q"])
    assert result.exit_code == 0, result.output
    assert f"skipped {paths[2]}: extraction failed (MemoryError: no room for this one)" in result.output
    with open_store(tmp_path / "store", read_only=True) as store:
        stored = {str(r[0]) for r in store.query("SELECT ?id WHERE { ?d a hl:Document ; dcterms:identifier ?id }")}
    assert stored == {paths[0].name, paths[1].name}
