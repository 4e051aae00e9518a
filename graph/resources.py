"""Where geokg's packaged files are: every reader asks here, never beside its own source file.

The ontology, the SHACL shapes, the trigger lexicon and the gazetteer are
package data of the `ontology` package; the explorer page's files are package
data of `api`. `importlib.resources` finds them wherever the packages are
imported from: a checkout, an editable install or an installed wheel.

Readers get real `Path`s, because they glob folders (the gazetteer, its
generated files) and hand files to parsers that take paths. pip installs
wheels unpacked, so a package is always a folder on disk; a zipped import is
refused with a message rather than half-supported.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

DATA_PACKAGE = "ontology"
"""The package whose folder holds geokg.ttl, shapes.ttl, lexicon.toml and gazetteer/."""


def package_path(package: str, *parts: str) -> Path:
    """A file or folder inside an installed package: `package_path("api", "static", "explorer.js")`."""
    root = files(package)
    if not isinstance(root, Path):
        raise RuntimeError(f"the {package!r} package is not a folder on disk ({root!r}); install geokg with "
                           "pip, which unpacks it, instead of importing it from an archive")
    return root.joinpath(*parts)


def data_path(*parts: str) -> Path:
    """A file or folder of geokg's data: `data_path("geokg.ttl")`, `data_path("gazetteer")`."""
    return package_path(DATA_PACKAGE, *parts)
