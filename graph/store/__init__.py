"""Store: where the graph lives, the embedded Oxigraph store on disk or a SPARQL server, behind one interface."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
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
    from .local import LocalStore

    return LocalStore(location, read_only=read_only)


def __getattr__(name: str):
    """`LocalStore` and `Store` are imported on first use: a command that never opens a store does not pay for it."""
    if name == "LocalStore":
        from .local import LocalStore as value
    elif name == "Store":
        from .protocol import Store as value
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = ["DEFAULT_STORE", "STORE_ENV", "LocalStore", "Store", "default_location", "is_remote", "open_store"]
