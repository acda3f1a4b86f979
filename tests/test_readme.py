"""Every `guildgraph` command the README shows runs as written (in-process, on a copy of the built corpus)."""
from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.cli import main

ROOT = Path(__file__).resolve().parent.parent


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        for line in block.splitlines():
            line = line.split("  #")[0].strip()
            if line.startswith("guildgraph "):
                commands.append(line)
    return commands


def test_the_readme_shows_every_command():
    shown = {shlex.split(c)[1] for c in readme_commands()}
    assert set(main.commands) <= shown, f"commands without a README example: {set(main.commands) - shown}"


@pytest.fixture
def workdir(built, tmp_path, monkeypatch):
    """A user's working directory: the corpus, the inputs the examples name, and a copy of the built store."""
    store = tmp_path / ".guildgraph" / "store"
    shutil.copytree(built[0], store)
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    (tmp_path / "news").mkdir()
    shutil.copy(ROOT / "corpus" / "002_8d6275d919f15b1e.txt", tmp_path / "news")
    (tmp_path / "extra.jsonl").write_text('{"text": "The WGA went on strike against the AMPTP.", '
                                          '"title": "Strike", "date": "2023-05-02"}\n', encoding="utf-8")
    (tmp_path / "my-query.rq").write_text("SELECT ?g WHERE { ?g prov:wasDerivedFrom ?doc }\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("GUILDGRAPH_STORE", str(store))
    return tmp_path


@pytest.mark.parametrize("command", [c for c in readme_commands() if not c.startswith("guildgraph serve")])
def test_readme_example_runs(workdir, command):
    """(`serve` runs until stopped: tests/test_serve.py starts it on a free port.)"""
    args = shlex.split(command)[1:]
    if ">" in args:  # a shell redirection: the output is what would be written
        args = args[: args.index(">")]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0, f"{command}\n{result.output}"


def readme_sessions() -> list[tuple[str, str]]:
    """(command, shown output) of every `$ guildgraph ...` line in the README's console blocks."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    sessions = []
    for block in re.findall(r"```console\n(.*?)```", text, re.S):
        for part in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = part.partition("\n")
            sessions.append((command.strip(), output))
    return sessions


def _lines(text: str) -> list[str]:
    return [line.rstrip() for line in text.rstrip("\n").splitlines()]


@pytest.mark.parametrize("command,shown", readme_sessions(), ids=[c for c, _ in readme_sessions()])
def test_readme_example_prints_what_the_readme_shows(workdir, command, shown):
    result = CliRunner().invoke(main, shlex.split(command)[1:], catch_exceptions=False)
    assert result.exit_code == 0, f"{command}\n{result.output}"
    assert _lines(result.stdout) == _lines(shown), f"{command}: the README shows other output"


def readme_python() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```python\n(.*?)```", text, re.S)


@pytest.mark.parametrize("code", readme_python())
def test_readme_python_example_prints_what_it_shows(workdir, code, capsys):
    """Each Python block runs as written; a `# prints: ...` comment is what the line before it prints."""
    script, expected = [], []
    for line in code.splitlines():
        m = re.match(r"\s*# prints: (.*)$", line)
        if m:
            expected.append(m.group(1))
        else:
            script.append(line)
    exec(compile("\n".join(script), "README.md", "exec"), {"__name__": "readme"})
    printed = capsys.readouterr().out.splitlines()
    assert printed == expected
