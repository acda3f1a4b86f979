"""guildgraph: a knowledge graph of Hollywood labor relations from news.

The public API (README, "Python"): `build` articles into a store opened with `open_store`, ask it with
`run_named` or `run_query`, write it with `export`, draw it with `render_view`, or `extract_text` from one text.
Each name is imported on first use, so `import graph` stays cheap for the commands that need little.
"""
from __future__ import annotations

from importlib import import_module

_API = {
    "build": ("graph.pipeline", "build"),
    "open_store": ("graph.store", "open_store"),
    "run_named": ("graph.query", "run_named"),
    "run_query": ("graph.query", "run_query"),
    "export": ("graph.exports", "export"),
    "render_view": ("graph.views", "render_view"),
    "extract_text": ("graph.extract", "extract_text"),
}

__all__ = list(_API)


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'graph' has no attribute {name!r}")
    module, attribute = _API[name]
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
