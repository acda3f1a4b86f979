"""Validate: the article graphs against ontology/shapes.ttl, by SPARQL on an Oxigraph copy (or pySHACL), cached."""
from __future__ import annotations

import functools
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

import pyoxigraph as ox
from pyshacl import validate as shacl_validate
from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH, NamespaceManager
from rdflib.plugins.sparql import prepareQuery

from .errors import InvalidArgument, SetupError
from .namespaces import ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH
from .reference import ONTOLOGY_DIR, load_reference
from .shacl_sparql import Unsupported, Violation, compile_shapes, run_checks
from .store.sparql import from_ox, to_ox

if TYPE_CHECKING:
    from .store import Store

ENGINES = ("auto", "sparql", "pyshacl")
CACHE_DIR = "validation-cache"  # beside the store directory: .guildgraph/validation-cache/ for .guildgraph/store
CACHE_KEEP = 8  # reports kept; older ones are removed
# A report is valid for the code that wrote it: these modules' source is part of the key.
_CACHE_FORMAT = hashlib.sha256(b"".join(Path(__file__).with_name(n).read_bytes()
                                        for n in ("validate.py", "shacl_sparql.py"))).hexdigest()
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
    load, data_digest = _snapshot(store)
    checks = None
    if engine != "pyshacl":
        try:
            checks = compile_shapes(shapes_graph)
        except Unsupported as e:
            if engine == "sparql":
                raise InvalidArgument(f"the shapes cannot be checked by SPARQL: {e}") from e
    name = "sparql" if checks is not None else "pyshacl"
    folder = (cache if isinstance(cache, Path) else _cache_folder(store) if cache else None) if data_digest else None
    key = hashlib.sha256("\n".join((_CACHE_FORMAT, name, hashlib.sha256(shapes_bytes).hexdigest(),
                                    _ontology_nt()[1], data_digest)).encode()).hexdigest()
    hit = _cache_read(folder, key) if folder else None
    if hit is not None:
        return Validation(hit["conforms"], hit["report"], (), name, True)
    data = load()
    found = run_checks(checks, data) if checks is not None else _pyshacl_violations(data, shapes_graph)
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
    load, digest = _snapshot(store)
    return load(), digest


def _snapshot(store: Store) -> tuple[Callable[[], ox.Store], str]:
    """(a function that copies the union and the ontology into memory, the union's digest): the digest first, so
    that a cached report costs no copy."""
    local = getattr(store, "_ox", None)
    if local is None:  # a SPARQL server: read graph by graph
        quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o)) for s, p, o, name in store.quads() if name not in _NOT_ARTICLES]
        return lambda: _with_ontology(quads, b""), ""
    # The merged default graph (LocalStore keeps it equal to the merge of the named graphs) in one dump, less what
    # only the curated graphs state: much faster than reading the article graphs one by one.
    merged = local.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    curated = {ox.NamedNode(str(g)) for g in _NOT_ARTICLES}
    dropped = []
    for graph in sorted(curated, key=str):
        for q in local.quads_for_pattern(None, None, None, graph):
            elsewhere = any(isinstance(o.graph_name, ox.NamedNode) and o.graph_name not in curated
                            for o in local.quads_for_pattern(q.subject, q.predicate, q.object, None))
            if not elsewhere:
                dropped.append(ox.Quad(q.subject, q.predicate, q.object))
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
    """The ontology graph as N-Triples, sorted, and its sha256."""
    lines = sorted(load_reference().ontology.serialize(format="nt").splitlines())
    text = "\n".join(line for line in lines if line.strip()).encode() + b"\n"
    return text, hashlib.sha256(text).hexdigest()


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
    path = getattr(store, "path", None)
    return Path(path).resolve().parent / CACHE_DIR if path is not None else None


def _cache_read(folder: Path, key: str) -> dict | None:
    try:
        return json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, or unreadable: validate again
        return None


def _cache_write(folder: Path, key: str, entry: dict) -> None:
    """Written to a temporary file then renamed, so a reader never sees half a report; a folder that cannot be
    written (a read-only checkout) just means no cache."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f".{key}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(entry, sort_keys=True), encoding="utf-8")
        os.replace(tmp, folder / f"{key}.json")
        kept = sorted(folder.glob("*.json"), key=lambda p: (p.stat().st_mtime, p.name), reverse=True)
        for old in kept[CACHE_KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:
        pass
