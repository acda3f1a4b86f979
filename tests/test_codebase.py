"""The codebase a newcomer reads: layered imports without cycles, modules of readable size, no block written twice,
ruff clean (the rules are in pyproject.toml)."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "graph"
MAX_LINES = 500
BLOCK = 6  # lines


def modules() -> dict[str, Path]:
    """Dotted name (relative to the package) -> file, for every module of graph/."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The package modules `name` imports, anywhere in the file (a lazy import is a dependency too; an import for
    type checkers only is not)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and ast.unparse(block.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
                   for n in ast.walk(block)}
    found = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".") if package else []
                parts = parts[:len(parts) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])]).strip(".")
            elif node.module and node.module.split(".")[0] == "graph":
                base = node.module.partition(".")[2]
            else:
                continue
            for target in (f"{base}.{alias.name}".strip(".") for alias in node.names):
                found.add(target if target in known else base)
        elif isinstance(node, ast.Import):
            found |= {a.name.partition(".")[2] for a in node.names if a.name.split(".")[0] == "graph"}
    return {m for m in found if m in known and m != name}


def test_the_package_imports_without_cycles():
    known = modules()
    graph = {name: imports(name, path, known) for name, path in known.items()}
    cycles, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                cycles.append(" -> ".join(stack[stack.index(nxt):] + [node, nxt]) if nxt in stack else f"{node}->{nxt}")
            elif nxt not in state:
                visit(nxt, stack + [node])
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [])
    # a package's __init__ re-exporting its own modules is not a cycle of the design
    cycles = [c for c in cycles if not _through_own_init(c)]
    assert cycles == [], "import cycles:\n" + "\n".join(cycles)


def _through_own_init(cycle: str) -> bool:
    steps = [s.strip() for s in cycle.split("->")]
    return all(a.startswith(b + ".") or b.startswith(a + ".") or a == b for a, b in zip(steps, steps[1:]))


def test_no_module_is_too_long_to_read():
    long = {p.relative_to(ROOT).as_posix(): n for p in PACKAGE.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}, f"modules over {MAX_LINES} lines (split them by mechanism): {long}"


def _code_lines(path: Path) -> list[tuple[int, str]]:
    """(line number, white space folded) of the lines that carry code: no blanks, comments, imports, lone brackets."""
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        text = " ".join(line.split())
        if not text or text.startswith("#") or re.fullmatch(r"[\])}:,]*", text) \
                or re.match(r"(from \S+ )?import ", text):
            continue
        out.append((n, text))
    return out


def test_no_block_of_code_is_written_twice():
    seen: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = _code_lines(path)
        last_end = -1
        for i in range(len(lines) - BLOCK + 1):
            window = tuple(text for _, text in lines[i:i + BLOCK])
            where = f"{path.relative_to(ROOT).as_posix()}:{lines[i][0]}"
            if seen[window] and seen[window][-1].split(":")[0] == where.split(":")[0] and i <= last_end:
                continue
            seen[window].append(where)
            last_end = i + BLOCK - 1
    repeated = {w[0]: places for w, places in seen.items() if len(places) > 1}
    assert repeated == {}, "blocks of code written twice (make one function of them):\n" + "\n".join(
        f"{', '.join(places)}: {first!r}" for first, places in repeated.items())


def test_ruff_is_clean():
    pytest.importorskip("ruff")
    done = subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", "--output-format", "concise", "."],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_readme_layout_names_every_package_and_module():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = text[text.index("## Layout"):]
    layout = layout[:layout.index("\n## ", 1)]
    packages = [p.parent.name for p in PACKAGE.glob("*/__init__.py")]
    modules = [p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py")]
    missing = [f"graph/{p}/" for p in packages if f"graph/{p}/" not in layout] + \
        [m for m in modules if m not in layout]
    assert missing == [], f"the README's layout table does not name: {missing}"
