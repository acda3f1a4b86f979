"""CLI: `guildgraph` commands; each parses options, calls the library, prints, and maps errors to exit codes."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

from . import export as export_mod
from .errors import GuildgraphError, UsageError
from .pipeline import DEFAULT_CORPUS, DEFAULT_EXPORTS
from .query import RESULT_FORMATS, format_result, run_query, stats as store_stats
from .store import STORE_ENV, open_store

#: Exit codes (README, "Exit codes"): 0 success, 1 the work failed (bad query, store or graph), 2 bad usage.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

store_option = click.option("--store", "store_location", envvar=STORE_ENV, metavar="PATH|URL",
                            help=f"Oxigraph directory or http(s) SPARQL endpoint [env {STORE_ENV}; "
                                 "default .guildgraph/store].")


def reports_errors(fn):
    """Typed errors become a message on stderr and their exit code, never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except GuildgraphError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(e.exit_code)
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="guildgraph")
def main():
    """guildgraph: a knowledge graph of Hollywood labor relations, built from news articles."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
@click.option("--exports", "exports_dir", type=click.Path(path_type=Path), default=DEFAULT_EXPORTS,
              show_default=True, help="Directory for graph.ttl and graph.trig.")
@click.option("--strict", is_flag=True, help="Exit 1 if any input was skipped.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@reports_errors
def build(paths, store_location, exports_dir, strict, quiet):
    """Extract the articles under PATHS (default corpus/) into the store and write the exports."""
    from .pipeline import build as run_build
    from .ingest import ingest as _  # noqa: F401  (import errors surface before the model loads)

    paths = paths or (DEFAULT_CORPUS,)
    with open_store(store_location) as store:
        bar = None
        if not quiet and sys.stderr.isatty():
            bar = click.progressbar(length=0, label="articles", file=sys.stderr)

        def progress(article):
            if bar is not None:
                bar.update(1)
        report = run_build(paths, store, exports_dir, progress=progress)
    for s in report.skipped:
        click.echo(f"skipped {s.path}: {s.reason}", err=True)
    if not quiet:
        for d in report.duplicates:
            click.echo(f"duplicate {d.path}: {d.reason}", err=True)
        click.echo(f"built {len(report.built)} article(s), skipped {len(report.skipped)}, "
                   f"duplicates {len(report.duplicates)}: {report.actors} actor mentions, "
                   f"{report.relations} relations, {report.events} events, {report.triples} triples")
        for path in report.exports:
            click.echo(f"wrote {path}")
    if strict and report.skipped:
        sys.exit(EXIT_FAILED)


@main.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r"), help="Read the query from FILE ('-' for stdin).")
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the results to a file.")
@store_option
@reports_errors
def query(sparql, query_file, fmt, output, store_location):
    """Run a read-only SPARQL query (prefixes hl:, hlr:, rdfs:, skos:, ... are predefined)."""
    if bool(sparql) == bool(query_file):
        raise UsageError("give a query or -f FILE (one of them)")
    text = sparql or query_file.read()
    with open_store(store_location, read_only=True) as store:
        out = format_result(run_query(store, text), fmt)
    _emit(out, output)


@main.command()
@click.option("--format", "fmt", type=click.Choice(export_mod.FORMATS), default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file instead of stdout.")
@store_option
@reports_errors
def export(fmt, output, store_location):
    """Export the graph (RDF formats, or GraphML/GEXF/CSV of the actor network)."""
    with open_store(store_location, read_only=True) as store:
        if output:
            export_mod.write(store, fmt, output)
            click.echo(f"wrote {output}", err=True)
        else:
            if fmt in export_mod.NETWORK_FORMATS:
                click.echo(export_mod.generate(store, fmt), nl=False)
            else:
                out = click.get_binary_stream("stdout")
                for chunk in export_mod.iter_rdf(store, fmt):
                    out.write(chunk)


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@reports_errors
def stats(store_location, as_json):
    """Counts of articles, actors, relations, events and issues in the store."""
    import json

    with open_store(store_location, read_only=True) as store:
        counts = store_stats(store)
    if as_json:
        click.echo(json.dumps(counts, indent=1, sort_keys=True))
        return
    click.echo(f"articles  {counts['articles']}")
    click.echo(f"graphs    {counts['graphs']}")
    click.echo(f"quads     {counts['quads']}")
    for section in ("actors", "relations", "events", "issues"):
        click.echo(f"{section}:")
        for name, n in counts[section].items():
            click.echo(f"  {name:28} {n}")


@main.command()
@store_option
@click.option("--shapes", type=click.Path(exists=True, path_type=Path), help="SHACL shapes (default ontology/shapes.ttl).")
@reports_errors
def validate(store_location, shapes):
    """Check the article graphs against the SHACL shapes; exit 1 with the report if they do not conform."""
    from .validate import validate_store

    with open_store(store_location, read_only=True) as store:
        conforms, report = validate_store(store, shapes)
    if conforms:
        click.echo("conforms")
        return
    click.echo(report)
    sys.exit(EXIT_FAILED)


def _emit(text: str, output: Path | None) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
