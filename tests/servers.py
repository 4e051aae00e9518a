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
