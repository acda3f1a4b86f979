"""CLI: `guildgraph` commands; each parses options, calls the library, prints, and maps errors to exit codes."""
from __future__ import annotations

import functools
import sys
from pathlib import Path

import click

# Only light modules at the top: each command imports what it uses, so `--help` and a query start fast (spaCy,
# networkx and rdflib take seconds to import; tests/test_cli.py checks which commands load them).
from .errors import GuildgraphError, IngestError, InvalidArgument, NotFound, QueryError, UpdateRefused, ValidationFailed
from .exports import FORMATS as EXPORT_FORMATS
from .pipeline import DEFAULT_CORPUS, DEFAULT_EXPORTS, PARTITION_SIZE
from .progress import Progress
from .query import RESULT_FORMATS
from .store import STORE_ENV, open_store

#: Exit codes (README, "Exit codes"): 0 success, 1 the work failed (bad query, store or graph), 2 bad usage.
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
#: Domain errors to exit codes (README, "Exit codes"); the first class that matches decides.
EXIT_CODES: tuple[tuple[type[Exception], int], ...] = (
    (InvalidArgument, EXIT_USAGE),  # a value the user gave cannot be used
    (NotFound, EXIT_USAGE),  # a name the user gave is not there
    (UpdateRefused, EXIT_USAGE),  # an update given where only reads go
    (GuildgraphError, EXIT_FAILED),  # the work failed: query, store, input, shapes, set-up
    (OSError, EXIT_FAILED),  # an output path that cannot be written (a directory, no such folder, no space)
)

_STORE_HELP = f"Oxigraph directory or http(s) SPARQL endpoint [env {STORE_ENV}; default .guildgraph/store]."


def _store_or_global(ctx: click.Context, param, value):
    """`--store` after the command, else the one given before it (`guildgraph --store X stats`), else the env."""
    given_here = ctx.get_parameter_source(param.name) == click.core.ParameterSource.COMMANDLINE
    return value if given_here else ctx.find_root().params.get("store_location") or value


store_option = click.option("--store", "store_location", envvar=STORE_ENV, metavar="PATH|URL", help=_STORE_HELP,
                            callback=_store_or_global)


