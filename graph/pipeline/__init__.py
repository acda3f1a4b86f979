"""Pipeline: the main job, article files extracted (here or in N workers) into the store and the standard exports."""
from __future__ import annotations

from pathlib import Path

# The defaults are stated here, not imported from .run, so that the CLI's options can name them without loading the
# extractor (spaCy); tests/test_cli.py checks that run.py's are the same.
DEFAULT_CORPUS = Path("corpus")
DEFAULT_EXPORTS = Path("exports")

_LAZY = ("BuildReport", "build", "write_standard_exports")

__all__ = ["DEFAULT_CORPUS", "DEFAULT_EXPORTS", *_LAZY]


def __getattr__(name: str):
    """The pipeline's functions, imported from .run on first use."""
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from . import run

    value = getattr(run, name)
    globals()[name] = value
    return value
