"""Pipeline: the main job, from article files to the store and the standard exports."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from . import export
from .build import build_graph, graph_iri
from .extract import ArticleFacts, extract
from .ingest import Article, IngestResult, Skipped, ingest
from .namespaces import ONTOLOGY_GRAPH, REFERENCE_GRAPH
from .nlp import load_pipeline
from .reference import Reference, load_reference, normalize_quotes
from .views import write_standard_views

DEFAULT_CORPUS = Path("corpus")
DEFAULT_EXPORTS = Path("exports")


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)  # article identifiers
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[Skipped] = field(default_factory=list)
    triples: int = 0
    actors: int = 0
    events: int = 0
    relations: int = 0
    exports: list[Path] = field(default_factory=list)


def parse_articles(articles: list[Article], batch_size: int = 16):
    """spaCy docs for the articles, in order, through `nlp.pipe` (quotes straightened, offsets kept)."""
    nlp = load_pipeline()
    texts = (normalize_quotes(a.text) for a in articles)
    return nlp.pipe(texts, batch_size=batch_size)


def extract_all(articles: list[Article], reference: Reference) -> Iterable[ArticleFacts]:
    for article, doc in zip(articles, parse_articles(articles)):
        yield extract(article, doc, reference)


def write_reference(store, reference: Reference) -> None:
    """Ontology and reference actors in graphs of their own, refreshed on every build."""
    store.replace_graph(ONTOLOGY_GRAPH, reference.ontology)
    store.replace_graph(REFERENCE_GRAPH, reference.reference)


def build(paths: Iterable[str | Path], store, exports_dir: str | Path | None = DEFAULT_EXPORTS,
          progress: Callable[[Article], None] | None = None) -> BuildReport:
    """Read `paths`, extract every article, replace each article's graph in `store`, write graph.ttl and
    graph.trig into `exports_dir` (None: no exports)."""
    reference = load_reference()
    found: IngestResult = ingest(paths)
    report = BuildReport(skipped=found.skipped, duplicates=found.duplicates)
    write_reference(store, reference)
    for facts in extract_all(found.articles, reference):
        g: Graph = build_graph(facts, reference)
        report.triples += store.replace_graph(graph_iri(facts.article), g)
        report.built.append(facts.article.identifier)
        report.actors += len(facts.actors)
        report.events += len(facts.events)
        report.relations += len(facts.relations)
        if progress:
            progress(facts.article)
    if exports_dir is not None:
        report.exports = write_standard_exports(store, exports_dir)
        report.exports += write_standard_views(store, Path(exports_dir) / "views")
    return report


def write_standard_exports(store, exports_dir: str | Path) -> list[Path]:
    exports_dir = Path(exports_dir)
    return [export.write(store, "turtle", exports_dir / "graph.ttl"),
            export.write(store, "trig", exports_dir / "graph.trig")]
