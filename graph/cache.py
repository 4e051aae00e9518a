"""A compiled cache for data that is slow to build and rarely changes (gazetteer, ontology, name tables).

Start-up time matters for a command-line tool: parsing the ontology with
rdflib, reading and checking twenty thousand generated names and indexing them
for the name matcher take longer than loading the spaCy model. Each is built
once and pickled under the user cache directory (`$GEOKG_CACHE`, else
`$XDG_CACHE_HOME/geokg`, else `~/.cache/geokg`), in a file named by a digest
of everything it was built from: the data files, the source of the code that
builds it, and the Python version. A changed file gives a new digest, so a
stale cache is never read; it is rebuilt, and older files of the same name are
removed. A cache that cannot be read or written is simply rebuilt in memory.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
CACHE_ENV = "GEOKG_CACHE"


def cache_dir() -> Path:
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "geokg"


def digest(inputs: Iterable[Path]) -> str:
    """A digest of the files' names and contents, and of the Python version (pickles are not portable)."""
    h = hashlib.sha256(sys.version.encode())
    for path in sorted(Path(p) for p in inputs):
        h.update(str(path.name).encode() + b"\0")
        h.update(path.read_bytes() if path.exists() else b"\0missing")
    return h.hexdigest()[:20]


def cached(name: str, inputs: Iterable[Path], build: Callable[[], T]) -> T:
    """`build()`, or what it returned last time for the same inputs."""
    folder = cache_dir()
    target = folder / f"{name}-{digest(inputs)}.pickle"
    try:
        with target.open("rb") as handle:
            gc.disable()  # unpickling makes many objects at once; collecting meanwhile only slows it
            try:
                return pickle.load(handle)
            finally:
                gc.enable()
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=folder, prefix=f".{name}-", delete=False) as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, target)
        for old in folder.glob(f"{name}-*.pickle"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    return value
