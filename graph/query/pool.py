"""Pool: queries run in worker processes, killed at their time limit, capped in memory and rows, fresh after builds.

`QueryPool(location, workers=4, timeout=30, max_rows=100_000, memory_mb=1024).start()`, then `pool.run(text,
select_fmt, graph_fmt)` → an `Answer` (its bytes come from the worker as they are read), or a domain error.

* Each worker (graph/query/worker.py) opens the store read-only itself (a local directory, or a SPARQL server it
  forwards to), caps its address space (`memory_mb` beyond what it holds idle) and formats answers itself.
* Time: a query's `timeout` runs from its arrival (waiting for a worker included). At the deadline its worker is
  killed (SIGKILL: a read-only store needs no clean-up) and replaced, and the query fails with QueryTimeout.
* Capacity: `workers` processes are kept ready. A query running for over SLOW seconds no longer holds one of
  them: the pool starts another, up to 2 × `workers` processes. So runaway queries cost their own workers until
  their deadline, and simple queries keep finding one (up to `workers` runaways at once; beyond that, a query
  waits for a free worker until its own deadline). At most MAX_WAITING queries wait; more are refused (Busy).
* Builds: for a local store the pool watches the store's files (graph/store/local.py `disk_state`) every
  WATCH seconds; when a writer has committed, the store's *generation* goes up and each worker opens the store
  again before its next query, so answers follow the last build without a restart.
* A worker that dies (a crash of the engine, memory exhausted) fails its query only (QueryCrashed or
  ResultTooLarge) and is replaced.
"""
from __future__ import annotations

import multiprocessing
import signal
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Iterator

from ..errors import Busy, GuildgraphError, QueryCrashed, QueryTimeout, SetupError
from ..store import is_remote
from ..store.local import disk_state
from . import worker as worker_module
from .worker import Request, Settings, out_of_memory

SLOW = 1.0  # seconds after which a running query no longer holds one of the ready workers
WATCH = 0.5  # seconds between two looks at the store's files
TICK = 0.05  # seconds between two rounds of the pool's housekeeping
MAX_WAITING = 64  # queries that may wait for a worker
RETRY = 1.0  # seconds before starting a worker again after one failed to start


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Any
    busy_since: float | None = None
    killed: bool = False


class Answer:
    """A query's answer: `form` (SELECT, ASK, CONSTRUCT, DESCRIBE), `fmt` (the format it is written in; None when
    the client accepts none for this form), `length` bytes, read from the worker by iterating. Iterate to the end
    or `close()` it: a worker stays taken until then."""

    def __init__(self, form: str, fmt: str | None, length: int, pool: QueryPool | None = None,
                 worker: _Worker | None = None, deadline: float = 0.0):
        self.form, self.fmt, self.length = form, fmt, length
        self._pool, self._worker, self._deadline = pool, worker, deadline

    def __iter__(self) -> Iterator[bytes]:
        received = 0
        while self._worker is not None and received < self.length:
            try:
                chunk = self._pool._receive(self._worker, self._deadline, "recv_bytes")
            except GuildgraphError:
                self._worker = None  # the pool has discarded it
                raise
            received += len(chunk)
            if received >= self.length:  # all read: the worker is free before the last piece goes out
                self._pool._release(self._worker)
                self._worker = None
            yield chunk

    def read(self) -> bytes:
        try:
            return b"".join(self)
        finally:
            self.close()

    def close(self) -> None:
        """Give the worker back: killed if part of the answer is still unread (it is blocked sending it)."""
        if self._worker is not None:
            self._pool._discard(self._worker)
            self._worker = None


def _context():
    if "forkserver" in multiprocessing.get_all_start_methods():  # workers fork from a clean, preloaded process
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([worker_module.__name__])
        return ctx
    return multiprocessing.get_context("spawn")