def reports_errors(fn):
    """Typed errors become a message on stderr and their exit code, never a traceback."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except BrokenPipeError:  # `guildgraph stats | head`: the reader has what it wanted
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush at exit
            sys.exit(EXIT_OK)
        except (GuildgraphError, OSError) as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(next(code for kind, code in EXIT_CODES if isinstance(e, kind)))
    return wrapper


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="guildgraph")
@click.option("--store", "store_location", metavar="PATH|URL", help=_STORE_HELP + " For every command.")
def main(store_location):
    """guildgraph: a knowledge graph of Hollywood labor relations, built from news articles."""


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@store_option
@click.option("--exports", "exports_dir", type=click.Path(path_type=Path), default=DEFAULT_EXPORTS,
              show_default=True, help="Directory for graph.ttl and graph.trig.")
@click.option("--strict", is_flag=True, help="Exit 1 if any input was skipped.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--rebuild", is_flag=True, help="Extract every article again, changed or not.")
@click.option("--prune", is_flag=True, help="Drop the graphs of articles that are no longer under PATHS (and let an "
              "article replace one of the same name built from another file).")
@click.option("--jobs", "-j", type=click.IntRange(0), default=1, show_default=True,
              help="Processes for spaCy and the extraction (0: one per CPU).")
@click.option("--cluster", "cluster_address", metavar="ADDRESS",
              help="Extract on a Dask cluster: local:N (N worker processes here) or tcp://HOST:PORT (a running "
              "scheduler); see docs/SCALE.md.")
@click.option("--cluster-dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder the cluster's workers write their partitions into, shared with this machine  "
              "[default: partitions/ beside the store's folder, e.g. .guildgraph/partitions]")
@click.option("--partition-size", type=click.IntRange(1), default=PARTITION_SIZE, show_default=True,
              help="Articles per partition (one task and one N-Quads file each) with --cluster.")
@click.option("--verbose", "-v", is_flag=True, help="Print a line as each article's graph is written, and name the "
              "files not read.")
@click.pass_context
@reports_errors
def build(ctx, paths, store_location, exports_dir, strict, quiet, rebuild, prune, jobs, cluster_address, cluster_dir,
          partition_size, verbose):
    """Extract the articles under PATHS (default corpus/) that are new or changed since the last build into the
    store, and write the exports."""
    import os

    from .ingest import SUFFIXES
    from .pipeline import build as run_build
    from .pipeline import write_views

    cluster = None
    if cluster_address is not None:  # a bad address is bad usage before the store is opened
        if ctx.get_parameter_source("jobs") == click.core.ParameterSource.COMMANDLINE:
            raise click.UsageError("--jobs and --cluster do not go together (a cluster's workers do the extraction)")
        from .pipeline.cluster import Cluster

        cluster = Cluster(cluster_address, cluster_dir, partition_size)
    paths = paths or (DEFAULT_CORPUS,)
    with open_store(store_location) as store:
        bar = Progress("articles", "articles", enabled=False if quiet or verbose else None)

        def progress(article, done, total):
            bar(done, total)
            if verbose:
                click.echo(f"built article {article.identifier}")
                sys.stdout.flush()
        try:
            report = run_build(paths, store, exports_dir, progress=progress, rebuild=rebuild, prune=prune,
                               jobs=jobs or os.cpu_count() or 1, cluster=cluster)
        finally:
            bar.finish()
        if exports_dir is not None:
            views = write_views(store, exports_dir)
            report.exports += views.written
            report.current += views.current
    for s in report.skipped:
        click.echo(f"skipped {s.path}: {s.reason}", err=True)
    if not quiet:
        for w in report.warnings:
            click.echo(f"warning {w.path}: {w.message}", err=True)
        for d in report.duplicates:
            click.echo(f"duplicate {d.path}: {d.reason}", err=True)
        for u in report.unsupported if verbose else ():
            click.echo(f"not read {u}: unsupported file type {Path(u).suffix or '(none)'}", err=True)
        for p in report.pruned:
            click.echo(f"pruned {p}", err=True)
        why = f" (all rebuilt: {report.rebuilt_all})" if report.rebuilt_all else ""
        click.echo(f"built {len(report.built)} article(s), skipped {len(report.skipped)}, "
                   f"duplicates {len(report.duplicates)}, unchanged {len(report.unchanged)}, "
                   f"pruned {len(report.pruned)}{why}: {report.actors} actor mentions, "
                   f"{report.relations} relations, {report.events} events, {report.triples} triples")
        if report.unsupported:
            click.echo(f"not read: {len(report.unsupported)} file(s) of unsupported types in the folders given "
                       f"({', '.join(SUFFIXES)} are read){'' if verbose else '; --verbose names them'}")
        for path in report.exports:
            click.echo(f"wrote {path}")
        for path in report.current:
            click.echo(f"up to date {path} (the store has not changed since it was written)")
    if strict and report.skipped:
        raise IngestError(f"{len(report.skipped)} input(s) skipped (--strict)")


@main.command()
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.File("r"), help="Read the query from FILE ('-' for stdin).")
@click.option("--name", "query_name", metavar="NAME", help="Run the named query NAME (see --list).")
@click.option("--param", "params", multiple=True, metavar="KEY=VALUE",
              help="A parameter of the named query, e.g. --param actor=WGA (repeatable).")
@click.option("--list", "list_named", is_flag=True, help="List the named queries (name and description).")
@click.option("--show", "show_name", metavar="NAME", help="Print the SPARQL text of the named query NAME.")
@click.option("--update", "allow_update", is_flag=True, help="Allow a SPARQL update (a local store only).")
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the results to a file.")
@click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
              help="Let the query call this SPARQL endpoint with SERVICE (repeatable; refused by default).")
@store_option
@reports_errors
def query(sparql, query_file, query_name, params, list_named, show_name, allow_update, fmt, output, allow_service,
          store_location):
    """Run a read-only SPARQL query (prefixes hl:, hlr:, rdfs:, skos:, ... are predefined), or a named one."""
    from .query import answer_text, is_update, named
    from .store import default_location, is_remote

    if list_named:
        _emit(_named_listing(named.list_queries(), fmt), output)
        return
    if show_name:
        _emit(named.get_query(show_name).text, output)
        return
    if sum(map(bool, (sparql, query_file, query_name))) != 1:
        raise click.UsageError("give a query, -f FILE or --name NAME (one of them)")
    if params and not query_name:
        raise click.UsageError("--param goes with --name NAME")
    if query_name:
        named.get_query(query_name)  # an unknown name is a usage error before the store is opened
        values = {}
        for item in params:
            key, sep, value = item.partition("=")
            if not sep or not key.strip():
                raise click.UsageError(f"--param takes KEY=VALUE, not {item!r}")
            values[key.strip()] = value
        with open_store(store_location, read_only=True) as store:
            out = named.answer_named(store, query_name, values, fmt, _table_width(output))
        _emit(out, output)
        return
    text = sparql or query_file.read()
    if is_update(text) and allow_update:
        if is_remote(store_location or default_location()):
            raise click.UsageError("--update changes a local store only, not a SPARQL endpoint")
        with open_store(store_location) as store:
            _located(store.update, text)
        click.echo("update applied", err=True)
        return
    if is_update(text):
        raise click.UsageError("this is a SPARQL update; `guildgraph query` only reads the graph "
                         "(add --update to change a local store)")
    with open_store(store_location, read_only=True) as store:
        out = _located(functools.partial(answer_text, fmt=fmt, width=_table_width(output), allow_service=allow_service),
                       store, text)
    _emit(out, output)


def _table_width(output) -> int | None:
    """A table is cut to the terminal it is shown in; piped or written to a file, it keeps every character."""
    import shutil

    return shutil.get_terminal_size().columns if output is None and sys.stdout.isatty() else None


def _located(fn, *args):
    """Call fn; a syntax error keeps the engine's message ("error at LINE:COLUMN: ...") and shows the line."""
    import re

    try:
        return fn(*args)
    except QueryError as e:
        m = re.search(r"\bat (\d+):(\d+)", str(e))
        lines = args[-1].splitlines()
        if m and 1 <= int(m.group(1)) <= len(lines):
            line, column = int(m.group(1)), int(m.group(2))
            text = lines[line - 1]
            caret = " " * max(column - 1, 0) + "^"
            raise QueryError(f"{e}\n  line {line}, column {column}:\n    {text}\n    {caret}") from e
        raise


