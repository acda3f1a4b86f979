"""A normal (non-editable) install works away from the checkout: the wheel carries the ontology, the named queries,
the view templates and the lexicon, and the installed `guildgraph` builds, queries, validates, draws and exports.

The wheel is built from a copy of the packaging inputs (the top-level files, graph/ and ontology/) and installed
without dependencies into a fresh virtualenv; that virtualenv sees this interpreter's site-packages through a .pth
line, so it has rdflib, spaCy and its model, but not the checkout's `graph` (a .pth line adds a folder to sys.path,
it does not run the editable-install finder that folder holds).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import warnings
import zipfile
from importlib import metadata
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.namespace import OWL, RDF

from graph.namespaces import HL, HLR

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ("001_d704773d0052fb89.txt", "003_9b5963b842c71f75.txt")
ONTOLOGY_FILES = ("hl.ttl", "issues.ttl", "actors.ttl", "shapes.ttl")
SKIP = shutil.ignore_patterns("__pycache__", "*.pyc")
# a Python warning class in the build log ("SetuptoolsDeprecationWarning: ...", "BuildBackendWarning: ..."), or
# setuptools' notice about a data folder left out of `packages`; pip's own "WARNING: ..." lines are not the build's
BUILD_WARNING = re.compile(r"\b[A-Z]\w*Warning\b|would be ignored|init file .* not found")


def _build_requirements_present() -> bool:
    """Whether this interpreter has what pyproject.toml's [build-system] requires (`make install-test` installs it):
    then the wheel builds without build isolation, so with nothing to download."""
    try:
        import tomllib

        from packaging.requirements import Requirement
    except ImportError:
        return False
    with open(ROOT / "pyproject.toml", "rb") as fh:
        requires = tomllib.load(fh)["build-system"]["requires"]
    for text in requires:
        requirement = Requirement(text)
        try:
            version = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            return False
        if not requirement.specifier.contains(version, prereleases=True):
            return False
    return True


def _run(*args, **kw) -> subprocess.CompletedProcess:
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=300, **kw)


def _wheel_sources(dest: Path) -> Path:
    """What setuptools reads (setup.cfg, pyproject.toml, README.md ..., graph/, ontology/), copied, so the build
    writes its build/ and *.egg-info there and not in the checkout, and no stale build/lib file gets in."""
    dest.mkdir()
    for path in ROOT.iterdir():
        if path.is_file():
            shutil.copy2(path, dest)
    for folder in ("graph", "ontology"):
        shutil.copytree(ROOT / folder, dest / folder, ignore=SKIP)
    return dest


def _expected_wheel_files() -> set[str]:
    """Every file of graph/ where it is in the checkout, and ontology/*.ttl as graph/ontology/*.ttl."""
    package = {p.relative_to(ROOT).as_posix() for p in (ROOT / "graph").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    return package | {f"graph/ontology/{p.name}" for p in (ROOT / "ontology").glob("*.ttl")}


def _dataset(trig: str) -> Dataset:
    with warnings.catch_warnings():  # rdflib 7's TriG parser calls its own deprecated API (as in test_export.py)
        warnings.filterwarnings("ignore", r"(Dataset\.default_context|ConjunctiveGraph) is deprecated",
                                DeprecationWarning)
        return Dataset().parse(data=trig, format="trig")


def _clean_env(**extra) -> dict[str, str]:
    """The environment without what would point the installed package back at the checkout."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP") and not k.startswith("GUILDGRAPH_")}
    return {**env, "PYTHONNOUSERSITE": "1", **extra}


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[Path, str]:
    """(the wheel, pip's verbose build log)."""
    base = tmp_path_factory.mktemp("wheel")
    src, out = _wheel_sources(base / "src"), base / "dist"
    isolation = ["--no-build-isolation"] if _build_requirements_present() else []
    result = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", *isolation, "-v", "-w", out, ".", cwd=src,
                  env=_clean_env())
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"pip wheel failed ({'no ' if isolation else ''}build isolation):\n{log[-4000:]}"
    (built,) = out.glob("guildgraph-*.whl")
    return built, log


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtualenv with the wheel installed (no dependencies) and this interpreter's packages visible."""
    env = tmp_path_factory.mktemp("venv") / "venv"
    assert _run(sys.executable, "-m", "venv", "--without-pip", env).returncode == 0
    python = env / "bin" / "python"
    site = Path(_run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                     env=_clean_env()).stdout.strip())
    result = _run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel[0],
                  env=_clean_env())
    assert result.returncode == 0, result.stdout + result.stderr
    # only now, so pip never saw (let alone touched) this interpreter's packages, the editable guildgraph among them
    paths = sysconfig.get_paths()
    dev_site = dict.fromkeys([paths["purelib"], paths["platlib"]])  # this interpreter's, in order, once each
    (site / "_guildgraph_test_dependencies.pth").write_text("".join(f"{p}\n" for p in dev_site), encoding="utf-8")
    return env


@pytest.fixture(scope="module")
def workdir(venv, tmp_path_factory) -> Path:
    """A user's directory away from the checkout, with two corpus articles, built by the installed `guildgraph`."""
    work = tmp_path_factory.mktemp("work")
    (work / "corpus").mkdir()
    for name in ARTICLES:
        shutil.copy(ROOT / "corpus" / name, work / "corpus")
    result = guildgraph(venv, work, "build")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("built 2 article(s), skipped 0")
    for path in ("exports/graph.trig", "exports/graph.ttl", "exports/views/index.html", "exports/views/overview.html"):
        assert f"wrote {path}\n" in result.stdout and (work / path).is_file()
    assert (work / ".guildgraph" / "store").is_dir()
    return work


def guildgraph(venv: Path, cwd: Path, *args) -> subprocess.CompletedProcess:
    return _run(venv / "bin" / "guildgraph", *args, cwd=cwd, env=_clean_env())


# -- the wheel -----------------------------------------------------------------------------------------------------
def test_the_wheel_builds_without_warnings(wheel):
    warnings = [line for line in wheel[1].splitlines() if BUILD_WARNING.search(line)]
    assert not warnings, "\n".join(warnings)


def test_the_wheel_holds_the_package_its_data_and_the_ontology(wheel):
    with zipfile.ZipFile(wheel[0]) as zf:
        names = set(zf.namelist())
        shipped = {n for n in names if not n.startswith("guildgraph-")}
        missing = _expected_wheel_files() - shipped
        assert not missing, f"left out of the wheel (a new folder of graph/ goes into setup.cfg's packages): {missing}"
        assert shipped == _expected_wheel_files()
        for name in ONTOLOGY_FILES:
            assert zf.read(f"graph/ontology/{name}") == (ROOT / "ontology" / name).read_bytes()
    assert not any(n.startswith("ontology/") for n in names)  # no top-level `ontology` in site-packages


# -- the installed package -------------------------------------------------------------------------------------------
def test_the_installed_package_is_the_wheel_and_finds_its_ontology_inside(venv, tmp_path):
    code = ("import graph, graph.reference, graph.vocab, graph.query.named, graph.views.render\n"
            "print(graph.__file__); print(graph.reference.ONTOLOGY_DIR); print(graph.vocab.ONTOLOGY_FILE)")
    result = _run(venv / "bin" / "python", "-c", code, cwd=tmp_path, env=_clean_env())
    assert result.returncode == 0, result.stderr
    package, ontology_dir, ontology_file = (Path(line) for line in result.stdout.splitlines())
    package = package.resolve().parent
    assert package.is_relative_to(venv.resolve()) and not package.is_relative_to(ROOT)
    assert ontology_dir.resolve() == package / "ontology" and ontology_file.resolve() == package / "ontology/hl.ttl"
    assert sorted(p.name for p in ontology_dir.glob("*.ttl")) == sorted(ONTOLOGY_FILES)


def test_build_from_another_directory(workdir):
    trig = (workdir / "exports" / "graph.trig").read_text(encoding="utf-8")
    graphs = {str(g.identifier) for g in _dataset(trig).graphs()}
    assert len({g for g in graphs if g.endswith("-txt")}) == len(ARTICLES)


def test_query_a_named_query(venv, workdir):
    result = guildgraph(venv, workdir, "query", "--name", "association-members")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["member", "type", "articles", "reference", "memberIri"]
    assert any(line.split()[:2] == ["Netflix", "Studio"] for line in lines[2:-1])
    assert re.fullmatch(r"\(\d+ rows\)", lines[-1]) and int(lines[-1][1:].split()[0]) == len(lines) - 3


def test_validate_with_the_installed_shapes(venv, workdir):
    result = guildgraph(venv, workdir, "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "conforms"


@pytest.mark.parametrize("args, page, title", [
    ((), "overview.html", "Overview"),
    (("--focus", "WGA"), "focus-Writers-Guild-of-America.html", "Focus: Writers Guild of America"),
])
def test_view_with_the_installed_templates(venv, workdir, args, page, title):
    result = guildgraph(venv, workdir, "view", *args)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"exports/views/{page}"
    html = (workdir / "exports" / "views" / page).read_text(encoding="utf-8")
    assert f"<title>{title} · guildgraph" in html and "<style" in html


def test_export_trig_carries_the_installed_ontology(venv, workdir):
    result = guildgraph(venv, workdir, "export", "--format", "trig")
    assert result.returncode == 0, result.stderr
    ds = _dataset(result.stdout)
    ontology, reference = ds.graph(HLR["graph/ontology"]), ds.graph(HLR["graph/reference"])
    files = {name: Graph().parse(data=(ROOT / "ontology" / name).read_text(encoding="utf-8"), format="turtle")
             for name in ONTOLOGY_FILES}
    assert len(ontology) == len(files["hl.ttl"] + files["issues.ttl"]) and (HL.Guild, RDF.type, OWL.Class) in ontology
    assert len(reference) == len(files["actors.ttl"]) and (HLR["actor/wga"], None, None) in reference
    assert sum(1 for g in ds.graphs() if str(g.identifier).endswith("-txt") and len(g)) == len(ARTICLES)


# -- where the ontology is looked for (in this process, on the checkout) ------------------------------------------
def test_a_checkout_reads_the_top_level_ontology(monkeypatch):
    from graph.vocab import ontology_dir

    monkeypatch.delenv("GUILDGRAPH_ONTOLOGY", raising=False)
    assert ontology_dir() == ROOT / "ontology"
    monkeypatch.setenv("GUILDGRAPH_ONTOLOGY", "/elsewhere/ontology")
    assert ontology_dir() == Path("/elsewhere/ontology")

