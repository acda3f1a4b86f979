"""LocalStore: the store API (graph/store/protocol.py) over the embedded Oxigraph store on disk."""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

import pyoxigraph as ox

from ..errors import InvalidArgument, QueryError, StoreError, UpdateRefused
from ..prefixes import PREFIXES

if TYPE_CHECKING:
    from rdflib import Dataset, URIRef
    from rdflib.query import Result
    from rdflib.term import Node

    from .protocol import Quad, Triple

# rdflib (and .sparql, which makes rdflib terms) is imported by the methods that take or give rdflib terms: a
# query printed as a table needs none, and importing rdflib costs more than the query (docs/SCALE.md, "Start-up and
# query speed").

STATE_FILE = "guildgraph-state"  # the state token, beside the engine's files
CLOSED_FILE = "guildgraph-closed"  # the token and the files' state a writable handle left when it closed
#: files in the store's directory that are not its data, left out of its files' state (`disk_state`): the rows the
#: views keep (graph/views/rows.py, written by readers too), the closing record, and their temporary files
NOT_DATA_FILES = ("guildgraph-view-rows", ".guildgraph-view-rows", CLOSED_FILE, f".{CLOSED_FILE}")


@dataclass(frozen=True)
class Changes:
    since: str | None  # the state token when the handle was opened (None: a read-only store without one)
    now: str | None  # the token now: a new one after any write
    graphs: frozenset[str] | None  # IRIs of the named graphs written in between (None: any may have changed)


