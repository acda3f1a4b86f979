"""Ingest: every input kind becomes Articles; every bad input is reported with its path and reason and skipped."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import graph.ingest as ingest_mod
from graph.cli import main
from graph.ingest import ingest

STORY = ("The Writers Guild of America went on strike against the Alliance of Motion Picture and Television "
         "Producers on May 2, 2023.\n")


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def one(paths) -> ingest_mod.Article:
    result = ingest(paths)
    assert result.skipped == [] and result.duplicates == []
    assert len(result.articles) == 1, result.articles
    return result.articles[0]


def skipped_reasons(result) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in result.skipped}


# -- each input kind ---------------------------------------------------------------------------------------
def test_txt_without_a_date_line(tmp_path):
    f = write(tmp_path / "plain.txt", "Guild talks resume\n\n" + STORY)
    art = one([f])
    assert art.identifier == "plain.txt"
    assert art.text == f.read_text(encoding="utf-8")
    assert art.title == "Guild talks resume"
    assert art.date is None and art.url is None
    assert art.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()
    assert art.source == str(f)


def test_txt_with_a_date_line_keeps_offsets(tmp_path):
    raw = " date 2023-05-02\nWriters strike\n\n" + STORY
    f = write(tmp_path / "dated.txt", raw)
    art = one([f])
    assert art.date == dt.date(2023, 5, 2)
    # the date line is blanked, not removed: every offset into the text is an offset into the file
    assert len(art.text) == len(raw)
    assert "2023-05-02" not in art.text and "date" not in art.text.split("\n", 1)[0]
    assert art.text.split("\n", 1)[0].strip() == ""
    start = raw.index("Writers Guild")
    assert art.text[start:start + len("Writers Guild")] == "Writers Guild"
    assert art.text[raw.index("\n"):] == raw[raw.index("\n"):]
    assert art.title == "Writers strike"
    assert art.sha256 == hashlib.sha256(raw.encode("utf-8")).hexdigest()  # of the file's bytes


def test_txt_with_only_a_date_line_is_skipped(tmp_path):
    f = write(tmp_path / "onlydate.txt", " date 2023-05-02\n\n")
    result = ingest([f])
    assert result.articles == []
    assert [(s.path, s.reason) for s in result.skipped] == [(str(f), "no text after the date line")]


def test_md_title_from_heading(tmp_path):
    raw = "Some preamble\n\n# Strike ends after 148 days\n\n" + STORY
    f = write(tmp_path / "story.md", raw)
    art = one([f])
    assert art.title == "Strike ends after 148 days"
    assert art.text == raw


def test_md_with_a_date_line(tmp_path):
    raw = " date 2023-09-27\n# WGA ratifies\n" + STORY
    art = one([write(tmp_path / "dated.md", raw)])
    assert art.date == dt.date(2023, 9, 27)
    assert art.title == "WGA ratifies"
    assert len(art.text) == len(raw)


def test_html_text_title_and_dropped_scripts(tmp_path):
    page = """<!doctype html><html><head><title>  Guild   &amp; studios </title>