def _named_listing(items, fmt: str) -> str:
    if fmt == "json":
        import json

        return json.dumps([{"name": q.name, "description": q.description,
                            "params": [{"name": p.name, "description": p.description, "default": p.default}
                                       for p in q.params]} for q in items], indent=1) + "\n"
    width = max((len(q.name) for q in items), default=0)
    lines = []
    for q in items:
        lines.append(f"{q.name.ljust(width)}  {q.description}")
        for p in q.params:
            default = f" [default: {p.default}]" if p.default is not None else ""
            lines.append(f"{'':{width}}    --param {p.name}=...  {p.description}{default}")
    return "\n".join(lines) + "\n"


@main.command()
@store_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", default=7878, show_default=True, type=click.IntRange(0, 65535), help="Port (0: any free one).")
@click.option("--timeout", default=30.0, show_default=True, type=click.FloatRange(min=0.01),
              help="Seconds a query may take (waiting included); then its worker is killed and the client gets 503.")
@click.option("--workers", default=4, show_default=True, type=click.IntRange(1, 64),
              help="Query processes kept ready (up to twice as many while queries run long).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(1),
              help="Rows (or triples) an answer may have; more: 413, add a LIMIT.")
@click.option("--memory-mb", default=1024, show_default=True, type=click.IntRange(64),
              help="Memory a query may use in its process; more: 413.")