class LocalStore:
    """Oxigraph on disk behind an rdflib `Dataset`.

    Queries read the default graph, which the store keeps equal to the RDF merge of the named graphs: Oxigraph's
    own union default graph counts a triple once per graph that holds it (oxigraph/oxigraph#1919, fixed after
    0.5.13), and an actor's label sits in every article graph that names it, so COUNTs and rows would multiply.
    """

    def __init__(self, path: str | os.PathLike, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self._opened: tuple = (None, ())
        try:
            if read_only:
                if not (self.path / "CURRENT").exists():
                    raise StoreError(f"no store at {self.path}: run `guildgraph build` first")
                # read before the view is opened: a commit in between shows in the view, never the other way round
                self._opened = (_read_token(self.path), disk_state(self.path))
                self._ox = _open_read_only(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._ox = ox.Store(str(self.path))
        except OSError as e:
            raise StoreError(f"cannot open the store at {self.path}: {e}") from e
        # the state token (see `changes`): a store without one gets one, so that no stamp can claim it
        self._since = _read_token(self.path) if read_only else _read_token(self.path) or _new_token(self.path)
        self._token, self._touched, self._renewed = self._since, set(), False
        self._dataset: Dataset | None = None

    @property
    def dataset(self) -> Dataset:
        """An rdflib `Dataset` over the store, made on first use."""
        if self._dataset is None and self._ox is not None:
            from oxrdflib import OxigraphStore
            from rdflib import Dataset

            # The default graph's identifier, not Graph()'s random blank node: otherwise triples added through
            # the Dataset would land in a graph nobody can name again.
            self._dataset = Dataset(store=OxigraphStore(store=self._ox), default_union=False,
                                    default_graph_base=None)
            for prefix, iri in PREFIXES.items():
                self._dataset.bind(prefix, iri, override=True)
        return self._dataset

    @property
    def cuts_result_sets(self) -> bool:
        """False: Oxigraph answers every row, and one query beats batches (each a pass over the graphs)."""
        return False

    # -- writes -------------------------------------------------------------------------------------------
    def _writable(self, graph: URIRef | None = None):
        """Refuse a write on a read-only handle; else, before the write, renew the state token (once, until it is
        read again) and note the graph written (None: any graph may change)."""
        if self.read_only:
            raise UpdateRefused(f"the store at {self.path} is open read-only")
        if not self._renewed:  # renewed before the write: a crash in between leaves a token that changed for nothing
            self._token, self._renewed = _new_token(self.path), True
        if graph is None:
            self._touched = None
        elif self._touched is not None:
            self._touched.add(str(graph))

    def changes(self) -> Changes:
        """The state token now, the one this handle opened with, and the named graphs written in between: what the
        build's outputs need to tell whether they are current (graph/pipeline/outputs.py). The next write makes a
        new token."""
        self._renewed = False
        graphs = None if self._touched is None else frozenset(self._touched)
        return Changes(self._since, self._token, graphs)

    def snapshot(self) -> str | None:
        """A read-only handle's name for the data it sees (the state token and the files' state before it opened):
        equal names, equal data; None for a writable handle (its data changes under it) or a store without token."""
        if not self.read_only or self._opened[0] is None:
            return None
        return hashlib.sha256(repr(self._opened).encode("utf-8")).hexdigest()

    def replace_graph(self, graph: URIRef, triples: Iterable[Triple]) -> int:
        """Replace the named graph `graph` with `triples` in one transaction; other graphs are untouched."""
        from .sparql import to_ox

        self._writable(graph)
        g = _iri(graph)
        name = ox.NamedNode(str(graph))
        if not self._ox.contains_named_graph(name):
            # a new graph: nothing to drop or forget, and one `extend` is one transaction as well (without the
            # update's text to write and parse: a fifth of the time spaCy takes for the article)
            quads = [ox.Quad(to_ox(s), to_ox(p), to_ox(o), name) for s, p, o in triples]
            try:
                self._ox.extend(_with_merge(quads))
            except OSError as e:
                raise StoreError(f"cannot write graph {graph}: {e}") from e
            return len(quads)
        body = ox.serialize((ox.Triple(to_ox(s), to_ox(p), to_ox(o)) for s, p, o in triples),
                            format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
        # One SPARQL update is one Oxigraph transaction: a crash leaves the old graph or the new one, never
        # half of each, and the merged default graph always matches. Terms are written by Oxigraph's own
        # N-Triples serializer, so article text is escaped, never pasted.
        try:
            # the triples go into the merged default graph straight from the data: a copy by query costs more
            self._ox.update(f"{_forget_from_merge(g)} ; DROP SILENT GRAPH {g} ; "
                            f"INSERT DATA {{ GRAPH {g} {{\n{body}}}\n{body} }}")
        except (OSError, SyntaxError) as e:
            raise StoreError(f"cannot write graph {graph}: {e}") from e
        return body.count("\n")

    def drop_graph(self, graph: URIRef) -> None:
        self._writable(graph)
        g = _iri(graph)
        self._ox.update(f"{_forget_from_merge(g)} ; DROP SILENT GRAPH {g}")

    def load_graphs(self, path: str | os.PathLike) -> dict[URIRef, int]:
        """Replace the named graphs that the N-Quads file `path` holds (whole graphs) by its quads, with Oxigraph's
        bulk loader; the number of quads of each graph. Not one transaction: the old graphs are dropped, then all
        but each graph's last quad are bulk-loaded, then the last quads are committed in one transaction, so a
        graph whose last quad is there is whole (the build writes an article's hl:sha256 last)."""
        from rdflib import URIRef

        from .sparql import graphs_of

        by_graph = graphs_of(path)
        for g in by_graph:  # each graph noted as written: the outputs rewrite those alone
            self._writable(URIRef(g.value))
        try:
            for g in by_graph:
                if self._ox.contains_named_graph(g):
                    self.drop_graph(URIRef(g.value))
            self._ox.bulk_extend(_with_merge(q for quads in by_graph.values() for q in quads[:-1]))
            self._ox.extend(_with_merge(quads[-1] for quads in by_graph.values()))
        except OSError as e:
            raise StoreError(f"cannot load {path}: {e}") from e
        return {URIRef(g.value): len(quads) for g, quads in by_graph.items()}

    def checkpoint(self, target: str | os.PathLike) -> None:
        """A consistent copy of the store in the new folder `target`: hard links to its immutable data files (on
        the same file system), nothing written into the store; writes not yet flushed by a read-only handle's
        writer are left out (their write-ahead logs are not copied)."""
        try:
            self._ox.backup(str(target))
        except (OSError, RuntimeError) as e:
            raise StoreError(f"cannot checkpoint the store into {target}: {e}") from e

    def rebuild_merge(self) -> None:
        """Recompute the merged default graph from the named graphs (after loading data by other means)."""
        self._writable()
        self._ox.update(_REBUILD_MERGE)

    def clear(self) -> None:
        self._writable()
        self._ox.clear()

    def flush(self) -> None:
        if not self.read_only:
            self._ox.flush()

    # -- reads --------------------------------------------------------------------------------------------
    def graph_names(self) -> list[URIRef]:
        from rdflib import URIRef

        # sorted as text (URIRef's own comparison costs a Python call per pair: 0.1 s at 10,000 graphs)
        return [URIRef(v) for v in sorted(g.value for g in self._ox.named_graphs() if isinstance(g, ox.NamedNode))]

    def graph_ntriples(self, graph: URIRef) -> bytes:
        """The named graph `graph` as N-Triples, written by the engine (no Python object per statement)."""
        return self._ox.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(str(graph)))

    def graph_triples(self, graph: URIRef) -> Iterator[Triple]:
        from .sparql import from_ox

        for q in self._ox.quads_for_pattern(None, None, None, ox.NamedNode(str(graph))):
            yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object)

    def quads(self) -> Iterator[Quad]:
        """Every quad of the named graphs (the product writes nothing to the default graph)."""
        from rdflib import URIRef

        from .sparql import from_ox

        for q in self._ox:
            if isinstance(q.graph_name, ox.NamedNode):
                yield from_ox(q.subject), from_ox(q.predicate), from_ox(q.object), URIRef(q.graph_name.value)

    def named_quads(self, graph: URIRef | None = None) -> Iterator[ox.Quad]:
        """The quads of the named graphs (of `graph` alone if given) as Oxigraph stores them."""
        if graph is None:
            return (q for q in self._ox if isinstance(q.graph_name, ox.NamedNode))
        return self._ox.quads_for_pattern(None, None, None, ox.NamedNode(str(graph)))

    def ox_quads(self, subject=None, predicate=None, object=None, graph_name=None) -> Iterator[ox.Quad]:
        """Oxigraph quads (of every graph, the merged default one too) matching the pattern (None: any); this
        store only, for the views' kept rows (graph/views/rows.py), tests and tools that look at the merge (the
        protocol's is `named_quads`)."""
        if subject is None and predicate is None and object is None and graph_name is None:
            return iter(self._ox)
        return self._ox.quads_for_pattern(subject, predicate, object, graph_name)

    def query(self, text: str, bindings: Mapping[str, Node] | None = None, *, max_rows: int | None = None) -> Result:
        """Run a SPARQL query over the union of the graphs; parameters are bound as RDF terms; an answer of more
        than `max_rows` rows or triples raises ResultTooLarge as soon as the engine gives the first one over."""
        from .sparql import to_result

        with _engine_errors():
            return to_result(self._answer(text, bindings), max_rows)

    def solutions(self, text: str, bindings: Mapping[str, Node] | None = None) -> tuple[list[str], list[tuple]] | bool:
        """The answer to a SELECT (variable names, rows of Oxigraph terms, None where unbound) or an ASK (a bool),
        read straight from Oxigraph: no rdflib term is made (a CONSTRUCT or DESCRIBE is an InvalidArgument)."""
        with _engine_errors():
            answer = self._answer(text, bindings)
            if isinstance(answer, ox.QueryBoolean):
                return bool(answer)
            if not isinstance(answer, ox.QuerySolutions):
                raise InvalidArgument("solutions() answers SELECT and ASK; a graph answer goes through query()")
            # a solution iterates over its values in the order of the variables, None where unbound: two
            # fifths cheaper than indexing it variable by variable (hundreds of thousands of rows for the views)
            return [v.value for v in answer.variables], list(map(tuple, answer))

    def _answer(self, text: str, bindings: Mapping[str, Node] | None):
        if bindings:
            from .sparql import bind_values

            text = bind_values(text, bindings)
        return self._ox.query(text, prefixes=PREFIXES)

    def update(self, text: str) -> None:
        """Run a SPARQL update on the named graphs, then recompute the merged default graph so queries see what
        the update did (the update's own syntax errors keep the engine's line and column)."""
        self._writable()
        try:
            self._ox.update(text, prefixes=PREFIXES)
        except SyntaxError as e:
            raise QueryError(str(e)) from e
        self._ox.update(_REBUILD_MERGE)

    def __len__(self) -> int:
        """Quads in the named graphs (the merged default graph is a derived copy), counted as Oxigraph gives them."""
        return sum(1 for _ in self.named_quads())

    def close(self) -> None:
        if getattr(self, "_ox", None) is not None:
            self.flush()
            # every reference must go for Oxigraph to release the directory lock. The Dataset sits in a
            # reference cycle (its namespace manager points back at it), so it lives until the garbage
            # collector runs: cut its store's link to Oxigraph now, or the database stays open after close().
            if self._dataset is not None and getattr(self._dataset.store, "_store", None) is self._ox:
                self._dataset.store._store = None
            self._dataset = None
            self._ox = None
            if not self.read_only and self._token is not None:
                _write_closed(self.path, self._token)

    def left_by_writer(self) -> str | None:
        """The state token of the data this read-only handle sees when that is the data the last writable handle
        left when it closed (its token, and its files as it left them, before this handle opened); else None. What
        a writer kept for its token then holds for this handle too, though a token alone names the data only once
        its writer is done (it writes under one token until it reads it)."""
        token, files = self._opened
        if not self.read_only or token is None:
            return None
        try:
            closed = json.loads((self.path / CLOSED_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(closed, dict) or closed.get("token") != token or closed.get("files") != _listed(files):
            return None
        return token

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _open_read_only(path: Path, attempts: int = 40) -> ox.Store:
    """Oxigraph's read-only view of the store as it is now. A writer (a build) may hold the store meanwhile: if it
    merges away a file between our reading of the file list and of the file, RocksDB reports "Corruption": read
    the list again (a writer's files are never half-written)."""
    for _ in range(attempts - 1):
        try:
            return ox.Store.read_only(str(path))
        except RuntimeError:
            time.sleep(0.05)
    try:
        return ox.Store.read_only(str(path))
    except RuntimeError as e:
        raise StoreError(f"cannot open the store at {path}: {e}") from e


def _listed(files: tuple) -> list:
    return [list(entry) for entry in files]


def _write_closed(path: Path, token: str) -> None:
    """Record the token and the state of the files a writable handle leaves (a temporary file renamed)."""
    try:
        tmp = path / f".{CLOSED_FILE}.{os.getpid()}"
        tmp.write_text(json.dumps({"token": token, "files": _listed(disk_state(path))}), encoding="utf-8")
        os.replace(tmp, path / CLOSED_FILE)
    except OSError:
        pass


def _read_token(path: Path) -> str | None:
    try:
        return (path / STATE_FILE).read_text(encoding="ascii").strip() or None
    except (OSError, ValueError):
        return None


def _new_token(path: Path) -> str:
    """A fresh random token written to the store's directory (temporary file and rename)."""
    token = secrets.token_hex(16)
    tmp = path / f".{STATE_FILE}.{os.getpid()}"
    tmp.write_text(token + "\n", encoding="ascii")
    os.replace(tmp, path / STATE_FILE)
    return token


def disk_state(path: str | os.PathLike) -> tuple:
    """Names, sizes and modification times of the store's files that a write changes (not the engine's own LOG
    and LOCK files, which a reader may touch, nor the rows the views keep, which a reader writes): it changes when a
    writer commits, and only then."""
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError:
        return ()
    out = []
    for entry in entries:
        if entry.name.startswith(("LOG", "LOCK", *NOT_DATA_FILES)):
            continue
        try:
            info = entry.stat()
        except OSError:  # merged away while we looked
            continue
        out.append((entry.name, info.st_size, info.st_mtime_ns))
    return tuple(out)


@contextlib.contextmanager
def _engine_errors():
    """The engine's errors (syntax, evaluation, I/O) as QueryError, keeping its message ("... at LINE:COLUMN")."""
    try:
        yield
    except (SyntaxError, OSError, RuntimeError, ValueError) as e:
        raise QueryError(str(e)) from e


def _iri(graph) -> str:
    """A graph name in SPARQL syntax (written by .sparql, which refuses an IRI that could leave its brackets)."""
    from rdflib import URIRef

    from .sparql import sparql_term

    return sparql_term(URIRef(graph))


def _with_merge(quads: Iterable[ox.Quad]) -> Iterator[ox.Quad]:
    """Each quad, and its triple in the merged default graph."""
    for q in quads:
        yield q
        yield ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())


_REBUILD_MERGE = "DROP SILENT DEFAULT ; INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }"


def _forget_from_merge(g: str) -> str:
    """The update that removes from the merged default graph what only graph `g` states."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {g} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other != {g}) }} }}")


__all__ = ["Changes", "LocalStore", "disk_state"]
