"""The explorer page: GET / and the few files it loads, kept out of the API's OpenAPI schema.

The HTML, CSS and JS are ours, in api/static/. The graph and chart
libraries, Cytoscape.js and Chart.js, are npm packages that geokg's build
step (setup.py, run by every install) copies into api/static/vendor/: package
data of the wheel, never committed, so the page works offline once installed.
Files are named in fixed tables: no request path reaches the file system.

The page talks to the service only (GET /entities, /export, /relations,
/dyads, /disputes), so its Content-Security-Policy allows nothing but this
origin (and inline styles, which Cytoscape.js and Chart.js set on the
elements they create).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from api.errors import ApiError
from graph.resources import package_path

STATIC = package_path("api", "static")

PAGE_FILES = {"explorer.css": "text/css; charset=utf-8", "explorer.js": "text/javascript; charset=utf-8"}
VENDOR_FILES: dict[str, Path] = {name: STATIC / "vendor" / name for name in ("cytoscape.min.js", "chart.umd.min.js")}
HEADERS = {
    "Cache-Control": "no-cache",
    "Content-Security-Policy": ("default-src 'self'; img-src 'self' data: blob:; "
                                "style-src 'self' 'unsafe-inline'; "
                                "script-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; "
                                "frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
}

router = APIRouter(include_in_schema=False)


@router.get("/")
def page() -> FileResponse:
    """The explorer: search an entity, see its relations as a graph, read the evidence."""
    return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8", headers=HEADERS)


@router.get("/static/{name}")
def page_file(name: str) -> FileResponse:
    if name not in PAGE_FILES:
        raise ApiError(404, f"no file /static/{name}; the explorer page is at /")
    return FileResponse(STATIC / name, media_type=PAGE_FILES[name], headers=HEADERS)


@router.get("/static/vendor/{name}")
def vendor_file(name: str) -> FileResponse:
    path = VENDOR_FILES.get(name)
    if path is None:
        raise ApiError(404, f"no file /static/vendor/{name}; the explorer page is at /")
    if not path.is_file():
        raise ApiError(503, f"{name} is not installed: geokg's build step puts it in api/static/vendor/; run "
                            f"`make setup` in a checkout (or reinstall geokg), then restart the service")
    return FileResponse(path, media_type="text/javascript; charset=utf-8", headers=HEADERS)
