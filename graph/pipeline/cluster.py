"""A build's extraction as a Dask job: partitions extracted by the workers of a cluster, bulk-loaded into the store.

`guildgraph build --cluster ADDRESS` runs here. ADDRESS is `local:N` (a `distributed.LocalCluster` of N worker
processes on this machine, its scheduler on loopback) or `tcp://HOST:PORT` (a running Dask scheduler). The client
(this process) keeps everything a local build does around extraction (ingest, the incremental plan, the sources
record, the fingerprint, the reference graphs: graph/pipeline/run.py); only the articles to extract go to the
cluster, cut into partitions (graph/pipeline/partition.py, the workers' side) of `partition_size` articles. Each
worker loads the spaCy pipeline and the reference once (the worker plugin `partition.LoadPipeline`), and writes one
N-Quads file and one JSON report per partition into `directory`, which the workers and the client share. The
client takes the partitions in order and loads each into the store (`Store.load_graphs`: Oxigraph's bulk loader,
or one `replace_graph` per article on a SPARQL server), so the store, and the exports, are those of a local build.
dask and distributed are imported only when a cluster build starts.

A worker lost mid-partition (killed, out of memory) is replaced by its nanny and the scheduler runs the partition
again elsewhere. A partition lost with too many workers (the scheduler's `allowed-failures`, 3 by default), a task
that raises `RETRIES + 1` times, a worker that runs another extractor (another build fingerprint) or a partition
file the client cannot see stop the build with a `ClusterError`: the partitions loaded before stay in the store,
and the next build does the rest.
"""
from __future__ import annotations

import contextlib
import json
import os
import re
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import URIRef

from ..errors import ClusterError, InvalidArgument, SetupError
from ..ingest import Article
from . import PARTITION_SIZE
from .parallel import Failed

if TYPE_CHECKING:
    from ..store import Store
    from .partition import Partition

CONNECT_TIMEOUT = 10.0  # seconds to reach a scheduler
RETRIES = 1  # runs again of a task that raised (a partition run again for a lost worker is not counted here)
PLUGIN_NAME = "guildgraph-pipeline"
#: The scheduler of a `local:N` cluster always serves HTTP (health, metrics; the dashboard if bokeh is there): on a
#: free loopback port, never on all interfaces, never on a fixed port another cluster may hold.
DASHBOARD = "127.0.0.1:0"
_ADDRESS = re.compile(r"^(?:local:(?P<workers>[0-9]+)|tcp://(?P<host>\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9_.-]+):(?P<port>[0-9]+))$")


@dataclass(frozen=True)
class Cluster:
    """Where a build's extraction runs: `address` (`local:N` or `tcp://HOST:PORT`), the directory the workers
    write their partitions into (None: `partitions/` beside a local store, `.guildgraph/partitions` otherwise) and
    the articles per partition."""

    address: str
    directory: Path | None = None
    partition_size: int = PARTITION_SIZE

    def __post_init__(self):
        check_address(self.address)
        if self.partition_size < 1:
            raise InvalidArgument(f"a partition holds at least one article, not {self.partition_size}")


def check_address(address: str) -> tuple[int | None, str | None]:
    """(N, None) for `local:N`, (None, the address) for `tcp://HOST:PORT`; InvalidArgument for anything else."""
    m = _ADDRESS.match(address.strip())
    workers, port = (int(m["workers"]) if m and m["workers"] else None), (int(m["port"]) if m and m["port"] else None)
    if m is None or workers == 0 or (port is not None and not 0 < port < 65536):
        raise InvalidArgument(f"bad cluster address {address!r}: give local:N (N worker processes on this machine) "
                              "or tcp://HOST:PORT (a running Dask scheduler)")
    return (workers, None) if workers else (None, address.strip())


def default_directory(store: Store) -> Path:
    """`partitions/` beside a local store's directory (`.guildgraph/partitions`), `.guildgraph/partitions` here
    for a SPARQL server."""
    path = getattr(store, "path", None)
    return Path(path).resolve().parent / "partitions" if path is not None else Path(".guildgraph/partitions").resolve()


def _worker_side():
    """graph/pipeline/partition.py, which needs dask and distributed (imported only for a cluster build, so that
    every other command starts without them)."""
    try:
        from . import partition
    except ModuleNotFoundError as e:
        if e.name not in ("dask", "distributed"):
            raise
        raise SetupError(f"a cluster build needs dask and distributed ({e}): pip install 'guildgraph[cluster]'") \
            from e
    return partition


