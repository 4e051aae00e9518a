"""Test data and helpers for the service tests: the test articles, the API key, a real server.

Kept out of conftest.py so that test modules import them by a name no other
test folder uses.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

DATA = Path(__file__).parent / "data"
API_KEY = "test-key-0123456789"
WRITE = {"X-API-Key": API_KEY}


def drones_document(doc_id: str = "drones-report", published: str = "2025-03-04") -> dict[str, str]:
    """The test article: IRN arms RUS by three voices and one denial; IRN has influence over SYR."""
    return {"id": doc_id, "text": (DATA / "drones-report.txt").read_text(encoding="utf-8"), "published": published}


def follow_up_document() -> dict[str, str]:
    """A later, separate source for Iran arming Russia, and a new relation (Belarus hosts Russian troops)."""
    return {"id": "drones-follow-up", "text": (DATA / "drones-follow-up.txt").read_text(encoding="utf-8"),
            "published": "2025-04-02"}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class LiveServer:
    """`geokg serve` in its own process on a loopback port."""

    def __init__(self, store: Path, log: Path, **env: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log
        self._log = log.open("wb")
        geokg = Path(sys.executable).parent / "geokg"
        self.process = subprocess.Popen(
            [str(geokg), "serve", "--store", str(store), "--port", str(self.port)],
            env={**os.environ, "GEOKG_API_KEY": API_KEY, **env}, stdout=self._log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"geokg serve exited with {self.process.returncode}: {log.read_text()}")
            try:
                if httpx.get(self.url + "/health", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"geokg serve did not answer within 60 s: {log.read_text()}")
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._log.close()
