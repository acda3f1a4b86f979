"""Store: where the graph lives, the embedded Oxigraph store on disk or a SPARQL server, behind one interface."""
from __future__ import annotations

import os
from pathlib import Path

from .local import LocalStore
from .protocol import Store

DEFAULT_STORE = Path(".guildgraph") / "store"
STORE_ENV = "GUILDGRAPH_STORE"


def default_location() -> str:
    return os.environ.get(STORE_ENV) or str(DEFAULT_STORE)


def is_remote(location: str | os.PathLike) -> bool:
    return str(location).startswith(("http://", "https://"))


def open_store(location: str | os.PathLike | None = None, *, read_only: bool = False) -> Store:
    """The store at `location` (a directory, or an http(s) SPARQL endpoint); default `$GUILDGRAPH_STORE` or
    `.guildgraph/store`."""
    location = str(location or default_location())
    if is_remote(location):
        from .remote import RemoteStore

        return RemoteStore.from_env(location, read_only=read_only)
    return LocalStore(location, read_only=read_only)


__all__ = ["DEFAULT_STORE", "STORE_ENV", "LocalStore", "Store", "default_location", "is_remote", "open_store"]
