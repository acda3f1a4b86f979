"""Typed errors; graph/cli.py maps each to an exit code documented in the README."""


class GuildgraphError(Exception):
    """Base class: anything the CLI reports as a clean message rather than a traceback."""

    exit_code = 1


class UsageError(GuildgraphError):
    """The request itself is malformed (unknown format, refused update): exit 2."""

    exit_code = 2


class QueryError(GuildgraphError):
    """The SPARQL engine rejected a query: its message is shown, exit 1."""

    exit_code = 1


class StoreError(GuildgraphError):
    """The store cannot be opened, read or written."""

    exit_code = 1


class IngestError(GuildgraphError):
    """An input could not be read; reported and skipped unless the build is strict."""

    exit_code = 1


class ValidationFailed(GuildgraphError):
    """The graph does not conform to the SHACL shapes."""

    exit_code = 1


class NotFound(GuildgraphError):
    """A name the user gave (an actor, an issue) is not in the graph: the message lists the closest ones."""

    exit_code = 1
