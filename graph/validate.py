"""Validate: the article graphs against ontology/shapes.ttl by SPARQL on a checkpoint of the store; cached.

The data validated is the union of the article graphs with the ontology (docs/SCALE.md, "Validation"). For a local
store it is made on disk, not in memory: a RocksDB checkpoint of the store (Oxigraph's `backup`: hard links to the
store's immutable files, milliseconds, nothing written into the store) is opened as a store of its own, the triples
that only the curated graphs state are removed from its merged default graph and the ontology added, and the
shapes are checked there (graph/shacl_sparql.py, whose queries are written for a store on disk). Copying the union
into memory instead cost 25 s at 10,000 articles (dumping it decodes every term from RocksDB); the checkpoint
costs nothing, and a query that scans the on-disk store costs about what it costs in memory. The checkpoint goes
in the temporary folder when that is on the store's file system (hard links cannot cross one), else in the cache
folder beside the store; it is removed afterwards. Without either (or for a SPARQL server) the union is copied
into memory as before.

The cache key of a checkpoint is a digest of its files: the store's IDENTITY, each file's name and size, and the
content of every file that is not an SST (the MANIFEST, which lists the live SSTs and their key ranges, CURRENT,
OPTIONS, write-ahead logs). RocksDB never changes an SST once written nor reuses its number, so these files are
the data: a write anywhere (a build, `query --update`, another tool) changes them, an unchanged store keeps them,
and the digest describes exactly the snapshot validated, even while a writer is busy. It costs a directory listing
and the hashing of a few megabytes, not a dump of the union (16 s at 10,000 articles); the store's state token
(graph/store/local.py) would be as cheap but is only renewed by writes made through LocalStore, and a reader that
opened the store during a build would file its report under the build's token. Stores copied into memory keep the
content key: a sha256 of the dumped union.
"""
from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH, NamespaceManager
from rdflib.plugins.sparql import prepareQuery

from .errors import InvalidArgument, SetupError, StoreError
from .kept import code_digest, folder_beside, read_kept, write_kept
from .namespaces import ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH
from .reference import ONTOLOGY_DIR, REFERENCE_FILES, load_reference
from .shacl_sparql import Unsupported, Violation, compile_shapes, run_checks
from .store import LocalStore
from .store.sparql import from_ox, to_ox

if TYPE_CHECKING:
    from .store import Store

ENGINES = ("auto", "sparql", "pyshacl")
CACHE_DIR = "validation-cache"  # beside the store directory: .guildgraph/validation-cache/ for .guildgraph/store
CACHE_KEEP = 8  # reports kept; older ones are removed
# A report is valid for the code and the engines that wrote it: their source and versions are part of the key.
_CACHE_FORMAT = code_digest(("validate.py", "shacl_sparql.py", "store"), ("pyshacl", "pyoxigraph", "rdflib"))
HLS = Namespace("https://w3id.org/hollywood-labor/shapes#")
_NOT_ARTICLES = (ONTOLOGY_GRAPH, REFERENCE_GRAPH)  # curated, not extracted: never validated


@dataclass(frozen=True)
class Validation:
    conforms: bool
    report: str  # the report text the CLI prints
    violations: tuple[Violation, ...]
    engine: str  # "sparql" or "pyshacl"
    cached: bool  # the report of an earlier run on the same data, shapes and ontology


def article_union(store: Store) -> Graph:
    """The union of the article graphs (reference graphs left out: they are curated, not extracted)."""
    g = Graph()
    for s, p, o, name in store.quads():
        if name not in _NOT_ARTICLES:
            g.add((s, p, o))
    return g


def validate_store(store: Store, shapes: Path | None = None) -> tuple[bool, str]:
    """(conforms, the report text)."""
    result = validation(store, shapes)
    return result.conforms, result.report


