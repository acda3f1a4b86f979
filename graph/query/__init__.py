"""Query: read-only SPARQL, named queries, names resolved to IRIs, result formats (each name imported on first use)."""
from __future__ import annotations

from importlib import import_module

_FROM = {
    "named": ("NamedQuery", "QueryParam", "bind_params", "get_query", "list_queries", "run_named"),
    "resolve": ("resolve_actor", "resolve_issue", "resolve_property"),
    "run": ("RESULT_FORMATS", "answer_text", "format_result", "format_table", "is_update", "run_query",
            "select_rows", "stats"),
}
_MODULE = {name: module for module, names in _FROM.items() for name in names}

__all__ = sorted(_MODULE)


def __getattr__(name: str):
    if name not in _MODULE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{_MODULE[name]}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
