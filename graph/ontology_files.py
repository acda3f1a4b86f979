"""Where the ontology's files are, without an RDF library: the build's fingerprint hashes them on every build."""
from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

#: The vocabulary, the issue scheme and the curated actors: what the reference is loaded from.
REFERENCE_FILES = ("hl.ttl", "issues.ttl", "actors.ttl")


def ontology_dir() -> Path:
    """The folder of hl.ttl, issues.ttl, actors.ttl and shapes.ttl: $GUILDGRAPH_ONTOLOGY if set; else the copy inside
    the installed package (graph/ontology/: setup.cfg ships the top-level ontology/ as the package graph.ontology);
    else ontology/ beside the package (a checkout, or an editable install)."""
    if override := os.environ.get("GUILDGRAPH_ONTOLOGY"):
        return Path(override)
    installed = Path(str(resources.files(__package__))) / "ontology"
    if (installed / "hl.ttl").is_file():
        return installed
    return Path(__file__).resolve().parent.parent / "ontology"


__all__ = ["REFERENCE_FILES", "ontology_dir"]