def validation(store: Store, shapes: Path | None = None, *, engine: str = "auto",
               cache: bool | Path = True) -> Validation:
    """Validate the union of the article graphs, with hl.ttl and issues.ttl as the ontology (so subclasses count).

    "sparql" runs one Oxigraph query per constraint over every focus node at once (graph/shacl_sparql.py); "pyshacl"
    runs pySHACL; "auto" is "sparql" unless the shapes use a feature it does not translate. A local store's
    report is kept in CACHE_DIR beside the store, keyed by a hash of the data, the shapes and the ontology, and
    given back while none of them changes (`cache` a folder: kept there instead; False: no cache)."""
    if engine not in ENGINES:
        raise InvalidArgument(f"unknown validation engine {engine!r}: one of {', '.join(ENGINES)}")
    shapes_graph, shapes_bytes = _read_shapes(shapes)
    checks = None
    if engine != "pyshacl":
        try:
            checks = compile_shapes(shapes_graph)
        except Unsupported as e:
            if engine == "sparql":
                raise InvalidArgument(f"the shapes cannot be checked by SPARQL: {e}") from e
    name = "sparql" if checks is not None else "pyshacl"
    wanted = cache if isinstance(cache, Path) else _cache_folder(store) if cache else None
    with _snapshot(store, [Path(tempfile.gettempdir())] + ([wanted] if wanted else [])) as (load, data_digest):
        folder = wanted if data_digest else None
        key = hashlib.sha256("\n".join((_CACHE_FORMAT, name, hashlib.sha256(shapes_bytes).hexdigest(),
                                        _ontology_nt()[1], data_digest)).encode()).hexdigest()
        hit = _cache_read(folder, key) if folder else None
        if hit is not None:
            return Validation(hit["conforms"], hit["report"], (), name, True)
        data = load()
        found = run_checks(checks, data) if checks is not None else _pyshacl_violations(data, shapes_graph)
        del data  # the checkpoint's store is closed before its folder is removed
    report = render(found, shapes_graph)
    if folder:
        _cache_write(folder, key, {"conforms": not found, "report": report})
    return Validation(not found, report, tuple(found), name, False)


def graph_violations(data: Graph, shapes: Path | None = None, *, engine: str = "sparql") -> list[Violation]:
    """The violations of an rdflib graph (no cache): for tests and tools that compare the engines."""
    shapes_graph, _ = _read_shapes(shapes)
    mem = _with_ontology([ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in data], b"")
    if engine == "pyshacl":
        return _pyshacl_violations(mem, shapes_graph)
    return run_checks(compile_shapes(shapes_graph), mem)


# -- the data -------------------------------------------------------------------------------------------------
def union_store(store: Store) -> tuple[ox.Store, str]:
    """An in-memory Oxigraph store holding the article graphs' union and the ontology, and a digest of that
    union ("" when it cannot be had cheaply: no caching then)."""
    load, digest = _memory_copy(store)
    return load(), digest


@contextlib.contextmanager
def _snapshot(store: Store, places: list[Path]) -> Iterator[tuple[Callable[[], ox.Store], str]]:
    """(a function that gives the union with the ontology as a store, a digest of it): the digest first, so that a
    cached report costs no copy. A local store's union is made in a checkpoint in the first of `places` on the
    store's file system (see the module docstring), removed on leaving; else it is copied into memory."""
    folder = _checkpoint(store, places)
    if folder is None:
        yield _memory_copy(store)
        return
    try:
        digest = _files_digest(folder, Path(store.path))

        def load() -> ox.Store:
            data = ox.Store(str(folder))
            for q in _curated_only(data):
                data.remove(q)
            data.load(_ontology_nt()[0], format=ox.RdfFormat.N_TRIPLES)
            return data
        yield load, digest
    finally:
        shutil.rmtree(folder.parent, ignore_errors=True)


_CHECKPOINT_PREFIX = ".validate-"  # then the validating process's id: a checkpoint outlives a process killed


