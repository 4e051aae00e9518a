"""Real servers for the tests and benchmarks: `geokg serve` and `oxigraph serve` on free loopback ports.

One way to start a process, wait until it answers over HTTP, and stop it,
shared by the store, service and browser suites.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def running(command: list[str], ready_url: str, log: Path, what: str, timeout: float = 60,
            env: dict[str, str] | None = None) -> Iterator[None]:
    """Run `command` until `ready_url` answers (any HTTP status), and stop it afterwards."""
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT,
                                   env={**os.environ, **(env or {})})
        try:
            deadline = time.monotonic() + timeout
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"{what} exited with {process.returncode}: {log.read_text()}")
                try:
                    httpx.get(ready_url, timeout=1)
                    break
                except httpx.TransportError:
                    if time.monotonic() > deadline:
                        raise RuntimeError(f"{what} did not answer within {timeout:.0f} s: {log.read_text()}") from None
                    time.sleep(0.1)
            yield
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@dataclass(frozen=True)
class Served:
    """A running `geokg serve`: where it answers and which store it owns."""

    url: str
    store: Path


@contextmanager
def geokg_serve(store: Path, log: Path, **env: str) -> Iterator[Served]:
    """`geokg serve --store STORE` on a free port, with extra environment variables (e.g. GEOKG_API_KEY)."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    command = [str(BIN / "geokg"), "serve", "--store", str(store), "--port", str(port), "--log-level", "warning"]
    with running(command, f"{url}/health", log, "geokg serve", env=env):
        yield Served(url, store)


def oxigraph_binary() -> str | None:
    """The `oxigraph` server command of this environment (PyPI package `oxigraph`), if installed."""
    local = BIN / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


@contextmanager
def oxigraph_serve(location: Path, log: Path) -> Iterator[str]:
    """`oxigraph serve` on a free port; yields its `sparql+http://` store URL."""
    binary = oxigraph_binary()
    if binary is None:
        raise RuntimeError("the oxigraph server is not installed (pip install oxigraph)")
    base = f"http://127.0.0.1:{free_port()}"
    command = [binary, "serve", "--location", str(location), "--bind", base.removeprefix("http://")]
    with running(command, f"{base}/query?query=ASK%7B%7D", log, "oxigraph serve", timeout=30):
        yield f"sparql+{base}"


VIRTUOSO_INI = """\
; A throw-away Virtuoso for one test session: its own files, loopback ports only.
[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DirsAllowed = {dir}
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
CheckpointInterval = 0

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
"""


@dataclass(frozen=True)
class Virtuoso:
    """A running Virtuoso: its store URL, its SQL port (for isql and the bulk loader) and its files."""

    url: str
    sql_port: int
    directory: Path

    def isql(self, *statements: str) -> str:
        """Run SQL statements as `dba` through `isql-vt`; returns its output, raises on an error."""
        script = "\n".join(statement.rstrip(";") + ";" for statement in statements)
        result = subprocess.run([virtuoso_binaries()[1], f"127.0.0.1:{self.sql_port}", "dba", "dba"],
                                input=script, capture_output=True, text=True, timeout=300)
        if result.returncode != 0 or "*** Error" in result.stdout + result.stderr:
            raise RuntimeError(f"isql failed: {result.stdout}{result.stderr}")
        return result.stdout


def virtuoso_binaries() -> tuple[str, str] | None:
    """Debian's `virtuoso-t` and `isql-vt` (package virtuoso-opensource-7-bin), if installed."""
    server, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    return (server, isql) if server and isql else None


@contextmanager
def virtuoso_serve(directory: Path, log: Path) -> Iterator[Virtuoso]:
    """Virtuoso on free loopback ports with a new database in `directory`, SPARQL updates allowed."""
    binaries = virtuoso_binaries()
    if binaries is None:
        raise RuntimeError("Virtuoso is not installed (apt-get install virtuoso-opensource-7-bin)")
    directory.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port))
    base = f"http://127.0.0.1:{http_port}/sparql"
    command = [binaries[0], "+configfile", str(ini), "+foreground"]
    with running(command, f"{base}?query=ASK%7B%7D", log, "virtuoso-t", timeout=120):
        server = Virtuoso(f"sparql+{base}", sql_port, directory)
        server.isql('GRANT SPARQL_UPDATE TO "SPARQL"')
        yield server
