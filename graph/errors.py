"""Domain errors: what went wrong, in the library's terms; graph/cli.py and graph/serve.py each map them to exit
codes and HTTP statuses in one table."""


class GuildgraphError(Exception):
    """Base class: anything reported as a clean message rather than a traceback."""


class InvalidArgument(GuildgraphError):
    """A value the caller gave cannot be used: an unknown format, a bad parameter, a term SPARQL cannot spell."""


class NotFound(GuildgraphError):
    """A name the caller gave (an actor, an issue, a named query) is not there: the message lists the closest."""


class UpdateRefused(GuildgraphError):
    """A write to a store or endpoint opened read-only, or an update where only reads are allowed."""


class QueryError(GuildgraphError):
    """The SPARQL engine rejected a query: its message is the error's."""


class StoreError(GuildgraphError):
    """The store cannot be opened, read or written (a local directory or a SPARQL server)."""


class IngestError(GuildgraphError):
    """An input cannot be read as an article."""


class ValidationFailed(GuildgraphError):
    """The graph does not conform to the SHACL shapes."""


class SetupError(GuildgraphError):
    """Something guildgraph needs from its surroundings is missing or unusable: a model, a data file, a port."""


class ExtractionError(GuildgraphError):
    """Extraction could not run to the end (a worker process died)."""


class QueryRefused(QueryError):
    """A query refused before it runs: one the engine could not survive (too long, nested too deep), or one that
    would make the server fetch from the network (SERVICE) without the operator's leave."""


class QueryTimeout(GuildgraphError):
    """A query ran over its time limit and was stopped."""


class ResultTooLarge(GuildgraphError):
    """A query's answer is over a limit: more rows than allowed, or more memory than a query may use."""


class Busy(GuildgraphError):
    """Too many queries are waiting already: the endpoint turns this one away rather than queue it."""


class QueryCrashed(GuildgraphError):
    """The process that ran a query died (a crash of the engine): the query failed, the service goes on."""


class ClusterError(GuildgraphError):
    """A cluster build could not run to the end: the Dask scheduler cannot be reached, a partition was lost with its
    workers, a worker runs another extractor, or a partition's file is not where the client can read it."""