<meta property="article:published_time" content="2023-07-14T09:00:00Z">
<style>p { color: red }</style><script>var secret = "SCRIPT-IN-HEAD";</script></head>
<body><h1>Headline</h1><p>The SAG-AFTRA board voted &ldquo;yes&rdquo;.</p>
<script>document.write("SCRIPT-IN-BODY")</script><style>.x{}</style><p>Second paragraph.</p></body></html>"""
    f = write(tmp_path / "page.html", page)
    art = one([f])
    assert art.title == "Guild & studios"
    assert art.date == dt.date(2023, 7, 14)
    assert "The SAG-AFTRA board voted \u201cyes\u201d." in art.text
    assert "Second paragraph." in art.text and "Headline" in art.text
    for dropped in ("SCRIPT-IN-HEAD", "SCRIPT-IN-BODY", "color: red", ".x{}", "<p>", "&amp;"):
        assert dropped not in art.text
    assert art.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()


def test_html_without_closing_head_keeps_the_body(tmp_path):
    # `</head>` is optional in HTML; the body is still the article
    f = write(tmp_path / "nohead.htm", "<html><head><title>T</title><body><p>Body text here.</p></body></html>")
    art = one([f])
    assert art.text == "Body text here." and art.title == "T"


def test_jsonl_one_article_per_line(tmp_path):
    lines = [{"text": "First article text.", "title": "First", "date": "2023-05-02", "url": "https://example.org/1"},
             {"text": "Second article text."}]
    f = write(tmp_path / "feed.jsonl", json.dumps(lines[0]) + "\n\n" + json.dumps(lines[1]) + "\n")
    result = ingest([f])
    assert result.skipped == [] and result.duplicates == []
    first, second = result.articles
    assert (first.identifier, first.text, first.title, first.date, first.url) == \
        ("feed.jsonl#1", "First article text.", "First", dt.date(2023, 5, 2), "https://example.org/1")
    assert (second.identifier, second.text, second.title, second.date, second.url) == \
        ("feed.jsonl#3", "Second article text.", None, None, None)  # numbered by line, blank line skipped
    assert first.slug != second.slug
    assert first.sha256 == hashlib.sha256(b"First article text.").hexdigest()


@pytest.mark.parametrize("bad, reason", [
    ('{"text": broken', "line 2: not JSON"),
    ('{"title": "no text"}', 'line 2: no "text" field'),
    ('["a", "list"]', 'line 2: no "text" field'),
    ('{"text": "Fine.", "title": ["not", "a", "string"]}', 'line 2: "title" is not a string'),
    ('{"text": "Fine.", "url": {"href": "x"}}', 'line 2: "url" is not a string'),
])
def test_jsonl_bad_line_reports_the_file_and_line(tmp_path, bad, reason):
    f = write(tmp_path / "feed.jsonl", json.dumps({"text": "Good line."}) + "\n" + bad + "\n")
    good = write(tmp_path / "good.txt", STORY)
    result = ingest([f, good])
    assert [a.identifier for a in result.articles] == ["good.txt"]
    assert len(result.skipped) == 1
    assert result.skipped[0].path == str(f)
    assert result.skipped[0].reason.startswith(reason)


# -- directories, duplicates -------------------------------------------------------------------------------
def test_directory_walked_in_sorted_order(tmp_path):
    names = ["c.txt", "a.md", "sub/b.txt", "b.html", "z.jsonl"]
    for i, name in enumerate(names):
        content = f"<html><body><p>Text {i}.</p></body></html>" if name.endswith("html") else \
            json.dumps({"text": f"Text {i}."}) if name.endswith("jsonl") else f"Text {i}.\n"
        write(tmp_path / name, content)
    write(tmp_path / ".hidden.txt", "hidden file")
    write(tmp_path / ".git" / "notes.txt", "inside a hidden directory")
    write(tmp_path / "notes.csv", "a,b")  # not an article type: a directory walk passes over it
    result = ingest([tmp_path])
    assert [a.identifier for a in result.articles] == ["a.md", "b.html", "c.txt", "b.txt", "z.jsonl#1"]
    assert [a.source for a in result.articles] == [str(tmp_path / n) for n in
                                                  ("a.md", "b.html", "c.txt", "sub/b.txt", "z.jsonl")]
    assert result.skipped == [] and result.duplicates == []
    # the same walk twice sees the same order
    assert [a.identifier for a in ingest([tmp_path]).articles] == [a.identifier for a in result.articles]


def test_same_file_name_in_two_folders_is_reported(tmp_path):
    first = write(tmp_path / "a" / "story.txt", "One story.\n")
    second = write(tmp_path / "b" / "story.txt", "Another story.\n")
    result = ingest([tmp_path])
    assert [a.source for a in result.articles] == [str(first)]
    assert [s.path for s in result.skipped] == [str(second)]
    assert str(first) in result.skipped[0].reason and "same article name" in result.skipped[0].reason


def test_duplicate_texts_ingested_once_and_listed(tmp_path):
    a = write(tmp_path / "a.txt", STORY)
    b = write(tmp_path / "b.txt", STORY)
    c = write(tmp_path / "c.txt", "Something else.\n")
    result = ingest([tmp_path, a])  # the same file named twice too
    assert [x.identifier for x in result.articles] == ["a.txt", "c.txt"]
    assert result.skipped == []
    dup_paths = [d.path for d in result.duplicates]
    assert len(dup_paths) == 2
    assert dup_paths[0].startswith(str(b)) and dup_paths[1].startswith(str(a))
    assert all("same text as a.txt" in d.reason for d in result.duplicates)
    assert c.exists()


# -- bad inputs: reported, skipped, the rest goes on --------------------------------------------------------
def test_each_bad_input_is_reported_and_skipped(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "MAX_BYTES", 1000)
    good1 = write(tmp_path / "a_good.txt", STORY)
    bad = {
        "b_empty.txt": b"",
        "c_blank.txt": b"  \n\t\n  ",
        "d_binary.txt": b"GIF89a\x00\x01\x02 binary",
        "e_latin1.txt": "Caf\u00e9 strike".encode("latin-1"),
        "f_large.txt": b"word " * 300,
        "g_paper.pdf": b"%PDF-1.4 not an article",
    }
    for name, data in bad.items():
        write(tmp_path / name, data)
    good2 = write(tmp_path / "h_good.md", "# Title\n\nAnother story about the DGA.\n")
    missing = tmp_path / "missing.txt"
    paths = [good1, *(tmp_path / n for n in bad), missing, good2]
    result = ingest(paths)
    assert [a.source for a in result.articles] == [str(good1), str(good2)]
    assert [s.path for s in result.skipped] == [str(p) for p in paths[1:-1]]
    reasons = skipped_reasons(result)
    assert reasons["b_empty.txt"] == "empty file"
    assert reasons["c_blank.txt"] == "no text (only whitespace)"
    assert reasons["d_binary.txt"] == "binary content (NUL bytes)"
    assert reasons["e_latin1.txt"].startswith("not UTF-8 text") and "byte 3" in reasons["e_latin1.txt"]
    assert reasons["f_large.txt"] == "too large (1500 bytes; the limit is 1000)"
    assert reasons["g_paper.pdf"].startswith("unsupported file type .pdf")
    assert reasons["missing.txt"] == "no such file or directory"


def test_limit_is_inclusive(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "MAX_BYTES", 10)
    assert one([write(tmp_path / "ten.txt", "0123456789")]).text == "0123456789"


def test_utf8_bom_is_not_text(tmp_path):
    f = write(tmp_path / "bom.txt", b"\xef\xbb\xbfStrike day one\n")
    art = one([f])
    assert art.text == "Strike day one\n"
    assert art.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()


# -- the CLI -----------------------------------------------------------------------------------------------
@pytest.fixture
def mixed_dir(tmp_path):
    d = tmp_path / "articles"
    write(d / "01_good.txt", " date 2023-05-02\n" + STORY)
    write(d / "02_empty.txt", b"")
    write(d / "03_binary.txt", b"\x00\x01\x02\x03")
    write(d / "04_good.md", "# DGA deal\n\nThe Directors Guild of America reached a tentative agreement with "
                            "the AMPTP on June 3, 2023.\n")
    write(d / "05_bad.jsonl", '{"text": "ok"}\nnot json\n')
    write(d / "06_copy.txt", " date 2023-05-02\n" + STORY)
    return d


def run_build(tmp_path, *args):
    runner = CliRunner()
    return runner.invoke(main, ["build", *args, "--store", str(tmp_path / "store"),
                                "--exports", str(tmp_path / "exports")], catch_exceptions=False)


def test_cli_build_reports_skipped_files_and_goes_on(tmp_path, mixed_dir):
    result = run_build(tmp_path, str(mixed_dir))
    assert result.exit_code == 0, result.output
    err = result.stderr
    assert f"skipped {mixed_dir / '02_empty.txt'}: empty file" in err
    assert f"skipped {mixed_dir / '03_binary.txt'}: binary content (NUL bytes)" in err
    assert f"skipped {mixed_dir / '05_bad.jsonl'}: line 2: not JSON" in err
    assert f"duplicate {mixed_dir / '06_copy.txt'}" in err and "same text as 01_good.txt" in err
    assert "built 2 article(s), skipped 3, duplicates 1" in result.stdout
    assert (tmp_path / "exports" / "graph.ttl").is_file() and (tmp_path / "exports" / "graph.trig").is_file()

    from graph.store import open_store
    with open_store(tmp_path / "store", read_only=True) as store:
        ids = {str(r[0]) for r in store.query("SELECT ?id WHERE { ?d a hl:Document ; dcterms:identifier ?id }")}
    assert ids == {"01_good.txt", "04_good.md"}


def test_cli_build_strict_fails_on_skipped_input(tmp_path, mixed_dir):
    result = run_build(tmp_path, "--strict", str(mixed_dir))
    assert result.exit_code == 1
    assert "skipped" in result.stderr and "empty file" in result.stderr
    assert "built 2 article(s), skipped 3" in result.stdout  # the good articles are still built


def test_cli_build_strict_passes_on_clean_input(tmp_path):
    d = tmp_path / "clean"
    write(d / "a.txt", STORY)
    result = run_build(tmp_path, "--strict", "--quiet", str(d))
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and result.stderr == ""


def test_cli_build_missing_path(tmp_path):
    missing = tmp_path / "nowhere"
    result = run_build(tmp_path, str(missing))
    assert result.exit_code == 0
    assert f"skipped {missing}: no such file or directory" in result.stderr
    assert "built 0 article(s), skipped 1" in result.stdout
    assert run_build(tmp_path, "--strict", str(missing)).exit_code == 1
