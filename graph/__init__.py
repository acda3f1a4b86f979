"""guildgraph: a knowledge graph of Hollywood labor relations from news."""
