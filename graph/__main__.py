"""`python -m graph`: the guildgraph command line."""
from .cli import main

main(prog_name="guildgraph")
