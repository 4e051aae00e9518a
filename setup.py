"""One build step on top of pyproject.toml: the explorer page's JavaScript libraries, from npm.

Cytoscape.js and Chart.js are installed by `npm ci` exactly as
package-lock.json pins them, and their built files (with their licences) are
copied into api/static/vendor/, which is package data: a wheel then serves
the page with no network and no Node.js. The copies are build output, ignored
by git and never committed. Every build runs this (`pip wheel .`,
`pip install .`, and the editable install of `make setup`), and fails with a
message saying what is missing rather than build a wheel whose page cannot
draw.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
VENDOR = ROOT / "api" / "static" / "vendor"
VENDOR_FILES = {
    "cytoscape.min.js": "cytoscape/dist/cytoscape.min.js",
    "cytoscape.LICENSE.txt": "cytoscape/LICENSE",
    "chart.umd.min.js": "chart.js/dist/chart.umd.min.js",
    "chart.js.LICENSE.txt": "chart.js/LICENSE.md",
}
"""File in api/static/vendor/ -> its source under node_modules/ (api/routers/page.py serves the .js files)."""


def vendor_javascript() -> None:
    """Run `npm ci` and copy the built libraries into api/static/vendor/."""
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit("building geokg needs npm (Node.js), to install the explorer page's JavaScript from "
                         "package-lock.json: install Node.js (Debian: apt-get install npm) and build again")
    subprocess.run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=ROOT, check=True)
    VENDOR.mkdir(parents=True, exist_ok=True)
    for name, source in VENDOR_FILES.items():
        shutil.copyfile(ROOT / "node_modules" / source, VENDOR / name)


class BuildWithJavaScript(build_py):
    """setuptools' build_py, after vendoring the JavaScript so that the package data includes it."""

    def run(self) -> None:
        vendor_javascript()
        super().run()


setup(cmdclass={"build_py": BuildWithJavaScript})
