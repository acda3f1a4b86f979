"""Worker: one process of the endpoint's pool; opens the store read-only, caps its memory, answers queries as bytes.

The pool (graph/query/pool.py) starts it with `main(conn, settings)` and talks over `conn`, one duplex pipe:

* the worker sends `("ready", pid)` once the store is open, or `("failed", error)` and exits;
* the pool sends `Request`s; for each, the worker sends `("ok", form, fmt, length)` and then the answer's
  `length` bytes in pieces of at most CHUNK (`send_bytes`), or `("error", domain error, going on)` (False: the
  worker stops after it). The answer is written
  here, in the format the HTTP handler negotiated: SELECT/ASK by graph/query/run.py's `format_result`,
  CONSTRUCT/DESCRIBE by graph/exports.py's `serialize_graph`, so no rdflib object crosses the pipe.
  `fmt` None: the client accepts no format for this form of query (the HTTP handler answers 406);
* `None` (or the pipe closing) stops it.

Its address space is capped (`RLIMIT_AS`) at what it holds once the store is open plus `memory_mb`: a query that
needs more fails here (MemoryError, or the engine aborts the process) and costs this worker only.
"""
from __future__ import annotations

import os
import resource
from dataclasses import dataclass

from .. import exports
from ..errors import GuildgraphError, ResultTooLarge
from ..store import open_store
from .run import format_result, run_query

CHUNK = 256 * 1024  # bytes per message of an answer


@dataclass(frozen=True)
class Settings:
    location: str  # the store: an Oxigraph directory or an http(s) SPARQL endpoint
    memory_mb: int  # address space a query may use beyond an idle worker's
    max_rows: int | None
    allow_service: tuple[str, ...] = ()


@dataclass(frozen=True)
class Request:
    text: str
    select_fmt: str | None  # SELECT/ASK: a format of graph/query/run.py's RESULT_FORMATS, None: none acceptable
    graph_fmt: str  # CONSTRUCT/DESCRIBE: a format of graph/exports.py's registry
    generation: int  # the store's version as the pool last saw it: a worker with an older one opens it again


def answer(store, request: Request, settings: Settings) -> tuple[str, str | None, bytes]:
    """(query form, format, bytes) of the answer to `request`."""
    result = run_query(store, request.text, allow_service=settings.allow_service, max_rows=settings.max_rows)
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return result.type, request.graph_fmt, exports.serialize_graph(result.graph, request.graph_fmt)
    if request.select_fmt is None:
        return result.type, None, b""
    return result.type, request.select_fmt, format_result(result, request.select_fmt).encode("utf-8")


def out_of_memory(memory_mb: int) -> ResultTooLarge:
    return ResultTooLarge(f"the query needs more than the {memory_mb} MB of memory a query may use here; add a "
                          "LIMIT or narrow it")


def _cap_memory(memory_mb: int) -> None:
    """Cap the address space at what the process maps now plus `memory_mb`."""
    with open("/proc/self/statm", encoding="ascii") as f:
        mapped = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    limit = mapped + memory_mb * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))


def _reply(conn, request: Request, store, settings: Settings) -> bool:
    """Answer one request on `conn`; False if this worker should stop after it (it ran out of memory)."""
    try:
        form, fmt, body = answer(store, request, settings)
    except GuildgraphError as e:
        conn.send(("error", e, True))
        return True
    except MemoryError:
        conn.send(("error", out_of_memory(settings.memory_mb), False))
        return False
    except Exception as e:  # noqa: BLE001  (an engine failure is this query's, the worker goes on)
        conn.send(("error", GuildgraphError(f"{type(e).__name__}: {e}"), True))
        return True
    conn.send(("ok", form, fmt, len(body)))
    view = memoryview(body)
    for start in range(0, len(body), CHUNK):
        conn.send_bytes(view[start:start + CHUNK])
    return True


def main(conn, settings: Settings, generation: int) -> None:
    """The worker process: open the store, cap memory, then answer requests until told to stop. `generation`: the
    store's version as the pool saw it when it started this worker."""
    try:
        store = open_store(settings.location, read_only=True)
    except GuildgraphError as e:
        conn.send(("failed", e))
        return
    if settings.memory_mb:
        _cap_memory(settings.memory_mb)
    conn.send(("ready", os.getpid()))
    going = True
    while going:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            break
        if request is None:
            break
        if request.generation != generation:  # a build changed the store: see what it wrote
            store.close()
            try:
                store = open_store(settings.location, read_only=True)
            except GuildgraphError as e:
                conn.send(("error", e, False))
                return
            generation = request.generation
        going = _reply(conn, request, store, settings)
    store.close()


__all__ = ["CHUNK", "Request", "Settings", "answer", "main", "out_of_memory"]
