"""Ingest: every input kind becomes Articles; every bad input is reported with its path and reason and skipped."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import unicodedata
import warnings
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
    ('{"text": broken', "line 2: not JSON: Expecting value: column 10"),
    ('{"text": "no end', "line 2: not JSON: Unterminated string starting at: column 10"),
    ('{"title": "no text"}', 'line 2: no "text" field'),
    ('{"text": "  "}', 'line 2: "text" is empty'),
    ('["a", "list"]', 'line 2: not a JSON object (a list); give {"text": ...}'),
    ('{"text": 12}', 'line 2: "text" is not a string'),
    ('{"text": "Fine.", "title": ["not", "a", "string"]}', 'line 2: "title" is not a string'),
    ('{"text": "Fine.", "url": {"href": "x"}}', 'line 2: "url" is not a string'),
])
def test_jsonl_bad_line_is_skipped_with_its_file_and_line_and_the_others_are_read(tmp_path, bad, reason):
    f = write(tmp_path / "feed.jsonl", json.dumps({"text": "Good line."}) + "\n" + bad + "\n"
              + json.dumps({"text": "Another good line."}) + "\n")
    good = write(tmp_path / "good.txt", STORY)
    result = ingest([f, good])
    assert [a.identifier for a in result.articles] == ["feed.jsonl#1", "feed.jsonl#3", "good.txt"]
    assert [(s.path, s.reason) for s in result.skipped] == [(str(f), reason)]  # the whole message


def test_jsonl_lines_are_split_at_line_feeds_only_and_checked_one_by_one(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest_mod, "MAX_BYTES", 200)
    lines = [b'\xef\xbb\xbf{"text": "After a byte order mark."}',  # UTF-8 BOM: not part of the first line
             json.dumps({"text": "One line\u2028with a line separator\u0085inside."}, ensure_ascii=False).encode(),
             json.dumps({"text": "x" * 300}).encode(),  # over the limit: this line only
             b'{"text": "caf\xe9 in Latin-1"}',
             b'{"text": "Windows line end."}\r']
    f = write(tmp_path / "feed.jsonl", b"\n".join(lines) + b"\n")
    result = ingest([f])
    assert [(a.identifier, a.text) for a in result.articles] == [
        ("feed.jsonl#1", "After a byte order mark."),
        ("feed.jsonl#2", "One line\u2028with a line separator\u0085inside."),
        ("feed.jsonl#5", "Windows line end.")]
    assert [s.reason for s in result.skipped] == [
        "line 3: too large (313 bytes; the limit is 200)",
        "line 4: not UTF-8 text (invalid continuation byte at byte 13 of the line)"]


def test_jsonl_of_200_articles_with_a_bad_line_in_the_middle_builds_the_200(tmp_path):
    """The real pipeline into an on-disk store: one bad line costs that line, not the file."""
    from graph.pipeline import build
    from graph.store import open_store

    from .test_scale import small_article

    records = []
    for n in range(200):
        date_line, text = small_article(n).split("\n", 1)  # the date goes in its field
        records.append(json.dumps({"text": text, "date": date_line.split()[1], "title": f"Update {n}"}))
    records.insert(100, '{"text": "a line cut short by a full disk')  # line 101
    feed = write(tmp_path / "feed.jsonl", "\n".join(records) + "\n")
    with open_store(tmp_path / "store") as store:
        report = build([feed], store, tmp_path / "exports")
        ids = {str(r[0]) for r in store.query("SELECT ?id WHERE { ?d a hl:Document ; dcterms:identifier ?id }")}
    assert [(s.path, s.reason) for s in report.skipped] == [
        (str(feed), "line 101: not JSON: Unterminated string starting at: column 10")]
    assert len(report.built) == 200 and report.duplicates == []
    assert ids == {f"feed.jsonl#{n}" for n in range(1, 202) if n != 101}


# -- directories, duplicates -------------------------------------------------------------------------------
def test_directory_walked_in_sorted_order(tmp_path):
    names = ["c.txt", "a.md", "sub/b.txt", "b.html", "z.jsonl"]
    for i, name in enumerate(names):
        content = f"<html><body><p>Text {i}.</p></body></html>" if name.endswith("html") else \
            json.dumps({"text": f"Text {i}."}) if name.endswith("jsonl") else f"Text {i}.\n"
        write(tmp_path / name, content)
    write(tmp_path / ".hidden.txt", "hidden file")
    write(tmp_path / ".git" / "notes.txt", "inside a hidden directory")
    write(tmp_path / "notes.csv", "a,b")  # not an article type: listed, not read
    result = ingest([tmp_path])
    assert [a.identifier for a in result.articles] == ["a.md", "b.html", "c.txt", "b.txt", "z.jsonl#1"]
    assert [a.source for a in result.articles] == [str(tmp_path / n) for n in
                                                  ("a.md", "b.html", "c.txt", "sub/b.txt", "z.jsonl")]
    assert result.skipped == [] and result.duplicates == []
    assert result.unsupported == [str(tmp_path / "notes.csv")]
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


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(tmp_path, codec):
    raw = " date 2023-05-02\nStrike \u7f62\u5de5 day one\n\n" + STORY
    f = write(tmp_path / "wide.txt", ("\ufeff" + raw).encode(codec))
    art = one([f])
    start = raw.index("Strike")
    assert art.text[start:] == raw[start:] and len(art.text) == len(raw)  # offsets into the text as decoded
    assert art.date == dt.date(2023, 5, 2) and art.title == "Strike \u7f62\u5de5 day one"
    assert art.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()


def test_utf16_without_a_byte_order_mark_or_cut_short_says_so(tmp_path):
    no_bom = write(tmp_path / "no_bom.txt", ("Strike day one\n" + STORY).encode("utf-16-le"))
    cut = write(tmp_path / "cut.txt", "\ufeffStrike".encode("utf-16-le") + b"A")  # an odd number of bytes
    reasons = skipped_reasons(ingest([no_bom, cut]))
    assert reasons == {
        "no_bom.txt": "binary content (NUL bytes): UTF-16 text without a byte order mark? save it as UTF-8",
        "cut.txt": "not UTF-16 text, though it starts with a UTF-16 byte order mark (truncated data at byte 14)"}


def test_utf8_bom_before_a_date_line_and_in_html(tmp_path):
    dated = one([write(tmp_path / "dated.txt", b"\xef\xbb\xbf date 2023-05-02\nStrike\n\n" + STORY.encode())])
    assert dated.date == dt.date(2023, 5, 2) and dated.title == "Strike" and "\ufeff" not in dated.text
    page = one([write(tmp_path / "page.html", b"\xef\xbb\xbf<html><body><p>Body.</p></body></html>")])
    assert page.text == "Body."


def test_characters_xml_forbids_become_spaces_and_offsets_stay(tmp_path):
    forbidden = "\x00\x01\x08\x0b\x0c\x0e\x1f\ufffe\uffff"
    raw = "Strike\x01 day\n\n" + "The WGA" + forbidden[1:] + "met the AMPTP.\tTabs, \r\nline ends and \x7f stay.\n"
    txt = one([write(tmp_path / "ctrl.txt", raw.encode("utf-8"))])
    assert txt.text == raw.translate({ord(c): " " for c in forbidden}) and txt.title == "Strike  day"
    long = "word " * 2000 + "\x00 after 8 KB of text.\n"  # a NUL that far in is a stray byte, not binary content
    assert one([write(tmp_path / "long.txt", long)]).text == long.replace("\x00", " ")
    html = one([write(tmp_path / "ctrl.html", "<title>A\x02B</title><p>X&#1;Y\x03Z</p>")])
    assert (html.title, html.text) == ("A B", "XY Z")  # the parser drops the reference &#1;, the raw \x03 is a space
    record = {"text": "Lone \ud800 surrogate, \ufffe and \x00.", "title": "T\x1bitle", "url": "https://e.org/\x07"}
    line = one([write(tmp_path / "ctrl.jsonl", json.dumps(record) + "\n")])
    assert (line.text, line.title, line.url) == ("Lone   surrogate,   and  .", "T itle", "https://e.org/ ")
    assert line.sha256 == hashlib.sha256(line.text.encode("utf-8")).hexdigest()
    wide = one([write(tmp_path / "wide.txt", b"\xff\xfe" + "A\ud800B\n".encode("utf-16-le", "surrogatepass"))])
    assert wide.text == "A B\n"  # an unpaired surrogate in UTF-16
    for art in (txt, html, line, wide):
        assert not any(c in forbidden or "\ud800" <= c <= "\udfff" for c in art.text + (art.title or ""))


# -- dates --------------------------------------------------------------------------------------------------
def notices(result) -> list[tuple[str, str]]:
    return [(Path(w.path).name, w.message) for w in result.warnings]


@pytest.mark.parametrize("line, detail", [(" date 2023-13-45", "month must be in 1..12"),
                                          (" date 2023-02-30", "day is out of range for month"),
                                          (" date 2023-5-2", "not YYYY-MM-DD")])
def test_a_date_line_that_is_no_date_is_a_warning_not_a_title(tmp_path, line, detail):
    raw = f"{line}\nGuild vote\n\n{STORY}"
    result = ingest([write(tmp_path / "bad.txt", raw)])
    (art,) = result.articles
    assert art.date is None and art.title == "Guild vote"  # the line is blanked, not read as the headline
    assert len(art.text) == len(raw) and art.text[len(line):] == raw[len(line):] and "date" not in art.text
    assert result.skipped == []
    assert notices(result) == [("bad.txt", f"the date line {line!r} is not a date ({detail}); the article has "
                                           "no date")]


def test_a_date_after_today_is_kept_with_a_warning(tmp_path):
    later = dt.date.today() + dt.timedelta(days=400)
    today = dt.date.today().isoformat()
    txt = write(tmp_path / "later.txt", f" date {later}\nNext year\n\n{STORY}")
    feed = write(tmp_path / "feed.jsonl", json.dumps({"text": "Soon.", "date": str(later)}) + "\n"
                 + json.dumps({"text": "Never.", "date": "2023-02-30"}) + "\n")
    page = write(tmp_path / "page.html", f'<meta name="date" content="{later}T08:00:00Z"><p>Later.</p>')
    result = ingest([txt, feed, page])
    assert [a.date for a in result.articles] == [later, later, None, later]
    assert notices(result) == [
        ("later.txt", f"the date line ' date {later}' is after today ({today}); kept as the article's date"),
        ("feed.jsonl", f"line 1: \"date\" '{later}' is after today ({today}); kept as the article's date"),
        ("feed.jsonl", "line 2: \"date\" '2023-02-30' is not a date (day is out of range for month); the "
                       "article has no date"),
        ("page.html", f"the published date '{later}T08:00:00Z' is after today ({today}); kept as the "
                      "article's date")]
    assert one([write(tmp_path / "n" / "today.txt", f" date {today}\n{STORY}")]).date == dt.date.today()


# -- file names and slugs -------------------------------------------------------------------------------------
def test_slugs_of_plain_names_do_not_change():
    from graph.ingest import article_slug

    assert article_slug("002_8d6275d919f15b1e.txt") == "002-8d6275d919f15b1e-txt"  # the corpus's IRIs
    assert article_slug("feed.jsonl#3") == "feed-jsonl-3"
    assert article_slug("Ren\u00e9e\u2019s strike.md") == "renees-strike-md"  # accents fold, no hash
    assert article_slug("WGA \u2013 AMPTP \u201cdeal\u201d.txt") == "wga-amptp-deal-txt"


def test_names_ascii_cannot_spell_get_distinct_stable_slugs(tmp_path):
    from graph.ingest import article_slug

    names = ["\u7f62\u5de5.txt", "\u793a\u5a01.txt", "\u7f62\u5de5.md", "\u0417\u0430\u0431\u0430\u0441\u0442\u043e"
             "\u0432\u043a\u0430.txt", "\U0001f3ac.txt", "\U0001f3ad.txt", "!!!.txt", "Stra\u00dfe.txt"]
    for i, name in enumerate(names):
        write(tmp_path / name, f"Article {i}: {STORY}")
    result = ingest([tmp_path])
    assert result.skipped == [] and len(result.articles) == len(names)
    slugs = [a.slug for a in result.articles]
    assert len(set(slugs)) == len(names)
    assert all(re.fullmatch(r"[a-z0-9-]+-[0-9a-f]{8}", s) for s in slugs), slugs
    assert article_slug("\u7f62\u5de5.txt") == "txt-62ca2233"  # the same on every machine, every run
    # a name written in decomposed form (as macOS file systems keep names) gives the same slug
    assert article_slug(unicodedata.normalize("NFD", "Caf\u00e9 \u7f62\u5de5.txt")) == \
        article_slug("Caf\u00e9 \u7f62\u5de5.txt")
    assert article_slug("\u7f62\u5de5.jsonl#1") != article_slug("\u7f62\u5de5.jsonl#2")


# -- links, folders, files of other types ---------------------------------------------------------------------
def test_symbolic_links_that_lead_nowhere_say_so(tmp_path):
    d = tmp_path / "links"
    write(d / "real.txt", STORY)
    (d / "loop_a.txt").symlink_to("loop_b.txt")
    (d / "loop_b.txt").symlink_to("loop_a.txt")
    (d / "self.txt").symlink_to("self.txt")
    (d / "dangling.txt").symlink_to("gone.txt")
    (d / "alias.txt").symlink_to("real.txt")  # a link to a file is read (and is the same text)
    (d / "elsewhere").symlink_to(tmp_path / "other", target_is_directory=True)
    write(tmp_path / "other" / "far.txt", "Far away.\n")
    result = ingest([d, d / "self.txt"])
    reasons = [(Path(s.path).name, s.reason) for s in result.skipped]
    loop = "symbolic link loop (the link leads back to itself)"
    assert reasons == [
        ("elsewhere", "a symbolic link to a folder: not followed (give the folder it points to as a path of its "
                      "own)"),
        ("dangling.txt", "broken symbolic link (to gone.txt, which does not exist)"),
        ("loop_a.txt", loop), ("loop_b.txt", loop), ("self.txt", loop), ("self.txt", loop)]
    assert [a.identifier for a in result.articles] == ["alias.txt"]
    assert [d.path for d in result.duplicates] == [f"{d / 'real.txt'}:real.txt"]


def test_files_of_other_types_in_a_folder_are_listed_not_read(tmp_path):
    write(tmp_path / "a.txt", STORY)
    for name in ("report.pdf", "notes.docx", "sub/scan.PNG", "README"):
        write(tmp_path / name, b"\x00binary")
    write(tmp_path / ".DS_Store", b"\x00")  # hidden: passed over, not listed
    result = ingest([tmp_path])
    assert [a.identifier for a in result.articles] == ["a.txt"] and result.skipped == []
    assert result.unsupported == [str(tmp_path / n) for n in ("README", "notes.docx", "report.pdf",
                                                               "sub/scan.PNG")]
    pdf = ingest([tmp_path / "report.pdf"])  # named on its own, it is skipped with the reason
    assert pdf.unsupported == [] and skipped_reasons(pdf) == {
        "report.pdf": "unsupported file type .pdf; use one of .txt, .md, .html, .htm, .jsonl"}


def test_a_named_pipe_is_not_read(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert skipped_reasons(ingest([fifo])) == {"pipe.txt": "not a regular file (a named pipe)"}


# -- the CLI -----------------------------------------------------------------------------------------------
@pytest.fixture
def mixed_dir(tmp_path):
    d = tmp_path / "articles"
    write(d / "01_good.txt", " date 2023-05-02\n" + STORY)
    write(d / "02_empty.txt", b"")
    write(d / "03_binary.txt", b"\x00\x01\x02\x03")
    write(d / "04_good.md", "# DGA deal\n\nThe Directors Guild of America reached a tentative agreement with "
                            "the AMPTP on June 3, 2023.\n")
    write(d / "05_bad.jsonl", '{"text": "The WGA met the AMPTP."}\nnot json\n')
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
    assert f"skipped {mixed_dir / '05_bad.jsonl'}: line 2: not JSON: Expecting value: column 1\n" in err
    assert f"duplicate {mixed_dir / '06_copy.txt'}" in err and "same text as 01_good.txt" in err
    assert "built 3 article(s), skipped 3, duplicates 1" in result.stdout
    assert (tmp_path / "exports" / "graph.ttl").is_file() and (tmp_path / "exports" / "graph.trig").is_file()

    from graph.store import open_store
    with open_store(tmp_path / "store", read_only=True) as store:
        ids = {str(r[0]) for r in store.query("SELECT ?id WHERE { ?d a hl:Document ; dcterms:identifier ?id }")}
    assert ids == {"01_good.txt", "04_good.md", "05_bad.jsonl#1"}  # the good line of the bad .jsonl too


def test_cli_build_strict_fails_on_skipped_input(tmp_path, mixed_dir):
    result = run_build(tmp_path, "--strict", str(mixed_dir))
    assert result.exit_code == 1
    assert "skipped" in result.stderr and "empty file" in result.stderr
    assert "built 3 article(s), skipped 3" in result.stdout  # the good articles are still built


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


def stored_documents(store_path: Path) -> dict[str, str]:
    """dcterms:identifier -> hl:sha256 of the Documents in the store."""
    from graph.store import open_store

    with open_store(store_path, read_only=True) as store:
        rows = store.query("SELECT ?id ?sha WHERE { ?d a hl:Document ; dcterms:identifier ?id ; hl:sha256 ?sha }")
        return {str(i): str(s) for i, s in rows}


def test_cli_build_never_replaces_an_article_built_from_another_file(tmp_path):
    """`build A` then `build B` with a story.txt in each: B's is refused, naming both files, and A's is kept."""
    a = write(tmp_path / "A" / "story.txt", STORY)
    b = write(tmp_path / "B" / "story.txt", "The Directors Guild of America reached a deal with the AMPTP.\n")
    assert run_build(tmp_path, str(a.parent)).exit_code == 0
    refused = run_build(tmp_path, str(b.parent))
    assert refused.exit_code == 0
    assert refused.stderr == (
        f"skipped {b}: the store holds story.txt built from {a.resolve()}, another file with the same name; this "
        "one would replace it, so it is not built (rename one of the files, or build with --prune to keep only the "
        "articles under the paths given)\n")
    assert "built 0 article(s), skipped 1," in refused.stdout
    assert stored_documents(tmp_path / "store") == {"story.txt": _sha256_of(a)}
    assert run_build(tmp_path, "--strict", str(b.parent)).exit_code == 1

    write(a, STORY + "An edit of the same file.\n")  # the same file changed: built again
    assert "built 1 article(s), skipped 0" in run_build(tmp_path, str(a.parent)).stdout
    copy = write(tmp_path / "D" / "story.txt", a.read_bytes())  # the same text from another file: no replacement
    assert "built 0 article(s), skipped 0, duplicates 0, unchanged 1" in run_build(tmp_path, str(copy.parent)).stdout
    moved = a.parent.rename(tmp_path / "C") / "story.txt"  # the folder moved, then an edit: its old place is gone
    shutil.rmtree(copy.parent)
    write(moved, STORY + "Edited after the move.\n")
    assert "built 1 article(s), skipped 0" in run_build(tmp_path, str(moved.parent)).stdout
    assert stored_documents(tmp_path / "store") == {"story.txt": _sha256_of(moved)}

    replaced = run_build(tmp_path, "--prune", str(b.parent))  # the store is to hold what is under B: allowed
    assert replaced.exit_code == 0 and "built 1 article(s), skipped 0" in replaced.stdout
    assert stored_documents(tmp_path / "store") == {"story.txt": _sha256_of(b)}
    assert "skipped" in run_build(tmp_path, str(moved.parent)).stderr  # and now C's is the other file
    for name in ("graph.ttl", "graph.trig"):  # where articles came from stays on this machine
        data = (tmp_path / "exports" / name).read_text(encoding="utf-8")
        assert str(tmp_path) not in data and str(tmp_path.resolve()) not in data and "story.txt" in data


def test_cli_build_shows_warnings_and_counts_files_not_read(tmp_path):
    d = tmp_path / "news"
    bad = write(d / "bad_date.txt", " date 2023-13-45\nGuild vote\n\n" + STORY)
    later = dt.date.today() + dt.timedelta(days=400)
    future = write(d / "future.txt", f" date {later}\nNext year\n\nThe DGA met the AMPTP.\n")
    pdf, docx = write(d / "report.pdf", b"%PDF-1.4"), write(d / "sub" / "memo.docx", b"PK\x03\x04")
    result = run_build(tmp_path, str(d))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"warning {bad}: the date line ' date 2023-13-45' is not a date (month must be in 1..12); the article has no "
        "date",
        f"warning {future}: the date line ' date {later}' is after today ({dt.date.today()}); kept as the "
        "article's date"]
    assert "built 2 article(s), skipped 0" in result.stdout
    assert "not read: 2 file(s) of unsupported types in the folders given (.txt, .md, .html, .htm, .jsonl are "\
           "read); --verbose names them\n" in result.stdout
    verbose = run_build(tmp_path, "--verbose", str(d))
    assert f"not read {pdf}: unsupported file type .pdf\nnot read {docx}: unsupported file type .docx\n" \
        in verbose.stderr
    assert "not read: 2 file(s) of unsupported types in the folders given (.txt, .md, .html, .htm, .jsonl are "\
           "read)\n" in verbose.stdout
    quiet = run_build(tmp_path, "-q", str(d))
    assert quiet.exit_code == 0 and quiet.stdout == "" and quiet.stderr == ""


RDF_PARSERS = {"turtle": ("turtle", "turtle"), "trig": ("trig", "trig"), "nquads": ("nquads", "nquads"),
               "ntriples": ("nt", "ntriples"), "jsonld": ("json-ld", None), "xml": ("xml", "rdfxml")}


@pytest.mark.parametrize("fmt", list(RDF_PARSERS))
def test_control_characters_never_reach_an_export(tmp_path, fmt):
    """Articles with characters XML 1.0 forbids, in every input kind and encoding, and names in CJK: every RDF
    export of the store parses back (rdflib, and rapper where it reads the format) with the characters as spaces."""
    from rdflib import Dataset, Literal
    from rdflib.namespace import DCTERMS

    d = tmp_path / "news"
    write(d / "ctrl.txt", "Strike\x1f day\n\nThe WGA\x01 went on strike against the AMPTP\x0b on May 2, 2023.\n")
    write(d / "ctrl.html", "<title>Deal\x02 done</title><p>The DGA\x0c reached a deal with the AMPTP.</p>")
    write(d / "wide.txt", ("\ufeffTalks\x07 resume\n\nThe SAG-AFTRA board met the AMPTP.\n").encode("utf-16-be"))
    write(d / "\u7f62\u5de5.txt", "The IATSE\x1b went on strike.\n")
    write(d / "\u793a\u5a01.txt", "The Teamsters joined the WGA\x1e picket line.\n")
    write(d / "feed.jsonl", json.dumps({"text": "The Animation Guild\u0000 met the AMPTP \ud800 today.",
                                        "title": "Lone\uffff surrogate\ufffe"}) + "\n")
    assert run_build(tmp_path, str(d)).exit_code == 0
    out = tmp_path / f"graph.{fmt}"
    result = CliRunner().invoke(main, ["export", "--format", fmt, "-o", str(out), "--store", str(tmp_path / "store")])
    assert result.exit_code == 0, result.output

    rdflib_format, rapper_format = RDF_PARSERS[fmt]
    with warnings.catch_warnings():  # rdflib 7's own parsers still call its deprecated API; not ours to fix
        warnings.filterwarnings("ignore", r"(Dataset\.default_context|ConjunctiveGraph) is deprecated",
                                DeprecationWarning)
        data = Dataset().parse(data=out.read_bytes(), format=rdflib_format)
    triples = [t for g in data.graphs() for t in g]
    literals = [str(o) for _, _, o in triples if isinstance(o, Literal)]
    assert not [x for x in literals if re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]", x)]
    titles = {str(o) for _, p, o in triples if p == DCTERMS.title}
    assert {"Strike  day", "Deal done", "Talks  resume", "Lone  surrogate "} <= titles  # HTML folds white space
    identifiers = {str(o) for _, p, o in triples if p == DCTERMS.identifier}
    assert {"\u7f62\u5de5.txt", "\u793a\u5a01.txt", "feed.jsonl#1", "wide.txt"} <= identifiers
    assert any("The WGA  went on strike" in x for x in literals)  # an evidence sentence, offsets as in the file
    if rapper_format and shutil.which("rapper"):
        proc = subprocess.run(["rapper", "-c", "-i", rapper_format, str(out)], capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0 and "error" not in proc.stderr.lower(), proc.stderr


def _sha256_of(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