@contextlib.contextmanager
def connect(address: str, timeout: float | None = None):
    """A `distributed.Client` on `address` (a LocalCluster of its own for `local:N`), closed on exit; `timeout`
    seconds (default CONNECT_TIMEOUT) to reach the scheduler."""
    plugin = _worker_side().LoadPipeline()
    from distributed import Client, LocalCluster

    workers, url = check_address(address)
    with contextlib.ExitStack() as stack:
        try:
            target = url or stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                             host="127.0.0.1", dashboard_address=DASHBOARD))
        except (OSError, RuntimeError) as e:  # distributed: "Cluster failed to start"
            raise ClusterError(f"cannot start a local cluster of {workers} workers: {e}") from e
        try:
            client = stack.enter_context(Client(target, timeout=timeout or CONNECT_TIMEOUT))
        except (OSError, TimeoutError) as e:
            raise ClusterError(f"cannot reach the Dask scheduler at {address}: {e}") from e
        client.register_plugin(plugin, name=PLUGIN_NAME)
        yield client


def _fresh(directory: Path) -> Path:
    """`directory`, created, without the partitions of an earlier build (a stale one must never be loaded)."""
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("part-*"):
        old.unlink()
    return directory


@dataclass
class Loaded:
    """One article's graph, loaded into the store from its partition."""

    article: Article
    graph: URIRef
    triples: int
    actors: int
    events: int
    relations: int


def _report(future, partition: Partition, fingerprint: str) -> dict:
    from distributed import KilledWorker

    try:
        report = future.result()
    except KilledWorker as e:
        raise ClusterError(f"partition {partition.index} was lost with its worker too many times (out of memory? "
                           f"give workers more memory, or use smaller partitions): {e}") from e
    except Exception as e:  # whatever the task raised, on a machine of its own, ends the build here
        raise ClusterError(f"partition {partition.index} failed on the cluster: {type(e).__name__}: {e}") from e
    if report["fingerprint"] != fingerprint:
        raise ClusterError(f"the worker on {report['host']} runs another extractor ({report['fingerprint']}; this "
                           f"build is {fingerprint}): install the same guildgraph on every worker")
    return report


def _outcomes(partition: Partition, articles: Sequence[Article], report: dict, store: Store,
              directory: Path) -> Iterator[Loaded | Failed]:
    """Load one partition's file into the store; each of its articles as loaded or failed, in order."""
    path = directory / report["file"]
    if not path.is_file():
        raise ClusterError(f"{path} (partition {partition.index}, written on {report['host']}) is not here: the "
                           "partition directory must be one the workers and this machine share")
    counts = store.load_graphs(path) if report["built"] else {}
    built = {b["identifier"]: b for b in report["built"]}
    reasons = {s["identifier"]: s["reason"] for s in report["skipped"]}
    for a in articles:
        b = built.get(a.identifier)
        if b is None:
            yield Failed(a, reasons.get(a.identifier, "no graph came back from the cluster"))
            continue
        graph = URIRef(b["graph"])
        yield Loaded(a, graph, counts.get(graph, b["triples"]), b["actors"], b["events"], b["relations"])


def extract_on_cluster(articles: Sequence[Article], store: Store, cluster: Cluster,
                       fingerprint: str) -> Iterator[Loaded | Failed]:
    """Extract `articles` on `cluster` and load their graphs into `store` partition by partition; each article
    as loaded (or why it has no graph), in order. `fingerprint` is the client's: every worker must have it."""
    if not articles:
        return
    worker_side = _worker_side()
    directory = _fresh(Path(os.path.abspath(cluster.directory or default_directory(store))))
    parts = worker_side.partitions(articles, cluster.partition_size)
    job = uuid.uuid4().hex[:12]  # the keys of this build's tasks (a scheduler may serve other builds too)
    with connect(cluster.address) as client:
        futures = [client.submit(worker_side.extract_partition, p, str(directory), pure=False, retries=RETRIES,
                                 key=f"guildgraph-{p.name}-{job}") for p in parts]
        try:
            for p, future in zip(parts, futures):
                start = p.index * cluster.partition_size
                report = _report(future, p, fingerprint)
                yield from _outcomes(p, articles[start:start + len(p.wanted)], report, store, directory)
                future.release()
        finally:
            client.cancel(futures)


def read_reports(directory: Path) -> list[dict]:
    """The partition reports in `directory` (what the last cluster build's workers wrote), in order."""
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(Path(directory).glob("part-*.json"))]


__all__ = ["Cluster", "Loaded", "PARTITION_SIZE", "check_address", "connect", "default_directory",
           "extract_on_cluster", "read_reports"]
