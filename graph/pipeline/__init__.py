"""Pipeline: the main job, article files extracted (here or in N workers) into the store and the standard exports."""
from __future__ import annotations

from pathlib import Path

# The defaults live here (run.py imports them), so that the CLI's options can name them without loading the
# extractor (spaCy).
DEFAULT_CORPUS = Path("corpus")
DEFAULT_EXPORTS = Path("exports")
PARTITION_SIZE = 64  # articles per partition of a cluster build (per task, per N-Quads file)

_LAZY = {"BuildReport": "run", "build": "run", "write_standard_exports": "run", "write_views": "outputs"}

__all__ = ["DEFAULT_CORPUS", "DEFAULT_EXPORTS", "PARTITION_SIZE", *_LAZY]


def __getattr__(name: str):
    """The pipeline's functions, imported from their modules on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    globals()[name] = value
    return value