def _remove_orphans(place: Path) -> None:
    """Remove the checkpoints in `place` of validations whose process is gone (killed before it could): hard links
    that would otherwise keep the store's old files on disk after it compacts them away."""
    for folder in place.glob(f"{_CHECKPOINT_PREFIX}*-*"):
        pid = folder.name[len(_CHECKPOINT_PREFIX):].partition("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's process (or a pid this process may not signal): alive
        return True
    return True


def _checkpoint(store: Store, places: list[Path]) -> Path | None:
    """A checkpoint of a local store in a new folder under the first of `places` on its file system, or None."""
    if not isinstance(store, LocalStore):
        return None
    path = store.path
    try:
        device = os.stat(path).st_dev
    except OSError:
        return None
    for place in places:
        try:
            if os.stat(place if place.exists() else place.parent).st_dev != device:
                continue
            place.mkdir(parents=True, exist_ok=True)
            _remove_orphans(place)
            parent = Path(tempfile.mkdtemp(prefix=f"{_CHECKPOINT_PREFIX}{os.getpid()}-", dir=place))
        except OSError:
            continue
        target = parent / "store"
        try:
            store.checkpoint(target)
            # A read-only store's checkpoint leaves out the write-ahead logs, whose writes the store read when it
            # was opened: copy them (RocksDB replays those the MANIFEST still needs). Unless a writer has flushed
            # or compacted since the store was opened (an SST newer than the checkpoint's): a log the MANIFEST
            # needs may be gone.
            newest = max((int(f.stem) for f in target.glob("*.sst") if f.stem.isdigit()), default=-1)
            for log in sorted(Path(path).glob("*.log")):
                shutil.copyfile(log, target / log.name)
            if all(int(f.stem) <= newest for f in Path(path).glob("*.sst") if f.stem.isdigit()):
                return target
        except (OSError, StoreError):  # not possible here (a file merged away meanwhile)
            pass
        shutil.rmtree(parent, ignore_errors=True)  # copy into memory instead
        return None
    return None


def _files_digest(folder: Path, source: Path) -> str:
    """A digest of a checkpoint's files, which are its data (see the module docstring)."""
    h = hashlib.sha256()
    try:
        h.update((source / "IDENTITY").read_bytes())
    except OSError:
        pass
    for entry in sorted(folder.iterdir()):
        h.update(f"\n{entry.name} {entry.stat().st_size}\n".encode())
        if not entry.name.endswith(".sst"):
            h.update(entry.read_bytes())
    return "files:" + h.hexdigest()


def _curated_only(data: ox.Store) -> list[ox.Quad]:
    """The triples of the merged default graph that only the curated graphs state (not part of the union)."""
    curated = {ox.NamedNode(str(g)) for g in _NOT_ARTICLES}
    dropped = []
    for graph in sorted(curated, key=str):
        for q in data.quads_for_pattern(None, None, None, graph):
            elsewhere = any(isinstance(o.graph_name, ox.NamedNode) and o.graph_name not in curated
                            for o in data.quads_for_pattern(q.subject, q.predicate, q.object, None))
            if not elsewhere:
                dropped.append(ox.Quad(q.subject, q.predicate, q.object))
    return dropped


def _memory_copy(store: Store) -> tuple[Callable[[], ox.Store], str]:
    """(a function that copies the union and the ontology into memory, the union's digest)."""
    local = getattr(store, "_ox", None)
    if local is None:  # a SPARQL server: read graph by graph
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o, name in store.quads() if name not in _NOT_ARTICLES]
        return lambda: _with_ontology(quads, b""), ""
    # The merged default graph (LocalStore keeps it equal to the merge of the named graphs) in one dump, less what
    # only the curated graphs state: much faster than reading the article graphs one by one.
    merged = local.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    dropped = _curated_only(local)
    # the union is the merge less the dropped triples, so the two together identify it
    h = hashlib.sha256(merged)
    for line in sorted(str(q) for q in dropped):
        h.update(line.encode())
    return lambda: _with_ontology((), merged, dropped), h.hexdigest()


def _with_ontology(quads, ntriples: bytes, dropped=()) -> ox.Store:
    mem = ox.Store()
    mem.extend(quads)
    if ntriples:
        mem.load(ntriples, format=ox.RdfFormat.N_TRIPLES, lenient=True)  # our own store wrote it: valid already
    for q in dropped:
        mem.remove(q)
    mem.load(_ontology_nt()[0], format=ox.RdfFormat.N_TRIPLES)
    return mem


@functools.lru_cache(maxsize=1)
def _ontology_nt() -> tuple[bytes, str]:
    """The ontology graph as N-Triples, and a sha256 of the files it is read from. (Not of the N-Triples: its
    owl:unionOf lists are blank nodes, labelled anew by every process, so no report would be found again.)"""
    lines = sorted(load_reference().ontology.serialize(format="nt").splitlines())
    text = "\n".join(line for line in lines if line.strip()).encode() + b"\n"
    h = hashlib.sha256()
    for name in REFERENCE_FILES:
        path = ONTOLOGY_DIR / name
        data = path.read_bytes() if path.is_file() else b""
        h.update(name.encode() + b"\0" + len(data).to_bytes(8, "big") + data)
    return text, h.hexdigest()


def _read_shapes(shapes: Path | None) -> tuple[Graph, bytes]:
    given, path = shapes is not None, shapes or ONTOLOGY_DIR / "shapes.ttl"
    try:
        data = Path(path).read_bytes()
        return Graph().parse(data=data, format="turtle"), data
    except (OSError, SyntaxError, ValueError) as e:  # rdflib's BadSyntax is a SyntaxError
        # the caller's file is a bad argument; our own missing or broken is a broken installation
        raise (InvalidArgument if given else SetupError)(f"cannot read the shapes {path}: {e}") from e


