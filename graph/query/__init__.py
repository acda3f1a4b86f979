"""Query: read-only SPARQL over the store, the library of named queries, and the formats results are printed in."""
from .named import NamedQuery, QueryParam, bind_params, get_query, list_queries, resolve_actor, run_named
from .run import RESULT_FORMATS, format_result, format_table, is_update, run_query, stats

__all__ = ["RESULT_FORMATS", "NamedQuery", "QueryParam", "bind_params", "format_result", "format_table",
           "get_query", "is_update", "list_queries", "resolve_actor", "run_named", "run_query", "stats"]
