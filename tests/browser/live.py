"""A real `geokg serve` and a real headless Chromium, for the explorer's browser test and bench/page_bench.py.

Chromium is Debian's (/usr/bin/chromium, driven through /usr/bin/chromedriver
by Selenium); nothing is downloaded. The flags keep it from reaching for the
network (this machine has none but its package registries) and from reusing
a profile.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from selenium import webdriver
from selenium.webdriver.chrome.service import Service as DriverService

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
CHROMIUM_FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-quic", "--no-first-run")


def missing_browser() -> str | None:
    """Why a browser cannot be started here, or None when it can."""
    for path in (CHROMIUM, CHROMEDRIVER):
        if not path.exists():
            return f"{path} is missing: apt-get install chromium chromium-driver (.ci/run does)"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def served(store: Path, log: Path) -> Iterator[str]:
    """`geokg serve` on `store`, on a free loopback port; yields its base URL and stops it afterwards."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    geokg = Path(sys.executable).parent / "geokg"
    with log.open("wb") as output:
        process = subprocess.Popen([str(geokg), "serve", "--store", str(store), "--port", str(port),
                                    "--log-level", "warning"], stdout=output, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            while True:
                if process.poll() is not None:
                    raise RuntimeError(f"geokg serve exited with {process.returncode}: {log.read_text()}")
                try:
                    if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"geokg serve did not answer within 60 s: {log.read_text()}")
                time.sleep(0.2)
            yield url
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def chromium(width: int = 1280, height: int = 800) -> Iterator[webdriver.Chrome]:
    """Headless Chromium with a fresh profile, a `width`×`height` window and the console log kept."""
    with tempfile.TemporaryDirectory(prefix="geokg-chromium-") as profile:
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in CHROMIUM_FLAGS:
            options.add_argument(flag)
        options.add_argument(f"--user-data-dir={profile}")
        options.add_argument(f"--window-size={width},{height}")
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(options=options, service=DriverService(str(CHROMEDRIVER),
                                                                          env={**os.environ, "HOME": profile}))
        # The window size includes the browser's frame; the page itself should see exactly width×height.
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        try:
            yield driver
        finally:
            driver.quit()