@click.option("--allow-service", "allow_service", multiple=True, metavar="URL",
              help="Let queries call this SPARQL endpoint with SERVICE (repeatable; refused by default).")
@reports_errors
def serve(store_location, host, port, timeout, workers, max_rows, memory_mb, allow_service):
    """Serve the store read-only as a SPARQL 1.1 Protocol endpoint (GET/POST http://HOST:PORT/sparql)."""
    import signal

    from .serve import make_server
    from .store import default_location

    server = make_server(store_location or default_location(), host, port, timeout, workers=workers,
                         max_rows=max_rows, memory_mb=memory_mb, allow_service=allow_service)
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}, not only on this machine", err=True)
    click.echo(f"serving {server.url} (read-only; {workers} query workers; Ctrl-C stops)", err=True)
    # `kill` (SIGTERM) stops it as Ctrl-C does: the workers are stopped too, a runaway query's included
    before = signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        signal.signal(signal.SIGTERM, before)


@main.command()
@click.option("--format", "fmt", type=click.Choice(list(EXPORT_FORMATS)), default="turtle", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file instead of stdout.")
@store_option
@reports_errors
def export(fmt, output, store_location):
    """Export the graph (RDF formats, or GraphML/GEXF/CSV of the actor network)."""
    from . import exports

    with open_store(store_location, read_only=True) as store:
        if output:
            with Progress("exporting", "graphs").working() as progress:
                exports.write(store, fmt, output, progress)
            click.echo(f"wrote {output}", err=True)
        else:
            for chunk in exports.iter_bytes(store, fmt):
                click.echo(chunk, nl=False)  # bytes go to the binary stdout as they are


@main.command()
@store_option
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@reports_errors
def stats(store_location, as_json):
    """Counts of articles, actors, relations, events and issues in the store."""
    import json

    from .query import stats as store_stats

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
@click.option("--shapes", type=click.Path(exists=True, path_type=Path),
              help="SHACL shapes (default ontology/shapes.ttl).")
@reports_errors
def validate(store_location, shapes):
    """Check the article graphs against the SHACL shapes; exit 1 with the report if they do not conform."""
    from .validate import validate_store

    with open_store(store_location, read_only=True) as store, Progress("validating", "articles").working():
        conforms, report = validate_store(store, shapes)
    if conforms:
        click.echo("conforms")
        return
    click.echo(report)
    raise ValidationFailed("the graph does not conform to the shapes (report above)")


@main.command()
@click.option("--focus", "focus_name", metavar="NAME",
              help="The neighbourhood of one actor, by label or alias (case-insensitive).")
@click.option("--depth", type=click.IntRange(1, 10), default=None, metavar="N",
              help="Hops around the --focus actor  [default: 1]")
@click.option("--issue", "issue_notation", metavar="NOTATION",
              help="Who proposed, agreed or stated what about one issue (skos:notation, e.g. ArtificialIntelligence).")
@click.option("--timeline", is_flag=True, help="Events by date in actor lanes, strikes as spans.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="HTML file to write [default: exports/views/overview.html, or focus-NAME.html, "
                   "issue-NOTATION.html, timeline.html].")
@store_option
@reports_errors
def view(focus_name, depth, issue_notation, timeline, output, store_location):
    """Write an interactive network view: one self-contained HTML file that works offline."""
    from . import views

    if sum(x is not None and x is not False for x in (focus_name, issue_notation, timeline or None)) > 1:
        raise click.UsageError("choose one of --focus, --issue and --timeline")
    if depth is not None and focus_name is None:
        raise click.UsageError("--depth goes with --focus")
    with open_store(store_location, read_only=True) as store:
        html, name = views.generate(store, focus_name=focus_name, depth=depth or 1, issue_notation=issue_notation,
                                    show_timeline=timeline)
    click.echo(views.write_view(html, output or DEFAULT_EXPORTS / "views" / name))


def _emit(text: str, output: Path | None) -> None:
    if output:
        output.write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


if __name__ == "__main__":  # pragma: no cover
    main()
