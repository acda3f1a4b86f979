"""pytest plugin: a private Virtuoso server for the SPARQL-endpoint tests (fixture `virtuoso`, session-scoped).

The server runs from a temporary directory with its own virtuoso.ini (adapted from the Debian package's stock
one): both ports are chosen at run time and bound to 127.0.0.1 only, every database file lives in the temporary
directory, file access (DirsAllowed) is limited to it, and it is stopped and deleted at the end of the session.
Install the server with `bash .ci/install-virtuoso.sh`; without it the fixture fails (it does not skip).
"""
from __future__ import annotations

import dataclasses
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

STOCK_INI = Path("/usr/share/virtuoso-opensource-7/virtuoso.ini")
START_TIMEOUT = 60.0  # seconds until /sparql must answer
STOP_TIMEOUT = 20.0  # seconds between SIGTERM and SIGKILL
INSTALL_HINT = "run .ci/install-virtuoso.sh (as root) to install Debian's virtuoso-opensource"


@dataclasses.dataclass(frozen=True)
class Virtuoso:
    """A running private Virtuoso: SPARQL endpoints and the dba account."""

    http_port: int
    sql_port: int
    user: str
    password: str
    data_dir: Path
    startup_seconds: float

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    @property
    def query_url(self) -> str:
        """The authenticated endpoint (Digest auth; queries and updates)."""
        return f"{self.base_url}/sparql-auth"

    @property
    def update_url(self) -> str:
        return self.query_url

    @property
    def public_url(self) -> str:
        """The anonymous endpoint (read-only)."""
        return f"{self.base_url}/sparql"

    def __repr__(self) -> str:  # no password in test reports
        return f"Virtuoso({self.base_url}, user={self.user!r})"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _set(ini: str, section: str, key: str, value: str) -> str:
    """`ini` with `key = value` in [section] (replacing an existing, possibly commented-out, entry)."""
    lines = ini.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip().lower() == f"[{section.lower()}]"), None)
    if start is None:
        return ini.rstrip("\n") + f"\n\n[{section}]\n{key} = {value}\n"
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")), len(lines))
    pattern = re.compile(rf"^\s*;?\s*{re.escape(key)}\s*=", re.I)
    found = [i for i in range(start + 1, end) if pattern.match(lines[i])]
    if found:
        lines[found[0]] = f"{key} = {value}"
        for i in reversed(found[1:]):  # duplicated keys (the stock file has some): keep one
            del lines[i]
    else:
        lines.insert(start + 1, f"{key} = {value}")
    return "\n".join(lines) + "\n"


def write_ini(data_dir: Path, sql_port: int, http_port: int) -> Path:
    """A virtuoso.ini for a private instance in `data_dir`, listening on 127.0.0.1 only."""
    if not STOCK_INI.is_file():
        pytest.fail(f"{STOCK_INI} is missing: {INSTALL_HINT}", pytrace=False)
    ini = STOCK_INI.read_text()
    d = str(data_dir)
    vsp = data_dir / "vsp"
    vsp.mkdir()
    for section, key, value in [
        ("Database", "DatabaseFile", f"{d}/virtuoso.db"),
        ("Database", "ErrorLogFile", f"{d}/virtuoso.log"),
        ("Database", "LockFile", f"{d}/virtuoso.lck"),
        ("Database", "TransactionFile", f"{d}/virtuoso.trx"),
        ("Database", "xa_persistent_file", f"{d}/virtuoso.pxa"),
        ("TempDatabase", "DatabaseFile", f"{d}/virtuoso-temp.db"),
        ("TempDatabase", "TransactionFile", f"{d}/virtuoso-temp.trx"),
        ("Parameters", "ServerPort", f"127.0.0.1:{sql_port}"),
        ("Parameters", "DisableUnixSocket", "1"),
        ("Parameters", "DirsAllowed", d),
        ("Parameters", "VADInstallDir", f"{d}/vad/"),
        ("Parameters", "NumberOfBuffers", "10000"),
        ("Parameters", "MaxDirtyBuffers", "6000"),
        ("Parameters", "CheckpointInterval", "0"),
        ("Parameters", "ThreadsPerQuery", "2"),
        ("HTTPServer", "ServerPort", f"127.0.0.1:{http_port}"),
        ("HTTPServer", "ServerRoot", str(vsp)),
        ("HTTPServer", "DefaultMailServer", "127.0.0.1:25"),
        ("URIQA", "DefaultHost", f"127.0.0.1:{http_port}"),
        ("SPARQL", "ResultSetMaxRows", "10000"),
        ("SPARQL", "MaxQueryExecutionTime", "60"),
    ]:
        ini = _set(ini, section, key, value)
    # No plugins (wiki renderers etc.) and no SSL listener.
    ini = re.sub(r"(?ms)^\[Plugins\].*?(?=^\[|\Z)", "", ini)
    ini = re.sub(r"(?m)^(\s*SSLServerPort\s*=)", r";\1", ini)
    path = data_dir / "virtuoso.ini"
    path.write_text(ini)
    return path


