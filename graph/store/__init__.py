"""Store: where the graph lives, the embedded Oxigraph store on disk or a SPARQL server, behind one interface."""
from .local import DEFAULT_STORE, STORE_ENV, LocalStore, default_location, is_remote, open_store

__all__ = ["DEFAULT_STORE", "STORE_ENV", "LocalStore", "default_location", "is_remote", "open_store"]
