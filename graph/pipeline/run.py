"""The main job: article files into the store (one named graph per article) and the standard exports."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import exports
from ..ingest import Article, IngestResult, Notice, Skipped, ingest, read_texts
from . import DEFAULT_EXPORTS, incremental, outputs, sources
from .incremental import graph_iri

if TYPE_CHECKING:
    from ..reference import Reference
    from ..store import Store
    from .cluster import Cluster

FLUSH_EVERY = 200  # articles between store flushes in a build: bounds the memory a long build holds


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)  # article identifiers
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Skipped] = field(default_factory=list)
    warnings: list[Notice] = field(default_factory=list)  # doubts about articles that were read (a bad date)
    unsupported: list[str] = field(default_factory=list)  # files in the folders given of a type not read
    triples: int = 0
    actors: int = 0
    events: int = 0
    relations: int = 0
    exports: list[Path] = field(default_factory=list)  # outputs written
    current: list[Path] = field(default_factory=list)  # outputs up to date (the store unchanged since): not written
    unchanged: list[str] = field(default_factory=list)  # identifiers of articles skipped: same sha256 as stored
    pruned: list[str] = field(default_factory=list)  # identifiers (or graph IRIs) of article graphs dropped
    rebuilt_all: str = ""  # why every article was extracted again ("" for an incremental build)


def write_reference(store: Store, reference: Reference) -> None:
    """Ontology and reference actors in graphs of their own, refreshed on every build."""
    from ..namespaces import ONTOLOGY_GRAPH, REFERENCE_GRAPH

    store.replace_graph(ONTOLOGY_GRAPH, reference.ontology)
    store.replace_graph(REFERENCE_GRAPH, reference.reference)


def build(paths: Iterable[str | Path], store: Store, exports_dir: str | Path | None = DEFAULT_EXPORTS,
          progress: Callable[[Article, int, int], None] | None = None, *, rebuild: bool = False, prune: bool = False,
          jobs: int = 1, cluster: Cluster | None = None) -> BuildReport:
    """Read `paths`, extract the articles that are new or changed since the last build (all of them with
    `rebuild`, or when the extractor changed: graph/pipeline/incremental.py), replace each one's graph in `store` (one
    transaction per article), drop the graphs of articles no longer under `paths` if `prune`, and write graph.ttl
    and graph.trig into `exports_dir` (None: no exports) unless they are current (graph/pipeline/outputs.py).
    `jobs` processes run spaCy and the extraction, or the workers of a Dask `cluster` (graph/pipeline/cluster.py:
    their partitions are bulk-loaded, the rest is as here). An article that would replace one built from another
    file of the same name is skipped, unless `prune` (graph/pipeline/sources.py); an article whose extraction fails
    is skipped with its reason (its graph dropped), never its neighbours. `progress(article, done, total)` is called
    as each article's graph is committed. The views are not written here: `graph.pipeline.write_views` is a step of
    its own."""
    record = sources.load(store)
    found: IngestResult = ingest(paths, record.files)  # the files unchanged since the last build are not read
    report = BuildReport(skipped=found.skipped, duplicates=found.duplicates, warnings=found.warnings,
                         unsupported=found.unsupported)
    plan = incremental.plan(store, found.articles, rebuild=rebuild, prune=prune, record=record)
    dropped = {g.graph for g in plan.prune}
    plan.todo, gone = read_texts(plan.todo)
    report.skipped += plan.refused + gone
    report.unchanged = incremental.identifiers(plan.unchanged)
    report.rebuilt_all = plan.reason
    # the reference and spaCy (and rdflib) are loaded only for work to do: a build that changes nothing does without
    reference = _reference() if plan.todo or plan.full or not plan.has_reference else None
    if plan.full or not plan.has_reference:
        write_reference(store, reference)
    if plan.fingerprint_first and plan.stored_fingerprint != plan.fingerprint:
        incremental.write_fingerprint(store, plan.fingerprint)
    for gone in plan.prune:
        store.drop_graph(gone.graph)
        report.pruned.append(gone.identifier or str(gone.graph))
    written = [(graph_iri(a), a) for a in plan.unchanged]
    if plan.todo:  # (spaCy is imported by the extraction: not for a build with nothing to extract)
        from .parallel import Extracted, Failed
    for n, done in enumerate(_extraction(plan, reference, store, jobs, cluster) if plan.todo else (), 1):
        if isinstance(done, Failed):
            store.drop_graph(graph_iri(done.article))  # a graph of an earlier text of it would be stale
            dropped.add(graph_iri(done.article))
            report.skipped.append(Skipped(where(done.article), done.reason))
            continue
        # a graph extracted here is written now; one from a cluster is in the store already, loaded from its partition
        report.triples += store.replace_graph(done.graph, done.triples) if isinstance(done, Extracted) else done.triples
        written.append((str(done.graph), done.article))
        if n % FLUSH_EVERY == 0:
            store.flush()  # Oxigraph keeps writes in memory (and a growing log) until flushed
        report.built.append(done.article.identifier)
        report.actors += done.actors
        report.events += done.events
        report.relations += done.relations
        if progress:
            progress(done.article, len(report.built), len(plan.todo))
    if plan.stored_fingerprint != plan.fingerprint and not plan.fingerprint_first:
        incremental.write_fingerprint(store, plan.fingerprint)  # only now are all article graphs current
    if plan.todo or dropped or not sources.unchanged(record, store, found.files):
        sources.save(store, *sources.after_build(record.sources, plan.stored, written, dropped), found.files,
                     record.data)
    if exports_dir is not None:
        done = outputs.write_exports(store, exports_dir)
        report.exports, report.current = done.written, done.current
    return report


def _reference() -> Reference:
    from ..reference import load_reference

    return load_reference()


def _extraction(plan: incremental.Plan, reference: Reference, store: Store, jobs: int, cluster: Cluster | None):
    """Each article of the plan's as `Extracted` (to write), `Failed`, or `Loaded` (a cluster wrote it), in order."""
    if cluster is None:
        from .parallel import extract_graphs

        return extract_graphs(plan.todo, reference, jobs)
    from .cluster import extract_on_cluster

    return extract_on_cluster(plan.todo, store, cluster, plan.fingerprint)


def where(article: Article) -> str:
    """Where an article was read from, as ingest names it: the file, or the file and the article's line."""
    if not article.source:
        return article.identifier
    return article.source if Path(article.source).name == article.identifier else \
        f"{article.source}:{article.identifier}"


def write_standard_exports(store: Store, exports_dir: str | Path) -> list[Path]:
    exports_dir = Path(exports_dir)
    return [exports.write(store, "turtle", exports_dir / "graph.ttl"),
            exports.write(store, "trig", exports_dir / "graph.trig")]
