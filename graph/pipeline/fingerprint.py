"""Build fingerprint: a hash of the versions, ontology files, code and lexicon that decide an article's graph.

The code is found by walking the package's imports from the extraction entry point (`parallel.py`, which runs
spaCy, the rules and the RDF of each article), so a module that starts to matter is covered without a list to
keep; the lexicon is the YAML data beside the modules walked.
"""
from __future__ import annotations

import ast
import hashlib
import re
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent
ENTRY_POINT = Path("pipeline") / "parallel.py"


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def _module_file(package: Path, dotted: str) -> Path | None:
    base = package.joinpath(*dotted.split(".")) if dotted else package
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


_IMPORT = re.compile(r"^[ \t]*(?:from[ \t]+[\w.]+[ \t]+import[ \t]*(?:\([^)]*\)|.*)|import[ \t]+.*)$", re.M)


def _import_statements(source: str) -> Iterator[ast.stmt]:
    """The import statements of a module's source, nested ones too: each line that reads as one is parsed alone
    (parsing whole modules took most of a no-op build's fingerprint); a docstring line that only looks like one
    at most adds a file to the hash."""
    for match in _IMPORT.finditer(source):
        try:
            yield from ast.parse(match.group().strip().rstrip("\\")).body
        except SyntaxError:
            continue


def _imported(package: Path, path: Path) -> set[Path]:
    """Files of `package` that `path` imports (relative imports, and absolute ones of the package by name)."""
    here = path.parent.relative_to(package).parts
    found: set[Path] = set()
    for node in _import_statements(path.read_text(encoding="utf-8")):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = here[:len(here) - node.level + 1] if node.level > 1 else here
                base = ".".join((*parts, *(node.module.split(".") if node.module else ())))
            elif node.module and node.module.split(".")[0] == package.name:
                base = node.module.partition(".")[2]
            else:
                continue
            for target in [base] + [f"{base}.{a.name}" if base else a.name for a in node.names]:
                if (file := _module_file(package, target)) is not None:
                    found.add(file)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                head, _, rest = alias.name.partition(".")
                if head == package.name and (file := _module_file(package, rest)) is not None:
                    found.add(file)
    return found


def module_sources(entries: list[Path], package: Path = PACKAGE, data: str = "*.yaml") -> list[Path]:
    """The modules reachable from `entries` by import, and the files matching `data` in their folders' data
    folders (subfolders that are not packages)."""
    todo, seen = [package / e for e in entries], set()
    while todo:
        path = todo.pop()
        if path not in seen:
            seen.add(path)
            todo.extend(_imported(package, path) - seen)
    folders = {path.parent for path in seen}
    found = {f for folder in folders for sub in folder.iterdir() if sub.is_dir() and not (sub / "__init__.py").exists()
             for f in sub.glob(data) if f.is_file()}
    return sorted(seen | found)


def extraction_sources(package: Path = PACKAGE) -> list[Path]:
    """The modules reachable from the entry point by import, and the YAML files in their folders' data folders."""
    return module_sources([ENTRY_POINT], package)


def _model_name() -> str:
    """graph/nlp.py's `model_name()`, without importing spaCy (seconds, for a build that may extract nothing): its
    MODEL_NAMES read from the source, the first installed."""
    import importlib.util

    tree = ast.parse((PACKAGE / "nlp.py").read_text(encoding="utf-8"))
    names = next(ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
                 and any(isinstance(t, ast.Name) and t.id == "MODEL_NAMES" for t in node.targets))
    found = next((name for name in names if importlib.util.find_spec(name) is not None), None)
    if found is None:
        raise LookupError("no spaCy model")
    return found


def fingerprint(package: Path | None = None, ontology_dir: Path | None = None) -> str:
    """`guildgraph <version> sha256:<hex>` of what decides an article's graph besides the article itself."""
    from ..ontology_files import REFERENCE_FILES
    from ..ontology_files import ontology_dir as default_ontology_dir

    package = package or PACKAGE
    ontology_dir = Path(ontology_dir or default_ontology_dir())
    h = hashlib.sha256()

    def add(name: str, data: bytes) -> None:
        h.update(name.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)

    version = _version("guildgraph")
    try:
        model = _model_name()
    except Exception:  # noqa: BLE001 - no model: the build fails later with the proper message
        model = "?"
    add("versions", f"guildgraph {version}; spacy {_version('spacy')}; {model} {_version(model)}".encode())
    for name in REFERENCE_FILES:
        path = ontology_dir / name
        add(f"ontology/{name}", path.read_bytes() if path.is_file() else b"")
    for path in extraction_sources(package):
        add(path.relative_to(package).as_posix(), path.read_bytes())
    return f"guildgraph {version} sha256:{h.hexdigest()}"
