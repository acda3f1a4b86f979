#!/usr/bin/env python3
"""Build the guildgraph knowledge graph from corpus/ into the store and exports/ (same as `guildgraph build`)."""
import sys

from graph.cli import main

if __name__ == "__main__":
    sys.exit(main(["build", *sys.argv[1:]], prog_name="build_graph.py"))