class QueryPool:
    """Worker processes answering read-only queries over the store at `location` (see the module's docstring)."""

    def __init__(self, location: str | Path, *, workers: int = 4, timeout: float = 30.0,
                 max_rows: int | None = 10_000, memory_mb: int = 1024, allow_service: Iterable[str] = (),
                 max_waiting: int = MAX_WAITING):
        self.settings = Settings(str(location), memory_mb, max_rows, tuple(allow_service))
        self.workers = max(1, workers)
        self.timeout = timeout
        self.max_waiting = max_waiting
        self.generation = 0
        self._path = None if is_remote(str(location)) else Path(location)
        self._disk = disk_state(self._path) if self._path else ()
        self._ctx = _context()
        self._cond = threading.Condition()
        self._idle: list[_Worker] = []
        self._busy: set[_Worker] = set()
        self._starting: set[_Worker] = set()
        self._waiting = 0
        self._closed = False
        self._failure: GuildgraphError | None = None
        self._retry_at = 0.0
        self._watcher = threading.Thread(target=self._watch, name="query-pool", daemon=True)

    # -- life cycle ------------------------------------------------------------------------------------------
    def start(self, wait: float = 120.0) -> QueryPool:
        """Start the workers; returns once one is ready, or raises why none could start (e.g. StoreError)."""
        with self._cond:
            self._top_up()
        self._watcher.start()
        deadline = time.monotonic() + wait
        with self._cond:
            while not self._idle and self._failure is None and time.monotonic() < deadline:
                self._cond.wait(TICK)
            failure = self._failure if not self._idle else None
            ready = bool(self._idle)
        if failure is not None or not ready:
            self.close()
            raise failure or SetupError(f"no query worker started within {wait:g} s")
        return self

    def close(self) -> None:
        with self._cond:
            self._closed = True
            everyone = [*self._idle, *self._busy, *self._starting]
            self._idle, self._busy, self._starting = [], set(), set()
            self._cond.notify_all()
        for w in everyone:
            self._kill(w)
        if self._watcher.is_alive():
            self._watcher.join(5)

    def __enter__(self) -> QueryPool:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def running(self) -> int:
        """Queries running now."""
        with self._cond:
            return len(self._busy)

    @property
    def pids(self) -> list[int]:
        """Process ids of the workers (ready, running or starting)."""
        with self._cond:
            return [w.process.pid for w in (*self._idle, *self._busy, *self._starting)]

    # -- queries ---------------------------------------------------------------------------------------------
    def run(self, text: str, select_fmt: str | None, graph_fmt: str) -> Answer:
        """Run a query in a worker: its answer (SELECT/ASK written in `select_fmt`, CONSTRUCT/DESCRIBE in
        `graph_fmt`), or the domain error that stopped it (QueryTimeout at the time limit)."""
        deadline = time.monotonic() + self.timeout
        while True:
            worker = self._acquire(deadline)
            try:
                worker.conn.send(Request(text, select_fmt, graph_fmt, self.generation))
                break
            except OSError:  # it died while it was waiting for work: the query goes to another
                self._discard(worker)
        try:
            head = self._receive(worker, deadline, "recv")
        except BaseException:
            self._discard(worker)
            raise
        if head[0] == "error":
            _, error, going = head
            (self._release if going else self._discard)(worker)
            raise error
        _, form, fmt, length = head
        if length == 0:
            self._release(worker)
            return Answer(form, fmt, 0)
        return Answer(form, fmt, length, self, worker, deadline)

    def _acquire(self, deadline: float) -> _Worker:
        with self._cond:
            if self._closed:
                raise Busy("the endpoint is shutting down")
            if self._waiting >= self.max_waiting:
                raise Busy(f"{self._waiting} queries are waiting already; try again later")
            self._waiting += 1
            try:
                while not self._idle:
                    if self._failure is not None and not (self._busy or self._starting):
                        raise type(self._failure)(*self._failure.args)  # one instance per raising thread
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise QueryTimeout(f"no worker was free within the {self.timeout:g} s time limit "
                                           f"({len(self._busy)} queries running); try again later")
                    self._cond.wait(min(left, 0.25))
                    if self._closed:
                        raise Busy("the endpoint is shutting down")
                worker = self._idle.pop()
                worker.busy_since = time.monotonic()
                self._busy.add(worker)
                return worker
            finally:
                self._waiting -= 1

    def _receive(self, worker: _Worker, deadline: float, how: str):
        """The next message (`recv`) or piece of answer (`recv_bytes`) from `worker`, by `deadline`."""
        left = deadline - time.monotonic()
        try:
            if left <= 0 or not worker.conn.poll(left):
                self._discard(worker)
                raise QueryTimeout(f"the query ran over the {self.timeout:g} s time limit and was stopped")
            return getattr(worker.conn, how)()
        except (EOFError, OSError):
            raise self._death(worker) from None

    def _death(self, worker: _Worker) -> GuildgraphError:
        """The error for a query whose worker died under it (the worker is discarded)."""
        worker.process.join(5)
        code = worker.process.exitcode
        self._discard(worker)
        if code == -signal.SIGABRT:  # the engine could not allocate memory (the worker's cap) and aborted
            return out_of_memory(self.settings.memory_mb)
        how = f"signal {signal.Signals(-code).name}" if code is not None and code < 0 else f"exit status {code}"
        return QueryCrashed(f"the query crashed the process that ran it ({how}); the service goes on")

    def _release(self, worker: _Worker) -> None:
        """`worker` finished its query: ready again, or stopped if the pool has more than it needs."""
        with self._cond:
            self._busy.discard(worker)
            worker.busy_since = None
            if self._closed or self._total() > self._target():
                surplus = True
            else:
                surplus = False
                self._idle.append(worker)
            self._cond.notify_all()
        if surplus:
            self._kill(worker)

    def _discard(self, worker: _Worker) -> None:
        """Kill `worker` (a runaway, or one that died) and start what the pool lacks."""
        with self._cond:
            self._busy.discard(worker)
            if not self._closed:
                self._top_up()
            self._cond.notify_all()
        self._kill(worker)

    # -- housekeeping ----------------------------------------------------------------------------------------
    def _total(self) -> int:
        return len(self._idle) + len(self._busy) + len(self._starting)

    def _target(self) -> int:
        now = time.monotonic()
        slow = sum(1 for w in self._busy if w.busy_since is not None and now - w.busy_since > SLOW)
        return self.workers + min(slow, self.workers)

    def _top_up(self) -> None:
        """(Lock held.) Start workers until the pool has its target (none once it is closed: a worker started after
        `close()` took its list would outlive it, and the interpreter's exit would wait on it)."""
        if self._closed or time.monotonic() < self._retry_at:
            return
        for _ in range(self._target() - self._total()):
            parent, child = self._ctx.Pipe()
            process = self._ctx.Process(target=worker_module.main, args=(child, self.settings, self.generation),
                                        name="guildgraph-query", daemon=True)
            process.start()
            child.close()
            self._starting.add(_Worker(process, parent))

    def _kill(self, worker: _Worker) -> None:
        """Stop `worker` once, though a request's thread and `close()` may both try (a second close of its pipe
        would close whatever descriptor took the number since)."""
        with self._cond:
            if worker.killed:
                return
            worker.killed = True
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    def _started(self, worker: _Worker) -> None:
        """(Lock held.) A starting worker said it is ready, or failed, or died."""
        message = None
        if worker.conn.poll():
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                message = None
        elif worker.process.is_alive():
            return
        self._starting.discard(worker)
        if message is not None and message[0] == "ready":
            self._idle.append(worker)
            self._failure = None
        else:
            self._failure = message[1] if message is not None else QueryCrashed(
                f"a query worker died as it started (exit status {worker.process.exitcode})")
            self._retry_at = time.monotonic() + RETRY
            threading.Thread(target=self._kill, args=(worker,), daemon=True).start()
        self._cond.notify_all()

    def _watch(self) -> None:
        last_look = time.monotonic()
        while True:
            disk = None
            if self._path is not None and time.monotonic() - last_look >= WATCH:
                disk, last_look = disk_state(self._path), time.monotonic()
            with self._cond:
                if self._closed:
                    return
                for w in list(self._starting):
                    self._started(w)
                gone = [w for w in self._idle if not w.process.is_alive()]
                surplus = max(0, self._total() - len(gone) - self._target())
                gone += [w for w in self._idle if w not in gone][:surplus]  # ready ones the pool no longer needs
                self._idle = [w for w in self._idle if w not in gone]
                if disk is not None and disk != self._disk:
                    self._disk = disk
                    self.generation += 1  # each worker opens the store again before its next query
                self._top_up()
            for w in gone:
                self._kill(w)
            time.sleep(TICK)


__all__ = ["Answer", "QueryPool", "SLOW"]
