"""Query: read-only SPARQL over the store, the library of named queries, names resolved to IRIs, result formats."""
from .named import NamedQuery, QueryParam, bind_params, get_query, list_queries, run_named
from .resolve import resolve_actor, resolve_issue, resolve_property
from .run import RESULT_FORMATS, format_result, format_table, is_update, run_query, stats

__all__ = ["RESULT_FORMATS", "NamedQuery", "QueryParam", "bind_params", "format_result", "format_table",
           "get_query", "is_update", "list_queries", "resolve_actor", "resolve_issue", "resolve_property",
           "run_named", "run_query", "stats"]
