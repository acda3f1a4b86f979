"""The build's outputs (graph.ttl, graph.trig, the views): written only when the store changed; TriG graph by graph.

A stamp in the exports folder (`STAMP_FILE`) records, for each output, the store's state token when it was written
(graph/store/local.py `changes`: a new random token before any write), a digest of the code and libraries that
write it (`code_digest`), and the size and modification time of its files. An output is *current* when all three
still match: a build that changed nothing rewrites nothing; a deleted or edited file, a store written since (by a
build or `query --update`) or new exporter code rewrite it. A store without tokens (a SPARQL server) gets every
output written on every build.

graph.trig is one piece per named graph in graph-name order (graph/documents.py), and the stamp keeps each piece's
place in the file: when the store changed only by graphs this handle wrote since the token the file was written
from, the new file copies the other pieces from the old one and serializes the written graphs alone (and those
holding blank nodes, whose labels are given jointly); graph.ttl is then rewritten subject by subject
(graph/pipeline/union.py). The results are the bytes of a full export.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from .fingerprint import PACKAGE, module_sources

if TYPE_CHECKING:
    from ..store import Store

STAMP_FILE = ".guildgraph-outputs.json"
EXPORTS = {"graph.ttl": "turtle", "graph.trig": "trig"}
VIEWS = "views"
_WRITERS = [Path("exports.py"), Path("documents.py"), Path("views") / "render.py"]
_LIBRARIES = ("guildgraph", "pyoxigraph", "pyvis", "networkx", "jinja2")


@dataclass
class Outputs:
    written: list[Path] = field(default_factory=list)
    current: list[Path] = field(default_factory=list)  # up to date: not written


@functools.cache
def code_digest() -> str:
    """sha256 of the modules (and their templates and assets) that write the outputs, and the libraries' versions."""
    h = hashlib.sha256()
    for dist in _LIBRARIES:
        try:
            h.update(f"{dist} {metadata.version(dist)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist} ?\n".encode())
    for path in module_sources(_WRITERS, PACKAGE, data="*"):
        data = path.read_bytes()
        h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