# -- pySHACL ----------------------------------------------------------------------------------------------------
def _pyshacl_violations(data: ox.Store, shapes: Graph) -> list[Violation]:
    """pySHACL on the same data: the union as an rdflib graph, the ontology given as its ontology graph."""
    union = Graph()
    for q in data.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        union.add((from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)))
    _parse_sparql_once()
    _, report, _ = shacl_validate(union, shacl_graph=shapes, ont_graph=load_reference().ontology,
                                  inference="none", advanced=True, allow_warnings=True)
    return sorted(report_violations(report), key=Violation.key)


def report_violations(report: Graph) -> list[Violation]:
    """The results of a pySHACL report graph as Violations."""
    out = []
    for r in report.subjects(RDF.type, SH.ValidationResult):
        path = report.value(r, SH.resultPath)
        if isinstance(path, BNode):
            path = ("^", report.value(path, SH.inversePath))
        component = str(report.value(r, SH.sourceConstraintComponent)).rpartition("#")[2]
        severity = str(report.value(r, SH.resultSeverity)).rpartition("#")[2]
        message = str(report.value(r, SH.resultMessage) or "")
        out.append(Violation(report.value(r, SH.focusNode), path, report.value(r, SH.value), component,
                             report.value(r, SH.sourceShape), message, severity))
    return out


@functools.lru_cache(maxsize=1)
def _parse_sparql_once() -> None:
    """pySHACL parses a SPARQL constraint's text again for every focus node (90% of its time on our shapes):
    parse each text once. Only the parse is shared; the bindings and the evaluation are pySHACL's own."""
    original = SPARQLBasedConstraint._validate_sparql_query

    @functools.lru_cache(maxsize=256)
    def prepared(text):
        return prepareQuery(text)

    def validate_sparql_query(self, query, init_binds, target_graph):
        return original(self, prepared(query) if isinstance(query, str) else query, init_binds, target_graph)
    SPARQLBasedConstraint._validate_sparql_query = validate_sparql_query


# -- the report -------------------------------------------------------------------------------------------------
def render(violations: list[Violation], shapes: Graph) -> str:
    """The report text, pySHACL's layout, the results sorted (focus node, path, value, constraint)."""
    names = NamespaceManager(Graph(), bind_namespaces="none")
    for prefix, iri in {**PREFIXES, "hls": str(HLS)}.items():
        names.bind(prefix, iri, override=True)

    def term(node) -> str:
        if isinstance(node, tuple):
            return f"[ sh:inversePath {term(node[1])} ]"
        if isinstance(node, URIRef):
            return node.n3(names) if any(str(node).startswith(ns) for _, ns in names.namespaces()) else node.n3()
        if isinstance(node, Literal):
            extra = f", lang={node.language}" if node.language else \
                f", datatype={term(node.datatype)}" if node.datatype else ""
            return f"Literal({json.dumps(str(node), ensure_ascii=False)}{extra})"
        return "[ ]"

    lines = ["Validation Report", f"Conforms: {not violations}"]
    if violations:
        lines.append(f"Results ({len(violations)}):")
    for v in violations:
        shape = v.shape
        if isinstance(shape, BNode):  # an anonymous property shape: named by its node shape and path
            owner = shapes.value(None, SH.property, shape)
            shape = f"[ a property shape of {term(owner)} ]" if owner is not None else "[ a property shape ]"
        else:
            shape = term(shape)
        lines += [f"Constraint Violation in {v.component} ({SH}{v.component}):", f"\tSeverity: sh:{v.severity}",
                  f"\tSource Shape: {shape}", f"\tFocus Node: {term(v.focus)}"]
        if v.value is not None:
            lines.append(f"\tValue Node: {term(v.value)}")
        if v.path is not None:
            lines.append(f"\tResult Path: {term(v.path)}")
        lines.append(f"\tMessage: {v.message}")
    return "\n".join(lines) + "\n"


# -- the cache --------------------------------------------------------------------------------------------------
def _cache_folder(store: Store) -> Path | None:
    return folder_beside(store, CACHE_DIR)


def _cache_read(folder: Path, key: str) -> dict | None:
    text = read_kept(folder, key, ".json")
    try:
        return json.loads(text) if text is not None else None
    except ValueError:  # unreadable: validate again
        return None


def _cache_write(folder: Path, key: str, entry: dict) -> None:
    write_kept(folder, key, ".json", json.dumps(entry, sort_keys=True), CACHE_KEEP)
