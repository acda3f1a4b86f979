"""Pipeline: the main job, article files extracted (here or in N workers) into the store and the standard exports."""
from .outputs import write_views
from .run import DEFAULT_CORPUS, DEFAULT_EXPORTS, BuildReport, build, write_standard_exports

__all__ = ["DEFAULT_CORPUS", "DEFAULT_EXPORTS", "BuildReport", "build", "write_standard_exports", "write_views"]