def _answers(url: str) -> bool:
    query = urllib.parse.urlencode({"query": "ASK {}"})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(f"{url}?{query}", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def start_virtuoso(data_dir: Path) -> tuple[subprocess.Popen, Virtuoso]:
    binary = shutil.which("virtuoso-t")
    if binary is None:
        pytest.fail(f"virtuoso-t not found on PATH: {INSTALL_HINT}", pytrace=False)
    sql_port, http_port = _free_port(), _free_port()
    while http_port == sql_port:
        http_port = _free_port()
    ini = write_ini(data_dir, sql_port, http_port)
    log = open(data_dir / "stdout.log", "wb")
    began = time.monotonic()
    process = subprocess.Popen([binary, "-f", "-c", str(ini)], cwd=data_dir, stdout=log,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)
    log.close()
    server = Virtuoso(http_port=http_port, sql_port=sql_port, user="dba", password="dba", data_dir=data_dir,
                      startup_seconds=0.0)
    deadline = began + START_TIMEOUT
    while True:
        if process.poll() is not None:
            tail = (data_dir / "stdout.log").read_text(errors="replace")[-3000:]
            pytest.fail(f"virtuoso-t exited with status {process.returncode} while starting:\n{tail}",
                        pytrace=False)
        if _answers(server.public_url):
            break
        if time.monotonic() > deadline:
            _stop(process)
            tail = (data_dir / "stdout.log").read_text(errors="replace")[-3000:]
            pytest.fail(f"Virtuoso did not answer on {server.public_url} within {START_TIMEOUT:g} s:\n{tail}",
                        pytrace=False)
        time.sleep(0.25)
    return process, dataclasses.replace(server, startup_seconds=time.monotonic() - began)


def isql(server: Virtuoso, *statements: str) -> str:
    """Run SQL statements as dba through isql-vt (loopback)."""
    binary = shutil.which("isql-vt") or shutil.which("isql")
    if binary is None:
        pytest.fail(f"isql-vt not found on PATH: {INSTALL_HINT}", pytrace=False)
    script = "".join(s.rstrip().rstrip(";") + ";\n" for s in statements)
    done = subprocess.run([binary, f"127.0.0.1:{server.sql_port}", server.user, server.password,
                           "VERBOSE=OFF", "BANNER=OFF", "PROMPT=OFF", "ERRORS=STDOUT"],
                          input=script, capture_output=True, text=True, timeout=60, cwd=server.data_dir)
    if done.returncode != 0 or "*** Error" in done.stdout:
        pytest.fail(f"isql failed ({done.returncode}):\n{done.stdout}\n{done.stderr}", pytrace=False)
    return done.stdout


@pytest.fixture(scope="session")
def virtuoso():
    """A private Virtuoso on 127.0.0.1 (free ports), dba/dba, SPARQL updates allowed on /sparql-auth."""
    data_dir = Path(tempfile.mkdtemp(prefix="guildgraph-virtuoso-"))
    process = None
    try:
        process, server = start_virtuoso(data_dir)
        # dba may update through /sparql-auth (Digest) out of the box; make sure of it. The anonymous
        # /sparql endpoint (user SPARQL) stays read-only.
        isql(server, "GRANT SPARQL_UPDATE TO dba", "GRANT SPARQL_SELECT TO dba")
        yield server
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(data_dir, ignore_errors=True)


__all__ = ["virtuoso", "Virtuoso"]