def load_stamp(exports_dir: Path) -> dict:
    try:
        data = json.loads((exports_dir / STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _save_stamp(exports_dir: Path, name: str, entry: dict | None) -> None:
    """Set (None: remove) one output's entry, re-reading the stamp first (temporary file and rename)."""
    stamp = load_stamp(exports_dir)
    if entry is None and name not in stamp:
        return
    if entry is None:
        del stamp[name]
    else:
        stamp[name] = entry
    exports_dir.mkdir(parents=True, exist_ok=True)
    tmp = exports_dir / f"{STAMP_FILE}.{os.getpid()}.part"
    tmp.write_text(json.dumps(stamp, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, exports_dir / STAMP_FILE)


def _file_states(root: Path, names: list[str]) -> dict[str, list[int]] | None:
    out = {}
    for name in names:
        try:
            info = (root / name).stat()
        except OSError:
            return None
        out[name] = [info.st_size, info.st_mtime_ns]
    return out


def _state(store: Store):
    changes = getattr(store, "changes", None)
    return changes() if changes is not None else None


def is_current(entry: dict | None, token: str | None, root: Path) -> bool:
    """`entry` (of the stamp) was written from the store as it is (`token`) by this code, its files untouched."""
    if not entry or token is None or entry.get("store") != token or entry.get("code") != code_digest():
        return False
    files = entry.get("files")
    return isinstance(files, dict) and _file_states(root, sorted(files)) == files


def _entry(token: str, root: Path, files: list[str], **more) -> dict | None:
    states = _file_states(root, files)
    return None if states is None else {"store": token, "code": code_digest(), "files": states, **more}


def write_exports(store: Store, exports_dir: str | Path) -> Outputs:
    """graph.ttl and graph.trig in `exports_dir`, each unless current."""
    from .. import exports

    exports_dir = Path(exports_dir)
    state, stamp, out = _state(store), load_stamp(exports_dir), Outputs()
    token = state.now if state is not None else None
    for name, fmt in EXPORTS.items():  # graph.ttl first: its update reads the old graph.trig
        path = exports_dir / name
        if is_current(stamp.get(name), token, exports_dir):
            out.current.append(path)
            continue
        _save_stamp(exports_dir, name, None)  # a build killed while writing leaves no stamp to trust
        graphs = None
        if fmt == "trig":
            graphs = _write_trig(store, path, stamp.get(name), state)
        elif not _update_turtle(store, exports_dir, stamp, state):
            exports.write(store, fmt, path)
        out.written.append(path)
        if token is not None:
            _save_stamp(exports_dir, name, _entry(token, exports_dir, [name], **({"graphs": graphs} if graphs else {})))
    return out


def _update_turtle(store: Store, exports_dir: Path, stamp: dict, state) -> bool:
    """Rewrite graph.ttl subject by subject (graph/pipeline/union.py) if the old graph.ttl and graph.trig were
    written from the state this handle's writes started from; False if it cannot."""
    import mmap

    from .. import documents, exports
    from . import union

    path = exports_dir / "graph.ttl"
    old = _reusable(stamp.get("graph.trig"), state, exports_dir / "graph.trig")
    if old is None or not is_current(stamp.get("graph.ttl"), state.since, exports_dir) or not path.stat().st_size:
        return False
    if any(old[g][2] for g in state.graphs if g in old):
        return False  # a graph with blank nodes was written: their labels may all change
    with open(exports_dir / "graph.trig", "rb") as fh:
        pieces = []
        for g in sorted(state.graphs & old.keys()):
            fh.seek(old[g][0])
            pieces.append(fh.read(old[g][1]))
    before = union.old_subjects(documents.frame("trig").head, pieces)
    names = {n.value for n in documents.graph_names(store)}
    after = union.new_subjects(store, sorted(state.graphs & names))
    changed = union.blocks(store, sorted(before | after)) if before is not None and after is not None else None
    if changed is None:
        return False
    with open(path, "rb") as fh, mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ) as data:
        chunks = union.rewrite(data, changed)
        if chunks is None:
            return False
        exports.write_chunks(chunks, path)
    return True


def _reusable(entry: dict | None, state, path: Path) -> dict[str, list] | None:
    """The pieces of the TriG file on disk, if it was written from the state this handle's writes started from."""
    if entry is None or state is None or state.graphs is None or not isinstance(entry.get("graphs"), dict):
        return None
    if not is_current(entry, state.since, path.parent):
        return None
    return entry["graphs"]


def _write_trig(store: Store, path: Path, entry: dict | None, state) -> dict[str, list]:
    """Write graph.trig (reusing the old file's pieces when it can); the place of each graph's piece in it."""
    from .. import documents, exports

    old = _reusable(entry, state, path)
    places: dict[str, list] = {}
    if old is None:
        candidates = documents.blank_graphs(store)  # one scan of the store by the engine
    else:  # the graphs that held blank nodes and those written since: the others have none
        names = {n.value for n in documents.graph_names(store)}
        candidates = ({g for g, (_, _, blank) in old.items() if blank} | set(state.graphs)) & names
    canonical = documents.canonical_graphs(store, sorted(candidates))
    blanks = set(canonical)

    def chunks(fh) -> Iterator[bytes]:
        def reuse(name: str) -> bytes | None:
            if fh is None or name in state.graphs or name in blanks or name not in old:
                return None
            offset, length, _ = old[name]
            fh.seek(offset)
            return fh.read(length)
        f, at = documents.frame("trig"), 0
        for name, piece in documents.graph_bodies(store, "trig", reuse=reuse, canonical=canonical):
            if not at:
                yield f.head
                at = len(f.head)
            places[name] = [at, len(piece), name in blanks]
            at += len(piece)
            yield piece
    if old is None:
        exports.write_chunks(chunks(None), path)
    else:
        with open(path, "rb") as fh:
            exports.write_chunks(chunks(fh), path)
    return places


def write_views(store: Store, exports_dir: str | Path) -> Outputs:
    """The standard views in `exports_dir`/views (graph.views.write_standard_views), unless current."""
    exports_dir = Path(exports_dir)
    state = _state(store)
    token = state.now if state is not None else None
    if is_current(load_stamp(exports_dir).get(VIEWS), token, exports_dir):
        return Outputs(current=[exports_dir / VIEWS])
    from ..views import write_standard_views  # seconds of imports (pyvis, numpy) a current folder does without

    _save_stamp(exports_dir, VIEWS, None)
    written = write_standard_views(store, exports_dir / VIEWS)
    if token is not None:
        files = sorted(p.relative_to(exports_dir).as_posix() for p in (exports_dir / VIEWS).glob("*.html"))
        _save_stamp(exports_dir, VIEWS, _entry(token, exports_dir, files))
    return Outputs(written=written)


__all__ = ["EXPORTS", "STAMP_FILE", "Outputs", "code_digest", "is_current", "load_stamp", "write_exports",
           "write_views"]
