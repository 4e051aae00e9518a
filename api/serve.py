"""`geokg serve`: the HTTP service under uvicorn (registered in graph/cli.py).

Access logs are the app's own JSON lines (logger `geokg.access`) on stderr;
uvicorn's plain access log is switched off so each request is logged once.
"""

from __future__ import annotations

import logging
import sys
from typing import Annotated, Optional

import typer

from graph.store.commands import StoreOption

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"


def serve_command(
    store: StoreOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on; 0.0.0.0 exposes the service to the network.")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    api_key: Annotated[Optional[str], typer.Option(
        "--api-key", envvar="GEOKG_API_KEY", show_default=False,
        help="Key that POST /documents requires (X-API-Key header); without one, writes are refused.")] = None,
    log_level: Annotated[str, typer.Option(help="debug, info, warning or error.")] = "info",
) -> None:
    """Serve the store over HTTP (SPEC §5): /entities, /relations, /paths, /sparql, /export, /docs ...

    Limits come from the environment: GEOKG_SPARQL_TIMEOUT, GEOKG_SPARQL_MAX_BYTES,
    GEOKG_MAX_BODY_BYTES, GEOKG_CORS_ORIGINS, GEOKG_CACHE_SECONDS (see README).

    Example: geokg serve --store ./geokg-data --port 8000
    """
    import uvicorn  # noqa: PLC0415 - keep `geokg --help` fast

    from api.app import create_app  # noqa: PLC0415
    from api.settings import Settings  # noqa: PLC0415
    from graph.store.backend import StoreError  # noqa: PLC0415

    logging.basicConfig(level=log_level.upper(), format=LOG_FORMAT, stream=sys.stderr)
    try:
        settings = Settings.from_env(store=store, api_key=api_key)
    except ValueError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
    typer.echo(f"geokg: serving {settings.store} on http://{host}:{port} (API docs: http://{host}:{port}/docs)",
               err=True)
    try:
        uvicorn.run(create_app(settings), host=host, port=port, access_log=False, log_level=log_level.lower(),
                    log_config=None)
    except StoreError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from exc
