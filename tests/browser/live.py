"""A real headless Chromium, for the explorer's browser test and bench/page_bench.py.

Chromium is Debian's (/usr/bin/chromium, driven through /usr/bin/chromedriver
by Selenium); nothing is downloaded. The flags keep it from reaching for the
network (this machine has none but its package registries) and from reusing
a profile.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

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
